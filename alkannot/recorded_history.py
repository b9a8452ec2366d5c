"""The clinical history an earlier `alkannot annotate` run took from its sample sheet, as its ##alkannotSample lines
record it (AlkStatus, ProgressedOn, Abcb1Ihc, Abcb1Tpm), read back as a sample sheet where this run is given none:
re-annotating an output without `--samples` (a new knowledge base, a pipeline's second step) kept the fusion status
but lost the treatment history and silently turned verdicts made with it into less-informed ones (review 9,
pipeline engineer, finding 1). A `--samples` sheet given to this run always decides. The fusion the verdict used
(FusionPartner, FusionVariant) is written and read back here too, for its variant-specific calls (review 13,
finding 9)."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from .errors import InputError, InputErrors
from .log import log

if TYPE_CHECKING:
    from .samplesheet import SampleSheet


# ##alkannotSample key -> sample sheet column, in the sheet's column order
RECORDED_COLUMNS = (
    ("AlkStatus", "alk_status"),
    ("ProgressedOn", "progressed_on"),
    ("Abcb1Ihc", "abcb1_ihc"),
    ("Abcb1Tpm", "abcb1_tpm"),
)


def history_fields(alk_status, progressed_on, abcb1_ihc, abcb1_tpm) -> list[tuple[str, str]]:
    """The ##alkannotSample fields of a sample's sheet row (sample_header.header_lines): only those the sheet gave;
    a history known to hold no ALK inhibitor is written `none`, as the sheet says it."""
    values = (
        alk_status,
        None if progressed_on is None else ";".join(progressed_on) or "none",
        abcb1_ihc,
        None if abcb1_tpm is None else f"{abcb1_tpm:g}",
    )
    return [(key, value) for (key, _), value in zip(RECORDED_COLUMNS, values) if value is not None]


def history_differences(recorded: dict[str, str], verdict) -> list[str]:
    """What the sample sheet of this run gives `verdict`'s sample that differs from what an earlier annotate run's
    sheet gave it, as its ##alkannotSample line records it (history_fields): 'ProgressedOn=alectinib, recorded
    crizotinib;ceritinib', one item per recorded field. A field the annotate run's sheet did not give is no
    difference (a history given only now is the usual order: annotate first, the sheet later)."""
    now = dict(history_fields(verdict.alk_status, verdict.progressed_on, *verdict.abcb1))
    return [
        f"{key}={now.get(key, 'not given')}, recorded {recorded[key]}"
        for key, _ in RECORDED_COLUMNS
        if recorded.get(key) and now.get(key) != recorded[key]
    ]


def warn_changed_history(display: str, sheet: str, changed: list[tuple[str, list[str]]]) -> None:
    """One warning per input: the samples whose history in this run's sample sheet (`--samples`, which decides)
    differs from the one the annotate run recorded. A cohort's sheet whose source_vcf named the file before it was
    annotated (centreB/P1.vcf) named no annotated output, so the row of the same sample without a source_vcf,
    another patient's, was used without a word (cohort review of stop 47; such a value now names the output by its
    recorded Input=, sheet_sources.py, but one that names neither file still falls back to that row)."""
    if not changed:
        return
    shown = "; ".join(f"{sample} ({', '.join(items)})" for sample, items in changed[:5])
    log.warning(
        "%s: the sample sheet %s gives %d sample(s) another history than the annotate run that wrote this file "
        "recorded in its ##alkannotSample lines: %s%s; the sheet decides: check that each row is this file's patient "
        "(a source_vcf names this file or, by its path or file name, the one it was annotated from), or give no "
        "--samples to use the recorded history",
        display,
        sheet,
        len(changed),
        shown,
        f" and {len(changed) - 5} more" if len(changed) > 5 else "",
    )


# the statement of a finding an annotate run recorded, whose evidence (an --sv file's record) is not in this file
RECORDED_STATEMENT = "recorded in this VCF's header when it was annotated; its evidence is not in this file"


def recorded_off_target_value(off_target, set_aside: bool = False) -> str:
    """OffTarget=: the sample's off-target candidates as GENE:KIND:DESCRIPTION, '|'-joined
    ('MET:copy_number_gain:chr7:116522196 <DUP> CN=9'), read back by `recorded_off_target`; with `set_aside`
    (OffTargetSetAside=), the findings not counted after the latest drug (a MET gain after crizotinib), which a later
    run with another latest drug judges again."""
    # '|' separates the entries: one inside a description (none is known to hold one) is written '/'
    return "|".join(
        f"{o.gene}:{o.kind}:{o.description.replace('|', '/')}"
        for o in off_target
        if (o.not_counted_after if set_aside else o.candidate)
    )


def recorded_off_target(value: str | None) -> tuple[tuple[str, str, str], ...]:
    """(gene, kind, description) of each candidate an OffTarget= value names; () for none or a value not in that
    form."""
    found = []
    for item in (value or "").split("|"):
        gene, _, rest = item.partition(":")
        kind, _, description = rest.partition(":")
        if gene and kind and description:
            found.append((gene, kind, description))
    return tuple(found)


def normal_fields(normal: str | None) -> list[tuple[str, str]]:
    """Normal=: the matched normal a tumour's verdict used (a two-sample pair's, or the sample sheet's `normal`
    column; read back by recorded_sheet)."""
    return [("Normal", normal)] if normal else []


def recorded_candidates(kb, value: str | None, recorded_as: str = "candidate") -> tuple:
    """The off-target candidates an annotate run recorded (OffTarget=; `recorded_as` 'set_aside': the findings of
    OffTargetSetAside=), listed as such: named in the TSV, MultiQC and HTML as the run that found them named them,
    their statement saying where they come from; a copy-number gain with the FISH advice the annotate run gave it (no
    NGS cut-off in the sources read; for MET, SCHMITT21: it was lost on a report of the output; consistency check of
    stop 34), its copy number read from the record it names ('... CN=9'); none for the caller's amplification call
    (<AMP>), which annotate gives none. Each is judged again by this run's verdict (OffTarget.recorded;
    recorded_listed.rejudged_gain: another gene's CN-only gain, a candidate before stop 47, met47b, is listed now)."""
    from .offtarget import OffTarget, fish_caveat, fish_caveat_sources

    found = []
    for gene, kind, description in recorded_off_target(value):
        gain = kind == "copy_number_gain" and "<AMP>" not in description
        cn = re.search(r"\bCN=([0-9]+(?:\.[0-9]+)?)\b", description) if gain else None
        number = None if cn is None else (float(cn.group(1)) if "." in cn.group(1) else int(cn.group(1)))
        caveat = fish_caveat(kb, number, "gain", gene) if number is not None else ""
        sources = fish_caveat_sources(gene) if caveat else ()
        found.append(
            OffTarget(
                gene,
                kind,
                description,
                RECORDED_STATEMENT,
                (),
                True,
                caveat,
                caveat_sources=sources,
                recorded=recorded_as,
            )
        )
    return tuple(found)


def fusion_fields(used: tuple[str, str] | None) -> list[tuple[str, str]]:
    """FusionPartner and FusionVariant of the fusion a verdict's knowledge-base calls used (SampleVerdict.fusion_used):
    each where it is named (not an UNKNOWN partner, not a '.' variant)."""
    partner, variant = used or ("", "")
    return [
        (key, value)
        for key, value in (("FusionPartner", partner), ("FusionVariant", variant))
        if value not in ("", ".", "UNKNOWN")
    ]


def _unknown_variant(variant: str) -> str:
    """Why a recorded FusionVariant is not one alkannot writes ('' where it is): a named EML4-ALK variant of
    eml4_alk_variants.tsv (an a/b isoform of one included) or an unnamed join in the Oncomine style (E6A18). One rule
    for every other value, so that no made-up name is printed as a fusion call (review 14, finding 3)."""
    from .alterations import variant_name
    from .fusions import variant_frames

    if re.fullmatch(r"E\d+A\d+", variant):
        return ""
    try:
        name = variant_name(variant)
    except ValueError as err:
        return str(err)
    known = variant_frames()
    family = re.sub(r"[ab]('?)$", r"a/b\1", name)  # v3b -> v3a/b
    return (
        ""
        if name in known or family in known
        else f"not a variant alkannot writes: {', '.join(known)}, or an unnamed join such as E6A18"
    )


def recorded_fusion_calls(recorded: dict[str, dict[str, str]], display: str) -> tuple[tuple[str, str, str], ...]:
    """(sample, FusionPartner, FusionVariant or '') of the lines that record a partner (fusion_fields), each variant
    checked as the knowledge base reads it, so a value this run cannot read names its line, never a traceback."""

    found = []
    for sample, items in recorded.items():
        partner, variant = items.get("FusionPartner", ""), items.get("FusionVariant", "")
        if not partner:
            continue
        problem = _unknown_variant(variant) if variant else ""
        if problem:
            raise InputError(
                f"the ##alkannotSample line of {sample} records FusionVariant={variant}, which this run cannot read "
                f"({problem}); give --sv/--fusions to call the fusion again",
                display,
            )
        found.append((sample, partner, variant))
    return tuple(found)


def usable_roles(
    recorded: dict[str, dict[str, str]], normals: tuple[str, ...], samples, tumor: str | None, display: str
) -> tuple[dict[str, dict[str, str]], tuple[str, ...]]:
    """The recorded lines and ##alkannotNormal samples this input can use where no --samples is given: normals it
    holds, not named by --tumor, and not also recorded as a reported sample (an ##alkannotSample line: that one
    wins, said once; a merged file may carry both); a tumour's Normal= only where it names such a normal (review of
    stop 34's changes, findings 4, 5 and 7: absent or --tumor samples were said to be left out, and a sample in both
    kinds of line stopped the run)."""
    held = set(samples)
    both = [n for n in normals if n in recorded]
    if both:
        log.warning(
            "%s: %s recorded both as a reported sample (##alkannotSample) and as a normal (##alkannotNormal), as a "
            "merge of differently annotated files can leave them: reported; give --samples to decide",
            display,
            ", ".join(both),
        )
    kept = tuple(dict.fromkeys(n for n in normals if n in held and n != tumor and n not in recorded))
    pairs_to = {n for n in held if n != tumor and n not in recorded}
    lines = {
        sample: items if items.get("Normal") in pairs_to else {k: v for k, v in items.items() if k != "Normal"}
        for sample, items in recorded.items()
    }
    return lines, kept


def warn_unused_normals(display: str, normals: tuple[str, ...], reported, sheet: str) -> None:
    """A --samples sheet given to a run on an annotated output decides the roles: the ##alkannotNormal samples now
    `reported` as patients (neither the sheet nor the input's header declares them normal, nor does the caller's
    naming, Strelka2's NORMAL) are said once (review of stop 34's changes, finding 8). Only those: a Strelka2 pair's
    NORMAL, still left out by its name, was said to be reported as a patient (cohort49). The lines are named as what
    declares them: the run that wrote them may have had them from its sheet, its input's ##normal_sample or --tumor,
    which they do not record ("as the annotate run's sample sheet did" was said of a header's normal; cohort49b)."""
    left = [n for n in dict.fromkeys(normals) if n in set(reported)]
    if left:
        log.warning(
            "%s: its ##alkannotNormal lines, written by the annotate run that made it, declare %s normal; the sample "
            "sheet %s does not: reported as patients (role normal in the sheet leaves them out)",
            display,
            ", ".join(left),
            sheet,
        )


def recorded_sheet(
    recorded: dict[str, dict[str, str]], display: str, kb_dir: str | None = None, normals: tuple[str, ...] = ()
) -> SampleSheet | None:
    """The sample sheet the ##alkannotSample lines of `display` amount to (None where they record no history and no
    normal), read by the sample sheet's own parser, so a recorded value is checked as a sheet's would be: a tumour's
    matched normal (Normal=) is its row's `normal`, and each sample of an ##alkannotNormal line (`normals`) a row
    whose role is `normal`, so that a report on a merged multi-pair output leaves out the normals the annotate run
    left out and checks each tumour against its own (consistency check of stop 34: the normals became patients)."""
    import csv  # as the sheet's parser, only where an output records history (a run without it imports no csv)

    from .samplesheet import parse_sample_sheet  # a run without recorded history never reads a sheet

    columns = (*RECORDED_COLUMNS, ("Normal", "normal"))
    rows = [(sample, items) for sample, items in recorded.items() if any(k in items for k, _ in columns)]
    if not rows and not normals:
        return None
    text = io.StringIO()
    writer = csv.writer(text, delimiter="\t", lineterminator="\n")
    writer.writerow(["sample", *(column for _, column in columns), "role"])
    for sample, items in rows:
        writer.writerow([sample, *(items.get(key, "") for key, _ in columns), "tumor" if items.get("Normal") else ""])
    for normal in normals:
        writer.writerow([normal, *("" for _ in columns), "normal"])
    try:
        sheet = parse_sample_sheet(text.getvalue(), f"{display} (##alkannotSample lines)", kb_dir)
    except InputError as err:  # a value this run's knowledge base does not hold (another --kb): name the line
        problems = err.errors if isinstance(err, InputErrors) else [err]
        raise InputErrors([_of_line(problem, rows, display) for problem in problems]) from None
    history = [sample for sample, items in rows if any(k in items for k, _ in RECORDED_COLUMNS)]
    if history:
        log.info(
            "%s: no --samples given: the treatment history and ALK status of %d sample(s) are those its "
            "##alkannotSample lines record from the earlier annotate run's sample sheet",
            display,
            len(history),
        )
    declared = [*normals, *(items["Normal"] for _, items in rows if items.get("Normal"))]
    if declared:
        log.info(
            "%s: no --samples given: %s left out as normal(s), as the earlier annotate run left them out (its "
            "##alkannotNormal and Normal= lines)",
            display,
            ", ".join(dict.fromkeys(declared)),
        )
    return sheet


def _of_line(problem: InputError, rows: list[tuple[str, dict[str, str]]], display: str) -> InputError:
    """A problem of the sheet made from the lines, said of the ##alkannotSample line it came from."""
    number = problem.record if isinstance(problem.record, int) else 0  # the sheet's line (samplesheet passes it)
    sample = rows[number - 2][0] if 2 <= number <= len(rows) + 1 else None
    where = f"the ##alkannotSample line of {sample}" if sample else "an ##alkannotSample line"
    return InputError(
        f"{where} records what this run cannot read ({problem.reason}); give --samples to replace the recorded history",
        display,
    )


__all__ = [
    "RECORDED_STATEMENT",
    "recorded_candidates",
    "recorded_off_target",
    "recorded_off_target_value",
    "RECORDED_COLUMNS",
    "fusion_fields",
    "history_differences",
    "history_fields",
    "normal_fields",
    "recorded_fusion_calls",
    "recorded_sheet",
    "usable_roles",
    "warn_changed_history",
    "warn_unused_normals",
]
