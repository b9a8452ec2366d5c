"""Clinical read of stop 51: with the treatment history unknown, the P-gp note names only the inhibitors after which
a progression would leave the P-gp question open. For G1202R (tests/data/scenarios, S13) it read "the ALK mutation
found explains resistance to crizotinib, ceritinib and brigatinib", leaving out alectinib, which G1202R is best known
for (its cell says `resistant`): the list's scope is now said where the change explains a drug it leaves out."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from helpers import run

SCENARIOS = Path(__file__).parent / "data" / "scenarios"
SCOPE = "of the inhibitors whose activity P-gp overexpression reduces or may reduce, or whose P-gp effect is unknown, "


def _row(tmp_path: Path, name: str) -> dict[str, str]:
    vcf = SCENARIOS / "GRCh38" / f"{name}.vcf"
    sv = SCENARIOS / "GRCh38" / f"{name}.sv.vcf"
    prefix = tmp_path / name
    result = run("-q", "report", vcf, "--sv", f"{name}_T={sv}", "--samples", SCENARIOS / "samples.tsv", "--out", prefix)
    assert result.returncode == 0, result.stderr
    with open(f"{prefix}.tsv", newline="") as handle:
        rows = {r["sample"]: r for r in csv.DictReader((x for x in handle if not x.startswith("##")), delimiter="\t")}
    return rows[f"{name}_T"]


def test_a_change_resistant_to_a_drug_p_gp_did_not_affect_names_it_with_the_others(tmp_path):
    """The scope phrase this test first asserted ("of the inhibitors whose activity P-gp overexpression reduces or
    may reduce, or whose P-gp effect is unknown, ...") was true but long (clinical read of stop 52): the note now
    names alectinib with the other drugs G1202R explains, with its sources; the advice that follows still asks for
    P-gp IHC only after the drugs whose P-gp question stays open."""
    row = _row(tmp_path, "S13")  # G1202R, no treatment history
    assert row["alectinib"] == "resistant" and row["pgp_check"] == "if_progressed"
    assert SCOPE not in row["pgp_note"]
    assert row["pgp_note"].startswith(
        "If progressed: treatment history is not in the sample sheet; the ALK mutation found explains resistance to "
        "crizotinib, ceritinib, alectinib and brigatinib [LIN17T2; FRI14, PMID 24675041; "
    )
    assert "; whether it explains resistance to ensartinib, " in row["pgp_note"]
    assert (
        " G1202R (VAF 33.3%) explains a progression on crizotinib, ceritinib, alectinib or brigatinib only if it is "
        "in most tumour cells; "
    ) in row["pgp_note"]
    assert (
        "If the patient progressed on ensartinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib or envonalkib, or "
        "on crizotinib, ceritinib or brigatinib with G1202R in part of the tumour only, check P-gp (ABCB1) by IHC"
    ) in row["pgp_note"]
    # why alectinib is left out of that advice, said where the card shows it (its P-gp facts are folded)
    assert (
        "cut-off for it). After a progression on alectinib, P-gp is an unlikely explanation: P-gp overexpression did "
        "not confer resistance to it in cell models (preclinical evidence) [KAT16, PMID 26870817; SEED, press release "
        "on KAT16]. After a progression on lorlatinib, neither G1202R nor P-gp overexpression is expected to explain "
        "it: "  # lorlatinib, which G1202R does not explain, since stop 52 (tests/test_clin52c_review.py)
    ) in row["pgp_note"]


def test_a_compound_resistant_to_lorlatinib_names_lorlatinib(tmp_path):
    """C1156Y+L1198F in cis, no history (tests/data/resensitisation P9): resistant to lorlatinib in the knowledge
    base (EID843), which the scope phrase left unnamed; now named with ceritinib, with its source."""
    prefix = tmp_path / "res"
    data = Path(__file__).parent / "data" / "resensitisation"
    vcfs = [data / "partners_grch38.vcf", data / "resens_grch38.vcf"]
    result = run("-q", "report", *vcfs, "--samples", data / "samples.tsv", "--out", prefix)
    assert result.returncode == 0, result.stderr
    with open(f"{prefix}.tsv", newline="") as handle:
        rows = {r["sample"]: r for r in csv.DictReader((x for x in handle if not x.startswith("##")), delimiter="\t")}
    note = rows["P9_C1156Y_L1198F_cis_criz_cer"]["pgp_note"]
    assert note.startswith(
        "If progressed: treatment history is not in the sample sheet; the ALK mutation found explains resistance to "
        "ceritinib and lorlatinib [LIN17T2; EID841(PMID:26698910); EID843(PMID:26698910)] but not to crizotinib "
        "(sensitive in the knowledge base, one case report); "
    )
    assert SCOPE not in note
    assert " After a progression on lorlatinib, P-gp is an unlikely explanation: " in note


def test_the_calls_a_note_without_history_says_are_cited_with_the_drug_tables_sources(tmp_path):
    """With no treatment history the found sentence named G1202R's calls without their sources (clin51b): each call's
    sources, as the sample's drug table gives them, are now among the note's."""
    _row(tmp_path, "S13")
    (sample,) = json.loads((tmp_path / "S13.json").read_text())["samples"]
    said = [
        k for d in ("crizotinib", "ceritinib", "alectinib", "brigatinib") for k in sample["inhibitors"][d]["sources"]
    ]
    assert said and set(said) <= set(sample["pgp"]["sources"])
    assert sample["pgp"]["sources"][: len(dict.fromkeys(said))] == list(dict.fromkeys(said))


def test_no_scope_where_the_list_leaves_out_nothing_the_change_explains(tmp_path):
    row = _row(tmp_path, "S12")  # L1196M, no treatment history: sensitive to alectinib and lorlatinib
    assert row["alectinib"] == "sensitive"
    assert row["pgp_note"].startswith(
        "If progressed: treatment history is not in the sample sheet; the ALK mutation found explains resistance to "
        "crizotinib [LIN17T2; EID237(PMID:20979473); EID442(PMID:22277784)] but not to ceritinib, brigatinib or "
        "ensartinib (sensitive in the knowledge base; brigatinib and ensartinib: reviews only); "
    )
