"""Per-sample runs in a pipeline (one `--report` per tumour, as the Snakemake wrapper and the Nextflow module
produce them) merge into one MultiQC table: real MultiQC reads every PREFIX_mqc.tsv under its search path."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

EX = Path(__file__).parent.parent / "example_vcfs"
MULTIQC = shutil.which("multiqc")


@pytest.mark.skipif(MULTIQC is None, reason="multiqc is not installed")
def test_per_sample_mqc_tables_merge_into_one_multiqc_table(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    for tumour in ("P1_T", "P4_T"):
        subprocess.run(
            [
                ALKANNOT,
                "-q",
                "annotate",
                str(EX / "GRCh38" / "tumor_normal.vcf"),
                "--tumor",
                tumour,
                "--samples",
                str(EX / "samples.tsv"),
                "-o",
                str(results / f"{tumour}.alk.vcf.gz"),
                "--report",
                str(results / f"{tumour}.alk_report"),
            ],
            check=True,
        )
    run = subprocess.run(
        [MULTIQC, str(results), "-o", str(tmp_path / "mqc"), "--no-ansi", "-f"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    table = next((tmp_path / "mqc" / "multiqc_data").glob("multiqc_alkannot*.txt"))
    with open(table, newline="") as handle:
        rows = {r["Sample"]: r for r in csv.DictReader(handle, delimiter="\t")}
    assert set(rows) == {"P1_T", "P4_T"}
    assert rows["P4_T"]["pgp_check"] == "recommended" and rows["P1_T"]["mechanism"] == "on_target"
