"""What a sample's note is about, given where the note is written: its kind and the facts it concerns (which change,
which drug, which gene), beside its words. The report's `note_kinds` (schema 2.28, parallel to `notes`) carries it,
so that the HTML card, laid out from the run or from a saved PREFIX.json, decides which notes it leaves out (what the
card says just above) from what a note is about, not from how it is worded (report/card_notes.py). Pure."""

from __future__ import annotations

from typing import Any

# the kinds a card or a box reads; a note made without one is OTHER
NO_CALL = "no_call"  # an ALK change with no genotype-based call for the drug last progressed on (change, drug)
SV_ONLY_NEGATIVE_FUSION = "sv_only_negative_fusion"  # a negative fusion status from DNA SV calls alone
OFF_TARGET_CONTEXT = "off_target_context"  # what the sources say of an off-target finding here (gene, statements)
FUSION_NOT_ASSESSED = "fusion_not_assessed"  # no SV calls or fusion table cover the sample
SENSITIVE_TO_LATEST = "sensitive_to_latest"  # a clonal ALK change called sensitive to the drug last progressed on
# an on-target change counted whatever its allele fraction: no --min-vaf (sample_notes.min_vaf_notes)
COUNTED_AT_ANY_VAF = "counted_at_any_vaf"
OTHER = "other"
NOTE_KINDS = (
    NO_CALL,
    SENSITIVE_TO_LATEST,
    SV_ONLY_NEGATIVE_FUSION,
    OFF_TARGET_CONTEXT,
    FUSION_NOT_ASSESSED,
    COUNTED_AT_ANY_VAF,
    OTHER,
)


class Note(str):
    """A note's text (a `str`, as every writer reads it) with its `kind` and `facts`."""

    kind: str
    facts: dict[str, Any]

    def __new__(cls, text: str, kind: str = OTHER, **facts: Any) -> Note:
        note = super().__new__(cls, text)
        note.kind, note.facts = kind, facts
        return note


def identity(note: str) -> dict[str, Any]:
    """`note`'s kind and facts, as the report's `note_kinds` gives them: {'kind': 'other'} for a note made without."""
    if isinstance(note, Note):
        return {"kind": note.kind, **note.facts}
    return {"kind": OTHER}


def is_kind(note: str, kind: str) -> bool:
    """Whether `note`, as made, is of `kind`."""
    return isinstance(note, Note) and note.kind == kind


def note_kinds(s: dict) -> list[dict[str, Any]]:
    """A sample document's `note_kinds`, one per note; every note OTHER in a document written before schema 2.28 (or
    one whose `note_kinds` does not pair with its notes: no note is lost or left out on a guess)."""
    kinds = s.get("note_kinds")
    if kinds is None or len(kinds) != len(s["notes"]):
        return [{"kind": OTHER} for _ in s["notes"]]
    return list(kinds)


__all__ = [
    "COUNTED_AT_ANY_VAF",
    "FUSION_NOT_ASSESSED",
    "NOTE_KINDS",
    "NO_CALL",
    "OFF_TARGET_CONTEXT",
    "OTHER",
    "SENSITIVE_TO_LATEST",
    "SV_ONLY_NEGATIVE_FUSION",
    "Note",
    "identity",
    "is_kind",
    "note_kinds",
]
