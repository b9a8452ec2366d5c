"""The compiled HTML template is cached between runs (Jinja2's bytecode cache in `$TMPDIR/_jinja2-cache-<uid>`,
keyed by the template's source checksum): compiling it took about 60 ms of every report (issue 13, region mode).
A cut or foreign cache file only costs the compile; an unusable $TMPDIR is no error."""

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
    for path in (scratch / f"_jinja2-cache-{os.getuid()}").glob("*.cache"):
        path.write_bytes(path.read_bytes()[:40])  # cut inside the checksum
    second = report_with_tmpdir(scratch, tmp_path / "a")
    assert second == first


def test_an_unusable_temporary_folder_is_no_error(tmp_path):
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x\n")
    page = report_with_tmpdir(a_file, tmp_path / "a")
    assert "<html" in page and "P7_T" in page
