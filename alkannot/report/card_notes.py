"""The notes a sample's HTML card prints under 'Notes': each of the sample's notes (the JSON's and TSV's, where every
column stands alone), less what the card already says just above it. The SV-only negative fusion note leaves out
what the card's fusion line says (`card_note`); a note on an ALK change the knowledge base has no call for the drug
last progressed on is left out where the P-gp note's lead, printed on the card, says all of it (`said_in_lead`); an
EGFR or KRAS note's DOE12 clause is left out where the card's off-target findings give DOE12 (`off_target_said`)."""

from __future__ import annotations

import re

from ..pgp_beside import facts_apart
from ..sample_negative_notes import SV_ONLY_NOTE
from ..sourced_text import bare_key, split_keys
from .plain_words import plain_words

# sample_notes.explanation_notes' note on a change with no call for the latest drug ('L1196M+G1202R (cis) is present;
# the knowledge base has no genotype-based lorlatinib call for it, but it contains G1202R, ...: it may explain this
# progression, though ...' or '..., so whether it explains the progression on crizotinib is not known.')
_NO_CALL = re.compile(
    r"(?P<basis>.+?) is present; the knowledge base has no genotype-based (?P<drug>.+?) call for it, "
    r"(?:but (?P<clause>it contains .+)|so whether it explains the progression on (?P=drug) is not known\.)",
    re.S,
)


# offtarget_notes' clause after an EGFR or KRAS mutation's 'unexpected' note at a progression (statements.tsv
# unexpected_<gene>_mutation_at_progression: '...; at progression on crizotinib, one series found ... [DOE12, ...].')
_AT_PROGRESSION = re.compile(r"; at progression on crizotinib, one series found[^\[]+\[DOE12[^\]]*\](?=\.$)")


def card_notes(s: dict) -> list[str]:
    """The card's notes of sample `s` (a JSON sample), in plain words."""
    lead = _keys_only(facts_apart(s["pgp"]["note"])[0])
    return [plain_words(off_target_said(card_note(n), s)) for n in s["notes"] if not said_in_lead(n, lead)]


def off_target_said(note: str, s: dict) -> str:
    """`note` without its DOE12 clause ('...; at progression on crizotinib, one series found ... [DOE12]') where the
    card's off-target findings, just above, give the finding of the same gene on DOE12 (rev50b: EGFR_bri's and
    KRAS_cri's cards, tests/data/offtarget_context, said DOE12's cases twice, in the findings and in the Notes)."""
    gene = note.split(" ", 1)[0]
    if any(o["gene"] == gene and "DOE12" in o["sources"] for o in s["off_target"]):
        return _AT_PROGRESSION.sub("", note)
    return note


def card_note(note: str) -> str:
    """A note as the card prints it: the SV-only negative fusion note without what the card's fusion line, just
    above, already says (`fusion_words`; final review of stop 28, finding 6: P6_T printed the clause twice)."""
    if note.startswith(SV_ONLY_NOTE):
        return "To confirm the fusion status: " + note[len(SV_ONLY_NOTE) :]
    return note


def said_in_lead(note: str, lead: str) -> bool:
    """Whether the P-gp note's `lead` (`_keys_only`) says all that a note on a change with no call for the latest
    drug says, as pgp_lead._named_open writes it ('L1196M+G1202R (cis), which has no genotype-based lorlatinib call in
    the knowledge base, is present: it contains G1202R, ...'): the card then says it once (rev50 review: P3_T's card
    printed the compound sentence twice, in the P-gp note and in the Notes; C04's L1198F+G1202R, review19's M5
    L1256F 'whether it explains ... is not known')."""
    found = _NO_CALL.fullmatch(_keys_only(note))
    if found is None:
        return False
    said = found["clause"] or "whether it explains this progression is not known."
    named = f"{found['basis']}, which has no genotype-based {found['drug']} call in the knowledge base, is present"
    return f"{named}: {said}" in lead


def _keys_only(text: str) -> str:
    """`text` with each bracket's sources named by key alone: a note gives a source's identifier at its first citation
    only (sourced_text.identified_once), so the same sentence may cite 'SHI22, PMC9732888' in one note and 'SHI22' in
    the other."""
    return re.sub(r"\[([^\[\]]+)\]", lambda b: "[" + "; ".join(map(bare_key, split_keys(b.group(1)))) + "]", text)
