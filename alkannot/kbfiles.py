"""Reading and checking a knowledge-base directory: the bundled resources/kb/ or a lab's `--kb DIR`.

A directory holds the files of knowledge.KB_FILES (the `alkannot kb export --format tsv` layout).
Every file is checked before anything is used: a missing or malformed file, a missing or unknown
column, an unknown category, evidence kind, inhibitor or source key, or an alteration alkannot
cannot parse is one InputError naming the file and line (exit 3, nothing written). The SHA-256
written to ##alkannotKnowledgeBase covers the files in KB_FILES order (name, NUL, bytes, NUL each).
"""

from __future__ import annotations

import errno
import os
import re
import sys
from typing import TYPE_CHECKING

from .alterations import parse_alteration
from .bundle import resource_file, resource_path, sha256_digest
from .errors import InputError, cannot_read
from .evidence import CATEGORIES, EVIDENCE_KINDS, Note
from .knowledge import FUSION, KB_FILES, KnowledgeBase
from .records import replace
from .thresholds import GRADES, MEASURES, Threshold, defined_for
from .transcript import kinase_domain

if TYPE_CHECKING:
    from pathlib import Path

CALL_COLUMNS = (
    "alteration",
    "alteration_as_written",
    "kind",
    "inhibitor",
    "category",
    "evidence_kind",
    "sources",
    "pmids",
    "civic_eid",
    "evidence_level",
    "disease",
    "background",
    "assay",
    "measure",
    "ic50_nM",
    "ic50_qualifier",
    "wt_ic50_nM",
    "fold_vs_wt",
    "fold_basis",
    "origin",
    "note",
)
NOTE_COLUMNS = ("alteration", "note", "sources", "origin")
THRESHOLD_COLUMNS = (
    "rule",
    "measure",
    "low",
    "high",
    "within",
    "above",
    "below",
    "source_says",
    "assay_pattern",
    "scope",
    "quote",
    "sources",
    "pmids",
    "civic_eid",
    "where_read",
)
SOURCE_COLUMNS = ("key", "pmid", "doi", "pmc", "citation")
# characters that join source keys in what alkannot writes: a key holding one would read back as two keys
KEY_SEPARATORS = ("+", "|", ";", '"')
# an inhibitor's two P-gp properties: ABCB1 transport of the drug (pharmacokinetics) and whether P-gp
# overexpression in the tumour makes it less effective (the resistance question)
PGP_COLUMNS = (
    "abcb1_transport",
    "abcb1_transport_sources",
    "abcb1_transport_note",
    "pgp_confers_resistance",
    "pgp_confers_resistance_sources",
    "pgp_confers_resistance_note",
)
# the columns kb_rows.inhibitor_info needs; inhibitors.tsv may carry more (`approval_cn` and its sources,
# since 2.0.25, are read where present: a knowledge base made before has none)
INHIBITOR_COLUMNS = (
    "inhibitor",
    "agent",
    "names",
    "agent_class",
    "generation",
    "generation_sources",
    "approval_us",
    "approval_us_sources",
    "approval_eu",
    "approval_eu_sources",
    "approval_jp",
    "approval_jp_sources",
    "approval_ca",
    "approval_ca_sources",
    *PGP_COLUMNS,
    "cns_activity",
    "cns_sources",
    "notes",
)
KINDS = ("missense", "insertion", "deletion", "compound", "amplification", "fusion")
QUALIFIERS = ("", "<", ">", "~")
# compiled at their first use (re's cache): a run whose knowledge base comes from the cache (kb_cache) checks no file
_NUMBER = r"\d+(\.\d+)?"
_VERSION = r"[A-Za-z0-9][A-Za-z0-9._+-]*"
_cache: dict[tuple, KnowledgeBase] = {}


class _Table:
    """The rows of one TSV with their line numbers, its columns checked."""

    def __init__(self, path: str, display: str, required: tuple[str, ...], exact: bool = True):
        self.display = display
        try:
            lines = _text(path).splitlines()
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text", display) from None
        except OSError as exc:
            raise InputError(cannot_read("knowledge-base file", exc), display) from None
        numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
        if not numbered:
            raise InputError("empty file (a header row is needed)", display)
        header_line, header = numbered[0][0], numbered[0][1].split("\t")
        missing = [c for c in required if c not in header]
        if missing:
            raise InputError(
                f"missing column(s) {', '.join(missing)} (expected {', '.join(required)})", display, header_line
            )
        extra = [c for c in header if c not in required]
        if exact and extra:
            raise InputError(
                f"unknown column(s) {', '.join(repr(c) for c in extra)} (expected {', '.join(required)})",
                display,
                header_line,
            )
        if len(set(header)) != len(header):
            raise InputError("a column name appears twice", display, header_line)
        import csv  # not at start-up: a run whose knowledge base comes from the cache (kb_cache) reads no table

        self.rows = []
        rows = csv.reader([line for _, line in numbered[1:]], delimiter="\t", quoting=csv.QUOTE_NONE)
        for (number, _), fields in zip(numbered[1:], rows):  # one string per row: no field spans lines
            if len(fields) != len(header):
                raise InputError(f"{len(fields)} fields, the header has {len(header)}", display, number)
            # one string object per distinct cell: the cache's pickle keeps each once (issue 13)
            self.rows.append((number, dict(zip(header, map(sys.intern, fields)))))

    def fail(self, number: int, reason: str):
        raise InputError(reason, self.display, number)


def _one_of(table: _Table, number: int, column: str, value: str, allowed) -> None:
    if value not in allowed:
        table.fail(number, f"{column} {value!r} is not one of {', '.join(a or repr(a) for a in allowed)}")


def _number(table: _Table, number: int, column: str, value: str, approximate: bool = False) -> None:
    text = value[1:] if approximate and value.startswith("~") else value
    if value and not (re.fullmatch(_NUMBER, text) and float(text) > 0):
        table.fail(number, f"{column} {value!r} is not a positive number")


def _keys(table: _Table, number: int, column: str, value: str, known: set[str], required: bool) -> None:
    from .kb_rows import listed  # kb_rows reads the tables' rows, which a run from the cache does not (issue 13)

    keys = list(listed(value))
    if required and not keys:
        table.fail(number, f"{column} is empty (every statement names its source)")
    unknown = [k for k in keys if k not in known]
    if unknown:
        table.fail(number, f"{column}: source key(s) {', '.join(unknown)} not in sources.tsv")


def _alteration(table: _Table, number: int, name: str) -> None:
    if name in (FUSION, "amplification"):
        return
    try:
        parsed = parse_alteration(name)
    except ValueError as exc:
        table.fail(number, f"alteration {name!r}: {exc}")
    if parsed.text != name:
        table.fail(number, f"alteration {name!r} is not written as alkannot names it ({parsed.text!r})")


def _sources(path: str, display: str) -> tuple[_Table, set[str]]:
    table = _Table(path, display, SOURCE_COLUMNS)
    keys: set[str] = set()
    for number, row in table.rows:
        if not row["key"] or row["key"] in keys:
            table.fail(number, f"source key {row['key']!r} is empty or repeated")
        separators = [c for c in KEY_SEPARATORS if c in row["key"]]
        if separators:  # a key 'A+B' read back from ALK_CALL_SOURCES is two sources (open item (iii) of stop 46)
            table.fail(
                number,
                f"source key {row['key']!r} holds {' and '.join(repr(c) for c in separators)}, which separate the "
                "sources and inhibitors of ALK_CALL_SOURCES (INHIBITOR:KEY+KEY|...) and the ;-joined, quoted "
                "PgpSources and CallSources: rename the key (letters, digits, '_', '-', '.')",
            )
        if not re.fullmatch(r"\d*", row["pmid"]):
            table.fail(number, f"pmid {row['pmid']!r} is not a number")
        if not row["citation"]:
            table.fail(number, "citation is empty")
        keys.add(row["key"])
    return table, keys


def _statements(path: str, display: str, keys: set[str], inhibitors: tuple[str, ...]) -> _Table:
    table = _Table(path, display, CALL_COLUMNS)
    for number, row in table.rows:
        _alteration(table, number, row["alteration"])
        _one_of(table, number, "kind", row["kind"], KINDS)
        _one_of(table, number, "inhibitor", row["inhibitor"], inhibitors)
        _one_of(table, number, "category", row["category"], CATEGORIES)
        _one_of(table, number, "evidence_kind", row["evidence_kind"], EVIDENCE_KINDS)
        _keys(table, number, "sources", row["sources"], keys, required=True)
        if not all(re.fullmatch(r"\d{1,9}", p) for p in row["pmids"].split(";") if p):
            table.fail(number, f"pmids {row['pmids']!r} are not ';'-separated numbers")
        if row["civic_eid"] and not re.fullmatch(r"EID\d+", row["civic_eid"]):
            table.fail(number, f"civic_eid {row['civic_eid']!r} is not EID<number>")
        for column in ("disease", "background"):
            if not row[column]:
                table.fail(number, f"{column} is empty (RULES.md 3.2: every statement names its context)")
        for column in ("ic50_nM", "wt_ic50_nM"):
            _number(table, number, column, row[column])
        _number(table, number, "fold_vs_wt", row["fold_vs_wt"], approximate=True)
        _one_of(table, number, "ic50_qualifier", row["ic50_qualifier"], QUALIFIERS)
        if row["fold_vs_wt"] and not row["fold_basis"]:
            table.fail(number, "fold_vs_wt without fold_basis (stated, or how it was computed)")
    return table


def _thresholds(path: str, display: str, keys: set[str]) -> tuple[Threshold, ...]:
    from .kb_rows import listed

    table = _Table(path, display, THRESHOLD_COLUMNS)
    rows, seen = [], set()
    for number, row in table.rows:
        if not row["rule"] or row["rule"] in seen:
            table.fail(number, f"rule {row['rule']!r} is empty or repeated")
        seen.add(row["rule"])
        _one_of(table, number, "measure", row["measure"], MEASURES)
        for column in ("within", "above", "below", "source_says"):
            _one_of(table, number, column, row[column], GRADES)
        for column in ("low", "high"):
            if not re.fullmatch(_NUMBER, row[column]):
                table.fail(number, f"{column} {row[column]!r} is not a number")
        if float(row["low"]) > float(row["high"]):
            table.fail(number, "low is above high")
        if row["measure"] == "ic50_nM" and not row["assay_pattern"]:
            table.fail(number, "an absolute IC50 band needs assay_pattern: IC50s compare only within one assay")
        try:
            re.compile(row["assay_pattern"])
        except re.error as exc:
            table.fail(number, f"assay_pattern is not a regular expression ({exc})")
        if not row["quote"]:
            table.fail(number, "quote is empty (a threshold needs the source's own words)")
        _keys(table, number, "sources", row["sources"], keys, required=True)
        rows.append(
            Threshold(
                row["rule"],
                row["measure"],
                float(row["low"]),
                float(row["high"]),
                row["within"],
                row["above"],
                row["below"],
                row["assay_pattern"],
                row["quote"],
                listed(row["sources"]),
                listed(row["pmids"]),
                row["civic_eid"],
                row["source_says"],
            )
        )
    return tuple(rows)


def _notes(path: str, display: str, keys: set[str]) -> tuple[Note, ...]:
    from .kb_rows import listed

    table = _Table(path, display, NOTE_COLUMNS)
    out = []
    for number, row in table.rows:
        if not row["alteration"] or not row["note"]:
            table.fail(number, "alteration and note are needed")
        _keys(table, number, "sources", row["sources"], keys, required=False)
        out.append(Note(row["alteration"], row["note"], listed(row["sources"]), row["origin"]))
    return tuple(out)


def _inhibitors(path: str, display: str, keys: set[str]) -> tuple[dict[str, str], ...]:
    table = _Table(path, display, INHIBITOR_COLUMNS, exact=False)
    names = []
    for number, row in table.rows:
        if not re.fullmatch(r"[a-z][a-z0-9]*", row["inhibitor"]):
            table.fail(
                number,
                f"inhibitor {row['inhibitor']!r} is not a lower-case name (letters and digits): it "
                "becomes the INFO key ALK_<NAME>",
            )
        if row["inhibitor"] in names:
            table.fail(number, f"inhibitor {row['inhibitor']} is listed twice")
        names.append(row["inhibitor"])
        for column in (c for c in row if c.endswith("_sources")):
            _keys(table, number, column, row[column], keys, required=False)
    if not names:
        raise InputError("no inhibitor rows", display)
    return tuple(row for _, row in table.rows)


def _version(path: str, display: str) -> dict[str, str]:
    try:
        lines = _text(path).splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            cannot_read("knowledge-base file", getattr(exc, "strerror", None) or str(exc)), display
        ) from None
    values = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if "\t" not in line:
            raise InputError("expected 'key<TAB>value'", display, number)
        key, value = line.split("\t", 1)
        values[key] = value
    if not re.fullmatch(_VERSION, values.get("version", "")):
        raise InputError(
            "a 'version' line is needed (letters, digits, '.', '_', '+', '-'; it goes into "
            "the ##alkannotKnowledgeBase header line)",
            display,
        )
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", values.get("date", "")):
        raise InputError("a 'date' line (YYYY-MM-DD) is needed", display)
    return values


def _text(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def kb_content(directory: str | os.PathLike[str]) -> bytes:
    """The knowledge base's files as one text of bytes, each `name NUL content NUL` in KB_FILES order: what
    kb_sha256 digests and kb_cache compares with the copy its file keeps."""
    parts = []
    for name in KB_FILES:
        with open(os.path.join(directory, name), "rb") as handle:
            parts.append(name.encode() + b"\0" + handle.read() + b"\0")
    return b"".join(parts)


def kb_sha256(directory: str | os.PathLike[str]) -> str:
    digest = sha256_digest()
    digest.update(kb_content(directory))
    return digest.hexdigest()


def bundled_directory() -> Path:
    return resource_path("kb")


def _fingerprint(directory: str) -> tuple:
    stats: list[tuple[str, int | None, int | None]] = []  # None: the file cannot be read
    for name in KB_FILES:
        try:
            st = os.stat(os.path.join(directory, name))
            stats.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            stats.append((name, None, None))
    return (os.path.realpath(directory), tuple(stats))


def read_knowledge_base(directory: str | None = None) -> KnowledgeBase:
    """The bundled knowledge base (directory None) or a `--kb DIR`, checked, read once per content."""
    path = resource_file("kb") if directory is None else (directory or ".")  # as Path(''): the current folder
    shown = "bundled knowledge base" if directory is None else str(directory)
    if not os.path.exists(path):  # as a missing sheet or table is said (pipe49b, finding 5)
        raise InputError(
            f"{cannot_read('knowledge base', os.strerror(errno.ENOENT))}: give a directory in the `alkannot kb export "
            "--format tsv -o DIR` layout",
            shown,
        )
    if not os.path.isdir(path):
        raise InputError(
            "not a knowledge-base directory (write one with `alkannot kb export --format tsv -o DIR`)", shown
        )
    if not os.access(path, os.R_OK | os.X_OK):  # chmod 000: its files are there, not 'calls.tsv: missing' (pipe50)
        raise InputError(cannot_read("knowledge base", os.strerror(errno.EACCES)), shown)
    key = _fingerprint(path)
    if key not in _cache:
        from .kb_cache import cached_read

        _cache[key] = cached_read(directory, lambda: kb_content(path), lambda: _read(path, directory))
    return _cache[key]


def _read(path: str, directory: str | None) -> KnowledgeBase:
    from .kb_rows import statement_from_row

    def shown(name: str) -> str:
        return f"{directory.rstrip('/')}/{name}" if directory is not None else f"resources/kb/{name}"

    def file(name: str) -> str:
        return os.path.join(path, name)

    for name in KB_FILES:
        if not os.path.isfile(file(name)):
            raise InputError(f"missing (a knowledge-base directory holds {', '.join(KB_FILES)})", shown(name))
    version = _version(file("VERSION"), shown("VERSION"))
    sources, keys = _sources(file("sources.tsv"), shown("sources.tsv"))
    thresholds = _thresholds(file("thresholds.tsv"), shown("thresholds.tsv"), keys)
    inhibitors = _inhibitors(file("inhibitors.tsv"), shown("inhibitors.tsv"), keys)  # the inhibitors are its rows
    calls = _statements(file("calls.tsv"), shown("calls.tsv"), keys, tuple(r["inhibitor"] for r in inhibitors))
    notes = _notes(file("notes.tsv"), shown("notes.tsv"), keys)
    thresholds = tuple(_with_scope(t, [row for _, row in calls.rows]) for t in thresholds)
    return KnowledgeBase(
        version["version"],
        version["date"],
        kb_sha256(path),
        tuple(statement_from_row(row) for _, row in calls.rows),
        inhibitors,
        tuple(row for _, row in sources.rows),
        kinase_domain(),
        notes,
        thresholds,
        "bundled" if directory is None else str(directory),
    )


def _with_scope(threshold: Threshold, calls: list[dict[str, str]]) -> Threshold:
    """The threshold with what its source defined the band for, read from the rows of its CIViC item (clinical review
    hN, finding 2: the band's source is named as the band's, never as a graded measurement's)."""
    rows = [r for r in calls if threshold.civic_eid and r["civic_eid"] == threshold.civic_eid]
    scope = defined_for((r["inhibitor"], r["evidence_kind"], r["assay"], r["background"]) for r in rows)
    return replace(threshold, defined_for=scope) if scope else threshold


def load_knowledge_base(directory: str | None = None) -> KnowledgeBase:
    """The bundled knowledge base, or the one in `directory` (a `kb export --format tsv` layout), read and
    validated once; a bad directory raises InputError naming the file and line."""
    return read_knowledge_base(directory)
