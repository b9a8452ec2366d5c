"""BCF output (-Ob/-Ou) to a file from the byte-level pass 1, converted by pysam's bcftools with the deflating done
beside it (review 9, pipeline finding 3; issue 13): the same BCF as the per-record path (--strict), byte for byte,
and where the byte-level pass cannot give it (an undeclared INFO/FORMAT key or FILTER, a record htslib cannot
parse), the per-record path's own result: the same output, the same error."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, generated_vcf, run

from alkannot.scan import FULL_PARSE_BELOW

CORPUS = Path(os.environ.get("ALKANNOT_CORPUS", "/work/shared/corpus/vcf"))
REAL = ["htslib/test/index.vcf", "bcftools/test/annotate.vcf", "vcf2maf/tests/test.vcf"]
needs_bcftools = pytest.mark.skipif(shutil.which("bcftools") is None, reason="bcftools not installed")


def _both(vcf: Path, tmp_path: Path, *extra: str, suffix: str = ".bcf") -> tuple[bytes, bytes, str]:
    """(default output, --strict output, the default run's stderr) of `annotate VCF EXTRA --no-version -v`."""
    outputs = []
    said = ""
    for name, strict in (("fast", ()), ("strict", ("--strict",))):
        out = tmp_path / f"{vcf.name}.{name}{suffix}"
        done = run("-v", "annotate", vcf, *extra, *strict, "--no-version", "-o", out, text=True)
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
        said = said or done.stderr
    return outputs[0], outputs[1], said


def _large(source: Path, path: Path) -> Path:
    """`source`'s header and its body repeated until the file is over FULL_PARSE_BELOW (the byte-level pass)."""
    text = source.read_text(errors="surrogateescape")
    lines = text.splitlines(keepends=True)
    header = [line for line in lines if line.startswith("#")]
    body = "".join(line for line in lines if not line.startswith("#"))
    copies = FULL_PARSE_BELOW // max(1, len(body.encode(errors="surrogateescape"))) + 1
    path.write_text("".join(header) + body * copies, errors="surrogateescape")
    return path


def test_a_generated_file_gives_the_per_record_paths_bcf(tmp_path):
    vcf = generated_vcf(tmp_path / "big.vcf", 20000)
    assert vcf.stat().st_size > FULL_PARSE_BELOW
    subprocess.run(["bgzip", "-k", str(vcf)], check=True)
    for source in (vcf, Path(f"{vcf}.gz")):
        for extra in (("-Ob",), ("-Ob1", "--threads", "2"), ("-Ob0",)):
            fast, strict, said = _both(source, tmp_path, *extra)
            assert fast == strict, (source, extra)
            assert "again" not in said  # the byte-level pass gave it
        fast, strict, _ = _both(source, tmp_path, "-Ou", suffix=".ubcf")
        assert fast == strict


@needs_bcftools
def test_the_bcf_holds_the_text_outputs_records_and_takes_an_index(tmp_path):
    vcf = generated_vcf(tmp_path / "big.vcf", 20000)
    for name, extra in (("a.bcf", ("-W", "csi", "--threads", "2")), ("a.vcf", ())):
        done = run("-q", "annotate", vcf, *extra, "--no-version", "-o", tmp_path / name, text=True)
        assert done.returncode == 0, done.stderr

    def view(*args: str) -> str:
        return subprocess.run(["bcftools", "view", "--no-version", *args], capture_output=True, text=True).stdout

    assert view(str(tmp_path / "a.bcf")) == view(str(tmp_path / "a.vcf"))
    assert "ALK_HGVSP=p.G1202R" in view("-H", str(tmp_path / "a.bcf"), "chr2:29220747-29220747")
    assert (tmp_path / "a.bcf.csi").exists()


@pytest.mark.parametrize(
    "change",
    [
        ("\tDP=", "\tNEWKEY=7;DP="),  # an undeclared INFO key
        ("\tPASS\t", "\tq10\t"),  # an undeclared FILTER
        ("\tGT:AD:DP\t", "\tGT:AD:DP:ZZ\t"),  # an undeclared FORMAT key (its value added below)
    ],
)
def test_an_undeclared_key_outside_alk_gives_the_per_record_paths_bcf(tmp_path, change):
    lines = generated_vcf(tmp_path / "big.vcf", 20000).read_text().splitlines(keepends=True)
    body = [i for i, line in enumerate(lines) if not line.startswith("#")]
    at = body[len(body) // 2]
    lines[at] = lines[at].replace(*change, 1)
    if "ZZ" in change[1]:
        lines[at] = lines[at].rstrip("\n") + ":5\n"
    vcf = tmp_path / "undeclared.vcf"
    vcf.write_text("".join(lines))
    fast, strict, said = _both(vcf, tmp_path)
    assert fast == strict
    assert "the BCF output again, every record through htslib" in said
    assert said.count("19999 records") + said.count("20000 records") == 1  # said once, not once per try


def test_undeclared_contigs_take_the_byte_level_pass(tmp_path):
    lines = generated_vcf(tmp_path / "big.vcf", 20000).read_text().splitlines(keepends=True)
    vcf = tmp_path / "nocontigs.vcf"
    vcf.write_text(
        "".join(line for line in lines if not line.startswith(("##contig=<ID=chr1,", "##contig=<ID=chr22,")))
    )
    fast, strict, said = _both(vcf, tmp_path)
    assert fast == strict
    assert "again" not in said


def test_a_malformed_record_outside_alk_is_the_per_record_paths_error(tmp_path):
    lines = generated_vcf(tmp_path / "big.vcf", 20000).read_text().splitlines(keepends=True)
    body = [i for i, line in enumerate(lines) if not line.startswith("#")]
    at = body[len(body) // 2]
    vcf = tmp_path / "bad.vcf"
    vcf.write_text("".join(lines[:at] + ["chr22\t100\t.\tA\tT\t.\tPASS\tDP=3\tGT:AD:DP\t0/1:1,x:3\n"] + lines[at:]))
    out = tmp_path / "out" / "bad.bcf"
    out.parent.mkdir()
    results = [run("annotate", vcf, *extra, "-o", out, text=True) for extra in ((), ("--strict",))]
    assert [r.returncode for r in results] == [3, 3]
    assert results[0].stderr == results[1].stderr
    (line,) = results[0].stderr.strip().splitlines()
    assert line.startswith(f"alkannot: error: {vcf}: ") and "chr22:100" in line, line
    assert list(out.parent.iterdir()) == []  # no output, no temporary file left


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not present at {CORPUS}")
@pytest.mark.parametrize("name", REAL)
def test_real_files_give_the_per_record_paths_bcf(tmp_path, name):
    vcf = _large(CORPUS / name, tmp_path / Path(name).name)
    assert vcf.stat().st_size > FULL_PARSE_BELOW
    fast, strict, _ = _both(vcf, tmp_path)
    assert fast == strict
    fast, strict, _ = _both(vcf, tmp_path, "-Ou", suffix=".ubcf")
    assert fast == strict


def test_standard_output_is_the_files_bcf(tmp_path):
    vcf = generated_vcf(tmp_path / "big.vcf", 20000)
    piped = run("-q", "annotate", vcf, "-Ob", "--no-version", "-o", "-")
    assert piped.returncode == 0, piped.stderr
    done = run("-q", "annotate", vcf, "--no-version", "-o", tmp_path / "a.bcf")
    assert done.returncode == 0, done.stderr
    assert piped.stdout == (tmp_path / "a.bcf").read_bytes()


@needs_bcftools
def test_the_second_run_writes_the_index_and_the_reports_once(tmp_path):
    lines = generated_vcf(tmp_path / "big.vcf", 20000).read_text().splitlines(keepends=True)
    body = [i for i, line in enumerate(lines) if not line.startswith("#")]
    lines[body[100]] = lines[body[100]].replace("\tDP=", "\tNEWKEY=7;DP=", 1)
    vcf = tmp_path / "undeclared.vcf"
    vcf.write_text("".join(lines))
    out = tmp_path / "out"
    out.mkdir()
    done = run("-v", "annotate", vcf, "-o", out / "a.bcf", "-W", "csi", "--report", out / "a", text=True)
    assert done.returncode == 0, done.stderr
    assert "the BCF output again" in done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.bcf", "a.bcf.csi", "a.html", "a.json", "a.tsv", "a_mqc.tsv"]
    found = subprocess.run(
        ["bcftools", "view", "-H", str(out / "a.bcf"), "chr2:29220747-29220747"], capture_output=True, text=True
    )
    assert "ALK_HGVSP=p.G1202R" in found.stdout
    assert (
        "NEWKEY=7"
        in subprocess.run(["bcftools", "view", "-H", str(out / "a.bcf")], capture_output=True, text=True).stdout
    )


def _to_stdout(vcf: Path, tmp_path: Path, *extra: str) -> list[subprocess.CompletedProcess]:
    """`annotate VCF -Ob EXTRA -o -` by default and with --strict, TMPDIR in a folder of their own (checked empty
    after each run: the staged BCF leaves nothing behind)."""
    scratch = tmp_path / "tmpdir"
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(scratch)}
    results = []
    for strict in ((), ("--strict",)):
        results.append(run("-v", "annotate", vcf, "-Ob", *extra, *strict, "--no-version", "-o", "-", env=env))
        assert list(scratch.iterdir()) == []
    return results


def test_standard_output_takes_the_byte_level_pass_and_the_retry(tmp_path):
    """BCF to standard output is made in a temporary file and copied once complete (issue 13: it took the
    per-record path, 0.53x the speed of bcftools view -Ob into a pipe), so a try the byte-level pass cannot finish
    has written nothing: an undeclared key gives the per-record path's BCF, a malformed record its error."""
    vcf = generated_vcf(tmp_path / "big.vcf", 20000)
    fast, strict = _to_stdout(vcf, tmp_path)
    assert fast.returncode == strict.returncode == 0, fast.stderr
    assert fast.stdout == strict.stdout and b"again" not in fast.stderr
    lines = vcf.read_text().splitlines(keepends=True)
    at = [i for i, line in enumerate(lines) if not line.startswith("#")][10000]
    undeclared = tmp_path / "undeclared.vcf"
    undeclared.write_text("".join(lines[:at] + [lines[at].replace("\tDP=", "\tZZ=1;DP=", 1)] + lines[at + 1 :]))
    fast, strict = _to_stdout(undeclared, tmp_path)
    assert fast.returncode == strict.returncode == 0, fast.stderr
    assert fast.stdout == strict.stdout and b"the BCF output again, every record through htslib" in fast.stderr
    bad = tmp_path / "bad.vcf"
    bad.write_text("".join(lines[:at] + ["chr22\t100\t.\tA\tT\t.\tPASS\tDP=3\tGT:AD:DP\t0/1:1,x:3\n"] + lines[at:]))
    fast, strict = _to_stdout(bad, tmp_path)
    assert fast.returncode == strict.returncode == 3 and fast.stdout == strict.stdout == b""
    assert fast.stderr.splitlines()[-1] == strict.stderr.splitlines()[-1]
    assert b"chr22:100" in fast.stderr.splitlines()[-1]


def test_uncompressed_bcf_through_a_pipe_is_the_files(tmp_path):
    vcf = generated_vcf(tmp_path / "big.vcf", 20000)
    done = run("-q", "annotate", vcf, "-Ou", "--no-version", "-o", tmp_path / "a.ubcf")
    assert done.returncode == 0, done.stderr
    piped = subprocess.run(
        f"{ALKANNOT} -q annotate {vcf} -Ou --no-version | cat", shell=True, capture_output=True, check=True
    )
    assert piped.stdout == (tmp_path / "a.ubcf").read_bytes()
