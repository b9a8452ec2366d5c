"""The patient scenarios of the clinical review of stop 42 (tests/data/stop42_clinical/NAME.in.vcf, .sv.vcf and
.samples.tsv: Mutect2-style tumour/normal, GRCh38, a Manta EML4::ALK v1 pair), run through the installed CLI as a
user runs them; the outputs (JSON, HTML, TSV rows, annotated VCF text) read back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from helpers import run

DATA = Path(__file__).resolve().parent / "data" / "stop42_clinical"


def scenario_outputs(tmp: Path, name: str) -> dict:
    """{'json': the report's document, 'html': its page, 'tsv': its rows, 'vcf': the annotated VCF's text}."""
    prefix = tmp / name
    result = run(
        "annotate",
        DATA / f"{name}.in.vcf",
        "--sv",
        DATA / f"{name}.sv.vcf",
        "--samples",
        DATA / f"{name}.samples.tsv",
        "--report",
        prefix,
        "-o",
        f"{prefix}.vcf",
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with open(f"{prefix}.tsv", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {
        "json": json.loads(Path(f"{prefix}.json").read_text()),
        "html": Path(f"{prefix}.html").read_text(),
        "tsv": rows,
        "vcf": Path(f"{prefix}.vcf").read_text(),
    }
