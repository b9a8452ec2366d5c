"""What htslib's header reader takes from a bgzipped VCF's index, read without loading the index.

When htslib opens a bgzipped VCF by name, vcf_hdr_read loads the whole .csi/.tbi beside it (tens of
ms for a WGS index) only to add a ##contig line for every sequence the index names and the header
does not declare. alkannot reads inputs front to back and never needs the index, so vcfio.open_vcf
opens such a file through its descriptor (htslib then finds no index) whenever the sequence names
listed at the start of every index it could find are all declared already; the header is then the
same as htslib's, without the load. Anything unreadable here sends the caller back to the name.

Index layouts: TBI (htslib tbx.c) `magic n_ref format col_seq col_beg col_end meta skip l_nm names`;
CSI (htslib hts.c) `magic min_shift depth l_aux aux ...`, where a tabix-made CSI's aux is the same
7 integers and names. Names are NUL-terminated.
"""

from __future__ import annotations

import os
import struct

from .bgzf_blocks import read_blocks
from .errors import InputError

_NAMES_AT = {b"TBI\x01": 32, b"CSI\x01": 16 + 24}  # offset of l_nm in the uncompressed index


def index_candidates(path: str) -> list[str]:
    """The index files htslib's idx_find_and_load tries for a VCF, in its order, that exist."""
    stem = path[: path.rfind(".")] if "." in os.path.basename(path) else path
    names = (f"{path}.csi", f"{stem}.csi", f"{path}.tbi", f"{stem}.tbi")
    return [name for name in dict.fromkeys(names) if os.path.isfile(name)]


def sequence_names(index_path: str) -> list[str] | None:
    """The sequence names a .tbi/.csi lists, read from its first blocks; None if they cannot be read."""
    data = b""
    try:
        with open(index_path, "rb") as handle:
            for block in read_blocks(handle, index_path, read_size=1 << 16):  # the names lie in the first blocks
                data += block
                if len(data) < 16:
                    continue
                at = _NAMES_AT.get(data[:4])
                if at is None or (data[:4] == b"CSI\x01" and struct.unpack_from("<i", data, 12)[0] < 28):
                    return None  # not an index, or a CSI without tabix names
                if len(data) < at + 4:
                    continue
                (size,) = struct.unpack_from("<i", data, at)
                if len(data) >= at + 4 + size:
                    listed = data[at + 4 : at + 4 + size]
                    listed = listed[:-1] if listed.endswith(b"\0") else listed  # each name ends with a NUL
                    # an empty name stays: htslib would add it too, and no header declares it
                    return [n.decode("utf-8", "surrogateescape") for n in listed.split(b"\0")] if listed else []
    except (OSError, InputError, struct.error):
        return None
    return None


def undeclared_index_contigs(path: str, declared: set[str]) -> bool | None:
    """Whether an index htslib may load for `path` names a sequence outside `declared`; None when there is
    no index to look at."""
    candidates = index_candidates(path)
    if not candidates:
        return None
    for candidate in candidates:
        names = sequence_names(candidate)
        if names is None or not set(names) <= declared:
            return True
    return False
