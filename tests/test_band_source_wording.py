"""The fold-change band's source is named as the band's, never as the graded measurement's (clinical review hN,
finding 2): C1156Y and crizotinib is measured in EID1346 (Friboulet 2014, PMID 24675041); the 4-10-fold band is
PMID 25727400's, which its CIViC item EID1354 states for alectinib in Ba/F3 cells ("tested for sensitivity to
alectinib using Ba/F3 cells ... The authors considered a fold difference of 4 to 10 between the
alectinib-sensitized wild-type and mutant variant to indicate a resistant mutant variant")."""

import subprocess

from helpers import ALKANNOT

from alkannot.alterations import parse_alteration
from alkannot.kbfiles import load_knowledge_base
from alkannot.thresholds import Grade, defined_for

KB = load_knowledge_base()

NEW = (
    "measured: EID1346 177 nM, 9.3x WT within the 4-10-fold band that PMID 25727400 defines (for alectinib, in "
    "Ba/F3 cells) and calls resistant [FOLD_4_10] (EML4-ALK v3; Ba/F3 EML4-ALK v3 C1156Y)"
)


def test_the_bundled_band_says_what_its_source_defined_it_for():
    (band,) = KB.thresholds
    assert (band.rule, band.civic_eid, band.pmids) == ("FOLD_4_10", "EID1354", ("25727400",))
    assert band.defined_for == "alectinib, in Ba/F3 cells"


def test_c1156y_crizotinib_names_the_band_source_as_the_bands():
    c = KB.call(parse_alteration("C1156Y")).calls["crizotinib"]
    assert c.category == "resistant"
    assert NEW in c.note
    assert "which its source" not in c.note and "its source (PMID 25727400)" not in c.note


def test_lookup_prints_the_new_wording():
    out = subprocess.run([ALKANNOT, "lookup", "C1156Y"], capture_output=True, text=True, check=True).stdout
    row = next(line for line in out.splitlines() if line.startswith("crizotinib "))
    assert (
        "measured: EID1346 177 nM, 9.3x WT within the 4-10-fold band that PMID 25727400 defines (for alectinib, in "
        "Ba/F3 cells) and calls resistant (EML4-ALK v3; Ba/F3 EML4-ALK v3 C1156Y)"
    ) in row
    assert "which its source" not in out


def test_the_grade_sentence_without_a_known_scope():
    grade = Grade("FOLD_4_10", "fold_vs_wt", 9.3, False, "intermediate", "within", "4-10-fold", "resistant", "PMID 1")
    assert grade.as_its_source_says == (
        "9.3x WT within the 4-10-fold band that PMID 1 defines and calls resistant [FOLD_4_10]"
    )


def test_defined_for_says_only_what_the_items_rows_hold():
    ba_f3 = [
        ("alectinib", "preclinical", "Ba/F3 EML4-ALK v1 G1269A", "EML4-ALK v1"),
        ("alectinib", "preclinical", "Ba/F3 NPM-ALK G1269A", "NPM-ALK"),
    ]
    assert defined_for(ba_f3) == "alectinib, in Ba/F3 cells"
    assert defined_for([]) == ""
    # cells named differently, or a row that is not preclinical, or an assay without the background: the drug alone
    assert defined_for([*ba_f3, ("alectinib", "preclinical", "H3122 EML4-ALK v1", "EML4-ALK v1")]) == "alectinib"
    assert defined_for([("alectinib", "review", "Ba/F3 EML4-ALK v1", "EML4-ALK v1")]) == "alectinib"
    assert defined_for([("alectinib", "preclinical", "in vitro", "ALK fusion")]) == "alectinib"
    assert defined_for([*ba_f3, ("crizotinib", "preclinical", "Ba/F3 NPM-ALK", "NPM-ALK")]) == (
        "alectinib and crizotinib, in Ba/F3 cells"
    )
