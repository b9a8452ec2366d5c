"""`--samples` is a sample sheet; bcftools' `-s/--samples LIST` and `-S FILE` are sample subsets. A bcftools user's
`--samples P1_T,P1_N` said only "P1_T,P1_N: cannot read sample sheet (No such file or directory)", and a file of one
name a line "no 'sample' column in the header (P1_T)" (stop 52). Both now add what --samples takes and how to
subset upstream; still one line, exit 3, no output; bcftools' -s/-S options are a usage error that says so. Through
the installed CLI, for annotate and report."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

VCF = Path(__file__).parents[1] / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
HINT = (
    "--samples takes a sample sheet (a TSV or CSV with a 'sample' column), not a list of sample names as bcftools' "
    "-s/-S take; alkannot has no sample subset: subset upstream, bcftools view "
)


def _refused(tmp_path: Path, command: str, *args: str) -> str:
    out = ["-o", str(tmp_path / "out.vcf")] if command == "annotate" else ["--out", str(tmp_path / "rep")]
    run = subprocess.run([ALKANNOT, command, str(VCF), *args, *out], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 3, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(a for a in args if (tmp_path / a).exists())
    (line,) = run.stderr.splitlines()
    return line


@pytest.mark.parametrize("command", ["annotate", "report"])
def test_a_list_of_sample_names_is_said_to_be_no_sheet(tmp_path, command):
    line = _refused(tmp_path, command, "--samples", "P1_T,P1_N")
    assert line == (
        "alkannot: error: P1_T,P1_N: cannot read sample sheet (No such file or directory); " + HINT + "-s P1_T,P1_N"
    )


@pytest.mark.parametrize(
    ("given", "shown"),
    [("P1.T,P1.N", "P1.T,P1.N"), ("HCC827-GR", "HCC827-GR"), ("NA12878.1,S01", "NA12878.1,S01"), ("^P1_N", "'^P1_N'")],
)
def test_real_sample_names_with_dots_dashes_and_digits_get_the_hint(tmp_path, given, shown):
    """`--samples P1.T,P1.N` was told only "cannot read sample sheet": a dot anywhere was taken for a file name's
    (review of stop 52, finding 1). The bcftools command shown is quoted for a shell where it needs to be."""
    assert _refused(tmp_path, "annotate", "--samples", given) == (
        f"alkannot: error: {given}: cannot read sample sheet (No such file or directory); " + HINT + f"-s {shown}"
    )


@pytest.mark.parametrize("given", ["sheet.tsv", "samples.CSV", "sheet.tsv.gz", "names.txt", "meta/P1_T", "P1.tsv,x"])
def test_a_missing_sheet_path_gets_no_hint(tmp_path, given):
    """A missing file named as a sheet is (a table's, a list's or a compressed file's ending, or a directory part)
    is said missing alone, whatever dots its name holds."""
    assert _refused(tmp_path, "annotate", "--samples", given) == (
        f"alkannot: error: {given}: cannot read sample sheet (No such file or directory)"
    )


@pytest.mark.parametrize("command", ["annotate", "report"])
def test_a_file_of_one_name_a_line_is_said_to_be_no_sheet(tmp_path, command):
    (tmp_path / "names.txt").write_text("P1_T\nP1_N\n")
    line = _refused(tmp_path, command, "--samples", "names.txt")
    assert line == "alkannot: error: names.txt:1: no 'sample' column in the header (P1_T); " + HINT + "-S names.txt"


def test_a_missing_sheet_file_and_a_sheet_of_other_columns_keep_their_line(tmp_path):
    assert _refused(tmp_path, "annotate", "--samples", "sheet.tsv") == (
        "alkannot: error: sheet.tsv: cannot read sample sheet (No such file or directory)"
    )
    (tmp_path / "two.tsv").write_text("patient\tdrug\nP1_T\tcrizotinib\n")
    assert _refused(tmp_path, "annotate", "--samples", "two.tsv") == (
        "alkannot: error: two.tsv:1: no 'sample' column in the header (patient, drug)"
    )


@pytest.mark.parametrize("command", ["annotate", "report"])
@pytest.mark.parametrize("option", [["-s", "P1_T"], ["-S", "names.txt"], ["--samples-file", "x"], ["--force-samples"]])
def test_bcftools_sample_subset_options_are_a_usage_error_that_says_so(tmp_path, command, option):
    """`annotate -s P1_T` said "No such option '-s'" alone (stop 52), where the region options name the remedy."""
    out = ["-o", str(tmp_path / "out.vcf")] if command == "annotate" else ["--out", str(tmp_path / "rep")]
    run = subprocess.run([ALKANNOT, command, str(VCF), *option, *out], capture_output=True, text=True)
    assert run.returncode == 2 and list(tmp_path.iterdir()) == []
    # the records piped into the command given: `report -s` was shown an annotate command (rev52)
    into = "annotate - -Oz -o alk.vcf.gz" if command == "annotate" else "report - --out PREFIX"
    assert run.stderr.splitlines() == [
        f"alkannot: error: No such option '{option[0]}': alkannot has no sample subset (-s/-S; its --samples is a "
        "sample sheet); subset upstream and pipe the records in: bcftools view -s P1_T,P1_N calls.vcf.gz | alkannot "
        f"{into} (see 'alkannot {command} --help')"
    ]


@pytest.mark.skipif(shutil.which("bcftools") is None, reason="bcftools not installed")
def test_the_pipe_report_is_shown_runs(tmp_path):
    """What `report -s`/`report -r` name, `bcftools view ... | alkannot report - --out PREFIX`, makes the report."""
    shown = subprocess.run([ALKANNOT, "report", str(VCF), "-r", "chr2", "--out", "x"], capture_output=True, text=True)
    assert shown.returncode == 2 and "| alkannot report - --out PREFIX (see 'alkannot report --help')" in shown.stderr
    subset = subprocess.run(["bcftools", "view", "-s", "P1_T,P1_N", str(VCF)], capture_output=True, check=True)
    piped = subprocess.run(
        [ALKANNOT, "-q", "report", "-", "--out", str(tmp_path / "r")], input=subset.stdout, capture_output=True
    )
    assert piped.returncode == 0, piped.stderr
    assert "P1_T" in (tmp_path / "r.tsv").read_text()
