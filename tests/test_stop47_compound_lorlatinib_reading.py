"""Stop 47: L1196M+G1202R (cis) and lorlatinib were looked for again (tools/kb_curation/reading_stop47_l1196m_g1202r.md).

No public source read names the compound with lorlatinib in its own words (YOD18's data, SHAW19's table and the
4th-generation inhibitors' papers are not readable here; SHI22, OKA19, REC20 and OU21 speak of compound mutations as a
class; CIViC has no accepted item on the pair), so no call was added. What the example patient P3_T (cis
L1196M+G1202R, progressed on lorlatinib) reads through the installed CLI, and what `alkannot lookup` gives the compound,
is pinned here: the lorlatinib column is the patient's progression, the genotype-based call stays `unknown (inferred)`
and says why, and the P-gp note says that no source in the knowledge base reports on this compound alone and
lorlatinib (stop 48: 'alone', since a note beside it quotes CIViC EID11114, the pair seen inside
I1171N+L1196M+G1202R at lorlatinib progression)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import readme_reports, run

READING = Path(__file__).parent.parent / "tools" / "kb_curation" / "reading_stop47_l1196m_g1202r.md"

GENOTYPE_NOTE = (
    "the genotype-based call alone would be unknown (L1196M+G1202R (cis)); inferred: no statement on the compound "
    "alone, only on I1171N+L1196M+G1202R, which contains it; each single change is sensitive or intermediate (L1196M sensitive (reviews only) [LIN17T2]; G1202R "
    "sensitive (reviews only) [LIN17T2; "
    "PEL21, doi:10.1158/1538-7445.AM2021-1468]), and compound mutations can escape an inhibitor that covers each single "
    "change [REC20, PMID 31585938; PEL21]: not called sensitive"
)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    samples, tsv, _, _ = readme_reports(tmp_path_factory.mktemp("stop47_compound") / "report")
    return samples, tsv


def test_p3_t_lorlatinib_is_its_progression_and_the_genotype_call_stays_unknown(example):
    samples, tsv = example
    p3 = samples["P3_T"]
    lorlatinib = p3["inhibitors"]["lorlatinib"]
    assert (lorlatinib["category"], lorlatinib["basis"], lorlatinib["progressed_on"]) == (
        "resistant",
        "L1196M+G1202R (cis)",
        True,
    )
    assert lorlatinib["sources"] == ["sample_sheet"] and not lorlatinib["inferred"]
    assert lorlatinib["note"].startswith(
        "the patient progressed on lorlatinib (sample sheet): resistant in this patient; "
    )
    assert GENOTYPE_NOTE in lorlatinib["note"]
    assert p3["mechanism"] == "on_target_possible"
    assert tsv["P3_T"]["lorlatinib"] == "resistant"
    assert tsv["P3_T"]["mechanism"] == "on_target_possible"


def test_p3_t_pgp_note_says_no_source_reports_on_the_compound_and_lorlatinib(example):
    samples, _ = example
    note = samples["P3_T"]["pgp"]["note"]
    assert note.startswith(
        "Low yield: progressed most recently on lorlatinib; L1196M+G1202R (cis), which has no genotype-based lorlatinib "
        "call in the knowledge base, is present: it contains G1202R, a change found in lorlatinib-resistant compound "
        "ALK mutations from patients and cell models ["
    )
    said = (
        "it may explain this progression, though no source in the knowledge base reports on this compound alone and "
        "lorlatinib."
    )
    assert said in note
    assert "reports on this compound and lorlatinib itself" not in note
    # the first sample note says it alike, and a later note quotes the triple it was seen in: 'alone' keeps it true
    notes = samples["P3_T"]["notes"]
    assert notes[0].startswith("L1196M+G1202R (cis) is present;") and notes[0].endswith(said)
    assert any("CIViC EID11114" in n and "no statement on L1196M+G1202R alone" in n for n in notes[1:])
    assert "P-gp overexpression did not confer resistance to lorlatinib in cell models [KAT16" in note


def test_lookup_gives_the_compound_lorlatinib_unknown_inferred_with_no_statement():
    result = run("lookup", "L1196M+G1202R", "--json", text=True)
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads(result.stdout)["results"]
    call = entry["calls"]["lorlatinib"]
    assert (call["category"], call["inferred"], call["statements"]) == ("unknown", True, [])
    assert call["note"].startswith(
        "inferred: no statement on the compound alone, only on I1171N+L1196M+G1202R, which contains it;"
    )
    assert "compound mutations can escape an inhibitor that covers each single change" in call["note"]


def test_the_reading_records_what_was_searched_and_that_no_call_was_added():
    text = READING.read_text(encoding="utf-8")
    assert "no source read names L1196M+G1202R with lorlatinib" in text
    for address in (
        "pubmed.ncbi.nlm.nih.gov/31585938",  # REC20
        "pmc.ncbi.nlm.nih.gov/articles/PMC9732888",  # SHI22
        "pmc.ncbi.nlm.nih.gov/articles/PMC6441848",  # OKA19
        "github.com/refugee8888/ALKfred_parser",  # the CIViC export read
    ):
        assert address in text, address
