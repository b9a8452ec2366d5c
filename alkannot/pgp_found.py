"""What the ALK changes found explain in a P-gp note with no treatment history (pgp.py's 'treatment history is not
in the sample sheet; ...'): the drugs a change explains resistance to, with the sources of its calls, those it does
not (sensitive in the knowledge base) and those it leaves open, a change below the clonality cut-off named, not
denied; and whether the sentence names the known resistance mutations not counted. Pure: reads only the knowledge
base and what the check passes in (`inputs`: pgp.PgpInputs, untyped here: pgp imports this module)."""

from __future__ import annotations

from .pgp_beside import none_found, not_established
from .pgp_effects import unlikely_after
from .pgp_explain import alteration_word, low_level_clauses, low_level_sources, purity_condition, readings_text
from .readings import Reading
from .sourced_text import (
    citation,
    cited,
    compound_base_keys,
    display_name,
    inhibitor_list,
    resistance_sources,
    statement_sources,
)


def with_unaffected(kb, explained: list[str], also: tuple[str, ...]) -> list[str]:
    """The drugs the change explains, in the knowledge base's order: those after which a progression leaves the P-gp
    question open and, where there are any, those P-gp overexpression did not affect (`also`)."""
    return [d for d in kb.inhibitor_names if d in explained or (explained and d in also)]


def settling_of(clonal: list[Reading], drugs: list[str]) -> tuple[Reading, ...]:
    """The clonal firm readings that settle each of `drugs`."""
    return tuple(r for r in clonal if r.inhibitor in drugs and r.settles)


def found_without_history(
    kb,
    inputs,
    explained: list[str],
    open_drugs: list[str],
    settling: tuple[Reading, ...],
    also: tuple[str, ...] = (),
) -> tuple[str, tuple[str, ...], bool]:
    """(what the ALK changes found explain, with no treatment history; the sources of the calls it says, which it
    cites: it named them bare before the clinical read of stop 51; whether it names the known resistance mutations
    not counted, none_found's). `also`: the drugs P-gp overexpression did not affect that the change explains, named
    with the others (clinical read of stop 52)."""
    if inputs.unevaluable and not inputs.readings:
        return not_established(inputs.unevaluable), (), False
    if not inputs.readings:
        return none_found(inputs.vus, inputs.uncounted), (), bool(inputs.uncounted)
    if explained:
        named = with_unaffected(kb, explained, also)
        said = settling_of([r for r in inputs.readings if r.clonal and r.firm], named) if also else settling
        calls = tuple(dict.fromkeys(key for r in said for key in r.sources))
        tested = inputs.clonality_tested
        return (
            (
                f"the {alteration_word(inputs.readings)} found explains resistance to {inhibitor_list(kb, named)}"
                f"{cited(kb, calls)}{purity_condition(said) if tested else ''}"
                f"{_not_explained(kb, inputs.readings, open_drugs)}"
            ),
            calls,
            False,
        )
    # a change below --min-vaf is named, not denied (clinical review of stop 31, finding 2)
    low = tuple(r for r in inputs.readings if not r.clonal and r.explains and r.inhibitor in open_drugs)
    drugs = inhibitor_list(kb, open_drugs, "or")
    found = f"no {'clonal ' if low else ''}{alteration_word(inputs.readings)} found explains resistance to {drugs}"
    # each with the drugs its own calls explain, not 'it' after every drug listed (clinical read of stop 51)
    if low:
        return found + low_level_clauses(kb, low, inputs.readings), low_level_sources(low, inputs.readings), False
    return _not_denied(kb, inputs.readings, open_drugs), (), False


def sensitive_unaffected(kb, inputs, unaffected: tuple[str, ...]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(' After a progression on lorlatinib, neither G1202R nor P-gp overexpression is expected to explain it: P-gp
    overexpression did not confer resistance to lorlatinib in cell models (preclinical evidence) [KAT16; SEED]; G1202R
    is sensitive to lorlatinib in the knowledge base [...]; a compound mutation with G1202R that this input does not
    show may explain such a progression [SHI22; ...].', the sources of the calls and statements it names, the drugs
    it names, whose finding in cells the P-gp facts then refer to): with no
    treatment history, for each drug P-gp overexpression did not affect (`unaffected`) to which every ALK change found
    is sensitive, firmly, with no change of unknown significance, uncounted or unevaluable beside them (clinical read
    of stop 52: S13_T's G1202R note said why P-gp is unlikely after alectinib, which G1202R explains, and nothing of
    lorlatinib, to which it is sensitive). Drugs whose sentence would differ only in the drug's name (the same changes
    with the same calls from the same sources, the same cell-model sources, no compound clause) share one ('After a
    progression on alectinib or lorlatinib, neither F1174L nor ...': M3's note said it twice). '' for none."""
    if inputs.vus or inputs.uncounted or inputs.unevaluable:
        return "", (), ()
    groups: dict[tuple, list[tuple[str, tuple[Reading, ...]]]] = {}
    for drug in unaffected:
        own = tuple(r for r in inputs.readings if r.inhibitor == drug)
        if not own or not all(r.category == "sensitive" and r.firm for r in own):
            continue
        deciding = tuple(r for r in own if "+" in r.basis) or own  # a compound named as one
        alone = (drug,) if any(r.open_base for r in deciding) else ()  # its own compound clause: its own sentence
        shape = tuple(_shape(r) for r in deciding)
        groups.setdefault((shape, resistance_sources(kb, (drug,)), alone), []).append((drug, deciding))
    text, keys = "", list[str]()
    for group in groups.values():
        sentence, cited = _neither_sentence(kb, [drug for drug, _ in group], [readings for _, readings in group])
        text, keys = text + sentence, keys + cited
    return text, tuple(dict.fromkeys(keys)), tuple(drug for group in groups.values() for drug, _ in group)


def unaffected_said(
    kb, inputs, unaffected: tuple[str, ...], also: tuple[str, ...], ihc: str | None
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """With no treatment history, why the IHC advice leaves out a drug P-gp overexpression did not affect: one the
    change explains (`also`: pgp_effects.unlikely_after), one to which it is sensitive (`sensitive_unaffected`);
    none where the sheet gives the IHC (clinical read of stop 52). The text, the sources of the calls it names, and
    the drugs whose finding in cells it gives, to which the P-gp facts then refer (pgp_effects.facts_sentence's
    `cells`: M3's and S13_T's facts said it a third time)."""
    if ihc in ("negative", "positive"):
        return "", (), ()
    sensitive, keys, named = sensitive_unaffected(kb, inputs, unaffected)
    return unlikely_after(kb, also) + sensitive, keys, tuple(d for d in unaffected if d in (*also, *named))


def _shape(r: Reading) -> tuple:
    """What drugs must share for one 'neither' sentence: the change, its call and what weakens it. A call's sources
    and the drug table's evidence mark may differ, said beside each drug (`_calls_said`); a qualifier beyond the mark
    (sources that disagree, other contexts) keeps the drug's own sentence unless it and its sources are the same."""
    plain = r.qualifier == r.evidence_mark
    return r.basis, r.category, r.inferred, r.copy_number, "" if plain else r.qualifier, () if plain else r.sources


def _calls_said(kb, drugs: list[str], per_drug: list[tuple[Reading, ...]]) -> str:
    """'F1174L is sensitive to alectinib and lorlatinib in the knowledge base (reviews only) [LIN17T2]' where each
    change's call has the same sources and mark for every drug; 'C1156Y is sensitive to alectinib (reviews only)
    [LIN17T2] and to lorlatinib [LIN17T2; EID842] in the knowledge base' where they differ, each drug with its own
    (clinical read of stop 53: R4_C1156Y said the whole sentence twice, once per drug, for that difference alone)."""
    said = []
    for k, first in enumerate(per_drug[0]):
        calls = [readings[k] for readings in per_drug]
        if all((r.sources, r.evidence_mark) == (first.sources, first.evidence_mark) for r in calls):
            said.append(readings_text(kb, (first,), drugs[0], {first.basis}, inhibitor_list(kb, drugs)))
            continue
        each = " and to ".join(f"{display_name(kb, r.inhibitor)}{r.marked}{cited(kb, r.sources)}" for r in calls)
        said.append(f"{first.basis} is {first.category} to {each} in the knowledge base")
    return "; ".join(said)


def _neither_sentence(kb, drugs: list[str], per_drug: list[tuple[Reading, ...]]) -> tuple[str, list[str]]:
    """sensitive_unaffected's sentence after `drugs` (one, or several with the same calls: `_shape`), to which the
    changes of `per_drug` (each drug's readings, in one order) are sensitive, and the sources of the calls and
    statements it names."""
    deciding = per_drug[0]
    found = deciding[0].basis if len(deciding) == 1 else f"the {alteration_word(deciding)}s found"
    said = [
        f"P-gp overexpression did not confer resistance to {inhibitor_list(kb, drugs, 'or')} in cell models "
        f"(preclinical evidence) {citation(kb, resistance_sources(kb, drugs))}",
        _calls_said(kb, drugs, per_drug),
    ]
    keys = [key for readings in per_drug for r in readings for key in r.sources]
    for r in (r for r in deciding if r.open_base):  # a partner this input does not show may make it resistant
        base = (*r.compound_base, *statement_sources(*compound_base_keys(drugs[0], (r.basis,))))
        said.append(
            f"a compound mutation with {r.basis} that this input does not show may explain such a progression "
            f"{citation(kb, base)}"
        )
        keys += base
    sentence = f" After a progression on {inhibitor_list(kb, drugs, 'or')}, neither {found} nor P-gp overexpression "
    return sentence + "is expected to explain it: " + "; ".join(said) + ".", keys


def _not_explained(kb, readings, open_drugs: list[str]) -> str:
    """' but not to brigatinib (sensitive in the knowledge base); whether it explains resistance to ensartinib, ...
    is not known': a drug the sources call sensitive apart from one with no call that settles it (no history: every
    drug after which the check is recommended, cohort review of stop 40)."""
    sensitive = [d for d in open_drugs if _sensitive_together(readings, d)]
    unsettled = [d for d in open_drugs if d not in sensitive]
    said = (
        f" but not to {inhibitor_list(kb, sensitive, 'or')}{_sensitive_words(kb, readings, sensitive)}"
        if sensitive
        else ""
    )
    if unsettled:
        said += f"; whether it explains resistance to {inhibitor_list(kb, unsettled, 'or')} is not known"
    return said


def _not_denied(kb, readings, open_drugs: list[str]) -> str:
    """'the ALK mutation found does not explain resistance to crizotinib (sensitive in the knowledge base); whether
    it explains resistance to ceritinib, ... is not known': a drug with no call that settles it is not denied (final
    read of stop 49: review19's M7, L1198F), and 'it' has the change found to refer to (rev50: 'no ALK mutation
    found explains ...; whether it explains ...' left it none)."""
    word = alteration_word(readings)
    sensitive = [d for d in open_drugs if _sensitive_together(readings, d)]
    unsettled = inhibitor_list(kb, [d for d in open_drugs if d not in sensitive], "or")
    if not sensitive:
        return f"whether the {word} found explains resistance to {unsettled} is not known"
    said = f"the {word} found does not explain resistance to {inhibitor_list(kb, sensitive, 'or')}"
    said += _sensitive_words(kb, readings, sensitive)
    return said + (f"; whether it explains resistance to {unsettled} is not known" if unsettled else "")


def _sensitive_words(kb, readings, drugs: list[str]) -> str:
    """' (sensitive in the knowledge base)' after the drugs to which the changes found are sensitive (`drugs`), with
    the drug table's mark where their calls carry one: ' (sensitive in the knowledge base, reviews only)' where every
    drug's does, '... base; brigatinib and ensartinib: reviews only)' where some do (clinical read of stop 53: the
    table marked L1196M's brigatinib and ensartinib calls '(reviews only)', the note's parenthesis did not)."""
    marks: dict[str, list[str]] = {}
    for drug in drugs:
        marks.setdefault(_sensitive_mark(readings, drug), []).append(drug)
    if list(marks) == [""]:
        return " (sensitive in the knowledge base)"
    if len(marks) == 1:
        return f" (sensitive in the knowledge base, {next(iter(marks))})"
    each = "; ".join(f"{inhibitor_list(kb, named)}: {mark}" for mark, named in marks.items() if mark)
    return f" (sensitive in the knowledge base; {each})"


def _sensitive_mark(readings, drug: str) -> str:
    """The drug table's mark shared by the readings that make the changes found sensitive to `drug`
    (`_sensitive_together`'s), '' where they carry none or different ones."""
    marks = {r.evidence_mark for r in _deciding(readings, drug)}
    return marks.pop() if len(marks) == 1 else ""


def _deciding(readings, drug: str) -> list[Reading]:
    """The compound's reading for `drug` where the clonal changes form one, every clonal reading otherwise."""
    own = [r for r in readings if r.clonal and r.inhibitor == drug]
    return [r for r in own if "+" in r.basis] or own


def _sensitive_together(readings, drug: str) -> bool:
    """The sample's clonal changes read together are sensitive to `drug`, firmly: the compound's reading where the
    changes form one (its inhibitor cell), every clonal reading otherwise. One sensitive part beside a compound whose
    call is `unknown (inferred)` is not (clinical read of stop 43, finding 2: I1171N+L1196M+G1202R, phase unknown,
    read 'not to ensartinib (sensitive in the knowledge base)' beside the cell's 'unknown (inferred)', from
    L1196M's own call)."""
    deciding = _deciding(readings, drug)
    return bool(deciding) and all(r.category == "sensitive" and r.firm for r in deciding)


__all__ = ["found_without_history", "sensitive_unaffected", "settling_of", "unaffected_said", "with_unaffected"]
