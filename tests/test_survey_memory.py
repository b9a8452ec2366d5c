"""Pass 1 keeps a sample's FORMAT values of an ALK record only where a verdict can read them: memory grew with
(records in ALK) x (samples), 1.7 GB for a 200-sample cohort (pipeline review pipe4, finding 2)."""

from __future__ import annotations

from pathlib import Path

from alkannot.genotype import carrier_values
from alkannot.options import AnnotateOptions
from alkannot.sample import sample_mutations
from alkannot.survey import survey_input

DATA = Path(__file__).parent / "data"
VCF = DATA / "survey_carriers_grch38.vcf"


def _survey():
    return survey_input(str(VCF), str(VCF), AnnotateOptions(input_path=str(VCF)))


def _by_position():
    return {r.pos: r for r in _survey().alk_records.values()}


def test_an_intronic_alk_record_keeps_no_sample_values():
    records = _by_position()
    assert set(records) == {29200000, 29220745, 29220747}  # every ALK record is still kept for its INFO edit
    intronic = records[29200000]
    assert intronic.alleles[0].consequence.consequence == "intron_variant"
    assert intronic.samples == {}  # although TUMOR, NORMAL and NOGT carry its allele


def test_a_synonymous_alk_record_keeps_no_sample_values():
    synonymous = _by_position()[29220745]
    assert synonymous.alleles[0].consequence.hgvsp == "p.G1202="
    assert synonymous.samples == {}


def test_a_listed_change_keeps_the_values_of_its_carriers_only():
    g1202r = _by_position()[29220747]
    assert g1202r.alleles[0].consequence.hgvsp == "p.G1202R"
    # NOGT: no called genotype, AD shows the allele (a carrier); REFREADS: 0/0 with two alt reads; MISSING: ./.
    assert sorted(g1202r.samples) == ["NOGT", "NORMAL", "TUMOR"]
    assert g1202r.samples["NOGT"]["AD"] == (20, 5)


def test_verdicts_read_the_kept_values_as_before():
    s = _survey()
    tumour = sample_mutations(s, "TUMOR", None, normals=("NORMAL", "REFREADS", "MISSING"))
    assert [(m.protein_change, m.vaf, m.in_normal) for m in tumour] == [("G1202R", 0.5, ("NORMAL",))]
    assert [(m.protein_change, m.vaf) for m in sample_mutations(s, "NOGT", None)] == [("G1202R", 0.2)]
    assert sample_mutations(s, "REFREADS", None) == [] and sample_mutations(s, "MISSING", None) == []


def test_values_that_cannot_be_read_are_kept_for_the_verdict():
    values = {
        "CALLED": {"GT": (0, 1)},
        "REF": {"GT": (0, 0), "AD": (3, 1)},  # alt reads without a called genotype: not a carrier
        "TEXT_AD": {"GT": (None, None), "AD": ("3", "1")},  # AD of another type: kept, not judged here
        "NO_GT": {"GT": (None, None), "AD": (3, 1)},
        "EMPTY": {},
    }
    assert sorted(carrier_values(values, [1], "C", ("T",))) == ["CALLED", "NO_GT", "TEXT_AD"]
