"""Copy-number records: which level a gain is, for ALK (on-target, the knowledge base's `amplification` row) and
for the bypass genes (offtarget.py).

The knowledge base has no sourced copy-number cut-off for "amplification": GAI13 reports ALK amplification in
3/29 crizotinib-resistant re-biopsies and DJ20 MET amplification "by FISH and/or NGS", neither with a copy
number (shared/kb/bypass.md; fusions.md section 7). So alkannot never calls a copy number "amplification" by
itself. It sorts a gain by what the record says:
- `amplification_call`: the caller itself calls amplification (<AMP> or SVTYPE=AMP);
- `low_level` (MET only, GRADED_GENES): CN 3-4: below the mean gene copy number that FISH criteria call
  amplification (5 or more, FANG18; 6 or more for high-level, SCHILD15; 4 to under 5 is a "copy-number gain",
  FANG18). Those are FISH criteria for MET, applied to a CN from NGS, for which no cut-off is clinically defined
  (SCHMITT21): not established as amplification, confirm by FISH; never decides a mechanism on its own;
- `gain`: a MET CN above that range, and any CN above 2 in another gene; reported as "copy-number gain (CN=x)";
- `unquantified`: a gain record (<DUP>, <CNV>, SVTYPE=DUP) with no CN: treated as low-level.
Only `amplification_call` decides a mechanism or an inhibitor call (FIRM_LEVELS); every other gain makes
on-target resistance possible. Of the bypass genes' gains, a MET `gain` (CN 5 or more) is an off-target candidate
(offtarget.OffTarget.candidate: a candidate, not an established mechanism; its statement says to confirm MET
amplification by FISH), and so is the caller's amplification call in any verified bypass gene; any other gain is
listed, never a candidate on its own (offtarget `copy_number_gain_unconfirmed`).
Only MET is graded by its CN (gene_level): the sources read give copy-number criteria for MET amplification only
(FANG18, SCHILD15: statements.tsv copy_number_MET), none for ALK (alk_level; tools/kb_curation/reading_alk_cn.md),
EGFR, KIT, ERBB2 or any other bypass gene (resources/triage/PROVENANCE.md, copy_number_no_cutoff_unsourced). So a
CN-only gain of another gene is `gain` ("EGFR copy-number gain (CN=3)"), never `low_level` (stop 25 note, inherited:
'ALK low-level CN label borrows MET's cut-off'; stop 47, met47: the same borrowing for EGFR, KIT, ERBB2, ...). With
no sourced cut-off no CN tells a CN of 3 from one of 9, and alkannot never calls amplification by itself, so in a
bypass gene other than MET such a gain is listed at any CN, not an off-target candidate: its statement says that it is
not established as amplification, that the sources read give no copy-number cut-off for that gene, and that the
caller's amplification call would make it one (offtarget._copy_number; stop 47, met47b: met47's first change made it
a candidate at any CN, where MET's borrowed cut-off had made a CN of 5 or more one).
A CN of 2 or less is never a gain, not even on an <AMP> record, and on a gain record (<AMP>, <DUP>) it is no loss
either: the record contradicts itself.
A loss is sorted the same way (LOSS_LEVELS): `deep_loss`, a CN of 0 (below 0.5: no copy left), the only loss that
can be loss of function of a gene by itself; `loss`, a CN above that and below 2 (one copy lost, often a whole arm:
one allele left); `deletion_unquantified`, a <DEL> (SVTYPE=DEL) with no CN, an SV caller's call whose depth is not
known and whose effect on the coding sequence alkannot cannot tell (it has no exon model of the bypass genes).
VCF has no standard symbol for a caller's own deep-deletion call (<DEL> is any deletion), so CN 0 is the only one read
(review 7, finding 8: a one-copy 22q loss was called NF2 loss). A record counts for a sample only when that
sample carries it (sample_level): a merged multi-sample CNV VCF has the record in every sample's column, with
GT 0/0 and CN=2 for those without the event (clinical review 2026-12, finding 1).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TypeVar

from .genotype import called_alleles, carries
from .records import record

# below MET FISH amplification cut-offs (GCN >= 5 FANG18, >= 6 SCHILD15): copy_number_MET. MET only (gene_level);
# never ALK (alk_level: no ALK cut-off is sourced, tools/kb_curation/reading_alk_cn.md) nor another bypass gene
LOW_LEVEL_MAX_CN = 4
# the genes whose CN-only gain is graded by LOW_LEVEL_MAX_CN: those the sources read give copy-number criteria for
# (FANG18 and SCHILD15 give MET's, by FISH); no source read gives one for another gene (stop 47, met47)
GRADED_GENES = ("MET",)
GAIN_LEVELS = ("amplification_call", "gain", "low_level", "unquantified")
# may decide a mechanism or a call: only the caller's own amplification call. A copy number alone is reported
# as a gain, not as amplification (no NGS cut-off in the sources read; SCHMITT21 for MET), so it makes on-target
# resistance only possible (review of 2026-12-01's changes: 'reported as a gain, not as amplification' beside
# 'explains' did not hold)
FIRM_LEVELS = ("amplification_call",)
LOSS_LEVELS = ("deep_loss", "loss", "deletion_unquantified")
DEEP_LOSS_MAX_CN = 0.5  # a CN below it rounds to 0: no copy left
_CN_TYPES = ("DUP", "CNV", "AMP", "DEL")
_Level = TypeVar("_Level", str, str | None)  # a level, or None where there is none (gene_level)


def is_copy_number_record(alts, svtype: str | None) -> bool:
    """A record that spans a region whose copy number changed: <DUP>, <DUP:TANDEM>, <CNV>, <AMP>, <DEL>, or
    SVTYPE=DUP/CNV/AMP/DEL."""
    symbolic = any(a and a.startswith("<") and a[1:].split(":")[0].rstrip(">").upper() in _CN_TYPES for a in alts)
    return symbolic or (svtype or "").upper() in _CN_TYPES


def number(value) -> float | int | None:
    """A CN value as written (a tuple of one, a string from an undeclared key) as a number, else None."""
    if isinstance(value, (tuple, list)):
        value = value[0] if value else None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        parsed = float(str(value))
    except ValueError:
        return None
    return int(parsed) if parsed.is_integer() else parsed


def sample_copy_number(info: dict, fmt: dict | None) -> float | int | None:
    """The sample's CN (FORMAT) or else the record's (INFO)."""
    cn = number(fmt.get("CN")) if fmt else None
    return cn if cn is not None else number(info.get("CN"))


def level(cn, alts, svtype: str | None) -> str | None:
    """The level of a loss (LOSS_LEVELS), None (no change), or the level of a gain (GAIN_LEVELS)."""
    alt_types = {a[1:].split(":")[0].rstrip(">").upper() for a in alts if a and a.startswith("<")}
    kind = (svtype or "").upper()
    amp = "AMP" in alt_types or kind == "AMP"
    dup = "DUP" in alt_types or kind == "DUP"
    if cn is not None and cn <= 2:  # the ploidy baseline or below: never a gain, whatever the record calls it
        if cn >= 2 or amp or dup:  # and a gain record with a CN below 2 contradicts itself: no loss either
            return None
        return "deep_loss" if cn < DEEP_LOSS_MAX_CN else "loss"
    if amp:
        return "amplification_call"
    if cn is not None:
        return "low_level" if cn <= LOW_LEVEL_MAX_CN else "gain"
    if dup:
        return "unquantified"
    if "DEL" in alt_types or kind == "DEL":
        return "deletion_unquantified"
    return None  # <CNV> without CN: the direction is not known


def gene_level(what: _Level, gene: str) -> _Level:
    """The level of a change in `gene` (level()): a gain is graded by MET's FISH criteria in GRADED_GENES (MET) only;
    no source read gives a copy-number cut-off for another gene, so its CN-only gain is `gain` whatever its CN. The
    caller's amplification call, a gain without CN and a loss keep their levels."""
    return "gain" if what == "low_level" and gene not in GRADED_GENES else what


def alk_level(what: str | None) -> str | None:
    """The level of an ALK gain: level() without the MET FISH grading (gene_level). No source read gives a
    copy-number cut-off for ALK (reading_alk_cn.md), so a CN-only gain is `gain` whatever its CN."""
    return gene_level(what, "ALK")


def sample_level(rec, sample: str | None) -> tuple[str | None, float | int | None]:
    """(level(), CN) of copy-number record `rec` (bypass.BypassRecord) in `sample`; the level is None where the sample
    does not carry the record. It carries it when its GT holds a non-reference allele; with no called GT, when its own
    FORMAT CN differs from 2 (level() sorts gain and loss), else when it is the record's only sample column or has reads
    for the ALT allele (AD, or Manta's PR/SR in its somatic tumour/normal output). A sites-only record is the sample's.
    GT 0/0 is never the sample's event, whatever the record's INFO or ALT says (finding 1: a merged CNV VCF)."""
    fmt = rec.samples.get(sample) if rec.samples else None
    if rec.samples and fmt is None:
        return None, None
    cn = sample_copy_number(rec.info, fmt)
    if fmt is not None:
        called = called_alleles(fmt)
        if called:
            carried = any(a > 0 for a in called)
        else:
            carried = number(fmt.get("CN")) is not None or len(rec.samples) == 1 or carries(fmt, 1) or _sv_support(fmt)
        if not carried:
            return None, cn
    return level(cn, rec.alts, rec.svtype), cn


def machine_words(value: str) -> str:
    """A machine value in words, 'copy-number' hyphenated as the rest of the output writes it
    ('copy_number_gain' -> 'copy-number gain', review 18)."""
    return value.replace("_", " ").replace("copy number", "copy-number")


def gain_words(cn, what: str) -> str:
    """'copy-number gain (CN=9)', 'low-level copy-number gain (CN=3)', ... of a gain of `what` (level())."""
    shown = f"CN={cn:g}" if isinstance(cn, float) else f"CN={cn}"
    if what == "amplification_call":
        return "amplification called by the caller" + (f" ({shown})" if cn is not None else "")
    if what == "low_level":
        return f"low-level copy-number gain ({shown})"
    if what == "unquantified":
        return "copy-number gain (CN not given)"
    return f"copy-number gain ({shown})"


def loss_words(cn, what: str) -> str:
    """'deep deletion (CN=0)', 'one-copy loss (CN=1)', 'deletion (CN not given)' of a loss of `what` (level())."""
    shown = f"CN={cn:g}" if isinstance(cn, float) else f"CN={cn}"
    if what == "deep_loss":
        return f"deep deletion ({shown})"
    if what == "loss":
        return f"one-copy loss ({shown})"
    return "deletion (CN not given)"


@lru_cache(maxsize=None)
def alk_kinase_span(build: str) -> tuple[str, int, int]:
    """(chromosome number, first, last) genomic position of the ALK kinase domain's codons (NM_004304.5)."""
    from .transcript import kinase_domain, load_transcript

    tx = load_transcript(build)
    lo, hi = kinase_domain()
    ends = [tx.genomic_of_tx(tx.tx_of_c(3 * lo - 2)), tx.genomic_of_tx(tx.tx_of_c(3 * hi))]
    return "2", min(ends), max(ends)


@lru_cache(maxsize=None)
def kinase_exon_spans(build: str) -> tuple[tuple[int, int], ...]:
    """The genomic spans of ALK's kinase-domain coding bases, exon by exon, with the two splice bases on each side of
    an exon end inside the domain: a deletion that touches none of them (one inside an intron) changes no codon."""
    from .transcript import load_transcript

    _, lo, hi = alk_kinase_span(build)
    return tuple(
        (e.start - 2 if e.start > lo else lo, e.end + 2 if e.end < hi else hi)
        for e in load_transcript(build).exons
        if e.start <= hi and e.end >= lo
    )


def normal_carries(rec, normal: str) -> bool:
    """Whether matched normal `normal` carries copy-number record `rec`: a called non-reference GT, or a CN below 2;
    its reads (AD, Manta's PR/SR) only where the caller filtered the record for the normal: a passing somatic call's
    few normal reads were weighed by the caller (review of stop 37's change, D2), as for point mutations."""
    from .filters import failed_only_for_the_normal

    fmt = rec.samples.get(normal) if rec.samples else None
    if fmt is None:
        return False
    called = called_alleles(fmt)
    if called:
        return any(a > 0 for a in called)
    cn = number(fmt.get("CN"))
    if cn is not None:
        return cn < 2
    return failed_only_for_the_normal(rec.filter) and (carries(fmt, 1) or _sv_support(fmt))


def _sv_support(fmt: dict) -> bool:
    """Read support for an SV caller's ALT where no GT is called, as the caller counts it (breakends.sample_support:
    Manta's PR/SR (reference, alt) pairs, DELLY's DV/RV, GRIDSS's VF, ...)."""
    from .breakends import sample_support

    return any(n > 0 for n in sample_support(fmt).values())


@record(frozen=True)
class AlkCopyNumber:
    """A copy-number gain (GAIN_LEVELS) or a deletion (LOSS_LEVELS) over the ALK kinase domain in one sample."""

    chrom: str
    pos: int
    end: int | None
    alt: str
    cn: float | int | None
    level: str  # GAIN_LEVELS or LOSS_LEVELS
    filter: str
    # a deletion that does not make on-target resistance possible, and why: 'whole_gene' (both ends outside ALK, not a
    # deep loss: a copy-number segment, often a whole arm), 'in_normal' (the matched normal carries it: germline)
    not_counted: str = ""
    normals: tuple[str, ...] = ()  # the matched normals carrying it ('in_normal')
    # read back from the ##alkannotSample line of an annotated VCF, its evidence not in the file (recorded_copy_number)
    recorded: bool = False

    @property
    def deletion(self) -> bool:
        return self.level in LOSS_LEVELS

    @property
    def counts(self) -> bool:
        """A deletion that makes on-target resistance possible: it removes kinase-domain coding bases
        (sample_copy_number.sample_kinase_deletions), within the gene or deep, and the normal does not carry it."""
        return self.deletion and not self.not_counted

    @property
    def firm(self) -> bool:
        """Called amplification by the caller: only such a gain decides a mechanism or a call."""
        return self.level in FIRM_LEVELS

    @property
    def label(self) -> str:
        """'ALK copy-number gain (CN=9)', 'ALK deletion (CN not given)': what the report calls it (never
        'amplification' by alkannot)."""
        return f"ALK {loss_words(self.cn, self.level) if self.deletion else gain_words(self.cn, self.level)}"

    @property
    def record(self) -> str:
        end = f"-{self.end}" if self.end else ""
        return f"{self.chrom}:{self.pos}{end} {self.alt}".rstrip()


__all__ = [
    "GRADED_GENES",
    "LOSS_LEVELS",
    "LOW_LEVEL_MAX_CN",
    "AlkCopyNumber",
    "alk_kinase_span",
    "kinase_exon_spans",
    "normal_carries",
    "alk_level",
    "gain_words",
    "gene_level",
    "is_copy_number_record",
    "level",
    "loss_words",
    "number",
    "sample_copy_number",
    "sample_level",
]
