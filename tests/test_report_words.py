"""The example report read by a thoracic oncologist (review of the example report, 2026-12): each sentence says what
its source says, in the same words in the HTML, the JSON and the TSV. Run through README's first command."""

from __future__ import annotations

import html
import json

import pytest
from helpers import readme_reports

from alkannot.report.plain_words import plain_words


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    samples, rows, page, _ = readme_reports(tmp_path_factory.mktemp("words") / "r")
    return samples, rows, html.unescape(page)


def _texts(sample: dict) -> list[str]:
    return [sample["pgp"]["note"], *sample["notes"], *(c["note"] for c in sample["inhibitors"].values())]


def test_p3_says_no_genotype_based_call(example):
    samples, rows, page = example
    # and, a compound of G1202R, that it may explain the progression (clinical reading of stop 41, finding 1)
    said = (
        "L1196M+G1202R (cis) is present; the knowledge base has no genotype-based lorlatinib call for it, but it "
        "contains G1202R, a change found in lorlatinib-resistant compound ALK mutations from patients and cell models"
    )
    assert said in samples["P3_T"]["notes"][0] and said in rows["P3_T"]["notes"]
    # the HTML card says it once, in the P-gp note, and leaves this note out of its Notes (rev50, clin50b)
    assert said not in page
    assert "which has no genotype-based lorlatinib call in the knowledge base" in samples["P3_T"]["pgp"]["note"]
    assert (
        "L1196M+G1202R (cis), which has no genotype-based lorlatinib call in the knowledge base, is present: it contains "
        "G1202R, a change found in lorlatinib-resistant compound ALK mutations from patients and cell models"
    ) in page
    assert "no lorlatinib call" not in json.dumps(samples["P3_T"]) + page


def test_tp53_is_not_called_a_bypass_gene(example):
    samples, rows, page = example
    said = (
        "No protein-altering, copy-number or structural change was found in the genes alkannot checks that the "
        "input's records of this sample reach (bypass genes: MET (copy number only: CN 2)). Not assessed: the other "
        "genes alkannot checks (bypass genes: EGFR, KIT, KRAS, NRAS, MAP2K1, IGF1R, PIK3CA, NF2, BRAF, ERBB2; co-alteration, "
        "not a bypass gene: TP53), in which the input holds no record of this sample, or none that passed the caller's "
        "filters; a VCF does not show whether a gene without a record was sequenced (a panel, or a VCF restricted to "
        "ALK, cannot show a change there)."
    )
    assert said in samples["P3_T"]["pgp"]["note"] and said in rows["P3_T"]["pgp_note"] and said in page
    assert "TP53, BRAF" not in page


def test_p6_says_what_is_possible_and_why(example):
    samples, rows, page = example
    said = (
        "On-target resistance is possible, not established: L1240S, a kinase-domain change of unknown "
        "significance, could cause it only if the tumour progressed (treatment history unknown) and only in an "
        "ALK-driven tumour, and ALK positivity is not established (fusion "
        "negative, no positive ALK status in the sample sheet); if the tumour is not ALK-driven, the change may "
        "not matter at all."
    )
    assert said in samples["P6_T"]["notes"] and said in rows["P6_T"]["notes"] and said in page
    assert "only possible here" not in page + json.dumps(samples["P6_T"])


def test_the_ngs_cut_off_is_cited_in_brackets(example):
    samples, rows, page = example
    said = (
        "no clinically defined NGS copy-number cut-off for MET amplification existed as of 2021, FISH remaining "
        "the reference test [SCHMITT21, PMID 34733418]"
    )
    (met,) = [o for o in samples["P5_T"]["off_target"] if o["gene"] == "MET"]
    assert "SCHMITT21" in met["sources"] and said in met["statement"] and said in page
    # the P-gp note cites it with its identifier, its first citation there (review of stop 28's change)
    noted = (
        "no clinically defined NGS copy-number cut-off for MET amplification existed as of 2021, FISH remaining "
        "the reference test [SCHMITT21, PMID 34733418]"
    )
    assert noted in samples["P5_T"]["pgp"]["note"] and noted in rows["P5_T"]["pgp_note"] and noted in page
    assert "(SCHMITT21)" not in page + json.dumps(samples["P5_T"]) + rows["P5_T"]["pgp_note"]


def test_rules_sections_and_options_in_the_same_plain_words_everywhere(example):
    samples, rows, page = example
    everything = json.dumps(list(samples.values())) + json.dumps(list(rows.values())) + page
    assert "RULES.md" not in everything
    assert "listed, not counted" in json.dumps(list(samples.values()))
    said = "C1156Y at VAF 3.0% is below the clonality cut-off set for this run (--min-vaf 0.05)"
    assert said in samples["P7_T"]["notes"][0] and said in rows["P7_T"]["notes"] and said in page
    for sample in samples.values():  # the JSON's notes are already what the HTML shows
        assert all(plain_words(text) == text for text in _texts(sample))


def test_plain_words_keeps_the_option_name_and_rewrites_once():
    for text, said in (
        ("below --min-vaf 0.05: subclonal", "below the clonality cut-off set for this run (--min-vaf 0.05): subclonal"),
        ("No --min-vaf was given", "No clonality cut-off (--min-vaf) was set for this run"),
        ("without --min-vaf no change", "without a clonality cut-off (--min-vaf) no change"),
        ("listed, not a vote (RULES.md 3.7)", "listed, not counted"),
    ):
        assert plain_words(text) == said and plain_words(said) == said
