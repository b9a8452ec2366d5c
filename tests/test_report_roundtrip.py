"""`alkannot report` on an annotated VCF agrees with the ##alkannotSample verdicts the annotate run wrote."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

EX = Path(__file__).parent.parent / "example_vcfs"


def header_verdicts(vcf: Path) -> dict[str, dict[str, str]]:
    text = subprocess.run(["bcftools", "view", "-h", str(vcf)], capture_output=True, text=True, check=True).stdout
    found = {}
    for line in text.splitlines():
        if line.startswith("##alkannotSample=<"):
            items = dict(re.findall(r'(\w+)=("[^"]*"|[^,>]*)', line[len("##alkannotSample=<") :]))
            found[items["ID"]] = {k: v.strip('"') for k, v in items.items()}
    return found


@pytest.mark.parametrize("build", ["GRCh37", "GRCh38"])
def test_report_on_annotated_bcf_matches_its_header(tmp_path, build):
    folder = EX / build
    annotated = tmp_path / "ex.bcf"
    subprocess.run(
        [
            ALKANNOT,
            "-q",
            "annotate",
            folder / "tumor_normal.vcf",
            "--sv",
            folder / "sv.vcf",
            "--fusions",
            f"P5_T={folder / 'fusions.tsv'}",
            "--samples",
            EX / "samples.tsv",
            "--min-vaf",
            "0.05",
            "-o",
            annotated,
        ],
        check=True,
    )
    run = subprocess.run(
        [ALKANNOT, "report", annotated, "--samples", EX / "samples.tsv", "--min-vaf", "0.05", "--out", tmp_path / "r"],
        capture_output=True,
        text=True,
    )
    warnings = [line for line in run.stderr.splitlines() if "WARNING" in line]
    p6 = "no row for 1 reported sample(s): P6_T (their treatment history is unknown)"  # the example's, by design
    p7 = "(no positive alk_status in the sample sheet, no ALK fusion call): P7_T; give each its alk_status"
    assert run.returncode == 0 and len(warnings) == 2 and warnings[0].endswith(p6), run.stderr
    assert p7 in warnings[1], run.stderr  # by design too: P7_T has no ALK status
    recorded = header_verdicts(annotated)
    with open(tmp_path / "r.tsv", newline="") as handle:
        rows = {row["sample"]: row for row in csv.DictReader(handle, delimiter="\t")}
    assert set(rows) == set(recorded)
    for sample, items in recorded.items():
        row = rows[sample]
        assert (row["fusion"], row["mechanism"], row["pgp_check"]) == (
            items["Fusion"],
            items["Mechanism"],
            items["PgpCheck"],
        ), sample
