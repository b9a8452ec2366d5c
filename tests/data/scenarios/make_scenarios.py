#!/usr/bin/env python3
"""Writes the per-sample verdict scenarios of CONTRACT.md version 2 in both builds (tests/test_scenarios.py).

Each scenario is one patient: a Mutect2-style tumour/normal VCF (or a sites-only VCF, or one with an unrelated
<DEL>), optionally an SV VCF (Manta-style, or SvABA-style with samples named by BAM path), one row of the shared
sample sheet, and the expected report columns in expected.tsv. Run as the held-out checks run:

    alkannot annotate GRCh38/NAME.vcf [--sv GRCh38/NAME.sv.vcf] --tumor NAME_T --samples samples.tsv --report PREFIX

ALK SNVs are real: positions and alleles were checked against NM_004304.5 with alkannot.api.map_variant and
against ../shared/reference/check_variants.tsv (CIViC/ClinGen coordinates; GRCh37 = GRCh38 + 222866 inside
ALK, + 227140 inside EML4). The REF-mismatch record deliberately writes A where the reference has C.

    python3 tests/data/scenarios/make_scenarios.py
"""
from __future__ import annotations

import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ALK_OFFSET, EML4_OFFSET = 222866, 227140
BUILD = {
    "GRCh38": {"chr2": "chr2", "len2": 242193529, "reference": "file:///ref/Homo_sapiens_assembly38.fasta"},
    "GRCh37": {"chr2": "2", "len2": 243199373, "reference": "file:///ref/human_g1k_v37.fasta"},
}
# GRCh38 (pos, ref, alt) of real ALK changes (CIViC / ClinGen coordinates, see the module docstring)
SNVS = {"G1202R": (29220747, "C", "T"), "L1196M": (29220765, "G", "T"), "R1275Q": (29209798, "C", "T"),
        "L1240S": (29214008, "A", "G"), "G1202R_ref_mismatch": (29220747, "A", "T")}
EML4_ALK_V1 = (29224000, 42299000)        # ALK intron 19, EML4 intron 13 (GRCh38)
UNRELATED_BND = (60_000_000, 61_500_000)  # chr2 breakends far from ALK and EML4 (GRCh38)
INHIBITORS = ("crizotinib", "ceritinib", "alectinib", "brigatinib", "ensartinib", "lorlatinib")

# name: (mutations [(change, ref reads, alt reads)], vcf kind, sv kind, sheet (alk_status, progressed_on, abcb1_ihc),
#        expected (fusion, mechanism, pgp_check, alk_mutations), expected inhibitor calls {inhibitor: category})
SCENARIOS = {
    "S01": ([("L1196M", 80, 40)], "paired", "manta", ("positive:IHC", "crizotinib;ceritinib", ""),
            ("positive", "unexplained", "recommended", "L1196M"), {"ceritinib": "resistant"}),
    "S02": ([("L1196M", 80, 40)], "paired", "manta", ("positive:IHC", "crizotinib", ""),
            ("positive", "on_target", "not_indicated", "L1196M"), {"crizotinib": "resistant"}),
    "S03": ([], "paired", "manta", ("positive:IHC", "alectinib", ""),
            ("positive", "unexplained", "low_yield", ""), {"alectinib": "resistant", "lorlatinib": "unknown"}),
    "S04": ([], "paired", "manta", ("positive:IHC", "lorlatinib", ""),
            ("positive", "unexplained", "low_yield", ""), {"lorlatinib": "resistant", "alectinib": "unknown"}),
    "S05": ([], "paired", "manta", ("positive:FISH", "Xalkori;Zykadia", ""),
            ("positive", "unexplained", "recommended", ""), {"crizotinib": "resistant", "ceritinib": "resistant"}),
    "S06": ([], "paired", "manta", ("positive:IHC", "crizotinib", ""),
            ("positive", "unexplained", "recommended", ""), {"crizotinib": "resistant"}),
    "S07": ([("G1202R", 0, 0)], "sites_only", None, ("positive:IHC", "alectinib", ""),
            ("positive_external", "on_target", "not_indicated", "G1202R"), {"alectinib": "resistant"}),
    "S08": ([], "paired_lone_del", None, ("", "PF-02341066", ""),
            ("not_assessed", "unexplained", "not_indicated", ""), {"crizotinib": "resistant"}),
    "S09": ([], "paired", "svaba", ("", "crizotinib", ""),
            ("positive", "unexplained", "recommended", ""), {"crizotinib": "resistant"}),
    "S10": ([("G1202R_ref_mismatch", 70, 35)], "paired", "manta", ("positive:IHC", "crizotinib", ""),
            ("positive", "unexplained", "recommended", "REF mismatch at c.3604 in codon 1202"),
            {"crizotinib": "resistant", "alectinib": "unknown"}),
    "S11": ([("R1275Q", 60, 30)], "paired", "manta", ("positive:IHC", "crizotinib", ""),
            ("positive", "unexplained", "recommended", "R1275Q"), {"crizotinib": "resistant"}),
    "S12": ([("L1196M", 80, 40)], "paired", "manta", ("positive:IHC", "", ""),
            ("positive", "on_target", "if_progressed", "L1196M"), {"crizotinib": "resistant", "ceritinib": "sensitive"}),
    "S13": ([("G1202R", 80, 40)], "paired", "manta", ("positive:IHC", "", ""),
            ("positive", "on_target", "not_indicated", "G1202R"), {"crizotinib": "resistant", "lorlatinib": "sensitive"}),
    "S14": ([], "paired", "manta", ("positive:IHC", "AP26113", ""),
            ("positive", "unexplained", "recommended", ""), {"brigatinib": "resistant"}),
    "S15": ([], "paired", "manta", ("positive:IHC", "Ensacove", ""),
            ("positive", "unexplained", "recommended", ""), {"ensartinib": "resistant"}),
    "S16": ([("G1202R", 80, 40)], "paired", "manta", ("positive:IHC", "Alecensa", ""),
            ("positive", "on_target", "not_indicated", "G1202R"), {"alectinib": "resistant", "lorlatinib": "sensitive"}),
    "S17": ([("L1240S", 70, 30)], "paired", "manta_unrelated", ("", "crizotinib", ""),
            ("negative", "on_target_possible", "not_indicated", "L1240S"), {"crizotinib": "resistant"}),
    "S18": ([], "paired", "manta", ("positive:IHC", "crizotinib;ceritinib", "negative"),
            ("positive", "unexplained", "not_indicated", ""), {"ceritinib": "resistant"}),
    "S19": ([("G1202R", 80, 40)], "paired", "manta", ("positive:IHC", "alectinib;lorlatinib", ""),
            ("positive", "on_target_possible", "low_yield", "G1202R"), {"lorlatinib": "resistant"}),
}


def pos_in(build: str, pos38: int, offset: int) -> int:
    return pos38 if build == "GRCh38" else pos38 + offset


def _header(build: str, samples: list[str], tumour: str | None, extra: list[str] = ()) -> list[str]:
    b = BUILD[build]
    lines = ["##fileformat=VCFv4.2", '##FILTER=<ID=PASS,Description="All filters passed">']
    if samples:
        lines += ['##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles in the order listed">',
                  '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions of alternate alleles in the tumor">',
                  '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth">',
                  '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">']
    lines += ['##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth; some reads may have been filtered">',
              '##INFO=<ID=TLOD,Number=A,Type=Float,Description="Log 10 likelihood ratio score of variant existing versus not existing">',
              *extra, "##MutectVersion=2.2", f"##contig=<ID={b['chr2']},length={b['len2']}>"]
    if len(samples) == 2:
        lines += [f"##normal_sample={samples[1]}"]
    lines += [f"##reference={b['reference']}", "##source=Mutect2"]
    if tumour and len(samples) == 2:
        lines += [f"##tumor_sample={tumour}"]
    columns = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO"
    return lines + [columns + ("\tFORMAT\t" + "\t".join(samples) if samples else "")]


def snv_vcf(build: str, name: str) -> str:
    mutations, kind = SCENARIOS[name][0], SCENARIOS[name][1]
    chrom = BUILD[build]["chr2"]
    tumour, normal = f"{name}_T", f"{name}_N"
    samples = [] if kind == "sites_only" else [tumour, normal]
    extra = []
    if kind == "paired_lone_del":
        extra = ['##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">',
                 '##INFO=<ID=END,Number=1,Type=Integer,Description="End position of the variant">',
                 '##INFO=<ID=SVLEN,Number=.,Type=Integer,Description="Difference in length between REF and ALT alleles">',
                 '##ALT=<ID=DEL,Description="Deletion">']
    lines = _header(build, samples, tumour, extra)
    records = []
    for change, ref_reads, alt_reads in mutations:
        pos38, ref, alt = SNVS[change]
        pos = pos_in(build, pos38, ALK_OFFSET)
        if kind == "sites_only":
            records.append((pos, f"{chrom}\t{pos}\t.\t{ref}\t{alt}\t.\tPASS\tTLOD=40.2"))
            continue
        depth = ref_reads + alt_reads
        tumour_col = f"0/1:{ref_reads},{alt_reads}:{round(alt_reads / depth, 3)}:{depth}"
        records.append((pos, f"{chrom}\t{pos}\t.\t{ref}\t{alt}\t.\tPASS\tDP={depth + 60};TLOD={alt_reads * 3.1:.2f}\t"
                             f"GT:AD:AF:DP\t{tumour_col}\t0/0:60,0:0.016:60"))
    if kind == "paired_lone_del":   # an unrelated deletion a small-variant pipeline may emit
        start = UNRELATED_BND[0] if build == "GRCh38" else UNRELATED_BND[0] + 227000
        records.append((start, f"{chrom}\t{start}\t.\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END={start + 1200};SVLEN=-1200\t"
                               "GT:AD:AF:DP\t0/1:30,12:0.286:42\t0/0:40,0:0.02:40"))
    lines += [r for _, r in sorted(records)]
    return "\n".join(lines) + "\n"


def sv_vcf(build: str, name: str) -> str | None:
    kind = SCENARIOS[name][2]
    if kind is None:
        return None
    b = BUILD[build]
    chrom = b["chr2"]
    if kind == "svaba":   # SvABA names samples by BAM path and writes no ##tumor_sample
        samples = [f"/data/bams/{name}_normal.bam", f"/data/bams/{name}_tumour.bam"]
        source = "##source=svaba"
    else:
        samples = [f"{name}_T"]
        source = "##source=GenerateSVCandidates 1.6.0 (Manta)"
    if kind == "manta_unrelated":
        first, second = (pos_in(build, p, 227000) for p in UNRELATED_BND)
    else:
        first, second = pos_in(build, EML4_ALK_V1[0], ALK_OFFSET), pos_in(build, EML4_ALK_V1[1], EML4_OFFSET)
    lines = ["##fileformat=VCFv4.1", source, f"##reference={b['reference']}",
             f"##contig=<ID={chrom},length={b['len2']}>",
             '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">',
             '##INFO=<ID=MATEID,Number=.,Type=String,Description="ID of mate breakend">',
             '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
             '##FORMAT=<ID=PR,Number=.,Type=Integer,Description="Spanning paired-read support for the ref and alt alleles">',
             '##FORMAT=<ID=SR,Number=.,Type=Integer,Description="Split reads for the ref and alt alleles">',
             "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(samples)]
    support = ["0/0:30,0:28,0", "0/1:21,14:19,17"] if kind == "svaba" else ["0/1:21,14:19,17"]
    fmt = "GT:PR:SR\t" + "\t".join(support)
    low, high = sorted((first, second))
    lines += [f"{chrom}\t{low}\tbnd_{name}_1\tN\tN]{chrom}:{high}]\t.\tPASS\tSVTYPE=BND;MATEID=bnd_{name}_2\t{fmt}",
              f"{chrom}\t{high}\tbnd_{name}_2\tN\tN]{chrom}:{low}]\t.\tPASS\tSVTYPE=BND;MATEID=bnd_{name}_1\t{fmt}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    sheet = [("sample", "alk_status", "progressed_on", "abcb1_ihc")]
    expected = [("scenario", "tumor", "sv", "fusion", "mechanism", "pgp_check", "alk_mutations")
                + tuple(INHIBITORS)]
    for name, (_, kind, sv, row, outcome, calls) in SCENARIOS.items():
        tumour = f"{name}_T"
        sheet.append((tumour, *row))
        expected.append((name, tumour, "yes" if sv else "", *outcome) + tuple(calls.get(i, "") for i in INHIBITORS))
    for build in BUILD:
        folder = os.path.join(HERE, build)
        os.makedirs(folder, exist_ok=True)
        for name in SCENARIOS:
            with open(os.path.join(folder, f"{name}.vcf"), "w") as handle:
                handle.write(snv_vcf(build, name))
            sv = sv_vcf(build, name)
            if sv:
                with open(os.path.join(folder, f"{name}.sv.vcf"), "w") as handle:
                    handle.write(sv)
    for filename, rows in (("samples.tsv", sheet), ("expected.tsv", expected)):
        with open(os.path.join(HERE, filename), "w", newline="") as handle:
            csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(rows)


if __name__ == "__main__":
    main()
