"""Whose `--sv` file is this, in `alkannot report` over several inputs? One patient's SV calls are never given to
another's input (cohort review 6, finding 1).

- `--sv SAMPLE=PATH` belongs to the input(s) that hold SAMPLE; its build is checked against those only. A SAMPLE
  that is in no input is warned about once and the file is not used.
- `--sv PATH` belongs to the input(s) holding a sample named as one of its columns, and only to them.
- A file none of whose columns names a sample of any input (SvABA and GRIDSS name samples by BAM path; Manta
  writes TUMOR) is taken to be the one tumour's only where that is unambiguous: one input, or one patient across
  all inputs. Otherwise, and where a column names samples of two inputs (Strelka2's TUMOR in two files), it is a
  usage error asking for `--sv SAMPLE=PATH` (exit 2).

A fusion table (Arriba, STAR-Fusion) has no sample column: `--fusions PATH` counts for every sample, which is
right only where the run reports one patient. With more than one, across the inputs of a report or within one
input, it is a usage error asking for `--fusions SAMPLE=PATH` (exit 2): one patient's RNA fusion is never given to
another (the same risk as cohort review 6, finding 1, for --sv).
"""

from __future__ import annotations

import os

from .errors import InputError, UsageProblem, cannot_read
from .log import log
from .records import record


@record(frozen=True)
class InputSamples:
    """One input of the report: its name, the samples an SV column can name, the tumour an SV column of another
    name can be taken to be (svsamples.match_samples), the patients it reports."""

    display: str
    samples: tuple[str, ...]
    tumours: tuple[str, ...]
    patients: tuple[str, ...]


def assign_sv_files(specs, inputs: list[InputSamples]) -> list[tuple[str, ...]]:
    """Per input (in order), the `--sv [SAMPLE=]PATH` specs that belong to it."""
    if len(inputs) <= 1:
        return [tuple(specs)] * len(inputs)  # one input: annotate's rules (svsamples.match_samples)
    from .svio import sample_path_spec

    owned: list[list[str]] = [[] for _ in inputs]
    for spec in specs:
        owner, path = sample_path_spec(spec)
        holders = _explicit_holders(owner, spec, inputs) if owner is not None else _holders_by_name(path, inputs)
        for index in holders:
            owned[index].append(spec)
    return [tuple(o) for o in owned]


def elsewhere(inputs: list[InputSamples], index: int) -> frozenset[str]:
    """The samples of the other inputs: an SV column named as one of them is never this input's."""
    mine = set(inputs[index].samples)
    return frozenset(s for i, x in enumerate(inputs) if i != index for s in x.samples if s not in mine)


def _names(inputs: list[InputSamples], indices) -> str:
    return ", ".join(inputs[i].display for i in indices)


def _explicit_holders(owner: str, spec: str, inputs: list[InputSamples]) -> list[int]:
    holders = [i for i, x in enumerate(inputs) if owner in x.samples]
    if not holders:  # an error, as in annotate: a typo would drop the file's evidence (pipeline review of stop 42, 2)
        raise InputError(
            f"--sv {spec}: no sample {owner!r} in any input of this report ("
            + _names(inputs, range(min(len(inputs), 10)))
            + (", ..." if len(inputs) > 10 else "")
            + ")",
            spec.partition("=")[2],
        )
    return holders


def check_named_owners(flag: str, specs, inputs: list[InputSamples]) -> None:
    """A usage error where `SAMPLE=` names a sample that two inputs hold (Strelka2's TUMOR in two files): it cannot
    say whose file it is, and giving it to each would give one patient's fusion to another (review of the day's
    changes, seventh reading, findings 1 and 2)."""
    from .svio import sample_path_spec

    for spec in specs:
        owner, path = sample_path_spec(spec)
        holders = [i for i, x in enumerate(inputs) if owner is not None and owner in x.samples]
        if len(holders) > 1:
            raise UsageProblem(
                f"{flag} {owner}=...: sample {owner!r} is in {len(holders)} inputs ({_names(inputs, holders)}), so "
                f"SAMPLE= cannot say whose file this is; annotate each input with its own file (alkannot annotate "
                f"INPUT {flag} PATH) and report the annotated files",
                path,
            )


def _holders_by_name(path: str, inputs: list[InputSamples]) -> list[int]:
    from .svio import sv_file_samples

    if path == "-" or (os.path.exists(path) and not os.path.isfile(path)):  # a stream's header cannot be read twice
        raise UsageProblem(
            f"in a report of {len(inputs)} inputs an SV file read from a stream needs --sv SAMPLE=PATH", path
        )
    columns, _ = sv_file_samples(path)
    holders = {c: [i for i, x in enumerate(inputs) if c in x.samples] for c in columns}
    shared_all = [c for c, h in holders.items() if len(h) > 1]
    # the tumour of the shared name, not the normal column before it (Strelka2's NORMAL, TUMOR): the SV calls are its
    shared = next((c for c in shared_all if any(c in inputs[i].tumours for i in holders[c])), None)
    shared = shared or (shared_all[0] if shared_all else None)
    if shared is not None:
        raise UsageProblem(
            f"cannot tell whose SV calls these are: its sample {shared!r} is in {len(holders[shared])} inputs "
            f"({_names(inputs, holders[shared])}); annotate each input with its own SV file "
            "(alkannot annotate INPUT --sv PATH) and report the annotated files",
            path,
        )
    owners = sorted({h[0] for h in holders.values() if h})
    if owners:
        return owners
    candidates = [i for i, x in enumerate(inputs) for _ in x.patients]
    if len(candidates) == 1 and inputs[candidates[0]].tumours:
        return candidates  # one patient in the whole report: svsamples.match_samples matches it, with a warning
    what = f"its sample(s) {', '.join(map(repr, columns))} are in no input" if columns else "it has no sample column"
    raise UsageProblem(
        f"cannot tell whose SV calls these are: {what} (the {len(inputs)} inputs report {len(candidates)} "
        "patients); give --sv SAMPLE=PATH to say whose",
        path,
    )


def _check_readable(path: str) -> None:
    """An InputError (exit 3) for a fusion table that is missing, a folder or not readable; checked without opening
    it, as a `<(...)` table can be read only once."""
    import errno

    if path == "-":  # standard input: read_fusion_table says whether it can be read
        return
    try:
        os.stat(path)
    except OSError as err:
        raise InputError(cannot_read("fusion table", err), path) from None
    code = errno.EISDIR if os.path.isdir(path) else None if os.access(path, os.R_OK) else errno.EACCES
    if code is not None:
        raise InputError(cannot_read("fusion table", os.strerror(code)), path)


def check_unnamed_fusion_tables(specs, patients) -> None:
    """A usage error where a `--fusions PATH` without SAMPLE= would count for more than one patient (`patients`:
    (input, name) of every patient the run reports, over all its inputs: two inputs' TUMOR are two patients)."""
    from .svio import sample_path_spec

    unnamed = [path for owner, path in map(sample_path_spec, specs) if owner is None]
    for path in unnamed:  # a table that cannot be read is that, not a usage problem (review 20, finding 4)
        _check_readable(path)
    reported = list(dict.fromkeys(patients))
    if unnamed and len(reported) > 1:
        names = [name for _, name in reported]
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        advice = (  # SAMPLE= cannot tell apart two inputs' TUMOR (check_named_owners)
            "annotate each input with its own table (alkannot annotate INPUT --fusions PATH) and report the "
            "annotated files"
            if len(set(names)) < len(names)
            else "give --fusions SAMPLE=PATH to say whose"
        )
        raise UsageProblem(
            f"a fusion table has no sample column, and this run reports {len(reported)} patients ({shown}); {advice}",
            unnamed[0],
        )


def check_input_specs(
    options, samples, patients, display: str, elsewhere: frozenset[str] = frozenset(), columns: bool = True
) -> None:
    """One input's `--sv`/`--fusions` specs: a fusion table without SAMPLE= where the input reports more than one
    patient is a usage error; a `SAMPLE=` naming no sample of this input (without `columns`, a sites-only input: its
    one name, from --tumor or the file name) nor of a cohort report's other inputs (`elsewhere`) is an error, as
    `--tumor NOPE` is: a typo ('P5-T=' for 'P5_T=') dropped the file's evidence with exit 0 (pipeline review of stop
    42, finding 2); a `SAMPLE=` naming a sample of the input that is not reported (a matched normal) is warned about,
    as its file then counts for no reported sample (review of the day's changes, seventh, finding 15)."""
    from .svio import sample_path_spec

    check_unnamed_fusion_tables(options.fusion_paths, [(display, p) for p in patients])
    for flag, specs in (("--sv", options.sv_paths), ("--fusions", options.fusion_paths)):
        for owner, path in map(sample_path_spec, specs):
            if owner is not None and owner not in samples and owner not in elsewhere:
                other = " nor in the report's other inputs" if elsewhere else ""
                if not columns:  # its one sample is named by --tumor or the file name: the evidence was dropped
                    # with a warning and exit 0 before stop 47 (open item (ii) of stop 46)
                    raise InputError(
                        f"{flag} {owner}={path}: no such sample in this input{other} (a sites-only input: its one "
                        f"sample is {samples[0]!r}: name it with --tumor {owner})",
                        display,
                    )
                raise InputError(
                    f"{flag} {owner}={path}: no such sample in this input{other} (samples: {', '.join(samples)})",
                    display,
                )
            if owner is not None and owner in samples and owner not in patients:
                log.warning(
                    "%s: %s %s=%s: %r is not a reported sample of this input (a matched normal?), so the file counts "
                    "for no reported sample; name the tumour",
                    display,
                    flag,
                    owner,
                    path,
                    owner,
                )


__all__ = [
    "InputSamples",
    "assign_sv_files",
    "check_input_specs",
    "check_named_owners",
    "check_unnamed_fusion_tables",
    "elsewhere",
]
