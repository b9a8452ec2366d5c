"""Findings of the cohort review of stop 40 (a helper reading cohort outputs as a researcher), through the installed
entry point on the bundled example."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import ALKANNOT

EXAMPLES = Path(__file__).resolve().parent.parent / "example_vcfs"
VCF, SHEET = EXAMPLES / "GRCh38" / "tumor_normal.vcf", EXAMPLES / "samples.tsv"
WARNING = (
    "alkannot: INFO: no --min-vaf given: 3 sample(s) are on_target on ALK changes taken as clonal whatever their "
    "allele fraction (lowest: P7_T C1156Y at VAF 3.0%); give the laboratory's clonality cut-off with --min-vaf"
)


def _stderr(*args) -> str:
    done = subprocess.run([ALKANNOT, *map(str, args)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_without_min_vaf_one_warning_names_the_lowest_allele_fraction_counted(tmp_path):
    """Finding 2: a change at VAF 3% decided an on-target verdict and only the notes said no cut-off was set."""
    said = _stderr("annotate", VCF, "--samples", SHEET, "-o", tmp_path / "out.vcf").splitlines()
    assert said.count(WARNING) == 1
    copy = tmp_path / "again.vcf"
    copy.write_bytes(VCF.read_bytes())
    said = _stderr("report", VCF, copy, "--samples", SHEET, "--out", tmp_path / "rep").splitlines()
    assert said.count(WARNING) == 1  # once per run, not per input (the same samples in both)
    assert WARNING not in _stderr("annotate", VCF, "--samples", SHEET, "--min-vaf", "0.05", "-o", tmp_path / "x.vcf")
    # an output annotated with --min-vaf carries it: a report of it uses the recorded cut-off, so no warning
    annotated = tmp_path / "annotated.vcf"
    _stderr("annotate", VCF, "--samples", SHEET, "--min-vaf", "0.05", "-o", annotated)
    assert "no --min-vaf given" not in _stderr("report", annotated, "--samples", SHEET, "--out", tmp_path / "again")


def test_annotate_report_and_report_give_the_warning_after_the_files_they_wrote(tmp_path):
    """Both commands say it once their reports are in place (a report that cannot be written says its error alone),
    after the last 'wrote' line; annotate's summary line of the input follows it (review of stop 52, finding 3)."""
    annotate = _stderr("annotate", VCF, "--samples", SHEET, "-o", tmp_path / "a.vcf", "--report", tmp_path / "a")
    report = _stderr("report", VCF, "--samples", SHEET, "--out", tmp_path / "r")
    for said, prefix in ((annotate.splitlines(), "a"), (report.splitlines(), "r")):
        wrote = [i for i, line in enumerate(said) if line.startswith("alkannot: INFO: wrote ")]
        assert [line.rpartition(str(tmp_path))[2] for line in (said[i] for i in wrote)] == [
            f"/{prefix}{end}" for end in (".tsv", ".json", ".html", "_mqc.tsv")
        ]
        assert said.index(WARNING) == wrote[-1] + 1
    assert annotate.splitlines()[-1].startswith(f"alkannot: INFO: {VCF}: ")


def test_a_fusion_table_of_another_input_s_sample_gives_no_warning(tmp_path):
    """Finding 6: `report A.vcf B.vcf --fusions A=t --fusions B=t` warned once per input that the other's table named
    a sample not in it (--sv SAMPLE= gave none); a SAMPLE= that no input holds is still warned about."""
    table = EXAMPLES / "GRCh38" / "fusions.tsv"
    header = [line for line in VCF.read_text().splitlines() if line.startswith("##")]
    inputs = []
    for sample in ("P5_T", "P2_T"):
        path = tmp_path / f"{sample}.vcf"
        path.write_text("\n".join([*header, f"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{sample}"]) + "\n")
        inputs.append(path)
    said = _stderr(
        "report", *inputs, "--fusions", f"P5_T={table}", "--fusions", f"P2_T={table}", "--out", tmp_path / "r"
    )
    assert "--fusions names sample(s) not in this input" not in said
    # a SAMPLE= that no input holds is an error, as --tumor NOPE is (CONTRACT.md version 2: never silently dropped;
    # pipeline review of stop 42, finding 2: a warning and exit 0 let a typo drop the table's evidence)
    done = subprocess.run(
        [ALKANNOT, "report", *map(str, inputs), "--fusions", f"P9_T={table}", "--out", str(tmp_path / "w")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 3 and not (tmp_path / "w.tsv").exists()
    assert done.stderr == (
        f"alkannot: error: {inputs[0]}: --fusions P9_T={table}: no such sample in this input nor in the report's "
        "other inputs (samples: P5_T)\n"
    )


def test_inputs_on_two_builds_are_said_once(tmp_path):
    """Finding 7: a GRCh37 file among GRCh38 ones was read in its own build without a word."""
    grch37 = EXAMPLES / "GRCh37" / "tumor_normal.vcf"
    said = _stderr("report", VCF, grch37, "--out", tmp_path / "r")
    assert (
        f"INFO: the inputs are on different genome builds, each read in its own (the build column says which): "
        f"GRCh38: {VCF}; GRCh37: {grch37}" in said
    )
    assert "different genome builds" not in _stderr("report", VCF, "--out", tmp_path / "one")


def test_a_column_says_whether_the_sheet_has_the_sample_s_row(tmp_path):
    """Finding 5: a sample the sheet misses (P6_T in the example; or a name differing by case) had only a note."""
    import csv
    import json

    _stderr("report", VCF, "--samples", SHEET, "--out", tmp_path / "r")
    rows = {r["sample"]: r for r in csv.DictReader(open(tmp_path / "r.tsv", encoding="utf-8"), delimiter="\t")}
    assert {s: r["in_sample_sheet"] for s, r in rows.items()} == {
        **{f"P{i}_T": "true" for i in (1, 2, 3, 4, 5, 7)},
        "P6_T": "false",
    }
    doc = json.loads((tmp_path / "r.json").read_text())
    assert {s["sample"]: s["in_sample_sheet"] for s in doc["samples"]}["P6_T"] is False
    _stderr("report", VCF, "--out", tmp_path / "none")
    doc = json.loads((tmp_path / "none.json").read_text())
    assert {s["in_sample_sheet"] for s in doc["samples"]} == {None}
    assert {r["in_sample_sheet"] for r in csv.DictReader(open(tmp_path / "none.tsv"), delimiter="\t")} == {""}
