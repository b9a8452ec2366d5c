"""Off-target candidates a VCF can show for one sample: copy-number and other records in the bypass
genes of shared/kb/bypass.md, each with its sourced statement (resources/triage/bypass_genes.tsv).
They are listed beside the P-gp note; they never silence it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .bundle import read_tsv
from .copynumber import gain_words, sample_level
from .filters import passed
from .genotype import carries
from .sourced_text import copy_number_keys, statement_sources, statement_text


@dataclass(frozen=True)
class OffTarget:
    """An off-target resistance candidate found in a sample (bypass gene alteration) and its source."""

    gene: str
    kind: str  # copy_number_gain | copy_number_gain_unconfirmed (low-level/unquantified) | copy_number_loss | ...
    description: str  # 'chr7:116622196 <DUP> CN=8'
    statement: str
    sources: tuple[str, ...]
    verified: bool
    # a gain the caller did not call amplification: 'copy-number gain (CN=9) from NGS: confirm amplification by
    # FISH; no copy-number cut-off ... (SCHMITT21)', said again where the P-gp note points to the candidate
    caveat: str = ""

    @property
    def candidate(self) -> bool:
        """Whether it makes the mechanism an off-target candidate: a verified bypass-gene alteration, not ABCB1
        (an expression/IHC finding) and not a low-level or unquantified gain (not established as amplification)."""
        return self.verified and self.gene != "ABCB1" and self.kind != "copy_number_gain_unconfirmed"


UNCONFIRMED = ("low_level", "unquantified")  # gains not established as amplification (copynumber.py)


@lru_cache(maxsize=None)
def _bypass_statements() -> dict[tuple[str, str], dict[str, str]]:
    return {(row["gene"], row["kind"]): row for row in read_tsv("triage", "bypass_genes.tsv")}


def _unconfirmed(kb_statement: str, cn, what: str, gene: str) -> str:
    """What a low-level or unquantified gain is, before the sourced statement about the gene's amplification."""
    cutoff = statement_text(*copy_number_keys(gene))
    return (
        f"{gain_words(cn, what)}: not established as {gene} amplification ({cutoff}); "
        f"confirm by FISH; not an off-target candidate on its own. What the sources say: {kb_statement}"
    )


def _ngs_gain(kb_statement: str, cn, what: str, gene: str) -> str:
    """What a gain above the low-level range that the caller did not call amplification is (a CN from NGS, for
    which no cut-off is defined; the FISH criteria only for a gene the sources give them for, MET), before the
    sourced statement about the gene's amplification (finding 14)."""
    return (
        f"{gain_words(cn, what)} from NGS: confirm {gene} amplification by FISH "
        f"({statement_text(*copy_number_keys(gene))}). What the sources say: {kb_statement}"
    )


def fish_caveat(cn, what: str) -> str:
    """'copy-number gain (CN=9) from NGS: confirm amplification by FISH; no copy-number cut-off for
    amplification is defined for NGS (SCHMITT21)': the sourced `copy_number_no_cutoff`, said of any gene."""
    return f"{gain_words(cn, what)} from NGS: confirm amplification by FISH; " + statement_text("copy_number_no_cutoff")


def off_target_candidates(survey, sample: str) -> list[OffTarget]:
    """Bypass-gene records (main input and --sv files) the sample carries, each with its source."""
    statements = _bypass_statements()
    found, seen = [], set()
    for rec in survey.bypass_records:
        caveat = ""
        fmt = rec.samples.get(sample) if rec.samples else None
        if rec.samples and fmt is None:
            continue
        if not passed(rec.filter):
            continue
        if rec.is_copy_number:
            direction, cn = sample_level(rec, sample)  # None: the sample does not carry it (GT 0/0, CN=2)
            if direction is None:
                continue
            gain = direction != "loss"
            kind = "copy_number_loss" if not gain else "copy_number_gain"
            if direction in UNCONFIRMED:
                kind = "copy_number_gain_unconfirmed"
            row = statements.get((rec.gene, "copy_number")) if gain else None
            row = row or statements.get((rec.gene, "any"))
            what = f"{rec.alts[0] if rec.alts else ''} {('CN=' + str(cn)) if cn is not None else ''}".strip()
            # every gain but the caller's own amplification call: no NGS cut-off (SCHMITT21), FISH decides; the
            # sources of what is said of this gene's copy number only (MET's FISH criteria on a MET gain alone)
            if row is not None and gain and direction != "amplification_call" and rec.gene != "ABCB1":
                cutoff = statement_sources(*copy_number_keys(rec.gene))
                sources = ";".join(dict.fromkeys([*cutoff, *(k for k in row["sources"].split(";") if k)]))
                words = _unconfirmed if kind == "copy_number_gain_unconfirmed" else _ngs_gain
                caveat = fish_caveat(cn, direction) if kind == "copy_number_gain" else ""
                row = dict(row, statement=words(row["statement"], cn, direction, rec.gene), sources=sources)
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
                caveat,
            )
        )
    return found
