"""Pipeline review of stop 48 (eng48b), small findings, run through the installed entry point as a pipeline step runs
it.

Finding 1: `annotate -o /proc/x.vcf` said "cannot write in /proc (No such file or directory)", an error number's words
for a folder that exists; it now says the folder cannot hold new files, naming the path as written.
"""

from __future__ import annotations

from pathlib import Path

from helpers import run

EX = Path(__file__).parent.parent / "example_vcfs"
VCF = EX / "GRCh38" / "tumor_normal.vcf"


def test_an_output_in_a_folder_that_makes_no_files_says_so():
    for out, folder in (("/proc/x.vcf", "/proc"), ("/proc/self/x.vcf.gz", "/proc/self")):
        done = run("-q", "annotate", VCF, "-o", out, text=True)
        assert done.returncode == 3, done.stderr
        assert done.stdout == ""
        assert done.stderr == (
            f"alkannot: error: {out}: cannot create a file in {folder}: that folder cannot hold new files "
            "(a kernel file system?)\n"
        )
