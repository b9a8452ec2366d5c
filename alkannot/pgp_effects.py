"""What the knowledge base says P-gp overexpression does to each inhibitor (`pgp_confers_resistance`,
`abcb1_transport`, each sourced), grouped for the P-gp note (pgp.py), and the note's sentence of those facts."""

from __future__ import annotations

import re

from .pgp_beside import FACTS_OPENING, TRANSPORT_OPENING
from .records import record
from .sourced_text import citation, display_name, inhibitor_list, resistance_sources


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


def facts_sentence(kb, facts: PgpFacts, said: str = "") -> str:
    """The P-gp facts of every inhibitor in the knowledge base, with sources: first what P-gp overexpression in the
    tumour does to each (pharmacodynamic), then, apart, which are transported by ABCB1 (pharmacokinetic: exposure,
    e.g. in the brain) for every inhibitor the knowledge base has a transport value for, so that a strongly
    transported drug is not left out while a modestly transported one is named (clinical review of stop 41, finding
    5). `said`: the drug whose tumour effect the note has just given (_effect_on), not repeated (review 21, finding
    11)."""
    parts = _fact_parts(kb, facts, said)
    # a drug whose transport the note's lead gave (possible_effect) is not given again
    return FACTS_OPENING + "; ".join(text for text, _ in parts) + "." + transport_sentence(kb, _skip(facts, said))


def facts_sources(kb, facts: PgpFacts, said: str = "") -> tuple[str, ...]:
    """The sources `facts_sentence` cites, from the same parts (the transport sentence's included: clinical review
    of stop 41, finding 12)."""
    parts = (*_fact_parts(kb, facts, said), *_transport_parts(kb, _skip(facts, said)))
    return tuple(dict.fromkeys(key for _, keys in parts for key in keys))


def _skip(facts: PgpFacts, said: str) -> str:
    return said if said in facts.possible else ""


def _fact_parts(kb, facts: PgpFacts, said: str) -> list[tuple[str, tuple[str, ...]]]:
    """(text, the sources it cites) of each part of the tumour-effect sentence."""
    parts = []
    affected = tuple(d for d in facts.affected if d != said)
    if affected:
        also = "also " if len(affected) < len(facts.affected) else ""
        keys = resistance_sources(kb, affected)
        text = f"P-gp overexpression {also}reduces the activity of {inhibitor_list(kb, affected)} in cell models"
        parts.append((f"{text} {citation(kb, keys)}", keys))
    if facts.unaffected:
        keys = resistance_sources(kb, facts.unaffected)
        text = f"it did not confer resistance to {inhibitor_list(kb, facts.unaffected, 'or')} in cell models"
        parts.append((f"{text} {citation(kb, keys)}", keys))
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


def possible_effect_sources(kb, name: str) -> tuple[str, ...]:
    """The sources `possible_effect` cites."""
    info = kb.inhibitor(name)
    if info.pgp_confers_resistance == "conflicting":
        return tuple(info.pgp_confers_resistance_sources)
    return tuple(info.abcb1_transport_sources)


_UNTESTED = "whether P-gp overexpression in the tumour reduces its activity has not been tested in the sources read"


__all__ = [
    "PgpFacts",
    "facts_sentence",
    "facts_sources",
    "pgp_facts",
    "possible_effect",
    "possible_effect_sources",
    "transport_sentence",
]
