"""Clinical review 19: the P-gp note read beside the same tumour's own calls, through the installed CLI.

tests/data/review19/muts.vcf (the reviewer's made-up tumour-only GRCh38 VCF, one ALK change per sample at VAF 30%):
M2 and M10 I1171N, M3 F1174L, M5 L1256F, M6 R1275Q (activating, not a resistance mutation), M9 G1202R at 3% (below
--min-vaf 0.05). The GRCh38 example (example_vcfs/GRCh38) gives P5_T (MET <DUP> CN=9, no ALK mutation), P6_T
(L1240S, a kinase-domain change of unknown significance), P4_T (fusion, no ALK mutation) and P1_T (G1202R).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from helpers import run, without_identifiers

from alkannot.sourced_text import bracketed_keys

ROOT = Path(__file__).resolve().parent.parent
MUTS = ROOT / "tests" / "data" / "review19" / "muts.vcf"
EXAMPLE = ROOT / "example_vcfs" / "GRCh38"
HEADER = "sample\talk_status\tprogressed_on\tabcb1_ihc\tabcb1_tpm\n"
DRUGS = ("crizotinib", "ceritinib", "alectinib", "brigatinib", "ensartinib", "lorlatinib")


def _report(tmp: Path, name: str, rows: list[str], example: bool = False) -> tuple[dict, dict]:
    """annotate through the installed CLI: (TSV rows by sample, JSON samples by sample)."""
    sheet = tmp / f"{name}.sheet.tsv"
    sheet.write_text(HEADER + "".join(r + "\n" for r in rows))
    vcf = EXAMPLE / "tumor_normal.vcf" if example else MUTS
    extra = ["--sv", EXAMPLE / "sv.vcf", "--fusions", f"P5_T={EXAMPLE / 'fusions.tsv'}"] if example else []
    prefix = tmp / name
    result = run(
        "-q",
        "annotate",
        vcf,
        *extra,
        "--samples",
        sheet,
        "--min-vaf",
        "0.05",
        "-o",
        f"{prefix}.vcf",
        "--report",
        prefix,
    )
    assert result.returncode == 0, result.stderr
    with open(f"{prefix}.tsv", newline="") as handle:
        tsv = {r["sample"]: r for r in csv.DictReader((x for x in handle if not x.startswith("##")), delimiter="\t")}
    samples = {s["sample"]: s for s in json.loads(Path(f"{prefix}.json").read_text())["samples"]}
    return tsv, samples


@pytest.fixture(scope="module")
def m2(tmp_path_factory):
    """The reviewer's m2 sheet: M5 after crizotinib, M2 after ceritinib (IHC positive), M9 after crizotinib then
    ceritinib, M10 after ceritinib (IHC negative)."""
    rows = [
        "M5\tpositive:IHC\tcrizotinib\t\t",
        "M2\tpositive:IHC\tceritinib\tpositive\t",
        "M9\tpositive:IHC\tcrizotinib;ceritinib\t\t",
        "M10\tpositive:IHC\tceritinib\tnegative\t",
    ]
    return _report(tmp_path_factory.mktemp("r19m2"), "m2", rows)


def _offered(note: str) -> list[str]:
    """The lines of the note's 'Sourced activity after this treatment history: ...' list, then those of its sentence
    on P-gp-overexpressing cells ('If P-gp IHC is positive: ...', 'With P-gp
    IHC positive ...': oncologist review 2026-12-01, finding 1)."""
    heads = (
        r"Sourced activity after this treatment history of the inhibitors to which P-gp overexpression did not "
        r"confer resistance in cell models \[KAT16(?:, PMID 26870817)?; SEED[^\]]*\]: ",
        r"(?:[Ii]f P-gp IHC is positive|[Ww]ith P-gp IHC positive): ",
    )
    matches = [re.search(head + r"(.*?)\.(?: [A-Z]|$)", note) for head in heads]
    assert any(matches), note
    lines = []
    for match in (m for m in matches if m):
        depth, current = 0, ""
        for char in match.group(1):  # '; ' inside a citation's brackets belongs to it
            depth += (char == "[") - (char == "]")
            if char == ";" and depth == 0:
                lines.append(current.strip())
                current = ""
            else:
                current += char
        lines.append(current.strip())
    return lines


# ---------------------------------------------------------------- finding 1
def _first_about(note: str, drug: str) -> str:
    """The first offered line about `drug`: KAT16's ('... did not confer resistance to alectinib or lorlatinib ...',
    as the note says it after its lead since the clinical read of stop 52) comes before SEED's ('alectinib was active
    ...') after ceritinib as after crizotinib (review of stop 30, finding 4); the tumour's call is said in full there,
    by name after it."""
    return next(x for x in _offered(note) if x.startswith(drug) or f"not confer resistance to {drug}" in x)


def test_an_offered_drug_the_tumour_is_resistant_to_says_so_with_the_cells_sources(m2):
    tsv, samples = m2
    note = tsv["M2"]["pgp_note"]
    cell = samples["M2"]["inhibitors"]["alectinib"]
    assert cell["category"] == "resistant" and cell["basis"] == "I1171N"
    line = _first_about(note, "alectinib")
    assert ", but I1171N, found here, is resistant to alectinib in the knowledge base [" in line
    said = line.split(", but I1171N", 1)[1]
    assert bracketed_keys(said) == [re.sub(r",\s*PMID.*", "", s) for s in cell["sources"]]  # the cell's own sources
    assert "[LIN17T2; EID1367(PMID:25736571); EID1483(PMID:25393796)]" in line
    # lorlatinib, with no resistant call here, is offered as before
    assert not [x for x in _offered(note) if x.startswith("lorlatinib") and ", but I1171N" in x]


def test_each_line_of_a_drug_the_tumour_resists_is_qualified_once_in_full(m2):
    tsv, samples = m2
    assert samples["M5"]["inhibitors"]["lorlatinib"]["category"] == "resistant"
    # KAT16's finding is one sentence for alectinib and lorlatinib, the objection after it (final read of stop 49)
    lines = [x for x in _offered(tsv["M5"]["pgp_note"]) if "lorlatinib" in x.split(" ")[0] or " lorlatinib (PF" in x]
    assert len(lines) == 2, lines
    # the call's own qualifier, as its cell gives it (review 21, finding 2); by name the second time (finding 11)
    qualifier = re.search(r" \((.*)\)$", tsv["M5"]["lorlatinib"])
    said = f" ({qualifier.group(1)})" if qualifier else ""
    assert lines[0].endswith(
        f", but L1256F, found here, is resistant to lorlatinib in the knowledge base{said} [OKA19, PMC6441848]"
    )
    assert lines[1].endswith(", but see L1256F above")
    # alectinib, for which L1256F has no resistant call, is not qualified
    assert not [x for x in _offered(tsv["M5"]["pgp_note"]) if x.startswith("alectinib") and ", but L1256F" in x]


def test_a_subclonal_basis_is_named_beside_the_offered_drug(m2):
    tsv, samples = m2
    cell = samples["M9"]["inhibitors"]["alectinib"]
    assert (cell["category"], cell["subclonal"]) == ("resistant", True)
    line = _first_about(tsv["M9"]["pgp_note"], "alectinib")
    assert without_identifiers(
        ", but G1202R, found here at VAF 3.0%, below the clonality cut-off set for this run, is resistant to alectinib in the "
        "knowledge base [LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468; EID1350(PMID:25727400)]"
    ) in without_identifiers(line)


def test_every_offered_drug_is_checked_against_the_tumours_calls_and_no_such_cell_offers_activity(m2):
    tsv, samples = m2
    for sample, row in tsv.items():
        cells = samples[sample]["inhibitors"]
        if "Sourced activity" in row["pgp_note"]:
            for line in _offered(row["pgp_note"]):
                drug = next((d for d in DRUGS if line.startswith(d) or f"resistance to {d}" in line), None)
                if drug and cells[drug]["category"] in ("resistant", "intermediate"):
                    said = line.rsplit(", but ", 1)[1] if ", but " in line else ""  # the objection is said last
                    assert f"to {drug}" in said or re.fullmatch(r"see \S+ above", said), (sample, line)
        # a cell's own 'sourced activity' is only ever beside a call that was sensitive (untried.py): never beside a
        # resistant or intermediate call of the same cell
        for drug, cell in cells.items():
            if cell["category"] in ("resistant", "intermediate"):
                assert "sourced activity" not in cell["note"], (sample, drug)


# ---------------------------------------------------------------- findings 3, 5 and 6 (the GRCh38 example)
@pytest.fixture(scope="module")
def example(tmp_path_factory):
    rows = [
        # after ceritinib: a MET gain after crizotinib, itself a MET inhibitor, is listed, not counted as a candidate
        # (clinical review of stop 38, finding 2)
        "P5_T\tpositive:IHC\tceritinib\t\t",
        "P6_T\tpositive:IHC\tcrizotinib\t\t",
        "P4_T\tpositive:IHC\tbrigatinib\t\t",
        "P1_T\tpositive:IHC\tensartinib\t\t",
    ]
    return _report(tmp_path_factory.mktemp("r19ex"), "s1", rows, example=True)


MET_NAMED = (
    "An off-target candidate is also listed: MET copy-number gain at chr7:116522196 <DUP> CN=9 (from NGS; confirm "
    "amplification by FISH; see the off-target findings). The P-gp check does not address it."
)


def _namings(note: str) -> int:
    """How many times the note names the off-target candidates (each wording the note has for it)."""
    return note.count("chr7:116522196") + note.count("Look first at the off-target candidates")


def test_recommended_without_ihc_names_the_off_target_candidate(example):
    tsv, _ = example
    note = tsv["P5_T"]["pgp_note"]
    assert (tsv["P5_T"]["pgp_check"], tsv["P5_T"]["mechanism"]) == ("recommended", "off_target_candidate")
    # right after the verdict, not after the P-gp facts (review 21, finding 10)
    assert note.startswith(
        f"Recommended: progressed most recently on ceritinib, and no ALK resistance mutation was found. {MET_NAMED} "
    )
    assert _namings(note) == 1


@pytest.mark.parametrize(
    "history,ihc",
    [
        ("crizotinib", "positive"),
        ("ceritinib", "negative"),
        ("alectinib", "positive"),
        ("lorlatinib", ""),
        ("", ""),  # history unknown: if_progressed
        ("brigatinib", ""),
    ],
)
def test_every_path_of_the_note_names_the_candidate_once(tmp_path, history, ihc):
    tsv, _ = _report(tmp_path, "p5", [f"P5_T\tpositive:IHC\t{history}\t{ihc}\t"], example=True)
    note = tsv["P5_T"]["pgp_note"]
    assert _namings(note) == 1, note


def test_a_kinase_domain_vus_is_named_not_dismissed(example):
    tsv, _ = example
    note = tsv["P6_T"]["pgp_note"]
    assert tsv["P6_T"]["mechanism"] == "on_target_possible"
    assert note.startswith(
        "Recommended: progressed most recently on crizotinib, and no known ALK resistance mutation was found; L1240S "
        "(VAF 23.7%), a kinase-domain change of unknown significance, is present: whether it explains the "
        "progression is not known."
    )
    assert "no ALK resistance mutation was found" not in note


def test_the_kat16_frequency_is_not_given_as_a_yield_after_another_drug(example):
    tsv, _ = example
    figure = "P-gp overexpression was found in 3 of 11 crizotinib- or ceritinib-resistant ALK-positive tumours"
    for sample, drug in (("P4_T", "brigatinib"), ("P1_T", "ensartinib")):
        note = tsv[sample]["pgp_note"]
        assert figure in note
        assert (
            "KAT16 studied tumours resistant to crizotinib or ceritinib; no frequency of P-gp "
            f"overexpression after {drug} is known in the sources read."
        ) in note, sample
    assert figure in tsv["P5_T"]["pgp_note"] and "KAT16 studied" not in tsv["P5_T"]["pgp_note"]


# ---------------------------------------------------------------- finding 9
def test_gai16_caveat_only_while_lorlatinib_has_not_been_given(tmp_path):
    caveat = "lorlatinib may be less effective when no ALK mutation is found"
    after, _ = _report(tmp_path, "m3", ["M6\tpositive:IHC\tceritinib;lorlatinib\t\t"])
    row = after["M6"]
    assert caveat not in row["notes"] + row["pgp_note"] + json.dumps(row)
    before, samples = _report(tmp_path, "m3b", ["M6\tpositive:IHC\tceritinib\t\t"])
    assert caveat in before["M6"]["pgp_note"]  # beside lorlatinib's figures, where lorlatinib is still to give
    assert caveat in samples["M6"]["inhibitors"]["lorlatinib"]["note"]


def test_an_intermediate_call_is_said_too_with_its_dispute(tmp_path):
    tsv, samples = _report(tmp_path, "m1", ["M1\tpositive:IHC\tceritinib\tpositive\t"])
    assert samples["M1"]["inhibitors"]["alectinib"]["category"] == "intermediate"
    line = _first_about(tsv["M1"]["pgp_note"], "alectinib")
    assert without_identifiers(line).endswith(
        ", but G1269A, found here, has an intermediate call for alectinib in the knowledge base (sources disagree) "
        "[LIN17T2; EID1354(PMID:25727400)]"
    )


def test_no_frequency_after_an_investigational_agent(tmp_path):
    tsv, _ = _report(tmp_path, "nel", ["P4_T\tpositive:IHC\tneladalkib\t\t"], example=True)
    assert (
        "KAT16 studied tumours resistant to crizotinib or ceritinib; no frequency of P-gp overexpression "
        "after neladalkib is known in the sources read."
    ) in tsv["P4_T"]["pgp_note"]
