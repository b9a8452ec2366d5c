"""`alkannot kb export FILE` prints one knowledge-base file, which neither `kb --help` nor README said (stop 52): the
help names it, and every file the --kb DIR layout holds comes out as the bundled copy has it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import ALKANNOT

KB = Path(__file__).parents[1] / "resources" / "kb"
# every file of the bundled knowledge base, as it lies on disk (not a copy of knowledge.KB_FILES, which would
# miss a file added to the folder and not to that list)
FILES = sorted(p.name for p in KB.iterdir() if p.is_file())


def test_kb_help_names_export_of_one_file():
    shown = subprocess.run([ALKANNOT, "kb", "--help"], capture_output=True, text=True)
    assert shown.returncode == 0 and "export [FILE] [--format tsv|vcf]" in " ".join(shown.stdout.split())


def test_each_file_is_exported_alone_as_bundled(tmp_path):
    for name in FILES:
        run = subprocess.run([ALKANNOT, "kb", "export", name], capture_output=True)
        assert run.returncode == 0 and run.stdout == (KB / name).read_bytes(), name
    written = subprocess.run([ALKANNOT, "kb", "export", "VERSION", "-o", str(tmp_path / "kb")], capture_output=True)
    assert written.returncode == 0 and [p.name for p in (tmp_path / "kb").iterdir()] == ["VERSION"]


def test_another_name_is_a_usage_error_listing_the_files():
    run = subprocess.run([ALKANNOT, "kb", "export", "calls.csv"], capture_output=True, text=True)
    assert run.returncode == 2 and run.stdout == ""
    (line,) = run.stderr.splitlines()
    assert line.startswith("alkannot: error: kb export: no knowledge-base file 'calls.csv' (one of calls.tsv, ")
