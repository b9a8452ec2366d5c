"""IC50 measurements (shared/kb/ic50.tsv) attached to the statements of the items they were measured in, or
added as measurements that do not vote (resources/kb/PROVENANCE.md section 3)."""

from __future__ import annotations

import re
from pathlib import Path

from .reading import INHIBITORS, read_rows

NM_UNITS = ("nM", "nmol/L")


def ic50_alteration(text: str) -> str | None:
    m = re.match(r"([A-Z]\d{4}(?:[A-Z]|dup))\b", text)
    return m.group(1) if m else None


def parse_fold(text: str) -> str:
    m = re.fullmatch(r"~?([\d.]+)x WT(?: v1)?", text.strip())
    return m.group(1) if m else ""


def ic50_background(text: str) -> str:
    """ic50.tsv's fusion_background in alkannot's words: 'EML4-ALK variant 3' -> 'EML4-ALK v3'."""
    text = re.sub(r"\s*\((?:as written|H2228|MGH021-4|neuroblastoma)\)", "", text)
    text = re.sub(r"E6a;A20 \(variant 3a\)", "v3a", text)
    text = re.sub(r"variant (\w+)/3b", r"v\1/b", text)
    text = re.sub(r"variant ", "v", text)
    if text.startswith("patient ALK fusion"):
        return "ALK fusion (partner not stated)"
    return text


def fold_fields(stated: str, ic50: str, wt: str, qualifier: str) -> dict:
    """The fold over wild type as stated, else the quotient of the item's own mutant and wild-type
    IC50s in the same background (RULES.md section 3.3); never across items."""
    if stated:
        return {"fold_vs_wt": stated, "fold_basis": "stated"}
    if ic50 and wt and not qualifier:
        return {
            "fold_vs_wt": f"{float(ic50) / float(wt):.1f}",
            "fold_basis": "computed: ic50_nM / wt_ic50_nM, same item and background",
        }
    return {"fold_vs_wt": "", "fold_basis": ""}


def attach_ic50(statements: list[dict], path: Path) -> list[dict]:
    """The statements with each mutant row of ic50.tsv attached to its item's statement about that inhibitor and
    alteration (a second measurement becomes a row of its own after it), or added as a comparator measurement that
    does not vote; a fold change a row's notes state without an absolute value becomes a row of its own."""
    rows = read_rows(path)
    wt = {}
    for r in rows:
        if r["alteration"].startswith("WT") and r["unit_as_written"] in NM_UNITS:
            wt[(r["civic_eid"], r["inhibitor"], r["fusion_background"])] = r["ic50_nM"]
    out = list(statements)
    for r in rows:
        alteration, inhibitor = ic50_alteration(r["alteration"]), r["inhibitor"]
        if alteration is None or inhibitor not in INHIBITORS:
            continue
        measurement, extra = measurement_fields(r, wt), unit_remark(r, rows)
        target = [
            s
            for s in out
            if s.get("civic_eid") == r["civic_eid"] and s["inhibitor"] == inhibitor and s["alteration"] == alteration
        ]
        if target:
            attach_measurement(out, target, r, measurement, extra)
        else:
            out.append(comparator_statement(out, r, alteration, measurement, extra))
        m = re.search(r"~(\d+)-fold more (\w+) than WT", r["notes"])
        if m and m.group(2) == inhibitor:
            # the same item states a fold change in Ba/F3 without an absolute value
            base = target[0] if target else out[-1]
            out.insert(out.index(base) + 1, stated_fold(base, r, alteration, m.group(1)))
    return out


def measurement_fields(r: dict, wt: dict) -> dict:
    """The row's measurement: its IC50 in nM (empty in another unit), the item's wild-type IC50 in the same
    background, the assay and the fold over wild type."""
    in_nm = r["unit_as_written"] in NM_UNITS
    assay = r["assay_cell_system"]
    if "v1" in r["fold_vs_wt_as_stated"]:
        assay += "; fold vs WT variant 1"
    wt_value = wt.get((r["civic_eid"], r["inhibitor"], r["fusion_background"]), "")
    ic50 = r["ic50_nM"] if in_nm else ""
    return dict(
        measure=r["measure"],
        ic50_nM=ic50,
        ic50_qualifier=r["qualifier"],
        wt_ic50_nM=wt_value,
        assay=assay,
        background=ic50_background(r["fusion_background"]),
        **fold_fields(parse_fold(r["fold_vs_wt_as_stated"]), ic50, wt_value, r["qualifier"]),
    )


def unit_remark(r: dict, rows: list[dict]) -> str:
    """A value not in nM as written, with the item's wild-type value in its unit ('' for a value in nM)."""
    if r["unit_as_written"] in NM_UNITS:
        return ""
    extra = f"IC50 {r['value_as_written']} {r['unit_as_written']}"
    wt_text = next(
        (
            w
            for w in rows
            if w["alteration"].startswith("WT")
            and w["civic_eid"] == r["civic_eid"]
            and w["inhibitor"] == r["inhibitor"]
            and w["unit_as_written"] not in NM_UNITS
        ),
        None,
    )
    if wt_text:
        extra += f", WT {wt_text['value_as_written']} {wt_text['unit_as_written']}"
    return extra


def attach_measurement(out: list[dict], target: list[dict], r: dict, measurement: dict, extra: str) -> None:
    """The measurement in the item's first statement about it, or, when that one already has a measurement, in a
    copy of it after the last."""
    first = target[0]
    if first.get("measure"):
        row = dict(first, **measurement, origin=f"ic50.tsv:{r['civic_eid']}:{r['inhibitor']}")
        row["note"] = "; ".join(x for x in (first["note"], extra) if x)
        out.insert(out.index(target[-1]) + 1, row)
    else:
        first.update(measurement)
        if extra:
            first["note"] = f"{first['note']}; {extra}"


def comparator_statement(out: list[dict], r: dict, alteration: str, measurement: dict, extra: str) -> dict:
    """A measurement of an inhibitor the item states no category for (a comparator): a statement that does not
    vote, with the level and disease of the item's statement about another agent."""
    inhibitor = r["inhibitor"]
    host = next((s for s in out if s.get("civic_eid") == r["civic_eid"]), None)
    about = host["inhibitor"] if host else "another agent"
    return dict(
        alteration=alteration,
        alteration_as_written=r["alteration"],
        kind="insertion" if alteration.endswith("dup") else "missense",
        inhibitor=inhibitor,
        category="unknown",
        evidence_kind="preclinical",
        sources="CIVIC",
        pmids=r["source_pmid"],
        civic_eid=r["civic_eid"],
        evidence_level=host["evidence_level"] if host else "",
        disease=host["disease"] if host else "not recorded",
        origin=f"ic50.tsv:{r['civic_eid']}:{inhibitor}",
        **measurement,
        note="; ".join(
            x
            for x in (
                f"comparator measured in an item about {about}; no category stated for {inhibitor}",
                extra,
            )
            if x
        ),
    )


def stated_fold(base: dict, r: dict, alteration: str, fold: str) -> dict:
    """A copy of the statement with the approximate fold over wild type the row's notes state in Ba/F3."""
    return dict(
        base,
        measure="IC50",
        ic50_nM="",
        ic50_qualifier="",
        fold_vs_wt=f"~{fold}",
        fold_basis="stated (approximate)",
        wt_ic50_nM="",
        assay="Ba/F3 EML4-ALK " + alteration,
        background="EML4-ALK",
        origin=f"ic50.tsv:{r['civic_eid']}:{r['inhibitor']}:notes",
    )
