"""Stop 46: the sample-level calls of `##alkannotSample` `Calls=` had no sources in the VCF. A compound's calls (P3_T's
cis L1196M+G1202R: inferred from its parts) and a call set by the treatment history (progressed_on: `sample_sheet`)
are the sample's, which no record's ALK_CALL_SOURCES gives. `CallSources=` names, in the order of Calls, the sources
that decided each call, as the TSV's inhibitor_call_sources and the JSON's per-call `sources` do, each key with the
identifier ALK_CALL_SOURCES and PgpSources give it."""

from __future__ import annotations

import json
from pathlib import Path

import pysam
import pytest
from helpers import run

from alkannot.cohort import build_cohort
from alkannot.earlier_run import header_unquoted
from alkannot.kbfiles import load_knowledge_base
from alkannot.records import replace
from alkannot.rewrite import identifier
from alkannot.sample_header import SampleLines, call_sources_value

ROOT = Path(__file__).parent.parent
EX = ROOT / "example_vcfs"
VCF, SHEET = EX / "GRCh38" / "tumor_normal.vcf", EX / "samples.tsv"


@pytest.fixture(scope="module")
def annotated(tmp_path_factory) -> dict:
    """The example cohort annotated with its sheet and a report: each sample's line fields, TSV row and JSON."""
    root = tmp_path_factory.mktemp("callsources")
    out, prefix = root / "out.vcf", root / "rep"
    result = run("-q", "annotate", VCF, "--samples", SHEET, "-o", out, "--report", prefix, text=True)
    assert result.returncode == 0, result.stderr
    with pysam.VariantFile(str(out)) as vcf:
        fields = {
            header_unquoted(dict(r.items())["ID"]): {k: header_unquoted(v) for k, v in r.items()}
            for r in vcf.header.records
            if r.key == "alkannotSample"
        }
        records = {r.pos: dict(r.info) for r in vcf}
    header, *rows = (line.split("\t") for line in prefix.with_suffix(".tsv").read_text().splitlines())
    document = json.loads(prefix.with_suffix(".json").read_text())
    return {
        "fields": fields,
        "tsv": {row[0]: dict(zip(header, row)) for row in rows},
        "json": document,
        "records": records,
    }


def _parsed(value: str) -> list[tuple[str, list[str]]]:
    """'crizotinib:A+B;ceritinib:C' -> [(crizotinib, [A, B]), (ceritinib, [C])] (the inhibitor ends at the first ':',
    a source's DOI may hold one)."""
    return [(entry.split(":", 1)[0], entry.split(":", 1)[1].split("+")) for entry in value.split(";")] if value else []


def test_the_same_sources_as_the_tsv_in_the_order_of_calls(annotated):
    agents = annotated["json"]["knowledge_base"]["agents"]
    assert set(annotated["fields"]) == set(annotated["tsv"]) and len(annotated["fields"]) == 7
    for sample, items in annotated["fields"].items():
        said = _parsed(items.get("CallSources", ""))
        # the TSV's 'DRUG: KEY, KEY;...' with the drug as the sources write it ('TPX-0131')
        column = annotated["tsv"][sample]["inhibitor_call_sources"]
        tsv = [(e.split(": ", 1)[0], e.split(": ", 1)[1].split(", ")) for e in column.split(";")] if column else []
        assert [(agents.get(drug, drug), keys) for drug, keys in said] == tsv, sample
        # in the order of Calls, an inhibitor whose call has no source left out (never an unknown call without one)
        calls = [entry.split(":", 1)[0] for entry in items["Calls"].split(";")]
        assert [drug for drug, _ in said] == [drug for drug in calls if drug in dict(said)], sample
        decided = {
            n: i
            for n, i in next(s for s in annotated["json"]["samples"] if s["sample"] == sample)["inhibitors"].items()
            if i["sources"]
        }
        assert [drug for drug, _ in said] == list(decided), sample


def test_a_compound_and_a_progression_name_their_sources(annotated):
    fields = annotated["fields"]
    p3 = dict(_parsed(fields["P3_T"]["CallSources"]))
    # the compound's crizotinib call rests on both parts' sources: L1196M's (EID237, EID442), G1202R's (EID441, ...)
    assert p3["crizotinib"] == [
        "LIN17T2",
        "EID237(PMID:20979473)",
        "EID442(PMID:22277784)",
        "EID441(PMID:22277784)",
        "EID1357(PMID:22277784)",
    ]
    assert "ceritinib:resistant(inferred)" in fields["P3_T"]["Calls"]
    assert p3["ceritinib"] == [
        "LIN17T2",
        "FRI14(PMID:24675041)",
        "EID1345(PMID:24675041)",
        "PEL21(doi:10.1158/1538-7445.AM2021-1468)",
    ]
    # lorlatinib: the patient progressed on it, which G1202R's own record (sensitive) does not say
    assert "lorlatinib:resistant(progressed_on)" in fields["P3_T"]["Calls"] and p3["lorlatinib"] == ["sample_sheet"]
    g1202r = next(info for info in annotated["records"].values() if info.get("ALK_HGVSP", [""])[0].endswith("G1202R"))
    assert "lorlatinib:LIN17T2+PEL21" in ",".join(g1202r["ALK_CALL_SOURCES"])
    # every unknown(inferred) call has no source and is left out
    assert set(p3) == {"crizotinib", "ceritinib", "alectinib", "brigatinib", "lorlatinib"}
    # calls set by the sheet alone; a sample whose calls no source decides has no field
    assert fields["P4_T"]["CallSources"] == "crizotinib:sample_sheet;ceritinib:sample_sheet"
    assert fields["P5_T"]["CallSources"] == "alectinib:sample_sheet"
    assert "CallSources" not in fields["P6_T"]


def test_identifiers_are_those_of_alk_call_sources():
    """A source read only in PubMed Central is written with its PMC id, as ALK_CALL_SOURCES and PgpSources write it
    (OKA19 decides L1256F and lorlatinib); a key naming its PMIDs, a curated resource's and sample_sheet as they are."""
    identify = identifier(load_knowledge_base())
    assert identify("OKA19") == "OKA19(PMC6441848)" and identify("KAT16") == "KAT16(PMID:26870817)"
    assert identify("EID441(PMID:22277784)") == "EID441(PMID:22277784)" and identify("CGI") == "CGI"
    assert identify("sample_sheet") == "sample_sheet"


def test_made_once_per_shared_verdict():
    """SampleLines formats a verdict's fields once for all the samples that share it: CallSources' identifiers are
    looked up for the first sample only (a 200-sample cohort of one state: one look-up per source, not 200)."""
    (v,) = [v for v in build_cohort([str(VCF)], str(SHEET), tumor="P3_T").verdicts]
    asked: list[str] = []
    identify = identifier(load_knowledge_base())

    def counted(key: str) -> str:
        asked.append(key)
        return identify(key)

    lines = SampleLines(counted)
    for n in range(200):
        lines.add(replace(v, sample=f"S{n}"))
    written = lines.lines()
    assert len(written) == 200 and len(set(line.split(",", 1)[1] for line in written)) == 1
    assert len(asked) == sum(len(i.sources) for i in v.inhibitors)  # one sample's, once
    assert f'CallSources="{call_sources_value(v, identify)}"' in written[0]
