"""Pipeline review of stop 38: a MAF (and a fusion table) with a UTF-8 byte-order mark is read as without it (finding
2: the first column was not Hugo_Symbol, and a KRAS missense lost its gene, silently changing the verdict)."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

DATA = Path(__file__).parent / "data" / "review38"
MAF = Path(__file__).parent / "data" / "maf"


def _report(tmp_path: Path, name: str, inputs: list[str], stdin: bytes | None = None) -> str:
    done = subprocess.run(
        [ALKANNOT, "-q", "report", *inputs, "--samples", str(MAF / "madeup_cohort_samples.tsv"), "--min-vaf", "0.05",
         "--out", str(tmp_path / name)],
        input=stdin, capture_output=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return (tmp_path / f"{name}.tsv").read_text().replace(str(DATA / "madeup_cohort_bom.maf"), "X")


@pytest.mark.parametrize("how", ["file", "gzip", "stdin"])
def test_a_maf_with_a_byte_order_mark_reads_as_without(tmp_path, how):
    plain = tmp_path / "plain.maf"
    plain.write_bytes((DATA / "madeup_cohort_bom.maf").read_bytes()[3:])
    expected = _report(tmp_path, "plain", [str(plain)]).replace(str(plain), "X")
    if how == "file":
        got = _report(tmp_path, "bom", [str(DATA / "madeup_cohort_bom.maf")])
    elif how == "gzip":
        zipped = tmp_path / "bom.maf.gz"
        zipped.write_bytes(gzip.compress((DATA / "madeup_cohort_bom.maf").read_bytes()))
        got = _report(tmp_path, "bom", [str(zipped)]).replace(str(zipped), "X")
    else:
        got = _report(tmp_path, "bom", ["-"], (DATA / "madeup_cohort_bom.maf").read_bytes())
        got = "\n".join(line.replace("\t-\t", "\tX\t", 1) for line in got.splitlines()) + "\n"
        expected = "\n".join(line.replace("\tX\t", "\tX\t", 1) for line in expected.splitlines()) + "\n"
    columns = expected.splitlines()[0].split("\t")
    keep = [columns.index(c) for c in ("sample", "mechanism", "off_target", "off_target_candidates")]
    rows = [[r.split("\t")[i] for i in keep] for r in got.splitlines()]
    assert rows == [[r.split("\t")[i] for i in keep] for r in expected.splitlines()]
    assert any("KRAS" in r[2] for r in rows)


def test_a_fusion_table_with_a_byte_order_mark_reads_as_without(tmp_path):
    source = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "fusions.tsv"
    bom = tmp_path / "fusions.tsv"
    bom.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    vcf = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    out = []
    for name, table in (("plain", source), ("bom", bom)):
        done = subprocess.run(
            [ALKANNOT, "-q", "annotate", str(vcf), "--fusions", f"P5_T={table}", "-o", "/dev/null", "--report",
             str(tmp_path / name)],
            capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        out.append(json.loads((tmp_path / f"{name}.json").read_text())["samples"])
    assert out[0] == out[1]
    assert {s["sample"]: s["fusion"] for s in out[1]}["P5_T"] == "positive"


def _status_of_a_child_ended_by(signum: int) -> int:
    import os
    import time

    pid = os.fork()
    if pid == 0:  # the child waits to be ended
        time.sleep(30)
        os._exit(0)
    os.kill(pid, signum)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signum
    return status


def test_a_scanning_child_ended_by_a_signal_is_said_so_not_as_a_bug():
    """The out-of-memory killer's SIGKILL on a scanning child read 'internal error: ... this is a bug' (finding 4)."""
    import signal

    from alkannot.errors import InputError
    from alkannot.scan import _check_parts, _killed, _Part

    lost = _Part(error="internal: a scanning process ended without a result")
    part = _killed(lost, _status_of_a_child_ended_by(signal.SIGKILL))
    assert part.error == "a process reading the input was ended by SIGKILL (out of memory?); nothing was written"
    with pytest.raises(InputError, match=r"^in\.vcf: a process reading the input was ended by SIGKILL"):
        _check_parts([part], b"#CHROM\n", 8, "in.vcf")
    assert _killed(lost, 0) is lost  # ended without a signal: still alkannot's own bug
    fine = _Part()
    assert _killed(fine, _status_of_a_child_ended_by(signal.SIGTERM)) is fine  # it sent its result first
