"""The off-target candidates an earlier `annotate` run recorded (##alkannotSample OffTarget=) whose evidence is not in
this file (a CNV caller's --sv VCF), and the findings it set aside after its latest drug (OffTargetSetAside=): inputs
of this run's verdict, judged with its own findings before the verdict is made (sample.sample_verdict), so that
`report` on an annotated output and re-annotating one give the verdict `annotate` gives on the original input: the
mechanism, the P-gp check and note, every per-drug note and the set-aside listing come from the one verdict function
(stop 40; until then the verdict was made without them and patched, and the per-drug notes said "whatever caused the
progression" where annotate named the candidate). A recorded candidate this run no longer counts after the latest
drug (offtarget_notes.not_counted_after: a MET gain after crizotinib, recorded by an alkannot older than stop 38's
clinical review, finding 2) is listed with the note why; a finding recorded as set aside is listed again, and counted
where this run's latest drug is one after which it counts (stop 39). The notes here say which findings were recorded.

What cannot be an input stays a patch (`with_unnamed_recorded_candidate`): an output older than OffTarget= (stop 33)
recorded Mechanism=off_target_candidate without naming the candidate, so there is nothing to judge."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .bypass_coverage import COVERAGE_KINDS, GeneCoverage
from .log import log
from .offtarget_notes import named_findings
from .pgp_parts import each, whole
from .recorded_history import recorded_candidates, recorded_off_target
from .recorded_listed import LISTED, LISTED_KEY, recorded_listed, rejudged_gain
from .records import replace

if TYPE_CHECKING:
    from .offtarget import OffTarget
    from .sample_types import SampleVerdict


OFF_TARGET = "off_target_candidate"
OUTRANKED = ("unexplained", "on_target_possible")  # what an off-target candidate outranks (review 11, finding 5)
RECORDED_KEYS = (("OffTarget", "candidate"), ("OffTargetSetAside", "set_aside"))  # key -> OffTarget.recorded
EVIDENCE = "its evidence came from inputs not in this file, e.g. a CNV caller's --sv VCF"


def recorded_off_targets(kb, recorded: dict[str, dict[str, str]]) -> tuple[tuple[str, tuple[OffTarget, ...]], ...]:
    """(sample, the findings its ##alkannotSample line records: OffTarget=, OffTargetSetAside=, then OffTargetListed=,
    recorded_listed.py) of each line that names one, each marked where it comes from (OffTarget.recorded), for
    SampleContext.recorded_off_target; a recorded candidate this run lists by its record (`rejudged_gain`: another
    gene's CN-only gain) listed."""
    found = []
    for sample, items in recorded.items():
        named = tuple(
            rejudged_gain(kb, o) for key, kind in RECORDED_KEYS for o in recorded_candidates(kb, items.get(key), kind)
        )
        named += recorded_listed(kb, items.get(LISTED_KEY))
        if named:
            found.append((sample, named))
    return tuple(found)


COVERED = "OffTargetCovered"  # the ##alkannotSample key of the genes alkannot checks that the records reached


def recorded_screen_value(screened: tuple[GeneCoverage, ...]) -> str:
    """OffTargetCovered=: the genes alkannot checks that the sample's records reached, each with the kinds of record
    ('+'-joined) and the copy numbers read, '|'-joined ('MET:copy_number:CN=2|EGFR:small_variant'), read back by
    `recorded_screens`: a report of the output without its --sv VCF says what annotate said of MET (copy number
    only: CN 2), not that MET was not assessed."""
    return "|".join(
        f"{c.gene}:{'+'.join(c.kinds)}"
        + (f":CN={','.join(f'{cn:g}' for cn in c.copy_numbers)}" if c.copy_numbers else "")
        for c in screened
    )


def recorded_screens(recorded: dict[str, dict[str, str]]) -> tuple[tuple[str, tuple[GeneCoverage, ...]], ...]:
    """(sample, the genes its OffTargetCovered= value names) of each line that names one
    (SampleContext.recorded_screen); an item not in that form is left out."""
    found = []
    for sample, items in recorded.items():
        covered = tuple(c for c in map(_covered, (items.get(COVERED) or "").split("|")) if c is not None)
        if covered:
            found.append((sample, covered))
    return tuple(found)


def _covered(item: str) -> GeneCoverage | None:
    gene, _, rest = item.partition(":")
    kinds, _, levels = rest.partition(":")
    named = tuple(k for k in COVERAGE_KINDS if k in kinds.split("+"))
    numbers = levels.removeprefix("CN=").split(",") if levels.startswith("CN=") else []
    if not gene or not named or not all(re.fullmatch(r"[0-9]+(\.[0-9]+)?", n) for n in numbers):
        return None
    return GeneCoverage(gene, named, tuple(float(n) if "." in n else int(n) for n in numbers))


def with_recorded_candidates(found, recorded: tuple[OffTarget, ...]) -> list:
    """This run's off-target findings (`found`, before not_counted_after), then the recorded ones (`recorded`) it does
    not itself list: a candidate where it lists no candidate of the same gene and kind, a finding recorded as listed
    (OffTargetListed=), or recorded as a candidate and listed by this run (rejudged_gain), where it lists none of the
    same gene, kind and record; both are judged by not_counted_after next."""
    counted = {(o.gene, o.kind) for o in found if o.candidate}
    listed = {(o.gene, o.kind, o.description) for o in found}

    def new(o) -> bool:
        if o.recorded == LISTED or not o.candidate:
            return (o.gene, o.kind, o.description) not in listed
        return (o.gene, o.kind) not in counted

    return [*found, *(o for o in recorded if new(o))]


def recorded_candidate_notes(off_target, latest: str | None) -> list[str]:
    """The notes saying which off-target findings an annotate run recorded, as this run judged them: the candidates
    it counts, the findings set aside then that it counts after its latest drug, the candidates it does not count
    after the latest drug, the findings set aside then and now, and the findings listed and not counted then
    (OffTargetListed=: listed again, each with its statement; counted by this run only where its table now sources
    the gene)."""
    recorded = "recorded in the ##alkannotSample line when this VCF was annotated"
    rerun, see = "rerun with them for what the sources say of it.", "see the note on it."
    said = (
        ("candidate", True, f"Off-target candidate {recorded}: {{}}; {EVIDENCE}; {rerun}"),
        (
            "set_aside",
            True,
            f"Off-target finding {recorded} as not counted after that run's latest drug, counted as a candidate by "
            f"this run after {latest}: {{}}; {EVIDENCE}; {rerun}",
        ),
        (
            "candidate",
            False,
            f"Off-target candidate {recorded}, not counted as one by this run: {{}}; {EVIDENCE}; {see}",
        ),
        (  # another gene's CN-only gain, a candidate before stop 47 (rejudged_gain): its statement says why
            "candidate_listed",
            False,
            f"Off-target candidate {recorded}, not counted as one by this run: {{}}; {EVIDENCE}; listed: see the "
            "off-target findings.",
        ),
        (
            "set_aside",
            False,
            f"Off-target finding {recorded} as not counted after the latest drug, listed and not counted by this run "
            f"either: {{}}; {EVIDENCE}; {see}",
        ),
        (
            LISTED,
            False,
            f"Off-target finding listed, not counted as an off-target candidate, by the annotate run and {recorded}: "
            f"{{}}; {EVIDENCE}; listed again: see the off-target findings.",
        ),
        (
            LISTED,
            True,
            f"Off-target finding listed, not counted as an off-target candidate, by the annotate run and {recorded}, "
            f"counted as one by this run: {{}}; {EVIDENCE}; {rerun}",
        ),
    )
    notes = []
    for kind, counted, text in said:
        found = [o for o in off_target if _recorded_as(o) == kind and o.candidate == counted]
        if found:
            notes.append(text.format(named_findings(found)))
    return notes


def _recorded_as(o) -> str:
    """How `o` was recorded, for the notes: 'candidate_listed' for a candidate this run lists by its own record
    (rejudged_gain: not set aside after the latest drug, and not a candidate), else OffTarget.recorded."""
    if o.recorded == "candidate" and not o.candidate and not o.not_counted_after:
        return "candidate_listed"
    return o.recorded


def with_unnamed_recorded_candidate(verdict: SampleVerdict, recorded: dict[str, str]) -> SampleVerdict:
    """`verdict` with the recorded Mechanism=off_target_candidate kept where the line names no finding (neither
    OffTarget= nor OffTargetSetAside=: an output older than stop 33), no positive ABCB1 IHC of its sheet (Abcb1Ihc=)
    gave it (this run's own sheet judges the IHC again: pgp.affected, clinical review of stop 38, finding 4), and this
    run shows no candidate of its own. Nothing names the candidate, so it cannot enter the verdict as the named ones
    do (sample.sample_verdict): the mechanism is kept as recorded, the P-gp note says that a candidate was recorded
    (not that no alteration was found), and the per-drug notes stay those of a progression nothing here explains."""
    if (
        recorded.get("Mechanism") != OFF_TARGET
        or any(recorded_off_target(recorded.get(key)) for key, _ in RECORDED_KEYS)
        or recorded.get("Abcb1Ihc") == "positive"
        or verdict.mechanism not in OUTRANKED
        or any(o.candidate for o in verdict.off_target)
    ):
        return verdict
    text = (
        " An off-target candidate was recorded when this VCF was annotated; its evidence is not in this file (see the "
        "notes)."
    )
    note = (
        f"Off-target candidate recorded in the ##alkannotSample line when this VCF was annotated ({EVIDENCE}); rerun "
        "with them for what the sources say of it."
    )
    pgp = with_recorded_candidate(verdict.pgp, text)
    return replace(verdict, mechanism=OFF_TARGET, pgp=pgp, notes=(*verdict.notes, note))


def with_recorded_candidate(pgp, recorded: str):
    """The P-gp assessment `pgp` with its sentences on the genes alkannot checks (PgpAssessment.screen, as the note
    says them: that no alteration was found) said as `recorded` (an off-target candidate was recorded when the VCF
    was annotated), and without the sources the note cites there only (PgpAssessment.screen_sources), both as the
    note was built, not found again in its text; the prompt to review the histology for small-cell transformation
    stays, as beside any off-target candidate (clinical review of stop 42, finding 5). A note that does not say them
    is kept."""
    if not pgp.screen:
        return pgp
    note = pgp.note.replace(pgp.screen, recorded, 1)
    parts = whole(each(pgp.parts, lambda t: t.replace(pgp.screen, recorded, 1)), note) if pgp.parts else ()
    sources = tuple(s for s in pgp.sources if s not in pgp.screen_sources)
    return replace(pgp, note=note, sources=sources, parts=parts, screen="", screen_says=(), screen_sources=())


def warn_rejudged(verdict: SampleVerdict, recorded: dict[str, str], source: str) -> bool:
    """Whether the recorded Mechanism=off_target_candidate rested on findings this run lists and does not count after
    its latest drug, or lists by their record (rejudged_gain: another gene's CN-only gain, a candidate before stop 47;
    met47b), and no other candidate takes its place: then one warning says why this run's verdict differs, not the
    header/run mismatch warning."""
    latest = verdict.progressed_on[-1] if verdict.progressed_on else None
    after = any(o.recorded and o.not_counted_after for o in verdict.off_target)
    gains = any(_recorded_as(o) == "candidate_listed" for o in verdict.off_target)
    if recorded.get("Mechanism") != OFF_TARGET or verdict.mechanism not in OUTRANKED or not (after or gains):
        return False
    why = (
        f"after progression on {latest} (listed; see its note)"
        if after
        else "on its own: a copy-number gain of a gene other than MET that the caller did not call amplification "
        "(listed; see the off-target findings)"
    )
    log.warning(
        "%s: %s: the VCF header records Mechanism=off_target_candidate from OffTarget=%s, which this run does not "
        "count as an off-target candidate %s: this run computes %s and PgpCheck=%s (the header's PgpCheck=%s)",
        source,
        verdict.sample,
        recorded.get("OffTarget"),
        why,
        verdict.mechanism,
        verdict.pgp.check,
        recorded.get("PgpCheck"),
    )
    return True


__all__ = [
    "COVERED",
    "recorded_candidate_notes",
    "recorded_off_targets",
    "recorded_screen_value",
    "recorded_screens",
    "warn_rejudged",
    "with_recorded_candidates",
    "with_unnamed_recorded_candidate",
    "with_recorded_candidate",
]
