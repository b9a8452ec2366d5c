"""Whether the input and the sample sheet show the tumour to be ALK-positive: the P-gp question, and every call
the report makes, applies to ALK-positive tumours. A positive status, a fusion call or a clonal known ALK
resistance mutation shows it; where the sample sheet says ALK-negative and the input shows ALK, the report
names the conflict instead of taking a side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .sample_types import AlkMutation
from .sourced_text import statement

if TYPE_CHECKING:
    from .samplesheet import SheetRow


def alk_positivity(row: SheetRow | None, fusion: str, mutations: list[AlkMutation]) -> tuple[str, str]:
    """(why ALK positivity is not established, or ''; whether the advice merely assumes it). A positive status
    in the sample sheet, a fusion call or a clonal known ALK resistance mutation (seen only in ALK-driven
    tumours) shows it. SV calls with no ALK fusion, or an equivocal status, put it in doubt; with neither
    status nor fusion evidence, the advice assumes it and says so (clinical review 2026-12-01, finding 1)."""
    status = row.alk_status if row is not None else None
    known_clonal = any(m.counts_for_resistance and m.resistance == "known" and m.clonal for m in mutations)
    shown = status == "positive" or fusion in ("positive", "positive_external") or known_clonal
    if shown:
        return "", ""
    known = any(m.counts_for_resistance and m.resistance == "known" for m in mutations)
    # a sample with no sheet row (or no sheet) is not one whose row lacks a status (rev49's reading of P6_T)
    no_row = "the sample has no sample-sheet row to give its ALK status"
    if fusion == "negative" and not known:
        sheet = "the sample sheet gives no positive ALK status" if row is not None else no_row
        return f"SV calls cover this sample and none joins ALK; {sheet}", ""
    if status == "equivocal" and row is not None:
        return (
            f"the sample sheet gives the ALK status as {row.alk_status_text}, and no ALK fusion call or clonal "
            "known ALK resistance mutation shows it"
        ), ""
    # nothing puts it in doubt and nothing shows it: what the advice rests on, said as it is
    fusion_text = "no ALK fusion call"
    if fusion == "possible":
        fusion_text = "only a possible ALK fusion (confirm ALK expression by IHC or RNA)"
    shows = f"this input shows {fusion_text} and no clonal known ALK resistance mutation"
    return "", f"{'the sample sheet gives no ALK status' if row is not None else no_row}, and {shows}"


def shown_only_by_mutations(row: SheetRow | None, fusion: str, mutations: list[AlkMutation]) -> tuple[str, ...]:
    """The clonal known ALK resistance mutations that alone show the tumour ALK-positive (alk_positivity's third
    way): no positive or negative ALK status in the sample sheet, no ALK fusion call. () where anything else shows
    it, or where the sheet says ALK-negative (discordance_notes name that conflict)."""
    status = row.alk_status if row is not None else None
    if status in ("positive", "negative") or fusion in ("positive", "positive_external"):
        return ()
    known = (m.protein_change for m in mutations if m.counts_for_resistance and m.resistance == "known" and m.clonal)
    return tuple(dict.fromkeys(known))


def discordant_with_negative_status(row: SheetRow | None, fusion: str, best, mutations: list[AlkMutation]) -> str:
    """What in this input shows ALK where the sample sheet gives the tumour as ALK-negative ('' where nothing
    does): an ALK fusion call, or a known ALK resistance mutation (these arise in ALK-driven tumours). The
    report names the conflict instead of taking a side (clinical review 2026-12-01, second reading, finding 2)."""
    if row is None or row.alk_status != "negative":
        return ""
    # a possible fusion (an intergenic or single breakend) awaits IHC or RNA: a negative IHC agrees with it
    if fusion == "positive" and best is not None:
        kinds = sorted({e.kind for e in best.evidence})
        return f"an ALK fusion ({best.fusion}, {fusion}; {' and '.join(kinds) or 'DNA'} evidence)"
    known = [m.protein_change for m in mutations if m.counts_for_resistance and m.resistance == "known"]
    if known:
        named = list(dict.fromkeys(known))  # 'G1202R, a known ...' (clinical review of stop 42, finding 14)
        what = "known ALK resistance mutations" if len(named) > 1 else "a known ALK resistance mutation"
        return f"{', '.join(named)}, {what}"
    return ""


def discordance_notes(kb, row: SheetRow | None, fusion: str, evidence_seen: bool, shown: str) -> list[str]:
    """The notes on a sample sheet and an input that disagree about ALK: a positive status where the SV calls or
    fusion tables that cover the sample (`evidence_seen`) show no fusion, or a negative one where this input
    shows ALK (`shown`, from discordant_with_negative_status)."""
    if row is None:  # without a sheet row, positive_external is the annotate run's record
        return []
    notes = []
    if fusion == "positive_external" and evidence_seen:
        notes.append(
            f"Discordant: the SV calls / fusion tables that cover this sample show no ALK fusion, but the "
            f"sample sheet gives {row.alk_status_text}; check the assays (a DNA SV caller can miss a "
            "fusion that IHC/FISH/RNA shows)."
        )
    if shown:
        notes.append(_negative_status_note(kb, row, shown))
    return notes


def _negative_status_note(kb, row: SheetRow, shown: str) -> str:
    """The note on a sample sheet that gives ALK-negative where this input shows ALK (`shown`), with what the
    sources say about disagreeing ALK assays (fusions.md section 6)."""
    return (
        f"Discordant: the sample sheet gives the tumour as ALK-negative ({row.alk_status_text}), but this "
        f"input shows {shown}; resolve the ALK status by an assay other than the two that disagree (IHC, FISH or "
        "RNA) before acting on any "
        f"call in this report. {statement(kb, 'alk_assays_disagree')}"
    )


__all__ = ["alk_positivity", "discordant_with_negative_status", "discordance_notes", "shown_only_by_mutations"]
