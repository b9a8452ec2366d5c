"""What a positive ABCB1 (P-gp) IHC in the sample sheet means for a sample's P-gp note, and what P-gp overexpression
does to the drug progressed on: parts of the note pgp.py assembles, each with the sources it cites."""

from __future__ import annotations

from .pgp_beside import IHC_AS_RESEARCH
from .pgp_effects import PgpFacts, unsettled_clause, unsettled_effect
from .sourced_text import citation, display_name, inhibitor_list, resistance_sources, statement, statement_sources

Cited = tuple[str, tuple[str, ...]]  # a part of the note and the sources it cites, made together


def positive_ihc(kb, facts: PgpFacts, ihc: str | None, latest: str | None, explained: bool = False) -> Cited:
    """What a positive ABCB1 (P-gp) IHC in the sample sheet means for this sample's progression, and the sources it
    cites; '' when the IHC is not positive."""
    if ihc != "positive":
        return "", ()
    head = " ABCB1 (P-gp) IHC is positive (sample sheet)"
    keys = resistance_sources(kb, facts.affected)
    affected = f"{inhibitor_list(kb, facts.affected)} {citation(kb, keys)}"
    if latest is None:
        role = "may contribute as well to" if explained else "is a candidate explanation of"
        return (
            f"{head}: P-gp overexpression {role} a progression on {inhibitor_list(kb, facts.affected, 'or')}, whose "
            f"activity it reduces {citation(kb, keys)}."
        ), keys
    name, kind = display_name(kb, latest), facts.kind(latest)
    if kind == "unaffected":  # the sentence before says why P-gp is unlikely here
        return f"{head}: it matters for {affected}, whose activity P-gp overexpression reduces in cell models.", keys
    if kind == "unknown":  # the sentence before says nothing is known
        return f"{head}.", ()
    if kind == "possible" and explained:  # no sentence on the tumour effect follows: said here, with its sources
        return (
            f"{head}: a candidate explanation of this progression only if P-gp overexpression reduces the activity "
            f"of {name}, {unsettled_clause(kb, latest)}."
        ), tuple(kb.inhibitor(latest).pgp_confers_resistance_sources)
    if kind == "possible":  # 'do not settle' only where sources disagree: brigatinib's effect is untested, as the
        # sentence below says (clinical review of stop 49: C20_T read 'do not settle (see below)' then 'not tested')
        settle = "do not settle" if kb.inhibitor(latest).pgp_confers_resistance == "conflicting" else "have not tested"
        return (
            f"{head}: a candidate explanation of this progression only if P-gp overexpression reduces the activity "
            f"of {name}, which the sources read {settle} (see below)."
        ), ()
    if explained:
        effect, keys = effect_on(kb, kind, latest)
        return f"{head}: P-gp overexpression may contribute as well ({effect.rstrip('.')}).", keys
    return f"{head}: P-gp overexpression is a candidate explanation of this progression on {name}.", ()


def negative_ihc(kb, progression: str, affected: str | None = None) -> str:
    """'ABCB1 (P-gp) IHC is already negative (sample sheet): P-gp overexpression, which reduces the activity of
    ceritinib in cell models [KAT16; SEED], was not shown, so it is a less likely explanation of the progression on
    ceritinib, though not excluded (...)': a negative IHC and what it means for which drug, said first where it is
    why the check is not indicated (rev49, finding 3: the note gave the progression and the drug's P-gp effect last,
    after the off-target findings). `affected`: the drug whose activity P-gp overexpression reduces, its effect and
    sources said here (the note's own sentence on it is then left out)."""
    reduces = ""
    if affected is not None:
        keys = kb.inhibitor(affected).pgp_confers_resistance_sources
        name = display_name(kb, affected)
        reduces = f", which reduces the activity of {name} in cell models {citation(kb, keys)},"
    return (
        f"ABCB1 (P-gp) IHC is already negative (sample sheet): P-gp overexpression{reduces} was not shown, so it is a "
        f"less likely explanation of {progression}, though not excluded (the IHC is {IHC_AS_RESEARCH[1:-1]})."
    )


def chemotherapy_note(kb, ihc: str | None) -> Cited:
    """With a positive ABCB1 IHC after progression: SEED's proposal that P-gp status guides the choice of
    chemotherapy too (docetaxel is exported by P-gp), and its source; '' otherwise (stop 41 review, finding 3)."""
    if ihc != "positive":
        return "", ()
    return " " + statement(kb, "pgp_chemotherapy"), statement_sources("pgp_chemotherapy")


def untreated_ihc(kb, facts: PgpFacts, ihc: str | None) -> Cited:
    """A positive ABCB1 IHC before any ALK inhibitor: what it bears on (the calls of the drugs it affects are withheld:
    review 11, finding 7), and its sources; '' otherwise."""
    if ihc != "positive":
        return "", ()
    keys = resistance_sources(kb, facts.affected)
    return (
        f" ABCB1 (P-gp) IHC is positive (sample sheet): P-gp overexpression reduces the activity of "
        f"{inhibitor_list(kb, facts.affected)} in cell models {citation(kb, keys)}, "
        "which bears on the choice of a first ALK inhibitor."
    ), keys


def effect_on(kb, kind: str, inhibitor: str) -> Cited:
    """What P-gp overexpression does to the drug progressed on, and the sources it cites."""
    info = kb.inhibitor(inhibitor)
    name = display_name(kb, inhibitor)
    if kind == "affected":
        return (
            f"P-gp (ABCB1) overexpression reduces the activity of {name} in cell models "
            f"{citation(kb, info.pgp_confers_resistance_sources)}."
        ), tuple(info.pgp_confers_resistance_sources)
    if kind == "possible":  # the unsettled tumour effect first; transport is in the P-gp facts (stop 42, finding 8)
        return unsettled_effect(kb, inhibitor), tuple(info.pgp_confers_resistance_sources)
    return (  # the flag rests on the unexplained progression (clinical review 2026-12-01, sixth reading, finding 7)
        f"Whether P-gp overexpression affects {name} is not known (no source in the knowledge base): the check is "
        "suggested because nothing found is shown to explain the progression, not because a source shows P-gp "
        "acting on it."
    ), ()
