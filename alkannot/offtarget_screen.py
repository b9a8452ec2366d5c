"""What the P-gp note says of the genes alkannot checks for off-target changes (bypass_genes.tsv) where it lists no
candidate: what the inputs' records in them showed, gene by gene, and which genes no record of the sample reached,
which are not assessed (bypass_coverage.py: a VCF does not show what was sequenced).

Until the clinical review of stop 40's example report the sentence was one for every input: "No protein-altering,
copy-number or structural change was found among the input's records in the genes alkannot checks (...); an input
that does not cover these genes (a small panel) cannot show one", also beside an input whose records were all in
ALK; a tumour board read it as a negative bypass screen.
"""

from __future__ import annotations

import re

from .bundle import read_tsv
from .bypass_coverage import COPY_NUMBER, COVERAGE_KINDS, SMALL_VARIANT, STRUCTURAL, GeneCoverage
from .recorded_lookup import recorded_value
from .sourced_text import inline_statement
from .table_cache import table

# bypass_genes.tsv kinds of a gene whose loss of function is the mechanism (NF2): only these records count
LOSS_KIND_WORDS = {"truncating": "truncating change", "copy_number_loss": "deep deletion"}
COMMON_POLYMORPHISM = "common_polymorphism"  # statements.tsv: why a change at existing.COMMON_POPULATION_AF is left out
# the roles of bypass_genes.tsv the note names, each with its heading (ABCB1, role pgp, is an IHC question)
SCREENED_ROLES = (("bypass", "bypass genes"), ("co_alteration", "co-alteration, not a bypass gene"))
KIND_WORDS = {SMALL_VARIANT: "small variants", COPY_NUMBER: "copy number", STRUCTURAL: "structural variants"}
# an off-target finding's kind -> the kind of record it was read from (a finding's gene is reached by its record)
FINDING_KINDS = {
    "structural": STRUCTURAL,
    "deletion_unconfirmed": STRUCTURAL,
    "mutation": SMALL_VARIANT,
    "mutation_unassessed": SMALL_VARIANT,
}
# a record that failed the caller's filters is not read (bypass_coverage.py): a gene with only such records is not
# assessed, though the input holds a record in it
NO_RECORD = "the input holds no record of this sample, or none that passed the caller's filters"
NOT_SEQUENCED = (
    "a VCF does not show whether a gene without a record was sequenced (a panel, or a VCF restricted to ALK, cannot "
    "show a change there)"
)


def bypass_statements() -> dict[tuple[str, str], dict[str, str]]:
    """bypass_genes.tsv by (gene, kind), made once (table_cache)."""
    return table(("bypass statements",), bypass_statements_made)


def bypass_statements_made() -> dict[tuple[str, str], dict[str, str]]:
    return {(row["gene"], row["kind"]): row for row in read_tsv("triage", "bypass_genes.tsv")}


def genes_of(role: str) -> tuple[str, ...]:
    """The genes of one bypass_genes.tsv `role`, in the table's order."""
    return tuple(dict.fromkeys(g for (g, _), row in bypass_statements().items() if row.get("role", "bypass") == role))


def counted_only(gene: str) -> str:
    """'truncating change or deep deletion' for a gene only whose loss of function counts (NF2), else ''."""
    kinds = [k for g, k in bypass_statements() if g == gene]
    only = [LOSS_KIND_WORDS[k] for k in kinds if k in LOSS_KIND_WORDS]
    return " or ".join(only) if only and "any" not in kinds else ""


def checked_genes(role: str = "bypass") -> str:
    """'MET, EGFR, ..., NF2 (truncating change or deep deletion only), ...': the genes of one `role` in bypass_genes.tsv
    alkannot looks at (`bypass`: the bypass tracks; `co_alteration`: TP53, listed with what it co-occurred with, not
    a bypass track; ABCB1 aside, an IHC question), read from the table, so the sentence cannot go stale."""
    return ", ".join(f"{g} ({counted_only(g)} only)" if counted_only(g) else g for g in genes_of(role))


def screened_genes(covered: tuple[GeneCoverage, ...], *more: tuple[GeneCoverage, ...]) -> tuple[GeneCoverage, ...]:
    """The checked genes (SCREENED_ROLES) of `covered` and `more` (a sample's own records, then those an annotate run
    recorded: recorded_history.recorded_screen), each once, its kinds and copy numbers joined, in the table's order."""
    joined: dict[str, GeneCoverage] = {}
    for c in (c for group in (covered, *more) for c in group):
        seen = joined.get(c.gene)
        kinds = set(c.kinds) | set(seen.kinds if seen else ())
        levels = tuple(dict.fromkeys((*(seen.copy_numbers if seen else ()), *c.copy_numbers)))
        joined[c.gene] = GeneCoverage(c.gene, tuple(k for k in COVERAGE_KINDS if k in kinds), levels)
    return tuple(joined[g] for role, _ in SCREENED_ROLES for g in genes_of(role) if g in joined)


def sample_screen(survey, sample: str, context) -> tuple[GeneCoverage, ...]:
    """The checked genes the records of `sample` reach: the survey's (every input's, bypass_coverage.py), those an
    annotate run recorded (`context.recorded_screen`, ##alkannotSample OffTargetCovered) and the genes of the findings
    it recorded (`context.recorded_off_target`: an output older than OffTargetCovered), kept where no --sv file of
    this run covers the sample (verdicts.py), as screened_genes joins them."""
    recorded = recorded_value(context.recorded_off_target, sample)
    own = survey.bypass_coverage.of(sample)
    return with_findings(screened_genes(own, recorded_value(context.recorded_screen, sample)), recorded)


def with_findings(screened: tuple[GeneCoverage, ...], found) -> tuple[GeneCoverage, ...]:
    """`screened` with the gene of every off-target finding listed (OffTarget), as the record it was read from (its
    copy number read from its description, 'chr7:116522196 <DUP> CN=12'): a gene a finding was listed in was reached,
    also where only an annotate run's header recorded the finding."""
    listed = []
    for o in found:
        kind = FINDING_KINDS.get(o.kind, COPY_NUMBER)
        cn = re.search(r"\bCN=([0-9]+(?:\.[0-9]+)?)\b", o.description) if kind == COPY_NUMBER else None
        level = () if cn is None else (float(cn.group(1)) if "." in cn.group(1) else int(cn.group(1)),)
        listed.append(GeneCoverage(o.gene, (kind,), level))
    return screened_genes(screened, tuple(listed))


def checked_coverage(screened: tuple[GeneCoverage, ...]) -> tuple[tuple[str, str, GeneCoverage], ...]:
    """(role, gene, what the sample's records in it were) of every gene alkannot checks (SCREENED_ROLES), in the
    table's order; a gene no record reached has no kind (not assessed): the JSON's off_target_genes."""
    covered = {c.gene: c for c in screened}
    return tuple((role, g, covered.get(g) or GeneCoverage(g, ())) for role, _ in SCREENED_ROLES for g in genes_of(role))


def _levels(c: GeneCoverage) -> str:
    """'CN 2', 'CN 2, 3', or 'CN not given'."""
    shown = [f"{cn:g}" if isinstance(cn, float) else str(cn) for cn in c.copy_numbers]
    return f"CN {', '.join(shown)}" if shown else "CN not given"


def reached(c: GeneCoverage) -> str:
    """'MET (copy number only: CN 2)', 'EGFR (small variants only)', 'MET (small variants; copy number: CN 2, 3)',
    'NF2 (small variants only; only a truncating change or a deep deletion counts)': what the records in a gene were."""
    kinds = [KIND_WORDS[k] + ("" if len(c.kinds) > 1 else " only") for k in c.kinds]
    parts = [f"{words}: {_levels(c)}" if k == COPY_NUMBER else words for k, words in zip(c.kinds, kinds)]
    only = counted_only(c.gene)
    parts += [f"only a {only.replace(' or ', ' or a ')} counts"] if only else []
    return f"{c.gene} ({'; '.join(parts)})"


def _by_role(named: dict[str, list[str]]) -> str:
    """'bypass genes: MET, EGFR; co-alteration, not a bypass gene: TP53', leaving out a role with no gene."""
    return "; ".join(f"{heading}: {', '.join(named[role])}" for role, heading in SCREENED_ROLES if named.get(role))


def no_bypass_found(kb, screened: tuple[GeneCoverage, ...], other: str = "", besides: str = "") -> str:
    """The sentences of the P-gp note where the sample has no (other) off-target candidate: what the inputs' records
    in the genes alkannot checks (`screened`: those the sample's records reach, screened_genes) showed, each gene with
    the kind of record it had, and the polymorphism cut-off with its sources where small variants were read; then the
    genes no record of the sample reached, not assessed. With none reached, only that: a VCF restricted to ALK is no
    negative bypass screen. The bypass genes, and apart from them TP53, a co-alteration (small-cell transformation,
    bypass.md section 10), not a bypass track (review of the example report, 2026-12)."""
    return screen_said(kb, screened, other, besides)[0]


def screen_said(
    kb, screened: tuple[GeneCoverage, ...], other: str = "", besides: str = ""
) -> tuple[str, tuple[str, ...]]:
    """(`no_bypass_found`'s text, what it says: COMMON_POLYMORPHISM where it says that statement), for the note's
    sources (pgp.pgp_assessment), known where the sentence is made, not found in the note."""
    covered = {c.gene: c for c in screened}
    missing = {role: [g for g in genes_of(role) if g not in covered] for role, _ in SCREENED_ROLES}
    if not covered:
        return (
            f" Bypass and co-alteration genes not assessed: {NO_RECORD}, in the genes alkannot checks "
            f"({_by_role(missing)}); {NOT_SEQUENCED}."
        ), ()
    found = {role: [reached(covered[g]) for g in genes_of(role) if g in covered] for role, _ in SCREENED_ROLES}
    small = any(SMALL_VARIANT in c.kinds for c in screened)
    polymorphism = f"; {inline_statement(kb, COMMON_POLYMORPHISM)}" if small else ""
    text = (
        f" No {other}protein-altering, copy-number or structural change was found{besides} in the genes alkannot "
        f"checks that the input's records of this sample reach ({_by_role(found)}){polymorphism}."
    )
    if any(missing.values()):
        text += (
            f" Not assessed: the other genes alkannot checks ({_by_role(missing)}), in which {NO_RECORD}; "
            f"{NOT_SEQUENCED}."
        )
    return text, (COMMON_POLYMORPHISM,) if small else ()


__all__ = [
    "COMMON_POLYMORPHISM",
    "screen_said",
    "LOSS_KIND_WORDS",
    "bypass_statements",
    "checked_coverage",
    "checked_genes",
    "counted_only",
    "genes_of",
    "no_bypass_found",
    "reached",
    "sample_screen",
    "screened_genes",
    "with_findings",
]
