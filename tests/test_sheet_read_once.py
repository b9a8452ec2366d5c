"""The sample sheet is read once a run, before any VCF: a sheet given as `<(...)` (a pipe, readable once) or as
`--samples -` (standard input) gives the same verdicts as the file itself, for `annotate` (VCF and BCF output)
and for `report` with several inputs. Through the installed entry point."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

from helpers import ALKANNOT, run

EXAMPLES = Path(__file__).resolve().parent.parent / "example_vcfs"
VCF = EXAMPLES / "GRCh38" / "tumor_normal.vcf"
GRCH37 = EXAMPLES / "GRCh37" / "tumor_normal.vcf"
SHEET = EXAMPLES / "samples.tsv"


def _verdicts(prefix: Path) -> dict[str, tuple]:
    samples = json.loads(Path(f"{prefix}.json").read_text())["samples"]
    return {
        s["sample"] + "@" + s["source"]: (s["mechanism"], s["pgp_check"], tuple(s["progressed_on"] or ()))
        for s in samples
    }


def _bash(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """`command` in bash (process substitution), with `alkannot` the entry point under test."""
    return subprocess.run(
        ["bash", "-c", command.replace("alkannot ", shlex.quote(ALKANNOT) + " ", 1)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def _from_file(tmp_path: Path, *inputs: Path, command: str = "annotate") -> dict[str, tuple]:
    prefix = tmp_path / "from_file"
    if command == "annotate":
        result = run("annotate", *inputs, "--samples", SHEET, "-o", tmp_path / "f.vcf", "--report", prefix, text=True)
    else:
        result = run("report", *inputs, "--samples", SHEET, "--out", prefix, text=True)
    assert result.returncode == 0, result.stderr
    return _verdicts(prefix)


def test_annotate_reads_a_sheet_given_as_process_substitution(tmp_path):
    expected = _from_file(tmp_path, VCF)
    assert any(history for _, _, history in expected.values())  # the sheet's histories are used at all
    result = _bash(f"alkannot annotate {VCF} --samples <(cat {SHEET}) -o piped.vcf --report piped", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "empty sample sheet" not in result.stderr
    assert _verdicts(tmp_path / "piped") == expected


def test_bcf_output_reads_a_piped_sheet_once(tmp_path):
    """BCF output may run both passes twice (annotate._bcf_try): the sheet is still read only once."""
    expected = _from_file(tmp_path, VCF)
    result = _bash(f"alkannot annotate {VCF} --samples <(cat {SHEET}) -Ob -o piped.bcf --report piped", tmp_path)
    assert result.returncode == 0, result.stderr
    assert _verdicts(tmp_path / "piped") == expected
    header = subprocess.run(["bcftools", "view", "-h", tmp_path / "piped.bcf"], capture_output=True, text=True)
    assert header.returncode == 0 and "##alkannotSample" in header.stdout


def test_report_over_two_inputs_reads_a_piped_sheet_once(tmp_path):
    expected = _from_file(tmp_path, VCF, GRCH37, command="report")
    assert len(expected) > 7  # both inputs' samples
    result = _bash(f"alkannot report {VCF} {GRCH37} --samples <(cat {SHEET}) --out piped", tmp_path)
    assert result.returncode == 0, result.stderr
    assert _verdicts(tmp_path / "piped") == expected


def test_samples_dash_reads_the_sheet_from_standard_input(tmp_path):
    expected = _from_file(tmp_path, VCF)
    prefix = tmp_path / "stdin"
    result = run(
        "annotate",
        VCF,
        "--samples",
        "-",
        "-o",
        tmp_path / "s.vcf",
        "--report",
        prefix,
        stdin=SHEET.read_text(),
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert _verdicts(prefix) == expected


def test_an_empty_sheet_on_standard_input_is_named(tmp_path):
    result = run("annotate", VCF, "--samples", "-", "-o", tmp_path / "s.vcf", stdin="", text=True)
    assert result.returncode == 3
    assert result.stderr.strip() == "alkannot: error: <stdin>: empty sample sheet (no header row)"
    assert not (tmp_path / "s.vcf").exists()


def test_input_and_sheet_cannot_both_read_standard_input(tmp_path):
    result = run("annotate", "-", "--samples", "-", "-o", tmp_path / "s.vcf", stdin=VCF.read_text(), text=True)
    assert result.returncode == 2
    assert "standard input ('-') is given to INPUT and --samples" in result.stderr
