"""Snakemake wrapper for alkannot annotate: ALK variants, inhibitor calls, ALK fusions and the P-gp check."""

__author__ = "alkannot contributors"
__license__ = "MIT"

import os
import shlex
import sys

from snakemake.shell import shell

REPORT_SUFFIXES = ("_mqc.tsv", ".tsv", ".json", ".html")  # _mqc.tsv before .tsv: the longer suffix wins


def fail(message):
    """Stop with `message`, written to the rule's log too where it has one: on a cluster the log is what is read
    (pipeline review of stop 42, finding 3: the wrapper's refusals went to Snakemake's stderr only)."""
    for path in snakemake.log:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"alkannot wrapper: error: {message}\n")
    sys.exit(message)


def output_type(path, uncompressed_bcf=False):
    """bcftools-style -O from the output name, as the bcftools wrappers infer it."""
    if path.endswith(".vcf"):
        return "v"
    if path.endswith((".vcf.gz", ".vcf.bgz")):
        return "z"
    if path.endswith(".bcf"):
        return "u" if uncompressed_bcf else "b"
    fail(f"output vcf {path!r}: name it .vcf, .vcf.gz or .bcf")


def index_option(vcf, idx, uncompressed_bcf=False):
    """--write-index=csi|tbi from the `idx` output, which must sit where alkannot writes it, beside an output htslib
    can index: a bgzipped VCF or a compressed BCF (alkannot refuses -W for the others, exit 2)."""
    if not idx:
        return ""
    kind = os.path.splitext(idx)[1].lstrip(".")
    if kind not in ("csi", "tbi") or idx != f"{vcf}.{kind}":
        fail(f"output idx {idx!r}: name it {vcf}.csi or {vcf}.tbi")
    if output_type(vcf, uncompressed_bcf) in ("v", "u"):
        what = "uncompressed BCF (params.uncompressed_bcf)" if uncompressed_bcf else "a plain VCF"
        fail(f"output idx {idx!r}: {what} cannot be indexed; write a .vcf.gz or a compressed .bcf")
    if kind == "tbi" and output_type(vcf, uncompressed_bcf) == "b":  # alkannot's own refusal was exit 2 (eng48b, 4)
        fail(f"output idx {idx!r}: a .tbi index cannot index a BCF; name it {vcf}.csi")
    return f"--write-index={kind}"


def report_prefix(files):
    """The one PREFIX of the `report` outputs (e.g. multiext(PREFIX, '.tsv', '.json', '.html', '_mqc.tsv'))."""
    prefixes = set()
    for path in files:
        suffix = next((s for s in REPORT_SUFFIXES if path.endswith(s)), None)
        if suffix is None:
            fail(f"output report {path!r}: alkannot writes PREFIX{', PREFIX'.join(REPORT_SUFFIXES)}")
        prefixes.add(path[: -len(suffix)])
    if len(prefixes) > 1:
        fail(f"output report: the files name more than one prefix: {sorted(prefixes)}")
    return prefixes.pop() if prefixes else None


def as_list(value):
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def owned_files(flag, files, samples, param):
    """--sv/--fusions [SAMPLE=]PATH; params.sv_samples / params.fusion_samples (`param`) name whose file each one
    is (in input order)."""
    samples = as_list(samples)
    if samples and len(samples) != len(files):
        fail(f"params.{param} names {len(samples)} sample(s) for {len(files)} {flag.lstrip('-')} file(s)")
    pairs = zip(samples, files) if samples else ((None, f) for f in files)
    return " ".join(f"{flag} " + shlex.quote(f"{s}={f}" if s else f) for s, f in pairs)


def sheet_option(sheets):
    """--samples SHEET: alkannot reads one sample sheet a run; a list under input.samples is refused in one line (it
    was a TypeError traceback from shlex.quote)."""
    if len(sheets) > 1:
        fail(f"input samples: give one sample sheet (got {len(sheets)}: {', '.join(map(str, sheets))})")
    return f"--samples {shlex.quote(str(sheets[0]))}" if sheets else ""


OWNED_LONG = ("--output", "--output-type", "--write-index", "--threads", "--report", "--samples", "--sv", "--fusions")
OWNED_SHORT = ("o", "O", "W")  # -o PATH, -O TYPE, -W; alkannot (click) takes them attached too: -oPATH, -Oz9, -Wtbi
SHORT_FLAGS = "qvh"  # short options without a value, which click lets stand before another in one word (-qOz)


def owned_option(extra):
    """Why params.extra cannot hold an option the wrapper sets itself, in any form alkannot takes (spaced,
    attached, --name=value, after short flags: -qOz), or None: the wrapper's own option would win without a word."""
    for word in shlex.split(extra):
        name = word.split("=", 1)[0]
        letters = word[1:].lstrip(SHORT_FLAGS) if word[:1] == "-" and word[:2] != "--" else ""
        if name not in OWNED_LONG and letters[:1] not in OWNED_SHORT:
            continue
        name = name if name in OWNED_LONG else f"-{letters[0]}"
        level = letters[2:] if letters[:1] == "O" and letters[2:].isdigit() else ""
        return (
            f"params.extra has {name}"
            + (f" (in {word!r})" if word != name else "")
            + ": the wrapper sets it from input/output/threads"
            + (f"; give the compression level as -l {level}" if level else "")
        )
    return None


extra = snakemake.params.get("extra", "")
if owned_option(extra):
    fail(owned_option(extra))

vcf_in = snakemake.input.get("vcf") or snakemake.input[0]
if not isinstance(vcf_in, str):  # a list under input.vcf (Snakemake gives a Namedlist): one VCF per run
    fail(
        f"input vcf: give exactly one VCF (got {len(vcf_in)}: {', '.join(map(str, vcf_in))}); "
        "SV VCFs go under input.sv, fusion tables under input.fusions"
    )
vcf_out = snakemake.output.get("vcf") or snakemake.output[0]
options = [
    f"--output {shlex.quote(vcf_out)}",
    f"--output-type {output_type(vcf_out, snakemake.params.get('uncompressed_bcf', False))}",
    index_option(vcf_out, snakemake.output.get("idx"), snakemake.params.get("uncompressed_bcf", False)),
    owned_files("--sv", as_list(snakemake.input.get("sv")), snakemake.params.get("sv_samples"), "sv_samples"),
    owned_files(
        "--fusions", as_list(snakemake.input.get("fusions")), snakemake.params.get("fusion_samples"), "fusion_samples"
    ),
    sheet_option(as_list(snakemake.input.get("samples"))),
    f"--threads {snakemake.threads - 1}" if snakemake.threads > 1 else "",
]
prefix = report_prefix(as_list(snakemake.output.get("report"))) or snakemake.params.get("report")
if prefix:
    options.append(f"--report {shlex.quote(prefix)}")
log = snakemake.log_fmt_shell(stdout=True, stderr=True)

command = " ".join(["alkannot annotate", extra, *(o for o in options if o), shlex.quote(vcf_in)])
shell("{command} {log}")
