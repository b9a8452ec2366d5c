"""bundle.tsv_rows reads a table as csv.DictReader(lines, delimiter='\t') does (issue 13: the bundled tables are read
on every run, and splitting each line at its tabs costs a tenth of the csv module's parse): every bundled table and
every table of tests/data, and the rows csv reads in its own way (short and long rows, quotes, carriage returns)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from alkannot.bundle import tsv_rows

ROOT = Path(__file__).resolve().parent.parent
TABLES = sorted([*(ROOT / "resources").glob("*/*.tsv"), *(ROOT / "tests" / "data").rglob("*.tsv")])


def _lines(text: str) -> list[str]:
    return [line for line in io.StringIO(text, newline="") if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("path", TABLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_table_reads_as_csv_reads_it(path):
    lines = _lines(path.read_text(encoding="utf-8", errors="surrogateescape"))
    assert tsv_rows(lines) == list(csv.DictReader(lines, delimiter="\t"))


@pytest.mark.parametrize(
    "text",
    [
        "a\tb\tc\n1\t2\n1\t2\t3\t4\t5\n",  # short (None) and long (key None) rows
        "a\tb\nx\ty",  # no newline at the end
        "a\ta\n1\t2\n",  # a repeated column name: the last cell
        "a\tb\n 1 \t 2 \n",  # white space kept
        'a\tb\n"x\ty"\t2\n',  # a quoted cell holding a tab: csv's reading
        "a\tb\r\n1\t2\r\n",  # CRLF: csv's reading
        "",
    ],
)
def test_rows_csv_reads_in_its_own_way(text):
    lines = _lines(text)
    assert tsv_rows(lines) == list(csv.DictReader(lines, delimiter="\t"))
