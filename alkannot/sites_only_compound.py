"""The compound of a sites-only input's one sample (pipeline review of stop 42, finding 7).

A VCF without sample columns is one sample that carries every ALT (CONTRACT.md version 2). It has no genotypes: no
FORMAT PS or PGT/PID phases its changes, and nothing shows that one tumour carries them all. A cohort's sites
(`bcftools view -G`) or a list of many patients' variants is read the same way, so two patients' L1196M and G1202R
would form one compound. The contract stands; what follows makes it visible: the compound's phase method is
`no genotypes` ('L1196M+G1202R phase not determined (no genotypes)'), its note says why and what to give instead,
and a warning names the input where its sample's name was not given (neither --tumor nor the one ##alkannotSample
line of an earlier annotate run, which is one sample's output). One MNV record is one allele, hence one sample:
its cis compound gets neither. Pure but for the warning.
"""

from __future__ import annotations

from .log import log
from .records import replace
from .sample_types import NO_GENOTYPES, Compound, phase_text

SITES_ONLY = "sites_only"  # the role of a sites-only input's one sample (roles.analysed_samples)


def pooled(compound: Compound | None) -> bool:
    """A compound of a sites-only sample that the records alone do not put on one allele: all but one MNV record's."""
    return compound is not None and compound.phase != "cis"


def sites_only_compound(compound: Compound | None, role: str) -> tuple[Compound | None, list[str]]:
    """(the compound, its notes) of a sample whose role is `role`: for a sites-only sample, a compound of unknown
    phase is phased by `no genotypes`, and any compound not in cis gets a note saying what reading it as one
    sample's rests on."""
    if role != SITES_ONLY or not pooled(compound):
        return compound, []
    assert compound is not None  # pooled() said so
    if compound.phase == "unknown":
        compound = replace(compound, phase_method=NO_GENOTYPES)
    phase = " to phase these changes or" if compound.phase == "unknown" else ""
    every = "both" if len(compound.changes) == 2 else "all of them"
    return compound, [
        f"{compound.label}: the input has no sample columns (a sites-only VCF, read as one sample), so there are no "
        f"genotypes{phase} to show that one tumour carries {every}. If the file lists several samples' variants (a "
        "cohort's sites, as `bcftools view -G` writes them), they are not one tumour's, and the compound and the "
        "calls made of it describe no patient: give the genotyped VCF, or one file per sample."
    ]


def warn_pooled_sites(survey, verdicts, tumor: str | None) -> None:
    """One warning for a sites-only input whose one sample's ALK changes are read together (a compound not in cis),
    where nothing named that sample: --tumor NAME says the file is that one sample's, and so does the one
    ##alkannotSample line of alkannot's own single-sample output (survey.recorded_name)."""
    if survey.samples or survey.recorded_name or (tumor and tumor.strip()):
        return
    for verdict in verdicts:
        compound = verdict.compound
        if pooled(compound):
            log.warning(
                "%s: a sites-only input (no sample columns) is read as one sample, '%s', so its ALK changes are read "
                "together as one tumour's: %s; if it pools several samples' variants, give the genotyped VCF or "
                "split it per sample; if it is one sample's, name it with --tumor NAME",
                survey.display,
                verdict.sample,
                phase_text(compound.changes, compound.phase, compound.phase_method),
            )


__all__ = ["SITES_ONLY", "pooled", "sites_only_compound", "warn_pooled_sites"]
