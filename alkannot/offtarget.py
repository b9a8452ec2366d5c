"""Off-target candidates a VCF can show for one sample: copy-number and other records in the bypass
genes of shared/kb/bypass.md, each with its sourced statement (resources/triage/bypass_genes.tsv).
They are listed beside the P-gp note; they never silence it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .bundle import read_tsv
from .filters import passed
from .genotype import carries


@dataclass(frozen=True)
class OffTarget:
    """An off-target resistance candidate found in a sample (bypass gene alteration) and its source."""

    gene: str
    kind: str  # copy_number_gain | copy_number_loss | structural | mutation
    description: str  # 'chr7:116622196 <DUP> CN=8'
    statement: str
    sources: tuple[str, ...]
    verified: bool


@lru_cache(maxsize=None)
def _bypass_statements() -> dict[tuple[str, str], dict[str, str]]:
    return {(row["gene"], row["kind"]): row for row in read_tsv("triage", "bypass_genes.tsv")}


def _copy_number(rec, fmt: dict | None) -> tuple[str | None, object]:
    cn = fmt.get("CN") if fmt else None
    if cn is None:
        cn = rec.info.get("CN")
    alts = " ".join(rec.alts)
    svtype = (rec.svtype or "").upper()
    if isinstance(cn, (int, float)):
        return ("gain" if cn > 2 else "loss" if cn < 2 else None), cn
    if svtype in ("DUP", "AMP") or "<DUP" in alts or "<AMP" in alts:
        return "gain", cn
    if svtype == "DEL" or "<DEL" in alts:
        return "loss", cn
    return None, cn


def off_target_candidates(survey, sample: str) -> list[OffTarget]:
    """Bypass-gene records (main input and --sv files) the sample carries, each with its source."""
    statements = _bypass_statements()
    found, seen = [], set()
    for rec in survey.bypass_records:
        fmt = rec.samples.get(sample) if rec.samples else None
        if rec.samples and fmt is None:
            continue
        if not passed(rec.filter):
            continue
        if rec.is_copy_number:
            direction, cn = _copy_number(rec, fmt)
            if direction is None or (fmt is not None and "CN" not in fmt and not carries(fmt, 1)):
                continue
            kind = f"copy_number_{direction}"
            row = statements.get((rec.gene, "copy_number")) if direction == "gain" else None
            row = row or statements.get((rec.gene, "any"))
            what = f"{rec.alts[0] if rec.alts else ''} {('CN=' + str(cn)) if cn is not None else ''}".strip()
        else:
            if fmt is not None and not carries(fmt, 1):
                continue
            structural = any(a.startswith("<") or "[" in a or "]" in a for a in rec.alts)
            kind = "structural" if structural else "mutation"
            row = statements.get((rec.gene, kind)) or statements.get((rec.gene, "any"))
            what = f"{rec.ref}>{','.join(rec.alts)}"
        if row is None:
            continue
        key = (rec.gene, rec.chrom, rec.pos, kind)
        if key in seen:
            continue
        seen.add(key)
        found.append(
            OffTarget(
                rec.gene,
                kind,
                f"{rec.chrom}:{rec.pos} {what}",
                row["statement"],
                tuple(s for s in row["sources"].split(";") if s),
                row["verified"] == "yes",
            )
        )
    return found
