"""Samples renamed after calling (`bcftools reheader -s`) leave ##tumor_sample/##normal_sample lines that name none of
the file's samples (user51, finding 6): the warning said the lines "declare only some of its samples"; it now says
they name none of them, and which names they give."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import ALKANNOT

EXAMPLE = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


def test_header_lines_naming_none_of_the_renamed_samples_are_said_to_name_none(tmp_path):
    names = [f"P{i}_{kind}" for i in range(1, 8) for kind in ("T", "N")]
    (tmp_path / "names.txt").write_text("".join(f"{n}\tX{n}\n" for n in names))
    renamed = tmp_path / "renamed.vcf"
    subprocess.run(
        ["bcftools", "reheader", "-s", str(tmp_path / "names.txt"), "-o", str(renamed), str(EXAMPLE)], check=True
    )
    run = subprocess.run(
        [ALKANNOT, "report", str(renamed), "--out", str(tmp_path / "r")], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    (warning,) = [line for line in run.stderr.splitlines() if "like a matched normal" in line]
    assert "XP1_N, XP2_N, XP3_N, XP4_N, XP5_N, XP6_N, XP7_N look(s) like a matched normal by name" in warning
    assert "name none of its samples (they name P1_N, P1_T, P2_N, ... (14 in all); were the samples renamed" in warning
    assert "declare only some" not in warning
