"""The advice of a P-gp note after a progression no ALK change explains (pgp.py decides the check): after a drug
P-gp overexpression did not affect (`low_yield_advice`: why P-gp is unlikely, re-use of an earlier drug it does
affect) and after one it reduces or may reduce (`recommended_advice`: the IHC to order or its finding, how often
P-gp is overexpressed, the drugs it did not affect, the P-gp inhibitor combination), each with its sources. Pure:
reads only the knowledge base and what the sample's verdict passes in (`inputs`: pgp.PgpInputs, untyped here: pgp
imports this module)."""

from __future__ import annotations

from .lines_of_therapy import LineOfTherapy, lines_of_therapy
from .pgp_beside import IHC_AS_RESEARCH, no_frequency_after
from .pgp_effects import PgpFacts
from .pgp_ihc import Cited, effect_on, positive_ihc
from .records import record
from .sourced_text import (
    SOURCED_ACTIVITY,
    citation,
    cited,
    display_name,
    gai16_caveats,
    inhibitor_list,
    option_texts,
    resistance_sources,
    statement,
    statement_sources,
)


@record(frozen=True)
class Advice:
    """A note's advice after a progression no ALK change explains, before the pointer and the P-gp facts: its text,
    the sources it cites, the check's reason, and the sources of the parts a note whose ALK positivity is not
    established keeps (the first sentence and the reason), and the pieces it adds after its verdict, each with its
    kind (pgp_parts.located); and its first sentence as built (`opening`: the lead, or a positive IHC's finding where
    it comes first), which a note whose ALK positivity is not established keeps (pgp._until_alk_status); what its
    options say, for the sample's notes that say it only where the P-gp note does not (sample_negative_notes)."""

    text: str
    sources: tuple[str, ...]
    reason: str
    kept: tuple[str, ...]
    pieces: tuple[tuple[str, str], ...] = ()
    opening: str = ""
    lines_said: tuple[LineOfTherapy, ...] = ()  # the lines_of_therapy.tsv rows its options say
    caveats_said: tuple[str, ...] = ()  # the statements.tsv keys of the caveats said beside their figures (GAI16's)
    cells_given: tuple[str, ...] = ()  # the drugs whose KAT16 finding in cells the text gives after the lead


_UNAFFECTED = "to which P-gp overexpression did not confer resistance in cell models"

# KAT16's finding in cells for the four drugs it tested (statements.tsv), and as the note says it after a lead that has
# given the drug progressed on's P-gp effect [KAT16; SEED]: the alectinib and lorlatinib part only, the other drug's
# in the P-gp facts (clinical read of stop 52: the lead, the 'If P-gp IHC is positive' text and the facts said it)
KAT16_CELLS = "pgp_kat16_not_alectinib_lorlatinib"
KAT16_CELLS_AFTER_LEAD = f"{KAT16_CELLS}_after_lead"


def cells_said(facts: PgpFacts, advice: Advice, latest: str = "", kind: str = "") -> tuple[str, ...]:
    """The drugs P-gp overexpression did not affect whose finding in cells the note has given: KAT16's alectinib and
    lorlatinib where its 'If P-gp IHC is positive' text gives them (after the lead), and the drug progressed on where
    it is one of them (`kind` 'unaffected': the low-yield reason says it, `low_yield_advice`; clinical read of stop
    52: P5_T's note said alectinib's finding in the reason and again in the P-gp facts). The P-gp facts refer to it
    for them; () where the note gives none. Read from what `recommended_advice` says (`Advice.cells_given`), not from
    the note's text."""
    given = {latest} if kind == "unaffected" else set(advice.cells_given)
    return tuple(d for d in facts.unaffected if d in given)


def _unaffected_options(
    kb,
    history: tuple[str, ...],
    unaffected,
    pgp_negative: bool,
    caveats,
    objections,
    ihc_positive: bool,
    said_as: dict[str, str],
) -> tuple[str, str, tuple[str, ...], tuple[LineOfTherapy, ...], tuple[str, ...]]:
    """offered_options for the P-gp note's inhibitors, those to which P-gp overexpression did not confer resistance:
    said as such, so that the list is not read as every option after this history (ceritinib and brigatinib have
    sourced activity after crizotinib too; clinical review of stop 31): the text, its closing sentence on the rows
    about P-gp-overexpressing cells ('If P-gp IHC is positive: ...', for the note's parts) or '', the sources, and
    the rows and caveats it says (sourced_text.option_texts); `said_as`, a `together` key said as another."""
    # the finding the heading names, cited as the note cites it for these drugs elsewhere ('did not confer resistance
    # to alectinib or lorlatinib in cell models [KAT16; SEED]'): it said it uncited (clinical read of stop 53)
    keys = resistance_sources(kb, unaffected)
    heading = f"{SOURCED_ACTIVITY} of the inhibitors {_UNAFFECTED}{cited(kb, keys)}"
    text, in_cells, sources, lines, placed = option_texts(
        kb, history, unaffected, pgp_negative, caveats, objections, ihc_positive, heading, said_as
    )
    return text, in_cells, tuple(dict.fromkeys((*keys, *sources))) if text else (), lines, placed


def low_yield_advice(kb, facts: PgpFacts, inputs, history: tuple[str, ...], lead: Cited, ihc) -> Advice:
    """After a drug P-gp overexpression did not affect: why P-gp is unlikely, what a positive IHC would mean, and for
    an earlier drug it does affect, re-use."""
    latest = history[-1]
    keys = kb.inhibitor(latest).pgp_confers_resistance_sources
    reason = (
        f"P-gp overexpression did not confer resistance to {display_name(kb, latest)} in cell models "
        f"{citation(kb, keys)}, so P-gp is an unlikely explanation for this progression (preclinical evidence)."
    )
    positive, positive_keys = positive_ihc(kb, facts, ihc, latest)
    text, cites = f"{lead[0]}. {reason}" + positive, [*lead[1], *keys, *positive_keys]
    # not a drug a clonal mutation already makes resistant: re-use is no question there (clinical review
    # 2026-12-01, second reading, finding 12)
    excluded = {r.inhibitor for r in inputs.readings if r.clonal and r.firm and r.category == "resistant"}
    earlier = [d for d in history[:-1] if facts.kind(d) == "affected" and d not in excluded]
    pieces: list[tuple[str, str]] = []
    if earlier and ihc not in ("positive", "negative"):
        sources = tuple(dict.fromkeys(x for d in earlier for x in kb.inhibitor(d).pgp_confers_resistance_sources))
        reuse = (  # the IHC of a later biopsy cannot date an earlier progression; it can inform re-use
            f" A positive P-gp IHC would argue against giving {inhibitor_list(kb, earlier)} again: P-gp "
            f"overexpression reduces {'their' if len(earlier) > 1 else 'its'} activity in cell models "
            f"{citation(kb, sources)}."  # KAT16's finding, preclinical, as the P-gp facts say it (clin49)
        )
        text += reuse
        cites += sources
        pieces.append(("if_ihc_positive", reuse))
    return Advice(text, tuple(cites), reason, (*lead[1], *keys), tuple(pieces), f"{lead[0]}.")


def recommended_advice(kb, facts: PgpFacts, inputs, history: tuple[str, ...], lead: Cited, ihc) -> Advice:
    """After a drug P-gp overexpression reduces or may reduce: what P-gp does to it, the IHC to order (or its
    finding), how often P-gp is overexpressed, the sourced activity of the drugs it did not affect, and the P-gp
    inhibitor combination."""
    latest = history[-1]
    kind = facts.kind(latest)
    ask = "" if ihc in ("positive", "negative") else f" Check P-gp (ABCB1) by IHC {IHC_AS_RESEARCH}."
    (positive, positive_keys), (reason, reason_keys) = (
        positive_ihc(kb, facts, ihc, latest),
        effect_on(kb, kind, latest),
    )
    # how often P-gp is overexpressed, and that KAT16's figure is not that drug's yield (review 19, finding 6):
    # not once the IHC is done (clinical review 2026-12-01, second reading, finding 14; review 21, finding 13)
    after = no_frequency_after(kb, facts.affected, latest, kind)
    frequency = "" if ihc in ("positive", "negative") else f" {statement(kb, 'pgp_frequency')}{after}"
    # a negative IHC's first sentence says the drug's P-gp effect, with its sources (negative_ihc)
    said = "" if ihc == "negative" and kind == "affected" else f" {reason}"
    text, opening, first = f"{lead[0]}.{said}{ask}{positive}{frequency}", lead[1], f"{lead[0]}."
    if ihc == "positive":  # the check is done: its finding first (review 9, clinical, finding 6)
        text, opening = f"{positive.strip()} {lead[0][0].upper()}{lead[0][1:]}. {reason}", positive_keys
        first = positive.strip()  # one sentence (pgp_ihc.positive_ihc)
    cites = [*lead[1], *reason_keys, *positive_keys, *(statement_sources("pgp_frequency") if frequency else ())]
    # GAI16 beside the lorlatinib figures: ceritinib-resistant cells without ALK mutations resisted lorlatinib
    # (not after a positive IHC: then KAT16's P-gp-overexpressing cells, in which lorlatinib was active, apply)
    caveats = gai16_caveats(kb, history, inputs.gai16_reading(history[-1] if history else None), ihc == "positive")
    # the lead has given the drug's P-gp effect in KAT16's cells: not said again here; a said row with KAT16's
    # `together` key is said in that key's sentence (sourced_text._together), said as after the lead instead
    after_lead = {KAT16_CELLS: KAT16_CELLS_AFTER_LEAD} if kind == "affected" else {}
    # the tumour's own resistant or intermediate call beside a drug offered (review 19, finding 1)
    options, in_cells, option_keys, lines_said, caveats_said = _unaffected_options(
        kb,
        history,
        list(facts.unaffected),
        ihc == "negative",
        caveats,
        inputs.objections,
        ihc == "positive",
        after_lead,
    )
    given: tuple[str, ...] = ()
    if after_lead and any(line.together == KAT16_CELLS for line in lines_said):
        given = tuple(line.inhibitor for line in lines_of_therapy() if line.together == KAT16_CELLS)
    text, cites = text + options, cites + list(option_keys)
    general = options[: len(options) - len(in_cells)]  # in_cells ends `options` ('' where it is all of it)
    pieces = [("frequency", frequency), ("alternatives_after_history", general), ("if_ihc_positive", in_cells)]
    if kind == "affected" and ihc != "negative":  # the combination was studied with ceritinib (and crizotinib)
        text += " " + statement(kb, "pgp_combination")
        cites += statement_sources("pgp_combination")
        pieces.append(("pgp_inhibitor_combination", statement(kb, "pgp_combination")))
    return Advice(
        text, tuple(cites), reason, (*opening, *reason_keys), tuple(pieces), first, lines_said, caveats_said, given
    )
