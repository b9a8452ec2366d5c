"""The files of one run, checked before any work (`annotate_file` and `report_files` call these, so the Python API
is as safe as the command line): no output replaces an input (a sample sheet, an SV file, a --kb file), no two
inputs read standard input, a report prefix names files that can be written, and `-o` is none of the report's
files. Each problem is one InputError (exit 3) or UsageProblem (exit 2) naming the file."""

from __future__ import annotations

import os
import stat
import sys

from .errors import InputError, OptionProblem, UsageProblem
from .output import FILE, check_replaceable, classify, refuse_overwriting_inputs

_STDIN = ("-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0")


def input_files(
    samples_path, sv_paths, fusion_paths, html_template, main_inputs, kb_dir=None
) -> list[tuple[str, str | None]]:
    """The run's input files as (option, path): what no output may replace (the files of a --kb directory too:
    a report prefix inside it would replace the lab's curated calls.tsv; pipeline review 2026-12-01, finding 3)."""
    found = [("--samples", samples_path), ("--html-template", html_template)]
    found += [("--sv", p) for p in sv_paths] + [("--fusions", p) for p in fusion_paths]
    found += [("--kb", path) for path in _kb_files(kb_dir)]
    return found + [pair if isinstance(pair, tuple) else ("input", pair) for pair in main_inputs]


def check_annotate_paths(options) -> None:
    """`alkannot annotate`'s files (an AnnotateOptions): one reader of standard input, the report prefix, `-o`
    apart from the report's files, and no output over an input."""
    inputs = input_files(
        options.samples_path,
        options.sv_paths,
        options.fusion_paths,
        options.html_template,
        [("input", options.input_path)],
        options.kb_dir,
    )
    one_reader_of_stdin(inputs)
    if options.report_prefix:
        check_report_prefix(options.report_prefix, inputs)
        check_distinct_outputs(options.output_path, options.report_prefix)
    refuse_overwriting_inputs([options.output_path], inputs)
    # a missing folder, a directory, a read-only file: said before pass 1 and its warnings (corpus51)
    if classify(options.output_path) == FILE:
        check_replaceable(os.path.realpath(options.output_path), options.output_path)


def check_report_paths(vcfs, out_prefix: str, samples_path, sv_paths, fusion_paths, html_template, kb_dir) -> None:
    """`alkannot report`'s files: at least one input, one reader of standard input, and the report prefix (`--out`)."""
    if isinstance(vcfs, str) or not vcfs:
        raise UsageProblem("report needs a list of one or more annotated VCFs or MAF files")
    inputs = input_files(samples_path, sv_paths, fusion_paths, html_template, vcfs, kb_dir)
    one_reader_of_stdin(inputs, "VCF|MAF")
    check_report_prefix(out_prefix, inputs, "--out")


def one_reader_of_stdin(inputs: list[tuple[str, str | None]], positional: str = "INPUT") -> None:
    """`annotate - --sv -`: two inputs cannot both read standard input; one would find it empty (pipeline review
    2026-12-01, fourth reading, finding 7). 'SAMPLE=-' reads it too. The input argument is named as the command's
    --help names it (`positional`: report's is VCF|MAF)."""
    readers = [(option, spelled) for option, path in inputs if (spelled := _stdin_spelling(path)) is not None]
    if len(readers) < 2:
        return
    groups: dict[str, list[str]] = {}
    for option, spelled in sorted(readers, key=lambda r: r[0] != "input"):
        groups.setdefault(positional if option == "input" else option, []).append(spelled)
    spellings = dict.fromkeys(s for values in groups.values() for s in values)
    if len(spellings) == 1:  # the one name the user wrote, '-' or '/dev/stdin' (pipeline review eng48b, finding 2)
        named = " and ".join(groups) if len(groups) > 1 else f"{next(iter(groups))} {len(readers)} times"
        raise UsageProblem(
            f"standard input ('{next(iter(spellings))}') is given to {named}: only one input can read it"
        )
    named = " and ".join(
        f"{name if len(values) == 1 else f'{name} {len(values)} times'} ({', '.join(repr(v) for v in values)})"
        for name, values in groups.items()
    )
    raise UsageProblem(f"standard input is given to {named}: only one input can read it")


def _stdin_spelling(path: str | None) -> str | None:
    """How `path` names standard input ('-', '/dev/stdin', 'SAMPLE=-' as '-'), or None."""
    if path is None:
        return None
    return next((name for name in _STDIN if path == name or path.endswith(f"={name}")), None)


def check_report_prefix(prefix: str, inputs: list[tuple[str, str | None]], option: str = "--report") -> None:
    """Fail before any work when a report file could not be written (a missing directory, a directory
    where a file belongs) or is one of the run's input files: one line naming that file, exit 3. `option`: the
    prefix's option as the user gave it (`report --out`; pipeline review of stop 32, finding 9)."""
    from .report import REPORT_SUFFIXES

    if prefix.endswith(("/", os.sep)) or os.path.basename(prefix) in ("", ".", "..") or os.path.isdir(prefix):
        # 'repdir/' would write the hidden files repdir/.tsv, .json, ...
        raise InputError(f"{option} takes a file-name prefix, not a directory (e.g. DIR/alk_report)", prefix)
    # a device or a name directly in /dev or /proc; a directory below /dev (/dev/shm, a container's scratch tmpfs)
    # is a directory like any other (pipeline review of stop 36, finding 1)
    parent = os.path.dirname(os.path.abspath(prefix))
    device = parent in ("/dev", "/proc") or parent.startswith("/proc/")
    device = device or (os.path.exists(prefix) and not os.path.isfile(prefix))
    if prefix == "-" or device:
        # '/dev/null' would write /dev/null.tsv, .json, ... as regular files in /dev; '-' would write '-.tsv'
        raise InputError(
            f"{option} takes a file-name prefix (PREFIX.tsv, .json, .html and _mqc.tsv are written), not standard "
            "output or a device",
            prefix,
        )
    suffixes = sorted((*REPORT_SUFFIXES, ".htm"), key=len, reverse=True)  # _mqc.tsv before .tsv
    named = next((s for s in suffixes if prefix.lower().endswith(s)), None)
    if named is not None:
        # `--report alk_report.html` wrote alk_report.html.html, .html.tsv, ... (fresh-eyes review of stop 45, p1)
        stem = prefix[: -len(named)]
        stem = stem if os.path.basename(stem) else stem + "alk_report"  # `--report .html`: hidden files
        raise InputError(
            f"{option} takes a file-name prefix, not the name of a report file: it would write {prefix}.tsv, "
            f"{prefix}.json, {prefix}.html and {prefix}_mqc.tsv; give {option} {stem}",
            prefix,
        )
    for suffix in REPORT_SUFFIXES:
        classify(prefix + suffix)
    refuse_overwriting_inputs([prefix + suffix for suffix in REPORT_SUFFIXES], inputs)


def check_distinct_outputs(output: str, report_prefix: str) -> None:
    """`-o rep.tsv --report rep` would write the report's table over the annotated VCF."""
    from .report import REPORT_SUFFIXES

    reports = [report_prefix + s for s in REPORT_SUFFIXES]
    if output != "-" and os.path.realpath(output) in {os.path.realpath(r) for r in reports}:
        raise InputError("-o names one of the --report files; give them different names", output)
    if output == "-" and (report := _stdout_file_among(reports)):
        # `annotate in.vcf --report rep > rep.tsv`: the report's rename would replace the annotated VCF, exit 0
        # (pipeline review of stop 35, finding 1)
        raise InputError("standard output is one of the --report files: redirect the VCF elsewhere or use -o", report)


def _stdout_file_among(paths: list[str]) -> str | None:
    """The path among `paths` that standard output is (a regular file, by device and inode), else None."""
    try:
        out = os.fstat(1)
    except OSError:
        return None
    if not stat.S_ISREG(out.st_mode):
        return None
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino):
            return path
    return None


def file_identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of a regular file: the same file whatever its spelling (a relative or absolute path, a symbolic
    or hard link); None for '-', a pipe, a device or a path that cannot be read (its reader says why). A file given
    twice as inputs (cohort.refuse_repeated_inputs) or as --sv (fusion_evidence) is found by it."""
    try:
        info = os.stat(path) if path != "-" else None
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if info is not None and stat.S_ISREG(info.st_mode) else None


def _kb_files(kb_dir: str | None) -> list[str]:
    try:
        return [os.path.join(kb_dir, name) for name in sorted(os.listdir(kb_dir))] if kb_dir else []
    except OSError:  # not a readable directory: loading the knowledge base says so
        return []


def refuse_empty_paths(*named: dict[str, str | tuple[str, ...] | None]) -> None:
    """`-o "$OUT"` with OUT unset is a usage error (exit 2), not a file named '' (whose temporary file landed in
    the parent directory) nor, for --report '', silently no report (pipeline review 2026-12-01, finding 5). `named`:
    each option's value (a tuple for a repeatable option), by the option's name as the message gives it."""
    for paths in named:
        for hint, value in paths.items():
            values = value if isinstance(value, tuple) else (value,)
            # 'SAMPLE=$UNSET' is the commoner form of the same mistake (review of the day's changes, finding 9)
            if any(v is not None and (v == "" or (isinstance(value, tuple) and v.endswith("="))) for v in values):
                raise OptionProblem("an empty path (an unset variable in the pipeline?)", hint)


def check_index_target(output: str, index: str | None = None) -> None:
    """-W/--write-index writes OUTPUT.csi (or .tbi) beside the output: a regular file, not a device or a pipe.
    `index`: the Python API's write_index, said in its keywords (pipe50c: api.annotate said 'an index needs a regular
    output file' after the first pass)."""
    if classify(output) == FILE:
        return
    if index:
        said = f'"{index}" needs an output file to write the index beside: {output} is a device or a pipe'
        raise OptionProblem(f"{said} (give an output path)", "write_index")
    raise OptionProblem(
        f"-W/--write-index needs an output file to write the index beside: {output} is a device or a pipe "
        "(give -o PATH)"
    )


def refuse_terminal_input(input_path: str, by_default: bool) -> None:
    """No INPUT (`by_default`: the '-' annotate reads when none is named) and a terminal on stdin: a forgotten file
    name (or `annotate $VCF` with VCF empty), not a VCF about to be typed; a usage error, as bcftools prints its
    usage, instead of waiting silently. An explicit '-' still reads the terminal."""
    if input_path == "-" and by_default and sys.stdin is not None and sys.stdin.isatty():
        raise OptionProblem("no INPUT given and stdin is a terminal: name a VCF/BCF, or pipe one in with '-'")


__all__ = [
    "input_files",
    "refuse_terminal_input",
    "refuse_empty_paths",
    "check_index_target",
    "check_annotate_paths",
    "check_report_paths",
    "one_reader_of_stdin",
    "check_report_prefix",
    "file_identity",
]
