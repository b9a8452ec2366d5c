"""PREFIX.json: the cohort's verdicts as one document (validated by report/schema.json).

`document()` is also what the TSV, HTML and MultiQC writers read, so every output says the same thing.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Sequence
from typing import Callable

from .. import __version__
from ..filters import failed_only_for_the_normal, passed
from ..flag_words import GERMLINE, IN_NORMAL_TOO, mutation_flags
from ..offtarget_screen import checked_coverage
from ..pgp import PGP_CHECKS
from ..sourced_text import KEYED_LABEL, bare_key, bracketed_keys, one_form, split_keys
from .input_labels import CALLER_OUTPUT_STEMS, input_qualifiers, run_folder
from .plain_words import plain_words

SCHEMA_VERSION = "2.25"


def _knowledge():
    from ..kbfiles import load_knowledge_base

    return load_knowledge_base()


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
    return {
        "category": i.category,
        "basis": i.basis,
        "sources": one_form(i.sources),
        "listed_sources": one_form(i.listed_sources),
        "evidence_kinds": list(i.evidence_kinds),
        "inferred": i.inferred,
        "progressed_on": i.progressed_on,
        "note": plain_words(i.note),
        "note_sources": one_form(i.note_sources),
        "subclonal": i.subclonal,
        "resensitised": i.resensitised,
        "rechallenge_untested": i.rechallenge_untested,
        "sources_disagree": i.disputed,  # the VCF's token (ALK_CALL_QUALIFIERS, Calls=) since schema 2.24
        "disputed": i.disputed,  # the same, its name before schema 2.24: kept for older readers
        "in_silico": i.in_silico,
        "preclinical_only": i.preclinical,
        "case_report_only": i.case_report_only,
        "one_case_report": i.one_case_report,
        "reviews_only": i.reviews_only,  # clinical read h1, finding 10
        "other_context": i.other_context,
        "pgp_unsettled": i.pgp_unsettled,
    }


def _pgp(pgp) -> dict:
    """The sample's P-gp object: its check's context and note, the inhibitors in each of the five groups of what P-gp
    overexpression does to them (schema 2.24: every inhibitor in one), the sheet's IHC and TPM, and the sources."""
    return {
        "context": pgp.context,
        "note": plain_words(pgp.note),
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


MECHANISM_BOXES = (
    "on_target",
    "on_target_possible",
    "off_target_candidate",
    "unexplained",
    "no_progression",
    "not_assessable",
)
# the P-gp contexts that say the tumour's ALK positivity is not shown: no resistance mechanism to look for
OUT_OF_SCOPE = ("alk_negative", "alk_not_established", "alk_status_discordant")
PGP_BOXES = PGP_CHECKS  # the HTML boxes and the JSON summary lists: one per P-gp check


def flags_of(m: dict) -> list[str]:
    """A JSON alk_mutations entry's flags as flag_words tokens."""
    normal = (IN_NORMAL_TOO if known_in_normal(m) else GERMLINE) if m["in_normal"] else None
    return mutation_flags(
        truncating=m.get("truncating", False),
        low_vaf=m["low_vaf"],
        failed_filter=None if m["filter"] in ("PASS", ".") else m["filter"],
        ref_mismatch=m["ref_mismatch"],
        normal=normal,
    )


def known_in_normal(m: dict) -> bool:
    """A known kinase-domain resistance mutation (an `alk_mutations` entry) the matched normal carries too: not read
    as germline, for tumour cells in the normal or a sample mix-up come first; the verdict weighs the same records
    (sample_notes.known_in_normal)."""
    known = m["resistance"] == "known" and m["region"] == "kinase_domain" and not m["ref_mismatch"]
    return bool(m["in_normal"]) and known and (passed(m["filter"]) or failed_only_for_the_normal(m["filter"]))


def pgp_by_ihc(s: dict) -> bool:
    """A positive ABCB1 IHC after progression on a drug P-gp affects: what makes the sample an off-target candidate
    (pgp.context after_affected), or, beside an ALK mutation that explains that progression, what the note says may
    contribute as well (explained_by_mutation). The HTML's candidates column, the TSV's off_target_candidates and
    MultiQC's off_target name it (review 19, finding 7; clinical review of stop 31, finding 6: the TSV said the
    mechanism with no candidate; clinical review of stop 32, finding 10: the note's 'may contribute as well')."""
    pgp = s["pgp"]
    if pgp.get("abcb1_ihc") != "positive" or not s["progressed_on"]:
        return False
    if s["mechanism"] == "off_target_candidate":
        return pgp.get("context") == "after_affected"
    explained = pgp.get("context") == "explained_by_mutation" and s["mechanism"] == "on_target"
    # a drug P-gp overexpression reduced (KAT16), as on the off_target_candidate path (after_affected): not one it only
    # may reduce, whose note says the sources read do not settle it (clinical review of stop 38, finding 3)
    return explained and s["progressed_on"][-1] in pgp.get("affected", ())


def mechanism_box(s: dict) -> str:
    """The one mechanism box of a sample: `not_assessable` when ALK positivity is not shown (ALK-negative, not
    established, or discordant: whatever its alterations, the tumour may not be ALK-driven) or, for an
    unexplained one, nothing about ALK is known; `no_progression` when the sample sheet records no progression
    (there is nothing to explain); else its mechanism (clinical review 2026-12-01, second reading, finding 7;
    review of the day's changes, finding 5)."""
    if s["pgp"]["context"] in OUT_OF_SCOPE or (s["mechanism"] == "unexplained" and not s["assessable"]):
        return "not_assessable"
    if s["progressed_on"] == []:
        return "no_progression"
    return s["mechanism"]


# what a sample's mechanism is about (JSON mechanism_context, schema 2.21; the TSV column of that name): the
# resistance of the tumour, or nothing to explain yet, or a tumour whose ALK positivity is in doubt
MECHANISM_CONTEXTS = ("resistance", "no_progression", "no_history", "not_assessable")


def mechanism_context(s: dict) -> str:
    """`resistance` where the mechanism is that of a recorded progression; `no_progression` where the sample sheet
    records none (`progressed_on` none: nothing to explain); `no_history` where the history is unknown: the mechanism
    holds if the tumour progressed (pgp_check if_progressed), an on-target resistance mutation too, whose drug is not
    known (G1202R would not explain a progression on lorlatinib; its `resistant` stays true, as the contract's
    sample-level flag says: clinical read of stop 43, finding 6); `not_assessable` where the sample is in that box
    (ALK positivity in doubt, or nothing about ALK known), which comes first, as in mechanism_box. The contract's
    `mechanism` stays in its enum; this says what it is about (clinical review of stop 42, findings 10 and 11:
    `unexplained` for a tumour that never progressed, a bare `on_target` for one the sheet gives as ALK-negative)."""
    box = mechanism_box(s)
    if box in ("not_assessable", "no_progression"):
        return box
    if s["progressed_on"] is None:
        return "no_history"
    return "resistance"


def triaged_for_pgp(s: dict) -> bool:
    """Resistant, ALK-positive as far as the input shows, and ALK-mutation-negative for the drug: no ALK change
    explains the latest progression (mechanism unexplained or off_target_candidate: no ALK mutation, or one the drug
    is active against), or one only may explain it after a drug P-gp overexpression reduces or may reduce (a
    mutation below --min-vaf, an unconfirmed ALK gain after crizotinib), whatever the sheet's IHC says. A mutation
    that does not explain the drug must not take a tumour off the list (review 9, clinical, finding 1); an ALK
    change that may explain a progression on a drug P-gp does not affect (a compound after lorlatinib) leaves it
    off. Each sample's `pgp_triage` (JSON, TSV, MultiQC) and the summary's `pgp_triage` list."""
    if not s["resistant"] or s["pgp"]["context"] in OUT_OF_SCOPE:
        return False
    return s["mechanism"] in ("unexplained", "off_target_candidate") or (
        s["mechanism"] == "on_target_possible" and s["pgp"]["context"] in _PGP_STILL_A_QUESTION
    )


def ihc_to_order(s: dict) -> bool:
    """Send for P-gp (ABCB1) IHC now: resistant, `pgp_check` `recommended` (which already needs a recorded progression,
    ALK positivity not in doubt and no ALK change that explains the latest drug: pgp.py) and no ABCB1 IHC result in
    the sample sheet. The HTML box "P-gp (ABCB1) check recommended", `summary.pgp_ihc_to_order`, the TSV and MultiQC
    column of the same name (review 13, findings 2 and 3)."""
    return s["resistant"] and s["pgp_check"] == "recommended" and not s["pgp"]["abcb1_ihc"]


# the latest drug is one P-gp overexpression reduces, or may reduce: the P-gp question is open there, whether or not
# the sheet's IHC already answers it (a negative IHC made such a tumour drop off the list while a tumour after
# alectinib with the same IHC stayed on it: review 10, finding 2)
_PGP_STILL_A_QUESTION = ("after_affected", "after_possibly_affected")


# sample names a caller gives every run (Strelka2: TUMOR and NORMAL): MultiQC would merge such rows of
# different patients into one, so they are named by their file as well
GENERIC_NAMES = frozenset({"TUMOR", "NORMAL", "TUMOUR"})


def sample_labels(samples: Sequence[dict]) -> list[str]:
    """The label of each sample (JSON `label`, the summary lists and boxes, the grid, the MultiQC row), unique within
    the report: its name; 'NAME (file stem)' where the name is a caller's generic one or occurs twice in this report;
    where two such inputs share a file name (Strelka2's results/variants/somatic.snvs.vcf.gz in every patient's
    folder), the stem with the nearest folder that tells them apart ('TUMOR (P001/…/somatic.snvs)',
    input_qualifiers); a label still taken (one file given twice) gets a number ('TUMOR (pA) #2')."""
    known = getattr(samples, "labels", None)  # spooled documents carry theirs (report/sample_store.py)
    if known is not None:
        return list(known)
    counts: dict[str, int] = {}
    for s in samples:
        counts[s["sample"]] = counts.get(s["sample"], 0) + 1
    named = [s["sample"].upper() in GENERIC_NAMES or counts[s["sample"]] > 1 for s in samples]
    groups: dict[str, list[int]] = {}
    for i, s in enumerate(samples):
        if named[i]:
            groups.setdefault(s["sample"], []).append(i)
    qualifier: dict[int, str] = {}
    for members in groups.values():
        qualifier.update(zip(members, input_qualifiers([samples[i]["source"] for i in members])))
    for i, text in qualifier.items():  # a caller's own output name: every patient's run writes it (per-run reports)
        if samples[i]["sample"].upper() in GENERIC_NAMES and text in CALLER_OUTPUT_STEMS:
            qualifier[i] = run_folder(samples[i]["source"])
    labels, seen = [], set()
    for i, s in enumerate(samples):
        label = f"{s['sample']} ({qualifier[i]})" if named[i] else s["sample"]
        number, unique = 1, label
        while unique in seen:
            number += 1
            unique = f"{label} #{number}"
        seen.add(unique)
        labels.append(unique)
    return labels


def _in_box(value: Callable[[dict], str], box: str) -> Callable[[dict], bool]:
    return lambda s: value(s) == box


def summary(samples: Sequence[dict]) -> dict:
    """The lists of the summary, each sample by its label (sample_labels), in one reading of the samples (they may
    be read from disk, report/sample_store.py)."""
    return read_once(samples, cite=False)[0]


def _summary_tests() -> dict[str | tuple[str, str], Callable[[dict], bool] | None]:
    return {
        **{("mechanism", box): _in_box(mechanism_box, box) for box in MECHANISM_BOXES},
        **{("pgp_check", box): _in_box(lambda s: s["pgp_check"], box) for box in PGP_BOXES},
        "pgp_check_low_yield": lambda s: s["pgp_check"] == "low_yield",
        "samples": None,
        "resistant": lambda s: s["resistant"],
        "on_target": lambda s: s["mechanism"] == "on_target",
        "on_target_possible": lambda s: s["mechanism"] == "on_target_possible",
        "alk_mutation_negative": lambda s: s["alk_mutation_negative"],
        "pgp_triage": lambda s: s["pgp_triage"],
        "pgp_ihc_to_order": lambda s: s["pgp_ihc_to_order"],
        "pgp_check_recommended": lambda s: s["pgp_check"] == "recommended",
        "pgp_check_if_progressed": lambda s: s["pgp_check"] == "if_progressed",
        "off_target_candidates": lambda s: s["mechanism"] == "off_target_candidate",
        # whatever the mechanism: an off-target candidate beside an ALK change that explains the progression too
        # (review 13, finding 1c)
        "off_target_present": lambda s: any(o["candidate"] for o in s["off_target"]),
        "not_assessable": lambda s: mechanism_box(s) == "not_assessable",  # the box of that name
    }


def read_once(
    samples: Sequence[dict], kb=None, summarise: bool = True, cite: bool = True
) -> tuple[dict, list[str], list[str]]:
    """The summary, the cited keys (cited_keys) and the samples report.warn_unestablished names (progressed on an ALK
    inhibitor, ALK positivity not established), from one reading of the samples: each read from disk once for all
    three (report/sample_store.py; stop 47)."""
    lists = _summary_tests() if summarise else {}
    tests = {key: test for key, test in lists.items() if test is not None}
    named: dict[str | tuple[str, str], list[str]] = {key: [] for key in tests}
    keys: dict[str, None] = {}  # each key once, in the order first cited, not once a sample (sample_store)
    evidence: dict[str, None] = {}  # the HTML Evidence column's, by statement label: after `keys`
    unestablished: list[str] = []
    for s, label in zip(samples, sample_labels(samples) if summarise else itertools.repeat("")):
        for key, test in tests.items():
            if test(s):
                named[key].append(label)
        if cite:
            _cite(s, kb, keys, evidence)
        if s["progressed_on"] and s["pgp"]["context"] == "alk_not_established":
            unestablished.append(s.get("label") or s["sample"])
    found: dict = {"mechanism": {}, "pgp_check": {}}
    for key in lists:
        if key == "samples":
            found[key] = len(samples)
        elif isinstance(key, tuple):
            found[key[0]][key[1]] = named[key]
        else:
            found[key] = named[key]
    return found, _bare_keys({**keys, **evidence}), unestablished


_PMID = re.compile(r"PMID[:\s]*(\d+)", re.I)


def _texts(value) -> list[str]:
    """Every string of a sample's document (notes, inhibitor notes and bases, fusion calls, off-target statements,
    the compound, copy-number lines, ...): what the reports print of it."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def cites_a_source(key: str, kb) -> bool:
    """Whether a part of a bracketed text is a citation: a source of the knowledge base, a CIViC evidence item, a
    PubMed ID, a curation source with the papers it cites ('CGI(PMID:1;PMID:2)'), or the sample sheet. Brackets
    that are not citations ('[positive; kinase retained; ...]' of a fusion call, '[FOLD_4_10]') are not."""
    if key == "sample_sheet" or re.fullmatch(r"EID\d+(?:\(.*\))?|PMID[:\s]*\d+", key):
        return True
    match = KEYED_LABEL.match(key)
    if match and _PMID.search(match.group(2)):
        return True
    return _kb_source(kb, match.group(1) if match else key) is not None


def cited_keys(samples: Sequence[dict], kb=None) -> list[str]:
    """The sources the reports cite: every call's, mutation's and off-target statement's source list, and every key
    cited in brackets in any printed text of a sample ('[LIN17T2; REC20]', '[KAT16, PMID 26870817; SEED]')."""
    return read_once(samples, kb, summarise=False)[1]


def _cite(s: dict, kb, keys: dict[str, None], evidence: dict[str, None]) -> None:
    """The keys one sample cites into `keys`; its mutations' statement sources, the HTML Evidence column's
    (clinical review hN, finding 7), into `evidence`, which come after `keys` so that the keys cited before keep
    their order."""
    for m in s["alk_mutations"]:
        keys.update(dict.fromkeys(m["evidence"]))
        evidence.update(dict.fromkeys((*m["sources"], *m["listed_sources"])))
    for i in s["inhibitors"].values():
        keys.update(dict.fromkeys(i["sources"]))
        # shown, labelled 'also listed, not counted' (review 19, finding 8)
        keys.update(dict.fromkeys(i["listed_sources"]))
        keys.update(dict.fromkeys(i["note_sources"]))
    keys.update(dict.fromkeys(s["pgp"]["sources"]))
    for o in s["off_target"]:
        keys.update(dict.fromkeys(o["sources"]))
    keys.update(dict.fromkeys(k for text in _texts(s) for k in bracketed_keys(text) if cites_a_source(k, kb)))


def _bare_keys(keys: dict[str, None]) -> list[str]:
    found: list[str] = []
    for key in keys:
        for part in split_keys(key):
            part = bare_key(part)
            if part and part not in found:
                found.append(part)
    return found


def describe_source(key: str, kb) -> dict:
    """{pmid, doi, citation} (pmc: a PubMed Central id where neither is known) of a cited key, never an empty
    citation: a source of the knowledge base, a CIViC evidence item ('EID441', 'EID441(PMID:22277784)'), a curation
    source with the papers it cites ('CGI(PMID:1;PMID:2)'), a bare 'PMID:n', or this patient's sample sheet."""
    if key == "sample_sheet":
        return {
            "pmid": None,
            "doi": None,
            "citation": "this patient's treatment history (sample sheet column progressed_on)",
        }
    match = KEYED_LABEL.match(key)
    base, inner = (match.group(1), match.group(2)) if match else (key, "")
    pmids = re.findall(r"PMID[:\s]*(\d+)", inner if match else key)
    if base.startswith("EID") and not pmids and kb is not None:  # the paper a CIViC item is about
        pmids = list(dict.fromkeys(p for st in kb.statements if st.civic_eid == base for p in st.pmids))
    source = _kb_source(kb, base)
    if source is None and pmids:
        source = next((s for s in (kb.sources() if kb is not None else ()) if s.pmid == pmids[0]), None)
    pmid = ";".join(pmids) or (source.pmid if source is not None and source.pmid else None)
    doi = source.doi if source is not None and source.doi else None
    if base.startswith("EID"):
        citation = f"CIViC accepted evidence item {base} (CC0)"
        if source is not None and source.citation and source.key != "CIVIC":
            citation += f"; the paper: {source.citation}"
    elif source is not None and source.citation:
        citation = source.citation
    elif base.startswith("PMID"):
        citation = "a paper cited by PubMed ID only (its citation is not in the knowledge base)"
        citation += _civic_items(kb, pmids)
    else:
        citation = f"{base}: a source key of the knowledge base"
    if match and source is not None and source.key == base and pmids and pmids == [source.pmid]:
        citation += f" (citing PMID {source.pmid})"  # its own paper ('SAB17(PMID:28435288)')
    elif match and source is not None and source.key == base and pmids:
        # the entry's PMID is the cited paper's: the resource's own identifiers go in the text, never beside it
        # (review 12, KB helper's note: 'CGI(PMID:22277784)' showed CGI's resource DOI as if the paper's)
        own = ", ".join(x for x in (source.pmid and f"PMID {source.pmid}", source.doi and f"doi:{source.doi}") if x)
        # the citation's own 'the PMID and DOI are those of the resource's paper' would now describe the wrong link
        # (review 13, finding 12)
        citation = re.sub(
            r"; the (?:PMID and DOI are those|PMID is that|DOI is that) of the resource's paper: ",
            "; the resource's paper: ",
            citation,
        )
        citation += f" (citing PMID {', '.join(pmids)}{f'; the resource itself: {own}' if own else ''})"
        doi = None
    pmc = getattr(source, "pmc", "") if source is not None and not pmid and not doi else ""  # as the VCF names it
    return {"pmid": pmid, "doi": doi, "citation": citation, **({"pmc": str(pmc)} if pmc else {})}  # (schema 2.23)


def _civic_items(kb, pmids: list[str]) -> str:
    """'; the knowledge base's CIViC evidence items on it: EID841, EID842 (case report)': what the knowledge base
    holds of a paper it cites by PubMed ID only, so the reader can find it (oncologist reading of stop 28); ''
    where it holds none."""
    rows = [st for st in (kb.statements if kb is not None else ()) if st.civic_eid and set(pmids) & set(st.pmids)]
    eids = sorted(dict.fromkeys(st.civic_eid for st in rows), key=lambda e: int(e[3:]) if e[3:].isdigit() else 0)
    kinds = ", ".join(dict.fromkeys(st.evidence_kind.replace("_", " ") for st in rows))
    return f"; the knowledge base's CIViC evidence items on it: {', '.join(eids)} ({kinds})" if eids else ""


def _kb_source(kb, key: str):
    if kb is None:
        return None
    try:
        return kb.source(key)
    except (KeyError, LookupError, ValueError):
        return None


def source_table(keys: list[str], kb) -> dict:
    return {key: describe_source(key, kb) for key in keys}


def _text(value) -> str | None:
    return str(value) if value not in (None, "") else None


def document(cohort, unestablished: list[str] | None = None) -> dict:
    """The report document; `unestablished`, where given, gets the samples report.warn_unestablished names (read_once:
    found in the reading that makes the summary)."""
    kb = cohort.kb or _knowledge()  # the --kb the verdicts were made with
    made = cohort.documents if cohort.documents is not None else [sample_document(v) for v in cohort.verdicts]
    samples: Sequence[dict]
    if isinstance(made, list):
        samples = [{"sample": s["sample"], "label": label, **s} for s, label in zip(made, sample_labels(made))]
    else:  # kept on disk (report/sample_store.py), each sample labelled as it is read
        samples = made.labelled(sample_labels(made.names))
    read = read_once(samples, kb)  # the summary and the sources, in one reading of the samples
    if unestablished is not None:
        unestablished.extend(read[2])
    return {
        "schema_version": SCHEMA_VERSION,
        "alkannot_version": __version__,
        "knowledge_base": {
            "version": str(getattr(kb, "version", "")),
            "date": str(getattr(kb, "date", "")),
            "sha256": str(getattr(kb, "sha256", "")),
            # how the sources write each inhibitor ('tpx0131' -> 'TPX-0131'), for column headings
            "agents": dict(kb.agents),
        },
        "options": {k: v for k, v in cohort.options.items()},
        "inputs": [
            {
                "path": i.path,
                "build": i.build,
                "samples": list(i.samples),
                "reported": list(i.reported),
                "left_out": list(i.left_out),
                "min_vaf": i.min_vaf,
            }
            for i in cohort.inputs
        ],
        "summary": read[0],
        "samples": samples,
        "sources": source_table(read[1], kb),
    }


_SAMPLES_HERE = "\u2063alkannot: the samples go here\u2063"  # a placeholder no document holds (U+2063, invisible)


def write(doc: dict, path: str) -> str:
    """The document as json.dump(doc, indent=2) writes it, its samples written one by one (they may be read from
    disk one at a time, report/sample_store.py)."""
    text = json.dumps(dict(doc, samples=_SAMPLES_HERE), indent=2, ensure_ascii=False)
    before, after = text.split(json.dumps(_SAMPLES_HERE, ensure_ascii=False), 1)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(before)
        handle.write("[" if len(doc["samples"]) else "[]")
        for k, sample in enumerate(doc["samples"]):  # indented as items of the top level's list
            handle.write(",\n    " if k else "\n    ")
            handle.write(json.dumps(sample, indent=2, ensure_ascii=False).replace("\n", "\n    "))
        handle.write("\n  ]" if len(doc["samples"]) else "")
        handle.write(after)
        handle.write("\n")
    return path


def schema() -> dict:
    from importlib import resources

    return json.loads(resources.files("alkannot.report").joinpath("schema.json").read_text(encoding="utf-8"))


__all__ = ["document", "write", "schema", "sample_labels", "GENERIC_NAMES", "SCHEMA_VERSION"]
