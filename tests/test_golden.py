"""The example cohort's outputs, byte for byte (tests/golden/; `python3 tools/update_golden.py` rewrites them
after a deliberate change). A refactoring must leave them alone."""

from __future__ import annotations

import difflib

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
