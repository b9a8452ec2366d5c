"""Clinical review of stop 49, second pass (helper clin49b): clin49's wording findings checked on real outputs, through
the installed command on tests/data.

1. A compound's part below four fifths of its partner's VAF was "a minor subclone" (tests/data/compound_minor's M3:
   "G1202R (VAF 20.0%, a minor subclone beside L1196M at VAF 40.0%)"): beside a clonal L1196M at 40%, G1202R at 20%
   may be in about half the tumour cells. It reads "G1202R (VAF 20.0%, lower than L1196M's 40.0%)" in the P-gp note,
   the sample's note and the drug's note (JSON, TSV, HTML alike); "subclonal" and "a minor subclone" stay where the
   clonality cut-off (--min-vaf) puts a change below it.
2. Without --min-vaf, review13's S06 (C1156Y at VAF 3.0% after crizotinib) read "..., which explains the progression on
   crizotinib if C1156Y is in most tumour cells (alkannot does not know the tumour's purity)", as if the condition were
   likely met. No source read gives a VAF or purity cut-off (README, "mechanism"), so nothing can say at which VAF a
   change is "probably in a minority of tumour cells"; the sentence now says at any VAF that no cut-off tested it and
   that whether the change explains the progression is uncertain. With --min-vaf the wording is as before.
3. A drug not yet given, after a change whose call for the latest drug is open: "..., so whether it explains the
   progression on envonalkib is not known: this call holds if it does; ..." now names the change and says it in two
   sentences (review13's S16).
4. tests/data/compound's UNPHASED_T: "(G1202R (VAF 30.0%) is sensitive ... [...]; L1196M (VAF 30.0%) is sensitive ...
   [LIN17T2] each on its own, but here they ...)" now joins the two calls with "and", then ", each on its own".
5. The grid cell's title (its tooltip) said the sample's marks in words of its own ("the patient progressed on this
   inhibitor", "; rests on ..."): it now says each by the card's label and its legend's words.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest
from helpers import annotated_report, run

from alkannot.report.sample_marks import MARK_WORDS

DATA = Path(__file__).resolve().parent / "data"


def _tsv(prefix: Path) -> dict[str, dict]:
    with open(f"{prefix}.tsv", newline="") as handle:
        return {r["sample"]: r for r in csv.DictReader(handle, delimiter="\t")}


def _card(page: str, sample: str) -> str:
    return html.unescape(page.split(f'id="s-{sample}"', 1)[1].split("</article>", 1)[0])


@pytest.fixture(scope="module")
def minor(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("clin49b_minor") / "r"
    doc, page = annotated_report(
        DATA / "compound_minor" / "compound_minor_grch38.vcf", DATA / "compound_minor" / "samples.tsv", prefix
    )
    return {s["sample"]: s for s in doc["samples"]}, _tsv(prefix), page, prefix


def test_a_compound_part_below_four_fifths_is_not_called_a_minor_subclone(minor):
    samples, rows, page, prefix = minor
    s = samples["M3_alectinib_20pct"]
    said = "G1202R (VAF 20.0%, lower than L1196M's 40.0%)"
    assert s["pgp"]["note"].startswith(f"Low yield: progressed most recently on alectinib; {said}, which on its own")
    assert s["notes"][0].endswith(
        f"as inferred from its parts' calls: {said} is resistant to alectinib on its own [LIN17T2; PEL21, "
        "doi:10.1158/1538-7445.AM2021-1468; EID1350(PMID:25727400)], so it may explain the progression on alectinib in "
        "the part of the tumour carrying G1202R, within the compound or alone."
    )
    assert (
        f"whose call rests on {said}, which may explain the progression only in part"
        in (s["inhibitors"]["alectinib"]["note"])
    )
    assert rows["M3_alectinib_20pct"]["pgp_note"].startswith(
        f"Low yield: progressed most recently on alectinib; {said}"
    )
    assert f"Progressed most recently on alectinib; {said}" in _card(page, "M3_alectinib_20pct")
    # the words every output shares; 'subclonal basis' stays, the four-fifths rule's own mark (README)
    for suffix in (".json", ".tsv", ".html", ".vcf"):
        assert "minor subclone" not in Path(f"{prefix}{suffix}").read_text(), suffix
    assert rows["M3_alectinib_20pct"]["lorlatinib"] == "unknown (inferred) (subclonal basis)"


def test_below_the_clonality_cut_off_the_minor_subclone_stays(tmp_path):
    """With --min-vaf 0.05, M2's G1202R at 3% is below the laboratory's cut-off: the note keeps 'a minor subclone'."""
    doc, _ = annotated_report(
        DATA / "compound_minor" / "compound_minor_grch38.vcf",
        DATA / "compound_minor" / "samples.tsv",
        tmp_path / "cut",
        "--min-vaf",
        "0.05",
    )
    m2 = next(s for s in doc["samples"] if s["sample"] == "M2_crizotinib_3pct")
    assert any(
        "At most a minor subclone carries G1202R, and that subclone may respond differently." in n for n in m2["notes"]
    )


def _review13(prefix: Path, *extra: str) -> tuple[dict, dict]:
    folder = DATA / "review13"
    result = run(
        "annotate", folder / "small.vcf", "--sv", folder / "sv.vcf", "--samples", folder / "sheet.tsv",
        "--report", prefix, "-o", f"{prefix}.vcf", *extra, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    import json

    doc = json.loads(Path(f"{prefix}.json").read_text())
    return {s["sample"]: s for s in doc["samples"]}, _tsv(prefix)


def test_without_min_vaf_the_purity_condition_says_the_call_is_uncertain(tmp_path):
    samples, rows = _review13(tmp_path / "r13")
    s06 = samples["S06"]  # C1156Y at VAF 3.0% after crizotinib, ABCB1 IHC positive
    assert (s06["pgp_check"], s06["mechanism"]) == ("not_indicated", "on_target")  # the design stays
    said = (
        "which explains the progression on crizotinib only if C1156Y is in most tumour cells; a VAF alone does not show "
        "that (alkannot does not know the tumour's purity), so whether C1156Y explains the progression is uncertain. "
        "ABCB1 (P-gp) IHC is positive"
    )
    assert said in s06["pgp"]["note"] and said in rows["S06"]["pgp_note"]
    # that no clonality cut-off was set is said once, in the sample's notes beside it (rev49, finding 5)
    cut_off = "No clonality cut-off (--min-vaf) was set for this run"
    assert [n for n in s06["notes"] if cut_off.lower() in n.lower()] == [
        f"{cut_off}, so no variant is set aside as subclonal for its VAF alone (C1156Y at VAF 3.0%); with a cut-off, a "
        "variant below it would make on-target resistance only possible."  # the option named once (rev50)
    ]
    assert cut_off.lower() not in s06["pgp"]["note"].lower()
    s12 = samples["S12"]  # G1202R at 3.0% after alectinib
    assert "so whether G1202R explains the progression is uncertain." in s12["pgp"]["note"]
    assert "if G1202R is in most tumour cells (alkannot" not in s12["pgp"]["note"]


def test_with_min_vaf_the_purity_condition_is_unchanged(tmp_path):
    samples, _ = _review13(tmp_path / "r13", "--min-vaf", "0.05")
    note = samples["S01"]["pgp"]["note"]  # G1202R at 35% after alectinib, at or above the cut-off
    assert note.startswith("Not indicated: G1202R (VAF 35.0%) is resistant to alectinib")
    assert "which explains the progression on alectinib if G1202R is in most tumour cells (alkannot does not know the " \
        "tumour's purity)." in note  # fmt: skip
    assert "uncertain" not in note


def test_an_untried_drugs_note_says_in_two_sentences_what_the_call_holds_on(tmp_path):
    samples, rows = _review13(tmp_path / "r13")
    said = (
        "G1202R has no genotype-based envonalkib call in the knowledge base, so whether G1202R explains the progression "
        "on envonalkib is not known. If it does, this call stands; if something else explains that progression, it may "
        "also make this drug less effective"
    )
    assert samples["S16"]["inhibitors"]["lorlatinib"]["note"].endswith(said)
    assert "holds if it does" not in Path(tmp_path / "r13.tsv").read_text()


def test_two_parts_calls_are_joined_before_each_on_its_own(tmp_path):
    doc, _ = annotated_report(
        DATA / "compound" / "trans_and_unphased_grch38.vcf", DATA / "compound" / "samples.tsv", tmp_path / "cp"
    )
    note = next(s for s in doc["samples"] if s["sample"] == "UNPHASED_T")["pgp"]["note"]
    assert note.startswith(
        "Low yield: progressed most recently on lorlatinib, and no clonal ALK mutation is known to explain it (G1202R "
        "(VAF 30.0%) is sensitive to lorlatinib in the knowledge base (reviews only) [LIN17T2; PEL21, "
        "doi:10.1158/1538-7445.AM2021-1468] and L1196M (VAF 30.0%) is sensitive to lorlatinib in the knowledge base "
        "(reviews only) [LIN17T2], each on its own, but here "
        "they may be part of L1196M+G1202R (phase not determined), whose effect on lorlatinib the knowledge base does "
        "not settle). "
    )


def _titles(page: str, sample: str) -> dict[str, str]:
    found = re.findall(rf"<title>({re.escape(sample)} / ([^:]+): [^<]*)</title>", page)
    return {drug: html.unescape(title) for title, drug in found}


def test_the_grid_tooltip_says_the_marks_in_the_legends_words(tmp_path):
    doc, page = annotated_report(
        DATA / "resensitisation" / "resens_grch38.vcf", DATA / "resensitisation" / "samples.tsv", tmp_path / "rs"
    )
    r1 = _titles(page, "R1_C1156Y_L1198F")  # crizotinib -> ceritinib -> lorlatinib; C1156Y+L1198F in cis
    assert r1["crizotinib"].endswith(
        "; sources: sample sheet; progressed: the sample sheet records progression on this inhibitor; re-challenge not "
        "assessed: no --min-vaf (the compound reported to re-sensitise to it is present in cis at comparable allele "
        "fractions, but whether it is the tumour's bulk is not tested; see the card)"
    )
    r7 = _titles(page, "R7_L1198F_subclonal")
    assert r7["alectinib"].endswith(
        "; subclonal basis: the call rests on a compound whose allele fractions put it in at most part of the tumour"
    )
    # the legend's words for the same marks: 'P (framed) = (progressed): the sample sheet records progression ...'
    text = html.unescape(page)
    assert "(progressed): the sample sheet records progression on this inhibitor" in text
    assert "(subclonal basis) = the call rests on a compound whose allele fractions put it in at most part" in text
    for title in r1.values():
        assert "the patient progressed on this inhibitor" not in title and "; rests on " not in title
    # with a clonality cut-off R1's crizotinib is re-sensitised: 'R' in the grid, the card's label in the title
    _, cut = annotated_report(
        DATA / "resensitisation" / "resens_grch38.vcf",
        DATA / "resensitisation" / "samples.tsv",
        tmp_path / "rs5",
        "--min-vaf",
        "0.05",
    )
    assert _titles(cut, "R1_C1156Y_L1198F")["crizotinib"].endswith(
        f"; {MARK_WORDS['resensitised']}: the genotype call is shown, not resistant (see the card)"
    )
    assert doc["samples"][0]["sample"] == "R1_C1156Y_L1198F"
