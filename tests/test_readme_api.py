"""README "Python API" runs as written and does what its comments say (fresh-eyes review of stop 45, p1): the example
annotated without the sample sheet and reported with it, so a new user's first API run printed six warnings that "the
VCF header records PgpCheck=if_progressed but this run computes not_indicated (give the same --samples ...)"."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_python_api_block() -> str:
    text = (ROOT / "README.md").read_text()
    section = text.split("\n## Python API\n", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_python_api_example_runs_as_written_without_a_mismatch_warning(tmp_path):
    block = readme_python_api_block()
    (tmp_path / "example_vcfs").symlink_to(ROOT / "example_vcfs")  # "paths from the repository's root"
    # every line's value printed, to compare with the value its comment gives
    lines = block.strip().splitlines()
    program = "\n".join(f"print(repr({line.split('#')[0].strip()}))" if "# '" in line else line for line in lines)
    run = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [re.search(r"# ('[^']*')", line).group(1) for line in lines if "# '" in line]
    assert "this run computes" not in run.stderr  # the report agrees with what the annotate run recorded
    for name in ("out.vcf.gz", "out.vcf.gz.csi", "cohort.tsv", "cohort.json", "cohort.html", "cohort_mqc.tsv"):
        assert (tmp_path / name).stat().st_size > 0, name
    document = json.loads((tmp_path / "cohort.json").read_text())
    sample = {s["sample"]: s for s in document["samples"]}
    assert sample["P4_T"]["progressed_on"] == ["crizotinib", "ceritinib"]  # the sheet was read
