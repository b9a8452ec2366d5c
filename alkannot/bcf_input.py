"""A large BCF input annotated into VCF text (-O v/z) is read as VCF text: pysam's bundled `bcftools view`, in a
child process, converts it once into a nameless BGZF spool, which the byte-level pass 1 and the BGZF splice then
read as they read a bgzipped VCF (issue 13: reading every record of a BCF through pysam ran at 0.2-0.3x the speed of
`bcftools view`). The text is htslib's own rendering of each record, the bytes the record-by-record path writes.

Not taken: under --strict (htslib judges every record), for a small BCF (FULL_PARSE_BELOW: the per-record path is
quick there), and for BCF output (-O b/u): a BCF's values, floats among them, are carried bit for bit only
record by record, where text would print and parse them again. A BCF that bcftools cannot read whole (truncated,
corrupt) is read record by record instead, whose error names the record; so is one whose text the byte-level pass
refuses (a string holding a tab or a newline, which text cannot carry): annotate.py's BcfAsText retry.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Iterator

from .errors import InputError
from .interrupts import deferred
from .options import AnnotateOptions
from .scan import FULL_PARSE_BELOW
from .spool import anonymous_spool, spool_error
from .vcfio import is_bcf, output_type_for

if TYPE_CHECKING:
    import subprocess

log = logging.getLogger("alkannot")

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
    """Whether `path` (readable twice) is read as VCF text: a BCF of FULL_PARSE_BELOW bytes or more, annotated
    into VCF text without --strict."""
    if options.strict or output_type_for(options.output_path, options.output_type) not in ("v", "z"):
        return False
    try:
        return os.path.getsize(path) >= FULL_PARSE_BELOW and is_bcf(path)
    except OSError:
        return False  # the usual path says why


@contextmanager
def bcf_as_text(path: str, display: str, threads: int, level: int) -> Iterator[str | None]:
    """Yield the path of a BGZF spool (deflate `level`) holding the BCF `path` as VCF text, or None where bcftools
    could not read it whole (the BCF is then read record by record, whose error names the record)."""
    with anonymous_spool(display) as (spool, readable):
        yield readable if _convert(path, display, spool, threads, level) else None


def _convert(path: str, display: str, spool: IO[bytes], threads: int, level: int) -> bool:
    import subprocess  # not at start-up: only a large BCF input is converted

    from .bgzf import BgzfWriter

    scratch = None
    errors = tempfile.TemporaryFile()
    try:
        with deferred():  # pysam's bcftools keeps a capture file in TMPDIR: the child gets a folder of its own
            scratch = tempfile.mkdtemp(prefix="alkannot-bcf-")
        with open(path, "rb") as source:
            child = subprocess.Popen(
                [sys.executable, "-c", _CHILD, *(["--threads", str(threads)] if threads > 0 else [])],
                stdin=source,
                stdout=subprocess.PIPE,
                stderr=errors,
                env={**os.environ, "TMPDIR": scratch},
                start_new_session=True,  # Ctrl-C in a terminal reaches alkannot alone, which then stops the child
            )
        assert child.stdout is not None
        writer = BgzfWriter(spool, max(0, threads), level=level)
        try:
            while block := child.stdout.read(CHUNK):
                writer.write(block)
            if child.wait() != 0:
                writer.abandon()
                _say_why(errors, display, child.returncode)
                return False
            writer.close()
            spool.flush()
        except OSError as exc:  # the spool's disk (a full $TMPDIR)
            writer.abandon()
            raise spool_error(exc, display) from None
        except BaseException:  # interrupted: the deflating threads stop too
            writer.abandon()
            raise
        finally:
            _stop(child)
        return True
    finally:
        errors.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _stop(child: subprocess.Popen[bytes]) -> None:
    """The child ended, or is stopped: the run failed or was interrupted while it converted."""
    if child.returncode is None:
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
    """The byte-level pass refused the VCF text of a BCF input: annotate.py reads the BCF record by record."""

    def __init__(self, error: InputError):
        super().__init__(str(error))
        self.error = error


__all__ = ["BcfAsText", "bcf_as_text", "converts"]
