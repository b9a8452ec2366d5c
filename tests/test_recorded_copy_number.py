"""An ALK copy-number change over the kinase domain (a gain, a deletion) that an annotate run weighed from a CNV or SV
caller's --sv VCF is recorded in its ##alkannotSample line (AlkCopyNumber=) with its record, FILTER and why it does
not count where it does not; `alkannot report` (and a re-annotation) of that output alone weighs it as the annotate
run did. Before, the report only named it in a note: a kinase-domain deletion that made on-target resistance possible
was dropped and the tumour came back ALK-mutation-negative (review of stop 37's fixes, finding 6)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

from alkannot.copynumber import GAIN_LEVELS, LOSS_LEVELS, AlkCopyNumber
from alkannot.recorded_copy_number import parse_recorded_copy_number, recorded_copy_number_value

DATA = Path(__file__).parent / "data" / "review37"
COMPARED = ("mechanism", "pgp_check", "alk_mutation_negative", "pgp_triage", "pgp_ihc_to_order", "inhibitors")


def _run(args: list[str]) -> subprocess.CompletedProcess:
    run = subprocess.run([ALKANNOT, "-q", *args], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run


def _sample(prefix: Path) -> dict:
    (sample,) = json.loads(prefix.with_suffix(".json").read_text())["samples"]
    return sample


def _annotated(tmp_path: Path, sv: str, sheet: str) -> tuple[Path, dict]:
    """The output of annotate with `sv` (tests/data/review37) and its report's sample."""
    out = tmp_path / "annotated.vcf"
    _run(
        [
            "annotate",
            str(DATA / "no_mutation.vcf"),
            "--sv",
            str(DATA / sv),
            "--samples",
            str(DATA / sheet),
            "-o",
            str(out),
            "--report",
            str(tmp_path / "first"),
        ]
    )
    return out, _sample(tmp_path / "first")


def _recorded(vcf: Path) -> str:
    (line,) = [l for l in vcf.read_text().splitlines() if l.startswith("##alkannotSample=<ID=T,")]
    return line.split('AlkCopyNumber="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize(
    "change",
    [
        AlkCopyNumber("chr2", 29190000, 29240000, "<AMP>", 10, "amplification_call", "PASS"),
        AlkCopyNumber("chr2", 29190000, 29240000, "<AMP>", None, "amplification_call", "PASS"),
        AlkCopyNumber("chr2", 29190000, 29930000, "<DUP>", 12, "gain", "PASS"),
        AlkCopyNumber("2", 29190000, 29930000, "<DUP>", 3.5, "gain", "."),
        AlkCopyNumber("chr2", 29190000, 29930000, "<CNV>", None, "unquantified", "PASS"),
        AlkCopyNumber("chr2", 29220740, 29220800, "<DEL>", 0, "deep_loss", "PASS"),
        AlkCopyNumber("chr2", 29220740, 29220800, "<DEL>", None, "deletion_unquantified", "PASS"),
        AlkCopyNumber("chr2", 20000000, 40000000, "<DEL>", 1, "loss", "PASS", not_counted="whole_gene"),
        AlkCopyNumber(
            "chr2", 29220740, 29220800, "<DEL>", None, "deletion_unquantified", "PASS", "in_normal", ("N", "N2")
        ),
        AlkCopyNumber("chr2", 29220740, None, "", 1, "loss", "PASS"),
    ],
)
def test_every_level_is_read_back_as_written(change):
    (again,) = parse_recorded_copy_number(recorded_copy_number_value([change]))
    assert again.recorded
    assert (again.label, again.record, again.filter, again.not_counted, again.normals, again.level) == (
        change.label,
        change.record,
        change.filter,
        change.not_counted,
        change.normals,
        change.level,
    )
    assert again.counts == change.counts and again.firm == change.firm and again.deletion == change.deletion


def test_a_label_names_one_level():
    """A label is read back to its level by trying each: two levels with one label would make that ambiguous."""
    for cn in (None, 0, 1, 5, 3.5):
        labels = [AlkCopyNumber("chr2", 1, 2, "<CNV>", cn, level, "PASS").label for level in GAIN_LEVELS + LOSS_LEVELS]
        assert len(set(labels)) == len(labels), labels


def test_a_value_written_before_the_record_was_is_not_read_back():
    assert parse_recorded_copy_number("ALK deletion (CN not given)") is None
    assert parse_recorded_copy_number("ALK copy-number gain (CN=12)") is None
    assert parse_recorded_copy_number("something else at chr2:1 <DEL> (FILTER=PASS)") is None
    assert parse_recorded_copy_number("") is None


def test_report_on_the_output_weighs_a_recorded_kinase_domain_deletion(tmp_path):
    """The finding: on-target possible in the annotate run, ALK-mutation-negative (P-gp triage) in the report."""
    annotated, first = _annotated(tmp_path, "symbolic_kinase_deletion.vcf", "crizotinib_no_normal.tsv")
    assert first["mechanism"] == "on_target_possible" and not first["alk_mutation_negative"]
    assert _recorded(annotated) == "ALK deletion (CN not given) at chr2:29220740-29220800 <DEL> (FILTER=PASS)"
    run = _run(["report", str(annotated), "--out", str(tmp_path / "again")])
    assert "records Mechanism" not in run.stderr and "records PgpCheck" not in run.stderr
    again = _sample(tmp_path / "again")
    for key in COMPARED:
        assert again[key] == first[key], key
    assert again["alk_copy_number"] == first["alk_copy_number"]
    assert (
        "ALK deletion (CN not given) at chr2:29220740-29220800 <DEL>: recorded in this VCF's header, written when it "
        "was annotated; its evidence came from inputs not in this file (e.g. a CNV caller's VCF (--sv)), so this run "
        "weighs it as that run did; rerun with them to check it."
    ) in again["notes"]
    # the deletion's own note, as the annotate run gave it
    assert (
        [n for n in first["notes"] if "removes kinase-domain coding bases" in n]
        == [n for n in again["notes"] if "removes kinase-domain coding bases" in n]
        != []
    )
    tsv = (tmp_path / "again.tsv").read_text().splitlines()
    columns = dict(zip(tsv[0].split("\t"), tsv[1].split("\t")))
    assert columns["alk_copy_number"] == "ALK deletion (CN not given) chr2:29220740-29220800 <DEL>"
    assert columns["alk_mutation_negative"] == "false"


@pytest.mark.parametrize(
    ("sv", "sheet", "why"),
    [
        ("germline_deletion.vcf", "crizotinib_with_normal.tsv", "in_normal by N"),
        ("one_copy_loss.vcf", "crizotinib_no_normal.tsv", "whole_gene"),
    ],
)
def test_a_recorded_deletion_that_did_not_count_still_does_not(tmp_path, sv, sheet, why):
    """A germline deletion (the matched normal carries it) and a whole-arm segment stay listed and not counted."""
    annotated, first = _annotated(tmp_path, sv, sheet)
    assert _recorded(annotated).endswith(f"(FILTER=PASS, not counted: {why})")
    assert first["alk_mutation_negative"] and first["mechanism"] == "unexplained"
    _run(["report", str(annotated), "--out", str(tmp_path / "again")])
    again = _sample(tmp_path / "again")
    for key in COMPARED:
        assert again[key] == first[key], key
    assert again["alk_copy_number"] == first["alk_copy_number"] != []
    said = [n for n in first["notes"] if "removes kinase-domain coding bases" in n]
    assert said and said == [n for n in again["notes"] if "removes kinase-domain coding bases" in n]


def test_a_value_written_before_the_record_was_is_named_not_weighed(tmp_path):
    """An output of an earlier alkannot (the label alone): named in a note, as before, the verdict without it."""
    annotated, _ = _annotated(tmp_path, "symbolic_kinase_deletion.vcf", "crizotinib_no_normal.tsv")
    text = annotated.read_text().replace(_recorded(annotated), "ALK deletion (CN not given)")
    (old := tmp_path / "old.vcf").write_text(text)
    _run(["report", str(old), "--out", str(tmp_path / "again")])
    again = _sample(tmp_path / "again")
    assert again["alk_copy_number"] == [] and again["mechanism"] == "unexplained"
    assert (
        "ALK deletion (CN not given) recorded in this VCF's header, written when it was annotated: its evidence came "
        "from inputs not in this file (e.g. a CNV caller's VCF (--sv)), so this run does not weigh it; rerun with them."
    ) in again["notes"]


def test_new_sv_evidence_for_the_sample_decides(tmp_path):
    """Given an SV file that covers the sample and has no deletion, the recorded one is not used."""
    annotated, _ = _annotated(tmp_path, "symbolic_kinase_deletion.vcf", "crizotinib_no_normal.tsv")
    _run(
        [
            "report",
            str(annotated),
            "--sv",
            str(DATA / "deletion_outside_kinase_domain.vcf"),
            "--out",
            str(tmp_path / "again"),
        ]
    )
    again = _sample(tmp_path / "again")
    assert again["alk_copy_number"] == [] and again["mechanism"] == "unexplained"
    assert not any("recorded in this VCF's header" in n and "ALK deletion" in n for n in again["notes"])


def test_re_annotating_the_output_keeps_the_recorded_change(tmp_path):
    """annotate on its own output without --sv: the same line, once, and the same verdict."""
    annotated, first = _annotated(tmp_path, "symbolic_kinase_deletion.vcf", "crizotinib_no_normal.tsv")
    again = tmp_path / "again.vcf"
    _run(["annotate", str(annotated), "-o", str(again), "--report", str(tmp_path / "second")])
    assert _recorded(again) == _recorded(annotated)
    second = _sample(tmp_path / "second")
    for key in COMPARED:
        assert second[key] == first[key], key
