"""`alkannot kb export --format vcf`: a bgzipped, tabix-indexed site VCF that other annotators use.
Checked with the real tools: bcftools annotate -c INFO on real VCFs (values read back with bcftools
query must equal what `alkannot annotate` writes), and vcfanno where it is installed."""

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

from alkannot.alterations import parse_alteration
from alkannot.kbfiles import load_knowledge_base

ROOT = Path(__file__).parent.parent
INPUTS = {
    "GRCh37": ROOT / "tests" / "data" / "alk_snvs_grch37.vcf",
    "GRCh38": ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf",
}
KEYS = (
    "ALK_HGVSC",
    "ALK_HGVSP",
    "ALK_RESISTANCE",
    "ALK_CRIZOTINIB",
    "ALK_ALECTINIB",
    "ALK_BRIGATINIB",
    "ALK_LORLATINIB",
    "ALK_EVIDENCE",
)
QUERY = "%CHROM\t%POS\t%REF\t%ALT\t" + "\t".join(f"%{k}" for k in KEYS) + "\n"


def run(*args, check=True):
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if check:
        assert result.returncode == 0, (args, result.stderr)
    return result


def export(tmp_path: Path, build: str) -> Path:
    site = tmp_path / f"alk_kb_{build}.vcf.gz"
    run(ALKANNOT, "kb", "export", "--format", "vcf", "--build", build, "-o", site)
    return site


def per_allele(query_output: str) -> dict[tuple, tuple]:
    """(chrom, pos, ref, alt) -> the KEYS values of that ALT."""
    out = {}
    for line in query_output.splitlines():
        chrom, pos, ref, alts, *values = line.split("\t")
        for i, alt in enumerate(alts.split(",")):
            out[(chrom, int(pos), ref, alt)] = tuple(v.split(",")[i] if v != "." else "." for v in values)
    return out


@pytest.mark.parametrize("build", ["GRCh37", "GRCh38"])
def test_site_vcf_is_indexed_and_holds_every_mutation_level_call(tmp_path, build):
    kb = load_knowledge_base()
    site = export(tmp_path, build)
    assert Path(str(site) + ".tbi").exists()
    header = run("bcftools", "view", "-h", site).stdout
    assert kb.header_line() in header and f"##alkannotBuild={build}" in header
    assert "##INFO=<ID=ALK_RESISTANCE,Number=A,Type=String" in header and "##INFO=<ID=ALK_EVIDENCE" in header
    records = per_allele(run("bcftools", "query", "-f", QUERY, site).stdout)
    named = {values[1][2:] for values in records.values()}
    singles = {a for a in kb.alterations() if "+" not in a and a[0].isupper() and a[1].isdigit()}
    assert named == singles  # every single-change alteration, nothing else
    assert len({k[1] for k in records}) >= 20  # records at many distinct positions
    # the region query works on the index (tabix), as bcftools annotate needs
    g1202r = [k for k, v in records.items() if v[1] == "p.G1202R"]
    chrom, pos = g1202r[0][0], g1202r[0][1]
    assert "p.G1202R" in run("bcftools", "query", "-r", f"{chrom}:{pos}", "-f", "%ALK_HGVSP\n", site).stdout
    statements = {k: v for k, v in records.items() if v[1] == "p.G1269A"}
    assert {v[4] for v in statements.values()} == {"intermediate"}  # ALK_ALECTINIB


@pytest.mark.parametrize("build", ["GRCh37", "GRCh38"])
def test_alkannot_annotate_writes_the_same_values_on_the_sites(tmp_path, build):
    site = export(tmp_path, build)
    annotated = tmp_path / "again.vcf"
    run(ALKANNOT, "annotate", site, "--build", build, "-o", annotated)
    assert per_allele(run("bcftools", "query", "-f", QUERY, annotated).stdout) == per_allele(
        run("bcftools", "query", "-f", QUERY, site).stdout
    )


def _expected(vcf: Path, tmp_path: Path) -> dict[tuple, tuple]:
    """What `alkannot annotate` writes for each allele that the knowledge base names; '.' otherwise."""
    annotated = tmp_path / "alkannot.vcf"
    run(ALKANNOT, "annotate", vcf, "-o", annotated)
    values = per_allele(run("bcftools", "query", "-f", QUERY, annotated).stdout)
    return {k: (v if v[2] in ("known", "activating") else (".",) * len(KEYS)) for k, v in values.items()}


@pytest.mark.parametrize("build", ["GRCh37", "GRCh38"])
def test_bcftools_annotate_uses_the_site_vcf(tmp_path, build):
    site = export(tmp_path, build)
    target = tmp_path / "input.vcf.gz"  # bcftools (1.16) annotate -a VCF reads a bgzipped, indexed target
    run("bcftools", "view", "-Oz", "-o", target, INPUTS[build])
    run("bcftools", "index", "-t", target)
    out = tmp_path / "bcftools.vcf"
    run("bcftools", "annotate", "-a", site, "-c", "INFO", "-o", out, target)
    got = per_allele(run("bcftools", "query", "-f", QUERY, out).stdout)
    expected = _expected(INPUTS[build], tmp_path)
    assert got == expected
    assert sum(v[2] == "known" for v in got.values()) >= 3  # real KB changes were annotated
    assert "##INFO=<ID=ALK_LORLATINIB" in out.read_text()


def test_hg19_names_chromosome_2_as_ucsc_does(tmp_path):
    """`--build hg19` gives the chr2-named site VCF a chr2-named GRCh37 VCF is annotated from; `--build GRCh37` names
    it 2, as before (pipeline review of stop 40, finding 4: with `2`, bcftools annotate added nothing)."""
    ucsc, ensembl = export(tmp_path, "hg19"), export(tmp_path, "GRCh37")
    assert "##contig=<ID=chr2,length=243199373,assembly=GRCh37>" in run("bcftools", "view", "-h", ucsc).stdout
    assert "##alkannotBuild=GRCh37" in run("bcftools", "view", "-h", ucsc).stdout
    sites = run("bcftools", "query", "-f", "%CHROM\t%POS\t%REF\t%ALT\n", ucsc).stdout
    assert (
        sites.replace("chr2\t", "2\t") == run("bcftools", "query", "-f", "%CHROM\t%POS\t%REF\t%ALT\n", ensembl).stdout
    )
    renamed = tmp_path / "chr.txt"
    renamed.write_text("2 chr2\n")
    target = tmp_path / "input.vcf.gz"  # the GRCh37 test VCF with chr2 for 2, as hg19 files name it
    run("bcftools", "annotate", "--rename-chrs", renamed, "-Oz", "-o", target, INPUTS["GRCh37"])
    run("bcftools", "index", "-t", target)
    out = tmp_path / "bcftools.vcf"
    run("bcftools", "annotate", "-a", ucsc, "-c", "INFO", "-o", out, target)
    got = per_allele(run("bcftools", "query", "-f", QUERY, out).stdout)
    expected = {
        (f"chr{key[0]}" if key[0] == "2" else key[0], *key[1:]): values
        for key, values in _expected(INPUTS["GRCh37"], tmp_path).items()
    }
    assert got == expected and sum(v[2] == "known" for v in got.values()) >= 3


@pytest.mark.skipif(shutil.which("vcfanno") is None, reason="vcfanno is not installed (Debian package vcfanno)")
def test_vcfanno_uses_the_site_vcf(tmp_path):
    site = export(tmp_path, "GRCh37")
    conf = tmp_path / "alk.toml"
    conf.write_text(
        f'[[annotation]]\nfile="{site}"\nfields={list(KEYS)!r}\nops={["self"] * len(KEYS)!r}\n'
        f"names={list(KEYS)!r}\n".replace("'", '"')
    )
    result = run("vcfanno", conf, INPUTS["GRCh37"])
    out = tmp_path / "vcfanno.vcf"
    out.write_text(result.stdout)
    got = per_allele(run("bcftools", "query", "-f", QUERY, out).stdout)
    assert got == _expected(INPUTS["GRCh37"], tmp_path)


@pytest.mark.parametrize("where", [[], ["-o", "-"]])
def test_vcf_export_needs_a_file(tmp_path, where):
    """No -o, or -o -, is the same command-line mistake as -o kb.bcf: exit 2 (seventh reading, finding 14)."""
    result = run(ALKANNOT, "kb", "export", "--format", "vcf", *where, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "alkannot: error: Invalid value for -o: a site VCF is bgzipped and tabix-indexed: give -o PATH.vcf.gz "
        "(see 'alkannot kb --help')\n"
    )
    assert run(ALKANNOT, "kb", "list", "--format", "vcf", check=False).returncode == 2


@pytest.mark.parametrize("name", ["kb.bcf", "kb.vcf", "kb.txt", "kb.gz", "kb"])
def test_vcf_export_refuses_a_name_of_another_type(tmp_path, name):
    """The file is a bgzipped VCF with a .tbi: under a .bcf or .vcf name a pipeline would expect another
    format (pipeline review pipe6, finding 7). Exit 2, one line, nothing written."""
    result = run(ALKANNOT, "kb", "export", "--format", "vcf", "-o", tmp_path / name, check=False)
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "name it .vcf.gz or .vcf.bgz" in lines[0], result.stderr
    assert str(tmp_path / name) in lines[0] and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["show"], "kb show needs an alteration (e.g. G1202R), 'inhibitors', 'sources' or 'thresholds'"),
        (["list", "G1202R"], "kb list takes no argument (did you mean 'kb show G1202R'?)"),
        (["show", "G1202R", "-o", "x.tsv"], "-o applies to 'kb export', not 'kb show'"),
        (["list", "--build", "GRCh37"], "--build applies to 'kb export --format vcf' (the site VCF's build)"),
        (
            ["export", "-o", "-", "--build", "GRCh37"],
            "--build applies to 'kb export --format vcf' (the site VCF's build)",
        ),
        (
            ["export", "--format", "vcf", "calls.tsv", "-o", "kb.vcf.gz"],
            "kb export --format vcf exports the whole knowledge base; drop the file name",
        ),
        (
            ["export", "nosuch.tsv"],
            "kb export: no knowledge-base file 'nosuch.tsv' (one of calls.tsv, notes.tsv, thresholds.tsv, "
            "inhibitors.tsv, sources.tsv, VERSION, RULES.md, PROVENANCE.md)",
        ),
    ],
)
def test_every_kb_command_line_mistake_is_exit_2(tmp_path, args, message):
    """A missing, extra or misplaced argument or option of `kb` is a usage error, one line with the hint, and
    nothing is written (seventh reading, finding 14: they were exit 3, or silently ignored)."""
    result = subprocess.run([str(ALKANNOT), "kb", *args], capture_output=True, text=True, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"alkannot: error: {message} (see 'alkannot kb --help')\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["kb.vcf.bgz", "KB.VCF.GZ"])
def test_vcf_export_takes_either_bgzip_name(tmp_path, name):
    run(ALKANNOT, "kb", "export", "--format", "vcf", "-o", tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name, name + ".tbi"]
    if shutil.which("htsfile"):
        assert "BGZF-compressed" in run("htsfile", tmp_path / name).stdout


def test_candidate_sites_are_every_snv_of_the_codon():
    from alkannot.kbexport import candidate_sites
    from alkannot.transcript import load_transcript

    tx = load_transcript("GRCh37")
    # GGG at G1202 (NM_004304.5): C>T and C>G on the plus strand give AGG and CGG, both Arg
    assert [(s.pos, s.ref, s.alt) for s in candidate_sites(tx, "G1202R")] == [
        (29443613, "C", "G"),
        (29443613, "C", "T"),
    ]
    dup = candidate_sites(tx, "T1151dup")
    assert dup and all(len(s.alt) - len(s.ref) == 3 for s in dup)
    assert parse_alteration("T1151dup").kind == "mutation"
