"""The -O/-l/-W values of `alkannot annotate`'s command line, read as bcftools reads them: command-line parsing,
kept out of options.py so that the library's options do not depend on click (cli.py holds the commands)."""

from __future__ import annotations

import click


def parse_output_type(value: str | None) -> tuple[str, int | None] | None:
    """-O as bcftools takes it: a type letter, for z and b optionally followed by a level 0-9."""
    if value is None:
        return None
    kind, level = value[:1], value[1:]
    if kind not in ("v", "z", "b", "u") or (level and not (level.isdigit() and len(level) == 1)):
        raise click.BadParameter(f"{value!r} is not v, z, b or u (z and b may end in a compression level 0-9)")
    if level and kind in ("v", "u"):
        raise click.BadParameter(f"{value!r}: a compression level cannot be set on uncompressed output")
    return kind, int(level) if level else None


def check_compression_level(output_level: int | None, option_level: int | None, kind: str) -> int | None:
    """The deflate level -O z<N>/b<N> and -l ask for (None: the default); a usage error when they disagree,
    the level is outside 0-9 or the output is not compressed."""
    if option_level is not None and not 0 <= option_level <= 9:
        raise click.BadParameter(f"{option_level} is not a level from 0 to 9", param_hint="-l/--compression-level")
    if output_level is not None and option_level is not None and output_level != option_level:
        raise click.UsageError(f"-O gives compression level {output_level} and -l gives {option_level}: give one")
    level = option_level if option_level is not None else output_level
    if level is not None and kind not in ("z", "b"):
        raise click.UsageError("a compression level needs a bgzipped VCF or BCF output (-O z or -O b)")
    return level


def parse_index_kind(value: str | None) -> str | None:
    if value is None:
        return None
    kind = value.lstrip("=").lower()
    if kind not in ("tbi", "csi"):
        hint = (  # `-W in.vcf.gz -o out.vcf.gz`: -W took the input as its format
            "; -W takes its format attached (-Wtbi, --write-index=tbi): write -W after the input, or -Wcsi"
            if "." in value or "/" in value
            else ""
        )
        raise click.BadParameter(f"{value!r} is not tbi or csi{hint}")
    return kind


__all__ = ["check_compression_level", "parse_index_kind", "parse_output_type"]
