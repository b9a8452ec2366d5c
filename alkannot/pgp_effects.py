"""What the knowledge base says P-gp overexpression does to each inhibitor (`pgp_confers_resistance`,
`abcb1_transport`, each sourced), grouped for the P-gp note (pgp.py), and the note's sentence of those facts."""

from __future__ import annotations

import re

from .pgp_beside import FACTS_OPENING, TRANSPORT_OPENING
from .records import record
from .sourced_text import citation, display_name, identified_key, inhibitor_list, resistance_sources, restated_source


@record(frozen=True)
class PgpFacts:
    """What the knowledge base says P-gp does to each inhibitor, grouped for the note."""

    affected: tuple[str, ...]  # pgp_confers_resistance = yes
    unaffected: tuple[str, ...]  # = no
    possible: tuple[str, ...]  # conflicting, or unknown but transported by ABCB1
    unknown: tuple[str, ...]  # nothing known

    def kind(self, inhibitor: str) -> str:
        for kind in ("affected", "unaffected", "possible", "unknown"):
            if inhibitor in getattr(self, kind):
                return kind
        return "unknown"


def undecided_groups(kb, facts: PgpFacts) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The inhibitors neither `affected` nor `unaffected`, in three groups a reader tells apart (the JSON `pgp` object's
    `conflicting`, `untested` and `no_data`, schema 2.24): the sources that tested the tumour effect disagree
    (pgp_confers_resistance `conflicting`: ensartinib, WU22ENS against VAG20); no source tested it but ABCB1
    transports the drug (`possible` otherwise: brigatinib); nothing known (`unknown`: the drugs with no source)."""
    conflicting = tuple(d for d in facts.possible if kb.inhibitor(d).pgp_confers_resistance == "conflicting")
    untested = tuple(d for d in facts.possible if d not in conflicting)
    return conflicting, untested, facts.unknown


def pgp_facts(kb) -> PgpFacts:
    groups: dict[str, list[str]] = {"affected": [], "unaffected": [], "possible": [], "unknown": []}
    for info in kb.inhibitors():
        effect = info.pgp_confers_resistance
        if effect == "yes":
            groups["affected"].append(info.name)
        elif effect == "no":
            groups["unaffected"].append(info.name)
        elif effect == "conflicting" or info.abcb1_transport in ("yes", "modest"):
            groups["possible"].append(info.name)
        else:
            groups["unknown"].append(info.name)
    return PgpFacts(*(tuple(groups[k]) for k in ("affected", "unaffected", "possible", "unknown")))


# a tumour effect the sources tested: P-gp overexpression in tumour cells did or did not confer resistance, or sources
# that tested it disagree
TESTED_EFFECTS = ("yes", "no", "conflicting")


def transport_only_sources(kb) -> frozenset[str]:
    """The sources the knowledge base cites for ABCB1 transport alone (a pharmacokinetic question: exposure, e.g. in
    the brain), never for a tested tumour-cell effect of P-gp: TANG14, KORT_CER, LI18LOR ... and LI18BRIG, which
    `pgp_confers_resistance_sources` names for brigatinib only to say that its tumour effect was not tested. None of
    them is a source the P-gp flag rests on (##alkannotSample PgpSources; clinical read of stop 45 by helper r1)."""

    def build() -> frozenset[str]:
        infos = list(kb.inhibitors())
        tested = {
            s for i in infos if i.pgp_confers_resistance in TESTED_EFFECTS for s in i.pgp_confers_resistance_sources
        }
        untested = {
            s for i in infos if i.pgp_confers_resistance not in TESTED_EFFECTS for s in i.pgp_confers_resistance_sources
        }
        transport = {s for i in infos for s in i.abcb1_transport_sources}
        return frozenset((transport | untested) - tested)

    return kb.derived(("transport_only_sources",), build)


def facts_sentence(kb, facts: PgpFacts, said: str = "", cells: tuple[str, ...] = ()) -> str:
    """The P-gp facts of every inhibitor in the knowledge base, with sources: first what P-gp overexpression in the
    tumour does to each (pharmacodynamic), then, apart, which are transported by ABCB1 (pharmacokinetic: exposure,
    e.g. in the brain) for every inhibitor the knowledge base has a transport value for, so that a strongly
    transported drug is not left out while a modestly transported one is named (clinical review of stop 41, finding
    5). `said`: the drug whose tumour effect the note has just given (pgp_ihc.effect_on), not repeated (review 21,
    finding 11). `cells`: the drugs P-gp overexpression did not affect whose finding in cells the note has given
    (pgp_advice.cells_said), referred to, not said again (clinical read of stop 52)."""
    return kb.derived(("pgp_facts_sentence", facts, said, cells), lambda: _facts_sentence(kb, facts, said, cells))


def _facts_sentence(kb, facts: PgpFacts, said: str, cells: tuple[str, ...]) -> str:
    parts = _fact_parts(kb, facts, said, cells)
    # every drug's transport, the latest's too: the lead gives its tumour effect only (stop 42, finding 8)
    return FACTS_OPENING + "; ".join(text for text, _ in parts) + "." + transport_sentence(kb)


def facts_pieces(kb, facts: PgpFacts, said: str = "", cells: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """`facts_sentence` as the note's two pieces (pgp_parts.located): ('pgp_facts', the tumour effects), ('transport',
    the transport sentence), the latter left out where there is none."""
    sentence, transport = facts_sentence(kb, facts, said, cells), transport_sentence(kb)
    if not transport:
        return [("pgp_facts", sentence)]
    return [("pgp_facts", sentence[: -len(transport)]), ("transport", transport)]


def facts_sources(kb, facts: PgpFacts, said: str = "", cells: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The sources `facts_sentence` cites, from the same parts (the transport sentence's included: clinical review
    of stop 41, finding 12)."""

    def compute() -> tuple[str, ...]:
        parts = (*_fact_parts(kb, facts, said, cells), *_transport_parts(kb, ""))
        return tuple(dict.fromkeys(key for _, keys in parts for key in keys))

    return kb.derived(("pgp_facts_sources", facts, said, cells), compute)


def _fact_parts(kb, facts: PgpFacts, said: str, cells: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """(text, the sources it cites) of each part of the tumour-effect sentence."""
    parts = []
    affected = tuple(d for d in facts.affected if d != said)
    if affected:
        also = "also " if len(affected) < len(facts.affected) else ""
        keys = resistance_sources(kb, affected)
        text = f"P-gp overexpression {also}reduces the activity of {inhibitor_list(kb, affected)} in cell models"
        parts.append((f"{text} {citation(kb, keys)}", keys))
    unaffected = tuple(d for d in facts.unaffected if d not in cells)
    if unaffected:
        keys = resistance_sources(kb, unaffected)
        text = f"it did not confer resistance to {inhibitor_list(kb, unaffected, 'or')} in cell models"
        parts.append((f"{text} {citation(kb, keys)}", keys))
    if cells:  # said with the study's suggestion in the 'If P-gp IHC is positive' text (clinical read of stop 52)
        parts.append((f"{inhibitor_list(kb, cells)}: see the finding in cell models above", ()))
    for name in facts.possible:
        if name != said:
            conflicting = kb.inhibitor(name).pgp_confers_resistance == "conflicting"
            effect, keys = (
                (possible_effect(kb, name), possible_effect_sources(kb, name)) if conflicting else (_UNTESTED, ())
            )
            parts.append((f"{display_name(kb, name)}: {effect}", keys))
    if facts.unknown:
        parts.append((f"no data for {inhibitor_list(kb, facts.unknown)}", ()))
    return parts


def transport_sentence(kb, skip: str = "") -> str:
    """' Transport by ABCB1, a pharmacokinetic question ...: crizotinib: ... [TANG14, PMID ...]; ...': every inhibitor
    with a sourced transport value (yes, modest, no) but `skip`, '' when none has one."""
    return kb.derived(("pgp_transport_sentence", skip), lambda: _transport_sentence(kb, skip))


def _transport_sentence(kb, skip: str) -> str:
    parts = _transport_parts(kb, skip)
    if not parts:
        return ""
    return (
        f" {TRANSPORT_OPENING}, a different, pharmacokinetic question that bears on a drug's exposure "
        "(e.g. in the brain), not on tumour resistance: " + "; ".join(text for text, _ in parts) + "."
    )


def _transport_parts(kb, skip: str) -> list[tuple[str, tuple[str, ...]]]:
    """(text, the sources it cites) of each inhibitor's part of the transport sentence."""
    transported = [
        info
        for info in kb.inhibitors()
        if info.name != skip and info.abcb1_transport in ("yes", "modest", "no") and info.abcb1_transport_sources
    ]
    known = {source.key for source in kb.sources()}
    parts = []
    for info in transported:
        keys = _keys(info, known)
        parts.append((f"{display_name(kb, info.name)}: {info.abcb1_transport_note} {citation(kb, keys)}", keys))
    return parts


def _keys(info, known: set[str]) -> tuple[str, ...]:
    """The transport value's sources, then the source keys (of `known`) its note names in passing (alectinib's
    '(YANG17; HOF19)': cited with their identifiers and listed among the sources too)."""
    named = (k for k in re.findall(r"\b[A-Z][A-Z0-9_]+\b", info.abcb1_transport_note) if k in known)
    return tuple(dict.fromkeys((*info.abcb1_transport_sources, *named)))


def possible_effect(kb, name: str) -> str:
    info = kb.inhibitor(name)
    if info.pgp_confers_resistance == "conflicting":
        return f"{info.pgp_confers_resistance_note} {citation(kb, info.pgp_confers_resistance_sources)}"
    return (
        f"transported by ABCB1 ({info.abcb1_transport_note}) {citation(kb, info.abcb1_transport_sources)}, but "
        f"{_UNTESTED}"
    )


def unsettled_effect(kb, name: str) -> str:
    """The lead of the check after a drug P-gp overexpression may reduce (sources disagree, or untested): the
    tumour effect's status with its sources, and what a positive IHC would then be, a possible explanation, not an
    established one; not its ABCB1 transport, a pharmacokinetic fact the P-gp facts give apart (clinical review of
    stop 42, finding 8: the check after brigatinib was argued from 'exceptionally well transported by human ABCB1').
    It ended 'the check is exploratory', beside the flag's 'Recommended': a tumour board read the two as at odds
    (clinical read of stop 53); the limit is now said of the result, which the recommendation does not contradict."""
    info = kb.inhibitor(name)
    cited, drug = citation(kb, info.pgp_confers_resistance_sources), display_name(kb, name)
    if info.pgp_confers_resistance == "conflicting":
        status = f"is not settled ({info.pgp_confers_resistance_note}) {cited}"
    else:
        status = f"has not been tested in the sources read {_untested_sources(kb, info, drug)}".rstrip()
    return (
        f"Whether P-gp overexpression in the tumour reduces the activity of {drug} {status}: a positive IHC makes P-gp "
        "overexpression a possible, not an established, explanation of this progression."
    )


def unsettled_clause(kb, name: str) -> str:
    """'which the sources read do not settle [...]' (sources disagree: ensartinib) or 'which the sources read have not
    tested (the one read on brigatinib and P-gp [...] measured its transport ...)' (brigatinib): the status of the
    tumour effect said in one clause with its sources, where no sentence of the note follows to give it (a positive
    IHC beside a mutation that explains the progression: review of stop 48, rev48, finding 1)."""
    info = kb.inhibitor(name)
    if info.pgp_confers_resistance == "conflicting":
        return f"which the sources read do not settle {citation(kb, info.pgp_confers_resistance_sources)}".rstrip()
    return f"which the sources read have not tested {_untested_sources(kb, info, display_name(kb, name))}".rstrip()


def _untested_sources(kb, info, drug: str) -> str:
    """The bracket after 'has not been tested in the sources read' for a drug whose tumour effect no source tested:
    its sources said as the ABCB1 transport studies they are where they are only that (`_transport_aside`), else
    their citation ('' for none)."""
    keys = tuple(info.pgp_confers_resistance_sources)
    if keys and set(keys) <= set(info.abcb1_transport_sources):
        return _transport_aside(kb, info, drug)
    return citation(kb, keys)


def _transport_aside(kb, info, drug: str) -> str:
    """'(the one read on DRUG and P-gp [KEY, id] measured its transport by ABCB1, a pharmacokinetic question)': the
    sources of an untested tumour effect said as the transport studies they are, so that the bracket is not read as a
    source on the tumour effect (clinical audit of stop 47, clin47, findings 2 and 4)."""
    keys = tuple(info.pgp_confers_resistance_sources)
    which = "the one" if len(keys) == 1 else "those"
    return (
        f"({which} read on {drug} and P-gp {citation(kb, keys)} measured its transport by ABCB1, a pharmacokinetic "
        "question)"
    )


def possible_effect_sources(kb, name: str) -> tuple[str, ...]:
    """The sources `possible_effect` cites."""
    info = kb.inhibitor(name)
    if info.pgp_confers_resistance == "conflicting":
        return tuple(info.pgp_confers_resistance_sources)
    return tuple(info.abcb1_transport_sources)


_UNTESTED = "whether P-gp overexpression in the tumour reduces its activity has not been tested in the sources read"


def positive_ihc_if_progressed(kb, facts: PgpFacts, drugs) -> tuple[str, tuple[str, ...]]:
    """With no treatment history and a positive ABCB1 IHC: what the IHC would mean after a progression on each of
    `drugs`, by what the knowledge base says P-gp overexpression does to it (pgp_confers_resistance), each part
    with its sources: a candidate explanation after crizotinib or ceritinib [KAT16; SEED]; only if P-gp
    overexpression reduces the activity of ensartinib, which the sources read do not settle, or of brigatinib, which
    they have not tested (its one source a transport study, said as such); not known for a drug no source covers
    (clinical review of stop 42, finding 3: one unsourced 'candidate explanation' after nine drugs).
    The sentence and the sources it cites."""
    groups = {kind: [d for d in drugs if facts.kind(d) == kind] for kind in ("affected", "possible", "unknown")}
    # a drug P-gp may affect: its sources disagree, or no source tested it (brigatinib, whose one source is a
    # transport study, said as such: clin47, finding 4), in undecided_groups' terms
    conflicting, not_tested, _ = undecided_groups(kb, facts)
    disputed = [d for d in groups["possible"] if d in conflicting]
    untested = [d for d in groups["possible"] if d in not_tested]
    parts: list[str] = []
    cited: list[str] = []
    for names, condition in (
        (groups["affected"], ""),
        (disputed, " only if P-gp overexpression reduces {} activity, which the sources read do not settle"),
    ):
        if names:
            keys = resistance_sources(kb, names)
            of = "of a progression on" if not parts else "of one on"
            its = "its" if len(names) == 1 else "their"
            parts.append(f"{of} {inhibitor_list(kb, names, 'or')}{condition.format(its)} {citation(kb, keys)}")
            cited += keys
    for name in untested:
        of = "of a progression on" if not parts else "of one on"
        info, drug = kb.inhibitor(name), display_name(kb, name)
        parts.append(
            f"{of} {drug} only if P-gp overexpression reduces its activity, which the sources read have not tested "
            f"{_untested_sources(kb, info, drug)}".rstrip()
        )
        cited += resistance_sources(kb, [name])
    said = [f"{_POSITIVE} makes P-gp overexpression a candidate explanation " + "; ".join(parts)] if parts else []
    unknown = groups["unknown"]
    if unknown:
        them = "it" if len(unknown) == 1 else "them"
        said.append(
            f"for {inhibitor_list(kb, unknown)}, whether P-gp overexpression affects {them} is not known (no source "
            "in the knowledge base)"
            if parts
            else f"whether P-gp overexpression affects {inhibitor_list(kb, unknown)}, and so what the "
            f"{_POSITIVE[4:]} means after {them}, is not known (no source in the knowledge base)"
        )
    text = "; ".join(said)
    return (f"{text[0].upper()}{text[1:]}." if text else ""), tuple(dict.fromkeys(cited))


_POSITIVE = "the positive ABCB1 (P-gp) IHC (sample sheet)"


def precompute(kb) -> None:
    """Make the P-gp note's values that depend on the knowledge base alone, in its memo (KnowledgeBase.derived):
    the transport-only sources, the transport sentence, and the P-gp facts sentence with its sources for every drug
    the note may have said (`said`: none or any inhibitor) and every set of drugs whose finding in cells it may have
    given (`cells`: the drugs P-gp did not affect, pgp_advice.cells_said). kb_cache keeps them in its pickle, so that
    a run loads them instead of making them again (issue 13)."""
    facts = pgp_facts(kb)
    transport_only_sources(kb)
    transport_sentence(kb)
    unaffected = facts.unaffected
    every_cells = [tuple(d for i, d in enumerate(unaffected) if mask >> i & 1) for mask in range(1 << len(unaffected))]
    for said in ("", *kb.inhibitor_names):
        for cells in every_cells:
            facts_sentence(kb, facts, said, cells)
            facts_sources(kb, facts, said, cells)


def flag_sources(kb, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The sources a P-gp flag rests on (##alkannotSample PgpSources), each once with its identifier: never a source
    of ABCB1 transport alone (LI18BRIG: pharmacokinetics, not the tumour-cell flag; clinical read of stop 45, r1),
    and a press release in place of the source it restates (SEED: KAT16), as the calls list it and do not count it
    (RULES.md 3.7; traceability review of stop 46: PgpSources named SEED beside KAT16, whose findings it restates)."""
    transport = transport_only_sources(kb)
    rested = (restated_source(kb, k) or k for k in keys if k not in transport)
    return tuple(dict.fromkeys(identified_key(kb, k) for k in rested))


def unlikely_after(kb, drugs) -> str:
    """' After a progression on alectinib, P-gp is an unlikely explanation: P-gp overexpression did not confer
    resistance to it in cell models (preclinical evidence) [KAT16; SEED].': with no treatment history, for the drugs
    P-gp overexpression did not affect that the change also explains, which the note's IHC advice leaves out (clinical
    read of stop 52: the card folds the P-gp facts that say why); '' for none."""
    if not drugs:
        return ""
    keys = resistance_sources(kb, drugs)
    return (
        f" After a progression on {inhibitor_list(kb, drugs, 'or')}, P-gp is an unlikely explanation: P-gp "
        f"overexpression did not confer resistance to {'it' if len(drugs) == 1 else 'them'} in cell models "
        f"(preclinical evidence) {citation(kb, keys)}."
    )


__all__ = [
    "PgpFacts",
    "facts_pieces",
    "facts_sentence",
    "facts_sources",
    "flag_sources",
    "pgp_facts",
    "possible_effect",
    "possible_effect_sources",
    "positive_ihc_if_progressed",
    "transport_sentence",
    "unsettled_clause",
    "unsettled_effect",
    "unlikely_after",
]
