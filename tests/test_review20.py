"""Review 20's command-line findings, through the installed CLI: bcftools' region options (finding 6), standard
output named `<stdout>` in a write error (finding 7), a bgzip file without its end-of-file block (finding 9) and
hg19/hg38 for --build (finding 13)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, generated_vcf, run

ROOT = Path(__file__).parent.parent
SNVS = Path(__file__).parent / "data" / "alk_snvs_grch37.vcf"
EX38 = ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


# ---------------------------------------------------------------- finding 6: no region options
@pytest.mark.parametrize("command", ["annotate", "report"])
@pytest.mark.parametrize("option", [["--regions", "chr2"], ["--regions=chr2"], ["-r", "chr2"], ["-R", "x.bed"]])
def test_a_region_option_is_a_usage_error_pointing_upstream(tmp_path, command, option):
    """click said "No such option '--regions'. Did you mean '--fusions'?"."""
    extra = ["--out", str(tmp_path / "r")] if command == "report" else ["-o", str(tmp_path / "o.vcf")]
    result = run(command, EX38, *option, *extra, text=True)
    assert result.returncode == 2
    name = option[0].split("=")[0]
    into = "report - --out PREFIX" if command == "report" else "annotate - -Oz -o alk.vcf.gz"  # the command given
    assert result.stderr == (
        f"alkannot: error: No such option '{name}': alkannot has no region options (-r/-R/-t/-T); subset upstream "
        f"and pipe the records in: bcftools view -R regions.bed calls.vcf.gz | alkannot {into} "
        f"(see 'alkannot {command} --help')\n"
    )
    assert not list(tmp_path.iterdir())


def test_another_unknown_option_keeps_clicks_suggestion():
    result = run("annotate", EX38, "--fusion", "x.tsv", text=True)
    assert result.returncode == 2 and "Did you mean" in result.stderr and "'--fusions'" in result.stderr
    assert "region" not in result.stderr, result.stderr


# ---------------------------------------------------------------- finding 7: <stdout>
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("otype", ["v", "z", "b"])
def test_a_write_error_on_standard_output_names_it_stdout(otype):
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [ALKANNOT, "-q", "annotate", str(EX38), "-O", otype], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert result.returncode == 3
    assert result.stderr == "alkannot: error: <stdout>: cannot write output (No space left on device)\n"


# ---------------------------------------------------------------- finding 9: no BGZF end-of-file block
WHOLE = (
    "no BGZF end-of-file block: the file may be truncated (every block is whole, only the 28-byte end-of-file "
    "block is missing; if the copy is complete, compress it again: bgzip -dc FILE | bgzip)"
)


@pytest.fixture
def no_eof(tmp_path) -> Path:
    """The example VCF bgzipped, its last 28 bytes (the end-of-file block) taken off: `bgzip -t` passes."""
    data = subprocess.run(["bgzip", "-c", str(EX38)], capture_output=True, check=True).stdout
    assert data.endswith(bytes.fromhex("1f8b08040000000000ff0600424302001b0003000000000000000000"))
    path = tmp_path / "noeof.vcf.gz"
    path.write_bytes(data[:-28])
    assert subprocess.run(["bgzip", "-t", str(path)], capture_output=True).returncode == 0
    return path


@pytest.mark.parametrize("extra", [[], ["--strict"], ["-Ob"]])
def test_a_bgzip_file_missing_only_its_eof_block_is_refused_saying_so(tmp_path, no_eof, extra):
    out = tmp_path / "out.vcf.gz"
    result = run("-q", "annotate", no_eof, *extra, "-o", out, text=True)
    assert result.returncode == 3
    assert result.stderr == f"alkannot: error: {no_eof}: {WHOLE}\n"
    assert not out.exists()


def test_on_standard_input_too(tmp_path, no_eof):
    result = run("-q", "annotate", "-", "-o", tmp_path / "out.vcf", stdin=no_eof.read_bytes())
    assert result.returncode == 3
    assert result.stderr.decode() == f"alkannot: error: <stdin>: {WHOLE}\n"


def test_a_bgzip_file_cut_inside_a_block_says_where(tmp_path):
    """Cut after whole blocks, inside a later one: the message names the block that is cut short."""
    data = subprocess.run(["bgzip", "-c", str(generated_vcf(tmp_path / "big.vcf", 20000))], capture_output=True).stdout
    starts, at = [], 0
    while at < len(data):  # bgzip's blocks: BSIZE (block size - 1) at bytes 16-17 of each
        starts.append(at)
        at += int.from_bytes(data[at + 16 : at + 18], "little") + 1
    assert len(starts) > 4
    cut = tmp_path / "cut.vcf.gz"
    cut.write_bytes(data[: starts[3] + 100])
    result = run("-q", "annotate", cut, "-o", tmp_path / "out.vcf", text=True)
    assert result.returncode == 3
    assert result.stderr == (
        f"alkannot: error: {cut}: no BGZF end-of-file block: the file may be truncated (cut short in the BGZF "
        f"block at byte {starts[3]})\n"
    )


# ---------------------------------------------------------------- finding 13: hg19/hg38
@pytest.mark.parametrize("given, build", [("hg38", "GRCh38"), ("HG38", "GRCh38"), ("grch38", "GRCh38")])
def test_build_takes_hg38_for_grch38(tmp_path, given, build):
    out = tmp_path / "out.vcf"
    result = run("-q", "annotate", EX38, "--build", given, "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    assert f"##alkannotBuild={build}" in out.read_text()


def test_build_takes_hg19_for_grch37(tmp_path):
    """hg19 is GRCh37: the GRCh38 example's header contradicts it, as it contradicts --build GRCh37."""
    said = {
        b: run("-q", "annotate", EX38, "--build", b, "-o", tmp_path / "o.vcf", text=True) for b in ("hg19", "GRCh37")
    }
    assert said["hg19"].returncode == said["GRCh37"].returncode == 3
    # named as typed since pipe49b (finding 2), else the same message
    assert said["hg19"].stderr == said["GRCh37"].stderr.replace("--build GRCh37", "--build hg19 (GRCh37)")
    assert "--build hg19 (GRCh37) contradicts the header" in said["hg19"].stderr
    grch37 = run("-q", "annotate", SNVS, "--build", "Hg19", text=True)
    assert grch37.returncode == 0 and "##alkannotBuild=GRCh37" in grch37.stdout, grch37.stderr


def test_lookup_and_kb_export_take_the_aliases_and_help_names_them(tmp_path):
    assert (
        run("lookup", "2:29443613C>T", "--build", "hg19", text=True).stdout
        == run("lookup", "2:29443613C>T", "--build", "GRCh37", text=True).stdout
    )
    out = tmp_path / "kb.vcf.gz"
    assert run("-q", "kb", "export", "--format", "vcf", "--build", "hg38", "-o", out).returncode == 0
    header = subprocess.run(["bcftools", "view", "-h", str(out)], capture_output=True, text=True).stdout
    assert "GRCh38" in header
    bad = run("annotate", EX38, "--build", "hg18", text=True)
    assert bad.returncode == 2
    assert "'hg18' is not one of 'auto', 'GRCh37', 'GRCh38', 'hg19', 'hg38'" in bad.stderr
    helped = " ".join(run("annotate", "--help", text=True).stdout.split())
    assert "--build [auto|GRCh37|GRCh38|hg19|hg38] hg19 is GRCh37 and hg38 GRCh38 (any case)." in helped
