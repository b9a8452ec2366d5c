"""The reading frame of a direct EML4::ALK exon join, computed from the bundled exon tables (clinical review,
sixth reading, finding 6): an out-of-frame join that matches no published variant is `possible`; the published
out-of-frame variants (v4, v7, v8) keep their call with a note. The SV file is the review's
(/tmp/clin6/sv_frame.vcf: Manta BNDs from ALK intron 19 to EML4 introns 14, 19 and 15)."""

import json
import subprocess
from pathlib import Path

from helpers import ALKANNOT

from alkannot.bundle import read_tsv
from alkannot.fusions import GenePosition, detect_fusions, frame_check, sample_fusion_status
from alkannot.svio import sv_records_from_vcf

DATA = Path(__file__).parent / "data" / "sv"
MANTA = DATA / "eml4_frame_grch38_manta.vcf"
PUBLISHED = "published forms carry junction insertions/deletions and DNA cannot show the frame"


def _join(build: str, eml4_exon: int, alk_exon: int, variant: str) -> tuple[bool, str]:
    eml4 = GenePosition(f"intron{eml4_exon}", eml4_exon, eml4_exon + 1)
    alk = GenePosition(f"intron{alk_exon - 1}", alk_exon, alk_exon - 1)
    return frame_check(build, "EML4", eml4, alk, variant)


def test_the_computed_frame_agrees_with_the_variant_tables_frame_column():
    """eml4_alk_variants.tsv's `frame` column is the computed frame of each published junction, in both builds."""
    for build in ("GRCh37", "GRCh38"):
        for row in read_tsv("genome", "eml4_alk_variants.tsv"):
            demote, note = _join(build, int(row["eml4_exon"]), int(row["alk_exon"]), row["variant"])
            assert not demote, row
            if row["frame"] == "in_frame":
                assert note == "", row
            else:
                assert row["frame"] == "out_of_frame_if_direct" and note.endswith(PUBLISHED), row


def test_the_frame_rule_of_the_variant_notes():
    """eml4_alk_variants.md: 'EML4 exons 2, 6, 13, 18, 20 and 21 satisfy this. Exons 14, 15 and 17 do not.'"""
    exons = {int(r["eml4_exon"]) for r in read_tsv("genome", "eml4_alk_variants.tsv")}
    in_frame = {n for n in exons if _join("GRCh38", n, 20, "")[1] == ""}
    assert in_frame == {2, 6, 13, 18, 20, 21} and exons - in_frame == {14, 15, 17}


def test_an_unpublished_out_of_frame_join_is_possible_and_published_ones_keep_their_call():
    records = sv_records_from_vcf(str(MANTA), source=MANTA.name)
    result = detect_fusions("GRCh38", records)
    by_sample = {sample: sample_fusion_status(sample, result, True, False) for sample in ("F1_E14", "F2_E19", "F3_E15")}
    status, (e19,) = by_sample["F2_E19"]
    assert (status, e19.variant, e19.status, e19.kinase) == ("possible", "E19A20", "possible", "retained")
    assert [e.note for e in e19.evidence] == [
        "EML4 exon 19 ends at codon position 3 and ALK exon 20 starts at codon position 2: a direct join is out of "
        "frame and matches no published variant; confirm ALK expression by IHC or RNA"
    ]
    for sample, variant, exon in (("F1_E14", "v7", 14), ("F3_E15", "v4", 15)):
        status, (call,) = by_sample[sample]
        assert (status, call.variant, call.status) == ("positive", variant, "positive")
        assert [e.note for e in call.evidence] == [
            f"EML4 exon {exon} ends at codon position 3 and ALK exon 20 starts at codon position 2: a direct join "
            f"is out of frame; {PUBLISHED}"
        ]


def test_the_report_says_possible_for_the_e19_join(tmp_path):
    out = tmp_path / "fr"
    done = subprocess.run(
        [
            ALKANNOT,
            "annotate",
            str(DATA / "eml4_frame_grch38_main.vcf"),
            "--build",
            "GRCh38",
            "--sv",
            str(MANTA),
            "--samples",
            str(DATA / "eml4_frame_samples.tsv"),
            "--report",
            str(out),
            "-o",
            str(tmp_path / "fr.vcf"),
            "-q",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    samples = {s["sample"]: s for s in json.loads((tmp_path / "fr.json").read_text())["samples"]}
    assert samples["F2_E19"]["fusion"] == "possible"
    (text,) = samples["F2_E19"]["fusion_calls"]
    assert text.startswith("EML4::ALK E19A20 [possible; kinase retained;") and "confirm ALK expression by IHC" in text
    assert samples["F1_E14"]["fusion"] == samples["F3_E15"]["fusion"] == "positive"
    assert PUBLISHED in samples["F3_E15"]["fusion_calls"][0]


def test_a_partner_break_inside_an_exon_keeps_its_call_with_the_frame_unknown():
    """An EML4 break inside exon 13 (GRCh38 42,295,450; the exon is 42,295,381-42,295,516): DNA cannot show the
    fusion transcript's frame, said as for the published out-of-frame variants (clinical trace review of stop 33,
    finding 11); the call stays, as theirs does."""
    inside = GenePosition("exon13", 13, 13, exact_5p=False)
    alk = GenePosition("intron19", 20, 19)
    assert frame_check("GRCh38", "EML4", inside, alk, ".") == (
        False,
        "the EML4 break is inside its exon 13: DNA cannot show the frame",
    )
