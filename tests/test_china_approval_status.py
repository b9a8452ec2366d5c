"""Iruplinalkib and envonalkib, called `sensitive` for the ALK fusion on review and secondary sources only, say where
they are approved, as the inhibitor table states it with its sources (clinical review hN, finding 3; RULES.md 7): the
status code handled only "investigational" agents, so these calls printed no regulatory status at all. Since
knowledge base 2.0.25 `inhibitors.tsv` has `approval_cn` and `approval_cn_sources`; a call that makes a claim on an
agent approved in China gives its class, each region's cell with its own sources, and that the call rests on review
and secondary sources only. An `unknown` call offers nothing and is unchanged."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from helpers import run

from alkannot.alterations import parse_alteration
from alkannot.kbfiles import bundled_directory, load_knowledge_base
from alkannot.lookup import run_lookup

KB = load_knowledge_base()
# the agent named first, each region's sources cited with their identifiers (clinical read of stop 43, findings 3
# and 11; the second citation of ZHAO26 names the key alone: sourced_text.identified_once)
ZHAO26 = "ZHAO26, doi:10.1186/s12885-026-15916-4"
IRUPLINALKIB = (
    "iruplinalkib (ALK/ROS1 TKI): in China, approved by the NMPA for ALK-positive NSCLC (line of therapy not recorded "
    f"in the sources read) [CN25GUIDE, PMID 40268545; {ZHAO26}]; in the US, not FDA-approved as of December 2023 "
    "(single source; later status not retrieved) [ZHAO26]; check the current approval where the patient is treated"
)
ENVONALKIB = (
    "envonalkib (ALK TKI): in China, approved by the NMPA for ALK-positive NSCLC (single source; line of therapy not "
    f"recorded in it) [{ZHAO26}]; in the US, not FDA-approved as of December 2023 (single source; later status not "
    "retrieved) [ZHAO26]; check the current approval where the patient is treated"
)
SECONDHAND = "the sensitive call rests on review and secondary sources only"
FUSION_ONLY = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\n"
    "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT\t0/0\n"
)


def _inhibitor_rows() -> dict[str, dict[str, str]]:
    with open(bundled_directory() / "inhibitors.tsv", newline="") as handle:
        return {r["inhibitor"]: r for r in csv.DictReader(handle, delimiter="\t")}


def test_the_table_holds_the_china_approval_with_its_sources():
    rows = _inhibitor_rows()
    assert (rows["iruplinalkib"]["approval_cn"], rows["iruplinalkib"]["approval_cn_sources"]) == (
        "approved by the NMPA for ALK-positive NSCLC (line of therapy not recorded in the sources read)",
        "CN25GUIDE;ZHAO26",
    )
    assert (rows["envonalkib"]["approval_cn"], rows["envonalkib"]["approval_cn_sources"]) == (
        "approved by the NMPA for ALK-positive NSCLC (single source; line of therapy not recorded in it)",
        "ZHAO26",
    )
    assert all(
        not r["approval_cn"] and not r["approval_cn_sources"]
        for n, r in rows.items()
        if n not in ("iruplinalkib", "envonalkib")
    )
    assert KB.inhibitor("iruplinalkib").region_sources["us"] == ("ZHAO26",)


@pytest.mark.parametrize("name, status", [("iruplinalkib", IRUPLINALKIB), ("envonalkib", ENVONALKIB)])
def test_the_fusion_call_says_where_the_agent_is_approved(name, status):
    call = KB.call(parse_alteration("ALK fusion")).calls[name]
    assert call.category == "sensitive"
    assert call.note.startswith(f"{status}; {SECONDHAND} | ")
    doc = json.loads(run_lookup(["ALK fusion"], as_json=True))["results"][0]["calls"][name]
    assert doc["note"].startswith(f"{status}; {SECONDHAND} | ")
    assert KB.agent_status(name) == ""  # not investigational: nothing beside a call that offers nothing


@pytest.mark.parametrize("alteration", ["G1202R", "L1196M+G1202R"])
def test_an_unknown_call_is_unchanged(alteration):
    calls = KB.call(parse_alteration(alteration)).calls
    for name in ("iruplinalkib", "envonalkib"):
        assert "NMPA" not in calls[name].note and SECONDHAND not in calls[name].note


def _cells(tmp_path, history: str) -> dict:
    vcf, sheet = tmp_path / "f.vcf", tmp_path / "s.tsv"
    vcf.write_text(FUSION_ONLY)
    sheet.write_text(f"sample\talk_status\tprogressed_on\nT1\tpositive:IHC\t{history}\n")
    done = run("annotate", vcf, "--samples", sheet, "--report", tmp_path / "r", "-o", tmp_path / "r.vcf", text=True)
    assert done.returncode == 0, done.stderr
    return json.loads((tmp_path / "r.json").read_text())["samples"][0]["inhibitors"]


def test_an_untreated_fusion_sample_says_it_in_the_cell(tmp_path):
    cells = _cells(tmp_path, "none")
    assert cells["iruplinalkib"]["category"] == cells["envonalkib"]["category"] == "sensitive"
    assert cells["iruplinalkib"]["note"].startswith(f"{IRUPLINALKIB}; {SECONDHAND} | SHI23INT: ")
    assert cells["envonalkib"]["note"].startswith(f"{ENVONALKIB}; {SECONDHAND} | ZHAO26: ")
    # the approval's sources are listed with the cell's (JSON note_sources; the HTML's Sources column)
    assert set(cells["iruplinalkib"]["note_sources"]) >= {"CN25GUIDE", "ZHAO26"}
    assert "ZHAO26" in cells["envonalkib"]["note_sources"] or "ZHAO26" in cells["envonalkib"]["sources"]
    html = (tmp_path / "r.html").read_text()
    assert "in the US, not FDA-approved as of December 2023 (single source; later status not retrieved)" in html


def test_after_crizotinib_the_approval_is_said_once(tmp_path):
    """The INTELLECT line after crizotinib (lines_of_therapy.tsv) gives the approval in its own words: the cell does
    not say it twice."""
    note = _cells(tmp_path, "crizotinib")["iruplinalkib"]["note"]
    assert "INTELLECT" in note and note.count("approved in China") == 1 and "NMPA" not in note
    assert SECONDHAND in note


def test_a_knowledge_base_without_the_china_columns_still_loads(tmp_path):
    directory = tmp_path / "kb"
    shutil.copytree(bundled_directory(), directory)
    path = directory / "inhibitors.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    keep = [i for i, c in enumerate(head) if c not in ("approval_cn", "approval_cn_sources")]
    path.write_text("\n".join("\t".join(line.split("\t")[i] for i in keep) for line in lines) + "\n", encoding="utf-8")
    old = load_knowledge_base(str(directory))
    assert "cn" not in old.inhibitor("iruplinalkib").approvals
    assert "NMPA" not in old.call(parse_alteration("ALK fusion")).calls["iruplinalkib"].note
