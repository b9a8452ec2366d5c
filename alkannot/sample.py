"""Per-sample verdict: which samples, the ALK mutations each carries, fusion status, the combined
per-inhibitor call, `mechanism`, `pgp_check` with its note, and off-target candidates.

Pure: `sample_verdicts()` reads a pass-1 Survey, a parsed sample sheet (in the SampleContext) and a knowledge base
and does no I/O; verdicts.py gathers those inputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .alk_status import alk_positivity, discordance_notes, discordant_with_negative_status
from .alterations import parse_alteration
from .compound_grouping import compound_vaf_notes, group_compound, sample_compound
from .consequence import reportable
from .copynumber import AlkCopyNumber
from .filters import failed_only_for_the_normal
from .flag_words import LOW_VAF_WORDS
from .genotype import allele_vaf, alt_reads, called_carrier, carries, phase_fields
from .genotype_readings import genotype_readings
from .mechanism import mechanism_of
from .offtarget import OffTarget, off_target_candidates
from .offtarget_notes import candidate_context_notes, not_counted_after
from .offtarget_screen import sample_screen
from .pgp import PgpAssessment, PgpInputs, cut_off_said_once, pgp_assessment
from .pgp_beside import MAY_REDUCE, PGP_LINE_KINDS, genotype_objections, named_records, pgp_before_figures, pgp_line
from .pgp_effects import pgp_facts
from .pgp_unsettled import marked_unsettled
from .readings import held_in_part, marked_basis
from .recorded_lookup import first_recorded, recorded_value
from .recorded_offtarget import recorded_candidate_notes, with_recorded_candidates
from .records import replace
from .repeated_changes import add_once, change_key
from .sample_copy_number import (
    copy_number_notes,
    copy_number_readings,
    sample_copy_number_gains,
    sample_kinase_deletions,
)
from .sample_notes import (
    compound_notes,
    explanation_notes,
    min_vaf_notes,
    mutation_notes,
    with_normal_caveat,
    with_uncounted_calls,
)
from .sample_types import (
    AlkMutation,
    Compound,
    InhibitorVerdict,
    SampleContext,
    SampleInputs,
    SampleVerdict,
    demoted,
    genotype_marks,
)
from .sites_only_compound import sites_only_compound
from .sourced_text import cited, gai16_caveats, notes_identified_once
from .unestablished_origin import basis_change, with_unestablished_origin
from .untried import FUSION_ALONE, calls_after_progression, not_carried_over

if TYPE_CHECKING:
    from .samplesheet import SheetRow


# ---------------------------------------------------------------- mutations of one sample
def sample_mutations(survey, sample: str, min_vaf: float | None, normals: tuple[str, ...] = ()) -> list[AlkMutation]:
    """The ALK changes `sample` carries. A sites-only VCF (no sample columns) is one sample that
    carries every ALT of every record (CONTRACT.md version 2); its VAF is unknown. `normals`: the matched
    normals left out of the report, whose called genotypes mark a change as germline (`in_normal`). Pass 1 keeps
    a record's values for its carriers only (survey.py): a sample it left out carries none of the changes listed."""
    found: list[AlkMutation] = []
    seen: dict[tuple, int] = {}  # a change two records give, once (repeated_changes.py)
    sites_only = not survey.samples
    for index in sorted(survey.alk_records):
        rec = survey.alk_records[index]
        fmt = {} if sites_only else rec.samples.get(sample)
        if fmt is None:
            continue
        for allele, result in enumerate(rec.alleles, start=1):
            c = result.consequence
            alt = rec.alts[allele - 1]
            if not reportable(c, result.call) or not (sites_only or carries(fmt, allele, rec.ref, alt)):
                continue
            vaf, vaf_source, depth = (None, None, None) if sites_only else allele_vaf(fmt, allele, rec.ref, alt)
            phase_set, haplotype = phase_fields(fmt, allele)
            call = result.call
            in_normal = _in_normals(rec, normals, allele)
            add_once(
                found,
                seen,
                change_key(rec, allele, c),
                AlkMutation(
                    protein_change=c.hgvsp[2:] if c.hgvsp.startswith("p.") else c.hgvsp,
                    hgvsp=c.hgvsp,
                    hgvsc=c.hgvsc,
                    consequence=c.consequence,
                    region=c.region,
                    aa_position=c.aa_start,
                    chrom=rec.chrom,
                    pos=rec.pos,
                    ref=rec.ref,
                    alt=rec.alts[allele - 1],
                    filter=rec.filter,
                    vaf=vaf,
                    vaf_source=vaf_source,
                    depth=depth,
                    low_vaf=min_vaf is not None and vaf is not None and vaf < min_vaf,
                    resistance=call.resistance if call is not None else "unknown" if c.ref_mismatch else "none",
                    calls=tuple((name, ic.category) for name, ic in (call.calls.items() if call else ())),
                    evidence=tuple(call.evidence) if call is not None else (),
                    sources=call.counted_sources if call is not None else (),
                    listed_sources=call.listed_sources if call is not None else (),
                    phase_set=phase_set,
                    haplotype=haplotype,
                    record=index,
                    ref_mismatch=c.ref_mismatch,
                    in_normal=in_normal,
                    filter_shared_with=_filter_shared_with(rec, sample, normals, allele, in_normal),
                    location=c.location,
                    clonality_tested=min_vaf is not None,
                ),
            )
    return found


def _in_normals(rec, normals: tuple[str, ...], allele: int) -> tuple[str, ...]:
    """The matched normals whose called genotype carries ALT `allele`; on a record the caller filtered only because
    of the normal (Mutect2's normal_artifact, germline), those with reads for it too: Mutect2 writes a normal's GT
    as 0/0 however many alt reads it has (clinical review of stop 36, finding 1). A passing record's alt reads in
    the normal stay the tumour's: the caller weighed them."""
    by_reads = failed_only_for_the_normal(rec.filter)
    alt = rec.alts[allele - 1]
    return tuple(
        n
        for n in normals
        if called_carrier(rec.samples.get(n), allele)
        or (by_reads and alt_reads(rec.samples.get(n) or {}, allele, rec.ref, alt))
    )


def _filter_shared_with(
    rec, sample: str, normals: tuple[str, ...], allele: int, in_normal: tuple[str, ...]
) -> tuple[str, ...]:
    """Where `in_normal` (_in_normals' reading) holds the matched normals by their reads for ALT `allele` alone, no
    called genotype, on a record filtered only for the normal: the file's other samples that carry it or hold reads
    for it. In a VCF merged from several tumour/normal pairs (bcftools merge joins the pairs' filters) the FILTER may
    then have been set for another pair (review of stop 37's fixes, finding 9)."""
    if not in_normal or any(called_carrier(rec.samples.get(n), allele) for n in in_normal):
        return ()  # in no normal, or in one by its genotype call
    alt = rec.alts[allele - 1]
    return tuple(
        s
        for s, fmt in rec.samples.items()
        if s != sample
        and s not in normals
        and (called_carrier(fmt, allele) or alt_reads(fmt or {}, allele, rec.ref, alt))
    )


# ---------------------------------------------------------------- per-inhibitor call
def combined_calls(
    kb,
    mutations: list[AlkMutation],
    compound: Compound | None,
    compound_call,
    fusion_call,
    progressed: tuple[str, ...],
    gains: tuple[AlkCopyNumber, ...] = (),
    possible_fusion: bool = False,
) -> tuple[InhibitorVerdict, ...]:
    kd = [m for m in mutations if m.counts_for_resistance]
    unevaluable = [m.label for m in mutations if m.unevaluable]
    subclonal, genotype_unknown = False, False
    if compound is not None and compound_call is not None:  # set together by sample_verdict
        call, basis = compound_call, compound.label
        if _all_calls_subclonal(kd, compound):
            basis = held_in_part(basis, f"{LOW_VAF_WORDS} part")
            subclonal = True
    elif kd:
        # a clonal change first: one below --min-vaf beside it is a minor change (compound_grouping.minor_changes)
        best = basis_change(kd)  # a possibly germline change last (unestablished_origin.py)
        call = kb.call_variant(best.protein_change, best.aa_position, best.in_kinase_domain)
        basis = best.protein_change
        if best.low_vaf:
            vaf = f", VAF {best.vaf:.1%}" if best.vaf is not None else ""
            basis = held_in_part(basis, f"{LOW_VAF_WORDS}{vaf}")
            subclonal = True
    elif unevaluable:  # not 'without an ALK mutation': a kinase-domain record could not be evaluated
        call, basis = fusion_call, f"{'ALK fusion; ' if fusion_call is not None else ''}{', '.join(unevaluable)}"
        genotype_unknown = fusion_call is not None
    elif fusion_call is not None:
        call, basis = fusion_call, FUSION_ALONE + _listed_others(mutations)
    elif possible_fusion:  # awaits IHC or RNA: no fusion-based call rests on it
        call, basis = (
            None,
            "a possible ALK fusion only (not confirmed; no fusion-based call)" + _listed_others(mutations),
        )
    else:
        call, basis = None, "no ALK resistance alteration found" + _listed_others(mutations)
    # without an ALK mutation, a gain the caller called amplification (copynumber.FIRM_LEVELS) sets the call of
    # every inhibitor the knowledge base has an amplification call for; any other gain only adds a note
    firm = [g for g in gains if g.firm] if compound_call is None and not kd else []
    amplification = kb.call(parse_alteration("amplification")) if gains else None
    verdicts = []
    for name in kb.inhibitor_names:
        ic = call.calls.get(name) if call is not None else None
        own_basis, own_subclonal = _subclonal_basis(basis, subclonal, compound, name)
        amp = amplification.calls.get(name) if amplification is not None else None
        if firm and amp is not None and amp.category != "unknown":
            ic, own_basis = amp, firm[0].label  # its label names the call: not a second bracket after its own
        verdict = InhibitorVerdict(
            name,
            ic.category if ic else "unknown",
            own_basis,
            evidence_kinds=tuple(ic.evidence_kinds) if ic else (),
            inferred=ic.inferred if ic else False,
            progressed_on=name in progressed,
            note=ic.note if ic else kb.agent_status(name),  # an investigational agent's status, whatever the call
            # an unknown no statement decides rests on no change (review 14, finding 4; a listed one neither: review
            # of stop 32, finding 8); a compound's unknown, sourced or inferred from its parts, rests on the compound
            subclonal=own_subclonal
            and ic is not None
            and (ic.category != "unknown" or bool(ic.deciding_votes or compound and ic.sources) or ic.inferred),
            **genotype_marks(ic),
        )
        if gains and ic is not amp:
            verdict = replace(verdict, note="; ".join(n for n in (verdict.note, _gain_note(gains, amp, firm)) if n))
        if genotype_unknown:
            verdict = _genotype_not_established(kb, verdict)
        if name in progressed:
            from .progression import with_progression  # only a drug the patient progressed on

            verdict = with_progression(kb, verdict, mutations, progressed, compound)
        verdicts.append(verdict)
    return tuple(verdicts)  # untried drugs after progression: untried.py; uncounted known changes: with_uncounted_calls


def _gain_note(gains, amp, firm) -> str:
    """An ALK gain beside a call it does not set: present, the knowledge base's amplification call, and, where that
    call exists but the caller did not call the gain amplification, that it is not counted, said before the call so
    that 'sensitive ...; ... resistant' does not read as a contradiction (clinical review of stop 38, finding 6)."""
    said = amp.category if amp is not None and amp.category != "unknown" else "no data"
    unset = ", not counted in this call (the caller did not call it amplification)"
    unset = unset if said != "no data" and not firm else ""
    return f"{', '.join(g.label for g in gains)} present{unset}; ALK amplification in the knowledge base: {said}"


def _all_calls_subclonal(kd: list[AlkMutation], compound: Compound) -> bool:
    """Whether every call of the compound holds at most in part of the tumour: a part below --min-vaf, and no
    clonal dominant part. Beside a clonal dominant part (G1202R at 30%, L1240S at 2% in cis), the calls the dominant
    part gives on its own hold in the bulk, and only those resting on the minor part are marked (`_subclonal_basis`;
    clinical review of stop 30, finding 1: G1202R's own crizotinib call read 'subclonal basis')."""
    low = {m.protein_change for m in kd if m.protein_change in compound.changes and m.low_vaf}
    return bool(low) and not (compound.dominant and compound.dominant not in low)


def _subclonal_basis(basis: str, subclonal: bool, compound: Compound | None, name: str) -> tuple[str, bool]:
    """(basis, subclonal) of one inhibitor's call: a compound call that holds at most in the part of the tumour
    carrying its minor change (`Compound.subclonal_calls`, compound_bulk.py) is marked as a part below --min-vaf is."""
    if subclonal or compound is None or name not in compound.subclonal_calls:
        return basis, subclonal
    return held_in_part(basis, f"{LOW_VAF_WORDS} part"), True


def _listed_others(mutations: list[AlkMutation]) -> str:
    """' (D1529V outside the kinase domain; R1275Q activating: listed, not resistance mutations)': the ALK
    changes the report lists that the verdict does not count, so that 'no ALK resistance mutation' does not read
    as contradicting the mutation table above it (clinical review 2026-12-01, third reading, finding 4)."""
    said = []
    for m in mutations:
        if not m.passed or m.counts_for_resistance:
            continue
        why = (
            "in the matched normal"
            if m.in_normal
            else "activating"
            if m.resistance == "activating"
            else "outside the kinase domain"
            if not m.in_kinase_domain
            else "truncating"
            if m.truncating
            else ""
        )
        said.append(f"{m.protein_change} {why}".strip())
    if not said:
        return ""
    said = list(dict.fromkeys(said))
    return (
        f" ({'; '.join(said)}: listed, {'not a resistance mutation' if len(said) == 1 else 'not resistance mutations'})"
    )


def _genotype_not_established(kb, verdict: InhibitorVerdict) -> InhibitorVerdict:
    """A kinase-domain record whose REF disagrees with the reference may be a resistance mutation or nothing:
    the fusion's call for a tumour without an ALK mutation does not apply to a tumour whose mutation status is
    not established. The call is `unknown`, the fusion-level call kept in the note."""
    return not_carried_over(
        kb,
        verdict,
        f"a kinase-domain record disagrees with the reference ({verdict.basis.removeprefix('ALK fusion; ')}), so "
        "the ALK mutation status is not established; the call for the fusion without an ALK resistance mutation",
        because="",  # said in the note: the mutation status is not established
    )


def _with_abcb1_ihc(kb, verdicts: tuple[InhibitorVerdict, ...], positive: bool) -> tuple[InhibitorVerdict, ...]:
    """A positive ABCB1 (P-gp) IHC in the sample sheet (`positive`; of an ALK-positive tumour): a drug whose activity
    P-gp overexpression reduces (KAT16: crizotinib, ceritinib) is not called sensitive or intermediate on its genotype
    alone: `unknown`, the note saying why, with the sources. A drug the sources only suspect it of (brigatinib,
    ensartinib) keeps its call, with the caveat in the note (and marked: pgp_unsettled.marked_unsettled)."""
    if not positive:
        return verdicts
    facts = pgp_facts(kb)
    out = []
    for verdict in verdicts:
        kind = facts.kind(verdict.inhibitor)
        if kind not in PGP_LINE_KINDS:
            out.append(verdict)
            continue
        info = kb.inhibitor(verdict.inhibitor)
        note = pgp_line(kb, info, kind)
        if kind == "possible" or verdict.category not in ("sensitive", "intermediate"):
            if kind == "affected" and not verdict.progressed_on:  # before any trial figure (review 21, finding 5)
                note = pgp_before_figures(verdict.note, note)
            else:
                note = "; ".join(n for n in (verdict.note, note) if n)
            out.append(replace(verdict, note=note))
            continue
        note += (
            f"; the genotype-based call ({verdict.category}, {marked_basis(verdict.basis, verdict.evidence_mark)})"
            f"{cited(kb, verdict.sources)} is not used "
            f"for this patient, because {MAY_REDUCE}"
        )
        out.append(  # cited: the IHC and the source of what P-gp does; the genotype call's sources in the note
            demoted(
                verdict,
                category="unknown",
                subclonal=False,
                evidence_kinds=("this_patient_abcb1_ihc",),
                sources=tuple(dict.fromkeys(("sample_sheet",) + info.pgp_confers_resistance_sources)),
                note="; ".join(n for n in (note, verdict.note) if n),
            )
        )
    return tuple(out)


# ---------------------------------------------------------------- one sample
def _fusion_for(
    survey, sample: str, context: SampleContext, row: SheetRow | None
) -> tuple[str, list, tuple[bool, bool]]:
    from .fusions import FusionResult, sample_fusion_status

    result = survey.fusion_result or FusionResult({}, ())
    sv_seen, tables_seen = _fusion_evidence_seen(survey, sample, context)
    external = row.alk_status_text if row is not None and row.alk_status == "positive" else None
    status, calls = sample_fusion_status(sample, result, sv_seen, tables_seen, external)
    recorded = recorded_value(context.recorded_fusion, sample, "not_assessed")  # none recorded: as not assessed
    if status in ("not_assessed", "positive_external") and recorded not in ("not_assessed", status):
        # `alkannot report` on an annotated VCF: the SV evidence of the annotate run is not in this file
        if status == "not_assessed" or recorded in ("positive", "possible"):
            status = recorded
    return status, calls, (sv_seen, tables_seen)


def _recorded_call(sample: str, context: SampleContext) -> tuple[str, str] | None:
    """(FusionPartner, FusionVariant) of the sample's ##alkannotSample line, where it records them."""
    found = first_recorded(context.recorded_fusion_call, sample)
    return (found[0], found[1]) if found is not None else None


def _describe_call(call, sample: str) -> str:
    evidence = [
        e
        for e in call.evidence
        if not e.support or "" in e.support or any(n > 0 for n in (e.support.get(sample) or {}).values())
    ]
    kinds = sorted({e.kind for e in evidence})
    where = "; ".join(
        dict.fromkeys(
            f"{e.kind}: {_short(e.source)}" + _support_text(e, sample) + (f" ({e.note})" if e.note else "")
            for e in evidence
        )
    )
    variant = f" {call.variant}" if call.variant not in (".", "", None) else ""
    parts = (call.status, f"kinase {call.kinase}", _breakpoint_words(call.breakpoint), where or "/".join(kinds))
    return f"{call.fusion}{variant} [{'; '.join(p for p in parts if p)}]"  # no empty item (pipeline review of stop 36)


def _breakpoint_words(breakpoint: str) -> str:
    """'KIF5B:.|ALK:intron19' -> 'KIF5B exon/intron not mapped|ALK:intron19' (a partner without an exon table)."""
    return "|".join(
        f"{part[:-2]} exon/intron not mapped" if part.endswith(":.") else part for part in breakpoint.split("|")
    )


def _support_text(evidence, sample: str) -> str:
    """Read support as the caller names it (Manta PR/SR, DELLY DV/RV, GRIDSS VF, Arriba split_reads1...)."""
    counts = (evidence.support or {}).get(sample) or (evidence.support or {}).get("") or {}
    return (" " + " ".join(f"{k}={v}" for k, v in counts.items())) if counts else ""


def _copy_number(survey, sample: str, normals, context: SampleContext) -> tuple[list, list]:
    """(gains, deletions) over the ALK kinase domain in `sample`: this run's, else those an annotate run recorded
    (its --sv evidence not in this file: recorded_copy_number, finding 6 of the review of stop 37's fixes)."""
    gains, deletions = sample_copy_number_gains(survey, sample), sample_kinase_deletions(survey, sample, normals)
    if gains or deletions:
        return gains, deletions
    recorded = recorded_value(context.recorded_copy_number, sample)
    return [c for c in recorded if not c.deletion], [c for c in recorded if c.deletion]


def _fusion_call(kb, fusion: str, used: tuple[str, str] | None):
    """The knowledge base's call of a positive fusion, of the partner and variant `used` (EML4 where not known)."""
    partner = used[0] if used is not None and used[0] not in ("UNKNOWN", "") else "EML4"
    variant = used[1] if used is not None and used[1] not in (".", "") else None
    return kb.call_fusion(partner=partner, variant=variant) if fusion in ("positive", "positive_external") else None


def _short(path: str) -> str:
    """How a fusion call names the file its evidence came from: the file's name; standard input as the error messages
    name it; the whole path of a descriptor or device, whose last part alone says nothing (`--sv <(zcat sv.vcf.gz)`
    was "DNA: 63 PR=13 SR=16"; fresh-eyes review of stop 45, p1)."""
    text = str(path)
    if text == "input":
        return "input VCF"
    if text == "-":
        return "<stdin>"
    return text if text.startswith(("/dev/", "/proc/")) else text.rsplit("/", 1)[-1]


def sample_inputs(survey, sample: str, context: SampleContext, kb, normals: tuple[str, ...] = ()) -> SampleInputs:
    """What the verdict of `sample` reads of the sample itself (SampleInputs): everything of it that verdict_of uses,
    the survey's records, the sample sheet's row, and the header lines an annotate run recorded for it."""
    row = context.sheet.get(sample, survey.sheet_source) if context.sheet is not None else None
    mutations = with_unestablished_origin(sample_mutations(survey, sample, context.min_vaf, normals), context)
    fusion, calls, seen = _fusion_for(survey, sample, context, row)  # seen: (SV calls, fusion tables) cover it
    best = next((c for c in calls if c.status == "positive"), calls[0] if calls else None)
    # no SV/fusion-table call here: the one the annotate run recorded (##alkannotSample; review 13, finding 9)
    used = (best.partner, best.variant) if best is not None else _recorded_call(sample, context)
    # this run's off-target findings, then those an annotate run recorded (##alkannotSample OffTarget=,
    # OffTargetSetAside=; this file lacks their evidence, a CNV caller's --sv VCF): verdict_of judges them alike after
    # the latest drug (not_counted_after), before the verdict is made of them (recorded_offtarget.py)
    recorded = recorded_value(context.recorded_off_target, sample)
    off_target = with_recorded_candidates(off_target_candidates(kb, survey, sample), recorded)
    gains, deletions = _copy_number(survey, sample, normals, context)
    screened = sample_screen(survey, sample, context)
    return SampleInputs(
        row,
        tuple(mutations),
        fusion,
        tuple(calls),
        seen,
        used,
        tuple(off_target),
        tuple(gains),
        tuple(deletions),
        screened,
    )


def sample_verdict(
    survey, sample: str, role: str, context: SampleContext, kb, normals: tuple[str, ...] = ()
) -> SampleVerdict:
    inputs = sample_inputs(survey, sample, context, kb, normals)
    return named(verdict_of(inputs, role, context, kb, survey.display, survey.build), sample, inputs)


def named(verdict: SampleVerdict, sample: str, inputs: SampleInputs) -> SampleVerdict:
    """`verdict` (verdict_of's, which knows no sample's name) as the verdict of `sample`: its name, and its fusion
    calls described with the sample's own read support."""
    return replace(verdict, sample=sample, fusion_calls=tuple(_describe_call(c, sample) for c in inputs.calls))


def verdict_of(inputs: SampleInputs, role: str, context: SampleContext, kb, source: str, build: str | None):
    """The verdict made of one sample's `inputs` (sample_inputs), without its name and fusion-call descriptions
    (`named` adds them). Nothing here reads the sample's name or the survey: equal inputs give an equal verdict."""
    row, fusion, calls, used = inputs.row, inputs.fusion, inputs.calls, inputs.used
    mutations, gains, deletions = list(inputs.mutations), list(inputs.gains), list(inputs.deletions)
    compound, compound_call = sample_compound(kb, mutations)  # a germline change forms no compound
    compound, sites_only_notes = sites_only_compound(compound, role)  # no genotypes phase a sites-only input's
    best = next((c for c in calls if c.status == "positive"), calls[0] if calls else None)
    # a possible fusion (single/intergenic breakend, orphan mate) awaits IHC or RNA: no call rests on it (finding 3)
    fusion_call = _fusion_call(kb, fusion, used)
    progressed = row.progressed_on if row is not None and row.progressed_on else ()
    latest = progressed[-1] if progressed else None
    off_target = not_counted_after(list(inputs.off_target), latest)  # judged after the latest drug (sample_inputs)
    mutation_readings = genotype_readings(kb, mutations, compound, compound_call)
    readings = mutation_readings + copy_number_readings(kb, gains)
    alk_negative = row is not None and row.alk_status == "negative" and fusion != "positive"
    discordant = discordant_with_negative_status(row, fusion, best, mutations)
    alk_unestablished, alk_assumed = alk_positivity(row, fusion, mutations)
    # P-gp is a candidate mechanism where the IHC is positive and the latest progression was on a drug whose
    # activity P-gp overexpression reduces (KAT16: crizotinib, ceritinib); not for an untested or unstudied one
    ihc_positive = row is not None and row.abcb1_ihc == "positive"
    alk_shown = not (alk_negative or alk_unestablished)
    ihc_applies = ihc_positive and alk_shown
    pgp_positive = ihc_applies and not alk_assumed and latest is not None and pgp_facts(kb).kind(latest) == "affected"
    mechanism = mechanism_of(mutations, readings, off_target, latest, pgp_positive, tuple(gains + deletions), kb)
    assumed = "" if alk_negative else alk_assumed
    made = (compound, compound_call, sites_only_notes, mutation_readings, latest, off_target, alk_shown, mechanism)
    notes = _sample_notes(kb, inputs, context, made, discordant) if context.notes_read else []
    pgp_inputs = PgpInputs(row, readings, alk_negative, alk_unestablished, tuple(off_target), assumed, discordant)
    pgp_inputs = replace(pgp_inputs, **named_records(mutations, deletions), screened=inputs.screened)
    pgp_inputs = replace(pgp_inputs, clonality_tested=context.min_vaf is not None)  # pgp_explain.purity_condition
    genotype_calls = calls_after_progression(
        kb,
        combined_calls(
            kb, mutations, compound, compound_call, fusion_call, progressed, tuple(gains), fusion == "possible"
        ),
        mechanism,
        None if row is None or row.progressed_on is None else progressed,  # None: the history is not given
        any(m.counts_for_resistance for m in mutations),
        tuple(off_target),
        pgp_positive,
        gai16_caveats(kb, progressed, pgp_inputs.gai16_reading(latest), ihc_positive),
        readings,
    )
    # a known change in the normal or filtered is weighed after the untried-drug rule, in both its cases (RULES.md 8)
    genotype_calls = with_uncounted_calls(kb, genotype_calls, mutations)
    objections = genotype_objections(kb, genotype_calls, readings)  # beside the drugs the P-gp note offers (review 19)
    pgp = with_normal_caveat(kb, pgp_assessment(kb, replace(pgp_inputs, objections=objections)), mutations, latest)
    if context.notes_read:  # the notes are left out where none is read (SampleContext.notes_read)
        from .sample_negative_notes import mutation_negative_lorlatinib_notes  # where notes are read (issue 13)

        notes += mutation_negative_lorlatinib_notes(
            kb, mechanism, progressed, pgp_inputs.gai16_reading(latest), pgp, pgp_positive
        )
    return SampleVerdict(
        sample="",  # named() gives the name and the fusion calls' descriptions
        source=source,
        build=build,
        role=role,
        fusion=fusion,
        fusion_calls=(),
        alk_status=row.alk_status_text if row is not None else None,
        progressed_on=row.progressed_on if row is not None else None,
        mutations=tuple(mutations),
        alk_copy_number=tuple(gains + deletions),
        compound=compound,
        inhibitors=_said(marked_unsettled(kb, _with_abcb1_ihc(kb, genotype_calls, ihc_applies), ihc_applies), context),
        mechanism=mechanism,
        pgp=cut_off_said_once(pgp, notes) if context.notes_read else pgp,  # rev49, finding 5
        off_target=tuple(off_target),
        notes=tuple(notes),
        extra=row.extra if row is not None else (),
        abcb1=(row.abcb1_ihc, row.abcb1_tpm) if row is not None else (None, None),
        fusion_used=used if fusion_call is not None else None,
        screened=inputs.screened,
    )


def _sample_notes(kb, inputs: SampleInputs, context: SampleContext, made: tuple, discordant: str) -> list[str]:
    """The sample's notes, in the order the verdict gives them, from its `inputs` and what verdict_of `made` of them."""
    from .sample_negative_notes import sv_only_negative_notes, vus_without_alk_notes  # where notes are read (issue 13)

    compound, compound_call, sites_only_notes, mutation_readings, latest, off_target, alk_shown, mechanism = made
    row, fusion, calls, seen = inputs.row, inputs.fusion, inputs.calls, inputs.seen
    mutations, gains, deletions = list(inputs.mutations), list(inputs.gains), list(inputs.deletions)
    notes = mutation_notes(kb, mutations, fusion, row, context) + explanation_notes(kb, mutation_readings, latest)
    notes += copy_number_notes(kb, gains + deletions) + candidate_context_notes(kb, off_target, latest, alk_shown)
    notes += min_vaf_notes(mutations, mechanism, context, compound is not None, row, fusion)
    notes += compound_notes(kb, compound, compound_call, latest) + sites_only_notes
    notes += compound_vaf_notes(kb, mutations, compound, context) + recorded_candidate_notes(off_target, latest)
    notes += discordance_notes(kb, row, fusion, any(seen) and not calls, discordant)  # a possible call: no discord
    notes += sv_only_negative_notes(kb, fusion, *seen, row) + vus_without_alk_notes(mechanism, fusion, mutations, row)
    return notes


def _said(verdicts: tuple[InhibitorVerdict, ...], context: SampleContext) -> tuple[InhibitorVerdict, ...]:
    """The cells with their notes as read (sourced_text.notes_identified_once), where the notes are read."""
    return notes_identified_once(verdicts) if context.notes_read else verdicts


def _fusion_evidence_seen(survey, sample: str, context: SampleContext) -> tuple[bool, bool]:
    """(SV calls cover this sample, a fusion table covers this sample)."""
    sv = survey.sv_seen and (context.sv_samples is None or sample in context.sv_samples)
    tables = survey.tables_seen and (context.table_samples is None or sample in context.table_samples)
    return sv, tables


__all__ = [
    "SampleContext",
    "SampleVerdict",
    "AlkMutation",
    "InhibitorVerdict",
    "Compound",
    "OffTarget",
    "PgpAssessment",
    "sample_inputs",
    "verdict_of",
    "named",
    "sample_verdict",
    "carries",
    "allele_vaf",
    "group_compound",
]
