"""Every VCF of tests/data's top level (real callers' output: Mutect2-like, FreeBayes, Strelka2, SnpEff/bcftools csq,
VEP) and the mixed line-end files leave `alkannot annotate` byte for byte but for alkannot's keys and lines, as -o
text and -Oz alike (helpers.bytes_kept, which tests/test_corpus.py applies to the shared corpus). Through the
installed entry point."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from helpers import bytes_kept, run

DATA = Path(__file__).parent / "data"
FILES = sorted(DATA.glob("*.vcf*")) + sorted((DATA / "line_endings").glob("*.vcf"))


@pytest.mark.parametrize("given", FILES, ids=[p.name for p in FILES])
def test_every_input_byte_but_alkannots_is_kept(tmp_path, given):
    assert len(FILES) >= 10
    for args in ((), ("-Oz",)):
        out = tmp_path / ("out.vcf.gz" if args else "out.vcf")
        result = run("-q", "annotate", given, "-o", out, *args)
        assert result.returncode == 0, result.stderr
        written = gzip.decompress(out.read_bytes()) if args else out.read_bytes()
        assert b"ALK_" in written and bytes_kept(str(given), written) is None
