"""New user's read of the example report (stop 47, print47).

A. The per-inhibitor table of each card repeated long notes at length in a narrow column: printing P4_T alone gave 6
   pages, 5 of them that table. Inhibitors whose call and note are the same are one row naming the drugs; each row's
   note is printed under it across the table's width, in one block with its row. Nothing is left out: every drug's
   name, call and note are on its card; the TSV and JSON keep one entry per drug.

B. P6_T (no sample-sheet row: treatment history unknown; fusion negative; L1240S of unknown significance) read
   "could cause it only in an ALK-driven tumour": with no treatment history the sentence now names both conditions,
   "if the tumour progressed" and "in an ALK-driven tumour", as the card heading's 'if progressed (treatment history
   unknown)' does. With a recorded progression it names the one condition left."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import annotated_report, readme_reports

from alkannot.report.note_lines import note_lines
from alkannot.report.plain_words import plain_words

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


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print47")
    samples, _, page, doc = readme_reports(folder / "r")
    return samples, page, doc, folder / "r.html"


def _card(page: str, sample: str) -> str:
    card = page[page.index(f'id="s-{sample}"') :]
    return card[: card.index("</article>")]


def test_every_drug_keeps_its_call_and_note_on_the_card(example):
    samples, page, doc, _ = example
    agents = doc["knowledge_base"]["agents"]
    grouped = 0
    for name, sample in samples.items():
        rows = _card(page, name).split('<tbody class="drug">')[1:]
        assert len(rows) <= len(sample["inhibitors"])
        for drug, call in sample["inhibitors"].items():
            shown = agents.get(drug, drug)
            (row,) = [r for r in rows if re.match(rf"<tr><td>(?:[^<]*, )?{re.escape(shown)}[ ,<]", r)]
            text = html.unescape(row)
            assert f'<span class="cat {call["category"]}"' in row, (name, drug)
            # each ' | '-joined part of the note, in the card's words (stop 51: one line each)
            assert all(line in text for line in note_lines(plain_words(call["note"]))), (name, drug)
            assert ('<tr class="note">' in row) == bool(call["note"]), (name, drug)
            names = html.unescape(row.split("</td>", 1)[0])
            if ", " in names and call["note"]:  # one row for several drugs: their note says whose it is
                grouped += 1
                assert f"<b>Note (each of {names.removeprefix('<tr><td>')}):</b>" in text
    assert grouped  # the example has drugs of one call and one note (P6_T: L1240S, not in the knowledge base)
    assert "Evidence kind</th><th>Sources</th></tr></thead>" in page  # the note is not a narrow column any more


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_one_patient_prints_on_fewer_pages(example, tmp_path):
    """README's one-patient print of P4_T: 6 pages before (5 of them the per-inhibitor table), 4 now."""
    from pypdf import PdfReader

    _, _, _, page = example
    pdf = tmp_path / "p4.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.resolve().as_uri() + "#s-P4_T"],
        capture_output=True, timeout=120,
    )  # fmt: skip
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
    assert len(pages) <= 4, len(pages)
    text = " ".join(pages)
    for drug in ("neladalkib", "gilteritinib", "TPX-0131", "iruplinalkib", "envonalkib"):
        assert drug in text
    assert "ASCOPOST23: secondary: a news report of a conference discussant" in text  # the long notes, printed
