"""Junctions -> ALK fusions: which partner, which EML4-ALK variant, which side keeps the ALK kinase, and the
per-sample fusion status. Pure functions over small frozen records (records.py), no I/O beyond the bundled tables.

For a gene on the plus strand the kept left side is its 5' part; on the minus strand (ALK) the kept
left side is its 3' part. A fusion with the ALK kinase keeps ALK's 3' part and the partner's 5' part;
the opposite junction of a balanced rearrangement (ALK 5' + partner 3') is the reciprocal one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from .breakends import Breakend, Junction, SvRecord, carriers_of, record_support, records_to_junctions
from .bundle import read_tsv
from .genome import GeneSpan, gene_spans
from .records import field, record
from .transcript import exon_rows, kinase_domain

ALK = "ALK"
UNKNOWN = "UNKNOWN"
_STATUS_RANK = {"positive": 2, "possible": 1}
KINASE_RANK = {"retained": 3, "reciprocal": 2, "unclear": 1}
SAME_EVENT_BP = 2000  # ALK breakends of one event (two junctions of an inversion, two callers)


@record(frozen=True)
class Exon:
    """An exon of a bundled transcript (ALK, EML4) as fusion calling uses it: genomic span and CDS span."""

    number: int
    start: int
    end: int
    cds_start: int | None
    cds_end: int | None


@record(frozen=True)
class GenePosition:
    """Where a breakend falls in a gene's transcript."""

    label: str  # 'intron13', 'exon20', 'upstream', 'downstream', '.'
    last_5p_exon: int | None  # last exon of the part 5' of the breakpoint
    first_3p_exon: int | None  # first exon of the part 3' of the breakpoint
    exact_5p: bool = True  # False when the breakpoint cuts inside an exon


@record(frozen=True)
class FusionAnnotation:
    """The fusion INFO values of one SV record."""

    fusion: str  # 'EML4::ALK', 'UNKNOWN::ALK'
    variant: str  # 'v1', 'v3a/b', ... or '.'
    breakpoint: str  # 'EML4:intron13|ALK:intron19'
    kinase: str  # 'retained' | 'reciprocal' | 'unclear'
    status: str  # 'positive' | 'possible'
    support: Mapping[str, Mapping[str, int]] = field(default_factory=dict, compare=False, hash=False)


@record(frozen=True)
class Evidence:
    """One source's view of a fusion junction."""

    source: str
    kind: str  # 'DNA' | 'RNA'
    records: tuple[str, ...]  # record IDs (VCF) or 'line N' (tables)
    kinase: str
    note: str = ""  # 'orphan mate', 'single breakend', 'filtered', ...
    support: Mapping[str, Mapping[str, int]] = field(default_factory=dict, compare=False, hash=False)


@record(frozen=True)
class FusionCall:
    """One ALK fusion called in a sample: partner, variant, breakpoint, kinase and status."""

    fusion: str
    partner: str
    variant: str
    breakpoint: str
    kinase: str
    status: str
    alk_breakend: tuple[str, int]
    partner_breakend: tuple[str, int] | None
    support: Mapping[str, Mapping[str, Mapping[str, int]]] = field(default_factory=dict, compare=False, hash=False)
    evidence: tuple[Evidence, ...] = ()

    @property
    def samples(self) -> tuple[str, ...]:
        return tuple(self.support)


@record(frozen=True)
class FusionResult:
    """Every fusion call of an input, and the annotation of each SV record that supports one."""

    per_record: Mapping[tuple[str, int], FusionAnnotation] = field(compare=False, hash=False)
    calls: tuple[FusionCall, ...]
    build: str = "GRCh38"

    def annotation(self, source: str, index: int) -> FusionAnnotation | None:
        return self.per_record.get((source, index))


# ---------------------------------------------------------------- reference data
@lru_cache(maxsize=None)
def gene_exons(build: str, gene: str) -> tuple[Exon, ...]:
    """The exons of a bundled transcript (ALK, EML4); other partners have none bundled."""

    def number(text: str) -> int | None:
        return int(text) if text not in ("", ".") else None

    return tuple(
        Exon(int(r["exon"]), int(r["start"]), int(r["end"]), number(r["cds_start"]), number(r["cds_end"]))
        for r in exon_rows(gene, build)
    )


@lru_cache(maxsize=None)
def variant_names() -> dict[tuple[int, int], str]:
    return {
        (int(r["eml4_exon"]), int(r["alk_exon"])): r["variant"] for r in read_tsv("genome", "eml4_alk_variants.tsv")
    }


@lru_cache(maxsize=None)
def variant_frames() -> dict[str, str]:
    """The `frame` column of eml4_alk_variants.tsv by variant name: in_frame | out_of_frame_if_direct."""
    return {r["variant"]: r["frame"] for r in read_tsv("genome", "eml4_alk_variants.tsv")}


@lru_cache(maxsize=None)
def _kinase_start(build: str) -> int:
    """Genomic position of the first base of the kinase domain's first codon (ALK, minus strand)."""
    c_pos = 3 * (kinase_domain()[0] - 1) + 1
    for exon in gene_exons(build, ALK):
        if exon.cds_start and exon.cds_end and exon.cds_start <= c_pos <= exon.cds_end:
            return exon.end - (c_pos - exon.cds_start)
    raise ValueError(f"no ALK exon holds c.{c_pos} in {build}")


def alk_span(build: str) -> GeneSpan:
    return next(span for span in gene_spans(build) if span.gene == ALK)


def genes_at(build: str, chrom: str, pos: int) -> tuple[GeneSpan, ...]:
    return tuple(s for s in gene_spans(build) if s.chrom == chrom and s.start <= pos <= s.end)


def gene_position(build: str, span: GeneSpan, pos: int) -> GenePosition:
    """Exon/intron of `pos` in the gene's transcript (exons numbered 5'->3')."""
    exons = sorted(gene_exons(build, span.gene), key=lambda e: e.number)
    if not exons:
        return GenePosition(".", None, None)
    plus = span.strand == "+"

    def before(x: int, y: int) -> bool:  # x lies 5' of y in transcript order
        return x < y if plus else x > y

    first, last = exons[0], exons[-1]
    five_end_of = (lambda e: e.end) if plus else (lambda e: e.start)
    five_start_of = (lambda e: e.start) if plus else (lambda e: e.end)
    if before(pos, five_start_of(first)):
        return GenePosition("upstream", None, first.number)
    if before(five_end_of(last), pos):
        return GenePosition("downstream", last.number, None)
    for exon in exons:
        if exon.start <= pos <= exon.end:
            if pos == five_end_of(exon):  # last base of the exon: a splice-site breakpoint
                return GenePosition(f"exon{exon.number}", exon.number, exon.number + 1)
            if pos == five_start_of(exon):  # first base of the exon
                return GenePosition(f"exon{exon.number}", exon.number - 1 or None, exon.number)
            return GenePosition(f"exon{exon.number}", exon.number, exon.number, exact_5p=False)
    for upstream, downstream in zip(exons, exons[1:]):
        if before(five_end_of(upstream), pos) and before(pos, five_start_of(downstream)):
            return GenePosition(f"intron{upstream.number}", upstream.number, downstream.number)
    return GenePosition(".", None, None)


# ---------------------------------------------------------------- junction -> fusion
def three_prime_kept(strand: str, keeps: str) -> bool | None:
    if keeps == "?":
        return None
    return (keeps == "right") == (strand == "+")


@record(frozen=True)
class _Hit:
    """A junction that joins ALK to a partner, before hits of one event are merged."""

    junction: Junction
    partner: str
    variant: str
    breakpoint: str
    kinase: str
    status: str
    note: str
    alk_pos: tuple[str, int]
    partner_pos: tuple[str, int] | None


def _in_alk(build: str, end: Breakend) -> bool:
    span = alk_span(build)
    return end.chrom == span.chrom and span.start <= end.pos <= span.end


_RECIPROCAL_INTERGENIC = (
    "intergenic mate on another chromosome: the junction that would carry the kinase is not in the input"
)


def interpret(build: str, junction: Junction) -> _Hit | None:
    """An ALK fusion reading of one junction, or None."""
    a, b = junction.a, junction.b
    a_in = _in_alk(build, a)
    b_in = b is not None and _in_alk(build, b)
    if a_in == b_in:  # neither end in ALK, or an intragenic ALK rearrangement
        return None
    other: Breakend | None
    if b is not None and b_in:
        alk_end, other = b, a
    else:
        alk_end, other = a, b
    alk = alk_span(build)
    alk_pos = gene_position(build, alk, alk_end.pos)
    alk3 = three_prime_kept(alk.strand, alk_end.keeps)
    partner_span = None
    if other is not None:
        partner_span = next((g for g in genes_at(build, other.chrom, other.pos) if g.gene != ALK), None)
    partner5 = None
    if partner_span is not None and other is not None and other.keeps != "?":  # a partner is found at a mate
        partner5 = not three_prime_kept(partner_span.strand, other.keeps)

    note = ""
    if alk3 is None:
        kinase, status, partner = "unclear", "possible", partner_span.gene if partner_span else UNKNOWN
        note = "orientation not given"
    elif alk3:
        kinase = "retained"
        if alk_end.pos <= _kinase_start(build):  # the break cuts into or past the kinase domain
            kinase, note = "unclear", "ALK breakpoint inside the kinase domain"
        if partner_span is not None and partner5:
            partner, status = partner_span.gene, "positive"
        elif other is None:
            partner, status, note = UNKNOWN, "possible", note or "single breakend"
        elif partner_span is None:
            # DNA joined to intergenic sequence does not show a fusion transcript or protein: possible until IHC
            # or RNA shows ALK expression (clinical review 2026-12-01, second reading, finding 9)
            partner, status = UNKNOWN, "possible"
            note = note or "intergenic mate: confirm ALK expression by IHC or RNA"
        else:  # partner's 3' part joined to ALK's 3' part: no sense fusion
            partner, status, note = UNKNOWN, "possible", f"{partner_span.gene} joined in antisense"
        if kinase == "unclear":
            status = "possible"
    else:
        if partner_span is not None and partner5 is False:
            partner, kinase, status = partner_span.gene, "reciprocal", "possible"
        elif other is None:
            partner, kinase, status, note = UNKNOWN, "reciprocal", "possible", "single breakend"
        elif partner_span is None and other.chrom != alk_end.chrom:
            # the other derivative of a translocation with intergenic DNA, which a caller may report alone (pipeline
            # review of stop 35, finding 7); on chromosome 2 the same geometry is a loss of ALK's kinase end
            partner, kinase, status, note = UNKNOWN, "reciprocal", "possible", _RECIPROCAL_INTERGENIC
        else:  # ALK's 5' part kept beside intergenic DNA or a gene's 5' part: kinase not in this junction
            return None
    if junction.orphan:  # kept after what the junction shows ('KIF5B joined in antisense'): the mate's absence
        status, note = "possible", (note + "; " if note else "") + "orphan mate"  # changes no name (stop 32, 6)
    if junction.filtered:
        status, note = "possible", (note + "; " if note else "") + "filtered"

    variant, partner_label, demote, frame_note = _partner_side(build, partner, partner_span, other, alk_pos)
    if frame_note and kinase == "retained":
        note = f"{note}; {frame_note}" if note else frame_note
        status = "possible" if demote else status
    name = (
        partner if partner != UNKNOWN else (partner_span.gene if partner_span else "intergenic" if other else UNKNOWN)
    )
    if partner == UNKNOWN and note.startswith(f"{name} joined in antisense"):  # where the mate lies, not a partner:
        name += "(antisense)"  # beside ALK_FUSION=UNKNOWN::ALK (pipeline review of stop 30, finding 5)
    breakpoint = f"{name}:{partner_label}|ALK:{alk_pos.label}"
    return _Hit(
        junction,
        partner,
        variant,
        breakpoint,
        kinase,
        status,
        note,
        (alk_end.chrom, alk_end.pos),
        (other.chrom, other.pos) if other else None,
    )


def _partner_side(
    build: str, partner: str, span: GeneSpan | None, other: Breakend | None, alk_pos: GenePosition
) -> tuple[str, str, bool, str]:
    """(EML4-ALK variant, the partner's exon/intron label, whether the frame makes the call `possible`, the
    frame note) of the partner's breakend."""
    if span is None or other is None:
        return ".", ".", False, ""
    ppos = gene_position(build, span, other.pos)
    variant = eml4_variant(ppos, alk_pos) if partner == "EML4" else "."
    demote, note = frame_check(build, span.gene, ppos, alk_pos, variant)
    return variant, ppos.label, demote, note


def codon_position(c_pos: int) -> int:
    """1, 2 or 3: where c.`c_pos` falls in its codon."""
    return (c_pos - 1) % 3 + 1


def frame_check(build: str, partner: str, ppos: GenePosition, alk_pos: GenePosition, variant: str) -> tuple[bool, str]:
    """(make the call `possible`, note) for the partner's exon joined directly to ALK's, computed from the bundled
    exon tables (eml4_exons.tsv, alk_exons.tsv; resources/transcript/eml4_alk_variants.md, frame rule): in frame
    when the partner's last coding base and ALK's first kept base are consecutive codon positions. Out of frame, a
    published variant (v4, v7, v8: eml4_alk_variants.tsv, `frame` out_of_frame_if_direct) keeps its call with a
    note that its published forms carry junction insertions/deletions; any other join is `possible`: confirm ALK
    expression by IHC or RNA. A partner break inside one of its exons keeps its call with a note that DNA cannot
    show the frame (the transcript's junction is not the genomic one); nothing is said where a gene has no exon
    table."""
    if not ppos.exact_5p and ppos.label.startswith("exon"):
        return (
            False,
            f"the {partner} break is inside its {ppos.label.replace('exon', 'exon ')}: DNA cannot show the frame",
        )
    where = out_of_frame_join(build, partner, ppos, alk_pos)
    if not where:
        return False, ""
    if variant_frames().get(variant) == "out_of_frame_if_direct":
        return False, f"{where}; published forms carry junction insertions/deletions and DNA cannot show the frame"
    return True, f"{where} and matches no published variant; confirm ALK expression by IHC or RNA"


def out_of_frame_join(build: str, partner: str, ppos: GenePosition, alk_pos: GenePosition) -> str:
    """'EML4 exon 14 ends at codon position 3 and ALK exon 20 starts at codon position 2: a direct join is out of
    frame', or '' where the join is in frame or cannot be judged (a break inside an exon, no exon table)."""
    if not (ppos.exact_5p and alk_pos.exact_5p) or ppos.last_5p_exon is None or alk_pos.first_3p_exon is None:
        return ""
    five = next((e for e in gene_exons(build, partner) if e.number == ppos.last_5p_exon), None)
    three = next((e for e in gene_exons(build, ALK) if e.number == alk_pos.first_3p_exon), None)
    if five is None or three is None or five.cds_end is None or three.cds_start is None:
        return ""
    last, first = codon_position(five.cds_end), codon_position(three.cds_start)
    if last % 3 + 1 == first:
        return ""
    return (
        f"{partner} exon {five.number} ends at codon position {last} and ALK exon {three.number} starts at codon "
        f"position {first}: a direct join is out of frame"
    )


def eml4_variant(eml4: GenePosition, alk: GenePosition) -> str:
    if eml4.last_5p_exon is None or alk.first_3p_exon is None or not eml4.exact_5p:
        return "."
    named = variant_names().get((eml4.last_5p_exon, alk.first_3p_exon))
    # unnamed joins in the Oncomine style (E6A18); no ';' -- it would split the INFO field
    return named or f"E{eml4.last_5p_exon}A{alk.first_3p_exon}"


# ---------------------------------------------------------------- detection
def detect_fusions(
    build: str,
    records: Iterable[SvRecord],
    samples: frozenset[str] = frozenset(),
    junctions: Sequence[Junction] | None = None,
) -> FusionResult:
    """ALK fusions among SV records (from any number of files; `source` keeps them apart); `samples`: the main
    input's sample names, which the --sv files' matched columns carry (fusion_evidence), so that files naming
    samples from them are compared by carrier (_may_share_carriers); `junctions`: records_to_junctions of `records`
    where the caller paired them already (fusion_evidence)."""
    records = list(records)
    by_key = {r.key: r for r in records}
    junctions = records_to_junctions(records) if junctions is None else junctions
    hits = [h for j in junctions if (h := interpret(build, j)) is not None]
    groups: list[list[_Hit]] = []
    carriers = {id(h): _carriers(h, by_key) for h in hits}
    for hit in sorted(hits, key=lambda h: (-KINASE_RANK[h.kinase], -_STATUS_RANK[h.status])):
        for group in groups:
            if _same_event(group[0], hit) and _may_share_carriers(carriers[id(group[0])], carriers[id(hit)], samples):
                group.append(hit)
                break
        else:
            groups.append([hit])

    per_record: dict[tuple[str, int], FusionAnnotation] = {}
    calls: list[FusionCall] = []
    for group in groups:
        call = _call_from(group, by_key)
        calls.append(call)
        for hit in group:
            for key in hit.junction.records:
                ann = FusionAnnotation(
                    f"{hit.partner}::ALK",
                    hit.variant if hit.partner != UNKNOWN else ".",
                    hit.breakpoint,
                    hit.kinase,
                    call.status,
                    record_support(by_key[key]),
                )
                previous = per_record.get(key)
                if previous is None or KINASE_RANK[ann.kinase] > KINASE_RANK[previous.kinase]:
                    per_record[key] = ann
    return FusionResult(per_record, tuple(calls), build)


Carriers = Mapping[str, tuple[frozenset[str], frozenset[str]]]  # per source file: its sample names, the carriers


def _carriers(hit: _Hit, by_key: Mapping[tuple[str, int], SvRecord]) -> Carriers:
    """Per source file whose records have samples, its sample names and the samples that carry a junction: an empty
    set where every sample's genotype or read support says it does not (another patient's record, left in a file cut
    to one sample with `bcftools view -s`); no entry for a file without samples (a sites-only file: carried by whoever
    is named)."""
    names: dict[str, tuple[set[str], set[str]]] = {}
    for key in hit.junction.records:
        rec = by_key[key]
        if rec.samples:
            columns, carried = names.setdefault(rec.source, (set(), set()))
            columns.update(rec.samples)
            carried.update(carriers_of(rec, record_support(rec)))
    return {source: (frozenset(columns), frozenset(carried)) for source, (columns, carried) in names.items()}


def _may_share_carriers(first: Carriers, other: Carriers, samples: frozenset[str] = frozenset()) -> bool:
    """Nearby junctions carried by different samples of the same file (a merged cohort VCF) are different
    patients' events, and a junction no sample of the file carries is no sample's event: it joins none (its variant
    and breakpoint named another patient's fusion; pipeline review of stop 33, finding 1). Two files are compared
    too where their names are one namespace: both name main-input samples (`samples`: an --sv file's matched
    columns carry the main input's names, so per-patient files `--sv P1_T=a.vcf --sv P2_T=b.vcf` do) or they share a
    name (two callers' files of one merged cohort). Before, P2_T's junction in another file joined P1_T's call 29 kb
    away and gave P2_T P1_T's variant (pipeline review of stop 43 by h2, finding 1). Files in other namespaces (SvABA
    and GRIDSS name samples by BAM path) are not compared: callers name samples differently."""
    compared = False
    for source, (columns, carried) in first.items():
        for other_source, (other_columns, other_carried) in other.items():
            if source == other_source or columns & other_columns or (columns & samples and other_columns & samples):
                compared = True
                if carried & other_carried:
                    return True
    return not compared


def _same_event(first: _Hit, hit: _Hit) -> bool:
    """Two junctions (the two sides of an inversion, or two callers) of one ALK rearrangement."""
    if first.partner != hit.partner or first.alk_pos[0] != hit.alk_pos[0]:
        return False
    if abs(first.alk_pos[1] - hit.alk_pos[1]) > SAME_EVENT_BP:
        return False
    if first.partner_pos is None or hit.partner_pos is None:
        return True
    limit = 50_000 if first.partner != UNKNOWN else SAME_EVENT_BP
    return first.partner_pos[0] == hit.partner_pos[0] and abs(first.partner_pos[1] - hit.partner_pos[1]) <= limit


def _call_from(group: list[_Hit], by_key: Mapping[tuple[str, int], SvRecord]) -> FusionCall:
    best = group[0]  # sorted: retained first, then positive first
    status = max((h.status for h in group), key=_STATUS_RANK.__getitem__)
    if best.kinase != "retained":
        status = "possible"
    variant = next((h.variant for h in group if h.kinase == "retained" and h.variant != "."), best.variant)
    support: dict[str, dict[str, dict[str, int]]] = {}
    evidence = []
    for hit in group:
        recs = [by_key[k] for k in hit.junction.records]
        for rec in recs:
            rec_support = record_support(rec)
            samples = carriers_of(rec, rec_support) if rec.samples else []
            for sample in samples:
                merged = support.setdefault(sample, {}).setdefault(rec.source, {})
                for name, count in rec_support.get(sample, {}).items():
                    merged[name] = max(merged.get(name, 0), count)
            if not rec.samples and "" in rec_support:
                merged = support.setdefault("", {}).setdefault(rec.source, {})
                for name, count in rec_support[""].items():
                    merged[name] = max(merged.get(name, 0), count)
            elif not rec.samples:
                support.setdefault("", {}).setdefault(rec.source, {})
        evidence.append(
            Evidence(
                recs[0].source,
                "DNA",
                tuple(r.id for r in recs),
                hit.kinase,
                hit.note,
                {k: v for r in recs for k, v in record_support(r).items()},
            )
        )
    return FusionCall(
        f"{best.partner}::ALK",
        best.partner,
        variant if best.partner != UNKNOWN else ".",
        best.breakpoint,
        best.kinase,
        status,
        best.alk_pos,
        best.partner_pos,
        support,
        tuple(evidence),
    )


# ---------------------------------------------------------------- per-sample verdict
def sample_fusion_status(
    sample: str, result: FusionResult, sv_records_seen: bool, tables_seen: bool, external: str | None = None
) -> tuple[str, list[FusionCall]]:
    """positive | negative | not_assessed | possible | positive_external, with the sample's calls.

    Calls whose support carries no sample name ('' : INFO-only records, fusion tables without a
    sample) count for every sample.
    """
    mine = [c for c in result.calls if sample in c.support or "" in c.support]
    if any(c.status == "positive" for c in mine):
        return "positive", mine
    if external and external.strip().lower().startswith("positive"):
        return "positive_external", mine
    if mine:
        return "possible", mine
    if sv_records_seen or tables_seen:
        return "negative", []
    return "not_assessed", []
