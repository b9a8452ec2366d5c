"""The card's per-inhibitor notes as a pathologist reads them (new-user review of stop 51: 'measured: EID1351 325 nM
vs 6 nM wild type, 54.2x WT above the 4-10-fold band -> resistant ... | other contexts, listed, not counted: ...'
read as curators' shorthand). Each note, as the JSON and TSV keep it (`plain_words` already applied), is split at its
' | ' into one line per part, and the shorthand is said in words: '54.2x WT' as '54.2 times the wild type's IC50',
'band' as 'range', '->' as 'graded', 'listed, not counted' as 'shown for reference, not used for the call'. What a
note claims and the sources it names are unchanged; the terms that stay ('other contexts', the 4-10-fold range) are
explained once under the card's table (`note_legend`). The HTML card only: the TSV, JSON and VCF keep their texts."""

from __future__ import annotations

import re
from collections.abc import Iterable

# (pattern, words), applied in this order to each part of a note
CARD_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        # a fold over wild type (thresholds.Grade: '54.2x WT above the 4-10-fold band', '~6x WT within ...')
        (r"(~?)(\d[\d.]*)x WT\b", r"\1\2 times the wild type's IC50"),
        (r"(?<=the wild type's IC50) (above|within|below) the ", r", \1 the "),
        (r"\b(\d[\d.]*-\d[\d.]*)-fold band\b", r"\1-fold range"),
        # the IC50 a measured item gives ('EID1351 325 nM vs 6 nM wild type, '; evidence._measured)
        (r"\b(?!IC50\b)([A-Z][A-Z0-9]+) ([~<>]?\d[\d.]*) nM(?=,| vs )", r"\1, IC50 \2 nM"),
        # the grade the range sets (thresholds.Grade.text: '-> resistant', '-> no grade (...)')
        (r"-fold range -> no grade \(", "-fold range: not graded ("),
        (r"-fold range -> ([a-z]+)", r"-fold range: graded \1"),
        (r"\blisted,? (?:and )?not counted\b", "shown for reference, not used for the call"),
        (r"^not counted, as for ", "not used for the call, as for "),
        # PEL21's background sentences (statements.tsv): what 'review-level' means there
        (
            r"\breview-level: a background statement, not the abstract's own data",
            "a background statement restating earlier findings, not the abstract's own data",
        ),
        (r"\bn=1: ", "one patient: "),
    )
)

# the terms a note keeps, explained once under the card's table: (the term, where it shows, what it means)
OTHER_CONTEXTS = (
    "other contexts",
    re.compile(r"\bother contexts?\b"),
    "statements not about ALK-positive lung cancer: another disease or ALK form (neuroblastoma, NPM-ALK lymphoma), "
    "or a source that names neither; they never outvote a statement about ALK-positive lung cancer",
)
FOLD_RANGE = (
    "4-10-fold range",
    re.compile(r"\b4-10-fold range\b"),
    "a fold over wild type (the mutant's IC50 divided by the wild type's, measured in the same experiment) of 4 to "
    "10, which the authors of PMID 25727400 (CIViC EID1354, alectinib in Ba/F3 cells) count as resistance; the "
    "knowledge base grades a fold within it intermediate and above it resistant, and a fold within it does not "
    "soften another source's resistance statement",
)
TERMS = (OTHER_CONTEXTS, FOLD_RANGE)


def note_lines(note: str) -> list[str]:
    """A per-inhibitor note as the card prints it: one line per ' | '-joined part, each in words."""
    lines = []
    for part in note.split(" | "):
        for pattern, words in CARD_WORDS:
            part = pattern.sub(words, part)
        lines.append(part)
    return [line for line in lines if line]


# the card's Sources and Evidence columns keep 'also listed, not counted' (the JSON's listed_sources), which the notes
# now say in words
NOT_COUNTED = (
    "not counted (Sources and Evidence columns)",
    "shown for reference, not used for the call; the note says why",
)


def note_legend(lines: Iterable[str], not_counted: bool = False) -> list[tuple[str, str]]:
    """(term, meaning) for each term in `TERMS` that the card's notes (`note_lines`) use, in `TERMS` order, then
    `NOT_COUNTED` where the card's columns list a source as not counted (`not_counted`)."""
    text = "\n".join(lines)
    said = [(term, meaning) for term, shows, meaning in TERMS if shows.search(text)]
    return said + [NOT_COUNTED] if not_counted else said


__all__ = ["note_lines", "note_legend", "CARD_WORDS", "TERMS"]
