"""Clinical review 12, finding 3 (KB 2.0.6): G1202R x lorlatinib shows what it rests on, in `lookup` and beside the
call in a sample's report; and the leftover of finding 2: SEED, a press release without PMID or DOI, is cited as
"SEED, press release on KAT16" and still read back as the key SEED (its per-mutation statements listed, not votes,
since knowledge base 2.0.23)."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import g1202r_vcf, run

from alkannot.kbfiles import load_knowledge_base
from alkannot.report.cited_sources import cites_a_source
from alkannot.sourced_text import bare_key, bracketed_keys, citation

FOOTNOTE = "its footnote b on this cell was not read"
PEL21 = "patients with tumors harboring the ALK G1202R mutation have responded to lorlatinib"
RELAPSE = "many have subsequently relapsed by emergence of ALK compound' mutations"


def test_lookup_shows_both_review_level_votes_and_the_unread_footnote():
    result = run("lookup", "G1202R", "--json", text=True)
    assert result.returncode == 0, result.stderr
    (g1202r,) = json.loads(result.stdout)["results"]
    c = g1202r["calls"]["lorlatinib"]
    assert c["category"] == "sensitive" and c["evidence_kinds"] == ["review"]
    votes = {s["source"]: s["votes"] for s in c["statements"]}
    assert votes == {"LIN17T2": True, "GAI16": False, "PEL21": True}
    notes = {s["source"]: s["note"] for s in c["statements"]}
    assert FOOTNOTE in notes["LIN17T2"]
    assert PEL21 in notes["PEL21"] and RELAPSE in notes["PEL21"] and "no response rate" in notes["PEL21"]


def _g1202r_after_alectinib(tmp: Path) -> dict:
    vcf = g1202r_vcf(tmp / "g.vcf", ["A_T"])
    sheet = tmp / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nA_T\tpositive:IHC\talectinib\n")
    done = run("annotate", vcf, "--samples", sheet, "--report", tmp / "r", "-o", tmp / "r.vcf", text=True)
    assert done.returncode == 0, done.stderr
    (sample,) = json.loads((tmp / "r.json").read_text())["samples"]
    return sample | {"_doc": json.loads((tmp / "r.json").read_text()), "_html": (tmp / "r.html").read_text()}


def test_the_sample_reports_lorlatinib_note_carries_the_clinical_sentence_not_the_curators_footnote(tmp_path):
    sample = _g1202r_after_alectinib(tmp_path)
    lorlatinib = sample["inhibitors"]["lorlatinib"]
    assert lorlatinib["category"] == "sensitive" and lorlatinib["basis"] == "G1202R"
    # GAI16 is listed, not counted for the call: apart from its sources (review 19, finding 8)
    assert lorlatinib["sources"] == ["LIN17T2", "PEL21"] and lorlatinib["listed_sources"] == ["GAI16"]
    note = lorlatinib["note"]
    # the curators' note on the unread footnote: in `lookup` as written, in the report in a reader's words
    # (oncologist reading of stop 28; final reading, finding 7)
    said = "LIN17T2: review table lists G1202R as targeted; a footnote to this table entry could not be read | "
    assert said in note and FOOTNOTE not in note
    assert f"PEL21: background sentence of the NVL-655 conference abstract: '{PEL21}, {RELAPSE}" in note
    assert PEL21 in sample["_html"]


def test_seed_is_listed_as_a_press_release_and_every_bracketed_key_is_in_the_sources(tmp_path):
    """Since knowledge base 2.0.23 SEED, a press release restating KAT16's background, no longer votes (clinical
    reading of stop 41, finding 9): the G1202R sentence cites the sources that decide the alectinib call, and SEED is
    listed beside it with its reason and its press-release citation in the sources table."""
    sample = _g1202r_after_alectinib(tmp_path)
    doc = sample["_doc"]
    assert "[LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468; EID1350(PMID:25727400)]" in sample["pgp"]["note"]
    alectinib = sample["inhibitors"]["alectinib"]
    assert "SEED" not in alectinib["sources"] and alectinib["listed_sources"] == ["SEED"]
    assert "SEED: listed, not counted: a press release on KAT16" in alectinib["note"]
    texts = [json.dumps(s) for s in doc["samples"]]
    assert not [k for t in texts for k in bracketed_keys(t) if "press release" in k]
    kb = load_knowledge_base()
    keys = {k for t in texts for k in bracketed_keys(t) if cites_a_source(k, kb)}
    assert {"LIN17T2", "PEL21"} <= keys and sorted(keys - set(doc["sources"])) == []
    assert doc["sources"]["SEED"]["citation"].startswith("Press release on KAT16")


def test_citation_and_its_inverse():
    kb = load_knowledge_base()
    text = citation(kb, ["KAT16", "SEED", "LIN17T2"])
    assert text == "[KAT16, PMID 26870817; SEED, press release on KAT16; LIN17T2]"
    assert bracketed_keys(f"reduces it {text}.") == ["KAT16", "SEED", "LIN17T2"]
    assert bare_key("SEED, press release on KAT16") == "SEED"
