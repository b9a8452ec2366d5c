"""The P-gp note's parts (JSON `pgp.parts`, schema 2.29; alkannot/pgp_parts.py), cut where the note is built: their
texts joined with single spaces are the note, byte for byte, on every report of tests/data this runs; each kind is
the part's subject, not read out of its wording; the HTML card lays the box out by parts and falls back to the note
whole for a JSON without them (one written before 2.29). Through the installed CLI on real files."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from helpers import sheets_with_vcfs

from alkannot.pgp_parts import KINDS
from alkannot.report import html

ROOT = Path(__file__).resolve().parents[1]
ALKANNOT = str(Path(__file__).resolve().parents[1] / ".venv" / "bin" / "alkannot")
EXAMPLE = [
    "example_vcfs/GRCh38/tumor_normal.vcf",
    "--sv",
    "example_vcfs/GRCh38/sv.vcf",
    "--fusions",
    "P5_T=example_vcfs/GRCh38/fusions.tsv",
    "--samples",
    "example_vcfs/samples.tsv",
    "--min-vaf",
    "0.05",
]


def _alkannot(*args) -> subprocess.CompletedProcess:
    exe = ALKANNOT if Path(ALKANNOT).exists() else "alkannot"
    return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def _check_parts(sample: dict) -> list[str]:
    parts, note = sample["pgp"]["parts"], sample["pgp"]["note"]
    assert parts and " ".join(p["text"] for p in parts) == note, sample["sample"]
    assert all(p["text"] == p["text"].strip() and p["text"] for p in parts), sample["sample"]
    assert all(p["kind"] in KINDS for p in parts), sample["sample"]
    assert parts[0]["kind"] in ("verdict_and_advice", "note")
    assert len(parts) == 1 or parts[0]["kind"] == "verdict_and_advice"
    # every note after a progression no ALK change explains, or with no history, is cut where it is built
    cut = ("after_affected", "after_possibly_affected", "after_unaffected", "no_history")
    assert sample["pgp"]["context"] not in cut or len(parts) > 1, sample["sample"]
    return [p["kind"] for p in parts]


def test_parts_make_every_note_of_every_report(tmp_path):
    """Every tests/data sample sheet with its folder's VCFs: each sample's parts, joined, are its note, exactly; the
    README example's P4_T note (5,129 characters) is cut into its nine subjects, in order."""
    kinds: set[str] = set()
    runs = 0
    for k, (sheet, vcfs) in enumerate(sheets_with_vcfs()):
        result = _alkannot("report", *vcfs, "--samples", sheet, "-q", "--out", tmp_path / f"r{k}")
        if result.returncode != 0:  # inputs made to be refused (a bad sheet, a pairing error) say so and stop
            assert result.stderr.strip() and "Traceback" not in result.stderr, sheet
            continue
        runs += 1
        for sample in json.loads((tmp_path / f"r{k}.json").read_text())["samples"]:
            kinds.update(_check_parts(sample))
    assert runs >= 30
    result = _alkannot("annotate", *EXAMPLE, "-o", tmp_path / "a.vcf.gz", "-W", "--report", tmp_path / "ex")
    assert result.returncode == 0, result.stderr
    doc = json.loads((tmp_path / "ex.json").read_text())
    assert doc["schema_version"] == "2.31"
    by_sample = {s["sample"]: s for s in doc["samples"]}
    for sample in doc["samples"]:
        kinds.update(_check_parts(sample))
    assert [p["kind"] for p in by_sample["P4_T"]["pgp"]["parts"]] == [
        "verdict_and_advice",
        "frequency",
        "alternatives_after_history",
        "if_ihc_positive",
        "pgp_inhibitor_combination",
        "other_genes",
        "transformation",
        "pgp_facts",
        "transport",
    ]
    p4 = {p["kind"]: p["text"] for p in by_sample["P4_T"]["pgp"]["parts"]}
    assert (
        p4["verdict_and_advice"].startswith("Recommended: ") and "Check P-gp (ABCB1) by IHC" in p4["verdict_and_advice"]
    )
    assert p4["pgp_facts"].startswith("P-gp facts: ") and p4["transport"].startswith("Transport by ABCB1")
    assert p4["transformation"].startswith("Transformation to small-cell lung cancer")
    # the verdict, the facts and the genes checked are cut on every path that has them, not only the full advice
    assert {"verdict_and_advice", "pgp_facts", "transport", "other_genes", "transformation", "full_advice"} <= kinds


def test_card_lays_the_box_out_by_parts_and_an_older_json_as_before(tmp_path):
    """The card's P-gp box: the verdict first, then a labelled paragraph per part, the P-gp facts and transport
    folded; the same JSON without `parts` (as saved before schema 2.29) gives the note whole, its facts folded."""
    result = _alkannot("annotate", *EXAMPLE, "-o", tmp_path / "a.vcf.gz", "-W", "--report", tmp_path / "ex")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "ex.html").read_text()
    box = re.search(r'id="s-P4_T".*?<div class="pgpnote pgp-recommended">(.*?)</div>', page, re.S).group(1)
    labels = re.findall(r'<p class="pgppart"><b>([^<]*):</b>', box)
    assert labels == [
        "How often P-gp overexpression is found",
        "Activity after this treatment history",
        "If P-gp IHC is positive",
        "P-gp inhibitor combination",
        "Other genes checked",
        "Small-cell transformation",
    ]
    assert box.index('<span class="pgplead">Progressed most recently on ceritinib') < box.index("pgppart")
    folded = re.search(r"<summary>P-gp facts per inhibitor</summary>(.*?)</details>", box, re.S).group(1)
    assert folded.startswith("P-gp overexpression also reduces") and "Transport by ABCB1 (P-gp) itself" in folded
    doc = json.loads((tmp_path / "ex.json").read_text())
    assert html.render(doc) == page  # laid out again from the saved JSON: the run's page
    for sample in doc["samples"]:
        del sample["pgp"]["parts"]  # as saved before schema 2.29
    old = html.render(doc)
    box = re.search(r'id="s-P4_T".*?<div class="pgpnote pgp-recommended">(.*?)</div>', old, re.S).group(1)
    assert "pgppart" not in box and "pgplead" not in box
    assert box.startswith("<b>P-gp (ABCB1) check: recommended.</b> Progressed most recently on ceritinib")
    assert "Check P-gp (ABCB1) by IHC" in box and "Small-cell transformation" not in box
    assert "<summary>P-gp facts per inhibitor</summary>P-gp overexpression also reduces" in box


def test_the_card_labels_only_kinds_the_note_is_cut_into():
    """The card's labels and folded kinds name kinds pgp_parts makes (one list of kinds, pgp_parts.KINDS; the card
    takes its VERDICT from there, not a copy of the string)."""
    from alkannot.report import pgp_card

    assert set(pgp_card.LABELS) | set(pgp_card.FOLDED) | {pgp_card.VERDICT} <= set(KINDS)
    assert pgp_card.VERDICT == KINDS[0]
