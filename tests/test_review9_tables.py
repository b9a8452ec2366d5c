"""Review 9: the TSV marks an inferred call as the HTML and JSON do (clinical, finding 5), has a unique row key,
`label` (new user, finding 7), and one input file given twice is a usage error (new user, finding 8). Every run
goes through the installed `alkannot`."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example_vcfs" / "GRCh38"
PAIRS = ROOT / "tests" / "data" / "strelka_pairs"


def _tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return list(reader.fieldnames or []), list(reader)


def test_an_inferred_call_is_marked_inferred_in_the_tsv_as_in_the_json_and_html(tmp_path):
    prefix = tmp_path / "r"
    result = run(
        "annotate", EXAMPLE / "tumor_normal.vcf", "--sv", EXAMPLE / "sv.vcf", "--fusions",
        f"P5_T={EXAMPLE / 'fusions.tsv'}", "--samples", ROOT / "example_vcfs" / "samples.tsv", "--min-vaf", "0.05",
        "-o", tmp_path / "a.vcf", "--report", prefix, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    doc = json.loads(prefix.with_suffix(".json").read_text())
    _, rows = _tsv(prefix.with_suffix(".tsv"))
    marked = 0
    for sample, row in zip(doc["samples"], rows):
        for name, call in sample["inhibitors"].items():
            marks = (
                (" (inferred)" if call["inferred"] else "")
                + (" (reviews only)" if call["reviews_only"] else "")  # clinical read h1, finding 10
                + (" (subclonal basis)" if call["subclonal"] else "")
            )
            assert row[name] == call["category"] + marks, (row["sample"], name)
            marked += call["inferred"]
    assert marked  # the example's cis compound G1202R+L1196M has no statement of its own for most drugs
    p3 = next(r for r in rows if r["sample"] == "P3_T")
    # no statement on the compound: ceritinib's call is its parts' least favourable one, which the HTML marks too
    assert p3["ceritinib"] == "resistant (inferred)" and p3["brigatinib"] == "resistant (inferred)"
    assert p3["lorlatinib"] == "resistant"  # the latest progression: the call rests on it, not on an inference
    html = prefix.with_suffix(".html").read_text()
    assert "(inferred)" in html
    # a filter on the start of the cell keeps both; `== "resistant"` only the calls that are not inferred
    assert {n for n in ("crizotinib", "ceritinib", "lorlatinib") if p3[n].startswith("resistant")} == {
        "crizotinib",
        "ceritinib",
        "lorlatinib",
    }
    # P3_T progressed on alectinib: the call rests on the progression, not on the compound's inferred call, and is
    # not marked inferred (review 13, finding 5)
    assert [r["sample"] for r in rows if r["alectinib"] == "resistant"] == ["P1_T", "P3_T", "P5_T"]


def test_the_tsv_has_a_label_column_after_pgp_triage_that_joins_to_json_and_multiqc(tmp_path):
    for name in ("p1.vcf", "p2.vcf"):
        shutil.copy(PAIRS / name, tmp_path / name)
    (tmp_path / "s.tsv").write_text("sample\tsource_vcf\tlabel\tbiopsy\nTUMOR\tp1\tlab-1\tlung\n")
    result = run("report", "p1.vcf", "p2.vcf", "--samples", "s.tsv", "--out", "r", cwd=tmp_path, text=True)
    assert result.returncode == 0, result.stderr
    header, rows = _tsv(tmp_path / "r.tsv")
    # the columns up to pgp_triage keep their places; pgp_ihc_to_order (review 13, finding 3), label,
    # inhibitor_listed_sources (review 19, finding 8), off_target_candidates, in_sample_sheet (stop 40),
    # mechanism_context and mechanism_qualified (stop 43), inhibitor_call_sources (stop 46), then the sheet's own columns
    assert header.index("label") == header.index("pgp_ihc_to_order") + 1 == header.index("pgp_triage") + 2
    assert header[header.index("label") + 1 :] == [
        "inhibitor_listed_sources",
        "off_target_candidates",
        "in_sample_sheet",
        "mechanism_context",
        "mechanism_qualified",
        "inhibitor_call_sources",
        "sheet_label",
        "biopsy",
    ]
    assert "written to the TSV as 'sheet_label'" in result.stderr
    assert [(r["sample"], r["label"], r["sheet_label"]) for r in rows] == [
        ("TUMOR", "TUMOR (p1)", "lab-1"),
        ("TUMOR", "TUMOR (p2)", ""),
    ]
    doc = json.loads((tmp_path / "r.json").read_text())
    assert [s["label"] for s in doc["samples"]] == [r["label"] for r in rows]
    mqc = [line.split("\t")[0] for line in (tmp_path / "r_mqc.tsv").read_text().splitlines() if line[0] != "#"]
    assert mqc[1:] == [r["label"] for r in rows]


def test_one_input_file_given_twice_however_spelt_is_a_usage_error(tmp_path):
    shutil.copy(PAIRS / "p1.vcf", tmp_path / "p1.vcf")
    shutil.copy(PAIRS / "p2.vcf", tmp_path / "p2.vcf")
    os.symlink("p1.vcf", tmp_path / "link.vcf")
    os.link(tmp_path / "p1.vcf", tmp_path / "hard.vcf")
    absolute = str(tmp_path / "p1.vcf")
    cases = {
        ("p1.vcf", "p2.vcf", "p1.vcf"): "p1.vcf: this input is given twice",
        ("./p1.vcf", absolute): f"{absolute}: this input is the same file as './p1.vcf', given before it",
        ("p1.vcf", "link.vcf"): "link.vcf: this input is the same file as 'p1.vcf', given before it",
        ("hard.vcf", "p1.vcf"): "p1.vcf: this input is the same file as 'hard.vcf', given before it",
    }
    for inputs, said in cases.items():
        result = run("report", *inputs, "--out", "r", cwd=tmp_path, text=True)
        assert result.returncode == 2, (inputs, result.stderr)
        assert result.stderr.splitlines() == [
            f"alkannot: error: {said}: each input is reported once; name it once (see 'alkannot report --help')"
        ]
        assert not (tmp_path / "r.tsv").exists() and not (tmp_path / "r.json").exists()
    # a copy is another file: reported, the two rows told apart by their labels
    shutil.copy(tmp_path / "p1.vcf", tmp_path / "copy.vcf")
    result = run("report", "p1.vcf", "copy.vcf", "--out", "r", cwd=tmp_path, text=True)
    assert result.returncode == 0, result.stderr
    _, rows = _tsv(tmp_path / "r.tsv")
    assert [r["label"] for r in rows] == ["TUMOR (p1)", "TUMOR (copy)"]


def _readme_block_after(marker: str) -> tuple[list[str], list[str]]:
    """The ```bash block that holds `marker` and the lines of the plain block after it (README's real output)."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if marker in line)
    start = max(i for i in range(at) if lines[i] == "```bash")
    end = next(i for i in range(at, len(lines)) if lines[i] == "```")
    out_start = next(i for i in range(end + 1, len(lines)) if lines[i] == "```")
    out_end = next(i for i in range(out_start + 1, len(lines)) if lines[i] == "```")
    return lines[start + 1 : end], lines[out_start + 1 : out_end]


def test_readme_maf_example_runs_as_written_from_the_repository_root(tmp_path):
    """README "Cohorts as MAF": the commands next to the table print that table (review 9, new user, finding 5)."""
    commands, shown = _readme_block_after("madeup_cohort_samples.tsv --min-vaf 0.05")
    (tmp_path / "tests").symlink_to(ROOT / "tests")  # the paths as written, from a copy of the root's layout
    env = {**os.environ, "PATH": f"{Path(ALKANNOT).parent}:{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "-e", "-c", "\n".join(commands)], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == shown


@pytest.mark.skipif(shutil.which("bcftools") is None, reason="bcftools is not installed")
def test_readme_bcftools_pipe_runs_as_written_from_the_repository_root(tmp_path):
    """README "bcftools pipes": both commands run on the bundled example and the second prints the output shown."""
    block, _ = _readme_block_after("bcftools norm -m- example_vcfs/GRCh38/tumor_normal.vcf | alkannot annotate")
    commands = [line for line in block if not line.startswith("chr2:")]
    shown = [line for line in block if line.startswith("chr2:")]
    (tmp_path / "example_vcfs").symlink_to(ROOT / "example_vcfs")
    env = {**os.environ, "PATH": f"{Path(ALKANNOT).parent}:{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", "\n".join(commands)], cwd=tmp_path, capture_output=True, text=True,
        env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == shown
    assert (tmp_path / "calls.alk.vcf.gz.csi").exists()
