"""Pipeline review of stop 49, the second pipeline helper (pipe49b): the findings pipe49 left, each through the
installed command line.

Finding 2: `--build hg19` on a GRCh38 file said "--build GRCh37 contradicts the header": a user who wrote hg19 (as
nf-core's params.genome does) did not find that value in the message. It names the value as typed, and the build it
stands for.

Finding 1: `annotate -Oz -o - -W` said "needs a bgzipped VCF or BCF output file (-o PATH with -O z or -O b)" although -O z
was given; the message names what is wrong in the command line: standard output, the output's type, or both.

Finding 3: an output path through a regular file (`-o calls.vcf/x.vcf`) said "cannot write (Not a directory)", where a
missing folder is "the output directory out does not exist": the part of the path that is a file is named.

Finding 4: damaged compressed input was worded by the reader that met it ("corrupt or truncated compressed data",
"truncated or corrupt gzip/bgzip data", "corrupt or truncated gzip file"): one wording now. On the way, a bgzipped --sv
file damaged in its records was an internal error (exit 1): the failed file's close replaced alkannot's error.

Finding 5: a missing file was "no such file" for a VCF, "cannot read sample sheet: No such file or directory" for a
sheet, "no such HTML template file" for a template: one pattern now, "FILE: cannot read WHAT (REASON)".

Finding 6: a #CHROM line with a misnamed column (QOS for QUAL) was htslib's "does not have valid header - is it
VCF/BCF format?"; the file, line and column are named.

Finding 7: `--fusions -` reads standard input (since pipe49's sweep, tested in tests/test_pipeline_pipe49.py), which
--help did not say.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pysam
import pytest

from tests.helpers import EXAMPLES, generated_vcf, run

GRCH38 = EXAMPLES / "GRCh38" / "tumor_normal.vcf"
GRCH37 = EXAMPLES / "GRCh37" / "tumor_normal.vcf"
MAF38 = Path(__file__).resolve().parent / "data" / "maf" / "madeup_nf2_grch38.maf"
HEADER38 = "(##contig chr2 length=242193529; ##reference=file:///ref/Homo_sapiens_assembly38.fasta: GRCh38)"


@pytest.mark.parametrize(
    ("given", "said"),
    [("hg19", "hg19 (GRCh37)"), ("HG19", "HG19 (GRCh37)"), ("GRCh37", "GRCh37"), ("grch37", "grch37")],
)
def test_a_contradicting_build_is_named_as_typed(tmp_path, given, said):
    out = tmp_path / "out.vcf"
    result = run("annotate", GRCH38, "--build", given, "-o", out, text=True)
    assert result.returncode == 3
    assert result.stderr == (
        f"alkannot: error: {GRCH38}: --build {said} contradicts the header {HEADER38}; drop --build or fix the header\n"
    )
    assert not out.exists() and list(tmp_path.iterdir()) == []
    report = run("report", GRCH38, "--build", given, "--out", tmp_path / "rep", text=True)
    assert report.returncode == 3 and f"--build {said} contradicts the header" in report.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_build_given_as_hg19_is_grch37(tmp_path):
    result = run("annotate", GRCH37, "--build", "hg19", "-o", tmp_path / "out.vcf", text=True)
    assert result.returncode == 0, result.stderr
    assert "##alkannotBuild=GRCh37\n" in (tmp_path / "out.vcf").read_text()


def test_a_maf_build_contradiction_names_the_build_as_typed(tmp_path):
    result = run("report", MAF38, "--build", "hg19", "--out", tmp_path / "rep", text=True)
    assert result.returncode == 3
    assert result.stderr == (
        f"alkannot: error: {MAF38}: --build hg19 (GRCh37) contradicts the MAF's NCBI_Build (GRCh38); drop --build or "
        "fix NCBI_Build\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["-Oz", "-o", "-", "-W"],
            "-W/--write-index needs an output file to write the index beside: -o - (standard output, the default) has "
            "none (give -o PATH)",
        ),
        (
            ["-Ob", "-Wcsi"],
            "-W/--write-index needs an output file to write the index beside: -o - (standard output, the default) has "
            "none (give -o PATH)",
        ),
        (
            ["-W"],
            "-W/--write-index needs a bgzipped VCF or BCF output file: -o - (standard output, the default) has no file "
            "to write the index beside, and it is written as uncompressed VCF (-O v) (give -o PATH with -O z or -O b)",
        ),
        (
            ["-Oz", "-o", "/dev/null", "-W"],
            "-W/--write-index needs an output file to write the index beside: /dev/null is a device or a pipe (give -o "
            "PATH)",
        ),
        (
            ["-o", "{out}.vcf", "-W"],
            "-W/--write-index needs a bgzipped VCF or BCF output: {out}.vcf is written as uncompressed VCF (-O v) "
            "(give -O z or -O b)",
        ),
        (
            ["-Ou", "-o", "{out}.bcf", "-W"],
            "-W/--write-index needs a bgzipped VCF or BCF output: {out}.bcf is written as uncompressed BCF (-O u) "
            "(give -O z or -O b)",
        ),
    ],
)
def test_an_index_that_cannot_be_written_names_what_is_wrong(tmp_path, args, said):
    out = str(tmp_path / "out")
    result = run("annotate", GRCH38, *[a.format(out=out) for a in args], text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"alkannot: error: {said.format(out=out)} (see 'alkannot annotate --help')\n"
    assert list(tmp_path.iterdir()) == []


def test_an_index_beside_a_bgzipped_file_is_written(tmp_path):
    out = tmp_path / "out.vcf.gz"
    result = run("annotate", GRCH38, "-Oz", "-o", out, "-W", text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.vcf.gz", "out.vcf.gz.csi"]


@pytest.mark.parametrize(
    ("args", "named", "said"),
    [
        (
            ["-o", "{d}/calls.vcf/x.vcf"],
            "{d}/calls.vcf/x.vcf",
            "the output directory {d}/calls.vcf is a file, not a directory",
        ),
        (
            ["-o", "{d}/calls.vcf/P1/x.vcf"],
            "{d}/calls.vcf/P1/x.vcf",
            "the output directory {d}/calls.vcf/P1 cannot exist: {d}/calls.vcf is a file, not a directory",
        ),
        (
            ["-o", "{d}/out.vcf", "--report", "{d}/calls.vcf/rep"],
            "{d}/calls.vcf/rep.tsv",
            "the output directory {d}/calls.vcf is a file, not a directory",
        ),
    ],
)
def test_an_output_path_through_a_file_names_the_file(tmp_path, args, named, said):
    (tmp_path / "calls.vcf").write_text("kept\n")
    result = run("annotate", GRCH38, *[a.format(d=tmp_path) for a in args], text=True)
    assert result.returncode == 3
    assert result.stderr == f"alkannot: error: {named.format(d=tmp_path)}: {said.format(d=tmp_path)}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["calls.vcf"]
    assert (tmp_path / "calls.vcf").read_text() == "kept\n"


def test_a_report_prefix_through_a_file_names_the_file(tmp_path):
    (tmp_path / "calls.vcf").write_text("kept\n")
    result = run("report", GRCH38, "--out", tmp_path / "calls.vcf" / "rep", text=True)
    assert result.returncode == 3
    assert result.stderr == (
        f"alkannot: error: {tmp_path}/calls.vcf/rep.tsv: the output directory {tmp_path}/calls.vcf is a file, not a "
        "directory\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["calls.vcf"]


@pytest.fixture(scope="module")
def damaged(tmp_path_factory) -> dict[str, Path]:
    """A bgzipped VCF with one byte of a BGZF block in its records flipped, and a plain-gzip one cut in half."""
    folder = tmp_path_factory.mktemp("damaged")
    text = generated_vcf(folder / "calls.vcf", 20000)
    bgzipped = folder / "calls.vcf.gz"
    pysam.tabix_compress(str(text), str(bgzipped))
    data = bytearray(bgzipped.read_bytes())
    data[len(data) // 2] ^= 0xFF
    (folder / "flipped.vcf.gz").write_bytes(bytes(data))
    packed = gzip.compress(text.read_bytes())
    (folder / "cut.vcf.gz").write_bytes(packed[: len(packed) // 2])
    return {"flipped": folder / "flipped.vcf.gz", "cut": folder / "cut.vcf.gz"}


@pytest.mark.parametrize("which", ["flipped", "cut"])
@pytest.mark.parametrize("extra", [[], ["--strict"]])
@pytest.mark.parametrize("stdin", [False, True])
def test_damaged_compressed_input_is_one_wording(tmp_path, damaged, which, extra, stdin):
    source = damaged[which]
    out = tmp_path / "out.vcf.gz"
    if stdin:
        result = run("annotate", "-", *extra, "-o", out, stdin=source.read_bytes())
    else:
        result = run("annotate", source, *extra, "-o", out)
    stderr = result.stderr.decode()
    assert result.returncode == 3, stderr
    (line,) = stderr.splitlines()
    named = "<stdin>" if stdin else str(source)
    assert line.startswith(f"alkannot: error: {named}: "), line
    assert "corrupt or truncated compressed data (" in line
    assert "truncated or corrupt" not in line and "gzip file" not in line
    if which == "cut":
        assert line.endswith(
            ": corrupt or truncated compressed data (gzip: Compressed file ended before the end-of-stream marker was "
            "reached)"
        )
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_bgzipped_sv_file_is_exit_3_not_an_internal_error(tmp_path, damaged):
    sv = tmp_path / "sv.vcf.gz"
    shutil.copy(damaged["flipped"], sv)
    out = tmp_path / "out.vcf"
    result = run("annotate", GRCH38, "--sv", sv, "-o", out, text=True)
    assert result.returncode == 3, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"alkannot: error: {sv}: unreadable SV record "), line
    assert line.endswith(": corrupt or truncated compressed data (BGZF block failed its check)"), line
    assert "internal error" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sv.vcf.gz"]


@pytest.mark.parametrize(
    ("command", "what"),
    [
        (["annotate", "{missing}"], "input"),
        (["annotate", GRCH38, "--sv", "{missing}"], "input"),
        (["report", "{missing}", "--out", "{d}/rep"], "input"),
        (["annotate", GRCH38, "--samples", "{missing}"], "sample sheet"),
        (["annotate", GRCH38, "--fusions", "{missing}"], "fusion table"),
        (["report", GRCH38, "--fusions", "{missing}", "--out", "{d}/rep"], "fusion table"),
        (["annotate", GRCH38, "--report", "{d}/rep", "--html-template", "{missing}"], "HTML template"),
    ],
)
def test_a_missing_file_is_one_pattern_whichever_option_names_it(tmp_path, command, what):
    missing = tmp_path / "missing.txt"
    args = [str(a).format(missing=missing, d=tmp_path) for a in command]
    output = ["-o", str(tmp_path / "out.vcf")] if args[0] == "annotate" else []
    result = run(*args, *output, text=True)
    assert result.returncode == 3, result.stderr
    assert result.stderr == f"alkannot: error: {missing}: cannot read {what} (No such file or directory)\n"
    assert list(tmp_path.iterdir()) == []


def test_a_missing_knowledge_base_is_the_same_pattern(tmp_path):
    result = run("annotate", GRCH38, "--kb", tmp_path / "lab_kb", "-o", tmp_path / "out.vcf", text=True)
    assert result.returncode == 3
    assert result.stderr == (
        f"alkannot: error: {tmp_path / 'lab_kb'}: cannot read knowledge base (No such file or directory): give a "
        "directory in the `alkannot kb export --format tsv -o DIR` layout\n"
    )
    assert list(tmp_path.iterdir()) == []


COLUMNS = "(a VCF's columns: #CHROM POS ID REF ALT QUAL FILTER INFO, then FORMAT and the samples, tab-separated)"


@pytest.mark.parametrize(
    ("fixed", "said"),
    [
        ("#CHROM\tPOS\tID\tREF\tALT\tQOS\tFILTER\tINFO\tFORMAT", "column 6 is 'QOS', not 'QUAL'"),
        ("#CHROM\tPos\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT", "column 2 is 'Pos', not 'POS'"),
        ("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tformat", "column 9 is 'format', not 'FORMAT'"),
        (
            "#CHROM POS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT",
            "column 1 is '#CHROM POS', not '#CHROM' (spaces where a tab belongs?)",
        ),
    ],
)
@pytest.mark.parametrize("how", ["file", "bgzip", "stdin", "sv", "report"])
def test_a_misnamed_chrom_column_is_named(tmp_path, fixed, said, how):
    text = GRCH38.read_text().replace("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT", fixed)
    line = 1 + text.splitlines().index(next(x for x in text.splitlines() if x.startswith("#CHROM")))
    bad = tmp_path / "bad.vcf"
    bad.write_text(text)
    if how == "bgzip":
        pysam.tabix_compress(str(bad), str(tmp_path / "bad.vcf.gz"))
        bad.unlink()
        bad = tmp_path / "bad.vcf.gz"
    named, out = str(bad), tmp_path / "out.vcf"
    if how == "stdin":
        named = "<stdin>"
        result = run("annotate", "-", "-o", out, stdin=text, text=True)
    elif how == "sv":
        result = run("annotate", GRCH38, "--sv", bad, "-o", out, text=True)
    elif how == "report":
        result = run("report", bad, "--out", tmp_path / "rep", text=True)
    else:
        result = run("annotate", bad, "-o", out, text=True)
    assert result.returncode == 3, result.stderr
    assert result.stderr == f"alkannot: error: {named}:{line}: the #CHROM line's {said} {COLUMNS}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.vcf.gz" if how == "bgzip" else "bad.vcf"]


@pytest.mark.parametrize("command", ["annotate", "report"])
def test_help_says_a_fusion_table_may_come_from_standard_input(command):
    said = " ".join(run(command, "--help", text=True).stdout.split())
    assert (
        "--fusions [SAMPLE=]PATH Arriba or STAR-Fusion table (repeatable); SAMPLE= says whose; read once, so <(...) "
        "works; '-' reads it from standard input." in said
    )
    if command == "annotate":
        assert "SAMPLE= says whose calls they are; '-' reads it from standard input." in said
