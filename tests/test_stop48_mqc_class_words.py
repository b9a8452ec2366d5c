"""The MultiQC table's alk_mutations column says a change's resistance class in the HTML card's words, as it says the
flags in flag_words' phrases (words48, task 3: it wrote `kinase_domain_vus` and `known`, the tokens, beside
'subclonal or low-level'). The TSV keeps the tokens, for programs."""

from __future__ import annotations

import csv
from pathlib import Path

from helpers import annotated_report, readme_reports

from alkannot.flag_words import LOW_VAF_WORDS, TRUNCATING_WORDS
from alkannot.report.plain_words import VALUE_WORDS

DATA = Path(__file__).parent / "data" / "compound"


def _mqc(prefix: Path) -> dict[str, str]:
    """The MultiQC table's alk_mutations cell by sample (the header's '#' lines skipped)."""
    lines = [line for line in Path(f"{prefix}_mqc.tsv").read_text().splitlines() if not line.startswith("#")]
    return {row["Sample"]: row["alk_mutations"] for row in csv.DictReader(lines, delimiter="\t")}


def test_the_example_says_each_class_in_words(tmp_path):
    _, tsv, page, _ = readme_reports(tmp_path / "r")
    mqc = _mqc(tmp_path / "r")
    known, vus = VALUE_WORDS["known"], VALUE_WORDS["kinase_domain_vus"]
    # the class's own brackets said with a colon in the table's brackets, the fields ';'-joined (rev50, clin50b)
    assert mqc["P6_T"] == f"L1240S ({vus}; VAF 0.237)"
    assert mqc["P7_T"] == f"C1156Y (in the knowledge base: statements on this change; VAF 0.030; {LOW_VAF_WORDS})"
    assert mqc["P1_T"] == "G1202R (in the knowledge base: statements on this change; VAF 0.318)"
    assert vus in page and known in page  # the card's Resistance column, in the same words
    for sample, cell in mqc.items():
        assert "kinase_domain_vus" not in cell and "(known" not in cell, sample
    # the TSV keeps the token, for programs (README's alk_mutations grammar)
    assert tsv["P6_T"]["alk_mutations"] == "L1240S(kinase_domain_vus VAF=0.237)"


def test_a_truncating_change_is_said_so_once(tmp_path):
    """G1202* (stop-gained, class kinase_domain_vus): 'truncating: not a resistance candidate' as its class, as the card
    says it, and not again as a flag."""
    annotated_report(
        DATA / "truncating_grch38.vcf", DATA / "truncating_samples.tsv", tmp_path / "r", "--min-vaf", "0.05"
    )
    cells = [cell for cell in _mqc(tmp_path / "r").values() if "G1202*" in cell]
    assert cells
    for cell in cells:
        entry = cell.split("G1202* (", 1)[1]
        assert entry.startswith(f"{TRUNCATING_WORDS}; VAF ") and entry.count("truncating") == 1, cell
