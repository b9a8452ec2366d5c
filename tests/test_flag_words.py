"""One word per concept in every output (review of stop 46): a mutation's flags and a compound's undetermined phase
are one token for programs (JSON, TSV alk_mutations, ##alkannotSample AlkMutations, ALK_COMPOUND) and one phrase for
people (HTML, notes, a call's basis, MultiQC), both from alkannot/flag_words.py (item a); the TSV's alk_mutations and
inhibitor_basis follow one grammar each, so a cohort's cells split without reading prose (item c); ALK_COMPOUND names
the sample whose compound it is (item b). Through the installed `alkannot` on the bundled example and on small VCFs."""

from __future__ import annotations

import csv
import gzip
import json
import re
from pathlib import Path

from helpers import annotated_report, readme_reports, run

from alkannot import flag_words
from alkannot.kbfiles import load_knowledge_base
from alkannot.report.json_report import schema

HEADER = """##fileformat=VCFv4.2
##FILTER=<ID=PASS,Description="All filters passed">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phasing set">
##contig=<ID=chr2,length=242193529>
"""
G1202R, L1196M = ("29220747", "C", "T"), ("29220765", "G", "T")
# LABEL(FIELD FIELD ...): the class, then VAF=x where known, then the flags (README, the TSV's alk_mutations)
ENTRY = re.compile(r"^(?P<label>[^()]+)\((?P<fields>[^()]+)\)$")
CLASSES = {"known", "residue", "kinase_domain_vus", "activating", "none", "unknown"}


def vcf(path: Path, samples: list[str], records: list[tuple[tuple[str, str, str], list[str]]]) -> Path:
    lines = [HEADER + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(samples)]
    for (pos, ref, alt), values in records:
        lines.append(f"chr2\t{pos}\t.\t{ref}\t{alt}\t.\tPASS\t.\tGT:AD:PS\t" + "\t".join(values))
    path.write_text("\n".join(lines) + "\n")
    return path


def tsv_rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="") as handle:
        return {row["sample"]: row for row in csv.DictReader(handle, delimiter="\t")}


def parsed_mutations(cell: str) -> list[tuple[str, str, list[str]]]:
    """(label, class, flags) of each entry of an alk_mutations cell, by the README's grammar alone."""
    out = []
    for entry in cell.split(";"):
        match = ENTRY.match(entry)
        assert match, entry
        klass, *rest = match["fields"].split(" ")
        flags = [f for f in rest if not f.startswith("VAF=")]
        out.append((match["label"], klass, flags))
    return out


def test_the_example_says_below_min_vaf_with_one_token_and_one_phrase(tmp_path):
    """P7_T's C1156Y at 3% with --min-vaf 0.05: `low_vaf` where a program reads it (TSV, JSON, AlkMutations), 'subclonal
    or low-level' where a person does (HTML, basis, MultiQC, note); 'subclonal/low' nowhere."""
    samples, tsv, page, _ = readme_reports(tmp_path / "r")
    assert tsv["P7_T"]["alk_mutations"] == "C1156Y(known VAF=0.030 low_vaf)"
    assert samples["P7_T"]["alk_mutations"][0]["low_vaf"] is True
    header = [line for line in gzip.open(f"{tmp_path / 'r'}.vcf.gz", "rt") if line.startswith("##")]
    (p7,) = [line for line in header if line.startswith("##alkannotSample=<ID=P7_T,")]
    assert "AlkMutations=C1156Y(low_vaf)," in p7
    (fields,) = [line for line in header if line.startswith("##alkannotFields=")]
    assert "low_vaf, below --min-vaf: subclonal or low-level;" in fields
    basis = samples["P7_T"]["inhibitors"]["ceritinib"]["basis"]
    assert basis == "C1156Y (subclonal or low-level, VAF 3.0%: holds at most in part of the tumour)"
    assert "<td>C1156Y (3.0%; subclonal or low-level)</td>" in page  # the cohort table
    assert "0.030 (AF) <b>subclonal or low-level</b>" in page  # the card
    assert any("subclonal or low-level; reported, not dropped" in n for n in samples["P7_T"]["notes"])
    mqc = (tmp_path / "r_mqc.tsv").read_text()
    assert "C1156Y (in the knowledge base: statements on this change; VAF 0.030; subclonal or low-level)" in mqc
    for text in (page, mqc, json.dumps(samples), "".join(header), (tmp_path / "r.tsv").read_text()):
        assert "subclonal/low" not in text


def test_the_example_tsv_columns_split_by_their_grammar(tmp_path):
    """alk_mutations: LABEL(CLASS[ VAF=x][ FLAG]...), each flag a flag_words token; inhibitor_basis: 'DRUGS: BASIS'
    entries, every inhibitor in exactly one (item c: a bare basis stood beside 'DRUG: resistant, progressed on ...',
    and the flags were prose)."""
    _, tsv, _, doc = readme_reports(tmp_path / "r")
    agents = doc["knowledge_base"]["agents"]
    drugs = [agents.get(n, n) for n in load_knowledge_base().inhibitor_names]
    for sample, row in tsv.items():
        if row["alk_mutations"]:
            for _, klass, flags in parsed_mutations(row["alk_mutations"]):
                assert klass in CLASSES and all(f in flag_words.WORDS or f.startswith("FILTER=") for f in flags)
        entries = [entry.split(": ", 1) for entry in row["inhibitor_basis"].split(";")]
        named = [d for names, _ in entries for d in names.split(", ")]
        assert sorted(named) == sorted(drugs), sample
    assert tsv["P1_T"]["inhibitor_basis"] == (
        "crizotinib, ceritinib, brigatinib, ensartinib, lorlatinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib, "
        "envonalkib: G1202R;alectinib: the patient progressed on it (sample sheet)"
    )


def test_an_undetermined_phase_is_one_phrase_in_every_output(tmp_path):
    """G1202R and L1196M unphased: `phase_unknown` in ALK_COMPOUND, `unknown` in the JSON, 'phase not determined' in
    the TSV, the HTML, the notes and the calls' basis; the notes said '(phase unknown)'."""
    source = vcf(tmp_path / "u.vcf", ["U1"], [(G1202R, ["0/1:70,30:."]), (L1196M, ["0/1:68,32:."])])
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nU1\tpositive:IHC\talectinib;lorlatinib\n")
    doc, page = annotated_report(source, sheet, tmp_path / "r")
    (u1,) = doc["samples"]
    assert u1["compound"]["phase"] == "unknown"
    assert u1["inhibitors"]["crizotinib"]["basis"] == "L1196M+G1202R (phase not determined)"
    assert tsv_rows(tmp_path / "r.tsv")["U1"]["compound"] == "L1196M+G1202R phase not determined"
    assert "compound L1196M+G1202R, phase not determined" in page
    body = [line for line in (tmp_path / "r.vcf").read_text().splitlines() if line.startswith("chr2")]
    assert all("ALK_COMPOUND=U1:L1196M+G1202R(phase_unknown)" in line for line in body)
    text = json.dumps(doc) + page + (tmp_path / "r.tsv").read_text() + (tmp_path / "r.vcf").read_text()
    assert "phase unknown" not in text and "phase not determined" in " ".join(u1["notes"] + [u1["pgp"]["note"]])
    # the JSON keeps its enum value (readers test phase == 'unknown'); its schema names the VCF's token and the
    # phrase, so that a reader joins the two (voc47)
    phase = schema()["properties"]["samples"]["items"]["properties"]["compound"]["properties"]["phase"]
    assert phase["enum"] == ["cis", "trans", "unknown"]
    assert flag_words.PHASE_UNKNOWN in phase["description"] and flag_words.PHASE_UNKNOWN_WORDS in phase["description"]


def test_alk_compound_names_the_one_sample_of_two_whose_compound_it_is(tmp_path):
    """Item b: ALK_COMPOUND is per record but the compound is a sample's: in a two-sample VCF where S1 carries
    G1202R+L1196M in cis and S2 G1202R alone, G1202R's value names S1 only, and its Description says so."""
    source = vcf(
        tmp_path / "two.vcf",
        ["S1", "S2"],
        [(G1202R, ["0|1:70,30:29220747", "0/1:70,30:."]), (L1196M, ["0|1:70,30:29220747", "0/0:100,0:."])],
    )
    out = tmp_path / "out.vcf"
    result = run("-q", "annotate", source, "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    lines = out.read_text().splitlines()
    body = {line.split("\t")[1]: line.split("\t")[7] for line in lines if line.startswith("chr2")}
    assert "ALK_COMPOUND=S1:L1196M+G1202R(cis)" in body[G1202R[0]].split(";")
    assert "S2:" not in body[G1202R[0]]
    (description,) = [line for line in lines if line.startswith("##INFO=<ID=ALK_COMPOUND,")]
    assert "one per sample whose compound it is in" in description and "SAMPLE:PARTS(PHASE)" in description


def test_source_vcf_names_the_maf_read(tmp_path):
    """Item d: `alkannot report` on a MAF writes the MAF, as given, in source_vcf (and the JSON's `source`), not the
    VCF it spools the MAF's records to."""
    maf = Path(__file__).resolve().parent / "data" / "maf" / "madeup_cohort_grch37.maf"
    result = run("report", maf, "--out", tmp_path / "m", text=True)
    assert result.returncode == 0, result.stderr
    rows = tsv_rows(tmp_path / "m.tsv")
    assert rows and {row["source_vcf"] for row in rows.values()} == {str(maf)}
    doc = json.loads((tmp_path / "m.json").read_text())
    assert {s["source"] for s in doc["samples"]} == {str(maf)}
