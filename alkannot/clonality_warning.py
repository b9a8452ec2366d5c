"""One message per run (INFO, as the run's other facts: a change at VAF 12% is no fault to warn about) where no
--min-vaf was given and an on-target verdict rests on ALK changes taken as clonal
whatever their allele fraction (cohort review of stop 40, finding 2: G1202R at VAF 2% after alectinib made the P-gp
check `not_indicated`, and only the notes column said that no cut-off was set). alkannot has no sourced default
cut-off (the knowledge base's thresholds hold none), so the warning names the lowest allele fraction it counted and
asks for the laboratory's own; the verdicts are unchanged."""

from __future__ import annotations

import logging

from .sample_types import ON_TARGET, SampleVerdict

log = logging.getLogger("alkannot")


def warn_without_min_vaf(verdicts: list[SampleVerdict], min_vaf: float | None) -> None:
    """Say, once, how many on-target verdicts rest on changes no --min-vaf tested, and the lowest VAF among them."""
    if min_vaf is not None:
        return
    counted = [
        (m.vaf, v.sample, m.protein_change)
        for v in verdicts
        if v.mechanism == ON_TARGET
        for m in v.mutations
        if m.counts_for_resistance and m.vaf is not None
    ]
    if not counted:
        return
    vaf, sample, change = min(counted)
    samples = len({s for _, s, _ in counted})
    log.info(
        "no --min-vaf given: %d sample(s) are on_target on ALK changes taken as clonal whatever their allele fraction "
        "(lowest: %s %s at VAF %.1f%%); give the laboratory's clonality cut-off with --min-vaf",
        samples,
        sample,
        change,
        100 * vaf,
    )


__all__ = ["warn_without_min_vaf"]
