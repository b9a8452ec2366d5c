"""Iruplinalkib and envonalkib: the sourced first-line and after-crizotinib activity is used (review 13, finding 10).
`ALK fusion` has `sensitive` statements for both (secondary sentences on their trials: `review` evidence since knowledge base 2.0.14, RULES.md section 1), and the
lines-of-therapy table has iruplinalkib after crizotinib alone (INTELLECT, median PFS 19.8 months in two sources)."""

from __future__ import annotations

import pytest
from helpers import annotated_report, run

# how the P-gp note lists sourced activity after the history (clinical review of stop 31)
UNAFFECTED = (
    "Sourced activity after this treatment history of the inhibitors to which P-gp overexpression did not confer "
    "resistance in cell models [KAT16; SEED]: "
)


def test_lookup_shows_the_fusion_rows_of_both_drugs():
    done = run("lookup", "EML4::ALK", text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    calls: dict[str, list[str]] = {}  # the first row of each inhibitor is its call; the statement rows follow
    for line in lines:
        if line.split() and line.split()[0] in ("iruplinalkib", "envonalkib"):
            calls.setdefault(line.split()[0], line.split())
    # ASCOPOST23, a news report, is `secondary` since knowledge base 2.0.23 (clinical reading of stop 41, finding 9)
    # a trial read only through a news report is as secondhand as one read through another paper: '(reviews only)'
    # beside the review-level SHI23INT (KB traceability review of stop 45, item 3; unmarked from 2.0.23 to 2.0.29)
    assert calls["iruplinalkib"][1:6] == ["sensitive", "(reviews", "only)", "review,", "secondary"]
    assert "SHI23INT;" in calls["iruplinalkib"]
    # envonalkib's trial results were read only through other papers (ZHAO26, FRONT25): '(reviews only)' (clinical read
    # h1, finding 10)
    assert calls["envonalkib"][1:5] == ["sensitive", "(reviews", "only)", "review"] and "ZHAO26;" in calls["envonalkib"]
    rows = [
        line
        for line in lines
        if line.startswith(("iruplinalkib ", "envonalkib ")) and "NSCLC; ALK fusion (patient tumour)" in line
    ]
    assert len(rows) == 4 and all("secondary:" in row for row in rows)  # SHI23INT, ASCOPOST23, ZHAO26, FRONT25


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("r13")
    vcf = tmp / "e.vcf"  # no ALK record: fusion-only tumours
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA_T\tB_T\tC_T\n"
        "chr2\t1000\t.\tC\tT\t.\tPASS\t.\tGT\t0/1\t0/1\t0/1\n"
    )
    sheet = tmp / "s.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\n"
        "A_T\tpositive:IHC\tcrizotinib\n"
        "B_T\tpositive:IHC\t\n"
        "C_T\tpositive:IHC\tcrizotinib;alectinib\n"
    )
    doc, _ = annotated_report(vcf, sheet, tmp / "r")
    return {s["sample"]: s for s in doc["samples"]}


def test_untreated_fusion_calls_both_drugs_sensitive_with_their_sources(samples):
    calls = samples["B_T"]["inhibitors"]
    assert calls["iruplinalkib"]["category"] == calls["envonalkib"]["category"] == "sensitive"
    assert calls["iruplinalkib"]["sources"] == ["SHI23INT", "ASCOPOST23"]
    assert calls["envonalkib"]["sources"] == ["ZHAO26", "FRONT25"]
    assert calls["iruplinalkib"]["evidence_kinds"] == ["review", "secondary"]  # ASCOPOST23: a news report


def test_after_crizotinib_the_iruplinalkib_cell_gives_intellect_with_its_sources(samples):
    call = samples["A_T"]["inhibitors"]["iruplinalkib"]
    assert call["category"] == "unknown"  # the fusion's call is made whatever the line (RULES.md 8)
    assert (
        "the call for the ALK fusion, made without regard to treatment history or resistance mechanism, is sensitive "
        "(reviews only) [SHI23INT, doi:10.1186/s12916-023-02738-5; ASCOPOST23]"  # the drug table's mark (marks53)
        in call["note"]
    )
    assert (
        "sourced activity after this treatment history: iruplinalkib (approved in China, CN25GUIDE and ZHAO26; not "
        "FDA-approved as of December 2023, ZHAO26 only) after crizotinib, in the phase II INTELLECT trial of "
        "crizotinib-resistant ALK-positive NSCLC: median progression-free survival 19.8 months (ASCOPOST23 and ZHAO26) "
        "and, in ASCOPOST23 only, objective response rate 70% (clinical trial) [ASCOPOST23"
    ) in call["note"]
    assert "19.8 months" not in samples["A_T"]["inhibitors"]["envonalkib"]["note"]
    # the P-gp note lists only inhibitors P-gp overexpression is shown not to affect (KAT16); nothing on P-gp and
    # iruplinalkib was found, so it is not among them, and the note says there are no data for it
    pgp = samples["A_T"]["pgp"]["note"]
    assert UNAFFECTED + "alectinib after crizotinib" in pgp
    assert (
        "INTELLECT" not in pgp and "no data for neladalkib, gilteritinib, TPX-0131, iruplinalkib and envonalkib" in pgp
    )


def test_the_row_is_for_crizotinib_alone(samples):
    assert "19.8 months" not in samples["C_T"]["inhibitors"]["iruplinalkib"]["note"]
