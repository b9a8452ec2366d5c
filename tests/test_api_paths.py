"""The Python API takes a pathlib.Path wherever it takes a path (stop 52): api.annotate(Path(...), Path(...)) failed
with "AttributeError: 'PosixPath' object has no attribute 'lower'", api.report([Path(...)], ...) with "... no
attribute 'endswith'", and a list given for one path failed the same way deep inside; a value that is not a path is
now refused, before any work, with the keyword's name (OptionProblem, as the API's other bad values are)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from alkannot import api
from alkannot.errors import OptionProblem

EXAMPLE = Path(__file__).parents[1] / "example_vcfs"
VCF = EXAMPLE / "GRCh38" / "tumor_normal.vcf"


def _records(path: Path) -> list[str]:
    with gzip.open(path, "rt") as handle:
        return [line for line in handle if not line.startswith("#")]


def test_annotate_takes_paths_for_every_file(tmp_path):
    out = tmp_path / "out.vcf.gz"
    survey = api.annotate(
        VCF,
        out,
        samples_path=EXAMPLE / "samples.tsv",
        sv_paths=[EXAMPLE / "GRCh38" / "sv.vcf"],
        report_prefix=tmp_path / "rep",
        write_index="csi",
    )
    assert survey.build == "GRCh38"
    records = _records(out)
    assert len(records) == 4 and all("ALK_HGVSP=" in line for line in records)
    assert (tmp_path / "out.vcf.gz.csi").is_file()
    samples = {s["sample"] for s in json.loads((tmp_path / "rep.json").read_text())["samples"]}
    assert "P1_T" in samples


def test_report_and_lookup_take_paths(tmp_path):
    one = api.report(VCF, tmp_path / "one", samples_path=EXAMPLE / "samples.tsv")  # one Path: a list of one
    listed = api.report([VCF], tmp_path / "listed")
    assert [v.sample for v in one.verdicts] == [v.sample for v in listed.verdicts]
    assert (tmp_path / "one.tsv").is_file() and (tmp_path / "listed.html").is_file()
    ((query, call),) = api.lookup(["G1202R"], kb_dir=Path(__file__).parents[1] / "resources" / "kb")
    assert query == "G1202R" and call.calls["alectinib"].category == "resistant"


@pytest.mark.parametrize(
    "call, keyword",
    [
        (lambda out: api.annotate([str(VCF)], str(out / "o.vcf")), "input_path"),
        (lambda out: api.annotate(None, str(out / "o.vcf")), "input_path"),
        (lambda out: api.annotate(str(VCF), str(out / "o.vcf"), samples_path=3), "samples_path"),
        (lambda out: api.report([None], str(out / "r")), "inputs"),
        (lambda out: api.report([str(VCF)], None), "out_prefix"),
        (lambda out: api.lookup(["G1202R"], kb_dir=["kb"]), "kb_dir"),
    ],
)
def test_a_value_that_is_not_a_path_is_refused_with_its_keyword(tmp_path, call, keyword):
    with pytest.raises(OptionProblem, match=f"^Invalid value for {keyword}: .* is not a path"):
        call(tmp_path)
    assert list(tmp_path.iterdir()) == []  # refused before any work


@pytest.mark.parametrize(
    "call, keyword",
    [
        (lambda out: api.report(str(VCF).encode(), str(out / "r")), "inputs"),
        (lambda out: api.report([str(VCF)], str(out / "r"), sv_paths=b"sv.vcf"), "sv_paths"),
        (lambda out: api.annotate(str(VCF), str(out / "o.vcf"), fusion_paths=b"P5_T=f.tsv"), "fusion_paths"),
    ],
)
def test_bytes_for_a_path_are_one_value_said_as_given(tmp_path, call, keyword):
    """bytes are one value, not a sequence: they were read letter by letter and said as the first one's code
    ("Invalid value for inputs: 120 is not a path")."""
    with pytest.raises(OptionProblem, match=f"^Invalid value for {keyword}: b'.*' is not a path"):
        call(tmp_path)
    assert list(tmp_path.iterdir()) == []
