"""A drug not yet given is not called `sensitive` on a mutation that does not explain the latest progression
(clinical review 12, finding 1; RULES.md section 8).

L1196M after crizotinib then ceritinib: the sources call L1196M sensitive to ceritinib, so it does not explain the
progression, and whatever does may also make alectinib, brigatinib or lorlatinib less effective: those calls become `unknown`,
the L1196M call and its sources kept in the note, as after progression with no ALK mutation at all. After
crizotinib only, L1196M explains the progression (on_target) and the same calls stand. I1171N after alectinib then
lorlatinib (only possibly on target: a compound partner the input does not show) keeps no `sensitive` call either.
"""

from __future__ import annotations

from pathlib import Path

from helpers import annotated_report

HEADER = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tAFTER_CERITINIB\tAFTER_CRIZOTINIB\tAFTER_LORLATINIB\n"
)
RECORDS = (  # GRCh38: L1196M c.3586C>A, I1171N c.3512T>A
    "chr2\t29220765\t.\tG\tT\t.\tPASS\t.\tGT:AF\t0/1:0.32\t0/1:0.32\t0/0:0\n"
    "chr2\t29222347\t.\tA\tT\t.\tPASS\t.\tGT:AF\t0/0:0\t0/0:0\t0/1:0.25\n"
)
SHEET = (
    "sample\talk_status\tprogressed_on\n"
    "AFTER_CERITINIB\tpositive:FISH\tcrizotinib;ceritinib\n"
    "AFTER_CRIZOTINIB\tpositive:FISH\tcrizotinib\n"
    "AFTER_LORLATINIB\tpositive:IHC\talectinib;lorlatinib\n"
)


def _annotated(tmp_path: Path, sample: str, record: str, sheet: str | Path, *extra) -> dict:
    """The JSON report of a one-sample VCF (HEADER's columns up to FORMAT, then `sample`) holding `record`, with
    `sheet` (a sample sheet's text, or a file)."""
    vcf = tmp_path / "one.vcf"
    vcf.write_text(HEADER.split("\tAFTER_CERITINIB")[0] + f"\t{sample}\n{record}")
    if isinstance(sheet, str):
        (tmp_path / "s.tsv").write_text(sheet)
        sheet = tmp_path / "s.tsv"
    doc, _ = annotated_report(vcf, sheet, tmp_path / "rep", *extra)
    return doc


def test_a_mutation_that_does_not_explain_the_progression_calls_no_untried_drug_sensitive(tmp_path):
    (tmp_path / "c.vcf").write_text(HEADER + RECORDS)
    (tmp_path / "s.tsv").write_text(SHEET)
    doc, html = annotated_report(tmp_path / "c.vcf", tmp_path / "s.tsv", tmp_path / "rep", "--min-vaf", "0.05")
    samples = {s["sample"]: s for s in doc["samples"]}

    after = samples["AFTER_CERITINIB"]
    assert after["mechanism"] == "unexplained"
    calls = {name: c["category"] for name, c in after["inhibitors"].items()}
    assert calls["crizotinib"] == calls["ceritinib"] == "resistant"  # progressed on both
    assert "sensitive" not in calls.values()
    for drug in ("alectinib", "brigatinib", "lorlatinib"):
        call = after["inhibitors"][drug]
        assert call["category"] == "unknown" and call["sources"] == [], drug
        assert call["note"].startswith(
            "no ALK change found is shown to explain the progression on ceritinib, and whatever explains it may also "
            "make this drug less effective; the call for L1196M alone is sensitive "
            # the table's mark of the call (stop 53): L1196M's alectinib call rests on EID141 too
            + ("[" if drug == "alectinib" else "(reviews only) [")
        ), call["note"]
        assert call["note"].split(", which is therefore not used for this patient")[0].endswith("]")
    assert "EID141(PMID:21575866)" in after["inhibitors"]["alectinib"]["note"]

    # the same L1196M explains a progression on crizotinib: its calls for the untried drugs stand
    explained = samples["AFTER_CRIZOTINIB"]
    assert explained["mechanism"] == "on_target"
    assert {d: explained["inhibitors"][d]["category"] for d in ("ceritinib", "alectinib", "lorlatinib")} == {
        "ceritinib": "sensitive",
        "alectinib": "sensitive",
        "lorlatinib": "sensitive",
    }

    possible = samples["AFTER_LORLATINIB"]
    assert possible["mechanism"] == "on_target_possible"
    assert possible["inhibitors"]["ceritinib"]["category"] == "unknown"
    assert "the call for I1171N alone is sensitive [" in possible["inhibitors"]["ceritinib"]["note"]
    assert "sensitive" not in {c["category"] for c in possible["inhibitors"].values()}
    assert "the call for L1196M alone is sensitive" in html


def test_an_off_target_candidate_beside_an_explaining_mutation_is_said(tmp_path):
    """G1202R (clonal) after alectinib explains the progression; a MET gain (CN 12) in the SV file is an off-target
    candidate too: the P-gp note and the untried drugs' calls say it (review 13, finding 1)."""
    data = Path(__file__).parent / "data" / "recorded_offtarget"
    record = "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.4\n"
    doc = _annotated(tmp_path, "M1_T", record, data / "samples.tsv", "--sv", data / "met_alec.sv.vcf")
    m1 = doc["samples"][0]
    assert (m1["mechanism"], m1["pgp_check"]) == ("on_target", "not_indicated")
    assert (
        "An off-target candidate is also listed: MET copy-number gain at chr7:116522196 <DUP> CN=12. An ALK change "
        "that explains the progression does not rule out a contribution of this alteration" in m1["pgp"]["note"]
    )
    lorlatinib = m1["inhibitors"]["lorlatinib"]
    assert lorlatinib["category"] == "sensitive"  # the genotype's call stands, with the caveat
    assert lorlatinib["note"].endswith(
        "MET copy-number gain at chr7:116522196 <DUP> CN=12 (from NGS; confirm amplification by FISH; see the "
        "off-target findings) also present (an off-target candidate): this call rests on the ALK genotype alone"
    )


def test_two_off_target_candidates_beside_an_explaining_mutation_are_said_as_two(tmp_path):
    """The same G1202R after alectinib with a KIT gain (CN 12) beside the MET gain: the P-gp note's one writer of the
    'also listed' sentence (offtarget_pointer.also_listed) says them as several, not "An off-target candidate is" (re-reading
    of stop 27), with the caveat of a gain from NGS after it (FISH for MET); the KIT gain is the caller's amplification
    call, a candidate (a KIT CN alone is listed since met47b), and has none."""
    data = Path(__file__).parent / "data" / "recorded_offtarget"
    sv = (
        (data / "met_alec.sv.vcf")
        .read_text()
        .replace("##contig=<ID=chr7,", "##contig=<ID=chr4,length=190214555>\n##contig=<ID=chr7,")
    )
    kit = "chr4\t54650000\tCNV_KIT\tN\t<AMP>\t.\tPASS\tIMPRECISE;SVTYPE=AMP;END=54750000;SVLEN=100000\tGT:CN\t0/1:12\n"
    (tmp_path / "two.sv.vcf").write_text(sv + kit)
    record = "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.4\n"
    doc = _annotated(tmp_path, "M1_T", record, data / "samples.tsv", "--sv", tmp_path / "two.sv.vcf")
    m1 = doc["samples"][0]
    assert (m1["mechanism"], m1["pgp_check"]) == ("on_target", "not_indicated")
    note = m1["pgp"]["note"]
    assert (
        "Off-target candidates are also listed: MET copy-number gain at chr7:116522196 <DUP> CN=12 and KIT "
        "copy-number gain at chr4:54650000 <AMP> CN=12. An ALK change that explains the progression does not rule "
        "out a contribution of these alterations (see the off-target findings). MET copy-number gain (CN=12) from "
        "NGS: confirm amplification by FISH;" in note
    ), note
    # KIT's amplification call has no caveat, and no FISH advice, which no source read gives for KIT (stop 47, met47)
    assert "KIT copy-number gain (CN=12)" not in note and "not established as amplification" not in note
    assert note.count("confirm amplification by FISH") == 1
    assert "An off-target candidate is" not in note and "this alteration" not in note


def test_the_untried_note_names_a_shown_pgp_overexpression(tmp_path):
    """C1156Y at 3% after crizotinib with a positive ABCB1 IHC: off_target_candidate; alectinib is unknown, and its
    note names the IHC (not 'whatever explains it') and gives KAT16's finding on P-gp-overexpressing cells (review 13,
    finding 4)."""
    record = "chr2\t29222392\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.03\n"
    sheet = "sample\talk_status\tprogressed_on\tabcb1_ihc\nS\tpositive:IHC\tcrizotinib\tpositive\n"
    doc = _annotated(tmp_path, "S", record, sheet, "--min-vaf", "0.05")
    s = doc["samples"][0]
    assert s["mechanism"] == "off_target_candidate"
    note = s["inhibitors"]["alectinib"]["note"]
    assert note.startswith(  # C1156Y named as the P-gp note names it (oncologist review 2026-12-01, finding 5)
        "no clonal ALK change was found that explains the progression on crizotinib; C1156Y (VAF 3.0%), below the "
        "clonality cut-off set for this run, may explain it only in part; an off-target candidate is listed, "
        "P-gp overexpression (ABCB1 IHC positive in the sample sheet), which does not exclude another mechanism; the "
        "call for C1156Y alone is sensitive (reviews only) ["  # the table's mark of C1156Y's alectinib call
    )
    assert "whatever explains it" not in note
    assert (
        "the study authors suggest that alectinib or lorlatinib could overcome P-gp-mediated crizotinib or ceritinib "
        "resistance" in note
    )


def test_gai16_is_put_beside_kat16_where_pgp_overexpression_is_shown(tmp_path):
    record = "chr2\t29220765\t.\tG\tT\t.\tPASS\t.\tGT:AF\t0/0:0\n"
    sheet = "sample\talk_status\tprogressed_on\tabcb1_ihc\nS\tpositive:FISH\tcrizotinib;ceritinib\tpositive\n"
    doc = _annotated(tmp_path, "S", record, sheet)
    notes = doc["samples"][0]["notes"]
    gai16 = [n for n in notes if n.startswith("Ceritinib-resistant patient-derived cells without ALK mutations")]
    assert len(gai16) == 1
    # KAT16's finding, then SEED's (review of stop 30, finding 4), said once per sample: in the P-gp note, in full,
    # which this note names (rev50 review, clin50b: its lorlatinib-only copy read as if KAT16 had not tested alectinib)
    assert gai16[0].endswith(
        "; in this tumour P-gp overexpression is shown (ABCB1 IHC positive): the P-gp note gives what cell models with "
        "P-gp overexpression showed for lorlatinib [KAT16, PMID 26870817; SEED, press release on KAT16]."
    )
    pgp = doc["samples"][0]["pgp"]["note"]
    assert (
        "in the same study's cell models, P-gp overexpression did not confer resistance to alectinib or lorlatinib "
        "(PF-06463922), and from these findings the study authors suggest that alectinib or lorlatinib could overcome "
        "P-gp-mediated crizotinib or ceritinib resistance, with no clinical data on P-gp-positive tumours in the "
        "sources read (preclinical) [KAT16]"
    ) in pgp  # after the lead's ceritinib effect, crizotinib's in the P-gp facts (clinical read of stop 52)
    assert (
        "reduces the activity of ceritinib in cell models [KAT16" in pgp and "crizotinib in cell models [KAT16" in pgp
    )
    assert (
        "alectinib and lorlatinib were active at low concentrations in P-gp-overexpressing ceritinib-resistant "
        "patient-derived cells (preclinical) [SEED]"
    ) in pgp  # SEED only: KAT16's abstract does not say 'low concentrations' (oncologist review, finding 2)


def test_the_summary_lists_an_off_target_candidate_whatever_the_mechanism(tmp_path):
    """G1202R after alectinib explains the progression (on_target), and a MET gain is listed too: the sample is in
    summary.off_target_present, not in summary.off_target_candidates (review 13, finding 1c; schema 2.8)."""
    data = Path(__file__).parent / "data" / "recorded_offtarget"
    record = "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.4\n"
    doc = _annotated(tmp_path, "M1_T", record, data / "samples.tsv", "--sv", data / "met_alec.sv.vcf")
    assert doc["schema_version"] == "2.31"
    assert [(o["gene"], o["candidate"]) for o in doc["samples"][0]["off_target"]] == [("MET", True)]
    assert (doc["summary"]["off_target_present"], doc["summary"]["off_target_candidates"]) == (["M1_T"], [])


def test_the_untried_note_names_the_drug_as_the_other_notes_do(tmp_path):
    """L1196M after crizotinib then TPX-0131 (no call for it): the note says 'TPX-0131', not the key 'tpx0131'."""
    record = "chr2\t29220765\t.\tG\tT\t.\tPASS\t.\tGT:AF\t0/1:0.4\n"
    doc = _annotated(tmp_path, "S", record, "sample\talk_status\tprogressed_on\nS\tpositive:IHC\tcrizotinib;TPX-0131\n")
    cell = doc["samples"][0]["inhibitors"]["alectinib"]
    assert cell["category"] == "sensitive"  # L1196M may explain the progression on TPX-0131 (below)
    assert "L1196M has no genotype-based TPX-0131 call in the knowledge base" in cell["note"]


def test_a_change_with_no_call_for_the_latest_drug_keeps_its_calls_for_the_drugs_not_yet_given(tmp_path):
    """G1202R after ensartinib (no ensartinib call): G1202R may explain the progression, so lorlatinib's sensitive
    call for G1202R [LIN17T2] is the patient's, with the caveat, not withheld as 'unknown' (clinical review of stop
    35, finding 1); L1196M after ceritinib (sensitive to ceritinib: it does not explain it) still withholds it."""
    g1202r = "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.3\n"
    doc = _annotated(tmp_path, "S", g1202r, "sample\talk_status\tprogressed_on\nS\tpositive:IHC\tensartinib\n")
    sample = doc["samples"][0]
    assert sample["mechanism"] == "on_target_possible"
    lorlatinib = sample["inhibitors"]["lorlatinib"]
    assert lorlatinib["category"] == "sensitive" and "LIN17T2" in lorlatinib["sources"]
    assert lorlatinib["note"].endswith(
        "G1202R has no genotype-based ensartinib call in the knowledge base, so whether G1202R explains the "
        "progression on ensartinib is not known. If it does, this call stands; if something else explains that "
        "progression, it may also make this drug less effective"
    )
    assert sample["inhibitors"]["alectinib"]["category"] == "resistant"  # other categories as they were
    l1196m = "chr2\t29220765\t.\tG\tT\t.\tPASS\t.\tGT:AF\t0/1:0.4\n"
    other = tmp_path / "other"
    other.mkdir()
    doc = _annotated(other, "S", l1196m, "sample\talk_status\tprogressed_on\nS\tpositive:IHC\tceritinib\n")
    assert doc["samples"][0]["inhibitors"]["alectinib"]["category"] == "unknown"


def test_a_sensitive_part_of_a_subclonal_resistant_compound_is_said_with_the_compound_call(tmp_path):
    """C1156Y at 30% with L1198F at 2% in cis after lorlatinib (--min-vaf 0.05): the P-gp note said the compound's
    effect on lorlatinib was 'not settled' while the sample's notes called C1156Y+L1198F resistant to lorlatinib;
    both now give the call, and the note says the compound is below the cut-off (clinical review of stop 35,
    finding 6)."""
    vcf = tmp_path / "w.vcf"
    vcf.write_text(
        HEADER.split("#CHROM")[0]
        + '##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phase set">\n'
        + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tW\n"
        + "chr2\t29220759\t.\tG\tA\t.\tPASS\t.\tGT:AF:PS\t0|1:0.02:29220759\n"
        + "chr2\t29222392\t.\tC\tT\t.\tPASS\t.\tGT:AF:PS\t0|1:0.3:29220759\n"
    )
    (tmp_path / "s.tsv").write_text(
        "sample\talk_status\tprogressed_on\nW\tpositive:IHC\tcrizotinib;alectinib;lorlatinib\n"
    )
    doc, _ = annotated_report(vcf, tmp_path / "s.tsv", tmp_path / "rep", "--min-vaf", "0.05")
    sample = doc["samples"][0]
    note = sample["pgp"]["note"]
    assert "does not settle" not in note
    assert "part of C1156Y+L1198F (cis), which is resistant to lorlatinib in the knowledge base)" in note
    assert "C1156Y+L1198F (cis), below the clonality cut-off set for this run, may explain it only in part" in note
    assert any(
        "C1156Y+L1198F (cis), which is resistant to lorlatinib in the knowledge base" in n for n in sample["notes"]
    )


def test_a_change_with_no_allele_fraction_says_that_min_vaf_could_not_be_applied(tmp_path):
    """G1202R with a genotype only (no AF, no AD) after alectinib, --min-vaf 0.05: taken as clonal (on-target), and
    now said so, not passed silently (clinical review of stop 35, finding 2)."""
    record = "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT\t0/1\n"
    sheet = "sample\talk_status\tprogressed_on\nU\tpositive:IHC\talectinib\n"
    sample = _annotated(tmp_path, "U", record, sheet, "--min-vaf", "0.05")["samples"][0]
    assert sample["mechanism"] == "on_target"
    assert (
        "G1202R has no allele fraction in the input (no AF or AD in its record), so the clonality cut-off set for this "
        "run (--min-vaf 0.05) could not be applied: it is taken as clonal, which the input does not show."
    ) in sample["notes"]
    other = tmp_path / "with_af"
    other.mkdir()
    record = "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.3\n"
    sample = _annotated(other, "U", record, sheet, "--min-vaf", "0.05")["samples"][0]
    assert not [n for n in sample["notes"] if "no allele fraction" in n]
