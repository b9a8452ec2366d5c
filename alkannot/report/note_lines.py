"""The card's per-inhibitor notes as a pathologist reads them (new-user review of stop 51: 'measured: EID1351 325 nM
vs 6 nM wild type, 54.2x WT above the 4-10-fold band -> resistant ... | other contexts, listed, not counted: ...'
read as curators' shorthand). Each note, as the JSON and TSV keep it (`plain_words` already applied), is split at its
' | ' into one line per part, and the shorthand is said in words: '54.2x WT' as '54.2 times the wild type's IC50',
'band' as 'range', '->' as 'graded', 'listed, not counted' as 'shown for reference, not used for the call'. What an
item measured (an IC50, or a GI50, which is not one) is the call's `measures` the JSON carries (schema 2.30), never
guessed from the note: 'EID1342 GI50 2.2 nM, 1.4x WT' as 'EID1342, GI50 2.2 nM, 1.4 times the wild type's GI50'. What
a note claims and the sources it names are unchanged; the terms that stay ('other contexts', the 4-10-fold range) are
explained once under the card's table (`note_legend`), a band from the knowledge base's threshold rows the document
carries (`band_terms`), never from words written here. The HTML card only: the TSV, JSON and VCF keep their texts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# a range as a note names it, with its source where given (thresholds.Grade._band_and_source)
_RANGE = r"-fold range(?: that [^()|]*? defines(?: \([^()|]*\))?)?"

# (pattern, words), applied in this order to each part of a note
CARD_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        # a fold over wild type (thresholds.Grade: '54.2x WT above the 4-10-fold band', '~6x WT within ...') and an
        # item's value ('EID1351 325 nM vs 6 nM wild type, '; evidence._measured) the call's `measures` did not name
        # (`said_as` names those first): an IC50, as every measured item was before schema 2.30
        (r"(~?)(\d[\d.]*)x WT\b", r"\1\2 times the wild type's IC50"),
        (r"(?<=the wild type's )(IC50|GI50) (above|within|below) the ", r"\1, \2 the "),
        (r"\b(\d[\d.]*-\d[\d.]*)-fold band\b", r"\1-fold range"),
        (r"\b(?!(?:IC50|GI50)\b)([A-Z][A-Z0-9]+) ([~<>]?\d[\d.]*) nM(?=,| vs )", r"\1, IC50 \2 nM"),
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

# the terms a note keeps, explained once under the card's table: (the term, where it shows, what it means). RULES.md
# 3.2's meaning, written here: no knowledge-base table or JSON field holds it (RULES.md is prose no code reads; the rule
# itself is evidence.Statement.in_nsclc_context), so there is none to read it from (stop 52)
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
        "a fold over wild type (the mutant's {measure} divided by the wild type's, measured in the same experiment)",
        "-fold range",
        "fold",
    ),
    "ic50_nM": ("an IC50 in nM, in the assay the band was defined for,", " nM band", "value"),
}
_ANY_FOLD_RANGE = re.compile(r"\b\d[\d.]*-\d[\d.]*-fold range\b")


def band_term(row: dict, folds: tuple[str, ...] = ()) -> tuple[str, re.Pattern[str], str]:
    """(the term, where it shows, what it means) for one threshold row, every number, grade and identifier from the
    row: ('4-10-fold range', ..., "a fold over wild type (...) of 4 to 10, which PMID 25727400 (CIViC EID1354;
    defined for alectinib, in Ba/F3 cells) calls resistant; the knowledge base grades a fold within it intermediate
    (...) and above it resistant; below it, the statement's own category stands"); a fold of the measures `folds`
    names (`fold_measures`: 'the mutant's IC50 or GI50 divided by ...'), of IC50s where it names none."""
    what, unit, noun = MEASURED[row["measure"]]
    what = what.format(measure=" or ".join(folds or ("IC50",)))
    low, high = f"{row['low']:g}", f"{row['high']:g}"
    source = " and ".join(f"PMID {p}" for p in row["pmids"]) or ", ".join(row["sources"]) or row["rule"]
    about = [f"CIViC {row['civic_eid']}"] if row["civic_eid"] else []
    about += [f"defined for {row['defined_for']}"] if row["defined_for"] else []
    source += f" ({'; '.join(about)})" if about else ""
    says = row["source_says"] or row["within"]
    meaning = f"{what} of {low} to {high}, " + (f"which {source} calls {says}" if says else f"as {source} defines it")
    places = ("within", "above", "below")
    graded = [f"{where} it {row[where]}" for where in places if row[where]]
    # RULES.md 3.5, written here: the rule is evidence._decide's, and no threshold row or JSON field holds its words
    if row["within"] == "intermediate":  # a measured band never softens a resistance statement
        graded[0] += " (which never softens another source's resistance statement)"
    ungraded = " or ".join(where for where in places if not row[where])
    meaning += f"; the knowledge base grades a {noun} {' and '.join(graded)}" if graded else ""
    meaning += f"; {ungraded} it, the statement's own category stands" if ungraded else ""
    term = f"{low}-{high}{unit}"
    return term, re.compile(rf"\b{re.escape(term)}\b"), meaning


def band_terms(text: str, thresholds: list[dict] | None, folds: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(term, meaning) for each band `text` names: from the document's threshold rows; from a document without them
    (written before schema 2.29), a neutral line that states no source and no grade."""
    if thresholds is not None:
        terms = (band_term(row, folds) for row in thresholds)
        return [(term, meaning) for term, shows, meaning in terms if shows.search(text)]
    said = dict.fromkeys(m.group(0) for m in _ANY_FOLD_RANGE.finditer(text))
    fold = MEASURED["fold_vs_wt"][0].format(measure="IC50")  # a JSON before 2.29 has no `measures` either
    return [(term, f"{fold} in that range; {NO_ROWS}") for term in said]


NO_ROWS = "this report's JSON predates schema 2.29 and does not record the range's source or grades"


# a measured item's value and fold, from its key on (evidence._measured: 'EID1342 GI50 2.2 nM vs 1.6 nM wild type, '
# where the item measured other than an IC50; thresholds.Grade: '1.4x WT')
_VALUE = re.compile(r"^(\S+)(?: [A-Z]+50)? ([~<>]?\d[\d.]*) nM(?=,| vs )")
_FOLD = re.compile(r"(~?)(\d[\d.]*)x WT\b")


def _by_item(part: str, measures: Mapping[str, str]) -> list[tuple[str, str]]:
    """`part` cut where each item `measures` names (and says what it measured) starts: (text, what that item measured)
    from each such key to the next; the text before the first, or all of `part` where it names none, with ''."""
    named = {key: word for key, word in measures.items() if word}
    if not named:
        return [(part, "")]
    keys = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(named, key=len, reverse=True)) + r")\b")
    cuts = [m.start() for m in keys.finditer(part)]
    spans = [part[a:b] for a, b in zip([0, *cuts], [*cuts, len(part)])]
    return [(spans[0], "")] + [(span, named[span[: m.end()]] if (m := keys.match(span)) else "") for span in spans[1:]]


def said_as(part: str, measures: Mapping[str, str]) -> str:
    """`part` with each measured item's numbers said with what the item measured, as the call's `measures` (JSON,
    schema 2.30) gives it: from each key it names to the next, 'EID1342 GI50 2.2 nM' as 'EID1342, GI50 2.2 nM' and
    '1.4x WT' as '1.4 times the wild type's GI50'. An item `measures` does not name is left to `CARD_WORDS`."""
    out = ""
    for span, word in _by_item(part, measures):
        if word:
            span = _VALUE.sub(rf"\1, {word} \2 nM", span, count=1)
            span = _FOLD.sub(rf"\1\2 times the wild type's {word}", span)
        out += span
    return out


def fold_measures(calls: Iterable[dict]) -> tuple[str, ...]:
    """What the folds the calls' notes give are folds of (each call's `note` and `measures`, JSON): 'IC50' for one
    `measures` does not name (as every fold was before schema 2.30), IC50 first."""
    said = {
        word or "IC50"
        for call in calls
        for part in call["note"].split(" | ")
        for span, word in _by_item(part, call.get("measures") or {})
        if _FOLD.search(span)
    }
    return tuple(sorted(said, key=lambda word: word != "IC50"))


def note_lines(note: str, measures: Mapping[str, str] | None = None) -> list[str]:
    """A per-inhibitor note as the card prints it: one line per ' | '-joined part, each in words; `measures`, the
    call's (JSON, schema 2.30): what each item the note gives numbers for measured (none: every one an IC50)."""
    lines = []
    for part in note.split(" | "):
        part = said_as(part, measures or {})
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
    lines: Iterable[str], not_counted: bool = False, thresholds: list[dict] | None = None, folds: tuple[str, ...] = ()
) -> list[tuple[str, str]]:
    """(term, meaning) for each term in `TERMS` that the card's notes (`note_lines`) use, in `TERMS` order, then each
    band they name (`band_terms`: from the document's threshold rows, `thresholds`; None where it has none; a fold of
    the measures `folds` names, `fold_measures`), then `NOT_COUNTED` where the card's columns list a source as not
    counted (`not_counted`)."""
    text = "\n".join(lines)
    said = [(term, meaning) for term, shows, meaning in TERMS if shows.search(text)]
    said += band_terms(text, thresholds, folds)
    return said + [NOT_COUNTED] if not_counted else said


__all__ = ["note_lines", "note_legend", "said_as", "fold_measures", "band_term", "band_terms", "CARD_WORDS", "TERMS"]
