"""The knowledge base's notes in words a tumour board reads: the curators' references (RULES.md sections, the
project's own clinical review, 'the matrix', threshold keys, 'verify before use') are said in what they mean
(clinical review 2026-12-01, third reading, finding 7). One rewriting for every output: the JSON document's notes
are written through `plain_words` (sample_document.sample_document), so its TSV and MultiQC tables and the HTML say the
same words, as `alkannot lookup` does; `alkannot kb` shows the knowledge base's rows as curated. A run option keeps
its name, so a pipeline engineer can tell which one governs the sentence: 'the clonality cut-off set for this run
(--min-vaf 0.05)'.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..cited_papers import RESOURCE_KEYS  # curated resources: their sources.tsv PMID is the resource's paper
from ..copynumber import machine_words

_RULES = r"RULES\.md(?: sections?)? [\d.]+(?: and [\d.]+)?"
PLAIN_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r" \(clinical review 20\d\d-\d\d sections? [\d.]+(?: and [\d.]+)*\)", ""),
        # the project's own numbered reviews: a curator's reference, not the reader's (final review of stop 32)
        (r" \(clinical review \d+, findings? \d+(?: and \d+)*\)", ""),
        (r"listed,? (?:and )?not a vote(?: \(" + _RULES + r"\))?", "listed, not counted"),
        (r"a caveat and not a vote", "a caveat, listed, not counted"),
        (r", " + _RULES + r"\)", ")"),
        (r" \(" + _RULES + r"\)", ""),
        # the shared review matrix's 'inferred:' cell: the curators linked a single change's sources to the
        # compound (not a review table's own entry: CGI is a database; clinical review of stop 31, finding 4)
        (r"matrix inference: ", "a curators' inference: "),
        (r"the matrix's ", "a review table's "),
        (r"was not accessible to the curators", "was not read by the knowledge base's curators"),
        (r"was not accessible", "was not read by the knowledge base's curators"),
        (r" - verify before use\.?", ": the link is not confirmed"),
        (r" \[FOLD_[^\]]*\]", ""),
        (r"not voting", "listed, not counted"),
        # what is left of a rules reference inside a longer aside: '(RULES.md 3.7, claims are unverified,
        # guidance.md section 6)' -> '(claims are unverified)'
        (_RULES + r"[,:;]? ?", ""),
        (r",? ?guidance\.md sections? [\d.]+", ""),
        (r" \(\)", ""),
        # the run's options, said in words with the option's name kept (one wording in every output); each rewrite
        # leaves the option in brackets, '(--min-vaf', which no rule reads again, so rewriting twice changes nothing
        (r"(?<!\()--min-vaf (\d(?:[\d.eE+-]*\d)?)", r"the clonality cut-off set for this run (--min-vaf \1)"),
        (r"No --min-vaf was given", "No clonality cut-off (--min-vaf) was set for this run"),
        (r"no --min-vaf was given", "no clonality cut-off (--min-vaf) was set for this run"),
        (
            r"With --min-vaf \(the laboratory's clonality cut-off\)",
            "With a clonality cut-off (--min-vaf, the laboratory's)",
        ),
        (r"without --min-vaf", "without a clonality cut-off (--min-vaf)"),
        (r"with --min-vaf, ", "with a clonality cut-off (--min-vaf), "),
        (r"(?<!\()--min-vaf \(", "the clonality cut-off set for this run (--min-vaf; "),
        (r"(?<!\()--min-vaf", "the clonality cut-off set for this run (--min-vaf)"),
        (
            r"the ##alkannotSample (?:header )?line (?:written )?when this VCF was annotated",
            "this VCF's header, written when it was annotated",
        ),
        (r"a CNV caller's --sv VCF", "a CNV caller's VCF (--sv)"),
        (
            r"\(no ##normal_sample line or MAF Matched_Norm_Sample_Barcode; no sample in it is taken as a normal\)",
            "(neither its header nor a MAF column names a matched normal, and no sample in it is taken as one)",
        ),
        (r"therapies substitutes: ", "therapies (any one of): "),
        (r"therapies sequential: ", "therapies (in sequence): "),
        (r"therapies combination: ", "therapies (combined): "),
        # a curator's note on what was not read is kept out of the per-drug cell (`alkannot kb show` keeps it:
        # oncologist reading of stop 28)
        # the review-level call's caveat kept, in a reader's words (final reading of stop 28, finding 7)
        (
            r", its footnote [a-z] on this cell was not read \(the page cuts it off\)",
            "; a footnote to this table entry could not be read",
        ),
    )
)


# the machine values (INFO, JSON and TSV keep them) that the HTML report shows, in the words a tumour board reads
VALUE_WORDS: dict[str, str] = {
    # evidence kinds (evidence.EVIDENCE_KINDS and the patient's own findings)
    "clinical_trial": "clinical trial",
    "retrospective_clinical": "retrospective clinical",
    "case_report": "case report",
    "inferential": "inferred",
    "secondary": "press release or news report",
    "this_patient_progression": "this patient's progression",
    "this_patient_abcb1_ihc": "this patient's P-gp (ABCB1) IHC",
    # ALK_RESISTANCE classes
    "known": "in the knowledge base (statements on this change)",
    "residue": "at a known resistance residue, no statement on this change alone",
    "kinase_domain_vus": "kinase-domain variant of unknown significance",
    "activating": "activating (not a resistance mutation)",
    "none": "not a resistance candidate",
    # ALK_REGION (resources/transcript/regions.tsv)
    "kinase_domain": "kinase domain",
    "glycine_rich_domain": "glycine-rich domain",
    "LDLa_repeat": "LDLa repeat",
    ".": "outside the named domains",
    # fusion status
    "not_assessed": "not assessed",
    "positive_external": "positive (sample sheet)",
}


# source keys that are not papers, as the page names them
SOURCE_LABELS = {"sample_sheet": "sample sheet"}


def _pmids(key: str, sources: dict) -> list[str]:
    """The PubMed IDs a cited key is about: those it names ('EID1345(PMID:24675041)', 'CGI(PMID:1;PMID:2)'), else
    its entry's in the report's `sources` table (a curation source's own PMID is its resource's, never a paper's)."""
    named = re.findall(r"PMID[:\s]*(\d+)", key)
    return named or [p for p in str((sources.get(key) or {}).get("pmid") or "").split(";") if p]


def source_labels(keys, sources: dict) -> list[tuple[str, str]]:
    """(key, label) of each cited key, one paper shown once (oncologist reading of stop 28): each key labelled with its
    PubMed IDs or DOI once (`_label`); a bare 'PMID:n' another key of the list already shows is left out; a CIViC item
    about the paper of a source of the knowledge base in the same list is said beside it ('FRI14 (PMID 24675041;
    CIViC EID1345)'). Every key stays among the sources listed; which statements vote is not changed."""
    keys = list(dict.fromkeys(keys))
    pmids = {key: _pmids(key, sources) for key in keys}
    # PMID -> the knowledge-base source of that paper (not a CIViC item, a bare PMID nor a curation citing it), as its
    # statements label it ('FRI14(PMID:24675041)') or bare (its sources-table key, a knowledge base before 2.0.28)
    paper: dict[str, str] = {}
    for key in keys:
        if not key.startswith(("EID", "PMID")) and key.split("(")[0] not in RESOURCE_KEYS:
            for p in pmids[key]:
                paper.setdefault(p, key)
    beside: dict[str, list[str]] = {}
    shown = []
    for key in keys:
        own = pmids[key]
        if key.startswith("PMID") and own and any(set(own) <= set(pmids[k]) for k in keys if k != key):
            continue
        if key.startswith("EID") and own and len({paper.get(p) for p in own} - {None}) == 1 and own[0] in paper:
            beside.setdefault(paper[own[0]], []).append(key.split("(")[0])
            continue
        shown.append(key)
    return [(key, _label(key, pmids[key], beside.get(key, []), sources)) for key in shown]


def _label(key: str, pmids: list[str], civic: list[str], sources: dict) -> str:
    """One label format for every cited key, counted or listed (clinical read of stop 43, finding 13: 'LIN18JTO (PMID
    29935304)' counted beside 'LIN18JTO(PMID:29935304)' listed, and a DOI-only source bare): the key, then in brackets
    its PubMed IDs, or its DOI where it has none, as the notes give it ('PEL21 (doi:10.1158/...)'), and the CIViC
    items about the same paper. A statement label that names its PMIDs ('CGI(PMID:1,PMID:2)') is written 'CGI (PMID
    1, 2)'; a resource's own key ('CGI': a CGI row naming no PMID) is not labelled with the resource's paper or DOI,
    which is no evidence on the change (clinical review hN, finding 7): its Sources entry names that paper as the
    resource's."""
    if key.startswith("PMID"):
        return f"PMID {', '.join(pmids)}" if pmids else key
    base = key.split("(")[0] if re.match(r"^[^()]+\(PMID", key) else key
    own = base in RESOURCE_KEYS and base == key
    doi = "" if pmids or own else str((sources.get(key) or {}).get("doi") or "")
    extra = [f"PMID {', '.join(pmids)}"] if pmids and not own else [f"doi:{doi}"] if doi else []
    extra += [f"CIViC {', '.join(civic)}"] if civic else []
    return f"{base} ({'; '.join(extra)})" if extra else SOURCE_LABELS.get(key, key)


def phase_words(phase_set: str | None, haplotype: str | None = None) -> str:
    """'PS:29220747' -> 'phase set 29220747 (read-backed)'; 'PID:...' -> 'phased by the caller (PID ...)'; with the
    haplotype the change is on ('0|1' -> ', haplotype 2'), so two rows of one set read as cis or trans."""
    if not phase_set:
        return ""
    kind, _, value = phase_set.partition(":")
    sides = haplotype.split("|") if haplotype and "|" in haplotype else []
    side = f", haplotype {sides.index('1') + 1}" if "1" in sides else ""
    if kind == "PS":
        return f"phase set {value} (read-backed){side}"
    if kind == "PID":
        return f"phased by the caller (PID {value}){side}"
    return phase_set


def value_words(value: str) -> str:
    """A machine value ('kinase_domain_vus', 'case_report', 'MAM_domain_1') in words; an unlisted value with its
    underscores as spaces ('copy-number gain' hyphenated, as the notes write it)."""
    return VALUE_WORDS[value] if value in VALUE_WORDS else machine_words(value)


# a change of class `residue` or `kinase_domain_vus` that has statements of its own, none of resistance (L1198F:
# crizotinib sensitive [LIN17T2]; resistant only in C1156Y+L1198F): said as `alkannot lookup`'s class line says it,
# not 'no statement on this change alone' beside a call that uses one (clinical review of stop 42, finding 6)
WITH_STATEMENTS = {
    "residue": "statements on this change alone{where}, none of resistance to any inhibitor; its residue is in a known "
    "resistance alteration, whose calls do not apply to this change",
    "kinase_domain_vus": "statements on this change alone{where}, none of resistance to any inhibitor: no resistance "
    "call for it on its own",
}


def resistance_words(resistance: str, has_statements: bool, where: str = " (this row's sources)") -> str:
    """A mutation's ALK_RESISTANCE class in words; `has_statements`: the change has statements of its own (its
    `evidence` is not empty), which a `residue` or `kinase_domain_vus` class then says, with `where` they are (the
    card's row; '' in the MultiQC table, which lists no sources). One phrase per class for the card and the MultiQC
    table (words48, task 3: the table wrote the token, `kinase_domain_vus`, beside the flags' phrases)."""
    if has_statements and resistance in WITH_STATEMENTS:
        return WITH_STATEMENTS[resistance].format(where=where)
    return value_words(resistance)


@lru_cache(maxsize=8192)  # a cohort's samples share most notes (issue 13)
def plain_words(text: str) -> str:
    """`text` with the curators' references said in plain words (the facts and the source keys unchanged)."""
    for pattern, words in PLAIN_WORDS:
        text = pattern.sub(words, text)
    return text


__all__ = [
    "plain_words",
    "phase_words",
    "value_words",
    "resistance_words",
    "source_labels",
    "SOURCE_LABELS",
    "VALUE_WORDS",
]
