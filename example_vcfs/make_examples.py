#!/usr/bin/env python3
"""Writes the example cohort in both builds: tumor_normal.vcf, sv.vcf, fusions.tsv (and samples.tsv).

The cohort is seven ALK-positive lung cancers at progression (patients P1-P7, tumour P#_T, normal P#_N):

  P1  G1202R after alectinib                      EML4::ALK v1 (DNA, Manta BND pair)
  P2  L1196M after crizotinib                     EML4::ALK v3 (DNA)
  P3  G1202R+L1196M in cis (PS) after lorlatinib  EML4::ALK v3 (DNA)
  P4  no ALK mutation after ceritinib             EML4::ALK v1 (DNA)        -> P-gp check recommended
  P5  no ALK mutation after alectinib             fusion by RNA (Arriba)    -> P-gp less likely; MET gain (CNVkit)
  P6  kinase-domain VUS L1240S, no sheet row      fusion-negative (SV calls, none join ALK)
  P7  C1156Y at 3% VAF after crizotinib           fusion not assessed (no SV calls, no table)

Every SNV was checked against NM_004304.5 with alkannot.api.map_variant (REF matches, protein change as
named). GRCh37 positions inside ALK are the GRCh38 ones + 222866, inside EML4 + 227140
(resources/transcript/*_exons.tsv). MET spans come from resources/genome/genes.tsv. Breakend REF
bases lie in introns/intergenic sequence not bundled with alkannot and are written as N.
The SNV VCF is made as a cohort would be: one Mutect2-style VCF per patient, then `bcftools merge`.

    python3 example_vcfs/make_examples.py      # needs bcftools on PATH
"""
from __future__ import annotations

import os
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ALK_OFFSET, EML4_OFFSET = 222866, 227140
BUILD = {
    "GRCh38": {"chr2": "chr2", "chr7": "chr7", "len2": 242193529, "len7": 159345973,
               "reference": "file:///ref/Homo_sapiens_assembly38.fasta",
               "met": (116672196, 116798377)},
    "GRCh37": {"chr2": "2", "chr7": "7", "len2": 243199373, "len7": 159138663,
               "reference": "file:///ref/human_g1k_v37.fasta",
               "met": (116312444, 116438440)},
}
# GRCh38 ALK SNVs: (pos, ref, alt, name)
SNVS = {"L1240S": (29214008, "A", "G"), "G1202R": (29220747, "C", "T"),
        "L1196M": (29220765, "G", "T"), "C1156Y": (29222392, "C", "T")}
# patient -> list of (mutation, ref reads, alt reads, phased)
CARRIED = {
    "P1": [("G1202R", 88, 41, False)],
    "P2": [("L1196M", 102, 38, False)],
    "P3": [("G1202R", 70, 30, True), ("L1196M", 72, 29, True)],
    "P4": [], "P5": [],
    "P6": [("L1240S", 61, 19, False)],
    "P7": [("C1156Y", 290, 9, False)],
}
# EML4-ALK breakends (GRCh38): ALK intron 19, EML4 intron 13 (v1) or intron 6 (v3)
FUSIONS = {"P1": (29224000, 42299000), "P2": (29224700, 42270000), "P3": (29224300, 42275000),
           "P4": (29225100, 42297500)}
SV_PATIENTS = ("P1", "P2", "P3", "P4", "P5", "P6")   # P7: no SV calling


def pos_in(build: str, pos38: int, offset: int) -> int:
    return pos38 if build == "GRCh38" else pos38 + offset


def mutect2_vcf(build: str, patient: str) -> str:
    b = BUILD[build]
    tumour, normal = f"{patient}_T", f"{patient}_N"
    lines = [
        "##fileformat=VCFv4.2",
        '##FILTER=<ID=PASS,Description="All filters passed">',
        '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles in the order listed">',
        '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions of alternate alleles in the tumor">',
        '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth (reads with MQ=255 or with bad mates are filtered)">',
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
        '##FORMAT=<ID=PGT,Number=1,Type=String,Description="Physical phasing haplotype information, describing how the alternate alleles are phased in relation to one another; will always be heterozygous and is not intended to describe called alleles">',
        '##FORMAT=<ID=PID,Number=1,Type=String,Description="Physical phasing ID information, where each unique ID within a given sample (but not across samples) connects records within a phasing group">',
        '##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phasing set (typically the position of the first variant in the set)">',
        '##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth; some reads may have been filtered">',
        '##INFO=<ID=ECNT,Number=1,Type=Integer,Description="Number of events in this haplotype">',
        '##INFO=<ID=TLOD,Number=A,Type=Float,Description="Log 10 likelihood ratio score of variant existing versus not existing">',
        "##MutectVersion=2.2",
        f"##contig=<ID={b['chr2']},length={b['len2']}>",
        f"##contig=<ID={b['chr7']},length={b['len7']}>",
        f"##normal_sample={normal}",
        f"##reference={b['reference']}",
        "##source=Mutect2",
        f"##tumor_sample={tumour}",
        f"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{tumour}\t{normal}",
    ]
    carried = CARRIED[patient]
    first = min((SNVS[m][0] for m, *_ in carried), default=None)
    for name, ref_reads, alt_reads, phased in sorted(carried, key=lambda c: SNVS[c[0]][0]):
        pos38, ref, alt = SNVS[name]
        pos = pos_in(build, pos38, ALK_OFFSET)
        first_b = pos_in(build, first, ALK_OFFSET)
        depth = ref_reads + alt_reads
        af = round(alt_reads / depth, 3)
        n_depth = 60 + alt_reads % 20
        tlod = round(alt_reads * 3.1, 2)
        info = f"DP={depth + n_depth};ECNT={len(carried)};TLOD={tlod}"
        if phased:
            pid = f"{first_b}_{SNVS[min(carried, key=lambda c: SNVS[c[0]][0])[0]][1]}_{SNVS[min(carried, key=lambda c: SNVS[c[0]][0])[0]][2]}"
            fmt = "GT:AD:AF:DP:PGT:PID:PS"
            t = f"0|1:{ref_reads},{alt_reads}:{af}:{depth}:0|1:{pid}:{first_b}"
            n = f"0|0:{n_depth},0:0.016:{n_depth}:0|1:{pid}:{first_b}"
        else:
            fmt = "GT:AD:AF:DP"
            t = f"0/1:{ref_reads},{alt_reads}:{af}:{depth}"
            n = f"0/0:{n_depth},0:0.016:{n_depth}"
        lines.append(f"{b['chr2']}\t{pos}\t.\t{ref}\t{alt}\t.\tPASS\t{info}\t{fmt}\t{t}\t{n}")
    return "\n".join(lines) + "\n"


def merged_tumor_normal(build: str, out: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for patient in CARRIED:
            path = os.path.join(tmp, f"{patient}.vcf.gz")
            raw = path[:-3]
            with open(raw, "w") as handle:
                handle.write(mutect2_vcf(build, patient))
            subprocess.run(["bcftools", "view", "-Oz", "-o", path, raw], check=True)
            subprocess.run(["bcftools", "index", path], check=True)
            paths.append(path)
        merged = subprocess.run(["bcftools", "merge", "--no-version", *paths], check=True,
                                capture_output=True, text=True).stdout
    # bcftools merge keeps only the first file's ##tumor_sample/##normal_sample lines; put back one per
    # sample, as Mutect2's multi-sample mode writes them, so the tumours and normals stay known.
    lines = [l for l in merged.splitlines() if not l.startswith(("##bcftools_", "##tumor_sample", "##normal_sample"))]
    header_end = max(i for i, l in enumerate(lines) if l.startswith("##"))
    roles = [f"##normal_sample={p}_N" for p in CARRIED] + [f"##tumor_sample={p}_T" for p in CARRIED]
    lines[header_end + 1:header_end + 1] = roles + [
        "##bcftools_mergeCommand=merge " + " ".join(f"{p}.vcf.gz" for p in CARRIED)]
    with open(out, "w") as handle:
        handle.write("\n".join(lines) + "\n")


def sv_vcf(build: str) -> str:
    b = BUILD[build]
    c2, c7 = b["chr2"], b["chr7"]
    samples = [f"{p}_T" for p in SV_PATIENTS]
    lines = [
        "##fileformat=VCFv4.1",
        "##source=GenerateSVCandidates 1.6.0 (Manta, tumour-only calls per patient) + CNVkit export vcf, merged per cohort",
        f"##reference={b['reference']}",
        f"##contig=<ID={c2},length={b['len2']}>",
        f"##contig=<ID={c7},length={b['len7']}>",
        '##INFO=<ID=IMPRECISE,Number=0,Type=Flag,Description="Imprecise structural variation">',
        '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">',
        '##INFO=<ID=SVLEN,Number=.,Type=Integer,Description="Difference in length between REF and ALT alleles">',
        '##INFO=<ID=END,Number=1,Type=Integer,Description="End position of the variant described in this record">',
        '##INFO=<ID=MATEID,Number=.,Type=String,Description="ID of mate breakend">',
        '##INFO=<ID=FOLD_CHANGE_LOG,Number=1,Type=Float,Description="Log2 fold change (CNVkit)">',
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
        '##FORMAT=<ID=PR,Number=.,Type=Integer,Description="Spanning paired-read support for the ref and alt alleles in the order listed">',
        '##FORMAT=<ID=SR,Number=.,Type=Integer,Description="Split reads for the ref and alt alleles in the order listed, for reads where P(allele|read)>0.999">',
        '##FORMAT=<ID=CN,Number=1,Type=Integer,Description="Copy number genotype for imprecise events">',
        '##ALT=<ID=DEL,Description="Deletion">',
        '##ALT=<ID=DUP,Description="Duplication">',
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(samples),
    ]
    records = []
    empty_sv = ".:."
    for n, (patient, (alk38, eml38)) in enumerate(FUSIONS.items(), start=1):
        alk, eml = pos_in(build, alk38, ALK_OFFSET), pos_in(build, eml38, EML4_OFFSET)
        cols = [f"{20 + n * 3},0:{22 + n * 2},0" for _ in samples]
        cols[samples.index(f"{patient}_T")] = f"{30 - n},{12 + n}:{28 - n},{15 + n}"
        fmt_cols = "\t".join(cols)
        a, m = f"MantaBND:{n}:0:1:0:0:0:0", f"MantaBND:{n}:0:1:0:0:0:1"
        records.append((c2, alk, f"{c2}\t{alk}\t{a}\tN\tN]{c2}:{eml}]\t.\tPASS\tSVTYPE=BND;MATEID={m}\tPR:SR\t{fmt_cols}"))
        records.append((c2, eml, f"{c2}\t{eml}\t{m}\tN\tN]{c2}:{alk}]\t.\tPASS\tSVTYPE=BND;MATEID={a}\tPR:SR\t{fmt_cols}"))
    # P6: SV calls exist, none joins ALK (an intergenic deletion on chr2)
    cols = ["25,0:20,0"] * len(samples)
    cols[samples.index("P6_T")] = "18,9:16,7"
    start = 60_000_000 if build == "GRCh38" else 60_227_000
    records.append((c2, start, f"{c2}\t{start}\tMantaDEL:9:0:1:0:0:0\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END={start + 4200};SVLEN=-4200\tPR:SR\t" + "\t".join(cols)))
    # P5: MET copy-number gain (CNVkit segment across the gene)
    met_start, met_end = b["met"]
    seg_start, seg_end = met_start - 150_000, met_end + 180_000
    cols = ["0/0:2"] * len(samples)
    cols[samples.index("P5_T")] = "0/1:9"
    records.append((c7, seg_start, f"{c7}\t{seg_start}\t.\tN\t<DUP>\t.\tPASS\tIMPRECISE;SVTYPE=DUP;END={seg_end};"
                    f"SVLEN={seg_end - seg_start};FOLD_CHANGE_LOG=2.17\tGT:CN\t" + "\t".join(cols)))
    order = {c2: 0, c7: 1}
    lines += [r[2] for r in sorted(records, key=lambda r: (order[r[0]], r[1]))]
    return "\n".join(lines) + "\n"


ARRIBA_HEADER = ("#gene1\tgene2\tstrand1(gene/fusion)\tstrand2(gene/fusion)\tbreakpoint1\tbreakpoint2\tsite1\tsite2\t"
                 "type\tsplit_reads1\tsplit_reads2\tdiscordant_mates\tcoverage1\tcoverage2\tconfidence\t"
                 "reading_frame\ttags\tretained_protein_domains\tclosest_genomic_breakpoint1\t"
                 "closest_genomic_breakpoint2\tgene_id1\tgene_id2\ttranscript_id1\ttranscript_id2\tdirection1\t"
                 "direction2\tfilters\tfusion_transcript\tpeptide_sequence\tread_identifiers")


def fusions_tsv(build: str) -> str:
    """Arriba fusions.tsv of P5's tumour RNA: EML4 exon 13 -> ALK exon 20 (v1) at the splice sites."""
    b = BUILD[build]
    eml4_exon13_end, alk_exon20_start = 42295516, 29223528   # GRCh38 exon boundaries (resources/transcript)
    e, a = pos_in(build, eml4_exon13_end, EML4_OFFSET), pos_in(build, alk_exon20_start, ALK_OFFSET)
    row = ["EML4", "ALK", "+/+", "-/-", f"{b['chr2']}:{e}", f"{b['chr2']}:{a}", "splice-site", "splice-site",
           "inversion", "21", "26", "33", "110", "92", "high", "in-frame", "Known", ".", ".", ".",
           "ENSG00000143924", "ENSG00000171094", "ENST00000318522", "ENST00000389048", "downstream",
           "downstream", ".", ".", ".", "."]
    return ARRIBA_HEADER + "\n" + "\t".join(row) + "\n"


def main() -> None:
    for build in BUILD:
        folder = os.path.join(HERE, build)
        os.makedirs(folder, exist_ok=True)
        merged_tumor_normal(build, os.path.join(folder, "tumor_normal.vcf"))
        with open(os.path.join(folder, "sv.vcf"), "w") as handle:
            handle.write(sv_vcf(build))
        with open(os.path.join(folder, "fusions.tsv"), "w") as handle:
            handle.write(fusions_tsv(build))


if __name__ == "__main__":
    main()
