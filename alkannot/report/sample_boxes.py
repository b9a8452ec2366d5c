"""What a sample's report document means for the report's boxes and lists: its mechanism box and context, its flags,
the P-gp triage and IHC-to-order lists; read from the document (JSON keys), so that every writer (TSV, HTML,
MultiQC, the JSON's summary) decides them alike. sample_document sets the flags it stores from these.
"""

from __future__ import annotations

from ..filters import failed_only_for_the_normal, passed
from ..flag_words import GERMLINE, IN_NORMAL_TOO, mutation_flags
from ..pgp import PGP_CHECKS

MECHANISM_BOXES = (
    "on_target",
    "on_target_possible",
    "off_target_candidate",
    "unexplained",
    "no_progression",
    "not_assessable",
)
# the P-gp contexts that say the tumour's ALK positivity is not shown: no resistance mechanism to look for
OUT_OF_SCOPE = ("alk_negative", "alk_not_established", "alk_status_discordant")
PGP_BOXES = PGP_CHECKS  # the HTML boxes and the JSON summary lists: one per P-gp check


def flags_of(m: dict) -> list[str]:
    """A JSON alk_mutations entry's flags as flag_words tokens."""
    normal = (IN_NORMAL_TOO if known_in_normal(m) else GERMLINE) if m["in_normal"] else None
    return mutation_flags(
        truncating=m.get("truncating", False),
        low_vaf=m["low_vaf"],
        failed_filter=None if m["filter"] in ("PASS", ".") else m["filter"],
        ref_mismatch=m["ref_mismatch"],
        normal=normal,
    )


def known_in_normal(m: dict) -> bool:
    """A known kinase-domain resistance mutation (an `alk_mutations` entry) the matched normal carries too: not read
    as germline, for tumour cells in the normal or a sample mix-up come first; the verdict weighs the same records
    (sample_notes.known_in_normal)."""
    known = m["resistance"] == "known" and m["region"] == "kinase_domain" and not m["ref_mismatch"]
    return bool(m["in_normal"]) and known and (passed(m["filter"]) or failed_only_for_the_normal(m["filter"]))


def pgp_by_ihc(s: dict) -> bool:
    """A positive ABCB1 IHC after progression on a drug P-gp affects: what makes the sample an off-target candidate
    (pgp.context after_affected), or, beside an ALK mutation that explains that progression, what the note says may
    contribute as well (explained_by_mutation). The HTML's candidates column, the TSV's off_target_candidates and
    MultiQC's off_target name it (review 19, finding 7; clinical review of stop 31, finding 6: the TSV said the
    mechanism with no candidate; clinical review of stop 32, finding 10: the note's 'may contribute as well')."""
    pgp = s["pgp"]
    if pgp.get("abcb1_ihc") != "positive" or not s["progressed_on"]:
        return False
    if s["mechanism"] == "off_target_candidate":
        return pgp.get("context") == "after_affected"
    explained = pgp.get("context") == "explained_by_mutation" and s["mechanism"] == "on_target"
    # a drug P-gp overexpression reduced (KAT16), as on the off_target_candidate path (after_affected): not one it only
    # may reduce, whose note says the sources read do not settle it (clinical review of stop 38, finding 3)
    return explained and s["progressed_on"][-1] in pgp.get("affected", ())


def mechanism_box(s: dict) -> str:
    """The one mechanism box of a sample: `not_assessable` when ALK positivity is not shown (ALK-negative, not
    established, or discordant: whatever its alterations, the tumour may not be ALK-driven) or, for an
    unexplained one, nothing about ALK is known; `no_progression` when the sample sheet records no progression
    (there is nothing to explain); else its mechanism (clinical review 2026-12-01, second reading, finding 7;
    review of the day's changes, finding 5)."""
    if s["pgp"]["context"] in OUT_OF_SCOPE or (s["mechanism"] == "unexplained" and not s["assessable"]):
        return "not_assessable"
    if s["progressed_on"] == []:
        return "no_progression"
    return s["mechanism"]


# what a sample's mechanism is about (JSON mechanism_context, schema 2.21; the TSV column of that name): the
# resistance of the tumour, or nothing to explain yet, or a tumour whose ALK positivity is in doubt
MECHANISM_CONTEXTS = ("resistance", "no_progression", "no_history", "not_assessable")


def mechanism_context(s: dict) -> str:
    """`resistance` where the mechanism is that of a recorded progression; `no_progression` where the sample sheet
    records none (`progressed_on` none: nothing to explain); `no_history` where the history is unknown: the mechanism
    holds if the tumour progressed (pgp_check if_progressed), an on-target resistance mutation too, whose drug is not
    known (G1202R would not explain a progression on lorlatinib; its `resistant` stays true, as the contract's
    sample-level flag says: clinical read of stop 43, finding 6); `not_assessable` where the sample is in that box
    (ALK positivity in doubt, or nothing about ALK known), which comes first, as in mechanism_box. The contract's
    `mechanism` stays in its enum; this says what it is about (clinical review of stop 42, findings 10 and 11:
    `unexplained` for a tumour that never progressed, a bare `on_target` for one the sheet gives as ALK-negative)."""
    box = mechanism_box(s)
    if box in ("not_assessable", "no_progression"):
        return box
    if s["progressed_on"] is None:
        return "no_history"
    return "resistance"


def triaged_for_pgp(s: dict) -> bool:
    """Resistant, ALK-positive as far as the input shows, and ALK-mutation-negative for the drug: no ALK change
    explains the latest progression (mechanism unexplained or off_target_candidate: no ALK mutation, or one the drug
    is active against), or one only may explain it after a drug P-gp overexpression reduces or may reduce (a
    mutation below --min-vaf, an unconfirmed ALK gain after crizotinib), whatever the sheet's IHC says. A mutation
    that does not explain the drug must not take a tumour off the list (review 9, clinical, finding 1); an ALK
    change that may explain a progression on a drug P-gp does not affect (a compound after lorlatinib) leaves it
    off. Each sample's `pgp_triage` (JSON, TSV, MultiQC) and the summary's `pgp_triage` list."""
    if not s["resistant"] or s["pgp"]["context"] in OUT_OF_SCOPE:
        return False
    return s["mechanism"] in ("unexplained", "off_target_candidate") or (
        s["mechanism"] == "on_target_possible" and s["pgp"]["context"] in _PGP_STILL_A_QUESTION
    )


def ihc_to_order(s: dict) -> bool:
    """Send for P-gp (ABCB1) IHC now: resistant, `pgp_check` `recommended` (which already needs a recorded progression,
    ALK positivity not in doubt and no ALK change that explains the latest drug: pgp.py) and no ABCB1 IHC result in
    the sample sheet. The HTML box "P-gp (ABCB1) check recommended", `summary.pgp_ihc_to_order`, the TSV and MultiQC
    column of the same name (review 13, findings 2 and 3)."""
    return s["resistant"] and s["pgp_check"] == "recommended" and not s["pgp"]["abcb1_ihc"]


# the latest drug is one P-gp overexpression reduces, or may reduce: the P-gp question is open there, whether or not
# the sheet's IHC already answers it (a negative IHC made such a tumour drop off the list while a tumour after
# alectinib with the same IHC stayed on it: review 10, finding 2)
_PGP_STILL_A_QUESTION = ("after_affected", "after_possibly_affected")


__all__ = [
    "MECHANISM_BOXES",
    "MECHANISM_CONTEXTS",
    "OUT_OF_SCOPE",
    "PGP_BOXES",
    "flags_of",
    "ihc_to_order",
    "known_in_normal",
    "mechanism_box",
    "mechanism_context",
    "pgp_by_ihc",
    "triaged_for_pgp",
]
