"""A drug progressed on before a later inhibitor, re-sensitised by a change the tumour now carries: the earlier
progression does not override the genotype call (clinical review of alkannot 0.1.0 / KB 2.0.1, finding 2: C1156Y+L1198F
after crizotinib -> ceritinib -> lorlatinib, the re-challenge case of Shaw et al., NEJM 2016, PMID 26698910).

tests/data/resensitisation/resens_grch38.vcf (GRCh38, phased by PS) with its sample sheet:
R1 C1156Y+L1198F cis, crizotinib;ceritinib;lorlatinib   R2 the same, lorlatinib;crizotinib (crizotinib the latest)
R3 G1202R+L1198F cis, crizotinib;lorlatinib             R4 C1156Y alone, crizotinib;lorlatinib
R5 C1156Y+L1198F trans, crizotinib;lorlatinib           R6 as R1 after crizotinib;lorlatinib, ABCB1 IHC positive
R7 C1156Y+L1198F cis with L1198F at 2% (below --min-vaf 0.05), crizotinib;lorlatinib

tests/data/resensitisation/partners_grch38.vcf (GRCh38, PS where phased; run without --min-vaf) with
partners_samples.tsv: the re-sensitisation applies only to the documented compound itself, in cis and clonal (review
of 2026-12-01's changes, findings 1, 2 and 11):
P1-P3 L1198F alone after crizotinib;alectinib / crizotinib;lorlatinib / crizotinib;ceritinib
P4 C1156Y+L1198F phase unknown   P5 C1156Y+L1198F trans   P6 L1196M+L1198F cis   P7 G1202R+L1198F cis
P8 C1156Y+L1198F cis, L1198F 2% and C1156Y 30%   P11/P12 the same at 25%/30% (shown) and 23%/30% (not shown)
P9 C1156Y+L1198F cis after crizotinib;ceritinib   P10 the same after crizotinib;ceritinib;lorlatinib (all after
crizotinib;lorlatinib unless named)
"""

from __future__ import annotations

import csv
import html
import json
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, annotated_report

from alkannot.cohort import build_cohort
from alkannot.progression import COMPARABLE_VAF
from alkannot.report.json_report import document

DATA = Path(__file__).resolve().parent / "data" / "resensitisation"
# a drug before the latest progression's (clinical review of stop 48, finding 2: not "consistent with the genotype")
EARLIER = "the patient progressed on it earlier (sample sheet); the genotype call on this sample is resistant too; "
VCF, SHEET = DATA / "resens_grch38.vcf", DATA / "samples.tsv"
PARTNERS, PARTNERS_SHEET = DATA / "partners_grch38.vcf", DATA / "partners_samples.tsv"

# the reported case, as every note names it: a fact about the case (after lorlatinib), not about this patient
CASE = (
    "L1198F re-sensitised C1156Y to crizotinib in a reported case after lorlatinib (C1156Y+L1198F in cis; "
    "case-level evidence: case report EID844(PMID:26698910))"
)
R1_NOTE = (
    "the patient progressed on crizotinib earlier (sample sheet: crizotinib → ceritinib → lorlatinib), before "
    "ceritinib and lorlatinib; the tumour carries "
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
    # the call rests on EID844; LIN17T2 and CGI are listed for it, not counted (RULES.md 3.7; review 19, finding 8)
    assert call.sources == ("EID844(PMID:26698910)",)
    assert call.listed_sources == ("LIN17T2", "CGI(PMID:26698910)")
    assert call.note.startswith(R1_NOTE)
    # the drugs progressed on most recently stay resistant in this patient
    calls = {i.inhibitor: i for i in verdicts["R1_C1156Y_L1198F"].inhibitors}
    assert calls["lorlatinib"].category == "resistant" and not calls["lorlatinib"].resensitised
    assert calls["ceritinib"].category == "resistant" and not calls["ceritinib"].resensitised
    # mechanism and P-gp note: about the latest progression (lorlatinib), as before
    v = verdicts["R1_C1156Y_L1198F"]
    assert (v.mechanism, v.pgp.check) == ("on_target", "not_indicated")
    assert v.pgp.note == (
        "Not indicated: C1156Y+L1198F (cis; VAF 32.0% and 31.0%) is resistant to lorlatinib in the knowledge base "
        "[LIN17T2; EID843(PMID:26698910)], which explains the progression on lorlatinib if C1156Y+L1198F is in most "
        "tumour cells (alkannot does not know the tumour's purity)."
    )


def test_the_resensitised_drug_progressed_on_most_recently_stays_resistant(verdicts):
    call = _crizotinib(verdicts["R2_C1156Y_L1198F_criz_last"])
    assert (call.category, call.resensitised, call.sources) == ("resistant", False, ("sample_sheet",))
    assert call.note.startswith(
        "the patient progressed on crizotinib (sample sheet): resistant in this patient; the genotype-based call "
        "alone would be sensitive (C1156Y+L1198F (cis); one case report) [EID844(PMID:26698910)]; "
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
        f"alone would be unknown (L1198F+G1202R (cis)); {CASE}; not shown here: C1156Y is not present, and "
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
        (
            "R4_C1156Y",
            f"{EARLIER}resistant per",
        ),
        (
            "R5_C1156Y_L1198F_trans",
            f"{EARLIER}{CASE}; not shown here: "
            # a trans pair is not a compound: its call is not 'inferred ... on the compound' (review, sixth, 11)
            "L1198F and C1156Y are in trans (on different alleles): C1156Y is not shown with L1198F; least favourable "
            "call of the two mutations (different alleles: trans, not a compound; ",
        ),
        (
            "R7_L1198F_subclonal",
            # the genotype call is no longer the compound's sensitive one (compound_grouping.without_unshown_favour)
            f"{EARLIER}{CASE}; not shown here: "
            "L1198F below --min-vaf (subclonal or low-level: the bulk of the tumour may be as resistant as before); the "
            "compound's own call (sensitive) is not used: L1198F below --min-vaf (subclonal or low-level); ",
        ),
    ],
)
def test_no_resensitiser_in_the_tumour_keeps_the_progression_call(verdicts, sample, note):
    """Without L1198F, with L1198F on another allele (trans: C1156Y is not shown with L1198F), or with L1198F
    below --min-vaf (the bulk of the tumour may be as resistant as before), crizotinib stays resistant; where L1198F is
    present, the note names the reported case and why it is not shown here, as information only."""
    call = _crizotinib(verdicts[sample])
    assert (call.category, call.resensitised) == ("resistant", False)
    assert call.note.startswith(note)


def test_a_positive_abcb1_ihc_still_withholds_the_sensitive_call(verdicts):
    call = _crizotinib(verdicts["R6_C1156Y_L1198F_IHCpos"])
    assert (call.category, call.resensitised) == ("unknown", True)
    assert call.note.startswith(
        "ABCB1 (P-gp) IHC positive (sample sheet): P-gp overexpression conferred crizotinib resistance in vitro "
        "[KAT16, PMID 26870817; SEED, press release on KAT16]; the genotype-based call "
        "(sensitive, C1156Y+L1198F (cis); one case report) [EID844(PMID:26698910)] is not used for this patient, because the P-gp "
        "overexpression may reduce this drug's activity; "
        "the patient progressed on crizotinib earlier (sample sheet: crizotinib → lorlatinib), before lorlatinib; the "
        "tumour carries "
        f"C1156Y+L1198F in cis (FORMAT PS), L1198F at 31% and C1156Y at 32%; {CASE}: the earlier progression"
    )


def test_the_installed_cli_reports_it_in_json_tsv_html(cli):
    samples, rows, html, doc = cli
    # 2.2 resensitised, 2.3 truncating, 2.4 inputs[].min_vaf, label, vaf_source, subclonal widened
    assert doc["schema_version"] == "2.31"
    r1 = samples["R1_C1156Y_L1198F"]["inhibitors"]["crizotinib"]
    assert (r1["category"], r1["progressed_on"], r1["resensitised"]) == ("sensitive", True, True)
    assert r1["note"].startswith(R1_NOTE)
    assert samples["R2_C1156Y_L1198F_criz_last"]["inhibitors"]["crizotinib"]["resensitised"] is False
    row = rows["R1_C1156Y_L1198F"]
    # ceritinib's genotype call is the compound's inferred one, but the patient progressed on ceritinib: the call
    # rests on the progression, not marked inferred (JSON inferred: false); the note says the genotype call is
    # inferred (review 13, finding 5)
    # crizotinib's genotype call rests on one case, EID844 (clinical reading of stop 41, finding 8)
    assert (row["crizotinib"], row["ceritinib"], row["lorlatinib"]) == (
        "sensitive (one case report)",
        "resistant",
        "resistant",
    )
    ceritinib = samples["R1_C1156Y_L1198F"]["inhibitors"]["ceritinib"]
    assert (ceritinib["inferred"], ceritinib["progressed_on"]) == (False, True)
    assert ceritinib["note"].startswith(f"{EARLIER}inferred, least favourable")
    # every drug in one 'DRUGS: BASIS' entry (review of stop 46, item c): the re-sensitised one with its genotype basis
    assert row["inhibitor_basis"] == (
        "alectinib, brigatinib, ensartinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib, envonalkib: "
        "C1156Y+L1198F (cis);ceritinib, lorlatinib: the patient progressed on each (sample sheet);crizotinib: "
        "C1156Y+L1198F (cis), genotype call shown (progressed on earlier per the sample sheet, the compound reported "
        "to re-sensitise to it present in cis at comparable allele fractions)"
    )
    assert rows["R2_C1156Y_L1198F_criz_last"]["inhibitor_basis"] == (
        "ceritinib, alectinib, brigatinib, ensartinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib, envonalkib: "
        "C1156Y+L1198F (cis);crizotinib, lorlatinib: the patient progressed on each (sample sheet)"
    )
    # grid: an 'R' frame on the re-sensitised cells, explained in the legend; the card names it
    assert samples["R3_G1202R_L1198F"]["inhibitors"]["crizotinib"]["resensitised"] is False
    assert html.count('font-weight="bold" fill="#000">R</text>') == 2  # R1, R6
    assert "R (framed) = (progressed earlier; re-sensitising compound present): the sample sheet" in html
    assert "crizotinib <b>(progressed earlier; re-sensitising compound present)</b>" in html
    assert "L1198F re-sensitised C1156Y to crizotinib in a reported case after lorlatinib" in html


@pytest.fixture(scope="module")
def partners():
    """--min-vaf 0.01: the 2% L1198F passes it, so the allele-fraction comparison is what refuses it."""
    cohort = build_cohort([str(PARTNERS)], str(PARTNERS_SHEET), min_vaf=0.01)
    return {v.sample: v for v in cohort.verdicts}


L1198F_ALONE = (
    "the patient progressed on crizotinib (sample sheet): resistant in this patient; the genotype-based call alone "
    f"would be sensitive (L1198F; reviews only) [LIN17T2]; {CASE}; not shown here: C1156Y is not present; "
)
COMPOUND_SOURCES = "[EID844(PMID:26698910)]"
UNTESTED = (
    "C1156Y is not present, and L1198F is with {0} here, which it is not known to re-sensitise (untested); not called "
    "resistant: L1198F re-sensitised C1156Y to crizotinib in C1156Y+L1198F (EID844(PMID:26698910)); "
    "whether it does so with {0} is untested | "
)


def _withheld(basis: str, genotype: str, sources: str, why: str, mark: str = "") -> str:
    said = f"{basis}; {mark}" if mark else basis  # the change and the table's mark in one bracket (stop 54)
    return (
        f"the patient progressed on crizotinib (sample sheet): resistant in this patient; the genotype-based call "
        f"alone would be {genotype} ({said}){' ' + sources if sources else ''}; {CASE}; not shown here: {why}"
    )


@pytest.mark.parametrize(
    "sample, note",
    [
        ("P1_L1198F_criz_alec", L1198F_ALONE),
        ("P2_L1198F_criz_lorl", L1198F_ALONE),
        ("P3_L1198F_criz_cer", L1198F_ALONE),
        (
            "P4_C1156Y_L1198F_unphased",
            _withheld(
                "C1156Y+L1198F (phase not determined)",
                "sensitive",
                COMPOUND_SOURCES,
                "the phase of L1198F and C1156Y is not known: C1156Y is not shown with L1198F; ",
                "one case report",  # the table's mark of the call (stop 53)
            ),
        ),
        (
            "P5_C1156Y_L1198F_trans",
            f"{EARLIER}{CASE}; not shown here: "
            "L1198F and C1156Y are in trans (on different alleles): C1156Y is not shown with L1198F; least favourable "
            "call of the two mutations (different alleles: trans, not a compound; C1156Y resistant [LIN17T2; CHOI10, PMID 20979473; "
            "EID236(PMID:20979473); EID841(PMID:26698910); EID1346(PMID:24675041)]; L1198F sensitive (reviews only) [LIN17T2])",
        ),
        (
            "P6_L1196M_L1198F_cis",
            _withheld(
                "L1196M+L1198F (cis)",
                "unknown",
                "",  # an inferred unknown no source states: the parts' calls cite theirs (stop 42, finding 9)
                UNTESTED.format("L1196M"),
            ),
        ),
        (
            "P7_G1202R_L1198F_cis",
            _withheld(
                "L1198F+G1202R (cis)",
                "unknown",
                "",  # an inferred unknown no source states: the parts' calls cite theirs (stop 42, finding 9)
                UNTESTED.format("G1202R"),
            ),
        ),
        (
            "P8_L1198F_2pc_C1156Y_30pc",
            # the genotype call itself is no longer the compound's (compound_grouping.without_unshown_favour)
            "the compound's own call (sensitive) is not used: L1198F at 2% against C1156Y at 30%: part of the C1156Y "
            "alleles may lack L1198F",
        ),
        (
            "P12_L1198F_23pc_C1156Y_30pc",
            "the compound's own call (sensitive) is not used: L1198F at 23% against C1156Y at 30%: part of the C1156Y "
            "alleles may lack L1198F",
        ),
    ],
)
def test_the_resensitiser_without_the_documented_compound_keeps_the_progression_call(partners, sample, note):
    """L1198F alone (whatever the later drug), with an untested partner, phase unknown, in trans, or at an allele
    fraction well below its partner's with no --min-vaf: crizotinib stays resistant in this patient, the progression
    being the only patient-level evidence; the reported case is information only, with why it is not shown here."""
    call = _crizotinib(partners[sample])
    assert (call.category, call.progressed_on, call.resensitised) == ("resistant", True, False)
    # trans, and fractions too far apart for one allele: the genotype call is resistant itself, with its own sources
    genotype_resistant = ("P5_C1156Y_L1198F_trans", "P8_L1198F_2pc_C1156Y_30pc", "P12_L1198F_23pc_C1156Y_30pc")
    if sample not in genotype_resistant:
        assert call.sources == ("sample_sheet",)
    assert not set(call.sources) & {"EID844(PMID:26698910)", "CGI(PMID:26698910)"}  # the case is not cited for it
    assert call.note.startswith(note) if sample not in genotype_resistant[1:] else note in call.note
    # the reported case's history is never written as this patient's
    assert "the patient progressed on crizotinib earlier" not in call.note


@pytest.mark.parametrize(
    "sample, history, fractions",
    [
        ("P9_C1156Y_L1198F_cis_criz_cer", "ceritinib", "L1198F at 30% and C1156Y at 30%"),
        ("P10_C1156Y_L1198F_cis_criz_cer_lorl", "ceritinib and lorlatinib", "L1198F at 31% and C1156Y at 32%"),
        ("P11_L1198F_25pc_C1156Y_30pc", "lorlatinib", "L1198F at 25% and C1156Y at 30%"),
    ],
)
def test_the_documented_compound_in_cis_and_clonal_keeps_the_genotype_call(partners, sample, history, fractions):
    """C1156Y+L1198F in cis (PS), comparable allele fractions (25% against 30% is above four fifths), after a later
    drug: crizotinib `sensitive`. Lorlatinib need not be in this patient's history; the note names this patient's
    history and, separately, the reported case after lorlatinib."""
    call = _crizotinib(partners[sample])
    assert (call.category, call.progressed_on, call.resensitised) == ("sensitive", True, True)
    # the call rests on EID844; LIN17T2 and CGI are listed for it, not counted (RULES.md 3.7; review 19, finding 8)
    assert call.sources == ("EID844(PMID:26698910)",)
    assert call.listed_sources == ("LIN17T2", "CGI(PMID:26698910)")
    assert call.note.startswith(
        f"the patient progressed on crizotinib earlier (sample sheet: crizotinib → {' → '.join(history.split(' and '))}), "
        f"before {history}; the tumour carries "
        f"C1156Y+L1198F in cis (FORMAT PS), {fractions}; {CASE}: the earlier progression does not override the "
        "genotype-based call (sensitive, C1156Y+L1198F (cis)); "
    )


def test_the_comparable_allele_fraction_rule_is_four_fifths():
    """The number the notes and RULES.md section 8 state."""
    assert COMPARABLE_VAF == 0.8


def test_the_cli_marks_only_the_documented_compound_resensitised(tmp_path):
    doc, _ = annotated_report(PARTNERS, PARTNERS_SHEET, tmp_path / "r", "--min-vaf", "0.01")
    samples = {s["sample"]: s["inhibitors"]["crizotinib"] for s in doc["samples"]}
    shown = {"P9_C1156Y_L1198F_cis_criz_cer", "P10_C1156Y_L1198F_cis_criz_cer_lorl", "P11_L1198F_25pc_C1156Y_30pc"}
    assert {n: (c["category"], c["resensitised"]) for n, c in samples.items()} == {
        n: ("sensitive", True) if n in shown else ("resistant", False) for n in samples
    }
    assert len(samples) == 12
    rows = {r["sample"]: r for r in csv.DictReader(open(tmp_path / "r.tsv"), delimiter="\t")}
    assert (
        rows["P1_L1198F_criz_alec"]["inhibitor_basis"]
        == "ceritinib, brigatinib, ensartinib, lorlatinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib, "
        "envonalkib: L1198F;crizotinib, alectinib: the patient progressed on each (sample sheet)"
    )


def test_the_json_document_validates_against_the_schema(verdicts):
    jsonschema = pytest.importorskip("jsonschema")
    cohort = build_cohort([str(VCF)], str(SHEET), min_vaf=0.05)
    schema = json.loads((Path(__file__).resolve().parent.parent / "alkannot/report/schema.json").read_text())
    jsonschema.validate(document(cohort), schema)


def test_a_failed_rechallenge_and_fractions_that_do_not_fit_one_allele_keep_it_resistant(tmp_path):
    """Final review of 2026-12-01, findings 1 and 4: crizotinib after lorlatinib is the reported re-challenge itself,
    and progression on it there (or a second course of it) is this patient's answer: `resistant`. L1198F at 50%
    against C1156Y at 10% 'in cis' does not fit one allele carrying both: `resistant`. The note names the whole
    treatment sequence where the genotype call is shown."""
    lines = PARTNERS.read_text().splitlines(keepends=True)
    header = [line for line in lines if line.startswith("##")]
    columns = [line for line in lines if line.startswith("#CHROM")][0].rstrip("\n").split("\t")
    keep = columns.index("P9_C1156Y_L1198F_cis_criz_cer")  # C1156Y+L1198F in cis by PS, 30% each
    names = ["LORL_THEN_CRIZ", "CRIZ_TWICE", "CRIZ_CER_LORL", "CER_THEN_CRIZ"]
    body = []
    for line in lines:
        if line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        body.append("\t".join(fields[:9] + [fields[keep]] * len(names)) + "\n")
    vcf = tmp_path / "rechallenge.vcf"
    vcf.write_text("".join(header) + "\t".join(columns[:9] + names) + "\n" + "".join(body))
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\n"
        "LORL_THEN_CRIZ\tpositive:IHC\tlorlatinib;crizotinib;alectinib\n"
        "CRIZ_TWICE\tpositive:IHC\tcrizotinib;lorlatinib;crizotinib;brigatinib\n"
        "CRIZ_CER_LORL\tpositive:IHC\tcrizotinib;ceritinib;lorlatinib\n"
        "CER_THEN_CRIZ\tpositive:IHC\tceritinib;crizotinib;alectinib\n"
    )
    found = {v.sample: _crizotinib(v) for v in build_cohort([str(vcf)], str(sheet), min_vaf=0.05).verdicts}
    assert (found["LORL_THEN_CRIZ"].category, found["LORL_THEN_CRIZ"].resensitised) == ("resistant", False)
    assert (
        "not shown here: the patient progressed on crizotinib after lorlatinib (sample sheet: lorlatinib → crizotinib "
        "→ alectinib), to which C1156Y+L1198F is resistant: a re-challenge after that drug, the reported setting, "
        "already failed in this patient" in found["LORL_THEN_CRIZ"].note
    )
    assert (found["CRIZ_TWICE"].category, found["CRIZ_TWICE"].resensitised) == ("resistant", False)
    assert (
        "not shown here: the patient progressed on crizotinib 2 times (sample sheet: crizotinib → lorlatinib → "
        "crizotinib → brigatinib)" in found["CRIZ_TWICE"].note
    )
    # after ceritinib, to which the compound is resistant too (inferred from C1156Y): also a failed re-challenge
    assert (found["CER_THEN_CRIZ"].category, found["CER_THEN_CRIZ"].resensitised) == ("resistant", False)
    shown = found["CRIZ_CER_LORL"]
    assert (shown.category, shown.resensitised) == ("sensitive", True)
    assert shown.note.startswith(
        "the patient progressed on crizotinib earlier (sample sheet: crizotinib → ceritinib → lorlatinib), before "
        "ceritinib and lorlatinib"
    )
    # L1198F at 50%, C1156Y at 10%: swap in the allele fractions (the PS still says cis)
    swapped = []
    for line in vcf.read_text().splitlines(keepends=True):
        if line.startswith("chr2\t29220759\t"):  # L1198F
            line = line.replace("0|1:210,90:0.3:300:1000", "0|1:150,150:0.5:300:1000")
        elif line.startswith("chr2\t29222392\t"):  # C1156Y
            line = line.replace("0|1:210,90:0.3:300:1000", "0|1:270,30:0.1:300:1000")
        swapped.append(line)
    vcf.write_text("".join(swapped))
    calls = {v.sample: _crizotinib(v) for v in build_cohort([str(vcf)], str(sheet), min_vaf=0.05).verdicts}
    # and without --min-vaf nothing shows the compound is the tumour's bulk (last check, finding C): resistant
    untested = {v.sample: _crizotinib(v) for v in build_cohort([str(PARTNERS)], str(PARTNERS_SHEET)).verdicts}
    p9 = untested["P9_C1156Y_L1198F_cis_criz_cer"]
    assert (p9.category, p9.resensitised) == ("resistant", False)
    assert "not shown here: no --min-vaf was given, so whether the compound is the bulk of the tumour" in p9.note
    assert calls["CRIZ_CER_LORL"].category == "resistant" and not calls["CRIZ_CER_LORL"].resensitised
    assert "L1198F at 50% against C1156Y at 10%: fractions this far apart do not fit one allele carrying both" in (
        calls["CRIZ_CER_LORL"].note
    )


def test_a_three_change_compound_names_what_is_untested_not_the_documented_partner():
    """Final review of 2026-12-01, finding 10: for C1156Y+L1198F+G1202R the note said 'whether it does so with
    C1156Y, G1202R is untested', though re-sensitisation of C1156Y is what is documented."""
    from alkannot.alterations import parse_alteration
    from alkannot.kbfiles import load_knowledge_base

    kb = load_knowledge_base()
    note = kb.call(parse_alteration("C1156Y+L1198F+G1202R")).calls["crizotinib"].note
    assert "whether it does so with G1202R also present is untested" in note and "with C1156Y" not in note
    assert (
        "whether it does so with L1196M is untested"
        in kb.call(parse_alteration("L1196M+L1198F")).calls["crizotinib"].note
    )


def test_without_min_vaf_the_untested_rechallenge_case_is_said_in_the_cell(tmp_path):
    """Without --min-vaf the re-challenge case stays unassessed (nothing tests whether the compound is the tumour's
    bulk), but R1's crizotinib cell no longer reads a bare 'resistant' beside a note that says the documented
    compound is there: JSON `rechallenge_untested`, the TSV cell's qualifier and the grid's tooltip say it (clinical
    review of stop 30, finding 2). Not where another reason holds it back (R7: L1198F at 2% against C1156Y at 33%;
    R2: crizotinib was the latest progression), nor with --min-vaf, where R1 is shown re-sensitised."""
    run = subprocess.run(
        [ALKANNOT, "-q", "report", str(VCF), "--samples", str(SHEET), "--out", str(tmp_path / "r")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "r.json").read_text())
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(
        doc, json.loads((Path(__file__).resolve().parent.parent / "alkannot/report/schema.json").read_text())
    )
    samples = {s["sample"]: s for s in doc["samples"]}
    flagged = {name for name, s in samples.items() if s["inhibitors"]["crizotinib"]["rechallenge_untested"]}
    assert flagged == {"R1_C1156Y_L1198F", "R6_C1156Y_L1198F_IHCpos"}
    r1 = samples["R1_C1156Y_L1198F"]["inhibitors"]["crizotinib"]
    assert (r1["category"], r1["resensitised"]) == ("resistant", False)
    assert (
        "not shown here: no clonality cut-off (--min-vaf) was set for this run, so whether the compound" in r1["note"]
    )
    rows = {r["sample"]: r for r in csv.DictReader(open(tmp_path / "r.tsv"), delimiter="\t")}
    assert rows["R1_C1156Y_L1198F"]["crizotinib"] == "resistant (re-challenge not assessed: no --min-vaf)"
    assert rows["R7_L1198F_subclonal"]["crizotinib"] == "resistant"
    assert (
        "; re-challenge not assessed: no --min-vaf (the compound reported to re-sensitise to it is present in cis"
        in (html.unescape((tmp_path / "r.html").read_text()))
    )


def test_with_min_vaf_no_rechallenge_case_is_left_unassessed(cli):
    samples, rows, _, _ = cli
    assert not any(s["inhibitors"]["crizotinib"]["rechallenge_untested"] for s in samples.values())
