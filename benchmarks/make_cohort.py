#!/usr/bin/env python3
"""Write an ALK-dense joint-called cohort VCF for the memory benchmark of `alkannot annotate`.

A cohort called jointly has a variant every 30-40 bp: about 20,000 records across ALK's 730 kb (GRCh38), each
with every sample's GT:AD. The records are intronic SNVs (the exons of either build and 200 bp around them are
left out, as in the pipeline review's reproducer, pipe4 finding 2), plus two kinase-domain SNVs (G1202R, L1196M)
so the report has something to say. Deterministic.

    python3 benchmarks/make_cohort.py 500 > cohort.vcf              # 500 samples, one SNV every 35 bp
    python3 benchmarks/make_cohort.py 60 --step 200 > small.vcf     # fewer records
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

EXONS = Path(__file__).resolve().parent.parent / "resources" / "transcript" / "alk_exons.tsv"
SPAN = (29_190_000, 29_921_000)  # ALK on GRCh38, with some flank
CODING = {29_220_747: ("C", "T"), 29_220_765: ("G", "T")}  # G1202R, L1196M (GRCh38)
GENOTYPES = ("0/0:30,0", "0/1:15,15", "0/0:30,0", "1/1:0,30")


def header(samples: int) -> str:
    names = "\t".join(f"S{i}" for i in range(samples))
    return (
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">\n'
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n'
        f"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{names}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("samples", type=int)
    parser.add_argument("--step", type=int, default=35, help="bp between intronic SNVs (default 35)")
    args = parser.parse_args()
    rng = random.Random(2)
    with EXONS.open() as handle:
        # both builds' exons: an SNV at a GRCh37 coding position whose REF fits there would vote for GRCh37
        rows = list(csv.DictReader(handle, delimiter="\t"))
    avoid = [(int(r["start"]) - 200, int(r["end"]) + 200) for r in rows]
    positions = [p for p in range(SPAN[0], SPAN[1], args.step) if not any(a <= p <= b for a, b in avoid)]
    out = sys.stdout
    out.write(header(args.samples))
    for pos in sorted({*positions, *CODING}):
        ref, alt = CODING.get(pos, ("A", "G"))
        cells = "\t".join(rng.choice(GENOTYPES) for _ in range(args.samples))
        out.write(f"chr2\t{pos}\t.\t{ref}\t{alt}\t50\tPASS\tDP=30\tGT:AD\t{cells}\n")


if __name__ == "__main__":
    main()
