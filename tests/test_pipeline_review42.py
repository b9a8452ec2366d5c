"""The pipeline review of stop 42: a `SAMPLE=` of --sv/--fusions that names no sample is exit 3 with one line and no
output, as `--tumor NOPE` is (finding 2: a typo dropped the evidence with exit 0)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

EX = Path(__file__).resolve().parent.parent / "example_vcfs" / "GRCh38"


def _annotate(*args) -> subprocess.CompletedProcess:
    """`alkannot -q annotate` of the example's GRCh38 VCF with `args`, through the installed entry point."""
    return subprocess.run(
        ["alkannot", "-q", "annotate", str(EX / "tumor_normal.vcf"), *map(str, args)], capture_output=True, text=True
    )


@pytest.mark.parametrize(
    "option", [["--fusions", f"P5-T={EX / 'fusions.tsv'}"], ["--sv", f"NOPE={EX / 'sv.vcf'}"], ["--tumor", "NOPE"]]
)
def test_a_name_that_matches_no_sample_is_exit_3_and_writes_nothing(tmp_path, option):
    done = _annotate(*option, "-o", tmp_path / "o.vcf.gz", "--report", tmp_path / "r")
    assert done.returncode == 3, done.stderr
    (line,) = done.stderr.splitlines()
    assert (
        line.startswith(f"alkannot: error: {EX / 'tumor_normal.vcf'}: {option[0]} ") and "(samples: P1_T, P1_N" in line
    )
    assert list(tmp_path.iterdir()) == []


def test_the_right_name_still_reads_the_table(tmp_path):
    out = tmp_path / "o.vcf"
    done = _annotate("--fusions", f"P5_T={EX / 'fusions.tsv'}", "-o", out)
    assert done.returncode == 0, done.stderr
    line = next(x for x in out.read_text().splitlines() if x.startswith("##alkannotSample=<ID=P5_T,"))
    assert "Fusion=positive" in line


def test_annotate_help_names_the_output_a_path_and_gives_the_exit_codes():
    """Finding 8: `-o, --output TEXT` and no exit codes in --help, which pipelines' retry rules key on."""
    done = subprocess.run(["alkannot", "annotate", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "-o, --output PATH" in done.stdout
    said = " ".join(done.stdout.split())
    assert "Exit status: 0 success; 1 internal error (or out of memory); 2 bad usage; 3 bad input data" in said


@pytest.mark.parametrize("command", ["report", "lookup", "kb"])
def test_every_subcommands_help_gives_the_exit_codes(command):
    """Pipeline review of stop 43 by h2, finding 8: only annotate's --help gave the exit codes; kb's `-o` was TEXT, the
    tumour's NAME was TEXT, report's inputs VCFS where README says VCF|MAF."""
    done = subprocess.run(["alkannot", command, "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    said = " ".join(done.stdout.split())
    assert "Exit status: 0 success; 1 internal error (or out of memory); 2 bad usage; 3 bad input data" in said
    assert " TEXT " not in said, said
    if command == "report":
        assert "Usage: alkannot report [OPTIONS] VCF|MAF..." in said and "--tumor NAME" in said
