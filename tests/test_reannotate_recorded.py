"""`alkannot annotate` on alkannot's own output keeps the verdict the ##alkannotSample lines recorded, as
`alkannot report` does on the same file (pipeline review pipe4, finding 3): without --sv/--fusions the recorded
fusion status and off-target flag are kept, a different PgpCheck is warned about, and --report agrees with
`alkannot report`; with --sv/--fusions given again, the new evidence decides, in both commands."""

from __future__ import annotations

import gzip
import re
import subprocess
from pathlib import Path

from helpers import AFTER_CRIZOTINIB_CERITINIB, ALKANNOT, run

ROOT = Path(__file__).resolve().parent.parent
EX = ROOT / "example_vcfs"
OFF = Path(__file__).parent / "data" / "recorded_offtarget"


def _run(*args) -> subprocess.CompletedProcess:
    run = subprocess.run([ALKANNOT, *map(str, args)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run


def _sample_lines(vcf: Path) -> dict[str, dict[str, str]]:
    opener = gzip.open if vcf.suffix == ".gz" else open
    with opener(vcf, "rt") as handle:
        lines = [line.strip() for line in handle if line.startswith("##alkannotSample=<")]
    found = {}
    for line in lines:
        # a quoted value keeps its commas (Calls="...:sensitive(reviews_only,pgp_unsettled);...")
        items = dict(re.findall(r'([A-Za-z0-9_]+)=("[^"]*"|[^,]*)', line[len("##alkannotSample=<") : -1]))
        found[items["ID"]] = items
    return found


def _tsv(path: Path) -> dict[str, dict[str, str]]:
    header, *rows = (line.split("\t") for line in path.read_text().splitlines())
    return {row[0]: dict(zip(header, row)) for row in rows}


def _first_run(tmp_path: Path) -> Path:
    first = tmp_path / "ex1.vcf.gz"
    _run(
        "-q", "annotate", EX / "GRCh38" / "tumor_normal.vcf", "--sv", EX / "GRCh38" / "sv.vcf",
        "--fusions", f"P5_T={EX / 'GRCh38' / 'fusions.tsv'}", "--samples", EX / "samples.tsv",
        "--min-vaf", "0.05", "-o", first,
    )  # fmt: skip
    return first


def test_reannotating_keeps_the_recorded_verdicts_as_report_does(tmp_path):
    first = _first_run(tmp_path)
    again = tmp_path / "ex4.vcf.gz"
    _run(
        "-q", "annotate", first, "--samples", EX / "samples.tsv", "--min-vaf", "0.05", "-o", again,
        "--report", tmp_path / "a",
    )  # fmt: skip
    _run("-q", "report", first, "--samples", EX / "samples.tsv", "--out", tmp_path / "r")
    recorded, rewritten, report = _sample_lines(first), _sample_lines(again), _tsv(tmp_path / "r.tsv")
    assert recorded["P5_T"]["Fusion"] == "positive"
    assert recorded["P5_T"]["Mechanism"] == "off_target_candidate"
    assert recorded["P5_T"]["PgpCheck"] == "low_yield"
    assert recorded["P6_T"]["Fusion"] == "negative"
    for sample, items in rewritten.items():
        for key in ("Fusion", "Mechanism", "PgpCheck"):
            assert items[key] == recorded[sample][key], (sample, key)
        assert report[sample]["fusion"] == items["Fusion"]
        assert report[sample]["mechanism"] == items["Mechanism"]
        assert report[sample]["pgp_check"] == items["PgpCheck"]
    assert (tmp_path / "a.tsv").read_text() == (tmp_path / "r.tsv").read_text()


def test_reannotating_takes_the_recorded_min_vaf_and_warns_on_another_pgp_check(tmp_path):
    first = _first_run(tmp_path)
    other = tmp_path / "other.tsv"  # another sheet: P4_T's history unknown, so another P-gp check
    other.write_text("sample\talk_status\tprogressed_on\nP1_T\tpositive:IHC\talectinib\n")
    run = _run("annotate", first, "--samples", other, "-o", tmp_path / "o.vcf")
    assert "--min-vaf 0.05, as in the alkannot annotate run that wrote it" in run.stderr
    assert "P4_T: the VCF header records PgpCheck=recommended but this run computes" in run.stderr
    assert _sample_lines(tmp_path / "o.vcf")["P5_T"]["Fusion"] == "positive"
    report = _run("report", first, "--samples", other, "--out", tmp_path / "r")
    assert "P4_T: the VCF header records PgpCheck=recommended but this run computes" in report.stderr


def test_without_a_sheet_the_recorded_history_keeps_every_verdict(tmp_path):
    """Review 9, pipeline engineer, finding 1: a second annotate step without --samples (the Snakemake wrapper's own
    test chain) turned P4_T's 'recommended' into 'if_progressed' and P3_T's mechanism into another, with exit 0.
    The ##alkannotSample lines record the sheet's history; a run given no sheet reads it back."""
    first = _first_run(tmp_path)
    recorded = _sample_lines(first)
    assert recorded["P3_T"]["ProgressedOn"].strip('"') == "crizotinib;alectinib;lorlatinib"
    assert recorded["P4_T"]["AlkStatus"] == "positive:IHC" and recorded["P5_T"]["Abcb1Tpm"] == "3.2"
    run = _run("annotate", first, "-o", tmp_path / "o.vcf", "--report", tmp_path / "a")
    warnings = [line for line in run.stderr.splitlines() if "WARNING" in line]
    assert run.returncode == 0 and len(warnings) == 1, run.stderr  # no PgpCheck differs: only P7_T, by design
    assert "left out of the P-gp triage list" in warnings[0] and warnings[0].endswith("in the sample sheet")
    assert "no --samples given: the treatment history and ALK status of 6 sample(s) are those its" in run.stderr
    assert _sample_lines(tmp_path / "o.vcf") == recorded
    report = _run("report", first, "--out", tmp_path / "r")
    assert report.returncode == 0 and "records PgpCheck" not in report.stderr, report.stderr
    rows = _tsv(tmp_path / "r.tsv")
    assert {s: (rows[s]["mechanism"], rows[s]["pgp_check"]) for s in rows} == {
        s: (items["Mechanism"], items["PgpCheck"]) for s, items in recorded.items()
    }
    assert rows["P4_T"]["progressed_on"] == "crizotinib;ceritinib"


def test_new_sv_evidence_decides_in_annotate_and_report_alike(tmp_path):
    sheet = OFF / "samples.tsv"
    first = tmp_path / "m1.vcf"
    _run("-q", "annotate", OFF / "met_alec.vcf", "--sv", OFF / "met_alec.sv.vcf", "--samples", sheet, "-o", first)
    assert _sample_lines(first)["M1_T"]["Mechanism"] == "off_target_candidate"
    empty_sv = tmp_path / "empty.sv.vcf"  # the same caller's columns, no call: no fusion, no MET gain
    empty_sv.write_text("".join(line for line in (OFF / "met_alec.sv.vcf").open() if line.startswith("#")))
    again = tmp_path / "m2.vcf"
    _run("-q", "annotate", first, "--sv", empty_sv, "--samples", sheet, "-o", again, "--report", tmp_path / "a")
    _run("-q", "report", first, "--sv", empty_sv, "--samples", sheet, "--out", tmp_path / "r")
    line = _sample_lines(again)["M1_T"]
    assert (line["Fusion"], line["Mechanism"]) == ("positive_external", "unexplained")
    row = _tsv(tmp_path / "r.tsv")["M1_T"]
    assert (row["fusion"], row["mechanism"]) == ("positive_external", "unexplained")
    assert (tmp_path / "a.tsv").read_text() == (tmp_path / "r.tsv").read_text()


def test_new_fusion_table_decides(tmp_path):
    first = _first_run(tmp_path)
    empty = tmp_path / "none.tsv"  # an Arriba table with no call
    empty.write_text((EX / "GRCh38" / "fusions.tsv").read_text().splitlines()[0] + "\n")
    again = tmp_path / "o.vcf"
    _run("-q", "annotate", first, "--fusions", f"P5_T={empty}", "--samples", EX / "samples.tsv", "-o", again)
    _run("-q", "report", first, "--fusions", f"P5_T={empty}", "--samples", EX / "samples.tsv", "--out", tmp_path / "r")
    assert _sample_lines(again)["P5_T"]["Fusion"] == _tsv(tmp_path / "r.tsv")["P5_T"]["fusion"] == "negative"
    assert _sample_lines(again)["P6_T"]["Fusion"] == "negative"  # no table for P6_T: the recorded status


def test_the_recorded_min_vaf_survives_any_number_of_reannotations(tmp_path):
    """Review of the day's changes (fifth), finding 2: a re-annotation that took --min-vaf from the input wrote a
    command line without it, so the next run had no cut-off and P7_T's C1156Y (3%) turned clonal; the JSON said
    `min_vaf: null` though 0.05 was used."""
    import json

    first = _first_run(tmp_path)
    second, third = tmp_path / "ex2.vcf", tmp_path / "ex3.vcf"
    _run("-q", "annotate", first, "--samples", EX / "samples.tsv", "-o", second, "--report", tmp_path / "a")
    _run("-q", "annotate", second, "--samples", EX / "samples.tsv", "-o", third)
    command = next(line for line in second.read_text().splitlines() if line.startswith("##alkannotCommand="))
    assert command.endswith("; --min-vaf 0.05 taken from the alkannot run that wrote it")
    assert json.loads((tmp_path / "a.json").read_text())["options"]["min_vaf"] == 0.05
    recorded, last = _sample_lines(first), _sample_lines(third)
    assert last["P7_T"] == recorded["P7_T"]
    assert last["P7_T"]["AlkMutations"] == "C1156Y(low_vaf)"
    _run("-q", "report", third, "--samples", EX / "samples.tsv", "--out", tmp_path / "r")
    assert _tsv(tmp_path / "r.tsv")["P7_T"]["pgp_check"] == recorded["P7_T"]["PgpCheck"]


def test_a_quoted_sample_name_is_matched_to_its_recorded_line(tmp_path):
    """Review 10, finding 3: 'P4"T' is written ID="P4\\"T"; it was read back still escaped, matched no sample, and
    the re-annotation lost the history and the fusion status without a word."""
    name = 'P4"T'
    vcf = tmp_path / "q.vcf"
    source = (EX / "GRCh38" / "tumor_normal.vcf").read_text().splitlines(keepends=True)
    vcf.write_text("".join(l.replace("\tP4_T\t", f"\t{name}\t") if l.startswith("#CHROM") else l for l in source))
    (tmp_path / "q.tsv").write_text('sample\talk_status\tprogressed_on\n"P4""T"\tpositive:IHC\tcrizotinib;ceritinib\n')
    _run("-q", "annotate", vcf, "--samples", tmp_path / "q.tsv", "-o", tmp_path / "a.vcf")
    again = _run("annotate", tmp_path / "a.vcf", "-o", tmp_path / "b.vcf")
    assert again.returncode == 0 and "records PgpCheck" not in again.stderr, again.stderr
    lines = [l for l in (tmp_path / "b.vcf").read_text().splitlines() if l.startswith('##alkannotSample=<ID="P4')]
    assert lines == [
        '##alkannotSample=<ID="P4\\"T",Fusion=positive_external,AlkMutations=none,Mechanism=unexplained,'
        "PgpCheck=recommended,PgpContext=after_affected,PgpSources=KAT16(PMID:26870817),"
        f'Calls="{AFTER_CRIZOTINIB_CERITINIB}",CallSources="crizotinib:sample_sheet;ceritinib:sample_sheet",'
        # the file the first run read, kept by the re-annotation (cohort48)
        f'AlkStatus=positive:IHC,ProgressedOn="crizotinib;ceritinib",Input={vcf}>'
    ]


def test_a_recorded_drug_another_knowledge_base_lacks_names_the_line_and_the_way_out(tmp_path):
    """Review 10, finding 4: the error spoke of 'line 2' of a sheet built in memory."""
    kb = tmp_path / "kb"
    assert _run("kb", "export", "--format", "tsv", "-o", kb).returncode == 0
    table = kb / "inhibitors.tsv"
    table.write_text(
        "".join(l for l in table.read_text().splitlines(keepends=True) if not l.startswith("neladalkib\t"))
    )
    (tmp_path / "s.tsv").write_text("sample\talk_status\tprogressed_on\nP4_T\tpositive:IHC\tcrizotinib;neladalkib\n")
    _run(
        "-q", "annotate", EX / "GRCh38" / "tumor_normal.vcf", "--samples", tmp_path / "s.tsv", "-o", tmp_path / "a.vcf"
    )
    command = [ALKANNOT, "-q", "annotate", str(tmp_path / "a.vcf"), "--kb", str(kb), "-o", str(tmp_path / "b.vcf")]
    run = subprocess.run(command, capture_output=True, text=True)
    assert run.returncode == 3, run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"alkannot: error: {tmp_path / 'a.vcf'}: the ##alkannotSample line of P4_T records what ")
    assert "'neladalkib'" in line and line.endswith("; give --samples to replace the recorded history")


def test_a_mechanism_that_comes_out_different_is_warned_about(tmp_path):
    """Review 10, finding 5: only a different PgpCheck was said."""
    first = _first_run(tmp_path)
    (tmp_path / "one.tsv").write_text("sample\talk_status\tprogressed_on\nP1_T\tpositive:IHC\talectinib\n")
    run = _run("annotate", first, "--samples", tmp_path / "one.tsv", "-o", tmp_path / "b.vcf")
    assert (
        f"{first}: P3_T: the VCF header records Mechanism=on_target_possible but this run computes on_target"
    ) in run.stderr


def test_recorded_lines_of_renamed_samples_are_named_not_dropped_silently(tmp_path):
    """`bcftools reheader -s` renames P1_T and P4_T after annotation: their ##alkannotSample lines match no sample, one
    warning says so, and the count of histories taken from the header counts only the lines used (pipeline review of
    stop 33, finding 3)."""
    example = EX
    annotated = tmp_path / "full.vcf.gz"
    done = run(
        "annotate",
        example / "GRCh38" / "tumor_normal.vcf",
        "--samples",
        example / "samples.tsv",
        "-Oz",
        "-o",
        annotated,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    names = tmp_path / "rn.txt"
    names.write_text("P1_T X1\nP4_T X4\n")
    renamed = tmp_path / "rn.vcf.gz"
    subprocess.run(["bcftools", "reheader", "-s", str(names), "-o", str(renamed), str(annotated)], check=True)
    report = run("report", renamed, "--out", tmp_path / "r", text=True)
    assert report.returncode == 0, report.stderr
    assert (
        f"alkannot: WARNING: {renamed}: 2 ##alkannotSample line(s) name no sample of this file (P1_T, P4_T): what "
        "they record (fusion, treatment history, verdict) is not used; were the samples renamed since the annotate run "
        "(bcftools reheader -s)?" in report.stderr
    )
    assert "ALK status of 4 sample(s) are those its ##alkannotSample lines record" in report.stderr
