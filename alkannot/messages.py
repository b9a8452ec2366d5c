"""What alkannot says on stderr, and with which exit status: every message one line, cut to MESSAGE_CHARACTERS; the
logging set-up; a usage error's line; and the line for a failure that is not bad input (a full disk, a file the
machine will not let alkannot touch, memory, a bug). The command line (cli.py) prints these lines; no click here."""

from __future__ import annotations

import errno
import os
import sys

from .errors import InputError, InputErrors, OptionProblem, UsageProblem

EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
# the exit codes README lists, for pipelines' retry rules (pipeline review of stop 42, finding 8): every command's help
EXIT_CODES = (
    "Exit status: 0 success; 1 internal error (or out of memory); 2 bad usage; 3 bad input data or an output that "
    "cannot be written (one line naming the file and record); 128 + N stopped by signal N (130 Ctrl-C, 143 SIGTERM, "
    "129 SIGHUP)."
)

# what `kb export -o` takes without --format vcf, for a path that is (or names) a file (pipe50, item 1)
EXPORT_DIRECTORY = (
    "kb export --format tsv (the default) writes a directory (the --kb DIR layout); give a directory, or --format vcf "
    "for one site VCF"
)

MESSAGE_CHARACTERS = 2000  # a 100 kb REF in a message would flood a pipeline's log on one line


def bounded(text: str) -> str:
    """`text` cut to MESSAGE_CHARACTERS, saying how long it was (pipeline review 2026-12-01, second reading,
    finding 8); a file name's bytes that are not UTF-8 shown as '\\xe9', not as Python's surrogate '\\udce9'
    (pipeline review of stop 36, finding 5)."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if len(text) <= MESSAGE_CHARACTERS:
        return text
    return f"{text[: MESSAGE_CHARACTERS - 60]}... (message cut: {len(text):,} characters)"


def one_line(text: str) -> str:
    """A message on one line (a newline in a file name is shown as \\n), bounded."""
    return bounded(text.replace("\r", "\\r").replace("\n", "\\n"))


def setup_logging(verbose: bool, quiet: bool) -> None:
    """Warnings and information on stderr as 'alkannot: LEVEL: message' (-v: debug too; -q: errors only). logging is
    imported here, not with this module (alkannot.log)."""
    import logging

    class BoundedFormatter(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return bounded(super().format(record))

    level = logging.DEBUG if verbose else (logging.ERROR if quiet else logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(BoundedFormatter("alkannot: %(levelname)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])


def usage_error(message: str, command: str) -> str:
    """A usage error's one line: the problem (white space folded, no closing full stop) and the command whose help
    to read."""
    return f"alkannot: error: {' '.join(message.split()).rstrip('.')} (see '{command} --help')"


def input_error_lines(exc: InputError, command: str) -> tuple[list[str], int]:
    """The lines and exit status of bad input (exit 3, a line per problem) or of a usage problem the files raise
    (exit 2, with the command's hint; an option's value said as a usage error is)."""
    if isinstance(exc, OptionProblem):
        return [usage_error(str(exc), command)], EXIT_USAGE
    if isinstance(exc, UsageProblem):  # the files are fine; the command line does not say how to use them
        return [f"alkannot: error: {exc} (see '{command} --help')"], EXIT_USAGE
    return [f"alkannot: error: {line}" for line in (exc.lines() if isinstance(exc, InputErrors) else [str(exc)])], (
        EXIT_INPUT
    )


# errors only a write gives (a full disk, a quota, a file too large): the output's problem, not a bug
_WRITE_ONLY_ERRORS = {getattr(errno, n) for n in ("ENOSPC", "EDQUOT", "EFBIG") if hasattr(errno, n)}


def failure_line(exc: Exception, subcommand: str | None) -> tuple[str, int]:
    """The line and exit status of an exception that is no InputError: an output the disk cannot hold or a file the
    machine will not let alkannot touch (exit 3), memory (exit 1), else a bug (exit 1), with how to get a traceback."""
    if isinstance(exc, OSError) and exc.errno in _WRITE_ONLY_ERRORS and not exc.filename:
        # `alkannot lookup G1202R > /dev/full`: a full disk behind a shell redirect, as annotate says it
        return f"alkannot: error: <stdout>: cannot write output ({exc.strerror})", EXIT_INPUT
    if isinstance(exc, (PermissionError, IsADirectoryError, NotADirectoryError)) and exc.filename:
        # a file the machine will not let alkannot read or write: the input's problem, not a bug
        return f"alkannot: error: {os.fsdecode(exc.filename)}: {exc.strerror}", EXIT_INPUT
    if isinstance(exc, MemoryError):  # the machine's limit, not a bug (pipeline review of stop 42, finding 5)
        return (
            'alkannot: error: out of memory (MemoryError): give the job more memory; the README\'s "Speed" '
            "gives the memory measured per kind of input",
            EXIT_INTERNAL,
        )
    # --debug is the group's option: it goes before the subcommand (pipelines append options after it)
    rerun = " ".join(filter(None, ("alkannot --debug", subcommand, "...")))
    return (
        f"alkannot: internal error: {type(exc).__name__}: {exc} "
        f"(this is a bug; please report it with the command and input, or rerun as '{rerun}' for a traceback)",
        EXIT_INTERNAL,
    )
