"""MAF input (GDC, cBioPortal, vcf2maf): the rows that can matter, as a sparse VCF that pass 1 surveys.

What the columns mean (sources read):
- GDC MAF Format v1.0.0 (https://docs.gdc.cancer.gov/Data/File_Formats/MAF_Format/ ;
  NCI-GDC/gdc-docs@4f1d6d70:docs/Data/File_Formats/MAF_Format.md): Start_Position is the "lowest numeric
  position of the reported variant on the genomic reference sequence", End_Position the highest;
  Reference_Allele "includes the deleted sequence for a deletion or '-' for an insertion"; in the tumour
  alleles "a '-' symbol for a deletion represents a variant" and the "novel inserted sequence for insertion
  does not include flanking reference bases".
- So a deletion's Start_Position is its first deleted base, and an insertion's Start_Position is the base
  before the inserted sequence (End_Position the base after): vcf2maf.pl turns a VCF insertion into
  Start = VCF POS (the anchor) and a deletion into Start = POS + 1, and maf2vcf.pl notes "for MAF-format
  simple insertions, $pos is already the locus of the preceding bp" (mskcc/vcf2maf@bf53e52d, vcf2maf.pl
  lines 726-750, maf2vcf.pl lines 250-259).
- NCBI_Build: "GRCh38" in GDC MAFs; the legacy TCGA spec 2.4.1 allows "hg18, hg19, GRCh37, GRCh37-lite,
  36, 36.1, 37" (NCI-GDC/gdc-docs@041dfeff:docs/Encyclopedia/pages/Mutation_Annotation_Format_TCGAv2.md).

Choices made here:
- NCBI_Build may be absent (vcf2maf's data/minimalist_test_maf.tsv has no such column) or empty on some
  rows; the build is then the one the other rows state, else the one whose bundled ALK sequence the REF
  bases of the ALK rows agree with (an error if they do not tell), else unknown (no ALK row: every sample
  is reported without ALK mutations, and bypass-gene rows are left out with a warning).
- Every row is checked (a bad row is one error naming the file and line), but only rows that overlap ALK
  or a bypass gene / ABCB1 of the MAF's build (resources/genome/genes.tsv) become VCF records: pass 1 looks
  at nothing else, so the other rows could not change a report.
- The tumour allele is Tumor_Seq_Allele2; where that equals Reference_Allele and Tumor_Seq_Allele1 does
  not, Tumor_Seq_Allele1 is used (maf2vcf.pl makes the same swap).
- A '-' allele needs the reference base before the event as its VCF anchor. It comes from the bundled ALK
  sequence (the CDS and the intron flanks of exons 20-28); where the bundle does not hold that base (bypass
  genes, deep ALK introns) the anchor is 'N' and a warning says so. alkannot skips N when it checks REF.
- One sample column per Tumor_Sample_Barcode, in order of first appearance, so every barcode gets a
  report row (a sample with no row in ALK is ALK-mutation-negative, not missing). GT is 0/1 and AD is
  t_ref_count,t_alt_count for the sample whose row it is, ./. for the others.
"""

from __future__ import annotations

import functools
import gzip
import os
import re
import tempfile
import zlib
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from .bypass import bypass_spans
from .consequence import ref_mismatch
from .errors import InputError
from .existing import MAF_CLASS_KEY
from .genome import assemblies, chrom_number
from .log import log
from .records import field, record
from .transcript import BUILDS, load_transcript

REQUIRED = ("Chromosome", "Start_Position", "Reference_Allele", "Tumor_Seq_Allele2", "Tumor_Sample_Barcode")
_BASES = re.compile(r"^[ACGTN]+$")
_MISSING = ("", ".", "NA", "N/A", "NaN", "nan")
_SNIFF_BYTES = 1 << 16


@record(frozen=True)
class MafVariant:
    """One MAF row as a VCF-style allele (1-based POS, anchored REF/ALT)."""

    chrom: str
    pos: int
    ref: str
    alt: str
    sample: str
    ref_count: int | None
    alt_count: int | None
    line: int
    anchored_with_n: bool = False
    gene: str = ""  # Hugo_Symbol
    classification: str = ""  # Variant_Classification: what the row's change does to that gene


@record
class MafContent:
    """What a MAF file holds for alkannot: build, samples and the ALK variants."""

    build: str | None = None
    samples: dict[str, None] = field(default_factory=dict)  # Tumor_Sample_Barcode, first-seen order
    variants: list[MafVariant] = field(default_factory=list)
    rows: int = 0
    paired: dict[str, None] = field(default_factory=dict)  # tumours whose rows name a Matched_Norm_Sample_Barcode


# ---------------------------------------------------------------------------------------------
# recognising a MAF
# ---------------------------------------------------------------------------------------------
def _opener(path: str) -> Callable[..., Any]:
    """gzip.open for a gzip-compressed file, else open (their overloads share no type to name)."""
    with open(path, "rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    if gzipped:
        return gzip.open
    return open


def _head_text(path: str) -> str:
    opener = _opener(path)
    try:
        with opener(path, "rb") as handle:
            return handle.read(_SNIFF_BYTES).decode("latin-1")
    except (OSError, EOFError, zlib.error):
        return ""


def is_maf(path: str, display: str | None = None) -> bool:
    """A MAF by name (.maf, .maf.gz) or by content (the first non-'#' line is a MAF column header)."""
    name = (display or path).lower()
    if name.endswith((".maf", ".maf.gz", ".maf.txt", ".maf.tsv")):
        return True
    for line in _head_text(path).splitlines():
        if line.startswith("#") or not line.strip():
            continue
        columns = line.rstrip("\r").split("\t")
        return "Tumor_Sample_Barcode" in columns and "Start_Position" in columns
    return False


# ---------------------------------------------------------------------------------------------
# reading rows
# ---------------------------------------------------------------------------------------------
def build_of(value: str) -> str | None:
    """'GRCh37', '37', 'hg19', 'GRCh37-lite', 'GRCh38', '38', 'hg38' -> the build; else None."""
    text = value.strip().lower()
    numeric = re.fullmatch(r"(\d+)(?:\.\d+)?", text)
    if numeric:
        return {"37": "GRCh37", "38": "GRCh38"}.get(numeric.group(1))
    text = re.sub(r"-lite$", "", text)
    for assembly in assemblies():
        if text in assembly.aliases:
            return assembly.build
    return None


# the columns a row's reading takes a value from: a last line cut inside one of them changes the answer
READ_COLUMNS = (
    *REQUIRED,
    "Tumor_Seq_Allele1",
    "End_Position",
    "NCBI_Build",
    "Matched_Norm_Sample_Barcode",
    "t_ref_count",
    "t_alt_count",
    "Hugo_Symbol",
    "Variant_Classification",
)
_TRUNCATED = "truncated file (the last line has no newline)"


def _lines(path: str, display: str) -> Iterator[tuple[int, str, bool]]:
    """(line number, line without its end, whether it was cut: a last line without a newline, which read_maf checks
    as a fusion table's is checked, _check_cells)."""
    opener = _opener(path)
    try:
        # utf-8-sig: a byte-order mark (a spreadsheet's export) is not part of the first column's name, which was
        # then not Hugo_Symbol and the gene of every row unread (pipeline review of stop 38, finding 2)
        with opener(path, "rt", encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
            for number, line in enumerate(handle, start=1):
                yield number, line.rstrip("\r\n"), not line.endswith(("\n", "\r"))
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"unreadable MAF ({' '.join(str(exc).split())})", display) from None


def _check_cells(values: list[str], columns: list[str], header: int, cut: bool, display: str, number: int) -> None:
    """A row with more cells than the header, or fewer where a missing one is a column alkannot reads, and a last line
    without a newline whose last cell is one alkannot reads, are exit 3 naming the line, as a fusion table's are:
    every cell after a missing one would be read as the next column's, and a cut t_alt_count changes the allele
    fraction (pipeline review of stop 32, finding 2: a cut MAF changed C1156Y's clonality and the compound calls).
    Fewer cells where only columns alkannot does not read are missing (a header's trailing tab) read as empty."""
    prefix = f"{_TRUNCATED}: " if cut else ""
    missing = [c for c in columns[len(values) :] if c in READ_COLUMNS]
    if len(values) > len(columns) or missing:
        said = f" (no value for {', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''})" if missing else ""
        message = f"{prefix}{len(values)} fields but the header (line {header}) has {len(columns)}{said}"
        raise InputError(message, display, number)
    if cut and columns[len(values) - 1] in READ_COLUMNS:
        last = columns[len(values) - 1]
        raise InputError(f"{prefix}its last cell, {last}, is one alkannot reads and may be cut", display, number)


def _header(lines: Iterator[tuple[int, str, bool]], display: str) -> tuple[int, list[str]]:
    for number, line, _ in lines:
        if line.startswith("#") or not line.strip():
            continue
        columns = line.split("\t")
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise InputError(f"MAF header lacks column(s) {', '.join(missing)}", display, number)
        return number, columns
    raise InputError("no MAF header line (Hugo_Symbol, Chromosome, Start_Position, ...)", display)


def _count(value: str | None, column: str, display: str, number: int) -> int | None:
    if value is None or value.strip() in _MISSING:
        return None
    match = re.fullmatch(r"(\d+)(?:\.0+)?", value.strip())  # some exports write counts as 12.0
    if not match:
        raise InputError(f"{column} {value!r} is not a read count", display, number)
    return int(match.group(1))


def _position(value: str, column: str, display: str, number: int) -> int:
    if not re.fullmatch(r"\d+", value.strip()) or int(value) < 1:
        raise InputError(f"{column} {value!r} is not a 1-based position", display, number)
    return int(value)


def _allele(value: str, column: str, display: str, number: int) -> str:
    allele = value.strip().upper()
    if allele == "-" or _BASES.match(allele):
        return allele
    raise InputError(f"{column} {value!r} is not a base sequence or '-'", display, number)


def _tumour_allele(row: dict[str, str], ref: str, display: str, number: int) -> str:
    alt = _allele(row["Tumor_Seq_Allele2"], "Tumor_Seq_Allele2", display, number)
    first = row.get("Tumor_Seq_Allele1", "").strip()
    if alt == ref and first and first.upper() != ref:
        alt = _allele(first, "Tumor_Seq_Allele1", display, number)
    if alt == ref:
        raise InputError(f"tumour allele equals Reference_Allele {ref}: no variant on this row", display, number)
    return alt


def _check_span(row: dict[str, str], start: int, ref: str, display: str, number: int) -> None:
    """End_Position, where given, must agree with the length of Reference_Allele."""
    end_text = row.get("End_Position", "").strip()
    if ref == "-" or end_text in _MISSING:
        return
    end = _position(end_text, "End_Position", display, number)
    if end - start + 1 != len(ref):
        raise InputError(
            f"Start_Position {start}..End_Position {end} covers {end - start + 1} base(s) but "
            f"Reference_Allele {ref} has {len(ref)}",
            display,
            number,
        )


# ---------------------------------------------------------------------------------------------
# MAF allele -> VCF allele
# ---------------------------------------------------------------------------------------------
def _anchor(build: str, chrom: str, pos: int) -> str | None:
    """The plus-strand base at pos, where the bundled ALK sequence holds it."""
    if chrom_number(chrom) != "2":
        return None
    return load_transcript(build).ref_base(pos)


def vcf_allele(build: str, chrom: str, start: int, ref: str, alt: str) -> tuple[int, str, str, bool]:
    """(POS, REF, ALT, anchored_with_n) for a MAF allele; '-' alleles get the base before as anchor."""
    if ref != "-" and alt != "-":
        return start, ref, alt, False
    if ref == "-":  # insertion: Start_Position is the base before it
        base = _anchor(build, chrom, start)
        return start, base or "N", (base or "N") + alt, base is None
    base = _anchor(build, chrom, start - 1)  # deletion: Start_Position is the first deleted base
    return start - 1, (base or "N") + ref, base or "N", base is None


class _Relevance:
    """Does a MAF row overlap ALK or a bypass gene / ABCB1 of the build?"""

    def __init__(self, build: str):
        alk = load_transcript(build)
        self.spans: dict[str, list[tuple[int, int]]] = {alk.chrom: [(alk.start, alk.end)]}
        for chrom, genes in bypass_spans(build).items():
            self.spans.setdefault(chrom, []).extend((g.start, g.end) for g in genes)

    def matters(self, row: "MafRow") -> bool:
        stop = row.start + max(len(row.ref), 1)
        return any(lo <= stop and row.start <= hi for lo, hi in self.spans.get(chrom_number(row.chrom), ()))


@functools.lru_cache(maxsize=None)
def _relevance(build: str) -> _Relevance:
    return _Relevance(build)


@record(frozen=True)
class MafRow:
    """A checked MAF row, as the MAF writes it."""

    chrom: str
    start: int
    ref: str
    alt: str
    sample: str
    ref_count: int | None
    alt_count: int | None
    line: int
    gene: str = ""
    classification: str = ""


# ---------------------------------------------------------------------------------------------
# the whole file
# ---------------------------------------------------------------------------------------------
def _row_build(row: dict[str, str], content: MafContent, display: str, number: int) -> str | None:
    """The row's NCBI_Build; None where the column is absent or empty (the build then comes from the others,
    or from the ALK rows' reference bases)."""
    value = row.get("NCBI_Build", "").strip()
    if value in _MISSING:
        return content.build
    build = build_of(value)
    if build is None:
        raise InputError(f"NCBI_Build {value!r} is not GRCh37 or GRCh38 (or 37/38, hg19/hg38)", display, number)
    if content.build and build != content.build:
        raise InputError(
            f"NCBI_Build {value} differs from {content.build} on the rows above: one MAF, one build",
            display,
            number,
        )
    return build


def _read_row(row: dict[str, str], content: MafContent, display: str, number: int) -> MafRow | None:
    """Check one row; return it if it overlaps ALK or a bypass gene on either build."""
    content.build = _row_build(row, content, display, number)
    sample = row["Tumor_Sample_Barcode"].strip()
    if not sample:
        raise InputError("empty Tumor_Sample_Barcode", display, number)
    content.samples.setdefault(sample, None)
    if (row.get("Matched_Norm_Sample_Barcode") or "").strip() not in ("", ".", "NA", "-"):
        content.paired.setdefault(sample, None)  # called against a matched normal: somatic-filtered
    chrom = row["Chromosome"].strip()
    if not chrom:
        raise InputError("empty Chromosome", display, number)
    start = _position(row["Start_Position"], "Start_Position", display, number)
    ref = _allele(row["Reference_Allele"], "Reference_Allele", display, number)
    alt = _tumour_allele(row, ref, display, number)
    _check_span(row, start, ref, display, number)
    counts = [_count(row.get(c), c, display, number) for c in ("t_ref_count", "t_alt_count")]
    gene, classification = (_word(row.get(c)) for c in ("Hugo_Symbol", "Variant_Classification"))
    candidate = MafRow(chrom, start, ref, alt, sample, counts[0], counts[1], number, gene, classification)
    return candidate if any(_relevance(b).matters(candidate) for b in BUILDS) else None


def _build_from_reference(rows: list[MafRow], display: str) -> str | None:
    """Without NCBI_Build: the build whose bundled ALK sequence the REF bases of the ALK rows agree with."""
    verdicts = {}
    for build in BUILDS:
        tx = load_transcript(build)
        checks = [ref_mismatch(tx, r.start, r.ref) for r in rows if r.ref != "-" and chrom_number(r.chrom) == "2"]
        verdicts[build] = (checks.count(False), checks.count(True))
    fitting = [b for b, (agree, disagree) in verdicts.items() if agree and not disagree]
    if not any(sum(v) for v in verdicts.values()):
        return None  # no ALK base to go by, and nothing of ALK to report either
    if len(fitting) != 1:
        raise InputError(
            "no NCBI_Build column or value, and the reference bases of the ALK rows do not tell "
            "GRCh37 from GRCh38: add NCBI_Build",
            display,
        )
    log.warning(
        "%s: no NCBI_Build; %s from the reference bases of %d ALK row(s)", display, fitting[0], verdicts[fitting[0]][0]
    )
    return fitting[0]


def _variant(row: MafRow, build: str) -> MafVariant:
    pos, ref, alt, with_n = vcf_allele(build, row.chrom, row.start, row.ref, row.alt)
    return MafVariant(
        row.chrom,
        pos,
        ref,
        alt,
        row.sample,
        row.ref_count,
        row.alt_count,
        row.line,
        with_n,
        row.gene,
        row.classification,
    )


def read_maf(path: str, display: str | None = None, given_build: str = "auto", said: str = "") -> MafContent:
    """Every row checked; the rows that can matter kept as VCF-style variants. `given_build`: --build (GRCh37,
    GRCh38, or auto): a NCBI_Build that contradicts it is exit 3 naming both (--build as `said`, the user's words:
    AnnotateOptions.build_said); without NCBI_Build it is the build."""
    display = display or path
    lines = _lines(path, display)
    header_line, columns = _header(lines, display)
    content, candidates = MafContent(), []
    for number, line, cut in lines:
        if line.startswith("#") or not line.strip():
            continue
        values = line.split("\t")
        _check_cells(values, columns, header_line, cut, display, number)
        row = _read_row(dict(zip(columns, values + [""] * (len(columns) - len(values)))), content, display, number)
        if row is not None:
            candidates.append(row)
        content.rows += 1
    if not content.samples:
        raise InputError("no MAF rows (no Tumor_Sample_Barcode to report)", display)
    if content.build and given_build in BUILDS and content.build != given_build:
        # said of the MAF's column, not of the ##contig line of the VCF made of it (fresh-eyes review of stop 45, p1)
        raise InputError(
            f"--build {said or given_build} contradicts the MAF's NCBI_Build ({content.build}); drop --build or fix "
            "NCBI_Build",
            display,
        )
    if not content.build and given_build in BUILDS:
        content.build = given_build  # the reference bases are still checked against it, as a VCF's are (ref_check)
    content.build = content.build or _build_from_reference(candidates, display)
    if content.build is None and candidates:
        log.warning(
            "%s: no NCBI_Build and no ALK row to tell the build by: %d bypass-gene row(s) not used (add NCBI_Build, "
            "or give --build)",
            display,
            len(candidates),
        )
    if content.build:
        relevant = _relevance(content.build)
        content.variants = [_variant(r, content.build) for r in candidates if relevant.matters(r)]
    _warn_n_anchors(content, display)
    return content


def _warn_n_anchors(content: MafContent, display: str) -> None:
    lines = [v.line for v in content.variants if v.anchored_with_n]
    if lines:
        shown = ", ".join(str(n) for n in lines[:5]) + (" ..." if len(lines) > 5 else "")
        log.warning(
            "%s: %d '-' allele(s) outside the bundled ALK sequence (line %s) anchored on N: their "
            "carrier is reported, their reference base is not checked",
            display,
            len(lines),
            shown,
        )


# ---------------------------------------------------------------------------------------------
# the sparse VCF
# ---------------------------------------------------------------------------------------------
def _chrom_key(name: str) -> tuple[int, str]:
    number = chrom_number(name)
    order = {"X": 23, "Y": 24, "MT": 25}
    return (int(number), "") if number.isdigit() else (order.get(number, 26), number)


def _contig_lines(content: MafContent) -> list[str]:
    """chr2 with its length so that build detection works; the other chromosomes of the kept rows."""
    names = {v.chrom for v in content.variants}
    chr2 = next((n for n in names if chrom_number(n) == "2"), None)
    if chr2 is None:
        chr2 = "chr2" if any(n.lower().startswith("chr") for n in names) else "2"
    length = next((f",length={a.chrom2_length}" for a in assemblies() if a.build == content.build), "")
    lines = [f"##contig=<ID={chr2}{length}>"]
    lines += [f"##contig=<ID={n}>" for n in sorted(names - {chr2}, key=_chrom_key)]
    return lines


def _records(content: MafContent) -> list[tuple[tuple, dict[str, MafVariant]]]:
    """One record per distinct allele; the samples whose rows carry it."""
    merged: dict[tuple, dict[str, MafVariant]] = {}
    for variant in content.variants:
        key = (variant.chrom, variant.pos, variant.ref, variant.alt)
        carriers = merged.setdefault(key, {})
        if variant.sample in carriers:
            log.debug("line %d repeats line %d (same sample and allele)", variant.line, carriers[variant.sample].line)
            continue
        carriers[variant.sample] = variant
    return sorted(merged.items(), key=lambda item: (_chrom_key(item[0][0]), item[0][1], item[0][2], item[0][3]))


def _word(value: str | None) -> str:
    """A MAF cell as one INFO word: missing spellings empty; no character that would break the INFO column."""
    text = (value or "").strip()
    return "" if text in _MISSING else re.sub(r"[;=|,\s]", "_", text)


def _info(carriers: dict[str, MafVariant]) -> str:
    """The gene and Variant_Classification the allele's first row gives (MAF_CLASS_KEY), else '.'."""
    first = next(iter(carriers.values()))
    return f"{MAF_CLASS_KEY}={first.gene}|{first.classification}" if first.gene and first.classification else "."


def _sample_field(variant: MafVariant | None) -> str:
    if variant is None:
        return "./.:."
    counts = (variant.ref_count, variant.alt_count)
    ad = "." if None in counts else f"{counts[0]},{counts[1]}"
    return f"0/1:{ad}"


MAF_PAIRED_KEY = "alkannotMafMatchedNormal"


def vcf_text(content: MafContent, source: str) -> Iterator[str]:
    """The sparse VCF, line by line."""
    yield "##fileformat=VCFv4.2\n"
    yield f"##source=alkannot MAF input ({os.path.basename(source)})\n"
    if content.build:
        yield f"##reference={content.build}\n"
    yield from (line + "\n" for line in _contig_lines(content))
    # the tumours a matched normal was called against (the tumour-only caveat does not apply to them)
    yield from (f"##{MAF_PAIRED_KEY}={sample}\n" for sample in content.paired)
    yield '##FILTER=<ID=PASS,Description="All filters passed">\n'
    yield (
        f'##INFO=<ID={MAF_CLASS_KEY},Number=1,Type=String,Description="Hugo_Symbol|Variant_Classification of the '
        'MAF row (read for a bypass gene counted only when truncating)">\n'
    )
    yield '##FORMAT=<ID=GT,Number=1,Type=String,Description="0/1 where the MAF row is this sample\'s, else ./.">\n'
    yield '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="t_ref_count,t_alt_count of the MAF row">\n'
    yield "\t".join(["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT", *content.samples]) + "\n"
    for (chrom, pos, ref, alt), carriers in _records(content):
        samples = [_sample_field(carriers.get(s)) for s in content.samples]
        yield "\t".join([chrom, str(pos), ".", ref, alt, ".", "PASS", _info(carriers), "GT:AD", *samples]) + "\n"


@contextmanager
def maf_as_vcf(path: str, display: str | None = None, given_build: str = "auto", said: str = "") -> Iterator[str]:
    """Yield the path of a temporary VCF made from a MAF; removed afterwards (`given_build`, `said`: read_maf)."""
    content = read_maf(path, display, given_build, said)
    log.info(
        "%s: %d MAF rows, %d samples, %s; %d row(s) in ALK or a bypass gene",
        display or path,
        content.rows,
        len(content.samples),
        content.build,
        len(content.variants),
    )
    handle, spool = tempfile.mkstemp(prefix="alkannot-maf-", suffix=".vcf")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", errors="surrogateescape") as out:
            out.writelines(vcf_text(content, display or path))
        yield spool
    finally:
        os.unlink(spool)
