"""Reference-only records (a gVCF's `<NON_REF>` blocks, an all-sites VCF's ALT '.') are not build evidence: they
matched the other build's ALK coding bases by chance and made a GRCh38 gVCF 'wrong build? (use --build GRCh37)',
exit 3, even with --build GRCh38 (pipeline review of stop 30, finding 1). Through the installed CLI."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

DATA = Path(__file__).parent / "data" / "gvcf"


@pytest.mark.parametrize("build", [(), ("--build", "GRCh38")], ids=["from the header", "--build GRCh38"])
def test_reference_only_records_do_not_outvote_the_build(tmp_path, build):
    out = tmp_path / "out.vcf"
    run = subprocess.run(
        [ALKANNOT, "annotate", str(DATA / "ref_only_grch38.vcf"), *build, "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "wrong build" not in run.stderr
    body = [line for line in out.read_text().splitlines() if not line.startswith("#")]
    assert len(body) == 4  # every record kept
    assert "ALK_HGVSP=p.G1202R" in body[0]
    assert all(line.endswith("\t.\t.\t.") for line in body[1:])  # the reference-only records untouched
