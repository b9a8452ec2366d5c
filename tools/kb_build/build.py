"""The whole build, in the order its parts depend on each other: the sources first (the trial PMIDs a CIViC item's
level is read against, the keys a note may cite), then the statements (matrix, CIViC, IC50, curated, RULES.md 3.7),
then the tables written."""

from __future__ import annotations

from pathlib import Path

from alkannot.kbfiles import CALL_COLUMNS, NOTE_COLUMNS, SOURCE_COLUMNS  # the layout the runtime checks

from .civic import civic_statements
from .curated import curated_notes, curated_statements
from .ic50 import attach_ic50
from .inhibitors import INHIBITOR_COLUMNS, build_inhibitors
from .matrix import TRIAL_KEYS, matrix_statements
from .notes import matrix_notes
from .reading import INHIBITORS
from .rules import source_pmids, variant_preclinical_listed
from .sources import build_sources
from .writing import write_tsv, write_version


def kb_statements(src: Path, sources: list[dict]) -> tuple[list[dict], list[str]]:
    """Every statement, in the order calls.tsv lists them, and the CIViC items skipped (with why)."""
    trial_pmids = {s["pmid"] for s in sources if s["key"] in TRIAL_KEYS | {"KAT16"} and s["pmid"]}
    statements = matrix_statements(src / "mutations.tsv")
    civic, skipped = civic_statements(src / "civic_alk_evidence.tsv", trial_pmids)
    statements = variant_preclinical_listed(attach_ic50(statements + civic, src / "ic50.tsv") + curated_statements())
    statements = source_pmids(statements, sources)
    order = {name: i for i, name in enumerate(INHIBITORS)}
    statements.sort(key=lambda s: (s["alteration"], order[s["inhibitor"]]))  # stable: matrix, CIViC, measurements
    return statements, skipped


def build(src: Path, out: Path, version: str | None, date: str | None) -> tuple[list[dict], list[dict], list[str]]:
    """Build the knowledge base from shared/kb (src) and the curation tables into out; return the statements,
    the sources and the skipped CIViC items."""
    sources = build_sources(src / "sources.md")
    statements, skipped = kb_statements(src, sources)
    out.mkdir(parents=True, exist_ok=True)
    write_tsv(out / "calls.tsv", CALL_COLUMNS, statements)
    write_tsv(out / "inhibitors.tsv", INHIBITOR_COLUMNS, build_inhibitors(src / "inhibitors.tsv"))
    write_tsv(out / "sources.tsv", SOURCE_COLUMNS, sources)
    write_tsv(
        out / "notes.tsv",
        NOTE_COLUMNS,
        matrix_notes(src / "mutations.tsv", {s["key"] for s in sources}) + curated_notes(),
    )
    write_version(out, version, date)
    return statements, sources, skipped
