"""Reading structural-variant records (VCF/BCF via pysam) and RNA fusion tables (Arriba, STAR-Fusion)."""

from __future__ import annotations

import codecs
import sys
from typing import TYPE_CHECKING, Callable, Iterator

from .breakends import SUPPORT_KEYS, SvRecord, is_rearrangement, is_sv_record, names_sv_caller
from .errors import InputError, cannot_read
from .format_fields import format_values
from .records import field, record

if TYPE_CHECKING:
    from .rna_fusions import FusionEvidence

# INFO keys the fusion logic reads; everything else stays in the VCF untouched
INFO_KEYS = (
    "SVTYPE",
    "END",
    "CHR2",
    "POS2",
    "CT",
    "MATEID",
    "EVENT",
    "STRANDS",
    "INV3",
    "INV5",
    "SVLEN",
    "IMPRECISE",
    "CN",
    *SUPPORT_KEYS,
)
# FORMAT keys the fusion logic reads (breakends.SUPPORT_KEYS and the genotype), and those of bypass-gene records
FORMAT_KEYS = ("GT", "AD", "CN", *SUPPORT_KEYS)
BYPASS_FORMAT_KEYS = ("GT", "AD", "AF", "CN", "DP")
# an ALK copy-number or deletion record: its carriers by genotype, CN or the SV caller's read support (copynumber.py)
ALK_CN_FORMAT_KEYS = (*BYPASS_FORMAT_KEYS, *SUPPORT_KEYS)


def sv_record_from_pysam(rec, index: int, source: str) -> SvRecord:
    """An SvRecord from a pysam.VariantRecord (the annotator can call this on its own records)."""
    info: dict[str, object] = {}
    declared = rec.header.info
    for key in INFO_KEYS:
        if key == "END":
            if "END" in declared and rec.stop != rec.pos + max(len(rec.ref or "N"), 1) - 1:
                info["END"] = rec.stop
            continue
        try:
            if key in rec.info:
                info[key] = rec.info[key]
        except (ValueError, KeyError):
            continue
    samples = format_values(rec, FORMAT_KEYS, skip_missing=True)
    filters = list(rec.filter.keys())
    return SvRecord(
        index=index,
        source=source,
        chrom=rec.chrom,
        pos=rec.pos,
        id=rec.id or ".",
        ref=rec.ref or "N",
        alts=tuple(a or "" for a in (rec.alts or ())),
        info=info,
        filter=";".join(filters) if filters else ".",
        samples=samples,
    )


def sv_records_from_vcf(path: str, build: str | None = None, source: str | None = None) -> Iterator[SvRecord]:
    """SV-like records of a VCF/BCF; `index` is the 0-based record number in the file (see scan_sv_file)."""
    yield from scan_sv_file(path, build, source).records


@record
class SvFileScan:
    """What one --sv file holds for alkannot: SV records, records in bypass genes, its sample columns."""

    records: list[SvRecord] = field(default_factory=list)
    bypass_records: list = field(default_factory=list)
    alk_copy_number: list = field(default_factory=list)  # copy-number records over the ALK kinase domain
    samples: tuple[str, ...] = ()
    tumour_headers: tuple[str, ...] = ()  # ##tumor_sample lines of the file
    # a rearrangement-capable caller's output (a BND/INV/translocation record, or its ##source names an SV caller):
    # only such a file can show that no fusion joins ALK (CONTRACT.md version 2, as for the main input)
    rearrangement_capable: bool = False
    build_stated: bool = True  # its header says its build (##contig lengths, ##reference)


def scan_sv_file(path: str, build: str | None, source: str | None = None) -> SvFileScan:
    """One pass over an --sv file (SV caller or CNV caller VCF/BCF)."""
    from .spool import materialized_input

    label = source or str(path)
    with materialized_input(str(path)) as (readable, display):
        return _scan(readable, display, build, label)


def sv_file_samples(path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sample columns of an SV file and the samples its ##tumor_sample lines name (header only)."""
    from .vcfio import open_vcf

    with open_vcf(str(path), str(path)) as handle:
        return tuple(handle.header.samples), _tumour_headers(handle)


def _tumour_headers(handle) -> tuple[str, ...]:
    return tuple(
        r.value
        for r in handle.header.records
        if r.type == "GENERIC" and r.key == "tumor_sample" and r.value is not None
    )


def _scan(path: str, display: str, build: str | None, label: str) -> SvFileScan:
    from .bypass import BypassFinder, alk_copy_number_records, bypass_record
    from .existing import ExistingAnnotations
    from .genome import chrom_number
    from .vcfio import close_quietly, open_vcf

    scan = SvFileScan()
    finder = BypassFinder(build)
    index = -1
    with open_vcf(path, display) as handle:
        scan.samples = tuple(handle.header.samples)
        scan.tumour_headers = _tumour_headers(handle)
        scan.build_stated = _check_build(handle, display, build)
        scan.rearrangement_capable = _rearrangement_header(handle.header)
        annotations = ExistingAnnotations.from_header(handle.header, display)  # once per file, warnings too
        import pysam

        # htslib's own [W::vcf_parse] lines are silenced as for the main input (survey._read_records): a problem
        # that stops the run is reported by alkannot itself, and -q means only errors (pipeline review
        # 2026-12-01, third reading, finding 11)
        verbosity = pysam.set_verbosity(0)
        try:
            for index, rec in enumerate(handle):
                alts = tuple(a or "" for a in (rec.alts or ()))
                info_keys = {"SVTYPE": True} if "SVTYPE" in rec.info else {}
                if is_sv_record(alts, info_keys):
                    scan.records.append(sv_record_from_pysam(rec, index, label))
                    if build and chrom_number(rec.chrom) == "2":
                        scan.alk_copy_number.extend(
                            alk_copy_number_records(
                                build, rec, alts, lambda: format_values(rec, ALK_CN_FORMAT_KEYS, skip_missing=True)
                            )
                        )
                genes = finder.genes(rec.chrom, rec.start, rec.stop)
                if genes:
                    samples = format_values(rec, BYPASS_FORMAT_KEYS, skip_missing=True)
                    scan.bypass_records.extend(bypass_record(g, rec, samples, annotations) for g in genes)
        except (OSError, ValueError) as err:
            # closed here, quietly: closing a file htslib failed to read fails too, and `with` would raise that
            # OSError in place of this error (an internal error, exit 1, for a corrupt bgzipped --sv file: pipe49b)
            close_quietly(handle)
            raise _unreadable(path, display, index + 2, err) from None
        finally:
            pysam.set_verbosity(verbosity)
    scan.rearrangement_capable = scan.rearrangement_capable or any(is_rearrangement(r) for r in scan.records)
    return scan


def _rearrangement_header(header) -> bool:
    """An --sv file's header that a rearrangement-capable caller wrote, so that an empty output (no call) still
    shows that no fusion joins ALK: its ##source names an SV caller, or it declares breakend keys or alleles (INFO
    MATEID/CHR2, ##ALT BND/INV/TRA, as DELLY writes them). A CNV caller's (<DEL>/<DUP> only) or a small-variant
    caller's header is not one (pipeline review of stop 34, finding 3: a Mutect2 VCF given as --sv made every sample
    fusion-negative). Unlike the main input, whose header a template or a merge may carry such keys into, an --sv
    file is given as SV calls."""
    from .vcfio import header_values

    if names_sv_caller(header_values(header.records, "source")):
        return True
    if any(key in header.info for key in ("MATEID", "CHR2")):
        return True
    alts = {str(r.get("ID", "")).upper() for r in header.records if r.key == "ALT"}
    return bool(alts & {"BND", "INV", "TRA", "CTX"})


def _unreadable(path: str, display: str, number: int, err: Exception) -> InputError:
    """The SV file's record `number` that htslib could not read, named by line and CHROM:POS with its own problem
    (bad_records.locate_record) as for the main input (pipeline review 9, finding 6)."""
    from .bad_records import locate_record, read_failure

    where, problem = locate_record(path, number, htslib=True) or ("", "")
    reason = problem or read_failure(err, path)
    return InputError(f"unreadable SV record {number}{f' ({where})' if where else ''}: {reason}", display)


def _check_build(handle, display: str, build: str | None) -> bool:
    """An SV file whose header names the other build would place every breakend wrongly: exit 3. Whether its
    header states a build at all (False: it is read in the main input's, with a warning: fusion_evidence._sv_file)."""
    from .genome import detect_build
    from .vcfio import header_info

    if build is None:
        return True
    info = header_info(handle)
    evidence = detect_build(info.contigs, info.lines)
    if evidence.build is not None and evidence.build != build:
        raise InputError(
            f"this SV file is {evidence.build} ({evidence.reason}) but the main input is {build}; "
            "lift one over or give files of one build",
            display,
        )
    return evidence.build is not None


# ---------------------------------------------------------------- fusion tables
_ARRIBA = ("gene1", "gene2", "breakpoint1", "breakpoint2")
_STAR = ("FusionName", "LeftGene", "LeftBreakpoint", "RightGene", "RightBreakpoint")
_ARRIBA_COUNTS = ("split_reads1", "split_reads2", "discordant_mates")
_STAR_COUNTS = ("JunctionReadCount", "SpanningFragCount")


def _position(text: str, path: str, line: int, with_strand: bool) -> tuple[str, int]:
    parts = text.rsplit(":", 2 if with_strand else 1)
    try:
        if with_strand and len(parts) == 3:
            return parts[0], int(parts[1])
        if not with_strand and len(parts) == 2:
            return parts[0], int(parts[1])
    except ValueError:
        pass
    raise InputError(f"malformed breakpoint {text!r}", path, line)


def _count(row: dict[str, str], key: str, path: str, line: int) -> int:
    value = (row.get(key) or "").strip()
    if value in ("", "."):
        return 0
    try:
        return int(float(value))
    except (ValueError, OverflowError):  # OverflowError: 'inf', '1e400'
        raise InputError(f"column {key} is not a number: {value!r}", path, line) from None


def _table_bytes(path: str) -> tuple[bytes, str]:
    """A fusion table's bytes and its name in messages: `-` is standard input, '<stdin>' (pipe49: it was opened as a
    file named '-', "cannot read fusion table (No such file or directory)")."""
    from .output import closed_standard_input

    shown = "<stdin>" if path == "-" else path
    if closed_standard_input(path):  # started with stdin closed (`<&-`): '-' and /dev/stdin alike, as INPUT
        raise InputError("cannot read fusion table (standard input is closed)", shown)
    try:
        if path == "-":
            return sys.stdin.buffer.read(), shown
        with open(path, "rb") as handle:
            return handle.read(), shown
    except OSError as err:
        raise InputError(cannot_read("fusion table", err), shown) from None


def sample_path_spec(spec: str) -> tuple[str | None, str]:
    """`PATH` (sample None) or `SAMPLE=PATH` -> (sample, path), as `--sv` and `--fusions` take them. A path
    that exists with a '=' in its name is a path."""
    import os

    if not os.path.exists(spec) and "=" in spec:
        sample, path = spec.split("=", 1)
        return sample, path
    return None, spec


fusion_table_spec = sample_path_spec


def read_fusion_table(path: str, sample: str | None = None) -> list[FusionEvidence]:
    """Fusion calls from a fusion caller's table (FUSION_TABLES: Arriba fusions.tsv, STAR-Fusion abridged TSV),
    told apart by the header."""
    data, path = _table_bytes(str(path))  # read once: a `-` or `<(...)` table cannot be read again
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0  # a byte-order mark is no part of the header
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as err:
        from .compressions import compressed_table_reason

        compressed = compressed_table_reason(data[:8], "fusion table")
        if compressed is not None:
            raise InputError(compressed, path) from None
        at = bom + err.start
        raise InputError(f"not UTF-8 text (byte 0x{data[at]:02x})", path, data[:at].count(b"\n") + 1) from None
    lines = text.splitlines()
    if not lines:
        raise InputError("empty fusion table", path, 1)
    cut = not text.endswith(("\n", "\r"))  # the last line has no newline: a copy that stopped early?
    if cut and len(lines) == 1:
        raise InputError(f"{_TRUNCATED}: the header may be cut short, and no fusion is listed", path, 1)
    header = lines[0].lstrip("#").split("\t")
    table = next((t for t in FUSION_TABLES if all(col in header for col in t.required)), None)
    if table is None:
        raise InputError(
            f"not a table alkannot reads ({', '.join(t.name for t in FUSION_TABLES)}): header not recognised", path, 1
        )
    absent = [col for col in table.counts if col not in header]
    if absent:
        raise InputError(f"the {table.name} header has no {', '.join(absent)} column (the read support)", path, 1)
    evidence = []
    for number, row in enumerate(lines[1:], start=2):
        if not row.strip() or row.startswith("#"):
            continue
        fields = row.split("\t")
        if len(fields) < len(header):  # every cell after a missing one would be read as the next column's
            missing = ", ".join(header[len(fields) :][:3]) + (", ..." if len(header) - len(fields) > 3 else "")
            short = f"{len(fields)} columns, the header has {len(header)} (no value for {missing})"
            raise InputError(f"{_TRUNCATED}: {short}" if cut and number == len(lines) else short, path, number)
        end = header[len(fields) - 1] if len(fields) <= len(header) else ""  # the column of its last cell
        if cut and number == len(lines) and end in table.required + table.counts:
            raise InputError(f"{_TRUNCATED}: its last cell, {end}, is one alkannot reads and may be cut", path, number)
        evidence.append(table.read_row(dict(zip(header, fields)), path, number, sample))
    return evidence


_TRUNCATED = "truncated file (the last line has no newline)"


def _arriba_row(row: dict[str, str], path: str, line: int, sample: str | None) -> FusionEvidence:
    from .rna_fusions import FusionEvidence  # a run given no fusion table never imports it

    chrom1, pos1 = _position(row["breakpoint1"], path, line, False)
    chrom2, pos2 = _position(row["breakpoint2"], path, line, False)
    support = {
        "split_reads1": _count(row, "split_reads1", path, line),
        "split_reads2": _count(row, "split_reads2", path, line),
        "discordant_mates": _count(row, "discordant_mates", path, line),
    }
    frame = _reading_frame(row.get("reading_frame", ""))
    return FusionEvidence(
        path, "arriba", line, row["gene1"], row["gene2"], chrom1, pos1, chrom2, pos2, support, sample, frame
    )


def _star_row(row: dict[str, str], path: str, line: int, sample: str | None) -> FusionEvidence:
    from .rna_fusions import FusionEvidence  # a run given no fusion table never imports it

    chrom1, pos1 = _position(row["LeftBreakpoint"], path, line, True)
    chrom2, pos2 = _position(row["RightBreakpoint"], path, line, True)
    support = {
        "JunctionReadCount": _count(row, "JunctionReadCount", path, line),
        "SpanningFragCount": _count(row, "SpanningFragCount", path, line),
    }
    return FusionEvidence(
        path,
        "star-fusion",
        line,
        row["LeftGene"].split("^")[0],
        row["RightGene"].split("^")[0],
        chrom1,
        pos1,
        chrom2,
        pos2,
        support,
        sample,
        _reading_frame(_STAR_FRAMES.get(row.get("PROT_FUSION_TYPE", "").strip().upper(), "")),
    )


# STAR-Fusion's PROT_FUSION_TYPE (with --examine_coding_effect) in Arriba's words
_STAR_FRAMES = {"INFRAME": "in-frame", "FRAMESHIFT": "out-of-frame"}


def _reading_frame(value: str) -> str:
    """The caller's reading of the fusion transcript, as Arriba words it; '' for none ('.', empty, unknown words).
    Of several readings ('out-of-frame,in-frame': transcripts read differently), an in-frame one is the reading:
    one transcript that keeps the kinase in frame is enough for the call."""
    readings = [v.strip().lower() for v in value.split(",")]
    if "in-frame" in readings:
        return "in-frame"
    return next((v for v in readings if v in ("out-of-frame", "stop-codon")), "")


@record(frozen=True)
class FusionTable:
    """One RNA fusion caller's table: the columns that identify it and how one row becomes evidence."""

    name: str
    required: tuple[str, ...]  # the columns that identify it
    counts: tuple[str, ...]  # the read-support columns, in every version's layout
    read_row: Callable[[dict[str, str], str, int, str | None], FusionEvidence]


# the fusion tables alkannot reads; adding a caller is one entry (its identifying columns and a row reader)
FUSION_TABLES = (
    FusionTable("Arriba fusions.tsv", _ARRIBA, _ARRIBA_COUNTS, _arriba_row),
    FusionTable("STAR-Fusion abridged TSV", _STAR, _STAR_COUNTS, _star_row),
)


__all__ = [
    "sv_record_from_pysam",
    "sv_records_from_vcf",
    "scan_sv_file",
    "SvFileScan",
    "fusion_table_spec",
    "sample_path_spec",
    "read_fusion_table",
]
