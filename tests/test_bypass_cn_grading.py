"""Only MET's copy-number gain is graded by MET's FISH criteria (stop 47, met47), and another gene's CN alone never
makes an off-target candidate (met47b).

copynumber.level() graded every bypass gene's CN-only gain by MET's FISH cut-offs (FANG18: a mean MET gene copy
number of 5 or more is amplification; SCHILD15: 6 or more high-level): an EGFR CN=4 was a "low-level copy-number
gain", not an off-target candidate, and an EGFR CN=5 a candidate, on MET's cut-off; and every gene's gain was told
"confirm by FISH", which a source read says of MET only (SCHMITT21: FISH the reference test). met47 stopped grading
another gene, which made its CN-only gain a candidate at any CN (an EGFR CN=3, common with a chromosome 7 gain,
relabelled a tumour with a subclonal ALK mutation off_target_candidate). No source read gives a copy-number cut-off
for any bypass gene but MET and alkannot never calls amplification by itself, so now such a gain is listed at any CN
(`copy_number_gain_unconfirmed`), and only the caller's amplification call (<AMP>, SVTYPE=AMP) makes it a candidate.
Through the installed CLI on tests/data/copy_number/bypass_grading_grch38.vcf: one tumour each with an EGFR gain at
CN 4 and 5, a MET gain at CN 4 and 5, a KIT <DUP> without CN, an EGFR <AMP> call, a KIT <CNV> with SVTYPE=AMP, and
an EGFR CN=3 beside a G1202R at 2% (--min-vaf 0.05), all after alectinib.
"""

import csv
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from helpers import ALKANNOT

from alkannot.copynumber import GRADED_GENES, alk_level, gene_level, level
from alkannot.offtarget import FISH_CONFIRMED
from alkannot.report.json_report import schema
from alkannot.sourced_text import no_cutoff_key, statement_sources, statement_text

DATA = Path(__file__).parent / "data" / "copy_number"
VCF = DATA / "bypass_grading_grch38.vcf"

EGFR_SAID = (
    "not established as EGFR amplification (the sources read give no copy-number cut-off for EGFR amplification); not "
    "an off-target candidate on its own (a caller's amplification call, <AMP>, would make it one). What the sources "
    "say: EGFR activation is listed as a bypass track; in one series of 11 evaluable patients biopsied at progression "
    "on crizotinib, one showed outgrowth of an EGFR-mutant tumour without evidence of a persisting ALK rearrangement "
    "(a separate driver; a single case), while another series found no EGFR mutations in 25 crizotinib-resistant ALK+ "
    "tumours: the sources read differ on how often this occurs, and both concern crizotinib only [KARGER; DOE12, PMID "
    "22235099; GAI13, PMID 23729361]"
)
LISTED = (
    "A copy-number gain the caller did not call amplification is listed ({}): not established as amplification (the "
    "sources read give no copy-number cut-off for it); not an off-target candidate on its own."
)
MET_CUTOFF = (
    "no clinically defined NGS copy-number cut-off for MET amplification existed as of 2021, FISH remaining the "
    "reference test [SCHMITT21, PMID 34733418]"
)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("grading")
    out, report = tmp / "g.vcf", tmp / "g"
    done = subprocess.run(
        [ALKANNOT, "annotate", str(VCF), "--samples", str(DATA / "bypass_grading_samples.tsv")]
        + ["--min-vaf", "0.05", "--report", str(report), "-o", str(out), "-q"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    doc = json.loads((tmp / "g.json").read_text())
    jsonschema.validate(doc, schema())
    with open(tmp / "g.tsv", newline="") as handle:
        tsv = {row["sample"]: row for row in csv.DictReader(handle, delimiter="\t")}
    headers = {
        line.split(",")[0].removeprefix("##alkannotSample=<ID="): line
        for line in out.read_text().splitlines()
        if line.startswith("##alkannotSample=<ID=")
    }
    return {s["sample"]: s for s in doc["samples"]}, tsv, headers


@pytest.mark.parametrize("cn", [4, 5])
def test_an_egfr_gain_is_listed_at_any_cn(run, cn):
    """An EGFR CN-only gain is listed, not a candidate, at CN 4 (listed by MET's cut-off until stop 46) and at CN 5 (a
    candidate by it until stop 46, and at any CN in met47's first change)."""
    by, tsv, headers = run
    sample = f"EGFR{cn}_T"
    (egfr,) = by[sample]["off_target"]
    assert (egfr["gene"], egfr["kind"], egfr["candidate"]) == ("EGFR", "copy_number_gain_unconfirmed", False)
    assert egfr["statement"] == f"copy-number gain (CN={cn}): {EGFR_SAID}"
    assert egfr["sources"] == ["KARGER", "DOE12", "GAI13"]  # none of MET's (SCHMITT21, FANG18, SCHILD15, DJ20)
    row = tsv[sample]
    assert row["mechanism"] == "unexplained" and by[sample]["mechanism"] == "unexplained"
    assert row["off_target"] == f"EGFR copy_number_gain_unconfirmed chr7:55000000 <DUP> CN={cn}"
    assert row["off_target_candidates"] == ""
    assert LISTED.format(f"EGFR chr7:55000000 <DUP> CN={cn}") in row["pgp_note"]
    assert "Look first at the off-target candidates" not in row["pgp_note"]
    for text in (row["pgp_note"], row["off_target"], row["notes"], egfr["statement"]):
        assert "FISH" not in text.replace("IHC, FISH or RNA", "") and "low-level" not in text, text
    assert "OffTarget=" not in headers[sample]


@pytest.mark.parametrize(
    ("sample", "gene", "record"),
    [("EGFRAMP_T", "EGFR", "chr7:55010000 <AMP> CN=9"), ("KITAMP_T", "KIT", "chr4:54660000 <CNV> CN=8")],
)
def test_the_callers_amplification_call_is_a_candidate_in_any_gene(run, sample, gene, record):
    """The caller's own amplification call (<AMP>, or SVTYPE=AMP on a <CNV>) stays an off-target candidate in a gene
    other than MET, with what the sources say of the gene and no cut-off clause or FISH advice."""
    by, tsv, headers = run
    (amp,) = by[sample]["off_target"]
    assert (amp["gene"], amp["kind"], amp["candidate"], amp["record"]) == (gene, "copy_number_gain", True, record)
    assert "not established" not in amp["statement"] and "FISH" not in amp["statement"]
    row = tsv[sample]
    assert row["mechanism"] == by[sample]["mechanism"] == "off_target_candidate"
    assert row["off_target_candidates"] == f"{gene} copy_number_gain"
    assert f"Look first at the off-target candidates ({gene} copy-number gain)." in row["pgp_note"]
    assert f'OffTarget="{gene}:copy_number_gain:{record}"' in headers[sample]


def test_an_egfr_cn_3_does_not_outrank_a_subclonal_alk_mutation(run):
    """An EGFR CN=3 (as a chromosome 7 gain gives) beside a G1202R at 2% after alectinib: the mechanism stays
    on_target_possible; met47's first change made it off_target_candidate."""
    by, tsv, headers = run
    sample = by["EGFR3_G1202R_T"]
    assert sample["mechanism"] == tsv["EGFR3_G1202R_T"]["mechanism"] == "on_target_possible"
    (egfr,) = sample["off_target"]
    assert (egfr["kind"], egfr["candidate"]) == ("copy_number_gain_unconfirmed", False)
    assert egfr["statement"] == f"copy-number gain (CN=3): {EGFR_SAID}"
    note = tsv["EGFR3_G1202R_T"]["pgp_note"]
    assert "G1202R (VAF 2.0%), below the clonality cut-off set for this run, may explain it only in part" in note
    assert LISTED.format("EGFR chr7:55000000 <DUP> CN=3") in note
    assert tsv["EGFR3_G1202R_T"]["off_target_candidates"] == "" and "OffTarget=" not in headers["EGFR3_G1202R_T"]


def test_a_met_gain_keeps_the_fish_grading(run):
    by, tsv, headers = run
    (low,) = by["MET4_T"]["off_target"]
    assert (low["kind"], low["candidate"]) == ("copy_number_gain_unconfirmed", False)
    assert low["statement"].startswith(
        f"low-level copy-number gain (CN=4): not established as MET amplification ({MET_CUTOFF}; by FISH, a MET/CEP7 "
        "ratio of 2 or more or a mean MET gene copy number of 5 or more is called amplification, and a mean of 4 to "
        "under 5 copies a copy-number gain [FANG18, PMID 29560123]; "
    )
    assert (
        "); confirm by FISH; not an off-target candidate on its own. What the sources say: MET amplification"
        in (low["statement"])
    )
    assert tsv["MET4_T"]["mechanism"] == "unexplained" and tsv["MET4_T"]["off_target_candidates"] == ""
    assert tsv["MET4_T"]["off_target"] == "MET copy_number_gain_unconfirmed chr7:116650000 <DUP> CN=4"
    assert (
        "A low-level or unquantified copy-number gain is listed (MET chr7:116650000 <DUP> CN=4): not established as "
        "amplification; confirm by FISH."
    ) in tsv["MET4_T"]["pgp_note"]
    assert "OffTarget=" not in headers["MET4_T"]
    (high,) = by["MET5_T"]["off_target"]
    assert (high["kind"], high["candidate"]) == ("copy_number_gain", True)
    assert high["statement"].startswith(
        f"copy-number gain (CN=5) from NGS: confirm MET amplification by FISH ({MET_CUTOFF}; by FISH, "
    )
    assert high["sources"] == ["SCHMITT21", "FANG18", "SCHILD15", "DJ20"]
    row = tsv["MET5_T"]
    assert row["mechanism"] == "off_target_candidate" and row["off_target_candidates"] == "MET copy_number_gain"
    assert (
        f"Look first at the off-target candidates: MET copy-number gain (CN=5) from NGS: confirm amplification by "
        f"FISH; {MET_CUTOFF}. "
    ) in row["pgp_note"]
    assert 'OffTarget="MET:copy_number_gain:chr7:116650000 <DUP> CN=5"' in headers["MET5_T"]


def test_another_genes_gain_without_a_cn_is_listed_without_fish(run):
    by, tsv, headers = run
    (kit,) = by["KITDUP_T"]["off_target"]
    assert (kit["kind"], kit["candidate"]) == ("copy_number_gain_unconfirmed", False)
    assert kit["statement"] == (
        "copy-number gain (CN not given): not established as KIT amplification (the sources read give no copy-number "
        "cut-off for KIT amplification); not an off-target candidate on its own (a caller's amplification call, <AMP>, "
        "would make it one). What the sources say: KIT amplification is listed as a bypass track [KARGER]"
    )
    row = tsv["KITDUP_T"]
    assert row["mechanism"] == "unexplained" and row["off_target_candidates"] == ""
    assert f" {LISTED.format('KIT chr4:54650000 <DUP>')} " in row["pgp_note"]
    assert "FISH" not in row["pgp_note"].replace("IHC, FISH or RNA", "") and "OffTarget=" not in headers["KITDUP_T"]


def test_only_met_is_graded_and_told_to_confirm_by_fish():
    """The grading and the FISH advice follow what the sources read say, of MET only: its cut-off sentence is
    SCHMITT21's ('FISH remaining the reference test'), another gene's cites nothing and names no FISH."""
    assert GRADED_GENES == FISH_CONFIRMED == ("MET",)
    dup = ("<DUP>",)
    assert level(4, dup, "DUP") == "low_level" and level(5, dup, "DUP") == "gain"
    assert gene_level(level(4, dup, "DUP"), "MET") == "low_level"
    for gene in ("EGFR", "KIT", "ERBB2", "ALK"):
        assert gene_level(level(3, dup, "DUP"), gene) == gene_level(level(9, dup, "DUP"), gene) == "gain"
        assert gene_level(level(None, dup, "DUP"), gene) == "unquantified"
        assert gene_level(level(1, ("<DEL>",), "DEL"), gene) == "loss"
        assert "FISH" not in statement_text(no_cutoff_key(gene), gene=gene)
        assert statement_sources(no_cutoff_key(gene)) == ()
    assert alk_level("low_level") == "gain"
    assert "FISH remaining the reference test" in statement_text(no_cutoff_key("MET"))
    assert statement_sources(no_cutoff_key("MET")) == ("SCHMITT21",)
