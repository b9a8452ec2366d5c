"""Pipeline review of stop 48 (eng48b), small findings, run through the installed entry point as a pipeline step runs
it.

Finding 1: `annotate -o /proc/x.vcf` said "cannot write in /proc (No such file or directory)", an error number's words
for a folder that exists; it now says the folder cannot hold new files, naming the path as written.
Finding 3: a BCF converter (the child process that makes the BCF) that could not be started was "cannot write output
(Permission denied), writing the BCF to a temporary file in /tmp; set TMPDIR to ...", blaming the temporary folder; it
now says the converter could not be started. Made to fail through the Python API (annotate_file, what the command
calls): the interpreter the child runs (sys.executable) is a file that cannot be executed, which no environment variable
of the installed command can arrange and a root CI runner's process limits would not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run, unstartable_converter

from alkannot.api import AnnotateOptions, annotate_file
from alkannot.errors import InputError

EX = Path(__file__).parent.parent / "example_vcfs"
VCF = EX / "GRCh38" / "tumor_normal.vcf"


def test_an_output_in_a_folder_that_makes_no_files_says_so():
    for out, folder in (("/proc/x.vcf", "/proc"), ("/proc/self/x.vcf.gz", "/proc/self")):
        done = run("-q", "annotate", VCF, "-o", out, text=True)
        assert done.returncode == 3, done.stderr
        assert done.stdout == ""
        assert done.stderr == (
            f"alkannot: error: {out}: cannot create a file in {folder}: that folder cannot hold new files "
            "(a kernel file system?)\n"
        )


@pytest.mark.parametrize("output", ["/dev/null", "{tmp}/out.bcf"])
def test_a_bcf_converter_that_cannot_start_is_named_not_tmpdir(tmp_path, monkeypatch, output):
    """/dev/null takes the staged path (a temporary BCF copied once complete), a file the atomic one."""
    unusable, scratch = unstartable_converter(tmp_path, monkeypatch)
    out = output.format(tmp=tmp_path)
    with pytest.raises(InputError) as raised:
        annotate_file(AnnotateOptions(input_path=str(VCF), output_path=out, output_type="b"))
    assert str(raised.value) == (
        f"{out}: cannot write BCF: its converter, a child process running {unusable}, could not be started "
        "(Permission denied)"
    )
    assert "TMPDIR" not in str(raised.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["python", "scratch"]  # no output, no temporary file
    assert list(scratch.iterdir()) == []  # the converter's scratch folder removed
