"""A compound's call inferred from its parts lists what its parts list without counting, with their reason, and
never cites it (clinical review of stop 41, finding 13): TPX-0131 and G1202R or L1196M alone list PMO21 (trade press,
"no assay, cells or numbers are given"); L1196M+G1202R in cis (the example's P3_T), inferred from those two calls,
cited PMO21 as the call's source (JSON `sources`, the TSV's inhibitor_sources, the HTML grid's "sources: PMO21") and
dropped the reason. README's first command on the bundled example, both builds, and `alkannot lookup`."""

from __future__ import annotations

import json
import re

import pytest
from helpers import readme_reports, run

from alkannot.kbfiles import load_knowledge_base

REASON = "no assay, cells or numbers are given"


@pytest.fixture(scope="module", params=["GRCh38", "GRCh37"])
def example(request, tmp_path_factory):
    """README's first command on the example of one build: (JSON samples, TSV rows, HTML page), by sample name."""
    samples, tsv, page, _ = readme_reports(
        tmp_path_factory.mktemp(f"example_{request.param}") / "report", request.param
    )
    return samples, tsv, page


def test_the_compound_lists_pmo21_as_its_parts_do_with_the_reason(example):
    samples, _, _ = example
    for name in ("P1_T", "P2_T", "P3_T"):  # G1202R, L1196M, L1196M+G1202R (cis)
        tpx = samples[name]["inhibitors"]["tpx0131"]
        assert (tpx["category"], tpx["sources"], tpx["listed_sources"]) == ("unknown", [], ["PMO21"]), name
        assert REASON in tpx["note"], name
    compound = samples["P3_T"]["inhibitors"]["tpx0131"]
    assert compound["inferred"] and compound["basis"] == "L1196M+G1202R (cis)"
    assert (
        "not counted, as for L1196M and G1202R alone: PMO21: company claim relayed by trade press" in compound["note"]
    )
    # PMO21 is mutation-level data, listed: not 'no mutation-level data for this alteration'
    assert "no mutation-level data" not in compound["note"]


def test_the_tsv_and_the_html_grid_list_it_apart_from_the_sources(example):
    _, tsv, html = example
    row = tsv["P3_T"]
    assert "PMO21" not in row["inhibitor_sources"].split(";")
    assert "TPX-0131: PMO21" in row["inhibitor_listed_sources"].split(";")
    grid = re.search(r"P3_T / TPX-0131: [^\"<]*", html).group(0)
    assert "sources: none; also listed, not counted: PMO21" in grid, grid
    assert "sources: PMO21" not in grid


def test_a_part_that_decides_keeps_its_listed_sources_listed_for_the_compound(example):
    """G1202R sets L1196M+G1202R's brigatinib call (resistant); LIN17T2's footnote and JAIN17's review are listed,
    not counted, for G1202R alone (P1_T), and so for the compound, with their reason."""
    samples, _, _ = example
    single, compound = samples["P1_T"]["inhibitors"]["brigatinib"], samples["P3_T"]["inhibitors"]["brigatinib"]
    assert compound["listed_sources"] == single["listed_sources"] == ["LIN17T2", "JAIN17"]
    assert not set(compound["listed_sources"]) & set(compound["sources"])
    assert "not counted, as for G1202R alone: LIN17T2: review footnote a" in compound["note"]


def _calls(query: str) -> dict:
    done = run("lookup", query, "--json", text=True)
    assert done.returncode == 0, done.stderr
    (result,) = json.loads(done.stdout)["results"]
    return result["calls"]


def test_lookup_sorts_them_as_the_report_does():
    for query in ("G1202R", "L1196M", "L1196M+G1202R"):
        tpx = _calls(query)["tpx0131"]
        assert (tpx["sources"], tpx["listed_sources"]) == ([], ["PMO21"]), query
    text = run("lookup", "L1196M+G1202R", text=True).stdout
    assert "PMO21: Precision Medicine Online" in text  # in the legend, as for the single change


@pytest.mark.parametrize(
    "parts", [["L1196M", "G1202R"], ["F1174L", "G1202R"], ["I1171N", "F1174I"], ["C1156Y", "G1269A"]]
)
@pytest.mark.parametrize("phase", ["cis", "trans"])
def test_no_inferred_call_cites_a_source_its_parts_only_list(parts, phase):
    kb = load_knowledge_base()
    call = kb.call_compound(parts, phase=phase)
    singles = [kb.call_variant(p, None, True) for p in parts]
    for inhibitor, c in call.calls.items():
        if not c.inferred:
            continue
        counted = {s for single in singles for s in single.calls[inhibitor].counted_sources}
        only_listed = {s for single in singles for s in single.calls[inhibitor].listed_sources} - counted
        assert not only_listed & set(c.counted_sources), (parts, inhibitor)
        assert set(c.listed) <= only_listed | {s for single in singles for s in single.calls[inhibitor].sources}
