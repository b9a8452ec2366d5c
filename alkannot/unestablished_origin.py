"""A change whose origin a tumour-only sample cannot establish, beside a known resistance mutation (RULES.md section 8;
clinical review hC of stop 42, finding 1).

Without a matched normal, somatic and germline variants cannot be told apart from tumour sequencing [CEYHAN20]. A known
resistance mutation (class `known`) is acquired under treatment in the sources; a kinase-domain change of unknown
significance may be a germline variant, whose allele fraction (near 50% in a heterozygote,
whatever the tumour's purity) says nothing about the clonality of a somatic change. Read as a compound partner, such a
change would anchor the four-fifths allele-fraction test (G1202R at 22% "lower than A1234T's 49%") and
turn the known mutation's calls into the compound's (lorlatinib `unknown (inferred)` instead of G1202R's `sensitive`).
So, in a sample with no matched normal, it forms no compound: the known mutation's own reading is the call, and the
tumour-only note gives the other reading ("if A1234T is somatic and in cis with G1202R ...") and asks for germline
testing. No allele-fraction cut-off decides this (none is sourced). Still counted for the mechanism as a change of
unknown significance is (alone, or beside a known change that does not explain the progression), and still among the
changes that block a re-challenge (progression.py). Pure: reads the sample's `AlkMutation`s and the knowledge base.
"""

from __future__ import annotations

from .compound_grouping import METHOD_WORDS, sample_compound
from .records import replace
from .sample_types import AlkMutation, SampleContext
from .sourced_text import inhibitor_list

# the order in which a single change is the basis of a sample's calls (sample.combined_calls)
BASIS_ORDER = ("known", "residue", "kinase_domain_vus")


def origin_in_doubt(m: AlkMutation) -> bool:
    """A change whose origin tumour sequencing alone does not settle and that is not a known resistance mutation: a
    kinase-domain change of unknown significance (class `kinase_domain_vus`), counted for resistance (passed, not
    truncating) and so a compound candidate. A change at a residue that carries a resistance change (class
    `residue`: D1203N, L1198F) is a candidate resistance change the compound rules name, and keeps its compounds; a
    record with no call (REF mismatch) forms none anyway."""
    return m.counts_for_resistance and m.in_kinase_domain and m.resistance == "kinase_domain_vus"


def with_unestablished_origin(mutations: list[AlkMutation], context: SampleContext) -> list[AlkMutation]:
    """The sample's mutations, those whose origin is not established marked (`AlkMutation.unestablished_origin`): a
    tumour-only input (no normal anywhere in it: SampleContext.tumour_only), and a known resistance mutation counted
    beside them. A change of unknown significance alone, or beside another such, is read as before; so is every
    change of a sample with a matched normal, and of a tumour whose input holds normals without saying which is its
    own (the note asks for the pairing: sample_notes.tumour_only_notes)."""
    if not context.tumour_only:
        return mutations
    if not any(m.counts_for_resistance and m.resistance == "known" for m in mutations):
        return mutations
    return [replace(m, unestablished_origin=True) if origin_in_doubt(m) else m for m in mutations]


def basis_change(changes: list[AlkMutation]) -> AlkMutation:
    """The single change a sample's calls rest on where no compound forms: a clonal one first, a known one before a
    residue change before a change of unknown significance; one whose origin is not established last (beside a known
    resistance mutation below --min-vaf, a possibly germline VUS does not take the calls over)."""
    return min(changes, key=lambda m: (m.unestablished_origin, m.low_vaf, BASIS_ORDER.index(m.resistance)))


def other_reading(kb, mutations: list[AlkMutation]) -> str:
    """' A1234T is therefore not read as a compound with G1202R, and its allele fraction is not used to judge
    G1202R's clonality: the sample's calls rest on G1202R alone. If A1234T is somatic and in cis with G1202R (the
    phase is not determined), G1202R+A1234T would have no call for lorlatinib (the call of G1202R on its own:
    sensitive), and G1202R (VAF 22.2%), below four fifths of A1234T's allele fraction (49.2%), would be read as
    carried by at most part of the tumour. Its origin is not established without a matched normal: germline
    testing of A1234T would establish it.': what the changes set aside would make of the calls were they somatic;
    '' where none is set aside."""
    aside = [m for m in mutations if m.unestablished_origin]
    if not aside:
        return ""
    kept, kept_call = sample_compound(kb, mutations)
    cleared = [replace(m, unestablished_origin=False) for m in mutations]
    alternative, alternative_call = sample_compound(kb, cleared)
    basis, own = _basis_and_calls(kb, mutations, kept, kept_call)
    other, other_calls = _basis_and_calls(kb, cleared, alternative, alternative_call)
    names = " and ".join(dict.fromkeys(m.protein_change for m in aside))
    verb = "is" if len(aside) == 1 else "are"
    fractions = "its allele fraction is" if len(aside) == 1 else "their allele fractions are"
    text = (
        f" {names} {verb} therefore not read as a compound with {basis}, and {fractions} not used to judge the "
        f"clonality of {' or '.join(basis.split('+'))}: the sample's calls rest on {basis} alone."
    )
    differ = _differing_calls(kb, other_calls, own, basis)
    if alternative is not None:
        would = f"{other} would {differ}" if differ else f"the calls of {other} would be the same"
        text += f" If {names} {verb} somatic{_phase_words(alternative, aside)}, {would}"
        text += _four_fifths_words(mutations, alternative, kept) + "."
    elif other != basis:
        would = f", which would {differ}" if differ else ""
        text += f" If {names} {verb} somatic, the sample's calls would rest on {other}, the clonal change{would}."
    its = "Its origin is" if len(aside) == 1 else "Their origin is"
    return text + f" {its} not established without a matched normal: germline testing of {names} would establish it."


def _basis_and_calls(kb, mutations: list[AlkMutation], compound, compound_call) -> tuple[str, dict]:
    """('G1202R', its calls) or ('L1196M+G1202R', the compound's calls): what the sample's calls rest on."""
    if compound is not None and compound_call is not None:
        return "+".join(compound.changes), dict(compound_call.calls)
    best = basis_change([m for m in mutations if m.counts_for_resistance])
    return best.protein_change, dict(
        kb.call_variant(best.protein_change, best.aa_position, best.in_kinase_domain).calls
    )


def _differing_calls(kb, alternative: dict, own: dict, basis: str) -> str:
    """'have no call for lorlatinib (the call of G1202R on its own: sensitive)': the calls that are not the ones
    shown, grouped by the call they would be, in the knowledge base's inhibitor order."""
    groups: dict[str, list[str]] = {}
    for name in kb.inhibitor_names:
        if name in alternative and name in own and alternative[name].category != own[name].category:
            groups.setdefault(alternative[name].category, []).append(name)
    said = []
    for category, drugs in groups.items():
        verb = {"unknown": "have no call for", "resistant": "be resistant to", "sensitive": "be sensitive to"}.get(
            category, f"have {'an' if category[:1] in 'aeiou' else 'a'} {category} call for"
        )
        shown: dict[str, list[str]] = {}
        for name in drugs:
            shown.setdefault(own[name].category, []).append(name)
        if len(shown) == 1:
            were = f"the call of {basis} on its own: {next(iter(shown))}"
        else:
            were = f"{basis} on its own: " + "; ".join(f"{c} for {inhibitor_list(kb, d)}" for c, d in shown.items())
        said.append(f"{verb} {inhibitor_list(kb, drugs)} ({were})")
    return ", and ".join(said)


def _phase_words(alternative, aside: list[AlkMutation]) -> str:
    """' and in cis with G1202R (the phase is not determined)', ' (in cis with G1202R by FORMAT PS)', ' (in trans
    with G1202R by FORMAT PS)': the phase the compound would have."""
    others = " and ".join(c for c in alternative.changes if c not in {m.protein_change for m in aside})
    methods = [METHOD_WORDS.get(w, w) for w in alternative.phase_method.split("/") if w not in ("", "none")]
    by = f" by {' and '.join(methods)}" if methods else ""
    if alternative.phase in ("cis", "trans"):
        return f" (in {alternative.phase} with {others}{by})"
    return f" and in cis with {others} (the phase is not determined)"


def _four_fifths_words(mutations: list[AlkMutation], alternative, kept) -> str:
    """', and G1202R (VAF 22.2%), below four fifths of A1234T's allele fraction (49.2%), would be carried by at most
    part of the tumour': where a change set aside would be the dominant part of the four-fifths test (compound_bulk.py)
    and a change shown would be its minor part (one the calls shown do not already read as a minor part)."""
    by_name = {m.protein_change: m for m in mutations}
    top = by_name.get(alternative.dominant)
    if top is None or not top.unestablished_origin or top.vaf is None:
        return ""
    already = kept.minor if kept is not None else ()
    minor = [by_name[c] for c in alternative.minor if c in by_name and c not in already]
    minor = [m for m in minor if not m.unestablished_origin]
    minor = [m for m in minor if m.vaf is not None and not m.low_vaf]
    if not minor:
        return ""
    parts = " and ".join(f"{m.protein_change} (VAF {m.vaf:.1%})" for m in minor)
    return (
        f", and {parts}, below four fifths of {top.protein_change}'s allele fraction ({top.vaf:.1%}), would be read as "
        "carried by at most part of the tumour"
    )


__all__ = ["basis_change", "origin_in_doubt", "other_reading", "with_unestablished_origin"]
