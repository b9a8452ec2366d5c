#!/usr/bin/env python3
"""Regenerate resources/kb/{calls,notes,sources}.tsv, inhibitors.tsv and VERSION from shared/kb.

    python3 tools/build_kb.py [SHARED_KB_DIR] [--version V] [--date YYYY-MM-DD]

The runtime never runs this: alkannot reads only the bundled files. Every curation decision this
script makes (how a review-matrix cell becomes statements, which evidence kind a source gets, how
a CIViC item becomes a statement, which disease and fusion background a statement is about) is
listed in resources/kb/PROVENANCE.md; change both together. Statements and sources that the shared
files do not hold (read later, e.g. for the 2026-11 clinical review) are curated in
tools/kb_curation/*.tsv, each row with where it was read. thresholds.tsv, RULES.md and
PROVENANCE.md are written by hand.

This file is the command line; the build is the package tools/kb_build/, one module per job (its
__init__ lists them). Every name the build defines is re-exported here (tests and PROVENANCE.md use them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# the kb_build package beside this file, also when a test loads this file by its path
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb_build import *  # noqa: E402, F403
from kb_build import OUT, ROOT, build  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared_kb", nargs="?", default=str(ROOT.parent / "shared" / "kb"))
    parser.add_argument("--version", default=None)
    parser.add_argument("--date", default=None)
    args = parser.parse_args(argv)
    statements, sources, skipped = build(Path(args.shared_kb), OUT, args.version, args.date)
    for line in skipped:
        print("skipped", line, file=sys.stderr)
    print(f"{len(statements)} statements, {len(sources)} sources", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
