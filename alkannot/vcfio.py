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
import pysam.libcutils

from .errors import InputError

log = logging.getLogger("alkannot")

# VCF spec 1.2/1.6.1: characters with a meaning in INFO must be percent-encoded in values.
_ENCODE = {"%": "%25", ";": "%3B", "=": "%3D", ",": "%2C", " ": "%20",
           "\t": "%09", "\n": "%0A", "\r": "%0D"}
_ENCODE_TABLE = str.maketrans(_ENCODE)

GZIP_MAGIC = b"\x1f\x8b"


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
        if _is_plain_gzip(path):
            with _gunzipped(path) as plain:
                yield plain, path
            return
        yield path, path
        return
    handle, spool = tempfile.mkstemp(prefix="alkannot-stdin-", suffix=".vcf")
    try:
        with os.fdopen(handle, "wb") as out:
            shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
        if os.path.getsize(spool) == 0:
            raise InputError("empty input (no VCF header)", "<stdin>")
        if _is_plain_gzip(spool):
            with _gunzipped(spool, "<stdin>") as plain:
                yield plain, "<stdin>"
            return
        yield spool, "<stdin>"
    finally:
        os.unlink(spool)


def is_gzip(path: str) -> bool:
    """gzip or BGZF (the two-byte gzip magic)."""
    with open(path, "rb") as handle:
        return handle.read(2) == GZIP_MAGIC


def _is_plain_gzip(path: str) -> bool:
    """gzip but not BGZF (no 'BC' extra field): htslib reads it only as a stream, and pysam fails
    on it (seek/tell), so it is decompressed to a temporary file first."""
    with open(path, "rb") as handle:
        head = handle.read(18)
    return head[:2] == GZIP_MAGIC and not (len(head) >= 14 and head[3] & 4 and head[12:14] == b"BC")


@contextmanager
def _gunzipped(path: str, display: str | None = None) -> Iterator[str]:
    import gzip
    import zlib

    handle, spool = tempfile.mkstemp(prefix="alkannot-gunzip-", suffix=".vcf")
    try:
        with os.fdopen(handle, "wb") as out, gzip.open(path, "rb") as src:
            try:
                shutil.copyfileobj(src, out, 1 << 20)
            except (OSError, EOFError, zlib.error) as exc:
                raise InputError(f"corrupt or truncated gzip file ({_clean(exc)})", display or path) from None
        yield spool
    finally:
        os.unlink(spool)


def open_vcf(path: str, display: str, threads: int = 0) -> pysam.VariantFile:
    """Open a VCF/BCF for reading; any failure becomes a one-line InputError."""
    _check_magic(path, display)
    # bytes that are not UTF-8 (Latin-1 sample names, IDs, INFO text) are carried through unchanged
    # as surrogates, as htslib carries them, instead of failing wherever pysam decodes a string
    pysam.libcutils.set_encoding_error_handler("surrogateescape")
    # pysam looks for an index on open and htslib prints "Could not retrieve index file" when there
    # is none; alkannot streams and never needs one, so keep stderr quiet for the open only, and
    # point pysam at no index at all: loading a WGS .tbi costs tens of ms per open (region mode,
    # alkannot/regions.py, opens its own indexed reader).
    previous = pysam.set_verbosity(0)
    try:
        return pysam.VariantFile(path, "r", threads=max(1, threads + 1) if threads else 1,
                                 index_filename=os.devnull)
    except (OSError, ValueError) as exc:
        problem = _header_problem(path)
        if problem:
            raise InputError(problem[1], display, problem[0]) from None
        raise InputError(f"cannot read as VCF/BCF ({_clean(exc)})", display) from None
    finally:
        pysam.set_verbosity(previous)


def _text_lines(path: str) -> Iterator[bytes]:
    """Raw lines of a plain or (b)gzipped text file; only used to explain a failure."""
    import gzip

    with (gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")) as handle:
        yield from handle


def _header_problem(path: str) -> tuple[int | None, str] | None:
    """Why htslib could not read a header: (line, reason), or None if no better reason is found."""
    import zlib

    try:
        for number, line in enumerate(_text_lines(path), start=1):
            if line.startswith(b"#CHROM"):
                columns = len(line.rstrip(b"\r\n").split(b"\t"))
                if columns < 8:
                    return number, f"the #CHROM line has {columns} tab-separated columns; a VCF has at least 8"
                return None
            if not line.startswith(b"#"):
                return number, "no '#CHROM' header line before the first record"
        return None, "no '#CHROM' header line"
    except (OSError, EOFError, zlib.error) as exc:
        return None, f"truncated or corrupt gzip/bgzip data ({_clean(exc)})"


def describe_record(path: str, number: int) -> str | None:
    """Where the `number`-th record (1-based) of a text VCF is and what is visibly wrong with it."""
    import zlib

    seen = 0
    try:
        for line_number, line in enumerate(_text_lines(path), start=1):
            if line.startswith(b"#"):
                continue
            seen += 1
            if seen == number:
                fields = line.rstrip(b"\r\n").split(b"\t")
                where = f"line {line_number}"
                if len(fields) < 8:
                    return f"{where}: {len(fields)} tab-separated columns, a VCF record has at least 8"
                return f"{where} ({fields[0].decode(errors='replace')}:{fields[1].decode(errors='replace')})"
    except (OSError, EOFError, zlib.error) as exc:
        return f"truncated or corrupt gzip/bgzip data after record {seen} ({_clean(exc)})"
    return None


def _check_magic(path: str, display: str) -> None:
    """Reject what htslib would misread: binary garbage, files without a ##fileformat/#CHROM header."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or _clean(exc)})", display) from None
    if head[:2] == GZIP_MAGIC or head[:3] == b"BCF":
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
    try:
        contigs = {name: contig.length for name, contig in vf.header.contigs.items()}
    except AssertionError:  # pysam asserts on ##contig IDX= values it did not assign (htslib test modhdr)
        contigs = {}
        for record in vf.header.records:
            if record.type == "CONTIG" and record.get("ID"):
                length = record.get("length")
                contigs[record["ID"]] = int(length) if length and length.isdigit() else None
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
                        description: str, version: str) -> str:
    """Define an INFO key (unless the input already does) and return alkannot's definition line.

    An existing definition stays in the in-memory header (BCF records refer to its index); the
    written header text carries the returned line instead (see header_text), so re-annotation
    replaces an older alkannot's definitions."""
    desc = description.replace('"', "'")
    line = (f'##INFO=<ID={key},Number={number},Type={kind},Description="{desc}",'
            f'Source="alkannot",Version="{version}">')
    if key not in header.info:
        header.add_line(line)
    return line


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
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output file gets the usual permissions
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


def header_text(header: pysam.VariantHeader, replace_prefix: str, lines: list[str],
                info_definitions: dict[str, str] | None = None) -> str:
    """The header as text, its lines starting with `replace_prefix` swapped for `lines` (placed
    just before #CHROM), and the ##INFO lines of the keys in `info_definitions` swapped for those."""
    definitions = info_definitions or {}
    kept = []
    for line in str(header).splitlines():
        if line.startswith(replace_prefix):
            continue
        if line.startswith("##INFO=<ID="):
            key = line[len("##INFO=<ID="):].split(",", 1)[0]
            line = definitions.get(key, line)
        kept.append(line)
    return "\n".join(kept[:-1] + lines + kept[-1:]) + "\n"


class RecordWriter:
    """Writes the header and every record as htslib formats them (vcf_format, as `bcftools view`
    does), as VCF, bgzipped VCF, or BCF (converted by pysam's bundled bcftools).

    pysam's VariantFile.write is not used: it rewrites INFO/END on the way out (adds END to every
    record with a symbolic ALT such as <*>/<NON_REF>, deletes END where it equals POS+len(REF)-1,
    deletes END values it cannot parse), which would alter records alkannot must pass unchanged.
    """

    BATCH = 4096

    def __init__(self, path: str, output_type: str, header: pysam.VariantHeader | str, threads: int):
        from .bgzf import BgzfWriter

        self.path, self.output_type, self.threads = path, output_type, threads
        self._pending: list[str] = []
        # a closed stdout (`| head`) is not an error worth htslib's "[E::bgzf_flush]" lines;
        # the input's own warnings were already shown by pass 1
        self._verbosity = pysam.set_verbosity(0) if path == "-" else None
        self._bcf_text = None
        self._bgzf = None
        if output_type in ("b", "u"):  # BCF: plain text first, converted on close
            handle, self._bcf_text = tempfile.mkstemp(prefix="alkannot-", suffix=".vcf",
                                                      dir=None if path == "-" else os.path.dirname(os.path.abspath(path)))
            self._raw = os.fdopen(handle, "wb")
        elif path == "-":
            self._raw = sys.stdout.buffer
        else:
            self._raw = open(path, "wb")
        self._out = self._raw
        if output_type == "z":  # BGZF; --threads deflates blocks in parallel
            self._bgzf = self._out = BgzfWriter(self._raw, max(0, threads))
        self._out.write(str(header).encode("utf-8", "surrogateescape"))

    def write(self, record: pysam.VariantRecord) -> None:
        self._pending.append(str(record))
        if len(self._pending) >= self.BATCH:
            self._flush()

    def write_bytes(self, data: bytes) -> None:
        """Raw record lines, already in VCF text form (the text pass-through of pass 2)."""
        if self._pending:
            self._flush()
        self._write(data)

    def _flush(self) -> None:
        data = "".join(self._pending).encode("utf-8", "surrogateescape")
        self._pending.clear()
        self._write(data)

    def _write(self, data: bytes) -> None:
        try:
            self._out.write(data)
        except OSError as exc:
            self._failed(exc)

    def _failed(self, exc: Exception):
        if self.path == "-":
            raise BrokenPipeError(str(exc)) from None
        raise InputError(f"cannot write output ({_clean(exc)})", self.path) from None

    def _write_uncompressed_bcf(self, bcftools) -> None:
        from pysam.libcbgzf import BGZFile

        level0 = self._bcf_text + ".bcf"
        try:
            bcftools.view("--no-version", "-O", "b", "-l", "0", "-o", level0, self._bcf_text, catch_stdout=False)
            source = BGZFile(level0, "rb")
            target = sys.stdout.buffer if self.path == "-" else open(self.path, "wb")
            try:
                while block := source.read(1 << 20):
                    target.write(block)
            finally:
                source.close()
                if target is sys.stdout.buffer:
                    target.flush()
                else:
                    target.close()
        finally:
            if os.path.exists(level0):
                os.unlink(level0)

    def close(self) -> None:
        failing = sys.exc_info()[0] is not None  # called from a `finally` while an error propagates
        try:
            if not failing:
                self._flush()
            if self._bgzf is not None:
                if failing:
                    self._bgzf.abandon()
                else:
                    self._bgzf.close()
            if self._raw is sys.stdout.buffer:
                if not failing:
                    self._raw.flush()
            else:
                self._raw.close()
            if self._bcf_text and not failing:
                from pysam import bcftools

                if self.output_type == "b":
                    bcftools.view("--no-version", "-O", "b", "--threads", str(max(0, self.threads)),
                                  "-o", self.path, self._bcf_text, catch_stdout=False)
                else:  # 'u': pysam's bcftools writes level-0 BGZF; unwrapping it gives raw BCF as `bcftools -Ou`
                    self._write_uncompressed_bcf(bcftools)
        except (OSError, pysam.utils.SamtoolsError) as exc:
            if not failing:
                self._failed(exc)
        finally:
            if self._bcf_text and os.path.exists(self._bcf_text):
                os.unlink(self._bcf_text)
            if self._verbosity is not None:
                pysam.set_verbosity(self._verbosity)


def open_writer(path: str, output_type: str, header: pysam.VariantHeader | str, threads: int) -> RecordWriter:
    try:
        return RecordWriter(path, output_type, header, threads)
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
