"""`alkannot report` over several inputs with several `--sv` files: an SV file belongs to the input whose sample it
names, never to another patient's (cohort review 6, findings 1 and 2); the --min-vaf cut-offs of the inputs are
recorded and a mix is warned about (finding 7). Run through the installed entry point on the scenario VCFs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
from helpers import run

from alkannot.report.json_report import schema

DATA = Path(__file__).parent / "data"
G38 = DATA / "scenarios" / "GRCh38"
SHEET = DATA / "scenarios" / "samples.tsv"
MAF37 = DATA / "maf" / "madeup_cohort_grch37.maf"


def _report(tmp_path: Path, *args) -> tuple[int, str, dict[str, dict[str, str]], dict]:
    prefix = tmp_path / "cohort"
    result = run("report", *args, "--samples", SHEET, "--out", prefix, text=True)
    if result.returncode != 0:
        return result.returncode, result.stderr, {}, {}
    rows = {r["sample"]: r for r in csv.DictReader(open(f"{prefix}.tsv", encoding="utf-8"), delimiter="\t")}
    doc = json.loads(Path(f"{prefix}.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema())
    return result.returncode, result.stderr, rows, doc


def _renamed(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    """An SV file whose sample column is named `new` (Manta's TUMOR, SvABA's BAM path) instead of `old`."""
    path = tmp_path / f"{new.replace('/', '_')}_{source.name}"
    lines = source.read_text().splitlines(keepends=True)
    path.write_text("".join(line.replace(old, new) if line.startswith("#CHROM") else line for line in lines))
    return path


def _verdict(row: dict[str, str]) -> tuple[str, str, str]:
    return row["fusion"], row["mechanism"], row["pgp_check"]


def test_each_sv_file_goes_to_the_input_whose_sample_it_names(tmp_path):
    vcfs = [G38 / f"S{i}.vcf" for i in (13, 14, 17)]
    svs = [a for i in (13, 14, 17) for a in ("--sv", G38 / f"S{i}.sv.vcf")]
    code, stderr, rows, doc = _report(tmp_path, *vcfs, *svs)
    assert code == 0, stderr
    assert "taken to be" not in stderr and "match no sample" not in stderr
    # S17's own SV file has a chr2:60-61.5 Mb junction only: fusion-negative, no P-gp prompt, as when alone
    assert _verdict(rows["S17_T"]) == ("negative", "on_target_possible", "not_indicated")
    assert rows["S17_T"]["fusion_calls"] == ""
    assert _verdict(rows["S13_T"]) == ("positive", "on_target", "if_progressed")  # no history (stop 40)
    assert _verdict(rows["S14_T"]) == ("positive", "unexplained", "recommended")
    assert "S13.sv.vcf" in rows["S13_T"]["fusion_calls"] and "S14.sv.vcf" not in rows["S13_T"]["fusion_calls"]
    assert "S14.sv.vcf" in rows["S14_T"]["fusion_calls"] and "S13.sv.vcf" not in rows["S14_T"]["fusion_calls"]
    (tmp_path / "alone").mkdir()
    alone = _report(tmp_path / "alone", G38 / "S17.vcf", "--sv", G38 / "S17.sv.vcf")
    assert _verdict(alone[2]["S17_T"]) == _verdict(rows["S17_T"])


def test_an_sv_file_that_names_no_input_sample_is_a_usage_error_in_a_cohort(tmp_path):
    # S13's file given to a report of S14 and S17: under the old rule S14_T and S17_T both became fusion-positive
    code, stderr, _, _ = _report(tmp_path, G38 / "S14.vcf", G38 / "S17.vcf", "--sv", G38 / "S13.sv.vcf")
    assert code == 2
    (line,) = stderr.strip().splitlines()
    assert line == (
        f"alkannot: error: {G38 / 'S13.sv.vcf'}: cannot tell whose SV calls these are: its sample(s) 'S13_T' are in "
        "no input (the 2 inputs report 2 patients); give --sv SAMPLE=PATH to say whose (see 'alkannot report --help')"
    )
    tumour = _renamed(tmp_path, G38 / "S13.sv.vcf", "S13_T", "TUMOR")  # Manta's name
    code, stderr, _, _ = _report(tmp_path, G38 / "S13.vcf", G38 / "S17.vcf", "--sv", tumour)
    assert code == 2 and "give --sv SAMPLE=PATH" in stderr and "'TUMOR'" in stderr
    # SAMPLE= says whose it is
    code, stderr, rows, _ = _report(tmp_path, G38 / "S13.vcf", G38 / "S17.vcf", "--sv", f"S13_T={tumour}")
    assert code == 0, stderr
    assert _verdict(rows["S13_T"]) == ("positive", "on_target", "if_progressed")  # no history (stop 40)
    assert _verdict(rows["S17_T"]) == ("not_assessed", "on_target_possible", "not_indicated")


def test_one_patient_in_the_cohort_or_one_input_keeps_the_one_tumour_match(tmp_path):
    bam = _renamed(tmp_path, G38 / "S13.sv.vcf", "S13_T", "/data/run1/S13.sorted.bam")
    code, stderr, rows, _ = _report(tmp_path, G38 / "S13.vcf", "--sv", bam)
    assert code == 0, stderr
    assert f"{bam}: SV sample '/data/run1/S13.sorted.bam' taken to be 'S13_T'" in stderr
    assert rows["S13_T"]["fusion"] == "positive"
    # a second input that reports no patient (a matched normal alone): one patient across all inputs is unambiguous
    normal = tmp_path / "S17_normal_only.vcf"
    normal.write_text(
        "".join(
            "\t".join(line.rstrip("\n").split("\t")[:9] + line.rstrip("\n").split("\t")[10:]) + "\n"
            if not line.startswith("##")
            else line
            for line in (G38 / "S17.vcf").read_text().splitlines(keepends=True)
            if not line.startswith("##tumor_sample")
        )
    )
    code, stderr, rows, doc = _report(tmp_path, G38 / "S13.vcf", normal, "--sv", bam)
    assert code == 0, stderr
    assert doc["inputs"][1]["reported"] == [] and f"{bam}: SV sample '/data/run1/S13.sorted.bam' taken to be" in stderr
    assert list(rows) == ["S13_T"] and rows["S13_T"]["fusion"] == "positive"
    # with a MAF of four more patients beside it, it is not
    code, stderr, rows, _ = _report(tmp_path, G38 / "S13.vcf", MAF37, "--sv", bam)
    assert code == 2 and "(the 2 inputs report 5 patients)" in stderr


def test_a_sample_named_in_two_inputs_cannot_own_a_plain_sv_file(tmp_path):
    first = _renamed(tmp_path, G38 / "S13.vcf", "S13_T", "TUMOR")
    second = tmp_path / "second.vcf"
    second.write_text(
        "".join(
            line.replace("S14_T", "TUMOR") if line.startswith("#CHROM") else line
            for line in (G38 / "S14.vcf").read_text().splitlines(keepends=True)
        )
    )
    tumour_sv = _renamed(tmp_path, G38 / "S13.sv.vcf", "S13_T", "TUMOR")
    code, stderr, _, _ = _report(tmp_path, first, second, "--sv", tumour_sv)
    assert code == 2
    assert "its sample 'TUMOR' is in 2 inputs" in stderr and "annotate each input with its own SV file" in stderr


def test_sample_sv_applies_only_to_the_input_holding_it_and_is_checked_against_its_build(tmp_path):
    # a GRCh38 SV file for S13_T does not stop a cohort that also holds a GRCh37 MAF
    code, stderr, rows, doc = _report(tmp_path, G38 / "S13.vcf", MAF37, "--sv", f"S13_T={G38 / 'S13.sv.vcf'}")
    assert code == 0, stderr
    assert "--sv" not in stderr and "SV file" not in stderr and "this VCF" not in stderr  # no N x M warnings
    assert _verdict(rows["S13_T"]) == ("positive", "on_target", "if_progressed")  # no history (stop 40)
    assert {r["fusion"] for s, r in rows.items() if s.startswith("MADEUP")} == {"not_assessed"}
    assert [i["build"] for i in doc["inputs"]] == ["GRCh38", "GRCh37"]
    # a SAMPLE in no input: an error naming the file, as --tumor NOPE is (pipeline review of stop 42, finding 2: a
    # warning and exit 0 let a typo drop the SV file's evidence)
    code, stderr, rows, _ = _report(tmp_path, G38 / "S13.vcf", MAF37, "--sv", f"S99_T={G38 / 'S13.sv.vcf'}")
    assert (code, rows) == (3, {})
    assert stderr.splitlines()[-1] + "\n" == (
        f"alkannot: error: {G38 / 'S13.sv.vcf'}: --sv S99_T={G38 / 'S13.sv.vcf'}: no sample 'S99_T' in any input of "
        f"this report ({G38 / 'S13.vcf'}, {MAF37})\n"
    )


def test_annotate_with_one_input_and_several_sv_files_matches_the_one_tumour_as_documented(tmp_path):
    tumour = _renamed(tmp_path, G38 / "S13.sv.vcf", "S13_T", "TUMOR")
    prefix = tmp_path / "one"
    result = run(
        "annotate", G38 / "S13.vcf", "--sv", tumour, "--sv", G38 / "S13.sv.vcf", "--samples", SHEET,
        "--report", prefix, "-o", f"{prefix}.vcf", text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"{tumour}: SV sample 'TUMOR' taken to be 'S13_T'" in result.stderr
    (row,) = csv.DictReader(open(f"{prefix}.tsv", encoding="utf-8"), delimiter="\t")
    assert _verdict(row) == ("positive", "on_target", "if_progressed")  # no history: not every drug explained (stop 40)


def _annotated(tmp_path: Path, name: str, min_vaf: str) -> Path:
    out = tmp_path / f"{name}.alk.vcf"
    result = run("-q", "annotate", G38 / f"{name}.vcf", "--samples", SHEET, "--min-vaf", min_vaf, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_inputs_annotated_with_different_min_vaf_are_recorded_and_warned_about(tmp_path):
    s13, s16 = _annotated(tmp_path, "S13", "0.4"), _annotated(tmp_path, "S16", "0.05")
    code, stderr, rows, doc = _report(tmp_path, s13, s16)
    assert code == 0, stderr
    warnings = [line for line in stderr.splitlines() if "different --min-vaf" in line]
    assert warnings == [
        "alkannot: WARNING: the inputs of this report were annotated with different --min-vaf cut-offs "
        f"(0.4: {s13}; 0.05: {s16}): a change at one allele fraction can be subclonal or low-level in one row and not in "
        "another; give --min-vaf to use one cut-off for all"
    ]
    assert [i["min_vaf"] for i in doc["inputs"]] == [0.4, 0.05]
    assert doc["options"]["min_vaf"] is None
    # G1202R at 33%: below S13's 0.4, above S16's 0.05
    assert rows["S13_T"]["mechanism"] == "on_target_possible" and rows["S16_T"]["mechanism"] == "on_target"
    # one cut-off given to the report: no warning, every input used it
    code, stderr, rows, doc = _report(tmp_path, s13, s16, "--min-vaf", "0.05")
    assert code == 0 and "different --min-vaf" not in stderr
    assert [i["min_vaf"] for i in doc["inputs"]] == [0.05, 0.05] and doc["options"]["min_vaf"] == 0.05
    # the same recorded cut-off everywhere: options.min_vaf says it (it said null)
    code, stderr, rows, doc = _report(tmp_path, _annotated(tmp_path, "S14", "0.05"), s16)
    assert code == 0 and "different --min-vaf" not in stderr
    assert doc["options"]["min_vaf"] == 0.05 and [i["min_vaf"] for i in doc["inputs"]] == [0.05, 0.05]


def test_a_fusion_table_without_a_sample_is_refused_where_the_run_reports_more_than_one_patient(tmp_path):
    """A fusion table has no sample column: `--fusions PATH` would give one patient's RNA fusion to every other
    patient of the run, across the inputs of a report or within one input. It is a usage error asking for
    `--fusions SAMPLE=PATH`; with one patient, or with SAMPLE=, the table is used."""
    table = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "fusions.tsv"
    vcfs = [G38 / f"S{i}.vcf" for i in (13, 17)]
    code, stderr, _, _ = _report(tmp_path, *vcfs, "--fusions", table)
    assert code == 2
    assert (
        f"{table}: a fusion table has no sample column, and this run reports 2 patients (S13_T, S17_T); give "
        "--fusions SAMPLE=PATH to say whose" in stderr
    )
    assert stderr.count("\n") <= 2 and "Traceback" not in stderr
    assert not (tmp_path / "cohort.tsv").exists()
    code, stderr, rows, _ = _report(tmp_path, *vcfs, "--fusions", f"S17_T={table}")
    assert code == 0, stderr
    assert rows["S17_T"]["fusion"] == "positive" and "fusions.tsv" in rows["S17_T"]["fusion_calls"]
    assert "fusions.tsv" not in rows["S13_T"]["fusion_calls"]
    code, stderr, rows, _ = _report(tmp_path, G38 / "S17.vcf", "--fusions", table)  # one patient: its table
    assert code == 0, stderr
    assert rows["S17_T"]["fusion"] == "positive"
    # within one input: the example's tumour/normal cohort has seven patients
    example = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    result = run("annotate", example, "--fusions", table, "-o", tmp_path / "o.vcf", text=True)
    assert result.returncode == 2 and "this run reports 7 patients" in result.stderr
    assert not (tmp_path / "o.vcf").exists()
