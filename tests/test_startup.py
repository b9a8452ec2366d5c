"""Start-up work a command leaves behind (issue 13, small files): once a command's modules are imported, what they
made is moved out of the garbage collector's sight (gc.freeze), so collections during the run and at exit do not
walk it again; the command's answer is unchanged."""

from __future__ import annotations

import gc
import json

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
