"""Chromosome 2 named by its GenBank accession (CM000664.1 in GRCh37, CM000664.2 in GRCh38, as GCA-based
references name it) is chromosome 2; a ##contig with chromosome 2's length under a name alkannot does not read
as chromosome 2 is said in a warning, never a silent '0 in ALK' (pipeline review pipe6, finding 9)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import generated_vcf, run

from alkannot.genome import build_of_refseq, chrom_number

COLUMNS = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
# G1202R (c.3604G>A) on each build
SITES = {"GRCh37": ("CM000664.1", 243199373, 29443613), "GRCh38": ("CM000664.2", 242193529, 29220747)}


def site_vcf(path: Path, name: str, length: int | None, pos: int) -> Path:
    contig = f"##contig=<ID={name},length={length}>\n" if length else f"##contig=<ID={name}>\n"
    path.write_text(f"##fileformat=VCFv4.2\n{contig}{COLUMNS}{name}\t{pos}\t.\tC\tT\t50\tPASS\t.\n")
    return path


def info(path: Path) -> str:
    return [l for l in path.read_text().splitlines() if not l.startswith("#")][0].split("\t")[7]


@pytest.mark.parametrize("build", sorted(SITES))
@pytest.mark.parametrize("with_length", [True, False])
def test_genbank_accession_is_chromosome_2(tmp_path, build, with_length):
    name, length, pos = SITES[build]
    vcf = site_vcf(tmp_path / "in.vcf", name, length if with_length else None, pos)
    out = tmp_path / "o.vcf"
    result = run("annotate", vcf, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "1 in ALK" in result.stderr.decode() and "WARNING" not in result.stderr.decode()
    assert "ALK_HGVSP=p.G1202R" in info(out)
    kept = [l for l in out.read_text().splitlines() if not l.startswith("#")][0].split("\t")
    assert kept[:7] == vcf.read_text().splitlines()[-1].split("\t")[:7]


def test_the_other_builds_accession_version_contradicts_the_length(tmp_path):
    """CM000664.1 is GRCh37's chromosome 2: with GRCh38's length the build cannot be told (exit 3)."""
    vcf = site_vcf(tmp_path / "in.vcf", "CM000664.1", 242193529, 29220747)
    result = run("annotate", vcf, "-o", tmp_path / "o.vcf")
    assert result.returncode == 3 and "disagrees" in result.stderr.decode(), result.stderr


def test_genbank_names_on_the_byte_level_path(tmp_path):
    """A large GRCh38 file (byte-level scan) with every chromosome named by its GenBank accession."""
    src = generated_vcf(tmp_path / "ucsc.vcf", 20000).read_text()
    numbers = {**{str(n): f"CM0006{62 + n}.2" for n in range(1, 23)}, "X": "CM000685.2", "Y": "CM000686.2"}
    renamed = re.sub(r"(?m)^(##contig=<ID=|)chr([0-9XY]+)\b", lambda m: m.group(1) + numbers[m.group(2)], src)
    assert "CM000664.2\t29220747" in renamed and "\nchr" not in renamed
    vcf = tmp_path / "genbank.vcf"
    vcf.write_text(renamed)
    out, ref = tmp_path / "o.vcf", tmp_path / "ref.vcf"
    assert run("annotate", tmp_path / "ucsc.vcf", "-o", ref).returncode == 0
    result = run("annotate", vcf, "-o", out)
    assert result.returncode == 0, result.stderr
    body = [l.split("\t", 1)[1] for l in out.read_text().splitlines() if not l.startswith("#")]
    assert body == [l.split("\t", 1)[1] for l in ref.read_text().splitlines() if not l.startswith("#")]
    assert any("ALK_HGVSP=p.G1202R" in l for l in body)


@pytest.mark.parametrize("build", sorted(SITES))
def test_chromosome_2_length_under_an_unknown_name_is_warned(tmp_path, build):
    _, length, pos = SITES[build]
    vcf = site_vcf(tmp_path / "in.vcf", "LAB_CHR_TWO", length, pos)
    out = tmp_path / "o.vcf"
    result = run("annotate", vcf, "-o", out)
    err = result.stderr.decode()
    assert result.returncode == 0, err
    warning = [l for l in err.splitlines() if "WARNING" in l]
    assert len(warning) == 1 and f"##contig LAB_CHR_TWO has the length of {build} chromosome 2" in warning[0], err
    assert f"{vcf}:2:" in warning[0] and "0 in ALK" in err
    assert out.read_text().splitlines()[-1] == vcf.read_text().splitlines()[-1]


@pytest.mark.skipif(shutil.which("bcftools") is None, reason="bcftools makes the BCF")
def test_chromosome_2_length_under_an_unknown_name_is_warned_in_a_bcf(tmp_path):
    """A BCF's header was written by htslib: its contigs are checked too (open from stop 23)."""
    _, length, pos = SITES["GRCh38"]
    vcf = site_vcf(tmp_path / "in.vcf", "LAB_CHR_TWO", length, pos)
    bcf = tmp_path / "in.bcf"
    subprocess.run(["bcftools", "view", "-Ob", "-o", str(bcf), str(vcf)], check=True)
    result = run("annotate", bcf, "-o", tmp_path / "o.vcf")
    err = result.stderr.decode()
    assert result.returncode == 0, err
    warning = [l for l in err.splitlines() if "WARNING" in l]
    assert len(warning) == 1 and "##contig LAB_CHR_TWO has the length of GRCh38 chromosome 2" in warning[0], err
    assert f"{bcf}:contig 1:" in warning[0] and "0 in ALK" in err


def test_accession_names():
    assert [chrom_number(f"CM0006{n}.1") for n in (63, 64, 84, 85, 86)] == ["1", "2", "22", "X", "Y"]
    assert chrom_number("CM000664.2") == "2" and chrom_number("CM000687.1") == "CM000687.1"
    assert chrom_number("CM000662.1") == "CM000662.1"
    assert build_of_refseq("CM000664.1") == "GRCh37" and build_of_refseq("CM000664.2") == "GRCh38"
