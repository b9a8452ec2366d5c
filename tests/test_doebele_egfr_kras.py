"""EGFR and KRAS mutations as off-target candidates rest on a primary report since stop 50 (helper kb50b;
tools/kb_curation/reading_stop50_doebele.md): DOE12, Doebele et al., Clin Cancer Res 2012, PMID 22235099 (attribution
verified on the journal's page and PMC3311875), of 11 evaluable patients at progression on crizotinib one EGFR-mutant
and two KRAS-mutant tumours, one of each without a persisting ALK rearrangement; GAI13's 0 of 25 stays beside it and
the rows say the sources differ. The `unexpected_*` note (an EGFR or KRAS mutation in an ALK-positive tumour: confirm
the ALK status) goes on with DOE12's finding where the sample progressed, its scope said (helper kb50c). Real VCF:
tests/data/offtarget_context (EGFR L858R, KRAS G12C, VEP-annotated)."""

from __future__ import annotations

import csv
import html as htmllib
import re
from pathlib import Path

import pytest
from helpers import annotated_report

DATA = Path(__file__).parent / "data" / "offtarget_context"
KB = Path(__file__).parent.parent / "resources" / "kb"

DIFFER = (
    "while another series found no {gene} mutations in 25 crizotinib-resistant ALK+ tumours: the sources read differ "
    "on how often this occurs, and both concern crizotinib only"
)


@pytest.fixture(scope="module")
def reported(tmp_path_factory) -> tuple[dict, str]:
    prefix = tmp_path_factory.mktemp("doebele") / "r"
    return annotated_report(DATA / "bypass_grch38.vcf", DATA / "samples.tsv", prefix)


@pytest.fixture(scope="module")
def document(reported) -> dict:
    return reported[0]


def _finding(document: dict, sample: str) -> dict:
    (s,) = [s for s in document["samples"] if s["sample"] == sample]
    (found,) = s["off_target"]
    return {**found, "mechanism": s["mechanism"]}


def test_an_egfr_mutation_is_a_candidate_on_doe12_with_gai13_beside_it(document):
    found = _finding(document, "EGFR_bri")
    assert (found["record"], found["candidate"], found["verified"], found["sources"], found["mechanism"]) == (
        "chr7:55191822 T>G (p.L858R, VEP)",
        True,
        True,
        ["KARGER", "DOE12", "GAI13"],
        "off_target_candidate",
    )
    assert found["statement"] == (
        "EGFR activation is listed as a bypass track; in one series of 11 evaluable patients biopsied at progression "
        "on crizotinib, one showed outgrowth of an EGFR-mutant tumour without evidence of a persisting ALK "
        "rearrangement (a separate driver; a single case), " + DIFFER.format(gene="EGFR")
    )


def test_a_kras_mutation_is_a_candidate_on_doe12_with_gai13_beside_it(document):
    found = _finding(document, "KRAS_cri")
    assert (found["record"], found["candidate"], found["sources"], found["mechanism"]) == (
        "chr12:25245351 C>A (p.G12C, VEP)",
        True,
        ["KARGER", "DOE12", "GAI13"],
        "off_target_candidate",
    )
    assert found["statement"] == (
        "KRAS is listed as a bypass track; in one series of 11 evaluable patients biopsied at progression on "
        "crizotinib, two had a KRAS mutation (two cases), one of them without evidence of a persisting ALK "
        "rearrangement (a separate driver), " + DIFFER.format(gene="KRAS")
    )  # 'two cases' beside the mutation, not the separate driver, which DOE12 reports once (rev50b)


def test_doe12_is_cited_with_its_pmid_and_no_unverified_doi(document):
    """The report's source list gives DOE12's PMID (seen on PMC3311875, and CIViC EID764/EID766 carry it); the DOI,
    seen on the PMC page only, is not used as an identifier."""
    doe12 = document["sources"]["DOE12"]
    assert (doe12["pmid"], doe12["doi"]) == ("22235099", None)
    assert doe12["citation"].startswith(
        "Doebele RC, Pilling AB, Aisner DL, et al. Mechanisms of resistance to crizotinib in patients with ALK gene "
        "rearranged non-small cell lung cancer. Clin Cancer Res 2012;18(5):1472-82"
    )
    with open(KB / "sources.tsv", encoding="utf-8") as handle:
        (row,) = [r for r in csv.DictReader(handle, delimiter="\t") if r["key"] == "DOE12"]
    assert (row["pmid"], row["doi"], row["pmc"]) == ("22235099", "", "PMC3311875")


UNEXPECTED_AT_PROGRESSION = {
    "EGFR_bri": (
        "EGFR mutation (chr7:55191822 T>G (p.L858R, VEP)): ",
        "compare with the pre-treatment genotype (acquired at resistance, or present before) and confirm the ALK "
        "status; at progression on crizotinib, one series found, in 1 of 11 evaluable patients, outgrowth of an "
        "EGFR-mutant tumour without evidence of a persisting ALK rearrangement (a separate driver) [DOE12, PMID "
        "22235099].",
    ),
    "KRAS_cri": (
        "KRAS mutation (chr12:25245351 C>A (p.G12C, VEP)): ",
        "confirm the ALK status, by IHC where it rests on FISH alone; at progression on crizotinib, one series found a "
        "KRAS mutation in 2 of 11 evaluable patients, one of them without evidence of a persisting ALK rearrangement "
        "(a separate driver) [DOE12, PMID 22235099].",
    ),
}


def _unexpected_note(document: dict, sample: str) -> str:
    (s,) = [s for s in document["samples"] if s["sample"] == sample]
    (note,) = [n for n in s["notes"] if "is unexpected" in n]
    return note


@pytest.mark.parametrize("sample", sorted(UNEXPECTED_AT_PROGRESSION))
def test_the_unexpected_note_at_a_progression_says_what_doe12_found_keeping_its_sources(document, sample):
    """EGFR_bri progressed on brigatinib, KRAS_cri on crizotinib: the note says DOE12's finding with its own scope
    (crizotinib) either way, after the series at diagnosis, which it keeps (GAI13 first, with its PMID)."""
    opening, ending = UNEXPECTED_AT_PROGRESSION[sample]
    note = _unexpected_note(document, sample)
    assert note.startswith(opening + "in the series read at diagnosis ALK rearrangements did not occur together")
    assert "[GAI13, PMID 23729361; " in note and "ALIG14, PMID 24885803; WONG09, PMID 19170230]" in note
    assert note.endswith(ending)


def test_without_a_treatment_history_the_unexpected_note_ends_at_the_alk_status(tmp_path):
    """No progression in the sheet: DOE12's series (tumours at progression on crizotinib) is not said of the
    sample; the note ends as before, at the ALK status."""
    sheet = tmp_path / "no_history.tsv"
    sheet.write_text("sample\talk_status\nKRAS_cri\tpositive:FISH\nEGFR_bri\tpositive:IHC\n")
    document, html = annotated_report(DATA / "bypass_grch38.vcf", sheet, tmp_path / "r")
    assert _unexpected_note(document, "EGFR_bri").endswith("and confirm the ALK status.")
    assert _unexpected_note(document, "KRAS_cri").endswith(
        "and confirm the ALK status, by IHC where it rests on FISH alone."
    )
    assert "at progression on crizotinib, one series found" not in html


def test_the_card_says_doe12s_cases_once_in_its_off_target_findings(reported):
    """rev50b: EGFR_bri's and KRAS_cri's HTML cards said DOE12's cases twice, in the off-target findings ('... one
    showed outgrowth of an EGFR-mutant tumour ... (a separate driver; a single case), ...') and again at the end of the
    Notes' 'unexpected' note ('...; at progression on crizotinib, one series found, in 1 of 11 evaluable patients,
    ...'). The card's note ends at the ALK status (report/card_notes.off_target_said); the JSON's and TSV's notes,
    each column standing alone, keep the clause (the test above)."""
    _, page = reported
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", htmllib.unescape(page)))
    assert "at progression on crizotinib, one series found" not in text
    assert (
        text.count(
            "compare with the pre-treatment genotype (acquired at resistance, or present before) and confirm the ALK status. "
        )
        == 1
    )
    assert text.count("and confirm the ALK status, by IHC where it rests on FISH alone. ") == 1
    assert (
        text.count("one showed outgrowth of an EGFR-mutant tumour without evidence of a persisting ALK rearrangement")
        == 1
    )
    assert (
        text.count(
            "two had a KRAS mutation (two cases), one of them without evidence of a persisting ALK rearrangement"
        )
        == 1
    )
