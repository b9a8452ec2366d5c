"""Stop 54, helper text54: the report's sentences as a thoracic oncologist reads them. A note naming a genotype call,
its evidence mark and the change it rests on says the change and the mark in one bracket ('would be sensitive
(G1202R; reviews only) [LIN17T2]'), never two brackets in a row ('sensitive (reviews only) (G1202R)', stop 53's
closing note). Through the installed CLI on real tests/data files; each mark checked against `alkannot lookup`."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from helpers import annotated_report, run

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
# an evidence mark of the drug table said in a note, then a bracket right after it
MARK_THEN_BRACKET = re.compile(r"\((?:reviews only|preclinical only|one case report|case reports only)\) \(")


def _report(tmp_path: Path, vcf: Path, sheet: Path, *options: str) -> tuple[dict, str]:
    document, page = annotated_report(vcf, sheet, tmp_path / "r", *options)
    return {s["sample"]: s for s in document["samples"]}, html.unescape(page)


def _lookup_call(change: str, drug: str) -> dict:
    result = run("lookup", change, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["results"][0]["calls"][drug]


def _notes(sample: dict) -> list[str]:
    """Every note of a sample's JSON entry: its own, the P-gp note, each inhibitor's."""
    cells = [c.get("note") or "" for c in sample["inhibitors"].values()]
    return [*sample["notes"], sample["pgp"]["note"] or "", *cells]


def test_the_genotype_call_of_a_drug_progressed_on_names_change_and_mark_in_one_bracket(tmp_path):
    """tests/data/review31 R1 (G1202R after alectinib then lorlatinib): lorlatinib's cell said "would be sensitive
    (reviews only) (G1202R) [LIN17T2; ...]"; it says "(G1202R; reviews only)", and the card's legend still explains
    the mark, which the row ('(progressed)') does not show."""
    folder = DATA / "review31"
    samples, page = _report(
        tmp_path, folder / "review_scenarios_grch38.vcf", folder / "samples.tsv", "--min-vaf", "0.05"
    )
    assert _lookup_call("G1202R", "lorlatinib")["reviews_only"]
    note = samples["R1"]["inhibitors"]["lorlatinib"]["note"]
    assert "the genotype-based call alone would be sensitive (G1202R; reviews only) [LIN17T2; PEL21, " in note
    assert "Marks beside a call in the notes: (reviews only) = " in page
    for sample in samples.values():
        assert not [n for n in _notes(sample) if MARK_THEN_BRACKET.search(n)], sample["sample"]


def test_the_call_a_positive_ihc_sets_aside_names_change_and_mark_in_one_bracket(tmp_path):
    """tests/data/resensitisation R6 (C1156Y+L1198F in cis after crizotinib then lorlatinib, ABCB1 IHC positive):
    crizotinib's cell said "the genotype-based call (sensitive (one case report), C1156Y+L1198F (cis))", a bracket in
    a bracket beside the change; it says "(sensitive, C1156Y+L1198F (cis); one case report)", as `lookup` marks the
    compound's crizotinib call; the earlier-progression note says the change and the mark in one bracket too."""
    folder = DATA / "resensitisation"
    samples, page = _report(tmp_path, folder / "resens_grch38.vcf", folder / "samples.tsv", "--min-vaf", "0.05")
    assert _lookup_call("C1156Y+L1198F", "crizotinib")["one_case_report"]
    note = samples["R6_C1156Y_L1198F_IHCpos"]["inhibitors"]["crizotinib"]["note"]
    assert (
        "the genotype-based call (sensitive, C1156Y+L1198F (cis); one case report) [EID844(PMID:26698910)] is not used "
        "for this patient, because the P-gp overexpression may reduce this drug's activity" in note
    )
    said = "would be sensitive (C1156Y+L1198F (cis); one case report) [EID844(PMID:26698910)]"
    assert any(said in s["inhibitors"]["crizotinib"]["note"] for s in samples.values())
    assert said in page
    for sample in samples.values():
        assert not [n for n in _notes(sample) if MARK_THEN_BRACKET.search(n)], sample["sample"]
