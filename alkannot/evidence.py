"""What the sources say and the rule that turns it into one call (RULES.md): the statement records, the votes,
`combine` for one alteration and inhibitor and the activating class (a compound's call from its parts' is
compound_rule.py's). Pure functions over frozen records (records.py), no I/O. A statement's and a call's derived
values are `records.derived` values, computed once per record (its fields never change; `replace` makes a new one): a
cohort's samples read the same calls thousands of times (issue 13).
"""

from __future__ import annotations

from collections.abc import Callable

from .records import derived, field, record
from .sides import side_names
from .statement_notes import specific_notes
from .thresholds import Grade, Threshold, grade

# how a note brackets a list of sources (`sourced_text.citation` with the knowledge base)
Cite = Callable[[tuple[str, ...]], str]

CATEGORIES = ("sensitive", "intermediate", "resistant", "conflicting", "unknown")
# strongest design first; the order is only for display, never for outranking (RULES.md). `secondary` is a press
# release or a news report (SEED, PMO21, ASCOPOST23): it restates others' results, not peer-reviewed like a review
EVIDENCE_KINDS = (
    "clinical_trial",
    "clinical",
    "retrospective_clinical",
    "case_report",
    "preclinical",
    "inferential",
    "review",
    "secondary",
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
# the note of a call no statement is about (untried.py says instead what a drug's sourced activity after the treatment
# history is, where there is one: clinical review of stop 41, finding 7)
CONTEXT_NOT_RECORDED = "context not recorded"  # a statement with no disease or ALK background recorded
NO_STATEMENT = "no statement in the knowledge base"


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

    @derived
    def key(self) -> str:
        """The short name of who said it: a source key, or the CIViC EID."""
        return self.civic_eid or "+".join(self.sources)

    @derived
    def label(self) -> str:
        """The key with its PMIDs, e.g. 'CGI(PMID:22277784)', 'CGI(PMID:20979473,PMID:22277784)': ',' between them, so
        that a TSV cell's ';'-joined list splits into whole labels (cohort review of stop 40, finding 4)."""
        pmids = ",".join(f"PMID:{p}" for p in self.pmids)
        return f"{self.key}({pmids})" if pmids else self.key

    @derived
    def evidence_ids(self) -> tuple[str, ...]:
        ids = tuple(s for s in self.sources if not (self.civic_eid and s == "CIVIC"))
        return ids + ((self.civic_eid,) if self.civic_eid else ()) + tuple(f"PMID:{p}" for p in self.pmids)

    @derived
    def measured_as(self) -> str:
        """What its number is: 'GI50', or 'IC50' (also 'IC50 (viability)' and a measure not named; calls.tsv)."""
        return (self.measure or "IC50").split(" ")[0]

    @derived
    def has_measurement(self) -> bool:
        return self.ic50_nM is not None or self.fold_vs_wt is not None

    @derived
    def context(self) -> str:
        """The label shown beside the statement, e.g. 'neuroblastoma; full-length ALK'."""
        if self.disease == self.background == "not recorded":
            return CONTEXT_NOT_RECORDED
        return f"{self.disease}; {self.background}"

    @derived
    def in_silico(self) -> bool:
        """A computational prediction (a binding-energy simulation), not a measurement in cells or patients."""
        return "in silico" in self.background.lower() or self.assay.lower().startswith("computational")

    @derived
    def preclinical_only(self) -> bool:
        """Measured in cells or animals (evidence kind `preclinical`), or a review's listing of in-vitro activity."""
        return self.evidence_kind == "preclinical" or (
            self.evidence_kind == "review" and "in vitro" in self.assay.lower()
        )

    @derived
    def publication(self) -> tuple[str, ...]:
        """The publication the statement reports: its PMIDs, or its source keys where it names none. Statements with
        one publication are about one report (CIViC and CGI items of one PMID: one case)."""
        return self.pmids or self.sources

    @derived
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
        if self.ic50_nM is not None and self.measured_as == "IC50":  # an IC50 band never grades a GI50
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
    # an inferred call's parts' sources listed without counting (TPX-0131 and G1202R: PMO21), never among `sources`,
    # which an inferred call has no vote to sort (compound_rule.least_favourable; clinical review of stop 41, 13)
    listed: tuple[str, ...] = ()
    # the sources a note names beside the call, not cited for it (an agent's approval in China, a part's class
    # statement): the sample's cell lists them (`InhibitorVerdict.note_sources`; clinical read of stop 43, finding 3)
    note_sources: tuple[str, ...] = ()

    @derived
    def deciding_votes(self) -> tuple[Vote, ...]:
        """The statements that decided the call: those that vote, of the context that decides."""
        if not self.context:
            return ()
        nsclc = self.context == "nsclc"
        return tuple(v for v in self.votes if v.votes and v.statement.in_nsclc_context == nsclc)

    @derived
    def deciding_sources(self) -> tuple[str, ...]:
        """Who the call rests on (statements of other contexts that did not vote are left out); for a call
        with no vote of its own (inferred from a compound's parts, or none), all its sources."""
        return unique(v.statement.label for v in self.deciding_votes) or self.sources

    @derived
    def counted_sources(self) -> tuple[str, ...]:
        """The sources the call is cited for: `deciding_sources`, but none where the call has statements and none of
        them decides (TPX-0131 and G1202R: PMO21, listed, not counted). The report, `lookup` and a compound's call
        inferred from this one all count these, and list the rest (`listed_sources`)."""
        return tuple(self.deciding_sources) if self.deciding_votes or not self.votes else ()

    @derived
    def listed_sources(self) -> tuple[str, ...]:
        """The sources listed for the call without counting: its statements that did not decide it (another
        context's, one listed and not a vote), and an inferred call's parts' (`listed`)."""
        counted = self.counted_sources
        return unique(s for s in (*self.sources, *self.listed) if s not in counted)

    @derived
    def deciding_evidence(self) -> tuple[str, ...]:
        """The evidence identifiers (source keys, CIViC EIDs, PMIDs) of the statements that decided the call; for a
        call with no vote of its own, those of every statement listed."""
        statements = [v.statement for v in self.deciding_votes] or [v.statement for v in self.votes]
        return unique(i for s in statements for i in s.evidence_ids)

    @derived
    def disputed(self) -> bool:
        """The deciding statements disagree on the direction: some call the alteration sensitive, others resistant,
        intermediate or mixed (a `conflicting` call, or an `intermediate` one beside sensitive statements, as G1269A
        and alectinib: EID1354 6x WT in Ba/F3 against LIN17T2 listing alectinib as active; clinical review 9,
        finding 3). Statements that agree on the direction (resistant beside intermediate) are not a dispute."""
        said = {v.category for v in self.deciding_votes}
        return (
            self.category == "conflicting"
            or self.parts_disputed
            or ("sensitive" in said and bool(said & {"resistant", "intermediate", "conflicting"}))
        )

    @derived
    def shows_dispute(self) -> bool:
        """A sensitive, intermediate or resistant call whose deciding sources disagree on the direction: printed with
        ' (sources disagree)' where the call is printed, the category left as it is (G1269A and alectinib,
        `intermediate`: EID1354 graded from a resistance item, LIN17T2 listing it as active; review 12, finding
        7). A `conflicting` call says so itself; an `unknown` makes no claim to dispute."""
        return self.disputed and self.category in ("sensitive", "intermediate", "resistant")

    @derived
    def in_silico_only(self) -> bool:
        """Every statement that decided the call is a computational prediction."""
        deciding = self.deciding_votes
        return bool(deciding) and all(v.statement.in_silico for v in deciding)

    @derived
    def preclinical_only(self) -> bool:
        """Every statement that decided the call is preclinical: cells or animals (evidence kind `preclinical`), or
        a review's listing of activity in vitro (SAB17 on brigatinib and I1171S/T, V1180L), no patient's; not where
        the call is chiefly in silico, which says more (clinical review of stop 32, finding 5)."""
        deciding = self.deciding_votes
        return bool(deciding) and not self.in_silico_only and all(v.statement.preclinical_only for v in deciding)

    @derived
    def case_report_only(self) -> bool:
        """Every statement that decided the call is a case report (evidence kind `case_report`): no trial, cohort,
        cell or review statement decides it (C1156Y+L1198F and crizotinib, sensitive: CIViC EID844, the one patient
        of Shaw et al. 2016, PMID 26698910; clinical reading of stop 41, finding 8). Never beside in_silico_only or
        preclinical_only, whose deciding statements are of other kinds."""
        deciding = self.deciding_votes
        return bool(deciding) and all(v.statement.evidence_kind == "case_report" for v in deciding)

    @derived
    def one_case_report(self) -> bool:
        """case_report_only, and every deciding statement reports one and the same publication (one PMID: CIViC and
        CGI items of one report count once): 'one case report', not 'case reports only'."""
        return self.case_report_only and len({v.statement.publication for v in self.deciding_votes}) == 1


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

    @property
    def counted_sources(self) -> tuple[str, ...]:
        """The sources some inhibitor's call is cited for (`InhibitorCall.counted_sources`), each statement by its own
        label ('CGI(PMID:20979473,PMID:22277784)'): what the report's Evidence column shows (clinical review hN,
        finding 7), where `evidence` holds every identifier flat, a CGI row's as 'CGI' and its PMIDs apart."""
        return unique(k for c in self.calls.values() for k in c.counted_sources)

    @property
    def listed_sources(self) -> tuple[str, ...]:
        """The sources listed for some call and counted for none (`InhibitorCall.listed_sources`): a CGI row of
        another context, a press release, an approval-level row."""
        counted = set(self.counted_sources)
        return unique(k for c in self.calls.values() for k in c.listed_sources if k not in counted)


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
    # each region's approval sources ('cn': since knowledge base 2.0.25), as `approval_sources` flattens them
    region_sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # each region's sources as a note brackets them, with their identifiers ('[CN25GUIDE, PMID 40268545; ZHAO26,
    # doi:...]': `sourced_text.citation`; clinical read of stop 43, finding 3)
    region_citations: dict[str, str] = field(default_factory=dict)


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
        if weak:  # CIViC "does not support sensitivity", not a resistance claim; said before a key's context bracket
            weak_keys = _keys(weak, with_context, deciding, named)
            sides.append(f"no sensitivity seen (CIViC 'does not support') per {weak_keys}")
    mixed = [v for v in votes if v.category == "conflicting"]
    return " vs ".join(sides) + (f"; mixed per {_keys(mixed, with_context, deciding, named)}" if mixed else "")


def _measured(vote: Vote, with_wt: bool = False, in_its_source_word: bool = False) -> str:
    """'EID1351 325 nM vs 6 nM wild type, 54.2x WT above ... -> resistant (...)', or in the band's source's word; a
    measure other than an IC50 named after the key ('EID1342 GI50 2.2 nM, ...'): a GI50 is not an IC50."""
    s = vote.statement
    assert vote.grade is not None, "only graded votes are described by their measurement"
    ic50 = f"{s.ic50_qualifier}{s.ic50_nM:g} nM, " if s.ic50_nM is not None else ""
    if with_wt and s.ic50_nM is not None and s.wt_ic50_nM is not None:
        ic50 = f"{s.ic50_qualifier}{s.ic50_nM:g} nM vs {s.wt_ic50_nM:g} nM wild type, "
    measure = f"{s.measured_as} " if s.measured_as != "IC50" else ""
    graded = vote.grade.as_its_source_says if in_its_source_word else vote.grade.text
    return f"{s.key} {measure}{ic50}{graded} ({s.background}; {s.assay or 'assay not recorded'})"


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
        stating = [v for v in votes if v.category == "resistant"]
        softer = [v for v in graded if v.category == "intermediate"]
        # a band whose own source calls it resistant agrees with the call: said in that source's word, not as
        # alkannot's `intermediate` beside a resistant call (clinical review of stop 41, finding 11)
        agreeing = [v for v in softer if v.grade is not None and v.grade.source_says == "resistant"]
        parts = [f"resistant per {_keys(stating)}"]
        said = "; ".join(_measured(v, in_its_source_word=True) for v in agreeing)
        parts += [f"measured: {said}"] if agreeing else []
        if len(agreeing) < len(softer):
            others = "; ".join(_measured(v) for v in softer if v not in agreeing)
            parts.append(f"{others}, but a measured band never softens a resistance statement (RULES.md 3.5)")
        return category, "; ".join(parts)
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
        return InhibitorCall("unknown", note=NO_STATEMENT)
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
        notes.append(_other_contexts_listed(other, deciding))
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


def _other_contexts_listed(other: list[Vote], deciding) -> str:
    """'other contexts, listed, not counted: resistant per CGI (context not recorded)': the statements of other
    contexts beside the NSCLC ones that decide, with which row of an item decides where another row of it is listed."""
    rows = {v.statement.key: v.statement.background for v in reversed(deciding)}
    return "other contexts, listed, not counted: " + _sides(other, with_context=True, deciding=rows)


def other_context_sides(call: InhibitorCall) -> str:
    """'resistant per CGI (context not recorded)': who decided a call that rests on other contexts only (no statement
    about ALK-positive NSCLC), each with its disease and ALK background, as the call's own note says it; '' for a call
    decided by NSCLC statements, or by none."""
    return _sides(call.deciding_votes, with_context=True) if call.context == "other" else ""


def listed_reasons(call: InhibitorCall) -> tuple[str, ...]:
    """Why each source `call` lists without counting (its `listed_sources` among its own statements) is not counted,
    as its own note says it: the other contexts beside the NSCLC statements that decide, and each listed statement's
    own note ('PMO21: company claim relayed by trade press, listed and not a vote (RULES.md 3.7): no assay, ...'). A
    compound's call inferred from this one says them beside the sources it lists (compound_rule.least_favourable;
    clinical review of stop 41, finding 13)."""
    listed = set(call.listed_sources)
    other = [v for v in call.votes if v.votes and not v.statement.in_nsclc_context and v.statement.label in listed]
    said = [_other_contexts_listed(other, call.deciding_votes)] if other and call.context == "nsclc" else []
    return tuple(said + specific_notes(v.statement for v in call.votes if v.statement.label in listed))


def is_activating(statements, thresholds: tuple[Threshold, ...] = ()) -> bool:
    """An activating variant, not a resistance mutation: no statement about ALK-positive NSCLC, and
    every statement that votes says `sensitive` in full-length ALK (e.g. R1275Q in neuroblastoma)."""
    if not statements or any(s.in_nsclc_context for s in statements):
        return False
    voting = [v for v in votes_for(statements, thresholds) if v.votes]
    return bool(voting) and all(
        v.category == "sensitive" and v.statement.background.startswith(FULL_LENGTH) for v in voting
    )
