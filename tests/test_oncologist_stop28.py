"""A thoracic oncologist's reading of README's example report (oncologist reading of stop 28), as the real run
writes it (helpers.readme_example: README's first command on the GRCh38 example).

1. P4_T (progressed crizotinib -> ceritinib, no ALK mutation, P-gp check recommended) had no bypass-screen result
   while P3_T's low-yield note had one: every unexplained progression with no off-target candidate now says what
   the genes alkannot checks showed (since stop 41: those the sample's records reach, MET copy number here; the
   others not assessed).
2. Such a progression prompts for small-cell transformation: a sourced sentence (statements.tsv
   histologic_transformation; TAKE16, LC16, ZHU17: guidance.md section 4 step 4, bypass.md section 10).
3. Jargon: the summary box's "(no history: present)", the header's "intermediate comes only from a measured fold
   over wild type", and P1_T lorlatinib's curator note on LIN17T2's unread footnote in the per-drug cell.
"""

from __future__ import annotations

import html as html_text
import json

import pytest
from helpers import readme_reports, run

from alkannot.bypass_coverage import GeneCoverage
from alkannot.kbfiles import load_knowledge_base
from alkannot.offtarget_screen import no_bypass_found
from alkannot.pgp import PgpAssessment
from alkannot.recorded_offtarget import with_recorded_candidate

TRANSFORMATION = (
    "Transformation to small-cell lung cancer has been reported at resistance to ALK inhibitors, with the ALK "
    "rearrangement still found (after alectinib [TAKE16, PMID 26751586], after two lines of ALK inhibitors [LC16, "
    "PMID 27987586], after crizotinib [ZHU17, doi:10.2147/OTT.S139718]); a VCF does not show it: review the "
    "histology of a re-biopsy for small-cell transformation."
)
# the example's small-variant VCF holds records in ALK only; its SV VCF gives P3_T and P4_T CN 2 over MET: MET copy
# number is what was read, every other gene is not assessed (clinical review of stop 40's example report: the sentence
# said "No ... change was found ... in the genes alkannot checks (bypass genes: MET, EGFR, ...)")
SCREEN = (
    " No protein-altering, copy-number or structural change was found in the genes alkannot checks that the input's "
    "records of this sample reach (bypass genes: MET (copy number only: CN 2)). Not assessed: the other genes "
    "alkannot checks (bypass genes: EGFR, KIT, KRAS, NRAS, MAP2K1, IGF1R, PIK3CA, NF2, BRAF, ERBB2; co-alteration, not a "
    "bypass gene: TP53), in which the input holds no record of this sample, or none that passed the caller's filters; "
    "a VCF does not show whether a gene without a record was sequenced (a panel, or a VCF restricted to ALK, cannot "
    "show a change there)."
)
MET_CN2 = (GeneCoverage("MET", ("copy_number",), (2,)),)
FOOTNOTE = "its footnote b on this cell was not read (the page cuts it off)"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    samples, tsv, html, _ = readme_reports(tmp_path_factory.mktemp("stop28") / "r")
    return samples, tsv, html


def test_the_screen_sentence_is_the_shared_one():
    assert no_bypass_found(load_knowledge_base(), MET_CN2) == SCREEN


def test_p4_recommended_note_gives_the_bypass_screen_result_and_the_transformation_prompt(example):
    samples, tsv, html = example
    note = samples["P4_T"]["pgp"]["note"]
    assert samples["P4_T"]["pgp_check"] == "recommended" and not samples["P4_T"]["off_target"]
    # before the P-gp facts, as in P3_T's note
    assert f"no clinical data in the sources read [KAT16; SEED].{SCREEN} {TRANSFORMATION} P-gp facts:" in note
    assert (
        note.count("No protein-altering, copy-number or structural change was found") == 1
        and note.count("Transformation to small-cell") == 1
    )
    assert {"TAKE16", "LC16", "ZHU17"} <= set(samples["P4_T"]["pgp"]["sources"])
    assert tsv["P4_T"]["pgp_note"] == note
    # the card lays the note out by its parts (split51): each under its label, in the note's order
    page = html_text.unescape(html)
    screen = f"<b>Other genes checked:</b> {SCREEN.strip()}</p>"
    transformation = f"<b>Small-cell transformation:</b> {TRANSFORMATION}</p>"
    assert screen in page and transformation in page and page.index(screen) < page.index(transformation)


def test_p3_low_yield_note_keeps_its_screen_and_gets_the_transformation_prompt(example):
    samples, _, _ = example
    note = samples["P3_T"]["pgp"]["note"]
    assert f"(preclinical evidence).{SCREEN} {TRANSFORMATION} P-gp facts:" in note


def test_no_transformation_prompt_beside_an_explaining_mutation(example):
    samples, _, _ = example
    for sample in ("P1_T", "P2_T"):  # G1202R and L1196M explain it
        assert "small-cell" not in samples[sample]["pgp"]["note"], sample
        assert "TAKE16" not in samples[sample]["pgp"]["sources"], sample
    # beside an off-target candidate (P5_T's MET gain, awaiting FISH) the prompt stays (clinical review of stop 42,
    # finding 5: guidance.md lists MET amplification and small-cell transformation side by side)
    note = samples["P5_T"]["pgp"]["note"]
    assert note.count(TRANSFORMATION) == 1 and note.index("Look first at the off-target candidates") < note.index(
        TRANSFORMATION
    )
    assert "TAKE16" in samples["P5_T"]["pgp"]["sources"]


def test_a_recorded_off_target_candidate_keeps_the_prompt_and_drops_the_screens_sources(example):
    """The sentence a recorded candidate takes the place of is the screen the note says (PgpAssessment.screen, as
    built); the prompt and its sources stay. P4_T's screen cites no source (MET copy number only: no polymorphism
    cut-off); the sources a screen cites alone go with it (test_wording_independence, E1_T)."""
    samples, _, _ = example
    pgp = samples["P4_T"]["pgp"]
    assessment = PgpAssessment(
        "recommended", "after_affected", pgp["note"], sources=tuple(pgp["sources"]), screen=SCREEN
    )
    kept = with_recorded_candidate(assessment, " RECORDED.")
    assert kept.note == pgp["note"].replace(f"{SCREEN} {TRANSFORMATION}", f" RECORDED. {TRANSFORMATION}")
    # the prompt's sources stay (clinical review of stop 42, finding 5)
    assert kept.sources == tuple(pgp["sources"]) and {"TAKE16", "LC16", "ZHU17"} <= set(kept.sources)


def test_html_summary_and_header_in_plain_words(example):
    _, _, html = example
    assert "(no history: present)" not in html
    assert "sources agreeing (with no treatment history: any resistance mutation)" in html
    assert "intermediate comes only from a measured fold over wild type" not in html
    assert "'intermediate' is used only where a cell-line potency measurement (fold over wild type) exists" in html


def test_p1_lorlatinib_cell_says_the_curator_note_in_a_readers_words_which_lookup_keeps(example):
    """The caveat of a review-level call stays, reworded: a footnote the curators could not read (final reading of
    stop 28, finding 7: dropping it made the evidence look firmer than it is)."""
    samples, tsv, html = example
    cell = samples["P1_T"]["inhibitors"]["lorlatinib"]["note"]
    assert cell.startswith(
        "LIN17T2: review table lists G1202R as targeted; a footnote to this table entry could not be read | GAI16: "
    )
    assert FOOTNOTE not in json.dumps(samples) and FOOTNOTE not in json.dumps(tsv) and "footnote b" not in html
    assert "a footnote to this table entry could not be read" in html
    shown = run("lookup", "G1202R", text=True)
    assert shown.returncode == 0 and "footnote b on this cell was not read" in shown.stdout
