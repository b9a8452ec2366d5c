"""Stop 54, helper text54: the report's sentences as a thoracic oncologist reads them. A note naming a genotype call,
its evidence mark and the change it rests on says the change and the mark in one bracket ('would be sensitive
(G1202R; reviews only) [LIN17T2]'), never two brackets in a row ('sensitive (reviews only) (G1202R)', stop 53's
closing note). Through the installed CLI on real tests/data files; each mark checked against `alkannot lookup`."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

from helpers import annotated_report, g1202r_vcf, run

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
# an evidence mark of the drug table said in a note, then a bracket right after it
MARK_THEN_BRACKET = re.compile(r"\((?:reviews only|preclinical only|one case report|case reports only)\) \(")


def _report(tmp_path: Path, vcf: Path, sheet: Path, *options: str) -> tuple[dict, str]:
    document, page = annotated_report(vcf, sheet, tmp_path / "r", *options)
    return {s["sample"]: s for s in document["samples"]}, html.unescape(page)


def _lookup_call(change: str, drug: str) -> dict:
    result = run("lookup", change, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["results"][0]["calls"][drug]


def _notes(sample: dict) -> list[str]:
    """Every note of a sample's JSON entry: its own, the P-gp note, each inhibitor's."""
    cells = [c.get("note") or "" for c in sample["inhibitors"].values()]
    return [*sample["notes"], sample["pgp"]["note"] or "", *cells]


def test_the_genotype_call_of_a_drug_progressed_on_names_change_and_mark_in_one_bracket(tmp_path):
    """tests/data/review31 R1 (G1202R after alectinib then lorlatinib): lorlatinib's cell said "would be sensitive
    (reviews only) (G1202R) [LIN17T2; ...]"; it says "(G1202R; reviews only)", and the card's legend still explains
    the mark, which the row ('(progressed)') does not show."""
    folder = DATA / "review31"
    samples, page = _report(
        tmp_path, folder / "review_scenarios_grch38.vcf", folder / "samples.tsv", "--min-vaf", "0.05"
    )
    assert _lookup_call("G1202R", "lorlatinib")["reviews_only"]
    note = samples["R1"]["inhibitors"]["lorlatinib"]["note"]
    assert "the genotype-based call alone would be sensitive (G1202R; reviews only) [LIN17T2; PEL21, " in note
    assert "Marks beside a call in the notes: (reviews only) = " in page
    for sample in samples.values():
        assert not [n for n in _notes(sample) if MARK_THEN_BRACKET.search(n)], sample["sample"]


def test_the_call_a_positive_ihc_sets_aside_names_change_and_mark_in_one_bracket(tmp_path):
    """tests/data/resensitisation R6 (C1156Y+L1198F in cis after crizotinib then lorlatinib, ABCB1 IHC positive):
    crizotinib's cell said "the genotype-based call (sensitive (one case report), C1156Y+L1198F (cis))", a bracket in
    a bracket beside the change; it says "(sensitive, C1156Y+L1198F (cis); one case report)", as `lookup` marks the
    compound's crizotinib call; the earlier-progression note says the change and the mark in one bracket too."""
    folder = DATA / "resensitisation"
    samples, page = _report(tmp_path, folder / "resens_grch38.vcf", folder / "samples.tsv", "--min-vaf", "0.05")
    assert _lookup_call("C1156Y+L1198F", "crizotinib")["one_case_report"]
    note = samples["R6_C1156Y_L1198F_IHCpos"]["inhibitors"]["crizotinib"]["note"]
    assert (
        "the genotype-based call (sensitive, C1156Y+L1198F (cis); one case report) [EID844(PMID:26698910)] is not used "
        "for this patient, because the P-gp overexpression may reduce this drug's activity" in note
    )
    said = "would be sensitive (C1156Y+L1198F (cis); one case report) [EID844(PMID:26698910)]"
    assert any(said in s["inhibitors"]["crizotinib"]["note"] for s in samples.values())
    assert said in page
    for sample in samples.values():
        assert not [n for n in _notes(sample) if MARK_THEN_BRACKET.search(n)], sample["sample"]


def test_the_off_target_sentence_follows_the_explanation_and_its_scope(tmp_path):
    """G1202R (VAF 0.4) after ceritinib, with the MET gain (CN 12) of tests/data/recorded_offtarget's SV file, no
    --min-vaf: the P-gp note put its off-target sentence at the note's first full stop, between "whether G1202R
    explains the progression is uncertain." and "If it does, the check is not indicated; ...", whose "it" then read as
    the MET gain. The sentence now follows the explanation and its scope, the verdict as the note's builder made it."""
    data = DATA / "recorded_offtarget"
    vcf = g1202r_vcf(tmp_path / "g1202r.vcf", ["M1_T"])
    common = (vcf, "--sv", data / "met_alec.sv.vcf", "--samples", data / "samples_ceritinib.tsv")
    for cut_off in ((), ("--min-vaf", "0.05")):
        prefix = tmp_path / f"r{len(cut_off)}"
        result = run("-q", "report", *common, *cut_off, "--out", prefix, text=True)
        assert result.returncode == 0, result.stderr
        (sample,) = json.loads(Path(f"{prefix}.json").read_text())["samples"]
        assert (sample["mechanism"], sample["pgp"]["context"]) == ("on_target", "explained_by_mutation")
        note = sample["pgp"]["note"]
        verdict, listed = note.split(" An off-target candidate is also listed: MET copy-number gain at chr7:116522196")
        assert verdict.startswith("Not indicated: G1202R (VAF 40.0%) is resistant to ceritinib in the knowledge base [")
        assert verdict.endswith(
            "P-gp (ABCB1) IHC can still be considered, as for a tumour without an explaining mutation."
        )
        assert ("If it does, the check is not indicated; if G1202R is in part" in verdict) == (not cut_off)
        assert "does not rule out a contribution of this alteration (see the off-target findings)" in listed


def test_a_compound_basis_says_its_phase_and_its_subclonal_part_in_one_bracket(tmp_path):
    """tests/data/compound_minor M3_alectinib_20pct (L1196M at 40%, G1202R at 20%, --min-vaf 0.1): the basis of the
    calls resting on the compound's minor part read "L1196M+G1202R (phase not determined) (subclonal or low-level
    part: ...)", two brackets in a row; it is one bracket in the JSON, the TSV (its separators: ', ', ' - ') and the
    card, and the note that reads the basis back still names the compound with its phase."""
    folder = DATA / "compound_minor"
    samples, page = _report(tmp_path, folder / "compound_minor_grch38.vcf", folder / "samples.tsv", "--min-vaf", "0.1")
    said = "L1196M+G1202R (phase not determined; subclonal or low-level part: holds at most in part of the tumour)"
    sample = samples["M3_alectinib_20pct"]
    assert sample["inhibitors"]["ceritinib"]["basis"] == said
    assert (sample["inhibitors"]["ceritinib"]["category"], sample["inhibitors"]["ceritinib"]["subclonal"]) == (
        "resistant",
        True,
    )
    assert said in page and ") (subclonal or low-level" not in page
    with open(tmp_path / "r.tsv", newline="") as handle:
        (row,) = [r for r in csv.DictReader(handle, delimiter="\t") if r["sample"] == "M3_alectinib_20pct"]
    assert said.replace("; ", ", ").replace(": ", " - ") in row["inhibitor_basis"]
    assert ") (subclonal" not in row["inhibitor_basis"]


def test_the_note_reading_a_compound_basis_back_names_the_compound_with_its_phase(tmp_path):
    """tests/data/compound_three T3 (L1196M+G1202R+L1240S in cis, L1240S at 2%, after lorlatinib): lorlatinib's basis
    says the phase and the subclonal part in one bracket, and its note, which reads the basis back, still says "from
    L1196M+G1202R+L1240S (cis), a compound with a subclonal or low-level part"."""
    folder = DATA / "compound_three"
    samples, _ = _report(tmp_path, folder / "three_part_cis_grch38.vcf", folder / "samples.tsv")
    lorlatinib = samples["T3"]["inhibitors"]["lorlatinib"]
    assert lorlatinib["basis"] == (
        "L1196M+G1202R+L1240S (cis; subclonal or low-level part: holds at most in part of the tumour)"
    )
    assert (
        "the genotype-based call alone would be unknown, from L1196M+G1202R+L1240S (cis), a compound with a subclonal "
        "or low-level part; subclonal basis: L1196M+G1202R+L1240S (call: unknown)" in lorlatinib["note"]
    )


def test_an_off_target_candidate_with_its_protein_change_takes_the_pointer_in_its_bracket(tmp_path):
    """tests/data/offtarget_context KRAS_cri (KRAS G12C after crizotinib, VEP-annotated): the P-gp note and the untried
    drugs' notes named "KRAS mutation at chr12:25245351 C>A (p.G12C, VEP) (see the off-target findings)", two brackets
    in a row; the pointer is said in the change's own bracket. MET_cri's gain, whose description has no bracket, keeps
    its one bracket."""
    folder = DATA / "offtarget_context"
    samples, _ = _report(tmp_path, folder / "bypass_grch38.vcf", folder / "samples.tsv")
    kras = samples["KRAS_cri"]
    named = "KRAS mutation at chr12:25245351 C>A (p.G12C, VEP; see the off-target findings)"
    assert (
        f"An off-target candidate is also listed: {named}. The P-gp check does not address it." in kras["pgp"]["note"]
    )
    assert (
        f"an off-target candidate is listed, {named}, which does not exclude" in kras["inhibitors"]["ceritinib"]["note"]
    )
    for sample in samples.values():
        assert not [n for n in _notes(sample) if ") (see the off-target findings)" in n], sample["sample"]
