"""`alkannot report` over many inputs: an INFO line said of each input alike ("x.vcf.gz: region mode: 1 records read
through the index", "--min-vaf 0.05, as in the alkannot annotate run that wrote it") is printed for the first input
and counted for the others, then summed up in one line; 200 annotated files printed 800 such lines, among which the
warnings that matter were lost (cohort review of stop 47). Warnings and errors are never held back, and `-v` prints
every line."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .log import log

if TYPE_CHECKING:
    from logging import LogRecord

_INFO = 20  # logging.INFO, without importing logging where nothing is said (alkannot.log)


class _AlikePerInput:
    """Holds back an INFO record whose message is one already printed for another input (the same format string, its
    first argument an input's name)."""

    def __init__(self, inputs: set[str]):
        self.inputs = inputs
        self.printed: set[str] = set()
        self.held: Counter[str] = Counter()

    def filter(self, record: LogRecord) -> bool:  # a logger takes any object with this method
        args = record.args
        if record.levelno != _INFO or not isinstance(args, tuple) or not args or args[0] not in self.inputs:
            return True
        if not isinstance(record.msg, str) or record.msg not in self.printed:
            self.printed.add(str(record.msg))
            return True
        self.held[record.msg] += 1
        return False


def _shape(message: str, width: int = 60) -> str:
    """A format string as one kind of line, its start where it is long: 'region mode: ... records read through the
    index', 'no --samples given: the treatment history and ALK status of ...'."""
    shape = re.sub(r"%[-+ #0-9.]*[sdgfr]", "...", message.removeprefix("%s: "))
    if len(shape) <= width:
        return shape
    cut = shape[:width].rsplit(" ", 1)[0].removesuffix(" ...")
    return f"{cut} ..."


@contextmanager
def alike_info_once(inputs: list[str]) -> Iterator[None]:
    """For the length of the block, over two or more `inputs` and unless -v is given: each kind of per-input INFO
    line printed once, the others counted and named in one INFO line at the end."""
    if len(inputs) < 2 or log.getEffectiveLevel() < _INFO:
        yield
        return
    held = _AlikePerInput(set(inputs))
    log.addFilter(held)
    try:
        yield
    finally:  # an error's one line is not followed by a summary
        log.removeFilter(held)
    if held.held:
        log.info(
            "%d more INFO line(s) like those above, said of further inputs, not shown (-v shows each): %s",
            sum(held.held.values()),
            "; ".join(f"'{_shape(message)}' for {count} more" for message, count in held.held.items()),
        )


__all__ = ["alike_info_once"]
