"""`alkannot report VCF|MAF... --out PREFIX`: pass 1 over each input (survey.py), the per-sample verdicts
(verdicts.py), then one report set for the cohort (report/). No VCF is written here; `annotate` is a peer that
shares the survey and the verdict step.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

from . import progress
from .clonality_warning import UntestedVafs, warn_without_min_vaf
from .cohort_sv import InputSamples, assign_sv_files, check_named_owners, check_unnamed_fusion_tables, elsewhere
from .errors import UsageProblem
from .flag_words import LOW_VAF_WORDS
from .fusion_evidence import sv_owners, with_fusion_evidence
from .kbfiles import load_knowledge_base
from .log import log
from .options import AnnotateOptions, load_sample_sheet
from .per_input_info import alike_info_once
from .report import write_reports
from .sample_types import SampleVerdict
from .sheet_sources import SheetSource
from .survey import Survey, survey_input
from .unterminated import warn_unterminated
from .verdicts import (
    Cohort,
    InputSummary,
    fold_survey_verdicts,
    recorded_run,
    survey_verdicts,
    warn_unused_sources,
    with_recorded_min_vaf,
    with_recorded_name,
)


def _survey(
    vcf: str, options: AnnotateOptions
) -> tuple[Survey, dict[str, dict[str, str]], float | None, tuple[str, ...]]:
    """Pass 1 over one input (no fusion evidence yet: whose --sv file is whose needs every input's samples)."""
    from .maf import is_maf, maf_as_vcf
    from .spool import materialized_input

    with materialized_input(vcf) as (path, display):
        if is_maf(path, display):  # a MAF is surveyed as the sparse VCF of its rows that can matter
            with maf_as_vcf(path, display, options.build, options.build_said) as converted:
                return survey_input(converted, display, options), {}, None, ()
        survey = survey_input(path, display, options, regions=True)  # an indexed VCF: only the targets
        recorded, annotated_with, normals = survey.earlier or recorded_run(path)  # read by pass 1's open
        warn_unterminated(path, display, survey.layout)
        return with_recorded_name(survey, recorded), recorded, annotated_with, normals


def build_cohort(
    vcfs: list[str],
    samples_path: str | None = None,
    tumor: str | None = None,
    min_vaf: float | None = None,
    sv_paths=(),
    fusion_paths=(),
    kb_dir: str | None = None,
    build: str = "auto",
    untested: UntestedVafs | None = None,
    out_prefix: str | None = None,
) -> Cohort:
    """Verdicts for every analysed sample of every VCF (`build`: auto, GRCh37 or GRCh38, as annotate's --build).
    An --sv file is used only for the input whose sample it names (cohort_sv.py). With `untested` given, each
    verdict is made into its report document as it is made, kept on disk (Cohort.documents, report/sample_store.py), and
    dropped, so that a cohort's memory does not grow with its samples (issue 13; the command line's `report`);
    `untested` keeps the allele fractions no --min-vaf tested; `out_prefix`, where the reports will be written (a
    warning that names ten unused sheet rows points to PREFIX.json, which lists every one)."""
    refuse_repeated_inputs(vcfs)
    kb = load_knowledge_base(kb_dir)  # a bad --kb stops the run before any VCF is read
    sheet = load_sample_sheet(samples_path, kb_dir)  # read once, before any VCF
    cohort = Cohort(options={"samples": samples_path, "tumor": tumor, "min_vaf": min_vaf, "kb": kb_dir}, kb=kb)
    if untested is not None:
        from .report.sample_store import SpooledDocuments

        cohort.documents = SpooledDocuments()
    made: list[tuple[str, str]] = []  # each verdict's sample and input, in order
    fusion_rows: dict = {}  # every input's options share it: each fusion table is read once (options.fusion_rows)

    def options_for(vcf: str, svs=()) -> AnnotateOptions:
        return AnnotateOptions(
            input_path=vcf,
            samples_path=samples_path,
            sample_sheet=sheet,
            tumor=tumor,
            min_vaf=min_vaf,
            sv_paths=tuple(svs),
            fusion_paths=tuple(fusion_paths),
            kb_dir=kb_dir,
            build=build,
            fusion_rows=fusion_rows,
        )

    with alike_info_once(vcfs):  # 200 inputs: one region-mode line, not 200
        _verdicts_of_inputs(cohort, vcfs, options_for, made, untested, sv_paths, fusion_paths, tumor)
    _warn_duplicates(made, sheet, cohort.inputs)
    _say_builds(cohort)
    _note_min_vaf(cohort, min_vaf)
    listed_in = None if out_prefix is None else f"{out_prefix}.json"
    if (not_used := warn_unused_sources(cohort.inputs, sheet, listed_in)) is not None:
        cohort.sheet_rows_not_used, cohort.sheet_rows_expected = not_used
    return cohort


def _verdicts_of_inputs(
    cohort: Cohort,
    vcfs: list[str],
    options_for: Callable[..., AnnotateOptions],
    made: list[tuple[str, str]],
    untested: UntestedVafs | None,
    sv_paths,
    fusion_paths,
    tumor: str | None,
) -> None:
    """Pass 1 over every input, then each input's verdicts into `cohort` (build_cohort)."""
    surveyed: Iterable[tuple[str, Survey, dict[str, dict[str, str]], float | None, tuple[str, ...]]] = (
        (vcf, *_survey(vcf, options_for(vcf))) for vcf in progress.each("alkannot report", vcfs)
    )
    owned: Iterable[tuple[tuple[str, ...], frozenset[str]]] = itertools.repeat((tuple(sv_paths), frozenset()))
    if (sv_paths or fusion_paths) and len(vcfs) > 1:  # every input surveyed first: an SV file or a fusion table
        listed = list(surveyed)  # may name the sample of a later one
        inputs = [InputSamples(s.display, *sv_owners(s, tumor)) for _, s, *_ in listed]
        check_unnamed_fusion_tables(fusion_paths, [(i, p) for i, x in enumerate(inputs) for p in x.patients])
        check_named_owners("--sv", sv_paths, inputs)
        check_named_owners("--fusions", fusion_paths, inputs)
        owned = [(svs, elsewhere(inputs, i)) for i, svs in enumerate(assign_sv_files(sv_paths, inputs))]
        surveyed = listed
    for (vcf, survey, recorded, annotated_with, normals), (svs, others) in zip(surveyed, owned):
        options = options_for(vcf, svs)
        survey = with_fusion_evidence(survey, options, others)
        options = with_recorded_min_vaf(options, annotated_with, survey.display)  # the recorded verdicts used it
        if untested is None:
            verdicts, summary = survey_verdicts(survey, options, recorded, normals)
            cohort.verdicts.extend(verdicts)
            made.extend((v.sample, v.source) for v in verdicts)
        else:
            folded = _documented(cohort, made, untested if options.min_vaf is None else None)
            summary = fold_survey_verdicts(survey, options, folded, recorded, normals)
        cohort.inputs.append(summary)


def refuse_repeated_inputs(vcfs: list[str]) -> None:
    """One file given twice (`report a.vcf a.vcf`, or `a.vcf ./a.vcf`, its absolute path, a symlink or hard link to
    it; overlapping shell globs) would report its patients twice and inflate the cohort counts: a usage error naming
    the file and both spellings (review 9, new user, finding 8; `bcftools merge` likewise refuses a file given twice,
    by its duplicate sample names). The same file is the same device and inode; '-' and what is not a regular file
    (/dev/stdin, a FIFO) are no file to be given twice, and a path that cannot be read is left to the survey."""
    from .run_paths import file_identity

    seen: dict[tuple[int, int], str] = {}
    for vcf in vcfs:
        identity = file_identity(vcf)
        if identity is None:
            continue
        first = seen.get(identity)
        seen.setdefault(identity, vcf)
        if first is not None:
            again = "given twice" if first == vcf else f"the same file as '{first}', given before it"
            raise UsageProblem(f"this input is {again}: each input is reported once; name it once", vcf)


def _note_min_vaf(cohort: Cohort, given: float | None) -> None:
    """The report's `options.min_vaf`: the cut-off given, else the one every input was annotated with (each
    input's own is in `inputs[].min_vaf`); a warning where the inputs' cut-offs differ (cohort review 6,
    finding 7)."""
    if given is not None:
        return
    used: dict[float | None, list[str]] = {}
    for summary in cohort.inputs:
        used.setdefault(summary.min_vaf, []).append(summary.path)
    if len(used) == 1:
        cohort.options["min_vaf"] = next(iter(used))
        return
    log.warning(
        "the inputs of this report were annotated with different --min-vaf cut-offs (%s): a change at one allele "
        f"fraction can be {LOW_VAF_WORDS} in one row and not in another; give --min-vaf to use one cut-off for all",
        "; ".join(
            f"{'none' if value is None else f'{value:g}'}: {', '.join(paths[:3])}"
            + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
            for value, paths in used.items()
        ),
    )


def _say_builds(cohort: Cohort) -> None:
    """Inputs on different genome builds: each is read in its own (its `build` column), said once (cohort review of
    stop 40, finding 7: a GRCh37 file among GRCh38 ones passed without a word)."""
    builds: dict[str, list[str]] = {}
    for summary in cohort.inputs:
        builds.setdefault(summary.build or "unknown", []).append(summary.path)
    if len(builds) > 1:
        log.info(
            "the inputs are on different genome builds, each read in its own (the build column says which): %s",
            "; ".join(
                f"{build}: {', '.join(paths[:3])}" + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
                for build, paths in builds.items()
            ),
        )


def _documented(
    cohort: Cohort, made: list[tuple[str, str]], untested: UntestedVafs | None
) -> Callable[[SampleVerdict], None]:
    """What each verdict is folded into when verdicts are not kept: its report document, its sample and input
    (_warn_duplicates) and, for an input no --min-vaf was given for, its untested allele fractions."""
    from .report.sample_document import sample_document

    def add(v: SampleVerdict) -> None:
        assert cohort.documents is not None
        cohort.documents.append(sample_document(v))
        made.append((v.sample, v.source))
        if untested is not None:
            untested.add(v)

    return add


def _warn_duplicates(made: list[tuple[str, str]], sheet=None, inputs: Iterable[InputSummary] = ()) -> None:
    """A sample name in more than one input that the sample sheet does not tell apart: one warning per set of inputs
    that share names, naming them all (a joint-called cohort in two files, SNVs and indels, repeated the same
    two-line advice once per sample: 500 lines for 500 samples; fresh-eyes review rev46). One patient's calls split
    over files (Strelka2's SNVs and indels) give two rows that can disagree: the way to one row is said (cohort review
    of stop 40, finding 3). Inputs whose sample takes a row of its own (a source_vcf naming the file, or the row
    without one where every other input has its own) are told apart: not named (cohort49b: every patient's TUMOR
    with its own source_vcf row still drew the warning, noise in a cohort of Strelka2 runs)."""
    where: dict[str, list[str]] = {}
    for sample, source in made:
        files = where.setdefault(sample, [])
        if source not in files:
            files.append(source)
    sources = {summary.path: SheetSource(summary.path, summary.annotated_from) for summary in inputs}
    where = {sample: _not_told_apart(sample, files, sheet, sources) for sample, files in where.items()}
    shared: dict[tuple[str, ...], list[str]] = {}
    for sample, files in where.items():
        if len(files) > 1:
            shared.setdefault(tuple(files), []).append(sample)
    for inputs_of, samples in shared.items():
        if len(samples) == 1:
            who = f"sample {samples[0]} appears"
        else:
            shown = ", ".join(samples[:10]) + (f" and {len(samples) - 10} more" if len(samples) > 10 else "")
            who = f"{len(samples)} samples ({shown}) appear"
        named = (
            " and ".join(inputs_of)
            if len(inputs_of) == 2
            else f"{len(inputs_of)} inputs ({', '.join(inputs_of[:3])}"
            + (f" and {len(inputs_of) - 3} more)" if len(inputs_of) > 3 else ")")
        )
        log.warning(
            "%s in %s; reported once per input (a sample sheet row applies to every input unless its source_vcf "
            "column names the file); where the inputs hold one tumour's calls (e.g. SNVs and indels), join them "
            "first for one row: bcftools concat -a A.vcf.gz B.vcf.gz -Oz -o joined.vcf.gz",
            who,
            named,
        )


def _not_told_apart(sample: str, files: list[str], sheet, sources: dict) -> list[str]:
    """The `files` holding `sample` whose sheet row (samplesheet.SampleSheet.get) another of them shares, or that
    have none where another has none: their rows cannot differ. Every file where no sheet is given."""
    if sheet is None or len(files) < 2:
        return files
    rows = [sheet.get(sample, sources.get(path, path)) for path in files]
    return [path for path, row in zip(files, rows) if sum(other is row for other in rows) > 1]


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
    keep_verdicts: bool = True,
    api: bool = False,
) -> Cohort:
    """`alkannot report VCF... --out PREFIX`; `keep_verdicts` False: the returned cohort holds the samples' report
    documents, not their verdicts (build_cohort; the command line's memory, issue 13); `api` (api.report): the
    messages in the Python API's keywords (clonality_warning)."""
    from .run_paths import check_report_paths

    AnnotateOptions(min_vaf=min_vaf, build=build, sv_paths=sv_paths, fusion_paths=fusion_paths)  # the CLI's checks
    check_report_paths(list(vcfs), out_prefix, samples_path, sv_paths, fusion_paths, html_template, kb_dir)
    folded = None if keep_verdicts else UntestedVafs()
    cohort = build_cohort(
        list(vcfs), samples_path, tumor, min_vaf, sv_paths, fusion_paths, kb_dir, build, folded, out_prefix
    )
    write_reports(cohort, out_prefix, html_template)
    # beside the files written, once they are (a report that fails says its error alone)
    if folded is not None:
        folded.warn(None, api)
        return cohort
    untested = {summary.path for summary in cohort.inputs if summary.min_vaf is None}
    warn_without_min_vaf([v for v in cohort.verdicts if v.source in untested], None, api)
    return cohort


__all__ = ["Cohort", "build_cohort", "report_files"]  # Cohort: verdicts.py
