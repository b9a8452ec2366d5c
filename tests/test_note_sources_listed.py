"""Citations a note makes are in that note's source list (review of stop 28's change), through README's first
command on the bundled example (tests/helpers.readme_example): P5_T's P-gp note cites the no-NGS-cut-off statement
[SCHMITT21, PMID 34733418] in its FISH caveat, so SCHMITT21 is among the P-gp assessment's sources; P5_T's
crizotinib cell (untried beside a MET candidate: sourced_text.beside_candidate) names GIR16, PLE18 and DJ20, so they
are among its note_sources and in the HTML's 'named in the note, not counted' list."""

import json
import re
from urllib.parse import unquote

import pytest
from helpers import readme_example

from alkannot.sourced_text import statement_sources


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[dict[str, dict], str]:
    prefix = tmp_path_factory.mktemp("readme") / "example"
    done = readme_example(prefix)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    doc = json.loads(prefix.with_suffix(".json").read_text())
    return {s["sample"]: s for s in doc["samples"]}, prefix.with_suffix(".html").read_text()


def test_the_fish_caveat_is_cited_with_its_identifier_and_listed_in_the_pgp_sources(example):
    samples, _ = example
    pgp = samples["P5_T"]["pgp"]
    caveat = (
        "Look first at the off-target candidates: MET copy-number gain (CN=9) from NGS: confirm amplification by "
        "FISH; no clinically defined NGS copy-number cut-off for MET amplification existed as of 2021, FISH remaining "
        "the reference test [SCHMITT21, PMID 34733418]. "
        "Transformation to small-cell lung cancer"  # the histology prompt (clinical review of stop 42, finding 5)
    )
    assert caveat in pgp["note"]
    assert pgp["note"].count("SCHMITT21") == 1  # identified at its first (here only) citation
    # the transport facts' sources after the tumour-effect facts' (clinical review of stop 41, finding 5), each part's
    # as the note cites it (finding 12: brigatinib's LI18BRIG in the transport sentence, which cites it)
    transport = ["TANG14", "KORT_CER", "ALEC_IC14", "NEUONC_T2", "YANG17", "HOF19", "LI18BRIG", "LI18LOR"]
    # and the histology prompt's, said beside the candidate (clinical review of stop 42, finding 5)
    assert pgp["sources"] == ["KAT16", "SEED", "WU22ENS", "VAG20", *transport, "SCHMITT21", "TAKE16", "LC16", "ZHU17"]
    # every sample whose P-gp note says the caveat lists its source; the others do not
    for name, s in samples.items():
        assert ("SCHMITT21" in s["pgp"]["note"]) == ("SCHMITT21" in s["pgp"]["sources"]), name


def _cell_row(page: str, sample: str, drug: str) -> str:
    card = page[page.index(f'id="s-{sample}"') :]
    card = card[: card.index("</article>")]
    (row,) = [r for r in card.split('<tbody class="drug">') if r.startswith(f"<tr><td>{drug}</td>")]
    return row


def test_the_beside_candidate_sources_are_named_in_the_crizotinib_cell(example):
    samples, page = example
    cell = samples["P5_T"]["inhibitors"]["crizotinib"]
    beside = statement_sources("beside_MET_copy_number_gain_crizotinib")
    assert beside == ("GIR16", "PLE18", "DJ20")
    assert cell["category"] == "unknown" and cell["sources"] == []
    assert "[GIR16, doi:10.2147/LCTT.S99303]" in cell["note"] and "[PLE18]" in cell["note"]
    assert "[DJ20, doi:10.1158/1078-0432.CCR-19-3906]" in cell["note"]
    assert cell["note_sources"][-3:] == list(beside)
    # the genotype call's sources stay first, each statement by its label (knowledge base 2.0.28)
    assert cell["note_sources"][:2] == ["KAZ14(PMID:25170012)", "KWAK10(PMID:20979469)"]
    named = _cell_row(page, "P5_T", "crizotinib").split("named in the note, not counted: ", 1)[1].split("</td>")[0]
    linked = re.findall(r'href="#src-([^"]+)"', named)
    assert [unquote(k) for k in linked[:2]] == cell["note_sources"][:2] and linked[-3:] == list(beside)
    # a cell with no MET sentence is unchanged: lorlatinib's names none of them
    lorlatinib = samples["P5_T"]["inhibitors"]["lorlatinib"]
    assert not set(beside) & set(lorlatinib["note_sources"]) and "GIR16" not in lorlatinib["note"]
