"""The example cohort's outputs, byte for byte (tests/golden/; `python3 tools/update_golden.py` rewrites them
after a deliberate change). A refactoring must leave them alone."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest
from golden import BUILDS, GOLDEN, golden_outputs


@pytest.mark.parametrize("build", BUILDS)
def test_example_cohort_outputs_are_unchanged(build):
    for name, data in golden_outputs(build).items():
        expected = (GOLDEN / name).read_bytes()
        if data != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.decode(errors="replace").splitlines(keepends=True),
                    data.decode(errors="replace").splitlines(keepends=True),
                    f"tests/golden/{name}",
                    "now",
                    n=1,
                )
            )
            pytest.fail(
                f"{name} differs from its golden file (rerun tools/update_golden.py if intended):\n" + diff[:4000]
            )


@pytest.mark.parametrize("args, code", [(["--help"], 0), (["-h"], 0), (["--bogus"], 2), (["extra"], 2)])
def test_update_golden_writes_nothing_on_help_or_an_unknown_argument(args, code):
    """`tools/update_golden.py --help` printed "wrote tests/golden/..." and rewrote every golden file (cohort review 6,
    finding 13)."""
    script = Path(__file__).parent.parent / "tools" / "update_golden.py"
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in GOLDEN.iterdir()}
    run = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True)
    assert run.returncode == code
    assert "wrote" not in run.stderr and "wrote" not in run.stdout
    assert (run.stdout if code == 0 else run.stderr).startswith("usage: update_golden.py [-h]")
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in GOLDEN.iterdir()} == before
