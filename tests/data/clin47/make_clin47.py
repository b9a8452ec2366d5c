#!/usr/bin/env python3
"""Writes the drug-by-drug audit cohorts of helper clin47 (tests/test_clin47_audit.py).

One Mutect2-style tumour/normal VCF per situation (GRCh38), each holding one tumour/normal pair per inhibitor
the tumour last progressed on (sample ``<SITUATION>_<drug>_T``), a Manta-style SV VCF giving every tumour an
EML4-ALK v1 fusion, and a sample sheet per situation (``<SITUATION>.samples.tsv``). Situations: G1202R, L1196M, G1269A, I1171N alone; L1196M+G1202R in cis
(FORMAT PS); no ALK mutation; and the P-gp variants (ABCB1 IHC positive) of no mutation and of L1196M.

ALK SNVs (GRCh38, NM_004304.5): G1202R chr2:29220747 C>T, L1196M chr2:29220765 G>T (tests/data/scenarios);
G1269A chr2:29209816 C>G and I1171N chr2:29222347 A>T, the GRCh37 CIViC coordinates of
tests/data/check_variants.tsv (v08, v10) minus 222866, checked with ``alkannot lookup --build GRCh38``.

    python3 tests/data/clin47/make_clin47.py
"""

from __future__ import annotations

import os

HERE = os.path.dirname(os.path.abspath(__file__))
SNVS = {
    "G1269A": (29209816, "C", "G"),
    "I1171N": (29222347, "A", "T"),
    "G1202R": (29220747, "C", "T"),
    "L1196M": (29220765, "G", "T"),
}
DRUGS = ("crizotinib", "ceritinib", "alectinib", "brigatinib", "ensartinib", "lorlatinib")
# situation: (changes, phased in cis, abcb1_ihc)
SITUATIONS = {
    "G1202R": (["G1202R"], False, ""),
    "L1196M": (["L1196M"], False, ""),
    "G1269A": (["G1269A"], False, ""),
    "I1171N": (["I1171N"], False, ""),
    "CIS": (["G1202R", "L1196M"], True, ""),
    "NOMUT": ([], False, ""),
    "NOMUTIHC": ([], False, "positive"),
    "L1196MIHC": (["L1196M"], False, "positive"),
}
HEAD = "sample\talk_status\tprogressed_on\tabcb1_ihc"
HEADER = """##fileformat=VCFv4.2
##FILTER=<ID=PASS,Description="All filters passed">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles in the order listed">
##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions of alternate alleles in the tumor">
##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phasing set">
##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth; some reads may have been filtered">
##INFO=<ID=TLOD,Number=A,Type=Float,Description="Log 10 likelihood ratio score of variant existing versus not existing">
##MutectVersion=2.2
##contig=<ID=chr2,length=242193529>
##reference=file:///ref/Homo_sapiens_assembly38.fasta
##source=Mutect2
"""
SV_HEADER = """##fileformat=VCFv4.2
##FILTER=<ID=PASS,Description="All filters passed">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=PR,Number=.,Type=Integer,Description="Spanning paired-read support for the ref and alt alleles">
##FORMAT=<ID=SR,Number=.,Type=Integer,Description="Split reads for the ref and alt alleles">
##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">
##INFO=<ID=MATEID,Number=.,Type=String,Description="ID of mate breakends">
##contig=<ID=chr2,length=242193529>
##source=Manta
"""


def main() -> None:
    for name, (changes, cis, ihc) in SITUATIONS.items():
        tumours = [f"{name}_{drug}_T" for drug in DRUGS]
        samples = [s for t in tumours for s in (t, t[:-1] + "N")]
        head = HEADER + "".join(f"##normal_sample={t[:-1]}N\n" for t in tumours)
        head += "".join(f"##tumor_sample={t}\n" for t in tumours)
        fmt = "GT:AD:AF:DP:PS" if cis else "GT:AD:AF:DP"
        rows = []
        first = min(SNVS[c][0] for c in changes) if changes else 0
        for change in sorted(changes, key=lambda c: SNVS[c][0]):
            pos, ref, alt = SNVS[change]
            tum = f"0|1:80,40:0.333:120:{first}" if cis else "0/1:80,40:0.333:120"
            nor = f"0|0:60,0:0.016:60:{first}" if cis else "0/0:60,0:0.016:60"
            cells = "\t".join(f"{tum}\t{nor}" for _ in tumours)
            rows.append(f"chr2\t{pos}\t.\t{ref}\t{alt}\t.\tPASS\tDP={180 * len(tumours)};TLOD=124.00\t{fmt}\t{cells}")
        cols = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(samples)
        with open(os.path.join(HERE, f"{name}.vcf"), "w", encoding="utf-8") as out:
            out.write(head + cols + "\n" + "".join(r + "\n" for r in rows))
        sv = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(tumours) + "\n"
        cell = "\t".join("0/1:21,14:19,17" for _ in tumours)
        sv += f"chr2\t29224000\tbnd_1\tN\tN]chr2:42299000]\t.\tPASS\tSVTYPE=BND;MATEID=bnd_2\tGT:PR:SR\t{cell}\n"
        sv += f"chr2\t42299000\tbnd_2\tN\tN]chr2:29224000]\t.\tPASS\tSVTYPE=BND;MATEID=bnd_1\tGT:PR:SR\t{cell}\n"
        with open(os.path.join(HERE, f"{name}.sv.vcf"), "w", encoding="utf-8") as out:
            out.write(SV_HEADER + sv)
        rows = [f"{t}\tpositive:IHC\t{t.split('_')[1]}\t{ihc}" for t in tumours]
        with open(os.path.join(HERE, f"{name}.samples.tsv"), "w", encoding="utf-8") as out:
            out.write("\n".join([HEAD, *rows]) + "\n")


if __name__ == "__main__":
    main()
