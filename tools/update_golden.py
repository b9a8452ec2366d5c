#!/usr/bin/env python3
"""Regenerate the golden outputs of the example cohort (tests/golden/), which tests/test_golden.py compares
byte for byte: the annotated VCF's records (header lines that name the command or version left out) and the
report's TSV and JSON, in both builds.

    python3 tools/update_golden.py        # after a deliberate change of output; review `git diff tests/golden`
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from golden import BUILDS, GOLDEN, golden_outputs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """`--help` prints this and writes nothing; an argument it does not take is exit 2, nothing written."""
    parser = argparse.ArgumentParser(
        description="Regenerate tests/golden/ (the example cohort's annotated VCF records and report TSV/JSON, both "
        "builds) from the current code. Review `git diff tests/golden` afterwards.",
    )
    parser.parse_args(argv)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for build in BUILDS:
        for name, data in golden_outputs(build).items():
            (GOLDEN / name).write_bytes(data)
            print(f"wrote tests/golden/{name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
