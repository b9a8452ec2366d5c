"""The sources a report cites and how each is described (the JSON's `sources`, the HTML's Sources list): the keys of
each sample's source lists and every citation in brackets in its printed texts, and for each key its PMID, DOI or
PubMed Central id and citation, from the knowledge base, a CIViC evidence item or a bare PubMed ID.
"""

from __future__ import annotations

import re

from ..source_labels import keyed_label
from ..sourced_text import bare_key, bracketed_keys, split_keys

_PMID = re.compile(r"PMID[:\s]*(\d+)", re.I)


def _texts(value) -> list[str]:
    """Every string of a sample's document (notes, inhibitor notes and bases, fusion calls, off-target statements,
    the compound, copy-number lines, ...): what the reports print of it."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def cites_a_source(key: str, kb) -> bool:
    """Whether a part of a bracketed text is a citation: a source of the knowledge base, a CIViC evidence item, a
    PubMed ID, a curation source with the papers it cites ('CGI(PMID:1;PMID:2)'), or the sample sheet. Brackets
    that are not citations ('[positive; kinase retained; ...]' of a fusion call, '[FOLD_4_10]') are not."""
    if key == "sample_sheet" or re.fullmatch(r"EID\d+(?:\(.*\))?|PMID[:\s]*\d+", key):
        return True
    label = keyed_label(key)
    if label and _PMID.search(label[1]):
        return True
    return _kb_source(kb, label[0] if label else key) is not None


def add_citations(s: dict, kb, keys: dict[str, None], evidence: dict[str, None]) -> None:
    """The keys one sample cites into `keys`; its mutations' statement sources, the HTML Evidence column's
    (clinical review hN, finding 7), into `evidence`, which come after `keys` so that the keys cited before keep
    their order."""
    for m in s["alk_mutations"]:
        keys.update(dict.fromkeys(m["evidence"]))
        evidence.update(dict.fromkeys((*m["sources"], *m["listed_sources"])))
    for i in s["inhibitors"].values():
        keys.update(dict.fromkeys(i["sources"]))
        # shown, labelled 'also listed, not counted' (review 19, finding 8)
        keys.update(dict.fromkeys(i["listed_sources"]))
        keys.update(dict.fromkeys(i["note_sources"]))
    keys.update(dict.fromkeys(s["pgp"]["sources"]))
    for o in s["off_target"]:
        keys.update(dict.fromkeys(o["sources"]))
    keys.update(dict.fromkeys(k for text in _texts(s) for k in bracketed_keys(text) if cites_a_source(k, kb)))


def cited_bare_keys(keys: dict[str, None]) -> list[str]:
    found: list[str] = []
    for key in keys:
        for part in split_keys(key):
            part = bare_key(part)
            if part and part not in found:
                found.append(part)
    return found


def describe_source(key: str, kb) -> dict:
    """{pmid, doi, citation} (pmc: a PubMed Central id where neither is known) of a cited key, never an empty
    citation: a source of the knowledge base, a CIViC evidence item ('EID441', 'EID441(PMID:22277784)'), a curation
    source with the papers it cites ('CGI(PMID:1;PMID:2)'), a bare 'PMID:n', or this patient's sample sheet."""
    if key == "sample_sheet":
        return {
            "pmid": None,
            "doi": None,
            "citation": "this patient's treatment history (sample sheet column progressed_on)",
        }
    label = keyed_label(key)
    base, inner = label or (key, "")
    pmids = re.findall(r"PMID[:\s]*(\d+)", inner if label else key)
    if base.startswith("EID") and not pmids and kb is not None:  # the paper a CIViC item is about
        pmids = list(dict.fromkeys(p for st in kb.statements if st.civic_eid == base for p in st.pmids))
    source = _kb_source(kb, base)
    if source is None and pmids:
        source = next((s for s in (kb.sources() if kb is not None else ()) if s.pmid == pmids[0]), None)
    pmid = ";".join(pmids) or (source.pmid if source is not None and source.pmid else None)
    doi = source.doi if source is not None and source.doi else None
    if base.startswith("EID"):
        citation = f"CIViC accepted evidence item {base} (CC0)"
        if source is not None and source.citation and source.key != "CIVIC":
            citation += f"; the paper: {source.citation}"
    elif source is not None and source.citation:
        citation = source.citation
    elif base.startswith("PMID"):
        citation = "a paper cited by PubMed ID only (its citation is not in the knowledge base)"
        citation += _civic_items(kb, pmids)
    else:
        citation = f"{base}: a source key of the knowledge base"
    if label and source is not None and source.key == base and pmids and pmids == [source.pmid]:
        citation = _noted(citation, f"citing PMID {source.pmid}")  # its own paper ('SAB17(PMID:28435288)')
    elif label and source is not None and source.key == base and pmids:
        # the entry's PMID is the cited paper's: the resource's own identifiers go in the text, never beside it
        # (review 12, KB helper's note: 'CGI(PMID:22277784)' showed CGI's resource DOI as if the paper's)
        own = ", ".join(x for x in (source.pmid and f"PMID {source.pmid}", source.doi and f"doi:{source.doi}") if x)
        # the citation's own 'the PMID and DOI are those of the resource's paper' would now describe the wrong link
        # (review 13, finding 12)
        citation = re.sub(
            r"; the (?:PMID and DOI are those|PMID is that|DOI is that) of the resource's paper: ",
            "; the resource's paper: ",
            citation,
        )
        citation = _noted(citation, f"citing PMID {', '.join(pmids)}{f'; the resource itself: {own}' if own else ''}")
        doi = None
    pmc = getattr(source, "pmc", "") if source is not None and not pmid and not doi else ""  # as the VCF names it
    return {"pmid": pmid, "doi": doi, "citation": citation, **({"pmc": str(pmc)} if pmc else {})}  # (schema 2.23)


def _noted(citation: str, words: str) -> str:
    """`citation` with `words` in its closing bracket, where it ends in one: '... 2017;377:829-838 (ALEX; citing PMID
    28586279)', not '(ALEX) (citing PMID 28586279)', two brackets in a row (stop 54); in a bracket of their own
    otherwise. Every citation of sources.tsv that ends in a bracket ends in a note on the source, never a title's."""
    return f"{citation[:-1]}; {words})" if citation.endswith(")") else f"{citation} ({words})"


def _civic_items(kb, pmids: list[str]) -> str:
    """'; the knowledge base's CIViC evidence items on it: EID841, EID842 (case report)': what the knowledge base
    holds of a paper it cites by PubMed ID only, so the reader can find it (oncologist reading of stop 28); ''
    where it holds none."""
    rows = [st for st in (kb.statements if kb is not None else ()) if st.civic_eid and set(pmids) & set(st.pmids)]
    eids = sorted(dict.fromkeys(st.civic_eid for st in rows), key=lambda e: int(e[3:]) if e[3:].isdigit() else 0)
    kinds = ", ".join(dict.fromkeys(st.evidence_kind.replace("_", " ") for st in rows))
    return f"{CIVIC_ITEMS_ON_IT}{', '.join(eids)} ({kinds})" if eids else ""


# how a bare PMID's citation opens the CIViC items on its paper (`_civic_items`); the HTML's Sources list finds them
# there in a saved document, which has only the citation's text (source_entries: one constant, not a copy)
CIVIC_ITEMS_ON_IT = "; the knowledge base's CIViC evidence items on it: "


def _kb_source(kb, key: str):
    if kb is None:
        return None
    try:
        return kb.source(key)
    except (KeyError, LookupError, ValueError):
        return None


def source_table(keys: list[str], kb) -> dict:
    return {key: describe_source(key, kb) for key in keys}


__all__ = ["CIVIC_ITEMS_ON_IT", "add_citations", "cited_bare_keys", "cites_a_source", "describe_source", "source_table"]
