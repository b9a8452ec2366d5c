"""The `alkannot` command (its console script, and `python -m alkannot`).

The garbage collector is off while the command's modules are imported: what they make (modules, classes, functions,
tables) lives as long as the run, so the collections that their allocations set off find nothing to free (about 3%
of the instructions of annotating the 4-record example, issue 13). `cli._started` freezes what was made and turns
the collector on again before the command reads its input."""

import gc


def main() -> None:
    gc.disable()
    from .cli import main as command

    command()


if __name__ == "__main__":
    main()
