"""Ensartinib's fusion-level call rested on REG (the FDA approval) alone; the eXalt3 trial paper (Horn et al., JAMA
Oncol 2021) was read and is a second `sensitive` statement, HORN21, clinical_trial (review 13, finding 10 follow-up).
Only the sources change: the call stays `sensitive`."""

from __future__ import annotations

import json

from helpers import run

QUOTE = (
    "'the median progression-free survival was statistically significantly longer with ensartinib than with "
    "crizotinib (25.8 vs 12.7 months)'"
)


def _lookup(name: str) -> dict:
    done = run("lookup", name, "--json", text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_fusion_call_on_ensartinib_has_the_trial_paper_voting_beside_reg():
    kb = _lookup("EML4::ALK")
    assert tuple(int(x) for x in kb["knowledge_base"]["version"].split(".")) >= (2, 0, 8)
    call = kb["results"][0]["calls"]["ensartinib"]
    assert call["category"] == "sensitive" and call["evidence_kinds"] == ["clinical_trial"]
    assert call["sources"] == ["REG", "HORN21(PMID:34473194)"]  # a statement's label names its paper's PMID (2.0.28)
    horn = [s for s in call["statements"] if s["source"] == "HORN21(PMID:34473194)"]
    assert len(horn) == 1
    assert horn[0]["votes"] is True and horn[0]["read_as"] == "sensitive"
    assert horn[0]["evidence_kind"] == "clinical_trial"
    assert horn[0]["context"] == "NSCLC; ALK fusion (patient tumour)"
    assert QUOTE in horn[0]["note"] and "[" not in horn[0]["note"]
    assert "HORN21: the eXalt3 trial paper itself" in call["note"] and QUOTE in call["note"]


def test_the_exported_source_row_gives_the_doi_and_the_pmid_two_sources_give(tmp_path):
    done = run("kb", "export", "--format", "tsv", "-o", tmp_path / "kb", text=True)
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "kb" / "sources.tsv").read_text().splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.startswith("HORN21\t")]
    assert len(rows) == 1
    assert rows[0]["doi"] == "10.1001/jamaoncol.2021.3523"
    # PMID 34473194: the PMC page and a cached PubMed record (KB 2.0.9; until then one source, left empty)
    assert rows[0]["pmid"] == "34473194" and rows[0]["pmc"] == "PMC8414368"
    assert "JAMA Oncol 2021;7(11):1617-1625 (eXalt3)" in rows[0]["citation"]


def test_mutation_level_calls_on_ensartinib_are_unchanged():
    call = _lookup("G1202R")["results"][0]["calls"]["ensartinib"]
    assert not any(s.split("(")[0] == "HORN21" for s in call["sources"])


def test_the_trial_paper_is_cited_with_its_pmid():
    """KB 2.0.9: HORN21's PMID and PMC id, each seen in two independent places (PROVENANCE.md, Changes)."""
    source = _lookup("EML4::ALK")["sources"]["HORN21"]
    assert source["pmid"] == "34473194"
    assert source["doi"] == "10.1001/jamaoncol.2021.3523"
