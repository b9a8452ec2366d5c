"""Statements and alteration notes read after the shared files were made (tools/kb_curation/statements*.tsv and
notes*.tsv, each row with where it was read)."""

from __future__ import annotations

from .reading import CURATION, read_curation


def curated_statements() -> list[dict]:
    """Statements read after the shared files were made (tools/kb_curation/statements*.tsv; their
    sources are in sources_extra.tsv)."""
    out = []
    for path in sorted(CURATION.glob("statements*.tsv")):
        for number, row in enumerate(read_curation(path.name), start=1):
            row = {k: v for k, v in row.items() if k != "where_read"}
            out.append(dict(row, origin=f"kb_curation/{path.name}:{number}"))
    return out


def curated_notes() -> list[dict]:
    """Alteration notes read after the shared files were made (tools/kb_curation/notes*.tsv), e.g.
    class-level statements that are no call for the compounds they name."""
    out = []
    for path in sorted(CURATION.glob("notes*.tsv")):
        for number, row in enumerate(read_curation(path.name), start=1):
            out.append(
                dict(
                    alteration=row["alteration"],
                    note=row["note"],
                    sources=row["sources"],
                    origin=f"kb_curation/{path.name}:{number}",
                )
            )
    return out
