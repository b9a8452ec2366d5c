"""The console script's quick reading of `alkannot annotate` (quick_args, issue 13: no click at start-up) gives, for
every command line it reads, exactly what click gives annotate: its values, whether INPUT was defaulted, whether
--html-template was given on the command line, the arguments ##alkannotCommand records, the group's --debug, the
logging level and the command its messages name; every other command line it leaves to click (None)."""

from __future__ import annotations

import errno
import logging
import random
import signal

import click
import pytest

from alkannot import annotate_command, cli, command_run, interrupts, messages
from alkannot.errors import InputError, OptionProblem, UsageProblem
from alkannot.quick_args import read

GROUPS = [[], ["-q"], ["-v"], ["--debug"], ["--debug", "-q"], ["--quiet", "--debug"], ["--verbose"], ["-qv"]]
GROUPS += [["-h"], ["--version"], ["--"], ["-x"], ["--debug=1"], ["-q", "-q"], ["-"], ["annotate"]]
OPTIONS = [
    [],
    ["-o", "out.vcf"],
    ["-oout.vcf"],
    ["--output", "out.vcf"],
    ["--output=out.vcf"],
    ["-o=out.vcf"],
    ["-o", "-"],
    ["-o", "-q"],
    ["-o", "--"],
    ["-o", ""],
    ["-o"],
    ["--output"],
    ["-O", "z"],
    ["-Oz"],
    ["-Oz5"],
    ["-O", "b9"],
    ["-Ob0"],
    ["-Ou"],
    ["-Ov"],
    ["-Ov1"],
    ["-Ou1"],
    ["-O", "x"],
    ["-O", "Z"],
    ["-Oz10"],
    ["-Oz\u00b2"],
    ["--output-type=z"],
    ["--output-type", "b"],
    ["-O"],
    ["-O", "z", "-l", "6"],
    ["-Oz", "-l", "5", "-o", "o.vcf.gz"],
    ["-Oz3", "-l3", "-o", "o.vcf.gz"],
    ["-Ob1", "-l", "2"],
    ["-l", "6"],
    ["-l6"],
    ["-l", "6", "-o", "x.vcf.gz"],
    ["-l", "10"],
    ["-l", "ten"],
    ["--compression-level=06"],
    ["-l", "-1"],
    ["-l", " 6"],
    ["-l", "+6"],
    ["-l", "6_0"],
    ["-l", "\uff16"],
    ["-W"],
    ["-W", "tbi"],
    ["-Wtbi"],
    ["-W=tbi"],
    ["-W==csi"],
    ["-W", "TBI"],
    ["-W", "Csi"],
    ["--write-index"],
    ["--write-index", "tbi"],
    ["--write-index=tbi"],
    ["--write-index=csi"],
    ["--write-index="],
    ["-W", "in.vcf"],
    ["-W", "-"],
    ["-W", "--"],
    ["-W-q"],
    ["-W", "-q"],
    ["--write-index=-q"],
    ["-W", "=csi"],
    ["-Wq"],
    ["-W", "tbi", "-Oz", "-o", "o.vcf.gz"],
    ["-Oz", "-o", "o.vcf.gz", "-W"],
    ["--build", "hg19"],
    ["--build", "GRCH38"],
    ["--build=auto"],
    ["--build", "AUTO"],
    ["--build", "hg20"],
    ["--build"],
    ["--sv", "a.vcf"],
    ["--sv", "a.vcf", "--sv", "S=b.vcf"],
    ["--sv=a.vcf"],
    ["--sv", "-"],
    ["--fusions", "f.tsv", "--fusions=g.tsv"],
    ["--samples", "s.tsv"],
    ["--samples=-"],
    ["--tumor", "T"],
    ["--tumor="],
    ["--tumor", "-T"],
    ["--min-vaf", "0.1"],
    ["--min-vaf=.05"],
    ["--min-vaf", "1e-2"],
    ["--min-vaf", "1."],
    ["--min-vaf", "-0.1"],
    ["--min-vaf", "nan"],
    ["--min-vaf", " 0.1"],
    ["--min-vaf", "2"],
    ["--min-vaf", "0,1"],
    ["--report", "R"],
    ["--report=R", "--html-template", "t.html"],
    ["--html-template", "t.html"],
    ["--html-template="],
    ["--threads", "2"],
    ["--threads=0"],
    ["--threads", "-1"],
    ["--threads", "x"],
    ["--kb", "kbdir"],
    ["--kb="],
    ["--no-version"],
    ["--strict"],
    ["--no-version=1"],
    ["--strict", "--no-version", "--strict"],
    ["-q"],
    ["-v"],
    ["--quiet"],
    ["--verbose"],
    ["-qv"],
    ["-q", "-v"],
    ["-qq"],
    ["-h"],
    ["--help"],
    ["-o", "-h"],
    ["--version"],
    ["--debug"],
    ["--nope"],
    ["--out", "x"],
    ["-x"],
    ["-r", "chr2"],
    ["-qo", "out.vcf"],
    ["-qoout.vcf"],
    ["-vW"],
    ["-qW", "tbi"],
    ["-q=1"],
    ["-o", "a.vcf", "-o", "b.vcf"],
    ["-O", "z", "-O", "v"],
]
INPUTS = [None, "in.vcf", "-", "", "-odd.vcf"]


def _command_lines() -> list[list[str]]:
    lines = []
    for options in OPTIONS:
        for given in INPUTS:
            for group in ([], ["-q"]):
                lines.append([*group, "annotate", *options] + ([] if given is None else ["--", given]))
                if given is not None:
                    lines.append([*group, "annotate", given, *options])
                    lines.append([*group, "annotate", *options, given])
    for group in GROUPS:
        for given in ([], ["in.vcf"], ["in.vcf", "-o", "o.vcf", "-q"], ["-v", "in.vcf"], ["in.vcf", "two.vcf"]):
            lines.append([*group, "annotate", *given])
    lines += [["lookup", "G1202R"], ["kb"], ["report", "x.vcf", "--out", "R"], [], ["annotat"], ["annotate", "--"]]
    picked = random.Random(13)
    for _ in range(400):  # two to four options together, anywhere around INPUT
        tokens = [token for options in picked.sample(OPTIONS, picked.randint(2, 4)) for token in options]
        place = picked.randint(0, len(tokens))
        lines.append(["annotate", *tokens[:place], "in.vcf", *tokens[place:]])
    return lines


def _set_up_logging(verbose: bool, quiet: bool) -> None:
    """messages.setup_logging's levels, without its handler (pytest's own are on the root logger)."""
    logging.getLogger().setLevel(logging.DEBUG if verbose else (logging.ERROR if quiet else logging.INFO))


@pytest.fixture(autouse=True)
def _root_level_kept():
    """Both readers set the root logger's level as a run does (-q: ERROR); a later test's caplog must not inherit it
    (tests/test_stop47_built_once.py read no warning after this file had run)."""
    level = logging.getLogger().level
    yield
    logging.getLogger().setLevel(level)


def _clicks(args: list[str], monkeypatch) -> tuple | None:
    """What click passes to annotate's work for `args`, or None where it stops (a usage error, --help...)."""
    seen: list[tuple] = []

    def record(params, input_defaulted, template_given, invoked_args):
        root = click.get_current_context().find_root()
        command = " ".join(filter(None, (root.command_path, root.invoked_subcommand)))
        level = logging.getLogger().level
        seen.append((params, input_defaulted, template_given, invoked_args, root.params["debug"], level, command))

    monkeypatch.setattr(annotate_command, "run", record)
    monkeypatch.setattr(cli, "setup_logging", _set_up_logging)
    try:
        cli.main.main(args=list(args), prog_name="alkannot", standalone_mode=False)
    except (click.ClickException, click.Abort, SystemExit):
        pass
    return seen[0] if seen else None


def _quick(args: list[str], monkeypatch) -> tuple | None:
    reading = read(list(args), {}, "alkannot")
    if reading is None:
        return None
    monkeypatch.setattr(messages, "setup_logging", _set_up_logging)
    command_run.set_up_logging(reading)
    level = logging.getLogger().level
    return (
        reading.params,
        reading.input_defaulted,
        reading.template_given,
        reading.invoked_args,
        reading.debug,
        level,
        reading.command,
    )


def test_every_command_line_the_quick_reading_reads_is_read_as_click_reads_it(monkeypatch, capsys):
    monkeypatch.delenv("ALKANNOT_HTML_TEMPLATE", raising=False)
    read_alike = left_to_click = 0
    level = logging.getLogger().level
    try:
        for args in _command_lines():
            quick = _quick(args, monkeypatch)
            if quick is None:
                left_to_click += 1
                continue
            logging.getLogger().setLevel(logging.WARNING)
            assert quick == _clicks(args, monkeypatch), args
            read_alike += 1
    finally:
        logging.getLogger().setLevel(level)
    capsys.readouterr()  # click's help and version texts
    assert read_alike > 1000 and left_to_click > 500, (read_alike, left_to_click)


@pytest.mark.parametrize(
    "args",
    [
        ["-q", "annotate", "in.vcf", "-o", "out.vcf"],
        ["annotate", "-", "-Oz", "-W", "tbi", "-o", "o.vcf.gz"],
        ["annotate", "in.vcf", "-Oz", "-o", "o.vcf.gz", "-W"],
        ["--debug", "annotate", "--sv", "a.vcf", "--sv", "S=b.vcf", "in.vcf", "--report", "R", "--min-vaf", "0.05"],
        ["annotate", "--build=hg19", "--tumor", "T", "-l6", "-Ob", "in.vcf", "-o", "o.bcf", "--threads", "2"],
        ["annotate", "in.vcf", "-q", "--no-version", "--strict", "--kb", "kb", "--samples", "s.tsv"],
    ],
)
def test_the_common_command_lines_are_read_quickly(args, monkeypatch):
    assert read(args, {}, "alkannot") is not None
    assert _quick(args, monkeypatch) == _clicks(args, monkeypatch)


@pytest.mark.parametrize(
    "environ",
    [{"ALKANNOT_HTML_TEMPLATE": "t.html"}, {"_ALKANNOT_COMPLETE": "bash_complete"}],
)
def test_the_environment_click_reads_leaves_the_command_line_to_click(environ):
    """--html-template's variable and a shell-completion request are click's to read."""
    args = ["annotate", "in.vcf", "-o", "out.vcf"]
    assert read(args, {}, "alkannot") is not None
    assert read(args, environ, "alkannot") is None


def _ended(start) -> tuple:
    """(exit status or the exception raised, stderr) of `start()`."""
    try:
        start()
    except SystemExit as exc:
        return exc.code, None
    except Exception as exc:  # --debug: the bug itself
        return type(exc).__name__, str(exc)
    raise AssertionError("the run did not end")


@pytest.mark.parametrize(
    "failure",
    [
        InputError("bad record", "in.vcf", 12),
        OptionProblem("0 is not what it takes", "--tumor"),
        UsageProblem("standard input is given to INPUT and --sv"),
        KeyboardInterrupt(),
        interrupts.Terminated(signal.SIGTERM),
        interrupts.Terminated(signal.SIGHUP),
        RuntimeError("a bug"),
        MemoryError(),
        EOFError("early"),
        PermissionError(errno.EACCES, "Permission denied", "out.vcf"),
        OSError(errno.ENOSPC, "No space left on device"),
    ],
)
@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_a_failure_ends_a_quick_run_as_it_ends_clicks(failure, debug, monkeypatch, capsys):
    """The run's guard is one (command_run.invoke_guarded): every failure of annotate's work is the same line and exit
    status whichever reader started it, and with --debug the same exception, or line where click's main says one."""
    monkeypatch.delenv("ALKANNOT_HTML_TEMPLATE", raising=False)
    args = [*debug, "annotate", "in.vcf", "-o", "out.vcf"]

    def fail(*_, **__):
        raise failure

    monkeypatch.setattr(annotate_command, "run", fail)
    monkeypatch.setattr(cli, "setup_logging", _set_up_logging)
    monkeypatch.setattr(messages, "setup_logging", _set_up_logging)
    level = logging.getLogger().level
    try:
        by_click = _ended(lambda: cli.main.main(args=args, prog_name="alkannot")), capsys.readouterr().err
        reading = read(args, {}, "alkannot")
        quick = _ended(lambda: command_run.run_quick(reading, fail)), capsys.readouterr().err
    finally:
        logging.getLogger().setLevel(level)
    assert quick == by_click
    assert quick[0][0] in (1, 2, 3, 128 + 2, 128 + 15, 128 + 1) or debug, quick
