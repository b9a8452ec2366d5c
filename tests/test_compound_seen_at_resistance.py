"""A compound the knowledge base notes as found in a patient resistant to the drug (REC20: C1156Y+G1269A 'from a
lorlatinib-resistant patient') has that note beside 'whether it explains this progression is not known' (review 11,
finding 6); a curator's remark on a source that could not be retrieved is not such a note."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpers import ALKANNOT

HEADER = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phase set">\n'
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\n"
)
# GRCh38, NM_004304.5: G1269A (c.3806G>C) and C1156Y (c.3467G>A), in cis through one phase set
RECORDS = "chr2\t29209816\t.\tC\tG\t.\tPASS\t.\tGT:PS:AF\t0|1:29209816:0.3\nchr2\t29222392\t.\tC\tT\t.\tPASS\t.\tGT:PS:AF\t0|1:29209816:0.3\n"


def test_a_compound_found_at_lorlatinib_resistance_says_so(tmp_path: Path):
    vcf = tmp_path / "c.vcf"
    vcf.write_text(HEADER + RECORDS)
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nT1\tpositive:IHC\talectinib;lorlatinib\n")
    run = subprocess.run(
        [ALKANNOT, "-q", "report", str(vcf), "--samples", str(sheet), "--out", str(tmp_path / "r")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (sample,) = json.loads((tmp_path / "r.json").read_text())["samples"]
    assert sample["compound"]["changes"] == ["C1156Y", "G1269A"] and sample["mechanism"] == "on_target_possible"
    assert (
        "C1156Y+G1269A (cis): REC20 compound from a lorlatinib-resistant patient; 'differential susceptibility' to "
        "lorlatinib, direction not stated in abstract. [REC20]"
    ) in sample["notes"]
    assert not [n for n in sample["notes"] if "not retrievable" in n]
