"""`alkannot kb list` and `alkannot kb show inhibitors|sources|thresholds`: the knowledge base's own tables, each
headed by its version and SHA256 (`kb show ALTERATION` is lookup's table: lookup_text.format_call)."""

from __future__ import annotations

from .alterations import parse_alteration
from .kbfiles import PGP_COLUMNS
from .knowledge import KnowledgeBase
from .lookup_text import kb_line

SHORT = {"sensitive": "S", "intermediate": "I", "resistant": "R", "conflicting": "C", "unknown": "."}


def kb_list(kb: KnowledgeBase) -> str:
    lines = [
        f"# {kb_line(kb)}",
        f"# version\t{kb.version}",
        f"# date\t{kb.date}",
        f"# sha256\t{kb.sha256}",
        f"# origin\t{kb.origin}",
        f"# {len(kb.statements)} statements, {len(kb.alterations())} alterations, {len(kb.sources())} sources",
        "# calls: S sensitive, I intermediate, R resistant, C conflicting, . unknown (inhibitors in column order)",
    ]
    rows = []
    for alteration in kb.alterations():
        call = kb.call(_parse_kb_name(alteration))
        calls = " ".join(SHORT[call.calls[i].category] for i in kb.inhibitor_names)
        rows.append([alteration, str(len(kb.statements_for(alteration))), calls, ""])
    header = ["alteration", "statements", " ".join(i[:4] for i in kb.inhibitor_names), ""]
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(3)]
    body = ["  ".join(c.ljust(w) for c, w in zip(r[:3], widths)).rstrip() for r in [header] + rows]
    return "\n".join(lines + body) + "\n"


def _parse_kb_name(alteration: str):
    if alteration == "ALK fusion":
        return parse_alteration("UNKNOWN::ALK")
    return parse_alteration(alteration)


def kb_table(kb: KnowledgeBase, what: str) -> str | None:
    """`kb show inhibitors|sources|thresholds` (any case) as TSV; None for any other WHAT (an alteration)."""
    if what.lower() == "inhibitors":
        rows = [
            [
                i.name,
                ";".join(i.names) or "-",
                i.generation,
                i.abcb1_transport,
                ";".join(i.abcb1_transport_sources) or "-",
                i.abcb1_transport_note or "-",
                i.pgp_confers_resistance,
                ";".join(i.pgp_confers_resistance_sources) or "-",
                i.pgp_confers_resistance_note or "-",
                i.approvals["us"] or "-",
                ";".join(i.approval_sources) or "-",
                i.cns_activity or "-",
                ";".join(i.cns_sources) or "-",  # every figure with its source (clinical review of stop 35)
            ]
            for i in kb.inhibitors()
        ]
        return (
            f"# {kb_line(kb)}\n"
            + "\n".join(
                "\t".join(r)
                for r in [
                    [
                        "inhibitor",
                        "names",
                        "generation",
                        *PGP_COLUMNS,
                        "first_us_approval",
                        "approval_sources_any_region",
                        "cns_activity",
                        "cns_sources",
                    ]
                ]
                + rows
            )
            + "\n"
        )
    if what.lower() == "sources":
        rows = [[s.key, s.pmid or "-", s.doi or "-", s.citation] for s in kb.sources()]
        return (
            f"# {kb_line(kb)}\n" + "\n".join("\t".join(r) for r in [["key", "pmid", "doi", "citation"]] + rows) + "\n"
        )
    if what.lower() == "thresholds":
        rows = [
            [
                t.rule,
                t.measure,
                t.band,
                t.within or "-",
                t.above or "-",
                t.below or "-",
                t.assay_pattern or "any",
                ";".join(t.sources + tuple(f"PMID:{p}" for p in t.pmids) + ((t.civic_eid,) if t.civic_eid else ())),
                t.quote,
            ]
            for t in kb.thresholds
        ]
        header = ["rule", "measure", "band", "within", "above", "below", "assay", "sources", "quote"]
        return f"# {kb_line(kb)}\n" + "\n".join("\t".join(r) for r in [header] + rows) + "\n"
    return None  # an alteration: lookup's table
