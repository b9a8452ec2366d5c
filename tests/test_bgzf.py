"""The BGZF writer: standard blocks and EOF marker, same bytes on one or several threads."""

from __future__ import annotations

import gzip
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from alkannot.bgzf import BLOCK_DATA, EOF_BLOCK, BgzfWriter


def compress(data: bytes, threads: int, pieces: int = 7) -> bytes:
    out = io.BytesIO()
    writer = BgzfWriter(out, threads)
    step = max(1, len(data) // pieces)
    for i in range(0, len(data), step):
        writer.write(data[i : i + step])
    writer.close()
    return out.getvalue()


@pytest.mark.parametrize("size", [0, 1, BLOCK_DATA - 1, BLOCK_DATA, BLOCK_DATA * 70 + 123])
def test_round_trip_and_thread_independence(size):
    data = bytes((i * 7919) % 251 for i in range(size))
    single = compress(data, 0)
    assert gzip.decompress(single) == data
    assert single.endswith(EOF_BLOCK)
    assert compress(data, 3) == single


@pytest.mark.skipif(not shutil.which("bgzip"), reason="needs htslib's bgzip")
def test_htslib_accepts_it(tmp_path):
    path = tmp_path / "x.gz"
    path.write_bytes(compress(b"line\n" * 100000, 2))
    assert subprocess.run(["bgzip", "-t", str(path)]).returncode == 0


def _blocks(data: bytes) -> list[bytes]:
    """The BGZF blocks of `data`, split by their BSIZE fields."""
    blocks, at = [], 0
    while at < len(data):
        size = int.from_bytes(data[at + 16 : at + 18], "little") + 1
        blocks.append(data[at : at + size])
        at += size
    return blocks


@pytest.mark.parametrize("level", [1, 6, 9])
def test_libdeflate_and_zlib_blocks_hold_the_same_bytes(monkeypatch, level):
    """libdeflate deflates where installed (issue 13, BCF output); zlib, the fallback, gives the same content."""
    import zlib

    from alkannot import bgzf

    data = b"".join(b"chr2\t%d\t.\tG\tA\t50\tPASS\tDP=%d\n" % (29_000_000 + i, i % 97) for i in range(20_000))
    assert bgzf._LIBDEFLATE is not None  # setup.cfg installs it on this Python
    fast = compress(data, 0)
    monkeypatch.setattr(bgzf, "_LIBDEFLATE", None)
    plain = compress(data, 0)
    assert gzip.decompress(fast) == gzip.decompress(plain) == data
    assert len(_blocks(fast)) == len(_blocks(plain))  # the same block boundaries, only the deflater differs
    block = bgzf.deflate_block(data[:BLOCK_DATA], level)
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    assert block[18:-8] == compressor.compress(data[:BLOCK_DATA]) + compressor.flush()  # the fallback is zlib's


def test_level_0_and_empty_blocks_are_htslibs():
    from alkannot.bgzf import deflate_block

    assert deflate_block(b"") == EOF_BLOCK  # the empty block is the standard end-of-file marker's bytes
    stored = deflate_block(b"x" * 1000, 0)
    assert stored[18] == 1 and gzip.decompress(stored) == b"x" * 1000  # BFINAL, BTYPE 00: one stored block


@pytest.mark.skipif(not shutil.which("bgzip"), reason="needs htslib's bgzip")
def test_level_0_output_is_bgzips_byte_for_byte(tmp_path):
    """htslib writes a level-0 block as one stored deflate block (bgzf.c); zlib split it in two (review 16, 4)."""
    data = b"".join(b"chr2\t%d\t.\tG\tA\t.\tPASS\t.\n" % i for i in range(30_000))
    (tmp_path / "x").write_bytes(data)
    expected = subprocess.run(["bgzip", "-l", "0", "-c", str(tmp_path / "x")], capture_output=True, check=True)
    out = io.BytesIO()
    writer = BgzfWriter(out, 0, level=0)
    writer.write(data)
    writer.close()
    assert out.getvalue() == expected.stdout


@pytest.mark.parametrize("level", [-1, 10, 12, 2.5, True])
def test_the_api_refuses_a_level_the_cli_refuses(tmp_path, level):
    """-l takes 0-9 (cli_values.py); the Python API too, whichever deflater is installed (libdeflate would take
    10-12 and zlib would not; review 15, finding 4). Nothing is written."""
    from alkannot import api
    from alkannot.errors import UsageProblem

    out = tmp_path / "x.vcf.gz"
    example = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    with pytest.raises(UsageProblem, match="is not a level from 0 to 9"):
        api.annotate(str(example), str(out), compression_level=level)
    assert not out.exists()
    api.annotate(str(example), str(out), compression_level=9)
    assert gzip.decompress(out.read_bytes()).startswith(b"##fileformat=VCFv4")
