"""A deletion over ALK's kinase-domain coding bases written as a breakend pair (GRIDSS, SvABA) is read as the <DEL>
it is (review of stop 37's fixes, finding 13: read as a rearrangement only, the tumour ALK-mutation-negative); an SV
caller's read support (Manta's PR/SR, GRIDSS's VF) decides who carries a deletion in an --sv file as in the main
input (found while fixing it: a Manta somatic <DEL> given as --sv was not read)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, annotated_report

DATA = Path(__file__).parent / "data" / "review38"
R37 = Path(__file__).parent / "data" / "review37"
RECORD = "chr2:29220740-29220800 A[chr2:29220801["


def _with_sv(tmp_path: Path, sv: Path, sheet: str = "crizotinib_no_normal.tsv") -> dict:
    prefix = tmp_path / "r"
    run = subprocess.run(
        [
            ALKANNOT,
            "-q",
            "annotate",
            str(R37 / "no_mutation.vcf"),
            "--sv",
            str(sv),
            "--samples",
            str(R37 / sheet),
            "-o",
            str(tmp_path / "o.vcf"),
            "--report",
            str(prefix),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (sample,) = [s for s in json.loads(prefix.with_suffix(".json").read_text())["samples"] if s["sample"] == "T"]
    return sample


def _on_target_possible(sample: dict, record: str) -> None:
    assert sample["mechanism"] == "on_target_possible" and sample["alk_mutation_negative"] is False
    (deletion,) = sample["alk_copy_number"]
    assert deletion["record"] == record and deletion["level"] == "deletion_unquantified"
    assert any(n.startswith(f"ALK deletion (CN not given) at {record} removes kinase-domain") for n in sample["notes"])
    assert f"at {record}" in sample["pgp"]["note"]


def test_a_breakend_pair_deletion_given_as_sv_is_a_kinase_domain_deletion(tmp_path):
    _on_target_possible(_with_sv(tmp_path, DATA / "bnd_deletion.vcf"), RECORD)


@pytest.mark.parametrize("strict", [(), ("--strict",)])
def test_a_breakend_pair_deletion_in_the_main_input_is_a_kinase_domain_deletion(tmp_path, strict):
    document, _ = annotated_report(DATA / "bnd_deletion.vcf", R37 / "crizotinib_no_normal.tsv", tmp_path / "r", *strict)
    (sample,) = document["samples"]
    _on_target_possible(sample, RECORD)


def test_a_gridss_somatic_deletion_is_the_tumours_by_its_vf(tmp_path):
    """No GT; the tumour's VF 25, the normal's 0: the tumour carries it, the normal does not."""
    _on_target_possible(_with_sv(tmp_path, DATA / "gridss_somatic_deletion.vcf", "crizotinib_with_normal.tsv"), RECORD)


def test_a_manta_somatic_deletion_given_as_sv_is_read_by_its_pr_sr(tmp_path):
    """Manta's somatic output given as --sv, as pipelines give it: before, only the main input's PR/SR were read."""
    sample = _with_sv(tmp_path, R37 / "manta_somatic_deletion.vcf", "crizotinib_with_normal.tsv")
    _on_target_possible(sample, "chr2:29220740-29220800 <DEL>")


@pytest.mark.parametrize("vcf", ["bnd_duplication.vcf", "bnd_intronic_deletion.vcf"])
def test_other_joins_are_not_deletions_of_the_kinase_domain(tmp_path, vcf):
    sample = _with_sv(tmp_path, DATA / vcf)
    assert sample["alk_copy_number"] == [] and sample["mechanism"] == "unexplained"
    assert sample["alk_mutation_negative"] is True


def test_the_recorded_breakend_deletion_is_weighed_by_a_report_on_the_output(tmp_path):
    """AlkCopyNumber= names the breakend record; `alkannot report` on the output alone reads it back."""
    first = _with_sv(tmp_path, DATA / "bnd_deletion.vcf")
    (line,) = [l for l in (tmp_path / "o.vcf").read_text().splitlines() if l.startswith("##alkannotSample=<ID=T,")]
    assert f'AlkCopyNumber="ALK deletion (CN not given) at {RECORD} (FILTER=PASS)"' in line
    run = subprocess.run(
        [ALKANNOT, "-q", "report", str(tmp_path / "o.vcf"), "--out", str(tmp_path / "again")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (again,) = json.loads((tmp_path / "again.json").read_text())["samples"]
    assert again["alk_copy_number"] == first["alk_copy_number"]
    assert (again["mechanism"], again["alk_mutation_negative"]) == ("on_target_possible", False)
