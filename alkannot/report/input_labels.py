"""The report's sample labels (sample_labels: the JSON's `label`, the summary lists and boxes, the grid, the MultiQC
row), and what tells two inputs' samples of one name apart in them: the inputs' file stems, the folders above them
where the stems are shared, and a caller's run folder."""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..roles import file_stem, names_a_file, path_parts

# the file stems Strelka2 and Manta write in every run's results/variants/ (their user guides), and that folder's
# parts: a per-run report on one of them named its generic sample 'TUMOR (somatic.snvs)' in every patient's run, and
# MultiQC merged the runs' rows into one (pipeline review of stop 38, finding 1)
CALLER_OUTPUT_STEMS = frozenset(
    {"somatic.snvs", "somatic.indels", "variants", "somaticSV", "diploidSV", "tumorSV", "candidateSV",
     "candidateSmallIndels"}
)  # fmt: skip
_CALLER_FOLDERS = frozenset({"results", "variants"})


def run_folder(source: str | tuple[str, ...]) -> str:
    """'P001/somatic.snvs', 'P001/…/somatic.snvs' (from P001/results/variants/): the nearest folder of the input's
    absolute path (or of `source` given as its parts, _origin_parts) that is not the caller's own, with the stem; the
    stem alone for a stream or a file at the root."""
    *folders, stem = _path_parts(source) if isinstance(source, str) else source
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
    return _qualifiers([_path_parts(source) for source in sources])


def _qualifiers(parts: list[tuple[str, ...]]) -> list[str]:
    """input_qualifiers of paths given as their folders and stem."""
    out = []
    for i, mine in enumerate(parts):
        others = [p for j, p in enumerate(parts) if j != i and p != mine]
        depth = next((k for k in range(1, len(mine) + 1) if all(p[-k:] != mine[-k:] for p in others)), len(mine))
        out.append(mine[-1] if depth == 1 else "/".join(mine[-depth:]))
    short = [_elided(p, text) for p, text in zip(parts, out)]
    return [s if short.count(s) == 1 or out.count(text) > 1 else text for s, text in zip(short, out)]


def _origin_parts(sample: dict) -> tuple[str, ...] | None:
    """The folders and stem of the file an annotated output's sample was annotated from (its `annotated_from`, the
    recorded Input= as that run was given it, relative paths kept relative: the folder that run was in is not
    known), or None where it names no file (`<stdin>`, a descriptor) or none is recorded."""
    recorded = sample.get("annotated_from")
    if recorded is None or not names_a_file(recorded):
        return None
    *folders, name = path_parts(recorded)
    return (*folders, file_stem(name))


def _group_qualifiers(group: list[dict]) -> list[str]:
    """What tells apart the inputs of samples of one name: read from the files they were annotated from (the TSV's
    `source_vcf`: `TUMOR (patient1/tumor)` for ann/patient1.alk.vcf.gz annotated from results/patient1/tumor.vcf.gz,
    as a report on the original files labels it; cohort49b, on cohort49's finding 2) where those tell every one
    apart and name a folder where the stem is a caller's own; else, as before, from the files given."""
    given = [_path_parts(s["source"]) for s in group]
    origins = [_origin_parts(s) or parts for s, parts in zip(group, given)]
    if origins != given and len(set(origins)) == len(origins):
        out = _with_run_folders(group, origins, _qualifiers(origins))
        if not any(_says_nothing(text) for text in out):
            return out
    anchored = _anchored_origins(group, given)
    if anchored is not None:
        return _with_run_folders(group, anchored, _qualifiers(anchored))
    return _with_run_folders(group, given, _qualifiers(given))


def _anchored_origins(group: list[dict], given: list[tuple[str, ...]]) -> list[tuple[str, ...]] | None:
    """Where every input was annotated from one relative path (`cd patientN && alkannot annotate tumor.vcf -o
    tumor.alk.vcf`: Input=tumor.vcf in each) and the outputs given share their file name in different folders, each
    recorded path read from its output's folder (patient1/tumor.alk.vcf -> patient1/tumor), so that the label names
    the folders that tell the inputs apart and the file each was annotated from, `TUMOR (patient1/tumor)` (cohort50):
    the folders so reached are the ones the outputs' own labels need, no more of their absolute paths. So too one
    output named after that file (a generic one, `tumor.vcf` -> `tumor.ann.vcf`), whose name says no more than it:
    a report of each patient's output labelled every one `TUMOR (tumor.ann)`, one MultiQC row; it is named with its
    folder, `TUMOR (patient1/tumor)`, as `annotate --report` names it. None otherwise (an output written elsewhere,
    `-o ../patientN.alk.vcf`, keeps its own name)."""
    recorded = {s.get("annotated_from") for s in group}
    if len(recorded) != 1 or len({parts[-1] for parts in given}) != 1:
        return None
    path = next(iter(recorded))
    if path is None or not names_a_file(path) or _is_absolute(path):
        return None
    stem = file_stem(path_parts(path)[-1])
    if len(group) == 1 and not (_says_nothing(stem) and given[0][-1].startswith(stem + ".")):
        return None
    anchored = []
    for parts in given:  # the output's folders, made absolute by _path_parts, and the recorded path ('../x.vcf' too)
        *folders, name = path_parts("/".join(("", *parts[:-1], path.replace("\\", "/"))))
        anchored.append((*folders, file_stem(name)))
    return anchored if len(set(anchored)) == len(anchored) else None


def _is_absolute(path: str) -> bool:
    """'/data/x.vcf', 'C:\\data\\x.vcf', '\\\\server\\x.vcf': a path recorded whole, which a folder of the output
    given does not complete."""
    path = path.replace("\\", "/")
    return path.startswith("/") or path[1:3] == ":/"


def _with_run_folders(group: list[dict], parts: list[tuple[str, ...]], out: list[str]) -> list[str]:
    """A caller's own output name or a generic file stem (_says_nothing), for a generic sample name, with its run's
    folder (every patient's run writes it, per-run reports)."""
    return [
        run_folder(mine) if s["sample"].upper() in GENERIC_NAMES and _says_nothing(text) else text
        for s, mine, text in zip(group, parts, out)
    ]


def _says_nothing(stem: str) -> bool:
    """A file stem every patient's run may have: a caller's own output name, or the generic sample's own name
    (`results/patient1/tumor.vcf.gz`: a per-run report labelled every patient `TUMOR (tumor)`, one MultiQC row;
    cohort49b); so too either followed by a further suffix, `tumor.filtered`, `somatic.snvs.pass` (cohort50: per-run
    reports of results/patientN/tumor.filtered.vcf.gz were one MultiQC row, `TUMOR (tumor.filtered)`)."""
    if "/" in stem:  # a qualifier that names a folder says it
        return False
    return stem.split(".", 1)[0].upper() in GENERIC_NAMES or any(
        stem == name or stem.startswith(name + ".") for name in CALLER_OUTPUT_STEMS
    )


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


# sample names a caller gives every run (Strelka2: TUMOR and NORMAL): MultiQC would merge such rows of
# different patients into one, so they are named by their file as well
GENERIC_NAMES = frozenset({"TUMOR", "NORMAL", "TUMOUR"})


def sample_labels(samples: Sequence[dict]) -> list[str]:
    """The label of each sample (JSON `label`, the summary lists and boxes, the grid, the MultiQC row), unique within
    the report: its name; 'NAME (file stem)' where the name is a caller's generic one or occurs twice in this report
    (of an annotated output, the stem of the file it was annotated from where those tell the inputs apart,
    _group_qualifiers);
    where two such inputs share a file name (Strelka2's results/variants/somatic.snvs.vcf.gz in every patient's
    folder), the stem with the nearest folder that tells them apart ('TUMOR (P001/…/somatic.snvs)',
    input_qualifiers); a label still taken (one file given twice) gets a number ('TUMOR (pA) #2')."""
    known = getattr(samples, "labels", None)  # spooled documents carry theirs (report/sample_store.py)
    if known is not None:
        return list(known)
    counts: dict[str, int] = {}
    for s in samples:
        counts[s["sample"]] = counts.get(s["sample"], 0) + 1
    named = [s["sample"].upper() in GENERIC_NAMES or counts[s["sample"]] > 1 for s in samples]
    groups: dict[str, list[int]] = {}
    for i, s in enumerate(samples):
        if named[i]:
            groups.setdefault(s["sample"], []).append(i)
    qualifier: dict[int, str] = {}
    for members in groups.values():
        qualifier.update(zip(members, _group_qualifiers([samples[i] for i in members])))
    labels, seen = [], set()
    for i, s in enumerate(samples):
        label = f"{s['sample']} ({qualifier[i]})" if named[i] else s["sample"]
        number, unique = 1, label
        while unique in seen:
            number += 1
            unique = f"{label} #{number}"
        seen.add(unique)
        labels.append(unique)
    return labels


def label_saying(label: str, sample: str, said: str) -> str:
    """A sample's label with what a box says beside it, in one bracket: 'S1_T (S1; if progressed: ...)' where the label
    has a qualifier ('S1_T (S1)', sample_labels), 'P2_T (if progressed: ...)' where it is the name (stop 54, text54: it
    was 'S1_T (S1) (if progressed: ...)'); a numbered label ('TUMOR (pA) #2') keeps its number before the bracket."""
    if label.startswith(f"{sample} (") and label.endswith(")"):
        return f"{label[:-1]}; {said})"
    return f"{label} ({said})"


__all__ = ["CALLER_OUTPUT_STEMS", "GENERIC_NAMES", "input_qualifiers", "label_saying", "run_folder", "sample_labels"]
