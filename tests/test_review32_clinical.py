"""Clinical review of stop 32: what the report says in the cases of tests/data/review32 (PROVENANCE.md there),
through the installed CLI.

1. A P-gp check recommended after a drug P-gp overexpression only may reduce (brigatinib: its transport by ABCB1 is
   pharmacokinetic; no source tested resistance) is named as such in the HTML's recommended box and triage list,
   not beside the crizotinib and ceritinib cases without a word.
2. After alectinib with no ALK mutation, lorlatinib's response rate carries GAI16's scope: shown after ceritinib,
   not known after another second-generation inhibitor; after ceritinib GAI16's own caveat, after lorlatinib none.
3. A known resistance mutation the verdict does not count (also in the matched normal; filtered) is named in the
   P-gp note, never 'no ALK resistance mutation was found' beside it.
4. A GRCh37 G1202R read with --build GRCh38 (no ##contig line to tell the build) is warned about.
6. Trials read only through someone else's text (iruplinalkib, envonalkib) are `review` evidence (RULES.md 1).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import annotated_report, run

from alkannot import kbfiles

DATA = Path(__file__).parent / "data" / "review32"
FUSION = ("--sv", DATA / "fusion_only_sv.vcf", "--min-vaf", "0.05")


def fusion_only(tmp_path: Path, drug: str) -> tuple[dict, str]:
    document, html = annotated_report(DATA / "fusion_only.vcf", DATA / f"after_{drug}.tsv", tmp_path / drug, *FUSION)
    (sample,) = document["samples"]
    return sample, html


# ------------------------------------------------------------------ finding 1
def test_the_recommended_box_names_a_check_after_brigatinib_as_not_established(tmp_path):
    sample, html = fusion_only(tmp_path, "brigatinib")
    assert sample["pgp_check"] == "recommended"
    assert sample["pgp"]["context"] == "after_possibly_affected"
    assert "T (after brigatinib: P-gp&#39;s effect on it not established)" in html
    assert "T (P-gp check recommended; after brigatinib: P-gp&#39;s effect on it not established)" in html
    # the note says what its sources say: transport is pharmacokinetic, resistance untested
    assert "has not been tested in the sources read" in sample["pgp"]["note"]


def test_the_recommended_box_after_crizotinib_carries_no_such_words(tmp_path):
    sample, html = fusion_only(tmp_path, "crizotinib")
    assert sample["pgp"]["context"] == "after_affected"
    assert "effect on it not established" not in html


# ------------------------------------------------------------------ finding 2
OTHER = "this was shown after ceritinib, and whether lorlatinib is less effective after another second-generation"
CERITINIB = "so lorlatinib may be less effective when no ALK mutation is found"


def test_after_alectinib_lorlatinib_figures_carry_gai16_with_its_scope(tmp_path):
    sample, _ = fusion_only(tmp_path, "alectinib")
    note = sample["inhibitors"]["lorlatinib"]["note"]
    assert "objective response rate 32.1% after one ALK inhibitor other than crizotinib" in note
    assert OTHER in note and "GAI16" in note
    assert CERITINIB not in note


def test_after_ceritinib_gai16_is_said_as_before(tmp_path):
    sample, _ = fusion_only(tmp_path, "ceritinib")
    assert CERITINIB in sample["inhibitors"]["lorlatinib"]["note"]
    assert OTHER not in sample["inhibitors"]["lorlatinib"]["note"] + sample["pgp"]["note"]


def test_after_lorlatinib_no_gai16_caveat(tmp_path):
    sample, _ = fusion_only(tmp_path, "alectinib_lorlatinib")
    said = " ".join([sample["pgp"]["note"], *sample["notes"], *(c["note"] for c in sample["inhibitors"].values())])
    assert OTHER not in said and CERITINIB not in said


# ------------------------------------------------------------------ finding 3
@pytest.mark.parametrize(
    "vcf, named",
    [
        ("g1202r_in_normal_tn.vcf", "G1202R (VAF 49.0%) is also called in the matched normal"),
        ("g1202r_filtered_tn.vcf", "G1202R (VAF 49.0%) failed the caller's filter (weak_evidence;germline)"),
    ],
)
def test_an_uncounted_known_mutation_is_named_not_denied(tmp_path, vcf, named):
    document, _ = annotated_report(DATA / vcf, DATA / "after_alectinib.tsv", tmp_path / "r", "--min-vaf", "0.05")
    (sample,) = document["samples"]
    note = sample["pgp"]["note"]
    assert "no ALK resistance mutation was found" not in note
    assert f"progressed most recently on alectinib, and no ALK resistance mutation was counted: {named}." in note
    # listed, not counted: the verdict does not rest on it
    assert [m["protein_change"] for m in sample["alk_mutations"]] == ["G1202R"]
    assert sample["mechanism"] != "on_target" and sample["pgp_check"] == "low_yield"


def test_without_a_known_mutation_the_note_still_says_none_was_found(tmp_path):
    sample, _ = fusion_only(tmp_path, "alectinib")
    assert "and no ALK resistance mutation was found." in sample["pgp"]["note"]
    assert "was counted" not in sample["pgp"]["note"]


# ------------------------------------------------------------------ finding 4
def test_a_grch37_record_read_as_grch38_is_warned_about(tmp_path):
    vcf = DATA / "g1202r_grch37_no_contig.vcf"
    wrong = run("annotate", vcf, "--build", "GRCh38", "-o", tmp_path / "wrong.vcf", text=True)
    assert wrong.returncode == 0, wrong.stderr
    assert (
        "g1202r_grch37_no_contig.vcf: 1 record(s) match the ALK coding sequence at GRCh37 positions and none at "
        "GRCh38 positions: check the build (--build GRCh37)" in wrong.stderr
    )
    right = run("annotate", vcf, "--build", "GRCh37", "-o", tmp_path / "right.vcf", text=True)
    assert right.returncode == 0, right.stderr
    assert "check the build" not in right.stderr
    assert "ALK_HGVSC=c.3604G>A" in (tmp_path / "right.vcf").read_text()


# ------------------------------------------------------------------ finding 6
def test_trials_read_through_secondary_text_are_review_evidence():
    with open(kbfiles.bundled_directory() / "calls.tsv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["inhibitor"] in ("iruplinalkib", "envonalkib")]
    assert {r["sources"] for r in rows} >= {"SHI23INT", "ASCOPOST23", "ZHAO26", "FRONT25"}
    assert {r["evidence_kind"] for r in rows} == {"review"}
