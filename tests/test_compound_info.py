"""ALK_COMPOUND (review 9, clinical, finding 4): each ALT that is a part of a sample's compound says so in INFO, so
that a reader of the VCF body does not take the per-allele calls of G1202R and L1196M in cis as the tumour's.
Through the installed `alkannot` and `bcftools query`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import run

from alkannot import annotate, scan
from alkannot.options import AnnotateOptions

pytestmark = pytest.mark.skipif(shutil.which("bcftools") is None, reason="bcftools not installed")

HEADER = """##fileformat=VCFv4.2
##FILTER=<ID=PASS,Description="All filters passed">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phasing set">
##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
##contig=<ID=chr2,length=242193529>
"""
G1202R, L1196M, C1156Y = ("29220747", "C", "T"), ("29220765", "G", "T"), ("29222392", "C", "T")
SHEET = "sample\talk_status\tprogressed_on\nA05_T\tpositive:IHC\talectinib;lorlatinib\n"
QUERY = "%POS %ALK_HGVSP %ALK_LORLATINIB %ALK_COMPOUND\n"


def vcf(path: Path, samples: list[str], records: list[tuple[tuple[str, str, str], list[str]]]) -> Path:
    """`records`: (site, one FORMAT GT:AD:PS value per sample)."""
    lines = [HEADER + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(samples)]
    for (pos, ref, alt), values in records:
        lines.append(f"chr2\t{pos}\t.\t{ref}\t{alt}\t.\tPASS\tDP=100\tGT:AD:PS\t" + "\t".join(values))
    path.write_text("\n".join(lines) + "\n")
    return path


def query(path: Path, fmt: str = QUERY) -> list[str]:
    result = subprocess.run(["bcftools", "query", "-f", fmt, str(path)], capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def annotated(tmp_path: Path, source: Path, *extra: str, name: str = "out.vcf") -> Path:
    out = tmp_path / name
    result = run("-q", "annotate", source, "-o", out, *extra, text=True)
    assert result.returncode == 0, result.stderr
    return out


def test_cis_compound_is_on_both_parts_beside_their_own_calls(tmp_path):
    """The review's case: A05_T, G1202R and L1196M phased cis after alectinib;lorlatinib."""
    source = vcf(tmp_path / "p.vcf", ["A05_T"], [(G1202R, ["0|1:70,30:29220747"]), (L1196M, ["0|1:70,30:29220747"])])
    (tmp_path / "s.tsv").write_text(SHEET)
    out = annotated(tmp_path, source, "--samples", tmp_path / "s.tsv")
    assert query(out) == [
        "29220747 p.G1202R sensitive A05_T:L1196M+G1202R(cis)",
        "29220765 p.L1196M sensitive A05_T:L1196M+G1202R(cis)",
    ]
    header = [line for line in out.read_text().splitlines() if line.startswith("##INFO=<ID=ALK_")]
    compound = [line for line in header if "ID=ALK_COMPOUND," in line]
    assert len(compound) == 1 and "Number=A,Type=String" in compound[0] and 'Source="alkannot"' in compound[0]
    assert "do not apply to the compound" in compound[0]
    lorlatinib = next(line for line in header if "ID=ALK_LORLATINIB," in line)
    assert "this allele alone to lorlatinib" in lorlatinib and "not the compound's call" in lorlatinib


def test_trans_pair_is_written_with_phase_trans(tmp_path):
    """One phase set, different haplotypes: the verdict's Compound has phase trans (the TSV's compound column)."""
    source = vcf(tmp_path / "t.vcf", ["T1"], [(G1202R, ["0|1:70,30:29220747"]), (L1196M, ["1|0:70,30:29220747"])])
    out = annotated(tmp_path, source, "--report", tmp_path / "rep")
    assert [line.split()[-1] for line in query(out)] == ["T1:L1196M+G1202R(trans)"] * 2
    tsv = (tmp_path / "rep.tsv").read_text().splitlines()
    assert "L1196M+G1202R trans (phase from PS)" in tsv[1].split("\t")


def test_unphased_pair_is_phase_unknown(tmp_path):
    source = vcf(tmp_path / "u.vcf", ["U1"], [(G1202R, ["0/1:70,30:."]), (L1196M, ["0/1:68,32:."])])
    out = annotated(tmp_path, source)
    assert [line.split()[-1] for line in query(out)] == ["U1:L1196M+G1202R(phase_unknown)"] * 2


def test_multi_sample_only_the_sample_with_both_parts_is_named(tmp_path):
    """S1 carries the cis compound; S2 carries G1202R with C1156Y unphased (its own compound); S3 carries F1174L
    alone (no compound): S3 is never named, and a record no compound touches has no ALK_COMPOUND."""
    source = vcf(
        tmp_path / "m.vcf",
        ["S1", "S2", "S3"],
        [
            (G1202R, ["0|1:70,30:29220747", "0/1:70,30:.", "0/0:100,0:."]),
            (L1196M, ["0|1:70,30:29220747", "0/0:100,0:.", "0/0:100,0:."]),
            (("29220831", "A", "G"), ["0/0:100,0:.", "0/0:100,0:.", "0/1:70,30:."]),  # F1174L: S3 alone
            (C1156Y, ["0/0:100,0:.", "0/1:70,30:.", "0/0:100,0:."]),
        ],
    )
    out = annotated(tmp_path, source)
    assert query(out, "%POS %ALK_HGVSP %ALK_COMPOUND\n") == [
        "29220747 p.G1202R S1:L1196M+G1202R(cis)|S2:C1156Y+G1202R(phase_unknown)",
        "29220765 p.L1196M S1:L1196M+G1202R(cis)",
        "29220831 p.F1174L .",
        "29222392 p.C1156Y S2:C1156Y+G1202R(phase_unknown)",
    ]
    body = [line for line in out.read_text().splitlines() if line.startswith("chr2\t29220831")]
    assert "ALK_HGVSP=p.F1174L" in body[0] and "ALK_COMPOUND" not in body[0]


def test_multi_allelic_record_gives_dot_for_the_alt_in_no_compound(tmp_path):
    """Number=A: one value per ALT; S2 carries the record's second ALT (C>A, G1202*) alone."""
    source = vcf(
        tmp_path / "a.vcf",
        ["S1", "S2"],
        [
            (("29220747", "C", "T,A"), ["0|1:70,30,0:29220747", "0/2:70,0,30:."]),
            (L1196M, ["0|1:70,30:29220747", "0/0:100,0:."]),
        ],
    )
    out = annotated(tmp_path, source)
    assert query(out, "%POS %ALT %ALK_COMPOUND\n")[0] == "29220747 T,A S1:L1196M+G1202R(cis),."


def test_sample_name_characters_info_forbids_are_encoded(tmp_path):
    """A sample name is written before the first ':' and compounds are '|'-joined: ',', '=', ';', ':', '|' and
    '%' of a name are percent-encoded (VCF 1.6.1 section 1.2 for the first three)."""
    name = "pt,1=a;b:c|d%"
    source = vcf(tmp_path / "n.vcf", [name], [(G1202R, ["0|1:70,30:29220747"]), (L1196M, ["0|1:70,30:29220747"])])
    out = annotated(tmp_path, source)
    assert query(out, "%ALK_COMPOUND\n") == ["pt%2C1%3Da%3Bb%3Ac%7Cd%25:L1196M+G1202R(cis)"] * 2


def test_reannotation_replaces_the_key_and_removes_it_where_no_compound_is_left(tmp_path):
    source = vcf(tmp_path / "r.vcf", ["A05_T"], [(G1202R, ["0|1:70,30:29220747"]), (L1196M, ["0|1:70,30:29220747"])])
    first = annotated(tmp_path, source, name="first.vcf")
    again = annotated(tmp_path, first, name="again.vcf")
    text = again.read_text()
    assert text.count("##INFO=<ID=ALK_COMPOUND,") == 1
    assert [line.count("ALK_COMPOUND=") for line in text.splitlines() if line.startswith("chr2")] == [1, 1]
    assert query(again, "%ALK_COMPOUND\n") == ["A05_T:L1196M+G1202R(cis)"] * 2
    # the earlier output with L1196M no longer carried: no compound now, and the earlier value goes
    edited = tmp_path / "edited.vcf"
    lines = first.read_text().splitlines()
    edited.write_text(
        "\n".join(
            line.replace("0|1:70,30:29220747", "0|0:100,0:29220747") if line.startswith("chr2\t29220765") else line
            for line in lines
        )
        + "\n"
    )
    redone = annotated(tmp_path, edited, name="redone.vcf")
    body = [line for line in redone.read_text().splitlines() if line.startswith("chr2")]
    assert len(body) == 2 and not any("ALK_COMPOUND" in line for line in body)
    assert "ALK_HGVSP=p.G1202R" in body[0]


def test_another_tools_alk_compound_is_refused(tmp_path):
    source = vcf(tmp_path / "f.vcf", ["A05_T"], [(G1202R, ["0|1:70,30:29220747"]), (L1196M, ["0|1:70,30:29220747"])])
    text = source.read_text().replace(
        "#CHROM", '##INFO=<ID=ALK_COMPOUND,Number=1,Type=String,Description="another tool">\n#CHROM'
    )
    source.write_text(text)
    result = run("-q", "annotate", source, "-o", tmp_path / "x.vcf", text=True)
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0 and "ALK_COMPOUND" in result.stderr
    assert "bcftools annotate -x INFO/ALK_COMPOUND" in result.stderr and not (tmp_path / "x.vcf").exists()


def test_bcf_output_carries_the_same_values(tmp_path):
    source = vcf(tmp_path / "b.vcf", ["A05_T"], [(G1202R, ["0|1:70,30:29220747"]), (L1196M, ["1|0:70,30:29220747"])])
    text_out = annotated(tmp_path, source, name="o.vcf")
    bcf_out = annotated(tmp_path, source, "-Ob", name="o.bcf")
    assert query(bcf_out) == query(text_out) and query(text_out)[0].endswith("A05_T:L1196M+G1202R(trans)")


@pytest.mark.parametrize("compressed", [False, True], ids=["text", "bgzip"])
def test_byte_level_path_writes_the_same_bytes(tmp_path, monkeypatch, compressed):
    """The byte-level pass (large files) and the per-record pass write ALK_COMPOUND alike (as test_scan.py
    compares the two paths for the other keys)."""
    import pysam

    source = vcf(
        tmp_path / "s.vcf",
        ["S1", "S2"],
        [
            (("29220747", "C", "T,A"), ["0|1:70,30,0:29220747", "0/2:70,0,30:."]),
            (L1196M, ["0|1:70,30:29220747", "0/1:70,30:."]),
        ],
    )
    suffix = ".vcf"
    if compressed:
        pysam.tabix_compress(str(source), str(source) + ".gz")
        source, suffix = Path(str(source) + ".gz"), ".vcf.gz"
    outputs = {}
    for byte_level in (False, True):
        monkeypatch.setattr(scan, "FULL_PARSE_BELOW", 0 if byte_level else 1 << 62)
        out = tmp_path / f"out_{byte_level}{suffix}"
        annotate.annotate_file(AnnotateOptions(input_path=str(source), output_path=str(out), command_line="x"))
        outputs[byte_level] = pysam.BGZFile(str(out), "rb").read() if compressed else out.read_bytes()
    assert outputs[True] == outputs[False]
    # S2's G1202* (C>A) is truncating, never a compound part (RULES.md section 4): '.' for that ALT
    assert b"ALK_COMPOUND=S1:L1196M+G1202R(cis),.\t" in outputs[True]
    assert outputs[True].count(b"ALK_COMPOUND=S1:L1196M+G1202R(cis)") == 2


def test_kb_site_vcf_has_no_compound_key(tmp_path):
    """`kb export --format vcf` has no samples, so no compound: its header does not define ALK_COMPOUND."""
    site = tmp_path / "alk_kb.vcf.gz"
    result = run("kb", "export", "--format", "vcf", "--build", "GRCh38", "-o", site, text=True)
    assert result.returncode == 0, result.stderr
    header = subprocess.run(["bcftools", "view", "-h", str(site)], capture_output=True, text=True, check=True).stdout
    assert "ID=ALK_LORLATINIB," in header and "ID=ALK_COMPOUND" not in header
