"""bcftools-compatible compression levels (pipeline review 2026-12-01, finding 2): `-Oz1`, `-O z9`, `-Ob0`,
`-l/--compression-level N`. The level applies to the BGZF blocks alkannot itself writes; a spliced
bgzipped VCF copies every block it does not edit as the input has it. Level 0 is uncompressed BGZF."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pysam
import pytest
from helpers import ALKANNOT, generated_vcf, run

from alkannot import scan
from alkannot.bgzf_blocks import read_blocks


def bgzf_blocks(path: Path) -> list[tuple[bytes, bool]]:
    """(the block's bytes, whether its deflate data is a stored block) for each non-empty BGZF block."""
    data = path.read_bytes()
    found = []
    at = 0
    while at < len(data):
        size = struct.unpack_from("<H", data, at + 16)[0] + 1
        block = data[at : at + size]
        if struct.unpack_from("<I", block, size - 4)[0]:  # ISIZE: the EOF block holds nothing
            found.append((block, block[18] & 0b110 == 0))  # BTYPE 00: stored, no compression
        at += size
    return found


def inflated(path: Path) -> bytes:
    """The uncompressed text without ##alkannotCommand (which names the options and the output)."""
    with path.open("rb") as handle:
        text = b"".join(read_blocks(handle, str(path)))
    return b"".join(line for line in text.splitlines(keepends=True) if not line.startswith(b"##alkannotCommand="))


def records(path: Path) -> list[str]:
    with pysam.VariantFile(str(path)) as vf:
        return [str(rec) for rec in vf]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("levels")
    small = generated_vcf(folder / "small.vcf", 2000)  # parsed record by record
    plain = generated_vcf(folder / "big.vcf", 100000)
    big = folder / "big.vcf.gz"
    pysam.tabix_compress(str(plain), str(big))
    assert big.stat().st_size > scan.FULL_PARSE_BELOW  # large enough for the BGZF splice
    return {"small": small, "big": big}


def annotate(source: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    result = run("annotate", source, "-o", out, *options, text=True)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize("option", [["-Oz1"], ["-O", "z9"], ["-Oz0"], ["-l", "0", "-Oz"], ["--compression-level=9"]])
def test_a_bgzipped_output_takes_the_level_and_holds_the_same_text(inputs, tmp_path, option):
    default = tmp_path / "default.vcf.gz"
    leveled = tmp_path / "leveled.vcf.gz"
    annotate(inputs["small"], default)
    annotate(inputs["small"], leveled, *option)
    assert inflated(leveled) == inflated(default)
    stored = [is_stored for _, is_stored in bgzf_blocks(leveled)]
    assert all(stored) if "0" in "".join(option) else not any(stored)


def test_level_0_writes_uncompressed_blocks_and_matches_bcftools_level_syntax(inputs, tmp_path):
    attached, spaced, option = tmp_path / "a.vcf.gz", tmp_path / "b.vcf.gz", tmp_path / "c.vcf.gz"
    annotate(inputs["small"], attached, "-Oz0")
    annotate(inputs["small"], spaced, "-O", "z0")
    annotate(inputs["small"], option, "-l", "0")
    assert inflated(attached) == inflated(spaced) == inflated(option)
    for out in (attached, spaced, option):
        assert all(is_stored for _, is_stored in bgzf_blocks(out))
        assert out.stat().st_size > inputs["small"].stat().st_size  # nothing compressed


def test_the_splice_re_encodes_at_the_level_and_copies_the_other_blocks(inputs, tmp_path):
    """Only the header block(s) and blocks holding an edited record are alkannot's: at -Oz0 those are
    stored blocks, and every other block is one of the input's, byte for byte."""
    out = tmp_path / "out.vcf.gz"
    full = tmp_path / "full.vcf.gz"
    annotate(inputs["big"], out, "-Oz0")
    annotate(inputs["big"], full)
    assert inflated(out) == inflated(full)
    source = {block for block, _ in bgzf_blocks(inputs["big"])}
    blocks = bgzf_blocks(out)
    written = [block for block, is_stored in blocks if is_stored]
    copied = [block for block, is_stored in blocks if not is_stored]
    assert 1 <= len(written) < len(blocks) // 10
    assert copied and all(block in source for block in copied)


@pytest.mark.parametrize("option", [["-Ob0"], ["-O", "b9"], ["-Ob", "-l", "1"], ["-Ou"]])
def test_bcf_output_takes_the_level(inputs, tmp_path, option):
    out = tmp_path / "out.bcf"
    default = tmp_path / "default.bcf"
    annotate(inputs["small"], out, *option)
    annotate(inputs["small"], default, "-Ob")
    assert records(out) == records(default)
    if option == ["-Ou"]:
        assert out.read_bytes()[:3] == b"BCF"  # raw, not BGZF
        return
    stored = [is_stored for _, is_stored in bgzf_blocks(out)]
    assert all(stored) if option == ["-Ob0"] else not any(stored)


@pytest.mark.parametrize(
    "option, says",
    [
        (["-Oz10"], "'z10' is not v, z, b or u"),
        (["-Ov1"], "a compression level cannot be set on uncompressed output"),
        (["-O", "u3"], "a compression level cannot be set on uncompressed output"),
        (["-Oz", "-l", "10"], "10 is not a level from 0 to 9"),
        (["-Oz", "-l", "-1"], "-1 is not a level from 0 to 9"),
        (["-l", "3"], "a compression level needs a bgzipped VCF or BCF output"),  # out.vcf: plain text
        (["-Oz1", "-l", "2"], "-O gives compression level 1 and -l gives 2"),
    ],
)
def test_a_bad_level_is_a_one_line_usage_error(inputs, tmp_path, option, says):
    out = tmp_path / "out.vcf"
    result = run("annotate", inputs["small"], "-o", out, *option, text=True)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    assert not out.exists()


def test_help_says_where_the_level_applies():
    result = subprocess.run([ALKANNOT, "annotate", "--help"], capture_output=True, text=True, timeout=60)
    text = " ".join(result.stdout.split())
    assert "-l, --compression-level" in text and "copied as the input has it" in text
