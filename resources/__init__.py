"""alkannot's bundled data, installed as the package `alkannot.resources`.

No facts live in this file. Each folder names its sources beside its data: transcript/PROVENANCE.md
(NM_004304.5 / NM_019063.5 models from UCSC ncbiRefSeq, Ensembl, GENCODE; per-row `source`
columns), genome/PROVENANCE.md (gene spans, assemblies, EML4-ALK variants), kb/PROVENANCE.md and
kb/sources.tsv (PMID / DOI / CIViC EID of every knowledge-base statement), triage/PROVENANCE.md.
"""
