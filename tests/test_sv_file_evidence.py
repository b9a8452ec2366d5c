"""What an --sv file can show (pipeline review of stop 34, findings 1 and 3): only a rearrangement-capable caller's
output (a BND/INV/translocation record, an SV caller's ##source, breakend keys or alleles declared) shows that no
fusion joins ALK; a small-variant VCF wired in as --sv, or a CNV caller's, leaves the fusion status as the other
inputs make it, said in one line. An --sv file whose header states no build is read in the main input's build
with a warning, unless --build says it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpers import ALKANNOT

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
SV = ROOT / "example_vcfs" / "GRCh38" / "sv.vcf"
CNVKIT = ROOT / "tests" / "data" / "copy_number" / "cnvkit_info_cn_grch38.vcf"


def _report(tmp_path: Path, *args: str) -> tuple[dict[str, dict], str]:
    out = tmp_path / "r"
    run = subprocess.run(
        [ALKANNOT, "annotate", str(MAIN), *args, "--report", str(out), "-o", "/dev/null"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    samples = {s["sample"]: s for s in json.loads(out.with_suffix(".json").read_text())["samples"]}
    return samples, run.stderr


def test_a_small_variant_vcf_given_as_sv_makes_no_sample_fusion_negative(tmp_path):
    # a copy: the main input itself given as --sv is read once, as the input (tests/test_sv_file_once.py)
    small = tmp_path / "small_variants.vcf"
    small.write_bytes(MAIN.read_bytes())
    samples, stderr = _report(tmp_path, "--sv", str(small))
    assert {s["fusion"] for s in samples.values()} == {"not_assessed"}
    (line,) = [x for x in stderr.splitlines() if "cannot show that no fusion joins ALK" in x]
    assert line.startswith("alkannot: WARNING: ") and f"--sv {small} holds no structural-variant record" in line


def test_a_cnv_callers_file_gives_its_copy_numbers_but_no_fusion_status(tmp_path):
    samples, stderr = _report(tmp_path, "--sv", f"P5_T={CNVKIT}")
    assert samples["P5_T"]["fusion"] == "not_assessed"
    (line,) = [x for x in stderr.splitlines() if "cannot show that no fusion joins ALK" in x]
    assert line.startswith("alkannot: INFO: ") and "copy-number records but no rearrangement" in line
    assert samples["P5_T"]["alk_copy_number"], "its ALK copy number is still read"


def test_an_empty_sv_callers_output_still_shows_no_fusion(tmp_path):
    empty = tmp_path / "manta_empty.vcf"
    empty.write_text("".join(line for line in SV.open() if line.startswith("#")))
    samples, stderr = _report(tmp_path, "--sv", str(empty))
    covered = [f"P{n}_T" for n in range(1, 7)]  # the SV file's columns; P7_T has none
    assert {samples[s]["fusion"] for s in covered} == {"negative"} and samples["P7_T"]["fusion"] == "not_assessed"
    assert "cannot show" not in stderr


def test_an_sv_file_stating_no_build_is_said_once_unless_build_is_given(tmp_path):
    bare = tmp_path / "sv_nobuild.vcf"
    bare.write_text("".join(line for line in SV.open() if not line.startswith(("##contig", "##reference"))))
    samples, stderr = _report(tmp_path, "--sv", str(bare))
    (line,) = [x for x in stderr.splitlines() if "states no genome build" in x]
    assert line == (
        f"alkannot: WARNING: {MAIN}: --sv {bare} states no genome build (no ##contig length of chromosome 2, no "
        "##reference): read as GRCh38, the main input's build; if that is right, add its ##contig or ##reference "
        "lines (or give --build GRCh38 where every input is GRCh38)"
    )
    assert samples["P1_T"]["fusion"] == "positive"  # read in GRCh38, which it is
    _, stderr = _report(tmp_path, "--sv", str(bare), "--build", "hg38")
    assert "states no genome build" not in stderr


def test_a_fusion_table_of_the_other_build_is_exit_3_naming_the_row(tmp_path):
    """A GRCh37 Arriba table beside a GRCh38 VCF was mapped into ALK intron 4, losing v1, exit 0 (pipeline review of
    stop 34, finding 2): its breakpoints lie exactly on GRCh37 exon boundaries and on none of GRCh38's."""
    for main, table, other in (("GRCh38", "GRCh37", "GRCh37"), ("GRCh37", "GRCh38", "GRCh38")):
        vcf = ROOT / "example_vcfs" / main / "tumor_normal.vcf"
        fusions = ROOT / "example_vcfs" / table / "fusions.tsv"
        run = subprocess.run(
            [ALKANNOT, "annotate", str(vcf), "--fusions", f"P5_T={fusions}", "-o", str(tmp_path / "o.vcf")],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 3
        (line,) = run.stderr.splitlines()
        assert line.startswith(f"alkannot: error: {fusions}:2: its breakpoints (EML4 ")
        assert line.endswith(
            f"lie on {other} exon boundaries and on none of {main}'s, the main input's build: give the fusion table "
            f"called on {main}"
        )
        assert not (tmp_path / "o.vcf").exists()
        same = ROOT / "example_vcfs" / main / "fusions.tsv"
        run = subprocess.run(
            [ALKANNOT, "-q", "annotate", str(vcf), "--fusions", f"P5_T={same}", "-o", "/dev/null"],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
