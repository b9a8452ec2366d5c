"""What a thoracic oncologist and a molecular pathologist found in README's example report (clinical read h1), as
the real run writes it (helpers.readme_reports: README's first command on the GRCh38 example).

1. The grid's tooltip named its sources as bare keys ('LIN18JTO', 'PEL21', 'JAIN17') where the card beside it gives
   each with its PMID or DOI ('LIN18JTO (PMID 29935304)'): a clinician hovering a cell had no identifier to find a
   source by. Every tooltip now labels a key as the card does.
2. The TSV, which has no sources table, wrote 'SAB17(PMID:28435288)' beside a bare 'LIN18JTO', 'FRI14' and 'PEL21',
   whose PMID or DOI the report holds: `inhibitor_sources` and `inhibitor_listed_sources` now give each. The VCF's
   ALK_EVIDENCE, whose header says it lists PMIDs, left out G1202R's LIN18JTO (PMID 29935304): calls.tsv's `pmids`
   named a paper's PMID on some of its rows only (LIN18JTO 4 of 5, FRI14 and KAT14 on none). The build now fills
   each statement's PMIDs from sources.tsv (knowledge base 2.0.28), so its label names them too.
8. The P-gp note's pharmacokinetic "Transport by ABCB1" list said "ceritinib: exported by P-gp (KAT16)", KAT16's
   finding in tumour cells studied for P-gp overexpression, as a transport fact: the pharmacokinetic source (KORT_CER)
   now comes first, and KAT16's words are given as a cell finding.
10. G1202R and lorlatinib is `sensitive` on review-level statements only (LIN17T2's table, PEL21's background
    sentence), yet unlike a call on preclinical data or case reports only, nothing beside it said so: it is marked
    '(reviews only)' in lookup, the TSV, the HTML and ALK_CALL_QUALIFIERS (`reviews_only`), as the others are.
9. `alkannot lookup "EGFR T790M"` said "'EGFR T790M' is not a protein change", and "ALK G1202R", as a clinician
   writes it, was refused the same way: a change named with ALK is looked up, one named with another gene is an error
   that says alkannot looks up ALK alterations only.
"""

from __future__ import annotations

import html as html_text
import json
import re
from pathlib import Path

import pytest
from helpers import readme_reports, run

from alkannot.bundle import read_tsv
from alkannot.cited_papers import RESOURCE_KEYS, cited_pmids

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    samples, tsv, html, doc = readme_reports(tmp_path_factory.mktemp("h1") / "r")
    return html_text.unescape(html), doc, tsv


def _tooltips(page: str) -> dict[str, str]:
    """'P1_T / brigatinib' -> the grid cell's tooltip."""
    return {m.group(1): m.group(0) for m in re.finditer(r"<title>(P\d_T / [^:]+):[^<]*</title>", page)}


def test_grid_tooltip_gives_each_source_with_its_identifier_as_the_card_does(example):
    page, _, _ = example
    tips = _tooltips(page)
    brigatinib = tips["P1_T / brigatinib"]
    assert "sources: LIN18JTO (PMID 29935304), PEL21 (doi:10.1158/1538-7445.AM2021-1468)" in brigatinib, brigatinib
    assert "also listed, not counted: LIN17T2, JAIN17 (doi:10.2147/LCTT.S126507)" in brigatinib, brigatinib
    # a CIViC item on the paper of a named source is said beside it, as on the card
    assert "FRI14 (PMID 24675041; CIViC EID1345)" in tips["P1_T / ceritinib"]
    # the card's sources cell says the same words, linked to the sources list
    assert '<a href="#src-LIN18JTO">LIN18JTO (PMID 29935304)</a>' in page


def test_no_tooltip_names_a_source_without_the_identifier_the_report_holds(example):
    """Every key a tooltip names whose entry in the report's sources table has a PMID or DOI is followed by it; a
    curated resource's own key ('CGI': a row naming no paper) is not, as on the card: its identifiers are the
    resource's paper, no evidence on the change (plain_words.RESOURCE_KEYS)."""
    page, doc, _ = example
    identified = {
        k
        for k, v in doc["sources"].items()
        if (v.get("pmid") or v.get("doi")) and "(" not in k and k not in RESOURCE_KEYS
    }
    checked = 0
    for tip in _tooltips(page).values():
        for part in re.findall(r"(?:sources|not counted): ([^;]*)", tip):
            for key in identified:
                for m in re.finditer(rf"(?<![\w(]){re.escape(key)}(?![\w(])", part):
                    assert part[m.end() : m.end() + 2] == " (", (key, tip)
                    checked += 1
    assert checked > 20  # the example's cells name many identified sources


def test_tsv_sources_carry_the_identifiers_the_report_holds(example):
    """Finding 2: the TSV has no sources table, and its `inhibitor_sources` gave 'SAB17(PMID:28435288)' beside a bare
    'LIN18JTO' and 'PEL21', whose PMID and DOI the report holds: every key is now written with them, a curated
    resource's own key ('CGI') and the sample sheet aside."""
    _, doc, rows = example
    p1 = rows["P1_T"]["inhibitor_sources"].split(";")
    assert "LIN18JTO(PMID:29935304)" in p1 and "PEL21(doi:10.1158/1538-7445.AM2021-1468)" in p1, p1
    assert "FRI14(PMID:24675041)" in p1 and "SAB17(PMID:28435288)" in p1 and "LIN18JTO" not in p1
    listed = rows["P1_T"]["inhibitor_listed_sources"].split(";")
    assert "brigatinib: LIN17T2, JAIN17(doi:10.2147/LCTT.S126507)" in listed, listed
    assert rows["P3_T"]["inhibitor_sources"].split(";")[-1] == "sample_sheet"
    for row in rows.values():  # no key the report identifies stands bare
        for key in row["inhibitor_sources"].split(";") + [
            k
            for entry in row["inhibitor_listed_sources"].split(";")
            if entry
            for k in entry.split(": ", 1)[1].split(", ")
        ]:
            entry = doc["sources"].get(key) or {}
            bare = "(" not in key and key not in RESOURCE_KEYS
            assert not (bare and (entry.get("pmid") or entry.get("doi"))), (row["sample"], key)


@pytest.mark.parametrize("query", ["EGFR T790M", "KRAS:G12C", "BRAF V600E"])
def test_lookup_of_another_gene_says_alkannot_looks_up_alk_only(query):
    result = run("lookup", query, text=True)
    assert result.returncode == 3 and result.stdout == "", result.stdout
    gene = query.split(":")[0].split()[0]
    assert f"{query!r} names {gene}: alkannot looks up ALK alterations only" in result.stderr, result.stderr
    assert "is not a protein change" not in result.stderr


@pytest.mark.parametrize(
    ("query", "same_as"),
    [("ALK G1202R", "G1202R"), ("ALK:p.Gly1202Arg", "G1202R"), ("alk G1202R+L1196M", "G1202R+L1196M")],
)
def test_lookup_of_an_alk_change_named_with_its_gene(query, same_as):
    named, bare = run("lookup", "--json", query, text=True), run("lookup", "--json", same_as, text=True)
    assert named.returncode == bare.returncode == 0, named.stderr
    calls = [json.loads(r.stdout)["results"][0]["calls"] for r in (named, bare)]
    assert calls[0] == calls[1]


@pytest.mark.parametrize("query", ["G1202R and L1196M", "Gly1202Arg and Leu1196Met", "c.3604G>A"])
def test_a_change_that_starts_like_a_word_is_not_read_as_a_gene(query):
    result = run("lookup", query, text=True)
    assert result.returncode == 0, result.stderr


def test_alk_evidence_gives_every_papers_pmid(tmp_path):
    """README's annotate command on the GRCh38 example: G1202R's ALK_EVIDENCE holds LIN18JTO's PMID and FRI14's
    beside their keys, and not CGI's own paper's (a curated resource's PMID is no evidence on the change)."""
    out = tmp_path / "x.vcf"
    done = run("annotate", "example_vcfs/GRCh38/tumor_normal.vcf", "-o", out, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    header = [line for line in out.read_text().splitlines() if line.startswith("##INFO=<ID=ALK_EVIDENCE,")]
    assert header and "PMID" in header[0]
    info = {}
    for line in out.read_text().splitlines():
        if not line.startswith("#"):
            fields = dict(f.split("=", 1) for f in line.split("\t")[7].split(";") if "=" in f)
            info[fields.get("ALK_HGVSP")] = fields.get("ALK_EVIDENCE", "").split("&")
    g1202r = info["p.G1202R"]
    assert "LIN18JTO" in g1202r and "PMID:29935304" in g1202r, g1202r
    assert g1202r.index("PMID:24675041") == g1202r.index("FRI14") + 1  # each paper's PMID beside its key
    assert "PMID:29592813" not in g1202r  # CGI's own paper
    pmid_of = {r["key"]: r["pmid"] for r in read_tsv("kb", "sources.tsv")}
    for evidence in info.values():  # every record: each paper's PMID is listed with it
        for key in evidence:
            if key in pmid_of and key not in RESOURCE_KEYS and pmid_of[key]:
                assert f"PMID:{pmid_of[key]}" in evidence, (key, evidence)


def test_a_statement_label_names_its_papers_pmid_in_lookup():
    calls = json.loads(run("lookup", "--json", "G1202R", text=True).stdout)["results"][0]["calls"]
    labels = [s["source"] for s in calls["brigatinib"]["statements"]]
    assert "LIN18JTO(PMID:29935304)" in labels and "LIN18JTO" not in labels
    assert "FRI14(PMID:24675041)" in calls["ceritinib"]["sources"]


def test_cited_pmids_keep_a_rows_own_first_each_once_and_skip_a_resources_paper():
    pmid_of = {"LIN18JTO": "29935304", "CGI": "29592813", "CIVIC": "", "LIN17T2": "", "X": "1"}
    assert cited_pmids((), ("LIN18JTO",), pmid_of) == ("29935304",)
    assert cited_pmids(("29935304",), ("LIN18JTO",), pmid_of) == ("29935304",)  # once
    assert cited_pmids(("2", "1"), ("X",), pmid_of) == ("2", "1")  # the row's own first, in its order
    assert cited_pmids(("22277784",), ("CGI",), pmid_of) == ("22277784",)  # CGI's paper is not added
    assert cited_pmids((), ("LIN17T2",), pmid_of) == ()


def test_the_transport_list_gives_kat16_as_a_cell_finding_after_the_pharmacokinetic_source(example):
    _, doc, _ = example
    (p4,) = [s for s in doc["samples"] if s["sample"] == "P4_T"]
    note = p4["pgp"]["note"]
    transport = note[note.index("Transport by ABCB1 (P-gp) itself, a different, pharmacokinetic question") :]
    ceritinib = transport[transport.index("ceritinib: ") :].split("]", 1)[0] + "]"
    assert ceritinib.startswith("ceritinib: very efficiently transported by human ABCB1 in vitro; brain ")
    assert "(KORT_CER, Schinkel group)" in ceritinib
    assert (
        "KAT16, a study of P-gp overexpression as a ceritinib-resistance mechanism in tumour cells, reports that "
        "'P-gp exported ceritinib': a cell finding, not a pharmacokinetic measurement [KORT_CER; KAT16" in ceritinib
    )
    assert "exported by P-gp (KAT16)" not in note
    assert {"KORT_CER", "KAT16"} <= set(p4["pgp"]["sources"])


def test_a_call_on_reviews_only_is_marked_in_lookup():
    text = run("lookup", "G1202R", text=True).stdout
    rows: dict[str, str] = {}
    for line in text.splitlines():  # the calls table first (the statements' tables follow)
        if line.strip() and not line.startswith("#"):
            rows.setdefault(line.split()[0], line)
    assert "sensitive (reviews only)" in rows["lorlatinib"]
    assert "(reviews only)" not in rows["ceritinib"]  # preclinical and review statements decide it
    assert "# (reviews only) = every statement that decided the call is review-level" in text
    calls = json.loads(run("lookup", "--json", "G1202R", text=True).stdout)["results"][0]["calls"]
    assert calls["lorlatinib"]["reviews_only"] is True and calls["lorlatinib"]["evidence_kinds"] == ["review"]
    assert not any(c["reviews_only"] for name, c in calls.items() if name != "lorlatinib")
    # a review's in-vitro listing alone is 'preclinical only', which says more; never both
    i1171t = json.loads(run("lookup", "--json", "I1171T", text=True).stdout)["results"][0]["calls"]["brigatinib"]
    assert i1171t["preclinical_only"] is True and i1171t["reviews_only"] is False


def test_a_call_on_reviews_only_is_marked_in_the_report_and_the_vcf(example, tmp_path):
    page, doc, tsv = example
    (p1,) = [s for s in doc["samples"] if s["sample"] == "P1_T"]
    lorlatinib = p1["inhibitors"]["lorlatinib"]
    assert (lorlatinib["category"], lorlatinib["reviews_only"], lorlatinib["basis"]) == ("sensitive", True, "G1202R")
    assert tsv["P1_T"]["lorlatinib"] == "sensitive (reviews only)"
    tip = _tooltips(page)["P1_T / lorlatinib"]
    assert tip.startswith("<title>P1_T / lorlatinib: sensitive; basis: G1202R;") and "; reviews only" in tip, tip
    out = tmp_path / "x.vcf"
    assert run("annotate", "example_vcfs/GRCh38/tumor_normal.vcf", "-o", out, cwd=ROOT).returncode == 0
    text = out.read_text()
    g1202r = next(line for line in text.splitlines() if "ALK_HGVSP=p.G1202R" in line)
    assert "ALK_CALL_QUALIFIERS=lorlatinib:reviews_only;" in g1202r
    assert "reviews_only (every statement that decided the call is review-level" in text
