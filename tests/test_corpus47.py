"""Findings of pipe47's sweep over the shared VCF corpus (stop 47), each on the smallest file of the corpus that shows
it (tests/data/corpus47/README.md names the origin). Through the installed entry point."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from helpers import run

DATA = Path(__file__).parent / "data" / "corpus47"
NO_FILEFORMAT = DATA / "broken" / "convert.gt.noHead.vcf"  # bcftools test/convert.gt.noHead.vcf: starts with #CHROM
SAID = (
    ":1: no '##fileformat=VCF...' line: the file starts with its #CHROM line, and htslib reads a VCF from its "
    "##fileformat line (add one: (echo '##fileformat=VCFv4.2'; cat FILE))\n"
)


def test_a_vcf_without_fileformat_line_is_named_as_given_in_every_mode(tmp_path):
    """The error quoted htslib's 'invalid file /proc/self/fd/3 - is it VCF/BCF format?': the spool's descriptor, not
    the path given, for standard input and gzip input."""
    plain_gzip = tmp_path / "nohead.vcf.gz"
    with NO_FILEFORMAT.open("rb") as source, gzip.open(plain_gzip, "wb") as target:
        shutil.copyfileobj(source, target)
    out = tmp_path / "out.vcf.gz"
    for given, stdin in ((NO_FILEFORMAT, None), (plain_gzip, None), ("-", NO_FILEFORMAT.read_text())):
        shown = "<stdin>" if given == "-" else str(given)
        result = run("annotate", given, "-Oz", "-o", out, text=True, stdin=stdin)
        assert result.returncode == 3
        assert result.stderr == f"alkannot: error: {shown}{SAID}"
        assert not out.exists() and list(tmp_path.iterdir()) == [plain_gzip]
    result = run("report", NO_FILEFORMAT, "--out", tmp_path / "r", text=True)
    assert result.returncode == 3 and result.stderr == f"alkannot: error: {NO_FILEFORMAT}{SAID}"


def test_a_tbi_beside_the_input_adds_contig_lines_as_bcftools_does_and_only_those(tmp_path):
    """Standard input gives the output of the same records in a file (README); a bgzipped input read as a file with a
    .tbi beside it also gets, from htslib, a `##contig=<ID=...>` line for each sequence of the index that the header
    leaves undeclared, as `bcftools view` does; from a pipe there is no index. Records and every other line equal."""
    given = DATA / "tb.vcf.gz"
    as_file = run("annotate", "-q", "--no-version", given)
    as_pipe = run("annotate", "-q", "--no-version", "-", stdin=given.read_bytes())
    assert as_file.returncode == as_pipe.returncode == 0
    file_lines, pipe_lines = as_file.stdout.splitlines(), as_pipe.stdout.splitlines()
    added = [line for line in file_lines if line not in pipe_lines and not line.startswith(b"##alkannotSample=")]
    assert added == [b"##contig=<ID=20>"]
    assert [line for line in file_lines if line != b"##contig=<ID=20>"] == [
        # the sites-only sample is named by the file, and Input= (cohort48; its path, cohort49) names it: neither has
        # standard input
        line.replace(b"ID=stdin,", b"ID=tb,").replace(b',Input="<stdin>">', b",Input=%s>" % str(given).encode())
        for line in pipe_lines
    ]
