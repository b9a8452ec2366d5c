"""Review 13 (report layer), through the installed CLI on the reviewer's cohort (tests/data/review13, made by its
make_cohort.py): one column for the tumours to send for P-gp IHC now, which is the HTML's "recommended" box
(findings 2 and 3); a progressed-on drug's call not marked inferred (finding 5); calls resting on a subclone marked
in the TSV cell (finding 6); a summary box lists every sample of a small cohort (finding 7); the "Unexplained" box's
heading covers a tumour with no treatment history (finding 8)."""

import csv
import html
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from helpers import run

from alkannot.report.json_report import schema

DATA = Path(__file__).parent / "data" / "review13"


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    out = tmp_path_factory.mktemp("review13")
    result = run(
        "annotate", DATA / "small.vcf", "--sv", DATA / "sv.vcf", "--samples", DATA / "sheet.tsv", "--min-vaf", "0.05",
        "-o", out / "ann.vcf", "--report", out / "rep", text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    doc = json.loads((out / "rep.json").read_text(encoding="utf-8"))
    with open(out / "rep.tsv", newline="", encoding="utf-8") as handle:
        rows = {r["sample"]: r for r in csv.DictReader(handle, delimiter="\t")}
    page = (out / "rep.html").read_text(encoding="utf-8")
    mqc = [line.split("\t") for line in (out / "rep_mqc.tsv").read_text().splitlines() if not line.startswith("#")]
    return doc, rows, page, mqc, out


def _boxes(page: str) -> dict[str, list[str]]:
    """The HTML summary's boxes: title -> the names it lists."""
    found = re.findall(
        r'<div class="box [^"]*"><div class="n">\d+</div><div><b>(.*?)</b></div>\s*<div class="small">(.*?)</div>', page
    )
    return {html.unescape(title): [] if names == "—" else html.unescape(names).split(", ") for title, names in found}


def test_one_column_gives_the_tumours_to_send_for_pgp_ihc_and_it_is_the_html_box(cohort):
    doc, rows, page, mqc, _ = cohort
    jsonschema.validate(doc, schema())
    assert doc["schema_version"] == "2.31"
    expected = ["S02", "S08", "S14", "S16"]  # recommended, no IHC in the sheet (S05, S06: IHC positive; S15 negative)
    assert doc["summary"]["pgp_ihc_to_order"] == expected
    assert [name for name, r in rows.items() if r["pgp_ihc_to_order"] == "true"] == expected
    header = mqc[0]
    assert [r[0] for r in mqc[1:] if r[header.index("pgp_ihc_to_order")] == "true"] == expected
    for s in doc["samples"]:  # the definition: resistant, pgp_check recommended, no ABCB1 IHC result in the sheet
        wanted = s["resistant"] and s["pgp_check"] == "recommended" and s["pgp"]["abcb1_ihc"] is None
        assert s["pgp_ihc_to_order"] is wanted, s["sample"]
        assert rows[s["sample"]]["pgp_ihc_to_order"] == str(wanted).lower()
    boxes = _boxes(page)
    # the JSON says what the HTML boxes say: recommended = the "recommended" box + the "done: IHC positive" box
    # a check after a drug no source covers is named as such (clinical review of stop 32, finding 1)
    untested = {"S08": "iruplinalkib", "S16": "envonalkib"}
    assert boxes["P-gp (ABCB1) check recommended"] == [
        f"{n} (after {untested[n]}: P-gp's effect on it not established)" if n in untested else n for n in expected
    ]
    assert boxes["P-gp check done: IHC positive"] == ["S05", "S06"]
    assert doc["summary"]["pgp_check"]["recommended"] == ["S02", "S05", "S06", "S08", "S14", "S16"]
    # the TSV column sits after pgp_triage, before label; the fixed columns keep their places
    names = list(next(iter(rows.values())))
    assert names.index("pgp_ihc_to_order") == names.index("pgp_triage") + 1 == names.index("label") - 1


def test_a_drug_the_patient_progressed_on_is_not_marked_inferred(cohort):
    doc, rows, _, _, _ = cohort
    s04 = next(s for s in doc["samples"] if s["sample"] == "S04")  # L1196M+G1202R in cis, alectinib then lorlatinib
    alectinib = s04["inhibitors"]["alectinib"]
    assert (alectinib["category"], alectinib["progressed_on"], alectinib["inferred"]) == ("resistant", True, False)
    # alectinib came before lorlatinib: not 'consistent with the genotype call' (clinical review of stop 48, finding 2)
    assert "the genotype call on this sample is resistant too; inferred, least favourable" in alectinib["note"]
    assert (rows["S04"]["alectinib"], rows["S04"]["lorlatinib"]) == ("resistant", "resistant")
    assert rows["S04"]["ceritinib"] == "resistant (inferred)"  # never given: the compound's inferred call
    assert "alectinib, lorlatinib: the patient progressed on each (sample sheet)" in rows["S04"]["inhibitor_basis"]


def test_calls_resting_on_a_subclone_are_marked_in_the_tsv_cell(cohort):
    doc, rows, _, _, _ = cohort
    s12 = rows["S12"]  # G1202R at 3% (below --min-vaf 0.05) after alectinib
    assert (s12["crizotinib"], s12["ceritinib"], s12["brigatinib"]) == ("resistant (subclonal basis)",) * 3
    assert s12["alectinib"] == "resistant"  # progressed on: the call rests on the progression
    assert rows["S06"]["ceritinib"] == "resistant (subclonal basis)"  # C1156Y at 3%
    for s in doc["samples"]:  # the cell marks what the JSON marks
        for name, call in s["inhibitors"].items():
            assert rows[s["sample"]][name].endswith(" (subclonal basis)") is call["subclonal"], (s["sample"], name)
    # the README's recipe (match the start of the cell) still counts them as resistant
    assert [n for n in ("crizotinib", "ceritinib", "brigatinib") if s12[n].startswith("resistant")] == [
        "crizotinib",
        "ceritinib",
        "brigatinib",
    ]


def test_a_small_cohort_box_lists_every_sample_and_the_unexplained_heading_covers_no_history(cohort):
    doc, _, page, _, _ = cohort
    boxes = _boxes(page)
    triage = boxes["Resistant, no ALK change explains the progression (P-gp triage)"]
    assert len(triage) == len(doc["summary"]["pgp_triage"]) == 10 and "… and" not in page
    assert triage[-2:] == [
        "S15 (P-gp check done: IHC negative)",
        "S16 (P-gp check recommended; after envonalkib: P-gp's effect on it not established)",
    ]
    unexplained = (
        "Unexplained (no ALK mutation explains the latest progression, or, where no treatment history is given, any "
        "resistance)"
    )
    assert doc["summary"]["mechanism"]["unexplained"] == ["S02", "S08", "S13", "S14", "S15", "S18"]
    # S18, with no history, named as its card says it (clinical review of stop 42, finding 10)
    assert boxes[unexplained] == ["S02", "S08", "S13", "S14", "S15", "S18 (if progressed: treatment history unknown)"]
    s18 = next(s for s in doc["samples"] if s["sample"] == "S18")
    assert (s18["progressed_on"], s18["mechanism"], s18["pgp_check"]) == (None, "unexplained", "if_progressed")


def test_readme_filter_gives_the_tumours_to_send_for_ihc(cohort):
    """README's one-line awk filter for the tumours to send for P-gp IHC now, as written there."""
    out = cohort[4]
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    line = next(x for x in readme.splitlines() if x.startswith("awk -F'\\t'") and "pgp_ihc_to_order" in x)
    result = subprocess.run(
        ["bash", "-c", line.replace("alk_report.tsv", "rep.tsv")], cwd=out, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert [x.split("\t")[0] for x in result.stdout.splitlines()] == ["sample", "S02", "S08", "S14", "S16"]
