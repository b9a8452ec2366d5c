"""Reading a sample's genotype fields as callers write them: GT, AD, AF, VAF, FREQ, AO/RO (FreeBayes),
AU/CU/GU/TU and TAR/TIR (Strelka2), and the
phase fields PS, PGT/PID. Pure functions over the per-sample dictionaries pass 1 collects.
"""

from __future__ import annotations

import re

# Strelka2 somatic SNVs: the FORMAT key of each base's tier-1 count
STRELKA_BASE_COUNTS = {"A": "AU", "C": "CU", "G": "GU", "T": "TU"}
# every value allele_vaf returns as the VAF's source (JSON `vaf_source`; report/schema.json lists exactly these, and
# None where no VAF was read): the FORMAT key it was read from ('TU': Strelka2's T count, 'TIR': Strelka2's indel
# count, 'AO': FreeBayes)
VAF_SOURCES = ("AF", "AD", "VAF", "FREQ", "AO", *STRELKA_BASE_COUNTS.values(), "TIR")


def _alleles(gt) -> list[int | None]:
    if isinstance(gt, (tuple, list)):
        return list(gt)
    if isinstance(gt, str) and gt not in ("", "."):
        return [None if a == "." else int(a) for a in re.split(r"[/|]", gt) if a != ""]
    return []


def _number(value) -> float | None:
    if isinstance(value, (tuple, list)):
        value = value[0] if value else None
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().rstrip("%")
        try:
            number = float(text)
        except ValueError:
            return None
        return number / 100 if value.strip().endswith("%") else number
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _per_allele(value, allele: int, number_r: bool):
    """The value for ALT allele `allele` (1-based) of a Number=A or Number=R field (text, '0.3,0.2', too)."""
    if isinstance(value, str) and "," in value:
        value = value.split(",")
    if not isinstance(value, (tuple, list)):
        return value if allele == 1 else None
    index = allele if number_r else allele - 1
    return value[index] if 0 <= index < len(value) else None


def _strelka_vaf(fmt: dict, ref: str | None, alt: str | None) -> tuple[float, str, int] | None:
    """Strelka2 somatic: SNVs from the tier-1 base counts AU/CU/GU/TU, indels from TAR/TIR."""
    ref_key = STRELKA_BASE_COUNTS.get((ref or "").upper())
    alt_key = STRELKA_BASE_COUNTS.get((alt or "").upper())
    if ref_key and alt_key:
        ref_count, alt_count = _number(fmt.get(ref_key)), _number(fmt.get(alt_key))
        if ref_count is not None and alt_count is not None and ref_count + alt_count > 0:
            return alt_count / (ref_count + alt_count), alt_key, int(ref_count + alt_count)
    tar, tir = _number(fmt.get("TAR")), _number(fmt.get("TIR"))
    if tar is not None and tir is not None and tar + tir > 0:
        return tir / (tar + tir), "TIR", int(tar + tir)
    return None


def allele_vaf(
    fmt: dict, allele: int, ref: str | None = None, alt: str | None = None
) -> tuple[float | None, str | None, int | None]:
    """VAF of one ALT allele as the caller wrote it: AF, else AD, else VAF/FREQ, else FreeBayes AO/RO,
    else Strelka2 tier-1 counts; and the depth."""
    depth = fmt.get("DP")
    depth = int(depth) if isinstance(depth, (int, float)) else None
    ad = fmt.get("AD")
    ad_values = [v for v in ad if v is not None] if isinstance(ad, (tuple, list)) else []
    af = _number(_per_allele(fmt.get("AF"), allele, False)) if fmt.get("AF") is not None else None
    if af is not None:
        return af, "AF", depth or (sum(ad_values) if ad_values else None)
    if len(ad_values) > allele and sum(ad_values) > 0:
        return ad_values[allele] / sum(ad_values), "AD", depth or sum(ad_values)
    for key in ("VAF", "FREQ"):
        if fmt.get(key) is not None:
            value = _number(_per_allele(fmt[key], allele, False))
            if value is not None:
                return value, key, depth
    ao, ro = fmt.get("AO"), _number(fmt.get("RO"))
    if ao is not None and ro is not None:
        alt_count = _number(_per_allele(ao, allele, False))
        all_alts = sum(v for v in (ao if isinstance(ao, (tuple, list)) else (ao,)) if isinstance(v, (int, float)))
        if alt_count is not None and ro + all_alts > 0:
            return alt_count / (ro + all_alts), "AO", depth or int(ro + all_alts)
    strelka = _strelka_vaf(fmt, ref, alt)
    if strelka is not None:
        return strelka[0], strelka[1], depth or strelka[2]
    return None, None, depth


def carries(fmt: dict, allele: int, ref: str | None = None, alt: str | None = None) -> bool:
    """Does the sample carry ALT allele `allele`? GT when called, else AD alt > 0, else a VAF > 0."""
    alleles = _alleles(fmt.get("GT"))
    if alleles and any(a is not None for a in alleles):
        return allele in alleles
    ad = fmt.get("AD")
    if isinstance(ad, (tuple, list)) and len(ad) > allele and ad[allele] is not None:
        return ad[allele] > 0
    vaf, _, _ = allele_vaf(fmt, allele, ref, alt)
    return vaf is not None and vaf > 0


def alt_reads(fmt: dict, allele: int, ref: str | None = None, alt: str | None = None) -> bool:
    """Reads for ALT allele `allele`, whatever the genotype says: AD alt > 0, else a VAF > 0. Mutect2 writes a matched
    normal's GT as 0/0 however many alt reads it has (clinical review of stop 36, finding 1)."""
    ad = fmt.get("AD")
    if isinstance(ad, (tuple, list)) and len(ad) > allele and ad[allele] is not None:
        return ad[allele] > 0
    vaf, _, _ = allele_vaf(fmt, allele, ref, alt)
    return vaf is not None and vaf > 0


def called_alleles(fmt: dict | None) -> list[int]:
    """The alleles a caller's genotype (GT) calls, no-calls ('.') left out: [] for ./. or no GT."""
    return [a for a in _alleles((fmt or {}).get("GT")) if a is not None]


def called_carrier(fmt: dict | None, allele: int) -> bool:
    """Whether a caller's genotype (GT) gives this sample the ALT allele `allele`; read counts alone do not
    count (a little tumour in the normal gives alt reads, not a called genotype)."""
    alleles = _alleles((fmt or {}).get("GT"))
    return allele in alleles


def carrier_values(
    values: dict[str, dict], alleles: list[int], ref: str | None, alts: tuple[str, ...], reads: bool = False
) -> dict[str, dict]:
    """Of `values` (sample -> FORMAT values of one record), the samples that carry one of `alleles` (1-based), and
    with `reads` (a record filtered only for the normal) those with reads for one: the only ones a verdict reads
    there (sample.sample_mutations lists a change a sample `carries`; its in_normal check asks `called_carrier`, or
    `alt_reads` on such a record). A sample left out reads as carrying none of them; one whose values cannot be read
    here (a FORMAT field of an unexpected type) is kept, for the verdict to judge."""
    return {name: fmt for name, fmt in values.items() if _may_carry(fmt, alleles, ref, alts, reads)}


def _may_carry(fmt: dict, alleles: list[int], ref: str | None, alts: tuple[str, ...], reads: bool) -> bool:
    try:
        return any(
            carries(fmt, a, ref, alts[a - 1])
            or called_carrier(fmt, a)
            or (reads and alt_reads(fmt, a, ref, alts[a - 1]))
            for a in alleles
        )
    except (TypeError, ValueError, IndexError):
        return True


def phase_fields(fmt: dict, allele: int) -> tuple[str | None, str | None]:
    gt = fmt.get("GT")
    alleles = _alleles(gt)
    if fmt.get("PS") not in (None, ".") and fmt.get("phased") and alleles:
        return f"PS:{fmt['PS']}", "|".join(str(1 if a == allele else 0) for a in alleles)
    if fmt.get("PID") not in (None, ".") and fmt.get("PGT") not in (None, "."):
        return f"PID:{fmt['PID']}", str(fmt["PGT"])
    return None, None
