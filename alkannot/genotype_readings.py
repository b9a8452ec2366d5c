"""What the knowledge base says, per inhibitor, of each ALK alteration a sample carries (its mutations and their
compound): the `Reading`s the P-gp check and the mechanism weigh, before anything the treatment history adds."""

from __future__ import annotations

from .compound_grouping import pair_phase
from .evidence import other_context_sides
from .readings import (
    PART_CARRYING,
    Reading,
    case_report_label,
    case_report_words,
    marked_preclinical,
    on_compounds_resistant_to,
    reviews_only,
)
from .records import replace
from .sample_types import AlkMutation, Compound, lower_vaf_than
from .sides import side_names
from .sourced_text import display_name


def genotype_readings(
    kb, mutations: list[AlkMutation], compound: Compound | None, compound_call
) -> tuple[Reading, ...]:
    """Each ALK alteration that counts for resistance (a known or residue change, and the compound) with
    the knowledge base's call for every inhibitor, before anything the treatment history adds."""
    readings = []
    counted = [m for m in mutations if m.counts_for_resistance and m.resistance != "kinase_domain_vus"]
    if compound is None or compound_call is None or compound.phase == "trans":
        compound_call = None
    elif compound.phase == "cis":
        # in cis the compound's call is what the tumour shows; its parts alone are not. With the phase unknown
        # both readings stand: each change is in the tumour, together or apart. With a minor part in cis (2% against
        # 30%), the reads with it carry the dominant change, but most alleles of the dominant change lack it: the
        # dominant change alone is the bulk, and its reading stands (clinical review of stop 30, finding 1: a clonal
        # G1202R after alectinib read 'no clonal ALK mutation is known to explain it' beside L1240S at 2% in cis)
        # (not where every part is below --min-vaf: then the compound is read as one, its calls marked subclonal)
        bulk_clonal = any(m.protein_change == compound.dominant and not m.low_vaf for m in mutations)
        minor = compound.minor if bulk_clonal else ()
        counted = [m for m in counted if m.protein_change not in (minor or compound.changes)]
        bulk = tuple(c for c in compound.changes if c not in minor)
        if minor and len(bulk) > 1:  # the bulk is itself a compound in cis (review of stop 30's change, finding 5)
            counted = [m for m in counted if m.protein_change not in bulk]
            pair = Compound(bulk, "cis", compound.phase_method, "")
            readings += _compound_readings(kb, mutations, pair, kb.call_compound(list(bulk), phase="cis"))
    # a compound's minor part (compound_bulk.dominant_and_minor: 3% against 40%) is in part of the tumour at most:
    # its own readings are not clonal, as a change below --min-vaf is not (review of stop 29's change, finding 11)
    minor = compound.minor if compound is not None else ()
    for m in counted:
        call = kb.call_variant(m.protein_change, m.aa_position, m.in_kinase_domain)
        clonal = m.clonal and m.protein_change not in minor
        part_of = _against_dominant(mutations, compound) if m.clonal and not clonal else ""
        partners = _possible_partners(m, mutations) if clonal else ()
        with_partner = _minor_compounds(kb, m, partners, mutations, compound)
        readings += [
            replace(
                _reading(m.protein_change, name, ic, clonal),
                compound_base=_compound_base(kb, call, name),
                vaf=m.vaf,
                part_of=part_of,
                partners=partners,
                minor_compounds=tuple(r for r in with_partner if r.inhibitor == name),
            )
            for name, ic in call.calls.items()
        ]
    if compound is not None and compound_call is not None:
        readings += _compound_readings(kb, mutations, compound, compound_call)
    return tuple(readings)


def _compound_readings(kb, mutations: list[AlkMutation], compound: Compound, compound_call) -> list[Reading]:
    """The readings of a compound's call, one per inhibitor: not clonal where a part is below --min-vaf, or where
    the compound has a minor part (it is in that part of the tumour at most)."""
    readings = []
    minor = compound.minor
    parts = [m for m in mutations if m.protein_change in compound.changes and m.passed and not m.in_normal]
    clonal = all(m.clonal for m in parts)
    basis = compound.label
    part_calls = [kb.call_variant(m.protein_change, m.aa_position, m.in_kinase_domain) for m in parts]
    # the parts' VAFs, in the compound's order, said where the compound explains something (review 21, finding 3)
    vafs = [m.vaf for c in compound.changes for m in parts if m.protein_change == c]
    part_vafs = tuple(v for v in vafs if v is not None) if len(vafs) == len(compound.changes) else ()
    for name, ic in compound_call.calls.items():
        # a call that holds at most in the part of the tumour carrying the minor change (compound_bulk.py); with
        # the phase unknown or in cis, the compound itself is in that part at most, whatever its call, while its
        # dominant part's own reading stands for the rest (second review of stop 29's change, finding 7:
        # 'explains ... if L1196M+G1202R is in most tumour cells' beside G1202R at 3%)
        whole = clonal and name not in compound.subclonal_calls and not minor
        if ic.inferred:  # no statement on the compound: the call is its parts' least favourable one
            reading = _inferred_reading(basis, name, ic, [c.calls[name] for c in part_calls], whole)
        else:
            reading = _reading(basis, name, ic, whole)
        if clonal and not whole:  # every part above --min-vaf: the call rests on the minor part
            reading = replace(reading, part_of=PART_CARRYING + " and ".join(minor))
        if ic.category == "unknown":  # a part that the drug's resistant compounds are known to involve
            bases = {m.protein_change: _compound_base(kb, c, name) for m, c in zip(parts, part_calls)}
            named = tuple(change for change in compound.changes if bases.get(change))
            sources = tuple(dict.fromkeys(s for change in named for s in bases[change]))
            reading = replace(reading, base_parts=named, compound_base=sources)
        readings.append(replace(reading, part_vafs=part_vafs if len(part_vafs) == len(vafs) else ()))
    return readings


def _possible_partners(m: AlkMutation, mutations: list[AlkMutation]) -> tuple[tuple[str, float | None], ...]:
    """The kinase-domain changes below --min-vaf beside the clonal change `m` that may be its compound partner in a
    minor subclone: counted for resistance (passed, not in the normal, not truncating; a VUS too), another change,
    not shown to be in trans with it (FORMAT PS, PGT/PID, two alleles at one position)."""
    return tuple(
        (x.protein_change, x.vaf)
        for x in mutations
        if x.low_vaf
        and x.counts_for_resistance
        and x.in_kinase_domain
        and x.protein_change != m.protein_change
        and pair_phase(x, m)[0] != "trans"
    )


def _minor_compounds(
    kb, m: AlkMutation, partners: tuple[tuple[str, float | None], ...], mutations: list[AlkMutation], compound
) -> tuple[Reading, ...]:
    """For each of `partners` (below --min-vaf beside the clonal `m`) not already in the sample's compound, the
    knowledge base's own calls on the compound the two may form in a minor subclone that would explain a progression
    (resistant, intermediate, conflicting; firm, not inferred from the parts): Readings, not clonal, with the parts'
    VAFs in the compound's order (Reading.minor_compounds)."""
    found = []
    vafs = {x.protein_change: x.vaf for x in mutations}
    for partner, _vaf in partners:
        if compound is not None and {m.protein_change, partner} <= set(compound.changes):
            continue
        call = kb.call_compound([m.protein_change, partner])
        changes = call.alteration.split("+")
        part_vafs = tuple(v for v in (vafs.get(c) for c in changes) if v is not None)
        for name, ic in call.calls.items():
            reading = _reading(call.alteration, name, ic, False)
            if not ic.inferred and reading.explains and reading.firm:
                found.append(replace(reading, part_vafs=part_vafs if len(part_vafs) == len(changes) else ()))
    return tuple(found)


def _against_dominant(mutations: list[AlkMutation], compound) -> str:
    """'lower than L1196M's 40.0%' (sample_types.lower_vaf_than)."""
    return lower_vaf_than(next((m for m in mutations if m.protein_change == compound.dominant), None))


def _compound_base(kb, call, inhibitor: str) -> tuple[str, ...]:
    """The sources of the knowledge base's class statements on this change that speak of compound mutations
    resistant to `inhibitor` (SHI22: most lorlatinib-resistant compound ALK mutations 'involve ALK G1202R or
    I1171N/S/T'; OKA19: lorlatinib-resistant Ba/F3 cells 'harboring ALK-I1171N or -G1202R compound mutations')."""
    drug = display_name(kb, inhibitor)
    return tuple(dict.fromkeys(s for n in call.notes if on_compounds_resistant_to(n.note, drug) for s in n.sources))


def _reading(basis: str, inhibitor: str, call, clonal: bool) -> Reading:
    return Reading(
        basis,
        inhibitor,
        call.category,
        call.counted_sources,  # not a source only listed (TPX-0131 and G1202R: PMO21)
        clonal,
        call.context == "other",
        call.in_silico_only,
        split=_who_says_what(call),
        disputed=call.disputed,
        contexts=other_context_sides(call),
        preclinical=marked_preclinical(call),
        case_report=case_report_label(call),
        reviews=reviews_only(call),
    )


def _who_says_what(call) -> str:
    """'intermediate per EID1354, whose own call is resistant (graded intermediate by its fold change over wild
    type); sensitive per LIN17T2' where the deciding statements differ; '' where they agree. A sentence citing
    them all as support for the combined call would misquote the ones that say otherwise (clinical review
    2026-12-01, second reading, finding 10)."""
    by: dict[str, list[str]] = {}
    regraded: dict[str, str] = {}
    measured: dict[str, str] = {}
    votes = call.deciding_votes
    # each source by its key, as the knowledge base's note names it, the citation after it giving its identifier
    # ('SAB17(PMID:28435288) (in vitro)' put a bracket after a source's own: stop 54); one on both sides says in
    # what setting each side is
    named = side_names(votes, lambda s: s.key)
    for v in votes:
        label = named(v.statement)
        by.setdefault(v.category, [])
        if label not in by[v.category]:
            by[v.category].append(label)
        if v.graded and v.statement.category and v.statement.category != v.category:
            regraded[label] = v.statement.category
            measured[label] = _what_was_measured(v)
    if len(by) < 2:
        return ""
    parts = []
    for category in sorted(by, key=lambda c: c != call.category):  # the combined call's own first
        labels = by[category]
        own = "".join(
            f", whose own call is {regraded[label]} ({measured[label]}graded {category} by its fold change over wild "
            "type)"
            for label in labels
            if label in regraded
        )
        parts.append(f"{category} per {', '.join(labels)}{own}")
    return "; ".join(parts)


def _what_was_measured(vote) -> str:
    """'6x WT, Ba/F3 EML4-ALK v1 G1269A; ': the measurement a regraded statement rests on, so a reader sees that one
    cell-line fold change stands against the sources that say otherwise (clinical review 9, finding 3)."""
    s = vote.statement
    if s.fold_vs_wt is None:
        return ""
    return f"{s.fold_qualifier}{s.fold_vs_wt:g}x WT{', ' + s.assay if s.assay else ''}; "


def _inferred_reading(basis: str, inhibitor: str, call, part_calls: list, clonal: bool) -> Reading:
    """A compound's call inferred from its parts is as strong as the part calls that set it: one resting on
    other contexts or in silico predictions makes the compound's call rest on them too, and the sources are
    theirs (not those of a part that says otherwise)."""
    setting = [c for c in part_calls if c.category == call.category]
    if not setting:  # not carried over (a favourable part call on one allele): `unknown`, the caveat's sources
        return Reading(basis, inhibitor, call.category, call.sources, clonal, inferred=True)
    sources = tuple(dict.fromkeys(s for c in setting for s in c.counted_sources))
    other = any(c.context == "other" for c in setting)
    return Reading(
        basis,
        inhibitor,
        call.category,
        sources,
        clonal,
        other,
        any(c.in_silico_only for c in setting),
        True,
        disputed=any(c.disputed for c in setting),
        preclinical=all(marked_preclinical(c) for c in setting),
        case_report=_inferred_case_report(setting),
        reviews=all(reviews_only(c) for c in setting),
    )


def _inferred_case_report(setting: list) -> str:
    """A compound's call inferred from part calls that only case reports decided, each: their words (readings.
    case_report_words), 'one case report' where all report one publication; '' otherwise."""
    if not all(case_report_label(c) for c in setting):
        return ""
    return case_report_words(len({v.statement.publication for c in setting for v in c.deciding_votes}) == 1)


# ---------------------------------------------------------------- mechanism


__all__ = ["genotype_readings"]
