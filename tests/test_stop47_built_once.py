"""Stop 47: what a run builds once is not built again. The source identifiers of CallSources (the ##alkannotSample
lines) and of ALK_CALL_SOURCES (the records) come from one memo a run (annotate builds it, write_output takes it):
each source key is looked up in the knowledge base once, whichever way the records are written. The SV records of
the input and the --sv files are paired into junctions once, for the same-calls comparison (sv_duplicates) and the
fusion calls (fusions.detect_fusions), unless the comparison left records out."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pysam
import pytest
from click.testing import CliRunner

from alkannot import rewrite
from alkannot.cli import main

ROOT = Path(__file__).parent.parent
EX = ROOT / "example_vcfs"
VCF, SHEET, SV = EX / "GRCh38" / "tumor_normal.vcf", EX / "samples.tsv", EX / "GRCh38" / "sv.vcf"


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


def _pairings(monkeypatch) -> list[int]:
    """How many records each records_to_junctions call of the run paired (fusion_evidence, sv_duplicates, fusions)."""
    from alkannot import breakends, fusion_evidence, fusions, sv_duplicates

    sizes: list[int] = []
    pair = breakends.records_to_junctions

    def counting(records):
        records = list(records)
        sizes.append(len(records))
        return pair(records)

    for module in (fusion_evidence, sv_duplicates, fusions):
        monkeypatch.setattr(module, "records_to_junctions", counting)
    return sizes


def _fusions_of(tmp_path: Path, name: str, *args: str) -> tuple[dict[str, list[str]], list[str]]:
    """Each sample's fusion calls (the JSON report's) and the VCF less its command line."""
    out, prefix = tmp_path / f"{name}_out.vcf", tmp_path / f"{name}_report"
    done = CliRunner().invoke(main, ["annotate", str(VCF), *args, "-o", str(out), "--report", str(prefix)])
    assert done.exit_code == 0, done.output
    samples = json.loads(prefix.with_suffix(".json").read_text())["samples"]
    lines = [x for x in out.read_text().splitlines() if not x.startswith("##alkannotCommand")]
    return {s["sample"]: s["fusion_calls"] for s in samples}, lines


def test_two_sv_files_are_paired_into_junctions_once(tmp_path, monkeypatch, caplog):
    """Two --sv files with other calls: the mates are paired once, for the same-calls comparison and for the fusion
    calls (which paired the same records again), and the calls are those of pairing twice."""
    other = tmp_path / "other.vcf"  # the example's SV calls as another caller's: other IDs, so not the same calls
    other.write_text(
        re.sub(r"Manta(BND|DEL|DUP)", r"Other\1", SV.read_text()).replace("\t.\tN\t<DUP>", "\tcn1\tN\t<DUP>")
    )
    sizes = _pairings(monkeypatch)
    calls, vcf = _fusions_of(tmp_path, "two", "--sv", str(SV), "--sv", str(other))
    assert "the same calls as" not in caplog.text
    assert any("sv.vcf" in c and "other.vcf" in c for c in calls["P1_T"])  # both files' evidence of P1_T's fusion
    assert len(sizes) == 1, sizes
    monkeypatch.undo()
    (tmp_path / "again").mkdir()
    assert _fusions_of(tmp_path / "again", "two", "--sv", str(SV), "--sv", str(other)) == (calls, vcf)


def test_records_left_out_as_the_same_calls_are_paired_again(tmp_path, monkeypatch, caplog):
    """The same calls twice: the copy's records are left out and the rest paired anew (a mate left out would make
    the other an orphan): one pairing of every record, one of the kept ones."""
    copy = tmp_path / "copy.vcf"
    copy.write_text(SV.read_text())
    sizes = _pairings(monkeypatch)
    calls, _ = _fusions_of(tmp_path, "copy", "--sv", str(SV), "--sv", str(copy))
    assert "the same calls as" in caplog.text and calls["P1_T"]
    assert len(sizes) == 2 and sizes[1] < sizes[0], sizes


def test_report_reads_each_spooled_document_nine_times(tmp_path, monkeypatch):
    """annotate --report keeps the samples' documents on disk (report/sample_store.py) and reads each back per pass:
    one reading for the JSON's summary and sources and the unestablished-ALK warning (json_report.read_once), one
    for the page's boxes, grid legend and kinase map (page_reading.PageReading), one for the TSV's sheet columns with
    their formulas, then the TSV's, JSON's and MultiQC's rows and the page's cohort table, grid and cards: 9, where
    there were 18 (each summary list, the cited keys twice, the warning, each box row, the legend and the map read
    them apart)."""
    from alkannot.report import sample_store

    reads: Counter[int] = Counter()
    read = sample_store.SpooledDocuments.__getitem__

    def counting(self, index):
        if isinstance(index, int) and 0 <= index < len(self):
            reads[index] += 1
        return read(self, index)

    monkeypatch.setattr(sample_store.SpooledDocuments, "__getitem__", counting)
    prefix = tmp_path / "r"
    done = CliRunner().invoke(
        main,
        ["-q", "annotate", str(VCF), "--samples", str(SHEET), "-o", str(tmp_path / "o.vcf"), "--report", str(prefix)],
    )
    assert done.exit_code == 0, done.output
    samples = json.loads(prefix.with_suffix(".json").read_text())["samples"]
    assert len(samples) == len(reads) == 7
    # the first one twice more: the grid's and the TSV's inhibitor columns are the first sample's
    assert [reads[i] for i in range(len(samples))] == [11] + [9] * 6
