"""Identifier gaps and neladalkib's status looked up again at stop 49 (helper kb49, knowledge base 2.0.40;
tools/kb_curation/reading_stop49_identifiers.md): where a second independent source was not found, the source's
citation says so (KORT_CER, DHI19GIL's PMID and DOI, LIN17T2's DOI) and no identifier is entered; LIN17T2's citation
names the two pages that give its title, authors, journal and year; neladalkib's US cell keeps the decision unknown
and says what was searched for, and its EU cell says that no filing or decision was found."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from helpers import run

from alkannot.kbfiles import load_knowledge_base

KB = load_knowledge_base()
ROOT = Path(__file__).parent.parent
CURATION = ROOT / "tools" / "kb_curation"


def _sources(shown: str) -> dict[str, dict[str, str]]:
    lines = [line for line in shown.splitlines() if not line.startswith("# ")]
    return {r["key"]: r for r in csv.DictReader(lines, delimiter="\t")}


def test_sources_without_a_second_confirmation_say_so_and_carry_no_identifier():
    shown = run("kb", "show", "sources", text=True)
    assert shown.returncode == 0, shown.stderr
    rows = _sources(shown.stdout)
    kort = rows["KORT_CER"]
    assert kort["pmid"] == "-" and kort["doi"] == "-"
    assert "Title and abstract seen on one page only (cgl.org.cn record 138461)" in kort["citation"]
    assert "no journal, year, PMID or DOI was seen anywhere (searched again at stop 49)" in kort["citation"]
    dhi = rows["DHI19GIL"]
    assert dhi["pmid"] == "-" and dhi["doi"] == "-"
    assert "(a second source searched for again at stop 49 and not found)" in dhi["citation"]
    lin = rows["LIN17T2"]
    assert lin["pmid"] == "-" and lin["doi"] == "-"
    # the two sources of the citation itself, and the DOI's one
    assert "aacrjournals.org/cancerdiscovery/article/7/2/137/5905" in lin["citation"]
    assert "semanticscholar.org/paper/0b69f907412250527c4b8abadb84522dd97df81a" in lin["citation"]
    assert (
        "seen in one place only" in lin["citation"]
        and "(no second source at stops 43, 46, 48 and 49)" in lin["citation"]
    )


def test_where_each_second_source_was_looked_for_is_recorded():
    rows = {r[0]: r for r in csv.reader(open(CURATION / "sources_extra.tsv", encoding="utf-8"), delimiter="\t") if r}
    for key in ("KORT_CER", "LIN17T2", "DHI19GIL"):
        assert "stop 49" in rows[key][-1] and "reading_stop49_identifiers.md" in rows[key][-1], key
    reading = (CURATION / "reading_stop49_identifiers.md").read_text(encoding="utf-8")
    for key in ("KORT_CER", "LIN17T2", "DHI19GIL", "STOCKTITAN26", "DAILYSCOUT26", "PDN26", "2026-11-27"):
        assert key in reading, key


def test_neladalkib_has_no_regulatory_decision_and_says_what_was_searched():
    info = KB.inhibitor("neladalkib")
    us = info.approvals["us"]
    assert us.startswith("not approved in sources read")
    assert "PDUFA target action date of 2026-11-27 (PDN26), a single report" in us
    assert "the FDA decision was not seen" in us
    assert "no EMA filing or decision, found in the public sources searched on 2026-12-04" in us
    assert info.approvals["eu"].startswith("none found: no EMA marketing authorisation application or decision")
    assert info.approval_sources == ("DOWJONES24", "SEEKINGALPHA24", "STOCKTITAN26", "DAILYSCOUT26", "PDN26")
    assert KB.version == "2.0.40" or tuple(map(int, KB.version.split("."))) > (2, 0, 40)


def test_the_note_beside_a_neladalkib_call_still_names_the_date_as_one_secondary_report():
    looked = run("lookup", "--json", "G1202R", text=True)
    assert looked.returncode == 0, looked.stderr
    note = json.loads(looked.stdout)["results"][0]["calls"]["neladalkib"]["note"]
    assert "a US decision was due 2026-11-27 (the PDUFA target action date, a secondary report [PDN26])" in note
    assert "its outcome is not in the knowledge base: check its current FDA status" in note


def _exported_inhibitors(tmp_path: Path) -> dict[str, dict[str, str]]:
    kb = tmp_path / "kb"
    exported = run("kb", "export", "--format", "tsv", "-o", kb, text=True)
    assert exported.returncode == 0, exported.stderr
    rows = csv.DictReader(open(kb / "inhibitors.tsv", encoding="utf-8"), delimiter="\t")
    return {r["inhibitor"]: r for r in rows}


def test_abcg2_transport_is_carried_as_each_named_transporter_paper_states_it(tmp_path):
    """Audit of stop 49: the four transporter papers the knowledge base cites for ABCB1 transport also state ABCG2
    (BCRP) transport in their abstracts; the exported table says what each says, citing it, and nothing for the
    agents with no such source."""
    rows = _exported_inhibitors(tmp_path)
    # TANG14: 'a good transport substrate of human ABCB1, but not of human ABCG2 or murine Abcg2'
    assert rows["crizotinib"]["bcrp_sources"] == "TANG14"
    assert rows["crizotinib"]["bcrp_note"].startswith("not an ABCG2 (BCRP) substrate in vitro")
    # KORT_CER: 'efficiently by hABCG2 and mAbcg2'; brain 'another ~3-fold (to >90-fold)' in the combination knockout
    assert rows["ceritinib"]["bcrp_sources"] == "KORT_CER"
    assert "transported efficiently by human ABCG2 and mouse Abcg2 in vitro" in rows["ceritinib"]["bcrp_note"]
    assert "over 90-fold over wild type" in rows["ceritinib"]["bcrp_note"]
    # LI18BRIG: 'exceptionally well transported by human ABCB1 and mouse Abcg2, and efficiently by human ABCG2'
    assert rows["brigatinib"]["bcrp_sources"] == "LI18BRIG"
    assert (
        "41.8-fold in Abcb1a/1b;Abcg2-knockout mice, not increased in Abcg2-knockout mice"
        in rows["brigatinib"]["bcrp_note"]
    )
    # LI18LOR: 'human ABCB1 and mouse Abcg2 modestly transported lorlatinib'; 'but not in single Abcg2-/- mice'
    assert rows["lorlatinib"]["bcrp_sources"] == "LI18LOR"
    assert rows["lorlatinib"]["bcrp_note"].startswith("modestly transported by mouse Abcg2 in vitro")
    # alectinib as before (YANG17: an inhibitor of ABCG2-mediated efflux); no source read for the others
    assert rows["alectinib"]["bcrp_sources"] == "YANG17"
    for name in ("ensartinib", "neladalkib", "gilteritinib", "tpx0131", "iruplinalkib", "envonalkib"):
        assert rows[name]["bcrp_note"] == "" and rows[name]["bcrp_sources"] == "", name
    for key in ("TANG14", "KORT_CER", "LI18BRIG", "LI18LOR"):
        assert KB.source(key).citation, key
