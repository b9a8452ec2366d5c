"""`annotate` without --report keeps of each sample's verdict only what its VCF writes (written_verdicts.py; issue
13: 20,000 samples whose states all differ kept 20 KB each until the header was written): the VCF and the messages
are byte for byte those of the --report path, which keeps every verdict whole, and the verdicts are not all alive
at once."""

from __future__ import annotations

import json
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import generated_vcf, run
from test_shared_verdicts import EX, _wide_cohort

from alkannot import annotate, verdicts
from alkannot.cli import main

SAMPLES = 60


def _cases(tmp_path: Path, case: str) -> list[str]:
    """The arguments of one input: a joint-called VCF whose samples all differ (benchmarks/make_vcf.py), the wide
    cohort of the GRCh38 example with a sheet and a fusion table, and that cohort's output read again with another
    --min-vaf (the recorded ##alkannotSample lines' warnings, one per sample, as the verdicts are made)."""
    if case == "differing":
        return [str(generated_vcf(tmp_path / "differing.vcf", 200, SAMPLES))]
    vcf, sheet = _wide_cohort(tmp_path)
    wide = [str(vcf), "--samples", str(sheet), "--fusions", f"C1_P5_T={EX / 'GRCh38' / 'fusions.tsv'}"]
    if case == "wide":
        return wide
    first = run("annotate", *wide, "--no-version", "-o", tmp_path / "first.vcf", text=True)
    assert first.returncode == 0, first.stderr
    return [str(tmp_path / "first.vcf"), "--min-vaf", "0.3"]


def _kept_whole(*args) -> subprocess.CompletedProcess:
    """`alkannot ARGS` with every verdict kept whole until the header is written (annotate.STREAMED False), as
    before the fold and as --report keeps them."""
    code = "import sys; from alkannot import annotate; annotate.STREAMED = False; from alkannot.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True)


@pytest.mark.parametrize("case", ["differing", "wide", "annotated_again"])
def test_streamed_annotate_writes_the_vcf_and_messages_of_verdicts_kept_whole(tmp_path, case):
    """The same VCF as the --report path's, and the same messages, in the same order, as a run that keeps every
    verdict (standard error byte for byte)."""
    args = _cases(tmp_path, case)
    streamed = run("annotate", *args, "--no-version", "-o", tmp_path / "streamed.vcf", text=True)
    kept = _kept_whole("annotate", *args, "--no-version", "-o", tmp_path / "kept.vcf")
    report = run("annotate", *args, "--no-version", "-o", tmp_path / "report.vcf", "--report", tmp_path / "r")
    assert streamed.returncode == kept.returncode == report.returncode == 0, streamed.stderr + kept.stderr
    written = (tmp_path / "streamed.vcf").read_bytes()
    assert written == (tmp_path / "kept.vcf").read_bytes() == (tmp_path / "report.vcf").read_bytes()
    assert streamed.stderr == kept.stderr
    said = streamed.stderr.splitlines()
    if case == "differing":  # every sample on_target on its own allele fractions
        assert written.count(b"\n##alkannotSample=<ID=S") == SAMPLES
        assert [line for line in said if "no --min-vaf given" in line] == [said[-2]]  # before the run's summary
    if case == "wide":  # the compounds' ALTs (compound_info.CompoundAlleles)
        assert b";ALK_COMPOUND=" in written
    if case == "annotated_again":  # the verdicts' messages as they are made, then the input's
        assert sum("the VCF header records" in line for line in said) > 1


def _live_counts(tmp_path: Path, monkeypatch, *extra: str) -> tuple[list[int], list[int]]:
    """`annotate` in process on the differing samples' VCF: how many verdicts made so far are alive as each one is
    made, and when pass 2 writes the header."""
    vcf = generated_vcf(tmp_path / "differing.vcf", 200, SAMPLES)
    made: list[weakref.ref] = []
    as_made: list[int] = []
    at_header: list[int] = []
    fold = verdicts.fold_survey_verdicts

    def counting(survey, options, into, *rest, **named):
        def counted(verdict) -> None:
            made.append(weakref.ref(verdict))
            as_made.append(sum(ref() is not None for ref in made))
            into(verdict)

        return fold(survey, options, counted, *rest, **named)

    write_output = annotate.write_output

    def writing(*args, **kwargs):
        at_header.append(sum(ref() is not None for ref in made))
        return write_output(*args, **kwargs)

    monkeypatch.setattr(verdicts, "fold_survey_verdicts", counting)
    monkeypatch.setattr(annotate, "write_output", writing)
    done = CliRunner().invoke(main, ["-q", "annotate", str(vcf), "-o", str(tmp_path / "o.vcf"), *extra])
    assert done.exit_code == 0, done.output
    assert len(made) == SAMPLES
    return as_made, at_header


def test_streamed_annotate_keeps_no_verdict_alive(tmp_path, monkeypatch):
    as_made, at_header = _live_counts(tmp_path, monkeypatch)
    assert max(as_made) <= 2  # the one just made, and at most the one before it
    assert at_header == [0]


def test_report_path_keeps_no_verdict_alive(tmp_path, monkeypatch):
    """With --report too, each verdict is made into its report document as it is made and dropped (issue 13: 5,000
    samples' reports peaked at 339 MB)."""
    as_made, at_header = _live_counts(tmp_path, monkeypatch, "--report", str(tmp_path / "r"))
    assert max(as_made) <= 2
    assert at_header == [0]


def test_kept_whole_counting_sees_every_verdict(tmp_path, monkeypatch):
    """The counting itself sees verdicts that are kept: with every verdict kept whole (STREAMED False), all are
    alive when the header is written."""
    monkeypatch.setattr(annotate, "STREAMED", False)
    as_made, at_header = _live_counts(tmp_path, monkeypatch, "--report", str(tmp_path / "r"))
    assert as_made == list(range(1, SAMPLES + 1))
    assert at_header == [SAMPLES]


@pytest.mark.parametrize("case", ["differing", "wide", "annotated_again"])
def test_streamed_report_set_is_that_of_verdicts_kept_whole(tmp_path, case):
    """The report set made of documents made as the verdicts are made is byte for byte the one made of every verdict
    kept whole (TSV, JSON, HTML, MultiQC), and so are the VCF and the messages."""
    args = _cases(tmp_path, case)
    s, k = tmp_path / "streamed", tmp_path / "kept"
    s.mkdir(), k.mkdir()
    streamed = run("annotate", *args, "--no-version", "-o", s / "o.vcf", "--report", s / "r", text=True)
    kept = _kept_whole("annotate", *args, "--no-version", "-o", k / "o.vcf", "--report", k / "r")
    assert streamed.returncode == kept.returncode == 0, streamed.stderr + kept.stderr
    assert streamed.stderr.replace(f"{s}/", "") == kept.stderr.replace(f"{k}/", "")
    assert (s / "o.vcf").read_bytes() == (k / "o.vcf").read_bytes()
    for suffix in (".tsv", ".json", ".html", "_mqc.tsv"):
        made = (s / f"r{suffix}").read_bytes()
        assert made == (k / f"r{suffix}").read_bytes().replace(str(k).encode(), str(s).encode()), suffix
        assert len(made) > 200


def _report_kept_whole(*args) -> subprocess.CompletedProcess:
    """`alkannot report ARGS` with every verdict kept (report_files(keep_verdicts=True), as the Python API keeps
    them)."""
    code = (
        "from alkannot import cohort; whole = cohort.report_files; "
        "cohort.report_files = lambda *a, **k: whole(*a, **{**k, 'keep_verdicts': True}); "
        "from alkannot.cli import main; main()"
    )
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True)


def test_cohort_report_is_that_of_verdicts_kept_whole(tmp_path):
    """`alkannot report` makes each verdict into its report document as it is made (issue 13, memory): the report
    set and the messages are byte for byte those of a run that keeps every verdict, over several inputs (a
    joint-called VCF whose samples all differ, the wide cohort read again, the GRCh37 example) with a sample sheet
    one of them names twice."""
    vcf, sheet = _wide_cohort(tmp_path)
    first = run("annotate", vcf, "--samples", sheet, "--no-version", "-o", tmp_path / "wide_out.vcf", text=True)
    assert first.returncode == 0, first.stderr
    differing = generated_vcf(tmp_path / "differing.vcf", 200, SAMPLES)
    inputs = [
        differing,
        tmp_path / "wide_out.vcf",
        EX / "GRCh37" / "tumor_normal.vcf",
        EX / "GRCh38" / "tumor_normal.vcf",
    ]
    s, k = tmp_path / "streamed", tmp_path / "kept"
    s.mkdir(), k.mkdir()
    streamed = run("report", *inputs, "--samples", sheet, "--out", s / "r", text=True)
    kept = _report_kept_whole("report", *inputs, "--samples", sheet, "--out", k / "r")
    assert streamed.returncode == kept.returncode == 0, streamed.stderr + kept.stderr
    assert streamed.stderr.replace(f"{s}/", "") == kept.stderr.replace(f"{k}/", "")
    assert "reported once per input" in streamed.stderr  # the same samples in two inputs (_warn_duplicates)
    assert "no --min-vaf given" in streamed.stderr
    for suffix in (".tsv", ".json", ".html", "_mqc.tsv"):
        made = (s / f"r{suffix}").read_bytes()
        assert made == (k / f"r{suffix}").read_bytes().replace(str(k).encode(), str(s).encode()), suffix
    assert len(json.loads((s / "r.json").read_text())["samples"]) > SAMPLES
