"""Where the tumour's ALK positivity is not shown, or the sample sheet and the input disagree about it, the report
says so and gives no P-gp advice; a sample with nothing to explain sits in no resistance box (clinical review
2026-12-01, second reading, findings 2, 3, 4 and 7). Runs the installed CLI on the bundled example."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

from helpers import ALKANNOT, LORLATINIB_CAVEAT_AFTER_CERITINIB, run

EX = Path(__file__).resolve().parent.parent / "example_vcfs"

# how the P-gp note lists sourced activity after the history (clinical review of stop 31)
UNAFFECTED = (
    "Sourced activity after this treatment history of the inhibitors to which P-gp overexpression did not confer "
    "resistance in cell models [KAT16; SEED]: "
)


def _report(tmp_path: Path, sheet_rows: dict[str, str]) -> tuple[dict, dict]:
    """The bundled GRCh38 example with some sample-sheet rows replaced: (JSON samples by name, TSV rows by name)."""
    lines = (EX / "samples.tsv").read_text().splitlines()
    lines = [sheet_rows.get(line.split("\t")[0], line) for line in lines]
    lines += [row for name, row in sheet_rows.items() if not any(l.startswith(name + "\t") for l in lines)]
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("\n".join(lines) + "\n")
    folder = EX / "GRCh38"
    prefix = tmp_path / "r"
    run = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(folder / "tumor_normal.vcf"), "--sv", str(folder / "sv.vcf")]
        + ["--samples", str(sheet), "--min-vaf", "0.05", "--report", str(prefix), "-o", str(tmp_path / "o.vcf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads(Path(f"{prefix}.json").read_text())
    rows = {r["sample"]: r for r in csv.DictReader(open(f"{prefix}.tsv"), delimiter="\t")}
    return doc, rows


def test_a_sheet_that_says_alk_negative_against_a_fusion_call_is_named_and_gives_no_advice(tmp_path):
    # P4_T: EML4::ALK in the SV calls, progressed on crizotinib then ceritinib, no ALK mutation
    doc, rows = _report(tmp_path, {"P4_T": "P4_T\tnegative:IHC\tcrizotinib;ceritinib\t\t\tlung"})
    (p4,) = [s for s in doc["samples"] if s["sample"] == "P4_T"]
    assert p4["fusion"] == "positive"
    assert p4["pgp_check"] == "not_indicated" and p4["pgp"]["context"] == "alk_status_discordant"
    assert p4["pgp"]["note"].startswith(
        "Not indicated: the sample sheet gives the tumour as ALK-negative (negative:IHC), but this input shows an "
        "ALK fusion (EML4::ALK, positive; DNA evidence)."
    )
    assert "Sourced activity" not in p4["pgp"]["note"]  # no treatment options while the ALK status is in conflict
    (note,) = [n for n in p4["notes"] if n.startswith("Discordant")]
    assert "[ALI16, PMID 27245569]" in note and "[RODIG09, PMID 19671850]" in note
    # not in the P-gp triage list of resistant ALK-mutation-negative cases, and in the 'not assessable' box
    assert "P4_T" not in doc["summary"]["pgp_triage"] and not p4["pgp_triage"]
    assert "P4_T" in doc["summary"]["mechanism"]["not_assessable"] and not p4["assessable"]
    assert rows["P4_T"]["pgp_note"] == p4["pgp"]["note"]


def test_a_sheet_that_says_alk_negative_against_a_known_resistance_mutation_is_named(tmp_path):
    # P7_T: C1156Y, no SV calls cover it
    doc, _ = _report(tmp_path, {"P7_T": "P7_T\tnegative:FISH\tcrizotinib\t\t\tbone"})
    (p7,) = [s for s in doc["samples"] if s["sample"] == "P7_T"]
    assert p7["pgp"]["context"] == "alk_status_discordant"
    assert "but this input shows C1156Y, a known ALK resistance mutation." in p7["pgp"]["note"]
    assert any(n.startswith("Discordant: the sample sheet gives the tumour as ALK-negative") for n in p7["notes"])


def test_no_progression_and_alk_negative_samples_are_not_among_the_unexplained(tmp_path):
    doc, rows = _report(
        tmp_path,
        {
            "P4_T": "P4_T\tpositive:IHC\tnone\t\t\tlung",  # fusion, no progression: nothing to explain
            "P5_T": "P5_T\tnegative:FISH\tcrizotinib\t\t\tlymph node",  # ALK-negative, progressed
        },
    )
    boxes = doc["summary"]["mechanism"]
    assert boxes["no_progression"] == ["P4_T"]
    assert "P4_T" not in boxes["unexplained"] and "P5_T" not in boxes["unexplained"]
    assert "P5_T" not in doc["summary"]["pgp_triage"]
    assert rows["P4_T"]["pgp_note"].startswith("Not indicated: the sample sheet records no progression")
    html = (tmp_path / "r.html").read_text()
    assert "No progression recorded (nothing to explain)" in html


def test_the_tsv_carries_the_pgp_note_with_its_conditions(tmp_path):
    _, rows = _report(tmp_path, {})
    p7 = rows["P7_T"]  # no ALK status, no fusion evidence, C1156Y only subclonal
    assert p7["pgp_check"] == "not_indicated" and p7["pgp_context"] == "alk_not_established"
    assert "If the tumour is ALK-positive, the check is recommended" in p7["pgp_note"]
    assert rows["P4_T"]["pgp_note"].startswith("Recommended: progressed most recently on ceritinib")


def test_no_reuse_advice_for_a_drug_the_genotype_already_rules_out(tmp_path):
    """P3_T progressed on crizotinib, alectinib, lorlatinib with L1196M+G1202R in cis: crizotinib is resistant
    by genotype, so 'a positive P-gp IHC would argue against giving crizotinib again' would imply an option
    that is not one (clinical review 2026-12-01, second reading, finding 12)."""
    doc, _ = _report(tmp_path, {})
    (p3,) = [s for s in doc["samples"] if s["sample"] == "P3_T"]
    assert p3["pgp_check"] == "low_yield"
    assert "argue against giving crizotinib again" not in p3["pgp"]["note"]
    assert p3["inhibitors"]["crizotinib"]["category"] == "resistant"


def test_after_a_negative_ihc_the_note_does_not_repeat_the_pgp_background(tmp_path):
    """S18: crizotinib then ceritinib, ABCB1 IHC negative: the note leads with the negative IHC, points to the
    off-target search and the sourced options, without the prevalence of P-gp overexpression or the per-drug
    P-gp facts (clinical review 2026-12-01, second reading, finding 14)."""
    data = Path(__file__).resolve().parent / "data" / "scenarios"
    run = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(data / "GRCh38" / "S18.vcf"), "--samples", str(data / "samples.tsv")]
        + ["--report", str(tmp_path / "r"), "-o", str(tmp_path / "o.vcf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (s18,) = json.loads((tmp_path / "r.json").read_text())["samples"]
    note = s18["pgp"]["note"]
    assert note.startswith("Not indicated: ABCB1 (P-gp) IHC is already negative (sample sheet)")
    assert "3 of 11" not in note and "P-gp facts:" not in note
    assert UNAFFECTED + "lorlatinib" in note


def _disputed_run(tmp_path):
    """T1: G1269A after alectinib (intermediate from EID1354's 6x WT against LIN17T2 listing alectinib as active;
    SEED, a press release, listed without a vote since knowledge base 2.0.23); T2: G1269A after crizotinib (resistant, every deciding source agreeing); T3: E1210K after brigatinib
    (conflicting: SAB17's resistance against SAB17 and JAIN17's activity). GRCh37 positions from `kb export`."""
    vcf = tmp_path / "disputed.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=2,length=243199373>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\tT2\tT3\n"
        "2\t29432682\t.\tC\tG\t.\tPASS\t.\tGT:AD\t0/1:60,40\t0/1:60,40\t0/0:100,0\n"
        "2\t29443589\t.\tC\tT\t.\tPASS\t.\tGT:AD\t0/0:100,0\t0/0:100,0\t0/1:60,40\n"
    )
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\nT1\tpositive:IHC\talectinib\nT2\tpositive:IHC\tcrizotinib\n"
        "T3\tpositive:IHC\tbrigatinib\n"
    )
    run = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(vcf), "--samples", str(sheet), "--report", str(tmp_path / "r")]
        + ["-o", str(tmp_path / "o.vcf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "r.json").read_text())
    rows = {r["sample"]: r for r in csv.DictReader(open(tmp_path / "r.tsv"), delimiter="\t")}
    header = subprocess.run(
        ["bcftools", "view", "-h", str(tmp_path / "o.vcf")], capture_output=True, text=True, check=True
    ).stdout
    return {s["sample"]: s for s in doc["samples"]}, doc["summary"], rows, header, (tmp_path / "r.html").read_text()


def test_a_call_whose_sources_disagree_makes_on_target_only_possible(tmp_path):
    """G1269A after alectinib was 'on-target (ALK resistance mutation)' on alkannot's own intermediate grade of one
    Ba/F3 item, against two sources listing alectinib as active (clinical review 9, finding 3): the mechanism is
    on_target_possible in every output, the notes say the sources disagree and name them, and the P-gp check is
    the one for alectinib (low yield: P-gp does not affect it), not 'explained by the mutation'. A resistant call
    whose deciding sources agree stays on_target; a conflicting call is only possible too."""
    samples, summary, rows, header, html = _disputed_run(tmp_path)
    t1, t2, t3 = samples["T1"], samples["T2"], samples["T3"]
    assert [m["protein_change"] for m in t1["alk_mutations"]] == ["G1269A"]
    assert (t1["mechanism"], t1["pgp_check"], t1["pgp"]["context"]) == (
        "on_target_possible",
        "low_yield",
        "after_unaffected",
    )
    assert rows["T1"]["mechanism"] == "on_target_possible" and rows["T1"]["pgp_check"] == "low_yield"
    assert "Mechanism=on_target_possible" in next(l for l in header.splitlines() if "ID=T1," in l)
    assert "T1" in summary["mechanism"]["on_target_possible"] and "T1" not in summary["mechanism"]["on_target"]
    disagree = (
        "G1269A (VAF 40.0%) has an intermediate call for alectinib in the knowledge base (the sources disagree: "
        "intermediate per EID1354, whose own call is resistant (6x WT, Ba/F3 EML4-ALK v1 G1269A; "
        "graded intermediate by its fold change over wild type); sensitive per LIN17T2) [LIN17T2; "
        "EID1354(PMID:25727400)]: whether it explains the progression is unsettled. P-gp overexpression did not "
        "confer resistance to alectinib in cell models"
    )
    assert t1["pgp"]["note"].startswith(
        "Low yield: progressed most recently on alectinib, and no ALK mutation is established as the cause; " + disagree
    ), t1["pgp"]["note"]
    assert (
        "G1269A is present; in the knowledge base it has an intermediate call for alectinib, but the sources disagree "
        "(intermediate per EID1354, whose own call is resistant"
    ) in rows["T1"]["notes"]
    assert "on-target resistance is possible, not established" in rows["T1"]["notes"]
    row = html.split('<td><a href="#s-T1">T1</a></td>')[1].split("</tr>")[0]  # the cohort table's row
    assert '<span class="tag on_target_possible">on-target possible</span>' in row
    assert "ALK resistance mutation" not in row
    # resistant, with every deciding source agreeing: explained, as before
    assert (t2["mechanism"], t2["pgp_check"], t2["pgp"]["context"]) == (
        "on_target",
        "not_indicated",
        "explained_by_mutation",
    )
    assert t2["pgp"]["note"].startswith("Not indicated: G1269A (VAF 40.0%) is resistant to crizotinib")
    # conflicting (sensitive against resistant): possible; P-gp untested for brigatinib, so the check is recommended
    assert t3["mechanism"] == "on_target_possible" and t3["pgp_check"] == "recommended"
    assert (
        "E1210K (VAF 40.0%) has a conflicting call for brigatinib in the knowledge base (the sources disagree"
        in (t3["pgp"]["note"])
    )
    assert t3["pgp_triage"] is True and t1["pgp_triage"] is False


def test_a_response_rate_and_what_limits_it_stand_side_by_side(tmp_path):
    """P4_T (crizotinib then ceritinib, no ALK mutation): lorlatinib's 38.7% after two or more inhibitors is
    followed at once by GAI16 (mutation-negative ceritinib-resistant cells resisted lorlatinib), not left in a
    notes block at the bottom of the card (clinical review 2026-12-01, second reading, finding 11; guidance 4.1)."""
    doc, _ = _report(tmp_path, {})
    (p4,) = [s for s in doc["samples"] if s["sample"] == "P4_T"]
    assert (
        "objective response rate 38.7% after two or three ALK inhibitors (clinical trial) [SOL18, PMID 30413378]"
        + LORLATINIB_CAVEAT_AFTER_CERITINIB
    ) in p4["pgp"]["note"]
    assert not any("[GAI16, doi:10.1158/2159-8290.CD-16-0596]" in n for n in p4["notes"])  # said once


def test_a_mutation_said_to_explain_a_progression_carries_its_vaf(tmp_path):
    """Without --min-vaf every allele counts as clonal: P7_T's C1156Y at 3% 'explained' the crizotinib
    progression with no VAF in the sentence (clinical review 2026-12-01, second reading, finding 4)."""
    folder = EX / "GRCh38"
    run = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(folder / "tumor_normal.vcf"), "--samples", str(EX / "samples.tsv")]
        + ["--report", str(tmp_path / "r"), "-o", str(tmp_path / "o.vcf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    rows = {r["sample"]: r for r in csv.DictReader(open(tmp_path / "r.tsv"), delimiter="\t")}
    assert rows["P7_T"]["pgp_note"].startswith("Not indicated: C1156Y (VAF 3.0%) is resistant to crizotinib")


def _intergenic_run(tmp_path, sheet_row: str) -> dict:
    """An SvABA breakend joining ALK intron 19 to intergenic chr2:60,000,000 (a possible fusion), and the
    sample sheet row given; the one sample's JSON."""
    sv = Path(__file__).resolve().parent / "data" / "sv" / "svaba_intergenic_grch38_chr.vcf"
    vcf = tmp_path / "small.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ttumor.bam\n"
        "chr2\t1000\t.\tA\tG\t.\tPASS\t.\tGT\t0/1\n"
    )
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\n" + sheet_row + "\n")
    run = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(vcf), "--sv", str(sv), "--samples", str(sheet)]
        + ["--report", str(tmp_path / "r"), "-o", str(tmp_path / "o.vcf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (s,) = json.loads((tmp_path / "r.json").read_text())["samples"]
    return s


def test_a_possible_fusion_is_neither_alk_positivity_nor_a_conflict_with_a_negative_ihc(tmp_path):
    """Review of 2026-12-01's changes, findings 3 and 4: with no ALK status, the not-established note said
    'this input shows no ALK fusion call' beside a possible (intergenic) fusion; with a negative IHC the possible
    fusion, which awaits IHC or RNA, was called discordant."""
    unknown = _intergenic_run(tmp_path, "tumor.bam\t\tcrizotinib")
    assert unknown["fusion"] == "possible" and unknown["pgp"]["context"] == "alk_not_established"
    assert (
        "this input shows only a possible ALK fusion (confirm ALK expression by IHC or RNA)" in (unknown["pgp"]["note"])
    )
    negative = _intergenic_run(tmp_path, "tumor.bam\tnegative:IHC\tcrizotinib")
    assert negative["pgp"]["context"] == "alk_negative"
    assert not any(n.startswith("Discordant") for n in negative["notes"])


def test_every_sample_whose_alk_positivity_is_not_shown_is_in_the_not_assessable_box(tmp_path):
    """Whatever its alterations (P1_T: G1202R with the sheet saying ALK-negative is discordant), and a sample
    with no progression is in 'No progression recorded' whatever its mutations (review of 2026-12-01's
    changes, finding 5); the JSON's top-level not_assessable list is that box."""
    doc, _ = _report(
        tmp_path,
        {
            "P1_T": "P1_T\tnegative:FISH\talectinib\t\t\tliver",  # G1202R + fusion: discordant
            "P2_T": "P2_T\tpositive:FISH\tnone\t\t\tlung",  # L1196M, no progression
        },
    )
    boxes = doc["summary"]["mechanism"]
    assert "P1_T" in boxes["not_assessable"] and "P1_T" not in boxes["on_target"]
    assert boxes["no_progression"] == ["P2_T"]
    assert doc["summary"]["not_assessable"] == boxes["not_assessable"]
    assert sum(len(v) for v in boxes.values()) == len(doc["samples"])


def test_no_call_rests_on_a_possible_fusion(tmp_path):
    """An intergenic breakend (a possible fusion) was read as EML4-ALK for the inhibitor calls (the partner
    defaulted to EML4): every call rested on a fusion nobody had confirmed (review of 2026-12-01's changes,
    finding 3)."""
    s = _intergenic_run(tmp_path, "tumor.bam\t\t")
    assert s["fusion"] == "possible"
    for name, call in s["inhibitors"].items():
        assert call["category"] == "unknown", name
        assert call["basis"] == "a possible ALK fusion only (not confirmed; no fusion-based call)"


def test_calls_other_than_resistant_or_sensitive_are_said_as_calls_not_as_adjectives():
    """Clinical review 2026-12-01, third reading, finding 11: 'is intermediate to alectinib' and 'is conflicting
    to brigatinib' are not English an oncologist signs."""
    from alkannot.readings import call_clause

    assert call_clause("L1196M", "sensitive", "ceritinib") == "L1196M is sensitive to ceritinib"
    assert call_clause("G1202R", "resistant", "alectinib") == "G1202R is resistant to alectinib"
    assert call_clause("G1269A", "intermediate", "alectinib") == "G1269A has an intermediate call for alectinib"
    assert call_clause("E1210K", "conflicting", "brigatinib") == "E1210K has a conflicting call for brigatinib"
    assert call_clause("X", "unknown", "lorlatinib") == "X has no call for lorlatinib"


def test_a_trans_pair_is_not_called_a_compound_and_an_unknown_phase_reads_as_a_phase(tmp_path):
    """Clinical review 2026-12-01, third reading, findings 10 and 13: I1171N and G1202R in trans (PS) are two clones,
    not 'Compound'; L1196M+G1202R without phasing reads '(phase not determined)', not '(unknown)' as if the compound were;
    the rule text names its exceptions; both parts of the possible compound get the 'on its own' caveat."""
    import html
    import re
    from pathlib import Path

    from helpers import annotated_report

    data = Path(__file__).parent / "data" / "compound"
    document, page = annotated_report(data / "trans_and_unphased_grch38.vcf", data / "samples.tsv", tmp_path / "r")
    page = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "ALK mutations on different alleles (trans; not a compound): I1171N+G1202R — phase trans (from PS)" in page
    assert "Compound: I1171N+G1202R" not in page
    assert "Compound: L1196M+G1202R — phase not determined (no phasing information)" in page
    assert "except that it is unknown where every part is sensitive or intermediate" in page
    doc = {s["sample"]: s for s in document["samples"]}
    unphased = doc["UNPHASED_T"]
    assert unphased["inhibitors"]["crizotinib"]["basis"] == "L1196M+G1202R (phase not determined)"
    assert (
        "each on its own, but here they may be part of L1196M+G1202R (phase not determined)" in unphased["pgp"]["note"]
    )
    assert "(unknown)" not in unphased["pgp"]["note"].replace("(phase not determined)", "")
    assert (
        "persists" not in doc["TRANS_T"]["pgp"]["note"]
        and "is present: a compound mutation" in (doc["TRANS_T"]["pgp"]["note"])
    )


def test_no_resistance_mutation_is_not_said_as_no_mutation_beside_a_listed_one(tmp_path):
    """Clinical review 2026-12-01, third reading, finding 4: with D1529V (outside the kinase domain) and R1275Q
    (activating) listed in the mutation table, the basis said 'ALK fusion without an ALK mutation'. It says 'no ALK
    resistance mutation' and names what is listed and why it does not count."""
    from alkannot.cohort import build_cohort

    vcf = tmp_path / "t.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n'
        '##FORMAT=<ID=AF,Number=A,Type=Float,Description="a">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\n"
        "chr2\t29193501\t.\tT\tA\t.\tPASS\t.\tGT:AF\t0/1:0.46\n"  # D1529V, exon 29
        "chr2\t29209798\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.3\n"  # R1275Q, activating
    )
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nT\tpositive:IHC\tcrizotinib\n")
    (v,) = build_cohort([str(vcf)], str(sheet)).verdicts
    assert {m.protein_change for m in v.mutations} == {"D1529V", "R1275Q"}
    crizotinib = next(i for i in v.inhibitors if i.inhibitor == "crizotinib")
    assert crizotinib.basis == (
        "ALK fusion; no ALK resistance mutation (D1529V outside the kinase domain; R1275Q activating: listed, not "
        "resistance mutations)"
    )
    assert "without an ALK mutation" not in crizotinib.note
    vcf.write_text("".join(l for l in vcf.read_text().splitlines(True) if "29209798" not in l))  # D1529V alone
    (v,) = build_cohort([str(vcf)], str(sheet)).verdicts
    basis = next(i for i in v.inhibitors if i.inhibitor == "alectinib").basis
    assert basis.endswith("(D1529V outside the kinase domain: listed, not a resistance mutation)"), basis


def test_a_fusion_from_rna_against_a_negative_sheet_names_its_evidence_and_asks_for_another_assay(tmp_path):
    """An Arriba fusion against a sheet that says negative by FISH: the note names RNA as the evidence and asks for an
    assay other than the two that disagree (it asked for 'IHC/FISH, or RNA' beside an RNA call: clinical report
    reading of stop 33, finding 9)."""
    review32 = Path(__file__).parent / "data" / "review32"
    table = Path(__file__).parent / "data" / "rna_frame" / "arriba_v1_no_frame_grch38.tsv"
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nT\tnegative:FISH\talectinib\n")
    done = run(
        "annotate",
        review32 / "fusion_only.vcf",
        "--fusions",
        f"T={table}",
        "--samples",
        sheet,
        "-o",
        tmp_path / "o.vcf",
        "--report",
        tmp_path / "r",
        text=True,
    )
    assert done.returncode == 0, done.stderr
    (sample,) = json.loads((tmp_path / "r.json").read_text())["samples"]
    (note,) = [n for n in sample["notes"] if n.startswith("Discordant")]
    assert "this input shows an ALK fusion (EML4::ALK, positive; RNA evidence)" in note
    assert "resolve the ALK status by an assay other than the two that disagree (IHC, FISH or RNA)" in note


def test_the_html_card_folds_the_p_gp_facts_under_the_note(tmp_path):
    """The per-inhibitor P-gp facts (~1,000 characters, the same on every card but for the drug already named) are
    folded under the card's note, in full, never lost; the JSON and TSV keep the whole note (review of stop 33,
    left item: repeated on every card)."""
    import html as html_module
    import re

    _report(tmp_path, {})
    doc = json.loads((tmp_path / "r.json").read_text())
    page = (tmp_path / "r.html").read_text()
    notes = {s["sample"]: s["pgp"]["note"] for s in doc["samples"]}
    with_facts = [name for name, note in notes.items() if "P-gp facts: " in note]
    assert with_facts, "the example has notes with P-gp facts"
    folded = re.findall(r'<details class="facts"><summary>P-gp facts per inhibitor</summary>(.*?)</details>', page)
    assert len(folded) == len(with_facts)
    cards = re.findall(r'<div class="pgpnote pgp-[a-z_]+">(.*?)</div>', page)  # one per sample, in the JSON's order
    assert len(cards) == len(notes)
    for name, facts in zip(with_facts, folded):
        facts = html_module.unescape(facts)
        # the summary says 'P-gp facts per inhibitor': the folded sentence does not open 'P-gp facts: ' again (rev49,
        # finding 6); it is the note's sentence, whole, after that opening
        assert facts.startswith("P-gp overexpression ") and facts.endswith(".")
        facts = f"P-gp facts: {facts}"
        assert facts in notes[name]
        lead = html_module.unescape(cards[list(notes).index(name)].split("<details", 1)[0])
        # the rest of the note is still said, in order, around where the facts were
        before, after = notes[name].split(facts)
        # the heading gives the note's opening flag words, which the card does not repeat after it (stop 47)
        check, lead = re.match(r"<b>P-gp \(ABCB1\) check: (.*?)\.</b> (.*)", lead, re.S).groups()
        flag = check.capitalize() + ": "
        assert before.startswith(flag) and not lead.startswith(flag)
        # the rest of the note, part by part (schema 2.29: the box is laid out by the note's parts, each part under
        # its label, a label its text opens with not repeated), in the note's order
        (sample,) = [s for s in doc["samples"] if s["sample"] == name]
        shown = re.sub(r"<[^>]+>", "", lead)
        at = 0
        for k, part in enumerate(sample["pgp"]["parts"]):
            if part["kind"] in ("pgp_facts", "transport"):
                continue
            text = part["text"][len(flag) :] if k == 0 else part["text"]
            if text.startswith("If P-gp IHC is positive: "):
                text = text.removeprefix("If P-gp IHC is positive: ")
                text = text[0].upper() + text[1:]
            # words the part's label says, not repeated under it (clinical read of stop 52)
            echo = {
                "alternatives_after_history": "Sourced activity after this treatment history ",
                "abcb1_expression": "ABCB1 expression ",
                "frequency": "P-gp overexpression was found in ",  # before its count (clin52d)
            }
            text = text.removeprefix(echo.get(part["kind"], "\0"))
            text = text[0].upper() + text[1:]
            assert text in shown[at:], (name, part["kind"])
            at = shown.index(text, at) + len(text)
        assert "".join(p["text"] for p in sample["pgp"]["parts"]).replace(" ", "") == notes[name].replace(" ", "")
