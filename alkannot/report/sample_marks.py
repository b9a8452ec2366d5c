"""The marks beside a call in the report: one table of each mark's code (the JSON key) and its words, from which the
TSV's inhibitor cells, the HTML card's marks, its legend and the grid's all read which marks a call carries
(`call_marks`); the sample's own marks (the patient's progression, a subclonal basis, a positive ABCB1 IHC) and what
each means, in the words of the card's legend (stop 48 review, words48b task 1: the card printed them with no legend
line, where each knowledge-base mark had one: readings.MARK_MEANINGS)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Collection, Iterable

from ..flag_words import LOW_VAF_WORDS
from ..pgp_unsettled import PGP_UNSETTLED_LABEL
from ..readings import (
    CASE_REPORT_ONLY,
    CASE_REPORTS_LABEL,
    KB_MARK_WORDS,
    MARK_MEANINGS,
    MARK_ORDER,
    ONE_CASE_REPORT,
    ONE_CASE_REPORT_LABEL,
    PRECLINICAL_LABEL,
    REVIEWS_LABEL,
    case_report_words,
)

# beside the drug's name (the template's words): progressed on it, the call set by the progression (RULES.md 8)
PROGRESSED_LABEL = "progressed"
# beside the drug's name: progressed on it before a later drug, the documented re-sensitising compound present
RESENSITISED_LABEL = "progressed earlier; re-sensitising compound present"
SUBCLONAL_LABEL = "subclonal basis"  # beside the call: it rests on at most part of the tumour (JSON `subclonal`)
# a drug progressed on whose documented re-challenge case (the re-sensitising compound in cis, comparable fractions)
# was not assessed for want of --min-vaf: said in the TSV's cell, not a bare 'resistant' (clinical review of stop 30,
# finding 2); the HTML grid's tooltip says it too
RECHALLENGE_UNTESTED = "re-challenge not assessed: no --min-vaf"

# each mark a call of the report may carry: its code (the JSON key, as sample_header.CALL_MARKS orders the
# ##alkannotSample Calls= qualifiers) and the words printed for it in brackets; the first two beside the drug's name,
# the others beside the call, the knowledge base's (readings.KB_MARK_WORDS, in their order; a case-report-only call's
# words as call_marks says), then the sample's own
MARK_WORDS = {
    "progressed_on": PROGRESSED_LABEL,
    "resensitised": RESENSITISED_LABEL,
    **KB_MARK_WORDS,
    "pgp_unsettled": PGP_UNSETTLED_LABEL,
    "subclonal": SUBCLONAL_LABEL,
    "rechallenge_untested": RECHALLENGE_UNTESTED,
}
BESIDE_CALL = tuple(MARK_WORDS)[2:]


def call_marks(call: dict, codes: Collection[str] = BESIDE_CALL) -> tuple[str, ...]:
    """The words of each mark among `codes` that `call` (an inhibitor's entry of a report document) carries, in
    MARK_WORDS' order: a case-report-only call's in case_report_words; '(progressed)' only where the re-sensitised
    mark does not stand instead."""
    found = []
    for code, said in MARK_WORDS.items():
        if code not in codes or not call.get(code) or (code == "progressed_on" and call.get("resensitised")):
            continue
        found.append(case_report_words(call.get(ONE_CASE_REPORT, False)) if code == CASE_REPORT_ONLY else said)
    return tuple(found)


def bracketed(marks: Iterable[str]) -> str:
    """' (inferred) (subclonal basis)': each mark in brackets after a space, as a call prints them."""
    return "".join(f" ({mark})" for mark in marks)


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


def mark_legend(inhibitors: list[dict], min_vaf: float | None = None) -> list[tuple[str, str]]:
    """(label, meaning) of each mark that the card's rows show (`inhibitors`: the card's entries, each carrying its
    call's JSON keys), as `alkannot lookup`'s legend words the knowledge base's: one line under the table for every
    mark shown, however many rows show it, in the order a row shows them (words48, task 1: '(inferred)' and '(sources
    disagree)' stood on the card with no legend line, the grid and lookup having one). The sample's own marks first
    beside the drug's name ('(progressed)'), then the knowledge base's in readings.MARK_ORDER, then the sample's beside
    the call ('(P-gp IHC positive: ...)', '(subclonal basis)'; words48b, task 1: these had no legend line). `min_vaf`:
    the run's, which '(subclonal basis)' names."""
    shown = {mark for i in inhibitors for mark in call_marks(i, MARK_WORDS)}
    meanings = {**MARK_MEANINGS, **sample_mark_meanings(min_vaf)}
    order = (PROGRESSED_LABEL, RESENSITISED_LABEL, *MARK_ORDER, PGP_UNSETTLED_LABEL, SUBCLONAL_LABEL)
    return [(label, meanings[label]) for label in order if label in shown]


# the marks of the evidence behind a call that the notes say beside it (readings.Reading.evidence_mark), in MARK_ORDER
NOTE_MARKS = (PRECLINICAL_LABEL, ONE_CASE_REPORT_LABEL, CASE_REPORTS_LABEL, REVIEWS_LABEL)


def note_mark_legend(notes: Iterable[str], shown: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, meaning) of each mark of NOTE_MARKS that the card's notes (`notes`: the P-gp note, the inhibitors' and
    the sample's) say beside a call and its rows do not show (`shown`: mark_legend's lines), in MARK_ORDER: a P-gp note
    says G1202R 'is sensitive to lorlatinib in the knowledge base (reviews only)' where the lorlatinib row, the drug
    progressed on, shows '(progressed)' (clinical read of stop 53: no legend line explained it). Read by the mark's
    own label, the words the legend explains, as a bracket or a bracket's last item ('(sensitive in the knowledge
    base, reviews only)'), not by any sentence's wording."""
    said = {label for label, _ in shown}
    text = " ".join(notes)
    return [
        (label, MARK_MEANINGS[label])
        for label in NOTE_MARKS
        if label not in said and re.search(rf"[(,;:] ?{re.escape(label)}\)", text)
    ]


def grid_title_marks(call: dict, min_vaf: float | None) -> str:
    """'; progressed: the sample sheet records progression on this inhibitor', '; subclonal basis: the call rests on
    ...': the sample's marks of a grid cell's title (its tooltip), each by the card's label and its legend's words
    (sample_mark_meanings), where the title had words of its own ('the patient progressed on this inhibitor before a
    later one; the compound reported to re-sensitise to it is present: genotype call shown', '; rests on ...'), in the
    order the title said them (clinical review of stop 49, second pass)."""
    said = ""
    if call.get("pgp_unsettled"):  # clinical review of stop 42, finding 4
        said += f"; {PGP_UNSETTLED_LABEL} (see the card)"
    if call.get("resensitised"):
        said += f"; {RESENSITISED_LABEL}: the genotype call is shown, not resistant (see the card)"
    elif call.get("progressed_on"):
        said += f"; {PROGRESSED_LABEL}: the sample sheet records progression on this inhibitor"
    if call.get("rechallenge_untested"):  # clinical review of stop 30, finding 2
        said += (
            f"; {RECHALLENGE_UNTESTED} (the compound reported to re-sensitise to it is present in cis at comparable "
            "allele fractions, but whether it is the tumour's bulk is not tested; see the card)"
        )
    if call.get("subclonal"):
        said += f"; {SUBCLONAL_LABEL}: the call rests on {subclonal_words(min_vaf)}"
    return said


# the grid's letter for each mark a call may have (page_reading.GRID_MARKS), in the legend's order
_GRID_LETTERS = (
    ("progressed_on", "P (framed)"),
    ("resensitised", "R (framed)"),
    ("subclonal", "s"),
    ("inferred", "i"),
    ("sources_disagree", "d"),
    ("pgp_unsettled", "pg"),
)


def grid_mark_lines(marked: set[str], min_vaf: float | None, width: int) -> list[str]:
    """The grid legend's lines for the marks its calls have (`marked`: page_reading.GRID_MARKS), each letter defined
    by the card's label, bracketed as the card prints it, and the card's legend words for it (sample_mark_meanings,
    readings.MARK_MEANINGS: one definition per mark; words48c task 1: the grid worded P, R, s and pg apart from the
    card), wrapped to `width` characters (the SVG's)."""
    meanings = {**MARK_MEANINGS, **sample_mark_meanings(min_vaf)}
    lines: list[str] = []
    for mark, letter in _GRID_LETTERS:
        if mark in marked:
            label = MARK_WORDS[mark]
            lines += textwrap.wrap(f"{letter} = ({label}): {meanings[label]} (see the card).", width)
    return lines
