"""The fusion evidence beside the main input: its own SV records, the --sv files' (a rearrangement-capable caller's
only show a fusion status; a file that states no build is said) and the RNA fusion tables, joined into the fusion
calls of every sample (fusion.detect_fusions, merge_evidence)."""

from __future__ import annotations

from .breakends import Junction, SvRecord, is_rearrangement, may_touch_alk, records_to_junctions
from .bypass_coverage import with_records
from .bypass_fold import not_yet_found
from .errors import InputError
from .fusions import detect_fusions
from .log import log
from .options import AnnotateOptions
from .records import replace
from .survey import Survey


def sv_owners(survey: Survey, tumor: str | None) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The samples an --sv file's columns can be matched to (a sites-only input: its one name), the tumours
    among them that an SV file under another name may be taken to be (one tumour, or none), and the patients."""
    from .roles import analysed_samples, sites_only_name

    main_samples = survey.samples or (sites_only_name(survey.display, tumor, survey.recorded_name),)
    reported, role, _ = analysed_samples(survey, tumor)
    main_tumours = tuple(reported) if role in ("tumor", "single", "sites_only") else ()
    return tuple(main_samples), main_tumours, tuple(reported)


def with_fusion_evidence(survey: Survey, options: AnnotateOptions, elsewhere: frozenset[str] = frozenset()) -> Survey:
    """The survey with the --sv files' records, the fusion tables and the fusion calls; which samples a
    rearrangement-capable caller looked at (CONTRACT.md version 2: a lone <DEL>/<DUP> in a small-variant VCF does
    not make a sample's fusion status `negative`). `elsewhere`: the samples of a cohort report's other inputs
    (svsamples.match_samples)."""
    main_samples, main_tumours, patients = sv_owners(survey, options.tumor)
    if options.sv_paths or options.fusion_paths:  # no file to check: cohort_sv and svio are not imported (issue 13)
        from .cohort_sv import check_input_specs

        check_input_specs(options, main_samples, patients, survey.display, elsewhere, bool(survey.samples))
    records, bypass, screened = list(survey.sv_records), list(survey.bypass_records), survey.bypass_coverage
    alk_cn = list(survey.alk_copy_number)
    coverage: list[frozenset[str] | None] = []  # the samples each SV source covers; None: all of them
    if survey.sv_seen or any(is_rearrangement(r) for r in records):
        coverage.append(None)  # the main input's own SV calls cover all its samples
    n_extra = 0
    files = _distinct_sv_files(survey.display, options, main_samples)
    for spec in files:
        extra_records, extra_bypass, extra_cn, covered, capable = _sv_file(
            survey, spec, (main_samples, main_tumours), elsewhere, options.build
        )
        records += extra_records
        bypass += not_yet_found(bypass, extra_bypass)
        screened = with_records(screened, extra_bypass)  # every record, also one the main input has at its position
        alk_cn += not_yet_found(alk_cn, extra_cn)  # another patient's segment at the same place is not this one
        if capable:  # a CNV caller's or a small-variant VCF shows no fusion status (review of stop 34, finding 3)
            coverage.append(covered)
        n_extra += len(extra_records)
    partial = [c for c in coverage if c is not None]
    covered_samples = frozenset[str]().union(*partial) if coverage and len(partial) == len(coverage) else None
    records, repeated, junctions = _counted_once(survey.display, records)
    survey = replace(
        survey,
        bypass_records=tuple(bypass),
        bypass_coverage=screened,
        alk_copy_number=tuple(alk_cn),
        sv_extra_records=n_extra,
        sv_files_read=len(files),
        sv_repeated_records=repeated,
        sv_seen=bool(coverage),
        sv_samples=covered_samples,
        tables_seen=bool(options.fusion_paths),
    )
    tables = _fusion_tables(survey, options, main_samples, elsewhere)
    return _with_fusion_calls(survey, records, tables, frozenset(main_samples) | elsewhere, junctions)


def _distinct_sv_files(display: str, options: AnnotateOptions, main_samples: tuple[str, ...]) -> list[str]:
    """The --sv specs, less one that names the main input itself or a file an earlier --sv named for the same
    sample: one file is one source of evidence, and reading it twice listed each of its fusions' evidence twice
    (the same file, whatever its spelling: a relative or absolute path, a symbolic or hard link). A warning names
    each one left out. An --sv SAMPLE= that names no sample of the input (its columns read as another's) is kept."""
    if not options.sv_paths:
        return []
    from .run_paths import file_identity
    from .svio import sample_path_spec

    seen: dict[tuple[tuple[int, int], str | None], str] = {}
    main = file_identity(options.input_path)
    kept = []
    for spec in options.sv_paths:
        owner, path = sample_path_spec(spec)
        identity = file_identity(path)
        if identity is not None and identity == main and (owner is None or owner in main_samples):
            log.warning("%s: --sv %s is the input file itself: its records are read once", display, path)
            continue
        first = seen.get((identity, owner)) if identity is not None else None
        if first is not None:
            log.warning("%s: --sv %s is the same file as --sv %s: its records are read once", display, path, first)
            continue
        if identity is not None:
            seen[(identity, owner)] = path
        kept.append(spec)
    return kept


def _counted_once(display: str, records: list[SvRecord]) -> tuple[list[SvRecord], int, list[Junction] | None]:
    """The records less the calls another file already gave (the same records, sample and read support: the input
    itself as sv.bcf and as --sv sv.vcf.gz, or two --sv files): one warning per pair of files, naming both (a
    second caller's call of the same fusion stays listed: sv_duplicates.py); how many records were left out; and
    the kept records' junctions where the comparison paired them and left none out (detect_fusions takes them: the
    mates are paired once). Where a record was left out or lost a sample's column they are paired again: a mate left
    out makes the other an orphan, and one fewer record can change which record an EVENT or position pairs with."""
    if len({r.source for r in records}) < 2:  # one file (no --sv): nothing to compare, nothing paired here
        return list(records), 0, None
    from .sv_duplicates import without_repeated_calls

    paired = records_to_junctions(records)
    found = without_repeated_calls(records, paired)

    def named(source: str) -> str:
        return f"the input {display}" if source == "input" else f"--sv {source}"

    for (dropped, kept, whole), count in found.left_out.items():
        if whole:  # one breakend of a junction the other file holds whole, whichever came first
            log.warning(
                "%s: %s: %d SV record(s) are breakends of junctions %s holds whole (the same CHROM, POS, ID, REF, "
                "ALT, mate, sample and read support, with the mate record): each call is counted once, as %s's",
                display,
                named(dropped),
                count,
                named(kept),
                named(kept),
            )
            continue
        log.warning(
            "%s: --sv %s: %d SV record(s) hold the same calls as %s (same CHROM, POS, ID, REF, ALT, mate, sample and "
            "read support): each call is counted once, as the earlier file's",
            display,
            dropped,
            count,
            named(kept),
        )
    left_out = sum(found.left_out.values())
    return list(found.records), left_out, None if left_out else paired


def _sv_file(
    survey: Survey,
    spec: str,
    owners: tuple[tuple[str, ...], tuple[str, ...]],
    elsewhere: frozenset[str],
    given_build: str = "auto",
):
    """One `--sv [SAMPLE=]PATH`: its records with their columns named as the main input's samples, the samples it
    covers, and whether it is a rearrangement-capable caller's (svio.SvFileScan.rearrangement_capable; otherwise
    said once: it leaves the fusion status as the other inputs make it)."""
    from .svio import sample_path_spec, scan_sv_file
    from .svsamples import match_samples, with_renamed_samples

    main_samples, main_tumours = owners
    owner, path = sample_path_spec(spec)
    if owner is not None and owner not in main_samples:
        log.warning(
            "%s: --sv %s=...: no sample %r in this input (samples: %s)",
            survey.display,
            owner,
            owner,
            ", ".join(main_samples[:10]),
        )
    scan = scan_sv_file(path, survey.build)
    _say_what_it_cannot_show(survey, path, scan, given_build)
    match = match_samples(path, scan.samples, scan.tumour_headers, main_samples, main_tumours, owner, elsewhere)
    for warning in match.warnings:
        log.warning("%s", warning)
    records = [with_renamed_samples(r, match.mapping, match.covered) for r in scan.records]
    # marked: the annotated output does not hold them (a finding they make is recorded: recorded_listed.py)
    bypass = [
        replace(with_renamed_samples(b, match.mapping, match.covered), from_sv_file=True) for b in scan.bypass_records
    ]
    alk_cn = [with_renamed_samples(b, match.mapping, match.covered) for b in scan.alk_copy_number]
    return records, bypass, alk_cn, match.covered, scan.rearrangement_capable


def _say_what_it_cannot_show(survey: Survey, path: str, scan, given_build: str) -> None:
    """One line for an --sv file that cannot show a fusion status (no rearrangement record, no SV caller's
    ##source: a warning where it holds no structural record at all, such as a small-variant VCF wired in as --sv;
    an INFO line for a CNV caller's), and one warning for an --sv file whose header states no build, read in the
    main input's unless --build said it (pipeline review of stop 34, findings 1 and 3)."""
    if not scan.rearrangement_capable:
        (log.info if scan.records else log.warning)(
            "%s: --sv %s holds %s and its ##source names no SV caller: it cannot show that no fusion joins ALK, so "
            "the fusion status is left as the other inputs make it%s",
            survey.display,
            path,
            "copy-number records but no rearrangement (BND/INV/translocation) record"
            if scan.records
            else "no structural-variant record",
            "; its copy-number records are read" if scan.records else "",
        )
    if not scan.build_stated and given_build == "auto" and survey.build:
        log.warning(
            "%s: --sv %s states no genome build (no ##contig length of chromosome 2, no ##reference): read as %s, "
            "the main input's build; if that is right, add its ##contig or ##reference lines (or give --build %s "
            "where every input is %s)",
            survey.display,
            path,
            survey.build,
            survey.build,
            survey.build,
        )


def _fusion_tables(survey: Survey, options: AnnotateOptions, main_samples, elsewhere: frozenset[str]) -> list:
    """The fusion tables' evidence; a warning for a SAMPLE= that names no sample of this input, unless another input
    of a cohort report holds it (`elsewhere`: cohort review of stop 40, finding 6, a warning per input for every
    table of another input's sample, where --sv SAMPLE= gave none)."""
    if not options.fusion_paths:
        return []
    from .fusion_table_build import check_fusion_table_build
    from .svio import read_fusion_table, sample_path_spec

    tables = []
    for spec in options.fusion_paths:
        if spec not in options.fusion_rows:  # read once a run: `-` or `<(...)` is empty the second time
            sample, path = sample_path_spec(spec)
            options.fusion_rows[spec] = read_fusion_table(path, sample)
        tables += options.fusion_rows[spec]
    check_fusion_table_build(survey.build, tables)
    unknown = sorted({ev.sample for ev in tables if ev.sample and ev.sample not in {*main_samples, *elsewhere}})
    if unknown and survey.samples:
        said = f"{', '.join(unknown)} (samples: {', '.join(survey.samples)})"
        log.warning("%s: --fusions names sample(s) not in this input: %s", survey.display, said)
    return tables


def _with_fusion_calls(
    survey: Survey, records: list[SvRecord], tables: list, samples: frozenset[str], junctions: list[Junction] | None
) -> Survey:
    """`samples`: the names the --sv files' matched columns were given (svsamples.with_renamed_samples);
    `junctions`: the records' junctions where they were paired already (_counted_once)."""
    if survey.build is None:
        if tables or any(may_touch_alk(r) for r in records):
            raise InputError(
                "cannot tell the genome build (" + survey.build_reason + ") and fusion "
                "evidence needs it; rerun with --build GRCh37 or --build GRCh38",
                survey.display,
            )
        return survey
    result = detect_fusions(survey.build, records, samples, junctions)
    if tables:
        from .rna_fusions import merge_evidence

        result = merge_evidence(result, tables)
    annotations = {index: ann for (source, index), ann in result.per_record.items() if source == "input"}
    return replace(survey, fusion_result=result, fusion_annotations=annotations)


__all__ = ["with_fusion_evidence", "sv_owners"]
