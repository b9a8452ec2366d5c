"""Where the builder's inputs are and how a table is read: shared/kb's TSV files and the project's curation
tables beside them (tools/kb_curation/*.tsv, comment lines starting with '#')."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CURATION = ROOT / "tools" / "kb_curation"


def read_rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


# Project-side curation beside shared/kb: the two P-gp properties per inhibitor and the extra sources they cite
# (each row says where it was read).
def read_curation(name: str) -> list[dict]:
    with open(CURATION / name, newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _curated_inhibitors() -> tuple[str, ...]:
    """The inhibitors, in order: the rows of the project's inhibitor curation table (kb_curation/inhibitors_pgp.tsv),
    the one place the list is written; resources/kb/inhibitors.tsv, and from it every INFO key, report column and
    lookup, follow it."""
    with open(CURATION / "inhibitors_pgp.tsv", encoding="utf-8") as handle:
        rows = [line for line in handle if line.strip() and not line.startswith("#")]
    return tuple(line.split("\t", 1)[0] for line in rows[1:])


INHIBITORS = _curated_inhibitors()
