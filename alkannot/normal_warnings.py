"""Warnings about the samples a run reports as patients or leaves out as matched normals: a sample named like a
normal that nothing declares, and a sample left out as a normal that carries a known ALK resistance change (the
verdict step, verdicts.py, says them once per input)."""

from __future__ import annotations

from .log import log
from .roles import unmarked_normals
from .survey import Survey


def warn_none_reported(survey: Survey, left_out) -> None:
    """An input none of whose samples is reported: every one is declared a normal."""
    log.warning(
        "%s: no sample of this input is reported: %s %s declared a normal (##normal_sample, the sample sheet's "
        "role or normal column); the report has no row for this input and annotate writes no ##alkannotSample "
        "line",
        survey.display,
        ", ".join(left_out),
        "is" if len(left_out) == 1 else "are all",
    )


_DECLARE = (
    "declare normals in the sample sheet: a role column saying normal, or a normal column naming the matched "
    "normal on its tumour's row"
)


def _few(names: list[str]) -> str:
    """At most three names, then how many in all (a bounded message line)."""
    return ", ".join(names) if len(names) <= 3 else ", ".join(names[:3]) + f", ... ({len(names)} in all)"


def warn_named_like_normals(survey: Survey, reported, role: str, declared) -> None:
    """Once per input: the reported samples named like a normal that nothing declares (roles.unmarked_normals)."""
    named_normal = unmarked_normals(reported, role, declared)
    if not named_normal:
        return
    if declared and not set(declared) & set(survey.samples):
        log.warning(
            "%s: %s look(s) like a matched normal by name, but the ##tumor_sample/##normal_sample header lines (or "
            "the sample sheet) name none of its samples (they name %s; were the samples renamed, e.g. by bcftools "
            "reheader?): every sample is reported as a patient (%s)",
            survey.display,
            ", ".join(named_normal),
            _few(sorted(set(declared))),
            _DECLARE,
        )
    elif declared:
        log.warning(
            "%s: %s look(s) like a matched normal by name, but the ##tumor_sample/##normal_sample header lines (or "
            "the sample sheet) declare only some of its samples (bcftools merge keeps only the first file's lines): "
            "reported as a patient (%s)",
            survey.display,
            ", ".join(named_normal),
            _DECLARE,
        )
    else:
        log.warning(
            "%s: %s look(s) like a matched normal by name, but neither --tumor nor a ##tumor_sample/"
            "##normal_sample header line says which samples are tumours: every sample is reported as a patient "
            "(give --tumor NAME, or %s)",
            survey.display,
            ", ".join(named_normal),
            _DECLARE,
        )


def warn_resistance_in_normals(survey: Survey, left_out, reported) -> None:
    """A sample left out as a normal that carries a known ALK kinase-domain resistance mutation: most likely a
    tumour declared normal (a sheet's role, a swapped header), whose mutation would otherwise vanish from the
    report without a word (review of 2026-12-01's fixes, eighth reading, finding 1). One warning per sample."""
    from .sample import sample_mutations

    for normal in left_out:
        known = [
            m
            for m in sample_mutations(survey, normal, None)
            if m.resistance == "known" and m.in_kinase_domain and m.passed and not m.truncating
        ]
        if not known:
            continue
        shown = ", ".join(
            dict.fromkeys(f"{m.protein_change}" + (f" (VAF {m.vaf:.0%})" if m.vaf is not None else "") for m in known)
        )
        log.warning(
            "%s: %s is left out of the report as a normal, but carries %s, a known ALK resistance change in the "
            "kinase domain, which a matched normal should not: check its role (the sample sheet's role/normal "
            "columns, ##tumor_sample/##normal_sample); reported: %s",
            survey.display,
            normal,
            shown,
            ", ".join(reported) or "no sample",
        )
