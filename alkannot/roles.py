"""Which samples of a VCF are patients: tumours named by --tumor or ##tumor_sample, normals left out, Strelka/Manta
NORMAL/TUMOR naming, and the one sample of a sites-only VCF. Pure: reads what pass 1 recorded of the header."""

from __future__ import annotations

import os
import re
from functools import lru_cache

from .errors import InputError


def analysed_samples(survey, tumor: str | None, tumours=(), normals=()) -> tuple[list[str], str, tuple[str, ...]]:
    """(samples reported, role, normals left out). Tumour/normal: tumours from --tumor or ##tumor_sample;
    samples named by ##normal_sample are never reported as patients."""
    samples = list(survey.samples)
    if not samples:  # sites-only VCF: one sample, named by --tumor or else by the file name stem
        return [sites_only_name(survey.display, tumor, getattr(survey, "recorded_name", None))], "sites_only", ()
    tumours = list(tumours or survey.tumor_headers)
    normals = list(normals or survey.normal_headers)
    if tumor:
        wanted = [t.strip() for t in tumor.split(",") if t.strip()]
        missing = [t for t in wanted if t not in samples]
        if missing:
            raise InputError(
                f"--tumor {', '.join(missing)}: no such sample (samples: {', '.join(samples) or 'none'})",
                survey.display,
            )
        return wanted, "tumor", tuple(s for s in samples if s not in wanted)
    tumours = [t for t in tumours if t in samples]
    if tumours:
        # samples that the header names neither tumour nor normal (e.g. a merged cohort) are reported too
        kept = [s for s in samples if s in tumours or s not in normals]
        return kept, "tumor", tuple(s for s in samples if s not in kept)
    if normals:
        kept = [s for s in samples if s not in normals]
        return kept, "cohort", tuple(normals)
    if sorted(s.upper() for s in samples) == ["NORMAL", "TUMOR"]:  # Strelka2 / Manta somatic naming
        tumour = next(s for s in samples if s.upper() == "TUMOR")
        return [tumour], "tumor", tuple(s for s in samples if s != tumour)
    return samples, ("single" if len(samples) == 1 else "cohort"), ()


_NORMAL_NAME = re.compile(r"(?:^|[_\-.])(?:n|normal|germline|blood|pbmc|wbc)(?:\d*)$", re.IGNORECASE)


def unmarked_normals(samples, role: str, declared=()) -> list[str]:
    """The reported samples whose names say 'normal' ('P1_N', 'PX_normal', 'blood') that nothing declares: in a VCF
    whose samples nothing marks as tumour or normal (role 'cohort'), or one whose declarations (`declared`: the
    tumours and normals the header or the sample sheet names) cover only some samples, as `bcftools merge` of
    tumour/normal VCFs keeps only the first file's ##tumor_sample/##normal_sample lines. Each is reported as a
    patient, which the user should know."""
    if role != "cohort" and not declared:
        return []
    return [s for s in samples if s not in declared and _NORMAL_NAME.search(s)]


def file_stem(path: str) -> str:
    """An input's file name without .vcf/.vcf.gz/.bcf/.maf ('in/pA.vcf.gz' -> 'pA'): what tells two samples of one
    name apart (MultiQC rows, report labels) and what a sample sheet's source_vcf may give."""
    name = os.path.basename(path)
    for suffix in (".vcf.gz", ".vcf.bgz", ".vcf", ".bcf", ".maf", ".maf.gz"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def sites_only_name(display: str, tumor: str | None, recorded: str | None = None) -> str:
    """The one sample of a sites-only VCF: `--tumor NAME`, else the ID of the one ##alkannotSample line an earlier
    annotate run wrote (`recorded`), else the file name without .vcf/.bcf/.gz."""
    if tumor and tumor.strip():
        return tumor.strip()
    if recorded:
        # the annotated file's own name ('p9.alk') would rename the patient and lose what was recorded for it
        # (pipeline review pipe4, finding 4)
        return recorded
    if display in ("-", "<stdin>", "/dev/stdin"):
        _warn_unnamed(display, "stdin", "read from standard input")
        return "stdin"
    if display.startswith(("/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/")):
        # `<(...)` has no file name: its descriptor number ('63') would name the patient in every report
        # (pipeline review 2026-12-01, third reading, finding 12)
        _warn_unnamed(display, "unnamed", "read through a descriptor")
        return "unnamed"
    name = display.replace("\\", "/").rsplit("/", 1)[-1]
    for suffix in (".gz", ".bgz", ".bcf", ".vcf"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name or display


@lru_cache(maxsize=None)
def _warn_unnamed(display: str, name: str, how: str) -> None:  # once per input, however often the name is asked for
    import logging

    logging.getLogger(__name__).warning(
        "%s: a sites-only input %s has no file name to name its sample; it is reported as '%s' (give --tumor NAME)",
        display,
        how,
        name,
    )


__all__ = ["analysed_samples", "file_stem", "sites_only_name", "unmarked_normals"]
