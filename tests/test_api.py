"""The Python API wraps every command the CLI has (STYLE.md practice 1): annotate, report and lookup are functions
another program can call, with what the CLI would print or write."""

from __future__ import annotations

import json
from pathlib import Path

from alkannot import api

EXAMPLE = Path(__file__).parents[1] / "example_vcfs"


def test_lookup_gives_each_alteration_its_calls():
    (query, call), (dna, same) = api.lookup(["G1202R", "c.3604G>A"])
    assert query == "G1202R" and dna == "c.3604G>A = NM_004304.5:c.3604G>A p.G1202R"  # the query, as lookup prints it
    assert call.calls["alectinib"].category == "resistant" and same.alteration == call.alteration


def test_report_writes_the_report_set(tmp_path):
    cohort = api.report([str(EXAMPLE / "GRCh38" / "tumor_normal.vcf")], str(tmp_path / "c"))
    written = json.loads((tmp_path / "c.json").read_text())
    assert {s["sample"] for s in written["samples"]} == {v.sample for v in cohort.verdicts}
    assert (tmp_path / "c_mqc.tsv").exists() and (tmp_path / "c.html").exists()
