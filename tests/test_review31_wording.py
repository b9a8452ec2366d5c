"""Clinical review of stop 31: what the report and the VCF header say in seven cases a thoracic oncologist reads
(tests/data/review31, PROVENANCE.md there), through the installed CLI with --min-vaf 0.05.

1. A change below --min-vaf beside G1202R after lorlatinib is named as the compound partner it may be in a minor
   subclone, not denied ('this input shows no second ALK change').
2. With no treatment history, a resistance mutation below --min-vaf is named: 'no clonal ALK mutation ... ; G1202R
   (VAF 2.0%) ... may explain resistance to crizotinib, ceritinib, alectinib and brigatinib only in part' (the drugs
   its calls explain: clinical read of stop 51), not 'no ALK mutation found explains resistance'.
3. CIViC's 'substitutes' fragment of the ALEX item (EID4858) is not in a drug's cell ('any one of: Crizotinib,
   Alectinib').
4. A curators' note keeps its sense when the RULES.md reference is taken out ('(: a single change's call ...'), and a
   clause two sources share is said once.
6. The TSV's off_target_candidates names a positive ABCB1 IHC that makes the sample an off-target candidate.
7. The HTML's triage list says a low-yield check as such beside the sheet's IHC.
8. Each ##alkannotSample line gives the sample's calls (Calls=), compound-aware, as the report gives them.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from helpers import annotated_report

DATA = Path(__file__).parent / "data" / "review31"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("review31") / "r"
    document, html = annotated_report(
        DATA / "review_scenarios_grch38.vcf", DATA / "samples.tsv", prefix, "--min-vaf", "0.05"
    )
    samples = {s["sample"]: s for s in document["samples"]}
    with open(f"{prefix}.tsv", newline="") as handle:
        rows = {row["sample"]: row for row in csv.DictReader(handle, delimiter="\t")}
    vcf = Path(f"{prefix}.vcf").read_text()
    return samples, rows, html, vcf


def test_a_minor_change_beside_g1202r_after_lorlatinib_is_named_as_a_possible_partner(run):
    r1 = run[0]["R1"]
    notes = " ".join(r1["notes"])
    assert "This input shows no second ALK change" not in notes
    assert (
        "Beside G1202R this input shows L1196M (VAF 3.0%), below the clonality cut-off: not read as a compound with "
        "G1202R here, but it may be G1202R's partner in a minor subclone." in notes
    )
    assert "determine whether L1196M and G1202R lie on one allele" in notes
    assert "is not read as a compound with G1202R, and the sample's calls rest on G1202R alone" in notes
    assert "does not form a compound" not in notes
    note = r1["pgp"]["note"]
    assert "that this input does not show" not in note
    assert "L1196M (VAF 3.0%), below the clonality cut-off, may be its partner in a minor subclone" in note
    # the calls are unchanged: G1202R's own, lorlatinib the patient's progression
    assert r1["inhibitors"]["lorlatinib"]["category"] == "resistant"
    assert r1["inhibitors"]["lorlatinib"]["progressed_on"]


def test_a_change_shown_in_trans_is_not_offered_as_a_partner(run):
    """R8: L1196M 3% in trans with G1202R by FORMAT PS (review of stop 31's change, finding 2)."""
    r8 = run[0]["R8"]
    notes = " ".join(r8["notes"])
    assert "in trans (FORMAT PS)" in notes
    assert "may be G1202R's partner" not in notes and "lie on one allele" not in notes
    # L1196M is shown, in trans: the note says no change that may share G1202R's allele is shown, not none at all
    assert "This input shows no second ALK change that may be on one allele with G1202R" in notes
    assert "may be its partner in a minor subclone" not in r8["pgp"]["note"]


def test_a_low_level_kinase_domain_vus_is_offered_as_a_partner(run):
    """R9: A1200S 3%, a kinase-domain change of unknown significance, beside G1202R after lorlatinib (review of stop
    31's change, finding 3: 'this input shows no second ALK change' beside it)."""
    r9 = run[0]["R9"]
    notes = " ".join(r9["notes"])
    assert "This input shows no second ALK change" not in notes
    assert "Beside G1202R this input shows A1200S (VAF 3.0%), below the clonality cut-off" in notes
    assert "that this input does not show" not in r9["pgp"]["note"]
    # A1200S said once, as the partner and as a change of unknown significance (clinical read of stop 51)
    assert (
        "A1200S (VAF 3.0%), a kinase-domain change of unknown significance below the clonality cut-off, may be its "
        "partner in a minor subclone. P-gp overexpression did not confer resistance to lorlatinib"
    ) in r9["pgp"]["note"]
    assert r9["pgp"]["note"].count("A1200S") == 1


def test_without_a_second_change_the_note_still_says_none_is_shown(tmp_path):
    """R7's pair is above --min-vaf (a compound); a G1202R alone after lorlatinib keeps the earlier wording."""
    vcf = tmp_path / "alone.vcf"
    lines = (DATA / "review_scenarios_grch38.vcf").read_text().splitlines()
    kept = [line for line in lines if line.startswith("#") or "\t29220765\t" not in line]
    vcf.write_text("\n".join(kept) + "\n")
    document, _ = annotated_report(vcf, DATA / "samples.tsv", tmp_path / "r", "--min-vaf", "0.05")
    r1 = next(s for s in document["samples"] if s["sample"] == "R1")
    assert "This input shows no second ALK change that may be on one allele with G1202R" in " ".join(r1["notes"])
    assert "a compound mutation with it that this input does not show may explain" in r1["pgp"]["note"]


def test_no_history_names_a_low_level_resistance_mutation(run):
    note = run[0]["R2"]["pgp"]["note"]
    assert "no ALK mutation found explains resistance" not in note
    assert (
        "no clonal ALK mutation found explains resistance to crizotinib, ceritinib, brigatinib, ensartinib, neladalkib, "
        "gilteritinib, TPX-0131, iruplinalkib or envonalkib; G1202R (VAF 2.0%), below the clonality cut-off set for "
        "this run, may explain resistance to crizotinib, ceritinib, alectinib and brigatinib only in part [LIN17T2; "
        in note  # every drug after which the check is recommended (stop 40)
    )
    # the drugs G1202R may explain are those its own calls explain, from the knowledge base, not 'it' after a list
    # that takes in ensartinib and the newer drugs, for which G1202R has no call (clinical read of stop 51)
    from alkannot.kbfiles import load_knowledge_base

    calls = load_knowledge_base().call_variant("G1202R", 1202, True).calls
    explained = [name for name, call in calls.items() if call.category in ("resistant", "intermediate", "conflicting")]
    assert explained == ["crizotinib", "ceritinib", "alectinib", "brigatinib"]
    assert "may explain it only in part" not in note


def test_the_alex_items_substitutes_fragment_is_not_in_a_drugs_cell(run):
    samples = run[0]
    for sample in ("R3", "R6"):
        for name, call in samples[sample]["inhibitors"].items():
            assert "any one of" not in call["note"], (sample, name)
            assert "EID4858:" not in call["note"], (sample, name)


def test_a_curators_note_keeps_its_sense_and_a_shared_clause_is_said_once(run):
    note = run[0]["R5"]["inhibitors"]["crizotinib"]["note"]
    assert "(:" not in note
    assert "(a single change's call says nothing reliable about the compound)" in note
    assert note.count("cited for L1198F alone, linked to this compound") == 1
    assert "a curators' inference: cited for L1198F alone" in note
    assert "inferred from a review table" not in note


def test_the_tsv_names_a_positive_ihc_that_makes_an_off_target_candidate(run):
    samples, rows = run[0], run[1]
    assert samples["R3"]["mechanism"] == "off_target_candidate"
    assert rows["R3"]["off_target_candidates"] == "ABCB1 ihc_positive"
    # after alectinib P-gp is not a candidate explanation (KAT16): no candidate, in the TSV or the HTML
    assert samples["R4"]["mechanism"] == "unexplained"
    assert rows["R4"]["off_target_candidates"] == ""


def test_the_triage_list_says_a_low_yield_check_beside_the_sheets_ihc(run):
    samples, html = run[0], run[2]
    assert samples["R4"]["pgp_check"] == "low_yield" and samples["R4"]["pgp_triage"]
    assert "R4 (P-gp check low yield; ABCB1 IHC positive in the sample sheet)" in html
    assert "R4 (P-gp check done: IHC positive)" not in html
    assert "R3 (P-gp check done: IHC positive)" in html
    assert "P-gp overexpression shown by IHC after a drug whose activity P-gp reduces" in html


def _calls(vcf: str) -> dict[str, dict[str, str]]:
    """Each ##alkannotSample line's Calls=, as {sample: {inhibitor: 'category(qualifiers)'}}."""
    found = {}
    for line in vcf.splitlines():
        if line.startswith("##alkannotSample=<"):
            sample = re.search(r"<ID=([^,]+),", line).group(1)
            value = re.search(r'Calls="([^"]*)"', line).group(1)
            found[sample] = dict(entry.split(":", 1) for entry in value.split(";"))
    return found


def test_each_sample_line_gives_the_samples_calls_as_the_report_does(run):
    samples, _, _, vcf = run
    calls = _calls(vcf)
    assert set(calls) == set(samples)
    for sample, document in samples.items():
        assert list(calls[sample]) == list(document["inhibitors"]), sample  # the knowledge base's order
        for name, call in document["inhibitors"].items():
            assert calls[sample][name].split("(")[0] == call["category"], (sample, name)
            qualifiers = re.findall(r"\((.*)\)", calls[sample][name])
            marks = set(qualifiers[0].split(",")) if qualifiers else set()
            assert ("inferred" in marks) == call["inferred"], (sample, name)
            assert ("subclonal" in marks) == call["subclonal"], (sample, name)
            assert ("sources_disagree" in marks) == call["disputed"], (sample, name)
            assert ("progressed_on" in marks) == (call["progressed_on"] and not call["resensitised"]), (sample, name)


def test_a_compounds_calls_reach_the_vcf_where_the_alleles_own_keys_differ(run):
    """R7: G1202R and L1196M (unphased) after alectinib. Each allele's ALK_LORLATINIB is its own call (sensitive); the
    sample's lorlatinib call is the compound's, which the knowledge base does not give: unknown, inferred."""
    vcf = run[3]
    g1202r = next(line for line in vcf.splitlines() if line.startswith("chr2\t29220747\t"))
    assert "ALK_LORLATINIB=sensitive" in g1202r
    calls = _calls(vcf)["R7"]
    assert calls["lorlatinib"] == "unknown(inferred)"
    assert calls["alectinib"] == "resistant(progressed_on)"
    # R5's documented re-sensitising compound, in cis at comparable fractions: crizotinib is the genotype's call
    # ... resting on one case report, EID844 (clinical reading of stop 41, finding 8)
    assert _calls(vcf)["R5"]["crizotinib"] == "sensitive(resensitised,case_report_only)"
