"""The -O/-l/-W values of `alkannot annotate`'s command line, read as bcftools reads them: command-line parsing,
kept out of options.py so that the library's options do not depend on click (cli.py holds the commands)."""

from __future__ import annotations

import click

from .messages import usage_error
from .options import BUILD_NAMES


def parse_output_type(value: str | None) -> tuple[str, int | None] | None:
    """-O as bcftools takes it: a type letter, for z and b optionally followed by a level 0-9."""
    if value is None:
        return None
    kind, level = value[:1], value[1:]
    if kind not in ("v", "z", "b", "u") or (level and level not in tuple("0123456789")):  # '²' is a digit too
        raise click.BadParameter(f"{value!r} is not v, z, b or u (z and b may end in a compression level 0-9)")
    if level and kind in ("v", "u"):
        raise click.BadParameter(f"{value!r}: a compression level cannot be set on uncompressed output")
    return kind, int(level) if level else None


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


BUILD_HELP = "hg19 is GRCh37 and hg38 GRCh38 (any case)."


class BuildChoice(click.Choice):
    """--build: GRCh37 or GRCh38 (with `auto`, the default of annotate and report), also as hg19/hg38, in any
    case; the value is the GRCh name, or with `given` the value as typed (annotate's and report's AnnotateOptions
    take it so, for messages that name it: 'hg19 (GRCh37)')."""

    def __init__(self, auto: bool = True, ucsc: bool = False, given: bool = False):
        super().__init__([*(["auto"] if auto else []), "GRCh37", "GRCh38", "hg19", "hg38"])
        self.ucsc = ucsc  # keep hg19/hg38 as such (kb export names chromosome 2 as UCSC does for them)
        self.given = given

    def convert(self, value, param, ctx):
        name = BUILD_NAMES.get(str(value).lower())
        if name is None or name not in self.choices:
            return super().convert(value, param, ctx)  # click's usage error, naming the choices
        if self.given:
            return str(value)
        return str(value).lower() if self.ucsc and str(value).lower() in ("hg19", "hg38") else name


# what bcftools calls its region options: alkannot has none (README, "No region options"; review 20, finding 6)
REGION_OPTIONS = frozenset(
    ("-r", "-R", "-t", "-T", "--region", "--regions", "--regions-file", "--target", "--targets", "--targets-file")
    + ("--regions-overlap", "--targets-overlap")
)


# bcftools' sample-subset options: alkannot has none, and its --samples is a sample sheet (stop 52)
SAMPLE_OPTIONS = frozenset(("-s", "-S", "--samples-file", "--force-samples"))


def region_option_problem(exc: click.UsageError, command: str = "") -> str | None:
    """The usage message for a bcftools region or sample-subset option given to alkannot, instead of click's "Did you
    mean '--fusions'?"; None for any other usage error. The records are piped into the subcommand that was given
    (`command`, 'alkannot report': `report -s` was shown an annotate command)."""
    name = getattr(exc, "option_name", None)
    if not isinstance(exc, click.NoSuchOption) or name not in REGION_OPTIONS | SAMPLE_OPTIONS:
        return None
    into = "alkannot report - --out PREFIX" if command.endswith(" report") else "alkannot annotate - -Oz -o alk.vcf.gz"
    if name in SAMPLE_OPTIONS:
        return (
            f"No such option '{name}': alkannot has no sample subset (-s/-S; its --samples is a sample sheet); "
            f"subset upstream and pipe the records in: bcftools view -s P1_T,P1_N calls.vcf.gz | {into}"
        )
    return (
        f"No such option '{name}': alkannot has no region options (-r/-R/-t/-T); subset upstream and pipe the "
        f"records in: bcftools view -R regions.bed calls.vcf.gz | {into}"
    )


__all__ = [
    "BUILD_HELP",
    "BuildChoice",
    "KB_LOOKUP_HELP",
    "KB_OPTION_HELP",
    "check_html_template",
    "parse_index_kind",
    "parse_output_type",
    "region_option_problem",
    "usage_line",
]


def usage_line(exc: click.UsageError, commands: tuple[str, ...], argv: tuple[str, ...]) -> str:
    """One line: the problem and where to look, instead of click's Usage/Try/Error block. Where click's parser gives
    no context (an option without its value, `-O` last), the subcommand is the first of the command line's
    arguments (`argv`, the ones click was given) that is one of `commands` (pipeline review of stop 32, finding 9:
    it pointed at 'alkannot --help')."""
    named = [a for a in argv if a in commands][:1]
    command = exc.ctx.command_path if exc.ctx is not None else " ".join(["alkannot", *named])
    message = region_option_problem(exc, command) or " ".join(exc.format_message().split()).rstrip(".")
    if isinstance(exc, click.NoSuchOption) and exc.option_name in ("-o", "--output") and command.endswith(" report"):
        message += ": report writes PREFIX.tsv, .json, .html and _mqc.tsv, named with --out PREFIX"  # as annotate -o
    if message.startswith("Got unexpected extra argument") and command.endswith(" annotate"):
        # `annotate in.vcf out.vcf` (the output without -o) or several inputs (pipe50)
        message += ": annotate reads one INPUT and writes to -o PATH (run it once per file; report takes several)"
    return usage_error(message, command)


KB_OPTION_HELP = (
    "Knowledge-base directory in the `alkannot kb export --format tsv` layout, used instead of "
    "the bundled one; checked first (a bad one is exit 3); its version and SHA256 go into the reports "
    "and, for annotate, the VCF's ##alkannotKnowledgeBase line."
)
# lookup and kb write no VCF header and no report: their output's first line names the knowledge base
KB_LOOKUP_HELP = (
    "Knowledge-base directory in the `alkannot kb export --format tsv` layout, used instead of "
    "the bundled one; checked first (a bad one is exit 3); the output names its version and SHA256."
)


def check_html_template(path: str | None) -> None:
    """A broken template stops the run before any work (and before any output) is done."""
    if path is not None:
        from .report.html import load_template

        load_template(path)


def refuse_empty_alterations(alterations: tuple[str, ...]) -> None:
    """`alkannot lookup "$MUT"` with MUT unset is a usage error (exit 2), as an empty value is in every other
    subcommand (`-o ""`, `--tumor ""`), not bad input data (exit 3: pipeline review of stop 48 by eng48, finding 2)."""
    if any(not alteration.strip() for alteration in alterations):
        raise click.BadParameter("an empty alteration (an unset variable in the pipeline?)", param_hint="ALTERATIONS")
