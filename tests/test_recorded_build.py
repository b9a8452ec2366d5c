"""alkannot's own ##alkannotBuild line says the build of its output: `report`, and `annotate` again, read it where the
input had nothing else to tell the build by (no ##contig line: VarScan), so a cohort can hold such a file beside
files of the other build without one --build for all."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run

from alkannot.genome import detect_build

# G1202R at its GRCh37 position, with no ##contig line and no ##reference (written here: a build-less file in
# tests/data would be reported without --build by test_report_schema_callers)
BUILDLESS = (
    "##fileformat=VCFv4.2\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tVS_T\n"
    "2\t29443613\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.31\n"
)


def test_the_recorded_build_is_header_evidence():
    found = detect_build({}, ["##alkannotBuild=GRCh37"])
    assert found.build == "GRCh37" and "an earlier alkannot run" in found.reason
    assert detect_build({}, ["##alkannotBuild=unknown"]).build is None


def test_an_annotated_buildless_file_is_reported_beside_another_build(tmp_path):
    vcf = tmp_path / "varscan_like.vcf"
    vcf.write_text(BUILDLESS)
    annotated = tmp_path / "annotated.vcf"
    done = run("annotate", vcf, "--build", "GRCh37", "-o", annotated, text=True)
    assert done.returncode == 0, done.stderr
    again = run("annotate", annotated, "-o", tmp_path / "again.vcf", text=True)
    assert again.returncode == 0, again.stderr
    grch38 = Path(__file__).parents[1] / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    report = run("report", grch38, annotated, "--out", tmp_path / "cohort", text=True)
    assert report.returncode == 0, report.stderr
    samples = {s["sample"]: s for s in json.loads((tmp_path / "cohort.json").read_text())["samples"]}
    assert samples["VS_T"]["build"] == "GRCh37" and samples["P1_T"]["build"] == "GRCh38"
    assert [m["protein_change"] for m in samples["VS_T"]["alk_mutations"]] == ["G1202R"]


def test_the_recorded_build_is_read_only_where_nothing_else_says_one():
    """A file lifted over after annotation keeps its old ##alkannotBuild beside the new ##contig lines: those decide
    (review of stop 33's change, finding 4: it made the header disagree, exit 3)."""
    lines = ["##contig=<ID=chr2,length=242193529>", "##alkannotBuild=GRCh37"]
    found = detect_build({"chr2": 242193529}, lines)
    assert found.build == "GRCh38" and "alkannot" not in found.reason
