"""A bgzipped VCF with an index is opened without htslib loading the index, and its header is still the one
htslib makes by name: every contig the index lists and the header lacks is added (index_contigs.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pysam
import pytest
from helpers import run

from alkannot.index_contigs import index_candidates, sequence_names, undeclared_index_contigs
from alkannot.vcfio import open_vcf

pytestmark = pytest.mark.skipif(shutil.which("bcftools") is None, reason="needs bcftools and tabix")

EXAMPLE = Path(__file__).resolve().parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


def _indexed(tmp_path: Path, name: str, drop_contigs: bool, kind: str) -> Path:
    """The GRCh38 example, bgzipped and indexed (`kind`: tbi or csi), with or without its ##contig lines."""
    text = EXAMPLE.read_text()
    if drop_contigs:
        text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("##contig"))
    plain = tmp_path / f"{name}.vcf"
    plain.write_text(text)
    subprocess.run(["bgzip", "-f", str(plain)], check=True)
    compressed = tmp_path / f"{name}.vcf.gz"
    subprocess.run(["bcftools", "index", "-f", "--csi" if kind == "csi" else "--tbi", str(compressed)], check=True)
    return compressed


def _by_name(path: Path) -> str:
    with pysam.VariantFile(str(path)) as vf:
        return str(vf.header)


@pytest.mark.parametrize("kind", ["tbi", "csi"])
def test_index_names_are_read_from_the_index_head(tmp_path, kind):
    path = _indexed(tmp_path, "sample", drop_contigs=False, kind=kind)
    assert index_candidates(str(path)) == [f"{path}.{kind}"]
    with pysam.VariantFile(str(path)) as vf:
        expected = [c for c in vf.header.contigs if any(r.contig == c for r in vf.fetch(c))]
    assert sequence_names(f"{path}.{kind}") == expected


@pytest.mark.parametrize("kind", ["tbi", "csi"])
def test_declared_contigs_open_through_the_descriptor_with_htslibs_header(tmp_path, kind):
    path = _indexed(tmp_path, "declared", drop_contigs=False, kind=kind)
    assert undeclared_index_contigs(str(path), set(pysam.VariantFile(str(path)).header.contigs)) is False
    vf = open_vcf(str(path), str(path))
    assert vf.filename.startswith(b"/dev/fd/")  # htslib was not pointed at the index
    assert str(vf.header) == _by_name(path)
    assert len(list(vf)) == 4


@pytest.mark.parametrize("kind", ["tbi", "csi"])
def test_contigs_only_the_index_lists_are_added_as_htslib_adds_them(tmp_path, kind):
    path = _indexed(tmp_path, "undeclared", drop_contigs=True, kind=kind)
    vf = open_vcf(str(path), str(path))
    assert "chr2" in vf.header.contigs  # from the index
    assert str(vf.header) == _by_name(path)


def test_an_unreadable_index_falls_back_to_opening_by_name(tmp_path):
    path = _indexed(tmp_path, "broken", drop_contigs=False, kind="tbi")
    Path(f"{path}.tbi").write_bytes(b"not an index")
    assert sequence_names(f"{path}.tbi") is None
    vf = open_vcf(str(path), str(path))
    assert not vf.filename.startswith(b"/dev/fd/")
    assert str(vf.header) == _by_name(path)


def test_without_an_index_nothing_is_looked_up(tmp_path):
    path = _indexed(tmp_path, "plain", drop_contigs=False, kind="tbi")
    os.unlink(f"{path}.tbi")
    assert index_candidates(str(path)) == []
    assert undeclared_index_contigs(str(path), set()) is None


def test_annotated_header_keeps_the_contigs_htslib_takes_from_the_index(tmp_path):
    """End to end: the output header is bcftools' header of the input plus alkannot's lines."""
    path = _indexed(tmp_path, "annotate", drop_contigs=True, kind="tbi")
    out = tmp_path / "out.vcf"
    result = run("-q", "annotate", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    contigs = [line for line in out.read_text().splitlines() if line.startswith("##contig")]
    expected = subprocess.run(["bcftools", "view", "-h", str(path)], capture_output=True, text=True, check=True)
    assert contigs == [line for line in expected.stdout.splitlines() if line.startswith("##contig")]
    assert contigs  # the index's contigs are there


def test_a_damaged_file_with_an_index_is_reported_by_its_own_name(tmp_path):
    path = _indexed(tmp_path, "damaged", drop_contigs=False, kind="tbi")
    path.write_bytes(path.read_bytes()[:60])  # cut inside the first block; the index stays beside it
    result = run("annotate", str(path), "-o", str(tmp_path / "out.vcf"), text=True)
    assert result.returncode == 3
    (line,) = result.stderr.splitlines()
    assert str(path) in line and "/dev/fd" not in line


def test_an_empty_name_in_an_index_counts_as_undeclared(tmp_path):
    """Each name ends with a NUL; an empty one (a header cannot declare it, htslib would add it) is kept."""
    import struct

    from alkannot.bgzf import BgzfWriter

    names = b"chr1\0\0"
    head = b"TBI\x01" + struct.pack("<8i", 2, 2, 1, 2, 0, ord("#"), 0, len(names)) + names
    vcf = tmp_path / "odd.vcf.gz"
    vcf.write_bytes(b"")
    with open(f"{vcf}.tbi", "wb") as handle:
        writer = BgzfWriter(handle)
        writer.write(head)
        writer.close()
    assert sequence_names(f"{vcf}.tbi") == ["chr1", ""]
    assert undeclared_index_contigs(str(vcf), {"chr1"}) is True


@pytest.mark.parametrize("kind", ["tbi", "csi"])
def test_names_that_span_several_index_blocks_are_all_read(tmp_path, kind):
    """8,000 contigs: the name list (~230 kB) fills several BGZF blocks of the index, and the index file is
    larger than the 64 KiB sequence_names reads first."""
    names = [f"contig_{i:06d}_with_a_long_name"[:24] + f"{i}" for i in range(8000)]
    lines = ["##fileformat=VCFv4.2", *(f"##contig=<ID={n},length=1000>" for n in names)]
    lines.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO")
    lines += [f"{n}\t10\t.\tA\tG\t.\tPASS\t." for n in names]
    plain = tmp_path / "many.vcf"
    plain.write_text("\n".join(lines) + "\n")
    subprocess.run(["bgzip", "-f", str(plain)], check=True)
    compressed = tmp_path / "many.vcf.gz"
    subprocess.run(["bcftools", "index", "-f", "--csi" if kind == "csi" else "--tbi", str(compressed)], check=True)
    index = Path(f"{compressed}.{kind}")
    assert os.path.getsize(index) > 1 << 16
    assert sequence_names(str(index)) == names
    assert undeclared_index_contigs(str(compressed), set(names)) is False
    assert undeclared_index_contigs(str(compressed), set(names[:-1])) is True
