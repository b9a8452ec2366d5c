"""Clinical review of stop 32: what the report says in the cases of tests/data/review32 (PROVENANCE.md there),
through the installed CLI.

1. A P-gp check recommended after a drug P-gp overexpression only may reduce (brigatinib: its transport by ABCB1 is
   pharmacokinetic; no source tested resistance) is named as such in the HTML's recommended box and triage list,
   not beside the crizotinib and ceritinib cases without a word.
2. After alectinib with no ALK mutation, lorlatinib's response rate carries the caveat guidance 4.1 gives after any
   second-generation inhibitor: SHAW19 (as news summaries report it) and GAI16's ceritinib-resistant cells; after
   ceritinib GAI16's own caveat, after lorlatinib none.
3. A known resistance mutation the verdict does not count (also in the matched normal; filtered) is named in the
   P-gp note, never 'no ALK resistance mutation was found' beside it.
4. A GRCh37 G1202R read with --build GRCh38 (no ##contig line to tell the build) is warned about.
5. A call no patient's statement decides (brigatinib and I1171T: SAB17's in-vitro listing) is marked
   '(preclinical only)' wherever a call is printed: TSV, JSON, HTML, ALK_CALL_QUALIFIERS, Calls=, lookup.
6. Trials read only through someone else's text (iruplinalkib, envonalkib) are `review` evidence (RULES.md 1).
8. An `unknown` that no statement decides (TPX-0131: PMO21 listed, not counted) is not marked '(subclonal basis)'.
10. A positive ABCB1 IHC beside an ALK mutation that explains a progression on ceritinib ('may contribute as well')
    is named in the TSV's off_target_candidates and MultiQC's off_target, as the note says it.
11. `alkannot report` on an annotated VCF whose fusion status came from the sample sheet does not say the SV
    evidence is missing from the file.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from helpers import annotated_report, run

from alkannot import kbfiles

DATA = Path(__file__).parent / "data" / "review32"
FUSION = ("--sv", DATA / "fusion_only_sv.vcf", "--min-vaf", "0.05")


def fusion_only(tmp_path: Path, drug: str) -> tuple[dict, str]:
    document, html = annotated_report(DATA / "fusion_only.vcf", DATA / f"after_{drug}.tsv", tmp_path / drug, *FUSION)
    (sample,) = document["samples"]
    return sample, html


# ------------------------------------------------------------------ finding 1
def test_the_recommended_box_names_a_check_after_brigatinib_as_not_established(tmp_path):
    sample, html = fusion_only(tmp_path, "brigatinib")
    assert sample["pgp_check"] == "recommended"
    assert sample["pgp"]["context"] == "after_possibly_affected"
    assert "T (after brigatinib: P-gp&#39;s effect on it not established)" in html
    assert "T (P-gp check recommended; after brigatinib: P-gp&#39;s effect on it not established)" in html
    # the note says what its sources say: transport is pharmacokinetic, resistance untested
    assert "has not been tested in the sources read" in sample["pgp"]["note"]


def test_the_recommended_box_after_crizotinib_carries_no_such_words(tmp_path):
    sample, html = fusion_only(tmp_path, "crizotinib")
    assert sample["pgp"]["context"] == "after_affected"
    assert "effect on it not established" not in html


# ------------------------------------------------------------------ finding 2
OTHER = (
    "after at least one second-generation ALK inhibitor it was more effective in patients with ALK mutations than in "
    "those without, as two news summaries of that analysis report it (the paper was not read) [SHAW19, "
    "doi:10.1200/JCO.18.02236], and ceritinib-resistant patient-derived cells without ALK mutations were resistant "
    "to it [GAI16"
)
CERITINIB = "so lorlatinib may be less effective when no ALK mutation is found"


def test_after_alectinib_lorlatinib_figures_carry_gai16_with_its_scope(tmp_path):
    sample, _ = fusion_only(tmp_path, "alectinib")
    note = sample["inhibitors"]["lorlatinib"]["note"]
    assert "objective response rate 32.1% after one ALK inhibitor other than crizotinib" in note
    assert OTHER in note and "GAI16" in note
    assert CERITINIB not in note


def test_after_ceritinib_gai16_is_said_as_before(tmp_path):
    sample, _ = fusion_only(tmp_path, "ceritinib")
    assert CERITINIB in sample["inhibitors"]["lorlatinib"]["note"]
    assert OTHER not in sample["inhibitors"]["lorlatinib"]["note"] + sample["pgp"]["note"]


def test_after_lorlatinib_no_gai16_caveat(tmp_path):
    sample, _ = fusion_only(tmp_path, "alectinib_lorlatinib")
    said = " ".join([sample["pgp"]["note"], *sample["notes"], *(c["note"] for c in sample["inhibitors"].values())])
    assert OTHER not in said and CERITINIB not in said


# ------------------------------------------------------------------ finding 3
@pytest.mark.parametrize(
    "vcf, named",
    [
        ("g1202r_in_normal_tn.vcf", "G1202R (VAF 49.0%) is also found in the matched normal"),
        ("g1202r_filtered_tn.vcf", "G1202R (VAF 49.0%) failed the caller's filter (weak_evidence;germline)"),
    ],
)
def test_an_uncounted_known_mutation_is_named_not_denied(tmp_path, vcf, named):
    document, _ = annotated_report(DATA / vcf, DATA / "after_alectinib.tsv", tmp_path / "r", "--min-vaf", "0.05")
    (sample,) = document["samples"]
    note = sample["pgp"]["note"]
    assert "no ALK resistance mutation was found" not in note
    assert f"progressed most recently on alectinib, and no ALK resistance mutation was counted: {named}." in note
    # listed, not counted: the verdict does not rest on it
    assert [m["protein_change"] for m in sample["alk_mutations"]] == ["G1202R"]
    assert sample["mechanism"] != "on_target" and sample["pgp_check"] == "low_yield"


@pytest.mark.parametrize("vcf", ["g1202r_in_normal_tn.vcf", "g1202r_filtered_tn.vcf"])
@pytest.mark.parametrize("sheet", ["after_ceritinib.tsv", "after_ceritinib_ihc_positive.tsv"])
def test_an_uncounted_known_mutation_holds_back_gai16_everywhere(tmp_path, vcf, sheet):
    # GAI16 is about cells without ALK mutations: an uncounted G1202R may be the tumour's, so neither the P-gp note,
    # nor the sample's notes, nor the lorlatinib cell says it (one test, PgpInputs.alk_change_read, decides for all)
    document, _ = annotated_report(DATA / vcf, DATA / sheet, tmp_path / "r", "--min-vaf", "0.05")
    (sample,) = document["samples"]
    said = " ".join([sample["pgp"]["note"], *sample["notes"], *(c["note"] for c in sample["inhibitors"].values())])
    assert "G1202R" in sample["pgp"]["note"]
    assert CERITINIB not in said and "GAI16" not in said


def test_a_kinase_domain_vus_holds_back_gai16_everywhere(tmp_path):
    # L1240S is an ALK mutation, of unknown significance: 'no ALK mutation is found' is not said beside it, in the
    # P-gp note or the lorlatinib cell alike (review of stop 33's change, finding 14: the note said it, the cell not)
    document, _ = annotated_report(
        DATA / "l1240s.vcf", DATA / "after_ceritinib.tsv", tmp_path / "r", "--min-vaf", "0.05"
    )
    (sample,) = document["samples"]
    said = " ".join([sample["pgp"]["note"], *sample["notes"], *(c["note"] for c in sample["inhibitors"].values())])
    assert "L1240S" in sample["pgp"]["note"] and "GAI16" not in said


def test_without_a_known_mutation_the_note_still_says_none_was_found(tmp_path):
    sample, _ = fusion_only(tmp_path, "alectinib")
    assert "and no ALK resistance mutation was found." in sample["pgp"]["note"]
    assert "was counted" not in sample["pgp"]["note"]


# ------------------------------------------------------------------ finding 4
def test_a_grch37_record_read_as_grch38_is_warned_about(tmp_path):
    # G1202R at its GRCh37 position with no ##contig line to tell the build by (written here: a file in tests/data
    # is reported without --build by test_report_schema_callers)
    vcf = tmp_path / "g1202r_grch37_no_contig.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\n"
        "2\t29443613\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.31\n"
    )
    wrong = run("annotate", vcf, "--build", "GRCh38", "-o", tmp_path / "wrong.vcf", text=True)
    assert wrong.returncode == 0, wrong.stderr
    assert (
        "g1202r_grch37_no_contig.vcf: 1 record(s) match the ALK coding sequence at GRCh37 positions and none at "
        "GRCh38 positions: check the build (--build GRCh37)" in wrong.stderr
    )
    right = run("annotate", vcf, "--build", "GRCh37", "-o", tmp_path / "right.vcf", text=True)
    assert right.returncode == 0, right.stderr
    assert "check the build" not in right.stderr
    assert "ALK_HGVSC=c.3604G>A" in (tmp_path / "right.vcf").read_text()


# ------------------------------------------------------------------ finding 6
def test_trials_read_through_secondary_text_are_review_evidence():
    """Another paper's text is `review`; a news report (ASCOPOST23) is `secondary` since knowledge base 2.0.23
    (clinical reading of stop 41, finding 9); neither is `clinical_trial`."""
    with open(kbfiles.bundled_directory() / "calls.tsv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["inhibitor"] in ("iruplinalkib", "envonalkib")]
    assert {r["sources"] for r in rows} >= {"SHI23INT", "ASCOPOST23", "ZHAO26", "FRONT25"}
    kinds = {r["sources"]: r["evidence_kind"] for r in rows}
    assert kinds.pop("ASCOPOST23") == "secondary" and set(kinds.values()) == {"review"}


# ------------------------------------------------------------------ finding 8
def tsv_row(prefix: Path) -> dict[str, str]:
    with open(f"{prefix}.tsv", newline="") as handle:
        (row,) = csv.DictReader(handle, delimiter="\t")
    return row


def test_an_unknown_no_statement_decides_is_not_marked_subclonal(tmp_path):
    document, _ = annotated_report(
        DATA / "g1202r_low_vaf.vcf", DATA / "after_alectinib.tsv", tmp_path / "r", "--min-vaf", "0.05"
    )
    calls = document["samples"][0]["inhibitors"]
    assert calls["tpx0131"]["category"] == "unknown" and not calls["tpx0131"]["subclonal"]
    assert calls["crizotinib"]["category"] == "resistant" and calls["crizotinib"]["subclonal"]
    row = tsv_row(tmp_path / "r")
    assert row["tpx0131"] == "unknown"
    assert row["crizotinib"] == "resistant (subclonal basis)"


# ------------------------------------------------------------------ finding 10
def test_a_positive_ihc_beside_an_explaining_mutation_is_a_listed_candidate(tmp_path):
    document, html = annotated_report(
        DATA / "g1202r.vcf", DATA / "after_ceritinib_ihc_positive.tsv", tmp_path / "r", "--min-vaf", "0.05"
    )
    (sample,) = document["samples"]
    assert sample["mechanism"] == "on_target"
    assert "P-gp overexpression may contribute as well" in sample["pgp"]["note"]
    assert tsv_row(tmp_path / "r")["off_target_candidates"] == "ABCB1 ihc_positive"
    with open(tmp_path / "r_mqc.tsv", newline="") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if not r[0].startswith("#")]
    assert dict(zip(rows[0], rows[1]))["off_target"] == "ABCB1 ihc_positive"
    assert "P-gp overexpression (ABCB1 IHC positive, sample sheet)" in html


def test_a_positive_ihc_after_alectinib_is_no_candidate(tmp_path):
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\tabcb1_ihc\nT\tpositive:IHC\talectinib\tpositive\n")
    annotated_report(DATA / "g1202r.vcf", sheet, tmp_path / "r", "--min-vaf", "0.05")
    assert tsv_row(tmp_path / "r")["off_target_candidates"] == ""


# ------------------------------------------------------------------ finding 11
def test_a_recorded_status_from_the_sheet_is_said_as_such(tmp_path):
    annotated_report(DATA / "g1202r.vcf", DATA / "after_ceritinib.tsv", tmp_path / "first", "--min-vaf", "0.05")
    again = run("report", tmp_path / "first.vcf", "--out", tmp_path / "again", text=True)
    assert again.returncode == 0, again.stderr
    notes = " ".join(json.loads((tmp_path / "again.json").read_text())["samples"][0]["notes"])
    assert "(then from the sample sheet's ALK status)" in notes
    assert "the SV evidence itself is not in this file" not in notes


# ------------------------------------------------------------------ finding 5
PRECLINICAL_ONLY = {  # every single-change call of knowledge base 2.0.21 no patient's statement decides
    "C1156F": {"lorlatinib"},
    "F1174I": {"lorlatinib"},
    "F1245C": {"lorlatinib"},
    "G1128A": {"crizotinib"},
    "G1128S": {"lorlatinib"},
    "I1171S": {"brigatinib"},
    "I1171T": {"brigatinib"},
    "N1178H": {"lorlatinib"},
    "R1192P": {"crizotinib"},
    "R1275Q": {"lorlatinib"},
    "T1151dup": {"alectinib"},
    "V1180L": {"ceritinib", "brigatinib"},
}


def test_the_preclinical_only_calls_of_the_knowledge_base():
    from alkannot.kbfiles import load_knowledge_base
    from alkannot.readings import marked_preclinical

    kb = load_knowledge_base()
    found: dict[str, set[str]] = {}
    for change in kb.alterations():
        single = re.fullmatch(r"[A-Z](\d+)[A-Za-z]+", change)  # G1202R, T1151dup; not a compound or a fusion
        if single is None:
            continue
        calls = kb.call_variant(change, int(single.group(1)), True).calls
        for name, call in calls.items():
            if marked_preclinical(call):
                found.setdefault(change, set()).add(name)
                # every deciding statement is from cells, animals or an in-vitro review listing; none in silico
                assert not call.in_silico_only and call.category != "unknown"
                assert {v.statement.evidence_kind for v in call.deciding_votes} <= {"preclinical", "review"}
    assert found == PRECLINICAL_ONLY
    # a call a patient's statement decides is not marked: G1202R and crizotinib (LIN17T2, SEED, CIViC)
    assert not marked_preclinical(kb.call_variant("G1202R", 1202, True).calls["crizotinib"])


def test_a_preclinical_only_call_is_marked_wherever_it_is_printed(tmp_path):
    document, html = annotated_report(
        DATA / "i1171t.vcf", DATA / "after_alectinib.tsv", tmp_path / "r", "--min-vaf", "0.05"
    )
    calls = document["samples"][0]["inhibitors"]
    assert calls["brigatinib"]["category"] == "sensitive" and calls["brigatinib"]["preclinical_only"]
    assert not calls["ceritinib"]["preclinical_only"]  # KAT14's patient decides it too
    # the curators' reference to the project's own review is not the reader's (final review of stop 32)
    # the pooled LIN18JTO series is shown; 'limited clinical activity' is the abstract's word for its whole cohort (2.0.31)
    note = calls["brigatinib"]["note"]
    assert "'limited clinical activity', is about its whole alectinib-refractory cohort" in note
    assert "(clinical review" not in note
    assert not calls["alectinib"]["preclinical_only"]  # the patient's progression
    row = tsv_row(tmp_path / "r")
    assert row["brigatinib"] == "sensitive (preclinical only)"
    assert row["ceritinib"] == "sensitive"
    assert "sensitive</span> (preclinical only)" in html
    vcf = (tmp_path / "r.vcf").read_text()
    assert "ALK_CALL_QUALIFIERS=brigatinib:preclinical_only" in vcf
    assert "brigatinib:sensitive(preclinical_only)" in vcf  # ##alkannotSample Calls=
    looked = run("lookup", "I1171T", "--json", text=True)
    assert looked.returncode == 0, looked.stderr
    (result,) = json.loads(looked.stdout)["results"]
    brigatinib = result["calls"]["brigatinib"]
    assert (brigatinib["category"], brigatinib["preclinical_only"]) == ("sensitive", True)
    table = run("lookup", "I1171T", text=True).stdout
    assert "sensitive (preclinical only)" in table and "# (preclinical only) = every statement" in table


def test_a_check_the_sheet_shows_done_says_so_on_the_card(tmp_path):
    # 'P-gp (ABCB1) check: recommended. Recommended (done): ...' read as an order beside the positive IHC; the card
    # says it as the tag and the box do (clinical report reading of stop 33, finding 5); the flag keeps its value
    sample, html = fusion_only(tmp_path, "ceritinib_ihc_positive")
    assert sample["pgp_check"] == "recommended" and sample["pgp"]["abcb1_ihc"] == "positive"
    assert "<b>P-gp (ABCB1) check: done, IHC positive.</b>" in html
    assert "P-gp (ABCB1) check: recommended." not in html


def test_a_call_resting_on_another_context_is_marked_wherever_a_call_is_printed(tmp_path):
    # I1171N+L1196M+G1202R in cis after crizotinib: lorlatinib resistant rests on one EML4-ALK pleural mesothelioma
    # case (EID11114); the cell says '(other context)' as lookup does (clinical report reading of stop 33, finding 3).
    # I1171N+L1196M, the example before, is called from its parts' NSCLC statements since the clinical review of stop
    # 38 (finding 1: RULES.md 4), so none of its calls is marked
    review38 = DATA.parent / "review38"
    document, html = annotated_report(
        review38 / "i1171n_l1196m_g1202r_cis.vcf", DATA / "after_crizotinib.tsv", tmp_path / "r"
    )
    (sample,) = document["samples"]
    marked = {name for name, call in sample["inhibitors"].items() if call["other_context"]}
    assert marked == {"lorlatinib"} and document["schema_version"] == "2.31"
    table = (tmp_path / "r.tsv").read_text()
    # and the one case behind it is said (clinical reading of stop 41, finding 8: case_report_only)
    assert "resistant (one case report) (other context)" in table
    assert "resistant</span> (one case report) (other context)" in html
    assert "lorlatinib:resistant(case_report_only,other_context)" in (tmp_path / "r.vcf").read_text()  # Calls=
    before, _ = annotated_report(DATA / "i1171n_l1196m_cis.vcf", DATA / "after_crizotinib.tsv", tmp_path / "b")
    assert not any(call["other_context"] for call in before["samples"][0]["inhibitors"].values())
