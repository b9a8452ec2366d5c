"""Wording after the review of the changes, seventh reading (findings 12 and 13), on the reviewer's input
(/tmp/review7/t1): six Mutect2 tumour-only samples, GRCh38 `chr2`, no --min-vaf, run through the installed CLI.

Finding 12: the ##alkannotSample line's AlkMutations lists unrelated changes with ';' and writes '+' only for a
compound, in its own order, with its phase said as the TSV says it.
Finding 13: clonality statements that agree with each other; no subclonal mark on a call that rests on the
patient's progression; the grid's title names a cut-off only where one was set; the TSV's inhibitor_basis says which
inhibitor's call rests on what.
"""

from __future__ import annotations

import csv
import html
import re
import subprocess
from pathlib import Path

import pytest
from helpers import annotated_report

HEADER = """##fileformat=VCFv4.2
##source=Mutect2 tumour-only
##reference=file:///ref/Homo_sapiens_assembly38.fasta
##contig=<ID=chr2,length=242193529>
##FILTER=<ID=PASS,Description="All filters passed">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">
##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phase set">
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tC1\tC2\tC6
"""
NONE = "0/0:100,0:0:."
# R1275Q, T1211Pfs*47, I1171N... as the reviewer wrote them: C1 R1275Q 50% + T1211Pfs*47 30% + G1202R 30%;
# C2 G1202R 40% + L1196M 8%; C6 G1202R 40% + I1171N 5%
RECORDS = [
    f"chr2\t29209798\t.\tC\tT\t.\tPASS\t.\tGT:AD:AF:PS\t0/1:100,100:0.5:.\t{NONE}\t{NONE}",
    f"chr2\t29220720\t.\tTC\tT\t.\tPASS\t.\tGT:AD:AF:PS\t0/1:70,30:0.3:.\t{NONE}\t{NONE}",
    "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AD:AF:PS\t0/1:70,30:0.3:.\t0/1:60,40:0.4:.\t0/1:60,40:0.4:.",
    f"chr2\t29220765\t.\tG\tT\t.\tPASS\t.\tGT:AD:AF:PS\t{NONE}\t0/1:92,8:0.08:.\t{NONE}",
    f"chr2\t29222347\t.\tA\tT\t.\tPASS\t.\tGT:AD:AF:PS\t{NONE}\t{NONE}\t0/1:95,5:0.05:.",
]
SHEET = "sample\talk_status\tprogressed_on\nC1\tpositive:IHC\talectinib;lorlatinib\n"
SHEET += "C2\tpositive:IHC\talectinib;lorlatinib\nC6\tpositive:IHC\talectinib\n"


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("review7")
    vcf, sheet = tmp / "in.vcf", tmp / "s.tsv"
    vcf.write_text(HEADER + "\n".join(RECORDS) + "\n")
    sheet.write_text(SHEET)
    document, page = annotated_report(vcf, sheet, tmp / "rep")
    header = subprocess.run(["bcftools", "view", "-h", str(tmp / "rep.vcf")], capture_output=True, text=True).stdout
    with open(tmp / "rep.tsv", newline="") as handle:
        table = {row["sample"]: row for row in csv.DictReader(handle, delimiter="\t")}
    samples = {s["sample"]: s for s in document["samples"]}
    return {"samples": samples, "page": page, "header": header, "tsv": table, "tmp": tmp}


def _sample_line(header: str, sample: str) -> str:
    (line,) = [l for l in header.splitlines() if l.startswith(f"##alkannotSample=<ID={sample},")]
    return line


# ---------------------------------------------------------------- finding 12
def test_header_lists_unrelated_changes_and_names_the_compound_as_the_tsv_does(run):
    assert run["samples"]["C1"]["compound"] is None
    assert 'AlkMutations="R1275Q;T1211Pfs*47(truncating);G1202R",' in _sample_line(run["header"], "C1")
    assert run["tsv"]["C2"]["compound"] == "L1196M+G1202R phase not determined"
    assert 'AlkMutations="L1196M+G1202R phase not determined",' in _sample_line(run["header"], "C2")
    assert "(unknown)" not in "".join(l for l in run["header"].splitlines() if l.startswith("##alkannotSample"))


def test_a_file_written_with_the_old_header_form_is_read_and_rewritten(run, tmp_path):
    """An older annotated file ('+'-joined, '(unknown)'): `report` reads it as before (AlkMutations is not read
    back) and re-annotation writes the new form in place of the old line."""
    from helpers import run as cli

    old = tmp_path / "old.vcf"
    text = (run["tmp"] / "rep.vcf").read_text()
    text = text.replace('AlkMutations="L1196M+G1202R phase not determined"', "AlkMutations=G1202R+L1196M(unknown)")
    old.write_text(
        text.replace('AlkMutations="R1275Q;T1211Pfs*47(truncating);G1202R"', "AlkMutations=R1275Q+T1211Pfs*47+G1202R")
    )
    sheet = run["tmp"] / "s.tsv"
    for vcf, prefix in ((old, "old"), (run["tmp"] / "rep.vcf", "new")):
        report = cli("report", vcf, "--samples", sheet, "--out", tmp_path / prefix, text=True)
        assert report.returncode == 0, report.stderr
    assert (tmp_path / "old.tsv").read_text() == (tmp_path / "new.tsv").read_text().replace(
        str(run["tmp"] / "rep.vcf"), str(old)
    )
    again = cli("annotate", old, "--samples", sheet, "-o", tmp_path / "again.vcf", text=True)
    assert again.returncode == 0, again.stderr
    header = (tmp_path / "again.vcf").read_text()
    assert 'AlkMutations="L1196M+G1202R phase not determined",' in _sample_line(header, "C2")
    assert 'AlkMutations="R1275Q;T1211Pfs*47(truncating);G1202R",' in _sample_line(header, "C1")
    assert "AlkMutations=G1202R+L1196M(unknown)" not in header and "R1275Q+" not in header


# ---------------------------------------------------------------- finding 13
def test_without_min_vaf_the_notes_say_the_four_fifths_test_applies(run):
    """(a) C6, G1202R 40% + I1171N 5%: the note no longer says 'every variant counts as clonal' beside a lorlatinib
    call marked subclonal; it says that the four-fifths test applies, and the compound's note names the drug."""
    c6 = run["samples"]["C6"]
    assert c6["inhibitors"]["lorlatinib"]["subclonal"] is True
    assert not any("counts as clonal" in n for s in run["samples"].values() for n in s["notes"])
    assert c6["notes"][0] == (
        "No clonality cut-off (--min-vaf) was set for this run, so no variant is set aside as subclonal for its VAF "
        "alone (G1202R at VAF 40.0%, I1171N at VAF 5.0%); with a cut-off, a variant below it would make on-target "
        "resistance only possible. The four-fifths allele-fraction test on a compound's parts applies all the same "
        "(see the compound's note)."  # the option named once (rev50)
    )
    assert c6["notes"][1] == (
        "I1171N+G1202R (phase not determined) is read as one compound, although I1171N (VAF 5.0%) is below four fifths of "
        "G1202R's allele fraction (40.0%), so not every G1202R molecule can carry it: without a clonality cut-off (--min-vaf) no change is "
        "set aside as subclonal for its VAF alone, so the compound stands, but its call for lorlatinib, less "
        "favourable than G1202R's own, holds at most in the part of the tumour carrying I1171N (a subclonal basis). "
        "With a clonality cut-off (--min-vaf, the laboratory's), a change below it would not form a compound with a "
        "clonal change; the clonal change's own calls would stand, with a note on the minor change."
    )
    text = html.unescape(re.sub(r"<[^>]+>", "", run["page"]))
    assert "No clonality cut-off (--min-vaf) was set for this run, so no variant is set aside as subclonal" in text
    assert "on a compound's parts applies all the same (see the compound's note)" in text
    assert "With a clonality cut-off (--min-vaf, the laboratory's), a change below it" in text
    assert not re.findall(r"(?<!\()--min-vaf", text)  # the option's name only beside its words


def test_a_call_from_the_patients_progression_carries_no_subclonal_mark(run):
    """(b, c) C2, L1196M 8% + G1202R 40% after lorlatinib: resistant from the sample sheet, no 's', no title saying it
    rests on a subclonal mutation; the note says the genotype call without brackets in brackets."""
    lorlatinib = run["samples"]["C2"]["inhibitors"]["lorlatinib"]
    assert (lorlatinib["category"], lorlatinib["sources"], lorlatinib["subclonal"]) == (
        "resistant",
        ["sample_sheet"],
        False,
    )
    assert lorlatinib["note"].startswith(
        "the patient progressed on lorlatinib (sample sheet): resistant in this patient; the genotype-based call "
        "alone would be unknown, from L1196M+G1202R (phase not determined), a compound with a subclonal or low-level part; subclonal "
        "basis: L1196M+G1202R (call: unknown) is at most in the part"
    )  # no bracket on the inferred unknown, which no source states (clinical review of stop 42, finding 9)
    (title,) = re.findall(r"<title>(C2 / lorlatinib: [^<]*)</title>", run["page"])
    assert title.endswith("; sources: sample sheet; progressed: the sample sheet records progression on this inhibitor")
    (title,) = re.findall(r"<title>(C6 / lorlatinib: [^<]*)</title>", run["page"])
    assert title.endswith(
        "; subclonal basis: the call rests on a compound whose allele fractions put it in at most part of the tumour"
    )
    assert "below the clonality cut-off" not in run["page"]  # no --min-vaf: no cut-off named
    assert "s = (subclonal basis): the call rests on a compound whose allele fractions put it in at" in run["page"]


def test_the_tsv_says_which_inhibitors_call_rests_on_the_subclonal_part(run):
    """(d) inhibitor_basis pairs inhibitors with their basis where the calls rest on different bases."""
    assert run["tsv"]["C6"]["inhibitor_basis"] == (
        "crizotinib, ceritinib, brigatinib, ensartinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib, envonalkib: "
        "I1171N+G1202R (phase not determined);lorlatinib: I1171N+G1202R (phase not determined, subclonal or low-level "
        "part - holds at most in part of the tumour);alectinib: the patient progressed on it (sample sheet)"
    )
    # the column splits on ';', each entry at its first ': ' (review of the day's fixes, eighth reading, finding 2)
    pairs = [entry.split(": ", 1) for entry in run["tsv"]["C6"]["inhibitor_basis"].split(";")]
    assert [p[0] for p in pairs] == [
        "crizotinib, ceritinib, brigatinib, ensartinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib, envonalkib",
        "lorlatinib",
        "alectinib",
    ]
    # one basis for every call not taken from the progression: with its drugs, as every entry (review of stop 46,
    # item c: it was said bare)
    assert run["tsv"]["C2"]["inhibitor_basis"] == (
        "crizotinib, ceritinib, brigatinib, ensartinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib, envonalkib: "
        "L1196M+G1202R (phase not determined);alectinib, lorlatinib: the patient progressed on each (sample sheet)"
    )


def test_with_min_vaf_the_grid_names_the_cut_off_and_its_value(tmp_path):
    """(b) the shipped example with --min-vaf 0.05: P7_T's C1156Y at 3% is below it; ceritinib's cell names the
    cut-off with its value, and crizotinib, which the patient progressed on, carries no subclonal mark."""
    folder = Path(__file__).resolve().parents[1] / "example_vcfs"
    sheet = folder / "samples.tsv"
    document, page = annotated_report(
        folder / "GRCh38" / "tumor_normal.vcf", sheet, tmp_path / "ex", "--min-vaf", "0.05"
    )
    calls = next(s for s in document["samples"] if s["sample"] == "P7_T")["inhibitors"]
    assert (calls["crizotinib"]["subclonal"], calls["ceritinib"]["subclonal"]) == (False, True)
    assert re.search(
        r"<title>P7_T / ceritinib: [^<]*; subclonal basis: the call rests on a subclonal or low-level mutation \(below the clonality cut-off set "
        r"for this run, VAF 0\.05\) or on a compound whose allele fractions put it in at most part of the tumour</title>",
        page,
    )
    assert "s = (subclonal basis): the call rests on a subclonal or low-level mutation (below the" in page
    assert "rests on" not in re.findall(r"<title>P7_T / crizotinib: [^<]*</title>", page)[0]
