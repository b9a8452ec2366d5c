"""Progress bars on stderr for long work (bytes of a large VCF read, files of a cohort).

Drawn only when stderr is a terminal and messages are not silenced (`-q`): a pipeline's log file or pipe
never receives one. Only the outermost bar is drawn, so a cohort's bar over files is not broken up by the
bar of each file's pass.
"""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, TypeVar

from .log import log

T = TypeVar("T")

_drawing = False  # a bar is on the terminal now (inherited by forked scanning processes)


def wanted() -> bool:
    """Whether a bar may be drawn: stderr is a terminal, messages are on, and no bar is already drawn."""
    if _drawing:
        return False
    try:
        terminal = sys.stderr.isatty()
    except (AttributeError, ValueError):  # stderr replaced or closed
        return False
    return terminal and log.getEffectiveLevel() < logging.ERROR  # alkannot.log: -q set up if pending


@contextmanager
def byte_bar(label: str, length: int) -> Iterator[Callable[[int], None]]:
    """Yields advance(n_bytes); a bar of `length` bytes when wanted(), else a function that does nothing."""
    if length <= 0 or not wanted():
        yield _nothing
        return
    import click

    global _drawing
    _drawing = True
    try:
        with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
            yield bar.update
    finally:
        _drawing = False


def over_records(
    label: str, records: Iterable[tuple[int, T]], length: int, offset: Callable[[], int]
) -> Iterator[tuple[int, T]]:
    """`records` (numbered, as enumerate gives an htslib reader's), with a bar over `length` bytes moved to offset()
    (the bytes read so far) about every LOOKS-th of the file, as the byte-level pass draws its own. The records between
    two looks adapt to their length: a fixed 16,384 left the bar at 0% through a 2,000-sample VCF of 200 records
    (stop 52); per record, one comparison of integers, as before."""
    with byte_bar(label, length) as advance:
        done, look, stride = 0, 0, max(1, length // LOOKS)
        for number, item in records:
            if number >= look:
                at = min(offset(), length)
                advance(at - done)
                done = at
                # the records in `stride` bytes at their mean length so far, at most as many again as read (a
                # BGZF file's offset stays its first block's for its first records)
                read = max(at, 1)
                look = number + max(1, (number + 1) * min(stride, read) // read)
            yield number, item
        advance(length - done)


LOOKS = 500  # how often over a file the --strict pass's bar reads the offset


def each(label: str, items: Iterable[T], at_least: int = 2) -> Iterator[T]:
    """The items, with a bar over them when there are at least `at_least` and wanted()."""
    items = list(items)
    if len(items) < at_least or not wanted():
        yield from items
        return
    import click

    global _drawing
    _drawing = True
    try:
        with click.progressbar(items, label=label, file=sys.stderr) as bar:
            yield from bar
    finally:
        _drawing = False


def _nothing(_: int) -> None:
    return None
