"""The knowledge base's notes in words a tumour board reads: the curators' references (RULES.md sections, the
project's own clinical review, 'the matrix', threshold keys, 'verify before use') are for `alkannot lookup`, the
JSON and the TSV; the HTML report says what they mean instead (clinical review 2026-12-01, third reading,
finding 7)."""

from __future__ import annotations

import re

_RULES = r"RULES\.md(?: sections?)? [\d.]+(?: and [\d.]+)?"
PLAIN_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r" \(clinical review 20\d\d-\d\d sections? [\d.]+(?: and [\d.]+)*\)", ""),
        (r"listed,? (?:and )?not a vote(?: \(" + _RULES + r"\))?", "listed, not counted for the call"),
        (r"a caveat and not a vote", "a caveat, not counted for the call"),
        (r", " + _RULES + r"\)", ")"),
        (r" \(" + _RULES + r"\)", ""),
        (r"matrix inference: ", "inferred from a review table: "),
        (r"the matrix's ", "a review table's "),
        (r"was not accessible to the curators", "was not read by the knowledge base's curators"),
        (r"was not accessible", "was not read by the knowledge base's curators"),
        (r" - verify before use\.?", ": the link is not confirmed"),
        (r" \[FOLD_[^\]]*\]", ""),
        (r"not voting", "not counted for the call"),
        # what is left of a rules reference inside a longer aside: '(RULES.md 3.7, claims are unverified,
        # guidance.md section 6)' -> '(claims are unverified)'
        (_RULES + r",? ?", ""),
        (r",? ?guidance\.md sections? [\d.]+", ""),
        (r" \(\)", ""),
    )
)


# the machine values (INFO, JSON and TSV keep them) that the HTML report shows, in the words a tumour board reads
VALUE_WORDS: dict[str, str] = {
    # evidence kinds (evidence.EVIDENCE_KINDS and the patient's own findings)
    "clinical_trial": "clinical trial",
    "retrospective_clinical": "retrospective clinical",
    "case_report": "case report",
    "inferential": "inferred",
    "this_patient_progression": "this patient's progression",
    "this_patient_abcb1_ihc": "this patient's P-gp (ABCB1) IHC",
    # ALK_RESISTANCE classes
    "known": "known resistance mutation",
    "residue": "other change at a known resistance residue",
    "kinase_domain_vus": "kinase-domain variant of unknown significance",
    "activating": "activating (not a resistance mutation)",
    # ALK_REGION (resources/transcript/regions.tsv)
    "kinase_domain": "kinase domain",
    "glycine_rich_domain": "glycine-rich domain",
    "LDLa_repeat": "LDLa repeat",
    ".": "outside the named domains",
    # fusion status
    "not_assessed": "not assessed",
    "positive_external": "positive (sample sheet)",
}


def value_words(value: str) -> str:
    """A machine value ('kinase_domain_vus', 'case_report', 'MAM_domain_1') in words; an unlisted value with its
    underscores as spaces."""
    return VALUE_WORDS.get(value, value.replace("_", " "))


def plain_words(text: str) -> str:
    """`text` with the curators' references said in plain words (the facts and the source keys unchanged)."""
    for pattern, words in PLAIN_WORDS:
        text = pattern.sub(words, text)
    return text


__all__ = ["plain_words", "value_words", "VALUE_WORDS"]
