"""`-W` after a BGZF splice: the input's .tbi/.csi with every virtual offset moved, no re-indexing.

The records are the same records in the same order, so the output index differs from the input's
only in its virtual offsets (compressed block address << 16 | offset in the block). Blocks copied
verbatim moved by the size change of the re-encoded blocks before them; offsets inside re-encoded
blocks are mapped through uncompressed positions. The layouts are read as htslib writes them
(tests compare the result with htslib's own index of the output). Two traps (../shared/docs/
PERF_DESIGN.md): the pseudo-bin (37450 in TBI; max_bin+1 in CSI, 37450 at depth 5 as the
noodles-csi crate's Bin::max_id documentation gives max_id(5) = 37449) holds two offsets and then
two *counts*, which stay as they are; CSI bins carry a loffset, an offset too.

A position at the very end of a block is written as (next block, 0), as htslib's bgzf_tell does.
Anything unexpected (an index older than its data, an offset that is not at a block of the
input, another index kind than the one asked for) returns False and the caller indexes the output
through htslib instead.
"""

from __future__ import annotations

import os
import struct
from bisect import bisect_left

from .errors import InputError
from .log import log

TBI_PSEUDO_BIN = 37450


class _Mismatch(Exception):
    """The input index does not fit the input file."""


class OffsetMap:
    """Input virtual offset -> output virtual offset, for one splice."""

    def __init__(self, layout, segments, edits) -> None:
        table = layout.blocks
        self._in_block = {table.coffsets[i]: i for i in range(len(table))}
        self._in_ustart = table.uoffsets
        self._edits = sorted(edits, key=lambda e: e.start)
        self._out_cstart: list[int] = []
        self._out_ustart: list[int] = []
        self.verbatim: dict[int, int] = {}  # input block address -> voffset shift, copied blocks
        cpos = upos = 0
        for segment in segments:
            if segment.blocks is None:
                for block in range(segment.first, segment.last + 1):
                    self.verbatim[table.coffsets[block]] = (cpos - table.coffsets[block]) << 16
                    self._out_cstart.append(cpos)
                    self._out_ustart.append(upos)
                    cpos += table.coffsets[block + 1] - table.coffsets[block]
                    upos += table.uoffsets[block + 1] - table.uoffsets[block]
            else:
                for compressed, size in segment.sizes():
                    self._out_cstart.append(cpos)
                    self._out_ustart.append(upos)
                    cpos += compressed
                    upos += size

    def _uncompressed(self, voffset: int) -> int:
        block = self._in_block.get(voffset >> 16)
        if block is None:
            raise _Mismatch(f"offset {voffset >> 16} is not the start of a BGZF block")
        return self._in_ustart[block] + (voffset & 0xFFFF)

    def _shifted(self, upos: int) -> int:
        shift = 0
        for edit in self._edits:
            if edit.stop <= upos and (edit.start < upos or edit.start == edit.stop):  # incl. an append at upos
                shift += edit.new_length - (edit.stop - edit.start)
            elif edit.start < upos:
                raise _Mismatch("an indexed record starts inside an edited one")
            else:
                break
        return upos + shift

    def __call__(self, voffset: int) -> int:
        if voffset == 0:
            return 0
        upos = self._shifted(self._uncompressed(voffset))
        at = bisect_left(self._out_ustart, upos)
        if at == len(self._out_ustart) or self._out_ustart[at] != upos:
            at -= 1  # inside block `at`; a block boundary belongs to the block that starts there
        within = upos - self._out_ustart[at]
        if within > 0xFFFF:
            raise _Mismatch("offset past a block")
        return self._out_cstart[at] << 16 | within


# ---------------------------------------------------------------------------------------------
# reading and rewriting the two index formats (uncompressed bytes)
# ---------------------------------------------------------------------------------------------
def _tbi_offsets(data: bytes) -> list[tuple[int, int]]:
    """(byte position, count) of every run of virtual offsets in an uncompressed TBI index."""
    if data[:4] != b"TBI\x01":
        raise _Mismatch("not a TBI index")
    (n_ref,) = struct.unpack_from("<i", data, 4)
    (l_nm,) = struct.unpack_from("<i", data, 32)
    at = 36 + l_nm
    found: list[tuple[int, int]] = []
    for _ in range(n_ref):
        at = _bins(data, at, found, TBI_PSEUDO_BIN, loffset=False)
        (n_intv,) = struct.unpack_from("<i", data, at)
        found.append((at + 4, n_intv))
        at += 4 + 8 * n_intv
    return found


def _csi_offsets(data: bytes) -> list[tuple[int, int]]:
    """(byte position, count) of every run of virtual offsets in an uncompressed CSI index."""
    if data[:4] != b"CSI\x01":
        raise _Mismatch("not a CSI index")
    _, depth, l_aux = struct.unpack_from("<3i", data, 4)
    pseudo = ((1 << ((depth + 1) * 3)) - 1) // 7 + 1
    at = 16 + l_aux
    (n_ref,) = struct.unpack_from("<i", data, at)
    at += 4
    found: list[tuple[int, int]] = []
    for _ in range(n_ref):
        at = _bins(data, at, found, pseudo, loffset=True)
    return found


def _bins(data: bytes, at: int, found: list[tuple[int, int]], pseudo: int, loffset: bool) -> int:
    (n_bin,) = struct.unpack_from("<i", data, at)
    at += 4
    head = struct.Struct("<IQi" if loffset else "<Ii")
    for _ in range(n_bin):
        bin_number, *_, n_chunk = head.unpack_from(data, at)
        if loffset and bin_number != pseudo:
            found.append((at + 4, 1))
        at += head.size
        # the pseudo-bin: (first offset, last offset), then the (mapped, unmapped) counts
        found.append((at, 2 if bin_number == pseudo else 2 * n_chunk))
        at += 16 * n_chunk
    if at > len(data):
        raise _Mismatch("index cut short")
    return at


def shift_index(data: bytes, kind: str, move: OffsetMap) -> bytes:
    """The index with every virtual offset moved (only the verbatim-copied blocks' offsets move by
    a plain shift; the others go through the map)."""
    runs = _tbi_offsets(data) if kind == "tbi" else _csi_offsets(data)
    out = bytearray(data)
    shift_of = move.verbatim.get
    words: dict[int, memoryview] = {}  # 8-byte-word views of the index at each of the 8 alignments
    new: dict[int, memoryview] = {}  # the same views of the output
    for at, count in runs:
        phase = at & 7
        if phase not in words:
            size = (len(data) - phase) // 8 * 8
            words[phase] = memoryview(data)[phase : phase + size].cast("Q")
            new[phase] = memoryview(out)[phase : phase + size].cast("Q")
        old, moved = words[phase], new[phase]
        first = (at - phase) >> 3
        for k in range(first, first + count):
            value = old[k]
            shift = shift_of(value >> 16)
            moved[k] = value + shift if shift is not None else move(value)
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# the entry point
# ---------------------------------------------------------------------------------------------
def input_index(path: str, kind: str) -> str | None:
    candidate = f"{path}.{kind}"
    if not os.path.exists(candidate):
        return None
    if os.path.getmtime(candidate) < os.path.getmtime(path):
        log.info("%s is older than %s: indexing the output instead of shifting it", candidate, path)
        return None
    return candidate


def shift_input_index(layout, segments, edits, target, kind: str) -> bool:
    """Write the output's .<kind> index (a companion of `target`, an output.Output, renamed into place with
    it) from the input's index; False if there is none or it does not fit."""
    from .bgzf import BgzfWriter
    from .bgzf_blocks import read_blocks

    source = input_index(layout.path, kind)
    if source is None:
        return False
    try:
        with open(source, "rb") as handle:
            data = b"".join(read_blocks(handle, source))
        shifted = shift_index(data, kind, OffsetMap(layout, segments, edits))
    except (_Mismatch, struct.error, OSError, ValueError, InputError) as exc:
        log.info("input index %s not used (%s): indexing the output instead", source, exc)
        return False
    try:
        with open(target.companion(f".{kind}"), "wb") as handle:
            out = BgzfWriter(handle, level=1)  # an index is small and read once: speed over size
            out.write(shifted)
            out.close()
    except OSError as exc:  # a full disk: as htslib's own indexing of the output says it (pipeline review, finding 5)
        raise InputError(f"could not index the output ({exc.strerror or exc})", target.display) from None
    log.debug("%s.%s: the input's index %s with shifted offsets", target.display, kind, source)
    return True
