"""The notes of a per-sample verdict about its ALK changes (sample.py decides the verdict): what each change
does or does not explain, low-level and germline changes, compounds, and the run's --min-vaf."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .alk_status import shown_only_by_mutations
from .filters import passed as filter_passed
from .flag_words import LOW_VAF_WORDS, PHASE_UNKNOWN_WORDS
from .note_identity import COUNTED_AT_ANY_VAF, FUSION_NOT_ASSESSED, NO_CALL, SENSITIVE_TO_LATEST, Note
from .pgp import Reading
from .pgp_explain import (
    NO_MIN_VAF,
    base_compound_clause,
    compound_parts,
    found_in_compounds,
    listed_names,
    minor_parts,
    partner_compound_clause,
)
from .pgp_parts import appended
from .readings import IN_SILICO_IN_A_SENTENCE, call_clause, is_group_statement, on_compounds_resistant_to
from .records import replace
from .sample_types import (
    ON_TARGET,
    UNEXPLAINED,
    AlkMutation,
    Compound,
    SampleContext,
    demoted,
    known_in_normal,
)
from .sourced_text import (
    citation,
    compound_base_keys,
    compound_base_statement,
    statement,
    statement_sources,
)
from .unestablished_origin import other_reading

if TYPE_CHECKING:
    from .samplesheet import SheetRow


def explanation_notes(kb, readings: tuple[Reading, ...], latest: str | None) -> list[str]:
    """Name the known changes that do not explain the most recent progression; what that means for P-gp is the
    P-gp note's to say (recommended after crizotinib or ceritinib, low yield after alectinib or lorlatinib)."""
    if latest is None:
        return []
    from .pgp import display_name

    name = display_name(kb, latest)
    parts = compound_parts(readings, latest)
    sensitive_parts: dict[str, list[str]] = {}  # compound -> its parts called sensitive on their own
    notes = []
    for r in readings:
        if r.inhibitor != latest or not r.clonal:
            continue
        if r.basis in parts and r.category == "sensitive":
            sensitive_parts.setdefault(parts[r.basis].basis, []).append(r.basis)
        elif r.category in ("sensitive", "resistant", "intermediate", "conflicting") and not r.firm:
            notes.append(
                f"{r.basis} is present; in the knowledge base {call_clause('it', r.category, name)}, but "
                f"{_weak_basis(r)}: "
                f"whether it explains the progression on {name} is not known."
            )
        elif r.disputed and r.explains:
            # 'has a conflicting call ..., but the sources disagree' said it twice (clinical read of stop 52)
            but = " " if r.category == "conflicting" else ", but the sources disagree "
            notes.append(
                f"{r.basis} is present; in the knowledge base {call_clause('it', r.category, name)}{but}({r.split}) "
                f"{citation(kb, r.sources)}: on-target resistance is possible, not established; "
                f"whether it explains the progression on {name} is not settled."
            )
        elif r.open_base:
            notes.append(_open_base_note(kb, r, name))
        elif r.category == "sensitive":
            # with a partner below the cut-off it may form a compound called resistant with (clinical read of stop 51)
            partner, _ = partner_compound_clause(kb, r, name, set())
            text = (
                f"{r.basis} is present, but the knowledge base calls it sensitive to {name}: it does not "
                f"explain the progression on {name}{' on its own; ' + partner if partner else ''}."
            )
            notes.append(Note(text, SENSITIVE_TO_LATEST, change=r.basis, drug=r.inhibitor))
        elif r.category == "unknown":  # with what its parts say: clinical review of stop 41, finding 1
            notes.append(_no_call_note(kb, r, name))
    wholes = {w.basis: w for w in parts.values()}
    # a compound called sensitive too needs no note on its parts: its own note says what that means
    minor = minor_parts(tuple(r for r in readings if r.inhibitor == latest and not r.clonal and r.explains))
    said = [
        _parts_note(wholes[w], found, name, _minor_clause(kb, wholes[w], minor, name))
        for w, found in sensitive_parts.items()
        if wholes[w].category != "sensitive"
    ]
    return said + notes


def _no_call_note(kb, r: Reading, name: str) -> Note:
    """A clonal change with no genotype-based call for the drug last progressed on (`name`), a NO_CALL note on the
    change and the drug, the pair by which the HTML card leaves the note out where the P-gp note's lead names it in
    the same words (pgp_lead.no_call_named: PgpAssessment.lead_named; report/card_notes.py)."""
    if r.base_parts:
        extra = statement_sources(*compound_base_keys(r.inhibitor, r.base_parts))
        said = f"but {base_compound_clause(kb, r, name, extra)}."
    else:
        said = f"so whether it explains the progression on {name} is not known."
    text = f"{r.basis} is present; the knowledge base has no genotype-based {name} call for it, {said}"
    return Note(text, NO_CALL, change=r.basis, drug=r.inhibitor)


def _minor_clause(kb, whole: Reading, minor: tuple[Reading, ...], name: str) -> str:
    """'G1202R (VAF 20.0%, lower than L1196M's 40.0%) is resistant to alectinib on its own [...], so
    it may explain the progression on alectinib in the part of the tumour carrying G1202R, within the compound or
    alone': the compound's minor part that explains the progression by itself (minor_parts), where the compound's call
    rests on it (Reading.part_of); '' otherwise. The note said only 'whether the changes together explain the
    progression depends on the compound', naming neither the part nor its call (clinical review of stop 49, task 1)."""
    if not whole.part_of:
        return ""
    changes = whole.basis.split(" (")[0].split("+")
    own = [r for r in minor if r.basis in changes]
    if len(own) != 1:
        return ""
    r = own[0]
    called = call_clause(
        f"{r.basis} (VAF {r.vaf:.1%}, {r.part_of})" if r.vaf is not None else r.basis, r.category, name
    )
    return (
        f"{called} on its own {citation(kb, r.sources)}, so it may explain the progression on {name} {whole.part_of}, "
        "within the compound or alone."
    )


def _parts_note(whole: Reading, found: list[str], name: str, minor: str = "") -> str:
    """'L1196M and I1171N on their own are called sensitive to X, but here they may be parts of ...': one note for
    the parts of a compound that may explain the progression where they alone do not; `minor`: what a minor part that
    explains it alone says in place of 'depends on the compound' (_minor_clause)."""
    said = (
        f"for which the knowledge base has no call for {name}"
        if whole.category == "unknown"
        else "which "
        + call_clause("", whole.category, name).lstrip()
        + " "
        + ("as inferred from its parts' calls" if whole.inferred else "in the knowledge base")
    )
    they = len(found) > 1
    verb = "may be" if whole.basis.endswith(f"({PHASE_UNKNOWN_WORDS})") else ("are" if they else "is")
    return (
        f"{' and '.join(found)} on {'their' if they else 'its'} own {'are' if they else 'is'} called sensitive to "
        f"{name}, but here {'they' if they else 'it'} {verb} part{'s' if they else ''} of {whole.basis}, {said}: "
        + (minor or f"whether the changes together explain the progression on {name} depends on the compound.")
    )


def _open_base_note(kb, r: Reading, name: str) -> str:
    """A clonal change called sensitive on its own that compound mutations resistant to the drug involve (G1202R
    or I1171N/S/T after lorlatinib; clinical review 2026-12-01, second reading, finding 5): it does not explain the
    progression alone, but a partner this input does not show may; the per-drug call stays as the sources give it.
    A change below --min-vaf beside it (Reading.partners) is named as the partner it may be in a minor subclone,
    not denied (clinical review of stop 31, finding 1: 'shows no second ALK change' beside L1196M at 3%)."""
    said, minor = compound_base_statement(kb, r.inhibitor, (r.basis,)), r.partners
    lead = (
        f"{r.basis} is present and the knowledge base calls it sensitive to {name} on its own "
        f"{citation(kb, r.sources)}, but it is a change {found_in_compounds(name)} "
        f"{citation(kb, r.compound_base)}.{' ' + said if said else ''}"
    )
    if minor:
        return (
            f"{lead} Beside {r.basis} this input shows {listed_names(minor)}, below the clonality cut-off: not "
            f"read as a compound with {r.basis} here, but it may be {r.basis}'s partner in a minor subclone. "
            f"Whether the progression on {name} is on-target is unresolved; determine whether "
            f"{listed_names(minor, bare=True)} and {r.basis} lie on one allele (reads spanning both, or another "
            "method), and look for a second ALK mutation in cis."
        )
    return (
        f"{lead} This input shows no second ALK change that may be on one allele with "
        f"{r.basis} (one outside the regions sequenced, below the caller's detection or filtered out would not "
        f"appear): whether the progression on {name} is on-target is unresolved; look for a second ALK mutation "
        "in cis."
    )


def compound_notes(kb, compound: Compound | None, compound_call, latest: str | None) -> list[str]:
    """The knowledge base's notes on a compound that may sit on one allele (cis or phase unknown) and that speak
    of the drug of the most recent progression: class statements (SHI22, OKA19: lorlatinib-resistant compounds
    involve G1202R or I1171N/S/T) that give no call, but that a reader of this progression needs; those on a part
    (G1202R, I1171N/S/T) for any compound that involves it, listed in the knowledge base or not."""
    if compound is None or compound_call is None or compound.phase == "trans" or latest is None:
        return []
    from .pgp import display_name

    drug = display_name(kb, latest).lower()
    own = [
        n
        for n in compound_call.notes
        if (is_group_statement(n.note) and drug in n.note.lower()) or _seen_at_resistance(n, drug)
    ]
    # a part's class statement on compounds resistant to the drug (SHI22, OKA19 on G1202R and I1171N/S/T for
    # lorlatinib) is about any compound that involves it, not only the ones listed (clinical review, sixth, finding 4)
    parts = [n for c in compound.changes for n in kb.notes_for(c) if on_compounds_resistant_to(n.note, drug)]
    said = dict.fromkeys((n.note, n.sources) for n in own + parts)  # not the curators' own remarks
    return [f"{compound.label}: {note} [{'; '.join(sources)}]" for note, sources in said]


def _seen_at_resistance(note, drug: str) -> bool:
    """A sourced note that the compound was found in a patient resistant to `drug` (REC20's compounds 'from a
    lorlatinib-resistant patient'): said beside 'whether it explains this progression is not known' (review 11,
    finding 6); not a curator's remark about what could not be retrieved."""
    return bool(note.sources) and f"{drug}-resistant patient" in note.note.lower()


def min_vaf_notes(
    mutations: list[AlkMutation],
    mechanism: str,
    context: SampleContext,
    compound_listed: bool = False,
    row: SheetRow | None = None,
    fusion: str = "",
) -> list[str]:
    """On-target without --min-vaf: no allele set aside as subclonal for its VAF alone; the note names them, and,
    where a compound is listed (`compound_listed`), says that the four-fifths test on a compound's parts
    (compound_bulk.py) applies all the same (review of the changes, seventh reading, finding 13: the note said 'every
    variant counts as clonal' beside a call marked subclonal; not in a sample without a compound: clinical review of
    stop 42, finding 12); where nothing but those mutations shows the tumour ALK-positive (no ALK status in the
    sample sheet `row`, no ALK fusion call), that ALK positivity rests on them (clinical read of stop 52, item c: P7_T's
    C1156Y at 3.0% made the tumour assessable and nothing said so). A COUNTED_AT_ANY_VAF note."""
    if context.min_vaf is not None:
        return _no_vaf_notes(mutations, context.min_vaf)
    if mechanism != ON_TARGET:
        return []
    counted = [f"{m.protein_change} at VAF {m.vaf:.1%}" for m in mutations if m.counts_for_resistance and m.vaf]
    if not counted:
        return []
    four_fifths = (
        " The four-fifths allele-fraction test on a compound's parts applies all the same (see the compound's note)."
        if compound_listed
        else ""
    )
    said = (
        f"{NO_MIN_VAF} for its VAF alone ({', '.join(counted)}); "
        f"with a cut-off, a variant below it would make on-target resistance only possible.{four_fifths}"
    )
    rests = _positivity_rests_on(shown_only_by_mutations(row, fusion, mutations), row, fusion)
    # the mechanism's 'if clonal' (report/mechanism_words) reads the kind
    return [Note(said + rests, COUNTED_AT_ANY_VAF)]


def _positivity_rests_on(changes: tuple[str, ...], row: SheetRow | None, fusion: str) -> str:
    """' ALK positivity rests on C1156Y alone here (no ALK status in the sample sheet, no ALK fusion call in this
    input); with a cut-off above its VAF it would not be established: ...': what the tumour's ALK positivity rests on
    where the known mutations counted at any VAF are all that show it (alk_status.alk_positivity); '' otherwise."""
    if not changes:
        return ""
    sheet = "no sample-sheet row" if row is None else "no ALK status in the sample sheet"
    if row is not None and row.alk_status is not None:
        sheet = f"ALK status {row.alk_status_text} in the sample sheet"
    fusion_text = "only a possible ALK fusion" if fusion == "possible" else "no ALK fusion call"
    return (
        f" ALK positivity rests on {' and '.join(changes)} alone here ({sheet}, {fusion_text} in this input); with a "
        f"cut-off above {'its VAF' if len(changes) == 1 else 'their VAFs'} it would not be established: give the ALK "
        "status in the sample sheet if it is known."
    )


def _no_vaf_notes(mutations: list[AlkMutation], min_vaf: float) -> list[str]:
    """A counted change whose record gives no allele fraction (no AF, no AD) cannot be tested against --min-vaf: it
    is taken as clonal, which the report says rather than pass it silently (clinical review of stop 35, finding 2:
    G1202R with a genotype only 'explains the progression' with no word on its clonality)."""
    untested = list(dict.fromkeys(m.protein_change for m in mutations if m.counts_for_resistance and m.vaf is None))
    if not untested:
        return []
    which = f"{untested[0]} has" if len(untested) == 1 else f"{', '.join(untested)} have"
    return [
        f"{which} no allele fraction in the input (no AF or AD in its record), so --min-vaf {min_vaf:g} could not be "
        f"applied: {'it is' if len(untested) == 1 else 'they are'} taken as clonal, which the input does not show."
    ]


def _in_normal_note(m: AlkMutation) -> str:
    """A change the matched normal carries too: germline as a rule; but a known resistance mutation, acquired
    under treatment in the knowledge base's sources, in the normal points first to tumour cells in the normal or a
    sample mix-up (clinical review 2026-12-01, third reading, finding 9)."""
    normals = ", ".join(m.in_normal)
    if m.resistance == "known":
        return (
            f"{m.protein_change} is also found in the matched normal ({normals}): it is a known ALK resistance "
            "mutation, so check for tumour cells in the normal sample or a sample mix-up before reading it as "
            "germline; listed, not counted for resistance."
        )
    return (
        f"{m.protein_change} is also found in the matched normal ({normals}): germline, not an acquired "
        "resistance mutation; listed, not counted for resistance."
    )


def _shared_filter_note(m: AlkMutation) -> str:
    """A change read as in the normal from the normal's reads on a record filtered for the normal, where other samples
    of the file carry it too: one FILTER for all of a merged file's pairs may be another pair's (review of stop 37's
    fixes, finding 9: a normal with one read was read as carrying it)."""
    others = ", ".join(m.filter_shared_with)
    return (
        f"{m.protein_change} is read as in the matched normal ({', '.join(m.in_normal)}) from its reads, the genotype "
        f"not called, because the record's FILTER is {m.filter}; other samples of this file carry the change too "
        f"({others}), and a VCF merged from several tumour/normal pairs has one FILTER for all of them (bcftools merge "
        "joins the pairs' filters), so the filter may have been set for another pair: check this pair's own VCF."
    )


def with_normal_caveat(kb, pgp, mutations: list[AlkMutation], latest: str | None = None):
    """The P-gp note, with what a known resistance mutation also in the matched normal leaves open: if it is
    tumour in the normal or a sample mix-up, it is the tumour's own and may explain the progression; or, where read
    so beside the tumour's other changes it would not (mechanism.normal_change_may_explain: G1269A alone after
    ceritinib, called sensitive), that it would not, with the calls that say so (review of stop 36's change, finding
    4, and its second review, findings 1 and 4). Either way the check comes first."""
    from .mechanism import mechanism_of, normal_changes_as_the_tumours

    found = known_in_normal(mutations)
    if not found or pgp.check == "not_indicated":
        return pgp
    names = ", ".join(dict.fromkeys(m.protein_change for m in found))
    changes = {m.protein_change for m in found}
    several = len(changes) > 1
    said = (
        f"{names}, known ALK resistance mutations, are also found in the matched normal and are not counted here; "
        if several
        else f"{names}, a known ALK resistance mutation, is also found in the matched normal and is not counted here; "
    )
    if pgp.uncounted_named:  # the note named it so already (pgp_beside.none_found): said once (final review of stop 32)
        said = ""
    # read as the tumour's beside its other changes, once: what normal_change_may_explain weighs
    as_tumours, readings = normal_changes_as_the_tumours(kb, mutations) if latest is not None else ([], ())
    if latest is not None and mechanism_of(as_tumours, readings, [], latest) == UNEXPLAINED:
        on_latest = [r for r in readings if r.inhibitor == latest and changes & set(r.basis.split(" (")[0].split("+"))]
        calls = "; ".join(f"{r.basis} {r.category}{r.marked} {kb.cite(r.sources)}" for r in on_latest)
        they = "they" if several else "it"
        caveat = (
            f"{said}were {names} the tumour's (tumour cells in the normal, or a sample mix-up: check that before "
            f"acting on this advice), {they} would not explain the progression on {latest} either (the knowledge "
            f"base's {latest} calls: {calls})."
        )
        sources = tuple(dict.fromkeys(pgp.sources + tuple(k for r in on_latest for k in r.sources)))
        caveat = caveat[0].upper() + caveat[1:]
        parts = appended(pgp.parts, "caveat", caveat) if pgp.parts else ()
        return replace(pgp, note=f"{pgp.note} {caveat}", sources=sources, parts=parts)
    caveat = (
        f"{said}if the normal holds tumour cells or the samples were mixed up, {names} "
        f"{'are' if several else 'is'} the tumour's and may explain the progression: check that before acting "
        "on this advice."
    )
    caveat = caveat[0].upper() + caveat[1:]
    return replace(pgp, note=f"{pgp.note} {caveat}", parts=appended(pgp.parts, "caveat", caveat) if pgp.parts else ())


def with_uncounted_calls(kb, verdicts: tuple, mutations: list[AlkMutation]) -> tuple:
    """Per-inhibitor calls that a known resistance mutation also in the matched normal would change: `unknown`, the
    note saying what the call would be if it is the tumour's (tumour cells in the normal, or a sample mix-up) and
    what it is without it (final review of 2026-12-01, finding 2: green cells beside an on-target-possible flag).
    With the tumour's own counted changes, the call weighed is their compound's with it (G1202R with L1196M), not
    G1202R's alone. A drug the patient progressed on keeps its `resistant`; a re-sensitised call does not (last
    check, findings A and B). A known resistance mutation whose record failed a quality filter is weighed the same
    way ('if it is real')."""
    in_normal = known_in_normal(mutations)
    # a known resistance mutation whose record failed a quality filter: real or not, the reads decide (clinical review
    # of stop 35, finding 4: L1196M with FILTER=weak_evidence beside 'crizotinib: sensitive' on the fusion alone)
    filtered = [m for m in mutations if m.known_not_counted and not m.in_normal and m not in in_normal]
    if not in_normal and not filtered:
        return verdicts
    from .pgp import display_name

    counted = [m.protein_change for m in mutations if m.counts_for_resistance]
    found = in_normal + filtered
    calls = {
        m.protein_change: kb.call_compound(counted + [m.protein_change])
        if counted
        else kb.call_variant(m.protein_change, m.aa_position, m.in_kinase_domain)
        for m in found
    }
    condition = {
        m.protein_change: "is also found in the matched normal; if it is the tumour's (tumour cells in the normal, "
        "or a sample mix-up)"
        for m in in_normal
    }
    condition.update({m.protein_change: f"failed the caller's filter ({m.filter}); if it is real" for m in filtered})
    out = []
    for v in verdicts:
        worse = [
            (change, call.alteration, call.calls[v.inhibitor])
            for change, call in calls.items()
            if v.inhibitor in call.calls and _less_favourable(call.calls[v.inhibitor].category, v.category)
        ]
        if (v.progressed_on and not v.resensitised) or not worse:
            out.append(v)
            continue
        name = display_name(kb, v.inhibitor)
        said = "; ".join(
            f"{change} {condition[change]}, {call_clause(alteration, ic.category, name)}"
            for change, alteration, ic in worse
        )
        note = f"{said}; without it the call would be {v.category} ({v.basis})" if v.category != "unknown" else said
        sources = tuple(dict.fromkeys(v.sources + tuple(s for _, _, ic in worse for s in ic.sources)))
        out.append(
            demoted(
                v,
                cites_call=True,  # the genotype call's sources stay among `sources`
                category="unknown",
                sources=sources,
                note="; ".join(n for n in (note, v.note) if n),
            )
        )
    return tuple(out)


def _less_favourable(category: str, than: str) -> bool:
    """`category` says more against the drug than `than` (an unknown call gains the caveat of a resistant one)."""
    order = ("resistant", "conflicting", "intermediate", "unknown", "sensitive")
    if than == "unknown":
        return category in order[:3]
    return category in order and than in order and order.index(category) < order.index(than)


def truncating_note(m: AlkMutation) -> str:
    """A stop-gained, frameshift or start-lost change in the kinase domain (clinical review 2026-12-01, fourth reading,
    finding 1): listed, never a resistance candidate, never part of a compound (RULES.md sections 4 and 5)."""
    kind = m.consequence.replace("_variant", "").replace("_", "-").replace("&", ", ")
    return (
        f"{m.protein_change} is truncating ({kind}): not a resistance candidate. It is not expected to make a "
        "drug-resistant active ALK kinase: on the fusion allele it cuts the fusion's kinase short or shifts its frame, "
        "on the other allele it sits on the non-rearranged ALK. Listed; not counted for the resistance mechanism or as "
        "part of a compound."
    )


def tumour_only_notes(kb, mutations: list[AlkMutation], context: SampleContext) -> list[str]:
    """Without a matched normal nothing tells a somatic ALK change from a germline one (an ALK polymorphism at a
    heterozygous allele fraction reads like a mutation): said once per sample for the changes that are not known
    resistance mutations (those are acquired under treatment in the sources), with its sources, no cut-off; beside a
    known resistance mutation, the reading such a change would give were it somatic, since it is set aside from the
    compound (unestablished_origin.py)."""
    listed = list(
        dict.fromkeys(
            m.protein_change for m in mutations if m.passed and not m.ref_mismatch and m.resistance != "known"
        )
    )
    if context.unpaired_normals and listed:
        return [_unpaired_note(kb, listed, context.unpaired_normals)]
    if not context.tumour_only or not listed:
        return []
    return [
        "No matched normal: the input names none for this sample (no ##normal_sample line or MAF "
        "Matched_Norm_Sample_Barcode; no sample in it is taken as a normal), so whether "
        f"{', '.join(listed)} {'is' if len(listed) == 1 else 'are'} somatic or germline is not established from it. "
        + statement(kb, "tumour_only_germline")
        + other_reading(kb, mutations)
    ]


def _unpaired_note(kb, listed: list[str], normals: tuple[str, ...]) -> str:
    """A tumour of a merged cohort whose matched normal nothing names: the normals are there, but which is its own is
    not known, so its changes were checked against none (clinical review of stop 35, finding 7: R1275Q at 50% beside
    its own normal at 48%, with neither the germline flag nor the tumour-only caveat)."""
    shown = ", ".join(normals[:3]) + (f", ... ({len(normals)} in all)" if len(normals) > 3 else "")
    return (
        f"Matched normal not known: the input holds normals ({shown}) but does not say which is this sample's "
        "(name it in the sample sheet's `normal` column), so whether "
        f"{', '.join(listed)} {'is' if len(listed) == 1 else 'are'} somatic or germline was not checked against one. "
        + statement(kb, "tumour_only_germline")
    )


def mutation_notes(
    kb, mutations: list[AlkMutation], fusion: str, row: SheetRow | None, context: SampleContext
) -> list[str]:
    notes = []
    for m in mutations:
        if m.low_vaf:
            notes.append(
                f"{m.protein_change} at VAF {m.vaf:.1%} is below --min-vaf {context.min_vaf:g}: "
                f"{LOW_VAF_WORDS}; reported, not dropped."
                + (
                    " A resistance mutation only at low level makes on-target resistance possible but does not "
                    "establish it."
                    if m.resistance == "known"
                    else ""
                )
            )
        if m.in_normal and m.passed:
            notes.append(_in_normal_note(m))
        if m.in_normal and m.filter_shared_with:
            notes.append(_shared_filter_note(m))
        if m.ref_mismatch:
            status = (
                " The ALK mutation status of this sample is therefore not established: check the genome build "
                "and the record."
                if m.unevaluable
                else ""
            )
            notes.append(
                f"{m.label}: the record's REF ({m.ref} at {m.chrom}:{m.pos}) disagrees with the reference sequence "
                f"of NM_004304.5, so no protein change can be given (p.?) and no call is made; it could be a "
                f"resistance mutation or nothing (wrong build or a malformed record?).{status}"
            )
        elif not filter_passed(m.filter) and not known_in_normal([m]):
            # a known resistance mutation: confirm it before the tumour is read as mutation-negative (review of stop
            # 32's change, finding 4)
            confirm = " Confirm it (e.g. by a review of the reads) before reading the tumour as ALK-mutation-negative."
            notes.append(
                f"{m.protein_change} failed the caller's filter ({m.filter}); listed, not used for the verdict."
                + (confirm if m.resistance == "known" else "")
            )
        elif m.resistance == "activating":
            notes.append(
                f"{m.protein_change} is an activating ALK variant (its statements are about ALK activation, "
                "e.g. in neuroblastoma); it is not counted as a resistance mutation."
            )
        elif m.truncating and m.in_kinase_domain and not m.in_normal:
            notes.append(truncating_note(m))
    notes += tumour_only_notes(kb, mutations, context)
    if fusion == "not_assessed":
        notes.append(
            Note(
                "Fusion not assessed: no SV calls or fusion table cover this sample; a DNA VCF alone may "
                "lack the fusion record.",
                FUSION_NOT_ASSESSED,  # left out where a recorded status stands (verdicts._with_recorded_fusion)
            )
        )
    if row is None and context.sheet is not None:
        notes.append("Not in the sample sheet: treatment history, ALK status and ABCB1 unknown.")
    notes += untreated_resistance_notes(mutations, row)
    return notes


def untreated_resistance_notes(mutations: list[AlkMutation], row: SheetRow | None) -> list[str]:
    """A known ALK resistance change in a tumour whose sheet records no ALK inhibitor (`none`): said, not taken
    as a progression (review 10, finding 1): its calls bear on the choice of a first ALK inhibitor, and the
    history and the change's somatic status are worth a look."""
    if row is None or row.progressed_on != ():
        return []
    known = [m for m in mutations if m.resistance == "known" and m.counts_for_resistance and not m.in_normal]
    if not known:
        return []
    names = ", ".join(dict.fromkeys(m.protein_change for m in known))
    return [
        f"{names}: a known ALK resistance change, although the sample sheet records no ALK inhibitor "
        "(progressed_on none): its per-inhibitor calls bear on the choice of a first ALK inhibitor; check the "
        "treatment history and that the change is somatic."
    ]


def _weak_basis(r: Reading) -> str:
    """Why a call is too weak to settle the progression: chiefly in silico (its deciding statement votes because the
    source also reports cells or patients, RULES.md 1: not 'only' in silico; review 21, finding 1) or from other
    contexts."""
    if r.in_silico:
        return f"its basis is {IN_SILICO_IN_A_SENTENCE}"
    return "only from other contexts (no statement about ALK-positive NSCLC)"
