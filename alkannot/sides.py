"""A source on both sides of a call: cited for one category and for another (SAB17: E1210K and brigatinib active in
vitro, and a hedged potential mechanism of clinical resistance). Wherever a note says who says what, such a source is
named with the setting of each side, from its row's assay (review 21, finding 14): the rule's notes (evidence.py) and
the genotype readings' 'who says what' (genotype_readings.py) both ask here, so the rule is written once (re-reading
of stop 27). Pure; duck-typed over evidence.py's votes and statements (evidence.py imports this module).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


def side_names(votes: Iterable[Any], name: Callable[[Any], str]) -> Callable[[Any], str]:
    """How a list of who says what names a statement of `votes` (evidence.Vote; `name`: the statement's key, or its
    label): a source whose statements among `votes` vote for more than one category, with its row's setting ('SAB17
    (Ba/F3)': the assay's first part, else the ALK background); any other as `name` gives it."""
    sides: dict[str, set[str]] = {}
    for v in votes:
        sides.setdefault(name(v.statement), set()).add(v.category)

    def named(statement) -> str:
        if len(sides.get(name(statement), ())) < 2:
            return name(statement)
        return f"{name(statement)} ({statement.assay.split(' (')[0].split(', ')[0] or statement.background})"

    return named


__all__ = ["side_names"]
