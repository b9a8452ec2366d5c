"""Pipeline review of stop 50 (pipe50): the items the closing note of stop 49 left, each through the installed
command line.

Item 1: `kb export -o file.vcf` (no --format vcf) made a directory named file.vcf; onto an existing file it said
"exists and is not a directory"; `--format vcf -o somedir` said "the site VCF is bgzipped and tabix-indexed; name it
.vcf.gz", not that a directory was given. Each says what the format writes and what -o gave, one line.

Item 2: `lookup --build hg19` named the build as GRCh37 ("NC_000002.12 is GRCh38, but --build GRCh37 was given"), and a
position outside the bundled sequence of the build given did not name the build at all; annotate names --build as
typed since stop 49 ('hg19 (GRCh37)'). lookup does too, asks about the other build where its sequence holds the
position, and a missing --build lists the UCSC names it takes.

Item 3: `report --sv -` reads the SV VCF from standard input (as annotate's does, named `<stdin>` in the fusion
evidence), which report's --help did not say.

Item 4, a sweep of unusual invocations: a --kb directory alkannot may not search (chmod 000) said "kb/calls.tsv:
missing" though the file is there, and an unreadable knowledge-base file "cannot read (Permission denied)", not the
"cannot read WHAT (REASON)" of every other file; `report - -` named its arguments INPUT, which is annotate's name
(report's --help says VCF|MAF); `annotate in.vcf out.vcf` (the output without -o) said only "Got unexpected extra
argument (out.vcf)"; `-W tbi` with a BCF output said "a BCF file can only have a CSI index (use -W csi)", naming neither
the option nor the output, as the other -W problems do; `kb export --format VCF` was refused where `--build HG19` is
taken.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.helpers import ALKANNOT, run

CLINICAL = Path(__file__).resolve().parent / "data" / "stop42_clinical"
C19 = CLINICAL / "C19_G1202R_after_ensartinib.in.vcf"
C19_SV = CLINICAL / "C19_G1202R_after_ensartinib.sv.vcf"

TSV_WRITES = (
    "kb export --format tsv (the default) writes a directory (the --kb DIR layout); give a directory, or --format vcf "
    "for one site VCF"
)
VCF_WRITES = (
    "a directory, and kb export --format vcf writes one file, a bgzipped, tabix-indexed site VCF; give a file name "
    "ending .vcf.gz or .vcf.bgz (a directory of the --kb DIR layout is --format tsv)"
)


@pytest.mark.parametrize("name", ["file.vcf", "kb.vcf.gz", "calls.tsv", "kb.bcf"])
def test_kb_export_tsv_to_a_file_name_is_a_usage_error(tmp_path, name):
    result = run("kb", "export", "-o", name, cwd=tmp_path, text=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"alkannot: error: Invalid value for -o: {name}: names a file, and {TSV_WRITES} (see 'alkannot kb --help')\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_kb_export_tsv_onto_a_file_says_what_it_writes(tmp_path):
    (tmp_path / "kb").write_text("keep me\n")
    result = run("kb", "export", "-o", "kb", cwd=tmp_path, text=True)
    assert result.returncode == 3
    assert result.stderr == f"alkannot: error: kb: is a file, and {TSV_WRITES}\n"
    assert (tmp_path / "kb").read_text() == "keep me\n"


def test_kb_export_tsv_under_a_file_names_that_file(tmp_path):
    (tmp_path / "f").write_text("keep me\n")
    for given in ("f/kb", "f/kb/"):
        result = run("kb", "export", "-o", given, cwd=tmp_path, text=True)
        assert result.returncode == 3
        assert result.stderr == f"alkannot: error: {given}: the output directory f is a file, not a directory\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]


def test_kb_export_tsv_takes_a_directory_named_with_a_slash(tmp_path):
    """`-o kb/` is a directory to make (it was 'names a directory, which does not exist; give a file name'); a
    directory named like a file is taken once it exists."""
    assert run("-q", "kb", "export", "-o", "kb/", cwd=tmp_path).returncode == 0
    assert (tmp_path / "kb" / "calls.tsv").is_file()
    (tmp_path / "old.vcf").mkdir()
    assert run("-q", "kb", "export", "-o", "old.vcf", cwd=tmp_path).returncode == 0
    assert (tmp_path / "old.vcf" / "calls.tsv").is_file()
    missing = run("kb", "export", "-o", "nope/kb/", cwd=tmp_path, text=True)
    assert missing.returncode == 3
    assert missing.stderr == (
        "alkannot: error: nope/kb/: the output directory nope does not exist (alkannot does not create directories)\n"
    )


@pytest.mark.parametrize(("given", "what"), [("somedir", "is"), ("somedir/", "is"), ("newdir/", "names")])
def test_kb_export_vcf_to_a_directory_says_so(tmp_path, given, what):
    """An existing directory is the output's problem, exit 3 as `annotate -o DIR` (pipe51, item 4); a name that says
    directory, none there, too, as annotate says it (pipe51b; it was exit 2: tests/test_pipeline_pipe51b.py)."""
    (tmp_path / "somedir").mkdir()
    result = run("kb", "export", "--format", "vcf", "-o", given, cwd=tmp_path, text=True)
    assert (result.returncode, result.stdout) == (3, "")
    if what == "is":
        assert result.stderr == f"alkannot: error: {given}: {what} {VCF_WRITES}\n"
    else:
        assert result.stderr.startswith(f"alkannot: error: {given}: names a directory, which does not exist; give ")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["somedir"]


def test_kb_export_vcf_to_another_name_says_what_it_writes(tmp_path):
    result = run("kb", "export", "--format", "vcf", "-o", "somedir/kb", cwd=tmp_path, text=True)
    assert result.returncode == 2
    assert result.stderr == (
        "alkannot: error: Invalid value for -o: somedir/kb: kb export --format vcf writes a bgzipped, tabix-indexed "
        "site VCF; name it .vcf.gz or .vcf.bgz (see 'alkannot kb --help')\n"
    )


LOOKUP_HINT = " (see 'alkannot lookup --help')"
OUTSIDE = "the bundled NM_004304.5 sequence (CDS and the flanks of exons 20-28) of --build"


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (
            ["NC_000002.12:g.29220747C>T", "--build", "hg19"],
            2,
            "'NC_000002.12:g.29220747C>T': NC_000002.12 is GRCh38, but --build hg19 (GRCh37) was given" + LOOKUP_HINT,
        ),
        (
            ["NC_000002.11:g.29443613C>T", "--build", "HG38"],
            2,
            "'NC_000002.11:g.29443613C>T': NC_000002.11 is GRCh37, but --build HG38 (GRCh38) was given" + LOOKUP_HINT,
        ),
        (
            ["2:29220747C>T", "--build", "hg19"],
            3,
            f"'2:29220747C>T': {OUTSIDE} hg19 (GRCh37) does not hold chr2:29220747; GRCh38's does: is the position "
            "on GRCh38?",
        ),
        (
            ["chr2:g.29443613C>T", "--build", "GRCh38"],
            3,
            f"'chr2:g.29443613C>T': {OUTSIDE} GRCh38 does not hold chr2:29443613; GRCh37's does: is the position on "
            "GRCh37?",
        ),
        (
            ["2:1000A>T", "--build", "hg38"],
            3,
            f"'2:1000A>T': {OUTSIDE} hg38 (GRCh38) does not hold chr2:1000; give the protein change instead",
        ),
        (
            ["2:29220747C>T"],
            2,
            "'2:29220747C>T': a position on chromosome 2 needs --build GRCh37 or --build GRCh38 (or hg19, hg38), or "
            "the RefSeq named: NC_000002.11 / NC_000002.12" + LOOKUP_HINT,
        ),
    ],
)
def test_lookup_names_the_build_as_typed(args, status, message):
    result = run("lookup", *args, text=True)
    assert (result.returncode, result.stdout) == (status, "")
    assert result.stderr == f"alkannot: error: alteration: {message}\n"


@pytest.mark.parametrize("build", ["hg19", "HG19", "grch37"])
def test_lookup_takes_every_spelling_of_a_build(build):
    """The GRCh37 position of G1202R (c.3604G>A) under each name of GRCh37, in the command line and the API."""
    from alkannot import api

    result = run("lookup", "--json", "2:29443613C>T", "--build", build, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"][0]["alteration"] == "G1202R"
    assert api.lookup("2:29443613C>T", build=build)[0][0] == "2:29443613C>T = NM_004304.5:c.3604G>A p.G1202R"


def test_report_help_says_sv_reads_standard_input():
    said = " ".join(run("report", "--help", text=True).stdout.split())
    assert (
        "--sv [SAMPLE=]PATH SV/CNV VCF/BCF the VCFs were annotated with (repeatable); SAMPLE= says whose; '-' reads "
        "it from standard input." in said
    )


@pytest.mark.parametrize("given", ["-", "C19_T=-"])
def test_report_reads_the_sv_file_from_standard_input(tmp_path, given):
    """What the help says: the SV VCF through '-' gives the fusion the file gives, its evidence naming <stdin>."""
    piped = run("-q", "report", C19, "--sv", given, "--out", tmp_path / "piped", stdin=C19_SV.read_bytes())
    named = run("-q", "report", C19, "--sv", C19_SV, "--out", tmp_path / "named")
    alone = run("-q", "report", C19, "--out", tmp_path / "alone")
    assert (piped.returncode, named.returncode, alone.returncode) == (0, 0, 0), piped.stderr
    fusion = [
        json.loads((tmp_path / f"{n}.json").read_text())["samples"][0]["fusion"] for n in ("piped", "named", "alone")
    ]
    assert fusion == ["positive", "positive", "not_assessed"]
    tsv = (tmp_path / "piped.tsv").read_text()
    assert "DNA: <stdin> PR=14 SR=17" in tsv
    assert tsv.replace("<stdin>", C19_SV.name) == (tmp_path / "named.tsv").read_text()


@pytest.mark.parametrize("extra", [["out.vcf"], ["a.vcf", "b.vcf"]])
def test_annotate_with_a_second_argument_says_it_reads_one_input(tmp_path, extra):
    result = run("annotate", C19, *extra, cwd=tmp_path, text=True)
    assert (result.returncode, result.stdout) == (2, "")
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"alkannot: error: Got unexpected extra argument{'s' if len(extra) > 1 else ''} (")
    assert line.endswith(
        ": annotate reads one INPUT and writes to -o PATH (run it once per file; report takes several) "
        "(see 'alkannot annotate --help')"
    )
    assert list(tmp_path.iterdir()) == []


def _as_another_user(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """`alkannot ARGS` by a user that file modes bind: root reads a chmod 000 file, so root runs it as nobody."""
    command = [ALKANNOT, *args]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: a chmod 000 file stays readable")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        if subprocess.run([*command[:4], ALKANNOT, "--version"], capture_output=True).returncode != 0:
            pytest.skip("the user nobody cannot run this alkannot (a clone in a private folder)")
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
    return subprocess.run(command, capture_output=True, text=True, cwd=folder, env=env, timeout=120)


@pytest.fixture
def shared_folder():
    """A folder nobody can use (tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="pipe50_"))
    folder.chmod(0o777)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def test_an_unreadable_kb_is_said_as_every_unreadable_file(shared_folder):
    kb = shared_folder / "kb"
    assert run("-q", "kb", "export", "-o", kb).returncode == 0
    for path in [kb, *kb.iterdir()]:
        path.chmod(0o777 if path.is_dir() else 0o644)
    (kb / "VERSION").chmod(0)
    result = _as_another_user(shared_folder, "lookup", "G1202R", "--kb", "kb")
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == "alkannot: error: kb/VERSION: cannot read knowledge-base file (Permission denied)\n"
    (kb / "VERSION").chmod(0o644)
    kb.chmod(0)
    shutil.copy(C19, shared_folder / "in.vcf")
    for command in (["lookup", "G1202R"], ["annotate", "in.vcf", "-o", "out.vcf"], ["report", "in.vcf", "--out", "r"]):
        result = _as_another_user(shared_folder, *command, "--kb", "kb")
        assert (result.returncode, result.stdout) == (3, ""), result.stderr
        assert result.stderr == "alkannot: error: kb: cannot read knowledge base (Permission denied)\n"
    assert sorted(p.name for p in shared_folder.iterdir()) in (["in.vcf", "kb"], ["cache", "in.vcf", "kb"])


@pytest.mark.parametrize("args", [["-o", "out.bcf", "-W", "tbi"], ["-o", "out.vcf.gz", "-Ob", "--write-index=tbi"]])
def test_a_tbi_index_of_a_bcf_names_the_option_and_the_output(tmp_path, args):
    result = run("annotate", C19, *args, cwd=tmp_path, text=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"alkannot: error: Invalid value for -W/--write-index: tbi: {args[1]} is written as BCF (-O b), which takes a "
        "CSI index only (give -W csi) (see 'alkannot annotate --help')\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_kb_export_takes_the_format_in_any_case(tmp_path):
    assert run("-q", "kb", "export", "--format", "VCF", "-o", "kb.vcf.gz", cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.vcf.gz", "kb.vcf.gz.tbi"]
    assert run("-q", "kb", "export", "--format", "Tsv", "-o", "kb", cwd=tmp_path).returncode == 0
    assert (tmp_path / "kb" / "calls.tsv").is_file()
    said = " ".join(run("kb", "--help", text=True).stdout.split())
    assert "--format [tsv|vcf] export, in any case: tsv = the --kb DIR layout; vcf = a bgzipped" in said
