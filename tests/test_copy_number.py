"""Copy-number gains through the installed CLI (clinical review 2026-12-01, findings A and B).

A: a <DUP> CN=9 over the ALK kinase domain after crizotinib was reported `unexplained`, ALK-mutation-negative,
with a P-gp note saying no ALK resistance mutation was found; amplification was never mentioned.
B: a MET <DUP> CN=3 (one extra copy) made the mechanism `off_target_candidate`, worded as MET amplification.
"""

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from helpers import ALKANNOT

from alkannot.copynumber import LOW_LEVEL_MAX_CN, alk_kinase_span, alk_level, level
from alkannot.report.json_report import schema

DATA = Path(__file__).parent / "data" / "copy_number"
TRANSFORMATION = "Transformation to small-cell lung cancer has been reported"


def _report(tmp: Path, *inputs: str) -> dict[str, dict]:
    out = tmp / "r"
    done = subprocess.run(
        [ALKANNOT, "report", *inputs, "--samples", str(DATA / "samples.tsv"), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    doc = json.loads((out.parent / "r.json").read_text())
    jsonschema.validate(doc, schema())
    return {s["sample"]: s for s in doc["samples"]}


@pytest.fixture(scope="module")
def gains(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cn")
    return _report(tmp, str(DATA / "gains_grch38.vcf")), tmp


def test_alk_gain_after_crizotinib_makes_on_target_possible(gains):
    """A copy number alone is a gain, not established amplification (no NGS cut-off in the sources read): it makes
    on-target resistance possible and leaves the P-gp question open; 'reported as a gain, not as amplification'
    beside 'which explains the progression' did not hold together (review of 2026-12-01's changes)."""
    s = gains[0]["AMP_T"]
    assert s["mechanism"] == "on_target_possible" and s["pgp_check"] == "recommended"
    assert not s["alk_mutation_negative"]
    (gain,) = s["alk_copy_number"]
    assert gain["label"] == "ALK copy-number gain (CN=9)" and gain["level"] == "gain"
    assert gain["record"] == "chr2:29100000-30000000 <DUP>"
    note = s["pgp"]["note"]
    assert "no ALK resistance mutation was found" not in note
    assert note.startswith(
        "Recommended: progressed most recently on crizotinib, and no ALK alteration is established as the cause; "
        "ALK copy-number gain (CN=9): ALK amplification confers resistance to crizotinib in the knowledge base (a "
        "copy-number gain, not established as amplification)"
    )
    assert "which explains the progression" not in note
    text = " ".join(s["notes"])
    # the knowledge base's sources: CGI's PMIDs (via CIViC items) and GAI13; no cut-off is claimed
    assert "22235099" in text and "22277784" in text and "GAI13" in text
    # the sources read give no NGS cut-off for ALK amplification, and what they say of ALK's copy number (GAI13);
    # SCHMITT21's "no clinically defined NGS cut-off" is said of MET amplification and is not cited for ALK (review
    # of stop 46, cn46), nor are MET's FISH cut-offs (MET's and ALK's were one sentence)
    (cn_note,) = [n for n in s["notes"] if n.startswith("ALK copy-number gain (CN=9) at")]
    assert cn_note.endswith(
        "The sources read give no copy-number cut-off for ALK amplification; they "
        "report ALK amplification in 3/29 crizotinib-resistant re-biopsies [GAI13, PMID 23729361] without a copy "
        "number. So the CN is not graded."
    )
    assert "MET" not in cn_note and "FANG18" not in cn_note and "SCHILD15" not in cn_note and "DJ20" not in cn_note
    assert "SCHMITT21" not in cn_note and "clinically defined" not in cn_note
    assert "no data for other inhibitors" in text
    crizotinib = s["inhibitors"]["crizotinib"]
    assert crizotinib["category"] == "resistant" and crizotinib["progressed_on"]  # the patient's progression


def test_dup_over_alk_is_not_a_fusion(gains):
    for sample in ("AMP_T", "LOW_T", "CER_T"):
        s = gains[0][sample]
        assert s["fusion"] == "positive" and len(s["fusion_calls"]) == 1
        assert s["fusion_calls"][0].startswith("EML4::ALK v1")


def _alk_note(cn: int) -> str:
    """The ALK copy-number note of a <DUP> over the kinase domain with this CN after crizotinib."""
    return (
        f"ALK copy-number gain (CN={cn}) at chr2:29100000-30000000 <DUP> covers the ALK kinase domain (on-target): "
        "ALK amplification confers resistance to crizotinib in the knowledge base [GAI13, PMID 23729361; "
        "EID440(PMID:22277784); EID766(PMID:22235099); EID767(PMID:23344087)]; no data for other inhibitors "
        "(ceritinib, alectinib, brigatinib, ensartinib, lorlatinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib "
        "and envonalkib). Not established as amplification. It makes on-target resistance "
        "possible, not established. The sources read give no copy-number cut-off for ALK amplification; they "
        "report ALK amplification in 3/29 crizotinib-resistant re-biopsies [GAI13, PMID "
        "23729361] without a copy number. So the CN is not graded."
    )


def test_low_alk_gain_is_only_possible_and_not_graded_by_met_cut_off(gains):
    """An ALK CN of 3 was labelled 'low-level' by MET's FISH cut-off (LOW_LEVEL_MAX_CN; FANG18, SCHILD15), which no
    source applies to ALK (stop 25 note, inherited): it is an ALK copy-number gain like any other CN-only gain."""
    s = gains[0]["LOW_T"]
    assert s["mechanism"] == "on_target_possible" and s["pgp_check"] == "recommended"
    assert not s["alk_mutation_negative"]
    (gain,) = s["alk_copy_number"]
    assert gain["label"] == "ALK copy-number gain (CN=3)" and gain["level"] == "gain"
    note = s["pgp"]["note"]
    assert "no ALK resistance mutation was found" not in note and "low-level" not in note
    assert (
        "ALK copy-number gain (CN=3): ALK amplification confers resistance to crizotinib in the knowledge base (a "
        "copy-number gain, not established as amplification)" in note
    )
    (cn_note,) = [n for n in s["notes"] if n.startswith("ALK copy-number gain")]
    assert cn_note == _alk_note(3)
    assert not any("low-level copy-number gain" in n for n in s["notes"])
    html = (gains[1] / "r.html").read_text()
    # no FISH advice for an ALK gain: no source read says how ALK amplification is confirmed (stop 47, met47)
    assert (
        "ALK copy-number gain (CN=3) at chr2:29100000-30000000 &lt;DUP&gt;: not established as amplification (see the "
        "notes)</li>"
    ) in html
    assert not any("FISH" in n for n in s["notes"] if "ALK copy" in n)


def test_alk_gain_of_6_reads_as_a_gain_of_3(tmp_path):
    """CN 6 is at MET's high-level FISH cut-off (SCHILD15); for ALK it changes nothing but the CN: the same note,
    the same level, the same mechanism (only the caller's <AMP> call is firm)."""
    vcf = tmp_path / "cn6.vcf"
    text = (DATA / "gains_grch38.vcf").read_text()
    assert "GT:CN\t0/1:9\t0/1:3" in text
    vcf.write_text(text.replace("GT:CN\t0/1:9\t0/1:3", "GT:CN\t0/1:6\t0/1:3"))
    s = _report(tmp_path, str(vcf))["AMP_T"]
    (gain,) = s["alk_copy_number"]
    assert gain["label"] == "ALK copy-number gain (CN=6)" and gain["level"] == "gain" and gain["cn"] == 6
    assert s["mechanism"] == "on_target_possible"
    (cn_note,) = [n for n in s["notes"] if n.startswith("ALK copy-number gain")]
    assert cn_note == _alk_note(6)
    html = (tmp_path / "r.html").read_text()
    assert "ALK copy-number gain (CN=6) at chr2:29100000-30000000 &lt;DUP&gt;: not established as amplification" in html


def test_alk_gain_after_ceritinib_has_no_data(gains):
    s = gains[0]["CER_T"]
    assert s["mechanism"] == "on_target_possible" and not s["alk_mutation_negative"]
    note = s["pgp"]["note"]
    assert "no ALK resistance mutation was found" not in note
    assert "the knowledge base has no ceritinib data for ALK amplification" in note
    assert any("no data for other inhibitors (ceritinib" in n for n in s["notes"])


def test_low_level_met_gain_is_not_an_off_target_candidate(gains):
    by, tmp = gains
    s = by["METLOW_T"]
    assert s["mechanism"] == "unexplained"
    (met,) = s["off_target"]
    assert met["kind"] == "copy_number_gain_unconfirmed"
    assert met["statement"].startswith("low-level copy-number gain (CN=3): not established as MET amplification")
    assert "confirm by FISH" in met["statement"] and "DJ20" in met["sources"]
    # MET's FISH criteria, cited; not ALK's re-biopsies (GAI13)
    # each cut-off sentence cites its own source, with its identifier (oncologist reading of stop 28)
    # both criteria of each source, the ratio to chromosome 7's centromere too (clinical review of stop 41, finding 6)
    assert (
        "by FISH, a MET/CEP7 ratio of 2 or more or a mean MET gene copy number of 5 or more is called amplification, "
        "and a mean of 4 to under 5 copies a copy-number gain [FANG18, PMID 29560123]; high-level amplification is a "
        "MET/centromere 7 ratio of 2.0 or more, a mean of 6.0 or more copies per nucleus, or 10% or more of tumour "
        "cells with 15 or more copies [SCHILD15, doi:10.1158/1078-0432.CCR-14-0450]" in met["statement"]
    )
    assert met["statement"].endswith("responded to ALK+MET combination therapy [DJ20]")
    assert "3/29" not in met["statement"] and met["sources"] == ["SCHMITT21", "FANG18", "SCHILD15", "DJ20"]
    html = (tmp / "r.html").read_text()
    assert "CN=3: MET amplification was found" not in html


def test_high_met_gain_stays_a_candidate(gains):
    s = gains[0]["METHIGH_T"]
    assert s["mechanism"] == "off_target_candidate"
    assert [o["kind"] for o in s["off_target"]] == ["copy_number_gain"]


def test_cnv_caller_gain_with_info_cn(tmp_path):
    """A CNV caller's <CNV> with CN in INFO: read for the sample whose genotype carries it; a lone CNV record
    does not make the fusion negative (CONTRACT.md version 2)."""
    s = _report(tmp_path, str(DATA / "cnvkit_info_cn_grch38.vcf"))["AMP_T"]
    assert s["fusion"] == "positive_external"
    assert [g["label"] for g in s["alk_copy_number"]] == ["ALK copy-number gain (CN=9)"]
    assert s["mechanism"] == "on_target_possible"


def test_levels():
    assert level(3, ("<DUP>",), "DUP") == "low_level" and level(LOW_LEVEL_MAX_CN, (), None) == "low_level"
    assert level(LOW_LEVEL_MAX_CN + 1, ("<DUP>",), "DUP") == "gain"
    # ALK is not graded by MET's cut-off: a CN-only gain is a gain; the caller's call and no CN keep their levels
    assert alk_level(level(3, ("<DUP>",), "DUP")) == "gain" and alk_level(level(6, ("<DUP>",), "DUP")) == "gain"
    assert alk_level("amplification_call") == "amplification_call" and alk_level("unquantified") == "unquantified"
    assert alk_level(None) is None and alk_level("loss") == "loss"
    assert level(None, ("<DUP>",), "DUP") == "unquantified"
    assert level(3, ("<AMP>",), None) == "amplification_call"
    assert level(2, ("<CNV>",), "CNV") is None and level(1, ("<CNV>",), "CNV") == "loss"
    assert level(None, ("<CNV>",), "CNV") is None
    # a gain record with a CN below 2 contradicts itself: neither a gain nor a loss (a <DUP> CN=0 over NF2 was read
    # as a deep deletion; review of the day's fixes, eighth reading, finding 4), as an <AMP> with CN 2 or less
    assert level(0, ("<DUP>",), "DUP") is None and level(1, ("<DUP>",), None) is None
    assert level(0, ("<AMP>",), "AMP") is None and level(0, ("<DEL>",), "DEL") == "deep_loss"
    chrom, lo, hi = alk_kinase_span("GRCh38")
    assert chrom == "2" and 29_192_774 < lo < hi < 29_921_586


# a merged multi-sample CNV VCF (bcftools merge of per-tumour CNV calls): every record has every sample's column,
# GT 0/0 and CN=2 for the tumours without the event (clinical review 2026-12, finding 1)
MERGED = DATA / "merged_cnv_grch38.vcf"


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("merged")
    out, report = tmp / "m.vcf", tmp / "m"
    done = subprocess.run(
        [ALKANNOT, "annotate", str(MERGED), "--samples", str(DATA / "merged_samples.tsv"), "--report", str(report)]
        + ["-o", str(out), "-q"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    doc = json.loads((tmp / "m.json").read_text())
    jsonschema.validate(doc, schema())
    return {s["sample"]: s for s in doc["samples"]}, tmp


@pytest.mark.parametrize("sample", ["DIPLOID_T", "NOCALL_T", "AMPCN2_T"])
def test_merged_amp_is_not_read_for_a_sample_without_it(merged, sample):
    """GT 0/0 with CN=2, ./. with no CN, and GT 0/1 with CN=2 on the <AMP> record: none of these tumours
    carries an ALK or MET gain; each was 'ALK amplification called by the caller (CN=2)' that 'explains the
    progression on crizotinib', with the P-gp check switched off, and a MET off-target candidate."""
    s = merged[0][sample]
    assert s["alk_copy_number"] == [] and s["off_target"] == []
    assert s["mechanism"] == "unexplained" and s["pgp_check"] == "recommended"
    assert s["alk_mutation_negative"]
    note = s["pgp"]["note"]
    assert note.startswith(
        "Recommended: progressed most recently on crizotinib, and no ALK resistance mutation was found."
    )
    assert "amplification" not in note and "CN=2" not in note and "explains the progression" not in note
    assert "Check P-gp (ABCB1) by IHC (a research use" in note
    assert not any("CN=2" in n or "amplification" in n for n in s["notes"])


def test_merged_amp_counts_for_the_sample_that_carries_it(merged):
    by, tmp = merged
    s = by["ALKAMP_T"]
    (gain,) = s["alk_copy_number"]
    assert gain["label"] == "ALK amplification called by the caller (CN=10)" and gain["cn"] == 10
    assert gain["record"] == "chr2:29190000-29240000 <AMP>" and gain["level"] == "amplification_call"
    assert s["mechanism"] == "on_target" and s["pgp_check"] == "not_indicated" and not s["alk_mutation_negative"]
    assert s["pgp"]["note"].startswith(
        "Not indicated: ALK amplification called by the caller (CN=10): ALK amplification confers resistance to "
        "crizotinib in the knowledge base"
    )
    assert s["off_target"] == []  # its MET records are 0/0:2
    # the caller's own call, on its own threshold: what the sources read give for ALK, not SCHMITT21's sentence on
    # MET amplification (review of stop 46, cn46)
    (cn_note,) = [n for n in s["notes"] if n.startswith("ALK amplification called by the caller (CN=10) at")]
    assert cn_note.endswith(
        "It is the caller's amplification call, on the caller's own threshold: the sources read give no "
        "copy-number cut-off for ALK amplification."
    )
    assert "SCHMITT21" not in json.dumps(s)
    # the HTML card says the same, without "no NGS cut-off is defined" (SCHMITT21's, of MET) nor FISH (stop 47), and
    # not two brackets in a row (stop 54)
    assert (
        "ALK amplification called by the caller (CN=10) at chr2:29190000-29240000 &lt;AMP&gt;: the caller's call on "
        "its own threshold; the sources read give no copy-number cut-off for ALK amplification (see the notes)"
    ) in (tmp / "m.html").read_text()
    # the VCF header names the gain beside AlkMutations=none (review 10, finding 10)
    header = [l for l in (tmp / "m.vcf").read_text().splitlines() if l.startswith("##alkannotSample=<ID=ALKAMP_T,")]
    assert header and ",AlkMutations=none," in header[0]
    # with its record and FILTER, read back by a report on this output (recorded_copy_number)
    assert (
        'AlkCopyNumber="ALK amplification called by the caller (CN=10) at chr2:29190000-29240000 <AMP> (FILTER=PASS)"'
        in header[0]
    )
    assert not [l for l in (tmp / "m.vcf").read_text().splitlines() if "ID=DIPLOID_T," in l and "AlkCopyNumber" in l]
    met = by["METAMP_T"]
    assert met["alk_copy_number"] == [] and met["mechanism"] == "off_target_candidate"
    assert [(o["gene"], o["kind"], o["record"]) for o in met["off_target"]] == [
        ("MET", "copy_number_gain", "chr7:116672000 <AMP> CN=10")
    ]
    assert by["METDUP_T"]["alk_copy_number"] == []
    assert [o["record"] for o in by["METDUP_T"]["off_target"]] == ["chr7:116672100 <DUP> CN=9"]
    tsv = {row.split("\t")[0]: row for row in (tmp / "m.tsv").read_text().splitlines()[1:]}
    assert "CN=2" not in tsv["DIPLOID_T"] and "amplification" not in tsv["DIPLOID_T"]


def test_merged_amp_through_the_library(merged):
    """The same verdicts through the library (cohort.build_cohort), as a program would read them."""
    from alkannot.cohort import build_cohort

    cohort = build_cohort([str(MERGED)], str(DATA / "merged_samples.tsv"))
    verdicts = {v.sample: v for v in cohort.verdicts}
    for sample in ("DIPLOID_T", "NOCALL_T", "AMPCN2_T"):
        v = verdicts[sample]
        assert v.alk_copy_number == () and v.off_target == () and v.pgp.check == "recommended"
    assert [g.label for g in verdicts["ALKAMP_T"].alk_copy_number] == ["ALK amplification called by the caller (CN=10)"]
    assert verdicts["ALKAMP_T"].pgp.check == "not_indicated"
    assert [(o.gene, o.description) for o in verdicts["METAMP_T"].off_target] == [("MET", "chr7:116672000 <AMP> CN=10")]


def _record(samples, alts=("<AMP>",), svtype="AMP", info=None):
    from alkannot.bypass import BypassRecord

    return BypassRecord("ALK", "target", "chr2", 29190000, "N", alts, svtype, "PASS", dict(info or {}), samples)


def test_sample_level_reads_the_sample_own_columns():
    from alkannot.copynumber import sample_level

    two = {"T1": {"GT": (0, 0), "CN": 2}, "T2": {"GT": (0, 1), "CN": 10}}
    assert sample_level(_record(two), "T1") == (None, 2)
    assert sample_level(_record(two), "T2") == ("amplification_call", 10)
    assert sample_level(_record(two), "T3") == (None, None)  # not a column of this record
    # GT 0/0 is not the sample's event, whatever its CN or the record's INFO CN say
    assert sample_level(_record({"T1": {"GT": (0, 0), "CN": 9}, "T2": {"GT": (0, 1)}}), "T1")[0] is None
    # no called GT: the sample's own CN decides (above 2 a gain, 2 nothing)
    no_gt = {"T1": {"GT": (None, None), "CN": 3}, "T2": {"GT": (None, None), "CN": 2}}
    assert sample_level(_record(no_gt, ("<DUP>",), "DUP"), "T1") == ("low_level", 3)
    assert sample_level(_record(no_gt, ("<DUP>",), "DUP"), "T2") == (None, 2)
    # ./. and no CN of its own in a merged file: the record's INFO CN is not this sample's
    merged = {"T1": {"GT": (None, None), "CN": None}, "T2": {"GT": (0, 1), "CN": 9}}
    assert sample_level(_record(merged, ("<DUP>",), "DUP", {"CN": 9}), "T1") == (None, 9)
    # one sample column, or sites-only: the record is the sample's, as before
    assert sample_level(_record({"T1": {}}, ("<DUP>",), "DUP", {"CN": 9}), "T1") == ("gain", 9)
    assert sample_level(_record({}, ("<DUP>",), "DUP", {"CN": 9}), "T1") == ("gain", 9)
    assert sample_level(_record({}, info={"CN": 2}), "T1") == (None, 2)
    assert sample_level(_record({}), "T1") == ("amplification_call", None)


def test_a_copy_number_of_two_or_less_is_never_amplification():
    assert level(2, ("<AMP>",), "AMP") is None and level(2, (), "AMP") is None
    assert level(1, ("<AMP>",), "AMP") is None  # a contradictory record: neither amplification nor a loss
    assert level(1, ("<DEL>",), "DEL") == "loss" and level(3, ("<AMP>",), "AMP") == "amplification_call"


FISH_CAVEAT = (
    "MET copy-number gain (CN=9) from NGS: confirm amplification by FISH; no clinically defined NGS "
    "copy-number cut-off for MET amplification existed as of 2021, FISH remaining the reference test [SCHMITT21, "
    "PMID 34733418]."
)


def test_met_gain_not_called_amplification_says_confirm_by_fish(merged):
    """A MET <DUP> CN=9 stays an off-target candidate, but is not proven amplification: no NGS cut-off is
    defined (SCHMITT21), FISH defines it (FANG18, SCHILD15). It was shown beside DJ20's sentence about MET
    amplification with no caveat (clinical review 2026-12, finding 14)."""
    by, tmp = merged
    s = by["METDUP_T"]
    assert s["mechanism"] == "off_target_candidate" and s["pgp_check"] == "low_yield"
    (met,) = s["off_target"]
    assert met["kind"] == "copy_number_gain" and met["record"] == "chr7:116672100 <DUP> CN=9"
    assert met["statement"].startswith(
        "copy-number gain (CN=9) from NGS: confirm MET amplification by FISH (no clinically defined NGS "
        "copy-number cut-off for MET amplification existed as of 2021, FISH remaining the reference test [SCHMITT21, "
        "PMID 34733418]; by FISH, a MET/CEP7 ratio of 2 or more or a "
        "mean MET gene copy number of 5 or more is called amplification"
    )
    fish = "15 or more copies [SCHILD15, doi:10.1158/1078-0432.CCR-14-0450]; the sources read report MET amplification"
    assert fish in met["statement"]
    assert "What the sources say: MET amplification was found in 15% of biopsies" in met["statement"]
    # ALK's re-biopsies (GAI13) are not said of a MET gain, nor cited
    assert "3/29" not in met["statement"] and "ALK amplification" not in met["statement"]
    assert met["sources"] == ["SCHMITT21", "FANG18", "SCHILD15", "DJ20"]
    # the gain named once, with its caveat (oncologist review 2026-12-01, finding 6)
    assert "Look first at the off-target candidates: " + FISH_CAVEAT in s["pgp"]["note"]
    assert "(MET copy-number gain)" not in s["pgp"]["note"]
    html = (tmp / "m.html").read_text()
    assert "CN=9: MET amplification was found" not in html
    assert "CN=9: copy-number gain (CN=9) from NGS: confirm MET amplification by FISH" in html


def test_met_amplification_called_by_the_caller_has_no_fish_caveat(merged):
    """The caller's own <AMP> call is its amplification call: the sourced statement as it stands."""
    s = merged[0]["METAMP_T"]
    (met,) = s["off_target"]
    assert met["statement"].startswith("MET amplification was found in 15% of biopsies") and met["sources"] == ["DJ20"]
    assert "confirm amplification by FISH" not in s["pgp"]["note"]
    # then the histology prompt, beside a candidate too (clinical review of stop 42, finding 5)
    assert f"Look first at the off-target candidates (MET copy-number gain). {TRANSFORMATION}" in s["pgp"]["note"]


def test_met_gain_caveat_through_the_library():
    from alkannot.cohort import build_cohort

    cohort = build_cohort([str(MERGED)], str(DATA / "merged_samples.tsv"))
    (met,) = {v.sample: v for v in cohort.verdicts}["METDUP_T"].off_target
    assert met.candidate and met.caveat == FISH_CAVEAT[len("MET ") : -1]
    (amp,) = {v.sample: v for v in cohort.verdicts}["METAMP_T"].off_target
    assert amp.candidate and amp.caveat == ""


MET_FISH = ("MET gene copy number", "FANG18", "SCHILD15", "3/29", "GAI13", "DJ20")


def test_other_bypass_gene_gains_get_the_ngs_clause_only(tmp_path):
    """An EGFR, KIT or ERBB2 gain is read with "the sources read give no copy-number cut-off for EGFR
    amplification" alone, citing nothing ("NGS" dropped and not graded by MET's FISH cut-off since stop 47): MET's
    FISH cut-offs (FANG18, SCHILD15), MET's DJ20 and ALK's 3/29 (GAI13) were one sentence with the NGS clause, and an
    EGFR caveat said "by FISH, a mean MET gene copy number of 5 or more"; then SCHMITT21's "no clinically defined NGS
    copy-number cut-off for amplification existed as of 2021", which its abstract says of MET amplification, was
    cited for any gene (review of stop 46, cn46). With no cut-off, such a CN-only gain is listed at any CN, never a
    candidate on its own (met47b), and has no P-gp-note caveat; the caller's amplification call would make a verified
    gene's one (not ERBB2's: unverified, never a candidate)."""
    from alkannot.cohort import build_cohort

    head = "##fileformat=VCFv4.2\n" + "".join(
        f"##contig=<ID={c},length={n}>\n"
        for c, n in (("chr2", 242193529), ("chr4", 190214555), ("chr7", 159345973), ("chr17", 83257441))
    )
    head += (
        '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="t">\n##INFO=<ID=END,Number=1,Type=Integer,Description="e">\n'
        '##ALT=<ID=DUP,Description="d">\n##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n'
        '##FORMAT=<ID=CN,Number=1,Type=Integer,Description="c">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tEGFR_T\tKIT_T\tERBB2_T\n"
    )
    rows = [
        "chr7\t55100000\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=55200000\tGT:CN\t0/1:9\t0/0:2\t0/0:2",
        "chr4\t54660000\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=54700000\tGT:CN\t0/0:2\t0/1:3\t0/0:2",
        "chr17\t39690000\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=39720000\tGT:CN\t0/0:2\t0/0:2\t0/1:9",
    ]
    vcf = tmp_path / "bypass_gains.vcf"
    vcf.write_text(head + "\n".join(rows) + "\n")
    by = {v.sample: v for v in build_cohort([str(vcf)], None).verdicts}
    (egfr,) = by["EGFR_T"].off_target
    assert (egfr.gene, egfr.kind, egfr.candidate) == ("EGFR", "copy_number_gain_unconfirmed", False)
    assert egfr.statement.startswith(
        "copy-number gain (CN=9): not established as EGFR amplification (the sources read give no copy-number cut-off "
        "for EGFR amplification); not an off-target candidate on its own (a caller's amplification call, <AMP>, would "
        "make it one). What the sources say: EGFR activation is listed"
    )
    # EGFR's own statement cites its own sources, not SCHMITT21 (oncologist reading of stop 28)
    assert egfr.statement.endswith("both concern crizotinib only [KARGER; DOE12, PMID 22235099; GAI13, PMID 23729361]")
    assert egfr.caveat == "" and egfr.caveat_sources == ()  # listed: no P-gp-note caveat
    # DOE12 (one EGFR-mutant case) and GAI13 (no EGFR mutations) for EGFR's own statement (stop 50)
    assert egfr.sources == ("KARGER", "DOE12", "GAI13")
    assert by["EGFR_T"].mechanism != "off_target_candidate"
    (kit,) = by["KIT_T"].off_target
    # not graded by MET's FISH cut-off (stop 47), and listed at any CN (met47b)
    assert (
        kit.kind == "copy_number_gain_unconfirmed"
        and not kit.candidate
        and kit.statement.startswith(
            "copy-number gain (CN=3): not established as KIT amplification (the sources read give no copy-number "
            "cut-off for KIT amplification); not an off-target candidate on its own (a caller's amplification call, "
            "<AMP>, would make it one). What the sources say: KIT amplification"
        )
    )
    assert kit.sources == ("KARGER",)
    (erbb2,) = by["ERBB2_T"].off_target
    assert erbb2.statement.startswith(
        "copy-number gain (CN=9): not established as ERBB2 amplification (the sources read give no copy-number "
        "cut-off for ERBB2 amplification); not an off-target candidate. What the sources say:"
    )
    assert erbb2.sources == () and not erbb2.verified and not erbb2.candidate
    for o in (egfr, kit, erbb2):
        # the caveat (before EGFR's own statement, which cites its own GAI13 since stop 28's oncologist reading)
        caveat = o.statement.split("What the sources say:")[0]
        assert not any(word in caveat or word in o.caveat for word in MET_FISH), o.statement
        # SCHMITT21 is MET's (its abstract: "no clinically defined cut-off values for NGS" for MET amplification)
        assert "SCHMITT21" not in o.statement + o.caveat and "SCHMITT21" not in o.sources
        assert "FANG18" not in o.sources and "SCHILD15" not in o.sources and "DJ20" not in o.sources


def test_copy_number_statements_cite_only_their_own_sources():
    """Each sentence of the split row keeps only its own sources; a MET cut-off is looked up for MET alone, and so
    is SCHMITT21's NGS sentence, which its abstract says of MET amplification (review of stop 46, cn46)."""
    from alkannot.sourced_text import copy_number_keys, no_cutoff_key, statement_sources, statement_text

    assert statement_sources("copy_number_no_cutoff_MET") == ("SCHMITT21",)
    assert statement_sources("copy_number_no_cutoff_unsourced") == ()
    assert statement_sources("copy_number_MET") == ("FANG18", "SCHILD15", "DJ20")
    assert statement_sources("copy_number_ALK") == ("GAI13",)
    assert no_cutoff_key("MET") == "copy_number_no_cutoff_MET"
    assert no_cutoff_key("ALK") == no_cutoff_key("EGFR") == "copy_number_no_cutoff_unsourced"
    assert copy_number_keys("MET") == ("copy_number_no_cutoff_MET", "copy_number_MET")
    assert copy_number_keys("ALK") == ("copy_number_no_cutoff_unsourced", "copy_number_ALK")
    assert copy_number_keys("EGFR") == copy_number_keys("KIT") == ("copy_number_no_cutoff_unsourced",)
    for key in ("copy_number_no_cutoff_MET", "copy_number_MET", "copy_number_ALK"):  # every source cited in the text
        text = statement_text(key)
        assert all(f"[{s}]" in text for s in statement_sources(key)), key  # one bracket style (example report, 4)
    assert "MET" not in statement_text("copy_number_ALK") and "ALK" not in statement_text("copy_number_MET")
    assert "MET amplification" in statement_text("copy_number_no_cutoff_MET")  # the source's gene, named
    assert statement_text("copy_number_no_cutoff_unsourced", gene="KIT") == (
        "the sources read give no copy-number cut-off for KIT amplification"
    )
    with pytest.raises(ValueError, match="names a gene"):  # never printed with '{gene}' in it
        statement_text("copy_number_no_cutoff_unsourced")


def test_a_copy_number_callers_dup_over_alk_is_not_read_as_a_fusion(tmp_path):
    """A CNV caller's <DUP> over ALK (a record with a CN value) has depth-segment ends, not junctions: it gave
    'UNKNOWN::ALK [possible; ... ALK:intron12]' though README says such a record is never a fusion (review of
    2026-12-01's changes). The same <DUP> without CN (an SV caller's tandem duplication) is still read as the
    junction it reports."""
    from alkannot.cohort import build_cohort

    head = (
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="t">\n##INFO=<ID=END,Number=1,Type=Integer,Description="e">\n'
        '##ALT=<ID=DUP,Description="d">\n##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n'
        '##FORMAT=<ID=CN,Number=1,Type=Integer,Description="c">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\n"
    )
    record = "chr2\t29190000\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=29240000\t"
    cnv = tmp_path / "cnv.vcf"
    cnv.write_text(head + record + "GT:CN\t0/1:10\n")
    (v,) = build_cohort([str(cnv)], None).verdicts
    assert v.fusion_calls == () and [g.cn for g in v.alk_copy_number] == [10]
    sv = tmp_path / "sv.vcf"
    sv.write_text(head + record + "GT\t0/1\n")
    (v,) = build_cohort([str(sv)], None).verdicts
    assert len(v.fusion_calls) == 1 and "possible" in v.fusion_calls[0]


def test_the_outputs_write_copy_number_gain_hyphenated_throughout(tmp_path):
    """The P-gp note named 'MET copy number gain' beside 'MET copy-number gain (CN=9)' (review 18): one spelling,
    in every report file of the example run."""
    root = Path(__file__).parent.parent
    examples = root / "example_vcfs" / "GRCh38"
    prefix = tmp_path / "rep"
    done = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(examples / "tumor_normal.vcf"), "--sv", str(examples / "sv.vcf")]
        + ["--fusions", f"P5_T={examples / 'fusions.tsv'}", "--samples", str(root / "example_vcfs" / "samples.tsv")]
        + ["--report", str(prefix), "-o", f"{prefix}.vcf"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(Path(f"{prefix}.json").read_text())
    p5 = next(s for s in report["samples"] if s["sample"] == "P5_T")
    assert "Look first at the off-target candidates: MET copy-number gain (CN=9) from NGS" in p5["pgp"]["note"]
    for suffix in (".tsv", ".json", ".html", ".vcf"):
        text = Path(f"{prefix}{suffix}").read_text()
        assert "copy number gain" not in text and "copy number loss" not in text, suffix


def _one_tumour_cnv_file(path: Path, met_cn: int, alk_cn: int) -> Path:
    """A per-patient CNV caller's file (one `TUMOR` column) with a MET and an ALK segment at fixed coordinates, as a
    panel's bins give every patient the same ones; GRCh38, the example SV file's header."""
    example = Path(__file__).parents[1] / "example_vcfs" / "GRCh38" / "sv.vcf"
    header = [line for line in example.read_text().splitlines(keepends=True) if line.startswith("##")]
    path.write_text(
        "".join(header)
        + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n"
        + f"chr2\t29190000\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=29240000;SVLEN=50000\tGT:CN\t0/1:{alk_cn}\n"
        + f"chr7\t116522196\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=116978377;SVLEN=456181\tGT:CN\t0/1:{met_cn}\n"
    )
    return path


def test_per_patient_cnv_files_with_the_same_segments_keep_each_patients_gain(tmp_path):
    """`--sv P5_T=a.vcf --sv P4_T=b.vcf`, each patient's MET and ALK segments at the same coordinates: the second
    file's records were dropped as the first's (the same change listed once, compared by position only), so P4_T's
    MET amplification and ALK gain were not read (pipeline review of stop 43 by h2, finding 3)."""
    example = Path(__file__).parents[1] / "example_vcfs"
    p5 = _one_tumour_cnv_file(tmp_path / "p5.vcf", met_cn=9, alk_cn=2)
    p4 = _one_tumour_cnv_file(tmp_path / "p4.vcf", met_cn=10, alk_cn=10)
    args = [str(example / "GRCh38" / "tumor_normal.vcf"), "--sv", f"P5_T={p5}", "--sv", f"P4_T={p4}"]
    args += [
        "--samples",
        str(example / "samples.tsv"),
        "-o",
        str(tmp_path / "out.vcf"),
        "--report",
        str(tmp_path / "r"),
    ]
    done = subprocess.run([ALKANNOT, "annotate", *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    samples = {s["sample"]: s for s in json.loads((tmp_path / "r.json").read_text())["samples"]}
    assert samples["P4_T"]["mechanism"] == "off_target_candidate"
    assert "CN=10" in json.dumps(samples["P4_T"]["off_target"])
    assert "CN=9" not in json.dumps(samples["P4_T"]["off_target"])
    assert "CN=9" in json.dumps(samples["P5_T"]["off_target"])
    header = (tmp_path / "out.vcf").read_text()
    p4_line = next(line for line in header.splitlines() if line.startswith("##alkannotSample=<ID=P4_T,"))
    assert "AlkCopyNumber=" in p4_line and "CN=10" in p4_line
    p5_line = next(line for line in header.splitlines() if line.startswith("##alkannotSample=<ID=P5_T,"))
    assert "AlkCopyNumber=" not in p5_line
