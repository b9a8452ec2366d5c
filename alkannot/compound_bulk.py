"""A compound call LESS favourable than its dominant part's, where the compound is not shown to be the tumour's bulk
(the symmetric case of `compound_grouping.without_unshown_favour`; clinical review, sixth reading, finding 3).

C1156Y at 30% and L1198F at 2% in cis (PS): the compound C1156Y+L1198F is lorlatinib-resistant [LIN17T2; EID843],
but at most ~2 of the 30 C1156Y alleles carry L1198F, and C1156Y on its own is lorlatinib-sensitive [LIN17T2]. The
compound's call is neither dropped nor silently replaced: it is kept and said as resting on a subclonal basis, the
way a single change below --min-vaf is (`InhibitorVerdict.subclonal`, the basis "(subclonal or low-level part: holds
at most in part of the tumour)", the HTML grid's 's', the JSON `subclonal`), and its note names both calls with
their sources and the allele fractions. Not for a pair in trans: on different alleles, each change keeps its own
call and their fractions say nothing about one allele carrying both. Pure: reads the sample's `AlkMutation`s and the
knowledge base only."""

from __future__ import annotations

from .evidence import AlterationCall
from .readings import call_mark, said_mark
from .records import replace
from .sample_types import AlkMutation

# alkannot's own rule, not a threshold from the sources (which give none): the re-sensitiser's allele fraction must be
# at least four fifths of each partner's. Read-backed phase (PS, PGT/PID) shows that the reads carrying L1198F carry
# C1156Y too, not that every C1156Y molecule carries L1198F, and `AlkMutation.clonal` tests nothing without
# --min-vaf; C1156Y alleles without L1198F keep their crizotinib resistance. Four fifths leaves room for the
# sampling noise of two allele fractions at panel depth (about +-5 points, two standard deviations, at 300 reads and
# 30%), while a partner-only part larger than about a fifth of the partner's alleles is not passed as
# re-sensitised; a pair that fails by noise keeps `resistant` in this patient, the safe direction. The comparison
# runs both ways: fractions this far apart in either direction do not fit one allele carrying both. One MNV record
# carrying both is one allele and is not compared.
COMPARABLE_VAF = 0.8


def below_comparable(vaf: float, other: float) -> bool:
    """Whether `vaf` is below four fifths (COMPARABLE_VAF) of `other`; exactly four fifths passes (24% against 30%).
    The one test of the rule, used for any compound here and in `compound_grouping`, and for re-sensitisers in
    `progression` (which imports it from here: a run without a progression imports no progression module)."""
    return vaf < COMPARABLE_VAF * other - 1e-9


def dominant_and_minor(members: list[AlkMutation]) -> tuple[AlkMutation, list[AlkMutation]] | None:
    """(the dominant part, the minor parts) of a compound not shown to be the tumour's bulk: the clonal part with the
    highest allele fraction, and the parts below --min-vaf or below four fifths of its fraction. None where the
    fractions are not all known, one MNV record carries them all, or no part is minor."""
    if len({(m.record, m.alt) for m in members}) == 1 or any(m.vaf is None for m in members):
        return None
    clonal = [m for m in members if not m.low_vaf] or members
    top = max(clonal, key=lambda m: m.vaf or 0.0)
    minor = [m for m in members if m is not top and (m.low_vaf or below_comparable(m.vaf or 0.0, top.vaf or 0.0))]
    return (top, minor) if minor else None


def with_subclonal_basis(
    kb, call: AlterationCall, found: tuple[AlkMutation, list[AlkMutation]] | None
) -> tuple[AlterationCall, tuple[str, ...]]:
    """(the compound's call, the inhibitors whose compound call is less favourable than the dominant part's own
    call where the compound is not shown to be the tumour's bulk: `found`, its dominant and minor parts,
    dominant_and_minor's). Those calls are kept, and their notes say that they hold at most in the part of the
    tumour carrying the minor change, and what the dominant change's own call is, each with its sources."""
    from .evidence import LEAST_FAVOURABLE

    if found is None:
        return call, ()
    top, minor = found
    own_calls = kb.call_variant(top.protein_change, top.aa_position, True).calls
    calls, subclonal = dict(call.calls), []
    for inhibitor, compound in call.calls.items():
        own = own_calls.get(inhibitor)
        if own is None or LEAST_FAVOURABLE.index(compound.category) >= LEAST_FAVOURABLE.index(own.category):
            continue
        calls[inhibitor] = replace(compound, note=_note(call.alteration, compound, top, minor, own))
        subclonal.append(inhibitor)
    return replace(call, calls=calls), tuple(subclonal)


def _cited(sources) -> str:
    return f" [{'; '.join(sources)}]" if sources else ""


def _note(name: str, compound, top: AlkMutation, minor: list[AlkMutation], own) -> str:
    """'subclonal basis: C1156Y+L1198F (call: resistant [LIN17T2; EID843(PMID:26698910)]) is at most in the part of
    the tumour carrying L1198F (2% against C1156Y at 30%); C1156Y on its own: sensitive (reviews only) [LIN17T2]': the
    call in brackets after the compound, so that a bare category does not read as the compound's ('L1196M+G1202R
    unknown at most in the part ...': rev49, finding 6). Each call with the drug table's mark of its evidence
    (readings.call_mark), as the table prints it beside that call (stop 53)."""
    # a call replaced by its parts' (compound_grouping.without_unshown_favour) says so
    which = "its parts' least favourable call" if compound.set_aside else "call"
    carrying = " and ".join(m.protein_change for m in minor)
    # an inferred `unknown` is stated by no source: its note attaches each to what it says (stop 42, finding 9)
    stated = "" if compound.category == "unknown" and compound.inferred else _cited(compound.sources)
    fractions = ", ".join(f"{m.protein_change} {m.vaf:.0%}" if len(minor) > 1 else f"{m.vaf:.0%}" for m in minor)
    said = (
        f"subclonal basis: {name} ({which}: {compound.category}{said_mark(call_mark(compound))}{stated}) is at most "
        f"in the part of the tumour carrying {carrying} ({fractions} against {top.protein_change} at {top.vaf:.0%}); "
        f"{top.protein_change} on its own: {own.category}{said_mark(call_mark(own))}{_cited(own.deciding_sources)}"
    )
    return "; ".join(n for n in (said, compound.note) if n)


__all__ = ["dominant_and_minor", "with_subclonal_basis"]
