"""The ALK copy-number changes (a gain or a deletion over the kinase domain) an annotate run weighed, as its
##alkannotSample line records them (AlkCopyNumber=), read back where a later run on that output has not their
evidence (a CNV caller's --sv VCF). `alkannot report` on an annotated VCF only named a recorded change in a note: a
kinase-domain deletion that made on-target resistance possible was dropped from the verdict, and the tumour came
back ALK-mutation-negative, its P-gp flag saying unexplained (review of stop 37's fixes, finding 6).

Each change is written as its report label, its record and its FILTER, and why it does not count where it does not:
`ALK deletion (CN not given) at chr2:29220740-29220800 <DEL> (FILTER=PASS)`,
`ALK deletion (CN=1) at chr2:29220740-29220800 <DEL> (FILTER=PASS, not counted: in_normal by N)`, ';'-joined.
A value written before this form (the label alone) names no record: it is named in a note, not weighed.
"""

from __future__ import annotations

import re

from .copynumber import GAIN_LEVELS, LOSS_LEVELS, AlkCopyNumber
from .records import replace

_ENTRY = re.compile(
    r"^(?P<label>ALK .+?) at (?P<chrom>[^\s:]+):(?P<pos>[0-9]+)(?:-(?P<end>[0-9]+))?(?: (?P<alt>\S+))?"
    r" \(FILTER=(?P<filter>[^,()\s]*)(?:, not counted: (?P<why>in_normal|whole_gene)(?: by (?P<normals>.+))?)?\)$"
)


def recorded_copy_number_value(changes) -> str:
    """AlkCopyNumber=: each change's label, record, FILTER and why it does not count, ';'-joined (module doc)."""

    def entry(change: AlkCopyNumber) -> str:
        why = ""
        if change.not_counted:
            why = f", not counted: {change.not_counted}" + (f" by {'+'.join(change.normals)}" if change.normals else "")
        return f"{change.label} at {change.record} (FILTER={change.filter or '.'}{why})"

    return ";".join(entry(c) for c in changes)


def _number(text: str) -> float | int:
    return float(text) if any(c in text for c in ".eE") else int(text)


def _levelled(label: str, change: AlkCopyNumber) -> AlkCopyNumber | None:
    """`change` with the level and CN its label names (the label is built from them: copynumber.AlkCopyNumber.label);
    None where no level gives that label."""
    shown = re.search(r"\(CN=([^)]+)\)", label)
    try:
        cn = _number(shown.group(1)) if shown else None
    except ValueError:
        return None
    for level in GAIN_LEVELS + LOSS_LEVELS:
        candidate = replace(change, cn=cn, level=level)
        if candidate.label == label:
            return candidate
    return None


def parse_recorded_copy_number(value: str | None) -> tuple[AlkCopyNumber, ...] | None:
    """The changes an AlkCopyNumber= value records, each marked `recorded`; None where any entry is not in the form
    recorded_copy_number_value writes (a value written before it: the label alone)."""
    changes = []
    for item in (value or "").split(";"):
        found = _ENTRY.match(item.strip())
        if found is None:
            return None
        end = found["end"]
        change = AlkCopyNumber(
            found["chrom"],
            int(found["pos"]),
            int(end) if end else None,
            found["alt"] or "",
            None,
            "",
            found["filter"],
            not_counted=found["why"] or "",
            normals=tuple(found["normals"].split("+")) if found["normals"] else (),
            recorded=True,
        )
        levelled = _levelled(found["label"], change)
        if levelled is None:
            return None
        changes.append(levelled)
    return tuple(changes)


def recorded_copy_numbers(recorded: dict[str, dict[str, str]]) -> tuple[tuple[str, tuple[AlkCopyNumber, ...]], ...]:
    """(sample, its recorded changes) of each ##alkannotSample line whose AlkCopyNumber= can be read back."""
    found = []
    for sample, items in recorded.items():
        changes = parse_recorded_copy_number(items.get("AlkCopyNumber"))
        if changes:
            found.append((sample, changes))
    return tuple(found)


def recorded_copy_number_note(value: str, weighed) -> str:
    """The note on the changes an AlkCopyNumber= `value` records, where this run has not their evidence: those it
    weighs as the annotate run weighed them (`weighed`, read back), or (a value written before the record was, the
    label alone) named only."""
    if weighed:
        named = "; ".join(f"{c.label} at {c.record}" for c in weighed)
        return (
            f"{named}: recorded in the ##alkannotSample line when this VCF was annotated; its evidence came from "
            "inputs not in this file (e.g. a CNV caller's --sv VCF), so this run weighs it as that run did; rerun "
            "with them to check it."
        )
    return (
        f"{value} recorded in the ##alkannotSample line when this VCF was annotated: its evidence came from inputs not "
        "in this file (e.g. a CNV caller's --sv VCF), so this run does not weigh it; rerun with them."
    )


__all__ = [
    "parse_recorded_copy_number",
    "recorded_copy_number_note",
    "recorded_copy_number_value",
    "recorded_copy_numbers",
]
