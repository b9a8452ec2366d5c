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


def civic_item(label: str) -> bool:
    """A CIViC evidence item's label ('EID1345', 'EID1345(PMID:24675041)'): re.fullmatch(r"EID\\d+(?:\\(.*\\))?",
    label) (what is in the brackets without a line break)."""
    if not label.startswith("EID"):
        return False
    digits = _leading(label[3:], str.isdecimal)
    after = label[3 + len(digits) :]
    if not digits:
        return False
    return not after or (len(after) >= 2 and after[0] == "(" and after[-1] == ")" and "\n" not in after)


# what follows a key's comma in a citation, before its identifier (sourced_text.citation writes them)
_IDENTIFIER_OPENINGS = ("doi:", "press release on ")


def without_identifier(part: str) -> str:
    """A cited source without the identifier its citation gives it ('KAT16, PMID 26870817' -> 'KAT16'), stripped:
    re.sub(r",\\s*(?:PMID\\s|doi:|PMC\\d|press release on ).*$", "", part).strip(): from the first comma, after white
    space, that opens an identifier and runs to the end (or a last line end) without a line break."""
    at = part.find(",")
    while at >= 0:
        after = part[at + 1 :]
        rest = after.lstrip()  # str.lstrip's white space: the pattern's \\s
        opening = next((len(o) for o in _IDENTIFIER_OPENINGS if rest.startswith(o)), 0)
        if not opening and rest[3:4].isdecimal() and rest.startswith("PMC"):
            opening = 4
        if not opening and rest[4:5].isspace() and rest.startswith("PMID"):
            opening = 5
        if opening and "\n" not in rest[opening:-1]:
            return part[:at].strip()
        at = part.find(",", at + 1)
    return part.strip()


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each bracket of `text` with something and no bracket in it ('[KAT16; SEED]'), in order, as
    re.finditer(r"\\[([^\\[\\]]+)\\]", text) finds them: a '[' with another '[' before its ']' is no bracket's."""
    spans = []
    at = text.find("[")
    while at >= 0:
        close = text.find("]", at + 1)
        if close < 0:
            break
        inner = text.rfind("[", at + 1, close)
        if inner >= 0:
            at = inner
            continue
        if close > at + 1:
            spans.append((at, close + 1))
        at = text.find("[", close + 1 if close > at + 1 else at + 1)
    return spans


def with_brackets(text: str, rewrite) -> str:
    """`text` with each bracket of bracket_spans replaced by what `rewrite` makes of what is in it: re.sub(r"\\[([^
    \\[\\]]+)\\]", lambda b: rewrite(b.group(1)), text)."""
    pieces, done = [], 0
    for start, end in bracket_spans(text):
        pieces += [text[done:start], rewrite(text[start + 1 : end - 1])]
        done = end
    return "".join(pieces) + text[done:]


def _leading(text: str, wanted) -> str:
    """The longest start of `text` whose every character is `wanted`."""
    end = 0
    while end < len(text) and wanted(text[end]):
        end += 1
    return text[:end]


__all__ = [
    "PRESS_RELEASE",
    "bracket_spans",
    "civic_item",
    "keyed_label",
    "label_pmids",
    "paper_label_key",
    "restated_key",
    "with_brackets",
    "without_identifier",
]
