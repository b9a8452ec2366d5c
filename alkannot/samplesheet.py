"""The sample sheet (CONTRACT.md): treatment history, ALK status, ABCB1 (P-gp) IHC or expression.

TSV or CSV, told apart by the header row. Columns: `sample` (required), `alk_status`
(`positive`/`negative`, optionally `:method`, e.g. `positive:IHC`), `progressed_on` (`;`-separated
inhibitors in order; `none` = known not to have progressed; empty = unknown), `abcb1_ihc`
(`positive`/`negative`), `abcb1_tpm` (a number). Unknown columns are kept, in order, and echoed.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

from .errors import InputError

KNOWN_COLUMNS = ("sample", "alk_status", "progressed_on", "abcb1_ihc", "abcb1_tpm")
_MISSING = ("", ".", "na", "n/a", "nan", "unknown", "not done", "nd")
_STATUS = ("positive", "negative", "equivocal")
_NONE = ("none", "naive", "tki-naive", "no")


@dataclass(frozen=True)
class SheetRow:
    """One sample's clinical row: ALK status, inhibitors progressed on, P-gp IHC."""

    sample: str
    line: int
    alk_status: str | None = None  # 'positive' | 'negative' | 'equivocal'
    alk_method: str | None = None  # 'IHC', 'FISH', 'NGS', ... as written
    progressed_on: tuple[str, ...] | None = None  # None: history unknown; (): known, no progression
    abcb1_ihc: str | None = None  # 'positive' | 'negative'
    abcb1_tpm: float | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())

    @property
    def alk_status_text(self) -> str | None:
        if self.alk_status is None:
            return None
        return f"{self.alk_status}:{self.alk_method}" if self.alk_method else self.alk_status


@dataclass(frozen=True)
class SampleSheet:
    """A sample sheet: rows by sample name."""

    path: str
    rows: dict[str, SheetRow]
    extra_columns: tuple[str, ...] = ()

    def get(self, sample: str) -> SheetRow | None:
        return self.rows.get(sample)


class _Resolver:
    """Generic name, brand name or development code -> the knowledge base's inhibitor (or None); the names
    come from the knowledge base's inhibitor table, the one place they are written."""

    def __init__(self, kb_dir: str | None = None):
        from .kbfiles import load_knowledge_base

        self.kb = load_knowledge_base(kb_dir)

    def __call__(self, name: str) -> str | None:
        return self.kb.inhibitor_for_name(name)

    @property
    def known(self) -> str:
        return ", ".join(self.kb.inhibitor(n).agent or n for n in self.kb.inhibitor_names)  # as people write them

    def close_to(self, name: str) -> str | None:
        """The inhibitor a misspelt name most likely means ('alectnib' -> alectinib), else None."""
        import difflib

        spellings = {n.lower(): n for info in self.kb.inhibitors() for n in (info.name, info.agent, *info.names)}
        found = difflib.get_close_matches(name.lower(), list(spellings), n=1, cutoff=0.8)
        return self(spellings[found[0]]) if found else None


def _given(value: str | None) -> str | None:
    """`value`, or None where the cell is absent or says nothing (empty, NA, unknown, not done...)."""
    return None if value is None or value.strip().lower() in _MISSING else value


def _sniff_delimiter(header: str) -> str:
    return "\t" if header.count("\t") >= header.count(",") else ","


def read_sample_sheet(path: str, kb_dir: str | None = None) -> SampleSheet:
    """Read and validate a sample sheet; a bad row raises InputError naming the file and row."""
    path = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as err:
        raise InputError(f"cannot read sample sheet: {err.strerror}", path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[err.start]:02x}); save the sheet as UTF-8", path, f"line {line}"
        ) from None
    return parse_sample_sheet(text, path, kb_dir)


def parse_sample_sheet(text: str, path: str = "<sample sheet>", kb_dir: str | None = None) -> SampleSheet:
    lines = text.splitlines()
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("##")]
    if not numbered:
        raise InputError("empty sample sheet (no header row)", path)
    header_line, header_text = numbered[0]
    delimiter = _sniff_delimiter(header_text)
    header = [h.strip().lstrip("#").strip() for h in next(csv.reader([header_text], delimiter=delimiter))]
    lowered = [h.lower() for h in header]
    if "sample" not in lowered:
        raise InputError(f"no 'sample' column in the header ({', '.join(header)})", path, f"line {header_line}")
    if len(set(lowered)) != len(lowered):
        raise InputError("a column name appears twice in the header", path, f"line {header_line}")
    extra = tuple(h for h, low in zip(header, lowered) if low not in KNOWN_COLUMNS)
    names = None
    rows: dict[str, SheetRow] = {}
    for number, line in numbered[1:]:
        if line.lstrip().startswith("#"):
            continue
        fields = next(csv.reader(io.StringIO(line), delimiter=delimiter))
        if len(fields) > len(header):
            raise InputError(f"{len(fields)} columns, the header has {len(header)}", path, f"line {number}")
        values = {low: (fields[i].strip() if i < len(fields) else "") for i, low in enumerate(lowered)}
        if names is None and _given(values.get("progressed_on")) is not None:
            names = _Resolver(kb_dir)
        row = _row(values, header, lowered, number, path, names)
        if row.sample in rows:
            raise InputError(
                f"sample {row.sample!r} appears twice (first on line {rows[row.sample].line})", path, f"line {number}"
            )
        rows[row.sample] = row
    if not rows:
        raise InputError("the sample sheet has a header but no sample rows", path)
    return SampleSheet(path, rows, extra)


def _row(
    values: dict[str, str], header: list[str], lowered: list[str], number: int, path: str, names: _Resolver | None
) -> SheetRow:
    where = f"line {number}"
    sample = values["sample"]
    if not sample:
        raise InputError("empty sample name", path, where)
    status, method = _alk_status(values.get("alk_status"), path, where)
    return SheetRow(
        sample=sample,
        line=number,
        alk_status=status,
        alk_method=method,
        progressed_on=_progressed_on(values.get("progressed_on"), names, path, where),
        abcb1_ihc=_ihc(values.get("abcb1_ihc"), path, where),
        abcb1_tpm=_tpm(values.get("abcb1_tpm"), path, where),
        extra=tuple((h, values[low]) for h, low in zip(header, lowered) if low not in KNOWN_COLUMNS),
    )


def _alk_status(value: str | None, path: str, where: str) -> tuple[str | None, str | None]:
    value = _given(value)
    if value is None:
        return None, None
    status, _, method = value.partition(":")
    status = status.strip().lower()
    if status not in _STATUS:
        raise InputError(
            f"alk_status {value!r} is not positive, negative or equivocal "
            "(optionally with ':method', e.g. positive:IHC)",
            path,
            where,
        )
    return status, method.strip() or None


def _progressed_on(value: str | None, names: _Resolver | None, path: str, where: str) -> tuple[str, ...] | None:
    value = _given(value)
    if value is None or names is None:
        return None
    if value.strip().lower() in _NONE:
        return ()
    drugs = []
    for item in value.split(";"):
        if not item.strip():
            continue
        name = names(item.strip())
        if name is None:
            meant = names.close_to(item.strip())
            raise InputError(
                f"progressed_on: {item.strip()!r} is not an ALK inhibitor of the knowledge base"
                + (f" (did you mean {meant}?)" if meant else "")
                + f" (known: {names.known}, their brand names and development codes; separate several with ';'); "
                "progressed_on lists the ALK inhibitors the patient progressed on, in order: record other "
                "treatments (chemotherapy) in a column of your own, which the report keeps and shows",
                path,
                where,
            )
        drugs.append(name)
    return tuple(drugs)


def _ihc(value: str | None, path: str, where: str) -> str | None:
    value = _given(value)
    if value is None:
        return None
    low = value.strip().lower()
    if low not in ("positive", "negative"):
        raise InputError(
            f"abcb1_ihc {value!r} is not positive or negative: give the laboratory's positive/negative call here "
            "and a grade or H-score in a column of your own, which the report keeps and shows",
            path,
            where,
        )
    return low


def _tpm(value: str | None, path: str, where: str) -> float | None:
    value = _given(value)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise InputError(f"abcb1_tpm {value!r} is not a number", path, where) from None
    if math.isnan(number) or math.isinf(number) or number < 0:
        raise InputError(f"abcb1_tpm {value!r} is not a non-negative number", path, where)
    return number


__all__ = ["SampleSheet", "SheetRow", "read_sample_sheet", "parse_sample_sheet", "KNOWN_COLUMNS"]
