"""BGZF input read block by block (alkannot/bgzf_blocks.py): damage anywhere is an InputError, never another
exception and never wrong data."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pysam
import pytest

from alkannot.bgzf_blocks import inflate_blocks, walk_blocks
from alkannot.errors import InputError

EXAMPLE = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


@pytest.fixture(scope="module")
def bgzf(tmp_path_factory) -> tuple[bytes, bytes]:
    """(plain text, its bgzip bytes) with a dozen blocks."""
    folder = tmp_path_factory.mktemp("bgzf")
    plain = EXAMPLE.read_bytes() * 250
    (folder / "x.vcf").write_bytes(plain)
    pysam.tabix_compress(str(folder / "x.vcf"), str(folder / "x.vcf.gz"))
    return plain, (folder / "x.vcf.gz").read_bytes()


def read_all(path: Path) -> bytes:
    table = walk_blocks(str(path), path.name)
    with open(path, "rb") as handle:
        return b"".join(inflate_blocks(handle.fileno(), table, 0, len(table) - 1, path.name))


def test_whole_file_reads_back(bgzf, tmp_path):
    plain, packed = bgzf
    path = tmp_path / "ok.vcf.gz"
    path.write_bytes(packed)
    assert len(walk_blocks(str(path), "ok")) > 10
    assert read_all(path) == plain


def test_damage_anywhere_is_an_input_error(bgzf, tmp_path):
    plain, packed = bgzf
    rng = random.Random(11)
    path = tmp_path / "bad.vcf.gz"
    outcomes = {"rejected": 0, "read": 0}
    for trial in range(300):
        damaged = bytearray(packed)
        if trial % 2:
            damaged = damaged[: rng.randrange(len(damaged))]
        else:
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(damaged))
        try:
            data = read_all(path)
        except InputError as exc:
            assert str(exc).startswith(("bad.vcf.gz", "corrupt", "truncated")) or "BGZF" in str(exc), exc
            outcomes["rejected"] += 1
            continue
        assert data == plain, "a damaged file that reads must read as the original (a bit in a header field)"
        outcomes["read"] += 1
    assert outcomes["rejected"] > 250, outcomes


def test_bsize_subfield_cut_short_by_xlen(bgzf, tmp_path):
    """A 'BC' subfield that claims two bytes where the extra field (XLEN) ends first has no BSIZE."""
    _, packed = bgzf
    xlen_at = 10
    (xlen,) = struct.unpack_from("<H", packed, xlen_at)
    assert xlen == 6 and packed[12:16] == b"BC\x02\x00"
    damaged = bytearray(packed)
    struct.pack_into("<H", damaged, xlen_at, 4)
    path = tmp_path / "xlen.vcf.gz"
    path.write_bytes(bytes(damaged))
    with pytest.raises(InputError, match="no BSIZE field in the BGZF block at byte 0"):
        walk_blocks(str(path), path.name)
