"""The findings of the clinical reading of stop 41 left open then, fixed in stop 42: each source's finding on
P-gp-overexpressing cells said once in the IHC-positive note (10), the press release's chemotherapy proposal after a
positive IHC (3), a measured band whose own source calls it resistant not printed as `intermediate` beside a resistant
call (11, tests/test_kb_rules.py), and the JSON summary's flat mechanism lists told apart from the HTML's boxes (15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alkannot.cohort import build_cohort
from alkannot.kbfiles import load_knowledge_base
from alkannot.sourced_text import Objection, offered_options

EXAMPLE = Path(__file__).resolve().parent.parent / "example_vcfs"
KAT16_TOGETHER = (  # attributed and marked preclinical (stop 50, kb50: it read as a recommendation)
    "in cell models, P-gp overexpression conferred crizotinib and ceritinib resistance but not resistance to alectinib "
    "or lorlatinib (PF-06463922), and from these findings the study authors suggest that alectinib or "
    "lorlatinib could overcome P-gp-mediated crizotinib or ceritinib resistance, with no clinical data on P-gp-positive "
    "tumours in the sources read (preclinical) [KAT16"
)
SEED_TOGETHER = (
    "alectinib and lorlatinib were active at low concentrations in P-gp-overexpressing ceritinib-resistant "
    "patient-derived cells (preclinical) [SEED"
)
KAT16_FINDING = "P-gp overexpression conferred crizotinib and ceritinib resistance"
# the P-gp note's form after its lead has given the drug progressed on's P-gp effect [KAT16; SEED]: the alectinib and
# lorlatinib part only, the other drug's in the P-gp facts (clinical read of stop 52)
KAT16_AFTER_LEAD = (
    "in the same study's cell models, P-gp overexpression did not confer resistance to alectinib or lorlatinib "
    "(PF-06463922), and from these findings the study authors suggest that alectinib or lorlatinib could overcome "
    "P-gp-mediated crizotinib or ceritinib resistance, with no clinical data on P-gp-positive tumours in the sources "
    "read (preclinical) [KAT16"
)
CHEMOTHERAPY = "to guide the choice of chemotherapy as well as of an ALK inhibitor, since P-gp also exports drugs such as docetaxel"


def _sheet(tmp_path: Path, ihc: str) -> Path:
    """The example's sample sheet with P4_T's ABCB1 IHC set (P4_T: crizotinib then ceritinib, no ALK mutation)."""
    lines = (EXAMPLE / "samples.tsv").read_text().splitlines()
    head = lines[0].split("\t")
    rows = [lines[0]]
    for line in lines[1:]:
        fields = line.split("\t")
        if fields[0] == "P4_T":
            fields[head.index("abcb1_ihc")] = ihc
        rows.append("\t".join(fields))
    path = tmp_path / f"samples_{ihc or 'none'}.tsv"
    path.write_text("\n".join(rows) + "\n")
    return path


def _p4(tmp_path: Path, ihc: str):
    folder = EXAMPLE / "GRCh38"
    cohort = build_cohort(
        [str(folder / "tumor_normal.vcf")],
        str(_sheet(tmp_path, ihc)),
        min_vaf=0.05,
        sv_paths=[str(folder / "sv.vcf")],
        fusion_paths=[f"P5_T={folder / 'fusions.tsv'}"],
    )
    (verdict,) = [v for v in cohort.verdicts if v.sample == "P4_T"]
    return verdict


def test_the_ihc_positive_note_says_each_sources_finding_once_finding_10(tmp_path):
    verdict = _p4(tmp_path, "positive")
    assert verdict.progressed_on == ("crizotinib", "ceritinib") and verdict.pgp.check == "recommended"
    note = verdict.pgp.note
    start = note.index("With P-gp IHC positive: ")
    sentence = note[start : note.index(". ", start)]
    # KAT16's finding once for both drugs, SEED's once: two parts, not four; the lead has given ceritinib's P-gp
    # effect, the P-gp facts crizotinib's, so the note says the finding once (clinical read of stop 52)
    assert note.count(KAT16_FINDING) == 0 and sentence.count("active at low concentrations") == 1
    assert KAT16_AFTER_LEAD in sentence and SEED_TOGETHER in sentence
    assert note.count("P-gp overexpression did not confer resistance to alectinib or lorlatinib") == 1
    assert "reduces the activity of ceritinib in cell models [KAT16" in note
    assert "also reduces the activity of crizotinib in cell models [KAT16; SEED]" in note
    assert {"KAT16", "SEED"} <= set(verdict.pgp.sources)
    # each drug's own cell gives the study's finding as the study gives it, for both drugs it tested, not its own
    # row trimmed to that drug ('... but not resistance to alectinib', as if KAT16 had not tested lorlatinib: rev50)
    cells = {c.inhibitor: c for c in verdict.inhibitors}
    for drug in ("alectinib", "lorlatinib"):
        assert KAT16_TOGETHER in cells[drug].note and SEED_TOGETHER in cells[drug].note
        assert cells[drug].note.count(KAT16_FINDING) == 1
    assert "but not resistance to alectinib, and" not in cells["alectinib"].note
    assert "lorlatinib was active at low concentrations" not in cells["lorlatinib"].note


def test_an_objected_drug_is_named_after_the_joint_sentence_finding_10():
    kb = load_knowledge_base()
    history = ("crizotinib", "ceritinib")
    text, _ = offered_options(kb, history, ["alectinib", "lorlatinib"], ihc_positive=True)
    assert text.count(KAT16_FINDING) == 1 and KAT16_TOGETHER in text
    objection = Objection("lorlatinib", "L1198F", "L1198F, found here, is resistant to lorlatinib", "[X]")
    text, _ = offered_options(kb, history, ["alectinib", "lorlatinib"], objections=(objection,), ihc_positive=True)
    # KAT16's finding once, not once per drug (final read of stop 49: review19's M2 and M5 said 'P-gp overexpression
    # conferred crizotinib and ceritinib resistance but not resistance to ...' twice in one note); the tumour's own
    # call, which names lorlatinib, in full beside lorlatinib's response rate, by name after each joint sentence
    assert text.count(KAT16_FINDING) == 1
    assert "[SOL18, PMID 30413378], but L1198F, found here, is resistant to lorlatinib [X]" in text
    assert f"{KAT16_TOGETHER}, PMID 26870817], but see L1198F above; " in text
    assert f"{SEED_TOGETHER}, press release on KAT16], but see L1198F above." in text
    # one drug offered: the study's finding all the same, not the drug's row trimmed to it (rev50, clin50b)
    text, _ = offered_options(kb, history, ["alectinib"], ihc_positive=True)
    assert KAT16_TOGETHER in text and SEED_TOGETHER in text
    assert "not resistance to alectinib, and" not in text


@pytest.mark.parametrize("ihc, said", [("positive", True), ("negative", False), ("", False)])
def test_the_chemotherapy_proposal_follows_a_positive_ihc_only_finding_3(tmp_path, ihc, said):
    verdict = _p4(tmp_path, ihc)
    assert (CHEMOTHERAPY in verdict.pgp.note) is said
    if said:
        assert "docetaxel: a proposal, with no clinical data in the sources read [SEED" in verdict.pgp.note
        assert "SEED" in verdict.pgp.sources


def test_the_summary_lists_say_how_they_differ_from_the_boxes_finding_15():
    schema = json.loads((Path(__file__).resolve().parent.parent / "alkannot/report/schema.json").read_text())
    summary = schema["properties"]["summary"]["properties"]
    for name in ("on_target", "on_target_possible"):
        assert "not_assessable" in summary[name]["description"], name
