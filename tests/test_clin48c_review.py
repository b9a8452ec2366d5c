"""Fresh-eyes clinical review of stop 48 (helper clin48c), through the installed command on tests/data and the example.

1. C03_T (tests/data/stop42_clinical: G1202R 33% and L1196M 12%, phase not determined, after alectinib then
   lorlatinib): the P-gp note opened "progressed most recently on lorlatinib, and no clonal ALK mutation is known to
   explain it", naming neither change (CONTRACT v2: "the note says so by name"; S19_T and P3_T name G1202R). It now
   names G1202R, its VAF and its lorlatinib call on its own with their sources, and the compound it may be part of
   (L1196M+G1202R, in the tumour cells that carry L1196M), which has no lorlatinib call. Words48c, task 3: the
   clause said "may be part of L1196M+G1202R (...) in the part of the tumour carrying L1196M", "part" twice.
2. P3_T's crizotinib and alectinib cells, drugs before the most recent progression (lorlatinib), said "the patient
   progressed on it (sample sheet), consistent with the genotype call": the compound may post-date those
   progressions. A drug before the latest now reads "progressed on it earlier (sample sheet); the genotype call on
   this sample is resistant too"; the latest drug's wording stays (P1_T, alectinib).
3. The HTML cohort table's "Off-target candidates" column said "TP53 mutation unassessed (co-alteration)" where the
   card and note say TP53 is not an off-target candidate: it now says "(co-alteration, not a candidate)".
4. "it is a compound of G1202R, which lorlatinib-resistant compound ALK mutations found in patients and cell models
   involve" now reads "it contains G1202R, a change found in lorlatinib-resistant compound ALK mutations from patients
   and cell models", same sources; not "most" (SHI22's "most" is of G1202R or I1171N/S/T together).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from helpers import readme_reports, run
from stop42_scenarios import scenario_outputs

DATA = Path(__file__).resolve().parent / "data"
C03 = "C03_G1202R_L1196M_unphased_after_lorlatinib"

C03_LEAD = (
    "Low yield: progressed most recently on lorlatinib; G1202R (VAF 33.3%), which on its own is lorlatinib-sensitive "
    "(reviews only) [LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468], is present, and in the tumour cells that carry L1196M it may "
    "be part of L1196M+G1202R (phase not determined; VAF 12.3% and 33.3%), a compound with no genotype-based "
    "lorlatinib call in the knowledge base; G1202R is a change found in lorlatinib-resistant compound ALK mutations "
    "from patients and cell models [SHI22, PMC9732888; OKA19, PMC6441848; REC20, PMID 31585938; PEL21]: that "
    "compound, or one with a partner this input does not show, may explain this progression, though no source in the "
    "knowledge base reports on L1196M+G1202R alone and lorlatinib. P-gp overexpression did not confer resistance to "
    "lorlatinib in cell models"
)


@pytest.fixture(scope="module")
def c03(tmp_path_factory):
    return scenario_outputs(tmp_path_factory.mktemp("clin48c_c03"), C03)


def test_c03_pgp_note_names_g1202r_and_the_compound_it_may_be_part_of(c03):
    sample = c03["json"]["samples"][0]
    assert (sample["mechanism"], sample["pgp_check"]) == ("on_target_possible", "low_yield")  # unchanged
    note = sample["pgp"]["note"]
    assert note.startswith(C03_LEAD)
    assert "no clonal ALK mutation is known to explain it" not in note
    # each source the lead cites is among the note's sources, in the order cited
    assert sample["pgp"]["sources"][:5] == ["LIN17T2", "PEL21", "SHI22", "OKA19", "REC20"]
    # the TSV and the HTML card say the same
    assert c03["tsv"][0]["pgp_note"].startswith(C03_LEAD)
    assert "lorlatinib; " + C03_LEAD.split("lorlatinib; ", 1)[1] in html.unescape(c03["html"])  # the card's words


def test_a_drug_before_the_latest_is_not_said_to_be_consistent_with_the_genotype(tmp_path):
    samples, rows, _, _ = readme_reports(tmp_path / "r")
    p3 = samples["P3_T"]
    assert p3["progressed_on"] == ["crizotinib", "alectinib", "lorlatinib"]
    earlier = "the patient progressed on it earlier (sample sheet); the genotype call on this sample is resistant too; "
    for drug in ("crizotinib", "alectinib"):
        cell = p3["inhibitors"][drug]
        assert cell["category"] == "resistant" and cell["note"].startswith(earlier)
        assert "consistent with the genotype call" not in cell["note"]
    # the latest drug keeps its wording: P1_T progressed on alectinib, G1202R resistant to it
    latest = samples["P1_T"]["inhibitors"]["alectinib"]["note"]
    assert latest.startswith("the patient progressed on it (sample sheet), consistent with the genotype call; ")
    # P3_T's compound of G1202R, in the sample's notes and the P-gp note (finding 4)
    said = (
        "it contains G1202R, a change found in lorlatinib-resistant compound ALK mutations from patients and cell "
        "models [SHI22, PMC9732888; OKA19, PMC6441848; REC20, PMID 31585938; PEL21, doi:10.1158/1538-7445.AM2021-1468]:"
        " it may explain this progression"
    )
    assert said in p3["pgp"]["note"] and said in p3["notes"][0] and said in rows["P3_T"]["notes"]
    assert "compound of G1202R" not in " ".join([p3["pgp"]["note"], *p3["notes"]])


def test_the_cohort_column_says_tp53_is_not_a_candidate(tmp_path):
    cohort = DATA / "review38"
    prefix = tmp_path / "coh"
    result = run(
        "annotate", cohort / "pgp_ihc_cohort.vcf", "--samples", cohort / "pgp_ihc_cohort.tsv",
        "-o", tmp_path / "coh.vcf", "--report", prefix, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = Path(f"{prefix}.html").read_text()
    rows = dict(re.findall(r'<tr><td><a href="#[^"]*">([^<]+)</a></td>(.*?)</tr>', page))
    for name in ("C20c_T", "C20d_T", "C20e_T", "C20g_T"):
        column = re.sub(r"<[^>]+>", "", re.findall(r"<td>(.*?)</td>", rows[name])[-1])
        assert column.startswith("TP53 mutation unassessed (co-alteration, not a candidate)"), (name, column)
    assert "(co-alteration)<" not in page and "(co-alteration);" not in page


def test_c03_says_part_once_in_the_compound_clause(c03):
    """Words48c, task 3: 'may be part of L1196M+G1202R (...) in the part of the tumour carrying L1196M' said 'part'
    twice; the same facts (the compound, its phase and VAFs, the cells carrying the minor L1196M) read once."""
    note = c03["json"]["samples"][0]["pgp"]["note"]
    clause = note.split("is present, and ", 1)[1].split(", a compound with no genotype-based", 1)[0]
    assert clause == (
        "in the tumour cells that carry L1196M it may be part of L1196M+G1202R (phase not determined; VAF 12.3% and "
        "33.3%)"
    )
    assert clause.count("part") == 1 and "in the part of the tumour carrying" not in note
