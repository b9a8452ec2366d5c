"""Clinical review 19, findings 4 and 8, through the installed CLI on the reviewer's scenario (tests/data/review19:
muts.vcf, one ALK mutation per sample; m2.sheet.tsv, the sheet of scenario m2).

Finding 4: the per-inhibitor INFO keys carried a call without the qualifier the report and `alkannot lookup` print
beside it (L1256F and lorlatinib: in silico prediction only, since review 21 "chiefly in silico, no cell IC50 read"; R1275Q and crizotinib/lorlatinib: other context,
neuroblastoma; G1269A and alectinib: sources disagree), under a Description that called the value "not a prediction".
ALK_CALL_QUALIFIERS now says it per allele; the category stays the one the report and lookup state.

Finding 8: a source the knowledge base lists for a call without counting it (GAI16 for G1202R and lorlatinib, 'listed,
not a vote') was among the call's sources; it is now apart and labelled.
"""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

from helpers import run

DATA = Path(__file__).resolve().parent / "data" / "review19"
MUTS = DATA / "muts.vcf"
SHEET = DATA / "m2.sheet.tsv"  # M5 (L1256F) after crizotinib; M1 (G1269A) and M6 (R1275Q) not in the sheet
INHIBITORS = ("crizotinib", "ceritinib", "alectinib", "brigatinib", "lorlatinib")


def _annotate(tmp_path: Path, *extra: str, output: str = "m2.vcf.gz") -> Path:
    out = tmp_path / output
    result = run("annotate", MUTS, "-o", out, *extra, text=True)
    assert result.returncode == 0, result.stderr
    return out


def _query(path: Path, fields: str) -> list[list[str]]:
    done = subprocess.run(
        ["bcftools", "query", "-f", fields + "\n", str(path)], capture_output=True, text=True, check=True
    )
    return [line.split("\t") for line in done.stdout.splitlines()]


def _qualifiers(path: Path) -> dict[str, str]:
    return dict((p, q) for p, q in _query(path, "%ALK_HGVSP\t%ALK_CALL_QUALIFIERS"))


def _lookup(*changes: str) -> dict:
    result = run("lookup", "--json", *changes, text=True)
    assert result.returncode == 0, result.stderr
    return {r["query"]: r for r in json.loads(result.stdout)["results"]}


# ---------------------------------------------------------------- finding 4


def test_the_qualifiers_the_report_and_lookup_print_are_in_the_vcf(tmp_path: Path):
    out = _annotate(tmp_path, "--samples", SHEET, "--min-vaf", "0.05", "--report", tmp_path / "m2")
    assert _qualifiers(out) == {
        # preclinical_only: no patient's statement decides the call (clinical review of stop 32, finding 5)
        "p.R1275Q": "crizotinib:other_context|lorlatinib:preclinical_only|lorlatinib:other_context",  # lookup's order
        # reviews_only: review-level statements alone decide the call, LIN17T2 for most (clinical read h1, finding 10)
        "p.G1269A": "alectinib:sources_disagree|lorlatinib:reviews_only",
        "p.L1256F": "lorlatinib:in_silico",
        "p.E1210K": "crizotinib:reviews_only|lorlatinib:reviews_only",  # brigatinib conflicting: the category says it
        "p.G1202R": "lorlatinib:reviews_only",
        "p.L1198F": "crizotinib:reviews_only",
        "p.F1174L": "ceritinib:reviews_only|alectinib:reviews_only|brigatinib:reviews_only|lorlatinib:reviews_only",
        "p.I1171N": "crizotinib:reviews_only|lorlatinib:reviews_only",
        "p.T1151dup": "ceritinib:reviews_only|alectinib:preclinical_only|brigatinib:reviews_only|lorlatinib:reviews_only",
    }
    # bcftools reads the header and the records
    view = subprocess.run(["bcftools", "view", str(out)], capture_output=True, text=True)
    assert view.returncode == 0, view.stderr
    (line,) = [x for x in view.stdout.splitlines() if x.startswith("##INFO=<ID=ALK_CALL_QUALIFIERS,")]
    assert (
        "Number=A,Type=String" in line
        and "in_silico (every statement that decided the call takes its direction from a computer" in line
    )
    # the report says the same beside the same categories
    doc = json.loads((tmp_path / "m2.json").read_text())
    samples = {s["sample"]: s for s in doc["samples"]}
    assert samples["M5"]["inhibitors"]["lorlatinib"]["category"] == "resistant"
    assert samples["M5"]["inhibitors"]["lorlatinib"]["in_silico"] is True
    assert samples["M1"]["inhibitors"]["alectinib"]["disputed"] is True
    rows = [r.split("\t") for r in (tmp_path / "m2.tsv").read_text().splitlines()]
    table = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert table["M5"]["lorlatinib"] == "resistant (chiefly in silico, no cell IC50 read)"
    assert table["M1"]["alectinib"] == "intermediate (sources disagree)"


def test_the_vcf_never_states_a_category_lookup_does_not(tmp_path: Path):
    """(a): each per-inhibitor key is lookup's category for the change, and lookup prints the qualifier beside it."""
    out = _annotate(tmp_path)
    fields = "%ALK_HGVSP\t" + "\t".join(f"%ALK_{name.upper()}" for name in INHIBITORS)
    calls = {row[0][2:]: dict(zip(INHIBITORS, row[1:])) for row in _query(out, fields)}
    looked = _lookup(*calls)
    for change, said in calls.items():
        assert said == {n: looked[change]["calls"][n]["category"] for n in INHIBITORS}, change
    assert looked["L1256F"]["calls"]["lorlatinib"]["in_silico"] is True
    assert looked["L1256F"]["calls"]["alectinib"]["in_silico"] is False  # unknown: no claim to qualify
    assert looked["R1275Q"]["calls"]["crizotinib"]["context"] == "other"
    assert looked["G1269A"]["calls"]["alectinib"]["disputed"] is True


def test_lookup_says_in_silico_where_the_report_does():
    """(d): OKA19 is a computational simulation (calls.tsv assay 'computational simulation (MP-CAFEE binding free
    energy)'; evidence kind preclinical under RULES.md 1); lookup's call now says so, as the report's note does."""
    result = run("lookup", "L1256F", text=True)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("lorlatinib "))  # the calls table
    assert row.split()[1:9] == ["resistant", "(chiefly", "in", "silico,", "no", "cell", "IC50", "read)"]
    assert "preclinical" in row
    assert "# (chiefly in silico, no cell IC50 read) = every statement that decided the call takes its direction" in (
        result.stdout
    )


def test_the_description_no_longer_says_not_a_prediction(tmp_path: Path):
    out = _annotate(tmp_path)
    header = gzip.decompress(out.read_bytes()).decode()
    (line,) = [x for x in header.splitlines() if x.startswith("##INFO=<ID=ALK_LORLATINIB,")]
    assert "not a prediction" not in line
    assert "alkannot adds no prediction of its own" in line and "ALK_CALL_QUALIFIERS" in line


def test_the_description_names_every_qualifier_and_defines_each_category(tmp_path: Path):
    """Fresh-eyes review rev46: a pathologist reading `bcftools view -h` found three of the six qualifiers named in the
    per-inhibitor Description (preclinical_only, case_report_only and reviews_only, which the records of this VCF
    carry, were sent to `alkannot lookup` as "the evidence kind"), and no word on what intermediate, conflicting and
    unknown mean. Every qualifier the records carry, and every one ALK_CALL_QUALIFIERS defines, is named in each
    per-inhibitor line; each category is defined there."""
    out = _annotate(tmp_path, "--samples", SHEET, "--min-vaf", "0.05")
    header = gzip.decompress(out.read_bytes()).decode().splitlines()
    carried = {e.split(":")[1] for q in _qualifiers(out).values() if q != "." for e in q.split("|")}
    assert {"preclinical_only", "reviews_only", "other_context", "sources_disagree"} <= carried
    (defined,) = [x for x in header if x.startswith("##INFO=<ID=ALK_CALL_QUALIFIERS,")]
    every = {"in_silico", "other_context", "sources_disagree", "preclinical_only", "case_report_only", "reviews_only"}
    named = {q for q in every if f"{q} (" in defined}
    assert named == every
    lines = [x for x in header if x.startswith(tuple(f"##INFO=<ID=ALK_{d.upper()}," for d in INHIBITORS))]
    assert len(lines) == len(INHIBITORS)
    for line in lines:
        assert all(q in line for q in carried | named), line
        assert "the evidence kind of each call, e.g. review or preclinical" not in line
        for category in ("intermediate (reduced", "conflicting (the deciding sources", "unknown (no statement"):
            assert category in line, (category, line)
        assert "##alkannotSample line (Calls)" in line


def test_re_annotation_replaces_the_key(tmp_path: Path):
    """An earlier output's ALK_CALL_QUALIFIERS (header line and values) is alkannot's own: replaced, never doubled;
    a stale value on an allele without qualifiers goes."""
    first = _annotate(tmp_path, output="a.vcf")
    text = first.read_text()
    text = text.replace("ALK_HGVSP=p.E1210K;", "ALK_CALL_QUALIFIERS=brigatinib:in_silico;ALK_HGVSP=p.E1210K;")
    text = text.replace("ALK_CALL_QUALIFIERS=alectinib:sources_disagree", "ALK_CALL_QUALIFIERS=x:y")
    assert "brigatinib:in_silico" in text and "x:y" in text
    stale = tmp_path / "stale.vcf"
    stale.write_text(text)
    result = run("annotate", stale, "-o", tmp_path / "again.vcf", text=True)
    assert result.returncode == 0, result.stderr
    again = (tmp_path / "again.vcf").read_text()
    assert again.count("##INFO=<ID=ALK_CALL_QUALIFIERS,") == 1
    assert "x:y" not in again and "brigatinib:in_silico" not in again
    assert _qualifiers(tmp_path / "again.vcf") == _qualifiers(first)


def test_bcf_output_and_the_site_vcf_carry_the_key(tmp_path: Path):
    bcf = _annotate(tmp_path, "-O", "b", output="m.bcf")
    assert _qualifiers(bcf)["p.L1256F"] == "lorlatinib:in_silico"
    result = run("kb", "export", "--format", "vcf", "-o", tmp_path / "kb.vcf.gz", text=True)
    assert result.returncode == 0, result.stderr
    sites = _qualifiers(tmp_path / "kb.vcf.gz")
    assert sites["p.L1256F"] == "lorlatinib:in_silico"
    assert sites["p.G1269A"] == "alectinib:sources_disagree|lorlatinib:reviews_only"


# ---------------------------------------------------------------- finding 8


def test_a_listed_source_is_apart_from_the_sources_of_the_call(tmp_path: Path):
    """M9 carries G1202R (3%; no --min-vaf, so it decides the call): lorlatinib rests on LIN17T2 and PEL21; GAI16
    ('general finding, not G1202R-specific ... listed, not a vote') is listed, labelled, not among them."""
    _annotate(tmp_path, "--report", tmp_path / "r", output="r.vcf")
    doc = json.loads((tmp_path / "r.json").read_text())
    m9 = next(s for s in doc["samples"] if s["sample"] == "M9")
    lorlatinib = m9["inhibitors"]["lorlatinib"]
    assert lorlatinib["category"] == "sensitive"
    assert lorlatinib["sources"] == ["LIN17T2", "PEL21"]
    assert lorlatinib["listed_sources"] == ["GAI16"]
    assert "GAI16" in doc["sources"]  # still in the sources list the HTML links to
    rows = [r.split("\t") for r in (tmp_path / "r.tsv").read_text().splitlines()]
    row = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == "M9")))
    assert not any(k.startswith("GAI16") for k in row["inhibitor_sources"].split(";"))
    # with its DOI: the TSV has no sources table (clinical read h1, finding 2)
    assert "lorlatinib: GAI16(doi:10.1158/2159-8290.CD-16-0596)" in row["inhibitor_listed_sources"].split(";")
    html = (tmp_path / "r.html").read_text()
    # the grid's tooltip labels each key as the card does, with its DOI (clinical read h1, finding 1)
    assert (
        "M9 / lorlatinib: sensitive; basis: G1202R; sources: LIN17T2, PEL21 (doi:10.1158/1538-7445.AM2021-1468); "
        "also listed, not counted: GAI16 (doi:10.1158/2159-8290.CD-16-0596)"
    ) in html
    # labelled with its DOI, as counted sources are with theirs (clinical read of stop 43, finding 13)
    assert 'also listed, not counted: <a href="#src-GAI16">GAI16 (doi:10.1158/2159-8290.CD-16-0596)</a>' in html
