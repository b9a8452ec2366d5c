"""The data a per-sample verdict is made of (sample.py decides them): the sample's context, its ALK mutations,
the per-inhibitor calls, the compound and the verdict itself, and the `mechanism` values."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .alterations import truncating_change
from .bypass_coverage import GeneCoverage
from .copynumber import AlkCopyNumber
from .filters import failed_only_for_the_normal
from .filters import passed as filter_passed
from .flag_words import PHASE_UNKNOWN_WORDS
from .offtarget import OffTarget
from .pgp import PgpAssessment
from .readings import (
    CASE_REPORT_ONLY,
    IN_SILICO,
    INFERRED,
    ONE_CASE_REPORT,
    OTHER_CONTEXT,
    PRECLINICAL_ONLY,
    REVIEWS_ONLY,
    SOURCES_DISAGREE,
    case_report_words,
    evidence_mark,
    mark_flags,
)
from .records import record, replace
from .sourced_text import merged_labels

if TYPE_CHECKING:
    from .samplesheet import SampleSheet, SheetRow

ON_TARGET = "on_target"
ON_TARGET_POSSIBLE = "on_target_possible"
OFF_TARGET = "off_target_candidate"
UNEXPLAINED = "unexplained"


@record(frozen=True)
class SampleContext:
    """Everything besides the survey that decides a verdict."""

    tumor: str | None = None
    min_vaf: float | None = None
    sheet: SampleSheet | None = None
    sv_samples: frozenset[str] | None = None  # sample columns of the SV inputs; None = all samples
    table_samples: frozenset[str] | None = None  # samples named by --fusions SAMPLE=PATH; None = all
    recorded_fusion: tuple[tuple[str, str], ...] = ()  # (sample, Fusion=) of ##alkannotSample lines already in the VCF
    # (sample, FusionPartner=, FusionVariant= ('' where none)) of those lines: the fusion the recorded verdict used
    recorded_fusion_call: tuple[tuple[str, str, str], ...] = ()
    # (sample, AlkCopyNumber= changes) of those lines: weighed where this run finds none for the sample
    recorded_copy_number: tuple[tuple[str, tuple[AlkCopyNumber, ...]], ...] = ()
    # (sample, OffTarget= and OffTargetSetAside= findings) of those lines (OffTarget.recorded): judged with this run's
    # own findings, before the verdict, where this run has no --sv evidence for the sample (recorded_offtarget.py)
    recorded_off_target: tuple[tuple[str, tuple[OffTarget, ...]], ...] = ()
    # (sample, OffTargetCovered= genes) of those lines: the genes alkannot checks that the annotate run's records
    # reached (its --sv evidence too), joined with this run's where this run has no --sv evidence for the sample
    recorded_screen: tuple[tuple[str, tuple[GeneCoverage, ...]], ...] = ()
    tumours: tuple[str, ...] = ()  # every ##tumor_sample of the header, and the sample sheet's tumours (role)
    normals: tuple[str, ...] = ()  # every ##normal_sample of the header, and the sample sheet's normals (role, normal)
    # tumour -> its matched normal, as the sample sheet's `normal` column declares them (a merged multi-pair VCF)
    matched_normals: tuple[tuple[str, str], ...] = ()
    # no matched normal anywhere: no ##normal_sample, no NORMAL column, every sample reported (sample.sample_verdicts)
    tumour_only: bool = False
    # the normals the input holds when none of them is known to be this sample's (a merged cohort with no `normal`
    # column): its changes were checked against none of them (sample_notes.tumour_only_notes)
    unpaired_normals: tuple[str, ...] = ()
    # the verdict's note texts are read (a report, the API): False where only what the VCF writes of it is (annotate
    # without --report: written_verdicts.py), whose notes are then left as made, not identified once (issue 13)
    notes_read: bool = True


@record(frozen=True)
class AlkMutation:
    """An ALK mutation found in one sample: its record, allele fraction, phase and knowledge-base calls."""

    protein_change: str  # 'G1202R' (one-letter, no 'p.'); '?' for a record whose REF disagrees with the reference
    hgvsp: str
    hgvsc: str
    consequence: str
    region: str
    aa_position: int | None
    chrom: str
    pos: int
    ref: str
    alt: str
    filter: str
    vaf: float | None
    vaf_source: str | None  # one of genotype.VAF_SOURCES (the FORMAT key: 'AF', 'AD', 'AO', 'TU', 'TIR', ...)
    depth: int | None
    low_vaf: bool
    resistance: str  # known | residue | kinase_domain_vus | activating | none | unknown (REF mismatch: no call)
    calls: tuple[tuple[str, str], ...]  # (inhibitor, category)
    evidence: tuple[str, ...]
    phase_set: str | None = None  # 'PS:123' | 'PID:...' | None
    haplotype: str | None = None  # '0|1' / '1|0' of the phased genotype
    record: int = -1
    ref_mismatch: bool = False  # REF disagrees with the bundled reference: no call, not used for the verdict
    in_normal: tuple[str, ...] = ()  # normals carrying it (called; or reads, where the filter names the normal)
    # where `in_normal` rests on the normals' reads alone: the other samples of the file carrying the change too (a
    # merged multi-pair file has one FILTER for all its pairs: it may have been set for another pair)
    filter_shared_with: tuple[str, ...] = ()
    location: str = "."  # of a REF-mismatch record: 'c.3604 in codon 1202'
    clonality_tested: bool = True  # --min-vaf was given, so `low_vaf` (and `clonal`) say something
    # tumour-only input, a kinase-domain change of unknown significance beside a known resistance mutation: its origin
    # is not established (it may be germline), so it forms no compound and is no allele-fraction yardstick
    # (unestablished_origin.py; RULES.md section 8); still counted for the mechanism as a VUS is
    unestablished_origin: bool = False
    # the knowledge base's sources on the change, by statement label: cited for some inhibitor's call, and listed for
    # some call and counted for none (AlterationCall.counted_sources / listed_sources; clinical review hN, finding 7)
    sources: tuple[str, ...] = ()
    listed_sources: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """What the report calls it: the protein change, or for a record whose REF disagrees with the reference
        where it is, never a protein change derived from a reference the record contradicts."""
        return f"REF mismatch at {self.location}" if self.ref_mismatch else self.protein_change

    @property
    def unevaluable(self) -> bool:
        """A kinase-domain record that passed the caller's filters, not germline, whose REF disagrees with the
        reference: whether it is a resistance mutation cannot be said, so the sample's ALK mutation status is
        not established (it is not ALK-mutation-negative)."""
        return self.ref_mismatch and filter_passed(self.filter) and not self.in_normal and self.in_kinase_domain

    @property
    def passed(self) -> bool:
        return filter_passed(self.filter) and not self.ref_mismatch

    @property
    def clonal(self) -> bool:
        return not self.low_vaf

    @property
    def truncating(self) -> bool:
        """A stop-gained, frameshift or start-lost change (its Sequence Ontology terms; a frameshift through the stop
        codon lengthens the protein and is not one). It cannot make a drug-resistant active ALK kinase: in cis it ends
        the fusion's kinase, in trans it sits on the non-rearranged allele. Its class stays `kinase_domain_vus` in the
        kinase domain (the ALK_RESISTANCE values are the contract's); it is listed with a note, never counted for the
        mechanism and never part of a compound (RULES.md sections 4 and 5)."""
        terms = set((self.consequence or "").split("&"))
        if terms & {"stop_gained", "start_lost"} or ("frameshift_variant" in terms and "stop_lost" not in terms):
            return True
        return not self.ref_mismatch and truncating_change(self.protein_change)

    @property
    def counts_for_resistance(self) -> bool:
        """A change the verdict weighs: passed filters, REF agrees, not an activating-only variant, not truncating,
        and not carried by the matched normal (a germline variant is not acquired resistance)."""
        return (
            self.passed
            and not self.in_normal
            and not self.truncating
            and self.resistance in ("known", "residue", "kinase_domain_vus")
        )

    @property
    def known_not_counted(self) -> bool:
        """A known resistance mutation the input holds but the verdict does not count: also in the matched normal, or
        its record failed the caller's filter (REF agrees, not truncating). The P-gp note names it
        (pgp_beside.uncounted_known) and the calls it would change are withheld (sample_notes.with_uncounted_calls)."""
        return self.resistance == "known" and not (self.counts_for_resistance or self.ref_mismatch or self.truncating)

    @property
    def in_kinase_domain(self) -> bool:
        return self.region == "kinase_domain"


@record(frozen=True)
class InhibitorVerdict:
    """A sample's call for one inhibitor and what it rests on."""

    inhibitor: str
    category: str  # sensitive | intermediate | resistant | conflicting | unknown
    basis: str  # what the call rests on: 'G1202R', 'G1202R+L1196M (cis)', 'EML4::ALK', ...
    sources: tuple[str, ...] = ()
    evidence_kinds: tuple[str, ...] = ()
    inferred: bool = False
    progressed_on: bool = False  # the patient progressed clinically on this inhibitor
    note: str = ""
    subclonal: bool = False  # the call rests on a mutation (or compound part) below --min-vaf
    # progressed on before a later inhibitor, and the tumour carries the documented re-sensitising compound itself
    # (re-sensitiser and partners, in cis, comparable allele fractions): the genotype call is shown, not `resistant`
    # (progression.py)
    resensitised: bool = False
    # a drug progressed on before a later one, with the documented re-sensitising compound in cis at comparable allele
    # fractions, whose re-challenge case was not assessed only because no --min-vaf was given (progression.py)
    rechallenge_untested: bool = False
    # the genotype call's category where its deciding sources disagree on the direction (InhibitorCall.shows_dispute:
    # G1269A and alectinib, intermediate); '' where they agree
    disputed_category: str = ""
    # the statements listed for the genotype call that did not decide it (GAI16 for G1202R and lorlatinib: 'listed,
    # not a vote'; another context's); shown apart from `sources`, labelled (review 19, finding 8)
    listed_sources: tuple[str, ...] = ()
    # the genotype call's category where every statement that decided it is a computer prediction (L1256F and
    # lorlatinib, OKA19: InhibitorCall.in_silico_only); '' otherwise (review 19, finding 4)
    in_silico_category: str = ""
    # the genotype call's category where every statement that decided it is preclinical (InhibitorCall.
    # preclinical_only: brigatinib and I1171T, SAB17's in-vitro listing); '' otherwise (review of stop 32, finding 5)
    preclinical_category: str = ""
    # the genotype call's category where no statement about ALK-positive NSCLC decided it (InhibitorCall.context
    # 'other': I1171N+L1196M, one EML4-ALK pleural mesothelioma case); '' otherwise (report reading of stop 33)
    other_context_category: str = ""
    # the genotype call's category where every statement that decided it is a case report (InhibitorCall.
    # case_report_only: C1156Y+L1198F and crizotinib, EID844), and whether they report one publication ('one case
    # report') or several ('case reports only'); '' and False otherwise (clinical reading of stop 41, finding 8)
    case_report_category: str = ""
    single_case_report: bool = False
    # the genotype call's category where every statement that decided it is review-level (readings.reviews_only: G1202R
    # and lorlatinib, LIN17T2 and PEL21); '' otherwise (clinical read h1, finding 10)
    reviews_category: str = ""
    # the sheet's ABCB1 IHC is positive and the sources leave open what P-gp overexpression does to this drug
    # (pgp_unsettled.py: ensartinib, conflicting; brigatinib, untested): a per-sample qualifier of a sensitive or
    # intermediate call (clinical review of stop 42, finding 4)
    pgp_unsettled: bool = False

    @property
    def preclinical(self) -> bool:
        """The call printed is the genotype call and no patient's statement decided it: marked '(preclinical only)'
        in the TSV, the HTML, `lookup` and ALK_CALL_QUALIFIERS; not where the call is the patient's progression."""
        return self._genotype_call_is(self.preclinical_category)

    @property
    def case_report_only(self) -> bool:
        """The call printed is the genotype call and only case reports decided it: marked '(one case report)' or
        '(case reports only)' in the TSV, the HTML, `lookup` and ALK_CALL_QUALIFIERS; not where the call is the
        patient's progression."""
        return self._genotype_call_is(self.case_report_category)

    @property
    def reviews_only(self) -> bool:
        """The call printed is the genotype call and only review-level statements decided it: marked '(reviews only)'
        in the TSV, the HTML, `lookup` and ALK_CALL_QUALIFIERS; not where the call is the patient's progression."""
        return self._genotype_call_is(self.reviews_category)

    def _genotype_call_is(self, category: str) -> bool:
        """The printed call is the genotype call (not the patient's progression, unless resensitised) and is the
        `category` that one kind of evidence alone gave (preclinical, case reports, reviews)."""
        if self.progressed_on and not self.resensitised:
            return False
        return self._category_is(category)

    def _category_is(self, category: str) -> bool:
        """The call's category is `category`, the one that one kind of evidence alone gave it."""
        return bool(category) and self.category == category

    @property
    def evidence_mark(self) -> str:
        """The drug table's mark of the evidence behind this call (readings.evidence_mark: 'reviews only', 'preclinical
        only', 'one case report'), said where a note states it as the genotype call: an untried drug's call that a
        progression leaves unused (untried.not_carried_over: 'the call for L1196M alone is sensitive (reviews only)
        [LIN17T2]'), a drug progressed on (progression.resistant_in_this_patient). The genotype call's mark whatever the
        sample sheet says, since the note states that call; '' for none."""
        return evidence_mark(
            self._category_is(self.preclinical_category),
            case_report_words(self.single_case_report) if self._category_is(self.case_report_category) else "",
            self._category_is(self.reviews_category),
        )

    @property
    def one_case_report(self) -> bool:
        """case_report_only, from one publication's case report: '(one case report)'."""
        return self.case_report_only and self.single_case_report

    @property
    def other_context(self) -> bool:
        """The call printed is the genotype call and rests on other contexts only (RULES.md 3.2): marked '(other
        context)' in the TSV, the HTML, `lookup` and ALK_CALL_QUALIFIERS; not where the call is the progression's."""
        if self.progressed_on and not self.resensitised:
            return False
        return bool(self.other_context_category) and self.category == self.other_context_category

    @property
    def in_silico(self) -> bool:
        """The call printed is the genotype call and takes its direction from a computer prediction: marked
        '(chiefly in silico, no cell IC50 read)' in the TSV, the HTML and `lookup` (readings.IN_SILICO_LABEL); not
        where the call is the patient's progression."""
        if self.progressed_on and not self.resensitised:
            return False
        return bool(self.in_silico_category) and self.category == self.in_silico_category

    # the sources a note names for a call it does not use (the genotype call of an untried drug after a progression,
    # of a drug progressed on, under a positive ABCB1 IHC): not cited for this call, but listed with the sources the
    # output shows, so that a note that counts them ('11 CIViC evidence items') drops none (review 17, finding 12)
    note_sources: tuple[str, ...] = ()
    # what each measured item of the genotype call measured, by the key its note names it by: (('EID1351', 'IC50'),
    # ('EID1342', 'GI50')); the card says 'GI50' where the source measured one (JSON `measures`, schema 2.30)
    measures: tuple[tuple[str, str], ...] = ()

    @property
    def disputed(self) -> bool:
        """The call printed is the genotype call and its sources disagree on the direction: marked '(sources
        disagree)' in the TSV, the HTML and `lookup` (review 12, finding 7). Not where the call is the patient's
        progression, or another call replaced the genotype's (`unknown` for an untried drug, a change in the normal)."""
        if self.progressed_on and not self.resensitised:
            return False
        return bool(self.disputed_category) and self.category == self.disputed_category

    def kb_marks(self) -> dict[str, bool]:
        """The knowledge base's marks the printed call carries, by code (readings.KB_MARK_WORDS, and ONE_CASE_REPORT):
        the genotype call's (readings.mark_flags, through genotype_marks), none but `inferred` where the call is the
        patient's progression. The one mapping of each code to this verdict's property, which the ##alkannotSample
        Calls= qualifiers (sample_header.calls_value) and the report's JSON (report/sample_document) read."""
        return {
            INFERRED: self.inferred,
            SOURCES_DISAGREE: self.disputed,
            IN_SILICO: self.in_silico,
            PRECLINICAL_ONLY: self.preclinical,
            CASE_REPORT_ONLY: self.case_report_only,
            ONE_CASE_REPORT: self.one_case_report,
            REVIEWS_ONLY: self.reviews_only,
            OTHER_CONTEXT: self.other_context,
        }


def genotype_marks(ic) -> dict:
    """A genotype call's sources and marks for its InhibitorVerdict: the sources that decided it (a call with no vote
    of its own: all), the ones listed without counting (review 19, finding 8), and the category where its sources
    disagree or where it rests on a computer prediction alone (review 12, finding 7; review 19, finding 4)."""
    if ic is None:
        return {}
    # marked as `lookup` marks them (readings.mark_flags): never beside `unknown`, which makes no claim, nor beside
    # `conflicting`, which says itself that its sources disagree (readings.qualifiable, RULES.md 3.8)
    marks = mark_flags(ic)
    # a call whose statements are all listed, none deciding (TPX-0131: PMO21), cites none: they are listed; a
    # compound's call inferred from such parts lists them too (InhibitorCall.listed: clinical review of stop 41)
    return {
        "sources": ic.counted_sources,
        # each key once per drug (a compound's parts both list CGI: review of stop 46, item 3)
        "listed_sources": merged_labels(ic.listed_sources),
        "note_sources": ic.note_sources,
        "disputed_category": ic.category if marks[SOURCES_DISAGREE] else "",
        "in_silico_category": ic.category if marks[IN_SILICO] else "",
        "preclinical_category": ic.category if marks[PRECLINICAL_ONLY] else "",
        "case_report_category": ic.category if marks[CASE_REPORT_ONLY] else "",
        "single_case_report": ic.one_case_report,
        "reviews_category": ic.category if marks[REVIEWS_ONLY] else "",
        "other_context_category": ic.category if marks[OTHER_CONTEXT] else "",
        "measures": measured_items(ic),
    }


def measured_items(ic) -> tuple[tuple[str, str], ...]:
    """(item key, what it measured: 'IC50', 'GI50') for each item with a number among a call's statements, keyed as
    its note names it (Statement.key); an item whose rows measured different things is left out (its note names a
    measure other than an IC50 after the key: evidence._measured)."""
    said: dict[str, set[str]] = {}
    for v in ic.votes:
        if v.statement.has_measurement:
            said.setdefault(v.statement.key, set()).add(v.statement.measured_as)
    return tuple((key, words.pop()) for key, words in said.items() if len(words) == 1)


def demoted(verdict: InhibitorVerdict, *, cites_call: bool = False, **changes) -> InhibitorVerdict:
    """`verdict` with the genotype call replaced (`changes`: the new category, sources, note, ...): the statements
    listed beside that call (`listed_sources`) go with it, and its sources, which the note names, are kept in
    `note_sources` (review 17, finding 12; review 19, finding 8). `cites_call`: the new call still cites the genotype
    call's sources (a change in the matched normal), so `note_sources` stays as it is. The one place this is said
    (re-reading of stop 27)."""
    names = verdict.note_sources if cites_call else tuple(dict.fromkeys(verdict.note_sources + verdict.sources))
    return replace(verdict, listed_sources=(), note_sources=names, **changes)


# the phase method of a sites-only sample's compound of unknown phase: the input has no genotypes to phase it
# (sites_only_compound.py)
NO_GENOTYPES = "no genotypes"


def phase_text(changes: tuple[str, ...] | list[str], phase: str, method: str | None) -> str:
    """'L1196M+G1202R cis (phase from PS)', 'L1196M+G1202R phase not determined': how the TSV, MultiQC and the
    ##alkannotSample line say a compound and its phase; never a bare 'unknown', which reads as a drug call (clinical
    review, sixth reading, finding 11; seventh reading, finding 12). A sites-only input's: 'L1196M+G1202R phase not
    determined (no genotypes)' (pipeline review of stop 42, finding 7)."""
    if phase == "unknown":
        return f"{'+'.join(changes)} {PHASE_UNKNOWN_WORDS}" + (f" ({NO_GENOTYPES})" if method == NO_GENOTYPES else "")
    how = PHASE_UNKNOWN_WORDS if method in ("none", "", None) else f"phase from {method}"
    return f"{'+'.join(changes)} {phase} ({how})"


def lower_vaf_than(top: AlkMutation | None) -> str:
    """ "lower than L1196M's 40.0%": a compound's minor part's VAF beside its dominant change `top` ('against' read as
    drug activity beside drug calls: second review of stop 29's change, finding 2). Not 'a minor subclone': below four
    fifths of the dominant part's VAF (compound_bulk.py), G1202R at 20% beside L1196M at 40% may be in about half the
    tumour cells; the notes say where the call holds ('in the part of the tumour carrying G1202R'), and 'subclonal'
    stays for the clonality cut-off, --min-vaf (clinical review of stop 49, second pass, finding 1)."""
    if top is None or top.vaf is None:
        return "at a lower VAF than its partner"
    return f"lower than {top.protein_change}'s {top.vaf:.1%}"


@record(frozen=True)
class Compound:
    """Two or more ALK mutations of one sample taken together, with their phase."""

    changes: tuple[str, ...]
    phase: str  # cis | trans | unknown
    phase_method: str  # 'PS', 'PGT/PID', 'MNV record', 'same position', 'none', 'no genotypes' (sites-only)
    resistance: str
    rule: str = ""
    # the inhibitors whose call rests on a subclonal basis: the compound is not shown to be the tumour's bulk and its
    # call is less favourable than the dominant part's own (compound_bulk.py); said like a part below --min-vaf
    subclonal_calls: tuple[str, ...] = ()
    # where the compound is not shown to be the tumour's bulk (compound_bulk.dominant_and_minor): its dominant change
    # and its minor ones, which the `subclonal_calls` rest on; '' and () otherwise
    dominant: str = ""
    minor: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """'G1202R+L1196M (cis)', 'L1196M+G1202R (phase not determined)': how notes name it (a bare '(unknown)' read
        as if the compound itself were unknown; clinical review 2026-12-01, third reading, finding 10), its phase said
        as the TSV and HTML say it (flag_words; review of stop 46, item a: the notes said '(phase unknown)')."""
        return f"{'+'.join(self.changes)} ({PHASE_UNKNOWN_WORDS if self.phase == 'unknown' else self.phase})"


@record(frozen=True)
class SampleInputs:
    """What one sample's verdict reads of the sample itself (sample.sample_inputs), apart from its name: its sample
    sheet row, ALK changes, fusion status and calls, recorded fusion, off-target findings (before the latest drug's
    rule), ALK copy-number changes and the checked genes its records reach. The rest of the verdict is made from
    these, the run's context and the knowledge base (sample.verdict_of), so samples with equal inputs share it
    (shared_verdicts.py)."""

    row: SheetRow | None
    mutations: tuple[AlkMutation, ...]
    fusion: str
    calls: tuple  # the fusion calls that name the sample (fusions.sample_fusion_status)
    seen: tuple[bool, bool]  # (SV calls, fusion tables) cover the sample
    used: tuple[str, str] | None  # (partner, variant) of the fusion call the knowledge-base calls are of
    off_target: tuple[OffTarget, ...]
    gains: tuple[AlkCopyNumber, ...]
    deletions: tuple[AlkCopyNumber, ...]
    screened: tuple[GeneCoverage, ...]


@record(frozen=True)
class SampleVerdict:
    """Everything alkannot concludes about one sample."""

    sample: str
    source: str  # the VCF it came from
    build: str | None
    role: str  # 'tumor' (paired), 'single', 'cohort'
    fusion: str
    fusion_calls: tuple[str, ...]  # 'EML4::ALK v1 (retained; DNA: sv.vcf; RNA: fusions.tsv)'
    alk_status: str | None  # from the sample sheet
    progressed_on: tuple[str, ...] | None
    mutations: tuple[AlkMutation, ...]
    compound: Compound | None
    inhibitors: tuple[InhibitorVerdict, ...]
    mechanism: str
    pgp: PgpAssessment
    off_target: tuple[OffTarget, ...]
    notes: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    in_sheet: bool | None = None  # whether the sample sheet has the sample's row; None without a sheet
    alk_copy_number: tuple[AlkCopyNumber, ...] = ()  # gains, deletions over the kinase domain (copynumber.py)
    abcb1: tuple[str | None, float | None] = (None, None)  # the sample sheet's abcb1_ihc and abcb1_tpm
    # (partner, variant) of the fusion whose knowledge-base calls the verdict used (its SV/fusion-table call, or the
    # one an earlier run recorded in ##alkannotSample: FusionPartner, FusionVariant); None where none was used
    fusion_used: tuple[str, str] | None = None
    # the genes alkannot checks that the sample's records reach, by kind of record (offtarget_screen.screened_genes):
    # the P-gp note calls the others not assessed; JSON off_target_genes, ##alkannotSample OffTargetCovered
    screened: tuple[GeneCoverage, ...] = ()
    # the file an earlier annotate run read, as its ##alkannotSample line records it (Input=): `source` is then that
    # run's output; None where the input was not annotated before (or by a build before stop 48)
    annotated_from: str | None = None

    @property
    def resistant(self) -> bool:
        """Progressed on an ALK inhibitor (treatment history), or, where the history is not given, carries a
        resistance mutation that explains resistance (mechanism on_target). A sheet that says `none` (no ALK
        inhibitor yet) makes no tumour resistant, whatever it carries (review 9, clinical, finding 2)."""
        return bool(self.progressed_on) or (self.progressed_on is None and self.mechanism == ON_TARGET)

    @property
    def alk_mutation_negative(self) -> bool:
        """No ALK mutation explains the resistance and none that counts for resistance is present at all: a
        tumour with L1196M after ceritinib (sensitive: it does not explain the progression) is unexplained,
        and its P-gp question open, but it is not ALK-mutation-negative. Nor is a tumour with an ALK copy-number
        gain over the kinase domain, an on-target alteration (clinical review 2026-12-01), or a deletion there that
        makes on-target resistance possible (AlkCopyNumber.counts; a one-copy loss does not), or one whose only
        kinase-domain record disagrees with the reference (`unevaluable`): its ALK mutation status is not
        established."""
        return (
            self.mechanism in (OFF_TARGET, UNEXPLAINED)
            and not any(m.counts_for_resistance or m.unevaluable for m in self.mutations)
            and not any(c.counts or not c.deletion for c in self.alk_copy_number)
        )

    @property
    def assessable(self) -> bool:
        return self.fusion != "not_assessed" or bool(self.mutations) or self.alk_status is not None


def known_in_normal(mutations: list[AlkMutation]) -> list[AlkMutation]:
    """Known kinase-domain resistance mutations the matched normal carries too: not counted as the tumour's, but not
    read as germline either until the normal is checked. A record filtered only because the normal carries it
    (Mutect2's normal_artifact, germline) is one; a record that failed a quality filter is not (it stays listed, not
    used). The report's mutation lists ask the same (report.sample_boxes.known_in_normal)."""
    return [
        m
        for m in mutations
        if m.in_normal
        and m.resistance == "known"
        and m.in_kinase_domain
        and (m.passed or (failed_only_for_the_normal(m.filter) and not m.ref_mismatch))
    ]
