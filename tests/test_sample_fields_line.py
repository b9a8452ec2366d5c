"""Review of stop 46, item 4: the `##alkannotSample` lines' fields (Mechanism, PgpContext, Calls, AlkMutations,
PgpSources, ...) could be read only with README. One constant line, `##alkannotFields=<ID=alkannotSample,
Description="...">`, says what each holds, as an ##INFO line's Description says its key: once per output whatever
the number of samples, replaced (not repeated) on re-annotation, kept as written by htslib and by `bcftools merge`.
Its key does not start with `alkannotSample`, so a reader who picks the sample lines by that prefix meets no other."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pysam
import pytest
from helpers import run

from alkannot.pgp import CONTEXTS, PGP_CHECKS
from alkannot.recorded_history import RECORDED_COLUMNS
from alkannot.recorded_listed import LISTED_KEY
from alkannot.recorded_offtarget import COVERED
from alkannot.sample_header import CALL_MARKS, FUSION_STATES, MECHANISMS, fields_line

ROOT = Path(__file__).parent.parent
EX = ROOT / "example_vcfs"
GOLDEN = Path(__file__).parent / "golden"
SCHEMA = json.loads((ROOT / "alkannot" / "report" / "schema.json").read_text())
# every key an ##alkannotSample line can hold (sample_header._verdict_fields, normal_fields, fusion_fields)
KEYS = (
    "ID",
    "Fusion",
    "FusionPartner",
    "FusionVariant",
    "AlkMutations",
    "Mechanism",
    "PgpCheck",
    "PgpContext",
    "PgpSources",
    "Calls",
    "CallSources",
    "AlkCopyNumber",
    "OffTarget",
    "OffTargetSetAside",
    LISTED_KEY,
    COVERED,
    *(key for key, _ in RECORDED_COLUMNS),
    "Normal",
    "Input",  # the file the sample was annotated from (stop 48, cohort48)
)


def _own_lines(path: Path) -> list[str]:
    text = subprocess.run(["bcftools", "view", "-h", str(path)], capture_output=True, text=True, check=True).stdout
    return [line for line in text.splitlines() if line.startswith("##alkannot")]


def _described(key: str) -> bool:
    """`key` is named in the line's Description as a field ('; KEY,' or '; KEY and', 'ID,' first)."""
    return re.search(rf"(?:: |; |, |and ){re.escape(key)}(?:,| and| \()", fields_line()) is not None


@pytest.fixture(scope="module")
def annotated(tmp_path_factory) -> dict[str, Path]:
    """The example cohort (7 tumours), one of its tumours alone, and the cohort's output annotated again."""
    root = tmp_path_factory.mktemp("fields")
    cohort, one, again = root / "cohort.vcf.gz", root / "one.vcf", root / "again.vcf"
    sheet = EX / "samples.tsv"
    assert run("-q", "annotate", EX / "GRCh38" / "tumor_normal.vcf", "--samples", sheet, "-o", cohort).returncode == 0
    assert (
        run("-q", "annotate", EX / "GRCh38" / "tumor_normal.vcf", "--tumor", "P4_T", "--samples", sheet, "-o", one)
    ).returncode == 0
    result = run("annotate", cohort, "-o", again, text=True)
    assert result.returncode == 0, result.stderr
    return {"cohort": cohort, "one": one, "again": again, "again_stderr": result.stderr}


def test_one_constant_line_whatever_the_number_of_samples(annotated):
    cohort, one = _own_lines(annotated["cohort"]), _own_lines(annotated["one"])
    assert sum(line.startswith("##alkannotSample=") for line in cohort) == 7
    assert sum(line.startswith("##alkannotSample=") for line in one) == 1
    for lines in (cohort, one):
        fields = [line for line in lines if line.startswith("##alkannotFields=")]
        assert fields == [fields_line()]  # as written: htslib keeps it unchanged
        # just before the lines it describes, and no sample line is mistaken for it (or it for one)
        assert lines.index(fields[0]) + 1 == next(
            i for i, line in enumerate(lines) if line.startswith("##alkannotSample")
        )
        assert not fields[0].startswith("##alkannotSample")


def test_reannotation_replaces_it(annotated):
    again = _own_lines(annotated["again"])
    assert [line for line in again if line.startswith("##alkannotFields")] == [fields_line()]
    assert "not kept as written" not in annotated["again_stderr"] and "dropped" not in annotated["again_stderr"]
    # and the sample lines are read back as before: the same verdicts, the same lines
    first = [line for line in _own_lines(annotated["cohort"]) if line.startswith("##alkannotSample")]
    assert [line for line in again if line.startswith("##alkannotSample")] == first


def test_bcftools_merge_keeps_one(annotated, tmp_path):
    pysam.tabix_index(str(annotated["cohort"]), preset="vcf", force=True)
    other = tmp_path / "other.vcf.gz"
    subprocess.run(["bcftools", "view", "-Oz", "-o", str(other), str(annotated["again"])], check=True)
    pysam.tabix_index(str(other), preset="vcf", force=True)
    merged = subprocess.run(
        ["bcftools", "merge", "--force-samples", str(annotated["cohort"]), str(other)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert [line for line in merged.splitlines() if line.startswith("##alkannotFields")] == [fields_line()]


def test_every_field_a_sample_line_can_hold_is_described():
    for key in KEYS:
        assert _described(key), key
    # and the golden outputs' lines hold no other field, and no Calls qualifier the line does not name
    for golden in sorted(GOLDEN.glob("example_*.vcf")):
        with pysam.VariantFile(str(golden)) as vcf:
            for record in vcf.header.records:
                if record.key != "alkannotSample":
                    continue
                items = dict(record.items())
                assert set(items) <= set(KEYS), (golden.name, set(items) - set(KEYS))
                marks = re.findall(r"\(([^)]*)\)", items["Calls"])
                assert {m for said in marks for m in said.split(",")} <= set(CALL_MARKS), items["Calls"]


def test_the_values_are_the_reports():
    """The values the line lists are those the JSON report's schema allows for the same fields."""
    sample = SCHEMA["properties"]["samples"]["items"]["properties"]
    assert list(FUSION_STATES) == sample["fusion"]["enum"]
    assert list(MECHANISMS) == sample["mechanism"]["enum"]
    assert list(PGP_CHECKS) == sample["pgp_check"]["enum"]
    assert list(CONTEXTS) == sample["pgp"]["properties"]["context"]["enum"]
    for values in (FUSION_STATES, MECHANISMS, PGP_CHECKS, CONTEXTS):
        assert "|".join(values) in fields_line()
