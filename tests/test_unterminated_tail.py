"""The last-newline check of a BGZF input reads the file's last blocks only, not every block header (region mode
reads a large input through its index), and finds what the full block walk finds."""

from __future__ import annotations

import subprocess

import pytest
from helpers import generated_vcf

from alkannot import bgzf_blocks, unterminated


@pytest.mark.parametrize("newline", [True, False])
def test_the_tail_of_a_large_bgzf_file_is_read_without_walking_it(tmp_path, monkeypatch, newline):
    text = generated_vcf(tmp_path / "in.vcf", 40000).read_bytes()
    (tmp_path / "cut.vcf").write_bytes(text if newline else text[:-1])
    subprocess.run(f"bgzip -c {tmp_path / 'cut.vcf'} > {tmp_path / 'cut.vcf.gz'}", shell=True, check=True)
    path = str(tmp_path / "cut.vcf.gz")
    walked = unterminated._walked_tail(path)
    assert (tmp_path / "cut.vcf.gz").stat().st_size > unterminated.TAIL_WINDOW  # more than the window read

    def no_walk(*_):
        raise AssertionError("every block header read")

    monkeypatch.setattr(bgzf_blocks, "walk_blocks", no_walk)
    assert unterminated._bgzf_tail(path) == walked
    last = unterminated.unterminated_last_line(path)
    assert (last is None) == newline
    if not newline:
        assert text[:-1].endswith(last)
