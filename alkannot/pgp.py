"""The P-gp (ABCB1) check of one sample: whether to ask for ABCB1 IHC, and a note that knows which
inhibitors P-gp pumps out (from the knowledge base), which it does not affect, and what the sample
sheet already says. Sourced sentences come from resources/triage/statements.tsv. Pure: no I/O
beyond reading the bundled resources.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .bundle import read_tsv
from .offtarget import OffTarget
from .samplesheet import SheetRow

ON_TARGET = "on_target"
PGP_RECOMMENDED, PGP_IF_PROGRESSED, PGP_NOT_INDICATED = "recommended", "if_progressed", "not_indicated"


@dataclass(frozen=True)
class PgpAssessment:
    check: str                     # recommended | if_progressed | not_indicated
    context: str                   # after_substrate | after_non_substrate | substrate_unknown | no_history | not_applicable
    note: str
    substrates_progressed: tuple[str, ...] = ()
    not_affected: tuple[str, ...] = ()
    ihc: str | None = None
    tpm: float | None = None
    sources: tuple[str, ...] = ()



def _cite(kb, keys) -> str:
    labels = []
    for key in dict.fromkeys(k for k in keys if k):
        pmid = _pmid(kb, key)
        labels.append(f"{key}, PMID {pmid}" if pmid else key)
    return "[" + "; ".join(labels) + "]" if labels else ""


def _pmid(kb, key: str) -> str | None:
    try:
        source = kb.source(key)
    except (KeyError, LookupError, ValueError):
        return None
    pmid = getattr(source, "pmid", None) if source is not None else None
    return str(pmid) if pmid else None


def _split_sources(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = re.split(r"[;,&]", value)
    return tuple(re.sub(r"\(.*\)$", "", v).strip() for v in value if v and v.strip())


def pgp_assessment(kb, row: SheetRow | None, mechanism: str, alk_negative: bool,
                   off_target: list[OffTarget], alk_unestablished: bool = False) -> PgpAssessment:
    INHIBITORS = inhibitor_names(kb)
    info = {name: kb.inhibitor(name) for name in INHIBITORS}
    substrates = tuple(n for n in INHIBITORS if info[n].pgp_substrate == "yes")
    not_affected = tuple(n for n in INHIBITORS if info[n].pgp_substrate == "no")
    sources = tuple(dict.fromkeys(s for n in substrates + not_affected for s in _split_sources(info[n].pgp_sources)))
    history = row.progressed_on if row is not None else None
    ihc = row.abcb1_ihc if row is not None else None
    tpm = row.abcb1_tpm if row is not None else None
    if mechanism == ON_TARGET:
        note = "Not indicated: a known ALK resistance mutation explains resistance."
        return PgpAssessment(PGP_NOT_INDICATED, "not_applicable", note, (), not_affected, ihc, tpm, ())
    if alk_negative:
        note = "Not indicated: the sample sheet gives the tumour as ALK-negative."
        return PgpAssessment(PGP_NOT_INDICATED, "not_applicable", note, (), not_affected, ihc, tpm, ())
    if alk_unestablished:
        note = ("Not indicated: ALK positivity is not established (SV calls cover this sample and none joins ALK; "
                "the sample sheet gives no positive ALK status). The P-gp question applies to ALK-positive "
                "tumours that progressed on an ALK inhibitor.")
        return PgpAssessment(PGP_NOT_INDICATED, "not_applicable", note, (), not_affected, ihc, tpm, ())
    ihc_known = ihc in ("positive", "negative")
    ask = "" if ihc_known else " Check P-gp by IHC."
    if history is None:
        then = "P-gp (ABCB1) is the next question" if ihc_known else "check P-gp (ABCB1) by IHC"
        note = (f"If the patient progressed on an ALK inhibitor: no ALK resistance mutation was found, so "
                f"{then}; P-gp pumps out {_names(substrates)} and does not affect "
                f"{_names(not_affected)} {_cite(kb, sources)}. Treatment history is not in the sample sheet.")
        check = PGP_NOT_INDICATED if ihc == "negative" else PGP_IF_PROGRESSED
        return PgpAssessment(check, "no_history", _with_ihc(kb, note, ihc, tpm, sources),
                             (), not_affected, ihc, tpm, sources)
    if not history:
        note = "Not indicated: the sample sheet records no progression on an ALK inhibitor."
        return PgpAssessment(PGP_NOT_INDICATED, "not_applicable", note, (), not_affected, ihc, tpm, ())
    # the most recent progression decides how strong the P-gp question is; earlier drugs are context
    latest = history[-1]
    on_substrate = tuple(d for d in history if d in substrates)
    earlier = tuple(d for d in on_substrate if d != latest)
    if latest in substrates:
        context = "after_substrate"
        lead = (f"Progressed most recently on {latest}, which P-gp (ABCB1) pumps out: P-gp overexpression is a "
                f"documented mechanism of resistance to {_names(substrates)} {_cite(kb, sources)}." + ask)
    elif info[latest].pgp_substrate not in ("yes", "no"):
        context = "substrate_unknown"
        lead = (f"Progressed most recently on {latest}; whether P-gp pumps out {latest} is not established "
                f"in the knowledge base. P-gp affects {_names(substrates)} {_cite(kb, sources)}." + ask)
    else:
        context = "after_non_substrate"
        lead = (f"Progressed most recently on {latest}, which P-gp does not affect {_cite(kb, sources)}: P-gp "
                "efflux is a less likely explanation for this progression (the evidence is preclinical)" + ("" if ihc_known or not earlier else
                "; P-gp IHC still tells whether it contributed to an earlier one") + ". Look first at the "
                "off-target list.")
    if earlier:
        lead += f" Earlier progression on {_names(earlier)} (P-gp substrates) is in the history."
    untried = tuple(d for d in not_affected if d not in history)
    tried = tuple(d for d in not_affected if d in history)
    options = ""
    if untried:
        options = (f" Options P-gp does not affect (shown in cell and mouse models), not yet given: "
                   f"{_names(untried)} {_cite(kb, sources)}.")
    if tried:
        options += f" Already given (P-gp does not affect them, but the patient progressed on them): {_names(tried)}."
    combo = _combination_note(kb)
    note = lead + " " + statement(kb, "pgp_frequency") + options + combo
    if any(o.gene == "ABCB1" for o in off_target):
        note += " " + statement(kb, "pgp_not_from_vcf")
    # a negative ABCB1 IHC already answers the question: nothing left to recommend (the note says why)
    check = PGP_NOT_INDICATED if ihc == "negative" else PGP_RECOMMENDED
    return PgpAssessment(check, context, _with_ihc(kb, note, ihc, tpm, sources), on_substrate,
                         not_affected, ihc, tpm, sources)


@lru_cache(maxsize=None)
def _statements() -> dict[str, dict[str, str]]:
    return {row["key"]: row for row in read_tsv("triage", "statements.tsv")}


def statement(kb, key: str) -> str:
    """A sourced sentence from resources/triage/statements.tsv, with its citation."""
    row = _statements()[key]
    text = row["statement"]
    return f"{text[0].upper()}{text[1:]} {_cite(kb, _split_sources(row['sources']))}."


def statement_sources(key: str) -> tuple[str, ...]:
    return _split_sources(_statements()[key]["sources"])


def _combination_note(kb) -> str:
    return " " + statement(kb, "pgp_combination")


def _with_ihc(kb, note: str, ihc: str | None, tpm: float | None, sources) -> str:
    if ihc == "positive":
        note += " ABCB1 (P-gp) IHC is already positive (sample sheet), so it need not be requested again."
    elif ihc == "negative":
        note += " ABCB1 (P-gp) IHC is already negative (sample sheet): P-gp efflux is unlikely; look at the off-target list."
    if tpm is not None:
        note += (f" ABCB1 expression {tpm:g} TPM (the knowledge base has no validated expression cut-off; "
                 "IHC is the documented test).")
    return note


def _names(names) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names) or "none"
    return ", ".join(names[:-1]) + " and " + names[-1]


def inhibitor_names(kb) -> tuple[str, ...]:
    """The knowledge base's inhibitors, in its order (INHIBITORS; `kb` kept for callers' symmetry)."""
    from .knowledge import INHIBITORS
    return tuple(INHIBITORS)
