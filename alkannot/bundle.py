"""Locate and read the bundled resource files (installed as the package alkannot.resources).

pathlib and hashlib are not imported here at start-up: importing them costs about 7 ms each (hashlib loads
OpenSSL), a fifth of alkannot's own share of annotating a small file (issue 13)."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path


@lru_cache(maxsize=1)
def _resource_root() -> str:
    here = os.path.dirname(os.path.realpath(__file__))
    installed = os.path.join(here, "resources")  # the package alkannot.resources, unpacked
    if os.path.isdir(installed):
        return installed
    try:  # any other way the package can be installed (importlib.resources: a few ms to import, so not first)
        from importlib import resources

        return str(resources.files("alkannot.resources"))
    except ModuleNotFoundError:  # running from a source checkout that is not installed
        return os.path.join(os.path.dirname(here), "resources")


def resource_file(*parts: str) -> str:
    """Filesystem path of a bundled resource file, as a string (no pathlib import)."""
    return os.path.join(_resource_root(), *parts)


def resource_path(*parts: str) -> Path:
    """Filesystem path of a bundled resource file."""
    from pathlib import Path

    return Path(resource_file(*parts))


def sha256_digest() -> Any:
    """A new SHA-256 digest: the interpreter's built-in one where it has it (the same digest as hashlib's,
    without loading OpenSSL), else hashlib's."""
    try:
        from _sha256 import sha256 as new  # Python <= 3.11
    except ImportError:
        try:
            from _sha2 import sha256 as new  # Python >= 3.12
        except ImportError:
            from hashlib import sha256 as new
    return new()


def read_tsv(*parts: str) -> list[dict[str, str]]:
    """Rows of a bundled TSV; lines starting with '#' are comments."""
    with open(resource_file(*parts), newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return tsv_rows(lines)


def tsv_rows(lines: list[str]) -> list[dict[str, str]]:
    """The rows of `lines` (the header first) as `csv.DictReader(lines, delimiter="\\t")` reads them: where no line
    holds a quote or a carriage return (csv's quoting and line ends are then moot), each line split at its tabs, a
    tenth of the csv module's cost (the bundled tables are read on every run, issue 13); a short row's missing
    cells None and a long row's extra cells under the key None, as DictReader gives them."""
    if any('"' in line or "\r" in line for line in lines):
        import csv  # only here: a run imports no csv where no table needs its quoting (issue 13)

        return list(csv.DictReader(lines, delimiter="\t"))
    split = [line.rstrip("\n").split("\t") for line in lines]
    if not split:
        return []
    header, body = split[0], split[1:]
    width = len(header)
    rows: list[dict[Any, Any]] = [dict(zip(header, cells)) for cells in body]
    for n in [n for n, cells in enumerate(body) if len(cells) != width]:
        if len(body[n]) > width:
            rows[n][None] = body[n][width:]
        else:
            rows[n].update(dict.fromkeys(header[len(body[n]) :]))
    return rows


def read_fasta(*parts: str) -> str:
    """The single sequence of a bundled FASTA file, upper-case."""
    with open(resource_file(*parts), "rb") as handle:
        text = handle.read().decode("ascii")  # bytes.decode: no codec module imported, as open(encoding=) would
    return "".join(line.strip() for line in text.splitlines() if not line.startswith(">")).upper()


def sha256(*parts: str) -> str:
    digest = sha256_digest()
    with open(resource_file(*parts), "rb") as handle:
        digest.update(handle.read())
    return digest.hexdigest()
