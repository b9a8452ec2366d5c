"""The card's per-inhibitor table, made printable (new user's read of stop 47, print47): inhibitors whose call and
note are the same in every shown field are one row naming the drugs, each with its own progression mark; each row's
note is printed below it across the table's width. Nothing is left out: every drug keeps its call and note, and the
TSV and JSON keep one entry per drug as before."""

from __future__ import annotations

from ..pgp_unsettled import PGP_UNSETTLED_LABEL
from ..readings import INFERRED_LABEL, MARK_MEANINGS, MARK_ORDER, SOURCES_DISAGREE_LABEL
from .sample_marks import PROGRESSED_LABEL, RESENSITISED_LABEL, SUBCLONAL_LABEL, sample_mark_meanings

# what a drug's row shows besides its name and its own progression marks: equal in all of these, one row
SHOWN = (
    "category",
    "colour",
    "inferred",
    "sources_disagree",
    "in_silico_mark",
    "preclinical_mark",
    "subclonal",
    "basis",
    "evidence_kinds",
    "citations",
    "listed_citations",
    "note_citations",
    "note",
)


def inhibitor_rows(inhibitors: list[dict]) -> list[dict]:
    """One row per distinct call and note, in the order of the first drug of each: the shown fields of that drug
    (`call`) and the drugs (`drugs`: each inhibitor's own entry, for its name and marks)."""
    rows: dict[tuple, dict] = {}
    for i in inhibitors:
        key = tuple(repr(i.get(field)) for field in SHOWN)
        rows.setdefault(key, {"call": i, "drugs": []})["drugs"].append(i)
    return list(rows.values())


def mark_legend(inhibitors: list[dict], min_vaf: float | None = None) -> list[tuple[str, str]]:
    """(label, meaning) of each mark that the card's rows show, as `alkannot lookup`'s legend words the knowledge
    base's: one line under the table for every mark shown, however many rows show it, in the order a row shows them
    (words48, task 1: '(inferred)' and '(sources disagree)' stood on the card with no legend line, the grid and lookup
    having one). The sample's own marks first beside the drug's name ('(progressed)'), then the knowledge base's in
    readings.MARK_ORDER, then the sample's beside the call ('(P-gp IHC positive: ...)', '(subclonal basis)'; words48b,
    task 1: these had no legend line). `min_vaf`: the run's, which '(subclonal basis)' names."""
    cells = "".join(
        (f" ({INFERRED_LABEL})" if i.get("inferred") else "")
        + (f" ({SOURCES_DISAGREE_LABEL})" if i.get("sources_disagree") else "")
        + i.get("in_silico_mark", "")
        + i.get("preclinical_mark", "")
        for i in inhibitors
    )
    sample = sample_mark_meanings(min_vaf)
    shown = {
        PROGRESSED_LABEL: any(i.get("progressed_on") and not i.get("resensitised") for i in inhibitors),
        RESENSITISED_LABEL: any(i.get("resensitised") for i in inhibitors),
        PGP_UNSETTLED_LABEL: f"({PGP_UNSETTLED_LABEL})" in cells,
        SUBCLONAL_LABEL: any(i.get("subclonal") for i in inhibitors),
    }
    by_name = [(label, sample[label]) for label in (PROGRESSED_LABEL, RESENSITISED_LABEL) if shown[label]]
    by_call = [(label, sample[label]) for label in (PGP_UNSETTLED_LABEL, SUBCLONAL_LABEL) if shown[label]]
    return by_name + [(label, MARK_MEANINGS[label]) for label in MARK_ORDER if f"({label})" in cells] + by_call
