"""What the knowledge base says P-gp overexpression does to each inhibitor (`pgp_confers_resistance`,
`abcb1_transport`, each sourced), grouped for the P-gp note (pgp.py), and the note's sentence of those facts."""

from __future__ import annotations

from .pgp_beside import FACTS_OPENING
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
    """The P-gp facts of every inhibitor in the knowledge base, with sources; `said`: the drug whose P-gp fact the
    note has just given (_effect_on), not repeated (review 21, finding 11)."""
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
        for name in facts.unaffected:
            info = kb.inhibitor(name)
            if info.abcb1_transport in ("yes", "modest"):  # a different, pharmacokinetic question
                parts.append(
                    f"{display_name(kb, name)} is itself {'modestly ' if info.abcb1_transport == 'modest' else ''}"
                    f"transported by ABCB1 ({info.abcb1_transport_note}) {citation(kb, info.abcb1_transport_sources)}, "
                    "which bears on its exposure (e.g. in the brain), not on tumour resistance"
                )
    for name in facts.possible:
        if name != said:
            parts.append(f"{display_name(kb, name)}: {possible_effect(kb, name)}")
    if facts.unknown:
        parts.append(f"no data for {inhibitor_list(kb, facts.unknown)}")
    return FACTS_OPENING + "; ".join(parts) + "."


def possible_effect(kb, name: str) -> str:
    info = kb.inhibitor(name)
    if info.pgp_confers_resistance == "conflicting":
        return f"{info.pgp_confers_resistance_note} {citation(kb, info.pgp_confers_resistance_sources)}"
    return (
        f"transported by ABCB1 ({info.abcb1_transport_note}) {citation(kb, info.abcb1_transport_sources)}, but "
        "whether P-gp overexpression in the tumour reduces its activity has not been tested in the sources read"
    )


__all__ = ["PgpFacts", "facts_sentence", "pgp_facts", "possible_effect"]
