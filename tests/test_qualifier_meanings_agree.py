"""The ##INFO Description of ALK_CALL_QUALIFIERS and `readings.MARK_MEANINGS` (lookup's legend, the HTML card's) say
what each mark means in their own words, and must not drift apart (pipeline review, finding left open after stop 45).

They are not built from one table: the header is worded per INFO value (one `case_report_only` for the two marks
'one case report' and 'case reports only'; `inferred` is no allele's qualifier, only the sample's), inside one pair of parentheses each, and without the pointers a lookup reader follows (RULES.md 1, "the note
quotes it"); a shared table would change the header line of every annotated VCF for no reader's benefit. Instead,
each mark's defining clause is checked in both, in the header line an annotate run writes."""

from __future__ import annotations

import pytest
from helpers import EXAMPLES, run

from alkannot import readings

# the mark's label, its INFO value, and the clauses that define it in both texts
AGREEING = [
    (
        readings.IN_SILICO_LABEL,
        "in_silico",
        ("every statement that decided the call takes its direction from a computer", "no cell IC50"),
    ),
    (readings.PRECLINICAL_LABEL, "preclinical_only", ("every statement that decided the call is preclinical",)),
    (readings.ONE_CASE_REPORT_LABEL, "case_report_only", ("every statement that decided the call is a case report",)),
    (readings.CASE_REPORTS_LABEL, "case_report_only", ("every statement that decided the call is a case report",)),
    (
        readings.REVIEWS_LABEL,
        "reviews_only",
        (
            "every statement that decided the call is review-level",
            "a trial read only through another paper or a news report",
            "no primary cell or patient report decides it",
        ),
    ),
    # since stop 48 the card's legend and lookup's explain these too, in MARK_MEANINGS (words48, task 1)
    (readings.SOURCES_DISAGREE_LABEL, "sources_disagree", ("the category is alkannot's reading of them",)),
    (
        readings.OTHER_CONTEXT_LABEL,
        "other_context",
        ("no statement about ALK-positive NSCLC", "the call rests on another disease or ALK form"),
    ),
]
# a mark of the sample's Calls= and the JSON, not of an allele's ALK_CALL_QUALIFIERS: a compound's (or a trans pair's)
# call taken from its parts' calls is the sample's, never an allele's own
NOT_AN_ALLELE_QUALIFIER = {readings.INFERRED_LABEL}


@pytest.fixture(scope="module")
def header_meanings(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("qualifiers") / "out.vcf"
    result = run("annotate", EXAMPLES / "GRCh38" / "tumor_normal.vcf", "-o", out, "-q", text=True)
    assert result.returncode == 0, result.stderr
    (line,) = [x for x in out.read_text().splitlines() if x.startswith("##INFO=<ID=ALK_CALL_QUALIFIERS,")]
    return line


def test_every_mark_is_explained_in_both(header_meanings):
    assert {label for label, _, _ in AGREEING} | NOT_AN_ALLELE_QUALIFIER == set(readings.MARK_MEANINGS)
    assert list(readings.MARK_MEANINGS) == [m for m in readings.MARK_ORDER if m in readings.MARK_MEANINGS]


@pytest.mark.parametrize("label,value,clauses", AGREEING, ids=[a[0] for a in AGREEING])
def test_the_header_and_the_legend_define_a_mark_alike(header_meanings, label, value, clauses):
    meaning_in_header = header_meanings.split(f" {value} (", 1)[1].split(")", 1)[0]  # no parentheses inside
    for clause in clauses:
        assert clause in readings.MARK_MEANINGS[label], (label, clause)
        assert clause in meaning_in_header, (value, clause)
