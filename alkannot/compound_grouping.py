"""Which ALK changes of one sample form a compound, and in which phase (RULES.md section 4).

Two or more kinase-domain changes that passed the caller's filters form the sample's compound; its phase comes from
one MNV record (cis), one position (trans: two different bases at one position cannot be on one molecule), FORMAT PS
or PGT/PID, or is unknown. Pure: reads the sample's `AlkMutation`s only.
"""

from __future__ import annotations

from .sample_types import AlkMutation


def group_compound(mutations: list[AlkMutation]) -> tuple[tuple[str, ...], str, str] | None:
    """(changes, phase, method) when two or more kinase-domain mutations pass filters. A truncating change (stop-gained,
    frameshift, start-lost) takes no part: it cannot make a drug-resistant active kinase (RULES.md section 4)."""
    kd = [m for m in mutations if m.in_kinase_domain and m.passed and not m.truncating]
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
