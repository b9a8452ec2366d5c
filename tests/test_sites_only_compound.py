"""A sites-only input is one sample (CONTRACT.md version 2), so a cohort's sites (`bcftools view -G`) make one
file-named compound of several patients' changes (pipeline review of stop 42, finding 7). The contract stands; the
compound's phase says why it is not determined ('(no genotypes)', JSON phase_method `no genotypes`), a note says what
the reading rests on, and one warning names the input where nothing named its sample: neither --tumor NAME nor the
one ##alkannotSample line of alkannot's own single-sample output."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from helpers import ALKANNOT

DATA = Path(__file__).parent / "data"
SITES = DATA / "sites_only" / "cohort_sites_grch38.vcf"
GENOTYPED = DATA / "compound" / "trans_and_unphased_grch38.vcf"
COMPOUND = "I1171N+L1196M+G1202R phase not determined (no genotypes)"
NOTE = (
    "I1171N+L1196M+G1202R (phase not determined): the input has no sample columns (a sites-only VCF, read as one sample), so "
    "there are no genotypes to phase these changes or to show that one tumour carries all of them. If the file lists "
    "several samples' variants (a cohort's sites, as `bcftools view -G` writes them), they are not one tumour's, and "
    "the compound and the calls made of it describe no patient: give the genotyped VCF, or one file per sample."
)


def warning(display: str, name: str) -> str:
    return (
        f"alkannot: WARNING: {display}: a sites-only input (no sample columns) is read as one sample, '{name}', so its "
        f"ALK changes are read together as one tumour's: {COMPOUND}; if it pools several samples' variants, give the "
        "genotyped VCF or split it per sample; if it is one sample's, name it with --tumor NAME"
    )


def _run(*args, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    run = subprocess.run([ALKANNOT, *map(str, args)], input=stdin, capture_output=True, text=True, cwd=cwd)
    assert run.returncode == 0, run.stderr
    return run


def _warnings(run: subprocess.CompletedProcess) -> list[str]:
    return [line for line in run.stderr.splitlines() if "WARNING" in line]


def _rows(tsv: Path) -> dict[str, dict[str, str]]:
    header, *rows = (line.split("\t") for line in tsv.read_text().splitlines())
    return {row[0]: dict(zip(header, row)) for row in rows}


def _sample(prefix: Path, name: str) -> dict:
    return next(s for s in json.loads(prefix.with_suffix(".json").read_text())["samples"] if s["sample"] == name)


def test_a_cohort_sites_file_warns_once_and_says_why_the_phase_is_not_determined(tmp_path):
    vcf = shutil.copy(SITES, tmp_path / "cohort.vcf")
    out, report = tmp_path / "cohort.alk.vcf", tmp_path / "r"
    run = _run("annotate", "cohort.vcf", "-o", out, "--report", report, cwd=tmp_path)
    assert _warnings(run) == [warning("cohort.vcf", "cohort")]
    assert _rows(report.with_suffix(".tsv"))["cohort"]["compound"] == COMPOUND
    sample = _sample(report, "cohort")
    assert (sample["role"], sample["compound"]["phase"], sample["compound"]["phase_method"]) == (
        "sites_only",
        "unknown",
        "no genotypes",
    )
    assert sample["notes"].count(NOTE) == 1
    assert f'AlkMutations="{COMPOUND}"' in out.read_text()
    html = report.with_suffix(".html").read_text()
    assert "<b>phase not determined</b> (no genotypes: sites-only input)" in html
    assert "compound I1171N+L1196M+G1202R, phase not determined (no genotypes)" in html
    assert Path(vcf).read_text() == SITES.read_text()

    # `report` reads it the same way, with the same warning
    again = _run("report", "cohort.vcf", "--out", tmp_path / "c", cwd=tmp_path)
    assert _warnings(again) == [warning("cohort.vcf", "cohort")]
    assert _rows(tmp_path / "c.tsv")["cohort"]["compound"] == COMPOUND


def test_standard_input_is_warned_about_under_its_name(tmp_path):
    run = _run("annotate", "-", "-o", tmp_path / "o.vcf", stdin=SITES.read_text())
    assert _warnings(run)[-1] == warning("<stdin>", "stdin")
    assert len(_warnings(run)) == 2  # and the one asking for --tumor NAME (test_sites_only_names.py)


def test_a_named_sample_is_not_warned_about_but_keeps_the_note(tmp_path):
    """--tumor NAME says the file is that one sample's; alkannot's own output of it carries one ##alkannotSample line,
    which names it again (annotate and report alike); the compound keeps its '(no genotypes)' and its note."""
    out, report = tmp_path / "p1.vcf", tmp_path / "p1"
    assert _warnings(_run("annotate", SITES, "--tumor", "P1", "-o", out, "--report", report)) == []
    assert _rows(report.with_suffix(".tsv"))["P1"]["compound"] == COMPOUND
    assert NOTE in _sample(report, "P1")["notes"]

    rerun = _run("annotate", out, "-o", tmp_path / "p1.again.vcf", "--report", tmp_path / "a")
    assert _warnings(rerun) == []
    assert _rows(tmp_path / "a.tsv")["P1"]["compound"] == COMPOUND
    assert NOTE in _sample(tmp_path / "a", "P1")["notes"]
    assert _warnings(_run("report", out, "--out", tmp_path / "b")) == []

    # two ##alkannotSample lines (two annotated samples' sites pooled): no one sample is named, so it is warned about
    text = out.read_text()
    line = next(x for x in text.splitlines() if x.startswith("##alkannotSample=<ID=P1,"))
    pooled = tmp_path / "pooled.vcf"
    pooled.write_text(text.replace(line, line + "\n" + line.replace("ID=P1,", "ID=P2,")))
    run = _run("annotate", "pooled.vcf", "-o", tmp_path / "x.vcf", cwd=tmp_path)
    assert _warnings(run) == [warning("pooled.vcf", "pooled")]


def test_one_change_or_a_genotyped_vcf_is_not_warned_about(tmp_path):
    one = _run("annotate", DATA / "sites_only" / "one_change_grch38.vcf", "-o", tmp_path / "o.vcf", "--report",
               tmp_path / "o")  # fmt: skip
    assert _warnings(one) == []
    assert _rows(tmp_path / "o.tsv")["one_change_grch38"]["compound"] == ""

    genotyped = _run("annotate", GENOTYPED, "-o", tmp_path / "g.vcf", "--report", tmp_path / "g")
    assert _warnings(genotyped) == []
    rows = _rows(tmp_path / "g.tsv")
    assert rows["UNPHASED_T"]["compound"] == "L1196M+G1202R phase not determined"
    assert _sample(tmp_path / "g", "UNPHASED_T")["compound"]["phase_method"] == "none"
    assert not any("sites-only" in n for n in _sample(tmp_path / "g", "UNPHASED_T")["notes"])


def test_a_cis_compound_from_one_record_is_one_samples():
    """One MNV record is one allele, hence one sample's: no '(no genotypes)', no note."""
    from alkannot.sample_types import Compound
    from alkannot.sites_only_compound import sites_only_compound

    cis = Compound(("L1196M", "G1202R"), "cis", "MNV record", "known")
    assert sites_only_compound(cis, "sites_only") == (cis, [])
    unknown = Compound(("L1196M", "G1202R"), "unknown", "none", "known")
    assert sites_only_compound(unknown, "single") == (unknown, [])
    assert sites_only_compound(unknown, "sites_only")[0].phase_method == "no genotypes"
