"""A bypass gene's SNV/indel records the input does not annotate are folded as they stream, per gene and sample;
records the off-target findings never list (annotated intronic/synonymous changes, failed filters) are not kept.
Every such record kept every sample's FORMAT values: 1 GB for 8,742 records x 300 samples in EGFR, MET and BRAF
(pipeline review of stop 30, finding 2). The peak memory itself is measured by benchmarks/bench.sh, not here."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpers import ALKANNOT

from alkannot.bypass import BypassRecord
from alkannot.bypass_fold import UnannotatedChanges
from alkannot.fusion_evidence import with_fusion_evidence
from alkannot.options import AnnotateOptions
from alkannot.survey import survey_input

DATA = Path(__file__).parent / "data" / "bypass_consequence"
HEADER = [line for line in (DATA / "bypass_plain_grch38.vcf").read_text().splitlines() if line.startswith("##")]
SAMPLES = [f"S{i}" for i in range(20)]
EGFR = range(55050000, 55050000 + 40 * 100, 100)  # 40 records inside EGFR's GRCh38 span (genes.tsv)


def _cohort(tmp_path: Path) -> Path:
    """40 unannotated EGFR SNVs x 20 samples: S0 carries every one, S1 the first two, the others none; one more
    record that failed the caller's filter, carried by all."""
    lines = [*HEADER, "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(SAMPLES)]
    for n, pos in enumerate(EGFR):
        calls = ["0/1:70,30", "0/1:70,30" if n < 2 else "0/0:100,0", *["0/0:100,0"] * 18]
        lines.append(f"chr7\t{pos}\t.\tA\tG\t.\tPASS\t.\tGT:AD\t" + "\t".join(calls))
    lines.append("chr7\t55160000\t.\tA\tG\t.\tLowQual\t.\tGT:AD\t" + "\t".join(["0/1:70,30"] * 20))
    path = tmp_path / "egfr_cohort.vcf"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_genes_unannotated_records_are_one_entry_that_keeps_no_records_samples(tmp_path):
    path = _cohort(tmp_path)
    survey = survey_input(str(path), str(path), AnnotateOptions(input_path=str(path)))
    (folded,) = survey.bypass_records  # the failed record is not kept either
    assert isinstance(folded, UnannotatedChanges) and folded.gene == "EGFR"
    assert folded.representative.samples == {}  # no sample's FORMAT values are kept per record
    assert set(folded.carried) == {"S0", "S1"}  # only the samples carrying one
    assert (folded.carried["S0"].count, folded.carried["S0"].first, folded.carried["S0"].last) == (
        40,
        55050000,
        55053900,
    )
    assert folded.carried["S1"].named == [(55050000, "A>G"), (55050100, "A>G")]


def test_the_findings_read_from_the_folded_entry_as_from_the_records(tmp_path):
    path = _cohort(tmp_path)
    sheet = tmp_path / "s.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\n" + "".join(f"{s}\tpositive:IHC\tcrizotinib\n" for s in SAMPLES)
    )
    done = subprocess.run(
        [ALKANNOT, "-q", "report", str(path), "--samples", str(sheet), "--out", str(tmp_path / "r")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    samples = {s["sample"]: s for s in json.loads((tmp_path / "r.json").read_text())["samples"]}
    found = {name: [(o["kind"], o["record"], o["records"]) for o in s["off_target"]] for name, s in samples.items()}
    assert found["S0"] == [("mutation_unassessed", "40 separate records between chr7:55050000 and chr7:55053900", 40)]
    assert found["S1"] == [
        ("mutation_unassessed", "chr7:55050000 A>G", 1),
        ("mutation_unassessed", "chr7:55050100 A>G", 1),
    ]
    assert found["S2"] == []  # the LowQual record is not listed
    assert samples["S0"]["off_target"][0]["statement"].startswith(
        "the input does not annotate what these changes do to the EGFR protein"
    )


def test_annotated_changes_that_leave_the_protein_are_not_kept():
    """S1's EGFR intron and synonymous changes and ABCB1 synonymous change (VEP) are never listed: not kept."""
    path = DATA / "bypass_vep_grch38.vcf"
    survey = survey_input(str(path), str(path), AnnotateOptions(input_path=str(path)))
    kept = {(b.gene, b.pos) for b in survey.bypass_records if isinstance(b, BypassRecord)}
    assert ("EGFR", 55100000) not in kept and ("EGFR", 55181370) not in kept and ("ABCB1", 87600000) not in kept
    assert ("KRAS", 25245351) in kept  # the missense


def _two_at_one_position(tmp_path: Path, order: list[int]) -> Path:
    """Four EGFR records, two of them at one position (a split multi-allelic site), in `order`; S0 carries all."""
    records = [
        "chr7\t55100000\t.\tC\tT\t.\tPASS\t.\tGT\t0/1",
        "chr7\t55100010\t.\tG\tA\t.\tPASS\t.\tGT\t0/1",
        "chr7\t55100000\t.\tC\tG\t.\tPASS\t.\tGT\t0/1",
        "chr7\t55100020\t.\tA\tG\t.\tPASS\t.\tGT\t0/1",
    ]
    path = tmp_path / f"egfr_{''.join(map(str, order))}.vcf"
    header = [*HEADER, "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS0"]
    path.write_text("\n".join(header + [records[i] for i in order]) + "\n")
    return path


def test_a_position_is_counted_once_per_sample_in_any_record_order(tmp_path):
    """Review of stop 30's change, finding 3: only a repeat right after its first record was skipped, so an unsorted
    file's S0 had '4 separate records' for 3 positions."""
    for order in ([0, 2, 1, 3], [0, 1, 2, 3]):
        path = _two_at_one_position(tmp_path, order)
        survey = survey_input(str(path), str(path), AnnotateOptions(input_path=str(path)))
        (folded,) = survey.bypass_records
        assert folded.carried["S0"].count == 3, order


def test_an_sv_file_giving_the_same_records_lists_each_once(tmp_path):
    """Review of stop 30's change, finding 4: --sv records were checked against the fold's first position only."""
    path = _two_at_one_position(tmp_path, [0, 1, 2, 3])
    opts = AnnotateOptions(input_path=str(path), sv_paths=(str(path),))
    survey = with_fusion_evidence(survey_input(str(path), str(path), opts), opts)
    (folded,) = survey.bypass_records
    assert isinstance(folded, UnannotatedChanges) and folded.carried["S0"].count == 3
