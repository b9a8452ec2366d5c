"""Pipeline review of stop 50, second helper (pipe50b): leftovers of pipe50, each through the installed command line.

Item 1: `lookup 2:29220747A>T --build hg38` said "the reference there is C on chr2, not A", the one lookup message
about a --build position that did not name the build; it names it as typed, as the others do since pipe50. No
position is in both builds' bundled sequences, so a REF that disagrees is never the other build's base there (a
position of the other build is outside this one's sequence, and that message asks about the other build).

Item 2: a VCF given as `--samples` said "some.vcf:33: no 'sample' column in the header (CHROM, POS, ...)"; it says
the file looks like a VCF, not a sample sheet.

Item 3: `vcfio.write_index` (the library's path: `api.annotate(..., write_index="tbi")` of a BCF) said "a BCF file can
only have a CSI index (use -W csi)", the text the command line dropped at pipe50.

Item 4: an output type that contradicts the output's name (`-Ob -o out.vcf`) is written as asked, as bcftools does,
with a one-line warning on standard error unless -q.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import run

CLINICAL = Path(__file__).resolve().parent / "data" / "stop42_clinical"
C19 = CLINICAL / "C19_G1202R_after_ensartinib.in.vcf"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["2:29220747A>T", "--build", "hg38"],
            "'2:29220747A>T': the reference there is C on chr2 of --build hg38 (GRCh38), not A",
        ),
        (
            ["chr2:g.29220747delA", "--build", "GRCh38"],
            "'chr2:g.29220747delA': the reference there is C on chr2 of --build GRCh38, not A",
        ),
        (
            ["2:29443613A>T", "--build", "hg19"],
            "'2:29443613A>T': the reference there is C on chr2 of --build hg19 (GRCh37), not A",
        ),
        # a RefSeq names its build itself, and c. positions have none
        (["NC_000002.12:g.29220747A>T"], "'NC_000002.12:g.29220747A>T': the reference there is C on chr2, not A"),
        (["c.3604C>A", "--build", "hg38"], "'c.3604C>A': the reference there is G on NM_004304.5, not C"),
    ],
)
def test_lookup_reference_mismatch_names_the_build_as_typed(args, message):
    result = run("lookup", *args, text=True)
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == f"alkannot: error: alteration: {message}\n"


def test_no_position_is_in_both_builds_bundled_sequences():
    """Why item 1 asks about the other build only where the position is outside the build given (pipe50's message):
    a mismatched REF inside one build's sequence can never be the other build's base at that position."""
    from alkannot.transcript import load_transcript

    grch37, grch38 = load_transcript("GRCh37"), load_transcript("GRCh38")
    assert grch37.ref_seq(29443613, 29443613) == grch38.ref_seq(29220747, 29220747) == "C"
    held37 = {p for p in range(29_400_000, 30_200_000) if grch37.ref_seq(p, p)}
    held38 = {p for p in range(29_150_000, 29_950_000) if grch38.ref_seq(p, p)}
    assert held37 and held38 and not held37 & held38


SHEET_IS = "a TSV or CSV with a 'sample' column; README, \"The per-sample verdict and the P-gp check\""


@pytest.fixture
def not_sheets(tmp_path):
    """C19's VCF as a VCF, a VCF of its #CHROM line on, a bgzipped VCF and a BCF (bcftools view)."""
    (tmp_path / "some.vcf").write_bytes(C19.read_bytes())
    lines = C19.read_text().splitlines(keepends=True)
    (tmp_path / "chrom.vcf").write_text("".join(line for line in lines if not line.startswith("##")))
    with (tmp_path / "some.vcf.gz").open("wb") as handle:
        subprocess.run(["bgzip", "-c", str(C19)], stdout=handle, check=True)
    subprocess.run(
        [shutil.which("bcftools") or "bcftools", "view", "-Ob", "-o", "some.bcf", C19], cwd=tmp_path, check=True
    )
    return tmp_path


@pytest.mark.parametrize(
    ("sheet", "kind"),
    [("some.vcf", "a VCF"), ("chrom.vcf", "a VCF"), ("some.vcf.gz", "a compressed VCF"), ("some.bcf", "a BCF")],
)
@pytest.mark.parametrize("command", ["annotate", "report"])
def test_a_vcf_given_as_the_sample_sheet_is_said_so(not_sheets, sheet, kind, command):
    out = ["-o", "out.vcf"] if command == "annotate" else ["--out", "rep"]
    result = run(command, C19, "--samples", sheet, *out, cwd=not_sheets, text=True)
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == f"alkannot: error: {sheet}: looks like {kind}, not a sample sheet ({SHEET_IS})\n"
    assert sorted(p.name for p in not_sheets.iterdir()) == ["chrom.vcf", "some.bcf", "some.vcf", "some.vcf.gz"]


def test_a_vcf_on_standard_input_as_the_sample_sheet_is_said_so():
    result = run("annotate", C19, "--samples", "-", "-o", "-", stdin=C19.read_bytes(), text=False)
    assert (result.returncode, result.stdout) == (3, b"")
    assert result.stderr.decode() == f"alkannot: error: <stdin>: looks like a VCF, not a sample sheet ({SHEET_IS})\n"


def test_a_compressed_sheet_is_still_told_to_be_decompressed(tmp_path):
    sheet = Path(__file__).resolve().parent.parent / "example_vcfs" / "samples.tsv"
    (tmp_path / "s.tsv.gz").write_bytes(gzip.compress(sheet.read_bytes()))
    result = run("annotate", C19, "--samples", "s.tsv.gz", "-o", "out.vcf", cwd=tmp_path, text=True)
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == (
        "alkannot: error: s.tsv.gz: gzip-compressed data, not a text sample sheet: decompress it first "
        "(`gzip -dc FILE > FILE.tsv`)\n"
    )


API_BCF_TBI = (
    'Invalid value for write_index: "tbi": {out} is written as BCF (output_type "b"), which takes a CSI index only '
    '(give write_index="csi")'
)


@pytest.mark.parametrize(("out", "typed"), [("out.bcf", None), ("out.vcf.gz", "b")])
def test_api_tbi_of_a_bcf_is_said_in_its_keywords_before_any_work(tmp_path, monkeypatch, out, typed):
    """api.annotate has no -W: the BCF's tbi is said in its keywords, a usage error as the CLI's exit 2, before the
    input is read (it was InputError 'a BCF file can only have a CSI index (use -W csi)' after the whole run)."""
    from alkannot import api
    from alkannot.errors import UsageProblem

    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageProblem) as raised:
        api.annotate(str(tmp_path / "missing.vcf"), out, output_type=typed, write_index="tbi")
    assert str(raised.value) == API_BCF_TBI.format(out=out)
    assert list(tmp_path.iterdir()) == []
    api.annotate(str(C19), out, output_type=typed, write_index="csi")
    assert sorted(p.name for p in tmp_path.iterdir()) == [out, f"{out}.csi"]


def test_library_write_index_of_a_bcf_says_the_api_keywords(tmp_path):
    """vcfio.write_index, the library's own path (the API checks before it): the same words, no -W."""
    from alkannot import vcfio
    from alkannot.errors import UsageProblem

    out = tmp_path / "out.bcf"
    with vcfio.atomic_output(str(out), str(C19)) as target:
        with pytest.raises(UsageProblem) as raised:
            vcfio.write_index(target, "b", "tbi")
    assert str(raised.value) == API_BCF_TBI.format(out=out)


@pytest.mark.parametrize(
    ("args", "out", "magic", "warning"),
    [
        (["-Ob"], "out.vcf", b"\x1f\x8b", "out.vcf is written as BCF (-O b); its name says uncompressed VCF"),
        (["-O", "b9"], "OUT.VCF", b"\x1f\x8b", "OUT.VCF is written as BCF (-O b); its name says uncompressed VCF"),
        (["-Oz"], "out.vcf", b"\x1f\x8b", "out.vcf is written as bgzipped VCF (-O z); its name says uncompressed VCF"),
        (
            ["-Ov"],
            "out.vcf.gz",
            b"##fileformat=VCF",
            "out.vcf.gz is written as uncompressed VCF (-O v); its name says bgzipped VCF",
        ),
        (
            ["--output-type", "u"],
            "out.vcf.gz",
            b"BCF",
            "out.vcf.gz is written as uncompressed BCF (-O u); its name says bgzipped VCF",
        ),
        (["-Ov"], "out.bcf", b"##fileformat=VCF", "out.bcf is written as uncompressed VCF (-O v); its name says BCF"),
    ],
)
def test_an_output_type_its_name_contradicts_is_written_with_a_warning(tmp_path, args, out, magic, warning):
    result = run("annotate", C19, *args, "-o", out, cwd=tmp_path, text=True)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    # said once the output is written: the run's last line (sweep50)
    assert result.stderr.splitlines()[-1] == f"alkannot: WARNING: {warning}"
    assert result.stderr.count("WARNING") == 1
    written = (tmp_path / out).read_bytes()
    assert written.startswith(magic)
    # the output is the one -O asks for, whatever the name: the same bytes as under a name that agrees
    agreeing = {"b": "a.bcf", "z": "a.vcf.gz", "v": "a.vcf", "u": "a.bcf"}[args[-1].removeprefix("-O")[0]]
    assert run("-q", "annotate", C19, *args, "-o", agreeing, "--no-version", cwd=tmp_path).returncode == 0
    assert run("-q", "annotate", C19, *args, "-o", "b_" + out, "--no-version", cwd=tmp_path).returncode == 0
    assert (tmp_path / agreeing).read_bytes() == (tmp_path / ("b_" + out)).read_bytes()


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["-Ou"], "out.bcf"),
        (["-Oz"], "out.vcf.bgz"),
        (["-Oz"], "out.txt"),
        (["-Ob"], "out.bcf"),
        ([], "out.vcf"),
        # a bare .gz/.bgz/.bgzf says bgzipped only, which a BCF's BGZF blocks are (sweep50: it warned)
        (["-Ob"], "out.gz"),
        (["-O", "b0"], "out.bgz"),
        (["-Ob"], "out.bgzf"),
    ],
)
def test_an_output_type_its_name_agrees_with_or_says_nothing_of_gives_no_warning(tmp_path, args, out):
    result = run("annotate", C19, *args, "-o", out, cwd=tmp_path, text=True)
    assert result.returncode == 0
    assert "WARNING" not in result.stderr


def test_quiet_drops_the_output_type_warning(tmp_path):
    result = run("-q", "annotate", C19, "-Ob", "-o", "out.vcf", cwd=tmp_path, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (tmp_path / "out.vcf").read_bytes()[:2] == b"\x1f\x8b"


@pytest.mark.parametrize(
    "args",
    [
        ["-Ob", "-o", "in.vcf", "in.vcf"],  # refusing to overwrite the input
        ["-Ob", "-o", "nodir/x.vcf", "in.vcf"],  # a missing output folder
        ["-Ob", "-o", "x.vcf", "missing.vcf"],  # a missing input
    ],
)
def test_a_run_that_fails_says_only_its_error_not_the_output_type_warning(tmp_path, args):
    """sweep50: the warning came first, above the one error line, on runs that write nothing."""
    (tmp_path / "in.vcf").write_bytes(Path(C19).read_bytes())
    result = run("annotate", *args, cwd=tmp_path, text=True)
    assert result.returncode != 0
    assert "WARNING" not in result.stderr and "its name says" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert not (tmp_path / "x.vcf").exists()
