"""The knowledge base kept between runs (alkannot/kb_cache.py, issue 13): a run that finds the same content read by
the same code loads it from the cache (`$XDG_CACHE_HOME/alkannot`), equal in every field to a fresh read; a changed
knowledge base, other code, a cut cache file or a folder writable by others is never used; the outputs are
byte-identical with and without it, and the temporary folder is left as it was."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alkannot import kb_cache
from alkannot.errors import InputError
from alkannot.kbfiles import _read, bundled_directory, kb_content, kb_sha256

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"


@pytest.fixture
def temporary(tmp_path, monkeypatch) -> Path:
    """A cache home of the test's own as $XDG_CACHE_HOME."""
    folder = tmp_path / "cache-home"
    folder.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


class Reads:
    """`read` for cached_read that counts how often the files were read."""

    def __init__(self, path: str, directory: str | None) -> None:
        self.path, self.directory, self.count = path, directory, 0

    def __call__(self):
        self.count += 1
        return _read(self.path, self.directory)


def _files(temporary: Path) -> list[Path]:
    return sorted((temporary / "alkannot").glob("kb-*.pickle"))


def test_the_second_read_comes_from_the_cache_and_equals_a_fresh_read(temporary):
    path = str(bundled_directory())
    reads = Reads(path, None)
    first = kb_cache.cached_read(None, lambda: kb_content(path), reads)
    assert reads.count == 1 and len(_files(temporary)) == 1
    folder = temporary / "alkannot"
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0
    second = kb_cache.cached_read(None, lambda: kb_content(path), reads)
    assert reads.count == 1, "the second run read the files again"
    assert second is not first and second == first
    # every field, the ones equality skips (memos, indexes) too, and every statement's
    assert vars(second).keys() == vars(first).keys()
    for name in vars(first):
        assert vars(second)[name] == vars(first)[name], name
    assert [vars(s) for s in second.statements] == [vars(s) for s in first.statements]
    # and it answers as the fresh one does
    for change, position in (("G1202R", 1202), ("L1196M", 1196), ("I1171N", 1171), ("V1180L", 1180)):
        assert second.call_variant(change, position, True) == first.call_variant(change, position, True)
    assert second.call_compound(["G1202R", "L1196M"], "cis") == first.call_compound(["G1202R", "L1196M"], "cis")


def test_a_changed_knowledge_base_is_read_and_checked_again(temporary, tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(bundled_directory(), kb)
    reads = Reads(str(kb), str(kb))
    before = kb_cache.cached_read(str(kb), lambda: kb_content(str(kb)), reads)
    notes = kb / "notes.tsv"
    notes.write_text(notes.read_text() + "\n")  # another content, the same meaning
    after = kb_cache.cached_read(str(kb), lambda: kb_content(str(kb)), reads)
    assert reads.count == 2 and after.sha256 != before.sha256
    # a broken file is refused as without the cache, naming it, and nothing is kept for it
    calls = kb / "calls.tsv"
    calls.write_text(calls.read_text().replace("\tresistant\t", "\tresistent\t", 1))
    with pytest.raises(InputError, match="calls.tsv"):
        kb_cache.cached_read(str(kb), lambda: kb_content(str(kb)), reads)
    assert len(_files(temporary)) == 2


def test_the_bundled_and_a_copy_of_it_are_kept_apart(temporary, tmp_path):
    """The same content from --kb DIR carries its own origin ('bundled' or the directory) into the output."""
    kb = tmp_path / "kb"
    shutil.copytree(bundled_directory(), kb)
    bundled = kb_cache.cached_read(
        None, lambda: kb_content(str(bundled_directory())), Reads(str(bundled_directory()), None)
    )
    copied = kb_cache.cached_read(str(kb), lambda: kb_content(str(kb)), Reads(str(kb), str(kb)))
    assert (bundled.origin, copied.origin) == ("bundled", str(kb))
    assert len(_files(temporary)) == 2


def test_other_code_makes_another_file(temporary, monkeypatch):
    path = str(bundled_directory())
    reads = Reads(path, None)
    kb_cache.cached_read(None, lambda: kb_content(path), reads)
    modules = kb_cache._modules()
    edited = [(name, size + 1, mtime) for name, size, mtime in modules[:1]] + modules[1:]
    monkeypatch.setattr(kb_cache, "_modules", lambda: edited)
    kb_cache.cached_read(None, lambda: kb_content(path), reads)
    assert reads.count == 2 and len(_files(temporary)) == 2


def test_a_cut_or_foreign_cache_file_is_read_past(temporary):
    path = str(bundled_directory())
    reads = Reads(path, None)
    fresh = kb_cache.cached_read(None, lambda: kb_content(path), reads)
    (cached,) = _files(temporary)
    cached.write_bytes(cached.read_bytes()[:1000])  # cut
    assert kb_cache.cached_read(None, lambda: kb_content(path), reads) == fresh and reads.count == 2
    # the read replaced it with a whole one
    assert kb_cache.cached_read(None, lambda: kb_content(path), reads) == fresh and reads.count == 2
    cached.write_bytes(b"not a pickle")
    assert kb_cache.cached_read(None, lambda: kb_content(path), reads) == fresh and reads.count == 3
    # a pickle of something else than a knowledge base
    import pickle

    cached.write_bytes(pickle.dumps({"sha256": fresh.sha256}))
    assert kb_cache.cached_read(None, lambda: kb_content(path), reads) == fresh and reads.count == 4


def test_a_file_kept_for_other_bytes_is_not_used_whatever_its_name(temporary):
    """The cache file's name comes from a CRC-32 of the content: the content it keeps is compared byte for byte, so
    a file kept for other bytes (a CRC-32 and length that collide) is read past, never loaded."""
    import pickle

    path = str(bundled_directory())
    reads = Reads(path, None)
    fresh = kb_cache.cached_read(None, lambda: kb_content(path), reads)
    (cached,) = _files(temporary)
    content, kb, tables, code = pickle.loads(cached.read_bytes())
    assert content == kb_content(path) and kb == fresh and kb.sha256 == kb_sha256(path)
    cached.write_bytes(pickle.dumps((content[:-2] + b"x\0", kb, tables, code)))
    assert kb_cache.cached_read(None, lambda: kb_content(path), reads) == fresh and reads.count == 2
    # nor one kept for other code (a CRC-32 of the code's text that collides)
    cached.write_bytes(pickle.dumps((content, kb, tables, code + b"an edited module\0")))
    assert kb_cache.cached_read(None, lambda: kb_content(path), reads) == fresh and reads.count == 3


def test_a_folder_others_can_write_is_not_used(temporary):
    folder = temporary / "alkannot"
    folder.mkdir(mode=0o700)
    folder.chmod(0o777)
    path = str(bundled_directory())
    reads = Reads(path, None)
    kb_cache.cached_read(None, lambda: kb_content(path), reads)
    kb_cache.cached_read(None, lambda: kb_content(path), reads)
    assert reads.count == 2 and not _files(temporary)


def test_a_file_in_place_of_the_folder_and_a_cache_home_that_cannot_be_made(temporary, monkeypatch):
    (temporary / "alkannot").write_text("a file, not a folder")
    path = str(bundled_directory())
    reads = Reads(path, None)
    kb_cache.cached_read(None, lambda: kb_content(path), reads)
    kb_cache.cached_read(None, lambda: kb_content(path), reads)
    assert reads.count == 2
    monkeypatch.setenv("XDG_CACHE_HOME", str(temporary / "alkannot" / "below-a-file"))
    kb_cache.cached_read(None, lambda: kb_content(path), reads)
    assert reads.count == 3
    # a relative XDG_CACHE_HOME is ignored (XDG): ~/.cache is used
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert kb_cache.cache_folder() == os.path.join(os.path.expanduser("~"), ".cache", "alkannot")


def test_the_folder_keeps_the_most_recent_files(temporary, monkeypatch):
    path = str(bundled_directory())
    reads = Reads(path, None)
    modules = kb_cache._modules()
    for i in range(kb_cache.KEPT + 3):
        monkeypatch.setattr(kb_cache, "_modules", lambda i=i: [(n, s + i, m) for n, s, m in modules])
        kb_cache.cached_read(None, lambda: kb_content(path), reads)
    assert len(_files(temporary)) == kb_cache.KEPT


def test_the_output_is_the_same_with_and_without_the_cache(tmp_path):
    """README's example through the installed entry point, three times: an empty cache (the files read and the
    cache written), the cache read, and a cache home where no cache can be made; the temporary folder is left empty."""
    outputs = []
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "alkannot").write_text("not a folder")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    for run, folder in enumerate([tmp_path / "fresh", tmp_path / "fresh", closed]):
        folder.mkdir(exist_ok=True)
        out = tmp_path / f"out{run}.vcf"
        done = subprocess.run(
            ["alkannot", "annotate", str(EXAMPLE), "-o", str(out), "--report", str(tmp_path / f"report{run}")],
            env={**os.environ, "XDG_CACHE_HOME": str(folder), "TMPDIR": str(temporary)},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(
            (
                [line for line in out.read_text().splitlines() if not line.startswith("##alkannotCommand")],
                (tmp_path / f"report{run}.tsv").read_text(),
                done.stderr.replace(f"report{run}", "report").replace(f"out{run}", "out"),
            )
        )
    assert len(list((tmp_path / "fresh" / "alkannot").glob("kb-*.pickle"))) == 1
    assert outputs[0] == outputs[1] == outputs[2]
    # the HTML report's compiled template is kept in the temporary folder by Jinja2 (README, "Speed"); nothing else
    assert [p.name for p in temporary.iterdir() if not p.name.startswith("_jinja2-cache")] == []


def test_a_half_written_file_of_a_stopped_run_is_removed_after_an_hour(temporary):
    """A run stopped (SIGTERM) while it wrote the cache leaves '.kb-....pickle.<pid>': the next write removes one
    older than an hour, and leaves a newer one (another run may be writing it)."""
    path = str(bundled_directory())
    folder = temporary / "alkannot"
    folder.mkdir(mode=0o700)
    old, new = folder / ".kb-old.pickle.123", folder / ".kb-new.pickle.456"
    for partial in (old, new):
        partial.write_bytes(b"cut")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    kb_cache.cached_read(None, lambda: kb_content(path), Reads(path, None))
    assert not old.exists() and new.exists() and len(_files(temporary)) == 1


def test_an_edited_checkout_never_loads_what_its_earlier_code_kept(tmp_path):
    """A checkout of alkannot (a copy of the package and its resources, run in a new interpreter each time): a
    module touched (its bytes kept, its modification time one second later) or edited in place (a line added)
    reads the knowledge base's files again instead of loading the pickle the earlier code wrote; the unchanged
    code then loads its own."""
    checkout = tmp_path / "checkout"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "alkannot", checkout / "alkannot", ignore=ignore)
    shutil.copytree(ROOT / "resources", checkout / "resources", ignore=ignore)
    script = (
        "from alkannot import kbfiles\n"
        "reads = []\n"
        "read = kbfiles._read\n"
        "kbfiles._read = lambda *args: reads.append(args) or read(*args)\n"
        "kb = kbfiles.read_knowledge_base()\n"
        "print(kbfiles.__file__, len(reads), kb.sha256)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(checkout), "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def reads() -> int:
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
        )
        module, count, sha = done.stdout.split()
        assert module == str(checkout / "alkannot" / "kbfiles.py") and sha == kb_sha256(bundled_directory())
        return int(count)

    assert (reads(), reads()) == (1, 0)
    edited = checkout / "alkannot" / "genotype.py"
    st = edited.stat()
    os.utime(edited, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert (reads(), reads()) == (1, 0)
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    assert (reads(), reads()) == (1, 0)
    assert len(list((tmp_path / "cache" / "alkannot").glob("kb-*.pickle"))) == 3


def test_a_run_that_loads_the_cache_imports_only_the_c_unpickler(tmp_path):
    """Loading the kept knowledge base takes pickle's C unpickler (_pickle.load, which pickle.load is) without
    pickle.py (about 5 M instructions of the 4-record example, issue 13); the run that writes the cache imports it."""
    script = (
        "import sys\n"
        "from alkannot.kbfiles import read_knowledge_base\n"
        "kb = read_knowledge_base()\n"
        "print('pickle' in sys.modules, '_pickle' in sys.modules, kb.sha256)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
        )
        for _ in range(2)
    ]
    sha = kb_sha256(bundled_directory())
    assert [run.stdout.split() for run in runs] == [["True", "True", sha], ["False", "True", sha]]
