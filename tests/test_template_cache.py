"""The compiled HTML template is cached between runs (Jinja2's bytecode cache in `$TMPDIR/_jinja2-cache-<uid>`,
keyed by the template's source checksum): compiling it took about 60 ms of every report (issue 13, region mode).
A cut or foreign cache file, or a cache folder Jinja2 refuses, only costs the compile."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import readme_example


def report_with_tmpdir(tmpdir: Path, prefix: Path) -> str:
    old = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(tmpdir)  # the run's child process inherits it
    try:
        result = readme_example(prefix)
    finally:
        if old is None:
            del os.environ["TMPDIR"]
        else:
            os.environ["TMPDIR"] = old
    assert result.returncode == 0, result.stderr
    return prefix.with_suffix(".html").read_text()


def test_the_template_is_compiled_once_and_the_page_is_the_same(tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    first = report_with_tmpdir(scratch, tmp_path / "a")
    cached = sorted((scratch / f"_jinja2-cache-{os.getuid()}").glob("*.cache"))
    assert cached, list(scratch.rglob("*"))
    stamps = [p.stat().st_mtime_ns for p in cached]
    second = report_with_tmpdir(scratch, tmp_path / "a")
    assert second == first
    assert [p.stat().st_mtime_ns for p in cached] == stamps  # read, not written again


def test_a_cut_cache_file_is_compiled_again(tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    first = report_with_tmpdir(scratch, tmp_path / "a")
    cached = list((scratch / f"_jinja2-cache-{os.getuid()}").glob("__alkannot-*.cache"))
    assert cached
    sizes = {path: path.stat().st_size for path in cached}
    for path in cached:
        path.write_bytes(path.read_bytes()[:40])  # cut inside the checksum
    second = report_with_tmpdir(scratch, tmp_path / "a")
    assert second == first
    assert {path: path.stat().st_size for path in cached} == sizes  # compiled again and written whole


def test_a_cache_folder_jinja2_refuses_means_no_cache_not_an_error(tmp_path):
    """`_jinja2-cache-<uid>` that is a file (or not the user's own, mode 0700) is refused by Jinja2 (RuntimeError or
    OSError): the page is compiled and written as without a cache."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    (scratch / f"_jinja2-cache-{os.getuid()}").write_text("not a folder\n")
    page = report_with_tmpdir(scratch, tmp_path / "a")
    assert "<html" in page and "P7_T" in page
    assert (scratch / f"_jinja2-cache-{os.getuid()}").read_text() == "not a folder\n"


def test_the_cache_name_carries_alkannots_and_jinja2s_versions(tmp_path, monkeypatch):
    """Compiled code depends on the environment's settings and Jinja2's runtime, not only on the template's source:
    another alkannot or Jinja2 version never reads this one's files."""
    import jinja2

    from alkannot import __version__
    from alkannot.report import html

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    cache = html.environment().bytecode_cache
    assert isinstance(cache, jinja2.FileSystemBytecodeCache)
    assert cache.pattern.startswith(f"__alkannot-{__version__}-jinja2-{jinja2.__version__}-")
    assert cache.directory == str(tmp_path / f"_jinja2-cache-{os.getuid()}")
