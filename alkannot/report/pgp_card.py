"""The P-gp box of a sample's HTML card, laid out by the note's parts (JSON `pgp.parts`, schema 2.29; pgp_parts.py):
the verdict and advice first, prominent; then each other part as a short paragraph under its label ('If P-gp IHC is
positive', 'Other genes checked', 'Small-cell transformation', ...), in the note's order; the per-inhibitor P-gp facts
and ABCB1 transport folded under one <details>. A JSON without parts (one written before schema 2.29), or a note
that is one part, is laid out as before: the note whole, its P-gp facts sentence folded (pgp_beside.facts_apart).
Every part is shown; none is read out of the note's wording. Pure.
"""

from __future__ import annotations

from ..pgp_beside import FACTS_OPENING, FREQUENCY_OPENING, TPM_OPENING, facts_apart
from ..pgp_parts import VERDICT
from ..sourced_text import SOURCED_ACTIVITY
from .plain_words import plain_words
from .tags import after_heading

# the label the card gives each kind of part (an unknown kind, or `note`, has none: its text is shown as it is), in a
# tumour board's words: what the paragraph is about, not the kind's name ('Frequency' of what, 'Other inhibitors' than
# which, 'The full advice' of whom: clinical read of stop 52); held back 'until the ALK status is known', as the
# summary's box says it; 'RNA' where a pathologist would read 'expression' as IHC
LABELS = {
    "frequency": "How often P-gp overexpression is found",
    "alternatives_after_history": "Activity after this treatment history",
    "if_ihc_positive": "If P-gp IHC is positive",
    "pgp_inhibitor_combination": "P-gp inhibitor combination",
    "chemotherapy": "Chemotherapy",
    "other_genes": "Other genes checked",
    "transformation": "Small-cell transformation",
    "abcb1_expression": "ABCB1 RNA expression",
    "full_advice": "Held back until the ALK status is known",
    "caveat": "Also in the matched normal",
}
FOLDED = ("pgp_facts", "transport")  # under 'P-gp facts per inhibitor'
# where the sample sheet gives the IHC as positive, the part is about a finding, not a condition: the card read "If
# P-gp IHC is positive: With P-gp IHC positive: in cell models, ..." on an IHC-positive tumour (clinical read of stop
# 52); the part's own opening is then its label, shown once
DONE_LABELS = {"if_ihc_positive": "With P-gp IHC positive"}
# the note's opening of a part whose label says it, not shown again under it: the card read "Activity after this
# treatment history: Sourced activity after this treatment history of the inhibitors ..." and "ABCB1 RNA expression:
# ABCB1 expression 3.2 TPM ..." (clinical read of stop 52); the TSV and JSON keep the note's words. "How often P-gp
# overexpression is found: P-gp overexpression was found in 3 of 11 ..." likewise: the count that is left reads as
# the answer to its label ("3 of 11 crizotinib- or ceritinib-resistant ALK-positive tumours [KAT16; SEED]")
ECHOES = {
    "alternatives_after_history": SOURCED_ACTIVITY,
    "abcb1_expression": TPM_OPENING,
    "frequency": FREQUENCY_OPENING,
}


def folded_facts(note: str) -> str:
    """The note's P-gp facts sentence as the card folds it under its summary 'P-gp facts per inhibitor': without its
    opening 'P-gp facts: ', which the summary already says (rev49, finding 6: 'P-gp facts per inhibitor' followed by
    'P-gp facts: ...'); '' where the note has none."""
    return _under_summary(facts_apart(note)[1])


def _under_summary(facts: str) -> str:
    """The P-gp facts (and transport) as folded under 'P-gp facts per inhibitor': without 'P-gp facts: '."""
    facts = facts.removeprefix(FACTS_OPENING)
    return facts[:1].upper() + facts[1:]


def pgp_box(s: dict, check: str) -> dict:
    """The card's P-gp box of sample document `s` under its heading 'P-gp (ABCB1) check: CHECK.': `note` (the whole
    note, for a --html-template), `lead` (the verdict and advice, or the note without its facts where it has no
    parts), `sections` ({label, text} of each other part, in order) and `facts` (folded)."""
    note = plain_words(s["pgp"]["note"])
    parts = [p for p in s["pgp"].get("parts") or () if p["text"]]
    if not parts or parts[0]["kind"] != VERDICT or " ".join(p["text"] for p in parts) != s["pgp"]["note"]:
        lead = after_heading(plain_words(facts_apart(s["pgp"]["note"])[0]), check)
        return {"note": note, "lead": lead, "sections": [], "facts": plain_words(folded_facts(s["pgp"]["note"]))}
    labels = {**LABELS, **DONE_LABELS} if s["pgp"].get("abcb1_ihc") == "positive" else LABELS
    sections = [_section(labels, p["kind"], plain_words(p["text"])) for p in parts[1:] if p["kind"] not in FOLDED]
    facts = _under_summary(" ".join(plain_words(p["text"]) for p in parts if p["kind"] in FOLDED))
    return {
        "note": note,
        "lead": after_heading(plain_words(parts[0]["text"]), check),
        "sections": sections,
        "facts": facts,
    }


def _section(labels: dict[str, str], kind: str, text: str) -> dict:
    """{label, text} of one part; a text that opens with its label ('If P-gp IHC is positive: ...') or with the words
    the label stands for (`ECHOES`: 'Sourced activity after this treatment history of the inhibitors ...' under
    'Activity after this treatment history', 'ABCB1 expression 3.2 TPM' under 'ABCB1 RNA expression', 'P-gp
    overexpression was found in' before a count under 'How often P-gp overexpression is found') is shown without
    repeating it."""
    label = labels.get(kind, "")
    for opening in (f"{label}: " if label else "", ECHOES.get(kind, "") if label else ""):
        rest = text[len(opening) :].strip(": ")
        if opening == FREQUENCY_OPENING and not rest[:1].isdigit():  # only a count reads as the label's answer
            continue
        if opening and text.startswith(opening) and rest:
            text = text[len(opening) :].lstrip(": ")
            text = text[:1].upper() + text[1:]
    return {"label": label, "text": text}
