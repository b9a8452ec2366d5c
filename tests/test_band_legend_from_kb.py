"""The card's line under the inhibitor table that explains a fold band ('4-10-fold range' = ...) is built from the
knowledge base's threshold rows the report's JSON carries (knowledge_base.thresholds, schema 2.29), not from words in
code (stop 51): with `--kb` a lab may bundle another band, grade or source, and the legend then says that one; a page
laid out again from a JSON saved before 2.29, without the rows, names no source and no grade. The per-inhibitor note for
a fold above the band names the band's source as the within-band note does."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest
from helpers import annotated_report, g1202r_vcf, run

from alkannot.report.html import render
from alkannot.report.note_lines import NO_ROWS

SAMPLE = "P1_T"


def _sheet(path: Path) -> Path:
    path.write_text("sample\talk_status\tprogressed_on\nP1_T\tpositive:IHC\talectinib\n")
    return path


def _kb_with_band(root: Path, **change: str) -> Path:
    """`alkannot kb export` with the FOLD_4_10 row of thresholds.tsv changed: a lab's own band for `--kb`."""
    kb = root / "kb"
    assert run("-q", "kb", "export", "-o", kb).returncode == 0
    table = kb / "thresholds.tsv"
    with table.open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    (row,) = [r for r in rows if r["rule"] == "FOLD_4_10"]
    row.update(change)
    with table.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return kb


def _legend(page: str) -> str:
    card = html.unescape(page[page.index(f'id="s-{SAMPLE}"') :])
    (legend,) = re.findall(r"Words in the notes: (.*?)</p>", card[: card.index("</article>")], re.S)
    return legend


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    root = tmp_path_factory.mktemp("band_bundled")
    return annotated_report(g1202r_vcf(root / "in.vcf", [SAMPLE]), _sheet(root / "s.tsv"), root / "r")


def test_bundled_band_is_explained_from_the_rows_the_json_carries(bundled):
    doc, page = bundled
    (row,) = doc["knowledge_base"]["thresholds"]
    assert (row["rule"], row["low"], row["high"], row["within"], row["above"]) == (
        "FOLD_4_10",
        4,
        10,
        "intermediate",
        "resistant",
    )
    assert (row["pmids"], row["civic_eid"], row["source_says"]) == (["25727400"], "EID1354", "resistant")
    legend = _legend(page)
    assert (
        "'4-10-fold range' = a fold over wild type (the mutant's IC50 divided by the wild type's, measured in the same "
        "experiment) of 4 to 10, which PMID 25727400 (CIViC EID1354; defined for alectinib, in Ba/F3 cells) calls "
        "resistant; the knowledge base grades a fold within it intermediate (which never softens another source's "
        "resistance statement) and above it resistant; below it, the statement's own category stands."
    ) in legend
    # the above-band note names the band's source, as the within-band one does
    note = doc["samples"][0]["inhibitors"]["brigatinib"]["note"]
    assert (
        "54.2x WT above the 4-10-fold band that PMID 25727400 defines (for alectinib, in Ba/F3 cells) -> resistant"
    ) in note


def test_a_saved_json_without_the_rows_gets_no_made_up_source(bundled):
    doc, page = bundled
    assert render(json.loads(json.dumps(doc))) == page  # laid out again from the saved JSON: the run's page
    older = json.loads(json.dumps(doc))
    del older["knowledge_base"]["thresholds"]
    legend = _legend(render(older))
    assert "'4-10-fold range' = a fold over wild type" in legend and NO_ROWS in legend
    assert "25727400" not in legend and "EID1354" not in legend and "intermediate" not in legend


def test_a_kb_with_another_band_is_explained_as_that_kb_says(tmp_path):
    kb = _kb_with_band(
        tmp_path, low="5", high="100", within="resistant", source_says="", pmids="12345678", civic_eid=""
    )
    vcf, sheet = g1202r_vcf(tmp_path / "in.vcf", [SAMPLE]), _sheet(tmp_path / "s.tsv")
    doc, page = annotated_report(vcf, sheet, tmp_path / "r", "--kb", str(kb))
    (row,) = doc["knowledge_base"]["thresholds"]
    assert (row["low"], row["high"], row["within"], row["pmids"], row["civic_eid"]) == (
        5,
        100,
        "resistant",
        ["12345678"],
        "",
    )
    legend = _legend(page)
    assert (
        "'5-100-fold range' = a fold over wild type (the mutant's IC50 divided by the wild type's, measured in the "
        "same experiment) of 5 to 100, which PMID 12345678 calls resistant; the knowledge base grades a fold within it "
        "resistant and above it resistant; below it, the statement's own category stands."
    ) in legend
    for bundled_fact in ("4-10", "25727400", "EID1354", "intermediate", "soften"):
        assert bundled_fact not in legend, bundled_fact
    note = doc["samples"][0]["inhibitors"]["brigatinib"]["note"]
    assert "54.2x WT within the 5-100-fold band that PMID 12345678 defines" in note
