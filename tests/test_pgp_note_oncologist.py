"""The sentences a thoracic oncologist would not sign in README's example report (oncologist review 2026-12-01),
as the real run writes them (helpers.readme_example: README's first command on the GRCh38 example).

1. P4_T's P-gp note put GAI16's caveat (ceritinib-resistant cells without ALK mutations resisted lorlatinib) beside
   the rows on P-gp-overexpressing cells with nothing saying which applies when: those rows now follow in a
   sentence of their own, "If P-gp IHC is positive: ...".
2. "active at low concentrations" is SEED's sentence (shared/kb bypass.md section 1), not KAT16's: cited [SEED].
3. P5_T's crizotinib cell beside a MET candidate said the progression's cause "may also make this drug less
   effective"; it now says what the knowledge base has: crizotinib is also a MET inhibitor (GIR16), PLE18's case
   report, DJ20's ALK+MET finding, and that whether this MET gain makes crizotinib less effective is not known.
4. P7_T's "if ALK-positive, the check is recommended" had no source: the sentence it rests on follows, cited.
5. P7_T's cells said "no ALK change found is shown to explain the progression" beside the P-gp note's "C1156Y ...
   may explain it only in part": the cells name C1156Y as the note does.
6. "Look first at the off-target candidates (MET copy-number gain). MET copy-number gain (CN=9) ...": MET once.
"""

from __future__ import annotations

import html as html_text
import json
import re

import pytest
from helpers import LORLATINIB_CAVEAT_AFTER_CERITINIB, readme_reports

LOW = "was active at low concentrations in P-gp-overexpressing ceritinib-resistant patient-derived cells (preclinical)"
LOW_TOGETHER = LOW.replace("was active", "were active")  # SEED's sentence for both drugs (stop 41 reading, finding 10)
IN_PART = "C1156Y (VAF 3.0%), below the clonality cut-off set for this run, may explain it only in part"
UNTRIED_P7 = ("alectinib", "brigatinib", "ensartinib", "lorlatinib")  # sensitive for C1156Y alone: not used


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    samples, tsv, html, _ = readme_reports(tmp_path_factory.mktemp("oncologist") / "r")
    return samples, tsv, html


def test_p4_rows_on_pgp_overexpressing_cells_say_when_they_apply_apart_from_gai16(example):
    samples, tsv, html = example
    note = samples["P4_T"]["pgp"]["note"]
    general = (
        "Sourced activity after this treatment history of the inhibitors to which P-gp overexpression did not "
        "confer resistance in cell models [KAT16; SEED]: lorlatinib: objective response rate 38.7% after two or three "
        "ALK inhibitors (clinical trial) [SOL18, PMID 30413378]" + LORLATINIB_CAVEAT_AFTER_CERITINIB + "."
    )
    # KAT16's own findings first, after ceritinib as after crizotinib (the press release SEED only for the 'low
    # concentrations' detail: clinical review of stop 30, finding 4)
    # after the lead has given ceritinib's P-gp effect, the alectinib and lorlatinib part only (clinical read of
    # stop 52: the lead, this sentence and the P-gp facts each said it)
    kat16 = (
        "in the same study's cell models, P-gp overexpression did not confer resistance to {}, and "
        "from these findings the study authors suggest {} could overcome P-gp-mediated crizotinib or "
        "ceritinib resistance, with no clinical data on P-gp-positive tumours in the sources read (preclinical) [KAT16]"
    )
    # each source's finding once for both drugs (clinical reading of stop 41, finding 10)
    if_positive = (
        f" If P-gp IHC is positive: {kat16.format('alectinib or lorlatinib (PF-06463922)', 'that alectinib or lorlatinib')}; "
        f"alectinib and lorlatinib {LOW_TOGETHER} [SEED]. "
    )
    assert general + if_positive in note
    # GAI16 is in the sentence that holds without a P-gp result, never in the one about P-gp-overexpressing cells
    pgp_sentence = note.split("If P-gp IHC is positive", 1)[1].split(". ", 1)[0]
    assert "GAI16" not in pgp_sentence and "ALK mutations" not in pgp_sentence
    # on the card under its label, 'Activity after this treatment history', without the words the label says
    # (clinical read of stop 52)
    shown = "O" + general.removeprefix("Sourced activity after this treatment history o")
    assert tsv["P4_T"]["pgp_note"] == note and html_text.escape(shown, quote=False) in html
    # the card gives the P-gp-overexpressing cells a paragraph of their own, under that label (schema 2.29 parts)
    in_cells = if_positive.strip().removeprefix("If P-gp IHC is positive: ")
    in_cells = html_text.escape(in_cells[0].upper() + in_cells[1:], quote=False).replace("'", "&#39;")
    assert f'<p class="pgppart"><b>If P-gp IHC is positive:</b> {in_cells}</p>' in html


def test_low_concentrations_are_cited_to_seed_alone_everywhere(example):
    samples, tsv, html = example
    text = json.dumps(samples) + json.dumps(tsv) + html
    assert text.count(LOW_TOGETHER) >= 2  # the P-gp note says SEED's finding once for both drugs
    cited = re.findall("(?:" + re.escape(LOW) + "|" + re.escape(LOW_TOGETHER) + r") (\[[^\]]*\])", json.dumps(samples))
    assert cited and set(cited) == {"[SEED]"}, cited
    assert "KAT16" not in "".join(cited)


def test_p5_crizotinib_beside_a_met_candidate_gives_sourced_met_activity_not_an_uncited_claim(example):
    samples, _, html = example
    cells = samples["P5_T"]["inhibitors"]
    crizotinib = cells["crizotinib"]["note"]
    assert crizotinib.startswith("no ALK resistance mutation after progression: the genotype does not predict")
    assert "an off-target candidate is listed, MET copy-number gain at chr7:116522196 <DUP> CN=9" in crizotinib
    assert (
        "which is not used for this patient, because whether this MET copy-number gain makes crizotinib less "
        "effective is not known: crizotinib is also a MET inhibitor [GIR16, doi:10.2147/LCTT.S99303], but no source "
        "in the knowledge base reports crizotinib alone against MET amplification after ALK inhibitors (one patient "
        "whose EML4-ALK tumour developed a MET kinase-domain duplication, a structural change, on ceritinib had a "
        "partial response to crizotinib: case report [PLE18]); dual ALK/MET inhibition reversed MET-driven "
        "resistance in cell models, and 2 patients responded to ALK+MET combination therapy [DJ20, "
        "doi:10.1158/1078-0432.CCR-19-3906]; "
    ) in crizotinib
    assert "may also make this drug less effective" not in crizotinib
    # the other untried drugs, which no source reads beside MET, keep the general reason
    for drug in ("ceritinib", "brigatinib", "lorlatinib"):
        assert "because whatever caused the progression may also make this drug less effective" in cells[drug]["note"]
        assert "MET alteration makes" not in cells[drug]["note"]
    # crizotinib's MET activity is sourced twice (GIR16's and PLE18's abstracts; the KB cites GIR16 for it)
    assert "no source in the knowledge base says whether crizotinib inhibits MET" not in crizotinib
    assert html_text.escape("crizotinib is also a MET inhibitor [GIR16", quote=False) in html


def test_p7_conditional_recommendation_cites_what_it_rests_on(example):
    samples, tsv, _ = example
    note = samples["P7_T"]["pgp"]["note"]
    assert samples["P7_T"]["pgp_check"] == "not_indicated"
    assert (
        "If the tumour is ALK-positive, the check is recommended: progressed most recently on crizotinib, and no "
        f"clonal ALK mutation is known to explain it; {IN_PART}. P-gp (ABCB1) overexpression reduces the activity of "
        "crizotinib in cell models [KAT16, PMID 26870817; SEED, press release on KAT16]. Bypass and co-alteration "
        "genes not assessed: the input holds no record of this sample, or none that passed the caller's filters, in the "
        "genes alkannot checks"
    ) in note
    # P7_T has no record in them (the example's small-variant VCF is ALK only; the SV VCF has no P7_T column): no
    # "No ... change was found", and no polymorphism cut-off (stop 41)
    assert "change was found" not in note
    # the screen's result does not depend on the ALK status (final review of stop 28, finding 4); the sources are
    # those the note cites, not the full note's P-gp facts' (LI18BRIG, WU22ENS, VAG20)
    assert ". Give the ALK status in the sample sheet for the full P-gp advice, which adds" in note
    assert samples["P7_T"]["pgp"]["sources"] == ["KAT16", "SEED"]  # no screen result: no polymorphism cut-off
    assert tsv["P7_T"]["pgp_note"] == note


def test_p7_cells_and_pgp_note_say_the_same_of_c1156y(example):
    samples, _, _ = example
    p7 = samples["P7_T"]
    assert IN_PART in p7["pgp"]["note"]
    for drug in UNTRIED_P7:
        note = p7["inhibitors"][drug]["note"]
        assert note.startswith(
            f"no clonal ALK change was found that explains the progression on crizotinib; {IN_PART}, and whatever "
            "else explains it may also make this drug less effective; the call for C1156Y alone is sensitive "
            # the table's mark of the call (stop 53): C1156Y's lorlatinib call rests on a primary source too
            + ("[" if drug == "lorlatinib" else "(reviews only) [")
        ), (drug, note)
        assert "no ALK change found is shown" not in note
    # a tumour with no ALK change below the cut-off keeps the plain wording (P4_T: no ALK mutation at all)
    assert "only in part" not in json.dumps(samples["P4_T"]["inhibitors"])


def test_p5_pointer_names_met_once(example):
    samples, tsv, _ = example
    note = samples["P5_T"]["pgp"]["note"]
    pointer = (
        "Look first at the off-target candidates: MET copy-number gain (CN=9) from NGS: confirm amplification by "
        "FISH; no clinically defined NGS copy-number cut-off for MET amplification existed as of 2021, FISH remaining "
        "the reference test [SCHMITT21, PMID 34733418]. "
        "Transformation to small-cell lung cancer"  # the histology prompt (clinical review of stop 42, finding 5)
    )
    assert pointer in note and tsv["P5_T"]["pgp_note"] == note
    sentence = note.split("Look first at the off-target candidates", 1)[1].split(" Transformation to small-cell", 1)[0]
    # the candidate named once; MET again only where SCHMITT21's sentence names the gene it is about (review of stop
    # 46, cn46: its abstract says it of MET amplification)
    assert sentence.count("MET copy-number gain") == 1 and sentence.count("MET") == 2, sentence
    assert "cut-off for MET amplification" in sentence


def test_the_met_sentence_is_about_a_copy_number_gain_and_crizotinib_only():
    """Keyed by the candidate's kind (review of stop 28's change, finding 3): a MET rearrangement or a MET
    kinase-domain duplication beside crizotinib is another question, and keeps the general reason."""
    from alkannot.kbfiles import load_knowledge_base
    from alkannot.sourced_text import beside_candidate

    kb = load_knowledge_base()
    gain = beside_candidate(kb, (("MET", "copy_number_gain"),), "crizotinib")
    assert gain.startswith("whether this MET copy-number gain makes crizotinib less effective is not known")
    assert beside_candidate(kb, (("MET", "structural"),), "crizotinib") == ""
    assert beside_candidate(kb, (("MET", "copy_number_gain"),), "lorlatinib") == ""
    assert beside_candidate(kb, (("EGFR", "mutation"), ("MET", "copy_number_gain")), "crizotinib") == gain


def test_the_met_sentence_comes_after_the_general_reason_where_an_alk_change_explains_the_progression():
    """Where an ALK change explains the progression (on-target) the MET sentence never stands in for the general
    reason: it follows it (review of stop 28's change, finding 5). With nothing but the MET gain shown, it replaces it."""
    from alkannot.kbfiles import load_knowledge_base
    from alkannot.offtarget import OffTarget
    from alkannot.sample_types import ON_TARGET, InhibitorVerdict
    from alkannot.untried import FUSION_ALONE, PROGRESSION_REASON, calls_after_progression

    kb = load_knowledge_base()
    met = OffTarget("MET", "copy_number_gain", "chr7:116522196 <DUP> CN=12", "MET gain", ("DJ20",), True)
    crizotinib = InhibitorVerdict("crizotinib", "sensitive", f"{FUSION_ALONE} (EML4::ALK)", ("KAZ14",))

    def note(mechanism: str) -> str:
        (cell,) = calls_after_progression(kb, (crizotinib,), mechanism, ("alectinib",), False, (met,))
        assert cell.category == "unknown"
        return cell.note

    alone = note("off_target_candidate")
    assert "because whether this MET copy-number gain makes crizotinib less effective" in alone
    assert PROGRESSION_REASON not in alone
    explained = note(ON_TARGET)
    assert f"because {PROGRESSION_REASON}; whether this MET copy-number gain makes crizotinib" in explained
