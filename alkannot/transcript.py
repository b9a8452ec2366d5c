"""The NM_004304.5 transcript model: genomic <-> transcript <-> c. coordinates, and known sequence.

Pure: everything is built once from the bundled resource files; no I/O after loading.
Coordinates are 1-based, inclusive. "Transcript order" means 5'->3' on the transcript strand.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from .bundle import read_fasta, read_tsv
from .records import derived, record
from .table_cache import table

BUILDS = ("GRCh37", "GRCh38")
COMPLEMENT = str.maketrans("ACGTNacgtn", "TGCANtgcan")

CODON_TABLE = {
    a + b + c: aa
    for (a, b, c), aa in zip(
        ((x, y, z) for x in "TCAG" for y in "TCAG" for z in "TCAG"),
        "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG",
    )
}
ONE_LETTER_STOP = "*"  # CODON_TABLE's stop


def reverse_complement(seq: str) -> str:
    return seq.translate(COMPLEMENT)[::-1]


def translate(cds: str) -> str:
    """Translate codon by codon; an incomplete last codon is dropped, unknown codons give 'X'."""
    return "".join(CODON_TABLE.get(cds[i : i + 3], "X") for i in range(0, len(cds) - 2, 3))


@record(frozen=True)
class Exon:
    """An exon of the ALK transcript on one build."""

    number: int
    start: int  # genomic, start <= end
    end: int
    tx_start: int  # position in the mature transcript of the exon's 5' base
    tx_end: int


@record(frozen=True)
class CPos:
    """A c. position: base c. number (may be negative for 5'UTR), offset into an intron,
    and a flag for the 3'UTR (c.*N)."""

    base: int
    offset: int = 0
    utr3: bool = False

    def __str__(self) -> str:
        if self.utr3:
            text = f"*{self.base}"
        else:
            text = str(self.base)
        if self.offset > 0:
            text += f"+{self.offset}"
        elif self.offset < 0:
            text += f"-{-self.offset}"
        return text


@record(frozen=True)
class Transcript:
    """NM_004304.5 on one build: exons, CDS and sequence."""

    accession: str
    gene: str
    build: str
    chrom: str  # bare number, e.g. "2"
    strand: int  # +1 or -1
    exons: tuple[Exon, ...]  # transcript order
    cds_tx_start: int  # transcript position of c.1
    cds_tx_end: int  # transcript position of the last base of the stop codon
    cds: str  # coding sequence incl. stop, transcript strand
    protein: str  # without the stop

    # ---- spans -------------------------------------------------------------------------
    @derived
    def start(self) -> int:
        return min(e.start for e in self.exons)

    @derived
    def end(self) -> int:
        return max(e.end for e in self.exons)

    @property
    def cds_length(self) -> int:
        return len(self.cds)

    @property
    def exon_count(self) -> int:
        return len(self.exons)

    # ---- genomic -> transcript -----------------------------------------------------------
    def exon_at(self, pos: int) -> Exon | None:
        for exon in self.exons:
            if exon.start <= pos <= exon.end:
                return exon
        return None

    def tx_pos(self, pos: int) -> int | None:
        """Transcript position of an exonic genomic position, else None."""
        exon = self.exon_at(pos)
        return None if exon is None else self._tx_in_exon(exon, pos)

    def _tx_in_exon(self, exon: Exon, pos: int) -> int:
        if self.strand > 0:
            return exon.tx_start + (pos - exon.start)
        return exon.tx_start + (exon.end - pos)

    def genomic_of_tx(self, tx: int) -> int:
        for exon in self.exons:
            if exon.tx_start <= tx <= exon.tx_end:
                if self.strand > 0:
                    return exon.start + (tx - exon.tx_start)
                return exon.end - (tx - exon.tx_start)
        raise ValueError(f"transcript position {tx} outside {self.accession}")

    def c_of_tx(self, tx: int) -> CPos:
        if tx < self.cds_tx_start:
            return CPos(tx - self.cds_tx_start)
        if tx > self.cds_tx_end:
            return CPos(tx - self.cds_tx_end, utr3=True)
        return CPos(tx - self.cds_tx_start + 1)

    def tx_of_c(self, c: int) -> int:
        return self.cds_tx_start + c - 1

    def intron_at(self, pos: int) -> int | None:
        """Number of the intron containing a genomic position (intron i follows exon i), else None."""
        for i in range(len(self.exons) - 1):
            upstream, downstream = self.exons[i], self.exons[i + 1]
            if self.strand < 0:
                lo, hi = downstream.end + 1, upstream.start - 1
            else:
                lo, hi = upstream.end + 1, downstream.start - 1
            if lo <= pos <= hi:
                return i + 1
        return None

    def c_pos(self, pos: int) -> CPos | None:
        """HGVS c. position of any genomic position inside the transcript span (exon or intron)."""
        tx = self.tx_pos(pos)
        if tx is not None:
            return self.c_of_tx(tx)
        intron = self.intron_at(pos)
        if intron is None:
            return None
        upstream, downstream = self.exons[intron - 1], self.exons[intron]
        if self.strand < 0:
            to_donor = upstream.start - pos  # bases past the 3' end of the upstream exon
            to_acceptor = pos - downstream.end  # bases before the 5' end of the downstream exon
        else:
            to_donor = pos - upstream.end
            to_acceptor = downstream.start - pos
        if to_donor <= to_acceptor:  # HGVS: the middle base of an odd intron takes '+'
            anchor = self.c_of_tx(upstream.tx_end)
            return CPos(anchor.base, to_donor, anchor.utr3)
        anchor = self.c_of_tx(downstream.tx_start)
        return CPos(anchor.base, -to_acceptor, anchor.utr3)

    def splice_distance(self, pos: int) -> tuple[str, int] | None:
        """For an intronic position: ('donor', n) for c.N+n or ('acceptor', n) for c.N-n."""
        cpos = self.c_pos(pos)
        if cpos is None or cpos.offset == 0:
            return None
        return ("donor", cpos.offset) if cpos.offset > 0 else ("acceptor", -cpos.offset)

    def exon_edge_distance(self, pos: int) -> tuple[int, int] | None:
        """For an exonic position: distances (from the exon's 5' end, to its 3' end), 0-based,
        counting only edges that are splice junctions (transcript ends return a large number)."""
        exon = self.exon_at(pos)
        if exon is None:
            return None
        tx = self._tx_in_exon(exon, pos)
        far = 10**9
        from_5 = tx - exon.tx_start if exon.number > 1 else far
        to_3 = exon.tx_end - tx if exon.number < self.exon_count else far
        return from_5, to_3

    # ---- sequence ----------------------------------------------------------------------
    @derived
    def known_runs(self) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """The bases the bundled data know (the CDS, and exons 20-28's intron flanks for ALK), all within the
        transcript's span: the first positions of maximal runs of known positions, ascending, and each run's
        plus-strand bases. Made at the first look at a base inside the span, so a build whose span no record reaches
        (the other build's, on most inputs) never makes them; a run per exon, not a base per position (issue 13)."""
        return _known_runs(self)

    @derived
    def reference_translation(self) -> str | None:
        """translate(cds) where it is the protein and its stop, else None (consequence.mutant_protein translates
        only the changed codons against it). Kept with the transcript in the knowledge base's cache (issue 13)."""
        full = translate(self.cds)
        return full if full == self.protein + ONE_LETTER_STOP else None

    @derived
    def known_bases(self) -> dict[int, str]:
        """Genomic position -> plus-strand base, where the bundled data know it (known_runs, base by base)."""
        firsts, runs = self.known_runs
        return {first + i: base for first, run in zip(firsts, runs) for i, base in enumerate(run)}

    def ref_base(self, pos: int) -> str | None:
        """Plus-strand reference base at a genomic position, where the bundled data know it."""
        if pos < self.start or pos > self.end:  # no known base outside the span
            return None
        firsts, runs = self.known_runs
        at = bisect_right(firsts, pos) - 1
        return runs[at][pos - firsts[at]] if at >= 0 and pos - firsts[at] < len(runs[at]) else None

    def ref_seq(self, start: int, end: int) -> str | None:
        """The plus-strand bases start..end where the bundled data know every one ('' for an empty range)."""
        if start > end:
            return ""
        if start < self.start or end > self.end:  # a base outside the span: unknown
            return None
        firsts, runs = self.known_runs
        at = bisect_right(firsts, start) - 1  # the runs are maximal: a known range lies in one
        if at < 0 or end - firsts[at] >= len(runs[at]):
            return None
        return runs[at][start - firsts[at] : end - firsts[at] + 1]


def _exons_from_rows(rows: list[dict]) -> tuple[Exon, ...]:
    exons = []
    tx = 1
    for row in sorted(rows, key=lambda r: int(r["exon"])):
        start, end = int(row["start"]), int(row["end"])
        length = end - start + 1
        exons.append(Exon(int(row["exon"]), start, end, tx, tx + length - 1))
        tx += length
    return tuple(exons)


def _bare_chrom(name: str) -> str:
    return name[3:] if name.lower().startswith("chr") else name


EXON_TABLES = {"ALK": "alk_exons.tsv", "EML4": "eml4_exons.tsv"}


@lru_cache(maxsize=None)
def exon_rows(gene: str, build: str) -> tuple[dict[str, str], ...]:
    """The rows of a bundled exon table (resources/transcript/*_exons.tsv) for one build; () for a gene with
    none bundled. The one place those tables are read."""
    name = EXON_TABLES.get(gene)
    return tuple(r for r in transcript_table(name) if r["build"] == build) if name else ()


@lru_cache(maxsize=None)
def transcript_table(name: str) -> tuple[dict[str, str], ...]:
    """A bundled transcript table's rows, read once a process: both builds' models read the same files (issue 13)."""
    return tuple(read_tsv("transcript", name))


@lru_cache(maxsize=None)
def _sequence(name: str) -> str:
    """A bundled FASTA's sequence, read once a process."""
    return read_fasta("transcript", name)


def load_transcript(build: str, gene: str = "ALK") -> Transcript:
    """The bundled transcript model (ALK NM_004304.5 or EML4 NM_019063.5) for a build, made once (table_cache: kept
    with the knowledge base's cache)."""
    return table(("transcript", build, gene), lambda: transcript_made(build, gene))


def transcript_made(build: str, gene: str = "ALK") -> Transcript:
    """`load_transcript`, made afresh from the bundled tables."""
    if build not in BUILDS:
        raise ValueError(f"unknown build {build!r}")
    cds_file, prot_file = {"ALK": ("alk_cds.fa", "alk_protein.fa"), "EML4": ("eml4_cds.fa", "eml4_protein.fa")}[gene]
    rows = list(exon_rows(gene, build))
    summary = next(r for r in transcript_table("transcripts.tsv") if r["build"] == build and r["gene"] == gene)
    strand = -1 if rows[0]["strand"] == "-" else 1
    exons = _exons_from_rows(rows)
    cds, protein = _sequence(cds_file), _sequence(prot_file)
    provisional = Transcript(
        summary["transcript"], gene, build, _bare_chrom(rows[0]["chrom"]), strand, exons, 0, 0, cds, protein
    )
    cds_tx_start = _exonic_tx_pos(provisional, summary, "cds_first_base_c1")
    cds_tx_end = _exonic_tx_pos(provisional, summary, "cds_last_base_stop")
    return Transcript(
        summary["transcript"], gene, build, provisional.chrom, strand, exons, cds_tx_start, cds_tx_end, cds, protein
    )


def _exonic_tx_pos(transcript: Transcript, summary: dict[str, str], column: str) -> int:
    """Transcript position of a CDS bound from transcripts.tsv; the bound must lie in a bundled exon."""
    tx = transcript.tx_pos(int(summary[column]))
    if tx is None:
        raise ValueError(f"transcripts.tsv {column} {summary[column]} is outside the {transcript.gene} exons")
    return tx


def _known_runs(transcript: Transcript) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Transcript.known_runs: the CDS exon by exon, one slice each, then ALK's flanked exons 20-28 (transcript strand:
    [left flank][exon][right flank]), each checked against the bases before it; overlapping and adjacent runs joined."""
    runs: list[tuple[int, str]] = []
    cds, cds_tx_start = transcript.cds, transcript.cds_tx_start
    for exon in transcript.exons:
        first, last = max(exon.tx_start, cds_tx_start), min(exon.tx_end, cds_tx_start + len(cds) - 1)
        if first > last:
            continue
        bases = cds[first - cds_tx_start : last - cds_tx_start + 1]
        if transcript.strand > 0:
            runs.append((exon.start + (first - exon.tx_start), bases))
        else:
            runs.append((exon.end - (first - exon.tx_start) - len(bases) + 1, bases.translate(COMPLEMENT)[::-1]))
    runs.sort()
    if transcript.gene == "ALK":
        by_number = {e.number: e for e in transcript.exons}
        for row in transcript_table("alk_exon20_28_flanked.tsv"):
            exon = by_number[int(row["exon"])]
            seq, left = row["sequence_with_flanks"].upper(), int(row["flank_left"])
            if transcript.strand < 0:
                flanked = (exon.end + left - len(seq) + 1, seq.translate(COMPLEMENT)[::-1])
            else:
                flanked = (exon.start - left, seq)
            runs = _joined(runs, flanked, exon.number)
    return tuple(first for first, _ in runs), tuple(run for _, run in runs)


def _joined(runs: list[tuple[int, str]], new: tuple[int, str], exon_number: int) -> list[tuple[int, str]]:
    """`runs` (disjoint, ascending) with the run `new` added: a base it gives that a run already knows otherwise is a
    broken bundle (ValueError naming the flanked exon and the first such position); the runs it overlaps or touches
    joined with it into one."""
    first, bases = new
    last = first + len(bases) - 1
    touching = [(f, r) for f, r in runs if f <= last + 1 and f + len(r) - 1 >= first - 1]
    clash = [
        f + i
        for f, r in touching
        for i, base in enumerate(r)
        if first <= f + i <= last and bases[f + i - first] != base
    ]
    if clash:
        raise ValueError(f"flanked exon {exon_number} disagrees with the CDS at {min(clash)}")
    low = min([first] + [f for f, _ in touching])
    high = max([last] + [f + len(r) - 1 for f, r in touching])
    joined = ["" for _ in range(high - low + 1)]
    for f, r in [*touching, new]:
        joined[f - low : f - low + len(r)] = r
    kept = [run for run in runs if run not in touching]
    return sorted([*kept, (low, "".join(joined))])


# ---------------------------------------------------------------- named protein regions
@lru_cache(maxsize=None)
def protein_regions() -> tuple[tuple[str, int, int], ...]:
    """(name, first residue, last residue) of ALK's named regions (resources/transcript/regions.tsv): the
    one place the kinase-domain bounds are read from."""
    return tuple((r["region"], int(r["aa_start"]), int(r["aa_end"])) for r in read_tsv("transcript", "regions.tsv"))


def region_of_residue(aa: int | None) -> str:
    if aa is None:
        return "."
    for name, lo, hi in protein_regions():
        if lo <= aa <= hi:
            return name
    return "."


def kinase_domain() -> tuple[int, int]:
    """First and last residue of the ALK kinase domain."""
    for name, lo, hi in protein_regions():
        if name == "kinase_domain":
            return lo, hi
    raise LookupError("kinase_domain missing from resources/transcript/regions.tsv")
