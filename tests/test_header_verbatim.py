"""A VCF output's header is the input's header lines as written, plus alkannot's (pipeline engineers' review of header
hygiene, stop 52): htslib rewrote some on the way out (an input's PASS description became "All filters passed",
white space was trimmed, IDX= dropped, a structured line's ';' became ',', an unterminated quote closed, lines it
cannot parse dropped). A BCF output keeps htslib's header (BCF's dictionary needs its IDX numbers).

Real small files in tests/data/header52 (PROVENANCE.md); the byte-level paths on a file made large enough for them
from the same header, run through the installed `alkannot`."""

from __future__ import annotations

import gzip
import random
import shutil
import subprocess
from pathlib import Path

import pysam
import pytest
from helpers import run

DATA = Path(__file__).parent / "data" / "header52"
REWRITES = DATA / "header_rewrites_grch38.vcf"  # every rewrite found, vcf-validator refuses it (inner spaces)
KEPT = DATA / "header_kept_grch38.vcf"  # a custom PASS, IDX=, trailing spaces, ';' in a line: vcf-validator accepts
ANNOTATED = DATA / "header_annotated_grch38.vcf"  # REWRITES annotated, then a bcftools line added after alkannot's


def _lines(path: Path) -> list[bytes]:
    data = path.read_bytes()
    return (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).split(b"\n")


def _header(path: Path) -> list[bytes]:
    """The header lines, #CHROM's the last."""
    lines = _lines(path)
    return lines[: next(n for n, line in enumerate(lines) if not line.startswith(b"##")) + 1]


def _ours(line: bytes) -> bool:
    return line.startswith((b"##alkannot", b"##INFO=<ID=ALK_"))


def _annotate(vcf: Path, out: Path, *extra) -> subprocess.CompletedProcess:
    result = run("annotate", vcf, "-o", out, "--no-version", *extra, text=True)
    assert result.returncode == 0, result.stderr
    return result


def _check_verbatim(source: Path, out: Path) -> None:
    """The output's header is the input's lines byte for byte, less an earlier run's, with alkannot's lines (its
    ##INFO definitions, then its ## lines) right before the input's #CHROM line."""
    given, written = _header(source), _header(out)
    assert [line for line in written if not _ours(line)] == [line for line in given if not _ours(line)]
    provenance = [n for n, line in enumerate(written) if line.startswith(b"##alkannot")]
    assert provenance == list(range(len(written) - 1 - len(provenance), len(written) - 1))  # just before #CHROM
    infos = [n for n, line in enumerate(written) if line.startswith(b"##INFO=<ID=ALK_")]
    ids = [written[n].split(b",", 1)[0] for n in infos]
    assert ids and len(ids) == len(set(ids))  # each key defined once
    if not any(_ours(line) for line in given):  # new definitions after the input's lines, before the provenance
        assert infos == list(range(provenance[0] - len(infos), provenance[0]))


@pytest.mark.parametrize("source", [REWRITES, KEPT])
@pytest.mark.parametrize("suffix", ["vcf", "vcf.gz"])
def test_a_vcf_output_keeps_the_inputs_header_lines_as_written(tmp_path, source, suffix):
    out = tmp_path / f"o.{suffix}"
    result = _annotate(source, out)
    _check_verbatim(source, out)
    written = b"\n".join(_header(out))
    assert b'##FILTER=<ID=PASS,Description="Accept as a confident somatic mutation">' in written
    assert b'Description="All filters passed"' not in written  # htslib's own PASS line is not added
    assert b"##contig=<ID=chr2,length=242193529,IDX=0>" in written
    assert b'Description="Approximate read depth; some reads may have been filtered",IDX=3>   \n' in written
    assert b'##vcfProcessLog=<InputVCF="/data/t.vcf";InputVCFSource="Mutect2";InputVCFVer="2.2">' in written
    # the output keeps what htslib would drop or rewrite: nothing to warn about
    assert "not kept as written" not in result.stderr and "dropped" not in result.stderr
    # as bcftools reads it, the output is the BCF output (htslib's header and records) line for line
    bcf = tmp_path / "o.bcf"
    _annotate(source, bcf)
    assert _bcftools_view(out) == _bcftools_view(bcf)


def _bcftools_view(path: Path) -> list[str]:
    text = subprocess.run(["bcftools", "view", path], capture_output=True, text=True, check=True).stdout
    return [line for line in text.splitlines() if not line.startswith("##bcftools_view")]


def test_the_header_lines_htslib_rewrites_are_still_rewritten_in_a_bcf_output_and_said(tmp_path):
    """BCF's header is htslib's: the lines it drops or rewrites are named, as before."""
    result = _annotate(REWRITES, tmp_path / "o.bcf")
    said = [line.split(".vcf:", 1)[1] for line in result.stderr.splitlines() if "not kept as written" in line]
    assert said == [  # white space, IDX= and PASS's description are not named (review of stop 31's change, 4)
        "15: header line not kept as written (htslib drops or rewrites it): "
        '##vcfProcessLog=<InputVCF="/data/t.vcf";InputVCFSource="Mutect2";InputVCFVer=...',
        '16: header line not kept as written (htslib drops or rewrites it): ##StudyTitle=<"ALK cohort, batch 3">',
    ]
    header = subprocess.run(["bcftools", "view", "-h", tmp_path / "o.bcf"], capture_output=True, text=True).stdout
    assert '##FILTER=<ID=PASS,Description="All filters passed">' in header and "StudyTitle" not in header


def test_re_annotation_replaces_alkannots_lines_and_keeps_the_others_in_place(tmp_path):
    first, again = tmp_path / "first.vcf", tmp_path / "again.vcf"
    _annotate(REWRITES, first)
    _annotate(ANNOTATED, again)
    _check_verbatim(ANNOTATED, again)
    written = _header(again)
    # the earlier run's version and command lines are gone (--no-version writes none), a line another tool added
    # after alkannot's stays, before this run's lines
    assert not [line for line in written if line.startswith((b"##alkannotVersion", b"##alkannotCommand"))]
    added = written.index(b"##bcftools_filterCommand=filter -i 'QUAL>0' -o ann.vcf; Date=Sat Dec  5 06:30:00 2026")
    assert added < min(n for n, line in enumerate(written) if line.startswith(b"##alkannot"))
    # the earlier run's definitions of alkannot's keys are replaced where they stand, as htslib's header had them
    definitions = [n for n, line in enumerate(written) if line.startswith(b"##INFO=<ID=ALK_")]
    assert definitions == [n for n, line in enumerate(_header(ANNOTATED)) if line.startswith(b"##INFO=<ID=ALK_")]

    # the same output as the first run's but for that line: alkannot's lines and the records alike (the sample
    # lines' Input= names the file the samples were first annotated from: verdicts.recorded_run)
    def same(path: Path) -> list[bytes]:
        return [line for line in _lines(path) if not line.startswith((b"##bcftools_filter", b"##alkannotSample="))]

    assert same(again) == same(first)
    assert len([line for line in written if line.startswith(b"##alkannotSample=")]) == 9


def test_a_second_definition_is_kept_and_said_as_the_one_the_records_are_not_read_by(tmp_path):
    vcf = tmp_path / "dup.vcf"
    source = KEPT.read_text().splitlines(keepends=True)
    again = '##INFO=<ID=ECNT,Number=1,Type=String,Description="other">\n'
    vcf.write_text("".join(source[:7]) + again + "##weird line no equals\n" + "".join(source[7:]))
    result = _annotate(vcf, tmp_path / "o.vcf")
    assert [line for line in result.stderr.splitlines() if "defined again" in line or "weird" in line] == [
        f"alkannot: WARNING: {vcf}:8: INFO/ECNT is defined again, differently; the records are read by the first "
        "definition (line 5), as htslib reads them; a VCF output keeps both lines as written"
    ]
    _check_verbatim(vcf, tmp_path / "o.vcf")


def test_a_report_run_does_not_say_an_output_keeps_the_lines(tmp_path):
    """`alkannot report` writes no VCF: its warning on a second definition said "the output keeps both lines as
    written" (the run's outputs are a TSV, JSON and HTML); it says what a VCF output does (rev52)."""
    vcf = tmp_path / "dup.vcf"
    source = KEPT.read_text().splitlines(keepends=True)
    again = '##INFO=<ID=ECNT,Number=1,Type=String,Description="other">\n'
    vcf.write_text("".join(source[:7]) + again + "".join(source[7:]))
    result = run("report", vcf, "--out", tmp_path / "r", text=True)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "defined again" in line] == [
        f"alkannot: WARNING: {vcf}:8: INFO/ECNT is defined again, differently; the records are read by the first "
        "definition (line 5), as htslib reads them; a VCF output keeps both lines as written"
    ]


@pytest.mark.skipif(shutil.which("vcf-validator") is None, reason="vcftools' vcf-validator not installed")
def test_vcf_validator_accepts_the_output_where_it_accepts_the_input(tmp_path):
    assert subprocess.run(["vcf-validator", KEPT], capture_output=True).returncode == 0
    _annotate(KEPT, tmp_path / "o.vcf")
    checked = subprocess.run(["vcf-validator", tmp_path / "o.vcf"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("kind", ["tbi", "csi"])
def test_an_index_of_the_output_finds_a_region(tmp_path, kind):
    out = tmp_path / "o.vcf.gz"
    _annotate(REWRITES, out, "-W", kind)
    assert (tmp_path / f"o.vcf.gz.{kind}").exists()
    _check_verbatim(REWRITES, out)
    found = subprocess.run(
        ["bcftools", "view", "-H", "-r", "chr2:29220747", out], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(found) == 1 and "ALK_HGVSP=p.G1202R" in found[0]
    with pysam.TabixFile(str(out), index=f"{out}.{kind}") as tabix:
        assert [row.split("\t")[1] for row in tabix.fetch("chr2", 29220740, 29220770)] == [
            "29220747",
            "29220753",
            "29220759",
            "29220765",
        ]


def _large(path: Path, records: int) -> Path:
    """REWRITES's header and records with `records` more records on chr2 ahead of ALK: large enough on disk for
    the byte-level pass (scan.FULL_PARSE_BELOW), compressed too (random depths)."""
    lines = REWRITES.read_text().splitlines(keepends=True)
    body = next(n for n, line in enumerate(lines) if line.startswith("#CHROM")) + 1
    rng = random.Random(52)
    filler = []
    for n in range(records):
        depths = [rng.randint(20, 900) for _ in range(9)]
        samples = "\t".join(f"0/0:{d},0:0.0:{d}:." for d in depths)
        filler.append(f"chr2\t{1000 + 37 * n}\trs{rng.randint(1, 10**9)}\tA\tG\t.\tPASS\tDP={sum(depths)}\t")
        filler[-1] += f"GT:AD:AF:DP:PS\t{samples}\n"
    path.write_text("".join(lines[:body] + filler + lines[body:]))
    return path


@pytest.mark.parametrize("compressed", [False, True])
def test_the_byte_level_paths_keep_the_header_as_the_small_file_path_does(tmp_path, compressed):
    """A large text input is spliced (only the header and the edited records rewritten), a large BGZF one block by
    block: the header is the input's as written, and the output is the per-record path's (--strict) byte for
    byte."""
    source = _large(tmp_path / "big.vcf", 30_000 if compressed else 6_000)
    if compressed:
        pysam.tabix_compress(str(source), f"{source}.gz")
        source = Path(f"{source}.gz")
    assert source.stat().st_size > 1 << 20  # scan.FULL_PARSE_BELOW: the byte-level pass
    suffix = "vcf.gz" if compressed else "vcf"
    spliced, strict = tmp_path / f"spliced.{suffix}", tmp_path / f"strict.{suffix}"
    result = _annotate(source, spliced, *(("-W", "tbi") if compressed else ()))
    _annotate(source, strict, "--strict")
    _check_verbatim(source, spliced)
    assert _lines(spliced) == _lines(strict)
    assert "not kept as written" not in result.stderr
    if compressed:
        region = subprocess.run(
            ["tabix", spliced, "chr2:29220747-29220747"], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        assert len(region) == 1 and "ALK_HGVSP=p.G1202R" in region[0]


def test_the_contigs_htslib_takes_from_the_inputs_index_stay_declared(tmp_path):
    """htslib declares a contig the header does not from the index beside a bgzipped input (tb.vcf.gz's chr 20):
    the output keeps that line, after the input's lines, so that bcftools can still write it as BCF (bcftools 1.16
    refuses a record of an undeclared contig: exit 255), as it could the indexed input."""
    source = DATA.parent / "corpus47" / "tb.vcf.gz"
    out = tmp_path / "o.vcf"
    _annotate(source, out)
    given = _header(source)
    assert b"##contig" not in b"".join(given)
    assert [line for line in _header(out) if not _ours(line)] == [*given[:-1], b"##contig=<ID=20>", given[-1]]
    converted = subprocess.run(["bcftools", "view", "-Ob", "-o", tmp_path / "o.bcf", out], capture_output=True)
    assert converted.returncode == 0, converted.stderr


@pytest.mark.parametrize("suffix", ["vcf", "vcf.gz"])
def test_a_bgzipped_or_crlf_input_keeps_its_header_lines_too(tmp_path, suffix):
    """A small bgzipped input (read through BGZF on the per-record path) and a CRLF one (every line CRLF, alkannot's
    too, as before)."""
    compressed = tmp_path / "in.vcf.gz"
    pysam.tabix_compress(str(REWRITES), str(compressed))
    out = tmp_path / f"o.{suffix}"
    _annotate(compressed, out)
    _check_verbatim(REWRITES, out)
    crlf = tmp_path / "crlf.vcf"
    crlf.write_bytes(REWRITES.read_bytes().replace(b"\n", b"\r\n"))
    _annotate(crlf, out)
    written = _lines(out)
    assert written[-1] == b"" and all(line.endswith(b"\r") for line in written[:-1])
    given = [line.rstrip(b"\r") for line in _header(crlf)]
    assert [line.rstrip(b"\r") for line in _header(out) if not _ours(line)] == given
