"""Clinical reading of stop 41, finding 8: a per-inhibitor call that only case reports decide was printed like any
other call. C1156Y+L1198F and crizotinib is `sensitive` on one CIViC item, EID844 (PMID 26698910, Shaw et al. NEJM
2016: one patient, resistant to crizotinib with C1156Y, who responded to crizotinib again after acquiring L1198F on
lorlatinib). The call is now marked '(one case report)' (one publication) or '(case reports only)' (several),
wherever a call's qualifier shows: ALK_CALL_QUALIFIERS (`case_report_only`), ##alkannotSample Calls=, the report's
JSON (`case_report_only`, `one_case_report`, schema 2.18), TSV and HTML, and `alkannot lookup` (text and --json).

Real files through the installed CLI: tests/data/resensitisation/resens_grch38.vcf (R1: C1156Y+L1198F in cis after
crizotinib;ceritinib;lorlatinib, the crizotinib genotype call shown), the `kb export` site VCF (F1245C, G1123S),
tests/data/recorded_offtarget/met_crizotinib_old_output.vcf (an output of an alkannot before this change).
"""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from helpers import run

from alkannot.alterations import parse_alteration
from alkannot.evidence import Statement
from alkannot.kbfiles import load_knowledge_base
from alkannot.readings import case_report_label
from alkannot.report.json_report import schema

DATA = Path(__file__).resolve().parent / "data"
RESENS, RESENS_SHEET = DATA / "resensitisation" / "resens_grch38.vcf", DATA / "resensitisation" / "samples.tsv"
OLD_OUTPUT = DATA / "recorded_offtarget" / "met_crizotinib_old_output.vcf"
R1 = "R1_C1156Y_L1198F"

# every entry of knowledge base 2.0.22 whose own statements decide a call by case reports alone, each one publication
OWN_STATEMENTS = {
    ("C1156Y+L1198F", "crizotinib"): ("sensitive", ("EID844(PMID:26698910)",)),
    ("EML4::ALK v3a/b", "crizotinib"): ("sensitive", ("EID1193(PMID:20979469)",)),
    ("F1245C", "ceritinib"): ("sensitive", ("EID1338(PMID:26775591)",)),
    ("G1123S", "ceritinib"): ("resistant", ("CGI(PMID:26134233)",)),
    ("I1171N+L1196M", "alectinib"): ("resistant", ("EID11115(PMID:32600123)",)),
    ("I1171N+L1196M", "lorlatinib"): ("sensitive", ("EID11113(PMID:32600123)",)),
    ("I1171N+L1196M+G1202R", "lorlatinib"): ("resistant", ("EID11114(PMID:32600123)",)),
}
# the calls as the report and lookup give them: an EML4::ALK v3a/b call adds the statements about the fusion in
# general (trials), and I1171N+L1196M's other-context entry does not decide beside its parts' NSCLC calls
PRINTED = {
    ("C1156Y+L1198F", "crizotinib"),
    ("F1245C", "ceritinib"),
    ("G1123S", "ceritinib"),
    ("I1171N+L1196M+G1202R", "lorlatinib"),
}


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


def test_the_case_report_only_calls_of_the_knowledge_base(kb):
    found = {}
    for alteration in kb.alterations():
        statements = kb.statements_for(alteration)
        for name in kb.inhibitor_names:
            call = kb.combine([s for s in statements if s.inhibitor == name])
            if call.case_report_only:
                assert call.one_case_report and case_report_label(call) == "one case report"
                assert not (call.preclinical_only or call.in_silico_only)  # they never stand together
                found[(alteration, name)] = (call.category, call.deciding_sources)
    assert found == OWN_STATEMENTS
    printed = set()
    for alteration in kb.alterations():
        for name, call in kb.call(parse_alteration(alteration)).calls.items():
            if case_report_label(call):
                printed.add((alteration, name))
    assert printed == PRINTED
    # other context beside it where no NSCLC statement decides: one case, disease not recorded / mesothelioma
    assert kb.call(parse_alteration("G1123S")).calls["ceritinib"].context == "other"
    assert kb.call(parse_alteration("C1156Y+L1198F")).calls["crizotinib"].context == "nsclc"


def test_a_case_report_beside_a_review_is_not_case_report_only(kb):
    # C1156Y and lorlatinib: EID842 (case report, PMID 26698910) and LIN17T2 (review) both decide
    call = kb.call(parse_alteration("C1156Y")).calls["lorlatinib"]
    assert call.category == "sensitive"
    assert {v.statement.evidence_kind for v in call.deciding_votes} == {"case_report", "review"}
    assert not call.case_report_only and not call.one_case_report and case_report_label(call) == ""
    # the fusion calls: trials beside the case reports
    assert not kb.call(parse_alteration("EML4::ALK v3a/b")).calls["crizotinib"].case_report_only


def _case(key: str, pmid: str, category: str = "sensitive") -> Statement:
    return Statement("X", "crizotinib", category, "case_report", ("CIVIC",), (pmid,), civic_eid=key)


def test_one_publication_or_several(kb):
    # a CGI and a CIViC item of one PMID are one case; items of two PMIDs are case reports
    cgi = Statement("X", "crizotinib", "sensitive", "case_report", ("CGI",), ("26698910",))
    one = kb.combine([_case("EID844", "26698910"), cgi])
    assert one.case_report_only and one.one_case_report and case_report_label(one) == "one case report"
    two = kb.combine([_case("EID1", "1"), _case("EID2", "2")])
    assert two.case_report_only and not two.one_case_report and case_report_label(two) == "case reports only"
    # an unknown makes no claim to qualify
    assert case_report_label(kb.combine([_case("EID3", "3", "unknown")])) == ""


def _lookup_json(*queries: str) -> dict:
    result = run("lookup", "--json", *queries, text=True)
    assert result.returncode == 0, result.stderr
    return {r["query"]: r["calls"] for r in json.loads(result.stdout)["results"]}


def test_lookup_says_it_in_text_and_json():
    result = run("lookup", "C1156Y+L1198F", text=True)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("crizotinib "))
    assert row.split()[1:6] == ["sensitive", "(one", "case", "report)", "case_report"]
    assert "# (one case report) = every statement that decided the call is a case report" in result.stdout
    calls = _lookup_json("C1156Y+L1198F", "C1156Y", "G1123S")
    assert (
        calls["C1156Y+L1198F"]["crizotinib"]["case_report_only"],
        calls["C1156Y+L1198F"]["crizotinib"]["one_case_report"],
    ) == (True, True)
    assert calls["C1156Y+L1198F"]["lorlatinib"]["case_report_only"] is False  # LIN17T2 decides too
    assert calls["C1156Y"]["lorlatinib"]["case_report_only"] is False
    assert (
        calls["G1123S"]["ceritinib"]["case_report_only"] is True and calls["G1123S"]["ceritinib"]["context"] == "other"
    )
    assert calls["G1123S"]["crizotinib"]["case_report_only"] is False  # unknown


def _query(path: Path, fields: str) -> list[list[str]]:
    done = subprocess.run(["bcftools", "query", "-f", fields + "\n", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return [line.split("\t") for line in done.stdout.splitlines()]


def _header(path: Path) -> str:
    done = subprocess.run(["bcftools", "view", "-h", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_vcf_info_key_and_its_description(tmp_path: Path):
    """The `kb export` site VCF, annotated again: F1245C and G1123S carry ceritinib:case_report_only in
    ALK_CALL_QUALIFIERS, and the header's Description names the word."""
    site = tmp_path / "site.vcf.gz"
    result = run("kb", "export", "--format", "vcf", "-o", site, text=True)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "annotated.vcf.gz"
    result = run("annotate", site, "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    for path in (site, out):
        qualifiers = dict(_query(path, "%ALK_HGVSP\t%ALK_CALL_QUALIFIERS"))
        assert (
            qualifiers["p.F1245C"] == "ceritinib:case_report_only|lorlatinib:preclinical_only|lorlatinib:other_context"
        )
        assert (
            qualifiers["p.G1123S"] == "ceritinib:case_report_only|ceritinib:other_context"
        )  # lookup's order (words48)
        assert "case_report_only" not in qualifiers["p.C1156Y"]  # LIN17T2, CHOI10, cells and case reports
        (line,) = [x for x in _header(path).splitlines() if x.startswith("##INFO=<ID=ALK_CALL_QUALIFIERS,")]
        assert "case_report_only (every statement that decided the call is a case report: one publication's" in line


@pytest.fixture(scope="module")
def resens(tmp_path_factory):
    out = tmp_path_factory.mktemp("case_report")
    result = run(
        "annotate",
        RESENS,
        "--samples",
        RESENS_SHEET,
        "--min-vaf",
        "0.05",
        "--report",
        out / "r",
        "-o",
        out / "o.vcf",
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_the_sample_line_json_tsv_and_html(resens: Path):
    header = _header(resens / "o.vcf")
    (r1,) = [x for x in header.splitlines() if x.startswith(f"##alkannotSample=<ID={R1},")]
    assert 'Calls="crizotinib:sensitive(resensitised,case_report_only);ceritinib:resistant(progressed_on);' in r1
    doc = json.loads((resens / "r.json").read_text())
    jsonschema.validate(doc, schema())
    assert doc["schema_version"] == "2.31"
    samples = {s["sample"]: s["inhibitors"] for s in doc["samples"]}
    crizotinib = samples[R1]["crizotinib"]
    assert (crizotinib["category"], crizotinib["case_report_only"], crizotinib["one_case_report"]) == (
        "sensitive",
        True,
        True,
    )
    assert crizotinib["sources"] == ["EID844(PMID:26698910)"]
    # the drug progressed on most recently: the progression's call, not the case report's
    assert samples["R2_C1156Y_L1198F_criz_last"]["crizotinib"]["case_report_only"] is False
    assert samples[R1]["lorlatinib"]["case_report_only"] is False
    rows = {r["sample"]: r for r in csv.DictReader(open(resens / "r.tsv"), delimiter="\t")}
    assert rows[R1]["crizotinib"] == "sensitive (one case report)"
    assert rows["R2_C1156Y_L1198F_criz_last"]["crizotinib"] == "resistant"
    html = (resens / "r.html").read_text()
    assert "sensitive</span> (one case report)" in html
    assert f"{R1} / crizotinib: sensitive; basis: C1156Y+L1198F (cis)" in html and "; one case report;" in html


def test_report_on_an_older_output(tmp_path: Path):
    """An output of an alkannot before this change (no case_report_only in its header) still reports."""
    result = run("report", OLD_OUTPUT, "--out", tmp_path / "old", text=True)
    assert result.returncode == 0, result.stderr
    doc = json.loads((tmp_path / "old.json").read_text())
    jsonschema.validate(doc, schema())
    assert all(c["case_report_only"] is False for s in doc["samples"] for c in s["inhibitors"].values())


def test_the_tsv_cell_says_which():
    from alkannot.report.tsv import call_cell

    call = {"category": "sensitive", "inferred": False}
    assert call_cell(call) == "sensitive"  # a document without the keys (schema before 2.18)
    assert call_cell({**call, "case_report_only": True, "one_case_report": True}) == "sensitive (one case report)"
    assert call_cell({**call, "case_report_only": True, "one_case_report": False}) == "sensitive (case reports only)"
