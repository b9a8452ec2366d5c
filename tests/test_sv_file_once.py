"""An --sv file that is the main input itself, or one an earlier --sv named, is one source of evidence: its fusions'
evidence is listed once in fusion_calls (fresh-eyes review of stop 45, p1, finding 3: the same file as INPUT and as
--sv listed "DNA: input VCF PR=13 SR=16; DNA: sv.vcf PR=13 SR=16"), with a warning naming it. Through the installed
entry point, on the bundled example's Manta-style SV VCF."""

from __future__ import annotations

import json
import os

from helpers import EXAMPLES, run

SV = EXAMPLES / "GRCh38" / "sv.vcf"
MAIN = EXAMPLES / "GRCh38" / "tumor_normal.vcf"


def fusion_calls(prefix) -> dict[str, list[str]]:
    document = json.loads((prefix.parent / (prefix.name + ".json")).read_text())
    return {s["sample"]: s["fusion_calls"] for s in document["samples"]}


def test_the_input_given_again_as_sv_lists_its_evidence_once(tmp_path):
    alone = run("annotate", SV, "-o", tmp_path / "alone.vcf", "--report", tmp_path / "alone", text=True)
    assert alone.returncode == 0, alone.stderr
    twice = run("annotate", SV, "--sv", SV, "-o", tmp_path / "twice.vcf", "--report", tmp_path / "twice", text=True)
    assert twice.returncode == 0, twice.stderr
    calls = fusion_calls(tmp_path / "twice")
    assert calls["P1_T"] == [
        "EML4::ALK v1 [positive; kinase retained; EML4:intron13|ALK:intron19; DNA: input VCF PR=13 SR=16]"
    ]
    assert calls == fusion_calls(tmp_path / "alone")  # nothing else changes: the same file adds nothing
    assert f"--sv {SV} is the input file itself: its records are read once" in twice.stderr
    # the output VCF's records are those of the run without --sv
    strip = [line for line in (tmp_path / "twice.vcf").read_text().splitlines() if not line.startswith("##alkannotC")]
    assert strip == [
        line for line in (tmp_path / "alone.vcf").read_text().splitlines() if not line.startswith("##alkannotC")
    ]


def test_report_reads_the_input_given_again_as_sv_once_whatever_its_spelling(tmp_path):
    link = tmp_path / "link.vcf"
    os.symlink(SV.resolve(), link)
    result = run("report", SV, "--sv", link, "--out", tmp_path / "rep", text=True)
    assert result.returncode == 0, result.stderr
    calls = fusion_calls(tmp_path / "rep")
    assert calls["P2_T"] == [
        "EML4::ALK v3a/b [positive; kinase retained; EML4:intron6|ALK:intron19; DNA: input VCF PR=14 SR=17]"
    ]
    assert "is the input file itself" in result.stderr


def test_one_sv_file_named_twice_is_read_once(tmp_path):
    spelled = f"{SV.parent}/../GRCh38/{SV.name}"  # the same file, another spelling
    result = run("annotate", MAIN, "--sv", SV, "--sv", spelled, "-o", os.devnull, "--report", tmp_path / "r", text=True)
    assert result.returncode == 0, result.stderr
    assert f"--sv {spelled} is the same file as --sv {SV}: its records are read once" in result.stderr
    assert "(+10 in --sv files)" in result.stderr  # 10 records, not 20
    assert fusion_calls(tmp_path / "r")["P4_T"] == [
        "EML4::ALK v1 [positive; kinase retained; EML4:intron13|ALK:intron19; DNA: sv.vcf PR=16 SR=19]"
    ]
