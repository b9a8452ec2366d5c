"""One sample sheet for a pipeline's annotate step and its report step (helper cohort48b): a row's `source_vcf`,
which tells apart one sample name held by two files (Strelka2's TUMOR), names an output of `alkannot annotate` by the
file it was annotated from, as the sample's ##alkannotSample line records it (Input=), as well as by the file given
to `report`. Until then the report step's sheet had to name the annotated files, although the table it wrote gave the
original names, and the annotate step's rows fell back, without a word, to the row of the same sample without a
source_vcf: another patient's history."""

from __future__ import annotations

import csv
import gzip
import re
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, g1202r_vcf


def _run(*args, cwd: Path, code: int = 0, stdin: bytes | None = None) -> str:
    done = subprocess.run([ALKANNOT, *map(str, args)], capture_output=True, cwd=cwd, input=stdin)
    assert done.returncode == code, done.stderr.decode()
    return done.stderr.decode()


def _histories(prefix: Path) -> list[tuple[str, str, str]]:
    with open(f"{prefix}.tsv", newline="", encoding="utf-8") as handle:
        return [(r["label"], r["source_vcf"], r["progressed_on"]) for r in csv.DictReader(handle, delimiter="\t")]


SHEET = (
    "sample\tsource_vcf\talk_status\tprogressed_on\n"
    "TUMOR\t\tpositive:IHC\tlorlatinib\n"  # every other input's TUMOR
    "TUMOR\tcalls/A/pA.vcf\tpositive:IHC\tcrizotinib\n"  # by path, as the annotate step is given it
    "TUMOR\tpB\tpositive:FISH\talectinib\n"  # by stem
)


@pytest.fixture
def annotated(tmp_path: Path) -> list[str]:
    """Two patients' Strelka2-like VCFs, each with its one sample TUMOR, annotated with the pipeline's sheet."""
    for folder, stem in (("A", "pA"), ("B", "pB")):
        (tmp_path / "calls" / folder).mkdir(parents=True)
        g1202r_vcf(tmp_path / "calls" / folder / f"{stem}.vcf", ["TUMOR"])
    (tmp_path / "ann").mkdir()
    (tmp_path / "sheet.tsv").write_text(SHEET)
    outputs = []
    for folder, stem in (("A", "pA"), ("B", "pB")):
        output = f"ann/{stem}.alk.vcf.gz"
        said = _run("annotate", f"calls/{folder}/{stem}.vcf", "--samples", "sheet.tsv", "-o", output, cwd=tmp_path)
        assert "WARNING" not in said, said
        outputs.append(output)
    return outputs


def test_the_annotate_steps_sheet_names_each_annotated_output_in_the_report_step(tmp_path, annotated):
    said = _run("report", *annotated, "--samples", "sheet.tsv", "--out", "r", cwd=tmp_path)
    assert _histories(tmp_path / "r") == [
        ("TUMOR (pA)", "calls/A/pA.vcf", "crizotinib"),
        ("TUMOR (pB)", "calls/B/pB.vcf", "alectinib"),
    ]
    assert "another history" not in said and "not used" not in said and "names another input" not in said, said
    # a re-annotation with the sheet finds the same rows
    said = _run("annotate", annotated[0], "--samples", "sheet.tsv", "-o", "again.vcf", cwd=tmp_path)
    assert "WARNING" not in said, said
    text = (tmp_path / "again.vcf").read_text()
    assert re.search(r"##alkannotSample=<ID=TUMOR,.*ProgressedOn=crizotinib,.*Input=calls/A/pA\.vcf>", text)


def test_a_row_naming_the_file_given_comes_before_one_naming_the_file_it_was_annotated_from(tmp_path, annotated):
    (tmp_path / "both.tsv").write_text(SHEET + "TUMOR\tann/pA.alk.vcf.gz\tpositive:IHC\tceritinib\n")
    said = _run("report", *annotated, "--samples", "both.tsv", "--out", "r", cwd=tmp_path)
    assert [h[2] for h in _histories(tmp_path / "r")] == ["ceritinib", "alectinib"]
    assert "another history" in said  # pA's recorded crizotinib: the sheet decides, and says so
    # an output of an alkannot before stop 48 records no Input=: only the file given names it (the row without one)
    old = tmp_path / "ann" / "old.vcf"
    old.write_text(re.sub(r",Input=[^>]*>", ">", gzip.open(tmp_path / annotated[1], "rt").read()))
    _run("report", annotated[0], "ann/old.vcf", "--samples", "sheet.tsv", "--out", "o", cwd=tmp_path)
    assert [h[2] for h in _histories(tmp_path / "o")] == ["crizotinib", "lorlatinib"]


def test_outputs_of_two_alike_named_files_in_two_folders_are_told_apart_by_their_recorded_paths(tmp_path):
    """Two patients' tumor.vcf.gz in their own folders (nf-core's and Snakemake's layout), each holding TUMOR: Input=
    records the path each annotate run was given (cohort49; it was the file name alone, so a sheet could not tell the
    two outputs apart and a row naming `patient1/tumor.vcf.gz` named both). A row naming a folder and the file
    (`patient1/tumor.vcf.gz`, the whole path, or an absolute one ending in it) names its own output only; one naming
    the file name both have is exit 3 naming both outputs and the paths they were annotated from."""
    for folder in ("patient1", "patient2"):
        (tmp_path / "results" / folder).mkdir(parents=True)
        g1202r_vcf(tmp_path / "results" / folder / "tumor.vcf", ["TUMOR"])
        subprocess.run(["bgzip", str(tmp_path / "results" / folder / "tumor.vcf")], check=True)
    sheet = (
        "sample\tsource_vcf\talk_status\tprogressed_on\n"
        "TUMOR\tpatient1/tumor.vcf.gz\tpositive:IHC\tcrizotinib\n"
        f"TUMOR\t{tmp_path}/results/patient2/tumor.vcf.gz\tpositive:FISH\talectinib\n"
    )
    (tmp_path / "sheet.tsv").write_text(sheet)
    for folder in ("patient1", "patient2"):  # the annotate step: the sheet names each input by the end of its path
        said = _run(
            "annotate", f"./results/{folder}/tumor.vcf.gz", "--samples", "sheet.tsv", "-o", f"{folder}.alk.vcf",
            cwd=tmp_path,
        )  # fmt: skip
        assert "WARNING" not in said, said
        text = (tmp_path / f"{folder}.alk.vcf").read_text()
        assert f",Input=results/{folder}/tumor.vcf.gz>" in text  # './' normalised away
    said = _run("report", "patient1.alk.vcf", "patient2.alk.vcf", "--samples", "sheet.tsv", "--out", "r", cwd=tmp_path)
    assert "not used" not in said and "another history" not in said, said
    assert _histories(tmp_path / "r") == [
        ("TUMOR (patient1/tumor)", "results/patient1/tumor.vcf.gz", "crizotinib"),
        ("TUMOR (patient2/tumor)", "results/patient2/tumor.vcf.gz", "alectinib"),
    ]
    # a row naming another folder's file names no output; the other row is the one used
    (tmp_path / "other.tsv").write_text(
        "sample\tsource_vcf\tprogressed_on\nTUMOR\tpatient3/tumor.vcf.gz\tceritinib\nTUMOR\t\tlorlatinib\n"
    )
    said = _run("report", "patient1.alk.vcf", "--samples", "other.tsv", "--out", "o", cwd=tmp_path)
    assert "other.tsv: 1 rows for other samples or files not used" in said, said
    assert [h[2] for h in _histories(tmp_path / "o")] == ["lorlatinib"]
    # the file name both were annotated from: one line naming both candidates, nothing written
    (tmp_path / "one.tsv").write_text("sample\tsource_vcf\tprogressed_on\nTUMOR\ttumor.vcf.gz\tcrizotinib\n")
    said = _run(
        "report", "patient1.alk.vcf", "patient2.alk.vcf", "--samples", "one.tsv", "--out", "x", cwd=tmp_path, code=3
    )
    assert said.splitlines()[-1] == (
        "alkannot: error: one.tsv:2: source_vcf 'tumor.vcf.gz' names 2 inputs that hold sample TUMOR (patient1.alk.vcf "
        "(annotated from results/patient1/tumor.vcf.gz), patient2.alk.vcf (annotated from "
        "results/patient2/tumor.vcf.gz)): the row would give one patient's history to each; give each input's path "
        "(or a file name that only it has) in a row of its own"
    )
    assert not (tmp_path / "x.tsv").exists()


def test_outputs_of_stop_48_recording_a_file_name_alone_are_still_named_by_it(tmp_path):
    """An output of stop 48 records Input=P.vcf, no folder: a row's path is compared by its file name there, and two
    rows naming one output equally well are exit 3 as before."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        g1202r_vcf(tmp_path / folder / "P.vcf", ["TUMOR"])
        _run("annotate", f"{folder}/P.vcf", "-o", f"{folder}.alk.vcf", cwd=tmp_path)
        text = (tmp_path / f"{folder}.alk.vcf").read_text()
        (tmp_path / f"{folder}.alk.vcf").write_text(text.replace(f",Input={folder}/P.vcf>", ",Input=P.vcf>"))
    (tmp_path / "two.tsv").write_text(
        "sample\tsource_vcf\tprogressed_on\nTUMOR\ta/P.vcf\tcrizotinib\nTUMOR\tb/P.vcf\talectinib\n"
    )
    said = _run("report", "a.alk.vcf", "--samples", "two.tsv", "--out", "r", cwd=tmp_path, code=3)
    assert (
        "alkannot: error: two.tsv:3: source_vcf 'a/P.vcf' (line 2) and 'b/P.vcf' both name a.alk.vcf (annotated from "
        "P.vcf) for sample TUMOR: either row could be its history; name the input as given (a.alk.vcf) in the row "
        "meant for it"
    ) in said.splitlines()
    # the annotate step itself tells them apart by path; so does a report step's row naming each output
    (tmp_path / "named.tsv").write_text((tmp_path / "two.tsv").read_text() + "TUMOR\ta.alk.vcf\tceritinib\n")
    _run("report", "a.alk.vcf", "--samples", "named.tsv", "--out", "n", cwd=tmp_path)
    assert [h[2] for h in _histories(tmp_path / "n")] == ["ceritinib"]


def test_standard_input_names_no_file_to_a_later_report(tmp_path):
    """An output annotated from standard input records Input="<stdin>": a row's '-' named `annotate -`'s input,
    not the file the report is given."""
    g1202r_vcf(tmp_path / "pA.vcf", ["TUMOR"])
    _run("annotate", "-", "-o", "s.alk.vcf", cwd=tmp_path, stdin=(tmp_path / "pA.vcf").read_bytes())
    (tmp_path / "s.tsv").write_text("sample\tsource_vcf\tprogressed_on\nTUMOR\t-\tcrizotinib\n")
    said = _run("report", "s.alk.vcf", "--samples", "s.tsv", "--out", "r", cwd=tmp_path)
    assert "s.tsv:2: source_vcf '-' names no input of this run" in said
    # the table names the output itself, which a sheet's source_vcf can name (eng48, finding 1: it said '<stdin>')
    assert _histories(tmp_path / "r") == [("TUMOR (s.alk)", "s.alk.vcf", "")]


def test_two_rows_naming_one_input_by_two_spellings_of_its_path_are_an_error(tmp_path):
    """The same check for an input given as it is: `./pA.vcf` and `pA.vcf` both name it by path; the first row was
    used and the second dropped without a word."""
    g1202r_vcf(tmp_path / "pA.vcf", ["TUMOR"])
    (tmp_path / "s.tsv").write_text(
        "sample\tsource_vcf\tprogressed_on\nTUMOR\t./pA.vcf\tcrizotinib\nTUMOR\tpA.vcf\talectinib\n"
    )
    said = _run("report", "pA.vcf", "--samples", "s.tsv", "--out", "r", cwd=tmp_path, code=3)
    assert (
        "alkannot: error: s.tsv:3: source_vcf './pA.vcf' (line 2) and 'pA.vcf' both name pA.vcf for sample TUMOR: "
        "either row could be its history; keep one row per input"
    ) in said.splitlines()
