"""Findings of the pipeline review of stop 40 (a helper's probe of flags, streams, errors and outputs), each through
the installed entry point on the bundled example."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import ALKANNOT

EXAMPLE = Path(__file__).resolve().parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


def test_report_on_standard_input_names_it_stdin_in_every_message(tmp_path):
    """Finding 3: `report -` said `-:` in the --min-vaf message and `<stdin>:` in the next one."""
    annotated = tmp_path / "annotated.vcf.gz"
    made = subprocess.run([ALKANNOT, "annotate", EXAMPLE, "--min-vaf", "0.05", "-o", annotated], capture_output=True)
    assert made.returncode == 0, made.stderr
    with annotated.open("rb") as stdin:
        result = subprocess.run(
            [ALKANNOT, "report", "-", "--out", tmp_path / "rep"], stdin=stdin, capture_output=True, text=True
        )
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if line.startswith("alkannot: INFO: ")]
    assert "alkannot: INFO: <stdin>: --min-vaf 0.05, as in the alkannot annotate run that wrote it" in said
    assert not [line for line in said if line.startswith("alkannot: INFO: -:")]
