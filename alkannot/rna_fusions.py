"""RNA fusion-table rows (Arriba, STAR-Fusion: svio.read_fusion_table) -> ALK fusion calls: which partner and
junction a row shows, whether the caller or the exon tables read its transcript in frame, and which DNA call (the
same partner and junction) it is evidence of."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .fusions import (
    ALK,
    KINASE_RANK,
    SAME_EVENT_BP,
    UNKNOWN,
    Evidence,
    FusionCall,
    FusionResult,
    GenePosition,
    alk_span,
    eml4_variant,
    gene_position,
    genes_at,
    out_of_frame_join,
)
from .genome import GeneSpan, chrom_number, gene_spans
from .records import field, record, replace


@record(frozen=True)
class FusionEvidence:
    """A fusion reported by an RNA fusion caller table (Arriba, STAR-Fusion)."""

    source: str
    tool: str
    line: int
    gene5: str
    gene3: str
    chrom5: str
    pos5: int
    chrom3: str
    pos3: int
    support: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    sample: str | None = None  # None: the table's sample is the tumour
    # the caller's own reading of the fusion transcript: 'in-frame', 'out-of-frame', 'stop-codon' (Arriba's
    # reading_frame; STAR-Fusion's PROT_FUSION_TYPE with --examine_coding_effect), '' where it gives none
    reading_frame: str = ""


# the callers' words for a fusion transcript that makes no ALK protein (Arriba's reading_frame)
_NOT_IN_FRAME = ("out-of-frame", "stop-codon")


def rna_frame_check(build: str, ev: FusionEvidence, partner_span: GeneSpan | None, alk_pos: GenePosition):
    """(out of frame: the row makes no call `positive` on its own, note) for an RNA junction that keeps ALK's kinase.
    The caller's own reading of the transcript comes first (Arriba's reading_frame 'out-of-frame' or 'stop-codon').
    Without one, a junction on both exon boundaries (the partner exon's last base, ALK exon 20's first) is a direct
    exon join, which RNA shows as it is: out of frame by the exon tables, even at a published variant's exons (v4,
    v7, v8, whose published forms carry junction insertions or deletions, which put an RNA breakpoint off the exon
    boundary; eml4_alk_variants.md, frame rule). A breakpoint off an exon boundary (in an intron, inside an exon)
    keeps sequence the exon tables do not hold: its frame is not judged."""
    if ev.reading_frame in _NOT_IN_FRAME:
        return True, f"the caller reads the fusion transcript as {ev.reading_frame}: confirm ALK expression by IHC"
    if ev.reading_frame == "in-frame" or partner_span is None:
        return False, ""
    partner_pos = gene_position(build, partner_span, ev.pos5)
    if not (
        _on_exon_boundary(partner_pos, partner_pos.last_5p_exon) and _on_exon_boundary(alk_pos, alk_pos.first_3p_exon)
    ):
        return False, ""
    where = out_of_frame_join(build, partner_span.gene, partner_pos, alk_pos)
    if not where:
        return False, ""
    return True, f"{where}, and this RNA junction is a direct exon join: confirm ALK expression by IHC"


def _on_exon_boundary(position: GenePosition, exon: int | None) -> bool:
    """The junction's base is the exon's own last (5' partner) or first (3' ALK) base (gene_position labels it by
    that exon), not a base of an intron or one inside the exon."""
    return exon is not None and position.exact_5p and position.label == f"exon{exon}"


@record(frozen=True)
class _TableHit:
    """An ALK fusion reading of one fusion-table row."""

    partner: str
    breakpoint: str
    kinase: str  # 'retained' | 'reciprocal'
    alk_exon: int | None  # ALK's first exon 3' of the break
    alk_pos: tuple[str, int]
    partner_pos: tuple[str, int]
    # the EML4-ALK variant whose junction this is, a reciprocal one's too (ALK exon 19 :: EML4 exon 14 is v1's):
    # what says whether the row is evidence of a DNA call at the same ALK intron
    junction_variant: str = "."
    frame_note: str = ""
    demoted: bool = False  # out of frame: `possible` (rna_frame_check)

    @property
    def variant(self) -> str:
        """The call's EML4-ALK variant: the junction's, where the row keeps ALK's kinase; '.' for a reciprocal."""
        return self.junction_variant if self.kinase == "retained" else "."


def merge_evidence(result: FusionResult, table_evidence: Iterable[FusionEvidence]) -> FusionResult:
    """Merge fusion-table evidence into the DNA calls: the same partner and junction become one call (an EML4 row
    of another variant's junction, a reciprocal one's too, stays a call of its own). The status is decided once
    every row is in, whatever their order: a row that keeps ALK's kinase in frame (or a DNA call that was
    `positive`) makes the call `positive`; rows that are all out of frame (rna_frame_check) make it `possible`,
    their evidence saying why."""
    build = result.build
    calls = list(result.calls)
    in_frame = {i for i, call in enumerate(calls) if call.status == "positive"}  # what DNA already shows
    out_of_frame: set[int] = set()
    for ev in table_evidence:
        hit = _interpret_table(build, ev)
        if hit is None:
            continue
        sample = ev.sample or ""
        note = f"{ev.tool}; {hit.frame_note}" if hit.frame_note else ev.tool
        evidence = Evidence(ev.source, "RNA", (f"line {ev.line}",), hit.kinase, note, {sample: dict(ev.support)})
        index = next((i for i, c in enumerate(calls) if _same_event(build, c, hit) and _whose(c, sample)), None)
        if index is None:
            index = len(calls)
            calls.append(
                FusionCall(
                    f"{hit.partner}::ALK",
                    hit.partner,
                    hit.variant,
                    hit.breakpoint,
                    hit.kinase,
                    "possible",
                    hit.alk_pos,
                    hit.partner_pos,
                    {sample: {ev.source: dict(ev.support)}},
                    (evidence,),
                )
            )
        else:
            call = calls[index]
            support = {s: dict(v) for s, v in call.support.items()}
            support.setdefault(sample, {})[ev.source] = dict(ev.support)
            calls[index] = replace(
                call,
                support=support,
                evidence=call.evidence + (evidence,),
                kinase=hit.kinase if KINASE_RANK[hit.kinase] > KINASE_RANK[call.kinase] else call.kinase,
                variant=call.variant if call.variant != "." else hit.variant,
            )
        if hit.kinase == "retained":
            (out_of_frame if hit.demoted else in_frame).add(index)
    for i, call in enumerate(calls):
        if i in in_frame and call.kinase == "retained":
            calls[i] = replace(call, status="positive")
        elif i in out_of_frame:
            calls[i] = replace(call, status="possible")
    return FusionResult(result.per_record, tuple(calls), build)


def _whose(call: FusionCall, sample: str) -> bool:
    """Whether a row of `sample`'s table may show `call`: a call of this sample, or one whose evidence names no
    sample (a sites-only SV file, a table without SAMPLE=), or a row that names none. A row of P5_T's table joined
    P1_T's DNA call of the same variant, which made P5_T's out-of-frame row `positive` and listed P4_T's row under a
    second copy of P1_T's call (pipeline review of stop 43 by h2, finding 2)."""
    return not sample or not call.support or sample in call.support or "" in call.support


def _same_event(build: str, call: FusionCall, hit: _TableHit) -> bool:
    """The row shows this call's junction: the same partner and ALK junction, and for EML4 the same variant."""
    return (
        call.partner == hit.partner
        and _same_alk_junction(build, call, hit.alk_exon, hit.alk_pos)
        and (hit.partner != "EML4" or hit.junction_variant in (".", call.variant) or call.variant == ".")
    )


def _same_alk_junction(build: str, call: FusionCall, alk_exon: int | None, alk_pos: tuple[str, int]) -> bool:
    if call.alk_breakend[0] != alk_pos[0]:
        return False
    call_pos = gene_position(build, alk_span(build), call.alk_breakend[1])
    if alk_exon is not None and call_pos.first_3p_exon is not None:
        return call_pos.first_3p_exon == alk_exon
    return abs(call.alk_breakend[1] - alk_pos[1]) <= SAME_EVENT_BP


def _interpret_table(build: str, ev: FusionEvidence) -> _TableHit | None:
    alk = alk_span(build)
    five_in = ev.gene5.upper() == ALK or (chrom_number(ev.chrom5) == alk.chrom and alk.start <= ev.pos5 <= alk.end)
    three_in = ev.gene3.upper() == ALK or (chrom_number(ev.chrom3) == alk.chrom and alk.start <= ev.pos3 <= alk.end)
    if five_in == three_in:
        return None
    if three_in:
        kinase = "retained"
        alk_pos, partner_gene, partner_chrom, partner_at = ev.pos3, ev.gene5, chrom_number(ev.chrom5), ev.pos5
    else:
        kinase = "reciprocal"
        alk_pos, partner_gene, partner_chrom, partner_at = ev.pos5, ev.gene3, chrom_number(ev.chrom3), ev.pos3
    spans = [g for g in genes_at(build, partner_chrom, partner_at) if g.gene != ALK]
    known = {g.gene for g in gene_spans(build)}
    partner = (
        spans[0].gene
        if spans
        else (
            partner_gene
            if partner_gene in known and partner_gene != ALK
            else partner_gene
            if partner_gene not in ("", ".", "intergenic")
            else UNKNOWN
        )
    )
    if "," in partner or "(" in partner:  # Arriba names intergenic neighbours 'A(123),B(456)'
        partner = UNKNOWN
    alk_position = gene_position(build, alk, alk_pos)
    partner_label, junction_variant = ".", "."
    if spans:
        ppos = gene_position(build, spans[0], partner_at)
        partner_label = ppos.label
        if partner == "EML4":
            junction_variant = eml4_variant(*_forward_sides(ppos, alk_position, kinase))
    demoted, frame_note = False, ""
    if kinase == "retained":
        demoted, frame_note = rna_frame_check(build, ev, spans[0] if spans else None, alk_position)
    return _TableHit(
        partner,
        f"{partner}:{partner_label}|ALK:{alk_position.label}",
        kinase,
        alk_position.first_3p_exon,
        (alk.chrom, alk_pos),
        (partner_chrom, partner_at),
        junction_variant,
        frame_note,
        demoted,
    )


def _forward_sides(ppos: GenePosition, alk_position: GenePosition, kinase: str) -> tuple[GenePosition, GenePosition]:
    """The EML4 and ALK positions of the forward junction: a reciprocal row's ALK exon 19 :: EML4 exon 14 is the
    junction of EML4 exon 13 :: ALK exon 20 (v1)."""
    if kinase == "retained":
        return ppos, alk_position
    eml4_last = ppos.first_3p_exon - 1 if ppos.first_3p_exon is not None and ppos.exact_5p else None
    alk_first = alk_position.last_5p_exon + 1 if alk_position.last_5p_exon is not None else None
    return GenePosition(ppos.label, eml4_last, None), GenePosition(alk_position.label, None, alk_first)
