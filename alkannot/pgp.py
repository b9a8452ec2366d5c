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

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypedDict

from .bundle import read_tsv
from .lines_of_therapy import lines_of_therapy
from .offtarget import OffTarget
from .samplesheet import SheetRow

PGP_RECOMMENDED, PGP_LOW_YIELD = "recommended", "low_yield"
PGP_IF_PROGRESSED, PGP_NOT_INDICATED = "if_progressed", "not_indicated"
PGP_CHECKS = (PGP_RECOMMENDED, PGP_LOW_YIELD, PGP_IF_PROGRESSED, PGP_NOT_INDICATED)
# the calls with which a mutation explains progression on a drug (CONTRACT.md version 2)
EXPLAINING = ("resistant", "intermediate", "conflicting")
_FLAG_WORDS = {
    PGP_RECOMMENDED: "Recommended",
    PGP_LOW_YIELD: "Low yield",
    PGP_IF_PROGRESSED: "If progressed",
    PGP_NOT_INDICATED: "Not indicated",
}


@dataclass(frozen=True)
class Reading:
    """One ALK alteration of a sample and the knowledge base's genotype call for one inhibitor."""

    basis: str  # 'L1196M', 'G1202R+L1196M (cis)'
    inhibitor: str
    category: str
    sources: tuple[str, ...]  # the statements the call rests on
    clonal: bool  # not below --min-vaf
    other_context: bool = False  # no NSCLC / EML4-ALK statement: the call rests on other diseases or backgrounds
    in_silico: bool = False  # every statement behind the call is a computational prediction
    inferred: bool = False  # a compound's call inferred from its parts' calls (no statement on the compound)

    @property
    def explains(self) -> bool:
        return self.category in EXPLAINING

    @property
    def firm(self) -> bool:
        """A call from measurements or patients with ALK-positive NSCLC (or an EML4-ALK model): only such a
        call can settle whether the change explains a progression, or cannot."""
        return not (self.other_context or self.in_silico)

    @property
    def qualifier(self) -> str:
        """Why the call is weaker than its category says, or ''."""
        if self.in_silico:
            return "in silico prediction only"
        if self.other_context:
            return "no NSCLC / EML4-ALK statement: from other contexts only"
        return {"conflicting": "the sources disagree", "intermediate": "a partial loss of activity"}.get(
            self.category, ""
        )


@dataclass(frozen=True)
class PgpAssessment:
    """A sample's P-gp (ABCB1) check: the flag, the clinical context and the note, with sources."""

    check: str  # recommended | low_yield | if_progressed | not_indicated
    context: str  # see CONTEXTS
    note: str
    affected_progressed: tuple[str, ...] = ()  # inhibitors progressed on whose activity P-gp reduces or may reduce
    not_affected: tuple[str, ...] = ()  # inhibitors P-gp overexpression did not affect
    ihc: str | None = None
    tpm: float | None = None
    sources: tuple[str, ...] = ()


class _Shared(TypedDict):
    """The PgpAssessment fields every outcome of one sample's check carries alike."""

    not_affected: tuple[str, ...]
    ihc: str | None
    tpm: float | None


CONTEXTS = (
    "after_affected",
    "after_possibly_affected",
    "after_unaffected",
    "explained_by_mutation",
    "no_history",
    "no_progression",
    "alk_negative",
    "alk_not_established",
)


@dataclass(frozen=True)
class _PgpFacts:
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


def pgp_facts(kb) -> _PgpFacts:
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
    return _PgpFacts(*(tuple(groups[k]) for k in ("affected", "unaffected", "possible", "unknown")))


# ---------------------------------------------------------------- citations and names
def _cite(kb, keys) -> str:
    labels = []
    for key in dict.fromkeys(k for k in keys if k):
        pmid = _pmid(kb, key)
        labels.append(f"{key}, PMID {pmid}" if pmid else key)
    return "[" + "; ".join(labels) + "]" if labels else ""


def _pmid(kb, key: str) -> str | None:
    try:
        source = kb.source(key)
    except (KeyError, LookupError, ValueError):
        return None
    return str(source.pmid) if source is not None and source.pmid else None


def display_name(kb, inhibitor: str) -> str:
    """'tpx0131' is written TPX-0131 in the sources; generic names stay lower-case."""
    return kb.inhibitor(inhibitor).agent


def _names(kb, names, joiner: str = "and") -> str:
    names = [display_name(kb, n) for n in names]
    if len(names) <= 1:
        return "".join(names) or "none"
    return ", ".join(names[:-1]) + f" {joiner} " + names[-1]


def _resistance_sources(kb, names) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for n in names for s in kb.inhibitor(n).pgp_confers_resistance_sources))


# ---------------------------------------------------------------- sourced sentences
@lru_cache(maxsize=None)
def _statements() -> dict[str, dict[str, str]]:
    return {row["key"]: row for row in read_tsv("triage", "statements.tsv")}


def statement(kb, key: str) -> str:
    """A sourced sentence from resources/triage/statements.tsv, with its citation."""
    row = _statements()[key]
    text = row["statement"]
    return f"{text[0].upper()}{text[1:]} {_cite(kb, statement_sources(key))}."


def statement_sources(key: str) -> tuple[str, ...]:
    return tuple(s for s in _statements()[key]["sources"].split(";") if s)


# ---------------------------------------------------------------- lines of therapy
def _investigational(kb, history: tuple[str, ...]) -> bool:
    """A history with an investigational agent (neladalkib, TPX-0131, gilteritinib for ALK): a trial of
    pretreated patients that counts earlier inhibitors without naming them (SOL18: 'one ALK inhibitor other
    than crizotinib', 'two or more') did not study patients pretreated with such an agent."""
    return any("investigational" in kb.inhibitor(d).agent_class for d in history)


def sourced_options(kb, history: tuple[str, ...], candidates, pgp_negative: bool = False) -> str:
    """Inhibitors among `candidates`, not yet given, with a source for activity after this history; with
    ABCB1 IHC negative, none whose source is about P-gp-overexpressing tumours."""
    lines = [
        line
        for line in lines_of_therapy()
        if line.inhibitor in candidates
        and line.inhibitor not in history
        and line.applies(history)
        and not (pgp_negative and line.pgp_overexpressed)
        and (line.names_the_drugs or not _investigational(kb, history))
    ]
    if not lines:
        return ""
    parts = [f"{line.statement} ({line.evidence_kind.replace('_', ' ')}) {_cite(kb, line.sources)}" for line in lines]
    return " Sourced activity after this treatment history: " + "; ".join(parts) + "."


# ---------------------------------------------------------------- the note's building blocks
def facts_sentence(kb, facts: _PgpFacts) -> str:
    """The P-gp facts of every inhibitor in the knowledge base, with sources."""
    parts = []
    if facts.affected:
        parts.append(
            f"P-gp overexpression reduces the activity of {_names(kb, facts.affected)} "
            f"{_cite(kb, _resistance_sources(kb, facts.affected))}"
        )
    if facts.unaffected:
        parts.append(
            f"it did not confer resistance to {_names(kb, facts.unaffected, 'or')} in cell models "
            f"{_cite(kb, _resistance_sources(kb, facts.unaffected))}"
        )
        for name in facts.unaffected:
            info = kb.inhibitor(name)
            if info.abcb1_transport in ("yes", "modest"):  # a different, pharmacokinetic question
                parts.append(
                    f"{display_name(kb, name)} is itself {'modestly ' if info.abcb1_transport == 'modest' else ''}"
                    f"transported by ABCB1 ({info.abcb1_transport_note}) {_cite(kb, info.abcb1_transport_sources)}, "
                    "which bears on its exposure (e.g. in the brain), not on tumour resistance"
                )
    for name in facts.possible:
        parts.append(f"{display_name(kb, name)}: {_possible_effect(kb, name)}")
    if facts.unknown:
        parts.append(f"no data for {_names(kb, facts.unknown)}")
    return "P-gp facts: " + "; ".join(parts) + "."


def _possible_effect(kb, name: str) -> str:
    info = kb.inhibitor(name)
    if info.pgp_confers_resistance == "conflicting":
        return f"{info.pgp_confers_resistance_note} {_cite(kb, info.pgp_confers_resistance_sources)}"
    return (
        f"transported by ABCB1 ({info.abcb1_transport_note}) {_cite(kb, info.abcb1_transport_sources)}, but "
        "whether P-gp overexpression in the tumour reduces its activity has not been tested in the sources read"
    )


def _readings_text(kb, readings: tuple[Reading, ...], inhibitor: str) -> str:
    """'L1196M is sensitive to ceritinib [...]' for each reading, with what weakens the call."""
    name = display_name(kb, inhibitor)
    return "; ".join(
        f"{r.basis} is {r.category} to {name} "
        + ("as inferred from its parts' calls" if r.inferred else "in the knowledge base")
        + (f" ({r.qualifier})" if r.qualifier else "")
        + f" {_cite(kb, r.sources)}".rstrip()
        for r in readings
    )


def compound_parts(readings: tuple[Reading, ...], inhibitor: str) -> dict[str, Reading]:
    """Each change that is part of a compound reading for `inhibitor` -> that compound's reading."""
    parts = {}
    for r in readings:
        if r.inhibitor == inhibitor and "+" in r.basis:
            for change in r.basis.split(" (")[0].split("+"):
                parts[change] = r
    return parts


def _explanation(kb, readings: tuple[Reading, ...], inhibitor: str) -> str:
    """'..., which explains the progression on X' - or 'may explain' when a call is intermediate, conflicting,
    from other contexts or in silico only (the readings say which)."""
    verb = "explains" if all(r.category == "resistant" and r.firm for r in readings) else "may explain"
    return f"{_readings_text(kb, readings, inhibitor)}, which {verb} the progression on {display_name(kb, inhibitor)}"


def _with_ihc(note: str, ihc: str | None, tpm: float | None, pointer: str = "") -> str:
    """The sample sheet's ABCB1 findings at the end of the note: a negative IHC points to `pointer` (the
    off-target candidates, or that none was found); a positive one is said where it matters (_positive_ihc)."""
    if ihc == "negative":
        note += " ABCB1 (P-gp) IHC is already negative (sample sheet): P-gp efflux is unlikely." + pointer
    if tpm is not None:
        note += (
            f" ABCB1 expression {tpm:g} TPM (the knowledge base has no validated expression cut-off; "
            "IHC is the documented test)."
        )
    return note


def _positive_ihc(kb, facts: _PgpFacts, ihc: str | None, latest: str | None, explained: bool = False) -> str:
    """What a positive ABCB1 (P-gp) IHC in the sample sheet means for this sample's progression; '' when
    the IHC is not positive."""
    if ihc != "positive":
        return ""
    head = " ABCB1 (P-gp) IHC is positive (sample sheet)"
    affected = f"{_names(kb, facts.affected)} {_cite(kb, _resistance_sources(kb, facts.affected))}"
    if latest is None:
        role = "may contribute as well to" if explained else "is a candidate explanation of"
        return (
            f"{head}: P-gp overexpression {role} a progression on {_names(kb, facts.affected, 'or')}, whose "
            f"activity it reduces {_cite(kb, _resistance_sources(kb, facts.affected))}."
        )
    name, kind = display_name(kb, latest), facts.kind(latest)
    if kind == "unaffected":  # the sentence before says why P-gp is unlikely here
        return f"{head}: it matters for {affected}, whose activity P-gp overexpression reduces."
    if kind == "unknown":  # the sentence before says nothing is known
        return f"{head}."
    if kind == "possible":
        return (
            f"{head}: a candidate explanation of this progression only if P-gp overexpression reduces the activity "
            f"of {name}, which the sources read do not settle (see the P-gp facts)."
        )
    if explained:
        return f"{head}: P-gp overexpression may contribute as well ({_effect_on(kb, kind, latest).rstrip('.')})."
    return f"{head}: P-gp overexpression is a candidate explanation of this progression on {name}."


def _flagged(check: str, text: str) -> str:
    return f"{_FLAG_WORDS[check]}: {text}"


# ---------------------------------------------------------------- the check
@dataclass(frozen=True)
class PgpInputs:
    """What the check of one sample rests on besides the knowledge base."""

    row: SheetRow | None
    readings: tuple[Reading, ...]  # clonal and subclonal ALK alterations x every inhibitor (genotype calls)
    alk_negative: bool = False
    alk_unestablished: str = ""  # why ALK positivity is not established ('' where nothing puts it in doubt)
    off_target: tuple[OffTarget, ...] = ()
    alk_assumed: bool = False  # nothing shows ALK positivity (no status, no fusion call): the advice assumes it
    # kinase-domain records whose REF disagrees with the reference ('the record chr2:29220747 A>T (c.3604 in codon
    # 1202)'): whether the tumour carries an ALK resistance mutation cannot be said
    unevaluable: tuple[str, ...] = ()


def pgp_assessment(kb, inputs: PgpInputs) -> PgpAssessment:
    facts = pgp_facts(kb)
    row = inputs.row
    ihc = row.abcb1_ihc if row is not None else None
    tpm = row.abcb1_tpm if row is not None else None
    history = row.progressed_on if row is not None else None
    base = _Shared(not_affected=facts.unaffected, ihc=ihc, tpm=tpm)
    if inputs.alk_negative:
        return PgpAssessment(
            PGP_NOT_INDICATED,
            "alk_negative",
            _flagged(PGP_NOT_INDICATED, "the sample sheet gives the tumour as ALK-negative."),
            **base,
        )
    if inputs.alk_unestablished:
        return PgpAssessment(
            PGP_NOT_INDICATED,
            "alk_not_established",
            _flagged(
                PGP_NOT_INDICATED,
                f"ALK positivity is not established ({inputs.alk_unestablished}). The P-gp question applies "
                "to ALK-positive tumours that progressed on an ALK inhibitor; confirm the ALK status first.",
            ),
            **base,
        )
    if history is None:
        assessment = _history_unknown(kb, facts, inputs, base)
    elif not history:
        return PgpAssessment(
            PGP_NOT_INDICATED,
            "no_progression",
            _flagged(PGP_NOT_INDICATED, "the sample sheet records no progression on an ALK inhibitor."),
            **base,
        )
    else:
        assessment = _after_progression(kb, facts, inputs, history, base)
    if inputs.alk_assumed and assessment.check != PGP_NOT_INDICATED:
        word = _FLAG_WORDS[assessment.check]
        assumed = (
            f"{word} (if the tumour is ALK-positive: neither the sample sheet nor this input shows ALK "
            "positivity; confirm it before acting on this advice):"
        )
        return replace(assessment, note=assessment.note.replace(f"{word}:", assumed, 1))
    return assessment


def _history_unknown(kb, facts: _PgpFacts, inputs: PgpInputs, base: _Shared) -> PgpAssessment:
    """No treatment history: the check depends on which progression would leave the P-gp question open."""
    clonal = [r for r in inputs.readings if r.clonal and r.firm]
    explained = [d for d in facts.affected if any(r.inhibitor == d and r.explains for r in clonal)]
    open_drugs = [d for d in facts.affected if d not in explained]
    ihc, tpm = base["ihc"], base["tpm"]
    sources = _resistance_sources(kb, facts.affected + facts.unaffected)
    if facts.affected and not open_drugs:
        by_drug = "; ".join(
            _readings_text(kb, tuple(r for r in clonal if r.inhibitor == d and r.explains), d) for d in explained
        )
        text = (
            f"treatment history is not in the sample sheet, but the ALK mutation found explains resistance to "
            f"{_names(kb, explained)}, the inhibitors whose activity P-gp overexpression reduces ({by_drug})."
        )
        return PgpAssessment(
            PGP_NOT_INDICATED,
            "explained_by_mutation",
            _with_ihc(_flagged(PGP_NOT_INDICATED, text) + _positive_ihc(kb, facts, ihc, None, True), ihc, tpm),
            **base,
            sources=sources,
        )
    if not inputs.readings:
        found = _not_established(inputs) if inputs.unevaluable else "no ALK resistance mutation was found"
    elif explained:
        found = (
            f"the ALK mutation found explains resistance to {_names(kb, explained)} but not to "
            f"{_names(kb, open_drugs, 'or')}"
        )
    else:
        found = f"no ALK mutation found explains resistance to {_names(kb, open_drugs, 'or')}"
    if inputs.readings and inputs.unevaluable:
        found += f"; {_not_evaluated(inputs)}"
    action = {
        "positive": "the positive ABCB1 (P-gp) IHC (sample sheet) makes P-gp overexpression a candidate explanation",
        "negative": "P-gp (ABCB1) is the next question",
    }.get(ihc or "", "check P-gp (ABCB1) by IHC")
    text = (
        f"treatment history is not in the sample sheet; {found}. If the patient progressed on "
        f"{_names(kb, open_drugs, 'or')}, {action}. {facts_sentence(kb, facts)}"
    )
    check = PGP_NOT_INDICATED if ihc == "negative" else PGP_IF_PROGRESSED
    note = _with_ihc(_flagged(check, text), ihc, tpm, _off_target_pointer(inputs.off_target))
    return PgpAssessment(check, "no_history", note, **base, sources=sources)


def _after_progression(
    kb, facts: _PgpFacts, inputs: PgpInputs, history: tuple[str, ...], base: _Shared
) -> PgpAssessment:
    latest = history[-1]
    name, kind = display_name(kb, latest), facts.kind(latest)
    ihc, tpm = base["ihc"], base["tpm"]
    on_latest = tuple(r for r in inputs.readings if r.inhibitor == latest)
    explaining = tuple(r for r in on_latest if r.clonal and r.explains and r.firm)
    affected_progressed = tuple(d for d in history if facts.kind(d) in ("affected", "possible", "unknown"))
    if explaining:
        note = _flagged(PGP_NOT_INDICATED, f"{_explanation(kb, explaining, latest)}.")
        return PgpAssessment(
            PGP_NOT_INDICATED,
            "explained_by_mutation",
            _with_ihc(note + _positive_ihc(kb, facts, ihc, latest, explained=True), ihc, tpm),
            affected_progressed,
            **base,
            sources=tuple(s for r in explaining for s in r.sources),
        )
    lead = _unexplained_lead(kb, inputs, on_latest, latest)
    info = kb.inhibitor(latest)
    pointer = _off_target_pointer(inputs.off_target)
    if kind == "unaffected":
        check, context = PGP_LOW_YIELD, "after_unaffected"
        text = (
            f"{lead}. P-gp overexpression did not confer resistance to {name} in cell models "
            f"{_cite(kb, info.pgp_confers_resistance_sources)}, so P-gp is an unlikely explanation for this "
            "progression (preclinical evidence)."
        ) + _positive_ihc(kb, facts, ihc, latest)
        earlier = [d for d in history[:-1] if facts.kind(d) == "affected"]
        if earlier and ihc not in ("positive", "negative"):
            sources = tuple(dict.fromkeys(x for d in earlier for x in kb.inhibitor(d).pgp_confers_resistance_sources))
            text += (  # the IHC of a later biopsy cannot date an earlier progression; it can inform re-use
                f" A positive P-gp IHC would argue against giving {_names(kb, earlier)} again: P-gp "
                f"overexpression reduces {'their' if len(earlier) > 1 else 'its'} activity {_cite(kb, sources)}."
            )
        text += pointer
        pointer = ""  # said once
    else:
        check = PGP_RECOMMENDED
        context = "after_affected" if kind == "affected" else "after_possibly_affected"
        ask = "" if ihc in ("positive", "negative") else " Check P-gp (ABCB1) by IHC."
        positive = _positive_ihc(kb, facts, ihc, latest)
        text = f"{lead}. {_effect_on(kb, kind, latest)}{ask}{positive} {statement(kb, 'pgp_frequency')}"
        text += sourced_options(kb, history, [n for n in facts.unaffected], pgp_negative=ihc == "negative")
        if kind == "affected" and ihc != "negative":  # the combination was studied with ceritinib (and crizotinib)
            text += " " + statement(kb, "pgp_combination")
    if any(o.gene == "ABCB1" for o in inputs.off_target):
        text += " " + statement(kb, "pgp_not_from_vcf")
    text += " " + facts_sentence(kb, facts)
    if ihc == "negative":  # the reason the check is not indicated comes first (clinical review 2026-12-01)
        check = PGP_NOT_INDICATED
        text = f"{_with_ihc('', ihc, None, pointer).strip()} {text[0].upper()}{text[1:]}"
        ihc, pointer = None, ""
    note = _with_ihc(_flagged(check, text), ihc, tpm, pointer)
    sources = _resistance_sources(kb, facts.affected + facts.unaffected + facts.possible)
    return PgpAssessment(check, context, note, affected_progressed, **base, sources=sources)


def _unexplained_lead(kb, inputs: PgpInputs, on_latest: tuple[Reading, ...], latest: str) -> str:
    """'progressed most recently on X, and no ... explains it', with the readings that bear on it: calls that
    say the change cannot explain it, and calls too weak to say either way (below --min-vaf, other contexts,
    in silico)."""
    name = display_name(kb, latest)
    if inputs.readings:
        lead = f"progressed most recently on {name}, and no clonal ALK mutation is known to explain it"
    elif inputs.unevaluable:
        lead = f"progressed most recently on {name}, and {_not_established(inputs)}"
    else:
        lead = f"progressed most recently on {name}, and no ALK resistance mutation was found"
    parts = compound_parts(on_latest, latest)
    not_explaining = tuple(r for r in on_latest if r.clonal and r.category == "sensitive" and r.firm)
    alone = tuple(r for r in not_explaining if r.basis in parts)
    not_explaining = tuple(r for r in not_explaining if r.basis not in parts)
    if not_explaining:
        lead += f" ({_readings_text(kb, not_explaining, latest)}: not expected to cause {name} resistance)"
    if alone:
        compounds = ", ".join(dict.fromkeys(parts[r.basis].basis for r in alone))
        part_of = "may be part of" if "(unknown)" in compounds else "is part of"
        lead += (
            f" ({_readings_text(kb, alone, latest)} on its own, but here it {part_of} {compounds}, whose "
            f"effect on {name} the knowledge base does not settle)"
        )
    weak = tuple(r for r in on_latest if r.clonal and not r.firm and r.category in EXPLAINING + ("sensitive",))
    if weak:
        lead += f"; {_readings_text(kb, weak, latest)}: too weak a call to settle whether it explains it"
    subclonal = tuple(r for r in on_latest if not r.clonal and r.explains)
    if subclonal:
        lead += f"; {', '.join(r.basis for r in subclonal)} below --min-vaf may explain it only in part"
    if inputs.readings and inputs.unevaluable:
        lead += f"; {_not_evaluated(inputs)}"
    return lead


def _records(inputs: PgpInputs) -> str:
    records = " and ".join(inputs.unevaluable)
    return f"{records} {'disagrees' if len(inputs.unevaluable) == 1 else 'disagree'}"


def _not_established(inputs: PgpInputs) -> str:
    """Why a tumour with no evaluable ALK mutation is not ALK-mutation-negative either (clinical review
    2026-12-01, finding 6)."""
    return (
        f"the ALK mutation status could not be established: {_records(inputs)} with the reference sequence of "
        "NM_004304.5, so whether it is a resistance mutation cannot be said (check the genome build and the "
        "record; a resistance mutation there may explain the resistance)"
    )


def _not_evaluated(inputs: PgpInputs) -> str:
    return (
        f"{_records(inputs)} with the reference sequence of NM_004304.5 and could not be evaluated (check the "
        "genome build and the record)"
    )


def _off_target_pointer(found: tuple[OffTarget, ...]) -> str:
    """Where to look instead of P-gp: the bypass candidates this sample has, or that none was found."""
    named = dict.fromkeys(f"{o.gene} {o.kind.replace('_', ' ')}" for o in found if o.gene != "ABCB1")
    if named:
        return f" Look first at the off-target candidates ({', '.join(named)})."
    abcb1 = dict.fromkeys(f"{o.kind.replace('_', ' ')} {o.description}" for o in found if o.gene == "ABCB1")
    seen = (
        f" An ABCB1 record is listed ({', '.join(abcb1)}); it does not establish P-gp overexpression, which is "
        "an IHC finding."
        if abcb1
        else ""
    )
    return seen + (
        " No bypass-gene alteration was found among the input's records; an input that does not cover the "
        "bypass genes (a small panel) cannot show one."
    )


def _effect_on(kb, kind: str, inhibitor: str) -> str:
    info = kb.inhibitor(inhibitor)
    name = display_name(kb, inhibitor)
    if kind == "affected":
        return (
            f"P-gp (ABCB1) overexpression reduces the activity of {name} "
            f"{_cite(kb, info.pgp_confers_resistance_sources)}."
        )
    if kind == "possible":
        return f"P-gp and {name}, with a caveat: {_possible_effect(kb, inhibitor)}."
    return f"Whether P-gp overexpression affects {name} is not known (no source in the knowledge base)."


def inhibitor_names(kb) -> tuple[str, ...]:
    """The knowledge base's inhibitors, in its order."""
    return tuple(info.name for info in kb.inhibitors())
