"""A fusion call names the file its evidence came from by the file's name; an --sv file or fusion table read through
a descriptor (bash's `<(...)`, /dev/stdin) or standard input is named by its whole path, or `<stdin>`, not by the
last part of the path: `--sv <(zcat sv.vcf.gz)` read "DNA: 63 PR=13 SR=16" and `--sv -` "DNA: - PR=13 SR=16"
(fresh-eyes review of stop 45, p1). Through the installed entry point, on the bundled example."""

from __future__ import annotations

import csv
import shlex
import shutil
import subprocess

import pytest
from helpers import ALKANNOT, EXAMPLES, run

MAIN = EXAMPLES / "GRCh38" / "tumor_normal.vcf"
SV = EXAMPLES / "GRCh38" / "sv.vcf"
FUSIONS = EXAMPLES / "GRCh38" / "fusions.tsv"


def fusion_calls(tsv) -> dict[str, str]:
    with open(tsv, newline="") as handle:
        return {row["sample"]: row["fusion_calls"] for row in csv.DictReader(handle, delimiter="\t")}


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash for <(...)")
def test_process_substitution_is_named_by_its_path(tmp_path):
    command = (
        f"{shlex.quote(ALKANNOT)} -q annotate {shlex.quote(str(MAIN))} --sv <(cat {shlex.quote(str(SV))}) "
        f"--fusions P5_T=<(cat {shlex.quote(str(FUSIONS))}) -o /dev/null --report {shlex.quote(str(tmp_path / 'r'))}"
    )
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    calls = fusion_calls(tmp_path / "r.tsv")
    assert calls["P1_T"].startswith(
        "EML4::ALK v1 [positive; kinase retained; EML4:intron13|ALK:intron19; DNA: /dev/fd/"
    )
    assert calls["P1_T"].endswith(" PR=13 SR=16]")
    assert "; RNA: /dev/fd/" in calls["P5_T"] and calls["P5_T"].endswith("(arriba)]")


def test_standard_input_is_named_as_the_messages_name_it(tmp_path):
    result = run(
        "-q", "annotate", MAIN, "--sv", "-", "-o", "/dev/null", "--report", tmp_path / "r", stdin=SV.read_bytes()
    )
    assert result.returncode == 0, result.stderr
    assert fusion_calls(tmp_path / "r.tsv")["P1_T"] == (
        "EML4::ALK v1 [positive; kinase retained; EML4:intron13|ALK:intron19; DNA: <stdin> PR=13 SR=16]"
    )


def test_a_file_is_still_named_by_its_name(tmp_path):
    result = run("-q", "annotate", MAIN, "--sv", SV, "-o", "/dev/null", "--report", tmp_path / "r")
    assert result.returncode == 0, result.stderr
    assert fusion_calls(tmp_path / "r.tsv")["P1_T"].endswith("; DNA: sv.vcf PR=13 SR=16]")
