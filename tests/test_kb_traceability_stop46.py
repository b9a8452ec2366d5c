"""KB traceability review of stop 46 (helper kb46): VAG20's reading, flagged for a curator, checked against its
abstract; the identifiers looked up again and still seen once or not at all stay out; neladalkib's US decision,
whose outcome no source read reports, stays unknown."""

from __future__ import annotations

from pathlib import Path

from helpers import run

from alkannot.kbfiles import load_knowledge_base

KB = load_knowledge_base()
PROVENANCE = Path(__file__).parent.parent / "resources" / "kb" / "PROVENANCE.md"


def test_ensartinib_s_p_gp_note_says_what_the_two_abstracts_say_of_their_cells():
    """VAG20's abstract: ensartinib's 'antitumor efficiency was not compromised by the presence of MDR-associated ABC
    transporters', and it 'acted as a substrate of ABCB1' in MDCKII monolayer transport assays; neither it nor
    WU22ENS's names an ALK-driven model, so the note no longer calls both 'non-ALK-driven cell models'."""
    shown = run("kb", "show", "inhibitors", text=True)
    assert shown.returncode == 0, shown.stderr
    row = next(line.split("\t") for line in shown.stdout.splitlines() if line.startswith("ensartinib\t"))
    assert row[5] == "a P-gp substrate (Wu 2022); an ABCB1 substrate in MDCKII transport assays (Vagiannis 2020)"
    note = KB.inhibitor("ensartinib").pgp_confers_resistance_note
    assert row[8] == note
    assert "not compromised by MDR-associated ABC transporters (Vagiannis 2020)" in note
    assert note.endswith("both in cell models; neither abstract says that the cells were ALK-driven")
    assert "non-ALK-driven" not in note
    assert KB.inhibitor("ensartinib").pgp_confers_resistance_sources == ("WU22ENS", "VAG20")


def test_the_identifiers_seen_once_or_not_at_all_stay_out_and_where_they_were_looked_for_is_recorded():
    for key in ("KORT_CER", "LIN17T2", "DHI19GIL", "SEED"):
        source = KB.source(key)
        assert not source.pmid and not source.doi, key
    changes = PROVENANCE.read_text().split("## Changes", 1)[1]
    # the 2.0.34 entry (later entries come before it: 2.0.35 at stop 48)
    entry = "- 2.0.34" + changes.split("\n- 2.0.34", 1)[1].split("\n- 2.0.33", 1)[0]
    for key in ("KORT_CER", "LIN17T2", "DHI19GIL", "SEED", "VAG20"):
        assert key in entry, key
    assert "find_string" in entry and "pages" in entry


def test_neladalkib_s_us_decision_is_still_not_in_the_knowledge_base():
    info = KB.inhibitor("neladalkib")
    assert info.approvals["us"].startswith("not approved in sources read")
    assert "the FDA decision was not seen" in info.approvals["us"]
    # the NDA's reports, after the breakthrough therapy designation's two (stop 48, tests/test_kb_sources_stop48.py)
    assert info.approval_sources[-3:] == ("STOCKTITAN26", "DAILYSCOUT26", "PDN26")
    looked = run("lookup", "--json", "G1202R", text=True)
    assert looked.returncode == 0, looked.stderr
    assert "check its current FDA status" in looked.stdout
