"""What BCF cannot hold (pipeline review of stop 42, finding 8): a record whose POS is beyond 2147483647 (a contig
longer than that) is exit 3 with one line naming the input and the record, not the output, and no output file is
left; an INFO or FORMAT integer beyond 32 bits, which htslib writes to BCF as missing, is said in a warning."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

DATA = Path(__file__).parent / "data" / "bcf_limits"
BEYOND = "record big:3000000000 cannot be written as BCF: its POS is beyond 2147483647, the largest BCF holds; write VCF (-O v or -O z)"  # noqa: E501


def _run(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([ALKANNOT, *map(str, args)], capture_output=True, cwd=cwd)


def _padded(tmp_path: Path) -> Path:
    """The test file with 40,000 more records on the long contig: over 1 MiB, so pass 1 reads it at the byte level."""
    text = (DATA / "pos_beyond_bcf.vcf").read_text()
    head, last = text.rsplit("\n", 2)[0], text.rsplit("\n", 2)[1]
    padding = "".join(f"big\t{1000 + i}\t.\tA\tG\t50\tPASS\tDP=30\n" for i in range(40000))
    path = tmp_path / "large.vcf"
    path.write_text(f"{head}\n{padding}{last}\n")
    assert path.stat().st_size > 1 << 20
    return path


@pytest.mark.parametrize("size", ["small", "large"])
@pytest.mark.parametrize("how", [("-O", "b"), ("-O", "u"), ("-O", "b", "-W"), ("--strict", "-O", "b")])
def test_a_pos_beyond_bcf_names_the_input_and_the_record_and_leaves_no_output(tmp_path, size, how):
    if size == "small":
        shutil.copy(DATA / "pos_beyond_bcf.vcf", tmp_path / "in.vcf")
        name = "in.vcf"
    else:
        name = _padded(tmp_path).name
    before = sorted(os.listdir(tmp_path))
    run = _run("annotate", name, *how, "-o", "out.bcf", cwd=tmp_path)
    assert run.returncode == 3
    assert run.stderr.decode() == f"alkannot: error: {name}: {BEYOND}\n"
    assert sorted(os.listdir(tmp_path)) == before  # no out.bcf, no index, no temporary file


def test_standard_output_gets_nothing(tmp_path):
    shutil.copy(DATA / "pos_beyond_bcf.vcf", tmp_path / "in.vcf")
    run = _run("annotate", "in.vcf", "-O", "u", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (3, b"")
    assert run.stderr.decode() == f"alkannot: error: in.vcf: {BEYOND}\n"
    # POS 2147483647, the largest BCF holds, is written; VCF holds them all
    text = _run("-q", "annotate", "in.vcf", "-O", "v", cwd=tmp_path)
    assert text.returncode == 0
    assert [line.split(b"\t")[1] for line in text.stdout.splitlines() if line.startswith(b"big")] == [
        b"2147483647",
        b"3000000000",
    ]


def test_an_integer_beyond_bcf_is_said(tmp_path):
    shutil.copy(DATA / "info_beyond_bcf.vcf", tmp_path / "in.vcf")
    run = _run("annotate", "in.vcf", "-O", "b", "-o", "out.bcf", cwd=tmp_path)
    assert run.returncode == 0
    warnings = [line for line in run.stderr.decode().splitlines() if "WARNING" in line]
    assert warnings == [
        "alkannot: WARNING: out.bcf: htslib wrote INFO/END at big:1000 to the BCF as missing ('.'), an integer BCF "
        "cannot hold (beyond or reserved in its 32 bits), and any later such value too (it names the first only); "
        "write VCF (-O v or -O z) to keep them as written"
    ]
    import pysam

    with pysam.VariantFile(str(tmp_path / "out.bcf")) as vf:
        big = [rec for rec in vf if rec.chrom == "big"]
    assert [(rec.pos, rec.info.get("DP")) for rec in big] == [(1000, 30), (2000, None)]


def test_a_position_beyond_tbi_asks_for_w_csi(tmp_path):
    """A POS beyond 2^29 cannot be stored in a tbi index: htslib's reason, then alkannot's own option for a csi index
    (the corpus sweep of stop 49 found htslib's 'Try using a csi index' alone); exit 3 and nothing left; -W csi
    indexes it."""
    shutil.copy(DATA / "pos_beyond_bcf.vcf", tmp_path / "in.vcf")
    done = _run("annotate", "in.vcf", "-Oz", "-W", "tbi", "-o", "out.vcf.gz", cwd=tmp_path)
    assert done.returncode == 3
    assert done.stderr.decode().startswith("alkannot: error: out.vcf.gz: could not index the output (Region ")
    assert done.stderr.decode().endswith("cannot be stored in a tbi index. Try using a csi index: -W csi)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.vcf"]
    assert _run("annotate", "in.vcf", "-Oz", "-W", "csi", "-o", "out.vcf.gz", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out.vcf.gz.csi").exists()
