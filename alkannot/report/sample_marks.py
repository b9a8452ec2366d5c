"""The sample's own marks beside a call on the HTML card (the patient's progression, a subclonal basis, a positive
ABCB1 IHC), and what each means, in the words of the card's legend (stop 48 review, words48b task 1: the card printed
them with no legend line, where each knowledge-base mark had one: readings.MARK_MEANINGS)."""

from __future__ import annotations

import textwrap

from ..flag_words import LOW_VAF_WORDS
from ..pgp_unsettled import PGP_UNSETTLED_LABEL
from ..readings import INFERRED_LABEL, MARK_MEANINGS, SOURCES_DISAGREE_LABEL

# beside the drug's name (the template's words): progressed on it, the call set by the progression (RULES.md 8)
PROGRESSED_LABEL = "progressed"
# beside the drug's name: progressed on it before a later drug, the documented re-sensitising compound present
RESENSITISED_LABEL = "progressed earlier; re-sensitising compound present"
SUBCLONAL_LABEL = "subclonal basis"  # beside the call: it rests on at most part of the tumour (JSON `subclonal`)


def subclonal_words(min_vaf: float | None) -> str:
    """What a '(subclonal basis)' call rests on: a change below the --min-vaf set for this run, or a compound whose
    allele fractions put it in at most part of the tumour; without --min-vaf only the latter (review 7, finding 13: the
    title named a cut-off that was not set)."""
    compound = "a compound whose allele fractions put it in at most part of the tumour"
    if min_vaf is None:
        return compound
    cut_off = f"below the clonality cut-off set for this run, VAF {min_vaf:g}"
    return f"a {LOW_VAF_WORDS} mutation ({cut_off}) or on {compound}"


def sample_mark_meanings(min_vaf: float | None) -> dict[str, str]:
    """Each of the sample's marks, as the card prints it, and what it means (the grid's legend says the same of its
    P, R, s and pg: grid_mark_lines)."""
    return {
        PROGRESSED_LABEL: "the sample sheet records progression on this inhibitor: the call is resistant for this "
        "patient whatever the genotype call, which the note gives",
        RESENSITISED_LABEL: "the sample sheet records progression on this inhibitor before a later one, and the "
        "tumour carries, in cis and clonal, the compound reported to re-sensitise to it: the genotype call is shown, "
        "not resistant; the note names the reported case",
        PGP_UNSETTLED_LABEL: "the sample sheet records ABCB1 (P-gp) IHC positive, and whether P-gp overexpression "
        "reduces this drug's activity is not established in the sources read: the genotype call is shown, marked; "
        "the note says what the sources say",
        SUBCLONAL_LABEL: f"the call rests on {subclonal_words(min_vaf)}; the basis column names it",
    }


# the grid's letter for each mark a call may have (page_reading.GRID_MARKS), in the legend's order, and the card's label
_GRID_LETTERS = (
    ("progressed_on", "P (framed)", PROGRESSED_LABEL),
    ("resensitised", "R (framed)", RESENSITISED_LABEL),
    ("subclonal", "s", SUBCLONAL_LABEL),
    ("inferred", "i", INFERRED_LABEL),
    ("sources_disagree", "d", SOURCES_DISAGREE_LABEL),
    ("pgp_unsettled", "pg", PGP_UNSETTLED_LABEL),
)


def grid_mark_lines(marked: set[str], min_vaf: float | None, width: int) -> list[str]:
    """The grid legend's lines for the marks its calls have (`marked`: page_reading.GRID_MARKS), each letter defined
    by the card's label, bracketed as the card prints it, and the card's legend words for it (sample_mark_meanings,
    readings.MARK_MEANINGS: one definition per mark; words48c task 1: the grid worded P, R, s and pg apart from the
    card), wrapped to `width` characters (the SVG's)."""
    meanings = {**MARK_MEANINGS, **sample_mark_meanings(min_vaf)}
    lines: list[str] = []
    for mark, letter, label in _GRID_LETTERS:
        if mark in marked:
            lines += textwrap.wrap(f"{letter} = ({label}): {meanings[label]} (see the card).", width)
    return lines
