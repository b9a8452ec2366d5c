"""The card's per-inhibitor table, made printable (new user's read of stop 47, print47): inhibitors whose call and
note are the same in every shown field are one row naming the drugs, each with its own progression mark; each row's
note is printed below it across the table's width. Nothing is left out: every drug keeps its call and note, and the
TSV and JSON keep one entry per drug as before."""

from __future__ import annotations

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
