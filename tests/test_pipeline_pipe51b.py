"""Pipeline review of stop 51, second helper (pipe51b), each through the installed entry point or the API.

1. The nf-core module staged its `vcf`, `sv` and `fusions` inputs under their own names: a tumour `calls.vcf.gz`
   beside an SV `calls.vcf.gz` from another folder collided (tests/test_nextflow_module.py).
2. `kb export --format vcf -o newdir/` (no such directory) was exit 2, a usage error, where `annotate -o newdir/` is
   exit 3, 'names a directory, which does not exist'; kb export says it as annotate does.
3. api.annotate and api.report without min_vaf were told "no --min-vaf given ... with --min-vaf", the command line's
   words; they are told in the API's keywords, through the `api` flag the API's other messages use. The command
   line's line is unchanged, byte for byte.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

from alkannot import api

EXAMPLES = Path(__file__).resolve().parent.parent / "example_vcfs"
VCF, SHEET = EXAMPLES / "GRCh38" / "tumor_normal.vcf", EXAMPLES / "samples.tsv"
FACT = (
    "3 sample(s) are on_target on ALK changes taken as clonal whatever their allele fraction (lowest: P7_T C1156Y at "
    "VAF 3.0%); give the laboratory's clonality cut-off"
)
CLI_LINE = f"alkannot: INFO: no --min-vaf given: {FACT} with --min-vaf"
API_MESSAGE = f"no min_vaf given: {FACT} as min_vaf"


def _run(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([ALKANNOT, *map(str, args)], capture_output=True, text=True, cwd=cwd)


# ----------------------------------------------------------------------------------------- 2. kb export -o newdir/
@pytest.mark.parametrize("given", ["newdir/", "missing/newdir/"])
def test_kb_export_vcf_to_a_directory_name_none_there_is_exit_3_as_annotate_says_it(tmp_path, given):
    exported = _run("kb", "export", "--format", "vcf", "-o", given, cwd=tmp_path)
    annotated = _run("annotate", VCF, "-o", given, cwd=tmp_path)
    assert (exported.returncode, annotated.returncode) == (3, 3)
    said = f"alkannot: error: {given}: names a directory, which does not exist; give a file name"
    assert annotated.stderr == said + "\n"
    assert exported.stderr == (
        f"{said} ending .vcf.gz or .vcf.bgz (kb export --format vcf writes one file, a bgzipped, tabix-indexed site "
        "VCF)\n"
    )
    assert exported.stdout == "" and list(tmp_path.iterdir()) == []


def test_kb_export_vcf_to_a_file_name_in_an_existing_folder_still_works(tmp_path):
    (tmp_path / "newdir").mkdir()
    exported = _run("-q", "kb", "export", "--format", "vcf", "-o", "newdir/kb.vcf.gz", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert sorted(p.name for p in (tmp_path / "newdir").iterdir()) == ["kb.vcf.gz", "kb.vcf.gz.tbi"]


# ----------------------------------------------------------------------------------------- 3. min_vaf, in the API's words
def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "min_vaf given" in r.getMessage() or "min-vaf" in r.getMessage()]


@pytest.mark.parametrize("report", [False, True])  # streamed verdicts (no report) and kept ones (--report)
def test_api_annotate_without_min_vaf_is_told_in_the_apis_keywords(tmp_path, caplog, report):
    options = {"report_prefix": str(tmp_path / "rep")} if report else {}
    with caplog.at_level(logging.INFO, logger="alkannot"):
        api.annotate(str(VCF), str(tmp_path / "out.vcf"), samples_path=str(SHEET), **options)
    assert _said(caplog) == [API_MESSAGE]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="alkannot"):
        api.annotate(str(VCF), str(tmp_path / "cut.vcf"), samples_path=str(SHEET), min_vaf=0.05, **options)
    assert _said(caplog) == []


def test_api_report_without_min_vaf_is_told_in_the_apis_keywords(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="alkannot"):
        api.report(str(VCF), str(tmp_path / "rep"), samples_path=str(SHEET))
    assert _said(caplog) == [API_MESSAGE]


@pytest.mark.parametrize(
    "args",
    [
        ("annotate", VCF, "--samples", SHEET, "-o", "out.vcf"),
        ("annotate", VCF, "--samples", SHEET, "--report", "rep", "-o", "out.vcf"),
        ("report", VCF, "--samples", SHEET, "--out", "cohort"),
    ],
)
def test_the_command_lines_line_is_unchanged(tmp_path, args):
    done = _run(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if "min-vaf" in line or "min_vaf" in line] == [CLI_LINE]
