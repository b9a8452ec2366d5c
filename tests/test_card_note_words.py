"""A molecular pathologist's reading of README's example report (stop 51, jargon51): each card's per-inhibitor notes
printed one ' | '-joined part per line, the curators' shorthand ('54.2x WT above the 4-10-fold band -> resistant',
'listed, not counted', 'review-level: ...') in words, the terms that stay ('other contexts', the 4-10-fold range)
explained once under the table with the band's source, and the mutation table's class column named for what it holds.
The JSON and TSV keep their notes as they were (machine-read, pinned by the goldens)."""

from __future__ import annotations

import html
import re

import pytest
from helpers import readme_reports

from alkannot.report.note_lines import note_lines


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    samples, tsv, page, _ = readme_reports(tmp_path_factory.mktemp("jargon51") / "r")
    return samples, tsv, page


def _card(page: str, sample: str) -> str:
    card = page[page.index(f'id="s-{sample}"') :]
    return html.unescape(card[: card.index("</article>")])


def _note_items(card: str, drug: str) -> list[str]:
    """The lines of the note printed under `drug`'s row (its own row, not a grouped one)."""
    row = card.split(f"<tr><td>{drug}", 1)[1].split("</tbody>", 1)[0]
    note = row.split('<tr class="note">', 1)[1]
    return re.findall(r"<li>(.*?)</li>", note, re.S)


def test_brigatinib_g1202r_note_in_words(example):
    samples, _, page = example
    card = _card(page, "P1_T")
    lines = _note_items(card, "brigatinib")
    note = samples["P1_T"]["inhibitors"]["brigatinib"]["note"]
    # one line per part, none dropped; the JSON's note keeps its ' | ' and its shorthand
    assert len(lines) == note.count(" | ") + 1 == 7
    # the band's source named above the band too, as within it (stop 51)
    band = "the 4-10-fold band that PMID 25727400 defines (for alectinib, in Ba/F3 cells)"
    assert f"54.2x WT above {band} -> resistant" in note
    assert lines[0] == (
        "measured: EID1351, IC50 325 nM vs 6 nM wild type, 54.2 times the wild type's IC50, above the 4-10-fold range "
        "that PMID 25727400 defines (for alectinib, in Ba/F3 cells): graded resistant (EML4-ALK v3; Ba/F3 EML4-ALK v3 "
        "G1202R)"
    )
    assert lines[1].startswith("other contexts, shown for reference, not used for the call: resistant per EID1351's")
    assert lines[2].startswith("LIN17T2: review footnote a, a caveat, shown for reference, not used for the call: ")
    assert lines[3].startswith("LIN18JTO: one patient: G1202R after alectinib")
    assert "(a background statement restating earlier findings, not the abstract's own data)" in lines[4]
    # every source the note names stays on the card
    for key in ("EID1351", "LIN17T2", "LIN18JTO", "PEL21", "SAB17", "JAIN17"):
        assert any(key in line for line in lines), key
    for jargon in ("x WT", "-fold band", "->", "listed, not counted", "review-level"):
        assert not any(jargon in line for line in lines), jargon


def test_terms_kept_are_explained_once_with_the_bands_source(example):
    _, _, page = example
    card = _card(page, "P1_T")
    (legend,) = re.findall(r"Words in the notes: (.*?)</p>", card, re.S)
    assert "'other contexts' = statements not about ALK-positive lung cancer" in legend
    assert "'4-10-fold range' = a fold over wild type" in legend and "PMID 25727400 (CIViC EID1354" in legend
    assert "'not counted (Sources and Evidence columns)' = shown for reference, not used for the call" in legend
    # the within-band case keeps naming the band's source in the note itself (C1156Y and crizotinib, P7_T)
    (line,) = [x for x in _note_items(_card(page, "P7_T"), "crizotinib") if "4-10-fold range" in x]
    assert "9.3 times the wild type's IC50, within the 4-10-fold range that PMID 25727400 defines" in line
    # a term no note of the card uses is not explained on it (P6_T: L1240S, not in the knowledge base)
    p6 = _card(page, "P6_T")
    assert "'other contexts' =" not in p6 and "'4-10-fold range' =" not in p6 and "'not counted (Sources" in p6


def test_mutation_table_column_says_what_it_holds(example):
    _, _, page = example
    card = _card(page, "P1_T")
    assert "<th>Knowledge-base class</th>" in card and "<th>Resistance</th>" not in card
    assert "<td>in the knowledge base (statements on this change)</td>" in card


def test_single_part_note_stays_inline():
    assert note_lines("no statement in the knowledge base") == ["no statement in the knowledge base"]
    assert note_lines("EID1354 84 nM, 6x WT within the 4-10-fold band -> intermediate (the grade is alkannot's)") == [
        "EID1354, IC50 84 nM, 6 times the wild type's IC50, within the 4-10-fold range: graded intermediate (the grade "
        "is alkannot's)"
    ]


def test_every_knowledge_base_note_keeps_its_sources_on_the_card():
    """Every call note the knowledge base can give (every alteration x inhibitor), as the card prints it: each source
    key and identifier it names stays (the words change, not what is cited), and no fold 'x WT', 'band ->' or
    'listed, not counted' is left."""
    from alkannot.alterations import parse_alteration
    from alkannot.kbfiles import load_knowledge_base
    from alkannot.report.plain_words import plain_words
    from alkannot.sample_types import measured_items

    kb = load_knowledge_base()
    keys = re.compile(r"\b(?:[A-Z][A-Z0-9_]*\d[A-Z0-9_]*|PMID[: ]?\d+|doi:\S+)")
    seen = 0
    for alteration in kb.alterations():
        for call in kb.call(parse_alteration(alteration)).calls.values():
            note = plain_words(call.note or "")
            lines = note_lines(note, dict(measured_items(call)))  # the measures the JSON carries (schema 2.30)
            said = "\n".join(lines)
            assert sorted(set(keys.findall(note)) - {"IC50"}) == sorted(set(keys.findall(said)) - {"IC50"}), note
            assert len(lines) == (note.count(" | ") + 1 if note else 0)
            for jargon in ("x WT", "-fold band", "fold range ->", "listed, not counted", "listed and not counted"):
                assert jargon not in said, (alteration, said)
            seen += "times the wild type's IC50" in said
    assert seen > 5
