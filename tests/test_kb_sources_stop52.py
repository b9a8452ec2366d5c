"""Stop 52 (helper kb52, knowledge base 2.0.47; tools/kb_curation/reading_stop52_sources.md): every source row's
identifiers audited. Identifiers entered only where two independent records give them (DOIs of eight trial and
primary papers, SOD07's PMID, KAT12 for PMID 22277784); those seen in one record only are named in the citation, not
used (INF16's PMID); LIN17T2 and KORT_CER still have none and say where they were searched for; DOE12's PMID is
confirmed by a second record; the GI50 rows say GI50 in the measure column."""

from __future__ import annotations

import csv
from pathlib import Path

from helpers import shown_sources, where_read

ROOT = Path(__file__).parent.parent
CURATION = ROOT / "tools" / "kb_curation"
READING = CURATION / "reading_stop52_sources.md"


def test_dois_entered_with_two_records_sit_beside_the_pmid_already_carried():
    rows = shown_sources()
    entered = {
        "CAM18": ("30280657", "10.1056/NEJMoa1810171"),
        "SOR17": ("28126333", "10.1016/S0140-6736(17)30123-X"),
        "PET17": ("28586279", "10.1056/NEJMoa1704795"),
        "SHAW14": ("24670165", "10.1056/NEJMoa1311107"),
        "KWAK10": ("20979469", "10.1056/NEJMoa1006448"),
        "SHAW09": ("19667264", "10.1200/JCO.2009.22.6993"),
        "CHOI10": ("20979473", "10.1056/NEJMoa1007478"),
        "ZOU15": ("25733882", "10.1073/pnas.1420785112"),
        "SOD07": ("17625570", "10.1038/nature05945"),
    }
    where = where_read()
    for key, (pmid, doi) in entered.items():
        assert (rows[key]["pmid"], rows[key]["doi"]) == (pmid, doi), key
        assert "stop 52" in where[key] and "reading_stop52_sources.md" in where[key], key
        assert key in READING.read_text(encoding="utf-8"), key
    # the trial rows carry the title, not only the trial's name
    assert rows["CAM18"]["citation"].startswith("Camidge DR, Kim HR, Ahn MJ, et al. Brigatinib versus crizotinib")
    assert "(ASCEND-4)" in rows["SOR17"]["citation"] and rows["SOR17"]["citation"].startswith("Soria JC, Tan DS")


def test_identifiers_seen_in_one_record_are_named_not_used():
    rows = shown_sources()
    inf = rows["INF16"]
    assert inf["pmid"] == "-" and inf["doi"] == "10.1158/2159-8290.CD-15-1056"
    assert inf["citation"].startswith("Infarinato et al.")
    assert "PMID 26554404 seen in CIViC only, so not used" in inf["citation"]
    kat12 = rows["KAT12"]
    assert kat12["pmid"] == "22277784" and kat12["doi"] == "-"
    assert kat12["citation"].endswith("(DOI 10.1126/scitranslmed.3003316 seen in one reference list only, so not used)")
    assert rows["SHAW16NEJM"]["pmid"] == "-"


def test_lin17t2_and_kort_cer_still_have_no_identifier_and_say_where_they_were_searched():
    rows = shown_sources()
    where = where_read()
    for key in ("LIN17T2", "KORT_CER"):
        assert rows[key]["pmid"] == "-" and rows[key]["doi"] == "-", key
        assert "searched again at stop 52" in where[key], key
    reading = READING.read_text(encoding="utf-8")
    assert "## 1. LIN17T2" in reading and "## 2. KORT_CER" in reading


def test_doe12_pmid_rests_on_two_records_and_provenance_says_so():
    rows = shown_sources()
    assert rows["DOE12"]["pmid"] == "22235099" and rows["DOE12"]["doi"] == "-"
    where = where_read()["DOE12"]
    assert "PMC3311875" in where and "Doebele et al., 2012, Clin. Cancer Res." in where
    provenance = (ROOT / "resources" / "kb" / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "second, independent record, CIViC's source record" in provenance
    assert "PMID 22277784 (CGI; CIViC EID444 and others) is Katayama et al., Sci Transl Med 2012" in provenance


def test_every_source_row_is_in_the_audit():
    """Every source row's identifiers are audited: at stop 52, or, for a row added later, in the reading note that
    added it (HEU11, knowledge base 2.0.49)."""
    reading = READING.read_text(encoding="utf-8")
    later = (READING.parent / "reading_stop53b_calls.md").read_text(encoding="utf-8")
    for key in shown_sources():
        assert key in reading or (key == "HEU11" and "PMID 21948233 is CIViC's only" in later), key


def test_gi50_rows_say_gi50_in_the_measure_column():
    rows = list(csv.DictReader(open(ROOT / "resources" / "kb" / "calls.tsv", encoding="utf-8"), delimiter="\t"))
    measured = [r for r in rows if r["civic_eid"] in ("EID1342", "EID1343") and r["ic50_nM"]]
    assert len(measured) == 5
    assert {r["measure"] for r in measured} == {"GI50"}
    assert [r for r in rows if r["measure"] == "GI50"] == measured
