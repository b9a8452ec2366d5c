"""What can matter to alkannot in a VCF body: ALK in both builds and, when the build is known, the bypass genes,
each with MARGIN around it; and the decimal POS prefixes that find those windows' records in raw text
(scan.py, regions.py)."""

from __future__ import annotations

from .records import record

MARGIN = 100_000  # bp around ALK and each bypass gene; also the longest REF not found by length
PREFIXES_PER_RANGE = 20  # decimal POS prefixes per window and number length in position_pattern: alternatives
# of one regular expression cost little, and each digit less means ten times the false hits


@record(frozen=True)
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


def _prefixes_by_digits(lo: int, hi: int, per_range: int) -> list[tuple[int, list[str]]]:
    """For each decimal length of the integers in [lo, hi]: that length and prefixes (all of one length) such
    that every integer of that length in [lo, hi] begins with one of them."""
    lo = max(lo, 0)
    found: list[tuple[int, list[str]]] = []
    for digits in range(len(str(lo)), len(str(hi)) + 1):
        a, b = max(lo, 10 ** (digits - 1) if digits > 1 else 0), min(hi, 10**digits - 1)
        if a > b:
            continue
        keep = 1
        while keep < digits and b // 10 ** (digits - keep - 1) - a // 10 ** (digits - keep - 1) < per_range:
            keep += 1
        scale = 10 ** (digits - keep)
        found.append((digits, [str(p) for p in range(a // scale, b // scale + 1)]))
    return found


def _literal_led(strings: list[str]) -> list[str]:
    """`strings` (decimal prefixes) as regular-expression alternatives that each start with a literal digit,
    nested as a trie: the regex engine then skips an alternative on its first character (a plain
    alternation of prefixes is tried one by one at every line)."""
    groups: dict[str, list[str]] = {}
    for text in strings:
        groups.setdefault(text[0], []).append(text[1:])
    out = []
    for first, rests in sorted(groups.items()):
        rests = sorted(set(rests))
        if rests == [""]:
            out.append(first)
        elif all(len(r) == 1 for r in rests):
            out.append(f"{first}[{''.join(rests)}]")
        else:
            out.append(f"{first}(?:{'|'.join(_literal_led([r for r in rests if r]))}{'|' if '' in rests else ''})")
    return out


def position_pattern(windows: tuple[tuple[int, int], ...], per_range: int = PREFIXES_PER_RANGE) -> bytes:
    """A regular expression for the POS column (the text after `CHROM\\t`) of the records in `windows`, a
    superset at prefix granularity: a prefix of the window's numbers followed by the rest of a number of that
    length and a tab ('7' finds 7,6xx,xxx without 7x,xxx,xxx). Also the POS values htslib reads or judges
    otherwise than a plain number, so that it does so as on the full path: a leading '0' or a non-digit
    (htslib reads '029220747' and '+29220747' as 29,220,747; hts_str2uint), and, after a coarse prefix of a
    window (two per number length), anything but digits and a tab ('29,220,747', '30x': rejected)."""
    precise: list[str] = []
    coarse: set[str] = set()
    for lo, hi in windows:
        for digits, prefixes in _prefixes_by_digits(lo, hi, per_range):
            rest = digits - len(prefixes[0])
            precise += [f"{alternative}\\d{{{rest}}}\\t" for alternative in _literal_led(prefixes)]
        coarse.update(p for _, prefixes in _prefixes_by_digits(lo, hi, 2) for p in prefixes)
    shortest = [p for p in sorted(coarse) if not any(p != q and p.startswith(q) for q in coarse)]
    malformed = [f"{alternative}(?![0-9]*\\t)" for alternative in _literal_led(shortest)]
    return ("(?:" + "|".join([*dict.fromkeys(precise), "(?![1-9])", *malformed]) + ")").encode()


__all__ = ["MARGIN", "Targets", "survey_targets", "position_pattern"]
