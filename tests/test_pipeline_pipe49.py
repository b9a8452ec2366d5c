"""Pipeline review of stop 49 (pipe49).

Task 1: a large BCF input whose converter to VCF text (a child process, bcf_input.py) could not be started was read
record by record, as it should be, under a warning that blamed the temporary folder ("no room for its VCF text in
/tmp (Permission denied)"); the warning now names the converter. The output is the record-by-record path's (--strict),
exit 0 as for the other conversions given up. Made to fail through the Python API, as tests/test_pipeline_eng48b.py
makes the BCF output's converter fail: the interpreter the child runs (sys.executable) is a file that cannot be
executed.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from alkannot.api import AnnotateOptions, annotate_file
from alkannot.scan import FULL_PARSE_BELOW
from tests.helpers import ALKANNOT, generated_vcf, run, unstartable_converter


def test_a_bcf_input_converter_that_cannot_start_is_named_not_tmpdir(tmp_path, monkeypatch, caplog):
    text = generated_vcf(tmp_path / "big.vcf", 70000)
    bcf = tmp_path / "big.bcf"
    subprocess.run(["bcftools", "view", "--no-version", "-Ob", "-o", str(bcf), str(text)], check=True)
    assert bcf.stat().st_size >= FULL_PARSE_BELOW  # large enough to be converted
    unusable, scratch = unstartable_converter(tmp_path, monkeypatch)
    out, strict = tmp_path / "out.vcf", tmp_path / "strict.vcf"
    with caplog.at_level(logging.WARNING, logger="alkannot"):
        annotate_file(AnnotateOptions(input_path=str(bcf), output_path=str(out)))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"{bcf}: its converter to VCF text, a child process running {unusable}, could not be started "
        "(Permission denied): read record by record instead, more slowly"
    ]
    assert list(scratch.iterdir()) == []  # the converter's scratch folder removed
    annotate_file(AnnotateOptions(input_path=str(bcf), output_path=str(strict), strict=True))

    def body(path: Path) -> list[str]:
        return [line for line in path.read_text().splitlines() if not line.startswith("##alkannotCommand=")]

    assert body(out) == body(strict)
    assert sum(1 for line in body(out) if "ALK_HGVSP=" in line) == 3


# Task 3: an empty input said "empty.vcf: empty file (no VCF header)" as a file, "<stdin>: empty input (no VCF header)"
# on standard input or through a descriptor, and a gzip or BGZF file holding no text "no '#CHROM' header line". Each is
# now "empty input (no VCF header)", named as every message names it (`<stdin>` for standard input), exit 3, nothing
# written.
EMPTY = {
    "empty.vcf": b"",
    "empty.bcf": b"",
    "empty.vcf.gz": b"",
    "gzip-of-nothing.vcf.gz": gzip.compress(b""),
    "bgzip-eof-only.vcf.gz": bytes.fromhex("1f8b08040000000000ff0600424302001b0003000000000000000000"),
}


@pytest.mark.parametrize("name", sorted(EMPTY))
@pytest.mark.parametrize("command", ["annotate", "report"])
def test_an_empty_input_says_so_alike_from_a_file_and_standard_input(tmp_path, name, command):
    path = tmp_path / name
    path.write_bytes(EMPTY[name])
    said = "empty input (no VCF header)" + (": its compressed data hold no text" if EMPTY[name] else "")
    out = ["--out", str(tmp_path / "rep")] if command == "report" else ["-o", str(tmp_path / "out.vcf")]
    for given, stdin, shown in ((str(path), None, str(path)), ("-", EMPTY[name], "<stdin>")):
        done = run("-q", command, given, *out, stdin=stdin)
        assert (done.returncode, done.stdout, done.stderr.decode()) == (3, b"", f"alkannot: error: {shown}: {said}\n")
        assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no output, no report


def test_an_empty_maf_misses_no_vcf_header(tmp_path):
    maf = tmp_path / "cohort.maf"
    maf.write_bytes(b"")
    done = run("-q", "report", maf, "--out", tmp_path / "rep", text=True)
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr == f"alkannot: error: {maf}: empty input (no MAF column header)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.maf"]


# Sweep: text that is not a VCF (records without their header, as a hand-cut extract or htslib's
# test/longrefs/index.expected1.vcf is) was "x.vcf:1: not a VCF/BCF file: the first line is not '##fileformat=VCF...'"
# as a file but "<stdin>: not a VCF/BCF file: it starts with neither '#' (VCF text) nor gzip/BGZF or BCF data" on
# standard input or through a pipe, as binary data is; text now says the file's words, from line 1, everywhere.
def test_records_without_a_header_say_so_alike_from_a_file_and_standard_input(tmp_path):
    example = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    records = "".join(line for line in example.read_text().splitlines(True) if not line.startswith("#"))
    path = tmp_path / "records.vcf"
    path.write_text(records)
    said = "1: not a VCF/BCF file: the first line is not '##fileformat=VCF...'"
    for command, out in (("annotate", ["-o", str(tmp_path / "out.vcf")]), ("report", ["--out", str(tmp_path / "r")])):
        for given, stdin, shown in ((str(path), None, str(path)), ("-", records, "<stdin>")):
            done = run("-q", command, given, *out, stdin=stdin, text=True)
            assert (done.returncode, done.stdout, done.stderr) == (3, "", f"alkannot: error: {shown}:{said}\n")
            assert sorted(p.name for p in tmp_path.iterdir()) == ["records.vcf"]


# Sweep: `--fusions -` (and `SAMPLE=-`) opened a file named '-': "-: cannot read fusion table: No such file or
# directory", exit 3, though run_paths already counted it as a reader of standard input. And `report` read every
# fusion table once per input, so a table given as `-`, `/dev/stdin` or `<(...)` was empty for the second input:
# "/dev/fd/63:1: empty fusion table", exit 3. A table is now read once a run, `-` from standard input ('<stdin>').
GRCH38 = Path(__file__).parent.parent / "example_vcfs" / "GRCh38"


def _rows(path: Path) -> list[str]:
    return sorted(path.read_text().splitlines()[1:])


def test_a_fusion_table_on_standard_input_is_read_and_named(tmp_path):
    table = (GRCH38 / "fusions.tsv").read_text()
    piped = run("-q", "annotate", GRCH38 / "tumor_normal.vcf", "--fusions", "P1_T=-", "--report", tmp_path / "s",
                "-o", tmp_path / "s.vcf", stdin=table, text=True)  # fmt: skip
    assert piped.returncode == 0, piped.stderr
    named = run("-q", "annotate", GRCH38 / "tumor_normal.vcf", "--fusions", f"P1_T={GRCH38 / 'fusions.tsv'}",
                "--report", tmp_path / "f", "-o", tmp_path / "f.vcf", text=True)  # fmt: skip
    assert named.returncode == 0, named.stderr
    assert "RNA: <stdin> split_reads1=21" in (tmp_path / "s.tsv").read_text()
    assert _rows(tmp_path / "s.tsv") == [
        r.replace("RNA: fusions.tsv", "RNA: <stdin>") for r in _rows(tmp_path / "f.tsv")
    ]
    body = [line for line in (tmp_path / "s.vcf").read_text().splitlines() if "alkannotCommand" not in line]
    assert body == [line for line in (tmp_path / "f.vcf").read_text().splitlines() if "alkannotCommand" not in line]
    bad = run("-q", "annotate", GRCH38 / "tumor_normal.vcf", "--fusions", "P1_T=-", "-o", tmp_path / "b.vcf",
              stdin=b"gene1\tgene2\n\xff\n")  # fmt: skip
    assert (bad.returncode, bad.stderr) == (3, b"alkannot: error: <stdin>:2: not UTF-8 text (byte 0xff)\n")
    closed = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(GRCH38 / "tumor_normal.vcf"), "--fusions", "P1_T=-"],
        capture_output=True, text=True, preexec_fn=lambda: os.close(0),
    )  # fmt: skip
    assert (closed.returncode, closed.stdout) == (3, "")
    assert closed.stderr == "alkannot: error: <stdin>: cannot read fusion table (standard input is closed)\n"


def test_a_cohort_report_reads_a_fusion_table_from_standard_input_once_for_every_input(tmp_path):
    first = tmp_path / "a.vcf"
    first.write_text((GRCH38 / "tumor_normal.vcf").read_text())
    second = tmp_path / "q.vcf"  # the same calls for other patients
    second.write_text(
        "".join(
            re.sub(r"\tP(\d)", r"\tQ\1", line) if line.startswith("#CHROM") else line
            for line in first.read_text().splitlines(True)
        )
    )
    for fusions, stdin, prefix in (("P1_T=-", (GRCH38 / "fusions.tsv").read_bytes(), "s"),
                                   (f"P1_T={GRCH38 / 'fusions.tsv'}", None, "f")):  # fmt: skip
        done = run("-q", "report", second, first, "--fusions", fusions, "--out", tmp_path / prefix, stdin=stdin)
        assert done.returncode == 0, done.stderr
    assert _rows(tmp_path / "s.tsv") == [
        r.replace("RNA: fusions.tsv", "RNA: <stdin>") for r in _rows(tmp_path / "f.tsv")
    ]
    assert sum("EML4::ALK v1" in row for row in _rows(tmp_path / "s.tsv")) == 1  # P1_T's, not Q1_T's


# Sweep: a VCF the user may not read was "x.vcf: Permission denied" (the CLI's catch-all for an OSError), and one in a
# folder the user may not enter "x.vcf: no such file", where bcftools says "Permission denied"; both are now "cannot
# read input (Permission denied)", as a closed standard input is "cannot read input (standard input is closed)".
def test_an_input_the_user_may_not_read_says_so(tmp_path):
    # root reads every file: run as nobody (setpriv, util-linux)
    user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    if (user and not shutil.which("setpriv")) or subprocess.run(
        [*user, ALKANNOT, "--version"], capture_output=True
    ).returncode != 0:
        pytest.skip("no other user can run this alkannot")
    shared = Path(tempfile.mkdtemp(prefix="alkannot-pipe49-", dir="/tmp"))
    try:
        shared.chmod(0o755)
        closed_file = shared / "closed.vcf"
        closed_file.write_bytes((GRCH38 / "tumor_normal.vcf").read_bytes())
        closed_file.chmod(0o000)
        closed_folder = shared / "private"
        closed_folder.mkdir(mode=0o700)
        behind = closed_folder / "x.vcf"
        behind.write_bytes(closed_file.read_bytes())
        if os.geteuid() != 0:
            closed_folder.chmod(0o000)
        for path in (closed_file, behind):
            for args in (["annotate", path, "-o", "/dev/null"], ["report", path, "--out", shared / "rep"],
                         ["annotate", GRCH38 / "tumor_normal.vcf", "--sv", path, "-o", "/dev/null"]):  # fmt: skip
                done = subprocess.run([*user, ALKANNOT, "-q", *map(str, args)], capture_output=True, text=True)
                assert (done.returncode, done.stdout) == (3, ""), done.stderr
                assert done.stderr == f"alkannot: error: {path}: cannot read input (Permission denied)\n"
        assert sorted(p.name for p in shared.iterdir()) == ["closed.vcf", "private"]
    finally:
        closed_folder.chmod(0o700)
        shutil.rmtree(shared)
