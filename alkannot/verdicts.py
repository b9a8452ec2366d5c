"""The verdict step that `annotate` and `report` share: gather what a verdict needs besides the survey (the sample
sheet, which samples the SV inputs and fusion tables cover, what an earlier annotate run recorded in the VCF's
##alkannotSample lines), then call the pure per-sample verdict (sample.py).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Callable, Mapping

from .earlier_run import EarlierRun, earlier_run
from .errors import InputError
from .kbfiles import load_knowledge_base
from .knowledge import KnowledgeBase
from .log import log
from .normal_warnings import warn_named_like_normals, warn_none_reported, warn_resistance_in_normals
from .note_identity import FUSION_NOT_ASSESSED, identity
from .options import AnnotateOptions, with_sample_sheet
from .recorded_offtarget import recorded_off_targets, recorded_screens, warn_rejudged, with_unnamed_recorded_candidate
from .records import field, record, replace
from .repeated_changes import warn_repeated_changes
from .roles import analysed_samples, normal_pairs
from .sample import SampleContext, SampleVerdict
from .shared_verdicts import sample_verdicts
from .sites_only_compound import pooled, warn_pooled_sites
from .survey import Survey

if TYPE_CHECKING:
    from .report.sample_store import SpooledDocuments
    from .samplesheet import SampleSheet, SheetRow


@record(frozen=True)
class InputSummary:
    """One input file's build and samples, and which samples are reported."""

    path: str
    build: str | None
    samples: tuple[str, ...]
    reported: tuple[str, ...]
    left_out: tuple[str, ...]  # normals of tumour/normal pairs
    min_vaf: float | None = None  # the cut-off its verdicts were made with (given, or its annotate run's)
    # tumour -> its matched normal: written as Normal= (sample_header; every left_out sample as an ##alkannotNormal
    # line), read back where a later run has no sheet, as after `bcftools merge` of annotated pairs
    matched_normals: tuple[tuple[str, str], ...] = ()
    annotated_from: Mapping[str, str] = field(default_factory=dict, compare=False)  # Survey.annotated_from


@record
class Cohort:
    """What a report set is made of: the verdicts of one or more inputs, the inputs, the options and the
    knowledge base the verdicts were made with."""

    verdicts: list[SampleVerdict] = field(default_factory=list)
    inputs: list[InputSummary] = field(default_factory=list)
    options: dict[str, object] = field(default_factory=dict)
    kb: KnowledgeBase | None = None
    documents: SpooledDocuments | None = None  # made as the verdicts were, on disk (CLI); None: from `verdicts`
    # the sample sheet's rows no reported or left-out sample used (warn_unused_sources); None: no sheet was given
    sheet_rows_not_used: list[SheetRow] | None = None
    # they are a per-sample job's other patients' rows (one input, each sample with its row: sheet_rows), as expected:
    # the HTML and MultiQC do not say them (cohort49b)
    sheet_rows_expected: bool = False


def recorded_run(path: str) -> EarlierRun:
    """What an earlier `alkannot annotate` wrote into this VCF's header, read in one open (earlier_run.earlier_run):
    its ##alkannotSample lines (sample -> {Fusion, Mechanism, ...}), the --min-vaf of its ##alkannotCommand or
    ##alkannotMinVaf (or None), and the samples of its ##alkannotNormal lines (the normals that run left out)."""
    from .vcfio import open_vcf

    try:
        with open_vcf(str(path), str(path)) as handle:
            return earlier_run(handle.header.records)
    except (OSError, ValueError, NotImplementedError, InputError):
        return {}, None, ()


def recorded_min_vaf(path: str) -> float | None:
    """The --min-vaf of the `alkannot annotate` run that wrote this VCF (its ##alkannotCommand), or None."""
    return recorded_run(path)[1]


def with_recorded_name(survey: Survey, recorded: dict[str, dict[str, str]]) -> Survey:
    """A sites-only input that carries exactly one ##alkannotSample line: its ID names the one sample (unless
    --tumor does; roles.sites_only_name), not the annotated file's own name (pipeline review pipe4, finding 4). And
    each sample's recorded Input=, which a sample sheet's source_vcf may name (sheet_sources.py)."""
    if not recorded:  # an input never annotated (sheet_sources is not imported for it: issue 13)
        return survey
    from .sheet_sources import recorded_inputs

    if inputs := recorded_inputs(recorded):
        survey = replace(survey, annotated_from=inputs)
    if survey.samples or len(recorded) != 1:
        return survey
    return replace(survey, recorded_name=next(iter(recorded)))


def with_recorded_min_vaf(options: AnnotateOptions, annotated_with: float | None, display: str) -> AnnotateOptions:
    """The options with the --min-vaf of the annotate run that wrote the input, where none is given (annotate and
    report alike: the recorded verdicts used it)."""
    if options.min_vaf is not None or annotated_with is None:
        return options
    log.info("%s: --min-vaf %g, as in the alkannot annotate run that wrote it", display, annotated_with)
    return replace(options, min_vaf=annotated_with)


def survey_verdicts(
    survey: Survey,
    options: AnnotateOptions,
    recorded: dict[str, dict[str, str]] | None = None,
    recorded_normals: tuple[str, ...] = (),
) -> tuple[list[SampleVerdict], InputSummary]:
    """The verdict of every analysed sample of one surveyed input, and what the input held. `recorded`: the
    ##alkannotSample lines of an earlier annotate run (recorded_run), for `annotate` and `report` alike: where this
    run has no --sv/--fusions evidence for a sample, the recorded fusion, ALK copy-number changes and off-target
    findings enter its verdict as inputs; where it has, the new one decides. `recorded_normals`: ##alkannotNormal's."""
    verdicts: list[SampleVerdict] = []
    return verdicts, fold_survey_verdicts(survey, options, verdicts.append, recorded, recorded_normals)


def _with_recorded_evidence(
    context: SampleContext, kb: KnowledgeBase, recorded: dict[str, dict[str, str]], display: str
) -> SampleContext:
    """`context` with what an earlier output's ##alkannotSample lines recorded of fusions, copy number and off-target
    findings (recorded_history)."""
    from .recorded_copy_number import recorded_copy_numbers
    from .recorded_history import recorded_fusion_calls

    return replace(
        context,
        recorded_fusion=tuple((s, items["Fusion"]) for s, items in recorded.items() if items.get("Fusion")),
        recorded_fusion_call=recorded_fusion_calls(recorded, display),
        recorded_copy_number=recorded_copy_numbers(recorded),
        recorded_off_target=recorded_off_targets(kb, recorded),
        recorded_screen=recorded_screens(recorded),
    )


def fold_survey_verdicts(
    survey: Survey,
    options: AnnotateOptions,
    into: Callable[[SampleVerdict], None],
    recorded: dict[str, dict[str, str]] | None = None,
    recorded_normals: tuple[str, ...] = (),
    notes_read: bool = True,
) -> InputSummary:
    """survey_verdicts, each verdict given to `into` as it is made, in the input's order, and not kept (annotate
    without --report keeps only what its VCF writes of it: written_verdicts.py, issue 13); the same messages.
    `notes_read` False: `into` reads no note text of a verdict, whose notes are then left as made where no earlier
    run's lines are read back (SampleContext.notes_read)."""
    context = context_from_options(survey, options)
    kb = load_knowledge_base(options.kb_dir)
    from .recorded_history import (
        history_differences,
        recorded_sheet,
        usable_roles,
        warn_changed_history,
        warn_unused_normals,
    )

    recorded = _of_this_file(recorded, survey)
    changed: list[tuple[str, list[str]]] = []  # samples whose --samples history differs from the recorded one
    # what the earlier run's sheet and roles gave (recorded_history), where no --samples is given
    if options.samples_path is None and (recorded or recorded_normals):
        recorded, normals = usable_roles(
            recorded or {}, recorded_normals, survey.samples, options.tumor, survey.display
        )
        sheet = recorded_sheet(recorded, survey.display, options.kb_dir, normals)
        if sheet is not None:
            tumours, declared, pairs = _with_sheet_roles(survey, sheet)
            context = replace(
                context, sheet=sheet, tumours=tumours, normals=declared, matched_normals=tuple(pairs.items())
            )
    if recorded:  # an earlier output's ##alkannotSample lines: read back only where a file has them
        recorded = _without_given_evidence(recorded, survey, options)
        context = _with_recorded_evidence(context, kb, recorded, survey.display)
    if not notes_read and not recorded:  # an earlier run's lines are weighed with the notes as read
        context = replace(context, notes_read=False)
    warn_repeated_changes(survey)
    names, pooled_sites = [], []  # the samples; a sites-only input's one sample, where its compound is pooled
    for verdict in sample_verdicts(survey, context, kb):
        if context.sheet is not None:  # a column a cohort can filter on (cohort review of stop 40, finding 5)
            verdict = replace(verdict, in_sheet=context.sheet.get(verdict.sample, survey.sheet_source) is not None)
        if recorded:
            if options.samples_path is not None and (
                items := history_differences(recorded.get(verdict.sample) or {}, verdict)
            ):
                changed.append((verdict.sample, items))
            verdict = _with_recorded(kb, verdict, recorded.get(verdict.sample) or {}, survey.display)
            if first := (recorded.get(verdict.sample) or {}).get("Input"):  # one string for all: SampleLines shares
                verdict = replace(verdict, annotated_from=sys.intern(first))
        names.append(verdict.sample)
        if not survey.samples and pooled(verdict.compound):
            pooled_sites.append(verdict)
        into(verdict)
    warn_changed_history(survey.display, options.samples_path or "", changed)
    reported, role, left_out = analysed_samples(survey, options.tumor, context.tumours, context.normals)
    if options.samples_path is not None:
        warn_unused_normals(survey.display, recorded_normals, reported, options.samples_path)
    if not reported:
        warn_none_reported(survey, left_out)
    warn_named_like_normals(survey, reported, role, () if options.tumor else context.tumours + context.normals)
    warn_resistance_in_normals(survey, left_out, reported)
    warn_pooled_sites(survey, pooled_sites, options.tumor)
    return InputSummary(
        survey.display,
        survey.build,
        tuple(survey.samples),
        tuple(names),
        tuple(left_out),
        options.min_vaf,
        tuple((t, n[0]) for t, n in normal_pairs(survey, context, reported, left_out).items() if len(n) == 1),
        survey.annotated_from,
    )


_EVIDENCE_KEYS = ("Fusion", "FusionPartner", "FusionVariant", "Mechanism")  # what new --sv/--fusions evidence decides
# what only an --sv file gives (a CNV caller's: bypass-gene and ALK copy-number records), never a fusion table: kept
# where only --fusions is given (stop 40: `report --fusions` on an annotated output lost the recorded MET gain)
_SV_KEYS = ("OffTarget", "OffTargetSetAside", "OffTargetListed", "AlkCopyNumber", "OffTargetCovered")


def _without_given_evidence(
    recorded: dict[str, dict[str, str]], survey: Survey, options: AnnotateOptions
) -> dict[str, dict[str, str]]:
    """The recorded lines without Fusion (its partner and variant) and Mechanism for the samples this run has --sv
    or --fusions evidence for, and without the off-target findings and ALK copy-number changes for those it has --sv
    evidence for: there the new evidence decides (the recorded PgpCheck is still compared)."""
    tables = table_samples(options.fusion_paths)

    def given(sample: str) -> tuple[str, ...]:
        sv = bool(options.sv_paths) and (survey.sv_samples is None or sample in survey.sv_samples)
        table = bool(options.fusion_paths) and (tables is None or sample in tables)
        return _EVIDENCE_KEYS + _SV_KEYS if sv else _EVIDENCE_KEYS if table else ()

    return {sample: {k: v for k, v in items.items() if k not in given(sample)} for sample, items in recorded.items()}


def _of_this_file(recorded: dict[str, dict[str, str]] | None, survey: Survey) -> dict[str, dict[str, str]] | None:
    """The ##alkannotSample lines of samples this file holds; the others (samples renamed since, `bcftools reheader
    -s`) said in one warning: their recorded fusion, history and verdicts are not used (pipeline review of stop 33,
    finding 3: a renamed tumour lost its history without a word)."""
    if not recorded or not survey.samples:  # a sites-only file: its one sample is named by the lines themselves
        return recorded
    from .samplesheet import sample_key

    held = {sample_key(s) for s in survey.samples}
    lost = [s for s in recorded if sample_key(s) not in held]
    if lost:
        log.warning(
            "%s: %d ##alkannotSample line(s) name no sample of this file (%s): what they record (fusion, treatment "
            "history, verdict) is not used; were the samples renamed since the annotate run (bcftools reheader -s)?",
            survey.display,
            len(lost),
            ", ".join(lost[:10]) + (", ..." if len(lost) > 10 else ""),
        )
    return {s: items for s, items in recorded.items() if sample_key(s) in held}


def _with_recorded(kb, verdict: SampleVerdict, recorded: dict[str, str], source: str) -> SampleVerdict:
    """Keep what the annotate run knew and this file no longer holds (its --sv/--fusions evidence: the fusion's
    notes; the recorded copy-number changes and off-target candidates were inputs of the verdict itself); say so where
    the two runs disagree for another reason (e.g. a different sample sheet)."""
    verdict = _with_recorded_fusion(kb, verdict, recorded.get("Fusion"))
    value, rebuilt = recorded.get("AlkCopyNumber"), [c for c in verdict.alk_copy_number if c.recorded]
    if value and (rebuilt or not verdict.alk_copy_number):  # its --sv CNV call is not in this file
        from .recorded_copy_number import recorded_copy_number_note

        verdict = replace(verdict, notes=(*verdict.notes, recorded_copy_number_note(value, rebuilt)))
    mechanism = recorded.get("Mechanism")
    # a recorded off-target mechanism that names no candidate (an output older than OffTarget=): kept as recorded
    verdict = with_unnamed_recorded_candidate(verdict, recorded)
    # recorded candidates this run lists and does not count after its latest drug: one warning says why
    rejudged = warn_rejudged(verdict, recorded, source)
    # Mechanism= is dropped where new --sv/--fusions evidence decides
    if mechanism and mechanism != verdict.mechanism and not rejudged:
        log.warning(
            "%s: %s: the VCF header records Mechanism=%s but this run computes %s (give the same "
            "--samples/--sv/--fusions/--min-vaf as the annotate run)",
            source,
            verdict.sample,
            mechanism,
            verdict.mechanism,
        )
    check = recorded.get("PgpCheck")
    if check and check != verdict.pgp.check and not rejudged:
        log.warning(
            "%s: %s: the VCF header records PgpCheck=%s but this run computes %s (give the same "
            "--samples/--sv/--fusions/--min-vaf as the annotate run)",
            source,
            verdict.sample,
            check,
            verdict.pgp.check,
        )
    return verdict


def _with_recorded_fusion(kb, verdict: SampleVerdict, status: str | None) -> SampleVerdict:
    """The status itself was already taken over in sample._fusion_for, and the recorded fusion's partner and variant
    used for its calls (sample._recorded_call); here the note and `fusion_calls` say where from. A recorded negative
    status keeps what a negative from DNA SV calls alone does not exclude (sample_negative_notes.SV_ONLY_NEGATIVE),
    unless the sheet gives the ALK status: the header does not record whether a fusion table covered the sample (stop
    40: the caveat was lost on a report of the output)."""
    if not status or status == "not_assessed" or status != verdict.fusion or verdict.fusion_calls:
        return verdict
    notes = tuple(n for n in verdict.notes if identity(n)["kind"] != FUSION_NOT_ASSESSED)
    shown = "positive (sample sheet)" if status == "positive_external" else status
    partner, variant = verdict.fusion_used or ("", "")
    named = f"{partner}::ALK" + (f" {variant}" if variant not in ("", ".") else "") if partner else ""
    return replace(
        verdict,
        fusion_calls=(
            (  # positive (sample sheet) with a call of this run's: the call was a possible one (fusions.py)
                f"{named} [{'possible; ' if status == 'positive_external' else ''}taken from the ##alkannotSample "
                "header line written when this VCF was annotated]",
            )
            if named
            else ()
        ),
        notes=notes
        + (
            f"Fusion status {shown} taken from the ##alkannotSample header line written when this VCF was "
            f"annotated ({_recorded_from(status, named)}).{_negative_caveat(kb, status, verdict.alk_status)}",
        ),
    )


def _negative_caveat(kb, status: str, alk_status: str | None) -> str:
    if status != "negative" or alk_status is not None:
        return ""
    from .sourced_text import statement

    said = "Where it rested on DNA SV calls alone, it does not exclude a fusion: confirm by IHC, FISH or RNA."
    return f" {said} {statement(kb, 'accepted_alk_tests')}"


def _recorded_from(status: str, named: str) -> str:
    """Where the recorded status came from: a status from the sheet had no SV evidence to leave out of this file
    (clinical review of stop 32, finding 11)."""
    if status == "positive_external" and not named:
        return "then from the sample sheet's ALK status"
    return "the SV evidence itself is not in this file"


def context_from_options(survey: Survey, options: AnnotateOptions) -> SampleContext:
    """Gather the inputs of a verdict that are not in the survey (the sample sheet) from annotate options."""
    sheet = with_sample_sheet(options).sample_sheet
    tumours, normals = survey.tumor_headers, survey.normal_headers
    pairs: dict[str, str] = {}
    if sheet is not None:
        _warn_unmatched_sheet(survey, options, sheet)
        tumours, normals, pairs = _with_sheet_roles(survey, sheet)
    return SampleContext(
        tumor=options.tumor,
        min_vaf=options.min_vaf,
        sheet=sheet,
        sv_samples=survey.sv_samples,
        table_samples=table_samples(options.fusion_paths),
        tumours=tumours,
        normals=normals,
        matched_normals=tuple(pairs.items()),
    )


def _with_sheet_roles(survey: Survey, sheet) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """The header's tumours and normals with the sample sheet's (role, normal; the sheet decides where the two
    differ, with one warning per sample), and the sheet's tumour -> matched normal pairs: a `bcftools merge` of
    tumour/normal VCFs keeps only the first file's ##tumor_sample/##normal_sample lines."""
    tumours, normals, pairs = sheet.roles(survey.samples, survey.sheet_source)
    for tumour in tumours:
        row = sheet.get(tumour, survey.sheet_source)
        if row.normal is not None and tumour not in pairs:
            log.warning(
                "%s: %s: the sample sheet %s (line %d) names its matched normal %s, which is not a sample of this "
                "input: no germline check for it",
                survey.display,
                tumour,
                sheet.path,
                row.line,
                row.normal,
            )
    for sample, said, header in [(t, "a tumour", "##normal_sample") for t in tumours if t in survey.normal_headers] + [
        (n, "a normal", "##tumor_sample") for n in normals if n in survey.tumor_headers
    ]:
        log.warning(
            "%s: %s: the sample sheet %s declares it %s, the header's %s line the opposite; the sheet decides: %s",
            survey.display,
            sample,
            sheet.path,
            said,
            header,
            "reported as a patient" if said == "a tumour" else "left out of the report as a normal",
        )
    merged = (
        tuple(dict.fromkeys([t for t in survey.tumor_headers if t not in normals] + list(tumours))),
        tuple(dict.fromkeys([n for n in survey.normal_headers if n not in tumours] + list(normals))),
    )
    _warn_tumour_rows_left_out(survey, sheet, merged[1], pairs)
    return (*merged, pairs)


_TUMOUR_ONLY = ("alk_status", "progressed_on", "abcb1_ihc", "abcb1_tpm")


def _warn_tumour_rows_left_out(survey: Survey, sheet, normals, pairs: dict[str, str]) -> None:
    """A sample left out as a normal whose own sheet row holds what only a tumour has (ALK status, treatment
    history, ABCB1): most likely a tumour declared normal by mistake. One warning per sample, naming the row."""
    for normal in normals:
        row = sheet.get(normal, survey.sheet_source)
        held = [column for column in _TUMOUR_ONLY if row is not None and getattr(row, column) is not None]
        if not held:
            continue
        tumour = next((t for t, n in pairs.items() if n == normal), None)
        why = (
            "role normal"
            if row.role == "normal"
            else (f"the matched normal of {tumour}" if tumour else "a ##normal_sample header line")
        )
        log.warning(
            "%s: %s is declared a normal (%s) and left out of the report, but its sample sheet row (%s, line %d) "
            "holds %s, which only a tumour's row has: check its role",
            survey.display,
            normal,
            why,
            sheet.path,
            row.line,
            ", ".join(held),
        )


def _warn_unmatched_sheet(survey: Survey, options: AnnotateOptions, sheet) -> None:
    """No row of the sample sheet names a sample of this VCF: its treatment history and ALK status would be
    silently left out. A sites-only VCF's one sample counts with the name it was given (roles.sites_only_name)."""
    from .roles import sites_only_name

    if survey.samples:
        names, shown = list(survey.samples), ", ".join(survey.samples[:10])
    else:
        name = sites_only_name(survey.display, options.tumor, survey.recorded_name)
        how = "sites-only, named by --tumor" if options.tumor else "sites-only: name it with --tumor"
        names, shown = [name], f"{name} ({how})"
    if not any(sheet.get(name, survey.sheet_source) for name in names):
        from .samplesheet import sample_key

        elsewhere = [n for n in names if any(key == sample_key(n) for key, _ in sheet.by_source)]
        if elsewhere:  # the sheet names them, for another input (source_vcf): warn_unused_sources says which
            log.warning(
                "%s: the sample sheet %s has rows for %s only with a source_vcf naming another file; none is used "
                "for this input",
                survey.display,
                sheet.path,
                ", ".join(elsewhere[:10]),
            )
            return
        log.warning(
            "%s: no sample of the sample sheet %s is in this input (sheet: %s; input: %s)",
            survey.display,
            sheet.path,
            ", ".join(sorted(sheet.names)[:10]),
            shown,
        )


def warn_unused_sources(
    summaries: list[InputSummary], sheet: SampleSheet | None, listed_in: str | None = None
) -> tuple[list[SheetRow], bool] | None:
    """After every input is read, the sample sheet's rows against the inputs (`summaries`: one per input). A row
    that one sample of two inputs both take as theirs (source_vcf 'P' for a/P.vcf and b/P.vcf) would give one
    patient's history to another: exit 3 (InputError) naming the row, the value and the inputs. Then the rows whose
    source_vcf names none of them, those whose sample is in no input and the reported samples with no row
    (sheet_rows.warn_unmatched_rows; `listed_in`, the JSON report that lists every unused row). Returns those rows
    and whether they are a per-sample job's other patients' (sheet_rows), or None without a sheet."""
    if sheet is None:
        return None
    from .samplesheet import sample_key
    from .sheet_rows import warn_unmatched_rows
    from .sheet_sources import SheetSource, how_named

    inputs = [(SheetSource(i.path, i.annotated_from), i.samples + i.reported) for i in summaries]
    unnamed = []  # rows for other inputs (a cohort's sheet in a per-sample run): said with the other unused rows
    for (key, _), row in sorted(sheet.by_source.items(), key=lambda item: item[1].line):
        named = [source for source, _ in inputs if sheet.source_rank(row, source) is not None]
        if not named:
            unnamed.append(row)
            continue
        taken = [
            source
            for source, names in inputs
            if any(sample_key(n) == key for n in names) and sheet.get(row.sample, source) is row
        ]
        if len(taken) > 1:
            how = [how_named(sheet.source_rank(row, source) or 0, source, row.sample) for source in taken]
            raise InputError(
                f"source_vcf {row.source!r} names {len(taken)} inputs that hold sample {row.sample} "
                f"({', '.join(how)}): the row would give one patient's history to each; give each input's path "
                "(or a file name that only it has) in a row of its own",
                sheet.path,
                row.line,
            )
    held = [(SheetSource(i.path, i.annotated_from), i.samples + i.reported, i.reported) for i in summaries]
    return warn_unmatched_rows(sheet, held, unnamed, listed_in)


def table_samples(fusion_paths) -> frozenset[str] | None:
    """Samples named by `--fusions SAMPLE=PATH`; None when any table is given without a sample. Without a table,
    none (svio, which reads a table's spec, is not imported for it: issue 13)."""
    if not fusion_paths:
        return frozenset()
    from .svio import sample_path_spec

    names = set()
    for spec in fusion_paths:
        sample, _ = sample_path_spec(spec)
        if sample is None:
            return None
        names.add(sample)
    return frozenset(names)


__all__ = [
    "Cohort",
    "InputSummary",
    "fold_survey_verdicts",
    "survey_verdicts",
    "with_recorded_min_vaf",
    "with_recorded_name",
    "recorded_run",
    "context_from_options",
    "table_samples",
    "warn_unused_sources",
]
