"""Region mode for `alkannot report`: on an indexed small-variant VCF, read only what can matter.

A per-sample report needs the records in ALK (+-100 kb, both builds) and in the bypass genes
(+-100 kb): targets.survey_targets. When the input is BGZF with a .tbi/.csi no older than itself and
its header declares no structural-variant content, those windows are fetched through the index
instead of reading the file. The header decides because SV records (a translocation on chr1
whose mate lies in ALK) can sit anywhere: a header with SV keys (SVTYPE, SVLEN, END, MATEID,
CHR2, EVENT, CIPOS) or ##ALT definitions takes the exact full scan. `annotate` never uses this
mode: it writes every record anyway.
"""

from __future__ import annotations

import logging
import os
from typing import Iterator

log = logging.getLogger("alkannot")

SV_HEADER_KEYS = ("SVTYPE", "SVLEN", "END", "MATEID", "CHR2", "EVENT", "CIPOS")


def declares_sv_content(header) -> bool:
    info = header.info
    return any(key in info for key in SV_HEADER_KEYS) or any(r.type == "ALT" for r in header.records)


def usable_index(path: str) -> bool:
    for ext in (".tbi", ".csi"):
        index = path + ext
        if os.path.exists(index) and os.path.getmtime(index) >= os.path.getmtime(path):
            return True
    return False


def region_records(vf, path: str, build: str | None, display: str) -> Iterator[tuple[int, object]] | None:
    """(running number, record) for the target windows, in file order; None when region mode
    does not apply (no usable index, SV content declared, not BGZF VCF)."""
    if vf.format != "VCF" or vf.compression != "BGZF" or not usable_index(path):
        return None
    if declares_sv_content(vf.header):
        log.debug("%s: the header declares SV content: reading every record", display)
        return None
    import pysam

    previous = pysam.set_verbosity(0)
    try:
        indexed = pysam.VariantFile(path, "r")  # vcfio.open_vcf never loads an index
    except (OSError, ValueError):
        return None
    finally:
        pysam.set_verbosity(previous)
    if indexed.index is None:
        indexed.close()
        return None
    return _fetched(indexed, build, display)


def _fetched(vf, build: str | None, display: str) -> Iterator[tuple[int, object]]:
    from .genome import chrom_number
    from .targets import survey_targets

    windows = survey_targets(build).windows
    number = 0
    for name in vf.index.keys():  # the index's order is the file's order
        spans = windows.get(chrom_number(name), ())
        for k, (lo, hi) in enumerate(spans):
            for rec in vf.fetch(name, max(lo - 1, 0), hi):
                if k and any(a - 1 <= rec.start < b for a, b in spans[:k]):
                    continue  # starts in an earlier window: already given
                yield number, rec
                number += 1
    log.info("%s: region mode: %d records read through the index", display, number)
    vf.close()
