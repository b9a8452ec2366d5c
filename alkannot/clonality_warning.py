"""One message per run (INFO, as the run's other facts: a change at VAF 12% is no fault to warn about) where no
--min-vaf was given and an on-target verdict rests on ALK changes taken as clonal
whatever their allele fraction (cohort review of stop 40, finding 2: G1202R at VAF 2% after alectinib made the P-gp
check `not_indicated`, and only the notes column said that no cut-off was set). alkannot has no sourced default
cut-off (the knowledge base's thresholds hold none), so the warning names the lowest allele fraction it counted and
asks for the laboratory's own; the verdicts are unchanged."""

from __future__ import annotations

from typing import Iterable

from .log import log
from .sample_types import ON_TARGET, SampleVerdict


def warn_without_min_vaf(verdicts: Iterable[SampleVerdict], min_vaf: float | None, api: bool = False) -> None:
    """Say, once, how many on-target verdicts rest on changes no --min-vaf tested, and the lowest VAF among them;
    `api`: in the Python API's keywords (UntestedVafs.warn)."""
    if min_vaf is not None:
        return
    untested = UntestedVafs()
    for v in verdicts:
        untested.add(v)
    untested.warn(min_vaf, api)


class UntestedVafs:
    """warn_without_min_vaf, one verdict at a time: `add` keeps of an on-target verdict only its name, where it
    counted a change with an allele fraction, and the lowest such fraction so far (`annotate` without --report keeps
    no verdict alive, issue 13); `warn` says it."""

    def __init__(self) -> None:
        self._lowest: tuple[float, str, str] | None = None
        self._samples: set[str] = set()

    def add(self, v: SampleVerdict) -> None:
        if v.mechanism != ON_TARGET:
            return
        for m in v.mutations:
            if m.counts_for_resistance and m.vaf is not None:
                counted = (m.vaf, v.sample, m.protein_change)
                self._lowest = counted if self._lowest is None else min(self._lowest, counted)
                self._samples.add(v.sample)

    def warn(self, min_vaf: float | None, api: bool = False) -> None:
        """`api`: said in the Python API's keywords, as options.warn_type_against_name's `api` says its warning
        (api.annotate and api.report without min_vaf were told 'no --min-vaf given', the command line's words)."""
        if min_vaf is not None or self._lowest is None:
            return
        vaf, sample, change = self._lowest
        given, give = ("no min_vaf given", "as min_vaf") if api else ("no --min-vaf given", "with --min-vaf")
        log.info(
            "%s: %d sample(s) are on_target on ALK changes taken as clonal whatever their allele fraction (lowest: %s "
            "%s at VAF %.1f%%); give the laboratory's clonality cut-off %s",
            given,
            len(self._samples),
            sample,
            change,
            100 * vaf,
            give,
        )


__all__ = ["UntestedVafs", "warn_without_min_vaf"]
