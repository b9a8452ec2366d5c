"""Clinical review 21 (a thoracic oncologist's reading of the report's wording), findings 1, 7, 8, 14 and 15, through
the installed CLI: the bundled example, the reviewer's review-19 mutation scenario (tests/data/review19/muts.vcf with
the m1 and m2 sheets) and `alkannot lookup`.

1. L1256F and lorlatinib was marked "(in silico prediction only)" although RULES.md section 1 lets it vote because
   OKA19 also lists "an L1256F single mutation" among its lorlatinib-resistance findings; calls.tsv: "no cell IC50
   for L1256F is readable". The mark is now "(chiefly in silico, no cell IC50 read)" everywhere.
7. A note's "11 CIViC evidence items, listed in the sources" named no items on its HTML card: the card's sources
   cell now lists the note's sources ("named in the note, not counted: ..."), linked.
8. "whatever caused the progression may also act on this drug" is now "... may also make this drug less effective".
14. "sensitive per SAB17 ...; resistant per SAB17" says which setting each side of one source is.
15. The VCF Description names TPX-0131 as the sources write it; "listed but not deciding" is one phrase.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from pathlib import Path

import pytest
from helpers import run

from alkannot.kbfiles import load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent
EX = ROOT / "example_vcfs"
MUTS = ROOT / "tests" / "data" / "review19" / "muts.vcf"
M2_SHEET = ROOT / "tests" / "data" / "review19" / "m2.sheet.tsv"  # M5 (L1256F) after crizotinib
LABEL = "chiefly in silico, no cell IC50 read"
# the reviewer's m1 sheet (review 19): M4 (E1210K) after brigatinib, M5 (L1256F) after alectinib then lorlatinib
M1_SHEET = (
    "sample\talk_status\tprogressed_on\tabcb1_ihc\tabcb1_tpm\n"
    "M4\tpositive:IHC\tbrigatinib\t\t\n"
    "M5\tpositive:IHC\talectinib;lorlatinib\t\t\n"
)


def _report(tmp_path: Path, vcf: Path, sheet: Path, name: str, *extra) -> tuple[dict, str, dict, str]:
    """JSON, HTML, TSV rows by sample, and the output VCF's text."""
    prefix = tmp_path / name
    result = run("annotate", vcf, "--samples", sheet, "--min-vaf", "0.05", "--report", prefix, "-o",
                 f"{prefix}.vcf.gz", *extra, text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
    with open(f"{prefix}.tsv", newline="") as handle:
        rows = {r["sample"]: r for r in csv.DictReader(handle, delimiter="\t")}
    vcf_text = gzip.decompress(Path(f"{prefix}.vcf.gz").read_bytes()).decode()
    return json.loads(Path(f"{prefix}.json").read_text()), Path(f"{prefix}.html").read_text(), rows, vcf_text


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("review21")
    folder = EX / "GRCh38"
    return _report(out, folder / "tumor_normal.vcf", EX / "samples.tsv", "ex", "--sv", folder / "sv.vcf",
                   "--fusions", f"P5_T={folder / 'fusions.tsv'}")  # fmt: skip


@pytest.fixture(scope="module")
def m1(tmp_path_factory):
    out = tmp_path_factory.mktemp("review21_m1")
    sheet = out / "m1.sheet.tsv"
    sheet.write_text(M1_SHEET)
    return _report(out, MUTS, sheet, "m1")


def _samples(doc: dict) -> dict:
    return {s["sample"]: s for s in doc["samples"]}


# ---------------------------------------------------------------- finding 1


def test_lookup_marks_l1256f_lorlatinib_chiefly_in_silico():
    result = run("lookup", "L1256F", text=True)
    assert result.returncode == 0, result.stderr
    assert "prediction only" not in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("lorlatinib "))
    assert f"resistant ({LABEL})" in row and "preclinical" in row and "in silico only" not in row
    # the alectinib call, a simulation alone, stays unknown and says so in the knowledge base's words
    row = next(line for line in result.stdout.splitlines() if line.startswith("alectinib "))
    assert row.split()[1] == "unknown" and "in silico only, listed, not counted" in row
    header = next(line for line in result.stdout.splitlines() if line.startswith(f"# ({LABEL}) = "))
    assert "takes its direction from a computer simulation" in header
    assert "also reports the finding in cells or patients" in header and "no cell IC50 is readable" in header
    # the category and the JSON flag are unchanged
    doc = json.loads(run("lookup", "--json", "L1256F", text=True).stdout)
    calls = doc["results"][0]["calls"]
    assert calls["lorlatinib"]["category"] == "resistant" and calls["lorlatinib"]["in_silico"] is True
    assert calls["alectinib"]["category"] == "unknown" and calls["alectinib"]["in_silico"] is False


def test_the_label_is_true_of_every_call_it_marks():
    """'no cell IC50 read' and 'chiefly' (RULES.md 1: a simulation-only direction does not vote): every call whose
    deciding statements are all in silico has a category, and none of those statements carries a measurement."""
    kb = load_knowledge_base(None)
    marked = []
    for key in kb.alterations():
        statements = kb.statements_for(key)
        for name in sorted({s.inhibitor for s in statements}):
            c = kb.combine([s for s in statements if s.inhibitor == name])
            if c.in_silico_only and c.category != "unknown":
                marked.append((key, name))
                assert not any(v.statement.has_measurement for v in c.deciding_votes), (key, name)
                assert "in silico" in c.note
    assert ("L1256F", "lorlatinib") in marked


def test_report_and_vcf_say_chiefly_in_silico(tmp_path: Path):
    doc, html, rows, vcf = _report(tmp_path, MUTS, M2_SHEET, "m2")
    assert rows["M5"]["lorlatinib"] == f"resistant ({LABEL})"
    m5 = _samples(doc)["M5"]["inhibitors"]["lorlatinib"]
    assert m5["category"] == "resistant" and m5["in_silico"] is True
    assert f"({LABEL})" in html and "prediction only" not in html
    (line,) = [x for x in vcf.splitlines() if x.startswith("##INFO=<ID=ALK_CALL_QUALIFIERS,")]
    assert "not a cell or patient finding" not in line
    assert "in_silico (every statement that decided the call takes its direction from a computer prediction" in line
    assert (
        "also reports the finding in cells or patients, but no cell IC50 is read: 'chiefly in silico, no cell IC50 "
        "read' in the report and alkannot lookup)"
    ) in line
    assert "ALK_CALL_QUALIFIERS=lorlatinib:in_silico" in vcf
    assert "prediction only" not in json.dumps(doc)


def test_the_progression_note_does_not_say_only_in_silico(m1):
    doc, html, rows, _ = m1
    m5 = _samples(doc)["M5"]
    assert (
        "L1256F is present; in the knowledge base it is resistant to lorlatinib, but its basis is chiefly in silico "
        "(no cell IC50 read): whether it explains the progression on lorlatinib is not known." in m5["notes"]
    )
    assert f"is resistant to lorlatinib in the knowledge base ({LABEL}) [OKA19, PMC6441848]" in m5["pgp"]["note"]
    assert "only from in silico" not in json.dumps(doc) + html


# ---------------------------------------------------------------- finding 7


def test_the_card_lists_the_sources_a_note_names(example):
    doc, html, _, _ = example
    call = _samples(doc)["P4_T"]["inhibitors"]["crizotinib"]
    assert "11 CIViC evidence items" in call["note"] and call["sources"] == ["sample_sheet"]
    named = [k for k in call["note_sources"] if k not in call["sources"]]
    assert "EID4858(PMID:28586279)" in named and "KAZ14(PMID:25170012)" in named
    # the card row of P4_T's crizotinib call: its sources cell, then the note
    row = next(r for r in re.findall(r"<tr><td>crizotinib.*?</tbody>", html, re.S) if "11 CIViC evidence items" in r)
    cell = row.split("named in the note, not counted: ", 1)[1].split("</td>", 1)[0]
    links = re.findall(r'<a href="#([^"]+)">', cell)
    from urllib.parse import quote

    # a CIViC item about a named source's paper is said beside that source, not linked again (oncologist reading of
    # stop 28: one paper once): KWAK10's EID1187 and EID1207
    beside = ("EID1187(PMID:20979469)", "EID1207(PMID:20979469)")
    assert all(k in named for k in beside) and ">KWAK10 (PMID 20979469; CIViC EID1187, EID1207)<" in cell
    assert links == [f"src-{quote(k, safe='')}" for k in named if k not in beside]
    for anchor in links:  # each links to an entry of the page's source list
        assert f'id="{anchor}"' in html, anchor
    # a call whose note names only its own sources gets no such label
    assert html.count("named in the note, not counted") == sum(
        1 for s in doc["samples"] for c in s["inhibitors"].values() if set(c["note_sources"]) - set(c["sources"])
    )


# ---------------------------------------------------------------- finding 8


def test_less_effective_not_act_on(example):
    doc, html, rows, _ = example
    text = json.dumps(doc) + html + json.dumps(rows)
    assert not re.search(r"\bact on\b", text)
    notes = [c["note"] for s in doc["samples"] for c in s["inhibitors"].values()]
    assert any(
        "which is not used for this patient, because whatever caused the progression may also make this drug less "
        "effective" in n
        for n in notes
    )


# ---------------------------------------------------------------- finding 14


def test_one_source_on_both_sides_says_which_setting(m1):
    doc, html, _, _ = m1
    m4 = _samples(doc)["M4"]
    said = "sensitive per SAB17 (in vitro), JAIN17; resistant per SAB17 (clinical resistance)"
    assert any(said in n for n in m4["notes"]), m4["notes"]
    assert said in m4["pgp"]["note"]
    result = run("lookup", "E1210K", text=True)
    row = next(line for line in result.stdout.splitlines() if line.startswith("brigatinib "))
    assert "conflicting: sensitive per SAB17 (in vitro), JAIN17 vs resistant per SAB17 (clinical resistance)" in row
    # a source on one side only keeps its bare key
    assert "JAIN17 (" not in row.split(" | ")[0]


# ---------------------------------------------------------------- finding 15


def test_vcf_description_names_tpx_0131(example, tmp_path: Path):
    *_, vcf = example
    (line,) = [x for x in vcf.splitlines() if x.startswith("##INFO=<ID=ALK_TPX0131,")]
    assert "Sensitivity of this allele alone to TPX-0131," in line and "tpx0131" not in line
    out = tmp_path / "kb.vcf.gz"
    result = run("kb", "export", "--format", "vcf", "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    header = gzip.decompress(out.read_bytes()).decode()
    (line,) = [x for x in header.splitlines() if x.startswith("##INFO=<ID=ALK_TPX0131,")]
    assert "alone to TPX-0131," in line


def test_listed_not_counted_is_one_phrase(example):
    doc, html, _, _ = example
    notes = [c["note"] for s in doc["samples"] for c in s["inhibitors"].values()]
    assert any(n.startswith("other contexts, listed, not counted: resistant per CGI") for n in notes)
    assert not any("not voting" in n for n in notes)
    for old in ("not voting", "not counted for the call", "not a vote"):
        assert old not in html, old
    # the card's notes say it in words, its Sources column keeps the phrase (explained under the table; stop 51)
    assert "other contexts, shown for reference, not used for the call" in html and "also listed, not counted: " in html
