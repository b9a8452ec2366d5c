"""Cohort-table defects of stop 48 (cohort48): the HTML cohort table had no build column where the TSV and JSON
carry one (a cohort report may mix GRCh37 and GRCh38 inputs)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from helpers import run

EX = Path(__file__).parent.parent / "example_vcfs"
SHEET = EX / "samples.tsv"


def _tsv(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="") as handle:
        return {row["label"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _html_rows(page: str) -> tuple[list[str], list[list[str]]]:
    """The HTML cohort table's header cells and each row's cells, as text."""
    table = page.split('<section id="cohort-table">', 1)[1].split("</section>", 1)[0]
    header = re.findall(r"<th>(.*?)</th>", table)
    rows = [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r"<tr><td>.*?</tr>", table)
    ]
    return header, rows


def test_the_html_cohort_table_has_the_build_of_each_row_as_the_tsv_does(tmp_path):
    prefix = tmp_path / "mixed"
    done = run(
        "report", EX / "GRCh37" / "tumor_normal.vcf", EX / "GRCh38" / "tumor_normal.vcf", "--samples", SHEET,
        "--out", prefix, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    header, rows = _html_rows((tmp_path / "mixed.html").read_text())
    assert header[:3] == ["Sample", "Build", "Fusion"]
    tsv = _tsv(tmp_path / "mixed.tsv")
    assert len(rows) == len(tsv) == 14
    assert {row[0]: row[1] for row in rows} == {label: row["build"] for label, row in tsv.items()}
    assert {row[1] for row in rows} == {"GRCh37", "GRCh38"}
