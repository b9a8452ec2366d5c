"""Output safety as a pipeline engineer meets it (issue 12), through the installed entry point.

Regular files are written atomically; devices, FIFOs and links to descriptors are written in place
and never replaced; full disks, directories and missing directories are one-line errors naming the
user's path; SIGTERM/SIGHUP/SIGINT leave nothing behind; a closed stdout is quiet; usage errors are
one line; CRLF input stays CRLF; a Latin-1 sample name survives into every report.

Device nodes and small file systems (tmpfs) need root; those tests skip without it. No test writes
to the real /dev (an unsafe build would replace /dev/full or /dev/stdout for the whole machine):
device nodes and links to /proc/self/fd are made in tmp_path.
"""

from __future__ import annotations

import gzip
import json
import os
import shlex
import signal
import stat
import subprocess
import time
from pathlib import Path

import pysam
import pytest
from helpers import ALKANNOT, generated_vcf, run

DATA = Path(__file__).parent / "data"
EX = Path(__file__).parent.parent / "example_vcfs"
SNVS = DATA / "alk_snvs_grch37.vcf"
REPORT_SUFFIXES = (".tsv", ".json", ".html", "_mqc.tsv")


# ------------------------------------------------------------------------------------------------
# helpers and fixtures
# ------------------------------------------------------------------------------------------------
def one_error(result, code: int = 3) -> str:
    """Exactly one message line (warnings and info aside), exit `code`, no traceback, no temp name."""
    err = result.stderr.decode(errors="replace") if isinstance(result.stderr, bytes) else result.stderr
    lines = [l for l in err.splitlines() if not l.startswith(("alkannot: WARNING", "alkannot: INFO"))]
    assert result.returncode == code, err
    assert len(lines) == 1 and lines[0].startswith("alkannot: error:"), err
    assert "Traceback" not in err and ".partial" not in err and "internal error" not in err, err
    return lines[0]


def content(data: bytes, otype: str, tmp_path: Path) -> list[str]:
    """Header and records of an output, decoded, without the ##alkannotCommand line (it names the path)."""
    if otype in ("b", "u"):
        copy = tmp_path / "decoded.bcf"
        copy.write_bytes(data)
        with pysam.VariantFile(str(copy)) as vf:
            lines = str(vf.header).splitlines() + [str(r).rstrip("\n") for r in vf]
        copy.unlink()
    else:
        lines = (gzip.decompress(data) if otype == "z" else data).decode().splitlines()
    return [l for l in lines if not l.startswith("##alkannotCommand=")]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, list[str]]:
    """What `-o FILE` gives for the small ALK file, per output type."""
    folder = tmp_path_factory.mktemp("reference")
    got = {}
    for otype in "vzbu":
        out = folder / f"ref.{otype}"
        assert run("annotate", SNVS, "-O", otype, "-o", out).returncode == 0
        got[otype] = content(out.read_bytes(), otype, folder)
    return got


def _generated(tmp_path_factory, n: int) -> Path:
    return generated_vcf(tmp_path_factory.mktemp("generated") / f"{n}.vcf", n)


@pytest.fixture(scope="module")
def medium_vcf(tmp_path_factory) -> Path:
    return _generated(tmp_path_factory, 20000)


@pytest.fixture(scope="module")
def vcf_200k(tmp_path_factory) -> Path:
    return _generated(tmp_path_factory, 200000)


@pytest.fixture(scope="module")
def million(tmp_path_factory) -> Path:
    """1M records (~66 MB): a run on it lasts long enough for a signal to land in each phase."""
    return _generated(tmp_path_factory, 1000000)


@pytest.fixture
def small_disk(tmp_path):
    """small_disk(size) -> a directory on a tmpfs of that size: a real full disk (ENOSPC)."""
    mounted = []

    def make(size: str) -> Path:
        where = tmp_path / f"disk{len(mounted)}"
        where.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("cannot mount a small tmpfs here (needs root)")
        mounted.append(where)
        return where

    yield make
    for where in mounted:
        subprocess.run(["umount", str(where)], check=True)


def wait_until(condition, proc, timeout: float = 120) -> None:
    """Poll (not sleep-and-hope) until `condition()` holds; fail if the run ends first."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, "the run ended before the awaited moment"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


# ------------------------------------------------------------------------------------------------
# devices, FIFOs, links to descriptors: written in place, never replaced
# ------------------------------------------------------------------------------------------------
def make_device(folder: Path, name: str, minor: int) -> Path:
    """A character device node like /dev/null (1,3) or /dev/full (1,7), made in a test folder:
    the tests never aim at the real /dev, where an unsafe build would replace the system's nodes."""
    node = folder / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    return node


def is_device(node: Path, minor: int) -> bool:
    st = os.lstat(node)
    return stat.S_ISCHR(st.st_mode) and (os.major(st.st_rdev), os.minor(st.st_rdev)) == (1, minor)


@pytest.mark.parametrize("otype", "vzbu")
def test_a_character_device_is_written_to_and_stays_a_device(tmp_path, otype):
    node = make_device(tmp_path, "null", 3)
    result = run("annotate", SNVS, "-O", otype, "-o", node)
    assert result.returncode == 0, result.stderr
    assert is_device(node, 3)
    assert os.listdir(tmp_path) == ["null"]


@pytest.mark.parametrize("otype", "vzbu")
def test_a_full_device_is_a_one_line_error(tmp_path, otype):
    node = make_device(tmp_path, "full", 7)
    line = one_error(run("annotate", SNVS, "-O", otype, "-o", node))
    assert str(node) in line and "No space left on device" in line
    assert is_device(node, 7)
    assert os.listdir(tmp_path) == ["full"]


@pytest.mark.parametrize("otype", "vzb")
def test_a_fifo_with_a_reader_gets_everything_and_stays_a_fifo(tmp_path, otype, reference):
    fifo, got = tmp_path / "pipe", tmp_path / "got"
    os.mkfifo(fifo)
    with got.open("wb") as sink:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        result = run("annotate", SNVS, "-O", otype, "-o", fifo, timeout=120)
        reader.wait(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert content(got.read_bytes(), otype, tmp_path) == reference[otype]
    assert sorted(os.listdir(tmp_path)) == ["got", "pipe"]


def test_a_fifo_reader_that_stops_early_is_quiet(tmp_path, medium_vcf):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["head", "-c", "100", str(fifo)], stdout=subprocess.DEVNULL)
    result = run("annotate", medium_vcf, "-o", fifo, timeout=120)
    reader.wait(timeout=60)
    assert result.returncode == 0 and b"error" not in result.stderr, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("target", ["/proc/self/fd/1", "/dev/fd/1"])
@pytest.mark.parametrize("otype", "vb")
def test_a_link_to_standard_output_writes_there_and_stays_a_link(tmp_path, target, otype, reference):
    """/dev/stdout is such a link (to /proc/self/fd/1); a copy of it in tmp_path is tested instead."""
    link = tmp_path / "out"
    link.symlink_to(target)
    result = run("annotate", SNVS, "-O", otype, "-o", link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == target
    assert content(result.stdout, otype, tmp_path) == reference[otype]
    assert os.listdir(tmp_path) == ["out"]


def test_a_link_to_stdout_appending_to_a_file_keeps_what_was_there(tmp_path):
    """The shell's descriptor is used as it is (offset, O_APPEND), not opened again and truncated."""
    link, log = tmp_path / "stdout", tmp_path / "log.txt"
    link.symlink_to("/proc/self/fd/1")
    log.write_bytes(b"# written before\n")
    with log.open("ab") as handle:
        result = subprocess.run(
            [ALKANNOT, "annotate", str(SNVS), "-o", str(link)], stdout=handle, stderr=subprocess.PIPE
        )
    assert result.returncode == 0, result.stderr
    data = log.read_bytes()
    assert data.startswith(b"# written before\n##fileformat=VCF") and data.count(b"ALK_CONSEQUENCE=") == 5
    assert link.is_symlink()


@pytest.mark.parametrize("otype", "vzb")
def test_process_substitution(tmp_path, otype, reference):
    got = tmp_path / "got"
    script = (
        f"{shlex.quote(ALKANNOT)} annotate {shlex.quote(str(SNVS))} -O {otype} "
        f"-o >(cat > {shlex.quote(str(got))}); status=$?; wait $!; exit $status"
    )
    result = subprocess.run(["bash", "-c", script], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert content(got.read_bytes(), otype, tmp_path) == reference[otype]


def test_a_link_to_a_regular_file_stays_a_link(tmp_path, reference):
    real, link = tmp_path / "real.vcf", tmp_path / "link.vcf"
    real.write_text("previous\n")
    link.symlink_to(real)
    assert run("annotate", SNVS, "-o", link).returncode == 0
    assert link.is_symlink()
    assert content(real.read_bytes(), "v", tmp_path) == reference["v"]


def test_an_index_needs_a_regular_output_file(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("annotate", SNVS, "-Oz", "-W", "-o", fifo)
    one_error(result, 2)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# ------------------------------------------------------------------------------------------------
# directories: a directory is never an output; missing directories are refused alike
# ------------------------------------------------------------------------------------------------
def test_a_directory_as_output_is_a_one_line_error(tmp_path):
    folder = tmp_path / "dir"
    folder.mkdir()
    line = one_error(run("annotate", SNVS, "-o", folder))
    assert str(folder) in line and "directory" in line
    assert list(folder.iterdir()) == []


def test_a_directory_where_a_report_file_belongs_fails_before_any_work(tmp_path):
    (tmp_path / "rep.json").mkdir()
    line = one_error(run("annotate", SNVS, "-o", tmp_path / "o.vcf", "--report", tmp_path / "rep"))
    assert str(tmp_path / "rep.json") in line
    assert sorted(os.listdir(tmp_path)) == ["rep.json"]


@pytest.mark.parametrize(
    "args",
    [
        ["annotate", SNVS, "-o", "{missing}/o.vcf"],
        ["annotate", SNVS, "--report", "{missing}/rep"],
        ["report", SNVS, "--out", "{missing}/rep"],
        ["kb", "export", "-o", "{missing}/kb"],
    ],
)
def test_missing_directories_are_refused_by_every_output(tmp_path, args):
    missing = tmp_path / "nope" / "deeper"
    line = one_error(run(*[str(a).format(missing=missing) for a in args]))
    assert "does not exist" in line and str(missing) in line
    assert os.listdir(tmp_path) == []


def test_kb_export_writes_its_files_and_never_clobbers_a_file(tmp_path):
    from alkannot.bundle import resource_path
    from alkannot.knowledge import KB_FILES

    target = tmp_path / "kb"
    assert run("kb", "export", "-o", target).returncode == 0
    for name in KB_FILES:
        assert (target / name).read_bytes() == resource_path("kb", name).read_bytes()
    assert not [n for n in os.listdir(target) if ".partial" in n]
    plain = tmp_path / "file"
    plain.write_text("keep me\n")
    assert f"{plain}: is a file, and kb export --format tsv (the default) writes a directory" in one_error(
        run("kb", "export", "-o", plain)
    )
    assert plain.read_text() == "keep me\n"


def test_kb_export_vcf_needs_a_regular_file_and_leaves_a_fifo_alone(tmp_path):
    fifo = tmp_path / "pipe.vcf.gz"
    os.mkfifo(fifo)
    line = one_error(run("kb", "export", "--format", "vcf", "-o", fifo, timeout=60))
    assert str(fifo) in line and "regular file" in line
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and os.listdir(tmp_path) == ["pipe.vcf.gz"]


# ------------------------------------------------------------------------------------------------
# full disks: the user's path in the message, nothing left behind, reports all or nothing
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("otype", "vzbu")
def test_a_full_disk_names_the_users_path_and_leaves_nothing(small_disk, medium_vcf, otype):
    disk = small_disk("64k")
    out = disk / f"o.{otype}"
    line = one_error(run("annotate", medium_vcf, "-O", otype, "-o", out))
    assert str(out) in line and "No space left on device" in line
    assert os.listdir(disk) == []


@pytest.mark.parametrize("otype", "zb")
def test_a_full_disk_while_indexing_leaves_nothing(small_disk, tmp_path, medium_vcf, otype):
    """A disk with room for the data but not for its index (tmpfs counts whole 4 KiB pages)."""
    alone = tmp_path / f"alone.{otype}"
    assert run("annotate", medium_vcf, "-O", otype, "-o", alone).returncode == 0
    disk = small_disk(str((alone.stat().st_size // 4096 + 1) * 4096))
    out = disk / f"o.{otype}"
    line = one_error(run("annotate", medium_vcf, "-O", otype, "-W", "-o", out))
    assert str(out) in line and "index" in line and "No space left on device" in line
    assert os.listdir(disk) == []


def test_an_unsorted_input_cannot_be_indexed_and_says_so(tmp_path):
    lines = SNVS.read_text().splitlines(True)
    body = [l for l in lines if not l.startswith("#")]
    vcf = tmp_path / "unsorted.vcf"
    vcf.write_text("".join(l for l in lines if l.startswith("#")) + "".join(reversed(body)))
    for out in (tmp_path / "o.vcf.gz", tmp_path / "o.bcf"):
        line = one_error(run("annotate", vcf, "-W", "-o", out))
        # the input is the file at fault: named first, the output after (it named the output only)
        assert line.startswith(f"alkannot: error: {vcf}: not sorted by position, so -W cannot index the output {out} (")
        assert line.endswith("sort it first (bcftools sort) or leave out -W")
    assert sorted(os.listdir(tmp_path)) == ["unsorted.vcf"]


def test_a_report_set_is_written_all_or_nothing(small_disk, tmp_path):
    disk = small_disk("32k")
    previous = {f"rep{s}": f"previous {s}\n" for s in REPORT_SUFFIXES}
    for name, text in previous.items():
        (disk / name).write_text(text)
    folder = EX / "GRCh37"
    result = run(
        "annotate",
        folder / "tumor_normal.vcf",
        "--sv",
        folder / "sv.vcf",
        "--samples",
        EX / "samples.tsv",
        "-o",
        tmp_path / "o.vcf",
        "--report",
        disk / "rep",
    )
    line = one_error(result)
    assert str(disk / "rep") in line and "No space left on device" in line
    assert {p.name: p.read_text() for p in disk.iterdir()} == previous  # the old set, whole


def test_bcf_output_needs_no_uncompressed_copy(small_disk, vcf_200k):
    """200k records: ~13 MB as text, under 4 MB as BCF; the disk holds the BCF only."""
    disk = small_disk("6m")
    assert vcf_200k.stat().st_size > 2 * 6 * 2**20
    out = disk / "o.bcf"
    result = run("annotate", vcf_200k, "-Ob", "-o", out)
    assert result.returncode == 0, result.stderr
    assert os.listdir(disk) == ["o.bcf"]
    with pysam.VariantFile(str(out)) as vf:
        assert sum(1 for _ in vf) == sum(1 for l in vcf_200k.open() if not l.startswith("#"))


@pytest.mark.parametrize("compress", ["gzip", "bgzip"])
def test_a_spool_of_compressed_stdin_stays_compressed(small_disk, tmp_path, vcf_200k, compress):
    """TMPDIR smaller than the uncompressed input: the spool must keep the input's compression."""
    spool_dir = small_disk("8m")
    text = vcf_200k.read_bytes()
    assert len(text) > 12 * 2**20
    if compress == "gzip":
        data = gzip.compress(text)
    else:
        packed = tmp_path / "in.vcf.gz"
        pysam.tabix_compress(str(vcf_200k), str(packed))
        data = packed.read_bytes()
    result = run("annotate", "-", "-o", tmp_path / "o.vcf.gz", stdin=data, env={**os.environ, "TMPDIR": str(spool_dir)})
    assert result.returncode == 0, result.stderr
    assert os.listdir(spool_dir) == []


# ------------------------------------------------------------------------------------------------
# signals: SIGTERM, SIGHUP and SIGINT clean up and exit 128 + signal
# ------------------------------------------------------------------------------------------------
def _dirs(tmp_path: Path) -> tuple[Path, Path, dict]:
    out_dir, tmp_dir = tmp_path / "out", tmp_path / "tmp"
    out_dir.mkdir()
    tmp_dir.mkdir()
    return out_dir, tmp_dir, {**os.environ, "TMPDIR": str(tmp_dir)}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_while_stdin_is_spooled(tmp_path, million, signum):
    """The test holds stdin open, so the run cannot finish before the signal."""
    out_dir, tmp_dir, env = _dirs(tmp_path)
    proc = subprocess.Popen(
        [ALKANNOT, "annotate", "-", "-o", str(out_dir / "o.vcf.gz")],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    with million.open("rb") as source:
        for _ in range(30):  # 30 of its ~66 MB
            proc.stdin.write(source.read(1 << 20))
    proc.stdin.flush()
    assert proc.poll() is None
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signum, err
    word = "interrupted" if signum == signal.SIGINT else f"terminated by {signal.Signals(signum).name}"
    assert err.decode().splitlines() == [f"alkannot: {word}"]
    assert os.listdir(out_dir) == [] and os.listdir(tmp_dir) == []


def _partial_size(folder: Path) -> int:
    sizes = []
    for name in os.listdir(folder):
        try:
            sizes.append(os.stat(folder / name).st_size if ".partial" in name else 0)
        except FileNotFoundError:
            pass
    return max(sizes, default=0)


@pytest.mark.parametrize(
    "signum,otype", [(signal.SIGTERM, "z"), (signal.SIGHUP, "b"), (signal.SIGTERM, "u"), (signal.SIGINT, "v")]
)
def test_a_signal_while_the_output_is_written(tmp_path, million, signum, otype):
    """Piped 1M-record input; the signal lands once the partial output holds 1 MiB (for BCF: the
    converter process is at work). SIGSTOP first, so the run cannot finish between seeing the partial
    file and the signal."""
    out_dir, tmp_dir, env = _dirs(tmp_path)
    feeder = subprocess.Popen(["cat", str(million)], stdout=subprocess.PIPE)
    proc = subprocess.Popen(
        [ALKANNOT, "annotate", "-", "-O", otype, "-o", str(out_dir / f"o.{otype}")],
        stdin=feeder.stdout,
        stderr=subprocess.PIPE,
        env=env,
    )
    feeder.stdout.close()
    wait_until(lambda: _partial_size(out_dir) >= 1 << 20, proc)
    proc.send_signal(signal.SIGSTOP)
    assert proc.poll() is None
    proc.send_signal(signum)
    proc.send_signal(signal.SIGCONT)
    _, err = proc.communicate(timeout=120)
    feeder.wait(timeout=60)
    assert proc.returncode == 128 + signum, err
    lines = err.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("alkannot: ") and "Traceback" not in err.decode()
    assert os.listdir(out_dir) == [] and os.listdir(tmp_dir) == []


# ------------------------------------------------------------------------------------------------
# `| head`: quiet without --report; with --report the report set is still written whole
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("otype", "vzb")
@pytest.mark.parametrize("with_report", [False, True])
def test_closing_stdout_early(tmp_path, medium_vcf, otype, with_report):
    rep = tmp_path / "rep"
    report = f"--report {shlex.quote(str(rep))}" if with_report else ""
    shell = (
        f"{shlex.quote(ALKANNOT)} -q annotate -O {otype} {shlex.quote(str(medium_vcf))} {report} "
        f"| head -c 100 >/dev/null; echo ${{PIPESTATUS[0]}} >&2"
    )
    result = subprocess.run(["bash", "-c", shell], capture_output=True, timeout=120)
    assert result.stderr.decode().splitlines() == ["0"]
    if with_report:
        assert sorted(os.listdir(tmp_path)) == sorted(f"rep{s}" for s in REPORT_SUFFIXES)
        assert json.loads((tmp_path / "rep.json").read_text())["samples"][0]["sample"] == "TUMOR"
        assert len((tmp_path / "rep.tsv").read_text().splitlines()) == 2
    else:
        assert os.listdir(tmp_path) == []


# ------------------------------------------------------------------------------------------------
# text faithfulness: Latin-1 names, line endings
# ------------------------------------------------------------------------------------------------
def test_a_latin1_sample_name_reaches_the_vcf_and_every_report(tmp_path):
    vcf = tmp_path / "latin1.vcf"
    vcf.write_bytes(SNVS.read_bytes().replace(b"\tTUMOR\n", b"\tP\xe9dro\n"))
    out, rep = tmp_path / "o.vcf", tmp_path / "rep"
    result = run("annotate", vcf, "-o", out, "--report", rep)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert b"\tP\xe9dro\n" in data and b"##alkannotSample=<ID=P\xe9dro," in data  # the bytes, unchanged
    # the reports are UTF-8 documents; the name's bytes read as Latin-1
    tsv = (tmp_path / "rep.tsv").read_text(encoding="utf-8").splitlines()
    assert tsv[1].split("\t")[0] == "Pédro"
    assert json.loads((tmp_path / "rep.json").read_text(encoding="utf-8"))["samples"][0]["sample"] == "Pédro"
    assert "Pédro" in (tmp_path / "rep.html").read_text(encoding="utf-8")
    assert "Pédro" in (tmp_path / "rep_mqc.tsv").read_text(encoding="utf-8")
    again = run("report", out, "--out", tmp_path / "cohort")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "cohort.tsv").read_text(encoding="utf-8").splitlines()[1].startswith("Pédro\t")


def test_readable_names_copies_only_the_parts_holding_a_latin1_byte():
    """The report document of thousands of samples is not held twice (issue 13): a part with no surrogate escape is
    the same object; a part with one is a new one, the document it came from unchanged."""
    from alkannot.report import readable_names

    clean = {"sample": "TUMOR", "notes": ["a", "b"], "calls": ({"x": 1},)}
    assert readable_names(clean) is clean
    name = b"P\xe9dro".decode("utf-8", "surrogateescape")
    doc = {"samples": [{"sample": name, "notes": ["a"]}, clean]}
    read = readable_names(doc)
    assert read["samples"][0]["sample"] == "Pédro" and doc["samples"][0]["sample"] == name
    assert read["samples"][1] is clean and read["samples"][0]["notes"] is doc["samples"][0]["notes"]


@pytest.mark.parametrize("otype", "vz")
@pytest.mark.parametrize("ending", [b"\r\n", b"\n"])
def test_every_line_takes_the_inputs_line_ending(tmp_path, otype, ending):
    vcf = tmp_path / "in.vcf"
    vcf.write_bytes(SNVS.read_bytes().replace(b"\n", ending))
    out = tmp_path / f"o.{otype}"
    result = run("annotate", vcf, "-O", otype, "-o", out)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    data = gzip.decompress(data) if otype == "z" else data
    lines = data.split(b"\n")
    assert lines[-1] == b"" and len(lines) > 40
    assert all(line.endswith(b"\r") == (ending == b"\r\n") for line in lines[:-1])
    assert data.count(b"ALK_CONSEQUENCE=") == 5


# ------------------------------------------------------------------------------------------------
# messages: usage errors, truncated BCF, log counts
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args,words",
    [
        (["annotate", "--bogus"], ["--bogus", "'alkannot annotate --help'"]),
        (["annotate", "-O", "x", str(SNVS)], ["'x'", "'alkannot annotate --help'"]),
        (["annotate", str(SNVS), "--min-vaf", "2"], ["not a fraction"]),
        (["report"], ["VCF|MAF...", "'alkannot report --help'"]),
        (["nosuchcommand"], ["nosuchcommand", "'alkannot --help'"]),
        (["kb", "export", "-o"], ["-o", "requires an argument"]),
    ],
)
def test_usage_errors_are_one_line_with_a_hint(args, words):
    line = one_error(run(*args), 2)
    for word in words:
        assert word in line, line
    assert "--help" in line


@pytest.mark.parametrize("keep", [100, 2000, 0.5])
def test_a_truncated_bcf_is_called_truncated(tmp_path, medium_vcf, keep):
    whole = tmp_path / "whole.bcf"
    assert run("annotate", medium_vcf, "-Ob", "-o", whole).returncode == 0
    data = whole.read_bytes()
    cut = tmp_path / "cut.bcf"
    cut.write_bytes(data[: int(len(data) * keep) if keep < 1 else keep])
    line = one_error(run("annotate", cut, "-o", tmp_path / "o.vcf"))
    assert str(cut) in line and "truncated" in line and "#CHROM" not in line
    assert not (tmp_path / "o.vcf").exists()


def test_the_log_counts_the_records_of_sv_files(tmp_path):
    folder = EX / "GRCh37"
    with pysam.VariantFile(str(folder / "sv.vcf")) as vf:
        structural = sum(1 for r in vf if any(a.startswith("<") or "[" in a or "]" in a for a in r.alts))
    assert structural > 0
    result = run("annotate", folder / "tumor_normal.vcf", "--sv", folder / "sv.vcf", "-o", tmp_path / "o.vcf")
    assert result.returncode == 0, result.stderr
    assert f"0 structural near ALK (+{structural} in --sv files)" in result.stderr.decode()


@pytest.mark.parametrize("suffix", [".vcf", ".vcf.gz"])
def test_a_replaced_output_keeps_its_permissions_and_a_new_one_gets_the_usual(tmp_path, suffix):
    """A restricted (0640) patient file stays restricted when alkannot replaces it, as with bcftools; the
    index written beside it too. A new file gets 0666 & ~umask (pipeline review 2026-12-01)."""
    example = str(EX / "GRCh38" / "tumor_normal.vcf")
    kept = tmp_path / f"kept{suffix}"
    kept.write_text("old")
    os.chmod(kept, 0o640)
    args = ["-W"] if suffix == ".vcf.gz" else []
    assert run("-q", "annotate", example, "-o", str(kept), *args).returncode == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_bytes() != b"old"
    new = tmp_path / f"new{suffix}"
    umask = os.umask(0o022)
    os.umask(umask)
    assert run("-q", "annotate", example, "-o", str(new), *args).returncode == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("kind, otype", [("tbi", "z"), ("csi", "z"), ("csi", "b")])
@pytest.mark.parametrize("earlier_index", [False, True])
def test_the_index_takes_the_mode_of_the_output_it_belongs_to(tmp_path, kind, otype, earlier_index):
    """A 0600 output replaced with -W got a 0644 index beside it (pipeline review 2026-12-01, finding 3):
    the index says where the records are and gets the output's mode, whatever an earlier index had."""
    example = str(EX / "GRCh38" / "tumor_normal.vcf")
    out = tmp_path / ("out.bcf" if otype == "b" else "out.vcf.gz")
    index = Path(f"{out}.{kind}")
    out.write_text("old")
    os.chmod(out, 0o600)
    if earlier_index:
        index.write_text("old")
        os.chmod(index, 0o644)
    result = run("-q", "annotate", example, "-o", str(out), f"-O{otype}", f"--write-index={kind}")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE(index.stat().st_mode) == 0o600


def test_a_replaced_output_is_a_new_file_and_a_hard_link_keeps_the_old_data(tmp_path):
    """The price of the atomic rename (README, "Where output goes"): the output is a new inode, so a hard
    link to the old file still holds the old data (bcftools truncates in place and would change it)."""
    example = str(EX / "GRCh38" / "tumor_normal.vcf")
    out = tmp_path / "out.vcf"
    out.write_text("old")
    os.link(out, tmp_path / "link.vcf")
    before = out.stat().st_ino
    assert run("-q", "annotate", example, "-o", str(out)).returncode == 0
    assert out.stat().st_ino != before
    assert (tmp_path / "link.vcf").read_text() == "old" and out.read_text() != "old"


def test_no_output_replaces_an_input_file(tmp_path):
    """`--report s` beside `--samples s.tsv` wrote the report's table over the sample sheet (found 2026-12-01);
    every output that is one of the run's input files is refused before any work, and the input is intact."""
    import shutil

    example = EX
    vcf, sheet = tmp_path / "in.vcf", tmp_path / "s.tsv"
    shutil.copy(example / "GRCh38" / "tumor_normal.vcf", vcf)
    shutil.copy(example / "samples.tsv", sheet)
    sv = tmp_path / "sv.vcf"
    shutil.copy(example / "GRCh38" / "sv.vcf", sv)
    before = {p: p.read_bytes() for p in (vcf, sheet, sv)}
    cases = [
        ["annotate", vcf, "--samples", sheet, "--report", tmp_path / "s", "-o", tmp_path / "o.vcf"],
        ["report", vcf, "--samples", sheet, "--out", tmp_path / "s"],
        ["annotate", vcf, "--samples", sheet, "-o", sheet],
        ["annotate", vcf, "--sv", f"P1_T={sv}", "-o", sv],
        ["annotate", vcf, "-o", vcf],
    ]
    for args in cases:
        assert "refusing to overwrite an input file" in one_error(run(*args)), args
        assert not (tmp_path / "o.vcf").exists() and not (tmp_path / "s.json").exists()
    assert {p: p.read_bytes() for p in before} == before


def test_no_output_replaces_a_file_of_the_kb_directory(tmp_path):
    """Pipeline review 2026-12-01, third reading, finding 3: `--report labkb/calls` replaced the lab's curated
    calls.tsv with the report's table; every file of a --kb directory is an input no output may replace."""
    kb = tmp_path / "labkb"
    assert run("kb", "export", "--format", "tsv", "-o", kb).returncode == 0
    before = {p: p.read_bytes() for p in kb.iterdir()}
    vcf = EX / "GRCh38" / "tumor_normal.vcf"
    cases = [
        ["annotate", vcf, "--kb", kb, "--report", kb / "calls", "-o", tmp_path / "o.vcf"],
        ["annotate", vcf, "--kb", kb, "-o", kb / "calls.tsv"],
        ["report", vcf, "--kb", kb, "--out", kb / "notes"],
    ]
    for args in cases:
        assert "refusing to overwrite an input file (--kb " in one_error(run(*args)), args
    assert {p: p.read_bytes() for p in kb.iterdir()} == before and not (tmp_path / "o.vcf").exists()


@pytest.mark.parametrize(
    "args, hint",
    [
        (["annotate", "IN", "-o", ""], "-o/--output"),
        (["annotate", ""], "INPUT"),
        (["annotate", "IN", "--report", "", "-o", "/dev/null"], "--report"),
        (["annotate", "IN", "--sv", "", "-o", "/dev/null"], "--sv"),
        (["annotate", "IN", "--sv", "P1_T=", "-o", "/dev/null"], "--sv"),
        (["annotate", "IN", "--fusions", "P1_T=", "-o", "/dev/null"], "--fusions"),
        (["report", "IN", "--out", ""], "--out"),
        # pipeline review of stop 43 by h2, finding 5: exit 3 naming no file, or (--tumor) silently no --tumor
        (["report", "IN", "--fusions", "", "--out", "r"], "--fusions"),
        (["report", "IN", "--fusions", "P1_T=", "--out", "r"], "--fusions"),
        (["report", "IN", "--html-template", "", "--out", "r"], "--html-template"),
        (["report", "IN", "--tumor", "", "--out", "r"], "--tumor"),
        (["annotate", "IN", "--tumor", "", "-o", "o.vcf"], "--tumor"),
        (["kb", "export", "-o", ""], "-o/--output"),
        (["kb", "list", "--kb", ""], "--kb"),
        (["lookup", "G1202R", "--kb", ""], "--kb"),
    ],
)
def test_an_empty_path_is_a_usage_error_that_writes_nothing(tmp_path, args, hint):
    """Pipeline review 2026-12-01, third reading, finding 5: `-o "$OUT"` with OUT unset was an internal error whose
    temporary file was made in the parent directory; `--report ''` silently wrote no report. `--tumor ''` is an empty
    sample name, not an empty path."""
    vcf = EX / "GRCh38" / "tumor_normal.vcf"
    work = tmp_path / "work"
    work.mkdir()
    result = run(*[vcf if a == "IN" else a for a in args], cwd=work)
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1, err
    assert f"Invalid value for {hint}: an empty {'sample name' if hint == '--tumor' else 'path'}" in err
    assert not list(work.iterdir()) and [p.name for p in tmp_path.iterdir()] == ["work"]


def test_a_read_only_output_is_not_replaced(tmp_path):
    """Pipeline review 2026-12-01, third reading, finding 8: a write-protected result (chmod 444) was replaced by the
    atomic rename; as bcftools, alkannot refuses it (exit 3) and leaves it as it was. Root may write any file, so
    the run drops that privilege (setpriv) where the test runs as root."""
    import shutil

    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root without setpriv cannot be denied a write")
        caps = "-dac_override,-dac_read_search,-fowner"
        prefix = ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]
    out = tmp_path / "final.vcf"
    out.write_text("signed off\n")
    out.chmod(0o444)
    # no write bit at all protects the file whoever runs alkannot, root in a container included (review of the
    # day's changes, finding 10)
    as_is = subprocess.run(
        [ALKANNOT, "annotate", str(EX / "GRCh38" / "tumor_normal.vcf"), "-o", str(out)], capture_output=True
    )
    assert "the existing file is read-only; not replaced" in one_error(as_is) and out.read_text() == "signed off\n"
    result = subprocess.run(
        [*prefix, ALKANNOT, "annotate", str(EX / "GRCh38" / "tumor_normal.vcf"), "-o", str(out)], capture_output=True
    )
    assert "the existing file is read-only; not replaced" in one_error(result)
    assert out.read_text() == "signed off\n" and [p.name for p in tmp_path.iterdir()] == ["final.vcf"]
    unreadable = tmp_path / "unreadable.vcf"
    shutil.copy(EX / "GRCh38" / "tumor_normal.vcf", unreadable)
    unreadable.chmod(0)
    for args in (["annotate", str(unreadable)], ["report", str(unreadable), "--out", str(tmp_path / "r")]):
        # finding 2: a file the machine will not let alkannot read is the input's problem (3), not a bug (1)
        result = subprocess.run([*prefix, ALKANNOT, *args], capture_output=True)
        assert f"{unreadable}: cannot read input (Permission denied)" in one_error(result), args  # pipe49


def test_the_vcf_and_the_report_never_share_a_file(tmp_path):
    result = run(
        "annotate", EX / "GRCh38" / "tumor_normal.vcf", "--report", tmp_path / "rep", "-o", tmp_path / "rep.tsv"
    )
    assert "-o names one of the --report files" in one_error(result)
    assert not list(tmp_path.iterdir())


def test_standard_output_redirected_into_a_report_file_is_refused(tmp_path):
    """`annotate in.vcf --report rep > rep.tsv` wrote the VCF to rep.tsv, which the report's rename then replaced:
    the annotated VCF was lost with exit 0 (pipeline review of stop 35, finding 1)."""
    with open(tmp_path / "rep.tsv", "wb") as stdout:
        result = subprocess.run(
            [ALKANNOT, "annotate", str(EX / "GRCh38" / "tumor_normal.vcf"), "--report", str(tmp_path / "rep")],
            stdout=stdout,
            stderr=subprocess.PIPE,
        )
    assert f"{tmp_path / 'rep.tsv'}: standard output is one of the --report files" in one_error(result)
    assert [p.name for p in tmp_path.iterdir()] == ["rep.tsv"] and not (tmp_path / "rep.tsv").read_bytes()
    with open(tmp_path / "out.vcf", "wb") as stdout:  # stdout elsewhere: both written
        done = subprocess.run(
            [ALKANNOT, "-q", "annotate", str(EX / "GRCh38" / "tumor_normal.vcf"), "--report", str(tmp_path / "rep")],
            stdout=stdout,
        )
    assert done.returncode == 0 and (tmp_path / "out.vcf").read_text().startswith("##fileformat=VCF")
    assert (tmp_path / "rep.tsv").read_text().startswith("sample\t")


def test_a_report_that_cannot_be_made_leaves_the_earlier_vcf_as_it_was(tmp_path):
    """The VCF was renamed into place before the reports were made, so a lab template naming an undefined
    value (exit 3) still replaced -o (pipeline review 2026-12-01, second reading, finding 2). The reports are
    now made first into temporary files, and the VCF and the reports are renamed only when both are whole."""
    template = tmp_path / "lab.html.j2"
    template.write_text("<html>\n<p>{{ doc.samples[0].sample }}</p>\n<p>{{ patient_name }}</p>\n</html>\n")
    out, prefix = tmp_path / "out.vcf", tmp_path / "rep"
    out.write_text("earlier output\n")
    (tmp_path / "rep.tsv").write_text("earlier report\n")
    result = run(
        "annotate", EX / "GRCh38" / "tumor_normal.vcf", "--report", prefix, "--html-template", template, "-o", out
    )
    assert "'patient_name' is undefined" in one_error(result)
    assert out.read_text() == "earlier output\n" and (tmp_path / "rep.tsv").read_text() == "earlier report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lab.html.j2", "out.vcf", "rep.tsv"]  # no temporaries
    # and with a template that works, both are replaced
    template.write_text("<html>{{ doc.samples[0].sample }}</html>\n")
    result = run(
        "annotate", EX / "GRCh38" / "tumor_normal.vcf", "--report", prefix, "--html-template", template, "-o", out
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("##fileformat") and (tmp_path / "rep.html").read_text().startswith("<html>P1_T")


@pytest.mark.parametrize("prefix", ["-", "/dev/null", "/dev/stdout"])
def test_a_report_prefix_is_never_stdout_or_a_device(tmp_path, prefix):
    """--report /dev/null wrote /dev/null.tsv, .json, ... as regular files into /dev (as root), and --report -
    wrote '-.tsv' (pipeline review 2026-12-01, second reading, finding 3)."""
    before = set(os.listdir("/dev"))
    for args in (
        ["annotate", EX / "GRCh38" / "tumor_normal.vcf", "--report", prefix, "-o", tmp_path / "o.vcf"],
        ["report", EX / "GRCh38" / "tumor_normal.vcf", "--out", prefix],
    ):
        result = run(*args, cwd=tmp_path)
        assert "takes a file-name prefix" in one_error(result), args
    assert set(os.listdir("/dev")) == before and not list(tmp_path.iterdir())


def test_replacing_an_output_removes_its_old_index_of_the_other_kind(tmp_path):
    """Writing t.vcf.gz with -W (csi), then again with -W tbi, left the old .csi beside the new file; htslib read
    the new file through it and a region read failed (review of 2026-12-01's changes, finding 7). An index this
    run did not write is removed, with a warning; one it wrote stays."""
    out = tmp_path / "t.vcf.gz"
    assert run("annotate", SNVS, "-o", out, "-W").returncode == 0
    assert (tmp_path / "t.vcf.gz.csi").exists()
    result = run("annotate", SNVS, "-o", out, "-W", "tbi", text=True)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "t.vcf.gz.csi").exists() and (tmp_path / "t.vcf.gz.tbi").exists()
    assert "removed " + str(tmp_path / "t.vcf.gz.csi") in result.stderr
    region = subprocess.run(["bcftools", "view", "-H", str(out), "2:29443613"], capture_output=True, text=True)
    assert region.returncode == 0 and region.stdout.count("\n") == 1
    result = run("annotate", SNVS, "-o", out)  # no -W: the .tbi of the replaced file goes too
    assert result.returncode == 0 and not (tmp_path / "t.vcf.gz.tbi").exists()
