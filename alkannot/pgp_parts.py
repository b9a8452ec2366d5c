"""The parts of a P-gp note, each with its kind (JSON `pgp.parts`, schema 2.29; the HTML card's P-gp box): where the
note is built (pgp.py, pgp_advice.py), each piece it adds is named with its kind and the text it adds; `located`
finds where each piece starts in the finished note, in the order they were added, and cuts the note there, so the
parts joined with single spaces are the note, byte for byte. The note itself is never rebuilt from its parts. Where a
piece cannot be found as added, or a cut would not fall on a single space, the note is one part of kind `note` (so a
path that names no pieces, and a note changed after it was built, stay whole). Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .sourced_text import identified_once

Parts = tuple[tuple[str, str], ...]  # (kind, text), in the note's order

VERDICT = "verdict_and_advice"  # the flag, the lead, the reason and the IHC to order: every note's first part
KINDS = (
    VERDICT,
    "frequency",  # how often P-gp overexpression was found (KAT16), and that it is not a yield after another drug
    "alternatives_after_history",  # the sourced activity of the unaffected inhibitors after this treatment history
    "if_ihc_positive",  # what was seen in P-gp-overexpressing cells, or what a positive IHC would mean
    "pgp_inhibitor_combination",  # the P-gp inhibitor combination (preclinical)
    "chemotherapy",  # with a positive IHC: P-gp status and the choice of chemotherapy
    "other_genes",  # what the genes alkannot checks showed, or the off-target candidates to look at first
    "transformation",  # the prompt to review the re-biopsy's histology for small-cell transformation
    "pgp_facts",  # what P-gp overexpression does to each inhibitor
    "transport",  # which inhibitors ABCB1 transports (pharmacokinetics)
    "abcb1_expression",  # the sample sheet's ABCB1 expression (TPM)
    "full_advice",  # where ALK positivity is not established: what the full note, once it is, adds
    "caveat",  # a caveat said after the note was built (a known mutation also in the matched normal)
    "note",  # a note, or the rest of one, not cut into parts
)
_SEPARATOR = "\x00"  # between parts while identified_once reads the note whole: never inside a bracket


def located(note: str, pieces: Iterable[tuple[str, str]]) -> Parts:
    """`note` cut where each of `pieces` ((kind, the text the builder added), in the order added) starts; the text
    before the first piece is the verdict. One `note` part where a piece is not found after the one before it or
    would not start after a single space."""
    cuts: list[tuple[int, str]] = [(0, VERDICT)]
    cursor = 0
    for kind, text in pieces:
        text = text.strip()
        if not text:
            continue
        start = note.find(text, cursor)
        if start <= 0 or note[start - 1] != " " or note[start - 2 : start - 1] == " ":
            return (("note", note),)
        cuts.append((start, kind))
        cursor = start + len(text)
    ends = [start for start, _ in cuts[1:]] + [len(note)]
    parts = tuple((kind, note[start:end].strip()) for (start, kind), end in zip(cuts, ends))
    return parts if joined(parts) == note else (("note", note),)


def joined(parts: Parts) -> str:
    """The note the parts make: their texts with single spaces."""
    return " ".join(text for _, text in parts)


def whole(parts: Parts, note: str) -> Parts:
    """`parts` where they make `note`, else `note` as one part (a note changed where its parts were not)."""
    return parts if parts and joined(parts) == note else (("note", note),)


def each(parts: Parts, change: Callable[[str], str]) -> Parts:
    """`parts` with `change` (a replacement that stays within a part) made to each text."""
    return tuple((kind, change(text)) for kind, text in parts)


def parts_identified_once(parts: Parts) -> Parts:
    """`parts` with sourced_text.identified_once made to the note they form, read whole (a source's identifier at
    its first citation in the note, not in each part)."""
    texts = identified_once(_SEPARATOR.join(text for _, text in parts)).split(_SEPARATOR)
    if len(texts) != len(parts):
        return (("note", identified_once(joined(parts))),)
    return tuple((kind, text) for (kind, _), text in zip(parts, texts))


def piece_identified_once(note: str, piece: str) -> tuple[str, str]:
    """(`note` with sourced_text.identified_once made to it, `piece` as it then stands): `piece` is a sentence the
    builder added, found in the note it built as `located` finds one (its first place there); '' for a piece that is
    '' or not in the note."""
    start = note.find(piece) if piece else -1
    if start < 0:
        return identified_once(note), ""
    texts = identified_once(_SEPARATOR.join((note[:start], piece, note[start + len(piece) :]))).split(_SEPARATOR)
    if len(texts) != 3:
        return identified_once(note), ""
    return "".join(texts), texts[1]


def appended(parts: Parts, kind: str, text: str) -> Parts:
    """`parts` with a part of `kind` added at the end (the note gets ' ' + `text`)."""
    return (*parts, (kind, text))
