"""--strict: every record through htslib whatever the file's size, so that a malformed record outside ALK is the
same exit-3 error in a 1 MiB file as in a small one (review 9, pipeline engineer, finding 2: the byte-level pass
copied it through, exit 0, and the next bcftools step failed on it)."""

from __future__ import annotations

from pathlib import Path

from helpers import generated_vcf, run

from alkannot.scan import FULL_PARSE_BELOW

BAD = "chr22\t100\t.\tA\tT\t.\tPASS\tDP=3\tGT:AD:DP\t0/1:1,x:3\n"


def _with_bad_record(tmp_path: Path) -> Path:
    lines = generated_vcf(tmp_path / "big.vcf", 20000).read_text().splitlines(keepends=True)
    body = [i for i, line in enumerate(lines) if not line.startswith("#")]
    columns = next(line for line in lines if line.startswith("#CHROM")).count("\t") + 1
    bad = BAD if columns == 10 else BAD.rstrip("\n") + "\t0/1:1,1:2" * (columns - 10) + "\n"
    at = body[len(body) // 2]
    vcf = tmp_path / "bad.vcf"
    vcf.write_text("".join(lines[:at] + [bad] + lines[at:]))
    assert vcf.stat().st_size > FULL_PARSE_BELOW  # the byte-level pass would take it
    return vcf


def test_a_malformed_record_outside_alk_is_an_error_with_strict_only(tmp_path):
    vcf = _with_bad_record(tmp_path)
    fast = run("-q", "annotate", vcf, "-o", tmp_path / "fast.vcf", text=True)
    assert fast.returncode == 0, fast.stderr  # copied through unjudged (README, "What the byte-level pass validates")
    strict = run("-q", "annotate", vcf, "--strict", "-o", tmp_path / "strict.vcf", text=True)
    assert strict.returncode == 3, strict.stderr
    (line,) = strict.stderr.strip().splitlines()
    assert line.startswith(f"alkannot: error: {vcf}: ") and "chr22:100" in line, line
    assert not (tmp_path / "strict.vcf").exists()  # no partial output


def test_strict_output_is_the_fast_paths_on_a_good_file(tmp_path):
    vcf = generated_vcf(tmp_path / "good.vcf", 20000)
    assert vcf.stat().st_size > FULL_PARSE_BELOW
    for name, extra in (("fast", ()), ("strict", ("--strict",))):
        done = run("-q", "annotate", vcf, *extra, "--no-version", "-o", tmp_path / f"{name}.vcf", text=True)
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "strict.vcf").read_bytes() == (tmp_path / "fast.vcf").read_bytes()


def test_bcf_output_judges_the_record_as_strict_does(tmp_path):
    """BCF output encodes every record, so the malformed record outside ALK ends the run with exit 3 without
    --strict too (review 20, finding 5; README "Exit status on malformed input"), while -Oz copies it."""
    vcf = _with_bad_record(tmp_path)
    bgzipped = run("-q", "annotate", vcf, "-Oz", "-o", tmp_path / "fast.vcf.gz", text=True)
    assert bgzipped.returncode == 0, bgzipped.stderr
    for kind in ("b", "u"):
        out = tmp_path / f"out.{kind}.bcf"
        done = run("-q", "annotate", vcf, f"-O{kind}", "-o", out, text=True)
        assert done.returncode == 3, done.stderr
        (line,) = done.stderr.strip().splitlines()
        assert line.startswith(f"alkannot: error: {vcf}: ") and "chr22:100" in line, line
        assert not out.exists()
