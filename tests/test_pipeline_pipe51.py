"""Pipeline review of stop 51 (pipe51): leftovers of stop 50, each through the installed entry point or the API.

1. `alkannot lookup --json` had no `other_context` key where the report's JSON has one: each call carries it now,
   from the one reading of the marks (readings.mark_flags), as the report's genotype calls do.
2. `api.annotate(..., "out.vcf", output_type="b")` wrote BCF to out.vcf without the warning the command line gives
   for `-Ob -o out.vcf`: it is said once, on the "alkannot" logger, in the API's keywords, after the output is written.
3. The API's compression_level, min_vaf, build and sv_paths errors said 'compression_level: compression level 12 is
   not ...'; they are 'Invalid value for KEYWORD: ...' as the API's output_type and write_index errors are.
4. `kb export --format vcf -o DIR` (an existing directory) was exit 2; it is exit 3, as `annotate -o DIR` is.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from alkannot import api
from alkannot.errors import OptionProblem
from tests.helpers import annotated_report, run

DATA = Path(__file__).resolve().parent / "data"
VCF = Path(__file__).resolve().parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


def test_lookup_json_carries_other_context_as_the_report_does(tmp_path):
    """I1171N+L1196M+G1202R and lorlatinib rests on one EML4-ALK pleural mesothelioma case: lookup's table prints
    '(other context)', its JSON says `"other_context": true`, and the report's JSON of a tumour carrying the compound
    says the same of every drug it was not progressed on (a progression's call carries no mark)."""
    looked = run("lookup", "I1171N+L1196M+G1202R", "--json", text=True)
    assert looked.returncode == 0, looked.stderr
    (result,) = json.loads(looked.stdout)["results"]
    calls = result["calls"]
    assert calls["lorlatinib"]["other_context"] is True
    assert calls["lorlatinib"]["context"] == "other"
    assert all(isinstance(c["other_context"], bool) for c in calls.values())
    table = run("lookup", "I1171N+L1196M+G1202R", text=True).stdout.split("# notes on this alteration")[0]
    (row,) = [line for line in table.splitlines() if line.startswith("lorlatinib ")]
    assert "(other context)" in row

    document, _ = annotated_report(
        DATA / "review38" / "i1171n_l1196m_g1202r_cis.vcf", DATA / "review32" / "after_crizotinib.tsv", tmp_path / "r"
    )
    (sample,) = document["samples"]
    reported = {drug: c["other_context"] for drug, c in sample["inhibitors"].items() if not c["progressed_on"]}
    assert reported["lorlatinib"] is True
    assert reported == {drug: calls[drug]["other_context"] for drug in reported}


def test_a_conflicting_call_has_other_context_false_in_lookup_json():
    """E1210K and brigatinib is `conflicting`: no mark stands beside it (RULES.md 3.8), other_context too."""
    looked = run("lookup", "E1210K", "--json", text=True)
    (result,) = json.loads(looked.stdout)["results"]
    assert result["calls"]["brigatinib"]["category"] == "conflicting"
    assert result["calls"]["brigatinib"]["other_context"] is False


def test_the_api_warns_once_when_output_type_contradicts_the_name(tmp_path, caplog):
    out = tmp_path / "out.vcf"
    with caplog.at_level(logging.INFO, logger="alkannot"):
        api.annotate(str(VCF), str(out), output_type="b")
    assert out.read_bytes()[:2] == b"\x1f\x8b"  # written as output_type says: BGZF-compressed BCF
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f'{out} is written as BCF (output_type "b"); its name says uncompressed VCF']
    assert caplog.records[-1].getMessage() == warnings[0]  # after the run's summary: once the output is written


@pytest.mark.parametrize("name", ["ok.vcf.gz", "ok.bcf"])
def test_the_api_says_nothing_where_the_name_agrees(tmp_path, caplog, name):
    with caplog.at_level(logging.WARNING, logger="alkannot"):
        api.annotate(str(VCF), str(tmp_path / name))
        api.annotate(str(VCF), str(tmp_path / f"typed.{name}"), output_type="b" if name.endswith("bcf") else "z")
    assert [r for r in caplog.records if "its name says" in r.getMessage()] == []


def test_the_api_does_not_warn_of_a_run_that_failed(tmp_path, caplog):
    out = tmp_path / "out.vcf"
    with caplog.at_level(logging.WARNING, logger="alkannot"), pytest.raises(OptionProblem):
        api.annotate(str(VCF), str(out), output_type="b", write_index="tbi")
    assert [r for r in caplog.records if "its name says" in r.getMessage()] == []
    assert not out.exists()


def test_the_command_lines_warning_is_unchanged(tmp_path):
    result = run("annotate", VCF, "-Ob", "-o", tmp_path / "out.vcf", text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert (
        lines[-1]
        == f"alkannot: WARNING: {tmp_path / 'out.vcf'} is written as BCF (-O b); its name says uncompressed VCF"
    )
    assert sum("its name says" in line for line in lines) == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"compression_level": 12}, "Invalid value for compression_level: 12 is not a level from 0 to 9"),
        ({"compression_level": True}, "Invalid value for compression_level: True is not a level from 0 to 9"),
        ({"compression_level": "9"}, 'Invalid value for compression_level: "9" is not a level from 0 to 9'),
        ({"min_vaf": 5}, "Invalid value for min_vaf: 5 is not a fraction between 0 and 1"),
        ({"build": "hg20"}, 'Invalid value for build: "hg20" is not auto, GRCh37 or GRCh38 (or hg19, hg38)'),
        (
            {"sv_paths": "sv.vcf"},
            'Invalid value for sv_paths: "sv.vcf" is one path as a string; give a sequence of paths',
        ),
    ],
)
def test_the_apis_value_errors_say_invalid_value_for_the_keyword(tmp_path, options, message):
    out = tmp_path / "o.vcf.gz"
    with pytest.raises(OptionProblem) as raised:
        api.annotate(str(VCF), str(out), **options)
    assert str(raised.value) == message
    assert not out.exists()


def test_the_apis_build_keyword_says_invalid_value_in_lookup_and_map_variant():
    for call in (lambda: api.lookup("G1202R", build="hg20"), lambda: api.map_variant("hg20", "2", 1, "A", "C")):
        with pytest.raises(OptionProblem, match=r'^Invalid value for build: "hg20" is not GRCh37 or GRCh38'):
            call()


def test_the_command_lines_level_error_is_unchanged(tmp_path):
    result = run("annotate", VCF, "-Oz", "-l", "12", "-o", tmp_path / "o.vcf.gz", text=True)
    assert result.returncode == 2
    assert result.stderr == (
        "alkannot: error: Invalid value for -l/--compression-level: 12 is not a level from 0 to 9 "
        "(see 'alkannot annotate --help')\n"
    )


@pytest.mark.parametrize("name", ["d.vcf.gz", "d.vcf.gz/"])
def test_kb_export_vcf_onto_a_directory_is_exit_3_as_annotate_is(tmp_path, name):
    (tmp_path / "d.vcf.gz").mkdir()
    exported = run("kb", "export", "--format", "vcf", "-o", name, cwd=tmp_path, text=True)
    annotated = run("annotate", VCF, "-o", name, cwd=tmp_path, text=True)
    assert (exported.returncode, annotated.returncode) == (3, 3)
    assert exported.stderr.startswith(f"alkannot: error: {name}: is a directory, and kb export --format vcf writes")
    assert "see 'alkannot kb --help'" not in exported.stderr
    assert annotated.stderr == f"alkannot: error: {name}: is a directory; give a file name\n"
    assert list((tmp_path / "d.vcf.gz").iterdir()) == []
