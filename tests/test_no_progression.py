"""A sample whose sheet records no progression is shown as "no progression recorded" in the HTML's cohort table and
card heading, as the summary's "No progression recorded (nothing to explain)" box says (clinical review 2026-12-01,
third reading, finding 8: C09, treatment-naive, was "off-target candidate" or "unexplained" beside that box). The
JSON's and TSV's `mechanism` and ##alkannotSample keep the contract's values, the genotype's (review of the day's
changes, finding 5: a new value broke readers built to the contract), beside `mechanism_context`; the TSV's
`mechanism_qualified` and the MultiQC table, written for people, say "(no progression recorded: nothing to explain)"
with the value (clinical review of stop 42, finding 10).

tests/data/no_progression/no_progression_grch38.vcf (GRCh38; ALK positive by IHC in the sheet for all; the KRAS
record carries its VEP annotation, missense p.Gly12Cys: an unannotated one is not assessed, test_bypass_consequence):
N1 KRAS G12C, progressed_on none      N2 ALK C1156Y, none      N3 KRAS G12C, history unknown
N4 nothing, history unknown           N5 KRAS G12C, progressed on crizotinib
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

from alkannot.cohort import build_cohort
from alkannot.report.json_report import document

# the sample's calls in its ##alkannotSample line: an ALK fusion's, no progression (sample_header.calls_value)
ALL_SENSITIVE = (
    "crizotinib:sensitive;"
    "ceritinib:sensitive;"
    "alectinib:sensitive;"
    "brigatinib:sensitive;"
    "ensartinib:sensitive;"
    "lorlatinib:sensitive;"
    "neladalkib:unknown;"
    "gilteritinib:unknown;"
    "tpx0131:unknown;"
    "iruplinalkib:sensitive(reviews_only);"  # SHI23INT and ASCOPOST23, a paper's background and a news report
    "envonalkib:sensitive(reviews_only)"  # ZHAO26 and FRONT25, trial results read through other papers
)

DATA = Path(__file__).resolve().parent / "data" / "no_progression"
VCF, SHEET = DATA / "no_progression_grch38.vcf", DATA / "samples.tsv"
EXPECTED = {  # sample -> (mechanism, pgp_check, off-target genes)
    "N1_none_KRAS": ("off_target_candidate", "not_indicated", ["KRAS mutation chr12:25245351 C>A (p.G12C, VEP)"]),
    "N2_none_C1156Y": ("on_target", "not_indicated", []),
    "N3_unknown_KRAS": ("off_target_candidate", "if_progressed", ["KRAS mutation chr12:25245351 C>A (p.G12C, VEP)"]),
    "N4_unknown": ("unexplained", "if_progressed", []),
    "N5_criz_KRAS": ("off_target_candidate", "recommended", ["KRAS mutation chr12:25245351 C>A (p.G12C, VEP)"]),
}


@pytest.fixture(scope="module")
def cohort():
    return build_cohort([str(VCF)], str(SHEET))


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    out = tmp_path_factory.mktemp("noprog")
    run = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(VCF), "--samples", str(SHEET), "--report", str(out / "r"), "-o"]
        + [str(out / "o.vcf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return out


def test_the_verdict_keeps_the_genotypes_mechanism_and_the_off_target_list(cohort):
    verdicts = {v.sample: v for v in cohort.verdicts}
    for sample, (mechanism, check, off_target) in EXPECTED.items():
        v = verdicts[sample]
        assert (v.mechanism, v.pgp.check) == (mechanism, check), sample
        assert [f"{o.gene} {o.kind} {o.description}" for o in v.off_target] == off_target, sample
    n1, n2 = verdicts["N1_none_KRAS"], verdicts["N2_none_C1156Y"]
    assert n1.pgp.note == "Not indicated: the sample sheet records no progression on an ALK inhibitor."
    # what the genotype says stays: C1156Y is resistant to crizotinib, and the tumour carries a resistance mutation
    assert {i.inhibitor: i.category for i in n2.inhibitors}["crizotinib"] == "resistant"
    # but a tumour that never had an ALK inhibitor is not resistant (review 9, clinical, finding 2), and the known
    # resistance change is said as found before any ALK inhibitor (review 10, finding 1)
    assert (n2.mechanism, n2.resistant, n2.alk_mutation_negative) == ("on_target", False, False)
    assert (
        "C1156Y: a known ALK resistance change, although the sample sheet records no ALK inhibitor (progressed_on "
        "none): its per-inhibitor calls bear on the choice of a first ALK inhibitor; check the treatment history and "
        "that the change is somatic."
    ) in n2.notes
    assert not [n for n in n1.notes if "first ALK inhibitor" in n]
    assert (n1.mechanism, n1.resistant, n1.alk_mutation_negative) == ("off_target_candidate", False, True)


def test_json_summary_and_schema_agree(cohort):
    doc = document(cohort)
    samples = {s["sample"]: s for s in doc["samples"]}
    assert {k: samples[k]["mechanism"] for k in EXPECTED} == {k: e[0] for k, e in EXPECTED.items()}
    boxes = doc["summary"]["mechanism"]
    assert boxes["no_progression"] == ["N1_none_KRAS", "N2_none_C1156Y"]
    assert boxes["off_target_candidate"] == ["N3_unknown_KRAS", "N5_criz_KRAS"]
    assert doc["summary"]["resistant"] == ["N5_criz_KRAS"]  # N2: C1156Y, but no ALK inhibitor yet
    schema = json.loads((Path(__file__).resolve().parent.parent / "alkannot/report/schema.json").read_text())
    sample_schema = schema["properties"]["samples"]["items"]["properties"]
    assert sample_schema["mechanism"]["enum"] == [
        "on_target",
        "on_target_possible",
        "off_target_candidate",
        "unexplained",
    ]
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(doc, schema)


def test_the_html_says_it_and_the_machine_outputs_keep_the_contract_value(cli):
    rows = {r["sample"]: r for r in csv.DictReader(open(cli / "r.tsv"), delimiter="\t")}
    assert {k: (rows[k]["mechanism"], rows[k]["off_target"]) for k in ("N1_none_KRAS", "N2_none_C1156Y")} == {
        "N1_none_KRAS": ("off_target_candidate", "KRAS mutation chr12:25245351 C>A (p.G12C, VEP)"),
        "N2_none_C1156Y": ("on_target", ""),
    }
    assert rows["N4_unknown"]["mechanism"] == "unexplained"
    assert {k: (rows[k]["mechanism_context"], rows[k]["mechanism_qualified"]) for k in EXPECTED} == {
        "N1_none_KRAS": ("no_progression", "off_target_candidate (no progression recorded: nothing to explain)"),
        "N2_none_C1156Y": ("no_progression", "on_target (no progression recorded: check the treatment history)"),
        "N3_unknown_KRAS": ("no_history", "off_target_candidate if progressed (treatment history unknown)"),
        "N4_unknown": ("no_history", "unexplained if progressed (treatment history unknown)"),
        "N5_criz_KRAS": ("resistance", "off_target_candidate"),
    }
    html = (cli / "r.html").read_text()
    assert '<h3>N1_none_KRAS <span class="tag no_progression">no progression recorded</span>' in html
    assert (
        '<td><span class="tag no_progression">no progression recorded</span></td><td><span class="tag '
        'not_indicated">P-gp check not indicated</span></td><td>KRAS mutation</td></tr>'
    ) in html
    assert "No progression recorded (nothing to explain)" in html
    mqc = {line.split("\t")[0]: line.split("\t") for line in (cli / "r_mqc.tsv").read_text().splitlines()}
    assert mqc["N1_none_KRAS"][1:] == [
        "positive_external",
        "none",
        "-",
        "off_target_candidate (no progression recorded: nothing to explain)",
        "not_indicated",
        "KRAS mutation",
        "none",
        "false",  # resistant, alk_mutation_negative, assessable, pgp_triage, pgp_ihc_to_order: no progression,
        "true",  # so not resistant
        "true",
        "false",
        "false",
        "GRCh38",  # build (review of stop 46, item 3)
    ]
    header = [line for line in (cli / "o.vcf").read_text().splitlines() if line.startswith("##alkannotSample")]
    # the fusion's calls rest on many sources (CallSources=, tests/test_call_sources_header.py): checked apart
    assert ',CallSources="crizotinib:KAZ14(PMID:25170012)+KWAK10(PMID:20979469)+' in header[0]
    assert re.sub(r',CallSources="[^"]*"', "", header[0]) == (
        "##alkannotSample=<ID=N1_none_KRAS,Fusion=positive_external,AlkMutations=none,Mechanism=off_target_candidate,"
        f'PgpCheck=not_indicated,PgpContext=no_progression,Calls="{ALL_SENSITIVE}",'
        'OffTarget="KRAS:mutation:chr12:25245351 C>A (p.G12C, VEP)",'
        "OffTargetCovered=KRAS:small_variant,AlkStatus=positive:IHC,ProgressedOn=none,"
        f"Input={VCF}>"
    )


def test_report_on_the_annotated_vcf_keeps_it(cli, tmp_path):
    run = subprocess.run(
        [ALKANNOT, "-q", "report", str(cli / "o.vcf"), "--samples", str(SHEET), "--out", str(tmp_path / "c")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    samples = {s["sample"]: s for s in json.loads((tmp_path / "c.json").read_text())["samples"]}
    assert {k: samples[k]["mechanism"] for k in EXPECTED} == {k: e[0] for k, e in EXPECTED.items()}
