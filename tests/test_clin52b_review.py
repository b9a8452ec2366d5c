"""Clinical read of stop 52, follow-up (helper clin52b), through the installed CLI on real files: README's example
cohort and tests/data (clin47, investigational)."""

from __future__ import annotations

import html as html_text
import re
from pathlib import Path

from helpers import annotated_report, readme_reports

DATA = Path(__file__).resolve().parent / "data"
# KAT16's finding as the P-gp note gives it after its lead (statements.tsv
# pgp_kat16_not_alectinib_lorlatinib_after_lead), and in full where no lead has given part of it (a per-inhibitor cell)
AFTER_LEAD = (
    "in the same study's cell models, P-gp overexpression did not confer resistance to alectinib or lorlatinib "
    "(PF-06463922), and from these findings the study authors suggest that alectinib or lorlatinib could overcome "
    "P-gp-mediated crizotinib or ceritinib resistance, with no clinical data on P-gp-positive tumours in the sources "
    "read (preclinical) [KAT16]"
)
IN_FULL = "in cell models, P-gp overexpression conferred crizotinib and ceritinib resistance but not resistance to "
UNAFFECTED = "did not confer resistance to alectinib or lorlatinib"


def _box(page: str, sample: str) -> str:
    return re.search(rf'id="s-{sample}".*?<div class="pgpnote[^"]*">(.*?)</div>', page, re.S).group(1)


def test_p4_says_kat16s_cell_finding_once_and_keeps_every_claim(tmp_path):
    """P4_T (crizotinib then ceritinib, no ALK mutation): the note's lead, its 'If P-gp IHC is positive' text and the
    P-gp facts each said KAT16's finding in cells (ceritinib's, then crizotinib's, ceritinib's, alectinib's and
    lorlatinib's, then crizotinib's, alectinib's and lorlatinib's). Each claim is now said once, with its sources:
    ceritinib in the lead, alectinib and lorlatinib with the study's suggestion, crizotinib in the P-gp facts, which
    refer to the finding above for alectinib and lorlatinib."""
    samples, tsv, page, _ = readme_reports(tmp_path / "ex")
    note = samples["P4_T"]["pgp"]["note"]
    assert note.count(UNAFFECTED) == 1 and IN_FULL not in note
    assert (
        "P-gp (ABCB1) overexpression reduces the activity of ceritinib in cell models [KAT16, PMID 26870817; SEED"
        in (note)
    )
    assert f"If P-gp IHC is positive: {AFTER_LEAD}; alectinib and lorlatinib were active at low concentrations" in note
    assert "P-gp facts: P-gp overexpression also reduces the activity of crizotinib in cell models [KAT16; SEED]; " in (
        note
    )
    assert "; alectinib and lorlatinib: see the finding in cell models above; brigatinib: " in note
    assert note.count("reduces the activity of ceritinib") == 1 and note.count("of crizotinib in cell models") == 1
    assert {"KAT16", "SEED"} <= set(samples["P4_T"]["pgp"]["sources"])
    assert tsv["P4_T"]["pgp_note"] == note
    # the card: the same words, each paragraph under its label, the facts folded after the IHC paragraph
    box = html_text.unescape(_box(page, "P4_T"))
    assert box.count(UNAFFECTED) == 1 and IN_FULL not in box
    positive = box.index("If P-gp IHC is positive:</b> In the same study's cell models, P-gp overexpression did not")
    assert positive < box.index("alectinib and lorlatinib: see the finding in cell models above")


def test_a_low_yield_note_and_a_cell_without_the_lead_keep_the_finding_in_full(tmp_path):
    """clin47's NOMUTIHC (ABCB1 IHC positive): after crizotinib the P-gp facts give ceritinib's effect and refer for
    alectinib and lorlatinib; after alectinib (low yield: no 'With P-gp IHC positive' text) the facts say every drug's
    effect but alectinib's, which the reason gives (clin52d); the per-inhibitor cells, which have no lead, give the study's finding in full."""
    folder = DATA / "clin47"
    doc, _ = annotated_report(
        folder / "NOMUTIHC.vcf",
        folder / "NOMUTIHC.samples.tsv",
        tmp_path / "n",
        "--sv",
        str(folder / "NOMUTIHC.sv.vcf"),
    )
    by = {s["sample"]: s for s in doc["samples"]}
    crizotinib = by["NOMUTIHC_crizotinib_T"]
    note = crizotinib["pgp"]["note"]
    assert f"With P-gp IHC positive: {AFTER_LEAD}." in note and note.count(UNAFFECTED) == 1
    assert "P-gp overexpression also reduces the activity of ceritinib in cell models [KAT16; SEED]" in note
    assert IN_FULL in crizotinib["inhibitors"]["lorlatinib"]["note"]
    alectinib = by["NOMUTIHC_alectinib_T"]["pgp"]["note"]
    # the low-yield reason gives alectinib's finding in cells: the facts refer to it, lorlatinib's said (clin52d)
    assert (
        "it did not confer resistance to lorlatinib in cell models [KAT16; SEED]; alectinib: see the finding in cell "
        "models above;"
    ) in alectinib
    assert alectinib.count("did not confer resistance to alectinib") == 1


def test_the_card_does_not_echo_its_labels(tmp_path):
    """The card's P-gp box read "Activity after this treatment history: Sourced activity after this treatment history
    of the inhibitors ..." (P4_T) and "ABCB1 RNA expression: ABCB1 expression 3.2 TPM ..." (P5_T): the label says it,
    the paragraph no longer does. The TSV's and JSON's note keep the note's own words, which do not repeat."""
    samples, tsv, page, _ = readme_reports(tmp_path / "ex")
    p4, p5 = _box(page, "P4_T"), _box(page, "P5_T")
    assert (
        "<b>Activity after this treatment history:</b> Of the inhibitors to which P-gp overexpression did not confer "
        "resistance in cell models [KAT16; SEED]: lorlatinib: objective response rate 38.7%" in p4
    )
    assert "<b>ABCB1 RNA expression:</b> 3.2 TPM (the knowledge base has no validated expression cut-off;" in p5
    assert "Sourced activity after this treatment history" not in p4 + p5 and "ABCB1 expression 3.2" not in p5
    for sample, words in (
        ("P4_T", "Sourced activity after this treatment history of the inhibitors to which"),
        ("P5_T", "ABCB1 expression 3.2 TPM (the knowledge base has no validated expression cut-off;"),
    ):
        note = samples[sample]["pgp"]["note"]
        assert words in note and note.count(words) == 1 and tsv[sample]["pgp_note"] == note
