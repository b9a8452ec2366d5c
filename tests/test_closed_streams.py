"""Standard output the run was started without (`>&-`), a reader gone before the header, a full temporary folder
(review 16, findings 1-3): a one-line error or a quiet exit as the other output paths give, never a lost output
written nowhere and never the input overwritten."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, generated_vcf, run

EXAMPLE = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


def _without_stdout(*args: str) -> subprocess.CompletedProcess:
    """`alkannot ARGS >&-`: descriptor 1 closed when alkannot starts."""
    return subprocess.run(
        [ALKANNOT, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(1)
    )


@pytest.mark.parametrize("output", ["-", "/dev/stdout", "/proc/self/fd/1"])
@pytest.mark.parametrize("kind", ["v", "z", "b", "u"])
def test_closed_standard_output_is_an_error_and_the_input_stays(tmp_path, output, kind):
    vcf = tmp_path / "in.vcf"
    shutil.copy(EXAMPLE, vcf)
    before = hashlib.sha256(vcf.read_bytes()).hexdigest()
    done = _without_stdout("-q", "annotate", str(vcf), f"-O{kind}", "-o", output)
    assert done.returncode == 3
    named = "<stdout>" if output == "-" else output  # as input on standard input is <stdin> (review 20, finding 7)
    assert done.stderr == f"alkannot: error: {named}: cannot write output (standard output is closed)\n"
    assert hashlib.sha256(vcf.read_bytes()).hexdigest() == before  # once, /dev/stdout was the input file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.vcf"]


def test_a_reader_gone_before_the_header_ends_the_run_quietly(tmp_path):
    read, write = os.pipe()
    os.close(read)  # `| true` that has already exited
    try:
        done = subprocess.run([ALKANNOT, "-q", "annotate", str(EXAMPLE), "-Ov"], stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, b"")


@pytest.fixture
def tiny_tmpdir(tmp_path):
    """A 1 MiB file system (root only; skipped elsewhere)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)]).returncode:
        pytest.skip("cannot mount a small tmpfs here")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_temporary_folder_is_named_not_taken_for_a_refused_record(tmp_path, tiny_tmpdir):
    vcf = generated_vcf(tmp_path / "big.vcf", 150000)  # its BCF is larger than the folder
    env = {**os.environ, "TMPDIR": str(tiny_tmpdir)}
    done = run("-v", "annotate", vcf, "-Ob", "-o", "-", env=env, text=True)
    assert done.returncode == 3 and done.stdout == "", done.stderr
    assert done.stderr.splitlines()[-1] == (
        "alkannot: error: <stdout>: cannot write output (No space left on device), writing the BCF to a temporary file in "
        f"{tiny_tmpdir}; set TMPDIR to a folder with room, or give --strict"
    )
    assert "again, every record through htslib" not in done.stderr  # no second run for a full disk
    assert list(tiny_tmpdir.iterdir()) == []
    subprocess.run(["bgzip", "-k", str(vcf)], check=True)  # the per-record path said "BCF conversion failed" (18, 4)
    done = run("-q", "annotate", f"{vcf}.gz", "-Ob", "-o", "-", env=env, text=True)
    assert done.returncode == 3 and "(No space left on device), writing the BCF to a temporary file" in done.stderr
    assert list(tiny_tmpdir.iterdir()) == []
    to_file = run("-q", "annotate", vcf, "-Ob", "-o", tiny_tmpdir / "out.bcf", text=True)
    assert to_file.returncode == 3
    assert to_file.stderr == f"alkannot: error: {tiny_tmpdir}/out.bcf: cannot write output (No space left on device)\n"


def test_without_standard_error_an_indexed_output_is_written(tmp_path):
    """`2>&-` with -W failed with an internal error before any file was written (review 18, finding 1)."""
    out = tmp_path / "x.vcf.gz"
    done = subprocess.run(
        [ALKANNOT, "annotate", str(EXAMPLE), "-o", str(out), "-W"],
        stdout=subprocess.DEVNULL,
        preexec_fn=lambda: os.close(2),
    )
    assert done.returncode == 0
    assert out.exists() and Path(f"{out}.csi").exists()


def test_without_standard_output_a_reader_gone_from_another_descriptor_ends_quietly(tmp_path):
    """`-o /dev/fd/3 3>&1 >&- | head`: the broken pipe is on descriptor 3 and standard output was never there
    (review 18, finding 2: an internal error, exit 1)."""
    read, write = os.pipe()
    os.close(read)

    def setup() -> None:
        os.dup2(write, 3)
        os.close(1)

    vcf = generated_vcf(tmp_path / "big.vcf", 20000)
    done = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(vcf), "-o", "/dev/fd/3"],
        stderr=subprocess.PIPE,
        preexec_fn=setup,
        pass_fds=(write,),
    )
    os.close(write)
    assert (done.returncode, done.stderr) == (0, b"")


def test_closed_standard_error_as_the_output_is_named(tmp_path):
    done = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(EXAMPLE), "-o", "/dev/stderr"],
        stdout=subprocess.PIPE,
        preexec_fn=lambda: os.close(2),
    )
    assert done.returncode == 3 and done.stdout == b""  # its message has nowhere to go; nothing was written


def _without_stdin(*args: str) -> subprocess.CompletedProcess:
    """`alkannot ARGS <&-`: descriptor 0 closed when alkannot starts."""
    return subprocess.run(
        [ALKANNOT, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(0)
    )


@pytest.mark.parametrize("path", ["-", "/dev/stdin", "/proc/self/fd/0", "/dev/fd/0"])
def test_closed_standard_input_named_by_a_path_is_the_error_of_dash(tmp_path, path):
    """`annotate /dev/stdin <&-` said "empty input (no VCF header)", `annotate - <&-` that standard input is closed
    (review 18): both say the latter, naming what was given."""
    out = tmp_path / "o.vcf"
    done = _without_stdin("annotate", path, "-o", str(out))
    shown = "<stdin>" if path == "-" else path
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr == f"alkannot: error: {shown}: cannot read input (standard input is closed)\n"
    assert list(tmp_path.iterdir()) == []


def test_closed_standard_input_as_an_sv_file_or_a_report_input_is_said(tmp_path):
    sv = _without_stdin("annotate", str(EXAMPLE), "--sv", "/dev/stdin", "-o", str(tmp_path / "o.vcf"))
    assert sv.returncode == 3
    assert sv.stderr.splitlines()[-1] == "alkannot: error: /dev/stdin: cannot read input (standard input is closed)"
    report = _without_stdin("report", "/dev/stdin", "--out", str(tmp_path / "rep"))
    assert report.returncode == 3
    assert report.stderr.splitlines()[-1] == (
        "alkannot: error: /dev/stdin: cannot read input (standard input is closed)"
    )
    assert not list(tmp_path.glob("rep*"))


@pytest.mark.parametrize("path", ["-", "/dev/stdin", "/dev/fd/0"])
@pytest.mark.parametrize("command", ["annotate", "report"])
def test_closed_standard_input_as_the_sample_sheet_is_said(tmp_path, path, command):
    """`--samples /dev/stdin <&-` said "empty sample sheet (no header row)" where `--samples - <&-` said that standard
    input is closed (re-reading of stop 27): both say the latter, naming what was given, as an input does."""
    out = ("-o", str(tmp_path / "o.vcf")) if command == "annotate" else ("--out", str(tmp_path / "rep"))
    done = _without_stdin(command, str(EXAMPLE), "--samples", path, *out)
    shown = "<stdin>" if path == "-" else path
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr == f"alkannot: error: {shown}: cannot read sample sheet (standard input is closed)\n"
    assert list(tmp_path.iterdir()) == []


def test_an_open_dev_stdin_is_still_read():
    with EXAMPLE.open("rb") as vcf:
        done = subprocess.run([ALKANNOT, "-q", "annotate", "/dev/stdin", "-o", "-"], stdin=vcf, capture_output=True)
    assert done.returncode == 0 and done.stdout.startswith(b"##fileformat=VCF")


@pytest.mark.parametrize(
    "args",
    [
        ("lookup", "G1202R"),
        ("lookup", "--json", "G1202R"),
        ("lookup", "EML4::ALK v3"),
        ("kb",),
        ("kb", "list"),
        ("kb", "show", "G1202R"),
        ("kb", "show", "inhibitors"),
        ("kb", "show", "sources"),
        ("kb", "export"),
        ("kb", "export", "-o", "-"),
        ("kb", "export", "calls.tsv", "-o", "-"),
    ],
)
def test_every_subcommand_printing_to_closed_standard_output_refuses(args):
    """`lookup` and `kb` printed nowhere and exited 0 with standard output closed; annotate refused (review 18)."""
    done = _without_stdout(*args)
    assert (done.returncode, done.stderr) == (
        3,
        "alkannot: error: <stdout>: cannot write output (standard output is closed)\n",
    )
    printed = run(*args, text=True)  # with standard output, the same command prints its answer
    assert printed.returncode == 0 and printed.stdout


def test_kb_export_to_a_directory_needs_no_standard_output(tmp_path):
    done = _without_stdout("-q", "kb", "export", "-o", str(tmp_path / "kb"))
    assert (done.returncode, done.stderr) == (0, "")
    assert "calls.tsv" in {p.name for p in (tmp_path / "kb").iterdir()}
