"""The pipeline review of stop 36: an output named near the file system's NAME_MAX (255 bytes) is written, as
bcftools writes it; before, its hidden temporary name ('.NAME.XXXXXXXX.partial.vcf') was too long and the run
failed. Through the installed entry point."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers import annotated_report, run

EXAMPLE = Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


def test_an_output_named_near_name_max_is_written(tmp_path):
    out = tmp_path / ("b" * 251 + ".vcf")  # 255 bytes, the longest name ext4 takes
    result = run("annotate", EXAMPLE, "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_text().count("ALK_HGVSP=") >= 1
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_a_long_bgzip_name_with_its_index_and_reports(tmp_path):
    out = tmp_path / ("c" * 240 + ".vcf.gz")
    prefix = tmp_path / ("r" * 245)
    result = run("annotate", EXAMPLE, "-o", out, "-W", "tbi", "--report", prefix, text=True)
    assert result.returncode == 0, result.stderr
    assert Path(f"{out}.tbi").stat().st_size > 0
    assert Path(f"{prefix}.json").stat().st_size > 0
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]


def test_a_name_longer_than_name_max_is_refused_in_one_line(tmp_path):
    out = tmp_path / ("d" * 252 + ".vcf")  # 256 bytes
    result = run("annotate", EXAMPLE, "-o", out, text=True)
    assert result.returncode == 3
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("alkannot: error: ") and "File name too long" in line
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------- finding 1: a symbolic <DEL> in the kinase domain
DATA = Path(__file__).parent / "data" / "review37"


def _verdict(vcf: str, tmp_path: Path, sheet: str = "crizotinib_no_normal.tsv") -> dict:
    document, _ = annotated_report(DATA / vcf, DATA / sheet, tmp_path / "r")
    (sample,) = [s for s in document["samples"] if s["sample"] == "T"]
    return sample


def _deletion_note(sample: dict) -> str:
    (note,) = [n for n in sample["notes"] if n.startswith("ALK ") and "removes kinase-domain coding bases" in n]
    return note


@pytest.mark.parametrize(
    ("vcf", "sheet"),
    [
        ("symbolic_kinase_deletion.vcf", "crizotinib_no_normal.tsv"),
        ("kinase_deletion_cn1.vcf", "crizotinib_no_normal.tsv"),  # CN written or not does not decide
        ("manta_somatic_deletion.vcf", "crizotinib_with_normal.tsv"),  # PR/SR, no GT: the tumour's reads
    ],
)
def test_a_symbolic_deletion_in_the_kinase_domain_is_not_read_as_alk_mutation_negative(tmp_path, vcf, sheet):
    sample = _verdict(vcf, tmp_path, sheet)
    assert sample["mechanism"] == "on_target_possible"
    assert sample["alk_mutation_negative"] is False
    (deletion,) = sample["alk_copy_number"]
    assert deletion["record"] == "chr2:29220740-29220800 <DEL>"
    assert "it makes on-target resistance possible" in _deletion_note(sample)
    note = sample["pgp"]["note"]
    assert "no known ALK resistance mutation was found; an ALK " in note and "at chr2:29220740-29220800 <DEL>" in note
    assert "no ALK resistance mutation was found." not in note


def test_a_deletion_the_normal_carries_is_germline(tmp_path):
    sample = _verdict("germline_deletion.vcf", tmp_path, "crizotinib_with_normal.tsv")
    assert sample["mechanism"] == "unexplained" and sample["alk_mutation_negative"] is True
    assert "the matched normal (N) carries it too: germline, not counted" in _deletion_note(sample)


def test_a_copy_number_segment_over_the_whole_gene_is_named_but_does_not_count(tmp_path):
    sample = _verdict("one_copy_loss.vcf", tmp_path)
    assert sample["mechanism"] == "unexplained"
    assert sample["alk_mutation_negative"] is True
    assert [c["label"] for c in sample["alk_copy_number"]] == ["ALK one-copy loss (CN=1)"]
    assert "both its ends lie outside ALK" in _deletion_note(sample)


@pytest.mark.parametrize("vcf", ["deletion_outside_kinase_domain.vcf", "intronic_deletion.vcf"])
def test_a_deletion_of_no_kinase_domain_coding_base_changes_nothing(tmp_path, vcf):
    sample = _verdict(vcf, tmp_path)
    assert sample["mechanism"] == "unexplained" and sample["alk_mutation_negative"] is True
    assert sample["alk_copy_number"] == []


# ---------------------------------------------------------------- the review of the deletion fix (D1-D4)
@pytest.mark.parametrize("as_bcf", [False, True])
def test_a_deletion_with_svlen_and_no_end_is_read_from_vcf_and_bcf_alike(tmp_path, as_bcf):
    """A BCF writer may store such a record's length as 1: its end is POS + |SVLEN| on either input (D1)."""
    vcf = DATA / "svlen_only_deletion.vcf"
    if as_bcf:
        bcf = tmp_path / "svlen.bcf"
        subprocess.run(["bcftools", "view", "--no-version", "-Ob", "-o", str(bcf), str(vcf)], check=True)
        vcf = bcf
    document, _ = annotated_report(vcf, DATA / "crizotinib_no_normal.tsv", tmp_path / "r")
    (sample,) = document["samples"]
    assert [c["record"] for c in sample["alk_copy_number"]] == ["chr2:29205000-29210000 <DEL>"]
    assert sample["mechanism"] == "on_target_possible"


def test_a_passing_somatic_deletion_keeps_a_normal_read_the_tumours(tmp_path):
    """Manta PASS, one alt read in the normal: the caller weighed it (D2), as for point mutations."""
    sample = _verdict("manta_somatic_normal_read.vcf", tmp_path, "crizotinib_with_normal.tsv")
    assert sample["mechanism"] == "on_target_possible"
    assert "it makes on-target resistance possible" in _deletion_note(sample)


def test_two_deletions_at_one_position_are_both_weighed(tmp_path):
    sample = _verdict("two_deletions_one_pos.vcf", tmp_path)  # the intronic one first (D3)
    assert [c["record"] for c in sample["alk_copy_number"]] == ["chr2:29220600-29220800 <DEL>"]
    assert sample["mechanism"] == "on_target_possible"


def test_a_symbolic_deletions_padding_base_is_not_deleted(tmp_path):
    sample = _verdict("padding_base_only.vcf", tmp_path)  # POS 29220837: exon end 29220835 + 2 splice bases (D4)
    assert sample["alk_copy_number"] == [] and sample["mechanism"] == "unexplained"
