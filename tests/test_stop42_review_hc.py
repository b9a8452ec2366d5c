"""Clinical review of stop 42 (reviewer hC's patient scenarios), findings 3, 5, 7, 8, 12, 13 and 14: the P-gp note's
wording after a missing history with a positive IHC, after brigatinib or ensartinib, beside an off-target candidate
and beside a clonal change that may explain the progression; a note that pointed to a compound in samples without
one; duplicate entries in the HTML Sources list; a missing article. Inputs: tests/data/stop42_review_hc (README)."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest
from helpers import annotated_report

DATA = Path(__file__).parent / "data" / "stop42_review_hc"
TRANSFORMATION = "Transformation to small-cell lung cancer has been reported at resistance to ALK inhibitors"


def _run(tmp_path: Path, scenario: str, sheet: str = "samples.tsv") -> tuple[dict, str, dict]:
    """The scenario's one tumour as JSON, the HTML page, and its TSV row."""
    folder = DATA / scenario
    sv = ("--sv", str(folder / "sv.vcf")) if (folder / "sv.vcf").exists() else ()
    prefix = tmp_path / scenario
    document, page = annotated_report(folder / "in.vcf", folder / sheet, prefix, *sv)
    (sample,) = document["samples"]
    with open(f"{prefix}.tsv", newline="") as handle:
        (row,) = csv.DictReader(handle, delimiter="\t")
    return sample, page, row


# ---------------------------------------------------------------- finding 3
def test_no_history_positive_ihc_is_split_by_the_drugs_pgp_effect(tmp_path):
    """Brigatinib's one source, a transport study, said as such, apart from ensartinib's disagreeing sources (clinical
    audit of stop 47, clin47, finding 4: 'which the sources read do not settle [LI18BRIG; ...]')."""
    sample, _, _ = _run(tmp_path, "C13_no_history_IHCpos")
    note = sample["pgp"]["note"]
    assert sample["pgp_check"] == "if_progressed" and sample["pgp"]["context"] == "no_history"
    assert (
        "If progressed: treatment history is not in the sample sheet; no ALK resistance mutation was found. The "
        "positive ABCB1 (P-gp) IHC (sample sheet) makes P-gp overexpression a candidate explanation of a progression "
        "on crizotinib or ceritinib [KAT16, PMID 26870817; SEED, press release on KAT16]; of one on ensartinib only "
        "if P-gp overexpression reduces its activity, which the sources read do not settle [WU22ENS, "
        "doi:10.3390/cancers14092341; VAG20, doi:10.3390/cancers12040813]; of one on brigatinib only if P-gp "
        "overexpression reduces its activity, which the sources read have not tested (the one read on brigatinib and "
        "P-gp [LI18BRIG, doi:10.1016/j.phrs.2018.09.020] measured its transport by ABCB1, a pharmacokinetic "
        "question); for neladalkib, gilteritinib, TPX-0131, iruplinalkib and envonalkib, whether "
        "P-gp overexpression affects them is not known (no source in the knowledge base). P-gp facts:"
    ) in note
    assert "If the patient progressed on crizotinib, ceritinib, brigatinib" not in note
    assert {"KAT16", "SEED", "LI18BRIG", "WU22ENS", "VAG20"} <= set(sample["pgp"]["sources"])


def test_after_brigatinib_a_positive_ihc_keeps_its_conditional_wording(tmp_path):
    """C20, the reviewer's control: worded as finding 3 asks of C13 ('have not tested' for brigatinib, whose tumour
    effect no source tested, as C13's note says it: clinical review of stop 49)."""
    sample, _, _ = _run(tmp_path, "C20_negative_after_brigatinib_IHCpos")
    assert sample["pgp"]["note"].startswith(
        "Recommended (done): ABCB1 (P-gp) IHC is positive (sample sheet): a candidate explanation of this progression "
        "only if P-gp overexpression reduces the activity of brigatinib, which the sources read have not tested"
    )


# ---------------------------------------------------------------- finding 8
@pytest.mark.parametrize(
    ("scenario", "lead"),
    [
        (
            "C08_negative_after_brigatinib",
            "Recommended: progressed most recently on brigatinib, and no ALK resistance mutation was found. Whether "
            "P-gp overexpression in the tumour reduces the activity of brigatinib has not been tested in the sources "
            "read (the one read on brigatinib and P-gp [LI18BRIG, doi:10.1016/j.phrs.2018.09.020] measured its "
            "transport by ABCB1, a pharmacokinetic question): a positive IHC makes P-gp overexpression a possible, not "
            "an established, explanation of this progression. Check P-gp (ABCB1) by IHC",
        ),
        (
            "C14_negative_after_ensartinib",
            "Recommended: progressed most recently on ensartinib, and no ALK resistance mutation was found. Whether "
            "P-gp overexpression in the tumour reduces the activity of ensartinib is not settled (sources disagree: "
            "P-gp overexpression reduced susceptibility to ensartinib",
        ),
    ],
)
def test_an_exploratory_check_leads_with_the_unsettled_tumour_effect(tmp_path, scenario, lead):
    sample, _, row = _run(tmp_path, scenario)
    note = sample["pgp"]["note"]
    assert note.startswith(lead), note[:600]
    assert "with a caveat" not in note
    # transport stays among the P-gp facts, after the tumour effects, once
    drug = sample["progressed_on"][-1]
    transport = note.split("Transport by ABCB1 (P-gp) itself")
    assert len(transport) == 2
    transported = {"brigatinib": "'exceptionally well transported by human ABCB1'", "ensartinib": "a P-gp substrate"}
    assert note.count(transported[drug]) == 1 and transported[drug] in transport[1]
    # the machine-readable distinction from a check KAT16 supports (after_affected)
    assert sample["pgp_check"] == row["pgp_check"] == "recommended"
    assert sample["pgp"]["context"] == row["pgp_context"] == "after_possibly_affected"
    assert row["pgp_note"] == note


# ---------------------------------------------------------------- finding 5
def test_the_histology_prompt_follows_an_off_target_candidate(tmp_path):
    sample, _, _ = _run(tmp_path, "C10_MET_amp_after_alectinib")
    note = sample["pgp"]["note"]
    assert sample["mechanism"] == "off_target_candidate"
    candidate = note.index("Look first at the off-target candidates: MET copy-number gain (CN=10) from NGS")
    assert note.count(TRANSFORMATION) == 1 and candidate < note.index(TRANSFORMATION) < note.index("P-gp facts:")
    assert {"TAKE16", "LC16", "ZHU17"} <= set(sample["pgp"]["sources"])


def test_the_histology_prompt_beside_a_candidate_after_ceritinib(tmp_path):
    sample, _, _ = _run(tmp_path, "C10_MET_amp_after_alectinib", "samples_after_ceritinib.tsv")
    note = sample["pgp"]["note"]
    assert sample["pgp_check"] == "recommended" and "An off-target candidate is also listed: MET" in note
    assert note.count(TRANSFORMATION) == 1 and note.index(TRANSFORMATION) < note.index("P-gp facts:")
    assert "TAKE16" in sample["pgp"]["sources"]


# ---------------------------------------------------------------- finding 7
@pytest.mark.parametrize(
    ("scenario", "said"),
    [
        ("C06_E1210K_after_brigatinib", "on brigatinib, and no ALK mutation is established as the cause; E1210K (VAF "),
        ("C16_L1256F_after_lorlatinib", "on lorlatinib, and no ALK mutation is established as the cause; L1256F (VAF "),
        ("C17_G1269A_after_alectinib_IHCneg", "on alectinib, and no ALK mutation is established as the cause; G1269A"),
    ],
)
def test_a_clonal_change_that_may_explain_it_is_not_denied_first(tmp_path, scenario, said):
    sample, _, _ = _run(tmp_path, scenario)
    note = sample["pgp"]["note"]
    assert said in note
    assert "no clonal ALK mutation is known to explain it" not in note


# ---------------------------------------------------------------- findings 12 and 14
def test_no_pointer_to_a_compound_that_is_not_there_and_the_article(tmp_path):
    sample, _, _ = _run(tmp_path, "C01_I1171N_after_alectinib")
    assert sample["compound"] is None
    (note,) = [n for n in sample["notes"] if n.startswith("No clonality cut-off (--min-vaf) was set for this run")]
    assert "compound" not in note and note.endswith("would make on-target resistance only possible.")
    discordant, _, _ = _run(tmp_path, "C11_ALKneg_with_G1202R")
    assert "this input shows G1202R, a known ALK resistance mutation." in discordant["pgp"]["note"]
    assert any("this input shows G1202R, a known ALK resistance mutation;" in n for n in discordant["notes"])


def test_the_four_fifths_sentence_stays_beside_a_compound(tmp_path):
    """tests/data/review38's I1171N+L1196M in cis, run without --min-vaf."""
    folder = Path(__file__).parent / "data" / "review38"
    document, _ = annotated_report(
        folder / "i1171n_l1196m_cis.vcf", folder / "i1171n_l1196m_cis.tsv", tmp_path / "compound"
    )
    for sample in document["samples"]:
        assert sample["compound"] is not None
        assert any(
            "four-fifths allele-fraction test" in n and "(see the compound's note)" in n for n in sample["notes"]
        )


# ---------------------------------------------------------------- finding 13
def test_one_html_sources_entry_per_source(tmp_path):
    _, page, _ = _run(tmp_path, "C01_I1171N_after_alectinib")
    listed = page.split('<section id="sources">')[1]
    entries = [html.unescape(k) for k in re.findall(r'<li id="[^"]*"><b>([^<]+)</b>', listed)]
    assert len(entries) == len(set(entries))
    for form in ("EID1367(PMID:25736571)", "EID1368(PMID:25736571)", "PMID:25736571", "LIN18JTO(PMID:29935304)"):
        assert form not in entries
    (eid1367,) = [li for li in listed.split("<li ") if li.startswith('id="src-EID1367"')]
    assert "also cited as " in eid1367 and 'id="src-EID1367%28PMID%3A25736571%29"' in eid1367
    assert "CIViC evidence items on its paper: EID1367, EID1368 (case report)" in html.unescape(eid1367)
    (lin18jto,) = [li for li in listed.split("<li ") if li.startswith('id="src-LIN18JTO"')]
    assert 'id="src-LIN18JTO%28PMID%3A29935304%29"' in lin18jto
    # every citation link still finds its target, and the JSON keeps every form
    targets = set(re.findall(r' id="([^"]+)"', page))
    assert sorted({h for h in re.findall(r'href="#([^"]+)"', page) if h.startswith("src-")} - targets) == []
    sources = json.loads((tmp_path / "C01_I1171N_after_alectinib.json").read_text())["sources"]
    assert {"EID1367", "EID1367(PMID:25736571)", "PMID:25736571"} <= set(sources)
