"""Progress bars (alkannot/progress.py): on a terminal for long work, never in a pipe or a log, never under -q.

stderr is attached to a pseudo-terminal, as when a person runs alkannot by hand."""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, generated_vcf

EXAMPLE = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


@pytest.fixture(scope="module")
def large_vcf(tmp_path_factory) -> Path:
    """A generated WGS-like VCF above the size where the byte-level pass (and its bar) starts."""
    path = generated_vcf(tmp_path_factory.mktemp("progress") / "large.vcf", 30000)
    assert path.stat().st_size > 1 << 20
    return path


def on_terminal(args: list[str]) -> tuple[int, str]:
    """Run with stderr on a pseudo-terminal; returns the exit code and what the terminal showed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    shown = []
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the last writer closed the terminal
            break
        if not data:
            break
        shown.append(data)
    os.close(master)
    return proc.wait(), b"".join(shown).decode("utf-8", "replace")


def test_annotate_draws_a_bar_over_the_bytes_read_on_a_terminal(large_vcf, tmp_path):
    code, shown = on_terminal([ALKANNOT, "annotate", str(large_vcf), "-o", str(tmp_path / "out.vcf")])
    assert code == 0, shown
    assert "alkannot: reading" in shown and "100%" in shown, shown
    assert shown.index("100%") < shown.index(" records, "), "the bar ends before the summary line"


def test_no_bar_under_quiet_or_off_a_terminal(large_vcf, tmp_path):
    code, shown = on_terminal([ALKANNOT, "-q", "annotate", str(large_vcf), "-o", str(tmp_path / "q.vcf")])
    assert code == 0 and shown == "", shown
    piped = subprocess.run(
        [ALKANNOT, "annotate", str(large_vcf), "-o", str(tmp_path / "p.vcf")], capture_output=True, text=True
    )
    said = "\n".join(line for line in piped.stderr.splitlines() if "no --min-vaf given" not in line)  # its VAF's %
    assert piped.returncode == 0 and "alkannot: reading" not in said and "%" not in said


def test_small_file_draws_no_bar(tmp_path):
    code, shown = on_terminal([ALKANNOT, "annotate", str(EXAMPLE), "-o", str(tmp_path / "small.vcf")])
    assert code == 0 and "alkannot: reading" not in shown, shown


def test_cohort_bar_counts_files_and_is_not_broken_up_by_each_files_bar(large_vcf, tmp_path):
    again = tmp_path / "again.vcf"  # a copy: one file given twice is a usage error
    shutil.copy(large_vcf, again)
    code, shown = on_terminal(
        [ALKANNOT, "report", str(large_vcf), str(EXAMPLE), str(again), "--out", str(tmp_path / "cohort")]
    )
    assert code == 0, shown
    assert "alkannot report" in shown and "100%" in shown, shown
    assert "alkannot: reading" not in shown, "only the outermost bar is drawn"
    assert shown.index("100%") < shown.index("wrote"), "the bar is finished before the reports are named"


@pytest.mark.parametrize("compressed", [False, True])
def test_strict_draws_the_bar_too(large_vcf, tmp_path, compressed):
    """--strict reads every record through htslib, the slower path, and drew no bar at all (stop 52), where README
    promises one for every large input on a terminal; the output is the default path's."""
    source = large_vcf
    if compressed:  # above the size on disk where a bar starts once bgzipped
        source = tmp_path / "larger.vcf.gz"
        pysam_bgzip(generated_vcf(tmp_path / "larger.vcf", 120000), source)
        assert source.stat().st_size > 1 << 20
    code, shown = on_terminal([ALKANNOT, "annotate", "--strict", str(source), "-o", str(tmp_path / "s.vcf")])
    assert code == 0, shown
    assert "alkannot: reading" in shown and "100%" in shown, shown
    assert shown.index("100%") < shown.index(" records, "), "the bar ends before the summary line"
    code, shown = on_terminal([ALKANNOT, "annotate", str(source), "-o", str(tmp_path / "d.vcf")])
    assert code == 0, shown
    mine, default = ((tmp_path / n).read_text().splitlines() for n in ("s.vcf", "d.vcf"))
    assert [x for x in mine if not x.startswith("##alkannotCommand")] == [
        x for x in default if not x.startswith("##alkannotCommand")
    ]


def test_strict_bar_moves_through_a_file_of_few_long_records(tmp_path):
    """A 2,000-sample VCF of 200 records (5 MB): the --strict bar moved only every 16,384 records, so it sat at 0% until
    the end (review of stop 52, finding 2); it now moves as the bytes are read."""
    wide = generated_vcf(tmp_path / "wide.vcf", 200, samples=2000)
    assert wide.stat().st_size > 1 << 20 and sum(not line.startswith(b"#") for line in wide.open("rb")) < 16384
    code, shown = on_terminal([ALKANNOT, "annotate", "--strict", str(wide), "-o", str(tmp_path / "w.vcf")])
    assert code == 0, shown
    bar = shown[: shown.index("100%")]
    between = {int(p) for p in re.findall(r"(\d+)%", bar)} - {0, 100}
    assert len(between) >= 20, shown  # the bar's steps before it is full


def pysam_bgzip(source: Path, target: Path) -> None:
    import pysam

    pysam.tabix_compress(str(source), str(target), force=True)
