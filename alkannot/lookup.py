"""`alkannot lookup` and `alkannot kb`: what the command line calls. The queries are parsed and looked up here; the
table is lookup_text's, the JSON lookup_json's, `kb list` and `kb show TABLE` kb_tables', `kb export` kbexport's."""

from __future__ import annotations

import json
import os

from .alterations import parse_alteration
from .errors import InputError, OptionProblem, UsageProblem
from .evidence import AlterationCall
from .kbfiles import load_knowledge_base
from .knowledge import KnowledgeBase
from .lookup_json import lookup_document
from .lookup_text import format_call
from .messages import EXPORT_DIRECTORY


def _parse(text: str):
    try:
        return parse_alteration(text)
    except ValueError as exc:
        raise InputError(str(exc), "alteration") from None


def lookup_calls(
    alterations: list[str], build: str | None = None, kb_dir: str | None = None
) -> tuple[KnowledgeBase, list[tuple[str, AlterationCall]]]:
    """The knowledge base, and each alteration (as written) with its call for every inhibitor; InputError on a name
    that does not parse. DNA-level changes (c.3604G>A, NC_000002.12:g.29220747C>T) are looked up by their protein
    change (`build` for a CHROM:POSREF>ALT or chr2:g. position)."""
    from .hgvs import looks_dna_level, protein_alteration
    from .options import build_name

    # as typed (`--build hg19`), for the messages that name it as annotate's do (pipe50, item 2)
    name = None if build is None else build_name(build, auto=False)
    kb = load_knowledge_base(kb_dir)
    queries = [protein_alteration(t, name, build) if looks_dna_level(t) else (t, t) for t in alterations]
    return kb, [(text, kb.call(_parse(alteration))) for text, alteration in queries]


def run_lookup(alterations: list[str], as_json: bool, build: str | None = None, kb_dir: str | None = None) -> str:
    """`alkannot lookup`: each alteration's calls (lookup_calls) as a table or JSON."""
    kb, results = lookup_calls(alterations, build, kb_dir)
    if as_json:
        return json.dumps(lookup_document(kb, results), indent=2) + "\n"
    return "\n".join(format_call(kb, text, call) for text, call in results)


def check_kb_options(action: str, fmt: str, output: str, given: set[str]) -> None:
    """`alkannot kb ACTION`'s options that only `kb export` takes (`given`: those of 'output' and 'build' the command
    line set): every misuse of kb is a usage error, exit 2 (seventh reading, finding 14), but for an -o that cannot be
    written, exit 3 (_check_export_output); a site VCF goes to a file named as what it is, bgzipped and tabix-indexed
    whatever its name (a .bcf or .vcf name would say otherwise)."""
    if fmt == "vcf" and action != "export":
        raise OptionProblem("--format vcf applies to 'kb export'")
    if "output" in given and action != "export":
        raise OptionProblem(f"-o applies to 'kb export', not 'kb {action}'")
    if "build" in given and fmt != "vcf":
        raise OptionProblem("--build applies to 'kb export --format vcf' (the site VCF's build)")
    if fmt == "vcf" and output == "-":
        raise OptionProblem("a site VCF is bgzipped and tabix-indexed: give -o PATH.vcf.gz", "-o")
    if action == "export" and output != "-":
        _check_export_output(fmt, output)


# names an export directory is not given (`kb export -o kb.vcf.gz` without --format vcf made a directory of that name)
_FILE_SUFFIXES = (".vcf", ".bcf", ".gz", ".bgz", ".tsv", ".txt", ".json")


_VCF_WRITES = "kb export --format vcf writes one file, a bgzipped, tabix-indexed site VCF"
_VCF_NAME = "ending .vcf.gz or .vcf.bgz"
_TSV_LAYOUT = " (a directory of the --kb DIR layout is --format tsv)"


def _check_export_output(fmt: str, output: str) -> None:
    """-o as `kb export` writes it: a directory for --format tsv, one bgzipped file for --format vcf; a path that
    reads as the other is a usage error saying what the format writes and what was given (pipe50, item 1), but for
    --format vcf a directory, existing or named with a trailing '/', is an output that cannot be written, exit 3, as
    `annotate -o DIR` says it (pipe51, pipe51b)."""
    folder = os.path.isdir(output) or output.endswith(("/", os.sep))
    if fmt == "vcf" and folder:
        # the output's problem (exit 3), as `annotate -o DIR` says it (run_paths, output._check_folder): an existing
        # directory, and a name that says directory ('newdir/', none there: it was exit 2, a usage error; pipe51b)
        if not os.path.isdir(output):
            missing = f"names a directory, which does not exist; give a file name {_VCF_NAME} ({_VCF_WRITES})"
            raise InputError(missing, output)
        raise InputError(f"is a directory, and {_VCF_WRITES}; give a file name {_VCF_NAME}{_TSV_LAYOUT}", output)
    if fmt == "vcf" and not output.lower().endswith((".vcf.gz", ".vcf.bgz")):
        raise OptionProblem(
            f"{output}: kb export --format vcf writes a bgzipped, tabix-indexed site VCF; name it .vcf.gz or .vcf.bgz",
            "-o",
        )
    if fmt == "tsv" and not folder and output.lower().endswith(_FILE_SUFFIXES):
        raise OptionProblem(f"{output}: names a file, and {EXPORT_DIRECTORY}", "-o")


def run_kb(
    action: str, what: str | None, output: str, fmt: str = "tsv", build: str = "GRCh38", kb_dir: str | None = None
) -> str:
    """`alkannot kb list|show WHAT|export [FILE] [--format tsv|vcf] [--build B] [-o PATH]` (`--kb DIR`)."""
    from .kb_tables import kb_list, kb_table
    from .kbexport import export_tsv, export_vcf

    kb = load_knowledge_base(kb_dir)
    if action == "list":
        if what:
            raise UsageProblem(f"kb list takes no argument (did you mean 'kb show {what}'?)")
        return kb_list(kb)
    if action == "show":
        if not what:
            raise UsageProblem("kb show needs an alteration (e.g. G1202R), 'inhibitors', 'sources' or 'thresholds'")
        table = kb_table(kb, what)
        return table if table is not None else format_call(kb, what, kb.call(_parse(what)))
    if action == "export":
        if fmt == "vcf":
            if what:
                raise UsageProblem("kb export --format vcf exports the whole knowledge base; drop the file name")
            return export_vcf(kb, build, output)
        return export_tsv(kb, output, what)
    raise InputError(f"unknown kb action {action!r}", "kb")
