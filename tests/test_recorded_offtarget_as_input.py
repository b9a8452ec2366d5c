"""The off-target candidates an annotate run recorded (##alkannotSample OffTarget=, OffTargetSetAside=) are inputs of
the verdict of `report` on its output, not patched into a verdict made without them (stop 40): `report` on the
annotated VCF alone gives the verdict `report` gives on the original input with its --sv VCF, every per-drug note
included. What differs is what says where a finding came from (the header, not this file), each difference asserted
exactly: the fusion taken from the header, a note naming the recorded off-target findings, their off-target entry's
statement, and one sentence of the P-gp note. The per-drug notes used to say "whatever caused the progression" where
annotate named the MET gain (README of tests/data/recorded_offtarget)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from helpers import EXAMPLES, g1202r_vcf, run

DATA = Path(__file__).parent / "data" / "recorded_offtarget"
FUSION_RECORDED = "[taken from the ##alkannotSample header line written when this VCF was annotated]"
RECORDED_STATEMENT = "recorded in this VCF's header when it was annotated; its evidence is not in this file"
RECORDED_NOTE = "Off-target {} recorded in this VCF's header, written when it was annotated{}: {}; {}; {}"
EVIDENCE = "its evidence came from inputs not in this file, e.g. a CNV caller's VCF (--sv)"
MET = {
    "GRCh38": "MET copy number gain (chr7:116522196 <DUP> CN=9)",
    "data": "MET copy number gain (chr7:116522196 <DUP> CN=12)",
}
# the note of a fusion status annotate took from DNA SV calls alone: the header records the status, not that it came
# from SV calls alone, so a report of the output says what such a negative does not exclude conditionally
SV_ONLY_NEGATIVE = "Fusion negative (no ALK fusion in the DNA SV calls"
NEGATIVE_CAVEAT = (
    " Where it rested on DNA SV calls alone, it does not exclude a fusion: confirm by IHC, FISH or RNA. FISH and ALK "
    "(D5F3) IHC are accepted tests of ALK status [PMC6720438, doi:10.3390/ijms20163939; URU18, PMID 30271189; WYN14, PMID 24722153]."
)


def _ok(*args) -> None:
    done = run(*args, text=True)
    assert done.returncode == 0, done.stderr


def _reports(prefix: Path) -> tuple[dict[str, dict], dict[str, dict[str, str]]]:
    """The JSON samples and the TSV rows of the report set at `prefix`, by sample."""
    samples = {s["sample"]: s for s in json.loads(prefix.with_suffix(".json").read_text())["samples"]}
    with open(prefix.with_suffix(".tsv"), newline="") as handle:
        rows = {row["sample"]: row for row in csv.DictReader(handle, delimiter="\t")}
    return samples, rows


def _without(mapping: dict, *keys: str) -> dict:
    return {k: v for k, v in mapping.items() if k not in keys}


def _fusion_note(first: dict) -> list[str]:
    """The note a report of the output adds where the fusion status comes from the header (verdicts.py)."""
    if first["fusion"] == "not_assessed":
        return []
    caveat = NEGATIVE_CAVEAT if first["fusion"] == "negative" and first["alk_status"] is None else ""
    return [
        f"Fusion status {first['fusion']} taken from this VCF's header, written when it was annotated (the SV evidence "
        f"itself is not in this file).{caveat}"
    ]


def assert_same_verdicts(original: Path, again: Path, recorded: dict[str, tuple[str, str]]) -> None:
    """The report set at `again` (an annotated output reported alone) says what the one at `original` (the original
    input with --sv) says, but for what names the header as the source: `recorded` gives, per sample, the recorded
    findings as the notes name them and how the P-gp note says it ('counted': an OffTarget= candidate it counts,
    'aside': an OffTargetSetAside= finding listed and not counted again)."""
    first_samples, first_rows = _reports(original)
    again_samples, again_rows = _reports(again)
    assert list(again_samples) == list(first_samples)
    for name, first in first_samples.items():
        second = again_samples[name]
        named, how = recorded.get(name, ("", ""))
        # every per-drug call and note, the mechanism, the P-gp check and flags: the same
        # (`note_kinds` is parallel to `notes`, which differ below)
        same = ("source", "annotated_from", "fusion_calls", "notes", "note_kinds", "off_target", "pgp")
        assert _without(second, *same) == _without(first, *same), name
        assert len(second["note_kinds"]) == len(second["notes"]), name
        # the annotated output names the file it was annotated from (cohort48; its path, cohort49), the original none
        assert first["annotated_from"] is None and second["annotated_from"] == first["source"], name
        assert _without(second["pgp"], "note", "parts") == _without(first["pgp"], "note", "parts"), name
        # the note's parts (schema 2.29) make each note, and cut it alike: the same kinds in the same order
        assert [p["kind"] for p in second["pgp"]["parts"]] == [p["kind"] for p in first["pgp"]["parts"]], name
        assert second["fusion_calls"] == [f"{c.split(' [')[0]} {FUSION_RECORDED}" for c in first["fusion_calls"]]
        # the off-target entries (each from the SV VCF here): read from the header, they say so, without the sources
        # annotate read them with
        assert [_without(o, "statement", "sources") for o in second["off_target"]] == [
            _without(o, "statement", "sources") for o in first["off_target"]
        ], name
        assert [(o["statement"], o["sources"]) for o in second["off_target"]] == [
            (RECORDED_STATEMENT, []) for _ in first["off_target"]
        ], name
        # the notes: the same, in the same order, and the ones naming the header as the source
        lost = [n for n in first["notes"] if n.startswith(SV_ONLY_NEGATIVE)]
        kept = [n for n in second["notes"] if n in first["notes"]]
        added = [n for n in second["notes"] if n not in first["notes"]]
        assert kept == [n for n in first["notes"] if n not in lost], name
        off_target = []
        if how == "counted":
            rerun = "rerun with them for what the sources say of it."
            off_target = [RECORDED_NOTE.format("candidate", "", named, EVIDENCE, rerun)]
        elif how == "aside":
            off_target = [
                RECORDED_NOTE.format(
                    "finding", " as not counted after the latest drug, listed and not counted by this run either",
                    named, EVIDENCE, "see the note on it.",
                )
            ]  # fmt: skip
        assert added == off_target + _fusion_note(first), name
        # the P-gp note: one sentence more where a recorded candidate counts, after the one naming it
        sentence = (
            f" An off-target candidate was recorded when this VCF was annotated ({named}); its evidence is not in "
            "this file (see the notes)."
        )
        if how == "counted":
            assert sentence in second["pgp"]["note"], name
            assert second["pgp"]["note"].replace(sentence, "", 1) == first["pgp"]["note"], name
        else:
            assert second["pgp"]["note"] == first["pgp"]["note"], name
        # the TSV: the same columns, but for those the JSON differs in, written from it
        differing = {"source_vcf", "fusion_calls", "notes", "pgp_note"}
        assert _without(again_rows[name], *differing) == _without(first_rows[name], *differing), name
        assert again_rows[name]["notes"] == " | ".join(second["notes"]), name
        assert again_rows[name]["pgp_note"] == second["pgp"]["note"], name


def test_report_on_the_annotated_example_gives_the_verdicts_of_the_original_with_its_sv_vcf(tmp_path):
    """README's example cohort: annotate with --sv, --fusions and the sample sheet; report on the output alone."""
    folder, sheet = EXAMPLES / "GRCh38", EXAMPLES / "samples.tsv"
    annotated = tmp_path / "annotated.vcf.gz"
    _ok("-q", "annotate", folder / "tumor_normal.vcf", "--sv", folder / "sv.vcf", "--fusions",
        f"P5_T={folder / 'fusions.tsv'}", "--samples", sheet, "--min-vaf", "0.05", "-o", annotated)  # fmt: skip
    _ok("-q", "report", folder / "tumor_normal.vcf", "--sv", folder / "sv.vcf", "--fusions",
        f"P5_T={folder / 'fusions.tsv'}", "--samples", sheet, "--min-vaf", "0.05", "--out", tmp_path / "original")  # fmt: skip
    _ok("-q", "report", annotated, "--samples", sheet, "--out", tmp_path / "again")
    assert_same_verdicts(tmp_path / "original", tmp_path / "again", {"P5_T": (MET["GRCh38"], "counted")})
    again, _ = _reports(tmp_path / "again")
    # P5_T after alectinib: the MET gain in every per-drug note, as annotate says it (no 'whatever caused the
    # progression' beside crizotinib, a MET inhibitor)
    notes = {drug: call["note"] for drug, call in again["P5_T"]["inhibitors"].items()}
    assert (
        "because whether this MET copy-number gain makes crizotinib less effective is not known" in notes["crizotinib"]
    )
    assert all(
        "an off-target candidate is listed, MET copy-number gain" in notes[d] for d in ("ceritinib", "lorlatinib")
    )


@pytest.mark.parametrize(
    "sheet,how",
    [("samples.tsv", "counted"), ("samples_ceritinib.tsv", "counted"), ("samples_crizotinib.tsv", "aside")],
)
def test_report_on_an_output_annotated_with_a_met_gain_gives_the_verdict_of_the_original(tmp_path, sheet, how):
    """The MET gain of the SV VCF after alectinib (a candidate; P-gp check low yield), ceritinib (a candidate; P-gp
    check recommended) and crizotinib (a MET inhibitor: listed, not counted, recorded as set aside)."""
    vcf, sv, samples = DATA / "met_alec.vcf", DATA / "met_alec.sv.vcf", DATA / sheet
    annotated = tmp_path / "annotated.vcf"
    _ok("-q", "annotate", vcf, "--sv", sv, "--samples", samples, "-o", annotated)
    _ok("-q", "report", vcf, "--sv", sv, "--samples", samples, "--out", tmp_path / "original")
    _ok("-q", "report", annotated, "--samples", samples, "--out", tmp_path / "again")
    assert_same_verdicts(tmp_path / "original", tmp_path / "again", {"M1_T": (MET["data"], how)})


def test_a_recorded_met_gain_beside_an_explaining_g1202r_is_named_as_annotate_names_it(tmp_path):
    """G1202R after alectinib explains the progression (on_target); the MET gain of the SV VCF is named beside it in
    the P-gp note ('does not rule out a contribution'), recorded or not, and the recorded one said to be."""
    vcf, sv, samples = g1202r_vcf(tmp_path / "g1202r.vcf", ["M1_T"]), DATA / "met_alec.sv.vcf", DATA / "samples.tsv"
    _ok("-q", "annotate", vcf, "--sv", sv, "--samples", samples, "-o", tmp_path / "annotated.vcf")
    _ok("-q", "report", vcf, "--sv", sv, "--samples", samples, "--out", tmp_path / "original")
    _ok("-q", "report", tmp_path / "annotated.vcf", "--samples", samples, "--out", tmp_path / "again")
    assert_same_verdicts(tmp_path / "original", tmp_path / "again", {"M1_T": (MET["data"], "counted")})
    (again,) = _reports(tmp_path / "again")[0].values()
    assert again["mechanism"] == "on_target"
    assert "does not rule out a contribution of this alteration" in again["pgp"]["note"]


def test_a_fusion_table_given_again_leaves_the_recorded_met_gain_in_the_verdict(tmp_path):
    """`report --fusions` on the output: the table decides the fusion, not the off-target findings, which only the SV
    VCF gave (the recorded MET gain was dropped with the recorded fusion: P5_T came back unexplained, no warning)."""
    folder, sheet = EXAMPLES / "GRCh38", EXAMPLES / "samples.tsv"
    table = f"P5_T={folder / 'fusions.tsv'}"
    annotated = tmp_path / "annotated.vcf"
    _ok("-q", "annotate", folder / "tumor_normal.vcf", "--sv", folder / "sv.vcf", "--fusions", table,
        "--samples", sheet, "--min-vaf", "0.05", "-o", annotated, "--report", tmp_path / "first")  # fmt: skip
    _ok("-q", "report", annotated, "--fusions", table, "--samples", sheet, "--out", tmp_path / "again")
    first, _ = _reports(tmp_path / "first")
    again, _ = _reports(tmp_path / "again")
    assert again["P5_T"]["mechanism"] == first["P5_T"]["mechanism"] == "off_target_candidate"
    assert again["P5_T"]["inhibitors"] == first["P5_T"]["inhibitors"]
    assert [(o["gene"], o["record"], o["candidate"]) for o in again["P5_T"]["off_target"]] == [
        ("MET", "chr7:116522196 <DUP> CN=9", True)
    ]


def test_a_recorded_off_target_mechanism_that_names_no_candidate_is_kept_as_recorded(tmp_path):
    """An output older than OffTarget= (stop 33) records Mechanism=off_target_candidate and names no candidate: there
    is nothing to judge, so the mechanism is kept as recorded and the P-gp note says a candidate was recorded, not
    that no alteration was found (recorded_offtarget.with_unnamed_recorded_candidate)."""
    old = (DATA / "met_crizotinib_old_output.vcf").read_text()
    unnamed = tmp_path / "unnamed.vcf"
    unnamed.write_text(old.replace(',OffTarget="MET:copy_number_gain:chr7:116522196 <DUP> CN=12"', ""))
    assert "OffTarget" not in unnamed.read_text()
    _ok("-q", "report", unnamed, "--samples", DATA / "samples.tsv", "--out", tmp_path / "r")
    (sample,) = _reports(tmp_path / "r")[0].values()
    assert sample["mechanism"] == "off_target_candidate" and sample["off_target"] == []
    assert (
        "(preclinical evidence). An off-target candidate was recorded when this VCF was annotated; its evidence is not "
        "in this file (see the notes). Transformation to small-cell lung cancer has been reported"
    ) in sample["pgp"]["note"]
    # the histology prompt stays beside a candidate (clinical review of stop 42, finding 5)
    assert sample["pgp"]["note"].count("review the histology of a re-biopsy for small-cell transformation. P-gp facts:")
    assert (
        f"Off-target candidate recorded in this VCF's header, written when it was annotated ({EVIDENCE}); rerun with "
        "them for what the sources say of it."
    ) in sample["notes"]
