"""Pipeline review of stop 48 by eng48, run through the installed entry point as a pipeline step runs it.

Finding 1: a report of outputs annotated from standard input (`bcftools view ... | alkannot annotate - -o x`, the
README's own pattern) or from `<(...)` gave every row the source_vcf `<stdin>` or `/dev/fd/63` (the recorded Input=),
so the table no longer said which file a row came from; it names the annotated output itself there, as before stop 48.
Finding 2: `alkannot lookup "$MUT"` with MUT unset was exit 3 ("empty alteration"), where an empty value is a usage
error (exit 2) in every other subcommand, as README says.
"""

from __future__ import annotations

import csv
import gzip
import json
import shlex
import subprocess
from pathlib import Path

from helpers import ALKANNOT, run

EX = Path(__file__).parent.parent / "example_vcfs"


def _source_vcf(tsv: Path) -> dict[str, str]:
    with open(tsv, newline="") as handle:
        return {row["label"]: row["source_vcf"] for row in csv.DictReader(handle, delimiter="\t")}


def test_a_report_names_an_output_annotated_from_standard_input_by_its_own_path(tmp_path):
    vcf = EX / "GRCh38" / "tumor_normal.vcf"
    piped, named = tmp_path / "piped.alk.vcf.gz", tmp_path / "named.alk.vcf.gz"
    assert run("-q", "annotate", "-", "-o", piped, stdin=vcf.read_bytes()).returncode == 0
    assert run("-q", "annotate", vcf, "-o", named).returncode == 0
    again = tmp_path / "again.alk.vcf"  # a re-annotation keeps the recorded '<stdin>': still the output's own path
    assert run("-q", "annotate", piped, "-o", again).returncode == 0
    done = run("-q", "report", piped, named, again, "--out", tmp_path / "cohort", text=True)
    assert done.returncode == 0, done.stderr
    sources = _source_vcf(tmp_path / "cohort.tsv")
    assert sources["P1_T (piped.alk)"] == str(piped)
    assert sources["P1_T (again.alk)"] == str(again)
    # a file: the one it was annotated from (stop 48), its path; the label names it too (cohort49b)
    assert sources["P1_T (tumor_normal)"] == str(vcf)
    assert "<stdin>" not in set(sources.values())
    # the JSON keeps what the header records, beside the file given
    doc = json.loads((tmp_path / "cohort.json").read_text())
    first = {s["label"]: (s["source"], s["annotated_from"]) for s in doc["samples"]}
    assert first["P1_T (piped.alk)"] == (str(piped), "<stdin>")


def test_a_report_names_an_output_annotated_through_a_descriptor_by_its_own_path(tmp_path):
    """bash's `<(cat x.vcf)`: the input is /dev/fd/N, recorded whole as Input=."""
    out, vcf = tmp_path / "fd.alk.vcf.gz", EX / "GRCh37" / "tumor_normal.vcf"
    command = f"{shlex.quote(ALKANNOT)} -q annotate <(cat {shlex.quote(str(vcf))}) -o {shlex.quote(str(out))}"
    assert subprocess.run(["bash", "-c", command]).returncode == 0
    assert "Input=/dev/fd/" in gzip.open(out, "rt").read()
    done = run("-q", "report", out, "--out", tmp_path / "fd", text=True)
    assert done.returncode == 0, done.stderr
    assert set(_source_vcf(tmp_path / "fd.tsv").values()) == {str(out)}


def test_lookup_of_an_empty_alteration_is_a_usage_error(tmp_path):
    for args in ([""], ["G1202R", ""], ["  "]):
        done = run("lookup", *args, text=True)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stdout == ""
        assert done.stderr == (
            "alkannot: error: Invalid value for ALTERATIONS: an empty alteration (an unset variable in the "
            "pipeline?) (see 'alkannot lookup --help')\n"
        )
    assert run("lookup", "G1202R", text=True).returncode == 0


def test_report_help_does_not_promise_a_vcf_header_line():
    """eng48, finding 5: `report --help` said the --kb knowledge base's version and SHA256 'go into
    ##alkannotKnowledgeBase', a VCF header line report never writes; the help says where each command puts them."""
    helped = run("report", "--help", text=True)
    assert helped.returncode == 0
    words = " ".join(helped.stdout.split())
    assert "go into the reports and, for annotate, the VCF's ##alkannotKnowledgeBase line" in words


def _bgzipped(path: Path, header: str) -> Path:
    body = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr2\t29220747\t.\tC\tT\t.\tPASS\t.\n"
    text = path.with_suffix("")
    text.write_text("##fileformat=VCFv4.2\n" + header + body)
    subprocess.run(["bgzip", "-f", str(text)], check=True)
    return path


def test_a_stale_index_that_adds_contig_lines_is_said_once(tmp_path):
    """eng48, finding 3: an index older than its file (made for another version of it) added a ##contig line without
    a word, where `alkannot report` warns of the same index. annotate now says it, once a run; a fresh index and an
    index that adds nothing are not mentioned."""
    import os
    import shutil

    indexed = _bgzipped(tmp_path / "old.vcf.gz", "##contig=<ID=chr2,length=242193529>\n")
    subprocess.run(["tabix", "-p", "vcf", str(indexed)], check=True)
    stale = _bgzipped(tmp_path / "new.vcf.gz", "")  # the same record, its header declares no contig
    shutil.copy(f"{indexed}.tbi", f"{stale}.tbi")
    hour_ago = os.stat(stale).st_mtime - 3600
    os.utime(f"{stale}.tbi", (hour_ago, hour_ago))
    done = run("annotate", stale, "--build", "GRCh38", "-o", tmp_path / "out.vcf", text=True)
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if "is older than the file" in line]
    assert said == [
        f"alkannot: WARNING: {stale}: its index {stale}.tbi is older than the file; the ##contig lines htslib adds "
        "from it (as bcftools view does) may not fit the file: index it again (tabix -p vcf, or bcftools index)"
    ]
    assert "##contig=<ID=chr2>" in (tmp_path / "out.vcf").read_text()  # as bcftools view adds it
    fresh = run("annotate", indexed, "-o", tmp_path / "fresh.vcf", text=True)
    assert fresh.returncode == 0, fresh.stderr
    assert "older than the file" not in fresh.stderr
