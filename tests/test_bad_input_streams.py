"""Bad input that a pipeline hands over: streams that are not VCF, records with more columns than the header,
undeclared alkannot keys (pipeline review 2026-12-01, third reading, findings 4, 6, 10 and 13). Each is one
`alkannot: error:` line naming the input (and record), exit 3, no output file; on every path (records parsed
one by one, the byte-level pass, the BGZF splice) alike."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pysam
import pytest
from helpers import run

HEADER = (
    "##fileformat=VCFv4.2\n"
    '##FILTER=<ID=PASS,Description="All filters passed">\n'
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">\n'
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="AD">\n'
    "##contig=<ID=chr1,length=248956422>\n##contig=<ID=chr2,length=242193529>\n"
)
COLUMNS = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\n"
CHR1 = "chr1\t1000\t.\tA\tG\t50\tPASS\tDP=10\tGT:AD\t0/1:5,5\n"
G1202R = "chr2\t29220747\trs1\tC\tT\t50\tPASS\tDP=100\tGT:AD\t0/1:60,30\n"


def error_line(result, *names: str) -> str:
    """The one error line of an exit-3 run, naming every one of `names`; no traceback."""
    err = result.stderr.decode(errors="replace") if isinstance(result.stderr, bytes) else result.stderr
    assert result.returncode == 3, err
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("alkannot: error: "), err
    for name in names:
        assert name in lines[0], lines[0]
    return lines[0]


# ---------------------------------------------------------------- finding 6: streams that are not VCF
NOT_VCF = "not a VCF/BCF file: it starts with neither '#' (VCF text) nor gzip/BGZF or BCF data"


def test_dev_zero_is_refused_at_once(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    result = run("annotate", "-q", "/dev/zero", "-o", tmp_path / "out.vcf", timeout=30, env=env)
    assert error_line(result, "/dev/zero", NOT_VCF)
    assert os.listdir(tmp_path) == []


def test_nul_bytes_on_stdin_are_refused_before_spooling(tmp_path):
    result = run("annotate", "-", "-o", tmp_path / "out.vcf", stdin=bytes(1 << 20), timeout=30)
    assert error_line(result, "<stdin>", NOT_VCF)
    assert not (tmp_path / "out.vcf").exists()


def test_nul_bytes_from_a_fifo_are_refused(tmp_path):
    fifo = tmp_path / "in.vcf"
    os.mkfifo(fifo)
    writer = subprocess.Popen(
        ["sh", "-c", f"head -c 50000000 /dev/zero > {fifo}"], stderr=subprocess.DEVNULL
    )  # never read to its end
    try:
        result = run("annotate", fifo, "-o", tmp_path / "out.vcf", timeout=30)
    finally:
        writer.kill()
        writer.wait()
    assert error_line(result, str(fifo), NOT_VCF)


@pytest.mark.parametrize("stream", ["text", "gzip", "maf"])
def test_what_streams_carried_before_still_passes(tmp_path, stream):
    text = HEADER + COLUMNS + G1202R
    if stream == "maf":
        maf = Path(__file__).parent / "data" / "maf" / "madeup_cohort_grch37.maf"
        data = maf.read_bytes()
        data = data[data.find(b"Hugo_Symbol") :]  # the column header first, no '#version' line
        result = run("report", "-", "--out", tmp_path / "rep", stdin=data)
        assert result.returncode == 0, result.stderr
        return
    import gzip

    data = gzip.compress(text.encode()) if stream == "gzip" else text.encode()
    result = run("annotate", "-", stdin=data)
    assert result.returncode == 0, result.stderr
    assert b"ALK_HGVSP=p.G1202R" in result.stdout


# ---------------------------------------------------------------- finding 10: more columns than the header
def big_vcf(tmp_path: Path, name: str, compressed: bool, edit=None) -> tuple[Path, list[str], int]:
    """A generated VCF above the byte-level threshold, its lines (after `edit(lines, first)`) and the index of its
    first record line."""
    from helpers import generated_vcf

    from alkannot import scan

    plain = generated_vcf(tmp_path / f"{name}.src.vcf", 80000 if compressed else 20000)
    lines = plain.read_text().splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    if edit is not None:
        edit(lines, first)
    path = tmp_path / f"{name}.vcf"
    path.write_text("".join(lines))
    if compressed:
        pysam.tabix_compress(str(path), f"{path}.gz", force=True)
        path = Path(f"{path}.gz")
    assert path.stat().st_size > scan.FULL_PARSE_BELOW
    return path, lines, first


@pytest.mark.parametrize("output", ["out.vcf", "out.bcf", "out.vcf.gz"])
@pytest.mark.parametrize("shape", ["sites_only", "extra_sample"])
def test_a_small_file_record_with_more_columns_is_refused(tmp_path, shape, output):
    columns = COLUMNS if shape == "extra_sample" else COLUMNS.split("\tFORMAT")[0] + "\n"
    extra = CHR1.rstrip("\n") + "\t0/1:5,5\n"
    vcf = tmp_path / "wide.vcf"
    vcf.write_text(HEADER + columns + extra + G1202R)
    result = run("annotate", vcf, "-o", tmp_path / output)
    n = 11
    header = 10 if shape == "extra_sample" else 8
    error_line(
        result, f"{vcf}: unreadable record 1 (line 9 (chr1:1000)): {n} tab-separated columns, the header has {header}"
    )
    assert not (tmp_path / output).exists()


@pytest.mark.parametrize("compressed", [False, True])
@pytest.mark.parametrize("output", ["out.vcf", "out.vcf.gz", "out.bcf"])
def test_a_large_file_record_with_more_columns_is_refused_on_every_path(tmp_path, compressed, output):
    """The byte-level pass (text), the BGZF splice and the per-record path (BCF output) name the same record."""

    def widen(lines, first):
        lines[first + 6999] = lines[first + 6999].rstrip("\n") + "\t0/1:1,1:2\n"

    vcf, lines, first = big_vcf(tmp_path, "wide", compressed, widen)
    chrom, pos = lines[first + 6999].split("\t")[:2]
    result = run("annotate", vcf, "-o", tmp_path / output)
    error_line(
        result,
        f"{vcf}: unreadable record 7000 (line {first + 7000} ({chrom}:{pos})): 11 tab-separated columns, the header has 10",
    )
    assert not (tmp_path / output).exists()


# ---------------------------------------------------------------- finding 4: alkannot's keys, undeclared
UNDECLARED = "carries INFO ALK_FUSION, a key alkannot writes, which the header does not define"


@pytest.mark.parametrize("output", ["out.vcf", "out.vcf.gz", "out.bcf"])
@pytest.mark.parametrize("compressed", [False, True])
def test_an_undeclared_alkannot_key_on_a_small_file_is_refused(tmp_path, compressed, output):
    """Passed through, it was described by alkannot's own ##INFO line, and a second run stripped it."""
    text = HEADER + COLUMNS + CHR1.replace("DP=10", "DP=10;ALK_FUSION=EML4::ALK") + G1202R
    vcf = tmp_path / "fk.vcf"
    vcf.write_text(text)
    if compressed:
        pysam.tabix_compress(str(vcf), f"{vcf}.gz", force=True)
        vcf = Path(f"{vcf}.gz")
    result = run("annotate", vcf, "-o", tmp_path / output)
    error_line(result, f"{vcf}: record 1 (line 9 (chr1:1000)) {UNDECLARED}")
    assert not (tmp_path / output).exists()


@pytest.mark.parametrize("compressed", [False, True])
@pytest.mark.parametrize("output", ["out.vcf", "out.vcf.gz", "out.bcf"])
def test_an_undeclared_alkannot_key_on_a_large_file_is_refused_on_every_path(tmp_path, compressed, output):
    def mark(lines, first):
        fields = lines[first + 6999].split("\t")
        fields[7] += ";ALK_FUSION=EML4::ALK"
        lines[first + 6999] = "\t".join(fields)

    vcf, lines, first = big_vcf(tmp_path, "fk", compressed, mark)
    chrom, pos = lines[first + 6999].split("\t")[:2]
    result = run("annotate", vcf, "-o", tmp_path / output)
    error_line(result, f"{vcf}: record 7000 (line {first + 7000} ({chrom}:{pos})) {UNDECLARED}")
    assert not (tmp_path / output).exists()


def test_other_alk_prefixed_text_is_not_an_alkannot_key(tmp_path):
    """Only INFO keys alkannot writes count: an ID, a value or another tool's ALK_ key pass through."""
    line = CHR1.replace("\t.\t", "\tALK_FUSION\t", 1).replace("DP=10", "DP=10;ALK_OTHER=1;X=ALK_FUSION")
    vcf = tmp_path / "ok.vcf"
    vcf.write_text(HEADER + COLUMNS + line + G1202R)
    result = run("annotate", vcf, "-o", tmp_path / "out.vcf")
    assert result.returncode == 0, result.stderr
    assert line in (tmp_path / "out.vcf").read_text()


@pytest.mark.parametrize("compressed", [False, True])
def test_alkannot_output_re_annotates_identically_on_every_path(tmp_path, compressed):
    """Its header defines its keys: a second run replaces them, and small and large files agree."""
    vcf, _, _ = big_vcf(tmp_path, "calls", compressed)
    suffix = ".vcf.gz" if compressed else ".vcf"
    once, twice = tmp_path / f"once{suffix}", tmp_path / f"twice{suffix}"
    for source, target in ((vcf, once), (once, twice)):
        result = run("annotate", source, "-o", target)
        assert result.returncode == 0, result.stderr

    def body(path):
        with pysam.VariantFile(str(path)) as handle:
            return str(handle.header).replace(str(once), "X").replace(str(vcf), "X"), [str(r) for r in handle]

    first, second = body(once), body(twice)
    assert first[1] == second[1]
    assert [l for l in first[0].splitlines() if "alkannotCommand" not in l] == [
        l for l in second[0].splitlines() if "alkannotCommand" not in l
    ]


@pytest.mark.parametrize("compressed", [False, True])
@pytest.mark.parametrize("size", ["small", "large"])
def test_a_record_with_fewer_sample_columns_names_itself_and_its_problem_on_every_path(tmp_path, size, compressed):
    """Pipeline review 2026-12-01, third reading, finding 13: htslib's 'unable to parse next record' said nothing of
    the cause, and the >1 MiB text path lost CHROM:POS. Every path names the record and says its column count."""
    header = (
        "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tC\n"
    )
    filler = "".join(f"chr1\t{i * 10}\t.\tA\tG\t.\tPASS\t.\tGT\t0/1\t0/0\t0/0\n" for i in range(1, 40000))
    body = (filler if size == "large" else "") + "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT\t0/1\n"
    vcf = tmp_path / "narrow.vcf"
    vcf.write_text(header + body)
    if compressed:
        pysam.tabix_compress(str(vcf), f"{vcf}.gz", force=True)
        vcf = Path(f"{vcf}.gz")
    if size == "large" and not compressed:  # the byte-level path, not the full parse
        from alkannot.scan import FULL_PARSE_BELOW

        assert vcf.stat().st_size > FULL_PARSE_BELOW
    record = body.count("\n")
    result = run("annotate", vcf, "-o", tmp_path / "out.vcf")
    error_line(
        result,
        f"{vcf}: unreadable record {record} (line {record + 5} (chr2:29220747)): 10 tab-separated columns, the "
        "header has 12",
    )
    assert not (tmp_path / "out.vcf").exists()


def test_an_undeclared_alkannot_flag_last_on_a_crlf_sites_only_line_is_refused(tmp_path):
    """Final review of 2026-12-01, finding 9: 'ALK_FUSION\\r' (a flag ending a CRLF line's INFO) was not recognised,
    so annotating twice still changed the record."""
    vcf = tmp_path / "crlf.vcf"
    text = (
        "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n##contig=<ID=chr2,length=242193529>\n"
        '##INFO=<ID=DP,Number=1,Type=Integer,Description="d">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n'
        "chr1\t1000\t.\tA\tG\t50\tPASS\tDP=10;ALK_FUSION\nchr2\t29220747\t.\tC\tT\t50\tPASS\tDP=10\n"
    )
    vcf.write_bytes(text.replace("\n", "\r\n").encode())
    result = run("annotate", vcf, "-o", tmp_path / "out.vcf")
    error_line(result, f"{vcf}: record 1 (line 6 (chr1:1000)) carries INFO ALK_FUSION, a key alkannot writes")
    assert not (tmp_path / "out.vcf").exists()
