"""The ##alkannotSample header lines: one per analysed sample, its verdict in brief, for tools that read only
the header (the report holds the full verdict)."""

from __future__ import annotations

import re

from .sample import SampleVerdict


def _header_value(value: str) -> str:
    """A value safe inside a VCF structured header line: quoted when it holds , ; = < > or spaces."""
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{value}"' if re.search(r'[,;=<>\s"]', value) or value == "" else value


def header_lines(verdicts: list[SampleVerdict]) -> list[str]:
    """One ##alkannotSample line per verdict: ID, fusion, ALK mutations, mechanism and P-gp check. A kinase-domain
    record whose REF disagrees with the reference is named as such, so that 'none' is never written for it."""
    lines = []
    for v in verdicts:
        mutations = (
            "+".join(
                m.label + ("(low_vaf)" if m.low_vaf else "") + ("(germline)" if m.in_normal else "")
                for m in v.mutations
                if m.passed or m.unevaluable
            )
            or "none"
        )
        if v.compound is not None:
            mutations += f"({v.compound.phase})"
        fields = [
            ("ID", v.sample),
            ("Fusion", v.fusion),
            ("AlkMutations", mutations),
            ("Mechanism", v.mechanism),
            ("PgpCheck", v.pgp.check),
        ]
        lines.append("##alkannotSample=<" + ",".join(f"{k}={_header_value(str(val))}" for k, val in fields) + ">")
    return lines


__all__ = ["header_lines"]
