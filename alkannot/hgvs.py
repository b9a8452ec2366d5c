"""Single ALK variants given at the DNA level for `alkannot lookup`: HGVS c. on NM_004304.5, HGVS g. on the
chromosome 2 RefSeq of a build, or CHROM:POSREF>ALT with --build. Each is mapped to the protein change the
knowledge base is keyed by, through the same transcript model and consequence code as `annotate`.

  c.3604G>A  NM_004304.5:c.3604G>A  NM_004304.5(ALK):c.3604G>A
  c.3605_3607del  c.3451_3453dup  c.3452_3453insCGT  c.3604_3605delinsAG
  NC_000002.12:g.29220747C>T  2:29220747C>T (with --build)  chr2:g.29220747C>T (with --build)

c. positions are the same on both builds (the transcript is), so c. needs no build. Sequence is taken from
the bundled NM_004304.5 data (CDS and the intron flanks of exons 20-28); a change outside it is an error.
"""

from __future__ import annotations

import re

from . import TRANSCRIPT
from .consequence import annotate_allele
from .errors import InputError, UsageProblem
from .genome import build_of_refseq, chrom_number
from .records import record
from .transcript import BUILDS, Transcript, load_transcript, reverse_complement

_POS = r"(?:[-*]?\d+(?:[+-]\d+)?)"
_CHANGE = re.compile(
    rf"^(?P<first>{_POS})(?:_(?P<last>{_POS}))?"
    r"(?:(?P<ref>[ACGTN]+)>(?P<alt>[ACGTN]+)|(?P<op>delins|del|dup|ins)(?P<seq>[ACGTN]*))$",
    re.I,
)
# 'NM_004304.5(ALK):c.3604G>A' (ClinVar's and many clinical reports' form) names the gene after the transcript
_PREFIX = re.compile(r"^(?:(?P<ref>[A-Za-z0-9_.]+)(?:\(ALK\))?:)?(?:(?P<kind>[cg])\.)?(?P<rest>.+)$", re.I)
_TRANSCRIPT_IDS = re.compile(r"^(?:NM_004304|ENST00000389048)(?:\.\d+)?$", re.I)


@record(frozen=True)
class DnaChange:
    """A change at the DNA level as a VCF-style allele on the plus strand."""

    build: str
    pos: int
    ref: str
    alt: str


def looks_dna_level(text: str) -> bool:
    """c./g. descriptions and CHROM:POSREF>ALT; everything else is left to the protein parser."""
    return bool(re.search(r"(^|:)[cg]\.", text.strip()) or re.match(r"^(chr)?[0-9XYM]+:\d", text.strip(), re.I))


def _fail(text: str, reason: str) -> InputError:
    return InputError(f"{text!r}: {reason}", "alteration")


# ------------------------------------------------------------------------------------------- positions
def _c_to_genomic(tx: Transcript, text: str, position: str) -> int:
    """c.N, c.-N, c.*N, each with an optional intron offset (+k/-k), to a genomic position."""
    m = re.fullmatch(r"(?P<utr>[-*]?)(?P<base>\d+)(?P<offset>[+-]\d+)?", position)
    if m is None:  # _CHANGE lets through only this shape; kept so a looser pattern fails cleanly
        raise _fail(text, f"c.{position} is not a c. position")
    base = int(m.group("base"))
    if m.group("utr") == "*":
        tx_pos = tx.cds_tx_end + base
    elif m.group("utr") == "-":
        tx_pos = tx.cds_tx_start - base
    else:
        tx_pos = tx.tx_of_c(base)
    try:
        genomic = tx.genomic_of_tx(tx_pos)
    except ValueError:
        raise _fail(text, f"c.{position} lies outside {TRANSCRIPT}") from None
    offset = int(m.group("offset") or 0)
    return genomic + offset * tx.strand


def _span(tx: Transcript, text: str, kind: str, first: str, last: str | None) -> tuple[int, int]:
    """Genomic [lo, hi] of a c. or g. position range."""
    if kind == "c":
        a = _c_to_genomic(tx, text, first)
        b = _c_to_genomic(tx, text, last) if last else a
    else:
        if not re.fullmatch(r"\d+", first) or (last and not re.fullmatch(r"\d+", last)):
            raise _fail(text, "a g. position is a plain number")
        a, b = int(first), int(last or first)
    return min(a, b), max(a, b)


def _bases(tx: Transcript, text: str, lo: int, hi: int) -> str:
    seq = tx.ref_seq(lo, hi)
    if seq is None:
        raise _fail(
            text,
            f"the bundled {TRANSCRIPT} sequence (CDS and the flanks of exons 20-28) does not "
            f"hold chr2:{lo}-{hi}; give the protein change instead",
        )
    return seq


# ------------------------------------------------------------------------------------------- changes
def _plus(tx: Transcript, kind: str, seq: str) -> str:
    """Bases as written (transcript strand for c.) on the plus strand."""
    return reverse_complement(seq) if kind == "c" and tx.strand < 0 else seq


def _check_ref(tx: Transcript, text: str, kind: str, lo: int, hi: int, stated: str, said: str | None) -> str:
    """The bundled bases at lo..hi, which the stated ones must be; `said`: --build as a message names it, where
    the position is --build's (pipe50b, item 1: 'on chr2 of --build hg38 (GRCh38)')."""
    bundled = _bases(tx, text, lo, hi)
    if stated and _plus(tx, kind, stated.upper()) != bundled:
        shown = reverse_complement(bundled) if kind == "c" and tx.strand < 0 else bundled
        where = TRANSCRIPT if kind == "c" else "chr2" + (f" of --build {said}" if said else "")
        raise _fail(text, f"the reference there is {shown} on {where}, not {stated.upper()}")
    return bundled


def _allele(tx: Transcript, text: str, kind: str, change: re.Match, said: str | None) -> tuple[int, str, str]:
    lo, hi = _span(tx, text, kind, change.group("first"), change.group("last"))
    op, seq = (change.group("op") or "").lower(), (change.group("seq") or "").upper()
    if change.group("ref"):  # N>M
        ref = _check_ref(tx, text, kind, lo, hi, change.group("ref"), said)
        return lo, ref, _plus(tx, kind, change.group("alt").upper())
    if op == "delins":
        return lo, _bases(tx, text, lo, hi), _plus(tx, kind, seq)
    if op == "del":
        deleted = _check_ref(tx, text, kind, lo, hi, seq, said)
        anchor = _bases(tx, text, lo - 1, lo - 1)
        return lo - 1, anchor + deleted, anchor
    if op == "dup":
        copied = _check_ref(tx, text, kind, lo, hi, seq, said)
        anchor = _bases(tx, text, hi, hi)
        return hi, anchor, anchor + copied
    if hi - lo != 1 or not seq:  # ins between two adjacent bases
        raise _fail(text, "an insertion names the two bases it lies between and the inserted sequence")
    anchor = _bases(tx, text, lo, lo)
    return lo, anchor, anchor + _plus(tx, kind, seq)


def build_said(build: str, given: str | None) -> str:
    """--build as a message names it, as annotate's do: as typed, with the GRCh name where that is another name
    ('hg19 (GRCh37)'; pipe49b's finding 2, for lookup at pipe50)."""
    given = given or build
    return given if given.lower() == build.lower() else f"{given} ({build})"


def _build_for(text: str, reference: str | None, kind: str | None, build: str | None, given: str | None) -> str:
    if kind == "c" or (reference and _TRANSCRIPT_IDS.match(reference)):
        return build or BUILDS[-1]  # c. positions do not depend on the build
    from_name = build_of_refseq(reference) if reference else None
    if from_name and build and build != from_name:
        said = build_said(build, given)
        raise UsageProblem(f"{text!r}: {reference} is {from_name}, but --build {said} was given", "alteration")
    if from_name:
        return from_name
    if reference and chrom_number(reference) != "2":
        raise _fail(text, f"{reference} is not chromosome 2 or {TRANSCRIPT}: ALK is on chromosome 2")
    if build is None:
        raise UsageProblem(  # an option the command line lacks: exit 2 (seventh reading, finding 14)
            f"{text!r}: a position on chromosome 2 needs --build GRCh37 or --build GRCh38 (or hg19, hg38), "
            "or the RefSeq named: NC_000002.11 / NC_000002.12",
            "alteration",
        )
    return build


def _outside_build(text: str, change: re.Match, build: str, given: str | None) -> None:
    """A chromosome position (--build's) the bundled sequence of that build does not hold: the build named as typed,
    and the other build asked about where its sequence holds the position (a GRCh38 position with --build hg19)."""
    lo, hi = _span(load_transcript(build), text, "g", change.group("first"), change.group("last"))
    if load_transcript(build).ref_seq(lo, hi) is not None:
        return
    other = next(name for name in BUILDS if name != build)
    hint = f"{other}'s does: is the position on {other}?" if load_transcript(other).ref_seq(lo, hi) is not None else ""
    raise _fail(
        text,
        f"the bundled {TRANSCRIPT} sequence (CDS and the flanks of exons 20-28) of --build {build_said(build, given)} "
        f"does not hold chr2:{lo}{f'-{hi}' if hi != lo else ''}; {hint or 'give the protein change instead'}",
    )


def parse_dna_change(text: str, build: str | None = None, given: str | None = None) -> DnaChange:
    """A DNA-level description to a plus-strand allele; InputError with the reason if it cannot be (`given`: --build
    as typed, for messages)."""
    raw = "".join(text.split())
    prefix = _PREFIX.match(raw)
    if prefix is None:  # only empty text: _PREFIX matches anything else
        raise _fail(text, "no change given")
    reference, kind, rest = prefix.group("ref"), (prefix.group("kind") or "").lower() or None, prefix.group("rest")
    if reference and _TRANSCRIPT_IDS.match(reference) and kind != "c":
        raise _fail(text, f"a change on {TRANSCRIPT} is written c.")
    if kind is None and reference is None:
        raise _fail(text, "write c.… on NM_004304.5, g.… on NC_000002.11/12, or CHROM:POSREF>ALT")
    kind = kind or "g"
    change = _CHANGE.match(rest)
    if not change:
        raise _fail(text, "not an HGVS substitution, del, dup, ins or delins")
    chosen = _build_for(text, reference, kind, build, given)
    said = None  # --build as typed, where the position is --build's (not a RefSeq's, not c.)
    if kind == "g" and build and not (reference and build_of_refseq(reference)):
        _outside_build(text, change, chosen, given)
        said = build_said(chosen, given)
    tx = load_transcript(chosen)
    pos, ref, alt = _allele(tx, text, kind, change, said)
    return DnaChange(chosen, pos, ref, alt)


def protein_alteration(text: str, build: str | None = None, given: str | None = None) -> tuple[str, str]:
    """(label for the query line, protein change for the knowledge base), e.g.
    ('c.3604G>A = NM_004304.5:c.3604G>A p.G1202R', 'G1202R')."""
    from .alterations import parse_alteration

    dna = parse_dna_change(text, build, given)
    consequence = annotate_allele(load_transcript(dna.build), dna.pos, dna.ref, dna.alt)
    described = f"{TRANSCRIPT}:{consequence.hgvsc}" + (f" {consequence.hgvsp}" if consequence.hgvsp != "." else "")
    change = consequence.protein_change or ""
    try:
        parse_alteration(change)
    except ValueError:
        raise _fail(
            text,
            f"{described} ({consequence.consequence or 'outside ALK'}) is no protein change the "
            "knowledge base can hold",
        ) from None
    return f"{text} = {described}", change
