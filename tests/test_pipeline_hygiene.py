"""What a pipeline engineer checks: usage errors exit 2 before any work, bad side inputs exit 3 with one
line, plain gzip on stdin, re-annotation of an older alkannot's header, output file permissions."""

from __future__ import annotations

import gzip
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, run

DATA = Path(__file__).parent / "data"
SNVS = DATA / "alk_snvs_grch37.vcf"


def one_error_line(result, *words):
    err = result.stderr.decode()
    lines = [
        l for l in err.splitlines() if not l.startswith("alkannot: WARNING") and not l.startswith("alkannot: INFO")
    ]
    assert result.returncode == 3, err
    assert len(lines) == 1 and lines[0].startswith("alkannot: error:"), err
    for word in words:
        assert word in lines[0], err


@pytest.mark.parametrize(
    "args,message",
    [
        (["-o", "{tmp}/w.bcf", "-W", "tbi"], "which takes a CSI index only (give -W csi)"),
        (["-W"], "needs a bgzipped VCF or BCF output file"),
        (["--min-vaf", "2"], "not a fraction"),
        (["--threads", "-1"], "negative"),
    ],
)
def test_usage_errors_exit_2_before_reading(tmp_path, args, message):
    result = run("annotate", SNVS, *[a.format(tmp=tmp_path) for a in args])
    assert result.returncode == 2 and message in result.stderr.decode()
    assert not list(tmp_path.iterdir())


def test_bad_sv_inputs_are_one_line_errors(tmp_path):
    plain = tmp_path / "sv.vcf.gz"
    plain.write_bytes(gzip.compress((DATA / "sv" / "delly_bnd_grch37.vcf").read_bytes()))
    one_error_line(
        run("annotate", SNVS, "--sv", tmp_path / "missing.vcf"),
        "missing.vcf",
        "cannot read input (No such file or directory)",
    )
    one_error_line(run("annotate", SNVS, "--sv", DATA), "is a directory")
    one_error_line(run("annotate", SNVS, "--sv", DATA / "sv" / "manta_somatic_grch38_chr.vcf"), "is GRCh38")
    ok = run("annotate", SNVS, "--sv", plain)  # plain (non-BGZF) gzip is read like htslib reads it
    assert ok.returncode == 0, ok.stderr


def test_plain_gzip_on_stdin(tmp_path):
    result = run("annotate", "-", stdin=gzip.compress(SNVS.read_bytes()))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(b"ALK_CONSEQUENCE=") == 5


def test_corrupt_bgzip_gives_exactly_one_line(tmp_path):
    body = "".join(f"2\t{29000000 + i}\t.\tA\tG\t50\tPASS\t.\n" for i in range(60000))
    text = SNVS.read_text().split("#CHROM")[0] + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" + body
    raw = tmp_path / "big.vcf"
    raw.write_text(text)
    subprocess.run(["bgzip", "-f", str(raw)], check=True)
    data = bytearray((tmp_path / "big.vcf.gz").read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad = tmp_path / "bad.vcf.gz"
    bad.write_bytes(bytes(data))
    one_error_line(run("annotate", bad, "-o", tmp_path / "out.vcf"), "bad.vcf.gz", "corrupt or truncated")
    assert not (tmp_path / "out.vcf").exists()


def test_reannotation_replaces_an_older_alkannots_definitions(tmp_path):
    first = run("annotate", SNVS)
    assert first.returncode == 0
    older = (
        first.stdout.decode()
        .replace('Version="0.1.0"', 'Version="0.0.1"')
        .replace("ID=ALK_HGVSC,Number=A,Type=String", "ID=ALK_HGVSC,Number=1,Type=Integer")
    )
    second = run("annotate", "-", stdin=older.encode())
    assert second.returncode == 0, second.stderr
    out = second.stdout.decode()
    assert 'Version="0.0.1"' not in out and "ID=ALK_HGVSC,Number=A,Type=String" in out
    strip = lambda text: [l for l in text.splitlines() if not l.startswith("##alkannotCommand")]
    assert strip(out) == strip(first.stdout.decode())


def test_output_files_get_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        result = run("annotate", SNVS, "-o", tmp_path / "o.vcf.gz", "-W", "tbi")
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    for name in ("o.vcf.gz", "o.vcf.gz.tbi"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644


def test_star_fusion_row_without_its_right_breakpoint_is_an_input_error(tmp_path):
    """Found by the fuzz harness: a row shorter than the header must not reach a KeyError."""
    from alkannot.errors import InputError
    from alkannot.svio import read_fusion_table

    table = tmp_path / "star.tsv"
    table.write_text(
        "#FusionName\tJunctionReadCount\tSpanningFragCount\tSpliceType\tLeftGene\tLeftBreakpoint\t"
        "RightGene\tRightBreakpoint\n\t\t\t\t\tchr2:42522656:+\t\n"
    )
    with pytest.raises(InputError) as err:
        read_fusion_table(str(table))
    assert "RightBreakpoint" in str(err.value) and "star.tsv" in str(err.value)


def test_reports_are_written_atomically_and_nothing_else_is_left(tmp_path):
    result = run("report", SNVS, "--out", tmp_path / "r")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.json", "r.tsv", "r_mqc.tsv"]


def test_quiet_means_no_htslib_warnings_either(tmp_path):
    """A body contig htslib finds odd ('<2>', as in hts-specs' passed_body_chrom.vcf) is added to the header in
    pass 1 with htslib's messages silenced; pass 2 adds the same line again and must stay silent too: with -q,
    stderr is empty (review 2026-11-30: 35 corpus files printed [W::bcf_hrec_check] lines)."""
    vcf = tmp_path / "odd_contig.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.3\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        "1\t13302\t.\tC\tT\t100\tPASS\t.\n<2>\t13302\t.\tC\tT\t100\tPASS\t.\n"
    )
    out = tmp_path / "out.vcf"
    result = run("-q", "annotate", vcf, "-o", out, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    # the header is the input's, as bcftools view writes it: no line htslib made up (review 12, pipeline, F2)
    assert "##contig=" not in out.read_text()


def test_quiet_silences_htslib_on_sv_files_too(tmp_path):
    """Pipeline review 2026-12-01, third reading, finding 11: an --sv record on an undeclared contig made htslib print
    [W::vcf_parse] lines under -q (the main input's identical lines were already silenced)."""
    head = (
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="t">\n##INFO=<ID=END,Number=1,Type=Integer,Description="e">\n'
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\n"
    )
    main = tmp_path / "main.vcf"
    main.write_text(head + "chr2\t29220747\t.\tC\tT\t50\tPASS\t.\tGT\t0/1\n")
    sv = tmp_path / "sv.vcf"
    sv.write_text(head + "chrUn\t100\t.\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=200\tGT\t0/1\n")
    result = run("-q", "annotate", main, "--sv", f"T1={sv}", "-o", tmp_path / "o.vcf", text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_a_sites_only_input_through_a_descriptor_is_not_named_after_its_number(tmp_path):
    """Pipeline review 2026-12-01, third reading, finding 12: `alkannot annotate <(...)` named the one sample of a
    sites-only input '63' (bash's descriptor); it is 'unnamed', with one warning pointing at --tumor."""
    vcf = tmp_path / "sites.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr2\t29220747\t.\tC\tT\t50\tPASS\t.\n"
    )
    result = subprocess.run(
        ["bash", "-c", f'"$0" annotate <(cat {vcf}) | grep "^##alkannotSample"', ALKANNOT],
        capture_output=True,
        text=True,
    )
    assert "##alkannotSample=<ID=unnamed," in result.stdout, result.stderr
    warnings = [l for l in result.stderr.splitlines() if "no file name to name its sample" in l]
    assert len(warnings) == 1 and "give --tumor NAME" in warnings[0]


def test_a_format_column_without_samples_is_said_in_words(tmp_path):
    """Pipeline review 2026-12-01, third reading, finding 13: pysam's message leaked Python's bytes notation
    ("file `b't7.vcf'` does not have valid header (mode=`b'r'`)")."""
    vcf = tmp_path / "t7.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\nchr2\t29220747\t.\tC\tT\t50\tPASS\t.\tGT\n"
    )
    result = run("annotate", vcf)
    one_error_line(result, f"{vcf}:3: the #CHROM line has a FORMAT column but no sample column")
    assert "b'" not in result.stderr.decode()


def test_a_newline_in_a_file_name_keeps_the_header_and_the_error_on_one_line(tmp_path):
    """##alkannotCommand writes the name as bash's $'...' form, and an error naming the file stays one line
    (review 2026-11-30: bcftools could not read such an output)."""
    example = Path(__file__).resolve().parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    odd = tmp_path / "in\nx.vcf"
    odd.write_bytes(example.read_bytes())
    out = tmp_path / "out.vcf"
    result = run("-q", "annotate", odd, "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    (command,) = [l for l in out.read_text().splitlines() if l.startswith("##alkannotCommand=")]
    assert "$'" in command and "in\\nx.vcf'" in command
    # the path in the sample lines (Input=, cohort48; the path since cohort49) too: its newline escaped
    samples = [l for l in out.read_text().splitlines() if l.startswith("##alkannotSample=")]
    assert len(samples) == 7 and all(l.endswith(f',Input="{tmp_path}/in\\\\nx.vcf">') for l in samples)
    if shutil.which("bcftools"):
        view = subprocess.run(["bcftools", "view", "-H", str(out)], capture_output=True, text=True)
        assert view.returncode == 0 and len(view.stdout.splitlines()) == 4, view.stderr
    missing = run("-q", "annotate", tmp_path / "no\nsuch.vcf", "-o", tmp_path / "o.vcf", text=True)
    assert missing.returncode == 3 and len(missing.stderr.splitlines()) == 1 and "no\\nsuch.vcf" in missing.stderr


def test_header_lines_htslib_drops_are_said_and_conflicting_chr2_lengths_refused(tmp_path):
    """Pipeline review 2026-12-01, third reading, finding 9: a second, different INFO/DP definition and a line that is
    not KEY=VALUE vanished from the output without a word; two ##contig lines for chr2 with GRCh38's and GRCh37's
    lengths gave ##alkannotBuild=GRCh38. Each dropped line is one warning naming file and line where the output's
    header is htslib's (BCF); a VCF output keeps both lines as written (stop 52), and the second definition is said
    as the one the records are not read by; the contig conflict is exit 3 before any output."""
    head = (
        "##fileformat=VCFv4.2\n"
        '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">\n'
        '##INFO=<ID=DP,Number=1,Type=String,Description="other">\n'
        "##weird line no equals\n"
        "##contig=<ID=chr2,length=242193529>\n"
    )
    body = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr2\t29220747\t.\tC\tT\t50\tPASS\tDP=10\n"
    vcf = tmp_path / "dup.vcf"
    vcf.write_text(head + body)
    result = run("annotate", vcf, "-o", tmp_path / "out.bcf", text=True)
    assert result.returncode == 0, result.stderr
    warnings = [l for l in result.stderr.splitlines() if "header line dropped" in l]
    assert warnings == [
        f"alkannot: WARNING: {vcf}:3: header line dropped: INFO/DP is defined again, differently; htslib keeps the "
        "first definition (line 2)",
        f"alkannot: WARNING: {vcf}:4: header line dropped (not KEY=VALUE): ##weird line no equals",
    ]
    kept = run("annotate", vcf, "-o", tmp_path / "out.vcf", text=True)
    assert [l for l in kept.stderr.splitlines() if "WARNING" in l] == [
        f"alkannot: WARNING: {vcf}:3: INFO/DP is defined again, differently; the records are read by the first "
        "definition (line 2), as htslib reads them; a VCF output keeps both lines as written"
    ]
    assert (tmp_path / "out.vcf").read_text().startswith(head)
    assert run("-q", "annotate", vcf, "-o", tmp_path / "q.vcf", text=True).stderr == ""
    vcf.write_text(head.replace("##weird line no equals\n", "##contig=<ID=chr2,length=243199373>\n") + body)
    out = tmp_path / "conflict.vcf"
    one_error_line(
        run("annotate", vcf, "-o", out),
        f"{vcf}:5: two ##contig lines for chr2 give different lengths (lines 4 and 5): the genome build cannot be "
        "told; remove the wrong line (htslib keeps the first), or rerun with --build naming the first line's build",
    )
    assert not out.exists()
    # --build is the way out the message names: then a warning (review of the day's changes, finding 4); here the
    # other contigs say GRCh38 too, so --build GRCh38 agrees with the header's other evidence
    others = "##contig=<ID=chr1,length=248956422>\n##contig=<ID=chr7,length=159345973>\n"
    vcf.write_text(
        head.replace("##weird line no equals\n", "") + others + "##contig=<ID=chr2,length=243199373>\n" + body
    )
    given = run("annotate", vcf, "--build", "GRCh38", "-o", out, text=True)
    assert given.returncode == 0 and "give different lengths (lines 4 and 7); htslib keeps the first" in given.stderr, (
        given.stderr
    )
    # the other build is refused: htslib keeps the first line, whose GRCh38 chr2 length would stand beside
    # ##alkannotBuild=GRCh37 in the output (last check of 2026-12-01, finding D)
    other = run("annotate", vcf, "--build", "GRCh37", "-o", tmp_path / "other.vcf", text=True)
    assert other.returncode == 3 and "--build GRCh37 contradicts the header" in other.stderr, other.stderr
    assert not (tmp_path / "other.vcf").exists()
    # a bare ##contig line has no length to disagree with
    vcf.write_text(head.replace("##weird line no equals\n", "##contig=<ID=chr2>\n") + body)
    bare = run("annotate", vcf, "--build", "GRCh38", "-o", out, text=True)
    assert bare.returncode == 0 and "different lengths" not in bare.stderr, bare.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("bgzip", [False, True])
def test_a_full_disk_behind_a_shell_redirect_is_an_error_not_a_quiet_end(tmp_path, bgzip):
    """Pipeline review 2026-12-01, fourth reading, finding 1: `alkannot annotate big.vcf > full-disk` on the splice
    path (inputs of 1 MiB or more) took ENOSPC for a closed reader: exit 0, nothing said, a truncated VCF. Only a
    reader that went away ends the run quietly."""
    from helpers import generated_vcf

    big = generated_vcf(tmp_path / "big.vcf", 20000)
    assert big.stat().st_size >= 1 << 20
    if bgzip:
        subprocess.run(["bgzip", "-f", str(big)], check=True)
        big = tmp_path / "big.vcf.gz"
    args = [ALKANNOT, "annotate", str(big)] + (["-Oz"] if bgzip else [])
    with open("/dev/full", "wb") as full:
        result = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 3
    (line,) = result.stderr.strip().splitlines()
    assert "cannot write output" in line and "No space left on device" in line and "Traceback" not in line
    # a reader that goes away is still a quiet end
    command = f"set -o pipefail; '{ALKANNOT}' annotate '{big}' | head -c 100 > /dev/null"
    head = subprocess.run(["bash", "-c", command], capture_output=True)
    assert head.returncode == 0 and head.stderr == b""


@pytest.mark.parametrize(
    "args,named",
    [
        (["annotate", "-", "--sv", "-"], "('-') is given to INPUT and --sv"),
        (["annotate", "-", "--fusions", "P1_T=-"], "('-') is given to INPUT and --fusions"),
        (
            ["annotate", str(SNVS), "--sv", "-", "--samples", "/dev/stdin"],
            "is given to --samples ('/dev/stdin') and --sv ('-')",
        ),
        (["report", "-", "-", "--out", "{tmp}/r"], "('-') is given to VCF|MAF 2 times"),
        (["report", "-", "/dev/stdin", "--out", "{tmp}/r"], "is given to VCF|MAF 2 times ('-', '/dev/stdin')"),
        (["annotate", "-", "--samples", "/dev/fd/0"], "is given to INPUT ('-') and --samples ('/dev/fd/0')"),
        (["annotate", "/dev/stdin", "--samples", "/dev/stdin"], "('/dev/stdin') is given to INPUT and --samples"),
    ],
)
def test_standard_input_given_to_two_inputs_is_a_usage_error(tmp_path, args, named):
    """Pipeline review 2026-12-01, fourth reading, finding 7: `annotate - --sv -` said '<stdin>: empty input' and
    `--fusions -` 'No such file'; one of the two would find standard input empty."""
    result = run(*[a.format(tmp=tmp_path) for a in args], stdin=SNVS.read_bytes())
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.decode().strip().splitlines()
    assert f"standard input {named}: only one input can read it" in line  # named as written (eng48b, finding 2)
    assert not list(tmp_path.iterdir())


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["lookup", "G1202R"], ["kb", "list"]])
def test_lookup_and_kb_to_a_full_disk_are_exit_3(args):
    """Review of the day's changes (fifth), finding 6: `alkannot lookup G1202R > /dev/full` was an internal error."""
    with open("/dev/full", "wb") as full:
        result = subprocess.run([ALKANNOT, *args], stdout=full, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 3
    assert result.stderr.strip() == "alkannot: error: <stdout>: cannot write output (No space left on device)"


def test_bcftools_merge_keeps_the_knowledge_base_line_of_each_knowledge_base(tmp_path):
    """`bcftools merge` of two annotated VCFs dropped ##alkannotKnowledgeBase (a structured line without an ID); with
    its ID (the checksum's first 12 digits) the line survives, once per knowledge base (review of stop 33, left)."""
    example = Path(__file__).resolve().parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    first = tmp_path / "a.vcf.gz"
    assert run("-q", "annotate", example, "-o", first, "-W").returncode == 0
    lab = tmp_path / "kb"
    shutil.copytree(Path(__file__).resolve().parent.parent / "resources" / "kb", lab)
    version = (lab / "VERSION").read_text().splitlines()
    (lab / "VERSION").write_text("\n".join(["version\t9.9.9-lab", *version[1:]]) + "\n")
    renamed = tmp_path / "renamed.vcf"
    text = example.read_text().replace("\tP1_T\tP1_N\t", "\tQ1_T\tQ1_N\t", 1)
    renamed.write_text(text)
    second = tmp_path / "b.vcf.gz"
    ran = run("-q", "annotate", renamed, "--kb", lab, "-o", second, "-W")
    assert ran.returncode == 0, ran.stderr
    merged = subprocess.run(
        ["bcftools", "merge", "--force-samples", str(first), str(second)], capture_output=True, text=True
    )
    assert merged.returncode == 0, merged.stderr
    lines = [x for x in merged.stdout.splitlines() if x.startswith("##alkannotKnowledgeBase=")]
    assert [x.split("Version=")[1].split(",")[0] for x in lines] == [
        next(v.split("\t")[1] for v in version if v.startswith("version\t")),
        "9.9.9-lab",
    ]
