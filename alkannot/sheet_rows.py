"""After every input of a run is read: the sample sheet's rows that name no sample of any input (a typo such as
`P4-T` for the VCF's `P4_T` threw the patient's treatment history away without a word), and the reported samples
that have no row (review 9, new user, finding 1). Warnings only; nothing here changes a verdict.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from .log import log
from .samplesheet import SampleSheet, SheetRow, sample_key
from .sheet_sources import SheetSource, path_end_hint

SHOWN = 10  # names listed in the summary warning before "..."


def warn_unmatched_rows(
    sheet: SampleSheet,
    inputs: Sequence[tuple[SheetSource, Sequence[str], Sequence[str]]],
    unnamed: Sequence[SheetRow] = (),
    listed_in: str | None = None,
) -> tuple[list[SheetRow], bool]:
    """`inputs`: (the input as a sheet names it, sheet_sources.SheetSource: its path as reported and the files its
    samples were annotated from; every sample name; the reported samples) of each input of the run; `unnamed`: the
    rows whose source_vcf names none of them. One warning per row whose sample is in no input it applies to with
    "did you mean" where one input sample is spelt alike; the other unused rows (other patients, other inputs) in
    one line; one warning listing the reported samples with no row. An input none of whose samples has a
    row was already warned about on its own (verdicts._warn_unmatched_sheet): its samples are not listed again, and
    when that holds for every input only the rows with a suggestion are named. Returns every row used nowhere, in
    the sheet's order (the JSON's sheet_rows_not_used: a warning names ten, cohort49; `listed_in`, that JSON's path,
    which the warning names where a report is written: cohort49b), and whether they are a per-sample job's other
    patients' rows, as expected (one input, every reported sample with its row: an INFO count, not a warning)."""
    matched = [(path, names, reported) for path, names, reported in inputs if _any_row(sheet, path, names)]
    unused, held = list(unnamed), _holders(inputs)
    hints = {row.line: hint for row in unnamed if (hint := _end_hint(row, held))}
    # used nowhere, no input spelt alike
    others = [(row, _unnamed_warning(sheet, row, hints.get(row.line)), True) for row in unnamed]
    for row in sorted((*sheet.rows.values(), *sheet.by_source.values()), key=lambda r: r.line):
        said, suggested = _row_warning(sheet, row, inputs, quiet_unless_close=not matched)
        if said or not any(sheet.get(name, path) is row for path, name in held.get(sample_key(row.sample), ())):
            unused.append(row)
        if said and not suggested:
            others.append((row, said, False))
        elif said:
            log.warning("%s", said)
    missing = list(
        dict.fromkeys(sample for path, _, reported in matched for sample in reported if sheet.get(sample, path) is None)
    )
    per_file = len(inputs) == 1 and bool(matched) and not missing  # the normal per-sample job
    _say_unused(sheet, sorted(others, key=lambda item: item[0].line), per_file, hints, listed_in)
    if missing:
        log.warning(
            "%s: no row for %d reported sample(s): %s (their treatment history is unknown)",
            sheet.path,
            len(missing),
            ", ".join(missing[:SHOWN]) + (", ..." if len(missing) > SHOWN else ""),
        )
    return sorted(dict.fromkeys(unused), key=lambda r: r.line), per_file


def _holders(inputs: Sequence[tuple[SheetSource, Sequence[str], Sequence[str]]]) -> dict[str, list]:
    """Sample name (NFC) -> (input, the name as that input spells it) for every sample of every input."""
    held: dict[str, list] = {}
    for path, names, _ in inputs:
        for name in dict.fromkeys(names):
            held.setdefault(sample_key(name), []).append((path, name))
    return held


_HOW = (
    "an input is named by its path, the end of its path (P1/tumor.vcf.gz), its file name or that without "
    ".vcf/.vcf.gz/.bcf/.maf; an annotated output also by those of the file it was annotated from"
)


def _end_hint(row: SheetRow, held: dict[str, list]) -> tuple[str, str] | None:
    """The end of its path a source_vcf naming no input shares with an input holding its sample, and that input's
    path (sheet_sources.path_end_hint: an absolute path on another mount)."""
    for source, name in held.get(sample_key(row.sample), ()):
        if hint := path_end_hint(row.source or "", source, name):
            return hint
    return None


def _unnamed_warning(sheet: SampleSheet, row: SheetRow, hint: tuple[str, str] | None = None) -> str:
    where = f"{sheet.path}:{row.line}"
    if hint is not None:
        end, named = hint
        return (
            f"{where}: source_vcf {row.source!r} names no input of this run: it shares only its end, {end}, with "
            f"{named} (the folders above differ, as on another mount); write {end!r}, which names that file wherever "
            "it lies; the row is not used"
        )
    return f"{where}: source_vcf {row.source!r} names no input of this run ({_HOW}); the row is not used"


def _say_unused(
    sheet: SampleSheet,
    others: list[tuple[SheetRow, str, bool]],
    per_file: bool,
    hints: dict[int, tuple[str, str]],
    listed_in: str | None = None,
) -> None:
    """The rows used nowhere whose sample no input spells alike, in one line. A run of one input whose samples have
    their rows (`per_file`: 50 per-sample jobs given the cohort's sheet, the README's Snakemake rule) expects them:
    one INFO line with their number (cohort48: there were two warnings per job, rows of other samples and rows of
    other files), but a row whose source_vcf ends as this input's path does (`hints`, _end_hint: another mount) has
    its own warning. Otherwise, where a patient may be missing from the run, a warning naming them; a lone one keeps
    its own line."""
    if per_file:  # a row that nearly names this input is no other file's row (_end_hint): said on its own
        for row, said, _ in others:
            if row.line in hints:
                log.warning("%s", said)
        others = [item for item in others if item[0].line not in hints]
    if not others:
        return
    if per_file:
        log.info(
            "%s: %d rows for other samples or files not used (a cohort's sheet in a run of one input)",
            sheet.path,
            len(others),
        )
    elif len(others) == 1:
        log.warning("%s", others[0][1])
    else:
        shown = ", ".join(
            f"{row.sample} (line {row.line}"
            + (f", source_vcf {row.source!r}" if unnamed else "")
            + (f": did you mean {hints[row.line][0]!r}?)" if row.line in hints else ")")
            for row, _, unnamed in others[:SHOWN]
        )
        log.warning(
            "%s: %d rows name a sample in no input of this run or a source_vcf naming none, not used: %s%s%s%s",
            sheet.path,
            len(others),
            shown,
            ", ..." if len(others) > SHOWN else "",
            f" ({_HOW})" if any(unnamed for _, _, unnamed in others) else "",
            f"; every one is listed in {listed_in} (sheet_rows_not_used)" if listed_in and len(others) > SHOWN else "",
        )


def _any_row(sheet: SampleSheet, path: SheetSource, names: Sequence[str]) -> bool:
    return any(sheet.get(name, path) is not None for name in names)


def _row_warning(
    sheet: SampleSheet,
    row: SheetRow,
    inputs: Sequence[tuple[SheetSource, Sequence[str], Sequence[str]]],
    quiet_unless_close,
) -> tuple[str, bool]:
    """The warning for one row whose sample is in none of the inputs it applies to (every input, or those its
    source_vcf names; a source_vcf naming no input is warn_unused_sources' warning), and whether it suggests an
    input sample spelt alike; ('', False) for none."""
    applies = [
        (path, names) for path, names, _ in inputs if row.source is None or sheet.source_rank(row, path) is not None
    ]
    if not applies:
        return "", False
    key = sample_key(row.sample)
    names = list(dict.fromkeys(name for _, group in applies for name in group))
    if any(sample_key(name) == key for name in names):
        return "", False
    close = close_names(row.sample, names)
    if quiet_unless_close and not close:
        return "", False
    where = (
        "in no input of this run"
        if row.source is None
        else f"not in {', '.join(path.path for path, _ in applies)}, the input its source_vcf {row.source!r} names"
    )
    meant = f" (did you mean {' or '.join(close)}?)" if close else ""
    return f"{sheet.path}:{row.line}: sample {row.sample!r} is {where}{meant}; the row is not used", bool(close)


def _plain(name: str) -> str:
    """A name compared without case, '-', '_', '.' or spaces: `P4-T`, `p4_t` and `P4 T` are `p4t`."""
    return re.sub(r"[-_.\s]", "", sample_key(name).casefold())


def close_names(name: str, candidates: Sequence[str]) -> list[str]:
    """The input samples a sheet's `name` most likely means: those equal to it but for case and punctuation (all
    of them: two are named, never one picked), else the one closest spelling (difflib, cutoff 0.8) among those
    with the same digits (`S02_T` is another patient than `S01_T`, however alike they look), else none."""
    plain = _plain(name)
    alike = [c for c in dict.fromkeys(candidates) if _plain(c) == plain]
    if alike:
        return alike
    digits = re.sub(r"\D", "", name)
    same_digits = {c.casefold(): c for c in candidates if re.sub(r"\D", "", c) == digits}
    found = difflib.get_close_matches(name.casefold(), list(same_digits), n=2, cutoff=0.8)
    if len(found) == 1:
        return [same_digits[found[0]]]
    return []


__all__ = ["warn_unmatched_rows", "close_names"]
