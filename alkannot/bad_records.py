"""Where an unreadable record of a text VCF is ('line 9 (chr2:100)') and what is wrong with it, in words: what
the line shows (an empty line, too few columns, a FORMAT key listed twice, a POS that is not a number) or, where
nothing is visible, htslib's own reason read again from the line alone. Used only after a failure."""

from __future__ import annotations

import re
import tempfile

import pysam

from .errors import CORRUPT_DATA
from .picker import record_place, spaces_hint
from .vcfio import htslib_messages, is_bcf, is_gzip, one_line, pysam_text, text_lines

NUL_REASON = "a NUL byte in the line (not allowed in VCF text; htslib would stop reading the field there)"


def describe_record(path: str, number: int) -> str | None:
    """Where the `number`-th record (1-based) of a text VCF is ('line 9 (chr2:100)') and, after ': ', what is
    visibly wrong with it (record_problem)."""
    found = locate_record(path, number)
    if found is None:
        return None
    where, problem = found
    return f"{where}: {problem}" if problem else where


def locate_record(path: str, number: int, last: bool | None = None, htslib: bool = False) -> tuple[str, str] | None:
    """(where, problem) of the `number`-th record (1-based) of a text VCF: where is 'line 9 (chr2:100)', problem
    what htslib cannot parse in the line (record_problem; '' where nothing is visible). None for BCF or a file
    with fewer records; a file that cannot be decompressed up to the record gives the reason as `where`. `last`:
    whether the line is the input's last, without a newline (by default: whether it is so in `path`). With
    `htslib` (the record failed in htslib), a problem record_problem does not see is htslib's own (htslib_reason)."""
    import zlib

    if is_bcf(path):
        return None
    seen = 0
    columns = 0  # the #CHROM line's
    body = False  # after the #CHROM line every line is a record to htslib, one that starts with '#' too
    header: list[bytes] = []
    try:
        lines = enumerate(text_lines(path), start=1)
        for line_number, line in lines:
            if not body:
                body = line.startswith(b"#CHROM")
                columns = len(line.rstrip(b"\r\n").split(b"\t")) if body else 0
                if body or line.startswith(b"#"):
                    header.append(line)
                    continue
            seen += 1
            if seen == number:
                fields = line.rstrip(b"\r\n").split(b"\t")
                shown = record_place(fields)
                if last is None:
                    last = not line.endswith(b"\n") and next(lines, None) is None
                problem = record_problem(fields, columns, last)
                if not problem and htslib:
                    problem = htslib_reason(b"".join(header), line, shown)
                return f"line {line_number}{f' ({shown})' if shown else ''}", problem
    except (OSError, EOFError, zlib.error) as exc:
        return f"{CORRUPT_DATA} after record {seen} ({one_line(exc)})", ""
    return None


def read_failure(exc: BaseException, path: str) -> str:
    """htslib's reason for a record it could not read, where a bgzipped file's 'truncated file' is a BGZF block
    that failed its check: said as every other reader says damaged compressed data (CORRUPT_DATA), for the main input
    and an --sv file alike (pipe49b: the --sv file said 'truncated file')."""
    reason = pysam_text(exc)
    return f"{CORRUPT_DATA} (BGZF block failed its check)" if reason == "truncated file" and is_gzip(path) else reason


def record_problem(fields: list[bytes], columns: int, last: bool = False) -> str:
    """What htslib cannot parse in a record's `fields` under a #CHROM line of `columns` columns, in words: it
    fails such a record with pysam's 'truncated file' (or 'unable to parse next record', 'invalid number of
    columns'), which misled when the file is whole (pipeline review 9, finding 6; new user review 9, finding 10).
    '' where nothing is visible. The file's `last` line, with no newline and too few columns, is a file that does
    end mid-record. A NUL byte anywhere in the line is named first: htslib fails it as 'truncated file' (and
    alkannot then as corrupt BGZF data), though the file is whole (review 20, findings 1 and 2)."""
    if any(b"\0" in field for field in fields):
        return NUL_REASON
    if fields == [b""]:
        return "an empty line (a VCF has none; remove it)"
    if last and columns > 8 and len(fields) == columns and fields[-1] == b"":
        # every column, the last one empty: a copy cut right after the last tab (pipeline review of stop 43 by h2,
        # finding 4); htslib counts one sample column less
        return "truncated file: the last line ends with a tab, its last column empty"
    if len(fields) < 8 or (columns > 8 and 8 < len(fields) < columns):
        if last:
            return f"truncated file: the last line stops after {len(fields)} of the header's {columns} columns"
        return (
            f"{len(fields)} tab-separated column{'s' if len(fields) != 1 else ''}, "
            + (f"the header has {columns}" if columns >= 8 else "a VCF record has at least 8")
            + spaces_hint(fields)
        )
    pos = fields[1]
    keys = fields[8].split(b":") if len(fields) > 9 else []
    twice = next((key for n, key in enumerate(keys) if key in keys[:n]), None)
    if twice is not None:  # htslib says only 'invalid tag' (pipeline review 12, finding 5)
        return f"FORMAT key '{twice.decode(errors='replace')}' is listed twice ({fields[8].decode(errors='replace')})"
    if re.fullmatch(rb"-[0-9]+", pos):  # a number, but no position (hts-specs failed_body_pos_002.vcf)
        return f"POS '{pos.decode()}' is negative: a VCF position is a whole number, 0 or more"
    if not re.fullmatch(rb"\+?[0-9]*", pos):  # htslib's hts_str2uint: digits, an optional '+'; empty is 0
        return f"POS '{pos.decode(errors='replace')}' is not a number" + spaces_hint(fields[:1])
    if pos.strip(b"+") and int(pos) >= 1 << 63:
        return f"POS '{pos.decode()}' is too large"
    return ""


def htslib_reason(header: bytes, line: bytes, shown: str = "") -> str:
    """htslib's own reason for failing record `line` under `header` ("Invalid character 'N' in 'GQ' FORMAT
    field"), which pysam's exception ('unable to parse next record') leaves out: the line is read again, alone, in
    a throwaway reader with htslib's messages captured (pipeline review 12, finding 11). Only after a failure, so
    the reading of good records costs nothing more. '' if htslib names no error. `shown`: 'CHROM:POS', dropped
    from the end of the message (the error names it already)."""
    previous = pysam.set_verbosity(1)  # errors only
    try:
        with tempfile.NamedTemporaryFile(suffix=".vcf") as spool, htslib_messages(errors_only=True) as messages:
            spool.write(header + line.rstrip(b"\r\n") + b"\n")
            spool.flush()
            try:
                with pysam.VariantFile(spool.name) as vf:
                    for _ in vf:
                        pass
            except (OSError, ValueError):
                pass
    except OSError:  # no room for the one-line file: the caller's reason stands
        return ""
    finally:
        pysam.set_verbosity(previous)
    reason = messages[-1] if messages else ""
    return reason[: -len(f" at {shown}")] if shown and reason.endswith(f" at {shown}") else reason


__all__ = ["NUL_REASON", "describe_record", "htslib_reason", "locate_record", "record_problem"]
