"""Tumour-only input: without a matched normal nothing tells a somatic ALK change from a germline one (an ALK
polymorphism at a heterozygous allele fraction reads like a mutation). The report says so, with two sources read
(CEYHAN20, ACMG20), for the changes that are not known resistance mutations; never where the VCF has a normal."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
NOTE = "No matched normal: the input names none for this sample"


def _columns(path: Path, samples: list[str], keep_pairing_headers: bool = False) -> Path:
    """The example with only `samples` (in that order) and, unless kept, no ##tumor_sample/##normal_sample lines."""
    lines = EXAMPLE.read_text().splitlines()
    header = next(line for line in lines if line.startswith("#CHROM")).split("\t")
    index = [header.index(s) for s in samples]
    out = []
    for line in lines:
        if line.startswith(("##normal_sample", "##tumor_sample")):
            if keep_pairing_headers and line.split("=", 1)[1] in samples:
                out.append(line)
        elif line.startswith("##"):
            out.append(line)
        else:
            fields = line.split("\t")
            out.append("\t".join(fields[:9] + [fields[i] for i in index]))
    path.write_text("\n".join(out) + "\n")
    return path


def _notes(vcf: Path, out: Path) -> dict[str, list[str]]:
    run = subprocess.run([ALKANNOT, "-q", "report", str(vcf), "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    doc = json.loads(out.with_suffix(".json").read_text())
    return {s["sample"]: [n for n in s["notes"] if n.startswith(NOTE)] for s in doc["samples"]}


def test_a_tumour_only_kinase_domain_vus_gets_the_sourced_germline_caveat(tmp_path):
    notes = _notes(_columns(tmp_path / "p6.vcf", ["P6_T"]), tmp_path / "r")
    (note,) = notes["P6_T"]
    assert "whether L1240S is somatic or germline is not established" in note
    assert "CEYHAN20, PMID 32596634" in note and "ACMG20, doi:10.1038/s41436-020-0783-8" in note
    assert "50%" not in note  # no cut-off: none is sourced


def test_a_known_resistance_mutation_alone_gets_no_germline_caveat(tmp_path):
    """G1202R after alectinib is acquired under treatment in the sources: no caveat."""
    assert _notes(_columns(tmp_path / "p1.vcf", ["P1_T"]), tmp_path / "r") == {"P1_T": []}


@pytest.mark.parametrize("samples", [["P6_T", "P6_N"], ["P6_T"]])
def test_a_vcf_that_declares_a_normal_gets_no_caveat(tmp_path, samples):
    """A tumour/normal caller's VCF (##normal_sample), or a tumour column whose normal the caller named."""
    vcf = _columns(tmp_path / "tn.vcf", samples, keep_pairing_headers=True)
    if samples == ["P6_T"]:
        text = vcf.read_text().replace("##source=Mutect2\n", "##source=Mutect2\n##normal_sample=P6_N\n")
        vcf.write_text(text)
    assert not any(_notes(vcf, tmp_path / "r").values())


def test_the_bundled_tumour_normal_example_gets_no_caveat(tmp_path):
    assert not any(_notes(EXAMPLE, tmp_path / "r").values())


def test_a_cohort_without_normals_gets_the_caveat_per_sample_that_needs_it(tmp_path):
    notes = _notes(_columns(tmp_path / "c.vcf", ["P1_T", "P6_T", "P7_T"]), tmp_path / "r")
    assert [bool(notes[s]) for s in ("P1_T", "P6_T", "P7_T")] == [False, True, False]


def test_a_source_cited_by_doi_is_listed_under_its_key(tmp_path):
    """'[CEYHAN20, PMID 32596634; ACMG20, doi:...]' in a note: the JSON's source list has ACMG20 with its DOI, not
    a key named 'ACMG20, doi:...'."""
    _notes(_columns(tmp_path / "p6.vcf", ["P6_T"]), tmp_path / "r")
    sources = json.loads((tmp_path / "r.json").read_text())["sources"]
    assert sources["ACMG20"]["doi"] == "10.1038/s41436-020-0783-8"
    assert sources["CEYHAN20"]["pmid"] == "32596634"
    assert not [key for key in sources if "doi:" in key or "PMID" in key]


def test_the_page_says_the_tumour_only_note_in_words(tmp_path):
    """The HTML says what '##normal_sample' means; the JSON keeps the header line's name."""
    _notes(_columns(tmp_path / "p6.vcf", ["P6_T"]), tmp_path / "r")
    page = (tmp_path / "r.html").read_text()
    assert "neither its header nor a MAF column names a matched normal, and no sample in it is taken as one" in page
    assert "##normal_sample" not in page


PAIRING = Path(__file__).parent / "data" / "pairing"


@pytest.mark.parametrize(
    "vcf, sheet, extra, sample, normal",
    [
        ("normal_declared_only.vcf", "normal_declared_only_samples.tsv", [], "S1_T", "S1_N"),
        ("undeclared_pair.vcf", "undeclared_pair_samples.tsv", ["--tumor", "P_T"], "P_T", "P_N"),
    ],
)
def test_a_two_sample_vcf_with_one_sample_reported_is_a_pair(tmp_path, vcf, sheet, extra, sample, normal):
    """Review of the day's changes (fifth), finding 3: a declared normal without ##tumor_sample, and the other sample
    when --tumor names one of two, were neither consulted as the matched normal nor gave the tumour-only caveat."""
    out = tmp_path / "r"
    run = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(PAIRING / vcf), "--samples", str(PAIRING / sheet), *extra,
         "-o", str(tmp_path / "o.vcf"), "--report", str(out)],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    (s,) = json.loads(out.with_suffix(".json").read_text())["samples"]
    assert s["sample"] == sample
    assert any(m["in_normal"] == [normal] for m in s["alk_mutations"])
    assert any(f"also found in the matched normal ({normal})" in n for n in s["notes"])
    assert not any(n.startswith(NOTE) for n in s["notes"])


def test_a_maf_row_with_a_matched_normal_gets_no_caveat_and_one_without_does(tmp_path):
    """Review of the day's changes (fifth), finding 3 a: a tumour/normal MAF (Matched_Norm_Sample_Barcode) got
    "No matched normal in this VCF" for its G1202del; a MAF row without a matched normal still gets the caveat."""
    maf = Path(__file__).parent / "data" / "maf" / "madeup_cohort_grch37.maf"
    lines = maf.read_text().splitlines()
    header_at = next(i for i, line in enumerate(lines) if line.startswith("Hugo_Symbol"))
    column = lines[header_at].split("\t").index("Matched_Norm_Sample_Barcode")
    paired = _maf_notes(maf, tmp_path / "paired")
    assert paired["MADEUP-P2-T"] == []
    unpaired = tmp_path / "unpaired.maf"
    rows = [line.split("\t") for line in lines[header_at + 1 :]]
    for row in rows:
        row[column] = ""
    unpaired.write_text("\n".join(lines[: header_at + 1] + ["\t".join(row) for row in rows]) + "\n")
    (note,) = _maf_notes(unpaired, tmp_path / "unpaired")["MADEUP-P2-T"]
    assert "whether G1202del is somatic or germline is not established" in note


def _maf_notes(maf: Path, out: Path) -> dict[str, list[str]]:
    run = subprocess.run([ALKANNOT, "-q", "report", str(maf), "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    doc = json.loads(out.with_suffix(".json").read_text())
    return {s["sample"]: [n for n in s["notes"] if n.startswith(NOTE)] for s in doc["samples"]}
