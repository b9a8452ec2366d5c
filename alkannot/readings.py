"""What the genotype says per inhibitor, as the P-gp check and the mechanism read it: one `Reading` per ALK
alteration (a mutation, a compound, a copy-number gain) and inhibitor, with what weakens it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .records import record

if TYPE_CHECKING:
    from .evidence import InhibitorCall

# the calls with which a mutation explains progression on a drug (CONTRACT.md version 2)
EXPLAINING = ("resistant", "intermediate", "conflicting")

# the words printed beside a call whose every deciding statement takes its direction from a computer simulation
# (InhibitorCall.in_silico_only): such a statement votes only because its source also reports the finding in cells
# or patients (RULES.md 1: L1256F and lorlatinib, OKA19 lists 'an L1256F single mutation' among its lorlatinib-
# resistance findings), so the call is not 'in silico only'; no cell IC50 is readable (calls.tsv) (review 21, finding 1)
IN_SILICO_LABEL = "chiefly in silico, no cell IC50 read"
IN_SILICO_IN_A_SENTENCE = "chiefly in silico (no cell IC50 read)"  # the same words inside a note's sentence


# a sensitive, intermediate or resistant call whose deciding statements differ in direction (shows_dispute):
# the phrase printed beside it (its code: SOURCES_DISAGREE)
SOURCES_DISAGREE_LABEL = "sources disagree"
# a compound's (or a trans pair's) call taken from its parts' calls, the knowledge base having no statement on the
# combination (InhibitorCall.inferred; JSON `inferred`, ##alkannotSample Calls= `inferred`): the phrase beside the call
INFERRED_LABEL = "inferred"
PRECLINICAL_LABEL = "preclinical only"  # InhibitorCall.preclinical_only: no patient's statement decided the call
# InhibitorCall.case_report_only: only case reports decided the call; one publication's ('one case report': C1156Y+
# L1198F and crizotinib, EID844, PMID 26698910) or several (clinical reading of stop 41, finding 8)
ONE_CASE_REPORT_LABEL = "one case report"
CASE_REPORTS_LABEL = "case reports only"
# reviews_only: only review-level statements decided the call (G1202R and lorlatinib: LIN17T2's table, PEL21's
# background sentence; clinical read h1, finding 10), or review-level and secondary ones: a trial read only through a
# news report is as secondhand as one read through another paper (iruplinalkib and the ALK fusion: SHI23INT, review,
# and ASCOPOST23, a news report of the INSPIRE trial; unmarked since ASCOPOST23 became `secondary` in 2.0.23)
REVIEWS_LABEL = "reviews only"
# the evidence kinds that do not report a study's own result (RULES.md 1): a review or a press/news report
SECONDHAND_KINDS = ("review", "secondary")
# no statement about ALK-positive NSCLC decided the call (RULES.md 3.2; InhibitorCall.context 'other')
OTHER_CONTEXT_LABEL = "other context"
# the knowledge base's marks of a call, each by its code: the key in the report's and `lookup`'s JSON, the token of
# ALK_CALL_QUALIFIERS and of the ##alkannotSample Calls= qualifiers (`disputed` in the JSON before schema 2.24, kept
# as an alias of sources_disagree)
INFERRED = "inferred"
SOURCES_DISAGREE = "sources_disagree"
IN_SILICO = "in_silico"
PRECLINICAL_ONLY = "preclinical_only"
CASE_REPORT_ONLY = "case_report_only"
ONE_CASE_REPORT = "one_case_report"  # not a mark of its own: which words a case_report_only call prints
REVIEWS_ONLY = "reviews_only"
OTHER_CONTEXT = "other_context"
# each of those marks' code and the words printed for it in brackets (a case_report_only call's in case_report_words),
# in the order in which they stand beside a call wherever it is printed: the TSV's inhibitor columns (which then add
# the sample's own: P-gp unsettled, subclonal basis, re-challenge), the HTML card, `alkannot lookup` (README "The
# report table", the inhibitor columns), ALK_CALL_QUALIFIERS and the sample's Calls=; the one place of that order
# (report/sample_marks.MARK_WORDS, infokeys.call_qualifiers and sample_header.CALL_MARKS read it; lookup put '(other
# context)' second until stop 48, words48 task 2; ALK_CALL_QUALIFIERS kept its own copy until stop 50)
KB_MARK_WORDS = {
    INFERRED: INFERRED_LABEL,
    SOURCES_DISAGREE: SOURCES_DISAGREE_LABEL,
    IN_SILICO: IN_SILICO_LABEL,
    PRECLINICAL_ONLY: PRECLINICAL_LABEL,
    CASE_REPORT_ONLY: CASE_REPORTS_LABEL,  # ONE_CASE_REPORT_LABEL where the call's `one_case_report`
    REVIEWS_ONLY: REVIEWS_LABEL,
    OTHER_CONTEXT: OTHER_CONTEXT_LABEL,
}
# the words of those marks in that order, both of a case-report-only call's
MARK_ORDER = tuple(
    label
    for code, words in KB_MARK_WORDS.items()
    for label in ((ONE_CASE_REPORT_LABEL, words) if code == CASE_REPORT_ONLY else (words,))
)


# what each mark printed beside a call means, in MARK_ORDER: `lookup`'s legend and the HTML card's (clinical read of
# stop 45; inferred, sources disagree and other context since stop 48, words48 task 1: the card printed them with no
# legend line); the VCF header says it per INFO value (infokeys.CALL_QUALIFIERS; tests/test_qualifier_meanings_agree.py)
MARK_MEANINGS = {
    INFERRED_LABEL: "the knowledge base has no statement on this combination of changes (a compound, or two changes "
    "in trans): the call is taken from its parts' calls, not a sourced call on the combination",
    SOURCES_DISAGREE_LABEL: "the statements that decided the call differ in direction; the category is alkannot's "
    "reading of them, the note says who says what",
    IN_SILICO_LABEL: "every statement that decided the call takes its direction from a computer simulation (e.g. "
    "binding free energy); it votes because its source also reports the finding in cells or patients, but no cell "
    "IC50 is readable; evidence kind preclinical; the note quotes it",
    PRECLINICAL_LABEL: "every statement that decided the call is preclinical (cells, animals, or a review's listing "
    "of activity in vitro): no patient's statement decides it",
    ONE_CASE_REPORT_LABEL: "every statement that decided the call is a case report, and all report the same "
    "publication (one PMID): no trial, cohort, cell or review statement decides it",
    CASE_REPORTS_LABEL: "every statement that decided the call is a case report, from more than one publication: no "
    "trial, cohort, cell or review statement decides it",
    REVIEWS_LABEL: "every statement that decided the call is review-level (a review's table or text, a curated "
    "database's listing, a trial read only through another paper or a news report): no primary cell or patient "
    "report decides it",
    OTHER_CONTEXT_LABEL: "no statement about ALK-positive NSCLC decided the call: the call rests on another disease "
    "or ALK form; the note says which",
}


# how notes.tsv opens a class statement (tools/kb_curation/notes_research.tsv): in a clinician's words, not the
# curators' 'class statement, no call:' of knowledge bases before 2.0.37 (stop 48 review); 'GROUP_STATEMENT: ...' or
# 'GROUP_STATEMENT, not a gilteritinib call on this mutation: ...'
GROUP_STATEMENT = "a statement about compound ALK mutations as a group, not a"

# a compound call resting on its minor part: Reading.part_of 'in the part of the tumour carrying L1196M'
# (genotype_readings); the P-gp note's minor_compound_clause says it 'in the tumour cells that carry L1196M'
PART_CARRYING = "in the part of the tumour carrying "


def is_group_statement(note: str) -> bool:
    """A knowledge-base note that is a class statement (no call): it opens with GROUP_STATEMENT."""
    return note.startswith(GROUP_STATEMENT)


def on_compounds_resistant_to(note: str, drug: str) -> bool:
    """A knowledge-base note that is a class statement about compound mutations resistant to `drug` (its name as the
    knowledge base displays it): SHI22, most lorlatinib-resistant compound ALK mutations 'involve ALK G1202R or
    I1171N/S/T'; OKA19, lorlatinib-resistant Ba/F3 cells 'harboring ALK-I1171N or -G1202R compound mutations'. notes.tsv
    opens these with GROUP_STATEMENT; one reading for the genotype readings and the sample's notes."""
    if not is_group_statement(note):  # most notes: not lowered (220 a run of the 4-record example, issue 13)
        return False
    text = note.lower()
    return f"{drug.lower()}-resistant" in text and "compound" in text


def qualifiable(call: InhibitorCall) -> bool:
    """A call that a qualifier may stand beside (RULES.md 3.8): one that makes a claim (not `unknown`) and does not
    say itself that its sources disagree (not `conflicting`). The one place of that rule: every mark below, and so
    ALK_CALL_QUALIFIERS, the sample's Calls= and JSON, `lookup`'s table and JSON, read it (review of stop 46: under a
    `--kb` a conflicting call whose deciding statements were all preclinical, case reports, in silico or of another
    context was marked so, only `reviews_only` and `sources_disagree` being held back)."""
    return call.category not in ("unknown", "conflicting")


def marked_preclinical(call: InhibitorCall) -> bool:
    """An InhibitorCall printed with PRECLINICAL_LABEL beside it: every deciding statement is preclinical (cells,
    animals, a review's in-vitro listing) and the call takes a qualifier (clinical review of stop 32, finding 5)."""
    return call.preclinical_only and qualifiable(call)


def marked_other_context(call: InhibitorCall) -> bool:
    """An InhibitorCall printed with '(other context)' beside it: no statement about ALK-positive NSCLC decided it
    (RULES.md 3.2) and the call takes a qualifier."""
    return call.context == "other" and qualifiable(call)


def case_report_words(one: bool) -> str:
    """The words printed beside a case-report-only call: ONE_CASE_REPORT_LABEL where its deciding statements report
    one publication, CASE_REPORTS_LABEL otherwise (the report's JSON `one_case_report`)."""
    return ONE_CASE_REPORT_LABEL if one else CASE_REPORTS_LABEL


def case_report_label(call: InhibitorCall) -> str:
    """The words printed beside an InhibitorCall that only case reports decided and that takes a qualifier
    (`qualifiable`): 'one case report' or 'case reports only'; '' for any other call."""
    if not call.case_report_only or not qualifiable(call):
        return ""
    return case_report_words(call.one_case_report)


def reviews_only(call: InhibitorCall) -> bool:
    """An InhibitorCall printed with REVIEWS_LABEL beside it: every statement that decided it is review-level or
    secondary (evidence kind `review` or `secondary`, RULES.md 1: a review's table or text, a curated database's
    listing, a trial read only through another paper's text or a news report) and it takes a qualifier (`qualifiable`).
    Iruplinalkib and the ALK fusion (SHI23INT, review; ASCOPOST23, secondary) is one. G1202R and lorlatinib,
    `sensitive` on LIN17T2's table and PEL21's background sentence, no primary source with a G1202R result read
    (clinical read h1, finding 10). Not beside `preclinical_only` (a review's in-vitro listing alone: SAB17 on
    I1171T) or a chiefly in-silico call, which say more, nor on a `conflicting` call (`qualifiable`), which says
    itself that its sources disagree (E1210K and brigatinib: SAB17 against JAIN17, the note naming both).
    """
    deciding = call.deciding_votes
    return (
        bool(deciding)
        and qualifiable(call)
        and not call.preclinical_only
        and not call.in_silico_only
        and all(v.statement.evidence_kind in SECONDHAND_KINDS for v in deciding)
    )


def marked_in_silico(call: InhibitorCall) -> bool:
    """An InhibitorCall printed with IN_SILICO_LABEL beside it (`lookup`'s table, key and JSON): every deciding
    statement is a computer prediction (InhibitorCall.in_silico_only) and the call takes a qualifier (`qualifiable`)."""
    return call.in_silico_only and qualifiable(call)


def mark_flags(call: InhibitorCall) -> dict[str, bool]:
    """Which of the knowledge base's marks `call` carries, by code (KB_MARK_WORDS, and ONE_CASE_REPORT: which words
    its case_report_only prints): the one reading of them, which ALK_CALL_QUALIFIERS (infokeys.call_qualifiers), the
    sample's verdicts (sample_types.genotype_marks: the report's TSV, HTML, JSON and Calls=) and `lookup`'s table and
    JSON take."""
    case_report = bool(case_report_label(call))  # clinical reading of stop 41, finding 8
    return {
        INFERRED: call.inferred,
        SOURCES_DISAGREE: call.shows_dispute,  # a sensitive, intermediate or resistant call only (review 12, finding 7)
        # a call whose deciding statements take their direction from a computer simulation; the evidence kind stays
        # the knowledge base's, preclinical (RULES.md 1; review 19, finding 4; review 21, finding 1)
        IN_SILICO: marked_in_silico(call),
        PRECLINICAL_ONLY: marked_preclinical(call),  # review of stop 32, finding 5
        CASE_REPORT_ONLY: case_report,
        ONE_CASE_REPORT: case_report and call.one_case_report,  # its words: 'one case report'
        REVIEWS_ONLY: reviews_only(call),  # clinical read h1, finding 10
        OTHER_CONTEXT: marked_other_context(call),  # RULES.md 3.2: no NSCLC statement
    }


def evidence_mark(preclinical: bool, case_report: str, reviews: bool) -> str:
    """The drug table's mark of the evidence behind a call that a note says beside the call where it states it:
    PRECLINICAL_LABEL where `preclinical` (marked_preclinical), else a case-report-only call's words (`case_report`:
    case_report_label), else REVIEWS_LABEL where `reviews` (reviews_only); '' for none (no two stand together:
    mark_flags). The one place of that choice: Reading.evidence_mark (the P-gp notes), InhibitorVerdict.evidence_mark
    (a cell's note stating the genotype call it does not use) and call_mark (a compound's note stating its parts')."""
    if preclinical:
        return PRECLINICAL_LABEL
    return case_report or (REVIEWS_LABEL if reviews else "")


def said_mark(mark: str) -> str:
    """' (reviews only)': an evidence mark (`evidence_mark`) as a note says it after the call; '' for none."""
    return f" ({mark})" if mark else ""


def marked_basis(basis: str, mark: str) -> str:
    """'G1202R; reviews only': the change a call rests on and the call's evidence mark (`evidence_mark`), said in one
    bracket where a note names both after the call ('would be sensitive (G1202R; reviews only)'); 'G1202R' for no
    mark. Not 'sensitive (reviews only) (G1202R)': two brackets in a row read badly (stop 53's closing note)."""
    return f"{basis}; {mark}" if mark else basis


HELD_IN_PART = ": holds at most in part of the tumour"  # what a subclonal or low-level basis says


def held_in_part(basis: str, words: str) -> str:
    """A call's basis with what puts it in at most part of the tumour (`words`: 'subclonal or low-level, VAF 3.0%',
    'subclonal or low-level part'): 'C1156Y (subclonal or low-level, VAF 3.0%: holds at most in part of the tumour)';
    inside a compound's own bracket, 'C1156Y+L1198F (cis; subclonal or low-level part: holds ...)', not two brackets
    in a row (stop 54). progression's `_LOW` reads it back."""
    if basis.endswith(")"):
        return f"{basis[:-1]}; {words}{HELD_IN_PART})"
    return f"{basis} ({words}{HELD_IN_PART})"


def call_mark(call: InhibitorCall) -> str:
    """The evidence mark (`evidence_mark`) of an InhibitorCall, as the drug table prints it beside that call."""
    return evidence_mark(marked_preclinical(call), case_report_label(call), reviews_only(call))


@record(frozen=True)
class Reading:
    """One ALK alteration of a sample and the knowledge base's genotype call for one inhibitor."""

    basis: str  # 'L1196M', 'G1202R+L1196M (cis)'
    inhibitor: str
    category: str
    sources: tuple[str, ...]  # the statements the call rests on
    clonal: bool  # not below --min-vaf
    # no statement about ALK-positive NSCLC: the call rests on other diseases or backgrounds
    other_context: bool = False
    in_silico: bool = False  # every statement behind the call is a computational prediction
    inferred: bool = False  # a compound's call inferred from its parts' calls (no statement on the compound)
    copy_number: bool = False  # an ALK copy-number gain read with the knowledge base's `amplification` calls
    low_level: bool = False  # a gain the caller did not call amplification: not established as such (copynumber.py)
    split: str = ""  # where the deciding sources say different things: who says what ('' where they agree)
    vaf: float | None = None  # the mutation's allele fraction, said wherever the reading explains something
    # a single change that the knowledge base's class statements name as the base of compound mutations resistant
    # to this inhibitor (SHI22, OKA19: G1202R, I1171N/S/T for lorlatinib): those statements' sources
    compound_base: tuple[str, ...] = ()
    # a compound with no call of its own for this inhibitor: its parts that those class statements name (G1202R of
    # L1196M+G1202R after lorlatinib), whose sources are then `compound_base` (clinical review of stop 41, finding 1)
    base_parts: tuple[str, ...] = ()
    # the deciding sources disagree on the direction (InhibitorCall.disputed: some sensitive, some resistant,
    # intermediate or mixed): such a call makes on-target resistance possible, never established
    disputed: bool = False
    # a compound's parts' allele fractions, in the compound's order: said where the compound explains something, as a
    # single change's VAF is (review 21, finding 3)
    part_vafs: tuple[float, ...] = ()
    # not clonal for another reason than --min-vaf: where in the tumour it is at most ("lower than L1196M's
    # 40.0%": a compound's minor part; 'in the part of the tumour carrying G1202R': a compound call
    # resting on that part)
    part_of: str = ""
    # the changes below --min-vaf beside a clonal change, (name, VAF), that may be its partner in a minor subclone: in
    # the kinase domain, counted for resistance (a VUS too), not shown in trans (clinical review of stop 31, finding
    # 1; review of that change, findings 2 and 3); said where compounds resistant to the drug involve the change
    partners: tuple[tuple[str, float | None], ...] = ()
    # the compounds this clonal change may form with one of `partners` that the knowledge base calls for this
    # inhibitor with statements on the compound itself (not inferred), where that call would explain a progression
    # and is firm: each a Reading (not clonal, the parts' VAFs), said where the change alone does not explain it
    # (clinical read of stop 51: C1156Y at 30% beside L1198F at 2% after lorlatinib, C1156Y+L1198F resistant)
    minor_compounds: tuple[Reading, ...] = ()
    # a call resting on other contexts only: who decided it, with their disease and ALK background ('resistant per CGI
    # (context not recorded)'), said where the note names why the call does not settle the progression
    contexts: str = ""
    # every statement that decided the call is preclinical (cells, animals, a review's in-vitro listing): the drug
    # table's '(preclinical only)' mark (marked_preclinical), said beside the call in the notes too (clinical read of
    # stop 52: "I1171N+F1174I is resistant to lorlatinib [MIZ21], which explains the progression" on mouse models only)
    preclinical: bool = False
    # every statement that decided the call is a case report: the drug table's 'one case report' or 'case reports
    # only' (case_report_label), said beside the call in the notes too (clinical read of stop 52: C1156Y+L1198F 'is
    # sensitive to crizotinib [EID844]: not expected to cause crizotinib resistance', one patient's report); '' else
    case_report: str = ""
    # every statement that decided the call is review-level or secondary: the drug table's '(reviews only)'
    # (reviews_only), said beside the call in the notes too (clinical read of stop 53: G1202R 'is sensitive to
    # lorlatinib in the knowledge base [LIN17T2; PEL21]' in a note, 'sensitive (reviews only)' in the table)
    reviews: bool = False

    @property
    def evidence_mark(self) -> str:
        """The drug table's mark of the evidence behind the call that the notes say beside it: PRECLINICAL_LABEL, a
        case-report-only call's words or REVIEWS_LABEL (`evidence_mark`); '' for none."""
        return evidence_mark(self.preclinical, self.case_report, self.reviews)

    @property
    def marked(self) -> str:
        """' (reviews only)', ' (preclinical only)', ' (one case report)': the drug table's mark said beside the call
        where a clause states it without its other qualifiers (a compound's or a minor change's call, the change a
        compound resistant to the drug may involve); '' for none."""
        return said_mark(self.evidence_mark)

    @property
    def explains(self) -> bool:
        return self.category in EXPLAINING

    @property
    def firm(self) -> bool:
        """A call from measurements or patients with ALK-positive NSCLC (or an EML4-ALK model): only such a
        call can settle whether the change explains a progression, or cannot."""
        return not (self.other_context or self.in_silico or self.low_level)

    @property
    def settles(self) -> bool:
        """A call that explains a progression on its own: explaining, firm, and not disputed among its sources
        (G1269A after alectinib, intermediate from one Ba/F3 item against two sources listing alectinib as active,
        only may explain it: clinical review 9, finding 3)."""
        return self.explains and self.firm and not self.disputed

    @property
    def open_base(self) -> bool:
        """A clonal change called sensitive to this inhibitor on its own, from firm statements, that compound
        mutations resistant to it are known to involve: a partner this input does not show may make it
        resistant, so it neither explains the progression nor rules the on-target mechanism out."""
        return bool(self.compound_base) and self.clonal and self.firm and self.category == "sensitive"

    @property
    def qualifier(self) -> str:
        """Why the call is weaker than its category says, or ''."""
        if self.low_level:
            return "a copy-number gain, not established as amplification"
        if self.in_silico:
            return IN_SILICO_LABEL
        if self.other_context:
            return "no statement about ALK-positive NSCLC: from other contexts only"
        text = {"conflicting": "the sources disagree", "intermediate": "a partial loss of activity"}.get(
            self.category, ""
        )
        if self.disputed:
            text = "the sources disagree"
        said = f"{text}: {self.split}" if text and self.split else text or self.split
        mark = self.evidence_mark
        if mark:
            return f"{said}; {mark}" if said else mark
        return said


def call_clause(subject: str, category: str, name: str) -> str:
    """'L1196M is sensitive to ceritinib', 'G1269A has an intermediate call for alectinib', 'E1210K has a
    conflicting call for brigatinib': a call said in words an oncologist reads without stumbling (clinical review
    2026-12-01, third reading, finding 11: 'is intermediate to alectinib', 'is conflicting to brigatinib')."""
    if category in ("resistant", "sensitive"):
        return f"{subject} is {category} to {name}"
    if category == "unknown":
        return f"{subject} has no call for {name}"
    article = "an" if category[:1] in tuple("aeiou") else "a"
    return f"{subject} has {article} {category} call for {name}"


def amplification_clause(category: str, name: str) -> str:
    """'ALK amplification confers resistance to crizotinib': an alteration confers resistance, a tumour is resistant
    (clinical review of stop 39, finding 8); other calls as call_clause says them."""
    if category == "resistant":
        return f"ALK amplification confers resistance to {name}"
    return call_clause("ALK amplification", category, name)


__all__ = ["EXPLAINING", "Reading", "amplification_clause", "call_clause"]
