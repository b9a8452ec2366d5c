"""The same SV calls in two files (the main input `sv.bcf` and `--sv sv.vcf.gz` holding its records, or two --sv
files with the same records): one source of evidence, counted once. Pure functions over SvRecord, no I/O.

A junction (breakends.records_to_junctions: a breakend record with its mate, or a symbolic SV) of a later file is the
same evidence as an earlier file's for a sample when every record of it is identical, as alkannot reads it (CHROM,
POS, ID, REF, ALT, FILTER, the INFO keys that name the mate, the end and the event, and the sample's own FORMAT
values: its genotype and read support), and the sample carries it in both. Only then is the later file's copy left
out for that sample. A partial copy (one file cut to one breakend of the junction, an orphan, where another file holds
the junction whole: the same records plus the mate) is the same evidence too: the orphan is left out for that sample,
whichever file came first, and the whole junction stays, so that leaving a copy out never changes a call's status (it
was listed twice before stop 47, once as '(orphan mate)'). A second caller calling the same fusion (other IDs, other
positions or other read counts) is independent support and stays listed. A record that makes no junction (a <DUP>)
is compared alone.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from .breakends import Junction, SvRecord, carriers_of, record_support, records_to_junctions
from .genome import chrom_number
from .records import record, replace

ALL_SAMPLES = ""  # the carrier of a record without sample columns (it counts for every sample)


@record(frozen=True)
class Duplicates:
    """The records kept, and per (source left out, source kept, whether the kept source holds the junction whole
    where the left-out one has part of it) how many of the left-out source's records were left out (or lost a
    sample's column) as the kept source's calls."""

    records: tuple[SvRecord, ...]
    left_out: Mapping[tuple[str, str, bool], int]


def _identity(rec: SvRecord) -> tuple:
    info = tuple(sorted((key, repr(value)) for key, value in rec.info.items()))
    return (chrom_number(rec.chrom), rec.pos, rec.id, rec.ref.upper(), rec.alts, rec.filter, info)


def _carriers(rec: SvRecord) -> list[str]:
    return carriers_of(rec, record_support(rec)) if rec.samples else [ALL_SAMPLES]


def _columns(rec: SvRecord, sample: str) -> tuple:
    values = rec.samples.get(sample, {}) if sample != ALL_SAMPLES else {}
    return tuple(sorted((key, repr(value)) for key, value in values.items()))


def without_repeated_calls(records: Iterable[SvRecord], junctions: Sequence[Junction] | None = None) -> Duplicates:
    """`records` in source order (the main input's first, then each --sv file's), less the calls an earlier source
    already holds for the same sample (the module's docstring); `junctions`: records_to_junctions of `records`, where
    the caller has them (fusion_evidence pairs the mates once, for this and for the fusion calls)."""
    records = list(records)
    if len({r.source for r in records}) < 2:  # one file (no --sv): nothing to compare, no second pass over its records
        return Duplicates(tuple(records), {})
    by_key = {r.key: r for r in records}
    order = {source: n for n, source in enumerate(dict.fromkeys(r.source for r in records))}
    groups = [j.records for j in (records_to_junctions(records) if junctions is None else junctions)]
    in_junction = {k for g in groups for k in g}
    groups += [(r.key,) for r in records if r.key not in in_junction]  # no junction (a <DUP>): the record alone
    # per sample, each group's records as read (identity and the sample's columns), and which groups hold each one
    held: list[tuple[str, str, frozenset]] = []  # (sample, source, the group's records as read)
    holding: dict[tuple[str, tuple], list[int]] = {}  # (sample, one record as read) -> indexes into held
    members: list[tuple] = []
    for group in groups:
        recs = [by_key[k] for k in group]
        for sample in dict.fromkeys(s for r in recs for s in _carriers(r)):
            signature = frozenset((_identity(r), _columns(r, sample)) for r in recs)
            for one in signature:
                holding.setdefault((sample, one), []).append(len(held))
            held.append((sample, recs[0].source, signature))
            members.append(group)
    repeated: dict[tuple[str, int], dict[str, tuple[str, bool]]] = {}  # record key -> {sample: (kept source, whole)}
    for n, (sample, source, signature) in enumerate(held):
        # the other sources' groups that hold every record of this one for the sample (the same junction, or it whole)
        others = set.intersection(*(set(holding[(sample, one)]) for one in signature)) - {n}
        covering = [m for m in others if held[m][1] != source]
        if not covering:
            continue
        best = min(covering, key=lambda m: (-len(held[m][2]), order[held[m][1]]))  # the most whole, then the first
        kept_source, kept_signature = held[best][1], held[best][2]
        whole = len(kept_signature) > len(signature)
        if not whole and order[kept_source] > order[source]:  # the same records: the earlier file's copy stays
            continue
        for key in members[n]:
            repeated.setdefault(key, {})[sample] = (kept_source, whole)
    kept: list[SvRecord] = []
    left_out: dict[tuple[str, str, bool], int] = {}
    for rec in records:
        samples = repeated.get(rec.key)
        if not samples:
            kept.append(rec)
            continue
        kept_source, whole = next(iter(samples.values()))
        left_out[(rec.source, kept_source, whole)] = left_out.get((rec.source, kept_source, whole), 0) + 1
        remaining = [s for s in _carriers(rec) if s not in samples]
        if remaining:  # other samples' calls in the same record stay theirs
            kept.append(replace(rec, samples={k: v for k, v in rec.samples.items() if k not in samples}))
    return Duplicates(tuple(kept), left_out)


__all__ = ["Duplicates", "without_repeated_calls"]
