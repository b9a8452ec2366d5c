"""Region mode: `alkannot report` on an indexed small-variant VCF reads only the target windows
through the index and reports exactly what reading the whole file reports; a header that declares
SV content takes the full scan."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pysam
import pytest
from helpers import ALKANNOT, BENCH

from alkannot.roles import file_stem

SV_INFO = '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">\n'


def report(vcf: Path, prefix: Path) -> tuple[dict, str]:
    result = subprocess.run(
        [ALKANNOT, "-v", "report", str(vcf), "--out", str(prefix)], capture_output=True, text=True, timeout=300
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
    """The report without the input's own name (its path; its file stem in the labels of generic sample names,
    'TUMOR (calls)')."""
    text = json.dumps(doc).replace(str(source), "INPUT")
    return json.loads(text.replace(f" ({file_stem(str(source))})", " (INPUT)"))


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


def bench_bgzipped(path: Path, records: int, seed: int) -> Path:
    subprocess.run([sys.executable, str(BENCH), "--bgzip", str(path), str(records), str(seed)], check=True)
    return path


def report_run(vcf: Path, prefix: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ALKANNOT, "report", str(vcf), "--out", str(prefix)], capture_output=True, text=True, timeout=300
    )


def warnings_of(stderr: str) -> list[str]:
    """What the run said about the index: not the files written, nor the clonality cut-off's INFO line."""
    return [line for line in stderr.splitlines() if "INFO: wrote" not in line and "INFO: no --min-vaf" not in line]


@pytest.mark.parametrize("other_records", [3000, 20000])
def test_an_index_of_another_file_falls_back_to_the_full_scan(tmp_path, other_records):
    """Pipeline review 2026-12-01, finding 1: a .tbi left over from another bgzipped VCF was exit 3 with
    pysam's __dealloc__ noise and a message blaming corrupt data at an unrelated chr1 record."""
    calls = bench_bgzipped(tmp_path / "calls.vcf.gz", 5000, 2)
    other = bench_bgzipped(tmp_path / "other.vcf.gz", other_records, 3)
    plain = tmp_path / "plain.vcf.gz"
    shutil.copy(calls, plain)  # the same data without an index
    shutil.copy(f"{other}.tbi", f"{calls}.tbi")  # newer than calls.vcf.gz: not caught by its age
    result = report_run(calls, tmp_path / "stale")
    assert result.returncode == 0, result.stderr
    assert warnings_of(result.stderr) == [
        f"alkannot: WARNING: {calls}.tbi: the index does not match the file (made for another file?); "
        "reading the whole file"
    ]
    full = report_run(plain, tmp_path / "full")
    assert full.returncode == 0, full.stderr
    stale_doc = json.loads((tmp_path / "stale.json").read_text())
    full_doc = json.loads((tmp_path / "full.json").read_text())
    assert comparable(stale_doc, calls) == comparable(full_doc, plain)


def test_an_index_older_than_the_file_is_named_and_the_whole_file_read(tmp_path):
    calls = bench_bgzipped(tmp_path / "calls.vcf.gz", 3000, 1)
    os.utime(f"{calls}.tbi", (1, 1))
    result = report_run(calls, tmp_path / "rep")
    assert result.returncode == 0, result.stderr
    assert warnings_of(result.stderr) == [
        f"alkannot: WARNING: {calls}.tbi: the index is older than the file; reading the whole file"
    ]


def test_a_file_corrupt_where_the_index_points_is_one_error_line(tmp_path):
    """The fallback reads the whole file; data that is really corrupt is still exit 3 with one line."""
    calls = bench_bgzipped(tmp_path / "calls.vcf.gz", 5000, 2)
    data = bytearray(calls.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    calls.write_bytes(bytes(data))
    os.utime(f"{calls}.tbi")  # the index stays newer than the damaged file
    result = report_run(calls, tmp_path / "rep")
    assert result.returncode == 3
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"alkannot: error: {calls}: unreadable record"), result.stderr


SMALL_CALLS = """##fileformat=VCFv4.2
##FILTER=<ID=PASS,Description="All filters passed">
##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="AD">
##FORMAT=<ID=AF,Number=A,Type=Float,Description="AF">
##contig=<ID=chr1,length=248956422>
##contig=<ID=chr2,length=242193529>
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1
chr2\t29220747\trs1\tC\tT\t50\tPASS\tDP=100\tGT:AD:AF\t0/1:60,30:0.3
chr2\t29220765\t.\tG\tT\t.\tPASS\tDP=50\tGT:AD:AF\t0/1:40,10:0.2
"""


def _index(path, kind: str) -> None:
    subprocess.run(
        ["tabix", "-p", "vcf", str(path)] if kind == "tbi" else ["bcftools", "index", "-c", str(path)], check=True
    )


def _assert_foreign_index_named_and_file_read(calls, kind: str, prefix) -> None:
    """The report over `calls` with another file's index beside it: one warning naming the index, and every ALK
    mutation found (the whole file read)."""
    result = report_run(calls, prefix)
    assert result.returncode == 0, result.stderr
    assert warnings_of(result.stderr) == [
        f"alkannot: WARNING: {calls}.{kind}: the index does not match the file (made for another file?); "
        "reading the whole file"
    ]
    mutations = Path(f"{prefix}.tsv").read_text().splitlines()[1].split("\t")[7]
    assert "G1202R" in mutations and "L1196M" in mutations


@pytest.mark.skipif(not (shutil.which("bgzip") and shutil.which("tabix") and shutil.which("bcftools")), reason="htslib")
@pytest.mark.parametrize("kind", ["tbi", "csi"])
def test_an_index_of_a_larger_file_is_not_trusted(tmp_path, kind):
    """Pipeline review 2026-12-01, third reading, finding 1: the index of another, larger file copied beside a
    small one points past its end; every window read 0 records, exit 0, and the report said no ALK mutation."""
    small = tmp_path / "calls.vcf"
    small.write_text(SMALL_CALLS)
    header, body = SMALL_CALLS.split("#CHROM")[0], "#CHROM" + SMALL_CALLS.split("#CHROM")[1]
    head, *records = body.splitlines(keepends=True)
    filler = "".join(f"chr1\t{p}\t.\tA\tG\t50\tPASS\tDP=10\tGT:AD:AF\t0/1:5,5:0.5\n" for p in range(1, 60001))
    (tmp_path / "big.vcf").write_text(header + head + filler + "".join(records))
    for name in ("calls.vcf", "big.vcf"):
        subprocess.run(["bgzip", "-f", name], cwd=tmp_path, check=True)
    big, calls = tmp_path / "big.vcf.gz", tmp_path / "calls.vcf.gz"
    _index(big, kind)
    shutil.copy(f"{big}.{kind}", f"{calls}.{kind}")  # a results directory copied, an old index kept
    _assert_foreign_index_named_and_file_read(calls, kind, tmp_path / "stale")
    # the file's own index is still used
    os.unlink(f"{calls}.{kind}")
    subprocess.run(
        ["tabix", "-p", "vcf", str(calls)] if kind == "tbi" else ["bcftools", "index", "-c", str(calls)], check=True
    )
    own = subprocess.run(
        [ALKANNOT, "-v", "report", str(calls), "--out", str(tmp_path / "own")], capture_output=True, text=True
    )
    assert own.returncode == 0 and "region mode: 2 records read through the index" in own.stderr, own.stderr


@pytest.mark.skipif(not (shutil.which("bgzip") and shutil.which("tabix") and shutil.which("bcftools")), reason="htslib")
@pytest.mark.parametrize("kind", ["tbi", "csi"])
def test_an_index_of_a_shard_without_chr2_is_not_trusted(tmp_path, kind):
    """Final review of 2026-12-01, finding 3: the index of a per-chromosome shard (chr1 only) copied beside the whole
    file reads every window cleanly and finds nothing on chr2; the last record is not found through it, so the
    index is named and the whole file read."""
    calls = tmp_path / "calls.vcf"
    calls.write_text(SMALL_CALLS)
    header, body = SMALL_CALLS.split("#CHROM")[0], "#CHROM" + SMALL_CALLS.split("#CHROM")[1]
    head, *records = body.splitlines(keepends=True)
    (tmp_path / "shard.vcf").write_text(header + head + "".join(r for r in records if r.startswith("chr1\t")))
    for name in ("calls.vcf", "shard.vcf"):
        subprocess.run(["bgzip", "-f", name], cwd=tmp_path, check=True)
    shard, calls = tmp_path / "shard.vcf.gz", tmp_path / "calls.vcf.gz"
    _index(shard, kind)
    shutil.copy(f"{shard}.{kind}", f"{calls}.{kind}")
    _assert_foreign_index_named_and_file_read(calls, kind, tmp_path / "shardidx")
