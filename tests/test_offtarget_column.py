"""The HTML cohort table's "Off-target candidates" column names P-gp overexpression where a positive ABCB1 IHC is
what makes the tumour an off-target candidate (the latest drug is one P-gp overexpression affects), not where
the IHC cannot explain the latest progression (review 19, finding 7). Through the installed entry point."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import run

from alkannot.report.view import PGP_BY_IHC, off_target_words

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example_vcfs" / "GRCh38"
SHEET = ROOT / "tests" / "data" / "review18" / "samples_ihc_positive.tsv"  # P4_T after ceritinib, P5_T after alectinib


def _cohort_cells(html: str) -> dict[str, list[str]]:
    rows = re.findall(r'<tr><td><a href="#[^"]*">([^<]+)</a></td>(.*?)</tr>', html)
    return {name: [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", rest)] for name, rest in rows}


def test_ihc_positive_tumour_names_pgp_in_the_cohort_table(tmp_path):
    prefix = tmp_path / "rep"
    result = run(
        "annotate", EXAMPLE / "tumor_normal.vcf", "--sv", EXAMPLE / "sv.vcf",
        "--fusions", f"P5_T={EXAMPLE / 'fusions.tsv'}", "--samples", SHEET,
        "-o", tmp_path / "a.vcf", "--report", prefix, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    cells = _cohort_cells(Path(f"{prefix}.html").read_text())
    # P4_T: no ALK mutation, progressed on ceritinib, IHC positive: P-gp is the candidate the column names
    assert (
        cells["P4_T"][5] == "off-target candidate"
    )  # Build, Fusion, ALK status, Progressed on, ALK mutations, Mechanism
    assert cells["P4_T"][-1] == PGP_BY_IHC
    # P5_T: IHC positive, but after alectinib, which P-gp overexpression does not affect: only MET is named
    assert cells["P5_T"][-1] == "MET copy-number gain"
    # a tumour without IHC keeps the dash
    assert cells["P1_T"][-1] == "—"


def _sample(mechanism: str, ihc: str | None, context: str, off_target=(), latest: str = "ceritinib") -> dict:
    pgp = {
        "abcb1_ihc": ihc,
        "context": context,
        "affected_progressed_on": ["ceritinib"],
        "affected": ["crizotinib", "ceritinib"],  # schema 2.15
    }
    return {"mechanism": mechanism, "off_target": list(off_target), "progressed_on": [latest], "pgp": pgp}


def test_only_an_ihc_that_explains_the_latest_drug_is_named():
    met = {"gene": "MET", "kind": "copy_number_gain", "candidate": True}
    assert off_target_words(_sample("off_target_candidate", "positive", "after_affected")) == PGP_BY_IHC
    both = off_target_words(_sample("off_target_candidate", "positive", "after_affected", [met]))
    assert both == f"MET copy-number gain; {PGP_BY_IHC}"
    assert off_target_words(_sample("off_target_candidate", "positive", "after_unaffected", [met])) == (
        "MET copy-number gain"
    )
    # beside a mutation that explains a progression on ceritinib, the note's 'may contribute as well' (clinical
    # review of stop 32, finding 10); after alectinib, which P-gp overexpression does not affect, nothing
    assert off_target_words(_sample("on_target", "positive", "explained_by_mutation")) == PGP_BY_IHC
    after_alectinib = _sample("on_target", "positive", "explained_by_mutation", latest="alectinib")
    assert off_target_words(after_alectinib) == "—"
    # nor after brigatinib, which P-gp overexpression may reduce: the sources read do not settle it (clinical review
    # of stop 38, finding 3)
    after_brigatinib = _sample("on_target", "positive", "explained_by_mutation", latest="brigatinib")
    after_brigatinib["pgp"]["affected_progressed_on"] = ["brigatinib"]
    assert off_target_words(after_brigatinib) == "—"
    assert off_target_words(_sample("unexplained", "negative", "after_affected")) == "—"


def test_a_finding_listed_but_not_counted_is_named_so_in_the_cohort_table():
    """A MET gain after crizotinib is listed, not counted (JSON candidate false, TSV off_target_candidates empty): the
    HTML cohort table's candidates column names it so (clinical review of stop 39, finding 2)."""
    sample = {
        "off_target": [
            {"gene": "MET", "kind": "copy_number_gain", "candidate": False, "statement": "Listed, not counted"},
            {"gene": "EGFR", "kind": "missense", "candidate": True, "statement": "EGFR bypass"},
        ],
        "pgp": {"context": "after_affected", "abcb1_ihc": None},
        "mechanism": "off_target_candidate",
    }
    assert off_target_words(sample) == "MET copy-number gain (listed, not a candidate); EGFR missense"
