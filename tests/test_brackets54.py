"""The report's last double brackets (stop 54, clinical wording review text54b): no bracket straight after a
citation, none inside a sample's label, a source's PMID and what it says in one bracket. Each claim's citation sits
right after the claim it supports. Run through the installed entry point on the README's example (both builds'
cells say the same) and on small VCFs of tests/data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import annotated_report, readme_reports, run, tumor_vcfs


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return readme_reports(tmp_path_factory.mktemp("brackets") / "r")


def test_lorlatinibs_caveat_follows_its_figure_in_the_sentence_not_in_a_bracket(example):
    """P5_T (no ALK resistance mutation after alectinib): lorlatinib's response rate cites SOL18 and the EU label
    (REG); the caveat that it may be less effective without an ALK mutation goes on in the same sentence, citing
    SHAW19 and GAI16 where it says their findings. It was '[SOL18; REG] (but lorlatinib may be ...)'."""
    samples, tsv, html, _ = example
    figure = "objective response rate 32.1% after one ALK inhibitor other than crizotinib (clinical trial) [SOL18; REG]"
    caveat = (
        ", but lorlatinib may be less effective when no ALK mutation is found: after at least one second-generation "
        "ALK inhibitor it was more effective in patients with ALK mutations than in those without, as two news "
        "summaries of that analysis report it (the paper was not read) [SHAW19"
    )
    for note in (samples["P5_T"]["inhibitors"]["lorlatinib"]["note"],):
        assert figure + caveat in note, note
        assert note.endswith("ceritinib-resistant patient-derived cells without ALK mutations were resistant to it "
                             "[GAI16, doi:10.1158/2159-8290.CD-16-0596]")  # fmt: skip
        assert "] (but" not in note
    assert not any("] (but" in s["pgp"]["note"] for s in samples.values())
    assert not any("] (but" in row["pgp_note"] for row in tsv.values())
    assert not re.search(r"\] \(but ", html)


def test_a_change_outside_the_kinase_domain_names_a_labelled_sample_in_one_bracket(tmp_path):
    """TUMOR in two files, D1529V (exon 29, outside the kinase domain) in each: the kinase map's list names each
    'D1529V in TUMOR (qa)', the label's bracket the only one; it was 'D1529V (TUMOR (qa))'."""
    vcfs = tumor_vcfs(tmp_path, ("qa", "qb"), "chr2\t29193501\t.\tT\tA")
    result = run("report", *vcfs, "--out", tmp_path / "r", text=True)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "r.html").read_text()
    assert "Outside the kinase domain: D1529V in TUMOR (qa), D1529V in TUMOR (qb)</p>" in html
    assert "(TUMOR (q" not in html


def test_who_says_what_names_each_source_by_its_key_the_citation_after_it_identifying_it(tmp_path):
    """tests/data/stop42_clinical C06, E1210K after brigatinib (SAB17 on both sides, JAIN17): the sample's note and
    the P-gp note said 'sensitive per SAB17(PMID:28435288) (in vitro), JAIN17', a bracket straight after a source's
    own. Each side names its sources by key, as the lookup note and the cells' own split do, and the citation right
    after the split gives each its identifier."""
    data = Path(__file__).parent / "data" / "stop42_clinical"
    prefix = tmp_path / "c06"
    vcf, sheet = data / "C06_E1210K_after_brigatinib.in.vcf", data / "C06_E1210K_after_brigatinib.samples.tsv"
    result = run("-q", "report", vcf, "--samples", sheet, "--out", prefix, text=True)
    assert result.returncode == 0, result.stderr
    (sample,) = json.loads(prefix.with_suffix(".json").read_text())["samples"]
    split = "sensitive per SAB17 (in vitro), JAIN17; resistant per SAB17 (clinical resistance)) [SAB17, PMID 28435288"
    (note,) = [n for n in sample["notes"] if n.startswith("E1210K is present")]
    assert split in note and "JAIN17, doi:10.2147/LCTT.S126507]" in note, note
    said = " ".join([*sample["notes"], sample["pgp"]["note"], *(c["note"] for c in sample["inhibitors"].values())])
    assert "(PMID:28435288) (" not in said and not re.search(r"\(PMID:[^()]*\) \(", said)
    lookup = run("lookup", "E1210K", text=True)
    assert "sensitive per SAB17 (in vitro), JAIN17 vs resistant per SAB17 (clinical resistance)" in lookup.stdout


def test_a_sources_pmid_goes_in_its_citations_closing_bracket(example):
    """The sources table said 'N Engl J Med 2017;377:829-838 (ALEX) (citing PMID 28586279)', two brackets in a row:
    the words go in the citation's own closing bracket, '(ALEX; citing PMID 28586279)'."""
    entries = example[3]["sources"]  # the JSON's sources table (the page links the PMID after the citation)
    assert entries["PET17(PMID:28586279)"]["citation"].endswith(
        "N Engl J Med 2017;377:829-838 (ALEX; citing PMID 28586279)"
    )
    assert entries["SAB17(PMID:28435288)"]["citation"].endswith("(review; citing PMID 28435288)")
    assert not [k for k, entry in entries.items() if re.search(r"\) \(citing", entry["citation"])]


def test_every_citation_ending_in_a_bracket_ends_in_a_note_of_its_own():
    """What the closing bracket takes is a note on the source ('(ALEX)', '(review)'), never part of a title or a
    volume ('33(15)'): that bracket stands apart, after a space."""
    from alkannot.kbfiles import load_knowledge_base

    for source in load_knowledge_base().sources():
        text = source.citation
        if text.endswith(")"):
            depth, k = 0, len(text) - 1
            while True:  # the '(' that closes at the end
                depth += {")": 1, "(": -1}.get(text[k], 0)
                if depth == 0:
                    break
                k -= 1
            assert text[k - 1] == " ", (source.key, text[-60:])


def test_the_tumours_objection_goes_on_in_the_sentence_after_the_offered_drugs_citation(tmp_path):
    """tests/data/review19 M2 (I1171N, IHC positive, after ceritinib): the P-gp note offers alectinib with KAT16's
    finding and says at once that I1171N, found here, is resistant to it, citing that call's sources; by name the
    second time. It was '[KAT16, PMID 26870817] (but I1171N ... [LIN17T2; ...])', a bracket after a citation."""
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\tabcb1_ihc\nM2\tpositive:IHC\tceritinib\tpositive\n")
    prefix = tmp_path / "r"
    muts = Path(__file__).parent / "data" / "review19" / "muts.vcf"
    result = run("-q", "annotate", muts, "--samples", sheet, "-o", f"{prefix}.vcf", "--report", prefix, text=True)
    assert result.returncode == 0, result.stderr
    (sample,) = [s for s in json.loads(prefix.with_suffix(".json").read_text())["samples"] if s["sample"] == "M2"]
    note = sample["pgp"]["note"]
    objection = (
        "], but I1171N, found here, is resistant to alectinib in the knowledge base [LIN17T2; EID1367(PMID:25736571); "
        "EID1483(PMID:25393796)]"
    )
    assert objection in note and ", but see I1171N above" in note, note
    assert "(but " not in note and not re.search(r"\] \((?!as two news)", note), note


def test_a_sensitive_change_said_after_a_citation_follows_a_semicolon_not_a_bracket(tmp_path):
    """tests/data/review31 R8 (G1202R and L1196M at 3% after lorlatinib): the P-gp note's lead names what a compound
    with G1202R may do, citing SHI22 to PEL21, then L1196M's lorlatinib call. It was '... [SHI22, ...; PEL21]
    (L1196M (VAF 3.0%) is sensitive to lorlatinib ...: not expected to cause lorlatinib resistance)', a bracket after
    a citation; where the lead ends in words ('... is known to explain it (C1156Y ...)') the bracket stays."""
    data = Path(__file__).parent / "data" / "review31"
    prefix = tmp_path / "r"
    vcf = data / "review_scenarios_grch38.vcf"
    result = run("-q", "report", vcf, "--samples", data / "samples.tsv", "--out", prefix, text=True)
    assert result.returncode == 0, result.stderr
    (r8,) = [s for s in json.loads(prefix.with_suffix(".json").read_text())["samples"] if s["sample"] == "R8"]
    note = r8["pgp"]["note"]
    assert (
        "may explain this progression [SHI22, PMC9732888; OKA19, PMC6441848; REC20, PMID 31585938; PEL21]; L1196M "
        "(VAF 3.0%) is sensitive to lorlatinib in the knowledge base (reviews only) [LIN17T2]: not expected to cause "
        "lorlatinib resistance. "
    ) in note, note
    assert "] (L1196M" not in note


def test_a_recorded_candidate_and_where_its_evidence_is_are_not_two_brackets_in_a_row(tmp_path):
    """tests/data/recorded_offtarget: an annotated VCF whose header records MET's gain as the off-target candidate.
    The note said 'MET copy number gain (chr7:116522196 <DUP> CN=12) (its evidence came from inputs not in this
    file ...)': the record's bracket, then another. Where its evidence is follows a semicolon."""
    data = Path(__file__).parent / "data" / "recorded_offtarget"
    prefix = tmp_path / "r"
    vcf = data / "met_crizotinib_old_output.vcf"
    result = run("-q", "report", vcf, "--samples", data / "samples.tsv", "--out", prefix, text=True)
    assert result.returncode == 0, result.stderr
    (sample,) = json.loads(prefix.with_suffix(".json").read_text())["samples"]
    assert (
        "Off-target candidate recorded in this VCF's header, written when it was annotated: MET copy number gain "
        "(chr7:116522196 <DUP> CN=12); its evidence came from inputs not in this file, e.g. a CNV caller's VCF (--sv); "
        "rerun with them for what the sources say of it."
    ) in sample["notes"], sample["notes"]
    assert not [n for n in sample["notes"] if ") (its evidence" in n]


SHAW19_CAVEAT = (
    "than in those without, as two news summaries of that analysis report it (the paper was not read) [SHAW19, "
    "doi:10.1200/JCO.18.02236]"
)


def test_shaw19s_caveat_about_its_source_goes_before_its_citation(example):
    """resources/triage/statements.tsv mutation_negative_lorlatinib*: SHAW19's finding is known from two news
    summaries, the paper not read. That caveat said after the citation was a bracket straight after it ('[SHAW19,
    doi:...] (as two news summaries ...)'); it now goes on in the sentence, the citation closing the claim. P4_T
    (after crizotinib and ceritinib) and P5_T (after alectinib) say it in the lorlatinib cell, P4_T in the P-gp note."""
    samples, tsv, html, _ = example
    said = [samples["P4_T"]["pgp"]["note"], *(samples[s]["inhibitors"]["lorlatinib"]["note"] for s in ("P4_T", "P5_T"))]
    for note in said:
        assert SHAW19_CAVEAT in note, note
        assert "(as two news summaries" not in note
    assert SHAW19_CAVEAT in tsv["P4_T"]["pgp_note"]
    assert "JCO.18.02236] (" not in html and "JCO.18.02236] (" not in " ".join(row["pgp_note"] for row in tsv.values())


def test_a_met_gain_after_crizotinib_names_the_case_series_in_the_sentence_not_in_a_bracket(tmp_path):
    """tests/data/offtarget_context MET_cri (a MET gain after crizotinib; statements.tsv
    not_counted_after_MET_copy_number_gain_crizotinib): '... a MET inhibitor [GIR16, doi:...] (as a case series also
    says [PLE18, ...])' was a bracket straight after a citation. The case series goes on in the sentence, each source
    cited right after what it says, and the reasons after it are the row's own."""
    data = Path(__file__).parent / "data" / "offtarget_context"
    document, html = annotated_report(data / "bypass_grch38.vcf", data / "samples.tsv", tmp_path / "r")
    (sample,) = [s for s in document["samples"] if s["sample"] == "MET_cri"]
    (note,) = [n for n in sample["notes"] if n.startswith("MET copy number gain")]
    said = (
        "crizotinib is itself a MET inhibitor [GIR16, doi:10.2147/LCTT.S99303] and a case series says so too [PLE18], "
        "the MET amplification figures read are after next-generation ALK inhibitors [DJ20, "
    )
    assert said in note, note
    assert "(as a case series" not in note and "(as a case series" not in html


def test_a_variants_preclinical_item_gives_its_civic_level_before_its_citation():
    """resources/kb/calls.tsv, EML4::ALK v3a/b x crizotinib (RULES.md 3.7, knowledge base 2.0.50): EID1197's note said
    'reduced in-vitro sensitivity of v3 [EID1197] (CIViC D, rating 2)', the level in a bracket after the citation.
    It goes before it, in the knowledge base's row and in `alkannot lookup`'s call note and statement row."""
    kb = Path(__file__).parent.parent / "resources" / "kb"
    said = "a preclinical study reported reduced in-vitro sensitivity of v3 (CIViC D, rating 2) [EID1197]"
    (row,) = [r for r in (kb / "calls.tsv").read_text(encoding="utf-8").splitlines() if "\tEID1197\t" in r]
    assert said in row and "] (CIViC" not in row
    out = run("lookup", "EML4::ALK v3", text=True)
    assert out.returncode == 0, out.stderr
    # the call's line (its note names what each listed item says) and EID1197's statement row
    lines = [line for line in out.stdout.splitlines() if line.startswith("crizotinib ")]
    assert sum(said in line for line in lines) == 2, lines
    assert "[EID1197] (" not in out.stdout


def test_a_civic_does_not_support_item_is_named_with_its_qualifier_before_its_setting():
    """RULES.md 2 and 3.5 (knowledge base 2.0.50): F1174L and crizotinib, other contexts (neuroblastoma) in
    `alkannot lookup`: 'no sensitivity seen per EID1271 (neuroblastoma; ...) (CIViC 'does not support')' put the
    CIViC qualifier in a bracket after the item's setting. It goes before the key, the setting's bracket after it."""
    out = run("lookup", "F1174L", text=True)
    assert out.returncode == 0, out.stderr
    said = (
        "no sensitivity seen (CIViC 'does not support') per EID1271 (neuroblastoma; full-length ALK (patient tumour))"
    )
    assert said in out.stdout
    assert ") (CIViC" not in out.stdout
    rules = (Path(__file__).parent.parent / "resources" / "kb" / "RULES.md").read_text(encoding="utf-8")
    assert "\"no sensitivity seen (CIViC 'does not support') per EIDn\"" in rules
    assert "per EIDn (CIViC" not in rules.replace("\n     ", " ")


def test_a_rules_reference_before_a_semicolon_leaves_no_empty_clause():
    """EID1197's statement row in `alkannot lookup` (the note's '... on the fusion (RULES.md 3.7; variant-to-outcome
    claims are unverified, guidance.md section 6)', curators' references said in plain words) printed '(;
    variant-to-outcome claims are unverified)': a reference before a semicolon goes with it, as one before a comma."""
    out = run("lookup", "EML4::ALK v3", text=True)
    assert out.returncode == 0, out.stderr
    (row,) = [line for line in out.stdout.splitlines() if line.startswith("crizotinib ") and "  unknown  " in line]
    assert row.endswith("does not decide the call against the clinical evidence on the fusion (variant-to-outcome "
                        "claims are unverified)"), row  # fmt: skip
    rows = [line for line in out.stdout.splitlines() if not line.startswith("#")]  # the legend names RULES.md
    assert not [line for line in rows if "(;" in line or "RULES.md" in line]
