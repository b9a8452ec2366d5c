"""The P-gp note's "which explains the progression on X" says "if it is in most tumour cells" wherever it names a
VAF: a change at or above --min-vaf is taken as clonal, but a VAF alone does not show how much of the tumour
carries it (review 19, finding 2: G1202R at 6% after ceritinib). Through the installed entry point."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run

DATA = Path(__file__).parent / "data" / "review19"
CAVEAT = "if G1202R is in most tumour cells (alkannot does not know the tumour's purity)"  # named (review 21)


def _m9(tmp_path: Path, vaf: str) -> dict:
    """M9 of the reviewer's VCF (G1202R, its AD/AF set to `vaf`) after crizotinib then ceritinib, --min-vaf 0.05."""
    text = (DATA / "muts.vcf").read_text().replace("0/1:194,6:0.03:200", vaf)
    (tmp_path / "m.vcf").write_text(text)
    (tmp_path / "s.tsv").write_text("sample\talk_status\tprogressed_on\nM9\tpositive:IHC\tcrizotinib;ceritinib\n")
    done = run(
        "annotate", tmp_path / "m.vcf", "--samples", tmp_path / "s.tsv", "--min-vaf", "0.05",
        "-o", tmp_path / "o.vcf", "--report", tmp_path / "r", text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return next(s for s in json.loads((tmp_path / "r.json").read_text())["samples"] if s["sample"] == "M9")


def test_a_six_percent_g1202r_explains_only_if_it_is_in_most_tumour_cells(tmp_path):
    m9 = _m9(tmp_path, "0/1:188,12:0.06:200")
    assert m9["mechanism"] == "on_target" and m9["pgp_check"] == "not_indicated"
    note = m9["pgp"]["note"]
    assert note.startswith("Not indicated: G1202R (VAF 6.0%) is resistant to ceritinib")
    assert note.endswith(
        f"which explains the progression on ceritinib {CAVEAT}; if it is in part "
        "of the tumour only, P-gp (ABCB1) IHC can still be considered, as for a tumour without an explaining mutation."
    )  # the condition said once (rev50); 'not indicated' once, in the label (rev50b)
    assert note.count("not indicated") + note.count("Not indicated") == 1


def test_below_min_vaf_the_note_already_says_may_explain(tmp_path):
    m9 = _m9(tmp_path, "0/1:194,6:0.03:200")
    assert m9["pgp_check"] == "recommended"
    assert CAVEAT not in m9["pgp"]["note"] and "explains the progression" not in m9["pgp"]["note"]
