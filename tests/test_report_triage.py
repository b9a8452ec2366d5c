"""The P-gp triage list (resistant, no ALK change shown to explain the progression) in every report output, one filter away (cohort review 6,
finding 4): the TSV and MultiQC columns resistant, alk_mutation_negative, assessable and pgp_triage are the JSON's
per-sample values, and the HTML summary has a box listing the triage samples with their P-gp check."""

import csv
import json
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

from alkannot.kbfiles import load_knowledge_base
from alkannot.report.tsv import FIXED

ROOT = Path(__file__).parent.parent
SCENARIOS = ROOT / "tests" / "data" / "scenarios"
FLAGS = ["resistant", "alk_mutation_negative", "assessable", "pgp_triage", "pgp_ihc_to_order"]


@pytest.fixture(scope="module")
def triage(tmp_path_factory):
    """S03 (low yield after alectinib), S18 (IHC-negative), S17 (a VUS, ALK positivity not established) and S01
    (L1196M after ceritinib: not ALK-mutation-negative, but ceritinib is active against L1196M, so nothing on ALK
    explains the progression: in the triage list, review 9, clinical, finding 1)."""
    out = tmp_path_factory.mktemp("triage")
    inputs = [str(SCENARIOS / "GRCh38" / f"{name}.vcf") for name in ("S03", "S18", "S17", "S01")]
    run = subprocess.run(
        [ALKANNOT, "report", *inputs, "--samples", str(SCENARIOS / "samples.tsv"), "--out", str(out / "c")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return out


def _tsv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_tsv_flag_columns_are_the_json_values(triage):
    doc = json.loads((triage / "c.json").read_text(encoding="utf-8"))
    rows = _tsv(triage / "c.tsv")
    assert [[r["sample"], *(r[f] for f in FLAGS)] for r in rows] == [
        ["S03_T", "true", "true", "true", "true", "false"],  # low yield after alectinib
        ["S18_T", "true", "true", "true", "true", "false"],  # IHC negative
        ["S17_T", "true", "false", "false", "false", "false"],  # ALK positivity not established: not_assessable
        ["S01_T", "true", "false", "true", "true", "true"],
    ]
    for row, s in zip(rows, doc["samples"]):
        assert [row[f] for f in FLAGS] == [str(s[f]).lower() for f in FLAGS]
    # the one-step filter gives the JSON's list
    assert [r["sample"] for r in rows if r["pgp_triage"] == "true"] == doc["summary"]["pgp_triage"]
    assert doc["summary"]["pgp_triage"] == ["S03_T", "S18_T", "S01_T"]
    # one meaning per name: each summary list is the samples whose column of that name is true
    for flag in ("resistant", "alk_mutation_negative", "pgp_triage", "pgp_ihc_to_order"):
        assert doc["summary"][flag] == [r["sample"] for r in rows if r[flag] == "true"], flag
    assert doc["summary"]["mechanism"]["not_assessable"] == [r["sample"] for r in rows if r["assessable"] == "false"]


def test_tsv_flags_come_after_inhibitor_sources_and_before_the_sheet_columns(triage):
    header = (triage / "c.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header[: len(FIXED)] == list(FIXED)  # the fixed columns keep their positions
    at = header.index("inhibitor_sources")
    # this sheet has no column of its own; the row key, then the listed-only sources (review 19, finding 8), then
    # the off-target entries that count as candidates, then whether the sheet has the sample's row (stop 40), then
    # what the mechanism is about and the mechanism in the HTML's words (stop 43), then the sources that decided each
    # drug's call (stop 46)
    assert header[at + 1 :] == [
        *FLAGS,
        "label",
        "inhibitor_listed_sources",
        "off_target_candidates",
        "in_sample_sheet",
        "mechanism_context",
        "mechanism_qualified",
        "inhibitor_call_sources",
    ]
    # one column per inhibitor of the knowledge base, in its order (test_knowledge checks that order)
    assert header[len(FIXED) : header.index("inhibitor_basis")] == list(load_knowledge_base().inhibitor_names)


def test_multiqc_has_the_flag_columns(triage):
    lines = (triage / "c_mqc.tsv").read_text(encoding="utf-8").splitlines()
    table = [line.split("\t") for line in lines if not line.startswith("#")]
    assert table[0][-6:] == [*FLAGS, "build"]  # the build last (review of stop 46, item 3)
    assert [[r[0], *r[-6:-1]] for r in table[1:]] == [
        ["S03_T", "true", "true", "true", "true", "false"],  # low yield after alectinib
        ["S18_T", "true", "true", "true", "true", "false"],  # IHC negative
        ["S17_T", "true", "false", "false", "false", "false"],  # ALK positivity not established: not_assessable
        ["S01_T", "true", "false", "true", "true", "true"],
    ]


def test_html_summary_box_lists_the_triage_samples_with_their_pgp_check(triage):
    page = (triage / "c.html").read_text(encoding="utf-8")
    assert (
        "<h3>Which resistant tumours have no ALK change that explains the progression?</h3>\n"
        '<div class="summary pgp_triage">\n<div class="box pgp"><div class="n">3</div><div><b>Resistant, no ALK change '
        "explains the progression (P-gp triage)</b></div>\n"
        '<div class="small">S03_T (P-gp check low yield), S18_T (P-gp check done: IHC negative), S01_T (P-gp check '
        "recommended)</div></div>\n</div>"
    ) in page


def test_readme_filter_gives_the_triage_list(triage):
    """README's one-line awk filter, as written there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(x for x in readme.splitlines() if x.startswith("awk -F'\\t'") and "pgp_triage" in x)
    assert line.endswith(" alk_report.tsv")
    run = subprocess.run(
        ["bash", "-c", line.replace("alk_report.tsv", "c.tsv")], cwd=triage, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert [x.split("\t")[0] for x in run.stdout.splitlines()] == ["sample", "S03_T", "S18_T", "S01_T"]


@pytest.mark.parametrize(
    ("mechanism", "pgp_check", "resistant", "context", "triaged"),
    [
        ("unexplained", "recommended", True, "after_affected", True),
        ("off_target_candidate", "low_yield", True, "after_unaffected", True),
        # a change that may explain the progression: on the list where P-gp is still the question
        ("on_target_possible", "recommended", True, "after_affected", True),  # G1202R below --min-vaf, crizotinib
        ("on_target_possible", "not_indicated", True, "after_affected", True),  # the same, IHC negative (review 10)
        ("on_target_possible", "recommended", True, "after_possibly_affected", True),  # after brigatinib
        ("on_target_possible", "low_yield", True, "after_unaffected", False),  # a compound after lorlatinib
        ("on_target", "not_indicated", True, "after_affected", False),
        ("unexplained", "not_indicated", False, "no_progression", False),  # no ALK inhibitor yet
        ("unexplained", "not_indicated", True, "alk_not_established", False),
    ],
)
def test_the_triage_rule(mechanism, pgp_check, resistant, context, triaged):
    from alkannot.report.json_report import triaged_for_pgp

    sample = {"mechanism": mechanism, "pgp_check": pgp_check, "resistant": resistant, "pgp": {"context": context}}
    assert triaged_for_pgp(sample) is triaged


def test_progressed_tumours_without_established_alk_status_are_named(tmp_path):
    """A sheet without alk_status (and no fusion call) leaves tumours that progressed on an ALK inhibitor outside the
    triage list: one warning names them and the column to add (review 9, new user, finding 4)."""
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\tprogressed_on\nP4_T\tcrizotinib\nP5_T\talectinib\n")
    vcf = ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    run = subprocess.run(
        [ALKANNOT, "report", str(vcf), "--samples", str(sheet), "--out", str(tmp_path / "r")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert (
        "alkannot: WARNING: 2 sample(s) progressed on an ALK inhibitor but are left out of the P-gp triage list, as "
        "their ALK positivity is not established (no positive alk_status in the sample sheet, no ALK fusion call): "
        "P4_T, P5_T; give each its alk_status (e.g. positive:IHC) in the sample sheet"
    ) in run.stderr.splitlines()
    doc = json.loads((tmp_path / "r.json").read_text())
    assert doc["summary"]["pgp_triage"] == []
