"""A VCF merged from several tumour/normal pairs has one FILTER for all of them (bcftools merge joins the pairs'
filters): a change read as in a matched normal from the normal's reads alone, on a record filtered for the normal
(Mutect2's normal_artifact), says that the filter may have been set for another pair that carries the change too
(review of stop 37's fixes, finding 9: a normal with one read of 200 was read as carrying G1202R without a word)."""

from __future__ import annotations

from pathlib import Path

from helpers import annotated_report

DATA = Path(__file__).parent / "data" / "review38"
R37 = Path(__file__).parent / "data" / "review37"
SHARED = "so the filter may have been set for another pair: check this pair's own VCF."


def _samples(tmp_path: Path, vcf: Path, sheet: Path) -> dict[str, dict]:
    tmp_path.mkdir(exist_ok=True)
    document, _ = annotated_report(vcf, sheet, tmp_path / "r")
    return {s["sample"]: s for s in document["samples"]}


def test_each_pair_of_a_merged_file_is_told_the_filter_may_be_another_pairs(tmp_path):
    by = _samples(tmp_path, DATA / "merged_pairs_normal_artifact.vcf", DATA / "merged_pairs.tsv")
    for tumour, normal, others in (("T1", "N1", "T2, N2"), ("T2", "N2", "T1, N1")):
        sample = by[tumour]
        (mutation,) = sample["alk_mutations"]
        assert mutation["in_normal"] == [normal]
        assert sample["mechanism"] == "on_target_possible" and sample["alk_mutation_negative"] is False
        (note,) = [n for n in sample["notes"] if SHARED in n]
        assert note.startswith(
            f"G1202R is read as in the matched normal ({normal}) from its reads, the genotype not called, because the "
            f"record's FILTER is normal_artifact; other samples of this file carry the change too ({others})"
        )


def test_one_pair_or_one_carrier_is_not_told(tmp_path):
    """A single pair's file, and a merged file where no other sample has the change: the filter is this pair's."""
    single = _samples(tmp_path / "a", R37 / "m2_normal_artifact.vcf", R37 / "crizotinib_with_normal.tsv")
    assert not any(SHARED in n for n in single["T"]["notes"])
    text = (DATA / "merged_pairs_normal_artifact.vcf").read_text()
    alone = tmp_path / "alone.vcf"
    alone.write_text(
        text.replace("\t0/1:140,60:0.3:200\t0/0:199,1:0.005:200\n", "\t0/0:200,0:0:200\t0/0:200,0:0:200\n")
    )
    by = _samples(tmp_path / "b", alone, DATA / "merged_pairs.tsv")
    assert by["T1"]["alk_mutations"][0]["in_normal"] == ["N1"]
    assert not any(SHARED in n for n in by["T1"]["notes"])
    assert by["T2"]["alk_mutations"] == []
