"""The `alkannot` command (its console script, and `python -m alkannot`).

The garbage collector is off while the command's modules are imported: what they make (modules, classes, functions,
tables) lives as long as the run, so the collections that their allocations set off find nothing to free (about 3%
of the instructions of annotating the 4-record example, issue 13). `command_run.started` freezes what was made and
turns the collector on again before the command reads its input.

The console script reads an `alkannot annotate` command line without click where it can (quick_args: importing click
cost about 14 ms of a 4-record run); every other command line, and every one quick_args is unsure of, click reads.

This module imports nothing but gc before `main` runs (typing, imported here for its `Any`, set off two collections
while the collector was still on: about 0.8 M instructions, issue 13).

The console script (`console`, and `python -m alkannot`) leaves without the interpreter's finalisation (`leave`:
its exit handlers run, the standard streams are flushed, then os._exit): tearing down some 300 modules and their
objects (Py_FinalizeEx) was 8.2 M instructions of the 4-record run (issue 13), and every file the command writes is
closed before the command ends. `main`, which programs and tests call in-process, ends as before."""

from __future__ import annotations

import gc

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing before `main` turns the collector off
if TYPE_CHECKING:
    from typing import Any


def main(*args: Any, **kwargs: Any) -> None:
    """The click command's `main`: its arguments (`args`, `prog_name`, `standalone_mode`...) are passed on, so the
    console script can be called as click's command can (the corpus test calls it in-process). Called without any,
    an annotate command line quick_args reads is run without click (command_run.run_quick). Its end is a SystemExit,
    as click's."""
    gc.disable()
    if not args and not kwargs:
        from .quick_args import read_command_line

        reading = read_command_line()
        if reading is not None:
            from .annotate_command import run as annotate
            from .command_run import run_quick

            run_quick(reading, annotate)
    from .cli import main as command

    command(*args, **kwargs)


def console(*args: Any, **kwargs: Any) -> None:
    """The console script (setup.cfg) and `python -m alkannot`: `main`, then, called without arguments (the command
    line), the process's end by `leave`; called with click's (`args`, `prog_name`: tests/test_corpus.py loads the
    entry point and calls it in-process), `main` as it is."""
    if args or kwargs:
        main(*args, **kwargs)
        return
    try:
        main()
    except SystemExit as exc:
        leave(exc)
        raise


def leave(ending: SystemExit) -> None:
    """The process's end with the status of `ending` (None or a number), without the interpreter's finalisation:
    where no other thread runs, the exit handlers run (logging's flush of its handlers, the finalizers registered
    with atexit) and standard output and error are flushed, then os._exit. Returns, so that the exit takes its usual
    path, where the status is a message, another thread runs, or a flush fails (a full disk, a reader gone: the
    usual path says so as before)."""
    import sys

    status = ending.code
    if status is not None and (not isinstance(status, int) or isinstance(status, bool)):
        return
    # a Python thread is started through threading (imported by then); where it is not imported (a -q run imports
    # neither it nor logging, alkannot.log), only this thread runs
    threading = sys.modules.get("threading")
    if (threading is not None and threading.active_count() != 1) or not _flushed():
        return
    import atexit

    atexit._run_exitfuncs()
    if not _flushed():
        return
    import os

    os._exit(status or 0)


def _flushed() -> bool:
    import sys

    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True


if __name__ == "__main__":
    console()
