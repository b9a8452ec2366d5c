"""IGF1R, a bypass track in ALK-inhibitor resistance (shared/kb/bypass.md section 6 and its Context line: "Bypass
tracks: EGFR, KRAS, KIT, MET, IGF-1R" [KARGER]), is one of the genes the off-target findings look at (KB audit of
stop 49: bypass_genes.tsv had no IGF1R row, so a record in IGF1R was never named). Since stop 50 (helper kb50,
tools/kb_curation/reading_stop50_igf1r.md) an IGF1R record is listed with its significance unknown, never an
off-target candidate: the sources read name IGF-1R *activation* (EDBK17's table, doi:10.1200/EDBK_176251; bypass.md
section 6: "usually not visible (signalling)") and no IGF1R mutation or amplification as the mechanism. Through the
installed CLI on tests/data/igf1r (PROVENANCE.md there), in both builds, whole file and region mode."""

from __future__ import annotations

import csv
import html
import json
import shutil
from pathlib import Path

import jsonschema
import pysam
import pytest
from helpers import run

from alkannot.report.json_report import schema

DATA = Path(__file__).parent / "data" / "igf1r"
FILES = {"GRCh38": DATA / "igf1r_vep_grch38.vcf", "GRCh37": DATA / "igf1r_vep_grch37.vcf"}
# the missense record of each build's file (the same base of the MANE transcript's CDS, 543,229 bp apart)
MISSENSE = {
    "GRCh38": ("I1_igf1r_missense", "chr15:98922200 C>T"),
    "GRCh37": ("I3_igf1r_missense_b37", "15:99465429 C>T"),
}
# the IGF1R spans of resources/genome/genes.tsv
SPANS = {"GRCh38": (98648539, 98964530), "GRCh37": (99192200, 99507759)}
STATEMENT = (
    "IGF-1R activation is listed as a bypass track in ALK-inhibitor resistance; the sources read report no IGF1R "
    "mutation or amplification as a resistance mechanism, so the significance of an IGF1R change is unknown and it is "
    "not an off-target candidate"
)
SOURCES = ["KARGER", "EDBK17"]
LISTED = (
    "A change the sources read do not establish as an ALK-resistance mechanism is listed (IGF1R {}): its significance "
    "is unknown; not an off-target candidate (see the off-target findings)."
)


def _report(prefix: Path, *inputs: Path, verbose: bool = False) -> tuple[dict[str, dict], dict[str, dict], str, str]:
    flags = ("-v",) if verbose else ("-q",)
    done = run(*flags, "report", *inputs, "--samples", DATA / "samples.tsv", "--out", prefix, text=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    doc = json.loads(prefix.with_suffix(".json").read_text())
    jsonschema.validate(doc, schema())
    with open(prefix.with_suffix(".tsv"), newline="") as handle:
        rows = {r["sample"]: r for r in csv.DictReader(handle, delimiter="\t")}
    page = html.unescape(prefix.with_suffix(".html").read_text())
    return {s["sample"]: s for s in doc["samples"]}, rows, page, done.stderr


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    cnv = DATA / "igf1r_cnv_grch38.vcf"
    return _report(tmp_path_factory.mktemp("igf1r") / "r", FILES["GRCh38"], FILES["GRCh37"], cnv)


@pytest.mark.parametrize("build", ["GRCh38", "GRCh37"])
def test_an_igf1r_missense_is_listed_with_its_significance_unknown_not_a_candidate(reported, build):
    """A protein-altering IGF1R change (VEP missense_variant on the MANE Select transcript) is listed with the sourced
    statement (KARGER, EDBK17) that the sources read report IGF-1R activation, not an IGF1R mutation: `verified`
    false, never an off-target candidate (until stop 50 it was one, on KARGER's list alone), in the JSON, TSV, HTML
    and P-gp note, which names it as listed and no longer says that no protein-altering change was found."""
    samples, rows, page, _ = reported
    name, record = MISSENSE[build]
    sample = samples[name]
    assert sample["build"] == build
    assert [(o["gene"], o["kind"], o["record"], o["statement"], o["sources"], o["verified"], o["candidate"])
            for o in sample["off_target"]] == [("IGF1R", "mutation", record, STATEMENT, SOURCES, False, False)]  # fmt: skip
    assert sample["mechanism"] == "unexplained"
    note = sample["pgp"]["note"]
    assert "off-target candidate is also listed" not in note and "Look first at the off-target candidates" not in note
    assert LISTED.format(record) + " No other protein-altering, copy-number or structural change was found" in note
    assert rows[name]["off_target"] == f"IGF1R mutation {record}"
    assert rows[name]["off_target_candidates"] == ""
    assert (
        f"<li><b>IGF1R</b> mutation at {record}: {STATEMENT} <i>(unverified)</i> "
        '[<a href="#src-KARGER">KARGER</a>, <a href="#src-EDBK17">EDBK17 (doi:10.1200/EDBK_176251)</a>]</li>'
    ) in page


def test_an_igf1r_intron_record_is_not_listed_and_igf1r_is_named_as_reached(reported):
    """An intron_variant in IGF1R leaves the protein as it is: not listed; IGF1R is named among the genes the
    sample's records reach, and is not among those not assessed."""
    samples, _, _, _ = reported
    i2 = samples["I2_igf1r_intron"]
    assert (i2["off_target"], i2["mechanism"]) == ([], "unexplained")
    covered = {g["gene"]: g["covered_by"] for g in i2["off_target_genes"] if g["covered_by"]}
    assert covered == {"IGF1R": ["small_variant"]}
    note = i2["pgp"]["note"]
    assert "that the input's records of this sample reach (bypass genes: IGF1R (small variants only));" in note
    assert (
        "Not assessed: the other genes alkannot checks (bypass genes: MET, EGFR, KIT, KRAS, NRAS, MAP2K1, PIK3CA, NF2, "
        "BRAF, ERBB2; co-alteration, not a bypass gene: TP53)"
    ) in note


def test_an_igf1r_gain_or_amplification_call_is_listed_never_a_candidate(reported):
    """The sources read give no IGF1R copy-number finding (bypass.md section 6; EDBK17 names IGF-1R activation): a
    CN-only gain is listed, not established as amplification, and no longer told that a caller's <AMP> call would make
    it a candidate; the caller's <AMP> call itself is listed with the same statement and sources, not a candidate. The
    gain's finding says 'not an off-target candidate' once, in the sourced statement (rev50b: it said it before 'What
    the sources say:' too, on the same card)."""
    samples, _, _, _ = reported
    (gain,) = samples["C1_igf1r_gain"]["off_target"]
    assert (gain["kind"], gain["record"], gain["candidate"], gain["sources"]) == (
        "copy_number_gain_unconfirmed",
        "chr15:98650000 <DUP> CN=6",
        False,
        SOURCES,
    )
    assert gain["statement"] == (
        "copy-number gain (CN=6): not established as IGF1R amplification (the sources read give no copy-number cut-off "
        "for IGF1R amplification). What the sources say: "
        f"{STATEMENT} [KARGER; EDBK17, doi:10.1200/EDBK_176251]"
    )
    assert samples["C1_igf1r_gain"]["mechanism"] == "unexplained"
    # no IGF1R call is a candidate, so neither the finding nor the P-gp note says 'on its own' of it (stop 50, kb50b)
    assert (
        "A copy-number gain the caller did not call amplification is listed (IGF1R chr15:98650000 <DUP> CN=6): not "
        "established as amplification (the sources read give no copy-number cut-off for it); not an off-target "
        "candidate. "
    ) in samples["C1_igf1r_gain"]["pgp"]["note"]
    assert "on its own" not in gain["statement"] + samples["C1_igf1r_gain"]["pgp"]["note"]
    (amp,) = samples["C2_igf1r_amp"]["off_target"]
    assert (amp["kind"], amp["record"], amp["candidate"], amp["statement"], amp["sources"]) == (
        "copy_number_gain",
        "chr15:98660000 <AMP> CN=9",
        False,
        STATEMENT,
        SOURCES,
    )
    assert samples["C2_igf1r_amp"]["mechanism"] == "unexplained"
    assert LISTED.format("chr15:98660000 <AMP> CN=9") in samples["C2_igf1r_amp"]["pgp"]["note"]


def test_the_genes_alkannot_checks_list_igf1r_in_bypass_md_order(reported):
    """JSON off_target_genes follows bypass_genes.tsv: IGF1R (bypass.md section 6) after MAP2K1 (5), before PIK3CA (7)."""
    samples, _, _, _ = reported
    genes = [g["gene"] for g in samples["I3_igf1r_missense_b37"]["off_target_genes"]]
    assert genes[genes.index("MAP2K1") + 1 : genes.index("PIK3CA")] == ["IGF1R"]
    assert dict((g["gene"], g["role"]) for g in samples["I3_igf1r_missense_b37"]["off_target_genes"])["IGF1R"] == (
        "bypass"
    )


@pytest.mark.parametrize("build", ["GRCh38", "GRCh37"])
def test_region_mode_reads_the_igf1r_region_through_the_index(tmp_path, reported, build):
    """On the bgzipped, indexed VCF, region mode fetches IGF1R's window (its span +-100 kb, targets.survey_targets)
    and nothing else on chr15 (the record at 50 Mb is read by the whole-file scan only), and the report is the
    whole-file read's."""
    from alkannot.regions import region_records
    from alkannot.targets import MARGIN, survey_targets

    start, end = SPANS[build]
    assert (start - MARGIN, end + 1 + MARGIN) in survey_targets(build).windows["15"]
    plain = tmp_path / FILES[build].name
    shutil.copy(FILES[build], plain)
    pysam.tabix_index(str(plain), preset="vcf", force=True)
    gz = Path(f"{plain}.gz")
    with pysam.VariantFile(str(gz)) as handle:
        fetched, note = region_records(handle, str(gz), build, str(gz))
        assert fetched is not None and note is None  # region mode applies to this file
        positions = [rec.pos for _, rec in fetched]
    inside = [p for p in positions if start <= p <= end]
    assert inside and positions == inside  # the IGF1R records, and not the chr15 record at 50 Mb
    indexed, rows, _, stderr = _report(tmp_path / "r", gz, verbose=True)
    assert f"region mode: {len(inside)} records read through the index" in stderr
    whole, whole_rows, _, _ = reported
    for name in indexed:
        assert indexed[name]["off_target"] == whole[name]["off_target"], name
        assert indexed[name]["off_target_genes"] == whole[name]["off_target_genes"], name
        assert rows[name]["off_target"] == whole_rows[name]["off_target"], name
