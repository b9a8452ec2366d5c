"""The console script's quick reading of an `alkannot annotate` command line, without click (issue 13: importing click
and what it loads cost about 14 ms of a 4-record run of about 120 ms). It reads a command line exactly as click's
parser reads it (click/parser.py: an option's value attached or the next argument, `--opt=value`, combined short
flags, `--`, INPUT before or after the options, a repeated --sv/--fusions, -W's optional value) and gives the values
click would give annotate; anything else is None, and click reads the command line as it always did: --help,
--version, another subcommand, an unknown option, a missing or extra argument, a value click would refuse in its own
words (-O x, -l ten, --build hg20), -q with -v, ALKANNOT_HTML_TEMPLATE or a shell-completion request in the
environment, `python -m alkannot`, Windows. tests/test_quick_args.py holds the two readers to the same answers."""

from __future__ import annotations

import os
import re
import sys
from typing import Any, Mapping

from .options import BUILD_NAMES

# the options by name: (value name, how it is read); shorts are one letter after '-'
_FLAG, _VALUE, _MULTIPLE, _OPTIONAL = "flag", "value", "multiple", "optional"
_HELP = ("help", _FLAG)
_GROUP_SHORT = {"-v": ("verbose", _FLAG), "-q": ("quiet", _FLAG), "-h": _HELP}
_GROUP_LONG = {
    "--debug": ("debug", _FLAG),
    "--verbose": ("verbose", _FLAG),
    "--quiet": ("quiet", _FLAG),
    "--version": ("version", _FLAG),
    "--help": _HELP,
}
_SHORT = {
    "-q": ("quiet", _FLAG),
    "-v": ("verbose", _FLAG),
    "-o": ("output", _VALUE),
    "-O": ("output_type", _VALUE),
    "-l": ("compression_level", _VALUE),
    "-W": ("write_index", _OPTIONAL),
    "-h": _HELP,
}
_LONG = {
    "--quiet": ("quiet", _FLAG),
    "--verbose": ("verbose", _FLAG),
    "--output": ("output", _VALUE),
    "--output-type": ("output_type", _VALUE),
    "--compression-level": ("compression_level", _VALUE),
    "--write-index": ("write_index", _OPTIONAL),
    "--build": ("build", _VALUE),
    "--sv": ("sv_paths", _MULTIPLE),
    "--fusions": ("fusion_paths", _MULTIPLE),
    "--samples": ("samples_path", _VALUE),
    "--tumor": ("tumor", _VALUE),
    "--min-vaf": ("min_vaf", _VALUE),
    "--report": ("report_prefix", _VALUE),
    "--html-template": ("html_template", _VALUE),
    "--threads": ("threads", _VALUE),
    "--kb": ("kb_dir", _VALUE),
    "--no-version": ("no_version", _FLAG),
    "--strict": ("strict", _FLAG),
    "--help": _HELP,
}
_DEFAULTS: dict[str, Any] = {
    "output": "-",
    "output_type": None,
    "compression_level": None,
    "write_index": None,
    "build": "auto",
    "sv_paths": (),
    "fusion_paths": (),
    "samples_path": None,
    "tumor": None,
    "min_vaf": None,
    "report_prefix": None,
    "html_template": None,
    "threads": 0,
    "kb_dir": None,
    "no_version": False,
    "strict": False,
}
_FLAG_VALUE = "csi"  # -W without a value
_NEEDS_VALUE = object()  # -W where click takes its flag value
_OUTPUT_TYPES = {"v": ("v", None), "u": ("u", None)} | {
    f"{kind}{level}": (kind, int(level) if level else None) for kind in "zb" for level in ("", *"0123456789")
}
# compiled at its first use (re's cache): only a run given --min-vaf reads a number (issue 13)
_FLOAT = r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
_LOGGING_ERROR, _LOGGING_DEBUG = 40, 10  # logging.ERROR, logging.DEBUG (cli._verbosity sets them)


class Reading:
    """What click would pass: annotate's `params` (click's names and values), whether INPUT was defaulted and
    --html-template given on the command line, the group's --debug/-v/-q, the level annotate's own -q/-v set
    (`level_after`), the arguments (##alkannotCommand) and the command its messages name ('alkannot annotate')."""

    def __init__(
        self,
        params: dict[str, Any],
        input_defaulted: bool,
        group: dict[str, Any],
        level_after: int | None,
        invoked_args: tuple[str, ...],
        command: str,
    ):
        self.params: dict[str, Any] = params
        self.input_defaulted: bool = input_defaulted
        self.template_given: bool = params["html_template"] is not None  # none from the environment (`read`)
        self.debug: bool = group.get("debug", False)
        self.verbose: bool = group.get("verbose", False)
        self.quiet: bool = group.get("quiet", False)
        self.level_after: int | None = level_after
        self.invoked_args: tuple[str, ...] = invoked_args
        self.command: str = command


def read_command_line() -> Reading | None:
    """The console script's command line (sys.argv), or None where click must read it."""
    main_module = sys.modules.get("__main__")
    if getattr(main_module, "__package__", None) not in (None, ""):  # `python -m alkannot`: click names it so
        return None
    if os.name == "nt":  # click expands wildcards in the arguments there
        return None
    prog_name = os.path.basename(sys.argv[0]) if sys.argv else ""
    return read(sys.argv[1:], os.environ, prog_name)


def read(args: list[str], environ: Mapping[str, str], prog_name: str = "alkannot") -> Reading | None:
    """`args` (the arguments after the program's name) as click reads them, or None."""
    complete = "_" + prog_name.replace("-", "_").replace(".", "_").upper() + "_COMPLETE"
    if environ.get(complete) or "ALKANNOT_HTML_TEMPLATE" in environ:
        return None
    rest = list(args)
    group: list[tuple[str, Any]] = []
    while rest and rest[0][:1] == "-" and len(rest[0]) > 1 and rest[0] != "--":
        if not _option(rest.pop(0), rest, _GROUP_LONG, _GROUP_SHORT, group):
            return None
    if not rest or rest.pop(0) != "annotate":
        return None
    found: list[tuple[str, Any]] = []
    positional: list[str] = []
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            positional += rest
            break
        if arg[:1] == "-" and len(arg) > 1:
            if not _option(arg, rest, _LONG, _SHORT, found):
                return None
        else:
            positional.append(arg)
    if len(positional) > 1:
        return None
    said = dict(group)
    names = {name for name, _ in group + found}
    if names & {"help", "version"} or {"quiet", "verbose"} <= names:
        return None
    params = _values(found)
    if params is None:
        return None
    params["input_path"] = positional[0] if positional else "-"
    later = {name for name, _ in found}
    level_after = _LOGGING_ERROR if "quiet" in later else _LOGGING_DEBUG if "verbose" in later else None
    command = " ".join(filter(None, (prog_name, "annotate")))
    return Reading(params, not positional, said, level_after, tuple(args), command)


def _option(arg: str, rest: list[str], longs: dict, shorts: dict, found: list) -> bool:
    """One option argument, as click's _OptionParser._process_opts reads it (a value taken from `rest` where it
    takes one); False where click would stop with a usage error."""
    name, explicit = arg.split("=", 1) if "=" in arg else (arg, None)
    if name in longs:
        dest, how = longs[name]
        if how == _FLAG:
            if explicit is not None:  # "Option '--strict' does not take a value"
                return False
            found.append((dest, True))
            return True
        if explicit is not None:
            rest.insert(0, explicit)
        return _take(dest, how, rest, found)
    if arg[:2] == "--":  # a long option click does not know
        return False
    for at, letter in enumerate(arg[1:], start=2):
        if "-" + letter not in shorts:
            return False
        dest, how = shorts["-" + letter]
        if how == _FLAG:
            found.append((dest, True))
            continue
        if at < len(arg):  # the rest of the argument is the value
            rest.insert(0, arg[at:])
        return _take(dest, how, rest, found)
    return True


def _take(dest: str, how: str, rest: list[str], found: list) -> bool:
    """An option's value, as click's _get_value_from_state takes it: the next argument, whatever it is, except for
    -W, which takes none at the end or before an argument that looks like an option."""
    if how == _OPTIONAL and (not rest or (rest[0][:1] == "-" and len(rest[0]) > 1)):
        found.append((dest, _NEEDS_VALUE))
        return True
    if not rest:  # "Option '-o' requires an argument"
        return False
    found.append((dest, rest.pop(0)))
    return True


def _values(found: list[tuple[str, Any]]) -> dict[str, Any] | None:
    """annotate's values as click converts them (its types and callbacks), or None where one would be refused."""
    given: dict[str, Any] = {}
    for dest, value in found:
        if dest in ("sv_paths", "fusion_paths"):
            given[dest] = (*given.get(dest, ()), value)
        elif dest not in ("quiet", "verbose"):
            given[dest] = value
    params = dict(_DEFAULTS)
    for dest, value in given.items():
        converted = _converted(dest, value)
        if converted is _REFUSED:
            return None
        params[dest] = converted
    return params


_REFUSED = object()


def _converted(dest: str, value: Any) -> Any:
    """One value as click's type and callback make it (cli.annotate's options), or _REFUSED."""
    if dest == "output_type":
        return _OUTPUT_TYPES.get(value, _REFUSED)
    if dest == "write_index":
        kind = _FLAG_VALUE if value is _NEEDS_VALUE else value.lstrip("=").lower()
        return kind if kind in ("tbi", "csi") else _REFUSED
    if dest in ("compression_level", "threads"):
        return int(value) if value.isascii() and value.isdigit() else _REFUSED
    if dest == "min_vaf":
        return float(value) if re.fullmatch(_FLOAT, value) else _REFUSED
    if dest == "build":
        return value if value.lower() in BUILD_NAMES else _REFUSED
    return value
