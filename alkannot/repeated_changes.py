"""An ALK change given by two records of one input (`bcftools concat` of overlapping chunks repeats a record; an
MNV beside its decomposed SNV gives one protein change twice): a sample carrying both counts it once, never as a
compound of the change with itself (pipeline review of stop 31, finding 1: `G1202R+G1202R`). Every record is still
written out and annotated; the first record that passed its filters gives the sample's values."""

from __future__ import annotations

from .consequence import reportable
from .log import log


def change_key(rec, allele: int, consequence) -> tuple:
    """What makes two alleles one ALK change for a verdict: the protein change where there is one (p.G1202R),
    otherwise position, REF and ALT."""
    hgvsp = consequence.hgvsp or "."
    if hgvsp not in (".", "p.?") and not consequence.ref_mismatch:
        return ("protein", hgvsp)
    return ("allele", rec.pos, rec.ref, rec.alts[allele - 1])


def add_once(found: list, seen: dict, key: tuple, mutation) -> None:
    """Append `mutation` to a sample's `found` changes, or, where an earlier record gave the same change (`seen`: key
    -> its place), keep the earlier one unless only the new one passed its filters (review of stop 31's change,
    finding 1: a filtered first copy hid the PASS one)."""
    at = seen.get(key)
    if at is None:
        seen[key] = len(found)
        found.append(mutation)
    elif mutation.passed and not found[at].passed:
        found[at] = mutation


def warn_repeated_changes(survey) -> None:
    """One warning per ALK change a later record gives again, naming both records."""
    first: dict[tuple, str] = {}
    for index in sorted(survey.alk_records):
        rec = survey.alk_records[index]
        for allele, result in enumerate(rec.alleles, start=1):
            if not reportable(result.consequence, result.call):
                continue
            key = change_key(rec, allele, result.consequence)
            where = f"{rec.chrom}:{rec.pos} {rec.ref}>{rec.alts[allele - 1]}"
            if key not in first:
                first[key] = where
                continue
            change = result.consequence.hgvsp if key[0] == "protein" else "the same allele"
            log.warning(
                "%s: %s gives %s again (first at %s): a sample carrying both counts it once, with the values of the "
                "first record that passed its filters",
                survey.display,
                where,
                change,
                first[key],
            )


__all__ = ["add_once", "change_key", "warn_repeated_changes"]
