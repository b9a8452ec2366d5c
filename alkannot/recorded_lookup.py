"""A sample's entry in one of SampleContext's recorded tuples (the ##alkannotSample lines an annotate run wrote, as
(sample, value...) tuples), looked up in a table made once per tuple, not in a dict made of the whole tuple for each
sample: that was quadratic in the samples (pipeline review of stop 42, finding 1: re-annotating an annotated
10,000-sample VCF took 30 s, 2,000 samples 2.6 s).
"""

from __future__ import annotations

from typing import Any

_KEPT = 8  # the tables of the last few tuples: a run reads four or five, each for every sample in turn
_TABLES: dict[tuple[int, bool], tuple[tuple, dict[str, Any]]] = {}


def recorded_value(pairs: tuple[tuple[str, Any], ...], sample: str, default: Any = ()) -> Any:
    """`dict(pairs).get(sample, default)`: the value of the last pair naming `sample`, as dict() keeps it."""
    return _table(pairs, last=True).get(sample, default)


def first_recorded(rows: tuple[tuple[str, ...], ...], sample: str) -> tuple[str, ...] | None:
    """The rest of the first row naming `sample` ((sample, partner, variant) -> (partner, variant)), or None."""
    return _table(rows, last=False).get(sample)


def _table(rows: tuple, last: bool) -> dict[str, Any]:
    """sample -> value (the row's second item where `last`, else the rest of the row, the first row winning), made
    once for `rows` while it is among the last _KEPT tuples asked about (kept alive here, so its id stays its own)."""
    key = (id(rows), last)
    known = _TABLES.get(key)
    if known is not None and known[0] is rows:
        return known[1]
    table: dict[str, Any] = {}
    for row in rows:
        if last:
            table[row[0]] = row[1]
        else:
            table.setdefault(row[0], tuple(row[1:]))
    if len(_TABLES) >= _KEPT:
        _TABLES.clear()
    _TABLES[key] = (rows, table)
    return table


__all__ = ["first_recorded", "recorded_value"]
