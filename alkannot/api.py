"""The Python API that the command line wraps.

from alkannot import api
api.map_variant("GRCh38", "chr2", 29220747, "C", "T").hgvsp      # 'p.G1202R'
api.annotate("in.vcf.gz", "out.vcf.gz", build="auto", write_index="csi")
api.report(["a.vcf.gz", "b.maf"], "cohort", samples_path="samples.tsv")   # cohort.tsv/.json/.html/_mqc.tsv
api.lookup(["G1202R", "c.3604G>A"])[0][1].calls["lorlatinib"].category  # 'sensitive'
"""

from __future__ import annotations

import operator
import os
from typing import Any

from .annotate import annotate_file
from .cohort import Cohort, report_files
from .consequence import Consequence, annotate_variant
from .errors import OptionProblem
from .evidence import AlterationCall
from .lookup import lookup_calls
from .options import AnnotateOptions, build_name, warn_type_against_name
from .survey import Survey
from .vcfio import output_type_for

# keywords that name one file or folder, and those that name a sequence of them: each may be a pathlib.Path (or any
# os.PathLike), as open() takes it; the library below reads str
_PATH_KEYWORDS = ("input_path", "output_path", "samples_path", "report_prefix", "kb_dir", "html_template")
_PATHS_KEYWORDS = ("sv_paths", "fusion_paths")


def _path(value, keyword: str, optional: bool = True) -> Any:
    """A path as the library reads it: a str, or the str of a pathlib.Path or other os.PathLike; None stays None;
    anything else (a list given for one path) is refused with the keyword's name, as a bad value of the command line
    is, not left to fail deep inside as an AttributeError."""
    if (value is None and optional) or isinstance(value, str):
        return value
    if isinstance(value, os.PathLike):
        path = os.fspath(value)
        if isinstance(path, str):
            return path
    raise OptionProblem(f"{value!r} is not a path (give a str or a pathlib.Path)", keyword)


def _path_options(options: dict) -> dict:
    """`options` with every path keyword's value as a str (a sequence keyword's items; one Path alone given there is
    kept as one path, which AnnotateOptions refuses as it refuses one str)."""
    chosen = {key: _path(value, key) if key in _PATH_KEYWORDS else value for key, value in options.items()}
    for key in _PATHS_KEYWORDS:
        value = chosen.get(key)
        if isinstance(value, (str, bytes, os.PathLike)):  # bytes: one value, not a sequence of letter codes
            chosen[key] = _path(value, key)
        elif value is not None:
            chosen[key] = tuple(_path(item, key) for item in value)
    return chosen


def _whole_number(value) -> int | None:
    """An int, or another whole-number type (numpy's int64, as pandas reads a POS column); None for anything else (a
    bool, a float, a str)."""
    if isinstance(value, bool):
        return None
    try:
        return operator.index(value)
    except TypeError:
        return None


def map_variant(build: str, chrom: str, pos: int, ref: str, alt: str) -> Consequence:
    """The ALK consequence of one allele (VCF conventions, 1-based position, plus strand; `build` GRCh37/GRCh38, or
    hg19/hg38 as on the command line). A value of the wrong kind is refused with its keyword (OptionProblem), as
    htslib would never hand it over: a position that is not a whole number from 1, an empty REF or ALT, several ALT
    alleles in one string."""
    position = _whole_number(pos)
    if position is None or position < 1:
        raise OptionProblem(f"{pos!r} is not a position (a 1-based int, as in a VCF's POS)", "pos")
    name = str(_whole_number(chrom)) if _whole_number(chrom) is not None else chrom  # 2, as a table reader gives it
    if not isinstance(name, str) or not name:
        raise OptionProblem(f"{chrom!r} is not a chromosome name (a str: 'chr2' or '2')", "chrom")
    for keyword, allele in (("ref", ref), ("alt", alt)):
        if not isinstance(allele, str) or not allele:
            raise OptionProblem(f"{allele!r} is not an allele (a non-empty str, VCF style: 'C', 'CT')", keyword)
    if "," in alt:
        raise OptionProblem(f"{alt!r} holds several ALT alleles: map each one in its own call", "alt")
    return annotate_variant(build_name(build, auto=False), name, position, ref, alt)


def annotate(input_path: str | os.PathLike[str], output_path: str | os.PathLike[str] = "-", **options) -> Survey:
    """Annotate a VCF/BCF file; keyword options are those of AnnotateOptions (`build` also as hg19/hg38). An
    output_type that contradicts output_path's name (`output_type="b"` to out.vcf) is written as output_type says,
    with the command line's warning on the "alkannot" logger, in the API's keywords, once the output is written. Every
    path (input_path, output_path, samples_path, sv_paths' items, ...) may be a str or a pathlib.Path."""
    options = _path_options(options)
    source, target = _path(input_path, "input_path", False), _path(output_path, "output_path", False)
    if "build" in options:
        options["build"] = build_name(options["build"])
    threads = options.get("threads", 0)
    if _whole_number(threads) is None or threads < 0:  # as the command line refuses `--threads -1` (stop 52)
        raise OptionProblem(f"{threads!r} is not a number of threads (an int, 0 or more)", "threads")
    chosen = AnnotateOptions(input_path=source, output_path=target, **{**options, "api": True})
    survey = annotate_file(chosen)
    warn_type_against_name(target, output_type_for(target, chosen.output_type), api=True)
    return survey


def report(inputs: list[str] | str | os.PathLike[str], out_prefix: str | os.PathLike[str], **options) -> Cohort:
    """`alkannot report`: one report set (PREFIX.tsv, .json, .html, _mqc.tsv) for annotated VCFs or MAF files;
    keyword options are those of cohort.report_files (samples_path, tumor, min_vaf, sv_paths, fusion_paths, kb_dir,
    html_template, build; `build` also as hg19/hg38); every path may be a str or a pathlib.Path."""
    options = _path_options(options)
    if "build" in options:
        options["build"] = build_name(options["build"])
    listed = [inputs] if isinstance(inputs, (str, bytes, os.PathLike)) else list(inputs)
    inputs_read = [_path(item, "inputs", optional=False) for item in listed]
    prefix = _path(out_prefix, "out_prefix", optional=False)
    return report_files(inputs_read, out_prefix=prefix, **{**options, "api": True})


def lookup(
    alterations: list[str] | str, build: str | None = None, kb_dir: str | os.PathLike[str] | None = None
) -> list[tuple[str, AlterationCall]]:
    """`alkannot lookup`: each alteration as the lookup names it (a DNA-level change with the protein change it maps
    to), with the knowledge base's call for every inhibitor."""
    queries = [alterations] if isinstance(alterations, str) else list(alterations)
    return lookup_calls(queries, build, _path(kb_dir, "kb_dir"))[1]


__all__ = ["map_variant", "annotate", "report", "lookup", "AnnotateOptions", "Consequence", "Survey"]
