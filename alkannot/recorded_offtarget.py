"""The off-target candidates an earlier `annotate` run recorded (##alkannotSample OffTarget=) whose evidence is not in
this file (a CNV caller's --sv VCF), judged as this run judges its own: one rule for `report` on an annotated output
and for re-annotating one, so that both give the verdict `annotate` gives on the original input. A recorded
candidate this run no longer counts after the latest drug (offtarget_notes.not_counted_after: a MET gain after
crizotinib, recorded by an alkannot older than stop 38's clinical review, finding 2) is listed with the note why,
and the recorded verdict that rested on it is not kept; a finding recorded as set aside after that run's latest
drug (OffTargetSetAside=) is listed again, and counted where this run's latest drug is one after which it counts
(stop 39)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .offtarget import no_bypass_found, off_target_pointer, without_transformation
from .offtarget_notes import candidate_context_notes, not_counted_after
from .recorded_history import recorded_candidates
from .records import replace

if TYPE_CHECKING:
    from .sample_types import SampleVerdict

log = logging.getLogger("alkannot")

OFF_TARGET = "off_target_candidate"
OUTRANKED = ("unexplained", "on_target_possible")  # what an off-target candidate outranks (review 11, finding 5)


def recorded_basis_counts(rejudged, recorded: dict[str, str]) -> bool:
    """Whether what a recorded Mechanism=off_target_candidate rested on still counts in this run: the candidates the
    annotate run named (OffTarget=), judged as this run judges its own (`rejudged`: not_counted_after with this
    run's latest drug); where it named none, a positive ABCB1 IHC of its sheet (Abcb1Ihc=), which this run's own
    sheet judges again (pgp.affected: clinical review of stop 38, finding 4); where it named neither, a candidate
    of an output older than OffTarget= (stop 33), kept as recorded."""
    if rejudged:
        return any(o.candidate for o in rejudged)
    return recorded.get("Abcb1Ihc") != "positive"


def with_recorded_off_target(kb, verdict: SampleVerdict, recorded: dict[str, str], source: str):
    """(`verdict` with the recorded off-target candidates listed beside this run's findings and the notes on them,
    the recorded mechanism kept where only its evidence is missing here, whether the recorded mechanism was judged
    again: then a warning says why this run's differs, not the header/run mismatch warning)."""
    mechanism = recorded.get("Mechanism")
    latest = verdict.progressed_on[-1] if verdict.progressed_on else None
    listed = {(o.gene, o.kind) for o in verdict.off_target if o.candidate or o.not_counted_after}
    # the candidates the annotate run counted (OffTarget=) and the findings it set aside after its latest drug
    # (OffTargetSetAside=), judged again after this run's
    named, aside = (
        tuple(
            o
            for o in not_counted_after(recorded_candidates(kb, recorded.get(key)), latest)
            if (o.gene, o.kind) not in listed
        )
        for key in ("OffTarget", "OffTargetSetAside")
    )
    rejudged = named + aside
    revived = tuple(o for o in aside if o.candidate)  # set aside after that run's drug, counted after this run's
    shown = any(o.candidate for o in verdict.off_target)
    # its evidence missing here leaves either verdict an off-target candidate outranks
    outranked = verdict.mechanism in OUTRANKED and not shown
    lost = mechanism == OFF_TARGET and outranked
    kept = lost and recorded_basis_counts(rejudged, recorded)
    counts_now = outranked and not lost and bool(revived)
    if rejudged or kept:
        alk_shown = verdict.pgp.context not in ("alk_negative", "alk_not_established", "alk_status_discordant")
        counted = tuple(o for o in named if o.candidate)
        dropped, still_aside = (tuple(o for o in group if not o.candidate) for group in (named, aside))
        said = _recorded_notes(counted, dropped, still_aside, kept, revived, latest)
        context = candidate_context_notes(kb, rejudged, latest, alk_shown)  # as the annotate run said them
        pointer = off_target_pointer(kb, verdict.off_target), off_target_pointer(kb, verdict.off_target + rejudged)
        verdict = replace(verdict, off_target=verdict.off_target + rejudged, notes=(*verdict.notes, *said, *context))
        if not (kept or counts_now) and pointer[0] in verdict.pgp.note:  # set aside: named as this run names its own
            verdict = replace(verdict, pgp=replace(verdict.pgp, note=verdict.pgp.note.replace(*pointer)))
    if kept or counts_now:
        verdict = _kept_mechanism(kb, verdict, tuple(o for o in rejudged if o.candidate), counts_now)
    rejudged_away = lost and not kept and any(o.not_counted_after for o in rejudged)
    if rejudged_away:
        log.warning(
            "%s: %s: the VCF header records Mechanism=off_target_candidate from OffTarget=%s, which this run does not "
            "count as an off-target candidate after progression on %s (listed; see its note): this run computes "
            "%s and PgpCheck=%s (the header's PgpCheck=%s)",
            source,
            verdict.sample,
            recorded.get("OffTarget"),
            latest,
            verdict.mechanism,
            verdict.pgp.check,
            recorded.get("PgpCheck"),
        )
    return verdict, rejudged_away


def _recorded_notes(counted, dropped, still_aside, kept: bool, revived, latest: str | None) -> list[str]:
    """The notes saying which off-target findings were recorded: the candidates this run counts (or, where the record
    names none, that one was), the findings set aside then that this run counts after its latest drug, the
    candidates it does not count after the latest drug (`dropped`), and the findings set aside then and now."""
    evidence = "its evidence came from inputs not in this file, e.g. a CNV caller's --sv VCF"
    notes = []
    if counted or kept:
        notes.append(
            "Off-target candidate recorded in the ##alkannotSample line when this VCF was annotated"
            f"{f': {_named(counted)}' if counted else ''} ({evidence}); rerun with them for what the sources say of it."
        )
    if revived:
        notes.append(
            "Off-target finding recorded in the ##alkannotSample line when this VCF was annotated as not counted after "
            f"that run's latest drug, counted as a candidate by this run after {latest}: {_named(revived)} "
            f"({evidence}); rerun with them for what the sources say of it."
        )
    if dropped:
        notes.append(
            "Off-target candidate recorded in the ##alkannotSample line when this VCF was annotated, not counted as "
            f"one by this run: {_named(dropped)} ({evidence}); see the note on it."
        )
    if still_aside:
        notes.append(
            "Off-target finding recorded in the ##alkannotSample line when this VCF was annotated as not counted after "
            f"the latest drug, listed and not counted by this run either: {_named(still_aside)} ({evidence}); see "
            "the note on it."
        )
    return notes


def _named(found) -> str:
    return "; ".join(f"{o.gene} {o.kind.replace('_', ' ')} ({o.description})" for o in found)


def _kept_mechanism(kb, verdict: SampleVerdict, counted, revived: bool) -> SampleVerdict:
    """The off-target mechanism a recorded candidate gives (kept from the record, or `revived`: a finding recorded
    as set aside after the annotate run's latest drug that this run counts after its own), the P-gp note saying that a
    candidate was recorded (not that no alteration was found), with a gain's FISH advice as the annotate run's note
    gave it (consistency check of stop 34)."""
    named = _named(counted)
    recorded_text = (
        f" An off-target finding recorded when this VCF was annotated counts as a candidate after this run's latest "
        f"drug ({named}); its evidence is not in this file (see the notes)."
        if revived
        else f" An off-target candidate was recorded when this VCF was annotated{f' ({named})' if named else ''}; "
        "its evidence is not in this file (see the notes)."
    ) + "".join(f" {o.gene} {o.caveat}." for o in counted if o.caveat)
    pgp = without_transformation(verdict.pgp, no_bypass_found(kb), recorded_text)
    caveats = tuple(s for o in counted if o.caveat for s in o.caveat_sources)
    return replace(verdict, mechanism=OFF_TARGET, pgp=replace(pgp, sources=tuple(dict.fromkeys(pgp.sources + caveats))))


__all__ = ["recorded_basis_counts", "with_recorded_off_target"]
