"""Clinical read of stop 43, finding 4: a source with no PMID or DOI but a PubMed Central id in sources.tsv (OKA19,
SHI22) is cited by it ('[OKA19, PMC6441848]'), not bare, and `bare_key` reads the key back from that label."""

from __future__ import annotations

from alkannot.kbfiles import load_knowledge_base
from alkannot.sourced_text import bare_key, bracketed_keys, citation, identified_once


def test_a_source_known_by_its_pmc_id_alone_is_cited_by_it() -> None:
    kb = load_knowledge_base()
    assert citation(kb, ("OKA19",)) == "[OKA19, PMC6441848]"
    assert citation(kb, ("SHI22", "OKA19", "KAT16")) == ("[SHI22, PMC9732888; OKA19, PMC6441848; KAT16, PMID 26870817]")
    # a PMID or DOI still comes first (PEL21 has a DOI only)
    assert citation(kb, ("PEL21",)) == "[PEL21, doi:10.1158/1538-7445.AM2021-1468]"


def test_the_pmc_label_reads_back_to_its_key() -> None:
    assert bare_key("OKA19, PMC6441848") == "OKA19"
    assert bracketed_keys("x [SHI22, PMC9732888; OKA19, PMC6441848]") == ["SHI22", "OKA19"]
    # identified at its first citation only, as PMIDs and DOIs are
    assert identified_once("a [OKA19, PMC6441848]; b [OKA19, PMC6441848]") == "a [OKA19, PMC6441848]; b [OKA19]"
