"""A large BCF input is read as VCF text: pysam's bundled `bcftools view`, in a child process, converts it once
into a nameless spool (plain text for a text output, BGZF at the output's level for a bgzipped one, at level 1 for a
BCF output), which the byte-level pass 1 and the splice then read as they read a VCF (issue 13: reading every
record of a BCF through pysam ran at 0.2-0.3x the speed of `bcftools view`). The text is htslib's own rendering of
each record, the bytes the record-by-record path writes. A BCF output (-O b/u) is not written from the text: pass 2
splices it from the BCF itself (bcf_splice.py), so that every value keeps its bits.

Not taken: under --strict (htslib judges every record) and for a small BCF (FULL_PARSE_BELOW: the per-record path is
quick there). A BCF that bcftools cannot read whole (truncated, corrupt) is read record by record instead, whose
error names the record; so is one whose VCF text finds no room in $TMPDIR or whose converter cannot be started (a
warning says which), one whose text the byte-level pass refuses (a string holding a tab, which text cannot carry:
annotate.py's BcfAsText retry), and one whose text holds another number of records than the BCF (a string holding a
newline, which splits a record in two: the BCF's records are counted from its bytes beside the conversion,
`_count_records`, before pass 1 reads any of the text) (the BCF review of stop 37, findings 1 and 2).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import ExitStack, contextmanager
from typing import IO, TYPE_CHECKING, Iterator

from .errors import InputError
from .interrupts import deferred
from .log import log
from .options import AnnotateOptions
from .scan import FULL_PARSE_BELOW
from .spool import anonymous_spool
from .vcfio import is_bcf

if TYPE_CHECKING:
    import subprocess

    from .bcf_layout import BcfLayout


CHUNK = 1 << 20
# the child: pysam's bcftools, BCF on standard input, VCF text on standard output; exit status 4 when it failed
_CHILD = (
    "import signal, sys\n"
    "for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE): signal.signal(s, signal.SIG_DFL)\n"
    "import pysam.utils\n"
    "from pysam import bcftools\n"
    "try:\n"
    "    bcftools.view('--no-version', '-O', 'v', '-o', '-', *sys.argv[1:], '-', catch_stdout=False)\n"
    "except pysam.utils.SamtoolsError as exc:\n"
    "    print(' '.join(str(exc).split()), file=sys.stderr)\n"
    "    sys.exit(4)\n"
)


def converts(path: str, options: AnnotateOptions) -> bool:
    """Whether `path` (readable twice) is read as VCF text: a BCF of FULL_PARSE_BELOW bytes or more, without
    --strict. For a BCF output the text is pass 1's only: the output is spliced from the BCF (bcf_splice.py)."""
    if options.strict:
        return False
    try:
        return os.path.getsize(path) >= FULL_PARSE_BELOW and is_bcf(path)
    except OSError:
        return False  # the usual path says why


@contextmanager
def bcf_as_text(path: str, display: str, threads: int, level: int | None) -> Iterator[tuple[str, BcfLayout] | None]:
    """Yield the spool holding the BCF `path` as VCF text, BGZF at deflate `level` (a bgzipped output's blocks) or
    plain text where `level` is None (a text output, whose size the spool has anyway), with the BCF's layout (where
    its records are: bcf_layout.py), or None where bcftools could not read it whole, its records could not be
    counted, or $TMPDIR has no room for the text (the BCF is then read record by record, whose error names the
    record)."""
    with ExitStack() as stack:
        try:
            spool, readable = stack.enter_context(anonymous_spool(display))
        except InputError:  # $TMPDIR unusable: the BCF itself needs no room
            _no_room(OSError("cannot make a temporary file"), display)
            yield None
            return
        layout = _convert(path, display, spool, threads, level)
        yield None if layout is None else (readable, layout)


def _convert(path: str, display: str, spool: IO[bytes], threads: int, level: int | None) -> BcfLayout | None:
    """Convert into `spool`, the BCF's records counted (its layout learnt) beside it; None where that failed or the
    counts differ."""
    import subprocess  # not at start-up: only a large BCF input is converted
    from concurrent.futures import ThreadPoolExecutor

    from .bcf_layout import walk_bcf
    from .bgzf import BgzfWriter

    scratch = errors = None
    counting = ThreadPoolExecutor(max_workers=1)
    try:
        errors = tempfile.TemporaryFile()
        with deferred():  # pysam's bcftools keeps a capture file in TMPDIR: the child gets a folder of its own
            scratch = tempfile.mkdtemp(prefix="alkannot-bcf-")
        with open(path, "rb") as source:
            try:
                child = subprocess.Popen(
                    [sys.executable, "-c", _CHILD, *(["--threads", str(threads)] if threads > 0 else [])],
                    stdin=source,
                    stdout=subprocess.PIPE,
                    stderr=errors,
                    env={**os.environ, "TMPDIR": scratch},
                    start_new_session=True,  # Ctrl-C in a terminal reaches alkannot alone, which then stops the child
                )
            except OSError as exc:  # not TMPDIR's fault: the BCF is read in this process instead (pipe49, task 1)
                _not_started(exc, display)
                return None
        assert child.stdout is not None
        counted = counting.submit(walk_bcf, path, display)
        writer = _Plain(spool) if level is None else BgzfWriter(spool, max(0, threads), level=level)
        lines = _Lines()
        try:
            while block := child.stdout.read(CHUNK):
                writer.write(block)
                lines.feed(block)
            if child.wait() != 0:
                writer.abandon()
                _say_why(errors, display, child.returncode)
                return None
            writer.close()
            spool.flush()
        except OSError as exc:  # the spool's disk (a full $TMPDIR): the BCF itself needs no room
            writer.abandon()
            _no_room(exc, display)
            return None
        except BaseException:  # interrupted: the deflating threads stop too
            writer.abandon()
            raise
        finally:
            _stop(child)
        layout = counted.result()
        if layout is None or layout.records != lines.records:  # a string held a newline: two text records
            records = None if layout is None else layout.records
            log.debug("%s: %d text records for the BCF's %s: read record by record", display, lines.records, records)
            return None
        return layout
    except OSError as exc:  # no room for the child's folder or its capture file
        _no_room(exc, display)
        return None
    finally:
        counting.shutdown(wait=True, cancel_futures=True)
        if errors is not None:
            errors.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


class _Lines:
    """Counts the lines of a VCF text stream fed in blocks, and its header lines: those that start with '#' before
    the first that does not (a '#' after a newline inside a record's string is not one)."""

    def __init__(self) -> None:
        self.lines = self.header = 0
        self._in_header = True
        self._line_start = True  # the stream's start

    @property
    def records(self) -> int:
        return self.lines - self.header

    def feed(self, block: bytes) -> None:
        self.lines += block.count(b"\n")
        at = 0
        while self._in_header and at < len(block):
            if self._line_start:
                if block[at : at + 1] != b"#":
                    self._in_header = False
                    break
                self.header += 1
            end = block.find(b"\n", at)
            if end < 0:
                self._line_start = False
                return
            at, self._line_start = end + 1, True
        self._line_start = block[-1:] == b"\n"


class _Plain:
    """The spool as plain text, written as it comes: BgzfWriter's calls."""

    def __init__(self, handle: IO[bytes]):
        self._handle = handle

    def write(self, data: bytes) -> None:
        self._handle.write(data)

    def close(self) -> None:
        pass

    def abandon(self) -> None:
        pass


def _no_room(exc: OSError, display: str) -> None:
    log.warning(
        "%s: no room for its VCF text in %s (%s): read record by record instead, more slowly",
        display,
        tempfile.gettempdir(),
        exc.strerror or exc,
    )


def _not_started(exc: OSError, display: str) -> None:
    log.warning(
        "%s: its converter to VCF text, a child process running %s, could not be started (%s): read record by record "
        "instead, more slowly",
        display,
        sys.executable,
        exc.strerror or exc,
    )


def _stop(child: subprocess.Popen[bytes]) -> None:
    """The child ended, or is stopped: the run failed or was interrupted while it converted."""
    if child.returncode is None:
        import signal  # not at start-up: only a large BCF input is converted

        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert child.stdout is not None
    child.stdout.close()
    child.wait()


def _say_why(errors: IO[bytes], display: str, status: int) -> None:
    errors.seek(0)
    lines = errors.read().decode(errors="replace").strip().splitlines()
    last = " ".join((lines or [f"exit status {status}"])[-1].split())
    log.debug("%s: not read as VCF text (bcftools: %s); record by record instead", display, last)


class BcfAsText(Exception):
    """Pass 1 refused the VCF text of a BCF input (the reason is the message): annotate.py reads the BCF record by
    record."""


__all__ = ["BcfAsText", "bcf_as_text", "converts"]
