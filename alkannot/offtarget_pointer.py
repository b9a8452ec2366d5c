"""What a P-gp note says of a sample's off-target findings (offtarget.py makes them): the candidates it names, once
on each path and right after its verdict (`also_listed`), and where to look instead of P-gp (`off_target_pointer`,
`unexplained_pointer`): the candidates, the listed findings that are not candidates and why, and what the screen of
the genes alkannot checks showed. Pure: the findings, the screen and the knowledge base's statements."""

from __future__ import annotations

from .bypass_coverage import GeneCoverage
from .copynumber import machine_words
from .offtarget import FISH_CONFIRMED, GAIN_LISTED, NOT_CANDIDATE, OffTarget
from .offtarget_notes import abcb1_said, recorded_pointer
from .offtarget_screen import bypass_statements, screen_said, with_findings
from .sourced_text import statement

# (a sentence of the P-gp note, what it says whose sources the note lists: the `caveat` of each off-target candidate
# whose caveat it says, and the statements.tsv keys of the sourced statements it says), for pgp.pgp_assessment
Said = tuple[str, tuple[str, ...]]
# (`Said` of a pointer, and its sentences on the genes alkannot checks with what they say: `screen_said`'s, as built;
# ('', ()) where it names candidates): PgpAssessment.screen, which a recorded candidate's sentence takes the place of
Screened = tuple[str, tuple[str, ...], Said]


_POINTER = "see the off-target findings"


def _bracketed(description: str, words: str) -> str:
    """'chr7:55174772 C>A (p.G719C, VEP; see the off-target findings)': `words` in the description's own closing
    bracket where it has one (the annotation's protein change), not a second bracket after it (stop 54); else
    'chr7:116522196 <DUP> CN=9 (from NGS; ...)'."""
    if description.endswith(")"):
        return f"{description[:-1]}; {words})"
    return f"{description} ({words})"


def candidate_names(found, caveat: bool = False) -> tuple[str, ...]:
    """('MET copy-number gain at chr7:116522196 <DUP> CN=9', ...): the off-target candidates of a sample, each once;
    `caveat`: a gain from NGS named as the off-target findings name it, with what it is not yet, and a pointer to
    those findings ('MET copy-number gain at ... (from NGS; confirm amplification by FISH; see the off-target
    findings)': review 17, findings 4 and 7; '(from NGS; not established as amplification; ...)' for a gene other
    than MET, FISH_CONFIRMED)."""

    def named(o) -> str:
        if caveat and o.caveat and o.kind == "copy_number_gain":
            advice = "confirm amplification by FISH" if o.gene in FISH_CONFIRMED else "not established as amplification"
            return f"{o.gene} copy-number gain at {_bracketed(o.description, f'from NGS; {advice}; {_POINTER}')}"
        if caveat:  # where its sources are said (review 17, finding 4: what they say of the gene and its drugs)
            return f"{o.gene} {machine_words(o.kind)} at {_bracketed(o.description, _POINTER)}"
        return f"{o.gene} {machine_words(o.kind)} at {o.description}"

    return tuple(dict.fromkeys(named(o) for o in found if o.candidate))


def also_listed(found, explained: bool) -> str:
    """The P-gp note's sentence naming the listed off-target candidates, once on each path of the note (review 19,
    finding 3), right after its verdict (review 21, finding 10); '' where there are none. Where an ALK change
    explains the progression (`explained`; review 13, finding 1: a MET gain beside G1202R after alectinib was in no
    note), that it does not rule them out, then the FISH caveat of a gain from NGS; elsewhere each named with that
    caveat, and that the P-gp check does not address them (review 19, finding 3: MET CN=9 missing where the check is
    recommended without IHC). The grammar follows the count ('An off-target candidate is', 'Off-target candidates
    are'): the one writer of this sentence (re-reading of stop 27). Those an annotate run recorded are said to be
    (`recorded_pointer`), last."""
    return also_listed_said(found, explained)[0]


def also_listed_said(found, explained: bool) -> Said:
    """(`also_listed`'s text, what it says: the caveat of each candidate whose caveat it says)."""
    names = candidate_names(found, caveat=not explained)
    if not names:
        return "", ()
    several = len(names) > 1
    listed = f" {'Off-target candidates are' if several else 'An off-target candidate is'} also listed: "
    listed += " and ".join(names) + "."
    recorded = recorded_pointer([o for o in found if o.candidate])
    if not explained:
        return f"{listed} The P-gp check does not address {'them' if several else 'it'}.{recorded}", ()
    with_caveat = [o for o in found if o.caveat and o.candidate]
    caveats = "".join(f" {o.gene} {o.caveat}." for o in with_caveat)
    alteration = "these alterations" if several else "this alteration"
    return (
        f"{listed} An ALK change that explains the progression does not rule out a contribution of {alteration} "
        f"(see the off-target findings).{caveats}{recorded}"
    ), tuple(o.caveat for o in with_caveat)


def _listed(found, keep) -> str:
    """'GENE description, ...' of the records `keep` selects, each once, in order ('' for none)."""
    return ", ".join(dict.fromkeys(f"{o.gene} {o.description}" for o in found if keep(o)))


def _unknown_consequence(found) -> str:
    """The P-gp note's sentences naming a bypass gene's changes of unknown consequence (`mutation_unassessed`),
    apart for a gene counted only as loss of function (NF2), for the others ('Changes of unknown consequence are
    listed (EGFR 5 separate records between ...)') and for those whose annotation leaves it open (a splice region);
    '' for none. A co-alteration's (TP53) and ABCB1's have their own."""
    loss_genes = {gene for gene, kind in bypass_statements() if kind == "truncating"}
    unassessed = [o for o in found if o.kind == "mutation_unassessed" and o.role == "bypass"]
    text = ""
    for loss in (True, False):
        chosen = [o for o in unassessed if (o.gene in loss_genes) == loss and not o.unclear_terms]
        if not chosen:
            continue
        several = sum(o.records for o in chosen) > 1
        it = "them" if several else "it"
        why = (
            f"only a truncating change or a deep deletion counts as loss of the gene; check {it}."
            if loss
            else f"alkannot has no transcript model of {'these genes' if len(chosen) > 1 else chosen[0].gene}; "
            f"annotate the VCF (VEP, SnpEff or bcftools csq) to assess {it}."
        )
        what = "Changes of unknown consequence are" if several else "A change of unknown consequence is"
        does = "they do" if several else "it does"
        listed = _listed(chosen, lambda o: True)
        text += f" {what} listed ({listed}): the input does not annotate what {does} to the protein, and {why}"
    unclear_ones = [o for o in unassessed if o.unclear_terms]
    if unclear_ones:
        several = sum(o.records for o in unclear_ones) > 1
        listed = ", ".join(dict.fromkeys(f"{o.gene} {o.description}: {o.unclear_terms}" for o in unclear_ones))
        names = list(dict.fromkeys(o.gene for o in unclear_ones))
        genes = names[0] if len(names) == 1 else "these genes"
        text += (
            f" {'Changes' if several else 'A change'} whose annotation does not say whether "
            f"{'they alter' if several else 'it alters'} the protein {'are' if several else 'is'} listed ({listed}); "
            f"alkannot has no transcript model of {genes} to tell."
        )
    return text


def off_target_pointer(kb, found: tuple[OffTarget, ...], screened: tuple[GeneCoverage, ...] = ()) -> str:
    """Where to look instead of P-gp: the bypass candidates this sample has, or what the genes alkannot checks that its
    records reach (`screened`, offtarget_screen.screened_genes; none: every gene not assessed) showed; a change of
    unknown consequence in a gene counted only when truncating (NF2) is named either way, and a co-alteration (TP53)
    is named as one, never as a candidate (review of stop 28's change)."""
    return pointer_said(kb, found, screened)[0]


def pointer_said(kb, found: tuple[OffTarget, ...], screened: tuple[GeneCoverage, ...] = ()) -> Said:
    """(`off_target_pointer`'s text, what it says: the candidates' caveats it says, COMMON_POLYMORPHISM and
    PGP_NOT_FROM_VCF where it says those statements)."""
    text, says, _ = pointer_screened(kb, found, screened)
    return text, says


def pointer_screened(kb, found: tuple[OffTarget, ...], screened: tuple[GeneCoverage, ...] = ()) -> Screened:
    """(`pointer_said`'s text and what it says, and the sentences it ends with on the genes alkannot checks with what
    they say, `screen_said`'s: ('', ()) where it names candidates)."""
    unassessed_text, (abcb1, abcb1_says) = _unknown_consequence(found), abcb1_said(kb, found)
    shown = [o for o in found if names_candidate((o,))]
    named = dict.fromkeys(f"{o.gene} {machine_words(o.kind)}" for o in shown)
    if named:
        # a gain from NGS is named once, with its caveat (no NGS cut-off), not named and then named again
        # (oncologist review 2026-12-01, finding 6: 'MET copy-number gain). MET copy-number gain (CN=9) ...')
        with_caveat = {
            f"{o.gene} {machine_words(o.kind)}": f"{o.gene} {o.caveat}" for o in shown if o.caveat and o.candidate
        }
        # the caveat each name is said with (the last of a name's records, as `with_caveat` keeps)
        caveat_of = {f"{o.gene} {machine_words(o.kind)}": o.caveat for o in shown if o.caveat and o.candidate}
        recorded = recorded_pointer(shown)  # those an annotate run recorded: said to be, after what annotate says
        if not with_caveat:
            text = f" Look first at the off-target candidates ({', '.join(named)}).{recorded}{unassessed_text}{abcb1}"
            return text, abcb1_says, ("", ())
        items = [with_caveat.get(name, name) for name in named]
        text = f" Look first at the off-target candidates: {'; '.join(items)}.{recorded}{unassessed_text}{abcb1}"
        return text, (*caveat_of.values(), *abcb1_says), ("", ())
    kinds = ("copy_number_loss_unconfirmed", "deletion_unconfirmed")
    gains = [o for o in found if o.kind == "copy_number_gain_unconfirmed" and o.role == "bypass"]  # not TP53's
    loss_genes = {gene for gene, kind in bypass_statements() if kind == "copy_number_loss"}
    said = [
        *(
            (
                _listed(found, lambda o, d=drug: o.not_counted_after == d),
                f"A finding not counted as an off-target candidate after progression on {drug} is listed ({{}}): see "
                "the off-target findings for why.",
            )
            for drug in dict.fromkeys(o.not_counted_after for o in found if o.not_counted_after)
        ),
        (
            _listed(gains, lambda o: o.gene in FISH_CONFIRMED),
            "A low-level or unquantified copy-number gain is listed ({}): not established as amplification; confirm "
            "by FISH.",
        ),
        (  # another bypass gene's gain, with a CN or without: listed; its amplification call counts (met47b)
            _listed(gains, lambda o: o.gene not in FISH_CONFIRMED and o.verified),
            f"{GAIN_LISTED} on its own.",
        ),
        (  # ... and where no call of the gene counts (IGF1R; an unverified gene): not 'on its own' (stop 50)
            _listed(gains, lambda o: o.gene not in FISH_CONFIRMED and not o.verified),
            f"{GAIN_LISTED}.",
        ),
        (  # a bypass gene whose changes no source read establishes as a mechanism (IGF1R: activation only; NRAS, ...)
            _listed(found, lambda o: not o.verified and o.role == "bypass" and o.kind not in (*NOT_CANDIDATE, *kinds)),
            "A change the sources read do not establish as an ALK-resistance mechanism is listed ({}): its "
            "significance is unknown; not an off-target candidate (see the off-target findings).",
        ),
        (
            _listed(found, lambda o: o.kind in kinds and o.gene not in loss_genes),
            "A deletion in a gene whose sources concern its mutation or activation, not its deletion, is listed "
            "({}): not an off-target candidate.",
        ),
        (
            _listed(found, lambda o: o.kind in kinds and o.gene in loss_genes),
            "A one-copy loss or a deletion of unknown depth is listed ({}): not established as loss of function; "
            "only a deep deletion (CN 0) counts as loss of the gene.",
        ),
    ]
    low_text = "".join(" " + text.format(records) for records, text in said if records)
    co = _listed(found, lambda o: o.role == "co_alteration")
    co_text = (
        f" A co-alteration, not a bypass gene, is listed ({co}): not an off-target candidate (see the off-target "
        "findings)."
        if co
        else ""
    )
    # 'other' beside what is listed as a change, not beside changes of unknown consequence: 'No other protein-altering
    # change' would say they alter the protein (second review of this session's change, finding 4)
    # and beside an ABCB1 change (not a gene of the list that follows, but a change: review of stop 29, left item)
    abcb1_change = any(o.gene == "ABCB1" and o.kind != "mutation_unassessed" for o in found)
    other = "other " if low_text or co_text or abcb1_change else ""
    # and beside a change of unknown consequence, 'besides' it: the gene is both listed and checked (clinical review of
    # stop 38, finding 5: 'KRAS chr12:25245350 C>A is listed ... No protein-altering ... change ... (KRAS ...)')
    besides = ", besides the change(s) of unknown consequence listed," if unassessed_text else ""
    screen, screen_says = screen_said(kb, with_findings(screened, found), other, besides)
    return low_text + unassessed_text + co_text + abcb1 + screen, (*abcb1_says, *screen_says), (screen, screen_says)


TRANSFORMATION = "histologic_transformation"  # statements.tsv: SCLC transformation, review the histology


def unexplained_pointer(kb, found: tuple[OffTarget, ...], screened: tuple[GeneCoverage, ...] = ()) -> str:
    """`off_target_pointer` of a progression no ALK mutation explains, then the sourced prompt to review the
    re-biopsy's histology for small-cell transformation (guidance.md section 4 step 4, bypass.md section 10:
    oncologist reading of stop 28), an off-target candidate named or not: guidance.md lists MET amplification and
    small-cell transformation side by side, and an NGS gain awaits FISH (clinical review of stop 42, finding 5)."""
    return unexplained_said(kb, found, screened)[0]


def unexplained_said(kb, found: tuple[OffTarget, ...], screened: tuple[GeneCoverage, ...] = ()) -> Said:
    """(`unexplained_pointer`'s text, what it says: `pointer_said`'s, then TRANSFORMATION)."""
    text, says, _ = unexplained_screened(kb, found, screened)
    return text, says


def unexplained_screened(kb, found: tuple[OffTarget, ...], screened: tuple[GeneCoverage, ...] = ()) -> Screened:
    """(`unexplained_said`'s text and what it says, and `pointer_screened`'s sentences on the genes checked)."""
    text, says, screen = pointer_screened(kb, found, screened)
    return f"{text} {statement(kb, TRANSFORMATION)}", (*says, TRANSFORMATION), screen


def names_candidate(found: tuple[OffTarget, ...]) -> bool:
    """Whether `off_target_pointer` names off-target candidates (else it says what the genes alkannot checks showed:
    `no_bypass_found`)."""
    return any(o.candidate for o in found)  # an unverified finding (IGF1R, NRAS, ...) is listed, never named one
