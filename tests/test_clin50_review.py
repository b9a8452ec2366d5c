"""Report wording left by the final read of stop 49 (rev49's closing note), decided by helper clin50, through the
installed command on example_vcfs/ (README's example without --min-vaf) and tests/data.

1. Without --min-vaf, P7_T (C1156Y at VAF 3.0% after crizotinib) sat in the HTML's on-target box, "sources agreeing",
   while its P-gp note calls the explanation uncertain: its name in the box, its cohort-table cell and its card heading
   say "if clonal", and the box's title says what that means. The contract's values (mechanism on_target, pgp_check
   not_indicated, mechanism_qualified) stay.

2. "Not indicated" beside "P-gp (ABCB1) IHC can still be considered" (P2_T, L1196M after crizotinib) read as a
   contradiction: the note now says what the verdict is about (the change in most tumour cells) before the exception.
3. A negative ABCB1 IHC's note gave the progression and the drug's P-gp effect last, after the other genes'
   findings: it opens with the IHC and what it means for which drug (review19's M10 after ceritinib; M3 with no
   treatment history), the progression next, the other genes' findings last; every source kept.
5. That no clonality cut-off was set was said in P7_T's P-gp note and again in its sample note: it is said once, in
   the sample note, which also says what a cut-off would change.
7. With no treatment history and a change that explains crizotinib and ceritinib (review19's M3, F1174L), "If the
   patient progressed on ..., check P-gp" left out the two drugs whose activity P-gp overexpression reduces [KAT16]:
   they stay in the sentence, for the case the purity condition leaves open.
"""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest
from helpers import EXAMPLES, annotated_report, run

DATA = Path(__file__).resolve().parent / "data"
MUTS = DATA / "review19" / "muts.vcf"
IHC = "(a research use: the sources read give no validated clinical antibody, scoring system or cut-off for it)"


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> dict[str, dict]:
    """README's example (GRCh38, --sv, --fusions P5_T=, the bundled sample sheet) without --min-vaf: the JSON samples
    by name, each with its TSV row ('row') and the HTML page ('page')."""
    folder, prefix = EXAMPLES / "GRCh38", tmp_path_factory.mktemp("clin50") / "r"
    result = run(
        "annotate", folder / "tumor_normal.vcf", "--sv", folder / "sv.vcf",
        "--fusions", f"P5_T={folder / 'fusions.tsv'}", "--samples", EXAMPLES / "samples.tsv",
        "--report", prefix, "-o", f"{prefix}.vcf", text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = Path(f"{prefix}.html").read_text()
    with open(f"{prefix}.tsv", newline="") as handle:
        rows = {r["sample"]: r for r in csv.DictReader(handle, delimiter="\t")}
    doc = json.loads(Path(f"{prefix}.json").read_text())
    return {s["sample"]: {**s, "row": rows[s["sample"]], "page": page} for s in doc["samples"]}


def _review19(tmp: Path, sheet: str, *extra: str) -> dict[str, dict]:
    path = tmp / "sheet.tsv"
    path.write_text("sample\talk_status\tprogressed_on\tabcb1_ihc\tabcb1_tpm\n" + sheet)
    doc, _ = annotated_report(MUTS, path, tmp / "r", *extra)
    return {s["sample"]: s for s in doc["samples"]}


def test_not_indicated_says_what_it_is_about_before_the_exception(example):
    p2 = example["P2_T"]
    assert (p2["mechanism"], p2["pgp_check"]) == ("on_target", "not_indicated")  # the contract's values stay
    assert p2["pgp"]["note"].endswith(
        "so whether L1196M explains the progression is uncertain. If it does, the check is not indicated; if L1196M is "
        "in part of the tumour only, P-gp (ABCB1) IHC can still be considered, as for a tumour without an explaining "
        "mutation."
    )  # the condition said once (rev50): it read '... The check is not indicated if L1196M is in most tumour cells'
    assert p2["pgp"]["note"].count("in most tumour cells") == 1
    assert p2["row"]["pgp_note"] == p2["pgp"]["note"]
    assert "If L1196M is in part of the tumour only" not in p2["pgp"]["note"]


def test_with_no_history_the_explained_drugs_stay_in_the_p_gp_sentence(tmp_path):
    for extra in ((), ("--min-vaf", "0.05")):
        m3 = _review19(tmp_path, "M3\tpositive:IHC\t\t\t\n", *extra)["M3"]
        assert (m3["pgp_check"], m3["pgp"]["context"]) == ("if_progressed", "no_history")
        assert (
            "If the patient progressed on brigatinib, ensartinib, neladalkib, gilteritinib, TPX-0131, iruplinalkib or "
            "envonalkib, or on crizotinib or ceritinib with F1174L in part of the tumour only, check P-gp (ABCB1) by "
            f"IHC {IHC}."
        ) in m3["pgp"]["note"]


def test_the_part_of_the_tumour_case_names_the_change_and_only_where_one_explains(tmp_path):
    """M2, no history, I1171N explaining crizotinib only: the clause names it and that drug; where no change explains
    a drug (M6, R1275Q, activating only), the sentence is as before."""
    samples = _review19(tmp_path, "M2\tpositive:IHC\t\t\t\nM6\tpositive:IHC\t\t\t\n")
    assert (
        "If the patient progressed on ceritinib, brigatinib, ensartinib, neladalkib, gilteritinib, TPX-0131, "
        "iruplinalkib or envonalkib, or on crizotinib with I1171N in part of the tumour only, check P-gp"
    ) in samples["M2"]["pgp"]["note"]
    assert (
        "If the patient progressed on crizotinib, ceritinib, brigatinib, ensartinib, neladalkib, gilteritinib, "
        f"TPX-0131, iruplinalkib or envonalkib, check P-gp (ABCB1) by IHC {IHC}."
    ) in samples["M6"]["pgp"]["note"]


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_on_target_at_any_allele_fraction_is_not_shown_as_settled(example):
    p7 = example["P7_T"]
    assert (p7["mechanism"], p7["pgp_check"], p7["row"]["mechanism_qualified"]) == (
        "on_target",
        "not_indicated",
        "on_target if clonal (no clonality cut-off set)",  # as the card heading says it (rev50; was a bare on_target)
    )
    assert "so whether C1156Y explains the progression is uncertain." in p7["pgp"]["note"]
    text = _text(p7["page"])
    assert (
        "On-target: an ALK mutation resistant or intermediate to the latest drug, sources agreeing (with no treatment "
        "history: any resistance mutation); 'if clonal' beside a name: no clonality cut-off (--min-vaf) was set, so "
        "its mutation counts at any allele fraction and whether it explains the progression is uncertain (see its "
        "P-gp note) P1_T (if clonal: no clonality cut-off set), P2_T (if clonal: no clonality cut-off set), P7_T (if "
        "clonal: no clonality cut-off set) "
    ) in text
    # the cohort table's cell and the card's heading
    assert "C1156Y (3.0%) on-target (ALK resistance mutation) if clonal (no clonality cut-off set) P-gp check" in text
    assert (
        "P7_T on-target (ALK resistance mutation) if clonal (no clonality cut-off set) P-gp check not indicated" in text
    )


def test_with_min_vaf_the_on_target_box_is_as_before(tmp_path):
    folder, prefix = EXAMPLES / "GRCh38", tmp_path / "r"
    result = run(
        "report", folder / "tumor_normal.vcf", "--samples", EXAMPLES / "samples.tsv", "--min-vaf", "0.05",
        "--out", prefix, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = _text(Path(f"{prefix}.html").read_text())
    assert "if clonal" not in text
    assert "sources agreeing (with no treatment history: any resistance mutation) P1_T, P2_T " in text


def test_a_negative_ihc_says_first_what_it_means_for_which_drug(tmp_path):
    sheet = "M10\tpositive:IHC\tceritinib\tnegative\t\nM3\tpositive:IHC\t\tnegative\t\n"
    samples = _review19(tmp_path, sheet)
    m10, m3 = samples["M10"], samples["M3"]
    assert (m10["pgp_check"], m3["pgp_check"]) == ("not_indicated", "not_indicated")
    assert m10["pgp"]["note"].startswith(
        "Not indicated: ABCB1 (P-gp) IHC is already negative (sample sheet): P-gp overexpression, which reduces the "
        "activity of ceritinib in cell models [KAT16, PMID 26870817; SEED, press release on KAT16], was not shown, so "
        f"it is a less likely explanation of the progression on ceritinib, though not excluded (the IHC is {IHC[1:-1]}). "
        "Progressed most recently on ceritinib, and no clonal ALK mutation is known to explain it (I1171N (VAF 30.0%) "
        "is sensitive to ceritinib"
    )
    # said once, in the first sentence, with its sources kept
    assert "P-gp (ABCB1) overexpression reduces the activity of ceritinib" not in m10["pgp"]["note"]
    assert {"KAT16", "SEED"} <= set(m10["pgp"]["sources"])
    assert m10["pgp"]["note"].endswith("review the histology of a re-biopsy for small-cell transformation.")
    assert m3["pgp"]["note"].startswith(
        "Not indicated: ABCB1 (P-gp) IHC is already negative (sample sheet): P-gp overexpression was not shown, so it "
        "is a less likely explanation of a progression on brigatinib, ensartinib, neladalkib, gilteritinib, TPX-0131, "
        "iruplinalkib or envonalkib, or on crizotinib or ceritinib with F1174L in part of the tumour only, though not "
        f"excluded (the IHC is {IHC[1:-1]}). Treatment history is not in the sample sheet; the ALK mutation found "
        "explains resistance to crizotinib and ceritinib"
    )
    assert "the next question" not in m3["pgp"]["note"] and m3["pgp"]["note"].count("already negative") == 1
    assert m3["pgp"]["note"].index("P-gp facts: ") < m3["pgp"]["note"].index("Bypass and co-alteration genes")


def test_no_cut_off_is_said_once_per_sample(example):
    for name, change in (("P7_T", "C1156Y (VAF 3.0%)"), ("P1_T", "G1202R (VAF 31.8%)")):
        s = example[name]
        said = [n for n in (s["pgp"]["note"], *s["notes"]) if "clonality cut-off (--min-vaf) was set" in n]
        # P7_T: what its ALK positivity rests on, said after it (clinical read of stop 52, item c)
        rests = (
            " ALK positivity rests on C1156Y alone here (no ALK status in the sample sheet, no ALK fusion call in this "
            "input); with a cut-off above its VAF it would not be established: give the ALK status in the sample sheet "
            "if it is known."
        )
        assert said == [
            f"No clonality cut-off (--min-vaf) was set for this run, so no variant is set aside as subclonal for its VAF "
            f"alone ({change.replace(' (VAF ', ' at VAF ').rstrip(')')}); with a cut-off, a variant below it would "
            "make on-target resistance only possible."  # the option named once (rev50)
            + (rests if name == "P7_T" else "")
        ], name
        bare = change.split(" ")[0]
        assert (
            f"only if {bare} is in most tumour cells; a VAF alone does not show that (alkannot does not know the tumour's "
            f"purity), so whether {bare} explains the progression is uncertain."
        ) in s["pgp"]["note"]
        assert s["row"]["pgp_note"] == s["pgp"]["note"]
