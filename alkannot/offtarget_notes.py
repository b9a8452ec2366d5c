"""What the sources say of an off-target candidate in this patient's context, said in the sample's notes: a MET gain
after progression on crizotinib, itself a MET inhibitor (statements.tsv `after_<gene>_<kind>_<inhibitor>`), and an
EGFR or KRAS mutation in an ALK-positive tumour, with which ALK rearrangements did not occur together at diagnosis
(`unexpected_<gene>_<kind>`). Pure: the candidates, the latest drug and whether ALK positivity stands."""

from __future__ import annotations

from .sourced_text import statement, statement_sources


def candidate_context_notes(kb, off_target, latest: str | None, alk_positive: bool) -> list[str]:
    """'MET copy number gain (chr7:116522196 <DUP> CN=9): The MET amplification figures read are after
    next-generation ALK inhibitors [DJ20, ...] ...', one per candidate and statement that applies."""
    notes = []
    for o in off_target:
        if not o.candidate:
            continue
        keys = [f"after_{o.gene}_{o.kind}_{latest}"] if latest else []
        keys += [f"unexpected_{o.gene}_{o.kind}"] if alk_positive else []
        for key in keys:
            if statement_sources(key):  # a row of statements.tsv (each has its sources)
                notes.append(f"{o.gene} {o.kind.replace('_', ' ')} ({o.description}): {statement(kb, key)}")
    return list(dict.fromkeys(notes))


__all__ = ["candidate_context_notes"]
