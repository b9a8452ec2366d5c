"""A bypass gene's SNV/indel records that the input does not annotate, folded as they stream.

Without an annotation alkannot cannot tell an intronic SNP from KRAS G12C in these genes, so each such record is a
change of unknown consequence (offtarget.py), and a gene's more than UNASSESSED_LISTED of them, per sample, are one
entry ("336 separate records between ..."). Keeping every such record with every sample's FORMAT values made memory
grow with records x samples: 1 GB for 8,742 records x 300 samples in EGFR, MET and BRAF (pipeline review of stop 30,
finding 2). What the findings read of them is folded per gene and sample as the records stream: how many the sample
carries, the first and last position, and the first few, named. Memory then grows with genes x samples only.
"""

from __future__ import annotations

from .bypass import BypassRecord
from .existing import protein_altering, unclear
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
    previous: int  # the position of the last one counted: a position is counted once (offtarget's `seen`)


@record
class UnannotatedChanges:
    """A bypass gene's SNV/indel records the input does not annotate, in one entry of `Survey.bypass_records`, where
    the gene's first one was."""

    representative: BypassRecord  # the gene's first such record, without its samples: what is said of all of them
    carried: dict  # sample name -> Carried; None for a sites-only input (every ALT allele counts)

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


def foldable_shape(rec: BypassRecord) -> bool:
    """Neither symbolic nor a copy-number record: an SNV or indel."""
    symbolic = any(a.startswith("<") or "[" in a or "]" in a for a in rec.alts)
    return not symbolic and not rec.is_copy_number


class BypassRecords:
    """The bypass-gene records of one input as `_survey_record` finds them: a record the off-target findings may
    list is kept; a gene's unannotated SNVs/indels are folded into one UnannotatedChanges; a record that failed the
    caller's filters (the findings read passing records only) or that they never list (`never_listed`) is left
    out."""

    def __init__(self) -> None:
        self.kept: list = []
        self._folded: dict[tuple[str, str], UnannotatedChanges] = {}

    def add(self, rec: BypassRecord) -> None:
        if not passed(rec.filter) or never_listed(rec):
            return
        if not foldable(rec):
            self.kept.append(rec)
            return
        key = (rec.gene, rec.chrom)
        fold = self._folded.get(key)
        if fold is None:
            fold = self._folded[key] = UnannotatedChanges(replace(rec, samples={}), {})
            self.kept.append(fold)
        if not rec.samples:
            _count(fold.carried, None, rec.pos, f"{rec.ref}>{','.join(rec.alts)}")
        for sample, fmt in rec.samples.items():
            alleles = [i for i in range(1, len(rec.alts) + 1) if carries(fmt, i)]
            if alleles:
                _count(fold.carried, sample, rec.pos, f"{rec.ref}>{','.join(rec.alts[i - 1] for i in alleles)}")


def _count(carried: dict, sample: str | None, pos: int, what: str) -> None:
    seen = carried.get(sample)
    if seen is None:
        carried[sample] = Carried(1, pos, pos, [(pos, what)], pos)
        return
    if pos == seen.previous:
        return
    seen.count += 1
    seen.first, seen.last, seen.previous = min(seen.first, pos), max(seen.last, pos), pos
    if len(seen.named) < UNASSESSED_LISTED:
        seen.named.append((pos, what))


__all__ = ["BypassRecords", "Carried", "UNASSESSED_LISTED", "UnannotatedChanges", "foldable", "never_listed"]
