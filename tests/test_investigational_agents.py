"""An investigational agent's row says what the agent is and its status, whatever the call (RULES.md section 7):
gilteritinib's only `sensitive` calls (MIZ21, preclinical) carry the sourced report that its NSCLC development was
discontinued [DHI19GIL], as its `unknown` rows do (clinical review 2026-12-01, fourth reading, finding 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import annotated_report, readme_reports, run

from alkannot.alterations import parse_alteration
from alkannot.kbfiles import load_knowledge_base

KB = load_knowledge_base()
DATA = Path(__file__).parent / "data" / "investigational"
EXAMPLE = Path(__file__).parent.parent / "example_vcfs"
DISCONTINUED = "'Development for non-small cell lung cancer and solid tumours has been discontinued' [DHI19GIL]"
# each status with its sources: 'investigational' is not said bare (clinical read h1, findings 3 and 4)
STATUS = {
    "gilteritinib": "FLT3/AXL inhibitor (investigational for ALK: its ALK data are preclinical); in the US, approved "
    "2018-11-28 for adults with relapsed or refractory acute myeloid leukaemia with a FLT3 mutation; not approved for "
    f"ALK+ NSCLC [PENN18GIL; OPENFDA_GIL; MASSONC_GIL]; {DISCONTINUED}",
    # 'investigational' with as of when and on which sources; the decision that was due, its outcome not claimed
    # (KB traceability review of stop 45, item 2)
    "neladalkib": "investigational (ALK TKI; as of its NDA submission, announced 2026-04-07 [DAILYSCOUT26], and the "
    "NDA's acceptance for Priority Review, in an undated report [PDN26]); a US decision was due 2026-11-27 (the PDUFA "
    "target action date, a secondary report [PDN26]); its outcome is not in the knowledge base: check its current FDA "
    "status",
    "tpx0131": "investigational (ALK TKI); in the US, not approved in the sources read; a phase I/II trial (FORGE-1) "
    "started in 2021 (PMO21), in clinical development as of 2021 (OU21); its later status was not retrieved [PMO21; "
    "OU21, doi:10.1016/j.tranon.2021.101191]",
}
# the sources each status names, listed with the cell's own ('named in the note, not counted')
STATUS_SOURCES = {
    "gilteritinib": ("PENN18GIL", "OPENFDA_GIL", "MASSONC_GIL", "DHI19GIL"),
    # the date's source alone (PDN26); STOCKTITAN26 reports the submission only (clinical read of stop 45, r1, 2)
    "neladalkib": ("DAILYSCOUT26", "PDN26"),
    "tpx0131": ("PMO21", "OU21"),
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
        assert set(STATUS_SOURCES[name]) <= set(call.calls[name].note_sources), (name, call.calls[name].note_sources)
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
    assert {"DHI19GIL", "DAILYSCOUT26", "PDN26"} <= set(payload["sources"])


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
    # the US cell says 'approved', as the status note reads it (clinical read h1, finding 4)
    assert row["approval_us"].startswith("approved 2018-11-28 for ") and row["approval_eu"].startswith("2019-10-24 (")
    for region in ("us", "eu"):
        assert "FLT3" in row[f"approval_{region}"] and "not approved for ALK+ NSCLC" in row[f"approval_{region}"]
        keys = row[f"approval_{region}_sources"].split(";")
        assert len(keys) >= 2 and set(keys) <= known, keys


def test_the_example_report_names_the_status_sources_in_the_cell(tmp_path):
    """README's example: TPX-0131's cell says where 'investigational' comes from, and its Sources cell lists those
    sources with their identifiers (clinical read h1, finding 3: 'investigational (ALK TKI)' stood with no source)."""
    samples, tsv, page, doc = readme_reports(tmp_path / "r")
    cell = samples["P1_T"]["inhibitors"]["tpx0131"]
    assert cell["note"].startswith(STATUS["tpx0131"]), cell["note"]
    assert {"PMO21", "OU21"} <= set(cell["note_sources"]) and "OU21" in doc["sources"]
    assert "named in the note, not counted: " in page and "OU21 (doi:10.1016/j.tranon.2021.101191)" in page
    gilteritinib = samples["P1_T"]["inhibitors"]["gilteritinib"]["note"]
    assert "not approved for ALK+ NSCLC" in gilteritinib and "ALK activity investigational" not in gilteritinib
