"""The cells of one sample-sheet row, each read and checked (samplesheet.py reads the sheet and its rows): the ALK
status with its method, the inhibitors progressed on (a name resolved through the knowledge base's inhibitor table, or
explained: misspelt, joined by another separator than `;`, a code the table lists as unconfirmed), the ABCB1 IHC and
expression, the role and matched normal; every bad cell's problem collected (samplesheet.py raises them at once,
errors.raise_all)."""

from __future__ import annotations

import math
import re
import shlex

from .errors import InputError
from .sheet_sources import sample_key

MISSING = ("", ".", "na", "n/a", "nan", "unknown", "not done", "nd")  # a cell that says nothing
_STATUS = ("positive", "negative", "equivocal")
_NONE = ("none", "naive", "tki-naive", "no")


class InhibitorNames:
    """Generic name, brand name or development code -> the knowledge base's inhibitor (or None); the names
    come from the knowledge base's inhibitor table, the one place they are written."""

    def __init__(self, kb_dir: str | None = None):
        from .kbfiles import load_knowledge_base

        self.kb = load_knowledge_base(kb_dir)
        self.kb_dir = kb_dir

    @property
    def listing(self) -> str:
        """The command that lists the knowledge base's inhibitors with their other names."""
        return "alkannot kb show inhibitors" + (f" --kb {shlex.quote(self.kb_dir)}" if self.kb_dir else "")

    def __call__(self, name: str) -> str | None:
        return self.kb.inhibitor_for_name(name)

    def unconfirmed(self, name: str) -> str | None:
        """The inhibitor (as its table writes it) whose notes list `name` as a synonym no source read confirms
        ('TQ-B3139' -> envonalkib, 'BMS-986299' -> TPX-0131), else None: such a name is never matched, but the
        error says which inhibitor it may be (review 9, clinical finding 9)."""
        wanted = re.sub(r"[\s-]", "", name).lower()
        for info in self.kb.inhibitors():
            listed = info.notes.partition("Synonym not confirmed, not used to match names: ")[2]
            if any(re.sub(r"[\s-]", "", n).lower() == wanted for n in re.findall(r"([A-Za-z0-9][\w-]*) \(", listed)):
                return info.agent
        return None

    def close_to(self, name: str) -> str | None:
        """The inhibitor a misspelt name most likely means ('alectnib' -> alectinib), else None."""
        import difflib

        spellings = {n.lower(): n for info in self.kb.inhibitors() for n in (info.name, info.agent, *info.names)}
        found = difflib.get_close_matches(name.lower(), list(spellings), n=1, cutoff=0.8)
        return self(spellings[found[0]]) if found else None


def given(value: str | None) -> str | None:
    """`value`, or None where the cell is absent or says nothing (empty, NA, unknown, not done...)."""
    return None if value is None or value.strip().lower() in MISSING else value


def row_cells(
    values: dict[str, str], names: InhibitorNames | None, path: str, where: int, errors: list[InputError]
) -> dict | None:
    """The checked cells of the row on line `where` (SheetRow's alk_status, alk_method, role, normal, progressed_on,
    abcb1_ihc, abcb1_tpm), or None where a cell is bad: then each bad cell's problem is added to `errors`."""
    sample = values["sample"]
    found = len(errors)

    def cell(parse, *args):
        try:
            return parse(*args)
        except InputError as err:
            errors.append(err)
            return None

    if not sample:
        errors.append(InputError("empty sample name", path, where))
    status, method = cell(_alk_status, values.get("alk_status"), path, where) or (None, None)
    role, normal = cell(_role, values, sample, path, where) or (None, None)
    progressed_on = cell(_progressed_on, values.get("progressed_on"), names, path, where)
    abcb1_ihc = cell(_ihc, values.get("abcb1_ihc"), path, where)
    abcb1_tpm = cell(_tpm, values.get("abcb1_tpm"), path, where)
    if len(errors) > found:
        return None
    return {
        "alk_status": status,
        "alk_method": method,
        "progressed_on": progressed_on,
        "abcb1_ihc": abcb1_ihc,
        "abcb1_tpm": abcb1_tpm,
        "role": role,
        "normal": normal,
    }


def _role(values: dict[str, str], sample: str, path: str, where: int) -> tuple[str | None, str | None]:
    """(role, matched normal) of a row: `role` tumor/normal; `normal` names the tumour's matched normal."""
    role = (given(values.get("role")) or "").strip().lower() or None
    if role == "tumour":
        role = "tumor"
    if role not in (None, "tumor", "normal"):
        raise InputError(f"role {values['role']!r} is not tumor or normal (or empty)", path, where)
    normal = given(values.get("normal"))
    if normal is not None and role == "normal":
        raise InputError(f"a normal has no matched normal (role normal, normal {normal!r})", path, where)
    if normal is not None and sample_key(normal) == sample_key(sample):
        raise InputError(f"sample {sample!r} is named its own matched normal", path, where)
    return ("tumor" if normal is not None else role), normal


def _alk_status(value: str | None, path: str, where: int) -> tuple[str | None, str | None]:
    value = given(value)
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


def _progressed_on(value: str | None, names: InhibitorNames | None, path: str, where: int) -> tuple[str, ...] | None:
    value = given(value)
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
            raise InputError(_not_an_inhibitor(item.strip(), names), path, where)
        drugs.append(name)
    return tuple(drugs)


# what people write between inhibitors instead of ';': 'a, b', 'a/b', 'a > b', 'a -> b', 'a + b', 'a then b'
_SEPARATORS = re.compile(r"\s*(?:->|=>|,|/|>|\+)\s*(?:then\s+)?|\s+then\s+", re.IGNORECASE)  # 'a, then b' too


def _not_an_inhibitor(item: str, names: InhibitorNames) -> str:
    """Why a progressed_on item is not an inhibitor: several known inhibitors joined by another separator get
    the ';' spelling (never guessed: 'a/b' does not say which came first); else the first name that is none,
    with 'did you mean' for a misspelling and where the known names are listed."""
    pieces = [p for p in _SEPARATORS.split(item) if p.strip()]
    resolved = [names(p) for p in pieces]
    if len(pieces) > 1 and all(resolved):
        return (
            f"progressed_on: {item!r} is not one inhibitor: separate inhibitors with ';' in the order taken "
            f"({';'.join(r for r in resolved if r)})"
        )
    bad = next((p for p, r in zip(pieces, resolved) if r is None), item) if len(pieces) > 1 else item
    where = f"progressed_on: {bad!r}" + (f" (in {item!r})" if bad != item else "")
    maybe = names.unconfirmed(bad)
    if maybe:  # a code the inhibitor table records as unconfirmed: say whose, never match it
        return (
            f"{where} is not a name the knowledge base matches: its inhibitor table lists it as a possible code of "
            f"{maybe} that no source read confirms ('{names.listing}', notes); write {maybe} if that is the drug"
        )
    meant = names.close_to(bad)
    return (
        f"{where} is not an inhibitor the knowledge base holds"
        + (f" (did you mean {meant}?)" if meant else "")
        + f"; '{names.listing}' lists the names it knows; an ALK inhibitor it lacks can be added in a knowledge base "
        "of your own (--kb DIR); record other treatments (chemotherapy) in a column of your own"
    )


def _ihc(value: str | None, path: str, where: int) -> str | None:
    value = given(value)
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


def _tpm(value: str | None, path: str, where: int) -> float | None:
    value = given(value)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise InputError(f"abcb1_tpm {value!r} is not a number", path, where) from None
    if math.isnan(number) or math.isinf(number) or number < 0:
        raise InputError(f"abcb1_tpm {value!r} is not a non-negative number", path, where)
    return number


__all__ = ["MISSING", "InhibitorNames", "given", "row_cells"]
