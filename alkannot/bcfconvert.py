"""BCF output without a temporary copy: VCF text streams through a pipe into a child process that
converts it as it arrives.

    parent (alkannot) --VCF text--> child --fork--> bcftools view -Ou (pysam's, in the grandchild)
                                      ^                         |
                                      +-- level-0 BGZF BCF -----+
    child --BCF--> the output (a temporary file, a device, a pipe or standard output)

pysam's bundled `bcftools view` formats the BCF exactly as the earlier text-file-then-convert route
did. It cannot run in a thread beside the writer (pysam holds the GIL for the whole command), and a
fork of alkannot itself could inherit htslib's worker threads mid-lock, so the child is a fresh
interpreter; it is single-threaded, so forking it for bcftools is safe. The child copies bcftools'
output to the real output itself, so a failed write is reported with its own reason (ENOSPC on a
full disk, EPIPE when the reader of a pipe went away). bcftools always writes `-O u`, which pysam's
bcftools gives as level-0 BGZF: for `-O u` the child unwraps it into raw BCF, as `bcftools view -Ou`
gives; for `-O b` it deflates every block at the level asked for, block for block, on --threads threads:
the block boundaries bcftools' own `-O b` writes, deflated by libdeflate as the system bcftools does
(bgzf.deflate_block; zlib, and so pysam's bcftools' very bytes, where the `deflate` package is missing),
with the deflating in a process of its own beside the parsing (review 9, pipeline finding 3).

Child exit status: 0 done; WRITE_FAILED with "write failed: <reason>" as the last stderr line;
CONVERSION_FAILED when bcftools failed; killed by SIGPIPE when the reader of the output went away.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from typing import IO, BinaryIO

from .bgzf import BATCH, DEFAULT_LEVEL, EOF_BLOCK, deflate_block
from .errors import BeyondBcf, ConversionFailed, ConverterNotStarted, InputError
from .interrupts import deferred
from .log import log

# htslib's refusal of a record that needs 64 bits, and its warning for an INFO integer it wrote as missing
_BEYOND = re.compile(r"Data at (\S+) contains 64-bit values not representable in BCF")
_EXTREME = re.compile(r"Extreme ((?:INFO|FORMAT)/\S+) value encountered and set to missing at (\S+)")
WRITE_FAILED = 3
CONVERSION_FAILED = 4
CHUNK = 1 << 20


class BcfPipe:
    """A writable stream of VCF text whose BCF lands in `output` (an open binary file object)."""

    def __init__(self, output: BinaryIO, output_type: str, threads: int, display: str, level: int | None = None):
        self.display = display
        self._process: subprocess.Popen[bytes] | None = None  # each None until made, for abandon()
        self._stdin: IO[bytes] | None = None
        self._errors: IO[bytes] | None = None
        self._scratch: str | None = None
        try:
            with deferred():  # a signal must not come between making the folder and noting it
                # pysam's bcftools keeps a capture file in TMPDIR, left behind when the converter is
                # killed: the converter gets a folder of its own, removed whatever happens
                self._scratch = tempfile.mkdtemp(prefix="alkannot-bcf-")
            self._errors = tempfile.TemporaryFile()
            package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
            code = (
                f"import sys; sys.path.insert(0, {package_parent!r}); "
                "from alkannot.bcfconvert import child_main; sys.exit(child_main(sys.argv[1:]))"
            )
            output.flush()
            # its own session: Ctrl-C in a terminal reaches alkannot alone, which then stops the child
            try:
                self._process = subprocess.Popen(
                    [
                        sys.executable,
                        "-c",
                        code,
                        output_type,
                        str(max(0, threads)),
                        "" if level is None else str(level),
                    ],
                    stdin=subprocess.PIPE,
                    stdout=output.fileno(),
                    stderr=self._errors,
                    env={**os.environ, "TMPDIR": self._scratch},
                    start_new_session=True,
                )
            except OSError as exc:  # not the output's fault, nor TMPDIR's (pipeline review eng48b, finding 3)
                raise ConverterNotStarted(
                    f"cannot write BCF: its converter, a child process running {sys.executable}, could not be started "
                    f"({exc.strerror or exc})",
                    display,
                ) from None
            self._stdin = self._process.stdin
        except BaseException:
            self.abandon()
            raise

    def write(self, data: bytes) -> None:
        if self._stdin is None:
            raise ValueError("write to a closed BCF converter")
        try:
            self._stdin.write(data)
        except BrokenPipeError:
            self._stdin = None
            self._finish()  # the child stopped early: its status says why
            raise InputError(
                "cannot write BCF (the converter stopped before the end of the data)", self.display
            ) from None

    def close(self) -> None:
        if self._stdin is not None:
            try:
                self._stdin.close()
            except BrokenPipeError:
                pass
            self._stdin = None
        self._finish()

    def abandon(self) -> None:
        """Stop the converter at once (the run failed or was interrupted; the output is discarded)."""
        if self._process is not None and self._process.returncode is None:
            try:  # once reaped, its process group id may belong to another
                os.killpg(self._process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self._stdin is not None:
            try:
                self._stdin.close()
            except OSError:
                pass
            self._stdin = None
        if self._process is not None:
            self._process.wait()
        self._clean_up()

    def _clean_up(self) -> None:
        if self._errors is not None:
            self._errors.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def _finish(self) -> None:
        assert self._process is not None and self._errors is not None, "__init__ made both or raised"
        status = self._process.wait()
        self._errors.seek(0)
        lines = self._errors.read().decode(errors="replace").strip().splitlines()
        self._clean_up()
        if status == 0:
            self._said_missing(lines)
            return
        if status == -signal.SIGPIPE:
            raise BrokenPipeError("the reader of the output went away")
        # htslib's own message says what was wrong ('[E::bcf_write] Broken VCF record, the number of columns at
        # 20:100 does not match the number of samples (0 vs 3)'); bcftools' last line only that it stopped
        told = [line for line in lines if "[E::" in line]
        last = " ".join((told or lines or [f"exit status {status}"])[-1].split())
        if status == WRITE_FAILED:
            raise InputError(f"cannot write output ({last.removeprefix('write failed: ')})", self.display)
        beyond = next((_BEYOND.search(line) for line in told if _BEYOND.search(line)), None)
        if beyond is not None:  # '[E::bcf_write] Data at big:3000000000 contains 64-bit values not representable ...'
            raise BeyondBcf(f"BCF conversion failed ({last})", self.display, beyond.group(1))
        raise ConversionFailed(f"BCF conversion failed ({last})", self.display)

    def _said_missing(self, lines: list[str]) -> None:
        """htslib writes an INFO or FORMAT integer BCF cannot hold (beyond its 32 bits, or a value it reserves such as
        -2147483648) as missing, with a warning of its own for the first such value only ('Extreme INFO/END value
        encountered and set to missing at big:1000'), which the child's stderr would hide: said (pipeline review of
        stop 42, finding 8)."""
        found = [m.groups() for m in map(_EXTREME.search, lines) if m]
        for key, where in found:
            log.warning(
                "%s: htslib wrote %s at %s to the BCF as missing ('.'), an integer BCF cannot hold (beyond or reserved "
                "in its 32 bits), and any later such value too (it names the first only); write VCF (-O v or -O z) to "
                "keep them as written",
                self.display,
                key,
                where,
            )


# ---------------------------------------------------------------------------------------------
# the child process
# ---------------------------------------------------------------------------------------------
def child_main(argv: list[str]) -> int:
    """Read VCF text on stdin, write BCF (`b`) or raw uncompressed BCF (`u`) on stdout."""
    output_type, threads = argv[0], int(argv[1])
    level = argv[2] if len(argv) > 2 else ""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE):
        signal.signal(signum, signal.SIG_DFL)  # die at once; the parent removes what was written
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the grandchild: bcftools, stdin inherited, stdout into the pipe
        os.close(read_end)
        os.dup2(write_end, 1)
        os.close(write_end)
        os._exit(_run_bcftools())
    os.close(write_end)
    with os.fdopen(read_end, "rb") as converted:
        status = _copy(converted, output_type, threads, int(level) if level else DEFAULT_LEVEL)
    _, wait_status = os.waitpid(pid, 0)
    if status:
        return status
    return 0 if os.waitstatus_to_exitcode(wait_status) == 0 else CONVERSION_FAILED


def _run_bcftools() -> int:
    try:
        import pysam.utils
        from pysam import bcftools

        # always `-O u`: level-0 BGZF from pysam's bcftools, which the child unwraps (u) or deflates (b)
        bcftools.view("--no-version", "-O", "u", "-o", "-", "-", catch_stdout=False)
        return 0
    except pysam.utils.SamtoolsError as exc:
        print(" ".join(str(exc).split()), file=sys.stderr)
        return CONVERSION_FAILED
    except BaseException:  # noqa: BLE001 - the grandchild must never return into the child's code
        return CONVERSION_FAILED


def _copy(converted: BinaryIO, output_type: str, threads: int = 0, level: int = DEFAULT_LEVEL) -> int:
    """Unwrap (u) or deflate (b) the converter's level-0 BGZF to stdout; WRITE_FAILED on a write error."""
    import gzip

    # not sys.stdout: after a failed write its buffer would fail again at interpreter exit
    out = os.fdopen(os.dup(1), "wb")
    try:
        if output_type == "u":
            _copy_blocks(gzip.GzipFile(fileobj=converted, mode="rb"), out)
        else:
            _deflate_blocks(converted, out, threads, level)
        out.flush()
    except OSError as exc:
        print(f"write failed: {exc.strerror or exc}", file=sys.stderr)
        return WRITE_FAILED
    finally:
        try:
            out.close()
        except OSError:
            pass
    return 0


def _copy_blocks(source, out: BinaryIO) -> None:
    while True:
        try:
            block = source.read(CHUNK)
        except (OSError, EOFError):  # bcftools stopped mid-block: its own status reports it
            return
        if not block:
            return
        out.write(block)


def _deflate_blocks(converted: BinaryIO, out: BinaryIO, threads: int, level: int) -> None:
    """`-O b`: every level-0 BGZF block of the converter deflated at `level`, block for block: the block
    boundaries htslib's `-O b` writes (deflated by bgzf.deflate_block), with the deflating done here, beside the
    converter rather than in it, and on --threads threads (review 9, pipeline finding 3)."""
    from concurrent.futures import ThreadPoolExecutor

    if level == 0:  # the converter's blocks are htslib's level-0 blocks already
        _copy_blocks(converted, out)
        return
    pool = ThreadPoolExecutor(max_workers=threads) if threads > 0 else None
    try:
        while True:
            payloads = _stored_payloads(converted, BATCH)
            if pool is not None:
                blocks = list(pool.map(_block, payloads, [level] * len(payloads)))
            else:
                blocks = [_block(payload, level) for payload in payloads]
            out.write(b"".join(blocks))
            if len(payloads) < BATCH:
                return
    finally:
        if pool is not None:
            pool.shutdown()


def _block(payload: bytes, level: int) -> bytes:
    """One BGZF block; an empty one is the standard end-of-file marker whatever the level, as htslib writes it."""
    return deflate_block(payload, level) if payload else EOF_BLOCK


def _stored_payloads(converted: BinaryIO, count: int) -> list[bytes]:
    """The data of up to `count` BGZF blocks; fewer at the end of the stream, or where bcftools stopped mid-block
    (its own status reports it)."""
    import struct
    import zlib

    payloads: list[bytes] = []
    while len(payloads) < count:
        head = converted.read(18)
        if len(head) < 18 or head[:4] != b"\x1f\x8b\x08\x04" or head[12:14] != b"BC":
            break
        rest = converted.read(struct.unpack_from("<H", head, 16)[0] + 1 - 18)
        try:
            payloads.append(zlib.decompress(rest[:-8], -15))
        except zlib.error:
            break
    return payloads
