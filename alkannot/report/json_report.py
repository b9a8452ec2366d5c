"""PREFIX.json: the cohort's verdicts as one document (validated by report/schema.json).

`document()` is also what the TSV, HTML and MultiQC writers read, so every output says the same thing.
"""
from __future__ import annotations

import json
import re

from .. import __version__

SCHEMA_VERSION = "2.0"


def _knowledge():
    from ..knowledge import load_knowledge_base
    return load_knowledge_base()


def _mutation(m) -> dict:
    return {
        "protein_change": m.protein_change, "hgvsp": m.hgvsp, "hgvsc": m.hgvsc, "consequence": m.consequence,
        "region": m.region, "aa_position": m.aa_position, "chrom": m.chrom, "pos": m.pos, "ref": m.ref,
        "alt": m.alt, "filter": m.filter, "vaf": None if m.vaf is None else round(m.vaf, 4),
        "vaf_source": m.vaf_source, "depth": m.depth, "low_vaf": m.low_vaf, "resistance": m.resistance,
        "evidence": list(m.evidence), "phase_set": m.phase_set, "haplotype": m.haplotype,
        "ref_mismatch": m.ref_mismatch,
    }


def _inhibitor(i) -> dict:
    return {"category": i.category, "basis": i.basis, "sources": list(i.sources),
            "evidence_kinds": list(i.evidence_kinds), "inferred": i.inferred,
            "progressed_on": i.progressed_on, "note": i.note, "subclonal": i.subclonal}


def sample_document(v) -> dict:
    compound = None
    if v.compound is not None:
        compound = {"changes": list(v.compound.changes), "phase": v.compound.phase,
                    "phase_method": v.compound.phase_method, "resistance": v.compound.resistance,
                    "rule": v.compound.rule}
    return {
        "sample": v.sample, "source": v.source, "build": v.build, "role": v.role,
        "fusion": v.fusion, "fusion_calls": list(v.fusion_calls),
        "alk_status": v.alk_status,
        "progressed_on": None if v.progressed_on is None else list(v.progressed_on),
        "alk_mutations": [_mutation(m) for m in v.mutations],
        "compound": compound,
        "inhibitors": {i.inhibitor: _inhibitor(i) for i in v.inhibitors},
        "mechanism": v.mechanism,
        "pgp_check": v.pgp.check,
        "pgp": {"context": v.pgp.context, "note": v.pgp.note,
                "affected_progressed_on": list(v.pgp.affected_progressed),
                "not_affected": list(v.pgp.not_affected), "abcb1_ihc": v.pgp.ihc, "abcb1_tpm": v.pgp.tpm,
                "sources": list(v.pgp.sources)},
        "off_target": [{"gene": o.gene, "kind": o.kind, "record": o.description, "statement": o.statement,
                        "sources": list(o.sources), "verified": o.verified} for o in v.off_target],
        "notes": list(v.notes),
        "resistant": v.resistant,
        "alk_mutation_negative": v.alk_mutation_negative,
        "assessable": v.assessable,
        "sample_sheet_extra": dict(v.extra),
    }


MECHANISM_BOXES = ("on_target", "on_target_possible", "off_target_candidate", "unexplained", "not_assessable")
PGP_BOXES = ("recommended", "low_yield", "if_progressed", "not_indicated")


def mechanism_box(s: dict) -> str:
    """The one mechanism box of a sample: its mechanism, or `not_assessable` when nothing about ALK is known
    (no fusion evidence, no ALK mutation, no ALK status) and nothing else explains it."""
    if not s["assessable"] and s["mechanism"] == "unexplained":
        return "not_assessable"
    return s["mechanism"]


def summary(samples: list[dict]) -> dict:
    def names(test) -> list[str]:
        return [s["sample"] for s in samples if test(s)]
    return {
        "mechanism": {box: names(lambda s, box=box: mechanism_box(s) == box) for box in MECHANISM_BOXES},
        "pgp_check": {box: names(lambda s, box=box: s["pgp_check"] == box) for box in PGP_BOXES},
        "pgp_check_low_yield": names(lambda s: s["pgp_check"] == "low_yield"),
        "samples": len(samples),
        "resistant": names(lambda s: s["resistant"]),
        "on_target": names(lambda s: s["mechanism"] == "on_target"),
        "on_target_possible": names(lambda s: s["mechanism"] == "on_target_possible"),
        "alk_mutation_negative": names(lambda s: s["alk_mutation_negative"] and s["resistant"]),
        "pgp_check_recommended": names(lambda s: s["pgp_check"] == "recommended"),
        "pgp_check_if_progressed": names(lambda s: s["pgp_check"] == "if_progressed"),
        "off_target_candidates": names(lambda s: s["mechanism"] == "off_target_candidate"),
        "not_assessable": names(lambda s: not s["assessable"]),
    }


_PMID = re.compile(r"PMID[:\s]*(\d+)", re.I)


def cited_keys(samples: list[dict]) -> list[str]:
    keys: list[str] = []
    for s in samples:
        for m in s["alk_mutations"]:
            keys.extend(m["evidence"])
        for i in s["inhibitors"].values():
            keys.extend(i["sources"])
        keys.extend(s["pgp"]["sources"])
        for o in s["off_target"]:
            keys.extend(o["sources"])
        for text in [s["pgp"]["note"], *s["notes"]]:
            keys.extend(re.findall(r"\[([^\]]+)\]", text))
    found: list[str] = []
    for key in keys:
        for part in re.split(r";\s*", key):
            part = re.sub(r",\s*PMID.*$", "", part).strip()
            if part and part not in found:
                found.append(part)
    return found


def source_table(keys: list[str], kb) -> dict:
    table = {}
    for key in keys:
        entry = {"pmid": None, "doi": None, "citation": None}
        pmid = _PMID.search(key)
        if key == "sample_sheet":
            entry["citation"] = "this patient's treatment history (sample sheet column progressed_on)"
        elif pmid:
            entry["pmid"] = pmid.group(1)
        elif kb is not None:
            try:
                source = kb.source(key)
            except (KeyError, LookupError, ValueError):
                source = None
            if source is not None:
                entry = {"pmid": _text(getattr(source, "pmid", None)), "doi": _text(getattr(source, "doi", None)),
                         "citation": _text(getattr(source, "citation", None))}
        table[key] = entry
    return table


def _text(value) -> str | None:
    return str(value) if value not in (None, "") else None


def document(cohort) -> dict:
    kb = _knowledge()
    samples = [sample_document(v) for v in cohort.verdicts]
    return {
        "schema_version": SCHEMA_VERSION,
        "alkannot_version": __version__,
        "knowledge_base": {"version": str(getattr(kb, "version", "")), "date": str(getattr(kb, "date", "")),
                           "sha256": str(getattr(kb, "sha256", ""))},
        "options": {k: v for k, v in cohort.options.items()},
        "inputs": [{"path": i.path, "build": i.build, "samples": list(i.samples), "reported": list(i.reported),
                    "left_out": list(i.left_out)} for i in cohort.inputs],
        "summary": summary(samples),
        "samples": samples,
        "sources": source_table(cited_keys(samples), kb),
    }


def write(doc: dict, path: str) -> str:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(doc, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    return path


def schema() -> dict:
    from importlib import resources
    return json.loads(resources.files("alkannot.report").joinpath("schema.json").read_text(encoding="utf-8"))


__all__ = ["document", "write", "schema", "SCHEMA_VERSION"]
