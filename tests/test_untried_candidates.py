"""How an untried drug's note after a progression names the off-target candidates found beside the call (review 15,
findings 2 and 3; RULES.md section 8): beside an ALK change that explains the progression (a gain the caller called
amplification) they are "also present", as the P-gp note says ("The ALK change explains the progression, which does
not rule out a contribution of this alteration"); where nothing explains it, a candidate is listed "which does not
exclude another mechanism"; several are named as several."""

from __future__ import annotations

from helpers import annotated_report

HEADER = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n##contig=<ID=chr4,length=190214555>\n"
    "##contig=<ID=chr7,length=159345973>\n"
    '##ALT=<ID=DUP,Description="Duplication">\n##ALT=<ID=AMP,Description="Amplification">\n'
    '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">\n'
    '##INFO=<ID=END,Number=1,Type=Integer,Description="End position">\n'
    '##INFO=<ID=SVLEN,Number=1,Type=Integer,Description="Length">\n'
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=CN,Number=1,Type=Integer,Description="Copy number">\n'
)
MET_GAIN = "MET copy-number gain at chr7:116522196 <DUP> CN=9 (from NGS; confirm amplification by FISH; see the off-target findings)"
# a KIT gain is a candidate as the caller's amplification call only (met47b: a CN alone is listed, no cut-off being
# sourced for KIT), with no caveat
KIT_GAIN = "KIT copy-number gain at chr4:54657267 <AMP> CN=9 (see the off-target findings)"
MET = "chr7\t116522196\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=116978377;SVLEN=456181\tGT:CN"
# a KIT gain beside the ALK amplification after crizotinib: a MET gain there, crizotinib being itself a MET inhibitor,
# is listed and not counted as a candidate (clinical review of stop 38, finding 2)
KIT = "chr4\t54657267\t.\tN\t<AMP>\t.\tPASS\tSVTYPE=AMP;END=54740783;SVLEN=83516\tGT:CN"
ALK_AMP = "chr2\t29100000\t.\tN\t<AMP>\t.\tPASS\tSVTYPE=AMP;END=29950000;SVLEN=850000\tGT:CN"
NOT_CARRIED = (
    "the call for the ALK fusion, made without regard to treatment history or resistance mechanism, is sensitive ["
)


def _run(tmp_path, records: str, samples: str, sheet_rows: str) -> dict:
    (tmp_path / "v.vcf").write_text(
        HEADER + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + samples + "\n" + records
    )
    (tmp_path / "s.tsv").write_text("sample\talk_status\tprogressed_on\tabcb1_ihc\n" + sheet_rows)
    doc, _ = annotated_report(tmp_path / "v.vcf", tmp_path / "s.tsv", tmp_path / "r")
    return {s["sample"]: s for s in doc["samples"]}


def test_beside_an_explaining_alk_amplification_a_candidate_is_also_present(tmp_path):
    samples = _run(
        tmp_path,
        f"{ALK_AMP}\t0/1:12\t0/1:12\n{KIT}\t0/1:9\t0/0:2\n",
        "AMP_MET\tAMP_ONLY",
        "AMP_MET\tpositive:FISH\tcrizotinib\tpositive\nAMP_ONLY\tpositive:FISH\tcrizotinib\tpositive\n",
    )
    with_met, alone = samples["AMP_MET"], samples["AMP_ONLY"]
    assert with_met["mechanism"] == alone["mechanism"] == "on_target"
    for drug in ("ceritinib", "alectinib", "brigatinib", "lorlatinib"):
        note = with_met["inhibitors"][drug]["note"]
        assert with_met["inhibitors"][drug]["category"] == "unknown"
        assert note.startswith(  # what explains the progression first (review 17, finding 8)
            "no ALK resistance mutation; the ALK change that explains the progression (see the notes) has no call "
            f"for this inhibitor; {KIT_GAIN} also present (an off-target candidate); {NOT_CARRIED}"
        ), note
        assert (
            "ALK amplification called by the caller (CN=12) present; ALK amplification in the knowledge base: no "
            in (note)
        )
        assert "does not exclude another mechanism" not in note  # the ALK change explains it (mechanism on_target)
        # without the MET gain the cell is the same but for that clause
        assert alone["inhibitors"][drug]["note"] == note.replace(
            f"{KIT_GAIN} also present (an off-target candidate); ", ""
        )


def test_two_candidates_are_named_as_two(tmp_path):
    samples = _run(
        tmp_path,
        f"{MET}\t0/1:9\t0/0:2\n",
        "MET_IHC\tIHC_ONLY",
        "MET_IHC\tpositive:FISH\tceritinib\tpositive\nIHC_ONLY\tpositive:FISH\tceritinib\tpositive\n",
    )
    two, one = samples["MET_IHC"]["inhibitors"]["alectinib"]["note"], samples["IHC_ONLY"]["inhibitors"]["alectinib"]
    assert samples["MET_IHC"]["mechanism"] == samples["IHC_ONLY"]["mechanism"] == "off_target_candidate"
    assert (
        f"; off-target candidates are listed: {MET_GAIN} and P-gp overexpression (ABCB1 IHC positive in the sample sheet), "
        "which do not exclude another mechanism; " in two
    ), two
    assert (
        "an off-target candidate is listed, P-gp overexpression (ABCB1 IHC positive in the sample sheet), which does not "
        "exclude another mechanism; " in one["note"]
    ), one["note"]
    assert "an off-target candidate is listed" not in two
    # the P-gp note names the MET gain beside its P-gp findings (review 17, finding 10); none where there is none
    pgp_two, pgp_one = samples["MET_IHC"]["pgp"]["note"], samples["IHC_ONLY"]["pgp"]["note"]
    # right after the verdict, in the one wording every path uses (review 21, finding 10)
    assert pgp_two.startswith(
        "Recommended (done): ABCB1 (P-gp) IHC is positive (sample sheet): P-gp overexpression is a candidate "
        f"explanation of this progression on ceritinib. An off-target candidate is also listed: {MET_GAIN}. The P-gp "
        "check does not address it. Progressed most recently on ceritinib"
    ), pgp_two
    assert "also listed" not in pgp_one
