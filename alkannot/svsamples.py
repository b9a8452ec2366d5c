"""Whose SV calls are these? Matching the sample columns of an SV file to the samples of the main VCF.

SV callers name samples their own way: Manta and Strelka write NORMAL/TUMOR, SvABA and GRIDSS the BAM path
(`/data/P1_tumour.bam`), while the small-variant VCF says `P1_T`. `--sv SAMPLE=PATH` says whose file it is;
without it, a file whose tumour column has another name than the one tumour of the main VCF is matched to it
with a warning that names both (CONTRACT.md version 2). Names that match nothing are warned about, never
dropped silently. Pure: no I/O.
"""

from __future__ import annotations

import re

from .records import field, record, replace

_TUMOUR = re.compile(r"tumou?r|(^|[^a-z0-9])t\d*($|[^a-z0-9])|[_-]t$", re.I)
_NORMAL = re.compile(r"normal|germline|blood|(^|[^a-z0-9])n\d*($|[^a-z0-9])|[_-]n$", re.I)


def _stem(name: str) -> str:
    """'/data/run1/P1_tumour.sorted.bam' -> 'P1_tumour'."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"(\.(sorted|dedup|markdup|recal|final|bam|cram|sam))+$", "", base, flags=re.I)


def tumour_columns(samples: tuple[str, ...], tumour_headers: tuple[str, ...] = ()) -> list[str]:
    """The columns of an SV file that hold the tumour: named by ##tumor_sample, else by their names
    ('TUMOR', 'P1_tumour.bam'), else the one column that is not a normal, else the only column."""
    named = [s for s in samples if s in tumour_headers]
    if named:
        return named
    by_name = [s for s in samples if _TUMOUR.search(_stem(s)) and not _NORMAL.search(_stem(s))]
    if by_name:
        return by_name
    not_normal = [s for s in samples if not _NORMAL.search(_stem(s))]
    if len(samples) == 2 and len(not_normal) == 1:
        return not_normal
    return list(samples) if len(samples) == 1 else []


@record(frozen=True)
class SampleMatch:
    """How the columns of one SV file map to the main VCF's samples."""

    mapping: dict[str, str] = field(default_factory=dict)  # SV column -> main VCF sample
    covered: frozenset[str] | None = None  # main VCF samples the file covers; None = all
    warnings: tuple[str, ...] = ()


def match_samples(
    path: str,
    sv_samples: tuple[str, ...],
    sv_tumour_headers: tuple[str, ...],
    main_samples: tuple[str, ...],
    main_tumours: tuple[str, ...],
    explicit: str | None,
    elsewhere: frozenset[str] = frozenset(),
) -> SampleMatch:
    """Map the SV file's columns to main-VCF samples.

    `explicit` (from `--sv SAMPLE=PATH`): the file is SAMPLE's; its tumour column(s) (or, when no column can
    be told to be the tumour, every column) become SAMPLE, and a file without sample columns covers SAMPLE only.
    Otherwise columns keep their names; when the main VCF has exactly one tumour and the SV file exactly one
    tumour column under another name, the two are matched with a warning. `elsewhere`: the samples of the other
    inputs of a cohort report; a column named as one of them is that sample's, never matched here nor warned about."""
    if explicit is not None:
        if not sv_samples:
            return SampleMatch({}, frozenset({explicit}))
        columns = tumour_columns(sv_samples, sv_tumour_headers) or list(sv_samples)
        mapping = {c: explicit for c in columns}
        return SampleMatch(mapping, frozenset({explicit}))
    if not sv_samples:
        return SampleMatch({}, None)  # INFO-only calls: they apply to every sample
    mapping = {s: s for s in sv_samples if s in main_samples}
    warnings = []
    unmatched = [s for s in sv_samples if s not in main_samples and s not in elsewhere]
    if unmatched and main_samples:
        sv_tumours = [c for c in tumour_columns(sv_samples, sv_tumour_headers) if c in unmatched]
        if len(main_tumours) == 1 and len(sv_tumours) == 1 and main_tumours[0] not in sv_samples:
            mapping[sv_tumours[0]] = main_tumours[0]
            warnings.append(
                f"{path}: SV sample {sv_tumours[0]!r} taken to be {main_tumours[0]!r} (each file has "
                f"one tumour sample); give --sv {main_tumours[0]}=PATH to say so explicitly"
            )
            unmatched = [s for s in unmatched if s != sv_tumours[0]]
        elif len(main_tumours) == 1 and not sv_tumours and not mapping and len(unmatched) == len(sv_samples) <= 2:
            # one patient in each file but no column can be told to be the tumour (BAM names without a hint):
            # the columns together are that patient; per record the column that carries the event counts
            mapping.update({s: main_tumours[0] for s in sv_samples})
            warnings.append(
                f"{path}: SV samples {', '.join(map(repr, sv_samples))} taken together to be "
                f"{main_tumours[0]!r} (no column can be told to be the tumour by its name); give "
                f"--sv {main_tumours[0]}=PATH to say so explicitly"
            )
            unmatched = []
        normals = [s for s in unmatched if _NORMAL.search(_stem(s)) and not _TUMOUR.search(_stem(s))]
        strays = [s for s in unmatched if s not in normals]
        if strays:
            warnings.append(
                f"{path}: SV sample(s) {', '.join(map(repr, strays))} match no sample of the main input "
                f"({', '.join(main_samples[:10])}); their calls are attributed to no one "
                "(use --sv SAMPLE=PATH)"
            )
    covered = frozenset(mapping.values())
    return SampleMatch(mapping, covered, tuple(warnings))


def rename_columns(samples: dict, mapping: dict[str, str], keep_unmapped: bool = True) -> dict:
    """A per-sample dictionary with its keys renamed through `mapping` (unmapped keys kept as they are).
    Two columns renamed to one sample (a tumour and its normal whose names say nothing) give the column
    that carries the event."""
    renamed: dict = {}
    for name, values in samples.items():
        target = mapping.get(name, name if keep_unmapped else None)
        if target is None:
            continue
        if target not in renamed or _evidence(values) > _evidence(renamed[target]):
            renamed[target] = values
    return renamed


def _evidence(values) -> tuple[int, float]:
    """How strongly a sample's FORMAT values carry an event: a non-reference genotype, then read support."""
    gt = values.get("GT") if hasattr(values, "get") else None
    alleles = gt if isinstance(gt, (tuple, list)) else re.split(r"[/|]", gt) if isinstance(gt, str) else ()
    carries = any(a not in (None, 0, "0", ".") for a in alleles)
    support = 0.0
    for key, value in values.items() if hasattr(values, "items") else ():
        if key in ("GT", "CN"):
            continue
        numbers = value if isinstance(value, (tuple, list)) else (value,)
        numbers = [n for n in numbers if isinstance(n, (int, float))]
        if numbers:
            support += numbers[-1]  # Number=R fields (Manta PR/SR): the ALT count is last
    return int(carries), support


def with_renamed_samples(record, mapping: dict[str, str], covered_only: frozenset[str] | None):
    """An SV or bypass record whose sample columns carry the main VCF's names. With an explicit owner and
    no sample columns, the record is given that owner's (empty) column so it counts for that sample only."""
    if not record.samples and covered_only is not None and len(covered_only) == 1:
        return replace(record, samples={next(iter(covered_only)): {}})
    if not mapping:
        return record
    return replace(record, samples=rename_columns(dict(record.samples), mapping))
