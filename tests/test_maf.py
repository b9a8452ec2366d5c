"""MAF input for `alkannot report`: real public MAF excerpts (tests/data/maf/PROVENANCE.md), a made-up cohort
for what they lack (ALK rows, a sample sheet), and bad rows."""

from __future__ import annotations

import csv
import gzip
import shutil
import subprocess
from pathlib import Path

import pysam
import pytest
from helpers import ALKANNOT

from alkannot import maf

DATA = Path(__file__).parent / "data"
MAFS = DATA / "maf"
LAML = MAFS / "tcga_laml_excerpt.maf"  # real: TCGA LAML via maftools
VCF2MAF = MAFS / "vcf2maf_test.maf"  # real: vcf2maf's test MAF
MADEUP = MAFS / "madeup_cohort_grch37.maf"  # made up: four patients with ALK rows
SHEET = MAFS / "madeup_cohort_samples.tsv"


def report(tmp_path, *inputs, extra=()):
    run = subprocess.run(
        [ALKANNOT, "report", *map(str, inputs), *extra, "--out", str(tmp_path / "r")], capture_output=True, text=True
    )
    return run


def rows(tmp_path) -> dict[str, dict[str, str]]:
    with open(tmp_path / "r.tsv", newline="") as handle:
        return {r["sample"]: r for r in csv.DictReader(handle, delimiter="\t")}


# ------------------------------------------------------------------------------- real excerpts
def test_real_tcga_maf_one_row_per_barcode_with_bypass_rows(tmp_path):
    run = report(tmp_path, LAML)
    assert run.returncode == 0, run.stderr
    by = rows(tmp_path)
    assert list(by) == ["TCGA-AB-2802", "TCGA-AB-2846", "TCGA-AB-2863", "TCGA-AB-2826"]  # first-seen order
    assert all(r["build"] == "GRCh37" and r["alk_mutations"] == "" for r in by.values())
    assert by["TCGA-AB-2826"]["off_target"] == "KRAS mutation 12:25380275 T>A"
    assert by["TCGA-AB-2863"]["off_target"] == "EGFR mutation 7:55273099 C>G"
    # the MAF-style KIT deletion and insertion: their anchor base is not bundled, so N, with a warning
    assert by["TCGA-AB-2846"]["off_target"].count("KIT mutation") == 2
    assert "line 25, 26" in run.stderr and "anchored on N" in run.stderr
    assert by["TCGA-AB-2802"]["off_target"] == "" and by["TCGA-AB-2802"]["mechanism"] == "unexplained"


def test_real_vcf2maf_maf_counts_and_dash_alleles():
    content = maf.read_maf(str(VCF2MAF))
    assert content.build == "GRCh37" and list(content.samples) == ["TUMOR"] and content.rows == 20
    kept = {(v.chrom, v.pos): v for v in content.variants}
    assert set(kept) == {("3", 178928219), ("3", 178936091), ("7", 116412043), ("17", 7579312)}
    insertion = kept[("3", 178928219)]  # '-' > ATA at Start_Position 178928219 (the base before)
    assert (insertion.ref, insertion.alt, insertion.anchored_with_n) == ("N", "NATA", True)
    met = kept[("7", 116412043)]
    assert (met.ref, met.alt) == ("G", "C") and (met.ref_count, met.alt_count) == (
        25,
        22,
    )  # t_ref_count, t_alt_count columns


def test_sparse_vcf_is_valid_sorted_and_detects_the_build(tmp_path):
    with maf.maf_as_vcf(str(LAML)) as path:
        shutil.copy(path, tmp_path / "laml.vcf")
    with pysam.VariantFile(str(tmp_path / "laml.vcf")) as vf:
        assert list(vf.header.samples) == ["TCGA-AB-2802", "TCGA-AB-2846", "TCGA-AB-2863", "TCGA-AB-2826"]
        assert vf.header.contigs["2"].length == 243199373
        records = [(r.chrom, r.pos, r.ref, r.alts[0], {s: r.samples[s]["GT"] for s in r.samples}) for r in vf]
    order = [("4", 55589765), ("4", 55589770), ("7", 55273099), ("12", 25380275)]
    assert [(c, p) for c, p, *_ in records] == order
    kras = records[-1][4]
    assert kras["TCGA-AB-2826"] == (0, 1) and kras["TCGA-AB-2802"] == (None, None)
    if shutil.which("bcftools"):
        view = subprocess.run(["bcftools", "view", "-H", str(tmp_path / "laml.vcf")], capture_output=True, text=True)
        assert view.returncode == 0 and len(view.stdout.splitlines()) == 4


# ------------------------------------------------------------------------------- made-up cohort with ALK rows
def test_madeup_cohort_alk_mutations_and_pgp_per_sample(tmp_path):
    run = report(tmp_path, MADEUP, extra=("--samples", SHEET, "--min-vaf", "0.05"))
    assert run.returncode == 0, run.stderr
    by = rows(tmp_path)
    assert list(by) == ["MADEUP-P1-T", "MADEUP-P2-T", "MADEUP-P3-T", "MADEUP-P4-T"]
    assert by["MADEUP-P1-T"]["alk_mutations"] == "G1202R(known VAF=0.333)"
    assert (by["MADEUP-P1-T"]["mechanism"], by["MADEUP-P1-T"]["pgp_check"]) == ("on_target", "not_indicated")
    # the MAF-style deletion TCC>- at 29443611 is c.3605_3607del p.G1202del
    assert by["MADEUP-P2-T"]["alk_mutations"] == "G1202del(residue VAF=0.300)"
    assert (by["MADEUP-P2-T"]["mechanism"], by["MADEUP-P2-T"]["pgp_check"]) == ("on_target_possible", "recommended")
    assert by["MADEUP-P3-T"]["alk_mutations"] == "" and by["MADEUP-P3-T"]["pgp_check"] == "recommended"
    assert by["MADEUP-P3-T"]["off_target"] == "KRAS mutation 12:25398284 C>T"
    assert by["MADEUP-P4-T"]["alk_mutations"] == "C1156Y(known VAF=0.030 low_vaf);T1151dup(known VAF=0.300)"
    assert by["MADEUP-P4-T"]["pgp_check"] == "not_indicated"
    assert all(r["fusion"] == "positive_external" for r in by.values())


def test_a_truncating_nf2_row_counts_by_its_variant_classification(tmp_path):
    """A MAF says what a change does in Variant_Classification (no VEP CSQ to read): a Nonsense_Mutation or
    Frame_Shift_Del in NF2 is the truncating change REC20 describes, a Missense_Mutation is not (open from stop 23:
    MAF rows in NF2 were never counted)."""
    run = report(tmp_path, MAFS / "madeup_nf2_grch38.maf", extra=("--samples", MAFS / "madeup_nf2_samples.tsv"))
    assert run.returncode == 0, run.stderr
    by = rows(tmp_path)
    assert by["MADEUP-T1"]["off_target"] == "NF2 mutation chr22:29654000 C>T (Nonsense_Mutation (MAF))"
    assert by["MADEUP-T3"]["off_target"].startswith("NF2 mutation chr22:29670000 ")
    assert by["MADEUP-T3"]["off_target"].endswith("(Frame_Shift_Del (MAF))")
    for name in ("MADEUP-T1", "MADEUP-T3"):
        assert by[name]["mechanism"] == "off_target_candidate", name
    assert by["MADEUP-T2"]["off_target"] == "" and by["MADEUP-T2"]["mechanism"] == "unexplained"
    with maf.maf_as_vcf(str(MAFS / "madeup_nf2_grch38.maf")) as path:
        shutil.copy(path, tmp_path / "nf2.vcf")
    if shutil.which("bcftools"):  # the sparse VCF's INFO column is one bcftools reads
        query = ["bcftools", "query", "-f", "%POS %alkannotMafClass\n", str(tmp_path / "nf2.vcf")]
        assert subprocess.run(query, capture_output=True, text=True, check=True).stdout.splitlines() == [
            "29654000 NF2|Missense_Mutation",  # C>G, sorted by ALT
            "29654000 NF2|Nonsense_Mutation",
            "29670000 NF2|Frame_Shift_Del",
        ]


def test_maf_indels_become_the_vcf_records_a_caller_writes():
    """The MAF insertion -/CGT at 29445271 is the VCF record 2:29445271 G>GCGT of alk_snvs_grch37.vcf
    (p.T1151dup); the MAF deletion TCC/- at 29443611 is anchored on the bundled base before it."""
    assert maf.vcf_allele("GRCh37", "2", 29445271, "-", "CGT") == (29445271, "G", "GCGT", False)
    assert maf.vcf_allele("GRCh37", "2", 29443611, "TCC", "-") == (29443610, "CTCC", "C", False)
    assert maf.vcf_allele("GRCh37", "2", 29443613, "C", "T") == (29443613, "C", "T", False)
    with pysam.VariantFile(str(DATA / "alk_snvs_grch37.vcf")) as vf:
        assert any((r.pos, r.ref, r.alts) == (29445271, "G", ("GCGT",)) for r in vf)


def test_maf_and_vcf_in_one_report_gzip_and_cbioportal_name(tmp_path):
    packed = tmp_path / "data_mutations.txt.gz"  # cBioPortal's name: found by content
    with gzip.open(packed, "wb") as out:
        out.write(MADEUP.read_bytes())
    run = report(tmp_path, packed, DATA / "alk_snvs_grch37.vcf", extra=("--samples", SHEET))
    assert run.returncode == 0, run.stderr
    by = rows(tmp_path)
    assert "MADEUP-P1-T" in by and len(by) == 5
    assert by["MADEUP-P1-T"]["source_vcf"] == str(packed)


def test_grch38_chr_named_gdc_style_maf(tmp_path):
    text = (
        "Hugo_Symbol\tNCBI_Build\tChromosome\tStart_Position\tEnd_Position\tReference_Allele\t"
        "Tumor_Seq_Allele1\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tt_ref_count\tt_alt_count\n"
        "ALK\tGRCh38\tchr2\t29220747\t29220747\tC\tC\tT\tS1\t60\t20\n"
    )
    (tmp_path / "gdc.maf").write_text(text)
    run = report(tmp_path, tmp_path / "gdc.maf")
    assert run.returncode == 0, run.stderr
    assert rows(tmp_path)["S1"]["alk_mutations"] == "G1202R(known VAF=0.250)"
    assert rows(tmp_path)["S1"]["build"] == "GRCh38"


@pytest.mark.parametrize(
    "value, build",
    [
        ("GRCh37", "GRCh37"),
        ("37", "GRCh37"),
        ("hg19", "GRCh37"),
        ("GRCh37-lite", "GRCh37"),
        ("GRCh38", "GRCh38"),
        ("38", "GRCh38"),
        ("hg38", "GRCh38"),
        ("hg18", None),
        ("36.1", None),
    ],
)
def test_ncbi_build_values(value, build):
    assert maf.build_of(value) == build


# ------------------------------------------------------------------------------- bad rows: one line, exit 3
def _edit(tmp_path, line_no: int, column: str, value: str) -> Path:
    lines = MADEUP.read_text().splitlines()
    header = lines[2].split("\t")
    fields = lines[line_no - 1].split("\t")
    fields[header.index(column)] = value
    lines[line_no - 1] = "\t".join(fields)
    path = tmp_path / "bad.maf"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize(
    "line_no, column, value, reason",
    [
        (7, "NCBI_Build", "GRCh38", "NCBI_Build GRCh38 differs from GRCh37"),
        (4, "NCBI_Build", "hg18", "NCBI_Build 'hg18' is not GRCh37 or GRCh38"),
        (6, "Start_Position", "29,443,611", "Start_Position '29,443,611' is not a 1-based position"),
        (4, "Tumor_Seq_Allele2", "T/G", "Tumor_Seq_Allele2 'T/G' is not a base sequence"),
        (6, "End_Position", "29443614", "covers 4 base(s) but Reference_Allele TCC has 3"),
        (8, "Tumor_Sample_Barcode", "", "empty Tumor_Sample_Barcode"),
        (4, "t_alt_count", "many", "t_alt_count 'many' is not a read count"),
        (4, "Tumor_Seq_Allele2", "C", "tumour allele equals Reference_Allele"),
    ],
)
def test_bad_row_is_one_line_naming_file_and_line(tmp_path, line_no, column, value, reason):
    bad = _edit(tmp_path, line_no, column, value)
    run = report(tmp_path, bad)
    assert run.returncode == 3
    assert run.stderr.strip().splitlines() == [run.stderr.strip()]
    assert run.stderr.startswith(f"alkannot: error: {bad}:{line_no}: ") and reason in run.stderr
    assert "Traceback" not in run.stderr


def test_missing_column_names_the_header_line(tmp_path):
    text = MADEUP.read_text().replace("Tumor_Sample_Barcode", "Sample", 1)
    (tmp_path / "nocol.maf").write_text(text)
    run = report(tmp_path, tmp_path / "nocol.maf")
    assert run.returncode == 3
    assert f"{tmp_path / 'nocol.maf'}:3: MAF header lacks column(s) Tumor_Sample_Barcode" in run.stderr


def test_maf_whose_ncbi_build_is_wrong_is_caught_by_the_reference_check(tmp_path):
    (tmp_path / "wrong.maf").write_text(MADEUP.read_text().replace("\tGRCh37\t", "\tGRCh38\t"))
    run = report(tmp_path, tmp_path / "wrong.maf")
    assert run.returncode == 3
    assert f"alkannot: error: {tmp_path / 'wrong.maf'}: " in run.stderr and "wrong build?" in run.stderr


def test_no_ncbi_build_column_build_from_the_alk_rows_reference_bases(tmp_path):
    lines = [l.split("\t") for l in MADEUP.read_text().splitlines()]
    drop = lines[2].index("NCBI_Build")
    (tmp_path / "nobuild.maf").write_text(
        "\n".join(
            "\t".join(f for i, f in enumerate(l) if i != drop) if not l[0].startswith("#") else "\t".join(l)
            for l in lines
        )
        + "\n"
    )
    run = report(tmp_path, tmp_path / "nobuild.maf", extra=("--samples", SHEET))
    assert run.returncode == 0, run.stderr
    # two SNVs and the deletion carry reference bases; the insertion has none
    assert "no NCBI_Build; GRCh37 from the reference bases of 3 ALK row(s)" in run.stderr
    by = rows(tmp_path)
    assert by["MADEUP-P1-T"]["build"] == "GRCh37" and by["MADEUP-P1-T"]["alk_mutations"] == "G1202R(known VAF=0.333)"
    assert by["MADEUP-P3-T"]["off_target"] == "KRAS mutation 12:25398284 C>T"


def test_real_five_column_maf_without_build_or_alk_rows(tmp_path):
    """vcf2maf's minimalist MAF (no NCBI_Build, no ALK row): every barcode reported, nothing of ALK, the
    PIK3CA rows left out with a warning because without a build their gene span is not known."""
    run = report(tmp_path, MAFS / "vcf2maf_minimalist_excerpt.tsv")
    assert run.returncode == 0, run.stderr
    by = rows(tmp_path)
    assert list(by) == ["TCGA-A1-A0SM-01A-11D-A099-09", "TCGA-A1-A0SB-01A-11D-A142-09", "TCGA-A1-A0SI-01A-11D-A142-09"]
    assert all(r["alk_mutations"] == "" and r["off_target"] == "" for r in by.values())
    assert "no NCBI_Build and no ALK row to tell the build by: 2 bypass-gene row(s) not used" in run.stderr


def test_build_option_is_the_build_of_a_maf_without_ncbi_build(tmp_path):
    """--build says the build of a MAF that states none: its bypass-gene rows are read (they were left out with a
    warning asking for NCBI_Build; fresh-eyes review of stop 45, p1)."""
    run = report(tmp_path, MAFS / "vcf2maf_minimalist_excerpt.tsv", extra=("--build", "GRCh37"))
    assert run.returncode == 0, run.stderr
    by = rows(tmp_path)
    assert by["TCGA-A1-A0SI-01A-11D-A142-09"]["off_target"] == (
        "PIK3CA mutation_unassessed 3:178938934 G>A;PIK3CA mutation_unassessed 3:178952085 A>G"
    )
    assert {r["build"] for r in by.values()} == {"GRCh37"}
    assert "WARNING" not in run.stderr
    without = report(tmp_path, MAFS / "vcf2maf_minimalist_excerpt.tsv")
    assert "bypass-gene row(s) not used (add NCBI_Build, or give --build)" in without.stderr


def test_build_option_that_contradicts_ncbi_build_names_the_column(tmp_path):
    """It was said of the ##contig line of the VCF alkannot makes of the MAF ("--build GRCh38 contradicts the header
    (##contig 2 length=243199373 ...); drop --build or fix the header"), a line the MAF does not have."""
    run = report(tmp_path, MADEUP, extra=("--build", "GRCh38"))
    assert run.returncode == 3 and run.stdout == ""
    assert run.stderr == (
        f"alkannot: error: {MADEUP}: --build GRCh38 contradicts the MAF's NCBI_Build (GRCh37); drop --build or fix "
        "NCBI_Build\n"
    )
    assert not list(tmp_path.glob("r*"))
    agrees = report(tmp_path, MADEUP, extra=("--build", "hg19"))
    assert agrees.returncode == 0, agrees.stderr


def test_truncated_gzipped_maf_is_one_line(tmp_path):
    packed = gzip.compress(LAML.read_bytes())
    (tmp_path / "cut.maf.gz").write_bytes(packed[: len(packed) // 2])
    run = report(tmp_path, tmp_path / "cut.maf.gz")
    assert run.returncode == 3 and len(run.stderr.strip().splitlines()) == 1
    assert run.stderr.startswith(
        f"alkannot: error: {tmp_path / 'cut.maf.gz'}: corrupt or truncated compressed data (gzip: "
    )


def test_annotate_given_a_maf_points_to_report(tmp_path):
    """`annotate` writes a VCF and needs one; a MAF (by name or, on stdin, by its columns) is named as such."""
    by_name = subprocess.run(
        [ALKANNOT, "annotate", str(MADEUP), "-o", str(tmp_path / "x.vcf")], capture_output=True, text=True
    )
    with open(LAML, "rb") as stdin:
        piped = subprocess.run([ALKANNOT, "annotate"], stdin=stdin, capture_output=True, text=True)
    for run, shown in ((by_name, str(MADEUP)), (piped, "<stdin>")):
        assert run.returncode == 3 and run.stdout == ""
        assert run.stderr.strip() == (
            f"alkannot: error: {shown}: a MAF file, not a VCF/BCF: `alkannot report MAF... --out PREFIX` reads MAF"
        )
    assert not (tmp_path / "x.vcf").exists()
