"""Iruplinalkib (WX-0593) and envonalkib, ALK inhibitors approved in China, are in the knowledge base with their
sources (review 9, clinical finding 9): a sample sheet naming them was exit 3. No mutation-level statement was found
for either, so their calls are `unknown`; nothing on P-gp was found, so the P-gp note says it is not known; TQ-B3139,
which no source read ties to envonalkib, is never matched, and the error names the inhibitor it may be."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import g1202r_vcf, run

from alkannot.bundle import read_tsv
from alkannot.kbfiles import load_knowledge_base

NEW = ("iruplinalkib", "envonalkib")
NEW_SOURCES = (
    "SHI23INT",
    "MUN24",
    "ASCOPOST23",
    "CN25GUIDE",
    "CHEMLINKED24",
    "ZHAO26",
    "FRONT25",
    "BMC24NMA",
    "COCH22",
)


def _rows(name: str) -> list[dict]:
    return list(read_tsv("kb", name))


def test_every_fact_of_the_new_rows_names_sources_the_source_table_holds():
    sources = {r["key"]: r for r in _rows("sources.tsv")}
    rows = {r["inhibitor"]: r for r in _rows("inhibitors.tsv") if r["inhibitor"] in NEW}
    assert set(rows) == set(NEW)
    for name, row in rows.items():
        for column, value in row.items():
            if column.endswith("_sources"):
                assert all(k in sources for k in value.split(";") if k), (name, column)
        cited = set(re.findall(r"\b(?!NCT)[A-Z][A-Z0-9_]{3,}\d\d[A-Z]*\b", row["notes"]))  # SHI23INT, CN25GUIDE, ...
        assert cited and cited <= set(sources), (name, cited - set(sources))
        assert row["abcb1_transport"] == row["pgp_confers_resistance"] == "unknown"  # nothing found
        assert not row["abcb1_transport_sources"] and not row["pgp_confers_resistance_sources"]
        assert "(approved in China" in row["agent_class"]
    assert {"SHI23INT", "MUN24", "CN25GUIDE", "ZHAO26"} <= set(re.findall(r"[A-Z0-9]+", rows["iruplinalkib"]["notes"]))
    assert "single source" in rows["envonalkib"]["notes"]  # its approval: ZHAO26 only
    assert rows["iruplinalkib"]["names"] == "WX-0593" and rows["envonalkib"]["names"] == ""
    for key in NEW_SOURCES:  # each new source: a PMID or DOI, or says it has none
        s = sources[key]
        assert s["pmid"] or s["doi"] or "no DOI or PMID" in s["citation"], key
    assert sources["CN25GUIDE"]["pmid"] == "40268545" and sources["SHI23INT"]["doi"] == "10.1186/s12916-023-02738-5"


def test_no_mutation_level_call_on_the_new_inhibitors():
    kb = load_knowledge_base()
    # since 2.0.7 fusion-level statements only (review 13, finding 10): no mutation-level statement was found
    assert {s.alteration for s in kb.statements if s.inhibitor in NEW} == {"ALK fusion"}
    assert kb.inhibitor_for_name("wx-0593") == "iruplinalkib" and kb.inhibitor_for_name("TQ-B3139") is None


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("china")
    samples = ["A_T", "B_T", "C_T", "D_T", "E_T"]
    vcf = g1202r_vcf(tmp / "g.vcf", samples)
    sheet = tmp / "sheet.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\n"
        "A_T\tpositive:IHC\tcrizotinib;iruplinalkib\n"
        "B_T\tpositive:IHC\tWX-0593\n"
        "C_T\tpositive:IHC\tEnvonalkib\n"
        "D_T\tpositive:IHC\twx0593;ENVONALKIB\n"
        "E_T\tpositive:IHC\tcrizotinib;ensartinib\n"
    )
    done = run("annotate", vcf, "--samples", sheet, "--report", tmp / "r", "-o", tmp / "r.vcf", text=True)
    assert done.returncode == 0, done.stderr
    doc = json.loads((tmp / "r.json").read_text())
    vcf_text = (tmp / "r.vcf").read_text()
    tsv = (tmp / "r.tsv").read_text().splitlines()
    html = (tmp / "r.html").read_text()
    return {"doc": doc, "vcf": vcf_text, "tsv": tsv, "html": html, "samples": {s["sample"]: s for s in doc["samples"]}}


def test_a_sheet_naming_them_runs_and_the_histories_are_read(report):
    got = {name: s["progressed_on"] for name, s in report["samples"].items()}
    assert got == {
        "A_T": ["crizotinib", "iruplinalkib"],
        "B_T": ["iruplinalkib"],
        "C_T": ["envonalkib"],
        "D_T": ["iruplinalkib", "envonalkib"],
        "E_T": ["crizotinib", "ensartinib"],
    }


def test_info_keys_and_report_columns_follow_the_inhibitor_table(report):
    assert "##INFO=<ID=ALK_IRUPLINALKIB,Number=A" in report["vcf"]
    assert "##INFO=<ID=ALK_ENVONALKIB,Number=A" in report["vcf"]
    record = next(line for line in report["vcf"].splitlines() if line.startswith("chr2\t29220747"))
    assert "ALK_IRUPLINALKIB=unknown;ALK_ENVONALKIB=unknown" in record
    header = report["tsv"][0].split("\t")
    assert header.index("envonalkib") == header.index("iruplinalkib") + 1 == header.index("tpx0131") + 2
    cells = {line.split("\t")[0]: dict(zip(header, line.split("\t"))) for line in report["tsv"][1:]}
    # the genotype says nothing ('unknown'); a progression on the drug makes it resistant in this patient
    assert [cells[s]["iruplinalkib"] for s in ("A_T", "B_T", "C_T", "D_T", "E_T")] == [
        "resistant",
        "resistant",
        "unknown",
        "resistant",
        "unknown",
    ]
    assert [cells[s]["envonalkib"] for s in ("A_T", "C_T", "E_T")] == ["unknown", "resistant", "unknown"]


def test_the_html_cards_have_their_rows(report):
    assert "iruplinalkib: resistant; basis: G1202R; sources: sample sheet" in report["html"]
    assert "envonalkib: resistant; basis: G1202R; sources: sample sheet" in report["html"]
    assert "iruplinalkib: unknown; basis: G1202R; sources: none" in report["html"]  # C_T, E_T: the genotype alone


def test_the_note_after_progression_on_them_says_what_is_not_known(report):
    for sample, drug in (
        ("A_T", "iruplinalkib"),
        ("B_T", "iruplinalkib"),
        ("C_T", "envonalkib"),
        ("D_T", "envonalkib"),
    ):
        s = report["samples"][sample]
        assert s["pgp_check"] == "recommended" and s["pgp"]["context"] == "after_possibly_affected"
        note = s["pgp"]["note"]
        assert note.startswith(
            f"Recommended: progressed most recently on {drug}; G1202R, which has no genotype-based {drug} call in the knowledge base, "
            "is present: whether it explains this progression is not known."
        )
        assert (
            f"Whether P-gp overexpression affects {drug} is not known (no source in the knowledge base): the check is "
            "suggested because nothing found is shown to explain the progression, not because a source shows P-gp acting on it."
        ) in note
        assert "no data for neladalkib, gilteritinib, TPX-0131, iruplinalkib and envonalkib" in note
        assert "38.7%" not in note  # SOL18's 'two or more ALK inhibitors' did not study patients after these
        call = s["inhibitors"][drug]
        assert call["category"] == "resistant" and call["sources"] == ["sample_sheet"]
        assert "the genotype-based call alone would be unknown (G1202R)" in call["note"]
        assert any(f"the knowledge base has no genotype-based {drug} call for it" in n for n in s["notes"])
    assert (
        "38.7% after two or three ALK inhibitors" in report["samples"]["E_T"]["pgp"]["note"]
    )  # the control: ensartinib, no G1202R call


def test_lookup_and_kb_show_list_them():
    done = run("lookup", "G1202R", text=True)
    assert done.returncode == 0, done.stderr
    rows = {
        line.split()[0]: line.split()[1]
        for line in done.stdout.splitlines()
        if line.split()[:1] in (["iruplinalkib"], ["envonalkib"])
    }
    assert rows == {"iruplinalkib": "unknown", "envonalkib": "unknown"}
    shown = run("lookup", "G1202R", "--json", text=True)
    calls = json.loads(shown.stdout)["results"][0]
    assert calls["calls"]["iruplinalkib"]["category"] == calls["calls"]["envonalkib"]["category"] == "unknown"
    listed = run("kb", "show", "inhibitors", text=True).stdout.splitlines()
    names = {line.split("\t")[0]: line.split("\t")[1] for line in listed[2:]}
    assert names["iruplinalkib"] == "WX-0593" and names["envonalkib"] == "-"


def test_tq_b3139_is_not_matched_and_the_error_names_envonalkib(tmp_path):
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nA_T\tpositive:IHC\tcrizotinib;tq-b3139\n")
    vcf = g1202r_vcf(tmp_path / "g.vcf", ["A_T"])
    done = run("annotate", vcf, "--samples", sheet, "-o", tmp_path / "o.vcf", text=True)
    assert done.returncode == 3 and "Traceback" not in done.stderr
    assert done.stderr == (
        f"alkannot: error: {sheet}:2: progressed_on: 'tq-b3139' is not a name the knowledge base matches: its "
        "inhibitor table lists it as a possible code of envonalkib that no source read confirms ('alkannot kb show "
        "inhibitors', notes); write envonalkib if that is the drug\n"
    )
    assert not Path(tmp_path / "o.vcf").exists()
