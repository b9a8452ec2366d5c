"""The P-gp (ABCB1) check of one sample (CONTRACT.md, version 2).

Whether to ask for ABCB1 IHC depends on the drug the patient progressed on most recently and on whether
an ALK mutation explains that progression:
- `recommended`: no mutation explains progression on an inhibitor whose activity P-gp overexpression
  reduces (crizotinib, ceritinib) or may reduce (sources disagree, or the drug is transported by ABCB1 but
  the tumour effect is untested, or nothing is known): the note says which, with sources;
- `low_yield`: the most recent progression was on an inhibitor P-gp overexpression did not affect
  (alectinib, lorlatinib): P-gp is an unlikely explanation, the note says why;
- `if_progressed`: treatment history unknown;
- `not_indicated`: a mutation explains the progression, no progression, ALK-negative or not established, or
  ABCB1 IHC already negative — the note gives the reason.
The flag's word opens the note, so the two never disagree. What P-gp does to each inhibitor comes from the
knowledge base's inhibitor table (`pgp_confers_resistance`, `abcb1_transport`, each sourced); sourced
sentences from resources/triage/statements.tsv; treatment options only from
resources/triage/lines_of_therapy.tsv, where a source supports activity in that line. Pure: no I/O beyond
reading the bundled resources.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from .note_identity import COUNTED_AT_ANY_VAF, is_kind
from .offtarget_notes import PGP_NOT_FROM_VCF, abcb1_said
from .offtarget_pointer import (
    TRANSFORMATION,
    also_listed,
    also_listed_said,
    names_candidate,
    pointer_screened,
    unexplained_screened,
)
from .offtarget_screen import COMMON_POLYMORPHISM
from .pgp_beside import (
    CONDITIONAL_WORDS,
    IF_ALK_POSITIVE,
    IHC_AS_RESEARCH,
    after_verdict,
    full_advice,
    not_evaluated,
    tpm_sentence,
    vus_clause,
    with_ihc,
)
from .pgp_effects import (
    PgpFacts,
    facts_pieces,
    facts_sentence,
    facts_sources,
    flag_sources,
    pgp_facts,
    positive_ihc_if_progressed,
    undecided_groups,
)
from .pgp_explain import (
    PURITY,
    UNTESTED,
    alteration_word,
    explained_by,
    explains,
    explanation,
    in_part_only,
    part_of_tumour,
    purity_condition,
    uncertain_clonality,
)
from .pgp_found import found_without_history, settling_of, unaffected_said, with_unaffected
from .pgp_parts import each, located, parts_identified_once, piece_identified_once, whole
from .pgp_records import PgpAssessment, PgpInputs
from .readings import Reading
from .records import replace
from .sourced_text import (
    display_name,
    inhibitor_list,
    resistance_sources,
    statement,
    statement_sources,
)

PGP_RECOMMENDED, PGP_LOW_YIELD = "recommended", "low_yield"
PGP_IF_PROGRESSED, PGP_NOT_INDICATED = "if_progressed", "not_indicated"
PGP_CHECKS = (PGP_RECOMMENDED, PGP_LOW_YIELD, PGP_IF_PROGRESSED, PGP_NOT_INDICATED)
_FLAG_WORDS = {
    PGP_RECOMMENDED: "Recommended",
    PGP_LOW_YIELD: "Low yield",
    PGP_IF_PROGRESSED: "If progressed",
    PGP_NOT_INDICATED: "Not indicated",
}


if TYPE_CHECKING:
    from .pgp_advice import Advice

    class _Shared(TypedDict):
        """The PgpAssessment fields every outcome of one sample's check carries alike."""

        not_affected: tuple[str, ...]
        affected: tuple[str, ...]
        conflicting: tuple[str, ...]
        untested: tuple[str, ...]
        no_data: tuple[str, ...]
        ihc: str | None
        tpm: float | None

else:  # what calling a TypedDict makes is a dict: no TypedDict is made at import (the class form compiled a ForwardRef
    # per annotation, the functional form type-checks each value, at every start: issue 13)
    _Shared = dict


CONTEXTS = (
    "after_affected",
    "after_possibly_affected",
    "after_unaffected",
    "explained_by_mutation",
    "no_history",
    "no_progression",
    "alk_negative",
    "alk_not_established",
    "alk_status_discordant",
)


def _flagged(check: str, text: str, done: bool = False) -> str:
    """'Recommended: ...'; `done`: 'Recommended (done): ...', the check already in the sample sheet, finding first."""
    return f"{_FLAG_WORDS[check]}{' (done)' if done else ''}: {text}"


# ---------------------------------------------------------------- the check (its inputs: pgp_inputs.PgpInputs)
def pgp_assessment(kb, inputs: PgpInputs) -> PgpAssessment:
    """The P-gp check of one sample and its note, each source's identifier given once (identified_once); the
    sources of an off-target candidate's caveat the note says (a MET gain's SCHMITT21) among its sources (review
    of stop 28's change)."""
    assessment = _assessment(kb, inputs)
    says = set(assessment.off_target_said)  # as built (offtarget_pointer.Said), on each path
    caveats = [s for o in inputs.off_target if o.caveat and o.caveat in says for s in o.caveat_sources]
    # in the note's order: the polymorphism cut-off said before the transformation prompt, as cited
    keys = [key for key in (COMMON_POLYMORPHISM, TRANSFORMATION, PGP_NOT_FROM_VCF) if key in says]
    said = [*caveats, *(s for key in keys for s in statement_sources(key))]
    sources = tuple(dict.fromkeys((*assessment.sources, *said)))
    check_sources = flag_sources(kb, assessment.check_sources)
    note, screen = piece_identified_once(assessment.note, assessment.screen)
    # the screen's sources that no other sentence of the note cites: the advice's, the caveats', the other statements'
    elsewhere = {
        *assessment.sources,
        *caveats,
        *statement_sources(*(k for k in keys if k not in assessment.screen_says)),
    }
    only = tuple(s for s in statement_sources(*assessment.screen_says) if s not in elsewhere) if screen else ()
    parts = parts_identified_once(assessment.parts) if assessment.parts else ()
    return replace(
        assessment,
        note=note,
        sources=sources,
        check_sources=check_sources,
        parts=whole(parts, note),
        screen=screen,
        screen_sources=only,
    )


def _assessment(kb, inputs: PgpInputs) -> PgpAssessment:
    facts = pgp_facts(kb)
    row = inputs.row
    ihc = row.abcb1_ihc if row is not None else None
    tpm = row.abcb1_tpm if row is not None else None
    history = row.progressed_on if row is not None else None
    conflicting, untested, no_data = undecided_groups(kb, facts)
    base = _Shared(
        not_affected=facts.unaffected,
        affected=facts.affected,
        conflicting=conflicting,
        untested=untested,
        no_data=no_data,
        ihc=ihc,
        tpm=tpm,
    )
    if inputs.alk_discordant:
        return PgpAssessment(
            PGP_NOT_INDICATED,
            "alk_status_discordant",
            _flagged(
                PGP_NOT_INDICATED,
                f"the sample sheet gives the tumour as ALK-negative ({row.alk_status_text if row else ''}), but "
                f"this input shows {inputs.alk_discordant}. Resolve the ALK status (repeat IHC/FISH, or RNA) "
                "before acting on any call in this report; the P-gp question applies to ALK-positive tumours "
                "that progressed on an ALK inhibitor.",
            ),
            **base,
        )
    if inputs.alk_negative:
        return PgpAssessment(
            PGP_NOT_INDICATED,
            "alk_negative",
            _flagged(PGP_NOT_INDICATED, "the sample sheet gives the tumour as ALK-negative."),
            **base,
        )
    if inputs.alk_unestablished:
        # a sheet that records no progression (progressed_on none): that is the reason, and leads; the ALK remark
        # follows (stop 48 review: 'ALK positivity is not established' led the note of a tumour never treated)
        never_progressed = history is not None and not history
        return PgpAssessment(
            PGP_NOT_INDICATED,
            "alk_not_established",
            _flagged(
                PGP_NOT_INDICATED,
                "the sample sheet records no progression on an ALK inhibitor, so there is no resistance to explain. "
                f"ALK positivity is not established ({inputs.alk_unestablished}); confirm the ALK status first."
                if never_progressed
                else f"ALK positivity is not established ({inputs.alk_unestablished}). The P-gp question applies "
                "to ALK-positive tumours that progressed on an ALK inhibitor; confirm the ALK status first.",
            ),
            **base,
        )
    if history is None:
        assessment = _history_unknown(kb, facts, inputs, base)
    elif not history:
        from .pgp_ihc import untreated_ihc  # pgp_ihc's sentences where they are said (a run may say none, issue 13)

        untreated, keys = untreated_ihc(kb, facts, ihc)
        return PgpAssessment(
            PGP_NOT_INDICATED,
            "no_progression",
            _flagged(PGP_NOT_INDICATED, "the sample sheet records no progression on an ALK inhibitor.") + untreated,
            **base,
            sources=keys,
        )
    else:
        assessment = _after_progression(kb, facts, inputs, history, base)
    if inputs.alk_assumed and assessment.check != PGP_NOT_INDICATED:
        return _until_alk_status(kb, inputs, assessment)
    return assessment


def cut_off_said_once(pgp: PgpAssessment, notes: list[str]) -> PgpAssessment:
    """The P-gp note without '..., and no clonality cut-off (--min-vaf) was set for this run' where the sample's notes
    say it (a COUNTED_AT_ANY_VAF note, which also says what a cut-off would change; by its kind, not its opening
    words): said once per sample (rev49, finding 5: adjacent notes of P7_T both said it). The P-gp note keeps the
    purity condition and 'uncertain'."""
    if UNTESTED not in pgp.note or not any(is_kind(n, COUNTED_AT_ANY_VAF) for n in notes):
        return pgp
    note, parts = pgp.note.replace(UNTESTED, PURITY), each(pgp.parts, lambda t: t.replace(UNTESTED, PURITY))
    return replace(pgp, note=note, parts=whole(parts, note))


def _until_alk_status(kb, inputs: PgpInputs, assessment: PgpAssessment) -> PgpAssessment:
    """The check of a tumour whose ALK positivity nothing shows: `not_indicated`, the note giving the reason and the
    check once it is ALK-positive, naming what the full note adds; sources: those of the parts it keeps."""
    # the flag is what a pipeline acts on: no advice until ALK positivity is shown; the note keeps the
    # advice that applies once it is (clinical review 2026-12-01, second reading, finding 3)
    # only the advice's first sentence, its reason, as built (assessment.opening): the trial figures and the P-gp
    # facts wait for a run that knows the tumour is ALK-positive (review 21, finding 12: a 3,136-character note for a
    # 'Not indicated')
    reason = assessment.opening
    # and the cited sentence the check rests on ('P-gp (ABCB1) overexpression reduces the activity of crizotinib
    # in cell models [KAT16; SEED]': oncologist review 2026-12-01, finding 4), as the assessment gives it, not read
    # out of the note, and the off-target candidates (review of stop 28's change: a MET gain put there hid both)
    why = f" {assessment.reason}" if assessment.reason else ""
    listed, listed_says = also_listed_said(inputs.off_target, explained=False)
    why += listed
    # what the screen of the other genes found does not depend on the ALK status: said here too, where no
    # off-target candidate is listed (final review of stop 28, finding 4)
    named = names_candidate(inputs.off_target)
    screened = ("", (), ("", ())) if named else pointer_screened(kb, inputs.off_target, inputs.screened)
    screen = screened[0]
    adds = full_advice(assessment.parts, assessment.check == PGP_LOW_YIELD)  # by the parts' kinds
    # the lead is kept where the sentence kept is the lead: not where a positive IHC's finding opens the advice
    # (pgp_advice.recommended_advice), the lead then left out with the rest
    lead_kept = not (assessment.check == PGP_RECOMMENDED and assessment.ihc == "positive")
    note = _flagged(
        PGP_NOT_INDICATED,
        f"ALK positivity is not established ({inputs.alk_assumed}); the P-gp question applies to "
        f"ALK-positive tumours that progressed on an ALK inhibitor. {IF_ALK_POSITIVE}"
        f"{CONDITIONAL_WORDS[assessment.check]}: {reason.rstrip('.')}.{why}{screen}" + adds,
    )
    # the sources of what this note keeps, not of the full note's parts it leaves out (P-gp facts: finding 4);
    # those of the off-target sentences it adds: pgp_assessment, as on every path
    return replace(
        assessment,
        check=PGP_NOT_INDICATED,
        context="alk_not_established",
        note=note,
        sources=assessment.kept_sources,
        check_sources=(),  # the flag rests on the ALK status, not on a source
        # what the lead names, where it is kept
        lead_named=assessment.lead_named if lead_kept else (),
        uncounted_named=assessment.uncounted_named and lead_kept,
        parts=located(note, [("other_genes", screen), ("full_advice", adds)]),  # each with its kind, in order
        lines_said=(),  # the options are left out with the rest
        caveats_said=(),
        off_target_said=(*listed_says, *screened[1]),
        screen=screened[2][0],
        screen_says=screened[2][1],
        once_alk_positive=assessment.check,  # the check the note gives once it is (CONDITIONAL_WORDS)
    )


_P_GP_SCOPE = "whose activity P-gp overexpression reduces or may reduce, or whose P-gp effect is unknown"


def _explains_every_drug(
    kb, facts: PgpFacts, inputs: PgpInputs, base: _Shared, explained: list[str], settling: tuple[Reading, ...]
) -> PgpAssessment:
    """No treatment history, and the clonal ALK changes found (`settling`) explain resistance to every inhibitor
    whose activity P-gp overexpression reduces or may reduce, or whose P-gp effect is unknown (`explained`): not
    indicated, each change named once with its VAF and the purity condition, what a positive IHC would add, the
    off-target candidates right after the verdict."""
    ihc, tpm, tested = base["ihc"], base["tpm"], inputs.clonality_tested
    # the purity condition here too, each change named once with its VAF (review 21, findings 3, 4 and 11);
    # without --min-vaf a sentence of its own (uncertain_clonality)
    verdict = _flagged(
        PGP_NOT_INDICATED,
        f"treatment history is not in the sample sheet, but the {alteration_word(inputs.readings)} found "
        f"explains resistance to {inhibitor_list(kb, explained)} (every inhibitor {_P_GP_SCOPE})"
        f"{purity_condition(settling) if tested else ''}: {explained_by(kb, settling, explained)}.",
    )
    text = verdict + uncertain_clonality(settling, "any of them", tested, bare=True)
    text += part_of_tumour(settling, True, ihc, True, kb, explained, tested)
    from .pgp_ihc import positive_ihc

    positive, keys = positive_ihc(kb, facts, ihc, None, True)
    listed, says = also_listed_said(inputs.off_target, explained=True)  # right after the verdict (review 21, 10)
    return PgpAssessment(
        PGP_NOT_INDICATED,
        "explained_by_mutation",
        with_ihc(after_verdict(text + positive, listed, verdict), ihc, tpm),
        **base,
        sources=tuple(dict.fromkeys((*(key for r in settling for key in r.sources), *keys))),  # explained_by's
        check_sources=tuple(key for r in settling for key in r.sources),
        off_target_said=says,
    )


def _history_unknown(kb, facts: PgpFacts, inputs: PgpInputs, base: _Shared) -> PgpAssessment:
    """No treatment history: the check depends on which progression would leave the P-gp question open, one on any
    inhibitor after which _after_progression recommends it (cohort review of stop 40, finding 1: not crizotinib and
    ceritinib only, so F1174L gave `not_indicated` where brigatinib would be `recommended`)."""
    clonal = [r for r in inputs.readings if r.clonal and r.firm]
    recommending = [*facts.affected, *facts.possible, *facts.unknown]
    explained = [d for d in recommending if any(r.inhibitor == d and r.settles for r in clonal)]
    open_drugs = [d for d in recommending if d not in explained]
    ihc, tpm, tested = base["ihc"], base["tpm"], inputs.clonality_tested
    settling = tuple(r for r in clonal if r.inhibitor in explained and r.settles)
    if recommending and not open_drugs:
        return _explains_every_drug(kb, facts, inputs, base, explained, settling)
    # a drug P-gp overexpression did not affect that the change settles is named with the others it explains, not in
    # the advice on P-gp that follows (clinical reads of stops 51 and 52: G1202R's alectinib unnamed, then scoped long)
    also = tuple(d for d in facts.unaffected if any(r.inhibitor == d and r.settles for r in clonal))
    found, calls, uncounted = found_without_history(kb, inputs, explained, open_drugs, settling, also)
    if also and not explained:  # nothing it explains is named: the list's scope said (no file of tests/data has it)
        found = f"of the inhibitors {_P_GP_SCOPE}, {found}"
    if inputs.readings and inputs.unevaluable:
        found += f"; {not_evaluated(inputs.unevaluable)}"
    if (inputs.readings or inputs.unevaluable) and inputs.vus:
        found += f"; {vus_clause(inputs.vus, too=True)}"
    # a positive IHC: what it means after each drug, by its P-gp effect, with sources (stop 42, finding 3)
    positive, keys = positive_ihc_if_progressed(kb, facts, open_drugs)
    progressed = f"{inhibitor_list(kb, open_drugs, 'or')}{in_part_only(settling, kb, explained, ihc)}"
    named = with_unaffected(kb, explained, also)
    text = (
        f"treatment history is not in the sample sheet; {found}."
        f"{uncertain_clonality(settling_of(clonal, named), inhibitor_list(kb, named, 'or'), tested)}"
    )
    said_unaffected, named_calls, cells = unaffected_said(kb, inputs, facts.unaffected, also if explained else (), ihc)
    shown = (facts, "", cells)  # the P-gp facts refer to the finding in cells said_unaffected gives (clin52d)
    facts_said = f" {facts_sentence(kb, *shown)}"
    pointer, says, screen = pointer_screened(kb, inputs.off_target, inputs.screened)
    check = PGP_NOT_INDICATED if ihc == "negative" else PGP_IF_PROGRESSED
    if ihc == "negative":  # the IHC first, with the drugs it bears on; the other genes' findings last (rev49, 3)
        from .pgp_ihc import negative_ihc

        text = f"{negative_ihc(kb, f'a progression on {progressed}')} T{text[1:]}{facts_said}{pointer}"
    else:
        ask = f"If the patient progressed on {progressed}, check P-gp (ABCB1) by IHC {IHC_AS_RESEARCH}."
        ask += said_unaffected  # why it leaves out a drug P-gp did not affect; where the card shows it, not folded
        text, calls = text + f" {positive if ihc == 'positive' else ask}{facts_said}", (*calls, *named_calls)
    # the first sentence, as built; with a negative IHC the IHC's comes first, and the check is not_indicated
    opening = "" if ihc == "negative" else f"treatment history is not in the sample sheet; {found}."
    note = with_ihc(_flagged(check, text), None if ihc == "negative" else ihc, tpm)
    if ihc != "negative":  # named once, on every path (review 19), right after the verdict (review 21, finding 10)
        note = after_verdict(note, also_listed(inputs.off_target, explained=False), _flagged(check, opening))
    pieces = [*facts_pieces(kb, *shown), ("other_genes", pointer if ihc == "negative" else "")]
    parts = located(note, [*pieces, ("abcb1_expression", tpm_sentence(tpm))])  # each with its kind, in order
    note_sources = tuple(dict.fromkeys((*calls, *(keys if ihc == "positive" else ()), *facts_sources(kb, *shown))))
    tumour_effect = resistance_sources(kb, (*facts.affected, *facts.possible, *facts.unaffected, *facts.unknown))
    said = tuple(dict.fromkeys((*keys, *tumour_effect))) if check == PGP_IF_PROGRESSED else ()  # transport: dropped
    return PgpAssessment(
        check,
        "no_history",
        note,
        **base,
        sources=note_sources,
        check_sources=said,
        parts=parts,
        opening=opening,
        uncounted_named=uncounted,
        off_target_said=says if ihc == "negative" else (),  # the pointer is said only there
        screen=screen[0] if ihc == "negative" else "",
        screen_says=screen[1] if ihc == "negative" else (),
    )


def _explained(
    kb,
    facts: PgpFacts,
    inputs: PgpInputs,
    explaining: tuple[Reading, ...],
    latest: str,
    affected_progressed: tuple[str, ...],
    base: _Shared,
) -> PgpAssessment:
    """The check where a clonal ALK change explains the progression on `latest` (`explaining`): not indicated, the
    explanation and what a positive IHC would add, the off-target candidates after the verdict."""
    kind, ihc, tpm = facts.kind(latest), base["ihc"], base["tpm"]
    tested = inputs.clonality_tested
    said = explanation(kb, explaining, latest, tested)
    part = part_of_tumour(explaining, kind == "affected" and explains(explaining), ihc, tested=tested)
    note = _flagged(PGP_NOT_INDICATED, said + (part if part.startswith(";") else f".{part}"))  # it ends it
    from .pgp_ihc import chemotherapy_note, positive_ihc

    positive, keys = positive_ihc(kb, facts, ihc, latest, True)
    chemotherapy, chemotherapy_keys = chemotherapy_note(kb, ihc)
    positive, keys = positive + chemotherapy, (*keys, *chemotherapy_keys)
    listed, says = also_listed_said(inputs.off_target, explained=True)
    return PgpAssessment(
        PGP_NOT_INDICATED,
        "explained_by_mutation",
        with_ihc(after_verdict(note + positive, listed, note), ihc, tpm),  # after the explanation and its scope
        affected_progressed,
        **base,
        sources=tuple(dict.fromkeys((*(s for r in explaining for s in r.sources), *keys))),
        check_sources=tuple(s for r in explaining for s in r.sources),
        off_target_said=says,
    )


def _after_progression(
    kb, facts: PgpFacts, inputs: PgpInputs, history: tuple[str, ...], base: _Shared
) -> PgpAssessment:
    """The check after a recorded progression; the note's sources gathered with the parts that cite them."""
    latest = history[-1]
    kind = facts.kind(latest)
    ihc, tpm = base["ihc"], base["tpm"]
    on_latest = tuple(r for r in inputs.readings if r.inhibitor == latest)
    explaining = tuple(r for r in on_latest if r.clonal and r.settles)
    affected_progressed = tuple(d for d in history if facts.kind(d) in ("affected", "possible", "unknown"))
    if explaining:
        return _explained(kb, facts, inputs, explaining, latest, affected_progressed, base)
    # only a progression no ALK change explains (most runs have none) takes the lead and the advice
    from .pgp_advice import cells_said, low_yield_advice, recommended_advice
    from .pgp_ihc import chemotherapy_note, negative_ihc
    from .pgp_lead import unexplained_lead

    lead_text, lead_sources, lead_named, uncounted = unexplained_lead(kb, inputs, on_latest, latest)
    lead, transformation = (lead_text, lead_sources), statement(kb, TRANSFORMATION)
    pointer, says, screen = unexplained_screened(kb, inputs.off_target, inputs.screened)  # pgp_assessment's sources
    pointer_pieces = [("other_genes", pointer[: -len(transformation)]), ("transformation", transformation)]
    if kind == "unaffected":
        check, context = PGP_LOW_YIELD, "after_unaffected"
        advice = low_yield_advice(kb, facts, inputs, history, lead, ihc)
    else:
        check = PGP_RECOMMENDED
        context = "after_affected" if kind == "affected" else "after_possibly_affected"
        advice = recommended_advice(kb, facts, inputs, history, lead, ihc)
    chemotherapy, chemotherapy_keys = chemotherapy_note(kb, ihc)
    text, cites = advice.text + chemotherapy, [*advice.sources, *chemotherapy_keys]
    pieces = [*advice.pieces, ("chemotherapy", chemotherapy)]  # each with its kind, as added (pgp_parts.located)
    if kind == "unaffected" or (ihc != "negative" and not names_candidate(inputs.off_target)):  # oncologist, stop 28
        text, pointer = text + pointer, ""
        pieces += pointer_pieces
    elif ihc != "negative":  # the pointer is not in the note: its ABCB1 sentence, where there is one, is said here
        # and the histology prompt, a candidate named or not (clinical review of stop 42, finding 5)
        abcb1, abcb1_says = abcb1_said(kb, inputs.off_target)
        text, says = text + abcb1 + " " + transformation, (*abcb1_says, TRANSFORMATION)
        pieces += [("other_genes", abcb1), pointer_pieces[1]]
    if ihc != "negative":  # the per-drug P-gp facts matter while P-gp overexpression is still a question
        # after a drug P-gp did not affect, the reason has given its finding in cells: referred to (stop 52)
        said, cells = latest if kind in ("affected", "possible") else "", cells_said(facts, advice, latest, kind)
        text += " " + facts_sentence(kb, facts, said, cells)
        cites += facts_sources(kb, facts, said, cells)
        pieces += facts_pieces(kb, facts, said, cells)
    if ihc == "negative":  # the reason the check is not indicated comes first (clinical review 2026-12-01), with
        # what it means for the drug; the progression next, the other genes' findings last (rev49, finding 3)
        check = PGP_NOT_INDICATED
        affected = latest if kind == "affected" else None
        first = negative_ihc(kb, f"the progression on {display_name(kb, latest)}", affected)
        pieces += pointer_pieces if pointer else []  # '' where the text has it already (after an unaffected drug)
        text = f"{first} {text[0].upper()}{text[1:]}{pointer}"
        ihc, pointer = None, ""
    done = check == PGP_RECOMMENDED and ihc == "positive"
    note = with_ihc(_flagged(check, text, done=done), ihc, tpm, pointer)
    if check == PGP_RECOMMENDED:  # right after the verdict, one wording (review 21, finding 10); the others: pointer
        verdict = _flagged(check, advice.opening, done=done)  # the flag and the advice's first sentence, as built
        note = after_verdict(note, also_listed(inputs.off_target, explained=False), verdict)
    pieces.append(("abcb1_expression", tpm_sentence(tpm)))  # with_ihc's (its pointer is '' here)
    return PgpAssessment(
        check,
        context,
        note,
        affected_progressed,
        **base,
        sources=tuple(dict.fromkeys(cites)),  # the off-target sentences': pgp_assessment, as on every path
        reason=advice.reason,
        kept_sources=advice.kept,
        check_sources=advice.kept if base["ihc"] != "negative" else (),  # a negative IHC: the sheet's finding
        lead_named=lead_named,
        parts=located(note, pieces),
        **_said(advice, check, uncounted, says),
        screen=screen[0],  # in the note: the pointer is left out only where it names candidates (no screen)
        screen_says=screen[1],
    )


def _said(advice: Advice, check: str, uncounted: bool, says: tuple[str, ...]) -> dict:
    """What the note says that other readers ask, as built: its advice's first sentence ('' where a negative IHC's
    opens the note, the check then not_indicated), its options' rows and caveats, whether the lead names the known
    resistance mutations not counted, and what its off-target sentences say (PgpAssessment's fields)."""
    opening = advice.opening if check != PGP_NOT_INDICATED else ""
    said = {"lines_said": advice.lines_said, "caveats_said": advice.caveats_said, "uncounted_named": uncounted}
    return {"opening": opening, **said, "off_target_said": says}
