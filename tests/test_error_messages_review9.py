"""Misleading error messages (review 9): a record htslib cannot parse was called a "truncated file" (pysam's words
for any parse failure), the >1 MiB byte-level path dropped CHROM:POS and the `--sv` path the line; an intact
BCF 2.1 (htsjdk) was "truncated or corrupt" with Python's bytes notation and pysam's mode string (pipeline
review 9, findings 6 and 7; new user review 9, finding 10). Every case is one `alkannot: error:` line, exit 3, the
same on the record-by-record path (small files) and the byte-level path (large ones), through the installed CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pysam
import pytest
from helpers import generated_vcf, run

from alkannot.scan import FULL_PARSE_BELOW

DATA = Path(__file__).resolve().parent / "data"
BCF21 = DATA / "bcf21" / "htsjdk_VcfThatLacksAnIndex.bcf"
EXAMPLE = Path(__file__).resolve().parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"

SHORT = b"chr22\t100\t.\tA\n"  # pipeline review 9, finding 6
BAD_POS = b"chr2\tabc\t.\tC\tT\t.\tPASS\t.\tGT:AD:DP\t0/1:3,4:7\n"  # new user review 9, finding 10
NO_SAMPLE = b"chr2\t200\t.\tC\tT\t.\tPASS\t.\tGT:AD:DP\n"  # FORMAT without the sample column
NEGATIVE_POS = b"chr2\t-1\t.\tC\tT\t.\tPASS\t.\tGT:AD:DP\t0/1:3,4:7\n"  # hts-specs failed_body_pos_002.vcf
REASONS = {
    "short": ("chr22:100", "4 tab-separated columns, the header has 10"),
    "pos": ("chr2:abc", "POS 'abc' is not a number"),
    # was "POS '-1' is not a number" (fresh-eyes review of stop 45, p1)
    "negative_pos": ("chr2:-1", "POS '-1' is negative: a VCF position is a whole number, 0 or more"),
    "no_sample": ("chr2:200", "9 tab-separated columns, the header has 10"),
}
LINES = {"short": SHORT, "pos": BAD_POS, "no_sample": NO_SAMPLE, "negative_pos": NEGATIVE_POS}
BIG_RECORDS = 40000  # benchmarks/make_vcf.py: about 2.6 MB of text


def one_error(result) -> str:
    """The single stderr line of an exit-3 run; no traceback, no Python bytes notation, no pysam mode string."""
    err = result.stderr.decode(errors="replace")
    assert result.returncode == 3, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "b'" not in lines[0] and "mode=" not in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[bytes, list[bytes]]:
    """(header, record lines) of a generated WGS-like VCF with one tumour sample (10 columns)."""
    path = generated_vcf(tmp_path_factory.mktemp("big") / "big.vcf", BIG_RECORDS)
    lines = path.read_bytes().splitlines(keepends=True)
    body = next(i for i, line in enumerate(lines) if not line.startswith(b"#"))
    assert lines[body - 1].count(b"\t") == 9
    return b"".join(lines[:body]), lines[body:]


def with_line(big, directory: Path, size: str, compressed: bool, line: bytes) -> tuple[Path, int, int]:
    """A VCF with `line` after the first records (small: 3 records before it, large: 29,970), bgzipped or not:
    (path, its record number, its line number)."""
    header, records = big
    before = 3 if size == "small" else 29970
    body = records[:before] + [line] + records[before : (10 if size == "small" else None)]
    path = directory / f"{size}.vcf"
    path.write_bytes(header + b"".join(body))
    if compressed:
        pysam.tabix_compress(str(path), f"{path}.gz", force=True)
        path = Path(f"{path}.gz")
    if size == "large" and not compressed:
        assert path.stat().st_size > FULL_PARSE_BELOW  # the byte-level path
    if size == "small":
        assert path.stat().st_size < FULL_PARSE_BELOW  # every record through htslib
    return path, before + 1, header.count(b"\n") + before + 1


@pytest.mark.parametrize("kind", sorted(REASONS))
@pytest.mark.parametrize("compressed", [False, True])
@pytest.mark.parametrize("size", ["small", "large"])
def test_an_unparsable_record_says_what_is_wrong_with_it(tmp_path, big, size, compressed, kind):
    path, record, line = with_line(big, tmp_path, size, compressed, LINES[kind])
    where, reason = REASONS[kind]
    expected = f"alkannot: error: {path}: unreadable record {record} (line {line} ({where})): {reason}"
    assert one_error(run("-q", "annotate", path, "-o", tmp_path / "out.vcf")) == expected
    assert not (tmp_path / "out.vcf").exists()
    assert one_error(run("-q", "report", path, "--out", tmp_path / "rep")) == expected


@pytest.mark.parametrize("kind", sorted(REASONS))
@pytest.mark.parametrize("size", ["small", "large"])
def test_an_unparsable_sv_record_is_named_by_line_and_position(tmp_path, big, size, kind):
    path, record, line = with_line(big, tmp_path, size, False, LINES[kind])
    where, reason = REASONS[kind]
    result = run("-q", "annotate", EXAMPLE, "--sv", path, "-o", tmp_path / "out.vcf")
    assert one_error(result) == (
        f"alkannot: error: {path}: unreadable SV record {record} (line {line} ({where})): {reason}"
    )


def test_a_bgzipped_large_file_goes_through_the_byte_level_path_too(tmp_path):
    """A BGZF input over 1 MiB compressed is scanned block by block: the short record is still named and said."""
    path = generated_vcf(tmp_path / "huge.vcf", 150000)
    lines = path.read_bytes().splitlines(keepends=True)
    at = len(lines) - 100
    path.write_bytes(b"".join(lines[:at] + [SHORT] + lines[at:]))
    pysam.tabix_compress(str(path), f"{path}.gz", force=True)
    gz = Path(f"{path}.gz")
    assert gz.stat().st_size > FULL_PARSE_BELOW
    header = sum(1 for line in lines if line.startswith(b"#"))
    expected = (
        f"alkannot: error: {gz}: unreadable record {at - header + 1} (line {at + 1} (chr22:100)): "
        "4 tab-separated columns, the header has 10"
    )
    assert one_error(run("-q", "annotate", gz, "-o", tmp_path / "out.vcf.gz")) == expected
    assert one_error(run("-q", "report", gz, "--out", tmp_path / "rep")) == expected


@pytest.mark.parametrize("size", ["small", "large"])
def test_a_file_that_ends_mid_record_is_still_called_truncated(tmp_path, big, size):
    """The last line stops inside its FORMAT column, with no newline: the file does end mid-record."""
    header, records = big
    body = records[: 10 if size == "small" else None]
    cut = b"".join(body)[:-20]
    path = tmp_path / f"{size}.vcf"
    path.write_bytes(header + cut)
    last = cut.rsplit(b"\n", 1)[1]
    assert not last.endswith(b"\n") and last.count(b"\t") == 8  # 9 columns
    record = cut.count(b"\n") + 1
    line = header.count(b"\n") + record
    where = last.split(b"\t")[0].decode() + ":" + last.split(b"\t")[1].decode()
    reason = "truncated file: the last line stops after 9 of the header's 10 columns"
    result = run("-q", "annotate", path, "-o", tmp_path / "out.vcf")
    assert one_error(result) == f"alkannot: error: {path}: unreadable record {record} (line {line} ({where})): {reason}"
    result = run("-q", "annotate", EXAMPLE, "--sv", path, "-o", tmp_path / "out.vcf")
    assert one_error(result) == (
        f"alkannot: error: {path}: unreadable SV record {record} (line {line} ({where})): {reason}"
    )


@pytest.mark.parametrize(("size", "compressed"), [("small", False), ("small", True), ("large", False)])
def test_a_file_cut_right_after_its_last_tab_is_called_truncated(tmp_path, big, size, compressed):
    """The last line stops right after its last tab: every column is there, the last one empty. A large text file
    took it with exit 0 (the byte-level pass counts the columns) and wrote an output bcftools cannot read; a small one
    said htslib's 'does not match the number of samples' (pipeline review of stop 43 by h2, finding 4)."""
    header, records = big
    whole = b"".join(records[: 10 if size == "small" else None])
    cut = whole[: whole.rstrip(b"\n").rfind(b"\t") + 1]
    path = tmp_path / f"{size}.vcf"
    path.write_bytes(header + cut)
    if compressed:
        pysam.tabix_compress(str(path), f"{path}.gz", force=True)
        path = Path(f"{path}.gz")
    assert (path.stat().st_size > FULL_PARSE_BELOW) == (size == "large")  # large: the byte-level pass
    last = cut.rsplit(b"\n", 1)[1]
    assert last.endswith(b"\t") and last.count(b"\t") == 9  # 10 columns, the last empty
    record = cut.count(b"\n") + 1
    line = header.count(b"\n") + record
    where = last.split(b"\t")[0].decode() + ":" + last.split(b"\t")[1].decode()
    expected = (
        f"alkannot: error: {path}: unreadable record {record} (line {line} ({where})): truncated file: the last line "
        "ends with a tab, its last column empty"
    )
    for output in ("out.vcf", "out.vcf.gz"):
        assert one_error(run("-q", "annotate", path, "-o", tmp_path / output)) == expected
        assert not (tmp_path / output).exists()
    assert one_error(run("-q", "report", path, "--out", tmp_path / "rep")) == expected


BCF21_REASON = (
    "BCF version 2.1 is not supported (htslib and bcftools read BCF 2.2 only); convert it to VCF with the "
    "htsjdk-based tool that wrote it (GATK or Picard)"
)


def test_the_test_file_is_an_intact_bcf_2_1():
    head = BCF21.read_bytes()[:5]
    assert head == b"BCF\x02\x01"


@pytest.mark.parametrize("compressed", [False, True])
def test_a_bcf_2_1_input_is_named_as_such(tmp_path, compressed):
    path = tmp_path / "in.bcf"
    shutil.copyfile(BCF21, path)
    if compressed:  # BGZF-compressed BCF 2.1: the version is read from the decompressed magic
        pysam.tabix_compress(str(BCF21), str(path), force=True)
        assert path.read_bytes()[:2] == b"\x1f\x8b"
    expected = f"alkannot: error: {path}: {BCF21_REASON}"
    assert one_error(run("-q", "annotate", path, "-o", tmp_path / "out.vcf")) == expected
    assert one_error(run("-q", "report", path, "--out", tmp_path / "rep")) == expected
    result = run("-q", "annotate", EXAMPLE, "--sv", path, "-o", tmp_path / "out.vcf")
    assert one_error(result) == expected
    assert (
        one_error(run("-q", "annotate", "-", stdin=BCF21.read_bytes())) == f"alkannot: error: <stdin>: {BCF21_REASON}"
    )


@pytest.mark.skipif(not shutil.which("bcftools"), reason="bcftools not installed")
def test_bcftools_cannot_read_bcf_2_1_either():
    """The message's claim, checked against the installed bcftools."""
    import subprocess

    result = subprocess.run(["bcftools", "view", "-h", str(BCF21)], capture_output=True, text=True)
    assert result.returncode != 0 and "only BCFv2.2 is supported" in result.stderr


@pytest.mark.parametrize("compressed", [False, True])
def test_a_bcf_without_a_valid_header_has_no_bytes_notation_or_mode(tmp_path, compressed):
    """pysam's "file `b'X'` does not have valid header (mode=`b'r'`)" without Python's notation, the path or mode."""
    path = tmp_path / "bad.bcf"
    data = b"BCF\x02\x02garbage"
    path.write_bytes(data)
    if compressed:
        plain = tmp_path / "plain"
        plain.write_bytes(data)
        pysam.tabix_compress(str(plain), str(path), force=True)
    expected = (
        f"alkannot: error: {path}: corrupt or truncated BCF file (does not have valid header - is it VCF/BCF format?)"
    )
    assert one_error(run("-q", "annotate", path, "-o", tmp_path / "out.vcf")) == expected
    assert one_error(run("-q", "report", path, "--out", tmp_path / "rep")) == expected
