"""A sample-sheet row that names no sample of any input, and the reported tumours with no row, are warned about
after every input is read (review 9, new user, finding 1): a typo (`P4-T`, `p4_t` for the VCF's `P4_T`) threw the
patient's treatment history away without a word, and a row for a patient in no input (`P9_T`) was ignored."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest
from helpers import run

EX = Path(__file__).parent.parent / "example_vcfs"
VCF = EX / "GRCh38" / "tumor_normal.vcf"
TYPO_SHEET = (
    "sample\talk_status\tprogressed_on\n"
    "P4-T\tpositive:IHC\tcrizotinib;ceritinib\n"
    "p4_t\tpositive:IHC\tcrizotinib\n"
    "P9_T\tpositive:IHC\talectinib\n"
    "P1_T\tpositive:IHC\talectinib\n"
)


def _warnings(stderr: str) -> list[str]:
    return [line.removeprefix("alkannot: WARNING: ") for line in stderr.splitlines() if "WARNING" in line]


def _typo_warnings(sheet: Path) -> list[str]:
    return [
        f"{sheet}:2: sample 'P4-T' is in no input of this run (did you mean P4_T?); the row is not used",
        f"{sheet}:3: sample 'p4_t' is in no input of this run (did you mean P4_T?); the row is not used",
        f"{sheet}:4: sample 'P9_T' is in no input of this run; the row is not used",
        f"{sheet}: no row for 6 reported sample(s): P2_T, P3_T, P4_T, P5_T, P6_T, P7_T (their treatment history "
        "is unknown)",
    ]


def _rows(tsv: Path) -> dict[str, dict[str, str]]:
    with open(tsv, newline="") as handle:
        return {row["sample"]: row for row in csv.DictReader(handle, delimiter="\t")}


@pytest.fixture
def typo_sheet(tmp_path: Path) -> Path:
    sheet = tmp_path / "nametypo.tsv"
    sheet.write_text(TYPO_SHEET)
    return sheet


def test_report_warns_once_per_unmatched_row_with_file_line_and_suggestion(tmp_path, typo_sheet):
    result = run("report", VCF, "--samples", typo_sheet, "--out", tmp_path / "r", text=True)
    assert result.returncode == 0, result.stderr
    assert _warnings(result.stderr) == _typo_warnings(typo_sheet)
    rows = _rows(tmp_path / "r.tsv")
    assert rows["P4_T"]["progressed_on"] == "" and rows["P1_T"]["progressed_on"] == "alectinib"  # nothing guessed


def test_annotate_and_its_report_warn_the_same(tmp_path, typo_sheet):
    out = tmp_path / "x.vcf.gz"
    result = run("annotate", VCF, "-o", out, "--samples", typo_sheet, "--report", tmp_path / "a", text=True)
    assert result.returncode == 0, result.stderr
    assert _warnings(result.stderr) == _typo_warnings(typo_sheet)
    assert out.exists() and set(_rows(tmp_path / "a.tsv")) == {f"P{n}_T" for n in range(1, 8)}
    plain = run("annotate", VCF, "-o", tmp_path / "y.vcf", "--samples", typo_sheet, text=True)
    assert _warnings(plain.stderr) == _typo_warnings(typo_sheet)


def test_the_examples_own_sheet_names_only_p6_t_which_it_leaves_out_on_purpose(tmp_path):
    """README's first command: no row of example_vcfs/samples.tsv is unmatched; P6_T has no row by design (the
    example's patient with unknown history), and that is the one warning."""
    result = run(
        "annotate", VCF, "--sv", EX / "GRCh38" / "sv.vcf", "--fusions", f"P5_T={EX / 'GRCh38' / 'fusions.tsv'}",
        "--samples", EX / "samples.tsv", "--min-vaf", "0.05", "-o", tmp_path / "a.vcf.gz", "-W",
        "--report", tmp_path / "alk_report", text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert _warnings(result.stderr) == [
        f"{EX / 'samples.tsv'}: no row for 1 reported sample(s): P6_T (their treatment history is unknown)",
        # and P7_T, by design without an ALK status, is named as outside the P-gp triage list
        "1 sample(s) progressed on an ALK inhibitor but are left out of the P-gp triage list, as their ALK positivity "
        "is not established (no positive alk_status in the sample sheet, no ALK fusion call): P7_T; give each its "
        "alk_status (e.g. positive:IHC) in the sample sheet",
    ]


def test_normals_and_rows_of_other_inputs_are_not_unmatched(tmp_path):
    """A row may match a sample of another input of the run; normals left out are not patients without a row."""
    one = tmp_path / "one.vcf"
    two = tmp_path / "two.vcf"
    head = (
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t"
    )
    one.write_text(head + "A_T\tA_N\nchr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT\t0/1\t0/0\n")
    two.write_text(head + "B_T\nchr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT\t0/1\n")
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\tprogressed_on\tnormal\nA_T\tcrizotinib\tA_N\nB_T\talectinib\t\n")
    result = run("report", one, two, "--samples", sheet, "--out", tmp_path / "r", text=True)
    assert result.returncode == 0 and _warnings(result.stderr) == [], result.stderr
    alone = run("report", one, "--samples", sheet, "--out", tmp_path / "q", text=True)
    # one input whose tumour has its row: B_T's row is another patient's, said in one INFO line (cohort48)
    assert _warnings(alone.stderr) == [], alone.stderr
    assert f"alkannot: INFO: {sheet}: 1 rows for other samples or files not used" in alone.stderr


def test_a_sheet_for_another_cohort_is_said_once_and_rows_only_with_a_suggestion(tmp_path):
    """None of the sheet's rows matches: the input's own warning says so; a row is named only with a suggestion,
    and the input's samples are not listed again as having no row."""
    sheet = tmp_path / "other.tsv"
    sheet.write_text("sample\tprogressed_on\nQ1_T\tcrizotinib\np7-t\tcrizotinib\n")
    result = run("report", VCF, "--samples", sheet, "--out", tmp_path / "r", text=True)
    warnings = _warnings(result.stderr)
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith(f"{VCF}: no sample of the sample sheet {sheet} is in this input")
    assert warnings[1] == (
        f"{sheet}:3: sample 'p7-t' is in no input of this run (did you mean P7_T?); the row is not used"
    )


def test_close_names_never_guesses_another_patient_number():
    from alkannot.sheet_rows import close_names

    names = ["P1_T", "P1_N", "P4_T", "S01_T", "Patient-12"]
    assert close_names("P4-T", names) == ["P4_T"]
    assert close_names("p4 t", names) == ["P4_T"]
    assert close_names("S02_T", names) == []  # another number: another patient
    assert close_names("P9_T", names) == []
    assert close_names("Patiant-12", names) == ["Patient-12"]
    assert close_names("p1_t", ["P1_T", "P1-T"]) == ["P1_T", "P1-T"]  # two alike: both named, none picked


def test_a_cohort_sheet_in_a_per_sample_run_gets_one_info_line_for_the_other_patients(tmp_path):
    """The README's per-sample pipeline gives every run the cohort's sheet: its other patients' rows, by sample or
    by source_vcf, are one INFO line with their number, no warning (cohort review of stop 33, finding 12; cohort48:
    there were two warnings a job); a row spelt like an input sample keeps its own warning. Where the input's
    tumour has no row, the other rows are one warning naming them (the tumour's row may be among them)."""
    vcf = tmp_path / "p1.vcf"  # one patient's VCF, as a per-sample pipeline has it
    subprocess.run(["bcftools", "view", "-s", "P1_T", "-o", str(vcf), str(VCF)], check=True)
    sheet = tmp_path / "cohort.tsv"
    rows = (
        "P2_T\tpositive:IHC\tcrizotinib\t\n"
        "P3_T\tpositive:IHC\tcrizotinib\t\n"
        "P4_T\tpositive:IHC\tceritinib\tp4.vcf\n"
        "P5_T\tpositive:IHC\tceritinib\tp5.vcf\n"
    )
    head = "sample\talk_status\tprogressed_on\tsource_vcf\n"
    sheet.write_text(head + "P1_T\tpositive:IHC\talectinib\t\n" + rows + "p1-t\tpositive:IHC\tcrizotinib\t\n")
    done = run("annotate", vcf, "--samples", sheet, "-o", tmp_path / "o.vcf", text=True)
    assert done.returncode == 0, done.stderr
    assert _warnings(done.stderr) == [
        f"{sheet}:7: sample 'p1-t' is in no input of this run (did you mean P1_T?); the row is not used",
    ]
    infos = [line for line in done.stderr.splitlines() if str(sheet) in line and "INFO" in line]
    assert infos == [
        f"alkannot: INFO: {sheet}: 4 rows for other samples or files not used (a cohort's sheet in a run of one input)"
    ]
    # the sheet as it is, without p1-t's line (the common case): nothing but the INFO line
    sheet.write_text(head + "P1_T\tpositive:IHC\talectinib\t\n" + rows)
    done = run("annotate", vcf, "--samples", sheet, "-o", tmp_path / "o.vcf", text=True)
    assert done.returncode == 0 and _warnings(done.stderr) == [], done.stderr
    # the input's tumour has no row: the input's own warning, then the rows for other files in one (those of other
    # samples are named only with a suggestion, as for a sheet of another cohort)
    sheet.write_text(head + rows)
    done = run("annotate", vcf, "--samples", sheet, "-o", tmp_path / "o.vcf", text=True)
    assert _warnings(done.stderr) == [
        f"{vcf}: no sample of the sample sheet {sheet} is in this input (sheet: P2_T, P3_T, P4_T, P5_T; input: P1_T)",
        f"{sheet}: 2 rows name a sample in no input of this run or a source_vcf naming none, not used: P4_T (line 4, "
        "source_vcf 'p4.vcf'), P5_T (line 5, source_vcf 'p5.vcf') (an input is named by its path, the end of its path "
        "(P1/tumor.vcf.gz), its file name or that without .vcf/.vcf.gz/.bcf/.maf; an annotated output also by those of "
        "the file it was annotated from)",
    ]
