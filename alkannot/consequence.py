"""The effect of one VCF allele on ALK NM_004304.5: HGVS c./p., SO consequence, exon, region.

Pure functions over the transcript model. Indels are shifted to the most 3' position on the
transcript strand (HGVS 3' rule) using the sequence the bundled data know (the CDS, plus intron
flanks of exons 20-28); insertions equal to the sequence just 5' of them are written as dup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .records import record
from .transcript import (
    CODON_TABLE,
    COMPLEMENT,
    ONE_LETTER_STOP,
    Transcript,
    load_transcript,
    region_of_residue,
    reverse_complement,
    translate,
)

STOP_CODONS = tuple(codon for codon, amino in CODON_TABLE.items() if amino == ONE_LETTER_STOP)
SPLICE_REGION_EXON_BASES = 3  # VEP/SO: 1-3 bases of the exon at a splice junction
SPLICE_REGION_INTRON_BASES = 8  # ... and 3-8 bases of the intron


@record(frozen=True)
class Consequence:
    """What one ALT allele does to NM_004304.5: HGVS c./p., SO terms, exon and protein region."""

    hgvsc: str  # 'c.3604G>A' or '.'
    hgvsp: str  # 'p.G1202R' or '.'
    terms: tuple[str, ...]  # SO terms, most severe first
    exon: str  # '23/29', 'i19/28', '22-23/29' or '.'
    region: str  # 'kinase_domain', another named region, or '.'
    protein_change: str | None = None  # 'G1202R' (hgvsp without 'p.'), for the knowledge base
    aa_start: int | None = None  # first residue affected
    ref_mismatch: bool = False  # REF disagrees with the bundled sequence: hgvsc '.', hgvsp 'p.?' (see annotate_allele)
    shifted: bool = False  # the allele was moved 3' by the HGVS rule
    location: str = "."  # of a REF-mismatch allele, where no c. change can be written: 'c.3604 in codon 1202'

    @property
    def consequence(self) -> str:
        return "&".join(self.terms) if self.terms else "."


NOT_IN_ALK = Consequence(".", ".", (), ".", ".")


# --------------------------------------------------------------------------------------------
# allele normalisation
# --------------------------------------------------------------------------------------------
@record(frozen=True)
class Allele:
    """A minimal allele: delete genomic [start, end] (end = start-1 for a pure insertion) and
    insert `alt` (plus strand) in their place."""

    start: int
    end: int
    ref: str
    alt: str

    @property
    def is_insertion(self) -> bool:
        return self.end < self.start


def trim(pos: int, ref: str, alt: str) -> Allele:
    """Remove the common suffix, then the common prefix (VCF padding base)."""
    ref, alt = ref.upper(), alt.upper()
    while ref and alt and ref[-1] == alt[-1]:
        ref, alt = ref[:-1], alt[:-1]
    lead = 0
    while lead < len(ref) and lead < len(alt) and ref[lead] == alt[lead]:
        lead += 1
    ref, alt, pos = ref[lead:], alt[lead:], pos + lead
    return Allele(pos, pos + len(ref) - 1, ref, alt)


def shift_3prime(tx: Transcript, allele: Allele) -> Allele:
    """Move a pure insertion or deletion to its most 3' position on the transcript strand,
    as far as the bundled sequence is known."""
    if allele.ref and allele.alt:
        return allele
    last = allele
    for last in equivalent_placements(tx, allele, -1 if tx.strand < 0 else 1):
        pass
    if last.ref:  # a deletion names the reference's bases where they are known (a lower-case REF: 'gg' -> 'GG')
        return Allele(last.start, last.end, tx.ref_seq(last.start, last.end) or last.ref, "")
    return last


def equivalent_placements(tx: Transcript, allele: Allele, step: int) -> Iterator[Allele]:
    """The placements of a pure insertion or deletion that give the same sequence as `allele`, one base at a time
    towards higher (`step` 1) or lower (-1) genomic positions, as far as the bundled sequence is known."""
    start, end = allele.start, allele.end
    deletion, seq = bool(allele.ref), allele.ref or allele.alt
    while True:
        if deletion:  # the base entering on one side must equal the one leaving on the other
            nxt, out = (
                (tx.ref_base(end + 1), tx.ref_base(start)) if step > 0 else (tx.ref_base(start - 1), tx.ref_base(end))
            )
        else:  # an insertion rotates over the base beside it
            nxt, out = (tx.ref_base(start), seq[0]) if step > 0 else (tx.ref_base(end), seq[-1])
        if nxt is None or out is None or nxt != out:
            return
        seq = seq[1:] + nxt if step > 0 else nxt + seq[:-1]
        start, end = start + step, end + step
        yield Allele(start, end, seq, "") if deletion else Allele(start, end, "", seq)


# --------------------------------------------------------------------------------------------
# c. description
# --------------------------------------------------------------------------------------------
def _tx_strand(tx: Transcript, seq: str) -> str:
    return reverse_complement(seq) if tx.strand < 0 else seq


def _c_range(tx: Transcript, start: int, end: int) -> str:
    """c. text for a genomic range, written 5'->3' on the transcript."""
    first, last = (end, start) if tx.strand < 0 else (start, end)
    a, b = tx.c_pos(first), tx.c_pos(last)
    return str(a) if first == last else f"{a}_{b}"


def _is_dup(tx: Transcript, allele: Allele) -> tuple[int, int] | None:
    """If an insertion repeats the bases just 5' of it on the transcript, the genomic range of the
    copy; else None."""
    n = len(allele.alt)
    if tx.strand < 0:
        lo, hi = allele.start, allele.start + n - 1  # 5' side on the transcript = higher coords
    else:
        lo, hi = allele.end - n + 1, allele.end
    if tx.ref_seq(lo, hi) == allele.alt:
        return lo, hi
    return None


def hgvs_c(tx: Transcript, allele: Allele) -> str:
    if allele.is_insertion:
        dup = _is_dup(tx, allele)
        if dup:
            return f"c.{_c_range(tx, *dup)}dup"
        left, right = allele.end, allele.start  # genomic flanks of the insertion point
        return f"c.{_c_range(tx, left, right)}ins{_tx_strand(tx, allele.alt)}"
    span = _c_range(tx, allele.start, allele.end)
    if not allele.alt:
        return f"c.{span}del"
    if len(allele.ref) == 1 and len(allele.alt) == 1:
        return f"c.{span}{_tx_strand(tx, allele.ref)}>{_tx_strand(tx, allele.alt)}"
    return f"c.{span}delins{_tx_strand(tx, allele.alt)}"


# --------------------------------------------------------------------------------------------
# p. description
# --------------------------------------------------------------------------------------------
def _cds_index(tx: Transcript, pos: int) -> int | None:
    """0-based CDS index of a genomic position, or None if not a coding base."""
    t = tx.tx_pos(pos)
    if t is None or not (tx.cds_tx_start <= t <= tx.cds_tx_end):
        return None
    return t - tx.cds_tx_start


def _mutant_cds(tx: Transcript, allele: Allele) -> tuple[str, int, int] | None:
    """The mutated CDS and the 0-based CDS interval [i, j) replaced, if the change lies wholly in
    coding exonic sequence; else None."""
    if allele.is_insertion:
        a, b = _cds_index(tx, allele.end), _cds_index(tx, allele.start)
        if a is None or b is None or abs(a - b) != 1:
            return None
        i = max(a, b)
        return tx.cds[:i] + _tx_strand(tx, allele.alt) + tx.cds[i:], i, i
    span = range(allele.start, allele.end + 1)
    idx = [x for p in span if (x := _cds_index(tx, p)) is not None]
    if len(idx) != len(span) or max(idx) - min(idx) != len(idx) - 1:
        return None
    i, j = min(idx), max(idx) + 1
    return tx.cds[:i] + _tx_strand(tx, allele.alt) + tx.cds[j:], i, j


def _coding_equivalent(tx: Transcript, allele: Allele) -> tuple[str, int, int] | None:
    """An insertion the 3' rule put exactly between an exon's last coding base and the intron (c.4073dup at the end of
    exon 27, c.3357_3359dup at the end of exon 20) makes the same pre-mRNA as an equivalent placement 5' of it inside
    the exon, with the splice site's bases intact: that placement's mutated CDS gives the protein change, where `p.?`
    was written (review of stop 36, HGVS finding 1). The caller asks only for such an insertion with both bases beside
    the junction known: one placed on or past the splice bases (c.3938+1dup, c.4072_4073+3dup) may move the donor, and
    an exon whose intron flank is not bundled (exons 1-19: c.1154_1154+1insAGG, c.3172dup stay p.?) cannot show where
    the 3' rule puts it (a dup of an exon's last G is c.N+1dup where the intron starts GT: review of that change,
    findings 1 and 2). None where no placement lies wholly in coding sequence."""
    if not allele.is_insertion:
        return None
    placements = equivalent_placements(tx, allele, 1 if tx.strand < 0 else -1)  # towards the transcript's 5' end
    return next((mutant for a in placements if (mutant := _mutant_cds(tx, a)) is not None), None)


def _aa_range(ref_p: str, lo: int, hi: int) -> str:
    """'G1202' or 'G1202_D1203' for 0-based inclusive residue indexes."""
    first = f"{ref_p[lo]}{lo + 1}"
    return first if lo == hi else f"{first}_{ref_p[hi]}{hi + 1}"


def _translate_until_stop(seq: str, start: int) -> str:
    """Codons of `seq` from `start` up to and including the first stop (or the last whole codon)."""
    out = []
    for at in range(start, len(seq) - 2, 3):
        amino = CODON_TABLE.get(seq[at : at + 3], "X")
        out.append(amino)
        if amino == ONE_LETTER_STOP:
            break
    return "".join(out)


def mutant_protein(tx: Transcript, mutant: str, cds_i: int, cds_j: int | None) -> tuple[str, int]:
    """translate(mutant) cut after its first stop, and the first residue that can differ from the
    reference. Only the changed codons are translated: before codon cds_i//3 the mutant is the
    reference; in frame, the codons after the replaced CDS interval [cds_i, cds_j) are the
    reference's again (shifted by the length change); out of frame, translation stops at the new
    stop codon. Without cds_j (or a reference that does not translate to the protein) the whole
    mutant CDS is translated."""
    reference = tx.reference_translation if cds_j is not None else None
    first = cds_i // 3
    if reference is None or cds_j is None:
        whole = translate(mutant)
        stop = whole.find(ONE_LETTER_STOP)
        return (whole[: stop + 1] if stop >= 0 else whole), 0
    change = len(mutant) - len(tx.cds)
    if change % 3:
        return reference[:first] + _translate_until_stop(mutant, 3 * first), first
    after_ref = -(-cds_j // 3)  # first codon wholly after the replaced bases
    after_mut = after_ref + change // 3
    whole = reference[:first] + translate(mutant[3 * first : 3 * after_mut]) + reference[after_ref:]
    stop = whole.find(ONE_LETTER_STOP, first)
    return (whole[: stop + 1] if stop >= 0 else whole), first


def protein_change(
    tx: Transcript, mutant: str, cds_i: int, cds_j: int | None = None
) -> tuple[str, tuple[str, ...], int]:
    """(one-letter change without 'p.', SO terms, first affected residue 1-based). `cds_j`, the end
    of the replaced CDS interval, lets only the changed codons be translated."""
    ref_p = tx.protein + ONE_LETTER_STOP
    frameshift = (len(mutant) - len(tx.cds)) % 3 != 0
    first_codon = cds_i // 3
    if first_codon == 0 and mutant[:3] != tx.cds[:3]:
        return "M1?", ("start_lost",), 1
    mut_p, i = mutant_protein(tx, mutant, cds_i, cds_j)
    stop = mut_p.find(ONE_LETTER_STOP)
    complete = stop >= 0
    while i < len(ref_p) and i < len(mut_p) and ref_p[i] == mut_p[i]:
        i += 1
    if i == len(ref_p) and len(mut_p) == len(ref_p):
        pos = first_codon
        return (
            f"{ref_p[pos]}{pos + 1}=",
            (("stop_retained_variant",) if ref_p[pos] == "*" else ("synonymous_variant",)),
            pos + 1,
        )
    if i >= len(mut_p):  # mutant ran out of known sequence before differing
        if not frameshift:
            return "?", ("coding_sequence_variant",), i + 1
        # a frameshift reaching the stop codon: the new codon runs into the 3' UTR, not bundled; if its known bases
        # start no stop codon (c.4857del: GA + c.*1) the stop is lost (review of stop 36, HGVS finding 2)
        partial = mutant[3 * len(mut_p) :]
        lost = i == len(ref_p) - 1 and not any(stop.startswith(partial) for stop in STOP_CODONS)
        return "?", (("stop_lost",) if lost else ()) + ("frameshift_variant",), i + 1
    if frameshift:
        if mut_p[i] == ONE_LETTER_STOP:
            return f"{ref_p[i]}{i + 1}*", ("stop_gained", "frameshift_variant"), i + 1
        if ref_p[i] == ONE_LETTER_STOP:
            return f"*{i + 1}{mut_p[i]}ext*?", ("stop_lost", "frameshift_variant"), i + 1
        length = f"{stop - i + 1}" if complete else "?"
        return f"{ref_p[i]}{i + 1}{mut_p[i]}fs*{length}", ("frameshift_variant",), i + 1
    if mut_p[i] == ONE_LETTER_STOP and ref_p[i] != ONE_LETTER_STOP:
        if len(mutant) == len(tx.cds):
            return f"{ref_p[i]}{i + 1}*", ("stop_gained",), i + 1
        indel = "inframe_deletion" if len(mutant) < len(tx.cds) else "inframe_insertion"
        return f"{ref_p[i]}{i + 1}*", ("stop_gained", indel), i + 1
    if ref_p[i] == ONE_LETTER_STOP:
        return f"*{i + 1}{mut_p[i]}ext*?", ("stop_lost",), i + 1
    # trim the common suffix (both end at the same stop when in frame)
    j_ref, j_mut = len(ref_p), len(mut_p)
    while j_ref > i and j_mut > i and ref_p[j_ref - 1] == mut_p[j_mut - 1]:
        j_ref -= 1
        j_mut -= 1
    deleted, inserted = ref_p[i:j_ref], mut_p[i:j_mut]
    if deleted.endswith(ONE_LETTER_STOP) and not complete and inserted:
        # the stop codon is replaced and the new reading frame runs on into the 3' UTR, which is not bundled:
        # HGVS writes the extension's length as unknown (p.P1620_*1621delinsRext*?)
        return (
            f"{_aa_range(ref_p, i, j_ref - 1)}delins{inserted}ext*?",
            ("stop_lost", "inframe_deletion" if len(mutant) < len(tx.cds) else "inframe_insertion"),
            i + 1,
        )
    if not deleted:  # insertion between i-1 and i
        n = len(inserted)
        if i - n >= 0 and ref_p[i - n : i] == inserted:
            return f"{_aa_range(ref_p, i - n, i - 1)}dup", ("inframe_insertion",), i - n + 1
        return f"{ref_p[i - 1]}{i}_{ref_p[i]}{i + 1}ins{inserted}", ("inframe_insertion",), i
    if not inserted:
        return f"{_aa_range(ref_p, i, j_ref - 1)}del", ("inframe_deletion",), i + 1
    if len(deleted) == 1 and len(inserted) == 1:
        return f"{deleted}{i + 1}{inserted}", ("missense_variant",), i + 1
    if len(deleted) == len(inserted):
        term = "missense_variant"
    elif len(deleted) > len(inserted):
        term = "inframe_deletion"
    else:
        term = "inframe_insertion"
    return f"{_aa_range(ref_p, i, j_ref - 1)}delins{inserted}", (term,), i + 1


# --------------------------------------------------------------------------------------------
# location terms (splice, intron, UTR) and exon numbering
# --------------------------------------------------------------------------------------------
SEVERITY = (
    "splice_acceptor_variant",
    "splice_donor_variant",
    "stop_gained",
    "frameshift_variant",
    "stop_lost",
    "start_lost",
    "inframe_insertion",
    "inframe_deletion",
    "missense_variant",
    "protein_altering_variant",
    "splice_donor_5th_base_variant",
    "splice_region_variant",
    "splice_donor_region_variant",
    "splice_polypyrimidine_tract_variant",
    "incomplete_terminal_codon_variant",
    "start_retained_variant",
    "stop_retained_variant",
    "synonymous_variant",
    "coding_sequence_variant",
    "5_prime_UTR_variant",
    "3_prime_UTR_variant",
    "intron_variant",
)


LARGE_SPAN = 5000


def _location_terms(tx: Transcript, positions: range) -> set[str]:
    looked_at: Iterable[int] = positions
    if len(positions) > LARGE_SPAN:  # a large deletion: look only near exon edges, not base by base
        near_edges = {p for e in tx.exons for edge in (e.start, e.end) for p in range(edge - 20, edge + 21)}
        looked_at = sorted(p for p in near_edges if positions.start <= p < positions.stop) or [positions.start]
    terms: set[str] = set()
    for pos in looked_at:
        splice = tx.splice_distance(pos)
        if splice:
            side, n = splice
            if n <= 2:
                terms.add("splice_donor_variant" if side == "donor" else "splice_acceptor_variant")
            else:
                terms.add("intron_variant")
                if side == "donor" and n == 5:
                    terms.add("splice_donor_5th_base_variant")
                if side == "donor" and 3 <= n <= 6:
                    terms.add("splice_donor_region_variant")
                if side == "acceptor" and 3 <= n <= 17:
                    terms.add("splice_polypyrimidine_tract_variant")
                if n <= SPLICE_REGION_INTRON_BASES:
                    terms.add("splice_region_variant")
            continue
        edges, t = tx.exon_edge_distance(pos), tx.tx_pos(pos)
        if edges is None or t is None:  # not exonic (both are None together)
            continue
        if min(edges) < SPLICE_REGION_EXON_BASES:
            terms.add("splice_region_variant")
        c = tx.c_of_tx(t)
        if c.utr3:
            terms.add("3_prime_UTR_variant")
        elif c.base < 1:
            terms.add("5_prime_UTR_variant")
    return terms


def _exon_label(tx: Transcript, positions: range) -> str:
    exons = sorted({e.number for p in positions if (e := tx.exon_at(p))})
    if exons:
        label = str(exons[0]) if len(exons) == 1 else f"{exons[0]}-{exons[-1]}"
        return f"{label}/{tx.exon_count}"
    introns = sorted({i for p in positions if (i := tx.intron_at(p))})
    if introns:
        label = str(introns[0]) if len(introns) == 1 else f"{introns[0]}-{introns[-1]}"
        return f"i{label}/{tx.exon_count - 1}"
    return "."


def _order(terms: set[str]) -> tuple[str, ...]:
    return tuple(sorted(terms, key=lambda t: SEVERITY.index(t) if t in SEVERITY else len(SEVERITY)))


# --------------------------------------------------------------------------------------------
# public entry points
# --------------------------------------------------------------------------------------------
def ref_mismatch(tx: Transcript, pos: int, ref: str) -> bool | None:
    """True if REF disagrees with a bundled base, False if all known bases agree, None if no
    base of REF is known (outside the CDS and the flanked exons)."""
    checked = False
    for k, base in enumerate(ref.upper()):
        known = tx.ref_base(pos + k)
        if known is None or base == "N":
            continue
        checked = True
        if known != base:
            return True
    return False if checked else None


def overlaps(tx: Transcript, pos: int, ref: str) -> bool:
    return pos <= tx.end and pos + max(len(ref), 1) - 1 >= tx.start


# IUPAC ambiguity codes, which the VCF specification does not allow in REF: such a REF is read as disagreeing with the
# reference (ref_mismatch), not skipped as a symbolic allele (pipeline review of stop 35, finding 4: REF 'R' at G1202R)
_REF_LETTERS = frozenset("ACGTNRYKMSWBDHV")


def _is_sequence(ref: str, alt: str) -> bool:
    """REF and ALT are bases (not a symbolic, breakend, spanning-deletion or missing allele); REF may hold an
    ambiguity code, which ref_mismatch then reports."""
    return bool(alt) and set(alt.upper()) <= set("ACGTN") and set(ref.upper()) <= _REF_LETTERS


def annotate_allele(tx: Transcript, pos: int, ref: str, alt: str) -> Consequence:
    """Effect of replacing REF at POS by ALT (VCF conventions, plus strand).

    Where REF disagrees with the bundled reference, neither a c. nor a p. change can be written that the record
    supports: an HGVS c. change on NM_004304.5 names the reference base (c.3604T>A says c.3604 is T, which it
    is not), and a protein change derived from the reference would be one the record contradicts. Such an
    allele gets hgvsc '.', hgvsp 'p.?' (unknown protein consequence) where it touches the CDS, the SO terms of
    its location only (coding_sequence_variant, splice, UTR, intron; not shifted 3' over a sequence it
    contradicts), and `location`: the c. positions of its REF and the codons they fall in.
    """
    if not _is_sequence(ref, alt) or not overlaps(tx, pos, ref):
        return NOT_IN_ALK
    mismatch = bool(ref_mismatch(tx, pos, ref))
    if "N" in ref.upper():  # an ambiguous REF base is named by the bundled reference where it is known
        ref = "".join(tx.ref_base(pos + k) or base if base.upper() == "N" else base for k, base in enumerate(ref))
    allele = trim(pos, ref, alt)
    if not allele.ref and not allele.alt:
        return NOT_IN_ALK
    shifted = allele if mismatch else shift_3prime(tx, allele)
    moved = shifted != allele
    span_lo = shifted.start if not shifted.is_insertion else shifted.end
    span_hi = shifted.end if not shifted.is_insertion else shifted.start
    # the part of the allele inside the transcript decides the description
    if span_hi < tx.start or span_lo > tx.end:
        return NOT_IN_ALK
    if span_lo < tx.start or span_hi > tx.end:
        return Consequence(
            ".",
            ".",
            ("transcript_ablation",) if span_lo < tx.start and span_hi > tx.end else ("feature_truncation",),
            _exon_label(tx, range(max(span_lo, tx.start), min(span_hi, tx.end) + 1)),
            ".",
            ref_mismatch=mismatch,
            shifted=moved,
        )
    hgvsc = "." if mismatch else hgvs_c(tx, shifted)
    junction = False  # an insertion the 3' rule put at an exon/intron junction, both bases beside it bundled
    if shifted.is_insertion:
        # an insertion sits between two bases: its terms are those of both flanking bases, except
        # that one at an exon/intron junction does not touch the essential splice bases
        flanks = range(shifted.end, shifted.start + 1)
        location = _location_terms(tx, flanks)
        if (tx.exon_at(shifted.end) is None) != (tx.exon_at(shifted.start) is None):
            location -= {"splice_donor_variant", "splice_acceptor_variant"}
            location.add("splice_region_variant")
            junction = all(tx.ref_base(p) is not None for p in (shifted.end, shifted.start))
        exon = _exon_label(tx, flanks)
    else:
        location = _location_terms(tx, range(shifted.start, shifted.end + 1))
        exon = _exon_label(tx, range(shifted.start, shifted.end + 1))
    terms = set(location)
    hgvsp, change, aa = ".", None, None
    mutant = None if mismatch else _mutant_cds(tx, shifted)
    if mutant is None and junction and not mismatch:
        mutant = _coding_equivalent(tx, shifted)
    if mutant is not None:
        seq, i, j = mutant
        change, coding_terms, aa = protein_change(tx, seq, i, j)
        terms |= set(coding_terms)
        hgvsp = f"p.{change}" if change != "?" else "p.?"
        if change == "?":
            change = None
    else:
        touches_cds = any(_cds_index(tx, p) is not None for p in range(span_lo, span_hi + 1))
        if touches_cds:
            terms.add("coding_sequence_variant")
            hgvsp = "p.?"
            idx = [k for p in range(span_lo, span_hi + 1) if (k := _cds_index(tx, p)) is not None]
            aa = min(idx) // 3 + 1
        elif (
            "intron_variant" not in terms
            and not terms & {"5_prime_UTR_variant", "3_prime_UTR_variant"}
            and not terms & {"splice_donor_variant", "splice_acceptor_variant", "splice_region_variant"}
        ):
            terms.add("intron_variant")
    if terms & {"splice_donor_variant", "splice_acceptor_variant"}:
        terms.discard("intron_variant")
    region = region_of_residue(aa)
    where = _location_text(tx, max(pos, tx.start), min(pos + len(ref) - 1, tx.end)) if mismatch else "."
    return Consequence(hgvsc, hgvsp, _order(terms), exon, region, change, aa, mismatch, moved, where)


def _location_text(tx: Transcript, lo: int, hi: int) -> str:
    """Where a record's REF [lo, hi] sits, with no claim about its bases: 'c.3604 in codon 1202',
    'c.3603_3604 in codons 1201-1202', 'c.3173-5'."""
    where = f"c.{_c_range(tx, lo, hi)}"
    codons = sorted({k // 3 + 1 for p in range(lo, hi + 1) if (k := _cds_index(tx, p)) is not None})
    if not codons:
        return where
    if len(codons) == 1:
        return f"{where} in codon {codons[0]}"
    return f"{where} in codons {codons[0]}-{codons[-1]}"


def annotate_variant(build: str, chrom: str, pos: int, ref: str, alt: str) -> Consequence:
    """Public API: the ALK consequence of one allele, e.g. annotate_variant('GRCh37', 'chr2',
    29443613, 'C', 'T').hgvsp == 'p.G1202R'. Positions outside ALK give NOT_IN_ALK."""
    from .genome import chrom_number

    if chrom_number(chrom) != "2":
        return NOT_IN_ALK
    return annotate_allele(load_transcript(build), pos, ref, alt)


# the consequences of an allele a per-sample verdict lists (sample.sample_mutations), with a REF mismatch or a
# knowledge-base call; pass 1 keeps per-sample values only for records with such an allele (survey.py). Compiled at
# its first use (re's cache): a change with no HGVS p. or with a call never needs it (issue 13)
_PROTEIN_ALTERING = (
    r"missense|stop_gained|frameshift|inframe|start_lost|stop_lost|"
    r"protein_altering|splice_acceptor|splice_donor|delins"
)


def reportable(consequence, call) -> bool:
    """Whether a per-sample verdict lists this allele: a protein change (not synonymous), a REF mismatch with a
    protein change (listed so the report can say why it is not used), or a knowledge-base call of resistance."""
    if getattr(consequence, "ref_mismatch", False) and getattr(consequence, "hgvsp", ".") not in (".", ""):
        return True  # listed so the report can say why it is not used
    if call is not None and call.resistance != "none":
        return True
    hgvsp = getattr(consequence, "hgvsp", ".") or "."
    if hgvsp in (".", "") or hgvsp.endswith("=") or "=" in hgvsp:
        return False
    return bool(re.search(_PROTEIN_ALTERING, getattr(consequence, "consequence", "") or ""))


__all__ = [
    "reportable",
    "Consequence",
    "NOT_IN_ALK",
    "annotate_variant",
    "annotate_allele",
    "region_of_residue",
    "trim",
    "shift_3prime",
    "hgvs_c",
    "COMPLEMENT",
]
