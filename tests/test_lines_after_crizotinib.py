"""Ceritinib and brigatinib after crizotinib (review 17, finding 1): the untried cells of a tumour that progressed on
crizotinib alone, with no ALK resistance mutation, gave no sourced activity for ceritinib or brigatinib, although
the knowledge base cites the trials in exactly that setting. resources/triage/lines_of_therapy.tsv now has
`only:crizotinib` rows for both, each figure read in the trial abstract (tools/kb_curation/
reading_lines_after_crizotinib.md): ASCEND-5 (SHAW17, PMID 28602779) and ASCEND-2 (CRI16, PMID 27432917) for ceritinib,
ALTA (KIM17, PMID 28475456) for brigatinib. Nothing in those trials is about patients given another ALK inhibitor, so
after alectinib, or after crizotinib and then alectinib, the rows are not offered.
"""

from __future__ import annotations

import csv
import html as html_text

from helpers import annotated_report

VCF = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tCRIZ\tALEC\tCRIZ_ALEC\n"
    "chr2\t29222392\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/0:0\t0/0:0\t0/0:0\n"  # no ALK mutation in any sample
)
SHEET = (
    "sample\talk_status\tprogressed_on\tabcb1_ihc\n"
    "CRIZ\tpositive:FISH\tcrizotinib\tnegative\n"
    "ALEC\tpositive:FISH\talectinib\tnegative\n"
    "CRIZ_ALEC\tpositive:FISH\tcrizotinib;alectinib\tnegative\n"
)
NO_MUTATION = "no ALK resistance mutation after progression: the genotype does not predict this inhibitor; "
CERITINIB = (
    "sourced activity after this treatment history: ceritinib after crizotinib and platinum-based chemotherapy: in "
    "the randomised phase III ASCEND-5 trial (SHAW17), median progression-free survival by masked independent review "
    "5.4 months with ceritinib vs 1.6 months with single-agent chemotherapy (pemetrexed or docetaxel); in the phase II "
    "ASCEND-2 trial (CRI16) of 140 patients previously given platinum-based chemotherapy and progressing on crizotinib "
    "as their last therapy, investigator-assessed overall response rate 38.6% (clinical trial) "
    "[SHAW17, PMID 28602779; CRI16, PMID 27432917]"
)
BRIGATINIB = (
    "sourced activity after this treatment history: brigatinib after crizotinib, in the randomised phase II ALTA trial "
    "of 222 patients with crizotinib-refractory ALK-positive NSCLC (74% previously given chemotherapy): "
    "investigator-assessed confirmed objective response rate 45% with 90 mg once daily and 54% with 180 mg once daily "
    "after a 7-day lead-in at 90 mg, investigator-assessed median progression-free survival 9.2 and 12.9 months "
    "respectively, at 8.0 months median follow-up (clinical trial) [KIM17]"
)  # KIM17's PMID at its first citation in the cell's note, the fusion's call (clinical review of stop 42)
FUSION_CALL = {  # the fusion-level call each cell gives first, not used for the patient
    "ceritinib": "[KHO15, PMID 25754348; SHAW14, PMID 24670165; SOR17, PMID 28126333; EID1175(PMID:26973324); "
    "EID7285(PMID:28602779)]",
    "brigatinib": "[KIM17, PMID 28475456; CAM18, PMID 30280657; EID4835(PMID:28475456); EID11121(PMID:32780660)]",
}


def _fusion_only(drug: str) -> str:
    return (
        NO_MUTATION + "the call for the ALK fusion, made without regard to treatment history or resistance mechanism, "
        f"is sensitive {FUSION_CALL[drug]}, which is not used for this patient, because whatever caused the progression "
        "may also make this drug less effective"
    )


def test_ceritinib_and_brigatinib_cells_after_crizotinib_give_their_trials(tmp_path):
    (tmp_path / "v.vcf").write_text(VCF)
    (tmp_path / "s.tsv").write_text(SHEET)
    doc, html = annotated_report(tmp_path / "v.vcf", tmp_path / "s.tsv", tmp_path / "r")
    cells = {s["sample"]: s["inhibitors"] for s in doc["samples"]}

    criz = cells["CRIZ"]
    assert (criz["ceritinib"]["category"], criz["brigatinib"]["category"]) == ("unknown", "unknown")
    assert criz["ceritinib"]["note"] == f"{_fusion_only('ceritinib')}; {CERITINIB}"
    assert criz["brigatinib"]["note"] == f"{_fusion_only('brigatinib')}; {BRIGATINIB}"
    assert criz["ceritinib"]["sources"] == criz["brigatinib"]["sources"] == []  # the row is said, not a call's source
    for drug in ("ceritinib", "brigatinib"):  # the HTML gives the cell's note as it is
        assert html_text.escape(criz[drug]["note"]) in html, drug
    # the other untried drugs' cells keep their own rows, without ASCEND-5 or ALTA
    assert "ASCEND-5" not in criz["alectinib"]["note"] and "ALTA" not in criz["lorlatinib"]["note"]

    # after alectinib: not offered; brigatinib's cell gives its row after alectinib (LIN18JTO), ceritinib's none
    alec = cells["ALEC"]
    assert alec["ceritinib"]["note"] == _fusion_only("ceritinib")
    assert alec["brigatinib"]["note"] == (
        f"{_fusion_only('brigatinib')}; sourced activity after this treatment history: brigatinib after alectinib: "
        "limited activity, objective response 3 of 18 (17%), median progression-free survival 4.4 months "
        "(retrospective clinical) [LIN18JTO, PMID 29935304]"
    )
    # after crizotinib and then alectinib: the trials of crizotinib-pretreated patients do not apply either; the
    # cells are those after alectinib alone (brigatinib's row is 'latest:alectinib')
    both = cells["CRIZ_ALEC"]
    assert both["ceritinib"]["note"] == alec["ceritinib"]["note"]
    assert both["brigatinib"]["note"] == alec["brigatinib"]["note"]

    rows = {r["sample"]: r for r in csv.DictReader((tmp_path / "r.tsv").open(), delimiter="\t")}
    assert (rows["CRIZ"]["crizotinib"], rows["CRIZ"]["ceritinib"], rows["CRIZ"]["brigatinib"]) == (
        "resistant",
        "unknown",
        "unknown",
    )  # the rows add words to the cells, not a call
