"""Clinical review of stop 38: a compound entry whose call rests on other contexts only (I1171N+L1196M: one
pleural-mesothelioma case, CIViC EID11113/EID11115, PMID 32600123) no longer decides beside a part's call about
ALK-positive NSCLC (RULES.md 4; finding 1: I1171N's NSCLC alectinib resistance became 'too weak a call' and
lorlatinib was called sensitive on the case), unless that would make the call more favourable."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, annotated_report

from alkannot.kbfiles import load_knowledge_base
from alkannot.lines_of_therapy import lines_of_therapy

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
    assert "other context" not in after["pgp"]["note"] and "a call too weak" not in after["pgp"]["note"]
    assert by["C28a_T"]["inhibitors"]["lorlatinib"]["category"] == "unknown"


# ---------------------------------------------------------------- findings 3 and 4: a positive ABCB1 IHC
def _cohort(tmp_path: Path) -> tuple[dict[str, dict], dict[str, dict], Path]:
    prefix = tmp_path / "c"
    document, _ = annotated_report(
        DATA / "pgp_ihc_cohort.vcf", DATA / "pgp_ihc_cohort.tsv", prefix, "--min-vaf", "0.05"
    )
    tsv = (tmp_path / "c.tsv").read_text().splitlines()
    rows = {r.split("\t")[0]: dict(zip(tsv[0].split("\t"), r.split("\t"))) for r in tsv[1:]}
    return {s["sample"]: s for s in document["samples"]}, rows, Path(f"{prefix}.vcf")


def test_a_positive_ihc_is_a_candidate_after_crizotinib_or_ceritinib_only(tmp_path):
    """Beside an explaining mutation, after brigatinib (which P-gp overexpression may reduce: the sources read do not
    settle it) the IHC was named an off-target candidate, while with no mutation it was not (finding 3)."""
    by, rows, _ = _cohort(tmp_path)
    assert by["C20a_T"]["mechanism"] == "on_target" and by["C20b_T"]["mechanism"] == "on_target"
    assert by["C20a_T"]["pgp"]["affected"] == ["crizotinib", "ceritinib"]
    assert rows["C20a_T"]["off_target_candidates"] == ""  # G1202R after alectinib then brigatinib
    assert rows["C20b_T"]["off_target_candidates"] == "ABCB1 ihc_positive"  # L1196M after crizotinib
    assert rows["C20d_T"]["off_target_candidates"] == "ABCB1 ihc_positive"  # after alectinib then crizotinib
    assert rows["C20h_T"]["off_target_candidates"] == ""  # after ensartinib


def test_a_report_with_a_sheet_that_leaves_the_sample_out_does_not_keep_its_ihc_candidate(tmp_path):
    """C20d_T was off_target_candidate from its sheet's positive IHC; a report of the output with a sheet that leaves
    it out kept that mechanism, saying its evidence came from a CNV caller's --sv VCF (finding 4)."""
    by, _, annotated = _cohort(tmp_path)
    assert by["C20d_T"]["mechanism"] == "off_target_candidate"
    done = subprocess.run(
        [ALKANNOT, "report", str(annotated), "--samples", str(DATA / "pgp_ihc_cohort_partial.tsv"), "--out",
         str(tmp_path / "p")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    again = {s["sample"]: s for s in json.loads((tmp_path / "p.json").read_text())["samples"]}["C20d_T"]
    assert again["mechanism"] == "unexplained" and again["progressed_on"] is None
    assert not any("Off-target candidate recorded" in n for n in again["notes"])
    assert "C20d_T: the VCF header records Mechanism=off_target_candidate but this run computes unexplained" in (
        done.stderr
    )
    # with no sheet, the recorded one (its IHC among it) is read back and the verdict is the annotate run's
    subprocess.run([ALKANNOT, "-q", "report", str(annotated), "--out", str(tmp_path / "n")], check=True)
    alone = {s["sample"]: s for s in json.loads((tmp_path / "n.json").read_text())["samples"]}["C20d_T"]
    assert alone["mechanism"] == "off_target_candidate" and alone["pgp"]["abcb1_ihc"] == "positive"


def test_an_alk_gain_not_called_amplification_is_said_not_counted_before_the_kbs_call(tmp_path):
    """'would be sensitive (ALK fusion ...); ALK copy-number gain (CN=9) present; ALK amplification in the knowledge
    base: resistant' read as a contradiction (finding 6)."""
    document, _ = annotated_report(DATA / "alk_gain_grch37.vcf", DATA / "alk_gain_grch37.tsv", tmp_path / "r")
    note = {s["sample"]: s for s in document["samples"]}["C24a_T"]["inhibitors"]["crizotinib"]["note"]
    assert note.endswith(
        "; ALK copy-number gain (CN=9) present, not counted in this call (the caller did not call it amplification); "
        "ALK amplification in the knowledge base: resistant"
    ), note


def test_an_untested_i1171n_compound_names_the_gilteritinib_class_statement():
    """MIZ21 ('gilteritinib has an inhibitory effect on ... I1171N compound mutants') was on the knowledge base's
    I1171N compound entries only: I1171N+D1203N's gilteritinib cell said 'no mutation-level data' alone (finding 7)."""
    call = KB.call_compound(["I1171N", "D1203N"], phase="cis").calls["gilteritinib"]
    assert call.category == "unknown" and "MIZ21" in call.note and "I1171N compound mutants" in call.note
    assert (
        "no other compound gets a gilteritinib call from the class sentence [MIZ21, doi:10.1038/s41467-021-21396-w]"
        in (call.note)
    )
    # after the sources of gilteritinib's status, said first (clinical read h1, finding 4)
    assert call.note_sources == ("PENN18GIL", "OPENFDA_GIL", "MASSONC_GIL", "DHI19GIL", "MIZ21")
    # the class statements on compounds resistant to lorlatinib stay the sample notes' (after lorlatinib)
    assert "SHI22" not in KB.call_compound(["I1171N", "D1203N"]).calls["lorlatinib"].note
    assert any("MIZ21" in n.sources for n in KB.notes_for("I1171N"))


@pytest.mark.parametrize(
    ("history", "offered"),
    [
        (("crizotinib",), False),
        (("crizotinib", "ceritinib"), True),
        (("crizotinib", "ceritinib", "brigatinib"), True),
        (("crizotinib", "ceritinib", "brigatinib", "ensartinib"), False),
    ],
)
def test_sol18s_figure_is_offered_after_two_or_three_inhibitors_only(history, offered):
    """SOL18's 38.7% is its EXP4-5 cohorts', two or three previous ALK TKIs; it was offered after four (finding 8)."""
    (row,) = [x for x in lines_of_therapy() if "38.7%" in x.statement]
    assert row.statement == "lorlatinib: objective response rate 38.7% after two or three ALK inhibitors"
    assert row.applies(history) is offered


def test_a_done_check_is_not_said_twice_where_alk_positivity_is_not_established(tmp_path):
    """'If the tumour is ALK-positive, the check is recommended: Recommended (done): ...' (finding 9)."""
    by, _, _ = _cohort(tmp_path)
    note = by["C20g_T"]["pgp"]["note"]
    assert "the check is recommended: ABCB1 (P-gp) IHC is positive (sample sheet)" in note
    assert "Recommended (done)" not in note
