"""The bundled knowledge base: schema, reproduction of the shared review matrix and CIViC items,
the combination rule, resistance classes, compounds, fusions and P-gp status."""

import csv
import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alkannot.alterations import parse_alteration
from alkannot.bundle import read_tsv, resource_path
from alkannot.cited_papers import RESOURCE_KEYS
from alkannot.evidence import CATEGORIES, EVIDENCE_KINDS, Statement, combine
from alkannot.kbfiles import load_knowledge_base
from alkannot.knowledge import KB_FILES

DATA = Path(__file__).parent / "data" / "kb"  # copies of shared/kb/{mutations,civic_alk_evidence,ic50}.tsv
KB = load_knowledge_base()
INHIBITORS = KB.inhibitor_names
SOURCE_KEYS = {r["key"] for r in read_tsv("kb", "sources.tsv")}
SOURCE_PMID = {r["key"]: r["pmid"] for r in read_tsv("kb", "sources.tsv")}
CIVIC_THERAPY = {
    "Crizotinib": "crizotinib",
    "Ceritinib": "ceritinib",
    "Alectinib": "alectinib",
    "Brigatinib": "brigatinib",
    "Ensartinib": "ensartinib",
    "Lorlatinib": "lorlatinib",
}
# CIViC's residue-level "ALK I1171" items, assigned as resources/kb/PROVENANCE.md states
I1171_ITEMS = {
    "EID1283": "I1171T",
    "EID1284": "I1171T",
    "EID1287": "I1171T",
    "EID1344": "I1171T",
    "EID1367": "I1171N",
    "EID1368": "I1171N",
}


def shared(name):
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def names_in(note_or_sources: str) -> set[str]:
    return set(re.findall(r"[A-Z][A-Z0-9_]+|EID\d+", note_or_sources))


def cell_keys(cell: str) -> set[str]:
    """Source keys of a matrix cell, without what their parentheses say ('FRI14(via MOA)' -> FRI14)."""
    return names_in(re.sub(r"\([^()]*\)", "", cell)) & SOURCE_KEYS


# --------------------------------------------------------------------------------------------
# schema
# --------------------------------------------------------------------------------------------
CALL_ROWS = read_tsv("kb", "calls.tsv")
# source keys of statements read after the shared matrix was made (tools/kb_curation)
CURATED = {r["sources"] for r in CALL_ROWS if r["origin"].startswith("kb_curation/")}


@pytest.mark.parametrize("row", CALL_ROWS, ids=lambda r: f"{r['alteration']}:{r['inhibitor']}:{r['origin']}")
def test_every_call_row_is_valid(row):
    assert row["inhibitor"] in INHIBITORS
    assert row["category"] in CATEGORIES
    assert row["evidence_kind"] in EVIDENCE_KINDS
    keys = [k for k in row["sources"].split(";") if k]
    assert keys and all(k in SOURCE_KEYS for k in keys), row["sources"]
    assert all(re.fullmatch(r"\d{6,9}", p) for p in row["pmids"].split(";") if p)
    assert row["civic_eid"] == "" or re.fullmatch(r"EID\d+", row["civic_eid"])
    if row["civic_eid"]:
        assert keys == ["CIVIC"] and row["pmids"]
    # every source that is a paper with a PMID has it among the statement's PMIDs, each PMID once (the build fills
    # them from sources.tsv; clinical read h1, finding 2: LIN18JTO's PMID was on 4 of its 5 rows); a curated
    # resource's PMID is its own paper's, not cited for the statement
    pmids = row["pmids"].split(";") if row["pmids"] else []
    assert len(pmids) == len(set(pmids)), row["pmids"]
    for key in keys:
        if key not in RESOURCE_KEYS and SOURCE_PMID[key]:
            assert SOURCE_PMID[key] in pmids, (key, SOURCE_PMID[key], row["pmids"])
        elif key in RESOURCE_KEYS:
            assert SOURCE_PMID[key] == "" or SOURCE_PMID[key] not in pmids, row["pmids"]
    for column in ("ic50_nM", "wt_ic50_nM"):
        if row[column]:
            assert float(row[column]) > 0
    if row["fold_vs_wt"]:
        assert re.fullmatch(r"~?\d+(\.\d+)?", row["fold_vs_wt"]) and row["fold_basis"]
    assert row["origin"] and row["alteration"]
    assert row["disease"] and row["background"]  # every statement names its context


def test_every_number_comes_from_the_shared_ic50_table():
    published = {(r["civic_eid"], r["inhibitor"], r["ic50_nM"]) for r in shared("ic50.tsv")}
    stated = {(r["civic_eid"], r["inhibitor"], r["fold_vs_wt_as_stated"]) for r in shared("ic50.tsv")}
    for row in CALL_ROWS:
        if row["ic50_nM"]:
            assert (row["civic_eid"], row["inhibitor"], row["ic50_nM"]) in published, row
        if row["wt_ic50_nM"]:
            assert (row["civic_eid"], row["inhibitor"], row["wt_ic50_nM"]) in published, row
        if row["fold_basis"] == "stated":
            assert any(
                eid == row["civic_eid"] and i == row["inhibitor"] and text.startswith(row["fold_vs_wt"] + "x")
                for eid, i, text in stated
            ), row
        elif row["fold_basis"].startswith("computed"):  # the item's own mutant / wild type, same background
            assert row["fold_vs_wt"] == f"{float(row['ic50_nM']) / float(row['wt_ic50_nM']):.1f}", row


def test_inhibitor_and_source_tables():
    rows = read_tsv("kb", "inhibitors.tsv")
    assert [r["inhibitor"] for r in rows] == [
        "crizotinib",
        "ceritinib",
        "alectinib",
        "brigatinib",
        "ensartinib",
        "lorlatinib",
        "neladalkib",
        "gilteritinib",
        "tpx0131",
        "iruplinalkib",
        "envonalkib",
    ]
    for r in rows:
        assert r["abcb1_transport"] in ("yes", "modest", "no", "unknown")
        assert r["pgp_confers_resistance"] in ("yes", "no", "conflicting", "unknown")
        for prop in ("abcb1_transport", "pgp_confers_resistance"):  # every value but 'unknown' names its sources
            assert r[prop] == "unknown" or r[f"{prop}_sources"], (r["inhibitor"], prop)
        assert "verify" not in "".join(r.values()).lower(), "curators' reminders are not for readers"
        for column in r:
            if column.endswith("_sources"):
                assert all(k in SOURCE_KEYS for k in r[column].split(";") if k), (r["inhibitor"], column)
    sources = read_tsv("kb", "sources.tsv")
    assert len({s["key"] for s in sources}) == len(sources)
    assert all(re.fullmatch(r"\d*", s["pmid"]) and s["citation"] for s in sources)


def test_version_file_and_header_line():
    assert re.fullmatch(r"\d+\.\d+\.\d+", KB.version) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", KB.date)
    assert re.fullmatch(
        r"##alkannotKnowledgeBase=<Version=[^,>]+,Date=\d{4}-\d{2}-\d{2},SHA256=[0-9a-f]{64},ID=[0-9a-f]{12}>",
        KB.header_line(),
    )
    digest = hashlib.sha256()
    for name in KB_FILES:
        digest.update(name.encode() + b"\0" + resource_path("kb", name).read_bytes() + b"\0")
    assert KB.sha256 == digest.hexdigest()
    assert KB.header_line().endswith(f",ID={KB.sha256[:12]}>")  # last: the contract's three keys come first
    assert load_knowledge_base() is KB


# --------------------------------------------------------------------------------------------
# the shared review matrix and CIViC items are reproduced
# --------------------------------------------------------------------------------------------
def matrix_call(alteration: str):
    if alteration.startswith("EML4-ALK (no kinase-domain"):
        return KB.call_fusion("EML4")
    if alteration.startswith("ALK amplification"):
        return KB.call(parse_alteration("amplification"))
    return KB.call(parse_alteration(alteration.split(" ")[0]))


MATRIX_CELLS = [
    (row["alteration"], inhibitor, row[f"{inhibitor}_category"], row[f"{inhibitor}_sources"])
    for row in shared("mutations.tsv")
    for inhibitor in INHIBITORS
    if f"{inhibitor}_category" in row  # iruplinalkib, envonalkib: added after the matrix (inhibitors_extra.tsv)
]
# Cells where knowledge base 2.0 departs from the matrix on purpose, each for a finding of the clinical
# review (shared/kb/review_2026-11.md): (matrix row, inhibitor) -> (call, words its note must hold)
DEPARTURES = {
    # section 1 W / 4.8: the CGI 'sensitive' is the drug's approval, not evidence about 1151Tins
    ("1151Tins", "ceritinib"): ("resistant", "approval-only evidence"),
    # section 1 D / 4.1: LIN17T2 footnote a is a caveat; EID1351 325 vs 6 nM; LIN18JTO progression
    ("G1202R", "brigatinib"): ("resistant", "a caveat and not a vote"),
    # section 1 D / 4.5: 84 nM, 6-fold over wild type in the same item: the 4-10-fold band
    ("G1269A", "alectinib"): ("intermediate", "6x WT within the 4-10-fold band"),
}


@pytest.mark.parametrize(
    "alteration,inhibitor,category,sources", MATRIX_CELLS, ids=[f"{a.split(' ')[0]}:{i}" for a, i, _, _ in MATRIX_CELLS]
)
def test_every_review_matrix_cell_is_reproduced(alteration, inhibitor, category, sources):
    call = matrix_call(alteration).calls[inhibitor]
    departure = DEPARTURES.get((alteration.split(" ")[0], inhibitor))
    if departure is not None:
        assert call.category == departure[0] and departure[1] in call.note, (call.category, call.note)
    elif category:
        if call.category != category:
            assert call.category == "conflicting", (call.category, category)
            named = names_in(call.note.split(" | ")[0])
            assert named & cell_keys(sources) and named - cell_keys(sources), call.note  # both sides named
    elif call.category != "unknown":
        # the matrix had nothing: the call comes from CIViC items or statements read later, or is a
        # compound inferred by the stated rule (RULES.md section 4) and marked so
        assert call.inferred or all(s.startswith("EID") or s.split("(")[0] in CURATED for s in call.sources), (
            call.sources
        )
    if category:
        assert cell_keys(sources) <= names_in(" ".join(call.sources)), (sources, call.sources)


def test_departures_are_matrix_cells():
    cells = {(a.split(" ")[0], i) for a, i, _, _ in MATRIX_CELLS}
    assert set(DEPARTURES) <= cells


def civic_items():
    for item in shared("civic_alk_evidence.tsv"):
        therapies = [CIVIC_THERAPY[t.strip()] for t in item["therapies"].split(";") if t.strip() in CIVIC_THERAPY]
        if item["evidence_type"] != "Predictive" or not therapies or item["therapy_interaction_type"] == "Combination":
            continue
        changes = [I1171_ITEMS.get(item["evidence_id"], m) for m in item["alk_kd_mutations"].split(";") if m]
        if changes:
            yield item, "+".join(changes), therapies


CIVIC_ITEMS = list(civic_items())


def test_civic_extract_has_the_expected_kinase_domain_items():
    assert len(CIVIC_ITEMS) >= 55
    assert {"EID843", "EID844", "EID1351", "EID1354", "EID38", "EID1271"} <= {
        i["evidence_id"] for i, _, _ in CIVIC_ITEMS
    }


# CIViC items the clinical review re-read (section 1): EID38 describes high-dose rescue of resistance
REREAD = {"EID38": "not a vote"}


@pytest.mark.parametrize("item,alteration,therapies", CIVIC_ITEMS, ids=[i["evidence_id"] for i, _, _ in CIVIC_ITEMS])
def test_every_civic_kinase_domain_item_is_reflected(item, alteration, therapies):
    expected = "resistant" if item["significance"] == "Resistance" else "sensitive"
    if item["evidence_direction"] == "Does not support":  # RULES.md section 2
        assert item["significance"] == "Sensitivity/Response"
        expected = "resistant"
    call = KB.call(parse_alteration(alteration))
    assert call.resistance in ("known", "activating")
    if "+" in alteration:
        assert call.compound_rule == "knowledge_base"
    eid = item["evidence_id"]
    for inhibitor in therapies:
        result = call.calls[inhibitor]
        if result.inferred and "this compound's own entry rests on other contexts only" in result.note:
            # a compound entry of other contexts only, beside a part's NSCLC call (RULES.md 4): named, with its context
            votes = [v for v in call_of_entry(alteration, inhibitor).votes if v.statement.civic_eid == eid]
            assert votes and all(f"{eid}" in result.note and v.statement.context in result.note for v in votes)
            continue
        assert any(s.startswith(eid + "(") for s in result.sources), result.sources
        votes = [v for v in result.votes if v.statement.civic_eid == eid]
        if eid in REREAD:
            assert all(not v.votes for v in votes) and REREAD[eid] in result.note
        elif result.category not in (expected, "conflicting"):
            # the item is outvoted only by the stated rule: its context is not NSCLC (and the note
            # says which context it is), or its measurement is graded (and the note shows the grade)
            for v in votes:
                if not v.statement.in_nsclc_context:
                    assert eid in result.note and v.statement.context in result.note, result.note
                else:
                    assert v.graded and v.grade.rule in result.note, (eid, result.note)
        if result.category == "conflicting":
            assert eid in result.note.split(" | ")[0]


def call_of_entry(alteration: str, inhibitor: str):
    """The compound entry's own call (its statements), before RULES.md 4 weighs it against its parts'."""
    return KB._known(alteration, compound_rule="knowledge_base").calls[inhibitor]


def test_civic_amplification_items_are_reflected():
    call = KB.call(parse_alteration("ALK amplification"))
    assert call.calls["crizotinib"].category == "resistant"
    for eid in ("EID440", "EID766", "EID767"):
        assert eid in call.evidence


def test_the_remaining_conflict_names_both_sides():
    call = KB.call_variant("E1210K", 1210, True).calls["brigatinib"]
    assert call.category == "conflicting"
    head = next(part for part in call.note.split(" | ") if part.startswith("conflicting: "))
    assert {"SAB17", "JAIN17"} <= names_in(head) and " vs " in head


def test_a_variant_preclinical_item_against_the_fusion_clinical_evidence_is_listed_not_a_vote():
    """RULES.md 3.7 (clinical review 2026-12, finding 3): EID1197 (level D) no longer makes v3 'conflicting'."""
    call = KB.call_fusion("EML4", "v3").calls["crizotinib"]
    assert call.category == "sensitive" and "EID1197(PMID:22912387)" in call.sources
    assert "a preclinical study reported reduced in-vitro sensitivity of v3 (CIViC D, rating 2) [EID1197]" in call.note


# --------------------------------------------------------------------------------------------
# the rule
# --------------------------------------------------------------------------------------------
def statement(category, key="X", kind="review"):
    return Statement("G1202R", "alectinib", category, kind, (key,))


def test_combine_agreement_disagreement_and_silence():  # statements in the default context: NSCLC
    assert combine([]).category == "unknown"
    assert combine([statement("resistant", "A"), statement("resistant", "B")]).category == "resistant"
    mixed = combine([statement("resistant", "A", "clinical_trial"), statement("sensitive", "B", "preclinical")])
    assert mixed.category == "conflicting"  # clinical does not silently outrank preclinical
    assert mixed.note.startswith("conflicting: sensitive per B vs resistant per A")
    assert mixed.evidence_kinds == ("clinical_trial", "preclinical")
    assert combine([statement("unknown", "A")]).category == "unknown"
    assert combine([statement("unknown", "A"), statement("sensitive", "B")]).category == "sensitive"


def test_every_call_has_every_inhibitor():
    for alteration in KB.alterations():
        call = KB.call(parse_alteration("EML4::ALK") if alteration == "ALK fusion" else parse_alteration(alteration))
        assert set(call.calls) == set(INHIBITORS)
        assert all(c.category in CATEGORIES for c in call.calls.values())
        assert all(c.sources for c in call.calls.values() if c.category != "unknown")


# --------------------------------------------------------------------------------------------
# resistance classes (consequence.py forms)
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "change,position,in_kd,resistance",
    [
        ("G1202R", 1202, True, "known"),
        ("R1275Q", 1275, True, "activating"),
        ("G1128A", 1128, True, "activating"),
        ("F1245C", 1245, True, "known"),  # neuroblastoma statements, but NSCLC resistance too
        ("R1275L", 1275, True, "kinase_domain_vus"),  # an activating residue is not a resistance residue
        ("T1151dup", 1151, True, "known"),
        ("T1151_L1152insT", 1151, True, "known"),
        ("G1202K", 1202, True, "residue"),
        ("G1202del", 1202, True, "residue"),
        ("D1203N", 1203, True, "residue"),
        ("G1202*", 1202, True, "kinase_domain_vus"),
        ("G1202Afs*10", 1202, True, "kinase_domain_vus"),
        ("A1200V", 1200, True, "kinase_domain_vus"),
        ("R1231Q", 1231, True, "kinase_domain_vus"),
        ("L1196=", 1196, True, "none"),
        ("P100L", 100, False, "none"),
        (None, None, False, "none"),
    ],
)
def test_resistance_class(change, position, in_kd, resistance):
    call = KB.call_variant(change, position, in_kd)
    assert call.resistance == resistance
    if resistance not in ("known", "activating"):
        assert {c.category for c in call.calls.values()} == {"unknown"}
        assert call.evidence == ()


def test_g1202k_never_borrows_g1202r_calls():
    call = KB.call_variant("G1202K", 1202, True)
    assert all(c.category == "unknown" and not c.sources for c in call.calls.values())


@settings(max_examples=200, deadline=None)
@given(st.integers(1116, 1383), st.sampled_from("ACDEFGHIKLMNPQRSTVWY"))
def test_unlisted_kinase_domain_missense_is_never_called(position, new):
    from alkannot.alterations import reference_protein

    change = f"{reference_protein()[position - 1]}{position}{new}"
    if change.endswith(change[0]) or change in KB.alterations():
        return
    call = KB.call_variant(change, position, True)
    assert call.resistance in ("residue", "kinase_domain_vus")
    assert {c.category for c in call.calls.values()} == {"unknown"}


# --------------------------------------------------------------------------------------------
# compounds and fusions
# --------------------------------------------------------------------------------------------
def test_compound_entry_used_when_present():
    call = KB.call_compound(["L1198F", "C1156Y"], phase="cis (FORMAT PS)")
    assert call.alteration == "C1156Y+L1198F" and call.compound_rule == "knowledge_base"
    assert call.phase == "cis (FORMAT PS)"
    assert call.calls["crizotinib"].category == "sensitive" and not call.calls["crizotinib"].inferred
    assert call.calls["lorlatinib"].category == "resistant"
    assert "EID844" in call.evidence and "EID843" in call.evidence


def test_compound_without_entry_is_inferred_least_favourable():
    call = KB.call_compound(["G1202R", "L1196M"])
    assert call.alteration == "L1196M+G1202R" and call.compound_rule == "inferred_least_favourable"
    calls = call.calls
    assert all(c.inferred for c in calls.values())
    assert calls["ceritinib"].category == "resistant"  # L1196M sensitive, G1202R resistant
    assert calls["brigatinib"].category == "resistant"  # L1196M sensitive, G1202R resistant (KB 2.0)
    assert calls["lorlatinib"].category == "unknown"  # both sensitive, but the compound is untested
    assert "REC20" in calls["lorlatinib"].sources and "not called sensitive" in calls["lorlatinib"].note
    assert calls["ensartinib"].category == "unknown"  # G1202R has no ensartinib statement
    assert calls["lorlatinib"].ic50_nM is None and calls["lorlatinib"].sources


def test_trans_changes_do_not_use_the_compound_entry():
    call = KB.call_compound(["C1156Y", "L1198F"], phase="trans (PGT/PID)")
    assert call.compound_rule == "trans_least_favourable"
    assert call.calls["crizotinib"].category == "resistant"  # the C1156Y clone
    assert call.calls["crizotinib"].inferred


def test_only_kinase_domain_changes_take_part():
    call = KB.call_compound(["G1202R", "P100L", "L1196="])
    assert call.alteration == "G1202R" and call.compound_rule is None
    assert call.calls["alectinib"].category == "resistant"


def test_fusion_reference_and_variant():
    ref = KB.call_fusion()
    assert ref.alteration == "EML4::ALK" and ref.resistance == "none"
    for inhibitor in ("crizotinib", "ceritinib", "alectinib", "brigatinib", "ensartinib", "lorlatinib"):
        assert ref.calls[inhibitor].category == "sensitive"
        assert "clinical_trial" in ref.calls[inhibitor].evidence_kinds
    for inhibitor in ("neladalkib", "gilteritinib", "tpx0131"):
        assert ref.calls[inhibitor].category == "unknown"
    v3 = KB.call_fusion("EML4", "v3")
    assert v3.alteration == "EML4::ALK v3a/b" and "EID1197" in v3.evidence
    assert KB.call_fusion("KIF5B").calls["alectinib"].category == "sensitive"


# --------------------------------------------------------------------------------------------
# parsing, inhibitors, sources
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,kind,canonical",
    [
        ("G1202R", "mutation", "G1202R"),
        ("p.G1202R", "mutation", "G1202R"),
        ("p.Gly1202Arg", "mutation", "G1202R"),
        ("G1202R+L1196M", "compound", "L1196M+G1202R"),
        ("G1202R/L1196M", "compound", "L1196M+G1202R"),
        ("EML4::ALK v3", "fusion", "EML4::ALK v3a/b"),
        ("EML4-ALK", "fusion", "EML4::ALK"),
        ("1151Tins", "mutation", "T1151dup"),
        ("p.Thr1151_Leu1152insThr", "mutation", "T1151dup"),
        # CIViC's and ic50.tsv's 'T1151insT' is T1151dup (clinical audit of stop 34, finding 1: every call unknown)
        ("T1151insT", "mutation", "T1151dup"),
        ("p.T1151insT", "mutation", "T1151dup"),
        ("T1151insT+L1196M", "compound", "T1151dup+L1196M"),
        # HGVS 3' rule: an L inserted before L1152 is L1152dup; an insertion that repeats nothing stays one
        ("T1151_L1152insL", "mutation", "L1152dup"),
        ("T1151_L1152insLL", "mutation", "L1152_P1153insLL"),
        ("T1151_L1152insA", "mutation", "T1151_L1152insA"),
        # at the C-terminus (P1620, the last residue): a dup where it repeats, else as written (review of stop 34's
        # changes, finding 2: an IndexError)
        ("P1620insP", "mutation", "P1620dup"),
        ("G1619_P1620insP", "mutation", "P1620dup"),
        ("G1619_P1620insPA", "mutation", "G1619_P1620insPA"),
        ("ALK amplification", "amplification", "amplification"),
    ],
)
def test_parse_alteration(text, kind, canonical):
    parsed = parse_alteration(text)
    assert (parsed.kind, parsed.text) == (kind, canonical)


@pytest.mark.parametrize(
    "text", ["", "G1202", "X1202R", "G9999R", "EML4", "G1202R+G1202R", "KIF5B::ALK v3", "hello", "P1620insA"]
)
def test_parse_alteration_rejects(text):
    with pytest.raises(ValueError):
        parse_alteration(text)


def test_pgp_transport_and_tumour_resistance_are_separate_properties():
    """Clinical review 2026-11 section 3: ABCB1 transport (pharmacokinetics) is not the same as P-gp
    overexpression making the tumour resistant (Katayama 2016)."""
    resistance = {i.name: i.pgp_confers_resistance for i in KB.inhibitors()}
    transport = {i.name: i.abcb1_transport for i in KB.inhibitors()}
    assert resistance == {
        "crizotinib": "yes",
        "ceritinib": "yes",
        "alectinib": "no",
        "brigatinib": "unknown",
        "ensartinib": "conflicting",
        "lorlatinib": "no",
        "neladalkib": "unknown",
        "gilteritinib": "unknown",
        "tpx0131": "unknown",
        "iruplinalkib": "unknown",
        "envonalkib": "unknown",
    }
    # lorlatinib is transported (PMID 29744867) yet P-gp overexpression did not affect it in the tumour model
    assert transport["lorlatinib"] == "modest" and "LI18LOR" in KB.inhibitor("lorlatinib").abcb1_transport_sources
    assert transport["brigatinib"] == "yes" and transport["ensartinib"] == "yes" and transport["crizotinib"] == "yes"
    assert transport["alectinib"] == "no" and "ALEC_IC14" in KB.inhibitor("alectinib").abcb1_transport_sources
    assert set(KB.inhibitor("ensartinib").pgp_confers_resistance_sources) == {"WU22ENS", "VAG20"}
    for name in ("ceritinib", "crizotinib", "alectinib", "lorlatinib"):
        assert "KAT16" in KB.inhibitor(name).pgp_confers_resistance_sources
    assert KB.source("LI18LOR").pmid == "29744867" and KB.source("TANG14").pmid == "24037730"
    assert KB.source("LI18BRIG").doi == "10.1016/j.phrs.2018.09.020"


@pytest.mark.parametrize(
    "name,inhibitor",
    [
        ("Xalkori", "crizotinib"),
        ("PF-02341066", "crizotinib"),
        ("zykadia", "ceritinib"),
        ("LDK378", "ceritinib"),
        ("Alecensa", "alectinib"),
        ("CH5424802", "alectinib"),
        ("ALUNBRIG", "brigatinib"),
        ("AP26113", "brigatinib"),
        ("Ensacove", "ensartinib"),
        ("X-396", "ensartinib"),
        ("Lorbrena", "lorlatinib"),
        ("Lorviqua", "lorlatinib"),
        ("PF-06463922", "lorlatinib"),
        ("NVL-655", "neladalkib"),
        ("nvl655", "neladalkib"),
        ("ASP2215", "gilteritinib"),
        ("Xospata", "gilteritinib"),
        ("TPX-0131", "tpx0131"),
        ("tpx 0131", "tpx0131"),
        ("WX-0593", "iruplinalkib"),
        ("wx0593", "iruplinalkib"),
        ("Iruplinalkib", "iruplinalkib"),
        ("ENVONALKIB", "envonalkib"),
    ],
)
def test_inhibitor_by_brand_name_or_development_code(name, inhibitor):
    assert KB.inhibitor_for_name(name) == inhibitor and KB.inhibitor(name).name == inhibitor


def test_inhibitor_names_are_sourced_from_the_inhibitor_table():
    assert KB.inhibitor_for_name("aspirin") is None
    assert KB.source("KAT16").pmid == "26870817"
    assert KB.inhibitor("NVL-655").name == "neladalkib" and KB.inhibitor("TPX-0131").name == "tpx0131"
    assert len(KB.inhibitors()) == len(INHIBITORS)


def test_trans_clones_keep_a_favourable_single_call_but_cis_does_not():
    singles = {c: KB.call_variant(c, None, True).calls["lorlatinib"].category for c in ("L1196M", "G1269A")}
    assert set(singles.values()) == {"sensitive"}
    trans = KB.call_compound(["L1196M", "G1269A"], phase="trans (PGT/PID)")
    cis = KB.call_compound(["L1196M", "G1269A"], phase="cis (FORMAT PS)")
    assert trans.calls["lorlatinib"].category == "sensitive" and trans.calls["lorlatinib"].inferred
    assert (
        cis.calls["lorlatinib"].category == "unknown"
        and "no statement on the compound itself" in cis.calls["lorlatinib"].note
    )


def test_investigational_agents_say_so():
    call = KB.call_variant("C1156Y", 1156, True)  # no statement for any of the three
    for agent in ("neladalkib", "tpx0131", "gilteritinib"):
        note = call.calls[agent].note
        assert call.calls[agent].category == "unknown"
        assert "investigational" in note and "no mutation-level data for this alteration" in note


def test_does_not_support_is_not_worded_as_resistance():
    note = KB.call_fusion("EML4", "v3").calls["crizotinib"].note
    assert "EID1197: CIViC: does not support sensitivity (no sensitivity seen)" in note
    assert "resistant per EID1197" not in note
    assert "about v3a/b itself: EID1193, EID1197" in note
    weak = Statement(
        "G1202R",
        "alectinib",
        "resistant",
        "preclinical",
        ("CIVIC",),
        civic_eid="EID9",
        note="CIViC: does not support sensitivity",
    )
    mixed = combine([statement("sensitive", "A"), weak])
    assert (
        "no sensitivity seen (CIViC 'does not support') per EID9" in mixed.note
        and "resistant per EID9" not in mixed.note
    )


def test_compound_entry_silent_on_an_inhibitor_falls_back_to_the_inferred_rule():
    call = KB.call_compound(["C1156Y", "L1198F"], phase="cis (FORMAT PS)")
    single = KB.call_variant("C1156Y", 1156, True).calls["ceritinib"].category
    assert single == "resistant"
    assert call.calls["ceritinib"].category == "resistant" and call.calls["ceritinib"].inferred
    assert not call.calls["lorlatinib"].inferred  # the compound entry itself speaks for lorlatinib


def test_the_agent_map_is_the_inhibitor_tables_built_once():
    """kb.agents: one map of each inhibitor to how the sources write it, for the INFO keys, `kb export` and the JSON
    (re-reading of stop 27); the inhibitor table's `agent` column, in its order."""
    kb = load_knowledge_base()
    rows = read_tsv("kb", "inhibitors.tsv")
    assert kb.agents == {r["inhibitor"]: r["agent"] for r in rows}
    assert list(kb.agents) == list(kb.inhibitor_names) and kb.agents["tpx0131"] == "TPX-0131"
    assert kb.agents == {n: kb.inhibitor(n).agent for n in kb.inhibitor_names}
    assert kb.agents is kb.agents  # memoised
