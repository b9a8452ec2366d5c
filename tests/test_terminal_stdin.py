"""`alkannot annotate` with no INPUT and a terminal on stdin is a usage error, not a silent wait for a VCF to be
typed (pipeline review pipe6, finding 8). Run on a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import signal
import time

from helpers import ALKANNOT


def on_terminal(*args: str, timeout: float = 30) -> tuple[int | None, str]:
    """Run alkannot with a pseudo-terminal as stdin, stdout and stderr: (exit code, None if still running after
    `timeout`; everything it printed)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execv(ALKANNOT, [ALKANNOT, *args])
    output, deadline, code = b"", time.monotonic() + timeout, None
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # EIO: the child closed the terminal
                    chunk = b""
                output += chunk
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                break
    finally:
        if code is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    return code, output.decode(errors="replace")


def test_annotate_without_input_on_a_terminal_is_a_usage_error():
    code, text = on_terminal("annotate")
    assert code == 2, text
    lines = [l for l in text.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("alkannot: error: no INPUT given and stdin is a terminal"), text
    assert "alkannot annotate --help" in lines[0]


def test_an_explicit_dash_still_reads_the_terminal():
    code, text = on_terminal("annotate", "-", timeout=3)
    assert code is None, text  # waiting for the VCF, as asked


def test_report_without_input_is_a_usage_error_on_a_terminal():
    code, text = on_terminal("report", "--out", "/nonexistent/r")
    assert code == 2, text
