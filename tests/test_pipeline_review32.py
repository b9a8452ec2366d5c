"""Pipeline review of stop 32, through the installed CLI:

1. `alkannot annotate in.vcf >> in.vcf` (standard output is an input file) is exit 3 before any output; it read the
   growing file without end.
2. A MAF row with fewer cells than the header, or a last line cut inside a column alkannot reads, is exit 3 naming
   the line (a cut t_alt_count changed a mutation's clonality).
3. A sample sheet's short row, and a last line without a newline whose last cell alkannot reads, are named on stderr.
4. `-o DIR/` with DIR missing is exit 3 (it wrote a file named DIR); a link into a missing folder names that folder;
   `report --out DIR/` names --out; `-O` without its value points at `alkannot annotate --help`.
6. A breakend whose mate is absent keeps the antisense partner side: the same INFO as with its mate.
7. `report -q` through an index prints none of htslib's warnings.
8. A wrong-build input names ten disagreeing records, then its one-line error.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pysam
import pytest
from helpers import ALKANNOT, run

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
MAF = Path(__file__).parent / "data" / "maf" / "madeup_cohort_grch37.maf"


# ------------------------------------------------------------------ finding 1
def test_standard_output_appended_to_the_input_is_refused(tmp_path):
    vcf = tmp_path / "s.vcf"
    vcf.write_bytes(EXAMPLE.read_bytes())
    done = subprocess.run(
        f"{ALKANNOT} annotate s.vcf >> s.vcf", shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3
    assert done.stderr == (
        "alkannot: error: s.vcf: standard output is this input file (input): write the output elsewhere\n"
    )
    assert vcf.read_bytes() == EXAMPLE.read_bytes()
    # standard output to another file, and a report prefix beside it, are fine
    done = subprocess.run(
        f"{ALKANNOT} -q annotate s.vcf > out.vcf", shell=True, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.vcf").read_text().count("ALK_HGVSP=") == 4


# ------------------------------------------------------------------ finding 2
def test_a_maf_cut_inside_its_last_row_is_refused(tmp_path):
    cut = tmp_path / "cut.maf"
    cut.write_bytes(MAF.read_bytes()[:-3])  # the last row loses t_alt_count and its newline
    lines = MAF.read_text().splitlines()
    done = run("report", cut, "--out", tmp_path / "r", text=True)
    assert done.returncode == 3
    assert done.stderr == (
        f"alkannot: error: {cut}:{len(lines)}: truncated file (the last line has no newline): 16 fields but the "
        "header (line 3) has 17 (no value for t_alt_count)\n"
    )
    assert not list(tmp_path.glob("r*"))


def test_a_maf_row_with_fewer_cells_is_refused(tmp_path):
    lines = MAF.read_text().splitlines(keepends=True)
    lines[3] = "\t".join(lines[3].split("\t")[:16]) + "\n"
    short = tmp_path / "short.maf"
    short.write_text("".join(lines))
    done = run("report", short, "--out", tmp_path / "r", text=True)
    assert done.returncode == 3
    assert done.stderr == (
        f"alkannot: error: {short}:4: 16 fields but the header (line 3) has 17 (no value for t_alt_count)\n"
    )


def test_a_header_tab_of_a_column_alkannot_does_not_read_is_no_error(tmp_path):
    """A trailing tab on the header line only (cBioPortal and spreadsheet exports): the missing cells are of a column
    with no name, read as empty, as before (review of stop 32's change, finding 3)."""
    lines = MAF.read_text().splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + "\t\n"
    tabbed = tmp_path / "tabbed.maf"
    tabbed.write_text("".join(lines))
    done = run("-q", "report", tabbed, "--out", tmp_path / "t", text=True)
    whole = run("-q", "report", MAF, "--out", tmp_path / "w", text=True)
    assert (done.returncode, done.stderr, whole.returncode) == (0, "", 0)
    assert (tmp_path / "t.tsv").read_text() == (tmp_path / "w.tsv").read_text().replace(str(MAF), str(tabbed))


def test_a_maf_without_its_final_newline_is_refused_where_the_last_cell_is_read(tmp_path):
    nonl = tmp_path / "nonl.maf"
    nonl.write_bytes(MAF.read_bytes().rstrip(b"\n"))
    done = run("report", nonl, "--out", tmp_path / "r", text=True)
    assert done.returncode == 3
    assert "its last cell, t_alt_count, is one alkannot reads and may be cut" in done.stderr
    whole = run("-q", "report", MAF, "--out", tmp_path / "w", text=True)
    assert (whole.returncode, whole.stderr) == (0, "")


# ------------------------------------------------------------------ finding 3
def test_a_sheet_cut_short_is_named(tmp_path):
    cut = tmp_path / "cut.tsv"
    cut.write_text("sample\talk_status\tprogressed_on\nP4_T\tpositive:IHC\tcrizotinib")
    done = run("annotate", EXAMPLE, "--samples", cut, "-o", tmp_path / "o.vcf", text=True)
    assert done.returncode == 0, done.stderr
    assert (
        f"alkannot: WARNING: {cut}:2: the last line has no newline: if the sheet was cut short, its last cell "
        "(progressed_on 'crizotinib') may be incomplete" in done.stderr.splitlines()
    )
    short = tmp_path / "short.tsv"
    short.write_text("sample\talk_status\tprogressed_on\nP1_T\tpositive\nP4_T\tpositive:IHC\tcrizotinib\n")
    done = run("annotate", EXAMPLE, "--samples", short, "-o", tmp_path / "o.vcf", text=True)
    assert done.returncode == 0, done.stderr
    assert f"alkannot: WARNING: {short}: fewer cells than the header, read as empty: line 2 (progressed_on)\n" in (
        done.stderr
    )
    assert "no newline" not in done.stderr and "line 3" not in done.stderr
    # a column no row fills, left out of a hand-written sheet, is said of none; nor a quoted last cell without a
    # newline, whose closing quote shows it whole (review of stop 32's change, finding 6)
    sheet = tmp_path / "trailing.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\tabcb1_ihc\nP4_T\tpositive:IHC\tcrizotinib\n")
    done = run("annotate", EXAMPLE, "--samples", sheet, "-o", tmp_path / "o.vcf", text=True)
    assert done.returncode == 0 and "fewer cells" not in done.stderr
    # nor is a column a '#' comment line fills (review of stop 33: the comment counted as a row filling it)
    commented = tmp_path / "commented.tsv"
    commented.write_text(
        "sample\talk_status\tprogressed_on\tabcb1_ihc\n# a\tnote\tin\tfour cells\nP4_T\tpositive:IHC\tcrizotinib\n"
    )
    done = run("annotate", EXAMPLE, "--samples", commented, "-o", tmp_path / "o.vcf", text=True)
    assert done.returncode == 0 and "fewer cells" not in done.stderr, done.stderr
    quoted = tmp_path / "quoted.csv"
    quoted.write_text('sample,alk_status,progressed_on\nP4_T,positive:IHC,"crizotinib;alectinib"')
    done = run("annotate", EXAMPLE, "--samples", quoted, "-o", tmp_path / "o.vcf", text=True)
    assert done.returncode == 0 and "no newline" not in done.stderr


def test_a_whole_sheet_gets_no_such_warning(tmp_path):
    done = run("annotate", EXAMPLE, "--samples", ROOT / "example_vcfs" / "samples.tsv", "-o", tmp_path / "o.vcf")
    assert done.returncode == 0
    assert b"no newline" not in done.stderr and b"fewer cells" not in done.stderr


# ------------------------------------------------------------------ finding 4
def test_an_output_path_ending_in_a_slash_is_refused(tmp_path):
    done = run("annotate", EXAMPLE, "-Oz", "-W", "-o", f"{tmp_path}/newdir.vcf.gz/", text=True)
    assert done.returncode == 3
    assert done.stderr == (
        f"alkannot: error: {tmp_path}/newdir.vcf.gz/: names a directory, which does not exist; give a file name\n"
    )
    assert os.listdir(tmp_path) == []
    report = run("report", EXAMPLE, "--out", f"{tmp_path}/rep/", text=True)
    assert report.returncode == 3
    assert "--out takes a file-name prefix, not a directory" in report.stderr


def test_a_link_into_a_missing_folder_names_that_folder(tmp_path):
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "out.vcf").symlink_to(tmp_path / "nodir" / "x.vcf")
    done = run("annotate", EXAMPLE, "-o", tmp_path / "links" / "out.vcf", text=True)
    assert done.returncode == 3
    assert f"the output directory {tmp_path}/nodir does not exist" in done.stderr


# ------------------------------------------------------------------ finding 6
BND_HEADER = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n##contig=<ID=chr10,length=133797422>\n"
    '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="x">\n##INFO=<ID=MATEID,Number=.,Type=String,Description="x">\n'
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\n"
)
MATE_A = "chr2\t29224000\tbnd_a\tN\tN]chr10:32030000]\t.\tPASS\tSVTYPE=BND;MATEID=bnd_b\tGT\t0/1\n"
MATE_B = "chr10\t32030000\tbnd_b\tN\tN]chr2:29224000]\t.\tPASS\tSVTYPE=BND;MATEID=bnd_a\tGT\t0/1\n"


def _fusion_keys(vcf: Path) -> set[str]:
    done = run("-q", "annotate", vcf, text=True)
    assert done.returncode == 0, done.stderr
    record = next(line for line in done.stdout.splitlines() if line.startswith("chr10"))
    return {kv for kv in record.split("\t")[7].split(";") if kv.startswith("ALK_FUSION")}


def test_an_orphan_breakend_keeps_its_antisense_partner_side(tmp_path):
    (tmp_path / "orphan.vcf").write_text(BND_HEADER + MATE_B)
    (tmp_path / "pair.vcf").write_text(BND_HEADER + MATE_A + MATE_B)
    orphan, pair = _fusion_keys(tmp_path / "orphan.vcf"), _fusion_keys(tmp_path / "pair.vcf")
    assert "ALK_FUSION_BREAKPOINT=KIF5B(antisense):.|ALK:intron19" in orphan
    assert orphan == pair


# ------------------------------------------------------------------ finding 7
def test_report_through_an_index_prints_no_htslib_warning(tmp_path):
    vcf = tmp_path / "undeclared.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n##contig=<ID=chr17,length=83257441>\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        "chr2\t29220747\t.\tC\tT\t.\tPASS\tUNDECL=1\n"
        "chr17\t19559848\t.\tA\tG\t.\tPASS\tUNDECL=2\n"
    )
    indexed = pysam.tabix_index(str(vcf), preset="vcf", keep_original=True)
    done = run("-q", "report", indexed, "--out", tmp_path / "r", text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert "G1202R" in (tmp_path / "r.tsv").read_text()


# ------------------------------------------------------------------ finding 8
@pytest.fixture()
def wrong_refs(tmp_path) -> Path:
    """Fifteen records at G1202R's codon and after it, each REF the complement of the GRCh38 base."""
    from alkannot.transcript import load_transcript

    tx = load_transcript("GRCh38")
    flip = {"A": "T", "C": "G", "G": "C", "T": "A"}
    lines = []
    pos = 29220747
    while len(lines) < 15:
        base = tx.ref_base(pos)
        if base in flip:
            lines.append(f"chr2\t{pos}\t.\t{flip[base]}\t{base}\t.\tPASS\t.\n")
        pos += 1
    vcf = tmp_path / "wrong_refs.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        + "".join(lines)
    )
    return vcf


def test_a_wrong_build_input_names_ten_records_then_its_error(wrong_refs, tmp_path):
    done = run("annotate", wrong_refs, "-o", tmp_path / "o.vcf", text=True)
    assert done.returncode == 3
    said = done.stderr.splitlines()
    assert sum("disagrees with NM_004304.5 on GRCh38" in line for line in said) == 10
    assert said[-1].startswith(f"alkannot: error: {wrong_refs}: REF disagrees with NM_004304.5 (GRCh38) at 15 of 15")


def test_an_option_without_its_value_points_at_the_subcommands_help():
    done = run("annotate", EXAMPLE, "-O", text=True)
    assert done.returncode == 2
    assert done.stderr == "alkannot: error: Option '-O' requires an argument (see 'alkannot annotate --help')\n"
