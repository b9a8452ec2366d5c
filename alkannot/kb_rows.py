"""A knowledge-base table's row as a value, once kbfiles.py has checked it: a calls.tsv row as a `Statement`, an
inhibitors.tsv row as an `InhibitorInfo`, and an inhibitor's names (generic, brand, development code) as lookups
compare them. Pure functions over the rows, no I/O."""

from __future__ import annotations

import re

from .evidence import Cite, InhibitorInfo, Statement, unique


def listed(cell: str) -> tuple[str, ...]:
    """A cell holding a ';'-separated list (sources, PMIDs, names), empty items left out."""
    return tuple(t for t in (cell or "").split(";") if t)


def _float(text: str) -> float | None:
    return float(text) if text not in ("", None) else None


def _fold(text: str) -> tuple[float | None, str]:
    """'6' -> (6.0, ''); '~50' -> (50.0, '~')."""
    if not text:
        return None, ""
    return float(text.lstrip("~")), ("~" if text.startswith("~") else "")


def statement_from_row(row: dict[str, str]) -> Statement:
    """A calls.tsv row as a Statement."""
    fold, fold_qualifier = _fold(row["fold_vs_wt"])
    return Statement(
        row["alteration"],
        row["inhibitor"],
        row["category"],
        row["evidence_kind"],
        listed(row["sources"]),
        listed(row["pmids"]),
        row["civic_eid"],
        row["evidence_level"],
        row["disease"],
        row["background"],
        row["assay"],
        row["measure"],
        _float(row["ic50_nM"]),
        row["ic50_qualifier"],
        _float(row["wt_ic50_nM"]),
        fold,
        fold_qualifier,
        row["fold_basis"],
        row["note"],
    )


def name_key(name: str) -> str:
    """How inhibitor names are compared: case, hyphens, spaces and other punctuation ignored."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def name_index(rows: tuple[dict[str, str], ...]) -> dict[str, str]:
    """Each inhibitor's names (its key, its agent name, the `names` cell) by `name_key`, to the inhibitor's key; a
    name two rows give belongs to the first."""
    index: dict[str, str] = {}
    for row in rows:
        for alias in (row["inhibitor"], row["agent"], *listed(row["names"])):
            index.setdefault(name_key(alias), row["inhibitor"])
    return index


def inhibitor_info(row: dict[str, str], cite: Cite) -> InhibitorInfo:
    """An inhibitors.tsv row as an InhibitorInfo; `cite` brackets each region's approval sources."""
    regions = ("us", "eu", "jp", "ca") + (("cn",) if "approval_cn" in row else ())  # cn: since 2.0.25
    approvals = {region: row[f"approval_{region}"] for region in regions}
    region_sources = {region: listed(row[f"approval_{region}_sources"]) for region in regions}
    approval_sources = unique(k for region in regions for k in region_sources[region])
    return InhibitorInfo(
        row["inhibitor"],
        row["agent"],
        listed(row["names"]),
        row["agent_class"],
        row["generation"],
        listed(row["generation_sources"]),
        approvals,
        approval_sources,
        row["abcb1_transport"],
        listed(row["abcb1_transport_sources"]),
        row["abcb1_transport_note"],
        row["pgp_confers_resistance"],
        listed(row["pgp_confers_resistance_sources"]),
        row["pgp_confers_resistance_note"],
        row["cns_activity"],
        listed(row["cns_sources"]),
        row["notes"],
        region_sources,
        {region: cite(keys) for region, keys in region_sources.items() if keys},
    )
