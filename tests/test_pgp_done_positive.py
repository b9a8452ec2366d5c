"""Review 9, clinical, finding 6: a sample sheet's positive ABCB1 IHC made `pgp_check` 'recommended' and the note open
with 'Recommended: ... Check P-gp', while the page said 'P-gp check done: IHC positive', a value no list had. The
check is `done_positive` in every output (TSV, JSON, MultiQC, ##alkannotSample), its note opens with what the
positive IHC means, and a negative IHC stays `not_indicated`. Through the installed CLI."""

from __future__ import annotations

import csv
import html
import json
import re

import jsonschema
import pytest
from helpers import run

from alkannot.report.json_report import schema

HEADER = (
    "##fileformat=VCFv4.2\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n'
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions">\n'
    "##contig=<ID=chr2,length=242193529>\n"
    "##reference=file:///ref/Homo_sapiens_assembly38.fasta\n"
)
# sample -> (progressed_on, alk_status, abcb1_ihc, G1202R genotype field: GT:AD:AF)
SAMPLES = {
    "D1_T": ("crizotinib;ceritinib", "positive:IHC", "positive", "./.:.:."),
    "D2_T": ("alectinib", "positive:IHC", "positive", "./.:.:."),
    "D3_T": ("crizotinib;alectinib", "positive:IHC", "negative", "./.:.:."),
    "D4_T": ("ceritinib", "positive:IHC", "positive", "0/1:70,30:0.3"),  # G1202R explains ceritinib
    "D5_T": ("ceritinib", "positive:IHC", "positive", "0/1:97,3:0.03"),  # G1202R below --min-vaf 0.05
    "D6_T": ("ceritinib", "negative", "positive", "./.:.:."),  # ALK-negative: no P-gp question
    "D7_T": ("none", "positive:IHC", "positive", "./.:.:."),  # no progression
    "D8_T": ("brigatinib", "positive:IHC", "positive", "./.:.:."),  # P-gp effect untested
}
KAT16 = "[KAT16, PMID 26870817; SEED]"


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("done")
    names = list(SAMPLES)
    record = "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AD:AF\t" + "\t".join(SAMPLES[n][3] for n in names)
    (tmp / "c.vcf").write_text(
        HEADER + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(names) + "\n" + record + "\n"
    )
    sheet = "sample\talk_status\tprogressed_on\tabcb1_ihc\n" + "".join(
        f"{n}\t{SAMPLES[n][1]}\t{SAMPLES[n][0]}\t{SAMPLES[n][2]}\n" for n in names
    )
    (tmp / "s.tsv").write_text(sheet)
    result = run(
        "annotate",
        tmp / "c.vcf",
        "--samples",
        tmp / "s.tsv",
        "--min-vaf",
        "0.05",
        "-o",
        tmp / "a.vcf",
        "--report",
        tmp / "r",
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with open(tmp / "r.tsv") as handle:
        tsv = {row["sample"]: row for row in csv.DictReader(handle, delimiter="\t")}
    with open(tmp / "r_mqc.tsv") as handle:
        mqc = {row[0]: row for row in csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")}
    header = {
        m.group(1): m.group(2)
        for m in re.finditer(r"##alkannotSample=<ID=([^,]+),.*?PgpCheck=([a-z_]+)", (tmp / "a.vcf").read_text())
    }
    doc = json.loads((tmp / "r.json").read_text())
    return tsv, mqc, header, doc, (tmp / "r.html").read_text()


def _first_sentence(note: str) -> str:
    return note.split("]. ")[0] + "]." if "]. " in note else note.split(". ")[0] + "."


def test_every_output_says_done_positive_where_the_ihc_is_positive(reported):
    tsv, mqc, header, doc, _ = reported
    expected = {
        "D1_T": "done_positive",
        "D2_T": "done_positive",
        "D3_T": "not_indicated",  # IHC negative: unchanged
        "D4_T": "done_positive",
        "D5_T": "done_positive",
        "D6_T": "not_indicated",  # ALK-negative
        "D7_T": "not_indicated",  # no progression
        "D8_T": "done_positive",
    }
    assert {s: row["pgp_check"] for s, row in tsv.items()} == expected
    assert header == expected
    assert {s["sample"]: s["pgp_check"] for s in doc["samples"]} == expected
    column = mqc["Sample"].index("pgp_check")
    assert {s: mqc[s][column] for s in expected} == expected
    assert doc["summary"]["pgp_check"]["done_positive"] == ["D1_T", "D2_T", "D4_T", "D5_T", "D8_T"]
    assert doc["summary"]["pgp_check"]["recommended"] == []
    jsonschema.validate(doc, schema())  # the schema's enum has the value (schema 2.5)


def test_the_note_opens_with_what_the_positive_ihc_means(reported):
    tsv = reported[0]
    d1 = tsv["D1_T"]["pgp_note"]
    assert _first_sentence(d1) == (
        f"ABCB1 IHC positive (sample sheet): P-gp overexpression is a candidate cause of ceritinib resistance {KAT16}."
    )
    assert "Check P-gp" not in d1 and "Recommended" not in d1
    assert d1.count("IHC positive") == 1 and "IHC is positive" not in d1
    d2 = tsv["D2_T"]["pgp_note"]  # alectinib: P-gp did not affect it (KAT16); it bears on crizotinib and ceritinib
    assert d2.startswith(
        "ABCB1 IHC positive (sample sheet): P-gp overexpression did not confer resistance to alectinib in cell models "
        f"{KAT16}, so it is an unlikely explanation of this progression (preclinical evidence); it matters for later "
        f"treatment: it reduces the activity of crizotinib and ceritinib {KAT16}. Progressed most recently on alectinib"
    ), d2
    assert d2.count("unlikely explanation") == 1 and "Check P-gp" not in d2
    d4 = tsv["D4_T"]["pgp_note"]  # G1202R explains it; P-gp may add to it
    assert d4.startswith("ABCB1 IHC positive (sample sheet): G1202R (VAF 30.0%) is resistant to ceritinib")
    assert "which explains the progression on ceritinib; P-gp overexpression may contribute as well" in d4
    d8 = tsv["D8_T"]["pgp_note"]
    assert d8.startswith(
        "ABCB1 IHC positive (sample sheet): P-gp overexpression is a candidate explanation of this progression only "
        "if it reduces the activity of brigatinib, which the sources read do not settle"
    )
    d3 = tsv["D3_T"]["pgp_note"]  # negative: unchanged, the reason first
    assert d3.startswith(
        "Not indicated: ABCB1 (P-gp) IHC is already negative (sample sheet): P-gp efflux is unlikely. Progressed"
    )
    assert tsv["D6_T"]["pgp_note"] == "Not indicated: the sample sheet gives the tumour as ALK-negative."


def test_the_triage_list_keeps_the_p_gp_case(reported):
    tsv, _, _, doc, page = reported
    triaged = {s for s, row in tsv.items() if row["pgp_triage"] == "true"}
    # D5: G1202R at 3% may explain ceritinib only in part, the IHC is positive: still the P-gp case
    assert triaged == {"D1_T", "D2_T", "D3_T", "D5_T", "D8_T"}
    assert doc["summary"]["pgp_triage"] == ["D1_T", "D2_T", "D3_T", "D5_T", "D8_T"]
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert "D1_T (P-gp check done: IHC positive (candidate explanation))" in text
    assert "D2_T (P-gp check done: IHC positive (unlikely to explain progression on the latest drug))" in text


def test_the_html_box_and_tags_show_the_done_check(reported):
    page = reported[4]
    box = re.search(r'<div class="box pgp"><div class="n">(\d+)</div><div><b>P-gp check done: IHC positive</b>', page)
    assert box and box.group(1) == "5"
    recommended = re.search(r'<div class="n">(\d+)</div><div><b>P-gp \(ABCB1\) check recommended</b>', page)
    assert recommended and recommended.group(1) == "0"
    heading = {n: page[page.index(f'id="s-{n}"') :] for n in ("D1_T", "D2_T", "D4_T", "D3_T")}
    heading = {n: html.unescape(t[: t.index("</h3>")]) for n, t in heading.items()}
    assert "P-gp check done: IHC positive (candidate explanation)" in heading["D1_T"]
    assert "P-gp check done: IHC positive (unlikely to explain progression on the latest drug)" in heading["D2_T"]
    assert "P-gp check done: IHC positive (an ALK change explains the progression)" in heading["D4_T"]
    assert "P-gp check not indicated" in heading["D3_T"]
    assert "P-gp (ABCB1) check: done (IHC positive).</b> ABCB1 IHC positive (sample sheet):" in page
    assert "check recommended" not in heading["D1_T"] + heading["D2_T"]
