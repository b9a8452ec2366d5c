"""FORMAT values of a pysam record as plain values: the one place records become plain dictionaries. Count fields
(AD, DP, AO, ...) are read as numbers whatever the header declares, as htslib's callers read them (pipeline review
2026-12-01, sixth reading, finding 1); a value that is no number is read as absent, with one warning per file that
names it."""

from __future__ import annotations

import math

from .log import log

# FORMAT fields callers write as read counts or depths (GATK AD/DP, FreeBayes AO/RO, Strelka2 tier-1 counts):
# read as numbers whatever the header declares - htslib reads an undeclared AD as text, '15,15'
COUNT_KEYS = frozenset({"AD", "DP", "AO", "RO", "AU", "CU", "GU", "TU", "TAR", "TIR"})


class _Unusable(Exception):
    pass


def _count(value: object) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, bool):  # a Flag where a number belongs
        raise _Unusable
    if isinstance(value, (int, float)):
        number = value
    else:
        text = str(value).strip()
        if text in ("", "."):
            return None
        try:
            number = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                raise _Unusable from None
    if isinstance(number, float) and not math.isfinite(number):
        raise _Unusable
    return number


def as_numbers(value: object) -> object:
    """A numeric FORMAT value as numbers, however the header typed it: htslib reads an undeclared (or String)
    field as text, '15,15', and bcftools reads such a file. Text is split on ',' and converted; a value with a
    part that is not a number raises _Unusable (the caller treats the field as absent, never a crash)."""
    if type(value) is int or value is None:  # the common case, a declared Integer: nothing to convert
        return value
    if type(value) is tuple and all(type(part) is int or part is None for part in value):
        return value
    if isinstance(value, str):
        numbers = tuple(_count(part) for part in value.split(","))
        return numbers if len(numbers) > 1 else numbers[0]
    if isinstance(value, (tuple, list)):
        return tuple(_count(part) for part in value)
    return _count(value)


_WARNED_UNUSABLE: set[str] = set()


def reading_file(display: str) -> None:
    """vcfio.open_vcf opened `display`: its records are read next, and a warning names it (once per field)."""
    _WARNED_UNUSABLE.clear()
    _READING["display"] = display


# the file open_vcf opened last: records are read one file at a time (the main input's pass 1, then each --sv
# file), so a warning on a record names its file
_READING = {"display": ""}


def _warn_unusable(rec, key: str, sample: str) -> None:
    if key in _WARNED_UNUSABLE:  # once a file (open_vcf): a bad column would be said on every record
        return
    _WARNED_UNUSABLE.add(key)
    log.warning(
        "%sFORMAT/%s of sample %s at %s:%d is not a number: read as absent (no VAF or depth from it)%s",
        f"{_READING['display']}: " if _READING["display"] else "",
        key,
        sample,
        rec.chrom,
        rec.pos,
        "" if key in rec.header.formats else "; the header does not declare it",
    )


def format_values(rec, keys, phased: bool = False, skip_missing: bool = False) -> dict[str, dict[str, object]]:
    """The FORMAT values of every sample of a pysam record for the `keys` it has, as plain dictionaries (the one
    place records become plain values); `phased` adds whether GT is phased, `skip_missing` leaves out '.'.
    COUNT_KEYS are read as numbers whatever the header declares (as_numbers); a value that is not one is left
    out, as if the sample had no such field, with a warning."""
    present = [k for k in keys if k in rec.format]
    values: dict[str, dict[str, object]] = {}
    for name, sample in rec.samples.items():
        entry: dict[str, object] = {}
        for key in present:
            try:
                value = sample[key]
                if key in COUNT_KEYS:
                    value = as_numbers(value)
            except (ValueError, TypeError, KeyError):
                continue
            except _Unusable:
                _warn_unusable(rec, key, name)
                continue
            if value is not None or not skip_missing:
                entry[key] = value
        if phased and "GT" in present:
            entry["phased"] = sample.phased
        values[name] = entry
    return values


__all__ = ["COUNT_KEYS", "as_numbers", "format_values", "reading_file"]
