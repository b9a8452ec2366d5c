"""Fields whose header declaration differs from what alkannot reads (pipeline review pipe6, findings 1 and 5).

htslib, and so bcftools, reads an undeclared FORMAT field as text ('15,15'), a field declared Type=String the
same, and header lines whose key is not UTF-8: such a file is annotated like its well-declared twin, on the
small path, the byte-level path, the BGZF splice and report's region mode. A value that is no number is read
as absent, with a warning; never an internal error.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pysam
import pytest
from helpers import generated_vcf, run

DATA = Path(__file__).parent / "data"
SNVS = DATA / "alk_snvs_grch37.vcf"
AD_LINE = re.compile(rb"##FORMAT=<ID=AD,[^\n]*\n")


def body(path: Path) -> list[bytes]:
    """The records, ALK_* INFO keys taken out."""
    lines = []
    for line in path.read_bytes().splitlines():
        if line.startswith(b"#"):
            continue
        fields = line.split(b"\t")
        fields[7] = b";".join(kv for kv in fields[7].split(b";") if not kv.startswith(b"ALK_")) or b"."
        lines.append(b"\t".join(fields))
    return lines


def redeclared(src: Path, dst: Path, ad: bytes | None) -> Path:
    """`src` with its FORMAT/AD line replaced by `ad` (None: left out)."""
    dst.write_bytes(AD_LINE.sub(lambda _: ad or b"", src.read_bytes(), count=1))
    return dst


def mutations(prefix: Path) -> list:
    return [s["alk_mutations"] for s in json.loads(prefix.with_suffix(".json").read_text())["samples"]]


def ok(result) -> str:
    err = result.stderr.decode(errors="replace")
    assert result.returncode == 0, err
    assert "internal error" not in err and "Traceback" not in err
    return err


AD_VARIANTS = {
    "undeclared": None,
    "string": b'##FORMAT=<ID=AD,Number=R,Type=String,Description="Allelic depths">\n',
    "character": b'##FORMAT=<ID=AD,Number=1,Type=Character,Description="Allelic depths">\n',
    "string_number_1": b'##FORMAT=<ID=AD,Number=1,Type=String,Description="Allelic depths">\n',
}


@pytest.mark.parametrize("variant", sorted(AD_VARIANTS))
def test_text_ad_gives_the_vaf_of_an_integer_ad(tmp_path, variant):
    vcf = redeclared(SNVS, tmp_path / "in.vcf", AD_VARIANTS[variant])
    ok(run("annotate", SNVS, "-o", tmp_path / "ref.vcf", "--report", tmp_path / "ref"))
    ok(run("annotate", vcf, "-o", tmp_path / "o.vcf", "--report", tmp_path / "o"))
    assert body(tmp_path / "o.vcf") == body(tmp_path / "ref.vcf") == body(SNVS)
    assert mutations(tmp_path / "o") == mutations(tmp_path / "ref")
    assert {(m["vaf"], m["vaf_source"]) for s in mutations(tmp_path / "o") for m in s} == {(0.25, "AD")}
    ok(run("report", vcf, "--out", tmp_path / "r"))
    assert mutations(tmp_path / "r") == mutations(tmp_path / "ref")


@pytest.fixture(scope="module")
def big_pair(tmp_path_factory):
    """A 1.5 MB GRCh38 VCF (byte-level path) with AD declared, and its twin without the AD line; bgzipped and
    tabix-indexed (splice, region mode)."""
    base = tmp_path_factory.mktemp("bigad")
    ref = generated_vcf(base / "ref.vcf", 20000)
    twin = redeclared(ref, base / "noad.vcf", None)
    for path in (ref, twin):
        pysam.tabix_index(str(path), preset="vcf", keep_original=True, force=True)
    return base


@pytest.mark.parametrize("name", ["noad.vcf", "noad.vcf.gz"])
def test_undeclared_ad_on_the_fast_paths(big_pair, tmp_path, name):
    ref, src = big_pair / name.replace("noad", "ref"), big_pair / name
    out = tmp_path / ("o" + name[4:])
    index = ("-W",) if name.endswith(".gz") else ()  # bgzipped: the splice, and its index shifted
    ok(run("annotate", ref, "-o", tmp_path / ("ref" + name[4:]), "--report", tmp_path / "ref"))
    ok(run("annotate", src, "-o", out, *index, "--report", tmp_path / "o"))
    assert mutations(tmp_path / "o") == mutations(tmp_path / "ref")
    assert {(m["vaf"], m["vaf_source"]) for s in mutations(tmp_path / "o") for m in s} == {(0.12, "AD")}
    with pysam.VariantFile(str(out)) as got, pysam.VariantFile(str(src)) as want:
        assert [str(r).split("\t")[:7] for r in got] == [str(r).split("\t")[:7] for r in want]
    ok(run("report", src, "--out", tmp_path / "r"))  # region mode for the indexed file
    assert mutations(tmp_path / "r") == mutations(tmp_path / "ref")


def test_an_ad_that_is_no_number_is_read_as_absent_with_a_warning(tmp_path):
    vcf = redeclared(SNVS, tmp_path / "in.vcf", None)
    g1202r = b"2\t29443613\t.\tC\tT,A\t50\tPASS\tDP=40\tGT:AD\t0/1:30,10,0\n"
    assert g1202r in vcf.read_bytes()
    vcf.write_bytes(vcf.read_bytes().replace(g1202r, g1202r.replace(b"30,10,0", b"a,b,c")))
    for args in (("annotate", vcf, "-o", tmp_path / "o.vcf"), ("report", vcf, "--out", tmp_path / "r")):
        err = ok(run(*args))
        warnings = [l for l in err.splitlines() if "FORMAT/AD" in l]
        assert len(warnings) == 1 and "2:29443613 is not a number: read as absent" in warnings[0], err
        assert f"{vcf}: FORMAT/AD of sample" in warnings[0], err  # the warning names the file
    assert body(tmp_path / "o.vcf") == body(vcf)
    found = {m["label"]: (m["vaf"], m["vaf_source"]) for s in mutations(tmp_path / "r") for m in s}
    assert found["G1202R"] == (None, None) and found["L1196M"] == (0.25, "AD")


@pytest.mark.parametrize("kind", ["Integer", "Float", "Flag"])
@pytest.mark.parametrize("key", ["ANN", "BCSQ", "CSQ"])
def test_consequence_keys_declared_not_as_text_are_not_read(tmp_path, key, kind):
    number = "0" if kind == "Flag" else "."
    line = f'##INFO=<ID={key},Number={number},Type={kind},Description="x Format: Allele|HGVSp|Feature">\n'
    value = "" if kind == "Flag" else "=5"
    text = SNVS.read_text().replace("#CHROM", line + "#CHROM", 1)
    lines = text.splitlines(keepends=True)
    first = next(i for i, l in enumerate(lines) if not l.startswith("#"))
    fields = lines[first].split("\t")
    fields[7] = f"{key}{value}" if fields[7] == "." else f"{fields[7]};{key}{value}"
    lines[first] = "\t".join(fields)
    vcf = tmp_path / "in.vcf"
    vcf.write_text("".join(lines))
    err = ok(run("annotate", vcf, "-o", tmp_path / "o.vcf", "--report", tmp_path / "o"))
    assert f"INFO/{key} is declared Type={kind}, not String" in err, err
    assert body(tmp_path / "o.vcf") == body(vcf)


@pytest.mark.parametrize(
    "line",
    [
        b"##comm\xe9nt=x\n",
        b"##f\xe9o=<ID=a,B=c>\n",
        b'##INFO=<ID=X\xe9,Number=1,Type=String,Description="x">\n',
        b"##contig=<ID=chr\xe9,length=5>\n",
    ],
)
def test_a_header_key_that_is_not_utf8_is_kept_byte_for_byte(tmp_path, line):
    raw = SNVS.read_bytes()
    vcf = tmp_path / "in.vcf"
    vcf.write_bytes(raw.replace(b"\n", b"\n" + line, 1))
    out = tmp_path / "o.vcf"
    ok(run("annotate", vcf, "-o", out, "--report", tmp_path / "o"))
    data = out.read_bytes()
    assert line in data
    kept = [l for l in data.splitlines(keepends=True) if l.startswith(b"##") and not l.startswith(b"##alkannot")]
    kept = [l for l in kept if b"ID=ALK_" not in l and l != b'##FILTER=<ID=PASS,Description="All filters passed">\n']
    assert kept == [l for l in vcf.read_bytes().splitlines(keepends=True) if l.startswith(b"##")]
    assert body(out) == body(vcf)
    ok(run("report", vcf, "--out", tmp_path / "r"))
    ok(run("annotate", out, "-o", tmp_path / "again.vcf"))  # an output is read again
    assert line in (tmp_path / "again.vcf").read_bytes()
