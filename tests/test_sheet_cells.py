"""The sample sheet as a spreadsheet writes it: a quoted CSV cell may hold a line break (review cohort6, finding 8),
and a name saved in another Unicode normalisation form still names the VCF's sample (finding 12)."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

from helpers import ALKANNOT, g1202r_vcf

NAME = "Pátiënt-21 ✓"  # NFC, as the VCF spells it


def _report(tmp_path: Path, vcf: Path, sheet: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ALKANNOT, "report", str(vcf), "--samples", str(sheet), "--out", str(tmp_path / "r")],
        capture_output=True,
        text=True,
    )


def test_a_quoted_csv_cell_over_two_lines_is_one_cell(tmp_path):
    vcf = g1202r_vcf(tmp_path / "in.vcf", ["S13_T", "S14_T"])
    sheet = tmp_path / "s.csv"
    sheet.write_bytes(
        b'sample,progressed_on,comment,site\r\nS13_T,crizotinib,"line1\r\nline2",adrenal\r\nS14_T,alectinib,,liver\r\n'
    )
    run = _report(tmp_path, vcf, sheet)
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "r.json").read_text())
    assert [(s["sample"], s["progressed_on"], s["sample_sheet_extra"]) for s in doc["samples"]] == [
        ("S13_T", ["crizotinib"], {"comment": "line1\r\nline2", "site": "adrenal"}),
        ("S14_T", ["alectinib"], {"comment": "", "site": "liver"}),
    ]
    assert (tmp_path / "r.tsv").read_text().splitlines()[1].endswith("\tline1 line2\tadrenal")


def test_an_unclosed_quote_is_exit_3_naming_its_line(tmp_path):
    vcf = g1202r_vcf(tmp_path / "in.vcf", ["S13_T", "S14_T"])
    sheet = tmp_path / "s.csv"
    sheet.write_text('sample,progressed_on,comment\nS13_T,crizotinib,ok\nS14_T,alectinib,"never closed\nS15_T,,\n')
    run = _report(tmp_path, vcf, sheet)
    assert run.returncode == 3
    assert f"{sheet}:3: a quote opened here is never closed" in run.stderr


def test_a_line_break_in_a_column_alkannot_reads_is_exit_3(tmp_path):
    vcf = g1202r_vcf(tmp_path / "in.vcf", ["S13_T"])
    sheet = tmp_path / "s.csv"
    sheet.write_text('sample,progressed_on\nS13_T,"crizotinib\nalectinib"\n')
    run = _report(tmp_path, vcf, sheet)
    assert run.returncode == 3
    assert (
        f"{sheet}:2: the progressed_on cell holds a line break (a quoted cell over several lines); write it on one line"
    ) in run.stderr


def test_a_sheet_name_in_nfd_names_the_vcfs_nfc_sample_which_keeps_its_spelling(tmp_path):
    vcf = g1202r_vcf(tmp_path / "in.vcf", [NAME])
    sheet = tmp_path / "s.tsv"
    nfd = unicodedata.normalize("NFD", NAME)
    assert nfd != NAME
    sheet.write_text(f"sample\talk_status\tprogressed_on\n{nfd}\tpositive:IHC\talectinib\n", encoding="utf-8")
    run = _report(tmp_path, vcf, sheet)
    assert run.returncode == 0 and "no sample of the sample sheet" not in run.stderr, run.stderr
    (s,) = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["samples"]
    assert (s["sample"], s["alk_status"], s["progressed_on"]) == (NAME, "positive:IHC", ["alectinib"])


def test_two_rows_that_differ_only_in_normalisation_are_one_sample_twice(tmp_path):
    vcf = g1202r_vcf(tmp_path / "in.vcf", [NAME])
    sheet = tmp_path / "s.tsv"
    sheet.write_text(f"sample\n{NAME}\n{unicodedata.normalize('NFD', NAME)}\n", encoding="utf-8")
    run = _report(tmp_path, vcf, sheet)
    assert (
        run.returncode == 3 and f"{sheet}:3: sample" in run.stderr and "appears twice (first on line 2)" in run.stderr
    )
