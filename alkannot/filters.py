"""The FILTER column: which values mean that a record passed its caller's filters (PASS, or no filter applied)."""

from __future__ import annotations

PASSING = ("PASS", ".", "")


def passed(filter_text: str | None) -> bool:
    """'PASS', '.' or nothing; any named filter (e.g. 'LowEVS', 'weak_evidence;map_qual') is a failure."""
    return (filter_text or "") in PASSING


__all__ = ["PASSING", "passed"]
