"""`--report`/`--out` take a file-name prefix: a report file's own name (`--report alk_report.html`) wrote
alk_report.html.html, alk_report.html.tsv, ... with exit 0 (fresh-eyes review of stop 45, p1). It is exit 3 with one
line that gives the prefix, before anything is written; the API refuses it too. Through the installed entry point,
on the bundled example."""

from __future__ import annotations

import pytest
from helpers import EXAMPLES, run

from alkannot import api
from alkannot.errors import InputError

VCF = EXAMPLES / "GRCh38" / "tumor_normal.vcf"


@pytest.mark.parametrize(
    "name, prefix",
    [
        ("alk_report.html", "alk_report"),
        ("alk_report.json", "alk_report"),
        ("alk_report.tsv", "alk_report"),
        ("alk_report_mqc.tsv", "alk_report"),  # the longest suffix first: not alk_report_mqc
        ("alk_report.HTML", "alk_report"),
        ("alk_report.htm", "alk_report"),
    ],
)
def test_a_report_files_name_is_refused_with_the_prefix_to_give(tmp_path, name, prefix):
    annotated = run("annotate", VCF, "-o", tmp_path / "out.vcf", "--report", tmp_path / name, text=True)
    assert annotated.returncode == 3, annotated.stderr
    given = tmp_path / name
    assert annotated.stderr == (
        f"alkannot: error: {given}: --report takes a file-name prefix, not the name of a report file: it would write "
        f"{given}.tsv, {given}.json, {given}.html and {given}_mqc.tsv; give --report {tmp_path / prefix}\n"
    )
    reported = run("report", VCF, "--out", tmp_path / name, text=True)
    assert reported.returncode == 3 and reported.stderr.startswith(f"alkannot: error: {given}: --out takes")
    assert reported.stderr.endswith(f"; give --out {tmp_path / prefix}\n")
    assert list(tmp_path.iterdir()) == []  # nothing written, the VCF neither


def test_a_hidden_name_is_given_a_prefix_to_use(tmp_path):
    result = run("report", VCF, "--out", tmp_path / ".json", text=True)
    assert result.returncode == 3 and result.stderr.endswith(f"; give --out {tmp_path / 'alk_report'}\n")


def test_a_prefix_is_written_as_before(tmp_path):
    result = run("annotate", VCF, "-o", tmp_path / "out.vcf", "--report", tmp_path / "alk.report", text=True)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["alk.report.html", "alk.report.json", "alk.report.tsv", "alk.report_mqc.tsv", "out.vcf"]


def test_the_api_refuses_it_too(tmp_path):
    with pytest.raises(InputError, match="takes a file-name prefix, not the name of a report file"):
        api.report([str(VCF)], str(tmp_path / "cohort.html"))
    assert list(tmp_path.iterdir()) == []
