"""The one exception type for bad input, turned into one clean line by the CLI."""

STDOUT_NAME = "<stdout>"  # how a message names standard output as the output ('-o -', the default)
# a 0-byte file, standard input or pipe, or compressed data holding no text: one wording for each (pipe49, task 3)
EMPTY_INPUT = "empty input (no VCF header)"
# gzip/BGZF data that cannot be inflated, whichever reader meets it: one wording (pipe49b, finding 4: it was also
# "truncated or corrupt gzip/bgzip data" and "corrupt or truncated gzip file")
CORRUPT_DATA = "corrupt or truncated compressed data"


def cannot_read(what: str, reason: str | OSError) -> str:
    """'cannot read WHAT (REASON)', the one wording of a file that cannot be read, whichever option names it: the
    input, an --sv file, a sample sheet, a fusion table, an HTML template, a knowledge base (pipe49b, finding 5: it was
    'no such file' for a VCF and 'cannot read sample sheet: No such file or directory' for a sheet)."""
    if isinstance(reason, OSError):
        reason = reason.strerror or str(reason)
    return f"cannot read {what} ({reason})"


class InputError(Exception):
    """Bad input data: carries the file, the record (line or position) and the reason."""

    def __init__(self, reason: str, path: str | None = None, record: str | int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.record = record

    def __str__(self) -> str:
        path = self.path
        if path == "-" and self.reason.startswith("cannot write"):  # as input on stdin is '<stdin>' (review 20, f. 7)
            path = STDOUT_NAME
        parts = [p for p in (path, None if self.record is None else str(self.record)) if p]
        return ":".join(parts + [" " + self.reason]) if parts else self.reason


class UsageProblem(InputError):
    """Inputs that are fine each but cannot be used as the command line gives them (whose `--sv` file is this?):
    the remedy is another command line, so the CLI makes it a usage error (exit 2) with the command's hint."""


class OptionProblem(UsageProblem):
    """A command-line value the run cannot use (`--min-vaf 2`, `-o ""`, -W to a pipe): a usage error (exit 2) said as
    the command line says its own, 'Invalid value for OPTION: REASON' where it names the option."""

    def __init__(self, reason: str, option: str | None = None):
        super().__init__(f"Invalid value for {option}: {reason}" if option else reason)


class ConversionFailed(InputError):
    """BCF output: bcftools refused the text (a record it cannot parse; a key, FILTER or contig the header does not
    declare)."""


class BeyondBcf(ConversionFailed):
    """BCF output: htslib refused a record whose values need 64 bits (a POS beyond 2147483647 on a contig longer than
    that); `record` is its CHROM:POS as htslib names it. annotate names the input and the record (rewrite.py)."""


class ConverterNotStarted(InputError):
    """BCF output: the child process that converts the text to BCF could not be started (the interpreter it runs is
    not executable, no process can be made): not a write of the output or of a temporary file, whose remedies differ
    (pipeline review eng48b, finding 3)."""


class InputErrors(InputError):
    """Several problems with one input found in one pass (a sample sheet's bad rows), so that one run lists them
    all: each is a line of its own, the first SHOWN of them, then how many more."""

    SHOWN = 20

    def __init__(self, errors: list[InputError]):
        first = errors[0]
        super().__init__(first.reason, first.path, first.record)
        self.errors = list(errors)

    def lines(self) -> list[str]:
        shown = [str(e) for e in self.errors[: self.SHOWN]]
        more = len(self.errors) - self.SHOWN
        if more > 0:
            shown.append(f"{self.path}: ... and {more} more" if self.path else f"... and {more} more")
        return shown

    def __str__(self) -> str:
        return "\n".join(self.lines())


def raise_all(errors: list[InputError]) -> None:
    """Raise the one error of `errors` as it is, several as one InputErrors; nothing if there is none."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)
