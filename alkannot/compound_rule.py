"""RULES.md section 4: a compound's call from its parts' single-mutation calls (the least favourable one, never a
favourable call carried over to an untested compound) and the re-sensitising partners that turn an inferred
`resistant` into `unknown`. Pure functions over evidence.py's records, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .evidence import EVIDENCE_KINDS, LEAST_FAVOURABLE, Cite, InhibitorCall, Statement, listed_reasons, unique
from .readings import call_mark, said_mark
from .records import record, replace
from .sourced_text import identified_once

# Why an untested compound is never called sensitive from its parts: compound mutations arise on
# lorlatinib with differential lorlatinib susceptibility [REC20], and G1202R tumours that responded to
# lorlatinib relapsed with compound mutations [PEL21] (shared/kb/guidance.md section 5).
COMPOUND_CAVEAT_SOURCES = ("REC20", "PEL21")
# how the note of an untested compound whose parts are all favourable opens (`least_favourable`)
NO_STATEMENT_ITSELF = "inferred: no statement on the compound itself"


def alone_beside_larger(
    call: InhibitorCall, entries: Mapping[str, Sequence[Statement]], changes: Sequence[str], inhibitor: str
) -> InhibitorCall:
    """An untested compound's inferred call whose note says 'no statement on the compound itself', where the knowledge
    base has a statement for `inhibitor` on a larger compound that contains every one of `changes` (`entries`: its
    statements by alteration): 'no statement on the compound alone, only on I1171N+L1196M+G1202R, which contains it'
    (L1196M+G1202R and lorlatinib: CIViC EID11114 on the triple; stop 48 review, words48b task 4: 'itself' beside the
    note quoting that case). Elsewhere 'itself' stays: no statement on the compound in any form. Unchanged otherwise."""
    if not call.note.startswith(NO_STATEMENT_ITSELF):  # the knowledge base is searched only for such a note
        return call
    larger = [
        name
        for name, statements in entries.items()
        if "+" in name and set(changes) < set(name.split("+")) and any(s.inhibitor == inhibitor for s in statements)
    ]
    if not larger:
        return call
    said = f"inferred: no statement on the compound alone, only on {', '.join(sorted(larger))}, which contains it"
    return replace(call, note=said + call.note[len(NO_STATEMENT_ITSELF) :])


def least_favourable(
    component_calls: dict[str, InhibitorCall], same_allele_possible: bool = True, cite: Cite | None = None
) -> InhibitorCall:
    """RULES.md section 4: the compound's inferred call from its single-mutation calls. `cite`: how the note
    brackets a part's sources (the knowledge base's `sourced_text.citation`, as every other note cites: 'SEED, press
    release on KAT16', review 17, finding 12); a plain '[A; B]' without it.

    When the changes may sit on one allele (cis or phase unknown), a favourable result (sensitive or
    intermediate) is not carried over to the untested compound: the call is `unknown`. Changes known
    to be in trans are on different alleles, not one compound, so the least favourable single call stands.
    """
    if not component_calls:
        return InhibitorCall("unknown", note="no kinase-domain change", inferred=True)
    worst = min(component_calls.values(), key=lambda c: LEAST_FAVOURABLE.index(c.category)).category
    # the call cites the part call(s) that set it, by the statements that decided them (RULES.md section 4: "only
    # the statements that decided it"): never a part of another direction (G1269A's ceritinib-sensitivity sources
    # under C1156Y+G1269A's resistant call: review 12, finding 9), nor a statement listed beside a part's call that
    # says otherwise or does not vote (EID38, re-read; SCHO11, neuroblastoma: clinical review 2026-12-01 KB audit,
    # finding 2). Every part's call keeps its own sources in the note ('G1269A sensitive [FRI14; LIN17T2; ...]')
    setting_parts = {change: c for change, c in component_calls.items() if c.category == worst}
    setting = list(setting_parts.values())
    sources = unique(s for call in setting for s in call.counted_sources)
    kinds = {k for call in setting for k in call.evidence_kinds}
    cite = cite or _plain
    parts = "; ".join(f"{change} {_part_call(call, cite)}" for change, call in component_calls.items())
    context = "other" if setting and all(c.context == "other" for c in setting) else ""
    note = f"inferred, least favourable single-mutation call ({parts}); no IC50 measured on the compound"
    if not same_allele_possible:  # not a compound: no 'compound' to speak of (clinical review, sixth, finding 11)
        count = "two" if len(component_calls) == 2 else str(len(component_calls))
        note = f"least favourable call of the {count} mutations (different alleles: trans, not a compound; {parts})"
    if context == "other":
        note = f"no statement about ALK-positive NSCLC for the part that sets it; {note}"
    if same_allele_possible and worst in ("sensitive", "intermediate"):
        # every part is favourable and none sets the `unknown`: each part's call is cited, a part's call from other
        # contexts only where it is the least favourable one (clinical review, sixth reading, finding 1)
        setting_parts = {
            change: c for change, c in component_calls.items() if c.context != "other" or c.category == worst
        }
        citing = list(setting_parts.values())
        kinds = {k for call in citing for k in call.evidence_kinds}
        # each source attached to what it says: the parts' calls to their own statements, the escape to REC20 and
        # PEL21; none bracketed on the `unknown`, which no source states (clinical review of stop 42, finding 9)
        parts = "; ".join(f"{change} {_part_call(call, cite)}" for change, call in component_calls.items())
        worst = "unknown"
        sources = unique([s for call in citing for s in call.counted_sources] + list(COMPOUND_CAVEAT_SOURCES))
        note = (
            f"{NO_STATEMENT_ITSELF}; each single change is sensitive or intermediate "
            f"({parts}), and compound mutations can escape an inhibitor that covers each single change "
            f"{cite(COMPOUND_CAVEAT_SOURCES)}: not called sensitive"
        )
        context = ""
    kinds_ordered = tuple(k for k in EVIDENCE_KINDS if k in kinds)
    disputed = worst != "unknown" and any(c.disputed for c in setting)  # the setting part's dispute (review 12, 7)
    # what the parts it cites list without counting is listed for it too, with their reasons (stop 41, finding 13)
    listed = unique(s for call in setting_parts.values() for s in call.listed_sources if s not in sources)
    # each source's PMID or DOI at its first citation only: a source that two parts, or a part and the escape caveat,
    # cite (PEL21 beside G1202R and in the caveat after lorlatinib) is identified once (clinical review of stop 42)
    note = identified_once(note + _listed_by_parts(setting_parts))
    return InhibitorCall(
        worst, kinds_ordered, sources, None, None, note, True, context=context, parts_disputed=disputed, listed=listed
    )


def _listed_by_parts(setting: dict[str, InhibitorCall]) -> str:
    """' | not counted, as for L1196M and G1202R alone: PMO21: company claim relayed by trade press, ...': what the
    parts whose calls the inferred call cites list without counting, with each one's reason, as each part's own call
    says it: a source a part only lists is listed for the compound too, never cited for it (TPX-0131 and L1196M+G1202R:
    PMO21, no assay, cells or numbers; clinical review of stop 41, finding 13). '' where they list none."""
    by_reason: dict[str, list[str]] = {}
    for change, call in setting.items():
        for reason in listed_reasons(call):
            by_reason.setdefault(reason, []).append(change)
    by_parts: dict[tuple[str, ...], list[str]] = {}  # one segment for the parts that list the same, each reason once
    for reason, listing in by_reason.items():
        by_parts.setdefault(tuple(listing), []).append(reason)
    said = []
    for changes, reasons in by_parts.items():
        names = " and ".join(n for n in (", ".join(changes[:-1]), changes[-1]) if n)
        said.append(f" | not counted, as for {names} alone: {'; '.join(reasons)}")
    return "".join(said)


def _plain(sources) -> str:
    return f"[{'; '.join(sources)}]" if sources else ""


def _part_call(call: InhibitorCall, cited: Cite | None = None) -> str:
    """'sensitive', or 'sensitive (other context)' for a call resting on other contexts only (no NSCLC / EML4-ALK
    statement), as `lookup` says it for the single change: never a plain call in a compound's note; with the drug
    table's mark of its evidence before that ('sensitive (reviews only) [LIN17T2]': readings.call_mark, in the table's
    order of marks; stop 53: the table marked L1196M's brigatinib call, the compound's note did not). `cited`: with
    the statements that decided it, bracketed as notes cite ('sensitive [FRI14; LIN17T2]'); an `unknown` has none
    (the statements listed for it say why in the part's own `lookup`)."""
    text = call.category + said_mark(call_mark(call)) + (" (other context)" if call.context == "other" else "")
    sources = unique(v.statement.label for v in call.deciding_votes) if cited else ()
    return f"{text} {cited(sources)}" if cited and sources else text


@record(frozen=True)
class Resensitiser:
    """A change that, in a compound the knowledge base has statements about, turned a partner's
    resistance to an inhibitor into sensitivity (C1156Y+L1198F and crizotinib, EID843/844)."""

    change: str
    inhibitor: str
    compound: str
    partners: tuple[str, ...]
    sources: tuple[str, ...]


def resensitised(
    call: InhibitorCall, component_calls: dict[str, InhibitorCall], known: tuple[Resensitiser, ...]
) -> InhibitorCall:
    """RULES.md section 4: an untested compound whose resistance to an inhibitor comes from a partner
    of a documented re-sensitiser is `unknown`, not `resistant`, with a note naming the evidence."""
    if call.category != "resistant":
        return call
    resistant = [c for c, single in component_calls.items() if single.category == "resistant"]
    for r in known:
        if r.change in component_calls and r.change not in resistant:
            # name what is untested: the changes beyond the documented compound, not its own partner (final review
            # of 2026-12-01, finding 10: 'whether it does so with C1156Y is untested' of C1156Y+L1198F+X)
            documented = r.compound.split("+")
            beyond = [c for c in component_calls if c not in documented] or resistant
            note = (
                f"not called resistant: {r.change} re-sensitised {'+'.join(r.partners)} to {r.inhibitor} in "
                f"{r.compound} ({', '.join(r.sources)}); whether it does so with {', '.join(beyond)} "
                f"{'also present ' if set(documented) <= set(component_calls) else ''}is untested | {call.note}"
            )
            return replace(call, category="unknown", note=note, sources=unique(call.sources + r.sources))
    return call


def entry_or_parts(
    call: InhibitorCall, part_calls: Mapping[str, InhibitorCall], inferred: Callable[[], InhibitorCall]
) -> InhibitorCall:
    """A compound entry's call for one inhibitor, or its parts' inferred call (`inferred`, made only where needed;
    `part_calls`: each part's single call for the inhibitor): where the entry says nothing of the inhibitor; and where
    its call rests on other contexts only while a part has a call about ALK-positive NSCLC (as section 3.2 ranks
    single statements: I1171N+L1196M's pleural-mesothelioma case beside I1171N's NSCLC alectinib resistance; clinical
    review of stop 38, finding 1), unless the parts' call would be the more favourable one (the safe direction:
    I1171N+L1196M+G1202R stays lorlatinib-resistant, not `unknown`). The entry's call is then named in the note."""
    if call.sources and (call.context != "other" or not any(p.context == "nsclc" for p in part_calls.values())):
        return call
    parts = inferred()
    if not call.sources:
        return parts
    if LEAST_FAVOURABLE.index(parts.category) > LEAST_FAVOURABLE.index(call.category):
        return call
    cases = "; ".join(dict.fromkeys(f"{v.statement.label}, {v.statement.context}" for v in call.votes if v.votes))
    said = (
        f"this compound's own entry rests on other contexts only ({call.category} per {cases}) and does not "
        "decide beside its parts' calls about ALK-positive NSCLC"
    )
    note = parts.note.replace(
        "compound itself has no statement,", "compound itself has no statement about ALK-positive NSCLC,"
    )
    return replace(parts, note=f"{note}; {said}" if note else said)
