"""Stop 48 review wording (words48b, tasks 2 to 4; knowledge base 2.0.38, no call changed).

2. CIViC EID11114's note on L1196M+G1202R opened with curators' words, "seen in one lorlatinib-resistant patient,
   within a triple, no call:"; it now opens as the group statements do, in a clinician's words: "a case report on
   I1171N, L1196M and G1202R found together in one lorlatinib-resistant patient, not a call on this compound:".
3. `alkannot lookup L1196M+G1202R` printed the matrix's working remark "Requested; YOD18 (primary source) not
   retrievable here. No category recorded. ... was NOT used." (shared/kb mutations.tsv, its notes column, built into
   notes.tsv); it now says the same facts in a reader's words (tools/kb_build/notes.py REWORDED_NOTES), as do the
   three other compounds' "Requested; ..." remarks.
4. L1196M+G1202R's lorlatinib cell said "inferred: no statement on the compound itself" beside the note quoting a
   statement on the triple that contains it; there it says "no statement on the compound alone, only on
   I1171N+L1196M+G1202R, which contains it". A compound that no larger entry with a statement on the drug contains
   keeps "itself" (compound_rule.alone_beside_larger)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from helpers import run

from alkannot.kbfiles import load_knowledge_base

ROOT = Path(__file__).parent.parent
KB = load_knowledge_base()
CURATORS = ("Requested", "not retrievable here", "No category recorded", "NOT used", "no call:", "within a triple")


def _notes(alteration: str) -> dict[str, dict[str, str]]:
    """notes.tsv's rows on `alteration`, by their note's first words."""
    with open(ROOT / "resources" / "kb" / "notes.tsv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["alteration"] == alteration]
    return {r["note"][:40]: r for r in rows}


def test_the_eid11114_note_opens_in_clinical_words_with_the_same_facts():
    (row,) = [r for r in _notes("L1196M+G1202R").values() if "EID11114" in r["note"]]
    assert row["note"].startswith(
        "a case report on I1171N, L1196M and G1202R found together in one lorlatinib-resistant patient, not a call "
        "on this compound: EML4-ALK malignant pleural mesothelioma (not NSCLC); plasma NGS at progression on "
        "lorlatinib found G1202R 'in cis with L1196M' beside I1171N"
    )
    assert row["note"].endswith("(CIViC EID11114, PMID 32600123); no statement on L1196M+G1202R alone")
    assert (row["sources"], row["origin"]) == ("CIVIC", "kb_curation/notes_cases.tsv:1")
    assert not any(word in row["note"] for word in CURATORS)


def test_lookup_says_the_matrix_remark_in_a_readers_words():
    """The fact kept: YOD18, the primary source, was not read; the compound has no call of its own; a third-party
    page's lorlatinib IC50s were not used."""
    result = run("lookup", "L1196M+G1202R", text=True)
    assert result.returncode == 0, result.stderr
    notes = result.stdout.split("# notes on this alteration")[1].split("\n# sources:")[0]
    assert not any(word in notes for word in CURATORS), notes
    assert (
        "#   The primary source, YOD18 (Yoda et al., Cancer Discov 2018), could not be retrieved and was not read; no "
        "call on this compound itself is recorded: any call given for it is inferred from its parts' calls. A "
        "third-party web page quotes lorlatinib IC50 values for this compound; it is not a primary source and was not "
        "used. [YOD18]"
    ) in notes
    assert "review matrix (shared mutations.tsv)" not in notes  # the knowledge base's words now, not the matrix's
    assert "#   a case report on I1171N, L1196M and G1202R found together" in notes
    assert "#   YOD18: Yoda S, et al." in result.stdout  # the source named in the list below
    # every call of the compound is inferred from its parts, as the note says
    looked = json.loads(run("lookup", "L1196M+G1202R", "--json", text=True).stdout)["results"][0]
    assert all(call["inferred"] for call in looked["calls"].values())


def test_the_other_requested_remarks_are_reworded_too():
    said = {
        "I1171N+L1198F": "The primary source, YOD18 (Yoda et al., Cancer Discov 2018), could not be retrieved and was "
        "not read; no call on this compound itself is recorded: any call given for it is inferred from its parts' "
        "calls.",
        "F1174C+G1202R": "No primary source was read: the tables of YOD18 (Yoda et al., Cancer Discov 2018) and GAI16 "
        "(Gainor et al., Cancer Discov 2016) could not be accessed.",
        "F1174C+D1203N": "No source on this compound could be retrieved.",
    }
    for alteration, words in said.items():
        notes = [n.note for n in KB.notes_for(alteration)]
        assert words in notes, (alteration, notes)
        assert not any(w in n for n in notes for w in CURATORS)
        assert all(c.inferred for c in KB.call_compound(alteration.split("+")).calls.values())
    (row,) = [r for r in _notes("F1174C+G1202R").values() if r["note"].startswith("No primary source was read")]
    assert row["sources"] == "YOD18;GAI16"
    assert row["origin"] == "tools/kb_build/notes.py REWORDED_NOTES, replacing mutations.tsv:G1202R+F1174C:notes"


def test_alone_where_a_larger_compound_has_a_statement_itself_elsewhere():
    triple = KB.call_compound(["L1196M", "G1202R"], phase="cis").calls["lorlatinib"]
    assert triple.category == "unknown" and triple.note.startswith(
        "inferred: no statement on the compound alone, only on I1171N+L1196M+G1202R, which contains it; each single "
        "change is sensitive or intermediate"
    )
    assert [s.key for s in KB.statements_for("I1171N+L1196M+G1202R") if s.inhibitor == "lorlatinib"] == ["EID11114"]
    # I1171N+G1202R: the triple contains it too
    assert (
        "compound alone, only on I1171N+L1196M+G1202R"
        in KB.call_compound(["I1171N", "G1202R"]).calls["lorlatinib"].note
    )
    # L1196M+G1269A: no entry contains it; 'itself' is exact there
    other = KB.call_compound(["L1196M", "G1269A"], phase="cis").calls["lorlatinib"]
    assert other.note.startswith("inferred: no statement on the compound itself; each single change")
    # the triple's only statement is on lorlatinib: no other drug's cell says 'alone'
    calls = KB.call_compound(["L1196M", "G1202R"], phase="cis").calls
    assert [d for d, c in calls.items() if "compound alone" in c.note] == ["lorlatinib"]


def test_ple18_says_why_it_has_no_identifier():
    """Clinical review rev48, finding 6: PLE18 (Plenker 2018, cited in MET notes) had no PMID or DOI and did not say
    why; the journal's abstract page, read again, prints neither (knowledge base 2.0.39)."""
    from alkannot.kbfiles import load_knowledge_base

    source = load_knowledge_base(None).source("PLE18")
    assert not (source.pmid or source.doi or source.pmc)
    assert source.citation.endswith("Clin Cancer Res 2018;24(6):1337-43. PMID and DOI not seen on the pages read")
