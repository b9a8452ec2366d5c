"""Review of stop 28's change, through the installed entry point on the bundled example (README's first command):
the conditional P-gp note of a tumour whose ALK positivity is not established keeps the cited reason and the
off-target candidates (finding 1); the P-gp rows' heading says 'P-gp-overexpressing' once, in the rows (finding 2);
the general rows come before the P-gp rows whatever the file's order (finding 3); the untried cells' words after an
unexplained progression (finding 4); one wording for a VAF and for the cut-off (finding 5)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import EXAMPLES, readme_example, run

from alkannot import lines_of_therapy as therapy_lines
from alkannot import sourced_text
from alkannot.kbfiles import load_knowledge_base
from alkannot.lines_of_therapy import lines_of_therapy
from alkannot.sourced_text import sourced_options


def _example(tmp_path: Path) -> dict[str, dict]:
    done = readme_example(tmp_path / "r")
    assert done.returncode == 0, done.stderr
    return {s["sample"]: s for s in json.loads((tmp_path / "r.json").read_text())["samples"]}


def _with_p7_met_gain(tmp_path: Path) -> Path:
    """The example's SV/CNV VCF with a P7_T column: no ALK fusion read (reference reads only) and the MET
    duplication at CN=9 (P5_T's call)."""
    lines = []
    for line in (EXAMPLES / "GRCh38" / "sv.vcf").read_text().splitlines():
        fields = line.split("\t")
        if line.startswith("#CHROM"):
            fields.append("P7_T")
        elif not line.startswith("#"):
            # MET: P5_T's 0/1:9; elsewhere P6_T's read counts with no alternative read
            fields.append(fields[13] if fields[4] == "<DUP>" else re.sub(r",\d+", ",0", fields[14]))
        lines.append("\t".join(fields))
    path = tmp_path / "sv_p7.vcf"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_alk_not_established_keeps_the_cited_reason_and_the_candidate(tmp_path):
    folder = EXAMPLES / "GRCh38"
    done = run(
        "annotate", folder / "tumor_normal.vcf", "--sv", _with_p7_met_gain(tmp_path), "--samples",
        EXAMPLES / "samples.tsv", "--min-vaf", "0.05", "--report", tmp_path / "r", "-o", tmp_path / "r.vcf.gz",
        text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    p7 = next(s for s in json.loads((tmp_path / "r.json").read_text())["samples"] if s["sample"] == "P7_T")
    note = p7["pgp"]["note"]
    assert p7["pgp_check"] == "not_indicated" and p7["pgp"]["context"] == "alk_not_established"
    assert "fusion negative" in note or "no ALK fusion" in note, note
    assert "If the tumour is ALK-positive, the check is recommended: progressed most recently on crizotinib" in note
    # the cited reason, and the candidate the after_verdict sentence used to push it out with
    assert (
        "P-gp (ABCB1) overexpression reduces the activity of crizotinib in cell models [KAT16, PMID 26870817; SEED"
        in note
    )
    # after crizotinib, itself a MET inhibitor, the MET gain is listed, not counted as a candidate (clinical review of
    # stop 38, finding 2), and named where the screen of the other genes is said
    listed = (
        "A finding not counted as an off-target candidate after progression on crizotinib is listed (MET "
        "chr7:116522196 <DUP> CN=9): see the off-target findings for why. No other protein-altering"
    )
    assert listed in note
    assert note.index("reduces the activity of crizotinib") < note.index(listed)
    # what the full note adds, named (oncologist reading of stop 28: the activity after the history is in the cells)
    assert "Give the ALK status in the sample sheet for the full P-gp advice, which adds " in note
    # with no off-target candidate, the prompt to review the histology waits for the ALK status too
    assert note.endswith("the P-gp facts per inhibitor, which inhibitors ABCB1 transports (a pharmacokinetic "
                         "question) and the prompt to review the re-biopsy's histology for small-cell "
                         "transformation.")  # fmt: skip


def test_the_bundled_p7_note_keeps_its_cited_reason(tmp_path):
    samples = _example(tmp_path)
    p7 = samples["P7_T"]
    assert "P-gp (ABCB1) overexpression reduces the activity of crizotinib in cell models [KAT16" in p7["pgp"]["note"]
    # finding 4: the cells' words after the unexplained progression
    cell = p7["inhibitors"]["alectinib"]["note"]
    assert (
        "no clonal ALK change was found that explains the progression on crizotinib; C1156Y (VAF 3.0%), below the "
        "clonality cut-off set for this run, may explain it only in part" in cell
    )
    assert "is shown to explain the progression on crizotinib; C1156Y" not in cell
    # finding 5: one VAF wording and one cut-off wording in the cells, the P-gp note, the sample notes, the basis
    said = json.dumps(p7)
    assert "VAF 0.030" not in said and "VAF 3%" not in said and "VAF cut-off" not in said
    assert "C1156Y at VAF 3.0% is below the clonality cut-off set for this run (--min-vaf 0.05)" in p7["notes"][0]
    assert "C1156Y (VAF 3.0%), below the clonality cut-off set for this run, may explain it" in p7["pgp"]["note"]
    assert p7["inhibitors"]["alectinib"]["basis"].startswith("C1156Y (subclonal or low-level, VAF 3.0%:")
    tsv = (tmp_path / "r.tsv").read_text()
    assert "VAF 3.0%" in tsv and "VAF 3%" not in tsv and "VAF cut-off" not in tsv
    html = (tmp_path / "r.html").read_text()
    assert "VAF 3%" not in html and "VAF cut-off" not in html and "VAF 0.030" not in html
    # finding 2: the P-gp rows' heading does not say 'P-gp-overexpressing' before the rows say it
    p4 = samples["P4_T"]["pgp"]["note"]
    assert (
        "If P-gp IHC is positive: in the same study's cell models, P-gp overexpression did not confer resistance to "
        "alectinib or lorlatinib" in p4  # after the lead's ceritinib effect (clinical read of stop 52)
    )
    assert "; alectinib and lorlatinib were active at low concentrations in P-gp-overexpressing" in p4
    assert "(findings in P-gp-overexpressing cells)" not in json.dumps(samples)


def test_general_rows_come_first_whatever_the_file_order(monkeypatch):
    kb = load_knowledge_base()
    rows = lines_of_therapy()
    # the knowledge base's I1171N call for alectinib (LIN17T2), as pgp_beside.genotype_objections gives it
    said = sourced_text.Objection(
        "alectinib", "I1171N", "I1171N, found here, is resistant to alectinib in the knowledge base", "[LIN17T2]"
    )
    args = (kb, ("crizotinib",), ["alectinib", "lorlatinib"], False, None, (said,))
    as_filed = sourced_options(*args)
    # the table as option_texts takes it, where it is used (no start-up import of it, issue 13)
    monkeypatch.setattr(therapy_lines, "lines_of_therapy", lambda: tuple(reversed(rows)))
    for text in (as_filed, sourced_options(*args)):  # the P-gp rows after every general one, under their heading
        general, _, pgp = text.partition(" If P-gp IHC is positive: ")
        assert general.startswith(" Sourced activity after this treatment history: ") and pgp
        assert "P-gp-overexpressing" not in general and "P-gp overexpression" in pgp
        # the objection in full beside alectinib's first line, a general one; by name beside its P-gp row
        assert ", but I1171N, found here, is resistant to alectinib in the knowledge base [LIN17T2]" in general
        assert ", but see I1171N above" in pgp and "found here" not in pgp


def test_a_progression_on_a_drug_a_subclonal_change_resists_is_not_called_explained(tmp_path):
    """P7_T progressed on crizotinib with C1156Y at 3%: its crizotinib cell said 'consistent with the genotype call',
    as if the change explained the progression; it now says the change may explain it only in part, in the words
    the other cells and the P-gp note use (oncologist reading of stop 28, finding 6). A clonal change keeps
    'consistent with the genotype call' (P1_T, G1202R, after alectinib)."""
    samples = _example(tmp_path)
    crizotinib = samples["P7_T"]["inhibitors"]["crizotinib"]
    assert (crizotinib["category"], crizotinib["progressed_on"]) == ("resistant", True)
    assert crizotinib["note"].startswith(
        "the patient progressed on it (sample sheet); the genotype call is resistant too, from C1156Y (VAF 3.0%), "
        "below the clonality cut-off set for this run, which may explain the progression only in part; resistant per "
    )
    assert "consistent with the genotype call" not in crizotinib["note"]
    progressed = [
        (s["progressed_on"][-1] == drug, c)
        for s in samples.values()
        for drug, c in s["inhibitors"].items()
        if c["progressed_on"]
    ]
    clonal = [
        (latest, c)
        for latest, c in progressed
        if c["sources"] != ["sample_sheet"] and "subclonal or low-level" not in c["basis"]
    ]
    # a drug before the latest one: the change may post-date that progression (clinical review of stop 48, finding 2)
    said = {
        True: "the patient progressed on it (sample sheet), consistent",
        False: "the patient progressed on it earlier (sample sheet); the genotype call on this sample is resistant too",
    }
    assert {latest for latest, _ in clonal} == {True, False}  # P1_T's alectinib; P3_T's crizotinib and alectinib
    assert all(c["note"].startswith(said[latest]) for latest, c in clonal)
