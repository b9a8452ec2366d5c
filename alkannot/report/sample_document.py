"""One sample's report document (the JSON's `samples[]` entry, report/schema.json) from its verdict: what every
writer reads of the sample (json_report.document), made once per sample as the verdict is (report/sample_store.py).
"""

from __future__ import annotations

from ..offtarget_screen import checked_coverage
from ..readings import (
    CASE_REPORT_ONLY,
    IN_SILICO,
    INFERRED,
    ONE_CASE_REPORT,
    OTHER_CONTEXT,
    PRECLINICAL_ONLY,
    REVIEWS_ONLY,
    SOURCES_DISAGREE,
)
from ..sourced_text import one_form
from .card_notes import document_kinds
from .plain_words import plain_words
from .sample_boxes import ihc_to_order, mechanism_box, mechanism_context, triaged_for_pgp


def _mutation(m) -> dict:
    return {
        "protein_change": m.protein_change,
        "label": m.label,
        "hgvsp": m.hgvsp,
        "hgvsc": m.hgvsc,
        "consequence": m.consequence,
        "region": m.region,
        "aa_position": m.aa_position,
        "chrom": m.chrom,
        "pos": m.pos,
        "ref": m.ref,
        "alt": m.alt,
        "filter": m.filter,
        "vaf": None if m.vaf is None else round(m.vaf, 4),
        "vaf_source": m.vaf_source,
        "depth": m.depth,
        "low_vaf": m.low_vaf,
        "resistance": m.resistance,
        "truncating": m.truncating,
        "evidence": list(m.evidence),
        "sources": one_form(m.sources),
        "listed_sources": one_form(m.listed_sources),
        "phase_set": m.phase_set,
        "haplotype": m.haplotype,
        "ref_mismatch": m.ref_mismatch,
        "in_normal": list(m.in_normal),
    }


def _inhibitor(i) -> dict:
    marks = i.kb_marks()  # the knowledge base's marks of the printed call (readings.mark_flags' codes)
    return {
        "category": i.category,
        "basis": i.basis,
        "sources": one_form(i.sources),
        "listed_sources": one_form(i.listed_sources),
        "evidence_kinds": list(i.evidence_kinds),
        "inferred": marks[INFERRED],
        "progressed_on": i.progressed_on,
        "note": plain_words(i.note),
        "note_sources": one_form(i.note_sources),
        # schema 2.30: what each item whose numbers the note may give measured ({'EID1342': 'GI50'}), for the card
        "measures": dict(i.measures),
        "subclonal": i.subclonal,
        "resensitised": i.resensitised,
        "rechallenge_untested": i.rechallenge_untested,
        SOURCES_DISAGREE: marks[SOURCES_DISAGREE],  # the VCF's token (ALK_CALL_QUALIFIERS, Calls=), schema 2.24
        "disputed": marks[SOURCES_DISAGREE],  # the same, its name before schema 2.24: kept for older readers
        IN_SILICO: marks[IN_SILICO],
        PRECLINICAL_ONLY: marks[PRECLINICAL_ONLY],
        CASE_REPORT_ONLY: marks[CASE_REPORT_ONLY],
        ONE_CASE_REPORT: marks[ONE_CASE_REPORT],
        REVIEWS_ONLY: marks[REVIEWS_ONLY],  # clinical read h1, finding 10
        OTHER_CONTEXT: marks[OTHER_CONTEXT],
        "pgp_unsettled": i.pgp_unsettled,
    }


def _pgp(pgp) -> dict:
    """The sample's P-gp object: its check's context and note, the inhibitors in each of the five groups of what P-gp
    overexpression does to them (schema 2.24: every inhibitor in one), the sheet's IHC and TPM, and the sources."""
    return {
        "context": pgp.context,
        # schema 2.31: the check once the tumour is ALK-positive, where the check waits for its ALK status
        "once_alk_positive": pgp.once_alk_positive or None,
        "note": plain_words(pgp.note),
        "parts": _parts(pgp),  # schema 2.29: the note's parts, each with its kind; joined with spaces, the note
        "affected_progressed_on": list(pgp.affected_progressed),
        "not_affected": list(pgp.not_affected),
        "affected": list(pgp.affected),
        "conflicting": list(pgp.conflicting),  # schema 2.24: every inhibitor in one of the five lists
        "untested": list(pgp.untested),
        "no_data": list(pgp.no_data),
        "abcb1_ihc": pgp.ihc,
        "abcb1_tpm": pgp.tpm,
        "sources": list(pgp.sources),
    }


def _parts(pgp) -> list[dict]:
    """The P-gp note's parts ({kind, text}, pgp_parts), in plain words as the note is: their texts joined with single
    spaces are `note`; the note as one part of kind `note` where it was not cut (or its parts would not make it)."""
    note = plain_words(pgp.note)
    parts = [{"kind": kind, "text": plain_words(text)} for kind, text in pgp.parts]
    if not parts or " ".join(p["text"] for p in parts) != note:
        return [{"kind": "note", "text": note}]
    return parts


def sample_document(v) -> dict:
    compound = None
    if v.compound is not None:
        compound = {
            "changes": list(v.compound.changes),
            "phase": v.compound.phase,
            "phase_method": v.compound.phase_method,
            "resistance": v.compound.resistance,
            "rule": v.compound.rule,
        }
    doc = {
        "sample": v.sample,
        "source": v.source,
        "annotated_from": v.annotated_from,  # schema 2.25: the file an earlier annotate run read (Input=)
        "build": v.build,
        "role": v.role,
        "fusion": v.fusion,
        "fusion_calls": list(v.fusion_calls),
        "alk_status": v.alk_status,
        "progressed_on": None if v.progressed_on is None else list(v.progressed_on),
        "alk_mutations": [_mutation(m) for m in v.mutations],
        "alk_copy_number": [
            {
                "label": g.label,
                "record": g.record,
                "cn": g.cn,
                "level": g.level,
                "filter": g.filter,
            }
            for g in v.alk_copy_number
        ],
        "compound": compound,
        "inhibitors": {i.inhibitor: _inhibitor(i) for i in v.inhibitors},
        "mechanism": v.mechanism,
        "mechanism_context": None,  # set below, from the flags (mechanism_context)
        "pgp_check": v.pgp.check,
        "pgp": _pgp(v.pgp),
        "off_target": [
            {
                "gene": o.gene,
                "kind": o.kind,
                "record": o.description,
                "statement": o.statement,
                "sources": list(o.sources),
                "verified": o.verified,
                "candidate": o.candidate,
                "records": o.records,
            }
            for o in v.off_target
        ],
        # every gene alkannot checks, with the kinds of record of the sample that reached it: none, not assessed
        "off_target_genes": [
            {"gene": c.gene, "role": role, "covered_by": list(c.kinds), "copy_number": list(c.copy_numbers)}
            for role, _, c in checked_coverage(v.screened)
        ],
        "notes": [plain_words(n) for n in v.notes],
        "note_kinds": document_kinds(v.notes, v.pgp.lead_named),  # schema 2.28: what each note is about
        "resistant": v.resistant,
        "alk_mutation_negative": v.alk_mutation_negative,
        "assessable": v.assessable,
    }
    # the P-gp triage list, decided here once: the TSV, MultiQC, HTML and the summary read this key; `assessable`
    # is whether the sample is outside the `not_assessable` box, one meaning in every output (review 9, new user,
    # finding 3)
    doc["pgp_triage"] = triaged_for_pgp(doc)
    doc["pgp_ihc_to_order"] = ihc_to_order(doc)
    doc["assessable"] = mechanism_box(doc) != "not_assessable"
    doc["mechanism_context"] = mechanism_context(doc)
    doc["in_sample_sheet"] = v.in_sheet
    doc["sample_sheet_extra"] = dict(v.extra)
    return doc


__all__ = ["sample_document"]
