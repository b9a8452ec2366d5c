"""Which ALK changes of one sample form a compound, and in which phase (RULES.md section 4).

Two or more kinase-domain changes that passed the caller's filters form the sample's compound; its phase comes from
one MNV record (cis), one position (trans: two different bases at one position cannot be on one molecule), FORMAT PS
or PGT/PID, or is unknown. A change below --min-vaf does not form a compound with a clonal change unless read-backed
phase or one MNV record puts it in cis with each: the clonal change's own calls stand and a note names the minor
change (RULES.md sections 4 and 8). Pure: reads the sample's `AlkMutation`s and the knowledge base only.
"""

from __future__ import annotations

from .compound_bulk import below_comparable, dominant_and_minor, with_subclonal_basis
from .flag_words import LOW_VAF_WORDS, PHASE_UNKNOWN_WORDS
from .sample_types import AlkMutation, Compound, SampleContext

# how a note names the way a pair's phase was determined
METHOD_WORDS = {
    "PS": "FORMAT PS",
    "PGT/PID": "FORMAT PGT/PID",
    "MNV record": "one MNV record",
    "same position": "two alleles at one position",
}


def sample_compound(kb, mutations: list[AlkMutation]):
    """(Compound, its knowledge-base call) of one sample's changes, or (None, None) for fewer than two members. A
    change the matched normal carries (germline) forms no compound, nor one whose origin is not established beside a
    known resistance mutation (no matched normal: `AlkMutation.unestablished_origin`). Where the compound is not
    shown to be the tumour's bulk, a call more favourable than its parts' is not used (`without_unshown_favour`), and
    one less favourable than the dominant part's is kept on a subclonal basis (`compound_bulk.with_subclonal_basis`)."""
    grouping = group_compound([m for m in mutations if not (m.in_normal or m.unestablished_origin)])
    if grouping is None:
        return None, None
    changes, phase, method = grouping
    call = kb.call_compound(list(changes), phase=phase)
    members = compound_parts(mutations, changes)
    call = without_unshown_favour(kb, call, members)
    parts = dominant_and_minor(members) if phase != "trans" else None
    call, subclonal = with_subclonal_basis(kb, call, parts)
    dominant, minor = (parts[0].protein_change, tuple(m.protein_change for m in parts[1])) if parts else ("", ())
    return Compound(changes, phase, method, call.resistance, call.compound_rule or "", subclonal, dominant, minor), call


def compound_parts(mutations, changes) -> list[AlkMutation]:
    """The sample's mutations a compound of `changes` is made of (not germline, origin established where it matters):
    its verdict's members, and the alleles ALK_COMPOUND marks (compound_info.py)."""
    return [m for m in mutations if m.protein_change in changes and not (m.in_normal or m.unestablished_origin)]


def without_unshown_favour(kb, call, members: list[AlkMutation]):
    """A compound's call more favourable than its parts' (a compound entry or a re-sensitiser: C1156Y+L1198F
    sensitive to crizotinib) holds only where the compound is shown to be the tumour's bulk: the allele fractions
    within COMPARABLE_VAF of each other (or one MNV record) and, with --min-vaf, none below it. Read-backed cis shows
    that reads with one change carry the other, not that every allele of the clonal change does: at 2% against 30%
    most C1156Y alleles lack L1198F and keep their resistance (review of 2026-12-01's changes, fifth, finding 1).
    Otherwise the parts' least favourable call stands, with a note; a less favourable compound call always stands
    (said on a subclonal basis where it is less favourable than the dominant part's: compound_bulk.py)."""
    from .compound_rule import least_favourable
    from .evidence import LEAST_FAVOURABLE
    from .records import replace

    reason = _bulk_not_shown(members)
    if not reason:
        return call
    singles = {m.protein_change: kb.call_variant(m.protein_change, None, True) for m in members}
    calls = dict(call.calls)
    for inhibitor, compound in call.calls.items():
        parts = {change: single.calls[inhibitor] for change, single in singles.items() if inhibitor in single.calls}
        key = ("compound_part_fallback", tuple(parts), inhibitor)  # the parts' calls: kb.call_variant's, memoised
        fallback = kb.derived(key, lambda: least_favourable(parts, cite=kb.cite)) if parts else None
        if fallback is None or LEAST_FAVOURABLE.index(compound.category) <= LEAST_FAVOURABLE.index(fallback.category):
            continue
        calls[inhibitor] = replace(
            fallback,
            note=f"the compound's own call ({compound.category}) is not used: {reason}; {fallback.note}".rstrip("; "),
            set_aside=compound.category,
        )
    return replace(call, calls=calls)


def _bulk_not_shown(members: list[AlkMutation]) -> str:
    """'' where the compound's members are shown to be on the same alleles of the tumour's bulk, else why not."""
    if len({(m.record, m.alt) for m in members}) == 1:
        return ""  # one MNV record: one allele
    low = [m.protein_change for m in members if m.low_vaf]
    if low:
        return f"{' and '.join(low)} below --min-vaf ({LOW_VAF_WORDS})"
    fractions = [(m.vaf, m.protein_change) for m in members if m.vaf is not None]
    if len(fractions) < len(members):
        return "the allele fractions are not known, so the compound is not shown to be on every allele"
    (top_vaf, top), (low_vaf, bottom) = max(fractions), min(fractions)
    if below_comparable(low_vaf, top_vaf):
        return (
            f"{bottom} at {low_vaf:.0%} against {top} at {top_vaf:.0%}: part of the "
            f"{top} alleles may lack {bottom} (alkannot asks for allele fractions within "
            "four fifths of each other)"
        )
    return ""


def compound_candidates(mutations: list[AlkMutation]) -> list[AlkMutation]:
    """The changes that may form a compound: in the kinase domain, passed filters, not truncating (a stop-gained,
    frameshift or start-lost change cannot make a drug-resistant active kinase: RULES.md section 4) and not an
    activating-only variant (R1275Q, R1192P: statements only about ALK activation in other tumours, never counted as
    resistance, CONTRACT.md version 2; it is listed with its own note; clinical review, sixth reading, finding 1)."""
    return [
        m for m in mutations if m.in_kinase_domain and m.passed and not m.truncating and m.resistance != "activating"
    ]


def minor_changes(mutations: list[AlkMutation]) -> list[AlkMutation]:
    """The candidates below --min-vaf (`low_vaf`) beside at least one clonal candidate, that neither read-backed
    phase nor one MNV record puts in cis with every clonal one. At 2% against 30%, most molecules with the clonal
    change lack it: it is at most in a minor subclone, and does not set the sample's calls (clinical review
    2026-12-01, fourth reading, finding 2). Without --min-vaf nothing is `low_vaf` (nothing tests clonality), so
    nothing is left out: see `compound_vaf_notes`."""
    candidates = compound_candidates(mutations)
    clonal = [m for m in candidates if not m.low_vaf]
    if not clonal:  # all below --min-vaf: they are read together, the calls marked subclonal
        return []
    return [m for m in candidates if m.low_vaf and not all(pair_phase(m, c)[0] == "cis" for c in clonal)]


def group_compound(mutations: list[AlkMutation]) -> tuple[tuple[str, ...], str, str] | None:
    """(changes, phase, method) when two or more kinase-domain mutations pass filters. A truncating change (stop-gained,
    frameshift, start-lost) takes no part: it cannot make a drug-resistant active kinase; nor does an activating-only
    variant (`compound_candidates`), nor a change below
    --min-vaf beside a clonal one, unless it is in cis with it (`minor_changes`; RULES.md section 4)."""
    minor = minor_changes(mutations)
    kd = [m for m in compound_candidates(mutations) if m not in minor]
    if len(kd) < 2:
        return None
    phases, methods = [], set()
    for i, first in enumerate(kd):
        for second in kd[i + 1 :]:
            phase, method = pair_phase(first, second)
            phases.append(phase)
            methods.add(method)
    if all(p == "cis" for p in phases):
        phase = "cis"
    elif any(p == "trans" for p in phases) and all(p in ("cis", "trans") for p in phases):
        phase = "trans"
    else:
        phase = "unknown"
    method = "/".join(sorted(m for m in methods if m != "none")) or "none"
    changes = tuple(m.protein_change for m in sorted(kd, key=lambda m: m.aa_position or 0))
    return changes, phase, method


def pair_phase(a: AlkMutation, b: AlkMutation) -> tuple[str, str]:
    """(phase, method) of two changes of one sample: 'cis' for two protein changes of one MNV allele; 'trans' for
    two different alleles at one position (one multi-allelic record, GT 1/2, or two records that change the same
    first base to different bases); else from FORMAT PS or PGT/PID where both are in one phase set; else unknown."""
    if a.record == b.record and a.alt == b.alt:
        return "cis", "MNV record"
    if _same_position(a, b):
        return "trans", "same position"
    if a.phase_set and a.phase_set == b.phase_set and a.haplotype and b.haplotype:
        method = "PS" if a.phase_set.startswith("PS:") else "PGT/PID"
        return ("cis" if a.haplotype == b.haplotype else "trans"), method
    return "unknown", "none"


def _same_position(a: AlkMutation, b: AlkMutation) -> bool:
    """Two different ALT alleles at one position, which no molecule can carry together. One record's ALT alleles
    are different sequences over the same REF span (a molecule reads as one of them); of two records at one POS,
    only alleles that both change the base at POS, to different bases, exclude each other (a padded indel leaves
    the base at POS as it is, and may sit on one molecule with a change of that base)."""
    if a.record == b.record:
        return a.record >= 0 and a.alt != b.alt
    if (a.chrom, a.pos) != (b.chrom, b.pos) or not (a.ref and a.alt and b.ref and b.alt):
        return False
    changes_first = a.ref[0].upper() != a.alt[0].upper() and b.ref[0].upper() != b.alt[0].upper()
    return changes_first and a.alt[0].upper() != b.alt[0].upper()


def compound_vaf_notes(
    kb, mutations: list[AlkMutation], compound: Compound | None, context: SampleContext
) -> list[str]:
    """What the allele fractions say about the compound: a minor change left out of it (with --min-vaf), or, without
    --min-vaf, parts of an unphased compound whose fractions are not within four fifths of each other."""
    candidates = [m for m in compound_candidates(mutations) if not (m.in_normal or m.unestablished_origin)]
    notes = _impossible_cis_notes(candidates)
    return notes + _vaf_notes(kb, candidates, compound, context)


def _impossible_cis_notes(candidates: list[AlkMutation]) -> list[str]:
    """Two alleles at one position that the phase data puts on one haplotype: no molecule carries both, so the
    phasing is wrong somewhere (review of the day's changes, fifth, finding 4); they are read as trans."""
    notes = []
    for i, a in enumerate(candidates):
        for b in candidates[i + 1 :]:
            same_haplotype = a.phase_set and a.phase_set == b.phase_set and a.haplotype and a.haplotype == b.haplotype
            if same_haplotype and _same_position(a, b):
                notes.append(
                    f"{a.protein_change} and {b.protein_change} are different alleles at one position, so no molecule "
                    f"carries both, yet the phase data ({a.phase_set}) puts them on one haplotype: they are read as "
                    "trans; check the caller's phasing."
                )
    return notes


def _vaf_notes(kb, candidates: list[AlkMutation], compound: Compound | None, context: SampleContext) -> list[str]:
    minor = minor_changes(candidates)
    if minor:
        return [_minor_note(kb, m, [c for c in candidates if c not in minor], compound, context) for m in minor]
    if context.min_vaf is not None or compound is None or compound.phase != "unknown":
        return []
    parts = [m for m in candidates if m.protein_change in compound.changes and m.vaf is not None]
    if not parts:
        return []
    top = max(parts, key=lambda m: m.vaf or 0.0)
    apart = [m for m in parts if below_comparable(m.vaf or 0.0, top.vaf or 0.0)]
    if not apart:
        return []
    low = " and ".join(f"{m.protein_change} (VAF {m.vaf:.1%})" for m in apart)
    return [
        f"{compound.label} is read as one compound, although {low} {'is' if len(apart) == 1 else 'are'} below four "
        f"fifths of {top.protein_change}'s allele fraction ({top.vaf:.1%}), so not every {top.protein_change} molecule "
        "can carry it: without --min-vaf no change is set aside as subclonal for its VAF alone, so the compound "
        f"stands{_marked(kb, compound, top, apart)}. With --min-vaf (the laboratory's clonality cut-off), a change "
        "below it would not form a compound with a clonal change; the clonal change's own calls would stand, with a "
        "note on the minor change."
    ]


def _marked(kb, compound: Compound, top: AlkMutation, apart: list[AlkMutation]) -> str:
    """', but its call for lorlatinib, less favourable than G1202R's own, holds at most in the part of the tumour
    carrying I1171N (a subclonal basis)' for the calls compound_bulk.py keeps on a subclonal basis: said here, so that
    the note and the 's' mark agree (review of the changes, seventh reading, finding 13)."""
    if not compound.subclonal_calls:
        return ""
    from .sourced_text import inhibitor_list

    drugs = inhibitor_list(kb, list(compound.subclonal_calls))
    carrying = " and ".join(m.protein_change for m in apart)
    return (
        f", but its call for {drugs}, less favourable than {top.protein_change}'s own, holds at most in the part of "
        f"the tumour carrying {carrying} (a subclonal basis)"
    )


def _minor_note(
    kb, m: AlkMutation, members: list[AlkMutation], compound: Compound | None, context: SampleContext
) -> str:
    clonal = [c for c in members if not c.low_vaf]
    phases = [pair_phase(m, c) for c in clonal]
    if all(p == "trans" for p, _ in phases):
        methods = ", ".join(dict.fromkeys(METHOD_WORDS.get(w, w) for _, w in phases))
        phase = f"in trans ({methods})"
    else:
        phase = PHASE_UNKNOWN_WORDS
    whose = compound.label if compound is not None else " and ".join(c.protein_change for c in clonal)
    vaf = f"VAF {m.vaf:.1%}" if m.vaf is not None else "VAF not known"
    return (
        f"{m.protein_change} ({vaf}, below --min-vaf {context.min_vaf:g}; {phase}) is not read as a compound with "
        f"{whose}, and the sample's calls rest on {whose} alone. At most a minor subclone carries "
        f"{m.protein_change}, and that subclone may respond differently." + _minor_resistance(kb, m.protein_change)
    )


def _minor_resistance(kb, change: str) -> str:
    """' On its own the knowledge base calls G1202R resistant to crizotinib, ... [sources].' for a minor change left
    out of the sample's calls (review of 2026-12-01's changes, fifth, finding 1: its resistance was not said)."""
    from .sourced_text import citation, inhibitor_list

    calls = kb.call_variant(change, None, True).calls
    resistant = [name for name, call in calls.items() if call.category == "resistant"]
    if not resistant:
        return ""
    sources = tuple(dict.fromkeys(s for name in resistant for s in calls[name].sources))
    return (
        f" On its own the knowledge base calls {change} resistant to {inhibitor_list(kb, resistant)} "
        f"{citation(kb, sources)}."
    )
