"""The text pass-through of pass 2: records leave byte for byte, only the INFO of edited records changes."""

from __future__ import annotations

import pytest

from alkannot import passthrough
from alkannot.passthrough import copy_body, edit_info

HEADER = b"##fileformat=VCFv4.2\n##contig=<ID=2>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"


def body(n: int, ending: bytes = b"\n") -> bytes:
    return b"".join(b"2\t%d\t.\tA\tG\t50\tPASS\tDP=%d;X=1.500%s" % (i + 1, i, ending) for i in range(n))


def copy(tmp_path, data: bytes, edits) -> bytes:
    path = tmp_path / "in.vcf"
    path.write_bytes(data)
    out: list[bytes] = []
    copy_body(str(path), out.append, edits)
    return b"".join(out)


def test_edit_info_replaces_managed_keys_and_keeps_the_rest():
    line = b"2\t5\t.\tA\tG\t.\tPASS\tDP=3;ALK_HGVSP=p.OLD;AF=0.5\tGT\t0/1\r\n"
    new = edit_info(line, frozenset({b"ALK_HGVSP"}), [b"ALK_HGVSP=p.G1202R"])
    assert new == b"2\t5\t.\tA\tG\t.\tPASS\tDP=3;AF=0.5;ALK_HGVSP=p.G1202R\tGT\t0/1\r\n"
    assert edit_info(b"2\t5\t.\tA\tG\t.\t.\t.\n", frozenset(), [b"K=1"]) == b"2\t5\t.\tA\tG\t.\t.\tK=1\n"
    assert edit_info(b"2\t5\t.\tA\tG\t.\t.\tK=1\n", frozenset({b"K"}), []) == b"2\t5\t.\tA\tG\t.\t.\t.\n"


@pytest.mark.parametrize("block", [7, 64, 1 << 22])
def test_unedited_records_are_byte_identical_across_block_boundaries(tmp_path, monkeypatch, block):
    monkeypatch.setattr(passthrough, "BLOCK", block)
    records = body(200)
    assert copy(tmp_path, HEADER + records, {}) == records


@pytest.mark.parametrize("block", [5, 50, 1 << 22])
def test_edits_land_on_the_right_records(tmp_path, monkeypatch, block):
    monkeypatch.setattr(passthrough, "BLOCK", block)
    records = body(100, b"\r\n")
    marked = {i: (lambda line: edit_info(line, frozenset(), [b"HIT=1"])) for i in (0, 37, 99)}
    lines = copy(tmp_path, HEADER + records, marked).split(b"\n")[:-1]
    assert len(lines) == 100
    hit = [i for i, line in enumerate(lines) if b"HIT=1" in line]
    assert hit == [0, 37, 99]
    assert all(line.endswith(b"\r") for line in lines)
    assert lines[37] == b"2\t38\t.\tA\tG\t50\tPASS\tDP=37;X=1.500;HIT=1\r"


def test_last_record_without_newline_gets_one(tmp_path):
    assert copy(tmp_path, HEADER + body(3)[:-1], {}) == body(3)


@pytest.mark.parametrize(
    "info,expected",
    [
        (b"DP=5;;X=1", b"DP=5;;X=1;K=1"),  # an empty entry the input has stays (review 2026-11-30)
        (b";DP=5", b";DP=5;K=1"),  # so does a leading ';'
        (b"DP=5;", b"DP=5;K=1"),  # a trailing ';' is continued, not doubled
        (b"DP=5;.;X", b"DP=5;.;X;K=1"),  # a '.' entry among others is the input's
        (b"DP=5;K=0", b"DP=5;K=1"),
        (b"DP=5;;", b"DP=5;K=1"),  # trailing ';'s continued once, so a second run changes nothing
    ],
)
def test_edit_info_changes_nothing_in_info_but_the_managed_keys(info, expected):
    line = b"2\t5\t.\tA\tG\t.\t.\t" + info + b"\tGT\t0/1\n"
    assert edit_info(line, frozenset({b"K"}), [b"K=1"]) == b"2\t5\t.\tA\tG\t.\t.\t" + expected + b"\tGT\t0/1\n"
    removed = edit_info(edit_info(line, frozenset({b"K"}), [b"K=1"]), frozenset({b"K"}), [])
    assert removed.split(b"\t")[7] == (info if info != b"DP=5;K=0" else b"DP=5").rstrip(b";") or b"."
    twice = edit_info(edit_info(line, frozenset({b"K"}), [b"K=1"]), frozenset({b"K"}), [b"K=1"])
    assert twice == edit_info(line, frozenset({b"K"}), [b"K=1"])
