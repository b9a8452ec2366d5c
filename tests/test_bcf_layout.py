"""Where a BCF's records are (alkannot/bcf_layout.py): the checkpoints pass 1 keeps while it counts the records find
every record pass 2 edits, in a bgzipped and in an uncompressed BCF, and the uncompressed stream is edited where the
edits fall across its pieces (splice.write_edited_stream). Checked against a walk of every record of real BCFs
written by the system's bcftools."""

from __future__ import annotations

import gzip
import random
import struct
import subprocess
from pathlib import Path

import pytest

from alkannot.bcf_layout import CHECKPOINT_EVERY, record_spans, walk_bcf
from alkannot.errors import InputError
from alkannot.splice import Edit, write_edited_stream
from tests.helpers import generated_vcf


@pytest.fixture(scope="module")
def bcfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bcf_layout")
    text = generated_vcf(folder / "in.vcf", 5000)
    made = {}
    for kind in ("b", "u"):
        made[kind] = folder / ("in.bcf" if kind == "b" else "in.ubcf")  # bcftools takes .bcf for -Ob
        subprocess.run(["bcftools", "view", "--no-version", f"-O{kind}", "-o", str(made[kind]), str(text)], check=True)
    return made


def _walked(path: Path) -> tuple[bytes, list[int]]:
    """The uncompressed stream and the offset of every record, walked one by one."""
    data = path.read_bytes()
    data = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    at, offsets = 9 + struct.unpack_from("<I", data, 5)[0], []
    while at < len(data):
        offsets.append(at)
        shared, samples = struct.unpack_from("<II", data, at)
        at += 8 + shared + samples
    return data, offsets


@pytest.mark.parametrize("kind", ["b", "u"])
def test_every_record_is_found_from_the_checkpoints(bcfs, kind):
    data, offsets = _walked(bcfs[kind])
    layout = walk_bcf(str(bcfs[kind]), "in.bcf")
    assert layout is not None and layout.records == len(offsets) > 4 * CHECKPOINT_EVERY
    assert (layout.blocks is None) == (kind == "u")
    assert list(layout.checkpoints) == offsets[::CHECKPOINT_EVERY]
    wanted = sorted(
        {0, 1, CHECKPOINT_EVERY - 1, CHECKPOINT_EVERY, len(offsets) - 1, *random.sample(range(len(offsets)), 300)}
    )
    found = list(record_spans(layout, wanted))
    assert [index for index, _, _ in found] == wanted
    for index, start, record in found:
        stop = offsets[index + 1] if index + 1 < len(offsets) else len(data)
        assert (start, record) == (offsets[index], data[offsets[index] : stop])


def test_a_record_past_the_end_is_an_error(bcfs):
    layout = walk_bcf(str(bcfs["b"]), "in.bcf")
    assert layout is not None
    with pytest.raises(InputError, match="not in the BCF"):
        list(record_spans(layout, [layout.records]))


def test_a_cut_short_bcf_has_no_layout(bcfs, tmp_path):
    """Its records do not add up: bcftools then says why, and the BCF is read record by record (bcf_input.py)."""
    data = bcfs["u"].read_bytes()
    cut = tmp_path / "cut.bcf"
    cut.write_bytes(data[: len(data) - 100])
    assert walk_bcf(str(cut), "cut.bcf") is None
    damaged = tmp_path / "damaged.bcf"
    data = bytearray(bcfs["b"].read_bytes())
    data[5000] ^= 0xFF  # inside the first blocks' deflate data: the CRC check fails
    damaged.write_bytes(bytes(data))
    assert walk_bcf(str(damaged), "damaged.bcf") is None


def test_edits_apply_across_the_pieces_of_a_stream():
    stream = bytes(range(256)) * 4
    pieces = [stream[i : i + 100] for i in range(0, len(stream), 100)]
    edits = [Edit(0, 3, b"H"), Edit(99, 101, b"<two>"), Edit(500, 500, b"+"), Edit(1020, 1024, b"")]
    written: list[bytes] = []
    write_edited_stream(pieces, edits, lambda data: written.append(bytes(data)), "stream")
    expected = b"H" + stream[3:99] + b"<two>" + stream[101:500] + b"+" + stream[500:1020]
    assert b"".join(written) == expected


def test_an_edit_past_the_stream_s_end_is_an_error():
    with pytest.raises(InputError, match="cut short"):
        write_edited_stream([b"abc"], [Edit(5, 6, b"x")], lambda data: None, "stream")
