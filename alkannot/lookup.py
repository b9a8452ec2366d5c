"""`alkannot lookup` and `alkannot kb`: the knowledge base's calls, as a terminal table or JSON."""

from __future__ import annotations

import json
import logging

from .alterations import parse_alteration, truncating_change
from .errors import InputError, OptionProblem, UsageProblem
from .evidence import AlterationCall, InhibitorCall, Measurement, Vote
from .kbfiles import PGP_COLUMNS, load_knowledge_base
from .knowledge import TRUNCATING_NOTE, KnowledgeBase
from .readings import (
    IN_SILICO_LABEL,
    INFERRED_LABEL,
    MARK_MEANINGS,
    MARK_ORDER,
    ONE_CASE_REPORT_LABEL,
    OTHER_CONTEXT_LABEL,
    PRECLINICAL_LABEL,
    REVIEWS_LABEL,
    SOURCES_DISAGREE_LABEL,
    case_report_label,
    marked_in_silico,
    marked_other_context,
    marked_preclinical,
    marks_text,
    reviews_only,
)
from .report.plain_words import plain_words
from .sourced_text import bracketed_keys, merged_labels

log = logging.getLogger("alkannot")

RESISTANCE_MEANING = {
    "known": "this alteration has statements in the knowledge base",
    "activating": "an activating variant (statements only about full-length ALK, all sensitive): "
    "not a resistance mutation",
    "residue": "no statement on this change alone in the knowledge base; its residue is in a known resistance "
    "alteration, whose calls do not apply to this change",
    "kinase_domain_vus": "kinase-domain change not in the knowledge base",
    "none": "no ALK kinase-domain resistance alteration",
}
RULE_MEANING = {
    "knowledge_base": "the knowledge base has an entry for this compound",
    "inferred_least_favourable": "no compound entry: least favourable single-mutation call per inhibitor, "
    "unknown where every part is sensitive or intermediate or a part re-sensitises (RULES.md section 4), "
    "marked inferred",
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
    kind = (m.measure or "IC50").split(" ")[0]  # GI50 is not an IC50: say which was measured
    if m.ic50_nM is not None:
        parts.append(f"{kind} {m.qualifier}{_number(m.ic50_nM)} nM")
    if m.wt_ic50_nM is not None:
        parts.append(f"WT {_number(m.wt_ic50_nM)} nM")
    if m.fold_vs_wt is not None:
        computed = " computed" if m.fold_basis.startswith("computed") else ""
        parts.append(f"{m.fold_qualifier}{_number(m.fold_vs_wt)}x WT{computed}")
    # the measurement as its source gives it, with the source's own verdict; a grade from the threshold band follows,
    # labelled as alkannot's and with the band's own source (PMID 25727400, an alectinib paper), never as the
    # verdict of the item measured (clinical review 9, finding 10: '9.3x WT ... -> intermediate [EID1346]')
    grade = ""
    if m.grade and m.grade.category:
        grade = f", alkannot's grade ({m.grade.band} band of {m.grade.band_source}): {m.grade.category}"
        # the band's source's own word beside a grade that differs, as the report's note says it (clinical read of
        # stop 43, finding 12: C1156Y, 9.3x WT, 'intermediate' with no word that PMID 25727400 calls the band resistant)
        if m.grade.source_says and m.grade.source_says != m.grade.category:
            grade += f" (the band's source calls it {m.grade.source_says})"
    elif m.grade and m.grade.position == "below":  # RULES.md 3.3: below the band sets nothing; say so, not silence
        grade = f", below alkannot's {m.grade.band} band ({m.grade.band_source}): the source's own category stands"
    other = "" if m.in_nsclc_context else f" ({m.context})"
    says = f"; {m.source_says}" if m.source_says else ""
    return f"{', '.join(parts)} [{m.source.split('(')[0]}{says}]{other}{grade}"


def _row(name: str, call: InhibitorCall) -> list[str]:
    category = call.category + marks_text(_marks(call))  # in the report's order (readings.MARK_ORDER)
    ic50 = "; ".join(measurement_text(m) for m in call.measurements) if call.measurements else "-"
    return [
        name,
        category,
        ", ".join(call.evidence_kinds) or "-",
        ic50,
        "; ".join(call.sources) or "-",  # an inferred call's: those it counts (its note says what its parts list)
        plain_words(call.note) or "-",  # the report's words (review of the example report, point 5)
    ]


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header) - 1)]
    lines = []
    for row in [header] + rows:
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths)] + [row[-1]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _source_keys(call: AlterationCall) -> list[str]:
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


def _kb_line(kb: KnowledgeBase) -> str:
    where = "" if kb.origin == "bundled" else f"; --kb {kb.origin}"
    return f"alkannot knowledge base {kb.version} ({kb.date}; SHA256 {kb.sha256[:12]}{where})"


def _as_read(vote: Vote) -> str:
    """The statement's category, and what the threshold rule made of it: 'resistant -> intermediate'."""
    own = vote.statement.category
    return own if vote.category == own else f"{own} -> {vote.category}"


def _agent(kb: KnowledgeBase | None, name: str) -> str:
    """How people write the inhibitor ('tpx0131' -> 'TPX-0131'); the key stays in JSON and VCF."""
    try:
        return kb.inhibitor(name).agent or name if kb is not None else name
    except KeyError:
        return name


def statement_rows(call: AlterationCall, kb: KnowledgeBase | None = None) -> list[list[str]]:
    """One row per statement behind the calls: what it says, in which context, measured how."""
    rows = []
    for name in call.calls:
        for vote in call.calls[name].votes:
            s = vote.statement
            measured = measurement_text(Measurement.of(vote)) if s.has_measurement else "-"
            rows.append(
                [
                    _agent(kb, name),
                    _as_read(vote),
                    s.evidence_kind,
                    s.label,
                    s.context,
                    ("NSCLC" if s.in_nsclc_context else "other"),
                    measured,
                    plain_words(s.note) or "-",
                ]
            )
    return rows


STATEMENT_HEADER = ["inhibitor", "says", "evidence", "source", "context", "scope", "measured", "note"]


def _notes_text(call: AlterationCall) -> str:
    """Each note with where it comes from: a review-matrix note ('categories left empty') speaks of the
    matrix row, not of the calls above, which other sources (CIViC) may fill (clinical review 2026-12-01,
    second reading, finding 16)."""
    return "".join(
        f"#   {_origin(n.origin)}{plain_words(n.note)}" + (f" [{', '.join(n.sources)}]" if n.sources else "") + "\n"
        for n in call.notes
    )


def _origin(origin: str) -> str:
    """'mutations.tsv:V1180L:notes' -> 'review matrix (shared mutations.tsv), V1180L row: '."""
    parts = origin.split(":")
    if parts and parts[0] == "mutations.tsv":
        row = f", {parts[1]} row" if len(parts) > 1 and parts[1] else ""
        return f"review matrix (shared mutations.tsv){row}: "
    return ""


def _marks(call: InhibitorCall) -> dict[str, bool]:
    """Which of readings.MARK_ORDER's marks the calls table prints beside `call`."""
    return {
        INFERRED_LABEL: call.inferred,
        SOURCES_DISAGREE_LABEL: call.shows_dispute,  # review 12, finding 7
        # the report's words for a call whose deciding statements take their direction from a computer simulation;
        # the evidence kind stays the knowledge base's, preclinical (RULES.md 1; review 19, finding 4; review 21,
        # finding 1)
        IN_SILICO_LABEL: marked_in_silico(call),
        PRECLINICAL_LABEL: marked_preclinical(call),  # review of stop 32, finding 5
        case_report_label(call): bool(case_report_label(call)),  # stop 41 reading, finding 8
        REVIEWS_LABEL: reviews_only(call),  # clinical read h1, finding 10
        OTHER_CONTEXT_LABEL: marked_other_context(call),  # RULES.md 3.2: no NSCLC statement
    }


def _mark_legend(calls: tuple[InhibitorCall, ...]) -> list[str]:
    """The '# (mark) = meaning' lines for the marks the calls table prints beside these calls, in the order they stand
    beside a call (readings.MARK_ORDER), in the words of the HTML card's legend (readings.MARK_MEANINGS)."""
    shown = {label for c in calls for label, holds in _marks(c).items() if holds}
    return [f"# ({label}) = {MARK_MEANINGS[label]}" for label in MARK_ORDER if label in shown]


def format_call(kb: KnowledgeBase, query: str, call: AlterationCall) -> str:
    meaning = RESISTANCE_MEANING[call.resistance]
    if call.resistance == "kinase_domain_vus" and truncating_change(call.alteration):
        meaning = TRUNCATING_NOTE
    if call.resistance in ("residue", "kinase_domain_vus") and any(c.votes for c in call.calls.values()):
        # statements, none of a loss of activity (L1198F: crizotinib sensitive; clinical review 9, finding 8)
        where = (
            "; its residue is in a known resistance alteration, whose calls do not apply to this change"
            if call.resistance == "residue"
            else ""
        )
        meaning = (
            "statements in the knowledge base, but none of resistance to any inhibitor on this change alone: no "
            f"resistance call for it on its own{where}"
        )
    if call.compound_rule and call.compound_rule != "knowledge_base":
        meaning = "no entry for the compound; the most specific class of its changes"
    head = f"{call.alteration}  resistance class: {call.resistance} ({meaning})"
    lines = [f"# {head}", f"# query: {query}; {_kb_line(kb)}"]
    if call.compound_rule:
        lines.append(
            f"# compound rule: {call.compound_rule} ({RULE_MEANING.get(call.compound_rule, '')}); "
            f"phase: {call.phase or 'not given'}"
        )
    lines.append(
        "# call = what the sources state (RULES.md); IC50/GI50 only as printed in the cited item; "
        "unknown = no statement"
    )
    lines += _mark_legend(tuple(call.calls.values()))
    rows = [_row(_agent(kb, name), call.calls[name]) for name in kb.inhibitor_names]
    out = "\n".join(lines) + "\n" + _table(rows, ["inhibitor", "call", "evidence", "measured (nM)", "sources", "note"])
    if call.notes:
        out += "# notes on this alteration (notes.tsv: review matrix and later reading):\n" + _notes_text(call)
    statements = statement_rows(call, kb)
    if statements:
        out += (
            "# statements (calls.tsv rows; scope NSCLC = about ALK-positive NSCLC or an EML4-ALK model, "
            "which decide; other = shown, decide only when no NSCLC statement exists):\n"
        )
        out += _table(statements, STATEMENT_HEADER)
    legend = []
    for key in _source_keys(call):
        try:
            source = kb.source(key)
        except KeyError:
            continue
        ids = "; ".join(
            x for x in (f"PMID {source.pmid}" if source.pmid else "", f"DOI {source.doi}" if source.doi else "") if x
        )
        legend.append(f"#   {key}: {source.citation}" + (f" [{ids}]" if ids else ""))
    if legend:
        out += "# sources:\n" + "\n".join(legend) + "\n"
    return out


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


def call_to_dict(query: str, call: AlterationCall) -> dict:
    return {
        "query": query,
        "alteration": call.alteration,
        "resistance": call.resistance,
        "compound_rule": call.compound_rule,
        "phase": call.phase,
        "evidence": list(call.evidence),
        "notes": [{"note": plain_words(n.note), "sources": list(n.sources), "origin": n.origin} for n in call.notes],
        "calls": {
            name: {
                "category": c.category,
                "inferred": c.inferred,
                "sources_disagree": c.shows_dispute,  # as ALK_CALL_QUALIFIERS and the report's JSON say it
                "disputed": c.shows_dispute,  # the same, its name before stop 47: kept for older readers
                "in_silico": marked_in_silico(c),
                "preclinical_only": marked_preclinical(c),
                "case_report_only": bool(case_report_label(c)),
                "one_case_report": case_report_label(c) == ONE_CASE_REPORT_LABEL,
                "reviews_only": reviews_only(c),
                "context": c.context or None,
                "evidence_kinds": list(c.evidence_kinds),
                # who decided the call; the sources listed beside it without counting apart, as the report's JSON
                # gives them (a statement that does not vote may say the opposite: LIN18JTO beside I1171T)
                "sources": list(c.counted_sources),
                "listed_sources": list(merged_labels(c.listed_sources)),  # each key once (stop 46, item 3)
                "ic50_nM": c.ic50_nM,
                "fold_vs_wt": c.fold_vs_wt,
                "note": plain_words(c.note),
                "measurements": [_measurement_dict(m) for m in c.measurements],
                "statements": [_statement_dict(v) for v in c.votes],
            }
            for name, c in call.calls.items()
        },
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


def lookup_calls(
    alterations: list[str], build: str | None = None, kb_dir: str | None = None
) -> tuple[KnowledgeBase, list[tuple[str, AlterationCall]]]:
    """The knowledge base, and each alteration (as written) with its call for every inhibitor; InputError on a name
    that does not parse. DNA-level changes (c.3604G>A, NC_000002.12:g.29220747C>T) are looked up by their protein
    change (`build` for a CHROM:POSREF>ALT or chr2:g. position)."""
    from .errors import UsageProblem
    from .hgvs import looks_dna_level, protein_alteration

    if build not in (None, "GRCh37", "GRCh38"):  # the CLI's --build names hg19/hg38 for these
        raise UsageProblem(f"build {build!r} is not GRCh37 or GRCh38", "build")
    kb = load_knowledge_base(kb_dir)
    queries = [protein_alteration(t, build) if looks_dna_level(t) else (t, t) for t in alterations]
    return kb, [(text, kb.call(_parse(alteration))) for text, alteration in queries]


def run_lookup(alterations: list[str], as_json: bool, build: str | None = None, kb_dir: str | None = None) -> str:
    """`alkannot lookup`: each alteration's calls (lookup_calls) as a table or JSON."""
    kb, results = lookup_calls(alterations, build, kb_dir)
    if as_json:
        keys = sorted({k for _, call in results for k in _source_keys(call)})
        sources = {}
        for key in keys:
            try:
                s = kb.source(key)
            except KeyError:
                continue
            sources[key] = {"pmid": s.pmid or None, "doi": s.doi or None, "citation": s.citation}
        payload = {
            "knowledge_base": _kb_dict(kb),
            "results": [call_to_dict(t, c) for t, c in results],
            "sources": sources,
        }
        return json.dumps(payload, indent=2) + "\n"
    return "\n".join(format_call(kb, text, call) for text, call in results)


# --------------------------------------------------------------------------------------------
# kb list / show / export
# --------------------------------------------------------------------------------------------
def _kb_list(kb: KnowledgeBase) -> str:
    lines = [
        f"# {_kb_line(kb)}",
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


def _kb_show(kb: KnowledgeBase, what: str) -> str:
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
            f"# {_kb_line(kb)}\n"
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
            f"# {_kb_line(kb)}\n" + "\n".join("\t".join(r) for r in [["key", "pmid", "doi", "citation"]] + rows) + "\n"
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
        return f"# {_kb_line(kb)}\n" + "\n".join("\t".join(r) for r in [header] + rows) + "\n"
    return format_call(kb, what, kb.call(_parse(what)))


def check_kb_options(action: str, fmt: str, output: str, given: set[str]) -> None:
    """`alkannot kb ACTION`'s options that only `kb export` takes (`given`: those of 'output' and 'build' the command
    line set): every misuse of kb is a usage error, exit 2 (seventh reading, finding 14); a site VCF goes to a file
    named as what it is, bgzipped and tabix-indexed whatever its name (a .bcf or .vcf name would say otherwise)."""
    if fmt == "vcf" and action != "export":
        raise OptionProblem("--format vcf applies to 'kb export'")
    if "output" in given and action != "export":
        raise OptionProblem(f"-o applies to 'kb export', not 'kb {action}'")
    if "build" in given and fmt != "vcf":
        raise OptionProblem("--build applies to 'kb export --format vcf' (the site VCF's build)")
    if fmt == "vcf" and output == "-":
        raise OptionProblem("a site VCF is bgzipped and tabix-indexed: give -o PATH.vcf.gz", "-o")
    if fmt == "vcf" and not output.lower().endswith((".vcf.gz", ".vcf.bgz")):
        raise OptionProblem(f"{output}: the site VCF is bgzipped and tabix-indexed; name it .vcf.gz or .vcf.bgz", "-o")


def run_kb(
    action: str, what: str | None, output: str, fmt: str = "tsv", build: str = "GRCh38", kb_dir: str | None = None
) -> str:
    """`alkannot kb list|show WHAT|export [FILE] [--format tsv|vcf] [--build B] [-o PATH]` (`--kb DIR`)."""
    from .kbexport import export_tsv, export_vcf

    kb = load_knowledge_base(kb_dir)
    if action == "list":
        if what:
            raise UsageProblem(f"kb list takes no argument (did you mean 'kb show {what}'?)")
        return _kb_list(kb)
    if action == "show":
        if not what:
            raise UsageProblem("kb show needs an alteration (e.g. G1202R), 'inhibitors', 'sources' or 'thresholds'")
        return _kb_show(kb, what)
    if action == "export":
        if fmt == "vcf":
            if what:
                raise UsageProblem("kb export --format vcf exports the whole knowledge base; drop the file name")
            return export_vcf(kb, build, output)
        return export_tsv(kb, output, what)
    raise InputError(f"unknown kb action {action!r}", "kb")
