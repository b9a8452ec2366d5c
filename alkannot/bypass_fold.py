"""A bypass gene's SNV/indel records that the input does not annotate, folded as they stream.

Without an annotation alkannot cannot tell an intronic SNP from KRAS G12C in these genes, so each such record is a
change of unknown consequence (offtarget.py), and a gene's more than UNASSESSED_LISTED of them, per sample, are one
entry ("336 separate records between ..."). Keeping every such record with every sample's FORMAT values made memory
grow with records x samples: 1 GB for 8,742 records x 300 samples in EGFR, MET and BRAF (pipeline review of stop 30,
finding 2). What the findings read of them is folded per gene and sample as the records stream: how many the sample
carries, the first and last position, and the first few, named; and per position, which samples counted it (one bit
each), so that a position is counted once per sample in any record order (two records at one position: a split
multi-allelic site). Memory then grows with records x samples / 8 bytes.
"""

from __future__ import annotations

from collections.abc import Callable

from .bypass import BypassRecord
from .bypass_coverage import CoverageFold
from .existing import ANNOTATED_AT, protein_altering, unclear
from .filters import passed
from .genotype import carries
from .records import record, replace

# a gene's changes of unknown consequence named one by one, up to this many per sample; more are one entry (a genome
# VCF that no annotator has read holds hundreds in EGFR's or ABCB1's span)
UNASSESSED_LISTED = 3


@record
class Carried:
    """What one sample carries of a gene's unannotated records."""

    count: int
    first: int  # the lowest position
    last: int  # the highest position
    named: list  # (position, 'REF>ALT') of the first UNASSESSED_LISTED, in input order


@record
class UnannotatedChanges:
    """A bypass gene's SNV/indel records the input does not annotate, in one entry of `Survey.bypass_records`, where
    the gene's first one was."""

    representative: BypassRecord  # the gene's first such record, without its samples: what is said of all of them
    carried: dict  # sample name -> Carried; None for a sites-only input (every ALT allele counts)
    counted: dict  # position -> the samples that counted it, as bits of their column index

    # what a BypassRecord gives of itself, from the representative: where it is in the input, what it is
    @property
    def gene(self) -> str:
        return self.representative.gene

    @property
    def chrom(self) -> str:
        return self.representative.chrom

    @property
    def pos(self) -> int:
        return self.representative.pos

    @property
    def alts(self) -> tuple[str, ...]:
        return self.representative.alts

    @property
    def is_copy_number(self) -> bool:
        return False

    def covers(self, pos: int) -> bool:
        """Whether one of the folded records is at `pos` (an --sv file's record there is the same change)."""
        return pos in self.counted


def foldable_shape(rec: BypassRecord) -> bool:
    """Neither symbolic nor a copy-number record: an SNV or indel."""
    return not rec.symbolic and not rec.is_copy_number


def foldable(rec: BypassRecord) -> bool:
    """An SNV/indel whose every ALT allele the input's annotation says nothing of (or that is not read)."""
    return foldable_shape(rec) and not any(rec.consequences)


def never_listed(rec: BypassRecord) -> bool:
    """An SNV/indel whose every ALT allele the input's annotation says leaves the gene's protein as it is (an
    intronic, synonymous or UTR change: a genome VCF holds hundreds in one gene's span), with no term that leaves it
    open: the off-target findings never list it (offtarget._protein_change), so it is not kept."""
    if not rec.consequences or not all(rec.consequences) or not foldable_shape(rec):
        return False
    said = tuple(c for allele in rec.consequences for c in allele)
    return not protein_altering(said) and not unclear(said)


def pointed_position(rec: BypassRecord) -> int | None:
    """The position bcftools csq gives this record's consequence at, where its BCSQ is only a pointer ('@25245350':
    a compound's other record); None otherwise."""
    said = {c for allele in rec.consequences for c in allele}
    if not said or not all(c.startswith(ANNOTATED_AT) for c in said):
        return None
    positions = {c[len(ANNOTATED_AT) :].split(" ")[0] for c in said}
    return int(next(iter(positions))) if len(positions) == 1 else None


class BypassRecords:
    """The bypass-gene records of one input as `_survey_record` finds them: a record the off-target findings may
    list is kept; a gene's unannotated SNVs/indels are folded into one UnannotatedChanges; a record that failed the
    caller's filters (the findings read passing records only) or that they never list (`never_listed`) is left
    out, and so is a record whose BCSQ points to a passing record of the input (its compound is read there). Every
    passing record, those never listed too, says which genes the input's records reach for which sample (`coverage`,
    bypass_coverage.py)."""

    def __init__(self) -> None:
        self.coverage = CoverageFold()
        self._kept: list = []
        self._folded: dict[tuple[str, str], UnannotatedChanges] = {}
        self._passing: set[tuple[str, int]] = set()  # (chrom, pos) of every passing record in a bypass gene

    def add(self, rec: BypassRecord, samples: Callable[[], dict], in_line: Callable | None = None) -> None:
        """`rec` without its samples' FORMAT values, which `samples()` reads only for a record that is kept or
        folded (a genome VCF's intronic records in a gene's span are many, and never listed); which samples it calls
        (the coverage, until every sample is called in the gene) `in_line()` reads from its text where given, else
        `samples()` (CoverageFold.add)."""
        if not passed(rec.filter):
            return
        self.coverage.add(rec, samples, in_line)
        self._passing.add((rec.chrom, rec.pos))
        if never_listed(rec):  # a pointer's record is not: its term leaves the consequence open (existing.unclear)
            return
        rec = replace(rec, samples=samples())
        if pointed_position(rec) is not None or not foldable(rec):  # a pointer's: kept until its record is known
            self._kept.append(rec)
        else:
            self._fold(rec)

    def records(self) -> tuple:
        """What the off-target findings read, in input order; a pointer's record is kept where the record it points
        to is not in the input, or failed the caller's filters (bcftools csq, then `view -f PASS`): its consequence
        is then not read anywhere, and the record is of unknown consequence (pipeline review of stop 30)."""
        return tuple(
            r
            for r in self._kept
            if isinstance(r, UnannotatedChanges) or (r.chrom, pointed_position(r)) not in self._passing
        )

    def _fold(self, rec: BypassRecord) -> None:
        key = (rec.gene, rec.chrom)
        fold = self._folded.get(key)
        if fold is None:
            fold = self._folded[key] = UnannotatedChanges(replace(rec, samples={}), {}, {})
            self._kept.append(fold)
        if not rec.samples:
            _count(fold, 0, None, rec.pos, f"{rec.ref}>{','.join(rec.alts)}")
        for index, (sample, fmt) in enumerate(rec.samples.items()):
            alleles = [i for i in range(1, len(rec.alts) + 1) if carries(fmt, i)]
            if alleles:
                _count(fold, index, sample, rec.pos, f"{rec.ref}>{','.join(rec.alts[i - 1] for i in alleles)}")


def _count(fold: UnannotatedChanges, index: int, sample: str | None, pos: int, what: str) -> None:
    """Count `pos` for `sample` (column `index`) once, whatever the record order."""
    bits = fold.counted.get(pos, 0)
    if bits >> index & 1:
        return
    fold.counted[pos] = bits | 1 << index
    seen = fold.carried.get(sample)
    if seen is None:
        fold.carried[sample] = Carried(1, pos, pos, [(pos, what)])
        return
    seen.count += 1
    seen.first, seen.last = min(seen.first, pos), max(seen.last, pos)
    if len(seen.named) < UNASSESSED_LISTED:
        seen.named.append((pos, what))


def not_yet_found(found: list, extra: list) -> list:
    """The records of `extra` (an --sv file's) that are no change of `found` (the main input's and earlier --sv
    files'): at no position of it, a folded gene's every position included, or there but carried by other samples
    (the same change is listed once: review of stop 30's change, finding 4). Per-patient CNV files
    (`--sv P4_T=a.vcf --sv P5_T=b.vcf`) give one segment the same coordinates in two patients (a panel's bins): the
    second patient's MET amplification was dropped as the first's (pipeline review of stop 43 by h2, finding 3)."""
    known: dict[tuple[str, str, int], list] = {}
    for rec in found:
        known.setdefault((rec.gene, rec.chrom, rec.pos), []).append(rec)
    folded = {(f.gene, f.chrom): f for f in found if isinstance(f, UnannotatedChanges)}
    return [
        b
        for b in extra
        if not any(_same_carriers(f, b) for f in known.get((b.gene, b.chrom, b.pos), ()))
        and not ((f := folded.get((b.gene, b.chrom))) and f.covers(b.pos))
    ]


def _same_carriers(first, other) -> bool:
    """Whether two records at one position may be one sample's change: a record without sample columns (a sites-only
    file's, a folded gene's entry) may be anyone's; else a sample carries both."""
    mine, theirs = carriers_of_record(first), carriers_of_record(other)
    return mine is None or theirs is None or bool(mine & theirs)


def carriers_of_record(rec) -> frozenset[str] | None:
    """The samples that carry a BypassRecord (copynumber.sample_level for a copy-number record: its GT, else its CN,
    else its only column; else a carried ALT allele); None where it has no sample columns or is no BypassRecord."""
    from .copynumber import sample_level

    if not isinstance(rec, BypassRecord) or not rec.samples:
        return None
    if rec.is_copy_number:
        return frozenset(s for s in rec.samples if sample_level(rec, s)[0] is not None)
    alleles = range(1, len(rec.alts) + 1)
    only = len(rec.samples) == 1
    return frozenset(s for s, fmt in rec.samples.items() if (only and not fmt) or any(carries(fmt, i) for i in alleles))


__all__ = [
    "BypassRecords",
    "Carried",
    "UNASSESSED_LISTED",
    "UnannotatedChanges",
    "carriers_of_record",
    "foldable",
    "never_listed",
    "not_yet_found",
    "pointed_position",
]
