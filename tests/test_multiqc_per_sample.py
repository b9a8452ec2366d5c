"""Per-sample runs in a pipeline (one `--report` per tumour, as the Snakemake wrapper and the Nextflow module
produce them) merge into one MultiQC table: real MultiQC reads every PREFIX_mqc.tsv under its search path."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

EX = Path(__file__).parent.parent / "example_vcfs"
MULTIQC = shutil.which("multiqc")


@pytest.mark.skipif(MULTIQC is None, reason="multiqc is not installed")
def test_per_sample_mqc_tables_merge_into_one_multiqc_table(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    for tumour in ("P1_T", "P4_T"):
        subprocess.run(
            [
                ALKANNOT,
                "-q",
                "annotate",
                str(EX / "GRCh38" / "tumor_normal.vcf"),
                "--tumor",
                tumour,
                "--samples",
                str(EX / "samples.tsv"),
                "-o",
                str(results / f"{tumour}.alk.vcf.gz"),
                "--report",
                str(results / f"{tumour}.alk_report"),
            ],
            check=True,
        )
    run = subprocess.run(
        [MULTIQC, str(results), "-o", str(tmp_path / "mqc"), "--no-ansi", "-f"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    table = next((tmp_path / "mqc" / "multiqc_data").glob("multiqc_alkannot*.txt"))
    with open(table, newline="") as handle:
        rows = {r["Sample"]: r for r in csv.DictReader(handle, delimiter="\t")}
    assert set(rows) == {"P1_T", "P4_T"}
    # no --min-vaf: G1202R counted at any allele fraction, as the HTML's card heading says (rev50)
    assert rows["P4_T"]["pgp_check"] == "recommended"
    assert rows["P1_T"]["mechanism"] == "on_target if clonal (no clonality cut-off set)"
    # each column's description (the '# headers:' config) reaches the report, where the column header shows it
    page = (tmp_path / "mqc" / "multiqc_report.html").read_text()
    assert "send for P-gp (ABCB1) IHC now" in page and "what explains the latest progression" in page


def multiqc_rows(results: Path, out: Path) -> dict[str, dict[str, str]]:
    """Real MultiQC over `results`: the alkannot table's rows by sample name."""
    run = subprocess.run([MULTIQC, str(results), "-o", str(out), "--no-ansi", "-f"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    table = next((out / "multiqc_data").glob("multiqc_alkannot*.txt"))
    with open(table, newline="") as handle:
        return {r["Sample"]: r for r in csv.DictReader(handle, delimiter="\t")}


def _strelka_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two Strelka2 runs: both name their tumour TUMOR; pB lacks pA's ALK record."""
    source = Path(__file__).parent / "data" / "strelka2_somatic_snvs_grch37.vcf"
    a, b = tmp_path / "pA.vcf", tmp_path / "pB.vcf"
    a.write_text(source.read_text())
    b.write_text("".join(line for line in source.read_text().splitlines(keepends=True) if "29443613" not in line))
    return a, b


@pytest.mark.skipif(MULTIQC is None, reason="multiqc is not installed")
def test_runs_that_name_their_tumour_alike_keep_their_own_multiqc_rows(tmp_path):
    """Strelka2 names every tumour TUMOR: MultiQC kept one row for two patients (pipeline review 2026-12-01)."""
    a, b = _strelka_pair(tmp_path)
    results = tmp_path / "results"
    results.mkdir()
    for vcf in (a, b):
        subprocess.run(
            [
                ALKANNOT,
                "-q",
                "annotate",
                str(vcf),
                "-o",
                str(tmp_path / f"{vcf.stem}.out.vcf"),
                "--report",
                str(results / vcf.stem),
            ],
            check=True,
        )
    rows = multiqc_rows(results, tmp_path / "mqc")
    assert set(rows) == {"TUMOR (pA)", "TUMOR (pB)"}
    assert "G1202R" in rows["TUMOR (pA)"]["alk_mutations"] and "G1202R" not in rows["TUMOR (pB)"]["alk_mutations"]


def test_one_report_of_two_inputs_gives_each_tumour_its_own_card_and_row(tmp_path):
    a, b = _strelka_pair(tmp_path)
    run = subprocess.run(
        [ALKANNOT, "-q", "report", str(a), str(b), "--out", str(tmp_path / "both")], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "both.html").read_text()
    assert html.count('id="s-TUMOR"') == 1 and html.count('id="s-TUMOR-2"') == 1
    assert 'href="#s-TUMOR-2"' in html
    rows = (tmp_path / "both_mqc.tsv").read_text().splitlines()
    assert [r.split("\t")[0] for r in rows if r.startswith("TUMOR")] == ["TUMOR (pA)", "TUMOR (pB)"]


@pytest.mark.skipif(MULTIQC is None, reason="multiqc is not installed")
def test_a_sample_named_with_a_leading_hash_keeps_the_table(tmp_path):
    """A sample named '#P1 T': its MultiQC row name opens with '＃', not '#', which MultiQC reads as config (the whole
    table came out empty: pipeline review of stop 33, finding 2)."""
    vcf = tmp_path / "hash.vcf"
    vcf.write_text((EX / "GRCh38" / "tumor_normal.vcf").read_text().replace("\tP1_T", "\t#P1 T", 1))
    results = tmp_path / "results"
    results.mkdir()
    done = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(vcf), "-o", str(tmp_path / "o.vcf"), "--report", str(results / "hash")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    rows = multiqc_rows(results, tmp_path / "mqc")
    # no sample sheet: which drug L1196M explains is not known (clinical read of stop 43, finding 6)
    assert "＃P1 T" in rows and rows["P2_T"]["mechanism"] == (
        "on_target if progressed (treatment history unknown) and if clonal (no clonality cut-off set)"  # rev50
    )


@pytest.mark.skipif(MULTIQC is None, reason="multiqc is not installed")
@pytest.mark.parametrize("layout", ["{p}/somatic.snvs.vcf", "{p}/results/variants/somatic.snvs.vcf"])
def test_runs_on_the_callers_own_file_name_keep_their_own_multiqc_rows(tmp_path, layout):
    """Each patient's Strelka2 run writes somatic.snvs.vcf(.gz): per-run reports named both rows 'TUMOR
    (somatic.snvs)' and MultiQC kept one (pipeline review of stop 38, finding 1). The run's folder names them."""
    a, b = _strelka_pair(tmp_path)
    results = tmp_path / "reports"
    results.mkdir()
    for patient, source in (("P001", a), ("P002", b)):
        vcf = tmp_path / layout.format(p=patient)
        vcf.parent.mkdir(parents=True)
        vcf.write_text(source.read_text())
        (results / patient).mkdir()
        subprocess.run(
            [ALKANNOT, "-q", "annotate", str(vcf), "-o", os.devnull, "--report", str(results / patient / "alk")],
            check=True,
            cwd=vcf.parent,
        )
    rows = multiqc_rows(results, tmp_path / "mqc")
    skipped = "…/" if "results" in layout else ""
    assert set(rows) == {f"TUMOR (P001/{skipped}somatic.snvs)", f"TUMOR (P002/{skipped}somatic.snvs)"}
    assert "G1202R" in rows[f"TUMOR (P001/{skipped}somatic.snvs)"]["alk_mutations"]


@pytest.mark.skipif(MULTIQC is None, reason="multiqc is not installed")
def test_a_merged_table_of_two_builds_says_each_rows_build(tmp_path):
    """Per-run reports of a GRCh37 and a GRCh38 input merged by MultiQC: each row names its build, as the TSV's
    `build` column does, and the column's description reaches the page (review of stop 46, item 3: the table had no
    build column, and a mixed-build cohort's rows could not be told apart by build)."""
    results = tmp_path / "results"
    results.mkdir()
    for build, tumour in (("GRCh37", "P1_T"), ("GRCh38", "P4_T")):
        subprocess.run(
            [
                ALKANNOT,
                "-q",
                "annotate",
                str(EX / build / "tumor_normal.vcf"),
                "--tumor",
                tumour,
                "--samples",
                str(EX / "samples.tsv"),
                "-o",
                os.devnull,
                "--report",
                str(results / f"{tumour}.alk_report"),
            ],
            check=True,
        )
        with open(results / f"{tumour}.alk_report.tsv", newline="") as handle:
            (row,) = csv.DictReader(handle, delimiter="\t")
        assert row["build"] == build
    rows = multiqc_rows(results, tmp_path / "mqc")
    assert (rows["P1_T"]["build"], rows["P4_T"]["build"]) == ("GRCh37", "GRCh38")
    assert "the genome build of the sample" in (tmp_path / "mqc" / "multiqc_report.html").read_text()


def test_the_table_says_unknown_where_the_build_is_not_known(tmp_path):
    """An input with no ##contig line and no ALK record: the report is written with no build (the TSV's cell empty,
    the JSON `null`); the MultiQC table writes `unknown`, as it does for an unknown treatment history."""
    vcf = tmp_path / "no_contig.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\n"
        "chr7\t1000\t.\tC\tT\t.\tPASS\t.\tGT\t0/1\n"
    )
    run = subprocess.run(
        [ALKANNOT, "-q", "report", str(vcf), "--out", str(tmp_path / "r")], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    with open(tmp_path / "r.tsv", newline="") as handle:
        (row,) = csv.DictReader(handle, delimiter="\t")
    assert row["build"] == ""
    lines = [line for line in (tmp_path / "r_mqc.tsv").read_text().splitlines() if not line.startswith("#")]
    (mqc,) = csv.DictReader(lines, delimiter="\t")
    assert list(mqc)[-1] == "build" and mqc["build"] == "unknown"
