"""NF2 loss, a post-lorlatinib mechanism (REC20; shared/kb/bypass.md section 8), through the installed CLI
(clinical review, sixth reading, finding 2). Only a truncating change (by the input's own VEP/SnpEff/BCSQ
annotation) or a deletion counts; a missense does not; an unannotated change is listed, not counted."""

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from helpers import ALKANNOT

from alkannot.offtarget import checked_genes, no_bypass_found
from alkannot.report.json_report import schema

DATA = Path(__file__).parent / "data" / "nf2"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("nf2") / "r"
    inputs = [str(DATA / f"nf2_{name}_grch38.vcf") for name in ("vep", "plain", "del")]
    done = subprocess.run(
        [ALKANNOT, "report", *inputs, "--samples", str(DATA / "samples.tsv"), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    doc = json.loads((out.parent / "r.json").read_text())
    jsonschema.validate(doc, schema())
    return {s["sample"]: s for s in doc["samples"]}


def test_a_truncating_nf2_change_after_lorlatinib_is_an_off_target_candidate_with_rec20(samples):
    for name, record in (
        ("N1_stop", "chr22:29654000 C>T (stop_gained (VEP))"),
        ("N3_frameshift", "chr22:29670000 GA>G (frameshift_variant (VEP))"),
    ):
        s = samples[name]
        assert s["mechanism"] == "off_target_candidate"
        (nf2,) = s["off_target"]
        assert (nf2["gene"], nf2["kind"], nf2["record"], nf2["sources"]) == ("NF2", "mutation", record, ["REC20"])
        assert "lorlatinib resistance" in nf2["statement"] and "mTOR" in nf2["statement"]
        assert "Look first at the off-target candidates (NF2 mutation)" in s["pgp"]["note"]
        assert "No bypass-gene alteration was found" not in s["pgp"]["note"]


def test_an_nf2_deletion_counts_and_a_missense_does_not(samples):
    deletion = samples["D1_deletion"]
    assert deletion["mechanism"] == "off_target_candidate"
    assert [(o["gene"], o["kind"]) for o in deletion["off_target"]] == [("NF2", "copy_number_loss")]
    missense = samples["N2_missense"]
    assert missense["mechanism"] == "unexplained" and missense["off_target"] == []
    assert no_bypass_found() in missense["pgp"]["note"]


def test_an_unannotated_nf2_change_is_listed_not_counted_and_not_called_absent(samples):
    """The reviewer's case: a plain SNV in NF2 with no consequence annotation was silently dropped and the note said
    no bypass-gene alteration was found."""
    s = samples["U1_unannotated"]
    assert s["mechanism"] == "unexplained"
    (nf2,) = s["off_target"]
    assert (nf2["kind"], nf2["record"]) == ("mutation_unassessed", "chr22:29654000 C>T")
    assert "not assessed" in nf2["statement"] and nf2["sources"] == ["REC20"]
    note = s["pgp"]["note"]
    assert "A change of unknown consequence is listed (NF2 chr22:29654000 C>T)" in note
    assert no_bypass_found("other ") in note


def test_the_no_bypass_sentence_names_the_genes_from_the_table():
    genes = checked_genes()
    assert genes.startswith("MET, EGFR, KIT, KRAS") and "NF2 (truncating change or deletion only)" in genes
    assert "ABCB1" not in genes
    assert f"in the genes alkannot checks ({genes})" in no_bypass_found()


def test_an_unassessed_nf2_change_is_named_beside_another_candidate():
    from alkannot.offtarget import OffTarget, off_target_pointer

    kras = OffTarget("KRAS", "mutation", "chr12:25245351 C>A", "", ("KARGER",), True)
    nf2 = OffTarget("NF2", "mutation_unassessed", "chr22:29654000 C>T", "", ("REC20",), True)
    text = off_target_pointer((kras, nf2))
    assert text.startswith(" Look first at the off-target candidates (KRAS mutation).")
    assert "A change of unknown consequence is listed (NF2 chr22:29654000 C>T)" in text
    assert not nf2.candidate and kras.candidate
