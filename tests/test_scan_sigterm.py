"""SIGTERM to alkannot's own PID while forked processes scan a large input (scan._forked) ends and reaps them
before the parent exits (pipeline review pipe6, finding 6), through the installed entry point."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from helpers import ALKANNOT, generated_vcf

from alkannot import scan
from alkannot.cores import usable_cores


# ------------------------------------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            fields = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def scanned_in_parallel(tmp_path_factory) -> Path:
    """A text VCF whose body is over scan.PARALLEL_ABOVE: its scan is forked (a generated VCF's body, repeated)."""
    folder = tmp_path_factory.mktemp("forked")
    small = generated_vcf(folder / "small.vcf", 20000).read_bytes()
    at = small.index(b"\n#CHROM")
    at = small.index(b"\n", at + 1) + 1
    header, body = small[:at], small[at:]
    big = folder / "big.vcf"
    with big.open("wb") as handle:
        handle.write(header)
        for _ in range(scan.PARALLEL_ABOVE * 2 // len(body) + 1):
            handle.write(body)
    return big


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads children from /proc")
@pytest.mark.skipif(usable_cores() < 2, reason="the scan forks only with two or more cores")
def test_sigterm_to_the_parent_ends_the_scanning_children(tmp_path, scanned_in_parallel):
    """The children are stopped (SIGSTOP) as soon as they are seen, so they cannot finish their ranges before
    the parent gets SIGTERM; the parent must end and reap them before it exits."""
    out_dir, tmp_dir = tmp_path / "out", tmp_path / "tmp"
    out_dir.mkdir()
    tmp_dir.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_dir)}
    log = tmp_path / "stderr"  # a file, not a pipe: a child left running would hold a pipe open
    for _ in range(5):  # the scan may end before a child is seen: then run again
        with log.open("wb") as stderr:
            proc = subprocess.Popen(
                [ALKANNOT, "annotate", str(scanned_in_parallel), "-o", str(out_dir / "o.vcf")], stderr=stderr, env=env
            )
        children: list[int] = []
        while proc.poll() is None and not children:
            children = _children(proc.pid)
        if not children:
            proc.wait(timeout=120)
            for name in os.listdir(out_dir):
                os.unlink(out_dir / name)
            continue
        try:
            for child in children:
                os.kill(child, signal.SIGSTOP)
            time.sleep(0.05)  # let any other child be forked, so that it is stopped too
            children = sorted(set(children) | set(_children(proc.pid)))
            for child in children:
                os.kill(child, signal.SIGSTOP)
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=120) == 128 + signal.SIGTERM, log.read_text()
            assert log.read_text().splitlines() == ["alkannot: terminated by SIGTERM"]
            assert [child for child in children if _alive(child)] == []
            assert os.listdir(out_dir) == [] and os.listdir(tmp_dir) == []
        finally:
            for child in children:
                if _alive(child):
                    os.kill(child, signal.SIGKILL)
        return
    pytest.skip("the scan ended before its processes could be seen")
