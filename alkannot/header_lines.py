"""The input's header lines that htslib does not keep, said instead of lost silently: a line that is not KEY=VALUE
(htslib drops it), and a second, different definition of an INFO/FORMAT/FILTER/ALT/contig ID (htslib keeps the
first). Two ##contig lines for chromosome 2 with different lengths leave the genome build undecidable: exit 3
(pipeline review 2026-12-01, third reading, finding 9). Reads only the header's text lines; a BCF's header was
written by htslib and needs only the check of a chromosome 2 under a name alkannot does not read."""

from __future__ import annotations

import re
from contextlib import closing

from .errors import InputError
from .genome import chrom2_lengths, chrom2_lookalike, chrom_number
from .log import log
from .vcfio import is_bcf, text_lines

_DEFINED = (b"INFO", b"FORMAT", b"FILTER", b"ALT", b"contig")


def check_input_header(path: str, vf, display: str, build_given: bool = False, verbatim: bool = False) -> None:
    """The header checks of the input `path`, open as `vf`: a text header's lines (check_header_lines); a BCF's
    contigs, which htslib wrote, for a chromosome 2 under a name alkannot does not read. `verbatim`: the output's
    header is the input's lines as written (a VCF output, input_header.py), so a line htslib drops or rewrites is
    not said: the output keeps it."""
    if not is_bcf(path):
        # what htslib keeps of the header, where the output's header is written from it, as a BCF output's is
        # (pipeline review of stop 31, finding 2: '##StudyTitle=<"...">' was dropped, an unterminated quote
        # rewritten, without a word)
        kept = None if verbatim else _Kept(str(vf.header).encode(errors="surrogateescape"))
        with closing(text_lines(path)) as lines:
            check_header_lines(lines, display, build_given, kept, verbatim)
        return
    for number, (name, contig) in enumerate(vf.header.contigs.items(), start=1):
        length = contig.length
        _warn_chrom2_lookalike(name.encode(errors="surrogateescape"), display, f"contig {number}", length)


class _Kept:
    """The lines of htslib's own header, for `line in kept`: a line as htslib wrote it (most are: 120,000 ##contig
    lines are, pipeline review of stop 42, finding 8), else one that differs only as htslib rewrites a line it keeps
    (_compared), the comparable forms made on the first line that needs them."""

    def __init__(self, header: bytes):
        self.exact = set(header.splitlines())
        self._compared: set[bytes] | None = None

    def __contains__(self, line: object) -> bool:
        if line in self.exact:
            return True
        if self._compared is None:
            self._compared = {_compared(kept) for kept in self.exact}
        return isinstance(line, bytes) and _compared(line) in self._compared


def check_header_lines(
    lines, display: str, build_given: bool = False, kept: _Kept | None = None, verbatim: bool = False
) -> None:
    """Warn about each header line htslib drops; InputError for conflicting chromosome-2 lengths unless the user
    gave the build (--build): then a warning, and --build must agree with the first line, which htslib keeps
    (survey._resolve_build). `lines`: the file's raw lines (bytes)
    from the first; reading stops at #CHROM. `kept`: the lines of htslib's own header; any other line not in it
    (dropped, or rewritten: an unterminated quote closed, spaces trimmed) is named too. `verbatim`: the output
    keeps the input's header lines as written: a line htslib drops is not said, a second definition is said as the
    one htslib does not read the records by."""
    seen: dict[tuple[bytes, bytes], tuple[int, bytes]] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.startswith(b"##"):
            break
        line = raw.rstrip(b"\r\n")
        if b"=" not in line:
            if not verbatim:
                log.warning("%s:%d: header line dropped (not KEY=VALUE): %s", display, number, _shown(line))
            continue
        found = definition(line)
        if found is None or (found not in seen):
            if kept is not None and line not in kept and not line.startswith(_PASS):
                log.warning(
                    "%s:%d: header line not kept as written (htslib drops or rewrites it): %s",
                    display,
                    number,
                    _shown(line),
                )
        if found is None:
            continue
        kind, name = found
        if (kind, name) not in seen:
            seen[kind, name] = (number, line)
            if kind == b"contig":
                found_length = contig_length(line)
                _warn_chrom2_lookalike(name, display, number, int(found_length) if found_length else None)
            continue
        first_number, first = seen[kind, name]
        if first == line:
            continue
        lengths = (contig_length(first), contig_length(line))
        text = name.decode(errors="surrogateescape")
        if kind == b"contig" and chrom_number(text) == "2" and None not in lengths and len(set(lengths)) > 1:
            said = (
                f"two ##contig lines for {name.decode(errors='replace')} give different lengths (lines {first_number} "
                f"and {number})"
            )
            if not build_given:
                raise InputError(
                    f"{said}: the genome build cannot be told; remove the wrong line (htslib keeps the first), or "
                    "rerun with --build naming the first line's build",
                    display,
                    number,
                )
            log.warning("%s:%d: %s; htslib keeps the first, which --build must agree with", display, number, said)
            continue
        log.warning(
            _AGAIN_KEPT if verbatim else _AGAIN_DROPPED,
            display,
            number,
            kind.decode(),
            name.decode(errors="replace"),
            first_number,
        )


_AGAIN_DROPPED = (
    "%s:%d: header line dropped: %s/%s is defined again, differently; htslib keeps the first definition (line %d)"
)
_AGAIN_KEPT = (
    "%s:%d: %s/%s is defined again, differently; the records are read by the first definition (line %d), as htslib "
    "reads them; a VCF output keeps both lines as written"
)


# what htslib changes in a header line it keeps, which is not named (review of stop 31's change, finding 4): white
# space (snpEff's ANN/LOF/NMD descriptions end "...' ">", trailing spaces), the IDX= it adds or drops, and PASS's
# description (htslib writes its own "All filters passed" for MuTect's, MuSE's or GATK's)
_IDX = rb",IDX=\d+"  # compiled at its first use (re's cache): most runs compare no header line (issue 13)
_PASS = b"##FILTER=<ID=PASS,"


def _compared(line: bytes) -> bytes:
    return re.sub(_IDX, b"", b"".join(line.split()))


def _warn_chrom2_lookalike(name: bytes, display: str, where: int | str, length: int | None) -> None:
    """A ##contig with the length of a build's chromosome 2 under a name alkannot does not read as chromosome 2
    (an accession of another naming scheme): its records would be passed over as '0 in ALK' without a word.
    `where`: the header line (text) or the contig's place in a BCF header."""
    if length not in chrom2_lengths():  # most contigs: their name is not read (pipeline review of stop 42, 8)
        return
    build = chrom2_lookalike(name.decode(errors="surrogateescape"), length)
    if build:
        log.warning(
            "%s:%s: ##contig %s has the length of %s chromosome 2 (%s), but alkannot does not read that name as "
            "chromosome 2 (chr2, 2, NC_000002.x, CM000664.x): its records are not annotated; rename it, e.g. "
            "bcftools annotate --rename-chrs",
            display,
            where,
            _shown(name),
            build,
            length,
        )


def definition(line: bytes) -> tuple[bytes, bytes] | None:
    """(kind, ID) of an INFO/FORMAT/FILTER/ALT/contig definition (b'##INFO=<ID=DP,...' -> (b'INFO', b'DP')), else
    None: the groups of re.match(rb"^##(INFO|FORMAT|FILTER|ALT|contig)=<ID=([^,>]+)", line), read without a pattern
    to compile (issue 13). A kind holds no '=', so the first '=<ID=' is the one after it."""
    if not line.startswith(b"##"):
        return None
    kind, opened, rest = line[2:].partition(b"=<ID=")
    if not opened or kind not in _DEFINED:
        return None
    end = len(rest)
    for stop in (b",", b">"):
        found = rest.find(stop, 0, end)
        if found >= 0:
            end = found
    return (kind, rest[:end]) if end else None


def contig_length(line: bytes) -> bytes | None:
    """The digits of a header line's first '<length=n' or ',length=n': re.search(rb"[<,]length=(\\d+)", line)'s
    group, read without a pattern to compile (issue 13)."""
    at = line.find(b"length=", 1)
    while at >= 0:
        end = at + 7
        while end < len(line) and 48 <= line[end] <= 57:  # b"0" to b"9": a bytes pattern's \\d
            end += 1
        if line[at - 1] in (60, 44) and end > at + 7:  # b"<", b","
            return line[at + 7 : end]
        at = line.find(b"length=", at + 1)
    return None


def _shown(line: bytes, limit: int = 80) -> str:
    text = line.decode(errors="replace")
    return text if len(text) <= limit else text[: limit - 3] + "..."


__all__ = ["check_header_lines", "check_input_header", "contig_length", "definition"]
