"""Source gaps looked up again at stop 48 (helper kb48, knowledge base 2.0.35;
tools/kb_curation/reading_stop48_identifiers.md): neladalkib's FDA breakthrough therapy designation, reported by two
secondary sources, is in its US status with both; its US decision, which no source read reports, stays unknown
beside every call; SEED's identifier (KAT16's PMID) has its second source recorded; KORT_CER, LIN17T2 and DHI19GIL,
still one source or none, get no identifier."""

from __future__ import annotations

import csv
from pathlib import Path

from helpers import run

from alkannot.kbfiles import load_knowledge_base

KB = load_knowledge_base()
ROOT = Path(__file__).parent.parent
CURATION = ROOT / "tools" / "kb_curation"


def _row(shown: str, name: str) -> dict[str, str]:
    lines = [line for line in shown.splitlines() if not line.startswith("# ")]
    return next(r for r in csv.DictReader(lines, delimiter="\t") if r["inhibitor"] == name)


def test_neladalkib_s_breakthrough_therapy_designation_is_listed_with_its_two_sources():
    shown = run("kb", "show", "inhibitors", text=True)
    assert shown.returncode == 0, shown.stderr
    row = _row(shown.stdout, "neladalkib")
    us = row["first_us_approval"]
    assert us.startswith("not approved in sources read; secondary reports only: FDA breakthrough therapy designation")
    assert "previously treated with two or more ALK TKIs (reported 2024-05-16; DOWJONES24, SEEKINGALPHA24" in us
    # the NDA's submission and the decision's date, as before; the decision itself not seen
    assert "PDUFA target action date of 2026-11-27 (PDN26)" in us and "the FDA decision was not seen" in us
    assert row["approval_sources_any_region"].split(";") == [
        "DOWJONES24",
        "SEEKINGALPHA24",
        "STOCKTITAN26",
        "DAILYSCOUT26",
        "PDN26",
    ]
    for key, address in (("DOWJONES24", "marketscreener.com"), ("SEEKINGALPHA24", "seekingalpha.com/article/4699258")):
        source = KB.source(key)
        assert address in source.citation and "secondary" in source.citation, key
        assert not source.pmid and not source.doi, key


def test_neladalkib_s_us_decision_is_still_unknown_beside_its_calls():
    looked = run("lookup", "--json", "G1202R", text=True)
    assert looked.returncode == 0, looked.stderr
    assert "its outcome is not in the knowledge base: check its current FDA status" in looked.stdout
    # the designation is a status of the review, not the decision: the note beside each call does not cite it
    assert "DOWJONES24" not in looked.stdout and "SEEKINGALPHA24" not in looked.stdout


def test_identifiers_entered_only_where_two_sources_give_them():
    assert KB.source("KAT16").pmid == "26870817"
    seed = next(
        r
        for r in csv.reader(open(CURATION / "sources_extra.tsv", encoding="utf-8"), delimiter="\t")
        if r and r[0] == "SEED"
    )
    assert "read.qxmd.com/read/26870817" in seed[-1]
    for key in ("KORT_CER", "LIN17T2", "DHI19GIL", "SEED"):
        source = KB.source(key)
        assert not source.pmid and not source.doi, key
    reading = (CURATION / "reading_stop48_identifiers.md").read_text(encoding="utf-8")
    for key in ("KORT_CER", "LIN17T2", "DHI19GIL", "SEED", "DOWJONES24", "SEEKINGALPHA24", "2026-11-27"):
        assert key in reading, key
    assert tuple(map(int, KB.version.split("."))) >= (2, 0, 35)  # these facts arrived in 2.0.35
