"""Wording of the triage statements and of the names beside them (stop 54, clinical wording review text54): no
statement of lines_of_therapy.tsv ends in a bracket before the code's "(clinical trial)"; a statement citing several
sources in its sentence cites them in one bracket; a sourced sentence after 'GENE kind (...): ' is not capitalised;
a sample's label and what a summary box says beside it share one bracket ('TUMOR (qa; ...)')."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import run

from alkannot.kbfiles import load_knowledge_base
from alkannot.lines_of_therapy import lines_of_therapy
from alkannot.sourced_text import statement, statement_sources
from alkannot.triage_statements import statements_by_key

DATA = Path(__file__).parent / "data" / "offtarget_context"


def test_no_line_of_therapy_statement_ends_in_a_bracket_before_its_evidence_kind():
    """'... 48% in 69 with measurable disease (SHAW16LO) (clinical trial)' read as two brackets in a row."""
    rows = lines_of_therapy()
    assert rows and all(not line.statement.rstrip().endswith(")") for line in rows), [
        line.statement[-40:] for line in rows if line.statement.rstrip().endswith(")")
    ]


def test_each_reworded_row_still_names_its_sources_and_figures():
    """The sources the reworded rows named in brackets are still named in their sentences, beside their figures."""
    said = {(line.after, line.inhibitor): line.statement for line in lines_of_therapy()}
    alectinib = said[("only:crizotinib", "alectinib")]
    assert "(global study, OU16)" in alectinib and "in SHAW16LO, 48% in 69 with measurable disease" in alectinib
    iruplinalkib = said[("only:crizotinib", "iruplinalkib")]
    assert "19.8 months (ASCOPOST23 and ZHAO26)" in iruplinalkib
    assert "in ASCOPOST23 only, objective response rate 70%" in iruplinalkib
    ceritinib = said[("only:crizotinib", "ceritinib")]
    assert "ASCEND-5 trial (SHAW17)" in ceritinib and "ASCEND-2 trial (CRI16) of 140 patients" in ceritinib
    assert "5.4 months" in ceritinib and "1.6 months" in ceritinib and "38.6%" in ceritinib
    for after in ("only:alectinib", "only:ceritinib"):
        lorlatinib = said[(after, "lorlatinib")]
        assert "EU indication in this line names alectinib or ceritinib as the first ALK inhibitor" in lorlatinib
        assert lorlatinib.endswith("objective response rate 32.1% after one ALK inhibitor other than crizotinib")


def test_a_statement_citing_several_sources_in_its_sentence_cites_them_in_one_bracket():
    assert not [key for key, row in statements_by_key().items() if "], [" in row["statement"]]
    kras = statement(load_knowledge_base(), "unexpected_KRAS_mutation")
    assert "KRAS mutations [GAI13, PMID 23729361; ALIG14, PMID 24885803; WONG09, PMID 19170230], and" in kras
    assert "were negative by ALK IHC [GAI13]:" in kras  # its identifier at its first citation only
    assert kras.count("PMID") == len(statement_sources("unexpected_KRAS_mutation"))  # none cited again at the end
    egfr = statement(load_knowledge_base(), "unexpected_EGFR_mutation")
    group = "[GAI13, PMID 23729361; RODIG09, PMID 19671850; ALIG14, PMID 24885803; WONG09, PMID 19170230]"
    assert f"EGFR mutations {group}:" in egfr and egfr.count("PMID") == len(
        statement_sources("unexpected_EGFR_mutation")
    )


def test_rows_said_after_a_colon_open_in_lower_case_or_with_a_name():
    """offtarget_notes says these rows after 'GENE kind (...): ' as written: each opens with a lower-case word or a
    name written in capitals (a gene, an acronym)."""
    keys = [k for k in statements_by_key() if k.startswith(("unexpected_", "not_counted_after_", "after_"))]
    assert keys
    for key in keys:
        first = statements_by_key()[key]["statement"].split()[0]
        assert first.islower() or first.isupper(), key


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> dict[str, list[str]]:
    import json

    prefix = tmp_path_factory.mktemp("colon") / "r"
    result = run("annotate", DATA / "bypass_grch38.vcf", "--samples", DATA / "samples.tsv", "--report", prefix, "-o",
                 f"{prefix}.vcf", text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = json.loads(Path(f"{prefix}.json").read_text())
    return {s["sample"]: s["notes"] for s in document["samples"]}


@pytest.mark.parametrize(
    "sample, gene, opening",
    [
        ("KRAS_cri", "KRAS mutation (", "in the series read at diagnosis"),
        ("EGFR_bri", "EGFR mutation (", "in the series read at diagnosis"),
        ("MET_cri", "MET copy number gain (", "listed, not counted as an off-target candidate"),
    ],
)
def test_the_context_note_goes_on_in_lower_case_after_its_colon(notes, sample, gene, opening):
    (note,) = [n for n in notes[sample] if n.startswith(gene) and "): " in n]
    assert note.split("): ", 1)[1].startswith(opening), note
    assert not re.search(r"\): [A-Z][a-z]", note), note
    assert note.endswith(".") and not note.endswith("..")
