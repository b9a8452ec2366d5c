"""Review of stop 46, item 2: a `conflicting` call carries no qualifier (RULES.md 3.8: it says itself that its sources
disagree). Only `reviews_only` and `sources_disagree` were held back from one; under a laboratory's knowledge base
(`--kb`) a conflicting call whose deciding statements were all preclinical, case reports, in silico or of another
context was marked so in ALK_CALL_QUALIFIERS, the sample's Calls=, the JSON, the TSV and `lookup`. The rule is now
said once (readings.qualifiable) and every mark reads it.

The bundled knowledge base's one conflicting call is E1210K and brigatinib (SAB17 sensitive and resistant, JAIN17
sensitive; all review-level). Each laboratory knowledge base below is `alkannot kb export` with those three rows
changed in one way; the control drops SAB17's resistant row, so the call is `sensitive` and shows the qualifier.
The VCF is C06's (tests/data/stop42_review_hc: E1210K at VAF 32%), with a sheet giving no treatment history, so the
sample's brigatinib call is the genotype's."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from helpers import annotated_report, edited_kb, run

C06 = Path(__file__).parent / "data" / "stop42_review_hc" / "C06_E1210K_after_brigatinib"
QUALIFIER_FLAGS = ("disputed", "in_silico", "preclinical_only", "case_report_only", "one_case_report", "reviews_only")

# name: (what the three E1210K/brigatinib rows become, the qualifiers a sensitive call from such rows carries in
# ALK_CALL_QUALIFIERS' order and in Calls=' order: one order since stop 48, readings.MARK_ORDER's, where
# ALK_CALL_QUALIFIERS put other_context first)
EDITS = {
    "preclinical_other_context": (
        {"evidence_kind": "preclinical", "disease": "ALCL", "background": "NPM-ALK"},
        ("preclinical_only", "other_context"),
        ("preclinical_only", "other_context"),
    ),
    "case_reports": ({"evidence_kind": "case_report"}, ("case_report_only",), ("case_report_only",)),
    "in_silico": (
        {"evidence_kind": "preclinical", "assay": "computational simulation"},
        ("in_silico",),
        ("in_silico",),
    ),
}


def _lab_kb(root: Path, name: str, changes: dict, *, drop_resistant: bool = False) -> Path:
    """`alkannot kb export` with E1210K and brigatinib's rows changed by `changes` (and SAB17's resistant row left
    out where `drop_resistant`)."""

    def edit(row: dict) -> dict | None:
        if (row["alteration"], row["inhibitor"]) != ("E1210K", "brigatinib"):
            return row
        if drop_resistant and row["category"] == "resistant":
            return None
        return {**row, **changes}

    return edited_kb(root, name, edit)


def _brigatinib_lookup(kb: Path) -> tuple[dict, str]:
    """`lookup E1210K --kb KB`: brigatinib's JSON call and the category cell of its row in the calls table."""
    result = run("lookup", "E1210K", "--kb", kb, "--json", text=True)
    assert result.returncode == 0, result.stderr
    (found,) = json.loads(result.stdout)["results"]
    table = run("lookup", "E1210K", "--kb", kb, text=True)
    assert table.returncode == 0, table.stderr
    # the calls table comes first; the statements table below it has a row per statement
    row = next(line for line in table.stdout.splitlines() if line.startswith("brigatinib  "))
    return found["calls"]["brigatinib"], re.split(r"\s{2,}", row)[1]


def _annotated(tmp: Path, kb: Path, name: str) -> dict:
    """C06's VCF annotated with `kb` and a sheet with no treatment history: the sample's JSON, TSV row, the E1210K
    record's ALK_CALL_QUALIFIERS and the sample's ##alkannotSample Calls= value."""
    sheet = tmp / f"{name}_samples.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nC06_T\tpositive:IHC\t\n")
    prefix = tmp / name
    doc, _ = annotated_report(C06 / "in.vcf", sheet, prefix, "--kb", str(kb))
    (row,) = csv.DictReader(Path(f"{prefix}.tsv").open(), delimiter="\t")
    (sample,) = doc["samples"]
    text = Path(f"{prefix}.vcf").read_text()
    (record,) = [line for line in text.splitlines() if not line.startswith("#")]
    info = dict(f.split("=", 1) for f in record.split("\t")[7].split(";") if "=" in f)
    (header,) = [line for line in text.splitlines() if line.startswith("##alkannotSample=<ID=C06_T,")]
    calls = header.split('Calls="', 1)[1].split('"', 1)[0]
    return {"sample": sample, "row": row, "qualifiers": info["ALK_CALL_QUALIFIERS"], "calls": calls, "header": header}


@pytest.fixture(scope="module")
def labs(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("conflicting_kb")
    made = {name: _lab_kb(root, name, edit[0]) for name, edit in EDITS.items()}
    made.update(
        {f"{name}_agreeing": _lab_kb(root, f"{name}_agreeing", e[0], drop_resistant=True) for name, e in EDITS.items()}
    )
    return made


@pytest.mark.parametrize("name", sorted(EDITS))
def test_lookup_marks_no_conflicting_call(labs, name):
    call, cell = _brigatinib_lookup(labs[name])
    assert call["category"] == "conflicting"
    assert {flag: call[flag] for flag in QUALIFIER_FLAGS} == dict.fromkeys(QUALIFIER_FLAGS, False)
    assert cell == "conflicting"
    if name == "preclinical_other_context":
        assert call["context"] == "other"  # the call's context is still said; it is not printed as a qualifier


@pytest.mark.parametrize("name", sorted(EDITS))
def test_lookup_marks_the_same_statements_once_they_agree(labs, name):
    """The control: without SAB17's resistant row the call is `sensitive` and its qualifiers are printed."""
    call, cell = _brigatinib_lookup(labs[f"{name}_agreeing"])
    expected = EDITS[name][1]
    assert call["category"] == "sensitive"
    assert call["preclinical_only"] is ("preclinical_only" in expected)
    assert call["in_silico"] is ("in_silico" in expected)
    assert call["case_report_only"] is ("case_report_only" in expected)
    assert cell.startswith("sensitive (") and cell != "sensitive"


@pytest.mark.parametrize("name", sorted(EDITS))
def test_annotate_and_report_mark_no_conflicting_call(tmp_path, labs, name):
    got = _annotated(tmp_path, labs[name], name)
    brigatinib = got["sample"]["inhibitors"]["brigatinib"]
    assert brigatinib["category"] == "conflicting"
    for flag in ("disputed", "in_silico", "preclinical_only", "case_report_only", "reviews_only", "other_context"):
        assert brigatinib[flag] is False, flag
    assert got["row"]["brigatinib"] == "conflicting"
    assert "brigatinib:" not in got["qualifiers"]
    assert ";brigatinib:conflicting;" in f";{got['calls']};", got["header"]


@pytest.mark.parametrize("name", sorted(EDITS))
def test_annotate_marks_the_same_statements_once_they_agree(tmp_path, labs, name):
    got = _annotated(tmp_path, labs[f"{name}_agreeing"], f"{name}_agreeing")
    _, in_info, in_calls = EDITS[name]
    assert got["sample"]["inhibitors"]["brigatinib"]["category"] == "sensitive"
    said = [q for q in got["qualifiers"].split("|") if q.startswith("brigatinib:")]
    assert said == [f"brigatinib:{q}" for q in in_info]
    assert f";brigatinib:sensitive({','.join(in_calls)});" in f";{got['calls']};", got["header"]
