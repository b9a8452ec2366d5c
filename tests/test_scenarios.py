"""The per-sample verdict of CONTRACT.md version 2, run as the held-out checks run it: one patient per scenario,
`alkannot annotate SNV.vcf [--sv SV.vcf] --tumor NAME --samples SHEET --report PREFIX`, read from PREFIX.tsv
(and PREFIX.json for the notes), in both builds. The scenarios are written by data/scenarios/make_scenarios.py."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, without_identifiers

DATA = Path(__file__).parent / "data" / "scenarios"
EXPECTED = list(csv.DictReader((DATA / "expected.tsv").open(), delimiter="\t"))
INHIBITORS = ("crizotinib", "ceritinib", "alectinib", "brigatinib", "ensartinib", "lorlatinib")


def run_scenario(tmp_path: Path, build: str, name: str, *extra: str, sv: bool = True, tumor: str | None = None):
    vcf = DATA / build / f"{name}.vcf"
    prefix = tmp_path / f"{build}_{name}"
    args = [
        ALKANNOT,
        "annotate",
        str(vcf),
        "--tumor",
        tumor or f"{name}_T",
        "--samples",
        str(DATA / "samples.tsv"),
        "--report",
        str(prefix),
        "-o",
        str(prefix) + ".vcf",
        *extra,
    ]
    if sv and (DATA / build / f"{name}.sv.vcf").exists():
        args[3:3] = ["--sv", str(DATA / build / f"{name}.sv.vcf")]
    result = subprocess.run(args, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(open(str(prefix) + ".tsv"), delimiter="\t"))
    doc = json.loads(Path(str(prefix) + ".json").read_text())
    return rows, doc, result.stderr, Path(str(prefix) + ".vcf")


def changes(cell: str) -> list[str]:
    return re.findall(r"([A-Z*]?\d+[A-Za-z*_]*?)\(", cell) and [m.split("(")[0] for m in cell.split(";") if m]


@pytest.mark.parametrize("build", ["GRCh38", "GRCh37"])
@pytest.mark.parametrize("case", EXPECTED, ids=[c["scenario"] for c in EXPECTED])
def test_scenario(tmp_path, build, case):
    rows, doc, _, _ = run_scenario(tmp_path, build, case["scenario"])
    (row,) = rows
    assert row["sample"] == case["tumor"]
    got = (row["fusion"], row["mechanism"], row["pgp_check"], ";".join(changes(row["alk_mutations"])))
    assert got == (case["fusion"], case["mechanism"], case["pgp_check"], case["alk_mutations"]), row
    for inhibitor in INHIBITORS:
        if case[inhibitor]:
            assert row[inhibitor] == case[inhibitor], (inhibitor, row)
    (sample,) = doc["samples"]
    word = {
        "recommended": "Recommended",
        "low_yield": "Low yield",
        "if_progressed": "If progressed",
        "not_indicated": "Not indicated",
    }[row["pgp_check"]]
    assert sample["pgp"]["note"].startswith(word + ":"), "the flag and the note never disagree"


def _sample(tmp_path, name, build="GRCh38", **kw):
    rows, doc, stderr, vcf = run_scenario(tmp_path, build, name, **kw)
    return doc["samples"][0], stderr, vcf


def test_a_mutation_that_does_not_explain_the_drug_keeps_the_pgp_question_open(tmp_path):
    s, _, _ = _sample(tmp_path, "S01")  # L1196M after crizotinib then ceritinib
    assert any("L1196M is present, but the knowledge base calls it sensitive to ceritinib" in n for n in s["notes"])
    assert "L1196M (VAF 33.3%) is sensitive to ceritinib" in s["pgp"]["note"]
    assert s["pgp"]["context"] == "after_affected"


def test_after_first_line_lorlatinib_no_unsupported_options_and_no_ceritinib_caution(tmp_path):
    s, _, _ = _sample(tmp_path, "S04")
    note = s["pgp"]["note"]
    assert "Sourced activity" not in note and "not yet given" not in note
    assert not any("GAI16" in n for n in s["notes"] + [s["pgp"]["note"]]), "GAI16 is about ceritinib-resistant cells"
    s6, _, _ = _sample(tmp_path, "S06")  # crizotinib only: never given ceritinib
    assert not any("GAI16" in n for n in s6["notes"] + [s6["pgp"]["note"]])
    assert (
        "alectinib after crizotinib, in two phase II trials: objective response rate by independent review 50% in the 122 response-evaluable"
        in s6["pgp"]["note"]
        and "OU16" in s6["pgp"]["note"]
    )
    assert "could overcome P-gp-mediated crizotinib or ceritinib resistance" in s6["pgp"]["note"]
    s5, _, _ = _sample(tmp_path, "S05")  # Xalkori;Zykadia = crizotinib then ceritinib
    assert s5["progressed_on"] == ["crizotinib", "ceritinib"]
    assert "[GAI16, doi:10.1158/2159-8290.CD-16-0596]" in s5["pgp"]["note"]  # beside lorlatinib's response rate


def test_low_yield_says_why(tmp_path):
    s, _, _ = _sample(tmp_path, "S03")
    # KAT16 tested alectinib and lorlatinib against P-gp overexpression in cells; its only in vivo result is
    # about ceritinib (review 2026-11-30, finding 4)
    assert "did not confer resistance to alectinib in cell models" in s["pgp"]["note"]
    assert "mouse" not in s["pgp"]["note"].split("P-gp facts:")[0]
    assert "unlikely explanation" in s["pgp"]["note"]


def test_possibly_affected_drugs_carry_their_caveat(tmp_path):
    brig, _, _ = _sample(tmp_path, "S14")
    assert brig["pgp"]["context"] == "after_possibly_affected" and "LI18BRIG" in brig["pgp"]["note"]
    assert "has not been tested" in brig["pgp"]["note"]
    ens, _, _ = _sample(tmp_path, "S15")
    assert "WU22ENS" in ens["pgp"]["note"] and "VAG20" in ens["pgp"]["note"]


@pytest.mark.parametrize("build", ["GRCh38", "GRCh37"])
def test_sites_only_vcf_is_one_sample_named_by_tumor_or_file_stem(tmp_path, build):
    s, _, _ = _sample(tmp_path, "S07", build)
    assert s["sample"] == "S07_T" and s["role"] == "sites_only"
    assert [m["protein_change"] for m in s["alk_mutations"]] == ["G1202R"]
    out = tmp_path / "stem"
    run = subprocess.run(
        [ALKANNOT, "annotate", str(DATA / build / "S07.vcf"), "--report", str(out), "-o", str(tmp_path / "x.vcf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (row,) = csv.DictReader(open(f"{out}.tsv"), delimiter="\t")
    assert row["sample"] == "S07" and row["alk_mutations"].startswith("G1202R(")
    # no history: G1202R explains crizotinib and ceritinib, not every drug after which the check is recommended
    assert row["mechanism"] == "on_target" and row["pgp_check"] == "if_progressed"  # (cohort review of stop 40)


def test_a_lone_deletion_does_not_make_the_fusion_negative(tmp_path):
    s, _, _ = _sample(tmp_path, "S08")
    assert s["fusion"] == "not_assessed" and s["pgp_check"] == "not_indicated"  # and no ALK status: not shown
    assert "If the tumour is ALK-positive, the check is recommended" in s["pgp"]["note"]


def test_sv_file_naming_samples_by_bam_path_is_matched_with_a_warning(tmp_path):
    s, stderr, _ = _sample(tmp_path, "S09")
    assert s["fusion"] == "positive" and s["fusion_calls"][0].startswith("EML4::ALK v1")
    assert "'/data/bams/S09_tumour.bam' taken to be 'S09_T'" in stderr
    # SAMPLE=PATH says so explicitly: no warning
    rows, doc, stderr, _ = run_scenario(
        tmp_path, "GRCh38", "S09", "--sv", f"S09_T={DATA / 'GRCh38' / 'S09.sv.vcf'}", sv=False
    )
    assert rows[0]["fusion"] == "positive" and "taken to be" not in stderr


def test_sv_sample_matching_nothing_is_warned_about(tmp_path):
    other = tmp_path / "other.sv.vcf"
    text = (DATA / "GRCh38" / "S01.sv.vcf").read_text().replace("\tS01_T", "\tSOMEONE_ELSE")
    other.write_text(text)
    rows, _, stderr, _ = run_scenario(tmp_path, "GRCh38", "S03", "--sv", str(other), sv=False)
    # the one tumour of each file is matched, with a warning naming both
    assert "'SOMEONE_ELSE' taken to be 'S03_T'" in stderr
    two = tmp_path / "two.sv.vcf"
    lines = text.splitlines()
    lines = [
        l
        + (
            "\tANOTHER_ONE\tA_THIRD"
            if l.startswith("#CHROM")
            else "\t0/0:30,0:28,0" * 2
            if not l.startswith("#")
            else ""
        )
        for l in lines
    ]
    two.write_text("\n".join(lines) + "\n")
    rows, _, stderr, _ = run_scenario(tmp_path, "GRCh38", "S03", "--sv", str(two), sv=False)
    assert "match no sample of the main input" in stderr and "ANOTHER_ONE" in stderr
    assert rows[0]["fusion"] == "positive_external", "no SV file covers this patient: the sheet's IHC status stands"


def test_ref_mismatch_gets_no_confident_call(tmp_path):
    s, stderr, vcf = _sample(tmp_path, "S10")
    (m,) = s["alk_mutations"]
    assert m["ref_mismatch"] and m["resistance"] == "unknown"
    record = next(l for l in vcf.read_text().splitlines() if not l.startswith("#") and "ALK_HGVSP" in l)
    assert "ALK_REF_MISMATCH=C" in record and "ALK_CRIZOTINIB=unknown" in record and "ALK_RESISTANCE" not in record
    assert "ALK_EVIDENCE" not in record
    assert any("disagrees with the reference" in n for n in s["notes"])
    header = vcf.read_text()
    assert "##INFO=<ID=ALK_REF_MISMATCH,Number=1,Type=String" in header


def _info(record: str) -> dict[str, str]:
    return dict(kv.split("=", 1) if "=" in kv else (kv, "") for kv in record.split("\t")[7].split(";"))


@pytest.mark.parametrize("build", ["GRCh38", "GRCh37"])
def test_ref_mismatch_gets_no_protein_change_its_record_contradicts(tmp_path, build):
    """chr2:29220747 A>T (GRCh38) where the reference is C: c.3604T>A would say c.3604 is T (it is G), and
    p.G1202R is a change derived from the reference the record contradicts (clinical review 2026-12-01,
    finding 6). The record gets p.? and the terms of its location only, no c. change."""
    _, _, _, vcf = run_scenario(tmp_path, build, "S10")
    text = vcf.read_text()
    (record,) = [l for l in text.splitlines() if not l.startswith("#")]
    info = _info(record)
    assert info["ALK_HGVSP"] == "p.?" and "ALK_HGVSC" not in info, record
    assert info["ALK_CONSEQUENCE"] == "coding_sequence_variant" and info["ALK_REGION"] == "kinase_domain"
    assert info["ALK_EXON"] == "23/29" and info["ALK_REF_MISMATCH"] == "C"
    assert all(info[f"ALK_{d.upper()}"] == "unknown" for d in INHIBITORS)
    assert "G1202R" not in record and "c.3604T>A" not in record
    # the keys say what '.' and p.? mean on such a record
    hgvsc = next(l for l in text.splitlines() if l.startswith("##INFO=<ID=ALK_HGVSC,"))
    assert "'.' where REF disagrees with the reference" in hgvsc
    assert "p.? (unknown) where REF disagrees" in next(
        l for l in text.splitlines() if l.startswith("##INFO=<ID=ALK_HGVSP,")
    )
    assert 'AlkMutations="REF mismatch at c.3604 in codon 1202(REF_MISMATCH)"' in text, "not AlkMutations=none"


@pytest.mark.parametrize("build", ["GRCh38", "GRCh37"])
def test_ref_mismatch_is_an_unevaluable_record_in_the_report_never_a_protein_change(tmp_path, build):
    rows, doc, _, _ = run_scenario(tmp_path, build, "S10")
    (row,) = rows
    (s,) = doc["samples"]
    (m,) = s["alk_mutations"]
    assert (m["protein_change"], m["hgvsp"], m["hgvsc"]) == ("?", "p.?", ".")
    assert m["label"] == "REF mismatch at c.3604 in codon 1202" and m["aa_position"] == 1202
    assert row["alk_mutations"] == "REF mismatch at c.3604 in codon 1202(unknown VAF=0.333 REF_MISMATCH)"
    assert "G1202R" not in "\t".join(row.values())
    assert "G1202R" not in json.dumps(doc)
    html = Path(tmp_path / f"{build}_S10.html").read_text()
    assert "G1202R" not in html
    assert "REF mismatch at c.3604 in codon 1202 (33.3%): no call</td>" in html  # the cohort table
    assert "<tr><td>REF mismatch at c.3604 in codon 1202</td>" in html  # the card
    # the lollipop: a grey stem at codon 1202, named for what it is
    assert ">REF mismatch ×1</text>" in html and 'stroke="#969696"' in html
    assert "Grey stem, open circle = a record whose REF disagrees with the reference" in html


@pytest.mark.parametrize("build", ["GRCh38", "GRCh37"])
def test_a_sample_whose_only_kinase_domain_record_is_unevaluable_is_not_alk_mutation_negative(tmp_path, build):
    """Progressed on crizotinib, the only kinase-domain record at codon 1202 disagrees with the reference: the
    flag stays `recommended` (no mutation explains the progression), but the note says first that the ALK
    mutation status could not be established, never that no ALK resistance mutation was found."""
    rows, doc, _, _ = run_scenario(tmp_path, build, "S10")
    (s,) = doc["samples"]
    assert s["alk_mutation_negative"] is False and doc["summary"]["alk_mutation_negative"] == []
    note = s["pgp"]["note"]
    assert note.startswith(
        "Recommended: progressed most recently on crizotinib, and the ALK mutation status could not be established: "
        f"the record {'chr2' if build == 'GRCh38' else '2'}:"
    )
    assert "(c.3604 in codon 1202) disagrees with the reference sequence of NM_004304.5" in note
    assert "check the genome build and the record" in note
    assert "no ALK resistance mutation was found" not in note and "G1202R" not in note
    assert rows[0]["pgp_check"] == "recommended" and s["pgp"]["context"] == "after_affected"
    assert any("ALK mutation status of this sample is therefore not established" in n for n in s["notes"])
    # untried drugs: the fusion's call for a tumour without an ALK mutation is not used, for the reason the note
    # gives first (the mutation status), not the progression's (review 17, finding 12)
    assert s["inhibitors"]["alectinib"]["category"] == "unknown"
    assert (
        "so the ALK mutation status is not established; the call for the fusion" in s["inhibitors"]["alectinib"]["note"]
    )
    assert "], which is therefore not used for this patient; " in s["inhibitors"]["alectinib"]["note"]
    assert "whatever caused the progression" not in s["inhibitors"]["alectinib"]["note"]
    assert "ALK fusion; no ALK resistance mutation" not in json.dumps(s["inhibitors"])


def test_unevaluable_record_without_history_gives_no_fusion_call_and_no_mutation_negative_note(tmp_path):
    """No sample sheet: history unknown. The fusion alone would make the untried drugs `sensitive`; with the
    only kinase-domain record unevaluable they are `unknown`, and the note does not say none was found."""
    prefix = tmp_path / "nosheet"
    args = [ALKANNOT, "annotate", str(DATA / "GRCh38" / "S10.vcf"), "--sv", str(DATA / "GRCh38" / "S10.sv.vcf")]
    run = subprocess.run(
        [*args, "--tumor", "S10_T", "--report", str(prefix), "-o", str(prefix) + ".vcf"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    (s,) = json.loads(Path(f"{prefix}.json").read_text())["samples"]
    assert s["pgp_check"] == "if_progressed" and not s["alk_mutation_negative"]
    assert s["pgp"]["note"].startswith(
        "If progressed: treatment history is not in the sample sheet; the ALK mutation status could not be established"
    )
    assert "no ALK resistance mutation was found" not in s["pgp"]["note"]
    assert {i["category"] for i in s["inhibitors"].values()} == {"unknown"}
    assert (
        "the call for the fusion without an ALK resistance mutation is sensitive"
        in s["inhibitors"]["alectinib"]["note"]
    )


def test_unevaluable_record_after_ceritinib_gets_no_mutation_negative_statement(tmp_path):
    """GAI16 is about ceritinib-resistant cells without ALK mutations: not said where the ALK mutation status
    could not be established."""
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nS10_T\tpositive:IHC\tcrizotinib;ceritinib\n")
    prefix = tmp_path / "cer"
    run = subprocess.run(
        [
            ALKANNOT,
            "annotate",
            str(DATA / "GRCh38" / "S10.vcf"),
            "--sv",
            str(DATA / "GRCh38" / "S10.sv.vcf"),
            "--tumor",
            "S10_T",
            "--samples",
            str(sheet),
            "--report",
            str(prefix),
            "-o",
            f"{prefix}.vcf",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (s,) = json.loads(Path(f"{prefix}.json").read_text())["samples"]
    assert s["pgp_check"] == "recommended" and not s["alk_mutation_negative"]
    assert not any("GAI16" in n for n in s["notes"] + [s["pgp"]["note"]])
    # the same history without the record: the statement is made (the gate is the record, nothing else)
    clean = tmp_path / "clean.vcf"
    clean.write_text("".join(l for l in (DATA / "GRCh38" / "S10.vcf").open() if l.startswith("#")))
    run = subprocess.run(
        [ALKANNOT, "annotate", str(clean), "--sv", str(DATA / "GRCh38" / "S10.sv.vcf"), "--tumor", "S10_T"]
        + ["--samples", str(sheet), "--report", str(tmp_path / "c2"), "-o", str(tmp_path / "c2.vcf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (s,) = json.loads(Path(f"{tmp_path / 'c2'}.json").read_text())["samples"]
    assert s["alk_mutation_negative"] and any("GAI16" in n for n in s["notes"] + [s["pgp"]["note"]])


def test_history_unknown_depends_on_what_the_mutation_explains(tmp_path):
    l1196m, _, _ = _sample(tmp_path, "S12")
    assert "not to ceritinib" in l1196m["pgp"]["note"]
    g1202r, _, _ = _sample(tmp_path, "S13")
    # G1202R explains every approved drug after which the check is recommended but not the newer ones (neladalkib
    # was designed for it): the check stays open (cohort review of stop 40, finding 1)
    assert g1202r["pgp"]["context"] == "no_history" and g1202r["pgp_check"] == "if_progressed"
    note = g1202r["pgp"]["note"]
    assert (
        note.startswith(
            "If progressed: treatment history is not in the sample sheet; the ALK mutation found explains resistance "
            "to crizotinib, ceritinib, alectinib and brigatinib "
        )
        and "If the patient progressed on " in note
    )


def test_vus_without_established_fusion_says_so(tmp_path):
    s, _, _ = _sample(tmp_path, "S17")
    assert any("ALK positivity is not established" in n for n in s["notes"])


def test_subclonal_mutation_is_marked_in_the_grid(tmp_path):
    prefix = tmp_path / "sub"
    run = subprocess.run(
        [
            ALKANNOT,
            "annotate",
            str(DATA / "GRCh38" / "S16.vcf"),
            "--tumor",
            "S16_T",
            "--samples",
            str(DATA / "samples.tsv"),
            "--min-vaf",
            "0.5",
            "--report",
            str(prefix),
            "-o",
            str(tmp_path / "sub.vcf"),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads(Path(f"{prefix}.json").read_text())
    (s,) = doc["samples"]
    assert s["mechanism"] == "on_target_possible" and s["pgp_check"] == "low_yield"
    # a drug the patient progressed on is resistant from that progression: no subclonal mark (review 7, finding 13)
    assert any(i["progressed_on"] for i in s["inhibitors"].values())
    assert not any(i["subclonal"] for i in s["inhibitors"].values() if i["progressed_on"])
    # every other call that rests on the change is marked; an unknown no statement decides rests on none (review 14,
    # finding 4), TPX-0131's too, whose PMO21 is listed without deciding (clinical review of stop 32, finding 8)
    others = [i for i in s["inhibitors"].values() if not i["progressed_on"]]
    assert all(i["subclonal"] == (i["category"] != "unknown") for i in others)
    tpx = s["inhibitors"]["tpx0131"]  # PMO21 listed, not cited: no statement decides (consistency review of stop 33)
    assert (tpx["sources"], tpx["listed_sources"], tpx["subclonal"]) == ([], ["PMO21"], False)
    assert any(i["subclonal"] for i in others)
    html = Path(f"{prefix}.html").read_text()
    assert "rests on a subclonal or low-level mutation" in html and "(subclonal basis)" in html
    (row,) = csv.DictReader(open(f"{prefix}.tsv"), delimiter="\t")
    assert row["alk_mutations"].endswith(" low_vaf)")


@pytest.mark.parametrize("build", ["GRCh38", "GRCh37"])
def test_g1202r_alone_after_lorlatinib_leaves_an_on_target_mechanism_possible(tmp_path, build):
    """S19: alectinib then lorlatinib, G1202R alone at VAF 0.33. G1202R is listed as lorlatinib-sensitive
    (LIN17T2), but lorlatinib-resistant compound mutations involve G1202R or I1171N/S/T (SHI22) and patients with
    G1202R relapsed on lorlatinib with compound mutations (PEL21; REC20): a partner the input does not show may
    explain the progression. Mechanism on_target_possible, the per-drug call as the KB gives it, and the P-gp
    note names G1202R instead of 'no clonal ALK mutation' (clinical review 2026-12-01, second reading, finding 5)."""
    rows, doc, _, _ = run_scenario(tmp_path, build, "S19")
    (s,) = doc["samples"]
    assert (s["mechanism"], s["pgp_check"]) == ("on_target_possible", "low_yield")
    lorlatinib = s["inhibitors"]["lorlatinib"]  # resistant by the progression; the genotype call stays sensitive
    # with the table's mark of that call (stop 53)
    assert "the genotype-based call alone would be sensitive (G1202R; reviews only) [LIN17T2" in lorlatinib["note"]
    assert not any("does not explain the progression" in n for n in s["notes"])
    (note,) = [n for n in s["notes"] if n.startswith("G1202R is present")]
    assert "calls it sensitive to lorlatinib on its own [LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468]" in note
    assert (  # not 'compound mutations involve it': SHI22's 'most' is of G1202R or I1171N/S/T together (clin49)
        "but it is a change found in lorlatinib-resistant compound ALK mutations from patients and cell models [SHI22, "
        "PMC9732888; OKA19, PMC6441848]" in note
    )
    assert "compound ALK mutations involve it" not in note
    assert (
        "involve ALK G1202R or I1171N/S/T [SHI22, PMC9732888]; after lorlatinib the resistance mechanisms are diverse, "
        "ALK compound mutations among them [REC20, PMID 31585938]; patients with G1202R responded to lorlatinib, and "
        "many then relapsed with ALK compound mutations [PEL21, doi:10.1158/1538-7445.AM2021-1468]."
        in note
        and "is on-target is unresolved" in note
    )
    pgp = without_identifiers(s["pgp"]["note"])
    assert pgp.startswith(
        without_identifiers(
            "Low yield: progressed most recently on lorlatinib; G1202R, which on its own is lorlatinib-sensitive "
            "(reviews only) [LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468], is present: a compound mutation with it that this "
            "input does not show may explain this progression "
            "[SHI22, PMC9732888; OKA19, PMC6441848; REC20, PMID 31585938; PEL21]. P-gp overexpression "
            "did not confer resistance to lorlatinib"
        )
    )
    assert "no clonal ALK mutation is known to explain it" not in pgp
    assert "not expected to cause lorlatinib resistance" not in pgp
