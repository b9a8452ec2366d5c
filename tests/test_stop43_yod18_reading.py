"""Stop 43: Yoda 2018 (YOD18) and V1180L were looked for again (tools/kb_curation/reading_stop43_yod18.md).

YOD18's abstract was read; it names no compound, so it gives no statement on any compound and lorlatinib. No source read
names V1180L with lorlatinib. A third-party blog's lorlatinib IC50s for G1202R/L1196M are not the paper's words and stay
out of the knowledge base. These calls stay `unknown` until a source's own words are read (RULES.md sections 1-3)."""

import csv
from pathlib import Path

import pytest

from alkannot.alterations import parse_alteration
from alkannot.kbfiles import load_knowledge_base

ROOT = Path(__file__).parent.parent
KB = load_knowledge_base()


def _lorlatinib(alteration):
    return KB.call(parse_alteration(alteration)).calls["lorlatinib"]


@pytest.mark.parametrize("compound", ["L1196M+G1202R", "F1174C+G1202R", "I1171N+L1198F"])
def test_compounds_yod18_is_said_to_cover_have_no_lorlatinib_statement(compound):
    assert not [s for s in KB.statements_for(compound) if s.inhibitor == "lorlatinib"]
    result = _lorlatinib(compound)
    assert result.category == "unknown" and result.inferred


def test_v1180l_lorlatinib_is_unknown_with_no_statement():
    assert not [s for s in KB.statements_for("V1180L") if s.inhibitor == "lorlatinib"]
    result = _lorlatinib("V1180L")
    assert result.category == "unknown" and not result.inferred
    assert result.note == "no statement in the knowledge base"


def test_yod18_is_never_a_statement_and_its_identifiers_stay_unentered():
    with open(ROOT / "resources" / "kb" / "calls.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert not [r for r in rows if "YOD18" in r["sources"].split(";")]
    yod18 = KB.source("YOD18")
    assert yod18.pmid == "" and yod18.doi == ""  # each seen in one public source only


def test_the_blogs_ic50s_are_not_in_the_knowledge_base():
    """'an IC50 around 1,116 nM versus roughly 37 nM for G1202R alone' (a third party's retelling of YOD18)."""
    for name in ("calls.tsv", "notes.tsv", "sources.tsv"):
        text = (ROOT / "resources" / "kb" / name).read_text(encoding="utf-8")
        assert "1,116" not in text and "1116" not in text, name
