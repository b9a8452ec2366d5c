#!/usr/bin/env python3
"""Write a large, realistic-looking VCF for benchmarking `alkannot annotate`.

Records are spread along chromosomes 1-22 in order (GRCh38 contig lengths in the header, so the
build is detected), with real ALK kinase-domain SNVs (G1202R, L1196M, G1269A on GRCh38) placed at
their sorted positions on chromosome 2. Deterministic for a given seed.

    python3 benchmarks/make_vcf.py 1000000 > big.vcf                 # one tumour sample
    python3 benchmarks/make_vcf.py 5000 --samples 2000 > wide.vcf     # 2,000 sample columns
    python3 benchmarks/make_vcf.py 1000000 --sv-dense > sv.vcf        # every record an SV call
    python3 benchmarks/make_vcf.py 1000000 --bgzip big.vcf.gz         # bgzipped + .tbi
    python3 benchmarks/make_vcf.py 8000 --samples 300 --bypass-dense > bp.vcf   # every record in a bypass gene

--sv-dense writes Manta-style structural variant calls (BND mate pairs, <DEL>, <DUP>, <INV>) and
one EML4-ALK variant 1 junction (EML4 intron 13 to ALK intron 19) at GRCh38 positions taken from
the bundled exon tables (resources/transcript/).

--bypass-dense writes unannotated SNVs spread evenly over the GRCh38 spans of EGFR, MET and BRAF
(resources/genome/genes.tsv): records whose consequence alkannot cannot know, each kept for the
off-target findings (a joint-called cohort's genome VCF has thousands there).
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
from pathlib import Path

GRCH38 = {
    "1": 248956422,
    "2": 242193529,
    "3": 198295559,
    "4": 190214555,
    "5": 181538259,
    "6": 170805979,
    "7": 159345973,
    "8": 145138636,
    "9": 138394717,
    "10": 133797422,
    "11": 135086622,
    "12": 133275309,
    "13": 114364328,
    "14": 107043718,
    "15": 101991189,
    "16": 90338345,
    "17": 83257441,
    "18": 80373285,
    "19": 58617616,
    "20": 64444167,
    "21": 46709983,
    "22": 50818468,
}
# GRCh38 chr2 positions of ALK kinase-domain SNVs (REF as in the genome, ALT giving the change)
ALK_SNVS = [
    (29209816, "C", "G"),  # p.G1269A c.3806G>C
    (29220747, "C", "T"),  # p.G1202R c.3604G>A
    (29220765, "G", "T"),
]  # p.L1196M c.3586C>A
ALK_SPAN = (29192774, 29921586)  # random records avoid ALK, so that REF checks stay meaningful
TRANSCRIPTS = Path(__file__).resolve().parent.parent / "resources" / "transcript"
HEADER = """##fileformat=VCFv4.2
##reference=GRCh38
{contigs}
##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">
{sv_info}##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{samples}
"""
SV_INFO = """##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">
##INFO=<ID=END,Number=1,Type=Integer,Description="End position of the variant">
##INFO=<ID=SVLEN,Number=.,Type=Integer,Description="Length of the variant">
##INFO=<ID=MATEID,Number=.,Type=String,Description="ID of mate breakend">
##ALT=<ID=DEL,Description="Deletion">
##ALT=<ID=DUP,Description="Duplication">
##ALT=<ID=INV,Description="Inversion">
"""


def _intron_middle(table: str, upstream_exon: int) -> int:
    """Middle of the GRCh38 intron after exon `upstream_exon` (transcript order)."""
    rows = {
        int(r["exon"]): r for r in csv.DictReader(open(TRANSCRIPTS / table), delimiter="\t") if r["build"] == "GRCh38"
    }
    a, b = rows[upstream_exon], rows[upstream_exon + 1]
    edges = sorted([int(a["start"]), int(a["end"]), int(b["start"]), int(b["end"])])
    return (edges[1] + edges[2]) // 2


def sample_columns(rng: random.Random, samples: int) -> str:
    """Sample columns of a many-sample VCF (GT:AD:DP)."""
    values = []
    for _ in range(samples):
        dp = rng.randrange(10, 60)
        alt = rng.randrange(0, dp // 3 + 1)
        values.append(f"{'0/1' if alt else '0/0'}:{dp - alt},{alt}:{dp}")
    return "\t".join(values)


def small_variants(rng: random.Random, n: int, samples: int, out) -> None:
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
                tumour = "0/1:176,24:200" if samples == 1 else sample_columns(rng, samples)
                lines.append(f"chr2\t{p}\t.\t{r}\t{a}\t60\tPASS\tDP=200;AF=0.12\tGT:AD:DP\t{tumour}\n")
            ref = rng.choice(bases)
            alt = rng.choice([b for b in bases if b != ref])
            dp = rng.randrange(10, 200)
            alt_reads = rng.randrange(0, dp)
            quality = rng.randrange(20, 99)
            columns = f"0/1:{dp - alt_reads},{alt_reads}:{dp}" if samples == 1 else sample_columns(rng, samples)
            lines.append(
                f"chr{chrom}\t{pos}\t.\t{ref}\t{alt}\t{quality}\tPASS\t"
                f"DP={dp};AF={alt_reads / dp:.3f}\tGT:AD:DP\t{columns}\n"
            )
        out.writelines(lines)


def sv_calls(rng: random.Random, n: int, out) -> None:
    """Manta-style SV calls, sorted; one EML4-ALK v1 junction (a BND mate pair)."""
    eml4 = _intron_middle("eml4_exons.tsv", 13)
    alk = _intron_middle("alk_exons.tsv", 19)
    records: dict[str, list[tuple[int, str]]] = {c: [] for c in GRCH38}
    fusion = [
        ("2", alk, f"fusion:0\tN\tN]chr2:{eml4}]\t99\tPASS\tSVTYPE=BND;MATEID=fusion:1"),
        ("2", eml4, f"fusion:1\tN\tN]chr2:{alk}]\t99\tPASS\tSVTYPE=BND;MATEID=fusion:0"),
    ]
    for chrom, pos, rest in fusion:
        records[chrom].append((pos, rest))
    chroms = list(GRCH38)
    weights = [GRCH38[c] for c in chroms]
    made = len(fusion)
    event = 0
    while made < n:
        chrom = rng.choices(chroms, weights)[0]
        pos = rng.randrange(1, GRCH38[chrom] - 20_000)
        if chrom == "2" and ALK_SPAN[0] - 200_000 <= pos <= ALK_SPAN[1] + 200_000:
            continue
        kind = rng.random()
        event += 1
        if kind < 0.5 and made + 2 <= n:
            other = rng.choice([c for c in chroms if c not in ("2", chrom)])
            mate = rng.randrange(1, GRCH38[other] - 1)
            records[chrom].append(
                (
                    pos,
                    f"MantaBND:{event}:0\tN\tN[chr{other}:{mate}[\t{rng.randrange(20, 99)}"
                    f"\tPASS\tSVTYPE=BND;MATEID=MantaBND:{event}:1",
                )
            )
            records[other].append(
                (
                    mate,
                    f"MantaBND:{event}:1\tN\t]chr{chrom}:{pos}]N\t{rng.randrange(20, 99)}"
                    f"\tPASS\tSVTYPE=BND;MATEID=MantaBND:{event}:0",
                )
            )
            made += 2
            continue
        svtype = "DEL" if kind < 0.75 else "DUP" if kind < 0.9 else "INV"
        length = rng.randrange(50, 10_000)
        svlen = -length if svtype == "DEL" else length
        records[chrom].append(
            (
                pos,
                f"Manta{svtype}:{event}\tN\t<{svtype}>\t{rng.randrange(20, 99)}\tPASS\t"
                f"SVTYPE={svtype};END={pos + length};SVLEN={svlen}",
            )
        )
        made += 1
    for chrom in chroms:
        out.writelines(
            f"chr{chrom}\t{pos}\t{rest}\tGT:AD:DP\t0/1:{rng.randrange(5, 40)},{rng.randrange(3, 30)}:"
            f"{rng.randrange(20, 80)}\n"
            for pos, rest in sorted(records[chrom])
        )


def bypass_variants(rng: random.Random, n: int, samples: int, out) -> None:
    """`n` unannotated SNVs evenly over EGFR, MET and BRAF (GRCh38 spans of resources/genome/genes.tsv), in order."""
    genes = Path(__file__).resolve().parent.parent / "resources" / "genome" / "genes.tsv"
    rows = [line.split("\t") for line in genes.read_text().splitlines()[1:]]
    spans = sorted((int(r[5]), int(r[6])) for r in rows if r[0] in ("EGFR", "MET", "BRAF") and r[3] == "GRCh38")
    total = sum(end - start for start, end in spans)
    for start, end in spans:
        share = max(1, round(n * (end - start) / total))
        step = (end - start) // (share + 1)
        for i in range(share):
            ref = rng.choice("ACGT")
            alt = rng.choice([b for b in "ACGT" if b != ref])
            out.write(f"chr7\t{start + (i + 1) * step}\t.\t{ref}\t{alt}\t60\tPASS\tDP=100\tGT:AD:DP\t")
            out.write(("0/1:70,30:100" if samples == 1 else sample_columns(rng, samples)) + "\n")


def main(
    n: int, seed: int = 1, out=sys.stdout, samples: int = 1, sv_dense: bool = False, bypass_dense: bool = False
) -> None:
    rng = random.Random(seed)
    names = ["TUMOR"] if samples == 1 else [f"S{i:04d}" for i in range(1, samples + 1)]
    out.write(
        HEADER.format(
            contigs="\n".join(f"##contig=<ID=chr{c},length={l}>" for c, l in GRCH38.items()),
            sv_info=SV_INFO if sv_dense else "",
            samples="\t".join(names),
        )
    )
    if sv_dense:
        sv_calls(rng, n, out)
    elif bypass_dense:
        bypass_variants(rng, n, samples, out)
    else:
        small_variants(rng, n, samples, out)


def cli(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", type=int, nargs="?", default=1_000_000)
    parser.add_argument("seed", type=int, nargs="?", default=1)
    parser.add_argument("--samples", type=int, default=1, help="sample columns (default 1)")
    parser.add_argument("--sv-dense", action="store_true", help="every record a structural variant call")
    parser.add_argument("--bypass-dense", action="store_true", help="every record an unannotated SNV in a bypass gene")
    parser.add_argument("--bgzip", metavar="PATH", help="write PATH (bgzip) and PATH.tbi instead of stdout")
    args = parser.parse_args(argv)
    if not args.bgzip:
        main(args.records, args.seed, sys.stdout, args.samples, args.sv_dense, args.bypass_dense)
        return
    with subprocess.Popen(["bgzip", "-c"], stdin=subprocess.PIPE, stdout=open(args.bgzip, "wb"), text=True) as proc:
        main(args.records, args.seed, proc.stdin, args.samples, args.sv_dense, args.bypass_dense)
        proc.stdin.close()
    if proc.returncode:
        sys.exit(f"bgzip failed ({proc.returncode})")
    subprocess.run(["tabix", "-f", "-p", "vcf", args.bgzip], check=True)


if __name__ == "__main__":
    cli(sys.argv[1:])
