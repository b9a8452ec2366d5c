"""The same SV calls in two different files (the main input as BCF and its records again as `--sv sv.vcf.gz`, or two
--sv files holding the same records) are one source of evidence: listed and counted once, with one warning naming
both files (pipeline review, finding 1 left open after stop 45). A second caller's call of the same fusion, or the
same record with other read counts (other reads), is independent support and stays listed. Through the installed
entry point, on the bundled example's Manta-style SV VCF written as BCF and bgzipped VCF with pysam."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pysam
from helpers import EXAMPLES, run

SV = EXAMPLES / "GRCh38" / "sv.vcf"
MAIN = EXAMPLES / "GRCh38" / "tumor_normal.vcf"
P1_ALONE = "EML4::ALK v1 [positive; kinase retained; EML4:intron13|ALK:intron19; DNA: {} PR=13 SR=16]"


def _written(path: Path, mode: str) -> Path:
    """The example SV VCF's records written as `path` (mode 'wb': BCF, 'wz': bgzipped VCF)."""
    with pysam.VariantFile(str(SV)) as source, pysam.VariantFile(str(path), mode, header=source.header) as out:
        for rec in source:
            out.write(rec)
    return path


def _calls(prefix: Path) -> dict[str, list[str]]:
    document = json.loads(prefix.with_suffix(".json").read_text())
    return {s["sample"]: s["fusion_calls"] for s in document["samples"]}


def _annotate(tmp_path: Path, name: str, *args) -> tuple[dict[str, list[str]], str]:
    result = run("annotate", *args, "-o", tmp_path / f"{name}.vcf", "--report", tmp_path / name, text=True)
    assert result.returncode == 0, result.stderr
    return _calls(tmp_path / name), result.stderr


def test_the_input_as_bcf_and_its_records_as_sv_vcf_gz_are_listed_once(tmp_path):
    bcf, vcf_gz = _written(tmp_path / "sv.bcf", "wb"), _written(tmp_path / "sv.vcf.gz", "wz")
    alone, _ = _annotate(tmp_path, "alone", bcf)
    both, stderr = _annotate(tmp_path, "both", bcf, "--sv", vcf_gz)
    assert both["P1_T"] == [P1_ALONE.format("input VCF")]
    assert both == alone  # nothing else changes: the copy adds no evidence
    (warning,) = [line for line in stderr.splitlines() if "the same calls" in line and "WARNING" in line]
    assert warning == (
        f"alkannot: WARNING: {bcf}: --sv {vcf_gz}: 8 SV record(s) hold the same calls as the input {bcf} (same CHROM, "
        "POS, ID, REF, ALT, mate, sample and read support): each call is counted once, as the earlier file's"
    )
    # the input keeps the 8 breakend records near ALK; the --sv file's <DEL> and <DUP> are its own
    assert (
        "8 structural near ALK (+10 in --sv files, 8 of them the same calls as another file's: counted once)" in stderr
    )
    strip = [x for x in (tmp_path / "both.vcf").read_text().splitlines() if not x.startswith("##alkannotCommand")]
    assert strip == [x for x in (tmp_path / "alone.vcf").read_text().splitlines() if not x.startswith("##alkannotC")]


def test_two_sv_files_with_the_same_records_are_listed_once(tmp_path):
    vcf_gz = _written(tmp_path / "sv.vcf.gz", "wz")
    one, _ = _annotate(tmp_path, "one", MAIN, "--sv", SV)
    two, stderr = _annotate(tmp_path, "two", MAIN, "--sv", SV, "--sv", vcf_gz)
    assert two["P1_T"] == [P1_ALONE.format("sv.vcf")]
    assert two == one
    assert f"--sv {vcf_gz}: 10 SV record(s) hold the same calls as --sv {SV} (same CHROM" in stderr
    assert "(+20 in --sv files, 10 of them the same calls as another file's: counted once)" in stderr


def test_report_lists_the_same_calls_of_two_files_once(tmp_path):
    bcf, vcf_gz = _written(tmp_path / "sv.bcf", "wb"), _written(tmp_path / "sv.vcf.gz", "wz")
    result = run("report", bcf, "--sv", vcf_gz, "--out", tmp_path / "rep", text=True)
    assert result.returncode == 0, result.stderr
    assert _calls(tmp_path / "rep")["P4_T"] == [
        "EML4::ALK v1 [positive; kinase retained; EML4:intron13|ALK:intron19; DNA: input VCF PR=16 SR=19]"
    ]
    assert f"--sv {vcf_gz}: 8 SV record(s) hold the same calls as the input {bcf}" in result.stderr


def test_a_second_callers_call_of_the_same_fusion_stays_independent_support(tmp_path):
    """Another caller's records at the same breakends (its own IDs) and the same records with other read counts (a
    run on other reads) are evidence of their own: listed beside the first file's, no warning."""
    text = SV.read_text()
    other_caller = tmp_path / "second_caller.vcf"
    other_caller.write_text(re.sub(r"MantaBND:(\d)", r"SecondBND:\1", text))
    other_reads = tmp_path / "other_reads.vcf"  # P1_T's support only differs (29,13:27,16 -> 31,11:30,12)
    other_reads.write_text(text.replace("PR:SR\t29,13:27,16", "PR:SR\t31,11:30,12"))
    calls, stderr = _annotate(tmp_path, "agree", MAIN, "--sv", SV, "--sv", other_caller)
    assert calls["P1_T"] == [
        "EML4::ALK v1 [positive; kinase retained; EML4:intron13|ALK:intron19; DNA: sv.vcf PR=13 SR=16; "
        "DNA: second_caller.vcf PR=13 SR=16]"
    ]
    # the <DEL> and <DUP>, not breakends, are the same records in both files
    assert "second_caller.vcf: 2 SV record(s) hold the same calls" in stderr
    calls, stderr = _annotate(tmp_path, "reads", MAIN, "--sv", SV, "--sv", other_reads)
    assert calls["P1_T"] == [
        "EML4::ALK v1 [positive; kinase retained; EML4:intron13|ALK:intron19; DNA: sv.vcf PR=13 SR=16; "
        "DNA: other_reads.vcf PR=11 SR=12]"
    ]
    # P2_T..P4_T's calls (and the <DEL>, <DUP>) are the same records, sample and read counts: once; P1_T's two are not
    assert calls["P2_T"] == [
        "EML4::ALK v3a/b [positive; kinase retained; EML4:intron6|ALK:intron19; DNA: sv.vcf PR=14 SR=17]"
    ]
    assert "other_reads.vcf: 8 SV record(s) hold the same calls as --sv" in stderr


def test_the_input_alone_as_sv_says_so_without_plus_0(tmp_path):
    """The INFO line said "(+0 in --sv files)" where the only --sv was the input itself, read once (finding 4)."""
    _, stderr = _annotate(tmp_path, "self", SV, "--sv", SV)
    assert (
        f"{SV}: 10 records, 0 in ALK (small variants), 8 structural near ALK (--sv is the input itself: read once)"
        in stderr
    )
    assert "+0" not in stderr


def test_a_partial_copy_of_a_junction_is_listed_once_whichever_file_comes_first(tmp_path):
    """One --sv file cut to one breakend of P1_T's fusion (the EML4-side record, its ALK-side mate gone) beside a file
    holding the junction whole: the orphan is the same evidence, left out with a warning naming both files, and the
    call is listed once, whole. It was listed twice (the second time as '(orphan mate)') before stop 47 (open item of
    stop 46)."""
    partial = tmp_path / "partial.vcf"
    partial.write_text("".join(x for x in SV.read_text().splitlines(True) if "\tMantaBND:1:0:1:0:0:0:0\t" not in x))
    one, _ = _annotate(tmp_path, "one", MAIN, "--sv", SV)
    for order in ((SV, partial), (partial, SV)):
        calls, stderr = _annotate(tmp_path, "both", MAIN, "--sv", order[0], "--sv", order[1])
        assert calls["P1_T"] == [P1_ALONE.format("sv.vcf")]
        (warning,) = [line for line in stderr.splitlines() if "holds whole" in line]
        assert warning == (
            f"alkannot: WARNING: {MAIN}: --sv {partial}: 1 SV record(s) are breakends of junctions --sv {SV} holds "
            "whole (the same CHROM, POS, ID, REF, ALT, mate, sample and read support, with the mate record): each "
            f"call is counted once, as --sv {SV}'s"
        )
        assert "(+19 in --sv files, 9 of them the same calls as another file's: counted once)" in stderr
    # the calls partial.vcf holds whole, as the earlier file (the last order), stay its own
    assert calls["P2_T"] == [
        "EML4::ALK v3a/b [positive; kinase retained; EML4:intron6|ALK:intron19; DNA: partial.vcf PR=14 SR=17]"
    ]
    assert one["P1_T"] == calls["P1_T"]
