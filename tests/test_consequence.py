"""The mapper against public, independently named ALK variants and hand-checked edge cases."""

import csv
import re
from pathlib import Path

import pytest

from alkannot.consequence import annotate_variant
from alkannot.existing import one_letter

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
OFFSET = 222866  # GRCh37 - GRCh38 inside ALK (constant over every exon boundary)


def _both_builds(pos37: int):
    return [("GRCh37", "2", pos37), ("GRCh38", "chr2", pos37 - OFFSET)]


def _check_variant_rows():
    with open(DATA / "check_variants.tsv") as handle:
        return [r for r in csv.DictReader(handle, delimiter="\t") if r["kind"] == "snv"]


@pytest.mark.parametrize("row", _check_variant_rows(), ids=lambda r: f"{r['id']}-{r['label']}")
def test_public_snvs_both_builds(row):
    pos37 = int(row["pos"]) + (OFFSET if row["build"] == "GRCh38" else 0)
    for build, chrom, pos in _both_builds(pos37):
        c = annotate_variant(build, chrom, pos, row["ref"], row["alt"])
        assert not c.ref_mismatch
        if row["expected_hgvsc"]:
            assert c.hgvsc == row["expected_hgvsc"]
        if row["expected_protein"]:
            assert c.hgvsp == "p." + row["expected_protein"]
        assert c.exon == f"{row['expected_exon']}/29"


def _civic_rows():
    path = DATA / "civic_alk_variants.tsv"
    rows = []
    with open(path) as handle:
        for r in csv.DictReader(handle, delimiter="\t"):
            vcf = (r["vcf_records_2024_accepted"] or r["vcf_records_2019_accepted_and_submitted"]).split(" | ")[0]
            if re.match(r"^\d+:\d+:[ACGT]+>[ACGT]+$", vcf):
                rows.append((r, vcf))
    return rows


@pytest.mark.parametrize("row,vcf", _civic_rows(), ids=lambda x: x if isinstance(x, str) else x["variant_name"])
def test_civic_variants_both_builds(row, vcf):
    chrom, pos, change = vcf.split(":")
    ref, alt = change.split(">")
    hgvs = row["hgvs_descriptions"]
    want_c = re.search(r"(?:NM_004304\.[45]|ENST00000389048\.\d+):(c\.[^,]+)", hgvs)
    want_p = re.search(r"NP_004295\.2:(p\.[^,]+)", hgvs)
    for build, name, p in _both_builds(int(pos)):
        c = annotate_variant(build, name, p, ref, alt)
        if want_c:
            assert c.hgvsc == want_c.group(1)
        if want_p:
            assert c.hgvsp == one_letter(want_p.group(1))
        if "dup" in row["variant_name"].lower() or "INS" in row["variant_name"]:
            assert (c.hgvsc, c.hgvsp) == ("c.3451_3453dup", "p.T1151dup")


# Hand-checked against alk_cds.fa: c.3595-3615 = ATG GCG GGG GGA GAC CTC AAG (M1199..K1205);
# c.3600-3605 is a run of six G, so deletions there move to its 3' end.
EDGE_CASES = [
    # name, GRCh37 pos, REF, ALT, HGVSc, HGVSp, consequence
    ("codon deletion, left-aligned input", 29443610, "CTCC", "C", "c.3605_3607del", "p.G1202del", "inframe_deletion"),
    ("same deletion, not normalised", 29443613, "CCCC", "C", "c.3603_3605del", "p.G1202del", "inframe_deletion"),
    ("1-bp deletion in a G run", 29443612, "CC", "C", "c.3605del", "p.G1202Efs*56", "frameshift_variant"),
    ("1-bp deletion written 5' in the run", 29443616, "CC", "C", "c.3605del", "p.G1202Efs*56", "frameshift_variant"),
    ("1-bp insertion", 29443612, "C", "CT", "c.3604_3605insA", "p.G1202Efs*83", "frameshift_variant"),
    ("1-bp duplication in a G run", 29443612, "C", "CC", "c.3605dup", "p.D1203Rfs*82", "frameshift_variant"),
    ("MNV over two codons", 29443613, "CC", "TT", "c.3603_3604delinsAA", "p.G1202R", "missense_variant"),
    ("MNV, one residue changed", 29443612, "CCC", "TTT", "c.3603_3605delinsAAA", "p.G1202K", "missense_variant"),
    (
        "MNV changing two residues",
        29443610,
        "CTC",
        "TAG",
        "c.3605_3607delinsCTA",
        "p.G1202_D1203delinsAN",
        "missense_variant",
    ),
    (
        "in-frame T1151 duplication (CIViC)",
        29445271,
        "G",
        "GCGT",
        "c.3451_3453dup",
        "p.T1151dup",
        "inframe_insertion&splice_region_variant",
    ),
    ("splice donor +1", 29445209, "C", "A", "c.3515+1G>T", ".", "splice_donor_variant"),
    ("splice acceptor -2", 29445276, "T", "A", "c.3451-2A>T", ".", "splice_acceptor_variant"),
    ("5' UTR", 30143530, "G", "A", "c.-5C>T", ".", "5_prime_UTR_variant"),
    ("3' UTR", 29416080, "G", "A", "c.*10C>T", ".", "3_prime_UTR_variant"),
    ("start lost", 30143525, "T", "C", "c.1A>G", "p.M1?", "start_lost"),
    # the 3' UTR of NM_004304.5 is not bundled (no readable source of its sequence), so an extension's length
    # is unknown and written ext*? as HGVS allows; the new residue and the deleted range are exact
    ("stop lost", 29416092, "A", "G", "c.4861T>C", "p.*1621Rext*?", "stop_lost"),
    ("stop lost to Trp", 29416090, "T", "C", "c.4863A>G", "p.*1621Wext*?", "stop_lost"),
    ("stop retained", 29416091, "C", "T", "c.4862G>A", "p.*1621=", "stop_retained_variant"),
    (
        "codon deletion into the stop",
        29416091,
        "CAGG",
        "C",
        "c.4859_4861del",
        "p.P1620_*1621delinsRext*?",
        "stop_lost&inframe_deletion",
    ),
    ("stop gained", 29443613, "C", "A", "c.3604G>T", "p.G1202*", "stop_gained"),
    ("synonymous (ClinVar rs56247462)", 29443617, "C", "G", "c.3600G>C", "p.A1200=", "synonymous_variant"),
]


@pytest.mark.parametrize("case", EDGE_CASES, ids=lambda c: c[0])
def test_edge_cases_both_builds(case):
    name, pos37, ref, alt, hgvsc, hgvsp, consequence = case
    for build, chrom, pos in _both_builds(pos37):
        c = annotate_variant(build, chrom, pos, ref, alt)
        assert (c.hgvsc, c.hgvsp, c.consequence) == (hgvsc, hgvsp, consequence), build


def test_intronic_offsets_and_exon_labels():
    c = annotate_variant("GRCh37", "2", 29445209 - 11, "A", "G")
    assert c.hgvsc == "c.3515+12T>C" and c.exon == "i22/28" and c.consequence == "intron_variant"
    c = annotate_variant("GRCh38", "chr2", 29223529, "C", "G")  # first base of intron 19 (its REF: C)
    assert c.hgvsc.startswith("c.3173-1") and c.exon == "i19/28"
    assert "splice_acceptor_variant" in c.consequence


def test_outside_alk_and_symbolic_alleles_are_left_alone():
    assert annotate_variant("GRCh37", "2", 29000000, "A", "G").hgvsc == "."
    assert annotate_variant("GRCh37", "3", 29443613, "C", "T").hgvsc == "."
    for alt in ("<DEL>", "C[2:42522700[", "]2:42522700]C", "C.", ".C", "*"):
        assert annotate_variant("GRCh37", "2", 29443613, "C", alt).hgvsc == "."


def test_refseq_contig_names_are_chromosome_2():
    assert annotate_variant("GRCh37", "NC_000002.11", 29443613, "C", "T").hgvsp == "p.G1202R"
    assert annotate_variant("GRCh38", "NC_000002.12", 29220747, "C", "T").hgvsp == "p.G1202R"


def test_ref_mismatch_is_flagged():
    assert annotate_variant("GRCh37", "2", 29443613, "A", "T").ref_mismatch
    assert not annotate_variant("GRCh37", "2", 29443613, "C", "T").ref_mismatch


def test_ref_mismatch_gets_no_c_or_protein_change_derived_from_the_reference():
    """Reference C (c.3604G) at GRCh37 2:29443613; a record A>T would be 'c.3604T>A' (says c.3604 is T) and
    'p.G1202R' (the reference's codon with the ALT base): neither is supported by the record."""
    c = annotate_variant("GRCh37", "2", 29443613, "A", "T")
    assert (c.hgvsc, c.hgvsp, c.protein_change, c.consequence) == (".", "p.?", None, "coding_sequence_variant")
    assert (c.exon, c.region, c.aa_start, c.location) == ("23/29", "kinase_domain", 1202, "c.3604 in codon 1202")
    # an indel whose REF disagrees is not shifted 3' over a sequence it contradicts; REF's span is named
    d = annotate_variant("GRCh38", "chr2", 29220747, "AC", "A")
    assert (d.hgvsc, d.hgvsp, d.shifted, d.location) == (".", "p.?", False, "c.3603_3604 in codons 1201-1202")
    assert annotate_variant("GRCh37", "2", 29443613, "C", "T").location == "."


def test_ambiguous_ref_base_is_named_from_the_bundled_reference():
    from alkannot.api import map_variant

    c = map_variant("GRCh37", "2", 29443613, "N", "T")
    assert (c.hgvsc, c.hgvsp, c.ref_mismatch) == ("c.3604G>A", "p.G1202R", False)
