"""Clinical read of stop 52 (a thoracic oncologist's and a molecular pathologist's reading of what the report prints),
through the installed CLI on the README example."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import EXAMPLES, readme_reports, run

ROOT = Path(__file__).resolve().parent.parent


def _labels(page: str, sample: str) -> list[str]:
    box = re.search(rf'id="s-{sample}".*?<div class="pgpnote[^"]*">(.*?)</div>', page, re.S).group(1)
    return re.findall(r'<p class="pgppart"><b>([^<]*):</b>', box)


def test_the_p_gp_box_labels_say_what_each_paragraph_is_about(tmp_path):
    """'Frequency' (of what?), 'Other inhibitors' (than which?), 'The full advice' (whose?) and 'ABCB1 expression'
    (read by a pathologist as IHC, where the figure is RNA, TPM) named the part's kind, not its subject."""
    samples, _, page, _ = readme_reports(tmp_path / "ex")
    p4 = _labels(page, "P4_T")
    assert p4[:2] == ["How often P-gp overexpression is found", "Activity after this treatment history"]
    assert not {"Frequency", "Other inhibitors"} & set(p4)
    assert _labels(page, "P5_T")[-1] == "ABCB1 RNA expression"
    assert "ABCB1 expression 3.2 TPM" in samples["P5_T"]["pgp"]["note"]  # the note's own words are unchanged
    assert _labels(page, "P7_T") == ["Other genes checked", "Held back until the ALK status is known"]
    assert (
        "<b>Held back until the ALK status is known:</b> Give the ALK status in the sample sheet for the full P-gp advice"
        in (page)
    )


def test_without_min_vaf_a_tumour_shown_alk_positive_by_a_mutation_alone_says_so(tmp_path):
    """README's example without --min-vaf: P7_T (no ALK status in the sheet, no SV calls or fusion table) is taken
    as ALK-positive on its C1156Y at VAF 3.0% (9 of 299 reads), counted as clonal, and nothing said that this was all
    the assessment rested on (item c); with --min-vaf 0.05 the same tumour is not assessable. The logic is unchanged;
    the note on the missing cut-off now says what ALK positivity rests on. P1_T (positive:IHC) does not get it."""

    folder = EXAMPLES / "GRCh38"
    prefix = tmp_path / "nomin"
    result = run(
        "annotate", folder / "tumor_normal.vcf", "--sv", folder / "sv.vcf",
        "--fusions", f"P5_T={folder / 'fusions.tsv'}", "--samples", EXAMPLES / "samples.tsv",
        "--report", prefix, "-o", tmp_path / "nomin.vcf.gz", "-q",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    samples = {s["sample"]: s for s in json.loads(prefix.with_suffix(".json").read_text())["samples"]}
    p7 = samples["P7_T"]
    assert (p7["mechanism"], p7["pgp_check"], p7["fusion"]) == ("on_target", "not_indicated", "not_assessed")
    (note,) = [n for n in p7["notes"] if n.startswith("No clonality cut-off (--min-vaf) was set for this run")]
    assert note.endswith(
        "(C1156Y at VAF 3.0%); with a cut-off, a variant below it would make on-target resistance only possible. ALK "
        "positivity rests on C1156Y alone here (no ALK status in the sample sheet, no ALK fusion call in this input); "
        "with a cut-off above its VAF it would not be established: give the ALK status in the sample sheet if it is "
        "known."
    )
    assert note in prefix.with_suffix(".html").read_text()  # the card prints it
    (p1,) = [n for n in samples["P1_T"]["notes"] if n.startswith("No clonality cut-off")]
    assert "ALK positivity rests on" not in p1


def test_an_explaining_call_resting_on_preclinical_data_only_says_so_in_the_p_gp_note(tmp_path):
    """tests/data/investigational GI_T: I1171N+F1174I in cis after alectinib then lorlatinib. Its lorlatinib call
    rests on MIZ21 alone (evidence kind preclinical: EML4-ALK tumour models in mice), which the drug table marks
    '(preclinical only)'; the P-gp note said "is resistant to lorlatinib in the knowledge base [MIZ21], which explains
    the progression" with no word of it. It now carries the table's mark beside the call."""
    data = ROOT / "tests" / "data" / "investigational"
    prefix = tmp_path / "gi"
    vcf = data / "i1171n_f1174i_cis_grch38.vcf"
    result = run("-q", "report", vcf, "--samples", data / "samples.tsv", "--out", prefix)
    assert result.returncode == 0, result.stderr
    (gi,) = [s for s in json.loads(prefix.with_suffix(".json").read_text())["samples"] if s["sample"] == "GI_T"]
    assert gi["inhibitors"]["lorlatinib"]["evidence_kinds"] == ["preclinical"]
    assert gi["pgp"]["note"].startswith(
        "Not indicated: I1171N+F1174I (cis; VAF 30.0% and 30.0%) is resistant to lorlatinib in the knowledge base "
        "(preclinical only) [MIZ21, doi:10.1038/s41467-021-21396-w], which explains the progression on lorlatinib "
        "only if I1171N+F1174I is in most tumour cells; "
    )
    # a call with a patient's statement among those that decided it gets no such mark (P1_T's G1202R, alectinib)
    samples, _, _, _ = readme_reports(tmp_path / "ex")
    assert "preclinical only" not in samples["P1_T"]["pgp"]["note"]


def test_a_conflicting_call_is_not_said_to_disagree_twice(tmp_path):
    """tests/data/stop42_clinical C06: E1210K after brigatinib, whose brigatinib call is conflicting (SAB17 both
    ways, JAIN17). The sample's note read "in the knowledge base it has a conflicting call for brigatinib, but the
    sources disagree (...)": the same thing twice, the 'but' suggesting a contrast that is not there."""
    data = ROOT / "tests" / "data" / "stop42_clinical"
    prefix = tmp_path / "c06"
    vcf, sheet = data / "C06_E1210K_after_brigatinib.in.vcf", data / "C06_E1210K_after_brigatinib.samples.tsv"
    result = run("-q", "report", vcf, "--samples", sheet, "--out", prefix)
    assert result.returncode == 0, result.stderr
    (sample,) = json.loads(prefix.with_suffix(".json").read_text())["samples"]
    (note,) = [n for n in sample["notes"] if n.startswith("E1210K is present")]
    assert note.startswith(
        "E1210K is present; in the knowledge base it has a conflicting call for brigatinib (sensitive per "
        "SAB17 (in vitro), JAIN17; resistant per SAB17 (clinical resistance)) [SAB17, "
        "PMID 28435288; JAIN17, doi:10.2147/LCTT.S126507]: on-target resistance is possible, not established; "
    )
    assert "but the sources disagree" not in note


def test_an_ihc_positive_card_does_not_label_the_finding_as_a_condition(tmp_path):
    """tests/data/clin47 NOMUTIHC: ABCB1 IHC positive in the sample sheet. The card's paragraph read "If P-gp IHC is
    positive: With P-gp IHC positive: in cell models, ...": a condition over a finding the sheet already gives, and the
    opening twice. Labelled by the finding now, said once; a tumour without an IHC result keeps the conditional label
    (README's P4_T)."""
    data = ROOT / "tests" / "data" / "clin47"
    prefix = tmp_path / "nomut"
    result = run("-q", "report", data / "NOMUTIHC.vcf", "--samples", data / "NOMUTIHC.samples.tsv", "--out", prefix)
    assert result.returncode == 0, result.stderr
    page = prefix.with_suffix(".html").read_text()
    assert _labels(page, "NOMUTIHC_crizotinib_T") == [
        "Activity after this treatment history",
        "With P-gp IHC positive",
        "P-gp inhibitor combination",
        "Chemotherapy",
        "Other genes checked",
        "Small-cell transformation",
    ]
    assert (
        "<b>With P-gp IHC positive:</b> In the same study&#39;s cell models, P-gp overexpression did not confer "
        "resistance to alectinib or lorlatinib" in page  # after the lead's crizotinib effect (clin52b)
    )
    assert "If P-gp IHC is positive" not in page
    _, _, example, _ = readme_reports(tmp_path / "ex")
    assert "If P-gp IHC is positive" in _labels(example, "P4_T")
