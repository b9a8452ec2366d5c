"""Stop 51: neladalkib (NVL-655) per-mutation data were looked for again (tools/kb_curation/reading_stop51_neladalkib.md).

No readable public source names a single or compound ALK mutation with neladalkib in its own words (the Cancer
Discovery 2024 preclinical paper is cited by one ASCO 2025 abstract, "Lin et al., Cancer Discovery 2024", but no page of
it is stored; ALKOVE-1 results reach us only as secondary, group-level reports), so no statement was added and LIN24
stays unverified. What a user sees for a lorlatinib-resistant G1202R+L1196M compound is pinned here, through the
installed CLI: no neladalkib call beyond `unknown (inferred)`, the design-intent class note with its sources, and the
regulatory status only as the sources state it (investigational, NDA filed and under Priority Review; no approval)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from helpers import readme_reports, run

ROOT = Path(__file__).parent.parent
READING = ROOT / "tools" / "kb_curation" / "reading_stop51_neladalkib.md"
KB = ROOT / "resources" / "kb"

DESIGN_NOTE = (
    "a statement about compound ALK mutations as a group, not a call on this mutation: neladalkib (NVL-655) is a "
    "4th-generation 'double mutant active' ALK TKI, designed for ALK compound mutations"
)


def _rows(name: str) -> list[dict[str, str]]:
    with open(KB / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_the_knowledge_base_has_no_neladalkib_statement_on_any_mutation():
    assert not [row for row in _rows("calls.tsv") if row["inhibitor"] == "neladalkib"]
    lin24 = next(row for row in _rows("sources.tsv") if row["key"] == "LIN24")
    assert "Unverified" in lin24["citation"] and not lin24["pmid"] and not lin24["doi"]


def test_lookup_of_the_compound_gives_neladalkib_unknown_with_its_class_note_and_sources():
    result = run("lookup", "L1196M+G1202R", "--json", text=True)
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads(result.stdout)["results"]
    call = entry["calls"]["neladalkib"]
    assert (call["category"], call["inferred"], call["statements"]) == ("unknown", True, [])
    note = call["note"]
    assert "no mutation-level data for this alteration in the knowledge base" in note
    assert DESIGN_NOTE in note and "this is its design intent, not activity shown on a given mutation" in note
    assert "[OU21, doi:10.1016/j.tranon.2021.101191; PEL21, doi:10.1158/1538-7445.AM2021-1468]" in note
    assert "approved" not in note.replace("not approved", "")


@pytest.fixture(scope="module")
def p3_t(tmp_path_factory):
    samples, tsv, _, _ = readme_reports(tmp_path_factory.mktemp("stop51_neladalkib") / "report")
    return samples["P3_T"], tsv["P3_T"]


def test_the_lorlatinib_resistant_compound_patient_reads_neladalkib_as_investigational_and_uncalled(p3_t):
    sample, row = p3_t
    nela = sample["inhibitors"]["neladalkib"]
    assert (nela["category"], nela["basis"], nela["inferred"], nela["sources"]) == (
        "unknown",
        "L1196M+G1202R (cis)",
        True,
        [],
    )
    assert row["neladalkib"] == "unknown (inferred)"
    assert nela["note"].startswith(
        "investigational (ALK TKI; as of its NDA submission, announced 2026-04-07 [DAILYSCOUT26]"
    )
    assert "its outcome is not in the knowledge base: check its current FDA status" in nela["note"]
    assert DESIGN_NOTE in nela["note"]
    assert set(nela["note_sources"]) == {"DAILYSCOUT26", "PDN26", "OU21", "PEL21"}


def test_the_reading_records_what_was_searched_and_that_nothing_was_added():
    text = READING.read_text(encoding="utf-8")
    assert "No statement added, no call changed, LIN24 stays unverified" in text
    for address in (
        "tps_abstracts/TPS8666_ABSTRACT503002_firecrawl.md",  # the ASCO 2025 abstract naming "Lin et al."
        "alkpositive.org/research-news/tag/brain-penetrant+ALK+inhibitor",  # PEL21
        "seekingalpha.com/article/4659450",  # ALKOVE-1 phase 1, secondary
        "ouci.dntb.gov.ua/works/40wVPZm7",  # LIN17T2's DOI, still one source
    ):
        assert address in text, address
