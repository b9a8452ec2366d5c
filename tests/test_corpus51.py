"""Findings of corpus51's data-safety sweep of `alkannot annotate` over the shared VCF corpus and tests/data (stop 51).
Through the installed entry point."""

from __future__ import annotations

from pathlib import Path

from helpers import run

# REF disagrees with NM_004304.5 at 2:29446390: every run says two warnings while it reads the file
WARNS = Path(__file__).parent / "data" / "alk_snvs_grch37.vcf"


def test_an_output_that_cannot_be_written_is_the_only_line_said_before_any_work(tmp_path):
    """A missing output folder, a directory or a read-only file as -o was found only when the output was opened, after
    pass 1: the input's warnings came above the error, and a large input was read for nothing. Now one line, exit
    3, nothing written."""
    read_only = tmp_path / "calls.vcf"
    read_only.write_text("kept\n")
    read_only.chmod(0o444)
    (tmp_path / "folder").mkdir()
    cases = {
        tmp_path / "missing" / "out.vcf": "the output directory",
        tmp_path / "folder": "is a directory; give a file name",
        read_only: "the existing file is read-only",
    }
    for output, said in cases.items():
        for extra in ((), ("-Oz",), ("-Ob",)):
            result = run("annotate", WARNS, "-o", output, *extra, text=True)
            assert result.returncode == 3, result.stderr
            assert result.stderr.count("\n") == 1 and said in result.stderr and "WARNING" not in result.stderr
            assert result.stderr.startswith(f"alkannot: error: {output}: ")
    assert read_only.read_text() == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calls.vcf", "folder"]
    assert not any((tmp_path / "folder").iterdir())
