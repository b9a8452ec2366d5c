"""Pipeline review of stop 50, third helper (pipe50c): the Python API's output_type, compression_level and
write_index, checked before any work and said in the API's keywords.

`api.annotate(..., "o.vcf", write_index="csi")` said "-W/--write-index needs a bgzipped VCF or BCF output: ... (give
-O z or -O b)", the command line's words, after the first pass over the input (rewrite.py); write_index="CSI" or
"foo" wrote a tbi index, output_type="x" or "z5" wrote the output, and compression_level=5 of an uncompressed output
was dropped without a word, where the command line refuses each. Each is an OptionProblem (a usage error) in the
API's keywords, raised before the input is read; one function gives the command line's words and the API's
(options.index_output_problem, level_output_problem), and the command line's messages are unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from alkannot import api
from alkannot.errors import OptionProblem
from tests.helpers import run

VCF = Path(__file__).resolve().parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"

NOT_COMPRESSED = (
    'Invalid value for write_index: "{index}" needs a bgzipped VCF or BCF output: {out} is written as {type} '
    '(give output_type="z" or "b")'
)
CASES = [
    (
        "o.vcf",
        {"write_index": "csi"},
        NOT_COMPRESSED.format(index="csi", out="o.vcf", type='uncompressed VCF (output_type "v")'),
    ),
    (
        "o.vcf",
        {"write_index": "tbi"},
        NOT_COMPRESSED.format(index="tbi", out="o.vcf", type='uncompressed VCF (output_type "v")'),
    ),
    (
        "o.bcf",
        {"output_type": "u", "write_index": "csi"},
        NOT_COMPRESSED.format(index="csi", out="o.bcf", type='uncompressed BCF (output_type "u")'),
    ),
    (
        "o.vcf.gz",
        {"output_type": "v", "write_index": "tbi"},
        NOT_COMPRESSED.format(index="tbi", out="o.vcf.gz", type='uncompressed VCF (output_type "v")'),
    ),
    ("o.vcf.gz", {"write_index": "CSI"}, 'Invalid value for write_index: "CSI" is not "tbi" or "csi"'),
    ("o.vcf.gz", {"write_index": "foo"}, 'Invalid value for write_index: "foo" is not "tbi" or "csi"'),
    ("o.vcf.gz", {"write_index": True}, 'Invalid value for write_index: True is not "tbi" or "csi"'),
    ("o.vcf.gz", {"output_type": "x"}, 'Invalid value for output_type: "x" is not "v", "z", "b" or "u"'),
    (
        "o.vcf.gz",
        {"output_type": "z5"},
        'Invalid value for output_type: "z5" is not "v", "z", "b" or "u" (give output_type="z", compression_level=5)',
    ),
    (
        "o.vcf",
        {"compression_level": 5},
        "Invalid value for compression_level: 5 needs a bgzipped VCF or BCF output: o.vcf is written as uncompressed "
        'VCF (output_type "v") (give output_type="z" or "b", or no compression_level)',
    ),
    (
        "o.bcf",
        {"output_type": "u", "compression_level": 0},
        "Invalid value for compression_level: 0 needs a bgzipped VCF or BCF output: o.bcf is written as uncompressed "
        'BCF (output_type "u") (give output_type="z" or "b", or no compression_level)',
    ),
    (
        "o.bcf",
        {"write_index": "tbi"},
        'Invalid value for write_index: "tbi": o.bcf is written as BCF (output_type "b"), which takes a CSI index '
        'only (give write_index="csi")',
    ),
]


@pytest.mark.parametrize(("out", "options", "said"), CASES)
def test_api_output_values_are_said_in_its_keywords_before_any_work(tmp_path, monkeypatch, out, options, said):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OptionProblem) as raised:
        api.annotate(str(VCF), out, **options)
    assert str(raised.value) == said
    assert list(tmp_path.iterdir()) == []  # no output, no index, no temporary file
    # before any work: a missing input is not even looked at
    with pytest.raises(OptionProblem) as raised:
        api.annotate(str(tmp_path / "missing.vcf"), out, **options)
    assert str(raised.value) == said


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (
            {"output_type": "z", "write_index": "csi"},
            'Invalid value for write_index: "csi" needs an output file to write the index beside: output_path "-" '
            "(standard output, the default) has none (give an output path)",
        ),
        (
            {"write_index": "tbi"},
            'Invalid value for write_index: "tbi" needs a bgzipped VCF or BCF output file: output_path "-" (standard '
            "output, the default) has no file to write the index beside, and it is written as uncompressed VCF "
            '(output_type "v") (give an output path with output_type="z" or "b")',
        ),
        (
            {"compression_level": 3},
            'Invalid value for compression_level: 3 needs a bgzipped VCF or BCF output: output_path "-" (standard '
            'output, the default) is written as uncompressed VCF (output_type "v") (give output_type="z" or "b", or '
            "no compression_level)",
        ),
    ],
)
def test_api_standard_output_is_said_in_its_keywords(capfd, options, said):
    with pytest.raises(OptionProblem) as raised:
        api.annotate(str(VCF), "-", **options)
    assert str(raised.value) == said
    assert capfd.readouterr().out == ""


def test_api_index_of_a_pipe_is_said_in_its_keywords(tmp_path):
    """A named pipe as the output: refused before it is opened (opening it would wait for a reader)."""
    fifo = tmp_path / "out.vcf.gz"
    os.mkfifo(fifo)
    with pytest.raises(OptionProblem) as raised:
        api.annotate(str(VCF), str(fifo), write_index="csi")
    assert str(raised.value) == (
        f'Invalid value for write_index: "csi" needs an output file to write the index beside: {fifo} is a device or '
        "a pipe (give an output path)"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["out.vcf.gz"]


@pytest.mark.parametrize(
    ("out", "options"),
    [
        ("o.vcf.gz", {"write_index": "tbi", "compression_level": 1}),
        ("o.bcf", {"output_type": "b", "write_index": "csi"}),
        ("o.vcf", {"output_type": "v", "write_index": False}),
    ],
)
def test_api_values_the_command_line_takes_still_run(tmp_path, out, options):
    api.annotate(str(VCF), str(tmp_path / out), **options)
    index = {"tbi": [f"{out}.tbi"], "csi": [f"{out}.csi"], False: []}[options["write_index"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out, *index])


LEVEL = "a compression level needs a bgzipped VCF or BCF output (-O z or -O b)"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-l", "3", "-o", "{out}.vcf"], LEVEL),
        (["-Ou", "-l", "3", "-o", "{out}.bcf"], LEVEL),
        (
            ["-o", "{out}.vcf", "-Wcsi"],
            "-W/--write-index needs a bgzipped VCF or BCF output: {out}.vcf is written as uncompressed VCF (-O v) "
            "(give -O z or -O b)",
        ),
        (
            ["-Ob", "-o", "{out}.bcf", "-Wtbi"],
            "Invalid value for -W/--write-index: tbi: {out}.bcf is written as BCF (-O b), which takes a CSI index only "
            "(give -W csi)",
        ),
    ],
)
def test_the_command_line_keeps_its_words(tmp_path, args, said):
    """The same functions give the command line's words: unchanged, through the installed entry point."""
    out = str(tmp_path / "out")
    result = run("annotate", str(VCF), *[a.format(out=out) for a in args], text=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"alkannot: error: {said.format(out=out)} (see 'alkannot annotate --help')\n"
    assert list(tmp_path.iterdir()) == []


def test_library_write_index_of_uncompressed_output_says_the_api_keywords(tmp_path):
    """vcfio.write_index, the library's own path (annotate_file checks before it): the API's words, no -W or -O
    (it said '-W/--write-index needs bgzipped VCF or BCF output (-O z or -O b)')."""
    from alkannot import vcfio

    out = tmp_path / "out.vcf"
    with vcfio.atomic_output(str(out), str(VCF)) as target:
        with pytest.raises(OptionProblem) as raised:
            vcfio.write_index(target, "v", "csi")
    assert str(raised.value) == NOT_COMPRESSED.format(index="csi", out=out, type='uncompressed VCF (output_type "v")')
