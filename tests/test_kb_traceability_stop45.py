"""KB traceability review of stop 45: the news and regulatory sources are cited with the address they were read at,
gilteritinib's drug profile with its journal; iruplinalkib's fusion call, which rests on a review and a news report,
is marked `reviews_only` like the other calls no primary report decides; neladalkib's 'investigational' says as of
when and on which sources; a JSON list names each source in one form."""

from __future__ import annotations

import json

from helpers import readme_reports, run

from alkannot.alterations import parse_alteration
from alkannot.kbfiles import load_knowledge_base
from alkannot.sourced_text import one_form, paper_key

KB = load_knowledge_base()


def test_the_news_and_regulatory_sources_name_the_address_they_were_read_at():
    for key in ("ASCOPOST23", "STOCKTITAN26", "DAILYSCOUT26", "PDN26", "PMO21", "REG"):
        source = KB.source(key)
        assert " Read at https://" in source.citation, key
        assert not source.pmid and not source.doi, key  # a web page: no identifier of its own


def test_gilteritinib_s_drug_profile_names_its_journal_and_no_identifier_seen_once():
    source = KB.source("DHI19GIL")
    assert source.citation.startswith("Dhillon S. Gilteritinib: First Global Approval. Drugs 2019")
    # its PMID and DOI were seen on one page only (a PubMed copy): named as such, not entered
    assert not source.pmid and not source.doi and "seen on the PubMed copy only" in source.citation


def test_the_sources_still_without_a_second_look_up_keep_no_identifier():
    for key in ("KORT_CER", "LIN17T2", "LIN17"):
        source = KB.source(key)
        assert not source.pmid and not source.doi, key


def test_iruplinalkib_s_fusion_call_is_marked_reviews_only(tmp_path):
    result = run("lookup", "--json", "EML4::ALK v1")
    assert result.returncode == 0, result.stderr
    calls = json.loads(result.stdout)["results"][0]["calls"]
    irup = calls["iruplinalkib"]
    assert irup["category"] == "sensitive" and irup["reviews_only"] is True
    assert set(irup["evidence_kinds"]) == {"review", "secondary"}
    text = run("lookup", "EML4::ALK v1", text=True).stdout
    assert "iruplinalkib  sensitive (reviews only)" in text
    assert "a trial read only through another paper or a news report" in text
    # a call a trial decides is not marked
    assert calls["lorlatinib"]["reviews_only"] is False


def test_neladalkib_s_label_says_as_of_when_and_claims_no_decision():
    status = KB.agent_status("neladalkib")
    assert status.startswith("investigational (ALK TKI; as of its NDA submission, announced 2026-04-07 [DAILYSCOUT26]")
    assert "a US decision was due 2026-11-27" in status and "its outcome is not in the knowledge base" in status
    assert "approved" not in status.replace("not approved", "")


def test_neladalkib_s_decision_date_cites_the_one_report_that_gives_it():
    """Clinical read of stop 45 by helper r1, finding 2: 'a US decision was due 2026-11-27 (secondary reports
    [STOCKTITAN26; DAILYSCOUT26; PDN26])' cited for the date two reports of the NDA's submission (announced
    2026-04-07), which give no date; the PDUFA target action date is PDN26's, the one report of the NDA's acceptance
    (inhibitors.tsv names it beside the date). The lookup lists no source its notes do not name."""
    status = KB.agent_status("neladalkib")
    assert "a US decision was due 2026-11-27 (the PDUFA target action date, a secondary report [PDN26]);" in status
    assert "STOCKTITAN26" not in status
    assert "PDUFA target action date of 2026-11-27 (PDN26)" in KB.inhibitor("neladalkib").approvals["us"]
    result = run("lookup", "--json", "G1202R", text=True)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert {"DAILYSCOUT26", "PDN26"} <= set(payload["sources"]) and "STOCKTITAN26" not in payload["sources"]
    assert KB.call(parse_alteration("G1202R")).calls["neladalkib"].note_sources == ("DAILYSCOUT26", "PDN26")
    text = run("lookup", "G1202R", text=True).stdout
    assert "#   PDN26: " in text and "STOCKTITAN26" not in text


def test_one_form_lists_a_paper_once_by_its_label_and_keeps_resource_rows_apart():
    assert one_form(["SOL18(PMID:30413378)", "EID1332(PMID:26554404)", "SOL18", "GAI16"]) == [
        "SOL18(PMID:30413378)",
        "EID1332(PMID:26554404)",
        "GAI16",
    ]
    assert one_form(["SOL18", "X", "SOL18(PMID:30413378)"]) == ["SOL18(PMID:30413378)", "X"]
    assert one_form(["CGI", "CGI(PMID:1)"]) == ["CGI", "CGI(PMID:1)"]


def _lists(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _lists(value)
    elif isinstance(node, list):
        yield node
        for value in node:
            yield from _lists(value)


def test_no_json_list_of_the_readme_example_names_a_paper_in_two_forms(tmp_path):
    *_, doc = readme_reports(tmp_path / "run")
    checked = 0
    for values in _lists(doc["samples"]):
        keys = [v for v in values if isinstance(v, str)]
        papers = [paper_key(k) for k in keys if paper_key(k) != k]
        checked += bool(papers)
        assert not set(papers) & set(keys), keys  # 'SOL18' beside 'SOL18(PMID:30413378)' (P4_T, lorlatinib)
    assert checked


def test_the_json_schema_says_a_news_report_counts_for_reviews_only():
    """Clinical read of stop 45 by helper r1, finding 3: the schema's `reviews_only` said 'a trial read only through
    another paper's text', while since 2.0.30 a trial read through a news report (evidence kind secondary) counts too
    (iruplinalkib and the ALK fusion, ASCOPOST23), as lookup's legend and the VCF header say."""
    from pathlib import Path

    schema = json.loads((Path(__file__).parent.parent / "alkannot" / "report" / "schema.json").read_text())
    call = schema["properties"]["samples"]["items"]["properties"]["inhibitors"]["additionalProperties"]
    text = call["properties"]["reviews_only"]["description"]
    assert "a trial read only through a news report" in text and "evidence kind secondary" in text
    legend = run("lookup", "EML4::ALK v1", text=True).stdout
    assert "a trial read only through another paper or a news report" in legend
