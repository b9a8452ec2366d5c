"""An investigational agent's row says what the agent is and its status, whatever the call (RULES.md section 7):
gilteritinib's only `sensitive` calls (MIZ21, preclinical) carry the sourced report that its NSCLC development was
discontinued [DHI19GIL], as its `unknown` rows do (clinical review 2026-12-01, fourth reading, finding 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import annotated_report, run

from alkannot.alterations import parse_alteration
from alkannot.kbfiles import load_knowledge_base

KB = load_knowledge_base()
DATA = Path(__file__).parent / "data" / "investigational"
EXAMPLE = Path(__file__).parent.parent / "example_vcfs"
DISCONTINUED = "'Development for non-small cell lung cancer and solid tumours has been discontinued' [DHI19GIL]"
STATUS = {
    "gilteritinib": f"FLT3/AXL inhibitor (ALK activity investigational); {DISCONTINUED}",
    "neladalkib": "investigational (ALK TKI); a US decision was due 2026-11-27 (secondary reports [STOCKTITAN26; "
    "DAILYSCOUT26; PDN26]) and is not in the knowledge base: check the current label",
    "tpx0131": "investigational (ALK TKI)",
}


def test_the_investigational_agents_and_their_status():
    assert {name: KB.agent_status(name) for name in KB.inhibitor_names if KB.agent_status(name)} == STATUS


@pytest.mark.parametrize("alteration", ["I1171N+F1174I"])
def test_a_sensitive_gilteritinib_call_carries_the_status(alteration):
    call = KB.call(parse_alteration(alteration)).calls["gilteritinib"]
    assert call.category == "sensitive" and call.sources == ("MIZ21",)
    assert call.note.startswith(STATUS["gilteritinib"] + " | MIZ21: ")
    assert "no mutation-level data" not in call.note


ALTERATIONS = ["G1202R", "L1196M", "I1171N+F1174I", "G1202R+L1196M", "L1240S", "G1202del", "EML4-ALK", "EML4-ALK v3"]


@pytest.mark.parametrize("alteration", ALTERATIONS)
def test_every_call_on_an_investigational_agent_carries_the_status_once(alteration):
    call = KB.call(parse_alteration(alteration))
    for name, status in STATUS.items():
        note = call.calls[name].note
        assert note.startswith(status) and note.count(status) == 1, (name, note)
    for name in set(KB.inhibitor_names) - set(STATUS):  # approved drugs: no status note
        assert "investigational" not in call.calls[name].note, (name, call.calls[name].note)


def test_a_fusion_without_a_mutation_does_not_say_mutation_level_data():
    call = KB.call(parse_alteration("EML4-ALK"))
    assert call.calls["gilteritinib"].note == f"{STATUS['gilteritinib']} | no statement in the knowledge base"


def test_lookup_prints_the_status_on_the_sensitive_row_and_lists_its_source():
    result = run("lookup", "I1171N+F1174I", text=True)
    assert result.returncode == 0, result.stderr
    calls = result.stdout.split("\n# notes")[0]  # the call table, before the notes and statements
    (row,) = [line for line in calls.splitlines() if line.startswith("gilteritinib  sensitive")]
    assert DISCONTINUED in row
    assert "#   DHI19GIL: Dhillon S. Gilteritinib: First Global Approval" in result.stdout
    payload = json.loads(run("lookup", "--json", "I1171N+F1174I", text=True).stdout)
    assert DISCONTINUED in payload["results"][0]["calls"]["gilteritinib"]["note"]
    assert {"DHI19GIL", "STOCKTITAN26", "DAILYSCOUT26", "PDN26"} <= set(payload["sources"])


def test_the_sample_report_shows_the_status_on_the_sensitive_row(tmp_path):
    doc, page = annotated_report(DATA / "i1171n_f1174i_cis_grch38.vcf", DATA / "samples.tsv", tmp_path / "gi")
    (sample,) = doc["samples"]
    calls = sample["inhibitors"]
    assert calls["gilteritinib"]["category"] == "sensitive"
    assert calls["gilteritinib"]["note"].startswith(STATUS["gilteritinib"])
    assert "discontinued" in page and "DHI19GIL" in page and "DHI19GIL" in doc["sources"]
    # the approved drugs' rows are as they were: no status note
    assert calls["lorlatinib"]["category"] == "resistant" and "investigational" not in calls["lorlatinib"]["note"]
    assert all("investigational" not in calls[n]["note"] for n in set(calls) - set(STATUS))


def test_every_investigational_row_of_the_example_carries_the_status(tmp_path):
    """Fusion-only samples (P4_T, P5_T) and samples with a mutation alike."""
    doc, _ = annotated_report(
        EXAMPLE / "GRCh38" / "tumor_normal.vcf",
        EXAMPLE / "samples.tsv",
        tmp_path / "ex",
        "--sv",
        str(EXAMPLE / "GRCh38" / "sv.vcf"),
        "--fusions",
        f"P5_T={EXAMPLE / 'GRCh38' / 'fusions.tsv'}",
    )
    for sample in doc["samples"]:
        for name, status in STATUS.items():
            assert status in sample["inhibitors"][name]["note"], (sample["sample"], name)


def test_a_sample_without_an_alk_call_still_gets_the_status(tmp_path):
    """No ALK alteration and no fusion: no call at all, still the agent's status."""
    vcf = tmp_path / "empty.vcf"
    header = (DATA / "i1171n_f1174i_cis_grch38.vcf").read_text().split("#CHROM")[0]
    vcf.write_text(header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tGI_T\tGI_N\n")
    doc, _ = annotated_report(vcf, DATA / "samples.tsv", tmp_path / "e")
    calls = next(s for s in doc["samples"] if s["sample"] == "GI_T")["inhibitors"]
    assert calls["gilteritinib"]["category"] == "unknown"
    assert all(calls[name]["note"].startswith(status) for name, status in STATUS.items())


def test_gilteritinib_approvals_are_dated_with_their_sources_and_none_is_for_alk():
    """Its FLT3-AML approvals, each region's date and indication from sources read 2026-12-02 (PROVENANCE.md
    section 6), not the unsourced 'dates not retrieved' of shared/kb; every cited key is in sources.tsv."""
    row = next(r for r in KB.inhibitor_rows if r["inhibitor"] == "gilteritinib")
    known = {source.key for source in KB.sources()}
    assert row["approval_us"].startswith("2018-11-28 (") and row["approval_eu"].startswith("2019-10-24 (")
    for region in ("us", "eu"):
        assert "FLT3" in row[f"approval_{region}"] and "not approved for ALK+ NSCLC" in row[f"approval_{region}"]
        keys = row[f"approval_{region}_sources"].split(";")
        assert len(keys) >= 2 and set(keys) <= known, keys
