"""An untried drug's cell after a progression is built in one place (alkannot/untried.py), whether its call rests on
the fusion alone or on an ALK mutation that does not explain the progression (stop 25 note, wrong depth; RULES.md
section 8).

The fusion-only cells of an ABCB1-IHC-positive tumour resistant after crizotinib gave the sourced activity without
KAT16's rows on P-gp-overexpressing cells, while the P-gp note beside them listed them and a mutation's cells gave
them. What KAT16 (Katayama et al. 2016, PMID 26870817; shared/kb bypass.md, guidance.md 4.3) reports per drug:
P-gp overexpression confers crizotinib and ceritinib resistance, not resistance to alectinib or lorlatinib
("alectinib, PF-06463922 ... could overcome the ceritinib or crizotinib resistance mediated by P-gp
overexpression", resources/triage/lines_of_therapy.tsv); brigatinib and ensartinib are not settled by the sources
read.
"""

from __future__ import annotations

import csv
import html as html_text
from pathlib import Path

from helpers import annotated_report, without_identifiers

# how a cell says the fusion's call is not used after a progression, with the reason (review 17, finding 12)
NOT_USED = (
    "which is not used for this patient, because whatever caused the progression may also make this drug less effective"
)

HEADER = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">\n'
)
# GRCh38 C1156Y (chr2:29222392 C>T): at 3%, below --min-vaf 0.05, in MUTATION only (the mutation case: it does not
# explain the progression on crizotinib, as in test_untried_after_unexplained.py); no ALK mutation in the others
VCF = (
    HEADER + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tIHC_POS\tIHC_NEG\tNO_IHC\tMUTATION\n"
    "chr2\t29222392\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/0:0\t0/0:0\t0/0:0\t0/1:0.03\n"
)
SHEET = (
    "sample\talk_status\tprogressed_on\tabcb1_ihc\n"
    "IHC_POS\tpositive:FISH\tcrizotinib\tpositive\n"
    "IHC_NEG\tpositive:FISH\tcrizotinib\tnegative\n"
    "NO_IHC\tpositive:FISH\tcrizotinib\t\n"
    "MUTATION\tpositive:FISH\tcrizotinib\tpositive\n"
)
KAT16_TOGETHER = (  # statements.tsv pgp_kat16_not_alectinib_lorlatinib: the two rows said once in the P-gp note
    "in cell models, P-gp overexpression conferred crizotinib and ceritinib resistance but not resistance to alectinib "
    "or lorlatinib (PF-06463922), and from these findings the study authors suggest that alectinib or "
    "lorlatinib could overcome P-gp-mediated crizotinib or ceritinib resistance, with no clinical data on P-gp-positive "
    "tumours in the sources read (preclinical) [KAT16, PMID 26870817]"
)
KAT16_AFTER_LEAD = (  # statements.tsv pgp_kat16_not_alectinib_lorlatinib_after_lead, in the P-gp note after its lead
    "in the same study's cell models, P-gp overexpression did not confer resistance to alectinib or lorlatinib "
    "(PF-06463922), and from these findings the study authors suggest that alectinib or lorlatinib could overcome "
    "P-gp-mediated crizotinib or ceritinib resistance, with no clinical data on P-gp-positive tumours in the sources "
    "read (preclinical) [KAT16, PMID 26870817]"
)
# each drug's cell: the study's finding for both drugs it tested, not its own row trimmed to it ('... but not
# resistance to lorlatinib (PF-06463922) ...' read as if KAT16 had not tested alectinib: rev50, clin50b)
KAT16 = {drug: KAT16_TOGETHER for drug in ("alectinib", "lorlatinib")}
NO_MUTATION = "no ALK resistance mutation after progression: the genotype does not predict this inhibitor; "
FUSION_ALONE = (
    NO_MUTATION
    + "the call for the ALK fusion, made without regard to treatment history or resistance mechanism, is sensitive ["
)  # nothing shown
# what the note of a mutation's cell says of a shown off-target mechanism, said in a fusion-only cell too
IHC_LISTED = (
    "an off-target candidate is listed, P-gp overexpression (ABCB1 IHC positive in the sample sheet), which does not exclude "
    "another mechanism; "
)


def listed(note: str, found: str) -> str:
    """The note of a fusion-only cell where nothing is shown, with `found` said after its first part."""
    assert note.startswith(FUSION_ALONE), note
    return NO_MUTATION + found + note[len(NO_MUTATION) :]


FIGURES = "sourced activity after this treatment history: "
# KAT16's rows on P-gp-overexpressing cells in a sentence of their own that says when they apply (oncologist review
# 2026-12-01, finding 1): with the IHC positive in a cell, 'If P-gp IHC is positive' in a P-gp note of an untested tumour
PGP_ROWS = ". With P-gp IHC positive: "
# a change below --min-vaf that would explain the progression, named as the P-gp note names it (finding 5)
IN_PART = (
    "no clonal ALK change was found that explains the progression on crizotinib; C1156Y (VAF 3.0%), below the "
    "clonality cut-off set for this run, may explain it only in part"
)
MAY_REDUCE = "the P-gp overexpression may reduce this drug's activity"
IHC_SAYS = "ABCB1 (P-gp) IHC positive (sample sheet): "  # then what KAT16 found for the drug, cited (review 17, 5)
CITED = " [KAT16, PMID 26870817; SEED, press release on KAT16]"
REDUCES = {
    "crizotinib": IHC_SAYS + "P-gp overexpression conferred crizotinib resistance in vitro" + CITED,
    "ceritinib": IHC_SAYS + "P-gp overexpression found in ceritinib-resistant tumours and conferred resistance, "
    "reversed by ABCB1 knockdown or a P-gp inhibitor in vitro and in vivo" + CITED,
}


def test_fusion_only_cells_of_an_ihc_positive_tumour_give_kat16_as_a_mutations_cells_do(tmp_path):
    (tmp_path / "v.vcf").write_text(VCF)
    (tmp_path / "s.tsv").write_text(SHEET)
    doc, _ = annotated_report(tmp_path / "v.vcf", tmp_path / "s.tsv", tmp_path / "r", "--min-vaf", "0.05")
    by = {s["sample"]: s for s in doc["samples"]}
    cells = {name: by[name]["inhibitors"] for name in by}
    assert all(by[n]["alk_mutation_negative"] for n in ("IHC_POS", "IHC_NEG", "NO_IHC"))
    assert (by["IHC_POS"]["mechanism"], by["MUTATION"]["mechanism"]) == ("off_target_candidate",) * 2

    for drug, row in KAT16.items():  # alectinib, lorlatinib: P-gp overexpression did not affect them (KAT16)
        fusion_only, mutation = cells["IHC_POS"][drug], cells["MUTATION"][drug]
        assert fusion_only["category"] == mutation["category"] == "unknown" and fusion_only["sources"] == []
        assert fusion_only["note"].startswith(NO_MUTATION + IHC_LISTED), fusion_only["note"]
        assert mutation["note"].startswith(IN_PART)
        assert fusion_only["note"].endswith(PGP_ROWS + row) and mutation["note"].endswith(PGP_ROWS + row)  # same row
        # the P-gp note beside the cells says KAT16's finding once for both drugs (stop 41 reading, finding 10), after
        # its lead gave crizotinib's P-gp effect: the alectinib and lorlatinib part (clinical read of stop 52)
        assert without_identifiers(KAT16_AFTER_LEAD) in without_identifiers(by["IHC_POS"]["pgp"]["note"])
        # IHC negative or not given: nothing shown, no row about P-gp-overexpressing cells, the cell otherwise the same
        assert cells["IHC_NEG"][drug] == cells["NO_IHC"][drug]
        assert listed(cells["IHC_NEG"][drug]["note"], IHC_LISTED) + PGP_ROWS + row == fusion_only["note"]
        assert "P-gp" not in cells["IHC_NEG"][drug]["note"] and "KAT16" not in cells["NO_IHC"][drug]["note"]
    # crizotinib and ceritinib: P-gp overexpression reduces their activity (KAT16); no 'could overcome' row
    assert cells["IHC_POS"]["crizotinib"]["category"] == "resistant"  # progressed on
    assert cells["IHC_POS"]["crizotinib"]["note"].endswith(REDUCES["crizotinib"])
    ceritinib = cells["IHC_POS"]["ceritinib"]
    assert ceritinib["category"] == "unknown"
    # the P-gp line and its reason before ceritinib's trial figures, not after them (review 21, finding 5)
    head, _, figures = listed(cells["IHC_NEG"]["ceritinib"]["note"], IHC_LISTED).partition(FIGURES)
    reason = REDUCES["ceritinib"].replace(IHC_SAYS, f"{IHC_SAYS[:-2]}, so {MAY_REDUCE} here: ")
    assert figures and ceritinib["note"] == f"{head}{reason}; {FIGURES}{figures}"
    # brigatinib, ensartinib (not settled by the sources read), iruplinalkib (no P-gp data): no KAT16 row either
    for drug in ("ceritinib", "brigatinib", "ensartinib", "iruplinalkib"):
        assert "could overcome" not in cells["IHC_POS"][drug]["note"], drug
        assert cells["IHC_POS"][drug]["category"] == "unknown", drug
    assert "has not been tested in the sources read" in cells["IHC_POS"]["brigatinib"]["note"]

    rows = {r["sample"]: r for r in csv.DictReader((tmp_path / "r.tsv").open(), delimiter="\t")}
    for sample in ("IHC_POS", "IHC_NEG", "NO_IHC"):
        row = rows[sample]
        assert row["crizotinib"] == "resistant" and row["inhibitor_sources"] == "sample_sheet", sample
        assert {row[d] for d in ("ceritinib", "alectinib", "brigatinib", "lorlatinib")} == {"unknown"}, sample
        assert row["inhibitor_basis"].endswith(
            ": ALK fusion, no ALK resistance mutation;crizotinib: the patient progressed on it (sample sheet)"
        )
    assert without_identifiers(KAT16_AFTER_LEAD) in without_identifiers(rows["IHC_POS"]["pgp_note"])
    assert not any(
        without_identifiers(r) in without_identifiers(rows["IHC_NEG"]["pgp_note"])
        for r in (*KAT16.values(), KAT16_TOGETHER, KAT16_AFTER_LEAD)
    )
    # untested: the P-gp note offers KAT16's rows beside the check it recommends; the cells, which rest on no
    # P-gp finding, do not (as a mutation's cells do not)
    assert "Check P-gp (ABCB1) by IHC (a research use" in rows["NO_IHC"]["pgp_note"]
    assert without_identifiers(KAT16_AFTER_LEAD) in without_identifiers(rows["NO_IHC"]["pgp_note"])


def test_an_untried_drugs_amplification_call_is_not_read_as_the_fusions(tmp_path):
    """A firm ALK amplification (the caller's <AMP>, CN 10) beside an ALK-positive status, after alectinib: the
    crizotinib call rests on the amplification (resistant: CGI, GAI13, CIViC), not on the fusion; it stands, as a
    mutation's resistant call does, instead of 'the call for the fusion ... is resistant [the amplification's
    sources], which is not carried over'. The fusion's calls for the other untried drugs are still not carried over."""
    data = Path(__file__).parent / "data" / "copy_number"
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nALKAMP_T\tpositive:IHC\talectinib\n")
    doc, _ = annotated_report(data / "merged_cnv_grch38.vcf", sheet, tmp_path / "r")
    (s,) = [s for s in doc["samples"] if s["sample"] == "ALKAMP_T"]
    crizotinib = s["inhibitors"]["crizotinib"]
    # one bracket (stop 54: it was '... (CN=10) (ALK amplification call)')
    assert (crizotinib["category"], crizotinib["basis"]) == (
        "resistant",
        "ALK amplification called by the caller (CN=10)",
    )
    assert "GAI13(PMID:23729361)" in crizotinib["sources"] and "the call for the fusion" not in crizotinib["note"]
    lorlatinib = s["inhibitors"]["lorlatinib"]
    assert lorlatinib["category"] == "unknown" and lorlatinib["note"].startswith(FUSION_ALONE)


def test_the_normals_change_is_weighed_after_the_untried_call(tmp_path):
    """L1196M after crizotinib then ceritinib (not explaining it) with G1202R in the matched normal too: the
    alectinib cell says what G1202R would do, then that L1196M's sensitive call is not carried over; it no longer
    says 'without it the call would be sensitive', which after this progression it would not be."""
    vcf = tmp_path / "p.vcf"
    vcf.write_text(
        HEADER + "##normal_sample=N\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\tN\n"
        "chr2\t29220765\t.\tG\tT\t.\tPASS\t.\tGT:AF\t0/1:0.32\t0/0:0\n"  # L1196M, the tumour's
        "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.49\t0/1:0.48\n"  # G1202R, in the normal too
    )
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nT\tpositive:IHC\tcrizotinib;ceritinib\n")
    doc, _ = annotated_report(vcf, sheet, tmp_path / "r", "--tumor", "T")
    alectinib = doc["samples"][0]["inhibitors"]["alectinib"]
    assert alectinib["category"] == "unknown"
    assert alectinib["note"].startswith(
        "G1202R is also found in the matched normal; if it is the tumour's (tumour cells in the normal, or a sample "
        "mix-up), L1196M+G1202R is resistant to alectinib; no ALK change found is shown to explain the progression "
        "on ceritinib, and whatever explains it may also make this drug less effective; the call for L1196M alone is sensitive ["
    ), alectinib["note"]
    assert "without it the call would be" not in alectinib["note"]
    assert "EID141(PMID:21575866)" not in alectinib["sources"]  # L1196M's sensitive source: in the note only


def test_a_fusion_only_note_names_a_shown_off_target_mechanism_as_a_mutations_note_does(tmp_path):
    """Case (b) of RULES.md section 8 names what was found as case (a) does (stop 25 note, wrong depth, follow-up):
    a positive ABCB1 IHC after crizotinib (P-gp overexpression shown, named as a candidate, not as the cause), and a
    MET gain (CN 12 in the SV file, a verified bypass candidate) after alectinib. With the IHC negative or not given
    nothing is shown and the note is unchanged. The TSV gives no per-drug note: its cells, mechanism and off-target
    column say the same."""
    (tmp_path / "v.vcf").write_text(VCF)
    (tmp_path / "s.tsv").write_text(SHEET)
    doc, html = annotated_report(tmp_path / "v.vcf", tmp_path / "s.tsv", tmp_path / "r", "--min-vaf", "0.05")
    lorlatinib = {s["sample"]: s["inhibitors"]["lorlatinib"]["note"] for s in doc["samples"]}
    fusion_call = (
        "the call for the ALK fusion, made without regard to treatment history or resistance mechanism, is sensitive [SOL18, PMID 30413378; EID1332(PMID:26554404); "
        "EID7286(PMID:30413378)], " + NOT_USED + "; sourced activity after this treatment history: "
        "lorlatinib: objective response rate 69.5% after crizotinib only (clinical trial) [SOL18]"
    )
    assert lorlatinib["IHC_POS"] == (
        "no ALK resistance mutation after progression: the genotype does not predict this inhibitor; an off-target "
        "candidate is listed, P-gp overexpression (ABCB1 IHC positive in the sample sheet), which does not exclude another "
        f"mechanism; {fusion_call}{PGP_ROWS}{KAT16['lorlatinib']}"
    )
    for nothing_shown in ("IHC_NEG", "NO_IHC"):  # unchanged
        assert lorlatinib[nothing_shown] == (
            f"no ALK resistance mutation after progression: the genotype does not predict this inhibitor; {fusion_call}"
        )
    # the same words as the mutation's cell beside it
    assert lorlatinib["MUTATION"].startswith(f"{IN_PART}; {IHC_LISTED}the call for C1156Y alone is sensitive [")
    assert html_text.escape(lorlatinib["IHC_POS"]) in html  # the HTML gives the cell's note as it is
    rows = {r["sample"]: r for r in csv.DictReader((tmp_path / "r.tsv").open(), delimiter="\t")}
    assert (rows["IHC_POS"]["mechanism"], rows["IHC_POS"]["lorlatinib"]) == ("off_target_candidate", "unknown")
    assert {rows[n]["mechanism"] for n in ("IHC_NEG", "NO_IHC")} == {"unexplained"}

    data = Path(__file__).parent / "data" / "recorded_offtarget"  # M1_T: no ALK mutation, MET CN 12, after alectinib
    met_doc, _ = annotated_report(
        data / "met_alec.vcf", data / "samples.tsv", tmp_path / "m", "--sv", data / "met_alec.sv.vcf"
    )
    met = (
        "an off-target candidate is listed, MET copy-number gain at chr7:116522196 <DUP> CN=12 (from NGS; confirm "
        "amplification by FISH; see the off-target findings), which does not exclude"
    )
    expected = (
        f"no ALK resistance mutation after progression: the genotype does not predict this inhibitor; {met} another "
        "mechanism; the call for the ALK fusion, made without regard to treatment history or resistance mechanism, is sensitive [SOL18, PMID 30413378; EID1332(PMID:26554404); "
        "EID7286(PMID:30413378)], " + NOT_USED + "; no source about v1 itself; the sources are about "
        "ALK-positive NSCLC in general; sourced activity after this treatment history: lorlatinib, whose EU indication "
        "in this line names alectinib or ceritinib as the first ALK inhibitor: objective response rate 32.1% after one "
        "ALK inhibitor other than crizotinib (clinical trial) [SOL18; REG], but lorlatinib may be less "
        "effective when no ALK mutation is found: after at least one second-generation ALK inhibitor it was more "
        "effective in patients with ALK mutations than in those without, as two news summaries of that analysis "
        "report it (the paper was not read) [SHAW19, doi:10.1200/JCO.18.02236], and ceritinib-resistant "
        "patient-derived cells without ALK mutations were resistant to it [GAI16, doi:10.1158/2159-8290.CD-16-0596]"  # stop 32, 2
    )
    (m1,) = met_doc["samples"]
    assert (m1["mechanism"], m1["alk_mutation_negative"]) == ("off_target_candidate", True)
    assert m1["inhibitors"]["lorlatinib"] == {**m1["inhibitors"]["lorlatinib"], "category": "unknown", "note": expected}
    for drug in ("crizotinib", "ceritinib", "brigatinib", "ensartinib", "iruplinalkib", "envonalkib"):
        assert m1["inhibitors"][drug]["note"].startswith(NO_MUTATION + met), drug
    (row,) = csv.DictReader((tmp_path / "m.tsv").open(), delimiter="\t")
    assert row["off_target"] == "MET copy_number_gain chr7:116522196 <DUP> CN=12"
    assert (row["mechanism"], row["lorlatinib"], row["alectinib"]) == ("off_target_candidate", "unknown", "resistant")


def test_gai16_is_beside_lorlatinibs_figures_in_a_fusion_only_cell_after_ceritinib(tmp_path):
    """After ceritinib with no ALK mutation, the P-gp note gives GAI16's caveat beside lorlatinib's response rate
    (guidance.md 4.1: "Lorlatinib may be less effective. Ceritinib-resistant patient-derived cell lines *without* ALK
    mutations were resistant to lorlatinib"); the lorlatinib cell gives it too (review 17, finding 3). Not after a
    positive IHC, where KAT16's P-gp-overexpressing cells apply, nor after crizotinib alone."""
    (tmp_path / "v.vcf").write_text(
        HEADER + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNO_IHC\tIHC_POS\tCRIZO\n"
        "chr2\t29222392\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/0:0\t0/0:0\t0/0:0\n"
    )
    (tmp_path / "s.tsv").write_text(
        "sample\talk_status\tprogressed_on\tabcb1_ihc\n"
        "NO_IHC\tpositive:FISH\tcrizotinib;ceritinib\t\n"
        "IHC_POS\tpositive:FISH\tcrizotinib;ceritinib\tpositive\n"
        "CRIZO\tpositive:FISH\tcrizotinib\t\n"
    )
    doc, _ = annotated_report(tmp_path / "v.vcf", tmp_path / "s.tsv", tmp_path / "r")
    samples = {s["sample"]: s for s in doc["samples"]}
    caveat = ", but ceritinib-resistant patient-derived cells without ALK mutations were resistant to lorlatinib [GAI16"
    cell = samples["NO_IHC"]["inhibitors"]["lorlatinib"]
    assert cell["category"] == "unknown"
    assert (
        "objective response rate 38.7% after two or three ALK inhibitors (clinical trial) [SOL18]" + (caveat)
        in cell["note"]
    ), cell["note"]
    assert caveat in samples["NO_IHC"]["pgp"]["note"]  # the same sentence as the P-gp note beside it
    assert "GAI16" not in samples["IHC_POS"]["inhibitors"]["lorlatinib"]["note"]
    assert "GAI16" not in samples["CRIZO"]["inhibitors"]["lorlatinib"]["note"]
    assert all("GAI16" not in c["note"] for d, c in samples["NO_IHC"]["inhibitors"].items() if d != "lorlatinib")
