"""The off-target findings annotate lists and does not count, read from an --sv file the annotated output does not
hold, are recorded (##alkannotSample OffTargetListed=) and listed again by `report` on the output (or a
re-annotation of it) without that file: a MET <DUP> without CN (copy-number gain not established as amplification),
a TP53 deletion (a co-alteration), an ABCB1 gain. Until then `report` on the output lost them: P5_T's off_target was
empty where annotate listed the MET gain, and the TSV, HTML and notes did not name it (recorded_listed.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from helpers import EXAMPLES, run

from alkannot.bypass import BypassRecord
from alkannot.kbfiles import load_knowledge_base
from alkannot.offtarget import record_finding
from alkannot.recorded_listed import recorded_listed, recorded_listed_value

SHEET = EXAMPLES / "samples.tsv"
DATA = Path(__file__).parent / "data" / "recorded_offtarget"
MARK = " (recorded in this VCF's header when it was annotated; its evidence is not in this file)"
MET_LINE = "chr7\t116522196\t"
LISTED = 'OffTargetListed="MET:copy_number_gain_unconfirmed:chr7:116522196 <DUP>"'
NOTE = (
    "Off-target finding listed, not counted as an off-target candidate, by the annotate run and recorded in this "
    "VCF's header, written when it was annotated: MET copy number gain unconfirmed (chr7:116522196 <DUP>)"
)


def _ok(*args) -> str:
    done = run(*args, text=True)
    assert done.returncode == 0, done.stderr
    return done.stderr


def _sv_without_cn(path: Path) -> Path:
    """The example SV VCF with P5_T's MET <DUP> written without CN (GT only): a gain not established as
    amplification, listed and not counted."""
    lines = (EXAMPLES / "GRCh38" / "sv.vcf").read_text().splitlines()
    (met,) = [i for i, line in enumerate(lines) if line.startswith(MET_LINE)]
    fields = lines[met].split("\t")
    lines[met] = "\t".join([*fields[:8], "GT", *(f.split(":")[0] for f in fields[9:])])
    path.write_text("\n".join(lines) + "\n")
    return path


def _samples(prefix: Path) -> dict[str, dict]:
    return {s["sample"]: s for s in json.loads(prefix.with_suffix(".json").read_text())["samples"]}


def _tsv(prefix: Path) -> dict[str, dict[str, str]]:
    with open(prefix.with_suffix(".tsv"), newline="") as handle:
        return {row["sample"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _line(vcf: Path, sample: str) -> str:
    (line,) = [x for x in vcf.read_text().splitlines() if x.startswith(f"##alkannotSample=<ID={sample},")]
    return line


def _unmarked(off_target: list[dict]) -> list[dict]:
    return [dict(o, statement=o["statement"].removesuffix(MARK)) for o in off_target]


@pytest.fixture
def annotated(tmp_path) -> tuple[Path, Path, Path]:
    """(SV VCF, annotated output, annotate's report prefix) of the reproduction."""
    sv, out = _sv_without_cn(tmp_path / "sv_nocn.vcf"), tmp_path / "nocn.vcf"
    _ok("-q", "annotate", EXAMPLES / "GRCh38" / "tumor_normal.vcf", "--sv", sv, "--samples", SHEET,
        "--min-vaf", "0.05", "-o", out, "--report", tmp_path / "a")  # fmt: skip
    return sv, out, tmp_path / "a"


def test_report_on_the_output_lists_the_met_gain_annotate_listed(tmp_path, annotated):
    _, out, first = annotated
    assert LISTED in _line(out, "P5_T") and "OffTarget=" not in _line(out, "P5_T")
    _ok("-q", "report", out, "--samples", SHEET, "--min-vaf", "0.05", "--out", tmp_path / "r")
    before, again = _samples(first)["P5_T"], _samples(tmp_path / "r")["P5_T"]
    assert [o["kind"] for o in before["off_target"]] == ["copy_number_gain_unconfirmed"]
    assert before["off_target"][0]["statement"].startswith("copy-number gain (CN not given): not established as MET")
    # the same entry, the statement marked as recorded
    assert all(o["statement"].endswith(MARK) for o in again["off_target"])
    assert _unmarked(again["off_target"]) == before["off_target"]
    for key in ("mechanism", "pgp_check", "pgp", "inhibitors", "off_target_genes"):
        assert again[key] == before[key], key
    assert [n for n in again["notes"] if n.startswith(NOTE)] and set(again["notes"]) - set(before["notes"])
    row = _tsv(tmp_path / "r")["P5_T"]
    assert (
        row["off_target"]
        == _tsv(first)["P5_T"]["off_target"]
        == "MET copy_number_gain_unconfirmed chr7:116522196 <DUP>"
    )
    assert NOTE in row["notes"]
    html = (tmp_path / "r.html").read_text()
    assert "chr7:116522196 &lt;DUP&gt;" in html or "chr7:116522196 <DUP>" in html
    assert "listed, not a candidate" in html


def test_an_output_older_than_the_key_is_reported_as_before(tmp_path, annotated):
    """An output written before OffTargetListed= (the line without it): reported, the finding not listed, as before."""
    _, out, first = annotated
    old = tmp_path / "old.vcf"
    # an output that old had no ##alkannotFields line either (it names the keys; stop 46)
    lines = out.read_text().splitlines(keepends=True)
    old.write_text(
        "".join(line for line in lines if not line.startswith("##alkannotFields=")).replace(f",{LISTED}", "")
    )
    assert "OffTargetListed" not in old.read_text()
    _ok("-q", "report", old, "--samples", SHEET, "--min-vaf", "0.05", "--out", tmp_path / "r")
    before, again = _samples(first)["P5_T"], _samples(tmp_path / "r")["P5_T"]
    assert again["off_target"] == [] and not any(n.startswith(NOTE) for n in again["notes"])
    assert again["mechanism"] == before["mechanism"] and again["pgp_check"] == before["pgp_check"]


def test_an_egfr_low_level_gain_recorded_before_stop_47_stays_listed(tmp_path, annotated):
    """An output annotated before stop 47 recorded an EGFR CN=4 gain from an --sv file as listed
    (`copy_number_gain_unconfirmed`, graded by MET's FISH cut-off); an EGFR CN-only gain is listed at any CN now
    (met47b; met47's first change made it a candidate, and the record no longer made that finding again): it is listed
    with what this run says of that record, marked as recorded, never a candidate, and the verdict is not changed by
    it."""
    _, out, first = annotated
    old = tmp_path / "old47.vcf"
    recorded = 'OffTargetListed="EGFR:copy_number_gain_unconfirmed:chr7:55000000 <DUP> CN=4"'
    old.write_text(out.read_text().replace(LISTED, recorded))
    _ok("-q", "report", old, "--samples", SHEET, "--min-vaf", "0.05", "--out", tmp_path / "r")
    before, again = _samples(first)["P5_T"], _samples(tmp_path / "r")["P5_T"]
    (egfr,) = again["off_target"]
    assert (egfr["gene"], egfr["kind"], egfr["record"], egfr["candidate"]) == (
        "EGFR",
        "copy_number_gain_unconfirmed",
        "chr7:55000000 <DUP> CN=4",
        False,
    )
    assert egfr["statement"] == (
        "copy-number gain (CN=4): not established as EGFR amplification (the sources read give no copy-number cut-off "
        "for EGFR amplification); not an off-target candidate on its own (a caller's amplification call, <AMP>, would "
        "make it one). What the sources say: EGFR activation is listed as a bypass track; in one series of 11 "
        "evaluable patients biopsied at progression on crizotinib, one showed outgrowth of an EGFR-mutant tumour "
        "without evidence of a persisting ALK rearrangement (a separate driver; a single case), while another series "
        "found no EGFR mutations in 25 crizotinib-resistant ALK+ tumours: the sources read differ on how often this "
        "occurs, and both concern crizotinib only [KARGER; DOE12, PMID 22235099; GAI13, PMID 23729361]" + MARK
    )
    assert again["mechanism"] == before["mechanism"] and again["pgp_check"] == before["pgp_check"]
    assert _tsv(tmp_path / "r")["P5_T"]["off_target_candidates"] == ""


def test_given_the_sv_file_again_the_finding_is_listed_once(tmp_path, annotated):
    """`report` with the --sv file too, and a re-annotation with it: its evidence decides, the recorded finding is not
    listed beside it; a re-annotation without it records the finding again."""
    sv, out, first = annotated
    before = _samples(first)["P5_T"]["off_target"]
    _ok("-q", "report", out, "--sv", sv, "--samples", SHEET, "--min-vaf", "0.05", "--out", tmp_path / "r")
    assert _samples(tmp_path / "r")["P5_T"]["off_target"] == before
    again = tmp_path / "again.vcf"
    _ok("-q", "annotate", out, "--sv", sv, "--samples", SHEET, "--min-vaf", "0.05", "-o", again,
        "--report", tmp_path / "again")  # fmt: skip
    assert _samples(tmp_path / "again")["P5_T"]["off_target"] == before
    assert _line(again, "P5_T").count("OffTargetListed=") == 1 and LISTED in _line(again, "P5_T")
    third = tmp_path / "third.vcf"
    _ok("-q", "annotate", again, "-o", third, "--report", tmp_path / "third")  # no --sv, no sheet
    assert _unmarked(_samples(tmp_path / "third")["P5_T"]["off_target"]) == before
    assert _line(third, "P5_T") == _line(again, "P5_T")


def _sv_for_p4(path: Path) -> Path:
    """The example SV VCF with, for P4_T (ALK-positive, unexplained after ceritinib), an ABCB1 <DUP> CN=9, a MET
    <DUP> without CN and a TP53 deletion CN=0: each listed, none counted."""
    lines = []
    for line in (EXAMPLES / "GRCh38" / "sv.vcf").read_text().splitlines():
        if line.startswith(MET_LINE):
            lines.append("chr7\t87600000\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=87650000\tGT:CN\t"
                         "0/0:2\t0/0:2\t0/0:2\t0/1:9\t0/0:2\t0/0:2")  # fmt: skip
            lines.append(line)
            lines.append(
                "chr7\t116700000\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=116750000\tGT\t0/0\t0/0\t0/0\t0/1\t0/0\t0/0"
            )
            continue
        lines.append(line)
        if line.startswith("##contig=<ID=chr7,"):
            lines.append("##contig=<ID=chr17,length=83257441>")
    lines.append(
        "chr17\t7670000\t.\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=7680000\tGT:CN\t0/0:2\t0/0:2\t0/0:2\t1/1:0\t0/0:2\t0/0:2"
    )
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_p_gp_note_on_listed_findings_is_the_one_annotate_gave(tmp_path):
    """P4_T's P-gp note names the listed MET gain, the TP53 deletion (a co-alteration) and the ABCB1 record; `report`
    on the output without the --sv file gives the same note, calls and entries (marked as recorded)."""
    sv, out = _sv_for_p4(tmp_path / "sv.vcf"), tmp_path / "out.vcf"
    _ok("-q", "annotate", EXAMPLES / "GRCh38" / "tumor_normal.vcf", "--sv", sv, "--samples", SHEET,
        "--min-vaf", "0.05", "-o", out, "--report", tmp_path / "a")  # fmt: skip
    _ok("-q", "report", out, "--samples", SHEET, "--min-vaf", "0.05", "--out", tmp_path / "r")
    before, again = _samples(tmp_path / "a")["P4_T"], _samples(tmp_path / "r")["P4_T"]
    assert [(o["gene"], o["kind"], o["candidate"]) for o in before["off_target"]] == [
        ("ABCB1", "copy_number_gain", False),
        ("MET", "copy_number_gain_unconfirmed", False),
        ("TP53", "copy_number_loss_unconfirmed", False),
    ]
    for said in ("A low-level or unquantified copy-number gain is listed (MET chr7:116700000 <DUP>)",
                 "A co-alteration, not a bypass gene, is listed (TP53", "An ABCB1 record is listed"):  # fmt: skip
        assert said in before["pgp"]["note"]
    assert _unmarked(again["off_target"]) == before["off_target"]
    for key in ("mechanism", "pgp_check", "pgp", "inhibitors", "off_target_genes", "pgp_triage"):
        assert again[key] == before[key], key


def test_a_finding_of_the_input_vcf_itself_is_not_recorded(tmp_path):
    """TP53 p.R175H of the input VCF (a co-alteration, listed) is in the output: read again from it, not recorded."""
    out = tmp_path / "out.vcf"
    _ok("-q", "annotate", DATA / "met_tp53.vcf", "--sv", DATA / "met_alec.sv.vcf", "--samples",
        DATA / "samples_ceritinib.tsv", "-o", out, "--report", tmp_path / "a")  # fmt: skip
    assert "OffTargetListed" not in _line(out, "M1_T")
    _ok("-q", "report", out, "--samples", DATA / "samples_ceritinib.tsv", "--out", tmp_path / "r")
    before, again = _samples(tmp_path / "a")["M1_T"], _samples(tmp_path / "r")["M1_T"]
    tp53 = [o for o in again["off_target"] if o["gene"] == "TP53"]
    assert len(tp53) == 1 and tp53 == [o for o in before["off_target"] if o["gene"] == "TP53"]


def _sv_record(gene: str, alts, ref="N", svtype=None, cn=None, consequences=()) -> BypassRecord:
    info = {} if cn is None else {"CN": cn}
    afs, proteins = tuple(None for _ in consequences), tuple("" for _ in consequences)
    return BypassRecord(gene, "", "chr7", 1000, ref, tuple(alts), svtype, "PASS", info, {}, consequences, afs, proteins,
                        from_sv_file=True)  # fmt: skip


MISSENSE, SPLICE_REGION = (("missense_variant (VEP)",),), (("splice_region_variant (VEP)",),)


@pytest.mark.parametrize(
    "rec",
    [
        _sv_record("MET", ["<DUP>"], cn=3),
        _sv_record("MET", ["<DUP>"]),
        _sv_record("NRAS", ["<DUP>"], cn=9),  # no source retrieved for NRAS: listed, not counted
        _sv_record("NRAS", ["<AMP>"], cn=9),
        _sv_record("ABCB1", ["<DUP>"], cn=9),
        _sv_record("ABCB1", ["<DEL>"], cn=0),
        _sv_record("EGFR", ["<DEL>"], cn=0),
        _sv_record("EGFR", ["<DEL>"]),
        _sv_record("NF2", ["<DEL>"], cn=1),
        _sv_record("NF2", ["<DEL>"]),
        _sv_record("EGFR", ["<CNV>"], svtype="DEL"),
        _sv_record("BRAF", ["A"], ref="ACGT", svtype="DEL"),
        _sv_record("TP53", ["<DUP>"], cn=3),
        _sv_record("TP53", ["N[chr2:100["]),
        _sv_record("NRAS", ["N[chr2:100["]),
        _sv_record("KRAS", ["ACGTACGT"], ref="A"),
        _sv_record("NF2", ["ACGT"], ref="A"),
        _sv_record("ABCB1", ["T"], ref="A"),
        _sv_record("TP53", ["T"], ref="A", consequences=MISSENSE),
        _sv_record("NRAS", ["T"], ref="A", consequences=MISSENSE),
        _sv_record("EGFR", ["T"], ref="A", consequences=SPLICE_REGION),
    ],
)
def test_each_kind_of_listed_finding_is_read_back_as_annotate_made_it(rec):
    kb = load_knowledge_base(None)
    found = record_finding(kb, rec, None)
    assert found is not None and not found.candidate
    (again,) = recorded_listed(kb, recorded_listed_value([found]))
    assert again.statement == found.statement + MARK
    for key in ("gene", "kind", "description", "sources", "verified", "role", "caveat", "caveat_sources",
                "unclear_terms", "records", "candidate"):  # fmt: skip
        assert getattr(again, key) == getattr(found, key), key
    assert again.recorded == "listed"


def test_a_recorded_finding_no_record_makes_again_is_listed_without_sources():
    """A gene's grouped changes of unknown consequence: listed with their count, nothing sourced said, never counted."""
    (again,) = recorded_listed(
        load_knowledge_base(None), "EGFR:mutation_unassessed:5 separate records between chr7:1 and chr7:9"
    )
    assert (again.records, again.sources, again.candidate) == (5, (), False)
    assert again.statement.startswith("listed and not counted as an off-target candidate when this VCF was annotated")
