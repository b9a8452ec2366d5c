"""Writing the knowledge base: the TSV tables in the column order the runtime checks (alkannot.kbfiles) and the
VERSION file with its provenance line."""

from __future__ import annotations

import csv
from pathlib import Path

from .reading import ROOT

OUT = ROOT / "resources" / "kb"
VERSION_SOURCE = (
    "shared/kb (mutations.tsv review matrix, civic_alk_evidence.tsv = CIViC accepted evidence "
    "items (CC0), ic50.tsv, inhibitors.tsv, sources.md), tools/kb_curation/*.tsv (statements and "
    "sources read later, each with where it was read), thresholds.tsv (by hand, sourced); every "
    "statement's PMID / DOI / CIViC EID is in calls.tsv and sources.tsv"
)


def write_tsv(path: Path, columns, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=columns, delimiter="\t", lineterminator="\n", extrasaction="raise", restval=""
        )
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in columns})


def write_version(out: Path, version: str | None, date: str | None) -> None:
    """VERSION, written when a version is given or there is none yet: a rebuild without --version keeps the one
    it rebuilds."""
    if version or not (out / "VERSION").exists():
        (out / "VERSION").write_text(
            f"version\t{version or '1.0.0'}\ndate\t{date or '1970-01-01'}\nsource\t{VERSION_SOURCE}\n"
        )
