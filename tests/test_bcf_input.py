"""A large BCF annotated into VCF text is read as the VCF text pysam's bcftools makes of it (alkannot/bcf_input.py):
the output is the record-by-record path's (--strict) byte for byte, and where the conversion or its text fails,
the record-by-record path runs instead. Through the installed entry point, on a generated WGS-like BCF."""

from __future__ import annotations

import errno
import logging
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pysam
import pytest

from alkannot import bcf_input, scan
from alkannot.api import annotate
from tests.helpers import generated_vcf, run

ALK_POSITIONS = ["29209816", "29220747", "29220765"]


@pytest.fixture(scope="module")
def big_bcf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bcf")
    text = generated_vcf(folder / "big.vcf", 70000)
    path = folder / "big.bcf"
    subprocess.run(["bcftools", "view", "--no-version", "-Ob", "-o", str(path), str(text)], check=True)
    assert path.stat().st_size >= scan.FULL_PARSE_BELOW  # large enough to be converted
    return path


def _body(path: Path) -> list[str]:
    """The output's lines but alkannot's command line (which names the output)."""
    with pysam.BGZFile(str(path), "rb") if path.suffix == ".gz" else path.open("rb") as handle:
        data = handle.read()
    return [line for line in data.decode().splitlines() if not line.startswith("##alkannotCommand=")]


def _records(path: Path) -> int:
    out = subprocess.run(["bcftools", "view", "-H", str(path)], capture_output=True, check=True, text=True).stdout
    return len(out.splitlines())


@pytest.mark.parametrize("name", ["out.vcf", "out.vcf.gz"])
def test_big_bcf_read_as_text_gives_the_record_by_record_output(big_bcf, tmp_path, name):
    out, strict = tmp_path / name, tmp_path / f"strict.{name}"
    fast = run("-v", "annotate", big_bcf, "-o", out, text=True)
    assert fast.returncode == 0, fast.stderr
    assert "read as the VCF text bcftools makes of it" in fast.stderr
    slow = run("-v", "annotate", "--strict", big_bcf, "-o", strict, text=True)
    assert slow.returncode == 0, slow.stderr
    assert "bcftools makes of it" not in slow.stderr
    assert _body(out) == _body(strict)
    assert _records(out) == _records(big_bcf) > 60000
    annotated = [line.split("\t")[1] for line in _body(out) if "ALK_HGVSP=" in line]
    assert sorted(annotated) == ALK_POSITIONS


def test_big_bcf_from_standard_input(big_bcf, tmp_path):
    out, direct = tmp_path / "stdin.vcf", tmp_path / "direct.vcf"
    piped = run("-v", "annotate", "-", "-o", out, stdin=big_bcf.read_bytes())
    assert piped.returncode == 0, piped.stderr
    assert b"bcftools makes of it" in piped.stderr
    assert run("annotate", big_bcf, "-o", direct).returncode == 0
    # but for the sample lines' Input= (cohort48), the file read: standard input has no name
    assert _body(out) == [line.replace(f",Input={big_bcf}>", ',Input="<stdin>">') for line in _body(direct)]
    assert any(line.endswith(f",Input={big_bcf}>") for line in _body(direct))


def test_a_string_text_cannot_carry_sends_the_bcf_record_by_record(tmp_path):
    """A tab inside an INFO string (BCF carries it; text splits the record there): the byte-level pass refuses the
    converted text, and the BCF is read record by record, as --strict reads it."""
    vcf = generated_vcf(tmp_path / "in.vcf", 70000)
    header = pysam.VariantFile(str(vcf)).header
    header.add_line('##INFO=<ID=NOTE,Number=1,Type=String,Description="free text">')
    bcf = tmp_path / "tab.bcf"
    with pysam.VariantFile(str(vcf)) as source, pysam.VariantFile(str(bcf), "wb", header=header) as sink:
        for number, record in enumerate(source):
            record.translate(header)
            if number == 30000:
                record.info["NOTE"] = "left\tright"
            sink.write(record)
    out, strict = tmp_path / "out.vcf", tmp_path / "strict.vcf"
    result = run("-v", "annotate", bcf, "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    assert "its VCF text refused" in result.stderr
    assert run("annotate", "--strict", bcf, "-o", strict).returncode == 0
    assert _body(out) == _body(strict)
    said = [line for line in result.stderr.splitlines() if "WARNING" in line or "warning" in line]
    assert len(said) == len(set(said))  # what the first try said is not said twice


def test_truncated_big_bcf_names_the_record_and_writes_nothing(big_bcf, tmp_path):
    cut = tmp_path / "cut.bcf"
    data = big_bcf.read_bytes()
    cut.write_bytes(data[: len(data) * 2 // 3])
    out = tmp_path / "out.vcf"
    result = run("annotate", cut, "-o", out, text=True)
    strict = run("annotate", "--strict", cut, "-o", out, text=True)
    assert result.returncode == strict.returncode == 3, result.stderr
    assert result.stderr.splitlines()[-1] == strict.stderr.splitlines()[-1]
    assert result.stderr.splitlines()[-1].startswith(f"alkannot: error: {cut}")
    assert not out.exists()


def _with_note(vcf: Path, bcf: Path, note: str) -> Path:
    """`vcf` as a BCF whose record just before ALK's G1269A position (chr2:29209816) carries INFO NOTE=`note`."""
    header = pysam.VariantFile(str(vcf)).header
    header.add_line('##INFO=<ID=NOTE,Number=1,Type=String,Description="free text">')
    with pysam.VariantFile(str(vcf)) as source, pysam.VariantFile(str(bcf), "wb", header=header) as sink:
        previous = None
        for record in source:
            record.translate(header)
            if previous is not None:
                if (record.chrom, record.pos) == ("chr2", 29209816):
                    previous.info["NOTE"] = note
                sink.write(previous)
            previous = record
        sink.write(previous)
    return bcf


def test_a_newline_inside_a_string_never_makes_a_record_of_its_own(tmp_path):
    """A newline in a BCF string splits its record in two in text; here both halves have the columns of a record,
    the second one an ALK insertion that is not in the BCF (the BCF review of stop 37, finding 1): the text holds one
    record more than the BCF, so the BCF is read record by record before pass 1 reads any of the text."""
    vcf = generated_vcf(tmp_path / "in.vcf", 70000)
    injected = "x\tGT:AD:DP\t0/1:1,1:2\nchr2\t29209815\t.\tG\tGAGG\t60\tPASS\tDP=200"
    bcf = _with_note(vcf, tmp_path / "newline.bcf", injected)
    out, strict = tmp_path / "out.vcf", tmp_path / "strict.vcf"
    result = run("-v", "annotate", bcf, "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    assert "text records for the BCF's" in result.stderr and "29209815" not in result.stderr
    assert run("annotate", "--strict", bcf, "-o", strict).returncode == 0
    assert _body(out) == _body(strict)


def test_no_room_for_the_text_reads_the_bcf_record_by_record(big_bcf, tmp_path, monkeypatch, caplog):
    """A BCF needs no temporary space record by record: a full $TMPDIR for its VCF text is a warning, not an error
    (the BCF review of stop 37, finding 2)."""

    class Full:
        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self):
            pass

    @contextmanager
    def full_spool(display):
        yield Full(), "/nonexistent/spool"

    monkeypatch.setattr(bcf_input, "anonymous_spool", full_spool)
    out, strict = tmp_path / "out.vcf", tmp_path / "strict.vcf"
    with caplog.at_level(logging.WARNING, logger="alkannot"):
        annotate(str(big_bcf), str(out))
    assert any("no room for its VCF text" in r.getMessage() for r in caplog.records)
    assert run("annotate", "--strict", big_bcf, "-o", strict).returncode == 0
    assert _body(out) == _body(strict)


def test_header_lines_are_counted_before_the_first_record_only():
    """A '#' after a newline inside a record's string is no header line (review of stop 37's change, item 4)."""
    text = b"##fileformat=VCFv4.2\n#CHROM\tPOS\nchr1\t1\tNOTE=a\n#b\nchr1\t2\n"
    for size in (1, 3, 7, len(text)):
        lines = bcf_input._Lines()
        for at in range(0, len(text), size):
            lines.feed(text[at : at + size])
        assert (lines.lines, lines.header, lines.records) == (5, 2, 3)
