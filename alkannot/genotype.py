"""Reading a sample's genotype fields as callers write them: GT, AD, AF, VAF, FREQ, AO/RO, and the
phase fields PS, PGT/PID. Pure functions over the per-sample dictionaries pass 1 collects.
"""
from __future__ import annotations

import re

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
    """The value for ALT allele `allele` (1-based) of a Number=A or Number=R field."""
    if not isinstance(value, (tuple, list)):
        return value if allele == 1 else None
    index = allele if number_r else allele - 1
    return value[index] if 0 <= index < len(value) else None


def allele_vaf(fmt: dict, allele: int) -> tuple[float | None, str | None, int | None]:
    """VAF of one ALT allele as the caller wrote it: AF, else AD, else VAF/FREQ; and the depth."""
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
    return None, None, depth


def carries(fmt: dict, allele: int) -> bool:
    """Does the sample carry ALT allele `allele`? GT when called, else AD alt > 0, else AF/VAF > 0."""
    alleles = _alleles(fmt.get("GT"))
    if alleles and any(a is not None for a in alleles):
        return allele in alleles
    ad = fmt.get("AD")
    if isinstance(ad, (tuple, list)) and len(ad) > allele and ad[allele] is not None:
        return ad[allele] > 0
    vaf, _, _ = allele_vaf(fmt, allele)
    return vaf is not None and vaf > 0


def phase_fields(fmt: dict, allele: int, record: int) -> tuple[str | None, str | None]:
    gt = fmt.get("GT")
    alleles = _alleles(gt)
    if fmt.get("PS") not in (None, ".") and fmt.get("phased") and alleles:
        return f"PS:{fmt['PS']}", "|".join(str(1 if a == allele else 0) for a in alleles)
    if fmt.get("PID") not in (None, ".") and fmt.get("PGT") not in (None, "."):
        return f"PID:{fmt['PID']}", str(fmt["PGT"])
    return None, None
