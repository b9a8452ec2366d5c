"""The CONTRACT sample sheet: TSV/CSV sniffing, validation with one-line errors naming file and row."""

import pytest
from helpers import ALKANNOT

from alkannot.errors import InputError
from alkannot.samplesheet import parse_sample_sheet, read_sample_sheet

TSV = "sample\talk_status\tprogressed_on\tabcb1_ihc\tabcb1_tpm\tsite\nP1\tpositive:IHC\tcrizotinib;ceritinib\tpositive\t12.5\tliver\nP2\t\t\t\t\t\n"


def test_tsv_columns_and_extra_columns_kept():
    sheet = parse_sample_sheet(TSV, "s.tsv")
    p1 = sheet.get("P1")
    assert p1.alk_status == "positive" and p1.alk_method == "IHC" and p1.alk_status_text == "positive:IHC"
    assert p1.progressed_on == ("crizotinib", "ceritinib")
    assert p1.abcb1_ihc == "positive" and p1.abcb1_tpm == 12.5
    assert p1.extra == (("site", "liver"),) and sheet.extra_columns == ("site",)
    p2 = sheet.get("P2")
    assert p2.progressed_on is None and p2.alk_status is None and p2.abcb1_tpm is None


def test_csv_is_sniffed_and_none_means_no_progression():
    sheet = parse_sample_sheet("sample,progressed_on,alk_status\nA,none,negative:FISH\nB,Alectinib,\n", "s.csv")
    assert sheet.get("A").progressed_on == () and sheet.get("A").alk_status == "negative"
    assert sheet.get("B").progressed_on == ("alectinib",)


def test_example_sheet_reads(tmp_path):
    from pathlib import Path

    sheet = read_sample_sheet(str(Path(__file__).parent.parent / "example_vcfs" / "samples.tsv"))
    assert sheet.get("P4_T").progressed_on == ("crizotinib", "ceritinib")


@pytest.mark.parametrize(
    "text, message, line",
    [
        (
            "sample\tprogressed_on\nP1\tcrizotinib;aspirin\n",
            "'aspirin' is not an inhibitor the knowledge base holds",
            "line 2",
        ),
        # chemotherapy belongs in a column of the lab's own; a misspelt inhibitor is never read as one
        ("sample\tprogressed_on\nP1\tcarboplatin;crizotinib\n", "record other treatments (chemotherapy)", "line 2"),
        (
            "sample\tprogressed_on\nP1\tcrizotinib;alectnib\n",
            "'alectnib' is not an inhibitor the knowledge base holds (did you mean alectinib?)",
            "line 2",
        ),
        (
            "sample\tabcb1_ihc\nP1\tweak\n",
            "abcb1_ihc 'weak' is not positive or negative: give the laboratory's",
            "line 2",
        ),
        ("sample\tabcb1_tpm\nP1\tlots\n", "abcb1_tpm 'lots' is not a number", "line 2"),
        ("sample\tabcb1_tpm\nP1\t-3\n", "non-negative", "line 2"),
        ("sample\nP1\nP2\nP1\n", "appears twice (first on line 2)", "line 4"),
        ("name\tprogressed_on\nP1\tcrizotinib\n", "no 'sample' column", "line 1"),
        ("sample\talk_status\nP1\tmaybe\n", "alk_status 'maybe'", "line 2"),
    ],
)
def test_bad_rows_name_file_and_row(text, message, line):
    with pytest.raises(InputError) as err:
        parse_sample_sheet(text, "sheet.tsv")
    # 'line 2' is written as a VCF's line is, 'sheet.tsv:2:'
    assert message in str(err.value) and str(err.value).startswith(f"sheet.tsv:{line.removeprefix('line ')}:")
    assert "\n" not in str(err.value)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.tsv"
    path.write_text("")
    with pytest.raises(InputError, match="empty sample sheet"):
        read_sample_sheet(str(path))


def test_cli_bad_sheet_exit_3(tmp_path):
    import subprocess
    from pathlib import Path

    sheet = tmp_path / "bad.tsv"
    sheet.write_text("sample\tprogressed_on\nP1_T\tmagicinib\n")
    vcf = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    run = subprocess.run(
        [ALKANNOT, "annotate", str(vcf), "--samples", str(sheet), "-o", str(tmp_path / "o.vcf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 3
    assert run.stderr.strip().startswith(f"alkannot: error: {sheet}:2:") and "magicinib" in run.stderr


def test_load_sample_sheet_is_the_sheet_of_the_samples_option():
    """options.load_sample_sheet: what `annotate` (with_sample_sheet) and `report` (cohort) read --samples with
    (re-reading of stop 27)."""
    from pathlib import Path

    from alkannot.options import AnnotateOptions, load_sample_sheet, with_sample_sheet

    path = str(Path(__file__).parent.parent / "example_vcfs" / "samples.tsv")
    assert load_sample_sheet(None) is None
    sheet = load_sample_sheet(path)
    assert sheet is not None and sheet == read_sample_sheet(path)
    assert with_sample_sheet(AnnotateOptions(samples_path=path)).sample_sheet == sheet
