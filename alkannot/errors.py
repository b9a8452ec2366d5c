"""The one exception type for bad input, turned into one clean line by the CLI."""


class InputError(Exception):
    """Bad input data: carries the file, the record (line or position) and the reason."""

    def __init__(self, reason: str, path: str | None = None, record: str | int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.record = record

    def __str__(self) -> str:
        parts = [p for p in (self.path, None if self.record is None else str(self.record)) if p]
        return ":".join(parts + [" " + self.reason]) if parts else self.reason


class UsageProblem(InputError):
    """Inputs that are fine each but cannot be used as the command line gives them (whose `--sv` file is this?):
    the remedy is another command line, so the CLI makes it a usage error (exit 2) with the command's hint."""
