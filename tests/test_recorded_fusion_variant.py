"""`alkannot report` (and `annotate`) on an annotated VCF without the --sv/--samples of the annotate run keeps the
fusion the verdict used (review 13, finding 9): the ##alkannotSample line records its partner and variant
(FusionPartner, FusionVariant) beside Fusion, and the re-run calls the inhibitors with them, so the variant-specific
knowledge-base sources (EML4::ALK v3a/b: EID1193, EID1197, EID1340) and notes ('about v3a/b itself: ...') stay.
Files written before these keys are read as before."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

INHIBITOR_COLUMNS = ("crizotinib", "ceritinib", "alectinib", "brigatinib", "ensartinib", "lorlatinib")
RECORDED = "[taken from the ##alkannotSample header line written when this VCF was annotated]"

CALLS = """##fileformat=VCFv4.2
##FILTER=<ID=PASS,Description="All filters passed">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
##contig=<ID=chr2,length=242193529>
##reference=file:///ref/Homo_sapiens_assembly38.fasta
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT3\tT1
chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AD\t0/0:200,0\t0/0:200,0
"""
# Manta-style BND pairs, as example_vcfs/GRCh38/sv.vcf has them: EML4 intron 6 (v3a/b) in T3, intron 13 (v1) in T1
SV_HEADER = """##fileformat=VCFv4.1
##contig=<ID=chr2,length=242193529>
##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">
##INFO=<ID=MATEID,Number=.,Type=String,Description="ID of mate breakend">
##FORMAT=<ID=PR,Number=.,Type=Integer,Description="PR">
##FORMAT=<ID=SR,Number=.,Type=Integer,Description="SR">
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT3\tT1
"""
SV_RECORDS = [
    ("29224000", "b1", "N]chr2:42299000]", "b2", "29,0:27,0", "29,13:27,16"),
    ("29224300", "c1", "N]chr2:42275000]", "c2", "27,15:25,18", "29,0:28,0"),
    ("42275000", "c2", "N]chr2:29224300]", "c1", "27,15:25,18", "29,0:28,0"),
    ("42299000", "b2", "N]chr2:29224000]", "b1", "29,0:27,0", "29,13:27,16"),
]


def _run(*args, code: int = 0) -> subprocess.CompletedProcess:
    run = subprocess.run([ALKANNOT, *map(str, args)], capture_output=True, text=True)
    assert run.returncode == code, run.stderr
    return run


def _sv_line(record: tuple[str, ...], t3: str, t1: str) -> str:
    pos, rid, alt, mate = record
    return f"chr2\t{pos}\t{rid}\tN\t{alt}\t.\tPASS\tSVTYPE=BND;MATEID={mate}\tPR:SR\t{t3}\t{t1}\n"


def _inputs(tmp_path: Path) -> tuple[Path, Path, Path]:
    calls, sv, sheet = tmp_path / "calls.vcf", tmp_path / "sv.vcf", tmp_path / "sheet.tsv"
    calls.write_text(CALLS)
    sv.write_text(SV_HEADER + "".join(_sv_line(r[:4], r[4], r[5]) for r in SV_RECORDS))
    sheet.write_text("sample\talk_status\tprogressed_on\nT3\tpositive:IHC\t\nT1\tpositive:IHC\tcrizotinib\n")
    return calls, sv, sheet


def _tsv(path: Path) -> dict[str, dict[str, str]]:
    header, *rows = (line.split("\t") for line in path.read_text().splitlines())
    return {row[0]: dict(zip(header, row)) for row in rows}


def _inhibitors(prefix: Path) -> dict[str, dict]:
    return {s["sample"]: s["inhibitors"] for s in json.loads(prefix.with_suffix(".json").read_text())["samples"]}


def _annotated(tmp_path: Path) -> Path:
    calls, sv, sheet = _inputs(tmp_path)
    ann = tmp_path / "ann.vcf"
    _run("-q", "annotate", calls, "--sv", sv, "--samples", sheet, "-o", ann, "--report", tmp_path / "first")
    return ann


def test_the_header_records_the_fusion_and_the_rerun_keeps_its_calls(tmp_path):
    ann = _annotated(tmp_path)
    header = [line for line in ann.read_text().splitlines() if line.startswith("##alkannotSample=")]
    # the sample's calls (Calls=, tests/test_sample_calls_header.py), their sources (CallSources=,
    # tests/test_call_sources_header.py) and the P-gp flag's sources (PgpSources=, tests/test_contract_audit.py)
    # aside, quoted or, one source, bare
    lines = [re.sub(r',(?:Calls|CallSources|PgpSources)=(?:"[^"]*"|[^,>"]*)', "", line) for line in header]
    assert 'Calls="crizotinib:resistant(progressed_on);' in header[1]
    # T1's crizotinib call is its progression, its other calls unknown; T3's calls are its fusion's, with their sources
    assert ",CallSources=crizotinib:sample_sheet," in header[1]
    assert ',CallSources="crizotinib:KAZ14(PMID:25170012)+KWAK10(PMID:20979469)+' in header[0]
    assert lines == [
        "##alkannotSample=<ID=T3,Fusion=positive,FusionPartner=EML4,FusionVariant=v3a/b,AlkMutations=none,"
        "Mechanism=unexplained,PgpCheck=if_progressed,PgpContext=no_history,AlkStatus=positive:IHC,"
        f"Input={tmp_path / 'calls.vcf'}>",
        "##alkannotSample=<ID=T1,Fusion=positive,FusionPartner=EML4,FusionVariant=v1,AlkMutations=none,"
        "Mechanism=unexplained,PgpCheck=recommended,PgpContext=after_affected,AlkStatus=positive:IHC,ProgressedOn=crizotinib,"
        f"Input={tmp_path / 'calls.vcf'}>",
    ]
    _run("-q", "report", ann, "--out", tmp_path / "again")  # no --sv, no --samples
    first, again = _tsv(tmp_path / "first.tsv"), _tsv(tmp_path / "again.tsv")
    for sample in ("T3", "T1"):
        for column in (*INHIBITOR_COLUMNS, "inhibitor_basis", "inhibitor_sources", "mechanism", "pgp_check"):
            assert again[sample][column] == first[sample][column], (sample, column)
    assert _inhibitors(tmp_path / "again") == _inhibitors(tmp_path / "first")  # categories, sources, notes
    assert first["T3"]["fusion_calls"].startswith("EML4::ALK v3a/b [positive; kinase retained; EML4:intron6|")
    assert again["T3"]["fusion_calls"] == f"EML4::ALK v3a/b {RECORDED}"
    assert again["T1"]["fusion_calls"] == f"EML4::ALK v1 {RECORDED}"
    crizotinib = _inhibitors(tmp_path / "again")["T3"]["crizotinib"]
    assert "EID1193(PMID:20979469)" in crizotinib["sources"]
    # EID1197 is 'listed, not a vote': listed for the call, not among its sources (review 19, finding 8)
    assert "EID1197(PMID:22912387)" in crizotinib["listed_sources"]
    assert crizotinib["note"].startswith("about v3a/b itself: EID1193, EID1197")
    ceritinib = _inhibitors(tmp_path / "again")["T3"]["ceritinib"]
    assert "EID1340(PMID:24675041)" in ceritinib["sources"]
    assert "no source about v1 itself" in _inhibitors(tmp_path / "again")["T1"]["alectinib"]["note"]
    assert "Fusion status positive taken from this VCF's header, written when it was annotated" in again["T3"]["notes"]


def test_annotating_the_output_again_keeps_the_recorded_fusion(tmp_path):
    ann = _annotated(tmp_path)
    _run("-q", "annotate", ann, "-o", tmp_path / "twice.vcf", "--report", tmp_path / "twice")
    assert "FusionPartner=EML4,FusionVariant=v3a/b," in (tmp_path / "twice.vcf").read_text()
    assert _inhibitors(tmp_path / "twice") == _inhibitors(tmp_path / "first")


def test_a_file_annotated_before_the_keys_is_read_as_before(tmp_path):
    ann = _annotated(tmp_path)
    old = tmp_path / "old.vcf"
    # an output that old had no ##alkannotFields line either (it names the keys; stop 46)
    lines = ann.read_text().splitlines(keepends=True)
    old.write_text(
        "".join(line for line in lines if not line.startswith("##alkannotFields="))
        .replace(",FusionPartner=EML4,FusionVariant=v3a/b", "")
        .replace(",FusionPartner=EML4,FusionVariant=v1", "")
    )
    assert "FusionPartner" not in old.read_text()
    _run("-q", "report", old, "--out", tmp_path / "old")
    rows, inhibitors = _tsv(tmp_path / "old.tsv"), _inhibitors(tmp_path / "old")
    assert rows["T3"]["fusion"] == "positive" and rows["T3"]["fusion_calls"] == ""
    assert "Fusion status positive taken from this VCF's header, written when it was annotated" in rows["T3"]["notes"]
    # the fusion's variant is not known: the calls are about ALK-positive NSCLC in general, as before
    assert "EID1193(PMID:20979469)" not in inhibitors["T3"]["crizotinib"]["sources"]
    assert "v3a/b" not in inhibitors["T3"]["crizotinib"]["note"]
    assert inhibitors["T3"]["crizotinib"]["category"] == "sensitive"


@pytest.mark.parametrize("variant", ["v3c", "v99", "v0", "abc"])
def test_a_recorded_variant_this_run_cannot_read_names_the_line(tmp_path, variant):
    """One rule for every name alkannot does not write (review 14, finding 3: v99 was printed as a fusion call)."""
    ann = _annotated(tmp_path)
    bad = tmp_path / "bad.vcf"
    bad.write_text(ann.read_text().replace("FusionVariant=v3a/b", f"FusionVariant={variant}"))
    run = _run("-q", "report", bad, "--out", tmp_path / "bad", code=3)
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"alkannot: error: {bad}: the ##alkannotSample line of T3 records FusionVariant={variant}, ")
    assert line.endswith("give --sv/--fusions to call the fusion again")


@pytest.mark.parametrize("variant", ["v3b", "E6A18"])
def test_a_recorded_isoform_or_unnamed_join_is_read(tmp_path, variant):
    ann = _annotated(tmp_path)
    other = tmp_path / "other.vcf"
    other.write_text(ann.read_text().replace("FusionVariant=v3a/b", f"FusionVariant={variant}"))
    _run("-q", "report", other, "--out", tmp_path / "other")
    assert _tsv(tmp_path / "other.tsv")["T3"]["fusion_calls"].startswith(f"EML4::ALK {variant} [")


def test_sv_evidence_given_again_decides_over_the_recorded_fusion(tmp_path):
    ann = _annotated(tmp_path)
    other = tmp_path / "sv_v1_only.vcf"  # another SV call set: T3 with T1's reads (v1), none for v3a/b
    other.write_text(SV_HEADER + "".join(_sv_line(r[:4], r[5], r[5]) for r in SV_RECORDS))
    _run("-q", "report", ann, "--sv", other, "--out", tmp_path / "new")
    assert _tsv(tmp_path / "new.tsv")["T3"]["fusion_calls"].startswith("EML4::ALK v1 [positive;")


def test_a_sheet_positive_tumour_keeps_the_possible_fusion_its_calls_used(tmp_path):
    """positive (sample sheet) beside a possible call (an orphan mate): the calls used its variant, and so do the
    re-run's, whose fusion_calls says the call was a possible one."""
    calls, _, _ = _inputs(tmp_path)
    sv, sheet = tmp_path / "orphan.vcf", tmp_path / "pos.tsv"
    sv.write_text(SV_HEADER + _sv_line(SV_RECORDS[0][:4], "29,13:27,16", "29,0:27,0"))  # b1 without its mate
    sheet.write_text("sample\talk_status\tprogressed_on\nT3\tpositive:IHC\tcrizotinib\nT1\tpositive:IHC\tcrizotinib\n")
    ann = tmp_path / "ann.vcf"
    _run("-q", "annotate", calls, "--sv", sv, "--samples", sheet, "-o", ann, "--report", tmp_path / "first")
    assert "ID=T3,Fusion=positive_external,FusionPartner=EML4,FusionVariant=v1,AlkMutations" in ann.read_text()
    assert "ID=T1,Fusion=positive_external,AlkMutations" in ann.read_text()  # no call: nothing recorded
    _run("-q", "report", ann, "--out", tmp_path / "again")
    assert _inhibitors(tmp_path / "again") == _inhibitors(tmp_path / "first")
    first, again = _tsv(tmp_path / "first.tsv"), _tsv(tmp_path / "again.tsv")
    assert first["T3"]["fusion_calls"].startswith("EML4::ALK v1 [possible; kinase retained;")
    assert again["T3"]["fusion_calls"] == f"EML4::ALK v1 [possible; {RECORDED[1:]}"
    assert again["T1"]["fusion_calls"] == ""
