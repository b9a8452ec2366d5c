"""Off-target candidates a VCF can show: records in the bypass genes of ../shared/kb/bypass.md and ABCB1.

Gene spans come from resources/genome/genes.tsv (rows whose role is a bypass/co-alteration gene or
P-glycoprotein). Only records overlapping one of these spans are kept, so the per-record cost for the
rest of the genome is one dictionary lookup on the chromosome name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .existing import AlleleAnnotation, ExistingAnnotations, gene_annotations
from .genome import GeneSpan, chrom_number, gene_spans
from .records import field, record, replace

BYPASS_ROLES = ("bypass/co-alteration gene", "P-glycoprotein (drug efflux)")
INFO_KEYS = ("SVTYPE", "END", "SVLEN", "CN", "CNV", "FOLD_CHANGE", "LOG2R", "log2")


@record
class BypassRecord:
    """A VCF record overlapping a bypass gene (or ABCB1), with what the sample report needs."""

    gene: str
    role: str
    chrom: str
    pos: int
    ref: str
    alts: tuple[str, ...]
    svtype: str | None
    filter: str
    info: dict[str, object] = field(default_factory=dict)
    samples: dict[str, dict[str, object]] = field(default_factory=dict)
    # per ALT allele (first ALT first): what the input's own annotation (VEP/SnpEff/BCSQ) says that allele does to
    # this gene on its MANE/canonical or protein-coding transcripts: (('stop_gained (VEP)',), ...); () for an allele
    # it says nothing of (existing.gene_consequences)
    consequences: tuple[tuple[str, ...], ...] = ()
    # per ALT allele: the highest population allele frequency the input's VEP annotation gives it (None: not given)
    population_afs: tuple[float | None, ...] = ()
    # per ALT allele: 'p.G12C, VEP', the protein change the input's annotation gives it on this gene ('' for none)
    protein_changes: tuple[str, ...] = ()
    # read from an --sv file, whose records the annotated output does not hold: a finding it makes is recorded in the
    # ##alkannotSample line (OffTargetListed=, recorded_listed.py), so that `report` on the output lists it again
    from_sv_file: bool = False

    @property
    def symbolic(self) -> bool:
        """A symbolic or breakend ALT ('<DUP>', 'C[chr7:1[') : a structural record, not an SNV or indel."""
        return is_symbolic(self.alts)

    @property
    def is_copy_number(self) -> bool:
        symbolic = any(a.startswith("<") and a[1:4] in ("DUP", "CNV", "AMP", "DEL") for a in self.alts)
        return symbolic or (self.svtype or "") in ("DUP", "CNV", "AMP", "DEL") or "CN" in self.info


@lru_cache(maxsize=None)
def bypass_spans(build: str) -> dict[str, tuple[GeneSpan, ...]]:
    """Bypass-gene spans of one build, keyed by chromosome number."""
    spans: dict[str, list[GeneSpan]] = {}
    for span in gene_spans(build):
        if span.role in BYPASS_ROLES:
            spans.setdefault(span.chrom, []).append(span)
    return {chrom: tuple(items) for chrom, items in spans.items()}


class BypassFinder:
    """Answers 'which bypass genes does this record overlap?' cheaply, caching per chromosome name."""

    def __init__(self, build: str | None):
        self._spans = bypass_spans(build) if build else {}
        self._by_name: dict[str, tuple[GeneSpan, ...]] = {}

    def spans_on(self, chrom: str) -> tuple[GeneSpan, ...]:
        """The bypass-gene spans on a chromosome (by the file's own name for it)."""
        spans = self._by_name.get(chrom)
        if spans is None:
            spans = self._by_name[chrom] = self._spans.get(chrom_number(chrom), ())
        return spans

    def genes(self, chrom: str, start0: int, stop: int) -> tuple[GeneSpan, ...]:
        spans = self.spans_on(chrom)
        if not spans:
            return ()
        return tuple(s for s in spans if s.start <= stop and start0 < s.end)


def is_symbolic(alts: tuple[str, ...]) -> bool:
    """Whether an ALT is symbolic ('<DEL>') or a breakend ('C[chr7:1[')."""
    return any(a.startswith("<") or "[" in a or "]" in a for a in alts)


def bypass_record(
    span: GeneSpan, rec, samples: dict[str, dict[str, object]], annotations: ExistingAnnotations | None = None
) -> BypassRecord:
    """A BypassRecord from a pysam.VariantRecord; `annotations`: the input's other-annotator keys, read once from
    its header (None: the record's consequences are not read)."""
    info: dict[str, object] = {}
    for key in INFO_KEYS:
        if key in rec.header.info:
            try:
                if key in rec.info:
                    info[key] = rec.info[key]
            except (ValueError, KeyError):
                continue
    svtype = info.get("SVTYPE")
    alts = tuple(a or "" for a in (rec.alts or ()))
    symbolic = is_symbolic(alts)
    return BypassRecord(
        span.gene,
        span.role,
        rec.chrom,
        rec.pos,
        rec.ref or "N",
        alts,
        str(svtype) if svtype else None,
        ";".join(rec.filter.keys()) or ".",
        info,
        samples,
        *_annotated(annotations, rec, span, symbolic),
    )


def _annotated(annotations: ExistingAnnotations | None, rec, span: GeneSpan, symbolic: bool):
    """(consequences, population_afs, protein_changes) per ALT allele, from one read of the input's annotation
    (existing.gene_annotations); empty for a symbolic record or where the annotation is not read."""
    said: tuple[AlleleAnnotation, ...] = (
        () if symbolic or annotations is None else gene_annotations(annotations, rec, span.gene, span.mane)
    )
    return tuple(a.consequences for a in said), tuple(a.population_af for a in said), tuple(a.protein for a in said)


def alk_copy_number_records(build: str, rec, alts, samples) -> list[BypassRecord]:
    """The record, as a BypassRecord of gene ALK, when it is a copy-number record (copynumber.py) overlapping
    the ALK kinase domain in `build`; else nothing. Kept apart from the bypass genes: ALK is on-target.
    `samples()` gives the record's FORMAT values (asked only for such a record)."""
    from .copynumber import alk_kinase_span, is_copy_number_record

    svtype = rec.info.get("SVTYPE") if "SVTYPE" in rec.header.info else None
    copy_number = is_copy_number_record(alts, str(svtype) if svtype else None)
    joined = None if copy_number else breakend_deletion_end(rec, alts)
    if not copy_number and joined is None:
        return []
    _, lo, hi = alk_kinase_span(build)
    stop = joined or _stop(rec, alts)
    if not (rec.start < hi and stop >= lo):
        return []
    span = next(s for s in gene_spans(build) if s.gene == "ALK")
    found = bypass_record(span, rec, samples())
    if joined:  # a deletion written as a breakend pair: read as the <DEL> it is (svtype DEL, END its last lost base)
        found = replace(found, svtype="DEL", info={**found.info, "END": joined})
    elif "END" not in found.info and stop > rec.pos:  # htslib reads END into the record's stop, not its INFO
        found.info["END"] = stop
    return [found]


_DELETION_JOIN = r"[A-Za-z]+\[([^\[\]:]+):([0-9]+)\["  # compiled at its first use (re's cache; issue 13)


def breakend_deletion_end(rec, alts) -> int | None:
    """The last lost base where the record is the first breakend of a deletion written as a breakend pair, as GRIDSS
    and SvABA write every deletion: 'C[chr2:29220801[' joins this record's base to a later base of the same
    chromosome, so the bases between are lost (VCF 4.2, 5.4: t[p[); None otherwise. Its mate (']chr2:29220740]A')
    names the same deletion and is not read (pipeline review of stop 36, finding 13: read as a rearrangement only,
    the tumour ALK-mutation-negative)."""
    if len(alts) != 1:
        return None
    joined = re.fullmatch(_DELETION_JOIN, alts[0])
    if joined is None or joined.group(1) != rec.chrom or int(joined.group(2)) <= rec.pos + 1:
        return None
    return int(joined.group(2)) - 1


def _stop(rec, alts) -> int:
    """The record's last position: htslib's (from END, or SVLEN where it reads it); a symbolic deletion with SVLEN
    and no END read from a BCF whose writer stored a length of 1 ends at POS + |SVLEN| (review of stop 37's change,
    D1: the record was dropped on the BCF path only)."""
    deletion = any((a or "").upper().startswith("<DEL") for a in alts)
    if rec.stop > rec.pos or "SVLEN" not in rec.header.info or not deletion:
        return rec.stop
    svlen = rec.info.get("SVLEN")
    svlen = svlen[0] if isinstance(svlen, tuple) and svlen else svlen
    return rec.pos + abs(svlen) if isinstance(svlen, int) else rec.stop
