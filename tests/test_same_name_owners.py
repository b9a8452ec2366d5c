"""Two inputs whose tumour has one name (Strelka2 names every tumour TUMOR): `--sv TUMOR=PATH` and
`--fusions TUMOR=PATH` cannot say whose file it is, and a fusion table without SAMPLE= counts two patients, not one
name (review of the day's changes, seventh reading, findings 1 and 2). A SAMPLE= naming a matched normal is warned
about (finding 15). p1.vcf: G1202R; p2.vcf: another ALK change; sv1.vcf: patient 1's EML4-ALK (Manta)."""

from __future__ import annotations

from pathlib import Path

from helpers import run

DATA = Path(__file__).parent / "data" / "strelka_pairs"
TABLE = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "fusions.tsv"
P1, P2, SV1 = DATA / "p1.vcf", DATA / "p2.vcf", DATA / "sv1.vcf"


def _report(tmp_path: Path, *args):
    return run("report", *args, "--out", tmp_path / "r", text=True)


def test_sample_equals_naming_a_sample_of_two_inputs_is_a_usage_error(tmp_path):
    for flag, path in (("--sv", SV1), ("--fusions", TABLE)):
        result = _report(tmp_path, P1, P2, flag, f"TUMOR={path}")
        assert result.returncode == 2, result.stderr
        assert (
            f"{path}: {flag} TUMOR=...: sample 'TUMOR' is in 2 inputs ({P1}, {P2}), so SAMPLE= cannot say whose file "
            f"this is; annotate each input with its own file (alkannot annotate INPUT {flag} PATH)"
        ) in result.stderr
        assert "Traceback" not in result.stderr and not (tmp_path / "r.tsv").exists()


def test_a_plain_sv_file_of_a_strelka2_pair_names_its_tumour_and_both_inputs_in_one_line(tmp_path):
    """Manta's file has NORMAL before TUMOR, both in p1.vcf and p2.vcf: one usage line (exit 2) naming the tumour,
    not the normal column, and both inputs (cohort48, task 4)."""
    result = _report(tmp_path, P1, P2, "--sv", SV1)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"alkannot: error: {SV1}: cannot tell whose SV calls these are: its sample 'TUMOR' is in 2 inputs ({P1}, "
        f"{P2}); annotate each input with its own SV file (alkannot annotate INPUT --sv PATH) and report the "
        "annotated files (see 'alkannot report --help')"
    ]
    assert not (tmp_path / "r.tsv").exists()


def test_a_fusion_table_without_sample_counts_two_inputs_tumor_as_two_patients(tmp_path):
    result = _report(tmp_path, P1, P2, "--fusions", TABLE)
    assert result.returncode == 2
    # SAMPLE= cannot tell the two TUMORs apart, so the advice is to annotate each input with its own table
    assert (
        "this run reports 2 patients (TUMOR, TUMOR); annotate each input with its own table (alkannot annotate "
        "INPUT --fusions PATH) and report the annotated files"
    ) in result.stderr


def test_annotating_each_input_with_its_own_file_gives_one_fusion_only(tmp_path):
    first = run("annotate", P1, "--sv", SV1, "-o", tmp_path / "p1.vcf", text=True)
    second = run("annotate", P2, "-o", tmp_path / "p2.vcf", text=True)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    result = _report(tmp_path, tmp_path / "p1.vcf", tmp_path / "p2.vcf")
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in (tmp_path / "r.tsv").read_text().splitlines()]
    fusion = {r[rows[0].index("source_vcf")]: r[rows[0].index("fusion")] for r in rows[1:]}
    # source_vcf: the file each output was annotated from (Input=, since stop 48; its path as given, cohort49)
    assert fusion == {str(P1): "positive", str(P2): "not_assessed"}


def test_sample_equals_naming_the_matched_normal_is_warned_about(tmp_path):
    for flag, path in (("--sv", SV1), ("--fusions", TABLE)):
        result = run("annotate", P1, flag, f"NORMAL={path}", "-o", tmp_path / "o.vcf", text=True)
        assert result.returncode == 0, result.stderr
        assert (
            f"{P1}: {flag} NORMAL={path}: 'NORMAL' is not a reported sample of this input (a matched normal?), so "
            "the file counts for no reported sample; name the tumour"
        ) in result.stderr


def test_a_tumour_declared_normal_with_a_known_resistance_mutation_is_warned_about(tmp_path):
    """A sheet that declares the tumour a normal removed its G1202R from the report without a word (review of the
    day's fixes, eighth reading, finding 1): a left-out normal carrying a known resistance change is named."""
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\trole\nTUMOR\tnormal\nNORMAL\ttumor\n")
    result = run("annotate", P1, "--samples", sheet, "-o", tmp_path / "o.vcf", text=True)
    assert result.returncode == 0, result.stderr
    assert (
        f"{P1}: TUMOR is left out of the report as a normal, but carries G1202R (VAF 30%), a known ALK resistance "
        "change in the kinase domain, which a matched normal should not: check its role"
    ) in result.stderr
    plain = run("annotate", P1, "-o", tmp_path / "p.vcf", text=True)  # the header's roles: no such warning
    assert plain.returncode == 0 and "left out of the report as a normal, but carries" not in plain.stderr


def test_a_sheet_row_for_another_input_is_not_said_to_be_missing_from_this_one(tmp_path):
    """A row whose source_vcf names another file: the warning says so instead of 'no sample of the sheet is in this
    input' beside a list that shows it (review of the day's fixes, eighth reading, finding 5)."""
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\tsource_vcf\tprogressed_on\nTUMOR\tother.vcf\talectinib\n")
    result = run("annotate", P1, "--samples", sheet, "-o", tmp_path / "o.vcf", text=True)
    assert result.returncode == 0, result.stderr
    assert "no sample of the sample sheet" not in result.stderr
    assert (
        f"{P1}: the sample sheet {sheet} has rows for TUMOR only with a source_vcf naming another file; none is "
        "used for this input"
    ) in result.stderr
