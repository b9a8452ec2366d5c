"""Clinical review 21: the P-gp note's and the cells' wording, through the installed CLI.

tests/data/review19/muts.vcf (the reviewer's made-up tumour-only GRCh38 VCF, one ALK change per sample at VAF 30%): M3
F1174L, M5 L1256F, M9 G1202R at 3% (below --min-vaf 0.05), M10 I1171N. The GRCh38 example (example_vcfs/GRCh38)
gives P3_T (L1196M+G1202R in cis), P4_T (fusion, no ALK mutation) and P5_T (MET <DUP> CN=9, no ALK mutation).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from helpers import run, without_identifiers

ROOT = Path(__file__).resolve().parent.parent
MUTS = ROOT / "tests" / "data" / "review19" / "muts.vcf"
EXAMPLE = ROOT / "example_vcfs" / "GRCh38"
HEADER = "sample\talk_status\tprogressed_on\tabcb1_ihc\tabcb1_tpm\n"
PURITY = "(alkannot does not know the tumour's purity)"
OTHER_CASE = "P-gp (ABCB1) IHC can still be considered, as for a tumour without an explaining mutation."
MET_NAMED = (
    "An off-target candidate is also listed: MET copy-number gain at chr7:116522196 <DUP> CN=9 (from NGS; confirm "
    "amplification by FISH; see the off-target findings). The P-gp check does not address it."
)


def _report(tmp: Path, rows: list[str], example: bool = False, vcf: Path | None = None) -> tuple[dict, dict]:
    """annotate through the installed CLI: (TSV rows by sample, JSON samples by sample)."""
    sheet = tmp / "sheet.tsv"
    sheet.write_text(HEADER + "".join(r + "\n" for r in rows))
    source = vcf or (EXAMPLE / "tumor_normal.vcf" if example else MUTS)
    extra = ["--sv", EXAMPLE / "sv.vcf", "--fusions", f"P5_T={EXAMPLE / 'fusions.tsv'}"] if example else []
    prefix = tmp / "r"
    result = run("-q", "annotate", source, *extra, "--samples", sheet, "--min-vaf", "0.05", "-o", f"{prefix}.vcf",
                 "--report", prefix)  # fmt: skip
    assert result.returncode == 0, result.stderr
    with open(f"{prefix}.tsv", newline="") as handle:
        tsv = {r["sample"]: r for r in csv.DictReader((x for x in handle if not x.startswith("##")), delimiter="\t")}
    return tsv, {s["sample"]: s for s in json.loads(Path(f"{prefix}.json").read_text())["samples"]}


# ---------------------------------------------------------------- finding 2
def test_the_objection_carries_the_calls_own_qualifier(tmp_path):
    """L1256F after crizotinib: lorlatinib is offered; the bracket beside it qualifies the call as its cell does."""
    tsv, samples = _report(tmp_path, ["M5\tpositive:IHC\tcrizotinib\t\t"])
    cell = tsv["M5"]["lorlatinib"]
    assert samples["M5"]["inhibitors"]["lorlatinib"]["category"] == "resistant"
    qualifier = re.search(r"^resistant \((.+)\)$", cell)
    assert qualifier, cell  # the cell qualifies this call: so must the note
    note = tsv["M5"]["pgp_note"]
    assert (
        f", but L1256F, found here, is resistant to lorlatinib in the knowledge base ({qualifier.group(1)}) [OKA19, PMC6441848]"
    ) in note
    assert note.count(", but L1256F") == 1 and note.count(", but see L1256F above") == 1  # finding 11


def test_a_firm_objection_stays_unqualified(tmp_path):
    tsv, _ = _report(tmp_path, ["M2\tpositive:IHC\tceritinib\tpositive\t"])
    assert (
        ", but I1171N, found here, is resistant to alectinib in the knowledge base [LIN17T2;" in tsv["M2"]["pgp_note"]
    )


# ---------------------------------------------------------------- finding 9
def test_a_low_vaf_objection_names_no_subclonality_and_no_flag(tmp_path):
    tsv, _ = _report(tmp_path, ["M9\tpositive:IHC\tcrizotinib;ceritinib\t\t"])
    note = tsv["M9"]["pgp_note"]
    assert without_identifiers(
        ", but G1202R, found here at VAF 3.0%, below the clonality cut-off set for this run, is resistant to alectinib in the knowledge "
        "base [LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468; EID1350(PMID:25727400)]"
    ) in without_identifiers(note)
    assert "subclonally" not in note and ", but G1202R, found here only" not in note


# ---------------------------------------------------------------- findings 3 and 4
def test_a_compound_that_explains_shows_its_parts_vafs_and_the_purity_condition(tmp_path):
    tsv, samples = _report(tmp_path, ["P3_T\tpositive:IHC\tcrizotinib;ceritinib\t\t"], example=True)
    assert samples["P3_T"]["mechanism"] == "on_target" and tsv["P3_T"]["pgp_check"] == "not_indicated"
    note = tsv["P3_T"]["pgp_note"]
    assert note.startswith("Not indicated: L1196M+G1202R (cis; VAF 28.7% and 30.0%) is resistant to ceritinib ")
    assert note.endswith(
        f"which explains the progression on ceritinib if L1196M+G1202R is in most tumour cells {PURITY}; if it is in "
        f"part of the tumour only, {OTHER_CASE}"
    )  # the condition said once (rev50); 'Not indicated' once, in the label (rev50b)


def test_with_no_history_the_change_that_explains_is_named_once_with_the_condition(tmp_path):
    """F1174L explains crizotinib and ceritinib, not brigatinib, ensartinib or the newer inhibitors, after any of which
    a progression makes the check `recommended`: with the history unknown the check is `if_progressed` (CONTRACT.md
    version 2; cohort review of stop 40, finding 1: it was `not_indicated`), the explaining change named once, with
    the purity condition."""
    tsv, samples = _report(tmp_path, ["M3\tpositive:IHC\t\t\t"])
    assert tsv["M3"]["pgp_check"] == "if_progressed"
    note = tsv["M3"]["pgp_note"]
    assert note.startswith(
        "If progressed: treatment history is not in the sample sheet; the ALK mutation found explains resistance to "
        f"crizotinib and ceritinib [LIN17T2; EID33(PMID:21030459)] if F1174L is in most tumour cells {PURITY} but not "
        "to brigatinib (sensitive in the knowledge base, reviews only); whether it explains resistance to ensartinib, neladalkib, "
        "gilteritinib, TPX-0131, "
        "iruplinalkib or envonalkib is not known. If the patient progressed on brigatinib, "
        "ensartinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib or envonalkib, or on crizotinib or ceritinib "
        "with F1174L in part of the tumour only, check P-gp (ABCB1) by IHC (a research use: the sources read give no "
        "validated clinical antibody, scoring system or cut-off for it). "
        # F1174L is sensitive to alectinib and lorlatinib, which P-gp overexpression did not affect: a progression on
        # either is explained by neither (clinical read of stop 52, pgp_found.sensitive_unaffected), said once for
        # both, whose calls and sources are the same (clin52d)
        "After a progression on alectinib or lorlatinib, neither F1174L nor P-gp overexpression is expected to "
        "explain it: P-gp overexpression did not confer resistance to alectinib or lorlatinib in cell models (preclinical "
        "evidence) [KAT16, PMID 26870817; SEED, press release on KAT16]; F1174L is sensitive to alectinib and lorlatinib in the knowledge base "
        "(reviews only) [LIN17T2]. P-gp facts: P-gp overexpression reduces the activity of crizotinib and ceritinib in cell models "
        "[KAT16"
    )
    assert "brigatinib: whether P-gp overexpression in the tumour reduces its activity has not been tested" in note
    assert "brigatinib: 'exceptionally well transported by human ABCB1' in vitro" in note  # the transport facts
    assert "ensartinib: sources disagree" in note


def test_the_other_case_only_after_a_drug_pgp_affects_and_without_an_ihc(tmp_path):
    """I1171N after alectinib (P-gp did not confer alectinib resistance): the condition, no IHC advice; G1202R after
    crizotinib with a positive IHC: the IHC is said instead."""
    tsv, _ = _report(tmp_path, ["M10\tpositive:IHC\talectinib\t\t"])
    note = tsv["M10"]["pgp_note"]
    assert note.endswith(f"which explains the progression on alectinib if I1171N is in most tumour cells {PURITY}.")
    assert OTHER_CASE not in note
    tsv, _ = _report(tmp_path, ["P1_T\tpositive:IHC\tcrizotinib\tpositive\t"], example=True)
    note = tsv["P1_T"]["pgp_note"]
    assert f"if G1202R is in most tumour cells {PURITY}. ABCB1 (P-gp) IHC is positive" in note
    assert OTHER_CASE not in note


# ---------------------------------------------------------------- finding 13
def test_kat16_scope_is_unambiguous_and_gone_once_the_ihc_is_done(tmp_path):
    scoped = (
        "KAT16 studied tumours resistant to crizotinib or ceritinib; no frequency of P-gp overexpression after "
        "brigatinib is known in the sources read."
    )
    tsv, _ = _report(tmp_path, ["P4_T\tpositive:IHC\tbrigatinib\t\t"], example=True)
    assert scoped in tsv["P4_T"]["pgp_note"] and "That figure counts" not in tsv["P4_T"]["pgp_note"]
    for ihc in ("positive", "negative"):
        tsv, _ = _report(tmp_path, [f"P4_T\tpositive:IHC\tbrigatinib\t{ihc}\t"], example=True)
        note = tsv["P4_T"]["pgp_note"]
        assert "KAT16 studied" not in note and "3 of 11" not in note, ihc


# ---------------------------------------------------------------- finding 5
def test_an_ihc_positive_cell_says_pgp_before_the_trial_figures(tmp_path):
    _, samples = _report(tmp_path, ["P4_T\tpositive:IHC\tcrizotinib\tpositive\t"], example=True)
    note = samples["P4_T"]["inhibitors"]["ceritinib"]["note"]
    pgp = note.index(
        "ABCB1 (P-gp) IHC positive (sample sheet), so the P-gp overexpression may reduce this drug's activity here: "
        "P-gp overexpression found in ceritinib-resistant tumours and conferred resistance"
    )
    assert pgp < note.index("sourced activity after this treatment history") < note.index("38.6%")
    assert note.count("ABCB1 (P-gp) IHC positive") == 1


# ---------------------------------------------------------------- finding 10
def test_the_off_target_candidate_follows_the_verdict_on_every_path(tmp_path):
    for history, ihc, first in (
        # after ceritinib: after crizotinib, itself a MET inhibitor, the MET gain is no candidate (review of stop 38)
        ("ceritinib", "", "Recommended: progressed most recently on ceritinib, and no ALK resistance mutation was "
         "found."),
        ("brigatinib", "", "Recommended: progressed most recently on brigatinib, and no ALK resistance mutation was "
         "found."),
        ("ceritinib", "positive", "Recommended (done): ABCB1 (P-gp) IHC is positive (sample sheet): P-gp "
         "overexpression is a candidate explanation of this progression on ceritinib."),
        ("", "", "If progressed: treatment history is not in the sample sheet; no ALK resistance mutation was found."),
    ):  # fmt: skip
        tsv, _ = _report(tmp_path, [f"P5_T\tpositive:IHC\t{history}\t{ihc}\t"], example=True)
        note = tsv["P5_T"]["pgp_note"]
        assert note.startswith(f"{first} {MET_NAMED} "), note
        assert note.count("chr7:116522196") == 1 and "P-gp findings above do not address" not in note


# ---------------------------------------------------------------- finding 11
def test_a_drugs_pgp_fact_is_said_once(tmp_path):
    tsv, _ = _report(
        tmp_path,
        [
            "P4_T\tpositive:IHC\tbrigatinib\t\t",
            "P1_T\tpositive:IHC\tensartinib\t\t",
            "P5_T\tpositive:IHC\tceritinib\t\t",
        ],
        example=True,
    )
    assert tsv["P4_T"]["pgp_note"].count("'exceptionally well transported by human ABCB1'") == 1
    assert tsv["P1_T"]["pgp_note"].count("reduced susceptibility to ensartinib") == 1
    note = tsv["P5_T"]["pgp_note"]
    assert note.count("reduces the activity of ceritinib") == 1 and "ceritinib and" not in note.split("P-gp facts:")[1]
    assert "P-gp facts: P-gp overexpression also reduces the activity of crizotinib in cell models [KAT16" in note
