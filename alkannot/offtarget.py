"""Off-target candidates a VCF can show for one sample: copy-number and other records in the bypass
genes of shared/kb/bypass.md, each with its sourced statement (resources/triage/bypass_genes.tsv).
They are listed beside the P-gp note; they never silence it (what the note says of them: offtarget_pointer.py).
"""

from __future__ import annotations

from .bypass_fold import UNASSESSED_LISTED, UnannotatedChanges
from .copynumber import GRADED_GENES, LOSS_LEVELS, gain_words, gene_level, loss_words, sample_level
from .existing import COMMON_POPULATION_AF, protein_altering, truncating, unclear
from .filters import passed
from .genotype import carries
from .offtarget_screen import bypass_statements
from .records import record, replace
from .sourced_text import (
    cited,
    copy_number_keys,
    identified_once,
    inline_statement,
    no_cutoff_key,
    statement_sources,
)


@record(frozen=True)
class OffTarget:
    """An off-target resistance candidate found in a sample (bypass gene alteration) and its source."""

    gene: str
    # copy_number_gain (the caller's amplification call; a MET CN of 5 or more) | copy_number_gain_unconfirmed (a MET
    # CN of 3-4, a gain without CN, another gene's CN-only gain) | copy_number_loss (deep, CN 0) |
    # copy_number_loss_unconfirmed (one copy lost) | deletion_unconfirmed (an SV caller's <DEL>, no CN) | structural |
    # mutation | mutation_unassessed (a gene counted only when truncating, and the input does not say what it does)
    kind: str
    description: str  # 'chr7:116622196 <DUP> CN=8'
    statement: str
    sources: tuple[str, ...]
    verified: bool
    # a gain the caller did not call amplification: 'copy-number gain (CN=9) from NGS: confirm amplification by
    # FISH; no clinically defined NGS copy-number cut-off for MET amplification ... [SCHMITT21, PMID 34733418]'
    # (none for another gene's gain, listed: `_unconfirmed`), said again where the P-gp note points to the candidate,
    # with its sources (`caveat_sources`: cited wherever a note says the caveat; none for a gene other than MET)
    caveat: str = ""
    # bypass_genes.tsv `role`: bypass (a bypass track) | co_alteration (TP53: listed with what it co-occurred with,
    # small-cell transformation, not a bypass track) | pgp (ABCB1, an IHC question)
    role: str = "bypass"
    caveat_sources: tuple[str, ...] = ()
    records: int = 1  # how many records the entry stands for (a gene's changes of unknown consequence: _grouped)
    # a change of unknown consequence whose annotation leaves it open ('splice_region_variant (VEP)'); '' otherwise
    unclear_terms: str = ""
    # the drug of the latest progression after which the sources read make it no candidate (offtarget_notes.
    # not_counted_after: a MET gain after crizotinib, itself a MET inhibitor); '' otherwise
    not_counted_after: str = ""
    # recorded by an earlier annotate run (##alkannotSample) whose evidence is not in this file: 'candidate'
    # (OffTarget=), 'set_aside' (OffTargetSetAside=: not counted after that run's latest drug) or 'listed'
    # (OffTargetListed=: listed and not counted for another reason, recorded_listed.py); '' for this run's
    recorded: str = ""
    # read from an --sv file's record (BypassRecord.from_sv_file), which the annotated output does not hold
    from_sv_file: bool = False

    @property
    def candidate(self) -> bool:
        """Whether it makes the mechanism an off-target candidate: a verified alteration in a bypass gene (`role`
        bypass: not ABCB1, an expression/IHC finding, nor TP53, a co-alteration: review of stop 28's change), not
        a low-level MET gain, a gain without CN or another gene's CN-only gain (not established as amplification: only
        the caller's amplification call makes a gene other than MET a candidate), and not one the sources read set
        aside after the latest drug (`not_counted_after`)."""
        return self.verified and self.role == "bypass" and self.kind not in NOT_CANDIDATE and not self.not_counted_after


UNCONFIRMED = ("low_level", "unquantified")  # gains not established as amplification (copynumber.py)
# the genes whose gain the sources read say FISH confirms: MET (SCHMITT21, copy_number_no_cutoff_MET: "FISH remaining
# the reference test"; FANG18 and SCHILD15 give its FISH criteria). For another gene (EGFR, KIT, ERBB2, ...) no source
# read says how its amplification is confirmed, so "confirm by FISH" is not said of it (stop 47, met47)
FISH_CONFIRMED = ("MET",)
# a loss (copynumber.LOSS_LEVELS): only a deep deletion (CN 0) is a copy_number_loss; a one-copy loss and an SV
# caller's <DEL> without CN are listed, not established as loss of function (review 7, finding 8)
LOSS_KINDS = {
    "deep_loss": "copy_number_loss",
    "loss": "copy_number_loss_unconfirmed",
    "deletion_unquantified": "deletion_unconfirmed",
}
NOT_CANDIDATE = (  # listed, never an off-target candidate
    "copy_number_gain_unconfirmed",
    "copy_number_loss_unconfirmed",
    "deletion_unconfirmed",
    "mutation_unassessed",
)


# what makes another gene's listed gain a candidate: the caller's amplification call only (FIRM_LEVELS; met47b)
AMPLIFICATION_CALL_MAKES = "a caller's amplification call, <AMP>, would make it one"
# the P-gp note's words for another gene's gain the caller did not call amplification (off_target_pointer)
GAIN_LISTED = (
    "A copy-number gain the caller did not call amplification is listed ({}): not established as amplification (the "
    "sources read give no copy-number cut-off for it); not an off-target candidate"
)


def _unconfirmed(kb, kb_statement: str, cn, what: str, gene: str, own: tuple[str, ...], amp_counts: bool) -> str:
    """What a gain not established as amplification is (a low-level or unquantified MET gain; another gene's gain),
    before the sourced statement about the gene's amplification; 'confirm by FISH' for MET only (FISH_CONFIRMED); for
    another gene whose amplification call is a candidate (`amp_counts`: a verified bypass gene), that it would be; for a
    gene no call of which is a candidate (IGF1R, an unverified gene), not 'on its own' (stop 50), and not at all
    where the sourced statement after it says 'not an off-target candidate' (IGF1R's; rev50b: said twice)."""
    fish = "confirm by FISH; " if gene in FISH_CONFIRMED else ""
    makes = f" ({AMPLIFICATION_CALL_MAKES})" if amp_counts and gene not in GRADED_GENES else ""
    alone = " on its own" if amp_counts or fish else ""
    verdict = "" if not (alone or makes) and "not an off-target candidate" in kb_statement else "; "
    verdict += f"{fish}not an off-target candidate{alone}{makes}" if verdict else ""
    return identified_once(
        f"{gain_words(cn, what)}: not established as {gene} amplification ({_cutoff(kb, gene)}){verdict}. "
        f"What the sources say: {kb_statement}" + cited(kb, own)
    )


def _ngs_gain(kb, kb_statement: str, cn, what: str, gene: str, own: tuple[str, ...], amp_counts: bool) -> str:
    """What a MET gain above the low-level range that the caller did not call amplification is, before the sourced
    statement about MET amplification (finding 14): no NGS cut-off clinically defined (SCHMITT21), the FISH criteria
    (FANG18, SCHILD15): confirm by FISH. Another gene's CN-only gain is listed (`_unconfirmed`; met47b)."""
    said = f"{gain_words(cn, what)} from NGS: confirm {gene} amplification by FISH ({_cutoff(kb, gene)})."
    return identified_once(f"{said} What the sources say: {kb_statement}" + cited(kb, own))


def _cutoff(kb, gene: str) -> str:
    """The copy-number caveat's sentences, each citing its own sources in its own bracket ('... for MET
    amplification ... the reference test [SCHMITT21, PMID 34733418]; by FISH, ... 5 or more [FANG18, PMID 29560123]
    ...'; of another gene, 'the sources read give no copy-number cut-off for EGFR amplification', citing none), so
    the bypass statement after it cites only its own (`_ngs_gain`: the MET sentence [DJ20], not SCHMITT21, FANG18
    and SCHILD15: oncologist reading of stop 28)."""
    return inline_statement(kb, *copy_number_keys(gene), gene=gene)


def fish_caveat_sources(gene: str) -> tuple[str, ...]:
    """The sources of `fish_caveat` for a gain in `gene`: SCHMITT21 for MET; none for another gene."""
    return statement_sources(no_cutoff_key(gene))


def fish_caveat(kb, cn, what: str, gene: str) -> str:
    """'copy-number gain (CN=9) from NGS: confirm amplification by FISH; no clinically defined NGS copy-number
    cut-off for MET amplification existed as of 2021, FISH remaining the reference test [SCHMITT21, PMID 34733418]'
    for a MET gain; '...: not established as amplification; the sources read give no copy-number cut-off for EGFR
    amplification' for another gene's recorded as a candidate by an older alkannot (FISH_CONFIRMED, stop 47), cited as
    `statement` cites it; its sources are `fish_caveat_sources(gene)` (review of stop 28's change)."""
    said = inline_statement(kb, no_cutoff_key(gene), gene=gene)
    advice = "confirm amplification by FISH" if gene in FISH_CONFIRMED else "not established as amplification"
    return f"{gain_words(cn, what)} from NGS: {advice}; {said}"


def _loss_of_function(statements, rec, what: str, alleles: list[int]) -> tuple[str, dict[str, str] | None, str]:
    """(kind, bypass_genes.tsv row, description) of an SNV/indel in a gene counted only when truncating (NF2,
    `bypass.md` section 8), read from the ALT `alleles` the sample carries only: a truncating change by the input's
    own annotation (MANE/canonical or protein-coding transcripts, existing.gene_consequences) is the gene's
    `truncating` row; an annotated change that does not truncate (a missense, ...) is nothing; an unannotated one is
    listed as `mutation_unassessed`, never a candidate: alkannot has no model of the gene to tell."""
    said = [c for a in alleles if a <= len(rec.consequences) for c in rec.consequences[a - 1]]
    terms = truncating(tuple(dict.fromkeys(said)))
    if terms:
        return "mutation", statements[(rec.gene, "truncating")], f"{what} ({', '.join(terms)})"
    if said:
        return "mutation", None, what
    return "mutation_unassessed", statements.get((rec.gene, "mutation_unassessed")), what


def _carried_consequences(rec, alleles: list[int]) -> tuple[str, ...]:
    """What the input's own annotation says the ALT `alleles` the sample carries do to the record's gene."""
    return tuple(dict.fromkeys(c for a in alleles if a <= len(rec.consequences) for c in rec.consequences[a - 1]))


def _named_protein(rec, alleles: list[int]) -> str:
    """' (p.G12C, VEP)': the protein change the input's annotation gives the carried alleles (second review of stop
    29's change: 'KRAS mutation at chr12:25245351 C>A' did not say G12C); '' where it gives none."""
    said = [rec.protein_changes[a - 1] for a in alleles if a <= len(rec.protein_changes) and rec.protein_changes[a - 1]]
    return f" ({'; '.join(dict.fromkeys(said))})" if said else ""


def _protein_change(rec, alleles: list[int], row: dict[str, str]) -> tuple[str, dict[str, str] | None]:
    """(kind, bypass_genes.tsv row) of an SNV/indel in a gene that counts by any change to its protein (every gene
    but NF2; TP53 and ABCB1 alike): the gene's row where the input's own annotation (existing.gene_consequences)
    says the carried allele alters the protein, unless a common polymorphism; no row, so not listed, where it says
    it does not (a synonymous, intronic or UTR change: a genome or exome VCF holds dozens in one gene's span, none of
    them a bypass track); `mutation_unassessed`, never a candidate, where the input does not say, or says only what
    leaves it open (a splice region): alkannot has no model of these genes to tell an intronic SNP from KRAS G12C."""
    said = _carried_consequences(rec, alleles)
    if protein_altering(said):
        # a common polymorphism is not an off-target change (existing.COMMON_POPULATION_AF)
        common = any(
            (rec.population_afs[a - 1] or 0.0) >= COMMON_POPULATION_AF for a in alleles if a <= len(rec.population_afs)
        )
        return "mutation", None if common else row
    if row.get("role") == "pgp":  # ABCB1: what a change does to the protein does not bear on P-gp status (IHC)
        return ("mutation_unassessed", row) if not said or unclear(said) else ("mutation", None)
    if unclear(said):
        terms = ", ".join(unclear(said))
        statement = _not_assessed(rec.gene, False, terms) + row["statement"]
        return "mutation_unassessed", dict(row, statement=statement, unclear_terms=terms)
    if said:
        return "mutation", None
    return "mutation_unassessed", dict(row, statement=_not_assessed(rec.gene, several=False) + row["statement"])


def _not_assessed(gene: str, several: bool, unclear_terms: str = "") -> str:
    """What an unannotated change in a bypass gene is (`several`: what a gene's grouped changes are), before what
    the sources say of the gene; `unclear_terms`: what the input's annotation says instead, where it leaves open
    whether the protein changes ('splice_region_variant (VEP)')."""
    if several:
        what, verdict, it = "these changes do", "they are not assessed and not off-target candidates", "them"
    else:
        what, verdict, it = "this change does", "it is not assessed and not an off-target candidate", "it"
    if unclear_terms:
        alters = "these changes alter" if several else "this change alters"
        return (
            f"the input's annotation ({unclear_terms}) does not say whether {alters} the {gene} protein, and alkannot "
            f"has no {gene} transcript model, so {verdict}. What the sources say: "
        )
    return (
        f"the input does not annotate what {what} to the {gene} protein and alkannot has no {gene} transcript model, "
        f"so {verdict} (annotate the VCF with VEP, SnpEff or bcftools csq to assess {it}). What the sources say of "
        f"{gene}: "
    )


def _grouped(found: list[OffTarget]) -> list[OffTarget]:
    """`found` with each gene's changes of unknown consequence as one entry where there are more than
    UNASSESSED_LISTED of them ("336 separate records between chr7:55019017 and chr7:55211628"), where the
    first of them was."""
    per_gene: dict[tuple[str, str], list[OffTarget]] = {}  # by gene and statement: what is said of each is one
    for o in found:
        if o.kind == "mutation_unassessed":
            per_gene.setdefault((o.gene, o.statement), []).append(o)
    kept: list[OffTarget] = []
    for o in found:
        same = per_gene.get((o.gene, o.statement), []) if o.kind == "mutation_unassessed" else []
        if len(same) <= UNASSESSED_LISTED:
            kept.append(o)
        elif o is same[0]:
            chrom, positions = same[0].description.split(":")[0], [_position(x.description) for x in same]
            description = f"{len(same)} separate records between {chrom}:{min(positions)} and {chrom}:{max(positions)}"
            one, several = (_not_assessed(o.gene, n, o.unclear_terms) for n in (False, True))
            statement = o.statement.replace(one, several, 1)
            from_sv = all(x.from_sv_file for x in same)  # recorded only where none is in the output
            kept.append(
                replace(o, description=description, statement=statement, records=len(same), from_sv_file=from_sv)
            )
    return kept


def _position(description: str) -> int:
    """12345 of 'chr7:12345 C>T'."""
    return int(description.split(" ")[0].rsplit(":", 1)[1])


def _no_loss_row(gene: str, cn, what: str) -> str:
    """A loss in a gene whose bypass role in the sources is its activation or mutation (no copy_number_loss row)."""
    return (
        f"{loss_words(cn, what)} in {gene}: the sources read concern {gene} mutation or activation, not its "
        "deletion, so a deletion is not an off-target candidate"
    )


def _not_loss_of_function(kb_statement: str, cn, what: str, gene: str) -> str:
    """What a one-copy loss or an SV caller's deletion without CN is, before the sourced statement about the gene:
    not established as loss of function (review 7, finding 8), as a low-level gain is not amplification."""
    why = (
        "one copy is left"
        if what == "loss"
        else f"an SV caller's deletion of unknown depth; alkannot has no exon model of {gene} to tell whether it "
        "removes coding sequence"
    )
    return (
        f"{loss_words(cn, what)} in {gene}: {why}, so it is not established as loss of {gene} function (only a deep "
        f"deletion, CN 0, counts); not an off-target candidate on its own. What the sources say: {kb_statement}"
    )


def _copy_number(kb, statements, rec, sample: str | None) -> tuple[str, dict[str, str] | None, str, str] | None:
    """(kind, row, description, caveat) of a copy-number record in `sample`; None where the sample does not carry
    it (GT 0/0, CN=2)."""
    direction, cn = sample_level(rec, sample)
    if direction is None:
        return None
    direction = gene_level(direction, rec.gene)  # MET's FISH grading for MET only (copynumber.GRADED_GENES)
    gain = direction not in LOSS_LEVELS
    kind = "copy_number_gain" if gain else LOSS_KINDS[direction]
    # not established as amplification: a low-level or unquantified gain, and another gene's CN-only gain at any CN (no
    # cut-off in the sources read; met47b); not ABCB1's, never a candidate (an IHC question), said as the record it is
    if direction in UNCONFIRMED or (direction == "gain" and rec.gene not in (*GRADED_GENES, "ABCB1")):
        kind = "copy_number_gain_unconfirmed"
    what = f"{rec.alts[0] if rec.alts else ''} {('CN=' + str(cn)) if cn is not None else ''}".strip()
    row = statements.get((rec.gene, "copy_number" if gain else "copy_number_loss"))
    rows_of_gene = [r for (gene, _), r in statements.items() if gene == rec.gene]
    if row is None and not gain and rec.gene != "ABCB1" and rows_of_gene:
        # the sources name this gene's activation or mutation, not its loss: a deletion of EGFR or KRAS is listed,
        # never an off-target candidate, however deep
        listed = "copy_number_loss_unconfirmed" if kind == "copy_number_loss" else kind
        row = statements.get((rec.gene, "any")) or rows_of_gene[0]
        return listed, dict(row, statement=_no_loss_row(rec.gene, cn, direction)), what, ""
    row = row or statements.get((rec.gene, "any"))
    caveat = ""
    # every gain but the caller's own amplification call: no cut-off in the sources read (for MET, no NGS one
    # clinically defined: SCHMITT21, FISH decides); the sources of what is said of this gene's copy number only
    # (SCHMITT21 and MET's FISH criteria on a MET gain alone)
    if row is not None and gain and direction != "amplification_call" and rec.gene != "ABCB1":
        cutoff = statement_sources(*copy_number_keys(rec.gene))
        own = tuple(k for k in row["sources"].split(";") if k)
        sources = ";".join(dict.fromkeys([*cutoff, *own]))
        words = _unconfirmed if kind == "copy_number_gain_unconfirmed" else _ngs_gain
        caveat = fish_caveat(kb, cn, direction, rec.gene) if kind == "copy_number_gain" else ""
        amp_counts = row["verified"] == "yes" and (row.get("role") or "bypass") == "bypass"
        said = words(kb, row["statement"], cn, direction, rec.gene, own, amp_counts)
        row = dict(row, statement=said, sources=sources)
    elif row is not None and kind in NOT_CANDIDATE and rec.gene != "ABCB1":
        row = dict(row, statement=_not_loss_of_function(row["statement"], cn, direction, rec.gene))
    return kind, row, what, caveat


def off_target_candidates(kb, survey, sample: str) -> list[OffTarget]:
    """Bypass-gene records (main input and --sv files) the sample carries, each with its source; a co-alteration
    (TP53) is listed, its statement saying so, never a candidate (`OffTarget.role`)."""
    statements = bypass_statements()
    found, seen = [], set()
    for rec in survey.bypass_records:
        if isinstance(rec, UnannotatedChanges):  # a gene's unannotated SNVs/indels, folded (bypass_fold.py)
            found += _unannotated(statements, rec, sample)
            continue
        finding = record_finding(kb, rec, sample, statements)
        if finding is None or (rec.gene, rec.chrom, rec.pos, finding.kind) in seen:
            continue
        seen.add((rec.gene, rec.chrom, rec.pos, finding.kind))
        found.append(finding)
    return _grouped(found)


def record_finding(kb, rec, sample: str | None, statements=None) -> OffTarget | None:
    """The off-target finding one bypass-gene record (bypass.BypassRecord) makes for `sample` (None: a sites-only
    record's own); None where the sample does not carry it, it failed the caller's filters, or bypass_genes.tsv
    says nothing of it (a synonymous change). Also what recorded_listed.py reads a recorded finding with."""
    statements = statements if statements is not None else bypass_statements()
    caveat = ""
    fmt = rec.samples.get(sample) if rec.samples else None
    if (rec.samples and fmt is None) or not passed(rec.filter):
        return None
    if rec.is_copy_number:
        sorted_ = _copy_number(kb, statements, rec, sample)
        if sorted_ is None:
            return None
        kind, row, what, caveat = sorted_
    else:
        # the ALT alleles the sample carries (all of a sites-only record's): a multi-allelic record is read for
        # those only (review 7, finding 9)
        alleles = [i for i in range(1, len(rec.alts) + 1) if fmt is None or carries(fmt, i)]
        if not alleles:
            return None
        what = f"{rec.ref}>{','.join(rec.alts[i - 1] for i in alleles)}"
        kind, row, what = _small_change(statements, rec, alleles, what, rec.symbolic)
    if row is None:
        return None
    found = finding_of_row(rec.gene, kind, f"{rec.chrom}:{rec.pos} {what}", row, caveat)
    return replace(found, from_sv_file=rec.from_sv_file) if rec.from_sv_file else found


def _small_change(statements, rec, alleles: list[int], what: str, structural: bool):
    """(kind, bypass_genes.tsv row or None, description) of a non-copy-number record the sample carries."""
    kind = "structural" if structural else "mutation"
    row = statements.get((rec.gene, kind)) or statements.get((rec.gene, "any"))
    if kind == "mutation" and (rec.gene, "truncating") in statements:
        return _loss_of_function(statements, rec, what, alleles)
    if kind == "mutation" and row is not None:
        kind, row = _protein_change(rec, alleles, row)
        what += _named_protein(rec, alleles) if kind == "mutation" else ""
    return kind, row, what


def finding_of_row(gene: str, kind: str, description: str, row: dict[str, str], caveat: str = "") -> OffTarget:
    """The finding a bypass_genes.tsv `row` makes of a record: its statement (a co-alteration's named so), sources,
    whether sourced, and role."""
    role = row.get("role") or "bypass"
    return OffTarget(
        gene,
        kind,
        description,
        CO_ALTERATION + row["statement"] if role == "co_alteration" else row["statement"],
        tuple(s for s in row["sources"].split(";") if s),
        row["verified"] == "yes",
        caveat,
        role,
        fish_caveat_sources(gene) if caveat else (),
        unclear_terms=row.get("unclear_terms", ""),
    )


def _unannotated(statements, folded: UnannotatedChanges, sample: str) -> list[OffTarget]:
    """The off-target entries of a gene's unannotated SNVs/indels that `sample` carries (all of them in a sites-only
    input): each named, up to UNASSESSED_LISTED, else one entry for all, as `_grouped` writes it. What is said of
    them is said of the gene's first one (`representative`): with no annotation, it is the same for each."""
    carried = folded.carried.get(sample) or folded.carried.get(None)
    if carried is None:
        return []
    rec = folded.representative
    kind, row, _ = _small_change(statements, rec, [1], "", False)
    if row is None:
        return []
    named = [finding_of_row(rec.gene, kind, f"{rec.chrom}:{pos} {what}", row) for pos, what in carried.named]
    if carried.count <= UNASSESSED_LISTED:
        return named
    description = f"{carried.count} separate records between {rec.chrom}:{carried.first} and {rec.chrom}:{carried.last}"
    one, several = (_not_assessed(rec.gene, n, named[0].unclear_terms) for n in (False, True))
    statement = named[0].statement.replace(one, several, 1)
    return [replace(named[0], description=description, statement=statement, records=carried.count)]


# how the off-target findings name a co-alteration's record (TP53), before its sourced statement (ZHU17)
CO_ALTERATION = "co-alteration, not a bypass gene and not an off-target candidate: "
