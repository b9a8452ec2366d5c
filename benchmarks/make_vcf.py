#!/usr/bin/env python3
"""Write a large, realistic-looking single-sample VCF for benchmarking `alkannot annotate`.

Records are spread along chromosomes 1-22 in order (GRCh38 contig lengths in the header, so the
build is detected), with a handful of real ALK kinase-domain SNVs (G1202R, L1196M, G1269A on
GRCh38) placed at their sorted positions on chromosome 2. Deterministic for a given seed.

    python3 benchmarks/make_vcf.py 1000000 > big.vcf
"""
from __future__ import annotations

import random
import sys

GRCH38 = {"1": 248956422, "2": 242193529, "3": 198295559, "4": 190214555, "5": 181538259,
          "6": 170805979, "7": 159345973, "8": 145138636, "9": 138394717, "10": 133797422,
          "11": 135086622, "12": 133275309, "13": 114364328, "14": 107043718, "15": 101991189,
          "16": 90338345, "17": 83257441, "18": 80373285, "19": 58617616, "20": 64444167,
          "21": 46709983, "22": 50818468}
# GRCh38 chr2 positions of ALK kinase-domain SNVs (REF as in the genome, ALT giving the change)
ALK_SNVS = [(29209816, "C", "G"),   # p.G1269A c.3806G>C
            (29220747, "C", "T"),   # p.G1202R c.3604G>A
            (29220765, "G", "T")]   # p.L1196M c.3586C>A
ALK_SPAN = (29192774, 29921586)     # random records avoid ALK, so that REF checks stay meaningful
HEADER = """##fileformat=VCFv4.2
##reference=GRCh38
{contigs}
##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR
"""


def main(n: int, seed: int = 1, out=sys.stdout) -> None:
    rng = random.Random(seed)
    out.write(HEADER.format(contigs="\n".join(f"##contig=<ID=chr{c},length={l}>" for c, l in GRCH38.items())))
    total = sum(GRCH38.values())
    bases = "ACGT"
    for chrom, length in GRCH38.items():
        share = max(1, round(n * length / total))
        step = length // (share + 1)
        pending = list(ALK_SNVS) if chrom == "2" else []
        lines = []
        for i in range(share):
            pos = (i + 1) * step + rng.randrange(step // 2 + 1)
            if chrom == "2" and ALK_SPAN[0] <= pos <= ALK_SPAN[1]:
                continue
            while pending and pending[0][0] <= pos:
                p, r, a = pending.pop(0)
                lines.append(f"chr2\t{p}\t.\t{r}\t{a}\t60\tPASS\tDP=200;AF=0.12\tGT:AD:DP\t0/1:176,24:200\n")
            ref = rng.choice(bases)
            alt = rng.choice([b for b in bases if b != ref])
            dp = rng.randrange(10, 200)
            alt_reads = rng.randrange(0, dp)
            lines.append(f"chr{chrom}\t{pos}\t.\t{ref}\t{alt}\t{rng.randrange(20, 99)}\tPASS\t"
                         f"DP={dp};AF={alt_reads / dp:.3f}\tGT:AD:DP\t0/1:{dp - alt_reads},{alt_reads}:{dp}\n")
        out.writelines(lines)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000000, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
