"""A P-gp note's `sources` are every source the note cites and only those (README: `pgp.sources` "are those the note
cites"; clinical review of stop 41, finding 12). The example's P3_T and P5_T left out LI18LOR (lorlatinib's transport
by ABCB1, in the P-gp facts), P4_T also SOL18, GAI16 and SHAW19 (lorlatinib's figures after two or three inhibitors
and their caveats); a note that leaves the P-gp facts out (ABCB1 IHC negative) kept their sources. Every bracketed
citation of the note is read back here ('[KAT16; SEED, press release on KAT16]', '[LI18LOR, PMID 29744867]', a source
known only by its PubMed Central id '[OKA19, PMC6441848]') and
compared with `pgp.sources` both ways: README's first command on the example in both builds (the JSON a pipeline
reads), other fixtures through the library API, and every history of one or two inhibitors with each ABCB1 IHC
finding, with and without the ALK status given."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import readme_example

from alkannot.cohort import build_cohort
from alkannot.kbfiles import load_knowledge_base
from alkannot.pgp import PgpInputs, pgp_assessment
from alkannot.samplesheet import parse_sample_sheet
from alkannot.sourced_text import paper_key

DATA = Path(__file__).parent / "data"
EXAMPLE = Path(__file__).resolve().parent.parent / "example_vcfs"
# a bracket that counts CIViC evidence items instead of naming them (sourced_text.citation)
COUNTED = re.compile(r"(\d+) CIViC evidence items, listed in the sources")


def _cited(note: str) -> tuple[list[str], int]:
    """(every key the note's brackets cite, as `citation` writes them and without the PMID, DOI or 'press release on'
    it gives at a first citation; how many CIViC evidence items a bracket counts without naming them)."""
    keys, counted = [], 0
    for bracket in re.findall(r"\[([^\[\]]+)\]", note):
        for part in _parts(bracket):
            found = COUNTED.fullmatch(part)
            if found:
                counted += int(found.group(1))
                continue
            keys.append(re.sub(r",\s*(?:PMID\s|doi:|PMC\d|press release on ).*$", "", part).strip())
    return keys, counted


def _parts(bracket: str) -> list[str]:
    """A bracket's parts, split at '; ' outside parentheses ('CGI(PMID:1,PMID:2)' is one key)."""
    parts, depth, current = [], 0, ""
    for char in bracket:
        depth += (char == "(") - (char == ")")
        if char == ";" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [p for p in (*parts, current.strip()) if p]


def assert_sources_are_the_cited(name: str, note: str, sources) -> None:
    """A paper's statement label ('FRI14(PMID:24675041)', knowledge base 2.0.28) is the source the note cites as
    'FRI14, PMID 24675041' (sourced_text.paper_key): the same paper, one key."""
    keys, counted = _cited(note)
    keys, sources = [paper_key(k) for k in keys], [paper_key(s) for s in sources]
    missing = [k for k in dict.fromkeys(keys) if k not in sources]
    assert not missing, f"{name}: the note cites {missing}, not in its sources {list(sources)}"
    uncited = [s for s in sources if s not in keys]
    # a bracket that counts its CIViC evidence items keeps them among the sources (README, "sources")
    assert len(uncited) == counted and all(s.startswith("EID") for s in uncited), (
        f"{name}: sources {uncited} are not cited by the note: {note}"
    )
    assert len(set(sources)) == len(sources), f"{name}: a source listed twice: {list(sources)}"


@pytest.fixture(scope="module", params=["GRCh38", "GRCh37"])
def example(request, tmp_path_factory) -> dict[str, dict]:
    prefix = tmp_path_factory.mktemp(f"example_{request.param}") / "report"
    result = readme_example(prefix, request.param)
    assert result.returncode == 0, result.stderr
    return {s["sample"]: s for s in json.loads(prefix.with_suffix(".json").read_text())["samples"]}


def test_every_sample_of_the_example_lists_the_sources_its_pgp_note_cites(example):
    assert sorted(example) == ["P1_T", "P2_T", "P3_T", "P4_T", "P5_T", "P6_T", "P7_T"]
    for name, sample in example.items():
        assert_sources_are_the_cited(name, sample["pgp"]["note"], sample["pgp"]["sources"])
    # P3_T's note cites OKA19 and SHI22 by their PubMed Central ids, and they are read back as keys
    assert "[SHI22, PMC9732888" in example["P3_T"]["pgp"]["note"]
    assert {"SHI22", "OKA19"} <= set(example["P3_T"]["pgp"]["sources"])


def test_the_sources_the_review_found_missing_are_listed(example):
    for name in ("P3_T", "P4_T", "P5_T"):  # the P-gp facts: lorlatinib 'modestly transported' [LI18LOR, PMID ...]
        assert "[LI18LOR, PMID 29744867]" in example[name]["pgp"]["note"]
        assert "LI18LOR" in example[name]["pgp"]["sources"], name
    p4 = example["P4_T"][
        "pgp"
    ]  # lorlatinib's figures after crizotinib then ceritinib, with GAI16's and SHAW19's caveat
    assert {"SOL18", "GAI16", "SHAW19"} <= set(p4["sources"])
    # not the full note's parts; no polymorphism clause (AMP17, HORAK22) where no small variant of the checked genes
    # was read (clinical reading of stop 41, finding 4)
    assert example["P7_T"]["pgp"]["sources"] == ["KAT16", "SEED"]


FIXTURES = [  # (VCF, sample sheet, --sv files) of other cohorts, through the library API
    ("scenarios/GRCh38/S01.vcf", "scenarios/samples.tsv", ["scenarios/GRCh38/S01.sv.vcf"]),
    ("scenarios/GRCh38/S06.vcf", "scenarios/samples.tsv", ["scenarios/GRCh38/S06.sv.vcf"]),
    ("scenarios/GRCh38/S12.vcf", "scenarios/samples.tsv", ["scenarios/GRCh38/S12.sv.vcf"]),
    ("scenarios/GRCh37/S14.vcf", "scenarios/samples.tsv", ["scenarios/GRCh37/S14.sv.vcf"]),
    ("offtarget_context/bypass_grch38.vcf", "offtarget_context/samples.tsv", []),
    ("review38/pgp_ihc_cohort.vcf", "review38/pgp_ihc_cohort.tsv", []),
    ("review38/i1171n_l1196m_cis.vcf", "review38/i1171n_l1196m_cis.tsv", []),
    ("tp53/tp53_missense_grch38.vcf", "tp53/samples.tsv", []),
    ("review37/m2_normal_called.vcf", "review37/crizotinib_with_normal.tsv", []),
    ("resensitisation/resens_grch38.vcf", "resensitisation/samples.tsv", []),
    ("offtarget_context/bypass_grch38.vcf", "offtarget_context/samples_alk_negative.tsv", []),
]


@pytest.mark.parametrize("vcf, sheet, svs", FIXTURES, ids=[f[0] for f in FIXTURES])
def test_other_cohorts_list_the_sources_their_pgp_notes_cite(vcf, sheet, svs):
    cohort = build_cohort([str(DATA / vcf)], str(DATA / sheet), min_vaf=0.05, sv_paths=[str(DATA / s) for s in svs])
    assert cohort.verdicts
    for verdict in cohort.verdicts:
        assert_sources_are_the_cited(f"{vcf} {verdict.sample}", verdict.pgp.note, verdict.pgp.sources)


def _histories(kb) -> list[str]:
    drugs = [info.name for info in kb.inhibitors()]
    return ["", *drugs, *(f"{a};{b}" for a in drugs for b in drugs if a != b)]


@pytest.mark.parametrize("ihc", ["", "positive", "negative"])
@pytest.mark.parametrize("status", ["positive:IHC", ""])
def test_every_history_lists_the_sources_its_pgp_note_cites(ihc, status):
    """No ALK record: every path of the check after each history of one or two inhibitors (none: no progression),
    with each IHC finding; without an ALK status, the shorter note of a tumour whose ALK positivity is not established
    (its sources those of the parts it keeps)."""
    kb = load_knowledge_base()
    assumed = "" if status else "the sample sheet gives no ALK status, and this input shows no ALK fusion call"
    for history in _histories(kb):
        sheet = f"sample\talk_status\tprogressed_on\tabcb1_ihc\nA\t{status}\t{history}\t{ihc}\n"
        inputs = PgpInputs(parse_sample_sheet(sheet).get("A"), (), alk_assumed=assumed)
        pgp = pgp_assessment(kb, inputs)
        assert_sources_are_the_cited(f"{history or 'none'} ihc={ihc} status={status}", pgp.note, pgp.sources)


def test_a_note_without_the_pgp_facts_does_not_list_their_sources():
    """ABCB1 IHC negative after crizotinib: the note leaves out the P-gp facts (and the rows on P-gp-overexpressing
    cells), so it does not list LI18BRIG, WU22ENS or VAG20, which only the facts cite."""
    kb = load_knowledge_base()
    sheet = "sample\talk_status\tprogressed_on\tabcb1_ihc\nA\tpositive:IHC\tcrizotinib\tnegative\n"
    pgp = pgp_assessment(kb, PgpInputs(parse_sample_sheet(sheet).get("A"), ()))
    assert "P-gp facts" not in pgp.note
    assert not {"LI18BRIG", "WU22ENS", "VAG20", "LI18LOR"} & set(pgp.sources)


def test_a_tumour_with_no_history_lists_its_sources_too(tmp_path):
    """The example's P6_T has no row in the sample sheet: a sheet without the history column puts every sample there
    (the facts sentence of the unknown-history note cites LI18LOR, LI18BRIG, WU22ENS and VAG20)."""
    sheet = tmp_path / "samples.tsv"
    sheet.write_text("sample\talk_status\nP1_T\tpositive:IHC\nP4_T\tpositive:IHC\nP7_T\tpositive:IHC\n")
    folder = EXAMPLE / "GRCh38"
    cohort = build_cohort(
        [str(folder / "tumor_normal.vcf")], str(sheet), min_vaf=0.05, sv_paths=[str(folder / "sv.vcf")]
    )
    found = {v.sample: v.pgp for v in cohort.verdicts}
    assert found["P4_T"].context == "no_history" and "LI18LOR" in found["P4_T"].sources
    for name, pgp in found.items():
        assert_sources_are_the_cited(name, pgp.note, pgp.sources)
