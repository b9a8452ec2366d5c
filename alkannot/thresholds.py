"""The sourced rule that grades a measured IC50 shift (resources/kb/thresholds.tsv, RULES.md 3.3).

A threshold row names what it measures (`fold_vs_wt`: the fold over wild type measured in the same
item and fusion background; or `ic50_nM`: an absolute IC50, which is only comparable within one
assay, so such a row must name the assay it was defined for), the band, and the category for
values within, above and below it. Pure: no I/O; the rows are read by kbfiles.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .records import record

MEASURES = ("fold_vs_wt", "ic50_nM")
GRADES = ("", "sensitive", "intermediate", "resistant")  # '' = the measurement does not set a category


@record(frozen=True)
class Threshold:
    """A grading rule for measurements (thresholds.tsv)."""

    rule: str
    measure: str
    low: float
    high: float
    within: str
    above: str
    below: str
    assay_pattern: str  # regex on the statement's assay; '' = any assay (fold rows only)
    quote: str
    sources: tuple[str, ...]
    pmids: tuple[str, ...]
    civic_eid: str
    source_says: str = ""  # what the source itself calls a value within the band ('' = the same as `within`)
    # what the source defined the band for, read from the knowledge base's rows of its item (`civic_eid`), not a
    # column: 'alectinib, in Ba/F3 cells' (EID1354); '' where the knowledge base holds no row of that item
    defined_for: str = ""

    def applies_to(self, assay: str) -> bool:
        return not self.assay_pattern or re.search(self.assay_pattern, assay or "") is not None

    @property
    def band(self) -> str:
        unit = "-fold" if self.measure == "fold_vs_wt" else " nM"
        return f"{self.low:g}-{self.high:g}{unit}"


@record(frozen=True)
class Grade:
    """What a threshold row says about one measurement: the category it sets ('' = none)."""

    rule: str
    measure: str
    value: float
    approximate: bool
    category: str
    position: str  # 'within', 'above' or 'below' the band
    band: str
    source_says: str = ""  # the source's own word for the band, where it differs from the grade
    band_source: str = ""  # where the band comes from ('PMID 25727400'): not the graded measurement's own source
    band_defined_for: str = ""  # what the band's source defined it for (Threshold.defined_for)

    @property
    def _what(self) -> str:
        value = f"{'~' if self.approximate else ''}{self.value:g}"
        return f"{value}x WT" if self.measure == "fold_vs_wt" else f"IC50 {value} nM"

    @property
    def as_its_source_says(self) -> str:
        """The measurement in the band's source's own word, without alkannot's grade, the band's source named as the
        band's and never as the measurement's: '9.3x WT within the 4-10-fold band that PMID 25727400 defines (for
        alectinib, in Ba/F3 cells) and calls resistant [FOLD_4_10]' (C1156Y and crizotinib, measured in EID1346,
        PMID 24675041; clinical review hN, finding 2: 'which its source (PMID 25727400) calls resistant' read as if
        that paper had measured or judged it). For a call that word agrees with (a resistant call: alkannot's
        `intermediate` printed beside it read as a contradiction; clinical review of stop 41, finding 11)."""
        says = self.source_says or self.category
        return f"{self._what} {self.position} {self._band_and_source} and calls {says} [{self.rule}]"

    @property
    def _band_and_source(self) -> str:
        """The band with its source and what the source defined it for: 'the 4-10-fold band that PMID 25727400
        defines (for alectinib, in Ba/F3 cells)'."""
        source = self.band_source or self.rule
        scope = f" (for {self.band_defined_for})" if self.band_defined_for else ""
        return f"the {self.band} band that {source} defines{scope}"

    @property
    def text(self) -> str:
        """The measurement, its grade and the band's source: '54.2x WT above the 4-10-fold band that PMID 25727400
        defines (for alectinib, in Ba/F3 cells) [FOLD_4_10] -> resistant' (stop 51: the above-band note named no
        source where the within-band one did); where the source's own word differs from the grade, the closing
        bracket names the source instead."""
        what = self._what
        effect = f"-> {self.category}" if self.category else "-> no grade (the statement's own category stands)"
        own = (
            f" (the band's source, {self.band_source or self.rule}, calls this band {self.source_says}; the grade is "
            "alkannot's, RULES.md 3.3)"
            if self.source_says and self.source_says != self.category
            else ""
        )
        band = f"the {self.band} band" if own else self._band_and_source
        return f"{what} {self.position} {band} [{self.rule}] {effect}{own}"


def grade(
    measure_values: Mapping[str, tuple[float, str]], assay: str, thresholds: tuple[Threshold, ...]
) -> Grade | None:
    """The first threshold row that applies to a measurement ({'fold_vs_wt': (value, qualifier),
    'ic50_nM': ...}; qualifier '', '~', '>' or '<') in `assay`; None when no row applies. A bound
    ('>' 3800) is graded only where the whole open interval falls on one side of the band."""
    for row in thresholds:
        measured = measure_values.get(row.measure)
        if measured is None or not row.applies_to(assay):
            continue
        value, qualifier = measured
        if value < row.low and qualifier != ">":
            position, category = "below", row.below
        elif value > row.high and qualifier != "<":
            position, category = "above", row.above
        elif row.low <= value <= row.high and qualifier in ("", "~"):
            position, category = "within", row.within
        else:
            continue
        says = row.source_says if position == "within" else ""
        source = "; ".join(f"PMID {p}" for p in row.pmids) or row.rule
        return Grade(
            row.rule, row.measure, value, qualifier == "~", category, position, row.band, says, source, row.defined_for
        )
    return None


def defined_for(rows: Iterable[tuple[str, str, str, str]]) -> str:
    """What a band's source defined it for, from the knowledge base's rows of the item that states the band
    ((inhibitor, evidence kind, assay, fusion background) each): the inhibitors, and the cells where every row is
    preclinical and names them before its fusion background ('Ba/F3 EML4-ALK v1 G1269A' in EML4-ALK v1: Ba/F3):
    'alectinib, in Ba/F3 cells' (EID1354, whose text reads 'tested for sensitivity to alectinib using Ba/F3
    cells'). Nothing is said that the rows do not hold: '' without rows, the inhibitors alone where the cells are
    not named alike in every row."""
    rows = list(rows)
    drugs = " and ".join(dict.fromkeys(inhibitor for inhibitor, _, _, _ in rows if inhibitor))
    cells = {
        assay.partition(f" {background}")[0] if kind == "preclinical" and f" {background}" in assay else ""
        for _, kind, assay, background in rows
    }
    model = cells.pop() if len(cells) == 1 else ""
    return f"{drugs}, in {model} cells" if drugs and model else drugs


def as_rows(thresholds: Iterable[Threshold]) -> list[dict]:
    """The threshold rows as the report's JSON carries them (knowledge_base.thresholds, schema 2.29), so that a page
    laid out from the document, also a saved one, explains a band with the knowledge base's own numbers, grades and
    source (the --kb the run used), not with words written in code."""
    return [
        {
            "rule": t.rule,
            "measure": t.measure,
            "low": t.low,
            "high": t.high,
            "within": t.within,
            "above": t.above,
            "below": t.below,
            "source_says": t.source_says,
            "assay_pattern": t.assay_pattern,
            "quote": t.quote,
            "sources": list(t.sources),
            "pmids": list(t.pmids),
            "civic_eid": t.civic_eid,
            "defined_for": t.defined_for,
        }
        for t in thresholds
    ]
