"""The notes a sample's HTML card prints under 'Notes': each of the sample's notes (the JSON's and TSV's, where every
column stands alone), less what the card already says just above it, decided by what each note is about (its
`note_kinds` entry, alkannot/note_identity.py: made where the note is written), never by its wording. The SV-only
negative fusion note leaves out what the card's fusion line says (`card_note`); a note on an ALK change with no call
for the drug last progressed on is left out where the P-gp note's lead says all of it (`said_in_pgp_note`, decided as
the document is made: `document_kinds`); an EGFR or KRAS note's clause on the series at progression is left out where
the card's off-target findings give its source (`off_target_said`)."""

from __future__ import annotations

from ..note_identity import (
    NO_CALL,
    OFF_TARGET_CONTEXT,
    SENSITIVE_TO_LATEST,
    SV_ONLY_NEGATIVE_FUSION,
    identity,
    note_kinds,
)
from ..sample_negative_notes import SV_ONLY_NOTE
from .plain_words import plain_words

# the kinds of note the P-gp note's lead may say whole (PgpAssessment.lead_named)
_LEAD_KINDS = (NO_CALL, SENSITIVE_TO_LATEST)


def card_notes(s: dict) -> list[str]:
    """The card's notes of sample `s` (a JSON sample), in plain words."""
    return [
        plain_words(off_target_said(card_note(n, k), k, s))
        for n, k in zip(s["notes"], note_kinds(s))
        if not (k["kind"] in _LEAD_KINDS and k.get("said_in_pgp_note"))
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


def document_kinds(notes, lead_named: tuple[tuple[str, str, str], ...]) -> list[dict]:
    """The document's `note_kinds` of a verdict's `notes` (note_identity.identity), a NO_CALL note's with
    `said_in_pgp_note`: whether the P-gp note's lead names its change and drug as having no call (`lead_named`:
    PgpAssessment.lead_named, recorded where pgp_lead.no_call_named writes the clause the note keeps), saying all that
    the note says (rev50 review: P3_T's card printed the compound sentence twice, in the P-gp note and in the Notes;
    C04's L1198F+G1202R, review19's M5 L1256F 'whether it explains ... is not known'); likewise a SENSITIVE_TO_LATEST
    note's, where the lead names the change as sensitive to that drug, with any partner below the cut-off (rev51,
    finding 1: LV6's card said C1156Y's partner clause twice); an OFF_TARGET_CONTEXT note's clause in plain words, as
    its note is written."""
    kinds = []
    for n in notes:
        kind = identity(n)
        if kind["kind"] in _LEAD_KINDS:
            kind["said_in_pgp_note"] = (kind["kind"], kind["change"], kind["drug"]) in lead_named
        elif "at_progression" in kind:
            kind["at_progression"] = {**kind["at_progression"], "text": plain_words(kind["at_progression"]["text"])}
        kinds.append(kind)
    return kinds
