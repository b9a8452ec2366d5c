"""Clinical review of stop 49, third pass (helper clin49c), through the installed command on tests/data.

1. With no treatment history in the sample sheet and no --min-vaf, the P-gp note still said "the ALK mutation found
   explains resistance to crizotinib and ceritinib if F1174L is in most tumour cells (alkannot does not know the
   tumour's purity)", the reading clin49b replaced where the history is known (tests/test_clin49b_review.py, finding
   2): no clonality cut-off tested the change and no source read gives a VAF or purity cut-off. Without --min-vaf the
   condition is now a sentence of its own after what the change explains, naming the change with its VAF and saying
   that whether it explains such a progression is uncertain; with --min-vaf the sentence is as before. Both paths of
   pgp._history_unknown: tests/data/review19's M3 (F1174L at VAF 30%: explains crizotinib and ceritinib, not
   brigatinib) and, for the path where the change explains every inhibitor after which the check is recommended, M3
   with a lab's edited knowledge base that calls F1174L resistant to every one of them (no bundled call does).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import annotated_report, run

DATA = Path(__file__).resolve().parent / "data"
MUTS = DATA / "review19" / "muts.vcf"
SHEET = "sample\talk_status\tprogressed_on\tabcb1_ihc\tabcb1_tpm\nM3\tpositive:IHC\t\t\t\n"
# that no clonality cut-off was set is said in the sample's notes, not again here (rev49, finding 5)
UNTESTED = (
    "only if it is in most tumour cells; a VAF alone does not show that (alkannot does not know the tumour's purity), "
    "so whether F1174L explains such a progression is uncertain."
)
PURITY = "if F1174L is in most tumour cells (alkannot does not know the tumour's purity)"
# the inhibitors after whose progression the check is recommended (bundled inhibitor table): P-gp reduces or may
# reduce their activity, or nothing is known
RECOMMENDING = ("brigatinib", "ensartinib", "neladalkib", "gilteritinib", "tpx0131", "iruplinalkib", "envonalkib")


def _m3(tmp: Path, name: str, *extra) -> dict:
    sheet = tmp / "sheet.tsv"
    sheet.write_text(SHEET)
    doc, _ = annotated_report(MUTS, sheet, tmp / name, *map(str, extra))
    (m3,) = [s for s in doc["samples"] if s["sample"] == "M3"]
    with open(tmp / f"{name}.tsv", newline="") as handle:
        (row,) = [r for r in csv.DictReader(handle, delimiter="\t") if r["sample"] == "M3"]
    return {**m3, "row": row}


def test_with_no_history_and_no_min_vaf_the_condition_says_the_call_is_uncertain(tmp_path):
    m3 = _m3(tmp_path, "r")
    note = m3["pgp"]["note"]
    assert (m3["pgp_check"], m3["pgp"]["context"]) == ("if_progressed", "no_history")  # the design stays
    assert note.startswith(
        "If progressed: treatment history is not in the sample sheet; the ALK mutation found explains resistance to "
        "crizotinib and ceritinib [LIN17T2; EID33(PMID:21030459)] but not to brigatinib (sensitive in the knowledge base, reviews only); whether it explains "
        "resistance to ensartinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib or envonalkib is not known. "
        f"F1174L (VAF 30.0%) explains a progression on crizotinib or ceritinib {UNTESTED} If the patient progressed on "
        "brigatinib, "
    )
    assert PURITY not in note and m3["row"]["pgp_note"] == note


def test_with_no_history_and_min_vaf_the_condition_is_unchanged(tmp_path):
    note = _m3(tmp_path, "r", "--min-vaf", "0.05")["pgp"]["note"]
    assert note.startswith(
        "If progressed: treatment history is not in the sample sheet; the ALK mutation found explains resistance to "
        f"crizotinib and ceritinib [LIN17T2; EID33(PMID:21030459)] {PURITY} but not to brigatinib (sensitive in the knowledge base, reviews only); whether it "
        "explains resistance to ensartinib, "
    )
    assert "uncertain" not in note


@pytest.fixture(scope="module")
def every_drug_kb(tmp_path_factory) -> Path:
    """A lab's edited knowledge base (`kb export`, then edited) calling F1174L resistant to every inhibitor after which
    the check is recommended, each row citing LIN17T2 as the bundled F1174L rows do: a test fixture, not a claim."""
    kb = tmp_path_factory.mktemp("clin49c_kb") / "kb"
    assert run("-q", "kb", "export", "-o", kb).returncode == 0
    table = kb / "calls.tsv"
    with table.open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    (template,) = [
        r for r in rows if (r["alteration"], r["inhibitor"], r["sources"]) == ("F1174L", "ceritinib", "LIN17T2")
    ]
    kept = [r for r in rows if not (r["alteration"] == "F1174L" and r["inhibitor"] in RECOMMENDING)]
    kept += [{**template, "inhibitor": drug, "origin": f"edited:F1174L:{drug}"} for drug in RECOMMENDING]
    with table.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    return kb


def test_a_change_explaining_every_such_drug_keeps_the_sources_sentence_whole(tmp_path, every_drug_kb):
    """The path where the change explains every inhibitor after which the check is recommended: the condition follows
    the ': F1174L (VAF 30.0%) is resistant ...' sentence without --min-vaf, and sits before its colon with it."""
    m3 = _m3(tmp_path, "r", "--kb", every_drug_kb)
    note = m3["pgp"]["note"]
    assert (m3["pgp_check"], m3["pgp"]["context"]) == ("not_indicated", "explained_by_mutation")
    head = (
        "Not indicated: treatment history is not in the sample sheet, but the ALK mutation found explains resistance "
        "to crizotinib, ceritinib, brigatinib, ensartinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib and "
        "envonalkib (every inhibitor whose activity P-gp overexpression reduces or may reduce, or whose P-gp effect is "
        "unknown)"
    )
    assert note.startswith(f"{head}: F1174L (VAF 30.0%) is resistant to crizotinib")
    assert (
        f"to envonalkib (reviews only) [LIN17T2] in the knowledge base. F1174L explains a progression on any of them {UNTESTED} If it "
        "does, the check is not indicated; if F1174L is in part of the tumour only and the patient progressed on "
        "crizotinib, "  # the condition said once (rev50)
    ) in note
    assert PURITY not in note and note.count("(VAF 30.0%)") == 1
    cut = _m3(tmp_path, "cut", "--kb", every_drug_kb, "--min-vaf", "0.05")["pgp"]["note"]
    assert cut.startswith(f"{head} {PURITY}: F1174L (VAF 30.0%) is resistant to crizotinib")
    assert "uncertain" not in cut


def test_min_vaf_is_said_to_be_the_laboratorys_unsourced_cut_off():
    """Task 3: every example runs with --min-vaf 0.05 and nothing said that no source gives that (or any) value; the
    option's help and the README's usage say it is the laboratory's own cut-off."""
    for command in ("annotate", "report"):
        result = run(command, "--help", text=True, env={"COLUMNS": "400", "PATH": ""})
        assert result.returncode == 0, result.stderr
        assert "the laboratory's own clonality cut-off, which no source read gives." in " ".join(result.stdout.split())
    readme = " ".join((Path(__file__).resolve().parent.parent / "README.md").read_text().split())
    assert (
        "The # laboratory's own clonality cut-off: no source read gives one (the # examples' 0.05 is an example, not "
        "a recommendation)" in readme
    )
