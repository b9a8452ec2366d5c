"""Which genes the off-target findings look at (bypass_genes.tsv) the inputs' records reach, per sample and kind of
record, folded as the records stream: what the P-gp note may call screened, and what it must call not assessed.

A VCF lists the sites where a caller wrote a record, not what was sequenced: no record in KRAS cannot tell a panel
without KRAS from a KRAS without a change. "No change was found in the genes alkannot checks" beside an input whose
records are all in ALK read as a negative bypass screen (clinical review of stop 40's example report). What a record
does show is that the sample was called at a position of the gene, so a gene is covered for a sample, by one kind of
record (COVERAGE_KINDS), where a record of that kind in the gene calls the sample:
- its GT holds a called allele, reference or not: '0/0' is a call, the position was read in that sample;
- with no GT, a FORMAT value of the sample is given (a CNV caller's CN, an SV caller's PR/SR), or the sample's is
  the record's only column (as copynumber.sample_level reads such a record);
- a sites-only record is its input's one sample's (key None), and an --sv file's record without columns the sample
  it was given for (svsamples.with_renamed_samples).
This is decided per sample, not per input: a record whose sample column is all missing ('./.', as bcftools merge
writes a sample whose own VCF had no record there) covers nothing for that sample; another patient's record in a
merged cohort VCF says nothing of this tumour. A record that failed the caller's filters covers nothing either: the
off-target findings read passing records only (offtarget.py), so a gene whose only record is a filtered KRAS G12C was
not assessed, and "no change was found" there would be false. Coverage is always a record's, never a whole gene's:
the note says which kind of record each gene had, never that a gene was sequenced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial

from .bypass import BypassRecord
from .copynumber import number, sample_level
from .filters import passed
from .genotype import called_alleles
from .records import field, record, replace

SMALL_VARIANT, COPY_NUMBER, STRUCTURAL = "small_variant", "copy_number", "structural"
COVERAGE_KINDS = (SMALL_VARIANT, COPY_NUMBER, STRUCTURAL)  # in the order the note and the JSON name them
# a gVCF's reference block or an 'any other allele': the sample was called reference there, a small-variant call
_REFERENCE_ALTS = {"<NON_REF>", "<*>", "*"}


@record(frozen=True)
class GeneCoverage:
    """What the inputs' records in one gene show of one sample: the kinds of record that call it there, and the copy
    numbers its copy-number records give it (FORMAT CN; a record's INFO CN only where the sample carries it)."""

    gene: str
    kinds: tuple[str, ...]  # of COVERAGE_KINDS, in their order
    copy_numbers: tuple[float | int, ...] = ()


@record(frozen=True)
class BypassCoverage:
    """Every input's coverage of the genes the off-target findings look at: (gene, kind) -> the samples a record of
    that kind calls there (None: a sites-only input's one sample), and (gene, sample) -> its copy numbers there."""

    called: Mapping[tuple[str, str], frozenset] = field(default_factory=dict)
    copy_numbers: Mapping[tuple[str, str | None], tuple] = field(default_factory=dict)

    def of(self, sample: str | None) -> tuple[GeneCoverage, ...]:
        """The genes covered for `sample` (a sites-only input's records count for whichever sample it is), in the
        order they were first seen."""
        kinds: dict[str, list[str]] = {}
        for (gene, kind), samples in self.called.items():
            if sample in samples or None in samples:
                kinds.setdefault(gene, []).append(kind)
        found = []
        for gene, of_gene in kinds.items():
            levels = (*self.copy_numbers.get((gene, sample), ()), *self.copy_numbers.get((gene, None), ()))
            found.append(
                GeneCoverage(gene, tuple(k for k in COVERAGE_KINDS if k in of_gene), tuple(dict.fromkeys(levels)))
            )
        return tuple(found)


def record_kind(rec: BypassRecord, values: Mapping[str, Mapping[str, object]] | None = None) -> str:
    """The kind of coverage a record in a gene gives: copy number (a copy-number record, but an SV caller's deletion
    that gives no CN in its INFO nor in any sample's `values`), structural (a symbolic or breakend ALT that is no
    reference block), or small variant."""
    if rec.is_copy_number and not _deletion_without_cn(rec, values or {}):
        return COPY_NUMBER
    if rec.symbolic and not set(rec.alts) <= _REFERENCE_ALTS:
        return STRUCTURAL
    return SMALL_VARIANT


def _deletion_without_cn(rec: BypassRecord, values: Mapping[str, Mapping[str, object]]) -> bool:
    """A <DEL> (SVTYPE=DEL) with no CN: an SV caller's deletion of unknown depth (offtarget's deletion_unconfirmed)."""
    deletion = (rec.svtype or "").upper() == "DEL" or any(a.upper().startswith("<DEL") for a in rec.alts)
    given = "CN" in rec.info or any(number(fmt.get("CN")) is not None for fmt in values.values())
    return deletion and not given


def called_in_line(line: str, names: Iterable[str]) -> tuple[list[str], int]:
    """(the samples a VCF text record calls, as `called` reads them, its number of sample columns) from the record's
    text: a genome VCF's records in a gene's span that the findings never list are not read into values for this
    (a merged cohort of 1,000 columns, every record './.' but in one: 4 ms a record as values, a tenth of that as
    text). `names`: the header's sample names, in column order."""
    fields = line.rstrip("\n").split("\t")
    columns = fields[9:]
    if not columns:
        return [], 0
    if fields[8].split(":", 1)[0] == "GT":  # GT comes first where it is given (VCF 4.2, 1.6.2)
        return [name for name, col in zip(names, columns) if col.split(":", 1)[0].strip("./|")], len(columns)
    only = len(columns) == 1
    return [n for n, col in zip(names, columns) if only or any(v.strip(".,") for v in col.split(":"))], len(columns)


def called(fmt: Mapping[str, object], only_column: bool) -> bool:
    """Whether a sample's FORMAT values (`fmt`) call it at the record (module docstring); `only_column`: the record
    has no other sample column."""
    if fmt.get("GT") is not None:
        return bool(called_alleles(dict(fmt)))
    return any(v is not None for k, v in fmt.items() if k not in ("GT", "phased")) or only_column


class CoverageFold:
    """The coverage of the records one input streams, read as `add` is given them. A (gene, kind) every sample of
    the input is already called at is not read again: a genome VCF's hundreds of records in EGFR's span cost one
    read of their FORMAT values, not one each (bypass_fold.BypassRecords reads them only for a record it keeps)."""

    def __init__(self, start: BypassCoverage | None = None) -> None:
        self._called: dict[tuple[str, str], set] = {k: set(v) for k, v in (start.called if start else {}).items()}
        self._copy_numbers: dict[tuple[str, str | None], dict] = {
            k: dict.fromkeys(v) for k, v in (start.copy_numbers if start else {}).items()
        }
        self._full: set[tuple[str, str]] = set()

    def add(
        self,
        rec: BypassRecord,
        samples: Callable[[], Mapping[str, Mapping[str, object]]],
        in_line: Callable[[], tuple[list[str], int]] | None = None,
    ) -> None:
        """`rec` (its gene, its kind), with `samples()` its FORMAT values per sample, read only where needed, or for a
        record that is no copy-number one, `in_line()` (called_in_line) where given; a record that failed the caller's
        filters is not read (module docstring)."""
        if not passed(rec.filter) or ((rec.gene, record_kind(rec)) in self._full and not rec.is_copy_number):
            return
        if in_line is not None and not rec.is_copy_number:
            self._add_called(rec, *in_line())
            return
        values = samples()
        key = (rec.gene, record_kind(rec, values))
        if rec.is_copy_number and values and not rec.samples:  # the main input's: its values read only now
            rec = replace(rec, samples=dict(values))
        seen = self._called.setdefault(key, set())
        if not values:  # a sites-only record
            seen.add(None)
            self._copy_number(rec, None, None)
            return
        for sample, fmt in values.items():
            if called(fmt, len(values) == 1):
                seen.add(sample)
                self._copy_number(rec, sample, fmt)
        if len(seen) >= len(values):
            self._full.add(key)

    def _add_called(self, rec: BypassRecord, names: list[str], columns: int) -> None:
        """A record that is no copy-number one, whose called samples (`names`, of its `columns`) were read as text."""
        key = (rec.gene, record_kind(rec))
        seen = self._called.setdefault(key, set())
        seen.update(names if columns else [None])
        if columns and len(seen) >= columns:
            self._full.add(key)

    def _copy_number(self, rec: BypassRecord, sample: str | None, fmt) -> None:
        if not rec.is_copy_number:
            return
        cn = number(fmt.get("CN")) if fmt else None
        if cn is None and (sample is None or sample_level(rec, sample)[0] is not None):
            cn = number(rec.info.get("CN"))  # the record's own CN, where the sample carries it (sample_level)
        if cn is not None:
            self._copy_numbers.setdefault((rec.gene, sample), {})[cn] = None

    def frozen(self) -> BypassCoverage:
        return BypassCoverage(
            {k: frozenset(v) for k, v in self._called.items()},
            {k: tuple(v) for k, v in self._copy_numbers.items()},
        )


def with_records(coverage: BypassCoverage, records: Iterable[BypassRecord]) -> BypassCoverage:
    """`coverage` with that of `records`, whose sample values are read (an --sv file's, named as the main input's
    samples: fusion_evidence.py)."""
    fold = CoverageFold(coverage)
    for rec in records:
        fold.add(rec, partial(getattr, rec, "samples"))
    return fold.frozen()


__all__ = [
    "COPY_NUMBER",
    "COVERAGE_KINDS",
    "SMALL_VARIANT",
    "STRUCTURAL",
    "BypassCoverage",
    "CoverageFold",
    "GeneCoverage",
    "called",
    "called_in_line",
    "record_kind",
    "with_records",
]
