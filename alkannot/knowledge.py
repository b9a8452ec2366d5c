"""The ALK resistance knowledge base: one call per inhibitor for an alteration, with the statements behind it.

The knowledge lives in a knowledge-base directory (the bundled resources/kb/, or a lab's own via
`--kb DIR`; kbfiles.py reads and validates it): calls.tsv, one row per alteration x inhibitor x
source statement with its disease, fusion background and measurement; thresholds.tsv, the sourced
rule that grades a measured shift; notes.tsv; inhibitors.tsv; sources.tsv; VERSION. RULES.md states
the rule (evidence.py implements it). The rule never extrapolates: another change at a known residue, an
unlisted kinase-domain change, or an alteration without statements is `unknown`.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any, Callable, Iterator, TypeVar

from .agent_said import statuses
from .agent_status import agent_status, with_agent_status
from .alterations import (
    ParsedAlteration,
    canonical_compound,
    change_position,
    normalise_change,
    truncating_change,
    variant_name,
)
from .compound_rule import Resensitiser, alone_beside_larger, entry_or_parts, least_favourable, resensitised
from .evidence import (
    NO_STATEMENT,
    RESISTANCE_CLASSES,
    AlterationCall,
    InhibitorCall,
    InhibitorInfo,
    Note,
    Source,
    Statement,
    combine,
    is_activating,
    unique,
)
from .readings import EXPLAINING, GROUP_STATEMENT
from .records import field, record, replace
from .thresholds import Threshold

_T = TypeVar("_T")

KB_FILES = (
    "calls.tsv",
    "notes.tsv",
    "thresholds.tsv",
    "inhibitors.tsv",
    "sources.tsv",
    "VERSION",
    "RULES.md",
    "PROVENANCE.md",
)
FUSION = "ALK fusion"
# a stop-gained or frameshift change in the kinase domain (RULES.md section 5)
TRUNCATING_NOTE = "truncating: not a resistance candidate; it is not expected to make a drug-resistant active kinase"


_NO_DATA = "no mutation-level data for this alteration in the knowledge base"


def residue_first(alteration: str) -> bool:
    """Whether the alteration starts with a residue and its number ('G1202R', 'C1156Y+L1198F'), not a fusion or an
    amplification: as the pattern ^[A-Z]\\d matches it (an ASCII capital, then a decimal digit), without one."""
    return "A" <= alteration[:1] <= "Z" and alteration[1:2].isdecimal()


@record
class KnowledgeBase:
    """The loaded knowledge base: statements, inhibitors, sources, notes and thresholds, with lookups."""

    version: str
    date: str
    sha256: str
    statements: tuple[Statement, ...]
    inhibitor_rows: tuple[dict[str, str], ...]
    source_rows: tuple[dict[str, str], ...]
    kinase_domain: tuple[int, int]  # transcript.kinase_domain(), passed in by the loader
    notes: tuple[Note, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    origin: str = "bundled"  # 'bundled', or the --kb directory it was read from
    _by_alteration: dict[str, list[Statement]] = field(default_factory=dict, repr=False)
    _activating: frozenset[str] | None = field(default=None, repr=False)
    _resensitisers: dict[str, tuple[Resensitiser, ...]] | None = field(default=None, repr=False)
    _name_index: dict[str, str] | None = field(default=None, repr=False)
    _agents: dict[str, str] | None = field(default=None, repr=False, compare=False)
    # memos: the knowledge base never changes once loaded, and every ALK allele asks again
    _inhibitor_memo: dict[str, "InhibitorInfo"] = field(default_factory=dict, repr=False, compare=False)
    _call_memo: dict[tuple, "AlterationCall"] = field(default_factory=dict, repr=False, compare=False)
    _compound_memo: dict[tuple, "AlterationCall"] = field(default_factory=dict, repr=False, compare=False)
    _derived_memo: dict[tuple, Any] = field(default_factory=dict, repr=False, compare=False)
    _source_memo: dict[str, Source] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for s in self.statements:
            self._by_alteration.setdefault(s.alteration, []).append(s)

    @property
    def inhibitor_names(self) -> tuple[str, ...]:
        """The inhibitors, in the order of the inhibitor table (resources/kb/inhibitors.tsv): the one place the
        list is written; INFO keys, report columns and lookups all follow it."""
        return tuple(r["inhibitor"] for r in self.inhibitor_rows)

    @property
    def agents(self) -> dict[str, str]:
        """Each inhibitor's name as the sources write it ('tpx0131' -> 'TPX-0131', the table's `agent` column), in
        the inhibitor table's order: for INFO key descriptions, `kb export` and the JSON's column headings. Built once
        per knowledge base, on first use; not to be changed by the caller."""
        if self._agents is None:
            self._agents = {r["inhibitor"]: r["agent"] for r in self.inhibitor_rows}
        return self._agents

    def precompute(self) -> None:
        """Make the lookups that depend on the knowledge base alone: every inhibitor's InhibitorInfo (with its
        approvals' citations and the sources they name, and its statuses: agent_said.py), the name index, the
        activating variants, the re-sensitisers and the agents' names. kb_cache keeps them in its pickle, so that a
        run loads them instead of making them again (about 10 M instructions of the 4-record example, issue 13)."""
        for name in self.inhibitor_names:
            statuses(self.inhibitor(name))
        self.activating()
        self.resensitisers("")  # made for every inhibitor at once
        self._agents = self.agents

    # -- header ---------------------------------------------------------------------------
    def header_line(self) -> str:
        """The knowledge base's provenance line, CONTRACT.md's `<Version=...,Date=...,SHA256=...>` with an ID last
        (the checksum's first 12 digits, as `lookup` shows it): it keeps the line through `bcftools merge`, which
        drops a structured line without one, and the lines of two knowledge bases apart where files annotated with
        each are merged (review of stop 33, left item)."""
        return (
            f"##alkannotKnowledgeBase=<Version={self.version},Date={self.date},SHA256={self.sha256},"
            f"ID={self.sha256[:12]}>"
        )

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
        found = self._inhibitor_memo.get(name)
        if found is None:
            found = self._inhibitor_memo[name] = self._inhibitor(name)
        return found

    def _inhibitor(self, name: str) -> InhibitorInfo:
        inhibitor = self.inhibitor_for_name(name)
        if inhibitor is None:
            raise KeyError(f"no inhibitor {name!r} in the knowledge base")
        from .kb_rows import inhibitor_info  # the cache keeps what a run asks (issue 13)

        return inhibitor_info(next(r for r in self.inhibitor_rows if r["inhibitor"] == inhibitor), self.cite)

    def inhibitor_for_name(self, name: str) -> str | None:
        """The knowledge base's inhibitor for a generic name, brand name or development code (any case,
        with or without hyphens and spaces: 'Xalkori', 'PF-02341066', 'pf02341066'), else None."""
        from .kb_rows import name_key

        return self._names().get(name_key(name))

    def _names(self) -> dict[str, str]:
        if self._name_index is None:
            from .kb_rows import name_index

            self._name_index = name_index(self.inhibitor_rows)
        return self._name_index

    def sources(self) -> tuple[Source, ...]:
        """Every source row as a Source, made once (the P-gp note asks for each sample: issue 13)."""
        return self.derived(
            ("sources",),
            lambda: tuple(Source(r["key"], r["pmid"], r["doi"], r["citation"], r["pmc"]) for r in self.source_rows),
        )

    def source(self, key: str) -> Source:
        if not self._source_memo:
            self._source_memo.update((s.key, s) for s in self.sources())
        found = self._source_memo.get(key)
        if found is None:
            raise KeyError(f"no source {key!r} in the knowledge base")
        return found

    def derived(self, key: tuple, compute: Callable[[], _T]) -> _T:
        """A value that depends on the knowledge base and `key` alone (a citation, the P-gp facts sentence, a
        compound part's fallback call), computed once: every sample of a cohort asks again (issue 13). `key` names
        the computation first, e.g. ('citation', keys)."""
        try:
            return self._derived_memo[key]
        except KeyError:
            value = self._derived_memo[key] = compute()
            return value

    def cite(self, keys: tuple[str, ...]) -> str:
        """'[FRI14, PMID 24675041; SEED, press release on KAT16]': `sourced_text.citation`, the one formatter of a
        note's bracketed sources, for the notes this module writes (a compound's parts: review 17, finding 12)."""
        from .sourced_text import citation

        return citation(self, keys)

    # -- calls -----------------------------------------------------------------------------
    def _mutations(self) -> Iterator[str]:
        """The knowledge base's single changes and compounds (not a fusion or an amplification), activating variants
        left out."""
        return (a for a in self._by_alteration if residue_first(a) and a not in self.activating())

    def residues(self) -> frozenset[int]:
        """Residues with a resistance change in the knowledge base (single or within a compound);
        a residue that only an activating variant names is not one."""
        return frozenset(change_position(c) for alteration in self._mutations() for c in alteration.split("+"))

    def _resists_alone(self, alteration: str, calls: dict[str, InhibitorCall]) -> bool:
        """A fusion, a compound, or a single change with a resistant, intermediate or conflicting call (EXPLAINING)
        for at least one inhibitor: a resistance change in its own right (the `known` class, ALK_RESISTANCE)."""
        if "+" in alteration or not residue_first(alteration):
            return True
        return any(c.category in EXPLAINING for c in calls.values())

    def _resistance_residue(self, alteration: str) -> bool:
        """Another alteration of the knowledge base at this change's residue (a single change or a compound part)
        has a resistance call: C1156Y+L1198F (lorlatinib) for L1198F alone, F1174L for F1174I."""
        position = change_position(alteration)
        return any(
            position in {change_position(c) for c in other.split("+")}
            and any(s.category in EXPLAINING for s in self._by_alteration[other])
            for other in self._mutations()
            if other != alteration
        )

    def activating(self) -> frozenset[str]:
        """Alterations whose statements make them activating variants, not resistance mutations."""
        if self._activating is None:
            self._activating = frozenset(
                a for a, statements in self._by_alteration.items() if is_activating(statements, self.thresholds)
            )
        return self._activating

    def resensitisers(self, inhibitor: str) -> tuple[Resensitiser, ...]:
        """Changes that re-sensitised a resistant partner to `inhibitor` in a compound entry."""
        if self._resensitisers is None:
            found: dict[str, list[Resensitiser]] = {}
            for name in (a for a in self._by_alteration if "+" in a):
                parts = name.split("+")
                for i in self.inhibitor_names:
                    entry = self.combine([s for s in self._by_alteration[name] if s.inhibitor == i])
                    if entry.category != "sensitive":
                        continue
                    singles = {
                        c: self.combine([s for s in self.statements_for(c) if s.inhibitor == i]).category for c in parts
                    }
                    resistant = tuple(c for c in parts if singles[c] == "resistant")
                    found.setdefault(i, []).extend(
                        Resensitiser(
                            c,
                            i,
                            name,
                            resistant,
                            # the sources the compound's call counts, not those listed beside it (LIN17T2, CGI:
                            # not the re-sensitisation's sources; clinical audit of stop 34, finding 2)
                            entry.deciding_sources,
                        )
                        for c in parts
                        if resistant and c not in resistant
                    )
            self._resensitisers = {i: tuple(r) for i, r in found.items()}
        return self._resensitisers.get(inhibitor, ())

    def agent_status(self, name: str) -> str:
        """What an investigational agent is and what may have changed its status since, with their sources
        (agent_status.py); '' for any other inhibitor."""
        return agent_status(self.inhibitor(name))

    def _known(self, alteration: str, resistance: str = "known", **extra) -> AlterationCall:
        statements = self.statements_for(alteration)
        calls = {
            name: with_agent_status(
                self.inhibitor(name), self.combine([s for s in statements if s.inhibitor == name]), _NO_DATA
            )
            for name in self.inhibitor_names
        }
        evidence = unique(i for s in statements for i in s.evidence_ids)
        if resistance == "known" and alteration in self.activating():
            resistance = "activating"
        elif resistance == "known" and not self._resists_alone(alteration, calls):
            # statements, but none that any inhibitor loses activity: not a resistance change on its own (L1198F,
            # crizotinib sensitive; resistant only in C1156Y+L1198F: clinical review 9, finding 8). Its calls stay
            resistance = "residue" if self._resistance_residue(alteration) else "kinase_domain_vus"
        return AlterationCall(alteration, resistance, calls, evidence, notes=self.notes_for(alteration), **extra)

    def _nothing(self, alteration: str, resistance: str, note: str, **extra) -> AlterationCall:
        calls = {
            name: with_agent_status(self.inhibitor(name), InhibitorCall("unknown", note=note), _NO_DATA)
            for name in self.inhibitor_names
        }
        return AlterationCall(alteration, resistance, calls, (), notes=self.notes_for(alteration), **extra)

    def call_variant(
        self, protein_change: str | None, aa_position: int | None, in_kinase_domain: bool
    ) -> AlterationCall:
        """The call for one protein change as alkannot's consequence module writes it."""
        key = (protein_change, aa_position, in_kinase_domain)
        found = self._call_memo.get(key)
        if found is None:
            found = self._call_memo[key] = self._call_variant(protein_change, aa_position, in_kinase_domain)
        return found

    def _call_variant(
        self, protein_change: str | None, aa_position: int | None, in_kinase_domain: bool
    ) -> AlterationCall:
        if not protein_change:
            return self._nothing(".", "none", "no protein change")
        try:
            change = normalise_change(protein_change)
        except ValueError:
            change = protein_change
        if change in self._by_alteration:  # the same call whatever the position given: made once per change (a
            # compound's parts ask again without one, issue 13)
            return self.derived(("known", change), partial(self._known, change))
        if change.endswith("=") or change in ("?", "M1?"):
            return self._nothing(change, "none", "no change to the protein")
        position = aa_position
        if position is None and re.search(r"\d+", change):
            position = change_position(change)
        truncating = truncating_change(change)  # not a resistance candidate, at a known residue or elsewhere
        if position is not None and position in self.residues() and not truncating:
            return self._nothing(change, "residue", self._residue_note(change, position))
        if in_kinase_domain and truncating:  # the class is the contract's; the note says what it means here
            return self._nothing(change, "kinase_domain_vus", TRUNCATING_NOTE)
        if in_kinase_domain:
            return self._nothing(change, "kinase_domain_vus", "kinase-domain change not in the knowledge base")
        return self._nothing(change, "none", "outside the kinase domain")

    def _residue_note(self, change: str, position: int) -> str:
        """Why a change at a known resistance residue has no call: another change there has statements, or the
        change itself is in the knowledge base only within compound entries (D1203N: E1210K+D1203N, ...), whose
        calls need the partner (clinical review 2026-12-01, sixth reading, finding 5)."""
        within = sorted(a for a in self._by_alteration if "+" in a and change in a.split("+"))
        if within:
            return (
                f"no statement on {change} alone in the knowledge base: it is there only as part of the compound"
                f"{'s' if len(within) > 1 else ''} {', '.join(within)}, whose calls do not apply to {change} alone: "
                "a compound's call needs its partner"
            )
        return (
            f"not in the knowledge base; residue {position} carries a known resistance change, but a call for one "
            "change is never applied to another"
        )

    def call_compound(self, changes: list[str], phase: str | None = None) -> AlterationCall:
        """Two or more changes in one tumour. The compound entry when there is one (and the changes
        are not known to be in trans); otherwise the least favourable single call per inhibitor. Memoised: a
        cohort's samples carry the same few combinations (issue 13); the call is frozen, never changed in place."""
        key = (tuple(changes), phase)
        found = self._compound_memo.get(key)
        if found is None:
            found = self._compound_memo[key] = self._call_compound(changes, phase)
        return found

    def _call_compound(self, changes: list[str], phase: str | None) -> AlterationCall:
        lo, hi = self.kinase_domain
        normalised = []
        for change in changes:
            try:
                change = normalise_change(change)
            except ValueError:
                continue
            if truncating_change(change):  # cannot make a drug-resistant kinase: no part of a compound (RULES.md 4)
                continue
            if change in self.activating():  # an activating-only variant is never counted as resistance (RULES.md 4)
                continue
            if not change.endswith("=") and lo <= change_position(change) <= hi and change not in normalised:
                normalised.append(change)
        if len(normalised) < 2:
            if normalised:
                single = self.call_variant(normalised[0], None, True)
                return AlterationCall(single.alteration, single.resistance, single.calls, single.evidence, None, phase)
            return self._nothing("+".join(changes) or ".", "none", "no kinase-domain change", phase=phase)
        name = canonical_compound(normalised)
        # two changes at one residue cannot be on one molecule: trans whatever the phase given (`lookup L1196M+L1196V`)
        same_residue = len({change_position(c) for c in normalised}) < len(normalised)
        trans = (phase or "").lower().startswith("trans") or same_residue
        phase = phase or ("trans (same residue)" if same_residue else None)
        singles = {c: self.call_variant(c, None, True) for c in sorted(normalised, key=change_position)}
        if name in self._by_alteration and not trans:
            known = self._known(name, compound_rule="knowledge_base", phase=phase)
            calls = {
                i: entry_or_parts(
                    call, {c: s.calls[i] for c, s in singles.items()}, partial(self._inferred, i, singles)
                )
                for i, call in known.calls.items()
            }
            calls = {i: with_agent_status(self.inhibitor(i), c, _NO_DATA) for i, c in calls.items()}
            # an inhibitor the entry says nothing of: its parts' class statements about it, as for an untested compound
            calls = {i: self._with_class_notes(i, c, singles, name) if c.inferred else c for i, c in calls.items()}
            return replace(known, calls=calls)
        calls = {}
        for inhibitor in self.inhibitor_names:
            parts = {c: call.calls[inhibitor] for c, call in singles.items()}
            inferred = least_favourable(parts, same_allele_possible=not trans, cite=self.cite)
            if not trans:  # changes on different alleles are not one compound: each keeps its own call
                inferred = resensitised(inferred, parts, self.resensitisers(inhibitor))
                inferred = alone_beside_larger(inferred, self._by_alteration, normalised, inhibitor)  # EID11114
            calls[inhibitor] = self._with_class_notes(
                inhibitor,
                with_agent_status(self.inhibitor(inhibitor), inferred, _NO_DATA),
                singles,
                "" if trans else name,
            )
        classes = [call.resistance for call in singles.values()]
        resistance = next(c for c in RESISTANCE_CLASSES if c in classes)
        # the statements that decided each part's call, as the inferred calls cite them (not every one listed)
        evidence = unique(i for call in singles.values() for c in call.calls.values() for i in c.deciding_evidence)
        rule = "trans_least_favourable" if trans else "inferred_least_favourable"
        return AlterationCall(name, resistance, calls, evidence, rule, phase, self.notes_for(name))

    def _with_class_notes(
        self, inhibitor: str, call: InhibitorCall, singles: dict[str, AlterationCall], compound: str = ""
    ) -> InhibitorCall:
        """An untested compound's inferred call with its parts' class statements about the inhibitor itself, named as
        the knowledge base displays it (MIZ21: gilteritinib on I1171N compounds; OU21, PEL21: the design intent of
        neladalkib and TPX-0131 on G1202R and I1171N/S/T compounds, clinical review hN, finding 5; not those on
        compounds resistant to it, SHI22 and OKA19, which the sample's notes give after a progression on it): no
        call, but what a reader of that cell needs (clinical review of stop 38, finding 7: 'no mutation-level data'
        beside a class statement the report did not show). A listed compound's own statement about the inhibitor is
        said instead of its parts' (I1171N+L1198H and gilteritinib), and each is cited with its identifiers, its
        sources among the cell's `note_sources` (clinical read of stop 43, findings 1 and 3)."""
        agent = self.inhibitor(inhibitor).agent.lower()
        opening = GROUP_STATEMENT.lower()
        prefixes = (f"{opening} call on this mutation: {agent} ", f"{opening} {agent} call")

        def about_agent(change: str) -> list:
            return [n for n in self.notes_for(change) if n.note.lower().startswith(prefixes)]

        found = about_agent(compound) if compound else []
        found = found or [n for change in singles for n in about_agent(change)]
        if not found:
            return call
        said = dict.fromkeys(f"{n.note} {self.cite(n.sources)}".strip() for n in found)
        named = tuple(k for n in found for k in n.sources)
        return replace(
            call,
            note="; ".join([call.note, *said]),
            note_sources=tuple(dict.fromkeys(call.note_sources + named)),
        )

    def _inferred(self, inhibitor: str, singles: dict[str, AlterationCall]) -> InhibitorCall:
        parts = {c: call.calls[inhibitor] for c, call in singles.items()}
        return resensitised(least_favourable(parts, cite=self.cite), parts, self.resensitisers(inhibitor))

    def call_fusion(self, partner: str = "EML4", variant: str | None = None) -> AlterationCall:
        """An ALK fusion with no kinase-domain mutation: the statements about ALK-positive NSCLC in
        general, plus those about the named EML4-ALK variant where the knowledge base has any."""
        partner = (partner or "UNKNOWN").upper()
        name = f"{partner}::ALK"
        statements = list(self.statements_for(FUSION))
        specific: tuple[Statement, ...] = ()
        if variant and variant not in (".", ""):
            variant = variant_name(variant) if re.fullmatch(r"v?\d+[a-z/']*", variant, re.I) else variant
            name += f" {variant}"
            if partner == "EML4":
                specific = tuple(self.statements_for(f"EML4::ALK {variant}"))
                statements += specific
        calls = {i: self.combine([s for s in statements if s.inhibitor == i]) for i in self.inhibitor_names}
        if variant and variant not in (".", ""):
            for inhibitor, call in calls.items():
                own = unique(s.key for s in specific if s.inhibitor == inhibitor)
                scope = (
                    f"about {variant} itself: {', '.join(own)}; the other sources are about ALK-positive "
                    "NSCLC in general"
                    if own
                    else f"no source about {variant} itself; the sources are about ALK-positive NSCLC in general"
                )
                if call.sources:
                    calls[inhibitor] = replace(call, note=" | ".join(n for n in (scope, call.note) if n))
        calls = {i: with_agent_status(self.inhibitor(i), c) for i, c in calls.items()}
        evidence = unique(x for s in statements for x in s.evidence_ids)
        return AlterationCall(name, "none", calls, evidence)

    def call(self, parsed: ParsedAlteration) -> AlterationCall:
        if parsed.kind == "fusion":
            return self.call_fusion(parsed.partner or "UNKNOWN", parsed.variant)
        if parsed.kind == "amplification":
            return (
                self._known("amplification")
                if "amplification" in self._by_alteration
                else self._nothing("amplification", "none", NO_STATEMENT)
            )
        if parsed.kind == "compound":
            return self.call_compound(list(parsed.changes))
        change = parsed.changes[0]
        lo, hi = self.kinase_domain
        return self.call_variant(change, change_position(change), lo <= change_position(change) <= hi)
