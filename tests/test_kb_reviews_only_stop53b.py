"""Stop 53 (helper kb53b, knowledge base 2.0.49; tools/kb_curation/reading_stop53b_calls.md): every "(reviews only)"
call was checked for a primary source the knowledge base already names that states the same direction. G1269S and
crizotinib now rests on LIN17T2 and Heuckmann et al. 2011 (HEU11, preclinical): still `resistant`, no longer reviews
only. The primaries the 2026-11 review counted for F1174L (alectinib, lorlatinib) and I1171N (crizotinib) stay listed
and do not decide (another context; a sequential item tied to alectinib), so those calls stay reviews-only."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from helpers import run

ROOT = Path(__file__).parent.parent
KB = ROOT / "resources" / "kb"
READING = ROOT / "tools" / "kb_curation" / "reading_stop53b_calls.md"


def _calls(alteration: str) -> dict[str, dict]:
    out = run("lookup", "--json", alteration, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["results"][0]["calls"]


def test_g1269s_crizotinib_rests_on_the_review_and_a_primary_preclinical_source():
    call = _calls("G1269S")["crizotinib"]
    assert call["category"] == "resistant"
    assert call["reviews_only"] is False and call["preclinical_only"] is False and call["sources_disagree"] is False
    assert {"LIN17T2", "HEU11"} <= set(call["sources"])
    assert set(call["evidence_kinds"]) == {"review", "preclinical"}
    rows = [
        r for r in csv.DictReader(open(KB / "calls.tsv", encoding="utf-8"), delimiter="\t") if r["sources"] == "HEU11"
    ]
    assert [(r["alteration"], r["inhibitor"], r["category"], r["evidence_kind"]) for r in rows] == [
        ("G1269S", "crizotinib", "resistant", "preclinical")
    ]
    # the source's own words, no number it does not print
    assert "other crizotinib resistance mutations (F1174L and G1269S)" in rows[0]["note"]
    assert rows[0]["ic50_nM"] == "" and rows[0]["fold_vs_wt"] == ""
    text = run("lookup", "G1269S", text=True).stdout
    crizotinib_row = next(line for line in text.splitlines() if line.startswith("crizotinib "))
    assert "reviews only" not in crizotinib_row and "resistant" in crizotinib_row


def test_heu11_names_no_identifier_seen_on_one_record_only():
    sources = {r["key"]: r for r in csv.DictReader(open(KB / "sources.tsv", encoding="utf-8"), delimiter="\t")}
    heu = sources["HEU11"]
    assert heu["pmid"] == "" and heu["doi"] == ""
    assert "Clin Cancer Res 2011;17(23):7394-401" in heu["citation"]
    assert "PMID 21948233 seen in CIViC only" in heu["citation"]


def test_the_g1269s_other_calls_and_the_reviewers_examples_stay_reviews_only():
    g1269s = _calls("G1269S")
    for drug in ("ceritinib", "alectinib", "brigatinib", "lorlatinib"):
        assert g1269s[drug]["reviews_only"] is True, drug
    f1174l = _calls("F1174L")
    for drug in ("alectinib", "lorlatinib"):
        assert f1174l[drug]["category"] == "sensitive" and f1174l[drug]["reviews_only"] is True, drug
        # the neuroblastoma items are listed, not deciding
        assert f1174l[drug]["sources"] == ["LIN17T2"], drug
    i1171n = _calls("I1171N")["crizotinib"]
    assert i1171n["category"] == "resistant" and i1171n["reviews_only"] is True
    assert i1171n["sources"] == ["LIN17T2"]


def test_reading_note_and_provenance_name_the_decision():
    note = READING.read_text(encoding="utf-8")
    assert "G1269S / crizotinib" in note and "61 calls stay" in note
    for example in ("I1171N / crizotinib", "F1174L / alectinib", "F1174L / lorlatinib"):
        assert example in note, example
    provenance = (KB / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "- 2.0.49 (2026-12-05): helper kb53b" in provenance
    version = dict(line.split("\t", 1) for line in (KB / "VERSION").read_text(encoding="utf-8").splitlines())
    # 2.0.49 or a later knowledge base (2.0.50: stop 54's bracket wording, kb54b)
    assert tuple(int(n) for n in version["version"].split(".")) >= (2, 0, 49)
