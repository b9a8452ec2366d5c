"""Stop 43 (knowledge base 2.0.24): identifiers looked up for the sources that had no PMID and no DOI
(tools/kb_curation/reading_stop43_identifiers.md). An identifier is entered only where two independent public sources
give it; each one entered is in the built table with both addresses in its curation row, and a number seen once stays
out of the identifier columns."""

import csv
from pathlib import Path

from alkannot.kbfiles import load_knowledge_base

ROOT = Path(__file__).parent.parent
KB = load_knowledge_base()

# key -> (pmid, doi, pmc) entered at stop 43, and the two addresses its curation row must name
ADDED = {
    "CHR18": (
        ("", "10.1002/ijc.31275", ""),
        ("www.ncbi.nlm.nih.gov/pubmed/29363116", "dzl.de/publication/10-1002-ijc-31275"),
    ),
}


def _curation_rows() -> dict[str, dict]:
    with open(ROOT / "tools" / "kb_curation" / "sources_extra.tsv", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return {row["key"]: row for row in csv.DictReader(lines, delimiter="\t")}


def _built_rows() -> dict[str, dict]:
    with open(ROOT / "resources" / "kb" / "sources.tsv", encoding="utf-8") as handle:
        return {row["key"]: row for row in csv.DictReader(handle, delimiter="\t")}


def test_each_identifier_added_is_in_the_built_table_and_the_loaded_kb():
    built = _built_rows()
    loaded = {s.key: s for s in KB.sources()}
    for key, ((pmid, doi, pmc), _) in ADDED.items():
        assert (built[key]["pmid"], built[key]["doi"], built[key]["pmc"]) == (pmid, doi, pmc), key
        assert (loaded[key].pmid, loaded[key].doi) == (pmid, doi), key


def test_each_identifier_added_names_its_two_sources():
    rows = _curation_rows()
    for key, (_, addresses) in ADDED.items():
        where = rows[key]["where_read"]
        for address in addresses:
            assert address in where, (key, address)


def test_chr18_is_the_paper_shared_kb_lists_and_its_once_seen_pmid_is_not_an_identifier():
    (chr18,) = [s for s in KB.sources() if s.key == "CHR18"]
    assert chr18.citation.startswith("Christopoulos P, et al. EML4-ALK fusion variant V3 is a high-risk feature")
    assert "Int J Cancer 2018;142(12):2589-98" in chr18.citation
    assert chr18.pmid == "" and "PMID 29363116 seen on the PubMed record only" in chr18.citation


def test_lin17_no_longer_says_its_doi_was_not_seen():
    """LIN17 and LIN17T2 are one paper: both say the DOI was seen once and not used (stop 41 and 43 look-ups)."""
    built = _built_rows()
    for key in ("LIN17", "LIN17T2"):
        assert "PMID and DOI not seen" not in built[key]["citation"], key
        assert "seen in one place only" in built[key]["citation"], key
        assert built[key]["pmid"] == built[key]["doi"] == "", key
