"""The BGZF splice re-encodes a run of touched blocks at most MAX_RUN_BLOCKS at a time (an ALK-dense cohort touches
every block across ALK, which was held whole: 4 GB for 500 samples; pipeline review pipe4, finding 2). Cutting
the runs must not change a byte of the output or of its shifted index, also where an edited record is longer
than a block and reaches across the cut."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pysam
import pytest

ROOT = Path(__file__).resolve().parent.parent
COHORT = ROOT / "benchmarks" / "make_cohort.py"

# alkannot in this interpreter with the byte-level pass for any size and runs cut at `blocks` blocks
DRIVER = """
import sys
from alkannot import scan, splice
from alkannot.cli import main
scan.FULL_PARSE_BELOW = 0
splice.MAX_RUN_BLOCKS = int(sys.argv.pop(1))
sys.argv[0] = "alkannot"
main()
"""


def _cohort(folder: Path, samples: int, step: int) -> Path:
    plain = folder / "cohort.vcf"
    with plain.open("w") as handle:
        subprocess.run([sys.executable, str(COHORT), str(samples), "--step", str(step)], stdout=handle, check=True)
    gz = folder / "cohort.vcf.gz"
    pysam.tabix_compress(str(plain), str(gz))
    pysam.tabix_index(str(gz), preset="vcf", force=True, keep_original=True)
    return gz


def _annotate(gz: Path, folder: Path, blocks: int) -> tuple[bytes, bytes]:
    folder.mkdir()
    args = [sys.executable, "-c", DRIVER, str(blocks), "-v", "annotate", str(gz), "-o", "out.vcf.gz", "-W", "tbi"]
    result = subprocess.run(args, cwd=folder, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "with shifted offsets" in result.stderr  # the splice and the index shift were taken
    return (folder / "out.vcf.gz").read_bytes(), (folder / "out.vcf.gz.tbi").read_bytes()


@pytest.mark.parametrize(
    "samples,step",
    [(60, 400), (12000, 60000)],  # many short records; records of about 100 kB, each over more than one block
    ids=["short-records", "records-longer-than-a-block"],
)
def test_cutting_the_runs_changes_no_byte(tmp_path, samples, step):
    gz = _cohort(tmp_path, samples, step)
    whole = _annotate(gz, tmp_path / "whole", 1_000_000)
    cut = _annotate(gz, tmp_path / "cut", 1)
    assert cut == whole
    with pysam.VariantFile(str(tmp_path / "cut" / "out.vcf.gz")) as vf:
        changes = [r.info.get("ALK_HGVSP") for r in vf.fetch("chr2", 29_220_700, 29_220_800)]
    assert changes == [("p.G1202R",), ("p.L1196M",)]
