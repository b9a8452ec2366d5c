"""Inputs that share a file name (Strelka2 writes every patient's calls to results/variants/somatic.snvs.vcf.gz;
review 7, findings 3, 4 and 16): each sample's label is unique within the report (the folder that tells the inputs
apart, else a number), a sample sheet's source_vcf names an input by its path however it is spelt, and a
source_vcf that two inputs holding the sample both answer to is exit 3. One stem rule: a sites-only P7.VCF.GZ is
named, labelled and matched as P7."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pysam
from helpers import ALKANNOT

HEADER = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">\n'
)
G1202R = "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/0:0\t0/1:0.4\n"


def _strelka(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNORMAL\tTUMOR\n" + G1202R)
    return path


def _report(tmp_path: Path, *args: str, sheet: str | None = None) -> tuple[subprocess.CompletedProcess, Path]:
    """`alkannot report ARGS` run in tmp_path (the inputs' relative paths are as a user types them)."""
    extra = []
    if sheet is not None:
        (tmp_path / "s.tsv").write_text(sheet)
        extra = ["--samples", "s.tsv"]
    run = subprocess.run(
        [ALKANNOT, "report", *args, *extra, "--out", "r"], capture_output=True, text=True, cwd=tmp_path
    )
    return run, tmp_path / "r"


def _rows(out: Path) -> list[tuple[str, list[str] | None]]:
    return [(s["label"], s["progressed_on"]) for s in json.loads(out.with_suffix(".json").read_text())["samples"]]


SNVS = "results/variants/somatic.snvs.vcf"
SHEET = (
    "sample\tsource_vcf\talk_status\tprogressed_on\n"
    f"TUMOR\tP001/{SNVS}\tpositive:IHC\talectinib\n"
    f"TUMOR\tP002/{SNVS}\tpositive:IHC\tcrizotinib\n"
)


def test_two_patients_in_the_strelka_layout_get_labels_that_name_their_folders(tmp_path):
    _strelka(tmp_path / "P001" / SNVS), _strelka(tmp_path / "P002" / SNVS)
    run, out = _report(tmp_path, f"P001/{SNVS}", f"P002/{SNVS}", sheet=SHEET)
    assert run.returncode == 0, run.stderr
    labels = ["TUMOR (P001/…/somatic.snvs)", "TUMOR (P002/…/somatic.snvs)"]
    assert _rows(out) == [(labels[0], ["alectinib"]), (labels[1], ["crizotinib"])]
    doc = json.loads(out.with_suffix(".json").read_text())
    assert doc["summary"]["mechanism"]["on_target"] == labels
    mqc = [line.split("\t")[0] for line in out.with_name("r_mqc.tsv").read_text().splitlines() if line[0] != "#"]
    assert mqc == ["Sample", *labels]
    html = out.with_suffix(".html").read_text()
    assert all(html.count(label) >= 2 for label in labels)


def test_a_source_vcf_path_names_its_input_however_the_command_line_spells_it(tmp_path):
    _strelka(tmp_path / "P001" / SNVS), _strelka(tmp_path / "P002" / SNVS)
    run, out = _report(tmp_path, f"./P001/{SNVS}", str(tmp_path / "P002" / SNVS), sheet=SHEET)
    assert run.returncode == 0, run.stderr
    assert "names no input" not in run.stderr
    assert _rows(out) == [
        ("TUMOR (P001/…/somatic.snvs)", ["alectinib"]),
        ("TUMOR (P002/…/somatic.snvs)", ["crizotinib"]),
    ]


def test_one_folder_up_is_enough_and_two_files_no_path_tells_apart_are_numbered(tmp_path):
    _strelka(tmp_path / "a" / "P.vcf"), _strelka(tmp_path / "b" / "P.vcf")
    run, out = _report(tmp_path, "a/P.vcf", "b/P.vcf")
    assert run.returncode == 0, run.stderr
    assert _rows(out) == [("TUMOR (a/P)", None), ("TUMOR (b/P)", None)]
    # a compressed copy beside it: another file, with the same folder and stem (one file given twice is exit 2:
    # tests/test_review9_tables.py)
    pysam.tabix_compress(str(tmp_path / "a" / "P.vcf"), str(tmp_path / "a" / "P.vcf.gz"))
    run, out = _report(tmp_path, "a/P.vcf", "a/P.vcf.gz")
    assert run.returncode == 0, run.stderr
    assert _rows(out) == [("TUMOR (P)", None), ("TUMOR (P) #2", None)]


def test_a_source_vcf_that_two_inputs_holding_the_sample_answer_to_is_exit_3(tmp_path):
    _strelka(tmp_path / "a" / "P.vcf"), _strelka(tmp_path / "b" / "P.vcf")
    sheet = "sample\tsource_vcf\tprogressed_on\nTUMOR\tP\talectinib\nTUMOR\t\tcrizotinib\n"
    run, out = _report(tmp_path, "a/P.vcf", "b/P.vcf", sheet=sheet)
    assert run.returncode == 3, run.stderr
    assert run.stderr.splitlines()[-1] == (
        "alkannot: error: s.tsv:2: source_vcf 'P' names 2 inputs that hold sample TUMOR (a/P.vcf, b/P.vcf): the "
        "row would give one patient's history to each; give each input's path (or a file name that only it has) in "
        "a row of its own"
    )
    assert not out.with_suffix(".json").exists()


def test_a_source_vcf_shared_by_two_file_names_is_fine_where_one_input_holds_the_sample(tmp_path):
    _strelka(tmp_path / "a" / "P.vcf")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "P.vcf").write_text(
        HEADER + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP2_T\n" + G1202R.rsplit("\t", 1)[0] + "\n"
    )
    sheet = "sample\tsource_vcf\tprogressed_on\nTUMOR\tP.vcf\talectinib\n"
    run, out = _report(tmp_path, "a/P.vcf", "b/P.vcf", sheet=sheet)
    assert run.returncode == 0, run.stderr
    assert _rows(out) == [("TUMOR (P)", ["alectinib"]), ("P2_T", None)]


def test_a_sites_only_input_in_capitals_is_named_labelled_and_matched_by_its_stem(tmp_path):
    text = HEADER.replace('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n', "")
    plain = tmp_path / "plain.vcf"
    plain.write_text(text + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr2\t29220747\t.\tC\tT\t.\tPASS\t.\n")
    pysam.tabix_compress(str(plain), str(tmp_path / "P7.VCF.GZ"))
    sheet = "sample\tsource_vcf\tprogressed_on\nP7\tP7\talectinib\n"
    run, out = _report(tmp_path, "P7.VCF.GZ", sheet=sheet)
    assert run.returncode == 0, run.stderr
    assert "names no input" not in run.stderr and "no sample of the sample sheet" not in run.stderr
    assert _rows(out) == [("P7", ["alectinib"])]
