"""What `alkannot annotate` was asked to do: the options every step reads (survey, verdicts, rewrite)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import UsageProblem
from .records import field, record

if TYPE_CHECKING:
    from .samplesheet import SampleSheet


@record(frozen=True)
class AnnotateOptions:
    """Everything `alkannot annotate` was asked to do."""

    input_path: str = "-"
    output_path: str = "-"
    output_type: str | None = None
    compression_level: int | None = None  # -l / -O z<N>, b<N>: None is the default (6)
    write_index: str | None = None
    build: str = "auto"
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

    def __post_init__(self) -> None:
        # the CLI checks -l and -O z<N> (cli_values.py); the Python API gets the same rule, whichever deflater is
        # installed (libdeflate would take 10-12, zlib would not: review 15, finding 4)
        level = self.compression_level
        if level is not None and (isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 9):
            raise UsageProblem(f"compression level {level!r} is not a level from 0 to 9", "compression_level")


def with_sample_sheet(options: AnnotateOptions) -> AnnotateOptions:
    """`options` with the sample sheet at samples_path read (once: every later step takes this one; a bad sheet
    stops the run before any VCF is read)."""
    if options.samples_path is None or options.sample_sheet is not None:
        return options
    from .records import replace
    from .samplesheet import read_sample_sheet

    return replace(options, sample_sheet=read_sample_sheet(options.samples_path, options.kb_dir))


__all__ = ["AnnotateOptions", "with_sample_sheet"]
