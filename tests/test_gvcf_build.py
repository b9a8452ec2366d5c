"""Build evidence (pipeline review of stop 30, findings 1 and 3). Reference-only records (a gVCF's `<NON_REF>`
blocks, an all-sites VCF's ALT '.') are not evidence: they matched the other build's ALK coding bases by chance and
made a GRCh38 gVCF 'wrong build? (use --build GRCh37)', exit 3, even with --build GRCh38. A chromosome 2 length of
neither build is another assembly's. Through the installed CLI."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

DATA = Path(__file__).parent / "data" / "gvcf"


@pytest.mark.parametrize("build", [(), ("--build", "GRCh38")], ids=["from the header", "--build GRCh38"])
def test_reference_only_records_do_not_outvote_the_build(tmp_path, build):
    out = tmp_path / "out.vcf"
    run = subprocess.run(
        [ALKANNOT, "annotate", str(DATA / "ref_only_grch38.vcf"), *build, "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "wrong build" not in run.stderr
    body = [line for line in out.read_text().splitlines() if not line.startswith("#")]
    assert len(body) == 4  # every record kept
    assert "ALK_HGVSP=p.G1202R" in body[0]
    assert all(line.endswith("\t.\t.\t.") for line in body[1:])  # the reference-only records untouched


def _chm13(tmp_path: Path) -> Path:
    example = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    path = tmp_path / "chm13.vcf"
    text = example.read_text().replace("length=242193529", "length=242696752")
    path.write_text(text.replace("##reference=file:///ref/Homo_sapiens_assembly38.fasta", "##reference=chm13v2.0.fa"))
    return path


NEITHER = (
    "##contig chr2 length=242696752 is neither GRCh37's (243199373) nor GRCh38's (242193529): another assembly's "
    "chromosome 2, or a placeholder length"
)
LIFT_OVER = "alkannot reads GRCh37 or GRCh38 only: a VCF of another assembly needs a liftover to one of them"


def test_a_chromosome_2_of_neither_build_is_named_with_records_in_alk(tmp_path):
    """A T2T-CHM13 header (chr2 length 242696752) with nothing else naming a build: it was 'no ##contig length ...
    names a build'. The length is named, and both ways on: --build (a placeholder length) or a liftover."""
    path, out = _chm13(tmp_path), tmp_path / "out.vcf"
    run = subprocess.run([ALKANNOT, "annotate", str(path), "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 3 and not out.exists()
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"alkannot: error: {path}:chr2:") and NEITHER in line
    assert line.endswith(f"rerun with --build GRCh37 or --build GRCh38; {LIFT_OVER}")


def test_a_build_given_beside_a_chromosome_2_of_neither_build_is_used_with_a_warning(tmp_path):
    """It was used silently, the output's ##alkannotBuild=GRCh38 beside the CHM13 contig line. A placeholder length
    (2147483647 in many test files) is as unknown, and --build must still work there: used, with a warning; a file of
    another assembly then fails the REF check at the ALK coding positions."""
    path, out = _chm13(tmp_path), tmp_path / "out.vcf"
    run = subprocess.run(
        [ALKANNOT, "annotate", str(path), "--build", "GRCh38", "-o", str(out)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    (warning,) = [x for x in run.stderr.splitlines() if "WARNING" in x]
    assert warning == f"alkannot: WARNING: {path}: --build GRCh38 beside {NEITHER}: using --build; {LIFT_OVER}"


def test_other_header_evidence_outvotes_a_placeholder_length(tmp_path):
    """assembly=b37 and a GRCh37 ##reference beside chr2 length 2147483647 (a placeholder): GRCh37, as before
    (review of stop 30's change, finding 1: 51 corpus files lost their build)."""
    path, out = tmp_path / "b37.vcf", tmp_path / "out.vcf"
    path.write_text(
        "##fileformat=VCFv4.2\n##reference=file:///ref/human_g1k_v37.fasta\n"
        "##contig=<ID=2,assembly=b37,length=2147483647>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        "2\t29443613\t.\tC\tT\t.\tPASS\t.\n"
    )
    run = subprocess.run([ALKANNOT, "-q", "annotate", str(path), "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    text = out.read_text()
    assert "##alkannotBuild=GRCh37" in text and "ALK_HGVSP=p.G1202R" in text


def test_a_chromosome_2_of_neither_build_without_alk_records_passes_through(tmp_path):
    """A toy or other-assembly VCF with no record where ALK lies in GRCh37 or GRCh38 is copied through, as before:
    nothing in it needs the build."""
    record = "chr2\t500\t.\tA\tG\t.\tPASS\t."
    path = tmp_path / "toy.vcf"
    path.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=1000>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        + record
        + "\n"
    )
    out = tmp_path / "out.vcf"
    run = subprocess.run([ALKANNOT, "-q", "annotate", str(path), "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert [x for x in out.read_text().splitlines() if not x.startswith("#")] == [record]
