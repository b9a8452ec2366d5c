"""What the sample sheet's `role`/`normal`/`source_vcf` declare, and what they say when it looks wrong (review 7,
findings 5, 6, 7): a normal whose own row holds a tumour's columns is warned about by row; an input left with no
patient says so; where the sheet and the header disagree the sheet decides, with one warning; NA/./unknown in
those columns is an empty cell, as in every other column."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpers import ALKANNOT

MERGED = Path(__file__).parent / "data" / "pairing" / "merged_three_pairs.vcf"
ONE = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tC1\n"
    "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.3\n"
)


def _run(tmp_path: Path, command: str, vcf: Path, sheet: str) -> tuple[subprocess.CompletedProcess, Path]:
    (tmp_path / "s.tsv").write_text(sheet)
    out = tmp_path / ("r" if command == "report" else "o.vcf")
    target = ["--out", str(out)] if command == "report" else ["-o", str(out)]
    run = subprocess.run(
        [ALKANNOT, command, str(vcf), "--samples", str(tmp_path / "s.tsv"), *target], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    return run, out


def _warnings(run: subprocess.CompletedProcess) -> list[str]:
    """The warnings but those about names and the patients with no sheet row (test_sheet_unmatched_rows.py): these
    sheets declare roles for some samples only."""
    return [
        line
        for line in run.stderr.splitlines()
        if "WARNING" in line
        and "like a matched normal" not in line
        and ": no row for " not in line
        and "left out of the P-gp triage list" not in line
    ]


def test_a_normal_whose_row_holds_a_tumours_columns_is_warned_about_by_row(tmp_path):
    sheet = "sample\trole\talk_status\tprogressed_on\nP_T\tnormal\tpositive:IHC\tcrizotinib\nP_N\ttumor\t\t\n"
    run, out = _run(tmp_path, "report", MERGED, sheet)
    doc = json.loads(out.with_suffix(".json").read_text())
    assert doc["inputs"][0]["left_out"] == ["S11_N", "P_T"]
    assert _warnings(run) == [
        f"alkannot: WARNING: {MERGED}: P_T is declared a normal (role normal) and left out of the report, but its "
        f"sample sheet row ({tmp_path / 's.tsv'}, line 2) holds alk_status, progressed_on, which only a tumour's row "
        "has: check its role"
    ]


def test_a_one_sample_input_declared_normal_says_that_no_patient_is_left(tmp_path):
    vcf = tmp_path / "one.vcf"
    vcf.write_text(ONE)
    said = (
        f"alkannot: WARNING: {vcf}: no sample of this input is reported: C1 is declared a normal (##normal_sample, "
        "the sample sheet's role or normal column); the report has no row for this input and annotate writes no "
        "##alkannotSample line"
    )
    # C1 carries G1202R: the declared normal's known resistance change is named too (review 8, finding 1)
    carries = (
        f"alkannot: WARNING: {vcf}: C1 is left out of the report as a normal, but carries G1202R (VAF 30%), a known "
        "ALK resistance change in the kinase domain, which a matched normal should not: check its role (the sample "
        "sheet's role/normal columns, ##tumor_sample/##normal_sample); reported: no sample"
    )
    run, out = _run(tmp_path, "report", vcf, "sample\trole\nC1\tnormal\n")
    assert json.loads(out.with_suffix(".json").read_text())["samples"] == []
    assert _warnings(run) == [said, carries]
    run, out = _run(tmp_path, "annotate", vcf, "sample\trole\nC1\tnormal\n")
    assert "\n##alkannotSample=" not in out.read_text()  # no line (the INFO descriptions may name it)
    assert _warnings(run) == [said, carries]


def test_where_the_sheet_and_the_header_disagree_the_sheet_decides_with_one_warning(tmp_path):
    sheet = "sample\trole\nS11_T\tnormal\nS11_N\ttumor\n"
    run, out = _run(tmp_path, "report", MERGED, sheet)
    summary = json.loads(out.with_suffix(".json").read_text())["inputs"][0]
    assert summary["reported"] == ["S11_N", "S1_T", "S1_N", "P_T", "P_N"]
    assert summary["left_out"] == ["S11_T"]
    assert _warnings(run) == [
        f"alkannot: WARNING: {MERGED}: S11_N: the sample sheet {tmp_path / 's.tsv'} declares it a tumour, the "
        "header's ##normal_sample line the opposite; the sheet decides: reported as a patient",
        f"alkannot: WARNING: {MERGED}: S11_T: the sample sheet {tmp_path / 's.tsv'} declares it a normal, the "
        "header's ##tumor_sample line the opposite; the sheet decides: left out of the report as a normal",
    ]


def test_na_and_dot_in_role_normal_and_source_vcf_are_empty_cells(tmp_path):
    sheet = (
        "sample\trole\tnormal\tsource_vcf\tprogressed_on\n"
        "S11_T\tNA\tNA\tNA\tcrizotinib\n"
        "S1_T\t.\t.\t.\talectinib\n"
        "S1_N\tnormal\tn/a\tunknown\t\n"
        "P_N\tnormal\t\t\t\n"
    )
    run, out = _run(tmp_path, "report", MERGED, sheet)
    doc = json.loads(out.with_suffix(".json").read_text())
    assert [(s["sample"], s["progressed_on"]) for s in doc["samples"]] == [
        ("S11_T", ["crizotinib"]),
        ("S1_T", ["alectinib"]),
        ("P_T", None),
    ]
    assert doc["inputs"][0]["left_out"] == ["S11_N", "S1_N", "P_N"]
    assert _warnings(run) == []


def _strelka_pair(tmp_path: Path, sheet: str) -> dict:
    """tests/data/strelka_pairs/p1.vcf with G1202R in the NORMAL column too (a mix-up), reported with `sheet`."""
    tmp_path.mkdir()
    vcf = tmp_path / "p1.vcf"
    source = (Path(__file__).parent / "data" / "strelka_pairs" / "p1.vcf").read_text()
    vcf.write_text(source.replace("\t0/0:100,0\t", "\t0/1:50,50\t", 1))
    (tmp_path / "s.tsv").write_text(sheet)
    out = tmp_path / "r"
    run = subprocess.run(
        [ALKANNOT, "-q", "report", str(vcf), "--samples", str(tmp_path / "s.tsv"), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return {s["sample"]: s for s in json.loads(out.with_suffix(".json").read_text())["samples"]}


def test_declaring_only_strelkas_tumour_keeps_normal_the_normal(tmp_path):
    """Review 9, new user, finding 2: `role tumor` on the TUMOR row made NORMAL a patient and dropped the tumour's
    matched-normal check (G1202R in the normal read as a clean on_target)."""
    head = "sample\talk_status\tprogressed_on\trole\n"
    with_role = _strelka_pair(tmp_path / "a", head + "TUMOR\tpositive:IHC\tcrizotinib\ttumor\n")
    without = _strelka_pair(tmp_path / "b", head + "TUMOR\tpositive:IHC\tcrizotinib\t\n")
    assert list(with_role) == list(without) == ["TUMOR"]
    for samples in (with_role, without):
        tumour = samples["TUMOR"]
        assert (tumour["mechanism"], tumour["pgp_check"]) == ("on_target_possible", "recommended")
        assert tumour["alk_mutations"][0]["in_normal"]
    # a sheet that declares NORMAL a tumour too is obeyed: both are patients
    both = _strelka_pair(tmp_path / "c", head + "TUMOR\tpositive:IHC\tcrizotinib\ttumor\nNORMAL\t\t\ttumor\n")
    assert sorted(both) == ["NORMAL", "TUMOR"]
