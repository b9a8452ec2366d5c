"""resources/triage/statements.tsv, the sourced sentences of the report's notes, by key: made once (table_cache,
kept with the knowledge base's cache: issue 13)."""

from __future__ import annotations

from .bundle import read_tsv
from .table_cache import table


def statements_by_key() -> dict[str, dict[str, str]]:
    """Every row of statements.tsv by its key, made once."""
    return table(("statements",), statements_made)


def statements_made() -> dict[str, dict[str, str]]:
    """`statements_by_key`, made afresh: the one place that table is read."""
    return {row["key"]: row for row in read_tsv("triage", "statements.tsv")}


__all__ = ["statements_by_key", "statements_made"]
