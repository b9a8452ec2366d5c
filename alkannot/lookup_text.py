"""`alkannot lookup`'s and `alkannot kb show ALTERATION`'s text: an alteration's calls per inhibitor as a terminal
table, with the marks beside each call and their legend, the notes, every statement behind the calls and the sources'
citations."""

from __future__ import annotations

import re

from .alterations import truncating_change
from .evidence import AlterationCall, InhibitorCall, Measurement, Vote
from .knowledge import TRUNCATING_NOTE, KnowledgeBase
from .lookup_json import source_keys
from .readings import mark_flags
from .report.plain_words import plain_words
from .report.sample_marks import bracketed, call_marks, mark_legend

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
    # the report's words for each mark, in its order (sample_marks.MARK_WORDS: readings.MARK_ORDER)
    category = call.category + bracketed(call_marks(mark_flags(call)))
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


def kb_line(kb: KnowledgeBase) -> str:
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


def _mark_legend(calls: tuple[InhibitorCall, ...]) -> list[str]:
    """The '# (mark) = meaning' lines for the marks the calls table prints beside these calls, as the report's card
    makes its legend (sample_marks.mark_legend: in the order they stand beside a call, readings.MARK_ORDER, in the
    words of readings.MARK_MEANINGS)."""
    return [f"# ({label}) = {meaning}" for label, meaning in mark_legend([mark_flags(c) for c in calls])]


def _source_legend(kb: KnowledgeBase, call: AlterationCall) -> str:
    """'# sources:' and a line per source the calls and notes cite, with its PMID and DOI; '' where none is known."""
    legend = []
    for key in source_keys(call):
        try:
            source = kb.source(key)
        except KeyError:
            continue
        ids = "; ".join(
            x for x in (f"PMID {source.pmid}" if source.pmid else "", f"DOI {source.doi}" if source.doi else "") if x
        )
        legend.append(f"#   {key}: {source.citation}" + (f" [{ids}]" if ids else ""))
    return "# sources:\n" + "\n".join(legend) + "\n" if legend else ""


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
    lines = [f"# {head}", f"# query: {query}; {kb_line(kb)}"]
    any_residue = re.search(r"[A-Z]\d+X(?![a-z])", call.alteration)
    if any_residue:
        # older papers write a stop as X; HGVS reads X as any amino acid (Xaa) and writes a stop '*' or 'Ter'
        stop = any_residue.group()[:-1] + "*"
        lines.append(f"# X read as any amino acid (HGVS Xaa), not a stop: a stop is written * or Ter ({stop})")
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
    out += _source_legend(kb, call)
    return out
