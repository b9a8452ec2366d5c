"""Is the byte-level pass exact on real files? Every text or bgzipped VCF under a directory is annotated twice
in this process: on the normal path (files under 1 MiB are parsed record by record by htslib) and with the
byte-level pass forced (scan.FULL_PARSE_BELOW = 0). Exit codes and outputs are compared, leaving out the
command line header and the placeholder ##INFO/##FORMAT lines htslib adds for undeclared keys in the records
it reads (README, "What the byte-level pass validates").

    python3 tools/corpus_byte_level.py ../shared/corpus/vcf
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

import alkannot.cli as cli
import alkannot.scan as scan


def _annotate(path: Path, forced: bool) -> tuple[int, bytes | None, str]:
    scan.FULL_PARSE_BELOW = 0 if forced else 1 << 62
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "out.vcf"
        errors = io.StringIO()
        code = 0
        with contextlib.redirect_stderr(errors):
            try:
                cli.main(["-q", "annotate", str(path), "-o", str(out), "-O", "v"])
            except SystemExit as exc:
                code = int(exc.code or 0)
        body = out.read_bytes() if out.exists() else None
    return code, body, (errors.getvalue().strip().splitlines() or [""])[-1]


def _comparable(body: bytes | None) -> bytes | None:
    if body is None:
        return None
    return b"\n".join(
        line
        for line in body.split(b"\n")
        if not line.startswith(b"##alkannotCommand") and b'Description="Dummy"' not in line
    )


def main(root: str) -> int:
    files = sorted(p for p in Path(root).rglob("*") if p.is_file() and p.name.endswith((".vcf", ".vcf.gz")))
    differ = 0
    for path in files:
        full, fast = _annotate(path, False), _annotate(path, True)
        if full[0] != fast[0] or _comparable(full[1]) != _comparable(fast[1]):
            differ += 1
            print(f"differs: {path}: exit {full[0]} vs {fast[0]}; {full[2] or '-'} | {fast[2] or '-'}")
    print(f"{len(files) - differ} of {len(files)} files come out the same on both paths")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/vcf"))
