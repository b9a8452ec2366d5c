"""How the builder names a compound and a statement's background, for every source alike."""

from __future__ import annotations

import re

# evidence from patients: the statement's background is the patient's tumour
PATIENT_KINDS = ("clinical_trial", "clinical", "retrospective_clinical", "case_report")


def position(change: str) -> int:
    """The residue number of a change ('G1202R' -> 1202); a change without one is an error in the source table."""
    found = re.search(r"\d+", change)
    if found is None:
        raise ValueError(f"no residue number in {change!r}")
    return int(found.group())


def canonical_compound(changes: list[str]) -> str:
    return "+".join(sorted(changes, key=position))


def patient_background(background: str, kind: str) -> str:
    """'EML4-ALK' -> 'EML4-ALK (patient tumour)' for evidence from patients."""
    if kind in PATIENT_KINDS and background != "not recorded" and "(" not in background:
        return f"{background} (patient tumour)"
    return background
