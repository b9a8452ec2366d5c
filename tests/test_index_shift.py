"""`-W` after a BGZF splice shifts the input's .tbi/.csi: the result equals, byte for byte
(uncompressed), the index htslib builds on the output, and region queries agree."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pysam
import pytest
from helpers import ALKANNOT, generated_vcf

from alkannot import scan
from alkannot.bgzf_blocks import read_blocks

REGIONS = [
    ("chr2", 29_100_000, 29_300_000),
    ("chr1", 0, 5_000_000),
    ("chr7", 116_600_000, 116_800_000),
    ("chr22", 0, 60_000_000),
    ("chr2", 29_220_740, 29_220_750),
]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("indexed")
    plain = generated_vcf(folder / "in.vcf", 100000)
    gz = folder / "in.vcf.gz"
    pysam.tabix_compress(str(plain), str(gz))
    pysam.tabix_index(str(gz), preset="vcf", force=True, keep_original=True)
    pysam.tabix_index(str(gz), preset="vcf", csi=True, force=True, keep_original=True)
    assert gz.stat().st_size > scan.FULL_PARSE_BELOW  # large enough for the byte-level path
    return gz


def inflated(path: Path) -> bytes:
    with path.open("rb") as handle:
        return b"".join(read_blocks(handle, str(path)))


def fetch(path: Path, index: Path, region) -> list[str]:
    with pysam.TabixFile(str(path), index=str(index)) as tabix:
        return list(tabix.fetch(*region))


@pytest.mark.parametrize("kind", ["tbi", "csi"])
def test_shifted_index_equals_htslib_index_of_the_output(indexed, tmp_path, kind):
    out = tmp_path / "out.vcf.gz"
    result = subprocess.run(
        [ALKANNOT, "-v", "annotate", str(indexed), "-o", str(out), "-W", kind],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "with shifted offsets" in result.stderr
    shifted = Path(f"{out}.{kind}")
    rebuilt = tmp_path / f"rebuilt.{kind}"
    pysam.tabix_index(str(out), preset="vcf", csi=(kind == "csi"), index=str(rebuilt), force=True, keep_original=True)
    assert inflated(shifted) == inflated(rebuilt)
    for region in REGIONS:
        assert fetch(out, shifted, region) == fetch(out, rebuilt, region)
    assert any("ALK_HGVSP=p.G1202R" in line for line in fetch(out, shifted, REGIONS[0]))


def test_an_index_older_than_its_data_is_not_trusted(indexed, tmp_path):
    source = tmp_path / "in.vcf.gz"
    shutil.copy(indexed, source)
    shutil.copy(f"{indexed}.tbi", f"{source}.tbi")
    os.utime(f"{source}.tbi", (1, 1))
    out = tmp_path / "out.vcf.gz"
    result = subprocess.run(
        [ALKANNOT, "-v", "annotate", str(source), "-o", str(out), "-W", "tbi"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "older than" in result.stderr
    for region in REGIONS:
        with pysam.TabixFile(str(out)) as tabix:
            assert len(list(tabix.fetch(*region))) == len(fetch(indexed, Path(f"{indexed}.tbi"), region))


def test_a_full_disk_while_writing_the_shifted_index_is_one_line_exit_3(indexed, tmp_path, monkeypatch, capsys):
    """Pipeline review 2026-12-01, fourth reading, finding 5: ENOSPC while the shifted .tbi was written was an
    'internal error' (exit 1); it is exit 3 with one line, as when htslib indexes the output, and nothing is left."""
    import errno

    from alkannot import bgzf
    from alkannot.cli import main

    class FullDisk(bgzf.BgzfWriter):
        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(bgzf, "BgzfWriter", FullDisk)  # index_shift imports it when it writes the index
    out = tmp_path / "out.vcf.gz"
    with pytest.raises(SystemExit) as done:
        main(["-q", "annotate", str(indexed), "-o", str(out), "-W", "tbi"])
    assert done.value.code == 3
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line == f"alkannot: error: {out}: could not index the output (No space left on device)"
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # neither the output nor a partial index is left
