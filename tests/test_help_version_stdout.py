"""`alkannot --version` and `alkannot --help` into a full disk or a pipe whose reader went away (stop 52): the group's
own --help/--version are written while click parses the command line, outside the handler that turns a failed write
into one line, and both printed a 30-line Python traceback ending "OSError: [Errno 28] No space left on device".
Now: a full disk is one line and exit 3, as `alkannot lookup G1202R > /dev/full` and `alkannot annotate --help >
/dev/full` already said it; a reader that went away ends the run quietly with exit 0, as for every other output."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

ARGS = [["--version"], ["--help"], ["annotate", "--help"], ["lookup", "G1202R"]]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", ARGS)
def test_a_full_disk_is_one_line_and_exit_3(args):
    with open("/dev/full", "wb") as full:
        run = subprocess.run([ALKANNOT, *args], stdout=full, stderr=subprocess.PIPE, text=True)
    assert run.returncode == 3, run.stderr
    assert run.stderr.splitlines() == ["alkannot: error: <stdout>: cannot write output (No space left on device)"]


@pytest.mark.parametrize("args", ARGS)
def test_a_reader_that_went_away_ends_the_run_quietly(args):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before alkannot writes: its first write is EPIPE
    try:
        run = subprocess.run([ALKANNOT, *args], stdout=write_end, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write_end)
    assert run.returncode == 0 and run.stderr == ""


def test_the_version_and_help_still_print():
    version = subprocess.run([ALKANNOT, "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("alkannot, version ")
    assert version.stderr == ""
    shown = subprocess.run([ALKANNOT, "--help"], capture_output=True, text=True)
    assert shown.returncode == 0 and "annotate" in shown.stdout and shown.stderr == ""
