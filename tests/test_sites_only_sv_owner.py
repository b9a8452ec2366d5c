"""A sites-only input (no sample columns) has one sample, named by --tumor or the file name's stem. `--sv SAMPLE=PATH`
or `--fusions SAMPLE=PATH` naming another sample dropped the file's evidence with a warning and exit 0 (open item (ii)
of stop 46, found by pipe47): it is exit 3 naming the input, as for an input with sample columns, and says how to name
the one sample. Through the installed entry point on tests/data/sites_only/one_change_grch38.vcf."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import EXAMPLES, run

DATA = Path(__file__).parent / "data"

SITES = DATA / "sites_only" / "one_change_grch38.vcf"
SV = EXAMPLES / "GRCh38" / "sv.vcf"
FUSIONS = DATA / "sv" / "arriba_fusions_grch38.tsv"


def test_sv_or_fusions_owner_other_than_the_one_sample_is_exit_3_naming_it(tmp_path):
    for flag, path in (("--sv", SV), ("--fusions", FUSIONS)):
        out = tmp_path / "out.vcf"
        result = run("annotate", SITES, flag, f"P1_T={path}", "-o", out, text=True)
        assert result.returncode == 3
        assert result.stderr == (
            f"alkannot: error: {SITES}: {flag} P1_T={path}: no such sample in this input (a sites-only input: its one "
            "sample is 'one_change_grch38': name it with --tumor P1_T)\n"
        )
        assert not out.exists()
    result = run("report", SITES, "--sv", f"P1_T={SV}", "--out", tmp_path / "r", text=True)
    assert result.returncode == 3 and "(a sites-only input: its one sample is 'one_change_grch38'" in result.stderr


def test_the_one_sample_named_by_tumor_or_its_stem_takes_the_file(tmp_path):
    for name, args in (("P1_T", ("--tumor", "P1_T")), ("one_change_grch38", ())):
        result = run(
            "annotate",
            SITES,
            *args,
            "--sv",
            f"{name}={SV}",
            "-o",
            tmp_path / "o.vcf",
            "--report",
            tmp_path / "r",
            text=True,
        )
        assert result.returncode == 0, result.stderr
        (sample,) = json.loads((tmp_path / "r.json").read_text())["samples"]
        assert sample["sample"] == name
        assert sample["fusion_calls"] and sample["fusion_calls"][0].startswith("EML4::ALK v1 [positive")
