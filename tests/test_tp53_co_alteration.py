"""TP53 is a co-alteration, not a bypass gene (review of stop 28's change): bypass_genes.tsv gives its row (ZHU17,
shared/kb/bypass.md section 10: co-occurrence with small-cell transformation after crizotinib, which needs histology
on re-biopsy) `role=co_alteration`. A TP53 missense, common and usually truncal in NSCLC, is listed in the
off-target findings as a co-alteration with its source, through the installed CLI; it does not make the mechanism an
off-target candidate, is not where the P-gp note says to look first, and turns no untried drug's cell to unknown
as 'an off-target candidate'."""

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from helpers import ALKANNOT

from alkannot.bypass_coverage import GeneCoverage
from alkannot.kbfiles import load_knowledge_base
from alkannot.offtarget_screen import no_bypass_found
from alkannot.report.json_report import schema

DATA = Path(__file__).parent / "data" / "tp53"
RECORD = (
    "chr17:7675088 C>T (p.R175H, VEP)"  # TP53 c.524G>A (GRCh38), tests/data/tp53/PROVENANCE.md; the p. from its CSQ
)
ZHU17 = (
    "co-alteration, not a bypass gene and not an off-target candidate: TP53 mutation co-occurred with transformation "
    "to small-cell lung cancer after crizotinib; transformation needs histology on re-biopsy"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[dict[str, dict], str, str]:
    out = tmp_path_factory.mktemp("tp53") / "r"
    done = subprocess.run(
        [ALKANNOT, "report", str(DATA / "tp53_missense_grch38.vcf"), "--samples", str(DATA / "samples.tsv")]
        + ["--out", str(out), "-q"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    doc = json.loads((out.parent / "r.json").read_text())
    jsonschema.validate(doc, schema())
    page = (out.parent / "r.html").read_text()
    return {s["sample"]: s for s in doc["samples"]}, page, (out.parent / "r.tsv").read_text()


def test_a_tp53_missense_is_listed_as_a_co_alteration_with_zhu17(report):
    samples, page, _ = report
    for name in ("T1_alectinib", "T2_crizotinib"):
        (tp53,) = samples[name]["off_target"]
        assert (tp53["gene"], tp53["kind"], tp53["record"]) == ("TP53", "mutation", RECORD)
        assert tp53["statement"] == ZHU17 and tp53["sources"] == ["ZHU17"]
        assert tp53["verified"] and not tp53["candidate"]
    finding = f'<li><b>TP53</b> mutation at chr17:7675088 C&gt;T (p.R175H, VEP): {ZHU17} [<a href="#src-ZHU17">ZHU17 (doi:10.2147/OTT.S139718)</a>]</li>'
    assert page.count(finding) == 2
    assert page.count("<td>TP53 mutation (co-alteration, not a candidate)</td>") == 2  # the cohort table's column


def test_a_tp53_missense_does_not_make_an_off_target_mechanism(report):
    samples, _, _ = report
    for name, check in (("T1_alectinib", "low_yield"), ("T2_crizotinib", "recommended")):
        s = samples[name]
        assert s["mechanism"] == "unexplained" and s["pgp_check"] == check, name
        note = s["pgp"]["note"]
        assert "Look first at the off-target candidates" not in note
        assert "off-target candidate is also listed" not in note and "TP53 mutation at" not in note
        # ZHU17 only for the prompt on small-cell transformation (oncologist reading of stop 28), not for TP53
        assert "Transformation to small-cell lung cancer has been reported" in note
        # the histology advice once in the note beside the TP53 finding (final review of stop 28, finding 5)
        assert note.count("Transformation to small-cell") == 1 and note.count("re-biopsy") == 1
        assert "review the histology of a re-biopsy for small-cell transformation." in note
        assert s["pgp"]["sources"][-3:] == ["TAKE16", "LC16", "ZHU17"] and s["pgp"]["sources"].count("ZHU17") == 1
        for drug, cell in s["inhibitors"].items():
            assert "TP53" not in cell["note"] and "off-target candidate" not in cell["note"], (name, drug)
    # after a drug P-gp did not affect, the note names the co-alteration as one, and the other genes looked at
    low = samples["T1_alectinib"]["pgp"]["note"]
    assert (
        f" A co-alteration, not a bypass gene, is listed (TP53 {RECORD}): not an off-target candidate (see the "
        "off-target findings)."
        + no_bypass_found(load_knowledge_base(), (GeneCoverage("TP53", ("small_variant",)),), "other ")
    ) in low
    # TP53 was reached by the file's one record; the bypass genes by none: not assessed (stop 41)
    assert (
        "(co-alteration, not a bypass gene: TP53 (small variants only)); a common polymorphism" in low
        and "Not assessed: the other genes alkannot checks (bypass genes: MET, EGFR, KIT, KRAS, NRAS, MAP2K1, IGF1R, PIK3CA, "
        "NF2, BRAF, ERBB2), in which the input holds no record of this sample, or none that passed"
        in low
    )
    assert "No protein-altering, copy-number or structural change was found" not in low  # 'No other': TP53 listed


def test_the_tsv_keeps_the_record(report):
    _, _, tsv = report
    header, *rows = [line.split("\t") for line in tsv.splitlines() if not line.startswith("#")]
    column = header.index("off_target")
    assert [r[column] for r in rows] == [f"TP53 mutation {RECORD}"] * 2
    assert {r[header.index("mechanism")] for r in rows} == {"unexplained"}
