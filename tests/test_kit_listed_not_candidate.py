"""KIT's bypass role in the sources read is its amplification (shared/kb/bypass.md section 4, "KIT amplification ...
What a VCF shows: CNV record"; EDBK17, doi:10.1200/EDBK_176251, Table 2, "c-KIT amplification and SCF overexpression"),
and no source read reports a KIT mutation or rearrangement at ALK-inhibitor resistance. Since stop 50 (helper kb50,
tools/kb_curation/reading_stop50_igf1r.md) bypass_genes.tsv's `KIT any` row, which a KIT SNV/indel or structural record
reads, is `verified` no: such a change is listed with its significance unknown, never an off-target candidate, while
the caller's KIT amplification call (the `copy_number` row) still is one. KRAS and EGFR, whose rows are unchanged,
stay candidates. Through the installed CLI on real data: the TCGA LAML MAF excerpt (tests/data/maf/PROVENANCE.md: two
KIT in-frame indels, a KRAS and an EGFR missense) and the copy-number VCF of tests/data/copy_number."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpers import ALKANNOT

DATA = Path(__file__).parent / "data"
KIT_STATEMENT = (
    "KIT amplification is listed as a bypass track in ALK-inhibitor resistance; the sources read report no KIT mutation "
    "or rearrangement as a resistance mechanism, so the significance of a KIT change other than amplification is "
    "unknown and it is not an off-target candidate"
)


def _report(tmp_path: Path, *args: str) -> dict[str, dict]:
    done = subprocess.run(
        [ALKANNOT, "-q", "report", *args, "--out", str(tmp_path / "r")], capture_output=True, text=True
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return {s["sample"]: s for s in json.loads((tmp_path / "r.json").read_text())["samples"]}


def test_kit_indels_are_listed_not_candidates_while_kras_and_egfr_missense_are(tmp_path):
    samples = _report(tmp_path, str(DATA / "maf" / "tcga_laml_excerpt.maf"))
    kit = samples["TCGA-AB-2846"]["off_target"]
    assert len(kit) == 2
    assert {
        (o["gene"], o["kind"], o["statement"], tuple(o["sources"]), o["verified"], o["candidate"]) for o in kit
    } == {("KIT", "mutation", KIT_STATEMENT, ("KARGER", "EDBK17"), False, False)}
    assert samples["TCGA-AB-2846"]["mechanism"] == "unexplained"
    for name, gene in (("TCGA-AB-2826", "KRAS"), ("TCGA-AB-2863", "EGFR")):
        (finding,) = samples[name]["off_target"]
        assert (finding["gene"], finding["kind"], finding["candidate"]) == (gene, "mutation", True)


def test_the_callers_kit_amplification_call_is_still_a_candidate(tmp_path):
    cn = DATA / "copy_number"
    samples = _report(
        tmp_path, str(cn / "bypass_grading_grch38.vcf"), "--samples", str(cn / "bypass_grading_samples.tsv")
    )
    (amp,) = samples["KITAMP_T"]["off_target"]
    assert (amp["gene"], amp["kind"], amp["statement"], amp["sources"], amp["candidate"]) == (
        "KIT",
        "copy_number_gain",
        "KIT amplification is listed as a bypass track",
        ["KARGER"],
        True,
    )
