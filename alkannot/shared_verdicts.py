"""The verdicts of every analysed sample of one surveyed VCF, each made once per distinct sample state.

A joint-called cohort VCF has thousands of samples and, at the few records alkannot reads, few distinct states
(pipeline review of stop 42, finding 1: 60,000 samples took 149 s and 828 MB building the same two verdicts again
and again). A verdict is made from what the sample's own readings give (sample.sample_inputs: its sheet row, ALK
changes, fusion status and calls, copy number, off-target findings, the checked genes its records reach, what an
annotate run recorded for it), the sample's own context (its role, whether it is tumour-only, the normals it was not
checked against) and what all samples share (the run's context, the knowledge base, the input's name and build).
verdict_of reads nothing else, not even the sample's name, so samples whose inputs are equal, value for value, get
an equal verdict: it is made once and given each sample's name (sample.named). Pure: no I/O.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from typing import Any, Iterator

from .records import is_frozen_record, replace
from .roles import analysed_samples, normal_pairs
from .sample import named, sample_inputs, verdict_of
from .sample_types import SampleContext, SampleVerdict

SHARED = True  # False: every sample's verdict made afresh (the tests compare the outputs of both)
# the most recently used distinct states kept: a cohort whose samples share few states (the review's 60,000 samples,
# two states) finds them all; one whose every sample differs (allele fractions at the ALK records: 20,000 samples,
# 20,000 states) no longer keeps a key per sample, which held a third of the memory (issue 13)
STATES_KEPT = 256
# the most recently read frozen records whose keys are remembered: the knowledge base's statements, read for every
# sample, stay; a sample's own records, kept alive by its verdict, are not remembered for the rest of the run
KEYS_KEPT = 1024


class _Same:
    """A value of no type `state_key` knows: equal only to itself (kept alive, so its id is not reused)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.value is self.value

    def __hash__(self) -> int:
        return id(self.value)


class StateKeys:
    """Keys of sample states (`key`), equal for two values only where they are equal field for field and would be
    written alike. Types are part of a key (1, 1.0 and True compare equal), floats enter by their repr (-0.0 and 0.0
    compare equal), a mapping in its order, a record by every attribute it holds (also those it neither compares nor
    hashes, such as a fusion call's read support); anything else by its identity alone (_Same). The key of a frozen
    record that holds nothing mutable (the knowledge base's statements every sample's changes cite) is remembered
    while the record lives (the KEYS_KEPT most recently read), so that it is read once, not once per sample."""

    def __init__(self) -> None:
        self._known: OrderedDict[int, tuple[weakref.ref, Any]] = OrderedDict()

    def key(self, value: Any) -> Any:
        return self._key(value)[0]

    def _key(self, value: Any) -> tuple[Any, bool]:
        """(the key of `value`, whether `value` and all it holds are immutable)."""
        kind = type(value)
        if kind is str or kind is int or kind is bool or kind is bytes or value is None:  # not a subclass: below
            return (kind, value), True
        if kind is tuple and all(type(v) is str for v in value):  # a change's sources, the most common tuple
            return (tuple, value), True
        if isinstance(value, (str, int, bytes)):  # bool is an int
            return (kind, value), True
        if isinstance(value, float):
            return (kind, repr(value)), True
        if isinstance(value, (tuple, list, frozenset, set)):
            parts = [self._key(v) for v in value]
            keys = frozenset(k for k, _ in parts) if isinstance(value, (set, frozenset)) else tuple(k for k, _ in parts)
            return (kind, keys), isinstance(value, (tuple, frozenset)) and all(fixed for _, fixed in parts)
        if isinstance(value, dict):
            return (kind, tuple((self._key(k)[0], self._key(v)[0]) for k, v in value.items())), False
        if hasattr(kind, "__record_fields__"):  # records keep every attribute in __dict__ (records.py)
            return self._record_key(value)
        return _Same(value), False

    def _record_key(self, value: Any) -> tuple[Any, bool]:
        known = self._known.get(id(value))
        if known is not None and known[0]() is value:
            self._known.move_to_end(id(value))
            return known[1], True
        parts = [(name, self._key(v)) for name, v in vars(value).items()]
        key = (type(value), tuple((name, k) for name, (k, _) in parts))
        fixed = is_frozen_record(value) and all(f for _, (_, f) in parts)
        if fixed:
            self._known[id(value)] = (weakref.ref(value, self._forget(id(value))), key)
            if len(self._known) > KEYS_KEPT:  # the least recently read: one sample's own records, not the KB's
                self._known.popitem(last=False)
        return key, fixed

    def _forget(self, ident: int):
        """The callback that drops a record's remembered key when the record is gone (before its id can be reused)."""

        def forget(ref: weakref.ref) -> None:
            known = self._known.get(ident)
            if known is not None and known[0] is ref:
                del self._known[ident]

        return forget


def state_key(value: Any) -> Any:
    """The key of one value (StateKeys.key), with nothing remembered."""
    return StateKeys().key(value)


def sample_verdicts(survey, context: SampleContext, kb) -> Iterator[SampleVerdict]:
    """The verdict of every analysed sample of one surveyed VCF, in the input's order, one at a time: a caller that
    keeps of each only what it writes holds no sample's verdict after the next one is made (issue 13: 20,000
    samples whose states all differ kept 20 KB each until the header was written)."""
    samples, role, left_out = analysed_samples(survey, context.tumor, context.tumours, context.normals)
    matched = normal_pairs(survey, context, samples, left_out)
    declared = set(survey.normal_headers) | set(context.normals) | {s for s in survey.samples if s.upper() == "NORMAL"}
    tumour_only = not left_out and not declared and not context.normals
    paired = set(survey.paired_outside)  # a MAF's Matched_Norm_Sample_Barcode: somatic calls
    made: OrderedDict[Any, SampleVerdict] = OrderedDict()
    keys = StateKeys()
    for s in samples:
        own = {  # the sample's own context: with its inputs, all that differs from one sample to the next
            "tumour_only": tumour_only and s not in paired,
            "unpaired_normals": () if matched.get(s) or s in paired else tuple(n for n in left_out if n in declared),
        }
        sample_context = replace(context, **own)
        inputs = sample_inputs(survey, s, sample_context, kb, matched.get(s, ()))
        key = (role, keys.key(own), keys.key(inputs)) if SHARED else None
        verdict = made.get(key) if key is not None else None
        if verdict is None:
            verdict = verdict_of(inputs, role, sample_context, kb, survey.display, survey.build)
            if key is not None:
                made[key] = verdict
                if len(made) > STATES_KEPT:
                    made.popitem(last=False)
        else:
            made.move_to_end(key)
        yield named(verdict, s, inputs)


__all__ = ["SHARED", "STATES_KEPT", "StateKeys", "sample_verdicts", "state_key"]
