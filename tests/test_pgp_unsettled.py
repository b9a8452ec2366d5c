"""Clinical review of stop 42, finding 4: with the sample sheet's ABCB1 (P-gp) IHC positive, crizotinib and ceritinib
lose their `sensitive` (P-gp overexpression reduces their activity: KAT16, SEED), while ensartinib (sources disagree:
WU22ENS, reduced susceptibility; VAG20, not compromised) and brigatinib (a strong ABCB1 substrate, untested in
tumours: LI18BRIG) kept a plain `sensitive` in the grid, the TSV and the VCF header, only the card's note saying why.

C18: L1196M (32%) after crizotinib, IHC positive. C13: no ALK mutation, no treatment history, IHC positive (the
fusion's calls, iruplinalkib and envonalkib among them: no P-gp source at all). Such a call is now marked in every
output where a call's qualifier shows; the qualifier is per sample (##alkannotSample Calls=), not per allele.
"""

from __future__ import annotations

import jsonschema
import pytest
from stop42_scenarios import scenario_outputs

from alkannot.kbfiles import load_knowledge_base
from alkannot.report.json_report import schema

L1196M, NO_HISTORY = "C18_L1196M_after_crizotinib_IHCpos", "C13_no_history_IHCpos"
LABEL = "P-gp IHC positive: its effect on this drug not established"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pgp_unsettled")
    return {name: scenario_outputs(tmp, name) for name in (L1196M, NO_HISTORY)}


def test_ensartinib_and_brigatinib_are_marked_where_crizotinib_and_ceritinib_are_withheld(outputs):
    out = outputs[L1196M]
    doc = out["json"]
    jsonschema.validate(doc, schema())
    assert doc["schema_version"] == "2.31"
    calls = doc["samples"][0]["inhibitors"]
    marked = {name for name, call in calls.items() if call["pgp_unsettled"]}
    assert marked == {"ensartinib", "brigatinib"}
    assert calls["ceritinib"]["category"] == "unknown"  # affected: withheld, as before
    assert calls["lorlatinib"]["category"] == "sensitive" and not calls["lorlatinib"]["pgp_unsettled"]  # KAT16: no
    assert calls["crizotinib"]["progressed_on"] and not calls["crizotinib"]["pgp_unsettled"]
    assert "sources disagree: P-gp overexpression reduced susceptibility to ensartinib" in calls["ensartinib"]["note"]
    (row,) = out["tsv"]
    # L1196M's calls for ensartinib, brigatinib and lorlatinib rest on review-level statements only (LIN17T2, SAB17,
    # JAIN17): '(reviews only)' before the sample's own mark (clinical read h1, finding 10)
    assert row["ensartinib"] == f"sensitive (reviews only) ({LABEL})"
    assert row["brigatinib"] == f"sensitive (reviews only) ({LABEL})"
    assert (row["alectinib"], row["lorlatinib"]) == ("sensitive", "sensitive (reviews only)")
    assert (
        "brigatinib:sensitive(reviews_only,pgp_unsettled);ensartinib:sensitive(reviews_only,pgp_unsettled);"
        "lorlatinib:sensitive(reviews_only);"
    ) in out["vcf"]
    # a per-sample qualifier: never in the allele's own ALK_CALL_QUALIFIERS
    record = next(line for line in out["vcf"].splitlines() if line.startswith("chr2\t29220765"))
    assert "pgp_unsettled" not in record
    html = out["html"]
    assert (
        f"C18_T / ensartinib: sensitive; basis: L1196M; sources: LIN17T2; reviews only; {LABEL} (see the card)" in html
    )
    assert html.count(">pg</text>") == 2  # the grid marks both cells
    assert f"pg = ({LABEL}): the sample sheet" in html
    assert f"sensitive</span> (reviews only) ({LABEL})" in html  # the card's table


def test_a_drug_with_no_pgp_source_is_marked_and_says_so(outputs):
    calls = outputs[NO_HISTORY]["json"]["samples"][0]["inhibitors"]
    marked = {name for name, call in calls.items() if call["pgp_unsettled"]}
    assert marked == {"brigatinib", "ensartinib", "iruplinalkib", "envonalkib"}
    assert calls["iruplinalkib"]["note"].endswith(
        "ABCB1 (P-gp) IHC positive (sample sheet): no source in the knowledge base says whether P-gp overexpression "
        "reduces iruplinalkib's activity"
    )
    assert (calls["crizotinib"]["category"], calls["ceritinib"]["category"]) == ("unknown", "unknown")


def test_pgp_object_tells_untested_conflicting_and_no_data_drugs_apart(outputs):
    """Schema 2.24 (stop 47, voc47): the `pgp` object listed only `affected` and `not_affected`; a reader could not
    tell brigatinib (untested in tumours, an ABCB1 substrate: LI18BRIG), ensartinib (the sources disagree: WU22ENS,
    VAG20) and the newer drugs with no P-gp source apart. Now every inhibitor is in exactly one of five lists, by
    the knowledge base's pgp_confers_resistance and abcb1_transport."""
    kb = load_knowledge_base()
    lists = ("affected", "not_affected", "conflicting", "untested", "no_data")
    for out in outputs.values():
        pgp = out["json"]["samples"][0]["pgp"]
        assert (pgp["affected"], pgp["not_affected"]) == (["crizotinib", "ceritinib"], ["alectinib", "lorlatinib"])
        assert (pgp["conflicting"], pgp["untested"]) == (["ensartinib"], ["brigatinib"])
        assert "iruplinalkib" in pgp["no_data"] and "neladalkib" in pgp["no_data"]
        listed = [name for key in lists for name in pgp[key]]
        assert sorted(listed) == sorted(info.name for info in kb.inhibitors())  # each once
        for name in pgp["no_data"]:
            info = kb.inhibitor(name)
            assert (info.pgp_confers_resistance, info.abcb1_transport) == ("unknown", "unknown")
        assert kb.inhibitor("ensartinib").pgp_confers_resistance == "conflicting"
        assert kb.inhibitor("brigatinib").pgp_confers_resistance == "unknown"
