"""Stop 48 review follow-up: the knowledge base's class statements (SHI22, OKA19, MIZ21, OU21/PEL21's design intent)
opened with the curators' "class statement, no call:" on the tumour board's page (P3_T's notes, `alkannot lookup`).
They now open "a statement about compound ALK mutations as a group, not a call on this mutation:" (I1171N+L1198H's
MIZ21 row: "..., not a gilteritinib call on this mutation:"), the same meaning in clinical words (knowledge base
2.0.37), and the code that finds them reads the new words: P3_T still carries SHI22's and OKA19's statements, and
an untested I1171N compound's gilteritinib cell still names MIZ21's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import readme_reports, run

ROOT = Path(__file__).parent.parent
GROUP = "a statement about compound ALK mutations as a group, not a call on this mutation: "


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return readme_reports(tmp_path_factory.mktemp("stop48_group") / "report")


def test_p3_t_notes_say_the_class_statements_in_clinical_words(example):
    samples, tsv, page, _ = example
    said = [n for n in samples["P3_T"]["notes"] if n.startswith(f"L1196M+G1202R (cis): {GROUP}")]
    assert [n.rsplit(" [", 1)[1] for n in said] == ["SHI22]", "OKA19]"]
    assert said[0].startswith(f"L1196M+G1202R (cis): {GROUP}most lorlatinib-resistant compound ALK mutations found")
    for text in (json.dumps(samples), json.dumps(tsv), page):
        assert "class statement" not in text


def test_lookup_says_the_class_statements_in_clinical_words():
    result = run("lookup", "L1196M+G1202R", "--json", text=True)
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads(result.stdout)["results"]
    notes = [n["note"] if isinstance(n, dict) else n for n in entry["notes"]]
    assert sum(n.startswith(GROUP) for n in notes) == 2, notes
    text = run("lookup", "I1171N+L1198H", text=True)
    assert text.returncode == 0, text.stderr
    assert "as a group, not a gilteritinib call on this mutation: gilteritinib 'has an inhibitory effect" in text.stdout
    assert "class statement" not in text.stdout + result.stdout


def test_an_untested_i1171n_compound_gilteritinib_cell_still_names_miz21():
    result = run("lookup", "I1171N+D1203N", "--json", text=True)
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads(result.stdout)["results"]
    call = entry["calls"]["gilteritinib"]
    assert call["category"] == "unknown"
    assert f"{GROUP}gilteritinib 'has an inhibitory effect on ... I1171N compound mutants" in call["note"]


def test_the_knowledge_base_files_hold_no_curators_opening():
    for name in ("notes.tsv", "RULES.md"):
        assert "class statement, no" not in (ROOT / "resources" / "kb" / name).read_text(encoding="utf-8")
    assert "class statement, no" not in (ROOT / "tools" / "kb_curation" / "notes_research.tsv").read_text()
