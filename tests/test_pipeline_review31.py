"""Pipeline review of stop 31, through the installed CLI on tests/data/review31 (PROVENANCE.md there):

1. A record written twice (`bcftools concat` of overlapping chunks) gives one ALK change, never a compound of the
   change with itself, and a warning naming both records; both records are written and annotated.
2. A header line htslib drops or rewrites is named on stderr with its line number, on the per-line and the
   byte-level paths.
3. REF N where the bundled reference knows the base: a warning that the change is named from the bundled base.
4. A flipped bit in a small bgzipped VCF is said to be damaged compressed data, not an invalid header.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

from helpers import generated_vcf, run

DATA = Path(__file__).parent / "data" / "review31"


def _records(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if not line.startswith("#")]


def test_a_repeated_record_is_one_change_and_no_compound(tmp_path):
    result = run(
        "annotate", DATA / "repeated_record_grch38.vcf", "--report", tmp_path / "r", "-o", tmp_path / "o.vcf", text=True
    )
    assert result.returncode == 0, result.stderr
    assert (
        "chr2:29220747 C>T gives p.G1202R again (first at chr2:29220747 C>T): a sample carrying both counts it once"
        in result.stderr
    )
    sample = json.loads((tmp_path / "r.json").read_text())["samples"][0]
    assert [m["protein_change"] for m in sample["alk_mutations"]] == ["G1202R"]
    assert sample["compound"] is None
    assert sample["mechanism"] == "on_target"
    out = tmp_path / "o.vcf"
    records = _records(out)
    assert len(records) == 2 and all("ALK_HGVSP=p.G1202R" in r for r in records)
    assert "ALK_COMPOUND=" not in out.read_text()
    assert "G1202R+G1202R" not in out.read_text()


def test_a_repeated_record_that_failed_its_filter_does_not_hide_the_passing_one(tmp_path):
    """Review of stop 31's change, finding 1: the first copy failing `weak_evidence` made the sample unexplained."""
    vcf = DATA / "repeated_filtered_first_grch38.vcf"
    result = run("annotate", vcf, "--report", tmp_path / "r", "-o", tmp_path / "o.vcf", text=True)
    assert result.returncode == 0, result.stderr
    assert "with the values of the first record that passed its filters" in result.stderr
    sample = json.loads((tmp_path / "r.json").read_text())["samples"][0]
    assert [(m["protein_change"], m["filter"]) for m in sample["alk_mutations"]] == [("G1202R", "PASS")]
    assert sample["mechanism"] == "on_target"


def test_header_lines_htslib_drops_or_rewrites_are_named(tmp_path):
    """Where the output's header is htslib's (BCF); a VCF output keeps the lines as written (stop 52): nothing said."""
    result = run("annotate", DATA / "header_lines_htslib_rewrites.vcf", "-o", tmp_path / "o.bcf", text=True)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "header line not kept as written" in line]
    assert [line.split("header_lines_htslib_rewrites.vcf", 1)[1] for line in said] == [
        ':2: header line not kept as written (htslib drops or rewrites it): ##StudyTitle=<"ALK cohort, batch 3">',
        ':3: header line not kept as written (htslib drops or rewrites it): ##pipeline=<ID=x,Version="1.0>',
    ]
    kept = run("annotate", DATA / "header_lines_htslib_rewrites.vcf", "-o", tmp_path / "o.vcf", text=True)
    assert kept.returncode == 0 and "not kept as written" not in kept.stderr
    source = (DATA / "header_lines_htslib_rewrites.vcf").read_text().split("#CHROM")[0]
    assert (tmp_path / "o.vcf").read_text().startswith(source)
    # the example's header is kept whole: nothing said
    clean = run("annotate", DATA / "review_scenarios_grch38.vcf", "-o", tmp_path / "c.bcf", text=True)
    assert clean.returncode == 0 and "not kept as written" not in clean.stderr
    # what htslib changes harmlessly is not named either (review of stop 31's change, finding 4): white space in a
    # description (snpEff's ANN ends "...' ">") or at the end of a line, IDX=, and PASS's own description (MuSE's)
    source = (DATA / "review_scenarios_grch38.vcf").read_text().splitlines(keepends=True)
    harmless = [
        '##FILTER=<ID=PASS,Description="Accept as a confident somatic mutation">\n',
        "##INFO=<ID=ANN,Number=.,Type=String,Description=\"Functional annotations: 'Allele | Annotation' \">\n",
        '##INFO=<ID=XX,Number=1,Type=Integer,Description="an index given",IDX=7>   \n',
    ]
    (tmp_path / "h.vcf").write_text(source[0] + "".join(harmless) + "".join(source[1:]))
    quiet = run("annotate", tmp_path / "h.vcf", "-o", tmp_path / "h.out.bcf", text=True)
    assert quiet.returncode == 0 and "not kept as written" not in quiet.stderr, quiet.stderr


def test_a_dropped_header_line_is_named_on_the_byte_level_path_too(tmp_path):
    big = generated_vcf(tmp_path / "big.vcf", 200_000)  # large enough for the byte-level pass 1
    lines = big.read_text().splitlines(keepends=True)
    (tmp_path / "t.vcf").write_text(lines[0] + '##StudyTitle=<"ALK cohort, batch 3">\n' + "".join(lines[1:]))
    result = run("annotate", tmp_path / "t.vcf", "-o", tmp_path / "o.bcf", text=True)
    assert result.returncode == 0, result.stderr
    assert 't.vcf:2: header line not kept as written (htslib drops or rewrites it): ##StudyTitle=<"ALK' in result.stderr
    kept = run("annotate", tmp_path / "t.vcf", "-o", tmp_path / "o.vcf", text=True)  # spliced: the line kept
    assert kept.returncode == 0 and "not kept as written" not in kept.stderr
    assert (tmp_path / "o.vcf").read_text().startswith(lines[0] + '##StudyTitle=<"ALK cohort, batch 3">\n')


def test_ref_n_is_named_from_the_bundled_base_with_a_warning(tmp_path):
    result = run("annotate", DATA / "ref_n_grch38.vcf", "-o", tmp_path / "o.vcf", text=True)
    assert result.returncode == 0, result.stderr
    assert (
        "chr2:29220747: REF N holds an ambiguous base (N) where NM_004304.5 on GRCh38 reads C: the bundled bases "
        "stand in for REF's N in the change named" in result.stderr
    )
    assert "ALK_HGVSP=p.G1202R" in _records(tmp_path / "o.vcf")[0]


def test_a_flipped_bit_in_a_small_bgzipped_vcf_is_damaged_data(tmp_path):
    plain = tmp_path / "s.vcf"
    shutil.copy(DATA / "review_scenarios_grch38.vcf", plain)
    subprocess.run(["bgzip", "-f", str(plain)], check=True)
    data = bytearray((tmp_path / "s.vcf.gz").read_bytes())
    data[len(data) - 28 - 8] ^= 1  # the last data block's CRC32
    bad = tmp_path / "bad.vcf.gz"
    bad.write_bytes(bytes(data))
    result = run("annotate", bad, "-o", tmp_path / "o.vcf", text=True)
    assert result.returncode == 3
    assert result.stderr.strip().endswith(
        "bad.vcf.gz: corrupt or truncated compressed data (CRC32 or length check failed in the BGZF block at byte 0)"
    ), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o.vcf").exists()
    # a plain-gzip file is not BGZF, and its own problem is said as before
    header_only = tmp_path / "plain.vcf.gz"
    with gzip.open(header_only, "wt") as handle:
        handle.write("##fileformat=VCFv4.2\n#CHROM\tPOS\n")
    plain_result = run("annotate", header_only, "-o", tmp_path / "p.vcf", text=True)
    assert plain_result.returncode == 3 and "the #CHROM line has 2 tab-separated columns" in plain_result.stderr
