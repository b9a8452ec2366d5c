"""NF2 loss, a post-lorlatinib mechanism (REC20; shared/kb/bypass.md section 8), through the installed CLI
(clinical review, sixth reading, finding 2). Only a truncating change (by the input's own VEP/SnpEff/BCSQ
annotation of the allele the sample carries, on the MANE/canonical or a protein-coding transcript) or a deep deletion
(CN 0) counts; a missense does not; an unannotated change, a one-copy loss and an SV caller's <DEL> without CN are
listed, not counted (review 7, findings 8, 9, 10)."""

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from helpers import ALKANNOT, screen_sentence

from alkannot.kbfiles import load_knowledge_base
from alkannot.offtarget_screen import checked_genes, no_bypass_found
from alkannot.report.json_report import schema

DATA = Path(__file__).parent / "data" / "nf2"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("nf2") / "r"
    inputs = [str(DATA / f"nf2_{name}_grch38.vcf") for name in ("vep", "plain", "del", "review7", "manta")]
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
        assert "No protein-altering, copy-number or structural change was found" not in s["pgp"]["note"]


def test_a_missense_does_not_count(samples):
    missense = samples["N2_missense"]
    assert missense["mechanism"] == "unexplained" and missense["off_target"] == []
    assert screen_sentence(missense) in missense["pgp"]["note"]
    assert "NF2 (small variants only; only a truncating change or a deep deletion counts)" in screen_sentence(missense)


REC20_LOSS = (
    "NF2 loss of function was found at lorlatinib resistance (loss-of-function mutations), conferring sensitivity "
    "to mTOR inhibitors in preclinical models; a deep deletion (CN 0, no copy left) is the copy-number record of NF2 "
    "loss a VCF can show"
)
SHALLOW = (
    " A one-copy loss or a deletion of unknown depth is listed ({}): not established as loss of function; only a deep "
    "deletion (CN 0) counts as loss of the gene."
)


def test_only_a_deep_nf2_deletion_is_an_off_target_candidate(samples):
    """Review 7, finding 8: CN 0 counts; a one-copy loss over NF2 (CN=1, also a 33 Mb 22q arm loss) does not."""
    deep = samples["R2_homdel"]
    assert deep["mechanism"] == "off_target_candidate"
    assert [(o["gene"], o["kind"], o["record"], o["statement"], o["sources"]) for o in deep["off_target"]] == [
        ("NF2", "copy_number_loss", "chr22:29650000 <DEL> CN=0", REC20_LOSS, ["REC20"])
    ]
    assert "Look first at the off-target candidates (NF2 copy-number loss)." in deep["pgp"]["note"]
    for name, record in (("R1_arm", "chr22:17000000 <DEL> CN=1"), ("D1_deletion", "chr22:29600000 <DEL> CN=1")):
        s = samples[name]
        assert s["mechanism"] == "unexplained", name
        (nf2,) = s["off_target"]
        assert (nf2["gene"], nf2["kind"], nf2["record"], nf2["sources"]) == (
            "NF2",
            "copy_number_loss_unconfirmed",
            record,
            ["REC20"],
        )
        assert nf2["statement"] == (
            "one-copy loss (CN=1) in NF2: one copy is left, so it is not established as loss of NF2 function (only "
            "a deep deletion, CN 0, counts); not an off-target candidate on its own. What the sources say: "
            + REC20_LOSS
        )
        note = s["pgp"]["note"]
        assert "Look first" not in note
        assert SHALLOW.format(f"NF2 {record}") + screen_sentence(s, "other ") in note
    # D1's one record is the one-copy loss: NF2 was reached by copy number (CN 1), its small variants not (stop 41)
    nf2 = "NF2 (copy number only: CN 1; only a truncating change or a deep deletion counts)"
    assert (
        f"records of this sample reach (bypass genes: {nf2}). Not assessed: " in samples["D1_deletion"]["pgp"]["note"]
    )


def test_an_sv_callers_intronic_deletion_without_cn_is_listed_not_called_copy_number(samples):
    """Review 7, finding 8: a 300-bp Manta <DEL> inside NF2 (no CN; alkannot has no NF2 exon table to tell whether
    it removes coding sequence) is a deletion of unknown depth, not a copy-number loss and not a candidate."""
    s = samples["R7_manta"]
    assert s["mechanism"] == "unexplained"
    (nf2,) = s["off_target"]
    assert (nf2["kind"], nf2["record"], nf2["sources"]) == ("deletion_unconfirmed", "chr22:29640100 <DEL>", ["REC20"])
    assert nf2["statement"].startswith(
        "deletion (CN not given) in NF2: an SV caller's deletion of unknown depth; alkannot has no exon model of NF2 "
        "to tell whether it removes coding sequence, so it is not established as loss of NF2 function"
    )
    assert "copy number" not in nf2["statement"].split(" What the sources say")[0]
    assert SHALLOW.format("NF2 chr22:29640100 <DEL>") in s["pgp"]["note"]
    assert "Look first" not in s["pgp"]["note"]


def test_the_consequence_is_read_for_the_allele_the_sample_carries(samples):
    """Review 7, finding 9: record C>T,A; T missense, A stop_gained. GT 0/1 (T) is nothing; GT 0/2 (A) counts,
    named by the carried allele only (VEP CSQ by Allele, SnpEff ANN by its allele field)."""
    for name in ("R3_multi", "R5_ann"):
        assert samples[name]["mechanism"] == "unexplained", name
        assert samples[name]["off_target"] == [], name
        assert screen_sentence(samples[name]) in samples[name]["pgp"]["note"]
    stop = samples["R6_ann_stop"]
    assert stop["mechanism"] == "off_target_candidate"
    assert [(o["kind"], o["record"]) for o in stop["off_target"]] == [
        ("mutation", "chr22:29654500 C>A (stop_gained (SnpEff))")
    ]


def test_a_splice_donor_on_a_non_coding_transcript_is_not_read_as_the_genes(samples):
    """Review 7, finding 9: intron_variant on the canonical MANE transcript ENST00000338641 and
    splice_donor_variant&non_coding_transcript_variant on a retained_intron one: not truncating."""
    s = samples["R4_nc"]
    assert s["mechanism"] == "unexplained" and s["off_target"] == []
    assert screen_sentence(s) in s["pgp"]["note"]


def test_csq_declared_integer_is_warned_once_naming_the_file(tmp_path):
    """Review 7, finding 10: one warning per input, naming it (was: one per NF2 record, naming "input")."""
    sheet = tmp_path / "s.tsv"
    names = ("I1_arm", "I2_homdel", "I3_multi", "I4_nc", "I5_none")
    sheet.write_text("sample\talk_status\tprogressed_on\n" + "".join(f"{n}\tpositive:IHC\tlorlatinib\n" for n in names))
    vcf = DATA / "nf2_csqint_grch38.vcf"
    done = subprocess.run(
        [ALKANNOT, "report", str(vcf), "--samples", str(sheet), "--out", str(tmp_path / "r")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    warned = [line for line in done.stderr.splitlines() if "INFO/CSQ is declared Type=Integer" in line]
    assert warned == [
        f"alkannot: WARNING: {vcf}: INFO/CSQ is declared Type=Integer, not String: not read as "
        "another annotator's consequences"
    ]
    doc = json.loads((tmp_path / "r.json").read_text())
    kinds = {s["sample"]: [o["kind"] for o in s["off_target"]] for s in doc["samples"]}
    assert kinds["I3_multi"] == kinds["I4_nc"] == ["mutation_unassessed"]  # CSQ unread: consequence unknown


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
    # not 'No other protein-altering change': that would say the listed one alters the protein (second review of
    # stop 29's change, finding 4), but 'besides' it: NF2 is both listed and among the genes checked (clinical review
    # of stop 38, finding 5)
    besides = ", besides the change(s) of unknown consequence listed,"
    assert screen_sentence(s, "", besides) in note


def test_the_no_bypass_sentence_names_the_genes_from_the_table():
    genes = checked_genes()
    assert genes.startswith("MET, EGFR, KIT, KRAS") and "NF2 (truncating change or deep deletion only)" in genes
    assert "ABCB1" not in genes and "TP53" not in genes
    # no record reached them: named, not assessed (stop 41), without what counts in each
    named = genes.replace(" (truncating change or deep deletion only)", "")
    assert (
        "not assessed: the input holds no record of this sample, or none that passed the caller's filters, in the "
        f"genes alkannot checks (bypass genes: {named}; co-alteration, not a bypass gene: TP53)"
        in no_bypass_found(load_knowledge_base(), ())
    )


def test_an_unassessed_nf2_change_is_named_beside_another_candidate():
    from alkannot.kbfiles import load_knowledge_base
    from alkannot.offtarget import OffTarget
    from alkannot.offtarget_pointer import off_target_pointer

    kras = OffTarget("KRAS", "mutation", "chr12:25245351 C>A", "", ("KARGER",), True)
    nf2 = OffTarget("NF2", "mutation_unassessed", "chr22:29654000 C>T", "", ("REC20",), True)
    text = off_target_pointer(load_knowledge_base(), (kras, nf2))
    assert text.startswith(" Look first at the off-target candidates (KRAS mutation).")
    assert "A change of unknown consequence is listed (NF2 chr22:29654000 C>T)" in text
    assert not nf2.candidate and kras.candidate


@pytest.mark.parametrize("gene, pos, end", [("EGFR", 55100000, 55150000), ("MET", 116700000, 116750000)])
def test_a_deep_deletion_of_a_gene_whose_sources_concern_its_activation_is_no_candidate(tmp_path, gene, pos, end):
    """EGFR and KRAS are listed as bypass tracks for their activation or mutation: a deletion, even CN 0, is listed
    and never an off-target candidate (the question left open by the fix of review 7, finding 8). MET, whose rows
    are amplification, rearrangement and mutation, alike: its deletion was dropped without a word (review 8,
    finding 3)."""
    header = (DATA / "nf2_del_grch38.vcf").read_text().split("#CHROM")[0]
    vcf = tmp_path / "del.vcf"
    vcf.write_text(
        header.replace("D1_deletion", "E1")
        + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tE1\n"
        + f"chr7\t{pos}\t.\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END={end}\tGT:CN\t1/1:0\n"
    )
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nE1\tpositive:IHC\talectinib;lorlatinib\n")
    out = tmp_path / "r"
    done = subprocess.run(
        [ALKANNOT, "report", str(vcf), "--samples", str(sheet), "--out", str(out), "-q"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    sample = json.loads((tmp_path / "r.json").read_text())["samples"][0]
    assert sample["mechanism"] != "off_target_candidate"
    (listed,) = [o for o in sample["off_target"] if o["gene"] == gene]
    assert listed["kind"] == "copy_number_loss_unconfirmed"
    assert f"the sources read concern {gene} mutation or activation, not its deletion" in listed["statement"]
    assert (
        "A deletion in a gene whose sources concern its mutation or activation, not its deletion, is listed "
        f"({gene} chr7:{pos} <DEL> CN=0): not an off-target candidate." in sample["pgp"]["note"]
    )
