"""After a positive ABCB1 (P-gp) IHC, an ALK-mutation-negative tumour's per-inhibitor cells: every P-gp line carries
the bracketed citation of its sources, brigatinib's and ensartinib's as the others' (review 18); a drug without a
source in the knowledge base says so instead of looking sourced."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from helpers import run

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "example_vcfs" / "GRCh38"
SHEET = Path(__file__).parent / "data" / "review18" / "samples_ihc_positive.tsv"  # P4_T and P5_T, IHC positive
IHC = "ABCB1 (P-gp) IHC positive (sample sheet)"


def _cells(tmp_path: Path, *extra: str) -> dict[str, dict[str, str]]:
    """{sample: {inhibitor: note}} of the IHC-positive samples of the GRCh38 example run with SHEET."""
    prefix = tmp_path / "rep"
    done = run(
        *("-q", "annotate", EXAMPLES / "tumor_normal.vcf", "--sv", EXAMPLES / "sv.vcf"),
        *("--fusions", f"P5_T={EXAMPLES / 'fusions.tsv'}", "--samples", SHEET, "--report", prefix),
        *("-o", f"{prefix}.vcf", *extra),
        text=True,
    )
    assert done.returncode == 0, done.stderr
    samples = json.loads(Path(f"{prefix}.json").read_text())["samples"]
    chosen = {s["sample"]: s for s in samples if s["sample"] in ("P4_T", "P5_T")}
    assert all(s["alk_mutation_negative"] for s in chosen.values())  # mutation-negative, IHC positive
    return {name: {drug: cell["note"] for drug, cell in s["inhibitors"].items()} for name, s in chosen.items()}


def _pgp_part(note: str) -> str:
    """The part of a cell's note that says the IHC: to the end of the note or of its detail (' | '); one part,
    no '; ' (which separates a note's parts) outside its citation."""
    assert note.count(IHC) == 1, note
    part = note[note.index(IHC) :].split(" | ")[0]
    assert "; " not in re.sub(r"\[[^\]]*\]", "", part), part
    return part


def test_every_pgp_line_of_an_ihc_positive_mutation_negative_tumour_is_cited(tmp_path):
    for sample, cells in _cells(tmp_path).items():
        said = {drug: _pgp_part(note) for drug, note in cells.items() if IHC in note}
        assert set(said) == {"crizotinib", "ceritinib", "brigatinib", "ensartinib"}, sample
        for drug, part in said.items():
            assert part.endswith("]"), (sample, drug, part)
        assert said["brigatinib"] == (
            f"{IHC}, P-gp and this drug: a strong ABCB1 substrate, but whether P-gp overexpression makes tumours "
            "resistant to brigatinib has not been tested in the sources read [LI18BRIG, doi:10.1016/j.phrs.2018.09.020]"
        )
        assert said["ensartinib"].startswith(f"{IHC}, P-gp and this drug: sources disagree: P-gp overexpression")
        assert said["ensartinib"].endswith(
            "both in cell models, neither abstract says that the cells were ALK-driven "
            "[WU22ENS, doi:10.3390/cancers14092341; VAG20, doi:10.3390/cancers12040813]"
        )
        assert said["crizotinib"].endswith("in vitro [KAT16, PMID 26870817; SEED, press release on KAT16]")


def test_a_pgp_line_without_a_source_in_the_knowledge_base_says_so(tmp_path):
    kb = tmp_path / "kb"
    assert run("-q", "kb", "export", "-o", kb).returncode == 0
    table = kb / "inhibitors.tsv"
    with table.open(newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    column = rows[0].index("pgp_confers_resistance_sources")
    for row in rows:
        if row[0] == "brigatinib":
            row[column] = ""  # a laboratory's knowledge base without LI18BRIG's row on P-gp
    with table.open("w", newline="") as handle:
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(rows)
    for sample, cells in _cells(tmp_path, "--kb", str(kb)).items():
        part = _pgp_part(cells["brigatinib"])
        assert part.endswith(
            "has not been tested in the sources read (no source in the knowledge base on P-gp and brigatinib)"
        ), (sample, part)
        assert "[" not in part
        assert _pgp_part(cells["ensartinib"]).endswith("VAG20, doi:10.3390/cancers12040813]")
