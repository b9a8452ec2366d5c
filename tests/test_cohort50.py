"""A report's HTML and MultiQC section laid out again from its saved PREFIX.json say what the run's did (helper
cohort50, on cohort49b's open item): a per-sample job's JSON carries that the sheet's other rows are expected
(`sheet_rows_not_used_expected`, schema 2.27), so a page re-rendered from it does not say them as a problem."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from helpers import ALKANNOT

from alkannot.report import html, multiqc

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "strelka_pairs"
LINE = '<p class="small sheet-rows-not-used">'


def _run(*args, cwd: Path) -> str:
    done = subprocess.run([ALKANNOT, *map(str, args)], capture_output=True, cwd=cwd, text=True)
    assert done.returncode == 0, done.stderr
    return done.stderr


def _section(page: str) -> str:
    """The summary's line on the sample-sheet rows not used, '' where the page has none."""
    start = page.find(LINE)
    return page[start : page.index("</p>", start) + 4] if start >= 0 else ""


def _relaid(tmp_path: Path, prefix: str) -> tuple[str, str]:
    """The HTML page and MultiQC section laid out again from PREFIX.json alone."""
    doc = json.loads((tmp_path / f"{prefix}.json").read_text(encoding="utf-8"))
    multiqc.write(doc, str(tmp_path / "again_mqc.tsv"))
    return html.render(doc), (tmp_path / "again_mqc.tsv").read_text(encoding="utf-8")


def _cohort(tmp_path: Path) -> None:
    """Two Strelka2 pairs (sample TUMOR in each) and the cohort's sheet: a row for each and one, X9_T, for a patient
    whose VCF is in no run."""
    for name in ("p1.vcf", "p2.vcf"):
        shutil.copy(PAIRS / name, tmp_path / name)
    (tmp_path / "s.tsv").write_text(
        "sample\tsource_vcf\talk_status\tprogressed_on\n"
        "TUMOR\tp1.vcf\tpositive:IHC\tcrizotinib\n"
        "TUMOR\tp2.vcf\tpositive:IHC\talectinib\n"
        "X9_T\t\tpositive:IHC\tcrizotinib\n"
    )


def test_a_per_sample_jobs_page_re_rendered_from_its_json_does_not_say_the_other_patients_rows(tmp_path):
    """`annotate p1.vcf --report` with the cohort's sheet: the run's page leaves the other patients' rows unsaid;
    the JSON lists them and says they are expected, and the page and MultiQC section laid out from that JSON are
    the run's, byte for byte (before schema 2.27 the re-rendered page said "Sample sheet: 2 rows used by no
    sample ...")."""
    _cohort(tmp_path)
    _run("annotate", "p1.vcf", "--samples", "s.tsv", "--report", "r", "-o", "o.vcf", cwd=tmp_path)
    doc = json.loads((tmp_path / "r.json").read_text())
    assert [row["line"] for row in doc["sheet_rows_not_used"]] == [3, 4]
    assert doc["sheet_rows_not_used_expected"] is True and doc["schema_version"] == "2.31"
    live = (tmp_path / "r.html").read_text(encoding="utf-8")
    page, mqc = _relaid(tmp_path, "r")
    assert _section(live) == _section(page) == ""
    assert page == live
    assert mqc == (tmp_path / "r_mqc.tsv").read_text(encoding="utf-8") and "Sample sheet:" not in mqc


def test_a_cohort_jobs_page_re_rendered_from_its_json_says_the_rows_not_used_as_the_run_did(tmp_path):
    """`report p1.vcf p2.vcf` with the sheet: X9_T's row is used by no input and said on the run's page and in its
    MultiQC section; the JSON says it is not expected, and the re-rendered page and section say it alike."""
    _cohort(tmp_path)
    _run("report", "p1.vcf", "p2.vcf", "--samples", "s.tsv", "--out", "c", cwd=tmp_path)
    doc = json.loads((tmp_path / "c.json").read_text())
    assert doc["sheet_rows_not_used"] == [{"sample": "X9_T", "line": 4, "source_vcf": None}]
    assert doc["sheet_rows_not_used_expected"] is False
    live = (tmp_path / "c.html").read_text(encoding="utf-8")
    page, mqc = _relaid(tmp_path, "c")
    assert _section(live) == _section(page) != ""
    assert "Sample sheet: 1 row used by no sample of this report" in _section(page).replace("&#39;", "'")
    assert "X9_T (line 4)" in _section(page)
    assert page == live
    assert mqc == (tmp_path / "c_mqc.tsv").read_text(encoding="utf-8") and "Sample sheet: 1 row(s)" in mqc


def test_without_a_sheet_nothing_is_expected_and_the_page_says_nothing(tmp_path):
    """No --samples: `sheet_rows_not_used` null, `sheet_rows_not_used_expected` false, no line on either page."""
    _cohort(tmp_path)
    _run("report", "p1.vcf", "--out", "n", cwd=tmp_path)
    doc = json.loads((tmp_path / "n.json").read_text())
    assert doc["sheet_rows_not_used"] is None and doc["sheet_rows_not_used_expected"] is False
    page, _ = _relaid(tmp_path, "n")
    assert page == (tmp_path / "n.html").read_text(encoding="utf-8") and LINE not in page


def _annotated_in_folders(tmp_path: Path, source: Path, output: str) -> list[str]:
    """`source` copied to patientN/tumor.vcf and annotated from inside the folder (`cd patientN && alkannot annotate
    tumor.vcf -o OUTPUT`): each output records Input=tumor.vcf. Returns the outputs as the report step gives them."""
    given = []
    for patient in ("patient1", "patient2"):
        (tmp_path / patient).mkdir()
        shutil.copy(source, tmp_path / patient / "tumor.vcf")
        _run("annotate", "tumor.vcf", "-o", output, cwd=tmp_path / patient)
        assert ",Input=tumor.vcf>" in (tmp_path / patient / output).read_text()
        given.append(f"{patient}/{output}")
    return given


def _labels_everywhere(tmp_path: Path, prefix: str) -> list[str]:
    """The labels of the TSV, checked to be those of the JSON and the MultiQC rows."""
    import csv

    with open(tmp_path / f"{prefix}.tsv", newline="", encoding="utf-8") as handle:
        labels = [row["label"] for row in csv.DictReader(handle, delimiter="\t")]
    assert [s["label"] for s in json.loads((tmp_path / f"{prefix}.json").read_text())["samples"]] == labels
    mqc = (tmp_path / f"{prefix}_mqc.tsv").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[0] for line in mqc if not line.startswith(("#", "Sample\t"))] == labels
    return labels


def test_outputs_annotated_inside_each_patients_folder_are_labelled_by_that_folder_and_the_file_read(tmp_path):
    """The example cohort's VCF as patient1/tumor.vcf and patient2/tumor.vcf, each annotated from inside its folder:
    Input=tumor.vcf in both tells them apart nowhere, and the labels were the outputs' `P1_T (patient1/tumor.ann)`;
    they are `P1_T (patient1/tumor)`, the folder that tells the inputs apart and the file each was annotated from, as
    a report of the original files labels them, and no other folder of the absolute path."""
    given = _annotated_in_folders(tmp_path, ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf", "tumor.ann.vcf")
    _run("report", *given, "--out", "r", cwd=tmp_path)
    _run("report", "patient1/tumor.vcf", "patient2/tumor.vcf", "--out", "raw", cwd=tmp_path)
    tumours = [f"P{n}_T" for n in range(1, 8)]
    labels = [f"{t} (patient{p}/tumor)" for p in (1, 2) for t in tumours]
    assert _labels_everywhere(tmp_path, "r") == _labels_everywhere(tmp_path, "raw") == labels
    # the same from another folder, the outputs given by their absolute paths: no more of the path
    _run("report", *(str(tmp_path / g) for g in given), "--out", str(tmp_path / "abs"), cwd=ROOT)
    assert _labels_everywhere(tmp_path, "abs") == labels
    assert not any(tmp_path.name in label or tmp_path.parent.name in label for label in labels)


def test_a_callers_generic_sample_annotated_inside_each_folder_is_labelled_alike(tmp_path):
    """A Strelka2 pair (TUMOR, NORMAL) as patientN/tumor.vcf, annotated inside its folder to tumor.alk.vcf:
    `TUMOR (patient1/tumor)`, where it was `TUMOR (patient1/tumor.alk)`."""
    given = _annotated_in_folders(tmp_path, PAIRS / "p1.vcf", "tumor.alk.vcf")
    _run("report", *given, "--out", "r", cwd=tmp_path)
    assert _labels_everywhere(tmp_path, "r") == ["TUMOR (patient1/tumor)", "TUMOR (patient2/tumor)"]
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "From patient1/tumor.alk.vcf (annotated from tumor.vcf)" in page


def test_per_patient_reports_of_outputs_named_after_their_generic_file_get_apart_in_multiqc(tmp_path):
    """Each patient's output reported on its own (`alkannot report patientN/tumor.alk.vcf --out patientN/alk`), as a
    per-patient pipeline step does: every report labelled its row `TUMOR (tumor.alk)` and MultiQC merged the patients
    into one row. The output named after the file it was annotated from says no more than that file; it is named
    with its folder, `TUMOR (patient1/tumor)`, the label `annotate --report` gives the same run."""
    given = _annotated_in_folders(tmp_path, PAIRS / "p1.vcf", "tumor.alk.vcf")
    rows = []
    for output in given:
        patient = output.split("/")[0]
        _run("report", output, "--out", f"{patient}/alk", cwd=tmp_path)
        _run("annotate", "tumor.vcf", "-o", "again.vcf", "--report", "own", cwd=tmp_path / patient)
        rows.append(_labels_everywhere(tmp_path / patient, "alk"))
        assert _labels_everywhere(tmp_path / patient, "own") == rows[-1]
    assert rows == [["TUMOR (patient1/tumor)"], ["TUMOR (patient2/tumor)"]]


def test_per_run_reports_of_a_generic_file_with_a_further_suffix_get_apart_in_multiqc(tmp_path):
    """results/patientN/tumor.filtered.vcf holding TUMOR, each reported by its own `annotate --report`: every report
    labelled its row `TUMOR (tumor.filtered)` and MultiQC merged the patients into one row, as `TUMOR (tumor)` did
    before stop 49; the run's folder is added, `TUMOR (patient1/tumor.filtered)`. A stem that says more keeps its
    own label (`TUMOR (pA)` for pA.vcf)."""
    rows = []
    for patient in ("patient1", "patient2"):
        (tmp_path / "results" / patient).mkdir(parents=True)
        shutil.copy(PAIRS / "p1.vcf", tmp_path / "results" / patient / "tumor.filtered.vcf")
        _run("annotate", f"results/{patient}/tumor.filtered.vcf", "--report", patient, "-o", f"{patient}.vcf",
             cwd=tmp_path)  # fmt: skip
        rows += _labels_everywhere(tmp_path, patient)
    assert rows == ["TUMOR (patient1/tumor.filtered)", "TUMOR (patient2/tumor.filtered)"]
    shutil.copy(PAIRS / "p1.vcf", tmp_path / "pA.vcf")
    _run("annotate", "pA.vcf", "--report", "a", "-o", "a.vcf", cwd=tmp_path)
    assert _labels_everywhere(tmp_path, "a") == ["TUMOR (pA)"]
