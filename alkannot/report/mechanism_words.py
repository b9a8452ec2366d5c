"""A sample's mechanism qualified where it does not explain a recorded resistance (sample_boxes.mechanism_context), in
the words the HTML's card heading and cohort table use: the MultiQC `mechanism` cell and the TSV's
`mechanism_qualified` column (clinical review of stop 42, findings 10 and 11):

    unexplained (no progression recorded: nothing to explain)      the sheet's progressed_on is none
    on_target (no progression recorded: check the treatment history)   the same, with a resistance mutation
    unexplained if progressed (treatment history unknown)          no history (an on-target mutation's drug unknown too)
    on_target if clonal (no clonality cut-off set)                 counted at any allele fraction (no --min-vaf)
    on_target if ALK-driven (not assessable: ALK-negative in the sample sheet)
    unexplained (not assessable: ALK positivity not shown)
    on_target_possible (not assessable: ALK positivity not shown, no progression recorded)   progressed_on none

Its first word is always the contract's value. The TSV's `mechanism` column and the JSON's `mechanism` keep that
value alone (CONTRACT.md's sample-level verdict: readers compare it exactly, as tests/test_scenarios.py does the way
the held-out checks run; a new value broke them once, review of the day's changes, finding 5), beside
`mechanism_context`.
"""

from __future__ import annotations

from typing import Callable

from ..note_identity import COUNTED_AT_ANY_VAF, OTHER, note_kinds
from ..pgp_explain import NO_MIN_VAF
from .plain_words import plain_words
from .sample_boxes import mechanism_context

# why a sample is not assessable, by its P-gp context (the HTML heading's 'not assessable (...)'): the sample sheet
# itself puts ALK positivity in question (clinical review of stop 39, finding 9), or nothing shows it
NOT_ASSESSABLE_REASONS = {
    "alk_negative": "ALK-negative in the sample sheet",
    "alk_status_discordant": "ALK status discordant: see the note",
    "alk_not_established": "ALK positivity not shown",
}
# in the not_assessable box with a context of its own (an unexplained tumour of which nothing about ALK is known:
# no fusion status, no ALK mutation, no sheet alk_status)
NO_ALK_EVIDENCE = "no ALK evidence"
NO_PROGRESSION_SHORT = "no progression recorded"
NO_PROGRESSION = f"{NO_PROGRESSION_SHORT}: nothing to explain"
# a resistance mutation where the sheet records no ALK inhibitor: its note asks to check the treatment history and that
# the change is somatic, so the qualifier does not say 'nothing to explain' (clinical read of stop 43, finding 5)
CHECK_HISTORY = "check the treatment history"
NO_PROGRESSION_ON_TARGET = f"no progression recorded: {CHECK_HISTORY}"
IF_PROGRESSED = "if progressed"
HISTORY_UNKNOWN = "treatment history unknown"
IF_ALK_DRIVEN = "if ALK-driven"
ON_TARGET_WORD = "on-target"
# an on-target mutation counted whatever its allele fraction (no --min-vaf): its P-gp note says whether it explains
# the progression is uncertain, so the page does not show it among the 'sources agreeing' without saying so (rev49,
# finding 1); the contract's `mechanism` stays on_target
IF_CLONAL = "if clonal"
NO_CUT_OFF = "no clonality cut-off set"


def not_assessable_reason(s: dict) -> str:
    return NOT_ASSESSABLE_REASONS.get(s["pgp"]["context"], NO_ALK_EVIDENCE)


def driven_mechanism(s: dict) -> bool:
    """Whether a not-assessable sample's mechanism is said 'if ALK-driven': not an unexplained one, nor a possible
    on-target one where the sheet records no progression (progressed_on none: a change of unknown significance, or
    one below the cut-off, explains nothing; stop 48). A resistance mutation keeps it: its note asks to check the
    treatment history (untreated_resistance_notes)."""
    if s["mechanism"] == "unexplained":
        return False
    return s["progressed_on"] != [] or s["mechanism"] == "on_target"


def mechanism_qualified(s: dict) -> str:
    """The bare value where it is about the tumour's resistance, else the value with what it is about, so that
    neither a tumour that never progressed reads 'unexplained' nor one the sheet gives as ALK-negative a bare
    'on_target' (the TSV's `mechanism_context` column gives the context alone)."""
    value, context = s["mechanism"], mechanism_context(s)
    # counted at any allele fraction: 'if clonal', as the card heading says (rev50: the HTML said it since rev49,
    # finding 1, the TSV and MultiQC a bare on_target beside a note calling the explanation uncertain)
    clonal = f" {IF_CLONAL} ({NO_CUT_OFF})" if context in ("resistance", "no_history") and counted_at_any_vaf(s) else ""
    if context == "no_progression":
        return f"{value} ({NO_PROGRESSION_ON_TARGET if value == 'on_target' else NO_PROGRESSION})"
    if context == "no_history":
        return f"{value} {IF_PROGRESSED} ({HISTORY_UNKNOWN}){clonal.replace(' if', ' and if')}"
    if context == "not_assessable":
        # ': ' inside the brackets is ', ': the cell reads 'not assessable: REASON' (as tsv.separable writes a basis)
        reason = not_assessable_reason(s).replace(": ", ", ")
        driven = f" {IF_ALK_DRIVEN}" if driven_mechanism(s) else ""
        untreated = f", {NO_PROGRESSION_SHORT}" if s["progressed_on"] == [] else ""
        return f"{value}{driven} (not assessable: {reason}{untreated})"
    return value + clonal


def counted_at_any_vaf(s: dict) -> bool:
    """An on_target sample whose mutation was counted whatever its allele fraction: no --min-vaf applied to it (its
    notes say so, a COUNTED_AT_ANY_VAF note of sample_notes.min_vaf_notes; a report over inputs with different
    cut-offs knows it per sample only there), by the note's kind (`note_kinds`). A document saved before schema 2.28
    gives every note as `other` (note_identity.note_kinds): there, and only there, the note is known by its opening
    words, so that an old PREFIX.json is laid out as before."""
    if s["mechanism"] != "on_target":
        return False
    kinds = [k["kind"] for k in note_kinds(s)] if "notes" in s else []
    if any(kind != OTHER for kind in kinds):
        return COUNTED_AT_ANY_VAF in kinds
    said = (NO_MIN_VAF, plain_words(NO_MIN_VAF))  # the document's notes are in plain words
    return any(n.startswith(said) for n in s.get("notes", ()))


def box_saying(s: dict) -> str | None:
    """What a mechanism box of the HTML says beside a sample's name, as its card heading says it: a sample whose
    history is unknown 'if progressed: treatment history unknown' ('C13_T (if progressed: ...)'), a sample with a
    resistance mutation where no progression is recorded what its note asks ('S2_T (on-target: check the treatment
    history)'), one counted at any allele fraction 'if clonal: no clonality cut-off set' ('P7_T (if clonal: ...)';
    rev49, finding 1); None for the others."""
    context = mechanism_context(s)
    if context == "no_progression" and s["mechanism"] == "on_target":
        return f"{ON_TARGET_WORD}: {CHECK_HISTORY}"
    said = [f"{IF_PROGRESSED}: {HISTORY_UNKNOWN}"] if context == "no_history" else []
    if context in ("resistance", "no_history") and counted_at_any_vaf(s):
        said.append(f"{IF_CLONAL}: {NO_CUT_OFF}")
    return "; ".join(said) or None


def box_names(shown: dict[str, str]) -> Callable[[list[str]], list[str]]:
    """The names in a mechanism box of the HTML, each as `shown` (label -> the label with what box_saying says beside
    it in one bracket, input_labels.label_saying, found in one reading of the samples: page_reading.PageReading)."""
    return lambda names: [shown.get(n, n) for n in names]


__all__ = [
    "counted_at_any_vaf",
    "driven_mechanism",
    "mechanism_qualified",
    "not_assessable_reason",
    "box_names",
    "box_saying",
]
