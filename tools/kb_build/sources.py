"""The source table (resources/kb/sources.tsv): the keys of shared/kb/sources.md with their PMID, DOI and PMC
(only where marked ✔), the papers it lists as not retrievable, the sources read later
(tools/kb_curation/sources_extra.tsv) and the CIVIC key."""

from __future__ import annotations

import re
from pathlib import Path

from .reading import read_curation


def build_sources(path: Path) -> list[dict]:
    out = {}
    for line in open(path, encoding="utf-8"):
        if not line.startswith("| ") or line.startswith("| key") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        keys, citation = cells[0], cells[1]
        ids = cells[2] if len(cells) > 2 else ""
        pmid = re.search(r"PMID (\d+) ✔", ids) or re.search(r"^(\d{6,9})$", ids)
        doi = re.search(r"DOI (10\.\S+?) ✔", ids)
        pmc = re.search(r"(PMC\d+)", ids)
        for key in [k.strip() for k in keys.split("/")]:
            out[key] = {
                "key": key,
                "pmid": pmid.group(1) if pmid else "",
                "doi": doi.group(1) if doi else "",
                "pmc": pmc.group(1) if pmc else "",
                "citation": re.sub(r"\s+", " ", citation.replace("**", "").replace("`", "").replace('"', "'")),
            }
    # the papers sources.md names as not retrievable, so a note can cite what it could not read
    for line in open(path, encoding="utf-8"):
        m = re.match(r"- ([A-Z][A-Z0-9_]+) — (.+)", line.strip())
        if m and m.group(1) not in out:
            out[m.group(1)] = {
                "key": m.group(1),
                "pmid": "",
                "doi": "",
                "pmc": "",
                "citation": f"{m.group(2).rstrip('.')} (not retrieved; listed in shared/kb/sources.md)",
            }
    for extra in read_curation("sources_extra.tsv"):
        out[extra["key"]] = {k: extra[k] for k in ("key", "pmid", "doi", "pmc", "citation")}
    out["CIVIC"] = {
        "key": "CIVIC",
        "pmid": "",
        "doi": "",
        "pmc": "",
        "citation": "CIViC (Clinical Interpretation of Variants in Cancer), accepted ALK evidence items "
        "(CC0), as extracted in shared/kb/civic_alk_evidence.tsv; each row names its EID and PMID",
    }
    return sorted(out.values(), key=lambda s: s["key"])
