"""The card's per-inhibitor notes as a pathologist reads them (new-user review of stop 51: 'measured: EID1351 325 nM
vs 6 nM wild type, 54.2x WT above the 4-10-fold band -> resistant ... | other contexts, listed, not counted: ...'
read as curators' shorthand). Each note, as the JSON and TSV keep it (`plain_words` already applied), is split at its
' | ' into one line per part, and the shorthand is said in words: '54.2x WT' as '54.2 times the wild type's IC50',
'band' as 'range', '->' as 'graded', 'listed, not counted' as 'shown for reference, not used for the call'. What a
note claims and the sources it names are unchanged; the terms that stay ('other contexts', the 4-10-fold range) are
explained once under the card's table (`note_legend`), a band from the knowledge base's threshold rows the document
carries (`band_terms`), never from words written here. The HTML card only: the TSV, JSON and VCF keep their texts."""

from __future__ import annotations

import re
from collections.abc import Iterable

# a range as a note names it, with its source where given (thresholds.Grade._band_and_source)
_RANGE = r"-fold range(?: that [^()|]*? defines(?: \([^()|]*\))?)?"

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
        # the grade the range sets (thresholds.Grade.text: '-> resistant', '-> no grade (...)'), after the range's
        # source where the note names it ('the 4-10-fold range that PMID 25727400 defines (for alectinib, ...)')
        (rf"({_RANGE}) -> no grade \(", r"\1: not graded ("),
        (rf"({_RANGE}) -> ([a-z]+)", r"\1: graded \2"),
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
TERMS = (OTHER_CONTEXTS,)

# a band the notes name, explained from the knowledge base's threshold rows the document carries
# (knowledge_base.thresholds, schema 2.29; thresholds.as_rows): what each measure is
MEASURED = {
    "fold_vs_wt": (
        "a fold over wild type (the mutant's IC50 divided by the wild type's, measured in the same experiment)",
        "-fold range",
        "fold",
    ),
    "ic50_nM": ("an IC50 in nM, in the assay the band was defined for,", " nM band", "value"),
}
_ANY_FOLD_RANGE = re.compile(r"\b\d[\d.]*-\d[\d.]*-fold range\b")


def band_term(row: dict) -> tuple[str, re.Pattern[str], str]:
    """(the term, where it shows, what it means) for one threshold row, every number, grade and identifier from the
    row: ('4-10-fold range', ..., "a fold over wild type (...) of 4 to 10, which PMID 25727400 (CIViC EID1354;
    defined for alectinib, in Ba/F3 cells) calls resistant; the knowledge base grades a fold within it intermediate
    (...) and above it resistant; below it, the statement's own category stands")."""
    what, unit, noun = MEASURED[row["measure"]]
    low, high = f"{row['low']:g}", f"{row['high']:g}"
    source = " and ".join(f"PMID {p}" for p in row["pmids"]) or ", ".join(row["sources"]) or row["rule"]
    about = [f"CIViC {row['civic_eid']}"] if row["civic_eid"] else []
    about += [f"defined for {row['defined_for']}"] if row["defined_for"] else []
    source += f" ({'; '.join(about)})" if about else ""
    says = row["source_says"] or row["within"]
    meaning = f"{what} of {low} to {high}, " + (f"which {source} calls {says}" if says else f"as {source} defines it")
    places = ("within", "above", "below")
    graded = [f"{where} it {row[where]}" for where in places if row[where]]
    if row["within"] == "intermediate":  # RULES.md 3.3: a measured band never softens a resistance statement
        graded[0] += " (which never softens another source's resistance statement)"
    ungraded = " or ".join(where for where in places if not row[where])
    meaning += f"; the knowledge base grades a {noun} {' and '.join(graded)}" if graded else ""
    meaning += f"; {ungraded} it, the statement's own category stands" if ungraded else ""
    term = f"{low}-{high}{unit}"
    return term, re.compile(rf"\b{re.escape(term)}\b"), meaning


def band_terms(text: str, thresholds: list[dict] | None) -> list[tuple[str, str]]:
    """(term, meaning) for each band `text` names: from the document's threshold rows; from a document without them
    (written before schema 2.29), a neutral line that states no source and no grade."""
    if thresholds is not None:
        return [(term, meaning) for term, shows, meaning in map(band_term, thresholds) if shows.search(text)]
    said = dict.fromkeys(m.group(0) for m in _ANY_FOLD_RANGE.finditer(text))
    return [(term, f"{MEASURED['fold_vs_wt'][0]} in that range; {NO_ROWS}") for term in said]


NO_ROWS = "this report's JSON predates schema 2.29 and does not record the range's source or grades"


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


def note_legend(
    lines: Iterable[str], not_counted: bool = False, thresholds: list[dict] | None = None
) -> list[tuple[str, str]]:
    """(term, meaning) for each term in `TERMS` that the card's notes (`note_lines`) use, in `TERMS` order, then each
    band they name (`band_terms`: from the document's threshold rows, `thresholds`; None where it has none), then
    `NOT_COUNTED` where the card's columns list a source as not counted (`not_counted`)."""
    text = "\n".join(lines)
    said = [(term, meaning) for term, shows, meaning in TERMS if shows.search(text)] + band_terms(text, thresholds)
    return said + [NOT_COUNTED] if not_counted else said


__all__ = ["note_lines", "note_legend", "band_term", "band_terms", "CARD_WORDS", "TERMS"]
