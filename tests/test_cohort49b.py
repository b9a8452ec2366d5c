"""A cohort of Strelka2-like runs, each patient's one sample TUMOR in results/patientN/tumor.vcf, annotated and then
reported together with the pipeline's sample sheet (helper cohort49b, on cohort49's findings): the duplicate-name
warning only where the sheet does not tell the inputs apart."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, g1202r_vcf

PATIENTS = ("patient1", "patient2", "patient3")


def _run(*args, cwd: Path, code: int = 0) -> str:
    done = subprocess.run([ALKANNOT, *map(str, args)], capture_output=True, cwd=cwd, text=True)
    assert done.returncode == code, done.stderr
    return done.stderr


def _rows(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}.tsv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture
def annotated(tmp_path: Path) -> list[str]:
    """results/patientN/tumor.vcf annotated to ann/patientN.alk.vcf (no sheet: the report step's sheet decides)."""
    (tmp_path / "ann").mkdir()
    outputs = []
    for patient in PATIENTS:
        (tmp_path / "results" / patient).mkdir(parents=True)
        g1202r_vcf(tmp_path / "results" / patient / "tumor.vcf", ["TUMOR"])
        _run("annotate", f"results/{patient}/tumor.vcf", "-o", f"ann/{patient}.alk.vcf", cwd=tmp_path)
        outputs.append(f"ann/{patient}.alk.vcf")
    return outputs


def _sheet(path: Path, *rows: str) -> Path:
    path.write_text("sample\tsource_vcf\talk_status\tprogressed_on\n" + "".join(f"{row}\n" for row in rows))
    return path


def test_no_duplicate_name_warning_where_every_input_has_its_own_row(tmp_path, annotated):
    """cohort49's finding 1: every TUMOR with its own source_vcf row still drew "sample TUMOR appears in 3 inputs
    (...); reported once per input (...)", noise in a cohort of Strelka2 runs."""
    _sheet(
        tmp_path / "own.tsv",
        "TUMOR\tpatient1/tumor.vcf\tpositive:IHC\tcrizotinib",
        "TUMOR\tpatient2/tumor.vcf\tpositive:IHC\talectinib",
        "TUMOR\tresults/patient3/tumor.vcf\tpositive:FISH\tlorlatinib",
    )
    said = _run("report", *annotated, "--samples", "own.tsv", "--out", "r", cwd=tmp_path)
    assert "appears in" not in said and "not used" not in said, said
    assert [r["progressed_on"] for r in _rows(tmp_path / "r")] == ["crizotinib", "alectinib", "lorlatinib"]
    # the row without source_vcf for the one input no other row names: still told apart
    _sheet(
        tmp_path / "rest.tsv",
        "TUMOR\tpatient1/tumor.vcf\tpositive:IHC\tcrizotinib",
        "TUMOR\tpatient2/tumor.vcf\tpositive:IHC\talectinib",
        "TUMOR\t\tpositive:FISH\tlorlatinib",
    )
    said = _run("report", *annotated, "--samples", "rest.tsv", "--out", "s", cwd=tmp_path)
    assert "appears in" not in said, said


def test_the_warning_names_the_inputs_the_sheet_does_not_tell_apart(tmp_path, annotated):
    """patient2 and patient3 take the one row without source_vcf: one history for two files, said, naming those
    two only; without a sheet nothing tells the three apart."""
    _sheet(
        tmp_path / "part.tsv",
        "TUMOR\tpatient1/tumor.vcf\tpositive:IHC\tcrizotinib",
        "TUMOR\t\tpositive:IHC\talectinib",
    )
    said = _run("report", *annotated, "--samples", "part.tsv", "--out", "r", cwd=tmp_path)
    (line,) = [x for x in said.splitlines() if "appears in" in x]
    assert line.startswith(
        "alkannot: WARNING: sample TUMOR appears in ann/patient2.alk.vcf and ann/patient3.alk.vcf; reported once per "
        "input (a sample sheet row applies to every input unless its source_vcf column names the file)"
    ), line
    said = _run("report", *annotated, "--out", "n", cwd=tmp_path)
    (line,) = [x for x in said.splitlines() if "appears in" in x]
    assert "sample TUMOR appears in 3 inputs (ann/patient1.alk.vcf, ann/patient2.alk.vcf, ann/patient3.alk.vcf)" in line


def test_normals_declared_by_their_inputs_headers_are_not_said_to_come_from_a_sheet(tmp_path):
    """cohort49's finding 4: two Mutect2 pairs annotated without a sheet (##normal_sample declares each normal),
    then merged: bcftools merge keeps the first file's ##normal_sample only, the ##alkannotNormal lines of both. A
    report given a sheet that names the tumours only reports P2_N, and the warning said "its ##alkannotNormal lines
    declare P2_N normal, as the annotate run's sample sheet did", though no sheet was given to that run."""
    for patient in ("P1", "P2"):
        vcf = g1202r_vcf(tmp_path / f"{patient}.vcf", [f"{patient}_T", f"{patient}_N"])
        text = vcf.read_text().replace("#CHROM", f"##tumor_sample={patient}_T\n##normal_sample={patient}_N\n#CHROM")
        vcf.write_text(text.replace("0/1:0.4\t0/1:0.4", "0/1:0.4\t0/0:0"))
        _run("annotate", f"{patient}.vcf", "-o", f"{patient}.alk.vcf.gz", "-W", cwd=tmp_path)
    subprocess.run(
        ["bcftools", "merge", "P1.alk.vcf.gz", "P2.alk.vcf.gz", "-o", "merged.vcf"], cwd=tmp_path, check=True
    )
    _sheet(tmp_path / "t.tsv", "P1_T\t\tpositive:IHC\tcrizotinib", "P2_T\t\tpositive:IHC\talectinib")
    said = _run("report", "merged.vcf", "--samples", "t.tsv", "--out", "r", cwd=tmp_path)
    (line,) = [x for x in said.splitlines() if "##alkannotNormal" in x]
    assert line == (
        "alkannot: WARNING: merged.vcf: its ##alkannotNormal lines, written by the annotate run that made it, declare "
        "P2_N normal; the sample sheet t.tsv does not: reported as patients (role normal in the sheet leaves them out)"
    )
    assert [r["sample"] for r in _rows(tmp_path / "r")] == ["P1_T", "P2_T", "P2_N"]


def test_a_source_vcf_on_another_mount_is_told_how_to_name_the_file(tmp_path, annotated):
    """cohort49's finding 5: outputs annotated from results/patientN/tumor.vcf, a sheet written on another machine
    naming /mnt/x/patientN/tumor.vcf: the folders disagree, so the row names no input (right: it may be another
    file), and the warning said only "names no input of this run (an input is named by its path, file name or ...)".
    It names the end both share and tells the user to write it; written so, the row is used."""
    _sheet(tmp_path / "one.tsv", "TUMOR\t/mnt/x/patient1/tumor.vcf\tpositive:IHC\tcrizotinib", "TUMOR\t\t\t")
    said = _run("report", annotated[0], "--samples", "one.tsv", "--out", "r", cwd=tmp_path)
    assert (
        "alkannot: WARNING: one.tsv:2: source_vcf '/mnt/x/patient1/tumor.vcf' names no input of this run: it shares "
        "only its end, patient1/tumor.vcf, with results/patient1/tumor.vcf, which ann/patient1.alk.vcf's TUMOR was "
        "annotated from (the folders above differ, as on another mount); write 'patient1/tumor.vcf', which names that "
        "file wherever it lies; the row is not used"
    ) in said.splitlines(), said
    # two such rows: the one line listing the rows not used asks for each
    _sheet(
        tmp_path / "two.tsv",
        "TUMOR\t/mnt/x/patient1/tumor.vcf\tpositive:IHC\tcrizotinib",
        "TUMOR\t/mnt/x/patient2/tumor.vcf\tpositive:IHC\talectinib",
        "TUMOR\t/mnt/x/patient9/other.vcf\tpositive:IHC\tceritinib",  # no input's file: nothing to suggest
    )
    said = _run("report", *annotated[:2], "--samples", "two.tsv", "--out", "s", cwd=tmp_path)
    assert (
        "two.tsv: 3 rows name a sample in no input of this run or a source_vcf naming none, not used: TUMOR (line 2, "
        "source_vcf '/mnt/x/patient1/tumor.vcf': did you mean 'patient1/tumor.vcf'?), TUMOR (line 3, source_vcf "
        "'/mnt/x/patient2/tumor.vcf': did you mean 'patient2/tumor.vcf'?), TUMOR (line 4, source_vcf "
        "'/mnt/x/patient9/other.vcf') (an input is named by its path, the end of its path (P1/tumor.vcf.gz), its file "
        "name or that without .vcf/.vcf.gz/.bcf/.maf; an annotated output also by those of the file it was annotated "
        "from)"
    ) in said, said
    assert "only with a source_vcf naming another file; none is used for this input" in said
    # a folder of another patient shares the file name only: another patient's row, as a per-sample job given the
    # cohort's sheet expects it (an INFO count); the row nearly naming this input above is a warning even there
    _sheet(tmp_path / "other.tsv", "TUMOR\t/mnt/x/patient2/tumor.vcf\tpositive:IHC\tcrizotinib", "TUMOR\t\t\t")
    said = _run("report", annotated[0], "--samples", "other.tsv", "--out", "o", cwd=tmp_path)
    assert "other.tsv: 1 rows for other samples or files not used" in said and "WARNING: other.tsv" not in said
    # a row naming the output itself on another mount: the end it shares with the input given
    _sheet(tmp_path / "out.tsv", "TUMOR\t/mnt/x/ann/patient1.alk.vcf\tpositive:IHC\tcrizotinib", "TUMOR\t\t\t")
    said = _run("report", annotated[0], "--samples", "out.tsv", "--out", "u", cwd=tmp_path)
    assert (
        "out.tsv:2: source_vcf '/mnt/x/ann/patient1.alk.vcf' names no input of this run: it shares only its end, "
        "ann/patient1.alk.vcf, with the input ann/patient1.alk.vcf (the folders above differ"
    ) in said, said
    # as the warning says: the end of the path names the file
    _sheet(tmp_path / "fixed.tsv", "TUMOR\tpatient1/tumor.vcf\tpositive:IHC\tcrizotinib", "TUMOR\t\t\t")
    said = _run("report", annotated[0], "--samples", "fixed.tsv", "--out", "f", cwd=tmp_path)
    assert "not used" not in said and [r["progressed_on"] for r in _rows(tmp_path / "f")] == ["crizotinib"]


def _labels(prefix: Path) -> list[str]:
    return [r["label"] for r in _rows(prefix)]


def test_labels_of_annotated_outputs_name_the_files_they_were_annotated_from(tmp_path, annotated):
    """cohort49's finding 2: a report of annotated outputs labelled each TUMOR by the output's stem,
    `TUMOR (patient1.alk)`, where the table's source_vcf and the sheet name results/patient1/tumor.vcf. The label is
    read from the file each was annotated from, as a report of the original files labels them: one patient keeps one
    label whichever files are reported, and the label leads to the source_vcf cell."""
    _run("report", *annotated, "--out", "a", cwd=tmp_path)
    _run("report", *(f"results/{p}/tumor.vcf" for p in PATIENTS), "--out", "raw", cwd=tmp_path)
    labels = ["TUMOR (patient1/tumor)", "TUMOR (patient2/tumor)", "TUMOR (patient3/tumor)"]
    assert _labels(tmp_path / "a") == _labels(tmp_path / "raw") == labels
    assert [r["source_vcf"] for r in _rows(tmp_path / "a")] == [f"results/{p}/tumor.vcf" for p in PATIENTS]
    mqc = (tmp_path / "a_mqc.tsv").read_text().splitlines()
    assert [line.split("\t")[0] for line in mqc if not line.startswith("#")][1:] == labels
    html = (tmp_path / "a.html").read_text()
    assert all(f">{label}</a>" in html for label in labels)


def test_labels_fall_back_to_the_files_given_where_the_recorded_paths_do_not_tell_them_apart(tmp_path):
    """Each patient's folder annotated from inside it (`cd patientN && alkannot annotate tumor.vcf`): both record
    Input=tumor.vcf, which tells them apart nowhere, so the outputs' names label them; a caller's own output name
    recorded without a folder (a Nextflow task's staged somatic.snvs.vcf) is no label either: the output's is used,
    where a report of one such output labelled it `TUMOR (somatic.snvs)` in every patient's run."""
    for patient in ("patient1", "patient2"):
        (tmp_path / patient).mkdir()
        g1202r_vcf(tmp_path / patient / "tumor.vcf", ["TUMOR"])
        _run("annotate", "tumor.vcf", "-o", f"../{patient}.alk.vcf", cwd=tmp_path / patient)
        g1202r_vcf(tmp_path / patient / "somatic.snvs.vcf", ["TUMOR"])
        _run("annotate", "somatic.snvs.vcf", "-o", f"../{patient}.snvs.alk.vcf", cwd=tmp_path / patient)
    _run("report", "patient1.alk.vcf", "patient2.alk.vcf", "--out", "r", cwd=tmp_path)
    assert _labels(tmp_path / "r") == ["TUMOR (patient1.alk)", "TUMOR (patient2.alk)"]
    _run("report", "patient1.snvs.alk.vcf", "--out", "one", cwd=tmp_path)
    assert _labels(tmp_path / "one") == ["TUMOR (patient1.snvs.alk)"]


def test_a_callers_output_name_is_labelled_with_its_run_folder_as_the_original_is(tmp_path):
    """Strelka2's results/variants/somatic.snvs.vcf in each patient's run folder, annotated to ann/PNNN.alk.vcf: the
    labels are those a report of the original files gives, `TUMOR (P001/…/somatic.snvs)`."""
    (tmp_path / "ann").mkdir()
    for run_folder in ("P001", "P002"):
        folder = tmp_path / run_folder / "results" / "variants"
        folder.mkdir(parents=True)
        g1202r_vcf(folder / "somatic.snvs.vcf", ["TUMOR", "NORMAL"])
        _run("annotate", f"{run_folder}/results/variants/somatic.snvs.vcf", "-o", f"ann/{run_folder}.alk.vcf",
             cwd=tmp_path)  # fmt: skip
    _run("report", "ann/P001.alk.vcf", "ann/P002.alk.vcf", "--out", "r", cwd=tmp_path)
    assert _labels(tmp_path / "r") == ["TUMOR (P001/…/somatic.snvs)", "TUMOR (P002/…/somatic.snvs)"]
    _run("report", "ann/P001.alk.vcf", "--out", "one", cwd=tmp_path)  # one run's report, as MultiQC merges them
    assert _labels(tmp_path / "one") == ["TUMOR (P001/…/somatic.snvs)"]


def test_sheet_rows_not_used_are_said_in_the_html_multiqc_and_stderr_as_well_as_the_json(tmp_path, annotated):
    """cohort49's finding 3: the rows of patients with no input in the run were only in the JSON (and a warning
    naming ten): the HTML's summary says their number and first ten, the MultiQC section's description their number,
    both pointing to the JSON; the warning, where it cuts the list, names the JSON that holds every one. The TSV keeps
    one row per sample."""
    extra = [f"X{n:02d}_T\t\tpositive:IHC\tcrizotinib" for n in range(12)]  # patients with no VCF in this run
    own = [f"TUMOR\t{p}/tumor.vcf\tpositive:IHC\tcrizotinib" for p in PATIENTS]
    _sheet(tmp_path / "s.tsv", *own, *extra)
    said = _run("report", *annotated, "--samples", "s.tsv", "--out", "r", cwd=tmp_path)
    assert (
        "s.tsv: 12 rows name a sample in no input of this run or a source_vcf naming none, not used: X00_T (line 5), "
        "X01_T (line 6), X02_T (line 7), X03_T (line 8), X04_T (line 9), X05_T (line 10), X06_T (line 11), X07_T (line "
        "12), X08_T (line 13), X09_T (line 14), ...; every one is listed in r.json (sheet_rows_not_used)"
    ) in said, said
    assert len(_rows(tmp_path / "r")) == 3
    html = (tmp_path / "r.html").read_text()
    assert (
        '<p class="small sheet-rows-not-used">Sample sheet: 12 rows used by no sample of this report\'s inputs (a '
        "patient whose VCF is not among them, a name spelt otherwise than in its VCF, or a source_vcf naming no "
        "input): X00_T (line 5), X01_T (line 6), X02_T (line 7), X03_T (line 8), X04_T (line 9), X05_T (line 10), "
        "X06_T (line 11), X07_T (line 12), X08_T (line 13), X09_T (line 14) … and 2 more. The JSON report lists every "
        "one (sheet_rows_not_used).</p>"
    ) in html.replace("&#39;", "'")
    mqc = (tmp_path / "r_mqc.tsv").read_text()
    assert (
        "Sources in the alkannot HTML/JSON report. Sample sheet: 12 row(s) used by no sample of these inputs (a "
        "patient whose VCF is not among them, a name spelt otherwise, a source_vcf naming no input): listed in the "
        "alkannot JSON report (sheet_rows_not_used).'"
    ) in mqc.splitlines()[2]
    # every row used: nothing said
    _run("report", *annotated, "--samples", _sheet(tmp_path / "all.tsv", *own), "--out", "a", cwd=tmp_path)
    assert "sheet-rows-not-used" not in (tmp_path / "a.html").read_text()
    assert "Sample sheet:" not in (tmp_path / "a_mqc.tsv").read_text()


def test_a_per_sample_report_does_not_say_the_other_patients_rows(tmp_path):
    """A per-sample job (`annotate --report`) given the cohort's sheet: the other patients' rows are expected (an
    INFO count), listed in its JSON, and not said on the patient's page or in its MultiQC section, which MultiQC
    merges with every other patient's."""
    g1202r_vcf(tmp_path / "p1.vcf", ["TUMOR"])
    _sheet(tmp_path / "s.tsv", "TUMOR\tp1.vcf\tpositive:IHC\tcrizotinib", "TUMOR\tp2.vcf\tpositive:IHC\talectinib")
    said = _run("annotate", "p1.vcf", "--samples", "s.tsv", "--report", "r", "-o", "o.vcf", cwd=tmp_path)
    assert "s.tsv: 1 rows for other samples or files not used" in said and "sheet_rows_not_used" not in said
    assert [row["line"] for row in json.loads((tmp_path / "r.json").read_text())["sheet_rows_not_used"]] == [3]
    assert "sheet-rows-not-used" not in (tmp_path / "r.html").read_text()
    assert "Sample sheet:" not in (tmp_path / "r_mqc.tsv").read_text()


def test_per_run_reports_of_generic_files_in_patient_folders_get_apart_in_multiqc(tmp_path):
    """results/patientN/tumor.vcf holding TUMOR, each reported by its own `annotate --report`: every per-run report
    labelled its row `TUMOR (tumor)` and MultiQC merged the patients into one row; the file's stem says no more than
    the sample's name, so the run's folder is added, as for a caller's own output name."""
    for patient in ("patient1", "patient2"):
        (tmp_path / "results" / patient).mkdir(parents=True)
        g1202r_vcf(tmp_path / "results" / patient / "tumor.vcf", ["TUMOR"])
        _run("annotate", f"results/{patient}/tumor.vcf", "--report", patient, "-o", f"{patient}.vcf", cwd=tmp_path)
    rows = [
        line.split("\t")[0]
        for patient in ("patient1", "patient2")
        for line in (tmp_path / f"{patient}_mqc.tsv").read_text().splitlines()[1:]
        if not line.startswith(("#", "Sample\t"))
    ]
    assert rows == ["TUMOR (patient1/tumor)", "TUMOR (patient2/tumor)"]
