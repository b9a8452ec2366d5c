"""The report JSON of every caller's fixture in tests/data validates against the bundled schema, and the schema's
`vaf_source` values are exactly those alkannot.genotype can return (cohort review 6, finding 5)."""

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from helpers import ALKANNOT

from alkannot.genotype import VAF_SOURCES, allele_vaf
from alkannot.report.json_report import schema

DATA = Path(__file__).parent / "data"
# every VCF and MAF in tests/data: callers' small-variant, SV and copy-number files and the verdict scenarios; not
# the deliberately broken inputs of the error tests (a `broken` folder: a NUL byte in a record is exit 3)
CALLER_FIXTURES = sorted(
    p for p in DATA.rglob("*") if p.suffix in (".vcf", ".maf") and "broken" not in p.relative_to(DATA).parts
)


def _vaf_source_schema() -> dict:
    sample = schema()["properties"]["samples"]["items"]
    return sample["properties"]["alk_mutations"]["items"]["properties"]["vaf_source"]


def test_schema_vaf_sources_are_the_codes():
    assert _vaf_source_schema()["enum"] == [*VAF_SOURCES, None]
    assert VAF_SOURCES == ("AF", "AD", "VAF", "FREQ", "AO", "AU", "CU", "GU", "TU", "TIR")


@pytest.mark.parametrize(
    "fmt, ref, alt, expected",
    [
        ({"AF": 0.3}, "C", "T", (0.3, "AF", None)),
        ({"AD": (7, 3)}, "C", "T", (0.3, "AD", 10)),
        ({"VAF": 0.25}, "C", "T", (0.25, "VAF", None)),
        ({"FREQ": "25%"}, "C", "T", (0.25, "FREQ", None)),
        ({"RO": 84, "AO": (36,)}, "C", "T", (0.3, "AO", 120)),
        ({"CU": (76, 77), "TU": (32, 32)}, "C", "T", (32 / 108, "TU", 108)),
        ({"GU": (70, 70), "AU": (30, 30)}, "G", "A", (0.3, "AU", 100)),
        ({"TU": (70, 70), "CU": (30, 30)}, "T", "C", (0.3, "CU", 100)),
        ({"AU": (70, 70), "GU": (30, 30)}, "A", "G", (0.3, "GU", 100)),
        ({"TAR": (70, 71), "TIR": (24, 24)}, "CCCC", "C", (24 / 94, "TIR", 94)),
        ({"NU": (70, 70), "CU": (30, 30)}, "N", "C", (None, None, None)),  # no Strelka2 count of N: no source
    ],
)
def test_every_vaf_source_is_listed(fmt, ref, alt, expected):
    vaf, source, depth = allele_vaf(fmt, 1, ref, alt)
    assert (vaf if vaf is None else round(vaf, 6), source, depth) == (
        expected[0] if expected[0] is None else round(expected[0], 6),
        expected[1],
        expected[2],
    )
    assert source in (*VAF_SOURCES, None)


def test_report_json_of_every_caller_fixture_is_valid(tmp_path):
    """One cohort report over every caller fixture: Strelka2 SNVs ('TU') and indels ('TIR') and FreeBayes ('AO')
    failed the schema before."""
    assert len(CALLER_FIXTURES) >= 113  # every VCF and MAF of tests/data at the time of writing, and any added since
    run = subprocess.run(
        [ALKANNOT, "-q", "report", *map(str, CALLER_FIXTURES), "--out", str(tmp_path / "callers")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "callers.json").read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft202012Validator(schema()).iter_errors(doc)]
    assert errors == []
    sources = {
        (Path(s["source"]).name, m["label"]): m["vaf_source"] for s in doc["samples"] for m in s["alk_mutations"]
    }
    assert sources[("freebayes_grch38.vcf", "G1202R")] == "AO"
    assert sources[("strelka2_somatic_indels_grch37.vcf", "G1202del")] == "TIR"
    assert sources[("strelka2_somatic_snvs_grch37.vcf", "G1202R")] == "TU"
    assert sources[("strelka2_somatic_snvs_grch37.vcf", "L1196M")] == "TU"


@pytest.mark.parametrize(
    "name", ["strelka2_somatic_snvs_grch37.vcf", "strelka2_somatic_indels_grch37.vcf", "freebayes_grch38.vcf"]
)
def test_annotate_report_of_strelka2_and_freebayes_is_valid(tmp_path, name):
    run = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(DATA / name), "--report", str(tmp_path / "r"), "-o", str(tmp_path / "o.vcf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [e.message for e in jsonschema.Draft202012Validator(schema()).iter_errors(doc)] == []
