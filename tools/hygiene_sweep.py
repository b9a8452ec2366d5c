"""Are the data-safety promises kept on real files? README: "No input record is ever lost or altered except for the
INFO keys and header lines alkannot adds. Re-annotating alkannot's own output replaces its keys instead of
duplicating them. Output is written to a temporary file and renamed, so a failed run leaves no partial file."

Each VCF/BCF is annotated as text (-Ov), bgzipped VCF (-Oz) and BCF (-Ob), in this process (cli.main, as the
entry point calls it), and checked:

  a  `bcftools view` reads each output with no warning or error the input did not give (read by name, or as a
     stream, without the index beside it, as a reader of an output that has no index reads it);
  b  vcftools' `vcf-validator` gives no message on the text output that it did not give on the input (text
     inputs; skipped where vcf-validator is not installed);
  c  every record, and every header line, is the input's byte for byte once alkannot's INFO keys (those its
     header defines with Source="alkannot", of this run or an earlier one) and its header lines (##alkannot...,
     its ##INFO lines) are taken out: the text and -Oz outputs against the input's text, every header line as
     written (README "Header lines as written"; only the bare ##contig lines htslib adds from a bgzipped input's
     index, as bcftools view does, README "No region options", make the outcome `ok_documented`), the -Ob output
     (and any output of a BCF input) after `bcftools view --no-version` of both: there the header is htslib's, so
     the ##FILTER=<ID=PASS> line, which htslib writes in every header with its own description, is not compared,
     and what README documents htslib to drop or rewrite (a line alkannot names in a warning, white space, IDX=, a
     structured line repeated word for word) makes the outcome `ok_documented` (-v lists them);
  d  annotating each output again, to every output type (-Ov, -Oz, -Ob, -Ou) and read by name and on standard
     input, gives no INFO key twice in a record, no header line or ##INFO ID twice, and the same file but the
     ##alkannotCommand/##alkannotVersion lines (text to text: the uncompressed bytes; a BCF on either side: as
     `bcftools view` prints both);
  e  a truncated bgzip of the input (the -Oz output cut in half, and cut inside its last block of records) fails
     (exit != 0) with `-o DIR/out.vcf.gz -W`, `-o DIR/out.bcf` and `-o DIR/out.vcf`, and leaves nothing in DIR;
  f  the input read on standard input (-Oz) is refused as it is by name, in one line naming `<stdin>`, or gives the
     output by name but for a sites-only input's sample name and the ##contig lines of the input's index (README
     "No region options").

An input annotate refuses as text (exit != 0: a malformed file, an input that needs options) is counted as
`refused` and checked by f only; `-Ob` refused where text is accepted (a POS or value BCF cannot hold, README
"BCF") is `bcf_refused` and the BCF checks are skipped. Each problem is printed as `FILE: CHECK: detail`; the last
lines are the table of outcomes (a file's outcome: `ok`, `refused`, or the checks it failed, `+`-joined).

    python3 tools/hygiene_sweep.py                      # example_vcfs, tests/data, 40 files of the corpus
    python3 tools/hygiene_sweep.py --corpus 0 FILE...   # the given files (or directories) only
    python3 tools/hygiene_sweep.py --corpus 40 --seed 47 --corpus-dir ../shared/corpus/vcf
    python3 tools/hygiene_sweep.py --large ...           # every file on the path of inputs of 1 MiB or more

The corpus sample leaves out files under a `failed/` folder (made malformed on purpose: they are refused, which
tests/test_corpus* cover). Needs bcftools on PATH. Exit 0 when every accepted file passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".vcf", ".vcf.gz", ".vcf.bgz", ".bcf")
_ALKANNOT_INFO = re.compile(rb'^##INFO=<ID=([^,>]+),.*Source="alkannot"')
_PASS = b"##FILTER=<ID=PASS,"
PASSED = {"ok", "ok_documented", "refused", "bcf_refused"}
_STRUCTURED = re.compile(rb"^##[^=]+=<ID=")
_INFO_ID = re.compile(rb"^##INFO=<ID=([^,>]+)")
_INPUT_LINE = re.compile(rb'(?m)^(##alkannotSample=<.*),Input=("(?:[^"\\]|\\.)*"|[^,>"]*)>$')
_INPUT = re.compile(rb'(?m)^##alkannotSample=<.*,Input=("(?:[^"\\]|\\.)*"|[^,>"]*)>\r?$')
# the lines that name the run, not the calls (README "--no-version")
_RUN_LINES = (b"##alkannotCommand=", b"##alkannotVersion=")


def inputs(paths: list[str]) -> list[Path]:
    """The VCF/BCF files among `paths` (directories walked), sorted."""
    found: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            found.extend(p for p in given.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))
        elif given.is_file():
            found.append(given)
    return sorted(set(found))


def corpus_sample(directory: Path, count: int, seed: int) -> list[Path]:
    files = [p for p in inputs([str(directory)]) if "failed" not in p.relative_to(directory).parts]
    return sorted(random.Random(seed).sample(files, min(count, len(files))))


def annotate(args: list[str], quiet: bool = True, stdin: Path | None = None) -> tuple[int, list[str]]:
    """`alkannot [-q] annotate ARGS` in this process, as the entry point runs it: (exit code, its messages).
    `stdin`: a file given as standard input (read by alkannot through sys.stdin.buffer, for INPUT `-`)."""
    if stdin is not None:
        saved = sys.stdin
        with open(stdin, "rb") as given:
            sys.stdin = io.TextIOWrapper(given)
            try:
                return annotate(args, quiet)
            finally:
                sys.stdin = saved
    import logging

    import alkannot.cli as cli

    errors = io.StringIO()
    code = 0
    # alkannot's handlers turn SIGTERM/SIGINT into its own exit, which would end one file's run, not the sweep
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    # the process's logging as it was (a test's log capture, its level), given back after the run: alkannot's set-up
    # (-q: the root logger at ERROR) would otherwise stay for the rest of the process
    saved_handlers, saved_level = list(logging.root.handlers), logging.root.level
    logging.root.handlers.clear()  # so that each run's logging set-up takes (basicConfig does nothing twice)
    with contextlib.redirect_stderr(errors):
        try:
            cli.main([*(["-q"] if quiet else []), "annotate", *args], prog_name="alkannot")
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    logging.root.handlers[:] = saved_handlers
    logging.root.setLevel(saved_level)
    for number, handler in handlers.items():
        signal.signal(number, handler)
    return code, errors.getvalue().strip().splitlines() or [""]


def text_of(path: Path) -> bytes:
    """A text or bgzipped VCF's bytes, uncompressed."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def is_bcf(path: Path) -> bool:
    with open(path, "rb") as handle:
        start = handle.read(18)
    if start[:2] == b"\x1f\x8b":
        with contextlib.suppress(OSError, EOFError):
            start = gzip.open(path).read(3)
    return start[:3] == b"BCF"


def bcftools_view(path: Path, stream: bool = False) -> tuple[int, bytes, set[str]]:
    """`bcftools view --no-version`: exit code, output, its messages with the file's name taken out. `stream`: the
    file read on standard input, where htslib finds no index to complete the header with."""
    with open(path, "rb") as given:
        done = subprocess.run(
            ["bcftools", "view", "--no-version", "-" if stream else str(path)],
            stdin=given if stream else subprocess.DEVNULL,
            capture_output=True,
        )
    messages = done.stderr.decode(errors="replace").replace(str(path), "FILE").splitlines()
    # a message quoting the header from a line on (htslib's "Incomplete header line" after an unterminated quote
    # quotes every line after it, alkannot's too): the quoted lines are the file's, not messages
    return done.returncode, done.stdout, {m.strip() for m in messages if m.strip() and not m.startswith("#")}


def vcf_validator(path: Path) -> set[str] | None:
    """vcftools' vcf-validator messages on a text VCF (None: not installed)."""
    if shutil.which("vcf-validator") is None:
        return None
    done = subprocess.run(["vcf-validator", str(path)], capture_output=True, timeout=300)
    text = (done.stdout + done.stderr).decode(errors="replace").replace(str(path), "FILE")
    return {_validator_message(line) for line in text.splitlines() if line.strip()}


def _validator_message(line: str) -> str:
    """A vcf-validator message comparable across runs: its comma-joined tags sorted (Perl hash order), Perl's
    addresses and line numbers (the header's length moves them) taken out."""
    line = re.sub(r"0x[0-9a-f]+", "0x", re.sub(r"line \d+", "line N", line.strip()))
    line = re.sub(r"^column \S+ at ", "column SAMPLE at ", line)  # the first sample with the problem, in hash order
    head, joined, tail = line.partition(" .. ")
    return head + joined + ",".join(sorted(tail.split(","))) if joined else line


def split(text: bytes) -> tuple[list[bytes], list[bytes]]:
    """(header lines, record lines) of a VCF's text, line ends kept out."""
    lines = text.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    header = [line for line in lines if line.startswith(b"#")]
    return header, lines[len(header) :]


def alkannot_keys(*headers: list[bytes]) -> set[bytes]:
    return {m.group(1) for header in headers for line in header if (m := _ALKANNOT_INFO.match(line))}


def is_alkannot_line(line: bytes) -> bool:
    return line.startswith(b"##alkannot") or _ALKANNOT_INFO.match(line) is not None


def stripped_record(line: bytes, keys: set[bytes]) -> bytes:
    """`line` without the INFO entries of `keys` ('.' where nothing is left)."""
    fields = line.split(b"\t")
    if len(fields) < 8:
        return line
    kept = [entry for entry in fields[7].split(b";") if entry.split(b"=", 1)[0] not in keys]
    fields[7] = b";".join(kept) if kept and kept != [b"."] else b"."
    return b"\t".join(fields)


def _comparable(line: bytes) -> bytes:
    """A header line as compared: without white space and IDX=, which htslib changes in a line it keeps and which
    alkannot does not name (README "Header lines htslib does not keep as written")."""
    return re.sub(rb",IDX=\d+", b"", b"".join(line.split()))


def _placeholder(line: bytes) -> bool:
    """htslib's declaration of what a BCF's records use undeclared (README "BCF"): a Dummy ##INFO/##FORMAT/##FILTER
    line or a bare ##contig line."""
    return b'Description="Dummy"' in line or re.fullmatch(rb"##contig=<ID=[^,]+>", line) is not None


def index_names(path: Path) -> set[bytes]:
    """The sequences a .tbi/.csi beside a bgzipped `path` lists (`tabix -l`), for which htslib adds a ##contig line
    where the header has none, as bcftools view does (README "No region options")."""
    names: set[bytes] = set()
    stem = str(path)[: str(path).rfind(".")]
    for index in {f"{path}.tbi", f"{path}.csi", f"{stem}.tbi", f"{stem}.csi"}:
        if os.path.isfile(index) and shutil.which("tabix"):
            done = subprocess.run(["tabix", "-l", str(path)], capture_output=True)
            names.update(done.stdout.split() if done.returncode == 0 else ())
    return names


def compare(
    input_text: bytes,
    output_text: bytes,
    where: str,
    warnings: list[str],
    bcf: bool = False,
    indexed: set[bytes] | None = None,
) -> tuple[list[str], list[str]]:
    """Check c on one output: its header and records, alkannot's keys and lines taken out, against the input's.
    (problems, documented differences): a bare ##contig line of a sequence the input's index lists (`indexed`) is
    documented; `bcf` (the outputs as `bcftools view` prints them): the header is htslib's, so a line lost that
    alkannot's `warnings` name is documented too, and lines are compared without white space and IDX=, PASS's
    line left out, a structured line repeated word for word counted once; else every line as written."""
    in_header, in_records = split(input_text)
    out_header, out_records = split(output_text)
    keys = alkannot_keys(in_header, out_header)
    problems: list[str] = []
    documented: list[str] = []

    def kept_header(header: list[bytes]) -> tuple[list[tuple[int, bytes]], int]:
        """(line number, comparable line) of each line compared, and how many structured lines repeat an earlier
        one word for word (htslib keeps one: nothing is lost)."""
        seen: set[bytes] = set()
        kept, repeated = [], 0
        for number, line in enumerate(header, start=1):
            # htslib writes a ##FILTER=<ID=PASS> line, its own description, in every header (bcftools view too)
            if is_alkannot_line(line) or (bcf and line.startswith(_PASS)):
                continue
            comparable = _comparable(line) if bcf else line
            if bcf and comparable in seen and _STRUCTURED.match(line):
                repeated += 1
                continue
            seen.add(comparable)
            kept.append((number, comparable))
        return kept, repeated

    (before, in_repeated), (after, out_repeated) = kept_header(in_header), kept_header(out_header)
    if in_repeated > out_repeated:
        documented.append(f"{where}: {in_repeated - out_repeated} structured header line(s) repeated word for word")
    old, new = [line for _, line in before], [line for _, line in after]
    if old != new:
        said = "\n".join(warnings)
        lost = [(number, line) for number, line in before if line not in new]
        # each line htslib drops or rewrites (an unterminated quote closed) is named by its line number
        unsaid = [line for number, line in lost if f":{number}: header line" not in said]
        rewritten = {line[:20] for number, line in lost if f":{number}: header line" in said}
        added = [
            line for line in new if line not in old and not (bcf and _placeholder(line)) and line[:20] not in rewritten
        ]
        from_index = [line for line in added if _placeholder(line) and line[13:-1] in (indexed or set())]
        added = [line for line in added if line not in from_index]
        if from_index:
            documented.append(f"{where}: {len(from_index)} ##contig line(s) htslib adds from the input's index")
        if unsaid or added:
            shown = (unsaid or added)[0][:120].decode(errors="replace")
            problems.append(f"c: {where}: header differs ({len(unsaid)} lost, {len(added)} added; first: {shown})")
        elif lost:
            documented.append(f"{where}: {len(lost)} header line(s) htslib drops or rewrites, named in a warning")
        elif [line for line in old if line in new] != [line for line in new if line in old]:
            problems.append(f"c: {where}: header lines in another order")
    if len(in_records) != len(out_records):
        problems.append(f"c: {where}: {len(in_records)} records in, {len(out_records)} out")
    for number, (old, new) in enumerate(zip(in_records, out_records), start=1):
        if stripped_record(old, keys) != stripped_record(new, keys):
            problems.append(
                f"c: {where}: record {number} altered: {old[:100].decode(errors='replace')!r} -> "
                f"{new[:100].decode(errors='replace')!r}"
            )
            break
    return problems, documented


def duplicates(text: bytes, input_text: bytes) -> list[str]:
    """Check d's duplicates: header lines, ##INFO IDs, INFO keys of a record, beyond those of the input."""
    header, records = split(text)
    in_header, in_records = split(input_text)
    problems = []
    twice = {line for line, n in Counter(header).items() if n > 1} - {
        line for line, n in Counter(in_header).items() if n > 1
    }
    if twice:
        problems.append(f"d: header line twice: {sorted(twice)[0][:100].decode(errors='replace')}")
    ids = Counter(m.group(1) for line in header if (m := _INFO_ID.match(line)))
    in_ids = Counter(m.group(1) for line in in_header if (m := _INFO_ID.match(line)))
    more = sorted(i for i, n in ids.items() if n > max(1, in_ids[i]))
    if more:
        problems.append(f"d: ##INFO ID defined twice: {more[0].decode(errors='replace')}")

    def repeated(line: bytes) -> set[bytes]:
        fields = line.split(b"\t")
        keys = Counter(e.split(b"=", 1)[0] for e in fields[7].split(b";")) if len(fields) > 7 else Counter()
        return {k for k, n in keys.items() if n > 1 and k != b"."}

    for number, (before, after) in enumerate(zip(in_records, records), start=1):
        extra = repeated(after) - repeated(before)
        if extra:
            problems.append(f"d: record {number}: INFO key twice: {sorted(extra)[0].decode(errors='replace')}")
            break
    return problems


def without_run_lines(text: bytes) -> bytes:
    return b"\n".join(line for line in text.split(b"\n") if not line.startswith(_RUN_LINES))


def check(path: Path, work: Path, validate: bool = True) -> tuple[str, list[str], list[str]]:
    """(outcome, problems, documented differences) of one input file; `work` an empty directory of its own."""
    outputs = {kind: work / f"out.{suffix}" for kind, suffix in (("v", "vcf"), ("z", "vcf.gz"), ("b", "bcf"))}
    runs = {kind: annotate([str(path), "-o", str(out), "-O", kind], quiet=False) for kind, out in outputs.items()}
    if runs["v"][0] != 0:
        problems = from_stdin(path, work, runs["z"], set())
        return ("f" if problems else "refused"), problems, []
    problems: list[str] = []
    documented: list[str] = []
    if runs["z"][0] != 0:
        problems.append(f"z: -Oz exit {runs['z'][0]} where -Ov was accepted: {runs['z'][1][-1]}")
    bcf_refused = runs["b"][0] != 0
    bcf_input = is_bcf(path)
    if bcf_input and (said := _phase_prefix_unread(outputs["v"])):
        return "ok_documented", [], [said]
    in_code, in_view, in_messages = bcftools_view(path)
    indexed = index_names(path) if not bcf_input else set()
    in_messages |= bcftools_view(path, stream=True)[2]  # the input without its index (a VCF output has none)
    for kind, out in outputs.items():
        code, said = runs[kind]
        if code != 0:
            continue
        # a: bcftools reads every output without a message the input did not give
        code, view, messages = bcftools_view(out)
        new = {m for m in messages - in_messages if not (kind == "b" and _placeholder_sanity(m, view))}
        if (code != 0 and in_code == 0) or new:
            problems.append(f"a: -O{kind}: bcftools view exit {code} (input: {in_code}): {sorted(new)[:1] or ''}")
        # c: records and header
        if kind == "b" or bcf_input:
            if in_code == 0:
                found = compare(in_view, view, f"-O{kind} (bcftools view)", said, bcf=True)
                problems += found[0]
                documented += found[1]
        else:
            found = compare(text_of(path), text_of(out), f"-O{kind}", said, indexed=indexed)
            problems += found[0]
            documented += found[1]
    # b: vcf-validator on the text output, against the input and the input as htslib writes it
    if validate and not bcf_input:
        plain, viewed = work / "input.vcf", work / "viewed.vcf"
        plain.write_bytes(text_of(path))
        viewed.write_bytes(in_view)
        before, after = vcf_validator(plain), vcf_validator(outputs["v"])
        if before is not None and after is not None:
            before |= vcf_validator(viewed) or set()
            new = after - before
            if new:
                problems.append(f"b: vcf-validator: {len(new)} new message(s): {sorted(new)[0][:160]}")
    problems += reannotated(outputs, {kind for kind, run in runs.items() if run[0] == 0}, work)
    problems += from_stdin(path, work, runs["z"], indexed)
    # e: a failed run leaves nothing: the bgzip cut in half (in the header block, for most files) and cut in its
    # last block with records (the header read, records written before the damage is met), to each output type
    if runs["z"][0] == 0:
        data = outputs["z"].read_bytes()
        for cut, kept in (("in half", len(data) // 2), ("in its last block", len(data) - 28 - 10)):
            corrupt = work / "corrupt.vcf.gz"
            corrupt.write_bytes(data[:kept])
            for name, extra in (("out.vcf.gz", ["-W"]), ("out.bcf", []), ("out.vcf", [])):
                folder = Path(tempfile.mkdtemp(dir=work))
                code, said = annotate([str(corrupt), "-o", str(folder / name), *extra])
                left = sorted(os.listdir(folder))
                if code == 0 or left:
                    problems.append(f"e: bgzip cut {cut}, to {name}: exit {code}, left {left}: {said[-1]}")
    if problems:
        return "+".join(sorted({p.split(":", 1)[0] for p in problems})), problems, documented
    if bcf_refused:
        return "bcf_refused", [], documented + [f"-Ob: {runs['b'][1][-1]}"]
    return ("ok_documented" if documented else "ok"), [], documented


def reannotated(outputs: dict[str, Path], written: set[str], work: Path) -> list[str]:
    """Check d: each output written (`written`: its -O letters) annotated again to every output type (-Ou where
    -Ob was written; a BCF refused where text was accepted is not asked for), read by name and on standard input:
    nothing twice, the same file but the run's lines."""
    problems: list[str] = []
    targets = [to for to in "vzbu" if to in written or (to == "u" and "b" in written)]
    for kind in sorted(written, key="vzb".index):
        out = outputs[kind]
        for to in targets:
            for stdin in (False, True):
                suffix = {"v": "vcf", "z": "vcf.gz"}.get(to, "bcf")
                again = work / f"again.{kind}{to}{'s' * stdin}.{suffix}"
                where = f"-O{kind} to -O{to}{' (stdin)' * stdin}"
                given = "-" if stdin else str(out)
                code, said = annotate([given, "-o", str(again), "-O", to], stdin=out if stdin else None)
                if code != 0:
                    problems.append(f"d: {where}: re-annotation exit {code}: {said[-1]}")
                    continue
                text = kind in "vz" and to in "vz"  # text to text: the uncompressed bytes, as README promises
                first, second = (text_of(f) if text else bcftools_view(f)[1] for f in (out, again))
                if kind in "vz" and to in "bu":  # htslib declares what the text used undeclared (README "BCF")
                    second = _without_new_placeholders(second, first)
                problems += [f"d: {where}: {p[3:]}" for p in duplicates(second, first)]
                if without_run_lines(second) != without_run_lines(first):
                    difference = _first_difference(first, second)
                    problems.append(f"d: {where}: the second output differs from the first {difference}")
    return problems


def from_stdin(path: Path, work: Path, by_name: tuple[int, list[str]], indexed: set[bytes]) -> list[str]:
    """Check f: the input on standard input (`cat FILE | alkannot annotate - -Oz`), against its -Oz run by name
    (`by_name`, its output work/out.vcf.gz): refused alike, in one line naming `<stdin>` (README "Write errors"), or
    the same output but for what README "No region options" lists: each ##alkannotSample line's Input (the file's
    name, `"<stdin>"`), a sites-only input's sample, named `stdin`, and the ##contig lines htslib adds from a bgzipped
    input's index (`indexed`)."""
    out = work / "stdin.vcf.gz"
    code, said = annotate(["-", "-o", str(out), "-Oz"], quiet=False, stdin=path)
    if code != by_name[0]:
        return [f"f: stdin exit {code}, by name {by_name[0]}: {said[-1]}"]
    if code != 0:
        errors = [line for line in said if line.startswith("alkannot: error: ")]
        if len(errors) != 1 or not errors[0].startswith("alkannot: error: <stdin>:"):
            return [f"f: stdin exit {code}, not one error line naming <stdin>: {said[-1]}"]
        return []
    by_file, by_stdin = (without_run_lines(bcftools_view(f)[1]) for f in (work / "out.vcf.gz", out))
    # each ##alkannotSample line's Input, the file's name, is "<stdin>" on standard input; an Input the annotated
    # input recorded stays in both (re-annotation keeps it)
    recorded = set(_INPUT.findall(bcftools_view(path)[1] if is_bcf(path) else text_of(path)))

    def on_stdin(found: re.Match) -> bytes:
        return found.group(0) if found.group(2) in recorded else found.group(1) + b',Input="<stdin>">'

    by_file = _INPUT_LINE.sub(on_stdin, by_file)
    header = split(by_file)[0]
    if header and len(header[-1].split(b"\t")) <= 8:  # sites-only: the sample is the file's stem, or `stdin`
        from alkannot.roles import file_stem

        stem = re.escape(file_stem(str(path)).encode())  # ##alkannotSample's ID, ALK_COMPOUND's SAMPLE:
        by_file = re.sub(rb"(?<![\w.-])%s(?![\w.-])" % stem, b"stdin", by_file)
    from_index = {b"##contig=<ID=%s>" % name for name in indexed} - set(split(by_stdin)[0])
    by_file = b"\n".join(line for line in by_file.split(b"\n") if line not in from_index)
    if by_file != by_stdin:
        return [f"f: stdin output differs from the output by name {_first_difference(by_file, by_stdin)}"]
    return []


def _phase_prefix_unread(text_output: Path) -> str:
    """What to say of a text output that a bcftools before 1.22 cannot read where pysam's htslib can: a VCF 4.4
    genotype with the explicit first phase (`/0|1`), htslib's text of a VCF 4.4 BCF that an htslib before 1.22 wrote
    (README "VCF 4.4"); the checks, which read outputs with bcftools, are then not made. "" otherwise."""
    done = subprocess.run(["bcftools", "view", "-H", str(text_output)], capture_output=True)
    if done.returncode == 0 or b"Couldn't read GT data" not in done.stderr:
        return ""
    import pysam

    with pysam.VariantFile(str(text_output)) as vcf:
        genotypes = [str(r).split("\t")[9:] for r in vcf]
    if not any(g[:1] in "/|" for sample in genotypes for g in sample):
        return ""
    return "-Ov: VCF 4.4 genotypes with the explicit first phase (/0|1), which this bcftools cannot read: not checked"


def _without_new_placeholders(text: bytes, before: bytes) -> bytes:
    """`text` without the placeholder header lines (_placeholder) that `before` does not have."""
    kept = set(split(before)[0])
    return b"\n".join(
        line for line in text.split(b"\n") if line in kept or not (line[:2] == b"##" and _placeholder(line))
    )


def _placeholder_sanity(message: str, view: bytes) -> bool:
    """htslib's header check on a placeholder BCF output declares (`GL should be declared as Number=G`: the
    input used GL undeclared; README "BCF")."""
    found = re.search(r"bcf_hdr_check_sanity\] (\S+) should be declared", message)
    return found is not None and b'<ID=%s,Number=1,Type=String,Description="Dummy">' % found.group(1).encode() in view


def _first_difference(first: bytes, second: bytes) -> str:
    a, b = without_run_lines(first).split(b"\n"), without_run_lines(second).split(b"\n")
    for number, (x, y) in enumerate(zip(a, b), start=1):
        if x != y:
            return f"(line {number}: {x[:80].decode(errors='replace')!r} -> {y[:80].decode(errors='replace')!r})"
    return f"({len(a)} lines vs {len(b)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="files or directories (default: example_vcfs and tests/data)")
    parser.add_argument("--corpus", type=int, default=40, help="files sampled from --corpus-dir (default 40)")
    parser.add_argument("--corpus-dir", default=str(ROOT.parent / "shared" / "corpus" / "vcf"))
    parser.add_argument("--seed", type=int, default=47)
    parser.add_argument("-v", "--verbose", action="store_true", help="print the documented differences too")
    parser.add_argument(
        "--large",
        action="store_true",
        help="take the path of inputs of 1 MiB or more (the byte-level pass; a BCF read as text) for every file",
    )
    parser.add_argument("--no-validator", action="store_true", help="skip vcf-validator (check b)")
    options = parser.parse_args(argv)
    if options.large:
        import alkannot.bcf_input
        import alkannot.scan

        alkannot.scan.FULL_PARSE_BELOW = alkannot.bcf_input.FULL_PARSE_BELOW = 0
    files = inputs(options.paths or [str(ROOT / "example_vcfs"), str(ROOT / "tests" / "data")])
    if options.corpus and Path(options.corpus_dir).is_dir():
        files += corpus_sample(Path(options.corpus_dir), options.corpus, options.seed)
    outcomes: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="hygiene.") as scratch:
        for number, path in enumerate(files):
            work = Path(scratch) / str(number)
            work.mkdir()
            outcome, problems, documented = check(path, work, validate=not options.no_validator)
            outcomes[outcome] += 1
            for problem in problems:
                print(f"{path}: {problem}", flush=True)
            for difference in documented if options.verbose else ():
                print(f"{path}: documented: {difference}", flush=True)
            shutil.rmtree(work)
    print(f"\n{len(files)} files")
    for outcome, count in sorted(outcomes.items(), key=lambda item: (-item[1], item[0])):
        print(f"{count:5d}  {outcome}")
    return 0 if set(outcomes) <= PASSED else 1


if __name__ == "__main__":
    sys.exit(main())
