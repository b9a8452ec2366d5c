"""Clinical wording of stop 48, through the installed CLI on the bundled example VCF.

1. A kinase-domain change of unknown significance (P6_T's L1240S) in a tumour whose sample sheet says `progressed_on`
   none read "On-target resistance is possible, not established: L1240S ... could cause it only in an ALK-driven
   tumour": a resistance sentence of a tumour that never progressed. It now says that no resistance can be inferred
   from the change, as no progression is recorded; the HTML heading and the TSV/MultiQC mechanism say 'no progression
   recorded' instead of 'on-target possible if ALK-driven', and the P-gp tag is not 'not indicated until the ALK status
   is known' (it stays not indicated once it is known).
2. GAI16/SHAW19's lorlatinib caveat (lorlatinib may be less effective when no ALK mutation is found) was dropped
   beside a mutation that does not explain the progression: P2_T's L1196M after crizotinib and ceritinib (sensitive
   to ceritinib in the knowledge base). It is now said, in the P-gp note and the lorlatinib cell alike, with its scope:
   the change found does not explain the progression, and the sources read do not say whether their findings apply.
"""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path

import pytest
from helpers import annotated_report, readme_reports, run

ROOT = Path(__file__).parent.parent
VCF = ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
SV = ROOT / "example_vcfs" / "GRCh38" / "sv.vcf"
HEADER = "sample\talk_status\tprogressed_on\n"


def _run(tmp_path: Path, rows: str) -> tuple[dict, str, dict, dict]:
    """The example run with a sheet of `rows`: JSON samples by name, the HTML page, TSV rows and MultiQC rows by name."""
    sheet = tmp_path / "samples.tsv"
    sheet.write_text(HEADER + rows)
    doc, page = annotated_report(VCF, sheet, tmp_path / "r", "--sv", SV, "--min-vaf", "0.05")
    with open(tmp_path / "r.tsv", newline="") as handle:
        tsv = {r["sample"]: r for r in csv.DictReader(handle, delimiter="\t")}
    mqc_lines = [line for line in (tmp_path / "r_mqc.tsv").read_text().splitlines() if not line.startswith("#")]
    mqc = {r["Sample"]: r for r in csv.DictReader(mqc_lines, delimiter="\t")}
    return {s["sample"]: s for s in doc["samples"]}, html.unescape(page), tsv, mqc


def _card(page: str, sample: str) -> str:
    card = page[page.index(f'id="s-{sample}"') :]
    return card[: card.index("</article>")]


# ------------------------------------------------------------------ 1: a VUS in a tumour that never progressed
UNTREATED_VUS = (
    "L1240S, a kinase-domain change of unknown significance: the sample sheet records no progression on an ALK "
    "inhibitor (progressed_on none), so no resistance can be inferred from it; ALK positivity is not established "
    "(fusion negative, no positive ALK status in the sample sheet); if the tumour is not ALK-driven, the change may "
    "not matter at all."
)


@pytest.fixture(scope="module")
def untreated(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("stop48_untreated"), "P6_T\t\tnone\n")


def test_an_untreated_vus_says_no_resistance_can_be_inferred(untreated):
    samples, page, tsv, _ = untreated
    p6 = samples["P6_T"]
    assert p6["progressed_on"] == [] and p6["mechanism"] == "on_target_possible"  # the contract's value stays
    assert UNTREATED_VUS in p6["notes"]
    assert UNTREATED_VUS in tsv["P6_T"]["notes"].split(" | ")
    card = _card(page, "P6_T")
    assert UNTREATED_VUS in card
    said = " ".join([*p6["notes"], tsv["P6_T"]["notes"], card])
    assert "On-target resistance is possible" not in said and "could cause it" not in said


def test_an_untreated_vus_heading_and_mechanism_say_no_progression(untreated):
    samples, page, tsv, mqc = untreated
    card = _card(page, "P6_T")
    heading = card[card.index("<h3>") : card.index("</h3>")]
    assert "not assessable (ALK positivity not shown); no progression recorded</span>" in heading
    assert "if ALK-driven" not in heading and "on-target possible" not in heading
    # the check stays not indicated once the ALK status is known: no 'until the ALK status is known'
    assert '<span class="tag not_indicated">P-gp check not indicated</span>' in heading
    expected = "on_target_possible (not assessable: ALK positivity not shown, no progression recorded)"
    assert tsv["P6_T"]["mechanism_qualified"] == expected
    assert expected in mqc["P6_T"].values()
    assert samples["P6_T"]["mechanism_context"] == "not_assessable" and tsv["P6_T"]["mechanism"] == "on_target_possible"


UNTREATED_PGP = (
    "Not indicated: the sample sheet records no progression on an ALK inhibitor, so there is no resistance to explain. "
    "ALK positivity is not established (SV calls cover this sample and none joins ALK; the sample sheet gives no "
    "positive ALK status); confirm the ALK status first."
)


def test_an_untreated_tumour_of_unshown_alk_status_leads_its_pgp_note_with_no_progression(untreated):
    """Stop 48 review: P6_T with progressed_on none and no ALK positivity shown had a P-gp note leading with 'ALK
    positivity is not established ... confirm the ALK status first', not its main reason (nothing to explain)."""
    samples, page, tsv, _ = untreated
    p6 = samples["P6_T"]
    assert p6["pgp"]["note"] == UNTREATED_PGP
    assert (p6["pgp_check"], p6["pgp"]["context"]) == ("not_indicated", "alk_not_established")  # the contract's
    assert tsv["P6_T"]["pgp_note"] == UNTREATED_PGP
    # the card: 'P-gp (ABCB1) check: not indicated.' then the note's text, capitalised
    card = _card(page, "P6_T")
    assert "<b>P-gp (ABCB1) check: not indicated.</b> The sample sheet records no progression" in card
    assert UNTREATED_PGP.removeprefix("Not indicated: the") in card
    assert "progressed on an ALK inhibitor; confirm" not in p6["pgp"]["note"]


def test_an_unknown_history_and_an_alk_positive_untreated_tumour_keep_their_words(tmp_path):
    samples, page, tsv, _ = _run(tmp_path, "P1_T\tpositive:IHC\talectinib\nP4_T\tpositive:IHC\tnone\n")
    # P6_T has no row: its history is unknown, and the sentence names both conditions, as before (stop 47)
    (said,) = [n for n in samples["P6_T"]["notes"] if "L1240S, a kinase-domain change" in n]
    assert said.startswith("On-target resistance is possible, not established: L1240S")
    assert "only if the tumour progressed (treatment history unknown)" in said
    assert (
        tsv["P6_T"]["mechanism_qualified"]
        == "on_target_possible if ALK-driven (not assessable: ALK positivity not shown)"
    )
    heading = _card(page, "P6_T").split("</h3>")[0]
    assert "P-gp check not indicated until the ALK status is known" in heading
    # its P-gp note leads with the ALK status, as before: it may have progressed (stop 48 review)
    assert samples["P6_T"]["pgp"]["note"].startswith("Not indicated: ALK positivity is not established (")
    assert samples["P6_T"]["pgp"]["note"].endswith(
        "The P-gp question applies to ALK-positive tumours that progressed on an ALK inhibitor; confirm the ALK status "
        "first."
    )
    assert samples["P4_T"]["pgp"]["note"].startswith(
        "Not indicated: the sample sheet records no progression on an ALK inhibitor."
    )
    # an ALK-positive tumour that never progressed: 'no progression recorded', as before
    assert tsv["P4_T"]["mechanism_qualified"] == "unexplained (no progression recorded: nothing to explain)"


# ------------------------------------------------------------------ 2: GAI16/SHAW19 beside a non-explaining mutation
SCOPE = (
    "; the ALK change found here is one the knowledge base calls sensitive to the inhibitor last progressed on, so it "
    "does not explain that progression, and the sources read do not say whether these findings apply to such a tumour"
)
AFTER_CERITINIB = (
    ", but ceritinib-resistant patient-derived cells without ALK mutations were resistant to lorlatinib [GAI16"
)
AFTER_OTHER = (
    ", but lorlatinib may be less effective when no ALK mutation is found: after at least one second-generation"
)


@pytest.fixture(scope="module")
def after_ceritinib(tmp_path_factory):
    rows = "P2_T\tpositive:FISH\tcrizotinib;ceritinib\nP4_T\tpositive:IHC\tcrizotinib;ceritinib\n"
    return _run(tmp_path_factory.mktemp("stop48_ceritinib"), rows)


def test_l1196m_after_ceritinib_keeps_the_lorlatinib_caveat_with_its_scope(after_ceritinib):
    samples, page, tsv, _ = after_ceritinib
    p2 = samples["P2_T"]
    assert p2["mechanism"] == "unexplained" and p2["pgp_check"] == "recommended"  # L1196M does not explain it
    note, cell = p2["pgp"]["note"], p2["inhibitors"]["lorlatinib"]
    for text in (note, cell["note"]):
        start = text.index(AFTER_CERITINIB)
        assert "[SHAW19, doi:10.1200/JCO.18.02236]" in text[start:] or "[SHAW19]" in text[start:]
        assert (
            text[start:].split(SCOPE)[0].endswith("so lorlatinib may be less effective when no ALK mutation is found")
        )
    assert {"GAI16", "SHAW19"} <= set(cell["note_sources"]) and {"GAI16", "SHAW19"} <= set(p2["pgp"]["sources"])
    assert SCOPE in tsv["P2_T"]["pgp_note"] and SCOPE in _card(page, "P2_T")
    # said once, in the P-gp note: not again among the sample's notes
    assert not any("GAI16" in n for n in p2["notes"])


def test_no_alk_change_keeps_the_caveat_without_the_scope(after_ceritinib):
    samples, _, _, _ = after_ceritinib
    p4 = samples["P4_T"]
    assert AFTER_CERITINIB in p4["pgp"]["note"] and SCOPE not in p4["pgp"]["note"]
    assert (
        AFTER_CERITINIB in p4["inhibitors"]["lorlatinib"]["note"]
        and SCOPE not in p4["inhibitors"]["lorlatinib"]["note"]
    )


def test_l1196m_after_alectinib_keeps_shaw19s_caveat_in_the_cell(tmp_path):
    samples, _, _, _ = _run(tmp_path, "P2_T\tpositive:FISH\tcrizotinib;alectinib\n")
    cell = samples["P2_T"]["inhibitors"]["lorlatinib"]["note"]
    assert AFTER_OTHER in cell and cell.endswith(SCOPE)


def test_an_explaining_mutation_still_holds_the_caveat_back(tmp_path):
    # G1202R after crizotinib and ceritinib: resistant to ceritinib, it explains the progression; no caveat
    samples, _, _, _ = _run(tmp_path, "P1_T\tpositive:IHC\tcrizotinib;ceritinib\n")
    p1 = samples["P1_T"]
    assert p1["mechanism"] == "on_target"
    said = " ".join([p1["pgp"]["note"], *p1["notes"], *(c["note"] for c in p1["inhibitors"].values())])
    assert "without ALK mutations were resistant to lorlatinib" not in said and "SHAW19" not in said
    assert "GAI16: general finding, not G1202R-specific" in p1["inhibitors"]["lorlatinib"]["note"]  # listed, as before


def test_the_scoped_rows_are_the_caveats_words_and_a_scope():
    from alkannot.sourced_text import statement_sources, statement_text

    for key in ("mutation_negative_lorlatinib", "mutation_negative_lorlatinib_other"):
        scoped = statement_text(f"{key}_unexplaining")
        assert scoped == statement_text(key) + SCOPE
        assert statement_sources(f"{key}_unexplaining") == statement_sources(key)


# ------------------------------------------------------------------ 3: EID11114 beside L1196M+G1202R after lorlatinib
EID11114_NOTE = (
    "L1196M+G1202R (cis): a case report on I1171N, L1196M and G1202R found together in one lorlatinib-resistant "
    "patient, not a call on this compound: EML4-ALK malignant pleural mesothelioma (not NSCLC); plasma NGS at "
    "progression on lorlatinib found G1202R 'in cis with L1196M' beside I1171N, 'suggesting the combination of "
    "concurrent I1171N, L1196M, and G1202R' was responsible (CIViC EID11114, PMID 32600123); no statement on L1196M+G1202R alone [CIVIC]"
)


def test_p3_t_lists_the_triple_case_and_its_lorlatinib_call_stays_unknown(tmp_path):
    samples, tsv, page, _ = readme_reports(tmp_path / "r")
    p3 = samples["P3_T"]
    assert EID11114_NOTE in p3["notes"] and EID11114_NOTE in tsv["P3_T"]["notes"].split(" | ")
    assert EID11114_NOTE in html.unescape(page)
    assert (
        "the genotype-based call alone would be unknown (L1196M+G1202R (cis))" in p3["inhibitors"]["lorlatinib"]["note"]
    )
    assert not any("EID11114" in n for s in samples.values() if s["sample"] != "P3_T" for n in s["notes"])


def test_lookup_names_the_case_as_a_note_not_a_statement():
    result = run("lookup", "L1196M+G1202R", "--json", text=True)
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads(result.stdout)["results"]
    (note,) = [n for n in entry["notes"] if "EID11114" in n["note"]]
    assert note["sources"] == ["CIVIC"] and note["origin"] == "kb_curation/notes_cases.tsv:1"
    call = entry["calls"]["lorlatinib"]
    assert (call["category"], call["inferred"], call["statements"]) == ("unknown", True, [])
