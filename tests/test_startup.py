"""Start-up work a command leaves behind (issue 13, small files): once a command's modules are imported, what they
made is moved out of the garbage collector's sight (gc.freeze), so collections during the run and at exit do not
walk it again; the command's answer is unchanged."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from alkannot.cli import main


def test_a_command_freezes_what_start_up_made_and_answers_as_before():
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        result = CliRunner().invoke(main, ["lookup", "G1202R", "--json"])
        assert result.exit_code == 0, result.output
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    calls = json.loads(result.output)["results"][0]["calls"]
    assert calls["alectinib"]["category"] == "resistant" and calls["lorlatinib"]["category"] == "sensitive"


def test_the_command_line_imports_without_the_collector_and_runs_with_it(tmp_path):
    """The console script (alkannot.__main__) turns the collector off while the command's modules are imported;
    the command itself runs with it on, and writes what `python -m alkannot` writes (the console script reads this
    command line without click, quick_args; `python -m` leaves it to click)."""
    probe = (
        "import gc, sys\n"
        "import alkannot.command_run as command_run\n"
        "started = command_run.started\n"
        "def spy():\n"
        "    print('before', gc.isenabled(), file=sys.stderr)\n"
        "    started()\n"
        "    print('after', gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)\n"
        "command_run.started = spy\n"
        "from alkannot.__main__ import main\n"
        "sys.argv = ['alkannot', '-q', 'annotate', sys.argv[1], '-o', sys.argv[2]]\n"
        "main()\n"
    )
    vcf = str(Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf")
    probed = subprocess.run(
        [sys.executable, "-c", probe, vcf, str(tmp_path / "a.vcf")], capture_output=True, text=True, check=True
    )
    assert probed.stderr.split() == ["before", "False", "after", "True", "True"]
    subprocess.run([sys.executable, "-m", "alkannot", "-q", "annotate", vcf, "-o", str(tmp_path / "b.vcf")], check=True)
    said = [(tmp_path / name).read_text().replace(name, "OUT") for name in ("a.vcf", "b.vcf")]
    assert said[0] == said[1]


def test_the_console_script_takes_clicks_arguments(tmp_path, capsys):
    """The installed console script is called as click's command is (tests/test_corpus.py calls it in-process with
    `args` and `prog_name`): it passes them on (a TypeError, exit 99 for every corpus file, before)."""
    from importlib.metadata import entry_points

    (entry,) = [e for e in entry_points(group="console_scripts") if e.name == "alkannot"]
    main = entry.load()
    with pytest.raises(SystemExit) as done:
        main(["--version"], prog_name="alkannot")
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("alkannot")
