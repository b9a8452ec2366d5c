"""Review 17, finding 12: the notes as an oncologist reads them. A long bracket of sources keeps its named sources
and counts its CIViC evidence items, every item still listed with the sources (the call's JSON `sources` or
`note_sources`, the JSON `sources` table, the HTML's linked source list); a short bracket is unchanged; a compound's
parts cite as every other note does ('PEL21, doi:...'); no note says 'not carried over'. Through the
installed entry point on the bundled example, and `sourced_text.citation` itself, the one formatter."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from helpers import readme_example

from alkannot.kbfiles import load_knowledge_base
from alkannot.sourced_text import citation

EX = Path(__file__).parent.parent / "example_vcfs"
P4_CRIZOTINIB_ITEMS = (
    "EID262(PMID:20979473)",
    "EID1187(PMID:20979469)",
    "EID1198(PMID:23724913)",
    "EID1199(PMID:25470694)",
    "EID1200(PMID:24478318)",
    "EID1201(PMID:27022118)",
    "EID1207(PMID:20979469)",
    "EID1419(PMID:21933749)",
    "EID1577(PMID:26466010)",
    "EID1691(PMID:25922291)",
    "EID4858(PMID:28586279)",
)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("citation_lists")
    result = readme_example(out / "r")
    assert result.returncode == 0, result.stderr
    doc = json.loads((out / "r.json").read_text())
    with open(out / "r.tsv", newline="") as handle:
        tsv = {row["sample"]: row for row in csv.DictReader(handle, delimiter="\t")}
    return doc, tsv, (out / "r.html").read_text()


def _calls(doc: dict, sample: str) -> dict:
    return next(s for s in doc["samples"] if s["sample"] == sample)["inhibitors"]


def test_a_long_list_keeps_its_named_sources_and_counts_its_civic_items(example):
    doc, _, _ = example
    crizotinib = _calls(doc, "P4_T")["crizotinib"]
    assert crizotinib["note"].startswith(
        "the patient progressed on crizotinib (sample sheet): resistant in this patient; the genotype-based call alone "
        "would be sensitive (ALK fusion; no ALK resistance mutation) [KAZ14, PMID 25170012; KWAK10, PMID 20979469; "
        "11 CIViC evidence items, listed in the sources]; no source about v1 itself"
    )
    assert "EID1187" not in crizotinib["note"].split("]")[0]
    # every item the bracket counts is named with the call (not cited for the resistant call, which rests on the
    # sample sheet), in the report's sources table and in the HTML's linked source list
    assert crizotinib["sources"] == ["sample_sheet"]
    # each statement by its label, the PMID of its paper with it (knowledge base 2.0.28: clinical read h1, finding 2)
    assert crizotinib["note_sources"] == ["KAZ14(PMID:25170012)", "KWAK10(PMID:20979469)", *P4_CRIZOTINIB_ITEMS]


def test_every_key_a_note_names_is_in_the_json_sources_and_the_html_list(example):
    doc, _, html = example
    counted = 0
    for s in doc["samples"]:
        for name, call in s["inhibitors"].items():
            for bracket in re.findall(r"\[([^\[\]]+)\]", call["note"]):
                match = re.search(r"(\d+) CIViC evidence items, listed in the sources", bracket)
                if not match:
                    continue
                counted += 1
                named = call["sources"] + call["note_sources"]
                items = [k for k in named if re.fullmatch(r"EID\d+(\(.*\))?", k)]
                assert int(match.group(1)) == len(items), (s["sample"], name)
                for key in items:
                    assert key in doc["sources"], key
                    assert f'id="src-{quote(key, safe="")}"' in html, key
    assert counted == 4  # P4_T and P5_T: crizotinib (11 items) and alectinib (8)


def test_a_short_list_is_unchanged(example):
    doc, _, _ = example
    brigatinib = _calls(doc, "P4_T")["brigatinib"]
    assert (
        "is sensitive [KIM17, PMID 28475456; CAM18, PMID 30280657; EID4835(PMID:28475456); EID11121(PMID:32780660)], "
        "which is not used for this patient, because whatever caused the progression may also make this drug less effective; "
    ) in brigatinib["note"]
    assert brigatinib["note_sources"] == [
        "KIM17(PMID:28475456)",
        "CAM18(PMID:30280657)",
        "EID4835(PMID:28475456)",
        "EID11121(PMID:32780660)",
    ]


def test_a_compounds_parts_cite_as_every_other_note_does(example):
    doc, _, _ = example
    alectinib = _calls(doc, "P3_T")["alectinib"]
    # SEED, a press release, is listed, not counted, since knowledge base 2.0.23 (clinical reading of stop 41,
    # finding 9): not among the parts' deciding sources, its reason said after them
    assert (
        "inferred, least favourable single-mutation call (L1196M sensitive [LIN17T2; EID141(PMID:21575866)]; G1202R "
        "resistant [LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468; EID1350(PMID:25727400)])"
    ) in alectinib["note"]
    assert "not counted, as for G1202R alone: SEED: listed, not counted: a press release on KAT16" in alectinib["note"]
    notes = [c["note"] for s in doc["samples"] for c in s["inhibitors"].values()]
    assert not any(re.search(r"\bSEED[;\]]", n) for n in notes)


def test_no_note_says_not_carried_over(example):
    doc, tsv, html = example
    texts = [c["note"] for s in doc["samples"] for c in s["inhibitors"].values()]
    texts += [s["pgp"]["note"] for s in doc["samples"]] + [n for s in doc["samples"] for n in s["notes"]]
    assert not any("carried over" in t for t in texts)
    assert "carried over" not in html and not any("carried over" in "\t".join(r.values()) for r in tsv.values())
    # the reason is said where the cell does not say it already (P7_T: 'and whatever explains it may also make
    # this drug less effective' comes first)
    assert "which is therefore not used for this patient" in _calls(doc, "P7_T")["alectinib"]["note"]


def test_the_formatter_counts_civic_items_only_in_a_long_list():
    kb = load_knowledge_base()
    items = [f"EID{n}" for n in (262, 1187, 1198, 1199)]
    assert citation(kb, ["KAZ14", "KWAK10", "CGI", *items]) == (
        "[KAZ14, PMID 25170012; KWAK10, PMID 20979469; CGI, PMID 29592813; 4 CIViC evidence items, listed in the "
        "sources]"
    )
    # six entries, or no more than three items: each one said
    assert citation(kb, ["KAZ14", "KWAK10", *items]) == (
        "[KAZ14, PMID 25170012; KWAK10, PMID 20979469; EID262; EID1187; EID1198; EID1199]"
    )
    assert citation(kb, ["KAZ14", "KWAK10", "CGI", "SEED", *items[:3]]) == (
        "[KAZ14, PMID 25170012; KWAK10, PMID 20979469; CGI, PMID 29592813; SEED, press release on KAT16; EID262; "
        "EID1187; EID1198]"
    )
