"""The knowledge base as read and checked once, kept between runs (issue 13, small files).

Reading and checking the knowledge base's TSV files takes about 10-15 ms of every run (a tenth of the 4-record
example's time); loading the same knowledge base from a pickle takes under 1 ms. The pickle is written by the run
that read and checked the files, into the user's cache folder (`$XDG_CACHE_HOME/alkannot`, else `~/.cache/alkannot`,
made with mode 0700; not the temporary folder, which a run leaves as it found it), and is used only where everything
it was made from is the same:

- the knowledge base's content: its files' bytes, read afresh on every run and compared with the copy the cache file
  keeps (a comparison, not the SHA256 the output's header records, which was computed when the files were read and
  checked: hashing them on every run cost about 15 M instructions of the 4-record example, issue 13; a checksum of
  the bytes, CRC-32, only picks the file), and the directory it was read from (`--kb DIR` or the bundled one);
- alkannot's code: its version, the Python version, and the size and modification time of each of its modules
  (an edited checkout or a reinstall of the same version makes another file), as one text the cache file keeps and
  compares (its CRC-32 picks the file);
- the kinase-domain bounds the knowledge base carries (resources/transcript/regions.tsv), checked after loading.

The bundled tables' values every run makes (table_cache.py) are kept beside it, used where the tables' bytes are the
same.

A folder that is not the user's own, not a folder, or open to others (group or world writable) is not used (the
pickle would run another user's code). A cache that cannot be made, read or written is no cache: the files are read
and checked as before, and nothing is said. The folder can be removed at any time; it keeps the 16 most recent files."""

from __future__ import annotations

import gc
import os
import stat
import sys
import time
import zlib
from typing import TYPE_CHECKING, Any, Callable

from . import __version__
from .bundle import sha256_digest
from .table_cache import files_content
from .table_cache import use as use_tables

if TYPE_CHECKING:
    from .knowledge import KnowledgeBase

KEPT = 16  # files kept in the folder: a few versions and --kb directories
PREFIX = "kb-"
SUFFIX = ".pickle"
STALE_NS = 3600 * 10**9  # a half-written file older than this is a stopped run's
_RECORDS = __name__.rsplit(".", 1)[0] + ".records"  # the module of the record classes' own __init__ (_pickler)


def cached_read(directory: str | None, files: Callable[[], bytes], read: Callable[[], KnowledgeBase]) -> KnowledgeBase:
    """The knowledge base (`directory`: None for the bundled one, else --kb as given) whose files' content is
    `files()` (kbfiles.kb_content, what its SHA256 digests): from the cache where it holds this very content read by
    this very code, else `read()` (which checks every file and raises InputError naming the file and line), then kept
    for the next run."""
    try:
        content = files()
    except OSError:  # a missing or unreadable file: `read` names it
        return read()
    folder = _folder()
    code = _code(directory) if folder is not None else None
    if folder is None or code is None:
        return read()
    name = _file_name(content, code)
    found = _load(os.path.join(folder, name), content, directory, code)
    if found is not None:
        return found
    kb = read()
    if kb.sha256 == _sha256(content):  # the files not changed while they were read
        _store(folder, name, content, kb, code)
    return kb


def _sha256(content: bytes) -> str:
    digest = sha256_digest()
    digest.update(content)
    return digest.hexdigest()


def cache_folder() -> str:
    """`$XDG_CACHE_HOME/alkannot`, else `~/.cache/alkannot` (where it would be; it may not exist)."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):  # unset, empty or relative: ignored, as the XDG specification says
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "alkannot")


def _folder() -> str | None:
    """The cache folder, made if missing, where it is the user's own folder, not writable by others; else None."""
    folder = cache_folder()
    try:
        os.makedirs(folder, 0o700, exist_ok=True)
        st = os.lstat(folder)
    except (OSError, ValueError):  # no home folder, a read-only one (a container), or a file in the way
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o022:
        return None
    return folder


def _code(directory: str | None) -> bytes | None:
    """Where the knowledge base was read from and the code that reads it: alkannot's version, Python's, and each
    module's path, size and modification time, as one text (kept in the cache file and compared); None where a
    module cannot be listed."""
    origin = "bundled" if directory is None else f"dir:{directory}"
    try:
        modules = "".join(f"{path}\0{size}\0{mtime}\0" for path, size, mtime in _modules())
    except OSError:
        return None
    return f"{__version__}\0{sys.version}\0{origin}\0{modules}".encode("utf-8", "surrogateescape")


def _file_name(content: bytes, code: bytes) -> str:
    """The cache file's name: CRC-32s of the code's text and of the content, and the content's length. It only picks
    the file: the file keeps both, compared byte for byte before it is used (a SHA256 of the code's text, with its
    module's import, cost about 1.2 M instructions a run, issue 13)."""
    return f"{PREFIX}{zlib.crc32(code):08x}{zlib.crc32(content):08x}{len(content):x}{SUFFIX}"


def _modules() -> list[tuple[str, int, int]]:
    """(path, size, modification time) of each of alkannot's modules: the classes the pickle holds are theirs."""
    here = os.path.dirname(os.path.abspath(__file__))
    found = []
    for folder in (here, os.path.join(here, "report")):
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    st = entry.stat()
                    found.append((entry.path, st.st_size, st.st_mtime_ns))
    return sorted(found)


def _load(file: str, content: bytes, directory: str | None, code: bytes) -> KnowledgeBase | None:
    """The knowledge base the file holds, where it was read from this very content by this very code (the copies the
    file keeps beside it) and is the one asked for; None for a missing, cut or foreign file."""
    try:  # the C unpickler that pickle.load is, without pickle.py's module body (about 5 M instructions, issue 13)
        from _pickle import load
    except ImportError:  # another Python than CPython
        from pickle import load

    from .knowledge import KnowledgeBase
    from .transcript import kinase_domain

    collecting = gc.isenabled()  # off while the knowledge base's objects are made: they live as long as the run, so
    gc.disable()  # the collections they set off find nothing to free (as alkannot.__main__ says; issue 13)
    try:
        with open(file, "rb") as handle:
            kept = load(handle)
    except Exception:  # missing, cut, or not a pickle alkannot wrote: read the files instead
        return None
    finally:
        if collecting:
            gc.enable()
    if type(kept) is not tuple or len(kept) != 4:
        return None
    kept_content, kb, tables, kept_code = kept
    origin = "bundled" if directory is None else str(directory)
    if (
        type(kb) is not KnowledgeBase
        or kept_content != content
        or kept_code != code
        or kb.origin != origin
        or kb.kinase_domain != kinase_domain()
    ):
        return None
    use_tables(tables)
    return kb


def _store(folder: str, name: str, content: bytes, kb: KnowledgeBase, code: bytes) -> None:
    """Write (the content the knowledge base was read from, the knowledge base with the lookups that depend on it
    alone made first (KnowledgeBase.precompute, and the P-gp note's: pgp_effects.precompute; the memos of the run's
    own questions still empty), the bundled tables' values, the code's text) next to its final name, then rename it
    into place, so that a run never reads half a file; keep the KEPT most recent files."""
    from .pgp_effects import precompute as precompute_pgp

    temporary = os.path.join(folder, f".{name}.{os.getpid()}")
    try:
        kb.precompute()
        precompute_pgp(kb)
        kept = (content, kb, _tables(), code)
        with open(temporary, "wb") as handle:
            _pickler(handle).dump(kept)
        os.replace(temporary, os.path.join(folder, name))
    except Exception:  # a full or read-only temporary folder, or an object pickle cannot write: no cache
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return
    _prune(folder)


def _pickler(handle: Any) -> Any:
    """A pickler that writes a record without `__post_init__` (records.py: a Statement, a Source, a Note ...) as its
    class called with its fields' values, and the values its `derived` properties kept, where there are any: loading
    one then costs a call of its `__init__`, not an empty instance's state set key by key (about 3 M instructions of
    the 4-record example's load, issue 13). Any other object as pickle writes it."""
    import pickle

    class _Pickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            cls = type(obj)
            fields = cls.__dict__.get("__record_fields__")
            # records.py's own __init__ (made on first use, or the lazy one that makes it), which stores the values
            # it is given and nothing else; not a class's own __init__ or __post_init__
            made = getattr(cls.__dict__.get("__init__"), "__module__", "") in (None, _RECORDS)
            if fields is None or not made or hasattr(cls, "__post_init__"):
                return NotImplemented
            state = obj.__dict__
            kept = {name: value for name, value in state.items() if name not in fields}
            return cls, tuple(state[name] for name in fields), kept or None

    return _Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)


def _tables() -> tuple[bytes, dict[tuple, bytes]]:
    """The bundled tables' values (table_cache), made afresh from the files, not from this run's memos, each pickled
    apart, with the files' bytes read before they were made. A transcript's known bases and reference translation
    (Transcript.known_runs, reference_translation, made from the transcript folder's tables alone) are made first and
    kept with it: about 0.5 ms a run (issue 13)."""
    import pickle

    from .genome import gene_spans_made
    from .offtarget_screen import bypass_statements_made
    from .transcript import BUILDS, transcript_made
    from .triage_statements import statements_made

    content = files_content()
    values: dict[tuple, Any] = {("statements",): statements_made(), ("bypass statements",): bypass_statements_made()}
    for build in BUILDS:
        values[("gene spans", build)] = gene_spans_made(build)
        for gene in ("ALK", "EML4"):
            made = values[("transcript", build, gene)] = transcript_made(build, gene)
            made.known_runs, made.reference_translation  # `derived` values of the bundled tables alone, kept
    return content, {key: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for key, value in values.items()}


def _prune(folder: str) -> None:
    """Keep the KEPT most recent cache files; remove a half-written one (a run stopped while writing it) after an
    hour, so that stopped runs cannot fill the folder."""
    stale = time.time_ns() - STALE_NS
    try:
        with os.scandir(folder) as entries:
            found = [(e.stat().st_mtime_ns, e.name, e.path) for e in entries]
        kept = sorted(((mtime, path) for mtime, name, path in found if name.startswith(PREFIX)), reverse=True)
        partial = [path for mtime, name, path in found if name.startswith("." + PREFIX) and mtime < stale]
        for path in [path for _, path in kept[KEPT:]] + partial:
            os.unlink(path)
    except OSError:
        pass


__all__ = ["KEPT", "cache_folder", "cached_read"]
