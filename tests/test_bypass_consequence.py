"""A record in a bypass gene's span is an off-target change only where the input's own annotation (VEP, SnpEff,
bcftools csq, a MAF's class) says the allele the sample carries alters the protein. A genome or exome VCF holds
dozens of intronic, synonymous and UTR records in EGFR's, BRAF's or ABCB1's span: each was "KRAS mutation" and an
off-target candidate, and the P-gp note named hundreds. An annotated change that leaves the protein as it is is not
listed; an unannotated one is listed as of unknown consequence, never a candidate, and a gene's more than three are
one entry. Through the installed CLI on tests/data/bypass_consequence (PROVENANCE.md there)."""

import csv
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from helpers import ALKANNOT

from alkannot.existing import bcsq_protein, protein_altering
from alkannot.report.json_report import schema

DATA = Path(__file__).parent / "data" / "bypass_consequence"
EGFR_FIVE = "5 separate records between chr7:55050000 and chr7:55170000"
MET_THREE = ("chr7:116700000 G>A", "chr7:116740000 G>A", "chr7:116780000 G>A")
KRAS_G12C = "chr12:25245351 C>A"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[dict[str, dict], str, dict[str, dict]]:
    out = tmp_path_factory.mktemp("bypass") / "r"
    inputs = [
        str(DATA / f"bypass_{name}_grch38.vcf") for name in ("vep", "plain", "snpeff", "abcb1", "bcsq", "bcsq_edges")
    ]
    done = subprocess.run(
        [ALKANNOT, "-q", "report", *inputs, "--samples", str(DATA / "samples.tsv"), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    doc = json.loads(out.with_suffix(".json").read_text())
    jsonschema.validate(doc, schema())
    with open(out.with_suffix(".tsv"), newline="") as handle:
        rows = {r["sample"]: r for r in csv.DictReader((x for x in handle if not x.startswith("#")), delimiter="\t")}
    return {s["sample"]: s for s in doc["samples"]}, out.with_suffix(".html").read_text(), rows


@pytest.mark.parametrize(
    ("terms", "altering"),
    [
        (("missense_variant (VEP)",), True),
        (("inframe_deletion (VEP)", "splice_region_variant (VEP)"), True),
        (("disruptive_inframe_insertion (SnpEff)",), True),
        (("missense (BCSQ)",), True),
        (("Missense_Mutation (MAF)",), True),
        (("stop_gained (VEP)",), True),
        (("synonymous_variant (VEP)",), False),
        (("intron_variant (VEP)", "splice_region_variant (VEP)"), False),
        (("3_prime_UTR_variant (VEP)", "upstream_gene_variant (VEP)"), False),
        (("Silent (MAF)",), False),
        ((), False),
    ],
)
def test_protein_altering_reads_every_annotators_terms(terms, altering):
    assert bool(protein_altering(terms)) is altering


def test_annotated_changes_that_leave_the_protein_are_not_listed(report):
    samples, _, rows = report
    s1 = samples["S1_not_protein"]
    # EGFR intron + synonymous, ABCB1 synonymous, a record in ABCB1's span that VEP annotates for RUNDC3B only, and
    # an EGFR missense at MAX_AF 0.3 (a common polymorphism: AMP/ASCO/CAP 2017 tier IV, ClinGen/CGC/VICC SBS1)
    assert s1["off_target"] == []
    assert (s1["mechanism"], s1["pgp_check"]) == ("unexplained", "recommended")
    # S1 is called at the file's KRAS records too (0/0): both genes were reached by its records, no other (stop 41)
    assert (
        "No protein-altering, copy-number or structural change was found in the genes alkannot checks that the "
        "input's records of this sample reach (bypass genes: EGFR (small variants only), KRAS (small variants only)); "
        "a common polymorphism" in s1["pgp"]["note"]
    )
    assert rows["S1_not_protein"]["off_target"] == ""


def test_an_annotated_missense_stays_an_off_target_candidate(report):
    samples, _, rows = report
    s2 = samples["S2_kras_missense"]
    # VEP's missense, and SnpEff's on a transcript whose biotype a RefSeq database gives as "Coding"
    # the record names the protein change the annotation gives (second review of stop 29's change)
    for s, tool in ((s2, "VEP"), (samples["S5_snpeff_coding"], "SnpEff")):
        assert [(o["gene"], o["kind"], o["record"], o["candidate"], o["records"]) for o in s["off_target"]] == [
            ("KRAS", "mutation", f"{KRAS_G12C} (p.G12C, {tool})", True, 1)
        ]
        assert s["mechanism"] == "off_target_candidate"
    assert (
        f"An off-target candidate is also listed: KRAS mutation at {KRAS_G12C} (p.G12C, VEP; see" in s2["pgp"]["note"]
    )
    assert rows["S2_kras_missense"]["off_target"] == f"KRAS mutation {KRAS_G12C} (p.G12C, VEP)"
    # the TSV column a cohort table filters on: the entries that count as candidates
    assert rows["S2_kras_missense"]["off_target_candidates"] == "KRAS mutation"


def test_unannotated_changes_are_of_unknown_consequence_and_a_genes_many_are_one_entry(report):
    samples, _, rows = report
    s3 = samples["S3_unannotated"]
    found = [(o["gene"], o["kind"], o["record"], o["candidate"], o["records"]) for o in s3["off_target"]]
    assert found == [
        ("EGFR", "mutation_unassessed", EGFR_FIVE, False, 5),
        *(("MET", "mutation_unassessed", record, False, 1) for record in MET_THREE),
        ("KRAS", "mutation_unassessed", KRAS_G12C, False, 1),
    ]
    # not a candidate: nothing explains the progression, and the P-gp check stays recommended
    assert (s3["mechanism"], s3["pgp_check"]) == ("unexplained", "recommended")
    egfr, *_, kras = s3["off_target"]
    assert egfr["statement"].startswith(
        "the input does not annotate what these changes do to the EGFR protein and alkannot has no EGFR transcript "
        "model, so they are not assessed and not off-target candidates (annotate the VCF with VEP, SnpEff or "
        "bcftools csq to assess them). What the sources say of EGFR: EGFR activation is listed as a bypass track"
    )
    assert kras["statement"].startswith(
        "the input does not annotate what this change does to the KRAS protein and alkannot has no KRAS transcript "
        "model, so it is not assessed and not an off-target candidate"
    )
    assert (
        f" Changes of unknown consequence are listed (EGFR {EGFR_FIVE}, "
        + ", ".join(f"MET {r}" for r in MET_THREE)
        + f", KRAS {KRAS_G12C}): the input does not annotate what they do to the protein, and alkannot has no "
        "transcript model of these genes; annotate the VCF (VEP, SnpEff or bcftools csq) to assess them. No "
        "protein-altering, copy-number or structural change was found, besides the change(s) of unknown consequence "
        "listed, in the genes alkannot checks that the input's records of this sample reach (bypass genes: MET (small "
        "variants only), EGFR (small variants only), KRAS (small variants only))"
    ) in s3["pgp"]["note"]
    assert "Look first at the off-target candidates" not in s3["pgp"]["note"]
    assert rows["S3_unannotated"]["off_target"].split(";")[0] == f"EGFR mutation_unassessed {EGFR_FIVE}"
    assert rows["S3_unannotated"]["off_target_candidates"] == ""  # listed, none a candidate


def test_the_html_names_a_genes_many_changes_as_one_line(report):
    _, html, _ = report
    assert f"<li><b>EGFR</b> mutation unassessed, {EGFR_FIVE}: the input does not annotate" in html
    assert "<b>Off-target findings</b> (listed beside the P-gp check, not instead of it)" in html
    assert (
        f"<li><b>MET</b> mutation unassessed at {MET_THREE[0].replace('>', '&gt;')}: the input does not annotate"
        in html
    )
    assert html.count("<li><b>MET</b> mutation unassessed at") == 3


def test_a_change_the_annotation_leaves_open_is_of_unknown_consequence_with_its_terms(report):
    """A splice-region change (MET exon 14 skipping is caused by such changes too) is listed with what the
    annotation says, never a candidate, and the P-gp note does not ask to annotate a VCF that is annotated."""
    samples, _, _ = report
    s4 = samples["S4_splice_region"]
    (found,) = s4["off_target"]
    assert (found["gene"], found["kind"], found["record"], found["candidate"]) == (
        "KRAS",
        "mutation_unassessed",
        "chr12:25209000 T>C",
        False,
    )
    assert found["statement"].startswith(
        "the input's annotation (splice_region_variant (VEP)) does not say whether this change alters the KRAS "
        "protein, and alkannot has no KRAS transcript model, so it is not assessed and not an off-target candidate. "
        "What the sources say: KRAS is listed as a bypass track"
    )
    assert (
        " A change whose annotation does not say whether it alters the protein is listed (KRAS chr12:25209000 T>C: "
        "splice_region_variant (VEP)); alkannot has no transcript model of KRAS to tell. No protein-altering"
    ) in s4["pgp"]["note"]
    assert "annotate the VCF" not in s4["pgp"]["note"]
    assert s4["mechanism"] == "unexplained"


@pytest.mark.parametrize(
    ("amino_acids", "protein"), [("12G>12C", "p.G12C"), ("787Q", "p.Q787="), ("746ELREA>746A", None), ("", None)]
)
def test_bcftools_csq_amino_acid_changes_read_as_one_letter_p(amino_acids, protein):
    assert bcsq_protein(amino_acids) == protein


def test_an_abcb1_change_is_named_once_with_its_sourced_statement(report):
    """An annotated ABCB1 missense: named with the statement that it does not establish P-gp status once (the note
    said so twice, the second time sourced; review of stop 29, left item). The input holds no other record of S6, so
    the genes alkannot checks are not assessed (stop 41; before, 'No other protein-altering ... change was found')."""
    samples, _, rows = report
    s6 = samples["S6_abcb1_missense"]
    assert [(o["gene"], o["kind"], o["candidate"]) for o in s6["off_target"]] == [("ABCB1", "mutation", False)]
    assert (s6["mechanism"], s6["pgp_check"]) == ("unexplained", "recommended")
    note = s6["pgp"]["note"]
    assert note.count("does not establish") == 1
    assert (
        " An ABCB1 record is listed (mutation chr7:87600100 C>T). P-gp status is an expression (IHC) finding and is "
        "not inferred from the VCF; an ABCB1 record in the VCF does not establish it [SEED; KAT16]. Bypass and "
        "co-alteration genes not assessed: the input holds no record of this sample, or none that passed the caller's "
        "filters, in the genes alkannot checks (bypass genes: MET,"
    ) in note
    assert "No other protein-altering" not in note
    assert rows["S6_abcb1_missense"]["off_target_candidates"] == ""


def test_a_bcftools_csq_compound_is_read_where_its_consequence_is_given(report):
    """bcftools csq gives a compound's consequence (two changes in KRAS codon 12) at one record, naming both records
    '+'-joined, and a pointer ('@25245350') at the other (bcftools manual, csq). The first record was read as
    unannotated where the '+'-joined change did not end with its own ALT, and the pointer's record as 'the input
    does not annotate what this change does' (review of stop 29, left item): the compound is one candidate, named
    with the protein change the annotation gives, and the pointer's record is not listed apart."""
    samples, _, rows = report
    s7 = samples["S7_bcsq_compound"]
    assert [(o["gene"], o["kind"], o["record"], o["candidate"]) for o in s7["off_target"]] == [
        ("KRAS", "mutation", "chr12:25245350 C>A (p.G12I, BCSQ)", True)
    ]
    assert s7["mechanism"] == "off_target_candidate"
    assert rows["S7_bcsq_compound"]["off_target_candidates"] == "KRAS mutation"


def test_a_bcftools_csq_pointer_to_a_record_not_in_the_input_is_of_unknown_consequence(report):
    """bcftools csq, then `view -f PASS`, may remove the record a pointer ('@25245350') points to: the compound's
    consequence is then read nowhere, and the pointer's record is a change of unknown consequence saying where its
    consequence was given, not left out (review of stop 30's change, finding 2)."""
    samples, _, _ = report
    (entry,) = samples["S8_bcsq_pointer_only"]["off_target"]
    assert (entry["gene"], entry["kind"], entry["record"], entry["candidate"]) == (
        "KRAS",
        "mutation_unassessed",
        "chr12:25245351 C>T",
        False,
    )
    assert entry["statement"].startswith(
        "the input's annotation (consequence_given_at_25245350 (BCSQ)) does not say whether this change alters the "
        "KRAS protein"
    )


def test_a_bcsq_entry_is_an_alleles_by_position_ref_and_alt(report):
    """S9 carries the multi-allelic record's second ALT (T), whose own entry is synonymous; the first ALT's compound
    entry names '25245302G>T', another record's change ending in T: not S9's (review of stop 30's change,
    finding 6)."""
    samples, _, _ = report
    assert samples["S9_bcsq_synonymous_allele"]["off_target"] == []
