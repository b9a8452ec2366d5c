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


@pytest.mark.parametrize("build", [(), ("--build", "GRCh38")], ids=["no --build", "--build GRCh38"])
def test_a_chromosome_2_of_neither_build_is_refused_naming_its_length(tmp_path, build):
    """A T2T-CHM13 header (chr2 length 242696752): it was 'no ##contig length ... names a build; rerun with --build',
    and with --build GRCh38 accepted silently, its output carrying ##alkannotBuild=GRCh38 beside the CHM13 contig
    line (pipeline review of stop 30, finding 3)."""
    example = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    text = example.read_text().replace("length=242193529", "length=242696752")
    path = tmp_path / "chm13.vcf"
    path.write_text(text)
    out = tmp_path / "out.vcf"
    run = subprocess.run([ALKANNOT, "annotate", str(path), *build, "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 3 and not out.exists()
    (line,) = run.stderr.strip().splitlines()
    said = (
        "##contig chr2 length=242696752 is neither GRCh37's (243199373) nor GRCh38's (242193529): another assembly's "
        "chromosome 2"
    )
    assert said in line and line.endswith("alkannot reads GRCh37 or GRCh38 only: lift the VCF over to one of them")
    assert line.startswith(f"alkannot: error: {path}") and "rerun with --build" not in line


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
