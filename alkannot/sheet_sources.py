"""How a sample sheet's `source_vcf` names an input (samplesheet.SampleSheet.get): by the file given, its path, file
name or stem; and, for an output of `alkannot annotate`, by the file each sample was annotated from, as its
##alkannotSample line records it (Input=). One sheet then serves a pipeline's annotate step (`calls/P1.vcf`) and its
report step (`ann/P1.alk.vcf.gz`, annotated from P1.vcf) alike (helper cohort48b: the report step needed the
annotated file's name, although the table it wrote gave the original one).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from .records import field, record
from .roles import STANDARD_INPUT, file_name, file_stem, names_a_file, path_parts

BY_PATH, BY_PATH_END, BY_NAME, BY_STEM = 0, 1, 2, 3  # the file given, the most specific first
# the file it was annotated from (Input=): after any name of the file given, the most specific first
BY_RECORDED_PATH, BY_RECORDED_NAME, BY_RECORDED_STEM = 4, 5, 6


@record(frozen=True)
class SheetSource:
    """One input as a sheet's source_vcf may name it: `path`, the file given (as messages name it), and
    `annotated_from`, each sample's recorded Input= (its name in NFC, samplesheet.sample_key -> the path that run
    was given, or the file name alone in an output of stop 48)."""

    path: str
    annotated_from: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def annotated_name(self, sample: str) -> str | None:
        """The file `sample` was annotated from (its path as that run was given it), where it names a file a sheet can
        write: not '<stdin>' (standard input names no file) nor a descriptor's whole path ('/dev/fd/63')."""
        name = self.annotated_from.get(sample_key(sample)) if self.annotated_from else None
        return name if names_a_file(name) else None


def as_source(source: str | SheetSource) -> SheetSource:
    return source if isinstance(source, SheetSource) else SheetSource(source)


def recorded_inputs(recorded: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """Sample (NFC) -> the Input= of its ##alkannotSample line, from an earlier annotate run's lines
    (verdicts.recorded_run); empty for an input never annotated, or annotated before stop 48."""
    return {sample_key(sample): items["Input"] for sample, items in recorded.items() if items.get("Input")}


def source_rank(value: str, path: str, sheet_folder: str = "", annotated_from: str | None = None) -> int | None:
    """How a sheet's source_vcf `value` names the input `path`: 0 by path (normalised: './x', 'd/../x' and the
    absolute path name 'x', all resolved from the working directory, symbolic links too; a relative value also
    from `sheet_folder`, the sheet's own folder, as a sheet kept beside its VCFs names them), 1 by the end of its
    path (a value with folders, `P1/tumor.vcf.gz`, that ends the input's absolute path, `results/P1/tumor.vcf.gz`:
    nf-core's and Snakemake's layouts name a patient by the folder), 2 by file name, 3 by file name without
    .vcf/.vcf.gz/.bcf/.maf (roles.file_name, roles.file_stem); then, where the input is an annotated output, the
    file the sample was `annotated_from` (Input=, the path that run was given): 4 by path, the
    value and the recorded path agreeing from the file name back as far as the shorter goes (`P1/tumor.vcf.gz`,
    `calls/P1/tumor.vcf.gz` or `/data/calls/P1/tumor.vcf.gz` for `calls/P1/tumor.vcf.gz`; a value whose folders
    disagree, `P2/tumor.vcf.gz`, names another file), 5 by its file name (a value without folders, or any value
    where the recorded Input= is a file name alone, as stop 48 wrote it), 6 by its stem; None if it names neither.
    Compared in NFC as sample names are."""
    value, path = sample_key(value.strip()), sample_key(path)
    if not value:
        return None
    if value == path or (value in _STREAMS and path in _STREAMS):  # '-' names standard input, read as <stdin>
        return BY_PATH
    if path not in _STREAMS:
        given = _resolved(path)
        if _resolved(value) == given:
            return BY_PATH
        if sheet_folder and not os.path.isabs(value) and _resolved(os.path.join(sheet_folder, value)) == given:
            return BY_PATH
        wanted = path_parts(value)
        if len(wanted) > 1 and ".." not in wanted and path_parts(os.path.abspath(path))[-len(wanted) :] == wanted:
            return BY_PATH_END
    if value == file_name(path):
        return BY_NAME
    if value == file_stem(path):
        return BY_STEM
    return _recorded_rank(value, sample_key(annotated_from)) if annotated_from else None


def _recorded_rank(value: str, recorded: str) -> int | None:
    """How `value` names the recorded Input= `recorded` (source_rank's 4, 5, 6)."""
    wanted, kept = path_parts(value), path_parts(recorded)
    if not wanted or not kept:
        return None
    if len(wanted) > 1 and len(kept) > 1:  # both have folders: every part the two share must agree
        shared = min(len(wanted), len(kept))
        return BY_RECORDED_PATH if wanted[-shared:] == kept[-shared:] else None
    if wanted[-1] == kept[-1]:
        return BY_RECORDED_NAME
    if len(wanted) == 1 and value == file_stem(recorded):
        return BY_RECORDED_STEM
    return None


def path_end_hint(value: str, source: SheetSource, sample: str) -> tuple[str, str] | None:
    """For a source_vcf `value` with folders that names no input: the end of its path it shares with the input
    `source` (the file given, or the file `sample` was annotated from), a folder and the file name at least, where
    the folders above differ (`/mnt/x/P1/t.vcf` for an output annotated from `/data/run/P1/t.vcf`, the same run's
    folder on another mount: `P1/t.vcf`, which names it), with that path as a message names it; None where they share
    the file name alone (`P2/t.vcf` is another patient's) or nothing (cohort49b, on cohort49's finding 5)."""
    wanted = path_parts(sample_key(value.strip()))
    if len(wanted) < 2:
        return None
    recorded = source.annotated_name(sample)
    candidates = [] if source.path in _STREAMS else [(os.path.abspath(source.path), f"the input {source.path}")]
    if recorded:
        candidates.append((recorded, f"{recorded}, which {source.path}'s {sample} was annotated from"))
    for path, named in candidates:
        kept = path_parts(sample_key(path))
        shared = 0
        while shared < min(len(wanted), len(kept)) and wanted[-1 - shared] == kept[-1 - shared]:
            shared += 1
        if shared >= 2:
            return "/".join(wanted[-shared:]), named
    return None


def how_named(rank: int, source: SheetSource, sample: str) -> str:
    """The input a source_vcf of `rank` names, for a message, with the file its sample was annotated from where the
    value named that one (`ann/P1.alk.vcf.gz (annotated from P1.vcf)`)."""
    if rank >= BY_RECORDED_PATH:
        return f"{source.path} (annotated from {source.annotated_name(sample)})"
    return source.path


def sample_key(name: str) -> str:
    """A sample name (or a file name) as it is matched: NFC-normalised, so that a sheet saved on macOS (NFD: 'a' +
    combining accent) names the same sample as the VCF (NFC); the names keep their own spelling in every output.
    Here, below samplesheet.py, which imports this module and gives it as its own."""
    return unicodedata.normalize("NFC", name)


_STREAMS = STANDARD_INPUT


@lru_cache(maxsize=4096)
def _resolved(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


__all__ = ["SheetSource", "as_source", "how_named", "path_end_hint", "recorded_inputs", "sample_key", "source_rank"]
