"""Output safety, fifth pipeline reading (pipe6, findings 2, 3 and 4; 6 is tests/test_scan_sigterm.py), through the installed entry point.

- 2: `-o LINK -W` where LINK.tbi is a link too: the index is written through the link, as the data is, and the
  index in the link target's directory is never deleted.
- 3: every final path (data, index, report files) is checked before the first rename: an index path that is a
  directory or a read-only index is exit 3 naming the user's path, and nothing is replaced.
- 4: a plain-gzip input (not BGZF) is spooled to BGZF by alkannot itself: an explicit -Oz<N> / -l N is honoured.
- seventh reading, finding 11: a stale index (of the file replaced, not written by the run) is checked before the
  first rename as the -W index is: read-only is exit 3 and nothing is replaced; a link there is removed as a link.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from helpers import generated_vcf, run

from alkannot import scan

DATA = Path(__file__).parent / "data"
SNVS = DATA / "alk_snvs_grch37.vcf"


def one_error(result) -> str:
    err = result.stderr if isinstance(result.stderr, str) else result.stderr.decode(errors="replace")
    lines = [l for l in err.splitlines() if not l.startswith(("alkannot: WARNING", "alkannot: INFO"))]
    assert result.returncode == 3, err
    assert len(lines) == 1 and lines[0].startswith("alkannot: error:"), err
    assert "Traceback" not in err and ".partial" not in err, err
    return lines[0]


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def region_count(path: Path, region: str = "2:29443613") -> int:
    result = subprocess.run(["bcftools", "view", "-H", str(path), region], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.count("\n")


# ------------------------------------------------------------------------------------------------
# finding 2: a link at PATH.tbi stays a link; the file it points to is replaced
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["tbi", "csi"])
def test_an_index_link_stays_a_link_and_its_target_is_replaced(tmp_path, kind):
    real = tmp_path / "real"
    real.mkdir()
    assert run("annotate", SNVS, "-o", real / "r.vcf.gz", "-W", kind).returncode == 0
    link, index_link = tmp_path / "l.vcf.gz", tmp_path / f"l.vcf.gz.{kind}"
    link.symlink_to(real / "r.vcf.gz")
    index_link.symlink_to(real / f"r.vcf.gz.{kind}")
    before = md5(real / f"r.vcf.gz.{kind}")
    result = run("annotate", SNVS, "-o", link, "-W", kind, "--min-vaf", "0.2", text=True)
    assert result.returncode == 0, result.stderr
    assert "removed" not in result.stderr and "index" not in result.stderr, result.stderr  # nothing stale
    assert link.is_symlink() and index_link.is_symlink()
    assert (real / f"r.vcf.gz.{kind}").is_file() and md5(real / f"r.vcf.gz.{kind}") != before
    assert sorted(os.listdir(real)) == ["r.vcf.gz", f"r.vcf.gz.{kind}"]
    assert region_count(link) == 1 and region_count(real / "r.vcf.gz") == 1


def test_a_link_whose_target_has_an_old_index_still_gets_a_fitting_one(tmp_path):
    """LINK.tbi absent: the index goes beside the link (where htslib looks for LINK), and the target's old
    index, which no longer fits the replaced file, is removed with a warning, as before."""
    real = tmp_path / "real"
    real.mkdir()
    assert run("annotate", SNVS, "-o", real / "r.vcf.gz", "-W", "tbi").returncode == 0
    link = tmp_path / "l.vcf.gz"
    link.symlink_to(real / "r.vcf.gz")
    result = run("annotate", SNVS, "-o", link, "-W", "tbi", text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "l.vcf.gz.tbi").is_file() and not (real / "r.vcf.gz.tbi").exists()
    assert f"removed {real / 'r.vcf.gz.tbi'}" in result.stderr
    assert region_count(link) == 1


# ------------------------------------------------------------------------------------------------
# finding 3: every final path is checked before the first rename
# ------------------------------------------------------------------------------------------------
def test_an_index_path_that_is_a_directory_replaces_nothing(tmp_path):
    out = tmp_path / "sd.vcf.gz"
    assert run("annotate", SNVS, "-o", out, "--report", tmp_path / "old").returncode == 0
    before = md5(out)
    reports = {p.name: md5(p) for p in tmp_path.glob("old*")}
    (tmp_path / "sd.vcf.gz.tbi").mkdir()
    result = run("annotate", SNVS, "-o", out, "-W", "tbi", "--report", tmp_path / "old", "--min-vaf", "0.2")
    line = one_error(result)
    assert f"{out}.tbi" in line and "directory" in line, line
    assert md5(out) == before and {p.name: md5(p) for p in tmp_path.glob("old*")} == reports
    assert not [n for n in os.listdir(tmp_path) if ".partial" in n]


def test_a_read_only_index_is_not_replaced(tmp_path):
    out = tmp_path / "ro.vcf.gz"
    assert run("annotate", SNVS, "-o", out, "-W", "csi").returncode == 0
    index = tmp_path / "ro.vcf.gz.csi"
    index.chmod(0o444)
    before, index_before = md5(out), md5(index)
    line = one_error(run("annotate", SNVS, "-o", out, "-W", "csi", "--min-vaf", "0.2"))
    assert str(index) in line and "read-only" in line, line
    assert md5(out) == before and md5(index) == index_before
    assert stat_mode(index) == 0o444
    assert not [n for n in os.listdir(tmp_path) if ".partial" in n]


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_report_file_that_became_read_only_keeps_the_vcf_as_it_was(tmp_path):
    """The report set is renamed after the VCF; its paths are checked before the VCF's rename too."""
    out = tmp_path / "a.vcf"
    assert run("annotate", SNVS, "-o", out, "--report", tmp_path / "rep").returncode == 0
    (tmp_path / "rep.json").chmod(0o444)
    before = md5(out)
    line = one_error(run("annotate", SNVS, "-o", out, "--report", tmp_path / "rep", "--min-vaf", "0.2"))
    assert "rep.json" in line and "read-only" in line, line
    assert md5(out) == before


# ------------------------------------------------------------------------------------------------
# seventh reading, finding 11: the stale index of the replaced file
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("index_option", [["-W", "tbi"], []])
def test_a_read_only_stale_index_stops_the_run_before_anything_is_replaced(tmp_path, index_option):
    """-W csi refuses the read-only .csi; -W tbi (or no -W) must not delete it as stale either, nor replace the
    data under it."""
    out = tmp_path / "o.vcf.gz"
    assert run("annotate", SNVS, "-o", out, "-W", "csi", "--report", tmp_path / "rep").returncode == 0
    index = tmp_path / "o.vcf.gz.csi"
    index.chmod(0o444)
    before = {p.name: md5(p) for p in tmp_path.iterdir()}
    line = one_error(run("annotate", SNVS, "-o", out, *index_option, "--report", tmp_path / "rep", "--min-vaf", "0.2"))
    assert line == (
        f"alkannot: error: {index}: an index of {out}, which this run would replace, is read-only: it would no "
        "longer fit the new file; nothing replaced (remove the index or make it writable)"
    )
    assert {p.name: md5(p) for p in tmp_path.iterdir()} == before  # no .tbi, no partial file, reports as they were
    assert stat_mode(index) == 0o444


def test_a_stale_index_link_is_removed_as_a_link(tmp_path):
    """Results published as links (Nextflow publishDir mode 'symlink'): -W tbi over LINK.vcf.gz whose LINK.csi
    points at the stored index. The link is removed, not left dangling; the stored .csi goes because it is the
    index beside the replaced stored file, as without the link."""
    store = tmp_path / "store"
    store.mkdir()
    assert run("annotate", SNVS, "-o", store / "x.vcf.gz", "-W", "csi").returncode == 0
    link, index_link = tmp_path / "link.vcf.gz", tmp_path / "link.vcf.gz.csi"
    link.symlink_to(store / "x.vcf.gz")
    index_link.symlink_to(store / "x.vcf.gz.csi")
    result = run("annotate", SNVS, "-o", link, "-W", "tbi", "--min-vaf", "0.2", text=True)
    assert result.returncode == 0, result.stderr
    warnings = [l for l in result.stderr.splitlines() if "removed" in l]
    assert warnings == [
        f"alkannot: WARNING: removed the link {index_link} (to {store / 'x.vcf.gz.csi'}): an index of the file "
        "this run replaced, which no longer fits it",
        f"alkannot: WARNING: removed {store / 'x.vcf.gz.csi'}: an index of the file this run replaced, which no "
        "longer fits it",
    ]
    assert not os.path.lexists(index_link) and link.is_symlink()
    assert sorted(os.listdir(tmp_path)) == ["link.vcf.gz", "link.vcf.gz.tbi", "store"]
    assert os.listdir(store) == ["x.vcf.gz"] and region_count(link) == 1


def test_a_stale_index_link_to_another_file_leaves_that_file(tmp_path):
    """LINK.csi points at the index of an unrelated file: only the link goes; the other file's index stays."""
    other = tmp_path / "other"
    other.mkdir()
    assert run("annotate", SNVS, "-o", other / "y.vcf.gz", "-W", "csi").returncode == 0
    kept = md5(other / "y.vcf.gz.csi")
    out, index_link = tmp_path / "p.vcf.gz", tmp_path / "p.vcf.gz.csi"
    assert run("annotate", SNVS, "-o", out).returncode == 0
    index_link.symlink_to(other / "y.vcf.gz.csi")
    result = run("annotate", SNVS, "-o", out, "-W", "tbi", "--min-vaf", "0.2", text=True)
    assert result.returncode == 0, result.stderr
    assert [l for l in result.stderr.splitlines() if "removed" in l] == [
        f"alkannot: WARNING: removed the link {index_link} (to {other / 'y.vcf.gz.csi'}): an index of the file "
        "this run replaced, which no longer fits it"
    ]
    assert not os.path.lexists(index_link) and md5(other / "y.vcf.gz.csi") == kept
    assert region_count(out) == 1


def test_a_read_only_index_behind_the_link_stops_the_run(tmp_path):
    """The stored .csi beside the replaced stored file is read-only: exit 3 naming it; the link and both files stay."""
    store = tmp_path / "store"
    store.mkdir()
    assert run("annotate", SNVS, "-o", store / "x.vcf.gz", "-W", "csi").returncode == 0
    (store / "x.vcf.gz.csi").chmod(0o444)
    link, index_link = tmp_path / "link.vcf.gz", tmp_path / "link.vcf.gz.csi"
    link.symlink_to(store / "x.vcf.gz")
    index_link.symlink_to(store / "x.vcf.gz.csi")
    before = md5(store / "x.vcf.gz")
    line = one_error(run("annotate", SNVS, "-o", link, "-W", "tbi", "--min-vaf", "0.2"))
    assert line.startswith(f"alkannot: error: {store / 'x.vcf.gz.csi'}: an index of {link}, which this run"), line
    assert index_link.is_symlink() and md5(store / "x.vcf.gz") == before
    assert sorted(os.listdir(tmp_path)) == ["link.vcf.gz", "link.vcf.gz.csi", "store"]


# ------------------------------------------------------------------------------------------------
# finding 4: plain gzip input, spooled by alkannot: the requested level is honoured
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def plain_gzip(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("plaingz")
    text = generated_vcf(folder / "big.vcf", 60000)
    plain = folder / "big.vcf.gz"
    with text.open("rb") as source, gzip.open(plain, "wb", compresslevel=6) as sink:
        sink.write(source.read())
    assert plain.stat().st_size > scan.FULL_PARSE_BELOW  # large enough for the byte-level pass and the splice
    return plain


def _stored_share(path: Path) -> float:
    """Share of non-empty BGZF blocks whose deflate data is stored (level 0)."""
    import struct

    data, at, stored, total = path.read_bytes(), 0, 0, 0
    while at < len(data):
        size = struct.unpack_from("<H", data, at + 16)[0] + 1
        if struct.unpack_from("<I", data, at + size - 4)[0]:
            total += 1
            stored += data[at + 18] & 0b110 == 0
        at += size
    return stored / total


def _text(path: Path) -> list[bytes]:
    return [l for l in gzip.decompress(path.read_bytes()).splitlines() if not l.startswith(b"##alkannotCommand")]


@pytest.mark.parametrize("stdin", [False, True])
def test_a_plain_gzip_input_takes_the_requested_level(tmp_path, plain_gzip, stdin):
    sizes = {}
    texts = []
    for name, options in [
        ("one", ["-Oz1"]),
        ("nine", ["-Oz9"]),
        ("l9", ["-Oz", "-l", "9"]),
        ("zero", ["-Oz0"]),
        ("six", ["-Oz6"]),
        ("default", ["-Oz"]),
    ]:
        out = tmp_path / f"{name}.vcf.gz"
        if stdin:
            result = run("annotate", "-", "-o", out, *options, stdin=plain_gzip.read_bytes())
        else:
            result = run("annotate", plain_gzip, "-o", out, *options)
        assert result.returncode == 0, result.stderr
        sizes[name] = out.stat().st_size
        texts.append(_text(out))
    assert all(text == texts[0] for text in texts)
    assert sizes["nine"] < sizes["one"] * 0.9 and sizes["l9"] < sizes["one"] * 0.9
    # no level asked: the default 6, as for any other input (the BCF review of stop 37, finding 3; level 1 before)
    assert abs(sizes["default"] - sizes["six"]) < 100 < sizes["one"] - sizes["six"]  # the command line differs
    assert _stored_share(tmp_path / "zero.vcf.gz") == 1.0 and sizes["zero"] > 2.5 * sizes["one"]
