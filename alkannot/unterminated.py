"""A text VCF whose last line has no newline: a warning, once per input (review 20, finding 11).

htslib and bcftools read such a file, and so does alkannot, but it is what a copy that stopped early looks like:
a last line cut inside its last column still has every column (a last line with too few columns is an error,
bad_records.record_problem). Only the end of the input is read: the last bytes of a plain file, the last blocks
of a BGZF one (plain gzip reaches the survey as BGZF: spool.materialized_input); a large input's byte-level pass
has already said whether its last line ends with a newline (scan.BodyLayout.final_newline)."""

from __future__ import annotations

import logging
import os

from .errors import InputError
from .vcfio import is_bcf, is_gzip

log = logging.getLogger("alkannot")

TAIL = 1 << 16  # bytes read from the end of a plain file: the last line, or enough of it to name its record


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
    """The inflated data of the last non-empty blocks, back to one that holds a newline (or the first)."""
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
