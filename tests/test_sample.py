"""Per-sample verdicts: the example cohort in both builds, and the rules one by one."""

import subprocess
from pathlib import Path

import pytest
from helpers import AFTER_CRIZOTINIB_CERITINIB, ALKANNOT, LORLATINIB_CAVEAT_AFTER_CERITINIB

from alkannot.cohort import build_cohort
from alkannot.pgp import PgpInputs, pgp_assessment
from alkannot.sample import allele_vaf, carries, group_compound
from alkannot.sample_header import header_lines
from alkannot.samplesheet import parse_sample_sheet

EX = Path(__file__).parent.parent / "example_vcfs"

# sample -> (fusion, mutations, mechanism, pgp_check)
EXPECTED = {
    "P1_T": ("positive", ["G1202R"], "on_target", "not_indicated"),
    "P2_T": ("positive", ["L1196M"], "on_target", "not_indicated"),
    # lorlatinib: the knowledge base has no call for G1202R+L1196M in cis (unknown), so the compound may or
    # may not explain the progression; lorlatinib is not affected by P-gp overexpression (KAT16)
    "P3_T": ("positive", ["G1202R", "L1196M"], "on_target_possible", "low_yield"),
    "P4_T": ("positive", [], "unexplained", "recommended"),
    "P5_T": ("positive", [], "off_target_candidate", "low_yield"),  # most recently alectinib (KAT16)
    "P6_T": ("negative", ["L1240S"], "on_target_possible", "not_indicated"),  # ALK positivity not established
    # C1156Y only at VAF 0.03, and no ALK status: no advice until ALK positivity is shown
    "P7_T": ("not_assessed", ["C1156Y"], "on_target_possible", "not_indicated"),
}


@pytest.fixture(scope="module", params=["GRCh38", "GRCh37"])
def cohort(request):
    folder = EX / request.param
    return request.param, build_cohort(
        [str(folder / "tumor_normal.vcf")],
        str(EX / "samples.tsv"),
        min_vaf=0.05,
        sv_paths=[str(folder / "sv.vcf")],
        fusion_paths=[f"P5_T={folder / 'fusions.tsv'}"],
    )


def _by_sample(cohort):
    return {v.sample: v for v in cohort[1].verdicts}


def test_scenarios(cohort):
    build, c = cohort
    verdicts = _by_sample(cohort)
    assert set(verdicts) == set(EXPECTED), "normals P#_N are never reported"
    assert c.inputs[0].left_out == tuple(f"P{i}_N" for i in range(1, 8))
    for sample, (fusion, mutations, mechanism, pgp) in EXPECTED.items():
        v = verdicts[sample]
        assert v.build == build
        assert (v.fusion, [m.protein_change for m in v.mutations], v.mechanism, v.pgp.check) == (
            fusion,
            mutations,
            mechanism,
            pgp,
        ), sample


def test_compound_in_cis_from_phase_set(cohort):
    v = _by_sample(cohort)["P3_T"]
    assert v.compound.changes == ("L1196M", "G1202R") and v.compound.phase == "cis"
    assert v.compound.phase_method == "PS"
    assert all(i.basis.startswith("L1196M+G1202R (cis)") for i in v.inhibitors)
    # the compound has no call for lorlatinib, the drug of the latest progression, but it is a compound of G1202R,
    # which lorlatinib-resistant compounds involve: it may explain the progression (clinical review of stop 41,
    # finding 1: 'not known' there, while G1202R alone read 'a compound with it may explain this progression')
    said = next(n for n in v.notes if n.startswith("L1196M+G1202R (cis) is present"))
    assert said.startswith(
        "L1196M+G1202R (cis) is present; the knowledge base has no genotype-based lorlatinib call for it, but it "
        "contains G1202R, a change found in lorlatinib-resistant compound ALK mutations from patients and cell models "
        "[SHI22, PMC9732888; OKA19, PMC6441848; REC20, PMID 31585938; PEL21"
    )
    assert said.endswith(
        ": it may explain this progression, though no source in the knowledge base reports on this compound alone and "
        "lorlatinib."
    )
    assert "is not known" not in said
    assert v.mechanism == "on_target_possible" and v.pgp.check == "low_yield"


def test_inhibitor_calls_are_sourced(cohort):
    v = _by_sample(cohort)["P1_T"]
    calls = {i.inhibitor: i for i in v.inhibitors}
    assert calls["alectinib"].category == "resistant" and calls["alectinib"].progressed_on
    assert "consistent with the genotype call" in calls["alectinib"].note
    assert calls["lorlatinib"].category == "sensitive"
    assert all(i.sources for i in v.inhibitors if i.category != "unknown")


def test_low_vaf_is_marked_not_dropped(cohort):
    v = _by_sample(cohort)["P7_T"]
    (m,) = v.mutations
    assert m.low_vaf and m.vaf == pytest.approx(9 / 299, abs=1e-3) and m.vaf_source == "AF"
    assert any("subclonal" in n for n in v.notes)
    # the P-gp flag speaks for P-gp; a note on a mutation never contradicts it (review 2026-12-01, finding 9)
    assert not any("P-gp question" in n for n in v.notes)


def test_pgp_note_after_ceritinib(cohort):
    note = _by_sample(cohort)["P4_T"].pgp.note
    assert note.startswith("Recommended: progressed most recently on ceritinib")
    assert "reduces the activity of ceritinib" in note and "26870817" in note
    # said once, in the 'If P-gp IHC is positive' text; the P-gp facts refer to it (clinical read of stop 52)
    assert "in the same study's cell models, P-gp overexpression did not confer resistance to alectinib or " in note
    assert "alectinib and lorlatinib: see the finding in cell models above;" in note
    assert "Ceritinib combined with a P-gp inhibitor (MS209)" in note and "Check P-gp (ABCB1) by IHC" in note
    # ABCB1 transport is a pharmacokinetic fact, said apart from tumour resistance, for every drug with a sourced
    # value: the strongly transported crizotinib and ceritinib too, not lorlatinib's modest transport alone, and
    # alectinib's absence of transport (clinical review of stop 41, finding 5)
    transport = note[note.index("Transport by ABCB1 (P-gp) itself, a different, pharmacokinetic question") :]
    for drug, source in (("crizotinib", "TANG14"), ("ceritinib", "KORT_CER"), ("alectinib", "ALEC_IC14")):
        assert f"; {drug}: " in transport or f": {drug}: " in transport, drug
        assert source in transport, source
    assert "lorlatinib: human ABCB1 'modestly transported' lorlatinib" in transport and "LI18LOR" in transport
    assert "(a research use: the sources read give no validated clinical antibody, scoring system or cut-off" in note
    # options only where a source supports activity after crizotinib then ceritinib
    assert "38.7% after two or three ALK inhibitors" in note and "SOL18" in note
    assert _by_sample(cohort)["P4_T"].pgp.context == "after_affected"


def test_pgp_after_alectinib_is_low_yield_and_bypass_is_listed(cohort):
    v = _by_sample(cohort)["P5_T"]
    assert v.pgp.check == "low_yield" and v.pgp.context == "after_unaffected"
    assert v.pgp.note.startswith("Low yield:") and "unlikely explanation" in v.pgp.note
    assert "Check P-gp" not in v.pgp.note and "Sourced activity" not in v.pgp.note
    (met,) = v.off_target
    assert met.gene == "MET" and met.kind == "copy_number_gain" and "DJ20" in met.sources


def test_fusion_negative_and_not_assessed(cohort):
    verdicts = _by_sample(cohort)
    assert verdicts["P6_T"].fusion == "negative" and verdicts["P6_T"].fusion_calls == ()
    assert verdicts["P7_T"].fusion == "not_assessed"


# ---------------------------------------------------------------- rules one by one
def test_carries_and_vaf_as_callers_write_them():
    assert carries({"GT": (0, 1), "AD": (10, 5)}, 1)
    assert not carries({"GT": (0, 0), "AD": (50, 1), "AF": (0.02,)}, 1), "a called GT decides"
    assert carries({"GT": (None, None), "AD": (10, 3)}, 1)
    assert not carries({"GT": (None, None), "AD": (None,)}, 1)
    assert carries({"FREQ": "12.5%"}, 1)
    assert allele_vaf({"AD": (30, 10)}, 1)[:2] == (0.25, "AD")
    assert allele_vaf({"AF": (0.1, 0.3)}, 2)[:2] == (0.3, "AF")
    assert allele_vaf({"FREQ": "12.5%"}, 1)[:2] == (0.125, "FREQ")


def _mutation(change, pos, record, phase_set=None, haplotype=None):
    from alkannot.sample import AlkMutation

    return AlkMutation(
        change,
        "p." + change,
        "c.?",
        "missense_variant",
        "kinase_domain",
        pos,
        "chr2",
        record,
        "C",
        "T",
        "PASS",
        0.3,
        "AF",
        100,
        False,
        "known",
        (),
        (),
        phase_set,
        haplotype,
        record,
    )


def test_phase_trans_and_unknown():
    a = _mutation("G1202R", 1202, 1, "PS:5", "0|1")
    b = _mutation("L1196M", 1196, 2, "PS:5", "1|0")
    assert group_compound([a, b])[1:] == ("trans", "PS")
    c = _mutation("L1196M", 1196, 2)
    assert group_compound([a, c])[1:] == ("unknown", "none")
    assert group_compound([a]) is None


def _kb():
    from alkannot.kbfiles import load_knowledge_base

    return load_knowledge_base()


def _assess(sheet: str, sample: str, readings=(), **flags):
    row = parse_sample_sheet(sheet).get(sample)
    return pgp_assessment(_kb(), PgpInputs(row, tuple(readings), **flags))


def test_pgp_without_history_is_if_progressed():
    pgp = _assess("sample\tabcb1_ihc\nX\tpositive\n", "X")
    assert pgp.check == "if_progressed" and pgp.note.startswith("If progressed:")
    # by each drug's P-gp effect, with sources (clinical review of stop 42, finding 3)
    assert (
        "The positive ABCB1 (P-gp) IHC (sample sheet) makes P-gp overexpression a candidate explanation of a "
        "progression on crizotinib or ceritinib [KAT16"
    ) in pgp.note


def test_pgp_not_indicated_when_alk_negative_or_no_progression():
    sheet = "sample\tprogressed_on\talk_status\nA\tceritinib\tnegative\nB\tnone\t\n"
    a = _assess(sheet, "A", alk_negative=True)
    assert a.check == "not_indicated" and a.context == "alk_negative" and a.note.startswith("Not indicated:")
    b = _assess(sheet, "B")
    assert b.check == "not_indicated" and b.context == "no_progression"


def test_pgp_affected_drugs_come_from_the_knowledge_base():
    pgp = _assess("sample\tprogressed_on\nA\tcrizotinib\n", "A")
    assert pgp.affected_progressed == ("crizotinib",) and pgp.not_affected == ("alectinib", "lorlatinib")


def test_header_lines_quote_commas_and_bcftools_accepts(tmp_path):
    from alkannot.sample import PgpAssessment, SampleVerdict

    v = SampleVerdict(
        'S,1 "x"',
        "in.vcf",
        "GRCh38",
        "single",
        "positive",
        (),
        None,
        None,
        (),
        None,
        (),
        "unexplained",
        PgpAssessment("recommended", "no_history", ""),
        (),
    )
    (line,) = header_lines([v])
    assert line.startswith('##alkannotSample=<ID="S,1 \\"x\\"",Fusion=positive,')
    vcf = tmp_path / "h.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n" + line + "\n##contig=<ID=chr2,length=242193529>\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
    )
    run = subprocess.run(["bcftools", "view", "-h", str(vcf)], capture_output=True, text=True)
    assert run.returncode == 0 and "alkannotSample" in run.stdout


def test_tumor_option_and_single_sample(tmp_path):
    from alkannot.roles import analysed_samples

    class S:
        samples = ("T", "N")
        tumor_headers = normal_headers = ()
        display = "x.vcf"

    assert analysed_samples(S, "T")[0] == ["T"]
    assert analysed_samples(S, None, ("T",), ("N",))[:2] == (["T"], "tumor")
    assert analysed_samples(S, None)[0] == ["T", "N"]


def test_annotated_vcf_carries_sample_lines(tmp_path):
    folder = EX / "GRCh37"
    out = tmp_path / "a.vcf.gz"
    run = subprocess.run(
        [
            ALKANNOT,
            "annotate",
            str(folder / "tumor_normal.vcf"),
            "--sv",
            str(folder / "sv.vcf"),
            "--fusions",
            f"P5_T={folder / 'fusions.tsv'}",
            "--samples",
            str(EX / "samples.tsv"),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    header = subprocess.run(["bcftools", "view", "-h", str(out)], capture_output=True, text=True, check=True).stdout
    lines = [l for l in header.splitlines() if l.startswith("##alkannotSample=")]
    assert len(lines) == 7
    assert (
        "##alkannotSample=<ID=P4_T,Fusion=positive,FusionPartner=EML4,FusionVariant=v1,AlkMutations=none,"
        "Mechanism=unexplained,PgpCheck=recommended,PgpContext=after_affected,PgpSources=KAT16(PMID:26870817),"
        f'Calls="{AFTER_CRIZOTINIB_CERITINIB}",CallSources="crizotinib:sample_sheet;ceritinib:sample_sheet",'
        'OffTargetCovered="MET:copy_number:CN=2",AlkStatus=positive:IHC,ProgressedOn="crizotinib;ceritinib",'
        f"Input={folder / 'tumor_normal.vcf'}>" in lines
    )
    assert any("ID=P3_T" in l and 'AlkMutations="L1196M+G1202R cis (phase from PS)"' in l for l in lines)


def test_fusion_read_support_as_each_caller_names_it(cohort):
    verdicts = _by_sample(cohort)
    (p1,) = verdicts["P1_T"].fusion_calls
    assert p1.startswith("EML4::ALK v1 [positive") and "DNA: sv.vcf PR=" in p1 and " SR=" in p1  # Manta
    (p5,) = verdicts["P5_T"].fusion_calls
    assert "RNA: fusions.tsv split_reads1=" in p5 and "discordant_mates=" in p5  # Arriba


def test_a_drug_the_patient_progressed_on_is_never_called_sensitive_for_that_patient(cohort):
    v = _by_sample(cohort)["P4_T"]  # no ALK mutation, progressed on crizotinib then ceritinib
    calls = {i.inhibitor: i for i in v.inhibitors}
    for drug in ("crizotinib", "ceritinib"):
        assert calls[drug].category == "resistant" and calls[drug].progressed_on
        assert "sample_sheet" in calls[drug].sources and "genotype-based call alone would be" in calls[drug].note
    assert not calls["alectinib"].progressed_on and calls["alectinib"].category != "resistant"


def test_pgp_note_follows_the_most_recent_progression():
    sheet = "sample\tprogressed_on\nA\tcrizotinib;alectinib\nB\talectinib;ceritinib\n"
    a = _assess(sheet, "A")
    assert a.check == "low_yield" and a.context == "after_unaffected"
    assert "most recently on alectinib" in a.note and "against giving crizotinib again" in a.note
    assert "Sourced activity" not in a.note, "a low-yield note offers no options"
    b = _assess(sheet, "B")
    assert b.check == "recommended" and b.context == "after_affected" and "most recently on ceritinib" in b.note
    assert "lorlatinib: objective response rate 38.7%" in b.note


def test_pgp_not_indicated_when_alk_positivity_is_not_established():
    pgp = _assess("sample\tprogressed_on\nA\tceritinib\n", "A", alk_unestablished="why")
    assert pgp.check == "not_indicated" and "ALK positivity is not established (why)" in pgp.note


def _single_sample_verdict(tmp_path, sheet_row: str, record: str = ""):
    vcf = tmp_path / "t.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\n" + record
    )
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\n" + sheet_row + "\n")
    (v,) = build_cohort([str(vcf)], str(sheet), min_vaf=0.05).verdicts
    return v


def test_pgp_advice_needs_alk_positivity_shown(tmp_path):
    """An equivocal ALK status is not ALK positivity: no P-gp advice (clinical review 2026-12-01, finding 1).
    With no status and no fusion evidence the flag is not_indicated too (the flag is what a pipeline acts on),
    and the note keeps the advice that applies if the tumour is ALK-positive (second reading, finding 3). A
    positive status or a clonal known resistance mutation shows it."""
    equivocal = _single_sample_verdict(tmp_path, "T1\tequivocal:FISH\tcrizotinib")
    assert equivocal.pgp.check == "not_indicated" and equivocal.pgp.context == "alk_not_established"
    assert "the sample sheet gives the ALK status as equivocal:FISH" in equivocal.pgp.note
    assert "objective response rate" not in equivocal.pgp.note
    assumed = _single_sample_verdict(tmp_path, "T1\t\tcrizotinib")
    assert assumed.pgp.check == "not_indicated" and assumed.pgp.context == "alk_not_established"
    assert assumed.pgp.note.startswith(
        "Not indicated: ALK positivity is not established (the sample sheet gives no ALK status, and this input "
        "shows no ALK fusion call and no clonal known ALK resistance mutation)"
    )
    assert "If the tumour is ALK-positive, the check is recommended: progressed most recently on crizotinib" in (
        assumed.pgp.note
    )
    shown = _single_sample_verdict(tmp_path, "T1\tpositive:IHC\tcrizotinib")
    assert shown.pgp.check == "recommended" and shown.pgp.note.startswith("Recommended: progressed")
    g1202r = "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AD\t0/1:140,60\n"  # resistant to crizotinib
    mutated = _single_sample_verdict(tmp_path, "T1\t\tcrizotinib", g1202r)
    assert mutated.pgp.check == "not_indicated" and "ALK-positive:" not in mutated.pgp.note


def test_subclonal_only_mutation_keeps_the_pgp_question_open_and_travels_in_the_header(cohort):
    """P7_T: C1156Y only below --min-vaf, and no ALK status: the flag waits for ALK positivity; the note keeps
    the advice for an ALK-positive tumour, in which the subclonal C1156Y leaves the P-gp question open."""
    v = _by_sample(cohort)["P7_T"]
    assert v.mechanism == "on_target_possible" and v.pgp.check == "not_indicated"
    assert v.pgp.context == "alk_not_established"
    assert "If the tumour is ALK-positive, the check is recommended: progressed most recently on crizotinib" in (
        v.pgp.note
    )
    assert "C1156Y (VAF 3.0%), below the clonality cut-off set for this run, may explain it only in part" in v.pgp.note
    (line,) = [l for l in header_lines([v])]
    assert "AlkMutations=C1156Y(low_vaf)" in line


def test_sheet_positive_but_sv_negative_is_called_discordant():
    folder = EX / "GRCh38"
    sheet = folder.parent / "samples.tsv"
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        text = sheet.read_text().replace("P7_T\t\tcrizotinib", "P7_T\tpositive:IHC\tcrizotinib")
        text += "P6_T\tpositive:FISH\t\t\t\t\n"
        custom = Path(tmp) / "s.tsv"
        custom.write_text(text)
        c = build_cohort([str(folder / "tumor_normal.vcf")], str(custom), sv_paths=[str(folder / "sv.vcf")])
    p6 = {v.sample: v for v in c.verdicts}["P6_T"]
    assert p6.fusion == "positive_external" and any(n.startswith("Discordant") for n in p6.notes)


def test_strelka2_somatic_snvs_tumor_is_found_and_vaf_read_from_tier1_counts(tmp_path):
    """Strelka2 writes no GT and no ##tumor_sample: the samples are NORMAL and TUMOR, VAF from AU/CU/GU/TU."""
    c = build_cohort([str(Path(__file__).parent / "data" / "strelka2_somatic_snvs_grch37.vcf")])
    (v,) = c.verdicts
    assert v.sample == "TUMOR" and c.inputs[0].left_out == ("NORMAL",)
    g1202r = next(m for m in v.mutations if m.protein_change == "G1202R")
    assert g1202r.vaf == pytest.approx(32 / (76 + 32)) and g1202r.vaf_source == "TU"
    l1196m = next(m for m in v.mutations if m.protein_change == "L1196M")
    assert not l1196m.passed and l1196m.filter == "LowEVS"  # listed, not used for the verdict
    assert v.mechanism == "on_target"


def test_freebayes_ao_ro():
    assert allele_vaf({"GT": (0, 1), "RO": 30, "AO": (10,)}, 1)[:2] == (0.25, "AO")
    assert allele_vaf({"RO": 10, "AO": (5, 5)}, 2)[:2] == (0.25, "AO")


def test_known_abcb1_ihc_answers_the_question():
    sheet = "sample\tprogressed_on\tabcb1_ihc\nN\tceritinib\tnegative\nP\tceritinib\tpositive\n"
    neg = _assess(sheet, "N")
    assert neg.check == "not_indicated" and neg.note.startswith(
        "Not indicated: ABCB1 (P-gp) IHC is already negative (sample sheet): P-gp overexpression, which reduces the "
        "activity of ceritinib in cell models [KAT16, PMID 26870817; SEED, press release on KAT16], was not shown, so "
        "it is a less likely explanation of the progression on ceritinib, though not excluded (the IHC is a research "
        "use: "
    ), neg.note
    assert neg.note.count("already negative") == 1 and "Progressed most recently on ceritinib" in neg.note
    assert "Check P-gp" not in neg.note
    pos = _assess(sheet, "P")
    assert pos.check == "recommended" and "Check P-gp" not in pos.note
    # the note says what the positive result means, and never that the check need not be done (flag and note
    # agree: review 2026-11-30, finding 1)
    assert "IHC is positive (sample sheet): P-gp overexpression is a candidate explanation of this progression" in (
        pos.note
    )
    assert "need not be requested" not in pos.note
    # the check is done: the flag says so and the finding comes first (review 9, clinical, finding 6)
    assert pos.note.startswith(
        "Recommended (done): ABCB1 (P-gp) IHC is positive (sample sheet): P-gp overexpression is a candidate "
        "explanation of this progression on ceritinib. Progressed most recently on ceritinib, and no"
    ), pos.note


def test_untried_drugs_are_not_called_sensitive_after_progression_without_an_alk_mutation(cohort):
    calls = {i.inhibitor: i for i in _by_sample(cohort)["P4_T"].inhibitors}
    for drug in ("alectinib", "brigatinib", "lorlatinib", "ensartinib"):
        assert calls[drug].category == "unknown" and "not used for this patient, because" in calls[drug].note
    # the sourced activity in this line is in the cell, not only in the P-gp note (clinical review 2026-12-01,
    # sixth reading, finding 8); P4_T progressed on crizotinib then ceritinib: SOL18's figure after two or more
    # with GAI16's caveat beside it, as the P-gp note gives it (review 17, finding 3: ceritinib, no ALK mutation)
    assert calls["lorlatinib"].note.endswith(
        "sourced activity after this treatment history: lorlatinib: objective response rate 38.7% after two or three "
        "ALK inhibitors (clinical trial) [SOL18]" + LORLATINIB_CAVEAT_AFTER_CERITINIB
    )
    # SOL18's PMID once, at its first citation (the fusion's call), its key kept here (clinical review of stop 42)
    assert calls["lorlatinib"].note.count("PMID 30413378") == 1
    # rows about P-gp-overexpressing cells only (KAT16) are the P-gp note's, not the genotype cell's
    assert "KAT16" not in calls["alectinib"].note and "sourced activity" not in calls["alectinib"].note


def test_a_sample_named_like_a_normal_is_warned_about_when_nothing_marks_the_roles(tmp_path):
    """Without --tumor or ##tumor_sample/##normal_sample, every sample is a patient; one named like a matched
    normal (PX_normal) is said to be reported as one (review 2026-11-30)."""
    vcf = tmp_path / "pair.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPX_tumor\tPX_normal\n"
        "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT\t0/1\t0/0\n"
    )
    result = subprocess.run(
        [ALKANNOT, "annotate", str(vcf), "--build", "GRCh38", "-o", str(tmp_path / "o.vcf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "PX_normal look(s) like a matched normal by name" in result.stderr and "--tumor NAME" in result.stderr
    told = subprocess.run(
        [ALKANNOT, "annotate", str(vcf), "--build", "GRCh38", "--tumor", "PX_tumor", "-o", str(tmp_path / "t.vcf")],
        capture_output=True,
        text=True,
    )
    assert told.returncode == 0 and "matched normal" not in told.stderr


def test_a_positive_ihc_before_any_alk_inhibitor_is_said_with_what_it_bears_on():
    """Review 11, finding 7: the calls of crizotinib and ceritinib were withheld without a word in the P-gp note."""
    pos = _assess("sample\tprogressed_on\tabcb1_ihc\nX\tnone\tpositive\n", "X")
    assert pos.check == "not_indicated" and pos.note == (
        "Not indicated: the sample sheet records no progression on an ALK inhibitor. ABCB1 (P-gp) IHC is positive "
        "(sample sheet): P-gp overexpression reduces the activity of crizotinib and ceritinib in cell models [KAT16, PMID 26870817; "
        "SEED, press release on KAT16], which bears on the choice of a first ALK inhibitor."
    )
    neg = _assess("sample\tprogressed_on\tabcb1_ihc\nX\tnone\tnegative\n", "X")
    assert neg.note == "Not indicated: the sample sheet records no progression on an ALK inhibitor."
