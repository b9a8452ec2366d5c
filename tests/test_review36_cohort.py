"""Cohort researcher's review of stop 36: a breakend whose ID is a ';'-separated list (VCF 4.2 section 1.6.1, what
`bcftools merge` of per-sample SV VCFs writes) still finds its mate by any of its IDs (finding 1: the fusion fell
to 'possible, orphan mate' and the tumour left the P-gp triage list); a possible fusion call beside a sheet's
positive ALK status is no discordance."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from helpers import run

DATA = Path(__file__).parent / "data" / "review36"


def _row(tmp_path: Path, vcf: str, sheet: str, sample: str, *extra: str) -> tuple[dict[str, str], Path]:
    """`annotate VCF --samples SHEET --report` through the entry point: the sample's TSV row, and the prefix."""
    prefix = tmp_path / vcf.split(".")[0]
    result = run(
        "-q", "annotate", DATA / vcf, "--samples", DATA / sheet, *extra, "-o", tmp_path / "out.vcf",
        "--report", prefix, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with open(f"{prefix}.tsv", newline="") as table:
        return next(r for r in csv.DictReader(table, delimiter="\t") if r["sample"] == sample), prefix


@pytest.mark.parametrize("sv", ["c04_id_list.sv.vcf"])
def test_a_mate_named_by_one_id_of_a_list_is_found(tmp_path, sv):
    row = _row(tmp_path, "c04_pair.vcf", "c04_sheet.tsv", "C04_T", "--sv", str(DATA / sv))[0]
    assert row["fusion"] == "positive" and "orphan" not in row["fusion_calls"]
    assert row["fusion_calls"].startswith("EML4::ALK v1 [positive;")
    assert (row["pgp_check"], row["pgp_triage"], row["pgp_ihc_to_order"]) == ("recommended", "true", "true")


def test_a_possible_fusion_beside_a_positive_sheet_status_is_not_called_discordant(tmp_path):
    row = _row(
        tmp_path, "c04_pair.vcf", "c04_sheet_ihc_positive.tsv", "C04_T", "--sv", str(DATA / "c04_orphan.sv.vcf")
    )[0]
    assert row["fusion"] == "positive_external" and "(orphan mate)" in row["fusion_calls"]
    assert "Discordant" not in row["notes"]


@pytest.mark.parametrize("vcf", ["c15_in_normal.vcf", "c15_somatic.vcf"])
def test_a_known_change_sensitive_to_the_latest_drug_explains_nothing_in_the_normal_or_not(tmp_path, vcf):
    """G1269A after ceritinib, which the knowledge base calls sensitive to ceritinib: somatic it does not explain the
    progression (CONTRACT v2), and found in the matched normal too it is no stronger (finding 2: it made on-target
    resistance possible and the tumour not ALK-mutation-negative, while the notes said it was not counted)."""
    row, prefix = _row(tmp_path, vcf, "c15_sheet.tsv", "C15_T", "--min-vaf", "0.05")
    assert (row["mechanism"], row["pgp_check"], row["pgp_triage"]) == ("unexplained", "recommended", "true")
    in_normal = vcf == "c15_in_normal.vcf"
    assert row["alk_mutation_negative"] == ("true" if in_normal else "false")  # no change counted / G1269A counted
    assert ("also found in the matched normal" in row["notes"]) is in_normal


def test_a_positive_ihc_where_alk_positivity_is_only_assumed_names_no_off_target_mechanism(tmp_path):
    """Ceritinib, ABCB1 IHC positive, no ALK status and no SV calls: the P-gp flag waits for ALK positivity
    (`not_indicated`, `alk_not_established`), and so does the mechanism (finding 4: `off_target_candidate` with no
    candidate named in the row, while the JSON summary listed the sample)."""
    row, prefix = _row(tmp_path, "c05_pair.vcf", "c05_sheet_ihc_positive.tsv", "C05_T")
    assert (row["mechanism"], row["pgp_check"], row["pgp_context"]) == (
        "unexplained",
        "not_indicated",
        "alk_not_established",
    )
    assert row["off_target_candidates"] == "" and "If the tumour is ALK-positive" in row["pgp_note"]
    assert "P-gp overexpression is shown" not in row["notes"]  # nor do the notes frame it so (that review, finding 5)
    summary = json.loads(Path(f"{prefix}.json").read_text())["summary"]
    assert "C05_T" not in summary["off_target_candidates"]


def test_a_row_commented_out_in_the_sheet_is_named_not_skipped_silently(tmp_path):
    """Finding 5: a sheet row for a sample named '#7_T' was read as a comment and its history lost, with only 'no
    row for 1 reported sample'; a comment line whose other cells are empty stays silent."""
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\n# a free-text comment\n# exported by a spreadsheet\t\t\n"
        "C04_T\tpositive:IHC\tcrizotinib\n#C04_N\tnegative\tnone\n"
    )
    result = run("annotate", DATA / "c04_pair.vcf", "--samples", sheet, "-o", tmp_path / "out.vcf", text=True)
    assert result.returncode == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "read as comments" in line]
    assert len(warned) == 1 and "line 5 ('#C04_N')" in warned[0] and "line 2" not in warned[0]
    assert "line 3" not in warned[0]  # a comment with trailing empty cells, as spreadsheets export it (review)


@pytest.mark.parametrize("vcf", ["g1202r_in_normal.vcf", "g1202r_somatic.vcf"])
def test_a_change_in_the_normal_weighs_as_it_would_as_the_tumours_own(tmp_path, vcf):
    """G1202R after lorlatinib: somatic, on-target resistance is possible (compounds resistant to lorlatinib involve
    it); found in the matched normal too, it is no weaker (review of finding 2's change, finding 3: the first fix
    read only the call's category and made it `unexplained`)."""
    row, prefix = _row(tmp_path, vcf, "g1202r_lorlatinib_sheet.tsv", "C_T")
    assert (row["mechanism"], row["alk_mutation_negative"]) == ("on_target_possible", "false")
    if vcf == "g1202r_in_normal.vcf":
        assert "G1202R is the tumour's and may explain the progression" in row["pgp_note"]


def test_the_pgp_note_on_a_normal_change_sensitive_to_the_latest_drug_says_it_would_not_explain_it(tmp_path):
    """Finding 4 of that review: G1269A in the normal after ceritinib, mechanism `unexplained`, while the P-gp note
    said it 'may explain the progression'."""
    row, prefix = _row(tmp_path, "c15_in_normal.vcf", "c15_sheet.tsv", "C15_T")
    assert row["mechanism"] == "unexplained" and "may explain the progression" not in row["pgp_note"]
    assert "check that before acting on this advice), it would not explain the progression on ceritinib either (the " \
        "knowledge base's ceritinib calls: G1269A sensitive [LIN17T2; FRI14, PMID 24675041" in row["pgp_note"]  # fmt: skip


@pytest.mark.parametrize(
    "vcf, sheet",
    [
        ("c1156y_in_normal_l1198f.vcf", "c1156y_l1198f_lorlatinib_sheet.tsv"),
        ("g1269a_in_normal_l1196m.vcf", "g1269a_l1196m_ceritinib_sheet.tsv"),
    ],
)
def test_a_change_in_the_normal_is_weighed_beside_the_tumours_other_changes(tmp_path, vcf, sheet):
    """Second review of the change, finding 1: C1156Y in the normal beside a somatic L1198F after lorlatinib was read
    alone ('sensitive to lorlatinib', 'would not explain') while the compound C1156Y+L1198F is resistant to
    lorlatinib; G1269A in the normal beside a somatic L1196M after ceritinib was `unexplained` while the two in the
    tumour make on-target resistance possible."""
    row = _row(tmp_path, vcf, sheet, "C_T")[0]
    assert row["mechanism"] == "on_target_possible"
    assert "would not explain" not in row["pgp_note"] and "is the tumour's and may explain" in row["pgp_note"]
    somatic = _row(tmp_path, "g1269a_l1196m_somatic.vcf", "g1269a_l1196m_ceritinib_sheet.tsv", "C_T")[0]
    assert somatic["mechanism"] == "on_target_possible"
