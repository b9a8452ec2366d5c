"""The BGZF writer: standard blocks and EOF marker, same bytes on one or several threads."""

from __future__ import annotations

import gzip
import io
import shutil
import subprocess

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
