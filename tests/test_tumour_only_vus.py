"""A possibly germline change of unknown significance in a tumour-only sample does not demote a known resistance mutation
(clinical review hC of stop 42, finding 1; RULES.md section 8). Scenario C15 (tests/data/tumour_only_vus, from
/work/hC/scenarios): tumour-only, G1202R 22% and the kinase-domain VUS A1234T 49% after alectinib; C15b: the same tumour
with a matched normal carrying A1234T (germline). A1234T's 49% read as the four-fifths yardstick made the clonal
G1202R 'a minor subclone beside A1234T' and the compound G1202R+A1234T took lorlatinib to `unknown (inferred)`; with
the normal, the same tumour was `on_target` and lorlatinib `sensitive`. Without a matched normal, a change whose
origin is not established and that is not a known resistance change forms no compound beside a known one: both give
G1202R's own reading, and the tumour-only note says the other reading and asks for germline testing.

Unchanged: a matched normal that lacks A1234T (C15c: somatic, so the compound stands), two known resistance mutations
without a normal (a real compound), a VUS alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import annotated_report

DATA = Path(__file__).parent / "data" / "tumour_only_vus"
OTHER_READING = (
    "A1234T is therefore not read as a compound with G1202R, and its allele fraction is not used to judge the "
    "clonality of G1202R: the sample's calls rest on G1202R alone. If A1234T is somatic and in cis with G1202R (the "
    "phase is not determined), G1202R+A1234T would have no call for lorlatinib (the call of G1202R on its own: "
    "sensitive), and G1202R (VAF 22.2%), below four fifths of A1234T's allele fraction (49.2%), would be read as "
    "carried by at most part of the tumour. Its origin is not established without a matched normal: germline "
    "testing of A1234T would establish it."
)
STATEMENT = (
    "Without a matched normal, somatic and germline variants cannot be told apart from tumour sequencing [CEYHAN20, "
    "PMID 32596634], and a germline status inferred from tumour-only testing must be confirmed by germline testing "
    "[ACMG20, doi:10.1038/s41436-020-0783-8]."
)


def _scenario(name: str, out: Path, *extra: str) -> tuple[dict, str, str]:
    """(the sample's JSON, the TSV, the annotated VCF's header) of one scenario run as the review ran it."""
    prefix = out / name
    doc, _ = annotated_report(
        DATA / f"{name}.vcf", DATA / f"{name}_samples.tsv", prefix, "--sv", str(DATA / f"{name}_sv.vcf"), *extra
    )
    (sample,) = doc["samples"]
    header = "".join(line for line in Path(f"{prefix}.vcf").read_text().splitlines(True) if line.startswith("##"))
    return sample, Path(f"{prefix}.tsv").read_text(), header


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, tuple[dict, str, str]]:
    out = tmp_path_factory.mktemp("tumour_only_vus")
    names = ("C15_tumour_only", "C15b_germline_VUS_with_normal", "C15c_somatic_VUS_with_normal")
    return {name.split("_")[0]: _scenario(name, out) for name in names}


def _calls(sample: dict) -> dict[str, tuple[str, bool, bool]]:
    return {k: (v["category"], v["inferred"], v["subclonal"]) for k, v in sample["inhibitors"].items()}


def test_tumour_only_and_matched_normal_give_the_same_mechanism_and_calls(runs):
    alone, _, header = runs["C15"]
    paired, _, _ = runs["C15b"]
    assert alone["mechanism"] == paired["mechanism"] == "on_target"
    assert alone["pgp_check"] == paired["pgp_check"] == "not_indicated"
    assert alone["compound"] is None and paired["compound"] is None
    assert _calls(alone) == _calls(paired)
    lorlatinib = alone["inhibitors"]["lorlatinib"]
    assert (lorlatinib["category"], lorlatinib["inferred"], lorlatinib["subclonal"]) == ("sensitive", False, False)
    assert lorlatinib["sources"] == paired["inhibitors"]["lorlatinib"]["sources"] == ["LIN17T2", "PEL21"]
    assert alone["pgp"]["note"] == paired["pgp"]["note"].replace("C15b", "C15")
    assert "lorlatinib:sensitive(reviews_only);" in header and "Mechanism=on_target," in header  # LIN17T2, PEL21


def test_g1202r_is_not_a_minor_subclone_beside_a_change_of_unknown_origin(runs):
    alone, tsv, _ = runs["C15"]
    cells = [alone["pgp"]["note"]] + [v["note"] for v in alone["inhibitors"].values()]
    assert not any("minor subclone" in text or "subclonal basis" in text for text in cells)
    assert "(subclonal basis)" not in tsv and "unknown (inferred)" not in tsv


def test_the_note_says_the_other_reading_and_asks_for_germline_testing(runs):
    alone, _, _ = runs["C15"]
    (note,) = [n for n in alone["notes"] if n.startswith("No matched normal")]
    assert "whether A1234T is somatic or germline is not established from it. " + STATEMENT in note
    assert note.endswith(STATEMENT + " " + OTHER_READING)
    assert "50%" not in note  # no allele-fraction cut-off: none is sourced
    paired, _, _ = runs["C15b"]
    assert not any("would be read as carried by" in n for n in paired["notes"])


def test_a_matched_normal_without_the_change_keeps_the_compound(runs):
    """C15c: the normal lacks A1234T, so it is somatic: G1202R+A1234T stands as before (four-fifths test included)."""
    somatic, _, _ = runs["C15c"]
    assert somatic["compound"]["changes"] == ["G1202R", "A1234T"]
    assert somatic["mechanism"] == "on_target_possible"
    assert (somatic["inhibitors"]["lorlatinib"]["category"], somatic["inhibitors"]["lorlatinib"]["inferred"]) == (
        "unknown",
        True,
    )
    assert "lower than A1234T's 49.2%" in somatic["pgp"]["note"]
    assert not any("would be read as carried by" in n for n in somatic["notes"])


@pytest.fixture(scope="module")
def companions(tmp_path_factory) -> dict[str, dict]:
    """Tumour-only companions (no normal in the file): K2_T G1202R 22% + L1196M 40%; K2V_T the same + A1234T 49%;
    V1_T A1234T 49% alone; LOW_T G1202R 3% (below --min-vaf 0.05) + A1234T 49%; all after alectinib."""
    prefix = tmp_path_factory.mktemp("companions") / "r"
    doc, _ = annotated_report(
        DATA / "tumour_only_companions.vcf", DATA / "tumour_only_companions_samples.tsv", prefix, "--min-vaf", "0.05"
    )
    return {s["sample"]: s for s in doc["samples"]}


def test_two_known_resistance_mutations_without_a_normal_keep_their_compound(companions):
    two, with_vus = companions["K2_T"], companions["K2V_T"]
    assert two["compound"]["changes"] == with_vus["compound"]["changes"] == ["L1196M", "G1202R"]
    assert two["mechanism"] == with_vus["mechanism"] == "on_target_possible"
    assert _calls(two) == _calls(with_vus)
    assert two["inhibitors"]["lorlatinib"]["category"] == "unknown" and two["inhibitors"]["lorlatinib"]["inferred"]
    # the four-fifths test between two known changes stands: G1202R is a minor subclone beside L1196M, not A1234T
    for sample in (two, with_vus):
        assert "G1202R (VAF 22.2%, lower than L1196M's 40.0%)" in sample["pgp"]["note"]
        assert "beside A1234T" not in sample["pgp"]["note"]
    (note,) = [n for n in with_vus["notes"] if n.startswith("No matched normal")]
    assert "If A1234T is somatic and in cis with L1196M and G1202R" in note
    assert "the calls of L1196M+G1202R+A1234T would be the same" in note


def test_a_change_of_unknown_significance_alone_is_read_as_before(companions):
    alone = companions["V1_T"]
    assert alone["mechanism"] == "on_target_possible" and alone["compound"] is None
    assert {v["category"] for v in alone["inhibitors"].values()} == {"unknown", "resistant"}  # alectinib: progressed
    (note,) = [n for n in alone["notes"] if n.startswith("No matched normal")]
    assert note.endswith(STATEMENT)


def test_a_known_mutation_below_min_vaf_keeps_the_calls_beside_a_possibly_germline_change(companions):
    """G1202R at 3% is subclonal by the laboratory's cut-off; its own calls (marked subclonal) are the sample's, as
    with a matched normal carrying A1234T, not A1234T's `unknown`s."""
    low = companions["LOW_T"]
    crizotinib = low["inhibitors"]["crizotinib"]
    assert (crizotinib["category"], crizotinib["subclonal"]) == ("resistant", True)
    assert crizotinib["basis"].startswith("G1202R (subclonal or low-level")
    assert low["mechanism"] == "on_target_possible"
    (note,) = [n for n in low["notes"] if n.startswith("No matched normal")]
    assert "If A1234T is somatic, the sample's calls would rest on A1234T, the clonal change" in note
