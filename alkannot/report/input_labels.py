"""What tells two inputs' samples of one name apart in the report's labels (json_report.sample_labels): the inputs'
file stems, the folders above them where the stems are shared, and a caller's run folder."""

from __future__ import annotations

import os

from ..roles import file_stem

# the file stems Strelka2 and Manta write in every run's results/variants/ (their user guides), and that folder's
# parts: a per-run report on one of them named its generic sample 'TUMOR (somatic.snvs)' in every patient's run, and
# MultiQC merged the runs' rows into one (pipeline review of stop 38, finding 1)
CALLER_OUTPUT_STEMS = frozenset(
    {"somatic.snvs", "somatic.indels", "variants", "somaticSV", "diploidSV", "tumorSV", "candidateSV",
     "candidateSmallIndels"}
)  # fmt: skip
_CALLER_FOLDERS = frozenset({"results", "variants"})


def run_folder(source: str) -> str:
    """'P001/somatic.snvs', 'P001/…/somatic.snvs' (from P001/results/variants/): the nearest folder of the input's
    absolute path that is not the caller's own, with the stem; the stem alone for a stream or a file at the root."""
    *folders, stem = _path_parts(source)
    skipped = 0
    for folder in reversed(folders):
        if folder not in _CALLER_FOLDERS:
            return f"{folder}/{'…/' if skipped else ''}{stem}"
        skipped += 1
    return stem


def input_qualifiers(sources: list[str]) -> list[str]:
    """What tells inputs apart in a label: the file stem (roles.file_stem), or, where stems are shared, the shortest
    path suffix that no other input has ('a/P'; a folder further up as 'P001/…/somatic.snvs'), read from the path
    made absolute, so that 'x.vcf' and './x.vcf' are one file; an input's full path where no suffix is its own."""
    parts = [_path_parts(source) for source in sources]
    out = []
    for i, mine in enumerate(parts):
        others = [p for j, p in enumerate(parts) if j != i and p != mine]
        depth = next((k for k in range(1, len(mine) + 1) if all(p[-k:] != mine[-k:] for p in others)), len(mine))
        out.append(mine[-1] if depth == 1 else "/".join(mine[-depth:]))
    short = [_elided(p, text) for p, text in zip(parts, out)]
    return [s if short.count(s) == 1 or out.count(text) > 1 else text for s, text in zip(short, out)]


def _path_parts(source: str) -> tuple[str, ...]:
    """A path's folders and its file stem; a stream ('-') as named."""
    if source in ("-", "<stdin>", "/dev/stdin"):
        return (source,)
    path = os.path.abspath(source.replace("\\", "/")).replace("\\", "/")
    folders = [p for p in path.split("/")[:-1] if p]
    return (*folders, file_stem(source))


def _elided(parts: tuple[str, ...], text: str) -> str:
    """'P001/results/variants/somatic.snvs' -> 'P001/…/somatic.snvs': the folder that tells the inputs apart and the
    stem (three parts or more)."""
    depth = text.count("/") + 1
    return f"{parts[-depth]}/…/{parts[-1]}" if depth >= 3 else text


__all__ = ["CALLER_OUTPUT_STEMS", "input_qualifiers", "run_folder"]
