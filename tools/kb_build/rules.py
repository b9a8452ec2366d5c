"""The curation rules applied over every statement once all are gathered (matrix, CIViC, measurements, curated):
RULES.md 3.7, and each statement's PMIDs completed from its sources."""

from __future__ import annotations

import re

from alkannot.cited_papers import cited_pmids

# RULES.md 3.7: a preclinical or inferential statement about one EML4-ALK variant that goes against the
# clinical evidence on the fusion is listed, not a vote (guidance.md section 6, fusions.md section 5)
CLINICAL_KINDS = ("clinical_trial", "clinical", "retrospective_clinical", "case_report")
VARIANT_LISTED = (
    "listed, not a vote: a preclinical finding about one fusion variant does not decide the call against the "
    "clinical evidence on the fusion (RULES.md 3.7; variant-to-outcome claims are unverified, guidance.md "
    "section 6)"
)


def variant_preclinical_listed(statements: list[dict]) -> list[dict]:
    """A variant-specific preclinical (or inferential) statement whose direction no clinical statement about
    the fusion or that variant shares becomes `unknown`, its note saying what it reported."""
    out = []
    for s in statements:
        alteration, inhibitor = s["alteration"], s["inhibitor"]
        if alteration.startswith("EML4::ALK ") and s["evidence_kind"] in ("preclinical", "inferential"):
            clinical = {
                t["category"]
                for t in statements
                if t["alteration"] in ("ALK fusion", alteration)
                and t["inhibitor"] == inhibitor
                and t["evidence_kind"] in CLINICAL_KINDS
                and t["category"] in ("sensitive", "intermediate", "resistant")
            }
            if clinical and s["category"] in ("sensitive", "resistant") and s["category"] not in clinical:
                variant = re.sub(r"[ab/]+$", "", alteration.split(" ", 1)[1])  # 'v3a/b' -> 'v3'
                said = "reduced in-vitro sensitivity" if s["category"] == "resistant" else "in-vitro sensitivity"
                key = s["civic_eid"] or s["sources"]
                kind = "a preclinical study" if s["evidence_kind"] == "preclinical" else "an inferential item"
                level = f" ({s['evidence_level']})" if s["evidence_level"] else ""
                note = s["note"].replace("; votes against sensitive, RULES.md 2", "")
                s = dict(
                    s,
                    category="unknown",
                    note=f"{note}; {kind} reported {said} of {variant}{level} [{key}]; {VARIANT_LISTED}",
                )
        out.append(s)
    return out


def source_pmids(statements: list[dict], sources: list[dict]) -> list[dict]:
    """Each statement's `pmids` with the sources.tsv PMID of each of its sources that is a paper, after its own
    (alkannot.cited_papers.cited_pmids): the matrix cell gave 'LIN18JTO(PMID:29935304)' on four of LIN18JTO's rows and a
    bare 'LIN18JTO' on the fifth, and FRI14's, KAT14's, REC20's ... rows none, so the VCF's ALK_EVIDENCE, which says
    it lists PMIDs, left them out (clinical read h1, finding 2). A curated resource's PMID (CGI's paper) is not
    added."""
    pmid_of = {s["key"]: s["pmid"] for s in sources}
    return [dict(s, pmids=";".join(cited_pmids(split(s["pmids"]), split(s["sources"]), pmid_of))) for s in statements]


def split(cell: str) -> tuple[str, ...]:
    return tuple(p for p in cell.split(";") if p)
