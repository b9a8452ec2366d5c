"""The Snakemake wrapper (pipelines/snakemake/annotate) run by real Snakemake (a test dependency from PyPI)
from Snakefiles outside the project, on the bundled example cohort."""

from __future__ import annotations

import csv
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pysam
import pytest
import yaml

needs_snakemake = pytest.mark.skipif(
    importlib.util.find_spec("snakemake") is None, reason="Snakemake (a test extra) installs on Python 3.11+ only"
)

ROOT = Path(__file__).parent.parent
WRAPPER = ROOT / "pipelines" / "snakemake" / "annotate"
EX = ROOT / "example_vcfs"
REPORT_FILES = (".tsv", ".json", ".html", "_mqc.tsv")


def snakemake(snakefile: Path, workdir: Path, *targets: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "-s",
            str(snakefile),
            "-d",
            str(workdir),
            "--cores",
            "2",
            *(targets or ("all",)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )


def write_snakefile(folder: Path, rules: str) -> Path:
    path = folder / "Snakefile"
    path.write_text(rules.replace("@WRAPPER@", f"file:{WRAPPER}").replace("@EX@", str(EX)))
    return path


COHORT = """
rule all:
    input: "out/cohort.alk.vcf.gz", "out/cohort.alk.bcf", "out/P4.alk.vcf"

rule alk_cohort:
    input:
        vcf="@EX@/GRCh38/tumor_normal.vcf",
        sv="@EX@/GRCh38/sv.vcf",
        fusions="@EX@/GRCh38/fusions.tsv",
        samples="@EX@/samples.tsv",
    output:
        vcf="out/cohort.alk.vcf.gz",
        idx="out/cohort.alk.vcf.gz.tbi",
        report=multiext("out/cohort_report", ".tsv", ".json", ".html", "_mqc.tsv"),
    log: "logs/alk_cohort.log"
    params:
        extra="--min-vaf 0.05",
        fusion_samples="P5_T",
    threads: 2
    wrapper: "@WRAPPER@"

rule alk_bcf:
    input: "out/cohort.alk.vcf.gz"
    output: vcf="out/cohort.alk.bcf", idx="out/cohort.alk.bcf.csi"
    log: "logs/alk_bcf.log"
    wrapper: "@WRAPPER@"

rule alk_one:
    input: "@EX@/GRCh37/tumor_normal.vcf"
    output: "out/P4.alk.vcf"
    log: "logs/alk_one.log"
    params: extra="--tumor P4_T"
    wrapper: "@WRAPPER@"
"""


@pytest.fixture(scope="module")
def cohort_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("snakemake_workflow")
    run = snakemake(write_snakefile(folder, COHORT), folder)
    assert run.returncode == 0, run.stdout + run.stderr
    return folder


@needs_snakemake
def test_wrapper_outputs_are_what_the_rule_declares(cohort_run):
    out = cohort_run / "out"
    view = subprocess.run(["bcftools", "view", "-h", str(out / "cohort.alk.vcf.gz")], capture_output=True, text=True)
    assert view.returncode == 0
    command = next(l for l in view.stdout.splitlines() if l.startswith("##alkannotCommand="))
    for flag in (
        "--output-type z",
        "--write-index=tbi",
        "--fusions P5_T=",
        "--threads 1",
        "--min-vaf 0.05",
        "--report out/cohort_report",
    ):
        assert flag in command
    assert (out / "cohort.alk.vcf.gz.tbi").stat().st_size > 0
    with pysam.VariantFile(str(out / "cohort.alk.vcf.gz")) as vf:  # the index answers a region query
        assert any(r.info.get("ALK_HGVSP") for r in vf.fetch("chr2", 29192000, 29922000))
    for suffix in REPORT_FILES:
        assert (out / f"cohort_report{suffix}").stat().st_size > 0
    with open(out / "cohort_report.tsv", newline="") as handle:
        by = {r["sample"]: r for r in csv.DictReader(handle, delimiter="\t")}
    assert by["P5_T"]["fusion"] == "positive" and by["P4_T"]["pgp_check"] == "recommended"


@needs_snakemake
def test_wrapper_infers_bcf_and_plain_vcf_from_the_names(cohort_run):
    out = cohort_run / "out"
    assert (out / "cohort.alk.bcf").read_bytes()[:2] == b"\x1f\x8b" and (out / "cohort.alk.bcf.csi").exists()
    count = subprocess.run(["bcftools", "view", "-H", str(out / "cohort.alk.bcf")], capture_output=True, text=True)
    assert count.returncode == 0 and len(count.stdout.splitlines()) == 4
    text = (out / "P4.alk.vcf").read_text()
    assert text.startswith("##fileformat=VCF") and "##alkannotSample=<ID=P4_T" in text
    assert "ID=P1_T" not in "".join(l for l in text.splitlines() if l.startswith("##alkannotSample"))
    assert "records" in (cohort_run / "logs" / "alk_one.log").read_text()  # stderr went to the log


@needs_snakemake
def test_misnamed_index_output_fails_with_the_reason(tmp_path):
    rules = COHORT.replace('idx="out/cohort.alk.vcf.gz.tbi"', 'idx="out/cohort.index"')
    run = snakemake(write_snakefile(tmp_path, rules), tmp_path, "out/cohort.alk.vcf.gz")
    assert run.returncode != 0
    assert "name it out/cohort.alk.vcf.gz.csi or out/cohort.alk.vcf.gz.tbi" in run.stdout + run.stderr


@needs_snakemake
@pytest.mark.parametrize(
    ("rule_output", "params", "said"),
    [
        ('vcf="out/u.bcf", idx="out/u.bcf.csi"', "params: uncompressed_bcf=True",
         "uncompressed BCF (params.uncompressed_bcf) cannot be indexed"),
        ('vcf="out/u.vcf", idx="out/u.vcf.csi"', "", "a plain VCF cannot be indexed"),
        ('vcf="out/x.bcf", idx="out/x.bcf.tbi"', "",
         "output idx 'out/x.bcf.tbi': a .tbi index cannot index a BCF; name it out/x.bcf.csi"),  # eng48b, finding 4
    ],
)  # fmt: skip
def test_an_index_of_an_output_htslib_cannot_index_is_refused_by_the_wrapper(tmp_path, rule_output, params, said):
    """Passed the wrapper's name check, then alkannot failed with exit 2 (pipeline review of stop 38, finding 6)."""
    target = rule_output.split('"')[1]
    rules = (
        f'rule u:\n    input: "@EX@/GRCh38/tumor_normal.vcf"\n    output: {rule_output}\n    log: "logs/u.log"\n'
        f'    {params}\n    wrapper: "@WRAPPER@"\n'
    )
    run = snakemake(write_snakefile(tmp_path, rules), tmp_path, target)
    assert run.returncode != 0
    log = (tmp_path / "logs" / "u.log").read_text() if (tmp_path / "logs" / "u.log").exists() else ""
    assert said in run.stdout + run.stderr + log
    assert "alkannot: error" not in log  # the wrapper's refusal, before alkannot runs


OWNED_FORMS = {  # params.extra -> the message; each rule writes out/<n>.vcf.gz (pipeline review 9, finding 4)
    "-Oz9": "params.extra has -O (in '-Oz9'): the wrapper sets it from input/output/threads; give the compression "
    "level as -l 9",
    "-Ob": "params.extra has -O (in '-Ob'): the wrapper sets it",
    "-O z": "params.extra has -O: the wrapper sets it",
    "-q -Wtbi": "params.extra has -W (in '-Wtbi'): the wrapper sets it",
    "-qOz": "params.extra has -O (in '-qOz'): the wrapper sets it",
    "-oother.vcf.gz": "params.extra has -o (in '-oother.vcf.gz'): the wrapper sets it",
    "--output-type=z": "params.extra has --output-type (in '--output-type=z'): the wrapper sets it",
    "--write-index=tbi": "params.extra has --write-index (in '--write-index=tbi'): the wrapper sets it",
    "--min-vaf 0.05 --output=x.vcf": "params.extra has --output (in '--output=x.vcf'): the wrapper sets it",
    "--threads=4": "params.extra has --threads (in '--threads=4'): the wrapper sets it",
}


@needs_snakemake
def test_options_the_wrapper_sets_are_refused_in_every_form(tmp_path):
    """Spaced, attached (-Oz9, -Wtbi, -oPATH, -qOz) or --name=value: before, only the spaced form was refused and
    the others were overridden by the wrapper's own option without a word. -l 9 passes and sets the level."""
    forms = [*OWNED_FORMS, "-l 9"]
    rules = "".join(
        f'rule r{n}:\n    input: "@EX@/GRCh38/tumor_normal.vcf"\n    output: "out/{n}.vcf.gz"\n'
        f'    log: "logs/{n}.log"\n    params: extra={extra!r}\n    wrapper: "@WRAPPER@"\n'
        for n, extra in enumerate(forms)
    )
    run = snakemake(
        write_snakefile(tmp_path, rules), tmp_path, "--keep-going", *(f"out/{n}.vcf.gz" for n in range(len(forms)))
    )
    errors = run.stdout + run.stderr
    for n, (extra, message) in enumerate(OWNED_FORMS.items()):
        assert message in errors, extra
        assert not (tmp_path / "out" / f"{n}.vcf.gz").exists(), extra
    level9 = tmp_path / "out" / f"{len(OWNED_FORMS)}.vcf.gz"
    assert level9.read_bytes()[:2] == b"\x1f\x8b", errors
    header = subprocess.run(["bcftools", "view", "-h", str(level9)], capture_output=True, text=True).stdout
    assert "-l 9" in next(l for l in header.splitlines() if l.startswith("##alkannotCommand="))


@needs_snakemake
@pytest.mark.skipif(shutil.which("bcftools") is None, reason="the shipped Snakefile cuts a pair with bcftools")
def test_shipped_test_snakefile_runs_in_place(tmp_path):
    run = snakemake(WRAPPER / "test" / "Snakefile", tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    for name in (
        "cohort.alk.vcf.gz",
        "cohort.alk.vcf.gz.csi",
        "cohort.alk.bcf",
        "P4_T.alk.vcf",
        *(f"cohort.alk_report{s}" for s in REPORT_FILES),
    ):
        assert (tmp_path / "results" / name).exists(), name
    # the paired example runs without a warning (stop 52: it gave --tumor P4_T a 14-sample cohort, whose 13 other
    # samples were taken as normals, four of them warned about as normals carrying a resistance mutation)
    log = (tmp_path / "logs" / "annotate_alk_one_tumour.log").read_text()
    assert "WARNING" not in log and "records" in log
    assert "##alkannotSample=<ID=P4_T" in (tmp_path / "results" / "P4_T.alk.vcf").read_text()


def test_wrapper_metadata_names_what_the_wrapper_reads():
    meta = yaml.safe_load((WRAPPER / "meta.yaml").read_text())
    for key in ("name", "description", "url", "authors", "input", "output", "params", "notes"):
        assert meta[key], key
    names = lambda items: {next(iter(i)) for i in items}
    code = (WRAPPER / "wrapper.py").read_text()
    for section, accessor in (
        ("input", "snakemake.input.get("),
        ("output", "snakemake.output.get("),
        ("params", "snakemake.params.get("),
    ):
        for name in names(meta[section]):
            assert f'{accessor}"{name}"' in code or f"{accessor}'{name}'" in code, (section, name)
    env = yaml.safe_load((WRAPPER / "environment.yaml").read_text())
    assert env["channels"] == ["conda-forge", "bioconda", "nodefaults"]
    assert any(d.startswith("alkannot ") for d in env["dependencies"])


SV_OWNED = """
rule owned:
    input: vcf="@EX@/GRCh38/tumor_normal.vcf", sv="@EX@/GRCh38/sv.vcf"
    output: "out/owned.alk.vcf"
    log: "logs/owned.log"
    params: sv_samples="P5_T"
    wrapper: "@WRAPPER@"

rule miscounted:
    input: vcf="@EX@/GRCh38/tumor_normal.vcf", sv="@EX@/GRCh38/sv.vcf"
    output: "out/miscounted.alk.vcf"
    log: "logs/miscounted.log"
    params: sv_samples=["P5_T", "P6_T"]
    wrapper: "@WRAPPER@"
"""


@needs_snakemake
def test_sv_samples_gives_sv_sample_equals_path(tmp_path):
    """params.sv_samples names whose SV file each input is, as params.fusion_samples does for the fusion tables
    (`--sv SAMPLE=PATH`, review 20, finding 12); a list of another length is refused before alkannot runs."""
    run = snakemake(
        write_snakefile(tmp_path, SV_OWNED), tmp_path, "--keep-going", "out/owned.alk.vcf", "out/miscounted.alk.vcf"
    )
    errors = run.stdout + run.stderr
    text = (tmp_path / "out" / "owned.alk.vcf").read_text()
    command = next(l for l in text.splitlines() if l.startswith("##alkannotCommand="))
    assert f"--sv P5_T={EX / 'GRCh38' / 'sv.vcf'} " in command, command
    # the file counts for P5_T only (without SAMPLE= its columns name P1_T..P6_T: P1_T-P4_T positive)
    fusion = dict(re.findall(r"##alkannotSample=<ID=(\w+),Fusion=(\w+)", text))
    assert fusion["P5_T"] == "positive" and fusion["P1_T"] == fusion["P6_T"] == "not_assessed", fusion
    assert "params.sv_samples names 2 sample(s) for 1 sv file(s)" in errors
    assert not (tmp_path / "out" / "miscounted.alk.vcf").exists()


@needs_snakemake
def test_a_list_of_vcfs_and_the_wrappers_refusals_are_one_line_in_the_rules_log(tmp_path):
    """Pipeline review of stop 42, finding 3: a list under input.vcf crashed in shlex.quote with a Python TypeError,
    and the wrapper's own refusals went to Snakemake's stderr only, not to the rule's log."""
    rules = (
        'rule two:\n    input: vcf=["@EX@/GRCh38/tumor_normal.vcf", "@EX@/GRCh38/sv.vcf"]\n'
        '    output: "out/two.vcf.gz"\n    log: "logs/two.log"\n    wrapper: "@WRAPPER@"\n'
        'rule owned:\n    input: "@EX@/GRCh38/tumor_normal.vcf"\n    output: "out/owned.vcf.gz"\n'
        '    log: "logs/owned.log"\n    params: extra="-Wtbi"\n    wrapper: "@WRAPPER@"\n'
    )
    run = snakemake(write_snakefile(tmp_path, rules), tmp_path, "--keep-going", "out/two.vcf.gz", "out/owned.vcf.gz")
    assert run.returncode != 0
    said = run.stdout + run.stderr
    assert "TypeError" not in said and "Traceback" not in said
    two = (tmp_path / "logs" / "two.log").read_text()
    assert two == (
        f"alkannot wrapper: error: input vcf: give exactly one VCF (got 2: {EX}/GRCh38/tumor_normal.vcf, "
        f"{EX}/GRCh38/sv.vcf); SV VCFs go under input.sv, fusion tables under input.fusions\n"
    )
    owned = (tmp_path / "logs" / "owned.log").read_text()
    assert owned.startswith("alkannot wrapper: error: params.extra has -W (in '-Wtbi'): the wrapper sets it")
    assert not (tmp_path / "out" / "two.vcf.gz").exists() and not (tmp_path / "out" / "owned.vcf.gz").exists()


@needs_snakemake
def test_two_sample_sheets_are_one_line_in_the_rules_log(tmp_path):
    """pipe51: a list under input.samples crashed in shlex.quote with a TypeError; alkannot reads one sheet a run."""
    rules = (
        'rule sheets:\n    input: vcf="@EX@/GRCh38/tumor_normal.vcf", samples=["@EX@/samples.tsv", "@EX@/samples.tsv"]\n'
        '    output: "out/sheets.vcf.gz"\n    log: "logs/sheets.log"\n    wrapper: "@WRAPPER@"\n'
    )
    run = snakemake(write_snakefile(tmp_path, rules), tmp_path, "out/sheets.vcf.gz")
    assert run.returncode != 0
    assert "Traceback" not in run.stdout + run.stderr
    assert (tmp_path / "logs" / "sheets.log").read_text() == (
        f"alkannot wrapper: error: input samples: give one sample sheet (got 2: {EX}/samples.tsv, {EX}/samples.tsv)\n"
    )
    assert not (tmp_path / "out" / "sheets.vcf.gz").exists()


def test_the_environment_pins_the_version_the_nf_core_module_pins():
    """pipe51: `alkannot =0.1` let conda take any 0.1.x; snakemake-wrappers pin the tested version, as the nf-core
    module's environment.yml does."""
    import alkannot

    env = yaml.safe_load((WRAPPER / "environment.yaml").read_text())
    assert env["dependencies"] == [f"alkannot ={alkannot.__version__}"]
