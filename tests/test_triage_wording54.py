"""Wording of the triage statements and of the names beside them (stop 54, clinical wording review text54): no
statement of lines_of_therapy.tsv ends in a bracket before the code's "(clinical trial)"; a statement citing several
sources in its sentence cites them in one bracket; a sourced sentence after 'GENE kind (...): ' is not capitalised;
a sample's label and what a summary box says beside it share one bracket ('TUMOR (qa; ...)')."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import run, tumor_vcfs

from alkannot.kbfiles import load_knowledge_base
from alkannot.lines_of_therapy import lines_of_therapy
from alkannot.report.input_labels import label_saying
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


def test_a_label_and_what_is_said_beside_it_share_one_bracket():
    assert label_saying("S1_T (S1)", "S1_T", "if progressed: treatment history unknown") == (
        "S1_T (S1; if progressed: treatment history unknown)"
    )
    assert label_saying("P2_T", "P2_T", "if clonal: no clonality cut-off set") == (
        "P2_T (if clonal: no clonality cut-off set)"
    )
    assert label_saying("TUMOR (pA) #2", "TUMOR", "x") == "TUMOR (pA) #2 (x)"  # a number after its bracket
    assert label_saying("A(1)", "A(1)", "x") == "A(1) (x)"  # a name's own bracket is not a qualifier


def test_the_html_triage_and_pgp_boxes_put_the_words_in_the_labels_bracket(tmp_path):
    """TUMOR in two files, no ALK change, after crizotinib (on the P-gp triage list) and after brigatinib (P-gp's
    effect not established): each named 'TUMOR (qa; ...)', never 'TUMOR (qa) (...)'."""
    vcfs = tumor_vcfs(tmp_path, ("qa", "qb"), "chr2\t1000000\t.\tA\tG")
    sheet = tmp_path / "s.tsv"
    sheet.write_text(
        "sample\tsource_vcf\talk_status\tprogressed_on\nTUMOR\tqa\tpositive:IHC\tcrizotinib\n"
        "TUMOR\tqb\tpositive:IHC\tbrigatinib\n"
    )
    result = run("report", *vcfs, "--samples", sheet, "--out", tmp_path / "r", text=True)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "r.html").read_text()
    assert "TUMOR (qa; " in html and "TUMOR (qb; after brigatinib: P-gp&#39;s effect on it not established" in html
    assert not re.search(r"TUMOR \(q[ab]\) \(", html)
