"""What the sources say and the rule that turns it into one call (RULES.md): the statement records, the votes,
`combine` for one alteration and inhibitor, the compound rules (least favourable, re-sensitising partners) and
the activating class. Pure functions over frozen records (records.py), no I/O.
"""

from __future__ import annotations

from collections.abc import Callable

from .records import record, replace
from .sides import side_names
from .statement_notes import specific_notes
from .thresholds import Grade, Threshold, grade

# how a note brackets a list of sources (`sourced_text.citation` with the knowledge base)
Cite = Callable[[tuple[str, ...]], str]

CATEGORIES = ("sensitive", "intermediate", "resistant", "conflicting", "unknown")
# strongest design first; the order is only for display, never for outranking (RULES.md)
EVIDENCE_KINDS = (
    "clinical_trial",
    "clinical",
    "retrospective_clinical",
    "case_report",
    "preclinical",
    "inferential",
    "review",
)
# most specific first: a compound without an entry takes the first class among its changes
RESISTANCE_CLASSES = ("known", "residue", "kinase_domain_vus", "activating", "none")
# compound rule: a component's call -> how unfavourable it is (RULES.md section 4)
LEAST_FAVOURABLE = ("resistant", "unknown", "conflicting", "intermediate", "sensitive")
# among statements that agree on the direction, the call is the least favourable (RULES.md 3.5)
DIRECTION_ORDER = ("resistant", "intermediate", "sensitive")
# the disease of statements about ALK-positive NSCLC, and the diseases a source did not name
NSCLC = "NSCLC"
UNSPECIFIED_DISEASES = ("cancer (unspecified)", "not recorded")
# the fusion of ALK-positive NSCLC: a model of it counts as NSCLC evidence when no disease is named
NSCLC_FUSION = "EML4-ALK"
FULL_LENGTH = "full-length ALK"


# --------------------------------------------------------------------------------------------
# records
# --------------------------------------------------------------------------------------------
@record(frozen=True)
class Statement:
    """One source's statement about one alteration and one inhibitor (a row of calls.tsv), with the
    disease and ALK background it is about and, where measured, the IC50 and fold over wild type."""

    alteration: str
    inhibitor: str
    category: str
    evidence_kind: str
    sources: tuple[str, ...]
    pmids: tuple[str, ...] = ()
    civic_eid: str = ""
    evidence_level: str = ""
    disease: str = NSCLC
    background: str = "ALK fusion"
    assay: str = ""
    measure: str = ""
    ic50_nM: float | None = None
    ic50_qualifier: str = ""
    wt_ic50_nM: float | None = None
    fold_vs_wt: float | None = None
    fold_qualifier: str = ""  # '~' where the source gives an approximate fold
    fold_basis: str = ""  # 'stated' or how it was computed within the item
    note: str = ""

    @property
    def key(self) -> str:
        """The short name of who said it: a source key, or the CIViC EID."""
        return self.civic_eid or "+".join(self.sources)

    @property
    def label(self) -> str:
        """The key with its PMIDs, e.g. 'CGI(PMID:22277784)', 'CGI(PMID:20979473,PMID:22277784)': ',' between them, so
        that a TSV cell's ';'-joined list splits into whole labels (cohort review of stop 40, finding 4)."""
        pmids = ",".join(f"PMID:{p}" for p in self.pmids)
        return f"{self.key}({pmids})" if pmids else self.key

    @property
    def evidence_ids(self) -> tuple[str, ...]:
        ids = tuple(s for s in self.sources if not (self.civic_eid and s == "CIVIC"))
        return ids + ((self.civic_eid,) if self.civic_eid else ()) + tuple(f"PMID:{p}" for p in self.pmids)

    @property
    def has_measurement(self) -> bool:
        return self.ic50_nM is not None or self.fold_vs_wt is not None

    @property
    def context(self) -> str:
        """The label shown beside the statement, e.g. 'neuroblastoma; full-length ALK'."""
        if self.disease == self.background == "not recorded":
            return "context not recorded"
        return f"{self.disease}; {self.background}"

    @property
    def in_silico(self) -> bool:
        """A computational prediction (a binding-energy simulation), not a measurement in cells or patients."""
        return "in silico" in self.background.lower() or self.assay.lower().startswith("computational")

    @property
    def preclinical_only(self) -> bool:
        """Measured in cells or animals (evidence kind `preclinical`), or a review's listing of in-vitro activity."""
        return self.evidence_kind == "preclinical" or (
            self.evidence_kind == "review" and "in vitro" in self.assay.lower()
        )

    @property
    def in_nsclc_context(self) -> bool:
        """About ALK-positive NSCLC: the disease is NSCLC, or no disease is named and the model carries
        EML4-ALK (RULES.md 3.2). Neuroblastoma full-length ALK, NPM-ALK lymphoma, other tumours and
        sources that name neither are other contexts."""
        if self.disease == NSCLC:
            return True
        return self.disease in UNSPECIFIED_DISEASES and self.background.startswith(NSCLC_FUSION)

    def grade(self, thresholds: tuple[Threshold, ...]) -> Grade | None:
        """What the threshold rule says about this statement's measurement (RULES.md 3.3)."""
        values = {}
        if self.fold_vs_wt is not None:
            values["fold_vs_wt"] = (self.fold_vs_wt, self.fold_qualifier)
        if self.ic50_nM is not None:
            values["ic50_nM"] = (self.ic50_nM, self.ic50_qualifier)
        return grade(values, self.assay, thresholds) if values else None


@record(frozen=True)
class Vote:
    """A statement as the combining rule reads it: its category, or the grade its measurement gets."""

    statement: Statement
    category: str
    grade: Grade | None = None

    @property
    def votes(self) -> bool:
        return self.category != "unknown"

    @property
    def graded(self) -> bool:
        return self.grade is not None and bool(self.grade.category)


@record(frozen=True)
class Measurement:
    """One statement's numbers: IC50, fold change over wild type and how they were measured."""

    ic50_nM: float | None
    qualifier: str
    fold_vs_wt: float | None
    wt_ic50_nM: float | None
    measure: str
    assay: str
    source: str
    fold_qualifier: str = ""
    fold_basis: str = ""
    context: str = ""
    in_nsclc_context: bool = True
    grade: Grade | None = None
    category: str = ""  # the statement's own category
    source_says: str = ""  # the source's own verdict on this item ('CIViC: resistance'), as the statement records it

    @classmethod
    def of(cls, vote: Vote) -> "Measurement":
        s = vote.statement
        civic = [p for p in s.note.split("; ") if p.startswith("CIViC: ")]
        says = civic[0] if civic else (f"stated {s.category}" if s.category != "unknown" else "no category stated")
        return cls(
            s.ic50_nM,
            s.ic50_qualifier,
            s.fold_vs_wt,
            s.wt_ic50_nM,
            s.measure,
            s.assay,
            s.label,
            s.fold_qualifier,
            s.fold_basis,
            s.context,
            s.in_nsclc_context,
            vote.grade,
            s.category,
            says,
        )


@record(frozen=True)
class InhibitorCall:
    """The combined call for one alteration and one inhibitor, with its evidence and sources."""

    category: str
    evidence_kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    ic50_nM: float | None = None
    fold_vs_wt: float | None = None
    note: str = ""
    inferred: bool = False
    measurements: tuple[Measurement, ...] = ()
    votes: tuple[Vote, ...] = ()
    context: str = ""  # 'nsclc': decided by NSCLC / EML4-ALK statements; 'other': by others
    # an inferred call whose setting part's call is disputed (its deciding sources disagree on the direction)
    parts_disputed: bool = False
    set_aside: str = ""  # a compound's own category, not used where its bulk is not shown (without_unshown_favour)

    @property
    def deciding_votes(self) -> tuple[Vote, ...]:
        """The statements that decided the call: those that vote, of the context that decides."""
        if not self.context:
            return ()
        nsclc = self.context == "nsclc"
        return tuple(v for v in self.votes if v.votes and v.statement.in_nsclc_context == nsclc)

    @property
    def deciding_sources(self) -> tuple[str, ...]:
        """Who the call rests on (statements of other contexts that did not vote are left out); for a call
        with no vote of its own (inferred from a compound's parts, or none), all its sources."""
        return unique(v.statement.label for v in self.deciding_votes) or self.sources

    @property
    def deciding_evidence(self) -> tuple[str, ...]:
        """The evidence identifiers (source keys, CIViC EIDs, PMIDs) of the statements that decided the call; for a
        call with no vote of its own, those of every statement listed."""
        statements = [v.statement for v in self.deciding_votes] or [v.statement for v in self.votes]
        return unique(i for s in statements for i in s.evidence_ids)

    @property
    def disputed(self) -> bool:
        """The deciding statements disagree on the direction: some call the alteration sensitive, others resistant,
        intermediate or mixed (a `conflicting` call, or an `intermediate` one beside sensitive statements, as G1269A
        and alectinib: EID1354 6x WT in Ba/F3 against LIN17T2 and SEED listing alectinib as active; clinical review
        9, finding 3). Statements that agree on the direction (resistant beside intermediate) are not a dispute."""
        said = {v.category for v in self.deciding_votes}
        return (
            self.category == "conflicting"
            or self.parts_disputed
            or ("sensitive" in said and bool(said & {"resistant", "intermediate", "conflicting"}))
        )

    @property
    def shows_dispute(self) -> bool:
        """A sensitive, intermediate or resistant call whose deciding sources disagree on the direction: printed with
        ' (sources disagree)' where the call is printed, the category left as it is (G1269A and alectinib,
        `intermediate`: EID1354 graded from a resistance item, LIN17T2 and SEED listing it as active; review 12,
        finding 7). A `conflicting` call says so itself; an `unknown` makes no claim to dispute."""
        return self.disputed and self.category in ("sensitive", "intermediate", "resistant")

    @property
    def in_silico_only(self) -> bool:
        """Every statement that decided the call is a computational prediction."""
        deciding = self.deciding_votes
        return bool(deciding) and all(v.statement.in_silico for v in deciding)

    @property
    def preclinical_only(self) -> bool:
        """Every statement that decided the call is preclinical: cells or animals (evidence kind `preclinical`), or
        a review's listing of activity in vitro (SAB17 on brigatinib and I1171S/T, V1180L), no patient's; not where
        the call is chiefly in silico, which says more (clinical review of stop 32, finding 5)."""
        deciding = self.deciding_votes
        return bool(deciding) and not self.in_silico_only and all(v.statement.preclinical_only for v in deciding)


@record(frozen=True)
class Note:
    """A note about an alteration as a whole (notes.tsv), e.g. why a compound has no call."""

    alteration: str
    note: str
    sources: tuple[str, ...]
    origin: str


@record(frozen=True)
class AlterationCall:
    """The calls for one alteration against every inhibitor of the knowledge base."""

    alteration: str
    resistance: str
    calls: dict[str, InhibitorCall]
    evidence: tuple[str, ...] = ()
    compound_rule: str | None = None
    phase: str | None = None
    notes: tuple[Note, ...] = ()


@record(frozen=True)
class InhibitorInfo:
    """One inhibitor's facts from the inhibitor table: names, class, approvals, P-gp and CNS columns."""

    name: str
    agent: str
    names: tuple[str, ...]  # brand names and development codes, as the sources write them
    agent_class: str
    generation: str
    generation_sources: tuple[str, ...]
    approvals: dict[str, str]
    approval_sources: tuple[str, ...]
    abcb1_transport: str  # yes | modest | no | unknown: transported by ABCB1 (pharmacokinetics)
    abcb1_transport_sources: tuple[str, ...]
    abcb1_transport_note: str
    pgp_confers_resistance: str  # yes | no | conflicting | unknown: P-gp overexpression in the tumour reduces activity
    pgp_confers_resistance_sources: tuple[str, ...]
    pgp_confers_resistance_note: str
    cns_activity: str
    cns_sources: tuple[str, ...]
    notes: str


@record(frozen=True)
class Source:
    """A publication the knowledge base cites (sources.tsv)."""

    key: str
    pmid: str
    doi: str
    citation: str
    pmc: str = ""


# --------------------------------------------------------------------------------------------
# the rule (RULES.md sections 1-3): pure functions over statements
# --------------------------------------------------------------------------------------------
def unique(items) -> tuple:
    return tuple(dict.fromkeys(i for i in items if i))


def _ordered_kinds(statements) -> tuple[str, ...]:
    kinds = {s.evidence_kind for s in statements}
    return tuple(k for k in EVIDENCE_KINDS if k in kinds)


def _does_not_support(statement: Statement) -> bool:
    return "does not support sensitivity" in statement.note


def votes_for(statements, thresholds: tuple[Threshold, ...] = ()) -> tuple[Vote, ...]:
    """Each statement as the rule reads it: a measurement the threshold rule grades votes with its
    grade; every other statement with its own category (RULES.md 3.3)."""
    out = []
    for s in statements:
        found = s.grade(thresholds) if s.has_measurement else None
        out.append(Vote(s, found.category if found and found.category else s.category, found))
    return tuple(out)


def _keys(votes, with_context: bool = False, deciding: dict[str, str] | None = None, named=None) -> str:
    """The keys of `votes`, each as `named` (sides.side_names) names it; with their context, and for an item whose
    other row decides (`deciding`: key -> that row's background), which row this is (an item is not 'not counted'
    because one of its rows is)."""

    def label(v: Vote) -> str:
        s = v.statement
        if not with_context:  # a source on both sides says in what setting each side (review 21, finding 14)
            return named(s) if named else s.key
        if deciding and s.key in deciding:
            return f"{s.key}'s {s.background} row ({s.context}; the same item's {deciding[s.key]} row decides)"
        return f"{s.key} ({s.context})"

    return ", ".join(unique(label(v) for v in votes))


def _sides(votes, with_context: bool = False, deciding: dict[str, str] | None = None) -> str:
    """'sensitive per A, B vs resistant per C': who says what, in category order."""
    sides, named = [], side_names(votes, lambda s: s.key)
    for c in CATEGORIES:
        if c == "conflicting":
            continue
        plain = [v for v in votes if v.category == c and not _does_not_support(v.statement)]
        weak = [v for v in votes if v.category == c and _does_not_support(v.statement)]
        if plain:
            sides.append(f"{c} per {_keys(plain, with_context, deciding, named)}")
        if weak:  # CIViC "does not support sensitivity": no sensitivity seen, not a resistance claim
            weak_keys = _keys(weak, with_context, deciding, named)
            sides.append(f"no sensitivity seen per {weak_keys} (CIViC 'does not support')")
    mixed = [v for v in votes if v.category == "conflicting"]
    return " vs ".join(sides) + (f"; mixed per {_keys(mixed, with_context, deciding, named)}" if mixed else "")


def _measured(vote: Vote, with_wt: bool = False) -> str:
    s = vote.statement
    assert vote.grade is not None, "only graded votes are described by their measurement"
    ic50 = f"{s.ic50_qualifier}{s.ic50_nM:g} nM, " if s.ic50_nM is not None else ""
    if with_wt and s.ic50_nM is not None and s.wt_ic50_nM is not None:
        ic50 = f"{s.ic50_qualifier}{s.ic50_nM:g} nM vs {s.wt_ic50_nM:g} nM wild type, "
    return f"{s.key} {ic50}{vote.grade.text} ({s.background}; {s.assay or 'assay not recorded'})"


def _decide(votes: list[Vote]) -> tuple[str, str]:
    """The category of the deciding statements and the note that explains it (RULES.md 3.5)."""
    stated = {v.category for v in votes}
    if not stated:
        return "unknown", "no statement about this alteration decides a call (each listed one says why)"
    if "conflicting" in stated or {"sensitive", "resistant"} <= stated:
        return "conflicting", "conflicting: " + _sides(votes)
    category = next(c for c in DIRECTION_ORDER if c in stated)
    graded = [v for v in votes if v.graded]
    if category == "intermediate":
        also = [v for v in votes if v.category == "sensitive"]
        stated_by = [v for v in votes if v.category == "intermediate" and not v.graded]
        parts = [_measured(v) for v in graded if v.category == "intermediate"]
        parts += [f"stated per {_keys(stated_by)}"] if stated_by else []
        return category, "intermediate: " + "; ".join(parts) + (f"; listed sensitive per {_keys(also)}" if also else "")
    if category == "resistant" and "intermediate" in stated:
        softer = "; ".join(_measured(v) for v in graded if v.category == "intermediate")
        stating = [v for v in votes if v.category == "resistant"]
        return category, (
            f"resistant per {_keys(stating)}; {softer}, but a measured band never softens a "
            "resistance statement (RULES.md 3.5)"
        )
    regraded = [v for v in graded if v.category != v.statement.category]
    # a measurement that agrees with its own statement decides as well: the note shows its numbers, as it does
    # for a regraded one (clinical review 2026-12, finding 15: G1202R x brigatinib, EID1351)
    agreeing = [v for v in graded if v.category == category and v.category == v.statement.category]
    parts = ["graded: " + "; ".join(_measured(v) for v in regraded)] if regraded else []
    parts += ["measured: " + "; ".join(_measured(v, with_wt=True) for v in agreeing)] if agreeing else []
    return category, " | ".join(parts)


def _measurements(votes: tuple[Vote, ...], category: str) -> tuple[Measurement, ...]:
    """All IC50/fold measurements: NSCLC-context ones behind the call first, then Ba/F3 EML4-ALK."""

    def rank(v: Vote) -> tuple[int, int, int]:
        s = v.statement
        return (
            0 if s.in_nsclc_context else 1,
            0 if v.category == category else 1,
            0 if "Ba/F3 EML4-ALK" in s.assay else 1,
        )

    return tuple(Measurement.of(v) for v in sorted((v for v in votes if v.statement.has_measurement), key=rank))


def combine(
    statements: list[Statement] | tuple[Statement, ...], thresholds: tuple[Threshold, ...] = ()
) -> InhibitorCall:
    """One inhibitor's call on one alteration from all source statements about that pair (RULES.md 3).

    Statements about ALK-positive NSCLC (or an EML4-ALK model) decide; statements from other
    diseases and ALK backgrounds decide only when there is no NSCLC statement, and the note then
    says so. A measurement graded by the threshold rule votes with its grade. Statements whose
    category is `unknown` do not vote. Sensitive against resistant is `conflicting`, with who said
    what; otherwise the least favourable direction stated (a measured `intermediate` never softens
    a `resistant` statement). Evidence kind and date never outrank.
    """
    statements = tuple(statements)
    if not statements:
        return InhibitorCall("unknown", note="no statement in the knowledge base")
    votes = votes_for(statements, thresholds)
    nsclc = [v for v in votes if v.votes and v.statement.in_nsclc_context]
    other = [v for v in votes if v.votes and not v.statement.in_nsclc_context]
    deciding, context = (nsclc, "nsclc") if nsclc else (other, "other" if other else "")
    category, head = _decide(deciding)
    notes = [head] if head else []
    if context == "other":
        notes.insert(
            0,
            "no statement about ALK-positive NSCLC; the call rests on other contexts: "
            + _sides(other, with_context=True),
        )
    elif other:
        rows = {v.statement.key: v.statement.background for v in reversed(deciding)}
        notes.append("other contexts, listed, not counted: " + _sides(other, with_context=True, deciding=rows))
    notes += specific_notes(statements)
    measurements = _measurements(votes, category)
    first = measurements[0] if measurements else None
    # the kinds of evidence the call rests on: a statement listed without deciding it (another context, or no
    # category) does not make a review-based call 'preclinical' (clinical review 2026-12-01, second reading, 13)
    kinds = _ordered_kinds([v.statement for v in deciding]) or _ordered_kinds(statements)
    return InhibitorCall(
        category,
        kinds,
        unique(s.label for s in statements),
        first.ic50_nM if first else None,
        first.fold_vs_wt if first else None,
        " | ".join(n for n in notes if n),
        False,
        measurements,
        votes,
        context,
    )


def is_activating(statements, thresholds: tuple[Threshold, ...] = ()) -> bool:
    """An activating variant, not a resistance mutation: no statement about ALK-positive NSCLC, and
    every statement that votes says `sensitive` in full-length ALK (e.g. R1275Q in neuroblastoma)."""
    if not statements or any(s.in_nsclc_context for s in statements):
        return False
    voting = [v for v in votes_for(statements, thresholds) if v.votes]
    return bool(voting) and all(
        v.category == "sensitive" and v.statement.background.startswith(FULL_LENGTH) for v in voting
    )


# Why an untested compound is never called sensitive from its parts: compound mutations arise on
# lorlatinib with differential lorlatinib susceptibility [REC20], and G1202R tumours that responded to
# lorlatinib relapsed with compound mutations [PEL21] (shared/kb/guidance.md section 5).
COMPOUND_CAVEAT_SOURCES = ("REC20", "PEL21")


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
    # finding 2). Every part's call keeps its own sources in the note ('G1269A sensitive [FRI14; SEED; ...]')
    setting = [c for c in component_calls.values() if c.category == worst]
    sources = unique(s for call in setting for s in call.deciding_sources)
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
        citing = [c for c in component_calls.values() if c.context != "other" or c.category == worst]
        kinds = {k for call in citing for k in call.evidence_kinds}
        parts = "; ".join(f"{change} {_part_call(call)}" for change, call in component_calls.items())
        worst = "unknown"
        sources = unique([s for call in citing for s in call.deciding_sources] + list(COMPOUND_CAVEAT_SOURCES))
        note = (
            f"inferred: each single change is sensitive or intermediate ({parts}), but the compound itself "
            "has no statement, and compound mutations can escape an inhibitor that covers each single "
            "change (REC20, PEL21): not called sensitive"
        )
        context = ""
    kinds_ordered = tuple(k for k in EVIDENCE_KINDS if k in kinds)
    disputed = worst != "unknown" and any(c.disputed for c in setting)  # the setting part's dispute (review 12, 7)
    return InhibitorCall(
        worst, kinds_ordered, sources, None, None, note, True, context=context, parts_disputed=disputed
    )


def _plain(sources) -> str:
    return f"[{'; '.join(sources)}]" if sources else ""


def _part_call(call: InhibitorCall, cited: Cite | None = None) -> str:
    """'sensitive', or 'sensitive (other context)' for a call resting on other contexts only (no NSCLC / EML4-ALK
    statement), as `lookup` says it for the single change: never a plain call in a compound's note. `cited`: with
    the statements that decided it, bracketed as notes cite ('sensitive [FRI14; SEED]'); an `unknown` has none
    (the statements listed for it say why in the part's own `lookup`)."""
    text = call.category + (" (other context)" if call.context == "other" else "")
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
