"""The tags and boxes of PREFIX.html that say a sample's mechanism and P-gp check in words: the JSON keeps the
contract's values; what the page says differs where the value alone would mislead a reader of the summary box, the
card heading or the cohort table (oncologist reading of stop 28), and the TSV and MultiQC tables qualify the mechanism
in the same words (mechanism_words; clinical review of stop 42, findings 10 and 11)."""

from __future__ import annotations

import re
from typing import Callable

from ..pgp_beside import CONDITIONAL_WORDS, IF_ALK_POSITIVE
from .input_labels import label_saying
from .mechanism_words import (
    CHECK_HISTORY,
    HISTORY_UNKNOWN,
    IF_ALK_DRIVEN,
    IF_CLONAL,
    IF_PROGRESSED,
    NO_CUT_OFF,
    ON_TARGET_WORD,
    counted_at_any_vaf,
    driven_mechanism,
    not_assessable_reason,
)
from .sample_boxes import PGP_BOXES, mechanism_box, mechanism_context

LABELS = {
    "on_target": "on-target (ALK resistance mutation)",
    "on_target_possible": "on-target possible",
    "off_target_candidate": "off-target candidate",
    "unexplained": "unexplained",
    "no_progression": "no progression recorded",
    "not_assessable": "not assessable",
    "recommended": "P-gp check recommended",
    "low_yield": "P-gp check low yield",
    "if_progressed": "P-gp check if progressed",
    "not_indicated": "P-gp check not indicated",
}
PGP_TITLES = {
    "recommended": "P-gp (ABCB1) check recommended",
    "low_yield": "P-gp check low yield",
    "if_progressed": "P-gp check if progressed (history unknown)",
    "not_indicated": "P-gp check not indicated",
}
IHC_POSITIVE_TITLE = "P-gp check done: IHC positive (candidate explanation)"
IHC_POSITIVE_OPEN = "P-gp check done: IHC positive (its effect on the latest drug is not established)"
IHC_POSITIVE_BOX = "P-gp check done: IHC positive"
# not_indicated because ALK positivity is not established (pgp.context alk_not_established): apart from the
# not_indicated of a tumour with nothing to check, so a reader of the box alone still orders the ALK test first
ALK_UNKNOWN = "alk_unknown"  # the page's box and tag key; the flag stays not_indicated
ALK_UNKNOWN_TITLE = "P-gp check not indicated until the ALK status is known"
_TAG_ONCE_POSITIVE = {  # the check the note gives once the tumour is ALK-positive, as the tag says it
    "recommended": "recommended if ALK-positive",
    "low_yield": "low yield if ALK-positive",
    "if_progressed": "indicated if ALK-positive and the patient progressed",
}
# a JSON before schema 2.31 (no pgp.once_alk_positive): the check read from the note's words, as then
_ONCE_POSITIVE = {CONDITIONAL_WORDS[flag]: said for flag, said in _TAG_ONCE_POSITIVE.items()}
_IF_POSITIVE = re.compile(re.escape(IF_ALK_POSITIVE) + "(" + "|".join(map(re.escape, _ONCE_POSITIVE)) + ")")


def tag(value: str) -> dict:
    return {"key": value, "label": LABELS.get(value, value)}


def ihc_positive(s: dict) -> bool:
    """Recommended, but the sheet already gives a positive ABCB1 IHC: the check is done (clinical review
    2026-12-01, third reading, finding 12: 'check recommended' beside a done test reads as an order to repeat it).
    The flag keeps its contract value; only the words differ."""
    return s["pgp_check"] == "recommended" and s["pgp"]["abcb1_ihc"] == "positive"


def after_heading(lead: str, check: str) -> str:
    """The P-gp note's lead as the card prints it after its heading 'P-gp (ABCB1) check: CHECK.': the note's opening
    flag words ('Not indicated: ...') left out where they repeat the heading, which read 'check: not indicated. Not
    indicated: ...' on every card (a new user's read, stop 47); the TSV and JSON note keep them (the contract)."""
    head = f"{check}: "
    if not lead[: len(head)].lower() == head.lower():
        return lead
    return lead[len(head) : len(head) + 1].upper() + lead[len(head) + 1 :]


def mechanism_tag(s: dict) -> dict:
    """The mechanism as the page shows it, the sample's summary box first (sample_boxes.mechanism_box): 'no progression
    recorded' where the sample sheet records none (clinical review 2026-12-01, third reading, finding 8), with
    'on-target: check the treatment history' beside a resistance mutation (its note asks it); where ALK
    positivity is not shown, 'not assessable (ALK positivity not shown)' and then the genotype's mechanism, if
    ALK-driven (oncologist reading of stop 28: the box said not assessable, the heading on-target possible), and
    'no progression recorded' beside it where the sheet records none (mechanism_words.driven_mechanism); where the
    history is unknown, the mechanism 'if progressed (treatment history unknown)'
    (clinical review of stop 42, finding 10). The TSV and MultiQC say the same in their words (mechanism_words); the
    JSON keeps the contract's value beside `mechanism_context`."""
    box, context = mechanism_box(s), mechanism_context(s)
    said = f"not assessable ({not_assessable_reason(s)})"
    if context == "not_assessable" and s["progressed_on"] == []:  # the sheet's none: nothing to explain (stop 48)
        said = f"{said}; {LABELS['no_progression']}"
    if context == "not_assessable" and driven_mechanism(s):
        return {"key": "not_assessable", "label": f"{said}; {LABELS[s['mechanism']]} {IF_ALK_DRIVEN}"}
    if context == "not_assessable":
        return {"key": "not_assessable", "label": said}
    # counted at any allele fraction: 'if clonal' (rev49, finding 1), as the summary box says beside its name
    clonal = f" {IF_CLONAL} ({NO_CUT_OFF})" if counted_at_any_vaf(s) else ""
    if context == "no_history":
        clonal = clonal.replace(f" {IF_CLONAL}", f" and {IF_CLONAL}")
        return {"key": box, "label": f"{LABELS[box]} {IF_PROGRESSED} ({HISTORY_UNKNOWN}){clonal}"}
    if context == "no_progression" and s["mechanism"] == "on_target":  # clinical read of stop 43, finding 5
        return {"key": box, "label": f"{LABELS[box]} ({ON_TARGET_WORD}: {CHECK_HISTORY})"}
    return {"key": box, "label": f"{LABELS[box]}{clonal}"} if clonal else tag(box)


def once_alk_positive(s: dict) -> str:
    """'recommended if ALK-positive' where the note of a not_indicated check, ALK positivity not established, gives
    the check that applies once it is; '' where it gives none (nothing to check, e.g. no treatment history). From the
    check the verdict carries (JSON pgp.once_alk_positive, schema 2.31), not from the note's words; a JSON before
    2.31 is read as it was, by the words the note then gave."""
    if s["pgp_check"] != "not_indicated" or s["pgp"]["context"] != "alk_not_established":
        return ""
    if "once_alk_positive" in s["pgp"]:
        return _TAG_ONCE_POSITIVE.get(s["pgp"]["once_alk_positive"] or "", "")
    found = _IF_POSITIVE.search(s["pgp"]["note"])
    return _ONCE_POSITIVE[found.group(1)] if found else ""


def alk_unknown_label(s: dict) -> str:
    """'P-gp check not indicated until the ALK status is known (recommended if ALK-positive)'; '' where the check is
    not held back for the ALK status, nor where the sheet records no progression (progressed_on none: the check
    stays not indicated once the ALK status is known; stop 48)."""
    if s["pgp_check"] != "not_indicated" or s["pgp"]["context"] != "alk_not_established" or s["progressed_on"] == []:
        return ""
    once = once_alk_positive(s)
    return f"{ALK_UNKNOWN_TITLE} ({once})" if once else ALK_UNKNOWN_TITLE


def pgp_tag(s: dict) -> dict:
    """A done check is a candidate explanation only after a drug whose activity P-gp overexpression reduces (KAT16:
    crizotinib, ceritinib); after brigatinib, ensartinib or an investigational agent the note says the effect is not
    settled, and so does the tag (review of the day's changes, finding 3; final review, finding 7). A check held back
    for the ALK status says so, and which check applies once the tumour is ALK-positive."""
    if alk_unknown_label(s):
        return {"key": ALK_UNKNOWN, "label": alk_unknown_label(s)}
    if not ihc_positive(s):
        return tag(s["pgp_check"])
    if s["pgp"]["context"] == "after_affected":
        return {"key": "recommended", "label": IHC_POSITIVE_TITLE}
    return {"key": "recommended", "label": IHC_POSITIVE_OPEN}


def pgp_marks(s: dict, label: str, done: set[str], waiting: dict[str, str], untested: dict[str, str]) -> None:
    """One sample's part of pgp_boxes' marks: its label into `done` where its ABCB1 IHC is positive, into `waiting`
    (with the check once ALK-positive) where the check waits for its ALK status, into `untested` (with the drug's
    words) after a drug P-gp's effect on which is not established; `waiting` and `untested` give each label as the box
    names it, the words in the label's own bracket where it has one ('TUMOR (pA; after brigatinib: ...)', stop 54:
    input_labels.label_saying)."""
    if ihc_positive(s):
        done.add(label)
    if alk_unknown_label(s):
        once = once_alk_positive(s)
        waiting[label] = label_saying(label, s["sample"], once) if once else label
    if untested_drug(s):
        untested[label] = label_saying(label, s["sample"], untested_drug(s))


def pgp_boxes(
    doc: dict, box: Callable[..., dict], marks: tuple[set[str], dict[str, str], dict[str, str]]
) -> list[dict]:
    """The flag's boxes, the recommended ones whose IHC is already positive in a box of their own: "recommended" is
    summary.pgp_ihc_to_order, the tumours to send for IHC now (review 13, finding 2); the not_indicated ones held
    back for the ALK status in a box of their own, each named with the check once ALK-positive ('P7_T (recommended
    if ALK-positive)'). `marks`: pgp_marks of every sample (page_reading.PageReading: one reading of the samples)."""
    sm = doc["summary"]  # samples by label (input_labels.sample_labels)
    done, waiting, untested = marks
    boxes = []
    for k in PGP_BOXES:
        names = sm["pgp_check"][k]
        if k == "recommended" and done:
            to_order = sm.get("pgp_ihc_to_order", [n for n in names if n not in done])  # absent before schema 2.7
            boxes.append(box(k, PGP_TITLES[k], _caveated(to_order, untested), True))
            rest = [n for n in names if n not in to_order]
            boxes.append(box("ihc_positive", IHC_POSITIVE_BOX, _caveated(rest, untested), True))
        elif k == "recommended":
            boxes.append(box(k, PGP_TITLES[k], _caveated(names, untested), True))
        elif k == "not_indicated" and waiting:
            boxes.append(box(k, PGP_TITLES[k], [n for n in names if n not in waiting]))
            held = [waiting[n] for n in names if n in waiting]
            boxes.append(box(ALK_UNKNOWN, f"{ALK_UNKNOWN_TITLE} (the check once ALK-positive in brackets)", held))
        else:
            boxes.append(box(k, PGP_TITLES[k], names))
    return boxes


def untested_drug(s: dict) -> str:
    """'after brigatinib: P-gp's effect on it not established' for a check recommended after a drug P-gp
    overexpression may reduce (pgp.context after_possibly_affected: brigatinib, ensartinib, one with no source), so
    that the box does not read as the crizotinib and ceritinib cases beside it (clinical review of stop 32,
    finding 1); '' otherwise. The note says what its sources say."""
    if s["pgp_check"] != "recommended" or s["pgp"]["context"] != "after_possibly_affected":
        return ""
    return f"after {s['progressed_on'][-1]}: P-gp's effect on it not established"


def _caveated(names: list[str], untested: dict[str, str]) -> list[str]:
    return [untested.get(n, n) for n in names]
