"""A new user's first hour (stop 51, user51): a pipeline engineer reading the summary line of an SV caller's VCF, a
researcher looking in `alkannot report --help` for what the table's rows and columns are and what the sample sheet
holds, through the installed entry point."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path

from helpers import run

ROOT = Path(__file__).resolve().parent.parent
SV = ROOT / "tests" / "data" / "sv"
EXAMPLE = ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
SHEET = ROOT / "example_vcfs" / "samples.tsv"


def summary_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode().splitlines() if " in ALK (small variants), " in line]
    assert len(lines) == 1, stderr.decode()
    return lines[0]


def test_sv_caller_vcf_summary_does_not_say_nothing_is_in_alk(tmp_path):
    """Manta's EML4-ALK breakends: before stop 51 the INFO line read '8 records, 0 in ALK, 5 structural', which an
    engineer read as 'this file holds nothing about ALK' beside the ALK fusion the output annotates."""
    vcf = SV / "manta_somatic_grch38_chr.vcf"
    result = run("annotate", vcf, "-o", tmp_path / "o.vcf")
    assert result.returncode == 0, result.stderr
    assert "ALK_FUSION=EML4::ALK" in (tmp_path / "o.vcf").read_text()
    line = summary_line(result.stderr)
    # 8 records, 2 chr2 <DEL>s and the EML4-ALK breakend pair near ALK, the other three elsewhere
    records = sum(1 for text in vcf.read_text().splitlines() if not text.startswith("#"))
    assert line == f"alkannot: INFO: {vcf}: {records} records, 0 in ALK (small variants), 5 structural near ALK"


def test_one_record_is_said_in_the_singular(tmp_path):
    vcf = SV / "eml4_frame_grch38_main.vcf"
    assert sum(1 for text in vcf.read_text().splitlines() if not text.startswith("#")) == 1
    result = run("annotate", vcf, "-o", tmp_path / "o.vcf")
    assert result.returncode == 0, result.stderr
    assert f"{vcf}: 1 record, 0 in ALK (small variants), 0 structural near ALK" in summary_line(result.stderr)


def help_text(*command: str) -> str:
    result = run(*command, "--help")
    assert result.returncode == 0, result.stderr
    return " ".join(result.stdout.decode().split())  # click wraps the text: compare it unwrapped


def test_report_help_says_raw_vcfs_row_order_and_where_columns_are_described(tmp_path):
    """`report --help` said 'from alkannot-annotated VCFs' (a raw VCF is read as well) and nothing of the table's
    rows or where its columns are described; the README heading it names must exist."""
    text = help_text("report")
    assert "as called or as annotated by `alkannot annotate`" in text
    assert "one row per reported sample (matched normals left out), in the order of the inputs given" in text
    heading = "The report table (PREFIX.tsv): every column"
    assert f'README, "{heading}"' in text
    assert f"### {heading}\n" in (ROOT / "README.md").read_text()
    # what the help says, the command does: a raw VCF per patient, given in this order, one row per tumour
    inputs = []
    for patient in ("P3", "P1", "P2"):
        out = tmp_path / f"{patient}.vcf"
        keep = subprocess.run(
            ["bcftools", "view", "-s", f"{patient}_T,{patient}_N", "-o", str(out), str(EXAMPLE)], capture_output=True
        )
        assert keep.returncode == 0, keep.stderr
        inputs.append(out)
    result = run("-q", "report", *inputs, "--samples", SHEET, "--out", tmp_path / "c")
    assert result.returncode == 0, result.stderr
    with (tmp_path / "c.tsv").open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert [r["sample"] for r in rows] == ["P3_T", "P1_T", "P2_T"]
    assert rows[1]["alk_mutations"].startswith("G1202R(known")  # read from the raw VCF, not an annotated one


def test_samples_help_names_the_sheet_columns():
    """`--samples` said only 'Sample sheet (TSV/CSV)': a researcher had to find the column table at line 2,000 of
    the README. Each command that takes a sheet now names its columns and the README section listing them."""
    readme = (ROOT / "README.md").read_text()
    assert "\n## The per-sample verdict and the P-gp check\n" in readme
    for command in ("annotate", "report"):
        text = help_text(command)
        for column in ("'sample' column", "alk_status", "progressed_on", "abcb1_ihc", "role", "normal", "source_vcf"):
            assert column in text, (command, column)
        assert 'README, "The per-sample verdict and the P-gp check", lists them' in text
        for column in ("alk_status", "progressed_on", "abcb1_ihc", "abcb1_tpm", "role", "normal", "source_vcf"):
            assert f"\n| {column} | " in readme, column  # every column the help names has its README row


def test_build_error_names_the_build_the_record_matches(tmp_path):
    """A VCF with no ##contig or ##reference line (a hand-cut extract) stops at its first ALK record with 'rerun with
    --build GRCh37 or --build GRCh38', leaving the engineer to guess; the record's REF, matched against both builds'
    bundled coding bases, tells which one it fits, and that build then annotates the file."""
    for build in ("GRCh37", "GRCh38"):
        source = ROOT / "example_vcfs" / build / "tumor_normal.vcf"
        lines = [x for x in source.read_text().splitlines(True) if not x.startswith(("##contig", "##reference"))]
        vcf = tmp_path / f"{build}.vcf"
        vcf.write_text("".join(lines))
        refused = run("annotate", vcf, "-o", tmp_path / "o.vcf")
        assert refused.returncode == 3 and not (tmp_path / "o.vcf").exists()
        line = refused.stderr.decode().strip()
        assert len(line.splitlines()) == 1 and line.startswith(f"alkannot: error: {vcf}:")
        assert line.endswith(
            "rerun with --build GRCh37 or --build GRCh38 (this record's REF matches ALK's bundled coding sequence at "
            f"{build} positions only)"
        ), line
        given = run("annotate", vcf, "--build", build, "-o", tmp_path / "o.vcf")
        assert given.returncode == 0, given.stderr
        assert "WARNING" not in given.stderr.decode()
        assert (tmp_path / "o.vcf").read_text().count("ALK_HGVSP=p.") == 4
        (tmp_path / "o.vcf").unlink()


def test_each_card_p_gp_note_is_red_only_where_the_check_is_to_be_ordered(tmp_path):
    """Every card's P-gp note stood in the red alert box, 'P-gp (ABCB1) check: not indicated.' as loud as
    'recommended', while the summary's boxes and tags colour each check apart: a pathologist reads red as 'act'.
    The note carries its check's tag key, and only the recommended one is red."""
    result = run(
        "annotate",
        EXAMPLE,
        "--sv",
        ROOT / "example_vcfs" / "GRCh38" / "sv.vcf",
        "--samples",
        SHEET,
        "--min-vaf",
        "0.05",
        "-o",
        tmp_path / "o.vcf",
        "--report",
        tmp_path / "r",
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads((tmp_path / "r.json").read_text())
    page = (tmp_path / "r.html").read_text()
    notes = re.findall(r'<div class="pgpnote pgp-([a-z_]+)"><b>P-gp \(ABCB1\) check: ([^<]*)\.</b>', page)
    assert len(notes) == len(doc["samples"])
    checks = {s["sample"]: s["pgp_check"] for s in doc["samples"]}
    assert set(checks.values()) >= {"recommended", "not_indicated", "low_yield"}
    for (key, said), (sample, check) in zip(notes, checks.items()):
        assert said == check.replace("_", " "), sample
        assert key == check or (key == "alk_unknown" and check == "not_indicated"), sample
    css = (ROOT / "alkannot" / "report" / "templates" / "report.css").read_text()
    red = re.findall(r"([^}\n]*)\{[^}]*#d9534f", css)
    assert [r for r in red if "pgpnote" in r] == [".pgpnote.pgp-recommended"]
