"""Locate and read the bundled resource files (installed as the package alkannot.resources)."""

from __future__ import annotations

import csv
import hashlib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _resource_root() -> Path:
    installed = Path(__file__).resolve().parent / "resources"  # the package alkannot.resources, unpacked
    if installed.is_dir():
        return installed
    try:  # any other way the package can be installed (importlib.resources: a few ms to import, so not first)
        from importlib import resources

        return Path(str(resources.files("alkannot.resources")))
    except ModuleNotFoundError:  # running from a source checkout that is not installed
        return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Filesystem path of a bundled resource file."""
    return _resource_root().joinpath(*parts)


def read_tsv(*parts: str) -> list[dict[str, str]]:
    """Rows of a bundled TSV; lines starting with '#' are comments."""
    with open(resource_path(*parts), newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def read_fasta(*parts: str) -> str:
    """The single sequence of a bundled FASTA file, upper-case."""
    text = resource_path(*parts).read_text(encoding="ascii")
    return "".join(line.strip() for line in text.splitlines() if not line.startswith(">")).upper()


def sha256(*parts: str) -> str:
    return hashlib.sha256(resource_path(*parts).read_bytes()).hexdigest()
