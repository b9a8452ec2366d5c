"""What the sources say of an off-target candidate in this patient's context, said in the sample's notes: a MET gain
after progression on crizotinib, itself a MET inhibitor (statements.tsv `after_<gene>_<kind>_<inhibitor>`), and an
EGFR or KRAS mutation in an ALK-positive tumour, with which ALK rearrangements did not occur together at diagnosis
(`unexpected_<gene>_<kind>`, at a progression with `..._at_progression`: a series at progression on crizotinib);
and the P-gp note's sentence saying which candidates an earlier annotate run recorded
(`recorded_pointer`). Pure: the candidates, the latest drug and whether ALK positivity stands."""

from __future__ import annotations

from .copynumber import machine_words
from .note_identity import OFF_TARGET_CONTEXT, Note
from .sourced_text import inline_statement, statement, statement_sources


def not_counted_after(off_target, latest: str | None) -> list:
    """The off-target findings, those the sources read set aside after the latest drug marked so (`OffTarget.
    not_counted_after`: no longer candidates), where statements.tsv has a `not_counted_after_<gene>_<kind>_<drug>`
    row: a MET copy-number gain after crizotinib, itself a MET inhibitor, with the MET amplification figures read
    after next-generation inhibitors only (clinical review of stop 38, finding 2: it became the mechanism and
    outranked an ALK gain, beside a note saying whether it explains the progression is not known)."""
    from .records import replace

    if not latest:
        return list(off_target)
    return [
        replace(o, not_counted_after=latest)
        if o.candidate and statement_sources(f"not_counted_after_{o.gene}_{o.kind}_{latest}")
        else o
        for o in off_target
    ]


def candidate_context_notes(kb, off_target, latest: str | None, alk_positive: bool) -> list[str]:
    """'MET copy number gain (chr7:116522196 <DUP> CN=9): The MET amplification figures read are after
    next-generation ALK inhibitors [DJ20, ...] ...', one per candidate and statement that applies, and for a finding
    set aside after the latest drug (not_counted_after) why."""
    notes = []
    for o in off_target:
        if o.not_counted_after:
            key = f"not_counted_after_{o.gene}_{o.kind}_{o.not_counted_after}"
            notes.append(f"{o.gene} {o.kind.replace('_', ' ')} ({o.description}): {_after_colon(kb, key)}")
            continue
        if not o.candidate:
            continue
        unexpected = f"unexpected_{o.gene}_{o.kind}"  # at a progression, with what a series found then (DOE12)
        groups: list[tuple[str, ...]] = [(f"after_{o.gene}_{o.kind}_{latest}",)] if latest else []
        groups += [(unexpected, f"{unexpected}_at_progression") if latest else (unexpected,)] if alk_positive else []
        for group in groups:
            said = [key for key in group if statement_sources(key)]  # rows of statements.tsv (each has its sources)
            if group[0] in said:
                notes.append(_context_note(kb, o, said))
    return list(dict.fromkeys(notes))


def _context_note(kb, o, said: list[str]) -> Note:
    """'EGFR mutation (...): <the statements `said`>', an OFF_TARGET_CONTEXT note on the gene and the statements;
    where it ends with the series at progression (`..._at_progression`, DOE12), that clause's words and sources, which
    the HTML card leaves out where its off-target findings give the same source (report/card_notes.py; rev50b)."""
    text = f"{o.gene} {o.kind.replace('_', ' ')} ({o.description}): {_after_colon(kb, *said)}"
    facts: dict = {"gene": o.gene, "statements": list(said)}
    if len(said) == 2 and said[1].endswith("_at_progression"):
        alone = inline_statement(kb, said[0])  # without a full stop: the clause follows it
        full = inline_statement(kb, *said)
        if full.startswith(alone):
            facts["at_progression"] = {"text": full[len(alone) :], "sources": list(statement_sources(said[1]))}
    return Note(text, OFF_TARGET_CONTEXT, **facts)


def _after_colon(kb, *keys: str) -> str:
    """The sourced sentences of `keys` after 'GENE kind (...): ', as the rows write them, with a full stop: a colon
    inside a sentence is not followed by a capital (stop 54, text54: 'KRAS mutation (...): In the series read ...').
    A row that opens with a gene, an acronym or another proper noun is written so ('FISH and ALK (D5F3) IHC ...')."""
    return f"{inline_statement(kb, *keys)}."


def recorded_pointer(shown) -> str:
    """The P-gp note's sentence on the candidates `shown` that an annotate run recorded (OffTarget=, or
    OffTargetSetAside= and counted after this run's latest drug, or OffTargetListed= and counted by this run's
    bypass_genes.tsv), said after they are named as this run names its own: their evidence is not in this file (''
    where none is recorded)."""
    said = ""
    for kind, one, several in (
        ("candidate", "An off-target candidate was recorded", "Off-target candidates were recorded"),
        ("set_aside", "An off-target finding recorded", "Off-target findings recorded"),
        ("listed", "An off-target finding listed and not counted", "Off-target findings listed and not counted"),
    ):
        # one recorded as listed is named here only where this run counts it (its P-gp note is otherwise annotate's)
        found = [o for o in shown if o.recorded == kind and (o.candidate or kind != "listed")]
        if not found:
            continue
        named = named_findings(found)
        counts = " counts as a candidate" if len(found) == 1 else " count as candidates"
        after = {"set_aside": f"{counts} after this run's latest drug", "listed": f"{counts} in this run"}.get(kind, "")
        said += (
            f" {one if len(found) == 1 else several} when this VCF was annotated{after} ({named}); "
            f"{'its' if len(found) == 1 else 'their'} evidence is not in this file (see the notes)."
        )
    return said


def named_findings(found) -> str:
    """'MET copy number gain (chr7:116522196 <DUP> CN=12); ...': findings named as OffTarget= records them."""
    return "; ".join(f"{o.gene} {o.kind.replace('_', ' ')} ({o.description})" for o in found)


__all__ = [
    "PGP_NOT_FROM_VCF",
    "abcb1_listed",
    "abcb1_said",
    "candidate_context_notes",
    "named_findings",
    "not_counted_after",
    "recorded_pointer",
]


def abcb1_listed(kb, found: tuple) -> str:
    """' An ABCB1 record is listed (mutation chr7:...). P-gp status is an expression (IHC) finding ... [SEED; KAT16].':
    the record named, with the sourced statement that it does not establish P-gp status, once in the note (the
    note said it twice, the second time sourced: review of stop 29, left item); '' where no ABCB1 record is
    listed."""
    return abcb1_said(kb, found)[0]


def abcb1_said(kb, found: tuple) -> tuple[str, tuple[str, ...]]:
    """(`abcb1_listed`'s text, what it says: PGP_NOT_FROM_VCF where it says that statement), for the note's
    sources (pgp.pgp_assessment), known where the sentence is made, not found in the note."""
    abcb1 = dict.fromkeys(f"{machine_words(o.kind)} {o.description}" for o in found if o.gene == "ABCB1")
    if not abcb1:
        return "", ()
    return f" An ABCB1 record is listed ({', '.join(abcb1)}). {statement(kb, PGP_NOT_FROM_VCF)}", (PGP_NOT_FROM_VCF,)


PGP_NOT_FROM_VCF = "pgp_not_from_vcf"  # statements.tsv: an ABCB1 record does not establish P-gp status
