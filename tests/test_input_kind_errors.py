"""Errors that name what the input is (pipeline review of stop 30, finding 4): a BAM file, gzip data that is no VCF
and a #CHROM line naming a sample twice each had a misleading reason ("no '#CHROM' header line", "does not have
valid header - is it VCF/BCF format?"). One line, exit 3, no output. Through the installed CLI."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

from helpers import ALKANNOT

EXAMPLE = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


def _refused(tmp_path: Path, path: Path) -> str:
    out = tmp_path / "out.vcf"
    run = subprocess.run([ALKANNOT, "annotate", str(path), "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 3 and not out.exists()
    (line,) = run.stderr.strip().splitlines()
    return line


def test_a_bam_file_is_named(tmp_path):
    bam = tmp_path / "t.bam"  # a BAM's first BGZF block: the magic 'BAM\1', then the header's length and text
    with gzip.open(bam, "wb") as handle:
        handle.write(b"BAM\x01" + (12).to_bytes(4, "little") + b"@HD\tVN:1.6\n\x00" + (0).to_bytes(4, "little"))
    assert _refused(tmp_path, bam) == f"alkannot: error: {bam}: not a VCF/BCF file: a BAM file"


def test_gzip_data_that_is_no_vcf_is_named(tmp_path):
    text = tmp_path / "t.gz"
    text.write_bytes(gzip.compress(b"hello\n"))
    line = _refused(tmp_path, text)
    assert line == f"alkannot: error: {text}:1: not a VCF/BCF file: the first line is not '##fileformat=VCF...'"


def test_a_sample_named_twice_is_named(tmp_path):
    twice = tmp_path / "dup.vcf"
    twice.write_text(EXAMPLE.read_text().replace("\tP2_T\t", "\tP1_T\t"))
    number = next(i for i, x in enumerate(twice.read_text().splitlines(), 1) if x.startswith("#CHROM"))
    said = _refused(tmp_path, twice)
    assert said == f"alkannot: error: {twice}:{number}: the #CHROM line names a sample more than once: 'P1_T' 2 times"


def test_a_headerless_vcf_is_said_to_lack_its_header(tmp_path):
    """A bgzipped file of VCF records without a header (pysam's tabix_data/example.vcf.gz) is a VCF missing its
    header, not 'not a VCF/BCF file' (review of stop 30's change, finding 7)."""
    path = tmp_path / "headerless.vcf.gz"
    path.write_bytes(gzip.compress(b"chr2\t29220747\t.\tC\tT\t50\tPASS\t.\n"))
    line = _refused(tmp_path, path)
    assert line == f"alkannot: error: {path}:1: no '#CHROM' header line before the first record"


def test_compressed_text_whose_first_line_is_a_comment_but_no_fileformat_is_said_as_uncompressed(tmp_path):
    """A gzipped Arriba table (first line '#gene1...') said "line 2: no '#CHROM' header line before the first record",
    and a bgzipped VCF without its ##fileformat line htslib's "cannot read as VCF/BCF (invalid file - is it VCF/BCF
    format?)", where the same text uncompressed says its first line is not ##fileformat (stop 52): now the same line,
    for a file and for standard input."""
    fusions = EXAMPLE.parent / "fusions.tsv"
    no_format = b"".join(x for x in EXAMPLE.read_bytes().splitlines(True) if not x.startswith(b"##fileformat"))
    said = "not a VCF/BCF file: the first line is not '##fileformat=VCF...'"
    for name, data in (("fusions.tsv.gz", fusions.read_bytes()), ("noformat.vcf.gz", no_format)):
        path = tmp_path / name
        path.write_bytes(gzip.compress(data))
        plain = tmp_path / name.removesuffix(".gz")
        plain.write_bytes(data)
        assert _refused(tmp_path, path) == f"alkannot: error: {path}:1: {said}"
        assert _refused(tmp_path, plain) == f"alkannot: error: {plain}:1: {said}"
        piped = subprocess.run(
            [ALKANNOT, "annotate", "-", "-o", str(tmp_path / "out.vcf")], input=path.read_bytes(), capture_output=True
        )
        assert piped.returncode == 3 and piped.stderr.decode().splitlines() == [f"alkannot: error: <stdin>:1: {said}"]
        assert not (tmp_path / "out.vcf").exists()


def test_a_vcf_compressed_with_xz_or_bzip2_is_named_with_the_command_that_reads_it(tmp_path):
    """An xz or bzip2 VCF (an archive's download) said only 'the first line is not ##fileformat=VCF...' (pipeline
    review of stop 43 by h2, finding 9): the compression is named, for a file and for standard input."""
    import bz2
    import lzma

    for name, data, command in (
        ("t.vcf.xz", lzma.compress(EXAMPLE.read_bytes()), "xz -dc"),
        ("t.vcf.bz2", bz2.compress(EXAMPLE.read_bytes()), "bzip2 -dc"),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        kind = command.split()[0]
        reason = f"not a VCF/BCF file: {kind}-compressed data, which htslib does not read (`{command} FILE | bgzip`)"
        assert _refused(tmp_path, path) == f"alkannot: error: {path}:1: {reason}"
        piped = subprocess.run(
            [ALKANNOT, "annotate", "-", "-o", str(tmp_path / "out.vcf")], input=data, capture_output=True
        )
        assert piped.returncode == 3 and piped.stderr.decode().splitlines() == [f"alkannot: error: <stdin>: {reason}"]
        assert not (tmp_path / "out.vcf").exists()


def test_a_compressed_sample_sheet_or_fusion_table_is_named_with_the_command_that_reads_it(tmp_path):
    """A sample sheet or fusion table in xz, bzip2 or gzip said 'not UTF-8 text (byte 0xfd)' (pipeline review of stop
    43 by h2, left open): the compression is named with the command that writes the text out; exit 3, no output."""
    import bz2
    import lzma

    sheet = (EXAMPLE.parent.parent / "samples.tsv").read_bytes()
    table = (EXAMPLE.parent / "fusions.tsv").read_bytes()
    for suffix, compress, command in (
        ("xz", lzma.compress, "xz -dc"),
        ("bz2", bz2.compress, "bzip2 -dc"),
        ("gz", gzip.compress, "gzip -dc"),
    ):
        kind = command.split()[0]
        for option, data, what in (("--samples", sheet, "sample sheet"), ("--fusions", table, "fusion table")):
            path = tmp_path / f"{what.replace(' ', '_')}.tsv.{suffix}"
            path.write_bytes(compress(data))
            value = str(path) if option == "--samples" else f"P5_T={path}"
            out = tmp_path / "out.vcf"
            run = subprocess.run(
                [ALKANNOT, "annotate", str(EXAMPLE), option, value, "-o", str(out)], capture_output=True, text=True
            )
            reason = f"{kind}-compressed data, not a text {what}: decompress it first (`{command} FILE > FILE.tsv`)"
            assert run.returncode == 3 and not out.exists(), run.stderr
            assert run.stderr.strip().splitlines() == [f"alkannot: error: {path}: {reason}"]
    # a sheet that is text with one byte that is not UTF-8 keeps its own message, with its line
    latin = tmp_path / "latin1.tsv"
    latin.write_bytes(sheet.replace(b"P1_T", b"P1_T\xe9", 1))
    run = subprocess.run(
        [ALKANNOT, "annotate", str(EXAMPLE), "--samples", str(latin), "-o", str(tmp_path / "o.vcf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 3 and "not UTF-8 text (byte 0xe9)" in run.stderr
