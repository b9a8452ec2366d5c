"""PREFIX.json: the cohort's verdicts as one document (validated by report/schema.json).

`document()` is also what the TSV, HTML and MultiQC writers read, so every output says the same thing.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from typing import Callable

from .. import __version__
from ..thresholds import as_rows
from .cited_sources import add_citations, cited_bare_keys, source_table
from .input_labels import GENERIC_NAMES, sample_labels
from .sample_boxes import MECHANISM_BOXES, PGP_BOXES, mechanism_box, triaged_for_pgp
from .sample_document import sample_document

SCHEMA_VERSION = "2.31"


def _knowledge():
    from ..kbfiles import load_knowledge_base

    return load_knowledge_base()


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
            add_citations(s, kb, keys, evidence)
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
    return found, cited_bare_keys({**keys, **evidence}), unestablished


def cited_keys(samples: Sequence[dict], kb=None) -> list[str]:
    """The sources the reports cite: every call's, mutation's and off-target statement's source list, and every key
    cited in brackets in any printed text of a sample ('[LIN17T2; REC20]', '[KAT16, PMID 26870817; SEED]')."""
    return read_once(samples, kb, summarise=False)[1]


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
            # the grading bands (thresholds.tsv) with their sources, which the HTML's legend explains (schema 2.29)
            "thresholds": as_rows(getattr(kb, "thresholds", ())),
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
        # every sample-sheet row no sample of the inputs used (a warning names ten): a patient of the sheet with no
        # input, or a source_vcf naming none; null without a sheet (schema 2.26, cohort49)
        "sheet_rows_not_used": _rows_not_used(cohort),
        # they are a per-sample job's other patients' rows (one input, each of its reported samples with its row), as
        # expected: the HTML and MultiQC, laid out from this document, do not say them (schema 2.27, cohort50)
        "sheet_rows_not_used_expected": bool(getattr(cohort, "sheet_rows_expected", False)),
        "summary": read[0],
        "samples": samples,
        "sources": source_table(read[1], kb),
    }


def _rows_not_used(cohort) -> list[dict] | None:
    rows = getattr(cohort, "sheet_rows_not_used", None)
    if rows is None:
        return None
    return [{"sample": r.sample, "line": r.line, "source_vcf": r.source} for r in rows]


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


# sample_document, sample_labels (GENERIC_NAMES) and triaged_for_pgp are made in their own modules; named here too, as
# before the split (helper cohort48b)
__all__ = [
    "document",
    "write",
    "schema",
    "summary",
    "read_once",
    "cited_keys",
    "sample_document",
    "sample_labels",
    "triaged_for_pgp",
    "GENERIC_NAMES",
    "SCHEMA_VERSION",
]
