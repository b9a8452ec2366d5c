"""Pipeline review of stop 49 (pipe49).

Task 1: a large BCF input whose converter to VCF text (a child process, bcf_input.py) could not be started was read
record by record, as it should be, under a warning that blamed the temporary folder ("no room for its VCF text in
/tmp (Permission denied)"); the warning now names the converter. The output is the record-by-record path's (--strict),
exit 0 as for the other conversions given up. Made to fail through the Python API, as tests/test_pipeline_eng48b.py
makes the BCF output's converter fail: the interpreter the child runs (sys.executable) is a file that cannot be
executed.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
from pathlib import Path

from alkannot.api import AnnotateOptions, annotate_file
from alkannot.scan import FULL_PARSE_BELOW
from tests.helpers import generated_vcf


def test_a_bcf_input_converter_that_cannot_start_is_named_not_tmpdir(tmp_path, monkeypatch, caplog):
    text = generated_vcf(tmp_path / "big.vcf", 70000)
    bcf = tmp_path / "big.bcf"
    subprocess.run(["bcftools", "view", "--no-version", "-Ob", "-o", str(bcf), str(text)], check=True)
    assert bcf.stat().st_size >= FULL_PARSE_BELOW  # large enough to be converted
    unusable = tmp_path / "python"
    unusable.write_text("")  # mode 0644: not executable
    monkeypatch.setattr(sys, "executable", str(unusable))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out, strict = tmp_path / "out.vcf", tmp_path / "strict.vcf"
    with caplog.at_level(logging.WARNING, logger="alkannot"):
        annotate_file(AnnotateOptions(input_path=str(bcf), output_path=str(out)))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"{bcf}: its converter to VCF text, a child process running {unusable}, could not be started "
        "(Permission denied): read record by record instead, more slowly"
    ]
    assert list(scratch.iterdir()) == []  # the converter's scratch folder removed
    annotate_file(AnnotateOptions(input_path=str(bcf), output_path=str(strict), strict=True))

    def body(path: Path) -> list[str]:
        return [line for line in path.read_text().splitlines() if not line.startswith("##alkannotCommand=")]

    assert body(out) == body(strict)
    assert sum(1 for line in body(out) if "ALK_HGVSP=" in line) == 3
