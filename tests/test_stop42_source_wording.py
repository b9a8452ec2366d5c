"""Clinical review of stop 42, findings 6 and 9: each printed sentence attached to what its source says.

Finding 6 (C04: G1202R+L1198F in cis after alectinib then lorlatinib): the HTML mutation table said of L1198F "at a
known resistance residue, no statement on this change alone", while the card's calls use L1198F's own statement
(crizotinib sensitive [LIN17T2]); it now says what `alkannot lookup L1198F`'s class line says.

Finding 9 (C03: G1202R 33% and L1196M 12%, phase unknown, after alectinib then lorlatinib): the lorlatinib note
bracketed LIN17T2, PEL21 and REC20 on the compound's "unknown", which none of them states (shared mutations.tsv
G1202R+L1196M: "No category recorded"); LIN17T2 and PEL21 state the single changes' calls, REC20 that compound
mutations can escape. Each is now attached to what it says.
"""

from __future__ import annotations

import re

import pytest
from helpers import run
from stop42_scenarios import scenario_outputs

CIS_L1198F, UNPHASED = "C04_G1202R_L1198F_cis_after_lorlatinib", "C03_G1202R_L1196M_unphased_after_lorlatinib"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wording")
    return {name: scenario_outputs(tmp, name) for name in (CIS_L1198F, UNPHASED)}


def test_the_mutation_table_says_l1198f_has_statements_of_its_own(outputs):
    html = outputs[CIS_L1198F]["html"]
    row = re.search(r"<tr><td>L1198F</td>.*?</tr>", html).group(0)
    assert "no statement on this change alone" not in row
    assert (
        "statements on this change alone (this row&#39;s sources), none of resistance to any inhibitor; its residue "
        "is in a known resistance alteration, whose calls do not apply to this change"
    ) in row
    assert 'href="#src-LIN17T2"' in row  # the row's sources, which the words point to
    lookup = run("lookup", "L1198F", text=True).stdout
    assert "statements in the knowledge base, but none of resistance to any inhibitor on this change alone" in lookup


def test_no_source_is_bracketed_on_an_unknown_it_does_not_state(outputs):
    note = outputs[UNPHASED]["json"]["samples"][0]["inhibitors"]["lorlatinib"]["note"]
    assert (
        "the genotype-based call alone would be unknown, from L1196M+G1202R (phase not determined), a compound with a "
        "subclonal or low-level part; subclonal basis: L1196M+G1202R (call: unknown) is at most in the part of the tumour "
        "carrying L1196M"
    ) in note
    assert not re.search(r"unknown \[", note)
    # PEL21's DOI once in the note, at its first citation; each later citation keeps the key (clinical review of stop
    # 42: the DOI was printed twice, in the part's call and in the escape caveat)
    assert note.count("10.1158/1538-7445.AM2021-1468") == 1
    assert (
        "G1202R on its own: sensitive (reviews only) [LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468]; inferred"
    ) in note
    assert (
        "inferred: no statement on the compound alone, only on I1171N+L1196M+G1202R, which contains it; each single "
        "change is sensitive or intermediate (L1196M "
        "sensitive (reviews only) [LIN17T2]; G1202R sensitive (reviews only) [LIN17T2; PEL21]), and compound mutations can escape an inhibitor that "
        "covers each single change [REC20, PMID 31585938; PEL21]: not called sensitive"
    ) in note
    # named in the note, not cited for the call (the patient's progression)
    sample = outputs[UNPHASED]["json"]["samples"][0]
    assert sample["inhibitors"]["lorlatinib"]["note_sources"] == ["LIN17T2", "PEL21", "REC20"]
