"""`alkannot report VCF|MAF... --out PREFIX`: pass 1 over each input (survey.py), the per-sample verdicts
(verdicts.py), then one report set for the cohort (report/). No VCF is written here; `annotate` is a peer that
shares the survey and the verdict step.
"""

from __future__ import annotations

import logging

from . import progress
from .kbfiles import load_knowledge_base
from .options import AnnotateOptions
from .report import write_reports
from .survey import Survey, survey_input, with_fusion_evidence
from .verdicts import (
    Cohort,
    recorded_run,
    survey_verdicts,
    warn_unused_sources,
    with_recorded_min_vaf,
    with_recorded_name,
)

log = logging.getLogger("alkannot")


def _survey(vcf: str, options: AnnotateOptions) -> tuple[Survey, dict[str, dict[str, str]], float | None]:
    from .maf import is_maf, maf_as_vcf
    from .spool import materialized_input

    with materialized_input(vcf) as (path, display):
        if is_maf(path, display):  # a MAF is surveyed as the sparse VCF of its rows that can matter
            with maf_as_vcf(path, display) as converted:
                return with_fusion_evidence(survey_input(converted, display, options), options), {}, None
        recorded, annotated_with = recorded_run(path)
        survey = survey_input(path, display, options, regions=True)  # an indexed VCF: only the targets
        return with_fusion_evidence(with_recorded_name(survey, recorded), options), recorded, annotated_with


def build_cohort(
    vcfs: list[str],
    samples_path: str | None = None,
    tumor: str | None = None,
    min_vaf: float | None = None,
    sv_paths=(),
    fusion_paths=(),
    kb_dir: str | None = None,
    build: str = "auto",
) -> Cohort:
    """Verdicts for every analysed sample of every VCF (`build`: auto, GRCh37 or GRCh38, as annotate's --build)."""
    kb = load_knowledge_base(kb_dir)  # a bad --kb stops the run before any VCF is read
    cohort = Cohort(options={"samples": samples_path, "tumor": tumor, "min_vaf": min_vaf, "kb": kb_dir}, kb=kb)
    for vcf in progress.each("alkannot report", vcfs):
        options = AnnotateOptions(
            input_path=vcf,
            samples_path=samples_path,
            tumor=tumor,
            min_vaf=min_vaf,
            sv_paths=tuple(sv_paths),
            fusion_paths=tuple(fusion_paths),
            kb_dir=kb_dir,
            build=build,
        )
        survey, recorded, annotated_with = _survey(vcf, options)
        options = with_recorded_min_vaf(options, annotated_with, vcf)  # the recorded verdicts used it
        verdicts, summary = survey_verdicts(survey, options, recorded)
        cohort.verdicts.extend(verdicts)
        cohort.inputs.append(summary)
    _warn_duplicates(cohort)
    warn_unused_sources([i.path for i in cohort.inputs], samples_path, kb_dir)
    return cohort


def _warn_duplicates(cohort: Cohort) -> None:
    seen: dict[str, str] = {}
    for v in cohort.verdicts:
        if v.sample in seen:
            log.warning(
                "sample %s appears in %s and %s; both are reported (a sample sheet row applies to both unless its "
                "source_vcf column names the file)",
                v.sample,
                seen[v.sample],
                v.source,
            )
        seen.setdefault(v.sample, v.source)


def report_files(
    vcfs,
    out_prefix: str,
    samples_path: str | None = None,
    tumor: str | None = None,
    min_vaf: float | None = None,
    sv_paths=(),
    fusion_paths=(),
    kb_dir: str | None = None,
    html_template: str | None = None,
    build: str = "auto",
) -> Cohort:
    """`alkannot report VCF... --out PREFIX`."""
    cohort = build_cohort(list(vcfs), samples_path, tumor, min_vaf, sv_paths, fusion_paths, kb_dir, build)
    write_reports(cohort, out_prefix, html_template)
    return cohort


__all__ = ["Cohort", "build_cohort", "report_files"]  # Cohort: verdicts.py
