"""A compound in cis whose minor part is below --min-vaf leaves its clonal parts as the tumour's bulk: two or more of
them are read as their own compound (T3: G1202R 30% + L1196M 28% + L1240S 2%, all in cis, reads as T2, the pair
alone), not each on its own (review of stop 30's change, finding 5); where every part is below --min-vaf (B2) the
compound is read as one, as before. Through the installed CLI on tests/data/compound_three (PROVENANCE.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import annotated_report

DATA = Path(__file__).parent / "data" / "compound_three"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, dict]:
    document, _ = annotated_report(
        DATA / "three_part_cis_grch38.vcf",
        DATA / "samples.tsv",
        tmp_path_factory.mktemp("three") / "r",
        "--min-vaf",
        "0.05",
    )
    return {s["sample"]: s for s in document["samples"]}


PAIR = "L1196M+G1202R (cis), which has no genotype-based lorlatinib call in the knowledge base, is present"


def test_the_clonal_parts_are_read_as_their_own_compound(samples):
    t3, t2 = samples["T3"], samples["T2"]
    assert PAIR in t3["pgp"]["note"] and PAIR in t2["pgp"]["note"]
    assert "no clonal ALK mutation is known to explain it" not in t3["pgp"]["note"]
    assert (t3["mechanism"], t3["pgp_check"]) == (t2["mechanism"], t2["pgp_check"])


def test_a_compound_all_below_min_vaf_is_read_as_one(samples):
    note = samples["B2"]["pgp"]["note"]
    assert "G1202R+L1240S (cis), below the clonality cut-off set for this run, may explain it only in part" in note
    assert "G1202R (VAF 3.0%)" not in note
