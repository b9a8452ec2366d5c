"""The clinical review of stop 36: a Mutect2 tumour/normal pair whose normal holds reads for G1202R (GT 0/0,
normal_artifact) is not read as ALK-mutation-negative; KAT16's and SEED's preclinical rows are not offered after a
lorlatinib progression (their cells were lorlatinib-naive); a fusion-only call without a treatment history says
what it does not know. Inputs: tests/data/review37 (its README says what each is)."""

from __future__ import annotations

from pathlib import Path

import pytest

from alkannot.lines_of_therapy import lines_of_therapy
from alkannot.untried import HISTORY_UNKNOWN
from tests.helpers import annotated_report

DATA = Path(__file__).parent / "data" / "review37"


def _sample(vcf: str, sheet: str, tmp_path: Path) -> dict:
    tmp_path.mkdir(parents=True, exist_ok=True)
    document, _ = annotated_report(DATA / vcf, DATA / sheet, tmp_path / Path(vcf).stem)
    (sample,) = [s for s in document["samples"] if s["sample"] == "T"]
    return sample


VERDICT = ("mechanism", "alk_mutation_negative", "pgp_check", "pgp_ihc_to_order", "pgp_triage", "inhibitors", "notes")


# ---------------------------------------------------------------- finding 1: Mutect2's normal
@pytest.mark.parametrize("vcf", ["m2_normal_artifact.vcf", "m2_artifact_in_normal.vcf", "m2_alt_allele_in_normal.vcf"])
def test_normal_artifact_with_reads_in_a_0_0_normal_is_read_as_in_the_normal(tmp_path, vcf):
    """GATK 4.1's filter name, GATK 4.0's and GATK 3's (review of the fix, finding 3)."""
    sample = _sample(vcf, "after_ceritinib.tsv", tmp_path)
    assert sample["mechanism"] == "on_target_possible"
    assert sample["alk_mutation_negative"] is False
    (g1202r,) = sample["alk_mutations"]
    assert g1202r["in_normal"] == ["N"]
    assert "also found in the matched normal" in sample["pgp"]["note"]
    assert "failed the caller's filter" not in sample["pgp"]["note"]


def test_normal_artifact_gives_the_verdict_of_a_called_normal_genotype(tmp_path):
    reads = _sample("m2_normal_artifact.vcf", "after_ceritinib.tsv", tmp_path / "reads")
    called = _sample("m2_normal_called.vcf", "after_ceritinib.tsv", tmp_path / "called")
    assert {k: reads[k] for k in VERDICT} == {k: called[k] for k in VERDICT}
    assert reads["pgp"] == called["pgp"]


def test_a_passing_change_with_a_few_reads_in_the_normal_stays_the_tumours(tmp_path):
    sample = _sample("m2_pass_normal_reads.vcf", "after_ceritinib.tsv", tmp_path)
    assert sample["mechanism"] == "on_target"
    assert sample["alk_mutations"][0]["in_normal"] == []
    assert sample["pgp_check"] == "not_indicated"


# ---------------------------------------------------------------- finding 3: lorlatinib-naive sources
def test_kat16_and_seed_rows_apply_after_crizotinib_or_ceritinib_only():
    preclinical = [row for row in lines_of_therapy() if row.sources in (("KAT16",), ("SEED",))]
    assert preclinical and all(row.only_after == ("crizotinib", "ceritinib") for row in preclinical)
    for history in (("lorlatinib", "crizotinib"), ("alectinib", "ceritinib"), ("brigatinib", "crizotinib")):
        assert not any(row.applies(history) for row in preclinical), history
    assert any(row.applies(("crizotinib",)) for row in preclinical)
    assert any(row.applies(("crizotinib", "ceritinib")) for row in preclinical)


def test_no_preclinical_alectinib_after_a_lorlatinib_progression(tmp_path):
    after = _sample("no_mutation.vcf", "lorlatinib_then_crizotinib.tsv", tmp_path / "lorlatinib")
    assert after["pgp_check"] == "recommended"
    assert "could overcome" not in after["pgp"]["note"]
    naive = _sample("no_mutation.vcf", "crizotinib_only.tsv", tmp_path / "naive")
    assert "alectinib or lorlatinib could overcome" in naive["pgp"]["note"]


# ---------------------------------------------------------------- finding 4: no treatment history
@pytest.mark.parametrize(
    ("sheet", "said"), [("history_not_given.tsv", True), ("no_progression.tsv", False), ("crizotinib_only.tsv", False)]
)
def test_fusion_only_calls_without_a_history_say_so(tmp_path, sheet, said):
    sample = _sample("no_mutation.vcf", sheet, tmp_path)
    lorlatinib = sample["inhibitors"]["lorlatinib"]
    assert (HISTORY_UNKNOWN in lorlatinib["note"]) is said
    if said:
        assert sample["pgp_check"] == "if_progressed"
        assert lorlatinib["category"] == "sensitive"  # the category stands; the note says what it rests on
        calls = [v for v in sample["inhibitors"].values() if v["category"] in ("sensitive", "intermediate")]
        assert calls and all(HISTORY_UNKNOWN in v["note"] for v in calls)
