"""The off-target candidates an earlier `annotate` run recorded (##alkannotSample OffTarget=) whose evidence is not in
this file (a CNV caller's --sv VCF), judged as this run judges its own: one rule for `report` on an annotated output
and for re-annotating one, so that both give the verdict `annotate` gives on the original input. A recorded
candidate this run no longer counts after the latest drug (offtarget_notes.not_counted_after: a MET gain after
crizotinib, recorded by an alkannot older than stop 38's clinical review, finding 2) is listed with the note why,
and the recorded verdict that rested on it is not kept (stop 39)."""

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
    rejudged = not_counted_after(recorded_candidates(kb, recorded.get("OffTarget")), latest)
    listed = {(o.gene, o.kind) for o in verdict.off_target if o.candidate or o.not_counted_after}
    found = tuple(o for o in rejudged if (o.gene, o.kind) not in listed)
    counted = tuple(o for o in found if o.candidate)
    shown = any(o.candidate for o in verdict.off_target)
    # its evidence missing here leaves either verdict an off-target candidate outranks
    lost = mechanism == OFF_TARGET and verdict.mechanism in OUTRANKED and not shown
    kept = lost and recorded_basis_counts(rejudged, recorded)
    if found or kept:
        alk_shown = verdict.pgp.context not in ("alk_negative", "alk_not_established", "alk_status_discordant")
        said = _recorded_notes(counted, tuple(o for o in found if not o.candidate), kept)
        context = candidate_context_notes(kb, found, latest, alk_shown)  # as the annotate run said them
        pointer = off_target_pointer(kb, verdict.off_target), off_target_pointer(kb, verdict.off_target + found)
        verdict = replace(verdict, off_target=verdict.off_target + found, notes=(*verdict.notes, *said, *context))
        if not kept and pointer[0] in verdict.pgp.note:  # a finding set aside: named as this run names its own
            verdict = replace(verdict, pgp=replace(verdict.pgp, note=verdict.pgp.note.replace(*pointer)))
    if kept:
        verdict = _kept_mechanism(kb, verdict, counted)
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


def _recorded_notes(counted, set_aside, kept: bool) -> list[str]:
    """The notes saying which off-target candidates were recorded: those this run counts (or, where the record names
    none, that one was), then those it sets aside after the latest drug."""
    evidence = "its evidence came from inputs not in this file, e.g. a CNV caller's --sv VCF"
    notes = []
    if counted or kept:
        named = "; ".join(f"{o.gene} {o.kind.replace('_', ' ')} ({o.description})" for o in counted)
        notes.append(
            "Off-target candidate recorded in the ##alkannotSample line when this VCF was annotated"
            f"{f': {named}' if named else ''} ({evidence}); rerun with them for what the sources say of it."
        )
    if set_aside:
        named = "; ".join(f"{o.gene} {o.kind.replace('_', ' ')} ({o.description})" for o in set_aside)
        notes.append(
            "Off-target candidate recorded in the ##alkannotSample line when this VCF was annotated, not counted as "
            f"one by this run: {named} ({evidence}); see the note on it."
        )
    return notes


def _kept_mechanism(kb, verdict: SampleVerdict, counted) -> SampleVerdict:
    """The recorded off-target mechanism kept, the P-gp note saying that a candidate was recorded (not that no
    alteration was found), with a gain's FISH advice as the annotate run's note gave it (consistency check of
    stop 34)."""
    named = "; ".join(f"{o.gene} {o.kind.replace('_', ' ')} ({o.description})" for o in counted)
    recorded_text = (
        f" An off-target candidate was recorded when this VCF was annotated{f' ({named})' if named else ''}; its "
        "evidence is not in this file (see the notes)." + "".join(f" {o.gene} {o.caveat}." for o in counted if o.caveat)
    )
    pgp = without_transformation(verdict.pgp, no_bypass_found(kb), recorded_text)
    caveats = tuple(s for o in counted if o.caveat for s in o.caveat_sources)
    return replace(verdict, mechanism=OFF_TARGET, pgp=replace(pgp, sources=tuple(dict.fromkeys(pgp.sources + caveats))))


__all__ = ["recorded_basis_counts", "with_recorded_off_target"]
