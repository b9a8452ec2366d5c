"""What a progression does to the calls of the inhibitors the patient has not had (RULES.md section 8).

A call for a drug not yet given rests on what the sources say about the tumour's ALK genotype, which they studied
in tumours whose resistance the genotype explains (or, for the fusion, whatever the resistance). After a
progression with no ALK resistance mutation (the call rests on the fusion alone), or one that no ALK change shown
here explains, whatever explains it may also make the next drug less effective, so such a `sensitive` call is not
carried over to the patient: it becomes `unknown`, with the genotype's call, its sources and the sourced activity of
the drug after this treatment history in the note (guidance.md section 4; clinical review 12, finding 1: "alectinib:
sensitive" for L1196M after crizotinib then ceritinib). Both cases build the cell here, the same way (stop 25 note,
wrong depth). Pure: reads only the knowledge base.
"""

from __future__ import annotations

from .agent_status import china_status
from .evidence import CONTEXT_NOT_RECORDED, NO_STATEMENT
from .offtarget import OffTarget
from .offtarget_pointer import candidate_names
from .pgp_explain import vaf_text
from .readings import Reading, call_clause, said_mark
from .records import replace
from .sample_types import ON_TARGET, ON_TARGET_POSSIBLE, InhibitorVerdict, demoted
from .sourced_text import (
    beside_candidate,
    beside_candidate_sources,
    bracketed_keys,
    cited,
    display_name,
    sourced_options,
    statement,
)

# the basis of a call that rests on the fusion alone: no ALK kinase-domain mutation, nor a record that could not be
# evaluated (sample.combined_calls; the ALK changes it lists but does not count follow in brackets)
FUSION_ALONE = "ALK fusion; no ALK resistance mutation"
_NO_ALK_MUTATION = "no ALK resistance mutation after progression: the genotype does not predict this inhibitor"
# an ALK change (a gain the caller called amplification) explains it, with no call of its own for this drug (else the
# call would rest on it): said first, not "the genotype does not predict" (review 17, finding 8)
_EXPLAINED_NO_CALL = (
    "no ALK resistance mutation; the ALK change that explains the progression (see the notes) has no call for this "
    "inhibitor"
)
# why a call for the genotype is not used after a progression that it does not explain (the module's docstring)
LESS_EFFECTIVE = "may also make this drug less effective"
PROGRESSION_REASON = f"whatever caused the progression {LESS_EFFECTIVE}"  # `not_carried_over`'s default `because`
_FUSION_CALL = "the call for the ALK fusion, made without regard to treatment history or resistance mechanism,"
# (its sources mix first-line and later-line disease: review 17, finding 1)


def _joined(shown: tuple[str, ...]) -> str:
    """'A', 'A and B', 'A, B and C' (no ';': it separates the parts of a call's note)."""
    return " and ".join(n for n in (", ".join(shown[:-1]), shown[-1]) if n) if shown else ""


def _found_instead(shown: tuple[str, ...]) -> str:
    """What an untried drug's note says of an off-target mechanism shown in the sample (`shown`: the off-target
    candidates, a positive ABCB1 IHC), whether the call rests on the fusion alone or on an ALK mutation that does not
    explain the progression (stop 25 note, wrong depth, follow-up): a candidate, which does not exclude another
    mechanism (review 13, finding 4); several are named as several (review 15, finding 3); '' where nothing is
    shown."""
    if len(shown) > 1:
        return f"off-target candidates are listed: {_joined(shown)}, which do not exclude another mechanism"
    return f"an off-target candidate is listed, {shown[0]}, which does not exclude another mechanism" if shown else ""


def _also_present(shown: tuple[str, ...]) -> str:
    """Beside an ALK change that explains the progression: the off-target candidates also found (review 13,
    finding 1), which the on-target explanation does not rule out; '' where there are none."""
    if not shown:
        return ""
    kind = "off-target candidates" if len(shown) > 1 else "an off-target candidate"
    return f"{_joined(shown)} also present ({kind})"


def not_carried_over(kb, verdict: InhibitorVerdict, why: str, because: str = PROGRESSION_REASON) -> InhibitorVerdict:
    """`unknown`, with the genotype-based call and its sources named in the note ('WHY is X [S], which is not used
    for this patient, because whatever caused the progression may also make this drug less effective'), not cited for a
    call this sample does not get (kept in `note_sources`). `because`: the reason, by default the progression's;
    '' where `why` says it ('which is therefore not used'): the caller, which wrote `why`, says so, never a search of
    its text (re-reading of stop 27). An oncologist's words, not 'not carried over' (review 17, finding 12). The call
    with the drug table's mark of its evidence ('is sensitive (reviews only) [LIN17T2]': InhibitorVerdict.
    evidence_mark), as the P-gp note says it (stop 53: the table marked L1196M's brigatinib call, this note did not)."""
    if verdict.category == "unknown":
        return verdict
    said = f", because {because}" if because else ""
    therefore = "" if because else "therefore "
    note = (
        f"{why} is {verdict.category}{said_mark(verdict.evidence_mark)}{cited(kb, verdict.sources)}, which is "
        f"{therefore}not used for this patient{said}"
    )
    return demoted(
        verdict,
        category="unknown",
        sources=(),
        evidence_kinds=(),
        note="; ".join(n for n in (note, verdict.note) if n),
        subclonal=False,  # an unknown call rests on no change (review 14, finding 4)
    )


def _because(kb, inhibitor: str, candidates: tuple[tuple[str, str], ...], only: bool, default: str) -> str:
    """Why the call is not used beside an off-target candidate whose bearing on this drug the knowledge base
    addresses (statements.tsv `beside_<gene>_<kind>_<inhibitor>`: a MET copy-number gain and crizotinib, oncologist
    review 2026-12-01, finding 3): said instead of `default` where the candidate is the only thing shown (`only`),
    after it otherwise; `default` alone where there is no such row."""
    said = beside_candidate(kb, candidates, inhibitor)
    if not said:
        return default
    return "; ".join(x for x in ("" if only else default, said) if x)


def naming_beside(kb, cell: InhibitorVerdict, candidates: tuple[tuple[str, str], ...]) -> InhibitorVerdict:
    """`cell` with the sources of the `beside_candidate` sentence its note says (MET and crizotinib: GIR16, PLE18,
    DJ20) among its `note_sources`: named in the note, not cited for its call (review of stop 28's change)."""
    said = beside_candidate(kb, candidates, cell.inhibitor)
    if not said or said not in cell.note:
        return cell
    sources = beside_candidate_sources(candidates, cell.inhibitor)
    return replace(cell, note_sources=tuple(dict.fromkeys(cell.note_sources + sources)))


def untried_after_progression(
    kb,
    verdict: InhibitorVerdict,
    progressed: tuple[str, ...],
    why: str,
    pgp_negative: bool = True,
    caveats: dict[str, str] | None = None,
    because: str = PROGRESSION_REASON,
) -> InhibitorVerdict:
    """`unknown` for a drug not yet given (`why` says what the genotype call was for, `because` why it is not used:
    `not_carried_over`), and the sourced activity of this inhibitor after this treatment history
    (lines_of_therapy.tsv; the rows about P-gp-overexpressing tumours only where P-gp overexpression is shown,
    `pgp_negative` False) in the cell too, not only in the P-gp note (clinical review 2026-12-01, sixth reading,
    finding 8); `caveats`: a sourced sentence (its statements.tsv key) said right after a drug's figures, as the P-gp
    note says it (GAI16 beside lorlatinib's: review 17, finding 3)."""
    verdict = not_carried_over(kb, verdict, why, because)
    options = sourced_options(
        kb, progressed, (verdict.inhibitor,), pgp_negative=pgp_negative, caveats=caveats, ihc_positive=not pgp_negative
    )
    activity = options.strip().rstrip(".")
    key = (caveats or {}).get(verdict.inhibitor, "")
    caveat = statement(kb, key) if key else ""
    if not activity and caveat:  # no figure after this history to say it beside: said on its own (guidance 4.1)
        activity = caveat.rstrip(".")
    if not activity:
        return verdict
    known = {source.key for source in kb.sources()}
    named = tuple(k for k in bracketed_keys(activity) if k in known)  # named in the note, not cited for its call
    note = verdict.note
    if "approved in China" in activity:  # the line gives the approval (lines_of_therapy.tsv): the status once
        note = note.replace(f"; {china_status(kb.inhibitor(verdict.inhibitor))}", "")
    return replace(
        verdict,
        note="; ".join(n for n in (note, activity[0].lower() + activity[1:]) if n),
        note_sources=tuple(dict.fromkeys(verdict.note_sources + named)),
    )


def without_a_call(
    kb, verdict: InhibitorVerdict, progressed: tuple[str, ...], pgp_negative: bool, caveats: dict[str, str] | None
) -> InhibitorVerdict:
    """An untried drug's `unknown` that no source decides (no statement on the change and the drug; one only listed;
    a compound's parts' such calls), with the sourced activity of the drug after this treatment history where a
    source gives one (lines_of_therapy.tsv), as every other `unknown` cell after a progression gives it: never 'no
    statement in the knowledge base' beside a sourced line (clinical review of stop 41, finding 7: iruplinalkib after
    crizotinib, INTELLECT, in the cell of a fusion-only tumour, not in C1156Y's). Said as what it is: the figures are
    for the treatment history, not a call on the change, which keeps its `unknown` and its basis. Unchanged where no
    line applies."""
    found = sourced_options(
        kb, progressed, (verdict.inhibitor,), pgp_negative=pgp_negative, ihc_positive=not pgp_negative
    )
    if not found:
        return verdict
    change, name = verdict.basis.split(" (")[0], display_name(kb, verdict.inhibitor)
    no_call = f"no statement on {change} and {name} in the knowledge base: no genotype-based call"
    note = verdict.note.replace(NO_STATEMENT, no_call) if NO_STATEMENT in verdict.note else verdict.note
    which = f"the figures that follow are for this treatment history, not a call on {change}"
    note = "; ".join(n for n in (note, which) if n)
    return untried_after_progression(kb, replace(verdict, note=note), progressed, "", pgp_negative, caveats)


def shown_instead(mechanism: str, off_target: tuple[OffTarget, ...], pgp_positive: bool) -> tuple[str, ...]:
    """What was found instead of (or beside, for an on-target mechanism) an explaining ALK change: the off-target
    candidates, and a positive ABCB1 (P-gp) IHC where P-gp can matter for the latest drug; one entry each."""
    ihc = (
        ("P-gp overexpression (ABCB1 IHC positive in the sample sheet)",)
        if pgp_positive and mechanism != ON_TARGET
        else ()
    )
    return candidate_names(off_target, caveat=True) + ihc


def _unsettled_on_latest(verdict: InhibitorVerdict, readings: tuple[Reading, ...], latest: str) -> Reading | None:
    """The reading, for the drug progressed on most recently, of the clonal ALK change a drug's `sensitive` call rests
    on, where that reading leaves open whether the change explains the progression: no call for that drug (clinical
    review of stop 35, finding 1: G1202R after ensartinib, lorlatinib's call withheld as 'unknown'), a call whose
    sources disagree (`conflicting`, or a disputed `intermediate` or `resistant`: E1210K after brigatinib, which SAB17
    names a potential mechanism of clinical resistance to brigatinib while listing it with in vitro activity; clinical
    review of stop 42, finding 2), or a resistant or intermediate call that rests only on a computer simulation or on
    other contexts (L1256F after lorlatinib, OKA19; clinical review of stop 42, left open). Such a change may explain
    the progression, so its calls for the drugs not yet given still apply; None otherwise (a sensitive call for the
    latest drug: the change does not explain it)."""
    if verdict.category != "sensitive":
        return None
    change = verdict.basis.split(" (")[0]
    on_latest = [r for r in readings if r.inhibitor == latest and r.basis.split(" (")[0] == change]
    if on_latest and all(r.clonal and (r.category == "unknown" or _open_claim(r)) for r in on_latest):
        return on_latest[0]
    return None


def _open_claim(reading: Reading) -> bool:
    """A claim that the change explains the progression (resistant, intermediate, conflicting) that does not settle
    it: its sources disagree, or it rests only on a computer simulation or on other contexts (Reading.firm; a copy-
    number gain not established as amplification is not a mutation's call and is left out)."""
    return reading.explains and (reading.disputed or reading.in_silico or reading.other_context)


def _who_says_what(reading: Reading) -> str:
    """' (sensitive per SAB17 (in vitro), JAIN17 vs resistant per SAB17 (clinical resistance))': the sides of a
    disputed call, each source by its key alone (the bracket after it identifies them); '' where none is recorded."""
    if not reading.split:
        return ""
    said, depth = reading.split, 0
    sides, start = [], 0
    for i, char in enumerate(said):  # the sides are joined by '; ' outside parentheses (genotype_readings)
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and said.startswith("; ", i):
            sides.append(said[start:i])
            start = i + 2
    return " (" + " vs ".join(sides + [said[start:]]) + ")"


def _may_explain(kb, reading: Reading, latest: str) -> str:
    """What a call that rests on a change of unknown, disputed or weakly supported effect on the latest drug says of
    that progression: why the change's call for that drug does not settle it (`_why_open`) and its sources ('E1210K
    has a conflicting call for brigatinib in the knowledge base (sensitive per ... vs resistant per ...) [SAB17, PMID
    28435288; ...], so whether E1210K explains the progression on brigatinib is not settled. If it does, this call
    stands; ...')."""
    change = reading.basis.split(" (")[0]
    if reading.category == "unknown":
        opening, known = f"{change} has no genotype-based {latest} call in the knowledge base", "not known"
    else:
        opening = (
            f"{call_clause(change, reading.category, latest)} in the knowledge base{_why_open(reading)}"
            f"{cited(kb, reading.sources)}"
        )
        known = "not settled"
    return (
        f"{opening}, so whether {change} explains the progression on {latest} is {known}. If it does, this call "
        f"stands; if something else explains that progression, it {LESS_EFFECTIVE}"
    )


def _why_open(reading: Reading) -> str:
    """Why a call for the latest drug does not settle whether the change explains the progression, said before its
    sources: the dispute and who says what; or that the call rests chiefly on a computer simulation (IN_SILICO_LABEL's
    words: OKA19's statement on L1256F and lorlatinib votes because its abstract also lists the change among its
    resistance findings, so 'only in silico' would overstate it), or only on other contexts, and which."""
    if reading.disputed or reading.category == "conflicting":
        disagree = "" if reading.category == "conflicting" else ", but the sources disagree"
        return f"{disagree}{_who_says_what(reading)}"
    if reading.in_silico:
        return ", but the evidence for that call is chiefly a computer simulation (in silico; no cell IC50 read)"
    said = f" ({reading.contexts})" if reading.contexts else ""
    # a statement whose context is not recorded is not known to be of another context (clinical read of stop 43,
    # finding 9: CGI's rows with no disease or background, G1123S and ceritinib)
    unrecorded = " or statements of unrecorded context" if CONTEXT_NOT_RECORDED in reading.contexts else ""
    return f", but only from other contexts{unrecorded}, with no statement about ALK-positive NSCLC{said}"


def _kept_on_latest(kb, verdict: InhibitorVerdict, reading: Reading, latest: str) -> InhibitorVerdict:
    """`verdict` kept, its note saying what `_may_explain` says, as a part of its own (' | ', as the call's notes are
    joined: after '...; SEED says sensitive' a '; ' read the sentence as part of that listed source's clause,
    clinical read of stop 43, finding 8); the sources it names for the latest drug's call are named in the note, not
    cited for this call (`note_sources`)."""
    named = () if reading.category == "unknown" else reading.sources
    return replace(
        verdict,
        note=" | ".join(n for n in (verdict.note, _may_explain(kb, reading, latest)) if n),
        note_sources=tuple(dict.fromkeys(verdict.note_sources + named)),
    )


HISTORY_UNKNOWN = (
    "treatment history not given (progressed_on in the sample sheet): if the tumour has progressed on an ALK "
    f"inhibitor, whatever caused the progression {LESS_EFFECTIVE}, and this call on the fusion alone may not hold"
)


def _history_unknown(verdicts: tuple[InhibitorVerdict, ...]) -> tuple[InhibitorVerdict, ...]:
    """A fusion-only sensitive or intermediate call where the sample sheet gives no treatment history: a green cell
    beside a possible progression on that very drug would mislead (clinical review of stop 36, finding 4)."""
    return tuple(
        replace(v, note="; ".join(n for n in (v.note, HISTORY_UNKNOWN) if n))
        if v.basis.startswith(FUSION_ALONE) and v.category in ("sensitive", "intermediate")
        else v
        for v in verdicts
    )


def calls_after_progression(
    kb,
    verdicts: tuple[InhibitorVerdict, ...],
    mechanism: str,
    progressed: tuple[str, ...] | None,
    rests_on_mutation: bool,
    off_target: tuple[OffTarget, ...] = (),
    pgp_shown: bool = False,
    caveats: dict[str, str] | None = None,
    readings: tuple[Reading, ...] = (),
) -> tuple[InhibitorVerdict, ...]:
    """The calls of the drugs not yet given, after the latest progression (`progressed`; None: not given, and a call
    that rests on the fusion alone says what it does not know, `_history_unknown`). A call that rests on the fusion
    alone (basis `FUSION_ALONE`: no ALK resistance mutation) becomes `unknown` whatever the mechanism: the fusion's call
    is made whatever the line or the resistance. Where the calls rest on an ALK mutation (`rests_on_mutation`) that does
    not explain that progression (`mechanism` not on-target), a drug the genotype alone calls `sensitive` becomes
    `unknown` for the patient. The note names what was found instead (`shown`: the off-target candidates, a positive
    ABCB1 IHC), which does not exclude another mechanism (review 13, finding 4), or says that whatever explains the
    progression may also act on this drug; a fusion-only call's note names it the same way (`_found_instead`), and is
    unchanged where nothing is shown. Other categories stand (a resistant or intermediate call says what the change
    itself does, which an unexplained mechanism cannot improve). Where an ALK change does explain it and an off-target
    candidate is listed too (`shown`), a sensitive or intermediate call keeps its category and its note says that it
    rests on the ALK genotype alone (review 13, finding 1). A drug progressed on keeps its progression call
    (progression.py). Either way an `unknown` cell carries the sourced activity after this history, KAT16's rows on
    P-gp-overexpressing cells included where P-gp overexpression is shown (`pgp_shown`), and the `caveats` the P-gp
    note gives beside the same figures (GAI16 beside lorlatinib's; beside a sensitive mutation's too: stop 48). A
    change below the cut-off that would explain the progression (`readings`) is named as the P-gp note names it, 'may
    explain it only in part' (oncologist review 2026-12-01, finding 5); an off-target candidate's gene whose bearing
    on a drug the knowledge base addresses gives that drug's reason (`_because`).
    """
    if not progressed:
        return _history_unknown(verdicts) if progressed is None else verdicts
    shown = shown_instead(mechanism, off_target, pgp_shown)
    candidates = tuple(dict.fromkeys((o.gene, o.kind) for o in off_target if o.candidate))
    latest = display_name(kb, progressed[-1])  # 'TPX-0131', as every other note names it
    found = _found_instead(shown)
    in_part = [r for r in readings if r.inhibitor == progressed[-1] and not r.clonal and r.explains]
    below = _joined(tuple(dict.fromkeys(r.basis + vaf_text(r) for r in in_part)))  # 'A and B' (review of stop 28)
    unexplained = (
        f"no clonal ALK change was found that explains the progression on {latest}; {below}, below the clonality "
        "cut-off set for this run, may explain it only in part"
        if in_part
        else f"no ALK change found is shown to explain the progression on {latest}"
    )
    whatever = "whatever else explains it" if in_part else "whatever explains it"
    # the reason goes with the text that gives it: `why` says it where nothing is shown instead, so the note does not
    # say it again
    why = f"{unexplained}; {found}" if found else f"{unexplained}, and {whatever} {LESS_EFFECTIVE}"
    reason_not_in_why = PROGRESSION_REASON if found else ""
    # the candidate's own sentence replaces the general reason only where nothing else may explain the progression
    only = mechanism != ON_TARGET and not in_part and not pgp_shown and len(candidates) == 1
    # an ALK change that explains the progression (a gain the caller called amplification) leaves the candidates
    # beside it, as the mutation case below says (review 15, finding 2)
    lead, beside = (_EXPLAINED_NO_CALL, _also_present(shown)) if mechanism == ON_TARGET else (_NO_ALK_MUTATION, found)
    why_fusion = "; ".join(n for n in (lead, beside, _FUSION_CALL) if n)
    out = []
    for v in verdicts:
        if v.inhibitor in progressed:
            out.append(v)
        elif v.basis.startswith(FUSION_ALONE):
            because = _because(kb, v.inhibitor, candidates, only, PROGRESSION_REASON)
            cell = untried_after_progression(kb, v, progressed, why_fusion, not pgp_shown, caveats, because)
            out.append(naming_beside(kb, cell, candidates))
        elif v.category == "unknown" and not v.sources:  # no call: what is sourced after this history, if anything
            out.append(without_a_call(kb, v, progressed, not pgp_shown, caveats))
        elif v.category not in ("sensitive", "intermediate"):
            out.append(v)
        elif mechanism == ON_TARGET:
            also = f"{_also_present(shown)}: this call rests on the ALK genotype alone"
            out.append(replace(v, note="; ".join(n for n in (v.note, also) if n)) if shown else v)
        elif mechanism == ON_TARGET_POSSIBLE and (open_on := _unsettled_on_latest(v, readings, progressed[-1])):
            out.append(_kept_on_latest(kb, v, open_on, latest))
        elif rests_on_mutation and v.category == "sensitive":
            alone = f"{why}; the call for {v.basis.split(' (')[0]} alone"
            because = _because(kb, v.inhibitor, candidates, only, reason_not_in_why)
            cell = untried_after_progression(kb, v, progressed, alone, not pgp_shown, caveats, because)
            out.append(naming_beside(kb, cell, candidates))
        else:
            out.append(v)
    return tuple(out)
