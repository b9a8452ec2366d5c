"""New user's read of the example report (stop 47, print47).

B. P6_T (no sample-sheet row: treatment history unknown; fusion negative; L1240S of unknown significance) read
   "could cause it only in an ALK-driven tumour": with no treatment history the sentence now names both conditions,
   "if the tumour progressed" and "in an ALK-driven tumour", as the card heading's 'if progressed (treatment history
   unknown)' does. With a recorded progression it names the one condition left."""

from __future__ import annotations

import html
from pathlib import Path

from helpers import annotated_report

ROOT = Path(__file__).parent.parent
VCF = ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
SV = ROOT / "example_vcfs" / "GRCh38" / "sv.vcf"
BOTH = "could cause it only if the tumour progressed (treatment history unknown) and only in an ALK-driven tumour"
ALK_ONLY = "could cause it only in an ALK-driven tumour"


def _p6_notes(tmp_path: Path, sheet_rows: str) -> tuple[list[str], str]:
    sheet = tmp_path / "samples.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\n" + sheet_rows)
    doc, page = annotated_report(VCF, sheet, tmp_path / "r", "--sv", SV)
    (p6,) = [s for s in doc["samples"] if s["sample"] == "P6_T"]
    return p6["notes"], html.unescape(page)


def test_no_sheet_row_names_the_progression_condition_too(tmp_path):
    notes, page = _p6_notes(tmp_path, "P1_T\tpositive:IHC\talectinib\n")  # P6_T: no row
    (said,) = [n for n in notes if n.startswith("On-target resistance is possible, not established: L1240S")]
    assert BOTH in said and BOTH in page
    assert "ALK positivity is not established (fusion negative, no positive ALK status in the sample sheet)" in said


def test_a_blank_progressed_on_is_an_unknown_history_too(tmp_path):
    notes, _ = _p6_notes(tmp_path, "P6_T\t\t\n")
    assert any(BOTH in n for n in notes)


def test_a_recorded_progression_leaves_the_alk_condition_alone(tmp_path):
    notes, page = _p6_notes(tmp_path, "P6_T\t\tcrizotinib\n")
    (said,) = [n for n in notes if n.startswith("On-target resistance is possible, not established: L1240S")]
    assert ALK_ONLY in said and "if the tumour progressed" not in said
    assert "if the tumour progressed (treatment history unknown)" not in page.split('id="s-P6_T"')[1]
