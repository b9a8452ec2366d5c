"""The notes of a sample whose DNA shows no ALK fusion or no ALK change that explains the progression (sample.py
adds them to the verdict's notes): a negative fusion status from DNA SV calls alone and the tests that would confirm
it, a kinase-domain change of unknown significance where nothing shows the tumour is ALK-driven, and GAI16's
ceritinib-resistant cells without ALK mutations beside a mutation-negative progression on ceritinib. Pure: reads only
the knowledge base, the resources and what the sample's verdict passes in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .note_identity import SV_ONLY_NEGATIVE_FUSION, Note
from .sample_types import OFF_TARGET, ON_TARGET_POSSIBLE, UNEXPLAINED, AlkMutation
from .sourced_text import citation, gai16_applies, statement, statement_sources, statement_text

if TYPE_CHECKING:
    from .lines_of_therapy import LineOfTherapy
    from .samplesheet import SheetRow


# a negative fusion status from DNA SV calls alone (no fusion table covers the sample): what it does not exclude
# (shared/kb fusions.md section 7: RNA-level fusion evidence and IHC results are not in a DNA VCF; guidance.md
# section 0: a DNA VCF alone may lack the fusion record); the HTML's fusion cell says it too (report/view.py)
SV_ONLY_NEGATIVE = "no ALK fusion in the DNA SV calls; this does not exclude one: confirm by IHC, FISH or RNA"
SV_ONLY_NOTE = f"Fusion negative ({SV_ONLY_NEGATIVE}). "  # how its note opens (the HTML card leaves it out there)


def sv_only_negative_notes(kb, fusion: str, sv_seen: bool, tables_seen: bool, row: SheetRow | None = None) -> list[str]:
    """The note on a `negative` fusion status that rests on SV calls only (oncologist reading of stop 28); not where
    the sample sheet gives the ALK status, tested by IHC, FISH or NGS already (final reading of stop 28, finding 6:
    it asked for a test the sheet reports)."""
    if fusion != "negative" or not sv_seen or tables_seen or (row is not None and row.alk_status is not None):
        return []
    # guidance.md section 0's tests and sources; the HTML card's fusion line says the opening (report/card_notes.py)
    return [Note(f"{SV_ONLY_NOTE}{statement(kb, 'accepted_alk_tests')}", SV_ONLY_NEGATIVE_FUSION)]


def vus_without_alk_notes(mechanism: str, fusion: str, mutations: list[AlkMutation], row: SheetRow | None) -> list[str]:
    """A kinase-domain change of unknown significance where nothing shows the tumour is ALK-driven."""
    known_mutation = any(m.counts_for_resistance and m.resistance == "known" for m in mutations)
    if (
        mechanism != ON_TARGET_POSSIBLE
        or fusion not in ("negative", "not_assessed")
        or known_mutation
        or (row is not None and row.alk_status == "positive")
    ):
        return []
    vus = [m.label for m in mutations if m.resistance == "kinase_domain_vus"]
    kind = "kinase-domain changes" if len(vus) > 1 else "a kinase-domain change"
    # a change at a residue a known resistance alteration involves is named too (final read of stop 49: review19's
    # M7 read 'a kinase-domain change could cause it' beside a mutation table naming L1198F)
    residue = [m.label for m in mutations if m.resistance == "residue" and m.region == "kinase_domain"]
    at_residue = f"{', '.join(residue)}, {'kinase-domain changes' if len(residue) > 1 else 'a kinase-domain change'},"
    change = f"{', '.join(vus)}, {kind} of unknown significance," if vus else at_residue if residue else kind
    not_alk = (
        f"ALK positivity is not established (fusion {fusion.replace('_', ' ')}, no positive ALK status in the sample "
        f"sheet); if the tumour is not ALK-driven, {'they' if len(vus or residue) > 1 else 'the change'} may not "
        "matter at all."
    )
    if row is not None and row.progressed_on == ():
        # no progression recorded (progressed_on none): no resistance to speak of, only a change of unknown
        # significance (stop 48: 'On-target resistance is possible' of a tumour that never progressed)
        named = change.rstrip(",")
        return [
            f"{named[0].upper()}{named[1:]}: the sample sheet records no progression on an ALK inhibitor "
            "(progressed_on none), so no resistance can be inferred from "
            f"{'them' if len(vus or residue) > 1 else 'it'}; {not_alk}"
        ]
    # no treatment history (no sheet row, or progressed_on not given): both conditions, as the heading's 'if
    # progressed (treatment history unknown)' says (new user's read of stop 47)
    unknown_history = row is None or row.progressed_on is None
    only = "only if the tumour progressed (treatment history unknown) and only " if unknown_history else "only "
    return [
        f"On-target resistance is possible, not established: {change} could cause it {only}in an ALK-driven tumour, "
        f"and {not_alk}"
    ]


def mutation_negative_lorlatinib_notes(
    kb, mechanism: str, progressed: tuple[str, ...], changes: str, pgp, pgp_shown: bool
) -> list[str]:
    """GAI16 is about ceritinib-resistant cells without ALK mutations: said where ceritinib is in the history and the
    sample shows no ALK change, or only ones the latest drug is active against (PgpInputs.gai16_reading, as the P-gp
    note and the cells ask it) unless the P-gp
    note (`pgp`, pgp.PgpAssessment: its caveats_said, as built) says it beside the figures. Where P-gp overexpression is
    shown (`pgp_shown`), KAT16's finding about P-gp-overexpressing cells is said beside it, so that the two do not
    read as contradicting each other (`pgp_cells`)."""
    # with only changes the latest drug is active against, the row that says that scope (stop 48)
    key = f"mutation_negative_lorlatinib{'_unexplaining' if changes == 'unexplaining' else ''}"
    said = statement(kb, key)
    if (
        mechanism not in (OFF_TARGET, UNEXPLAINED)
        or not gai16_applies(progressed)  # ceritinib given, lorlatinib not yet (review 19, finding 9)
        or changes not in ("none", "unexplaining")
        or key in pgp.caveats_said
    ):
        return []
    found = pgp_cells(kb, progressed, pgp.lines_said) if pgp_shown else ""
    if found:
        said = f"{said.rstrip('.')}; in this tumour P-gp overexpression is shown (ABCB1 IHC positive){found}."
    return [said]


def pgp_cells(kb, progressed: tuple[str, ...], lines_said: tuple[LineOfTherapy, ...]) -> str:
    """What the sources found for lorlatinib in P-gp-overexpressing cells (KAT16's, then SEED's 'low concentrations':
    review of stop 30, finding 4), said once per sample, and as the study says it (rev50 review, review19's M2): where
    the P-gp note says it (its 'With P-gp IHC positive' sentence: the rows it says, `lines_said`, PgpAssessment's, as
    built), ': the P-gp note gives what cell models with P-gp
    overexpression showed for lorlatinib [KAT16; SEED]';
    elsewhere each finding in full, its row for both drugs the study tested (lines_of_therapy.tsv `together`:
    'conferred crizotinib and ceritinib resistance but not resistance to alectinib or lorlatinib'), not lorlatinib's
    row alone, which read as if KAT16 had not tested alectinib. '' where no source is about such cells."""
    from .lines_of_therapy import lines_of_therapy  # the table, only where a note says what P-gp cells showed

    lines = [x for x in lines_of_therapy() if x.inhibitor == "lorlatinib" and x.pgp_overexpressed]
    about = [x for x in lines if x.applies(progressed)] or lines
    sources = tuple(dict.fromkeys(key for x in about for key in x.sources))
    if not about:
        return ""
    if all(x in lines_said for x in about):
        shown = "what cell models with P-gp overexpression showed for lorlatinib"
        return f": the P-gp note gives {shown} {citation(kb, sources)}"
    found = dict.fromkeys(
        f"{statement_text(x.together)} ({x.evidence_kind}) {citation(kb, statement_sources(x.together))}"
        if x.together
        else f"{x.statement} ({x.evidence_kind}) {citation(kb, x.sources)}"
        for x in about
    )
    return ": " + "; ".join(found)
