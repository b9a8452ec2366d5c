"""Cohort reports: pass 1 over each VCF, the per-sample verdicts, then PREFIX.tsv/.json/.html/_mqc.tsv.

Used by `alkannot report VCF... --out PREFIX` (report_files) and by `alkannot annotate --report PREFIX`
(report_for_file). No VCF is written here.
"""
from __future__ import annotations

import logging
import re
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from .errors import InputError
from .sample import SampleVerdict, context_from_options, sample_verdicts

log = logging.getLogger("alkannot")


@dataclass(frozen=True)
class InputSummary:
    path: str
    build: str | None
    samples: tuple[str, ...]
    reported: tuple[str, ...]
    left_out: tuple[str, ...]          # normals of tumour/normal pairs


@dataclass
class Cohort:
    verdicts: list[SampleVerdict] = field(default_factory=list)
    inputs: list[InputSummary] = field(default_factory=list)
    options: dict[str, object] = field(default_factory=dict)
    kb: object | None = None           # knowledge.KnowledgeBase the verdicts were made with


def recorded_verdicts(path: str) -> dict[str, dict[str, str]]:
    """The ##alkannotSample lines an earlier `alkannot annotate` wrote (sample -> {Fusion, Mechanism, ...})."""
    import re
    found: dict[str, dict[str, str]] = {}
    try:
        with _open(path) as handle:
            for rec in handle.header.records:
                if rec.key == "alkannotSample":
                    items = {k: re.sub(r'^"|"$', "", v) for k, v in rec.items()}
                    if items.get("ID"):
                        found[items["ID"]] = items
    except (OSError, ValueError, NotImplementedError, InputError):
        return {}
    return found


def recorded_fusions(path: str) -> dict[str, str]:
    """Fusion= of the ##alkannotSample lines (sample -> status)."""
    return {sample: items["Fusion"] for sample, items in recorded_verdicts(path).items() if items.get("Fusion")}


def survey_verdicts(survey, options, recorded: dict[str, dict[str, str]] | None = None
                    ) -> tuple[list[SampleVerdict], InputSummary]:
    from .knowledge import load_knowledge_base
    from .sample import analysed_samples
    context = context_from_options(survey, options)
    if recorded:
        context = replace(context, recorded_fusion=tuple((sample, items["Fusion"]) for sample, items
                                                         in recorded.items() if items.get("Fusion")))
    verdicts = sample_verdicts(survey, context, load_knowledge_base(options.kb_dir))
    if recorded:
        verdicts = [_with_recorded(v, recorded.get(v.sample) or {}, survey.display) for v in verdicts]
    reported, _, left_out = analysed_samples(survey, options.tumor, context.tumours, context.normals)
    summary = InputSummary(survey.display, survey.build, tuple(survey.samples), tuple(v.sample for v in verdicts),
                           tuple(left_out))
    return verdicts, summary


def _with_recorded(verdict: SampleVerdict, recorded: dict[str, str], source: str) -> SampleVerdict:
    """Keep what the annotate run knew and this file no longer holds (its --sv/--fusions evidence);
    say so where the two runs disagree for another reason (e.g. a different sample sheet)."""
    verdict = _with_recorded_fusion(verdict, recorded.get("Fusion"))
    mechanism = recorded.get("Mechanism")
    if mechanism == "off_target_candidate" and verdict.mechanism == "unexplained" and not verdict.off_target:
        verdict = replace(verdict, mechanism=mechanism, notes=verdict.notes + (
            "Off-target candidate recorded in the ##alkannotSample line when this VCF was annotated (its "
            "evidence came from inputs not in this file, e.g. a CNV caller's --sv VCF); rerun with them to list it.",))
    check = recorded.get("PgpCheck")
    if check and check != verdict.pgp.check:
        log.warning("%s: %s: the VCF header records PgpCheck=%s but this report computes %s (give the same "
                    "--samples/--sv/--fusions as the annotate run)", source, verdict.sample, check, verdict.pgp.check)
    return verdict


def _with_recorded_fusion(verdict: SampleVerdict, status: str | None) -> SampleVerdict:
    """The status itself was already taken over in sample._fusion_for; here the note says where from."""
    if not status or status == "not_assessed" or status != verdict.fusion or verdict.fusion_calls:
        return verdict
    notes = tuple(n for n in verdict.notes if not n.startswith("Fusion not assessed"))
    return replace(verdict, notes=notes + (
        f"Fusion status {status} taken from the ##alkannotSample header line written when this VCF was "
        "annotated (the SV evidence itself is not in this file).",))


def _survey(vcf: str, options):
    from .annotate import _detect_fusions, survey_input
    from .maf import is_maf, maf_as_vcf
    from .vcfio import materialized_input
    with materialized_input(vcf) as (path, display):
        if is_maf(path, display):   # a MAF is surveyed as the sparse VCF of its rows that can matter
            with maf_as_vcf(path, display) as converted:
                survey = survey_input(converted, display, options)
                _detect_fusions(survey, options)
            return survey, {}
        survey = survey_input(path, display, options, regions=True)   # an indexed VCF: only the targets
        _detect_fusions(survey, options)
        recorded = recorded_verdicts(path)
    return survey, recorded


def build_cohort(vcfs: list[str], samples_path: str | None = None, tumor: str | None = None,
                 min_vaf: float | None = None, sv_paths=(), fusion_paths=(), kb_dir: str | None = None) -> Cohort:
    """Verdicts for every analysed sample of every VCF."""
    from .annotate import AnnotateOptions
    from .knowledge import load_knowledge_base
    kb = load_knowledge_base(kb_dir)    # a bad --kb stops the run before any VCF is read
    cohort = Cohort(options={"samples": samples_path, "tumor": tumor, "min_vaf": min_vaf, "kb": kb_dir}, kb=kb)
    with _progress(vcfs) as items:
        for vcf in items:
            options = AnnotateOptions(input_path=vcf, samples_path=samples_path, tumor=tumor, min_vaf=min_vaf,
                                      sv_paths=tuple(sv_paths), fusion_paths=tuple(fusion_paths), kb_dir=kb_dir)
            survey, recorded = _survey(vcf, options)
            verdicts, summary = survey_verdicts(survey, options, recorded)
            cohort.verdicts.extend(verdicts)
            cohort.inputs.append(summary)
    _warn_duplicates(cohort)
    return cohort


def _warn_duplicates(cohort: Cohort) -> None:
    seen: dict[str, str] = {}
    for v in cohort.verdicts:
        if v.sample in seen:
            log.warning("sample %s appears in %s and %s; both are reported", v.sample, seen[v.sample], v.source)
        seen.setdefault(v.sample, v.source)


class _progress:
    """click's progress bar on stderr, only when stderr is a terminal and there is more than one file."""

    def __init__(self, items):
        self.items = list(items)
        self.bar = None

    def __enter__(self):
        if len(self.items) > 1 and sys.stderr.isatty():
            import click
            self.bar = click.progressbar(self.items, label="alkannot report", file=sys.stderr)
            return self.bar.__enter__()
        return self.items

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


# A lab's HTML template for the reports `annotate --report` writes: the annotate options have no field
# for it, so the command line sets it around the call (using_html_template below).
_HTML_TEMPLATE: ContextVar[str | None] = ContextVar("alkannot_html_template", default=None)


@contextmanager
def using_html_template(path: str | None):
    """Reports written inside this block lay PREFIX.html out with the template at path (None: alkannot's)."""
    token = _HTML_TEMPLATE.set(path)
    try:
        yield
    finally:
        _HTML_TEMPLATE.reset(token)


REPORT_SUFFIXES = (".tsv", ".json", ".html", "_mqc.tsv")


def write_reports(cohort: Cohort, out_prefix: str, html_template: str | None = None) -> list[str]:
    """PREFIX.tsv, PREFIX.json, PREFIX.html and PREFIX_mqc.tsv, all or nothing: each is written to a
    temporary file and the four are renamed into place together (alkannot.output). Returns the paths."""
    from .output import output_set
    from .report import html, json_report, multiqc, tsv

    doc = _readable_names(json_report.document(cohort))
    page = html.render(doc, html_template or _HTML_TEMPLATE.get())   # first: a failing template leaves no report
    writers = (tsv.write, json_report.write, lambda _doc, target: html.save(page, target),
               multiqc.write)   # in REPORT_SUFFIXES' order
    paths = [out_prefix + suffix for suffix in REPORT_SUFFIXES]
    with output_set(paths) as targets:
        for writer, target in zip(writers, targets):
            try:
                writer(doc, target.path)
            except OSError as exc:
                raise InputError(f"cannot write the report ({exc.strerror or exc})", target.display) from None
    for path in paths:
        log.info("wrote %s", path)
    return paths


def _readable_names(value):
    """The report document with bytes that were not UTF-8 (a Latin-1 sample name, carried as
    surrogate escapes from the VCF) read as Latin-1: every report file is valid UTF-8, and the bytes
    `P 0xE9 d r o` show as "Pédro". The VCF itself keeps the original bytes."""
    if isinstance(value, str):
        return _SURROGATES.sub(lambda m: chr(ord(m.group()) - 0xDC00), value)
    if isinstance(value, dict):
        return {_readable_names(k): _readable_names(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_readable_names(v) for v in value)
    return value


_SURROGATES = re.compile("[\udc80-\udcff]")


def report_files(vcfs, out_prefix: str, samples_path: str | None = None, tumor: str | None = None,
                 min_vaf: float | None = None, sv_paths=(), fusion_paths=(), kb_dir: str | None = None,
                 html_template: str | None = None) -> Cohort:
    """`alkannot report VCF... --out PREFIX`."""
    cohort = build_cohort(list(vcfs), samples_path, tumor, min_vaf, sv_paths, fusion_paths, kb_dir)
    write_reports(cohort, out_prefix, html_template)
    return cohort


def report_for_file(verdicts: list[SampleVerdict], summary: InputSummary, options) -> Cohort:
    """`alkannot annotate --report PREFIX`: the reports of the one VCF just annotated."""
    from .knowledge import load_knowledge_base
    cohort = Cohort(list(verdicts), [summary], {"samples": options.samples_path, "tumor": options.tumor,
                                                "min_vaf": options.min_vaf, "kb": options.kb_dir},
                    load_knowledge_base(options.kb_dir))
    write_reports(cohort, options.report_prefix)
    return cohort


__all__ = ["Cohort", "InputSummary", "build_cohort", "report_files", "report_for_file",
           "survey_verdicts", "using_html_template", "write_reports"]


def _open(path):
    """A VCF/BCF header reader that fails with InputError (alkannot's safe opener)."""
    from .vcfio import open_vcf
    return open_vcf(str(path), str(path))
