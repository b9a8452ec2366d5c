"""Findings of the cohort review of stop 47 (a researcher's one table for many samples), through the installed entry
point on small real files of tests/data: many inputs print each kind of per-input INFO line once; a report of
annotated outputs given a sheet whose history for a sample differs from the recorded one says so; one bad input in
the middle of a cohort stops the run naming it, and writes no report."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pysam
from helpers import ALKANNOT

DATA = Path(__file__).resolve().parent / "data"
PAIRS = DATA / "strelka_pairs"  # Strelka2 pairs: NORMAL and TUMOR in each, G1202R in p1, L1196M in p2


def _run(*args, cwd=None, code=0) -> str:
    done = subprocess.run([ALKANNOT, *map(str, args)], capture_output=True, text=True, cwd=cwd)
    assert done.returncode == code, done.stderr
    return done.stderr


def _indexed(source: Path, target: Path) -> Path:
    """`source` bgzipped and tabix-indexed as `target` (read through the index: one region-mode INFO line each)."""
    pysam.tabix_compress(str(source), str(target), force=True)
    pysam.tabix_index(str(target), preset="vcf", force=True)
    return target


def _rows(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}.tsv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_each_kind_of_per_input_info_line_is_printed_once_for_many_inputs(tmp_path):
    """200 indexed inputs printed 200 'region mode' INFO lines (800 for annotated ones), among which the warnings
    were lost: the first is printed, the others counted in one line; -v prints each."""
    inputs = [
        _indexed(PAIRS / "p1.vcf", tmp_path / "p1.vcf.gz"),
        _indexed(PAIRS / "p2.vcf", tmp_path / "p2.vcf.gz"),
        _indexed(DATA / "freebayes_grch38.vcf", tmp_path / "fb.vcf.gz"),
    ]
    said = _run("report", *inputs, "--out", tmp_path / "r").splitlines()
    region = [line for line in said if ": region mode: " in line]
    assert region == [f"alkannot: INFO: {inputs[0]}: region mode: 1 records read through the index"], said
    assert (
        "alkannot: INFO: 2 more INFO line(s) like those above, said of further inputs, not shown (-v shows each): "
        "'region mode: ... records read through the index' for 2 more"
    ) in said
    assert any(line.startswith("alkannot: WARNING: sample TUMOR appears in") for line in said)  # never held back
    assert len(_rows(tmp_path / "r")) == 3
    verbose = _run("-v", "report", *inputs, "--out", tmp_path / "v")
    assert verbose.count("records read through the index") == 3
    assert "more INFO line(s)" not in verbose
    one = _run("report", inputs[0], "--out", tmp_path / "one")  # one input: nothing to sum up
    assert "more INFO line(s)" not in one and "region mode: 1 records" in one


def test_a_sheet_giving_an_annotated_file_another_history_than_recorded_is_warned_about(tmp_path):
    """Annotate each file with the cohort's sheet, then report the outputs with a sheet whose row for p1 names the
    file by a name neither the output nor the file it was annotated from has (p1.vcf.gz, the bgzipped copy the sheet
    was written for): the sample's row without a source_vcf, another patient's, was used for it with no word but
    'names no input'. The sheet still decides; a warning now names the sample, the value used and the one recorded.
    (Until helper cohort48b the annotate step's own sheet, whose p1.vcf names the file before annotation, was such a
    sheet too: it now names the output by its recorded Input=, tests/test_sheet_annotated_from.py.)"""
    (tmp_path / "calls" / "A").mkdir(parents=True)
    (tmp_path / "calls" / "B").mkdir()
    (tmp_path / "ann").mkdir()
    shutil.copy(PAIRS / "p1.vcf", tmp_path / "calls" / "A" / "p1.vcf")
    shutil.copy(PAIRS / "p2.vcf", tmp_path / "calls" / "B" / "p2.vcf")
    (tmp_path / "sheet.tsv").write_text(
        "sample\talk_status\tprogressed_on\tsource_vcf\n"
        "TUMOR\tpositive:IHC\talectinib\t\n"
        "TUMOR\tpositive:FISH\tcrizotinib;ceritinib\tp1.vcf\n"
    )
    for name, folder in (("p1", "A"), ("p2", "B")):
        _run(
            "annotate",
            f"calls/{folder}/{name}.vcf",
            "--samples",
            "sheet.tsv",
            "-o",
            f"ann/{name}.alk.vcf",
            cwd=tmp_path,
        )
    # the annotate step's sheet names p1's output by the file it was annotated from: its row, nothing to say
    said = _run("report", "ann/p1.alk.vcf", "ann/p2.alk.vcf", "--samples", "sheet.tsv", "--out", "same", cwd=tmp_path)
    assert "another history" not in said and "not used" not in said
    assert [r["progressed_on"] for r in _rows(tmp_path / "same")] == ["crizotinib;ceritinib", "alectinib"]
    (tmp_path / "gz.tsv").write_text((tmp_path / "sheet.tsv").read_text().replace("\tp1.vcf\n", "\tp1.vcf.gz\n"))
    said = _run("report", "ann/p1.alk.vcf", "ann/p2.alk.vcf", "--samples", "gz.tsv", "--out", "r", cwd=tmp_path)
    assert (
        "alkannot: WARNING: ann/p1.alk.vcf: the sample sheet gz.tsv gives 1 sample(s) another history than the "
        "annotate run that wrote this file recorded in its ##alkannotSample lines: TUMOR (AlkStatus=positive:IHC, "
        "recorded positive:FISH, ProgressedOn=alectinib, recorded crizotinib;ceritinib); the sheet decides: check "
        "that each row is this file's patient (a source_vcf names this file or, by its path or file name, the one it "
        "was annotated from), or give no --samples to use the recorded history"
    ) in said.splitlines()
    assert "ann/p2.alk.vcf: the sample sheet" not in said  # its recorded history is the row used
    assert [r["progressed_on"] for r in _rows(tmp_path / "r")] == ["alectinib", "alectinib"]  # the sheet decides
    # without --samples the recorded histories are used, and nothing is said of them
    said = _run("report", "ann/p1.alk.vcf", "ann/p2.alk.vcf", "--out", "n", cwd=tmp_path)
    assert "another history" not in said
    assert [r["progressed_on"] for r in _rows(tmp_path / "n")] == ["crizotinib;ceritinib", "alectinib"]
    # a sheet that names the annotated output is that file's row: no warning, its history
    (tmp_path / "named.tsv").write_text(
        (tmp_path / "sheet.tsv").read_text().replace("\tp1.vcf\n", "\tann/p1.alk.vcf\n")
    )
    said = _run("report", "ann/p1.alk.vcf", "ann/p2.alk.vcf", "--samples", "named.tsv", "--out", "s", cwd=tmp_path)
    assert "another history" not in said
    assert [r["progressed_on"] for r in _rows(tmp_path / "s")] == ["crizotinib;ceritinib", "alectinib"]


def test_one_bad_input_in_the_middle_of_a_cohort_stops_the_run_and_writes_no_report(tmp_path):
    """README: one line naming the file, exit 3, no report set (never a report with a patient silently missing)."""
    good = [PAIRS / "p1.vcf", DATA / "freebayes_grch38.vcf"]
    cut = tmp_path / "cut.vcf.gz"
    cut.write_bytes(_indexed(PAIRS / "p2.vcf", tmp_path / "whole.vcf.gz").read_bytes()[:60])
    said = _run("report", good[0], cut, good[1], "--out", tmp_path / "r", code=3)
    errors = [line for line in said.splitlines() if line.startswith("alkannot: error:")]
    assert len(errors) == 1 and errors[0].startswith(f"alkannot: error: {cut}: "), said
    assert "more INFO line(s)" not in said
    assert not list(tmp_path.glob("r*"))


def test_a_glob_over_a_folder_of_alkannot_outputs_names_the_indexes_and_report_tables(tmp_path):
    """`alkannot report ann/*` after `annotate ... -Oz -W --report ann/p1` takes the index and the report set too:
    each was 'the first line is not ##fileformat=VCF...' (for the index, of data nobody reads as lines); now it is
    named, with the glob that takes only the VCFs."""
    (tmp_path / "ann").mkdir()
    _run("annotate", PAIRS / "p1.vcf", "-Oz", "-W", "-o", "ann/p1.alk.vcf.gz", "--report", "ann/p1", cwd=tmp_path)
    _run("annotate", PAIRS / "p2.vcf", "-Oz", "-Wtbi", "-o", "ann/p2.alk.vcf.gz", cwd=tmp_path)
    give = "give only the VCF/BCF files (a glob such as DIR/* takes every file: DIR/*.vcf.gz)"
    expected = {
        "ann/p1.alk.vcf.gz.csi": f"ann/p1.alk.vcf.gz.csi: not a VCF/BCF file: a CSI (.csi) index; {give}",
        "ann/p2.alk.vcf.gz.tbi": f"ann/p2.alk.vcf.gz.tbi: not a VCF/BCF file: a tabix (.tbi) index; {give}",
        "ann/p1.tsv": f"ann/p1.tsv:1: not a VCF/BCF file: an alkannot report table; {give}",
        "ann/p1_mqc.tsv": f"ann/p1_mqc.tsv:1: not a VCF/BCF file: an alkannot report table; {give}",
    }
    for path, reason in expected.items():
        said = _run("report", "ann/p2.alk.vcf.gz", path, "--out", "r", cwd=tmp_path, code=3)
        assert said.strip().splitlines()[-1] == f"alkannot: error: {reason}", said
    assert not list(tmp_path.glob("r*"))
    _run("report", "ann/p1.alk.vcf.gz", "ann/p2.alk.vcf.gz", "--out", "r", cwd=tmp_path)  # the VCFs alone: read


def test_the_readme_cohort_command_gives_each_sv_file_to_its_patient(tmp_path):
    """README "A cohort in one table": the one command for a cohort with one SV file per patient, run as written in
    a folder laid out as it names (calls/, sv/, sheet.tsv)."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text().splitlines()
    (command,) = [line for line in readme if line.startswith("alkannot report calls/*.vcf.gz $(printf")]
    (tmp_path / "calls").mkdir()
    (tmp_path / "sv").mkdir()
    _indexed(PAIRS / "p1.vcf", tmp_path / "calls" / "p1.vcf.gz")
    _indexed(DATA / "freebayes_grch38.vcf", tmp_path / "calls" / "fb.vcf.gz")
    _indexed(PAIRS / "sv1.vcf", tmp_path / "sv" / "p1.sv.vcf.gz")  # its columns: NORMAL, TUMOR (p1's)
    (tmp_path / "sheet.tsv").write_text("sample\tprogressed_on\nTUMOR\tcrizotinib\nFB_T\talectinib\n")
    done = subprocess.run(
        ["bash", "-c", command.replace("alkannot ", f"{ALKANNOT} ", 1)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    rows = {r["sample"]: r for r in _rows(tmp_path / "cohort")}
    assert rows["TUMOR"]["fusion"] == "positive" and "DNA: p1.sv.vcf.gz" in rows["TUMOR"]["fusion_calls"]
    assert rows["FB_T"]["fusion"] == "not_assessed" and rows["FB_T"]["fusion_calls"] == ""


def test_a_long_kind_of_info_line_is_summed_up_by_its_start():
    """The summary names each kind held back by its format string, a long one by its first words."""
    from alkannot.per_input_info import _shape

    assert _shape("%s: region mode: %d records read through the index") == (
        "region mode: ... records read through the index"
    )
    long = (
        "%s: no --samples given: the treatment history and ALK status of %d sample(s) are those its ##alkannotSample "
        "lines record from the earlier annotate run's sample sheet"
    )
    assert _shape(long) == "no --samples given: the treatment history and ALK status of ..."
    assert _shape("%s: no --samples given: %s left out as normal(s), as the earlier annotate run left them out") == (
        "no --samples given: ... left out as normal(s), as the ..."
    )
