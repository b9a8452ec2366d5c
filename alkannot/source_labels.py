"""The parts of a source's label as the notes and statements write it, read with str methods: a paper's statement
label ('SOL18(PMID:30413378)'), a key with its identifiers ('CGI(PMID:20979473,PMID:22277784)'), the PMIDs a label
names, and the source a press release restates ('Press release on KAT16 (...)'). Each gives what the pattern it
replaced gave (tests/test_start_up_patterns.py), without the pattern's compilation at start-up or at first use
(about 0.5 M instructions each, issue 13)."""

from __future__ import annotations

_KEY_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_KEY_CHARACTERS = _KEY_FIRST | frozenset("0123456789_")
PRESS_RELEASE = "Press release on "


def paper_label_key(part: str) -> str | None:
    """The key of a paper's statement label ('SOL18(PMID:30413378)', 'CHOI10(PMID:1,PMID:2)' -> 'SOL18', 'CHOI10'),
    else None: re.fullmatch(r"([A-Z][A-Z0-9_]*)\\(PMID:\\d+(?:,PMID:\\d+)*\\)", part)'s group."""
    key, opened, rest = part.partition("(")
    if not opened or not key or key[0] not in _KEY_FIRST or not _KEY_CHARACTERS.issuperset(key):
        return None
    if not rest.endswith(")"):
        return None
    pmids = rest[:-1].split(",")
    return key if all(p.startswith("PMID:") and p[5:].isdecimal() for p in pmids) else None


def keyed_label(label: str) -> tuple[str, str] | None:
    """(key, identifiers) of a label 'KEY(...)' ('CGI(PMID:20979473,PMID:22277784)' -> ('CGI',
    'PMID:20979473,PMID:22277784')), else None: re.match(r"^([^()]+)\\((.*)\\)$", label)'s groups (the identifiers
    without a line break; a line end after the ')' is allowed, as '$' allows it)."""
    text = label[:-1] if label.endswith("\n") else label
    key, opened, rest = text.partition("(")
    if not key or not opened or ")" in key or not rest.endswith(")") or "\n" in rest:
        return None
    return key, rest[:-1]


def label_pmids(label: str) -> list[str]:
    """The PMIDs a label names ('FRI14(PMID:24675041)' -> ['24675041']): re.findall(r"PMID:(\\d+)", label)."""
    found = []
    for piece in label.split("PMID:")[1:]:
        digits = _leading(piece, str.isdecimal)
        if digits:
            found.append(digits)
    return found


def restated_key(citation: str) -> str:
    """The source a press release restates, as its citation names it ('Press release on KAT16 (...)' -> 'KAT16'),
    else '': re.match(r"Press release on (\\w+)\\b", citation)'s group (a word character: str.isalnum, or '_')."""
    if not citation.startswith(PRESS_RELEASE):
        return ""
    return _leading(citation[len(PRESS_RELEASE) :], lambda c: c.isalnum() or c == "_")


def _leading(text: str, wanted) -> str:
    """The longest start of `text` whose every character is `wanted`."""
    end = 0
    while end < len(text) and wanted(text[end]):
        end += 1
    return text[:end]


__all__ = ["PRESS_RELEASE", "keyed_label", "label_pmids", "paper_label_key", "restated_key"]
