"""Cohort-table defects of stop 48 (cohort48): the HTML cohort table had no build column where the TSV and JSON
carry one (a cohort report may mix GRCh37 and GRCh38 inputs); a report of annotated outputs could not name the file
each sample came from before annotation (`source_vcf` named the annotated file): annotate records it in each
##alkannotSample line (Input=), a re-annotation keeps the first run's, and the report's `source_vcf` gives it."""

from __future__ import annotations

import csv
import gzip
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from helpers import run

from alkannot.report.json_report import schema

EX = Path(__file__).parent.parent / "example_vcfs"
SHEET = EX / "samples.tsv"


def _tsv(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="") as handle:
        return {row["label"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _html_rows(page: str) -> tuple[list[str], list[list[str]]]:
    """The HTML cohort table's header cells and each row's cells, as text."""
    table = page.split('<section id="cohort-table">', 1)[1].split("</section>", 1)[0]
    header = re.findall(r"<th>(.*?)</th>", table)
    rows = [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r"<tr><td>.*?</tr>", table)
    ]
    return header, rows


def test_the_html_cohort_table_has_the_build_of_each_row_as_the_tsv_does(tmp_path):
    prefix = tmp_path / "mixed"
    done = run(
        "report", EX / "GRCh37" / "tumor_normal.vcf", EX / "GRCh38" / "tumor_normal.vcf", "--samples", SHEET,
        "--out", prefix, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    header, rows = _html_rows((tmp_path / "mixed.html").read_text())
    assert header[:3] == ["Sample", "Build", "Fusion"]
    tsv = _tsv(tmp_path / "mixed.tsv")
    assert len(rows) == len(tsv) == 14
    assert {row[0]: row[1] for row in rows} == {label: row["build"] for label, row in tsv.items()}
    assert {row[1] for row in rows} == {"GRCh37", "GRCh38"}


def _sample_lines(vcf: Path) -> list[str]:
    opener = gzip.open if vcf.suffix == ".gz" else open
    with opener(vcf, "rt") as handle:
        return [line for line in handle if line.startswith("##alkannotSample=")]


@pytest.fixture
def per_sample(tmp_path: Path) -> list[Path]:
    """Two patients' VCFs as a per-sample pipeline has them (P1.vcf, P2.vcf: tumour and normal each)."""
    paths = []
    for n in (1, 2):
        path = tmp_path / "calls" / f"P{n}.vcf"
        path.parent.mkdir(exist_ok=True)
        subprocess.run(
            ["bcftools", "view", "-s", f"P{n}_T,P{n}_N", "-o", str(path), str(EX / "GRCh38" / "tumor_normal.vcf")],
            check=True,
        )
        paths.append(path)
    return paths


def test_annotate_records_the_input_file_name_and_re_annotation_keeps_one(tmp_path, per_sample):
    first, again, quiet = tmp_path / "ann" / "P1.alk.vcf.gz", tmp_path / "P1.again.vcf", tmp_path / "P1.quiet.vcf"
    first.parent.mkdir()
    assert run("annotate", per_sample[0], "--samples", SHEET, "-o", first).returncode == 0
    (line,) = _sample_lines(first)  # the normal P1_N is left out: one patient, one line
    given = str(per_sample[0])  # the path as given (since cohort49; the file name alone before)
    assert line.startswith("##alkannotSample=<ID=P1_T,") and line.endswith(f",Normal=P1_N,Input={given}>\n")
    # a re-annotation (of the bgzipped output, with --no-version too) replaces the line: one Input, the first file's
    assert run("annotate", first, "-o", again).returncode == 0
    assert run("annotate", again, "--no-version", "-o", quiet).returncode == 0
    for output in (again, quiet):
        lines = _sample_lines(output)
        assert len(lines) == 1 and lines[0].count("Input=") == 1 and lines[0].endswith(f",Input={given}>\n"), lines
    # standard input has no file name
    with open(per_sample[0], "rb") as handle:
        streamed = run("annotate", "-", "-o", tmp_path / "s.vcf", stdin=handle.read())
    assert streamed.returncode == 0 and _sample_lines(tmp_path / "s.vcf")[0].endswith(',Input="<stdin>">\n')


def test_a_report_of_annotated_outputs_names_the_file_before_annotation(tmp_path, per_sample):
    annotated = []
    for path in per_sample:
        out = tmp_path / "ann" / f"{path.stem}.alk.vcf.gz"
        out.parent.mkdir(exist_ok=True)
        assert run("annotate", path, "--samples", SHEET, "-o", out).returncode == 0
        annotated.append(out)
    # an output of an alkannot before stop 48 (no Input=): the file given, as before
    old = tmp_path / "old.vcf"
    text = gzip.open(annotated[1], "rt").read()
    old.write_text(re.sub(r",Input=[^>]*>", ">", text))
    prefix = tmp_path / "cohort"
    done = run("report", annotated[0], old, "--out", prefix, text=True)
    assert done.returncode == 0, done.stderr
    rows = _tsv(tmp_path / "cohort.tsv")
    first = str(per_sample[0])
    assert {label: row["source_vcf"] for label, row in rows.items()} == {"P1_T": first, "P2_T": str(old)}
    doc = json.loads((tmp_path / "cohort.json").read_text())
    jsonschema.validate(doc, schema())
    assert [(s["source"], s["annotated_from"]) for s in doc["samples"]] == [
        (str(annotated[0]), first),
        (str(old), None),
    ]
    page = (tmp_path / "cohort.html").read_text()
    assert f"From {annotated[0]} (annotated from {first}) (GRCh38; tumor)" in page
    assert f"From {old} (GRCh38; tumor)" in page


def test_the_input_of_each_sample_survives_bcftools_merge_of_annotated_outputs(tmp_path, per_sample):
    """Input= is on each sample's line, not one line per file: after `bcftools merge` of two per-sample outputs, and a
    re-annotation of the merged file, each patient still names its own file."""
    outputs = []
    for path in per_sample:
        out = tmp_path / f"{path.stem}.alk.vcf.gz"
        assert run("annotate", path, "--samples", SHEET, "-o", out, "-W", "tbi").returncode == 0
        outputs.append(out)
    merged, again = tmp_path / "merged.vcf.gz", tmp_path / "again.vcf"
    subprocess.run(["bcftools", "merge", *map(str, outputs), "-Oz", "-o", str(merged)], check=True)
    assert run("annotate", merged, "-o", again).returncode == 0
    assert [re.search(r"ID=(\w+),.*,Input=([^>]*)>", line).groups() for line in _sample_lines(again)] == [
        ("P1_T", str(per_sample[0])),
        ("P2_T", str(per_sample[1])),
    ]
    assert run("report", merged, "--out", tmp_path / "r").returncode == 0
    assert {label: row["source_vcf"] for label, row in _tsv(tmp_path / "r.tsv").items()} == {
        "P1_T": str(per_sample[0]),
        "P2_T": str(per_sample[1]),
    }
