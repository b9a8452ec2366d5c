"""What can matter to alkannot in a VCF body: ALK in both builds and, when the build is known, the bypass genes,
each with MARGIN around it; and the decimal POS prefixes that find those windows' records in raw text
(scan.py, regions.py)."""

from __future__ import annotations

from dataclasses import dataclass

MARGIN = 100_000  # bp around ALK and each bypass gene; also the longest REF not found by length
PREFIXES_PER_RANGE = 2  # decimal prefixes per window and digit count: each is one more search of a
# chunk, each digit less ten times the false hits; 2 measured fastest


@dataclass(frozen=True)
class Targets:
    """Inclusive POS windows per chromosome number ('2', '7', ...)."""

    windows: dict[str, tuple[tuple[int, int], ...]]


def survey_targets(build: str | None) -> Targets:
    """ALK in both builds and, when the build is known, the bypass genes; each +-MARGIN."""
    from .bypass import bypass_spans
    from .transcript import BUILDS, load_transcript

    spans = [load_transcript(b) for b in BUILDS]
    windows: dict[str, list[tuple[int, int]]] = {
        "2": [(min(t.start for t in spans) - MARGIN, max(t.end for t in spans) + MARGIN)]
    }
    for chrom, genes in (bypass_spans(build) if build else {}).items():
        windows.setdefault(chrom, []).extend((g.start - MARGIN, g.end + 1 + MARGIN) for g in genes)
    return Targets({chrom: _merged(ranges) for chrom, ranges in windows.items()})


def _merged(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((max(lo, 0), hi))
    return tuple(out)


def position_prefixes(lo: int, hi: int, per_range: int = PREFIXES_PER_RANGE) -> tuple[bytes, ...]:
    """Decimal prefixes such that every integer in [lo, hi] begins with one of them."""
    lo = max(lo, 0)
    found: set[str] = set()
    for digits in range(len(str(lo)), len(str(hi)) + 1):
        a, b = max(lo, 10 ** (digits - 1) if digits > 1 else 0), min(hi, 10**digits - 1)
        if a > b:
            continue
        keep = 1
        while keep < digits and b // 10 ** (digits - keep - 1) - a // 10 ** (digits - keep - 1) < per_range:
            keep += 1
        scale = 10 ** (digits - keep)
        found.update(str(p) for p in range(a // scale, b // scale + 1))
    ordered = sorted(found, key=len)
    kept: list[str] = []
    for prefix in ordered:  # '29' already finds everything '291' would
        if not any(prefix.startswith(k) for k in kept):
            kept.append(prefix)
    return tuple(sorted(p.encode() for p in kept))


__all__ = ["MARGIN", "Targets", "survey_targets", "position_prefixes"]
