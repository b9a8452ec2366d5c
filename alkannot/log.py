"""alkannot's logger, for the modules that say messages (`from .log import log`): the standard library's logging
is imported when a message is said or the logger is asked about, not when a module is imported.

A run that says only errors (`-q`, as the console script's quick start sets it up: command_run.set_up_logging) drops
its debug, info and warning calls here until something asks for the logger itself (an error to say, a filter, a
level), which sets the logging up as messages.setup_logging does for `-q` and then hands over to it: so a `-q` run
that says nothing never imports logging (with traceback, linecache, tokenize, textwrap and threading, about 23 M of
the 4-record example's 385 M instructions: issue 13). Everything else is the logging.Logger named 'alkannot'."""

from __future__ import annotations

import sys
from typing import Any

_QUIET_DROPS = frozenset({"debug", "info", "warning"})  # below -q's level (ERROR): never said
_pending = {"quiet": False}  # -q asked for, logging not set up yet


def _logger() -> Any:
    import logging

    if _pending["quiet"]:
        _pending["quiet"] = False
        from .messages import setup_logging

        setup_logging(False, True)
    return logging.getLogger("alkannot")


def _dropped(*_: Any, **__: Any) -> None:
    return None


class _Log:
    """logging.getLogger('alkannot'), fetched at each use (see the module's text)."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if _pending["quiet"] and name in _QUIET_DROPS:
            return _dropped
        return getattr(_logger(), name)


log: Any = _Log()


def quiet_until_said() -> None:
    """The logging of a run that says errors only (-q): set up when first needed (see the module's text); at once
    where logging is already imported (something else may be using it)."""
    if "logging" in sys.modules:
        from .messages import setup_logging

        setup_logging(False, True)
    else:
        _pending["quiet"] = True


__all__ = ["log", "quiet_until_said"]
