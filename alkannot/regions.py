"""Region mode for `alkannot report`: on an indexed small-variant VCF, read only what can matter.

A per-sample report needs the records in ALK (+-100 kb, both builds) and in the bypass genes
(+-100 kb): targets.survey_targets. When the input is BGZF with a .tbi/.csi no older than itself and
its header declares no structural-variant content, those windows are fetched through the index
instead of reading the file. The header decides because SV records (a translocation on chr1
whose mate lies in ALK) can sit anywhere: a header with SV keys (SVTYPE, SVLEN, END, MATEID,
CHR2, EVENT, CIPOS) or ##ALT definitions takes the exact full scan. `annotate` never uses this
mode: it writes every record anyway.

An index that does not fit the file (older than it, one whose offsets point past the file's end, or one
every window cannot be read through: an index of another file copied beside it) is named in one warning
and the whole file is read; every window is read once before any record is used, so a stale index never
half-fills a report.
"""

from __future__ import annotations

import os
from functools import partial
from typing import Iterator

from .log import log
from .vcfio import close_quietly

SV_HEADER_KEYS = ("SVTYPE", "SVLEN", "END", "MATEID", "CHR2", "EVENT", "CIPOS")


def declares_sv_content(header) -> bool:
    info = header.info
    return any(key in info for key in SV_HEADER_KEYS) or any(r.type == "ALT" for r in header.records)


def loaded_index(path: str) -> str | None:
    """The index htslib loads for `path` (the first of index_contigs.index_candidates), or None."""
    from .index_contigs import index_candidates

    candidates = [c for c in index_candidates(path) if c.endswith((".tbi", ".csi"))]
    return candidates[0] if candidates else None


def _index_display(index: str, path: str, display: str) -> str:
    return display + index[len(path) :] if index.startswith(path) else index


Fetched = Iterator[tuple[int, object]]


def region_records(vf, path: str, build: str | None, display: str) -> tuple[Fetched | None, str | None]:
    """((running number, record) for the target windows in file order, None); (None, None) when region
    mode does not apply (no index, SV content declared, not BGZF VCF); (None, warning) when the index does
    not fit the file: older than it, pointing past its end, or one a fetch fails on (an index of another file
    copied beside it).
    The caller then reads the whole file and gives the warning once that read succeeded (data that is
    corrupt where the index points is then one error line, not a warning about the index too)."""
    if vf.format != "VCF" or vf.compression != "BGZF":
        return None, None
    index = loaded_index(path)
    if index is None:
        return None, None
    if declares_sv_content(vf.header):
        log.debug("%s: the header declares SV content: reading every record", display)
        return None, None
    shown = _index_display(index, path, display)
    try:
        older = os.path.getmtime(index) < os.path.getmtime(path)
    except OSError:
        return None, None
    if older:
        return None, f"{shown}: the index is older than the file; reading the whole file"
    mismatch = f"{shown}: the index does not match the file (made for another file?); reading the whole file"
    indexed = _open_indexed(path)
    if indexed is None:
        return None, f"{shown}: the index cannot be read; reading the whole file"
    windows = _windows(indexed, build)
    if not _fetches_cleanly(indexed, windows, os.path.getsize(path)):
        return None, mismatch
    if not _last_record_indexed(indexed, path):
        close_quietly(indexed)
        return None, mismatch
    return _fetched(indexed, windows, display), None


def _open_indexed(path: str):
    import pysam

    previous = pysam.set_verbosity(0)
    try:
        indexed = pysam.VariantFile(path, "r")  # vcfio.open_vcf never loads an index
    except (OSError, ValueError):
        return None
    finally:
        pysam.set_verbosity(previous)
    if indexed.index is None:
        close_quietly(indexed)
        return None
    return indexed


def _windows(vf, build: str | None) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
    """(sequence name, target windows on it) in the index's order, which is the file's order."""
    from .genome import chrom_number
    from .targets import survey_targets

    windows = survey_targets(build).windows
    return [(name, tuple(windows.get(chrom_number(name), ()))) for name in vf.index.keys()]


def _fetches_cleanly(vf, windows, size: int) -> bool:
    """Every window read through the index once, before any record is used: a stale index shows as a
    failed read (an offset that is no block of this file, a line that is not a record there), or as a read
    that ended past the end of the file (the index of another, larger file: htslib seeks there and reads
    nothing, without an error; pipeline review 2026-12-01, third reading, finding 1). On failure the file
    is closed here, so no error surfaces later from pysam's __dealloc__."""
    import pysam

    previous = pysam.set_verbosity(0)
    try:
        for name, spans in windows:
            for lo, hi in spans:
                for rec in vf.fetch(name, max(lo - 1, 0), hi):
                    if rec.chrom != name:
                        raise ValueError(f"a record on {rec.chrom} in the index's {name}")
                if vf.tell() > size << 16:  # a virtual offset: block address << 16 | offset in the block
                    raise ValueError("the index points past the end of the file")
    except (OSError, ValueError):
        close_quietly(vf)
        return False
    finally:
        pysam.set_verbosity(previous)
    return True


def _last_record_indexed(vf, path: str) -> bool:
    """Whether the index finds the file's last record: an index made for another file whose offsets all land inside
    this one (a per-chromosome shard's index, with no chr2) reads every window cleanly and finds nothing (final
    review of 2026-12-01, finding 3). The last record is read from the last data block before the EOF block (one
    block inflated); where it cannot be told (a header-only file, a record longer than a block), True."""
    import zlib

    size = os.path.getsize(path)
    with open(path, "rb") as handle:
        handle.seek(max(size - (1 << 17) - 28, 0))
        tail = handle.read()
    start = len(tail) - 28  # the EOF block
    block = None
    at = tail.find(b"\x1f\x8b\x08\x04")
    while at >= 0:
        if tail[at + 12 : at + 14] == b"BC" and at + 18 <= len(tail):
            if at + int.from_bytes(tail[at + 16 : at + 18], "little") + 1 == start:
                block = tail[at:start]
                break
        at = tail.find(b"\x1f\x8b\x08\x04", at + 1)
    if block is None:
        return True
    from .bgzf_blocks import inflate

    try:
        text = inflate(block[18:-8], int.from_bytes(block[-4:], "little"))
    except zlib.error:
        return True
    lines = text.rstrip(b"\n").split(b"\n")
    if len(lines) < 2 or lines[-1].startswith(b"#"):
        return True
    fields = lines[-1].split(b"\t", 2)
    try:
        chrom, pos = fields[0].decode(), int(fields[1])
    except (IndexError, ValueError, UnicodeDecodeError):
        return True
    if pos < 1:  # a telomere record at POS 0 cannot be fetched by position (last check of 2026-12-01, finding F)
        return True
    if chrom not in vf.index:
        return False
    import pysam

    previous = pysam.set_verbosity(0)  # the record's own warnings are for the reading that uses it, or none
    try:
        return any(rec.pos == pos for rec in vf.fetch(chrom, pos - 1, pos))
    except (OSError, ValueError):
        return False
    finally:
        pysam.set_verbosity(previous)


def _fetched(vf, windows, display: str) -> Iterator[tuple[int, object]]:
    """The windows' records, each once. htslib's own warnings (an undeclared INFO key) are silenced, as on the
    whole-file path: _fetches_cleanly has read every window once already (pipeline review of stop 32, finding 7)."""
    import pysam

    def quietly(read):  # silenced for htslib's reading only, not across a yield: the caller may read other files
        previous = pysam.set_verbosity(0)
        try:
            return read()
        finally:
            pysam.set_verbosity(previous)

    number = 0
    try:
        for name, spans in windows:
            for k, (lo, hi) in enumerate(spans):
                records = quietly(partial(vf.fetch, name, max(lo - 1, 0), hi))
                while (rec := quietly(partial(next, records, None))) is not None:
                    if k and any(a - 1 <= rec.start < b for a, b in spans[:k]):
                        continue  # starts in an earlier window: already given
                    yield number, rec
                    number += 1
        log.info("%s: region mode: %d records read through the index", display, number)
    finally:
        close_quietly(vf)
