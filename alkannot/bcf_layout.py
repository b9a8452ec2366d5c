"""Where a BCF's records are: its BGZF blocks and the uncompressed offset of every CHECKPOINT_EVERY-th record,
learnt while the records are counted in pass 1 (bcf_input.py walks the records' two lengths beside the text
conversion anyway), so that pass 2 finds the few records it edits without walking the file again (issue 13: the
walk in Python was a third of a BCF -> BCF run's time), and a BCF output copies the input's untouched BGZF blocks
as they are (bcf_splice.py).
"""

from __future__ import annotations

import os
import struct
from array import array
from typing import Iterable, Iterator

from .bgzf_blocks import BlockTable, read_block_range, read_blocks
from .errors import InputError
from .records import field, record

CHECKPOINT_EVERY = 1024  # records between two remembered offsets: at most this many lengths read to find one
_LENGTHS = struct.Struct("<II")
_U32 = struct.Struct("<I")
_CHUNK = 1 << 20


@record
class BcfLayout:
    """The BCF `path`: its BGZF block table (None for an uncompressed BCF), where its first record starts, its number
    of records, and the uncompressed offset of record k * CHECKPOINT_EVERY at checkpoints[k]."""

    path: str
    blocks: BlockTable | None
    header_end: int
    records: int
    checkpoints: array = field(default_factory=lambda: array("q"))


def bcf_chunks(path: str, display: str, table: BlockTable | None = None) -> Iterator[bytes]:
    """The BCF `path`'s uncompressed bytes in pieces: every BGZF block inflated and checked (filling `table`), or a
    raw (-Ou) BCF read as it is."""
    with open(path, "rb") as handle:
        compressed = handle.read(2) == b"\x1f\x8b"
        handle.seek(0)
        yield from read_blocks(handle, display, table) if compressed else iter(lambda: handle.read(_CHUNK), b"")


def header_end(data: bytes | bytearray) -> int | None:
    """The offset of the first record in the start of a BCF stream ('BCF\\2\\2', the header text's length, the
    text), or None while `data` does not hold the whole header yet."""
    if len(data) < 9 or len(data) < 9 + _U32.unpack_from(data, 5)[0]:
        return None
    return 9 + _U32.unpack_from(data, 5)[0]


def walk_bcf(path: str, display: str) -> BcfLayout | None:
    """The layout of the BCF `path`, walked in its bytes (the header, then per record its two lengths and that many
    bytes); None where they do not add up or a block is damaged (bcftools then says why the file is bad)."""
    lengths = _LENGTHS.unpack_from
    with open(path, "rb") as handle:
        table = BlockTable() if handle.read(2) == b"\x1f\x8b" else None
    checkpoints = array("q")
    buffer, base, count, mark, first = bytearray(), 0, 0, 0, None  # base: the stream offset of buffer[0]
    try:
        for chunk in bcf_chunks(path, display, table):
            buffer += chunk
            at, end = 0, len(buffer)
            if first is None:
                first = header_end(buffer)
                if first is None:
                    continue
                at = first
            while at + 8 <= end:
                shared, individual = lengths(buffer, at)
                if at + 8 + shared + individual > end:
                    break
                if count == mark:
                    checkpoints.append(base + at)
                    mark += CHECKPOINT_EVERY
                at += 8 + shared + individual
                count += 1
            del buffer[:at]
            base += at
    except (OSError, InputError):
        return None
    if buffer or first is None:
        return None
    return BcfLayout(path, table, first, count, checkpoints)


def record_spans(layout: BcfLayout, indices: Iterable[int]) -> Iterator[tuple[int, int, bytes]]:
    """(index, uncompressed offset, the record's bytes) of each record numbered in `indices` (ascending), found from
    the nearest checkpoint before it; only the blocks around them are read."""
    with open(layout.path, "rb") as handle:
        yield from _spans(layout, _Window(layout, handle.fileno()), indices)


def _spans(layout: BcfLayout, window: _Window, indices: Iterable[int]) -> Iterator[tuple[int, int, bytes]]:
    index, offset = 0, layout.header_end
    for wanted in indices:
        if not 0 <= wanted < layout.records:
            raise InputError(f"record {wanted + 1}: not in the BCF ({layout.records} records)", layout.path)
        checkpoint = wanted // CHECKPOINT_EVERY
        if checkpoint * CHECKPOINT_EVERY > index:
            index, offset = checkpoint * CHECKPOINT_EVERY, layout.checkpoints[checkpoint]
        while index < wanted:
            shared, individual = _LENGTHS.unpack(window.read(offset, offset + 8))
            offset += 8 + shared + individual
            index += 1
        shared, individual = _LENGTHS.unpack(window.read(offset, offset + 8))
        yield wanted, offset, window.read(offset, offset + 8 + shared + individual)


class _Window:
    """Uncompressed bytes of the BCF read on demand: consecutive BGZF blocks inflated, or the raw file's bytes."""

    def __init__(self, layout: BcfLayout, fd: int):
        self._layout, self._fd = layout, fd
        self._start, self._data, self._next = 0, b"", 0  # the window's stream offset, bytes, next block

    def read(self, start: int, stop: int) -> bytes:
        table = self._layout.blocks
        if table is None:
            data = os.pread(self._fd, stop - start, start)
            if len(data) < stop - start:
                raise InputError(f"BCF cut short at byte {stop} of its records", self._layout.path)
            return data
        if not self._start <= start <= self._start + len(self._data):
            self._next = table.block_at(start)
            self._start, self._data = table.uoffsets[self._next], b""
        while self._start + len(self._data) < stop:
            if self._next >= len(table):
                raise InputError(f"BCF cut short at byte {stop} of its records", self._layout.path)
            last = max(self._next, table.block_at(stop - 1))
            keep = start - self._start  # bytes before `start` are not needed again (the spans ascend)
            self._data = (self._data + read_block_range(self._layout.path, table, self._next, last))[keep:]
            self._start += keep
            self._next = last + 1
        return self._data[start - self._start : stop - self._start]


__all__ = ["BcfLayout", "CHECKPOINT_EVERY", "bcf_chunks", "header_end", "record_spans", "walk_bcf"]
