"""The sourced rule that grades a measured IC50 shift (resources/kb/thresholds.tsv, RULES.md 3.3).

A threshold row names what it measures (`fold_vs_wt`: the fold over wild type measured in the same
item and fusion background; or `ic50_nM`: an absolute IC50, which is only comparable within one
assay, so such a row must name the assay it was defined for), the band, and the category for
values within, above and below it. Pure: no I/O; the rows are read by kbfiles.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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

    @property
    def _what(self) -> str:
        value = f"{'~' if self.approximate else ''}{self.value:g}"
        return f"{value}x WT" if self.measure == "fold_vs_wt" else f"IC50 {value} nM"

    @property
    def as_its_source_says(self) -> str:
        """The measurement in the band's source's own word, without alkannot's grade: '9.3x WT within the 4-10-fold
        band, which its source (PMID 25727400) calls resistant [FOLD_4_10]', for a call that word agrees with (a
        resistant call: alkannot's `intermediate` printed beside it read as a contradiction; clinical review of stop
        41, finding 11)."""
        says = self.source_says or self.category
        source = self.band_source or self.rule
        return (
            f"{self._what} {self.position} the {self.band} band, which its source ({source}) calls {says} [{self.rule}]"
        )

    @property
    def text(self) -> str:
        what = self._what
        effect = f"-> {self.category}" if self.category else "-> no grade (the statement's own category stands)"
        own = (
            f" (the band's source, {self.band_source or self.rule}, calls this band {self.source_says}; the grade is "
            "alkannot's, RULES.md 3.3)"
            if self.source_says and self.source_says != self.category
            else ""
        )
        return f"{what} {self.position} the {self.band} band [{self.rule}] {effect}{own}"


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
        return Grade(row.rule, row.measure, value, qualifier == "~", category, position, row.band, says, source)
    return None
