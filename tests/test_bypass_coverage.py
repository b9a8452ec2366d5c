"""The P-gp note says what the input's records covered in the genes alkannot checks for off-target changes, per
sample, and calls the rest not assessed (clinical review of stop 40's example report, severity "misleading": P3_T,
P4_T and P7_T read "No protein-altering, copy-number or structural change was found among the input's records in the
genes alkannot checks (bypass genes: MET, EGFR, ...)" beside a small-variant VCF whose 4 records are all in ALK; a
tumour board read it as a negative bypass screen). Through the installed CLI on tests/data/bypass_coverage
(PROVENANCE.md there) and README's example cohort; JSON `off_target_genes` (schema 2.17) and ##alkannotSample
`OffTargetCovered`."""

from __future__ import annotations

import csv
import html
import json
import shutil
from pathlib import Path

import jsonschema
import pysam
import pytest
from helpers import readme_reports, run, screen_sentence

from alkannot.report.json_report import schema

DATA = Path(__file__).parent / "data" / "bypass_coverage"
GENES = "MET, EGFR, KIT, KRAS, NRAS, MAP2K1, IGF1R, PIK3CA, NF2, BRAF, ERBB2"
NOT_ASSESSED = (
    " Bypass and co-alteration genes not assessed: the input holds no record of this sample, or none that passed the "
    f"caller's filters, in the genes alkannot checks (bypass genes: {GENES}; co-alteration, not a bypass gene: TP53); "
    "a VCF does not show whether a gene without a record was sequenced (a panel, or a VCF restricted to ALK, cannot "
    "show a change there)."
)
NEGATIVE = "change was found"  # the wording that claims a negative screen


def _report(prefix: Path, *inputs: Path) -> tuple[dict[str, dict], dict[str, dict], str]:
    done = run("-q", "report", *inputs, "--samples", DATA / "samples.tsv", "--out", prefix, text=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    doc = json.loads(prefix.with_suffix(".json").read_text())
    jsonschema.validate(doc, schema())
    with open(prefix.with_suffix(".tsv"), newline="") as handle:
        rows = {r["sample"]: r for r in csv.DictReader(handle, delimiter="\t")}
    return {s["sample"]: s for s in doc["samples"]}, rows, html.unescape(prefix.with_suffix(".html").read_text())


def _covered(sample: dict) -> dict[str, tuple[list[str], list]]:
    return {g["gene"]: (g["covered_by"], g["copy_number"]) for g in sample["off_target_genes"] if g["covered_by"]}


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("coverage") / "r"
    return _report(prefix, DATA / "alk_only_grch38.vcf", DATA / "egfr_intron_grch38.vcf")


def test_an_input_with_records_only_in_alk_says_the_genes_were_not_assessed(reported):
    """(a) Two ALK intronic records, nothing else: every gene is named as not assessed, no negative result is
    claimed, and the polymorphism cut-off (a statement about small variants read) is not cited."""
    samples, rows, page = reported
    a1 = samples["A1_T"]
    assert (a1["mechanism"], a1["pgp_check"], a1["off_target"]) == ("unexplained", "recommended", [])
    note = a1["pgp"]["note"]
    assert NOT_ASSESSED in note and NEGATIVE not in note
    assert NOT_ASSESSED == screen_sentence(a1)
    assert "AMP17" not in a1["pgp"]["sources"] and "polymorphism" not in note
    # the same words in the TSV and the HTML, and the JSON lists every gene alkannot checks, none covered
    assert rows["A1_T"]["pgp_note"] == note and NOT_ASSESSED.strip() in page
    assert [(g["gene"], g["role"]) for g in a1["off_target_genes"]] == [
        *((gene, "bypass") for gene in GENES.split(", ")),
        ("TP53", "co_alteration"),
    ]
    assert _covered(a1) == {}


def test_an_intronic_egfr_record_makes_egfr_assessed_and_the_others_not(reported):
    """(b) E1_T is called at an EGFR intron_variant (VEP), not protein-altering, so not listed: EGFR is named as
    read (small variants only), with the polymorphism cut-off; every other gene not assessed. Its KRAS G12C record
    failed the caller's filters (weak_evidence): the findings do not read it, so KRAS is not assessed, never 'no
    change was found'."""
    samples, rows, _ = reported
    e1 = samples["E1_T"]
    assert (e1["mechanism"], e1["off_target"]) == ("unexplained", [])
    assert _covered(e1) == {"EGFR": (["small_variant"], [])}
    note = e1["pgp"]["note"]
    said = (
        " No protein-altering, copy-number or structural change was found in the genes alkannot checks that the "
        "input's records of this sample reach (bypass genes: EGFR (small variants only)); a common polymorphism "
        "(population allele frequency of 1% or more in the input's annotation: benign or likely benign) does not "
        "count [AMP17, PMID 27993330; HORAK22, PMID 35101336]. Not assessed: the other genes alkannot checks (bypass "
        "genes: MET, KIT, KRAS, NRAS, MAP2K1, IGF1R, PIK3CA, NF2, BRAF, ERBB2; co-alteration, not a bypass gene: TP53), in "
        "which the input holds no record of this sample, or none that passed the caller's filters; a VCF does not "
        "show whether a gene without a record was sequenced (a panel, or a VCF restricted to ALK, cannot show a "
        "change there)."
    )
    assert said in note and said == screen_sentence(e1)
    assert rows["E1_T"]["pgp_note"] == note


def test_coverage_is_decided_per_sample_in_a_merged_vcf(reported):
    """A2_T is in the same merged VCF, './.' at the EGFR record (bcftools merge: its own VCF had no record there):
    E1_T's record says nothing of A2_T's tumour, so A2_T's genes are all not assessed."""
    samples, _, _ = reported
    a2 = samples["A2_T"]
    assert _covered(a2) == {}
    assert NOT_ASSESSED in a2["pgp"]["note"] and NEGATIVE not in a2["pgp"]["note"]


def test_region_mode_reads_the_bypass_genes_through_the_index(tmp_path, reported):
    """`report` on the bgzipped, indexed VCF reads ALK and the bypass genes through the index (regions.py): the same
    genes covered and the same notes as the whole-file read."""
    from alkannot.regions import region_records

    gz = tmp_path / "egfr_intron_grch38.vcf.gz"
    shutil.copy(DATA / "egfr_intron_grch38.vcf", tmp_path / "egfr_intron_grch38.vcf")
    pysam.tabix_index(str(tmp_path / "egfr_intron_grch38.vcf"), preset="vcf", force=True)
    with pysam.VariantFile(str(gz)) as handle:
        fetched, note = region_records(handle, str(gz), "GRCh38", str(gz))
        assert fetched is not None and note is None  # region mode applies to this file
    indexed, _, _ = _report(tmp_path / "r", gz)
    whole, _, _ = reported
    for name in ("E1_T", "A2_T"):
        assert indexed[name]["off_target_genes"] == whole[name]["off_target_genes"], name
        assert indexed[name]["pgp"] == whole[name]["pgp"], name


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("coverage_example") / "r"
    samples, tsv, html, _ = readme_reports(prefix)
    return samples, tsv, html, Path(f"{prefix}.vcf.gz")


def test_the_example_cohorts_met_segments_are_met_copy_number_assessed(example):
    """(c) README's example: the small-variant VCF's 4 records are all in ALK; the SV VCF's MET <DUP> gives P1_T-P4_T
    and P6_T CN 2 (GT 0/0) and P5_T CN 9; P7_T has no column there. MET copy number is what was read, named with its
    CN; every other gene, and MET's small variants, are not assessed; P7_T's genes are all not assessed."""
    samples, tsv, page, _ = example
    for name in ("P1_T", "P2_T", "P3_T", "P4_T", "P6_T"):
        assert _covered(samples[name]) == {"MET": (["copy_number"], [2])}, name
    assert _covered(samples["P5_T"]) == {"MET": (["copy_number"], [9])}
    assert _covered(samples["P7_T"]) == {}
    for name in ("P3_T", "P4_T"):  # no ALK change explains the progression, no candidate: the screen is said
        note = samples[name]["pgp"]["note"]
        assert (
            " No protein-altering, copy-number or structural change was found in the genes alkannot checks that the "
            "input's records of this sample reach (bypass genes: MET (copy number only: CN 2)). Not assessed: the "
            "other genes alkannot checks (bypass genes: EGFR, KIT, KRAS, NRAS, MAP2K1, IGF1R, PIK3CA, NF2, BRAF, ERBB2; "
            "co-alteration, not a bypass gene: TP53), in which"
        ) in note
        assert screen_sentence(samples[name]) in note and tsv[name]["pgp_note"] == note
        assert "AMP17" not in samples[name]["pgp"]["sources"]  # no small variant read: no polymorphism cut-off
    p7 = samples["P7_T"]["pgp"]["note"]
    assert NOT_ASSESSED in p7 and NEGATIVE not in p7
    # the sentence the review found, in none of the outputs
    old = "change was found among the input's records in the genes alkannot checks"
    assert old not in html.unescape(page) and not any(old in row["pgp_note"] for row in tsv.values())


def test_the_annotated_vcf_records_what_the_records_reached(example, tmp_path):
    """##alkannotSample OffTargetCovered= keeps the MET copy number the SV VCF gave, so that `report` on the output
    alone (no --sv) says what annotate said, not that MET was not assessed; P7_T, reached by nothing, has no key."""
    samples, _, _, vcf = example
    with pysam.VariantFile(str(vcf)) as handle:
        lines = {r.get("ID"): str(r) for r in handle.header.records if r.key == "alkannotSample"}  # the sample lines
    assert 'OffTargetCovered="MET:copy_number:CN=2"' in lines["P3_T"]
    assert 'OffTargetCovered="MET:copy_number:CN=9"' in lines["P5_T"]
    assert "OffTargetCovered" not in lines["P7_T"]
    done = run("-q", "report", vcf, "--samples", Path(__file__).parent.parent / "example_vcfs" / "samples.tsv",
               "--out", tmp_path / "again", text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    again = {s["sample"]: s for s in json.loads((tmp_path / "again.json").read_text())["samples"]}
    for name in ("P3_T", "P4_T", "P7_T"):
        assert again[name]["off_target_genes"] == samples[name]["off_target_genes"], name
        assert again[name]["pgp"]["note"] == samples[name]["pgp"]["note"], name


def test_a_copy_number_segment_without_a_call_in_the_sample_does_not_count(tmp_path):
    """A merged CNV VCF's segment over MET with the sample './.' (no call) and no CN covers nothing for it; with GT 0/0
    and CN 2 it covers MET copy number, and with no GT its FORMAT CN alone does (a CNV caller's)."""
    from alkannot.bypass import BypassRecord
    from alkannot.bypass_coverage import CoverageFold

    rec = BypassRecord("MET", "bypass", "chr7", 116522196, "N", ("<DUP>",), "DUP", "PASS", {"END": 116978377})
    fold = CoverageFold()
    values = {"S_nocall": {"GT": (None, None), "CN": None}, "S_ref": {"GT": (0, 0), "CN": 2}}
    fold.add(rec, lambda: values)
    fold.add(rec, lambda: {"S_cn_only": {"CN": 3}})
    filtered = BypassRecord("EGFR", "bypass", "chr7", 55100000, "C", ("T",), None, "weak_evidence")
    fold.add(filtered, lambda: {"S_ref": {"GT": (0, 1)}})
    coverage = fold.frozen()
    assert coverage.of("S_nocall") == ()
    assert [(c.gene, c.kinds, c.copy_numbers) for c in coverage.of("S_ref")] == [("MET", ("copy_number",), (2,))]
    assert [(c.gene, c.copy_numbers) for c in coverage.of("S_cn_only")] == [("MET", (3,))]
