"""The P-gp note, the mechanism and the per-inhibitor calls checked against what the sources say about each drug
(clinical review of 2026-11-30): a positive ABCB1 IHC, calls too weak to settle a progression, wording that
follows the evidence, and sentences kept to the drugs their sources studied."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from alkannot.bypass_coverage import GeneCoverage
from alkannot.cohort import build_cohort
from alkannot.kbfiles import load_knowledge_base
from alkannot.mechanism import mechanism_of
from alkannot.pgp import PgpInputs, Reading, pgp_assessment
from alkannot.samplesheet import parse_sample_sheet

EX = Path(__file__).parent.parent / "example_vcfs"


def _assess(sheet: str, sample: str, readings=()):
    return pgp_assessment(load_knowledge_base(), PgpInputs(parse_sample_sheet(sheet).get(sample), tuple(readings)))


def _cohort(tmp_path: Path, sheet_edit=lambda text: text, min_vaf: float | None = 0.05, build: str = "GRCh38"):
    sheet = tmp_path / "samples.tsv"
    sheet.write_text(sheet_edit((EX / "samples.tsv").read_text()))
    folder = EX / build
    cohort = build_cohort(
        [str(folder / "tumor_normal.vcf")],
        str(sheet),
        min_vaf=min_vaf,
        sv_paths=[str(folder / "sv.vcf")],
        fusion_paths=[f"P5_T={folder / 'fusions.tsv'}"],
    )
    return {v.sample: v for v in cohort.verdicts}


def _positive_ihc(text: str, sample: str) -> str:
    """The sample sheet with ABCB1 IHC positive for `sample` (column abcb1_ihc, the fourth)."""
    lines = text.splitlines()
    out = []
    for line in lines:
        fields = line.split("\t")
        if fields[0] == sample:
            fields[3] = "positive"
        out.append("\t".join(fields))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- a positive ABCB1 (P-gp) IHC
@pytest.mark.parametrize("build", ["GRCh38", "GRCh37"])
def test_positive_ihc_is_not_ignored_by_the_calls_the_mechanism_or_the_note(tmp_path, build):
    """KAT16 (PMID 26870817): P-gp overexpression conferred ceritinib and crizotinib resistance. A tumour with
    a positive IHC is not called sensitive to them on its genotype; alectinib and lorlatinib keep their calls."""
    before = _cohort(tmp_path, build=build)
    after = _cohort(tmp_path, lambda t: _positive_ihc(_positive_ihc(t, "P2_T"), "P4_T"), build=build)
    p2_before = {c.inhibitor: c for c in before["P2_T"].inhibitors}
    p2 = {c.inhibitor: c for c in after["P2_T"].inhibitors}  # L1196M, progressed on crizotinib
    assert p2_before["ceritinib"].category == "sensitive"
    assert p2["ceritinib"].category == "unknown" and "KAT16" in p2["ceritinib"].sources
    assert (  # what KAT16 found for ceritinib, cited (review 17, finding 5)
        "ABCB1 (P-gp) IHC positive (sample sheet): P-gp overexpression found in ceritinib-resistant tumours and "
        "conferred resistance, reversed by ABCB1 knockdown or a P-gp inhibitor in vitro and in vivo [KAT16, PMID "
        "26870817; SEED, press release on KAT16]" in p2["ceritinib"].note
    )
    assert "genotype-based call (sensitive, L1196M) [" in p2["ceritinib"].note
    assert (  # said so an oncologist would sign it, with the reason (review 17, finding 12)
        "] is not used for this patient, because the P-gp overexpression may reduce this drug's activity"
        in p2["ceritinib"].note
    )
    # cited for the `unknown`: the IHC and what P-gp does; the genotype call's sources only in the note
    assert not set(p2_before["ceritinib"].sources) & set(p2["ceritinib"].sources) - {"SEED", "KAT16"}
    assert p2["ceritinib"].evidence_kinds == ("this_patient_abcb1_ihc",)
    assert "this_patient_abcb1_ihc" in p2["ceritinib"].evidence_kinds
    # brigatinib: transported by ABCB1, tumour effect untested (LI18BRIG; guidance.md names only crizotinib and
    # ceritinib): the call stays, with the caveat in the note
    assert p2["brigatinib"].category == p2_before["brigatinib"].category
    assert "has not been tested in the sources read" in p2["brigatinib"].note
    for drug in ("alectinib", "lorlatinib"):  # P-gp overexpression did not affect them (KAT16)
        assert p2[drug] == p2_before[drug]
    assert p2["crizotinib"].category == "resistant" and "IHC positive" in p2["crizotinib"].note
    # the mutation explains the progression; P-gp may contribute, and the note says so
    assert after["P2_T"].mechanism == "on_target" and after["P2_T"].pgp.check == "not_indicated"
    assert "P-gp overexpression may contribute as well" in after["P2_T"].pgp.note
    # no ALK mutation after crizotinib and ceritinib: a positive IHC makes P-gp the candidate mechanism
    assert before["P4_T"].mechanism == "unexplained" and after["P4_T"].mechanism == "off_target_candidate"
    assert after["P4_T"].alk_mutation_negative
    note = after["P4_T"].pgp.note
    assert after["P4_T"].pgp.check == "recommended" and "need not" not in note
    assert "IHC is positive (sample sheet): P-gp overexpression is a candidate explanation of this progression" in note


def test_positive_ihc_after_an_unaffected_drug_says_p_gp_is_unlikely_to_explain_it():
    pgp = _assess("sample\tprogressed_on\tabcb1_ihc\nL\talectinib\tpositive\n", "L")
    assert pgp.check == "low_yield"
    assert "so P-gp is an unlikely explanation for this progression" in pgp.note
    assert "IHC is positive (sample sheet): it matters for crizotinib and ceritinib" in pgp.note
    assert pgp.note.count("unlikely explanation") == 1


# ---------------------------------------------------------------- negative IHC
def test_negative_ihc_offers_nothing_that_is_about_p_gp_overexpressing_tumours():
    pgp = _assess("sample\tprogressed_on\tabcb1_ihc\nN\tcrizotinib\tnegative\n", "N")
    assert pgp.check == "not_indicated" and "already negative" in pgp.note
    assert "MS209" not in pgp.note and "resistance mediated by P-gp overexpression" not in pgp.note
    assert "off-target list" not in pgp.note  # points to this sample's candidates, or says there are none
    # no record of the sample in the genes alkannot checks is given: not assessed, never "none found" (stop 41)
    assert "Bypass and co-alteration genes not assessed: the input holds no record of this sample" in pgp.note
    assert "change was found" not in pgp.note
    assert "alectinib after crizotinib" in pgp.note  # clinical options that are not about P-gp stay


# ---------------------------------------------------------------- sentences kept to what their sources studied
def test_the_p_gp_inhibitor_combination_is_named_for_ceritinib_and_only_after_drugs_p_gp_affects():
    after_ceritinib = _assess("sample\tprogressed_on\nA\tceritinib\n", "A").note
    assert "Ceritinib combined with a P-gp inhibitor (MS209) overcame P-gp-mediated resistance" in after_ceritinib
    for drug in ("brigatinib", "ensartinib", "neladalkib"):
        assert "MS209" not in _assess(f"sample\tprogressed_on\nA\t{drug}\n", "A").note, drug


def test_alectinib_and_lorlatinib_were_unaffected_in_cell_models_and_lorlatinib_transport_is_said_apart():
    note = _assess("sample\tprogressed_on\nA\tlorlatinib\n", "A").note
    assert "did not confer resistance to lorlatinib in cell models" in note
    assert "cell and mouse" not in note
    assert "lorlatinib: human ABCB1 'modestly transported' lorlatinib" in note
    assert (
        "a different, pharmacokinetic question that bears on a drug's exposure (e.g. in the brain), not on tumour "
        "resistance" in note
    )


# ---------------------------------------------------------------- calls too weak to settle a progression
def _reading(category: str, **flags) -> Reading:
    return Reading("X1", "lorlatinib", category, ("SRC",), True, **flags)


def test_a_call_from_other_contexts_does_not_say_a_compound_cannot_explain_progression():
    """C1156F+D1203N (cis) x lorlatinib rests on an NPM-ALK ALCL statement (MOL15): other context. (I1171N+L1196M,
    the example before, is called from its parts' NSCLC calls since RULES.md 4 says so: review of stop 38.)"""
    kb = load_knowledge_base()
    call = kb.call_compound(["C1156F", "D1203N"], phase="cis").calls["lorlatinib"]
    assert call.category == "sensitive" and call.context == "other"
    reading = Reading("C1156F+D1203N (cis)", "lorlatinib", call.category, call.deciding_sources, True, True)
    pgp = _assess("sample\tprogressed_on\nA\talectinib;lorlatinib\n", "A", [reading])
    assert "not expected to cause lorlatinib resistance" not in pgp.note
    assert (
        "from other contexts only" in pgp.note
        and "a call too weak to settle whether it explains the progression" in pgp.note
    )
    assert mechanism_of([], (reading,), [], "lorlatinib") == "on_target_possible"


def test_an_in_silico_resistant_call_may_explain_but_does_not_settle_progression():
    """L1256F x lorlatinib: OKA19's computational simulation only."""
    kb = load_knowledge_base()
    call = kb.call_variant("L1256F", 1256, True).calls["lorlatinib"]
    assert call.category == "resistant" and call.in_silico_only
    reading = _reading("resistant", in_silico=True)
    assert mechanism_of([], (reading,), [], "lorlatinib") == "on_target_possible"
    pgp = _assess("sample\tprogressed_on\nA\tlorlatinib\n", "A", [reading])
    assert pgp.check == "low_yield" and "(chiefly in silico, no cell IC50 read)" in pgp.note


@pytest.mark.parametrize(
    "category,qualifier",
    [("conflicting", "the sources disagree"), ("intermediate", "a partial loss of activity")],
)
def test_conflicting_or_intermediate_calls_may_explain_a_progression_not_explain_it(category, qualifier):
    reading = Reading("E1210K", "brigatinib", category, ("SAB17",), True)
    pgp = _assess("sample\tprogressed_on\nA\tbrigatinib\n", "A", [reading])
    assert pgp.check == "not_indicated"  # CONTRACT.md version 2: these calls explain the progression
    assert f"({qualifier})" in pgp.note and "which may explain the progression on brigatinib" in pgp.note
    resistant = _assess(
        "sample\tprogressed_on\nA\tbrigatinib\n", "A", [Reading("G1202R", "brigatinib", "resistant", ("S",), True)]
    )
    assert "which explains the progression on brigatinib" in resistant.note


def test_readings_cite_the_statements_that_decided_the_call():
    kb = load_knowledge_base()
    call = kb.call_variant("G1202R", 1202, True).calls["alectinib"]
    assert set(call.deciding_sources) <= set(call.sources)
    assert all(v.statement.in_nsclc_context for v in call.deciding_votes)


# ---------------------------------------------------------------- no --min-vaf
def test_without_min_vaf_a_low_level_mutation_that_explains_progression_is_named_with_its_vaf(tmp_path):
    """C1156Y at VAF 0.03 after crizotinib: without --min-vaf it counts as clonal, and the notes say so."""
    with_floor = _cohort(tmp_path)["P7_T"]
    without = _cohort(tmp_path, min_vaf=None)["P7_T"]
    assert with_floor.mechanism == "on_target_possible" and not any("No --min-vaf" in n for n in with_floor.notes)
    assert without.mechanism == "on_target"
    (note,) = [n for n in without.notes if n.startswith("No --min-vaf was given")]
    assert "C1156Y at VAF 3.0%" in note


# ---------------------------------------------------------------- compounds after lorlatinib
def test_a_compound_in_cis_after_lorlatinib_carries_the_class_statements_about_lorlatinib_resistant_compounds(
    tmp_path,
):
    """P3_T: L1196M+G1202R in cis after lorlatinib. No call for the compound, but SHI22 and OKA19 say that
    lorlatinib-resistant compound mutations involve G1202R or I1171N/S/T: the notes carry those statements."""
    p3 = _cohort(tmp_path)["P3_T"]
    assert p3.mechanism == "on_target_possible"
    class_notes = [
        n for n in p3.notes if n.startswith("L1196M+G1202R (cis): a statement about compound ALK mutations as a group")
    ]
    assert (
        len(class_notes) == 2 and any("[SHI22]" in n for n in class_notes) and any("[OKA19]" in n for n in class_notes)
    )
    assert not any("YOD18" in n for n in p3.notes)  # a curator's remark, not a statement about the patient


def test_a_change_that_is_part_of_a_compound_is_not_said_to_rule_out_the_progression():
    """G1202R alone is sensitive to lorlatinib, but with L1196M beside it (phase not determined) the pair may be a
    compound: neither the P-gp note nor the notes say that G1202R does not explain the progression."""
    from alkannot.sample_notes import explanation_notes

    readings = (
        Reading("G1202R", "lorlatinib", "sensitive", ("LIN17T2",), True),
        Reading("L1196M", "lorlatinib", "sensitive", ("LIN17T2",), True),
        Reading("L1196M+G1202R (phase not determined)", "lorlatinib", "unknown", (), True),
    )
    pgp = _assess("sample\tprogressed_on\nA\talectinib;lorlatinib\n", "A", readings)
    assert "not expected to cause lorlatinib resistance" not in pgp.note
    # both parts carry the caveat, and the phase is said as a phase (third reading, findings 10 and 13)
    assert "each on its own, but here they may be part of L1196M+G1202R (phase not determined)" in pgp.note
    notes = explanation_notes(load_knowledge_base(), readings, "lorlatinib")
    assert not any("does not explain" in n for n in notes)
    # one note for both parts (clinical report reading of stop 33, finding 4: a note each said it twice)
    assert [n for n in notes if "called sensitive to lorlatinib, but here" in n] == [
        "G1202R and L1196M on their own are called sensitive to lorlatinib, but here they may be parts of "
        "L1196M+G1202R (phase not determined), for which the knowledge base has no call for lorlatinib: whether the changes "
        "together explain the progression on lorlatinib depends on the compound."
    ]


def test_no_note_on_the_parts_of_a_compound_called_sensitive_too():
    """Parts and compound all sensitive: the compound's own note says what that means; a note on the parts saying
    it 'depends on the compound' said nothing (clinical report reading of stop 33, finding 4)."""
    from alkannot.sample_notes import explanation_notes

    readings = (
        Reading("I1171N", "lorlatinib", "sensitive", ("LIN17T2",), True),
        Reading("L1196M", "lorlatinib", "sensitive", ("LIN17T2",), True),
        Reading(
            "I1171N+L1196M (phase not determined)", "lorlatinib", "sensitive", ("EID11113",), True, other_context=True
        ),
    )
    notes = explanation_notes(load_knowledge_base(), readings, "lorlatinib")
    assert not [n for n in notes if "depends on the compound" in n]
    assert [n.split(";")[0] for n in notes] == ["I1171N+L1196M (phase not determined) is present"]


def test_report_on_an_annotated_vcf_uses_the_min_vaf_of_the_annotate_run(tmp_path):
    """`alkannot report` on a VCF that `annotate --min-vaf 0.05` wrote judges C1156Y at VAF 0.03 as the
    annotate run did (subclonal), instead of treating it as clonal (review 2026-11-30, finding 2)."""
    import csv
    import subprocess

    from helpers import ALKANNOT

    annotated = tmp_path / "a.vcf"
    sheet = str(EX / "samples.tsv")
    subprocess.run(
        [
            ALKANNOT,
            "-q",
            "annotate",
            str(EX / "GRCh38" / "tumor_normal.vcf"),
            "--samples",
            sheet,
            "--min-vaf",
            "0.05",
            "-o",
            str(annotated),
        ],
        check=True,
    )

    def p7(*extra: str) -> dict:
        prefix = tmp_path / ("r" + "".join(extra).replace(".", "_"))
        result = subprocess.run(
            [ALKANNOT, "report", str(annotated), "--samples", sheet, "--out", str(prefix), *extra],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        rows = {r["sample"]: r for r in csv.DictReader(open(f"{prefix}.tsv"), delimiter="\t")}
        return {"row": rows["P7_T"], "stderr": result.stderr}

    inherited = p7()
    assert inherited["row"]["mechanism"] == "on_target_possible" and inherited["row"]["pgp_check"] == "not_indicated"
    assert "--min-vaf 0.05, as in the alkannot annotate run that wrote it" in inherited["stderr"]
    explicit = p7("--min-vaf", "0.01")  # given on the command line, it wins
    assert explicit["row"]["mechanism"] == "on_target"


# ---------------------------------------------------------------- second review of the day
def _vcf(tmp_path: Path, records: list[tuple[int, str, str, str]], name: str = "t.vcf") -> Path:
    """A GRCh38 tumour-only VCF: (POS, REF, ALT, GT) per record, VAF 0.3, phase set 1 where GT is phased."""
    head = (
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n'
        '##FORMAT=<ID=AF,Number=A,Type=Float,Description="a">\n'
        '##FORMAT=<ID=PS,Number=1,Type=Integer,Description="p">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\n"
    )
    body = "".join(
        f"chr2\t{pos}\t.\t{ref}\t{alt}\t.\tPASS\t.\tGT:AF:PS\t{gt}:0.3:{1 if '|' in gt else '.'}\n"
        for pos, ref, alt, gt in records
    )
    path = tmp_path / name
    path.write_text(head + body)
    return path


def _verdict(tmp_path: Path, vcf: Path, sheet: str):
    sheet_path = tmp_path / "sheet.tsv"
    sheet_path.write_text(sheet)
    (v,) = build_cohort([str(vcf)], str(sheet_path), tumor="T").verdicts
    return v


L1256F, L1196M, G1202R = (29209856, "G", "A"), (29220765, "G", "T"), (29220747, "C", "T")


def test_a_compound_inferred_from_an_in_silico_part_does_not_explain_progression(tmp_path):
    """L1256F+L1196M in cis after lorlatinib: the compound's call is inferred from its parts, and the part that
    sets it (L1256F, resistant) rests on a simulation only: not on_target, and LIN17T2 (which calls L1196M
    sensitive) is not cited for it."""
    vcf = _vcf(tmp_path, [(*L1256F, "0|1"), (*L1196M, "0|1")])
    v = _verdict(tmp_path, vcf, "sample\talk_status\tprogressed_on\nT\tpositive:IHC\talectinib;lorlatinib\n")
    assert v.mechanism == "on_target_possible" and v.pgp.check == "low_yield"
    # the compound named with its parts' VAFs, as a single change is (review 21, finding 3)
    assert re.search(
        r"L1196M\+L1256F \(cis; VAF [0-9.]+% and [0-9.]+%\) is resistant to lorlatinib as inferred", v.pgp.note
    )
    assert "(chiefly in silico, no cell IC50 read)" in v.pgp.note and "which explains" not in v.pgp.note
    assert "LIN17T2" not in v.pgp.note.split("P-gp facts:")[0]


def test_a_positive_ihc_makes_p_gp_a_mechanism_only_after_a_drug_it_affects(tmp_path):
    """No progression ('none'), or progression on brigatinib (untested) or neladalkib (unstudied): a positive
    IHC does not make the mechanism off_target_candidate; the note does not call P-gp a candidate outright."""
    vcf = _vcf(tmp_path, [(*G1202R, "0/0")])
    for history in ("none", "brigatinib", "lorlatinib;neladalkib", "crizotinib"):
        v = _verdict(
            tmp_path, vcf, f"sample\talk_status\tprogressed_on\tabcb1_ihc\nT\tpositive:IHC\t{history}\tpositive\n"
        )
        expected = "off_target_candidate" if history == "crizotinib" else "unexplained"
        assert v.mechanism == expected, (history, v.mechanism)
        if history == "brigatinib":
            assert "only if P-gp overexpression reduces the activity of brigatinib" in v.pgp.note
        if history.endswith("neladalkib"):
            assert v.pgp.note.count("is not known") == 1


def test_a_positive_ihc_changes_no_call_of_an_alk_negative_tumour_and_no_unknown_call(tmp_path):
    vcf = _vcf(tmp_path, [(*G1202R, "0/0")])
    negative = _verdict(
        tmp_path, vcf, "sample\talk_status\tprogressed_on\tabcb1_ihc\nT\tnegative\tcrizotinib\tpositive\n"
    )
    assert not any("IHC positive" in c.note for c in negative.inhibitors)
    positive = _verdict(
        tmp_path, vcf, "sample\talk_status\tprogressed_on\tabcb1_ihc\nT\tpositive:IHC\tcrizotinib\tpositive\n"
    )
    ceritinib = {c.inhibitor: c for c in positive.inhibitors}["ceritinib"]
    assert ceritinib.category == "unknown" and "genotype-based call (unknown" not in ceritinib.note  # unknown already
    assert "this_patient_abcb1_ihc" not in ceritinib.evidence_kinds and "IHC positive" in ceritinib.note


def test_report_reads_the_min_vaf_of_a_command_with_an_escaped_file_name(tmp_path):
    from alkannot.verdicts import recorded_min_vaf

    vcf = tmp_path / "v.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##alkannotCommand=alkannot annotate $'it\\'s\\nx.vcf' --min-vaf 0.05 -o a.vcf\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
    )
    assert recorded_min_vaf(str(vcf)) == 0.05


PAIRED_HEADER = (  # a tumour/normal pair: T and the matched normal N
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n'
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="a">\n##normal_sample=N\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\tN\n"
)


def test_a_change_the_matched_normal_carries_is_germline_and_not_counted(tmp_path):
    """A paired VCF (--tumor): D1529V called 0/1 in tumour and normal is listed with a germline note and not
    counted for resistance; G1202R, 0/0 in the normal, is counted (review 2026-11-30, finding 8)."""
    head = PAIRED_HEADER
    body = (
        "chr2\t29193501\t.\tT\tA\t.\tPASS\t.\tGT:AF\t0/1:0.5\t0/1:0.5\n"  # D1529V
        "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.3\t0/0:0.01\n"  # G1202R
    )
    vcf = tmp_path / "pair.vcf"
    vcf.write_text(head + body)
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nT\tpositive:IHC\talectinib\n")
    (v,) = build_cohort([str(vcf)], str(sheet), tumor="T").verdicts
    by_change = {m.protein_change: m for m in v.mutations}
    assert by_change["D1529V"].in_normal == ("N",) and not by_change["D1529V"].counts_for_resistance
    assert by_change["G1202R"].in_normal == () and v.mechanism == "on_target"
    assert any(n.startswith("D1529V is also found in the matched normal (N): germline") for n in v.notes)
    from alkannot.sample_header import header_lines

    (line,) = header_lines([v])
    assert 'AlkMutations="D1529V(germline);G1202R"' in line  # no compound: a list, not a '+'
    # a known resistance mutation in the normal too is not stated to be germline: tumour cells in the normal or a
    # sample mix-up come first (clinical review 2026-12-01, third reading, finding 9)
    vcf.write_text(head + body.replace("0/1:0.3\t0/0:0.01", "0/1:0.49\t0/1:0.48"))
    (v,) = build_cohort([str(vcf)], str(sheet), tumor="T").verdicts
    (note,) = [n for n in v.notes if n.startswith("G1202R is also found in the matched normal (N)")]
    assert "known ALK resistance mutation, so check for tumour cells in the normal sample or a sample mix-up" in note
    assert "germline, not an acquired" not in note
    # and the verdict does not read it as germline either: on-target resistance stays possible until the normal is
    # checked, the sample is not ALK-mutation-negative, and the P-gp note says what is open (review of the day's
    # changes, finding 6)
    assert (v.mechanism, v.alk_mutation_negative) == ("on_target_possible", False)
    # nor do the per-inhibitor calls show green where it would be resistant if it is the tumour's (final review of
    # 2026-12-01, finding 2); a drug the patient progressed on keeps its call
    calls = {i.inhibitor: i for i in v.inhibitors}
    assert calls["ceritinib"].category == "unknown" and calls["ceritinib"].note.startswith(
        "G1202R is also found in the matched normal; if it is the tumour's (tumour cells in the normal, or a sample "
        "mix-up), G1202R is resistant to ceritinib; no ALK resistance mutation after progression"
    )
    assert calls["alectinib"].category == "resistant" and "resistant to lorlatinib" not in calls["lorlatinib"].note
    # and the tables do not call it germline (final review, finding 2)
    from helpers import annotated_report

    doc, html = annotated_report(vcf, sheet, tmp_path / "r", "--tumor", "T")
    tsv = (tmp_path / "r.tsv").read_text()
    assert "G1202R(known VAF=0.490 in_normal_too:check)" in tsv  # the flag's token (review of stop 46, item c)
    # the cohort table: the flag's phrase (flag_words), as the card says it
    assert "G1202R (49.0%; in the matched normal too: check for tumour in the normal or a sample mix-up)" in html
    assert "G1202R (49.0%; germline" not in html
    # the lead names it as not counted; the caveat says what that leaves open, without naming it so again (final
    # review of stop 32)
    assert "no ALK resistance mutation was counted: G1202R (VAF 49.0%) is also found in the matched normal" in (
        v.pgp.note
    )
    assert v.pgp.note.count("is also found in the matched normal") == 1
    assert v.pgp.note.endswith(
        "If the normal holds tumour cells or the samples were mixed up, G1202R is the tumour's and may explain the "
        "progression: check that before acting on this advice."
    )


def test_in_a_merged_cohort_no_other_sample_counts_as_the_matched_normal(tmp_path):
    """--tumor P1_T on the 14-sample example: the other patients' samples are left out of the report but are
    not P1_T's normal, so nothing is called germline (the pairing is known only in a two-sample VCF)."""
    sheet = tmp_path / "s.tsv"
    sheet.write_text((EX / "samples.tsv").read_text())
    (v,) = build_cohort([str(EX / "GRCh38" / "tumor_normal.vcf")], str(sheet), tumor="P1_T").verdicts
    assert all(m.in_normal == () for m in v.mutations) and v.mechanism == "on_target"


def test_a_germline_change_forms_no_compound_and_another_tumour_is_no_normal(tmp_path):
    """Second review of 2026-11-30: G1202R germline (in N) beside a somatic L1196M must not make a compound that
    explains the progression; and a two-sample file whose other sample is a declared tumour has no normal."""
    head = (
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n'
        '##FORMAT=<ID=AF,Number=A,Type=Float,Description="a">\n'
    )
    columns = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\t{other}\n"
    body = (
        "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.3\t0/1:0.5\n"  # G1202R, in both
        "chr2\t29220765\t.\tG\tT\t.\tPASS\t.\tGT:AF\t0/1:0.3\t0/0:0.0\n"  # L1196M, tumour only
    )
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nT\tpositive:IHC\talectinib\n")
    pair = tmp_path / "pair.vcf"
    pair.write_text(head + "##normal_sample=N\n" + columns.format(other="N") + body)
    (v,) = build_cohort([str(pair)], str(sheet), tumor="T").verdicts
    assert v.compound is None and v.mechanism != "on_target"
    two_tumours = tmp_path / "two.vcf"
    two_tumours.write_text(head + "##tumor_sample=T\n##tumor_sample=T2\n" + columns.format(other="T2") + body)
    (w,) = build_cohort([str(two_tumours)], str(sheet), tumor="T").verdicts
    assert all(m.in_normal == () for m in w.mutations)


def _progressed(text: str, sample: str, drugs: str) -> str:
    """The sample sheet with `sample` progressed on `drugs` (column progressed_on, the third)."""
    rows = [line.split("\t") for line in text.splitlines()]
    return "\n".join("\t".join(r[:2] + [drugs] + r[3:] if r[0] == sample else r) for r in rows) + "\n"


def test_a_tumour_with_a_mutation_that_does_not_explain_the_drug_is_not_called_mutation_negative(tmp_path):
    """L1196M after crizotinib then ceritinib: ceritinib is active against L1196M (sensitive), so nothing explains
    the progression and P-gp is checked, but the tumour carries an ALK mutation: it is not 'ALK-mutation-negative'
    (clinical review 2026-12-01, finding 8)."""
    p2 = _cohort(tmp_path, lambda t: _progressed(t, "P2_T", "crizotinib;ceritinib"))["P2_T"]
    assert [m.protein_change for m in p2.mutations] == ["L1196M"]
    assert p2.mechanism == "unexplained" and p2.pgp.check == "recommended"
    assert not p2.alk_mutation_negative
    assert any("L1196M is present, but the knowledge base calls it sensitive to ceritinib" in n for n in p2.notes)
    p4 = _cohort(tmp_path)["P4_T"]  # no ALK mutation at all
    assert p4.mechanism == "unexplained" and p4.alk_mutation_negative


def test_an_earlier_affected_drug_is_named_for_re_use_not_for_dating_its_progression():
    """After crizotinib, ceritinib, then alectinib: the IHC of a biopsy at alectinib progression cannot say what
    caused the earlier progressions; a positive result argues against giving crizotinib and ceritinib again
    (KAT16) (clinical review 2026-12-01, finding 10)."""
    a = _assess("sample\tprogressed_on\nS\tcrizotinib;ceritinib;alectinib\n", "S")
    assert a.check == "low_yield"
    assert (
        "A positive P-gp IHC would argue against giving crizotinib and ceritinib again: P-gp overexpression " in a.note
    )
    # in cell models, as the P-gp facts say KAT16's finding (clinical review of stop 49); its PMID given at its first
    # citation (identified_once)
    assert "reduces their activity in cell models [KAT16" in a.note
    assert "earlier progression" not in a.note
    one = _assess("sample\tprogressed_on\nS\tcrizotinib;lorlatinib\n", "S")
    assert "against giving crizotinib again: P-gp overexpression reduces its activity in cell models [KAT16" in one.note


def test_an_abcb1_record_is_named_and_said_not_to_establish_pgp_status(tmp_path):
    """An ABCB1 gain in the SV calls: the note named no candidate while the off-target list held the ABCB1
    record (clinical review 2026-12-01, finding 11)."""
    from alkannot.offtarget import OffTarget
    from alkannot.offtarget_pointer import off_target_pointer

    gain = OffTarget("ABCB1", "copy_number_gain", "chr7:87400000 <DUP> CN=10", "", ("KAT16",), True, role="pgp")
    # the same SV calls give the sample CN 2 over MET (GeneCoverage: what its records reach)
    text = off_target_pointer(load_knowledge_base(), (gain,), (GeneCoverage("MET", ("copy_number",), (2,)),))
    # the record named, then the sourced statement, once (review of stop 29: said twice)
    assert text.startswith(
        " An ABCB1 record is listed (copy-number gain chr7:87400000 <DUP> CN=10). P-gp status is an expression (IHC) "
        "finding and is not inferred from the VCF; an ABCB1 record in the VCF does not establish it [SEED"
    )
    assert (
        "No other protein-altering, copy-number or structural change was found in the genes alkannot checks that the "
        "input's records of this sample reach (bypass genes: MET (copy number only: CN 2))"
        in text
        and "No off-target candidate" not in text
    )
    # with no record of the sample in those genes, they are not assessed: no "No other ... change was found"
    alone = off_target_pointer(load_knowledge_base(), (gain,))
    assert "Bypass and co-alteration genes not assessed" in alone and "change was found" not in alone


def test_a_trial_that_counts_earlier_inhibitors_is_not_applied_after_an_investigational_one():
    """SOL18's 'after one ALK inhibitor other than crizotinib' did not study patients pretreated with neladalkib
    (clinical review 2026-12-01, finding 4); after alectinib it applies."""
    after_neladalkib = _assess("sample\tprogressed_on\nS\tNVL-655\n", "S")
    assert "32.1%" not in after_neladalkib.note and "Sourced activity" not in after_neladalkib.note
    after_ceritinib = _assess("sample\tprogressed_on\nS\tceritinib\n", "S")
    assert "first ALK inhibitor: objective response rate 32.1% after one ALK inhibitor other than crizotinib" in (
        after_ceritinib.note
    )
    two = _assess("sample\tprogressed_on\nS\tcrizotinib;neladalkib\n", "S")
    assert "38.7%" not in two.note


def test_an_investigational_agent_is_named_once():
    from alkannot.kbfiles import load_knowledge_base

    kb = load_knowledge_base()
    notes = " ".join(c.note for c in kb.call_variant("G1202R", 1202, True).calls.values())
    assert "investigational (ALK TKI)" in notes and "(investigational))" not in notes


# ---------------------------------------------------------------- a compound's base alone after lorlatinib
@pytest.mark.parametrize(
    "change,sources", [("G1202R", ("SHI22", "OKA19")), ("I1171N", ("SHI22", "OKA19")), ("I1171S", ("SHI22",))]
)
def test_the_changes_lorlatinib_resistant_compounds_involve_come_from_the_knowledge_bases_class_statements(
    change, sources
):
    """SHI22 (and OKA19): lorlatinib-resistant compound ALK mutations involve G1202R or I1171N/S/T. The class
    statements on the single change say so; nothing says it of L1196M, nor of any inhibitor but lorlatinib."""
    from alkannot.genotype_readings import _compound_base

    kb = load_knowledge_base()
    position = int(change[1:5])
    assert _compound_base(kb, kb.call_variant(change, position, True), "lorlatinib") == sources
    assert _compound_base(kb, kb.call_variant(change, position, True), "alectinib") == ()
    assert _compound_base(kb, kb.call_variant("L1196M", 1196, True), "lorlatinib") == ()
    from alkannot.sourced_text import statement_sources

    for key in statement_sources("compound_base_lorlatinib", "compound_base_lorlatinib_G1202R"):  # in the KB
        assert kb.source(key) is not None, key


def test_a_clonal_i1171t_alone_after_lorlatinib_makes_on_target_possible_and_is_named():
    """I1171T is listed as lorlatinib-sensitive (LIN17T2), but lorlatinib-resistant compounds involve it (SHI22):
    on its own, clonal, after lorlatinib it neither explains the progression nor rules the on-target mechanism out
    (clinical review 2026-12-01, second reading, finding 5); below --min-vaf, or without the class statement, it
    stays a change that does not explain it."""
    from alkannot.sample_notes import explanation_notes

    base = Reading("I1171T", "lorlatinib", "sensitive", ("LIN17T2",), True, compound_base=("SHI22",))
    assert mechanism_of([], (base,), [], "lorlatinib") == "on_target_possible"
    assert mechanism_of([], (Reading("I1171T", "lorlatinib", "sensitive", ("LIN17T2",), True),), [], "lorlatinib") == (
        "unexplained"
    )
    subclonal = Reading("I1171T", "lorlatinib", "sensitive", ("LIN17T2",), False, compound_base=("SHI22",))
    assert mechanism_of([], (subclonal,), [], "lorlatinib") == "unexplained"
    pgp = _assess("sample\tprogressed_on\nA\tlorlatinib\n", "A", [base])
    assert pgp.check == "low_yield"
    assert pgp.note.startswith(
        "Low yield: progressed most recently on lorlatinib; I1171T, which on its own is lorlatinib-sensitive "
        "[LIN17T2], is present: a compound mutation with it that this input does not show may explain this progression "
        "[SHI22, PMC9732888; REC20, PMID 31585938]."  # not PEL21, whose sentence is about G1202R (stop 47, clin47)
    )
    (note,) = explanation_notes(load_knowledge_base(), (base,), "lorlatinib")
    assert note.startswith("I1171T is present and the knowledge base calls it sensitive to lorlatinib on its own")
    assert "does not explain" not in note


def test_a_known_mutation_in_the_normal_is_weighed_with_the_tumours_own_changes(tmp_path):
    """Last check of 2026-12-01, finding B: beside the tumour's L1196M, G1202R also in the normal is weighed as the
    compound the tumour would carry (L1196M+G1202R: no lorlatinib call), not as G1202R alone (lorlatinib-sensitive),
    so lorlatinib is not left green. After crizotinib, which L1196M explains (on target), the normal's change is what
    makes the call `unknown`; after alectinib, which L1196M does not explain, the untried-drug rule does it first
    (untried.py, before the normal's change is weighed: stop 25 note, wrong depth), and its note says why."""
    head = PAIRED_HEADER
    body = (
        "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.49\t0/1:0.48\n"  # G1202R, in the normal too
        "chr2\t29220765\t.\tG\tT\t.\tPASS\t.\tGT:AF\t0/1:0.3\t0/0:0\n"  # L1196M, the tumour's
    )
    vcf = tmp_path / "pair.vcf"
    vcf.write_text(head + body)
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nT\tpositive:IHC\tcrizotinib\n")
    (v,) = build_cohort([str(vcf)], str(sheet), tumor="T").verdicts
    calls = {i.inhibitor: i for i in v.inhibitors}
    assert v.mechanism == "on_target" and calls["lorlatinib"].category == "unknown"
    assert calls["lorlatinib"].note.startswith(
        "G1202R is also found in the matched normal; if it is the tumour's (tumour cells in the normal, or a sample "
        "mix-up), L1196M+G1202R has no call for lorlatinib; without it the call would be sensitive (L1196M)"
    )
    assert calls["crizotinib"].category == "resistant" and calls["crizotinib"].progressed_on
    sheet.write_text("sample\talk_status\tprogressed_on\nT\tpositive:IHC\talectinib\n")
    (v,) = build_cohort([str(vcf)], str(sheet), tumor="T").verdicts
    calls = {i.inhibitor: i for i in v.inhibitors}
    assert v.mechanism != "on_target" and calls["lorlatinib"].category == "unknown"
    assert calls["lorlatinib"].note.startswith(
        "no ALK change found is shown to explain the progression on alectinib, and whatever explains it may also make "
        "this drug less effective; the call for L1196M alone is sensitive (reviews only) ["  # the table's mark
    )
    assert calls["alectinib"].category == "resistant" and calls["alectinib"].progressed_on


@pytest.mark.parametrize("agent", ["NVL-655", "gilteritinib", "TPX-0131"])
def test_a_recommended_check_after_an_agent_without_p_gp_data_says_what_it_rests_on(agent):
    """No source says whether P-gp overexpression affects neladalkib, gilteritinib or TPX-0131: the check stays
    recommended (nothing explains the progression) and the note says it rests on that, not on a source about the
    drug (clinical review 2026-12-01, sixth reading, finding 7)."""
    pgp = _assess(f"sample\talk_status\tprogressed_on\nS\tpositive:IHC\talectinib;{agent}\n", "S")
    assert pgp.check == "recommended"
    assert (
        "is not known (no source in the knowledge base): the check is suggested because nothing found is shown to explain "
        "the progression, not because a source shows P-gp acting on it." in pgp.note
    )


def test_the_polymorphism_cut_off_is_said_with_its_sources_and_matches_the_code():
    """'a common polymorphism (population allele frequency of 1% or more ...) does not count' was printed without a
    source; its sentence (statements.tsv common_polymorphism) cites AMP17 (tier IV, MAF >= 1%) and HORAK22 (SBS1,
    > 1%), and its figure is the one the code uses (existing.COMMON_POPULATION_AF)."""
    from alkannot.existing import COMMON_POPULATION_AF
    from alkannot.kbfiles import load_knowledge_base
    from alkannot.offtarget_screen import COMMON_POLYMORPHISM, no_bypass_found
    from alkannot.sourced_text import statement_sources, statement_text

    kb = load_knowledge_base()
    assert f"{COMMON_POPULATION_AF:.0%} or more" in statement_text(COMMON_POLYMORPHISM)
    assert statement_sources(COMMON_POLYMORPHISM) == ("AMP17", "HORAK22")
    # said where the input's small-variant records reach a gene alkannot checks (stop 41), and only there
    said = no_bypass_found(kb, (GeneCoverage("EGFR", ("small_variant",)),))
    assert "does not count [AMP17, PMID 27993330; HORAK22, PMID 35101336]." in said
    assert "AMP17" not in no_bypass_found(kb, (GeneCoverage("MET", ("copy_number",), (2,)),)) + no_bypass_found(kb, ())
    for key in ("AMP17", "HORAK22"):
        assert kb.source(key) is not None
