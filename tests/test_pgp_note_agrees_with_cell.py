"""The P-gp note with the treatment history unknown names a drug 'not explained ... (sensitive in the knowledge
base)' only where the sample's changes read together are sensitive to it: the compound's reading where the changes
form one (the inhibitor cell), every clonal reading otherwise (clinical read of stop 43, finding 2).
tests/data/sites_only/cohort_sites_grch38.vcf is I1171N+L1196M+G1202R with the phase unknown: the ensartinib cell is
'unknown (inferred)' (I1171N and G1202R have no call; L1196M is sensitive), and the note said 'but not to ensartinib
(sensitive in the knowledge base)' from L1196M's own call."""

from __future__ import annotations

import csv
from pathlib import Path

from helpers import run

SITES = Path(__file__).parent / "data" / "sites_only" / "cohort_sites_grch38.vcf"


def test_an_unphased_compound_whose_cell_is_unknown_is_not_called_sensitive_in_the_note(tmp_path):
    prefix = tmp_path / "r"
    result = run("-q", "annotate", SITES, "--tumor", "S1", "-o", tmp_path / "o.vcf", "--report", prefix)
    assert result.returncode == 0, result.stderr
    with open(f"{prefix}.tsv", newline="") as handle:
        row = next(csv.DictReader((x for x in handle if not x.startswith("##")), delimiter="\t"))
    assert row["ensartinib"] == "unknown (inferred)"
    assert row["pgp_note"].startswith(
        "If progressed: treatment history is not in the sample sheet; the ALK mutation found explains resistance to "
        "crizotinib, ceritinib, alectinib and brigatinib [LIN17T2; FRI14, PMID 24675041; PEL21, "
    )
    assert (
        "9 CIViC evidence items, listed in the sources]; whether it explains resistance to ensartinib, neladalkib, "
        "gilteritinib, TPX-0131, iruplinalkib or envonalkib is not known. If the patient progressed on ensartinib, "
    ) in row["pgp_note"]
    assert "sensitive in the knowledge base" not in row["pgp_note"]
