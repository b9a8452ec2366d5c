"""Every source a report cites is in its source lists: a key in brackets in any printed text of a sample (an
inhibitor's note, the P-gp note, a sample note, an off-target statement) has an entry in the HTML "Sources" list
and in the JSON `sources` object, and a bracket that is not a citation (a fusion call's '[positive; kinase
retained; ...]') adds nothing to them (clinical review 2026-12-01, fourth reading, finding 5)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from helpers import annotated_report

from alkannot.sourced_text import CIVIC_ITEMS_LISTED, split_keys

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "example_vcfs" / "GRCh38"
DATA = Path(__file__).parent / "data"
BRACKET = re.compile(r"\[([^\[\]]+)\]")


def _example(tmp: Path) -> tuple[dict, str]:
    return annotated_report(
        EXAMPLE / "tumor_normal.vcf",
        ROOT / "example_vcfs" / "samples.tsv",
        tmp / "ex",
        "--sv",
        str(EXAMPLE / "sv.vcf"),
        "--fusions",
        f"P5_T={EXAMPLE / 'fusions.tsv'}",
        "--min-vaf",
        "0.05",
    )


def _gilteritinib(tmp: Path) -> tuple[dict, str]:
    folder = DATA / "investigational"
    return annotated_report(folder / "i1171n_f1174i_cis_grch38.vcf", folder / "samples.tsv", tmp / "gi")


def _compound(tmp: Path) -> tuple[dict, str]:
    folder = DATA / "compound"
    return annotated_report(folder / "trans_and_unphased_grch38.vcf", folder / "samples.tsv", tmp / "co")


SCENARIOS = {"example_sv_fusions_min_vaf": _example, "gilteritinib_sensitive": _gilteritinib, "compound": _compound}


@pytest.fixture(scope="module", params=sorted(SCENARIOS))
def report(request, tmp_path_factory) -> tuple[dict, str]:
    return SCENARIOS[request.param](tmp_path_factory.mktemp(request.param))


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in _strings(item)] if isinstance(value, list) else []


def _fusion_brackets(doc: dict) -> set[str]:
    """The brackets of the fusion calls' text: what the caller saw, not a citation."""
    return {b for s in doc["samples"] for call in s["fusion_calls"] for b in BRACKET.findall(call)}


def _keys(bracket: str) -> list[str]:
    """'KAT16, PMID 26870817; SEED, press release on KAT16' (a note's citation) or 'SCHMITT21 (PMID 34733418),
    DJ20' (the HTML's own citation links) -> the keys."""
    keys = []
    for part in split_keys(bracket):
        for piece in re.split(r",\s*(?![^()]*\))", part):
            piece = re.sub(r" \(PMID \d+\)$", "", piece.strip())
            # what `citation` adds after a key: its PMID, DOI or PMC id, or what a press release restates (SEED); and the
            # count of a long bracket's CIViC items ('11 CIViC evidence items, listed in the sources'), whose keys
            # are in the call's `note_sources` (tests/test_citation_lists.py)
            if piece and not re.match(
                rf"(?:PMID|doi:|PMC\d+$|press release on |\d+ CIViC evidence items$|{CIVIC_ITEMS_LISTED}$)", piece
            ):
                keys.append(piece)
    return keys


def _page(page: str) -> tuple[str, set[str]]:
    """The page's visible text before its Sources list, and the keys that list has."""
    body, listed = page.split('<section id="sources">')
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<(style|script)\b.*?</\1>", "", body, flags=re.S)))
    keys = re.findall(r'<li id="[^"]*"><b>([^<]+)</b>', listed)
    aliases = re.findall(r'<span id="src-[^"]*">([^<]+)</span>', listed)  # another form of an entry's key
    return text, {html.unescape(k) for k in (*keys, *aliases)}


def test_every_key_cited_in_the_html_is_in_its_sources_list_and_the_json(report):
    doc, page = report
    text, listed = _page(page)
    fusion = _fusion_brackets(doc)
    cited = {key for bracket in BRACKET.findall(text) if bracket not in fusion for key in _keys(bracket)}
    assert cited, "no citation found: the test reads nothing"
    assert sorted(cited - listed) == []
    assert sorted(cited - set(doc["sources"])) == []


def test_every_key_cited_in_the_json_texts_is_in_its_sources(report):
    doc, _ = report
    fusion = _fusion_brackets(doc)
    texts = [t for s in doc["samples"] for t in _strings(s)]
    cited = {k for t in texts for b in BRACKET.findall(t) if b not in fusion for k in _keys(b)}
    # '[FOLD_...]' is a threshold rule's name the HTML leaves out (report/plain_words.py), not a source
    missing = sorted(k for k in cited - set(doc["sources"]) if not k.startswith("FOLD_"))
    assert missing == []


def test_brackets_that_are_not_citations_are_not_listed(report):
    doc, page = report
    _, listed = _page(page)
    junk = {k for b in _fusion_brackets(doc) for k in split_keys(b)} | {"positive", "kinase retained"}
    assert not junk & set(doc["sources"]) and not junk & listed
    assert not [k for k in doc["sources"] if k.startswith("FOLD_")]
    # every entry names a source: none falls back to 'KEY: a source key of the knowledge base'
    assert [k for k, v in doc["sources"].items() if v["citation"].endswith("a source key of the knowledge base")] == []


def test_the_reviewers_keys_are_listed_for_the_example(tmp_path):
    """The keys the review found cited and not listed (finding 5), among them the compound rule's REC20 and the
    investigational agents' status sources."""
    doc, page = _example(tmp_path)
    _, listed = _page(page)
    # STOCKTITAN26 no longer: it reports neladalkib's NDA submission, not the decision's date the note gives (PDN26)
    named = ["REC20", "KAZ14", "LAR16", "PET17", "REG", "DHI19GIL", "DAILYSCOUT26", "PDN26"]
    named += ["KWAK10", "KHO15", "SHAW14", "SOR17", "KIM17", "CAM18"]
    assert [k for k in named if k not in listed or k not in doc["sources"]] == []
    assert doc["sources"]["REC20"]["pmid"] == "31585938"


def test_a_curation_source_citing_a_paper_gives_that_papers_pmid_and_not_its_own_doi(tmp_path):
    """'CGI(PMID:20979473,PMID:22277784)': the entry's PMID is the cited papers', so the DOI beside it is not the
    resource's (Tamborero 2018), which the citation names as the resource's own."""
    doc, _ = _example(tmp_path)
    keyed = {k: v for k, v in doc["sources"].items() if k.startswith("CGI(")}
    assert keyed, sorted(doc["sources"])
    for key, entry in keyed.items():
        cited = re.findall(r"PMID:(\d+)", key)
        assert entry["pmid"] == ";".join(cited) and entry["doi"] is None, (key, entry)
        assert entry["citation"].endswith(
            f"(citing PMID {', '.join(cited)}; the resource itself: PMID 29592813, doi:10.1186/s13073-018-0531-8)"
        )
        # the resource's clause about its own identifiers is not carried into a per-paper entry (review 13, 12)
        assert "are those of the resource's paper" not in entry["citation"]
        assert "; the resource's paper: Tamborero D, et al." in entry["citation"]


def test_a_source_cited_for_its_own_paper_keeps_its_doi():
    from alkannot.kbfiles import load_knowledge_base
    from alkannot.report.cited_sources import describe_source

    entry = describe_source("SAB17(PMID:28435288)", load_knowledge_base())
    assert (entry["pmid"], entry["doi"]) == ("28435288", "10.2147/OTT.S109295")
    assert entry["citation"].endswith("(review; citing PMID 28435288)")  # one bracket with the citation's own (stop 54)
