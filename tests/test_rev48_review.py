"""Review of stop 48 (rev48, a thoracic oncologist's and molecular pathologist's reading of the P-gp notes).

Finding 1: beside a mutation that explains a progression on brigatinib, a positive ABCB1 IHC read "... only if P-gp
overexpression reduces the activity of brigatinib, which the sources read do not settle (see below)." No sentence
followed (a `not_indicated` note gives no per-drug effect), and for brigatinib the sources have not tested the tumour
effect at all (LI18BRIG is a transport study). The clause now says so in place, with its source.

Finding 2: a negative ABCB1 IHC read "P-gp efflux is unlikely.", more than a research-use IHC with no validated
antibody, scoring system or cut-off (the notes' own words) can say.

Inputs: tests/data/review38/pgp_ihc_cohort.vcf with its sheet (eleven tumour/normal pairs with ABCB1 IHC results)."""

from __future__ import annotations

from pathlib import Path

from helpers import annotated_report

DATA = Path(__file__).parent / "data" / "review38"
UNTESTED = (
    "ABCB1 (P-gp) IHC is positive (sample sheet): a candidate explanation of this progression only if P-gp "
    "overexpression reduces the activity of brigatinib, which the sources read have not tested (the one read on "
    "brigatinib and P-gp [LI18BRIG, doi:10.1016/j.phrs.2018.09.020] measured its transport by ABCB1, a "
    "pharmacokinetic question)."
)
EFFECT_SENTENCE = "Whether P-gp overexpression in the tumour reduces the activity of"


def _cohort(tmp_path):
    document, page = annotated_report(
        DATA / "pgp_ihc_cohort.vcf", DATA / "pgp_ihc_cohort.tsv", tmp_path / "r", "--min-vaf", "0.05"
    )
    return {s["sample"]: s for s in document["samples"]}, page


def test_a_positive_ihc_beside_an_explaining_mutation_says_what_the_sources_say_on_brigatinib(tmp_path):
    """C20a_T: G1202R after alectinib then brigatinib, ABCB1 IHC positive."""
    by, page = _cohort(tmp_path)
    c20a = by["C20a_T"]
    assert c20a["pgp_check"] == "not_indicated" and c20a["pgp"]["context"] == "explained_by_mutation"
    note = c20a["pgp"]["note"]
    assert UNTESTED in note
    assert "see below" not in note and "do not settle" not in note
    assert "LI18BRIG" in c20a["pgp"]["sources"]  # the note cites it, so the note's sources list it
    assert UNTESTED.replace("'", "&#39;") in page or UNTESTED in page


def test_see_below_is_said_only_where_the_sentence_follows(tmp_path):
    """Every note of the cohort that points below has the sentence on the tumour effect after it (C20h_T, G1202R
    after ensartinib, IHC positive: the check is recommended and the note gives ensartinib's disputed effect)."""
    by, _ = _cohort(tmp_path)
    pointing = {name: s["pgp"]["note"] for name, s in by.items() if "(see below)" in s["pgp"]["note"]}
    assert "C20h_T" in pointing
    for name, note in pointing.items():
        assert EFFECT_SENTENCE in note.split("(see below)", 1)[1], name


def test_a_negative_ihc_lowers_the_likelihood_without_excluding_p_gp(tmp_path):
    """C20e_T: no ALK change after lorlatinib then crizotinib, ABCB1 IHC negative: not indicated, the reason first."""
    by, _ = _cohort(tmp_path)
    c20e = by["C20e_T"]
    assert c20e["pgp_check"] == "not_indicated"
    assert c20e["pgp"]["note"].startswith(
        "Not indicated: ABCB1 (P-gp) IHC is already negative (sample sheet): P-gp overexpression, which reduces the "
        "activity of crizotinib in cell models [KAT16, PMID 26870817; SEED, press release on KAT16], was not shown, "
        "so it is a less likely explanation of the progression on crizotinib, though not excluded (the IHC is a "
        "research use: the sources read give no validated clinical antibody, scoring system or cut-off for it). "
        "Progressed most recently on crizotinib, and no ALK resistance mutation was found. A co-alteration, "
    )
    assert all("efflux is unlikely" not in s["pgp"]["note"] for s in by.values())
