"""The HTML mutation table's Evidence column gives each statement's own identifiers and marks the sources listed and
counted for no call (clinical review hN, finding 7): L1196M showed "LIN17T2, SEED, CGI (PMID 29592813), ...,
PMID:24670165, ...", the CGI resource's paper and a listed-only CGI row's bare PMID read as evidence on the change.
The JSON's `alk_mutations[].sources` / `listed_sources` (schema 2.20) carry what the column shows, as the TSV's
inhibitor_sources / inhibitor_listed_sources and `alkannot lookup` label them; `evidence` stays the flat identifiers
of the VCF's ALK_EVIDENCE."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from helpers import readme_reports

from alkannot.alterations import parse_alteration
from alkannot.kbfiles import load_knowledge_base
from alkannot.report.plain_words import source_labels

COUNTED = [
    "LIN17T2",
    "EID237(PMID:20979473)",
    "EID442(PMID:22277784)",
    "FRI14(PMID:24675041)",  # a paper's statement names its PMID (knowledge base 2.0.28; clinical read h1, finding 2)
    "EID1341(PMID:24675041)",
    "EID141(PMID:21575866)",
    "SAB17(PMID:28435288)",
    "JAIN17",
]
LISTED = ["SEED", "CGI(PMID:20979473,PMID:22277784)", "CGI(PMID:24670165)", "CGI", "PMO21"]
# one label format for counted and listed sources, a DOI-only source with its DOI (clinical read of stop 43, finding
# 13: 'EID237(PMID:20979473)' beside 'FRI14 (PMID 24675041; ...)', and JAIN17 bare)
CELL = (
    "LIN17T2, EID237 (PMID 20979473), EID442 (PMID 22277784), FRI14 (PMID 24675041; CIViC EID1341), "
    "EID141 (PMID 21575866), SAB17 (PMID 28435288), JAIN17 (doi:10.2147/LCTT.S126507); also listed, not counted: "
    "SEED, CGI (PMID 20979473, 22277784), CGI (PMID 24670165), CGI, PMO21"
)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    samples, tsv, page, _ = readme_reports(tmp_path_factory.mktemp("example") / "report")
    return samples, tsv, page


def _evidence_cells(page: str) -> dict[tuple[str, str], str]:
    """(sample, change) -> the text of the mutation row's Evidence cell, tags removed."""
    cells = {}
    for card in re.findall(r"<article.*?</article>", page, re.S):
        sample = re.search(r'id="([^"]+)"', card).group(1)
        for table in re.findall(r'<table class="mutations">.*?</table>', card, re.S):
            for row in re.findall(r"<tr><td>(.*?)</tr>", table, re.S):
                tds = re.findall(r"<td>(.*?)</td>", "<td>" + row, re.S)
                cells[(sample, tds[0])] = html.unescape(re.sub(r"<[^>]+>", "", tds[-1]))
    return cells


def test_the_knowledge_base_sorts_the_changes_sources_as_its_calls_do():
    call = load_knowledge_base().call(parse_alteration("L1196M"))
    assert list(call.counted_sources) == COUNTED
    assert list(call.listed_sources) == LISTED
    assert "CGI" in call.evidence and "PMID:24670165" in call.evidence  # the flat list is kept (ALK_EVIDENCE)


def test_the_json_carries_the_column_and_keeps_the_flat_evidence(example):
    samples, tsv, _ = example
    (mutation,) = samples["P2_T"]["alk_mutations"]
    assert (mutation["label"], mutation["sources"], mutation["listed_sources"]) == ("L1196M", COUNTED, LISTED)
    assert "PMID:24670165" in mutation["evidence"]
    # one change: the TSV's sources for the sample's calls are the change's, each with the PMID or DOI of the
    # report's sources table where its label names none (clinical read h1, finding 2)
    identified = {"JAIN17": "JAIN17(doi:10.2147/LCTT.S126507)"}
    assert tsv["P2_T"]["inhibitor_sources"].split(";") == [identified.get(k, k) for k in COUNTED]


def test_the_html_evidence_column_says_which_source_is_counted(example):
    _, _, page = example
    cells = _evidence_cells(page)
    l1196m = [text for (sample, change), text in cells.items() if change == "L1196M"]
    assert l1196m and all(text == CELL for text in l1196m), l1196m
    for text in cells.values():
        assert "29592813" not in text  # the CGI resource's paper is no evidence on a change
        assert not re.search(r"(^|, )PMID[: ]\d", text), text  # no bare PMID standing for a listed row
    c1156y = next(text for (sample, change), text in cells.items() if change == "C1156Y")
    assert c1156y.endswith("; also listed, not counted: CGI (PMID 20979473, 22277784), CGI (PMID 27401242)")


def test_a_cgi_row_naming_no_pmid_is_not_labelled_with_the_resources_paper():
    sources = {"CGI": {"pmid": "29592813"}, "FRI14": {"pmid": "24675041"}}
    assert source_labels(["CGI", "FRI14"], sources) == [("CGI", "CGI"), ("FRI14", "FRI14 (PMID 24675041)")]


def test_counted_and_listed_sources_share_one_label_format(tmp_path):
    """Clinical read of stop 43, finding 13: tests/data/sites_only's I1171N row listed 'LIN18JTO(PMID:29935304)' where
    G1202R's counted it as 'LIN18JTO (PMID 29935304)'; DOI-only sources (PEL21, JAIN17, GAI16) were bare."""
    from helpers import run

    sites = Path(__file__).parent / "data" / "sites_only" / "cohort_sites_grch38.vcf"
    result = run("-q", "annotate", sites, "--tumor", "S1", "-o", tmp_path / "o.vcf", "--report", tmp_path / "r")
    assert result.returncode == 0, result.stderr
    cells = _evidence_cells((tmp_path / "r.html").read_text())
    assert cells[("s-S1", "I1171N")].endswith(
        "; also listed, not counted: SCHO11, LIN18JTO (PMID 29935304), MOL15 (doi:10.18632/oncotarget.3122)"
    )
    g1202r = cells[("s-S1", "G1202R")]
    assert "LIN18JTO (PMID 29935304)" in g1202r.split("; also listed")[0]
    assert "PEL21 (doi:10.1158/1538-7445.AM2021-1468)" in g1202r
    assert "JAIN17 (doi:10.2147/LCTT.S126507), GAI16 (doi:10.1158/2159-8290.CD-16-0596)" in g1202r
    assert not re.search(r"\w\(PMID:", " ".join(cells.values()))


def test_the_label_of_each_kind_of_key():
    sources = {
        "CGI": {"pmid": "29592813", "doi": "10.1186/s13073-018-0531-8"},
        "PEL21": {"pmid": None, "doi": "10.1/x"},
    }
    assert source_labels(["CGI(PMID:1,PMID:2)", "EID9(PMID:3)", "PEL21", "CGI", "PMID:4"], sources) == [
        ("CGI(PMID:1,PMID:2)", "CGI (PMID 1, 2)"),
        ("EID9(PMID:3)", "EID9 (PMID 3)"),
        ("PEL21", "PEL21 (doi:10.1/x)"),
        ("CGI", "CGI"),  # the resource's own paper and DOI are no evidence on a change
        ("PMID:4", "PMID 4"),
    ]
