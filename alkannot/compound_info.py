"""ALK_COMPOUND: on each ALT that is a part of a sample's compound, which compound (review 9, clinical, finding 4).

The per-inhibitor INFO keys are each allele's own calls; a compound's calls (RULES.md section 4) are a sample's, in
the report. Without this key, a reader of the VCF body alone would take the calls of G1202R and L1196M in cis as the
tumour's. The value per ALT is every compound it is a part of, `|`-joined, each `SAMPLE:PARTS(PHASE)`, e.g.
`A05_T:L1196M+G1202R(cis)`; PHASE is cis, trans or phase_unknown, as the sample's verdict decided it
(compound_grouping.group_compound: a pair in trans is a `Compound` of phase trans, the TSV's `compound` column lists
it). `.` for an ALT of no compound. Pure: reads the verdicts' mutations and compounds only.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from .compound_grouping import compound_parts
from .flag_words import PHASE_UNKNOWN
from .sample_types import SampleVerdict
from .vcfio import percent_encode

# a sample name is written before the first ':' and compounds are '|'-joined: both are encoded in the name too
_NAME_TABLE = str.maketrans({"|": "%7C", ":": "%3A"})


def compound_value(verdict: SampleVerdict) -> str:
    """'A05_T:L1196M+G1202R(cis)', already encoded for INFO (VCF 1.6.1 section 1.2: `%`, `;`, `=`, `,`, space)."""
    compound = verdict.compound
    if compound is None:
        return ""
    phase = PHASE_UNKNOWN if compound.phase == "unknown" else compound.phase
    name = percent_encode(verdict.sample).translate(_NAME_TABLE)
    return f"{name}:{percent_encode('+'.join(compound.changes))}({phase})"


def compound_alleles(verdicts: Iterable[SampleVerdict]) -> dict[int, dict[str, list[str]]]:
    """Record index -> ALT -> the encoded compounds that ALT is a part of, in the verdicts' (sample) order."""
    alleles = CompoundAlleles()
    for verdict in verdicts:
        alleles.add(verdict)
    return alleles.alleles()


class CompoundAlleles:
    """compound_alleles, one verdict at a time: `add` keeps of a verdict only its compound's encoded value, on the
    ALTs of its parts (`annotate` without --report keeps no verdict alive, issue 13)."""

    def __init__(self) -> None:
        # each value once, first seen first (a dict: a cohort of 60,000 samples with compounds made a list's `in`
        # quadratic, pipeline review of stop 42, finding 1)
        self._found: dict[int, dict[str, dict[str, None]]] = {}

    def add(self, verdict: SampleVerdict) -> None:
        if verdict.compound is None:
            return
        value = compound_value(verdict)
        for m in compound_parts(verdict.mutations, verdict.compound.changes):
            if m.record >= 0:
                self._found.setdefault(m.record, {}).setdefault(m.alt, {})[value] = None

    def alleles(self) -> dict[int, dict[str, list[str]]]:
        return {index: {alt: list(values) for alt, values in alts.items()} for index, alts in self._found.items()}


def compound_info(alts: tuple[str, ...], compounds: Mapping[str, list[str]] | None) -> str | None:
    """The record's ALK_COMPOUND value ('v1,v2', one per ALT, '.' for an ALT of no compound), or None when no ALT
    is a part of one (the key is then not written)."""
    if not compounds:
        return None
    values = ["|".join(compounds.get(alt, ())) or "." for alt in alts]
    return ",".join(values) if any(v != "." for v in values) else None


__all__ = ["CompoundAlleles", "compound_alleles", "compound_info", "compound_value"]
