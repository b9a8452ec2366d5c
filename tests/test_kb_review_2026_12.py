"""Knowledge-base findings of the clinical review of 2026-12 (findings 3, 5, 6 and 15), checked where a user
reads them: `alkannot lookup` and the sample report."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import helpers

from alkannot.kbfiles import load_knowledge_base
from alkannot.pgp import PgpInputs, pgp_assessment
from alkannot.samplesheet import parse_sample_sheet

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EX = ROOT / "example_vcfs"
V3_NOTE = "a preclinical study reported reduced in-vitro sensitivity of v3 (CIViC D, rating 2) [EID1197]"
PEL21_QUOTE = (
    "'A major resistance mutation to alectinib, brigatinib, and ceritinib is the ALK G1202R solvent front mutation'"
)
EID1351_MEASURED = (
    "measured: EID1351 325 nM vs 6 nM wild type, 54.2x WT above the 4-10-fold band that PMID 25727400 defines (for "
    "alectinib, in Ba/F3 cells) -> resistant (EML4-ALK v3; Ba/F3 EML4-ALK v3 G1202R)"
)
EID1351_OTHER_ROW = (
    "other contexts, listed, not counted: resistant per EID1351's NPM-ALK row (cancer (unspecified); NPM-ALK; the same "
    "item's EML4-ALK v3 row decides)"
)


def lookup(*args) -> str:
    done = helpers.run("lookup", *args, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def lookup_json(query: str) -> dict:
    return json.loads(lookup(query, "--json"))


def call_of(looked: dict, inhibitor: str) -> dict:
    return (
        next(c for c in looked["calls"] if c["inhibitor"] == inhibitor)
        if isinstance(looked["calls"], list)
        else looked["calls"][inhibitor]
    )


def statement_rows(out: str, inhibitor: str) -> list[list[str]]:
    rows = out.split("# statements")[1].split("\n# sources")[0].splitlines()[2:]
    return [re.split(r"\s{2,}", r.strip()) for r in rows if r.startswith(inhibitor + " ")]


def report(tmp_path: Path, vcf: Path, sheet: Path, *extra) -> dict:
    prefix = tmp_path / "r"
    done = helpers.run("annotate", vcf, "--samples", sheet, "--report", prefix, "-o", tmp_path / "o.vcf", *extra)
    assert done.returncode == 0, done.stderr
    return {s["sample"]: s for s in json.loads((tmp_path / "r.json").read_text())["samples"]}


# ---------------------------------------------------------------- finding 3: a variant's preclinical item
def test_v3_crizotinib_is_sensitive_and_lists_the_preclinical_item():
    out = lookup("EML4::ALK v3")
    line = next(r for r in out.splitlines() if r.startswith("crizotinib "))
    assert line.split()[1] == "sensitive"
    assert "conflicting" not in line and "no sensitivity seen per EID1197" not in line
    assert f"EID1197: CIViC: does not support sensitivity (no sensitivity seen), {V3_NOTE}, " in line
    assert "listed, not counted: a preclinical finding about one fusion variant does not decide the call" in line
    eid1197 = next(r for r in statement_rows(out, "crizotinib") if r[3].startswith("EID1197"))
    assert eid1197[1:3] == ["unknown", "preclinical"]


def test_every_fusion_variant_is_sensitive_to_crizotinib():
    for variant in ("v1", "v2", "v3", "v5"):
        line = next(r for r in lookup(f"EML4::ALK {variant}").splitlines() if r.startswith("crizotinib "))
        assert line.split()[1] == "sensitive", variant


def _build_kb():
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "tools" / "build_kb.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(alteration, category, kind, eid="", sources="CIVIC", inhibitor="crizotinib"):
    level = "CIViC D, rating 2" if eid else ""
    return dict(
        alteration=alteration,
        inhibitor=inhibitor,
        category=category,
        evidence_kind=kind,
        civic_eid=eid,
        sources=sources,
        evidence_level=level,
        note="CIViC: resistance",
    )


def test_the_rule_is_the_same_for_every_variant_and_keeps_agreeing_items():
    """The rule is not about v3: a v2 item against the fusion's clinical evidence is listed, one that agrees
    votes, and without clinical evidence a variant item still votes."""
    rule = _build_kb().variant_preclinical_listed
    rows = [
        _row("ALK fusion", "sensitive", "clinical_trial", sources="KAZ14"),
        _row("EML4::ALK v2", "resistant", "preclinical", "EID9001"),
        _row("EML4::ALK v5a/b", "sensitive", "inferential", "EID9002"),
        _row("EML4::ALK v2", "resistant", "preclinical", "EID9003", inhibitor="neladalkib"),
    ]
    out = rule(rows)
    assert out[1]["category"] == "unknown"
    assert (
        "a preclinical study reported reduced in-vitro sensitivity of v2 (CIViC D, rating 2) [EID9001]"
        in (out[1]["note"])
    )
    assert [r["category"] for r in (out[0], out[2], out[3])] == ["sensitive", "sensitive", "resistant"]


def test_v3_sample_report_calls_crizotinib_sensitive(tmp_path):
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\tprogressed_on\nV3_T\tnone\n")
    sample = report(tmp_path, DATA / "sv" / "eml4_alk_v3_grch38.vcf", sheet)["V3_T"]
    assert sample["fusion_calls"][0].startswith("EML4::ALK v3a/b [positive;")
    crizotinib = sample["inhibitors"]["crizotinib"]
    assert crizotinib["category"] == "sensitive"
    assert V3_NOTE in crizotinib["note"] and "conflicting" not in crizotinib["note"]
    assert crizotinib["evidence_kinds"] == ["clinical_trial", "clinical", "case_report"]


# ---------------------------------------------------------------- finding 5: SOL18's 32.1% cohort
def _assess(history: str):
    sheet = parse_sample_sheet(f"sample\tprogressed_on\nS\t{history}\n")
    return pgp_assessment(load_knowledge_base(), PgpInputs(sheet.get("S"), ()))


def test_sol18_after_one_non_crizotinib_inhibitor_is_offered_only_after_alectinib_or_ceritinib():
    figure = (
        "lorlatinib, whose EU indication in this line names alectinib or ceritinib as the first ALK inhibitor: "
        "objective response rate 32.1% after one ALK inhibitor other than crizotinib (clinical trial) "
        "[SOL18, PMID 30413378"
    )
    assert figure in _assess("ceritinib").note  # after alectinib the note offers no options (P-gp low yield)
    for history in ("brigatinib", "ensartinib"):
        note = _assess(history).note
        assert "32.1%" not in note and "objective response rate 32.1%" not in note, history


# ---------------------------------------------------------------- finding 6: PEL21 on G1202R
def test_pel21_states_g1202r_resistant_to_alectinib_brigatinib_and_ceritinib_as_a_review_statement():
    out = lookup("G1202R")
    assert "its direction for brigatinib was not recorded" not in out
    for inhibitor in ("ceritinib", "alectinib", "brigatinib"):
        pel21 = [r for r in statement_rows(out, inhibitor) if r[3] == "PEL21"]
        assert len(pel21) == 1 and pel21[0][1:3] == ["resistant", "review"], inhibitor
        assert PEL21_QUOTE in pel21[0][-1]
        line = next(r for r in out.splitlines() if r.startswith(inhibitor + " "))
        assert line.split()[1] == "resistant", inhibitor


# ---------------------------------------------------------------- finding 15: the deciding measurement
def test_g1202r_brigatinib_note_shows_the_deciding_measurement_and_names_the_other_row():
    line = next(r for r in lookup("G1202R").splitlines() if r.startswith("brigatinib "))
    assert EID1351_MEASURED in line and EID1351_OTHER_ROW in line
    assert "resistant per EID1351 (cancer (unspecified); NPM-ALK)" not in line


def test_g1202r_brigatinib_note_in_the_sample_report(tmp_path):
    folder = EX / "GRCh38"
    p1 = report(
        tmp_path,
        folder / "tumor_normal.vcf",
        EX / "samples.tsv",
        "--sv",
        folder / "sv.vcf",
        "--min-vaf",
        "0.05",
    )["P1_T"]
    brigatinib = p1["inhibitors"]["brigatinib"]
    assert brigatinib["category"] == "resistant"
    assert brigatinib["note"].startswith(f"{EID1351_MEASURED} | {EID1351_OTHER_ROW} | ")
    assert f"PEL21: background sentence of the NVL-655 conference abstract: {PEL21_QUOTE}" in brigatinib["note"]
