"""A `bcftools merge` of tumour/normal VCFs keeps only the first file's ##tumor_sample/##normal_sample lines (review
cohort6, finding 3): the sample sheet declares the others (`role`, `normal`), and the normals the header leaves
undeclared are warned about by name."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, run

PAIRING = Path(__file__).parent / "data" / "pairing"
MERGED = PAIRING / "merged_three_pairs.vcf"


def _report(tmp_path: Path, *args: str) -> tuple[dict, str]:
    out = tmp_path / "r"
    run = subprocess.run([ALKANNOT, "report", str(MERGED), *args, "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(out.with_suffix(".json").read_text()), run.stderr


def _in_normal(doc: dict) -> dict[str, list[tuple[str, list[str]]]]:
    return {s["sample"]: [(m["label"], m["in_normal"]) for m in s["alk_mutations"]] for s in doc["samples"]}


def test_without_declarations_the_undeclared_normals_are_reported_and_named_in_one_warning(tmp_path):
    doc, stderr = _report(tmp_path)
    assert [s["sample"] for s in doc["samples"]] == ["S11_T", "S1_T", "S1_N", "P_T", "P_N"]
    (warning,) = [line for line in stderr.splitlines() if "like a matched normal" in line]
    assert warning == (
        f"alkannot: WARNING: {MERGED}: S1_N, P_N look(s) like a matched normal by name, but the "
        "##tumor_sample/##normal_sample header lines (or the sample sheet) declare only some of its samples "
        "(bcftools merge keeps only the first file's lines): reported as a patient (declare normals in the sample "
        "sheet: a role column saying normal, or a normal column naming the matched normal on its tumour's row)"
    )


def test_a_normal_column_leaves_the_normals_out_and_pairs_each_tumour_for_the_germline_check(tmp_path):
    doc, stderr = _report(tmp_path, "--samples", str(PAIRING / "merged_three_pairs_samples.tsv"))
    assert "like a matched normal" not in stderr
    assert doc["inputs"][0]["reported"] == ["S11_T", "S1_T", "P_T"]
    assert doc["inputs"][0]["left_out"] == ["S11_N", "S1_N", "P_N"]
    assert doc["summary"]["not_assessable"] == []
    assert _in_normal(doc) == {
        "S11_T": [("R1275Q", [])],
        "S1_T": [("T1211Pfs*47", ["S1_N"]), ("G1202R", [])],
        "P_T": [("R1275Q", ["P_N"]), ("T1211Pfs*47", ["P_N"])],
    }
    (s1,) = [s for s in doc["samples"] if s["sample"] == "S1_T"]
    assert any("also found in the matched normal (S1_N)" in n for n in s1["notes"])


def test_a_role_column_leaves_the_normals_out_without_pairing_them(tmp_path):
    doc, stderr = _report(tmp_path, "--samples", str(PAIRING / "merged_three_pairs_roles.tsv"))
    assert "like a matched normal" not in stderr
    assert doc["inputs"][0]["left_out"] == ["S11_N", "S1_N", "P_N"]
    assert _in_normal(doc) == {
        "S11_T": [("R1275Q", [])],
        "S1_T": [("T1211Pfs*47", []), ("G1202R", [])],
        "P_T": [("R1275Q", []), ("T1211Pfs*47", [])],
    }
    # checked against no normal, and said (clinical review of stop 35, finding 7: neither the germline flag nor the
    # tumour-only caveat); the normal column above pairs them and says nothing of the kind
    p_t = next(s for s in doc["samples"] if s["sample"] == "P_T")
    (said,) = [n for n in p_t["notes"] if n.startswith("Matched normal not known")]
    assert said.startswith(
        "Matched normal not known: the input holds normals (S11_N, S1_N, P_N) but does not say which is this "
        "sample's (name it in the sample sheet's `normal` column), so whether R1275Q, T1211Pfs*47 are somatic or "
        "germline was not checked against one. Without a matched normal"
    )
    paired, _ = _report(tmp_path, "--samples", str(PAIRING / "merged_three_pairs_samples.tsv"))
    assert not [n for s in paired["samples"] for n in s["notes"] if n.startswith("Matched normal not known")]


def test_a_declared_normal_missing_from_the_input_is_said(tmp_path):
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\tnormal\nS1_T\tS1_blood\nP_N\t\n")
    doc, stderr = _report(tmp_path, "--samples", str(sheet))
    assert (
        f"alkannot: WARNING: {MERGED}: S1_T: the sample sheet {sheet} (line 2) names its matched normal S1_blood, "
        "which is not a sample of this input: no germline check for it"
    ) in stderr.splitlines()
    # S1_T is declared a tumour; the header declares S11's pair: P_N is still reported, and named
    assert [s["sample"] for s in doc["samples"]] == ["S11_T", "S1_T", "S1_N", "P_T", "P_N"]
    assert "S1_N, P_N look(s) like a matched normal by name" in stderr


@pytest.mark.parametrize(
    "body, message",
    [
        ("sample\trole\nP_T\tmaybe\n", "s.tsv:2: role 'maybe' is not tumor or normal (or empty)"),
        ("sample\trole\tnormal\nP_N\tnormal\tP_T\n", "s.tsv:2: a normal has no matched normal"),
        ("sample\tnormal\nP_T\tP_T\n", "s.tsv:2: sample 'P_T' is named its own matched normal"),
    ],
)
def test_bad_roles_are_exit_3_naming_the_row(tmp_path, body, message):
    sheet = tmp_path / "s.tsv"
    sheet.write_text(body)
    run = subprocess.run(
        [ALKANNOT, "report", str(MERGED), "--samples", str(sheet), "--out", str(tmp_path / "r")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 3 and message in run.stderr, run.stderr


def _annotate(tmp_path: Path, sheet: str, source: Path = MERGED, name: str = "a") -> Path:
    out = tmp_path / f"{name}.vcf"
    run = subprocess.run(
        [ALKANNOT, "annotate", str(source), "--samples", str(PAIRING / sheet), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return out


@pytest.mark.parametrize("sheet", ["merged_three_pairs_samples.tsv", "merged_three_pairs_roles.tsv"])
def test_a_report_on_the_annotated_output_without_the_sheet_leaves_out_the_same_normals(tmp_path, sheet):
    """The normals and pairs the sheet declared are written into the output (##alkannotNormal, Normal=) and read
    back: a report on it without the sheet is the sheet's (consistency check of stop 34: the normals became
    patients and the germline check was lost)."""
    annotated = _annotate(tmp_path, sheet)
    header = [line for line in annotated.read_text().splitlines() if line.startswith("##alkannot")]
    assert [line for line in header if line.startswith("##alkannotNormal")] == [
        "##alkannotNormal=<ID=S11_N>",  # the header's own ##normal_sample too: a merge keeps only the first file's
        "##alkannotNormal=<ID=S1_N>",
        "##alkannotNormal=<ID=P_N>",
    ]
    paired = sheet == "merged_three_pairs_samples.tsv"
    normal_fields = [
        f.split(",")[0].rstrip(">") for line in header for f in line.split("Normal=")[1:] if "Sample=" in line
    ]
    assert normal_fields == (["S11_N", "S1_N", "P_N"] if paired else [])
    with_sheet, _ = _report(tmp_path, "--samples", str(PAIRING / sheet))
    out = tmp_path / "b"
    run = subprocess.run([ALKANNOT, "report", str(annotated), "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "like a matched normal" not in run.stderr
    assert "S1_N, P_N" in run.stderr and "left out as normal(s)" in run.stderr
    without = json.loads(out.with_suffix(".json").read_text())
    assert without["inputs"][0]["reported"] == ["S11_T", "S1_T", "P_T"]
    assert without["inputs"][0]["left_out"] == with_sheet["inputs"][0]["left_out"]
    assert _in_normal(without) == _in_normal(with_sheet)
    # re-annotation without the sheet writes the same lines again, once
    again = subprocess.run([ALKANNOT, "annotate", str(annotated)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    lines = [line for line in again.stdout.splitlines() if line.startswith("##alkannot")]
    assert [line for line in lines if not line.startswith("##alkannotCommand")] == [
        line for line in header if not line.startswith("##alkannotCommand")
    ]


def _pair(tmp_path: Path, tumour: str, normal: str) -> Path:
    """One pair of the merged file as its own VCF, declaring its own pair as Mutect2's header does."""
    run = subprocess.run(
        ["bcftools", "view", "--no-version", "-s", f"{tumour},{normal}", str(MERGED)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [x for x in run.stdout.splitlines() if not x.startswith(("##tumor_sample", "##normal_sample"))]
    at = next(i for i, x in enumerate(lines) if x.startswith("#CHROM"))
    lines[at:at] = [f"##tumor_sample={tumour}", f"##normal_sample={normal}"]
    out = tmp_path / f"{tumour}.vcf"
    out.write_text("\n".join(lines) + "\n")
    return out


def test_pairs_annotated_one_by_one_then_merged_keep_their_normals(tmp_path):
    """Annotate each pair, then `bcftools merge`: the merge keeps only the first file's ##normal_sample, so a report
    on the merged file made the later normals patients and lost each tumour's germline check (review of stop 34's
    changes, finding 1). Every normal a run leaves out is written as ##alkannotNormal and its pair as Normal=."""
    annotated = []
    for tumour, normal in (("S1_T", "S1_N"), ("P_T", "P_N")):
        out = tmp_path / f"{tumour}.vcf.gz"
        run = subprocess.run(
            [ALKANNOT, "-q", "annotate", str(_pair(tmp_path, tumour, normal)), "-o", str(out), "-W"],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        annotated.append(str(out))
    merged = tmp_path / "merged.vcf"
    subprocess.run(["bcftools", "merge", *annotated, "-o", str(merged)], check=True, capture_output=True)
    header = merged.read_text()
    assert header.count("##normal_sample=") == 1 and "##alkannotNormal=<ID=P_N>" in header
    out = tmp_path / "r"
    run = subprocess.run([ALKANNOT, "report", str(merged), "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "like a matched normal" not in run.stderr
    doc = json.loads(out.with_suffix(".json").read_text())
    assert doc["inputs"][0]["reported"] == ["S1_T", "P_T"] and doc["inputs"][0]["left_out"] == ["S1_N", "P_N"]
    assert _in_normal(doc) == {
        "S1_T": [("T1211Pfs*47", ["S1_N"]), ("G1202R", [])],
        "P_T": [("R1275Q", ["P_N"]), ("T1211Pfs*47", ["P_N"])],
    }


def test_recorded_normals_that_cannot_apply_are_not_claimed(tmp_path):
    """A tumour cut out of its annotated pair (bcftools view -s): its recorded Normal= names no sample of the
    input, so nothing is said to be left out and no synthetic sheet line is cited; --tumor naming the recorded
    normal makes it the tumour; a different --samples sheet that does not declare a recorded normal says so
    (review of stop 34's changes, findings 4, 7 and 8)."""
    annotated = _annotate(tmp_path, "merged_three_pairs_samples.tsv")
    cut = tmp_path / "cut.vcf"
    subprocess.run(["bcftools", "view", "-s", "S1_T", str(annotated), "-o", str(cut)], check=True)
    run = subprocess.run([ALKANNOT, "report", str(cut), "--out", str(tmp_path / "c")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "left out as normal" not in run.stderr and "(line " not in run.stderr
    run = subprocess.run(
        [ALKANNOT, "report", str(annotated), "--tumor", "S1_N", "--out", str(tmp_path / "t")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    said = [x for x in run.stderr.splitlines() if "left out as normal(s)" in x]
    assert all("S1_N" not in x for x in said)
    other = tmp_path / "other.tsv"
    other.write_text("sample\tprogressed_on\nS1_T\tlorlatinib\n")
    run = subprocess.run(
        [ALKANNOT, "report", str(annotated), "--samples", str(other), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (line,) = [x for x in run.stderr.splitlines() if "##alkannotNormal lines" in x]
    assert "S11_N, S1_N, P_N normal" not in line  # S11_N is still the header's ##normal_sample
    # the lines are the origin this file shows: the annotate run's sheet declared them, which they do not record
    # (cohort49b: "as the annotate run's sample sheet did" was said of a normal its input's header declared too)
    assert line == (
        f"alkannot: WARNING: {annotated}: its ##alkannotNormal lines, written by the annotate run that made it, "
        f"declare S1_N, P_N normal; the sample sheet {other} does not: reported as patients (role normal in the sheet "
        "leaves them out)"
    )


def test_a_sample_recorded_both_as_reported_and_as_normal_is_reported_with_a_warning(caplog):
    """A merge of differently annotated files can carry both lines for one sample: the run stopped with a sheet
    error citing a line of no file (review of stop 34's changes, finding 5); the reported sample's line wins."""
    from alkannot.recorded_history import usable_roles

    recorded = {"S1_N": {"ID": "S1_N", "ProgressedOn": "crizotinib"}, "S1_T": {"ID": "S1_T", "Normal": "S1_N"}}
    lines, normals = usable_roles(recorded, ("S1_N", "P_N"), ("S1_T", "S1_N", "P_T", "P_N"), None, "m.vcf")
    assert normals == ("P_N",) and "Normal" not in lines["S1_T"]
    (message,) = [r.getMessage() for r in caplog.records if "recorded both" in r.getMessage()]
    assert message.startswith("m.vcf: S1_N recorded both as a reported sample (##alkannotSample) and as a normal")


def test_a_strelka_pairs_normal_left_out_by_its_name_is_not_said_to_be_reported(tmp_path):
    """cohort49: a report given a sheet that does not name a Strelka2 pair's NORMAL, which the caller's naming still
    leaves out, said "its ##alkannotNormal lines declare NORMAL normal ...: reported as patients"."""
    shutil.copy(PAIRING.parent / "strelka_pairs" / "p1.vcf", tmp_path / "p1.vcf")
    assert run("annotate", tmp_path / "p1.vcf", "-o", tmp_path / "a.vcf").returncode == 0
    (tmp_path / "s.tsv").write_text("sample\tprogressed_on\nTUMOR\tcrizotinib\n")
    done = run("report", tmp_path / "a.vcf", "--samples", tmp_path / "s.tsv", "--out", tmp_path / "r", text=True)
    assert done.returncode == 0, done.stderr
    assert "reported as patients" not in done.stderr, done.stderr
    with open(tmp_path / "r.tsv", newline="") as handle:
        assert [r["sample"] for r in csv.DictReader(handle, delimiter="\t")] == ["TUMOR"]
