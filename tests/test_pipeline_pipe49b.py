"""Pipeline review of stop 49, the second pipeline helper (pipe49b): the findings pipe49 left, each through the
installed command line.

Finding 2: `--build hg19` on a GRCh38 file said "--build GRCh37 contradicts the header": a user who wrote hg19 (as
nf-core's params.genome does) did not find that value in the message. It names the value as typed, and the build it
stands for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, run

GRCH38 = EXAMPLES / "GRCh38" / "tumor_normal.vcf"
GRCH37 = EXAMPLES / "GRCh37" / "tumor_normal.vcf"
MAF38 = Path(__file__).resolve().parent / "data" / "maf" / "madeup_nf2_grch38.maf"
HEADER38 = "(##contig chr2 length=242193529; ##reference=file:///ref/Homo_sapiens_assembly38.fasta: GRCh38)"


@pytest.mark.parametrize(
    ("given", "said"),
    [("hg19", "hg19 (GRCh37)"), ("HG19", "HG19 (GRCh37)"), ("GRCh37", "GRCh37"), ("grch37", "grch37")],
)
def test_a_contradicting_build_is_named_as_typed(tmp_path, given, said):
    out = tmp_path / "out.vcf"
    result = run("annotate", GRCH38, "--build", given, "-o", out, text=True)
    assert result.returncode == 3
    assert result.stderr == (
        f"alkannot: error: {GRCH38}: --build {said} contradicts the header {HEADER38}; drop --build or fix the header\n"
    )
    assert not out.exists() and list(tmp_path.iterdir()) == []
    report = run("report", GRCH38, "--build", given, "--out", tmp_path / "rep", text=True)
    assert report.returncode == 3 and f"--build {said} contradicts the header" in report.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_build_given_as_hg19_is_grch37(tmp_path):
    result = run("annotate", GRCH37, "--build", "hg19", "-o", tmp_path / "out.vcf", text=True)
    assert result.returncode == 0, result.stderr
    assert "##alkannotBuild=GRCh37\n" in (tmp_path / "out.vcf").read_text()


def test_a_maf_build_contradiction_names_the_build_as_typed(tmp_path):
    result = run("report", MAF38, "--build", "hg19", "--out", tmp_path / "rep", text=True)
    assert result.returncode == 3
    assert result.stderr == (
        f"alkannot: error: {MAF38}: --build hg19 (GRCh37) contradicts the MAF's NCBI_Build (GRCh38); drop --build or "
        "fix NCBI_Build\n"
    )
    assert list(tmp_path.iterdir()) == []
