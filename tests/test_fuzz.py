"""A bounded fuzz harness (hypothesis): VCF records, breakend ALTs, fusion tables, sample sheets.

Property everywhere: success with every record preserved, or InputError (exit 3 at the CLI) —
never another exception. Each test is capped by max_examples and the whole module by a time
budget (ALKANNOT_FUZZ_SECONDS, default 25 s) so CI time stays bounded; raise both to fuzz longer.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pysam
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alkannot.annotate import annotate_file
from alkannot.breakends import SvRecord
from alkannot.errors import InputError
from alkannot.fusions import detect_fusions
from alkannot.options import AnnotateOptions
from alkannot.svio import read_fusion_table

BUDGET = float(os.environ.get("ALKANNOT_FUZZ_SECONDS", "25"))
_START: list[float] = []  # set when the first fuzz example runs, not at collection
FUZZ = settings(
    max_examples=int(os.environ.get("ALKANNOT_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=False,
)


def _within_budget():
    if not _START:
        _START.append(time.monotonic())
    if time.monotonic() - _START[0] > BUDGET:
        pytest.skip(f"fuzz time budget of {BUDGET:.0f} s used up")


HEADER = (
    "##fileformat=VCFv4.2\n##contig=<ID=2,length=243199373>\n##contig=<ID=chr2,length=242193529>\n"
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="d">\n'
    '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="t">\n'
    '##INFO=<ID=MATEID,Number=.,Type=String,Description="m">\n'
    '##INFO=<ID=END,Number=1,Type=Integer,Description="e">\n'
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n'
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="a">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n"
)
BASE = st.sampled_from("ACGTN")
SEQ = st.text("ACGTN", min_size=1, max_size=8)
POS = st.one_of(st.integers(29192000, 29925000), st.integers(29415000, 30145000), st.integers(1, 250_000_000))
BREAKEND = st.builds(
    lambda t, c, p, form: form.format(t=t, c=c, p=p),
    SEQ,
    st.sampled_from(["2", "chr2", "1", "X"]),
    POS,
    st.sampled_from(["{t}[{c}:{p}[", "{t}]{c}:{p}]", "]{c}:{p}]{t}", "[{c}:{p}[{t}", "{t}.", ".{t}"]),
)
ALT = st.one_of(SEQ, BREAKEND, st.sampled_from(["<DEL>", "<INV>", "<DUP:TANDEM>", "<*>", "<NON_REF>", "*", "."]))
INFO_VALUE = st.text(st.characters(blacklist_characters="\t\n\r;=\x00", blacklist_categories=("Cs",)), max_size=12)
INFO = st.lists(
    st.one_of(
        st.builds(lambda v: f"DP={v}", st.integers(-5, 10**6)),
        st.builds(lambda v: f"SVTYPE={v}", st.sampled_from(["BND", "DEL", "INV", "DUP"])),
        st.builds(lambda v: f"END={v}", POS),
        st.builds(lambda v: f"MATEID={v}", INFO_VALUE),
        st.builds(lambda k, v: f"{k}={v}", st.sampled_from(["XX", "CSQ", "ANN", "BCSQ"]), INFO_VALUE),
    ),
    max_size=4,
).map(lambda kv: ";".join(kv) or ".")
SAMPLE = st.one_of(st.just("0/1:10,3"), st.just("./."), st.just("1|0:."), INFO_VALUE.map(lambda v: v.replace(":", "")))
RECORD = st.builds(
    lambda chrom, pos, ref, alts, info, sample: (
        f"{chrom}\t{pos}\t.\t{ref}\t{','.join(alts)}\t.\tPASS\t{info}\tGT:AD\t{sample}"
    ),
    st.sampled_from(["2", "chr2", "1", "7", "X", "2_random"]),
    POS,
    SEQ,
    st.lists(ALT, min_size=1, max_size=3),
    INFO,
    SAMPLE,
)
GARBAGE = st.text(st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs",)), max_size=60)
LINES = st.lists(st.one_of(RECORD, RECORD, RECORD, GARBAGE), min_size=0, max_size=12)


def _records(path: str) -> list[str] | None:
    try:
        with pysam.VariantFile(path) as vf:
            return [str(r) for r in vf]
    except Exception:  # noqa: BLE001 - htslib cannot read it all
        return None


def _strip(line: str) -> str:
    f = line.rstrip("\n").split("\t")
    f[7] = ";".join(kv for kv in f[7].split(";") if not kv.startswith("ALK_")) or "."
    return "\t".join(f)


@FUZZ
@given(lines=LINES, build=st.sampled_from(["auto", "GRCh37", "GRCh38"]), sort=st.booleans())
def test_fuzzed_vcf_records_are_kept_or_rejected(lines, build, sort):
    _within_budget()
    if sort:
        lines = sorted(lines)
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "in.vcf"), Path(tmp, "out.vcf")
        src.write_text(HEADER + "".join(l + "\n" for l in lines))
        try:
            annotate_file(AnnotateOptions(input_path=str(src), output_path=str(out), build=build))
        except InputError as exc:
            assert str(src) in str(exc)
            assert not out.exists()
            return
        expected, got = _records(str(src)), _records(str(out))
        assert expected is not None, "alkannot succeeded on a file htslib cannot read"
        assert got is not None and [_strip(l) for l in got] == [_strip(l) for l in expected]


SV_INFO = st.dictionaries(
    st.sampled_from(
        ["SVTYPE", "END", "CHR2", "POS2", "CT", "MATEID", "EVENT", "STRANDS", "SVLEN", "PE", "SR", "INV3", "INV5"]
    ),
    st.one_of(
        st.integers(-10, 10**9),
        INFO_VALUE,
        st.sampled_from(["3to5", "5to5", "+-", "--", "BND"]),
        st.tuples(INFO_VALUE),
        st.booleans(),
    ),
    max_size=5,
)
SV_RECORD = st.builds(
    lambda i, chrom, pos, alts, info, fmt: SvRecord(
        i, "fuzz", chrom, pos, f"id{i}", "N", tuple(alts), info, "PASS", {"T": fmt}
    ),
    st.integers(0, 50),
    st.sampled_from(["2", "chr2", "1", "X", "weird"]),
    POS,
    st.lists(st.one_of(BREAKEND, ALT, GARBAGE), min_size=1, max_size=2),
    SV_INFO,
    st.dictionaries(
        st.sampled_from(["PR", "SR", "GT", "DV", "RV"]),
        st.one_of(st.tuples(st.integers(-3, 99), st.integers(-3, 99)), st.integers(-3, 99), INFO_VALUE, st.none()),
        max_size=3,
    ),
)


@FUZZ
@given(records=st.lists(SV_RECORD, max_size=8), build=st.sampled_from(["GRCh37", "GRCh38"]))
def test_fuzzed_breakends_never_crash_fusion_detection(records, build):
    _within_budget()
    unique = list({(r.source, r.index): r for r in records}.values())
    result = detect_fusions(build, unique)
    for (source, index), annotation in result.per_record.items():
        assert annotation.fusion.endswith("::ALK") or annotation.fusion.startswith("ALK::")


ARRIBA = "#gene1\tgene2\tstrand1(gene/fusion)\tstrand2(gene/fusion)\tbreakpoint1\tbreakpoint2\tsplit_reads1\tsplit_reads2\tdiscordant_mates"
STAR = "#FusionName\tJunctionReadCount\tSpanningFragCount\tSpliceType\tLeftGene\tLeftBreakpoint\tRightGene\tRightBreakpoint"
CELL = st.one_of(
    INFO_VALUE,
    st.sampled_from(
        ["EML4", "ALK", "ALK^ENSG00000171094.19", "2:29446394", "chr2:42522656:+", "10", "1e400", "nan", "-", "."]
    ),
)
ROW = st.lists(CELL, min_size=0, max_size=11).map("\t".join)


@FUZZ
@given(
    header=st.sampled_from([ARRIBA, STAR, "", "gene1\tgene2"]),
    rows=st.lists(st.one_of(ROW, GARBAGE), max_size=6),
    raw=st.binary(max_size=20),
)
def test_fuzzed_fusion_tables_parse_or_raise_input_error(header, rows, raw):
    _within_budget()
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp, "fusions.tsv")
        table.write_bytes(("\n".join([header] + rows)).encode() + raw)
        try:
            evidence = read_fusion_table(str(table))
        except InputError as exc:
            assert str(table) in str(exc)
            return
        assert all(isinstance(e.pos1, int) and isinstance(e.pos2, int) for e in evidence)


SHEET_CELL = st.one_of(
    INFO_VALUE,
    st.sampled_from(
        [
            "positive:IHC",
            "negative",
            "crizotinib;alectinib",
            "lorlatinib",
            "positive",
            "3.5",
            "-1",
            "inf",
            "",
            "none",
            "S1",
            "S2",
        ]
    ),
)


@FUZZ
@given(
    delimiter=st.sampled_from(["\t", ","]),
    columns=st.lists(
        st.sampled_from(["sample", "alk_status", "progressed_on", "abcb1_ihc", "abcb1_tpm", "note"]),
        min_size=1,
        max_size=5,
    ),
    rows=st.lists(st.lists(SHEET_CELL, max_size=6), max_size=5),
    garbage=st.lists(GARBAGE, max_size=2),
)
def test_fuzzed_sample_sheets_parse_or_raise_input_error(delimiter, columns, rows, garbage):
    _within_budget()
    samplesheet = pytest.importorskip("alkannot.samplesheet")
    text = "\n".join([delimiter.join(columns)] + [delimiter.join(r) for r in rows] + garbage) + "\n"
    try:
        sheet = samplesheet.parse_sample_sheet(text, "sheet.tsv")
    except InputError as exc:
        assert "sheet.tsv" in str(exc)
        return
    assert all(row.sample for row in sheet.rows.values())
