"""The Python API refuses what the command line refuses (run_paths.py, called by annotate_file and report_files):
no output replaces an input, `-o` is none of the report's files, and two inputs do not both read standard input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from alkannot import api
from alkannot.cohort import report_files
from alkannot.errors import InputError, UsageProblem

EXAMPLE = Path(__file__).parents[1] / "example_vcfs"
VCF = EXAMPLE / "GRCh38" / "tumor_normal.vcf"


def test_a_report_prefix_over_the_sample_sheet_is_refused(tmp_path):
    sheet = tmp_path / "sh.tsv"
    shutil.copy(EXAMPLE / "samples.tsv", sheet)
    before = sheet.read_bytes()
    with pytest.raises(InputError, match="refusing to overwrite an input file"):
        api.annotate(str(VCF), str(tmp_path / "out.vcf"), report_prefix=str(tmp_path / "sh"), samples_path=str(sheet))
    assert sheet.read_bytes() == before and not (tmp_path / "out.vcf").exists()


def test_an_output_that_is_a_report_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="-o names one of the --report files"):
        api.annotate(str(VCF), str(tmp_path / "rp.tsv"), report_prefix=str(tmp_path / "rp"))
    assert list(tmp_path.iterdir()) == []


def test_an_output_over_the_input_is_refused(tmp_path):
    vcf = tmp_path / "in.vcf"
    shutil.copy(VCF, vcf)
    with pytest.raises(InputError, match="refusing to overwrite an input file"):
        api.annotate(str(vcf), str(vcf))
    assert vcf.read_bytes() == VCF.read_bytes()


def test_two_readers_of_standard_input_are_refused(tmp_path):
    with pytest.raises(UsageProblem, match="only one input can read it"):
        api.annotate("-", str(tmp_path / "out.vcf"), sv_paths=("-",))


def test_report_files_refuses_a_prefix_over_an_input(tmp_path):
    sheet = tmp_path / "c.tsv"
    shutil.copy(EXAMPLE / "samples.tsv", sheet)
    with pytest.raises(InputError, match="refusing to overwrite an input file"):
        report_files([str(VCF)], out_prefix=str(tmp_path / "c"), samples_path=str(sheet))
