"""The ##alkannotSample header lines: one per analysed sample, its verdict in brief, for tools that read only
the header (the report holds the full verdict)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Iterable

from .filters import passed as filter_passed
from .flag_words import (
    GERMLINE,
    IN_NORMAL_TOO,
    IN_NORMAL_TOO_WORDS,
    LOW_VAF,
    LOW_VAF_WORDS,
    REF_MISMATCH,
    TRUNCATING,
    mutation_flags,
)
from .pgp import CONTEXTS, PGP_CHECKS
from .readings import KB_MARK_WORDS
from .recorded_history import fusion_fields, history_fields, normal_fields, recorded_off_target_value
from .recorded_listed import LISTED_KEY, recorded_listed_value
from .recorded_offtarget import COVERED, recorded_screen_value
from .roles import input_name
from .sample import SampleVerdict
from .sample_types import AlkMutation, InhibitorVerdict, known_in_normal, phase_text
from .shared_verdicts import STATES_KEPT
from .sourced_text import one_form

# a source key -> the key with the PMID, DOI or PMC id the knowledge base gives it (rewrite.identifier)
Identify = Callable[[str], str]

# the values a field takes, as the JSON report's schema gives them (tests/test_sample_fields_line.py compares them)
FUSION_STATES = ("positive", "negative", "not_assessed", "possible", "positive_external")
MECHANISMS = ("on_target", "on_target_possible", "off_target_candidate", "unexplained")
# the qualifiers of a Calls entry, in the order written, each with when a call carries it (calls_value): the
# progression's own marks, then the knowledge base's in their order (readings.KB_MARK_WORDS, as InhibitorVerdict.
# kb_marks gives them), then the sample's, in the order the TSV's inhibitor columns print the marks (P-gp unsettled,
# subclonal basis, re-challenge not assessed); words48: subclonal and rechallenge_untested came before the knowledge
# base's marks
_PROGRESSION_MARKS: tuple[tuple[str, Callable], ...] = (
    ("progressed_on", lambda i: i.progressed_on and not i.resensitised),
    ("resensitised", lambda i: i.resensitised),
)
_SAMPLE_MARKS: tuple[tuple[str, Callable], ...] = (
    ("pgp_unsettled", lambda i: i.pgp_unsettled),  # clinical review of stop 42, finding 4
    ("subclonal", lambda i: i.subclonal),
    ("rechallenge_untested", lambda i: i.rechallenge_untested),
)
CALL_MARKS = (*(name for name, _ in _PROGRESSION_MARKS), *KB_MARK_WORDS, *(name for name, _ in _SAMPLE_MARKS))


def call_marks_of(i: InhibitorVerdict) -> list[str]:
    """The qualifiers a Calls entry writes for the sample's call `i`, in CALL_MARKS' order."""
    carried = i.kb_marks()
    return [
        *(name for name, holds in _PROGRESSION_MARKS if holds(i)),
        *(code for code in KB_MARK_WORDS if carried[code]),
        *(name for name, holds in _SAMPLE_MARKS if holds(i)),
    ]


def fields_line() -> str:
    """##alkannotFields=<ID=alkannotSample,Description=...>: what each field of an ##alkannotSample line holds, for a
    reader of the VCF without README, as an ##INFO line's Description says its key (review of stop 46, item 4). One
    line per output, whatever the number of samples, written before the sample lines (rewrite.prepare_header);
    re-annotation replaces it with the other ##alkannot lines. Its key is not ##alkannotSample..., so that a reader
    who picks those lines by their prefix meets no other line."""
    description = (
        "One ##alkannotSample line per reported sample: its verdict in brief (the report holds the full verdict, with "
        "its sources; README, VCF output). Not a treatment recommendation. Fields, an optional one absent where it "
        "has no value: ID, the sample; Fusion, " + "|".join(FUSION_STATES) + "; FusionPartner and FusionVariant, the "
        "fusion the inhibitor calls used; AlkMutations, the ALK changes on NM_004304.5, ;-joined, + joining a "
        "compound's parts (with its phase), a change's flags in one bracket, space-separated, as the TSV's "
        f"alk_mutations gives them ({TRUNCATING}; {LOW_VAF}, below --min-vaf: {LOW_VAF_WORDS}; FILTER=...; "
        f"{REF_MISMATCH}; "
        f"{GERMLINE}, in the matched normal; {IN_NORMAL_TOO}, a known resistance mutation {IN_NORMAL_TOO_WORDS}), "
        "or none; Mechanism, what explains the latest progression, " + "|".join(MECHANISMS) + "; PgpCheck, the "
        "P-glycoprotein (ABCB1) IHC check, "
        + "|".join(PGP_CHECKS)
        + "; PgpContext, why the check is what it is, "
        + "|".join(CONTEXTS)
        + "; PgpSources, the sources PgpCheck rests on, ;-joined; Calls, INHIBITOR:CATEGORY for each inhibitor (the "
        "categories of the ALK_INHIBITOR keys), ;-joined, compound-aware and after the treatment history, qualifiers "
        "in brackets ("
        + ",".join(CALL_MARKS)
        + "); CallSources, the sources that decided each call, INHIBITOR:KEY+KEY for each inhibitor whose call has "
        "any, ;-joined in the order of Calls, each key with its PMID, DOI or PMC id as ALK_CALL_SOURCES gives it "
        "(sample_sheet: the call is the treatment history's); AlkCopyNumber, a copy-number gain or deletion over the "
        "ALK kinase domain; OffTarget, the off-target "
        "candidates, GENE:KIND:RECORD, |-joined; OffTargetSetAside, findings not counted after the latest drug; "
        "OffTargetListed, findings listed and not counted whose record is not in this file; OffTargetCovered, the "
        "genes checked for off-target changes that the sample's records reached, GENE:KINDS:copy numbers; AlkStatus, "
        "ProgressedOn (;-joined, in order; none for no ALK inhibitor), Abcb1Ihc and Abcb1Tpm, as the sample sheet "
        "gave them; Normal, the matched normal used; Input, the path of the VCF the sample was annotated from, as "
        "given (the first annotate run's: re-annotation keeps it). ##alkannotNormal lines name the samples left out as "
        "normals"
    )
    return f'##alkannotFields=<ID=alkannotSample,Description="{description}">'


def _header_value(value: str) -> str:
    """A value safe inside a VCF structured header line: quoted when it holds , ; = < > spaces, a quote or a
    backslash, escaped: htslib unescapes a quoted value only, so an unquoted name with a backslash read back as
    another name."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"' if needs_quotes(value) else value


_QUOTED_CHARACTERS = frozenset(',;=<>"\\')


def needs_quotes(value: str) -> bool:
    """Whether a structured header line's value is quoted: empty, or holding whitespace (str.split's, which is the
    pattern's \\s), , ; = < > a quote or a backslash: re.search(r'[,;=<>\\s"\\\\]', value) or value == "", without a
    pattern to compile (issue 13)."""
    return value.split() != [value] or not _QUOTED_CHARACTERS.isdisjoint(value)


def mutations_value(v: SampleVerdict) -> str:
    """AlkMutations=: the sample's ALK changes, ';'-separated as in the TSV's alk_mutations; where they form a
    compound, its parts joined by '+' in the compound's own order and its phase said as the TSV says it
    ('L1196M+G1202R phase not determined'). '+' means a compound and nothing else: an activating or truncating
    change beside a resistance mutation forms none and is listed on its own (clinical review, seventh reading,
    finding 12; before 0.1.0's Unreleased changes the value was '+'-joined with '(unknown)' for the phase). A change
    whose record failed the caller's filters is listed with them ('G1202R(FILTER=normal_artifact)'). A change's flags
    in one bracket, space-separated, the TSV's alk_mutations flags in their order (flag_words.mutation_flags):
    truncating, low_vaf, FILTER=..., REF_MISMATCH, and germline or in_normal_too:check ('C1156Y(low_vaf germline)');
    the TSV's LABEL(CLASS[ VAF=x][ FLAG]...) without the class and VAF, which the records give (voc47: the flags were
    '(low_vaf)(germline)', one bracket each, without truncating and REF_MISMATCH). Nothing reads it back: a later run
    finds the mutations in the records themselves, and replaces the line, an older one's grammar too."""

    carried_by_normal = {id(m) for m in known_in_normal(list(v.mutations))}

    def said(m: AlkMutation) -> str:
        # a known resistance mutation the matched normal carries too is not called germline until the normal is
        # checked (tumour in the normal, or a mix-up), as the report says it: '(germline)' for it here read as a
        # germline G1202R (fresh-eyes review rev46)
        normal = IN_NORMAL_TOO if id(m) in carried_by_normal else GERMLINE if m.in_normal else None
        flags = mutation_flags(
            truncating=m.truncating,
            low_vaf=m.low_vaf,
            failed_filter=None if filter_passed(m.filter) else (m.filter or ""),
            ref_mismatch=m.ref_mismatch,
            normal=normal,
        )
        return m.label + (f"({' '.join(flags)})" if flags else "")

    # a change the caller's filters failed is listed with them, as the report lists it: 'none' beside a filtered
    # G1202R the TSV and JSON list read as no change found (consistency check of stop 34)
    listed = [m for m in v.mutations if m.passed or m.unevaluable or not (m.ref_mismatch or filter_passed(m.filter))]
    compound = v.compound
    parts: dict[str, AlkMutation] = {}
    for m in listed:
        if compound is not None and m.protein_change in compound.changes:
            parts.setdefault(m.protein_change, m)
    items: list[str] = []
    for m in listed:
        if m.protein_change not in parts:
            items.append(said(m))
        elif compound is not None and m is next(iter(parts.values())):  # the compound where its first part is listed
            members = [said(parts[c]) if c in parts else c for c in compound.changes]
            items.append(phase_text(members, compound.phase, compound.phase_method))
    return ";".join(items) or "none"


def calls_value(v: SampleVerdict) -> str:
    """Calls=: the sample's call for each inhibitor, compound-aware and after its treatment history, as the report's
    cells give it ('lorlatinib:unknown(inferred)'), ';'-separated in the knowledge base's inhibitor order. An
    allele's ALK_<INHIBITOR> keys are that allele's own calls; a pipeline that keeps only the VCF reads the sample's
    here (clinical review of stop 31, finding 8: the G1202R record of a cis L1196M+G1202R said lorlatinib
    `sensitive`, the sample's call being the compound's). Qualifiers, ','-joined in brackets: progressed_on (the
    call is the patient's progression), resensitised, inferred, sources_disagree, in_silico, preclinical_only,
    case_report_only, reviews_only, other_context, pgp_unsettled (a positive ABCB1 IHC in the sample sheet and a drug
    whose P-gp effect the sources leave open: a per-sample qualifier, not in ALK_CALL_QUALIFIERS), subclonal,
    rechallenge_untested: the TSV's order (CALL_MARKS)."""

    def said(i) -> str:
        shown = call_marks_of(i)
        return f"{i.inhibitor}:{i.category}" + (f"({','.join(shown)})" if shown else "")

    return ";".join(said(i) for i in v.inhibitors)


def call_sources_value(v: SampleVerdict, identify: Identify) -> str:
    """CallSources=: the sources that decided the sample's call for each inhibitor (the report's per-call `sources`,
    the TSV's inhibitor_call_sources), 'INHIBITOR:KEY+KEY' entries ';'-joined in the order of Calls, each source once
    with `identify`'s PMID, DOI or PMC id as ALK_CALL_SOURCES and PgpSources write them; `sample_sheet` for a call the
    treatment history set. A compound's calls (inferred from its parts) and a call set by the progression are the
    sample's, which no record's ALK_CALL_SOURCES gives (task of stop 46: the VCF alone could not say which sources
    decided them). An inhibitor whose call has no source (an unknown call) is left out, to keep a cohort's header
    short; '' where no call has one (the field is then absent)."""
    return ";".join(
        f"{i.inhibitor}:{'+'.join(dict.fromkeys(identify(k) for k in one_form(i.sources)))}"
        for i in v.inhibitors
        if i.sources
    )


def header_lines(verdicts: Iterable[SampleVerdict], summary=None, identify: Identify = str) -> list[str]:
    """One ##alkannotSample line per verdict: ID, fusion, ALK mutations, mechanism and P-gp check, then the sample
    sheet's AlkStatus, ProgressedOn, Abcb1Ihc and Abcb1Tpm where it gave them, and the matched normal (Normal) used;
    AlkCopyNumber names a gain or a deletion over the ALK kinase domain, OffTarget the off-target candidates
    ('MET:copy_number_gain:chr7:116522196 <DUP> CN=9'), OffTargetSetAside those set aside after the latest drug,
    OffTargetListed those listed and not counted whose record is not in the output, OffTargetCovered the genes
    alkannot checks that the sample's records reached ('MET:copy_number:CN=2'). A kinase-domain record whose REF
    disagrees with the reference is named as such, so that 'none' is never written for it. Then one ##alkannotNormal
    line per sample this run left out as a normal (`summary`, an InputSummary), whoever declared it, so that a later
    run on this output without the sheet leaves out the same samples, also after `bcftools merge` of annotated pairs
    (which keeps only the first file's ##normal_sample: review of stop 34's changes, finding 1). `identify` names
    each source's identifier in CallSources (rewrite.identifier over the run's knowledge base; bare keys without)."""
    lines = SampleLines(identify)
    for v in verdicts:
        lines.add(v)
    return lines.lines(summary)


class SampleLines:
    """header_lines, one verdict at a time: `add` keeps of a verdict only what its line says (the sample's name and
    the text of its verdict), so the verdict itself need not stay alive (`annotate` without --report, issue 13);
    `lines` gives the lines once the InputSummary, which names the matched normals, is known. `identify` names each
    source's identifier in CallSources, memoised (rewrite.identifier), and called once per shared verdict state."""

    def __init__(self, identify: Identify = str) -> None:
        self._identify = identify
        # (the sample, what its line says of its verdict, the file it was annotated from: Input=)
        self._kept: list[tuple[str, str, str]] = []
        # what the line says of a verdict, once for the samples that share it (shared_verdicts.py): keyed by the
        # identity of all its values but the name, which the entry keeps alive so that no id is reused meanwhile
        # (pipeline review of stop 42, finding 1: 60,000 samples' lines took 2 s); the STATES_KEPT most recent
        self._said: OrderedDict[tuple[int, ...], tuple[tuple[object, ...], str]] = OrderedDict()

    def add(self, v: SampleVerdict) -> None:
        values = tuple(value for name, value in vars(v).items() if name not in ("sample", "annotated_from"))
        key = tuple(id(value) for value in values)
        known = self._said.get(key)
        if known is None:
            known = values, ",".join(f"{k}={_header_value(str(val))}" for k, val in _verdict_fields(v, self._identify))
            self._said[key] = known
            if len(self._said) > STATES_KEPT:
                self._said.popitem(last=False)
        else:
            self._said.move_to_end(key)
        self._kept.append((v.sample, known[1], v.annotated_from or input_name(v.source)))

    def lines(self, summary=None) -> list[str]:
        """The lines, once: what was kept of the verdicts is let go (not held beside the lines while they are
        written)."""
        matched = dict(summary.matched_normals) if summary is not None else {}
        kept, self._kept = self._kept, []
        self._said.clear()
        lines = []
        for sample, said, first in kept:
            fields = (*normal_fields(matched.get(sample)), ("Input", first))
            own = [f"{k}={_header_value(str(val))}" for k, val in fields]
            lines.append("##alkannotSample=<" + ",".join([f"ID={_header_value(sample)}", said, *own]) + ">")
        for normal in summary.left_out if summary is not None else ():
            lines.append(f"##alkannotNormal=<ID={_header_value(normal)}>")
        return lines


def _verdict_fields(v: SampleVerdict, identify: Identify) -> list[tuple[str, object]]:
    """The ##alkannotSample fields after ID and before Normal: all of them the verdict's, none its name's."""
    return [
        ("Fusion", v.fusion),
        # the fusion the verdict's knowledge-base calls used, read back by a later run (review 13, finding 9)
        *fusion_fields(v.fusion_used),
        ("AlkMutations", mutations_value(v)),
        ("Mechanism", v.mechanism),
        ("PgpCheck", v.pgp.check),
        # why the check is what it is (the TSV's pgp_context): `not_indicated` for a tumour whose ALK positivity
        # is not established reads apart from one a mutation explains (clinical reading of stop 41, finding 14)
        ("PgpContext", v.pgp.context),
        # the sources the flag rests on, with their PMID or DOI: a pipeline that keeps only the VCF reads PgpCheck
        # with its sources (contract audit of stop 45); none where it rests on the sample sheet or the input alone
        *([("PgpSources", ";".join(v.pgp.check_sources))] if v.pgp.check_sources else []),
        ("Calls", calls_value(v)),
        # the sources that decided each call, a compound's and the progression's too (stop 46; absent where none)
        *[("CallSources", value) for value in (call_sources_value(v, identify),) if value],
        # a gain over the ALK kinase domain, which AlkMutations=none does not show (review 10, finding 10)
        *_copy_number_fields(v),
        # the off-target candidates, named again by a later run on this output without their --sv evidence
        *[("OffTarget", value) for value in (recorded_off_target_value(v.off_target),) if value],
        # those set aside after the latest drug, judged again by a later run with another sheet
        *[("OffTargetSetAside", value) for value in (recorded_off_target_value(v.off_target, True),) if value],
        # those listed and not counted for another reason whose record the output does not hold (an --sv file's)
        *[(LISTED_KEY, value) for value in (recorded_listed_value(v.off_target),) if value],
        # the genes alkannot checks its records reached, said again by a later run without the --sv evidence
        *[(COVERED, value) for value in (recorded_screen_value(v.screened),) if value],
        # the sheet's history, read back where a later run on this output is given no sheet (recorded_history)
        *history_fields(v.alk_status, v.progressed_on, *v.abcb1),
    ]


def _copy_number_fields(v: SampleVerdict) -> list[tuple[str, object]]:
    """AlkCopyNumber=, where the verdict weighed a copy-number change (its module is imported only then)."""
    if not v.alk_copy_number:
        return []
    from .recorded_copy_number import recorded_copy_number_value

    return [("AlkCopyNumber", recorded_copy_number_value(v.alk_copy_number))]


__all__ = [
    "Identify",
    "SampleLines",
    "call_sources_value",
    "calls_value",
    "fields_line",
    "header_lines",
    "mutations_value",
]
