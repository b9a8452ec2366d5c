"""A recorded off-target candidate (##alkannotSample OffTarget=) is judged as this run judges its own (stop 39): an
output of an alkannot older than the clinical review of stop 38 (finding 2) recorded a MET gain after crizotinib,
itself a MET inhibitor, as an off-target candidate; `report` on it kept that verdict while `annotate` on the original
input lists the gain and does not count it. Now both give the same verdict, and a recorded MET gain after another
drug is still a candidate (tests/data/recorded_offtarget/README.md)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

DATA = Path(__file__).parent / "data" / "recorded_offtarget"
OLD = DATA / "met_crizotinib_old_output.vcf"  # written by alkannot before stop 38's finding 2
SAME = ("mechanism", "pgp_check", "pgp", "inhibitors", "pgp_triage", "progressed_on")


def _run(*args) -> subprocess.CompletedProcess:
    run = subprocess.run([ALKANNOT, *map(str, args)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run


def _sample(prefix: Path) -> dict:
    (sample,) = json.loads(prefix.with_suffix(".json").read_text())["samples"]
    return sample


def _annotated_original(tmp_path: Path, sheet: str) -> tuple[dict, Path]:
    """`annotate` of the original input with its --sv VCF under `sheet`: the sample's verdict and the output."""
    out = tmp_path / "today.vcf"
    _run("-q", "annotate", DATA / "met_alec.vcf", "--sv", DATA / "met_alec.sv.vcf", "--samples", DATA / sheet,
         "-o", out, "--report", tmp_path / "today")  # fmt: skip
    return _sample(tmp_path / "today"), out


def _sample_line(vcf: Path) -> str:
    (line,) = [x for x in vcf.read_text().splitlines() if x.startswith("##alkannotSample=")]
    return line


def _off_target(sample: dict) -> list[tuple]:
    return [(o["gene"], o["kind"], o["record"], o["candidate"]) for o in sample["off_target"]]


def test_the_old_output_records_a_met_gain_after_crizotinib_as_a_candidate():
    line = _sample_line(OLD)
    assert "Mechanism=off_target_candidate" in line and "ProgressedOn=crizotinib" in line
    assert 'OffTarget="MET:copy_number_gain:chr7:116522196 <DUP> CN=12"' in line


def test_report_on_the_old_output_gives_the_verdict_annotate_gives_on_the_original(tmp_path):
    today, _ = _annotated_original(tmp_path, "samples_crizotinib.tsv")
    run = _run("report", OLD, "--out", tmp_path / "r")  # no sheet: the recorded history (crizotinib)
    again = _sample(tmp_path / "r")
    assert today["mechanism"] == "unexplained"
    for key in SAME:
        assert again[key] == today[key], key
    # the gain is listed, not counted, with the note on why, as annotate lists it
    assert (
        _off_target(again) == _off_target(today) == [("MET", "copy_number_gain", "chr7:116522196 <DUP> CN=12", False)]
    )
    assert set(today["notes"]) <= set(again["notes"])
    assert any("not counted as one by this run: MET copy number gain" in n for n in again["notes"])
    assert not any("Off-target candidate recorded in this VCF's header, written when it was annotated:" in n
                   for n in again["notes"])  # fmt: skip
    # one warning saying why this run's verdict differs from the header's, not 'give the same --samples ...'
    assert "this run does not count as an off-target candidate after progression on crizotinib" in run.stderr
    assert "give the same" not in run.stderr
    report = (tmp_path / "r.tsv").read_text().splitlines()
    header, row = report[0].split("\t"), report[1].split("\t")
    assert dict(zip(header, row))["off_target_candidates"] == ""


def test_annotate_on_the_old_output_writes_the_line_annotate_writes_on_the_original(tmp_path):
    _, out = _annotated_original(tmp_path, "samples_crizotinib.tsv")
    again = tmp_path / "again.vcf"
    _run("-q", "annotate", OLD, "-o", again)
    # but for Input=, the file each run read: the old output records none, so its own path (cohort48, cohort49)
    original = _sample_line(out).rsplit(",Input=", 1)[1].removesuffix(">")
    assert original.endswith("/met_alec.vcf")
    assert _sample_line(again).replace(f",Input={OLD}>", f",Input={original}>") == _sample_line(out)
    assert "Mechanism=unexplained" in _sample_line(again) and "OffTarget=" not in _sample_line(again)


@pytest.mark.parametrize("sheet", ["samples.tsv", "samples_ceritinib.tsv"])
def test_a_recorded_met_gain_after_another_drug_is_still_a_candidate(tmp_path, sheet):
    """The same record judged under a sheet whose latest drug is alectinib or ceritinib: a candidate, the recorded
    verdict kept, as annotate of the original input under that sheet counts it."""
    today, _ = _annotated_original(tmp_path, sheet)
    run = _run("report", OLD, "--samples", DATA / sheet, "--out", tmp_path / "r")
    again = _sample(tmp_path / "r")
    assert today["mechanism"] == again["mechanism"] == "off_target_candidate"
    assert again["pgp_check"] == today["pgp_check"] and again["pgp_triage"] == today["pgp_triage"]
    # the calls and their notes, which name the candidate as annotate names it (stop 40: the recorded candidate is an
    # input of the verdict; the notes said 'whatever caused the progression')
    assert again["inhibitors"] == today["inhibitors"]
    assert _off_target(again) == [("MET", "copy_number_gain", "chr7:116522196 <DUP> CN=12", True)]
    assert "An off-target candidate was recorded when this VCF was annotated" in again["pgp"]["note"]
    assert "does not count as an off-target candidate" not in run.stderr


def test_a_candidate_recorded_after_alectinib_is_set_aside_under_a_crizotinib_sheet(tmp_path):
    """An output of today's alkannot after alectinib (the MET gain counted and recorded), reported with a sheet whose
    latest drug is crizotinib: judged as annotate of the original under that sheet judges it."""
    first = tmp_path / "alec.vcf"
    _run("-q", "annotate", DATA / "met_alec.vcf", "--sv", DATA / "met_alec.sv.vcf", "--samples", DATA / "samples.tsv",
         "-o", first)  # fmt: skip
    assert "OffTarget=" in _sample_line(first)
    today, _ = _annotated_original(tmp_path, "samples_crizotinib.tsv")
    run = _run("report", first, "--samples", DATA / "samples_crizotinib.tsv", "--out", tmp_path / "r")
    again = _sample(tmp_path / "r")
    for key in SAME:
        assert again[key] == today[key], key
    assert _off_target(again) == _off_target(today)
    assert "this run does not count as an off-target candidate after progression on crizotinib" in run.stderr


def test_a_finding_set_aside_after_crizotinib_is_recorded_and_listed_again(tmp_path):
    """Annotated after crizotinib, the MET gain is listed, not counted, and recorded as set aside
    (OffTargetSetAside=): `report` on the output, given no --sv file, lists it as annotate did."""
    today, out = _annotated_original(tmp_path, "samples_crizotinib.tsv")
    line = _sample_line(out)
    assert 'OffTargetSetAside="MET:copy_number_gain:chr7:116522196 <DUP> CN=12"' in line
    assert "OffTarget=" not in line
    run = _run("report", out, "--out", tmp_path / "r")
    again = _sample(tmp_path / "r")
    for key in SAME:
        assert again[key] == today[key], key
    assert (
        _off_target(again) == _off_target(today) == [("MET", "copy_number_gain", "chr7:116522196 <DUP> CN=12", False)]
    )
    said = "as not counted after the latest drug, listed and not counted by this run either: MET copy number gain"
    assert any(said in n for n in again["notes"])
    assert "give the same" not in run.stderr


@pytest.mark.parametrize("sheet", ["samples.tsv", "samples_ceritinib.tsv"])
def test_a_finding_set_aside_after_crizotinib_counts_under_a_sheet_with_another_latest_drug(tmp_path, sheet):
    """The output annotated after crizotinib, reported with a sheet whose latest drug is alectinib or ceritinib: the
    recorded MET gain is judged again and counts, as annotate of the original input under that sheet counts it."""
    _, out = _annotated_original(tmp_path, "samples_crizotinib.tsv")
    other = tmp_path / "other"  # the crizotinib output stays in tmp_path
    other.mkdir()
    today, _ = _annotated_original(other, sheet)
    run = _run("report", out, "--samples", DATA / sheet, "--out", tmp_path / "r")
    again = _sample(tmp_path / "r")
    assert today["mechanism"] == again["mechanism"] == "off_target_candidate"
    assert again["pgp_check"] == today["pgp_check"] and again["pgp_triage"] == today["pgp_triage"]
    assert again["inhibitors"] == today["inhibitors"]  # the notes too (stop 40)
    assert _off_target(again) == [("MET", "copy_number_gain", "chr7:116522196 <DUP> CN=12", True)]
    assert "counts as a candidate after this run's latest drug" in again["pgp"]["note"]
    assert any("counted as a candidate by this run after" in n for n in again["notes"])
    assert "records Mechanism=unexplained but this run computes off_target_candidate" in run.stderr
