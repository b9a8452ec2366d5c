"""A known resistance mutation also found in the matched normal is weighed as such (tumour in the normal or a mix-up
first) when it passed its filters or was filtered only because the normal carries it (Mutect2's normal_artifact);
one that failed a quality filter stays listed, not used, and outranks nothing (review of stop 33's change, finding
3; data tests/data/normal_filtered, PROVENANCE.md there)."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import annotated_report

DATA = Path(__file__).parent / "data" / "normal_filtered"


def verdict(tmp_path: Path, name: str) -> tuple[dict, str]:
    document, _ = annotated_report(DATA / name, DATA / "after_alectinib.tsv", tmp_path / "r", "--min-vaf", "0.01")
    (sample,) = document["samples"]
    return sample, (tmp_path / "r.tsv").read_text()


def test_a_quality_filtered_record_in_the_normal_is_listed_not_used(tmp_path):
    sample, table = verdict(tmp_path, "g1202r_strand_bias_in_normal_met_grch38.vcf")
    assert sample["mechanism"] == "off_target_candidate"
    assert "G1202R failed the caller's filter (strand_bias); listed, not used for the verdict." in sample["notes"][0]
    assert "check for tumour in the normal" not in table and "FILTER=strand_bias germline)" in table


def test_a_record_filtered_because_the_normal_carries_it_is_weighed_as_one_in_the_normal(tmp_path):
    sample, table = verdict(tmp_path, "g1202r_normal_artifact_met_grch38.vcf")
    # the PASS MET gain outranks it, as it outranks any change that only may explain the progression
    assert sample["mechanism"] == "off_target_candidate"
    assert not [n for n in sample["notes"] if "failed the caller's filter" in n]
    assert "the samples were mixed up, G1202R is the tumour's and may explain the progression" in sample["pgp"]["note"]
    assert "FILTER=normal_artifact in_normal_too:check)" in table


def _alk_mutations_field(vcf: Path) -> str:
    (line,) = [x for x in vcf.read_text().splitlines() if x.startswith("##alkannotSample=")]
    return line.split("AlkMutations=", 1)[1].split(",Mechanism=")[0]


def test_the_sample_line_lists_a_filtered_change_with_its_filters_as_the_report_does(tmp_path):
    """AlkMutations=none beside a G1202R the TSV and JSON list read as no change found (consistency check of stop
    34): a change whose record failed the caller's filters is listed with them."""
    sample, table = verdict(tmp_path, "g1202r_strand_bias_in_normal_met_grch38.vcf")
    assert [m["label"] for m in sample["alk_mutations"]] == ["G1202R"]
    # the TSV's flags, in its order, in one bracket (voc47; was '(germline)(FILTER=strand_bias)')
    assert _alk_mutations_field(tmp_path / "r.vcf") == '"G1202R(FILTER=strand_bias germline)"'
    _, table = verdict(tmp_path, "g1202r_normal_artifact_met_grch38.vcf")
    # the report's 'in the matched normal too: check ...', not germline (fresh-eyes review rev46)
    assert _alk_mutations_field(tmp_path / "r.vcf") == '"G1202R(FILTER=normal_artifact in_normal_too:check)"'
    assert re.search(r"G1202R\(known VAF=[0-9.]+ FILTER=normal_artifact in_normal_too:check\)", table)


def test_an_output_with_the_older_sample_line_flags_is_read_and_rewritten(tmp_path):
    """An output written before voc47 said the flags one bracket each ('G1202R(germline)(FILTER=strand_bias)').
    Nothing reads AlkMutations back (the records give the mutations): `report` on such a file gives the report the
    new one gives, and `annotate` on it writes the line in the new grammar in place of the old."""
    from helpers import run

    verdict(tmp_path, "g1202r_strand_bias_in_normal_met_grch38.vcf")
    new = (tmp_path / "r.vcf").read_text()
    assert 'AlkMutations="G1202R(FILTER=strand_bias germline)"' in new
    old = tmp_path / "old.vcf"
    old.write_text(new.replace('"G1202R(FILTER=strand_bias germline)"', '"G1202R(germline)(FILTER=strand_bias)"'))
    assert "(germline)(FILTER=strand_bias)" in old.read_text()
    sheet = DATA / "after_alectinib.tsv"
    for vcf, prefix in ((old, "from_old"), (tmp_path / "r.vcf", "from_new")):
        result = run("report", vcf, "--samples", sheet, "--out", tmp_path / prefix, text=True)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "from_old.tsv").read_text() == (tmp_path / "from_new.tsv").read_text().replace(
        str(tmp_path / "r.vcf"), str(old)
    )
    again = run("annotate", old, "--samples", sheet, "-o", tmp_path / "again.vcf", text=True)
    assert again.returncode == 0, again.stderr
    assert _alk_mutations_field(tmp_path / "again.vcf") == '"G1202R(FILTER=strand_bias germline)"'


def test_a_quality_filtered_known_mutation_withholds_the_fusion_calls_it_would_change(tmp_path):
    """L1196M at 30% with FILTER=weak_evidence, no treatment history: crizotinib was 'sensitive' on the fusion alone
    beside a note asking to confirm L1196M (clinical review of stop 35, finding 4). As a change also in the normal
    is weighed: `unknown`, the note saying what the call is if L1196M is real and what it is without it."""
    vcf = tmp_path / "u.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FILTER=<ID=weak_evidence,Description="Mutation does not meet likelihood threshold">\n'
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tU\n"
        "chr2\t29220765\t.\tG\tT\t.\tweak_evidence\t.\tGT:AF\t0/1:0.3\n"
    )
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\nU\tpositive:IHC\n")
    document, _ = annotated_report(vcf, sheet, tmp_path / "r", "--min-vaf", "0.05")
    (sample,) = document["samples"]
    crizotinib = sample["inhibitors"]["crizotinib"]
    assert crizotinib["category"] == "unknown"
    assert crizotinib["note"].startswith(
        "L1196M failed the caller's filter (weak_evidence); if it is real, L1196M is resistant to crizotinib; without "
        "it the call would be sensitive (ALK fusion; no ALK resistance mutation)"
    )
    assert sample["inhibitors"]["lorlatinib"]["category"] == "sensitive"  # L1196M: sensitive to lorlatinib too
