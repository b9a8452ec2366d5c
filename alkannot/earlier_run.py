"""What an earlier `alkannot annotate` run wrote into a VCF's header, read from its header records (pysam's): its
##alkannotSample lines, the --min-vaf of its ##alkannotCommand or ##alkannotMinVaf, and its ##alkannotNormal lines.
Pass 1 reads them from the header it opens (survey.survey_input), so that `annotate` does not open the input once more
for them (issue 13: each open of a VCF parses its header in htslib); verdicts.recorded_run reads them from a path."""

from __future__ import annotations

import re

from .vcfio import header_key

# what an earlier run recorded: (sample -> {Fusion, Mechanism, ...}, its --min-vaf or None, its normals)
EarlierRun = tuple[dict[str, dict[str, str]], float | None, tuple[str, ...]]

# an earlier run's --min-vaf in its ##alkannotCommand line; compiled at first use (re's cache): most inputs have none
_MIN_VAF = r"(?:^|\s)--min-vaf(?:=|\s+)'?([0-9.eE+-]+)'?(?:\s|$)"


def earlier_run(records) -> EarlierRun:
    """What an earlier `alkannot annotate` wrote into the header whose records (pysam's) are `records`: its
    ##alkannotSample lines (sample -> {Fusion, Mechanism, ...}), the --min-vaf of its ##alkannotCommand or
    ##alkannotMinVaf (or None), and the samples of its ##alkannotNormal lines (the normals that run left out).
    ValueError where a line cannot be read."""
    found: dict[str, dict[str, str]] = {}
    normals: list[str] = []
    commands: list[str] = []
    for rec in records:
        key = header_key(rec)
        if key == "alkannotSample":
            items = {k: header_unquoted(v) for k, v in rec.items()}
            if items.get("ID"):
                found[items["ID"]] = items
        elif key == "alkannotNormal":
            normals += [header_unquoted(v) for k, v in rec.items() if k == "ID"]
        elif key == "alkannotCommand":
            commands.append(str(rec.value))
        elif key == "alkannotMinVaf":  # a --no-version output (rewrite._run_lines)
            commands.append(f"--min-vaf {rec.value}")
    # read from the text, not through shlex: a file name written as $'...' (options.shell_word) is no shell word
    min_vaf = re.search(_MIN_VAF, commands[-1]) if commands else None
    try:
        return found, float(min_vaf.group(1)) if min_vaf else None, tuple(normals)
    except ValueError:
        return found, None, tuple(normals)


def header_unquoted(value: str) -> str:
    """A structured header value as sample_header._header_value wrote it: unquoted, and its backslash escapes
    (of '"' and '\\') undone, so a sample named 'P4"T' is matched again (review 10, finding 3)."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return re.sub(r"\\(.)", r"\1", value)


__all__ = ["EarlierRun", "earlier_run", "header_unquoted"]
