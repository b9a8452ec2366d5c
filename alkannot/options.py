"""What `alkannot annotate` was asked to do: the options every step reads (survey, verdicts, rewrite)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import InputError, OptionProblem
from .log import log
from .records import field, record

if TYPE_CHECKING:
    from .rna_fusions import FusionEvidence
    from .samplesheet import SampleSheet


# a build as pipelines name it (params.genome): the UCSC names, any case (review 20, finding 13)
BUILD_NAMES = {"auto": "auto", "grch37": "GRCh37", "grch38": "GRCh38", "hg19": "GRCh37", "hg38": "GRCh38"}


def build_name(value: str | None, auto: bool = True) -> str:
    """The GRCh name of a build as the command line takes it (GRCh37, GRCh38, hg19, hg38, any case; `auto` where
    allowed), for the Python API: api.lookup(build="hg19") was refused where `--build hg19` is taken."""
    name = BUILD_NAMES.get(str(value).lower())
    if name is None or (name == "auto" and not auto):
        allowed = "auto, " if auto else ""
        raise OptionProblem(f"{_quoted(value)} is not {allowed}GRCh37 or GRCh38 (or hg19, hg38)", "build")
    return name


@record(frozen=True)
class AnnotateOptions:
    """Everything `alkannot annotate` was asked to do."""

    input_path: str = "-"
    output_path: str = "-"
    output_type: str | None = None
    compression_level: int | None = None  # -l / -O z<N>, b<N>: None is the default (6)
    write_index: str | None = None
    build: str = "auto"  # GRCh37 or GRCh38 (or auto); given as hg19/hg38 (any case), it is kept in build_given
    sv_paths: tuple[str, ...] = ()
    fusion_paths: tuple[str, ...] = ()
    samples_path: str | None = None
    tumor: str | None = None
    min_vaf: float | None = None
    report_prefix: str | None = None
    threads: int = 0
    command_line: str = "alkannot annotate"
    kb_dir: str | None = None  # --kb DIR; None: the bundled knowledge base
    html_template: str | None = None  # --html-template PATH for the report; None: alkannot's own
    no_version: bool = False  # --no-version: no ##alkannotVersion/##alkannotCommand lines
    strict: bool = False  # --strict: every record through htslib, as for small files (no byte-level pass 1)
    bcf_bytes: bool = False  # set by annotate.py: BCF output to a file may take the byte-level pass 1 (retried without)
    # the sheet at samples_path, read once a run (with_sample_sheet): a sheet given as `<(...)` cannot be read again
    sample_sheet: SampleSheet | None = field(default=None, compare=False, repr=False)
    # each --fusions spec's rows, read at its first use and kept for the run (fusion_evidence._fusion_tables): a table
    # given as `-` or `<(...)` cannot be read again, and a cohort report uses every table for every input (pipe49)
    fusion_rows: dict[str, list[FusionEvidence]] = field(default_factory=dict, compare=False, repr=False)
    # --build as the user typed it ('hg19'), for the messages that name it (build_said); '' where it is `build`
    build_given: str = field(default="", compare=False, repr=False)
    # set by api.annotate: the run's messages in the Python API's keywords (`min_vaf`, not `--min-vaf`), as the `api`
    # argument of warn_type_against_name and the index checks says them
    api: bool = field(default=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # the CLI checks -l and -O z<N> (check_compression_level); the Python API gets the same rule, whichever
        # deflater is installed (libdeflate would take 10-12, zlib would not: review 15, finding 4)
        level = self.compression_level
        if level is not None and (isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 9):
            raise OptionProblem(f"{_quoted(level)} is not a level from 0 to 9", "compression_level")
        # --min-vaf and --build, as the CLI checks them (a program's min_vaf=5 changed the verdicts); each said as the
        # API's other value errors are, 'Invalid value for KEYWORD: VALUE ...' (pipe51: 'compression_level:
        # compression level 12 is not ...')
        vaf = self.min_vaf
        if vaf is not None and (isinstance(vaf, bool) or not isinstance(vaf, (int, float)) or not 0 <= vaf <= 1):
            raise OptionProblem(f"{_quoted(vaf)} is not a fraction between 0 and 1", "min_vaf")
        name = BUILD_NAMES.get(str(self.build).lower())
        if name is None:
            raise OptionProblem(f"{_quoted(self.build)} is not auto, GRCh37 or GRCh38 (or hg19, hg38)", "build")
        if name != self.build:  # `--build hg19` is GRCh37; messages name it as typed (pipe49b, finding 2)
            self.__dict__["build_given"] = self.build
            self.__dict__["build"] = name
        for name in ("sv_paths", "fusion_paths"):  # a path given as a string would be read letter by letter
            value = getattr(self, name)
            if isinstance(value, str):
                raise OptionProblem(f"{_quoted(value)} is one path as a string; give a sequence of paths", name)

    @property
    def build_said(self) -> str:
        """--build as a message names it: as the user typed it, with the GRCh name where that is another name
        ('hg19 (GRCh37)'), so that a user who wrote hg19 finds the value of the command line."""
        given = self.build_given or self.build
        return given if given.lower() == self.build.lower() else f"{given} ({self.build})"


def check_min_vaf(min_vaf: float | None) -> None:
    """--min-vaf as annotate and report take it: a fraction from 0 to 1."""
    if min_vaf is not None and not 0 <= min_vaf <= 1:
        raise OptionProblem(f"{min_vaf} is not a fraction between 0 and 1", "--min-vaf")


def check_compression_level(output_level: int | None, option_level: int | None, kind: str) -> int | None:
    """The deflate level -O z<N>/b<N> and -l ask for (None: the default); a usage error (OptionProblem, in the words
    click said it in when cli_values raised it: the command line's two readers, click's and quick_args', share it)
    when they disagree, the level is outside 0-9 or the output (`kind`) is not compressed."""
    if option_level is not None and not 0 <= option_level <= 9:
        raise OptionProblem(f"{option_level} is not a level from 0 to 9", "-l/--compression-level")
    if output_level is not None and option_level is not None and output_level != option_level:
        raise OptionProblem(f"-O gives compression level {output_level} and -l gives {option_level}: give one")
    level = option_level if option_level is not None else output_level
    problem = level_output_problem("", kind, level)  # the API's words from the same function (pipe50c)
    if problem:
        raise OptionProblem(problem)
    return level


def check_annotate_values(
    output: str,
    kind: str,
    write_index: str | None,
    min_vaf: float | None,
    threads: int,
    report: tuple[str | None, str | None, bool],
) -> str | None:
    """annotate's option values that only make sense together, checked in the order the command line always has:
    -W needs a bgzipped VCF or BCF file (`kind`: the output's type letter; a BCF only a CSI index), --min-vaf a
    fraction, --threads no negative number; `report`: (--report PREFIX, --html-template PATH, whether the template was
    given on the command line). The template to use is returned: one set in the environment (ALKANNOT_HTML_TEMPLATE)
    is for the reports of other runs where this run writes none, one given on the command line needs --report."""
    problem = index_output_problem(output, kind) if write_index else None
    if problem:
        raise OptionProblem(problem)
    bcf_tbi = bcf_index_problem(output, kind, write_index)
    if bcf_tbi:
        raise bcf_tbi
    check_min_vaf(min_vaf)
    if threads < 0:
        raise OptionProblem(f"{threads} is negative", "--threads")
    report_prefix, html_template, template_given = report
    if html_template is not None and not report_prefix:
        if template_given:
            raise OptionProblem("--html-template needs --report PREFIX")
        html_template = None
    if write_index:
        from .run_paths import check_index_target

        check_index_target(output)
    return html_template


# what an output's name says of its type, and the -O letters that agree with it (-O u is BCF too: the nf-core module
# names it .bcf; a bare .gz/.bgz/.bgzf says bgzipped only, which -O b's BGZF blocks are: sweep50 found
# '-Ob -o x.gz' warned "x.gz is written as BCF (-O b); its name says bgzipped"); a name with none of these says nothing
_NAME_SAYS = (
    ((".vcf.gz", ".vcf.bgz"), "zZ", "bgzipped VCF"),
    ((".gz", ".bgz", ".bgzf"), "zZbB", "bgzipped"),
    ((".bcf",), "bBuU", "BCF"),
    ((".vcf",), "vV", "uncompressed VCF"),
)
_WRITTEN_AS = {"v": "uncompressed VCF", "z": "bgzipped VCF", "b": "BCF", "u": "uncompressed BCF"}


def warn_type_against_name(output: str, kind: str, api: bool = False) -> None:
    """-O that contradicts the output's name (`-Ob -o out.vcf`, `-Ov -o out.vcf.gz`): written as -O says, as bcftools
    does, with a warning, since the next step reads the name (pipe50b, item 4). Said once the output is written, so
    that a run that fails says only its error (sweep50: the warning came above 'refusing to overwrite an input
    file'). `api`: the Python API's output_type, in its keywords, through the same logger (api.annotate; pipe51:
    `output_type="b"` to out.vcf said nothing)."""
    low = output.lower()
    for suffixes, kinds, said in _NAME_SAYS:
        if low.endswith(suffixes):
            if kind not in kinds:
                written = _written(kind, True) if api else f"{_WRITTEN_AS.get(kind.lower(), kind)} (-O {kind})"
                log.warning("%s is written as %s; its name says %s", output, written, said)
            return


def bcf_index_problem(output: str, kind: str, write_index: str | None, api: bool = False) -> OptionProblem | None:
    """A tbi index asked of a BCF output (`kind` 'b'), named as the other -W problems are, by the output and its type
    (pipe50, item 4); `api`: said in the Python API's keywords (api.annotate's write_index, output_type), which has no
    -W (pipe50b, item 3: vcfio.write_index said 'a BCF file can only have a CSI index (use -W csi)'). None where
    there is none."""
    if write_index != "tbi" or kind != "b":
        return None
    if api:
        said = f'"tbi": {output} is written as BCF (output_type "b"), which takes a CSI index only'
        said += ' (give write_index="csi")'
        return OptionProblem(said, "write_index")
    said = f"tbi: {output} is written as BCF (-O b), which takes a CSI index only (give -W csi)"
    return OptionProblem(said, "-W/--write-index")


_UNINDEXABLE = {"v": "uncompressed VCF (-O v)", "u": "uncompressed BCF (-O u)"}
# the command line's words and the Python API's (api.annotate's output_type, output_path), one spelling each
_CLI_WORDS = {"-O z or -O b": "-O z or -O b", "-o PATH": "-o PATH", "-o -": "-o -"}
_API_WORDS = {"-O z or -O b": 'output_type="z" or "b"', "-o PATH": "an output path", "-o -": 'output_path "-"'}


def _written(kind: str, api: bool) -> str:
    """'uncompressed VCF (-O v)', or in the API's keywords 'uncompressed VCF (output_type "v")'."""
    if api:
        return f'{_WRITTEN_AS.get(kind, kind)} (output_type "{kind}")'
    return _UNINDEXABLE.get(kind, kind)


def index_output_problem(output: str, kind: str, index: str | None = None, api: bool = False) -> str | None:
    """Why -W cannot index `output` written as `kind` (its -O letter), naming what in the command line is wrong: the
    output is standard output (`-o -`, the default), or its type is uncompressed, or both; None where it can be.
    `-Oz -o - -W` said 'needs a bgzipped VCF or BCF output file (-o PATH with -O z or -O b)' though -O z was given
    (pipe49b, finding 1). `api`: in the Python API's keywords, the value of write_index (`index`) first, as an
    OptionProblem names it ('"csi" needs ...'; pipe50c: api.annotate said -W and -O)."""
    stdout, uncompressed = output == "-", kind not in ("z", "b")
    if not stdout and not uncompressed:
        return None
    words = _API_WORDS if api else _CLI_WORDS
    option = f'"{index}"' if api else "-W/--write-index"
    written = f"written as {_written(kind, api)}"
    if not uncompressed:
        return (
            f"{option} needs an output file to write the index beside: {words['-o -']} (standard output, the "
            f"default) has none (give {words['-o PATH']})"
        )
    if not stdout:
        return f"{option} needs a bgzipped VCF or BCF output: {output} is {written} (give {words['-O z or -O b']})"
    return (
        f"{option} needs a bgzipped VCF or BCF output file: {words['-o -']} (standard output, the default) has no "
        f"file to write the index beside, and it is {written} (give {words['-o PATH']} with {words['-O z or -O b']})"
    )


def level_output_problem(output: str, kind: str, level: int | None, api: bool = False) -> str | None:
    """A compression level (-l, -O z<N>; the API's compression_level) asked of an output that is not compressed:
    the command line's words (a usage error, cli_values), or in the API's keywords, naming the output and its type
    (pipe50c: api.annotate(..., "o.vcf", compression_level=5) wrote o.vcf uncompressed, without a word)."""
    if level is None or kind in ("z", "b"):
        return None
    if not api:
        return "a compression level needs a bgzipped VCF or BCF output (-O z or -O b)"
    named = _API_WORDS["-o -"] + " (standard output, the default)" if output == "-" else output
    return f"{level} needs a bgzipped VCF or BCF output: {named} is written as {_written(kind, True)} " + (
        '(give output_type="z" or "b", or no compression_level)'
    )


def _quoted(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def api_output_problem(options: AnnotateOptions, kind: str) -> OptionProblem | None:
    """The Python API's output_type, compression_level and write_index, checked before any work as the command line
    checks -O, -l and -W, and said in the API's keywords (pipe50c: api.annotate said '-W/--write-index needs ...
    (give -O z or -O b)' after the first pass over the input, wrote a tbi for write_index="CSI" or "foo", and took
    output_type "x" or a compression level of an uncompressed output without a word). The command line's values have
    passed its own checks: none of these says anything for them. `kind`: the output's type letter
    (vcfio.output_type_for, which imports this module)."""
    typed, level, index = options.output_type, options.compression_level, options.write_index
    output = options.output_path
    if typed is not None and typed not in _WRITTEN_AS:
        hint = ""
        if isinstance(typed, str) and typed[:1] in ("z", "b") and typed[1:].isdigit() and len(typed) == 2:
            hint = f' (give output_type="{typed[0]}", compression_level={typed[1:]})'
        return OptionProblem(f'{_quoted(typed)} is not "v", "z", "b" or "u"{hint}', "output_type")
    if index not in (None, False, "tbi", "csi"):
        return OptionProblem(f'{_quoted(index)} is not "tbi" or "csi"', "write_index")
    problem = level_output_problem(output, kind, level, api=True)
    if problem:
        return OptionProblem(problem, "compression_level")
    problem = index_output_problem(output, kind, index, api=True) if index else None
    if problem:
        return OptionProblem(problem, "write_index")
    return bcf_index_problem(output, kind, index or None, api=True)


# the characters a shell word needs no quotes for, as shlex.quote has them ([\w@%+=:,./-], ASCII): shell_word quotes
# as it does without importing shlex and compiling its pattern at start-up (issue 13)
_SHELL_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")


def command_line(args: tuple[str, ...]) -> str:
    """The ##alkannotCommand text of a run given `args`: 'alkannot' and each argument as a shell user would type
    it, on one line (`shell_word`)."""
    return "alkannot " + " ".join(shell_word(a) for a in args)


def shell_word(arg: str) -> str:
    """An argument as a shell user would type it, on one line (as shlex.quote writes it: unquoted where every
    character is safe, else in single quotes); a control character (a newline in a file name) is written as bash's
    $'...' escape, so ##alkannotCommand stays one header line."""
    if not any(ord(c) < 32 or ord(c) == 127 for c in arg):
        return arg if arg and _SHELL_SAFE.issuperset(arg) else "'" + arg.replace("'", "'\"'\"'") + "'"
    named = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\\": "\\\\", "'": "\\'"}
    return (
        "$'" + "".join(named.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 32 or ord(c) == 127 else c) for c in arg) + "'"
    )


def load_sample_sheet(samples_path: str | None, kb_dir: str | None = None) -> SampleSheet | None:
    """The sample sheet of `--samples PATH` (`-`: standard input), its drugs checked against `kb_dir`'s knowledge
    base; None without --samples. Read it once a run, before any VCF: a `-` or `<(...)` sheet cannot be read again,
    and a bad sheet stops the run first."""
    if samples_path is None:
        return None
    from .output import closed_standard_input
    from .samplesheet import read_sample_sheet

    if closed_standard_input(samples_path):  # started with stdin closed (`<&-`): '-' and /dev/stdin alike, as INPUT
        shown = "<stdin>" if samples_path == "-" else samples_path
        raise InputError("cannot read sample sheet (standard input is closed)", shown)
    return read_sample_sheet(samples_path, kb_dir)


def with_sample_sheet(options: AnnotateOptions) -> AnnotateOptions:
    """`options` with the sample sheet at samples_path read (once: every later step takes this one)."""
    if options.samples_path is None or options.sample_sheet is not None:
        return options
    from .records import replace

    return replace(options, sample_sheet=load_sample_sheet(options.samples_path, options.kb_dir))


__all__ = [
    "AnnotateOptions",
    "check_annotate_values",
    "check_compression_level",
    "check_min_vaf",
    "command_line",
    "index_output_problem",
    "warn_type_against_name",
    "bcf_index_problem",
    "level_output_problem",
    "api_output_problem",
    "load_sample_sheet",
    "with_sample_sheet",
]
