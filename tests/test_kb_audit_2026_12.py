"""The knowledge-base audit of 2026-12-01 (accuracy and traceability), findings 2-10: each through the API and
the installed CLI, with the exact text a reader sees."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

from alkannot.errors import InputError
from alkannot.kbfiles import load_knowledge_base
from alkannot.lookup import run_lookup
from alkannot.samplesheet import parse_sample_sheet

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


def _cli(*args: str) -> str:
    return subprocess.run([ALKANNOT, *args], capture_output=True, text=True, check=True).stdout


def _row(text: str, inhibitor: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(inhibitor + " "))


# -- finding 2: an inferred compound call cites only the statements that decided each part's call ---------------
def test_inferred_compound_cites_only_the_parts_deciding_statements():
    kb = load_knowledge_base()
    call = kb.call_compound(["F1174L", "G1202R"]).calls["crizotinib"]
    assert call.inferred and call.category == "resistant"
    # SEED, a press release, is listed, not counted, since knowledge base 2.0.23 (clinical reading of stop 41,
    # finding 9)
    assert call.sources == (
        "LIN17T2",
        "EID33(PMID:21030459)",
        "EID441(PMID:22277784)",
        "EID1357(PMID:22277784)",
    )
    assert "SEED" in call.listed
    # EID38 is re-read as not a vote; SCHO11 (neuroblastoma) says sensitive; CGI/EID32/EID125/EID1271 are
    # other contexts, listed beside F1174L's call but not deciding it
    for listed in ("EID38", "SCHO11", "CGI", "EID32", "EID125", "EID1271"):
        assert not any(s.startswith(listed + "(") or s == listed for s in call.sources), listed
    other = kb.call_compound(["I1171N", "L1196M"]).calls["crizotinib"]
    assert "SCHO11" not in other.sources and other.category == "resistant"


def test_inferred_compound_lookup_and_json_show_the_deciding_sources():
    out = _cli("lookup", "F1174L+G1202R")
    row = _row(out, "crizotinib")
    assert "LIN17T2; EID33(PMID:21030459); EID441(PMID:22277784); EID1357(PMID:22277784)  inferred" in row
    cited, note = row.split("  inferred", 1)
    assert "EID38" not in cited and "SCHO11" not in cited
    # named in the note only as F1174L's own call lists them, not counted (clinical review of stop 41, finding 13)
    assert "not counted, as for F1174L alone: other contexts, listed, not counted:" in note
    assert "EID38: " in note.split("not counted, as for F1174L alone: ", 1)[1]
    doc = json.loads(run_lookup(["I1171N+L1196M"], as_json=True))["results"][0]
    assert doc["calls"]["crizotinib"]["sources"] == [
        "LIN17T2",
        "EID237(PMID:20979473)",
        "EID442(PMID:22277784)",
    ]
    assert "EID38" not in doc["evidence"] and "SCHO11" not in doc["evidence"]


def test_report_tsv_inhibitor_sources_of_an_inferred_compound(tmp_path):
    """A cis F1174L+G1202R compound: the sample TSV's inhibitor_sources cites no non-voting statement."""
    vcf = tmp_path / "c.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        '##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phase set">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\n"
        "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:PS\t0|1:100\n"
        "chr2\t29220831\t.\tA\tG\t.\tPASS\t.\tGT:PS\t0|1:100\n"
    )
    subprocess.run(
        [ALKANNOT, "annotate", str(vcf), "-o", str(tmp_path / "o.vcf"), "--report", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        check=True,
    )
    row = next(csv.DictReader(open(tmp_path / "r.tsv", encoding="utf-8"), delimiter="\t"))
    assert row["compound"].startswith("F1174L+G1202R"), row["compound"]
    assert row["crizotinib"] == "resistant (inferred)"  # marked as the HTML and JSON mark it (review 9, clinical 5)
    sources = row["inhibitor_sources"].split(";")
    assert "EID33(PMID:21030459)" in sources
    assert not any(s.startswith(("EID38(", "SCHO11", "EID125(", "EID1271(")) for s in sources), sources


# -- finding 3: an unconfirmed synonym is not matched ----------------------------------------------------------
def test_unconfirmed_synonym_is_not_a_name_and_stays_documented():
    kb = load_knowledge_base()
    assert kb.inhibitor_for_name("BMS-986299") is None
    assert kb.inhibitor_for_name("TPX-0131") == "tpx0131"
    info = kb.inhibitor("tpx0131")
    assert "BMS-986299" not in info.names
    assert info.notes.endswith("Synonym not confirmed, not used to match names: BMS-986299 (per datalookout.com).")
    with pytest.raises(InputError, match=r"progressed_on: 'BMS-986299' is not a name the knowledge base matches"):
        parse_sample_sheet("sample\talk_status\tprogressed_on\nP4_T\tpositive:IHC\tBMS-986299\n", "s.tsv")


def test_unconfirmed_synonym_in_a_sample_sheet_is_the_unknown_drug_error(tmp_path):
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nP4_T\tpositive:IHC\tBMS-986299\n")
    out = tmp_path / "a.vcf"
    done = subprocess.run(
        [ALKANNOT, "annotate", str(EXAMPLE), "--samples", str(sheet), "-o", str(out), "--report", str(tmp_path / "r")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 3
    assert done.stderr == (
        f"alkannot: error: {sheet}:2: progressed_on: 'BMS-986299' is not a name the knowledge base matches: its "
        "inhibitor table lists it as a possible code of TPX-0131 that no source read confirms ('alkannot kb show "
        "inhibitors', notes); write TPX-0131 if that is the drug\n"
    )
    listed = subprocess.run([ALKANNOT, "kb", "show", "inhibitors"], capture_output=True, text=True, check=True).stdout
    names = {line.split("\t")[0]: line.split("\t")[1] for line in listed.splitlines()[2:]}
    assert names["tpx0131"] == "TPX-0131"  # the unconfirmed BMS-986299 is not among its names
    assert not out.exists() and not (tmp_path / "r.tsv").exists()


# -- finding 4: a sub-band measurement says it is below the band -----------------------------------------------
def test_sub_band_shift_is_marked_below_the_band():
    out = _cli("lookup", "F1245C")
    row = _row(out, "crizotinib")
    # the band is alkannot's, from PMID 25727400; the item's own verdict is in its brackets (review 9, finding 10)
    assert (
        "IC50 425 nM, WT 132 nM, 3.2x WT computed [EID1337; CIViC: resistance], below alkannot's 4-10-fold band "
        "(PMID 25727400): the source's own category stands; IC50 269 nM, WT 132 nM, 2x WT computed [EID1337; CIViC: "
        "resistance], below alkannot's 4-10-fold band (PMID 25727400): the source's own category stands" in row
    )
    assert row.split()[1] == "resistant"  # the rule is unchanged: the item's own category votes
    # a graded shift keeps its grade, labelled as alkannot's
    assert (
        "15.5x WT computed [EID764; CIViC: resistance], alkannot's grade (4-10-fold band of PMID 25727400): resistant"
        in _row(_cli("lookup", "G1269A"), "crizotinib")
    )


# -- finding 5: GAI16's unverified PMID is not cited -------------------------------------------------------------
def test_gai16_is_cited_by_its_doi_only():
    rules = (ROOT / "resources" / "kb" / "RULES.md").read_text()
    assert "27432227" not in rules  # PROVENANCE.md says why it is not recorded
    assert "Gainor et al. 2016 (GAI16; Cancer Discov 6:1118, DOI\n     10.1158/2159-8290.CD-16-0596)" in rules
    source = load_knowledge_base().source("GAI16")
    assert (source.pmid, source.doi) == ("", "10.1158/2159-8290.CD-16-0596")


# -- finding 6: the stale matrix note says it is superseded -----------------------------------------------------
def test_sources_disagree_note_is_marked_superseded():
    out = _cli("lookup", "T1151dup")
    assert _row(out, "ceritinib").split()[1] == "resistant"
    assert (
        "#   review matrix (shared mutations.tsv), 1151Tins row: Sources disagree for ceritinib (LIN17T2 lists "
        "1151Tins among reported ceritinib-resistance mutations; CGI lists it as responsive) [superseded: the CGI "
        "row is approval-only evidence ('FDA guidelines'), listed, not counted, so the ceritinib call rests on "
        "LIN17T2 and is not conflicting]. No genomic coordinate"
    ) in out


# -- finding 7: TPX-0131 is written as people write it where they read it ----------------------------------------
def test_lookup_table_uses_the_agent_name_and_json_keeps_the_key():
    out = _cli("lookup", "G1202R")
    assert re.search(r"^TPX-0131 +unknown +secondary", out, re.M)  # PMO21, trade press (knowledge base 2.0.23)
    assert not re.search(r"^tpx0131 ", out, re.M)
    doc = json.loads(_cli("lookup", "G1202R", "--json"))["results"][0]
    assert "tpx0131" in doc["calls"] and "TPX-0131" not in doc["calls"]


def test_report_tsv_progressed_on_uses_the_agent_name(tmp_path):
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nP4_T\tpositive:IHC\tTPX-0131\n")
    out = tmp_path / "a.vcf"
    subprocess.run(
        [ALKANNOT, "annotate", str(EXAMPLE), "--samples", str(sheet), "-o", str(out), "--report", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = {r["sample"]: r for r in csv.DictReader(open(tmp_path / "r.tsv", encoding="utf-8"), delimiter="\t")}
    p4 = rows["P4_T"]
    assert p4["progressed_on"] == "TPX-0131"
    assert p4["tpx0131"] == "resistant"  # the column keeps its key, like ALK_TPX0131 and the JSON
    assert p4["inhibitor_basis"].endswith("TPX-0131: the patient progressed on it (sample sheet)")
    doc = json.loads((tmp_path / "r.json").read_text())
    assert next(s for s in doc["samples"] if s["sample"] == "P4_T")["progressed_on"] == ["tpx0131"]
    mqc = (tmp_path / "r_mqc.tsv").read_text().splitlines()
    assert next(line for line in mqc if line.startswith("P4_T\t")).endswith(
        "\tTPX-0131\ttrue\ttrue\ttrue\ttrue\ttrue\tGRCh38"
    )
    assert "ALK_TPX0131" in out.read_text()


# -- findings 8 and 9: qualifiers kept; brigatinib's approval from LI18BRIG --------------------------------------
def test_inhibitor_qualifiers_and_brigatinib_approval():
    kb = load_knowledge_base()
    rows = {r["inhibitor"]: r for r in kb.inhibitor_rows}
    assert rows["ceritinib"]["dose"].endswith("the current label dose was not retrieved: check the current label")
    assert kb.inhibitor("neladalkib").cns_activity.endswith("; a weak source (PEL21), as the shared table marks it")
    brigatinib = kb.inhibitor("brigatinib")
    # since 2.0.5 a regulatory source only (review 12, finding 8)
    assert (
        brigatinib.approvals["us"]
        == "FDA-approved (first approval date not retrieved; the 1L indication is dated 2020-05-22) [REG]"
    )
    assert "LI18BRIG" not in brigatinib.approval_sources
    assert kb.source("LI18BRIG").pmid == ""  # 30253203 was seen on one page only: not recorded
    shown = {line.split("\t")[0]: line.split("\t") for line in _cli("kb", "show", "inhibitors").splitlines()[1:]}
    header = shown["inhibitor"]
    assert shown["brigatinib"][header.index("first_us_approval")] == (
        "FDA-approved (first approval date not retrieved; the 1L indication is dated 2020-05-22) [REG]"
    )
    assert shown["neladalkib"][header.index("cns_activity")].endswith(
        "a weak source (PEL21), as the shared table marks it"
    )
    assert shown["tpx0131"][header.index("names")] == "TPX-0131"


# -- finding 10: the triage provenance names the current fields --------------------------------------------------
def test_triage_provenance_names_the_current_pgp_fields():
    text = (ROOT / "resources" / "triage" / "PROVENANCE.md").read_text()
    assert "`abcb1_transport`" in text and "`pgp_confers_resistance`" in text
    assert "(`pgp_substrate` of each inhibitor)" not in text
