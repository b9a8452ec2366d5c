"""What a thoracic oncologist read in README's example report (oncologist reading of stop 28), as the real run
writes it (helpers.readme_example: README's first command on the GRCh38 example).

1. P7_T (no ALK status, progressed on crizotinib) sat in the box "P-gp check not indicated" beside P1_T and P2_T
   though its note says the check is recommended if ALK-positive: the page shows it apart, the flag unchanged.
2. P7_T's note said a run with the ALK status adds "the activity after this history", which its cells already give:
   it now names what the full note adds.
3. P6_T and P7_T: "Not assessable" in the summary, "on-target possible" in the heading and table: one verdict.
4. P6_T's "Fusion: negative" from DNA SV calls alone says what it does not exclude.
5. P3_T's inferred compound calls are marked in the grid ('i') and say so in the tooltip.
"""

from __future__ import annotations

import html as html_text
import re

import pytest
from helpers import readme_reports

from alkannot.report.tags import mechanism_tag

WAITING = "P-gp check not indicated until the ALK status is known"
NOT_SHOWN = "not assessable (ALK positivity not shown); on-target possible if ALK-driven"
SV_ONLY = "no ALK fusion in the DNA SV calls; this does not exclude one: confirm by IHC, FISH or RNA"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    samples, tsv, html, doc = readme_reports(tmp_path_factory.mktemp("stop28") / "r")
    return samples, tsv, html_text.unescape(html), doc["sources"]


def _boxes(page: str) -> dict[str, str]:
    """Each summary box's title and the samples it names."""
    found = re.findall(r'<div class="box [^"]+"><div class="n">\d+</div><div><b>([^<]+)</b></div>\s*'
                       r'<div class="small">([^<]*)</div>', page)  # fmt: skip
    return dict(found)


def _row(page: str, sample: str) -> str:
    return re.search(rf'<tr><td><a href="#s-{sample}">{sample}</a></td>.*?</tr>', page).group(0)


def _heading(page: str, sample: str) -> str:
    return re.search(rf"<h3>{sample} .*?</h3>", page).group(0)


def test_p7_is_apart_from_the_not_indicated_box_and_tagged_with_the_check_once_alk_positive(example):
    samples, tsv, page, sources = example
    boxes = _boxes(page)
    assert boxes["P-gp check not indicated"] == "P1_T, P2_T"
    waiting = next(v for k, v in boxes.items() if k.startswith(WAITING))
    assert waiting == "P6_T, P7_T (recommended if ALK-positive)"
    for where in (_row(page, "P7_T"), _heading(page, "P7_T")):
        assert f'<span class="tag alk_unknown">{WAITING} (recommended if ALK-positive)</span>' in where
    assert f'<span class="tag alk_unknown">{WAITING}</span>' in _heading(page, "P6_T")  # no history: no check yet
    # the contract's values unchanged; the machine-readable reason is pgp.context / pgp_context
    assert samples["P7_T"]["pgp_check"] == tsv["P7_T"]["pgp_check"] == "not_indicated"
    assert samples["P7_T"]["pgp"]["context"] == tsv["P7_T"]["pgp_context"] == "alk_not_established"


def test_p7_note_names_what_the_full_advice_adds_not_what_its_cells_give(example):
    samples, tsv, page, sources = example
    note = samples["P7_T"]["pgp"]["note"]
    assert "the activity after this history" not in note and "A run whose sample sheet" not in note
    assert note.endswith(
        "Give the ALK status in the sample sheet for the full P-gp advice, which adds how often P-gp overexpression "
        "was found, what was seen in P-gp-overexpressing cells (if P-gp IHC is positive), the P-gp inhibitor "
        "combination (preclinical), the P-gp facts per inhibitor, which inhibitors ABCB1 transports (a "
        "pharmacokinetic question) and the prompt to review the re-biopsy's histology "
        "for small-cell transformation."
    )
    # what it names as left out is indeed not in this note; the cells give the activity after the history
    assert "P-gp facts: " not in note and "MS209" not in note and "3 of 11" not in note
    assert "sourced activity after this treatment history" in samples["P7_T"]["inhibitors"]["alectinib"]["note"]
    assert tsv["P7_T"]["pgp_note"] == note


def test_p6_and_p7_say_not_assessable_first_in_table_and_heading_as_in_the_summary(example):
    samples, tsv, page, sources = example
    boxes = _boxes(page)
    assert boxes["Not assessable (no ALK evidence at all, or ALK positivity not shown)"] == "P6_T, P7_T"
    for sample in ("P6_T", "P7_T"):
        assert f'<span class="tag not_assessable">{NOT_SHOWN}</span>' in _row(page, sample)
        assert f'<span class="tag not_assessable">{NOT_SHOWN}</span>' in _heading(page, sample)
        assert ">on-target possible<" not in _row(page, sample) + _heading(page, sample)
        assert tsv[sample]["mechanism"] == samples[sample]["mechanism"] == "on_target_possible"
        assert tsv[sample]["assessable"] == "false"


def test_p6_negative_fusion_from_sv_calls_says_what_it_does_not_exclude(example):
    samples, tsv, page, sources = example
    assert f"<td>negative ({SV_ONLY})</td>" in _row(page, "P6_T")
    assert f"<b>Fusion:</b> negative ({SV_ONLY});" in page
    note = f"Fusion negative ({SV_ONLY}). FISH and ALK (D5F3) IHC are accepted tests of ALK status [PMC6720438, "
    assert any(n.startswith(note) for n in samples["P6_T"]["notes"]), samples["P6_T"]["notes"]
    # the card says the clause once, on its fusion line; its note keeps the accepted tests (final review of stop 28,
    # finding 6: P6_T printed it twice)
    card = page[page.index("<h3>P6_T") : page.index("<h3>", page.index("<h3>P6_T") + 1)]
    assert card.count(SV_ONLY) == 1
    assert "<li>To confirm the fusion status: FISH and ALK (D5F3) IHC are accepted tests of ALK status" in card
    assert {"PMC6720438", "URU18", "WYN14"} <= set(sources)  # listed in the report's sources, linked in the HTML
    assert 'href="#src-PMC6720438"' in page or 'id="src-PMC6720438"' in page
    assert samples["P6_T"]["fusion"] == tsv["P6_T"]["fusion"] == "negative"
    # a sample whose fusion table covers it (P5_T) or that no SV call covers (P7_T) gets no such words
    assert SV_ONLY not in _row(page, "P5_T") + _row(page, "P7_T")


def test_p3_inferred_compound_calls_are_marked_in_the_grid(example):
    samples, tsv, page, sources = example
    inferred = [d for d, c in samples["P3_T"]["inhibitors"].items() if c.get("inferred")]
    assert "ceritinib" in inferred
    cells = re.findall(r"<g><title>(P3_T / [^<]+)</title>(.*?)</g>", page)
    assert cells
    for title, marks in cells:
        drug_inferred = re.search(r": \w+ \(inferred\);", title) is not None
        assert drug_inferred == ('font-weight="bold" fill="#000">i</text>' in marks), title
    ceritinib = next(t for t, _ in cells if t.startswith("P3_T / ceritinib"))
    # the mark the TSV and the card print, "(inferred)", its meaning in the grid's legend (voc47: one phrase per mark)
    assert ceritinib.startswith("P3_T / ceritinib: resistant (inferred);")
    # in the card's and lookup's words (readings.MARK_MEANINGS; stop 48 review), over the SVG's lines
    assert (
        '<text x="10" y="' in page and "i = (inferred): the knowledge base has no statement on this combination" in page
    )
    assert "the compound itself not tested" not in page
    # measured calls stay unmarked
    assert all("inferred" not in t for t, _ in re.findall(r"<g><title>(P1_T / [^<]+)</title>(.*?)</g>", page))


def test_the_sv_only_note_is_left_out_where_the_sheet_gives_the_alk_status(tmp_path):
    """A sheet that gives P6_T's ALK status (negative by IHC) already reports a test: the note asking to confirm by
    IHC, FISH or RNA is not printed (final reading of stop 28, finding 6)."""
    import json

    from helpers import EXAMPLES, run

    sheet = tmp_path / "samples.tsv"
    sheet.write_text((EXAMPLES / "samples.tsv").read_text() + "P6_T\tnegative:IHC\t\t\t\t\n")
    folder = EXAMPLES / "GRCh38"
    done = run(
        "annotate", folder / "tumor_normal.vcf", "--sv", folder / "sv.vcf",
        "--fusions", f"P5_T={folder / 'fusions.tsv'}", "--samples", sheet, "--min-vaf", "0.05",
        "--report", tmp_path / "r", "-o", tmp_path / "r.vcf.gz", text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    samples = {s["sample"]: s for s in json.loads((tmp_path / "r.json").read_text())["samples"]}
    assert samples["P6_T"]["fusion"] == "negative"
    assert not [n for n in samples["P6_T"]["notes"] if SV_ONLY in n]
    assert SV_ONLY not in (tmp_path / "r.html").read_text()


@pytest.mark.parametrize(
    "context, mechanism, label",
    [
        ("alk_negative", "unexplained", "not assessable (ALK-negative in the sample sheet)"),
        (
            "alk_status_discordant",
            "on_target",
            "not assessable (ALK status discordant: see the note); on-target (ALK resistance mutation) if ALK-driven",
        ),
        ("alk_not_established", "on_target_possible", NOT_SHOWN),
    ],
)
def test_the_heading_says_what_puts_alk_positivity_in_question(context, mechanism, label):
    """A sample sheet that gives ALK-negative is not 'ALK positivity not shown' (clinical review of stop 39, finding
    9); the JSON/TSV mechanism keeps its value, only the page's words differ."""
    sample = {"mechanism": mechanism, "pgp": {"context": context}, "assessable": False, "progressed_on": ["crizotinib"]}
    assert mechanism_tag(sample) == {"key": "not_assessable", "label": label}
