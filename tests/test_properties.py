"""Properties of the mapper and the SV ALT parser, hammered with hypothesis (bounded run time).

- every coding position c.1..c.4863 maps genomic -> c. -> genomic, to the right CDS base, codon and
  amino acid of the bundled protein, in both builds;
- an SNV at the same c. position gives the same c. and p. description in GRCh37 and GRCh38;
- HGVS normalisation is idempotent: every equivalent placement of an indel in a repeat gets the
  same c. and p. description;
- breakend ALTs in the four orientations round-trip through breakends.parse_bracket, single breakends
  through breakends.single_breakend, and arbitrary text never crashes either.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from alkannot.breakends import is_sv_record, parse_bracket, single_breakend
from alkannot.consequence import annotate_allele
from alkannot.transcript import BUILDS, CODON_TABLE, CPos, load_transcript, reverse_complement

CDS_LENGTH = 4863
BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
COMPLEMENT = {"A": "T", "C": "G", "G": "C", "T": "A"}
ONE_TO_CODONS = {}
for codon, aa in CODON_TABLE.items():
    ONE_TO_CODONS.setdefault(aa, []).append(codon)


def tx(build):
    return load_transcript(build)


def genomic(t, c: int) -> int:
    return t.genomic_of_tx(t.tx_of_c(c))


# ------------------------------------------------------------------------------------------------
# coordinates: exhaustive, it is cheap
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("build", BUILDS)
def test_every_coding_position_round_trips_to_its_codon(build):
    t = tx(build)
    assert t.cds_length == CDS_LENGTH and len(t.protein) * 3 + 3 == CDS_LENGTH
    seen = set()
    for c in range(1, CDS_LENGTH + 1):
        g = genomic(t, c)
        assert g not in seen
        seen.add(g)
        assert t.c_pos(g) == CPos(c), (c, g)
        assert t.exon_at(g) is not None and t.intron_at(g) is None
        base = t.cds[c - 1]
        plus = t.ref_base(g)
        assert plus == (COMPLEMENT[base] if t.strand < 0 else base), (c, g)
        codon_index = (c - 1) // 3
        codon = t.cds[codon_index * 3 : codon_index * 3 + 3]
        expected = t.protein[codon_index] if codon_index < len(t.protein) else "*"
        assert CODON_TABLE[codon] == expected, (c, codon)
    # consecutive c. positions are adjacent bases (minus strand: decreasing), except across introns
    jumps = sum(1 for c in range(1, CDS_LENGTH) if abs(genomic(t, c + 1) - genomic(t, c)) != 1)
    assert jumps == len([e for e in t.exons if _coding(t, e)]) - 1


def _coding(t, exon) -> bool:
    return (
        any(t.cds_tx_start <= x <= t.cds_tx_end for x in (exon.tx_start, exon.tx_end))
        or exon.tx_start <= t.cds_tx_start <= exon.tx_end
    )


# ------------------------------------------------------------------------------------------------
# SNVs: the right residue and amino acids, the same in both builds
# ------------------------------------------------------------------------------------------------
@BOUNDED
@given(c=st.integers(4, CDS_LENGTH - 3), alt=st.sampled_from("ACGT"))
def test_snv_names_the_right_residue_and_both_builds_agree(c, alt):
    results = []
    for build in BUILDS:
        t = tx(build)
        g = genomic(t, c)
        ref = t.ref_base(g)
        assume(alt != ref)
        r = annotate_allele(t, g, ref, alt)
        tx_ref, tx_alt = (COMPLEMENT[ref], COMPLEMENT[alt]) if t.strand < 0 else (ref, alt)
        assert r.hgvsc == f"c.{c}{tx_ref}>{tx_alt}"
        i = (c - 1) // 3
        codon = list(t.cds[i * 3 : i * 3 + 3])
        codon[(c - 1) % 3] = tx_alt
        old, new = t.protein[i] if i < len(t.protein) else "*", CODON_TABLE["".join(codon)]
        expected = f"p.{old}{i + 1}{'=' if new == old else new}"
        if i == 0 and new != old:
            expected = "p.M1?"
        elif old == "*" and new != "*":
            expected = r.hgvsp  # stop-loss extension: checked elsewhere
        assert r.hgvsp == expected, (build, c, r)
        assert r.aa_start == i + 1 and not r.ref_mismatch
        results.append((r.hgvsc, r.hgvsp, r.terms, r.exon, r.region))
    assert results[0] == results[1]


# ------------------------------------------------------------------------------------------------
# indels: every equivalent placement gets one description (3' rule on the transcript strand)
# ------------------------------------------------------------------------------------------------
def _placements_of_deletion(t, start: int, end: int) -> list[tuple[int, int]]:
    """All genomic [s, e] deleting the same sequence as [start, end] (shifting through repeats)."""
    out = [(start, end)]
    s, e = start, end
    while t.ref_base(s - 1) is not None and t.ref_base(s - 1) == t.ref_base(e) and t.ref_base(s - 2):
        s, e = s - 1, e - 1
        out.append((s, e))
    s, e = start, end
    while t.ref_base(e + 1) is not None and t.ref_base(e + 1) == t.ref_base(s):
        s, e = s + 1, e + 1
        out.append((s, e))
    return out


@BOUNDED
@given(build=st.sampled_from(BUILDS), c=st.integers(10, CDS_LENGTH - 30), length=st.integers(1, 7))
def test_deletion_description_does_not_depend_on_its_placement(build, c, length):
    t = tx(build)
    g = genomic(t, c)
    start, end = g, g + length - 1
    assume(all(t.ref_base(p) for p in range(start - 2, end + 2)))
    descriptions = set()
    for s, e in _placements_of_deletion(t, start, end):
        pad = s - 1
        ref = "".join(t.ref_base(p) for p in range(pad, e + 1))
        r = annotate_allele(t, pad, ref, ref[0])
        descriptions.add((r.hgvsc, r.hgvsp))
        assert r.hgvsc.endswith("del") and r.hgvsc != "."
    assert len(descriptions) == 1, descriptions


@BOUNDED
@given(
    build=st.sampled_from(BUILDS),
    c=st.integers(10, CDS_LENGTH - 30),
    length=st.integers(1, 6),
    repeat=st.booleans(),
    seq=st.text("ACGT", min_size=1, max_size=6),
)
def test_insertion_description_does_not_depend_on_its_placement(build, c, length, repeat, seq):
    t = tx(build)
    p = genomic(t, c)  # insert between p and p+1 (plus strand)
    assume(all(t.ref_base(x) for x in range(p - 12, p + 13)))
    inserted = "".join(t.ref_base(x) for x in range(p - length + 1, p + 1)) if repeat else seq
    placements = [(p, inserted)]
    q, ins = p, inserted
    while t.ref_base(q) == ins[-1] and t.ref_base(q - 1):  # shift left through the repeat
        q, ins = q - 1, ins[-1] + ins[:-1]
        placements.append((q, ins))
    q, ins = p, inserted
    while t.ref_base(q + 1) == ins[0] and t.ref_base(q + 2):  # shift right
        q, ins = q + 1, ins[1:] + ins[0]
        placements.append((q, ins))
    descriptions = set()
    for q, ins in placements:
        ref = t.ref_base(q)
        r = annotate_allele(t, q, ref, ref + ins)
        descriptions.add((r.hgvsc, r.hgvsp))
    assert len(descriptions) == 1, (placements, descriptions)
    hgvsc = descriptions.pop()[0]
    assert ("dup" in hgvsc) or ("ins" in hgvsc)
    if repeat:
        assert hgvsc.endswith("dup")


def test_known_indel_is_described_the_same_from_both_ends_of_its_repeat():
    """c.3451_3453dup (p.T1151dup) from tests/data, placed at both ends of the repeat."""
    t = tx("GRCh37")
    results = {annotate_allele(t, pos, ref, alt).hgvsc for pos, ref, alt in _dup_placements(t, 3451, 3453)}
    assert results == {"c.3451_3453dup"}


def _dup_placements(t, c_first: int, c_last: int):
    lo, hi = sorted((genomic(t, c_first), genomic(t, c_last)))
    copy = "".join(t.ref_base(x) for x in range(lo, hi + 1))
    yield hi, t.ref_base(hi), t.ref_base(hi) + copy  # right after the copy
    yield lo - 1, t.ref_base(lo - 1), t.ref_base(lo - 1) + copy  # right before it


# ------------------------------------------------------------------------------------------------
# SV ALT parser
# ------------------------------------------------------------------------------------------------
CHROMS = st.one_of(
    st.sampled_from(["2", "chr2", "X", "chrUn_gl000220", "HLA-A*01:01:01:01", "NC_000002.12"]),
    st.text(
        st.characters(blacklist_characters="[]<>\t\n\r\x00", blacklist_categories=("Cs",)), min_size=1, max_size=12
    ).filter(lambda s: not s.endswith(":") and s.strip() == s),
)
BASES = st.text("ACGTN", min_size=1, max_size=5)
ORIENTATIONS = {
    "t[p[": lambda t, m: f"{t}[{m}[",
    "t]p]": lambda t, m: f"{t}]{m}]",
    "]p]t": lambda t, m: f"]{m}]{t}",
    "[p[t": lambda t, m: f"[{m}[{t}",
}
EXPECTED = {"t[p[": ("left", "right"), "t]p]": ("left", "left"), "]p]t": ("right", "left"), "[p[t": ("right", "right")}


@settings(max_examples=400, deadline=None)
@given(
    orientation=st.sampled_from(sorted(ORIENTATIONS)),
    chrom=CHROMS,
    pos=st.integers(1, 3_000_000_000),
    bases=BASES,
    angle=st.booleans(),
)
def test_breakend_alts_round_trip(orientation, chrom, pos, bases, angle):
    mate = f"<{chrom}>:{pos}" if angle else f"{chrom}:{pos}"
    alt = ORIENTATIONS[orientation](bases, mate)
    parsed = parse_bracket(alt)
    local, remote = EXPECTED[orientation]
    assert parsed == (local, chrom, pos, remote), alt
    assert single_breakend(alt) is None
    assert is_sv_record((alt,), {})


@settings(max_examples=200, deadline=None)
@given(bases=BASES, side=st.sampled_from(["left", "right"]))
def test_single_breakends_round_trip(bases, side):
    alt = f"{bases}." if side == "left" else f".{bases}"
    assert single_breakend(alt) == side
    assert parse_bracket(alt) is None
    assert is_sv_record((alt,), {})


@settings(max_examples=700, deadline=None)
@given(text=st.one_of(st.text(max_size=40), st.text("ACGTN[]:.<>0123456789chr", max_size=30)))
def test_sv_alt_parser_never_crashes(text):
    parsed = parse_bracket(text)
    assert parsed is None or (
        parsed[0] in ("left", "right") and parsed[3] in ("left", "right") and isinstance(parsed[2], int)
    )
    assert single_breakend(text) in (None, "left", "right")
    assert is_sv_record((text,), {}) in (True, False)
    for build in BUILDS:  # the mapper leaves symbolic/breakend/garbage ALTs alone, never crashes
        t = tx(build)
        annotate_allele(t, genomic(t, 3604), t.ref_base(genomic(t, 3604)), text)


def test_reverse_complement_is_an_involution():
    seq = tx("GRCh38").cds[:300]
    assert reverse_complement(reverse_complement(seq)) == seq
