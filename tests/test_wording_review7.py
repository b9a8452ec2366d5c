"""Wording after the review of the changes, seventh reading (findings 12 and 13), on the reviewer's input
(/tmp/review7/t1): six Mutect2 tumour-only samples, GRCh38 `chr2`, no --min-vaf, run through the installed CLI.

Finding 12: the ##alkannotSample line's AlkMutations lists unrelated changes with ';' and writes '+' only for a
compound, in its own order, with its phase said as the TSV says it.
Finding 13: clonality statements that agree with each other; no subclonal mark on a call that rests on the
patient's progression; the grid's title names a cut-off only where one was set; the TSV's inhibitor_basis says which
inhibitor's call rests on what.
"""

from __future__ import annotations

import csv
import html
import re
import subprocess
from pathlib import Path

import pytest
from helpers import annotated_report

HEADER = """##fileformat=VCFv4.2
##source=Mutect2 tumour-only
##reference=file:///ref/Homo_sapiens_assembly38.fasta
##contig=<ID=chr2,length=242193529>
##FILTER=<ID=PASS,Description="All filters passed">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">
##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phase set">
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tC1\tC2\tC6
"""
NONE = "0/0:100,0:0:."
# R1275Q, T1211Pfs*47, I1171N... as the reviewer wrote them: C1 R1275Q 50% + T1211Pfs*47 30% + G1202R 30%;
# C2 G1202R 40% + L1196M 8%; C6 G1202R 40% + I1171N 5%
RECORDS = [
    f"chr2\t29209798\t.\tC\tT\t.\tPASS\t.\tGT:AD:AF:PS\t0/1:100,100:0.5:.\t{NONE}\t{NONE}",
    f"chr2\t29220720\t.\tTC\tT\t.\tPASS\t.\tGT:AD:AF:PS\t0/1:70,30:0.3:.\t{NONE}\t{NONE}",
    "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AD:AF:PS\t0/1:70,30:0.3:.\t0/1:60,40:0.4:.\t0/1:60,40:0.4:.",
    f"chr2\t29220765\t.\tG\tT\t.\tPASS\t.\tGT:AD:AF:PS\t{NONE}\t0/1:92,8:0.08:.\t{NONE}",
    f"chr2\t29222347\t.\tA\tT\t.\tPASS\t.\tGT:AD:AF:PS\t{NONE}\t{NONE}\t0/1:95,5:0.05:.",
]
SHEET = "sample\talk_status\tprogressed_on\nC1\tpositive:IHC\talectinib;lorlatinib\n"
SHEET += "C2\tpositive:IHC\talectinib;lorlatinib\nC6\tpositive:IHC\talectinib\n"


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("review7")
    vcf, sheet = tmp / "in.vcf", tmp / "s.tsv"
    vcf.write_text(HEADER + "\n".join(RECORDS) + "\n")
    sheet.write_text(SHEET)
    document, page = annotated_report(vcf, sheet, tmp / "rep")
    header = subprocess.run(["bcftools", "view", "-h", str(tmp / "rep.vcf")], capture_output=True, text=True).stdout
    with open(tmp / "rep.tsv", newline="") as handle:
        table = {row["sample"]: row for row in csv.DictReader(handle, delimiter="\t")}
    samples = {s["sample"]: s for s in document["samples"]}
    return {"samples": samples, "page": page, "header": header, "tsv": table, "tmp": tmp}


def _sample_line(header: str, sample: str) -> str:
    (line,) = [l for l in header.splitlines() if l.startswith(f"##alkannotSample=<ID={sample},")]
    return line


# ---------------------------------------------------------------- finding 12
def test_header_lists_unrelated_changes_and_names_the_compound_as_the_tsv_does(run):
    assert run["samples"]["C1"]["compound"] is None
    assert 'AlkMutations="R1275Q;T1211Pfs*47;G1202R",' in _sample_line(run["header"], "C1")
    assert run["tsv"]["C2"]["compound"] == "L1196M+G1202R phase not determined"
    assert 'AlkMutations="L1196M+G1202R phase not determined",' in _sample_line(run["header"], "C2")
    assert "(unknown)" not in "".join(l for l in run["header"].splitlines() if l.startswith("##alkannotSample"))


def test_a_file_written_with_the_old_header_form_is_read_and_rewritten(run, tmp_path):
    """An older annotated file ('+'-joined, '(unknown)'): `report` reads it as before (AlkMutations is not read
    back) and re-annotation writes the new form in place of the old line."""
    from helpers import run as cli

    old = tmp_path / "old.vcf"
    text = (run["tmp"] / "rep.vcf").read_text()
    text = text.replace('AlkMutations="L1196M+G1202R phase not determined"', "AlkMutations=G1202R+L1196M(unknown)")
    old.write_text(text.replace('AlkMutations="R1275Q;T1211Pfs*47;G1202R"', "AlkMutations=R1275Q+T1211Pfs*47+G1202R"))
    sheet = run["tmp"] / "s.tsv"
    for vcf, prefix in ((old, "old"), (run["tmp"] / "rep.vcf", "new")):
        report = cli("report", vcf, "--samples", sheet, "--out", tmp_path / prefix, text=True)
        assert report.returncode == 0, report.stderr
    assert (tmp_path / "old.tsv").read_text() == (tmp_path / "new.tsv").read_text().replace(
        str(run["tmp"] / "rep.vcf"), str(old)
    )
    again = cli("annotate", old, "--samples", sheet, "-o", tmp_path / "again.vcf", text=True)
    assert again.returncode == 0, again.stderr
    header = (tmp_path / "again.vcf").read_text()
    assert 'AlkMutations="L1196M+G1202R phase not determined",' in _sample_line(header, "C2")
    assert 'AlkMutations="R1275Q;T1211Pfs*47;G1202R",' in _sample_line(header, "C1")
    assert "AlkMutations=G1202R+L1196M(unknown)" not in header and "R1275Q+" not in header
