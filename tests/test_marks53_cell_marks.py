"""Stop 53, helper marks53: a per-inhibitor note that states a change's (or the fusion's) call with its citation says
the evidence mark the drug table gives that call ('(reviews only)', '(preclinical only)', '(one case report)'), as the
P-gp note says it since clin53: the call an untried drug does not use after a progression, a compound's parts' calls,
the genotype call of a drug progressed on, the dominant change's own call beside a compound on a subclonal basis.
Through the installed CLI on real tests/data files; each mark checked against `alkannot lookup --json`."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from helpers import annotated_report, run

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
REVIEWS_LINE = (
    "Marks beside a call in the notes: (reviews only) = every statement that decided the call is review-level"
)


def _report(tmp_path: Path, vcf: Path, sheet: Path, *options: str) -> tuple[dict, str]:
    """`alkannot annotate VCF --samples SHEET --report PREFIX [OPTIONS]`: its JSON samples by name, its HTML page."""
    document, page = annotated_report(vcf, sheet, tmp_path / "r", *options)
    return {s["sample"]: s for s in document["samples"]}, html.unescape(page)


def _lookup_calls(change: str) -> dict:
    """`alkannot lookup CHANGE --json`: the change's calls by drug."""
    result = run("lookup", change, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["results"][0]["calls"]


def _card(page: str, sample: str) -> str:
    start = page.index(f'<article class="card" id="s-{sample}"')
    return page[start : page.index("</article>", start)]


def test_the_call_an_untried_drug_does_not_use_carries_the_tables_mark(tmp_path):
    """tests/data/clin47 L1196M after ceritinib: the untried drugs' cells said "the call for L1196M alone is sensitive
    [LIN17T2], which is therefore not used for this patient" where the table and `lookup` mark L1196M's ensartinib
    call "sensitive (reviews only)". The clause now says the mark wherever `lookup` gives it, and only there (alectinib
    rests on EID141 too: unmarked); the card says the same words, and its legend explains the mark, which no row shows
    (the cells are `unknown`)."""
    folder = DATA / "clin47"
    samples, page = _report(tmp_path, folder / "L1196M.vcf", folder / "L1196M.samples.tsv")
    sample = samples["L1196M_ceritinib_T"]
    said = (
        "the call for L1196M alone is sensitive (reviews only) [LIN17T2], which is therefore not used for this patient"
    )
    assert said in sample["inhibitors"]["ensartinib"]["note"]
    card = _card(page, "L1196M_ceritinib_T")
    assert said in card
    assert (
        "the call for L1196M alone is sensitive [LIN17T2; EID141(PMID:21575866)]"
        in (sample["inhibitors"]["alectinib"]["note"])
    )
    calls = _lookup_calls("L1196M")
    stated = 0
    for drug, cell in sample["inhibitors"].items():
        found = re.search(r"the call for L1196M alone is (\w+)( \(reviews only\))? \[", cell["note"])
        if found is None:
            continue
        stated += 1
        assert cell["category"] == "unknown" and not cell["reviews_only"]
        assert found.group(1) == calls[drug]["category"]
        assert bool(found.group(2)) == bool(calls[drug]["reviews_only"]), drug
    assert stated == 4  # every drug but ceritinib, the one progressed on
    assert REVIEWS_LINE in card


def test_a_compounds_parts_calls_carry_the_tables_marks(tmp_path):
    """tests/data/clin47 CIS (L1196M+G1202R in cis): lorlatinib's note said "each single change is sensitive or
    intermediate (L1196M sensitive [LIN17T2]; G1202R sensitive [LIN17T2; PEL21, ...])", both calls marked "(reviews
    only)" in `lookup`; it now says the marks, as does `lookup` of the compound, whose note is the same."""
    folder = DATA / "clin47"
    samples, _ = _report(tmp_path, folder / "CIS.vcf", folder / "CIS.samples.tsv")
    said = (
        "each single change is sensitive or intermediate (L1196M sensitive (reviews only) [LIN17T2]; G1202R sensitive "
        "(reviews only) [LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468])"
    )
    assert said in samples["CIS_crizotinib_T"]["inhibitors"]["lorlatinib"]["note"]
    assert _lookup_calls("L1196M")["lorlatinib"]["reviews_only"]
    assert _lookup_calls("G1202R")["lorlatinib"]["reviews_only"]
    compound = _lookup_calls("L1196M+G1202R")["lorlatinib"]
    assert (
        "(L1196M sensitive (reviews only) [LIN17T2]; G1202R sensitive (reviews only) [LIN17T2; PEL21"
        in (compound["note"])
    )
    # a part whose call rests on a primary source too is not marked: L1196M and alectinib (EID141)
    assert not _lookup_calls("L1196M")["alectinib"]["reviews_only"]
    assert "(L1196M sensitive [LIN17T2; EID141(PMID:21575866)]" in _lookup_calls("L1196M+G1202R")["alectinib"]["note"]


def test_the_genotype_call_of_the_drug_progressed_on_carries_its_mark(tmp_path):
    """tests/data/review31 R1 (G1202R after alectinib then lorlatinib): lorlatinib's cell, resistant from the
    progression, said "the genotype-based call alone would be sensitive (G1202R) [LIN17T2; PEL21, ...]"; the row shows
    "(progressed)", and `lookup` marks the genotype call "(reviews only)": the note now says it beside the call."""
    folder = DATA / "review31"
    samples, page = _report(
        tmp_path, folder / "review_scenarios_grch38.vcf", folder / "samples.tsv", "--min-vaf", "0.05"
    )
    cell = samples["R1"]["inhibitors"]["lorlatinib"]
    assert cell["progressed_on"] and not cell["reviews_only"]
    assert (
        "the genotype-based call alone would be sensitive (G1202R; reviews only) [LIN17T2; PEL21, "
        "doi:10.1158/1538-7445.AM2021-1468]" in cell["note"]
    )
    assert _lookup_calls("G1202R")["lorlatinib"]["reviews_only"]
    assert REVIEWS_LINE in _card(page, "R1")


def test_the_dominant_changes_own_call_beside_a_subclonal_compound_carries_its_mark(tmp_path):
    """tests/data/compound_minor M3_alectinib_20pct (L1196M at 40%, G1202R at 20%, --min-vaf 0.1): ensartinib's note
    said "L1196M on its own: sensitive [LIN17T2]" and the compound's inferred note "(L1196M sensitive [LIN17T2]; ...)";
    both now say "(reviews only)", as `lookup` marks L1196M's ensartinib call."""
    folder = DATA / "compound_minor"
    samples, _ = _report(tmp_path, folder / "compound_minor_grch38.vcf", folder / "samples.tsv", "--min-vaf", "0.1")
    note = samples["M3_alectinib_20pct"]["inhibitors"]["ensartinib"]["note"]
    assert "L1196M on its own: sensitive (reviews only) [LIN17T2]" in note
    assert (
        "inferred, least favourable single-mutation call (L1196M sensitive (reviews only) [LIN17T2]; G1202R unknown)"
        in (note)
    )
    assert _lookup_calls("L1196M")["ensartinib"]["reviews_only"]
