"""What the treatment history does to one per-inhibitor call (RULES.md section 8).

A drug the patient progressed on is `resistant` in this patient, whatever the genotype says: the progression is
clinical evidence about this patient. One exception: a drug progressed on before a later inhibitor, where the tumour
now carries a change that the knowledge base records as re-sensitising a resistant partner to that drug (a compound
entry sensitive to it although a partner alone is resistant: `KnowledgeBase.resensitisers`; L1198F and crizotinib,
Shaw et al. 2016, CIViC EID844). There the earlier progression does not override the genotype call: re-challenge is
what the evidence is about. The call shown is the genotype's, and the note names both facts with their sources.
Pure: reads only the knowledge base.
"""

from __future__ import annotations

from dataclasses import replace

from .evidence import EVIDENCE_KINDS, Resensitiser, unique
from .sample_types import AlkMutation, InhibitorVerdict
from .sourced_text import display_name, inhibitor_list

# how a reader names the strongest design among the statements that report a re-sensitisation
_LEVEL_WORDS = {
    "clinical_trial": "clinical-trial evidence",
    "clinical": "clinical evidence",
    "retrospective_clinical": "retrospective clinical evidence",
    "case_report": "case-level evidence",
    "preclinical": "preclinical evidence",
    "inferential": "inferential evidence",
    "review": "review-level evidence",
}


def with_progression(
    kb, verdict: InhibitorVerdict, mutations: list[AlkMutation], progressed: tuple[str, ...]
) -> InhibitorVerdict:
    """The call of a drug the patient progressed on (`verdict.inhibitor` is in `progressed`)."""
    if verdict.category != "resistant" and progressed and progressed[-1] != verdict.inhibitor:
        found = present_resensitisers(kb, verdict.inhibitor, mutations)
        if found:
            return _resensitised(kb, verdict, found, progressed)
    return resistant_in_this_patient(verdict)


def present_resensitisers(kb, inhibitor: str, mutations: list[AlkMutation]) -> tuple[Resensitiser, ...]:
    """The knowledge base's re-sensitisers to `inhibitor` that this tumour carries as a clonal change that counts
    (passed filters, not germline; a subclonal one may leave the bulk of the tumour as resistant as before)."""
    present = {m.protein_change for m in mutations if m.counts_for_resistance and m.clonal}
    return tuple(r for r in kb.resensitisers(inhibitor) if r.change in present)


def resistant_in_this_patient(verdict: InhibitorVerdict) -> InhibitorVerdict:
    """A drug the patient progressed on is not called sensitive for that patient, whatever the genotype
    says: the progression itself is clinical evidence of resistance (sample sheet). Where the genotype call
    is not `resistant`, the call rests on the sample sheet alone: the genotype call's sources (for a fusion
    without a mutation: trials that show the drug's activity) support a different claim and are named in
    the note, never cited for the resistance."""
    if verdict.category == "resistant":
        note = "the patient progressed on it (sample sheet), consistent with the genotype call"
        return replace(verdict, note="; ".join(n for n in (note, verdict.note) if n))
    cited = f" [{'; '.join(verdict.sources)}]" if verdict.sources else ""
    note = (
        f"the patient progressed on {verdict.inhibitor} (sample sheet): resistant in this patient; the "
        f"genotype-based call alone would be {verdict.category} ({verdict.basis}){cited}"
    )
    return replace(
        verdict,
        category="resistant",
        evidence_kinds=("this_patient_progression",),
        sources=("sample_sheet",),
        inferred=False,
        note="; ".join(n for n in (note, verdict.note) if n),
    )


def _resensitised(
    kb, verdict: InhibitorVerdict, found: tuple[Resensitiser, ...], progressed: tuple[str, ...]
) -> InhibitorVerdict:
    """The genotype call, with the earlier progression and the reported re-sensitisation named in the note."""
    name = display_name(kb, verdict.inhibitor)
    last = max(i for i, drug in enumerate(progressed) if drug == verdict.inhibitor)
    later = progressed[last + 1 :]
    reports, cited = [], []
    for r in found:
        text, labels = _report(kb, r)
        reports.append(text)
        cited += labels
    note = (
        f"the patient progressed on {name} earlier (sample sheet), before {inhibitor_list(kb, later)}; "
        f"{'; '.join(reports)}: the earlier progression does not override the genotype-based call "
        f"({verdict.category}, {verdict.basis})"
    )
    return replace(
        verdict,
        sources=unique(verdict.sources + tuple(cited)),
        resensitised=True,
        note="; ".join(n for n in (note, verdict.note) if n),
    )


def _report(kb, r: Resensitiser) -> tuple[str, list[str]]:
    """'re-sensitisation to crizotinib by L1198F after lorlatinib has been reported (C1156Y+L1198F; case-level
    evidence: case report CGI(PMID:26698910), EID844(PMID:26698910); review LIN17T2)', and the keys it cites. 'After'
    names the drugs the knowledge base calls the re-sensitising compound resistant to (the drugs it arose on)."""
    statements = kb.statements_for(r.compound)
    saying = [s for s in statements if s.inhibitor == r.inhibitor and s.category == "sensitive"]
    after = [
        i
        for i in kb.inhibitor_names
        if i != r.inhibitor and kb.combine([s for s in statements if s.inhibitor == i]).category == "resistant"
    ]
    by_kind: dict[str, list[str]] = {}
    for s in sorted(saying, key=lambda s: EVIDENCE_KINDS.index(s.evidence_kind)):
        by_kind.setdefault(s.evidence_kind, [])
        if s.label not in by_kind[s.evidence_kind]:
            by_kind[s.evidence_kind].append(s.label)
    evidence = "; ".join(f"{kind.replace('_', ' ')} {', '.join(labels)}" for kind, labels in by_kind.items())
    level = _LEVEL_WORDS.get(next(iter(by_kind), ""), "evidence")
    when = f" after {inhibitor_list(kb, after)}" if after else ""
    text = (
        f"re-sensitisation to {display_name(kb, r.inhibitor)} by {r.change}{when} has been reported "
        f"({r.compound}; {level}: {evidence})"
    )
    return text, [label for labels in by_kind.values() for label in labels]


__all__ = ["with_progression", "present_resensitisers", "resistant_in_this_patient"]
