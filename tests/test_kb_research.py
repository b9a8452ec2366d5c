"""Knowledge base 2.0, part 2: the statements read in the kb2 literature research
(tools/kb_curation/statements_research.tsv, notes_research.tsv, inhibitors_override.tsv; decisions in
resources/kb/PROVENANCE.md section 4). Each new alteration x inhibitor pair is checked for its call,
its note and its sources, on the bundled knowledge base and through the installed entry point."""

import csv
import json
import subprocess
from pathlib import Path

import pytest

from alkannot.alterations import parse_alteration
from alkannot.kbfiles import load_knowledge_base

ROOT = Path(__file__).parent.parent
CURATION = ROOT / "tools" / "kb_curation"
# the class statements' opening, in clinical words (stop 48 review: it was "class statement, no call:")
GROUP = "a statement about compound ALK mutations as a group, not a call on this mutation"
KB = load_knowledge_base()
APPROVED_BEFORE_2021 = ("crizotinib", "ceritinib", "alectinib", "brigatinib", "lorlatinib")


def call(alteration, inhibitor):
    return KB.call(parse_alteration(alteration)).calls[inhibitor]


def statements(alteration, inhibitor, key):
    return [s for s in KB.statements_for(alteration) if s.inhibitor == inhibitor and s.key == key]


def curation(name):
    with open(CURATION / name, encoding="utf-8") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def run(*args):
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


# ----------------------------------------------------------------------- Mizuta 2021 (MIZ21)
@pytest.mark.parametrize("compound", ["I1171N+F1174I", "I1171N+L1198H"])
@pytest.mark.parametrize("inhibitor", APPROVED_BEFORE_2021)
def test_miz21_compounds_resist_every_tki_approved_when_the_abstract_was_written(compound, inhibitor):
    c = call(compound, inhibitor)
    assert c.category == "resistant" and not c.inferred and c.sources == ("MIZ21",)
    assert c.evidence_kinds == ("preclinical",) and "resistant to all the approved ALK-TKIs" in c.note
    named_in_vivo = compound == "I1171N+F1174I" and inhibitor in ("alectinib", "lorlatinib")
    assert ("regrew within a short period of time" in c.note) == named_in_vivo
    if not named_in_vivo:  # the abstract names no drug: the note says which were taken and why
        assert "naming no drug" in c.note and "not ensartinib" in c.note


@pytest.mark.parametrize("compound", ["I1171N+F1174I", "I1171N+L1198H"])
def test_miz21_does_not_speak_for_ensartinib(compound):
    c = call(compound, "ensartinib")
    assert c.category == "unknown" and c.inferred and "MIZ21" not in c.sources


def test_gilteritinib_on_i1171n_f1174i_is_sensitive_preclinical():
    c = call("I1171N+F1174I", "gilteritinib")
    assert c.category == "sensitive" and c.sources == ("MIZ21",) and c.evidence_kinds == ("preclinical",)
    assert "markedly shrunk after switching to the gilteritinib" in c.note
    assert "its ALK activity is investigational" in c.note
    (s,) = statements("I1171N+F1174I", "gilteritinib", "MIZ21")
    assert (s.disease, s.background) == ("NSCLC", "EML4-ALK")
    source = KB.source("MIZ21")
    assert (
        source.doi == "10.1038/s41467-021-21396-w" and "Gilteritinib overcomes lorlatinib resistance" in source.citation
    )


@pytest.mark.parametrize("compound", ["I1171N+L1198H", "I1171N+L1198F", "I1171N+L1196M", "I1171N+L1196M+G1202R"])
def test_i1171n_class_statement_is_a_note_not_a_gilteritinib_call(compound):
    """The abstract's class sentence ('I1171N compound mutants') calls no compound it does not name with gilteritinib:
    I1171N+L1198H, named only as resistant to the approved drugs, was called sensitive from it (clinical audit of
    stop 34, finding 4; RULES.md 1)."""
    result = KB.call(parse_alteration(compound))
    assert result.calls["gilteritinib"].category == "unknown"
    assert "MIZ21" not in result.calls["gilteritinib"].sources
    miz21 = [n for n in result.notes if n.sources == ("MIZ21",)]
    # I1171N+L1198H's own row says 'not a gilteritinib call', the others' I1171N's 'not a call' (stop 48 wording)
    opening = GROUP.replace("not a call", "not a gilteritinib call") if compound == "I1171N+L1198H" else GROUP
    assert len(miz21) == 1 and miz21[0].note.startswith(f"{opening}: gilteritinib 'has an inhibitory effect")
    assert miz21[0].origin.startswith("kb_curation/notes_research.tsv:")


@pytest.mark.parametrize("alteration", ["G1202R", "L1196M+G1202R", "F1174L+G1202R", "F1174C+G1202R", "I1171N"])
def test_lorlatinib_class_statements_are_notes_on_their_members(alteration):
    result = KB.call(parse_alteration(alteration))
    keys = {k for n in result.notes if n.note.startswith(GROUP) for k in n.sources}
    # and on I1171N MIZ21's on gilteritinib and I1171N compounds (clinical review of stop 38, finding 7); on the single
    # changes the design intent of neladalkib and TPX-0131 (OU21, PEL21: clinical review hN, finding 5)
    expected = {"SHI22", "OKA19"} | ({"OU21", "PEL21"} if "+" not in alteration else set())
    assert keys == (expected | {"MIZ21"} if alteration == "I1171N" else expected)
    assert not any(s.key in ("SHI22", "OKA19") for s in KB.statements_for(alteration))  # never a statement
    assert KB.source("SHI22").pmc == "PMC9732888" and KB.source("OKA19").pmc == "PMC6441848"


def test_a_g1202r_compound_without_statements_keeps_its_inferred_lorlatinib_call():
    c = call("L1196M+G1202R", "lorlatinib")
    # CIViC EID11114's lorlatinib statement is on I1171N+L1196M+G1202R, which contains it: not on the compound alone
    assert c.category == "unknown" and c.inferred and "no statement on the compound alone" in c.note


# ----------------------------------------------------------------------- Okada 2019 (OKA19)
# alectinib (in silico only) is listed, not a vote since 2.0.5: tests/test_review12_kb.py (review 12, finding 5)
@pytest.mark.parametrize("inhibitor,expected", [("lorlatinib", "resistant")])
def test_l1256f_from_the_computer_simulation(inhibitor, expected):
    result = KB.call(parse_alteration("L1256F"))
    assert result.resistance == "known"
    c = result.calls[inhibitor]
    assert c.category == expected and c.sources == ("OKA19",) and c.evidence_kinds == ("preclinical",)
    assert "in silico" in c.note and "no cell IC50" in c.note
    (s,) = statements("L1256F", inhibitor, "OKA19")
    assert "computational simulation" in s.assay.lower()


def test_l1256f_says_nothing_about_other_inhibitors():
    result = KB.call(parse_alteration("L1256F"))
    assert {i for i, c in result.calls.items() if c.category != "unknown"} == {"lorlatinib"}


# ----------------------------------------------------------------------- brigatinib reviews
@pytest.mark.parametrize(
    "change", ["C1156Y", "I1171S", "I1171T", "V1180L", "L1196M", "L1152R", "L1152P", "E1210K", "G1269A"]
)
def test_sabari_2017_activity_list_is_a_review_sensitive_vote(change):
    (s,) = [s for s in statements(change, "brigatinib", "SAB17") if s.category == "sensitive"]
    assert s.evidence_kind == "review" and s.pmids == ("28435288",) and "IC50 <50 nM" in s.note
    assert s.ic50_nM is None  # '<50 nM' is no value: it stays in the note
    vote = next(v for v in call(change, "brigatinib").votes if v.statement is s)
    assert vote.votes and vote.category == "sensitive"


def test_e1210k_brigatinib_is_conflicting_because_the_review_says_both():
    c = call("E1210K", "brigatinib")
    assert c.category == "conflicting"
    # each side of SAB17 says its setting (review 21, finding 14)
    assert "conflicting: sensitive per SAB17 (in vitro), JAIN17 vs resistant per SAB17 (clinical resistance)" in c.note
    assert "the same review says both" in c.note and "potential mechanisms of clinical resistance" in c.note
    assert set(c.sources) == {"SAB17(PMID:28435288)", "JAIN17"}
    sab17 = {s.category for s in statements("E1210K", "brigatinib", "SAB17")}
    assert sab17 == {"sensitive", "resistant"}


def test_jain_2017_does_not_outvote_primary_data_on_g1202r():
    c = call("G1202R", "brigatinib")
    assert c.category == "resistant"
    jain = next(v for v in c.votes if v.statement.key == "JAIN17")
    assert not jain.votes and jain.statement.category == "unknown"
    assert "does not outvote the primary data" in jain.statement.note and "EID1351" in jain.statement.note
    sab17 = next(v for v in c.votes if v.statement.key == "SAB17")
    assert sab17.votes and sab17.category == "resistant"
    assert KB.source("JAIN17").doi == "10.2147/LCTT.S126507" and KB.source("JAIN17").pmc == "PMC5648304"


@pytest.mark.parametrize("change", ["L1196M", "E1210K"])
def test_jain_2017_votes_on_its_other_mutations(change):
    (s,) = statements(change, "brigatinib", "JAIN17")
    assert s.category == "sensitive"
    assert any(v.statement is s and v.votes for v in call(change, "brigatinib").votes)


# ----------------------------------------------------------------------- TPX-0131, neladalkib, gilteritinib
@pytest.mark.parametrize("change", ["G1202R", "L1196M"])
def test_tpx0131_trade_press_claims_are_listed_not_voting(change):
    """A company's claim relayed by trade press (no assay, no numbers) is shown with the call but does not make
    a green `sensitive` cell (RULES.md 3.7)."""
    c = call(change, "tpx0131")
    # trade press is `secondary` evidence, not a review, since knowledge base 2.0.23 (stop 41 reading, finding 9)
    assert c.category == "unknown" and c.sources == ("PMO21",) and c.evidence_kinds == ("secondary",)
    assert not any(v.votes for v in c.votes)
    assert "investigational" in c.note and "no statement about this alteration decides a call" in c.note
    assert "listed and not a vote" in c.note and "secondary: trade press, no primary data read" in c.note
    assert "no mutation-level data" not in c.note and "no direction stated" not in c.note
    assert "trade press, secondary" in KB.source("PMO21").citation


def test_neladalkib_has_no_mutation_level_call_and_its_approval_text_is_current():
    for alteration in KB.alterations():
        if alteration[0].isupper() and alteration[1].isdigit():
            c = call(alteration, "neladalkib")
            assert c.category == "unknown" and "investigational" in c.note and "no mutation-level data" in c.note
    info = KB.inhibitor("neladalkib")
    assert info.approvals["us"].startswith("not approved in sources read")
    assert "2026-04-07" in info.approvals["us"] and "secondary" in info.approvals["us"]
    assert {"STOCKTITAN26", "DAILYSCOUT26", "PDN26"} <= set(info.approval_sources)


def test_gilteritinib_note_no_longer_says_mizuta_was_not_retrievable():
    notes = KB.inhibitor("gilteritinib").notes
    assert "not retrievable" not in notes and "MIZ21" in notes and "has been discontinued" in notes


# ----------------------------------------------------------------------- curation hygiene
def test_no_statement_was_added_twice():
    for alteration, inhibitor, key in (
        ("I1171N", "brigatinib", "LIN18JTO"),
        ("G1202R", "brigatinib", "LIN17T2"),
        ("L1196M+D1203N", "lorlatinib", "REC20"),
        ("F1174L+G1202R", "lorlatinib", "REC20"),
        ("C1156Y+G1269A", "lorlatinib", "REC20"),
    ):
        assert len(statements(alteration, inhibitor, key)) == 1, (alteration, inhibitor, key)


def test_every_curated_row_says_where_it_was_read_and_cites_known_sources():
    keys = {s.key for s in KB.sources()}
    extra = {r["key"]: r for r in curation("sources_extra.tsv")}
    rows = curation("statements_research.tsv") + curation("notes_research.tsv")
    # 29 after I1171N+L1198H x gilteritinib left (clinical audit of stop 34, finding 4); 30 with HEU11's G1269S x
    # crizotinib (knowledge base 2.0.49, tools/kb_curation/reading_stop53b_calls.md)
    assert len(curation("statements_research.tsv")) == 30
    for row in rows:
        assert row["where_read"].strip(), row
        assert set(row["sources"].split(";")) <= keys, row
    for key in {k for row in rows for k in row["sources"].split(";")}:
        if key in ("OU21", "PEL21"):  # shared/kb/sources.md's (the design-intent rows: clinical review hN, finding 5)
            assert KB.source(key).doi and KB.source(key).citation, key
            continue
        assert extra[key]["where_read"].strip() and extra[key]["citation"].strip(), key


# ----------------------------------------------------------------------- through the entry point
def test_lookup_json_shows_gilteritinib_on_i1171n_f1174i():
    out = json.loads(run("alkannot", "lookup", "--json", "I1171N+F1174I"))
    result = out["results"][0]
    assert result["compound_rule"] == "knowledge_base"
    gilteritinib = result["calls"]["gilteritinib"]
    assert gilteritinib["category"] == "sensitive" and gilteritinib["sources"] == ["MIZ21"]
    assert "markedly shrunk" in gilteritinib["statements"][0]["note"]
    assert any(n["sources"] == ["SHI22"] for n in result["notes"])
    assert out["sources"]["MIZ21"]["doi"] == "10.1038/s41467-021-21396-w"


def test_site_vcf_carries_l1256f(tmp_path):
    site = tmp_path / "alk_kb.vcf.gz"
    run("alkannot", "kb", "export", "--format", "vcf", "--build", "GRCh38", "-o", site)
    rows = run(
        "bcftools",
        "query",
        "-i",
        'ALK_HGVSP="p.L1256F"',
        "-f",
        "%ALK_RESISTANCE\t%ALK_ALECTINIB\t%ALK_LORLATINIB\t%ALK_EVIDENCE\n",
        site,
    ).splitlines()
    assert rows and all(r.split("\t")[:3] == ["known", "unknown", "resistant"] for r in rows)


def test_the_stale_inference_note_on_c1156y_l1198f_says_what_the_call_rests_on():
    """The matrix note 'Crizotinib call is an inference ... verify before use' read as if the re-challenge call were
    unconfirmed; it rests on CIViC EID844, which records the case with the compound (clinical audit of stop 34,
    finding 3)."""
    (note,) = [n for n in KB.call(parse_alteration("C1156Y+L1198F")).notes if n.note.startswith("Crizotinib call")]
    assert "verify before use [superseded: the crizotinib call rests on CIViC EID844 (PMID 26698910)" in note.note
    assert "LIN17T2 and CGI are listed, not counted" in note.note
    # nor do the listed LIN17T2 and CGI rows say it of the call (review of stop 34's changes, finding 3)
    crizotinib = KB.call(parse_alteration("C1156Y+L1198F")).calls["crizotinib"]
    assert crizotinib.category == "sensitive" and "verify before use" not in crizotinib.note
    assert "the case it points to is the one CIViC EID844 records with the compound" in crizotinib.note


def test_ensartinib_generation_is_worded_as_envonalkibs():
    """ZHAO26 calls ensartinib second-generation, FRONT25 lists it among 'second- and third-generation': one source
    says it, as for envonalkib (clinical audit of stop 34, finding 5)."""
    rows = {r["inhibitor"]: r for r in KB.inhibitor_rows}
    assert rows["ensartinib"]["generation"].startswith("not stated in two sources read ('second-generation' in one")
    assert not rows["ensartinib"]["generation"].startswith("2nd")  # the after-second-generation caveat: unchanged
