"""Report outputs through the installed entry point: TSV, JSON (schema), HTML (headless Chromium), MultiQC."""
import csv
import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from alkannot.report.json_report import schema

from helpers import ALKANNOT

ROOT = Path(__file__).parent.parent
EX = ROOT / "example_vcfs"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
MULTIQC = shutil.which("multiqc")


def _annotate(build: str, out: Path) -> subprocess.CompletedProcess:
    folder = EX / build
    return subprocess.run([ALKANNOT, "annotate", str(folder / "tumor_normal.vcf"), "--sv", str(folder / "sv.vcf"),
                           "--fusions", f"P5_T={folder / 'fusions.tsv'}", "--samples", str(EX / "samples.tsv"),
                           "--min-vaf", "0.05", "--report", str(out / "example"), "-o", str(out / "example.vcf.gz")],
                          capture_output=True, text=True)


@pytest.fixture(scope="module", params=["GRCh38", "GRCh37"])
def reported(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"report_{request.param}")
    run = _annotate(request.param, out)
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    return out


def test_tsv_one_row_per_sample(reported):
    with open(reported / "example.tsv", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert [r["sample"] for r in rows] == [f"P{i}_T" for i in range(1, 8)]
    header = (reported / "example.tsv").read_text().splitlines()[0].split("\t")
    for column in ("fusion", "alk_mutations", "mechanism", "pgp_check", "crizotinib", "lorlatinib", "biopsy_site"):
        assert column in header
    for line in (reported / "example.tsv").read_text().splitlines():
        assert len(line.split("\t")) == len(header)
    by = {r["sample"]: r for r in rows}
    assert by["P4_T"]["pgp_check"] == "recommended" and by["P4_T"]["alk_mutations"] == ""
    assert by["P1_T"]["alectinib"] == "resistant" and by["P5_T"]["off_target"].startswith("MET copy_number_gain")


def test_json_validates_against_shipped_schema(reported):
    doc = json.loads((reported / "example.json").read_text())
    jsonschema.validate(doc, schema())
    assert doc["summary"]["pgp_check_recommended"] == ["P4_T", "P5_T", "P7_T"]  # P7: C1156Y only subclonal
    assert doc["summary"]["on_target"] == ["P1_T", "P2_T", "P3_T"]
    assert doc["sources"]["KAT16"]["pmid"] == "26870817"
    broken = dict(doc, samples=[dict(doc["samples"][0], pgp_check="maybe")])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema())


def test_html_is_self_contained_and_escaped(reported):
    html = (reported / "example.html").read_text()
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "stylesheet" not in html and "src=" not in html
    assert "EML4::ALK" in html and "&lt;DUP&gt;" in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_in_headless_chromium(reported, tmp_path):
    page = (reported / "example.html").resolve().as_uri()
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page],
                         capture_output=True, text=True, timeout=120).stdout
    for seen in ("P1_T", "P4_T", "P7_T", "ALK-mutation-negative", "P-gp check recommended",
                 "which P-gp (ABCB1) pumps out", "investigational", "ALK kinase domain", "PMID 26870817"):
        assert seen in dom, seen
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
                    "--window-size=1280,2000", page], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 20_000
    if "GRCh38" in str(reported) and os.environ.get("ALKANNOT_WRITE_SCREENSHOT"):
        shutil.copy(shot, ROOT / "docs" / "report_screenshot.png")


@pytest.mark.skipif(MULTIQC is None, reason="multiqc is not installed")
def test_multiqc_finds_the_alkannot_section(reported, tmp_path):
    run = subprocess.run([MULTIQC, str(reported), "-o", str(tmp_path / "mqc"), "--no-ansi", "-f"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    data = tmp_path / "mqc" / "multiqc_data"
    names = [p.name for p in data.iterdir()]
    assert any("alkannot" in n for n in names), names
    table = next(p for p in data.iterdir() if "alkannot" in p.name and p.suffix in (".txt", ".tsv"))
    text = table.read_text()
    assert "P4_T" in text and "recommended" in text
    assert "alkannot" in (tmp_path / "mqc" / "multiqc_report.html").read_text()


def test_report_command_over_annotated_vcfs(reported, tmp_path):
    run = subprocess.run([ALKANNOT, "report", str(reported / "example.vcf.gz"), "--samples", str(EX / "samples.tsv"),
                          "--min-vaf", "0.05", "--out", str(tmp_path / "cohort")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "alkannot report" not in run.stderr, "no progress bar when stderr is not a terminal"
    doc = json.loads((tmp_path / "cohort.json").read_text())
    jsonschema.validate(doc, schema())
    by = {s["sample"]: s for s in doc["samples"]}
    assert by["P1_T"]["fusion"] == "positive", "taken from the ##alkannotSample line of the annotated VCF"
    assert by["P4_T"]["pgp_check"] == "recommended"
    for suffix in (".tsv", ".json", ".html", "_mqc.tsv"):
        assert (tmp_path / f"cohort{suffix}").exists()


def test_report_several_vcfs(tmp_path):
    run = subprocess.run([ALKANNOT, "report", str(EX / "GRCh38" / "tumor_normal.vcf"),
                          str(EX / "GRCh37" / "tumor_normal.vcf"), "--out", str(tmp_path / "two")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "two.json").read_text())
    assert len(doc["samples"]) == 14 and {i["build"] for i in doc["inputs"]} == {"GRCh37", "GRCh38"}
    assert all(s["fusion"] == "not_assessed" for s in doc["samples"])
