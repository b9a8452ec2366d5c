"""The FILTER column: which values mean that a record passed its caller's filters (PASS, or no filter applied)."""

from __future__ import annotations

PASSING = ("PASS", ".", "")


# the filters a somatic caller (Mutect2) sets because the matched normal carries the change, not for its quality:
# GATK 4.1 and later (normal_artifact, germline), GATK 4.0 (artifact_in_normal, germline_risk), GATK 3 / MuTect 1
# (alt_allele_in_normal) (review of stop 37's change, finding 3)
NORMAL_FILTERS = ("normal_artifact", "germline", "germline_risk", "artifact_in_normal", "alt_allele_in_normal")


def passed(filter_text: str | None) -> bool:
    """'PASS', '.' or nothing; any named filter (e.g. 'LowEVS', 'weak_evidence;map_qual') is a failure."""
    return (filter_text or "") in PASSING


def failed_only_for_the_normal(filter_text: str | None) -> bool:
    """Every filter named is one a caller sets because the normal carries the change ('normal_artifact',
    'germline;normal_artifact'); a quality filter beside them ('strand_bias;normal_artifact') is not."""
    names = [n for n in (filter_text or "").split(";") if n]
    return bool(names) and all(n in NORMAL_FILTERS for n in names)


__all__ = ["NORMAL_FILTERS", "PASSING", "failed_only_for_the_normal", "passed"]
