"""Only MET's copy-number gain is graded by MET's FISH criteria (stop 47, met47).

copynumber.level() graded every bypass gene's CN-only gain by MET's FISH cut-offs (FANG18: a mean MET gene copy
number of 5 or more is amplification; SCHILD15: 6 or more high-level): an EGFR CN=4 was a "low-level copy-number
gain", not an off-target candidate, and an EGFR CN=5 a candidate, on MET's cut-off; and every gene's gain was told
"confirm by FISH", which a source read says of MET only (SCHMITT21: FISH the reference test). Now a gene other than
MET is not graded: its CN-only gain is "copy-number gain (CN=x)" at any CN, an off-target candidate as a CN=5 one
already was, said to be not established as amplification, with no copy-number cut-off in the sources read for it.
Through the installed CLI on tests/data/copy_number/bypass_grading_grch38.vcf: one tumour each with an EGFR gain at
CN 4 and 5, a MET gain at CN 4 and 5, and a KIT <DUP> without CN, all after alectinib.
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
    "not established as EGFR amplification (the sources read give no copy-number cut-off for EGFR amplification, so "
    "the CN is not graded). What the sources say: EGFR activation is listed as a bypass track; no EGFR mutations were "
    "found in 25 crizotinib-resistant ALK+ tumours [KARGER; GAI13, PMID 23729361]"
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
        + ["--report", str(report), "-o", str(out), "-q"],
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
def test_an_egfr_gain_is_not_graded_by_mets_cut_off(run, cn):
    by, tsv, headers = run
    sample = f"EGFR{cn}_T"
    (egfr,) = by[sample]["off_target"]
    assert (egfr["gene"], egfr["kind"], egfr["candidate"]) == ("EGFR", "copy_number_gain", True)
    assert egfr["statement"] == f"copy-number gain (CN={cn}) from NGS: {EGFR_SAID}"
    assert egfr["sources"] == ["KARGER", "GAI13"]  # none of MET's (SCHMITT21, FANG18, SCHILD15, DJ20)
    row = tsv[sample]
    assert row["mechanism"] == "off_target_candidate"
    assert row["off_target"] == f"EGFR copy_number_gain chr7:55000000 <DUP> CN={cn}"
    assert row["off_target_candidates"] == "EGFR copy_number_gain"
    assert (
        f"Look first at the off-target candidates: EGFR copy-number gain (CN={cn}) from NGS: not established as "
        "amplification; the sources read give no copy-number cut-off for EGFR amplification. "
    ) in row["pgp_note"]
    for text in (row["pgp_note"], row["off_target"], row["notes"], egfr["statement"]):
        assert "FISH" not in text.replace("IHC, FISH or RNA", "") and "low-level" not in text, text
    assert f'OffTarget="EGFR:copy_number_gain:chr7:55000000 <DUP> CN={cn}"' in headers[sample]


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
        "cut-off for KIT amplification); not an off-target candidate on its own. What the sources say: KIT "
        "amplification is listed as a bypass track [KARGER]"
    )
    row = tsv["KITDUP_T"]
    assert row["mechanism"] == "unexplained" and row["off_target_candidates"] == ""
    assert (
        " A copy-number gain without a CN is listed (KIT chr4:54650000 <DUP>): not established as amplification. "
    ) in row["pgp_note"]
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
