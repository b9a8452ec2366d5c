"""Building resources/kb/ from shared/kb and tools/kb_curation (entry point: tools/build_kb.py), one module per job:

- reading: where the inputs are, how a table is read, the inhibitor list (kb_curation/inhibitors_pgp.tsv)
- source_cells: a source cell ('KAT14; CGI(case report;PMID:1)') read into keys, PMIDs and remarks
- naming: a compound's name, a statement's background for evidence from patients
- matrix: review-matrix cells (mutations.tsv) -> statements (CELL_OVERRIDES, CONTEXT_BY_KEY, APPROVAL_ONLY, ...)
- civic: CIViC evidence items -> statements (DISEASES, CIVIC_BACKGROUND, CIVIC_REREAD, ...)
- ic50: IC50 measurements attached to their items' statements
- curated: statements and notes read later (kb_curation/statements*.tsv, notes*.tsv)
- rules: RULES.md 3.7 over every statement (variant_preclinical_listed), PMIDs from sources.tsv (source_pmids)
- notes: the matrix's alteration notes (SUPERSEDED_NOTES)
- inhibitors: inhibitors.tsv with the P-gp properties and the replaced cells
- sources: sources.tsv
- writing: the TSV tables and VERSION
- build: the whole build, in order

Every name below was a name of tools/build_kb.py before it was split; tests and resources/kb/PROVENANCE.md read
them there, so build_kb re-exports them all.
"""

from alkannot.kbfiles import CALL_COLUMNS, NOTE_COLUMNS, SOURCE_COLUMNS

from .build import build, kb_statements
from .civic import (
    CIVIC_BACKGROUND,
    CIVIC_REREAD,
    CIVIC_THERAPY,
    DISEASES,
    I1171_ITEMS,
    LEVEL_KIND,
    SEQUENTIAL_READ,
    civic_background,
    civic_disease,
    civic_statements,
    eml4_variant_names,
    sequential_reading,
)
from .curated import curated_notes, curated_statements
from .ic50 import attach_ic50, fold_fields, ic50_alteration, ic50_background, parse_fold
from .inhibitors import (
    INHIBITOR_COLUMNS,
    INHIBITOR_NAMES,
    PGP_COLUMNS,
    build_inhibitors,
    corrected,
    inhibitor_names,
    reader_remarks,
    weak_sources,
)
from .matrix import (
    APPROVAL_NOTE,
    APPROVAL_ONLY,
    CELL_OVERRIDES,
    CONTEXT_BY_KEY,
    KEY_KIND,
    LISTED_KEYS,
    MATRIX_KINDS,
    MATRIX_NAMES,
    NOTE_BY_KEY,
    PEL21_G1202R,
    TRIAL_KEYS,
    kind_for,
    matrix_statements,
    statement,
)
from .naming import PATIENT_KINDS, canonical_compound, patient_background, position
from .notes import BOILERPLATE, REWORDED_NOTES, SUPERSEDED_NOTES, matrix_notes, reworded, superseded
from .reading import CURATION, INHIBITORS, ROOT, read_curation, read_rows
from .rules import CLINICAL_KINDS, VARIANT_LISTED, source_pmids, variant_preclinical_listed
from .source_cells import parse_token, source_keys, split_top
from .sources import build_sources
from .writing import OUT, VERSION_SOURCE, write_tsv

__all__ = [
    "APPROVAL_NOTE",
    "APPROVAL_ONLY",
    "BOILERPLATE",
    "CALL_COLUMNS",
    "CELL_OVERRIDES",
    "CIVIC_BACKGROUND",
    "CIVIC_REREAD",
    "CIVIC_THERAPY",
    "CLINICAL_KINDS",
    "CONTEXT_BY_KEY",
    "CURATION",
    "DISEASES",
    "I1171_ITEMS",
    "INHIBITORS",
    "INHIBITOR_COLUMNS",
    "INHIBITOR_NAMES",
    "KEY_KIND",
    "LEVEL_KIND",
    "LISTED_KEYS",
    "MATRIX_KINDS",
    "MATRIX_NAMES",
    "NOTE_BY_KEY",
    "NOTE_COLUMNS",
    "OUT",
    "PATIENT_KINDS",
    "PEL21_G1202R",
    "PGP_COLUMNS",
    "REWORDED_NOTES",
    "ROOT",
    "SEQUENTIAL_READ",
    "SOURCE_COLUMNS",
    "SUPERSEDED_NOTES",
    "TRIAL_KEYS",
    "VARIANT_LISTED",
    "VERSION_SOURCE",
    "attach_ic50",
    "build",
    "build_inhibitors",
    "build_sources",
    "canonical_compound",
    "civic_background",
    "civic_disease",
    "civic_statements",
    "corrected",
    "curated_notes",
    "curated_statements",
    "eml4_variant_names",
    "fold_fields",
    "ic50_alteration",
    "ic50_background",
    "inhibitor_names",
    "kb_statements",
    "kind_for",
    "matrix_notes",
    "matrix_statements",
    "parse_fold",
    "parse_token",
    "patient_background",
    "position",
    "read_curation",
    "read_rows",
    "reader_remarks",
    "reworded",
    "sequential_reading",
    "source_keys",
    "source_pmids",
    "split_top",
    "statement",
    "superseded",
    "variant_preclinical_listed",
    "weak_sources",
    "write_tsv",
]
