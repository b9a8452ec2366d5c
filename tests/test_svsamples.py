"""Matching the sample columns of SV files (Manta NORMAL/TUMOR, SvABA/GRIDSS BAM paths) to the main VCF."""

from alkannot.svsamples import match_samples, rename_columns, tumour_columns


def test_tumour_columns_by_name_or_header():
    assert tumour_columns(("NORMAL", "TUMOR")) == ["TUMOR"]
    assert tumour_columns(("/d/P1_normal.bam", "/d/P1_tumour.bam")) == ["/d/P1_tumour.bam"]
    assert tumour_columns(("a.bam", "b.bam"), ("b.bam",)) == ["b.bam"]
    assert tumour_columns(("x.bam", "blood.bam")) == ["x.bam"]
    assert tumour_columns(("only",)) == ["only"]
    assert tumour_columns(("a.bam", "b.bam")) == []


def test_match_explicit_and_implicit():
    m = match_samples("sv.vcf", ("NORMAL", "TUMOR"), (), ("P1_T", "P1_N"), ("P1_T",), None)
    assert m.mapping == {"TUMOR": "P1_T"} and m.covered == frozenset({"P1_T"}) and "taken to be" in m.warnings[0]
    m = match_samples("sv.vcf", ("a.bam", "b.bam"), (), ("P1_T",), ("P1_T",), None)
    assert m.mapping == {"a.bam": "P1_T", "b.bam": "P1_T"} and "taken together" in m.warnings[0]
    m = match_samples("sv.vcf", (), (), ("P1_T", "P2_T"), (), "P2_T")
    assert m.covered == frozenset({"P2_T"})
    m = match_samples("sv.vcf", ("P1_T", "P9_T"), (), ("P1_T", "P2_T"), (), None)
    assert m.mapping == {"P1_T": "P1_T"} and "P9_T" in m.warnings[0]
    m = match_samples("sv.vcf", (), (), ("P1_T",), ("P1_T",), None)
    assert m.covered is None and not m.warnings


def test_rename_keeps_the_carrying_column():
    cols = {"a.bam": {"GT": (0, 0), "PR": (30, 0)}, "b.bam": {"GT": (0, 1), "PR": (20, 12)}}
    assert rename_columns(cols, {"a.bam": "T", "b.bam": "T"}) == {"T": cols["b.bam"]}
