"""The neladalkib and TPX-0131 cells of a compound carrying G1202R or I1171N/S/T name the agents' sourced design intent
(clinical review hN, finding 5): shared/kb/guidance.md section 5 says the 4th-generation 'double-mutant-active' agents
were designed for compound mutations and are in trials [OU21, PEL21], and the cells said only 'no mutation-level data'
after lorlatinib (L1196M+G1202R; I1171N+L1198F). The call stays `unknown`; the words are design intent, not activity.
Also for a compound with an entry that says nothing of the agent (I1171N+F1174I), as for an untested one."""

from __future__ import annotations

import json

import pytest
from helpers import run

from alkannot.alterations import parse_alteration
from alkannot.kbfiles import load_knowledge_base

KB = load_knowledge_base()
NELADALKIB = (
    "a statement about compound ALK mutations as a group, not a call on this mutation: neladalkib (NVL-655) is a "
    "4th-generation 'double mutant active' ALK TKI, designed for ALK compound mutations and in clinical trials as of 2021 (OU21, PEL21); its current status is not in these "
    "sources; this is its design intent, not activity shown on a given mutation "
    "[OU21, doi:10.1016/j.tranon.2021.101191; PEL21, doi:10.1158/1538-7445.AM2021-1468]"
)
TPX0131 = (
    "a statement about compound ALK mutations as a group, not a call on this mutation: TPX-0131 is a 4th-generation "
    "'double mutant active' ALK TKI, designed for ALK compound mutations and in clinical trials as of 2021 (OU21); its current status was not retrieved; this is its design "
    "intent, not activity shown on a given mutation "
    "[OU21, doi:10.1016/j.tranon.2021.101191]"
)


@pytest.mark.parametrize(
    "compound",
    ["L1196M+G1202R", "I1171N+L1198F", "I1171S+G1202R", "I1171T+L1198F", "I1171N+F1174I", "I1171N+L1196M+G1202R"],
)
def test_the_design_intent_is_in_the_cells_and_the_call_stays_unknown(compound):
    calls = KB.call(parse_alteration(compound)).calls
    for inhibitor, words in (("neladalkib", NELADALKIB), ("tpx0131", TPX0131)):
        call = calls[inhibitor]
        assert call.category == "unknown", (compound, inhibitor)
        assert call.note.count(words) == 1, (compound, inhibitor, call.note)
        assert "OU21" not in call.sources and "PEL21" not in call.sources  # a note, never a vote
        # cited with its identifiers and listed with the cell's sources (clinical read of stop 43, finding 3)
        assert "OU21" in call.note_sources, (compound, inhibitor)


@pytest.mark.parametrize("compound", ["C1156Y+L1198F", "L1196M+G1269A"])
def test_a_compound_without_g1202r_or_i1171_gets_no_design_intent_note(compound):
    calls = KB.call(parse_alteration(compound)).calls
    assert "double mutant active" not in calls["neladalkib"].note + calls["tpx0131"].note


def test_no_other_inhibitor_gets_the_agents_class_statement():
    calls = KB.call(parse_alteration("I1171N+L1198F")).calls
    assert "double mutant active" not in "".join(
        c.note for name, c in calls.items() if name not in ("neladalkib", "tpx0131")
    )


def test_after_lorlatinib_the_sample_cells_say_it(tmp_path):
    vcf = tmp_path / "c.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">\n'
        '##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phase set">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\n"
        "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF:PS\t0|1:0.30:29220747\n"  # G1202R (GRCh38), in cis
        "chr2\t29220765\t.\tG\tT\t.\tPASS\t.\tGT:AF:PS\t0|1:0.29:29220747\n"  # L1196M (GRCh38)
    )
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nT1\tpositive:IHC\talectinib;lorlatinib\n")
    done = run("annotate", vcf, "--samples", sheet, "--report", tmp_path / "r", "-o", tmp_path / "r.vcf", text=True)
    assert done.returncode == 0, done.stderr
    cells = json.loads((tmp_path / "r.json").read_text())["samples"][0]["inhibitors"]
    assert cells["neladalkib"]["category"] == cells["tpx0131"]["category"] == "unknown"
    assert NELADALKIB in cells["neladalkib"]["note"]
    # TPX-0131's status, before it, cites OU21 first, with its DOI (clinical read h1, finding 3): the class statement
    # names the key alone, the identifier once per note
    tpx = cells["tpx0131"]["note"]
    assert TPX0131.replace("[OU21, doi:10.1016/j.tranon.2021.101191]", "[OU21]") in tpx, tpx
    assert tpx.count("OU21, doi:10.1016/j.tranon.2021.101191") == 1, tpx
    html = (tmp_path / "r.html").read_text()
    assert "designed for ALK compound mutations and in clinical trials as of 2021 (OU21" in html
