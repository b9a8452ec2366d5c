"""The run of a command, without click: its guard (every failure one line on stderr and the contract's exit status),
the garbage collector's start, and the quick start of `alkannot annotate` (quick_args read its command line). click's
group (cli._Group) runs every command through `invoke_guarded`; the console script runs an annotate command line
quick_args could read through `run_quick`, with the same guard, so that its messages and exit statuses are the same.
No click at import (issue 13: importing click and what it loads cost about 14 ms of a 4-record run): a message is
written with click's `echo`, imported then, as every message was."""

from __future__ import annotations

import gc
import sys
from typing import Callable, NoReturn, TypeVar

from . import interrupts
from .errors import InputError

T = TypeVar("T")


def started() -> None:
    """A command's modules are imported: what they made lives as long as the run, so the garbage collector, off while
    the command line imported them (alkannot.__main__), leaves it alone (gc.freeze, issue 13) and collects the rest."""
    gc.freeze()
    gc.enable()


def echo(line: str) -> None:
    """A message on stderr, on one line (a newline in a file name is shown as \\n), as click writes it (ANSI escapes
    taken out where stderr is no terminal); a terminal that is gone (SIGHUP) must not turn it into a second error."""
    import click

    from .messages import one_line  # the messages module, as click, only where something is said

    try:
        click.echo(one_line(line), err=True)
    except OSError:
        pass


def standard_output_failed(exc: OSError) -> NoReturn:
    """The run's end where writing standard output failed: its reader went away (`| head`), quietly, exit 0; else one
    line, as failure_line says it (`<stdout>: cannot write output (No space left on device)`, exit 3)."""
    from .messages import failure_line
    from .output import silence_standard_output

    silence_standard_output()
    if isinstance(exc, BrokenPipeError):
        sys.exit(0)
    line, status = failure_line(exc, None)
    echo(line)
    sys.exit(status)


def invoke_guarded(
    call: Callable[[], T],
    naming: Callable[[], tuple[str, str | None]],
    debug: bool,
    passing: tuple[type[BaseException], ...] = (),
) -> T:
    """`call()`, its failures said in one line each with the contract's exit status: bad input (exit 3) or a usage
    problem the files or values raise (exit 2), a closed standard output, an interrupt (Ctrl-C, SIGTERM, SIGHUP: 128 +
    N), a bug (exit 1; raised as it is with `debug`, --debug). `naming()`: the command ('alkannot annotate') and the
    subcommand ('annotate') the lines name, asked when one is said; `passing`: what is raised as it is (click's own)."""
    raised_as_is: tuple[type[BaseException], ...] = (*passing, SystemExit)
    try:
        return call()
    except InputError as exc:
        from .messages import input_error_lines

        lines, status = input_error_lines(exc, naming()[0])
        for line in lines:
            echo(line)
        sys.exit(status)
    except BrokenPipeError as exc:
        standard_output_failed(exc)
    except KeyboardInterrupt as exc:  # Ctrl-C, and SIGTERM/SIGHUP as interrupts.Terminated
        echo(f"alkannot: {interrupts.describe(exc)}")
        sys.exit(interrupts.exit_status(exc))
    except raised_as_is:
        raise
    except Exception as exc:  # a bug: say so, hint at reporting it
        if debug:
            raise
        from .messages import failure_line

        line, status = failure_line(exc, naming()[1])
        echo(line)
        sys.exit(status)


def run_quick(reading, annotate: Callable[..., None]) -> NoReturn:
    """An `alkannot annotate` command line quick_args read (a quick_args.Reading), run as click's group would run it
    (cli._Group.main and .invoke): the same guard of the standard descriptors and of the signals, the same logging
    set-up, the same lines and exit statuses. `annotate`: annotate_command.run, which cli.annotate calls too."""
    from .output import guard_standard_descriptors

    guard_standard_descriptors()
    with interrupts.handled():
        try:
            invoke_guarded(lambda: _annotate(reading, annotate), lambda: (reading.command, "annotate"), reading.debug)
        except EOFError:  # --debug's EOFError, which click's main takes for an interrupt (a blank line, then Abort)
            echo("")
            echo(f"alkannot: {interrupts.describe(KeyboardInterrupt())}")
            sys.exit(interrupts.exit_status(KeyboardInterrupt()))
        except OSError as exc:  # --debug's OSError, said as _Group.main says one
            standard_output_failed(exc)
    sys.exit(0)


def _annotate(reading, annotate: Callable[..., None]) -> None:
    set_up_logging(reading)
    annotate(reading.params, reading.input_defaulted, reading.template_given, reading.invoked_args)


_ERROR = 40  # logging.ERROR


def set_up_logging(reading) -> None:
    """The logging of a run as click's group sets it up: the group's -q/-v (setup_logging), then the subcommand's
    (`annotate -q`), which set the level again (cli._verbosity)."""
    errors_only = reading.level_after == _ERROR or (
        reading.level_after is None and reading.quiet and not reading.verbose
    )
    if errors_only:  # -q: logging imported when first needed (alkannot.log), as -q's
        from .log import quiet_until_said

        quiet_until_said()
        return
    import logging

    from .messages import setup_logging

    setup_logging(reading.verbose, reading.quiet)
    if reading.level_after is not None:
        logging.getLogger().setLevel(reading.level_after)
