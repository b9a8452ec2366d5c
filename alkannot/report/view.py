"""What PREFIX.html shows, computed from the report document: texts, links and SVG geometry, no markup.

The template (templates/report.html.j2, or a lab's own) only lays these values out, so a lab's web person
can restyle the page without touching Python. Escaping is the template engine's job: nothing here is HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from ..flag_words import (
    GERMLINE_WORDS,
    IN_NORMAL_TOO_WORDS,
    LOW_VAF_WORDS,
    PHASE_UNKNOWN_WORDS,
    REF_MISMATCH,
    REF_MISMATCH_WORDS,
    TRUNCATING_WORDS,
    words,
)
from ..note_identity import SV_ONLY_NEGATIVE_FUSION, note_kinds
from ..offtarget import CO_ALTERATION
from ..readings import (
    INFERRED_LABEL,
    MARK_MEANINGS,
    SOURCES_DISAGREE_LABEL,
)
from ..sample_negative_notes import SV_ONLY_NEGATIVE
from ..sample_types import NO_GENOTYPES
from ..sourced_text import not_inline
from ..transcript import kinase_domain
from . import rows_to_say
from .card_notes import card_notes
from .inhibitor_rows import inhibitor_rows
from .input_labels import sample_labels
from .mechanism_words import IF_CLONAL, NO_CUT_OFF, box_names
from .mutation_legend import fusion_legend, mutation_legend
from .note_lines import fold_measures, note_legend, note_lines
from .page_reading import PageReading
from .pgp_card import pgp_box
from .plain_words import phase_words, plain_words, resistance_words, source_labels, value_words
from .sample_boxes import MECHANISM_BOXES, flags_of, known_in_normal, pgp_by_ihc
from .sample_marks import bracketed, call_marks, grid_mark_lines, grid_title_marks, mark_legend, note_mark_legend
from .sample_store import Rows
from .source_entries import source_anchor, source_list
from .tags import LABELS, ihc_positive, mechanism_tag, pgp_boxes, pgp_tag

COLOURS = {
    "sensitive": "#1a9850",
    "intermediate": "#fee08b",
    "resistant": "#d73027",
    "conflicting": "#984ea3",
    "unknown": "#d9d9d9",
}
MECHANISM_TITLES = {
    # the call, not 'explains': an intermediate call is on-target too, and its note says 'may explain' (clinical
    # review 2026-12-01, sixth reading, finding 10); a disputed call is on-target possible (review 9, clinical 3)
    "on_target": "On-target: an ALK mutation resistant or intermediate to the latest drug, sources agreeing (with no "
    "treatment history: any resistance mutation)",
    "on_target_possible": "On-target possible (subclonal, sources disagree, no data, a compound's part, VUS, ALK gain "
    "or deletion)",
    # P-gp only after a drug whose activity it reduces (KAT16: crizotinib, ceritinib; clinical review of stop 31, 7)
    "off_target_candidate": "Off-target candidate (bypass alteration, or P-gp overexpression shown by IHC after a drug "
    "whose activity P-gp reduces)",
    # with no treatment history, nothing found explains resistance to any drug (review 13, finding 8)
    "unexplained": "Unexplained (no ALK mutation explains the latest progression, or, where no treatment history is "
    "given, any resistance)",
    "no_progression": "No progression recorded (nothing to explain)",
    "not_assessable": "Not assessable (no ALK evidence at all, or ALK positivity not shown)",
}
COMPOUND_RULES = {  # the compound's call, as a reader needs it (the JSON keeps the rule's name)
    "knowledge_base": "the knowledge base has statements on this compound",
    "inferred_least_favourable": "no statement on this compound: per inhibitor, the least favourable call of its "
    "parts, except that it is unknown where every part is sensitive or intermediate (an untested compound may "
    "escape a drug that covers each part) or where a part is known to re-sensitise to the drug; marked inferred",
    "trans_least_favourable": "per inhibitor, the least favourable single-mutation call (changes on different "
    "alleles are not one compound)",
}
# the marks (sample_marks.MARK_WORDS' codes) the template's `preclinical_mark` holds, printed after `in_silico_mark`
PRECLINICAL_MARK = ("preclinical_only", "case_report_only", "reviews_only", "other_context", "pgp_unsettled")
# the knowledge base's marks on the kind of evidence a call rests on, said in a grid cell's title
EVIDENCE_MARKS = ("in_silico", "preclinical_only", "case_report_only", "reviews_only", "other_context")
FIRST_IDS = 50  # a summary box names up to this many samples, then says how many more (review 13, finding 7)
IF_CLONAL_SAID = f"{IF_CLONAL}: {NO_CUT_OFF}"  # mechanism_words.box_saying's words beside a name
UNEVALUABLE = " (the record's REF disagrees with the reference: no protein change, no call)"


def page(doc: dict) -> dict:
    """Everything the template gets besides `doc` itself (README, "Restyle the HTML report")."""
    samples = doc["samples"]
    anchors = sample_anchors(samples)
    agents = doc["knowledge_base"].get("agents") or {}  # absent in documents of earlier versions
    bands = doc["knowledge_base"].get("thresholds")  # None before schema 2.29: the legend then names no source
    read = PageReading(samples)  # the boxes', grid's and kinase map's facts, in one reading of the samples
    min_vaf = (doc.get("options") or {}).get("min_vaf")  # the grid's and cards' '(subclonal basis)' name it
    return {
        "meta": meta(doc),
        "summary": summary_rows(doc, read),
        "cohort_rows": Rows(len(samples), lambda i: cohort_row(samples[i], anchors[i])),
        "grid": grid(samples, agents, min_vaf, doc["sources"], read),
        "kinase": kinase_map(samples, read),
        "cards": Rows(len(samples), lambda i: card(samples[i], doc["sources"], anchors[i], agents, min_vaf, bands)),
        "sources": source_list(doc["sources"]),
        "colours": COLOURS,
        "labels": LABELS,
        "mark_meanings": MARK_MEANINGS,  # '(reviews only)' and the other marks beside a call, explained on the card
        "sheet_rows_not_used": rows_not_used(rows_to_say(doc)),
    }


def rows_not_used(rows: list[dict] | None, shown: int = 10) -> dict | None:
    """The summary's line on the sample-sheet rows no sample of the inputs used (a patient of the sheet whose VCF
    is not in the run): their number and the first `shown` as 'P8_T (line 11)'; None where there are none
    (cohort49b: only the JSON listed them, and a researcher reading the HTML never learnt a patient was missing)."""
    if not rows:
        return None
    names = [f"{r['sample']} (line {r['line']})" for r in rows]
    return {"count": len(rows), "shown": names[:shown], "more": max(0, len(names) - shown)}


def anchor(sample: str) -> str:
    """The id of a sample's card; percent-encoded so that any sample name makes a working link."""
    return "s-" + quote(sample, safe="")


def sample_anchors(samples: list[dict]) -> list[str]:
    """One card id per sample, unique also where two inputs name their tumour alike (Strelka's 'TUMOR'): the first
    card of a name is 's-' + the name percent-encoded (anchor), a later one of the same name gets '-2', '-3', ...
    (in report order; a number another sample's own id already has is skipped), so each patient's link and print
    link open that patient's card."""
    names = getattr(samples, "sample_names", None)  # spooled documents carry theirs (report/sample_store.py)
    bases = [anchor(name) for name in (names if names is not None else (s["sample"] for s in samples))]
    taken = set(bases)
    seen: dict[str, int] = {}
    out = []
    for base in bases:
        if base not in seen:
            seen[base] = 1
            out.append(base)
            continue
        number = seen[base] + 1
        while f"{base}-{number}" in taken:
            number += 1
        seen[base] = number
        taken.add(f"{base}-{number}")
        out.append(f"{base}-{number}")
    return out


def progressed_text(s: dict) -> str:
    return "unknown" if s["progressed_on"] is None else (" → ".join(s["progressed_on"]) or "none")


def meta(doc: dict) -> dict:
    inputs = []
    for i in doc["inputs"]:
        text = f"{i['path']} ({i['build'] or 'build unknown'}; reported {', '.join(i['reported']) or 'none'}"
        text += f"; normals left out: {', '.join(i['left_out'])})" if i["left_out"] else ")"
        inputs.append(text)
    kb = doc["knowledge_base"]
    return {
        "alkannot_version": doc["alkannot_version"],
        "kb_version": kb["version"],
        "kb_date": kb["date"],
        "kb_sha256": kb["sha256"],
        "inputs": ", ".join(inputs),
    }


def mechanism_title(key: str, read: PageReading) -> str:
    """A mechanism box's title; the on-target box's says what 'if clonal' beside a name means, where one says it: the
    mutation was counted whatever its allele fraction, and its note calls the explanation uncertain (rev49, finding
    1: such a sample sat under 'sources agreeing' with no word of it)."""
    title = MECHANISM_TITLES[key]
    if key != "on_target" or not any(IF_CLONAL_SAID in said for said in read.box_said.values()):
        return title
    return (
        f"{title}; '{IF_CLONAL}' beside a name: no clonality cut-off (--min-vaf) was set, so its mutation counts at "
        "any allele fraction and whether it explains the progression is uncertain (see its P-gp note)"
    )


def summary_rows(doc: dict, read: PageReading | None = None) -> list[dict]:
    """One row of boxes per question; every sample sits in exactly one box of each of the first two rows, and the
    third is the one box of the P-gp triage list (a subset), each name with what its card heading says (`read`: the
    samples read once for the page, where page read them)."""
    sm = doc["summary"]
    read = read or PageReading(doc["samples"])
    named = box_names(read.box_shown)

    def box(key: str, title: str, names: list[str], emphasis: bool = False) -> dict:
        return {
            "key": key,
            "title": title,
            "count": len(names),
            "shown": names[:FIRST_IDS],
            "more": max(len(names) - FIRST_IDS, 0),
            "emphasis": emphasis,
        }

    return [
        {
            "question": "What explains the resistance?",
            "key": "mechanism",
            "boxes": [box(k, mechanism_title(k, read), named(sm["mechanism"][k])) for k in MECHANISM_BOXES],
        },
        {
            "question": "Should P-gp (ABCB1) be checked?",
            "key": "pgp_check",
            "boxes": pgp_boxes(doc, box, read.pgp),
        },
        {
            "question": "Which resistant tumours have no ALK change that explains the progression?",
            "key": "pgp_triage",
            "boxes": [box("pgp_triage", TRIAGE_TITLE, read.triage, True)],
        },
    ]


TRIAGE_TITLE = "Resistant, no ALK change explains the progression (P-gp triage)"


def mutations_text(s: dict) -> str:
    """The cohort table's one-line list of a sample's ALK mutations."""
    parts = []
    for m in s["alk_mutations"]:
        # the VAF and the flags' phrases (flag_words), as the card and the notes say them ('C1156Y (3.0%; subclonal
        # or low-level)'); a REF-mismatch record's label names the mismatch already
        said = [] if m["vaf"] is None else [f"{m['vaf']:.1%}"]
        said += [words(f) for f in flags_of(m) if f != REF_MISMATCH]
        no_call = ": no call" if m["ref_mismatch"] else ""
        parts.append(m["label"] + (f" ({'; '.join(said)})" if said else "") + no_call)
    parts += [g["label"] for g in s.get("alk_copy_number", ())]
    text = ", ".join(parts) or "none found"
    if s["compound"]:
        changes, phase = "+".join(s["compound"]["changes"]), s["compound"]["phase"]
        # changes in trans are not one compound (RULES.md section 4), as the card says
        text += (
            f" — {changes} on different alleles (trans; not a compound)"
            if phase == "trans"
            else f" — compound {changes}, {_compound_phase(s['compound'])}"
        )
    return text


def _compound_phase(compound: dict) -> str:
    """'cis', 'phase not determined', 'phase not determined (no genotypes)' (a sites-only input's)."""
    if compound["phase"] != "unknown":
        return compound["phase"]
    return PHASE_UNKNOWN_WORDS + (" (no genotypes)" if compound["phase_method"] == NO_GENOTYPES else "")


# a positive ABCB1 IHC that makes the mechanism an off-target candidate (the latest drug is one P-gp affects:
# pgp.context after_affected) is named in the cohort table's candidates column too (review 19, finding 7)
PGP_BY_IHC = "P-gp overexpression (ABCB1 IHC positive, sample sheet)"


def off_target_words(s: dict) -> str:
    """The cohort table's off-target candidates: the bypass records, and P-gp overexpression where a positive IHC
    is what makes the tumour an off-target candidate; a co-alteration (TP53) named as one, not a candidate (review of
    stop 28's change; clinical review of stop 48, finding 3: '(co-alteration)' alone in a candidates column), and a
    finding listed but not counted (JSON `candidate` false: a MET gain after crizotinib, a low-level MET gain, another
    gene's CN-only gain or a gain without CN, a change of unknown consequence) named so, as the TSV's
    off_target_candidates leaves it out (clinical review of stop 39, finding 2)."""
    named = [_finding_words(o) for o in s["off_target"]]
    if pgp_by_ihc(s):
        named.append(PGP_BY_IHC)
    return "; ".join(named) or "—"


def _finding_words(o: dict) -> str:
    words = f"{o['gene']} {value_words(o['kind'])}"
    if o.get("statement", "").startswith(CO_ALTERATION):
        return f"{words} (co-alteration, not a candidate)"  # as its card and note say (clinical review of stop 48, 3)
    return words if o["candidate"] else f"{words} (listed, not a candidate)"


def fusion_words(s: dict) -> str:
    """The fusion status in words; a negative one from DNA SV calls alone says what it does not exclude (its note,
    sample_negative_notes.SV_ONLY_NEGATIVE; oncologist reading of stop 28). The JSON and TSV keep `negative`."""
    words = value_words(s["fusion"])
    if s["fusion"] == "negative" and any(k["kind"] == SV_ONLY_NEGATIVE_FUSION for k in note_kinds(s)):
        return f"{words} ({SV_ONLY_NEGATIVE})"
    return words


def cohort_row(s: dict, card_id: str | None = None) -> dict:
    off = off_target_words(s)
    return {
        "sample": s.get("label") or s["sample"],  # absent in documents of schema < 2.4
        "anchor": card_id or anchor(s["sample"]),
        "build": s["build"] or "unknown",  # per-run reports of a cohort may mix builds (the TSV's, MultiQC's build)
        "fusion": fusion_words(s),
        "alk_status": s["alk_status"] or "—",
        "progressed": progressed_text(s),
        "mutations": mutations_text(s),
        "mechanism": mechanism_tag(s),
        "pgp_check": pgp_tag(s),
        "off_target": off,
    }


GRID_CELL, GRID_LEFT, GRID_TOP = 34, 150, 110
GRID_NOTE_WIDTH = 90  # characters of a legend line: about 600 px at 12 px, within the grid's 640 px or more


def grid(
    samples: Sequence[dict],
    agents: dict[str, str] | None = None,
    min_vaf: float | None = None,
    sources=None,
    read: PageReading | None = None,
) -> dict | None:
    """The samples x inhibitors SVG: one coloured cell per call, framed 'P' where the patient progressed ('R' where
    the call is the genotype's because the compound reported to re-sensitise to the drug is present, progression.py),
    's' where the call rests on a subclonal mutation; a legend of the categories that occur. `min_vaf`: the run's
    cut-off, named where one was set (none was: only a compound's allele fractions mark a call subclonal); `sources`:
    the document's sources table, for the tooltips' PMIDs and DOIs."""
    if not samples:
        return None
    drugs = list(samples[0]["inhibitors"])
    labels = sample_labels(samples)  # 'TUMOR (pA)': two patients' rows never read alike
    # a label longer than the margin holds (about 7 px a character at 12 px) widens it
    cell, left, top = GRID_CELL, max(GRID_LEFT, 7 * max(len(label) for label in labels) + 12), GRID_TOP
    width, height = max(left + cell * len(drugs) + 10, 640), top + cell * len(samples) + 92
    read = read or PageReading(samples)  # the categories and the marks the calls have
    occurring, marked = read.occurring, read.marked

    def row(i: int) -> dict:
        s = samples[i]
        return {
            "sample": labels[i],
            "x": left - 6,
            "y": top + i * cell + cell / 2 + 4,
            "cells": [
                _grid_cell(s, drug, left + j * cell, top + i * cell, (agents or {}).get(drug, drug), min_vaf, sources)
                for j, drug in enumerate(drugs)
            ],
        }

    legend_y = top + cell * len(samples) + 20
    legend = [
        {"name": name, "colour": colour, "x": 10 + k * 110, "y": legend_y}
        for k, (name, colour) in enumerate((n, c) for n, c in COLOURS.items() if n in occurring)
    ]
    lines = grid_mark_lines(marked, min_vaf, GRID_NOTE_WIDTH)
    return {
        "width": width,
        "height": height + 16 * max(0, len(lines) - 3),  # room for the legend's lines
        "cell": cell - 2,
        "columns": [
            {"name": (agents or {}).get(d, d), "x": left + j * cell + cell / 2, "y": top - 6}
            for j, d in enumerate(drugs)
        ],
        "rows": Rows(len(samples), row),
        "legend": legend,
        "notes": [{"text": line, "x": 10, "y": legend_y + 34 + 16 * k} for k, line in enumerate(lines)],
    }


def _labelled(keys, sources: dict) -> str:
    """The keys as the card labels them, PMID or DOI included ('LIN18JTO (PMID 29935304)'): clinical read h1, 1."""
    return ", ".join(label for _, label in source_labels(keys, sources))


def _grid_cell(
    s: dict, drug: str, x: float, y: float, name: str, min_vaf: float | None = None, table: dict | None = None
) -> dict:
    call = s["inhibitors"][drug]
    sources = _labelled(call["sources"], table or {}) or "none"
    # the basis is written after a label, not in brackets: a compound's own '(cis)' would nest them
    # an inferred compound call is said as one, in the cell ('i') and here (oncologist reading of stop 28)
    inferred = f" ({INFERRED_LABEL})" if call.get("inferred") else ""
    title = f"{s['sample']} / {name}: {call['category']}{inferred}; basis: {call['basis']}; sources: {sources}"
    if call.get("listed_sources"):  # listed, not counted for the call: apart from its sources (review 19, finding 8)
        title += f"; also listed, not counted: {_labelled(call['listed_sources'], table or {})}"
    # in silico (review 19, finding 4), preclinical (stop 32, finding 5), case reports (stop 41, finding 8), reviews
    # (clinical read h1, finding 10), other context (RULES.md 3.2)
    title += "".join(f"; {mark}" for mark in call_marks(call, EVIDENCE_MARKS))
    # the sample's marks in the card's and the legend's words (clinical review of stop 49, second pass)
    title += grid_title_marks(call, min_vaf)
    if call.get("sources_disagree"):  # review 12, finding 7
        title += f"; {SOURCES_DISAGREE_LABEL} (see the card)"
    cell = GRID_CELL
    return {
        "x": x,
        "y": y,
        "colour": COLOURS.get(call["category"], "#fff"),
        "category": call["category"],
        "title": title,
        "progressed": call["progressed_on"],
        "letter": "R" if call["resensitised"] else "P",
        "subclonal": call["subclonal"],
        "sources_disagree": call.get("sources_disagree", False),
        "pgp_unsettled": call.get("pgp_unsettled", False),
        "inferred": bool(call.get("inferred")),
        "bottom_corner": {"x": x + cell - 5, "y": y + cell - 6},
        "left_corner": {"x": x + 3, "y": y + 11},
        "left_bottom": {"x": x + 3, "y": y + cell - 6},
        "frame": {"x": x + 1.5, "y": y + 1.5, "size": cell - 5},
        "centre": {"x": x + cell / 2 - 1, "y": y + cell / 2 + 4},
        "corner": {"x": x + cell - 5, "y": y + 11},
    }


def kinase_map(samples: Sequence[dict], read: PageReading | None = None) -> dict:
    """The kinase-domain lollipop SVG: one stem per change found in the domain, its height the number of
    samples carrying the change (nothing else); changes outside the domain are listed below it. A record whose
    REF disagrees with the reference is a grey stem at its codon, named as such, never a protein change."""
    start, end = kinase_domain()
    read = read or PageReading(samples)
    found, outside = read.kinase_found, read.kinase_outside
    width, left, right, base = 1100, 40, 40, 170
    scale = (width - left - right) / (end - start)
    most = max((len(names) for names in found.values()), default=1)
    step = 90 / most
    stems = []
    for (pos, change, unevaluable), names in sorted(found.items()):
        x, top = left + (pos - start) * scale, base - (20 + step * len(names))
        stems.append(
            {
                "change": change,
                "position": pos,
                "count": len(names),
                "samples": names,
                "x": x,
                "top": top,
                # the short name a rotated label has room for; the title says where
                "label": f"{'REF mismatch' if unevaluable else change} ×{len(names)}",
                "title": f"{change}{UNEVALUABLE if unevaluable else ''}: {len(names)} sample(s): {', '.join(names)}",
                "unevaluable": unevaluable,
                "colour": "#969696" if unevaluable else "#b2182b",
            }
        )
    ticks = [
        {"label": tick, "x": left + (tick - start) * scale} for tick in range(((start + 49) // 50) * 50, end + 1, 50)
    ]
    return {
        "unevaluable": any(stem["unevaluable"] for stem in stems),
        "width": width,
        "height": 230,
        "start": start,
        "end": end,
        "domain": {"x": left, "y": base, "width": width - left - right, "height": 22},
        "ticks": ticks,
        "stems": stems,
        "outside": outside,
    }


def citations(keys, sources: dict) -> list[dict]:
    """Links to the sources list, one paper once (`source_labels`)."""
    return [{"key": k, "anchor": source_anchor(k), "label": label} for k, label in source_labels(keys, sources)]


def card(
    s: dict,
    sources: dict,
    card_id: str | None = None,
    agents: dict[str, str] | None = None,
    min_vaf: float | None = None,
    bands: list[dict] | None = None,
) -> dict:
    """One patient: what was found, what it means per inhibitor, the P-gp question, notes (`bands`: JSON thresholds)."""
    return {
        "sample": s["sample"],
        "anchor": card_id or anchor(s["sample"]),
        "mechanism": mechanism_tag(s),
        "pgp_check": pgp_tag(s),
        "source": s["source"] + (f" (annotated from {s['annotated_from']})" if s.get("annotated_from") else ""),
        "build": s["build"] or "build unknown",
        "role": s["role"],
        "fusion": fusion_words(s),
        "fusion_calls": s["fusion_calls"],
        "fusion_legend": fusion_legend(s["fusion_calls"]),  # what its brackets say (clinical review of stop 49)
        "alk_status": s["alk_status"] or "not given",
        "progressed": progressed_text(s),
        "mutations": [_mutation(m, sources) for m in s["alk_mutations"]],
        "mutation_legend": mutation_legend(s["alk_mutations"]),  # the brackets in its rows (clinical review 49, 2)
        "alk_copy_number": list(s.get("alk_copy_number", ())),
        "compound": dict(
            s["compound"],
            rule=COMPOUND_RULES.get(s["compound"]["rule"], s["compound"]["rule"]),
            phase_words=PHASE_UNKNOWN_WORDS,
        )
        if s["compound"]
        else None,
        # a recommended check the sheet shows done says so, as the tag and box do (tags.ihc_positive)
        # note: the whole note (a --html-template may show it); lead and facts: the bundled page's, the P-gp facts
        # per inhibitor folded under the note
        # sections: the note's other parts, labelled (schema 2.29; none from an older JSON: pgp_card.pgp_box)
        "pgp": {
            "check": (check := "done, IHC positive" if ihc_positive(s) else s["pgp_check"].replace("_", " ")),
            **pgp_box(s, check),
        },
        "off_target": [
            # a source cited in the statement's own brackets is not cited again after it (oncologist, stop 28)
            dict(o, kind=value_words(o["kind"]), citations=citations(not_inline(o["sources"], o["statement"]), sources))
            for o in s["off_target"]
        ],
        "inhibitors": (
            drugs := [
                dict(
                    call,
                    name=(agents or {}).get(name, name),
                    colour=COLOURS.get(call["category"], "#fff"),
                    evidence_kinds=", ".join(value_words(k) for k in call["evidence_kinds"]),
                    citations=citations(call["sources"], sources),
                    listed_citations=citations(call.get("listed_sources", ()), sources),
                    # the sources the note names for a call it does not use (JSON note_sources): listed on the card, so
                    # a count such as '11 CIViC evidence items' names its items here (review 21, finding 7)
                    note_citations=citations(_note_only(call), sources),
                    in_silico_mark=bracketed(call_marks(call, ("in_silico",))),
                    # the template prints one mark after in_silico's: preclinical, case reports, reviews, other
                    # context, P-gp unsettled
                    preclinical_mark=bracketed(call_marks(call, PRECLINICAL_MARK)),
                    note=(note := plain_words(call["note"])),
                    note_lines=note_lines(note, call.get("measures")),  # one line per part, in words (stop 51)
                )
                for name, call in s["inhibitors"].items()
            ]
        ),
        "inhibitor_rows": inhibitor_rows(drugs),  # one row per distinct call and note, the note under it
        **_legends(s, drugs, min_vaf, bands),
        "notes": card_notes(s),  # less what the card says above them
        "sample_sheet_extra": s["sample_sheet_extra"],
    }


def _legends(s: dict, drugs: list[dict], min_vaf: float | None, bands: list[dict] | None) -> dict:
    """The card's legend under its table: what each mark beside a call in a row means (`mark_legend`, once per mark
    shown), each evidence mark the notes say beside a call and no row shows (`note_mark_legend`: '(reviews only)' in
    the P-gp note, clinical read of stop 53), and the terms the notes keep (`note_legend`: 'other contexts', a band
    such as the 4-10-fold range), each explained once."""
    shown = mark_legend(drugs, min_vaf)
    notes = (s["pgp"]["note"], *(d["note"] for d in drugs), *card_notes(s))
    return {
        "mark_legend": shown,
        "note_mark_legend": note_mark_legend(notes, shown),
        "note_legend": note_legend(
            (line for d in drugs for line in d["note_lines"]),
            any(d["listed_citations"] or d["note_citations"] for d in drugs)
            or any(m["listed_sources"] for m in s["alk_mutations"]),
            bands,
            fold_measures(drugs),  # what the folds its notes give are folds of (schema 2.30: `measures`)
        ),
    }


def _note_only(call: dict) -> list[str]:
    counted = (*call["sources"], *call.get("listed_sources", ()))
    return [k for k in call.get("note_sources", ()) if k not in counted]


def _mutation(m: dict, sources: dict) -> dict:
    vaf = "" if m["vaf"] is None else f"{m['vaf']:.3f} ({m['vaf_source']})"
    return dict(
        m,
        record=f"{m['chrom']}:{m['pos']} {m['ref']}>{m['alt']}",
        region=value_words(m["region"]),
        resistance=TRUNCATING_WORDS if m.get("truncating") else resistance_words(m["resistance"], bool(m["evidence"])),
        vaf_text=vaf,
        depth="" if m["depth"] is None else m["depth"],
        phase_set=phase_words(m["phase_set"], m.get("haplotype")),
        normal_text=IN_NORMAL_TOO_WORDS if known_in_normal(m) else GERMLINE_WORDS,
        low_vaf_text=LOW_VAF_WORDS,
        ref_mismatch_text=REF_MISMATCH_WORDS,
        # each statement's own identifiers, counted apart from listed, as the TSV and lookup give them; not the flat
        # `evidence`, whose bare 'CGI' read as the resource's paper and a listed row's PMID as evidence (review hN, 7)
        citations=citations(m["sources"], sources),
        listed_citations=citations(m["listed_sources"], sources),
    )
