"""A drug not yet given is not called `sensitive` on a mutation that does not explain the latest progression
(clinical review 12, finding 1; RULES.md section 8).

L1196M after crizotinib then ceritinib: the sources call L1196M sensitive to ceritinib, so it does not explain the
progression, and whatever does may also act on alectinib, brigatinib or lorlatinib: those calls become `unknown`,
the L1196M call and its sources kept in the note, as after progression with no ALK mutation at all. After
crizotinib only, L1196M explains the progression (on_target) and the same calls stand. I1171N after alectinib then
lorlatinib (only possibly on target: a compound partner the input does not show) keeps no `sensitive` call either.
"""

from __future__ import annotations

from helpers import annotated_report

HEADER = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tAFTER_CERITINIB\tAFTER_CRIZOTINIB\tAFTER_LORLATINIB\n"
)
RECORDS = (  # GRCh38: L1196M c.3586C>A, I1171N c.3512T>A
    "chr2\t29220765\t.\tG\tT\t.\tPASS\t.\tGT:AF\t0/1:0.32\t0/1:0.32\t0/0:0\n"
    "chr2\t29222347\t.\tA\tT\t.\tPASS\t.\tGT:AF\t0/0:0\t0/0:0\t0/1:0.25\n"
)
SHEET = (
    "sample\talk_status\tprogressed_on\n"
    "AFTER_CERITINIB\tpositive:FISH\tcrizotinib;ceritinib\n"
    "AFTER_CRIZOTINIB\tpositive:FISH\tcrizotinib\n"
    "AFTER_LORLATINIB\tpositive:IHC\talectinib;lorlatinib\n"
)


def test_a_mutation_that_does_not_explain_the_progression_calls_no_untried_drug_sensitive(tmp_path):
    (tmp_path / "c.vcf").write_text(HEADER + RECORDS)
    (tmp_path / "s.tsv").write_text(SHEET)
    doc, html = annotated_report(tmp_path / "c.vcf", tmp_path / "s.tsv", tmp_path / "rep", "--min-vaf", "0.05")
    samples = {s["sample"]: s for s in doc["samples"]}

    after = samples["AFTER_CERITINIB"]
    assert after["mechanism"] == "unexplained"
    calls = {name: c["category"] for name, c in after["inhibitors"].items()}
    assert calls["crizotinib"] == calls["ceritinib"] == "resistant"  # progressed on both
    assert "sensitive" not in calls.values()
    for drug in ("alectinib", "brigatinib", "lorlatinib"):
        call = after["inhibitors"][drug]
        assert call["category"] == "unknown" and call["sources"] == [], drug
        assert call["note"].startswith(
            "no ALK change found is shown to explain the progression on ceritinib, and whatever explains it may also "
            "act on this drug; the call for L1196M alone is sensitive ["
        ), call["note"]
        assert call["note"].split(", which is not carried over")[0].endswith("]")
    assert "EID141(PMID:21575866)" in after["inhibitors"]["alectinib"]["note"]

    # the same L1196M explains a progression on crizotinib: its calls for the untried drugs stand
    explained = samples["AFTER_CRIZOTINIB"]
    assert explained["mechanism"] == "on_target"
    assert {d: explained["inhibitors"][d]["category"] for d in ("ceritinib", "alectinib", "lorlatinib")} == {
        "ceritinib": "sensitive",
        "alectinib": "sensitive",
        "lorlatinib": "sensitive",
    }

    possible = samples["AFTER_LORLATINIB"]
    assert possible["mechanism"] == "on_target_possible"
    assert possible["inhibitors"]["ceritinib"]["category"] == "unknown"
    assert "the call for I1171N alone is sensitive [" in possible["inhibitors"]["ceritinib"]["note"]
    assert "sensitive" not in {c["category"] for c in possible["inhibitors"].values()}
    assert "the call for L1196M alone is sensitive" in html
