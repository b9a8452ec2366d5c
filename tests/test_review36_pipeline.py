"""Pipeline engineer's review of stop 36: a report prefix in a directory below /dev (/dev/shm, a container's scratch
tmpfs) is a directory like any other, while /dev and /proc themselves stay refused (finding 1); a file name whose
bytes are not UTF-8 is shown with '\\xe9' escapes, not Python's surrogates (finding 5)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from helpers import run

EXAMPLE = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


@pytest.mark.skipif(not os.access("/dev/shm", os.W_OK), reason="no writable /dev/shm")
def test_a_report_prefix_in_dev_shm_is_written():
    scratch = tempfile.mkdtemp(dir="/dev/shm")
    try:
        result = run("-q", "annotate", EXAMPLE, "--report", f"{scratch}/rep", "-o", f"{scratch}/out.vcf", text=True)
        assert result.returncode == 0, result.stderr
        assert sorted(os.listdir(scratch)) == ["out.vcf", "rep.html", "rep.json", "rep.tsv", "rep_mqc.tsv"]
    finally:
        shutil.rmtree(scratch)


@pytest.mark.parametrize("prefix", ["/dev/null", "/dev/stdout", "/dev/alkannot_report", "/proc/self/report"])
def test_a_device_or_a_name_directly_in_dev_or_proc_is_refused(tmp_path, prefix):
    result = run("-q", "annotate", EXAMPLE, "--report", prefix, "-o", tmp_path / "out.vcf", text=True)
    assert result.returncode == 3 and "not standard output or a device" in result.stderr, result.stderr
    assert not os.path.exists("/dev/alkannot_report.tsv") and os.listdir(tmp_path) == []


def test_a_file_name_that_is_not_utf8_is_shown_with_byte_escapes(tmp_path):
    missing = os.fsencode(tmp_path) + b"/missing_\xe9.vcf"
    result = run("annotate", os.fsdecode(missing), text=True, env={**os.environ, "LC_ALL": "C"})
    assert result.returncode == 3
    assert result.stderr.strip().endswith("missing_\\xe9.vcf: cannot read input (No such file or directory)"), (
        result.stderr
    )
    assert "\\udc" not in result.stderr
