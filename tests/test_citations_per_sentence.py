"""The bundled example's citations as a molecular pathologist read them (oncologist reading of stop 28): each
sentence of P5_T's MET finding cites its own sources; a paper the knowledge base cites by PubMed ID only says what
the knowledge base holds of it; one paper is shown once in a source list."""

from __future__ import annotations

import html
import re

import pytest
from helpers import readme_reports

MET_SENTENCE = (
    "What the sources say: MET amplification was found in 15% of biopsies after next-generation ALK TKIs (12% after "
    "2nd-generation, 22% after lorlatinib); dual ALK/MET inhibition reversed resistance in cell models and 2 patients "
    "responded to ALK+MET combination therapy [DJ20]"
)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    _, _, page, doc = readme_reports(tmp_path_factory.mktemp("cite") / "r")
    return doc, html.unescape(page)


def test_met_bypass_sentence_cites_dj20_only_and_the_cut_offs_their_own(example):
    doc, page = example
    (p5,) = [s for s in doc["samples"] if s["sample"] == "P5_T"]
    (met,) = p5["off_target"]
    said = met["statement"]
    assert said.endswith(MET_SENTENCE)
    for sentence in (
        "no clinically defined NGS copy-number cut-off for MET amplification existed as of 2021, FISH remaining "
        "the reference test [SCHMITT21, PMID 34733418]",
        "a MET/CEP7 ratio of 2 or more or a mean MET gene copy number of 5 or more is called amplification, and a "
        "mean of 4 to under 5 copies a copy-number gain [FANG18, PMID 29560123]",
        "a mean of 6.0 or more copies per nucleus, or 10% or more of tumour cells with 15 or more copies [SCHILD15, ",
        "detected by FISH and/or NGS [DJ20, doi:",
    ):
        assert sentence in said
    # every source cited stays among the finding's sources and in the source list
    assert met["sources"] == ["SCHMITT21", "FANG18", "SCHILD15", "DJ20"]
    assert {"SCHMITT21", "FANG18", "SCHILD15", "DJ20"} <= set(doc["sources"])
    # the HTML shows the same sentences, with no list of all four after the MET sentence
    (item,) = re.findall(r"<li><b>MET</b>[^\n]*?</li>", page)
    item = re.sub(r"<[^>]+>", "", item)
    assert item.endswith(MET_SENTENCE)
    assert "combination therapy [SCHMITT21" not in page


def test_pmid_only_papers_name_their_civic_items(example):
    doc, page = example
    sources = doc["sources"]
    only = "a paper cited by PubMed ID only (its citation is not in the knowledge base)"
    assert sources["PMID:26698910"]["citation"] == (
        only + "; the knowledge base's CIViC evidence items on it: EID841, EID842, EID843, EID844 (case report)"
    )
    assert sources["PMID:25727400"]["citation"] == (
        only
        + "; the knowledge base's CIViC evidence items on it: EID1350, EID1351, EID1353, EID1354, EID1355 (preclinical)"
    )
    # PMID 22277784's attribution was verified at stop 52 (source KAT12: CIViC's source record and an independent
    # PubMed-style reference list, PROVENANCE.md): the paper is named, as any paper with a source row is
    assert sources["PMID:22277784"]["citation"].startswith(
        "Katayama R, Shaw AT, Khan TM, et al. Mechanisms of acquired crizotinib resistance in ALK-rearranged lung"
    )
    assert sources["EID441"]["citation"].startswith("CIViC accepted evidence item EID441 (CC0); the paper: Katayama R")
    assert "EID841, EID842, EID843, EID844 (case report)" in page


def test_one_paper_shown_once_in_a_source_list(example):
    doc, page = example
    # P2_T's crizotinib: CGI's cited PMIDs once, not again in brackets
    assert "CGI(PMID:20979473,PMID:22277784) (PMID" not in page
    assert "CGI(PMID:20979473,PMID:22277784)" in page
    # P1_T's G1202R: Friboulet 2014 once, with its CIViC item beside it
    assert "FRI14 (PMID 24675041; CIViC EID1345)" in page
    rows = re.findall(r"<tr><td>G1202R</td>[^\n]*", page)
    assert rows and all("PMID:24675041" not in r and ">EID1345" not in r for r in rows)
    # the votes and the JSON's evidence are unchanged
    (p1,) = [s for s in doc["samples"] if s["sample"] == "P1_T"]
    (g1202r,) = [m for m in p1["alk_mutations"] if m["protein_change"] == "G1202R"]
    assert {"FRI14", "EID1345", "PMID:24675041"} <= set(g1202r["evidence"])
    # SEED, a press release, is listed, not counted (knowledge base 2.0.23; clinical reading of stop 41, finding 9)
    assert p1["inhibitors"]["ceritinib"]["sources"] == [
        "LIN17T2",
        "FRI14(PMID:24675041)",
        "EID1345(PMID:24675041)",
        "PEL21",
    ]
    assert p1["inhibitors"]["ceritinib"]["listed_sources"] == ["SEED"]
