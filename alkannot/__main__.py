"""The `alkannot` command (its console script, and `python -m alkannot`).

The garbage collector is off while the command's modules are imported: what they make (modules, classes, functions,
tables) lives as long as the run, so the collections that their allocations set off find nothing to free (about 3%
of the instructions of annotating the 4-record example, issue 13). `cli._started` freezes what was made and turns
the collector on again before the command reads its input."""

import gc
from typing import Any


def main(*args: Any, **kwargs: Any) -> None:
    """The click command's `main`: its arguments (`args`, `prog_name`, `standalone_mode`...) are passed on, so the
    console script can be called as click's command can (the corpus test calls it in-process)."""
    gc.disable()
    from .cli import main as command

    command(*args, **kwargs)


if __name__ == "__main__":
    main()
