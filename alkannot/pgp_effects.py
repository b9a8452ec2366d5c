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
    parts = []
    affected = tuple(d for d in facts.affected if d != said)
    if affected:
        also = "also " if len(affected) < len(facts.affected) else ""
        parts.append(
            f"P-gp overexpression {also}reduces the activity of {inhibitor_list(kb, affected)} in cell models "
            f"{citation(kb, resistance_sources(kb, affected))}"
        )
    if facts.unaffected:
        parts.append(
            f"it did not confer resistance to {inhibitor_list(kb, facts.unaffected, 'or')} in cell models "
            f"{citation(kb, resistance_sources(kb, facts.unaffected))}"
        )
    for name in facts.possible:
        if name != said:
            conflicting = kb.inhibitor(name).pgp_confers_resistance == "conflicting"
            parts.append(f"{display_name(kb, name)}: {possible_effect(kb, name) if conflicting else _UNTESTED}")
    if facts.unknown:
        parts.append(f"no data for {inhibitor_list(kb, facts.unknown)}")
    # a drug whose transport the note's lead gave (possible_effect) is not given again
    return FACTS_OPENING + "; ".join(parts) + "." + transport_sentence(kb, said if said in facts.possible else "")


def transport_sentence(kb, skip: str = "") -> str:
    """' Transport by ABCB1, a pharmacokinetic question ...: crizotinib: ... [TANG14, PMID ...]; ...': every inhibitor
    with a sourced transport value (yes, modest, no) but `skip`, '' when none has one."""
    parts = []
    for info in kb.inhibitors():
        if info.name != skip and info.abcb1_transport in ("yes", "modest", "no") and info.abcb1_transport_sources:
            parts.append(f"{display_name(kb, info.name)}: {info.abcb1_transport_note} {citation(kb, _keys(kb, info))}")
    if not parts:
        return ""
    return (
        f" {TRANSPORT_OPENING}, a different, pharmacokinetic question that bears on a drug's exposure "
        "(e.g. in the brain), not on tumour resistance: " + "; ".join(parts) + "."
    )


def transport_sources(kb) -> tuple[str, ...]:
    """The sources transport_sentence cites."""
    return tuple(
        dict.fromkeys(
            s for info in kb.inhibitors() if info.abcb1_transport in ("yes", "modest", "no") for s in _keys(kb, info)
        )
    )


def _keys(kb, info) -> tuple[str, ...]:
    """The transport value's sources, then the source keys its note names in passing (alectinib's '(YANG17; HOF19)':
    cited with their identifiers and listed among the sources too)."""
    named = (k for k in re.findall(r"\b[A-Z][A-Z0-9_]+\b", info.abcb1_transport_note) if _known(kb, k))
    return tuple(dict.fromkeys((*info.abcb1_transport_sources, *named)))


def _known(kb, key: str) -> bool:
    try:
        return kb.source(key) is not None
    except (KeyError, LookupError, ValueError):
        return False


def possible_effect(kb, name: str) -> str:
    info = kb.inhibitor(name)
    if info.pgp_confers_resistance == "conflicting":
        return f"{info.pgp_confers_resistance_note} {citation(kb, info.pgp_confers_resistance_sources)}"
    return (
        f"transported by ABCB1 ({info.abcb1_transport_note}) {citation(kb, info.abcb1_transport_sources)}, but "
        f"{_UNTESTED}"
    )


_UNTESTED = "whether P-gp overexpression in the tumour reduces its activity has not been tested in the sources read"


__all__ = ["PgpFacts", "facts_sentence", "pgp_facts", "possible_effect", "transport_sentence", "transport_sources"]
