"""The off-target findings an annotate run listed and did not count, whose records came from an --sv file (which the
annotated output does not hold): a copy-number gain not established as amplification (no CN, or a MET CN of 3-4), a
deletion or one-copy loss, a deletion in a gene whose sources concern its activation, a change of unknown
consequence, a co-alteration (TP53), an ABCB1 record, a change in a gene no source was retrieved for. They are
recorded in the ##alkannotSample line as OffTargetListed= (GENE:KIND:DESCRIPTION, as OffTarget= records candidates)
and read back, so that `report` on the output (or re-annotating it) without that --sv file lists them as annotate
did and makes its verdict with them (the P-gp note's sentences on a listed gain, deletion, co-alteration or ABCB1
record; the genes reached), as recorded candidates are (recorded_offtarget.py). Until then such a finding was lost
(a MET <DUP> without CN on P5_T's --sv file: listed by annotate, absent from the report of its output). A finding of
a record the output holds (the input VCF's own SNVs, indels and copy-number records) is read again from it and not
recorded.

What is said of a recorded finding is made again from its record as the description names it, by the code annotate
made it with (offtarget.record_finding), and marked as recorded; where the description does not name a record that
makes the same kind of finding (a gene's grouped changes of unknown consequence, a caller's <CNV> whose direction
was its SVTYPE), the finding is listed with no statement of the sources, and says so."""

from __future__ import annotations

import re

from .bypass import BypassRecord
from .copynumber import GRADED_GENES
from .offtarget import CO_ALTERATION, OffTarget, finding_of_row, record_finding
from .offtarget_screen import bypass_statements
from .recorded_history import RECORDED_STATEMENT, recorded_off_target
from .records import replace

LISTED_KEY = "OffTargetListed"  # the ##alkannotSample key
LISTED = "listed"  # OffTarget.recorded of a finding it names
GAIN_KINDS = ("copy_number_gain", "copy_number_gain_unconfirmed")
LOSS_KINDS = ("copy_number_loss", "copy_number_loss_unconfirmed", "deletion_unconfirmed")


def recorded_listed_value(off_target) -> str:
    """OffTargetListed=: the findings listed and not counted as candidates, for a reason other than the latest drug
    (OffTargetSetAside=), whose record the output does not hold (read from an --sv file, or recorded so by an
    earlier run, also one it recorded as a candidate that this run lists: `rejudged_gain`), as GENE:KIND:DESCRIPTION,
    '|'-joined ('MET:copy_number_gain_unconfirmed:chr7:116522196 <DUP>')."""
    return "|".join(
        f"{o.gene}:{o.kind}:{_described(o).replace('|', '/')}"
        for o in off_target
        if not o.candidate and not o.not_counted_after and (o.from_sv_file or o.recorded in (LISTED, "candidate"))
    )


def rejudged_gain(kb, o: OffTarget) -> OffTarget:
    """A recorded candidate (OffTarget=) as this run judges it: a copy-number gain of a gene other than MET
    (copynumber.GRADED_GENES) that is not the caller's amplification call, which an alkannot before stop 47 (a CN of
    5 or more, on MET's borrowed cut-off) or met47's first change (any CN) counted, is listed now, never a candidate
    on its own (met47b), with what this run says of that record and that it was recorded; any other `o` as it is.
    Only a <DUP> record is judged so: a <CNV> one may have been the caller's amplification call by its SVTYPE=AMP,
    which the description does not keep (this run records no other <CNV> gain of such a gene as a candidate)."""
    if o.recorded != "candidate" or o.kind != "copy_number_gain" or o.gene in GRADED_GENES:
        return o
    if not re.match(r"\S+ <DUP[:>]", o.description):
        return o
    rec = _record(o.gene, o.kind, o.description)
    found = record_finding(kb, rec, None, bypass_statements()) if rec is not None else None
    if found is None or found.kind != "copy_number_gain_unconfirmed":
        return o
    statement = f"{found.statement} ({RECORDED_STATEMENT})"
    return replace(found, description=o.description, statement=statement, recorded=o.recorded, from_sv_file=False)


def _described(o: OffTarget) -> str:
    """The finding's description, and where the input's annotation left open whether the change alters the protein
    what it said, in brackets ('chr7:55019017 C>T (splice_region_variant (VEP))'), as a truncating change's
    description names its terms: what annotate said of the change is said again."""
    return f"{o.description} ({o.unclear_terms})" if o.unclear_terms and o.records == 1 else o.description


def recorded_listed(kb, value: str | None) -> tuple[OffTarget, ...]:
    """The findings an OffTargetListed= value names, each with the statement, sources and role annotate gave it, the
    statement saying that it was recorded (OffTarget.recorded 'listed')."""
    return tuple(_listed_again(kb, gene, kind, description) for gene, kind, description in recorded_off_target(value))


def _listed_again(kb, gene: str, kind: str, description: str) -> OffTarget:
    """One recorded finding made again from the record its description names, or `_unread` where none makes it."""
    terms = re.fullmatch(r"(.+?) \((.+)\)", description) if kind == "mutation_unassessed" else None
    description = terms.group(1) if terms else description
    rec = _record(gene, kind, description)
    if rec is not None and terms:  # what the input's annotation said, which left the change's effect open
        rec = replace(rec, consequences=(tuple(terms.group(2).split(", ")),))
    statements = bypass_statements()
    if kind == "mutation":  # the input's annotation said it alters the protein: the gene's row says what is known
        row = statements.get((gene, "mutation")) or statements.get((gene, "any"))
        found = finding_of_row(gene, kind, description, row) if row else None
    else:
        found = record_finding(kb, rec, None, statements) if rec is not None else None
    if found is None or found.kind != kind:
        return _unread(gene, kind, description)
    statement = f"{found.statement} ({RECORDED_STATEMENT})"
    return replace(found, description=description, statement=statement, recorded=LISTED, from_sv_file=False)


def _record(gene: str, kind: str, description: str) -> BypassRecord | None:
    """The record a finding's description names ('chr7:116522196 <DUP> CN=3', 'chr7:55019017 C>T'), as a sites-only
    record of `gene` that passed its filters; its copy-number record typed by the finding's direction (a gain or a
    loss), as the caller's SVTYPE typed it; None where the description names no record."""
    place, _, what = description.partition(" ")
    chrom, _, pos = place.rpartition(":")
    if not chrom or not pos.isdigit():
        return None
    if kind in GAIN_KINDS or kind in LOSS_KINDS:
        said = re.fullmatch(r"(.*?)\s*(?:CN=([0-9]+(?:\.[0-9]+)?))?", what)
        if said is None:
            return None
        alt, cn = said.group(1), said.group(2)
        info: dict[str, object] = {} if cn is None else {"CN": float(cn) if "." in cn else int(cn)}
        svtype = "DUP" if kind in GAIN_KINDS else "DEL"
        return BypassRecord(gene, "", chrom, int(pos), "N", (alt,) if alt else (), svtype, "PASS", info)
    ref, joined, alts = what.partition(">")
    if not joined or not ref or not alts:
        return None
    return BypassRecord(gene, "", chrom, int(pos), ref, tuple(alts.split(",")), None, "PASS")


def _unread(gene: str, kind: str, description: str) -> OffTarget:
    """A recorded finding whose description names no record that makes it again: listed, not counted, with no
    statement of the sources ('N separate records between ...' keeps its count)."""
    rows = [row for (g, _), row in bypass_statements().items() if g == gene]
    role = (rows[0].get("role") if rows else "") or "bypass"
    grouped = re.match(r"([0-9]+) separate records between ", description)
    listed = "listed" if role == "co_alteration" else "listed and not counted as an off-target candidate"
    statement = f"{listed} when this VCF was annotated; rerun with its evidence for what the sources say of it"
    return OffTarget(
        gene,
        kind,
        description,
        f"{CO_ALTERATION if role == 'co_alteration' else ''}{statement} ({RECORDED_STATEMENT})",
        (),
        False,  # nothing sourced is said of it here: never a candidate
        role=role,
        records=int(grouped.group(1)) if grouped else 1,
        recorded=LISTED,
    )


__all__ = ["LISTED", "LISTED_KEY", "recorded_listed", "recorded_listed_value", "rejudged_gain"]
