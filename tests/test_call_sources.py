"""Which sources decided which per-inhibitor call (review of stop 46): the VCF's ALK_CALL_SOURCES (Number=A,
'INHIBITOR:SOURCE+SOURCE' entries '|'-joined), the TSV's inhibitor_call_sources ('INHIBITOR: KEY, KEY' entries
';'-joined, after mechanism_qualified), and each key once in one drug's listed sources (P3_T crizotinib listed CGI
twice: 'CGI(PMID:20979473,PMID:22277784), CGI(PMID:22277784)'). Run as a user runs it: the installed entry point on
the bundled example and tests/data; the VCF read back by bcftools and vcftools' vcf-validator."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import EXAMPLES, readme_reports, run

from alkannot.sourced_text import merged_labels

DATA = Path(__file__).parent / "data"
PEL21 = "PEL21(doi:10.1158/1538-7445.AM2021-1468)"
G1202R_CRIZOTINIB = ("LIN17T2", "EID441(PMID:22277784)", "EID1357(PMID:22277784)")


def annotate(src: Path, out: Path, *extra) -> str:
    result = run("annotate", src, "-o", out, *extra, text=True)
    assert result.returncode == 0, result.stderr
    return subprocess.run(["bcftools", "view", str(out)], capture_output=True, text=True, check=True).stdout


def call_sources(vcf: str) -> dict[str, list[str]]:
    """HGVSp -> the raw ALK_CALL_SOURCES value of each ALT (as written, percent-encoding kept)."""
    out = {}
    for line in vcf.splitlines():
        if line.startswith("#"):
            continue
        info = dict(kv.split("=", 1) for kv in line.split("\t")[7].split(";") if "=" in kv)
        if "ALK_CALL_SOURCES" in info:
            hgvsp = info["ALK_HGVSP"].split(",")
            values = info["ALK_CALL_SOURCES"].split(",")
            assert len(values) == len(hgvsp)  # Number=A
            out.update(zip(hgvsp, values))
    return out


def parsed(value: str) -> dict[str, list[str]]:
    """'lorlatinib:LIN17T2+PEL21(...)|...' -> {'lorlatinib': ['LIN17T2', 'PEL21(...)'], ...}: the inhibitor ends at
    the first ':' (a source's own PMID: follows it)."""
    if value == ".":
        return {}
    return {drug: sources.split("+") for drug, sources in (entry.split(":", 1) for entry in value.split("|"))}


def identified(key: str, table: dict) -> str:
    """A key as the TSV writes it from the lookup's sources table: with its PMID(s), else its DOI; a label that names
    its PMIDs, a curated resource's key and a key with neither as they are."""
    entry = table.get(key) or {}
    if "(" in key or key in ("CGI", "CIVIC"):
        return key
    if entry.get("pmid"):
        return f"{key}({','.join(f'PMID:{p}' for p in str(entry['pmid']).split(';'))})"
    return f"{key}(doi:{entry['doi']})" if entry.get("doi") else key


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """README's example run on GRCh38: (JSON samples, TSV rows, the annotated VCF as bcftools prints it)."""
    prefix = tmp_path_factory.mktemp("example") / "report"
    samples, tsv, _, _ = readme_reports(prefix)
    vcf = subprocess.run(["bcftools", "view", f"{prefix}.vcf.gz"], capture_output=True, text=True, check=True)
    return samples, tsv, vcf.stdout


def test_g1202r_calls_name_their_own_sources_not_the_listed_ones(example):
    _, _, vcf = example
    g1202r = parsed(call_sources(vcf)["p.G1202R"])
    # the sensitive lorlatinib call rests on the review table and PEL21's background sentence; GAI16 ('general
    # finding, not G1202R-specific'), in ALK_EVIDENCE, decides nothing
    assert g1202r["lorlatinib"] == ["LIN17T2", PEL21]
    assert tuple(g1202r["crizotinib"]) == G1202R_CRIZOTINIB  # not SEED, not CGI's row of no recorded context
    assert "GAI16" in vcf and not any("GAI16" in s for drug in g1202r.values() for s in drug)
    # a drug no statement decides has no entry (ensartinib: none; TPX-0131: PMO21, listed only)
    assert list(g1202r) == ["crizotinib", "ceritinib", "alectinib", "brigatinib", "lorlatinib"]


def test_vcf_and_lookup_and_tsv_agree_per_drug(example):
    """Every allele's per-drug sources are lookup's counted `sources` (identified as the TSV identifies them), and for
    P1_T, whose only change is G1202R, the TSV's inhibitor_call_sources for every drug it did not progress on."""
    _, tsv, vcf = example
    for hgvsp, value in call_sources(vcf).items():
        looked = json.loads(run("lookup", hgvsp[2:], "--json", text=True).stdout)
        calls = looked["results"][0]["calls"]
        expected = {
            drug: [identified(k, looked["sources"]) for k in call["sources"]]
            for drug, call in calls.items()
            if call["category"] != "unknown" and call["sources"]
        }
        assert parsed(value) == expected, hgvsp
    # P1_T progressed on alectinib, which its G1202R call already says (resistant): the genotype call's sources
    p1 = dict(entry.split(": ", 1) for entry in tsv["P1_T"]["inhibitor_call_sources"].split(";"))
    assert {drug: s.split(", ") for drug, s in p1.items()} == parsed(call_sources(vcf)["p.G1202R"])
    # P3_T progressed on lorlatinib, which neither part's call says: the call, and its source, are the patient's
    p3 = dict(entry.split(": ", 1) for entry in tsv["P3_T"]["inhibitor_call_sources"].split(";"))
    assert p3["lorlatinib"] == "sample_sheet"


def test_tsv_column_comes_after_the_existing_ones(example):
    _, tsv, _ = example
    header = (EXAMPLES.parent / "tests" / "golden" / "example_GRCh38.tsv").read_text().splitlines()[0].split("\t")
    own = header[: header.index("inhibitor_call_sources") + 1]
    assert own[-3:] == ["mechanism_context", "mechanism_qualified", "inhibitor_call_sources"]
    assert list(tsv["P1_T"])[: len(own)] == own
    # the per-drug form of inhibitor_listed_sources; a progression's source is the sample sheet
    assert tsv["P1_T"]["inhibitor_call_sources"].startswith("crizotinib: LIN17T2, EID441(PMID:22277784), ")
    assert f"lorlatinib: LIN17T2, {PEL21}" in tsv["P1_T"]["inhibitor_call_sources"]
    assert "lorlatinib: GAI16(doi:10.1158/2159-8290.CD-16-0596)" in tsv["P1_T"]["inhibitor_listed_sources"]


def test_compound_lists_a_key_once_per_drug(example):
    """P3_T (L1196M+G1202R cis): its crizotinib call, inferred from both parts, listed CGI from each part."""
    samples, tsv, _ = example
    listed = samples["P3_T"]["inhibitors"]["crizotinib"]["listed_sources"]
    assert listed == ["SEED", "CGI(PMID:20979473,PMID:22277784)"]
    cell = dict(entry.split(": ", 1) for entry in tsv["P3_T"]["inhibitor_listed_sources"].split(";"))
    assert cell["crizotinib"] == "SEED, CGI(PMID:20979473,PMID:22277784)"
    for sample in samples.values():
        for drug, call in sample["inhibitors"].items():
            keys = [k.split("(")[0] for k in call["listed_sources"]]
            assert len(keys) == len(set(keys)), (sample["sample"], drug, call["listed_sources"])


def lookup_call(alteration: str, drug: str) -> dict:
    return json.loads(run("lookup", alteration, "--json", text=True).stdout)["results"][0]["calls"][drug]


def test_lookup_json_lists_a_key_once_per_drug():
    """F1174L's crizotinib call lists two CGI rows of other contexts; F1174L+I1171T adds a third from I1171T: one
    CGI entry with every PMID they cite."""
    single = lookup_call("F1174L", "crizotinib")
    assert [k for k in single["listed_sources"] if k.startswith("CGI")] == ["CGI(PMID:22277784,PMID:22072639)"]
    pair = lookup_call("F1174L+I1171T", "crizotinib")
    assert [k for k in pair["listed_sources"] if k.startswith("CGI")] == [
        "CGI(PMID:22277784,PMID:25228534,PMID:22072639)"
    ]


def test_merged_labels():
    assert merged_labels(["SEED", "CGI(PMID:20979473,PMID:22277784)", "CGI(PMID:22277784)"]) == (
        "SEED",
        "CGI(PMID:20979473,PMID:22277784)",
    )
    assert merged_labels(["CGI", "EID441(PMID:22277784)", "CGI(PMID:1)"]) == ("CGI(PMID:1)", "EID441(PMID:22277784)")
    assert merged_labels([]) == ()


@pytest.mark.skipif(not shutil.which("bcftools"), reason="bcftools not installed")
def test_multiallelic_reannotated_bcf_and_validated(tmp_path):
    """alk_snvs_grch37.vcf: G1202R and G1202* on one record (Number=A: one value per ALT). Re-annotating the
    output replaces the key and its definition; BCF output carries the same values; vcf-validator finds nothing
    it did not find in the input."""
    src = DATA / "alk_snvs_grch37.vcf"
    first = annotate(src, tmp_path / "once.vcf", "--build", "GRCh37")
    values = call_sources(first)
    assert parsed(values["p.G1202R"])["lorlatinib"] == ["LIN17T2", PEL21]
    assert values["p.G1202*"] == "."
    again = annotate(tmp_path / "once.vcf", tmp_path / "twice.vcf", "--build", "GRCh37")
    assert again.count("##INFO=<ID=ALK_CALL_SOURCES,") == 1
    assert all(line.count("ALK_CALL_SOURCES=") <= 1 for line in again.splitlines())
    assert call_sources(again) == values
    bcf = annotate(src, tmp_path / "out.bcf", "--build", "GRCh37")
    assert call_sources(bcf) == values
    assert "Number=A" in next(x for x in first.splitlines() if x.startswith("##INFO=<ID=ALK_CALL_SOURCES,"))
    if shutil.which("vcf-validator"):

        def complaints(path: Path) -> set[str]:
            done = subprocess.run(["vcf-validator", str(path)], capture_output=True, text=True, timeout=120)
            return {line for line in (done.stdout + done.stderr).splitlines() if line.strip()}

        assert not complaints(tmp_path / "once.vcf") - complaints(src)


def test_kb_export_site_vcf_carries_the_same_value(tmp_path, example):
    _, _, vcf = example
    out = tmp_path / "kb.vcf.gz"
    result = run("kb", "export", "--format", "vcf", "--build", "GRCh38", "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    site = subprocess.run(["bcftools", "view", "-H", "-r", "chr2:29220747", str(out)], capture_output=True, text=True)
    (g1202r,) = [line for line in site.stdout.splitlines() if line.split("\t")[4] == "T"]
    assert call_sources(g1202r) == {"p.G1202R": call_sources(vcf)["p.G1202R"]}


def test_percent_encoded_comma_in_a_label(tmp_path):
    """A lab's knowledge base in which L1196M's crizotinib call rests on the CGI row alone (its NSCLC rows removed):
    the row's label names two PMIDs, whose ',' is written %2C, so the Number=A value stays one per ALT."""
    kb = tmp_path / "lab_kb"
    assert run("kb", "export", "--format", "tsv", "-o", kb).returncode == 0
    calls = kb / "calls.tsv"
    lines = calls.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")

    def nsclc_l1196m_crizotinib(line: str) -> bool:
        row = dict(zip(header, line.split("\t")))
        return row["alteration"] == "L1196M" and row["inhibitor"] == "crizotinib" and row["disease"] == "NSCLC"

    calls.write_text("\n".join(x for x in lines if not nsclc_l1196m_crizotinib(x)) + "\n", encoding="utf-8")
    vcf = annotate(DATA / "alk_snvs_grch37.vcf", tmp_path / "out.vcf", "--build", "GRCh37", "--kb", kb)
    value = call_sources(vcf)["p.L1196M"]
    assert parsed(value)["crizotinib"] == ["CGI(PMID:20979473%2CPMID:22277784)"]
    assert not set(value) & set(" ;=")
