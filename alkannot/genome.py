"""Genome builds and chromosome names: detect the build of an input, understand chr2/2/NC_000002.x."""

from __future__ import annotations

import re
from functools import lru_cache

from .bundle import read_tsv
from .records import record
from .table_cache import table


@lru_cache(maxsize=None)
def _refseq() -> re.Pattern[str]:
    """A RefSeq chromosome's accession; compiled at its first use, as `_genbank` (a name that does not start as one
    never needs it; each costs about 0.3 M instructions to compile, issue 13)."""
    return re.compile(r"^NC_0+(\d+)\.(\d+)$")


@lru_cache(maxsize=None)
def _genbank() -> re.Pattern[str]:
    """GenBank accessions of the GRC chromosomes, CM000663 (chr1) to CM000686 (chrY), any version: GRCh37 has .1,
    GRCh38 .2 for chromosome 2 (resources/genome/assemblies.tsv and PROVENANCE.md)."""
    return re.compile(r"^CM0006(6[3-9]|7\d|8[0-6])\.\d+$")


@record(frozen=True)
class Assembly:
    """A genome build as alkannot recognises it: chromosome 2's RefSeq and GenBank accessions, length and
    aliases."""

    build: str
    chrom2_refseq: str
    chrom2_genbank: str
    chrom2_length: int
    aliases: tuple[str, ...]


@lru_cache(maxsize=None)
def assemblies() -> tuple[Assembly, ...]:
    return tuple(
        Assembly(
            r["build"],
            r["chrom_refseq"],
            r["chrom2_genbank"],
            int(r["chrom2_length"]),
            tuple(a.lower() for a in r["assembly_aliases"].split(";")),
        )
        for r in read_tsv("genome", "assemblies.tsv")
    )


def chrom_number(name: str) -> str:
    """'chr2', 'Chr2', '2', 'NC_000002.12', 'CM000664.2' -> '2'; 'chrX' -> 'X'; NC_000023 -> 'X'."""
    match = _refseq().match(name) if name.startswith("NC_") else None
    if match:
        number = int(match.group(1))
        return {23: "X", 24: "Y"}.get(number, str(number))
    match = _genbank().match(name) if name.startswith("CM0006") else None
    if match:
        number = int(match.group(1)) - 62
        return {23: "X", 24: "Y"}.get(number, str(number))
    if name[:3].lower() == "chr":
        name = name[3:]
    return "MT" if name.upper() in ("M", "MT") else name.upper() if name.upper() in ("X", "Y") else name


def build_of_refseq(name: str) -> str | None:
    for assembly in assemblies():
        if name in (assembly.chrom2_refseq, assembly.chrom2_genbank):
            return assembly.build
    return None


@record(frozen=True)
class BuildEvidence:
    """The detected build (None: unknown) and why."""

    build: str | None
    reason: str
    # chromosome 2's ##contig length is neither build's (T2T-CHM13's 242696752, or a placeholder such as 2147483647)
    # and nothing else in the header names a build (pipeline review of stop 30, finding 3)
    foreign_length: bool = False


# how a build reason says chromosome 2's length is neither build's
OTHER_ASSEMBLY = "another assembly's chromosome 2, or a placeholder length"


def detect_build(contigs: dict[str, int | None], header_lines: list[str]) -> BuildEvidence:
    """Build from chr2's ##contig length, a RefSeq contig name, ##contig assembly= tags and
    ##reference. Conflicting evidence gives None with the reason."""
    votes: dict[str, list[str]] = {}
    foreign = []
    recorded: list[str] = []  # ##alkannotBuild lines
    for name, length in contigs.items():
        if chrom_number(name) != "2":
            continue
        by_name = build_of_refseq(name)
        if by_name:
            votes.setdefault(by_name, []).append(f"contig {name}")
        for assembly in assemblies():
            if length == assembly.chrom2_length:
                votes.setdefault(assembly.build, []).append(f"##contig {name} length={length}")
        if length is not None and all(length != a.chrom2_length for a in assemblies()):
            foreign.append(f"##contig {name} length={length}")

    for line in header_lines:
        low = line.lower()
        if low.startswith("##contig=") and "assembly=" in low:
            tag = re.search(r"assembly=\"?([^,>\"]+)", line, re.I)
            if tag:
                _vote_alias(votes, tag.group(1), f"assembly={tag.group(1)}")
        elif low.startswith("##reference=") or low.startswith("##assembly="):
            _vote_alias(votes, line.split("=", 1)[1], line.strip()[:80])
        elif low.startswith("##alkannotbuild=") and low.strip() != "##alkannotbuild=unknown":
            recorded.append(line)
    if not votes and not foreign:
        # alkannot's own earlier run, which read the build (or was given --build): its output can be reported or
        # annotated again without --build, though the input had no ##contig line (VarScan); only where nothing else
        # in the header says a build (a file lifted over after annotation keeps the old line)
        for line in recorded:
            _vote_alias(votes, line.split("=", 1)[1], line.strip()[:80] + " (an earlier alkannot run)")
    if len(votes) == 1:
        build = next(iter(votes))
        return BuildEvidence(build, "; ".join(votes[build][:3]))
    if not votes and foreign:  # another assembly's chromosome 2, or a placeholder length: nothing else says which
        known = " nor ".join(f"{a.build}'s ({a.chrom2_length})" for a in assemblies())
        return BuildEvidence(None, f"{foreign[0]} is neither {known}: {OTHER_ASSEMBLY}", foreign_length=True)
    if not votes:  # chromosome 2's length is the only one alkannot reads (pipeline review of stop 31, finding 5)
        chrom2 = (
            "chromosome 2's ##contig line gives no length"
            if any(chrom_number(name) == "2" for name in contigs)
            else "no ##contig line for chromosome 2, the one whose length alkannot reads the build from"
        )
        return BuildEvidence(None, f"{chrom2}, and no assembly tag or ##reference names a build")
    return BuildEvidence(
        None, "header evidence disagrees: " + "; ".join(f"{b}: {', '.join(v[:2])}" for b, v in sorted(votes.items()))
    )


def _vote_alias(votes: dict[str, list[str]], text: str, why: str) -> None:
    tokens = alias_tokens(text)
    stems = {alias_stem(t) for t in tokens}
    for assembly in assemblies():
        if any(
            a in tokens or a in stems or any(s.startswith(a) for s in stems if len(a) > 4) for a in assembly.aliases
        ):
            votes.setdefault(assembly.build, []).append(why)


# the characters of a word of a header's assembly name ('GRCh38_full_analysis_set.fna.gz')
_TOKEN_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_.")
_FASTA_ENDINGS = (".fasta", ".fna", ".fa")


def alias_tokens(text: str) -> set[str]:
    """The words of `text` in lower case, split at every character but an ASCII letter, digit, '_' or '.': the
    non-empty pieces of re.split(r"[^a-z0-9_.]+", text.lower()), made without a pattern to compile (issue 13)."""
    return set("".join(c if c in _TOKEN_CHARACTERS else " " for c in text.lower()).split())


def alias_stem(token: str) -> str:
    """A token without its FASTA ending ('hg38.fa.gz' -> 'hg38'): re.sub(r"\\.(fa|fasta|fna)(\\.gz)?$", "", token) for
    a token of alias_tokens (no line end), made without a pattern to compile (issue 13)."""
    base = token[:-3] if token.endswith(".gz") else token
    ending = next((e for e in _FASTA_ENDINGS if base.endswith(e)), None)
    return base[: -len(ending)] if ending else token


@lru_cache(maxsize=None)
def chrom2_lengths() -> frozenset[int]:
    """The lengths of chromosome 2 in the builds alkannot knows: a contig of another length is no lookalike."""
    return frozenset(a.chrom2_length for a in assemblies())


def chrom2_lookalike(name: str, length: int | None) -> str | None:
    """The build whose chromosome 2 has this contig's length, where the name is not one alkannot reads as
    chromosome 2 (its records would be passed over in silence); else None."""
    if length is None or chrom_number(name) == "2":
        return None
    return next((a.build for a in assemblies() if a.chrom2_length == length), None)


# ---------------------------------------------------------------- gene spans
@record(frozen=True)
class GeneSpan:
    """A gene's span on one build (resources/genes)."""

    gene: str
    chrom: str  # chromosome number as chrom_number() gives it ('7')
    start: int
    end: int
    strand: str
    role: str  # resources/genome/genes.tsv: fusion partner, bypass/co-alteration gene, ...
    # the MANE Select transcripts (column mane_select_GRCh38, the same IDs on either build), without version:
    # ('NM_000268', 'ENST00000338641'); which of another annotator's entries says what a change does to the gene
    mane: tuple[str, ...] = ()


def gene_spans(build: str) -> tuple[GeneSpan, ...]:
    """Every gene span of resources/genome/genes.tsv in one build, made once (table_cache: kept with the knowledge
    base's cache)."""
    return table(("gene spans", build), lambda: gene_spans_made(build))


def gene_spans_made(build: str) -> tuple[GeneSpan, ...]:
    """`gene_spans`, made afresh: the one place that table is read."""
    return tuple(
        GeneSpan(
            r["gene"],
            chrom_number(r["chrom"]),
            int(r["start"]),
            int(r["end"]),
            r["strand"],
            r["role"],
            tuple(t.split(".")[0] for t in (r.get("mane_select_GRCh38") or "").split("|") if t),
        )
        for r in read_tsv("genome", "genes.tsv")
        if r["build"] == build
    )
