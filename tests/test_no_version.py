"""`alkannot annotate --no-version` (bcftools' name and meaning): no ##alkannotVersion/##alkannotCommand lines, so
that the output's bytes do not change with the output path or --threads (pipeline review 9, finding 8); the
knowledge-base line stays, and re-annotating such an output still replaces alkannot's keys and keeps its --min-vaf."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from helpers import generated_vcf, run

from alkannot import scan

EX = Path(__file__).resolve().parent.parent / "example_vcfs"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    big = generated_vcf(tmp_path_factory.mktemp("no_version") / "big.vcf", 20000)
    assert big.stat().st_size >= scan.FULL_PARSE_BELOW  # the byte-level pass
    return {"small": EX / "GRCh38" / "tumor_normal.vcf", "big": big}


def annotate(source: Path, out: Path, *options: str) -> str:
    result = run("annotate", source, "-o", out, *options, text=True)
    assert result.returncode == 0, result.stderr
    return result.stderr


def header(path: Path) -> list[str]:
    data = path.read_bytes()
    text = (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode()
    return [line for line in text.splitlines() if line.startswith("##")]


def keys(lines: list[str]) -> list[str]:
    return [line.split("=", 1)[0] for line in lines if line.startswith("##alkannot")]


@pytest.mark.parametrize("size", ["small", "big"])
@pytest.mark.parametrize("kind, name", [("v", "out.vcf"), ("z", "out.vcf.gz")])
def test_outputs_are_byte_identical_across_paths_and_threads(inputs, tmp_path, size, kind, name):
    (tmp_path / "a").mkdir()
    (tmp_path / "elsewhere").mkdir()
    first, second = tmp_path / "a" / name, tmp_path / "elsewhere" / f"other.{name}"
    annotate(inputs[size], first, "--no-version", f"-O{kind}", "--threads", "0")
    annotate(inputs[size], second, "--no-version", f"-O{kind}", "--threads", "2")
    assert first.read_bytes() == second.read_bytes()
    lines = keys(header(first))
    assert "##alkannotVersion" not in lines and "##alkannotCommand" not in lines
    assert "##alkannotKnowledgeBase" in lines and "##alkannotBuild" in lines  # the calls' provenance stays
    # without the flag both lines are there, and the command names the output path and --threads
    plain = tmp_path / "a" / f"plain.{name}"
    annotate(inputs[size], plain, f"-O{kind}", "--threads", "2")
    command = next(line for line in header(plain) if line.startswith("##alkannotCommand="))
    assert "##alkannotVersion" in keys(header(plain)) and str(plain) in command and "--threads 2" in command


@pytest.mark.parametrize("size", ["small", "big"])
def test_reannotating_a_no_version_output_replaces_the_keys(inputs, tmp_path, size):
    first = tmp_path / "first.vcf"
    annotate(inputs[size], first, "--no-version")
    text = first.read_text()
    assert "ALK_HGVSP=p.G1202R" in text
    stale = tmp_path / "stale.vcf"  # an earlier run's value the new run must replace, not keep or duplicate
    stale.write_text(text.replace("ALK_HGVSP=p.G1202R", "ALK_HGVSP=p.STALE"))
    again = tmp_path / "again.vcf"
    annotate(stale, again, "--no-version")
    assert again.read_text() == text
    body = [line for line in text.splitlines() if not line.startswith("#") and "ALK_HGVSP=" in line]
    assert body and all(line.count("ALK_HGVSP=") == 1 for line in body)


def test_the_min_vaf_of_a_no_version_output_is_kept_for_the_next_run(tmp_path):
    """No ##alkannotCommand to read it from: a --min-vaf in effect goes on its own line, which re-annotation and
    `report` read as they read the command's."""
    first = tmp_path / "first.vcf.gz"
    annotate(EX / "GRCh38" / "tumor_normal.vcf", first, "--no-version", "--min-vaf", "0.05")
    assert "##alkannotMinVaf=0.05" in header(first)
    again = tmp_path / "again.vcf.gz"
    stderr = annotate(first, again, "--no-version")
    assert "--min-vaf 0.05, as in the alkannot annotate run that wrote it" in stderr
    samples = [line for line in header(first) if line.startswith(("##alkannotSample", "##alkannotMinVaf"))]
    assert samples == [line for line in header(again) if line.startswith(("##alkannotSample", "##alkannotMinVaf"))]
    assert "C1156Y(low_vaf)" in "".join(samples)  # the cut-off made P7_T's mutation subclonal
    without = tmp_path / "without.vcf"
    annotate(EX / "GRCh38" / "tumor_normal.vcf", without, "--no-version")
    assert not any(line.startswith("##alkannotMinVaf") for line in header(without))
