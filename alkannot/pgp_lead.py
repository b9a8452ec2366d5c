"""The lead of the P-gp note where no ALK change explains the latest progression (pgp.py): 'progressed most recently
on X, and no ... explains it', naming what is present and why it does not settle the progression, with the sources
it cites. Pure: reads only the knowledge base and the sample's readings.
"""

from __future__ import annotations

from .flag_words import PHASE_UNKNOWN_WORDS
from .note_identity import NO_CALL, SENSITIVE_TO_LATEST
from .pgp_beside import none_found, not_established, not_evaluated, vus_clause
from .pgp_explain import (
    base_compound_clause,
    compound_effect,
    compound_parts,
    minor_calls,
    minor_compound_clause,
    minor_parts,
    only_in_part,
    open_base_clause,
    partner_compound_clause,
    readings_text,
    vus_partner,
)
from .readings import EXPLAINING, Reading
from .sourced_text import compound_base_keys, display_name, statement_sources

# the lead's text, the sources it cites, the (note kind, change, drug) triples of what it names as a sample note on
# the change says it: with no call (NO_CALL), or called sensitive (SENSITIVE_TO_LATEST) (PgpAssessment.lead_named),
# and whether it names the known resistance mutations not counted (pgp_beside.none_found; PgpAssessment.uncounted_named)
Lead = tuple[str, tuple[str, ...], tuple[tuple[str, str, str], ...], bool]


def unexplained_lead(kb, inputs, on_latest: tuple[Reading, ...], latest: str) -> Lead:
    """'progressed most recently on X, and no ... explains it', with the readings that bear on it: calls that
    say the change cannot explain it, and calls too weak to say either way (below --min-vaf, other contexts,
    in silico); the sources it cites, those of each reading it says with its citation (clinical review of stop
    41, finding 12); the (change, drug) pairs it names with no call (no_call_named). `inputs`: PgpInputs."""
    name = display_name(kb, latest)
    # a compound whose call rests on its minor part is said by only_in_part, not as 'not settled' (second review of
    # this session's change, finding 1)
    parts = {c: r for c, r in compound_parts(on_latest, latest).items() if not r.part_of}
    not_explaining = tuple(r for r in on_latest if r.clonal and r.category == "sensitive" and r.firm)
    alone = tuple(r for r in not_explaining if r.basis in parts)
    not_explaining = tuple(r for r in not_explaining if r.basis not in parts and not r.open_base)
    covered = {parts[r.basis].basis for r in alone}
    named, sources, no_calls, partners = _named_open(kb, on_latest, covered, latest, inputs.vus)
    weak = tuple(r for r in on_latest if r.clonal and not r.firm and r.category in EXPLAINING + ("sensitive",))
    disputed = tuple(r for r in on_latest if r.clonal and r.firm and r.explains and r.disputed)
    subclonal = tuple(r for r in on_latest if not r.clonal and r.explains)
    # a compound's minor part that explains the progression opens the lead, with its VAF and call, before the clonal
    # part the drug is active against (clinical review of stop 49, task 1: G1202R at 20% beside L1196M at 40% after
    # alectinib read 'no clonal ALK mutation is known to explain it (L1196M ...)' first, G1202R at the end)
    minor = minor_parts(subclonal, bool(not_explaining)) if inputs.readings and not (named or weak or disputed) else ()
    uncounted = False  # whether the lead names the known resistance mutations not counted
    if minor:
        lead = (
            f"progressed most recently on {name}; {only_in_part(subclonal, minor_calls(kb, minor, name))[2:]}; "
            "no clonal ALK mutation is known to explain it"
        )
        sources = (*sources, *(key for r in minor for key in r.sources))
    elif named:  # what is present is named, not dismissed as 'no clonal ALK mutation' (second reading, finding 5)
        lead = f"progressed most recently on {name}; {'; '.join(named)}"
    elif weak or disputed:  # a clonal change named next may explain it: not denied first (stop 42, finding 7)
        what = "alteration" if any(r.copy_number for r in inputs.readings) else "mutation"
        lead = f"progressed most recently on {name}, and no ALK {what} is established as the cause"
    elif any(r.copy_number for r in inputs.readings):
        lead = f"progressed most recently on {name}, and no ALK alteration found is known to explain it"
    elif inputs.readings:
        lead = f"progressed most recently on {name}, and no clonal ALK mutation is known to explain it"
    elif inputs.unevaluable:
        lead = f"progressed most recently on {name}, and {not_established(inputs.unevaluable)}"
    else:  # the known resistance mutations not counted, each named (none_found), where there are any
        lead, uncounted = f"progressed most recently on {name}, and {none_found(inputs.vus, inputs.uncounted)}", True
    # a VUS named as a partner (pgp_explain.vus_partner) is not named again; `named` is in the lead wherever it holds
    # a clause, since `minor` is looked for only without one
    vus = tuple(v for v in inputs.vus if v not in partners)
    if (inputs.readings or inputs.unevaluable) and vus:
        lead += f"; {vus_clause(vus, too=True)}"
    gains = tuple(r for r in on_latest if r.copy_number and r.category == "unknown")
    if gains:
        lead += (
            f" ({', '.join(dict.fromkeys(r.basis for r in gains))} is present, but the knowledge base has no "
            f"{name} data for ALK amplification: whether it explains the progression on {name} is not known)"
        )
    # after a citation, not in a bracket straight after it (stop 54: '... [SHI22; PEL21] (L1196M ... )')
    sensitive_text, partner_keys = _sensitive_said(kb, not_explaining, subclonal, latest, lead.endswith("]"))
    lead += sensitive_text
    if alone:
        compounds = ", ".join(dict.fromkeys(parts[r.basis].basis for r in alone))
        maybe = f"({PHASE_UNKNOWN_WORDS})" in compounds
        # each part gets the caveat, not only the last one named (third reading, finding 13)
        # the parts' calls joined as one list, then 'each on its own' (clinical review of stop 49, second pass,
        # finding 4: "... [LIN17T2; PEL21]; L1196M (VAF 30.0%) is sensitive ... [LIN17T2] each on its own, but ...")
        part_calls = [readings_text(kb, (r,), latest) for r in alone]
        said_text = ", ".join(part_calls[:-1]) + " and " + part_calls[-1] if len(part_calls) > 1 else part_calls[0]
        whose = ", each on its own, but here they" if len(alone) > 1 else " on its own, but here it"
        part_of = ("may be" if maybe else ("are" if len(alone) > 1 else "is")) + " part of"
        effect = compound_effect(alone, parts, name)
        clause = f"{said_text}{whose} {part_of} {compounds}, {effect}"
        lead += f"; {clause}" if lead.endswith("]") else f" ({clause})"  # no bracket straight after a citation
    if weak:
        lead += f"; {readings_text(kb, weak, latest)}: a call too weak to settle whether it explains the progression"
    if disputed:  # not 'explained': one measurement against sources listing the drug as active (review 9, finding 3)
        lead += f"; {readings_text(kb, disputed, latest)}: whether it explains the progression is unsettled"
    lead += "" if minor else only_in_part(subclonal)
    if inputs.readings and inputs.unevaluable:
        lead += f"; {not_evaluated(inputs.unevaluable)}"
    said = (*not_explaining, *alone, *weak, *disputed)  # each cited by readings_text
    keys = (*sources, *(key for r in said for key in r.sources), *partner_keys)
    # and the changes called sensitive it names, as their notes say (rev51, finding 1: LV6's card said it twice)
    sensitive = tuple((SENSITIVE_TO_LATEST, r.basis, r.inhibitor) for r in not_explaining)
    return lead, tuple(dict.fromkeys(keys)), (*no_calls, *sensitive), uncounted and bool(inputs.uncounted)


def _sensitive_said(
    kb, not_explaining: tuple[Reading, ...], subclonal: tuple[Reading, ...], latest: str, cited_before: bool = False
) -> tuple[str, tuple[str, ...]]:
    """' (C1156Y (VAF 30.0%) is sensitive to lorlatinib ... : not expected to cause lorlatinib resistance on its own);
    L1198F ... may be C1156Y's partner ...' for the clonal changes called sensitive to `latest`, with the sources of
    the partner clauses: a partner below the cut-off with which the change forms a compound the knowledge base calls
    resistant is named, and the change's own call said as its own (clinical read of stop 51, LV6); ('', ()).
    `cited_before`: the lead ends in a citation, after which the clause follows a semicolon, not a bracket."""
    if not not_explaining:
        return "", ()
    name = display_name(kb, latest)
    low = {r.basis for r in subclonal}
    partner = [partner_compound_clause(kb, r, name, low) for r in not_explaining]
    own = " on its own" if any(text for text, _ in partner) else ""
    said = f"{readings_text(kb, not_explaining, latest)}: not expected to cause {name} resistance{own}"
    text = f"; {said}" if cited_before else f" ({said})"
    text += "".join(f"; {clause}" for clause, _ in partner if clause)
    return text, tuple(key for _, keys in partner for key in keys)


def _named_open(
    kb, on_latest: tuple[Reading, ...], covered: set[str], latest: str, vus: tuple[str, ...] = ()
) -> tuple[list[str], tuple[str, ...], tuple[tuple[str, str, str], ...], tuple[str, ...]]:
    """The clonal ALK changes whose effect on `latest` is open, by name: one the knowledge base has no call for
    (a compound not already named as the compound a sensitive part may belong to), and one called sensitive on
    its own that compound mutations resistant to `latest` involve (Reading.open_base), with the sources
    open_base_clause cites; the (change, drug) pairs of the first, named by no_call_named; and the changes of
    unknown significance the second names as a partner (pgp_explain.vus_partner)."""
    name = display_name(kb, latest)
    clonal = [r for r in on_latest if r.clonal and not r.copy_number]

    def extra(changes: tuple[str, ...]) -> tuple[str, ...]:  # a source on one change is cited for it only
        return statement_sources(*compound_base_keys(latest, changes))

    unknown = [r for r in clonal if r.category == "unknown" and r.basis not in covered]
    named = [no_call_named(kb, r, name) for r in unknown]
    sources = [key for r in unknown if r.base_parts for key in (*r.compound_base, *extra(r.base_parts))]
    parts = compound_parts(on_latest, latest)
    bases = [r for r in clonal if r.open_base and r.basis not in parts]
    named += [open_base_clause(kb, r, name, extra((r.basis,)), vus) for r in bases]
    partners = tuple(dict.fromkeys(p for p in (vus_partner(r, vus) for r in bases) if p))
    # a part of a compound with a minor part and no call: named with that compound (clinical review of stop 48, 1)
    minor = [r for r in clonal if r.open_base and r.basis in parts and _minor_unknown(parts[r.basis])]
    named += [minor_compound_clause(kb, r, parts[r.basis], name, extra((r.basis,))) for r in minor]
    bases += minor
    sources += [key for r in bases for key in (*r.sources, *r.compound_base, *extra((r.basis,)))]  # the clauses'
    return named, tuple(sources), tuple((NO_CALL, r.basis, r.inhibitor) for r in unknown), partners


def no_call_named(kb, r: Reading, name: str) -> str:
    """'L1196M+G1202R (cis), which has no genotype-based lorlatinib call in the knowledge base, is present: it
    contains G1202R, ...': how the lead names a clonal change with no call for the drug `name` (`r.inhibitor`), the
    clause the sample's note on the same change says (sample_notes.explanation_notes); the lead records the pair it
    names so (PgpAssessment.lead_named), so that the HTML card prints the note only where the P-gp note does not
    say it (report/card_notes.py)."""
    extra = statement_sources(*compound_base_keys(r.inhibitor, r.base_parts))
    return f"{r.basis}, which has no genotype-based {name} call in the knowledge base, is present: " + (
        base_compound_clause(kb, r, name, extra) if r.base_parts else _NOT_KNOWN
    )


def _minor_unknown(compound: Reading) -> bool:
    """A compound read with a minor part (not clonal for its VAFs, no cut-off crossed), with no call for the drug,
    not a pair in trans."""
    return bool(compound.part_of) and compound.category == "unknown" and "trans" not in compound.basis


_NOT_KNOWN = "whether it explains this progression is not known"


__all__ = ["no_call_named", "unexplained_lead"]
