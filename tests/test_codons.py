"""Translating only the changed codons gives exactly what translating the whole mutant CDS gives,
for substitutions, in-frame and frameshift indels anywhere in the ALK CDS (both builds)."""

from __future__ import annotations

import random

import pytest

from alkannot.consequence import _mutant_cds, mutant_protein, protein_change, trim
from alkannot.transcript import BUILDS, load_transcript, translate


def alleles(tx, rng: random.Random, n: int):
    coding = [p for p in range(tx.start, tx.end + 1) if tx.ref_base(p) and tx.exon_at(p)]
    for _ in range(n):
        pos = rng.choice(coding)
        ref = "".join(tx.ref_base(pos + k) or "N" for k in range(rng.choice([1, 1, 2, 3, 4, 7])))
        kind = rng.random()
        if kind < 0.4:
            alt = rng.choice([b for b in "ACGT" if b != ref[0]]) + ref[1:]
        elif kind < 0.7:
            alt = ref[0]
        else:
            alt = ref + "".join(rng.choice("ACGT") for _ in range(rng.choice([1, 2, 3, 5, 6])))
        yield pos, ref, alt


@pytest.mark.parametrize("build", BUILDS)
def test_changed_codons_equal_whole_translation(build):
    tx = load_transcript(build)
    rng = random.Random(11)
    compared = 0
    for pos, ref, alt in alleles(tx, rng, 600):
        mutant = _mutant_cds(tx, trim(pos, ref, alt))
        if mutant is None:
            continue
        seq, i, j = mutant
        whole = translate(seq)
        stop = whole.find("*")
        expected = whole[: stop + 1] if stop >= 0 else whole
        fast, first = mutant_protein(tx, seq, i, j)
        assert fast == expected, (pos, ref, alt)
        assert expected[:first] == (tx.protein + "*")[:first]
        assert protein_change(tx, seq, i, j) == protein_change(tx, seq, i), (pos, ref, alt)
        compared += 1
    assert compared > 300
