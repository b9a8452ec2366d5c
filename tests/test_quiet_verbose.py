"""-q and -v in one run are a usage error (exit 2, one line), before or after the subcommand and in either order: -v
won even where -q came first (`alkannot -qv ...`, `alkannot -q annotate -v ...`; pipeline review, finding left open
after stop 45). Through the installed entry point, on the bundled example."""

from __future__ import annotations

import pytest
from helpers import EXAMPLES, run

EXAMPLE = EXAMPLES / "GRCh38" / "tumor_normal.vcf"
BOTH = "-q/--quiet (errors only) and -v/--verbose (more messages) contradict each other: give one"


@pytest.mark.parametrize(
    "before,after,where",
    [
        (["-qv"], [], "alkannot"),
        (["-q", "-v"], [], "alkannot"),
        (["-v", "--quiet"], [], "alkannot"),
        ([], ["-qv"], "alkannot annotate"),
        ([], ["-q", "-v"], "alkannot annotate"),
        ([], ["--verbose", "-q"], "alkannot annotate"),
        (["-q"], ["-v"], "alkannot annotate"),
        (["-v"], ["-q"], "alkannot annotate"),
    ],
)
def test_quiet_and_verbose_together_are_a_usage_error(tmp_path, before, after, where):
    out = tmp_path / "out.vcf"
    result = run(*before, "annotate", *after, EXAMPLE, "-o", out, text=True)
    assert result.returncode == 2
    assert result.stderr == f"alkannot: error: {BOTH} (see '{where} --help')\n"
    assert result.stdout == "" and not out.exists()  # refused before anything is read or written


def test_lookup_and_kb_refuse_them_too():
    result = run("-q", "lookup", "-v", "G1202R", text=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"alkannot: error: {BOTH} (see 'alkannot lookup --help')\n"
    assert run("kb", "-qv", "list", text=True).returncode == 2


def test_one_of_them_given_twice_or_alone_still_works(tmp_path):
    twice = run("-q", "annotate", "-q", EXAMPLE, "-o", tmp_path / "q.vcf", text=True)
    assert twice.returncode == 0 and twice.stderr == ""
    verbose = run("-v", "annotate", "-v", EXAMPLE, "-o", tmp_path / "v.vcf", text=True)
    assert verbose.returncode == 0 and "alkannot: INFO: " in verbose.stderr
