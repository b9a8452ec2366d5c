"""`alkannot report` on a VCF annotated with --sv: the off-target candidate the annotate run found is recorded in
##alkannotSample and kept; the P-gp note says it was recorded, not that no bypass-gene alteration was found
(clinical review 2026-12-01, fourth reading, finding 7: flag and note never disagree), and named: OffTarget= in the
header line (cohort review of stop 33, finding 2)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpers import ALKANNOT

DATA = Path(__file__).parent / "data" / "recorded_offtarget"


def _run(args: list[str]) -> subprocess.CompletedProcess:
    run = subprocess.run([ALKANNOT, "-q", *args], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run


def annotated_then_reported(
    tmp_path: Path, vcf: str, sheet: str, sv: str = str(DATA / "met_alec.sv.vcf")
) -> tuple[dict, dict, Path]:
    """The sample as `annotate --sv met_alec.sv.vcf --report` saw it (or with another `sv` file), as `report` on its
    output alone sees it, and that output."""
    annotated = tmp_path / "o.vcf"
    _run(
        [
            "annotate",
            str(DATA / vcf),
            "--sv",
            sv,
            "--samples",
            sheet,
            "-o",
            str(annotated),
            "--report",
            str(tmp_path / "a"),
        ]
    )
    (first,) = json.loads((tmp_path / "a.json").read_text())["samples"]
    _run(["report", str(annotated), "--samples", sheet, "--out", str(tmp_path / "r")])
    (again,) = json.loads((tmp_path / "r.json").read_text())["samples"]
    return first, again, annotated


def test_report_on_the_annotated_vcf_keeps_the_off_target_candidate_and_says_so(tmp_path):
    first, again, annotated = annotated_then_reported(tmp_path, "met_alec.vcf", str(DATA / "samples.tsv"))
    assert first["mechanism"] == "off_target_candidate"
    assert "Look first at the off-target candidates" in first["pgp"]["note"]
    assert again["mechanism"] == "off_target_candidate"
    assert again["pgp_check"] == first["pgp_check"]
    note = again["pgp"]["note"]
    assert "alteration was found among" not in note
    # the prompt for small-cell transformation stays, with its sources, as beside any candidate (clinical review of
    # stop 42, finding 5; before, oncologist reading of stop 28: dropped)
    assert note.count("small-cell") == 2 and {"TAKE16", "LC16", "ZHU17"} <= set(again["pgp"]["sources"])
    assert "An off-target candidate was recorded when this VCF was annotated" in note
    # with the FISH advice the annotate run's note gave the gain, and its source (consistency check of stop 34: it
    # was lost on a report of the output)
    advice = (
        "MET copy-number gain (CN=12) from NGS: confirm amplification by FISH; no clinically defined NGS "
        "copy-number cut-off for MET amplification"
    )
    assert advice in first["pgp"]["note"] and advice in note and "SCHMITT21" in again["pgp"]["sources"]
    # in the words every output says it (plain_words: review of the example report, point 5)
    assert any(
        n.startswith("Off-target candidate recorded in this VCF's header, written when it was annotated")
        for n in again["notes"]
    )
    # and named, as the annotate run named it: the TSV, MultiQC and HTML list the candidate (review of stop 33)
    assert "(MET copy number gain (chr7:116522196 <DUP> CN=12))" in note
    assert [(o["gene"], o["kind"], o["record"]) for o in again["off_target"]] == [
        ("MET", "copy_number_gain", "chr7:116522196 <DUP> CN=12")
    ]
    table = (tmp_path / "r.tsv").read_text()
    assert "MET copy_number_gain chr7:116522196 <DUP> CN=12" in table
    multiqc = (tmp_path / "r_mqc.tsv").read_text()
    assert "\tMET copy_number_gain\t" in multiqc
    header = subprocess.run(["bcftools", "view", "-h", str(annotated)], capture_output=True, text=True).stdout
    assert 'OffTarget="MET:copy_number_gain:chr7:116522196 <DUP> CN=12"' in header


def test_a_recorded_candidate_is_listed_beside_a_finding_of_the_file(tmp_path):
    """A TP53 co-alteration in the annotated file, no candidate: the recorded MET gain is listed beside it and the
    mechanism kept (after ceritinib)."""
    first, again, _ = annotated_then_reported(tmp_path, "met_tp53.vcf", str(DATA / "samples_ceritinib.tsv"))
    assert first["mechanism"] == again["mechanism"] == "off_target_candidate"
    assert sorted(o["gene"] for o in again["off_target"]) == ["MET", "TP53"]


def test_a_met_gain_after_crizotinib_is_no_candidate_to_record(tmp_path):
    """After crizotinib, itself a MET inhibitor, the MET gain is listed, not counted (clinical review of stop 38,
    finding 2): no OffTarget= is written for it, and its note says why."""
    first, again, annotated = annotated_then_reported(tmp_path, "met_tp53.vcf", str(DATA / "samples_crizotinib.tsv"))
    assert first["mechanism"] != "off_target_candidate" and again["mechanism"] == first["mechanism"]
    assert [(o["gene"], o["candidate"]) for o in first["off_target"] if o["gene"] == "MET"] == [("MET", False)]
    assert any(
        "listed, not counted as an off-target candidate after progression on crizotinib" in n for n in first["notes"]
    )
    assert "OffTarget=" not in annotated.read_text()


def test_report_on_the_annotated_vcf_weighs_a_recorded_alk_gain(tmp_path):
    """An ALK gain from a CNV caller's --sv VCF, weighed by annotate (on-target possible after crizotinib), was
    dropped by `report` on the output alone without a word (mechanism unexplained; consistency check of stop 35),
    then only named in a note (review of stop 37's fixes, finding 6): the recorded AlkCopyNumber= names its record
    now, and the report weighs it as the annotate run did, saying so."""
    header = (DATA / "met_alec.sv.vcf").read_text().split("#CHROM")[0]
    sv = tmp_path / "alk_gain.sv.vcf"
    sv.write_text(
        header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tM1_T\n"
        "chr2\t29190000\tCNV_ALK\tN\t<DUP>\t.\tPASS\tIMPRECISE;SVTYPE=DUP;END=29930000;SVLEN=740000\tGT:CN\t0/1:12\n"
    )
    annotated, sheet = tmp_path / "o.vcf", str(DATA / "samples_crizotinib.tsv")
    _run(["annotate", str(DATA / "met_alec.vcf"), "--sv", str(sv), "--samples", sheet, "-o", str(annotated)])
    _run(["report", str(DATA / "met_alec.vcf"), "--sv", str(sv), "--samples", sheet, "--out", str(tmp_path / "a")])
    assert 'AlkCopyNumber="ALK copy-number gain (CN=12) at chr2:29190000-29930000 <DUP> (FILTER=PASS)"' in (
        annotated.read_text()
    )
    run = _run(["report", str(annotated), "--samples", sheet, "--out", str(tmp_path / "r")])
    assert "records Mechanism" not in run.stderr
    (first,) = json.loads((tmp_path / "a.json").read_text())["samples"]
    (again,) = json.loads((tmp_path / "r.json").read_text())["samples"]
    assert first["alk_copy_number"] == again["alk_copy_number"] != []
    for key in ("mechanism", "pgp_check", "alk_mutation_negative", "inhibitors", "pgp_triage"):
        assert first[key] == again[key], key
    assert (
        "ALK copy-number gain (CN=12) at chr2:29190000-29930000 <DUP>: recorded in this VCF's header, written when it "
        "was annotated; its evidence came from inputs not in this file (e.g. a CNV caller's VCF (--sv)), so this run "
        "weighs it as that run did; rerun with them to check it."
    ) in again["notes"]


def _egfr_sv(tmp_path: Path, alt: str = "<DUP>", svtype: str = "DUP") -> str:
    """met_alec.sv.vcf with its MET CN=12 record moved to EGFR (chr7:55100000), as `alt`/`svtype`."""
    sv = tmp_path / "egfr.sv.vcf"
    text = (DATA / "met_alec.sv.vcf").read_text()
    sv.write_text(
        text.replace("chr7\t116522196\tCNV_MET\tN\t<DUP>", f"chr7\t55100000\tCNV_EGFR\tN\t{alt}").replace(
            "SVTYPE=DUP;END=116978377;SVLEN=456181", f"SVTYPE={svtype};END=55200000;SVLEN=100000"
        )
    )
    return str(sv)


EGFR_LISTED = (
    "copy-number gain (CN=12): not established as EGFR amplification (the sources read give no copy-number cut-off for "
    "EGFR amplification); not an off-target candidate on its own (a caller's amplification call, <AMP>, would make it "
    "one). What the sources say: EGFR activation is listed"
)


def test_a_recorded_egfr_gain_is_listed_without_schmitt21(tmp_path):
    """An EGFR CN=12 gain from an --sv file is listed, not a candidate, in the annotate run and in a report of its
    output (OffTargetListed=; met47b: no copy-number cut-off for EGFR in the sources read, and alkannot never calls
    amplification by itself), and what is said of it is the gene's (review of stop 46, cn46): no SCHMITT21, which its
    abstract says of MET amplification, and no "confirm by FISH", which no source read says of EGFR (stop 47, met47)."""
    first, again, annotated = annotated_then_reported(
        tmp_path, "met_alec.vcf", str(DATA / "samples.tsv"), _egfr_sv(tmp_path)
    )
    for sample in (first, again):
        assert sample["mechanism"] == "unexplained"
        (egfr,) = sample["off_target"]
        assert (egfr["kind"], egfr["candidate"]) == ("copy_number_gain_unconfirmed", False)
        assert egfr["statement"].startswith(EGFR_LISTED)
        assert (
            "A copy-number gain the caller did not call amplification is listed (EGFR chr7:55100000 <DUP> CN=12)"
            in sample["pgp"]["note"]
        )
        assert "SCHMITT21" not in json.dumps(sample) and "clinically defined" not in json.dumps(sample)
        assert "confirm amplification by FISH" not in json.dumps(sample)
    assert 'OffTargetListed="EGFR:copy_number_gain_unconfirmed:chr7:55100000 <DUP> CN=12"' in annotated.read_text()
    assert "OffTarget=" not in annotated.read_text()


def test_an_egfr_gain_recorded_as_a_candidate_before_stop_47_is_listed(tmp_path):
    """An output of an alkannot before met47b recorded that EGFR CN=12 gain as a candidate (OffTarget=, Mechanism=
    off_target_candidate: MET's borrowed cut-off made a CN of 5 or more one). `report` on it judges the recorded
    record as this run does: listed, not a candidate, with what this run says of it and marked as recorded; a note
    and one warning say why the verdict differs from the header's; a re-annotation records it as listed."""
    _, _, annotated = annotated_then_reported(tmp_path, "met_alec.vcf", str(DATA / "samples.tsv"), _egfr_sv(tmp_path))
    old = tmp_path / "old.vcf"
    old.write_text(
        annotated.read_text()
        .replace(
            'OffTargetListed="EGFR:copy_number_gain_unconfirmed:chr7:55100000 <DUP> CN=12"',
            'OffTarget="EGFR:copy_number_gain:chr7:55100000 <DUP> CN=12"',
        )
        .replace("Mechanism=unexplained", "Mechanism=off_target_candidate")
    )
    assert 'OffTarget="EGFR:copy_number_gain' in old.read_text()
    done = subprocess.run(
        [ALKANNOT, "report", str(old), "--samples", str(DATA / "samples.tsv"), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    (sample,) = json.loads((tmp_path / "o.json").read_text())["samples"]
    assert sample["mechanism"] == "unexplained"
    (egfr,) = sample["off_target"]
    assert (egfr["kind"], egfr["candidate"], egfr["record"]) == (
        "copy_number_gain_unconfirmed",
        False,
        "chr7:55100000 <DUP> CN=12",
    )
    assert egfr["statement"].startswith(EGFR_LISTED)
    assert egfr["statement"].endswith(
        "(recorded in this VCF's header when it was annotated; its evidence is not in this file)"
    )
    assert (
        "Off-target candidate recorded in this VCF's header, written when it was annotated, not counted as one by "
        "this run: EGFR copy number gain unconfirmed (chr7:55100000 <DUP> CN=12)"
    ) in "\n".join(sample["notes"])
    assert "listed: see the off-target findings." in "\n".join(sample["notes"])
    assert "A copy-number gain the caller did not call amplification is listed (EGFR" in sample["pgp"]["note"]
    assert done.stderr.count("Mechanism=off_target_candidate") == 1
    assert "does not count as an off-target candidate on its own" in done.stderr, done.stderr
    again = tmp_path / "again.vcf"
    _run(["annotate", str(old), "--samples", str(DATA / "samples.tsv"), "-o", str(again)])
    assert 'OffTargetListed="EGFR:copy_number_gain_unconfirmed:chr7:55100000 <DUP> CN=12"' in again.read_text()
    assert "OffTarget=" not in again.read_text()


def test_a_recorded_egfr_amplification_call_stays_a_candidate(tmp_path):
    """The caller's own amplification call (<AMP>) in EGFR, from an --sv file, is a candidate in the annotate run and
    in a report of its output (OffTarget=), with no caveat: neither FISH advice nor 'not established'."""
    first, again, annotated = annotated_then_reported(
        tmp_path, "met_alec.vcf", str(DATA / "samples.tsv"), _egfr_sv(tmp_path, "<AMP>", "AMP")
    )
    assert 'OffTarget="EGFR:copy_number_gain:chr7:55100000 <AMP> CN=12"' in annotated.read_text()
    for sample in (first, again):
        assert sample["mechanism"] == "off_target_candidate"
        (egfr,) = sample["off_target"]
        assert (egfr["kind"], egfr["candidate"]) == ("copy_number_gain", True)
        assert "not established" not in json.dumps(sample) and "FISH" not in sample["pgp"]["note"].replace(
            "IHC, FISH or RNA", ""
        )
        assert "Look first at the off-target candidates (EGFR copy-number gain)." in sample["pgp"]["note"]
    assert "An off-target candidate was recorded when this VCF was annotated" in again["pgp"]["note"]
