"""Stop 53 (helper kb53, knowledge base 2.0.48; tools/kb_curation/reading_stop53_sources.md): the source items left
open at stop 52. OU21's, SOL18's and MIZ21's DOIs now rest on two independent records each (no new value entered);
OU21 carries its volume and names its PMID as seen once, not used; SOL18 and COSTA15 carry the paper's title where the
row had a shortened title or a label, COSTA15 saying its title rests on one record; LIN17T2 and KORT_CER are still
without identifiers; neladalkib gets no per-mutation statement (nothing readable); PROVENANCE.md has its 2.0.46 entry
and the 2.0.48 one."""

from __future__ import annotations

import csv
from pathlib import Path

from helpers import shown_sources, where_read

ROOT = Path(__file__).parent.parent
KB = ROOT / "resources" / "kb"
CURATION = ROOT / "tools" / "kb_curation"
READING = CURATION / "reading_stop53_sources.md"


def test_dois_on_a_second_record_keep_their_value_and_say_where():
    rows, where = shown_sources(), where_read()
    assert (rows["OU21"]["pmid"], rows["OU21"]["doi"]) == ("-", "10.1016/j.tranon.2021.101191")
    assert "Transl Oncol 2021;14(11):101191" in rows["OU21"]["citation"]
    assert "PMID, 34365220, seen only as that copy's address, so not used" in rows["OU21"]["citation"]
    assert "47.251.13.51:8081/34365220" in where["OU21"] and "alkpositive.org" in where["OU21"]
    assert (rows["SOL18"]["pmid"], rows["SOL18"]["doi"]) == ("30413378", "10.1016/S1470-2045(18)30649-1")
    assert "alkpositive.org/research-news/2021/12/23/" in where["SOL18"]
    assert rows["MIZ21"]["doi"] == "10.1038/s41467-021-21396-w" and rows["MIZ21"]["pmid"] == "-"
    assert "peeref.com/works/21878508" in where["MIZ21"]
    reading = READING.read_text(encoding="utf-8")
    for key in ("OU21", "SOL18", "MIZ21", "COSTA15"):
        assert "stop 53" in where[key] and "reading_stop53_sources.md" in where[key], key
        assert f"| {key} |" in reading or f"### {key}" in reading, key


def test_titles_replace_a_shortened_title_and_a_label():
    rows = shown_sources()
    sol = rows["SOL18"]["citation"]
    assert "Lorlatinib in patients with ALK-positive non-small-cell lung cancer: results from a global phase 2" in sol
    costa = rows["COSTA15"]["citation"]
    assert costa.startswith("Costa DB, Shaw AT, Ou SH, et al. Clinical experience with crizotinib in patients with ")
    assert "no second record of the title was found" in costa
    assert rows["COSTA15"]["pmid"] == "25624436" and rows["COSTA15"]["doi"] == "-"
    # the report's reference list prints the new titles (the P-gp / lorlatinib sentences cite SOL18)
    golden = (ROOT / "tests" / "golden" / "example_GRCh38.json").read_text(encoding="utf-8")
    assert "ALK-positive NSCLC: results from a global phase 2" not in golden
    assert "ALK-positive non-small-cell lung cancer: results from a global phase 2" in golden


def test_lin17t2_and_kort_cer_still_without_identifiers():
    rows = shown_sources()
    for key in ("LIN17T2", "KORT_CER"):
        assert rows[key]["pmid"] == "-" and rows[key]["doi"] == "-", key
    reading = READING.read_text(encoding="utf-8")
    assert "### LIN17T2 (90 calls): DOI still on one record, no PMID" in reading
    assert "### KORT_CER: journal, year and identifiers still not found" in reading


def test_neladalkib_gets_no_per_mutation_statement():
    calls = list(csv.DictReader(open(KB / "calls.tsv", encoding="utf-8"), delimiter="\t"))
    assert not [c for c in calls if c["inhibitor"] == "neladalkib"]
    reading = READING.read_text(encoding="utf-8")
    assert "## 3. Neladalkib (NVL-655): no per-mutation statement readable, none added" in reading


def test_provenance_has_the_2_0_46_and_2_0_48_entries_in_order():
    provenance = (KB / "PROVENANCE.md").read_text(encoding="utf-8")
    changes = provenance[provenance.index("## Changes") :]
    positions = [changes.index(f"- 2.0.{n} (2026-12-05)") for n in (48, 47, 46, 45)]
    assert positions == sorted(positions)
    assert "17f658d" in changes and "reconstructed" in changes
    version = dict(line.split("\t", 1) for line in (KB / "VERSION").read_text(encoding="utf-8").splitlines())
    # 2.0.48 or a later knowledge base (2.0.49: tools/kb_curation/reading_stop53b_calls.md)
    assert tuple(int(n) for n in version["version"].split(".")) >= (2, 0, 48) and version["date"] == "2026-12-05"
