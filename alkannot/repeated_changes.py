"""An ALK change given by two records of one input (`bcftools concat` of overlapping chunks repeats a record; an
MNV beside its decomposed SNV gives one protein change twice): a sample carrying both counts it once, never as a
compound of the change with itself (pipeline review of stop 31, finding 1: `G1202R+G1202R`). Every record is still
written out and annotated; the first record gives the sample's values."""

from __future__ import annotations

import logging

from .consequence import reportable

log = logging.getLogger("alkannot")


def change_key(rec, allele: int, consequence) -> tuple:
    """What makes two alleles one ALK change for a verdict: the protein change where there is one (p.G1202R),
    otherwise position, REF and ALT."""
    hgvsp = consequence.hgvsp or "."
    if hgvsp not in (".", "p.?") and not consequence.ref_mismatch:
        return ("protein", hgvsp)
    return ("allele", rec.pos, rec.ref, rec.alts[allele - 1])


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
                "%s: %s gives %s again (first at %s): a sample carrying both counts it once, with the first record's "
                "values",
                survey.display,
                where,
                change,
                first[key],
            )


__all__ = ["change_key", "warn_repeated_changes"]
