"""A NUL byte inside a record is one exit-3 line naming the file, the record, its line and CHROM:POS, and
saying it is a NUL byte, on every path: small and large files, --strict, standard input, bgzip input, BCF
output (review 20, findings 1 and 2). htslib fails such a record as 'truncated file', which alkannot used to
pass on (and, for bgzip input, turn into 'corrupt ... BGZF block failed its check') although the file is whole.

tests/data/review20/broken/small_nul.vcf (and its bgzip copy, which `bgzip -t` passes) is review 20's reproduction:
4 records, a NUL byte in the QUAL column of record 2 (line 35, chr2:29220747)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import generated_vcf, run

DATA = Path(__file__).parent / "data" / "review20" / "broken"  # not caller fixtures (test_report_schema_callers)
SMALL = DATA / "small_nul.vcf"
REASON = "a NUL byte in the line (not allowed in VCF text; htslib would stop reading the field there)"
SMALL_WHERE = "unreadable record 2 (line 35 (chr2:29220747)): " + REASON


def _one_error(result: subprocess.CompletedProcess, out: Path) -> str:
    assert result.returncode == 3, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert not out.exists()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(out.name)]
    return lines[0]


def test_the_reproduction_bgzip_file_is_valid_bgzip():
    """The message must not blame the compression: the BGZF stream itself is sound."""
    assert subprocess.run(["bgzip", "-t", str(DATA / "small_nul.vcf.gz")]).returncode == 0


@pytest.mark.parametrize("name", ["small_nul.vcf", "small_nul.vcf.gz"])
@pytest.mark.parametrize("extra", [[], ["--strict"], ["-Ob"], ["-Oz"]])
def test_a_nul_byte_in_a_small_file_is_named(tmp_path, name, extra):
    out = tmp_path / "out"
    line = _one_error(run("-q", "annotate", DATA / name, *extra, "-o", out, text=True), out)
    assert line == f"alkannot: error: {DATA / name}: {SMALL_WHERE}"


@pytest.mark.parametrize("name", ["small_nul.vcf", "small_nul.vcf.gz"])
def test_a_nul_byte_on_standard_input_is_named(tmp_path, name):
    out = tmp_path / "out.vcf"
    result = run("-q", "annotate", "-", "-o", out, stdin=(DATA / name).read_bytes())
    result.stderr = result.stderr.decode()
    assert _one_error(result, out) == f"alkannot: error: <stdin>: {SMALL_WHERE}"


@pytest.fixture(scope="module")
def big_nul(tmp_path_factory):
    """A generated 40,000-record file (over 1 MiB: the byte-level path) with a NUL in record 30,000's QUAL
    column, plain and bgzipped; and the record's number, line and CHROM:POS."""
    root = tmp_path_factory.mktemp("bignul")
    lines = generated_vcf(root / "big.vcf", 40000).read_bytes().split(b"\n")
    header = sum(1 for line in lines if line.startswith(b"#"))
    target = header + 29999
    fields = lines[target].split(b"\t")
    fields[5] = b"\x00"
    lines[target] = b"\t".join(fields)
    plain = root / "nul.vcf"
    plain.write_bytes(b"\n".join(lines))
    subprocess.run(["bgzip", "-k", str(plain)], check=True)
    where = f"unreadable record 30000 (line {target + 1} ({fields[0].decode()}:{fields[1].decode()})): {REASON}"
    return plain, where


@pytest.mark.parametrize("compressed", [False, True])
@pytest.mark.parametrize("extra", [[], ["--strict"], ["-Ob"]])
def test_a_nul_byte_in_a_large_file_is_named_alike(tmp_path, big_nul, compressed, extra):
    plain, where = big_nul
    path = Path(f"{plain}.gz") if compressed else plain
    out = tmp_path / "out"
    line = _one_error(run("-q", "annotate", path, *extra, "-o", out, text=True), out)
    assert line == f"alkannot: error: {path}: {where}"


def test_a_nul_byte_in_chrom_is_shown_escaped(tmp_path):
    """The message stays one printable line: a NUL in CHROM is shown as '\\0'."""
    lines = SMALL.read_bytes().split(b"\n")
    lines[34] = b"chr2\x00\t" + lines[34].split(b"\t", 1)[1].replace(b"\t\x00\t", b"\t.\t", 1)
    bad = tmp_path / "chrom_nul.vcf"
    bad.write_bytes(b"\n".join(lines))
    out = tmp_path / "out.vcf"
    line = _one_error(run("-q", "annotate", bad, "-o", out, text=True), out)
    assert "\x00" not in line
    assert line.endswith(f"unreadable record 2 (line 35 (chr2\\0:29220747)): {REASON}"), line
