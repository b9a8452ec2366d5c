"""`alkannot lookup` and `alkannot kb`: the knowledge base's calls, as a terminal table or JSON."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from .bundle import resource_path
from .errors import InputError
from .knowledge import (INHIBITORS, KB_FILES, AlterationCall, InhibitorCall, KnowledgeBase, Measurement,
                        load_knowledge_base, parse_alteration)
from .output import make_directory, write_bytes

log = logging.getLogger("alkannot")

RESISTANCE_MEANING = {
    "known": "this alteration has statements in the knowledge base",
    "residue": "not in the knowledge base; another change at this residue is (calls are not carried over)",
    "kinase_domain_vus": "kinase-domain change not in the knowledge base",
    "none": "no ALK kinase-domain resistance alteration",
}
RULE_MEANING = {
    "knowledge_base": "the knowledge base has an entry for this compound",
    "inferred_least_favourable": "no compound entry: least favourable single-mutation call per inhibitor "
                                 "(RULES.md section 4), marked inferred",
    "trans_least_favourable": "changes in trans: least favourable single-mutation call per inhibitor",
}
SHORT = {"sensitive": "S", "intermediate": "I", "resistant": "R", "conflicting": "C", "unknown": "."}


# --------------------------------------------------------------------------------------------
# lookup
# --------------------------------------------------------------------------------------------
def _parse(text: str):
    try:
        return parse_alteration(text)
    except ValueError as exc:
        raise InputError(str(exc), "alteration") from None


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def measurement_text(m: Measurement) -> str:
    parts = []
    kind = (m.measure or "IC50").split(" ")[0]   # GI50 is not an IC50: say which was measured
    if m.ic50_nM is not None:
        parts.append(f"{kind} {m.qualifier}{_number(m.ic50_nM)} nM")
    if m.fold_vs_wt is not None:
        parts.append(f"{_number(m.fold_vs_wt)}x WT")
    elif m.wt_ic50_nM is not None:
        parts.append(f"WT {_number(m.wt_ic50_nM)} nM")
    return f"{', '.join(parts)} [{m.source.split('(')[0]}]"


def _row(name: str, call: InhibitorCall) -> list[str]:
    category = call.category + (" (inferred)" if call.inferred else "")
    ic50 = "; ".join(measurement_text(m) for m in call.measurements) if call.measurements else "-"
    return [name, category, ", ".join(call.evidence_kinds) or "-", ic50, "; ".join(call.sources) or "-",
            call.note or "-"]


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header) - 1)]
    lines = []
    for row in [header] + rows:
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths)] + [row[-1]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _source_keys(call: AlterationCall) -> list[str]:
    keys = []
    for inhibitor_call in call.calls.values():
        for label in inhibitor_call.sources:
            key = label.split("(")[0]
            key = "CIVIC" if key.startswith("EID") else key
            if key not in keys:
                keys.append(key)
    return keys


def _kb_line(kb: KnowledgeBase) -> str:
    return f"alkannot knowledge base {kb.version} ({kb.date}; SHA256 {kb.sha256[:12]})"


def format_call(kb: KnowledgeBase, query: str, call: AlterationCall) -> str:
    meaning = RESISTANCE_MEANING[call.resistance]
    if call.compound_rule and call.compound_rule != "knowledge_base":
        meaning = "no entry for the compound; the most specific class of its changes"
    head = f"{call.alteration}  resistance class: {call.resistance} ({meaning})"
    lines = [f"# {head}", f"# query: {query}; {_kb_line(kb)}"]
    if call.compound_rule:
        lines.append(f"# compound rule: {call.compound_rule} ({RULE_MEANING.get(call.compound_rule, '')}); "
                     f"phase: {call.phase or 'not given'}")
    lines.append("# call = what the sources state (RULES.md); IC50/GI50 only as printed in the cited item; "
                 "unknown = no statement")
    rows = [_row(name, call.calls[name]) for name in INHIBITORS]
    out = "\n".join(lines) + "\n" + _table(rows, ["inhibitor", "call", "evidence", "measured (nM)", "sources", "note"])
    legend = []
    for key in _source_keys(call):
        try:
            source = kb.source(key)
        except KeyError:
            continue
        ids = "; ".join(x for x in (f"PMID {source.pmid}" if source.pmid else "",
                                    f"DOI {source.doi}" if source.doi else "") if x)
        legend.append(f"#   {key}: {source.citation}" + (f" [{ids}]" if ids else ""))
    if legend:
        out += "# sources:\n" + "\n".join(legend) + "\n"
    return out


def call_to_dict(query: str, call: AlterationCall) -> dict:
    return {
        "query": query, "alteration": call.alteration, "resistance": call.resistance,
        "compound_rule": call.compound_rule, "phase": call.phase, "evidence": list(call.evidence),
        "calls": {name: {"category": c.category, "inferred": c.inferred, "evidence_kinds": list(c.evidence_kinds),
                         "sources": list(c.sources), "ic50_nM": c.ic50_nM, "fold_vs_wt": c.fold_vs_wt,
                         "note": c.note,
                         "measurements": [{"ic50_nM": m.ic50_nM, "qualifier": m.qualifier, "fold_vs_wt": m.fold_vs_wt,
                                           "wt_ic50_nM": m.wt_ic50_nM, "measure": m.measure, "assay": m.assay,
                                           "source": m.source} for m in c.measurements]}
                  for name, c in call.calls.items()},
    }


def _kb_dict(kb: KnowledgeBase) -> dict:
    return {"version": kb.version, "date": kb.date, "sha256": kb.sha256}


def run_lookup(alterations: list[str], as_json: bool) -> str:
    """Each inhibitor's call for each alteration; InputError on a name that does not parse."""
    kb = load_knowledge_base()
    results = [(text, kb.call(_parse(text))) for text in alterations]
    if as_json:
        keys = sorted({k for _, call in results for k in _source_keys(call)})
        sources = {}
        for key in keys:
            try:
                s = kb.source(key)
            except KeyError:
                continue
            sources[key] = {"pmid": s.pmid or None, "doi": s.doi or None, "citation": s.citation}
        payload = {"knowledge_base": _kb_dict(kb), "results": [call_to_dict(t, c) for t, c in results],
                   "sources": sources}
        return json.dumps(payload, indent=2) + "\n"
    return "\n".join(format_call(kb, text, call) for text, call in results)


# --------------------------------------------------------------------------------------------
# kb list / show / export
# --------------------------------------------------------------------------------------------
def _kb_list(kb: KnowledgeBase) -> str:
    lines = [f"# {_kb_line(kb)}", f"# version\t{kb.version}", f"# date\t{kb.date}", f"# sha256\t{kb.sha256}",
             f"# {len(kb.statements)} statements, {len(kb.alterations())} alterations, {len(kb.sources())} sources",
             "# calls: S sensitive, I intermediate, R resistant, C conflicting, . unknown (inhibitors in column order)"]
    rows = []
    for alteration in kb.alterations():
        call = kb.call(_parse_kb_name(alteration))
        calls = " ".join(SHORT[call.calls[i].category] for i in INHIBITORS)
        rows.append([alteration, str(len(kb.statements_for(alteration))), calls, ""])
    header = ["alteration", "statements", " ".join(i[:4] for i in INHIBITORS), ""]
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(3)]
    body = ["  ".join(c.ljust(w) for c, w in zip(r[:3], widths)).rstrip() for r in [header] + rows]
    return "\n".join(lines + body) + "\n"


def _parse_kb_name(alteration: str):
    if alteration == "ALK fusion":
        return parse_alteration("UNKNOWN::ALK")
    return parse_alteration(alteration)


def _kb_show(kb: KnowledgeBase, what: str) -> str:
    if what.lower() == "inhibitors":
        rows = [[i.name, i.generation, i.pgp_substrate, ";".join(i.pgp_sources) or "-", i.pgp_effect,
                 i.approvals["us"] or "-", i.cns_activity or "-"] for i in kb.inhibitors()]
        return f"# {_kb_line(kb)}\n" + "\n".join(
            "\t".join(r) for r in [["inhibitor", "generation", "pgp_substrate", "pgp_sources", "pgp_effect",
                                    "first_us_approval", "cns_activity"]] + rows) + "\n"
    if what.lower() == "sources":
        rows = [[s.key, s.pmid or "-", s.doi or "-", s.citation] for s in kb.sources()]
        return f"# {_kb_line(kb)}\n" + "\n".join("\t".join(r) for r in [["key", "pmid", "doi", "citation"]] + rows) + "\n"
    parsed = _parse(what)
    call = kb.call(parsed)
    name = "ALK fusion" if parsed.kind == "fusion" else call.alteration
    out = format_call(kb, what, call)
    statements = list(kb.statements_for(name))
    if parsed.kind == "fusion" and parsed.variant:
        statements += kb.statements_for(f"EML4::ALK {parsed.variant}")
    if statements:
        out += "# statements (calls.tsv rows):\n"
        header = ["inhibitor", "category", "evidence_kind", "source", "level", "context", "IC50", "note"]
        rows = [[s.inhibitor, s.category, s.evidence_kind, s.label, s.evidence_level or "-", s.context or "-",
                 measurement_text(Measurement(s.ic50_nM, s.ic50_qualifier, s.fold_vs_wt, s.wt_ic50_nM, s.measure,
                                              s.assay, s.label)) if s.has_measurement else "-", s.note or "-"]
                for s in statements]
        out += _table(rows, header)
    return out


def _kb_export(kb: KnowledgeBase, what: str | None, output: str) -> str:
    names = [what] if what else list(KB_FILES)
    for name in names:
        if name not in KB_FILES:
            raise InputError(f"no bundled knowledge-base file {name!r} (one of {', '.join(KB_FILES)})", "kb export")
    if output == "-":
        if len(names) == 1:
            return resource_path("kb", names[0]).read_text(encoding="utf-8")
        return "".join(f"==> {n} <==\n" + resource_path("kb", n).read_text(encoding="utf-8") + "\n" for n in names)
    target = Path(output)
    make_directory(output)
    for name in names:   # each file written as every output is (alkannot.output)
        write_bytes(str(target / name), resource_path("kb", name).read_bytes())
    log.info("wrote %d knowledge-base file(s) (version %s) to %s", len(names), kb.version, target)
    return ""


def run_kb(action: str, what: str | None, output: str) -> str:
    """`alkannot kb list|show WHAT|export [FILE] [-o DIR|-]`."""
    kb = load_knowledge_base()
    if action == "list":
        return _kb_list(kb)
    if action == "show":
        if not what:
            raise InputError("kb show needs an alteration (e.g. G1202R), 'inhibitors' or 'sources'", "kb show")
        return _kb_show(kb, what)
    if action == "export":
        return _kb_export(kb, what, output)
    raise InputError(f"unknown kb action {action!r}", "kb")
