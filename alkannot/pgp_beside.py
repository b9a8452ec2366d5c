"""What the P-gp note says beside its own findings about this tumour (clinical review 19): the tumour's own
resistant or intermediate call beside a drug the sourced activity offers (finding 1), a kinase-domain change of
unknown significance by name (finding 5), that KAT16's frequency is not a frequency after the drug progressed on
(finding 6), and the records that could not be evaluated; the listed off-target candidates on every path of the
note (finding 3) are offtarget_pointer.also_listed's. Pure: reads only the knowledge base and what the sample's verdict
passes in (its mutations and calls, untyped here: sample_types imports the P-gp check).
"""

from __future__ import annotations

import re

from .readings import call_clause
from .sourced_text import Objection, citation, display_name, inhibitor_list

# ---------------------------------------------------------------- the tumour's own calls beside the offered drugs
OBJECTED = ("resistant", "intermediate")


def genotype_objections(kb, calls, readings=()) -> tuple[Objection, ...]:
    """(inhibitor, the change, what the tumour's own call says, its citation) for each drug not progressed on whose
    call for this tumour is resistant or intermediate, a subclonal basis included: 'I1171N', 'I1171N, found here,
    is resistant to alectinib in the knowledge base' and '[LIN17T2; EID1367(PMID:25736571)]', said beside that drug
    wherever the sourced activity after this treatment history offers it (review 19, finding 1: alectinib offered
    after ceritinib beside I1171N, which the same report calls alectinib-resistant). `readings` (the sample's
    genotype readings): the call's qualifier, as the cell and the note's lead give it ('chiefly in silico, no cell
    IC50 read', 'from other contexts only'; review 21, finding 2); a VAF below the cut-off is said as such, not as
    subclonality (finding 9). The change is returned with the clause, never read back out of it."""
    out = []
    for v in calls:
        if v.progressed_on or v.category not in OBJECTED:
            continue
        change = v.basis.split(";")[0].split(" (")[0]
        vaf = re.search(r"VAF [0-9.]+%", v.basis) if "VAF " in v.basis else None  # a pattern only for a VAF
        at = f" at {vaf.group(0)}," if vaf else ""
        where = f"found here{at} below the clonality cut-off set for this run" if v.subclonal else "found here"
        clause = call_clause(f"{change}, {where},", v.category, display_name(kb, v.inhibitor))
        said = f"{clause} in the knowledge base{_qualified(v, change, readings)}"
        out.append(Objection(v.inhibitor, change, said, citation(kb, v.sources), tuple(v.sources)))
    return tuple(out)


def _qualified(call, change: str, readings) -> str:
    """' (chiefly in silico, no cell IC50 read)', ' (no statement about ALK-positive NSCLC: from other contexts only)',
    ' (sources disagree)', ' (one case report)': what weakens the tumour's own call, in the words the rest of the
    report gives it (Reading.qualifier); '' for a firm call whose sources agree that patients' or several kinds of
    statements decided."""
    weak = next(
        (
            r.qualifier
            for r in readings
            if r.inhibitor == call.inhibitor
            and r.basis.split(" (")[0] == change
            and (not r.firm or r.evidence_mark)  # the table's '(preclinical only)', '(one case report)' too
            and r.qualifier
        ),
        "",
    )
    if weak:
        return f" ({weak})"
    return " (sources disagree)" if call.disputed else ""


# ---------------------------------------------------------------- a known resistance mutation found, not counted
def uncounted_known(mutations) -> tuple[str, ...]:
    """'G1202R (VAF 49.0%) is also found in the matched normal', 'G1202R (VAF 49.0%) failed the caller's filter
    (weak_evidence;germline)': the known resistance mutations the input holds but the verdict does not count, named
    where the note would otherwise say that none was found (clinical review of stop 32, finding 3)."""
    out = []
    for m in mutations:
        if not m.known_not_counted:
            continue
        vaf = f" (VAF {m.vaf:.1%})" if m.vaf is not None else ""
        why = "is also found in the matched normal" if m.in_normal else f"failed the caller's filter ({m.filter})"
        out.append(f"{m.label}{vaf} {why}")
    return tuple(dict.fromkeys(out))


def named_records(mutations, deletions=()) -> dict[str, tuple[str, ...]]:
    """What the P-gp note names of the sample's ALK records (PgpInputs' fields): those that could not be evaluated,
    the kinase-domain changes of unknown significance (with the `deletions` over the kinase domain that make on-target
    resistance possible: sample_copy_number.sample_kinase_deletions), and the known resistance mutations not
    counted."""
    deleted = tuple(f"an {d.label} at {d.record}" for d in deletions if d.counts)
    return {
        "unevaluable": unevaluable_records(mutations),
        "vus": kinase_domain_vus(mutations) + deleted,
        "uncounted": uncounted_known(mutations),
    }


def none_found(vus: tuple[str, ...], uncounted: tuple[str, ...] = ()) -> str:
    """'no ALK resistance mutation was found', or with a kinase-domain change of unknown significance, 'no known
    ALK resistance mutation was found; L1240S (VAF 23.7%), ..., is present' (review 19, finding 5); with a known one
    the verdict does not count, 'no ALK resistance mutation was counted: G1202R (VAF 49.0%) is also called in the
    matched normal' (`uncounted_known`), never 'none was found' beside it."""
    if uncounted:
        none = f"no ALK resistance mutation was counted: {'; '.join(uncounted)}"
        return f"{none}; {vus_clause(vus)}" if vus else none
    none = "no ALK resistance mutation was found"
    return f"no known ALK resistance mutation was found; {vus_clause(vus)}" if vus else none


# ---------------------------------------------------------------- a kinase-domain change of unknown significance
def kinase_domain_vus(mutations) -> tuple[str, ...]:
    """'L1240S (VAF 23.7%)': the kinase-domain changes of unknown significance the verdict weighs."""
    return tuple(
        f"{m.label}{f' (VAF {m.vaf:.1%})' if m.vaf is not None else ''}"
        for m in mutations
        if m.counts_for_resistance and m.resistance == "kinase_domain_vus"
    )


def vus_clause(vus: tuple[str, ...], too: bool = False) -> str:
    """'L1240S (VAF 23.7%), a kinase-domain change of unknown significance, is present: whether it explains the
    progression is not known' (review 19, finding 5: 'no ALK resistance mutation was found' beside it)."""
    if not vus:
        return ""
    if len(vus) > 1:
        named = f"{', '.join(vus[:-1])} and {vus[-1]}, kinase-domain changes of unknown significance, are present"
        return f"{named}{' too' if too else ''}: whether they explain the progression is not known"
    named = f"{vus[0]}, a kinase-domain change of unknown significance, is present"
    return f"{named}{' too' if too else ''}: whether it explains the progression is not known"


# ---------------------------------------------------------------- KAT16's frequency after another drug
def no_frequency_after(kb, affected: tuple[str, ...], latest: str, kind: str) -> str:
    """After a drug other than those KAT16 counted (brigatinib, ensartinib, an investigational agent), that its
    figure is not a frequency after that drug (review 19, finding 6); '' after crizotinib or ceritinib."""
    if kind == "affected":
        return ""
    return (  # not 'counts ... only', read as 'resistant only to' (review 21, finding 13)
        f" KAT16 studied tumours resistant to {inhibitor_list(kb, affected, 'or')}; no frequency of P-gp "
        f"overexpression after {display_name(kb, latest)} is known in the sources read."
    )


# ---------------------------------------------------------------- a positive ABCB1 IHC in a cell
# how the note of a tumour whose ALK positivity is not established opens its advice (pgp.py); the HTML's tag says the
# check once it is ALK-positive from PgpAssessment.once_alk_positive (JSON, schema 2.31), and reads these words only
# in a JSON before 2.31 (report/tags.py: 'recommended if ALK-positive')
IF_ALK_POSITIVE = "If the tumour is ALK-positive, the check is "
# the check it then gives, by the flag it would have (pgp.py writes them)
CONDITIONAL_WORDS = {
    "recommended": "recommended",
    "low_yield": "of low yield",
    "if_progressed": "indicated if the patient progressed",
}
# how the per-inhibitor P-gp facts sentence opens (pgp.facts_sentence), for the HTML card that shows it apart
FACTS_OPENING = "P-gp facts: "
# and the sentence after it, on transport by ABCB1 (pgp_effects.transport_sentence), shown with it
TRANSPORT_OPENING = "Transport by ABCB1 (P-gp) itself"


def facts_apart(note: str) -> tuple[str, str]:
    """(the note without its P-gp facts sentence, that sentence): the HTML card shows the sentence, the same for
    every sample but for the drug already named, folded under the note rather than as ~1,000 characters of every
    card (review of stop 33, left item); ('note', '') where it has none."""
    start = note.find(FACTS_OPENING)
    if start < 0:
        return note, ""
    end = start + _first_sentence_end(note[start:])
    if note[end:].lstrip().startswith(TRANSPORT_OPENING):
        after = len(note[end:]) - len(note[end:].lstrip())
        end += after + _first_sentence_end(note[end + after :])
    return (note[:start].rstrip() + " " + note[end:].lstrip()).strip(), note[start:end]


# what a full note says beyond its reason, by the kind of each of its parts (pgp_parts; the P-gp note's builder names
# them): named where a note whose ALK positivity is not established leaves it out (oncologist reading of stop 28: the
# activity after the history is in the cells); a positive IHC's part is what was seen in P-gp-overexpressing cells,
# after a drug P-gp overexpression did not affect (low yield) what it would mean for an earlier drug it does affect
_LEFT_OUT = (
    ("frequency", "how often P-gp overexpression was found"),
    ("if_ihc_positive", "what was seen in P-gp-overexpressing cells (if P-gp IHC is positive)"),
    ("if_ihc_positive_after_unaffected", "what a positive P-gp IHC would mean for an earlier drug"),
    ("pgp_inhibitor_combination", "the P-gp inhibitor combination (preclinical)"),
    ("pgp_facts", "the P-gp facts per inhibitor"),
    ("transport", "which inhibitors ABCB1 transports (a pharmacokinetic question)"),
    ("transformation", "the prompt to review the re-biopsy's histology for small-cell transformation"),
)


def full_advice(parts: tuple[tuple[str, str], ...], low_yield: bool) -> str:
    """The sentence that ends a note whose ALK positivity is not established: what the full note (its `parts`, the
    advice once the tumour is ALK-positive; `low_yield`: its check) adds, each part named by its kind, nothing it
    does not have, never by the part's wording."""
    kinds = {kind + ("_after_unaffected" if kind == "if_ihc_positive" and low_yield else "") for kind, _ in parts}
    said = [words for kind, words in _LEFT_OUT if kind in kinds]
    if not said:
        return ""
    listed = said[0] if len(said) == 1 else f"{', '.join(said[:-1])} and {said[-1]}"
    return f" Give the ALK status in the sample sheet for the full P-gp advice, which adds {listed}."


FIGURES = "sourced activity after this treatment history: "  # how untried.untried_after_progression words them
IHC_POSITIVE = "ABCB1 (P-gp) IHC positive (sample sheet)"
# the drugs (pgp_effects.PgpFacts.kind) whose cell says `pgp_line` under a positive ABCB1 IHC (sample._with_abcb1_ihc);
# pgp_unsettled adds its own line to the others, by this fact, not by finding IHC_POSITIVE in the cell's note
PGP_LINE_KINDS = ("affected", "possible")
MAY_REDUCE = "the P-gp overexpression may reduce this drug's activity"  # the reason sample._with_abcb1_ihc gives


def pgp_line(kb, info, kind: str) -> str:
    """What the sources found of P-gp and this drug, cited as every line of a cell is (review 17, finding 5: "its",
    uncited; review 18: brigatinib's and ensartinib's lines carried no citation); a drug without a source says
    so rather than look sourced."""
    said = info.pgp_confers_resistance_note.replace("; ", ", ")  # "; " separates a note's parts
    cited = citation(kb, info.pgp_confers_resistance_sources)
    if not cited:
        cited = f"(no source in the knowledge base on P-gp and {info.name})"
    if kind == "affected":
        return f"{IHC_POSITIVE}: {said} {cited}"
    return f"{IHC_POSITIVE}, P-gp and this drug: {said} {cited}"  # one part, cited


def pgp_before_figures(note: str, pgp_line: str) -> str:
    """The cell note of a drug P-gp overexpression affects, not yet given, under a positive ABCB1 IHC: the P-gp line
    and its reason before the drug's trial figures, not after them (review 21, finding 5: ceritinib's 38.6% read
    before 'P-gp overexpression ... conferred resistance'); at the end where the note gives no figures. The reason
    comes after the IHC, the line still ends with its citation."""
    said = pgp_line.replace(f"{IHC_POSITIVE}: ", f"{IHC_POSITIVE}, so {MAY_REDUCE} here: ", 1)
    head, found, figures = note.partition(FIGURES)
    if not found:
        return "; ".join(n for n in (note, said) if n)
    return f"{head}{said}; {FIGURES}{figures}"


# ---------------------------------------------------------------- the off-target candidates after the verdict
def _first_sentence_end(note: str) -> int:
    """The index just after the note's first sentence ('. ' then a capital, outside brackets); its length if it
    has one sentence (facts_apart: the P-gp facts sentence, which pgp_effects writes)."""
    depth = 0
    for i, char in enumerate(note):
        depth += (char in "([") - (char in ")]")
        if char == "." and depth == 0 and note[i + 1 : i + 2] == " " and note[i + 2 : i + 3].isupper():
            return i + 1
    return len(note)


def after_verdict(note: str, sentence: str, verdict: str) -> str:
    """`note` with `sentence` (' An off-target candidate is also listed: ...') right after its verdict, on every path
    of the P-gp note, not after ~2,700 characters of P-gp facts (review 21, finding 10): after `verdict`, the flag and
    the sentences of the verdict as the builder made them, which the note opens with (after an ALK change's
    explanation, the explanation with its scope: stop 54, the first full stop put the sentence between "whether G1202R
    explains the progression is uncertain." and "If it does, the check is not indicated", which then read as said of
    the off-target candidate). Never found by searching the note's text for a full stop."""
    if not sentence:
        return note
    if not note.startswith(verdict):  # the builder's own text: a note that does not open with it is a bug
        raise ValueError(f"the P-gp note does not open with its verdict: {verdict[:60]!r}")
    return verdict + sentence + note[len(verdict) :]


# ---------------------------------------------------------------- records that could not be evaluated
def unevaluable_records(mutations) -> tuple[str, ...]:
    """The kinase-domain records whose REF disagrees with the reference, as the P-gp note names them."""
    return tuple(f"the record {m.chrom}:{m.pos} {m.ref}>{m.alt} ({m.location})" for m in mutations if m.unevaluable)


def _records(unevaluable: tuple[str, ...]) -> str:
    return f"{' and '.join(unevaluable)} {'disagrees' if len(unevaluable) == 1 else 'disagree'}"


def not_established(unevaluable: tuple[str, ...]) -> str:
    """Why a tumour with no evaluable ALK mutation is not ALK-mutation-negative either (clinical review
    2026-12-01, finding 6)."""
    return (
        f"the ALK mutation status could not be established: {_records(unevaluable)} with the reference sequence of "
        "NM_004304.5, so whether it is a resistance mutation cannot be said (check the genome build and the "
        "record; a resistance mutation there may explain the resistance)"
    )


def not_evaluated(unevaluable: tuple[str, ...]) -> str:
    return (
        f"{_records(unevaluable)} with the reference sequence of NM_004304.5 and could not be evaluated (check the "
        "genome build and the record)"
    )


__all__ = [
    "IHC_AS_RESEARCH",
    "IHC_POSITIVE",
    "PGP_LINE_KINDS",
    "NEGATIVE_IHC",
    "after_verdict",
    "genotype_objections",
    "kinase_domain_vus",
    "no_frequency_after",
    "not_established",
    "not_evaluated",
    "pgp_before_figures",
    "pgp_line",
    "FREQUENCY_OPENING",
    "TPM_OPENING",
    "tpm_sentence",
    "unevaluable_records",
    "vus_clause",
    "with_ihc",
]


# what a laboratory asked for P-gp IHC needs to know (clinical review of stop 41, finding 2): KAT16 used IHC as a
# research finding (3 of 11 biopsies), and no source in the knowledge base names a validated antibody, scoring
# system or positivity cut-off
IHC_AS_RESEARCH = (
    "(a research use: the sources read give no validated clinical antibody, scoring system or cut-off for it)"
)

# a negative research-use IHC lowers the likelihood of P-gp overexpression but, with no validated cut-off, does not
# exclude it ('P-gp efflux is unlikely' said more than any source does: review of stop 48, rev48, finding 2)
NEGATIVE_IHC = (
    " ABCB1 (P-gp) IHC is already negative (sample sheet): P-gp overexpression was not shown, which makes it a less "
    f"likely explanation without excluding it (the IHC is {IHC_AS_RESEARCH[1:-1]})."
)


def with_ihc(note: str, ihc: str | None, tpm: float | None, pointer: str = "") -> str:
    """The sample sheet's ABCB1 findings at the end of the note: a negative IHC points to `pointer` (the
    off-target candidates, or that none was found); a positive one is said where it matters (pgp_ihc.positive_ihc)."""
    if ihc == "negative":
        note += NEGATIVE_IHC + pointer
    return note + tpm_sentence(tpm)


# how the sentence on the sample sheet's ABCB1 expression opens (the HTML card's label says it: report/pgp_card)
TPM_OPENING = "ABCB1 expression"
# how the sentence of statements.tsv's pgp_frequency opens before its count ('... was found in 3 of 11 ...'), which
# the HTML card's label 'How often P-gp overexpression is found' says (report/pgp_card)
FREQUENCY_OPENING = "P-gp overexpression was found in"


def tpm_sentence(tpm: float | None) -> str:
    """' ABCB1 expression 85 TPM (...)': the sample sheet's ABCB1 expression, at the end of the note; '' without."""
    if tpm is None:
        return ""
    return (
        f" {TPM_OPENING} {tpm:g} TPM (the knowledge base has no validated expression cut-off; "
        "IHC is the documented test)."
    )
