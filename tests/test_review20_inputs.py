"""Review 20 (pipeline engineer): a cut fusion table is an error, not 'Fusion=negative' (finding 3); a missing
--fusions file is said to be missing (finding 4); a space-separated row of a tab-separated sample sheet is an error
(finding 8); a text VCF whose last line has no newline is warned about (finding 11). Through the installed CLI; the
reviewer's files are in tests/data/review20/."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import generated_vcf, run

from alkannot import annotate
from alkannot.options import AnnotateOptions
from alkannot.unterminated import warn_unterminated

DATA = Path(__file__).parent / "data"
HERE = DATA / "review20"
EXAMPLE = Path(__file__).parent.parent / "example_vcfs"
TN = EXAMPLE / "GRCh38" / "tumor_normal.vcf"
FUSIONS = EXAMPLE / "GRCh38" / "fusions.tsv"
SHEET = EXAMPLE / "samples.tsv"


def _error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 3 and len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# ------------------------------------------------------------------ finding 3: cut fusion tables
@pytest.mark.parametrize(
    "name,expected",
    [
        ("fcut350.tsv", "fcut350.tsv:1: truncated file (the last line has no newline): the header may be cut short"),
        (
            "fcut500.tsv",
            "fcut500.tsv:2: truncated file (the last line has no newline): 16 columns, the header has 30 "
            "(no value for tags, retained_protein_domains, closest_genomic_breakpoint1, ...)",
        ),
    ],
)
def test_a_cut_arriba_table_is_an_error_not_a_negative_patient(tmp_path, name, expected):
    out = tmp_path / "o.vcf"
    result = run("annotate", TN, "--samples", SHEET, "--fusions", f"P5_T={HERE / name}", "-o", out, text=True)
    assert expected in _error_line(result)
    assert not out.exists()


def test_the_whole_table_still_calls_p5_positive(tmp_path):
    out = tmp_path / "o.vcf"
    result = run("annotate", TN, "--fusions", f"P5_T={FUSIONS}", "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    assert re.search(r"ID=P5_T,Fusion=positive", out.read_text())


@pytest.mark.parametrize(
    "name,cut,expected",
    [
        # a STAR-Fusion row whose last column is one alkannot reads (SpanningFragCount '17' cut to '1')
        ("star_counts", 2, ":2: truncated file (the last line has no newline): its last cell, SpanningFragCount"),
        # a row one column short in the middle of the file: the cells after the gap would be misread
        ("short_middle", 0, ":2: 29 columns, the header has 30 (no value for read_identifiers)"),
        # a header without the read-support columns
        ("no_counts", 0, ":1: the Arriba fusions.tsv header has no discordant_mates column"),
    ],
)
def test_other_bad_fusion_tables(tmp_path, name, cut, expected):
    if name == "star_counts":
        text = (
            "#FusionName\tJunctionReadCount\tLeftGene\tLeftBreakpoint\tRightGene\tRightBreakpoint\tSpanningFragCount\n"
        )
        text += "EML4--ALK\t42\tEML4^E\tchr2:42491871:+\tALK^A\tchr2:29446394:-\t17"
        text = text[:-1]  # no newline, and the count cut
    elif name == "short_middle":
        lines = FUSIONS.read_text().splitlines(True)
        row = lines[1].rstrip("\n").split("\t")
        text = lines[0] + "\t".join(row[:-1]) + "\n" + lines[1]
    else:
        header = FUSIONS.read_text().splitlines(True)[0].replace("\tdiscordant_mates", "")
        text = header
    table = tmp_path / f"{name}.tsv"
    table.write_text(text)
    result = run("annotate", TN, "--fusions", f"P5_T={table}", "-o", tmp_path / "o.vcf", text=True)
    assert f"{table}{expected}" in _error_line(result)
    assert not (tmp_path / "o.vcf").exists()


def test_a_last_row_without_newline_whose_cells_are_whole_is_read(tmp_path):
    """The last column of Arriba's table (read_identifiers) is not read: a row that has every column but no newline
    gives the same call as the whole file."""
    table = tmp_path / "nonl.tsv"
    table.write_text(FUSIONS.read_text().rstrip("\n"))
    out = tmp_path / "o.vcf"
    result = run("annotate", TN, "--fusions", f"P5_T={table}", "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    assert "ID=P5_T,Fusion=positive" in out.read_text()


@pytest.mark.parametrize(
    "table", sorted((DATA / "sv").glob("*fusion*.tsv")) + [FUSIONS, EXAMPLE / "GRCh37" / "fusions.tsv"], ids=str
)
def test_the_genuine_tables_still_load(table):
    from alkannot.errors import InputError
    from alkannot.svio import read_fusion_table

    if table.name.startswith("bad_"):
        with pytest.raises(InputError, match="malformed breakpoint|not a number"):
            read_fusion_table(str(table))
    else:
        assert read_fusion_table(str(table))


# ------------------------------------------------------------------ finding 4: a missing --fusions file
def test_a_missing_fusion_table_without_sample_is_missing_not_a_usage_problem(tmp_path):
    missing = tmp_path / "missing.tsv"
    result = run("annotate", TN, "--fusions", missing, "-o", tmp_path / "o.vcf", text=True)
    assert _error_line(result) == f"alkannot: error: {missing}: cannot read fusion table (No such file or directory)"
    folder = run("annotate", TN, "--fusions", tmp_path, "-o", tmp_path / "o.vcf", text=True)
    assert _error_line(folder) == f"alkannot: error: {tmp_path}: cannot read fusion table (Is a directory)"
    # a readable table without SAMPLE= on a multi-patient VCF is still the usage error (exit 2)
    usage = run("annotate", TN, "--fusions", FUSIONS, "-o", tmp_path / "o.vcf", text=True)
    assert usage.returncode == 2 and "a fusion table has no sample column" in usage.stderr


# ------------------------------------------------------------------ finding 8: space-separated sheet rows
def test_a_space_separated_row_of_a_tabbed_sheet_is_an_error(tmp_path):
    sheet = HERE / "spaces.tsv"
    result = run("annotate", TN, "--samples", sheet, "-o", tmp_path / "o.vcf", text=True)
    assert _error_line(result) == (
        f"alkannot: error: {sheet}:2: the row is not tab-separated: it is one cell, 'P1_T  positive  alectinib', "
        "under a header of 4 tab-separated columns; separate its cells with tabs (a sample name with spaces then "
        "ends at a tab)"
    )
    assert not (tmp_path / "o.vcf").exists()


def test_a_sample_name_with_spaces_in_a_tabbed_row_is_still_read(tmp_path):
    sheet = tmp_path / "names.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nP1 T\t\t\nP1_T\tpositive\talectinib\n")
    result = run("annotate", TN, "--samples", sheet, "-o", tmp_path / "o.vcf", text=True)
    assert result.returncode == 0, result.stderr
    assert "sample 'P1 T' is in no input of this run (did you mean P1_T?)" in result.stderr


# ------------------------------------------------------------------ finding 11: no newline at the end of a VCF
WARNING = (
    "the last line has no newline: the file may be truncated; its last record, {}, is used as it is (compare the "
    "file with its source)"
)


def _warnings(result) -> list[str]:
    assert result.returncode == 0, result.stderr
    return [line for line in result.stderr.splitlines() if "the last line has no newline" in line]


def test_a_vcf_cut_in_its_last_column_is_warned_about_on_the_small_and_stdin_paths(tmp_path):
    cut = HERE / "cut_lastfield.vcf"
    said = WARNING.format("chr2:29222392")
    out = tmp_path / "o.vcf"
    assert _warnings(run("annotate", cut, "-o", out, text=True)) == [f"alkannot: WARNING: {cut}: {said}"]
    assert out.read_text().rstrip("\n").endswith("0/0:69,0:")  # written as read, as bcftools does
    stdin = run("annotate", "-", "-o", out, stdin=cut.read_text(), text=True)
    assert _warnings(stdin) == [f"alkannot: WARNING: <stdin>: {said}"]
    assert _warnings(run("annotate", cut, "-Ob", "-o", tmp_path / "o.bcf", text=True)) == [
        f"alkannot: WARNING: {cut}: {said}"
    ]
    assert _warnings(run("report", cut, "--out", tmp_path / "r", text=True)) == [f"alkannot: WARNING: {cut}: {said}"]
    assert _warnings(run("annotate", TN, "-o", out, text=True)) == []


def test_a_large_vcf_without_final_newline_is_warned_about_on_the_byte_level_path(tmp_path):
    whole = generated_vcf(tmp_path / "big.vcf", 20000)
    data = whole.read_bytes().rstrip(b"\n")
    assert len(data) >= 1 << 20  # scan.FULL_PARSE_BELOW: the byte-level pass
    cut = tmp_path / "cut.vcf"
    cut.write_bytes(data)
    last = data.rsplit(b"\n", 1)[1].split(b"\t")
    said = WARNING.format(f"{last[0].decode()}:{last[1].decode()}")
    assert _warnings(run("annotate", cut, "-o", tmp_path / "o.vcf", text=True)) == [f"alkannot: WARNING: {cut}: {said}"]
    assert _warnings(run("annotate", whole, "-o", tmp_path / "o.vcf", text=True)) == []
    bgzipped = tmp_path / "cut.vcf.gz"
    subprocess.run([shutil.which("bgzip") or "bgzip", "-f", "-k", str(cut)], check=True)
    assert _warnings(run("annotate", bgzipped, "-Oz", "-o", tmp_path / "o.vcf.gz", text=True)) == [
        f"alkannot: WARNING: {bgzipped}: {said}"
    ]
    plain_gzip = tmp_path / "cut.plain.gz"
    plain_gzip.write_bytes(gzip.compress(data))
    stdin = run("annotate", "-", "--strict", "-o", tmp_path / "o.vcf", stdin=plain_gzip.read_bytes())
    assert [line for line in stdin.stderr.decode().splitlines() if "no newline" in line] == [
        f"alkannot: WARNING: <stdin>: {said}"
    ], stdin.stderr


def test_a_bcf_retry_warns_once_about_the_missing_last_newline(tmp_path):
    """A large text VCF without its last newline, -Ob, with an INFO key its header does not declare: the byte-level
    BCF try and the per-record retry read one input, so it is warned about once, and checked once (re-reading of
    stop 27)."""
    vcf, last = _cut_with_an_undeclared_key(tmp_path)
    done = run("-v", "annotate", vcf, "-Ob", "-o", tmp_path / "o.bcf", text=True)
    assert "the BCF output again, every record through htslib" in done.stderr
    assert done.stderr.count("the last line has no newline") == 1
    assert _warnings(done) == [f"alkannot: WARNING: {vcf}: {WARNING.format(last)}"]
    # checked once, not checked again and its message dropped (annotate._Said drops a retry's repeated messages)
    checked: list[str] = []

    def counted(path, display, layout=None):
        checked.append(display)
        return warn_unterminated(path, display, layout)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(annotate, "warn_unterminated", counted)
        annotate.annotate_file(AnnotateOptions(input_path=str(vcf), output_path=str(tmp_path / "p.bcf")))
    assert checked == [str(vcf)]


def _cut_with_an_undeclared_key(tmp_path: Path) -> tuple[Path, str]:
    """A text VCF over scan.FULL_PARSE_BELOW without its last newline, an undeclared INFO key in the middle (the BCF
    converter refuses it: rewrite.BcfRetry), and its last record's CHROM:POS."""
    lines = generated_vcf(tmp_path / "big.vcf", 20000).read_text().splitlines(keepends=True)
    at = [i for i, line in enumerate(lines) if not line.startswith("#")][10000]
    lines[at] = lines[at].replace("\tDP=", "\tNEWKEY=7;DP=", 1)
    vcf = tmp_path / "cut.vcf"
    vcf.write_text("".join(lines).rstrip("\n"))
    last = lines[-1].split("\t")
    return vcf, f"{last[0]}:{last[1]}"
