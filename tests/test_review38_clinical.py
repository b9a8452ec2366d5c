"""Clinical review of stop 38: a compound entry whose call rests on other contexts only (I1171N+L1196M: one
pleural-mesothelioma case, CIViC EID11113/EID11115, PMID 32600123) no longer decides beside a part's call about
ALK-positive NSCLC (RULES.md 4; finding 1: I1171N's NSCLC alectinib resistance became 'too weak a call' and
lorlatinib was called sensitive on the case), unless that would make the call more favourable."""

from __future__ import annotations

from pathlib import Path

from helpers import annotated_report

from alkannot.kbfiles import load_knowledge_base

DATA = Path(__file__).parent / "data" / "review38"
KB = load_knowledge_base()


def test_the_parts_nsclc_calls_decide_beside_an_other_context_entry():
    calls = KB.call_compound(["I1171N", "L1196M"]).calls
    alectinib, lorlatinib = calls["alectinib"], calls["lorlatinib"]
    assert (alectinib.category, alectinib.inferred, alectinib.context) == ("resistant", True, "")
    assert "EID1367(PMID:25736571)" in alectinib.sources  # I1171N's NSCLC statements
    assert (lorlatinib.category, lorlatinib.inferred) == ("unknown", True)
    for call, said in ((alectinib, "resistant per EID11115"), (lorlatinib, "sensitive per EID11113")):
        assert f"this compound's own entry rests on other contexts only ({said}" in call.note
        assert "pleural mesothelioma" in call.note


def test_an_other_context_entry_less_favourable_than_its_parts_stands():
    """The safe direction: I1171N+L1196M+G1202R's lorlatinib resistance (the same case) is not made `unknown`."""
    call = KB.call_compound(["I1171N", "L1196M", "G1202R"]).calls["lorlatinib"]
    assert (call.category, call.context, call.inferred) == ("resistant", "other", False)


def test_an_other_context_entry_without_an_nsclc_part_stands():
    """C1156F+D1203N: neither part has a lorlatinib statement about NSCLC; the ALCL entry's call is the only one."""
    call = KB.call_compound(["C1156F", "D1203N"]).calls["lorlatinib"]
    assert (call.category, call.context) == ("sensitive", "other")


def test_trans_is_unchanged():
    call = KB.call_compound(["I1171N", "L1196M"], phase="trans (FORMAT PS)").calls["alectinib"]
    assert call.category == "resistant"


def test_the_patient_after_alectinib_is_on_target(tmp_path):
    document, _ = annotated_report(
        DATA / "i1171n_l1196m_cis.vcf", DATA / "i1171n_l1196m_cis.tsv", tmp_path / "r", "--min-vaf", "0.05"
    )
    by = {s["sample"]: s for s in document["samples"]}
    after = by["C28b_T"]
    assert after["mechanism"] == "on_target" and after["pgp_check"] == "not_indicated"
    assert after["inhibitors"]["alectinib"]["category"] == "resistant"
    assert after["inhibitors"]["lorlatinib"]["category"] == "unknown"
    assert "other context" not in after["pgp"]["note"] and "too weak a call" not in after["pgp"]["note"]
    assert by["C28a_T"]["inhibitors"]["lorlatinib"]["category"] == "unknown"
