"""BCF to BCF (-Ob/-Ou) is spliced from the BCF itself (alkannot/bcf_splice.py): the records alkannot does not edit
are the input's bytes, the edited ones differ in INFO only, and every Float keeps its bits (the text path printed
them with htslib's 6 significant digits: pipeline reviews of stops 37 and 38). Through the installed entry point,
checked with the system's bcftools and with pysam."""

from __future__ import annotations

import gzip
import struct
import subprocess
from pathlib import Path

import pysam
import pytest

from alkannot import scan
from alkannot.bcf_splice import Unspliceable, bcf_header_text, edit_record, typed_int, typed_string
from tests.helpers import generated_vcf, run

FLOATS = Path(__file__).resolve().parent / "data" / "bcf_floats" / "floats.vcf"


def _bcf(vcf: Path, folder: Path, name: str = "in.bcf") -> Path:
    path = folder / name
    subprocess.run(["bcftools", "view", "--no-version", "-Ob", "-o", str(path), str(vcf)], check=True)
    return path


def _stream(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _blocks(path: Path) -> list[bytes]:
    """The BGZF blocks of a file, each as its compressed bytes (BSIZE in the BC extra field; SAM spec 4.1)."""
    data, at, blocks = path.read_bytes(), 0, []
    while at < len(data):
        size = struct.unpack_from("<H", data, at + 16)[0] + 1
        blocks.append(data[at : at + size])
        at += size
    return blocks


def _records(path: Path) -> list[bytes]:
    """Every record of a BCF as its bytes (its two lengths and both parts)."""
    data = _stream(path)
    assert data[:5] == b"BCF\x02\x02"
    at, records = 9 + struct.unpack_from("<I", data, 5)[0], []
    while at < len(data):
        shared, samples = struct.unpack_from("<II", data, at)
        records.append(data[at : at + 8 + shared + samples])
        at += 8 + shared + samples
    return records


def _values(path: Path) -> list[tuple]:
    """What pysam reads of each record but INFO: the floats as Python floats (exact float32 values)."""
    with pysam.VariantFile(str(path)) as vf:
        return [
            (
                r.chrom,
                r.pos,
                r.id,
                r.alleles,
                r.qual,
                tuple(r.filter),
                r.info.get("TLOD"),
                r.info.get("DP"),
                r.info.get("NOTE"),
                tuple((s["GT"], s["AD"], s["AF"]) for s in r.samples.values()),
            )
            for r in vf
        ]


def _text(path: Path, *options: str) -> list[str]:
    shown = subprocess.run(
        ["bcftools", "view", "--no-version", *options, str(path)], capture_output=True, check=True, text=True
    ).stdout
    return [line for line in shown.splitlines() if not line.startswith(("##alkannotCommand", "##alkannotVersion"))]


@pytest.mark.parametrize("kind", ["b", "u"])
def test_every_float_keeps_its_bits_and_unedited_records_their_bytes(tmp_path, kind):
    source = _bcf(FLOATS, tmp_path)
    out = tmp_path / f"out.{kind}.bcf"
    result = run("annotate", source, f"-O{kind}", "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    assert (out.read_bytes()[:2] == b"\x1f\x8b") == (kind == "b")
    assert _values(out) == _values(source)  # QUAL, INFO/TLOD, FORMAT/AF of every record, the edited ones too
    before, after = _records(source), _records(out)
    assert len(after) == len(before) == 4
    assert [a == b for a, b in zip(before, after)] == [True, False, False, True]  # the two ALK records edited
    with pysam.VariantFile(str(out)) as vf:
        changes = [r.info.get("ALK_HGVSP") for r in vf]
    assert changes == [None, ("p.G1202R",), ("p.L1196M",), None]


def test_the_bcf_splice_gives_the_text_path_s_records(tmp_path):
    """Shown as text (where htslib prints 6 digits either way), the spliced BCF is the VCF output alkannot writes."""
    source = _bcf(FLOATS, tmp_path)
    assert run("annotate", source, "-o", tmp_path / "out.bcf").returncode == 0
    assert run("annotate", source, "-o", tmp_path / "out.vcf").returncode == 0
    assert _text(tmp_path / "out.bcf") == _text(tmp_path / "out.vcf")


def test_re_annotating_a_spliced_bcf_replaces_alkannot_s_keys(tmp_path):
    source = _bcf(FLOATS, tmp_path)
    first, second = tmp_path / "first.bcf", tmp_path / "second.bcf"
    assert run("annotate", source, "-o", first).returncode == 0
    result = run("annotate", first, "-o", second, text=True)
    assert result.returncode == 0, result.stderr
    assert _text(second, "-H") == _text(first, "-H")
    header = _text(second, "-h")
    assert len([line for line in header if line.startswith("##INFO=<ID=ALK_HGVSP,")]) == 1
    assert _values(second) == _values(source)
    assert _records(second)[0] == _records(source)[0]


def test_keys_numbered_past_127_are_written_as_16_bit_integers(tmp_path):
    """A header with 150 INFO keys: alkannot's keys get dictionary numbers above 127 (int16 keys in BCF)."""
    lines = FLOATS.read_text().splitlines()
    extra = [f'##INFO=<ID=X{n},Number=1,Type=Integer,Description="filler {n}">' for n in range(150)]
    wide = tmp_path / "wide.vcf"
    wide.write_text("\n".join(lines[:9] + extra + lines[9:]) + "\n")
    source = _bcf(wide, tmp_path)
    out = tmp_path / "out.bcf"
    result = run("annotate", source, "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    with pysam.VariantFile(str(out)) as vf:
        assert vf.header.info["ALK_HGVSP"].id > 127
        assert [r.info.get("ALK_HGVSP") for r in vf] == [None, ("p.G1202R",), ("p.L1196M",), None]
    assert _values(out) == _values(source)
    assert subprocess.run(["bcftools", "view", "-H", str(out)], capture_output=True).returncode == 0


def test_a_written_index_fits_the_spliced_bcf(tmp_path):
    source = _bcf(FLOATS, tmp_path)
    out = tmp_path / "out.bcf"
    result = run("annotate", source, "-o", out, "-W", text=True)
    assert result.returncode == 0, result.stderr
    region = subprocess.run(
        ["bcftools", "view", "-H", str(out), "chr2:29220700-29220800"], capture_output=True, check=True, text=True
    )
    assert [line.split("\t")[1] for line in region.stdout.splitlines()] == ["29220747", "29220765"]


def test_uncompressed_bcf_to_standard_output(tmp_path):
    source = _bcf(FLOATS, tmp_path)
    result = run("annotate", source, "-Ou")
    assert result.returncode == 0, result.stderr
    (tmp_path / "piped.bcf").write_bytes(result.stdout)
    assert _values(tmp_path / "piped.bcf") == _values(source)


@pytest.fixture(scope="module")
def big_bcf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bcf_splice")
    text = generated_vcf(folder / "big.vcf", 70000)
    path = _bcf(text, folder, "big.bcf")
    assert path.stat().st_size >= scan.FULL_PARSE_BELOW  # pass 1 reads its VCF text
    return path


@pytest.mark.parametrize("kind", ["b", "u"])
def test_a_big_bcf_is_read_as_text_and_spliced_from_the_bcf(big_bcf, tmp_path, kind):
    out, strict = tmp_path / "out.bcf", tmp_path / "strict.bcf"
    result = run("-v", "annotate", "--no-version", big_bcf, f"-O{kind}", "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    assert "read as the VCF text bcftools makes of it" in result.stderr
    assert run("annotate", "--no-version", "--strict", big_bcf, f"-O{kind}", "-o", strict).returncode == 0
    assert _stream(out) == _stream(strict)  # htslib read every record of the second
    if kind == "b":  # the blocks no edit touches are the input's, copied as they are (bcf_layout.py)
        copied = set(_blocks(big_bcf)) & set(_blocks(out))
        assert len(_blocks(big_bcf)) - len(copied) <= 4  # the header's block and the edited records' blocks
    before, after = _records(big_bcf), _records(out)
    assert len(after) == len(before) > 60000
    edited = [n for n, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(edited) == 3
    with pysam.VariantFile(str(out)) as vf:
        annotated = [r.pos for r in vf if "ALK_HGVSP" in r.info]
    assert annotated == [29209816, 29220747, 29220765]


@pytest.mark.parametrize("kind", ["b", "u"])
def test_an_uncompressed_big_bcf_is_spliced_from_its_layout(big_bcf, tmp_path, kind):
    """An -Ou BCF file (no BGZF blocks): the edited records are found from pass 1's checkpoints as in a bgzipped one."""
    raw = tmp_path / "big.ubcf"
    subprocess.run(["bcftools", "view", "--no-version", "-Ou", "-o", str(raw), str(big_bcf)], check=True)
    assert raw.read_bytes()[:5] == b"BCF\x02\x02"
    out, strict = tmp_path / "out.bcf", tmp_path / "strict.bcf"
    result = run("-v", "annotate", "--no-version", raw, f"-O{kind}", "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    assert "read as the VCF text bcftools makes of it" in result.stderr
    assert run("annotate", "--no-version", "--strict", raw, f"-O{kind}", "-o", strict).returncode == 0
    assert _stream(out) == _stream(strict)
    assert sum(a != b for a, b in zip(_records(raw), _records(out))) == 3


@pytest.mark.parametrize(
    "line, odd",
    [
        # htslib keeps a structured line's keys in the input's order: an ID that is not first still gets its IDX
        (
            '##FILTER=<ID=weak_evidence,Description="Mutation does not meet likelihood threshold">',
            '##FILTER=<Description="Mutation does not meet likelihood threshold",ID=weak_evidence>',
        ),
        # a Description holding `,ID=` before the line's own ID: the IDX is the line's, not the quoted key's (which
        # gave two lines one number, an unreadable BCF, or two keys each other's numbers, their values swapped)
        (
            '##INFO=<ID=NOTE,Number=1,Type=String,Description="Free text">',
            '##INFO=<Number=1,Type=String,Description="Free text (pair: NOTE,ID=DP,DP)",ID=NOTE>',
        ),
    ],
)
def test_a_header_line_s_own_id_gets_its_number(tmp_path, line, odd):
    written = tmp_path / "odd.vcf"
    written.write_text(FLOATS.read_text().replace(line, odd))
    source = _bcf(written, tmp_path)
    out = tmp_path / "out.bcf"
    result = run("annotate", source, "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    assert _values(out) == _values(source)
    assert _records(out)[0] == _records(source)[0]


def test_a_header_key_htslib_did_not_number_is_refused_before_writing():
    with pysam.VariantFile(str(FLOATS)) as vf:
        header = vf.header
        text = str(header).replace("##INFO=<ID=NOTE,", "##INFO=<ID=ABSENT,")
        with pytest.raises(Unspliceable, match="ABSENT"):
            bcf_header_text(text, header)
        numbered = bcf_header_text(str(header), header)
    assert '##INFO=<ID=NOTE,Number=1,Type=String,Description="Free text",IDX=' in numbered
    assert "##contig=<ID=chr2,length=242193529,IDX=1>" in numbered


def test_typed_values_as_htslib_encodes_them():
    assert typed_int(5) == b"\x11\x05"
    assert typed_int(200) == b"\x12\xc8\x00"
    assert typed_int(40000) == b"\x13\x40\x9c\x00\x00"
    assert typed_string(b"abc") == b"\x37abc"
    assert typed_string(b"x" * 15) == b"\xf7\x11\x0f" + b"x" * 15
    assert typed_string(b"x" * 300) == b"\xf7\x12\x2c\x01" + b"x" * 300


def test_edit_record_drops_and_appends_info_keys(tmp_path):
    """On a real record: drop INFO/TLOD (its dictionary number), append a string key; pysam reads the result."""
    source = _bcf(FLOATS, tmp_path)
    with pysam.VariantFile(str(source)) as vf:
        header = vf.header
        tlod, note = header.info["TLOD"].id, header.info["NOTE"].id
    records = _records(source)
    edited = edit_record(records[1], frozenset({tlod, note}), [(note, b"replaced by a longer text")])
    data = _stream(source)
    end = 9 + struct.unpack_from("<I", data, 5)[0]
    rebuilt = tmp_path / "rebuilt.bcf"
    rebuilt.write_bytes(data[:end] + edited)
    with pysam.VariantFile(str(rebuilt)) as vf:
        (record,) = list(vf)
    assert "TLOD" not in record.info
    assert record.info["DP"] == 360
    assert record.info["NOTE"] == "replaced by a longer text"
    assert record.samples["TUMOR"]["AF"] == _values(source)[1][-1][0][2]


def _with_old_key(vcf: Path, written: Path, definition: str, chrom: str, entry: str) -> Path:
    """`vcf` with an earlier alkannot key's `definition` before #CHROM and `entry` added to the INFO of every record
    on `chrom`, written to `written`."""
    lines = []
    for line in vcf.read_text().splitlines():
        if line.startswith("#CHROM"):
            lines.append(definition)
        if line.startswith(f"{chrom}\t"):
            fields = line.split("\t")
            fields[7] += f";{entry}"
            line = "\t".join(fields)
        lines.append(line)
    written.write_text("\n".join(lines) + "\n")
    return written


def test_an_earlier_key_dropped_from_the_header_leaves_no_record(tmp_path):
    """An earlier run's key this run does not write loses its definition: a record pass 1 did not mark (no
    sentinel key) that carries it loses it too, or its number would name nothing (bcftools: Invalid INFO id)."""
    first = tmp_path / "first.vcf"
    assert run("annotate", "--no-version", _bcf(FLOATS, tmp_path), "-o", first).returncode == 0
    definition = '##INFO=<ID=ALK_OLD,Number=1,Type=Float,Description="old",Source="alkannot",Version="0">'
    source = _bcf(_with_old_key(first, tmp_path / "stale.vcf", definition, "chr1", "ALK_OLD=0.5"), tmp_path, "s.bcf")
    out = tmp_path / "out.bcf"
    result = run("annotate", source, "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    shown = subprocess.run(["bcftools", "view", "-H", str(out)], capture_output=True, text=True)
    assert shown.returncode == 0 and not shown.stderr, shown.stderr
    assert "ALK_OLD" not in shown.stdout


@pytest.mark.parametrize("name", ["out.vcf", "out.bcf"])
def test_an_older_alkannot_definition_of_another_type_is_replaced(tmp_path, name):
    """An earlier alkannot's ALK_EXON as a Float (another Type than this version's String) in a small BCF: the
    record-by-record path (VCF output) writes this run's values in the record's text, as a text input gets them,
    where setting them on the pysam record was exit 3 (pipeline review of stop 39's splice, finding 5); the splice
    (BCF output) replaces them in BCF."""
    definition = '##INFO=<ID=ALK_EXON,Number=1,Type=Float,Description="old exon",Source="alkannot",Version="0.0.1">'
    old = _with_old_key(FLOATS, tmp_path / "old.vcf", definition, "chr2", "ALK_EXON=23.5")
    source = _bcf(old, tmp_path, "old.bcf")
    out, from_text = tmp_path / name, tmp_path / f"text.{name}"
    result = run("annotate", "--no-version", source, "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    assert run("annotate", "--no-version", old, "-o", from_text).returncode == 0
    assert _text(out, "-H") == _text(from_text, "-H")
    with pysam.VariantFile(str(out)) as vf:
        assert vf.header.info["ALK_EXON"].type == "String"
        assert [r.info.get("ALK_EXON") for r in vf] == [None, ("23/29",), ("23/29",), None]
