"""PREFIX.tsv reads back exactly with CSV readers (cohort review 6, finding 8, the TSV writer): a cell holding a
double quote is quoted, no other cell is; a sample-sheet cell a spreadsheet would run as a formula is written as it
is, with a warning."""

import csv
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

SCENARIOS = Path(__file__).parent / "data" / "scenarios"
SHEET = (
    "sample,alk_status,progressed_on,biopsy_site,comment,link\n"
    'S03_T,positive:IHC,alectinib,"""met"" adrenal","5"" core, ""re-biopsy""","=HYPERLINK(""http://x"")"\n'
    'S18_T,positive:IHC,crizotinib;ceritinib,liver,"tab\there, two  spaces",-2\n'
)


@pytest.fixture(scope="module")
def quoted(tmp_path_factory):
    out = tmp_path_factory.mktemp("quoted")
    (out / "sheet.csv").write_text(SHEET, encoding="utf-8")
    inputs = [str(SCENARIOS / "GRCh38" / f"{name}.vcf") for name in ("S03", "S18")]
    run = subprocess.run(
        [ALKANNOT, "report", *inputs, "--samples", str(out / "sheet.csv"), "--out", str(out / "q")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return out, run.stderr


def test_csv_reader_reads_back_the_sheet_values(quoted):
    out, _ = quoted
    with open(out / "q.tsv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert [(r["biopsy_site"], r["comment"], r["link"]) for r in rows] == [
        ('"met" adrenal', '5" core, "re-biopsy"', '=HYPERLINK("http://x")'),
        ("liver", "tab here, two spaces", "-2"),  # whitespace runs, a tab too, are one space
    ]


def test_only_cells_with_a_double_quote_are_quoted(quoted):
    out, _ = quoted
    lines = (out / "q.tsv").read_bytes().decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 4 and "\r" not in lines[1]
    assert lines[1].split("\t")[-3:] == ['"""met"" adrenal"', '"5"" core, ""re-biopsy"""', '"=HYPERLINK(""http://x"")"']
    assert lines[2].split("\t")[-3:] == ["liver", "tab here, two spaces", "-2"]
    assert not (out / "q.tsv").read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 without a BOM


def test_formula_cell_is_kept_with_one_warning(quoted):
    _, stderr = quoted
    warnings = [line for line in stderr.splitlines() if "formula" in line]
    assert warnings == [
        "alkannot: WARNING: sample sheet column 'link' (sample S03_T) starts with '=': written to the TSV as it is; "
        "a spreadsheet program may read it as a formula (import the TSV with that column as text)"
    ]


def test_a_sheet_column_named_like_an_alkannot_column_gets_its_own_heading(tmp_path):
    """A lab's `resistant` (or `notes`) column would give the TSV two headings of one name."""
    (tmp_path / "sheet.tsv").write_text(
        "sample\tprogressed_on\tresistant\tnotes\nS03_T\talectinib\tyes\tre-biopsy\n", encoding="utf-8"
    )
    run = subprocess.run(
        [ALKANNOT, "report", str(SCENARIOS / "GRCh38" / "S03.vcf"), "--samples", str(tmp_path / "sheet.tsv")]
        + ["--out", str(tmp_path / "c")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    header, row = (tmp_path / "c.tsv").read_text(encoding="utf-8").splitlines()
    names = header.split("\t")
    assert len(names) == len(set(names))
    assert names[-13:] == [
        "alk_mutation_negative",
        "assessable",
        "pgp_triage",
        "pgp_ihc_to_order",
        "label",
        "inhibitor_listed_sources",
        "off_target_candidates",
        "in_sample_sheet",
        "mechanism_context",
        "mechanism_qualified",
        "inhibitor_call_sources",  # review of stop 46, item 2
        "sheet_resistant",
        "sheet_notes",
    ]
    assert row.split("\t")[-13:] == [
        "true",
        "false",
        "false",
        "false",
        "S03_T",
        "",
        "",
        "true",
        "not_assessable",
        "unexplained (not assessable: ALK positivity not shown)",
        "alectinib: sample_sheet",
        "yes",
        "re-biopsy",
    ]  # no alk_status: not assessable
    assert [line for line in run.stderr.splitlines() if "WARNING: sample sheet column" in line] == [
        "alkannot: WARNING: sample sheet column 'resistant' is written to the TSV as 'sheet_resistant' (alkannot has a "
        "column 'resistant')",
        "alkannot: WARNING: sample sheet column 'notes' is written to the TSV as 'sheet_notes' (alkannot has a column "
        "'notes')",
    ]
