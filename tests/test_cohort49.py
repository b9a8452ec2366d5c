"""A cohort as a researcher with many samples runs it (cohort49, task 2): `alkannot report` over annotated VCFs of two
builds, a sites-only VCF and a VCF with Unicode sample names, with one sample sheet (saved in NFD, as macOS does).
Every sample is one row; a sheet row used by no input is in the JSON (`sheet_rows_not_used`), every one, where the
warning names ten; the P-gp lists hold exactly the rows the README's rule selects."""

from __future__ import annotations

import csv
import json
import shutil
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from helpers import run

from alkannot.report.json_report import schema

EX = Path(__file__).parent.parent / "example_vcfs"
DATA = Path(__file__).parent / "data"
EXTRA = [f"X{n:02d}_T" for n in range(12)]  # patients of the sheet whose VCFs are not in this run


def _sheet(path: Path) -> None:
    rows = (EX / "samples.tsv").read_text().splitlines()
    rows += [
        unicodedata.normalize("NFD", "Pátiënt_4") + "\tpositive:IHC\tcrizotinib;ceritinib\t\t\tlung",
        "患者2\tpositive:FISH\tcrizotinib\t\t\tlung",
        "P9\tpositive:IHC\tcrizotinib\t\t\tlung",  # the sites-only VCF's one sample, named by its file
    ]
    rows += [f"{name}\tpositive:IHC\tcrizotinib\t\t\tlung" for name in ("P8_T", *EXTRA)]  # in no input of the run
    path.write_text("\n".join(rows) + "\n")


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("cohort49")
    (tmp / "ann").mkdir()
    unicode_vcf = tmp / "uni.vcf"
    text = (EX / "GRCh38" / "tumor_normal.vcf").read_text(encoding="utf-8")
    header, body = text.split("#CHROM", 1)
    head, rest = body.split("\n", 1)
    unicode_vcf.write_text(header + "#CHROM" + head.replace("P4_T", "Pátiënt_4").replace("P2_T", "患者2") + "\n" + rest)
    shutil.copy(DATA / "sites_only" / "one_change_grch38.vcf", tmp / "P9.vcf")
    _sheet(tmp / "sheet.tsv")
    inputs = [EX / "GRCh37" / "tumor_normal.vcf", EX / "GRCh38" / "tumor_normal.vcf", tmp / "P9.vcf", unicode_vcf]
    outputs = []
    for n, vcf in enumerate(inputs):
        out = tmp / "ann" / f"{n}.alk.vcf.gz"
        done = run("annotate", vcf, "--samples", tmp / "sheet.tsv", "--min-vaf", "0.05", "-o", out, text=True)
        assert done.returncode == 0, done.stderr
        outputs.append(out)
    done = run("report", *outputs, "--samples", tmp / "sheet.tsv", "--out", tmp / "cohort", text=True)
    assert done.returncode == 0, done.stderr
    return tmp, done.stderr


def _rows(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}.tsv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_every_sample_is_one_row_and_every_unused_sheet_row_is_in_the_json(cohort):
    tmp, said = cohort
    rows = _rows(tmp / "cohort")
    assert len(rows) == 7 + 7 + 1 + 7 and len({r["label"] for r in rows}) == len(rows)
    assert {r["build"] for r in rows} == {"GRCh37", "GRCh38"}
    assert {r["sample"] for r in rows if r["in_sample_sheet"] == "false"} == {"P6_T"}  # the example's P6_T
    doc = json.loads((tmp / "cohort.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema())
    assert [s["label"] for s in doc["samples"]] == [r["label"] for r in rows]
    # the warning names ten of the 13 rows; the JSON every one, with its line
    assert "13 rows name a sample in no input of this run" in said and ", ..." in said
    assert doc["sheet_rows_not_used"] == [
        {"sample": name, "line": line, "source_vcf": None} for line, name in enumerate(("P8_T", *EXTRA), start=11)
    ]
    # the sheet in NFD names the VCF's NFC Pátiënt_4; the table keeps the VCF's spelling
    assert [r["progressed_on"] for r in rows if r["sample"] == "Pátiënt_4"] == ["crizotinib;ceritinib"]
    assert [r["progressed_on"] for r in rows if r["sample"] == "P9"] == ["crizotinib"]


def test_the_pgp_lists_are_the_rows_the_rule_selects(cohort):
    """README: pgp_triage = resistant, ALK positivity not in doubt, and no ALK change explains the latest progression
    (unexplained / off_target_candidate, or on_target_possible after a drug P-gp overexpression reduces or may
    reduce); pgp_ihc_to_order = resistant, recommended and no ABCB1 IHC in the sheet."""
    tmp, _ = cohort
    rows = _rows(tmp / "cohort")
    doc = json.loads((tmp / "cohort.json").read_text(encoding="utf-8"))
    in_doubt = ("alk_negative", "alk_not_established", "alk_status_discordant")
    by_rule = [
        r["label"]
        for r in rows
        if r["resistant"] == "true"
        and r["pgp_context"] not in in_doubt
        and (
            r["mechanism"] in ("unexplained", "off_target_candidate")
            or (
                r["mechanism"] == "on_target_possible"
                and r["pgp_context"] in ("after_affected", "after_possibly_affected")
            )
        )
    ]
    assert by_rule == [r["label"] for r in rows if r["pgp_triage"] == "true"] == doc["summary"]["pgp_triage"]
    to_order = [
        r["label"] for r in rows if r["resistant"] == "true" and r["pgp_check"] == "recommended" and not r["abcb1_ihc"]
    ]
    assert to_order == doc["summary"]["pgp_ihc_to_order"]
    # the example's P4_T (after crizotinib;ceritinib, no ALK mutation) in each input that holds it, whatever its name
    assert {r["sample"] for r in rows if r["label"] in by_rule} == {"P4_T", "Pátiënt_4"} and len(by_rule) == 3
