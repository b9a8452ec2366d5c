"""The lines of one chunk of a VCF body that can matter to alkannot, found with bytes.find/count and a few
regular expressions (C speed) over the raw text; scan.py feeds it chunks and sends the lines it picks to htslib.
Exact whatever the record order, because nothing relies on sorting:

* positions: a record can matter when it overlaps ALK +-100 kb in either build or a bypass gene
  (+-100 kb). Such a line starts with `\\n<CHROM>\\t<POS>`; per chromosome one regular expression
  (targets.position_pattern: the windows' decimal prefixes, per number length) finds those lines in
  every stretch of the body whose lines all lie on CHROM (one search tells). Hits are checked on
  their full POS. Where lines of several chromosomes mix (a chromosome boundary, unsorted input) the
  stretch is halved until it is one chromosome again or small, and small mixed stretches are read
  line by line.
* reach: a record that starts before a window and reaches into it has INFO END/SVLEN (picked on
  those chromosomes) or a REF longer than the margin, i.e. a line longer than 100 kb (every such
  line is picked).
* structural variants anywhere: `<`, `[`, `]`, `SVTYPE=` (only in chunks holding a 'Y'), and
  single breakends (an ALT allele that starts or ends with '.', as breakends.single_breakend reads
  them; found where a letter is next to the dot).
* the first record of every chromosome name the header does not declare, so that htslib adds the
  same ##contig lines as a full parse would.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # targets itself only where lines are picked in windows (no start-up import, issue 13)
    from .targets import Targets

MIXED_WINDOW = 1 << 16  # below this, a stretch mixing chromosomes is read line by line

# SV markers, each with a byte of it that is rare in VCF bodies, or None: where that byte is absent from a
# chunk (one memchr, ~0.03 ms per 4 MiB) the marker cannot be there and its slower search (~1.5 ms) is skipped.
# In 288 of the 304 corpus VCFs (../shared/corpus/vcf) no 'Y' occurs in the first 200 records; chrY, the IUPAC
# code Y and gene names bring it.
_SV_MARKERS = ((b"<", None), (b"[", None), (b"]", None), (b"SVTYPE=", b"Y"))
_REACH_MARKERS = (b"END=", b"SVLEN=")
# htslib lets END (and, for symbolic alleles, SVLEN) set a record's extent only when the header declares
# them: an undeclared END is added as Type=String and ignored (pysam: stop = pos + len(REF)), so without a
# declaration no line can reach a window from afar through them and their search is skipped.
# (this and the byte-level pass's other patterns are compiled at their first use, through re's cache: a small file
# reads its records through htslib and never needs them; issue 13)
_DECLARES_REACH = rb"(?m)^##INFO=<(?:[^\n]*,)?\s*ID=(?:END|SVLEN)\s*[,>]"
# single breakends ('.A', 'G.'): a dot between a letter and the tab or comma that delimits the
# allele. One pattern that starts with the dot (found by the regex engine's literal-prefix search),
# the neighbours checked by look-behind: a third of the time of four patterns led by tab or comma. The byte after
# the dot is matched before the look-behind: most dots of a VCF line ('\t.\t', '0.5', './.') fail there, and a
# 4 MiB chunk takes about 7.4 ms against 9.5 ms with the look-behind first (stop 45; the same matches).
_SINGLE_BREAKEND = rb"\.(?:[A-Za-z](?<=[\t,]\.[A-Za-z])|[\t,](?<=[A-Za-z]\.[\t,]))"
# a chunk with every byte but tabs and newlines deleted: b'\n' + (b'\t' * (columns - 1) + b'\n') * lines when every
# line has the header's column count (one translate, ~1.6 ms per 4 MiB; a total tab count alone lets a short
# line and a long one in the same chunk cancel out)
_NOT_TAB_OR_NEWLINE = bytes(range(9)) + bytes(range(11, 256))  # every byte but 9 (tab) and 10 (newline)


def first_wide_line(lines: bytes, tabs: int) -> int:
    """The number (0-based) of the first of `lines` (b'\\n'-separated) with more than `tabs` + 1 columns, or -1.
    Trailing empty columns (a trailing tab, which htslib accepts) do not count: no data is in them. One translate
    and one search for `tabs` + 1 tabs in a row among what is left (C speed); a regular expression where that
    finds some."""
    if lines.translate(None, _NOT_TAB_OR_NEWLINE).find(b"\t" * (tabs + 1)) < 0:
        return -1
    found = re.compile(rb"^(?:[^\t\n]*\t){%d}[^\n]*?[^\t\r\n]" % (tabs + 1), re.MULTILINE).search(lines)
    return -1 if found is None else lines.count(b"\n", 0, found.start())


def first_short_line(lines: bytes, tabs: int) -> int:
    """The number (0-based) of the first of `lines` that stops after INFO (8 columns) in a file whose header has
    sample columns (`tabs` + 1 >= 10), or -1. htslib reads such a record as one without genotypes, a text copy keeps
    it and BCF output fails on it (pipeline review 2026-12-01, fourth reading, finding 6): it is refused like a
    record with too few or too many columns."""
    if tabs < 9:
        return -1
    shape = b"\n" + lines.translate(None, _NOT_TAB_OR_NEWLINE) + b"\n"
    at = shape.find(b"\n" + b"\t" * 7 + b"\n")
    return -1 if at < 0 else shape.count(b"\n", 0, at)


def has_extra_columns(line: bytes, tabs: int) -> bool:
    """More than `tabs` + 1 columns, not counting trailing empty ones (first_wide_line)."""
    return line.rstrip(b"\r\n").rstrip(b"\t").count(b"\t") > tabs


KEY_PREFIX = b"ALK_"  # every INFO key alkannot writes starts so


def undeclared_key(line: bytes, keys: frozenset[bytes]) -> bytes | None:
    """The first INFO key of a record line that is one of `keys` (alkannot's keys the header does not define)."""
    fields = line.rstrip(b"\r\n").split(b"\t", 8)  # a CRLF sites-only line ends its INFO with '\r'
    if len(fields) < 8 or KEY_PREFIX not in fields[7]:
        return None
    for entry in fields[7].split(b";"):
        key = entry.split(b"=", 1)[0]
        if key in keys:
            return key
    return None


def first_key_line(lines: bytes, keys: frozenset[bytes], stop: int | None = None) -> tuple[int, bytes]:
    """(offset, key) of the first line in lines[:stop] carrying one of `keys` in INFO, or (-1, b''): one search
    for KEY_PREFIX, and only the lines it finds are split."""
    stop = len(lines) if stop is None else stop
    # a 4-byte search costs about 1.8 ms per 4 MiB, one memchr for a byte 0.05 ms: where either rare byte of
    # the prefix is absent (most chunks of a file without annotations), the search is skipped
    rare = keys and lines.find(b"_", 0, stop) >= 0 and lines.find(b"K", 0, stop) >= 0
    at = lines.find(KEY_PREFIX, 0, stop) if rare else -1
    while at >= 0:
        start = lines.rfind(b"\n", 0, at) + 1
        end = lines.find(b"\n", at)
        end = len(lines) if end < 0 else end
        key = undeclared_key(lines[start:end], keys)
        if key is not None:
            return start, key
        at = lines.find(KEY_PREFIX, end, stop)
    return -1, b""


def record_place(fields: list[bytes]) -> str:
    """'chr2:29220747', where an error says a record is: its CHROM and POS, each cut to its first word and 40
    characters, so a line that is not tab-separated (one field of 2,000 characters) leaves the reason on screen
    (pipeline review of stop 34, finding 7); '' for an empty line."""

    def word(field: bytes) -> str:
        first = field.split(None, 1)[0] if field.split() else b""
        return first[:40].decode("utf-8", "replace").replace("\0", "\\0")

    if not fields or not fields[0].strip():
        return ""
    if len(fields) == 1 or len(fields[0].split()) > 1:  # no tab, or spaces where the first tab should be
        return word(fields[0])
    return f"{word(fields[0])}:{word(fields[1])}"


def spaces_hint(fields: list[bytes]) -> str:
    """' (space-separated? a VCF is tab-separated)' for a record of too few columns whose fields hold spaces."""
    return " (space-separated? a VCF is tab-separated)" if any(b" " in f.strip() for f in fields[:8]) else ""


def problem_text(line: bytes, key: bytes, columns: int, record: int, line_number: int | str) -> str:
    """The error of a record with more columns than the header, or carrying `key` (first_key_line)."""
    fields = line.rstrip(b"\r\n").split(b"\t")
    where = f"line {line_number} ({record_place(fields)})"
    if not key and fields == [b""]:
        return f"unreadable record {record} (line {line_number}): an empty line (a VCF has none; remove it)"
    if not key:
        return f"unreadable record {record} ({where}): {len(fields)} tab-separated columns, the header has {columns}"
    name = key.decode("utf-8", "replace")
    return (
        f"record {record} ({where}) carries INFO {name}, a key alkannot writes, which the header does not define "
        "(another tool's key, or its ##INFO line lost); rename or remove it first"
    )


_OWN_KEYS = rb'(?m)^##INFO=<ID=ALK_[^\n]*Source="alkannot"'


def declares_own_keys(header: bytes) -> bool:
    """Whether the header holds alkannot's own INFO definitions (the input is an earlier alkannot output): then
    every line whose INFO column has an `ALK_` key is picked (info_key_lines), so that keys a record no longer
    gets (another build, another knowledge base) are removed instead of left behind."""
    return re.search(_OWN_KEYS, header) is not None


def declares_reach(header: bytes) -> bool:
    """Whether the header declares INFO END or SVLEN, through which a record can reach a window from afar."""
    return re.search(_DECLARES_REACH, header) is not None


class Picker:
    """Finds the lines of a body chunk that can matter. A chunk is bytes that start with b'\\n'
    (the previous line's end) and end with b'\\n'."""

    def __init__(
        self,
        targets: Targets,
        columns: int,
        declared_contigs: set[str] | None = None,
        reach_markers: bool = True,
        own_keys: bool = False,
        undeclared_keys: frozenset[bytes] = frozenset(),
    ):
        self._targets = targets
        self._undeclared = undeclared_keys
        self._markers = _SV_MARKERS
        self._own_keys = own_keys
        self._reach = _REACH_MARKERS if reach_markers else ()
        self._tabs = columns - 1
        self._line_shape = b"\t" * self._tabs + b"\n"
        self._declared = declared_contigs
        self._seen: set[bytes] = set()
        self._windows: dict[bytes, tuple[tuple[int, int], ...]] = {}
        self._needles: dict[bytes, re.Pattern[bytes] | None] = {}
        self._other_lines: dict[bytes, re.Pattern[bytes]] = {}
        self._lines = 0
        self.wide: set[int] = set()  # starts of the last chunk's lines with more columns than the header
        self.key_line: tuple[int, bytes] = (-1, b"")  # the last chunk's first line with an undeclared_key

    @property
    def lines_in_last_chunk(self) -> int:
        return self._lines

    def windows_of(self, name: bytes) -> tuple[tuple[int, int], ...]:
        found = self._windows.get(name)
        if found is None:
            from .genome import chrom_number

            found = self._windows[name] = self._targets.windows.get(
                chrom_number(name.decode("utf-8", "surrogateescape")), ()
            )
        return found

    def _needles_of(self, name: bytes) -> re.Pattern[bytes] | None:
        """`\\n<CHROM>\\t` and a POS in one of the chromosome's windows (targets.position_pattern): one search
        for all windows; None for a chromosome without windows."""
        if name not in self._needles:
            from .targets import position_pattern  # only where lines are picked in windows

            windows = self.windows_of(name)
            self._needles[name] = (
                re.compile(re.escape(b"\n" + name + b"\t") + position_pattern(windows)) if windows else None
            )
        return self._needles[name]

    def _other_line(self, lead: bytes) -> re.Pattern[bytes]:
        """A line start not followed by `lead` (b'<CHROM>\\t'): one search proves a stretch is one chromosome."""
        found = self._other_lines.get(lead)
        if found is None:
            found = self._other_lines[lead] = re.compile(b"\n(?!" + re.escape(lead) + b")")
        return found

    def pick(self, data: bytes, last: int | None = None) -> list[int]:
        """Sorted start offsets (in `data`) of the lines to parse; the chunk is data[: last + 1] (by default
        all of `data`), so that data[last] is b'\\n' and what follows it waits for the next chunk."""
        starts: set[int] = set()
        self.wide = set()
        last = len(data) - 1 if last is None else last
        # alkannot's keys on a record while the header does not define them: an error (scan.py names it)
        self.key_line = first_key_line(data, self._undeclared, last) if self._undeclared else (-1, b"")
        for marker, rare in self._markers:
            if rare is None or data.find(rare, 0, last) >= 0:
                _add_hits(data, marker, 0, last, starts)
        if self._own_keys:
            info_key_lines(data, last, starts)
        if data.find(b"\0", 0, last) >= 0:  # not allowed in VCF text: the line goes to the check in scan.py
            _add_hits(data, b"\0", 0, last, starts)
        for hit in re.compile(_SINGLE_BREAKEND).finditer(data, 0, last):
            starts.add(data.rfind(b"\n", 0, hit.start()) + 1)
        self._long_lines(data, last, starts)
        shape = (data if last == len(data) - 1 else data[: last + 1]).translate(None, _NOT_TAB_OR_NEWLINE)
        lines = shape.count(b"\n") - 1
        if shape != b"\n" + self._line_shape * lines:  # some line has another column count than the header
            self._odd_columns(data, last, starts)
        self._lines = lines
        self._positions(data, 0, last, starts)
        return sorted(starts)

    def _long_lines(self, data: bytes, last: int, starts: set[int]) -> None:
        """A line longer than MARGIN covers a whole probe of MARGIN/2 bytes without a newline."""
        from .targets import MARGIN

        probe = MARGIN // 2
        for at in range(0, last - probe, probe):
            if data.find(b"\n", at, at + probe) < 0:
                starts.add(data.rfind(b"\n", 0, at) + 1)

    def _odd_columns(self, data: bytes, last: int, starts: set[int]) -> None:
        at = 1
        while at <= last:
            end = data.find(b"\n", at)
            tabs = data.count(b"\t", at, end)
            if tabs != self._tabs:
                starts.add(at)
                if tabs > self._tabs and has_extra_columns(data[at:end], self._tabs):  # an error (scan.py names it)
                    self.wide.add(at)
                elif tabs == 7 and self._tabs >= 9:  # stops after INFO in a file with samples (first_short_line)
                    self.wide.add(at)
            at = end + 1

    def _positions(self, data: bytes, lo: int, hi: int, starts: set[int]) -> None:
        """Lines whose preceding newline lies in [lo, hi) (data[lo] and data[hi] are newlines).
        Sorted input is a run of one-chromosome stretches: each ends at the last line of its
        chromosome, and one count confirms that every line in it is on that chromosome."""
        while lo < hi:
            first_end = data.find(b"\n", lo + 1)
            tab = data.find(b"\t", lo + 1, first_end)
            if tab < 0:  # a line without a tab (picked by the column check): read around it
                self._line_by_line(data, lo, first_end, starts)
                lo = first_end
                continue
            lead = b"\n" + data[lo + 1 : tab] + b"\t"
            end = data.find(b"\n", data.rfind(lead, lo, hi) + 1)
            if self._other_line(lead[1:]).search(data, lo, end) is None:  # every line in [lo, end) has that CHROM
                self._one_chromosome(data, lo, end, lead[1:-1], starts)
            else:
                self._mixed(data, lo, end, starts)
            lo = end

    def _mixed(self, data: bytes, lo: int, hi: int, starts: set[int]) -> None:
        """Unsorted lines: halve until each part is one chromosome again or small."""
        middle = data.find(b"\n", lo + (hi - lo) // 2, hi) if hi - lo > MIXED_WINDOW else -1
        if middle <= lo:
            self._line_by_line(data, lo, hi, starts)
            return
        self._positions(data, lo, middle, starts)
        self._positions(data, middle, hi, starts)

    def _one_chromosome(self, data: bytes, lo: int, hi: int, name: bytes, starts: set[int]) -> None:
        if name not in self._seen:
            self._first_of(name, lo + 1, starts)
        windows = self.windows_of(name)
        if not windows:
            return
        skip = len(name) + 2
        needles = self._needles_of(name)
        for hit in needles.finditer(data, lo, hi) if needles is not None else ():
            at = hit.start()
            pos_end = data.find(b"\t", at + skip)
            digits = data[at + skip : pos_end]
            if not digits.isdigit() or _inside(int(digits), windows):
                starts.add(at + 1)
        for marker in self._reach:
            _add_hits(data, marker, lo, hi, starts)

    def _line_by_line(self, data: bytes, lo: int, hi: int, starts: set[int]) -> None:
        at = lo + 1
        while at <= hi:
            end = data.find(b"\n", at)
            tab = data.find(b"\t", at, end)
            name = data[at:tab] if tab >= 0 else data[at:end]
            if name not in self._seen:
                self._first_of(name, at, starts)
            windows = self.windows_of(name)
            if windows:
                pos_end = data.find(b"\t", tab + 1, end)
                digits = data[tab + 1 : pos_end]
                line = data[at:end]
                if (
                    not digits.isdigit()
                    or _inside(int(digits), windows)
                    or any(marker in line for marker in self._reach)
                ):
                    starts.add(at)
            at = end + 1

    def _first_of(self, name: bytes, at: int, starts: set[int]) -> None:
        self._seen.add(name)
        if self._declared is not None and name.decode("utf-8", "surrogateescape") not in self._declared:
            starts.add(at)  # htslib adds a ##contig line for it: let it see this record


def _inside(pos: int, windows: tuple[tuple[int, int], ...]) -> bool:
    for lo, hi in windows:
        if lo <= pos <= hi:
            return True
    return False


def info_key_lines(data: bytes, hi: int, starts: set[int]) -> None:
    """Start of every line in data[:hi] whose INFO column has a key starting `ALK_` (one search, and only the
    lines it finds are split): the text `ALK_` elsewhere in a line (a sample column) does not pick it, so that
    htslib judges the same records on a re-annotation as on the first run (pipeline review 12, finding 3)."""
    at = data.find(KEY_PREFIX, 0, hi)
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        fields = data[start:end].split(b"\t", 8)
        if len(fields) >= 8 and any(entry.startswith(KEY_PREFIX) for entry in fields[7].split(b";")):
            starts.add(start)
        if end >= hi:
            return
        at = data.find(KEY_PREFIX, end, hi)


def _add_hits(data: bytes, marker: bytes, lo: int, hi: int, starts: set[int]) -> None:
    """Start of every line in data[lo:hi] holding `marker` (one search per line)."""
    at = data.find(marker, lo, hi)
    while at >= 0:
        starts.add(at + 1 if marker[0] == 10 else data.rfind(b"\n", 0, at) + 1)
        end = data.find(b"\n", at + 1)
        if end < 0 or end >= hi:
            return
        at = data.find(marker, end, hi)


__all__ = [
    "Picker",
    "declares_reach",
    "declares_own_keys",
    "first_wide_line",
    "first_short_line",
    "first_key_line",
    "info_key_lines",
    "problem_text",
    "MIXED_WINDOW",
]
