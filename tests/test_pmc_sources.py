"""A source known by its PubMed Central id only (OKA19, SHI22: no PMID or DOI in sources.tsv) is named with it in
the report as the VCF names it: the JSON sources table's `pmc` (schema 2.23), and the TSV's source lists
('OKA19(PMC6441848)', where they wrote a bare 'OKA19' beside the VCF's CallSources/PgpSources; review of stop 46,
cs46)."""

from __future__ import annotations

import gzip
import json

from helpers import readme_example

from alkannot.report.json_report import schema
from alkannot.report.tsv import identified


def test_a_pmc_only_source_is_named_alike_in_the_json_the_tsv_and_the_vcf(tmp_path):
    assert readme_example(tmp_path / "r").returncode == 0
    doc = json.loads((tmp_path / "r.json").read_text())
    sources = doc["sources"]
    assert sources["OKA19"]["pmc"] == "PMC6441848" and sources["OKA19"]["pmid"] is None
    assert sources["OKA19"]["doi"] is None
    assert "pmc" not in sources["KAT16"]  # a source with a PMID names that, as before
    assert identified(["OKA19", "KAT16"], sources) == ["OKA19(PMC6441848)", "KAT16(PMID:26870817)"]
    header = [line for line in gzip.open(tmp_path / "r.vcf.gz", "rt") if line.startswith("##alkannotSample")]
    assert any("OKA19(PMC6441848)" in line for line in header)
    assert schema()["properties"]["sources"]["additionalProperties"]["properties"]["pmc"]["type"] == "string"
