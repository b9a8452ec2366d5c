"""Every row of every knowledge-base TSV (resources/kb, resources/triage and the curation tables in
tools/kb_curation that the builder reads) has as many tab-separated fields as its header. A short row is read by
csv.DictReader with its last columns None (stop 52 found sources_extra.tsv's SCHO11 row with 5 fields where the
header has 6: its `where_read` was missing and nothing noticed)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TABLES = sorted(
    [*ROOT.glob("resources/kb/*.tsv"), *ROOT.glob("resources/triage/*.tsv"), *ROOT.glob("tools/kb_curation/*.tsv")]
)


def _data_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of the header and the rows: blank lines and '#' comment lines are not rows, as
    tools/kb_build/reading.py reads the curation tables."""
    text = path.read_text(encoding="utf-8")
    return [
        (number, line.rstrip("\r"))
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip() and not line.startswith("#")
    ]


def test_the_tables_are_found():
    names = {path.name for path in TABLES}
    assert {"calls.tsv", "sources.tsv", "notes.tsv", "inhibitors.tsv", "thresholds.tsv"} <= names
    assert {"sources_extra.tsv", "statements.tsv", "bypass_genes.tsv"} <= names


@pytest.mark.parametrize("path", TABLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_row_has_the_headers_number_of_fields(path: Path):
    lines = _data_lines(path)
    assert lines, f"{path}: no header"
    width = len(lines[0][1].split("\t"))
    assert width > 1, f"{path}: header is not tab-separated"
    short_or_long = [(n, len(line.split("\t"))) for n, line in lines[1:] if len(line.split("\t")) != width]
    assert not short_or_long, f"{path}: header has {width} fields; rows (line, fields): {short_or_long}"


def test_scho11_row_says_where_it_was_read():
    rows = _data_lines(ROOT / "tools" / "kb_curation" / "sources_extra.tsv")
    header = rows[0][1].split("\t")
    scho = [dict(zip(header, line.split("\t"))) for _, line in rows if line.startswith("SCHO11\t")]
    assert len(scho) == 1
    assert "trans-isomer.com/tae684/" in scho[0]["where_read"]
