"""Whether a fusion table (Arriba, STAR-Fusion) was called on the other build: a table carries coordinates but no
build, and RNA junctions lie on exon boundaries. A row whose ALK breakpoint (and EML4's, for an EML4 row) lies
exactly on an exon boundary of the other build and on none of the run's would be mapped into an intron of the run's
build, losing the EML4-ALK variant the per-variant calls use (pipeline review of stop 34, finding 2: a GRCh37 Arriba
table beside a GRCh38 VCF gave `EML4::ALK ... ALK:intron4`, exit 0). Exit 3, naming the row."""

from __future__ import annotations

from functools import lru_cache

from .errors import InputError
from .genome import chrom_number
from .transcript import BUILDS, EXON_TABLES, exon_rows


@lru_cache(maxsize=None)
def exon_boundaries(gene: str, build: str) -> frozenset[int]:
    """Every exon's first and last base (genomic, 1-based) of a gene whose exon table is bundled (ALK, EML4)."""
    return frozenset(int(r[side]) for r in exon_rows(gene, build) for side in ("start", "end"))


def _sides(ev) -> list[tuple[str, str, int]]:
    """(gene, chrom, pos) of the row's ALK and EML4 breakpoints (the genes with bundled exon tables), as named."""
    found = []
    for gene, chrom, pos in ((ev.gene5, ev.chrom5, ev.pos5), (ev.gene3, ev.chrom3, ev.pos3)):
        name = gene.upper()
        if name in EXON_TABLES and chrom_number(chrom) == "2":
            found.append((name, chrom, pos))
    return found


def check_fusion_table_build(build: str | None, table_rows) -> None:
    """Exit 3 for the first row that fits the other build's exon boundaries and none of `build`'s (an ALK row only:
    the others are not read)."""
    if build not in BUILDS:
        return
    other = next(b for b in BUILDS if b != build)
    for ev in table_rows:
        sides = _sides(ev)
        if not any(gene == "ALK" for gene, _, _ in sides):
            continue
        here = [pos in exon_boundaries(gene, build) for gene, _, pos in sides]
        there = [pos in exon_boundaries(gene, other) for gene, _, pos in sides]
        if all(there) and not any(here):
            named = ", ".join(f"{gene} {chrom}:{pos}" for gene, chrom, pos in sides)
            raise InputError(
                f"its breakpoints ({named}) lie on {other} exon boundaries and on none of {build}'s, the main "
                f"input's build: give the fusion table called on {build}",
                ev.source,
                ev.line,
            )


__all__ = ["check_fusion_table_build", "exon_boundaries"]
