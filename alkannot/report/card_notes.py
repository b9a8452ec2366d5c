"""The notes a sample's HTML card prints under 'Notes': each of the sample's notes (the JSON's and TSV's, where every
column stands alone), less what the card already says just above it, decided by what each note is about (its
`note_kinds` entry, alkannot/note_identity.py: made where the note is written), never by its wording. The SV-only
negative fusion note leaves out what the card's fusion line says (`card_note`); a note on an ALK change with no call
for the drug last progressed on is left out where the P-gp note's lead says all of it (`said_in_pgp_note`, decided as
the document is made: `document_kinds`); an EGFR or KRAS note's clause on the series at progression is left out where
the card's off-target findings give its source (`off_target_said`)."""

from __future__ import annotations

import re

from ..note_identity import NO_CALL, OFF_TARGET_CONTEXT, SV_ONLY_NEGATIVE_FUSION, hidden, identity, note_kinds
from ..pgp_beside import facts_apart
from ..sample_negative_notes import SV_ONLY_NOTE
from ..sourced_text import bare_key, split_keys
from .plain_words import plain_words


def card_notes(s: dict) -> list[str]:
    """The card's notes of sample `s` (a JSON sample), in plain words."""
    return [
        plain_words(off_target_said(card_note(n, k), k, s))
        for n, k in zip(s["notes"], note_kinds(s))
        if not (k["kind"] == NO_CALL and k.get("said_in_pgp_note"))
    ]


def off_target_said(note: str, kind: dict, s: dict) -> str:
    """`note` without its clause on the series at progression ('...; at progression on crizotinib, one series found
    ... [DOE12]') where the card's off-target findings, just above, give the finding of the same gene on the clause's
    sources (rev50b: EGFR_bri's and KRAS_cri's cards, tests/data/offtarget_context, said DOE12's cases twice, in the
    findings and in the Notes)."""
    clause = kind.get("at_progression") if kind["kind"] == OFF_TARGET_CONTEXT else None
    if clause and any(
        o["gene"] == kind["gene"] and set(clause["sources"]) <= set(o["sources"]) for o in s["off_target"]
    ):
        return note.replace(clause["text"], "", 1)
    return note


def card_note(note: str, kind: dict) -> str:
    """A note as the card prints it: the SV-only negative fusion note without what the card's fusion line, just
    above, already says (`view.fusion_words`; final review of stop 28, finding 6: P6_T printed the clause twice)."""
    if kind["kind"] == SV_ONLY_NEGATIVE_FUSION:
        return "To confirm the fusion status: " + note.removeprefix(plain_words(SV_ONLY_NOTE))
    return note


def document_kinds(notes, pgp_note: str) -> list[dict]:
    """The document's `note_kinds` of a verdict's `notes` (note_identity.identity), a NO_CALL note's with
    `said_in_pgp_note`: whether the P-gp note (`pgp_note`, in plain words) names the change as its lead does
    (pgp_lead.no_call_named), saying all that the note says (rev50 review: P3_T's card printed the compound sentence
    twice, in the P-gp note and in the Notes; C04's L1198F+G1202R, review19's M5 L1256F 'whether it explains ... is
    not known'); an OFF_TARGET_CONTEXT note's clause in plain words, as its note is written."""
    lead = _keys_only(facts_apart(pgp_note)[0])
    kinds = []
    for n in notes:
        kind = identity(n)
        if kind["kind"] == NO_CALL:
            kind["said_in_pgp_note"] = _keys_only(plain_words(hidden(n, "pgp_words"))) in lead
        elif "at_progression" in kind:
            kind["at_progression"] = {**kind["at_progression"], "text": plain_words(kind["at_progression"]["text"])}
        kinds.append(kind)
    return kinds


def _keys_only(text: str) -> str:
    """`text` with each bracket's sources named by key alone: a note gives a source's identifier at its first citation
    only (sourced_text.identified_once), so the same sentence may cite 'SHI22, PMC9732888' in one note and 'SHI22' in
    the other."""
    return re.sub(r"\[([^\[\]]+)\]", lambda b: "[" + "; ".join(map(bare_key, split_keys(b.group(1)))) + "]", text)
