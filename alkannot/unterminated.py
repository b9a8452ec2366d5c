"""A text VCF whose last line has no newline: a warning, once per input (review 20, finding 11).

htslib and bcftools read such a file, and so does alkannot, but it is what a copy that stopped early looks like:
a last line cut inside its last column still has every column (a last line with too few columns is an error,
bad_records.record_problem). Only the end of the input is read: the last bytes of a plain file, the last blocks
of a BGZF one (plain gzip reaches the survey as BGZF: spool.materialized_input); a large input's byte-level pass
has already said whether its last line ends with a newline (scan.BodyLayout.final_newline)."""

from __future__ import annotations

import os
import struct

from .errors import InputError
from .log import log
from .vcfio import is_bcf, is_gzip

TAIL = 1 << 16  # bytes read from the end of a plain file: the last line, or enough of it to name its record
TAIL_WINDOW = 1 << 18  # compressed bytes read from the end of a BGZF file: several blocks (each at most 64 KiB)
BGZF_MAGIC = b"\x1f\x8b\x08\x04"  # gzip, deflate, FEXTRA: where a BGZF block can start


def warn_unterminated(path: str, display: str, layout=None) -> None:
    """Warn when the text VCF at `path` (shown as `display`) ends without a newline; `layout`: the byte-level
    pass's scan.BodyLayout, when pass 1 took it."""
    if layout is not None and layout.final_newline:
        return
    last = unterminated_last_line(path)
    if last is None:
        return
    if last.startswith(b"#"):
        what = "it is the #CHROM line, and the file has no records"
    else:
        shown = b":".join(last.split(b"\t")[:2]).decode(errors="replace")
        what = f"its last record, {shown}, is used as it is (compare the file with its source)"
    log.warning("%s: the last line has no newline: the file may be truncated; %s", display, what)


def unterminated_last_line(path: str) -> bytes | None:
    """The last line of a text VCF (plain or BGZF) when it has no newline, else None (None for BCF, an empty
    file, or one whose end cannot be read: the survey has said why)."""
    try:
        if is_bcf(path):
            return None
        tail = _bgzf_tail(path) if is_gzip(path) else _plain_tail(path)
    except (OSError, ValueError, InputError):
        return None
    if not tail or tail.endswith(b"\n"):
        return None
    return tail.rsplit(b"\n", 1)[-1]


def _plain_tail(path: str) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(max(0, os.path.getsize(path) - TAIL))
        return handle.read()


def _bgzf_tail(path: str) -> bytes:
    """The inflated data of the last non-empty blocks, back to one that holds a newline (or the first). Only the
    file's last TAIL_WINDOW bytes are read where a chain of whole blocks in them ends at the end of the file (region
    mode reads a large input through its index, and this check should not read every block header of it); else
    every block header (_walked_tail)."""
    from .bgzf_blocks import inflate

    size = os.path.getsize(path)
    start = max(0, size - TAIL_WINDOW)
    with open(path, "rb") as handle:
        handle.seek(start)
        raw = handle.read()
    blocks = _blocks_to_the_end(raw, start, path)
    if blocks is None:
        return _walked_tail(path)
    data = b""
    for at, block, head in reversed(blocks):
        isize = int.from_bytes(raw[at + block - 4 : at + block], "little")
        if isize:
            data = inflate(raw[at + head : at + block - 8], isize) + data
        if data and (b"\n" in data[:-1] or len(data) >= TAIL):
            break
    return data


def _blocks_to_the_end(raw: bytes, start: int, path: str) -> list[tuple[int, int, int]] | None:
    """(offset in `raw`, block size, header size) of the BGZF blocks from the first block start in `raw` whose chain
    of whole blocks ends exactly at its end; None if none does (`start`: where `raw` begins in the file)."""
    from .bgzf_blocks import block_size

    at = 0 if start == 0 else raw.find(BGZF_MAGIC)
    while at != -1:
        chain, here = [], at
        try:
            while here < len(raw):
                block, head = block_size(raw, here, start + here, path)
                chain.append((here, block, head))
                here += block
        except (InputError, struct.error):  # not a block header after all, or one cut by the window's end
            here = -1
        if here == len(raw) and chain:
            return chain
        if start == 0:
            return None
        at = raw.find(BGZF_MAGIC, at + 1)
    return None


def _walked_tail(path: str) -> bytes:
    """_bgzf_tail from the block table of every block header (walk_blocks)."""
    from .bgzf_blocks import read_block_range, walk_blocks

    table = walk_blocks(path, path)
    last = len(table) - 1
    while last >= 0 and table.uoffsets[last + 1] == table.uoffsets[last]:  # the EOF block, and any empty one
        last -= 1
    if last < 0:
        return b""
    first = last
    data = read_block_range(path, table, first, last)
    while first > 0 and b"\n" not in data[:-1] and len(data) < TAIL:
        first -= 1
        data = read_block_range(path, table, first, first) + data
    return data
