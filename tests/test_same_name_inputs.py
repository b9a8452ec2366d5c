"""One sample name in several inputs (Strelka2's TUMOR in every run; review cohort6, finding 6): the sample sheet's
`source_vcf` column gives each file its own row (the row without one applies elsewhere), and the summaries, the grid
and the MultiQC table label such samples 'NAME (file stem)'; each card keeps a unique id."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from helpers import ALKANNOT, g1202r_vcf

from alkannot.report.view import sample_anchors

SHEET = (
    "sample\tsource_vcf\talk_status\tprogressed_on\n"
    "TUMOR\tpA\tpositive:IHC\tcrizotinib\n"  # the file stem
    "TUMOR\tpB.vcf\tpositive:IHC\talectinib\n"  # the file name
    "TUMOR\t\tpositive:IHC\tlorlatinib\n"  # every other input
    "P1_T\t\tpositive:IHC\tceritinib\n"
)


def _run(tmp_path: Path, sheet: str = SHEET) -> tuple[subprocess.CompletedProcess, Path]:
    vcfs = [
        g1202r_vcf(tmp_path / "pA.vcf", ["TUMOR", "P1_T"]),
        g1202r_vcf(tmp_path / "pB.vcf", ["TUMOR", "P1_T"]),
        g1202r_vcf(tmp_path / "pC.vcf", ["TUMOR", "P2_T"]),
    ]
    (tmp_path / "s.tsv").write_text(sheet)
    out = tmp_path / "r"
    run = subprocess.run(
        [ALKANNOT, "report", *map(str, vcfs), "--samples", str(tmp_path / "s.tsv"), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    return run, out


def test_a_source_vcf_row_applies_to_its_file_and_the_name_only_row_to_the_others(tmp_path):
    run, out = _run(tmp_path)
    assert run.returncode == 0, run.stderr
    doc = json.loads(out.with_suffix(".json").read_text())
    assert [(s["label"], s["sample"], s["progressed_on"]) for s in doc["samples"]] == [
        ("TUMOR (pA)", "TUMOR", ["crizotinib"]),
        ("P1_T (pA)", "P1_T", ["ceritinib"]),
        ("TUMOR (pB)", "TUMOR", ["alectinib"]),
        ("P1_T (pB)", "P1_T", ["ceritinib"]),
        ("TUMOR (pC)", "TUMOR", ["lorlatinib"]),
        ("P2_T", "P2_T", None),
    ]
    boxes = doc["summary"]["mechanism"]
    assert sorted(label for names in boxes.values() for label in names) == sorted(s["label"] for s in doc["samples"])
    assert boxes["on_target"] == ["TUMOR (pA)", "P1_T (pA)", "TUMOR (pB)", "P1_T (pB)", "P2_T"]
    assert boxes["on_target_possible"] == doc["summary"]["pgp_check_low_yield"] == ["TUMOR (pC)"]  # after lorlatinib
    a, b, c = (tmp_path / f"{stem}.vcf" for stem in ("pA", "pB", "pC"))
    # TUMOR takes a row of its own in each file (pA's, pB's, and the row without source_vcf for pC): told apart by the
    # sheet, no warning (cohort49b); P1_T takes the one row without source_vcf in pA and pB: one patient's history
    # for both, said
    assert (
        f"sample P1_T appears in {a} and {b}; reported once per input (a sample sheet row applies to every input "
        "unless its source_vcf column names the file); where the inputs hold one tumour's calls (e.g. SNVs and "
        "indels), join them first for one row: bcftools concat -a A.vcf.gz B.vcf.gz -Oz -o joined.vcf.gz"
    ) in run.stderr
    assert run.stderr.count("reported once per input") == 1 and "sample TUMOR appears" not in run.stderr
    mqc = [line.split("\t")[0] for line in out.with_name("r_mqc.tsv").read_text().splitlines() if line[0] != "#"]
    assert mqc == ["Sample"] + [s["label"] for s in doc["samples"]]


def test_the_html_grid_and_summary_boxes_use_the_labels_and_cards_keep_unique_ids(tmp_path):
    run, out = _run(tmp_path)
    assert run.returncode == 0, run.stderr
    html = out.with_suffix(".html").read_text()
    grid = html[html.index('id="grid"') : html.index('id="kinase-map"')]
    assert re.findall(r'text-anchor="end">([^<]+)</text>', grid) == [
        "TUMOR (pA)",
        "P1_T (pA)",
        "TUMOR (pB)",
        "P1_T (pB)",
        "TUMOR (pC)",
        "P2_T",
    ]
    summary = html[html.index('id="summary"') : html.index('id="cohort-table"')]
    assert re.findall(r'<div class="small">([^<—]+)</div>', summary) == [
        # P2_T has no history: on-target if it progressed (clinical read of stop 43, finding 6); no --min-vaf: each
        # on-target mutation counted at any allele fraction, 'if clonal' (rev49, finding 1)
        "TUMOR (pA; if clonal: no clonality cut-off set), P1_T (pA; if clonal: no clonality cut-off set), "
        "TUMOR (pB; if clonal: no clonality cut-off set), P1_T (pB; if clonal: no clonality cut-off set), "
        "P2_T (if progressed: treatment history unknown; if clonal: no clonality cut-off set)",
        "TUMOR (pC)",
        "TUMOR (pC)",
        "P2_T",  # no history: G1202R does not explain every drug after which the check is recommended (stop 40)
        "TUMOR (pA), P1_T (pA), TUMOR (pB), P1_T (pB)",
    ]
    assert re.findall(r'<article class="card" id="([^"]+)"', html) == [
        "s-TUMOR",
        "s-P1_T",
        "s-TUMOR-2",
        "s-P1_T-2",
        "s-TUMOR-3",
        "s-P2_T",
    ]


def test_two_rows_for_one_sample_and_file_are_exit_3(tmp_path):
    run, _ = _run(tmp_path, "sample\tsource_vcf\nTUMOR\tpA\nTUMOR\tpA\n")
    assert run.returncode == 3
    assert "s.tsv:3: sample 'TUMOR' with source_vcf 'pA' appears twice (first on line 2)" in run.stderr


def test_card_ids_stay_unique_when_a_sample_is_named_like_a_numbered_duplicate():
    samples = [{"sample": n} for n in ("TUMOR", "TUMOR", "TUMOR-2", "Patient 20 T", "Pátiënt ✓")]
    assert sample_anchors(samples) == [
        "s-TUMOR",
        "s-TUMOR-3",
        "s-TUMOR-2",
        "s-Patient%2020%20T",
        "s-P%C3%A1ti%C3%ABnt%20%E2%9C%93",
    ]


def test_a_source_vcf_that_names_no_input_is_said(tmp_path):
    run, out = _run(tmp_path, "sample\tsource_vcf\tprogressed_on\nTUMOR\tpD\tcrizotinib\nTUMOR\tpA\talectinib\n")
    assert run.returncode == 0, run.stderr
    assert (
        f"alkannot: WARNING: {tmp_path / 's.tsv'}:2: source_vcf 'pD' names no input of this run (an input is "
        "named by its path, the end of its path (P1/tumor.vcf.gz), its file name or that without "
        ".vcf/.vcf.gz/.bcf/.maf; an annotated output also by those of the file it was annotated from); the row is not "
        "used"
    ) in run.stderr.splitlines()
    assert "'pA'" not in run.stderr
    doc = json.loads(out.with_suffix(".json").read_text())
    assert [s["progressed_on"] for s in doc["samples"] if s["sample"] == "TUMOR"] == [["alectinib"], None, None]


def test_a_relative_source_vcf_is_read_from_the_sheets_folder_too(tmp_path):
    """A sheet kept beside its VCFs names them as it sees them ('calls/pA.vcf'); the run starts elsewhere."""
    project = tmp_path / "project"
    (project / "calls").mkdir(parents=True)
    vcfs = [g1202r_vcf(project / "calls" / "pA.vcf", ["TUMOR"]), g1202r_vcf(project / "calls" / "pB.vcf", ["TUMOR"])]
    (project / "s.tsv").write_text(
        "sample\tsource_vcf\tprogressed_on\nTUMOR\tcalls/pA.vcf\tcrizotinib\nTUMOR\tcalls/pB.vcf\talectinib\n"
    )
    elsewhere = tmp_path / "run"
    elsewhere.mkdir()
    run = subprocess.run(
        [ALKANNOT, "report", *map(str, vcfs), "--samples", str(project / "s.tsv"), "--out", "r"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
    )
    assert run.returncode == 0, run.stderr
    assert "names no input" not in run.stderr
    doc = json.loads((elsewhere / "r.json").read_text())
    assert [(s["label"], s["progressed_on"]) for s in doc["samples"]] == [
        ("TUMOR (pA)", ["crizotinib"]),
        ("TUMOR (pB)", ["alectinib"]),
    ]


def test_source_vcf_dash_names_standard_input(tmp_path):
    """A pipeline streaming the VCF into `annotate -` names it `-` in the sheet, as on the command line: that row is
    the input's, not the row of another file (review of stop 33, left item: no source_vcf could name stdin)."""
    vcf = g1202r_vcf(tmp_path / "pA.vcf", ["TUMOR"])
    sheet = tmp_path / "s.tsv"
    sheet.write_text(
        "sample\tsource_vcf\talk_status\tprogressed_on\n"
        "TUMOR\tother.vcf\tpositive:IHC\tcrizotinib\n"
        "TUMOR\t-\tpositive:IHC\talectinib\n"
    )
    out = tmp_path / "r"
    run = subprocess.run(
        [ALKANNOT, "annotate", "-", "--samples", str(sheet), "--report", str(out), "-o", str(tmp_path / "o.vcf")],
        input=vcf.read_text(),
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (sample,) = json.loads(out.with_suffix(".json").read_text())["samples"]
    assert sample["progressed_on"] == ["alectinib"]


def test_the_names_two_inputs_share_are_said_in_one_warning(tmp_path):
    """A cohort in two files (here the example on both builds, P1_T ... P7_T in each): one warning names the seven
    samples and the two files, where it repeated its two-line advice once per sample (fresh-eyes review rev46)."""
    ex = Path(__file__).resolve().parent.parent / "example_vcfs"
    a, b = ex / "GRCh38" / "tumor_normal.vcf", ex / "GRCh37" / "tumor_normal.vcf"
    run = subprocess.run(
        [ALKANNOT, "report", str(a), str(b), "--out", str(tmp_path / "r")], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    warned = [line for line in run.stderr.splitlines() if "reported once per input" in line]
    assert len(warned) == 1, run.stderr
    assert warned[0].startswith(
        f"alkannot: WARNING: 7 samples (P1_T, P2_T, P3_T, P4_T, P5_T, P6_T, P7_T) appear in {a} and {b}; "
    )
    doc = json.loads((tmp_path / "r.json").read_text())
    assert len(doc["samples"]) == 14  # both files' rows are still reported
