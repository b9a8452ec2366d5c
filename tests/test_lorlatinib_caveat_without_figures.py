"""After a second-generation inhibitor with no sourced lorlatinib figure for that history (brigatinib), the lorlatinib
cell still says guidance 4.1's caveat (lorlatinib may be less effective when no ALK mutation is found: SHAW19, GAI16),
on its own instead of beside a figure, and names its sources among the cell's note_sources (data: tests/data/review32,
PROVENANCE.md there)."""

from __future__ import annotations

from pathlib import Path

from helpers import annotated_report

DATA = Path(__file__).parent / "data" / "review32"
CAVEAT = (
    "lorlatinib may be less effective when no ALK mutation is found: after at least one second-generation ALK "
    "inhibitor it was more effective in patients with ALK mutations than in those without, as two news summaries of "
    "that analysis report it (the paper was not read) [SHAW19"
)


def lorlatinib_cell(tmp_path: Path, drug: str) -> dict:
    document, _ = annotated_report(
        DATA / "fusion_only.vcf",
        DATA / f"after_{drug}.tsv",
        tmp_path / drug,
        "--sv",
        DATA / "fusion_only_sv.vcf",
        "--min-vaf",
        "0.05",
    )
    (sample,) = document["samples"]
    return sample["inhibitors"]["lorlatinib"]


def test_after_brigatinib_the_caveat_is_said_without_a_figure(tmp_path):
    cell = lorlatinib_cell(tmp_path, "brigatinib")
    assert cell["category"] == "unknown"
    assert CAVEAT in cell["note"]
    assert {"SHAW19", "GAI16"} <= set(cell["note_sources"]) and not {"SHAW19", "GAI16"} & set(cell["sources"])


def test_after_alectinib_the_figures_sources_are_named_too(tmp_path):
    cell = lorlatinib_cell(tmp_path, "alectinib")
    assert "32.1%" in cell["note"] and {"SHAW19", "GAI16"} <= set(cell["note_sources"])


def test_after_lorlatinib_no_caveat(tmp_path):
    cell = lorlatinib_cell(tmp_path, "lorlatinib")
    assert "SHAW19" not in cell["note"] and "GAI16" not in cell["note"]
