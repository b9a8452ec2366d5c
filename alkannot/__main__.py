"""The `alkannot` command (its console script, and `python -m alkannot`).

The garbage collector is off while the command's modules are imported: what they make (modules, classes, functions,
tables) lives as long as the run, so the collections that their allocations set off find nothing to free (about 3%
of the instructions of annotating the 4-record example, issue 13). `command_run.started` freezes what was made and
turns the collector on again before the command reads its input.

The console script reads an `alkannot annotate` command line without click where it can (quick_args: importing click
cost about 14 ms of a 4-record run); every other command line, and every one quick_args is unsure of, click reads."""

import gc
from typing import Any


def main(*args: Any, **kwargs: Any) -> None:
    """The click command's `main`: its arguments (`args`, `prog_name`, `standalone_mode`...) are passed on, so the
    console script can be called as click's command can (the corpus test calls it in-process). Called without any
    (the console script), an annotate command line quick_args reads is run without click (command_run.run_quick)."""
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


if __name__ == "__main__":
    main()
