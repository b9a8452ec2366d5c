"""A header of 120,000 ##contig lines (a draft assembly's scaffolds; pipeline review of stop 42, finding 8b): the
header checks read a contig's name only where its length is chromosome 2's, and take a line htslib kept as written
without comparing its normalised form, so they cost less; what they say is unchanged: a chromosome-2 lookalike deep in
the list and a line htslib rewrites are still named where the output's header is htslib's (BCF), and every ##contig
line is written out as it came (a VCF output's header is the input's lines as written: input_header.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import ALKANNOT

SCAFFOLDS = 120_000


def _vcf(path: Path) -> Path:
    scaffolds = "".join(f"##contig=<ID=scaffold_{i},length={1000 + i}>\n" for i in range(SCAFFOLDS))
    path.write_text(
        "##fileformat=VCFv4.2\n"
        '##StudyTitle=<"ALK cohort, batch 3">\n'
        "##contig=<ID=chr2,length=242193529>\n"
        f"{scaffolds}"
        "##contig=<ID=LAB_CHR_TWO,length=242193529>\n"
        '##INFO=<ID=DP,Number=1,Type=Integer,Description="Read depth">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        "chr2\t29220765\t.\tG\tT\t50\tPASS\tDP=30\n"
        "scaffold_119999\t100\t.\tA\tT\t50\tPASS\tDP=30\n"
    )
    return path


def test_a_header_of_many_contigs_is_checked_as_before(tmp_path):
    vcf = _vcf(tmp_path / "many.vcf")
    out = tmp_path / "out.vcf"
    run = subprocess.run([ALKANNOT, "annotate", "many.vcf", "-o", out], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if "WARNING" in line]
    lookalike = (
        f"alkannot: WARNING: many.vcf:{SCAFFOLDS + 4}: ##contig LAB_CHR_TWO has the length of GRCh38 chromosome 2 "
        "(242193529), but alkannot does not read that name as chromosome 2 (chr2, 2, NC_000002.x, CM000664.x): its "
        "records are not annotated; rename it, e.g. bcftools annotate --rename-chrs"
    )
    assert warnings == [lookalike]  # the VCF output keeps the ##StudyTitle line htslib drops: nothing to say
    assert '##StudyTitle=<"ALK cohort, batch 3">\n' in out.read_text()
    bcf = subprocess.run(
        [ALKANNOT, "annotate", "many.vcf", "-o", "o.bcf"], capture_output=True, text=True, cwd=tmp_path
    )
    assert bcf.returncode == 0, bcf.stderr
    assert [line for line in bcf.stderr.splitlines() if "WARNING" in line] == [
        "alkannot: WARNING: many.vcf:2: header line not kept as written (htslib drops or rewrites it): "
        '##StudyTitle=<"ALK cohort, batch 3">',
        lookalike,
    ]
    contigs = [line for line in vcf.read_text().splitlines() if line.startswith("##contig=")]
    assert [line for line in out.read_text().splitlines() if line.startswith("##contig=")] == contigs
    assert "ALK_HGVSP=p.L1196M" in out.read_text().splitlines()[-2]
