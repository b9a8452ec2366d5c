"""An unusable $TMPDIR (not made yet, a file, read-only) is said once a run: Python's tempfile would otherwise put
the spool of a standard-input run on /tmp without a word (inherited note: "an unusable $TMPDIR falls back to /tmp
silently"). Run through the installed entry point on the bundled example."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import ALKANNOT

EXAMPLE = Path(__file__).resolve().parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
WARNING = "is not a writable directory: any temporary file this run writes goes to"


def annotate_stdin(tmpdir: str, *flags: str) -> subprocess.CompletedProcess:
    with open(EXAMPLE, "rb") as stdin:
        return subprocess.run(
            [ALKANNOT, *flags, "annotate", "-"],
            stdin=stdin,
            capture_output=True,
            env={**os.environ, "TMPDIR": tmpdir},
        )


def test_a_missing_tmpdir_is_said_once_and_the_run_still_annotates(tmp_path):
    usable = annotate_stdin(str(tmp_path))
    missing = annotate_stdin(str(tmp_path / "not-made-yet"))
    assert usable.returncode == missing.returncode == 0
    assert missing.stdout == usable.stdout and missing.stdout.count(b"\n") > 60
    lines = [line for line in missing.stderr.decode().splitlines() if WARNING in line]
    assert lines == [f"alkannot: WARNING: TMPDIR={tmp_path / 'not-made-yet'} {WARNING} /tmp instead"], lines
    assert WARNING not in usable.stderr.decode()


def test_a_file_as_tmpdir_is_said_and_quiet_keeps_it_quiet(tmp_path):
    a_file = tmp_path / "scratch"
    a_file.write_text("not a folder\n")
    said = annotate_stdin(str(a_file))
    assert said.returncode == 0 and f"TMPDIR={a_file} {WARNING}" in said.stderr.decode()
    quiet = annotate_stdin(str(a_file), "-q")
    assert quiet.returncode == 0 and quiet.stderr == b""


def test_a_regular_file_input_is_warned_too_and_annotated_the_same(tmp_path):
    """A regular-file input needs no spool, but the run may write other temporary files (the picked records of the
    byte-level pass, a BCF try): the warning says where any would go, not that one was written."""
    output = tmp_path / "out.vcf"
    result = subprocess.run(
        [ALKANNOT, "annotate", str(EXAMPLE), "-o", str(output)],
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path / "missing")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(WARNING) == 1
    usable = annotate_stdin(str(tmp_path))
    assert output.read_bytes().count(b"\n") == usable.stdout.count(b"\n")
