"""The INFO keys alkannot writes: one table that the header, the text rewrite, the BCF rewrite and the
knowledge-base site VCF all read (CONTRACT.md "INFO keys").

Per-allele keys (Number=A) go on records in ALK (ALK_COMPOUND from the samples' verdicts, compound_info.py, the
others from the record alone); one key per inhibitor of the knowledge base's inhibitor table,
so adding an inhibitor to the table adds its key. Record keys (Number=1) go on fusion records and on records
whose REF disagrees with the reference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from . import TRANSCRIPT
from .flag_words import PHASE_UNKNOWN, PHASE_UNKNOWN_WORDS
from .readings import (
    CASE_REPORT_ONLY,
    IN_SILICO,
    IN_SILICO_LABEL,
    INFERRED,
    KB_MARK_WORDS,
    OTHER_CONTEXT,
    PRECLINICAL_ONLY,
    REVIEWS_ONLY,
    SOURCES_DISAGREE,
    mark_flags,
)
from .records import record

if TYPE_CHECKING:
    from .evidence import InhibitorCall


@record(frozen=True)
class InfoKey:
    """One INFO key alkannot writes, as its ##INFO line defines it."""

    id: str
    number: str  # 'A' (one value per ALT) or '1'
    type: str
    description: str

    def definition(self, version: str) -> str:
        """The ##INFO line (a '"' in a description would end it early, so none is written)."""
        description = self.description.replace('"', "'")
        return (
            f'##INFO=<ID={self.id},Number={self.number},Type={self.type},Description="{description}",'
            f'Source="alkannot",Version="{version}">'
        )


def _consequence_keys() -> tuple[InfoKey, ...]:
    from .transcript import kinase_domain

    lo, hi = kinase_domain()
    return (
        InfoKey(
            "ALK_HGVSC",
            "A",
            "String",
            f"HGVS c. change on {TRANSCRIPT} (3'-shifted on the transcript strand); '.' where REF disagrees with "
            "the reference (ALK_REF_MISMATCH): a c. change names the reference base, which the record contradicts",
        ),
        InfoKey(
            "ALK_HGVSP",
            "A",
            "String",
            "HGVS protein change on NP_004295.2, one-letter amino acids; p.? (unknown) where REF disagrees with the "
            "reference (ALK_REF_MISMATCH) and the change touches the coding sequence",
        ),
        InfoKey(
            "ALK_CONSEQUENCE",
            "A",
            "String",
            "Sequence Ontology consequence terms on ALK, '&'-joined, most severe first (where REF disagrees with the "
            "reference: the terms of its location only, e.g. coding_sequence_variant)",
        ),
        InfoKey("ALK_EXON", "A", "String", "ALK exon (e.g. 23/29) or intron (e.g. i19/28) of the change"),
        InfoKey(
            "ALK_REGION",
            "A",
            "String",
            f"Named ALK protein region; kinase_domain = residues {lo}-{hi} (InterPro IPR020635/SMART TyrKc)",
        ),
    )


RESISTANCE = InfoKey(
    "ALK_RESISTANCE",
    "A",
    "String",
    "known (a resistance change in the alkannot knowledge base: a resistant, intermediate or conflicting call for at "
    "least one inhibitor on the change alone), activating (an activating variant whose statements "
    "are all full-length ALK sensitivity, e.g. the neuroblastoma hotspot R1275Q: not a resistance mutation), residue "
    "(other change at a known resistance residue, or one whose own statements are of sensitivity only, e.g. L1198F, "
    "resistant to lorlatinib only in the compound C1156Y+L1198F), kinase_domain_vus (another kinase-domain change; "
    "a truncating one, stop-gained or frameshift, is not a resistance candidate), or none",
)
EVIDENCE = InfoKey(
    "ALK_EVIDENCE",
    "A",
    "String",
    "Sources of the knowledge base's statements on this allele's change (PMID, CIViC EID, source keys), "
    "those that decided an inhibitor call and those listed without deciding one (ALK_CALL_SOURCES gives each "
    "call's deciding ones), '&'-joined",
)
DISCORDANT = InfoKey(
    "ALK_DISCORDANT",
    "A",
    "String",
    "Protein change another annotator (VEP CSQ, SnpEff ANN, bcftools BCSQ) gives for this allele on "
    "NM_004304/ENST00000389048 where it differs from ALK_HGVSP, as TOOL:change",
)
COMPOUND = InfoKey(
    "ALK_COMPOUND",
    "A",
    "String",
    "The compounds this allele is a part of, one per sample whose compound it is in, '|'-joined, each "
    f"SAMPLE:PARTS(PHASE) (PHASE cis, {PHASE_UNKNOWN} ({PHASE_UNKNOWN_WORDS}), or trans: different alleles, not "
    "one molecule, called by the least favourable of the parts' calls), e.g. A05_T:L1196M+G1202R(cis). The "
    "per-inhibitor keys (ALK_CRIZOTINIB, ...) are this allele's own calls and do not apply to the compound; its "
    "calls are in the report (--report), and its sample's ##alkannotSample line names it with its phase "
    "(AlkMutations)",
)
REF_MISMATCH = InfoKey(
    "ALK_REF_MISMATCH",
    "1",
    "String",
    f"REF disagrees with the bundled {TRANSCRIPT} reference: the reference bases at REF's positions (plus strand, "
    "'.' where not bundled). No c. or protein change (ALK_HGVSC '.', ALK_HGVSP p.?) and no resistance or inhibitor "
    "call (unknown) is made for such a record",
)
FUSION_KEYS = (
    InfoKey(
        "ALK_FUSION",
        "1",
        "String",
        "ALK fusion in HGNC notation, 5' partner first (e.g. EML4::ALK; UNKNOWN::ALK if the partner is unresolved)",
    ),
    InfoKey("ALK_FUSION_VARIANT", "1", "String", "EML4-ALK variant (v1, v2, v3a/b, v5a/b, ...) or '.'"),
    InfoKey(
        "ALK_FUSION_BREAKPOINT",
        "1",
        "String",
        "Exon/intron of each side of the junction, e.g. EML4:intron13|ALK:intron19",
    ),
    InfoKey(
        "ALK_FUSION_KINASE",
        "1",
        "String",
        "retained (ALK 3' kinase part joined to the partner's 5' part), reciprocal, or unclear",
    ),
)


# what makes a per-inhibitor call weaker than its category says, as the report and `alkannot lookup` print it
# (readings.Reading.qualifier, lookup_text._row): the knowledge base's marks (readings.KB_MARK_WORDS, whose codes are
# the words of ALK_CALL_QUALIFIERS: review 19, finding 4), in their order, but for `inferred`, a compound's (or a trans
# pair's) call taken from its parts' calls, never an allele's own; worded per INFO value in CALL_QUALIFIERS'
# Description, as readings.MARK_MEANINGS words them as printed (lookup's legend, the HTML card): not one text
# (tests/test_qualifier_meanings_agree.py says why and checks that the two agree)
QUALIFIERS = tuple(code for code in KB_MARK_WORDS if code != INFERRED)


def inhibitor_key(inhibitor: str, agent: str = "") -> InfoKey:
    """ALK_<INHIBITOR>: the call as the sources state it; alkannot predicts nothing of its own (RULES.md: "A call is a
    summary of what the sources say. It is not a treatment recommendation."; review 12, finding 10). A source may
    itself be a computer prediction (L1256F and lorlatinib, OKA19), so the Description no longer says the value is
    "not a prediction"; the qualifiers are in ALK_CALL_QUALIFIERS (review 19, finding 4). The Description defines each
    category and names every qualifier ALK_CALL_QUALIFIERS can carry (fresh-eyes review rev46: it named three of six
    and sent a reader to lookup for 'review or preclinical', which ALK_CALL_QUALIFIERS says itself). An older
    output's line with another description is replaced on re-annotation all the same: alkannot knows its lines by
    Source="alkannot"."""
    return InfoKey(
        f"ALK_{inhibitor.upper()}",
        "A",
        "String",
        f"Sensitivity of this allele alone to {agent or inhibitor}, alkannot's summary of what its knowledge base's "
        "sources state (alkannot adds no prediction of its own; not a treatment recommendation): sensitive; "
        "intermediate (reduced, not abolished activity, as a source states it or as the knowledge base's threshold "
        "rule grades a fold shift over wild type measured in one experiment); resistant; conflicting (the deciding "
        "sources state both sensitive and resistant, or one states mixed findings: no direction is taken); unknown "
        "(no statement decides it, or REF disagrees with the reference: ALK_REF_MISMATCH). A call is marked in "
        "ALK_CALL_QUALIFIERS, as INHIBITOR:QUALIFIER, where every "
        f"statement that decided it is of one weaker kind ({IN_SILICO}: {IN_SILICO_LABEL}, its direction from a "
        "computer prediction; "
        f"{PRECLINICAL_ONLY}: cells or animals, no patient's; {CASE_REPORT_ONLY}; {REVIEWS_ONLY}), where none is about "
        f"ALK-positive NSCLC ({OTHER_CONTEXT}, e.g. neuroblastoma, full-length ALK), or where the deciding sources "
        f"differ in direction ({SOURCES_DISAGREE}). The sources that decided each call are in ALK_CALL_SOURCES, "
        "every source of the allele's statements in ALK_EVIDENCE; each call's evidence kinds are in alkannot lookup "
        "and the report. Where the allele is a "
        "part of a compound (ALK_COMPOUND), this is not the compound's call, which is in the report (--report) and "
        "in the sample's ##alkannotSample line (Calls)",
    )


CALL_QUALIFIERS = InfoKey(
    "ALK_CALL_QUALIFIERS",
    "A",
    "String",
    "Qualifiers of this allele's per-inhibitor calls (ALK_CRIZOTINIB, ...), '|'-joined, each INHIBITOR:QUALIFIER "
    f"(e.g. alectinib:{SOURCES_DISAGREE}|lorlatinib:{IN_SILICO}), in the inhibitor table's order and each call's in "
    "the order listed here, the report's: "
    f"{SOURCES_DISAGREE} (the deciding sources disagree on the direction; the category is alkannot's reading of "
    f"them), {IN_SILICO} (every statement that decided the call takes its direction from a computer prediction, "
    "e.g. a binding-energy simulation; its source also reports the finding in cells or patients, but no cell IC50 "
    f"is read: '{IN_SILICO_LABEL}' in the report and alkannot lookup), {PRECLINICAL_ONLY} (every statement that "
    "decided the call is preclinical: cells, animals or a review's in-vitro listing, no patient's), "
    f"{CASE_REPORT_ONLY} (every statement that decided the call is a case report: one publication's, the report "
    "and alkannot lookup saying 'one case report', or several, 'case reports only'), "
    f"{REVIEWS_ONLY} (every statement that decided the call is review-level: a review's table or text, a curated "
    "database's listing, a trial read only through another paper or a news report; no primary cell or patient report "
    f"decides it), {OTHER_CONTEXT} (no statement about ALK-positive NSCLC: the call rests on another disease or ALK "
    "form, e.g. neuroblastoma, full-length ALK). "
    "Absent where no call of the "
    "allele has one; an unknown call has none, nor has a conflicting one, which says itself that its sources disagree",
)


CALL_SOURCES = InfoKey(
    "ALK_CALL_SOURCES",
    "A",
    "String",
    "The sources that decided each of this allele's per-inhibitor calls (ALK_CRIZOTINIB, ...), '|'-joined, each "
    "INHIBITOR:SOURCE+SOURCE (e.g. lorlatinib:LIN17T2+PEL21(doi:10.1158/1538-7445.AM2021-1468)), in the inhibitor "
    "table's order; the inhibitor ends at the first ':'. Each source is its knowledge-base key with the PMID(s) or "
    "DOI the knowledge base gives it, as KEY(PMID:n) or KEY(doi:...), several PMIDs of one statement joined by a "
    "percent-encoded comma (CGI(PMID:20979473%2CPMID:22277784)), one read only in PubMed Central with its PMC id "
    "(OKA19(PMC6441848)); a key with none (LIN17T2) or a curated resource's own key (CGI) stays bare. The "
    "sources listed for a call without deciding it (GAI16 for G1202R and "
    "lorlatinib: a general finding, not G1202R-specific) are not here: ALK_EVIDENCE holds every source of the "
    "allele's statements, and alkannot lookup and the report say which are listed only. Absent where no call of "
    "the allele is decided by a source; an unknown call has none",
)


def call_sources(calls: Mapping[str, InhibitorCall], identify: Callable[[str], str] = str) -> str:
    """'lorlatinib:LIN17T2+PEL21(doi:...)|crizotinib:...', in the inhibitor table's order ('.' for none): each call's
    counted sources (`InhibitorCall.counted_sources`), each once with `identify`'s identifier (sourced_text.
    identified_key), so that a VCF reader sees which sources decided which call: ALK_EVIDENCE pools every call's and
    the listed ones (review of stop 46, item 1)."""
    said = [
        f"{name}:{'+'.join(dict.fromkeys(identify(k) for k in call.counted_sources))}"
        for name, call in calls.items()
        if call.category != "unknown" and call.counted_sources
    ]
    return "|".join(said) or "."


def call_qualifiers(calls: Mapping[str, InhibitorCall]) -> str:
    """'alectinib:sources_disagree|lorlatinib:in_silico', in the inhibitor table's order ('.' for none), each call's in
    QUALIFIERS': the marks the report and lookup print beside a call, as readings.mark_flags reads them, for a VCF
    reader (review 19, finding 4). None beside an `unknown` or a `conflicting` call (readings.qualifiable, RULES.md
    3.8)."""
    said = []
    for name, call in calls.items():
        marks = mark_flags(call)
        said += [f"{name}:{code}" for code in QUALIFIERS if marks[code]]
    return "|".join(said) or "."


def allele_keys(inhibitors: Iterable[str], agents: Mapping[str, str] | None = None) -> tuple[InfoKey, ...]:
    """The per-ALT keys of an ALK record, in the order they are written; `agents` gives each inhibitor's name as the
    sources write it for the Description ('TPX-0131', not 'tpx0131'; review 21, finding 15)."""
    return (
        *_consequence_keys(),
        RESISTANCE,
        *(inhibitor_key(name, (agents or {}).get(name, "")) for name in inhibitors),
        CALL_QUALIFIERS,
        CALL_SOURCES,
        EVIDENCE,
        DISCORDANT,
        COMPOUND,
    )


def record_keys() -> tuple[InfoKey, ...]:
    return (*FUSION_KEYS, REF_MISMATCH)


def inhibitor_of(key: str) -> str | None:
    """'ALK_TPX0131' -> 'tpx0131' for a key that is not one of the fixed per-allele keys."""
    fixed = {k.id for k in _consequence_keys()} | {
        RESISTANCE.id,
        CALL_QUALIFIERS.id,
        CALL_SOURCES.id,
        EVIDENCE.id,
        DISCORDANT.id,
        COMPOUND.id,
    }
    return None if key in fixed or not key.startswith("ALK_") else key[4:].lower()


__all__ = [
    "InfoKey",
    "allele_keys",
    "record_keys",
    "inhibitor_key",
    "inhibitor_of",
    "call_qualifiers",
    "call_sources",
    "CALL_QUALIFIERS",
    "CALL_SOURCES",
    "FUSION_KEYS",
    "REF_MISMATCH",
    "RESISTANCE",
    "EVIDENCE",
    "DISCORDANT",
    "COMPOUND",
]
