"""`alkannot lookup g1202r` was exit 3 where `G1202R` works (pipeline review, finding left open after stop 45): a
one-letter protein change is read in any case (residues upper, operation lower, one reading only); the HGVS
three-letter form keeps its meaningful case, and its other forms keep working. Through the installed entry point."""

from __future__ import annotations

import json

import pytest
from helpers import run


def _lookup(*args: str) -> str:
    result = run("lookup", *args, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _without_query_line(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("# query: ")]


@pytest.mark.parametrize(
    "typed,canonical",
    [
        ("g1202r", "G1202R"),
        ("p.g1202r", "G1202R"),
        ("p.(g1202r)", "G1202R"),
        ("g1202R", "G1202R"),
        ("alk g1202r", "G1202R"),
        ("NP_004295.2:p.g1202r", "G1202R"),
        ("g1202r+l1196m", "G1202R+L1196M"),
        ("t1151dup", "T1151dup"),
        ("T1151DUP", "T1151dup"),
        ("t1151_l1152inst", "T1151dup"),  # an insertion repeating the residue before it: HGVS's dup
        ("g1202del", "G1202del"),
    ],
)
def test_a_one_letter_change_in_any_case_reads_as_its_upper_case_form(typed, canonical):
    got = _lookup(typed)
    assert f"# query: {typed};" in got  # the query as typed
    assert _without_query_line(got) == _without_query_line(_lookup(canonical))


def test_the_json_names_the_query_as_typed_and_the_alteration_canonically():
    (result,) = json.loads(_lookup("--json", "p.g1202r"))["results"]
    (upper,) = json.loads(_lookup("--json", "G1202R"))["results"]
    assert result["query"] == "p.g1202r"
    assert {k: v for k, v in result.items() if k != "query"} == {k: v for k, v in upper.items() if k != "query"}


@pytest.mark.parametrize("form", ["p.Gly1202Arg", "NP_004295.2:p.Gly1202Arg", "c.3604G>A", "G1202R"])
def test_the_hgvs_forms_still_work(form):
    assert _without_query_line(_lookup(form, "--build", "GRCh38")) == _without_query_line(_lookup("G1202R"))


def test_a_three_letter_form_in_lower_case_is_still_refused():
    """'p.gly1202arg': HGVS three-letter codes are written Gly, Arg; only the bare one-letter form is read in any
    case."""
    result = run("lookup", "p.gly1202arg", text=True)
    assert result.returncode == 3
    assert result.stderr == (
        "alkannot: error: alteration: 'p.gly1202arg' is not a protein change such as G1202R, p.Gly1202Arg, T1151dup "
        "or G1202del\n"
    )


def test_a_lower_case_change_is_still_checked_against_the_reference_residue():
    result = run("lookup", "a1202r", text=True)
    assert result.returncode == 3
    assert "residue 1202 of ALK (NP_004295.2) is G, not A" in result.stderr
