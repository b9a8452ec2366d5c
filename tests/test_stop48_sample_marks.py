"""Stop 48 review (words48b, task 1): the HTML card explained the knowledge base's marks beside a call in a legend
line under its table, but not the sample's own: '(progressed)' and '(progressed earlier; re-sensitising compound
present)' beside a drug's name, '(P-gp IHC positive: its effect on this drug not established)' and '(subclonal
basis)' beside the call. Each now has one legend line on every card whose table shows it, in the legend's style,
and none on a card that does not show it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from helpers import annotated_report, readme_example

from alkannot.pgp_unsettled import PGP_UNSETTLED_LABEL
from alkannot.report.sample_marks import (
    PROGRESSED_LABEL,
    RESENSITISED_LABEL,
    SUBCLONAL_LABEL,
    sample_mark_meanings,
)

DATA = Path(__file__).parent / "data"
SAMPLE_MARKS = (PROGRESSED_LABEL, RESENSITISED_LABEL, PGP_UNSETTLED_LABEL, SUBCLONAL_LABEL)


def _cards(page: str) -> dict[str, tuple[str, str]]:
    """Each card's per-inhibitor table and the legend under it, unescaped, by sample."""
    text = html.unescape(page)
    cards = {}
    for name, body in re.findall(r'<article class="card" id="s-([^"]+)">(.*?)</article>', text, re.S):
        section = body.partition("<summary>Sensitivity per inhibitor")[2].split("</details>")[0]
        table, _, legend = section.partition("</table>")
        cards[name] = (table, legend)
    return cards


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sample_marks")
    done = readme_example(tmp / "example")  # --min-vaf 0.05; P7_T: ceritinib on C1156Y at 3.0%, subclonal basis
    assert done.returncode == 0, done.stderr
    stop42 = DATA / "stop42_clinical" / "C18_L1196M_after_crizotinib_IHCpos"  # ensartinib, brigatinib: P-gp mark
    resens = DATA / "resensitisation"  # R1: crizotinib re-sensitised by C1156Y+L1198F in cis
    return {
        "example": (tmp / "example.html").read_text(encoding="utf-8"),
        "pgp": annotated_report(
            Path(f"{stop42}.in.vcf"), Path(f"{stop42}.samples.tsv"), tmp / "pgp", "--sv", f"{stop42}.sv.vcf"
        )[1],
        "resens": annotated_report(
            resens / "resens_grch38.vcf", resens / "samples.tsv", tmp / "resens", "--min-vaf", "0.05"
        )[1],
    }


def test_each_sample_mark_shown_has_one_legend_line_and_none_is_unshown(pages):
    meanings = sample_mark_meanings(0.05)
    shown_somewhere = set()
    for page in ("example", "resens"):
        for name, (table, legend) in _cards(pages[page]).items():
            for label in SAMPLE_MARKS:
                line = f"({label}) = {meanings[label]}."
                shown = f"({label})" in table
                shown_somewhere |= {label} if shown else set()
                assert legend.count(line) == (1 if shown else 0), (page, name, label)
    # the P-gp run has no --min-vaf: its cards' lines are those of sample_mark_meanings(None)
    meanings = sample_mark_meanings(None)
    for name, (table, legend) in _cards(pages["pgp"]).items():
        for label in SAMPLE_MARKS:
            shown = f"({label})" in table
            shown_somewhere |= {label} if shown else set()
            assert legend.count(f"({label}) = {meanings[label]}.") == (1 if shown else 0), (name, label)
    assert shown_somewhere == set(SAMPLE_MARKS)  # every mark was tested where a card shows it


def test_the_lines_say_what_each_mark_means(pages):
    """The words, on the cards a clinician reads: P7_T (the example) progressed on crizotinib, its ceritinib call on
    C1156Y at 3.0% (below --min-vaf 0.05); C18's ensartinib under a positive ABCB1 IHC; R1's crizotinib, progressed on
    before ceritinib and lorlatinib, re-sensitised by C1156Y+L1198F in cis."""
    _, p7 = _cards(pages["example"])["P7_T"]
    assert (
        "(progressed) = the sample sheet records progression on this inhibitor: the call is resistant for this "
        "patient whatever the genotype call, which the note gives." in p7
    )
    assert (
        "(subclonal basis) = the call rests on a subclonal or low-level mutation (below the clonality cut-off set "
        "for this run, VAF 0.05) or on a compound whose allele fractions put it in at most part of the tumour" in p7
    )
    (c18_table, c18) = _cards(pages["pgp"])["C18_T"]
    assert f"sensitive</span> (reviews only) ({PGP_UNSETTLED_LABEL})" in c18_table
    assert (
        f"({PGP_UNSETTLED_LABEL}) = the sample sheet records ABCB1 (P-gp) IHC positive, and whether P-gp "
        "overexpression reduces this drug's activity is not established in the sources read" in c18
    )
    # without --min-vaf no cut-off is named (review 7, finding 13)
    assert sample_mark_meanings(None)[SUBCLONAL_LABEL].startswith(
        "the call rests on a compound whose allele fractions put it in at most part of the tumour"
    )
    (r1_table, r1) = _cards(pages["resens"])["R1_C1156Y_L1198F"]
    assert "crizotinib <b>(progressed earlier; re-sensitising compound present)</b>" in r1_table
    assert "the genotype call is shown, not resistant; the note names the reported case." in r1


def test_the_legend_keeps_the_order_a_row_shows_the_marks(pages):
    """The drug's own mark first, then the knowledge base's (C18: '(reviews only)'), then the call's sample marks."""
    _, c18 = _cards(pages["pgp"])["C18_T"]
    positions = [c18.index(f"({label}) = ") for label in (PROGRESSED_LABEL, "reviews only", PGP_UNSETTLED_LABEL)]
    assert positions == sorted(positions)


def _grid_legend(page: str) -> str:
    """The grid's legend lines (the SVG's <text> at x=10 after its colour legend), unescaped, joined by spaces."""
    svg = page[page.index('<section id="grid">') :].split("</svg>")[0]
    return " ".join(html.unescape(t) for t in re.findall(r'<text x="10" y="[\d.]+">([^<]*)</text>', svg))


def test_the_grid_defines_its_letters_as_the_card_its_marks(pages):
    """Words48c, task 1: the grid's legend worded P, R, s and pg apart from the card's legend ('P (framed) = the
    patient progressed on this inhibitor (sample sheet): ...', 'pg = ABCB1 (P-gp) IHC positive (sample sheet), and
    ...'). Each letter now stands for the card's mark, bracketed as the card prints it, defined in the card's legend
    words (one definition per mark), wrapped to the SVG's width: P and s on the example (--min-vaf 0.05), R on the
    re-sensitisation run, pg on C18 (no --min-vaf)."""
    letters = {PROGRESSED_LABEL: "P (framed)", RESENSITISED_LABEL: "R (framed)", SUBCLONAL_LABEL: "s"}
    letters[PGP_UNSETTLED_LABEL] = "pg"
    expected = {
        "example": (0.05, (PROGRESSED_LABEL, SUBCLONAL_LABEL)),
        "resens": (0.05, (PROGRESSED_LABEL, RESENSITISED_LABEL)),
        "pgp": (None, (PROGRESSED_LABEL, PGP_UNSETTLED_LABEL)),
    }
    for page, (min_vaf, labels) in expected.items():
        legend = _grid_legend(pages[page])
        meanings = sample_mark_meanings(min_vaf)
        for label in labels:
            line = f"{letters[label]} = ({label}): {meanings[label]} (see the card)."
            assert legend.count(line) == 1, (page, label, legend)
        # the grid's own wording of stop 42 and before is gone
        assert "the patient progressed on this inhibitor (sample sheet):" not in legend
        assert "pg = ABCB1" not in legend and "R (framed) = progressed on it earlier" not in legend
        svg = pages[page][pages[page].index('<section id="grid">') :].split("</svg>")[0]
        assert all(len(t) <= 96 for t in re.findall(r'<text x="10" y="[\d.]+">([^<]*)</text>', svg))
