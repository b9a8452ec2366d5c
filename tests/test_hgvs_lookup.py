"""`alkannot lookup` with DNA-level changes: HGVS c./g. and CHROM:POSREF>ALT mapped to the protein change."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pysam
import pytest
from helpers import ALKANNOT

from alkannot import api
from alkannot.errors import InputError
from alkannot.hgvs import looks_dna_level, parse_dna_change, protein_alteration

ROOT = Path(__file__).parent.parent
REFSEQ = {"GRCh37": "NC_000002.11", "GRCh38": "NC_000002.12"}


def lookup(*args):
    return subprocess.run([ALKANNOT, "lookup", *args], capture_output=True, text=True)


@pytest.mark.parametrize(
    "query, build",
    [
        ("c.3604G>A", None),
        ("NM_004304.5:c.3604G>A", None),
        ("NC_000002.12:g.29220747C>T", None),
        ("2:29220747C>T", "GRCh38"),
        ("chr2:g.29443613C>T", "GRCh37"),
        ("NC_000002.11:g.29443613C>T", None),
        ("NM_004304.5(ALK):c.3604G>A", None),  # ClinVar's form, with the gene: refused before (review of stop 45, p1)
    ],
)
def test_the_forms_of_g1202r_give_g1202r(query, build):
    run = lookup(query, "--json", *(("--build", build) if build else ()))
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)["results"][0]
    assert result["alteration"] == "G1202R" and result["resistance"] == "known"
    assert result["query"] == f"{query} = NM_004304.5:c.3604G>A p.G1202R"
    assert result["calls"]["alectinib"]["category"] == "resistant"


def _alk_alleles():
    """Every ALK allele of the bundled examples and test VCFs, with the c./p. annotate gives it."""
    found = []
    for build, path in (
        ("GRCh37", ROOT / "example_vcfs/GRCh37/tumor_normal.vcf"),
        ("GRCh38", ROOT / "example_vcfs/GRCh38/tumor_normal.vcf"),
        ("GRCh37", ROOT / "tests/data/alk_snvs_grch37.vcf"),
    ):
        with pysam.VariantFile(str(path)) as vf:
            for rec in vf:
                for alt in rec.alts or ():
                    c = api.map_variant(build, rec.chrom, rec.pos, rec.ref, alt)
                    if c.protein_change and c.hgvsc != ".":
                        found.append((build, rec.pos, rec.ref, alt, c))
    assert len(found) >= 8
    return found


@pytest.mark.parametrize(
    "build, pos, ref, alt, consequence", _alk_alleles(), ids=lambda v: v.hgvsc if hasattr(v, "hgvsc") else None
)
def test_c_and_g_descriptions_round_trip_through_the_transcript_model(build, pos, ref, alt, consequence):
    """The c. that annotate writes, read back, names the same protein change; so does the g. of an SNV.
    A record whose REF disagrees with the bundled sequence gets no c. (which lookup would refuse, naming the
    bundled base: test_bad_dna_level_queries_are_one_line_exit_3), so it is not among these alleles."""
    assert not consequence.ref_mismatch
    try:
        label, protein = protein_alteration(consequence.hgvsc)
    except InputError as exc:  # e.g. synonymous: no knowledge-base key
        assert "no protein change the knowledge base can hold" in str(exc)
        return
    assert protein == consequence.protein_change and consequence.hgvsc in label
    if len(ref) == len(alt) == 1:
        genomic = f"{REFSEQ[build]}:g.{pos}{ref}>{alt}"
        assert protein_alteration(genomic)[1] == consequence.protein_change
        assert parse_dna_change(genomic).build == build


def test_indels_by_c_description():
    assert protein_alteration("c.3451_3453dup")[1] == "T1151dup"
    assert protein_alteration("c.3605_3607del")[1] == "G1202del"
    assert parse_dna_change("c.3605_3607del", "GRCh37") == parse_dna_change("c.3605_3607delGAG", "GRCh37")


@pytest.mark.parametrize("query", ["NP_004295.2:p.Gly1202Arg", "NP_004295.2:p.G1202R", "NP_004295(ALK):p.(Gly1202Arg)"])
def test_hgvs_on_alks_refseq_protein_is_read(query):
    """ALK_HGVSP's protein, NP_004295.2, named before the change as HGVS writes it: refused before as "not a protein
    change such as G1202R" (fresh-eyes review of stop 45, p1)."""
    run = lookup(query, "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)["results"][0]
    assert (result["query"], result["alteration"], result["resistance"]) == (query, "G1202R", "known")


@pytest.mark.parametrize(
    "query, reason",
    [
        ("c.3604C>A", "the reference there is G on NM_004304.5, not C"),
        ("NC_000002.11:g.29443613G>T", "the reference there is C on chr2, not G"),
        ("c.99999A>G", "c.99999 lies outside NM_004304.5"),
        ("c.3515+1G>T", "(splice_donor_variant) is no protein change the knowledge base can hold"),
        ("7:1234A>G --build GRCh38", "7 is not chromosome 2"),
        ("NM_004304.5(EGFR):c.3604G>A", "write c.… on NM_004304.5"),  # only ALK's own gene name is taken
        ("NP_004295.2:p.G1203R", "residue 1203 of ALK (NP_004295.2) is D, not G"),
    ],
)
def test_bad_dna_level_queries_are_one_line_exit_3(query, reason):
    run = lookup(*query.split())
    assert run.returncode == 3 and run.stdout == ""
    assert run.stderr.startswith("alkannot: error: alteration: ") and reason in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "query, reason",
    [
        (
            "2:29220747C>T",
            "'2:29220747C>T': a position on chromosome 2 needs --build GRCh37 or --build GRCh38 (or hg19, hg38), "
            "or the RefSeq named: NC_000002.11 / NC_000002.12",
        ),
        (
            "NC_000002.12:g.29220747C>T --build GRCh37",
            "'NC_000002.12:g.29220747C>T': NC_000002.12 is GRCh38, but --build GRCh37 was given",
        ),
    ],
)
def test_a_missing_or_contradicting_build_is_a_usage_error(query, reason):
    """The option the command line lacks or contradicts: exit 2 with the usage hint (seventh reading, finding 14)."""
    run = lookup(*query.split())
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr == f"alkannot: error: alteration: {reason} (see 'alkannot lookup --help')\n"


def test_protein_names_are_left_to_the_protein_parser():
    assert not any(looks_dna_level(t) for t in ("G1202R", "p.Gly1202Arg", "G1202R+L1196M", "EML4::ALK v3"))
    assert all(looks_dna_level(t) for t in ("c.3604G>A", "NC_000002.12:g.1A>T", "chr2:29220747C>T"))


@pytest.mark.parametrize("text", ["", " \t "])
def test_empty_dna_change_is_an_input_error(text):
    # the library call, not the CLI: `lookup` sends empty text to the protein parser, but parse_dna_change
    # used to fail on it with AttributeError (no prefix match) instead of the usual InputError
    with pytest.raises(InputError, match="no change given"):
        parse_dna_change(text, "GRCh38")
