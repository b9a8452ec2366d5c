"""Command line: parses options and calls the library. No science lives here."""

from __future__ import annotations

import logging
import sys
from functools import partial
from typing import Callable

import click
from click.core import ParameterSource

from . import __version__, annotate_command, cli_values, command_run, interrupts
from .cli_values import (
    BUILD_HELP,
    KB_LOOKUP_HELP,
    KB_OPTION_HELP,
    BuildChoice,
    check_html_template,
    parse_index_kind,
    parse_output_type,
)
from .command_run import echo, invoke_guarded, standard_output_failed
from .messages import EXIT_CODES, EXIT_USAGE, setup_logging

log = logging.getLogger("alkannot")


class _Group(click.Group):
    """Turns every failure into one line on stderr and the contract's exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """click's main, with its three-line usage messages made one line, and SIGTERM/SIGHUP
        handled as SIGINT is for the length of the run (alkannot.interrupts)."""
        from .output import guard_standard_descriptors

        guard_standard_descriptors()
        # the arguments of this run, as given (a program's call passes its own): usage lines, ##alkannotCommand
        self.invoked_args = tuple(args) if args is not None else tuple(sys.argv[1:])
        with interrupts.handled():
            try:
                result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            except click.UsageError as exc:
                if not standalone_mode:
                    raise
                if isinstance(exc, _NO_ARGS_IS_HELP):  # bare `alkannot`: the help is the answer
                    exc.show()
                else:
                    echo(cli_values.usage_line(exc, tuple(getattr(main, "commands", {})), self.invoked_args))
                sys.exit(EXIT_USAGE)
            except click.ClickException as exc:
                if not standalone_mode:
                    raise
                echo(f"alkannot: error: {' '.join(exc.format_message().split())}")
                sys.exit(exc.exit_code)
            except click.Abort as exc:  # an interrupt while click itself was parsing
                if not standalone_mode:
                    raise
                cause = exc.__cause__ if isinstance(exc.__cause__, KeyboardInterrupt) else KeyboardInterrupt()
                echo(f"alkannot: {interrupts.describe(cause)}")
                sys.exit(interrupts.exit_status(cause))
            except OSError as exc:  # `alkannot --version > /dev/full`: the group's own --help/--version, written
                if not standalone_mode:  # while click parses, outside invoke (stop 52: a traceback)
                    raise
                standard_output_failed(exc)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def parse_args(self, ctx, args):
        """click's, with a broken pipe under the group's own --help/--version said as one under any output: click's
        main would exit 1 for it."""
        try:
            return super().parse_args(ctx, args)
        except BrokenPipeError as exc:
            standard_output_failed(exc)

    def invoke(self, ctx):
        """click's, guarded as the quick start's run is (command_run.invoke_guarded): every failure one line."""
        return invoke_guarded(
            lambda: super(_Group, self).invoke(ctx),
            lambda: (" ".join(filter(None, (ctx.command_path, ctx.invoked_subcommand))), ctx.invoked_subcommand),
            bool(ctx.params.get("debug")),  # the group's own option, parsed before any subcommand runs
            (click.exceptions.Exit, click.ClickException, click.Abort),
        )


# bare `alkannot` (click 8.2 and later raise this for no_args_is_help; earlier ones print the help themselves)
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


def _invoked_args() -> tuple[str, ...]:
    """The run's arguments as `main` was given them (_Group.main), for ##alkannotCommand."""
    group = click.get_current_context().find_root().command
    return tuple(getattr(group, "invoked_args", sys.argv[1:]))


def _html_template(option_help: str):
    """--html-template PATH (or ALKANNOT_HTML_TEMPLATE): a lab's Jinja2 template for PREFIX.html."""
    return click.option(
        "--html-template",
        "html_template",
        envvar="ALKANNOT_HTML_TEMPLATE",
        show_envvar=True,
        default=None,
        metavar="PATH",
        help=option_help,
    )


# options annotate and report share
_FUSIONS_OPTION = click.option(
    "--fusions",
    "fusion_paths",
    multiple=True,
    metavar="[SAMPLE=]PATH",
    help="Arriba or STAR-Fusion table (repeatable); SAMPLE= says whose; read once, so <(...) works; '-' reads it "
    "from standard input.",
)
_SAMPLES_OPTION = click.option(
    "--samples",
    "samples_path",
    default=None,
    metavar="PATH",
    help="Sample sheet (TSV/CSV, a header row): a 'sample' column, optional alk_status (positive:IHC), "
    "progressed_on (crizotinib;alectinib, in order; none), abcb1_ihc, abcb1_tpm, role, normal, source_vcf, and your "
    'own columns, echoed (README, "The per-sample verdict and the P-gp check", lists them); read once, so <(...) '
    "works; '-' reads it from standard input.",
)


_VERBOSITY = "alkannot.verbosity"  # ctx.meta (shared by the group's and the subcommand's contexts): -q or -v given
_BOTH_VERBOSITIES = "-q/--quiet (errors only) and -v/--verbose (more messages) contradict each other: give one"


def _said_verbosity(ctx: click.Context, name: str) -> None:
    """-q and -v in one run, in any order or place (`-qv`, `-q annotate -v`), are a usage error: -v won even where
    -q came first (pipeline review, finding left open after stop 45), and no one rule of order reads as both."""
    said = ctx.meta.setdefault(_VERBOSITY, name)
    if said != name:
        raise click.UsageError(_BOTH_VERBOSITIES, ctx)


def _verbosity(command):
    """-q/-v also after the subcommand, where bcftools takes every option (`alkannot annotate -q ...`)."""

    def set_level(ctx, param, value):
        if value:  # the group's options set up logging before the subcommand's are parsed
            _said_verbosity(ctx, param.name)
            logging.getLogger().setLevel(logging.ERROR if param.name == "quiet" else logging.DEBUG)

    for flags, name, text in (
        (("-q", "--quiet"), "quiet", "Only errors on stderr."),
        (("-v", "--verbose"), "verbose", "More messages on stderr."),
    ):
        command = click.option(*flags, name, is_flag=True, expose_value=False, callback=set_level, help=text)(command)
    return command


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="alkannot")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks.")
@click.option("-v", "--verbose", is_flag=True, help="More messages on stderr.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def main(debug: bool, verbose: bool, quiet: bool) -> None:
    """alkannot: ALK variants, inhibitor resistance, ALK fusions and the P-gp check, from VCF/BCF."""
    for name, given in (("quiet", quiet), ("verbose", verbose)):
        if given:
            _said_verbosity(click.get_current_context(), name)
    setup_logging(verbose, quiet)


@main.command(epilog=EXIT_CODES)
@_verbosity
@click.argument("input_path", metavar="[INPUT]", default="-")
@click.option("-o", "--output", metavar="PATH", default="-", show_default=True, help="Output path, '-' for stdout.")
@click.option(
    "-O",
    "--output-type",
    metavar="v|z[0-9]|b[0-9]|u",
    default=None,
    callback=lambda ctx, param, value: parse_output_type(value),
    help="v: VCF, z: bgzipped VCF, b: BCF, u: uncompressed BCF; z/b may carry a compression level as in "
    "bcftools (-Oz1, -O b9, -Ob0: uncompressed BGZF blocks). Default: from the output name (.gz/.bgz: z, .bcf: "
    "b, else v; v for '-').",
)
@click.option(
    "-l",
    "--compression-level",
    type=int,
    default=None,
    help="Deflate level 0-9 of the BGZF blocks alkannot writes (bgzipped VCF or BCF; default 6). A bgzipped "
    "VCF annotated in place of its own blocks re-encodes only the header block(s) and blocks holding an "
    "edited record at this level; every other block is copied as the input has it.",
)
@click.option(
    "-W",
    "--write-index",
    "write_index",
    metavar="[csi|tbi]",
    is_flag=False,
    flag_value="csi",
    default=None,
    callback=lambda ctx, param, value: parse_index_kind(value),
    help="Index the output (bgzip/BCF only): -W for csi, -W tbi / --write-index=tbi.",
)
@click.option("--build", type=BuildChoice(given=True), default="auto", show_default=True, help=BUILD_HELP)
@click.option(
    "--sv",
    "sv_paths",
    multiple=True,
    metavar="[SAMPLE=]PATH",
    help="Extra SV VCF/BCF (repeatable); SAMPLE= says whose calls they are; '-' reads it from standard input.",
)
@_FUSIONS_OPTION
@_SAMPLES_OPTION
@click.option("--tumor", default=None, metavar="NAME", help="Tumour sample name in a paired VCF.")
@click.option(
    "--min-vaf",
    type=float,
    default=None,
    help="Mutations below this VAF are flagged low_vaf (subclonal or low-level): the laboratory's own clonality "
    "cut-off, which no source read gives. No default: without it every ALK change counts as clonal and an INFO line "
    "names the lowest VAF counted.",
)
@click.option(
    "--report",
    "report_prefix",
    default=None,
    metavar="PREFIX",
    help="Also write PREFIX.tsv/.json/.html/_mqc.tsv (the per-sample report).",
)
@_html_template('Jinja2 template for the --report HTML (default: alkannot\'s own; README, "Restyle the HTML report").')
@click.option("--threads", type=int, default=0, show_default=True, help="Extra htslib (de)compression threads.")
@click.option("--kb", "kb_dir", default=None, metavar="DIR", help=KB_OPTION_HELP)
@click.option(
    "--no-version",
    is_flag=True,
    help="Leave out ##alkannotVersion and ##alkannotCommand (as bcftools --no-version), so that the output does "
    "not change with paths or --threads; ##alkannotKnowledgeBase and the verdict lines stay.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Read every record through htslib, as for files under 1 MiB, so that a malformed record anywhere is an "
    "error whatever the file's size (slower: no byte-level pass).",
)
def annotate(
    input_path,
    output,
    output_type,
    compression_level,
    write_index,
    build,
    sv_paths,
    fusion_paths,
    samples_path,
    tumor,
    min_vaf,
    report_prefix,
    html_template,
    threads,
    kb_dir,
    no_version,
    strict,
):
    """Annotate ALK variants and fusions in a VCF/BCF (INPUT: a path, or '-' for stdin, the default; VCF, VCF.gz
    or BCF)."""
    ctx = click.get_current_context()
    annotate_command.run(
        {
            "input_path": input_path,
            "output": output,
            "output_type": output_type,
            "compression_level": compression_level,
            "write_index": write_index,
            "build": build,
            "sv_paths": sv_paths,
            "fusion_paths": fusion_paths,
            "samples_path": samples_path,
            "tumor": tumor,
            "min_vaf": min_vaf,
            "report_prefix": report_prefix,
            "html_template": html_template,
            "threads": threads,
            "kb_dir": kb_dir,
            "no_version": no_version,
            "strict": strict,
        },
        input_defaulted=ctx.get_parameter_source("input_path") is ParameterSource.DEFAULT,
        template_given=ctx.get_parameter_source("html_template") is ParameterSource.COMMANDLINE,
        invoked_args=_invoked_args(),
    )


@main.command(epilog=EXIT_CODES)
@_verbosity
@click.argument("alterations", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON.")
@click.option(
    "--build",
    type=BuildChoice(auto=False, given=True),
    default=None,
    help="Build of CHROM:POSREF>ALT / chr2:g. positions (NC_000002.11/12 and c. need none); " + BUILD_HELP,
)
@click.option("--kb", "kb_dir", default=None, metavar="DIR", help=KB_LOOKUP_HELP)
def lookup(alterations, as_json, build, kb_dir):
    """Each inhibitor's call for a mutation (G1202R, 'c.3604G>A', 'NC_000002.12:g.29220747C>T', '2:29220747C>T'
    with --build; quote a '>' in a shell), compound (G1202R+L1196M) or fusion ('EML4::ALK v3')."""
    from .lookup import run_lookup
    from .run_paths import refuse_empty_paths

    command_run.started()
    refuse_empty_paths({"--kb": kb_dir})
    cli_values.refuse_empty_alterations(alterations)
    _print(partial(run_lookup, list(alterations), as_json=as_json, build=build, kb_dir=kb_dir))


@main.command(epilog=EXIT_CODES)
@_verbosity
@click.argument("action", type=click.Choice(["list", "show", "export"]), default="list")
@click.argument("what", required=False)
@click.option(
    "-o",
    "--output",
    default="-",
    metavar="PATH",
    help="Where 'export' writes: a directory (--format tsv; '-' prints the files) or a .vcf.gz (--format vcf).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "vcf"], case_sensitive=False),  # `--format VCF`, as --build takes any case (pipe50)
    default="tsv",
    show_default=True,
    help="export, in any case: tsv = the --kb DIR layout; vcf = a bgzipped, tabix-indexed site VCF of every "
    "mutation-level call.",
)
@click.option(
    "--build",
    type=BuildChoice(auto=False, ucsc=True),
    default="GRCh38",
    show_default=True,
    help="export --format vcf: the genome build of the sites, chromosome 2 named 2 for GRCh37, chr2 for GRCh38, "
    "hg19 and hg38.",
)
@click.option("--kb", "kb_dir", default=None, metavar="DIR", help=KB_LOOKUP_HELP)
@click.pass_context
def kb(ctx, action, what, output, fmt, build, kb_dir):
    """The knowledge base: list, show ALTERATION|inhibitors|sources|thresholds, export [FILE] [--format tsv|vcf]
    (FILE: one of the --kb DIR files, e.g. calls.tsv or VERSION, printed or written alone)."""
    from .lookup import check_kb_options, run_kb
    from .run_paths import refuse_empty_paths

    command_run.started()
    refuse_empty_paths({"-o/--output": output, "--kb": kb_dir})
    given = {name for name in ("output", "build") if ctx.get_parameter_source(name) != ParameterSource.DEFAULT}
    check_kb_options(action, fmt, output, given)
    produce = partial(run_kb, action, what, output, fmt=fmt, build=build, kb_dir=kb_dir)
    if action == "export" and output != "-":  # the files go to -o; nothing is printed
        produce()
    else:
        _print(produce)


@main.command(epilog=EXIT_CODES)
@_verbosity
@click.argument("vcfs", metavar="VCF|MAF...", nargs=-1, required=True)
@_SAMPLES_OPTION
@click.option("--tumor", default=None, metavar="NAME", help="Tumour sample name in paired VCFs.")
@click.option(
    "--min-vaf",
    type=float,
    default=None,
    help="Mutations below this VAF are flagged low_vaf (subclonal or low-level): the laboratory's own clonality "
    "cut-off, which no source read gives. Default: the value recorded in an annotated VCF's header by its annotate "
    "run, else none.",
)
@click.option(
    "--sv",
    "sv_paths",
    multiple=True,
    metavar="[SAMPLE=]PATH",
    help="SV/CNV VCF/BCF the VCFs were annotated with (repeatable); SAMPLE= says whose; '-' reads it from standard "
    "input.",
)
@_FUSIONS_OPTION
@click.option(
    "--out", "out_prefix", required=True, metavar="PREFIX", help="Output prefix: PREFIX.tsv/.json/.html/_mqc.tsv"
)
@click.option("--kb", "kb_dir", default=None, metavar="DIR", help=KB_OPTION_HELP)
@click.option("--build", type=BuildChoice(given=True), default="auto", show_default=True, help=BUILD_HELP)
@_html_template('Jinja2 template for PREFIX.html (default: alkannot\'s own; README, "Restyle the HTML report").')
def report(vcfs, samples_path, tumor, min_vaf, sv_paths, fusion_paths, out_prefix, kb_dir, build, html_template):
    """Cohort report (TSV, JSON, HTML, MultiQC) from VCF/BCF files, as called or as annotated by `alkannot
    annotate`, or MAF files (GDC, cBioPortal, vcf2maf; one row per Tumor_Sample_Barcode).

    PREFIX.tsv has one row per reported sample (matched normals left out), in the order of the inputs given and,
    within an input, of its samples (a VCF's sample columns, a MAF's barcodes as first seen); a missing value is an
    empty cell. Every column is described in README, "The report table (PREFIX.tsv): every column"."""
    from .cohort import report_files
    from .options import check_min_vaf
    from .roles import refuse_empty_name
    from .run_paths import refuse_empty_paths

    command_run.started()
    refuse_empty_paths(
        {"VCF|MAF": vcfs, "--out": out_prefix, "--samples": samples_path, "--html-template": html_template},
        {"--sv": sv_paths, "--fusions": fusion_paths, "--kb": kb_dir},
    )
    refuse_empty_name(tumor)
    check_min_vaf(min_vaf)
    check_html_template(html_template)
    report_files(
        list(vcfs),
        out_prefix=out_prefix,
        samples_path=samples_path,
        tumor=tumor,
        min_vaf=min_vaf,
        sv_paths=sv_paths,
        fusion_paths=fusion_paths,
        kb_dir=kb_dir,
        html_template=html_template,
        build=build,
        keep_verdicts=False,  # each verdict made into its report document and dropped (issue 13, memory)
    )


def _print(produce: Callable[[], str]) -> None:
    """Print what `produce` returns, as every subcommand writing to standard output does: refused before any work
    when the run was started without standard output (`>&-`), as annotate refuses (review 18), not an exit 0 with
    the answer printed nowhere."""
    from .output import refuse_closed_standard_output

    refuse_closed_standard_output("-")
    click.echo(produce(), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
