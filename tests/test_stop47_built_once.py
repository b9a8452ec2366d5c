"""Stop 47: what a run builds once is not built again. The source identifiers of CallSources (the ##alkannotSample
lines) and of ALK_CALL_SOURCES (the records) come from one memo a run (annotate builds it, write_output takes it):
each source key is looked up in the knowledge base once, whichever way the records are written."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pysam
import pytest
from click.testing import CliRunner

from alkannot import rewrite
from alkannot.cli import main

ROOT = Path(__file__).parent.parent
EX = ROOT / "example_vcfs"
VCF, SHEET = EX / "GRCh38" / "tumor_normal.vcf", EX / "samples.tsv"


@pytest.mark.parametrize("suffix", [".vcf", ".vcf.gz", ".bcf"])
def test_each_source_key_is_identified_once_a_run(tmp_path, monkeypatch, suffix):
    looked_up: Counter[str] = Counter()
    identified_key = rewrite.identified_key

    def counting(kb, key: str) -> str:
        looked_up[key] += 1
        return identified_key(kb, key)

    monkeypatch.setattr(rewrite, "identified_key", counting)
    out = tmp_path / f"out{suffix}"
    done = CliRunner().invoke(main, ["-q", "annotate", str(VCF), "--samples", str(SHEET), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with pysam.VariantFile(str(out)) as vcf:
        header = "\n".join(str(r) for r in vcf.header.records if r.key == "alkannotSample")
        records = [str(r) for r in vcf if "ALK_CALL_SOURCES" in r.info]
    assert "CallSources=" in header and records  # both written: the memo served the header and the records
    assert "(PMID:" in header and any("(PMID:" in r for r in records)
    assert looked_up and max(looked_up.values()) == 1, looked_up
