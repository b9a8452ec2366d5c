"""What tests that run the command share: the installed `alkannot` entry point, and generated input files.

It is looked for next to the interpreter running the tests (a virtualenv's bin/) before PATH, so
`venv/bin/python -m pytest` tests that virtualenv's alkannot without an activated venv — and never
another checkout's alkannot that happens to be first on PATH.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def _entry_point() -> str:
    beside = Path(sys.executable).parent / "alkannot"
    if beside.exists():
        return str(beside)
    return shutil.which("alkannot") or "alkannot"


ALKANNOT = _entry_point()


BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "make_vcf.py"


def edited_kb(root: Path, name: str, edit) -> Path:
    """`alkannot kb export` into ROOT/NAME with `edit(row)` applied to each calls.tsv row (None drops the row): a
    lab's edited knowledge base for `--kb`."""
    kb = root / name
    assert run("-q", "kb", "export", "-o", kb).returncode == 0
    table = kb / "calls.tsv"
    with table.open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    header = list(rows[0])
    kept = [r for r in (edit(dict(row)) for row in rows) if r is not None]
    with table.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, header, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    return kb


def generated_vcf(path: Path, records: int, samples: int = 1) -> Path:
    """A WGS-like VCF of `records` records with real ALK variants (benchmarks/make_vcf.py) written to `path`; with
    `samples` sample columns, each with its own allele depths at the ALK records."""
    with path.open("w") as handle:
        subprocess.run([sys.executable, str(BENCH), str(records), "--samples", str(samples)], stdout=handle, check=True)
    return path


def run(
    *args, stdin: bytes | str | None = None, cwd=None, timeout: float = 300, text: bool = False, env: dict | None = None
) -> subprocess.CompletedProcess:
    """`alkannot ARGS...` as a user runs it; stdout and stderr captured."""
    return subprocess.run(
        [ALKANNOT, *map(str, args)], input=stdin, capture_output=True, cwd=cwd, timeout=timeout, text=text, env=env
    )


def annotated_report(vcf: Path, sheet: Path, prefix: Path, *extra: str) -> tuple[dict, str]:
    """`alkannot annotate VCF --samples SHEET --report PREFIX -o PREFIX.vcf` through the installed entry point:
    the JSON document and the HTML page (the run must succeed)."""
    import json

    result = run("annotate", vcf, "--samples", sheet, "--report", prefix, "-o", f"{prefix}.vcf", *extra, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(Path(f"{prefix}.json").read_text()), Path(f"{prefix}.html").read_text()


def g1202r_vcf(path: Path, samples: list[str]) -> Path:
    """A GRCh38 VCF whose every sample carries G1202R (chr2:29220747 C>T) at AF 0.4, written to `path`."""
    path.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(samples) + "\n"
        "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF" + "\t0/1:0.4" * len(samples) + "\n"
    )
    return path


def tumor_vcfs(folder: Path, stems: tuple[str, ...], record: str) -> list[Path]:
    """One GRCh38 VCF per stem (`folder`/<stem>.vcf), each with one sample named TUMOR and the one GT record `record`
    ('chr2\t29193501\t.\tT\tA'): the same sample name in several files, which the report labels by file."""
    paths = []
    for stem in stems:
        path = folder / f"{stem}.vcf"
        path.write_text(
            "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
            '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n"
            f"{record}\t.\tPASS\t.\tGT\t0/1\n"
        )
        paths.append(path)
    return paths


def without_identifiers(text: str) -> str:
    """`text` with every source's PMID, DOI, PMC id or 'press release on' left out of its brackets: a note gives them at a
    source's first citation only (sourced_text.identified_once), so a test of a later sentence compares keys."""
    import re

    return re.sub(r", (?:PMID \d+|doi:[^;\]]+|PMC\d+|press release on \w+)(?=[;\]])", "", text)


EXAMPLES = Path(__file__).resolve().parent.parent / "example_vcfs"


def readme_example(prefix: Path, build: str = "GRCh38") -> subprocess.CompletedProcess:
    """README's first command's `alkannot annotate` on the bundled example of `build` (--sv, --fusions P5_T=,
    --samples, --min-vaf 0.05), its reports at `prefix` and its VCF at PREFIX.vcf.gz; stdout and stderr captured."""
    folder = EXAMPLES / build
    return run(
        "annotate", folder / "tumor_normal.vcf", "--sv", folder / "sv.vcf",
        "--fusions", f"P5_T={folder / 'fusions.tsv'}", "--samples", EXAMPLES / "samples.tsv", "--min-vaf", "0.05",
        "--report", prefix, "-o", f"{prefix}.vcf.gz", text=True,
    )  # fmt: skip


def readme_reports(prefix: Path, build: str = "GRCh38") -> tuple[dict[str, dict], dict[str, dict[str, str]], str, dict]:
    """README's example run (`readme_example`, exit 0 asserted) read back: its JSON samples by name, its TSV rows by
    sample, its HTML page, and the whole JSON document."""
    result = readme_example(prefix, build)
    assert result.returncode == 0, result.stderr
    doc = json.loads(prefix.with_suffix(".json").read_text())
    with open(prefix.with_suffix(".tsv"), newline="") as handle:
        tsv = {row["sample"]: row for row in csv.DictReader(handle, delimiter="\t")}
    samples = {s["sample"]: s for s in doc["samples"]}
    return samples, tsv, prefix.with_suffix(".html").read_text(), doc


# a sample's calls in its ##alkannotSample line (Calls=): progressed on crizotinib then ceritinib, no ALK mutation
# (untried drugs unknown)
AFTER_CRIZOTINIB_CERITINIB = (
    "crizotinib:resistant(progressed_on);"
    "ceritinib:resistant(progressed_on);"
    "alectinib:unknown;"
    "brigatinib:unknown;"
    "ensartinib:unknown;"
    "lorlatinib:unknown;"
    "neladalkib:unknown;"
    "gilteritinib:unknown;"
    "tpx0131:unknown;"
    "iruplinalkib:unknown;"
    "envonalkib:unknown"
)


# lorlatinib's caveat after ceritinib with no ALK change, as the P-gp note and the cell give it beside SOL18's figure
# (right after its citation, no bracket after it: stop 54)
# (resources/triage/statements.tsv mutation_negative_lorlatinib: GAI16's cells, SHAW19's patients)
LORLATINIB_CAVEAT_AFTER_CERITINIB = (
    ", but ceritinib-resistant patient-derived cells without ALK mutations were resistant to lorlatinib [GAI16, "
    "doi:10.1158/2159-8290.CD-16-0596], and after at least one second-generation ALK inhibitor lorlatinib was more "
    "effective in patients with ALK mutations than in those without, as two news summaries of that analysis report "
    "it (the paper was not read) [SHAW19, doi:10.1200/JCO.18.02236], so lorlatinib may be less effective when no "
    "ALK mutation is found"
)


def screen_sentence(sample: dict, other: str = "", besides: str = "") -> str:
    """The P-gp note's sentence on the genes alkannot checks for this JSON sample, from its own `off_target_genes`
    (the genes its records reached; the others not assessed): what the note must say (offtarget_screen.py)."""
    from alkannot.bypass_coverage import GeneCoverage
    from alkannot.kbfiles import load_knowledge_base
    from alkannot.offtarget_screen import no_bypass_found

    screened = tuple(
        GeneCoverage(g["gene"], tuple(g["covered_by"]), tuple(g["copy_number"]))
        for g in sample["off_target_genes"]
        if g["covered_by"]
    )
    return no_bypass_found(load_knowledge_base(), screened, other, besides)


def unstartable_converter(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """A BCF converter child that cannot be started: sys.executable is a file without execute permission; temporary
    files go to a scratch folder the test can check is left empty. Returns (that executable, the scratch folder)."""
    unusable = tmp_path / "python"
    unusable.write_text("")  # mode 0644: not executable
    monkeypatch.setattr(sys, "executable", str(unusable))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    return unusable, scratch


def sheets_with_vcfs() -> list[tuple[Path, list[Path]]]:
    """Each sample sheet of tests/data with the VCFs of its folder (those named like it where there are any): the
    runs that cover every tests/data report (test_pgp_parts, test_wording_independence)."""
    out = []
    for sheet in sorted((Path(__file__).resolve().parent / "data").rglob("*.tsv")):
        if "sample" not in sheet.name and sheet.name != "sheet.tsv":
            continue
        vcfs = sorted(
            p for p in sheet.parent.iterdir() if re.search(r"\.(vcf|vcf\.gz|bcf)$", p.name) and ".sv." not in p.name
        )
        named = [p for p in vcfs if p.name.startswith(sheet.name.split(".samples")[0] + ".")]
        if named or vcfs:
            out.append((sheet, named or vcfs))
    return out


def report_of(
    tmp_path: Path, vcfs: list[Path], sheet: Path, *options: str
) -> tuple[dict[str, dict], dict[str, dict], str]:
    """`alkannot -q report VCFS --samples SHEET [OPTIONS]` into tmp_path/r: its JSON samples and TSV rows by name, and
    its HTML page as written."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    prefix = tmp_path / "r"
    result = run("-q", "report", *vcfs, "--samples", sheet, *options, "--out", prefix)
    assert result.returncode == 0, result.stderr
    samples = {s["sample"]: s for s in json.loads(prefix.with_suffix(".json").read_text())["samples"]}
    with open(prefix.with_suffix(".tsv"), newline="") as handle:
        rows = {
            r["sample"]: r
            for r in csv.DictReader((line for line in handle if not line.startswith("##")), delimiter="\t")
        }
    return samples, rows, prefix.with_suffix(".html").read_text()


def shown_sources() -> dict[str, dict[str, str]]:
    """`alkannot kb show sources`, its rows by key."""
    shown = run("kb", "show", "sources", text=True)
    assert shown.returncode == 0, shown.stderr
    lines = [line for line in shown.stdout.splitlines() if not line.startswith("# ")]
    return {r["key"]: r for r in csv.DictReader(lines, delimiter="\t")}


def where_read() -> dict[str, str]:
    """tools/kb_curation/sources_extra.tsv's last cell (where the source was read) by key."""
    path = Path(__file__).parent.parent / "tools" / "kb_curation" / "sources_extra.tsv"
    with open(path, encoding="utf-8") as handle:
        return {r[0]: r[-1] for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")}


_OURS = re.compile(rb"^##(alkannot|INFO=<ID=ALK_)")


def _without_alkannot(text: bytes) -> bytes:
    """A VCF's text without alkannot's header lines and INFO entries (`.` where nothing else is left; a trailing `;`
    they continued given way, as passthrough.edit_info writes it), every other byte as it is."""
    kept = []
    for line in text.splitlines(True):
        if _OURS.match(line):
            continue
        body = line.rstrip(b"\r\n")
        fields = body.split(b"\t", 8)
        if not line.startswith(b"#") and len(fields) > 7:
            entries = fields[7].split(b";")
            others = [entry for entry in entries if not entry.startswith(b"ALK_")]
            if len(others) != len(entries):
                while others and others[-1] == b"":
                    others.pop()
                fields[7] = b";".join(others) or b"."
                line = b"\t".join(fields) + line[len(body) :]
        kept.append(line)
    return b"".join(kept)


def bytes_kept(path: str, out: bytes) -> str | None:
    """For a text VCF (plain or gzipped) and its VCF output `out` (uncompressed): None where every byte of the input
    but alkannot's keys and lines is in the output as it was (header lines included; the one line end added after a
    last line without one, the first line's; the bare ##contig lines htslib adds from an index beside a bgzipped
    input, README "No region options"), else where they first differ."""
    import gzip

    with open(path, "rb") as handle:
        given = handle.read()
    if given[:2] == b"\x1f\x8b":
        given = gzip.decompress(given)
    if given[:3] == b"BCF":
        return None
    want = _without_alkannot(given)
    if want and not want.endswith(b"\n"):
        want += b"\r\n" if want.split(b"\n", 1)[0].endswith(b"\r") else b"\n"
    got = _without_alkannot(out)
    if got == want:
        return None
    wanted, lines = want.splitlines(True), got.splitlines(True)
    added = [line for line in lines if line not in wanted]
    if all(re.fullmatch(rb"##contig=<ID=[^,>]+>\r?\n", line) for line in added) and len(lines) - len(added) == len(
        wanted
    ):
        if [line for line in lines if line not in added] == wanted:
            return None
    at = next((i for i, (a, b) in enumerate(zip(wanted, lines)) if a != b), min(len(wanted), len(lines)))
    return f"bytes differ at line {at + 1}: {wanted[at : at + 1]!r:.120} -> {lines[at : at + 1]!r:.120}"
