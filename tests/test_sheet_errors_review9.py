"""A sample sheet's errors are listed together (review 9, new user, finding 9): a sheet with three misspelt drugs
took three runs, each naming only the first bad row with a ~480-character message; known inhibitors joined by
',', '/', '->' got no word about ';'."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run

from alkannot.errors import InputError, InputErrors
from alkannot.samplesheet import parse_sample_sheet

VCF = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
UNKNOWN = (
    " is not an inhibitor the knowledge base holds{meant}; 'alkannot kb show inhibitors' lists the names it knows; "
    "an ALK inhibitor it lacks can be added in a knowledge base of your own (--kb DIR); "
    "record other treatments (chemotherapy) in a column of your own"
)


def _unknown(name: str, meant: str | None = None, within: str | None = None) -> str:
    return (
        f"progressed_on: {name!r}"
        + (f" (in {within!r})" if within else "")
        + UNKNOWN.format(meant=f" (did you mean {meant}?)" if meant else "")
    )


def _sheet(tmp_path: Path, text: str) -> Path:
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(text)
    return sheet


def _errors(tmp_path: Path, text: str, command: str = "report") -> list[str]:
    """The error lines of one run over the sheet (exit 3, nothing else on stderr, no output written)."""
    sheet = _sheet(tmp_path, text)
    prefix = tmp_path / "out"
    if command == "report":
        done = run("-q", "report", VCF, "--samples", sheet, "--out", prefix, text=True)
    else:
        done = run("-q", "annotate", VCF, "--samples", sheet, "-o", f"{prefix}.vcf", "--report", prefix, text=True)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not list(tmp_path.glob("out*"))
    lines = done.stderr.splitlines()
    assert all(line.startswith("alkannot: error: ") for line in lines), lines
    return [line.removeprefix("alkannot: error: ") for line in lines]


@pytest.mark.parametrize("command", ["report", "annotate"])
def test_three_misspelt_drugs_are_three_lines_of_one_run(tmp_path, command):
    text = (
        "sample\talk_status\tprogressed_on\n"
        "P1_T\tpositive:IHC\talectnib\n"
        "P2_T\tpositive:IHC\tcrizotnib\n"
        "P3_T\tpositive:IHC\tchemo\n"
        "P4_T\tpositive:IHC\tcrizotinib;ceritinib\n"
    )
    sheet = tmp_path / "sheet.tsv"
    assert _errors(tmp_path, text, command) == [
        f"{sheet}:2: " + _unknown("alectnib", "alectinib"),
        f"{sheet}:3: " + _unknown("crizotnib", "crizotinib"),
        f"{sheet}:4: " + _unknown("chemo"),
    ]


def test_every_bad_cell_of_a_row_and_every_kind_of_row_error_is_listed(tmp_path):
    text = (
        "sample\talk_status\tprogressed_on\tabcb1_ihc\tabcb1_tpm\trole\n"
        "P1_T\tmaybe\tcrizotinib\tweak\tlots\ttumor\n"  # three bad cells
        "P2_T\tpositive\tcrizotinib\n"
        "P2_T\tpositive\talectinib\n"  # twice
        "P3_T\tpositive\tcrizotinib\tpositive\t1\tboss\n"
        "P5_T\tpositive\tcrizotinib\tpositive\t1\ttumor\textra\n"  # one column too many
        "\tpositive\n"  # no sample name
    )
    sheet = tmp_path / "sheet.tsv"
    assert _errors(tmp_path, text) == [
        f"{sheet}:2: alk_status 'maybe' is not positive, negative or equivocal (optionally with ':method', "
        "e.g. positive:IHC)",
        f"{sheet}:2: abcb1_ihc 'weak' is not positive or negative: give the laboratory's positive/negative call "
        "here and a grade or H-score in a column of your own, which the report keeps and shows",
        f"{sheet}:2: abcb1_tpm 'lots' is not a number",
        f"{sheet}:4: sample 'P2_T' appears twice (first on line 3)",
        f"{sheet}:5: role 'boss' is not tumor or normal (or empty)",
        f"{sheet}:6: 7 columns, the header has 6",
        f"{sheet}:7: empty sample name",
    ]


def test_the_list_stops_at_twenty_and_says_how_many_more(tmp_path):
    text = "sample\tprogressed_on\n" + "".join(f"P{i}\tchemo\n" for i in range(25))
    sheet = tmp_path / "sheet.tsv"
    lines = _errors(tmp_path, text)
    assert lines[:20] == [f"{sheet}:{n}: " + _unknown("chemo") for n in range(2, 22)]
    assert lines[20:] == [f"{sheet}: ... and 5 more"]


@pytest.mark.parametrize(
    "value, spelt",
    [
        ("crizotinib, alectinib", "crizotinib;alectinib"),
        ("crizotinib -> lorlatinib", "crizotinib;lorlatinib"),
        ("Crizotinib/Alectinib", "crizotinib;alectinib"),
        ("crizotinib > ceritinib > Lorbrena", "crizotinib;ceritinib;lorlatinib"),
        ("Xalkori then LDK378", "crizotinib;ceritinib"),
        ("crizotinib+alectinib", "crizotinib;alectinib"),
        ("Crizotinib, then alectinib", "crizotinib;alectinib"),  # cohort review of stop 33, finding 17
        ("crizotinib > then lorlatinib", "crizotinib;lorlatinib"),
    ],
)
def test_known_inhibitors_joined_otherwise_than_by_semicolon_get_the_semicolon_spelling(tmp_path, value, spelt):
    sheet = tmp_path / "sheet.tsv"
    text = f"sample\tprogressed_on\nP4_T\t{value}\n"
    assert _errors(tmp_path, text) == [
        f"{sheet}:2: progressed_on: {value!r} is not one inhibitor: separate inhibitors with ';' in the order "
        f"taken ({spelt})"
    ]


@pytest.mark.parametrize(
    "value, bad, meant",
    [
        ("crizotinib, chemo", "chemo", None),
        ("crizotinib/alectnib", "alectnib", "alectinib"),
        ("carboplatin -> crizotinib", "carboplatin", None),
    ],
)
def test_a_separator_with_an_unknown_piece_is_the_unknown_name_error(tmp_path, value, bad, meant):
    sheet = tmp_path / "sheet.tsv"
    lines = _errors(tmp_path, f"sample\tprogressed_on\nP4_T\t{value}\n")
    assert lines == [f"{sheet}:2: " + _unknown(bad, meant, within=value)]
    assert "separate inhibitors" not in lines[0]


def test_the_unknown_name_error_points_to_the_kb_given(tmp_path):
    kb = tmp_path / "kb"
    kb.mkdir()
    assert run("kb", "export", "-o", kb).returncode == 0
    sheet = _sheet(tmp_path, "sample\tprogressed_on\nP4_T\tmagicinib\n")
    done = run("report", VCF, "--samples", sheet, "--kb", kb, "--out", tmp_path / "out", text=True)
    assert done.returncode == 3
    assert f"'alkannot kb show inhibitors --kb {kb}' lists the names it knows" in done.stderr
    listed = run("kb", "show", "inhibitors", "--kb", kb, text=True).stdout
    assert "crizotinib\tPF-02341066;Xalkori\t" in listed


def test_good_sheets_and_the_missing_value_spellings_still_read():
    sheet = parse_sample_sheet(
        'sample\tprogressed_on\tnotes\nA\tcrizotinib;;Alecensa\t"two\nlines"\nB\tNA\t\nC\tunknown\t\nD\tnone\t\n',
        "s.tsv",
    )
    assert [sheet.get(s).progressed_on for s in "ABCD"] == [("crizotinib", "alectinib"), None, None, ()]


def test_one_error_is_raised_as_it_is_several_as_one_multiline_error():
    with pytest.raises(InputError) as one:
        parse_sample_sheet("sample\tabcb1_tpm\nA\tlots\n", "s.tsv")
    assert type(one.value) is InputError and str(one.value) == "s.tsv:2: abcb1_tpm 'lots' is not a number"
    with pytest.raises(InputErrors) as several:
        parse_sample_sheet("sample\tabcb1_tpm\nA\tlots\nB\t1\nC\t-1\n", "s.tsv")
    assert str(several.value) == (
        "s.tsv:2: abcb1_tpm 'lots' is not a number\ns.tsv:4: abcb1_tpm '-1' is not a non-negative number"
    )
    assert (several.value.path, several.value.record) == ("s.tsv", 2)  # the first (its line), for callers that read one


def test_a_sample_named_twice_is_said_even_when_its_first_row_has_a_bad_cell(tmp_path):
    """Review 10, finding 8: the duplicate was found only once the first row's typo was mended (a second run)."""
    sheet = tmp_path / "dup.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\nP1_T\tpositive:IHC\talectnib\nP1_T\tpositive:IHC\tlorlatinib\n"
    )
    done = run("-q", "annotate", VCF, "--samples", sheet, "-o", tmp_path / "o.vcf", text=True)
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"alkannot: error: {sheet}:2: progressed_on: 'alectnib'")
    assert lines[1] == f"alkannot: error: {sheet}:3: sample 'P1_T' appears twice (first on line 2)"
