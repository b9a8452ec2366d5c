"""The HTML's Sources list, one entry per source (clinical review of stop 42, finding 13): a key the JSON's `sources`
object holds in several forms ('EID1367' and 'EID1367(PMID:25736571)', 'LIN18JTO' and 'LIN18JTO(PMID:29935304)', a
bare 'PMID:25736571' beside the CIViC items about that paper) is listed once, its other forms named as aliases, each
keeping its own link target so that every citation still leads to its entry. The JSON keeps every form (a lookup by
the key a text cites)."""

from __future__ import annotations

import re
from urllib.parse import quote

from .cited_sources import CIVIC_ITEMS_ON_IT
from .plain_words import SOURCE_LABELS

_KEYED = re.compile(r"^([^()]+)\((PMID:[^()]+)\)$")  # 'EID1367(PMID:25736571)'


def source_anchor(key: str) -> str:
    return "src-" + quote(key, safe="")


def _pmids(entry: dict) -> list[str]:
    return [p for p in (entry.get("pmid") or "").split(";") if p]  # a key may cite several papers


def _owner(key: str, sources: dict) -> str | None:
    """The key of which `key` is another form, or None: 'BASE(PMID:n)' where BASE is listed with the same papers
    (a curation citing another paper, 'CGI(PMID:26698910)', is a source of its own); a bare 'PMID:n' where a key of
    another form lists that paper (a knowledge-base source first, then a CIViC item about it)."""
    match = _KEYED.match(key)
    if match:
        base = match.group(1)
        same = base in sources and _pmids(sources[base]) == _pmids(sources[key])
        return base if same else None
    if not key.startswith("PMID:"):
        return None
    pmids = _pmids(sources[key])
    holders = [k for k in sorted(sources) if not k.startswith("PMID") and _KEYED.match(k) is None and k != key]
    holders = [k for k in holders if pmids and set(pmids) <= set(_pmids(sources[k]))]
    return next((k for k in holders if not k.startswith("EID")), None) or next(iter(holders), None)


def _items_on_paper(entry: dict) -> str:
    """'; the knowledge base's CIViC evidence items on its paper: EID1367, EID1368 (case report)': what the entry of a
    bare PMID folded into another said of the paper (cited_sources.describe_source), kept on the entry it joins."""
    said = entry.get("citation") or ""
    start = said.find(CIVIC_ITEMS_ON_IT)
    if start < 0:
        return ""
    return f"; the knowledge base's CIViC evidence items on its paper: {said[start + len(CIVIC_ITEMS_ON_IT) :]}"


def source_list(sources: dict) -> list[dict]:
    """The entries of the HTML's Sources list, sorted by key: each with its label, link target, citation, PubMed
    links and DOI, and its aliases (the other forms of its key the report cites, each with its own link target)."""
    aliases: dict[str, list[str]] = {}
    for key in sorted(sources):
        owner = _owner(key, sources)
        if owner is not None:
            aliases.setdefault(owner, []).append(key)
    folded = {alias for keys in aliases.values() for alias in keys}
    out = []
    for key, entry in sorted(sources.items()):
        if key in folded:
            continue
        citation = (entry.get("citation") or "") + "".join(
            _items_on_paper(sources[a]) for a in aliases.get(key, ()) if a.startswith("PMID:")
        )
        out.append(
            {
                "key": key,
                "label": SOURCE_LABELS.get(key, key),
                "anchor": source_anchor(key),
                "aliases": [{"key": a, "anchor": source_anchor(a)} for a in aliases.get(key, ())],
                "citation": citation,
                "pmids": [{"id": p, "url": f"https://pubmed.ncbi.nlm.nih.gov/{p}/"} for p in _pmids(entry)],
                "doi": entry.get("doi"),
            }
        )
    return out


__all__ = ["source_anchor", "source_list"]
