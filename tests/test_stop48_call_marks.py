"""The marks beside a call (words48, tasks 1 and 2): one order wherever a call is printed (readings.MARK_ORDER: the
TSV's inhibitor columns, the HTML card, `alkannot lookup`), and one legend line per mark shown, in the same words on
the HTML card and in lookup (readings.MARK_MEANINGS). Before: lookup printed '(other context)' second, the TSV last
of the knowledge base's marks; the card printed '(inferred)' and '(sources disagree)' with no legend line."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

from helpers import annotated_report, readme_example, run

from alkannot.readings import IN_SILICO_LABEL, MARK_MEANINGS, MARK_ORDER
from alkannot.report.tsv import call_cell

DATA = Path(__file__).parent / "data"


def _legend(card: str) -> str:
    """The text between a card's per-inhibitor table and the end of its folded section."""
    return card.partition("</table>")[2].split("</details>")[0]


def test_lookup_prints_the_marks_in_the_reports_order(tmp_path):
    """I1171N+L1196M+G1202R in cis after crizotinib: lorlatinib `resistant` on one EML4-ALK pleural mesothelioma case
    (EID11114). lookup's cell, the TSV's and the card's read alike; lookup's legend explains every mark its table
    shows, in that order."""
    looked = run("lookup", "I1171N+L1196M+G1202R", text=True)
    assert looked.returncode == 0, looked.stderr
    table = looked.stdout.split("# notes on this alteration")[0]
    (row,) = [line for line in table.splitlines() if line.startswith("lorlatinib ")]
    assert "resistant (one case report) (other context)  case_report" in row
    legend = [line for line in table.splitlines() if line.startswith("# (") and ") = " in line]
    assert legend == [
        f"# ({label}) = {MARK_MEANINGS[label]}" for label in ("inferred", "one case report", "other context")
    ]

    document, page = annotated_report(
        DATA / "review38" / "i1171n_l1196m_g1202r_cis.vcf", DATA / "review32" / "after_crizotinib.tsv", tmp_path / "r"
    )
    with open(tmp_path / "r.tsv", newline="") as handle:
        (tsv,) = csv.DictReader(handle, delimiter="\t")
    assert tsv["lorlatinib"] == "resistant (one case report) (other context)"
    assert "resistant</span> (one case report) (other context)" in page
    # the card says what '(other context)' means, once
    (card,) = html.unescape(page).split("<summary>Sensitivity per inhibitor")[1:]
    assert _legend(card).count(f"(other context) = {MARK_MEANINGS['other context']}.") == 1


def test_the_tsv_cell_writes_every_mark_in_mark_order():
    """A call carrying every knowledge-base mark (none does in the bundled knowledge base; the order is what is
    tested) is written in MARK_ORDER, then the sample's own marks."""
    call = {
        "category": "resistant",
        "inferred": True,
        "sources_disagree": True,
        "in_silico": True,
        "preclinical_only": True,
        "case_report_only": True,
        "one_case_report": True,
        "reviews_only": True,
        "other_context": True,
        "subclonal": True,
    }
    shown = [label for label in MARK_ORDER if label != "case reports only"]
    assert call_cell(call) == "resistant" + "".join(f" ({label})" for label in shown) + " (subclonal basis)"


def test_the_card_explains_inferred_and_sources_disagree_once(tmp_path):
    """P3_T (README's example): its calls inferred from L1196M's and G1202R's carry '(inferred)' in several rows and
    one legend line under the table. G1269A after alectinib: `intermediate (sources disagree)`, one legend line, in
    lookup's words."""
    done = readme_example(tmp_path / "r")
    assert done.returncode == 0, done.stderr
    page = html.unescape((tmp_path / "r.html").read_text(encoding="utf-8"))
    p3 = page.split('<article class="card" id="s-P3_T">')[1].split("</article>")[0]
    table, _, _ = p3.partition("<summary>Sensitivity per inhibitor")[2].partition("</table>")
    assert table.count("(inferred)") >= 2
    legend = _legend(p3.partition("<summary>Sensitivity per inhibitor")[2])
    assert legend.count(f"(inferred) = {MARK_MEANINGS['inferred']}.") == 1

    clin47 = DATA / "clin47"
    _, page = annotated_report(clin47 / "G1269A.vcf", clin47 / "G1269A.samples.tsv", tmp_path / "g")
    page = html.unescape(page)
    cards = page.split("<summary>Sensitivity per inhibitor")[1:]
    disputed = [card for card in cards if "intermediate</span> (sources disagree)" in card.partition("</table>")[0]]
    assert disputed, "no card shows G1269A's disputed alectinib call"
    meaning = f"(sources disagree) = {MARK_MEANINGS['sources disagree']}."
    assert all(_legend(card).count(meaning) == 1 for card in disputed)
    looked = run("lookup", "G1269A", text=True)
    assert f"# (sources disagree) = {MARK_MEANINGS['sources disagree']}" in looked.stdout


def test_the_in_silico_legend_line_names_no_rule_file(tmp_path):
    """words48 found it: the card's legend line for '(in silico prediction only)' (MARK_MEANINGS, lookup's words)
    pointed to 'RULES.md 1', which the tumour board's page never shows (tests/test_html_template.py). M5's L1256F after
    crizotinib has lorlatinib's in-silico call on its card: the line is there, in words, without the rule file."""
    data = DATA / "review19"
    _document, page = annotated_report(data / "muts.vcf", data / "m2.sheet.tsv", tmp_path / "r")
    text = html.unescape(page)
    assert f"({IN_SILICO_LABEL}) = {MARK_MEANINGS[IN_SILICO_LABEL]}." in text
    assert "RULES.md" not in text


def _grid_legend(page: str) -> list[str]:
    """The grid's legend lines: the SVG's <text> at x=10 after its colour legend, unescaped."""
    svg = page[page.index('<section id="grid">') :].split("</svg>")[0]
    return [html.unescape(t) for t in re.findall(r'<text x="10" y="[\d.]+">([^<]*)</text>', svg)]


def test_the_grid_legend_defines_each_mark_in_the_cards_words(tmp_path):
    """Stop 48 review: the grid's legend said 'i = inferred: a compound's call taken from its parts' calls; the
    compound itself not tested', loose for two changes in trans and shorter than the card's line. It now says
    readings.MARK_MEANINGS' words, one definition per mark, wrapped over the SVG's lines: the example's P3_T has
    inferred calls; G1269A after crizotinib a call whose sources disagree."""
    result = readme_example(tmp_path / "example")
    assert result.returncode == 0, result.stderr
    lines = _grid_legend((tmp_path / "example.html").read_text())
    joined = " ".join(lines)
    assert f"i = (inferred): {MARK_MEANINGS['inferred']} (see the card)." in joined
    assert joined.count("i = ") == 1 and "the compound itself not tested" not in joined
    assert all(len(line) <= 96 for line in lines), lines  # within the SVG's 640 px at 12 px
    g1269a = DATA / "clin47"  # G1269A after each inhibitor: alectinib's call, where not progressed on, disagrees
    _, page = annotated_report(g1269a / "G1269A.vcf", g1269a / "G1269A.samples.tsv", tmp_path / "g")
    joined = " ".join(_grid_legend(page))
    assert f"d = (sources disagree): {MARK_MEANINGS['sources disagree']} (see the card)." in joined
    assert "the card says who says what" not in joined


def test_the_qualifiers_description_lists_them_in_the_values_order():
    """The ALK_CALL_QUALIFIERS header line defines its qualifiers in the order a call's values are written (words48
    reordered the values to the report's marks; the Description still listed other_context second)."""
    from alkannot.infokeys import CALL_QUALIFIERS

    listed = CALL_QUALIFIERS.description.split("the report's: ", 1)[1]
    order = ["sources_disagree", "in_silico", "preclinical_only", "case_report_only", "reviews_only", "other_context"]
    positions = [listed.index(f"{token} (") for token in order]
    assert positions == sorted(positions)


def test_one_table_names_every_mark_and_its_words():
    """Stop 49 (arch49, task 3): the TSV cell, the card's marks and the card's legend read which marks a call carries
    from one table (sample_marks.MARK_WORDS: the JSON key -> the words printed), in the order the ##alkannotSample
    Calls= qualifiers are written and, for the knowledge base's marks, readings.MARK_ORDER."""
    from alkannot.readings import CASE_REPORTS_LABEL, ONE_CASE_REPORT_LABEL
    from alkannot.report.sample_marks import BESIDE_CALL, MARK_WORDS
    from alkannot.sample_header import CALL_MARKS

    assert tuple(MARK_WORDS) == CALL_MARKS
    knowledge_base = [MARK_WORDS[code] for code in BESIDE_CALL if MARK_WORDS[code] in MARK_ORDER]
    assert knowledge_base == [label for label in MARK_ORDER if label != ONE_CASE_REPORT_LABEL]
    assert MARK_WORDS["case_report_only"] == CASE_REPORTS_LABEL


def test_the_card_legend_is_read_from_the_calls_keys_not_their_text():
    """The legend lists a mark because a drug's call carries its key (and, for '(progressed)', not the re-sensitised
    mark instead), whatever the card's rendered marks say: an entry with no rendered strings at all still gets its
    lines, in the card's order (the drug's name's, the knowledge base's, the call's)."""
    from alkannot.report.sample_marks import PROGRESSED_LABEL, SUBCLONAL_LABEL, mark_legend

    drugs = [
        {"progressed_on": True, "resensitised": True, "other_context": True},
        {"progressed_on": True, "case_report_only": True, "one_case_report": True, "subclonal": True},
        {"inferred": False, "rechallenge_untested": True},
    ]
    labels = [label for label, _ in mark_legend(drugs, 0.05)]
    assert labels == [
        PROGRESSED_LABEL,
        "progressed earlier; re-sensitising compound present",
        "one case report",
        "other context",
        SUBCLONAL_LABEL,
    ]
    assert mark_legend([{"category": "sensitive", "in_silico_mark": " (inferred)"}]) == []


def test_lookup_reads_its_marks_from_the_reports_table():
    """Stop 50 (arch50, item 2): lookup's table, its legend and its JSON read which marks a call carries from one
    reading of the call (readings.mark_flags since arch50b, lookup_json.mark_flags before; keyed by the report's
    codes) and print them from the report's one table (sample_marks.MARK_WORDS, call_marks, mark_legend); lookup's
    modules hold no mark words or order of their own (before: lookup._marks keyed its own dict by the readings
    labels, a second copy of the order)."""
    import ast
    import inspect

    from alkannot import lookup_json, lookup_text
    from alkannot.evidence import InhibitorCall
    from alkannot.readings import ONE_CASE_REPORT_LABEL, mark_flags
    from alkannot.report.sample_marks import BESIDE_CALL, MARK_WORDS

    mark_names = re.compile(r"[A-Z_]+_LABEL|MARK_ORDER|MARK_MEANINGS|marks_text")
    for module in (lookup_text, lookup_json):
        tree = ast.parse(inspect.getsource(module))
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        used |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        own = sorted(name for name in used if mark_names.fullmatch(name))
        assert not own, f"{module.__name__} names {own}"
    codes = set(mark_flags(InhibitorCall("unknown")))
    assert codes - {"one_case_report"} <= set(BESIDE_CALL)  # 'one_case_report' picks case_report_only's words
    assert {MARK_WORDS[code] for code in codes if code in MARK_WORDS} | {ONE_CASE_REPORT_LABEL} == set(MARK_ORDER)
