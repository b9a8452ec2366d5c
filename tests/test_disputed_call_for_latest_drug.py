"""Clinical review of stop 42, finding 2: a clonal mutation whose call for the drug of the latest progression its
sources disagree on blanked the untried drugs' sensitive calls, while a mutation with no call at all kept them.

C06: E1210K (VAF 32%) after first-line brigatinib. The knowledge base's brigatinib call is `conflicting`: SAB17
(PMID 28435288) lists E1210K with in vitro activity and names it a potential mechanism of clinical resistance to
brigatinib; JAIN17 lists it as sensitive in vitro. Lorlatinib, the drug most tumour boards would consider next, read
`unknown` ("... the call for E1210K alone is sensitive [LIN17T2], which is therefore not used for this patient").
C19: G1202R (32%) after first-line ensartinib (no ensartinib call) kept lorlatinib `sensitive` with "this call holds
if it does". Both now keep it, the note of C06 naming the dispute and its sources (RULES.md section 8).
"""

from __future__ import annotations

import pytest
from stop42_scenarios import scenario_outputs

E1210K, G1202R = "C06_E1210K_after_brigatinib", "C19_G1202R_after_ensartinib"
HOLDS = "If it does, this call stands; if something else explains that progression, it may also make this drug less effective"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("disputed")
    return {name: scenario_outputs(tmp, name) for name in (E1210K, G1202R)}


def test_a_conflicting_call_for_the_latest_drug_keeps_the_untried_drugs_sensitive_calls(outputs):
    sample = outputs[E1210K]["json"]["samples"][0]
    assert sample["mechanism"] == "on_target_possible"  # the dispute: possible, not established
    lorlatinib = sample["inhibitors"]["lorlatinib"]
    assert (lorlatinib["category"], lorlatinib["sources"]) == ("sensitive", ["LIN17T2"])
    assert lorlatinib["note"].endswith(
        "E1210K has a conflicting call for brigatinib in the knowledge base (sensitive per SAB17 (in vitro), JAIN17 vs "
        "resistant per SAB17 (clinical resistance)) [SAB17, PMID 28435288; JAIN17, doi:10.2147/LCTT.S126507], so "
        f"whether E1210K explains the progression on brigatinib is not settled. {HOLDS}"
    )
    assert "which is therefore not used for this patient" not in lorlatinib["note"]
    # the dispute's sources are named in the note, not cited for the lorlatinib call
    assert lorlatinib["note_sources"] == ["SAB17(PMID:28435288)", "JAIN17"]
    assert sample["inhibitors"]["brigatinib"]["category"] == "resistant"  # progressed on it
    (row,) = outputs[E1210K]["tsv"]
    assert row["lorlatinib"] == "sensitive (reviews only)"  # LIN17T2 (clinical read h1, finding 10)
    assert ";lorlatinib:sensitive(reviews_only);" in outputs[E1210K]["vcf"]
    html = outputs[E1210K]["html"]
    assert "JAIN17" in html.split("Sources")[-1]  # listed with the sources the page shows


def test_the_no_call_control_says_the_same_in_its_own_words(outputs):
    lorlatinib = outputs[G1202R]["json"]["samples"][0]["inhibitors"]["lorlatinib"]
    assert lorlatinib["category"] == "sensitive"
    assert lorlatinib["note"].endswith(
        "G1202R has no genotype-based ensartinib call in the knowledge base, so whether G1202R explains the "
        f"progression on ensartinib is not known. {HOLDS}"
    )
