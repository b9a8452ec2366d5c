"""The data of the P-gp check of one sample (pgp.py makes it): what it rests on besides the knowledge base
(`PgpInputs`: the sheet's row, the genotype readings, the ALK status, the off-target findings, the genes the records
reach, ...; sample.py makes them), and what it gives (`PgpAssessment`: the flag, the context, the note with its
sources and parts, and what the note says, as built, that other readers ask). Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .bypass_coverage import GeneCoverage
from .offtarget import OffTarget
from .readings import Reading
from .records import record
from .sourced_text import Objection

if TYPE_CHECKING:
    from .lines_of_therapy import LineOfTherapy
    from .samplesheet import SheetRow


@record(frozen=True)
class PgpAssessment:
    """A sample's P-gp (ABCB1) check: the flag, the clinical context and the note, with sources."""

    check: str  # recommended | low_yield | if_progressed | not_indicated
    context: str  # see CONTEXTS
    note: str
    affected_progressed: tuple[str, ...] = ()  # inhibitors progressed on whose activity P-gp reduces or may reduce
    not_affected: tuple[str, ...] = ()  # inhibitors P-gp overexpression did not affect
    affected: tuple[str, ...] = ()  # inhibitors whose activity P-gp overexpression reduced (KAT16)
    # the others, in pgp_effects.undecided_groups' three groups (JSON pgp.conflicting, untested, no_data; schema 2.24)
    conflicting: tuple[str, ...] = ()
    untested: tuple[str, ...] = ()
    no_data: tuple[str, ...] = ()
    ihc: str | None = None
    tpm: float | None = None
    sources: tuple[str, ...] = ()  # those the note cites, gathered with the parts that cite them (never read back)
    reason: str = ""  # the cited sentence the check rests on, for the note where ALK positivity is not established
    # the sources of the note's first sentence and of `reason`, the parts a note whose ALK positivity is not
    # established keeps (clinical review of stop 41, finding 12)
    kept_sources: tuple[str, ...] = ()
    # the sources the flag rests on, identified: ##alkannotSample PgpSources (contract audit of stop 45; README)
    check_sources: tuple[str, ...] = ()
    # the (note kind, change, drug) triples of the sample notes whose whole the note's lead says: a change with no
    # genotype-based call for the drug last progressed on (NO_CALL, pgp_lead.no_call_named) or one called sensitive to
    # it (SENSITIVE_TO_LATEST): the card leaves that note out (report/card_notes.document_kinds), by this fact, not by
    # finding the clause in the note
    lead_named: tuple[tuple[str, str, str], ...] = ()
    # the note's parts, each with its kind (pgp_parts; JSON pgp.parts, schema 2.29): () where the note is one part
    parts: tuple[tuple[str, str], ...] = ()
    # the advice's first sentence as built, after the flag (the lead, or a positive IHC's finding where it leads;
    # with no history what the ALK changes found explain): a note whose ALK positivity is not established keeps it as
    # the check's reason (_until_alk_status), not the note's text up to a full stop; '' on the other paths
    opening: str = ""
    # what the note's sourced options say (pgp_advice.Advice): the lines_of_therapy.tsv rows, and the statements.tsv
    # keys of the caveats beside their figures; the sample's notes on GAI16's and KAT16's cells say them only where
    # the note does not (sample_negative_notes), by these facts, not by finding the sentences in the note
    lines_said: tuple[LineOfTherapy, ...] = ()
    caveats_said: tuple[str, ...] = ()
    # the note names the known resistance mutations not counted (pgp_beside.none_found, in the lead or with no history):
    # the caveat on those in the matched normal does not name them again (sample_notes.with_normal_caveat)
    uncounted_named: bool = False
    # what the note's off-target sentences say whose sources the note lists (offtarget_pointer.Said: each candidate's
    # caveat, and the statements.tsv keys COMMON_POLYMORPHISM, TRANSFORMATION, PGP_NOT_FROM_VCF), as built, where
    # each is added: pgp_assessment lists their sources, never by finding the sentences in the note
    off_target_said: tuple[str, ...] = ()
    # what the note says of the genes alkannot checks where it names no candidate (offtarget_pointer.Screened: that no
    # alteration was found in those the records reach, and which are not assessed), as it stands in the note, the
    # statements.tsv keys it says, and the sources the note cites there only: what a recorded off-target candidate's
    # sentence takes the place of, and the sources it drops (recorded_offtarget.with_recorded_candidate), by these
    # facts, not by finding the sentence again in the note; '' where the note does not say it
    screen: str = ""
    screen_says: tuple[str, ...] = ()
    screen_sources: tuple[str, ...] = ()
    # the check the note gives once the tumour is ALK-positive (its flag: recommended, low_yield, if_progressed) where
    # the check waits for the ALK status (context alk_not_established; pgp._until_alk_status), '' otherwise: JSON
    # pgp.once_alk_positive (schema 2.31), which the HTML's tag and box say ('recommended if ALK-positive')
    once_alk_positive: str = ""


@record(frozen=True)
class PgpInputs:
    """What the check of one sample rests on besides the knowledge base."""

    row: SheetRow | None
    readings: tuple[Reading, ...]  # clonal and subclonal ALK alterations x every inhibitor (genotype calls)
    alk_negative: bool = False
    alk_unestablished: str = ""  # why ALK positivity is not established ('' where nothing puts it in doubt)
    off_target: tuple[OffTarget, ...] = ()
    alk_assumed: str = ""  # nothing shows ALK positivity (what the input shows instead): advice only if it is
    alk_discordant: str = ""  # the sample sheet gives ALK-negative and this input shows ALK (what it shows)
    # kinase-domain records whose REF disagrees with the reference ('the record chr2:29220747 A>T (c.3604 in codon
    # 1202)'): whether the tumour carries an ALK resistance mutation cannot be said
    unevaluable: tuple[str, ...] = ()
    # the tumour's own resistant or intermediate calls: said beside that drug's sourced activity
    # (pgp_beside.genotype_objections; review 19, finding 1)
    objections: tuple[Objection, ...] = ()
    vus: tuple[str, ...] = ()  # kinase-domain changes of unknown significance, named (review 19, finding 5)
    uncounted: tuple[str, ...] = ()  # known resistance mutations listed, not counted (pgp_beside.uncounted_known)
    # the genes alkannot checks that the sample's records reach (offtarget_screen.screened_genes): the others are said
    # to be not assessed, never screened negative (clinical review of stop 40's example report)
    screened: tuple[GeneCoverage, ...] = ()
    clonality_tested: bool = True  # --min-vaf given: a change at or above it is taken as clonal

    @property
    def alk_change_read(self) -> bool:
        """Whether the sample shows an ALK change, as GAI16's caveat (cells without ALK mutations) asks: a genotype
        reading (a mutation, a compound, a copy-number gain), a kinase-domain record that could not be evaluated, a
        kinase-domain change of unknown significance (an ALK mutation, whatever it does), or a known resistance
        mutation not counted (also in the matched normal, or filtered), which may be the tumour's. The P-gp note,
        the inhibitor cells and the sample's notes all ask it here."""
        return bool(self.readings or self.unevaluable or self.uncounted or self.vus)

    def gai16_reading(self, latest: str | None) -> str:
        """What GAI16's caveat asks of the sample's ALK changes (sourced_text.gai16_caveats): 'none' where none is read;
        'unexplaining' where every one is a genotype reading the knowledge base calls sensitive to the latest drug
        (L1196M after ceritinib: it does not explain the progression, and must not silence the caveat, which is then
        said with that scope; stop 48); 'read' otherwise (a change that may explain it, a VUS, an uncounted or an
        unevaluable record)."""
        if not self.alk_change_read:
            return "none"
        if self.unevaluable or self.uncounted or self.vus or latest is None:
            return "read"
        sensitive = {r.basis for r in self.readings if r.inhibitor == latest and r.category == "sensitive"}
        return "unexplaining" if sensitive == {r.basis for r in self.readings} else "read"


__all__ = ["PgpAssessment", "PgpInputs"]
