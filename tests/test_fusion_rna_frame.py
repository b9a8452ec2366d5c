"""The frame of an RNA fusion junction (tests/data/rna_frame, PROVENANCE.md there): the caller's own reading of the
transcript (Arriba's reading_frame, STAR-Fusion's PROT_FUSION_TYPE) comes first; without one, a junction on both exon
boundaries is a direct exon join, in frame or not by the exon tables. An out-of-frame junction makes no fusion
`positive`, as the DNA route already did for a direct out-of-frame join. A reciprocal row is evidence only of the
forward junction it mirrors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run

from alkannot.fusions import FusionResult, sample_fusion_status
from alkannot.rna_fusions import FusionEvidence, merge_evidence
from alkannot.svio import read_fusion_table

DATA = Path(__file__).parent / "data" / "rna_frame"
VCF = Path(__file__).parent / "data" / "review32" / "fusion_only.vcf"  # GRCh38, one tumour T


def calls_of(name: str):
    evidence = read_fusion_table(str(DATA / name), sample="T")
    merged = merge_evidence(FusionResult({}, (), "GRCh38"), evidence)
    return merged, merged.calls


@pytest.mark.parametrize(
    "name, variant, said",
    [
        (
            "arriba_e11_out_of_frame_grch38.tsv",
            "E11A20",
            "arriba; the caller reads the fusion transcript as out-of-frame",
        ),
        ("arriba_v1_stop_codon_grch38.tsv", "v1", "arriba; the caller reads the fusion transcript as stop-codon"),
        (
            "star_fusion_frameshift_grch38.abridged.coding_effect.tsv",
            "v1",
            "star-fusion; the caller reads the fusion transcript as out-of-frame",
        ),
        (
            "arriba_e14_direct_grch38.tsv",
            "v7",
            "EML4 exon 14 ends at codon position 3 and ALK exon 20 starts at codon position 2: a direct join is out "
            "of frame, and this RNA junction is a direct exon join: confirm ALK expression by IHC",
        ),
    ],
)
def test_an_out_of_frame_rna_junction_is_possible_with_its_reason(name, variant, said):
    merged, (call,) = calls_of(name)
    assert (call.variant, call.kinase, call.status) == (variant, "retained", "possible")
    (evidence,) = call.evidence
    assert said in evidence.note
    assert sample_fusion_status("T", merged, False, True)[0] == "possible"


def test_an_in_frame_rna_junction_without_the_callers_reading_is_positive():
    merged, (call,) = calls_of("arriba_v1_no_frame_grch38.tsv")
    assert (call.variant, call.status, call.evidence[0].note) == ("v1", "positive", "arriba")
    assert sample_fusion_status("T", merged, False, True)[0] == "positive"


def test_a_reciprocal_row_of_another_junction_is_not_merged_into_a_variants_evidence():
    _, calls = calls_of("arriba_v3_and_v1_reciprocal_grch38.tsv")
    forward, reciprocal = calls
    assert (forward.variant, forward.status, [e.records for e in forward.evidence]) == (
        "v3a/b",
        "positive",
        [("line 2",)],
    )
    assert (reciprocal.kinase, reciprocal.status, reciprocal.variant) == ("reciprocal", "possible", ".")
    assert [e.records for e in reciprocal.evidence] == [("line 3",)]


def test_the_cli_reports_an_out_of_frame_rna_fusion_as_possible(tmp_path):
    out = tmp_path / "r"
    table = DATA / "arriba_e11_out_of_frame_grch38.tsv"
    result = run("annotate", VCF, "--fusions", f"T={table}", "-o", tmp_path / "a.vcf", "--report", out, text=True)
    assert result.returncode == 0, result.stderr
    (sample,) = json.loads(out.with_suffix(".json").read_text())["samples"]
    assert sample["fusion"] == "possible"
    assert (
        "(arriba; the caller reads the fusion transcript as out-of-frame: confirm ALK expression by IHC)"
        in " ".join(sample["fusion_calls"])
    )


def _row(pos5: int, frame: str = "", tool: str = "arriba", pos3: int = 29223528) -> FusionEvidence:
    return FusionEvidence("t.tsv", tool, 2, "EML4", "ALK", "chr2", pos5, "chr2", pos3, {}, "T", frame)


def test_a_junction_off_the_exon_boundaries_is_not_judged_by_the_exon_tables():
    """EML4 intron 14 :: ALK intron 19 in RNA keeps intron sequence (a published v7 form, E14ins124A20, takes its
    insert from intron 14): the exon tables cannot tell its frame (review of stop 33's change, finding 1)."""
    merged = merge_evidence(FusionResult({}, (), "GRCh38"), [_row(42301392 + 50, pos3=29223528 + 50)])
    (call,) = merged.calls
    assert (call.variant, call.status, call.evidence[0].note) == ("v7", "positive", "arriba")


@pytest.mark.parametrize("order", [1, -1])
def test_rows_that_disagree_on_the_frame_give_the_same_call_in_any_order(order):
    """Arriba in frame, STAR-Fusion out of frame at v1's exons: `positive` (one row keeps the kinase in frame),
    with the disagreeing caller's reading in its evidence, whichever table comes first (finding 2)."""
    rows = [_row(42295516, "in-frame"), _row(42295516, "out-of-frame", "star-fusion")][::order]
    (call,) = merge_evidence(FusionResult({}, (), "GRCh38"), rows).calls
    assert call.status == "positive"
    assert sorted(e.note for e in call.evidence) == [
        "arriba",
        "star-fusion; the caller reads the fusion transcript as out-of-frame: confirm ALK expression by IHC",
    ]


def test_the_callers_readings_are_read_whatever_their_case_and_number(tmp_path):
    """Arriba may give several readings ('out-of-frame,in-frame'): one in-frame transcript is the reading; case and
    spaces do not matter, for STAR-Fusion's PROT_FUSION_TYPE either (pipeline review of stop 33, finding 7)."""
    from alkannot.svio import _reading_frame

    assert _reading_frame("out-of-frame,in-frame") == "in-frame"
    assert _reading_frame(" Out-Of-Frame ") == "out-of-frame"
    assert _reading_frame("stop-codon,out-of-frame") == "stop-codon"
    assert _reading_frame(".") == _reading_frame("frameshift") == ""
    star = DATA / "star_fusion_frameshift_grch38.abridged.coding_effect.tsv"
    lowered = star.read_text().replace("\tFRAMESHIFT\n", "\tframeshift \n")
    assert lowered != star.read_text()
    copy = tmp_path / "lowered.tsv"
    copy.write_text(lowered)
    (row,) = read_fusion_table(str(copy), sample="T")
    assert row.reading_frame == "out-of-frame"
