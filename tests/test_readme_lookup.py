"""README's `alkannot lookup` examples: the G1269A output shown is the command's (cohort review 6, finding 11), and
every lookup command in README and docs quotes a '>' (unquoted, the shell redirects stdout: finding 9)."""

import shlex
import subprocess
from pathlib import Path

from helpers import ALKANNOT

ROOT = Path(__file__).parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _g1269a_block() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("# G1269A  resistance class: known (this alteration has statements in the knowledge base)")
    return lines[start : lines.index("```", start)]


def test_readme_g1269a_output_is_the_commands():
    run = subprocess.run([ALKANNOT, "lookup", "G1269A"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    real = run.stdout.splitlines()
    shown = _g1269a_block()
    assert len(shown) == 8  # with the "(sources disagree)" and "(reviews only)" legend lines (review 12, finding 7;
    # clinical read h1, finding 10: lorlatinib rests on LIN17T2 alone)
    for line in shown:
        cut = line.endswith(" ...")
        prefix = line[: -len(" ...")] if cut else line
        matches = [r for r in real if (r.startswith(prefix) if cut else r.rstrip() == prefix)]
        assert matches, f"README line not in the output of `alkannot lookup G1269A`: {line}"


def test_lookup_commands_quote_every_redirect_character():
    commands = []
    for doc in DOCS:
        for line in doc.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith("alkannot lookup"):
                commands.append(line.split("   #")[0])
    assert len(commands) == 5
    for command in commands:
        lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
        assert not [t for t in lexer if set(t) <= set("();<>|&") and set(t) & set("<>")], command  # an unquoted > or <


def test_readme_exit_codes_of_lookup_are_the_commands():
    """An unreadable alteration is exit 3 (lookup's input data), a position without --build exit 2 (the command line
    lacks an option), as README's lookup lines say (review of stop 52, finding 4); one line on stderr, nothing on
    stdout."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").replace("#", " ").split())
    assert "one it cannot read ('G1202Q7', 'chr2:29220829') is exit 3, bad input data" in readme
    assert "a position without the --build it needs, or with one its RefSeq contradicts, is exit 2" in readme
    cases = {"G1202Q7": 3, "chr2:29220829": 3, "EGFR T790M": 3, "2:29220747C>T": 2, "": 2}
    for query, code in cases.items():
        run = subprocess.run([ALKANNOT, "lookup", query], capture_output=True, text=True)
        assert (run.returncode, run.stdout, len(run.stderr.splitlines())) == (code, "", 1), (query, run.stderr)
