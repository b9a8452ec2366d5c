"""The review matrix (shared/kb/mutations.tsv): each source in a cell becomes a statement. Every curation decision
made here is listed in resources/kb/PROVENANCE.md section 1."""

from __future__ import annotations

from pathlib import Path

from .naming import canonical_compound, patient_background
from .reading import INHIBITORS, read_rows
from .source_cells import parse_token, split_top

# Canonical names of the matrix rows whose first column is not already one.
MATRIX_NAMES = {
    "EML4-ALK (no kinase-domain mutation; parental/WT reference)": "ALK fusion",
    "1151Tins (T1151_L1152insT; written 'I1151Tins' in LIN17T2 text)": "T1151dup",
    "ALK amplification / copy-number gain (on-target, not a point mutation)": "amplification",
}
MATRIX_KINDS = {"reference": "fusion"}
# Evidence kind of a source key in the matrix, unless the cell says otherwise (see PROVENANCE.md).
KEY_KIND = {
    "LIN17T2": "review",
    "SEED": "secondary",
    "CGI": "review",
    "MOA": "review",
    "FRI14": "preclinical",
    "KAT14": "preclinical",
    "CHOI10": "case_report",
    "MOL15": "preclinical",
    "INF16": "preclinical",
    "GAI16": "preclinical",
    "GAI13": "retrospective_clinical",
    "LIN18JTO": "retrospective_clinical",
    "PEL21": "preclinical",
    "REC20": "preclinical",
    "REG": "clinical_trial",
}
TRIAL_KEYS = {"KAZ14", "KWAK10", "KHO15", "SHAW14", "SOR17", "LAR16", "PET17", "HIDA17", "KIM17", "CAM18", "SOL18"}
PEL21_G1202R = (
    "background sentence of the NVL-655 conference abstract: 'A major resistance mutation to alectinib, "
    "brigatinib, and ceritinib is the ALK G1202R solvent front mutation' (review-level: a background "
    "statement, not the abstract's own data)"
)
# (alteration, inhibitor, source key) -> (evidence kind, category or None to keep, note)
CELL_OVERRIDES = {
    ("I1171T", "ceritinib", "KAT14"): (
        "case_report",
        None,
        "I1171T found at alectinib relapse; the patient then responded to ceritinib",
    ),
    ("I1171T", "alectinib", "KAT14"): ("case_report", None, "I1171T found in a patient relapsing on alectinib"),
    ("C1156Y", "crizotinib", "CHOI10"): (
        "case_report",
        None,
        "two secondary kinase-domain mutations in a patient relapsing on crizotinib",
    ),
    # clinical review 2026-11 section 4.1: the footnote is a caveat, not a 'mixed' vote
    ("G1202R", "brigatinib", "LIN17T2"): (
        "review",
        "unknown",
        "review footnote a, a caveat and not a vote: 'some activity' reported against "
        "G1202R, yet G1202R detected at brigatinib relapse, 'its potency may be "
        "compromised' (clinical review 2026-11 section 4.1)",
    ),
    ("G1202R", "brigatinib", "LIN18JTO"): (
        "retrospective_clinical",
        "resistant",
        "n=1: G1202R after alectinib, progressive disease as best response on brigatinib",
    ),
    # the abstract's background sentence names G1202R a resistance mutation to alectinib, brigatinib and
    # ceritinib (clinical review 2026-12, finding 6): review-level, as a background statement is (RULES.md 1)
    ("G1202R", "alectinib", "PEL21"): ("review", "resistant", PEL21_G1202R),
    ("G1202R", "brigatinib", "PEL21"): ("review", "resistant", PEL21_G1202R),
    # a general finding is not evidence about this mutation (RULES.md 3.7; clinical review 2026-11-30)
    ("G1202R", "lorlatinib", "GAI16"): (
        "preclinical",
        "unknown",
        "general finding, not G1202R-specific: ALK mutations in ceritinib-resistant "
        "patient-derived cells predicted lorlatinib sensitivity; listed, not a vote (RULES.md 3.7)",
    ),
    ("G1202R", "lorlatinib", "LIN17T2"): (
        "review",
        None,
        "review table lists G1202R as targeted; its footnote b on this cell was not read (the page cuts it off)",
    ),
    ("V1180L", "crizotinib", "KAT14"): ("preclinical", None, "alectinib-resistant cell-line model"),
    ("V1180L", "ceritinib", "KAT14"): ("preclinical", None, "alectinib-resistant cell-line model"),
    ("V1180L", "alectinib", "KAT14"): ("preclinical", None, "alectinib-resistant cell-line model"),
    ("C1156Y+L1198F", "lorlatinib", "LIN17T2"): (
        "review",
        None,
        "review table lists L1198F + C1156Y among reported lorlatinib resistance",
    ),
    # RULES.md 4: a single change's sensitivity says nothing reliable about the compound, so the matrix's inference
    # from L1198F alone is listed, not a vote; the compound's crizotinib call rests on CIViC EID844, the case itself
    # (clinical review 12, finding 4)
    ("C1156Y+L1198F", "crizotinib", "LIN17T2"): (
        "review",
        "unknown",
        "listed, not a vote: the review table lists L1198F alone as crizotinib-targeted and names C1156Y+L1198F only "
        "among reported lorlatinib resistance (RULES.md 4: a single change's call says nothing reliable about the "
        "compound)",
    ),
    ("C1156Y+L1198F", "crizotinib", "CGI"): (
        "case_report",
        "unknown",
        "listed, not a vote: CGI lists the case (PMID 26698910) under L1198F alone; the compound's call rests on "
        "CIViC EID844, which records the case with C1156Y+L1198F (RULES.md 4)",
    ),
    ("L1198F", "crizotinib", "CGI"): (
        "case_report",
        None,
        "CGI curation of PMID 26698910; in CIViC (EID844) that patient carried "
        "C1156Y+L1198F, so the response was seen with the compound, not L1198F alone",
    ),
    ("ALK fusion", "ensartinib", "REG"): (
        "clinical_trial",
        None,
        "FDA approval 2024-12-18 for ALK+ NSCLC without prior ALK inhibitor",
    ),
}
NOTE_BY_KEY = {
    ("LIN17T2", "sensitive"): "review table: listed as a mutation the inhibitor targets",
    ("LIN17T2", "resistant"): "review table: listed among reported resistance mutations",
    ("CGI", None): "CGI curation",
    ("FRI14", None): "read via the MOAlmanac description",
    ("MOL15", None): "title statement",
    ("REC20", None): "compound found at lorlatinib resistance; differential lorlatinib susceptibility, "
    "direction not stated in the abstract",
    ("GAI13", None): "ALK amplification in 3/29 crizotinib-resistant re-biopsies",
    ("PEL21", None): "NVL-655 conference abstract (text truncated)",
    ("KAT14", None): "cell models",
}
# a matrix source that is no evidence of its own about a mutation: each of its statements is listed with what it
# says, category `unknown`, never a vote (RULES.md 3.7). SEED, the AMED/JFCR press release on KAT16, states the
# L1196M, G1202R and G1269A directions as KAT16's background (clinical reading of stop 41, finding 9)
LISTED_KEYS = {
    "SEED": "a press release on KAT16 (AMED/JFCR, 18 Dec 2015) restating KAT16's background, secondary, "
    "with no data of its own on this mutation (RULES.md 3.7)",
}
# disease and ALK background of a matrix source's statements (PROVENANCE.md); the matrix is about
# ALK-rearranged NSCLC unless the source says otherwise
CONTEXT_BY_KEY = {
    "MOL15": ("ALCL", "NPM-ALK"),
    "INF16": ("neuroblastoma", "full-length ALK"),
    "CGI": ("not recorded", "not recorded"),
    "CHOI10": ("NSCLC", "EML4-ALK"),
}
# a CGI cell whose evidence is a drug's approval says nothing about the mutation (clinical review
# 2026-11 sections 1 and 4.8): kept as a listed statement that does not vote
APPROVAL_ONLY = "'FDA guidelines'"
APPROVAL_NOTE = (
    "approval-only evidence ('FDA guidelines': the drug's approval, PMID 24670165 the ceritinib "
    "phase 1 trial), not evidence about this mutation: listed, not a vote (clinical review 2026-11 "
    "sections 1 and 4.8)"
)


def matrix_name(row: dict) -> str:
    """The matrix row's alteration in alkannot's words (a compound's changes in position order)."""
    written = row["alteration"]
    name = MATRIX_NAMES.get(written, written)
    if row["kind"] == "compound":
        name = canonical_compound(name.split("+"))
    return name


def kind_for(key: str, words: list[str]) -> str:
    text = " ".join(words).lower()
    if "case report" in text:
        return "case_report"
    if "pre-clinical" in text:
        return "preclinical"
    if key in TRIAL_KEYS:
        return "clinical_trial"
    return KEY_KIND[key]


def matrix_statements(path: Path) -> list[dict]:
    out = []
    for row in read_rows(path):
        written = row["alteration"]
        kind = MATRIX_KINDS.get(row["kind"], row["kind"])
        for inhibitor in INHIBITORS:
            if f"{inhibitor}_category" not in row:  # an inhibitor added after the matrix (inhibitors_extra.tsv)
                continue
            category = row[f"{inhibitor}_category"].strip()
            cell = row[f"{inhibitor}_sources"].strip()
            if not cell:
                continue
            base = dict(
                alteration=matrix_name(row),
                alteration_as_written=written,
                kind=kind,
                inhibitor=inhibitor,
                origin=f"mutations.tsv:{written.split(' ')[0]}:{inhibitor}",
            )
            out += cell_statements(base, category, cell)
    return out


def cell_statements(base: dict, category: str, cell: str) -> list[dict]:
    """The statements of one matrix cell: an inference ('inferred: ...'), a disagreement ('X vs Y') or a list of
    sources that share the cell's category."""
    if cell.startswith("inferred:"):
        # the matrix linked a single-mutation case report to this compound; recorded as such
        out = []
        for token in split_top(cell[len("inferred:") :].strip(), "+"):
            key, pmids, words = parse_token(token)
            out.append(
                statement(
                    base,
                    key,
                    category,
                    pmids,
                    words,
                    # the matrix's own words ('the Shaw 2016 paper ... verify before use') are kept in notes.tsv,
                    # marked superseded: CIViC EID844 records the case with the compound, which the call counts
                    # (clinical audit of stop 34, finding 3; review of its changes, finding 3)
                    note_extra="matrix inference: cited for L1198F alone, linked to this compound; the case it "
                    "points to is the one CIViC EID844 records with the compound, which the call counts",
                )
            )
        return out
    if " vs " in cell:
        out = []
        left, right = cell.split(" vs ")
        for token, cat in ((left, "resistant"), (right, "sensitive")):
            key, pmids, words = parse_token(token)
            note = {
                "resistant": "review table: listed among reported resistance mutations",
                "sensitive": "CGI curation: responsive, evidence level 'FDA guidelines'",
            }[cat]
            if APPROVAL_ONLY in token:
                cat, note = "unknown", APPROVAL_NOTE
            out.append(statement(base, key, cat, pmids, words, note_override=note))
        return out
    out = []
    for token in split_top(cell):
        key, pmids, words = parse_token(token)
        out.append(statement(base, key, category or "unknown", pmids, words))
    return out


def statement(
    base: dict,
    key: str,
    category: str,
    pmids: list[str],
    words: list[str],
    note_extra: str = "",
    note_override: str = "",
) -> dict:
    kind = kind_for(key, words)
    note = NOTE_BY_KEY.get((key, category)) or NOTE_BY_KEY.get((key, None), "")
    override = CELL_OVERRIDES.get((base["alteration"], base["inhibitor"], key))
    if override:
        kind, new_category, note = override[0], override[1] or category, override[2]
        category = new_category
    if note_override:
        note = note_override
    if key in LISTED_KEYS and category != "unknown":
        note, category = f"listed, not a vote: {LISTED_KEYS[key]}; {key} says {category}", "unknown"
    if key == "CGI":
        detail = [w for w in words if w not in ("case report", "pre-clinical")]
        note = note + (f" ({', '.join(detail)})" if detail and not note_override else "")
    if note_extra:
        note = f"{note}; {note_extra}" if note else note_extra
    disease, background = CONTEXT_BY_KEY.get(key, ("NSCLC", "ALK fusion"))
    return dict(
        base,
        category=category,
        evidence_kind=kind,
        sources=key,
        pmids=";".join(pmids),
        disease=disease,
        background=patient_background(background, kind),
        note=note,
    )
