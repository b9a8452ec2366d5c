"""Clinical read of stop 52, helper clin52c: the P-gp note says the evidence behind a call as the drug table marks it,
through the installed CLI on real tests/data files."""

from __future__ import annotations

import html
import json
from pathlib import Path

from helpers import report_of, run

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def test_a_call_resting_on_one_case_report_carries_the_tables_mark_in_the_p_gp_note(tmp_path):
    """tests/data/resensitisation R2: C1156Y+L1198F in cis, progressed on lorlatinib then crizotinib. The genotype's
    crizotinib call rests on CIViC EID844 alone, one patient's case (Shaw et al. 2016, PMID 26698910), which the VCF's
    calls and `lookup` mark 'case_report_only' / '(one case report)'; the P-gp note said "is sensitive to crizotinib in
    the knowledge base [EID844]: not expected to cause crizotinib resistance" with no word of it, where a preclinical-
    only call carries '(preclinical only)'. The note (JSON, TSV) and the card now carry the table's words."""
    folder = DATA / "resensitisation"
    samples, rows, page = report_of(tmp_path, [folder / "resens_grch38.vcf"], folder / "samples.tsv")
    said = (
        "no clonal ALK mutation is known to explain it (C1156Y+L1198F (cis; VAF 32.0% and 31.0%) is sensitive to "
        "crizotinib in the knowledge base (one case report) [EID844(PMID:26698910)]: not expected to cause crizotinib "
        "resistance)"
    )
    r2 = "R2_C1156Y_L1198F_criz_last"
    assert said in samples[r2]["pgp"]["note"]
    assert said in rows[r2]["pgp_note"]
    assert said in html.unescape(page)
    # the mark is the genotype call's, as the annotated VCF's calls say it (the sheet's progression sets the cell)
    vcf = tmp_path / "a.vcf"
    result = run("-q", "annotate", folder / "resens_grch38.vcf", "-o", vcf)
    assert result.returncode == 0, result.stderr
    assert "crizotinib:sensitive(case_report_only)" in vcf.read_text()
    # a call with other statements among those that decided it carries none (C1156Y and lorlatinib: LIN17T2, EID842)
    assert "case report" not in samples["R4_C1156Y"]["pgp"]["note"]


def test_with_no_history_a_drug_p_gp_does_not_affect_and_the_change_does_not_explain_gets_its_sentence(tmp_path):
    """tests/data/scenarios S13_T: G1202R (VAF 33.3%), no treatment history. The note said why P-gp is unlikely after
    alectinib (which G1202R explains) and nothing of lorlatinib, which P-gp overexpression did not affect either (KAT16)
    and to which G1202R on its own is sensitive in the knowledge base: a reader whose patient progressed on lorlatinib
    learned nothing. The note now says that neither explains such a progression, each with its sources, and that a
    compound mutation with G1202R the input does not show may (SHI22, OKA19, REC20, PEL21, as the note after a recorded
    progression on lorlatinib says)."""
    folder = DATA / "scenarios"
    vcf = folder / "GRCh38" / "S13.vcf"
    prefix = tmp_path / "s13"
    result = run(
        "-q", "report", vcf, "--sv", vcf.with_suffix(".sv.vcf"), "--samples", folder / "samples.tsv", "--out", prefix
    )
    assert result.returncode == 0, result.stderr
    (s13,) = json.loads(prefix.with_suffix(".json").read_text())["samples"]
    lorlatinib = s13["inhibitors"]["lorlatinib"]
    assert (lorlatinib["category"], lorlatinib["basis"]) == ("sensitive", "G1202R")
    assert "lorlatinib" in s13["pgp"]["not_affected"]
    said = (
        "After a progression on alectinib, P-gp is an unlikely explanation: P-gp overexpression did not confer "
        "resistance to it in cell models (preclinical evidence) [KAT16, PMID 26870817; SEED, press release on KAT16]. "
        "After a progression on lorlatinib, neither G1202R nor P-gp overexpression is expected to explain it: P-gp "
        "overexpression did not confer resistance to lorlatinib in cell models (preclinical evidence) [KAT16; SEED]; "
        "G1202R is sensitive to lorlatinib in the knowledge base (reviews only) [LIN17T2; PEL21]; a compound mutation with G1202R that "
        "this input does not show may explain such a progression [SHI22, PMC9732888; OKA19, PMC6441848; REC20, PMID "
        "31585938; PEL21]."
    )
    assert f"{said} P-gp facts:" in s13["pgp"]["note"]
    assert said in html.unescape(prefix.with_suffix(".html").read_text())  # the card, before its folded P-gp facts
    assert {"LIN17T2", "PEL21", "SHI22", "OKA19", "REC20", "KAT16", "SEED"} <= set(s13["pgp"]["sources"])
    # with a recorded progression on lorlatinib the lead says it, and no such sentence is added (R4_C1156Y)
    data = DATA / "resensitisation"
    samples, _, _ = report_of(tmp_path, [data / "resens_grch38.vcf"], data / "samples.tsv")
    assert "nor P-gp overexpression is expected" not in samples["R4_C1156Y"]["pgp"]["note"]
