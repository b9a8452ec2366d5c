"""How the P-gp note says what the tumour's ALK changes do to a drug, and when one explains a progression: each
reading with its VAF (a compound's with its parts'), and the purity condition wherever a change or compound whose
VAF is shown "explains" a progression, on every path (review 21, findings 3 and 4; review 19, finding 2). Pure: reads
only the knowledge base.
"""

from __future__ import annotations

from .flag_words import PHASE_UNKNOWN_WORDS
from .readings import PART_CARRYING, Reading, amplification_clause, call_clause
from .sourced_text import citation, cited, display_name, inhibitor_list

PURITY = "(alkannot does not know the tumour's purity)"
# without --min-vaf: nothing tested whether a change is clonal (README, "mechanism": every allele counts as clonal),
# and no source read gives a VAF or purity cut-off, so the purity condition says so at any VAF (clinical review of
# stop 49, second pass, finding 2: "C1156Y (VAF 3.0%) ... explains the progression on crizotinib if C1156Y is in most
# tumour cells" read as if the condition were likely met)
UNTESTED = "(alkannot does not know the tumour's purity, and no clonality cut-off (--min-vaf) was set for this run)"
# how the sample's note on an on-target change counted without --min-vaf opens (sample_notes.min_vaf_notes, a
# COUNTED_AT_ANY_VAF note); where it is among the sample's notes, the P-gp note does not say again that no cut-off was
# set (pgp.cut_off_said_once, by the note's kind)
NO_MIN_VAF = "No --min-vaf was given, so no variant is set aside as subclonal"


def vaf_text(reading: Reading) -> str:
    """' (VAF 3.0%)': a sentence saying a mutation explains a progression says how much of the tumour carries it
    (clinical review 2026-12-01, second reading, finding 4: C1156Y at 3% 'explained' crizotinib resistance)."""
    return f" (VAF {reading.vaf:.1%})" if reading.vaf is not None else ""


def named(reading: Reading) -> str:
    """'G1202R (VAF 6.0%)', 'L1196M+G1202R (cis; VAF 28.7% and 30.0%)': the change with the VAF the input gives
    (a compound's parts' in its order), the bare basis where none is given."""
    if reading.vaf is not None:
        return reading.basis + vaf_text(reading)
    if not reading.part_vafs:
        return reading.basis
    vafs = [f"{v:.1%}" for v in reading.part_vafs]
    said = f"VAF {', '.join(vafs[:-1])} and {vafs[-1]}" if len(vafs) > 1 else f"VAF {vafs[0]}"
    head, bracket, rest = reading.basis.partition(" (")
    return f"{head} ({rest[:-1]}; {said})" if bracket and rest.endswith(")") else f"{reading.basis} ({said})"


def listed_names(partners: tuple[tuple[str, float | None], ...], bare: bool = False) -> str:
    """'L1196M (VAF 3.0%)', 'L1196M (VAF 3.0%) and A1200S (VAF 2.0%)' of Reading.partners; `bare`: the names alone."""
    names = [n if bare or vaf is None else f"{n} (VAF {vaf:.1%})" for n, vaf in partners]
    return f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else names[0]


def open_base_clause(kb, r: Reading, name: str, extra: tuple[str, ...], vus: tuple[str, ...] = ()) -> str:
    """'G1202R, which on its own is lorlatinib-sensitive [...], is present: a compound mutation with it that this
    input does not show may explain this progression [...]'; with a change below --min-vaf beside it, that change
    is named as the partner it may be in a minor subclone (clinical review of stop 31, finding 1), a kinase-domain
    change of unknown significance (`vus`) said so there, once (clinical read of stop 51: R9 named A1200S with its
    VAF twice in one sentence, as the partner and again as a VUS)."""
    minor = r.partners
    if vus_partner(r, vus):
        return (
            f"{r.basis}, which on its own is {name}-sensitive{r.marked} {citation(kb, r.sources)}, is present: a "
            f"compound mutation with it may explain this progression {citation(kb, r.compound_base + extra)}; "
            f"{listed_names(minor)}, {PARTNER_VUS}, may be its partner in a minor subclone"
        )
    text = (
        f"{r.basis}, which on its own is {name}-sensitive{r.marked} {citation(kb, r.sources)}, is present: a compound "
        f"mutation with it{'' if minor else ' that this input does not show'} may explain this progression "
        f"{citation(kb, r.compound_base + extra)}"
    )
    if minor:
        text += f"; {listed_names(minor)}, below the clonality cut-off, may be its partner in a minor subclone"
    return text


PARTNER_VUS = "a kinase-domain change of unknown significance below the clonality cut-off"


def vus_partner(r: Reading, vus: tuple[str, ...]) -> str:
    """'A1200S (VAF 3.0%)': the change of unknown significance (one of `vus`) that open_base_clause names as `r`'s
    one partner in a minor subclone, with PARTNER_VUS, so the P-gp lead does not name it again as a VUS (pgp_lead, by
    this fact, not by finding the clause in its text); '' where the clause names none so."""
    partner = listed_names(r.partners) if len(r.partners) == 1 else ""
    return partner if partner in vus else ""


def partner_compound_clause(kb, r: Reading, name: str, said: set[str]) -> tuple[str, tuple[str, ...]]:
    """'L1198F (VAF 2.0%), below the clonality cut-off, may be C1156Y's partner in a minor subclone: the compound
    C1156Y+L1198F is resistant to lorlatinib in the knowledge base [...], so it may explain this progression only in
    part' (as R9's 'A1200S ... may be its partner in a minor subclone') for each of Reading.minor_compounds whose
    partner the sentence has not named (`said`), with the sources it cites; ('', ()) for none (clinical read of stop
    51: LV6 read 'C1156Y ... is sensitive to lorlatinib ... not expected to cause lorlatinib resistance' and never
    named L1198F beside it). The clause names the compound's call only: with C1156Y clonal the progression may have
    other causes too, so the P-gp check stays."""
    clauses: list[str] = []
    sources: list[str] = []
    partners = dict(r.partners)
    for c in r.minor_compounds:
        partner = next((p for p in c.basis.split("+") if p != r.basis and p in partners), None)
        if partner is None or partner in said:
            continue
        vaf = partners[partner]
        head = f"{partner} (VAF {vaf:.1%})" if vaf is not None else partner
        clauses.append(
            f"{head}, below the clonality cut-off, may be {r.basis}'s partner in a minor subclone: "
            f"{call_clause(f'the compound {c.basis}', c.category, name)} in the knowledge base{c.marked}"
            f"{cited(kb, c.sources)}, "
            "so it may explain this progression only in part"
        )
        sources += c.sources
    return "; ".join(clauses), tuple(sources)


def minor_compound_clause(kb, r: Reading, compound: Reading, name: str, extra: tuple[str, ...]) -> str:
    """'G1202R (VAF 33.3%), which on its own is lorlatinib-sensitive [...], is present, and in the tumour cells that
    carry L1196M it may be part of L1196M+G1202R (phase not determined; VAF 12.3% and 33.3%), a compound with no
    genotype-based lorlatinib call in the knowledge base; G1202R is a change found in lorlatinib-resistant compound
    ALK mutations [...]: that compound, or ...': a clonal change the class statements name (Reading.open_base) whose
    compound here has a minor part (Reading.part_of), named with it (clinical review of stop 48, finding 1: C03_T read
    'no clonal ALK mutation is known to explain it', naming neither change). The minor part is said before the
    compound: 'may be part of ... in the part of the tumour carrying L1196M' said 'part' twice (words48c, task 3); a
    compound's part_of always opens with PART_CARRYING (genotype_readings)."""
    maybe = "may be" if PHASE_UNKNOWN_WORDS in compound.basis else "is"
    bare = compound.basis.split(" (")[0]
    carrying = compound.part_of.removeprefix(PART_CARRYING)
    return (
        f"{named(r)}, which on its own is {name}-sensitive{r.marked} {citation(kb, r.sources)}, is present, and in "
        "the tumour "
        f"cells that carry {carrying} it {maybe} part of {named(compound)}, a compound with no genotype-based {name} "
        "call in the knowledge base; "
        f"{r.basis} is a change {found_in_compounds(name)} "
        f"{citation(kb, r.compound_base + extra)}: that compound, or one with a partner this input does not show, may "
        f"explain this progression, though no source in the knowledge base reports on {bare} alone and {name}"
    )


def base_compound_clause(kb, r: Reading, name: str, extra: tuple[str, ...]) -> str:
    """'it contains G1202R, a change found in lorlatinib-resistant compound ALK mutations from patients and cell models
    [...]: it may explain this progression, though no source in the knowledge base reports on this compound alone and
    lorlatinib': a compound with no call of its own whose part the class statements name (Reading.base_parts;
    clinical review of stop 41, finding 1: 'not known' there, while G1202R alone read 'a compound with it may
    explain'). 'Alone': a case-level note may quote the compound seen inside a larger one at progression (CIViC
    EID11114's I1171N+L1196M+G1202R beside L1196M+G1202R), no source on the compound by itself (stop 48 review)."""
    return (
        f"it contains {' and '.join(r.base_parts)}, {'changes' if len(r.base_parts) > 1 else 'a change'} "
        f"{found_in_compounds(name)} {citation(kb, r.compound_base + extra)}: it may explain "
        f"this progression, though no source in the knowledge base reports on this compound alone and {name}"
    )


def found_in_compounds(name: str) -> str:
    """'found in lorlatinib-resistant compound ALK mutations from patients and cell models': what the class statements
    (SHI22, OKA19; PEL21's relapses) say of the changes they name, without 'most' (SHI22's 'most' is of G1202R or
    I1171N/S/T together, not of one of them; clinical review of stop 48, finding 4: 'which ... involve')."""
    return f"found in {name}-resistant compound ALK mutations from patients and cell models"


def minor_parts(subclonal: tuple[Reading, ...], beside: bool = False) -> tuple[Reading, ...]:
    """The single changes among `subclonal` with a firm call that explains the progression and that are a compound's
    minor part (Reading.part_of: 'lower than L1196M's 40.0%'): G1202R at 20% beside L1196M at 40%
    after alectinib (clinical review of stop 49, task 1); with `beside` (a clonal change the drug is active against is
    present), those below --min-vaf too, which form no compound with it (G1202R at 20% below a cut-off of 0.25)."""
    return tuple(r for r in subclonal if "+" not in r.basis and r.firm and not r.copy_number and (r.part_of or beside))


def minor_calls(kb, minor: tuple[Reading, ...], name: str) -> dict[str, str]:
    """', which on its own is resistant to alectinib in the knowledge base [...]' for each of `minor` (minor_parts),
    by its change: the call that lets it explain the progression where it is, with its sources ('on its own' for a
    compound's part)."""
    return {
        r.basis: f", {call_clause('which on its own' if r.part_of else 'which', r.category, name)} in the knowledge "
        f"base{r.marked}{cited(kb, r.sources)}"
        for r in minor
    }


def only_in_part(subclonal: tuple[Reading, ...], calls: dict[str, str] | None = None, what: str = "it") -> str:
    """'; C1156Y (VAF 3.0%), below the clonality cut-off set for this run, may explain it only in part' for the
    readings that are not clonal: below --min-vaf (no command-line flag in a clinical note), or a compound's
    minor part ('G1202R (VAF 3.0%, lower than L1196M's 40.0%)') and a compound call resting on
    it ('L1196M+G1202R (phase not determined), in the part of the tumour carrying G1202R'), where no cut-off was
    crossed (review of stop 29's change, finding 12); '' for none. `calls`: a change's call said after it
    (minor_calls). `what`: what they may explain, 'it' (the progression said before) or 'resistance to crizotinib,
    ceritinib, alectinib and brigatinib' (low_level_clauses)."""
    calls = calls or {}
    below = [r.basis + vaf_text(r) for r in subclonal if not r.part_of and r.basis not in calls]
    # a change below the cut-off said with its call: its own item, the cut-off in its bracket (stop 49, task 1)
    called = [
        f"{r.basis} ({'VAF ' + format(r.vaf, '.1%') + ', ' if r.vaf is not None else ''}below the clonality cut-off "
        f"set for this run){calls[r.basis]}"
        for r in subclonal
        if not r.part_of and r.basis in calls
    ]
    apart = [
        (f"{r.basis} (VAF {r.vaf:.1%}, {r.part_of})" if r.vaf is not None else f"{r.basis}, {r.part_of}")
        + calls.get(r.basis, "")
        for r in subclonal
        if r.part_of
    ]
    said = called + ([f"{', '.join(below)}, below the clonality cut-off set for this run"] if below else [])
    said += apart
    if not said:
        return ""
    last = ", and" if calls else " and"  # after a call's bracket of sources, a comma before the last
    listed = f"{'; '.join(said[:-1])}{last} {said[-1]}" if len(said) > 1 else said[0]
    return f"; {listed}, may explain {what} only in part"


def low_level_clauses(kb, low: tuple[Reading, ...], readings: tuple[Reading, ...]) -> str:
    """'; G1202R (VAF 2.0%), below the clonality cut-off set for this run, may explain resistance to crizotinib,
    ceritinib, alectinib and brigatinib only in part': with no treatment history, each change of `low` (readings below
    the cut-off) with the drugs its own calls among `readings` explain, in the knowledge base's order, changes with
    the same drugs said together, each group with its calls' sources (clinical read of stop 51: 'may explain it only
    in part' after a list of every drug the check is recommended after took in ensartinib and the newer drugs, for
    which G1202R has no call)."""
    drugs: dict[str, list[str]] = {}
    first: dict[str, Reading] = {}
    for r in _low_level_calls(low, readings):
        drugs.setdefault(r.basis, []).append(r.inhibitor)
        first.setdefault(r.basis, r)
    order = {name: i for i, name in enumerate(kb.inhibitor_names)}
    groups: dict[tuple[str, ...], list[Reading]] = {}
    for basis, names in drugs.items():
        groups.setdefault(tuple(sorted(set(names), key=lambda n: order.get(n, len(order)))), []).append(first[basis])
    return "".join(
        only_in_part(tuple(group), what=f"resistance to {inhibitor_list(kb, names)}")
        + cited(kb, low_level_sources(group, readings))
        for names, group in groups.items()
    )


def low_level_sources(low, readings: tuple[Reading, ...]) -> tuple[str, ...]:
    """The sources of the calls `low_level_clauses` says for the changes of `low`, each once, in the readings' order
    (with no treatment history the clause named them uncited: clinical read of stop 51)."""
    return tuple(dict.fromkeys(key for r in _low_level_calls(low, readings) for key in r.sources))


def _low_level_calls(low, readings: tuple[Reading, ...]) -> list[Reading]:
    """The readings of `low`'s changes (below the cut-off) that explain resistance to a drug."""
    bases = {r.basis for r in low}
    return [r for r in readings if r.basis in bases and not r.clonal and r.explains]


def _shows_vaf(reading: Reading) -> bool:
    return reading.vaf is not None or bool(reading.part_vafs)


def readings_text(
    kb, readings: tuple[Reading, ...], inhibitor: str, seen: set[str] | None = None, name: str = ""
) -> str:
    """'L1196M is sensitive to ceritinib [...]' for each reading, with what weakens the call. `seen`: the changes a
    sentence has already named with their VAF, named bare here (review 21, finding 11: 'F1174L (VAF 30.0%)' twice).
    `name`: the drugs as named ('alectinib and lorlatinib', where each has the same call from the same sources);
    `inhibitor`'s name by default."""
    name = name or display_name(kb, inhibitor)
    out = []
    for r in readings:
        subject = r.basis if seen is not None and r.basis in seen else named(r)
        if seen is not None:
            seen.add(r.basis)
        out.append(
            (
                f"{r.basis}: {amplification_clause(r.category, name)} in the knowledge base"
                if r.copy_number
                else f"{call_clause(subject, r.category, name)} "
                + ("as inferred from its parts' calls" if r.inferred else "in the knowledge base")
            )
            + (f" ({r.qualifier})" if r.qualifier else "")
            + cited(kb, r.sources)
        )
    return "; ".join(out)


def alteration_word(readings: tuple[Reading, ...]) -> str:
    """'ALK mutation', or 'ALK alteration' where an ALK copy-number gain is among the readings."""
    return "ALK alteration" if any(r.copy_number for r in readings) else "ALK mutation"


def compound_parts(readings: tuple[Reading, ...], inhibitor: str) -> dict[str, Reading]:
    """Each change that is part of a compound reading for `inhibitor` -> that compound's reading."""
    parts = {}
    for r in readings:
        if r.inhibitor == inhibitor and "+" in r.basis:
            for change in r.basis.split(" (")[0].split("+"):
                parts[change] = r
    return parts


def compound_effect(alone: tuple[Reading, ...], parts: dict[str, Reading], name: str) -> str:
    """What the compound a sensitive part belongs to does to the latest drug: 'whose effect on lorlatinib the
    knowledge base does not settle', or, where its call would explain the progression but only below the clonality
    cut-off, that call (clinical review of stop 35, finding 6: C1156Y+L1198F after lorlatinib, resistant in the
    sample's notes)."""
    compounds = list({parts[r.basis].basis: parts[r.basis] for r in alone}.values())
    if all(c.explains and c.firm and not c.clonal for c in compounds):
        category = compounds[0].category if len({c.category for c in compounds}) == 1 else "resistant or intermediate"
        which = "which is" if len(compounds) == 1 else "which are"
        marked = compounds[0].marked if len({c.marked for c in compounds}) == 1 else ""  # the table's, where shared
        return f"{which} {category} to {name} in the knowledge base{marked}"  # only_in_part: below the cut-off, next
    return f"whose effect on {name} the knowledge base does not settle"


def _changes(readings) -> str:
    """'G1202R', 'L1196M+G1202R', 'G1202R or F1174L': the changes a purity condition is about, by name."""
    names = list(dict.fromkeys(r.basis.split(" (")[0] for r in readings if _shows_vaf(r)))
    return " or ".join(n for n in (", ".join(names[:-1]), names[-1]) if n) if names else ""


def purity_condition(readings, clonality_tested: bool = True) -> str:
    """' if G1202R is in most tumour cells (alkannot does not know the tumour's purity)' after 'explains' where a
    VAF of the change (or of a compound's parts) is shown: a VAF at or above --min-vaf is taken as clonal, but a VAF
    alone does not show how much of the tumour carries the change (review 19, finding 2; review 21, finding 3: the
    compound and the unknown-history paths said it without); '' where no VAF is shown."""
    changes = _changes(readings)
    if changes and not clonality_tested:  # clinical review of stop 49, second pass, finding 2
        return (
            f" only if {changes} is in most tumour cells; a VAF alone does not show that {UNTESTED}, so whether "
            f"{changes} explains the progression is uncertain"
        )
    return f" if {changes} is in most tumour cells {PURITY}" if changes else ""


def uncertain_clonality(readings, drugs: str, tested: bool, bare: bool = False) -> str:
    """' F1174L (VAF 30.0%) explains a progression on crizotinib or ceritinib only if it is in most tumour cells; a VAF
    alone does not show that (...), so whether F1174L explains such a progression is uncertain.': the purity condition
    of the notes with no treatment history where no clonality cut-off was set, a sentence of its own after what the
    change explains (after 'the ALK mutation found explains resistance to ...', the condition's three clauses read
    into the 'but not to' and the ': F1174L (VAF 30.0%) is resistant ...' that follow; clinical review of stop 49,
    third pass, task 1). `bare`: the change is named without its VAF, said just before. '' with --min-vaf (the
    condition is then purity_condition's, in the sentence) or where no VAF is shown."""
    shown = [r for r in readings if _shows_vaf(r)]
    if tested or not shown:
        return ""
    subject = " or ".join(dict.fromkeys(r.basis.split(" (")[0] if bare else named(r) for r in shown))
    return (
        f" {subject} explains a progression on {drugs} only if it is in most tumour cells; a VAF alone does not show "
        f"that {UNTESTED}, so whether {_changes(shown)} explains such a progression is uncertain."
    )


def part_of_tumour(
    readings, affected: bool, ihc: str | None, history_unknown: bool = False, kb=None, drugs=(), tested: bool = True
) -> str:
    """The verdict's scope and the action for the other case of the purity condition, after a drug P-gp overexpression
    affects (`affected`) with no IHC in the sample sheet (review 21, finding 4; the flag stays not_indicated: no sourced
    VAF or purity cut-off exists). The verdict is said to be about the tumour's bulk, so that 'Not indicated' and 'can
    still be considered' do not read as a contradiction (rev49, finding 2), without saying the condition again (rev50):
    after a recorded progression with --min-vaf, a clause that ends the sentence of purity_condition, '; if it is in
    part of the tumour only, P-gp (ABCB1) IHC can still be considered, ...' (the caller ends it; the note's label, 'Not
    indicated:', already says the verdict: rev50b); without --min-vaf, after the sentence that calls the explanation
    uncertain, ' If it does, the check is not indicated; if G1202R is in part of the tumour only, ...'; with no
    treatment history and --min-vaf, after the sentence of the changes' calls, whose opening says the condition, ' The
    check is then not indicated; if G1202R is in part of the tumour only and ...' (rev50: it read ' The check is not
    indicated if G1202R is in most tumour cells; ...', review19's M3 with a lab's knowledge base). '' where no condition
    was said."""
    changes = _changes(readings)
    if not changes or not affected or ihc in ("positive", "negative"):
        return ""
    progressed = f" and the patient progressed on {inhibitor_list(kb, drugs, 'or')}" if history_unknown else ""
    plural = " or " in changes
    again = changes if plural else "it"
    other = "P-gp (ABCB1) IHC can still be considered, as for a tumour without an explaining mutation."
    if tested and not history_unknown:
        return f"; if {again} is in part of the tumour only, {other}"
    # the changes named again: the sentence before this one is the changes' calls, not the condition
    scope = (
        f" If {'one' if plural else 'it'} does, the check is not indicated"
        if not tested
        else " The check is then not indicated"
    )
    return f"{scope}; if {changes} is in part of the tumour only{progressed}, {other}"


def in_part_only(readings, kb, drugs, ihc: str | None) -> str:
    """', or on crizotinib or ceritinib with F1174L in part of the tumour only': with no treatment history, the drugs
    the change explains stay in the note's 'If the patient progressed on ...' for the case the purity condition leaves
    open (part_of_tumour's, said in that sentence where the flag is if_progressed; clin49c: the note left crizotinib
    and ceritinib out, whose activity P-gp overexpression reduces [KAT16]). '' where no condition was said, or the
    sheet's IHC is positive (its sentence stands instead)."""
    changes = _changes(readings)
    if not changes or not drugs or ihc == "positive":
        return ""
    return f", or on {inhibitor_list(kb, drugs, 'or')} with {changes} in part of the tumour only"


def explains(readings) -> bool:
    """Whether the note says these readings 'explain' a progression, not 'may explain' it."""
    return all(r.category == "resistant" and r.firm for r in readings)


def explanation(kb, readings: tuple[Reading, ...], inhibitor: str, clonality_tested: bool = True) -> str:
    """'..., which explains the progression on X if G1202R is in most tumour cells (...)' - or 'may explain' when a
    call is intermediate, conflicting, from other contexts or in silico only (the readings say which)."""
    verb = "explains" if explains(readings) else "may explain"
    text = f"{readings_text(kb, readings, inhibitor)}, which {verb} the progression on {display_name(kb, inhibitor)}"
    return text + (purity_condition(readings, clonality_tested) if verb == "explains" else "")


def explained_by(kb, readings: tuple[Reading, ...], drugs: list[str]) -> str:
    """'F1174L (VAF 30.0%) is resistant to crizotinib [...] and to ceritinib (reviews only) [...] in the knowledge
    base': what explains resistance to each of `drugs` (unknown history), each change named once with its VAF (review
    21, finding 11: 'F1174L (VAF 30.0%)' twice in one sentence), each drug's call with the table's evidence mark."""
    merged: dict[str, list[Reading]] = {}
    rest: list[Reading] = []
    for d in drugs:
        for r in readings:
            if r.inhibitor != d:
                continue
            # the table's evidence mark said beside each drug's sources ('to ceritinib (reviews only) [LIN17T2]')
            simple = r.category == "resistant" and not (r.copy_number or r.inferred)
            (merged.setdefault(r.basis, []) if simple and r.qualifier == r.evidence_mark else rest).append(r)
    said = []
    for group in merged.values():
        cites = [r.marked + cited(kb, r.sources) for r in group]
        same = len(set(cites)) == 1
        to = [display_name(kb, r.inhibitor) + ("" if same else c) for r, c in zip(group, cites)]
        joined = " and to ".join(to)
        said.append(f"{named(group[0])} is resistant to {joined} in the knowledge base{cites[0] if same else ''}")
    seen = set(merged)
    said += [readings_text(kb, (r,), r.inhibitor, seen) for r in rest]
    return "; ".join(said)


__all__ = [
    "NO_MIN_VAF",
    "PURITY",
    "UNTESTED",
    "alteration_word",
    "compound_effect",
    "compound_parts",
    "explained_by",
    "explains",
    "explanation",
    "found_in_compounds",
    "listed_names",
    "low_level_clauses",
    "minor_calls",
    "minor_parts",
    "named",
    "base_compound_clause",
    "open_base_clause",
    "PARTNER_VUS",
    "partner_compound_clause",
    "part_of_tumour",
    "in_part_only",
    "purity_condition",
    "readings_text",
    "uncertain_clonality",
    "vaf_text",
    "vus_partner",
]
