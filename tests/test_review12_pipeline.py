"""Pipeline review 12: the output header whatever path pass 1 took (F2), htslib's own reason in the one-line error
(F11), an empty line (F4), a duplicated FORMAT key (F5), and what the byte-level pass picks in an earlier output
(F3). Through the installed CLI."""

from __future__ import annotations

import gzip
import os
import subprocess
from pathlib import Path

import pytest
from helpers import run

from alkannot.scan import FULL_PARSE_BELOW

CORPUS = Path(os.environ.get("ALKANNOT_CORPUS", "/work/shared/corpus/vcf"))

HEADER = (
    "##fileformat=VCFv4.2\n##contig=<ID=1,length=248956422>\n##contig=<ID=2,length=242193529>\n"
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
)
# DP and XX are used undeclared, q10 is an undeclared FILTER, 7 an undeclared contig: htslib adds placeholders
RECORDS = "1\t100\t.\tA\tG\t.\tq10\tDP=5;XX=1\n7\t100\t.\tC\tT\t.\tPASS\tDP=2\n"


def _undeclared(tmp_path: Path, big: bool) -> Path:
    (tmp_path / str(big)).mkdir(exist_ok=True)
    path = tmp_path / str(big) / "in.vcf"  # one name: a sites-only sample is named by the file's stem
    body = RECORDS
    if big:  # the same records after enough chr1 records to take the byte-level pass
        filler = "".join(f"1\t{1000 + i}\t.\tA\tC\t.\tPASS\tDP={i % 9}\n" for i in range(50000))
        body = "1\t100\t.\tA\tG\t.\tq10\tDP=5;XX=1\n" + filler + "7\t100\t.\tC\tT\t.\tPASS\tDP=2\n"
    path.write_text(HEADER + body)
    assert (path.stat().st_size > FULL_PARSE_BELOW) is big
    return path


def _header(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if line.startswith(b"#")]


@pytest.mark.parametrize("otype", ["v", "z"])
def test_vcf_output_header_is_the_inputs_plus_alkannots_on_every_path(tmp_path, otype):
    """F2: small (htslib per record) and >1 MiB (byte-level) versions of one input, default and --strict: the
    same header, no htslib placeholder ('Dummy', a bare ##contig), and bcftools types DP as on the input."""
    headers = []
    for big in (False, True):
        vcf = _undeclared(tmp_path, big)
        for strict in ((), ("--strict",)):
            out = tmp_path / f"out{big}{bool(strict)}.vcf{'.gz' if otype == 'z' else ''}"
            result = run("annotate", vcf, "-O", otype, "-o", out, "--no-version", "-q", *strict)
            assert result.returncode == 0, result.stderr
            data = out.read_bytes()
            if otype == "z":
                data = gzip.decompress(data)
            assert b"Dummy" not in data
            assert b"##contig=<ID=7>" not in data
            # the two inputs lie in two folders: Input= (the path given, cohort49) names each
            headers.append([line.replace(f"Input={vcf}".encode(), b"Input=in.vcf") for line in _header(data)])
            # bcftools reads the output as it reads the input: DP undeclared, not a String
            got = subprocess.run(["bcftools", "view", "-H", "-i", "INFO/DP>3", str(out)], capture_output=True)
            want = subprocess.run(["bcftools", "view", "-H", "-i", "INFO/DP>3", str(vcf)], capture_output=True)
            assert got.returncode == want.returncode
            assert b"not defined" in got.stderr and b"strings" not in got.stderr
    assert all(h == headers[0] for h in headers)
    # the input's header lines as written (stop 52: not as `bcftools view` writes them, which adds a PASS line), and
    # alkannot's lines
    own = (b"##alkannot", b"##INFO=<ID=ALK_")
    assert [line for line in headers[0] if not line.startswith(own)] == _header(vcf.read_bytes())


def test_reannotating_an_output_with_undeclared_keys(tmp_path):
    """F2: alkannot's output of such an input (placeholders no longer written) is read again, the same bytes."""
    vcf = _undeclared(tmp_path, False)
    first, second = tmp_path / "first.vcf", tmp_path / "second.vcf"
    assert run("annotate", vcf, "-o", first, "--no-version", "-q").returncode == 0
    result = run("annotate", first, "-o", second, "--no-version", "-q")
    assert result.returncode == 0, result.stderr
    assert second.read_bytes() == first.read_bytes()


def test_bcf_output_declares_what_the_input_left_undeclared(tmp_path):
    """F2: BCF cannot be written without declarations: they are htslib's guesses, default and --strict alike."""
    vcf = _undeclared(tmp_path, False)
    outs = []
    for strict in ((), ("--strict",)):
        out = tmp_path / f"out{bool(strict)}.bcf"
        assert run("annotate", vcf, "-o", out, "--no-version", "-q", *strict).returncode == 0
        outs.append(
            subprocess.run(["bcftools", "view", "--no-version", str(out)], capture_output=True, check=True).stdout
        )
    assert outs[0] == outs[1]
    assert b'##INFO=<ID=DP,Number=1,Type=String,Description="Dummy">' in outs[0]


NANQUAL = "htsjdk/src/test/resources/htsjdk/variant/test_withNanQual.vcf"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (NANQUAL, "unreadable record 1 (line 5 (chr1:1)): Invalid character 'N' in 'GQ' FORMAT field"),
        (
            "hts-specs/test/vcf/4.3/failed/failed_body_sample_003.vcf",
            "unreadable record 1 (line 4 (1:55388)): Incorrect number of FORMAT fields",
        ),
        (
            "hts-specs/test/vcf/4.3/failed/failed_body_sample_007.vcf",
            "unreadable record 1 (line 5 (1:61462)): Invalid character 'm' in 'DS' FORMAT field",
        ),
        (
            "vcfpy/tests/vcfs_from_the_wild/strelka.vcf",
            "(1:1666175)): Number of columns at 1:1666175 does not match the number of samples (3 vs 4)",
        ),
    ],
)
def test_the_error_carries_htslibs_reason(tmp_path, name, reason):
    """F11: htslib's own reason, not pysam's 'unable to parse next record', on one line, small and --strict."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} not in this checkout's shared corpus")
    for strict in ((), ("--strict",)):
        result = run("annotate", path, "-o", tmp_path / "out.vcf", *strict, text=True)
        assert result.returncode == 3
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"alkannot: error: {path}: ")
        assert reason in result.stderr, result.stderr
        assert "unable to parse" not in result.stderr and "[E::" not in result.stderr
    assert not (tmp_path / "out.vcf").exists()


def test_the_reason_on_the_byte_level_pass_with_strict(tmp_path):
    """F11: a >1 MiB file with the NaN record: --strict names htslib's reason (the default copies it unjudged)."""
    path = CORPUS / NANQUAL
    if not path.exists():
        pytest.skip(f"{path} not in this checkout's shared corpus")
    lines = path.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    big = tmp_path / "big.vcf"
    big.write_text("".join(lines[:1] + [f"##pad={'x' * (1 << 20)}\n"] + lines[1:]))
    assert big.stat().st_size > FULL_PARSE_BELOW
    result = run("annotate", big, "-o", tmp_path / "out.vcf", "--strict", text=True)
    assert result.returncode == 3
    assert f"unreadable record 1 (line {at + 2} (chr1:1)): Invalid character 'N' in 'GQ'" in result.stderr


@pytest.mark.parametrize("big", [False, True])
def test_an_empty_line_is_called_so(tmp_path, big):
    """F4: an empty line is 'an empty line', not '1 tab-separated columns', small or >1 MiB."""
    vcf = _undeclared(tmp_path, big)
    lines = vcf.read_text().splitlines(keepends=True)
    lines.insert(5, "\n")
    vcf.write_text("".join(lines))
    result = run("annotate", vcf, "-o", tmp_path / "out.vcf", text=True)
    assert result.returncode == 3
    assert (
        result.stderr
        == f"alkannot: error: {vcf}: unreadable record 2 (line 6): an empty line (a VCF has none; remove it)\n"
    )


def test_a_duplicated_format_key_is_named(tmp_path):
    """F5: FORMAT GT:GT is named, not 'invalid tag' (htslib's noroundtrip.vcf)."""
    path = CORPUS / "htslib/test/noroundtrip.vcf"
    if not path.exists():
        pytest.skip(f"{path} not in this checkout's shared corpus")
    result = run("annotate", path, "-o", tmp_path / "out.vcf", text=True)
    assert result.returncode == 3
    assert result.stderr == (
        f"alkannot: error: {path}: unreadable record 1 (line 6 (3:50)): FORMAT key 'GT' is listed twice (GT:GT)\n"
    )


def test_alk_text_in_a_sample_column_is_not_picked_on_reannotation(tmp_path):
    """F3: a >1 MiB input with a malformed off-target record whose sample column holds the text 'ALK_': its
    output is accepted again (before, the second run sent the line to htslib), the same bytes."""
    vcf = _undeclared(tmp_path, True)
    lines = vcf.read_text().splitlines(keepends=True)
    header = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if not line.startswith("#")]
    sample_header = header[:-1] + [
        '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">\n',
        header[-1].rstrip("\n") + "\tFORMAT\tS1\n",
    ]
    body = [line.rstrip("\n") + "\tDP\t7\n" for line in body]
    body[20000] = body[20000].rstrip("\n") + ";ALK_SCORE=0.5\n"  # DP '7;ALK_SCORE=0.5': htslib refuses it
    vcf.write_text("".join(sample_header + body))
    first, second = tmp_path / "first.vcf", tmp_path / "second.vcf"
    assert run("annotate", vcf, "-o", first, "--no-version", "-q").returncode == 0
    assert b'Source="alkannot"' in first.read_bytes()
    result = run("annotate", first, "-o", second, "--no-version", "-q")
    assert result.returncode == 0, result.stderr
    assert second.read_bytes() == first.read_bytes()


def test_picker_takes_only_lines_with_an_alk_key_in_info():
    from alkannot.picker import info_key_lines

    data = (
        b"\n1\t5\t.\tA\tC\t.\tPASS\tDP=1\tDP\t7;ALK_X=1\n"
        b"1\t6\t.\tA\tC\t.\tPASS\tDP=1;ALK_HGVSP=p.X\tDP\t7\n"
        b"1\t7\t.\tA\tC\t.\tPASS\tALK_RESISTANCE=none\n"
        b"1\t8\t.\tA\tC\t.\tPASS\tMYALK_X=1\n"
    )
    starts: set[int] = set()
    info_key_lines(data, len(data) - 1, starts)
    picked = sorted(data[s : data.find(b"\t", data.find(b"\t", s) + 1)] for s in starts)
    assert picked == [b"1\t6", b"1\t7"]


def test_the_reason_for_bgzip_stdin_and_sv_inputs(tmp_path):
    """F11: the reason is read again from a bgzipped file, standard input's spool and an --sv file alike."""
    path = CORPUS / NANQUAL
    if not path.exists():
        pytest.skip(f"{path} not in this checkout's shared corpus")
    reason = "(line 5 (chr1:1)): Invalid character 'N' in 'GQ' FORMAT field\n"
    gz = tmp_path / "nan.vcf.gz"
    gz.write_bytes(subprocess.run(["bgzip", "-c", str(path)], capture_output=True, check=True).stdout)
    result = run("annotate", gz, "-o", tmp_path / "o.vcf", text=True)
    assert result.stderr == f"alkannot: error: {gz}: unreadable record 1 {reason}"
    result = run("annotate", "-", "-o", tmp_path / "o.vcf", stdin=path.read_bytes())
    assert result.stderr.decode() == f"alkannot: error: <stdin>: unreadable record 1 {reason}"
    main = _undeclared(tmp_path, False)
    result = run("annotate", main, "--sv", path, "-o", tmp_path / "o.vcf", "-q", text=True)
    assert result.stderr == f"alkannot: error: {path}: unreadable SV record 1 {reason}"
    assert result.returncode == 3
