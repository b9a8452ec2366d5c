"""Region mode: `alkannot report` on an indexed small-variant VCF reads only the target windows
through the index and reports exactly what reading the whole file reports; a header that declares
SV content takes the full scan."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pysam
import pytest
from helpers import BENCH

SV_INFO = '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">\n'


def report(vcf: Path, prefix: Path) -> tuple[dict, str]:
    result = subprocess.run(
        ["alkannot", "-v", "report", str(vcf), "--out", str(prefix)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(Path(f"{prefix}.json").read_text())
    return doc, result.stderr


def bgzip_indexed(text: str, path: Path) -> Path:
    plain = path.with_suffix("")
    plain.write_text(text)
    pysam.tabix_compress(str(plain), str(path), force=True)
    pysam.tabix_index(str(path), preset="vcf", force=True, keep_original=True)
    return path


@pytest.fixture(scope="module")
def generated() -> str:
    return subprocess.run([sys.executable, str(BENCH), "30000"], capture_output=True, text=True, check=True).stdout


def comparable(doc: dict, source: Path) -> dict:
    """The report without the input's own name."""
    return json.loads(json.dumps(doc).replace(str(source), "INPUT"))


def test_indexed_small_variant_vcf_is_read_through_the_index(generated, tmp_path):
    indexed = bgzip_indexed(generated, tmp_path / "calls.vcf.gz")
    plain = tmp_path / "copy.vcf.gz"
    shutil.copy(indexed, plain)  # same file without an index
    fast, log_fast = report(indexed, tmp_path / "fast")
    full, log_full = report(plain, tmp_path / "full")
    assert "region mode" in log_fast and "region mode" not in log_full
    assert comparable(fast, indexed) == comparable(full, plain)
    text = json.dumps(fast)
    assert "G1202R" in text and "L1196M" in text


def test_header_with_sv_content_takes_the_full_scan(generated, tmp_path):
    lines = generated.splitlines(keepends=True)
    at = next(i for i, l in enumerate(lines) if l.startswith("#CHROM"))
    with_sv = "".join(lines[:at] + [SV_INFO] + lines[at:])
    indexed = bgzip_indexed(with_sv, tmp_path / "sv.vcf.gz")
    _, log = report(indexed, tmp_path / "sv")
    assert "region mode" not in log and "declares SV content" in log
