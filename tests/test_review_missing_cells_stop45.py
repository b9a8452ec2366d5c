"""Contract audit of stop 45 (helper k2): the clinical review of 2026-11 lists cells where alkannot said `unknown` while
readable data exist (L1256F; I1171N/T/S x brigatinib; I1171N+L1198F and I1171N+G1269A x gilteritinib; G1128A x
crizotinib). Each cell is checked through the installed `alkannot lookup`, as the audit ran it: it has the call
RULES.md allows, or, where the rules allow none, a note that says what the source says and names it (never a bare
unknown). Knowledge base 2.0.31 also stops calling the 5 LIN18JTO patients' result "limited activity": the abstract's
"limited clinical activity" is its conclusion about the whole alectinib-refractory cohort
(tools/kb_curation/reading_stop45_missing_cells.md)."""

from __future__ import annotations

import json

import pytest
from helpers import run

MIZ21_CLASS = (
    "gilteritinib 'has an inhibitory effect on ... I1171N compound mutants in vitro and in vivo' (MIZ21, abstract)"
)
LIN18_FIVE = (
    "among these 5, 1 confirmed partial response and 3 stable disease on brigatinib (the abstract's conclusion, "
    "'limited clinical activity', is about its whole alectinib-refractory cohort: confirmed objective responses in "
    "3 of 18 patients with measurable disease)"
)


def lookup_document(*alterations: str) -> dict:
    result = run("lookup", "--json", *alterations, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def lookup(*alterations: str) -> dict:
    return {r["alteration"]: r["calls"] for r in lookup_document(*alterations)["results"]}


def test_the_audit_s_lookups_run_and_print_the_review_s_cells_with_their_sources():
    result = run(
        "lookup", "L1256F", "I1171N", "I1171T", "I1171S", "I1171N+L1198F", "I1171N+G1269A", "G1128A", text=True
    )
    assert result.returncode == 0, result.stderr
    # every cell the review calls missing names a source on its line, whatever its call
    cells = {
        "L1256F": ("alectinib", "OKA19"),
        "I1171N": ("brigatinib", "LIN18JTO(PMID:29935304)"),
        "G1128A": ("crizotinib", "SCHO11"),
    }
    text = result.stdout
    for alteration, (drug, source) in cells.items():
        block = text.split(f"# {alteration}  resistance class")[1].split("\n# sources:")[0]
        line = next(row for row in block.splitlines() if row.startswith(f"{drug} "))
        assert source in line, (alteration, line)


def test_l1256f_alectinib_is_listed_in_silico_and_lorlatinib_votes_chiefly_in_silico():
    calls = lookup("L1256F")["L1256F"]
    alectinib, lorlatinib = calls["alectinib"], calls["lorlatinib"]
    assert alectinib["category"] == "unknown"
    assert "L1256F 'increased the sensitivity to alectinib' in the computational simulation" in alectinib["note"]
    assert [s["source"] for s in alectinib["statements"]] == ["OKA19"]
    # the abstract names no cell finding for L1256F: the lorlatinib call is resistant, marked in silico, not
    # "preclinical only" (which would claim cells or animals)
    assert lorlatinib["category"] == "resistant" and lorlatinib["in_silico"] is True
    assert lorlatinib["preclinical_only"] is False and lorlatinib["evidence_kinds"] == ["preclinical"]
    assert "'an L1256F single mutation' among its lorlatinib-resistance findings" in lorlatinib["note"]


@pytest.mark.parametrize(
    "alteration, category", [("I1171N", "unknown"), ("I1171T", "sensitive"), ("I1171S", "sensitive")]
)
def test_i1171x_brigatinib_shows_the_pooled_series_in_the_abstract_s_words(alteration, category):
    brigatinib = lookup(alteration)[alteration]["brigatinib"]
    assert brigatinib["category"] == category  # never intermediate: no fold measured (RULES.md 3.3, 3.7)
    lin18 = next(s for s in brigatinib["statements"] if s["source"] == "LIN18JTO(PMID:29935304)")
    assert lin18["votes"] is False and LIN18_FIVE in lin18["note"]
    assert "(limited activity)" not in brigatinib["note"]
    if category == "sensitive":
        sab = next(s for s in brigatinib["statements"] if s["source"] == "SAB17(PMID:28435288)")
        assert sab["votes"] is True and sab["note"].startswith("in vitro only (review listing)")
        assert (
            "a pooled series of 5 patients with I1171X or V1180L had 1 confirmed partial response and 3 stable "
            "disease on brigatinib [LIN18JTO, listed, not counted]"
        ) in sab["note"]
        assert "activity was limited" not in brigatinib["note"]
    else:
        assert "no source read names I1171N with brigatinib" in brigatinib["note"]


@pytest.mark.parametrize("compound", ["I1171N+L1198F", "I1171N+G1269A"])
def test_untested_i1171n_compounds_carry_miz21_s_class_sentence_for_gilteritinib(compound):
    document = lookup_document(compound)
    gilteritinib = document["results"][0]["calls"]["gilteritinib"]
    assert gilteritinib["category"] == "unknown"  # a class statement is not a call (RULES.md 1)
    assert MIZ21_CLASS in gilteritinib["note"] and "doi:10.1038/s41467-021-21396-w" in gilteritinib["note"]
    assert document["sources"]["MIZ21"]["doi"] == "10.1038/s41467-021-21396-w"  # cited in the sources list


def test_g1128a_crizotinib_is_called_from_neuroblastoma_and_says_so():
    crizotinib = lookup("G1128A")["G1128A"]["crizotinib"]
    assert crizotinib["category"] == "sensitive" and crizotinib["context"] == "other"
    assert crizotinib["preclinical_only"] is True
    assert "SCHO11" in crizotinib["sources"]
    assert "'can be blocked by' crizotinib" in crizotinib["note"]
