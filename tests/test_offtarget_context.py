"""An off-target candidate read in the patient's context (offtarget_notes.py; data tests/data/offtarget_context,
PROVENANCE.md there): a MET gain after crizotinib, itself a MET inhibitor, is not presented as a known cause of
crizotinib resistance; an EGFR or KRAS mutation in an ALK-positive tumour is named as unexpected, with the series
that found ALK rearrangements apart from them at diagnosis."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import annotated_report

DATA = Path(__file__).parent / "data" / "offtarget_context"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, dict]:
    prefix = tmp_path_factory.mktemp("context") / "r"
    document, _ = annotated_report(DATA / "bypass_grch38.vcf", DATA / "samples.tsv", prefix)
    return {s["sample"]: s for s in document["samples"]}


def test_a_met_gain_after_crizotinib_is_read_with_crizotinib_a_met_inhibitor(samples):
    """Listed, not counted as an off-target candidate (clinical review of stop 38, finding 2: it was the mechanism
    beside this very note, and outranked an ALK gain); the P-gp note names it and says nothing else was found."""
    sample = samples["MET_cri"]
    notes = " ".join(sample["notes"])
    assert (
        "MET copy number gain (chr7:116522196 <DUP> CN=9): listed, not counted as an off-target candidate after "
        "progression on crizotinib: crizotinib is itself a MET inhibitor [GIR16, doi:10.2147/LCTT.S99303]"
    ) in notes
    assert "the MET amplification figures read are after next-generation ALK inhibitors [DJ20" in notes
    assert "no source in the knowledge base reports MET amplification as a cause of resistance to crizotinib" in notes
    assert sample["mechanism"] != "off_target_candidate"
    assert [(o["gene"], o["candidate"]) for o in sample["off_target"]] == [("MET", False)]
    assert (
        "A finding not counted as an off-target candidate after progression on crizotinib is listed (MET "
        "chr7:116522196 <DUP> CN=9): see the off-target findings for why. No other protein-altering"
    ) in sample["pgp"]["note"]


def test_a_met_gain_after_alectinib_is_still_a_candidate(samples):
    assert samples["MET_aln"]["mechanism"] == "off_target_candidate"


def test_a_met_gain_after_alectinib_has_no_such_note(samples):
    assert not [n for n in samples["MET_aln"]["notes"] if "MET inhibitor" in n]


@pytest.mark.parametrize(
    "sample, said",
    [
        (
            "KRAS_cri",
            "did not occur together with KRAS mutations [GAI13, PMID 23729361; ALIG14, PMID 24885803; WONG09, PMID "
            "19170230], and",
        ),
        (
            "EGFR_bri",
            "did not occur together with EGFR mutations [GAI13, PMID 23729361; RODIG09, PMID 19671850; ALIG14, PMID "
            "24885803; WONG09, PMID 19170230]:",
        ),
    ],
)
def test_an_egfr_or_kras_driver_in_an_alk_positive_tumour_is_named_unexpected(samples, sample, said):
    notes = " ".join(samples[sample]["notes"])
    assert said in notes
    assert "an activating" in notes and "in an ALK-positive tumour is unexpected; if this one is activating" in notes


def test_no_unexpected_note_where_the_sheet_says_alk_negative(tmp_path):
    document, _ = annotated_report(DATA / "bypass_grch38.vcf", DATA / "samples_alk_negative.tsv", tmp_path / "r")
    assert not [n for s in document["samples"] for n in s["notes"] if "is unexpected" in n]
