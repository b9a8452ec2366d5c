"""Clinical review of stop 42, left open: a clonal ALK change whose call for the drug of the latest progression rests
only on a computer simulation or on other contexts blanked the untried drugs' sensitive calls ('unknown', "... which is
therefore not used for this patient"), as if it were known not to explain the progression, while a change with no
call for that drug (G1202R after ensartinib) or a disputed one (E1210K after brigatinib) kept them with a conditional
note. Such a call makes the change a possible explanation (mechanism `on_target_possible`), no less than no call: the
untried drugs' calls now stand, the note saying why the latest drug's call does not settle it and naming its source
(RULES.md section 8).

Real VCFs (tests/data/stop43_weak_latest/README.md): C16 (L1256F after lorlatinib; OKA19's simulation) and C21
(L1196M after crizotinib). The bundled knowledge base reaches the rule in neither (L1256F has no call but lorlatinib's;
L1196M's crizotinib call rests on NSCLC statements), so each also runs with a laboratory's knowledge base (`--kb`)
changed in one place: OKA19's alectinib simulation counted as a vote; CGI's statement the only one on L1196M and
crizotinib."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import annotated_report, edited_kb

DATA = Path(__file__).parent / "data"
L1256F = DATA / "stop42_review_hc" / "C16_L1256F_after_lorlatinib"
L1196M = DATA / "stop43_weak_latest" / "C21_L1196M_after_crizotinib"
HOLDS = "If it does, this call stands; if something else explains that progression, it may also make this drug less effective"
IN_SILICO = (
    "L1256F is resistant to lorlatinib in the knowledge base, but the evidence for that call is chiefly a computer "
    "simulation (in silico; no cell IC50 read) [OKA19, PMC6441848], so whether L1256F explains the progression on lorlatinib is "
    f"not settled. {HOLDS}"
)
OTHER_CONTEXT = (
    # CGI's row records no context: not known to be another context (clinical read of stop 43, finding 9)
    "L1196M is resistant to crizotinib in the knowledge base, but only from other contexts or statements of "
    "unrecorded context, with no statement about ALK-positive NSCLC (resistant per CGI (context not recorded)) [CGI(PMID:20979473,PMID:22277784)], so whether "
    f"L1196M explains the progression on crizotinib is not settled. {HOLDS}"
)
UNTRIED_SENSITIVE = ("ceritinib", "alectinib", "brigatinib", "ensartinib", "lorlatinib")  # L1196M alone, LIN17T2
# of them, those whose deciding statements are review-level only (LIN17T2; SAB17, JAIN17): '(reviews only)'
REVIEWS_ONLY = ("brigatinib", "ensartinib", "lorlatinib")


def _counts_the_simulation(row: dict) -> dict:
    if (row["alteration"], row["inhibitor"], row["sources"]) == ("L1256F", "alectinib", "OKA19"):
        row["category"] = "sensitive"  # a laboratory that counts the simulation (the bundled one lists it: RULES.md 1)
        row["note"] = "in silico: L1256F 'increased the sensitivity to alectinib' in the computational simulation"
    return row


def _only_cgi_on_l1196m_and_crizotinib(row: dict) -> dict | None:
    drop = (row["alteration"], row["inhibitor"]) == ("L1196M", "crizotinib") and row["sources"] not in ("CGI", "SEED")
    return None if drop else row


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("lab_kb")
    return {
        "in_silico": edited_kb(root, "in_silico", _counts_the_simulation),
        "other_context": edited_kb(root, "other_context", _only_cgi_on_l1196m_and_crizotinib),
    }


def _run(tmp: Path, scenario: Path, name: str, sheet: str = "samples.tsv", *kb: str) -> dict:
    """The scenario's sample (JSON), with its TSV row and the annotated VCF's text."""
    prefix = tmp / name
    doc, _ = annotated_report(scenario / "in.vcf", scenario / sheet, prefix, "--sv", str(scenario / "sv.vcf"), *kb)
    (row,) = csv.DictReader(Path(f"{prefix}.tsv").open(), delimiter="\t")
    (sample,) = doc["samples"]
    return {**sample, "row": row, "vcf": Path(f"{prefix}.vcf").read_text()}


def test_a_call_for_the_latest_drug_resting_on_a_simulation_keeps_the_untried_drugs_calls(tmp_path, lab):
    sample = _run(tmp_path, L1256F, "silico", "samples.tsv", "--kb", str(lab["in_silico"]))
    assert (sample["mechanism"], sample["pgp_check"]) == ("on_target_possible", "low_yield")
    alectinib = sample["inhibitors"]["alectinib"]
    assert (alectinib["category"], alectinib["sources"], alectinib["in_silico"]) == ("sensitive", ["OKA19"], True)
    assert alectinib["note"] == (
        "OKA19: in silico: L1256F 'increased the sensitivity to alectinib' in the computational simulation | "
        + IN_SILICO
    )
    assert "not used for this patient" not in alectinib["note"]
    assert alectinib["note_sources"] == ["OKA19"]
    assert sample["row"]["alectinib"] == "sensitive (chiefly in silico, no cell IC50 read)"
    assert ";alectinib:sensitive(in_silico);" in sample["vcf"]  # ##alkannotSample Calls
    assert sample["inhibitors"]["lorlatinib"]["category"] == "resistant"  # progressed on it


def test_the_bundled_knowledge_base_has_no_untried_call_to_keep_for_l1256f(tmp_path):
    """L1256F after lorlatinib with the bundled knowledge base: no call for any other drug (alectinib's simulation is
    listed, not a vote), so nothing is kept or withheld; the mechanism and the P-gp check are as before."""
    sample = _run(tmp_path, L1256F, "bundled")
    assert (sample["mechanism"], sample["pgp_check"]) == ("on_target_possible", "low_yield")
    untried = {d: c for d, c in sample["inhibitors"].items() if d != "lorlatinib"}
    assert {c["category"] for c in untried.values()} == {"unknown"}
    assert all(c["sources"] == [] and "this call stands" not in c["note"] for c in untried.values())


def test_a_call_for_the_latest_drug_from_other_contexts_keeps_the_untried_drugs_calls(tmp_path, lab):
    sample = _run(tmp_path, L1196M, "other", "samples.tsv", "--kb", str(lab["other_context"]))
    assert (sample["mechanism"], sample["pgp_check"]) == ("on_target_possible", "recommended")
    crizotinib = sample["inhibitors"]["crizotinib"]  # progressed on it: resistant, the genotype's call in the note
    assert crizotinib["category"] == "resistant"
    assert "the call rests on other contexts: resistant per CGI (context not recorded)" in crizotinib["note"]
    for drug in UNTRIED_SENSITIVE:
        cell = sample["inhibitors"][drug]
        assert cell["category"] == "sensitive", drug
        assert cell["note"].endswith(OTHER_CONTEXT), (drug, cell["note"])
        assert "not used for this patient" not in cell["note"]
        assert "CGI(PMID:20979473,PMID:22277784)" in cell["note_sources"]
        reviews = drug in REVIEWS_ONLY
        assert cell["reviews_only"] is reviews, drug
        assert sample["row"][drug] == "sensitive" + (" (reviews only)" if reviews else "")
        assert f";{drug}:sensitive{'(reviews_only)' if reviews else ''};" in sample["vcf"]
    assert sample["inhibitors"]["lorlatinib"]["note"] == OTHER_CONTEXT
    # a part of its own, not read as part of the listed source's clause (clinical read of stop 43, finding 8)
    assert sample["inhibitors"]["alectinib"]["note"].endswith("SEED says sensitive | " + OTHER_CONTEXT)
    assert sample["inhibitors"]["lorlatinib"]["sources"] == ["LIN17T2"]


def test_a_sensitive_call_for_the_latest_drug_still_withholds_them(tmp_path, lab):
    """The control: after crizotinib then ceritinib, L1196M is sensitive to ceritinib [LIN17T2; FRI14; EID1341]:
    it does not explain the progression, so alectinib's sensitive call is not used (RULES.md 8, unchanged)."""
    sample = _run(tmp_path, L1196M, "ceritinib", "samples_after_ceritinib.tsv", "--kb", str(lab["other_context"]))
    assert sample["mechanism"] == "unexplained"
    alectinib = sample["inhibitors"]["alectinib"]
    assert alectinib["category"] == "unknown"
    assert alectinib["note"].startswith(
        "no ALK change found is shown to explain the progression on ceritinib, and whatever explains it may also make "
        "this drug less effective; the call for L1196M alone is sensitive [LIN17T2; EID141(PMID:21575866)], which is "
        "therefore not used for this patient"
    )


def test_with_the_bundled_knowledge_base_l1196m_explains_the_progression_on_crizotinib(tmp_path):
    """C21 with the bundled knowledge base: L1196M's crizotinib call rests on NSCLC statements and settles it
    (`on_target`), and the untried drugs' calls stand without a conditional note."""
    sample = _run(tmp_path, L1196M, "bundled")
    assert (sample["mechanism"], sample["pgp_check"]) == ("on_target", "not_indicated")
    for drug in UNTRIED_SENSITIVE:
        cell = sample["inhibitors"][drug]
        assert cell["category"] == "sensitive" and "this call stands" not in cell["note"], drug


def test_a_statement_of_unrecorded_context_is_not_called_another_context():
    """Clinical read of stop 43, finding 9: a deciding statement that records no disease or ALK background (CGI's
    rows) is not known to be of another context; a recorded other context is said as before."""
    from alkannot.readings import Reading
    from alkannot.untried import _why_open

    def said(contexts: str) -> str:
        return _why_open(Reading("G1123S", "ceritinib", "resistant", ("CGI",), True, True, contexts=contexts))

    assert said("resistant per CGI (context not recorded)") == (
        ", but only from other contexts or statements of unrecorded context, with no statement about ALK-positive "
        "NSCLC (resistant per CGI (context not recorded))"
    )
    assert said("resistant per EID1 (neuroblastoma; full-length ALK)") == (
        ", but only from other contexts, with no statement about ALK-positive NSCLC (resistant per EID1 "
        "(neuroblastoma; full-length ALK))"
    )
