"""Findings of rev50's review fixed by helper clin50b, through the installed command on example_vcfs/ (README's first
command) and tests/data.

1. The HTML card printed one sentence twice: P3_T's "it contains G1202R, ...: it may explain this progression, though
   no source in the knowledge base reports on this compound alone and lorlatinib." in its P-gp note and in its Notes
   (stop42's C04 L1198F+G1202R alike; review19's M5 L1256F with "whether it explains this progression is not known").
   The card says it once, in the P-gp note; the TSV and JSON keep both, each column standing alone.
2. Review19's M2 (I1171N, IHC positive after ceritinib): the P-gp note gave KAT16's finding in full and the GAI16 note
   repeated it trimmed to lorlatinib ("... but not resistance to lorlatinib (PF-06463922) ..."), which read as if
   KAT16 had not tested alectinib. KAT16 is said once per sample: the GAI16 note names the P-gp note where it says it,
   and elsewhere (after alectinib, then ceritinib: the P-gp note offers lorlatinib's figures only) gives the finding
   for both drugs the study tested.
3. With --min-vaf and no treatment history, where F1174L explains every drug after which the check is recommended
   (review19's M3 with tests/test_clin49c_review.py's edited knowledge base), the note said the purity condition
   before the calls and again after them ("The check is not indicated if F1174L is in most tumour cells; ..."): once.
4. MultiQC's alk_mutations nested brackets, "G1202R (in the knowledge base (statements on this change), VAF=0.318)":
   now "G1202R (in the knowledge base: statements on this change; VAF 0.318)", as the column's description says.
"""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path

import pytest
from helpers import EXAMPLES, annotated_report, run
from test_clin49c_review import PURITY, SHEET, every_drug_kb  # noqa: F401 (a fixture)

DATA = Path(__file__).resolve().parent / "data"
C08 = DATA / "stop42_review_hc" / "C08_negative_after_brigatinib"
KAT16 = (
    "in cell models, P-gp overexpression conferred crizotinib and ceritinib resistance but not resistance to alectinib "
    "or lorlatinib (PF-06463922), and from these findings the study authors suggest that alectinib or lorlatinib could "
    "overcome P-gp-mediated crizotinib or ceritinib resistance, with no clinical data on P-gp-positive tumours in the "
    "sources read (preclinical)"
)
# as the P-gp note says it after its lead gave ceritinib's P-gp effect (statements.tsv ..._after_lead; clinical read of
# stop 52: the lead, this sentence and the P-gp facts each said it)
KAT16_AFTER_LEAD = (
    "in the same study's cell models, P-gp overexpression did not confer resistance to alectinib or lorlatinib "
    "(PF-06463922), and from these findings the study authors suggest that alectinib or lorlatinib could overcome "
    "P-gp-mediated crizotinib or ceritinib resistance, with no clinical data on P-gp-positive tumours in the sources "
    "read (preclinical)"
)
TRIMMED = "but not resistance to lorlatinib (PF-06463922)"
C04 = DATA / "stop42_clinical" / "C04_G1202R_L1198F_cis_after_lorlatinib"
COMPOUND = (
    "it contains G1202R, a change found in lorlatinib-resistant compound ALK mutations from patients and cell models "
    "[SHI22, PMC9732888; OKA19, PMC6441848; REC20, PMID 31585938; PEL21, doi:10.1158/1538-7445.AM2021-1468]: it may "
    "explain this progression, though no source in the knowledge base reports on this compound alone and lorlatinib."
)


def _card(page: str, sample: str) -> str:
    """The HTML card of `sample`, unescaped: from its <article> to the next."""
    start = page.index(f'<article class="card" id="s-{sample}"')
    return html.unescape(page[start : page.index("</article>", start)])


def _notes(card: str) -> str:
    return card[card.index("<p><b>Notes</b></p>") :] if "<p><b>Notes</b></p>" in card else ""


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> dict[str, dict]:
    """README's first command (GRCh38, --sv, --fusions P5_T=, the sample sheet, --min-vaf 0.05): the JSON samples by
    name, each with its TSV row ('row'), its HTML card ('card'), its MultiQC row ('mqc') and the MultiQC table's text
    ('mqc_header')."""
    folder, prefix = EXAMPLES / "GRCh38", tmp_path_factory.mktemp("clin50b") / "alk_report"
    result = run(
        "annotate", folder / "tumor_normal.vcf", "--sv", folder / "sv.vcf",
        "--fusions", f"P5_T={folder / 'fusions.tsv'}", "--samples", EXAMPLES / "samples.tsv", "--min-vaf", "0.05",
        "-o", f"{prefix}.vcf.gz", "-W", "--report", prefix, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = Path(f"{prefix}.html").read_text()
    with open(f"{prefix}.tsv", newline="") as handle:
        rows = {r["sample"]: r for r in csv.DictReader(handle, delimiter="\t")}
    doc = json.loads(Path(f"{prefix}.json").read_text())
    lines = [line for line in Path(f"{prefix}_mqc.tsv").read_text().splitlines() if not line.startswith("#")]
    mqc = {r["Sample"]: r for r in csv.DictReader(lines, delimiter="\t")}
    header = Path(f"{prefix}_mqc.tsv").read_text()
    return {
        s["sample"]: {
            **s,
            "row": rows[s["sample"]],
            "card": _card(page, s["sample"]),
            "mqc": mqc[s["sample"]],
            "mqc_header": header,
        }
        for s in doc["samples"]
    }


def test_p3_t_card_says_the_compound_sentence_once_the_tsv_in_both_columns(example):
    p3 = example["P3_T"]
    assert (
        "L1196M+G1202R (cis), which has no genotype-based lorlatinib call in the knowledge base, is present: "
        + COMPOUND
    ) in p3["pgp"]["note"]
    note = "L1196M+G1202R (cis) is present; the knowledge base has no genotype-based lorlatinib call for it, but "
    assert note + COMPOUND in p3["notes"]  # the JSON's notes keep it
    assert p3["row"]["pgp_note"] == p3["pgp"]["note"] and note + COMPOUND in p3["row"]["notes"]  # each TSV column
    assert p3["card"].count(COMPOUND) == 1  # the card: in the P-gp note only
    assert COMPOUND in p3["card"][: p3["card"].index("<p><b>Notes</b></p>")]
    assert note not in p3["card"]
    # the Notes keep what the P-gp note does not say: the case report and the group statements
    assert "L1196M+G1202R (cis): a case report on I1171N, L1196M and G1202R found together" in _notes(p3["card"])


def test_c04_and_m5_cards_leave_out_the_note_their_p_gp_note_says(tmp_path):
    doc, page = annotated_report(C04.with_suffix(".in.vcf"), C04.with_suffix(".samples.tsv"), tmp_path / "c04")
    c04 = {s["sample"]: s for s in doc["samples"]}["C04_T"]
    note = "L1198F+G1202R (cis) is present; the knowledge base has no genotype-based lorlatinib call for it, but "
    assert note + COMPOUND in c04["notes"]
    card = _card(page, "C04_T")
    assert card.count(COMPOUND) == 1 and note not in card
    doc, page = annotated_report(DATA / "review19" / "muts.vcf", DATA / "review19" / "m2.sheet.tsv", tmp_path / "m")
    m5 = {s["sample"]: s for s in doc["samples"]}["M5"]
    note = (
        "L1256F is present; the knowledge base has no genotype-based crizotinib call for it, so whether it explains "
        "the progression on crizotinib is not known."
    )
    assert m5["notes"] == [note]  # the JSON keeps it
    assert (
        "L1256F, which has no genotype-based crizotinib call in the knowledge base, is present: whether it explains "
        "this progression is not known."
    ) in m5["pgp"]["note"]
    card = _card(page, "M5")
    assert note not in card and "<p><b>Notes</b></p>" not in card  # its one note is the P-gp note's
    # M2's note on I1171N, sensitive to ceritinib, is what the P-gp note's lead says of it: since rev51 (finding 1,
    # note kind sensitive_to_latest) the card leaves it out too; the JSON keeps it
    m2 = _card(page, "M2")
    (m2_doc,) = [s for s in doc["samples"] if s["sample"] == "M2"]
    sensitive = "I1171N is present, but the knowledge base calls it sensitive to ceritinib: it does not explain the "
    assert any(n.startswith(sensitive) for n in m2_doc["notes"]) and sensitive not in m2
    assert "(I1171N (VAF 30.0%) is sensitive to ceritinib in the knowledge base [" in m2_doc["pgp"]["note"]
    assert "I1171N (VAF 30.0%) is sensitive to ceritinib in the knowledge base" in m2


def test_m2_says_kat16_once_and_in_full(tmp_path):
    doc, page = annotated_report(DATA / "review19" / "muts.vcf", DATA / "review19" / "m2.sheet.tsv", tmp_path / "m")
    m2 = {s["sample"]: s for s in doc["samples"]}["M2"]
    assert (m2["mechanism"], m2["pgp_check"]) == ("off_target_candidate", "recommended")  # P-gp, IHC positive
    assert f"With P-gp IHC positive: {KAT16_AFTER_LEAD} [KAT16]" in m2["pgp"]["note"]
    (gai16,) = [n for n in m2["notes"] if n.startswith("Ceritinib-resistant patient-derived cells without ALK")]
    assert gai16.endswith(
        "and the sources read do not say whether these findings apply to such a tumour; in this tumour P-gp "
        "overexpression is shown (ABCB1 IHC positive): the P-gp note gives what cell models with P-gp overexpression "
        "showed for lorlatinib [KAT16, PMID 26870817; SEED, press release on KAT16]."
    )
    assert TRIMMED not in json.dumps(m2) and TRIMMED not in page
    # the card's Notes do not say it again (its P-gp note does; lorlatinib's cell, a drug's own sourced activity, too)
    assert "P-gp overexpression conferred crizotinib and ceritinib resistance" not in _notes(_card(page, "M2"))
    cell = m2["inhibitors"]["lorlatinib"]["note"]
    assert f"With P-gp IHC positive: {KAT16} [KAT16" in cell  # the study's finding, not lorlatinib's row alone
    # the sample's sources keep KAT16 and SEED
    assert {"KAT16", "SEED"} <= set(m2["pgp"]["sources"])


def test_where_the_p_gp_note_does_not_say_kat16_the_gai16_note_says_it_in_full(tmp_path):
    """After alectinib, then ceritinib, with IHC positive and no ALK change (stop42's C08 VCF): the P-gp note offers
    lorlatinib's trial figure, not the P-gp rows; the GAI16 note gives KAT16's finding for both drugs it tested, then
    SEED's, each once."""
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\tabcb1_ihc\tabcb1_tpm\nC08_T\tpositive:IHC\talectinib;ceritinib\tpositive\t\n"
    )
    doc, _ = annotated_report(C08 / "in.vcf", sheet, tmp_path / "c08", "--sv", str(C08 / "sv.vcf"))
    (c08,) = doc["samples"]
    assert "conferred crizotinib and ceritinib resistance" not in c08["pgp"]["note"]
    (gai16,) = [n for n in c08["notes"] if n.startswith("Ceritinib-resistant patient-derived cells without ALK")]
    assert gai16.endswith(
        f"so lorlatinib may be less effective when no ALK mutation is found; in this tumour P-gp overexpression is "
        f"shown (ABCB1 IHC positive): {KAT16} [KAT16, PMID 26870817]; alectinib and lorlatinib were active at low "
        "concentrations in P-gp-overexpressing ceritinib-resistant patient-derived cells (preclinical) [SEED, press "
        "release on KAT16]."
    )
    assert TRIMMED not in gai16


def test_m3_with_min_vaf_says_the_purity_condition_once(tmp_path, every_drug_kb):  # noqa: F811
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(SHEET)
    doc, _ = annotated_report(
        DATA / "review19" / "muts.vcf", sheet, tmp_path / "r", "--kb", str(every_drug_kb), "--min-vaf", "0.05"
    )
    (m3,) = [s for s in doc["samples"] if s["sample"] == "M3"]
    note = m3["pgp"]["note"]
    assert (m3["pgp_check"], m3["pgp"]["context"]) == ("not_indicated", "explained_by_mutation")
    assert (
        f"and envonalkib (every inhibitor whose activity P-gp overexpression reduces or may reduce, or whose P-gp effect is unknown) {PURITY}: F1174L (VAF 30.0%) is resistant to crizotinib"
        in note
    )
    assert note.endswith(
        "and to envonalkib (reviews only) [LIN17T2] in the knowledge base. The check is then not indicated; if F1174L is in part of "
        "the tumour only and the patient progressed on crizotinib, ceritinib, brigatinib, ensartinib, neladalkib, "
        "gilteritinib, TPX-0131, iruplinalkib or envonalkib, P-gp (ABCB1) IHC can still be considered, as for a "
        "tumour without an explaining mutation."
    )
    assert note.count("in most tumour cells") == 1


def test_multiqc_alk_mutations_read_without_nested_brackets(example):
    assert (
        example["P1_T"]["mqc"]["alk_mutations"]
        == "G1202R (in the knowledge base: statements on this change; VAF 0.318)"
    )
    assert example["P3_T"]["mqc"]["alk_mutations"] == (
        "G1202R (in the knowledge base: statements on this change; VAF 0.300); "
        "L1196M (in the knowledge base: statements on this change; VAF 0.287)"
    )
    assert example["P7_T"]["mqc"]["alk_mutations"] == (
        "C1156Y (in the knowledge base: statements on this change; VAF 0.030; subclonal or low-level)"
    )
    assert (
        example["P6_T"]["mqc"]["alk_mutations"] == "L1240S (kinase-domain variant of unknown significance; VAF 0.237)"
    )
    # the TSV keeps its tokens; the column's description gives both forms
    assert example["P7_T"]["row"]["alk_mutations"] == "C1156Y(known VAF=0.030 low_vaf)"
    assert (
        "ALK changes on NM_004304.5, each as LABEL (resistance class; VAF x; flags), the TSV’s LABEL(CLASS VAF=x "
        "FLAG...) in words"
    ) in example["P1_T"]["mqc_header"]
    for s in example.values():
        assert "((" not in s["mqc"]["alk_mutations"] and ") " not in s["mqc"]["alk_mutations"].replace("); ", "")


def test_an_activating_change_reads_with_a_colon_in_multiqc(tmp_path):
    annotated_report(DATA / "review19" / "muts.vcf", DATA / "review19" / "m2.sheet.tsv", tmp_path / "m")
    lines = [line for line in (tmp_path / "m_mqc.tsv").read_text().splitlines() if not line.startswith("#")]
    mqc = {r["Sample"]: r["alk_mutations"] for r in csv.DictReader(lines, delimiter="\t")}
    assert mqc["M6"] == "R1275Q (activating: not a resistance mutation; VAF 0.300)"
