"""Annotated outputs of the real test inputs pass the third-party validators: `bcftools view`
(htslib) and vcftools' `vcf-validator`. vcf-validator is picky about things outside alkannot's
control (a missing ##reference, unsorted input), so its verdict on the output is compared with its
verdict on the input: alkannot may remove complaints, never add one.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

DATA = Path(__file__).parent / "data"
INPUTS = sorted(DATA.glob("*.vcf")) + sorted((DATA / "sv").glob("*.vcf"))


def annotate(src: Path, out: Path) -> None:
    build = ["--build", "GRCh38"] if "grch38" in src.name.lower() else ["--build", "GRCh37"]
    result = subprocess.run([ALKANNOT, "annotate", str(src), "-o", str(out), *build], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()


def complaints(path: Path) -> set[str]:
    """vcf-validator's complaints, the sample column a record-level complaint names left out: it names the first
    sample in Perl's hash order, which differs from run to run on the same file ('column normal.bam at ...' or
    'column tumour.bam at ...')."""
    run = subprocess.run(["vcf-validator", str(path)], capture_output=True, text=True, timeout=120)
    lines = (" ".join(line.split()) for line in (run.stdout + run.stderr).splitlines() if line.strip())
    return {re.sub(r"^column \S+ at ", "column * at ", line) for line in lines}


def strip_alk(line: str) -> str:
    fields = line.split("\t")
    fields[7] = ";".join(kv for kv in fields[7].split(";") if not kv.startswith("ALK_")) or "."
    return "\t".join(fields)


@pytest.mark.skipif(not shutil.which("vcf-validator"), reason="vcf-validator (vcftools) not installed")
@pytest.mark.parametrize("src", INPUTS, ids=lambda p: p.name)
def test_vcf_validator_finds_nothing_new(src, tmp_path):
    out = tmp_path / "out.vcf.gz"
    annotate(src, out)
    added = complaints(out) - complaints(src)
    assert not added, added


@pytest.mark.skipif(not shutil.which("bcftools"), reason="bcftools not installed")
@pytest.mark.parametrize("src", INPUTS, ids=lambda p: p.name)
def test_bcftools_reads_the_output_with_every_record(src, tmp_path):
    before = subprocess.run(["bcftools", "view", "-H", str(src)], capture_output=True, text=True).stdout.splitlines()
    for name in ("out.vcf", "out.bcf"):
        out = tmp_path / name
        annotate(src, out)
        view = subprocess.run(["bcftools", "view", "-H", str(out)], capture_output=True, text=True)
        assert view.returncode == 0 and "[E::" not in view.stderr, view.stderr
        assert [strip_alk(l) for l in view.stdout.splitlines()] == [strip_alk(l) for l in before]
