"""The matrix's notes about an alteration as a whole (shared/kb/mutations.tsv columns clinical_evidence_notes and
notes), with the source keys they cite and a remark beside each sentence a later decision superseded."""

from __future__ import annotations

import re
from pathlib import Path

from .matrix import matrix_name
from .reading import read_rows

BOILERPLATE = re.compile(r"\s*IC50 cells empty: .*?offline session\.")
# A matrix sentence a later curation decision made stale, and what the reader is told beside it:
# (alteration, the sentence's opening words) -> remark (KB audit 2026-12-01, finding 6)
SUPERSEDED_NOTES = {
    ("T1151dup", "Sources disagree for ceritinib"): (
        "superseded: the CGI row is approval-only evidence ('FDA guidelines'), listed, not a vote, so the "
        "ceritinib call rests on LIN17T2 and is not conflicting (clinical review 2026-11 sections 1 and 4.8)"
    ),
    ("C1156Y+L1198F", "Crizotinib call is an inference"): (
        "superseded: the crizotinib call rests on CIViC EID844 (PMID 26698910), which records this case with "
        "C1156Y+L1198F (sensitive to crizotinib in vitro, the patient responded to crizotinib: clinical review "
        "2026-11 section 1); LIN17T2 and CGI are listed, not counted (clinical audit of stop 34, finding 3)"
    ),
}


# A matrix sentence that overstated its source, replaced by what the knowledge base can stand behind: (alteration, the
# sentence's opening words) -> the sentence printed instead. SEED, a press release (secondary; its text is not in the
# knowledge base to quote), was paraphrased as calling L1196M 'the most frequent crizotinib-resistance mechanism',
# while GAI13 found ALK kinase-domain mutations of any kind in 7/34 crizotinib-resistant re-biopsies: the frequency
# clause is left out, GAI13's numbers given (clinical review hN, finding 4), with what they do not say: how many
# were L1196M (shared/kb bypass.md and mutations.tsv give the 7/34 only; clinical read of stop 43, finding 14).
REWORDED_NOTES = {
    ("L1196M", "SEED: the L1196M gatekeeper mutation is described as"): (
        "SEED, a press release (secondary, not counted for any call), says alectinib and ceritinib are effective "
        "against the L1196M gatekeeper mutation. In GAI13's series, ALK kinase-domain mutations of any kind were found "
        "in 7/34 (20.6%) crizotinib-resistant re-biopsies; how many of the 7 were L1196M is not recorded in the "
        "knowledge base."
    ),
    # the curators' working remarks on compounds requested for curation ('Requested; YOD18 (primary source) not
    # retrievable here. No category recorded.'), said in a reader's words with the same facts: the source was not
    # read, the compound has no call of its own (stop 48 review, words48b task 3: `alkannot lookup L1196M+G1202R`)
    (
        "L1196M+G1202R",
        "Requested; YOD18 (primary source) not retrievable here. No category recorded. A third-party web note",
    ): (
        "The primary source, YOD18 (Yoda et al., Cancer Discov 2018), could not be retrieved and was not read; no "
        "call on this compound itself is recorded: any call given for it is inferred from its parts' calls. A "
        "third-party web page quotes lorlatinib IC50 values for this compound; it is not a primary source and was not "
        "used."
    ),
    ("I1171N+L1198F", "Requested; YOD18 not retrievable. No category recorded."): (
        "The primary source, YOD18 (Yoda et al., Cancer Discov 2018), could not be retrieved and was not read; no "
        "call on this compound itself is recorded: any call given for it is inferred from its parts' calls."
    ),
    ("F1174C+G1202R", "Requested; no primary source retrieved"): (
        "No primary source was read: the tables of YOD18 (Yoda et al., Cancer Discov 2018) and GAI16 (Gainor et al., "
        "Cancer Discov 2016) could not be accessed."
    ),
    ("F1174C+D1203N", "Requested; no source retrieved."): "No source on this compound could be retrieved.",
}


def reworded(alteration: str, text: str) -> str:
    """The note with each sentence REWORDED_NOTES replaces given in its new words: from its opening words to the end
    of the sentence they end in (several sentences where the opening words span them)."""
    for (name, opening), words in REWORDED_NOTES.items():
        start = text.find(opening) if name == alteration else -1
        if start < 0:
            continue
        found = re.compile(r"\.\s+(?=[A-Z])").search(text, start + len(opening.rstrip(".")))
        end = len(text) if found is None else found.start() + 1
        text = f"{text[:start]}{words}{text[end:]}"
    return text


def superseded(alteration: str, text: str) -> str:
    """The note with a remark after each sentence a later decision superseded."""
    for (name, opening), remark in SUPERSEDED_NOTES.items():
        start = text.find(opening) if name == alteration else -1
        if start < 0:
            continue
        found = re.compile(r"\.\s+(?=[A-Z])").search(text, start)  # a sentence's end, not 'et al. 2016'
        end = len(text.rstrip(".")) if found is None else found.start()
        text = f"{text[:end]} [{remark}]{text[end:]}"
    return text


def matrix_notes(path: Path, source_keys: set[str]) -> list[dict]:
    """The matrix's per-alteration notes (e.g. why a compound has no call), with the keys they cite."""
    out = []
    for row in read_rows(path):
        written, name = row["alteration"], matrix_name(row)
        for column in ("clinical_evidence_notes", "notes"):
            text = BOILERPLATE.sub("", row[column]).strip()
            if not text:
                continue
            said = reworded(name, text)
            origin = f"mutations.tsv:{written.split(' ')[0]}:{column}"
            if said != text:  # the knowledge base's own words now, not the matrix's
                origin = f"tools/kb_build/notes.py REWORDED_NOTES, replacing {origin}"
            text = superseded(name, said)
            keys = [k for k in dict.fromkeys(re.findall(r"\b[A-Z][A-Z0-9_]{2,}\b", text)) if k in source_keys]
            out.append(
                dict(
                    alteration=name,
                    note=text,
                    sources=";".join(keys),
                    origin=origin,
                )
            )
    return out
