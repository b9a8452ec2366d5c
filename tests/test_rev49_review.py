"""Final read of stop 49 (helper rev49), as a thoracic oncologist and a molecular pathologist signing the report, on
the README's example run and `alkannot report` on tests/data/compound_minor, review19 and igf1r.

1. A positive ABCB1 IHC after ceritinib with I1171N (review19's M2, resistant to alectinib) said KAT16's finding once
   per drug: "P-gp overexpression conferred crizotinib and ceritinib resistance but not resistance to alectinib, and
   the authors suggest alectinib could overcome ..., but I1171N ...; P-gp overexpression conferred crizotinib and
   ceritinib resistance but not resistance to lorlatinib (PF-06463922), and the authors suggest lorlatinib could
   overcome ...", then SEED's once per drug: the rows that share a `together` key were said apart wherever the
   tumour's own call objected to one of their drugs. They are said once, the objection, which names its drug, after
   the joint sentence (in full the first time, ", but see I1171N above" the next), as L1256F's after lorlatinib
   (M5).
2. With no treatment history, L1198F (review19's M7: sensitive to crizotinib, no call for the other drugs) read "no
   ALK mutation found explains resistance to crizotinib, ceritinib, brigatinib, ...": the drugs with no call are "not
   known", as M1's note in the same run says.
3. M7's note "On-target resistance is possible, not established: a kinase-domain change could cause it ..." named no
   change; it names L1198F, as a change of unknown significance (P6_T's L1240S) is named.
4. The README example's P6_T has no sample-sheet row, yet its note said "the sample sheet gives no positive ALK
   status", as if a row lacked the status: it says "the sample has no sample-sheet row to give its ALK status" (P7_T, whose
   row leaves the status empty, keeps "the sample sheet gives no ALK status")."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from helpers import readme_reports, run

DATA = Path(__file__).resolve().parent / "data" / "review19"
KAT16 = "P-gp overexpression did not confer resistance to alectinib or lorlatinib (PF-06463922)"
# KAT16's finding after the lead gave the drug progressed on's P-gp effect (clinical read of stop 52)
AFTER_LEAD = (
    "in the same study's cell models, P-gp overexpression did not confer resistance to alectinib or lorlatinib "
    "(PF-06463922), and from these findings the study authors suggest that alectinib or lorlatinib could overcome "
    "P-gp-mediated crizotinib or ceritinib resistance, with no clinical data on P-gp-positive tumours in the sources "
    "read (preclinical) [KAT16]"
)


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> dict[str, str]:
    prefix = tmp_path_factory.mktemp("rev49") / "r"
    done = run("-q", "report", DATA / "muts.vcf", "--samples", DATA / "m2.sheet.tsv", "--out", prefix, text=True)
    assert done.returncode == 0, done.stderr
    with open(f"{prefix}.tsv", newline="") as handle:
        return {r["sample"]: r["pgp_note"] for r in csv.DictReader(handle, delimiter="\t")}


def test_kat16s_finding_is_said_once_beside_an_objection_to_alectinib(notes):
    note = notes["M2"]
    assert note.count(KAT16) == 1 and note.count("active at low concentrations") == 1
    assert (
        f"With P-gp IHC positive: {AFTER_LEAD}, but I1171N, found "
        "here, is resistant to alectinib in the knowledge base [LIN17T2; EID1367(PMID:25736571); EID1483(PMID:25393796)]; alectinib and "
        "lorlatinib were active at low concentrations in P-gp-overexpressing ceritinib-resistant patient-derived cells "
        "(preclinical) [SEED], but see I1171N above. "
    ) in note


def test_kat16s_finding_is_said_once_beside_an_objection_to_lorlatinib(notes):
    note = notes["M5"]
    assert note.count(KAT16) == 1
    assert note.count(", but L1256F, found here, is resistant to lorlatinib") == 1
    assert (f"If P-gp IHC is positive: {AFTER_LEAD}, but see L1256F above. ") in note


def test_with_no_history_a_drug_with_no_call_is_not_denied(notes):
    """Finding 2: review19's M7 (L1198F, no history, no ALK status): the knowledge base calls L1198F sensitive to
    crizotinib and has no call for the other drugs after which the check is recommended."""
    note = notes["M7"]
    assert (
        (
            "If the tumour is ALK-positive, the check is indicated if the patient progressed: treatment history is not in "
            "the sample sheet; the ALK mutation found does not explain resistance to crizotinib (sensitive in the "
            "knowledge base, reviews only); "  # LIN17T2's listing alone, as lookup marks it  # 'it' below has the change to refer to (rev50: 'no ALK mutation found explains ...')
            "whether it explains resistance to ceritinib, brigatinib, ensartinib, neladalkib, gilteritinib, TPX-0131, "
            "iruplinalkib or envonalkib is not known. "
        )
        in note
    )
    assert "explains resistance to crizotinib, ceritinib" not in note


def test_the_on_target_possible_note_names_a_change_at_a_resistance_residue(tmp_path):
    """Finding 3: M7's note read 'a kinase-domain change could cause it' beside a mutation table naming L1198F (a
    change at a residue a known resistance alteration involves, no resistance call of its own)."""
    prefix = tmp_path / "r"
    done = run("-q", "report", DATA / "muts.vcf", "--samples", DATA / "m2.sheet.tsv", "--out", prefix, text=True)
    assert done.returncode == 0, done.stderr
    doc = json.loads(Path(f"{prefix}.json").read_text())
    (m7,) = [s for s in doc["samples"] if s["sample"] == "M7"]
    assert [m["resistance"] for m in m7["alk_mutations"]] == ["residue"]
    assert (
        "On-target resistance is possible, not established: L1198F, a kinase-domain change, could cause it only if "
        "the tumour progressed (treatment history unknown) and only in an ALK-driven tumour, and ALK positivity is not "
        "established (fusion not assessed, no positive ALK status in the sample sheet); if the tumour is not "
        "ALK-driven, the change may not matter at all."
    ) in m7["notes"]


def test_a_sample_with_no_sheet_row_is_not_said_to_have_a_row_without_status(tmp_path):
    samples, _, _, _ = readme_reports(tmp_path / "example")
    p6, p7 = samples["P6_T"]["pgp"]["note"], samples["P7_T"]["pgp"]["note"]
    assert (
        "SV calls cover this sample and none joins ALK; the sample has no sample-sheet row to give its ALK status" in p6
    )
    assert "sample sheet gives" not in p6
    assert "(the sample sheet gives no ALK status, and this input shows no ALK fusion call" in p7
