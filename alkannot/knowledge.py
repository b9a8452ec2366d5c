"""The ALK resistance knowledge base and the rule that turns its source statements into one call.

The knowledge lives in resources/kb/ (calls.tsv: one row per alteration x inhibitor x source
statement; inhibitors.tsv; sources.tsv; VERSION; RULES.md states the rule implemented by
`combine`). This module reads those files once and answers, per alteration, one call per
inhibitor with the statements behind it. The rule never extrapolates: another change at a known
residue, an unlisted kinase-domain change, or an alteration without statements is `unknown`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .bundle import read_fasta, read_tsv, resource_path

INHIBITORS = ("crizotinib", "ceritinib", "alectinib", "brigatinib", "ensartinib", "lorlatinib",
              "neladalkib", "gilteritinib", "tpx0131")
CATEGORIES = ("sensitive", "intermediate", "resistant", "conflicting", "unknown")
# strongest design first; the order is only for display, never for outranking (RULES.md)
EVIDENCE_KINDS = ("clinical_trial", "clinical", "retrospective_clinical", "case_report", "preclinical",
                  "inferential", "review")
RESISTANCE_CLASSES = ("known", "residue", "kinase_domain_vus", "none")
KB_FILES = ("calls.tsv", "inhibitors.tsv", "sources.tsv", "VERSION", "RULES.md", "PROVENANCE.md")
FUSION = "ALK fusion"
# compound rule: a component's call -> how unfavourable it is (RULES.md section 4)
LEAST_FAVOURABLE = ("resistant", "unknown", "conflicting", "intermediate", "sensitive")
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
    """One source's statement about one alteration and one inhibitor (a row of calls.tsv)."""
    alteration: str
    inhibitor: str
    category: str
    evidence_kind: str
    sources: tuple[str, ...]
    pmids: tuple[str, ...] = ()
    civic_eid: str = ""
    evidence_level: str = ""
    context: str = ""
    measure: str = ""
    ic50_nM: float | None = None
    ic50_qualifier: str = ""
    fold_vs_wt: float | str | None = None
    wt_ic50_nM: float | None = None
    assay: str = ""
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


@dataclass(frozen=True)
class Measurement:
    ic50_nM: float | None
    qualifier: str
    fold_vs_wt: float | str | None
    wt_ic50_nM: float | None
    measure: str
    assay: str
    source: str


@dataclass(frozen=True)
class InhibitorCall:
    category: str
    evidence_kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    ic50_nM: float | None = None
    fold_vs_wt: float | str | None = None
    note: str = ""
    inferred: bool = False
    measurements: tuple[Measurement, ...] = ()


@dataclass(frozen=True)
class AlterationCall:
    alteration: str
    resistance: str
    calls: dict[str, InhibitorCall]
    evidence: tuple[str, ...] = ()
    compound_rule: str | None = None
    phase: str | None = None


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
    codes: str
    agent_class: str
    generation: str
    generation_sources: tuple[str, ...]
    approvals: dict[str, str]
    approval_sources: tuple[str, ...]
    pgp_substrate: str
    pgp_effect: str
    pgp_sources: tuple[str, ...]
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
        context = s.context.split(";")[0]
        if context and not re.search(r"lung|NSCLC|not recorded|^cancer$", context, re.I):
            parts.insert(0, context)
        if parts:
            notes.append(f"{s.key}: {', '.join(parts)}")
    return list(dict.fromkeys(notes))


def _measurements(statements, category: str) -> tuple[Measurement, ...]:
    """All IC50/fold measurements; those behind the call and in Ba/F3 EML4-ALK come first."""
    def rank(s: Statement) -> tuple[int, int]:
        return (0 if s.category == category else 1, 0 if "Ba/F3 EML4-ALK" in s.assay else 1)
    return tuple(Measurement(s.ic50_nM, s.ic50_qualifier, s.fold_vs_wt, s.wt_ic50_nM, s.measure, s.assay, s.label)
                 for s in sorted((s for s in statements if s.has_measurement), key=rank))


def _does_not_support(statement: Statement) -> bool:
    return "does not support sensitivity" in statement.note


def combine(statements: list[Statement] | tuple[Statement, ...]) -> InhibitorCall:
    """One inhibitor's call on one alteration from all source statements about that pair.

    Statements whose category is `unknown` (no direction stated) do not vote. If every voting
    statement states the same category, that is the call; if they differ, the call is
    `conflicting` and the note names who said what. Evidence kind, date and IC50 never outrank.
    """
    statements = tuple(statements)
    if not statements:
        return InhibitorCall("unknown", note="no statement in the knowledge base")
    voting = [s for s in statements if s.category != "unknown"]
    stated = _unique(s.category for s in voting)
    category = stated[0] if len(stated) == 1 else ("conflicting" if stated else "unknown")
    notes = []
    if len(stated) > 1:
        sides = []
        for c in CATEGORIES:
            if c not in stated or c == "conflicting":
                continue
            plain = _unique(s.key for s in voting if s.category == c and not _does_not_support(s))
            weak = _unique(s.key for s in voting if s.category == c and _does_not_support(s))
            if plain:
                sides.append(f"{c} per {', '.join(plain)}")
            if weak:  # CIViC "does not support sensitivity": no sensitivity seen, not a resistance claim
                sides.append(f"no sensitivity seen per {', '.join(weak)} (CIViC 'does not support')")
        mixed = _unique(s.key for s in voting if s.category == "conflicting")
        notes.append("conflicting: " + " vs ".join(sides) + (f"; mixed per {', '.join(mixed)}" if mixed else ""))
    elif not stated:
        notes.append("no direction stated")
    notes += _specific_notes(statements)
    measurements = _measurements(voting or statements, category)
    first = measurements[0] if measurements else None
    return InhibitorCall(category, _ordered_kinds(statements), _unique(s.label for s in statements),
                         first.ic50_nM if first else None, first.fold_vs_wt if first else None,
                         " | ".join(notes), False, measurements)


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


def _fold(text: str) -> float | str | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text


def _split(text: str) -> tuple[str, ...]:
    return tuple(t for t in (text or "").split(";") if t)


def statement_from_row(row: dict[str, str]) -> Statement:
    return Statement(row["alteration"], row["inhibitor"], row["category"], row["evidence_kind"],
                     _split(row["sources"]), _split(row["pmids"]), row["civic_eid"], row["evidence_level"],
                     row["context"], row["measure"], _float(row["ic50_nM"]), row["ic50_qualifier"],
                     _fold(row["fold_vs_wt"]), _float(row["wt_ic50_nM"]), row["assay"], row["note"])


@dataclass
class KnowledgeBase:
    version: str
    date: str
    sha256: str
    statements: tuple[Statement, ...]
    inhibitor_rows: tuple[dict[str, str], ...]
    source_rows: tuple[dict[str, str], ...]
    kinase_domain: tuple[int, int] = (1116, 1383)
    _by_alteration: dict[str, list[Statement]] = field(default_factory=dict, repr=False)
    # memos: the knowledge base never changes once loaded, and every ALK allele asks again
    _inhibitor_memo: dict[str, "InhibitorInfo"] = field(default_factory=dict, repr=False, compare=False)
    _call_memo: dict[tuple, "AlterationCall"] = field(default_factory=dict, repr=False, compare=False)

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

    def inhibitors(self) -> tuple[InhibitorInfo, ...]:
        return tuple(self.inhibitor(r["inhibitor"]) for r in self.inhibitor_rows)

    def inhibitor(self, name: str) -> InhibitorInfo:
        found = self._inhibitor_memo.get(name)
        if found is None:
            found = self._inhibitor_memo[name] = self._inhibitor(name)
        return found

    def _inhibitor(self, name: str) -> InhibitorInfo:
        key = name.lower().replace("-", "")
        row = next((r for r in self.inhibitor_rows if key in (r["inhibitor"], r["agent"].lower().replace("-", ""))
                    or key in [c.strip().lower().replace("-", "") for c in r["codes"].split(";")]), None)
        if row is None:
            raise KeyError(f"no inhibitor {name!r} in the knowledge base")
        approvals = {region: row[f"approval_{region}"] for region in ("us", "eu", "jp", "ca")}
        approval_sources = _unique(k for region in ("us", "eu", "jp", "ca")
                                   for k in _split(row[f"approval_{region}_sources"]))
        return InhibitorInfo(row["inhibitor"], row["agent"], row["codes"], row["agent_class"], row["generation"],
                             _split(row["generation_sources"]), approvals, approval_sources, row["pgp_substrate"],
                             row["pgp_effect"], _split(row["pgp_sources"]), row["cns_activity"],
                             _split(row["cns_sources"]), row["notes"])

    def sources(self) -> tuple[Source, ...]:
        return tuple(Source(r["key"], r["pmid"], r["doi"], r["citation"], r["pmc"]) for r in self.source_rows)

    def source(self, key: str) -> Source:
        for s in self.sources():
            if s.key == key:
                return s
        raise KeyError(f"no source {key!r} in the knowledge base")

    # -- calls -----------------------------------------------------------------------------
    def residues(self) -> frozenset[int]:
        """Residues with a change in the knowledge base (single or within a compound)."""
        return frozenset(change_position(c) for alteration in self._by_alteration
                         if re.match(r"^[A-Z]\d", alteration) for c in alteration.split("+"))

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
        calls = {name: self._investigational_note(name, combine([s for s in statements if s.inhibitor == name]))
                 for name in INHIBITORS}
        evidence = _unique(i for s in statements for i in s.evidence_ids)
        return AlterationCall(alteration, resistance, calls, evidence, **extra)

    def _nothing(self, alteration: str, resistance: str, note: str, **extra) -> AlterationCall:
        calls = {name: self._investigational_note(name, InhibitorCall("unknown", note=note)) for name in INHIBITORS}
        return AlterationCall(alteration, resistance, calls, (), **extra)

    def call_variant(self, protein_change: str | None, aa_position: int | None,
                     in_kinase_domain: bool) -> AlterationCall:
        """The call for one protein change as alkannot's consequence module writes it."""
        key = (protein_change, aa_position, in_kinase_domain)
        found = self._call_memo.get(key)
        if found is None:
            found = self._call_memo[key] = self._call_variant(protein_change, aa_position, in_kinase_domain)
        return found

    def _call_variant(self, protein_change: str | None, aa_position: int | None,
                      in_kinase_domain: bool) -> AlterationCall:
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
            calls = {inhibitor: (least_favourable({c: call.calls[inhibitor] for c, call in singles.items()})
                                 if not call.sources else call)
                     for inhibitor, call in known.calls.items()}
            calls = {i: self._investigational_note(i, c) for i, c in calls.items()}
            return replace(known, calls=calls)
        calls = {inhibitor: self._investigational_note(inhibitor, least_favourable(
                     {c: call.calls[inhibitor] for c, call in singles.items()}, same_allele_possible=not trans))
                 for inhibitor in INHIBITORS}
        classes = [call.resistance for call in singles.values()]
        resistance = next(c for c in RESISTANCE_CLASSES if c in classes)
        evidence = _unique(i for call in singles.values() for i in call.evidence)
        rule = "trans_least_favourable" if trans else "inferred_least_favourable"
        return AlterationCall(name, resistance, calls, evidence, rule, phase)

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
        calls = {i: combine([s for s in statements if s.inhibitor == i]) for i in INHIBITORS}
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


def kb_sha256() -> str:
    """SHA-256 over the bundled kb files in KB_FILES order (name, NUL, bytes, NUL for each)."""
    digest = hashlib.sha256()
    for name in KB_FILES:
        digest.update(name.encode() + b"\0" + resource_path("kb", name).read_bytes() + b"\0")
    return digest.hexdigest()


def _read_version() -> dict[str, str]:
    text = resource_path("kb", "VERSION").read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)


def _kinase_domain() -> tuple[int, int]:
    for row in read_tsv("transcript", "regions.tsv"):
        if row["region"] == "kinase_domain":
            return int(row["aa_start"]), int(row["aa_end"])
    raise LookupError("kinase_domain missing from regions.tsv")


@lru_cache(maxsize=1)
def load_knowledge_base() -> KnowledgeBase:
    version = _read_version()
    statements = tuple(statement_from_row(r) for r in read_tsv("kb", "calls.tsv"))
    return KnowledgeBase(version["version"], version["date"], kb_sha256(), statements,
                         tuple(read_tsv("kb", "inhibitors.tsv")), tuple(read_tsv("kb", "sources.tsv")),
                         _kinase_domain())
