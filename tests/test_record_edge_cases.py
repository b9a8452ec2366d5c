"""Records of unusual but valid shape, on both paths (a small file: the per-record path; one padded past 1 MiB:
the byte-level path): found by the adversarial pipeline review of 2026-12-01."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run

HEADER = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n##contig=<ID=chr3,length=198295559>\n"
    '##ALT=<ID=DEL,Description="Deletion">\n##INFO=<ID=DP,Number=1,Type=Integer,Description="depth">\n'
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\n"
)
PADDING = "".join(f"chr3\t{1000 + i * 10}\t.\tA\tG\t50\tPASS\tDP=30\tGT:AD\t0/1:10,5\n" for i in range(40000))


def _vcf(tmp_path: Path, records: str, padded: bool) -> Path:
    path = tmp_path / ("big.vcf" if padded else "small.vcf")
    path.write_text(HEADER + records + (PADDING if padded else ""))
    assert (path.stat().st_size > 1 << 20) == padded
    return path


@pytest.mark.parametrize("padded", [False, True], ids=["per-record path", "byte-level path"])
def test_a_sequence_allele_beside_a_symbolic_one_is_annotated(tmp_path, padded):
    """'T,<DEL>' is an SV record and a small variant at once: L1196M must not be missed."""
    vcf = _vcf(tmp_path, "chr2\t29220765\t.\tG\tT,<DEL>\t50\tPASS\tDP=30\tGT:AD\t0/1:10,5,0\n", padded)
    result = run("annotate", str(vcf), "-o", "-", text=True)
    assert result.returncode == 0, result.stderr
    (record,) = [line for line in result.stdout.splitlines() if line.startswith("chr2\t")]
    assert "ALK_HGVSP=p.L1196M,.;" in record and "ALK_CRIZOTINIB=resistant,." in record
    assert record.startswith("chr2\t29220765\t.\tG\tT,<DEL>\t50\tPASS\tDP=30;") and record.endswith("GT:AD\t0/1:10,5,0")
    assert "AlkMutations=L1196M" in result.stdout


def test_a_build_that_contradicts_chr2s_length_is_an_error_not_a_silent_miss(tmp_path):
    """chr2's ##contig length is GRCh38's; with --build GRCh37 every ALK position would be read on the wrong
    build and L1196M silently missed. A stale ##reference alone is only warned about."""
    vcf = _vcf(tmp_path, "chr2\t29220765\t.\tG\tT\t50\tPASS\tDP=30\tGT:AD\t0/1:10,5\n", padded=False)
    out = tmp_path / "out.vcf"
    result = run("annotate", str(vcf), "--build", "GRCh37", "-o", str(out), text=True)
    assert result.returncode == 3 and not out.exists()
    assert result.stderr.count("\n") == 1 and "small.vcf" in result.stderr
    assert "--build GRCh37 contradicts the header (##contig chr2 length=242193529: GRCh38)" in result.stderr
    agreeing = run("annotate", str(vcf), "--build", "GRCh38", "-o", "-", text=True)
    assert agreeing.returncode == 0 and "ALK_HGVSP=p.L1196M" in agreeing.stdout
    stale = tmp_path / "stale.vcf"  # no contig length; a ##reference naming the other build
    stale.write_text(
        vcf.read_text()
        .replace("##contig=<ID=chr2,length=242193529>", "##contig=<ID=chr2>\n##reference=file:///ref/hg19.fa")
        .replace("##contig=<ID=chr3,length=198295559>", "##contig=<ID=chr3>")
    )
    warned = run("annotate", str(stale), "--build", "GRCh38", "-o", "-", text=True)
    assert warned.returncode == 0 and "ALK_HGVSP=p.L1196M" in warned.stdout
    assert "--build GRCh38 contradicts the header" in warned.stderr and "using --build" in warned.stderr


@pytest.mark.parametrize("padded", [False, True], ids=["per-record path", "byte-level path"])
@pytest.mark.parametrize("compressed", [False, True], ids=["text", "bgzip"])
def test_a_crlf_input_gives_a_crlf_output_throughout(tmp_path, padded, compressed):
    """The byte-level path wrote its new header with LF line ends under a CRLF body."""
    import pysam

    vcf = _vcf(tmp_path, "chr2\t29220765\t.\tG\tT\t50\tPASS\tDP=30\tGT:AD\t0/1:10,5\n", padded)
    vcf.write_bytes(vcf.read_bytes().replace(b"\n", b"\r\n"))
    source, out = vcf, tmp_path / "out.vcf"
    if compressed:
        source, out = tmp_path / "in.vcf.gz", tmp_path / "out.vcf.gz"
        pysam.tabix_compress(str(vcf), str(source))
    result = run("annotate", str(source), "-o", str(out), text=True)
    assert result.returncode == 0, result.stderr
    data = pysam.BGZFile(str(out), "rb").read() if compressed else out.read_bytes()
    lines = data.split(b"\n")
    assert lines[-1] == b"" and all(line.endswith(b"\r") for line in lines[:-1])
    assert any(line.startswith(b"##alkannotVersion") or line.startswith(b"##alkannot") for line in lines)
    assert b"ALK_HGVSP=p.L1196M" in data


def _limited(limit_bytes: int):
    def preexec():
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return preexec


@pytest.mark.parametrize("kind", ["text", "gzip"])
def test_a_spool_that_cannot_be_written_is_a_one_line_input_error(tmp_path, kind):
    """stdin is spooled to $TMPDIR; a full one (here: a file-size limit) is named, exit 3, not an internal
    error and not blamed on the input."""
    import gzip
    import subprocess

    from helpers import ALKANNOT

    vcf = _vcf(tmp_path, "chr2\t29220765\t.\tG\tT\t50\tPASS\tDP=30\tGT:AD\t0/1:10,5\n", padded=True)
    data = vcf.read_bytes() if kind == "text" else gzip.compress(vcf.read_bytes())
    result = subprocess.run(
        [ALKANNOT, "annotate", "-", "-o", "-"], input=data, capture_output=True, preexec_fn=_limited(10_000)
    )
    err = result.stderr.decode()
    assert result.returncode == 3 and err.count("\n") == 1, err
    assert err.startswith("alkannot: error: <stdin>: cannot copy the input to a temporary file in ")
    assert "set TMPDIR to a directory with space" in err and result.stdout == b""


def test_closed_standard_streams_are_one_line_errors(tmp_path):
    import subprocess

    from helpers import ALKANNOT

    big = _vcf(tmp_path, "chr2\t29220765\t.\tG\tT\t50\tPASS\tDP=30\tGT:AD\t0/1:10,5\n", padded=True)
    for args, stdin, stdout, says in (
        ([ALKANNOT, "-q", "annotate", str(big)], subprocess.DEVNULL, None, "standard output is closed"),
        ([ALKANNOT, "annotate", "-", "-o", str(tmp_path / "o.vcf")], None, subprocess.DEVNULL, "standard input is"),
    ):
        result = subprocess.run(
            args,
            stdin=stdin,
            stdout=stdout,
            stderr=subprocess.PIPE,
            close_fds=True,
            pass_fds=(),
            preexec_fn=(lambda: __import__("os").close(1)) if stdout is None else (lambda: __import__("os").close(0)),
        )
        err = result.stderr.decode()
        assert result.returncode == 3 and err.count("\n") == 1 and says in err, err


def test_a_report_prefix_naming_a_directory_is_refused(tmp_path):
    """`--report repdir/` wrote the hidden files repdir/.tsv, .json, .html; `--report .` wrote '..tsv'."""
    vcf = _vcf(tmp_path, "chr2\t29220765\t.\tG\tT\t50\tPASS\tDP=30\tGT:AD\t0/1:10,5\n", padded=False)
    (tmp_path / "repdir").mkdir()
    for prefix in (f"{tmp_path}/repdir/", str(tmp_path / "repdir"), ".", f"{tmp_path}/.."):
        result = run("annotate", str(vcf), "-o", str(tmp_path / "o.vcf"), "--report", prefix, text=True, cwd=tmp_path)
        assert result.returncode == 3 and result.stderr.count("\n") == 1, (prefix, result.stderr)
        assert "--report takes a file-name prefix, not a directory" in result.stderr
        assert not (tmp_path / "o.vcf").exists() and list((tmp_path / "repdir").iterdir()) == []
    report = run("report", str(vcf), "--out", f"{tmp_path}/repdir/", text=True)
    assert report.returncode == 3 and "not a directory" in report.stderr
    ok = run("annotate", str(vcf), "-o", str(tmp_path / "o.vcf"), "--report", str(tmp_path / "repdir" / "alk"))
    assert ok.returncode == 0 and (tmp_path / "repdir" / "alk.tsv").exists()


def _kb_without_tpx0131(tmp_path: Path) -> Path:
    kb = tmp_path / "kb2"
    assert run("kb", "export", "--format", "tsv", "-o", str(kb)).returncode == 0
    for name in ("inhibitors.tsv", "calls.tsv"):
        lines = (kb / name).read_text().splitlines(keepends=True)
        (kb / name).write_text("".join(line for line in lines if "tpx0131" not in line.lower()))
    version = (kb / "VERSION").read_text().replace("version\t2.0.1", "version\t2.0.1-local")
    (kb / "VERSION").write_text(version)
    return kb


@pytest.mark.parametrize("padded", [False, True], ids=["per-record path", "byte-level path"])
@pytest.mark.parametrize("output", ["out.vcf", "out.bcf"])
def test_re_annotation_with_fewer_inhibitors_removes_the_dropped_keys(tmp_path, padded, output):
    """An earlier output's key that this run does not write (a local knowledge base without TPX-0131) is removed
    from every record and from the header: the output equals a direct run with that knowledge base."""
    vcf = _vcf(tmp_path, "chr2\t29220765\t.\tG\tT\t50\tPASS\tDP=30\tGT:AD\t0/1:10,5\n", padded)
    kb = _kb_without_tpx0131(tmp_path)
    first = tmp_path / "first.vcf"
    assert run("-q", "annotate", str(vcf), "-o", str(first)).returncode == 0
    assert "ALK_TPX0131=" in first.read_text()
    again, direct = tmp_path / f"again.{output}", tmp_path / f"direct.{output}"
    assert run("-q", "annotate", str(first), "--kb", str(kb), "-o", str(again)).returncode == 0
    assert run("-q", "annotate", str(vcf), "--kb", str(kb), "-o", str(direct)).returncode == 0
    import pysam

    def body_and_info_lines(path):
        with pysam.VariantFile(str(path)) as vf:
            info = sorted(line for line in str(vf.header).splitlines() if line.startswith("##INFO"))
            return [str(rec) for rec in vf], info

    assert body_and_info_lines(again) == body_and_info_lines(direct)
    assert "TPX0131" not in "".join(body_and_info_lines(again)[0] + body_and_info_lines(again)[1])


def test_no_message_line_floods_a_log(tmp_path):
    """A 100 kb REF that disagrees with the reference was printed whole in the REF-mismatch warning, one
    100,086-character line (pipeline review 2026-12-01, second reading, finding 8)."""
    import subprocess

    from helpers import ALKANNOT

    vcf = tmp_path / "long.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        f"chr2\t29220765\t.\t{'A' * 100_000}\tA\t.\tPASS\t.\n"
    )
    run = subprocess.run(
        [ALKANNOT, "annotate", str(vcf), "-o", str(tmp_path / "o.vcf")], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr[:500]
    lines = run.stderr.splitlines()
    assert any("REF AAAAAAAAAAAAAAAAAAAA...(100,000 bp) disagrees" in line for line in lines), lines
    assert max(len(line) for line in lines) < 2100
