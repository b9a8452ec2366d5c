"""Clinical reading of stop 41, finding 9 (knowledge base 2.0.23): SEED, the AMED/JFCR press release on KAT16, restates
KAT16's background and has no data of its own on any mutation, so its per-mutation statements are listed, not votes
(RULES.md 3.7), and a press release or news report (SEED, PMO21, ASCOPOST23) is evidence kind `secondary`, not
`review`. No call changed category."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from alkannot import kbfiles
from alkannot.alterations import parse_alteration
from alkannot.evidence import EVIDENCE_KINDS
from alkannot.kbfiles import load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent
KB = load_knowledge_base()
# what SEED says in the review matrix (shared/kb mutations.tsv), kept in each listed statement's note
SEED_SAYS = {
    ("G1202R", "crizotinib"): "resistant",
    ("G1202R", "ceritinib"): "resistant",
    ("G1202R", "alectinib"): "resistant",
    ("L1196M", "crizotinib"): "resistant",
    ("L1196M", "ceritinib"): "sensitive",
    ("L1196M", "alectinib"): "sensitive",
    ("G1269A", "ceritinib"): "sensitive",
    ("G1269A", "alectinib"): "sensitive",
}
# the calls SEED voted in before 2.0.23, as they were then and still are (the reviewer's expectation, verified)
UNCHANGED = {
    ("G1202R", "crizotinib"): "resistant",
    ("G1202R", "ceritinib"): "resistant",
    ("G1202R", "alectinib"): "resistant",
    ("L1196M", "crizotinib"): "resistant",
    ("L1196M", "ceritinib"): "sensitive",
    ("L1196M", "alectinib"): "sensitive",
    ("G1269A", "ceritinib"): "sensitive",
    ("G1269A", "alectinib"): "intermediate",
    ("L1196M+G1202R", "crizotinib"): "resistant",
    ("L1196M+G1202R", "ceritinib"): "resistant",
    ("L1196M+G1202R", "alectinib"): "resistant",
}


def _rows(source: str) -> list[dict[str, str]]:
    with open(kbfiles.bundled_directory() / "calls.tsv", newline="") as handle:
        return [r for r in csv.DictReader(handle, delimiter="\t") if r["sources"] == source]


def test_every_seed_row_is_listed_with_the_reason_and_what_seed_says():
    rows = _rows("SEED")
    assert {(r["alteration"], r["inhibitor"]) for r in rows} == set(SEED_SAYS)
    for r in rows:
        assert (r["category"], r["evidence_kind"]) == ("unknown", "secondary"), r
        assert r["note"].startswith(
            "listed, not a vote: a press release on KAT16 (AMED/JFCR, 18 Dec 2015) restating KAT16's background, "
            "secondary, with no data of its own on this mutation (RULES.md 3.7); "
        ), r["note"]
        assert r["note"].endswith(f"SEED says {SEED_SAYS[r['alteration'], r['inhibitor']]}"), r["note"]


def test_seed_is_never_among_a_calls_deciding_votes():
    queries = [*KB.alterations(), "L1196M+G1202R", "C1156Y+L1196M", "L1196M+G1269A", "G1269A+G1202R"]
    for query in queries:
        for inhibitor, c in KB.call(parse_alteration(query)).calls.items():
            assert not any("SEED" in v.statement.sources for v in c.deciding_votes), (query, inhibitor)
            assert "SEED" not in c.counted_sources, (query, inhibitor)


@pytest.mark.parametrize(("pair", "category"), sorted(UNCHANGED.items()))
def test_the_calls_seed_voted_in_keep_their_category(pair, category):
    alteration, inhibitor = pair
    c = KB.call(parse_alteration(alteration)).calls[inhibitor]
    assert c.category == category
    assert "SEED" not in c.counted_sources
    if "+" not in alteration:  # the single change's note names SEED as listed, with what it says
        assert "SEED: listed, not a vote: a press release on KAT16" in c.note
        assert f"SEED says {SEED_SAYS[pair]}" in c.note
    else:  # the compound lists what its setting part lists
        assert "SEED" in c.listed


def test_g1269a_alectinib_is_still_disputed_by_lin17t2():
    c = KB.call(parse_alteration("G1269A")).calls["alectinib"]
    assert (c.category, c.disputed, c.shows_dispute) == ("intermediate", True, True)
    assert "listed sensitive per LIN17T2 |" in c.note


def test_press_releases_and_news_reports_are_secondary_evidence():
    assert EVIDENCE_KINDS[-2:] == ("review", "secondary")  # the weakest design last, for display only
    for source in ("SEED", "PMO21", "ASCOPOST23"):
        rows = _rows(source)
        assert rows and {r["evidence_kind"] for r in rows} == {"secondary"}, source
        citation = next(s for s in KB.sources() if s.key == source).citation
        assert "secondary" in citation, source  # the source's own description says so
    for inhibitor, kinds in (("tpx0131", ("secondary",)), ("iruplinalkib", ("review", "secondary"))):
        alteration = "G1202R" if inhibitor == "tpx0131" else "EML4::ALK"
        assert KB.call(parse_alteration(alteration)).calls[inhibitor].evidence_kinds == kinds


def test_the_build_lists_a_seed_cell_and_keeps_the_other_sources_votes():
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "tools" / "build_kb.py")
    build_kb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_kb)
    assert set(build_kb.LISTED_KEYS) == {"SEED"}
    base = dict(alteration="L1196M", alteration_as_written="L1196M", kind="missense", inhibitor="alectinib")
    lin17t2, seed = (build_kb.statement(base, key, "sensitive", [], []) for key in ("LIN17T2", "SEED"))
    assert (lin17t2["category"], lin17t2["evidence_kind"]) == ("sensitive", "review")
    assert (seed["category"], seed["evidence_kind"]) == ("unknown", "secondary")
    assert seed["note"].startswith("listed, not a vote: ") and seed["note"].endswith("; SEED says sensitive")
