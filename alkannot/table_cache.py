"""The bundled tables' values that every run makes (each build's gene spans, the transcript models, the triage
statements and bypass genes), kept with the knowledge base's cache (issue 13: 10 M instructions of the 4-record
example made them again on every run).

`table(key, make)` gives the value of `key`, made once a process: from the cache where the run loaded one whose
tables were made from these very files (each value pickled apart and loaded at its first use), else `make()`.
kb_cache makes every value afresh with the bytes of the files they are made from (`files_content`) and keeps them;
`use` hands a kept set over where those bytes are the files' bytes now (an edited table makes them again). No I/O
but reading the tables' files; nothing said."""

from __future__ import annotations

import os
from typing import Any, Callable, TypeVar

from .bundle import resource_file

_T = TypeVar("_T")
FOLDERS = ("genome", "transcript", "triage")  # every table and sequence there: the files the values are made from
_made: dict[tuple, Any] = {}
_kept: dict[tuple, bytes] = {}


def table(key: tuple, make: Callable[[], _T]) -> _T:
    """The value of `key`, made once a process: the kept one where the cache has it, else `make()`."""
    try:
        return _made[key]
    except KeyError:
        pass
    kept = _kept.pop(key, None)
    if kept is not None:
        from _pickle import loads

        value = _made[key] = loads(kept)
    else:
        value = _made[key] = make()
    return value


def files_content() -> bytes:
    """The bytes of every table and sequence the values are made from, each `folder/name NUL content NUL`."""
    parts = []
    for folder in FOLDERS:
        for name in sorted(os.listdir(resource_file(folder))):
            if name.endswith((".tsv", ".fa")):
                with open(resource_file(folder, name), "rb") as handle:
                    parts.append(f"{folder}/{name}".encode() + b"\0" + handle.read() + b"\0")
    return b"".join(parts)


def use(kept: Any) -> None:
    """The kept values ((the files' content, {key: pickled value}), as kb_cache keeps them), where they were made
    from these very files."""
    if type(kept) is not tuple or len(kept) != 2 or type(kept[1]) is not dict:
        return
    try:
        same = kept[0] == files_content()
    except OSError:
        return
    if same:
        _kept.update((key, value) for key, value in kept[1].items() if key not in _made)


__all__ = ["FOLDERS", "files_content", "table", "use"]
