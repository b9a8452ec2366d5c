"""SIGINT, SIGTERM and SIGHUP end a run the same way: as an exception, so that every `finally` and
context manager on the way out removes its temporary files and spools.

Schedulers stop jobs with SIGTERM (Nextflow, SLURM, Kubernetes) and a closed terminal sends SIGHUP;
Python's default for both is to die on the spot, leaving temporary files behind. The command line
installs these handlers for the length of a run and turns `Terminated` into one line on stderr and
exit status 128 + the signal number, as a shell reports a process killed by that signal.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

try:  # the C module signal.py wraps, without signal.py's enums of signals and handlers (about 3 M instructions of
    # the 4-record example, issue 13): the same functions, taking and giving the numbers as plain ints
    import _signal as signal
except ImportError:  # pragma: no cover - a Python without it
    import signal

HANDLED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_NAMES = {signal.SIGINT: "SIGINT", signal.SIGTERM: "SIGTERM", signal.SIGHUP: "SIGHUP"}  # signal.Signals' names


class Terminated(KeyboardInterrupt):
    """The run was stopped by a signal. A KeyboardInterrupt, so that code which already cleans up
    after Ctrl-C cleans up after SIGTERM and SIGHUP too, and `except Exception` never swallows it."""

    def __init__(self, signum: int):
        super().__init__(signal_name(signum))
        self.signum = signum


_deferring = 0
_pending: int | None = None


def _handler(signum, frame) -> None:
    global _pending
    if _deferring:
        _pending = signum
        return
    _stop_listening()  # a second signal must not interrupt the clean-up this one starts
    raise Terminated(signum)


def _stop_listening() -> None:
    for signum in HANDLED:
        signal.signal(signum, signal.SIG_IGN)


@contextmanager
def handled() -> Iterator[None]:
    """Turn the signals into `Terminated` for the duration of the block, then restore the previous
    handlers (the block may run more than once in one process, as the test harness does)."""
    previous = {signum: signal.getsignal(signum) for signum in HANDLED}
    for signum in HANDLED:
        signal.signal(signum, _handler)
    try:
        yield
    finally:
        for signum, action in previous.items():
            signal.signal(signum, action if action is not None else signal.SIG_DFL)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold a signal back until the block is done: renaming finished outputs into place (several
    files that belong together) is not cut in half. The signal takes effect right after."""
    global _deferring, _pending
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
        if not _deferring and _pending is not None:
            signum, _pending = _pending, None
            _stop_listening()
            raise Terminated(signum)


def exit_status(exc: KeyboardInterrupt) -> int:
    """128 + the signal number; a plain KeyboardInterrupt is SIGINT."""
    return 128 + getattr(exc, "signum", signal.SIGINT)


def describe(exc: KeyboardInterrupt) -> str:
    signum = getattr(exc, "signum", signal.SIGINT)
    return "interrupted" if signum == signal.SIGINT else f"terminated by {signal_name(signum)}"


def signal_name(signum: int) -> str:
    """The signal's name as signal.Signals gives it ('SIGTERM')."""
    name = _NAMES.get(signum)
    if name is None:
        import signal as named  # the enum of every signal, for one the run does not handle

        name = named.Signals(signum).name
    return name
