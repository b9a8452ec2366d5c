"""Byte-level pass 1 (alkannot/scan.py) finds exactly the records the full htslib pass acts on,
sorted or not, and pass 2's splice writes the same bytes as the full path.

The byte-level path is normally taken only by files of FULL_PARSE_BELOW bytes and more; the
in-process tests lower that threshold to compare both paths on the same small real files, and the
end-to-end tests run the installed `alkannot` on a generated file above it."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pysam
import pytest
from helpers import ALKANNOT, BENCH, generated_vcf

from alkannot import annotate, scan, splice
from alkannot.bgzf_blocks import BlockTable, read_blocks
from alkannot.fusion_evidence import with_fusion_evidence
from alkannot.options import AnnotateOptions
from alkannot.survey import survey_input
from alkannot.targets import position_pattern, survey_targets

DATA = Path(__file__).parent / "data"

HEADER_EXTRA = (
    '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="SV type">\n'
    '##INFO=<ID=END,Number=1,Type=Integer,Description="End">\n'
    '##INFO=<ID=SVLEN,Number=.,Type=Integer,Description="Length">\n'
    '##INFO=<ID=MATEID,Number=.,Type=String,Description="Mate">\n'
)
SAMPLE = "GT:AD:DP\t0/1:30,10:40"
SPECIAL = [
    f"chr2\t29220747\t.\tC\tT\t60\tPASS\tDP=200;AF=0.12\t{SAMPLE}",  # G1202R (GRCh38)
    f"chr2\t29000000\t.\tA\tG\t50\tPASS\tDP=9;END=29300000\t{SAMPLE}",  # reaches ALK through END
    f"chr2\t28990000\t.\t{'A' * 210_000}\tA\t50\tPASS\tDP=9\t{SAMPLE}",  # reaches ALK through REF
    f"chr1\t1000\t.\tA\t.A\t50\tPASS\tDP=9\t{SAMPLE}",  # single breakends
    f"chr1\t2000\t.\tG\tG.\t50\tPASS\tDP=9\t{SAMPLE}",
    f"chr3\t3000\t.\tT\tC,.TTG\t50\tPASS\tDP=9\t{SAMPLE}",
    f"chr3\t3500\t.\tT\tTTG.,C\t50\tPASS\tDP=9\t{SAMPLE}",
    f"chr3\t4000\t.\tT\tC,.\t50\tPASS\tSVTYPE=INS\t{SAMPLE}",  # lone '.' allele + SVTYPE
    f"chr1\t5000\tbnd1\tA\tA[chr2:29500000[\t50\tPASS\tSVTYPE=BND;MATEID=bnd2\t{SAMPLE}",
    f"chr2\t29500000\tbnd2\tC\t]chr1:5000]C\t50\tPASS\tSVTYPE=BND;MATEID=bnd1\t{SAMPLE}",
    f"chr4\t6000\t.\tN\t<DEL>\t50\tPASS\tSVTYPE=DEL;END=7000\t{SAMPLE}",
    f"chr7\t116700000\t.\tA\tG\t50\tPASS\tDP=9\t{SAMPLE}",  # MET
    f"chr7\t55100000\t.\tA\tAT\t50\tPASS\tDP=9\t{SAMPLE}",  # EGFR
    f"chr12\t25245000\t.\tC\tT\t50\tPASS\tDP=9\t{SAMPLE}",  # KRAS
    f"chr7\t116600000\t.\tA\tG\t50\tPASS\tDP=9;END=116680000\t{SAMPLE}",  # reaches MET
    f"chrUn_extra\t100\t.\tA\tG\t50\tPASS\tDP=9\t{SAMPLE}",  # undeclared contig
]


def generated(n: int, seed: int = 3) -> tuple[str, list[str]]:
    result = subprocess.run([sys.executable, str(BENCH), str(n), str(seed)], capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines(keepends=True)
    header = [l for l in lines if l.startswith("#")]
    header.insert(-1, HEADER_EXTRA)
    return "".join(header), [l for l in lines if not l.startswith("#")]


def with_specials(body: list[str], shuffle: bool, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    body = list(body)
    for line in SPECIAL:
        body.insert(rng.randrange(len(body) + 1), line + "\n")
    if shuffle:
        rng.shuffle(body)
    return body


def survey(path: Path, byte_level: bool, monkeypatch):
    monkeypatch.setattr(scan, "FULL_PARSE_BELOW", 0 if byte_level else 1 << 62)
    options = AnnotateOptions(input_path=str(path))
    return with_fusion_evidence(survey_input(str(path), str(path), options), options)


def facts(s) -> dict:
    return {
        "n": s.n_records,
        "alk": sorted(
            (i, r.chrom, r.pos, r.ref[:20], r.alts, [a.consequence.hgvsp for a in r.alleles])
            for i, r in s.alk_records.items()
        ),
        "sv": sorted((r.index, r.chrom, r.pos, r.alts) for r in s.sv_records),
        "bypass": sorted((b.gene, b.chrom, b.pos, b.alts) for b in s.bypass_records),
        "fusions": sorted(s.fusion_annotations),
        "ref": (s.ref_checked, s.ref_mismatched, s.other_build_matches),
        "extra": s.extra_header_lines,
    }


@pytest.mark.parametrize("workers", [1, 3], ids=["one_process", "three_processes"])
@pytest.mark.parametrize("shuffle", [False, True], ids=["sorted", "unsorted"])
@pytest.mark.parametrize("compressed", [False, True], ids=["text", "bgzip"])
def test_byte_level_pass_finds_what_the_full_pass_finds(tmp_path, monkeypatch, shuffle, compressed, workers):
    monkeypatch.setattr(scan, "_workers", lambda body: workers)
    header, body = generated(3000)
    path = tmp_path / "in.vcf"
    lines = with_specials(body, shuffle)
    path.write_text(header + "".join(lines))
    special = {line + "\n" for line in SPECIAL}
    must_pick = [i for i, line in enumerate(lines) if line in special]
    if compressed:
        pysam.tabix_compress(str(path), str(path) + ".gz")
        path = Path(str(path) + ".gz")
    full, fast = survey(path, False, monkeypatch), survey(path, True, monkeypatch)
    assert fast.layout is not None and full.layout is None
    assert facts(fast) == facts(full)
    got = facts(fast)
    assert len(got["alk"]) >= 1 and len(got["sv"]) >= 2 and {g for g, *_ in got["bypass"]} >= {"MET", "EGFR", "KRAS"}
    assert fast.sv_seen and full.sv_seen
    picked = set(fast.layout.indices)
    assert all(i in picked for i in must_pick), [lines[i][:60] for i in must_pick if i not in picked]
    assert any("chrUn_extra" in line for line in got["extra"])
    # only a small part of the body went through htslib
    assert len(fast.layout.indices) < fast.n_records / 10


@pytest.mark.parametrize("declared", [True, False], ids=["END_declared", "END_undeclared"])
def test_end_is_searched_only_when_the_header_declares_it(tmp_path, monkeypatch, declared):
    """htslib sets a record's extent from END only when the header declares END (an undeclared END is read
    as a string and ignored), so the byte-level pass searches END=/SVLEN= only then; both paths agree."""
    header, body = generated(3000)
    header = "".join(
        line
        for line in header.splitlines(keepends=True)
        if declared or not line.startswith(("##INFO=<ID=END,", "##INFO=<ID=SVLEN,"))
    )
    assert ("##INFO=<ID=END," in header) is declared
    reaching = f"chr2\t28000000\t.\tA\tG\t50\tPASS\tDP=9;END=29300000\t{SAMPLE}\n"
    lines = list(body)
    lines.insert(len(lines) // 2, reaching)
    path = tmp_path / "in.vcf"
    path.write_text(header + "".join(lines))
    full, fast = survey(path, False, monkeypatch), survey(path, True, monkeypatch)
    expected = facts(full)
    if not declared:  # htslib's placeholder for the undeclared key, as for any record the fast pass leaves unread
        assert expected["extra"] == ('##INFO=<ID=END,Number=1,Type=String,Description="Dummy">',)
        expected["extra"] = ()
    assert facts(fast) == expected
    assert (lines.index(reaching) in set(fast.layout.indices)) is declared


def _annotated(path: Path, tmp_path: Path, monkeypatch, byte_level: bool) -> tuple[int, bytes | None]:
    """Exit code and output of `annotate` on one path (the command line, as a user runs it, in this process)."""
    from alkannot import cli

    monkeypatch.setattr(scan, "FULL_PARSE_BELOW", 0 if byte_level else 1 << 62)
    out = tmp_path / f"out_{byte_level}.vcf"
    try:
        cli.main(["-q", "annotate", str(path), "-o", str(out)], standalone_mode=True)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    text = out.read_bytes() if out.exists() else None
    if text is not None:
        text = b"\n".join(line for line in text.split(b"\n") if not line.startswith(b"##alkannotCommand"))
    return code, text


@pytest.mark.parametrize(
    "pos, annotated",
    [("029220747", True), ("+29220747", True), ("29,220,747", False), ("30x", False), ("29 220 747", False)],
)
def test_a_pos_htslib_reads_or_rejects_in_a_sorted_chr2_stretch_is_picked(tmp_path, monkeypatch, pos, annotated):
    """htslib reads '029220747' and '+29220747' as 29,220,747 (G1202R) and rejects the others; the byte-level
    pass must send each such line to htslib even inside a stretch of chr2 lines, as the full path does."""
    header, body = generated(3000)
    chr2 = [i for i, line in enumerate(body) if line.startswith("chr2\t")]
    lines = list(body)
    lines.insert(chr2[1] + 1, f"chr2\t{pos}\t.\tC\tT\t60\tPASS\tDP=200\t{SAMPLE}\n")
    path = tmp_path / "in.vcf"
    path.write_text(header + "".join(lines))
    full, fast = _annotated(path, tmp_path, monkeypatch, False), _annotated(path, tmp_path, monkeypatch, True)
    assert fast == full
    if annotated:
        (inserted,) = [line for line in full[1].split(b"\n") if line.startswith(f"chr2\t{pos}\t".encode())]
        assert b"ALK_HGVSP=p.G1202R" in inserted
    else:
        assert full[0] == 3 and full[1] is None


def test_a_last_line_without_newline_that_spans_ranges_keeps_the_full_paths_newline(tmp_path, monkeypatch):
    """The range that reads the stream's last line says whether it ended in a newline; a later range that
    started inside that line is empty and must not overrule it."""
    header, body = generated(2000)
    long_ref = "A" * 300_000
    path = tmp_path / "in.vcf"
    path.write_text(header + "".join(body) + f"chr22\t100\t.\t{long_ref}\tA\t50\tPASS\tDP=9\t{SAMPLE}")
    monkeypatch.setattr(scan, "_workers", lambda body: 4)
    full, fast = _annotated(path, tmp_path, monkeypatch, False), _annotated(path, tmp_path, monkeypatch, True)
    assert full[0] == fast[0] == 0
    assert fast[1] == full[1] and full[1] is not None and full[1].endswith(b"\n")


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("compressed", [False, True], ids=["text", "bgzip"])
def test_spliced_output_equals_the_full_path(tmp_path, monkeypatch, compressed, workers):
    monkeypatch.setattr(scan, "_workers", lambda body: workers)
    monkeypatch.setattr(splice, "PARALLEL_COPY_ABOVE", 1000 if workers > 1 else 1 << 62)  # both copies
    header, body = generated(3000)
    path = tmp_path / "in.vcf"
    path.write_text(header + "".join(with_specials(body, False))[:-1])  # no final newline
    suffix = ".vcf"
    if compressed:
        pysam.tabix_compress(str(path), str(path) + ".gz")
        path, suffix = Path(str(path) + ".gz"), ".vcf.gz"
    outputs = {}
    for byte_level in (False, True):
        monkeypatch.setattr(scan, "FULL_PARSE_BELOW", 0 if byte_level else 1 << 62)
        out = tmp_path / f"out_{byte_level}{suffix}"
        annotate.annotate_file(AnnotateOptions(input_path=str(path), output_path=str(out), command_line="x"))
        outputs[byte_level] = out
    plain = {k: (pysam.BGZFile(str(v), "rb").read() if compressed else v.read_bytes()) for k, v in outputs.items()}
    assert plain[True] == plain[False]
    assert b"ALK_HGVSP=p.G1202R" in plain[True]
    if compressed:  # untouched blocks were copied, not re-encoded
        raw = raw_blocks(path)
        spliced = set(raw_blocks(outputs[True]))
        assert sum(block in spliced for block in raw) >= len(raw) - 8


def raw_blocks(path: Path) -> list[bytes]:
    table = BlockTable()
    with path.open("rb") as handle:
        for _ in read_blocks(handle, str(path), table):
            pass
    data = path.read_bytes()
    return [data[a:b] for a, b in zip(table.coffsets, table.coffsets[1:])]


def test_position_pattern_finds_every_position_of_its_windows_and_no_other_length():
    rng = random.Random(7)
    for _ in range(200):
        lo = rng.randrange(0, 300_000_000)
        hi = lo + rng.choice([1, 10, 999, 123_456, 5_000_000])
        pattern = re.compile(position_pattern(((lo, hi),)))
        for pos in {lo, hi, (lo + hi) // 2, *(rng.randint(lo, hi) for _ in range(50))}:
            assert pattern.match(b"%d\t" % pos), (lo, hi, pos, pattern.pattern)
        for pos in (lo // 10, lo * 10, hi * 10 + 9):  # one digit fewer or more: another number, never found
            if pos and not lo <= pos <= hi:
                assert not pattern.match(b"%d\t" % pos), (lo, hi, pos, pattern.pattern)


def test_position_pattern_lets_htslib_judge_a_malformed_pos_in_a_window():
    pattern = re.compile(position_pattern(((29_192_774, 29_921_566),)))
    assert pattern.match(b"29220747\t")
    assert pattern.match(b"2922x747\t") and pattern.match(b"29220747 \t")  # picked: htslib says what is wrong
    assert not pattern.match(b"2922074\t")  # 2.9 Mb: outside
    assert not pattern.match(b"3000000\t") and not pattern.match(b"1\t")
    assert pattern.match(b"029220747\t") and pattern.match(b"+29220747\t")  # htslib reads both as 29,220,747


# ------------------------------------------------------------------------------------------------
# the installed entry point on a file large enough for the byte-level path
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def big_vcf(tmp_path_factory) -> Path:
    path = generated_vcf(tmp_path_factory.mktemp("big") / "big.vcf", 40000)
    assert path.stat().st_size > scan.FULL_PARSE_BELOW
    return path


def run(*args):
    return subprocess.run([ALKANNOT, *map(str, args)], capture_output=True, timeout=300)


def test_big_file_every_record_out_and_alk_annotated(big_vcf, tmp_path):
    out = tmp_path / "out.vcf"
    result = run("annotate", big_vcf, "-o", out)
    assert result.returncode == 0, result.stderr
    with pysam.VariantFile(str(big_vcf)) as a, pysam.VariantFile(str(out)) as b:
        ins, outs = [str(r) for r in a], [str(r) for r in b]
    assert len(ins) == len(outs)
    annotated = [l for l in outs if "ALK_HGVSP" in l]
    assert sorted(l.split("\t")[1] for l in annotated) == ["29209816", "29220747", "29220765"]
    assert [l for l in ins if l.split("\t")[1] not in ("29209816", "29220747", "29220765")] == [
        l for l in outs if "ALK_HGVSP" not in l
    ]


def test_big_file_with_a_short_record_is_rejected_naming_it(big_vcf, tmp_path):
    lines = big_vcf.read_bytes().split(b"\n")
    header = sum(1 for l in lines if l.startswith(b"#"))
    lines[header + 30000] = b"chr9\t12345\t.\tA"
    bad = tmp_path / "short.vcf"
    bad.write_bytes(b"\n".join(lines))
    out = tmp_path / "out.vcf"
    result = run("annotate", bad, "-o", out)
    err = result.stderr.decode()
    assert result.returncode == 3, err
    assert err.splitlines()[-1].startswith(f"alkannot: error: {bad}") and "record 30001" in err, err
    assert not out.exists()


def test_a_short_record_is_found_when_a_long_one_in_the_same_chunk_makes_up_its_tabs(big_vcf, tmp_path):
    """A trailing tab (htslib accepts it) on one line and a missing column on a line soon after: the chunk's
    total tab count is right, yet the short record must still be an error (found by review 2026-11-30)."""
    lines = big_vcf.read_bytes().split(b"\n")
    header = sum(1 for l in lines if l.startswith(b"#"))
    lines[header + 20000] += b"\t"
    lines[header + 21000] = lines[header + 21000].rsplit(b"\t", 1)[0]
    bad = tmp_path / "cancel.vcf"
    bad.write_bytes(b"\n".join(lines))
    assert bad.read_bytes().count(b"\t") == big_vcf.read_bytes().count(b"\t")
    out = tmp_path / "out.vcf"
    result = run("annotate", bad, "-o", out)
    err = result.stderr.decode()
    assert result.returncode == 3, err
    assert "record 21001" in err and not out.exists(), err


@pytest.mark.parametrize("damage", ["crc", "no_eof"])
def test_big_bgzip_damage_is_an_error_before_any_output(big_vcf, tmp_path, damage):
    gz = tmp_path / "big.vcf.gz"
    pysam.tabix_compress(str(big_vcf), str(gz))
    data = bytearray(gz.read_bytes())
    if damage == "crc":
        data[len(data) // 2] ^= 0x01  # a bit flip inside some block's deflate data
    else:
        data = data[:-28]
    bad = tmp_path / f"{damage}.vcf.gz"
    bad.write_bytes(bytes(data))
    out = tmp_path / "out.vcf.gz"
    result = run("annotate", bad, "-o", out)
    err = result.stderr.decode()
    assert result.returncode == 3, err
    assert len([l for l in err.splitlines() if l.startswith("alkannot: error:")]) == 1 and "Traceback" not in err
    assert "BGZF" in err and str(bad) in err
    assert not out.exists()


@pytest.mark.parametrize("compressed", [False, True], ids=["text", "bgzip"])
def test_any_number_of_ranges_gives_the_same_picks(tmp_path, monkeypatch, compressed):
    """Range and chunk boundaries fall anywhere, inside the 210 kb line too: every line is counted once and
    picked the same (declared contigs given: a later range may re-pick an undeclared contig's
    first line, which is harmless and not compared here)."""
    header, body = generated(2000)
    path = tmp_path / "in.vcf"
    path.write_text(header + "".join(with_specials(body, False))[:-1])
    if compressed:
        pysam.tabix_compress(str(path), str(path) + ".gz")
        path = Path(str(path) + ".gz")
    seen = []
    for workers, chunk in [(n, scan.CHUNK) for n in range(1, 8)] + [(1, 777), (3, 4096), (5, 65536)]:
        monkeypatch.setattr(scan, "_workers", lambda body, n=workers: n)
        monkeypatch.setattr(scan, "CHUNK", chunk)  # chunks smaller than a line, than a block, than a range
        declared = {f"chr{n}" for n in range(1, 23)} | {"chrUn_extra"}
        result = scan.scan_file(str(path), str(path), survey_targets("GRCh38"), declared)
        layout = result.layout
        seen.append(
            (
                layout.n_records,
                list(layout.indices),
                list(layout.offsets),
                layout.final_newline,
                Path(result.spool).read_bytes(),
            )
        )
        Path(result.spool).unlink()
    assert all(s == seen[0] for s in seen[1:])
    assert seen[0][0] == len(body) + len(SPECIAL) and seen[0][3] is False


def test_big_file_to_a_pipe_equals_the_file_output_and_head_is_quiet(big_vcf, tmp_path):
    """The splice falls back from copy_file_range to sendfile/read-write on a pipe."""
    out = tmp_path / "out.vcf"
    assert run("annotate", big_vcf, "-o", out).returncode == 0
    piped = subprocess.run([ALKANNOT, "annotate", str(big_vcf)], capture_output=True, timeout=300)
    assert piped.returncode == 0, piped.stderr

    def body(data: bytes) -> bytes:
        return b"".join(l for l in data.splitlines(keepends=True) if not l.startswith(b"##alkannotCommand"))

    assert body(piped.stdout) == body(out.read_bytes())
    head = subprocess.run(
        f"alkannot annotate {big_vcf} | head -c 1000 > /dev/null; echo ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert head.stdout.strip() == "0" and "Traceback" not in head.stderr and "error" not in head.stderr


@pytest.mark.parametrize("append", [False, True], ids=["at_position", "o_append"])
def test_the_parallel_copy_lands_after_what_the_target_holds(tmp_path, monkeypatch, append):
    """Copies of large ranges run in several threads at explicit offsets: the bytes land after what the target
    already holds and its position ends after them; an O_APPEND target takes the sequential copy."""
    monkeypatch.setattr(splice, "PARALLEL_COPY_ABOVE", 1000)
    data = bytes(range(256)) * 4099
    source, target = tmp_path / "source", tmp_path / "target"
    source.write_bytes(data)
    target.write_bytes(b"head")
    with source.open("rb") as reading, target.open("ab" if append else "r+b") as writing:
        writing.seek(0, 2)
        splice.copy_range(reading.fileno(), writing.fileno(), 7, len(data) - 5)
        assert writing.tell() == 4 + len(data) - 12
        writing.write(b"tail")
    assert target.read_bytes() == b"head" + data[7:-5] + b"tail"


def test_a_copy_that_fails_part_way_is_continued_not_repeated(tmp_path, monkeypatch):
    """copy_file_range copies part of the range, then fails with an errno that allows a fallback: sendfile
    continues where it stopped, so no byte is written twice."""
    import errno
    import os

    calls = []
    real = os.copy_file_range

    def partial(src, dst, count, offset_src=None, offset_dst=None):
        calls.append(count)
        if len(calls) > 1:
            raise OSError(errno.EINVAL, "no more")
        return real(src, dst, min(count, 1000), offset_src, offset_dst)

    monkeypatch.setattr(splice, "PARALLEL_COPY_ABOVE", 1 << 62)
    monkeypatch.setattr(os, "copy_file_range", partial)
    data = bytes(range(256)) * 400
    source, target = tmp_path / "source", tmp_path / "target"
    source.write_bytes(data)
    with source.open("rb") as reading, target.open("wb") as writing:
        splice.copy_range(reading.fileno(), writing.fileno(), 0, len(data))
    assert target.read_bytes() == data


def test_usable_cores_follows_the_affinity_mask_and_falls_back_to_the_machine(monkeypatch):
    from alkannot import cores

    if hasattr(os, "sched_getaffinity"):
        assert cores.usable_cores() == len(os.sched_getaffinity(0))
        monkeypatch.delattr(os, "sched_getaffinity")
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert cores.usable_cores() == 6
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert cores.usable_cores() == 1


@pytest.mark.skipif(shutil.which("bcftools") is None, reason="needs bcftools")
@pytest.mark.parametrize("output_type", ["b", "u"])
def test_bcf_output_of_a_big_file_with_an_undeclared_info_key_declares_it(big_vcf, tmp_path, output_type):
    """BCF needs every key the body uses declared before the first record; the byte-level pass adds no
    definitions for records it does not parse, so BCF output takes the per-record path (review 2026-11-30)."""
    lines = big_vcf.read_bytes().split(b"\n")
    header = sum(1 for l in lines if l.startswith(b"#"))
    fields = lines[header + 15000].split(b"\t")
    fields[7] = b"MYKEY=1;" + fields[7]
    lines[header + 15000] = b"\t".join(fields)
    text = tmp_path / "undeclared.vcf"
    text.write_bytes(b"\n".join(lines))
    out = tmp_path / f"out.{output_type}.bcf"
    result = run("annotate", text, "-O", output_type, "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    body = subprocess.run(["bcftools", "view", "-H", str(out)], capture_output=True, check=True).stdout
    assert body.count(b"\n") == len(lines) - header - (lines[-1] == b"")
    assert b"MYKEY=1" in body and body.count(b"ALK_HGVSP=") == 3
    declared = subprocess.run(["bcftools", "view", "-h", str(out)], capture_output=True, check=True).stdout
    assert b"##INFO=<ID=MYKEY," in declared


def test_reannotating_a_big_output_removes_keys_records_no_longer_get(big_vcf, tmp_path):
    """The byte-level pass picks every line with an ALK_ key when the header holds alkannot's definitions, so a
    record that an earlier run annotated (another build, another knowledge base) loses the keys this run does not
    write (review 2026-11-30). The earlier output is simulated: keys added to a record far from ALK."""
    direct, earlier, again = tmp_path / "direct.vcf", tmp_path / "earlier.vcf", tmp_path / "again.vcf"
    assert run("annotate", big_vcf, "-o", direct).returncode == 0
    lines = direct.read_bytes().split(b"\n")
    header = sum(1 for l in lines if l.startswith(b"#"))
    fields = lines[header + 25000].split(b"\t")
    assert b"ALK_" not in fields[7]
    fields[7] += b";ALK_CONSEQUENCE=intron_variant;ALK_RESISTANCE=none;ALK_CRIZOTINIB=unknown"
    lines[header + 25000] = b"\t".join(fields)
    earlier.write_bytes(b"\n".join(lines))
    assert earlier.stat().st_size > scan.FULL_PARSE_BELOW
    assert run("annotate", earlier, "-o", again).returncode == 0

    def body(path: Path) -> bytes:
        return b"".join(l for l in path.read_bytes().splitlines(keepends=True) if not l.startswith(b"##"))

    assert body(again) == body(direct)


@pytest.mark.parametrize("chunk", [scan.CHUNK, 64, 4096])
def test_the_nul_check_reads_the_spool_block_by_block_and_names_the_record(tmp_path, monkeypatch, chunk):
    """The spool of an SV-dense file is as large as the file: the NUL check reads it CHUNK bytes at a time
    (reading it whole took peak RSS from 76 to 176 MB on bench.sh's 1M SV-dense file) and still names the
    record, wherever the NUL falls among the blocks."""
    from alkannot.errors import InputError

    header, body = generated(2000)
    lines = body[:]
    target = 1500
    fields = lines[target].rstrip("\n").split("\t")
    fields[4] = "<DEL>"  # picked as a structural variant, like every line of an SV-dense file
    fields[7] += "\0X"
    lines[target] = "\t".join(fields) + "\n"
    path = tmp_path / "in.vcf"
    path.write_text(header + "".join(lines))
    monkeypatch.setattr(scan, "CHUNK", chunk)
    result = scan.scan_file(str(path), str(path), survey_targets("GRCh38"))
    with pytest.raises(InputError, match=f"unreadable record {target + 1} .*NUL byte"):
        list(scan.PickedRecords(result, str(path)))


def test_the_single_breakend_search_finds_exactly_a_dot_between_a_letter_and_an_allele_delimiter():
    """picker._SINGLE_BREAKEND ('.A', 'G.' in ALT): a dot with a tab or comma on one side and a letter on the
    other, checked against the rule written out byte by byte on every string of 4 bytes from a VCF's alphabet (the
    pattern was reordered for speed at stop 45)."""
    import itertools

    from alkannot.picker import _SINGLE_BREAKEND

    delimiter, letters = b"\t,", bytes(range(65, 91)) + bytes(range(97, 123))
    alphabet = [bytes([c]) for c in b"\t,Ag.1\nN[<"]
    for combo in itertools.product(alphabet, repeat=4):
        text = b"".join(combo)
        expected, at = [], 1
        while at < len(text) - 1:  # non-overlapping, left to right, as finditer
            before, after = text[at - 1], text[at + 1]
            if text[at] == 46 and (
                (before in delimiter and after in letters) or (before in letters and after in delimiter)
            ):
                expected.append(at)
                at += 2
            else:
                at += 1
        assert [m.start() for m in re.finditer(_SINGLE_BREAKEND, text)] == expected, text
