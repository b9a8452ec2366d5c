"""`alkannot annotate` run as a user runs it: the installed entry point on small real files."""

import os
import shutil
import subprocess
from pathlib import Path

import pysam
import pytest
from helpers import run

DATA = Path(__file__).parent / "data"
SNVS = DATA / "alk_snvs_grch37.vcf"
ALK_KEYS = ("ALK_",)


def records(path):
    with pysam.VariantFile(str(path)) as vf:
        return [str(r) for r in vf]


def strip_alk(line: str) -> str:
    fields = line.rstrip("\n").split("\t")
    info = [kv for kv in fields[7].split(";") if not kv.startswith(ALK_KEYS)]
    fields[7] = ";".join(info) or "."
    return "\t".join(fields)


def test_stdin_to_stdout_adds_keys_and_keeps_every_record():
    result = run("annotate", "-", stdin=SNVS.read_bytes())
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    body = [l for l in out.splitlines() if not l.startswith("#")]
    original = [l for l in SNVS.read_text().splitlines() if not l.startswith("#")]
    assert [strip_alk(l) for l in body] == original
    assert "ALK_HGVSP=p.G1202R,p.G1202*" in out
    assert "ALK_HGVSC=c.3451_3453dup;ALK_HGVSP=p.T1151dup" in out
    for line in (
        "##alkannotVersion=",
        "##alkannotCommand=",
        "##alkannotTranscript=NM_004304.5",
        "##alkannotBuild=GRCh37",
    ):
        assert line in out
    assert "ID=ALK_HGVSC,Number=A,Type=String" in out and 'Source="alkannot"' in out


@pytest.mark.parametrize(
    "name,otype,magic",
    [
        ("o.vcf", "v", b"##fileformat"),
        ("o.vcf.gz", "z", b"\x1f\x8b"),
        ("o.bcf", "b", b"\x1f\x8b"),
        ("o.u.bcf", "u", b"BCF\x02"),
    ],
)
def test_output_types(tmp_path, name, otype, magic):
    out = tmp_path / name
    result = run("annotate", SNVS, "-o", out, "-O", otype)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[: len(magic)] == magic
    assert len(records(out)) == 7
    if otype == "u":  # raw, uncompressed BCF as `bcftools view -Ou` writes it
        assert out.read_bytes()[:5] == b"BCF\x02\x02"
    assert not [p for p in os.listdir(tmp_path) if ".partial" in p]


def test_output_type_inferred_from_name_and_index_written(tmp_path):
    out = tmp_path / "a.vcf.gz"
    assert run("annotate", SNVS, "-o", out, "-W=tbi").returncode == 0
    assert (tmp_path / "a.vcf.gz.tbi").exists()
    with pysam.VariantFile(str(out)) as vf:
        fetched = list(vf.fetch("2", 29443600, 29443700))
    assert [r.info["ALK_HGVSP"] for r in fetched] == [("p.G1202R", "p.G1202*"), ("p.L1196M",)]
    bcf = tmp_path / "a.bcf"
    assert run("annotate", SNVS, "-o", bcf, "-W").returncode == 0
    assert (tmp_path / "a.bcf.csi").exists()


def test_bcf_and_bgzip_inputs_give_the_same_records(tmp_path):
    bgz = tmp_path / "in.vcf.gz"
    pysam.tabix_compress(str(SNVS), str(bgz))
    bcf = tmp_path / "in.bcf"
    with pysam.VariantFile(str(SNVS)) as src, pysam.VariantFile(str(bcf), "wb", header=src.header) as dst:
        for rec in src:
            dst.write(rec)
    outs = []
    for source in (SNVS, bgz, bcf):
        out = tmp_path / (source.name + ".out.vcf")
        assert run("annotate", source, "-o", out).returncode == 0
        outs.append(records(out))
    assert outs[0] == outs[1] == outs[2]


def test_reannotation_replaces_instead_of_duplicating(tmp_path):
    once, twice = tmp_path / "once.vcf", tmp_path / "twice.vcf"
    assert run("annotate", SNVS, "-o", once).returncode == 0
    assert run("annotate", once, "-o", twice).returncode == 0
    text = twice.read_text()
    assert text.count("##alkannotVersion=") == 1
    assert text.count("##INFO=<ID=ALK_HGVSC,") == 1
    assert records(once) == records(twice)


def _body(path: Path) -> bytes:
    return b"".join(l for l in path.read_bytes().splitlines(keepends=True) if not l.startswith(b"##"))


@pytest.mark.parametrize("output", ["out.vcf", "out.bcf"])
def test_reannotation_removes_keys_a_record_no_longer_gets(tmp_path, output):
    """chr2:30,100,000 is in ALK on GRCh37 (intron 1), not on GRCh38: an output made with the wrong build and
    annotated again with the right one must not keep the old keys (review 2026-11-30)."""
    sites = tmp_path / "s.vcf"
    sites.write_text(
        '##fileformat=VCFv4.2\n##contig=<ID=chr2>\n##INFO=<ID=DP,Number=1,Type=Integer,Description="d">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr2\t30100000\t.\tC\tT\t.\tPASS\tDP=5\n"
    )
    wrong, again, direct = tmp_path / "a37.vcf", tmp_path / f"again.{output}", tmp_path / f"direct.{output}"
    assert run("annotate", sites, "--build", "GRCh37", "-o", wrong).returncode == 0
    assert b"ALK_HGVSC=c.667+42859G>A" in wrong.read_bytes()
    assert run("annotate", wrong, "--build", "GRCh38", "-o", again).returncode == 0
    assert run("annotate", sites, "--build", "GRCh38", "-o", direct).returncode == 0
    if output.endswith(".bcf"):
        assert records(again) == records(direct) and "ALK_" not in records(again)[0]
    else:
        assert _body(again) == _body(direct) and b"ALK_" not in _body(again)


def test_bcftools_accepts_the_output(tmp_path):
    if not shutil.which("bcftools"):
        pytest.skip("bcftools not installed")
    out = tmp_path / "o.vcf.gz"
    assert run("annotate", SNVS, "-o", out).returncode == 0
    view = subprocess.run(["bcftools", "view", "-H", str(out)], capture_output=True, text=True)
    assert view.returncode == 0 and len(view.stdout.splitlines()) == 7
    query = subprocess.run(
        ["bcftools", "query", "-i", 'INFO/ALK_HGVSP!="."', "-f", "%POS\t%ALK_HGVSP\n", str(out)],
        capture_output=True,
        text=True,
    )
    assert "29443631\tp.L1196M" in query.stdout


def test_vep_disagreement_is_reported(tmp_path):
    out = tmp_path / "o.vcf"
    result = run("annotate", DATA / "vep_annotated_grch38.vcf", "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert "ALK_HGVSP=p.G1202R,p.G1202R" in text
    # VEP says Gly1202Lys for C>G; c.3604G>C is really G1202R (GGA->CGA): alkannot flags it
    assert "ALK_DISCORDANT=.,VEP:p.G1202K" in text
    assert b"VEP p.G1202K" in result.stderr
    assert "29220765" in text and "ALK_DISCORDANT" not in [l for l in text.splitlines() if "29220765" in l][0]


def test_build_is_detected_or_asked_for(tmp_path):
    vcf = tmp_path / "nobuild.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=2>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        "2\t29443613\t.\tC\tT\t.\tPASS\t.\n"
    )
    result = run("annotate", vcf)
    assert result.returncode == 3
    assert b"--build" in result.stderr and str(vcf).encode() in result.stderr
    assert b"Traceback" not in result.stderr
    forced = run("annotate", vcf, "--build", "GRCh37")
    assert forced.returncode == 0 and b"p.G1202R" in forced.stdout


def test_wrong_build_stops(tmp_path):
    # GRCh37 alleles in a file whose header says GRCh38
    text = SNVS.read_text().replace("length=243199373", "length=242193529").replace("human_g1k_v37", "hg38")
    vcf = tmp_path / "wrong.vcf"
    vcf.write_text(text)
    result = run("annotate", vcf, "-o", tmp_path / "out.vcf")
    assert result.returncode == 3 and b"wrong build? (use --build GRCh37)" in result.stderr
    assert not (tmp_path / "out.vcf").exists()


def test_refuses_to_overwrite_input(tmp_path):
    copy = tmp_path / "in.vcf"
    shutil.copy(SNVS, copy)
    result = run("annotate", copy, "-o", copy)
    assert result.returncode == 3 and b"overwrite" in result.stderr
    assert copy.read_bytes() == SNVS.read_bytes()


def test_percent_encoding_of_values():
    from alkannot.vcfio import percent_decode, percent_encode

    assert percent_encode("a;b=c,d e%f") == "a%3Bb%3Dc%2Cd%20e%25f"
    assert percent_decode(percent_encode("x;y=z, 5%")) == "x;y=z, 5%"


def test_api_maps_one_variant():
    from alkannot import api

    c = api.map_variant("GRCh38", "chr2", 29220765, "G", "T")
    assert (c.hgvsc, c.hgvsp, c.exon, c.region) == ("c.3586C>A", "p.L1196M", "23/29", "kinase_domain")


def test_snpeff_and_bcsq_disagreements_are_reported(tmp_path):
    out = tmp_path / "o.vcf"
    result = run("annotate", DATA / "snpeff_bcsq_grch37.vcf", "-o", out)
    assert result.returncode == 0, result.stderr
    lines = {l.split("\t")[1]: l for l in out.read_text().splitlines() if not l.startswith("#")}
    assert "ALK_DISCORDANT" not in lines["29443613"]  # SnpEff agrees: G1202R
    assert "ALK_DISCORDANT=SnpEff:p.L1197M" in lines["29443631"]
    assert "ALK_DISCORDANT" not in lines["29432682"]  # BCSQ agrees: G1269A
    assert "ALK_DISCORDANT=BCSQ:p.C1156F" in lines["29445258"]
    # SnpEff's short forms say the same thing: p.Gly1202fs = p.G1202Efs*56, p.Ala1200Ala = p.A1200=
    assert "ALK_HGVSP=p.G1202Efs*56" in lines["29443612"] and "ALK_DISCORDANT" not in lines["29443612"]
    assert "ALK_HGVSP=p.A1200%3D" in lines["29443617"] and "ALK_DISCORDANT" not in lines["29443617"]
    assert b"2 ALK allele(s)" in result.stderr


@pytest.mark.parametrize(
    "ours,theirs,same",
    [
        ("p.G1202Efs*56", "p.G1202fs", True),
        ("p.G1202Efs*56", "p.G1203fs", False),
        ("p.A1200=", "p.A1200A", True),
        ("p.*1621Wext*39", "p.*1621Wext*?", True),
        ("p.*1621Wext*39", "p.*1621Rext*?", False),
        ("p.G1202R", "p.G1202K", False),
        ("p.G1202R", "p.G1202R", True),
    ],
)
def test_protein_change_short_forms(ours, theirs, same):
    from alkannot.existing import same_protein_change

    assert same_protein_change(ours, theirs) is same


def test_quiet_and_verbose_also_follow_the_subcommand(tmp_path):
    """bcftools takes every option after the subcommand; `alkannot annotate -q` was 'No such option'."""
    example = str(Path(__file__).parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf")
    loud = run("annotate", example, "-o", str(tmp_path / "a.vcf"), text=True)
    assert loud.returncode == 0 and "INFO" in loud.stderr
    for args in (("annotate", "-q", example), ("-q", "annotate", example), ("annotate", example, "--quiet")):
        quiet = run(*args, "-o", str(tmp_path / "b.vcf"), text=True)
        assert quiet.returncode == 0 and quiet.stderr == "", (args, quiet.stderr)
    report = run("report", "-q", example, "--out", str(tmp_path / "r"), text=True)
    assert report.returncode == 0 and report.stderr == ""


def test_write_index_that_took_the_input_as_its_format_says_how_to_write_it(tmp_path):
    result = run("annotate", "-W", "in.vcf.gz", "-o", str(tmp_path / "o.vcf.gz"), text=True)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "'in.vcf.gz' is not tbi or csi; -W takes its format attached (-Wtbi, --write-index=tbi)" in result.stderr


def test_the_cli_reads_the_arguments_it_is_given_not_sys_argv():
    """`main` called from another program (click's test runner here) with its own arguments: the usage error points
    at the subcommand those arguments name, and --debug is the group's parsed option, not a word of sys.argv."""
    from click.testing import CliRunner

    from alkannot.cli import main

    done = CliRunner().invoke(main, ["annotate", "-O"])
    assert done.exit_code == 2
    assert done.output == "alkannot: error: Option '-O' requires an argument (see 'alkannot annotate --help')\n"


def test_debug_is_the_groups_option_and_the_command_line_recorded_is_the_one_given(tmp_path, monkeypatch):
    """--debug read from the parsed group option (a bug's traceback is raised, not turned into one line), and
    ##alkannotCommand written from the arguments `main` was given, not the host process's sys.argv (review of stop
    33's change, findings 8 and 10)."""
    from click.testing import CliRunner

    from alkannot import lookup
    from alkannot.cli import main

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(lookup, "run_lookup", broken)
    debug = CliRunner().invoke(main, ["--debug", "lookup", "G1202R"])
    assert isinstance(debug.exception, RuntimeError)
    plain = CliRunner().invoke(main, ["lookup", "G1202R"])
    assert plain.exit_code != 0 and "internal error: RuntimeError: a bug" in plain.output
    # the hint puts --debug where it is taken, before the subcommand (pipeline review of stop 42, finding 5)
    assert "or rerun as 'alkannot --debug lookup ...' for a traceback)" in plain.output

    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(lookup, "run_lookup", no_memory)
    oom = CliRunner().invoke(main, ["lookup", "G1202R"])
    assert oom.exit_code == 1 and "out of memory (MemoryError): give the job more memory" in oom.output
    assert "this is a bug" not in oom.output
    vcf = Path(__file__).parents[1] / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    out = tmp_path / "o.vcf"
    done = CliRunner().invoke(main, ["-q", "annotate", str(vcf), "--min-vaf", "0.2", "-o", str(out)])
    assert done.exit_code == 0, done.output
    recorded = [line for line in out.read_text().splitlines() if line.startswith("##alkannotCommand=")]
    assert recorded == [f"##alkannotCommand=alkannot -q annotate {vcf} --min-vaf 0.2 -o {out}"]


def test_report_with_o_points_at_out(tmp_path):
    vcf = Path(__file__).parents[1] / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    done = run("report", vcf, "-o", tmp_path / "x")
    assert done.returncode == 2 and not list(tmp_path.iterdir())
    assert done.stderr.decode() == (
        "alkannot: error: No such option '-o': report writes PREFIX.tsv, .json, .html and _mqc.tsv, named with --out "
        "PREFIX (see 'alkannot report --help')\n"
    )


def test_help_texts_say_what_each_command_does_with_the_knowledge_base_and_the_index():
    assert "[csi|tbi]" in run("annotate", "--help").stdout.decode()
    for command in ("lookup", "kb"):
        said = " ".join(run(command, "--help").stdout.decode().split())
        assert "the output names its version and SHA256" in said and "##alkannotKnowledgeBase" not in said


def test_help_gives_the_defaults_a_pipeline_needs_and_readmes_exit_codes():
    """--help states INPUT's default, -O's inference, --min-vaf's absence of a default and the signals README's exit
    code table lists (129 SIGHUP was missing); README's table says 1 is also out of memory, as --help did (pipe47)."""
    said = " ".join(run("annotate", "--help").stdout.decode().split())
    assert "INPUT: a path, or '-' for stdin, the default" in said
    assert "Default: from the output name (.gz/.bgz: z, .bcf: b, else v; v for '-')" in said
    assert "No default: without it every ALK change counts as clonal" in said
    assert "'-' reads it from standard input" in said
    report = " ".join(run("report", "--help").stdout.decode().split())
    assert "Default: the value recorded in an annotated VCF's header by its annotate run, else none." in report
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text().split())
    for command in ("annotate", "report", "lookup", "kb"):
        text = " ".join(run(command, "--help").stdout.decode().split())
        assert "128 + N stopped by signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP)" in text
        assert "1 internal error (or out of memory)" in text
    assert "(130 Ctrl-C, 143 SIGTERM, 129 SIGHUP)" in readme
    assert "1 internal error (a bug — the message says so) or out of memory" in readme
