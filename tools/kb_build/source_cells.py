"""A source cell of the shared tables ('KAT14; CGI(case report;PMID:1)') read into its source keys, PMIDs and
remarks."""

from __future__ import annotations

import re


def split_top(text: str, sep: str = ";") -> list[str]:
    """Split on `sep` outside parentheses."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def parse_token(token: str) -> tuple[str, list[str], list[str]]:
    """'CGI(case report;PMID:1)' -> ('CGI', ['1'], ['case report'])."""
    m = re.fullmatch(r"([A-Z0-9_]+)(?:\((.*)\))?", token.strip())
    if not m:
        raise ValueError(f"unparsed source token {token!r}")
    key, inner = m.group(1), m.group(2) or ""
    pmids = re.findall(r"PMID:(\d+)", inner)
    words = [w.strip() for w in re.split(r";", re.sub(r"PMID:\d+", "", inner)) if w.strip()]
    return key, pmids, words


def source_keys(text: str) -> str:
    keys = [parse_token(t)[0] for t in split_top(text) if t and not t.startswith("not ")]
    return ";".join(keys)
