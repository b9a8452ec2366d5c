"""Report writers: one document (json_report.document) laid out as TSV, JSON, HTML and MultiQC custom content.

REPORT_WRITERS is the registry: adding an output is one entry (its suffix and a function that writes the
document to a path). The set is written all or nothing (alkannot.output.output_set).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Callable, Iterator

from ..errors import InputError
from ..log import log

Writer = Callable[[dict, str], object]


def _tsv(doc: dict, path: str) -> object:
    from . import tsv

    return tsv.write(doc, path)


def _json(doc: dict, path: str) -> object:
    from . import json_report

    return json_report.write(doc, path)


def _multiqc(doc: dict, path: str) -> object:
    from . import multiqc

    return multiqc.write(doc, path)


def rows_to_say(doc: dict) -> list[dict]:
    """The sample-sheet rows not used (the JSON's sheet_rows_not_used) that the HTML summary and the MultiQC section
    name: every one, but none where they are a per-sample job's other patients' rows (the JSON's
    sheet_rows_not_used_expected, from Cohort.sheet_rows_expected: one input whose samples all have their row, an
    INFO count on stderr), which every patient's page would repeat. Read from the document alone, so that a page
    laid out again from a saved PREFIX.json says what the run's did (cohort50; schema 2.27)."""
    if doc.get("sheet_rows_not_used_expected"):
        return []
    return list(doc.get("sheet_rows_not_used") or [])


# suffix -> writer; None: the HTML page, laid out by report.html from the same document
REPORT_WRITERS: dict[str, Writer | None] = {".tsv": _tsv, ".json": _json, ".html": None, "_mqc.tsv": _multiqc}
REPORT_SUFFIXES = tuple(REPORT_WRITERS)


def write_reports(cohort, out_prefix: str, html_template: str | None = None) -> list[str]:
    """PREFIX.tsv, PREFIX.json, PREFIX.html and PREFIX_mqc.tsv of a cohort (its verdicts, inputs, options and
    knowledge base), all or nothing: each is written to a temporary file and the set is renamed into place
    together. Returns the paths."""
    with report_set(cohort, out_prefix, html_template) as paths:
        return paths


@contextmanager
def report_set(cohort, out_prefix: str, html_template: str | None = None) -> Iterator[list[str]]:
    """The report set written into temporary files, renamed into place when the block succeeds and
    discarded when it fails: `annotate --report` writes its VCF inside the block, so a report that cannot
    be made (a lab template's error, a full disk) leaves the earlier VCF as it was, and a failed VCF leaves
    the earlier reports. Yields the paths."""
    from ..output import FILE, output_set
    from . import html, json_report

    unestablished: list[str] = []
    doc = readable_names(json_report.document(cohort, unestablished))
    warn_unestablished(readable_names(unestablished))
    paths = [out_prefix + suffix for suffix in REPORT_WRITERS]
    with output_set(paths) as targets:
        # into temporary files the page is written as it is laid out (a failure leaves no file: the set is
        # discarded); a device or pipe gets it only once it is whole
        pieces = html.stream(doc, html_template)
        page = pieces if all(t.kind == FILE for t in targets) else ["".join(pieces)]
        for writer, target in zip(REPORT_WRITERS.values(), targets):
            try:
                if writer is None:
                    html.save(page, target.path)
                else:
                    writer(doc, target.path)
            except OSError as exc:
                raise InputError(f"cannot write the report ({exc.strerror or exc})", target.display) from None
        yield paths
    for path in paths:
        log.info("wrote %s", path)


def warn_unestablished(names: list[str], shown: int = 10) -> None:
    """One warning naming the samples that progressed on an ALK inhibitor but are outside the P-gp triage list
    because their ALK positivity is not established (no positive alk_status, no ALK fusion call; json_report.read_once
    finds them): a sheet without an alk_status column left the list empty without a word (review 9, new user,
    finding 4)."""
    if names:
        log.warning(
            "%d sample(s) progressed on an ALK inhibitor but are left out of the P-gp triage list, as their ALK "
            "positivity is not established (no positive alk_status in the sample sheet, no ALK fusion call): %s; "
            "give each its alk_status (e.g. positive:IHC) in the sample sheet",
            len(names),
            ", ".join(names[:shown]) + (", ..." if len(names) > shown else ""),
        )


_SURROGATES = re.compile("[\udc80-\udcff]")


def readable_names(value):
    """The report document with bytes that were not UTF-8 (a Latin-1 sample name, carried as surrogate escapes
    from the VCF) read as Latin-1: every report file is valid UTF-8, and the bytes `P 0xE9 d r o` show as
    "Pédro". The VCF itself keeps the original bytes. A part with no such byte is returned as it is, not copied:
    the document of thousands of samples is never held twice (issue 13, memory)."""
    if isinstance(value, str):  # an ASCII string holds no surrogate escape (str.isascii is O(1))
        return value if value.isascii() else _SURROGATES.sub(lambda m: chr(ord(m.group()) - 0xDC00), value)
    if isinstance(value, dict):
        items = [(readable_names(k), readable_names(v)) for k, v in value.items()]
        if all(k is old_k and v is old_v for (k, v), (old_k, old_v) in zip(items, value.items())):
            return value
        return dict(items)
    if isinstance(value, (list, tuple)):
        read = [readable_names(v) for v in value]
        return value if all(new is old for new, old in zip(read, value)) else type(value)(read)
    return value


__all__ = ["REPORT_WRITERS", "REPORT_SUFFIXES", "write_reports", "readable_names", "rows_to_say"]
