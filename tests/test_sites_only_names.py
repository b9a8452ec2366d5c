"""The one sample of a sites-only VCF gets a name somebody gave it, or a warning (pipeline review pipe4, finding 4):
read from standard input it is 'stdin' with a warning, as `<(...)` is 'unnamed'; an annotated sites-only VCF keeps
the ID of its one ##alkannotSample line, in `annotate` and `report`; and a sample sheet that matches no sample is
warned about for a sites-only input too, naming the sheet's rows and the derived name."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import ALKANNOT

SITES = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n##contig=<ID=chr7,length=159345973>\n"
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="d">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n'
    "chr7\t1000000\t.\tA\tG\t50\tPASS\tDP=30\n"
)
SHEET = "sample\talk_status\tprogressed_on\np9\tpositive:IHC\tcrizotinib\n"


def _run(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    run = subprocess.run([ALKANNOT, *map(str, args)], input=stdin, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run


def _row(tsv: Path) -> dict[str, str]:
    header, row = (line.split("\t") for line in tsv.read_text().splitlines())
    return dict(zip(header, row))


def _files(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "p9.vcf").write_text(SITES)
    (tmp_path / "sheet9.tsv").write_text(SHEET)
    return tmp_path / "p9.vcf", tmp_path / "sheet9.tsv"


def test_stdin_is_named_stdin_with_a_warning_and_the_unmatched_sheet_is_said(tmp_path):
    vcf, sheet = _files(tmp_path)
    run = _run("annotate", "-", "--samples", sheet, "--report", tmp_path / "r", "-o", "/dev/null", stdin=SITES)
    assert "<stdin>: a sites-only input read from standard input has no file name" in run.stderr
    assert "it is reported as 'stdin' (give --tumor NAME)" in run.stderr
    assert (
        "no sample of the sample sheet" in run.stderr
        and "(sheet: p9; input: stdin (sites-only: name it with --tumor))" in run.stderr
    )
    assert _row(tmp_path / "r.tsv")["sample"] == "stdin"
    named = _run("annotate", "-", "--tumor", "p9", "--samples", sheet, "--report", tmp_path / "n", "-o", "/dev/null",
                 stdin=SITES)  # fmt: skip
    assert "WARNING" not in named.stderr
    assert (_row(tmp_path / "n.tsv")["sample"], _row(tmp_path / "n.tsv")["pgp_check"]) == ("p9", "recommended")


def test_a_sheet_that_does_not_name_the_sites_only_sample_is_warned_about(tmp_path):
    vcf, sheet = _files(tmp_path)
    run = _run("annotate", vcf, "--tumor", "x", "--samples", sheet, "-o", "/dev/null")
    assert "(sheet: p9; input: x (sites-only, named by --tumor))" in run.stderr
    assert "WARNING" not in _run("annotate", vcf, "--samples", sheet, "-o", "/dev/null").stderr


def test_an_annotated_sites_only_vcf_keeps_its_recorded_sample_name(tmp_path):
    vcf, sheet = _files(tmp_path)
    annotated = tmp_path / "p9.alk.vcf"
    _run("-q", "annotate", vcf, "--samples", sheet, "--report", tmp_path / "a", "-o", annotated)
    first = _row(tmp_path / "a.tsv")
    assert (first["sample"], first["alk_status"], first["pgp_check"]) == ("p9", "positive:IHC", "recommended")
    assert "##alkannotSample=<ID=p9," in annotated.read_text()

    report = _run("report", annotated, "--samples", sheet, "--out", tmp_path / "r")
    assert "WARNING" not in report.stderr
    again = _row(tmp_path / "r.tsv")
    assert (again["sample"], again["alk_status"], again["pgp_check"]) == ("p9", "positive:IHC", "recommended")

    out = tmp_path / "p9.alk2.vcf"
    rerun = _run("annotate", annotated, "--samples", sheet, "-o", out, "--report", tmp_path / "b")
    assert "WARNING" not in rerun.stderr
    assert "##alkannotSample=<ID=p9,Fusion=positive_external," in out.read_text()
    assert (tmp_path / "b.tsv").read_text() == (tmp_path / "r.tsv").read_text()

    piped = _run("annotate", "-", "--samples", sheet, "-o", "/dev/null", "--report", tmp_path / "c",
                 stdin=annotated.read_text())  # fmt: skip
    assert "WARNING" not in piped.stderr  # the recorded ID names it: no 'stdin', no warning
    assert _row(tmp_path / "c.tsv")["sample"] == "p9"
    # --tumor still decides
    _run("-q", "report", annotated, "--tumor", "other", "--out", tmp_path / "t")
    assert _row(tmp_path / "t.tsv")["sample"] == "other"
