"""Clinical review 12 (KB 2.0.5), findings 2, 4, 5, 6 and 8, through the installed CLI; and RULES.md section 8's
untried-drug bullet (finding 1)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from helpers import run

from alkannot.kbfiles import load_knowledge_base
from alkannot.sourced_text import citation

KB = Path(__file__).resolve().parent.parent / "resources" / "kb"


def lookup(*alterations: str) -> dict:
    result = run("lookup", *alterations, "--json", text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def call(doc: dict, alteration: str, inhibitor: str) -> dict:
    return next(r for r in doc["results"] if r["alteration"] == alteration)["calls"][inhibitor]


def test_compound_crizotinib_rests_on_the_case_not_on_l1198f_alone():
    c = call(lookup("C1156Y+L1198F"), "C1156Y+L1198F", "crizotinib")
    votes = {s["source"]: s["votes"] for s in c["statements"]}
    assert c["category"] == "sensitive"
    assert votes == {"LIN17T2": False, "CGI(PMID:26698910)": False, "EID844(PMID:26698910)": True}
    listed = [s for s in c["statements"] if not s["votes"]]
    # in the report's words (review of the example report, point 5): no RULES.md section number
    assert all(s["note"].startswith("listed, not counted") and "RULES.md" not in s["note"] for s in listed)


def test_in_silico_only_statement_does_not_vote():
    doc = lookup("L1256F")
    alectinib, lorlatinib = call(doc, "L1256F", "alectinib"), call(doc, "L1256F", "lorlatinib")
    assert alectinib["category"] == "unknown"
    (oka,) = alectinib["statements"]
    assert oka["source"] == "OKA19" and oka["votes"] is False
    assert oka["note"].startswith("in silico only, listed, not counted")
    assert lorlatinib["category"] == "resistant"  # the abstract's own lorlatinib-resistance finding still votes


def test_brigatinib_in_vitro_listing_shown_beside_the_clinical_series():
    doc = lookup("I1171S", "I1171T", "V1180L", "I1171N")
    for alteration in ("I1171S", "I1171T", "V1180L"):
        c = call(doc, alteration, "brigatinib")
        assert c["category"] == "sensitive"
        sab = next(s for s in c["statements"] if s["source"].startswith("SAB17"))
        assert sab["note"].startswith("in vitro only (review listing)")
        assert "1 confirmed partial response" in sab["note"] and "LIN18JTO" in sab["note"]
    i1171n = call(doc, "I1171N", "brigatinib")
    assert i1171n["category"] == "unknown"
    assert "SAB17) names I1171S/T only" in i1171n["statements"][0]["note"]


def test_brigatinib_us_approval_cites_a_regulatory_source_only():
    result = run("kb", "show", "inhibitors", text=True)
    assert result.returncode == 0, result.stderr
    with open(KB / "inhibitors.tsv", encoding="utf-8") as handle:
        brigatinib = next(r for r in csv.DictReader(handle, delimiter="\t") if r["inhibitor"] == "brigatinib")
    assert brigatinib["approval_us_sources"] == "REG" and "LI18BRIG" not in brigatinib["approval_us"]
    assert "REG" in load_knowledge_base().inhibitor("brigatinib").approval_sources
    row = next(line for line in result.stdout.splitlines() if line.startswith("brigatinib\t"))
    assert "FDA-approved (first approval date not retrieved; the 1L indication is dated 2020-05-22) [REG]" in row


def test_new_identifiers_and_seed_citation_through_lookup():
    sources = lookup("L1196M", "G1202R", "C1156Y+L1198F")["sources"]
    assert sources["CGI"]["pmid"] == "29592813" and sources["CGI"]["doi"] == "10.1186/s13073-018-0531-8"
    assert sources["SEED"]["citation"].startswith("Press release on KAT16 (")
    assert "PMID 26870817" in sources["SEED"]["citation"]
    assert "aacrjournals.org" in sources["LIN17T2"]["citation"] and sources["LIN17T2"]["pmid"] is None


def test_every_voting_source_key_with_an_identifier_renders_it():
    kb = load_knowledge_base()
    with open(KB / "calls.tsv", encoding="utf-8") as handle:
        voting = {r["sources"] for r in csv.DictReader(handle, delimiter="\t") if r["category"] != "unknown"}
    checked = 0
    for key in sorted(k for k in voting if k != "CIVIC"):
        source = kb.source(key)
        rendered = citation(kb, [key])
        if source.pmid:
            assert rendered == f"[{key}, PMID {source.pmid}]", key
            checked += 1
        elif source.doi:
            assert rendered == f"[{key}, doi:{source.doi}]", key
            checked += 1
    assert checked >= 10  # CGI and MOA among them since 2.0.5
    assert (
        citation(kb, ["CGI"]) == "[CGI, PMID 29592813]"
        and citation(kb, ["MOA"]) == "[MOA, doi:10.1038/s43018-021-00243-3]"
    )


def test_rules_text():
    rules = (KB / "RULES.md").read_text()
    assert "After progression that no ALK change found explains (mechanism not `on_target`" in rules
    assert "(clinical review 12, finding 1). Resistant and intermediate calls stand." in rules
    # the fusion-only case and the mutation case in one place (stop 25 note, wrong depth)
    assert "- Both cases are decided, and the cell built, in one place (`alkannot/untried.py`)" in rules
    assert rules.index("After progression that no ALK change found explains") > rules.index(
        "After progression on an ALK inhibitor with no ALK mutation found"
    )
    assert "**In silico statements:**" in rules
