"""The inhibitor table (resources/kb/inhibitors.tsv): shared/kb/inhibitors.tsv in alkannot's words, the inhibitors
later reading added (tools/kb_curation/inhibitors_extra.tsv), with the P-gp properties
(tools/kb_curation/inhibitors_pgp.tsv) and the cells later reading replaced
(tools/kb_curation/inhibitors_override.tsv)."""

from __future__ import annotations

import re
from pathlib import Path

from alkannot.kbfiles import PGP_COLUMNS  # the layout the runtime checks

from .reading import INHIBITORS, read_curation, read_rows
from .source_cells import parse_token, source_keys, split_top

INHIBITOR_NAMES = {"TPX-0131": "tpx0131"}
INHIBITOR_COLUMNS = (
    "inhibitor",
    "agent",
    "names",
    "agent_class",
    "generation",
    "generation_sources",
    "approval_us",
    "approval_us_indications",
    "approval_us_sources",
    "approval_eu",
    "approval_eu_indications",
    "approval_eu_sources",
    "approval_jp",
    "approval_jp_sources",
    "approval_ca",
    "approval_ca_sources",
    "approval_cn",  # since 2.0.25: the agents approved in China (inhibitors_extra.tsv; clinical review hN, finding 3)
    "approval_cn_sources",
    *PGP_COLUMNS,
    "bcrp_note",
    "bcrp_sources",
    "cns_activity",
    "cns_sources",
    "dose",
    "dose_sources",
    "notes",
)


def reader_remarks(text: str) -> str:
    """A curator's '- verify' becomes what it tells the reader: the value was not checked against the current
    label ('... was not retrieved - verify' -> '... was not retrieved: check the current label'); the uncertainty
    stays, in a reader's words (KB audit 2026-12-01, finding 8)."""
    return re.sub(r"\s*[-—;,]?\s*\bverify\b[^;.]*", ": check the current label", text).strip()


def inhibitor_names(synonyms: str) -> tuple[str, list[str]]:
    """'PF-06463922; Lorbrena/Lorviqua' -> ('PF-06463922;Lorbrena;Lorviqua', []). A name the shared table
    qualifies in parentheses ('BMS-986299 (per datalookout.com)') is not confirmed: it is returned apart, with
    its remark, and never used to match names (KB audit 2026-12-01, finding 3)."""
    names, unconfirmed = [], []
    for n in (n.strip() for n in re.split(r"[;/]", synonyms)):
        remark = re.search(r"\((.*?)\)", n)
        bare = re.sub(r"\(.*?\)", "", n).strip()
        if not bare:
            continue
        if remark:
            unconfirmed.append(f"{bare} ({remark.group(1).strip()})")
        else:
            names.append(bare)
    return ";".join(names), unconfirmed


def weak_sources(text: str) -> list[str]:
    """The keys a source cell marks weak ('PEL21(weak)' -> ['PEL21'])."""
    out = []
    for token in split_top(text):
        key, _, words = parse_token(token)
        if any("weak" in w.lower() for w in words):
            out.append(key)
    return out


def build_inhibitors(path: Path) -> list[dict]:
    pgp = {r["inhibitor"]: r for r in read_curation("inhibitors_pgp.tsv")}
    out = []
    for r in read_rows(path):
        name = INHIBITOR_NAMES.get(r["agent"], r["agent"])
        if name not in INHIBITORS:
            continue
        names, unconfirmed = inhibitor_names(r["synonyms_codes"])
        if r["agent"] != name:  # 'TPX-0131' is written so in the sources; 'tpx0131' is alkannot's key
            names = ";".join(n for n in [r["agent"]] + names.split(";") if n)
        notes = r["notes"]
        if unconfirmed:
            said = "; ".join(unconfirmed)
            notes = f"{notes} Synonym not confirmed, not used to match names: {said}.".strip()
        cns = r["cns_activity"]
        weak = weak_sources(r["cns_source"])
        if weak:  # the shared table's confidence mark on its source, kept in the reader's words
            cns = f"{cns}; a weak source ({', '.join(weak)}), as the shared table marks it"
        out.append(
            {
                "inhibitor": name,
                "agent": r["agent"],
                "names": names,
                "agent_class": r["agent_class"],
                "generation": r["generation"],
                "generation_sources": source_keys(r["generation_source"]),
                "approval_us": r["us_first_approval"],
                "approval_us_indications": r["us_firstline_or_later_indications"],
                "approval_us_sources": source_keys(r["us_source"]),
                "approval_eu": r["eu_first_approval"],
                "approval_eu_indications": r["eu_firstline_or_later_indications"],
                "approval_eu_sources": source_keys(r["eu_source"]),
                "approval_jp": r["jp_approval"],
                "approval_jp_sources": source_keys(r["jp_source"]),
                "approval_ca": r["canada_first_document_date"],
                "approval_ca_sources": source_keys(r["canada_source"]),
                "approval_cn": "",  # shared/kb/inhibitors.tsv has no China column
                "approval_cn_sources": "",
                **{column: pgp[name][column] for column in PGP_COLUMNS},
                "bcrp_note": r["bcrp_abcg2"],
                "bcrp_sources": source_keys(r["bcrp_source"]),
                "cns_activity": cns,
                "cns_sources": source_keys(r["cns_source"]),
                "dose": reader_remarks(r["typical_dose"]),
                "dose_sources": source_keys(r["dose_source"]),
                "notes": notes,
            }
        )
    return sorted(corrected(out + added(pgp)), key=lambda r: INHIBITORS.index(r["inhibitor"]))


def added(pgp: dict[str, dict]) -> list[dict]:
    """The inhibitors shared/kb/inhibitors.tsv does not hold (tools/kb_curation/inhibitors_extra.tsv: iruplinalkib and
    envonalkib, review 9, clinical finding 9), each row already in this table's layout, with its P-gp properties."""
    out = []
    for row in read_curation("inhibitors_extra.tsv"):
        if row["inhibitor"] not in INHIBITORS:
            raise SystemExit(f"inhibitors_extra.tsv: {row['inhibitor']!r} has no row in inhibitors_pgp.tsv")
        out.append({c: pgp[row["inhibitor"]][c] if c in PGP_COLUMNS else row[c] for c in INHIBITOR_COLUMNS})
    return out


def corrected(inhibitors: list[dict]) -> list[dict]:
    """Cells of shared/kb/inhibitors.tsv that later reading made stale, replaced as
    tools/kb_curation/inhibitors_override.tsv says (each row with where it was read)."""
    by_name = {r["inhibitor"]: r for r in inhibitors}
    for row in read_curation("inhibitors_override.tsv"):
        if row["inhibitor"] not in by_name or row["column"] not in INHIBITOR_COLUMNS:
            raise SystemExit(f"inhibitors_override.tsv: no cell {row['inhibitor']}/{row['column']} to replace")
        by_name[row["inhibitor"]][row["column"]] = row["value"]
    return inhibitors
