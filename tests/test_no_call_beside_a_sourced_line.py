"""An untried drug's cell never says "no statement in the knowledge base" where a source gives the drug's activity
after the patient's treatment history (resources/triage/lines_of_therapy.tsv), and says the figures for what they
are: the history's, not a call on the genotype (clinical review of stop 41, finding 7). P7_T of the example (C1156Y
at 3% after crizotinib, ALK status not given) and P2_T (L1196M after crizotinib) printed "no statement in the
knowledge base" for iruplinalkib, whose INTELLECT trial after crizotinib the same report gives in the cell of a
fusion-only tumour with that history. README's first command on the example, both builds; then the example's calls
under other histories through the library API."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import readme_reports

from alkannot.cohort import build_cohort
from alkannot.kbfiles import load_knowledge_base
from alkannot.sourced_text import sourced_options

EXAMPLE = Path(__file__).resolve().parent.parent / "example_vcfs"
NO_STATEMENT = "no statement in the knowledge base"
INTELLECT = "after crizotinib, in the phase II INTELLECT trial of crizotinib-resistant ALK-positive NSCLC"


@pytest.fixture(scope="module", params=["GRCh38", "GRCh37"])
def example(request, tmp_path_factory):
    samples, _, page, _ = readme_reports(tmp_path_factory.mktemp(f"example_{request.param}") / "report", request.param)
    return samples, page


@pytest.mark.parametrize("sample, change", [("P7_T", "C1156Y"), ("P2_T", "L1196M")])
def test_iruplinalkib_after_crizotinib_gives_intellect_not_no_statement(example, sample, change):
    samples, page = example
    cell = samples[sample]["inhibitors"]["iruplinalkib"]
    assert samples[sample]["progressed_on"] == ["crizotinib"]
    assert NO_STATEMENT not in cell["note"]
    assert INTELLECT in cell["note"]
    # honest: still no call, the change named as what has none, the figures said to be the history's
    assert (cell["category"], cell["sources"], cell["inferred"], cell["subclonal"]) == ("unknown", [], False, False)
    assert cell["note"].startswith(
        f"no statement on {change} and iruplinalkib in the knowledge base: no genotype-based call; the figures that "
        f"follow are for this treatment history, not a call on {change}; sourced activity after this treatment history"
    )
    assert cell["note_sources"] == ["ASCOPOST23", "ZHAO26", "CN25GUIDE"]  # named in the note, not cited for a call
    card = page[page.index(f'id="s-{sample}"') :]
    card = card[: card.index("</article>")]
    (row,) = [r for r in card.split('<tbody class="drug">') if r.startswith("<tr><td>iruplinalkib</td>")]
    assert "INTELLECT" in row and NO_STATEMENT not in row and "named in the note, not counted" in row


def test_a_drug_with_no_sourced_line_keeps_its_note(example):
    samples, _ = example
    for sample in ("P2_T", "P7_T"):  # envonalkib: no line after crizotinib in lines_of_therapy.tsv
        cell = samples[sample]["inhibitors"]["envonalkib"]
        assert cell["note"] == NO_STATEMENT and cell["note_sources"] == []


def _sheet(tmp_path: Path, history: str) -> Path:
    """The example's sample sheet with every sample's history set to `history`."""
    lines = (EXAMPLE / "samples.tsv").read_text().splitlines()
    head = lines[0].split("\t")
    column = head.index("progressed_on")
    rows = []
    for line in lines[1:]:
        fields = line.split("\t")
        fields[column] = history
        rows.append("\t".join(fields))
    path = tmp_path / "samples.tsv"
    path.write_text("\n".join([lines[0], *rows]) + "\n")
    return path


@pytest.mark.parametrize(
    "history", ["crizotinib", "alectinib", "ceritinib", "crizotinib;alectinib", "crizotinib;ceritinib"]
)
def test_no_untried_cell_says_no_statement_beside_a_line_that_applies(tmp_path, history):
    kb = load_knowledge_base()
    folder = EXAMPLE / "GRCh38"
    cohort = build_cohort(
        [str(folder / "tumor_normal.vcf")],
        str(_sheet(tmp_path, history)),
        min_vaf=0.05,
        sv_paths=[str(folder / "sv.vcf")],
        fusion_paths=[f"P5_T={folder / 'fusions.tsv'}"],
    )
    checked = 0
    for verdict in cohort.verdicts:
        progressed = verdict.progressed_on or ()  # P6_T has no row: history unknown
        assert progressed in ((), tuple(history.split(";"))), verdict.sample
        for cell in verdict.inhibitors:
            if cell.progressed_on or cell.category != "unknown":
                continue
            line = sourced_options(kb, progressed, (cell.inhibitor,), pgp_negative=True) if progressed else ""
            if line:
                checked += 1
                assert NO_STATEMENT not in cell.note, (verdict.sample, cell.inhibitor, cell.note)
            if line and not cell.sources:  # no source decides the unknown: the line is what the cell can give
                assert "sourced activity after this treatment history: " in cell.note, (verdict.sample, cell.inhibitor)
    assert checked
