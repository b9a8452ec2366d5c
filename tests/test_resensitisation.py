"""A drug progressed on before a later inhibitor, re-sensitised by a change the tumour now carries: the earlier
progression does not override the genotype call (clinical review of alkannot 0.1.0 / KB 2.0.1, finding 2: C1156Y+L1198F
after crizotinib -> ceritinib -> lorlatinib, the re-challenge case of Shaw et al., NEJM 2016, PMID 26698910).

tests/data/resensitisation/resens_grch38.vcf (GRCh38, phased by PS) with its sample sheet:
R1 C1156Y+L1198F cis, crizotinib;ceritinib;lorlatinib   R2 the same, lorlatinib;crizotinib (crizotinib the latest)
R3 G1202R+L1198F cis, crizotinib;lorlatinib             R4 C1156Y alone, crizotinib;lorlatinib
R5 C1156Y+L1198F trans, crizotinib;lorlatinib           R6 as R1 after crizotinib;lorlatinib, ABCB1 IHC positive
R7 C1156Y+L1198F cis with L1198F at 2% (below --min-vaf 0.05), crizotinib;lorlatinib
"""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

from alkannot.cohort import build_cohort
from alkannot.report.json_report import document

DATA = Path(__file__).resolve().parent / "data" / "resensitisation"
VCF, SHEET = DATA / "resens_grch38.vcf", DATA / "samples.tsv"

# the reported case, as every note names it: a fact about the case (after lorlatinib), not about this patient
CASE = (
    "L1198F re-sensitised C1156Y to crizotinib in a reported case after lorlatinib (C1156Y+L1198F in cis; "
    "case-level evidence: case report CGI(PMID:26698910), EID844(PMID:26698910); review LIN17T2)"
)
R1_NOTE = (
    "the patient progressed on crizotinib earlier (sample sheet), before ceritinib and lorlatinib; the tumour carries "
    f"C1156Y+L1198F in cis (FORMAT PS), L1198F at 31% and C1156Y at 32%; {CASE}: the earlier progression does not "
    "override the genotype-based call (sensitive, C1156Y+L1198F (cis)); "
)


@pytest.fixture(scope="module")
def verdicts():
    cohort = build_cohort([str(VCF)], str(SHEET), min_vaf=0.05)
    return {v.sample: v for v in cohort.verdicts}


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """(JSON samples, TSV rows, HTML, MultiQC text) of the installed CLI."""
    out = tmp_path_factory.mktemp("resens")
    run = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(VCF), "--samples", str(SHEET), "--min-vaf", "0.05"]
        + ["--report", str(out / "r"), "-o", str(out / "o.vcf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads((out / "r.json").read_text())
    rows = {r["sample"]: r for r in csv.DictReader(open(out / "r.tsv"), delimiter="\t")}
    return {s["sample"]: s for s in doc["samples"]}, rows, (out / "r.html").read_text(), doc


def _crizotinib(verdict):
    (call,) = [i for i in verdict.inhibitors if i.inhibitor == "crizotinib"]
    return call


def test_an_earlier_progression_does_not_override_a_resensitised_genotype_call(verdicts):
    call = _crizotinib(verdicts["R1_C1156Y_L1198F"])
    assert (call.category, call.progressed_on, call.resensitised) == ("sensitive", True, True)
    assert call.basis == "C1156Y+L1198F (cis)"
    assert call.sources == ("LIN17T2", "CGI(PMID:26698910)", "EID844(PMID:26698910)")
    assert call.note.startswith(R1_NOTE)
    # the drugs progressed on most recently stay resistant in this patient
    calls = {i.inhibitor: i for i in verdicts["R1_C1156Y_L1198F"].inhibitors}
    assert calls["lorlatinib"].category == "resistant" and not calls["lorlatinib"].resensitised
    assert calls["ceritinib"].category == "resistant" and not calls["ceritinib"].resensitised
    # mechanism and P-gp note: about the latest progression (lorlatinib), as before
    v = verdicts["R1_C1156Y_L1198F"]
    assert (v.mechanism, v.pgp.check) == ("on_target", "not_indicated")
    assert v.pgp.note == (
        "Not indicated: C1156Y+L1198F (cis) is resistant to lorlatinib in the knowledge base [LIN17T2; "
        "EID843(PMID:26698910)], which explains the progression on lorlatinib."
    )


def test_the_resensitised_drug_progressed_on_most_recently_stays_resistant(verdicts):
    call = _crizotinib(verdicts["R2_C1156Y_L1198F_criz_last"])
    assert (call.category, call.resensitised, call.sources) == ("resistant", False, ("sample_sheet",))
    assert call.note.startswith(
        "the patient progressed on crizotinib (sample sheet): resistant in this patient; the genotype-based call "
        "alone would be sensitive (C1156Y+L1198F (cis)) [LIN17T2; CGI(PMID:26698910); EID844(PMID:26698910)]; "
        f"{CASE}; not shown here: the patient progressed on crizotinib most recently (sample sheet), with L1198F "
        "present; "
    )
    v = verdicts["R2_C1156Y_L1198F_criz_last"]
    assert (v.mechanism, v.pgp.check) == ("unexplained", "recommended")


def test_an_untested_compound_with_the_resensitiser_stays_resistant_in_this_patient(verdicts):
    """G1202R+L1198F: the genotype call is `unknown` (RULES.md section 4), but no documented re-sensitisation applies
    to this genotype, so the progression on crizotinib, the only patient-level evidence, decides (review of
    2026-12-01's changes, finding 2)."""
    call = _crizotinib(verdicts["R3_G1202R_L1198F"])
    assert (call.category, call.resensitised, call.sources) == ("resistant", False, ("sample_sheet",))
    assert call.note.startswith(
        "the patient progressed on crizotinib (sample sheet): resistant in this patient; the genotype-based call "
        "alone would be unknown (L1198F+G1202R (cis)) [LIN17T2; SEED; EID441(PMID:22277784); "
        f"EID1357(PMID:22277784); CGI; PMID:26698910; EID844]; {CASE}; not shown here: C1156Y is not present, and "
        "L1198F is with G1202R here, which it is not known to re-sensitise (untested); not called resistant: L1198F "
        "re-sensitised C1156Y"
    )
    v = verdicts["R3_G1202R_L1198F"]
    assert (v.mechanism, v.pgp.check) == ("on_target_possible", "low_yield")
    # the P-gp note's re-use sentence fits a drug the genotype does not rule out
    assert "A positive P-gp IHC would argue against giving crizotinib again" in v.pgp.note


@pytest.mark.parametrize(
    "sample, note",
    [
        ("R4_C1156Y", "the patient progressed on it (sample sheet), consistent with the genotype call; resistant per"),
        (
            "R5_C1156Y_L1198F_trans",
            f"the patient progressed on it (sample sheet), consistent with the genotype call; {CASE}; not shown here: "
            "L1198F and C1156Y are in trans (separate clones): the C1156Y clone keeps its resistance; inferred, ",
        ),
        (
            "R7_L1198F_subclonal",
            "the patient progressed on crizotinib (sample sheet): resistant in this patient; the genotype-based call "
            "alone would be sensitive (C1156Y+L1198F (cis) (subclonal/low part: may not explain the progression)) "
            f"[LIN17T2; CGI(PMID:26698910); EID844(PMID:26698910)]; {CASE}; not shown here: L1198F below --min-vaf "
            "(subclonal/low: the bulk of the tumour may be as resistant as before); ",
        ),
    ],
)
def test_no_resensitiser_in_the_tumour_keeps_the_progression_call(verdicts, sample, note):
    """Without L1198F, with L1198F in another clone (trans: the C1156Y clone keeps its resistance), or with L1198F
    below --min-vaf (the bulk of the tumour may be as resistant as before), crizotinib stays resistant; where L1198F is
    present, the note names the reported case and why it is not shown here, as information only."""
    call = _crizotinib(verdicts[sample])
    assert (call.category, call.resensitised) == ("resistant", False)
    assert call.note.startswith(note)


def test_a_positive_abcb1_ihc_still_withholds_the_sensitive_call(verdicts):
    call = _crizotinib(verdicts["R6_C1156Y_L1198F_IHCpos"])
    assert (call.category, call.resensitised) == ("unknown", True)
    assert call.note.startswith(
        "ABCB1 (P-gp) IHC positive (sample sheet): P-gp overexpression reduces its activity; the genotype-based call "
        "(sensitive, C1156Y+L1198F (cis)) [LIN17T2; CGI(PMID:26698910); EID844(PMID:26698910)] is not carried over; "
        "the patient progressed on crizotinib earlier (sample sheet), before lorlatinib; the tumour carries "
        f"C1156Y+L1198F in cis (FORMAT PS), L1198F at 31% and C1156Y at 32%; {CASE}: the earlier progression"
    )


def test_the_installed_cli_reports_it_in_json_tsv_html(cli):
    samples, rows, html, doc = cli
    assert doc["schema_version"] == "2.2"
    r1 = samples["R1_C1156Y_L1198F"]["inhibitors"]["crizotinib"]
    assert (r1["category"], r1["progressed_on"], r1["resensitised"]) == ("sensitive", True, True)
    assert r1["note"].startswith(R1_NOTE)
    assert samples["R2_C1156Y_L1198F_criz_last"]["inhibitors"]["crizotinib"]["resensitised"] is False
    row = rows["R1_C1156Y_L1198F"]
    assert (row["crizotinib"], row["ceritinib"], row["lorlatinib"]) == ("sensitive", "resistant", "resistant")
    assert row["inhibitor_basis"] == (
        "C1156Y+L1198F (cis);ceritinib, lorlatinib: resistant, progressed on (sample sheet);crizotinib: progressed on "
        "earlier (sample sheet), the compound reported to re-sensitise to it present (cis, clonal): genotype call shown"
    )
    assert rows["R2_C1156Y_L1198F_criz_last"]["inhibitor_basis"] == (
        "C1156Y+L1198F (cis);crizotinib, lorlatinib: resistant, progressed on (sample sheet)"
    )
    # grid: an 'R' frame on the re-sensitised cells, explained in the legend; the card names it
    assert samples["R3_G1202R_L1198F"]["inhibitors"]["crizotinib"]["resensitised"] is False
    assert html.count('font-weight="bold" fill="#000">R</text>') == 2  # R1, R6
    assert "R (framed) = progressed on it earlier; the compound reported to re-sensitise to it is present:" in html
    assert "crizotinib <b>(progressed earlier; re-sensitising compound present)</b>" in html
    assert "L1198F re-sensitised C1156Y to crizotinib in a reported case after lorlatinib" in html


def test_the_json_document_validates_against_the_schema(verdicts):
    jsonschema = pytest.importorskip("jsonschema")
    cohort = build_cohort([str(VCF)], str(SHEET), min_vaf=0.05)
    schema = json.loads((Path(__file__).resolve().parent.parent / "alkannot/report/schema.json").read_text())
    jsonschema.validate(document(cohort), schema)
