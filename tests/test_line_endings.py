"""Every input line leaves byte for byte, its own line ending included, whatever the endings of the other lines: a
VCF whose header mixes CRLF and LF lines lost the CRs of its header lines (data records kept theirs). alkannot's own
header lines take the ending of the input's first line. Every output path, through the installed entry point: -o
text, -Oz, -W tbi/csi, stdout, the byte-level pass of a large file (text and BGZF), a second annotation."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pysam
import pytest
from helpers import run

MIXED = Path(__file__).parent / "data" / "line_endings" / "mixed_endings_grch38.vcf"
OURS = re.compile(rb"^##(alkannot|INFO=<ID=ALK_)")


def flipped(data: bytes) -> bytes:
    """`data` with every CRLF line LF and every LF line CRLF: the first line CRLF, the rest still mixed."""
    return b"".join(
        line[:-2] + b"\n" if line.endswith(b"\r\n") else line[:-1] + b"\r\n" for line in data.splitlines(True)
    )


def without_alkannot(data: bytes) -> tuple[bytes, list[bytes]]:
    """The output less alkannot's header lines and INFO entries (a `.` INFO back where only they were), and the
    header lines taken out."""
    kept, ours = [], []
    for line in data.splitlines(True):
        if OURS.match(line):
            ours.append(line)
            continue
        if not line.startswith(b"#") and line.strip():
            body = line.rstrip(b"\r\n")
            fields = body.split(b"\t", 8)
            fields[7] = b";".join(e for e in fields[7].split(b";") if not e.startswith(b"ALK_")) or b"."
            line = b"\t".join(fields) + line[len(body) :]
        kept.append(line)
    return b"".join(kept), ours


def assert_intact(given: bytes, output: bytes) -> bytes:
    """Every input line byte for byte; alkannot's lines (some) with the first line's ending. The output, plain."""
    plain = gzip.decompress(output) if output[:2] == b"\x1f\x8b" else output
    rest, ours = without_alkannot(plain)
    assert rest == given
    ending = b"\r\n" if given.split(b"\n", 1)[0].endswith(b"\r") else b"\n"
    assert len(ours) > 20 and all(line.endswith(ending) and not line.endswith(b"\r\r\n") for line in ours)
    assert plain.count(b"ALK_HGVSP=") == 3
    return plain


@pytest.fixture(params=["lf-first", "crlf-first"])
def mixed(request, tmp_path) -> Path:
    data = MIXED.read_bytes()
    assert b"\r\n" in data and re.search(rb"[^\r]\n", data)  # mixed, header and records alike
    vcf = tmp_path / "mixed.vcf"
    vcf.write_bytes(data if request.param == "lf-first" else flipped(data))
    return vcf


@pytest.mark.parametrize("args", [(), ("-Oz",), ("-Oz", "-W", "tbi"), ("-Oz", "-W", "csi")])
def test_a_mixed_ending_vcf_leaves_byte_for_byte(tmp_path, mixed, args):
    out = tmp_path / ("out.vcf.gz" if args else "out.vcf")
    result = run("-q", "annotate", mixed, "-o", out, *args)
    assert result.returncode == 0, result.stderr
    plain = assert_intact(mixed.read_bytes(), out.read_bytes())
    if "-W" in args:
        with pysam.VariantFile(str(out)) as indexed:
            assert len(list(indexed.fetch("chr2", 29214000, 29221000))) == 3
    again = tmp_path / "again.vcf"  # alkannot's own output annotated again: the same bytes, its command line aside
    assert run("-q", "annotate", out, "-o", again).returncode == 0
    command = re.compile(rb"^##alkannotCommand=.*$", re.M)
    assert command.sub(b"", again.read_bytes()) == command.sub(b"", plain)


def test_a_mixed_ending_vcf_to_stdout(mixed):
    result = run("-q", "annotate", mixed)
    assert result.returncode == 0, result.stderr
    assert_intact(mixed.read_bytes(), result.stdout)


def _large(mixed: Path, target: Path) -> bytes:
    """`mixed` with records enough before its own to pass the byte-level pass's size, their endings alternating."""
    lines = mixed.read_bytes().splitlines(True)
    body = next(i for i, line in enumerate(lines) if line.startswith(b"#CHROM")) + 1
    filler = b"".join(
        b"chr2\t%d\t.\tA\tG\t.\tPASS\tDP=40\tGT:AD:AF:DP\t0/1:30,10:0.25:40\t0/0:40,0:0.02:40%s"
        % (1000 + i, b"\r\n" if i % 3 else b"\n")
        for i in range(16000)
    )
    data = b"".join(lines[:body]) + filler + b"".join(lines[body:])
    target.write_bytes(data)
    from alkannot.scan import FULL_PARSE_BELOW

    assert len(data) > FULL_PARSE_BELOW
    return data


@pytest.mark.parametrize("compressed", [False, True], ids=["text", "bgzf"])
def test_the_byte_level_pass_keeps_each_lines_ending(tmp_path, mixed, compressed):
    vcf = tmp_path / "large.vcf"
    data = _large(mixed, vcf)
    if compressed:
        pysam.tabix_compress(str(vcf), str(vcf) + ".gz")
        vcf = Path(str(vcf) + ".gz")
    out = tmp_path / ("out.vcf.gz" if compressed else "out.vcf")
    result = run("-q", "annotate", vcf, "-o", out)
    assert result.returncode == 0, result.stderr
    assert_intact(data, out.read_bytes())


BLANK = MIXED.with_name("blank_header_lines_grch38.vcf")


@pytest.mark.parametrize("args", [(), ("-Oz",), ("stdout",), ("large",), ("large", "-Oz")])
def test_empty_header_lines_stay_and_the_chrom_line_with_them(tmp_path, args):
    """htslib skips an empty line in the header; alkannot took the first one for the #CHROM line and wrote its own
    lines after it, without the #CHROM line: exit 0, an output no reader reads."""
    given = BLANK.read_bytes()
    assert b"\n\n##" in given and b"\n\r\n#CHROM" in given
    vcf = tmp_path / "blank.vcf"
    if "large" in args:
        given = _large(BLANK, vcf)
        args = args[1:]
    else:
        vcf.write_bytes(given)
    if args == ("stdout",):
        result = run("-q", "annotate", vcf)
        output = result.stdout
    else:
        out = tmp_path / ("out.vcf.gz" if args else "out.vcf")
        result = run("-q", "annotate", vcf, "-o", out, *args)
        output = out.read_bytes() if result.returncode == 0 else b""
    assert result.returncode == 0, result.stderr
    plain = assert_intact(given, output)
    assert plain.count(b"\n#CHROM\t") == 1
    check = tmp_path / "check.vcf"
    check.write_bytes(plain)
    with pysam.VariantFile(str(check)) as written:
        assert list(written.header.samples) == ["P1_T", "P1_N"] and len(list(written)) == len(given.split(b"\nchr")) - 1


@pytest.mark.parametrize("large", [False, True])
def test_an_empty_line_tabix_cannot_index_is_named_with_the_input(tmp_path, large):
    """tabix takes an empty line for a record it cannot read: -W was 'could not index the output (The offending line
    was: "")', naming the output. One line naming the input and what to do, exit 3, nothing left."""
    vcf = tmp_path / "blank.vcf"
    if large:
        _large(BLANK, vcf)
    else:
        vcf.write_bytes(BLANK.read_bytes())
    out = tmp_path / "out.vcf.gz"
    result = run("-q", "annotate", vcf, "-o", out, "-W", text=True)
    assert result.returncode == 3
    assert result.stderr == (
        f"alkannot: error: {vcf}: an empty line, which tabix cannot index: -W cannot index the output {out}; "
        "remove the empty lines first or leave out -W\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blank.vcf"]


@pytest.mark.parametrize("size", ["small", "large"])
@pytest.mark.parametrize("last", ["copied", "edited"])
def test_the_newline_added_after_a_last_line_without_one_is_the_first_lines(tmp_path, size, last):
    """A last record without a line end gains one, as htslib reads it: a CRLF file's was '\\n', the one LF line of
    its output; now the first line's ending, as alkannot's header lines have."""
    crlf = MIXED.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if last == "edited":  # the ALK record last: the edited line is the one that lacks its end
        crlf = crlf[: crlf.rindex(b"chr7\t")]
    vcf = tmp_path / "cut.vcf"
    given = _large(_written(tmp_path / "whole.vcf", crlf), vcf) if size == "large" else crlf
    vcf.write_bytes(given[:-2])
    for args in ((), ("-Oz",)):
        out = tmp_path / ("out.vcf.gz" if args else "out.vcf")
        result = run("-q", "annotate", vcf, "-o", out, *args)
        assert result.returncode == 0, result.stderr
        assert assert_intact(given, out.read_bytes()).endswith(
            b"\t0/0:40,0:0.02:40\r\n" if last == "copied" else b"\r\n"
        )


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
