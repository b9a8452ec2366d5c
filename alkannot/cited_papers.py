"""Which sources of the knowledge base are papers, and the PMIDs a statement cites: a curated resource's own
identifiers (CGI's paper, Tamborero et al. 2018) are no evidence on a change, a paper's PMID is (calls.tsv `pmids`,
filled by the build: tools/kb_build/rules.py; clinical read h1, finding 2)."""

from __future__ import annotations

# curated resources: their sources.tsv PMID and DOI are the resource's paper, no evidence on a change; a statement of
# theirs cites the PMIDs of the papers it rests on (a CGI row's own, a CIViC item's)
RESOURCE_KEYS = ("CGI", "CIVIC")


def cited_pmids(own: tuple[str, ...], sources: tuple[str, ...], pmid_of: dict[str, str]) -> tuple[str, ...]:
    """The PMIDs a statement cites: its own (a CIViC item's, a matrix cell's 'PMID:n'), then the sources.tsv PMID of
    each of its sources that is a paper (not a curated resource, RESOURCE_KEYS), each once, in that order. The build
    fills calls.tsv's `pmids` so (tools/kb_build/rules.py), that the VCF's ALK_EVIDENCE, which says it lists PMIDs,
    and a statement's label name LIN18JTO's PMID on every row of LIN18JTO (clinical read h1, finding 2)."""
    papers = (pmid_of.get(k, "") for k in sources if k not in RESOURCE_KEYS)
    return tuple(dict.fromkeys(p for pmids in (own, papers) for p in pmids if p))
