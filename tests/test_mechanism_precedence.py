"""A shown off-target mechanism outranks an on-target one that is only possible (review 11, finding 5).

A positive ABCB1 (P-gp) IHC after crizotinib is a shown mechanism (KAT16: P-gp overexpression conferred crizotinib
resistance); C1156Y at 3% with --min-vaf 0.05 only makes on-target resistance possible. Such a tumour is
`off_target_candidate`, listed in `summary.off_target_candidates`, and its notes still name the subclonal C1156Y.
So is a MET amplification (CN 12) after alectinib beside a subclonal G1202R. Without the shown mechanism the same
genotype stays `on_target_possible`; a clonal C1156Y after crizotinib stays `on_target` whatever the IHC says.
"""

from __future__ import annotations

import json
from pathlib import Path

from helpers import annotated_report, run

DATA = Path(__file__).parent / "data" / "recorded_offtarget"
HEADER = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT"
)
C1156Y = "chr2\t29222392\t.\tC\tT\t.\tPASS\t.\tGT:AF"  # GRCh38, c.3467G>A
G1202R = "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF"


def _by_sample(doc: dict) -> dict[str, dict]:
    return {s["sample"]: s for s in doc["samples"]}


def test_positive_pgp_ihc_outranks_a_subclonal_c1156y(tmp_path):
    vcf = tmp_path / "c1156y.vcf"
    vcf.write_text(f"{HEADER}\tIHC_POS\tIHC_NEG\tNO_IHC\tCLONAL\n{C1156Y}\t0/1:0.03\t0/1:0.03\t0/1:0.03\t0/1:0.4\n")
    sheet = tmp_path / "samples.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\tabcb1_ihc\n"
        "IHC_POS\tpositive:IHC\tcrizotinib\tpositive\n"
        "IHC_NEG\tpositive:IHC\tcrizotinib\tnegative\n"
        "NO_IHC\tpositive:IHC\tcrizotinib\t\n"
        "CLONAL\tpositive:IHC\tcrizotinib\tpositive\n"
    )
    doc, _ = annotated_report(vcf, sheet, tmp_path / "rep", "--min-vaf", "0.05")
    samples = _by_sample(doc)
    assert {name: s["mechanism"] for name, s in samples.items()} == {
        "IHC_POS": "off_target_candidate",
        "IHC_NEG": "on_target_possible",
        "NO_IHC": "on_target_possible",
        "CLONAL": "on_target",
    }
    assert doc["summary"]["off_target_candidates"] == ["IHC_POS"]
    shown = samples["IHC_POS"]
    # the possible on-target change is still said, and it is no ALK-mutation-negative tumour
    assert any(
        "C1156Y at VAF 3.0% is below the clonality cut-off set for this run (--min-vaf 0.05)" in note
        for note in shown["notes"]
    )
    assert (
        "C1156Y (VAF 3.0%), below the clonality cut-off set for this run, may explain it only in part"
        in shown["pgp"]["note"]
    )
    assert shown["alk_mutation_negative"] is False
    assert shown["pgp_check"] == "recommended" and shown["pgp_triage"] is True


def test_met_amplification_outranks_a_subclonal_g1202r_after_alectinib(tmp_path):
    vcf = tmp_path / "g1202r.vcf"
    vcf.write_text(f"{HEADER}\tM1_T\n{G1202R}\t0/1:0.02\n")
    doc, _ = annotated_report(
        vcf, DATA / "samples.tsv", tmp_path / "rep", "--min-vaf", "0.05", "--sv", DATA / "met_alec.sv.vcf"
    )
    m1 = _by_sample(doc)["M1_T"]
    assert m1["mechanism"] == "off_target_candidate"
    assert [(o["gene"], o["kind"], o["verified"]) for o in m1["off_target"]] == [("MET", "copy_number_gain", True)]
    assert any(
        "G1202R at VAF 2.0% is below the clonality cut-off set for this run (--min-vaf 0.05)" in note
        for note in m1["notes"]
    )
    assert doc["summary"]["off_target_candidates"] == ["M1_T"]

    # the annotated VCF alone (the MET record was in the --sv file) keeps the recorded mechanism, warning-free
    again = run("report", tmp_path / "rep.vcf", "--out", tmp_path / "again", text=True)
    assert again.returncode == 0 and "WARNING" not in again.stderr, again.stderr
    kept = _by_sample(json.loads((tmp_path / "again.json").read_text()))["M1_T"]
    assert kept["mechanism"] == "off_target_candidate"
    assert any(
        "Off-target candidate recorded in this VCF's header, written when it was annotated" in note
        for note in kept["notes"]
    )

    # without the SV file the same genotype is only possibly on target
    alone, _ = annotated_report(vcf, DATA / "samples.tsv", tmp_path / "alone", "--min-vaf", "0.05")
    assert _by_sample(alone)["M1_T"]["mechanism"] == "on_target_possible"
