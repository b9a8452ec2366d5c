"""The ALK copy-number gains and kinase-domain deletions of one sample (copynumber.py sorts them): which the sample
carries, how each reads against the knowledge base's `amplification` calls, and the notes that say what a gain is and is
not (clinical review 2026-12-01, finding A). sample.py weighs the readings with the mutations'."""

from __future__ import annotations

from .alterations import parse_alteration
from .copynumber import (
    GAIN_LEVELS,
    LOSS_LEVELS,
    AlkCopyNumber,
    alk_level,
    kinase_exon_spans,
    normal_carries,
    sample_level,
)
from .filters import passed
from .genome import gene_spans
from .pgp import Reading
from .readings import amplification_clause
from .records import replace
from .sourced_text import copy_number_keys, no_cutoff_key


def sample_copy_number_gains(survey, sample: str) -> list[AlkCopyNumber]:
    """The copy-number gains over the ALK kinase domain that `sample` carries (passed filters; copynumber.
    sample_level: its GT, else its FORMAT CN; the record's INFO CN where its own is not given), each at its ALK
    level (copynumber.alk_level: not graded by MET's FISH cut-off)."""
    return [gain for gain, _ in _carried(survey, sample, GAIN_LEVELS)]


def sample_kinase_deletions(survey, sample: str, normals: tuple[str, ...] = ()) -> list[AlkCopyNumber]:
    """The deletions that `sample` carries (passed filters) over ALK's kinase-domain coding bases (copynumber.
    kinase_exon_spans: one inside an intron changes no codon), an SV caller's <DEL> (its bases not written out: Manta
    and DELLY write mid-size deletions so) or a copy-number record. The byte-level ALK annotation reads written-out
    alleles only, so such a deletion was dropped without a word and the tumour read as ALK-mutation-negative (pipeline
    review of stop 36, finding 1). It makes on-target resistance possible (AlkCopyNumber.counts) unless a matched
    normal carries it too (germline) or, not a deep loss, both its ends lie outside ALK (a copy-number segment, often
    a whole arm): whether CN is written does not decide (review of stop 37's change, findings 1, 4 and 8)."""
    spans = kinase_exon_spans(survey.build) if survey.build else ()
    gene = next((g for g in gene_spans(survey.build) if g.gene == "ALK"), None) if survey.build else None
    found = []
    for deletion, rec in _carried(survey, sample, LOSS_LEVELS):
        # a symbolic <DEL>'s POS is its padding base, not deleted (review of stop 37's change, D4)
        # and so is a breakend's kept base ('C[chr2:29220801[': breakend_deletion_end)
        first = deletion.pos + 1 if deletion.alt.startswith("<") or "[" in deletion.alt else deletion.pos
        end = deletion.end or deletion.pos
        if not any(first <= hi and end >= lo for lo, hi in spans):
            continue
        carriers = tuple(n for n in normals if normal_carries(rec, n))
        inside = gene is not None and any(gene.start <= at <= gene.end for at in (deletion.pos, end))
        why = "in_normal" if carriers else "" if inside or deletion.level == "deep_loss" else "whole_gene"
        found.append(replace(deletion, not_counted=why, normals=carriers))
    return found


def _carried(survey, sample: str, levels: tuple[str, ...]) -> list[tuple[AlkCopyNumber, object]]:
    found, seen = [], set()
    for rec in getattr(survey, "alk_copy_number", ()):
        if not passed(rec.filter):
            continue
        what, cn = sample_level(rec, sample)
        what = alk_level(what)
        end = rec.info.get("END")
        key = (rec.chrom, rec.pos, end, tuple(rec.alts or ()))  # two records at one POS: both (review, D3)
        if what not in levels or key in seen:
            continue
        seen.add(key)
        change = AlkCopyNumber(
            rec.chrom,
            rec.pos,
            end if isinstance(end, int) else None,
            rec.alts[0] if rec.alts else "",
            cn,
            what,
            rec.filter,
        )
        found.append((change, rec))
    return found


def deletion_notes(deletions: list[AlkCopyNumber]) -> list[str]:
    """What each ALK kinase-domain deletion is and is not: its effect on the coding sequence is not assessed, no
    source in the knowledge base addresses it, and whether it makes on-target resistance possible."""
    notes = []
    for deletion in deletions:
        text = (
            f"{deletion.label} at {deletion.record} removes kinase-domain coding bases of ALK: alkannot does not "
            "assess its effect on the coding sequence (its bases are not written out), and the knowledge base has "
            "no statement on it; "
        )
        if deletion.not_counted == "in_normal":
            text += f"the matched normal ({', '.join(deletion.normals)}) carries it too: germline, not counted."
        elif deletion.not_counted == "whole_gene":
            text += (
                "both its ends lie outside ALK: a copy-number change of the region (often a whole chromosome arm), "
                "not a deletion within the gene, so it does not by itself make on-target resistance possible."
            )
        else:
            text += "it makes on-target resistance possible: review it (the caller's evidence, RNA) before reading "
            text += "the tumour as ALK-mutation-negative."
        notes.append(text)
    return notes


def copy_number_readings(kb, gains: list[AlkCopyNumber]) -> tuple[Reading, ...]:
    """Each gain with the knowledge base's `amplification` call for every inhibitor. The sources call ALK
    amplification, not a copy number, resistant: a gain the caller did not call amplification is read as not
    established (not firm), so it makes on-target resistance only possible."""
    if not gains:
        return ()
    call = kb.call(parse_alteration("amplification"))
    return tuple(
        Reading(
            gain.label,
            name,
            ic.category,
            ic.deciding_sources,
            True,
            ic.context == "other",
            ic.in_silico_only,
            copy_number=True,
            low_level=not gain.firm,
        )
        for gain in gains
        for name, ic in call.calls.items()
    )


def copy_number_notes(kb, changes: list[AlkCopyNumber]) -> list[str]:
    """What each ALK gain is and is not: the knowledge base's amplification calls with their sources, the drugs
    without data, and (low-level or unquantified) that it is not established as amplification; then each
    kinase-domain deletion's note (deletion_notes)."""
    from .sourced_text import citation, inhibitor_list, statement

    gains = [c for c in changes if not c.deletion]
    if not gains:
        return deletion_notes([c for c in changes if c.deletion])
    call = kb.call(parse_alteration("amplification"))
    by_category: dict[str, list[str]] = {}
    for name, ic in call.calls.items():
        by_category.setdefault(ic.category, []).append(name)
    said = [
        f"{amplification_clause(category, inhibitor_list(kb, names))} in the knowledge base "
        f"{citation(kb, tuple(s for n in names for s in call.calls[n].deciding_sources))}"
        for category, names in by_category.items()
        if category != "unknown"
    ]
    facts = "; ".join(said) or "the knowledge base has no call on ALK amplification"
    if by_category.get("unknown"):
        facts += f"; no data for other inhibitors ({inhibitor_list(kb, by_category['unknown'])})"
    notes = []
    for gain in gains:
        text = f"{gain.label} at {gain.record} covers the ALK kinase domain (on-target): {facts}."
        # no "confirm by FISH": no source read says how ALK amplification is confirmed (PMC6720438, URU18 and WYN14
        # give FISH as a test of ALK status, a rearrangement: accepted_alk_tests; stop 47, met47)
        if gain.firm:  # decides the mechanism, on the caller's own threshold (review 17, finding 9)
            text += (
                " It is the caller's amplification call, on the caller's own threshold: "
                + _lower_first(statement(kb, no_cutoff_key("ALK"), gene="ALK"))  # a clause of this sentence
            )
        else:
            text += (  # the sourced sentence says why the CN is not graded, once (review 17, finding 12)
                " Not established as amplification. It makes on-target resistance possible, not "
                "established. " + statement(kb, *copy_number_keys("ALK"), gene="ALK") + " So the CN is not graded."
            )
        notes.append(text)
    return notes + deletion_notes([c for c in changes if c.deletion])


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
