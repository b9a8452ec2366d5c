"""What a measured item measured travels with its numbers (stop 52): calls.tsv holds IC50s and GI50s (EID1342 and
EID1343, PMID 24675041: growth inhibition, not an IC50), and a note that gives an item's numbers names a measure other
than an IC50 after the item's key ('EID1342 GI50 2.2 nM vs 1.6 nM wild type, 1.4x WT ...'), the JSON carries each
call's `measures` (schema 2.30) and the HTML card says 'GI50' from it where it said 'IC50' for every number.

With the bundled knowledge base no GI50 reaches a note (none is graded: EID1342's 1.4-fold is below the 4-10-fold band,
which grades nothing below it); a lab's `--kb` that grades below the band does bring it into the note, which these
tests run through the installed CLI on tests/data/g1269a_grch37.vcf (one G1269A SNV)."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest
from helpers import run

from alkannot.alterations import parse_alteration
from alkannot.evidence import combine
from alkannot.kbfiles import load_knowledge_base
from alkannot.records import replace
from alkannot.report.html import render
from alkannot.report.note_lines import fold_measures, note_lines
from alkannot.sample_types import measured_items

VCF = Path(__file__).parent / "data" / "g1269a_grch37.vcf"
GI50_ITEMS = {"EID1342", "EID1343"}


def test_the_bundled_knowledge_base_grades_no_gi50_so_no_note_gives_one():
    kb = load_knowledge_base()
    gi50 = []
    for alteration in kb.alterations():
        for call in kb.call(parse_alteration(alteration)).calls.values():
            for v in call.votes:
                if v.statement.measured_as == "GI50":
                    gi50.append(v)
                    assert not v.graded, v.statement  # below the band or no fold: nothing graded
            assert " GI50 " not in call.note
    # the GI50 rows are there (EID1342: crizotinib and ceritinib, two cell models; EID1343: S1206Y and ceritinib)
    assert {v.statement.key for v in gi50} == GI50_ITEMS and len(gi50) == 5
    assert {v.statement.measure for v in gi50} == {"GI50"}


def _graded_below(kb):
    """The knowledge base's own threshold row, with a grade below the band: a lab's `--kb` may set one."""
    return tuple(replace(t, below="sensitive") for t in kb.thresholds)


def test_a_graded_gi50_is_named_in_the_note_and_on_the_card():
    """The real calls.tsv rows of G1269A and ceritinib, graded by a band that grades below it too."""
    kb = load_knowledge_base()
    statements = [v.statement for v in kb.call(parse_alteration("G1269A")).calls["ceritinib"].votes]
    call = combine(statements, _graded_below(kb))
    assert call.category == "sensitive"
    head = call.note.split(" | ")[0]
    # the GI50 says what it is; the IC50 beside it is written as every IC50 was
    assert head.startswith("measured: EID1342 GI50 2.2 nM vs 1.6 nM wild type, 1.4x WT below the 4-10-fold band")
    assert "; EID1355 33 nM, 1.5x WT below the 4-10-fold band" in head
    measures = dict(measured_items(call))
    assert measures == {"EID1342": "GI50", "EID1355": "IC50"}
    (line, *_) = note_lines(call.note, measures)
    assert line.startswith("measured: EID1342, GI50 2.2 nM vs 1.6 nM wild type, 1.4 times the wild type's GI50, below ")
    assert "; EID1355, IC50 33 nM, 1.5 times the wild type's IC50, below the 4-10-fold range" in line
    assert "GI50, IC50" not in line and "GI50 2.2 nM" in line
    # the card's legend says what the folds its notes give are folds of: here an IC50's and a GI50's ...
    assert fold_measures([{"note": call.note, "measures": measures}]) == ("IC50", "GI50")
    # ... and with the bundled band, which grades nothing below it, the GI50's fold is not in the note: IC50s only
    for drug, folds in (("ceritinib", ()), ("crizotinib", ("IC50",))):
        bundled = kb.call(parse_alteration("G1269A")).calls[drug]
        assert fold_measures([{"note": bundled.note, "measures": dict(measured_items(bundled))}]) == folds


def _kb_graded_below(root: Path) -> Path:
    """`alkannot kb export` with FOLD_4_10's `below` set to sensitive: a lab's own grading for `--kb`."""
    kb = root / "kb"
    assert run("-q", "kb", "export", "-o", kb).returncode == 0
    table = kb / "thresholds.tsv"
    with table.open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        row["below"] = "sensitive"
    with table.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return kb


@pytest.fixture(scope="module")
def graded_below(tmp_path_factory):
    root = tmp_path_factory.mktemp("gi50")
    prefix = root / "r"
    kb = _kb_graded_below(root)
    result = run("annotate", VCF, "--kb", kb, "-o", root / "o.vcf", "--report", prefix, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(Path(f"{prefix}.json").read_text()), Path(f"{prefix}.html").read_text(), kb


def _card_lines(page: str, drug: str) -> list[str]:
    row = html.unescape(page).split(f"<tr><td>{drug}", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", row.split('<tr class="note">', 1)[1], re.S)


def test_a_gi50_reaching_the_report_says_gi50_in_every_output(graded_below):
    doc, page, kb = graded_below
    assert doc["schema_version"] == "2.31"
    ceritinib = doc["samples"][0]["inhibitors"]["ceritinib"]
    assert ceritinib["measures"] == {"EID1342": "GI50", "EID1355": "IC50"}
    assert "EID1342 GI50 2.2 nM vs 1.6 nM wild type, 1.4x WT below" in ceritinib["note"]
    # `lookup`'s note column says it too (its measured column already named the GI50)
    lookup = run("lookup", "G1269A", "--kb", kb, text=True)
    assert lookup.returncode == 0 and "measured: EID1342 GI50 2.2 nM vs 1.6 nM wild type" in lookup.stdout
    lines = _card_lines(page, "ceritinib")
    assert lines[0].startswith("measured: EID1342, GI50 2.2 nM vs 1.6 nM wild type, 1.4 times the wild type's GI50")
    assert "EID1355, IC50 33 nM" in lines[0] and "GI50, IC50" not in page
    legend = re.findall(r"Words in the notes: (.*?)</p>", html.unescape(page), re.S)[0]
    assert "'4-10-fold range' = a fold over wild type (the mutant's IC50 or GI50 divided by the wild type's" in legend
    # a call whose items measured IC50s only says IC50, as before (crizotinib: EID764)
    assert doc["samples"][0]["inhibitors"]["crizotinib"]["measures"]["EID764"] == "IC50"
    assert (
        "EID764, IC50 341 nM vs 22 nM wild type, 15.5 times the wild type's IC50" in _card_lines(page, "crizotinib")[0]
    )


def test_a_json_before_2_30_lays_out_as_before(graded_below):
    """A document without `measures` (saved before schema 2.30) reads every item as an IC50, as the card did; where
    every measured item is an IC50 (crizotinib here) the page is the same with or without them."""
    doc, page, _ = graded_below
    for inhibitors in (s["inhibitors"] for s in doc["samples"]):
        for call in inhibitors.values():
            del call["measures"]
    old = render(doc)
    assert _card_lines(old, "crizotinib") == _card_lines(page, "crizotinib")


def test_an_ic50_band_never_grades_a_gi50():
    """A lab's `--kb` may hold an absolute band in nM (`measure` ic50_nM) for Ba/F3 cells: it grades IC50s, and EID1343's
    GI50 (S1206Y and ceritinib, 1.5 nM in Ba/F3; no fold) is left ungraded rather than read as 'IC50 1.5 nM within
    the 0-50 nM band' (measure52's finding)."""
    kb = load_knowledge_base()
    band = replace(
        kb.thresholds[0],
        rule="NM_0_50",
        measure="ic50_nM",
        low=0.0,
        high=50.0,
        within="sensitive",
        above="resistant",
        below="",
        assay_pattern="Ba/F3",
    )
    votes = kb.call(parse_alteration("S1206Y")).calls["ceritinib"].votes
    gi50 = [v.statement for v in votes if v.statement.measured_as == "GI50"]
    assert [s.key for s in gi50] == ["EID1343"] and gi50[0].ic50_nM is not None and gi50[0].fold_vs_wt is None
    assert gi50[0].grade((band,)) is None
    # the same number said as an IC50 is graded by the band: the measure, not the value, keeps it out
    as_ic50 = replace(gi50[0], measure="IC50")
    graded = as_ic50.grade((band,))
    assert graded is not None and graded.position == "within" and graded.category == "sensitive"
    assert "GI50" not in combine([*gi50], (band,)).note
