"""The ALK resistance knowledge base and the rule that turns its source statements into one call.

The knowledge lives in a knowledge-base directory (the bundled resources/kb/, or a lab's own via
`--kb DIR`; kbfiles.py reads and validates it): calls.tsv, one row per alteration x inhibitor x
source statement with its disease, fusion background and measurement; thresholds.tsv, the sourced
rule that grades a measured shift; notes.tsv; inhibitors.tsv; sources.tsv; VERSION. RULES.md states
the rule implemented here by `combine`. This module answers, per alteration, one call per inhibitor
with the statements behind it. The rule never extrapolates: another change at a known residue, an
unlisted kinase-domain change, or an alteration without statements is `unknown`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .bundle import read_fasta
from .thresholds import Grade, Threshold, grade

INHIBITORS = ("crizotinib", "ceritinib", "alectinib", "brigatinib", "ensartinib", "lorlatinib",
              "neladalkib", "gilteritinib", "tpx0131")
CATEGORIES = ("sensitive", "intermediate", "resistant", "conflicting", "unknown")
# strongest design first; the order is only for display, never for outranking (RULES.md)
EVIDENCE_KINDS = ("clinical_trial", "clinical", "retrospective_clinical", "case_report", "preclinical",
                  "inferential", "review")
# most specific first: a compound without an entry takes the first class among its changes
RESISTANCE_CLASSES = ("known", "residue", "kinase_domain_vus", "activating", "none")
KB_FILES = ("calls.tsv", "notes.tsv", "thresholds.tsv", "inhibitors.tsv", "sources.tsv", "VERSION", "RULES.md",
            "PROVENANCE.md")
FUSION = "ALK fusion"
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
# parts of statement notes that only restate the category; left out of the one-line note
_GENERIC_NOTES = ("review table: listed", "CGI curation", "CIViC: resistance", "CIViC: sensitivity/response",
                  "press release on KAT16", "read via the MOAlmanac")
_THREE_LETTER = {"Ala": "A", "Arg": "R", "Asn": "N", "Asp": "D", "Cys": "C", "Gln": "Q", "Glu": "E",
                 "Gly": "G", "His": "H", "Ile": "I", "Leu": "L", "Lys": "K", "Met": "M", "Phe": "F",
                 "Pro": "P", "Ser": "S", "Thr": "T", "Trp": "W", "Tyr": "Y", "Val": "V", "Ter": "*",
                 "Sec": "U", "Pyl": "O"}


# --------------------------------------------------------------------------------------------
# records
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
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
    fold_qualifier: str = ""          # '~' where the source gives an approximate fold
    fold_basis: str = ""              # 'stated' or how it was computed within the item
    note: str = ""

    @property
    def key(self) -> str:
        """The short name of who said it: a source key, or the CIViC EID."""
        return self.civic_eid or "+".join(self.sources)

    @property
    def label(self) -> str:
        """The key with its PMIDs, e.g. 'CGI(PMID:22277784)'."""
        pmids = ";".join(f"PMID:{p}" for p in self.pmids)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Measurement:
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
    category: str = ""                # the statement's own category

    @classmethod
    def of(cls, vote: Vote) -> "Measurement":
        s = vote.statement
        return cls(s.ic50_nM, s.ic50_qualifier, s.fold_vs_wt, s.wt_ic50_nM, s.measure, s.assay, s.label,
                   s.fold_qualifier, s.fold_basis, s.context, s.in_nsclc_context, vote.grade, s.category)


@dataclass(frozen=True)
class InhibitorCall:
    category: str
    evidence_kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    ic50_nM: float | None = None
    fold_vs_wt: float | None = None
    note: str = ""
    inferred: bool = False
    measurements: tuple[Measurement, ...] = ()
    votes: tuple[Vote, ...] = ()
    context: str = ""                 # 'nsclc': decided by NSCLC / EML4-ALK statements; 'other': by others


@dataclass(frozen=True)
class Note:
    """A note about an alteration as a whole (notes.tsv), e.g. why a compound has no call."""
    alteration: str
    note: str
    sources: tuple[str, ...]
    origin: str


@dataclass(frozen=True)
class AlterationCall:
    alteration: str
    resistance: str
    calls: dict[str, InhibitorCall]
    evidence: tuple[str, ...] = ()
    compound_rule: str | None = None
    phase: str | None = None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class ParsedAlteration:
    kind: str                         # mutation | compound | fusion | amplification
    text: str                         # canonical: 'G1202R', 'L1196M+G1202R', 'EML4::ALK v3a/b'
    changes: tuple[str, ...] = ()     # canonical one-letter changes, sorted by position
    partner: str | None = None
    variant: str | None = None


@dataclass(frozen=True)
class InhibitorInfo:
    name: str
    agent: str
    names: tuple[str, ...]            # brand names and development codes, as the sources write them
    agent_class: str
    generation: str
    generation_sources: tuple[str, ...]
    approvals: dict[str, str]
    approval_sources: tuple[str, ...]
    abcb1_transport: str              # yes | modest | no | unknown: transported by ABCB1 (pharmacokinetics)
    abcb1_transport_sources: tuple[str, ...]
    abcb1_transport_note: str
    pgp_confers_resistance: str       # yes | no | conflicting | unknown: P-gp overexpression in the tumour reduces activity
    pgp_confers_resistance_sources: tuple[str, ...]
    pgp_confers_resistance_note: str
    cns_activity: str
    cns_sources: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class Source:
    key: str
    pmid: str
    doi: str
    citation: str
    pmc: str = ""


# --------------------------------------------------------------------------------------------
# the rule (RULES.md sections 1-3): pure functions over statements
# --------------------------------------------------------------------------------------------
def _unique(items) -> tuple:
    return tuple(dict.fromkeys(i for i in items if i))


def _ordered_kinds(statements) -> tuple[str, ...]:
    kinds = {s.evidence_kind for s in statements}
    return tuple(k for k in EVIDENCE_KINDS if k in kinds)


def _specific_notes(statements) -> list[str]:
    notes = []
    for s in statements:
        parts = [p for p in s.note.split("; ") if p and not p.startswith(_GENERIC_NOTES)]
        if parts:
            notes.append(f"{s.key}: {', '.join(parts)}")
    return list(dict.fromkeys(notes))


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


def _keys(votes, with_context: bool = False) -> str:
    return ", ".join(_unique(f"{v.statement.key} ({v.statement.context})" if with_context else v.statement.key
                             for v in votes))


def _sides(votes, with_context: bool = False) -> str:
    """'sensitive per A, B vs resistant per C': who says what, in category order."""
    sides = []
    for c in CATEGORIES:
        if c == "conflicting":
            continue
        plain = [v for v in votes if v.category == c and not _does_not_support(v.statement)]
        weak = [v for v in votes if v.category == c and _does_not_support(v.statement)]
        if plain:
            sides.append(f"{c} per {_keys(plain, with_context)}")
        if weak:  # CIViC "does not support sensitivity": no sensitivity seen, not a resistance claim
            sides.append(f"no sensitivity seen per {_keys(weak, with_context)} (CIViC 'does not support')")
    mixed = [v for v in votes if v.category == "conflicting"]
    return " vs ".join(sides) + (f"; mixed per {_keys(mixed, with_context)}" if mixed else "")


def _measured(vote: Vote) -> str:
    s = vote.statement
    ic50 = f"{s.ic50_qualifier}{s.ic50_nM:g} nM, " if s.ic50_nM is not None else ""
    return f"{s.key} {ic50}{vote.grade.text} ({s.background}; {s.assay or 'assay not recorded'})"


def _decide(votes: list[Vote]) -> tuple[str, str]:
    """The category of the deciding statements and the note that explains it (RULES.md 3.5)."""
    stated = {v.category for v in votes}
    if not stated:
        return "unknown", "no direction stated"
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
        return category, (f"resistant per {_keys(stating)}; {softer}, but a measured band never softens a "
                          "resistance statement (RULES.md 3.5)")
    regraded = [v for v in graded if v.category != v.statement.category]
    if regraded:
        return category, "graded: " + "; ".join(_measured(v) for v in regraded)
    return category, ""


def _measurements(votes: tuple[Vote, ...], category: str) -> tuple[Measurement, ...]:
    """All IC50/fold measurements: NSCLC-context ones behind the call first, then Ba/F3 EML4-ALK."""
    def rank(v: Vote) -> tuple[int, int, int]:
        s = v.statement
        return (0 if s.in_nsclc_context else 1, 0 if v.category == category else 1,
                0 if "Ba/F3 EML4-ALK" in s.assay else 1)
    return tuple(Measurement.of(v) for v in sorted((v for v in votes if v.statement.has_measurement), key=rank))


def combine(statements: list[Statement] | tuple[Statement, ...],
            thresholds: tuple[Threshold, ...] = ()) -> InhibitorCall:
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
        notes.insert(0, "no NSCLC / EML4-ALK statement; the call rests on other contexts: "
                     + _sides(other, with_context=True))
    elif other:
        notes.append("other contexts, not voting: " + _sides(other, with_context=True))
    notes += _specific_notes(statements)
    measurements = _measurements(votes, category)
    first = measurements[0] if measurements else None
    return InhibitorCall(category, _ordered_kinds(statements), _unique(s.label for s in statements),
                         first.ic50_nM if first else None, first.fold_vs_wt if first else None,
                         " | ".join(n for n in notes if n), False, measurements, votes, context)


def is_activating(statements, thresholds: tuple[Threshold, ...] = ()) -> bool:
    """An activating variant, not a resistance mutation: no statement about NSCLC / EML4-ALK, and
    every statement that votes says `sensitive` in full-length ALK (e.g. R1275Q in neuroblastoma)."""
    if not statements or any(s.in_nsclc_context for s in statements):
        return False
    voting = [v for v in votes_for(statements, thresholds) if v.votes]
    return bool(voting) and all(v.category == "sensitive" and v.statement.background.startswith(FULL_LENGTH)
                                for v in voting)


# Why an untested compound is never called sensitive from its parts: compound mutations arise on
# lorlatinib with differential lorlatinib susceptibility [REC20], and G1202R tumours that responded to
# lorlatinib relapsed with compound mutations [PEL21] (shared/kb/guidance.md section 5).
COMPOUND_CAVEAT_SOURCES = ("REC20", "PEL21")


def least_favourable(component_calls: dict[str, InhibitorCall], same_allele_possible: bool = True) -> InhibitorCall:
    """RULES.md section 4: the compound's inferred call from its single-mutation calls.

    When the changes may sit on one allele (cis or phase unknown), a favourable result (sensitive or
    intermediate) is not carried over to the untested compound: the call is `unknown`. Changes known
    to be in trans are separate clones, so the least favourable single call stands.
    """
    if not component_calls:
        return InhibitorCall("unknown", note="no kinase-domain change", inferred=True)
    worst = min(component_calls.values(), key=lambda c: LEAST_FAVOURABLE.index(c.category)).category
    parts = "; ".join(f"{change} {call.category}" for change, call in component_calls.items())
    sources = _unique(s for call in component_calls.values() for s in call.sources)
    kinds = {k for call in component_calls.values() for k in call.evidence_kinds}
    note = f"inferred, least favourable single-mutation call ({parts}); no IC50 measured on the compound"
    if same_allele_possible and worst in ("sensitive", "intermediate"):
        worst = "unknown"
        sources = _unique(list(sources) + list(COMPOUND_CAVEAT_SOURCES))
        note = (f"inferred: each single change is sensitive or intermediate ({parts}), but the compound itself "
                "has no statement, and compound mutations can escape an inhibitor that covers each single "
                "change (REC20, PEL21): not called sensitive")
    return InhibitorCall(worst, tuple(k for k in EVIDENCE_KINDS if k in kinds), sources, None, None, note, True)


@dataclass(frozen=True)
class Resensitiser:
    """A change that, in a compound the knowledge base has statements about, turned a partner's
    resistance to an inhibitor into sensitivity (C1156Y+L1198F and crizotinib, EID843/844)."""
    change: str
    inhibitor: str
    compound: str
    partners: tuple[str, ...]
    sources: tuple[str, ...]


def resensitised(call: InhibitorCall, component_calls: dict[str, InhibitorCall],
                 known: tuple[Resensitiser, ...]) -> InhibitorCall:
    """RULES.md section 4: an untested compound whose resistance to an inhibitor comes from a partner
    of a documented re-sensitiser is `unknown`, not `resistant`, with a note naming the evidence."""
    if call.category != "resistant":
        return call
    resistant = [c for c, single in component_calls.items() if single.category == "resistant"]
    for r in known:
        if r.change in component_calls and r.change not in resistant:
            note = (f"not called resistant: {r.change} re-sensitised {'+'.join(r.partners)} to {r.inhibitor} in "
                    f"{r.compound} ({', '.join(r.sources)}); whether it does so with {', '.join(resistant)} is "
                    f"untested | {call.note}")
            return replace(call, category="unknown", note=note, sources=_unique(call.sources + r.sources))
    return call


# --------------------------------------------------------------------------------------------
# parsing alteration names
# --------------------------------------------------------------------------------------------
_SINGLE = re.compile(r"^(?P<aa1>[A-Z*])(?P<pos1>\d+)(?:(?P<sub>[A-Z*=])|(?:_(?P<aa2>[A-Z*])(?P<pos2>\d+))?"
                     r"(?P<op>del|dup|ins[A-Z]+|delins[A-Z]+)|(?P<fs>[A-Z]?fs\*?\d*\??))$")
_LITERATURE_INS = re.compile(r"^[A-Z]?(\d+)([A-Z]+)ins$")     # '1151Tins' as written in the literature
_FUSION = re.compile(r"^(?:(?P<partner>[A-Z0-9]+|v)\s*(?:::|-|/)\s*)?ALK(?:\s+fusion)?"
                     r"(?:\s+(?:variant\s*|v)(?P<variant>[0-9]+[a-z/']*))?$", re.I)


@lru_cache(maxsize=None)
def _protein() -> str:
    return read_fasta("transcript", "alk_protein.fa")


def _one_letter(text: str) -> str:
    return re.sub("|".join(_THREE_LETTER), lambda m: _THREE_LETTER[m.group()], text)


def _check_residue(aa: str, pos: int, text: str) -> None:
    protein = _protein()
    if not 1 <= pos <= len(protein):
        raise ValueError(f"{text!r}: ALK (NP_004295.2) has residues 1-{len(protein)}, not {pos}")
    if aa != "*" and protein[pos - 1] != aa:
        raise ValueError(f"{text!r}: residue {pos} of ALK (NP_004295.2) is {protein[pos - 1]}, not {aa}")


def normalise_change(text: str) -> str:
    """A protein change in alkannot's one-letter form: 'p.Gly1202Arg' -> 'G1202R';
    an insertion that repeats the residues before it -> dup ('T1151_L1152insT' -> 'T1151dup')."""
    raw = text.strip()
    change = raw[2:] if raw.startswith("p.") else raw
    change = change.strip("()")
    change = _one_letter(change)
    literature = _LITERATURE_INS.match(change)
    if literature:
        pos, inserted = int(literature.group(1)), literature.group(2)
        change = f"{_protein()[pos - 1]}{pos}_{_protein()[pos]}{pos + 1}ins{inserted}"
    m = _SINGLE.match(change)
    if not m:
        raise ValueError(f"{raw!r} is not a protein change such as G1202R, p.Gly1202Arg, T1151dup or G1202del")
    _check_residue(m.group("aa1"), int(m.group("pos1")), raw)
    if m.group("aa2"):
        _check_residue(m.group("aa2"), int(m.group("pos2")), raw)
    op = m.group("op") or ""
    if op.startswith("ins") and m.group("aa2"):
        inserted, end = op[3:], int(m.group("pos1"))
        before = _protein()[end - len(inserted):end]
        if before == inserted:    # HGVS: an insertion equal to the preceding residues is a dup
            start = end - len(inserted) + 1
            first = f"{_protein()[start - 1]}{start}"
            return f"{first}dup" if start == end else f"{first}_{_protein()[end - 1]}{end}dup"
    return change


def change_position(change: str) -> int:
    return int(re.search(r"\d+", change).group())


def canonical_compound(changes) -> str:
    return "+".join(sorted(changes, key=change_position))


def parse_alteration(text: str) -> ParsedAlteration:
    """'G1202R', 'p.Gly1202Arg', 'G1202R+L1196M', 'G1202R/L1196M', 'EML4::ALK v3', 'EML4-ALK',
    'amplification'. Raises ValueError with the reason."""
    raw = " ".join(str(text).split())
    if not raw:
        raise ValueError("empty alteration")
    if re.fullmatch(r"(?:ALK\s+)?(?:amplification|amp|copy[- ]number gain)", raw, re.I):
        return ParsedAlteration("amplification", "amplification")
    fusion = _FUSION.match(raw)
    if fusion and ("ALK" in raw.upper()) and (fusion.group("partner") or re.search(r"fusion", raw, re.I)):
        partner = (fusion.group("partner") or "UNKNOWN").upper()
        partner = "UNKNOWN" if partner == "V" else partner
        variant = _variant_name(fusion.group("variant")) if fusion.group("variant") else None
        if variant and partner != "EML4":
            raise ValueError(f"{raw!r}: numbered variants (v1, v2, v3a/b...) are EML4-ALK variants")
        name = f"{partner}::ALK" + (f" {variant}" if variant else "")
        return ParsedAlteration("fusion", name, partner=partner, variant=variant)
    parts = [p for p in re.split(r"\s*[+/,]\s*|\s+and\s+", raw) if p]
    changes = [normalise_change(p) for p in parts]
    if len(set(changes)) != len(changes):
        raise ValueError(f"{raw!r} names the same change twice")
    if len(changes) == 1:
        return ParsedAlteration("mutation", changes[0], tuple(changes))
    ordered = tuple(sorted(changes, key=change_position))
    return ParsedAlteration("compound", "+".join(ordered), ordered)


def _variant_name(text: str) -> str:
    """'3', '3a', '3b', '3a/b' -> 'v3a/b' as alkannot names EML4-ALK variants (fusion.py)."""
    text = text.lower().lstrip("v")
    m = re.fullmatch(r"(\d+)([ab]|a/b)?('?)", text)
    if not m:
        raise ValueError(f"unknown EML4-ALK variant {text!r}")
    number = m.group(1)
    split = {"3", "5", "8"}       # variants with a/b isoforms a DNA breakpoint cannot tell apart
    return f"v{number}a/b{m.group(3)}" if number in split and m.group(3) == "" else f"v{number}{m.group(3)}"


# --------------------------------------------------------------------------------------------
# the knowledge base
# --------------------------------------------------------------------------------------------
def _float(text: str) -> float | None:
    return float(text) if text not in ("", None) else None


def _fold(text: str) -> tuple[float | None, str]:
    """'6' -> (6.0, ''); '~50' -> (50.0, '~')."""
    if not text:
        return None, ""
    return float(text.lstrip("~")), ("~" if text.startswith("~") else "")


def _split(text: str) -> tuple[str, ...]:
    return tuple(t for t in (text or "").split(";") if t)


def _name_key(name: str) -> str:
    """How inhibitor names are compared: case, hyphens, spaces and other punctuation ignored."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def statement_from_row(row: dict[str, str]) -> Statement:
    """A calls.tsv row (already checked by kbfiles.py) as a Statement."""
    fold, fold_qualifier = _fold(row["fold_vs_wt"])
    return Statement(row["alteration"], row["inhibitor"], row["category"], row["evidence_kind"],
                     _split(row["sources"]), _split(row["pmids"]), row["civic_eid"], row["evidence_level"],
                     row["disease"], row["background"], row["assay"], row["measure"], _float(row["ic50_nM"]),
                     row["ic50_qualifier"], _float(row["wt_ic50_nM"]), fold, fold_qualifier, row["fold_basis"],
                     row["note"])


@dataclass
class KnowledgeBase:
    version: str
    date: str
    sha256: str
    statements: tuple[Statement, ...]
    inhibitor_rows: tuple[dict[str, str], ...]
    source_rows: tuple[dict[str, str], ...]
    kinase_domain: tuple[int, int] = (1116, 1383)
    notes: tuple[Note, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    origin: str = "bundled"           # 'bundled', or the --kb directory it was read from
    _by_alteration: dict[str, list[Statement]] = field(default_factory=dict, repr=False)
    _activating: frozenset[str] | None = field(default=None, repr=False)
    _resensitisers: dict[str, tuple[Resensitiser, ...]] | None = field(default=None, repr=False)
    _name_index: dict[str, str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for s in self.statements:
            self._by_alteration.setdefault(s.alteration, []).append(s)

    # -- header ---------------------------------------------------------------------------
    def header_line(self) -> str:
        return f"##alkannotKnowledgeBase=<Version={self.version},Date={self.date},SHA256={self.sha256}>"

    # -- listing ---------------------------------------------------------------------------
    def alterations(self) -> tuple[str, ...]:
        return tuple(self._by_alteration)

    def statements_for(self, alteration: str) -> tuple[Statement, ...]:
        return tuple(self._by_alteration.get(alteration, ()))

    def notes_for(self, alteration: str) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.alteration == alteration)

    def combine(self, statements) -> InhibitorCall:
        """`combine` with this knowledge base's threshold rule."""
        return combine(statements, self.thresholds)

    def inhibitors(self) -> tuple[InhibitorInfo, ...]:
        return tuple(self.inhibitor(r["inhibitor"]) for r in self.inhibitor_rows)

    def inhibitor(self, name: str) -> InhibitorInfo:
        """An inhibitor by its generic name, brand name or development code, case-insensitively."""
        inhibitor = self.inhibitor_for_name(name)
        if inhibitor is None:
            raise KeyError(f"no inhibitor {name!r} in the knowledge base")
        row = next(r for r in self.inhibitor_rows if r["inhibitor"] == inhibitor)
        approvals = {region: row[f"approval_{region}"] for region in ("us", "eu", "jp", "ca")}
        approval_sources = _unique(k for region in ("us", "eu", "jp", "ca")
                                   for k in _split(row[f"approval_{region}_sources"]))
        return InhibitorInfo(row["inhibitor"], row["agent"], _split(row["names"]), row["agent_class"],
                             row["generation"], _split(row["generation_sources"]), approvals, approval_sources,
                             row["abcb1_transport"], _split(row["abcb1_transport_sources"]),
                             row["abcb1_transport_note"], row["pgp_confers_resistance"],
                             _split(row["pgp_confers_resistance_sources"]), row["pgp_confers_resistance_note"],
                             row["cns_activity"], _split(row["cns_sources"]), row["notes"])

    def inhibitor_for_name(self, name: str) -> str | None:
        """The knowledge base's inhibitor for a generic name, brand name or development code (any case,
        with or without hyphens and spaces: 'Xalkori', 'PF-02341066', 'pf02341066'), else None."""
        return self._names().get(_name_key(name))

    def _names(self) -> dict[str, str]:
        if self._name_index is None:
            index: dict[str, str] = {}
            for row in self.inhibitor_rows:
                for alias in (row["inhibitor"], row["agent"], *_split(row["names"])):
                    index.setdefault(_name_key(alias), row["inhibitor"])
            self._name_index = index
        return self._name_index

    def sources(self) -> tuple[Source, ...]:
        return tuple(Source(r["key"], r["pmid"], r["doi"], r["citation"], r["pmc"]) for r in self.source_rows)

    def source(self, key: str) -> Source:
        for s in self.sources():
            if s.key == key:
                return s
        raise KeyError(f"no source {key!r} in the knowledge base")

    # -- calls -----------------------------------------------------------------------------
    def residues(self) -> frozenset[int]:
        """Residues with a resistance change in the knowledge base (single or within a compound);
        a residue that only an activating variant names is not one."""
        return frozenset(change_position(c) for alteration in self._by_alteration
                         if re.match(r"^[A-Z]\d", alteration) and alteration not in self.activating()
                         for c in alteration.split("+"))

    def activating(self) -> frozenset[str]:
        """Alterations whose statements make them activating variants, not resistance mutations."""
        if self._activating is None:
            self._activating = frozenset(a for a, statements in self._by_alteration.items()
                                         if is_activating(statements, self.thresholds))
        return self._activating

    def resensitisers(self, inhibitor: str) -> tuple[Resensitiser, ...]:
        """Changes that re-sensitised a resistant partner to `inhibitor` in a compound entry."""
        if self._resensitisers is None:
            found: dict[str, list[Resensitiser]] = {}
            for name in (a for a in self._by_alteration if "+" in a):
                parts = name.split("+")
                for i in INHIBITORS:
                    entry = self.combine([s for s in self._by_alteration[name] if s.inhibitor == i])
                    if entry.category != "sensitive":
                        continue
                    singles = {c: self.combine([s for s in self.statements_for(c) if s.inhibitor == i]).category
                               for c in parts}
                    resistant = tuple(c for c in parts if singles[c] == "resistant")
                    found.setdefault(i, []).extend(
                        Resensitiser(c, i, name, resistant, _unique(x for s in self._by_alteration[name]
                                                                     if s.inhibitor == i for x in s.evidence_ids))
                        for c in parts if resistant and c not in resistant)
            self._resensitisers = {i: tuple(r) for i, r in found.items()}
        return self._resensitisers.get(inhibitor, ())

    def _investigational_note(self, name: str, call: InhibitorCall) -> InhibitorCall:
        """An unknown call on an investigational agent says so (guidance.md section 5)."""
        if call.category != "unknown":
            return call
        info = self.inhibitor(name)
        if "investigational" not in info.agent_class:
            return call
        note = f"investigational ({info.agent_class}); no mutation-level data in the knowledge base"
        return replace(call, note=" | ".join(n for n in (note, call.note) if n))

    def _known(self, alteration: str, resistance: str = "known", **extra) -> AlterationCall:
        statements = self.statements_for(alteration)
        calls = {name: self._investigational_note(name, self.combine([s for s in statements if s.inhibitor == name]))
                 for name in INHIBITORS}
        evidence = _unique(i for s in statements for i in s.evidence_ids)
        if resistance == "known" and alteration in self.activating():
            resistance = "activating"
        return AlterationCall(alteration, resistance, calls, evidence, notes=self.notes_for(alteration), **extra)

    def _nothing(self, alteration: str, resistance: str, note: str, **extra) -> AlterationCall:
        calls = {name: self._investigational_note(name, InhibitorCall("unknown", note=note)) for name in INHIBITORS}
        return AlterationCall(alteration, resistance, calls, (), notes=self.notes_for(alteration), **extra)

    def call_variant(self, protein_change: str | None, aa_position: int | None,
                     in_kinase_domain: bool) -> AlterationCall:
        """The call for one protein change as alkannot's consequence module writes it."""
        if not protein_change:
            return self._nothing(".", "none", "no protein change")
        try:
            change = normalise_change(protein_change)
        except ValueError:
            change = protein_change
        if change in self._by_alteration:
            return self._known(change)
        if change.endswith("=") or change in ("?", "M1?"):
            return self._nothing(change, "none", "no change to the protein")
        position = aa_position
        if position is None and re.search(r"\d+", change):
            position = change_position(change)
        truncating = change.endswith("*") or "fs" in change   # not a resistance candidate at the residue
        if position is not None and position in self.residues() and not truncating:
            return self._nothing(change, "residue", f"not in the knowledge base; residue {position} carries a "
                                 "known resistance change, but calls are never carried over to another change")
        if in_kinase_domain:
            return self._nothing(change, "kinase_domain_vus", "kinase-domain change not in the knowledge base")
        return self._nothing(change, "none", "outside the kinase domain")

    def call_compound(self, changes: list[str], phase: str | None = None) -> AlterationCall:
        """Two or more changes in one tumour. The compound entry when there is one (and the changes
        are not known to be in trans); otherwise the least favourable single call per inhibitor."""
        lo, hi = self.kinase_domain
        normalised = []
        for change in changes:
            try:
                change = normalise_change(change)
            except ValueError:
                continue
            if not change.endswith("=") and lo <= change_position(change) <= hi and change not in normalised:
                normalised.append(change)
        if len(normalised) < 2:
            if normalised:
                single = self.call_variant(normalised[0], None, True)
                return AlterationCall(single.alteration, single.resistance, single.calls, single.evidence,
                                      None, phase)
            return self._nothing("+".join(changes) or ".", "none", "no kinase-domain change", phase=phase)
        name = canonical_compound(normalised)
        trans = (phase or "").lower().startswith("trans")
        singles = {c: self.call_variant(c, None, True) for c in sorted(normalised, key=change_position)}
        if name in self._by_alteration and not trans:
            known = self._known(name, compound_rule="knowledge_base", phase=phase)
            # an inhibitor the compound entry says nothing about falls back to the inferred rule
            calls = {inhibitor: (self._inferred(inhibitor, singles) if not call.sources else call)
                     for inhibitor, call in known.calls.items()}
            calls = {i: self._investigational_note(i, c) for i, c in calls.items()}
            return replace(known, calls=calls)
        calls = {}
        for inhibitor in INHIBITORS:
            parts = {c: call.calls[inhibitor] for c, call in singles.items()}
            inferred = least_favourable(parts, same_allele_possible=not trans)
            if not trans:   # separate clones keep their own resistance
                inferred = resensitised(inferred, parts, self.resensitisers(inhibitor))
            calls[inhibitor] = self._investigational_note(inhibitor, inferred)
        classes = [call.resistance for call in singles.values()]
        resistance = next(c for c in RESISTANCE_CLASSES if c in classes)
        evidence = _unique(i for call in singles.values() for i in call.evidence)
        rule = "trans_least_favourable" if trans else "inferred_least_favourable"
        return AlterationCall(name, resistance, calls, evidence, rule, phase, self.notes_for(name))

    def _inferred(self, inhibitor: str, singles: dict[str, AlterationCall]) -> InhibitorCall:
        parts = {c: call.calls[inhibitor] for c, call in singles.items()}
        return resensitised(least_favourable(parts), parts, self.resensitisers(inhibitor))

    def call_fusion(self, partner: str = "EML4", variant: str | None = None) -> AlterationCall:
        """An ALK fusion with no kinase-domain mutation: the statements about ALK-positive NSCLC in
        general, plus those about the named EML4-ALK variant where the knowledge base has any."""
        partner = (partner or "UNKNOWN").upper()
        name = f"{partner}::ALK"
        statements = list(self.statements_for(FUSION))
        specific: tuple[Statement, ...] = ()
        if variant and variant not in (".", ""):
            variant = _variant_name(variant) if re.fullmatch(r"v?\d+[a-z/']*", variant, re.I) else variant
            name += f" {variant}"
            if partner == "EML4":
                specific = tuple(self.statements_for(f"EML4::ALK {variant}"))
                statements += specific
        calls = {i: self.combine([s for s in statements if s.inhibitor == i]) for i in INHIBITORS}
        if variant and variant not in (".", ""):
            for inhibitor, call in calls.items():
                own = _unique(s.key for s in specific if s.inhibitor == inhibitor)
                scope = (f"about {variant} itself: {', '.join(own)}; the other sources are about ALK-positive "
                         "NSCLC in general" if own else
                         f"no source about {variant} itself; the sources are about ALK-positive NSCLC in general")
                if call.sources:
                    calls[inhibitor] = replace(call, note=" | ".join(n for n in (scope, call.note) if n))
        evidence = _unique(x for s in statements for x in s.evidence_ids)
        return AlterationCall(name, "none", calls, evidence)

    def call(self, parsed: ParsedAlteration) -> AlterationCall:
        if parsed.kind == "fusion":
            return self.call_fusion(parsed.partner or "UNKNOWN", parsed.variant)
        if parsed.kind == "amplification":
            return self._known("amplification") if "amplification" in self._by_alteration else \
                self._nothing("amplification", "none", "no statement in the knowledge base")
        if parsed.kind == "compound":
            return self.call_compound(list(parsed.changes))
        change = parsed.changes[0]
        lo, hi = self.kinase_domain
        return self.call_variant(change, change_position(change), lo <= change_position(change) <= hi)


def load_knowledge_base(directory: str | None = None) -> KnowledgeBase:
    """The bundled knowledge base, or the one in `directory` (a `kb export --format tsv` layout),
    read and validated once; a bad directory raises InputError naming the file and line."""
    from .kbfiles import read_knowledge_base
    return read_knowledge_base(directory)
