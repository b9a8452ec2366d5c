"""CIViC "Sequential" items vote only for the drug their text ties the finding to (clinical review hN, finding 1;
RULES.md section 2). EID1483 (I1171N) and EID1484 (I1171S), PMID 25393796, report the mutation in a liver metastasis
sequenced after crizotinib and then alectinib, and none at crizotinib progression: they vote alectinib-resistant,
and their crizotinib statements are listed, not counted, with the reason. EID841 (C1156Y before ceritinib, then
progression on ceritinib) votes for both of its drugs. No call changes category: LIN17T2 lists I1171N and I1171S among
crizotinib-resistance mutations."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

from alkannot import kbfiles
from alkannot.alterations import parse_alteration
from alkannot.kbfiles import load_knowledge_base
from alkannot.lookup import run_lookup

ROOT = Path(__file__).resolve().parent.parent
SHARED_CIVIC = ROOT / "tests" / "data" / "kb" / "civic_alk_evidence.tsv"  # a copy of shared/kb's
KB = load_knowledge_base()
CRIZOTINIB_NOTE = {
    "EID1483": (
        "CIViC: resistance; therapies in sequence: crizotinib, then alectinib; mutation found at progression after "
        "alectinib, not shown at crizotinib progression: the text reports sequencing only of a liver metastasis "
        "'noted after 12 months', after crizotinib and then alectinib; listed, not a vote"
    ),
    "EID1484": (
        "CIViC: resistance; therapies in sequence: crizotinib, then alectinib; mutation found at progression after "
        "alectinib, not shown at crizotinib progression: the text reports sequencing only of a liver metastasis that "
        "'presented after 12 months on alectinib', not of the brain metastasis on crizotinib; listed, not a vote"
    ),
}


def _build_kb():
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "tools" / "build_kb.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(eid: str) -> dict[str, dict[str, str]]:
    with open(kbfiles.bundled_directory() / "calls.tsv", newline="") as handle:
        return {r["inhibitor"]: r for r in csv.DictReader(handle, delimiter="\t") if r["civic_eid"] == eid}


def test_every_sequential_item_of_the_civic_extract_was_read():
    with open(SHARED_CIVIC, newline="") as handle:
        sequential = {
            r["evidence_id"]
            for r in csv.DictReader(handle, delimiter="\t")
            if r["therapy_interaction_type"] == "Sequential"
        }
    build_kb = _build_kb()
    assert sequential == set(build_kb.SEQUENTIAL_READ) == {"EID841", "EID1483", "EID1484"}
    assert build_kb.SEQUENTIAL_READ["EID841"] is None  # its text supports both drugs
    item = {"evidence_id": "EID99999", "therapy_interaction_type": "Sequential"}
    with pytest.raises(SystemExit, match="EID99999: Sequential item not read"):
        build_kb.sequential_reading(item, "crizotinib", "resistant", "CIViC: resistance")


@pytest.mark.parametrize("eid", ["EID1483", "EID1484"])
def test_the_earlier_drug_is_listed_with_the_reason_and_the_later_drug_votes(eid):
    rows = _rows(eid)
    assert set(rows) == {"crizotinib", "alectinib"}
    assert rows["crizotinib"]["category"] == "unknown"
    assert rows["crizotinib"]["note"] == CRIZOTINIB_NOTE[eid]
    assert rows["alectinib"]["category"] == "resistant"
    assert rows["alectinib"]["note"] == (
        "CIViC: resistance; therapies in sequence: crizotinib, then alectinib; mutation found at progression after "
        "alectinib"
    )


def test_an_item_whose_text_supports_each_drug_votes_for_each():
    rows = _rows("EID841")
    assert {name: r["category"] for name, r in rows.items()} == {"crizotinib": "resistant", "ceritinib": "resistant"}
    assert all(
        r["note"] == "CIViC: resistance; therapies in sequence: crizotinib, then ceritinib, then luminespib"
        for r in rows.values()
    )


@pytest.mark.parametrize("alteration,eid", [("I1171N", "EID1483"), ("I1171S", "EID1484")])
def test_the_crizotinib_call_keeps_its_category_on_lin17t2_and_no_longer_counts_the_item(alteration, eid):
    doc = json.loads(run_lookup([alteration], as_json=True))["results"][0]["calls"]
    crizotinib, alectinib = doc["crizotinib"], doc["alectinib"]
    assert crizotinib["category"] == "resistant" and crizotinib["evidence_kinds"] == ["review"]
    assert crizotinib["sources"] == ["LIN17T2"] and f"{eid}(PMID:25393796)" in crizotinib["listed_sources"]
    assert KB.call(parse_alteration(alteration)).calls["crizotinib"].counted_sources == ("LIN17T2",)
    assert (
        # 'then': the finding said after the drugs does not read as a third therapy (clinical read of stop 43, 10)
        f"{eid}: therapies in sequence: crizotinib, then alectinib, mutation found at progression after alectinib, "
        "not shown at crizotinib progression: the text reports sequencing only of a liver metastasis"
    ) in crizotinib["note"]
    assert crizotinib["note"].split(f"{eid}: ", 1)[1].split(" | ")[0].endswith("listed, not counted")
    assert alectinib["category"] == "resistant"
    assert f"{eid}(PMID:25393796)" in KB.call(parse_alteration(alteration)).calls["alectinib"].counted_sources


def test_a_compound_cites_lin17t2_alone_for_i1171n_and_crizotinib():
    note = KB.call(parse_alteration("I1171N+L1198F")).calls["crizotinib"].note
    assert "(I1171N resistant (reviews only) [LIN17T2]; L1198F sensitive (reviews only) [LIN17T2])" in note
    assert "EID1483(PMID:25393796)]" not in note
