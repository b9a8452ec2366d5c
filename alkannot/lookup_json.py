"""`alkannot lookup --json`: an alteration's calls, the statements behind them and the knowledge base's identity as one
JSON document; each call's marks as readings.mark_flags reads them, by the report's codes, as lookup's table does."""

from __future__ import annotations

from .evidence import AlterationCall, InhibitorCall, Measurement, Vote
from .knowledge import KnowledgeBase
from .readings import mark_flags
from .report.plain_words import plain_words
from .sourced_text import bracketed_keys, merged_labels


def source_keys(call: AlterationCall) -> list[str]:
    """The calls' and notes' sources, and the keys cited in brackets in the calls' notes (an investigational
    agent's status: '[DHI19GIL]'); a bracketed part that names no source is left out where the legend is made."""
    keys = []
    labels = [label for c in call.calls.values() for label in (*c.sources, *c.listed)]  # listed: named in the note
    labels += [k for n in call.notes for k in n.sources]
    labels += [key for c in call.calls.values() for key in bracketed_keys(c.note)]
    for label in labels:
        key = label.split("(")[0]
        key = "CIVIC" if key.startswith("EID") else key
        if key not in keys:
            keys.append(key)
    return keys


def _grade_dict(grade) -> dict | None:
    if grade is None:
        return None
    return {
        "rule": grade.rule,
        "measure": grade.measure,
        "value": grade.value,
        "approximate": grade.approximate,
        "band": grade.band,
        "position": grade.position,
        "category": grade.category or None,
        "band_source": grade.band_source or None,
    }


def _measurement_dict(m: Measurement) -> dict:
    return {
        "ic50_nM": m.ic50_nM,
        "qualifier": m.qualifier,
        "wt_ic50_nM": m.wt_ic50_nM,
        "fold_vs_wt": m.fold_vs_wt,
        "fold_approximate": m.fold_qualifier == "~",
        "fold_basis": m.fold_basis or None,
        "measure": m.measure,
        "assay": m.assay,
        "context": m.context,
        "in_nsclc_context": m.in_nsclc_context,
        "source": m.source,
        "source_says": m.source_says or None,
        "grade": _grade_dict(m.grade),
    }


def _statement_dict(vote: Vote) -> dict:
    s = vote.statement
    return {
        "source": s.label,
        "category": s.category,
        "read_as": vote.category,
        "votes": vote.votes,
        "evidence_kind": s.evidence_kind,
        "evidence_level": s.evidence_level or None,
        "disease": s.disease,
        "background": s.background,
        "context": s.context,
        "in_nsclc_context": s.in_nsclc_context,
        "assay": s.assay or None,
        "measurement": _measurement_dict(Measurement.of(vote)) if s.has_measurement else None,
        "note": plain_words(s.note) or None,
    }


def _inhibitor_dict(c: InhibitorCall) -> dict:
    marks = mark_flags(c)
    return {
        "category": c.category,
        "inferred": marks["inferred"],
        "sources_disagree": marks["sources_disagree"],  # as ALK_CALL_QUALIFIERS and the report's JSON say it
        "disputed": marks["sources_disagree"],  # the same, its name before stop 47: kept for older readers
        "in_silico": marks["in_silico"],
        "preclinical_only": marks["preclinical_only"],
        "case_report_only": marks["case_report_only"],
        "one_case_report": marks["one_case_report"],
        "reviews_only": marks["reviews_only"],
        # no statement about ALK-positive NSCLC decided the call (RULES.md 3.2): '(other context)' in lookup's table,
        # `other_context` in ALK_CALL_QUALIFIERS and the report's JSON; `context` says which context it is
        "other_context": marks["other_context"],
        "context": c.context or None,
        "evidence_kinds": list(c.evidence_kinds),
        # who decided the call; the sources listed beside it without counting apart, as the report's JSON gives them
        # (a statement that does not vote may say the opposite: LIN18JTO beside I1171T)
        "sources": list(c.counted_sources),
        "listed_sources": list(merged_labels(c.listed_sources)),  # each key once (stop 46, item 3)
        "ic50_nM": c.ic50_nM,
        "fold_vs_wt": c.fold_vs_wt,
        "note": plain_words(c.note),
        "measurements": [_measurement_dict(m) for m in c.measurements],
        "statements": [_statement_dict(v) for v in c.votes],
    }


def call_to_dict(query: str, call: AlterationCall) -> dict:
    return {
        "query": query,
        "alteration": call.alteration,
        "resistance": call.resistance,
        "compound_rule": call.compound_rule,
        "phase": call.phase,
        "evidence": list(call.evidence),
        "notes": [{"note": plain_words(n.note), "sources": list(n.sources), "origin": n.origin} for n in call.notes],
        "calls": {name: _inhibitor_dict(c) for name, c in call.calls.items()},
    }


def _kb_dict(kb: KnowledgeBase) -> dict:
    return {
        "version": kb.version,
        "date": kb.date,
        "sha256": kb.sha256,
        "origin": kb.origin,
        "thresholds": [
            {
                "rule": t.rule,
                "measure": t.measure,
                "band": t.band,
                "within": t.within or None,
                "above": t.above or None,
                "below": t.below or None,
                "quote": t.quote,
                "sources": list(t.sources),
                "pmids": list(t.pmids),
                "civic_eid": t.civic_eid or None,
            }
            for t in kb.thresholds
        ],
    }


def lookup_document(kb: KnowledgeBase, results: list[tuple[str, AlterationCall]]) -> dict:
    """The knowledge base's identity, each query's calls and every source they cite (sorted by key)."""
    sources = {}
    for key in sorted({k for _, call in results for k in source_keys(call)}):
        try:
            s = kb.source(key)
        except KeyError:
            continue
        sources[key] = {"pmid": s.pmid or None, "doi": s.doi or None, "citation": s.citation}
    return {
        "knowledge_base": _kb_dict(kb),
        "results": [call_to_dict(t, c) for t, c in results],
        "sources": sources,
    }
