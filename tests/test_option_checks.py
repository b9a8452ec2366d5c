"""The command line's checks of its values live in the library (stop 49, arch49: cli.py thin over the library), so a
program gets them without click, in the words the command line prints (README "Exit status": 2 for bad usage)."""

from __future__ import annotations

import errno
import shlex
from pathlib import Path

import pytest
from helpers import run

from alkannot.errors import OptionProblem, UsageProblem
from alkannot.lookup import check_kb_options
from alkannot.messages import EXIT_INPUT, EXIT_INTERNAL, EXIT_USAGE, failure_line, input_error_lines
from alkannot.options import check_annotate_values, command_line, shell_word
from alkannot.roles import refuse_empty_name
from alkannot.run_paths import refuse_empty_paths


def test_annotate_values_are_checked_in_the_command_lines_words():
    with pytest.raises(OptionProblem, match=r"^Invalid value for --min-vaf: 2 is not a fraction between 0 and 1$"):
        check_annotate_values("out.vcf", "v", None, 2, 0, (None, None, False))
    with pytest.raises(
        OptionProblem,
        match=r"^Invalid value for -W/--write-index: tbi: out.bcf is written as BCF \(-O b\), which takes a CSI index only \(give -W csi\)$",
    ):
        check_annotate_values("out.bcf", "b", "tbi", None, 0, (None, None, False))
    with pytest.raises(OptionProblem, match=r"^--html-template needs --report PREFIX$"):
        check_annotate_values("-", "v", None, None, 0, (None, "t.html.j2", True))
    # a template set in the environment is for other runs' reports: dropped where this run writes none
    assert check_annotate_values("-", "v", None, None, 0, (None, "t.html.j2", False)) is None
    assert check_annotate_values("-", "v", None, None, 0, ("r", "t.html.j2", False)) == "t.html.j2"


def test_empty_values_and_kb_misuse_are_usage_problems():
    with pytest.raises(OptionProblem, match=r"^Invalid value for --sv: an empty path"):
        refuse_empty_paths({"--sv": ("a.vcf", "T=")})
    with pytest.raises(OptionProblem, match=r"^Invalid value for --tumor: an empty sample name"):
        refuse_empty_name("")
    with pytest.raises(OptionProblem, match=r"^Invalid value for -o: x.bcf: kb export --format vcf writes a bgzipped"):
        check_kb_options("export", "vcf", "x.bcf", {"output"})
    refuse_empty_paths({"-o/--output": "-", "--sv": ()})  # nothing empty: no problem
    check_kb_options("list", "tsv", "-", set())


def test_the_lines_and_exit_statuses_of_problems():
    lines, status = input_error_lines(OptionProblem("is negative", "--threads"), "alkannot annotate")
    assert (lines, status) == (
        ["alkannot: error: Invalid value for --threads: is negative (see 'alkannot annotate --help')"],
        EXIT_USAGE,
    )
    assert input_error_lines(UsageProblem("two readers"), "alkannot report")[1] == EXIT_USAGE
    full = OSError(errno.ENOSPC, "No space left on device")
    assert failure_line(full, "lookup") == (
        "alkannot: error: <stdout>: cannot write output (No space left on device)",
        EXIT_INPUT,
    )
    assert failure_line(MemoryError(), "annotate")[1] == EXIT_INTERNAL
    line, status = failure_line(ValueError("x"), "annotate")
    assert "rerun as 'alkannot --debug annotate ...'" in line and status == EXIT_INTERNAL
    assert command_line(("annotate", "a b.vcf", "x\ny")) == "alkannot annotate 'a b.vcf' $'x\\ny'"


def test_the_command_line_prints_them_as_before(tmp_path):
    done = run("annotate", str(tmp_path / "in.vcf"), "--threads", "-1", text=True)
    assert done.returncode == 2
    assert (
        done.stderr == "alkannot: error: Invalid value for --threads: -1 is negative (see 'alkannot annotate --help')\n"
    )
    done = run("kb", "list", "--format", "vcf", text=True)
    assert (done.returncode, done.stderr) == (
        2,
        "alkannot: error: --format vcf applies to 'kb export' (see 'alkannot kb --help')\n",
    )


def test_a_shell_word_is_quoted_as_shlex_quotes_it():
    """options.shell_word quotes without shlex (issue 13) and as shlex.quote does: every file name under tests/data
    and example_vcfs, every ASCII and some other characters alone and in a name, quotes, spaces, the empty word."""
    root = Path(__file__).resolve().parent.parent
    words = [str(p) for folder in ("tests/data", "example_vcfs") for p in (root / folder).rglob("*")]
    words += ["", "'", "a'b", "a b", "--min-vaf=0.05", "é.vcf", "ﬁ", "٣", "x\u00a0y", "$HOME", "a*b", "~/x"]
    words += [chr(c) for c in range(32, 127)] + [f"in{chr(c)}put.vcf" for c in range(32, 127)]
    words += [chr(c) for c in (0xA0, 0xB2, 0xDF, 0x131, 0x2028, 0x3000, 0x10FFFF)]
    assert len(words) > 400
    for word in words:
        assert shell_word(word) == shlex.quote(word), word
