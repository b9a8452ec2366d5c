"""Which ALK changes of a sample form a compound (clinical review 2026-12-01, fourth reading, findings 1, 2 and 4;
RULES.md sections 4, 5 and 8). Runs the installed CLI on small VCFs in tests/data/compound/.

same_position_grch38.vcf (GRCh38, matched normal N), after crizotinib:
SP1 L1240S+L1240W from one multi-allelic record (chr2:29214008 A>G,C, GT 1/2)
SP2 L1196M+L1196V from two records at one position (chr2:29220765 G>T and G>C)
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from helpers import annotated_report

from alkannot.compound_grouping import group_compound, pair_phase
from alkannot.sample_types import AlkMutation

DATA = Path(__file__).resolve().parent / "data" / "compound"


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.fixture(scope="module")
def same_position(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("same_position") / "r"
    document, page = annotated_report(
        DATA / "same_position_grch38.vcf", DATA / "same_position_samples.tsv", prefix, "--min-vaf", "0.05"
    )
    return {s["sample"]: s for s in document["samples"]}, _text(page), Path(f"{prefix}.tsv").read_text()


@pytest.mark.parametrize(
    "sample,changes",
    [("SP1", ["L1240S", "L1240W"]), ("SP2", ["L1196M", "L1196V"])],
    ids=["one multi-allelic record, GT 1/2", "two records at one position"],
)
def test_two_alt_alleles_at_one_position_are_in_trans(same_position, sample, changes):
    """Two different bases at one position cannot be on one molecule: trans by definition, not a compound whose
    phase was not determined."""
    doc, page, tsv = same_position
    compound = doc[sample]["compound"]
    assert compound["changes"] == changes
    assert compound["phase"] == "trans" and compound["phase_method"] == "same position"
    assert compound["rule"] == "trans_least_favourable"
    label = "+".join(changes)
    assert (
        f"ALK mutations on different alleles (trans; not a compound): {label} — phase trans (from same position)"
        in page
    )
    assert f"Compound: {label}" not in page and "phase not determined" not in page
    assert f"{label} on different alleles (trans; not a compound)" in page  # the cohort table's line
    assert f"{label} trans (phase from same position)" in tsv
    assert all(v["basis"] == f"{label} (trans)" for v in doc[sample]["inhibitors"].values())


def _mutation(change: str, pos: int, ref: str, alt: str, record: int) -> AlkMutation:
    position = int(re.sub(r"\D", "", change[1:5]))
    return AlkMutation(
        change, f"p.{change}", "c.?", "missense_variant", "kinase_domain", position, "chr2", pos, ref, alt, "PASS",
        0.3, "AF", 100, False, "known", (), (), record=record,
    )  # fmt: skip


def test_a_padded_indel_at_the_position_of_an_snv_may_be_on_the_same_molecule():
    """Of two records at one POS, only alleles that both change the base at POS, to different bases, exclude each
    other: a padded deletion leaves that base as it is."""
    snv = _mutation("L1196M", 29220765, "G", "T", 1)
    other_base = _mutation("L1196V", 29220765, "G", "C", 2)
    deletion = _mutation("E1197del", 29220765, "GCTC", "G", 3)
    assert pair_phase(snv, other_base) == ("trans", "same position")
    assert pair_phase(snv, deletion) == ("unknown", "none")
    assert group_compound([snv, deletion])[1:] == ("unknown", "none")
    same_record = _mutation("L1196V", 29220765, "G", "C", 1)
    assert pair_phase(snv, same_record) == ("trans", "same position")
    mnv_part = _mutation("G1202R", 29220765, "G", "T", 1)  # two protein changes of one MNV allele
    assert pair_phase(snv, mnv_part) == ("cis", "MNV record")
