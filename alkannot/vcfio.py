"""VCF/BCF I/O: open inputs safely, edit headers, percent-encode values, write atomically, index.

Knows nothing about ALK; the annotation logic lives elsewhere.
"""
from __future__ import annotations

import ctypes
import logging
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

import pysam

from .errors import InputError

log = logging.getLogger("alkannot")

# VCF spec 1.2/1.6.1: characters with a meaning in INFO must be percent-encoded in values.
_ENCODE = {"%": "%25", ";": "%3B", "=": "%3D", ",": "%2C", " ": "%20",
           "\t": "%09", "\n": "%0A", "\r": "%0D"}
_ENCODE_TABLE = str.maketrans(_ENCODE)

MODES = {"v": "w", "z": "wz", "b": "wb", "u": "wb0"}


def percent_encode(value: str) -> str:
    return value.translate(_ENCODE_TABLE)


def percent_decode(value: str) -> str:
    for char, code in _ENCODE.items():
        value = value.replace(code, char).replace(code.lower(), char)
    return value


def output_type_for(path: str, explicit: str | None) -> str:
    if explicit:
        return explicit
    low = path.lower()
    if low.endswith(".bcf"):
        return "b"
    if low.endswith((".gz", ".bgz", ".bgzf")):
        return "z"
    return "v"


# ---------------------------------------------------------------------------------------------
# input
# ---------------------------------------------------------------------------------------------
@contextmanager
def materialized_input(path: str) -> Iterator[tuple[str, str]]:
    """Yield (readable path, display name). Standard input is spooled to a temporary file so that
    it can be read twice; memory stays flat."""
    if path != "-":
        if not os.path.exists(path):
            raise InputError("no such file", path)
        if os.path.isdir(path):
            raise InputError("is a directory, not a VCF/BCF file", path)
        if os.path.getsize(path) == 0:
            raise InputError("empty file (no VCF header)", path)
        yield path, path
        return
    handle, spool = tempfile.mkstemp(prefix="alkannot-stdin-", suffix=".vcf")
    try:
        with os.fdopen(handle, "wb") as out:
            shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
        if os.path.getsize(spool) == 0:
            raise InputError("empty input (no VCF header)", "<stdin>")
        yield spool, "<stdin>"
    finally:
        os.unlink(spool)


def open_vcf(path: str, display: str, threads: int = 0) -> pysam.VariantFile:
    """Open a VCF/BCF for reading; any failure becomes a one-line InputError."""
    _check_magic(path, display)
    # pysam looks for an index on open and htslib prints "Could not retrieve index file" when there
    # is none; alkannot streams and never needs one, so keep stderr quiet for the open only.
    previous = pysam.set_verbosity(0)
    try:
        return pysam.VariantFile(path, "r", threads=max(1, threads + 1) if threads else 1)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read as VCF/BCF ({_clean(exc)})", display) from None
    finally:
        pysam.set_verbosity(previous)


def _check_magic(path: str, display: str) -> None:
    """Reject what htslib would misread: binary garbage, files without a ##fileformat/#CHROM header."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head[:2] == b"\x1f\x8b" or head[:3] == b"BCF":
        return
    with open(path, "rb") as handle:
        first = handle.readline(4096)
    if not first.startswith(b"##fileformat=VCF") and not first.startswith(b"#CHROM"):
        raise InputError("not a VCF/BCF file: the first line is not '##fileformat=VCF...'", display, 1)


def _clean(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


@dataclass
class HeaderInfo:
    contigs: dict[str, int | None]
    lines: list[str]
    samples: tuple[str, ...]


def header_info(vf: pysam.VariantFile) -> HeaderInfo:
    contigs = {name: contig.length for name, contig in vf.header.contigs.items()}
    lines = [str(rec).rstrip("\n") for rec in vf.header.records]
    return HeaderInfo(contigs, lines, tuple(vf.header.samples))


def remove_generic_header_lines(header: pysam.VariantHeader, prefix: str) -> int:
    """Remove '##<prefix>...=' lines (re-annotation replaces alkannot's own provenance lines)."""
    removed = 0
    for record in list(header.records):
        if record.type == "GENERIC" and record.key.startswith(prefix):
            record.remove()
            removed += 1
    return removed


def add_info_definition(header: pysam.VariantHeader, key: str, number: str, kind: str,
                        description: str, version: str) -> None:
    if key in header.info:
        return  # keep the existing definition: BCF records refer to its index
    desc = description.replace('"', "'")
    header.add_line(f'##INFO=<ID={key},Number={number},Type={kind},Description="{desc}",'
                    f'Source="alkannot",Version="{version}">')


# ---------------------------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------------------------
@contextmanager
def atomic_output(path: str, input_path: str | None) -> Iterator[str]:
    """Yield a temporary path next to `path`; rename it to `path` only on success."""
    if path == "-":
        yield "-"
        return
    if input_path and input_path != "-" and os.path.exists(path) and os.path.samefile(path, input_path):
        raise InputError("refusing to overwrite the input file", path)
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise InputError("output directory does not exist", path)
    base = os.path.basename(path)
    handle, tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".partial" + _suffix(base), dir=directory)
    os.close(handle)
    try:
        yield tmp
        os.replace(tmp, path)
        for ext in (".csi", ".tbi"):
            if os.path.exists(tmp + ext):
                os.replace(tmp + ext, path + ext)
    except BaseException:
        for leftover in (tmp, tmp + ".csi", tmp + ".tbi"):
            if os.path.exists(leftover):
                os.unlink(leftover)
        raise


def _suffix(name: str) -> str:
    for ext in (".vcf.gz", ".vcf.bgz", ".bcf", ".vcf", ".gz"):
        if name.endswith(ext):
            return ext
    return ""


def open_writer(path: str, output_type: str, header: pysam.VariantHeader, threads: int) -> pysam.VariantFile:
    try:
        return pysam.VariantFile(path, MODES[output_type], header=header,
                                 threads=max(1, threads + 1) if threads else 1)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot write output ({_clean(exc)})", path) from None


def write_index(path: str, output_type: str, kind: str, threads: int = 0) -> str:
    """Index a finished bgzipped VCF (tbi/csi) or BCF (csi). Returns the index path."""
    if output_type not in ("z", "b"):
        raise InputError("-W/--write-index needs bgzipped VCF or BCF output (-O z or -O b)", path)
    if output_type == "z":
        pysam.tabix_index(path, preset="vcf", csi=(kind == "csi"), force=True, keep_original=True)
        return path + (".csi" if kind == "csi" else ".tbi")
    if kind == "tbi":
        raise InputError("a BCF file can only have a CSI index (use -W csi)", path)
    lib = ctypes.CDLL(pysam.libchtslib.__file__)
    lib.bcf_index_build3.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
    index = path + ".csi"
    if lib.bcf_index_build3(path.encode(), index.encode(), 14, max(0, threads)) != 0:
        raise InputError("could not index the BCF output", path)
    return index
