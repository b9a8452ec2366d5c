"""The tests run the installed `alkannot` by name where a pipeline does (the Snakemake wrapper's shell command, the
Nextflow module's script, the bioconda recipe's test commands): the interpreter's own bin directory (the virtual
environment the README's test command makes, `.venv/bin`) goes first on PATH, as activating it would, so a machine
with no `alkannot` on PATH runs the project's own entry point, not none (CI on a fresh machine, stop 42)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_BIN = str(Path(sys.executable).parent)
if (Path(_BIN) / "alkannot").exists() and os.environ.get("PATH", "").split(os.pathsep)[:1] != [_BIN]:
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")
