"""Clinical review of stop 49 (helper clin49), through the installed command on tests/data and the example.

1. A compound whose LOWER-VAF part explains the progression on the latest drug (tests/data/compound_minor's
   M3_alectinib_20pct: G1202R at 20%, resistant to alectinib on its own [LIN17T2; PEL21; EID1350], beside L1196M at 40%,
   alectinib-sensitive [LIN17T2; EID141], phase not determined, after alectinib): the P-gp note's lead opened
   "progressed most recently on alectinib, and no clonal ALK mutation is known to explain it (L1196M ...)", G1202R
   only in the lead's last clause, without its call. It now names G1202R first, with its VAF beside L1196M's and its
   alectinib call with the sources, as C03_T's lead names G1202R since stop 48; then that no clonal change explains it.
   With a clonality cut-off above G1202R's VAF (no compound then), the lead opened the same way and named G1202R last,
   "; G1202R (VAF 20.0%), below the clonality cut-off set for this run, may explain it only in part": it leads too.
1b. The sample's first note said "L1196M on its own is called sensitive to alectinib, but here it may be part of
   L1196M+G1202R (...), which is resistant to alectinib ...: whether the changes together explain the progression on
   alectinib depends on the compound", naming neither G1202R nor its own alectinib call: G1202R is resistant to
   alectinib alone, so in the cells carrying it the phase does not decide it. The note now says so.
2. The HTML card's mutation table printed "0.300 (AF)" and "phase set 29220747 (read-backed), haplotype 2" with no
   legend: a line under the table now says what the brackets mean, for the brackets the table shows. The fusion call
   above it, "EML4::ALK v3a/b [positive; kinase retained; EML4:intron6|ALK:intron19; DNA: sv.vcf PR=15 SR=18]", had
   none either: a legend line under the fusion list says what the bracket holds.
3. The page's reading of the grid's marks (PageReading.marked) recorded 'progressed_on' for a re-sensitised call,
   which the grid draws 'R', not 'P': a grid of such cells only would have printed a 'P' legend line with no P cell.
4. (fresh read) A positive ABCB1 IHC after brigatinib with nothing explaining the progression (stop42_review_hc's
   C20_T) opened "... only if P-gp overexpression reduces the activity of brigatinib, which the sources read do not
   settle (see below)", and below: "... has not been tested in the sources read (the one read on brigatinib and P-gp
   [LI18BRIG] measured its transport by ABCB1 ...)". No source disagrees: none tested it. It now reads "have not
   tested (see below)"; ensartinib, on which WU22ENS and VAG20 disagree, keeps "do not settle".
5. (fresh read) I1171T after lorlatinib (tests/data/review32) read "I1171T is present and the knowledge base calls it
   sensitive to lorlatinib on its own [LIN17T2], but lorlatinib-resistant compound ALK mutations involve it [SHI22;
   OKA19]", as if every such compound did; SHI22's "most ... involve ALK G1202R or I1171N/S/T" is of the two groups
   together (stop 48, finding 4 reworded the same claim in the other notes). It now reads "but it is a change found
   in lorlatinib-resistant compound ALK mutations from patients and cell models [...]".
6. (fresh read) After crizotinib then lorlatinib (tests/data/resensitisation's R3), the low-yield note said "A positive
   P-gp IHC would argue against giving crizotinib again: P-gp overexpression reduces its activity [KAT16]": KAT16's is
   a cell-model finding, which the P-gp facts say ("in cell models"); the sentence now says so too.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest
from helpers import annotated_report, readme_reports, run

from alkannot.report.page_reading import PageReading
from alkannot.report.sample_marks import grid_mark_lines

DATA = Path(__file__).resolve().parent / "data"

M3_LEAD = (
    "progressed most recently on alectinib; G1202R (VAF 20.0%, lower than L1196M's 40.0%), which on "
    "its own is resistant to alectinib in the knowledge base [LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468; "
    "EID1350(PMID:25727400)], and L1196M+G1202R (phase not determined), in the part of the tumour carrying G1202R, may "
    "explain it only in part; no clonal ALK mutation is known to explain it (L1196M (VAF 40.0%) is sensitive to "
    "alectinib in the knowledge base [LIN17T2; EID141(PMID:21575866)]: not expected to cause alectinib resistance)."
)


@pytest.fixture(scope="module")
def minor(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("clin49_minor") / "r"
    doc, page = annotated_report(
        DATA / "compound_minor" / "compound_minor_grch38.vcf", DATA / "compound_minor" / "samples.tsv", prefix
    )
    with open(f"{prefix}.tsv", newline="") as handle:
        rows = {r["sample"]: r for r in csv.DictReader(handle, delimiter="\t")}
    return {s["sample"]: s for s in doc["samples"]}, rows, page


def test_the_minor_part_that_explains_the_progression_leads_the_pgp_note(minor):
    samples, rows, page = minor
    s = samples["M3_alectinib_20pct"]
    assert (s["mechanism"], s["pgp_check"]) == ("on_target_possible", "low_yield")  # unchanged
    assert s["pgp"]["note"].startswith("Low yield: " + M3_LEAD)
    # G1202R's alectinib call and its sources, as the card's alectinib row gives them
    assert s["inhibitors"]["alectinib"]["sources"] == ["LIN17T2", "PEL21", "EID1350(PMID:25727400)"]
    assert s["pgp"]["sources"][:4] == ["LIN17T2", "PEL21", "EID1350(PMID:25727400)", "EID141(PMID:21575866)"]
    assert rows["M3_alectinib_20pct"]["pgp_note"].startswith("Low yield: " + M3_LEAD)
    card = html.unescape(page.split('id="s-M3_alectinib_20pct"', 1)[1].split("</article>", 1)[0])
    assert "Progressed most recently on alectinib; G1202R (VAF 20.0%, lower than L1196M's 40.0%)" in card
    # the clonal part's own call, which settles the crizotinib progression, keeps its wording (M2)
    assert samples["M2_crizotinib_3pct"]["pgp"]["note"].startswith("Not indicated: L1196M (VAF 40.0%) is resistant")


def _card(page: str, sample: str) -> str:
    return page.split(f'id="s-{sample}"', 1)[1].split("</article>", 1)[0]


def test_the_mutation_tables_brackets_have_a_legend(tmp_path):
    samples, _, page, _ = readme_reports(tmp_path / "r")
    p3 = html.unescape(_card(page, "P3_T"))
    assert "0.300 (AF)" in p3 and "phase set 29220747 (read-backed), haplotype 2" in p3
    legend = re.search(r'<p class="small legend">Brackets in this table: (.*?)</p>', _card(page, "P3_T")).group(1)
    assert html.unescape(legend) == (
        "VAF (AF) = the caller's allele fraction (FORMAT AF). Phase set N (read-backed) = the caller phased the change "
        "from reads (FORMAT PS); haplotype 1 or 2 is the side of the phased genotype it is on: two changes of one phase "
        "set on the same haplotype are in cis, on different ones in trans."
    )
    # a card without a phase set has no phase line; a card without a mutation has no legend
    p1 = html.unescape(_card(page, "P1_T"))
    assert "Brackets in this table: VAF (AF) = the caller's allele fraction (FORMAT AF).</p>" in p1
    assert samples["P4_T"]["alk_mutations"] == [] and "Brackets in this table" not in _card(page, "P4_T")


def test_the_legend_names_the_format_field_each_vaf_was_read_from(tmp_path):
    """FreeBayes (AO/RO) and Strelka2 (tier-1 base counts) VAFs: the legend says how each was read."""
    pages = {}
    for name in ("freebayes_grch38.vcf", "strelka2_somatic_snvs_grch37.vcf"):
        prefix = tmp_path / name.split("_")[0]
        result = run("annotate", DATA / name, "--report", prefix, "-o", f"{prefix}.vcf", text=True)
        assert result.returncode == 0, result.stderr
        pages[name] = html.unescape(Path(f"{prefix}.html").read_text())
    assert (
        "VAF (AO) = FreeBayes' alternate-allele observations over reference plus alternate ones"
        in (pages["freebayes_grch38.vcf"])
    )
    assert re.search(
        r"VAF \((AU|CU|GU|TU)\) = Strelka2's tier-1 counts of this base", pages["strelka2_somatic_snvs_grch37.vcf"]
    )


def test_a_resensitised_call_records_no_p_legend_line(tmp_path):
    """R1 (tests/data/resensitisation): crizotinib → ceritinib → lorlatinib, C1156Y+L1198F in cis, clonal; with a
    clonality cut-off its crizotinib cell is the genotype's (sensitive), marked re-sensitised, drawn 'R'. A grid whose
    columns hold only that call (a knowledge base with crizotinib alone) drew 'R' and printed 'P (framed) = ...'."""
    doc, page = annotated_report(
        DATA / "resensitisation" / "resens_grch38.vcf",
        DATA / "resensitisation" / "samples.tsv",
        tmp_path / "rs",
        "--min-vaf",
        "0.05",
    )
    r1 = next(s for s in doc["samples"] if s["sample"] == "R1_C1156Y_L1198F")
    crizotinib = r1["inhibitors"]["crizotinib"]
    assert crizotinib["progressed_on"] and crizotinib["resensitised"] and crizotinib["category"] == "sensitive"
    alone = dict(r1, inhibitors={"crizotinib": crizotinib})
    marked = PageReading([alone]).marked
    assert "resensitised" in marked and "progressed_on" not in marked
    lines = grid_mark_lines(marked, 0.05, 200)
    assert any(line.startswith("R (framed) = ") for line in lines)
    assert not any(line.startswith("P (framed) = ") for line in lines)
    # the whole cohort's grid has P cells (each latest drug) and R cells: both lines, as drawn
    everyone = PageReading(doc["samples"]).marked
    assert {"progressed_on", "resensitised"} <= everyone
    assert "P (framed) = (progressed)" in html.unescape(page) and "R (framed) = (progressed earlier" in page


def test_the_compound_note_names_the_minor_part_that_explains_the_progression(minor):
    samples, rows, _ = minor
    note = (
        "L1196M on its own is called sensitive to alectinib, but here it may be part of L1196M+G1202R (phase not "
        "determined), which is resistant to alectinib as inferred from its parts' calls: G1202R (VAF 20.0%, lower than "
        "L1196M's 40.0%) is resistant to alectinib on its own [LIN17T2; PEL21, "
        "doi:10.1158/1538-7445.AM2021-1468; EID1350(PMID:25727400)], so it may explain the progression on alectinib in "
        "the part of the tumour carrying G1202R, within the compound or alone."
    )
    assert samples["M3_alectinib_20pct"]["notes"][0] == note
    assert rows["M3_alectinib_20pct"]["notes"].startswith(note)
    assert not any("depends on the compound" in n for n in samples["M3_alectinib_20pct"]["notes"])


def test_an_untested_tumour_effect_is_not_said_to_be_unsettled(tmp_path):
    """C20_T: ALK-positive, no ALK mutation, progressed on brigatinib, ABCB1 IHC positive. LI18BRIG measured brigatinib
    transport by ABCB1 only; no source read tested P-gp overexpression in tumour cells against brigatinib."""
    case = DATA / "stop42_review_hc" / "C20_negative_after_brigatinib_IHCpos"
    doc, _ = annotated_report(case / "in.vcf", case / "samples.tsv", tmp_path / "c20", "--sv", str(case / "sv.vcf"))
    note = doc["samples"][0]["pgp"]["note"]
    assert note.startswith(
        "Recommended (done): ABCB1 (P-gp) IHC is positive (sample sheet): a candidate explanation of this progression "
        "only if P-gp overexpression reduces the activity of brigatinib, which the sources read have not tested (see "
        "below). "
    )
    assert "has not been tested in the sources read (the one read on brigatinib and P-gp [LI18BRIG" in note
    assert "do not settle (see below)" not in note
    # ensartinib: the sources read disagree, so 'do not settle' stays (clin47's NOMUTIHC_ensartinib_T)
    clin47 = DATA / "clin47"
    doc, _ = annotated_report(clin47 / "NOMUTIHC.vcf", clin47 / "NOMUTIHC.samples.tsv", tmp_path / "ens")
    ensartinib = next(s for s in doc["samples"] if s["sample"] == "NOMUTIHC_ensartinib_T")
    assert ensartinib["pgp"]["note"].startswith(
        "Recommended (done): ABCB1 (P-gp) IHC is positive (sample sheet): a candidate explanation of this progression "
        "only if P-gp overexpression reduces the activity of ensartinib, which the sources read do not settle (see "
        "below). "
    )


def test_a_single_change_is_not_said_to_be_in_every_resistant_compound(tmp_path):
    review32 = DATA / "review32"
    doc, _ = annotated_report(review32 / "i1171t.vcf", review32 / "after_lorlatinib.tsv", tmp_path / "i1171t")
    (note,) = [n for s in doc["samples"] for n in s["notes"] if n.startswith("I1171T is present and")]
    assert note.startswith(
        "I1171T is present and the knowledge base calls it sensitive to lorlatinib on its own [LIN17T2], but it is a "
        "change found in lorlatinib-resistant compound ALK mutations from patients and cell models [SHI22, PMC9732888"
    )
    assert "compound ALK mutations involve it" not in note


def test_re_use_after_a_positive_ihc_rests_on_a_cell_model_finding(tmp_path):
    data = DATA / "resensitisation"
    doc, _ = annotated_report(data / "resens_grch38.vcf", data / "samples.tsv", tmp_path / "rs")
    r3 = next(s for s in doc["samples"] if s["sample"] == "R3_G1202R_L1198F")
    assert r3["pgp_check"] == "low_yield"
    assert (
        "A positive P-gp IHC would argue against giving crizotinib again: P-gp overexpression reduces its activity in "
        "cell models [KAT16" in r3["pgp"]["note"]
    )


def test_the_fusion_calls_bracket_has_a_legend(tmp_path):
    _, _, page, _ = readme_reports(tmp_path / "r")
    p3 = html.unescape(_card(page, "P3_T"))
    assert "EML4::ALK v3a/b [positive; kinase retained; EML4:intron6|ALK:intron19; DNA: sv.vcf PR=15 SR=18]" in p3
    assert (
        "Brackets after a fusion: its status (positive, or possible: the input does not establish it, the bracket or "
        "the notes say why); kinase retained (ALK's kinase domain is on the fusion's 3' side), reciprocal (only the "
        "junction without ALK's kinase is in the input) or unclear; the partner's and ALK's breakpoints; the evidence "
        "(DNA: the SV file; RNA: the fusion table) with the read support its caller gives, in the caller's own field "
        "names (e.g. Manta's PR, spanning read pairs, and SR, split reads)." in p3
    )
    # P6_T's SV calls show no ALK fusion: no fusion call, no legend line for one
    p6 = _card(page, "P6_T")
    assert "Brackets after a fusion" not in p6


def test_a_change_below_the_cut_off_beside_a_clonal_sensitive_one_leads_too(tmp_path):
    data = DATA / "compound_minor"
    doc, _ = annotated_report(
        data / "compound_minor_grch38.vcf", data / "samples.tsv", tmp_path / "cut", "--min-vaf", "0.25"
    )
    m3 = next(s for s in doc["samples"] if s["sample"] == "M3_alectinib_20pct")
    assert (m3["mechanism"], m3["pgp_check"]) == ("on_target_possible", "low_yield")
    assert m3["pgp"]["note"].startswith(
        "Low yield: progressed most recently on alectinib; G1202R (VAF 20.0%, below the clonality cut-off set for this "
        "run), which is resistant to alectinib in the knowledge base [LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468; "
        "EID1350(PMID:25727400)], may explain it only in part; no clonal ALK mutation is known to explain it (L1196M (VAF "
        "40.0%) is sensitive to alectinib in the knowledge base [LIN17T2; EID141(PMID:21575866)]: not expected to cause "
        "alectinib resistance)."
    )
