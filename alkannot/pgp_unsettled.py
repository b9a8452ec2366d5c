"""A drug whose call stands under a positive ABCB1 (P-gp) IHC although the sources do not settle what P-gp
overexpression does to it (clinical review of stop 42, finding 4).

Where the sample sheet's ABCB1 IHC is positive, crizotinib and ceritinib (P-gp overexpression reduces their activity:
KAT16, SEED) lose their `sensitive` or `intermediate` call (sample._with_abcb1_ihc). A drug whose effect the sources
leave open (inhibitors.tsv `pgp_confers_resistance` `conflicting`: ensartinib, WU22ENS against VAG20; or `unknown`:
brigatinib, untested, and the drugs with nothing retrieved) kept a plain `sensitive` in the grid, the TSV and the VCF
header, only its card's note saying why it might not hold. Such a call is now marked `pgp_unsettled` (a per-sample
qualifier: it depends on the sheet's IHC, not on the allele), printed PGP_UNSETTLED_LABEL beside the category. Pure:
reads only the knowledge base.
"""

from __future__ import annotations

from .pgp_beside import IHC_POSITIVE, PGP_LINE_KINDS
from .pgp_effects import pgp_facts
from .records import replace
from .sample_types import InhibitorVerdict
from .sourced_text import display_name

# the words beside the category in the TSV, the HTML card and the grid's title
PGP_UNSETTLED_LABEL = "P-gp IHC positive: its effect on this drug not established"
# pgp_confers_resistance values that leave open what P-gp overexpression does to the drug
UNSETTLED = ("conflicting", "unknown")


def _no_source_line(kb, inhibitor: str) -> str:
    """The cell's line for a drug no source in the knowledge base says anything of about P-gp (neladalkib): said,
    since its call is marked; a drug with sources has its line already (pgp_beside.pgp_line)."""
    name = display_name(kb, inhibitor)
    return f"{IHC_POSITIVE}: no source in the knowledge base says whether P-gp overexpression reduces {name}'s activity"


def marked_unsettled(kb, verdicts: tuple[InhibitorVerdict, ...], positive: bool) -> tuple[InhibitorVerdict, ...]:
    """`verdicts` with `pgp_unsettled` set on each `sensitive` or `intermediate` call, not set by the patient's
    progression, of a drug whose P-gp effect the sources leave open, where the tumour's ABCB1 IHC is positive
    (`positive`, as sample._with_abcb1_ihc reads it); unchanged otherwise."""
    if not positive:
        return verdicts
    facts = pgp_facts(kb)
    out = []
    for v in verdicts:
        info = kb.inhibitor(v.inhibitor)
        if (
            v.category not in ("sensitive", "intermediate")
            or v.progressed_on
            or info.pgp_confers_resistance not in UNSETTLED
        ):
            out.append(v)
            continue
        note = v.note
        # a drug with no source whose cell has no P-gp line (sample._with_abcb1_ihc writes one for PGP_LINE_KINDS)
        if not info.pgp_confers_resistance_sources and facts.kind(v.inhibitor) not in PGP_LINE_KINDS:
            note = "; ".join(n for n in (note, _no_source_line(kb, v.inhibitor)) if n)
        out.append(replace(v, pgp_unsettled=True, note=note))
    return tuple(out)
