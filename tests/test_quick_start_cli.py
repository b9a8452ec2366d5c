"""`alkannot annotate` through the installed entry point, read without click (quick_args, issue 13), and by click's
group as the console script ran it before (cli.main): the same output bytes, the same stderr and exit status."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ALKANNOT, generated_vcf, run

from alkannot.quick_args import read

EXAMPLE = Path(__file__).resolve().parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
DATA = Path(__file__).resolve().parent / "data"
BY_CLICK = [sys.executable, "-c", "import sys; from alkannot.cli import main; sys.argv[0] = 'alkannot'; main()"]


def _both(tmp_path: Path, args: list[str], stdin: bytes | None = None, stdout=subprocess.PIPE) -> list[tuple]:
    """`alkannot ARGS` run quickly and by click, each in a folder of its own (outputs named alike, so that
    ##alkannotCommand is the same): (exit status, stdout, stderr, {output file: bytes}) of each."""
    assert read(args, {}, "alkannot") is not None, args  # the quick reading takes it
    done = []
    env = {k: v for k, v in os.environ.items() if k != "ALKANNOT_HTML_TEMPLATE"}
    for name, command in (("quick", [ALKANNOT]), ("click", BY_CLICK)):
        folder = tmp_path / name
        folder.mkdir(parents=True)
        ran = subprocess.run([*command, *args], input=stdin, stdout=stdout, stderr=subprocess.PIPE, cwd=folder, env=env)
        files = {path.name: path.read_bytes() for path in sorted(folder.iterdir())}
        done.append((ran.returncode, ran.stdout, ran.stderr.decode(), files))
    return done


@pytest.mark.parametrize(
    "args",
    [
        ["-q", "annotate", str(EXAMPLE), "-o", "out.vcf"],
        ["annotate", str(EXAMPLE), "-Oz", "-W", "tbi", "-o", "out.vcf.gz", "--report", "R"],
        ["--debug", "annotate", "-o", "out.vcf", str(EXAMPLE.parent / "sv.vcf"), "-v", "--no-version"],
        ["annotate", str(DATA / "vep_annotated_grch38.vcf"), "-Ob", "-l", "1", "-o", "out.bcf", "-W", "--threads", "1"],
        ["annotate", str(DATA / "strelka2_somatic_snvs_grch37.vcf"), "--build=hg19", "--report", "R", "-o", "o.vcf"],
        [
            "annotate",
            "--sv",
            str(EXAMPLE.parent / "sv.vcf"),
            "--fusions",
            "P1_T=" + str(EXAMPLE.parent / "fusions.tsv"),
            str(EXAMPLE),
            "--samples",
            str(EXAMPLE.parent.parent / "samples.tsv"),
            "--report",
            "R",
            "-o",
            "o.vcf",
            "--strict",
        ],
    ],
)
def test_a_file_is_annotated_alike(tmp_path, args):
    quick, by_click = _both(tmp_path, args)
    assert quick == by_click and quick[0] == 0 and quick[3], quick[2]


def test_standard_input_is_annotated_alike(tmp_path):
    vcf = EXAMPLE.read_bytes()
    for number, args in enumerate((["annotate"], ["-q", "annotate", "-"], ["annotate", "-", "-Oz"])):
        quick, by_click = _both(tmp_path / str(number), args, stdin=vcf)
        assert quick == by_click and quick[0] == 0 and quick[1].startswith((b"##fileformat", b"\x1f\x8b")), quick[2]


@pytest.mark.parametrize(
    "args, status, said",
    [
        (["annotate", str(DATA / "bad.vcf"), "-o", "out.vcf"], 3, "bad.vcf: unreadable record 1 (line 3 (2:x))"),
        (["annotate", str(EXAMPLE), "-o", "out.vcf", "-l", "10"], 2, "-l/--compression-level: 10 is not a level"),
        (["annotate", str(EXAMPLE), "-o", "out.vcf", "-l", "5"], 2, "a compression level needs a bgzipped VCF"),
        (["annotate", str(EXAMPLE), "-Oz5", "-l6", "-o", "o.vcf.gz"], 2, "-O gives compression level 5 and -l gives 6"),
        (["annotate", str(EXAMPLE), "-o", "out.vcf", "--min-vaf", "2"], 2, "--min-vaf: 2.0 is not a fraction"),
        (["--debug", "annotate", str(EXAMPLE), "-o", "out.vcf", "-W"], 2, "-W"),
        (["annotate", "missing.vcf", "-o", "out.vcf"], 3, "missing.vcf"),
        (["annotate", str(EXAMPLE), "-o", ""], 2, "-o/--output"),
    ],
)
def test_an_error_is_one_line_alike(tmp_path, args, status, said):
    bad = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n2\tx\t.\tC\tT\t.\t.\t.\n"
    args = [arg.replace(str(DATA / "bad.vcf"), str(tmp_path / "bad.vcf")) for arg in args]
    (tmp_path / "bad.vcf").write_text(bad)
    quick, by_click = _both(tmp_path, args)
    assert quick == by_click, (quick[2], by_click[2])
    assert quick[0] == status and len(quick[2].splitlines()) == 1 and said in quick[2], quick[2]
    assert quick[2].startswith("alkannot: error: ") and "out.vcf" not in quick[3]


def test_a_full_standard_output_is_one_line_alike(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        quick, by_click = _both(tmp_path, ["annotate", str(EXAMPLE)], stdout=full)
    assert quick == by_click
    assert quick[0] == 3 and quick[2] == "alkannot: error: <stdout>: cannot write output (No space left on device)\n"


def test_a_bad_output_type_stays_a_usage_error():
    """-O with a digit that is no ASCII digit ('z²') was taken for a level, and int() failed: an internal error."""
    done = subprocess.run([ALKANNOT, "annotate", "-Oz\u00b2", str(EXAMPLE)], capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr.startswith("alkannot: error: Invalid value for '-O' / '--output-type'")
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_a_quick_run_as_before(tmp_path, signum):
    """Standard input held open, so that the run is reading it when the signal comes: 128 + N, one line, no file
    left behind."""
    vcf = generated_vcf(tmp_path / "big.vcf", 20000)
    out_dir, tmp_dir = tmp_path / "out", tmp_path / "tmp"
    out_dir.mkdir()
    tmp_dir.mkdir()
    args = ["annotate", "-", "-o", str(out_dir / "o.vcf.gz")]
    assert read(args, {}, "alkannot") is not None
    env = {k: v for k, v in os.environ.items() if k != "ALKANNOT_HTML_TEMPLATE"} | {"TMPDIR": str(tmp_dir)}
    proc = subprocess.Popen([ALKANNOT, *args], stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdin is not None
    proc.stdin.write(vcf.read_bytes())  # more than a pipe holds: written once the run reads standard input
    proc.stdin.flush()
    assert proc.poll() is None
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signum, err
    name = signal.Signals(signum).name
    said = "interrupted" if signum == signal.SIGINT else f"terminated by {name}"
    assert err.decode().splitlines() == [f"alkannot: {said}"]
    assert os.listdir(out_dir) == [] and os.listdir(tmp_dir) == []


def test_the_console_script_annotates_the_example_without_click(tmp_path):
    """The quick start imports no click (nor what click loads: inspect, uuid, gettext...) and writes what click's
    reading writes."""
    out = tmp_path / "out.vcf"
    probe = (
        "import sys\n"
        "from alkannot.__main__ import main\n"
        f"sys.argv = ['alkannot', '-q', 'annotate', {str(EXAMPLE)!r}, '-o', {str(out)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(' '.join(m for m in ('click', 'inspect', 'uuid', 'gettext') if m in sys.modules) or 'none')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip() == "none", done.stdout + done.stderr
    assert out.read_text().count("\n") > 4


def _probe(out: Path, *options: str) -> str:
    return (
        "import sys\n"
        "from alkannot.__main__ import main\n"
        f"sys.argv = ['alkannot', *{list(options)!r}, 'annotate', {str(EXAMPLE)!r}, '-o', {str(out)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('logging' in sys.modules, file=sys.stderr)\n"
    )


def test_a_quiet_run_imports_logging_only_when_it_has_something_to_say(tmp_path):
    """alkannot.log: a -q run of the example says nothing and imports no logging (issue 13: about 23 M instructions
    with traceback, tokenize, textwrap); without -q the INFO lines are said as before, through logging; and a -q run
    whose logger is asked for (a BCF output takes a filter on it) sets logging up as -q's, still saying nothing."""
    quiet = subprocess.run(
        [sys.executable, "-c", _probe(tmp_path / "q.vcf", "-q")], capture_output=True, text=True, cwd=tmp_path
    )
    assert quiet.returncode == 0 and quiet.stderr == "False\n", quiet.stderr
    said = subprocess.run(
        [sys.executable, "-c", _probe(tmp_path / "v.vcf")], capture_output=True, text=True, cwd=tmp_path
    )
    assert said.returncode == 0 and said.stderr.endswith("True\n"), said.stderr
    assert "alkannot: INFO: " in said.stderr
    written = [
        [line for line in (tmp_path / name).read_text().splitlines() if not line.startswith("##alkannotCommand=")]
        for name in ("q.vcf", "v.vcf")
    ]
    assert written[0] == written[1] and len(written[0]) > 60
    bcf = run("-q", "annotate", EXAMPLE, "-o", tmp_path / "q.bcf")
    assert bcf.returncode == 0 and bcf.stderr == b"", bcf.stderr


def test_a_quiet_run_from_the_cache_imports_no_module_it_does_not_use(tmp_path):
    """Issue 13: the standard library modules a -q run of the example has no use for are not imported: csv (the
    knowledge base comes from the cache, whose first run reads the tables through csv), signal (interrupts.py takes
    _signal, the C module it wraps, without its enums), shlex (options.shell_word quotes as shlex.quote); nor
    alkannot's modules for what a run that goes well on a small VCF never does: messages (a failure's lines),
    targets (lines picked in windows of a large file), compressions (naming what is not a VCF)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    unused = ("csv", "signal", "shlex", "alkannot.messages", "alkannot.targets", "alkannot.compressions")
    probe = _probe(tmp_path / "q.vcf", "-q") + f"print(*[m for m in {unused!r} if m in sys.modules], file=sys.stderr)\n"
    for _ in range(2):  # the first run writes the cache
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stderr
    assert done.stderr == "False\n\n", done.stderr
    assert (tmp_path / "q.vcf").read_text().count("\n") > 60
