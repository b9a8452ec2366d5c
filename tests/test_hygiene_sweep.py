"""The data-safety promises (README: no input record lost or altered but for alkannot's INFO keys and header
lines; re-annotation replaces its keys; a failed run leaves no file), checked by tools/hygiene_sweep.py's core
check on a few real files of each kind: text, bgzipped and BCF input, an older alkannot output, header lines
htslib rewrites, a POS BCF cannot hold, an index naming a contig the header lacks, a sites-only input (named
`stdin` on standard input), an input refused. The sweep over every test file and a corpus sample is the tool itself."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
spec = importlib.util.spec_from_file_location("hygiene_sweep", ROOT / "tools" / "hygiene_sweep.py")
assert spec is not None and spec.loader is not None
sweep = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sweep)

FILES = {
    "mutect2_pairs": (ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf", "ok"),
    "snpeff_trailing_space": (DATA / "snpeff_bcsq_grch37.vcf", "ok"),
    "older_output": (DATA / "recorded_offtarget" / "met_crizotinib_old_output.vcf", "ok"),
    "htslib_drops_lines": (DATA / "review31" / "header_lines_htslib_rewrites.vcf", "ok"),  # VCF: lines as written
    "htslib_rewrites_lines": (DATA / "header52" / "header_rewrites_grch38.vcf", "ok"),
    "pos_beyond_bcf": (DATA / "bcf_limits" / "pos_beyond_bcf.vcf", "bcf_refused"),
    "index_lists_a_contig": (DATA / "corpus47" / "tb.vcf.gz", "ok_documented"),
    "sites_only": (DATA / "sites_only" / "one_change_grch38.vcf", "ok"),
    "mixed_line_endings": (DATA / "line_endings" / "mixed_endings_grch38.vcf", "ok"),  # CRLF and LF lines
    "refused_no_fileformat": (DATA / "corpus47" / "broken" / "convert.gt.noHead.vcf", "refused"),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_records_kept_keys_replaced_nothing_left_on_failure(tmp_path, name):
    path, expected = FILES[name]
    outcome, problems, _ = sweep.check(path, tmp_path)
    assert problems == []
    assert outcome == expected


@pytest.mark.parametrize("kind", ["z", "b"])
def test_bgzipped_and_bcf_inputs(tmp_path, kind):
    given = tmp_path / f"in.{'vcf.gz' if kind == 'z' else 'bcf'}"
    source = ROOT / "example_vcfs" / "GRCh37" / "tumor_normal.vcf"
    subprocess.run(["bcftools", "view", "--no-version", f"-O{kind}", "-o", str(given), str(source)], check=True)
    work = tmp_path / "work"
    work.mkdir()
    assert sweep.check(given, work)[:2] == ("ok", [])


def test_every_output_type_annotated_again_to_every_type_by_name_and_on_stdin(tmp_path):
    """Check d on each pair of -Ov/-Oz/-Ob output and -Ov/-Oz/-Ob/-Ou re-annotation, the output read by name and
    on standard input: GRIDSS's BND records use GT undeclared, which a BCF output declares (htslib's Dummy line)."""
    source = DATA / "sv" / "gridss_grch38_chr.vcf"
    outputs = {kind: tmp_path / f"out.{suffix}" for kind, suffix in (("v", "vcf"), ("z", "vcf.gz"), ("b", "bcf"))}
    for kind, out in outputs.items():
        assert sweep.annotate([str(source), "-o", str(out), "-O", kind])[0] == 0
    assert sweep.reannotated(outputs, set(outputs), tmp_path) == []
    assert len(list(tmp_path.glob("again.*"))) == 3 * 4 * 2
    # an input that is not alkannot's output gains keys when annotated: check d must see that, by name and on stdin
    problems = sweep.reannotated({"v": source}, {"v"}, tmp_path)
    assert [p.split(": ")[1] for p in problems] == ["-Ov to -Ov", "-Ov to -Ov (stdin)"]
    assert all("the second output differs from the first" in p for p in problems)


def test_standard_input_check_sees_another_exit(tmp_path):
    """Check f compares the run on standard input with the run by name: an exit that differs is named."""
    source = DATA / "sites_only" / "one_change_grch38.vcf"
    assert sweep.annotate([str(source), "-o", str(tmp_path / "out.vcf.gz"), "-Oz"])[0] == 0
    assert sweep.from_stdin(source, tmp_path, (0, [""]), set()) == []
    [problem] = sweep.from_stdin(source, tmp_path, (3, ["x"]), set())
    assert problem.startswith("f: stdin exit 0, by name 3: ")


def test_a_vcf44_bcf_of_an_old_htslib_is_documented_where_this_bcftools_cannot_read_its_text(tmp_path):
    """htslib 1.22+ writes the phased genotype of a VCF 4.4 BCF an older htslib wrote as `/0|1` (README "VCF 4.4"):
    a bcftools before 1.22 cannot read that text, which the sweep says instead of failing; a newer one reads it."""
    outcome, problems, documented = sweep.check(DATA / "stop48" / "phased_v44_htslib116.bcf", tmp_path)
    assert problems == []
    old_bcftools = subprocess.run(["bcftools", "view", "-H", str(tmp_path / "out.vcf")], capture_output=True)
    if old_bcftools.returncode != 0:
        assert outcome == "ok_documented"
        assert documented == [sweep._phase_prefix_unread(tmp_path / "out.vcf")]
        assert "explicit first phase (/0|1)" in documented[0]
    else:
        assert outcome == "ok"


def test_the_checks_see_an_altered_record_a_lost_line_and_a_key_twice():
    text = (ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf").read_bytes()
    header, records = sweep.split(text)
    added = b'##INFO=<ID=ALK_X,Number=A,Type=String,Description="x",Source="alkannot",Version="0">'
    # alkannot's key and line added: nothing to say
    annotated = [*header[:-1], added, header[-1], records[0].replace(b"TLOD=58.9", b"TLOD=58.9;ALK_X=y"), *records[1:]]
    assert sweep.compare(text, b"\n".join(annotated) + b"\n", "-Ov", []) == ([], [])
    # a FORMAT value changed, a record lost, a header line lost
    altered = [*annotated[:-1], annotated[-1].replace(b"0/1:290,9", b"0/1:290,8")]
    assert "record 4 altered" in sweep.compare(text, b"\n".join(altered) + b"\n", "-Ov", [])[0][0]
    assert "4 records in, 3 out" in sweep.compare(text, b"\n".join(annotated[:-1]) + b"\n", "-Ov", [])[0][0]
    lost = [line for line in annotated if not line.startswith(b"##source")]
    assert "1 lost" in sweep.compare(text, b"\n".join(lost) + b"\n", "-Ov", [])[0][0]
    # a key twice in a record, a definition twice
    twice = [
        *header[:-1],
        added,
        added,
        header[-1],
        *records[:-1],
        records[-1].replace(b"TLOD=27.9", b"TLOD=27.9;ALK_X=y;ALK_X=z"),
    ]
    assert [p.split(":")[1] for p in sweep.duplicates(b"\n".join(twice), text)] == [
        " header line twice",
        " ##INFO ID defined twice",
        " record 4",
    ]


def test_the_sweep_runs_as_a_reviewer_runs_it(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "hygiene_sweep.py"), "--corpus", "0", str(DATA / "g1269a_grch37.vcf")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.split("\n\n")[-1].split() == ["1", "files", "1", "ok"]
