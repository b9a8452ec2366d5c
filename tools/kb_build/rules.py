"""A curation rule applied over every statement once all are gathered (matrix, CIViC, measurements, curated)."""

from __future__ import annotations

import re

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
                    note=f"{note}; {kind} reported {said} of {variant} [{key}]{level}; {VARIANT_LISTED}",
                )
        out.append(s)
    return out
