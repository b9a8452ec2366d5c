"""The header of a VCF (text or bgzipped) output of a text VCF input: the input's own header lines as written, not as
htslib writes them back.

htslib rewrites the lines it keeps and drops others (pipeline engineers' review of header hygiene, stop 52): an
input's `##FILTER=<ID=PASS,...>` becomes its own "All filters passed" (and a header without one gains that line),
white space inside and at the end of a line is trimmed, `IDX=` is dropped, a structured line's `;` between fields
becomes `,`, an unterminated quote or `<` is closed, a second line of one INFO/FORMAT/FILTER/ALT/contig ID is
dropped, and so are lines it cannot parse (not KEY=VALUE, a structured line without ID, `##pedigreeDB=<>`). Here
the output header is the input's lines byte for byte, less the lines of alkannot's earlier run, with alkannot's
lines where `vcfio.header_text` places them in htslib's text: an input's definition of one of alkannot's INFO keys
replaced in its place (once), this run's other definitions after the input's lines, then the provenance lines,
then the input's #CHROM line. Each input line keeps its own line ending (a header may mix CRLF and LF lines);
alkannot's lines take the ending of the input's first line (`vcfio.line_ending`), as every other output path gives
them (BCF input's VCF output, a CRLF input's BCF through the converter). BCF output keeps htslib's header (BCF's
dictionary of IDs needs it; rewrite.py).

One line htslib adds is kept: a bare `##contig=<ID=...>` it made from the index beside a bgzipped input for a
sequence the header does not declare (README, "No region options"). The output leaves that index behind, and
bcftools 1.16 cannot write a record of an undeclared contig as BCF (`bcftools view -Ob`: "Unchecked error",
exit 255, where it converts the indexed input and today's output): so the output says what the index said.
"""

from __future__ import annotations

from contextlib import closing

from .vcfio import text_lines

_INFO = "##INFO=<ID="
_CONTIG = "##contig=<ID="
_EMPTY = (b"\n", b"\r\n")


def input_header_lines(path: str) -> list[str]:
    """The header lines of the text VCF `path` (plain or gzipped), #CHROM's the last, each with its own line end (a
    #CHROM line that ends the file may have none); bytes that are not UTF-8 as surrogates (`surrogateescape`), as the
    rest of the output carries them. An empty line, which htslib skips in a header, is a line of it, kept."""
    lines = []
    with closing(text_lines(path)) as raw_lines:
        for raw in raw_lines:
            lines.append(raw.decode("utf-8", "surrogateescape"))
            if not raw.startswith(b"##") and raw not in _EMPTY:
                break
    return lines


def verbatim_header(
    path: str, htslib_text: str, replace_prefix: str, lines: list[str], info_definitions: dict[str, str]
) -> str:
    """The output header of the text VCF `path` (see the module's text), whose header htslib read as
    `htslib_text`: its lines starting with `replace_prefix` left out and `lines` placed just before #CHROM; the
    ##INFO line of a key in `info_definitions` swapped for its definition (dropped where that is '', a second line
    of the key dropped), the contigs htslib took from an index (`index_contigs`) and the keys the input does not
    define added after the input's lines, in the order of `info_definitions`. Every line of the input keeps its own
    line ending; alkannot's lines (and a #CHROM line that ends the file without one) take the first line's."""
    header = input_header_lines(path)
    ending = "\r\n" if header and header[0].endswith("\r\n") else "\n"
    kept, replaced = [], set()
    for line in header[:-1]:
        if line.startswith(replace_prefix):
            continue
        if line.startswith(_INFO):
            key = line[len(_INFO) :].split(",", 1)[0]
            if key in info_definitions:
                if key in replaced:  # htslib keeps one line of an ID: alkannot's definition is written once
                    continue
                replaced.add(key)
                line = info_definitions[key]
                if not line:
                    continue
                line += ending
        kept.append(line)
    added = [line for key, line in info_definitions.items() if line and key not in replaced]
    ours = "".join(line + ending for line in index_contigs(htslib_text, header) + added + lines)
    chrom = "".join(header[-1:])
    return "".join(kept) + ours + (chrom if chrom.endswith("\n") else chrom + ending)


def index_contigs(htslib_text: str, header: list[str]) -> list[str]:
    """The ##contig lines of htslib's header text whose ID no ##contig line of the input's `header` declares: the
    ones htslib made from the input's index, in its order."""
    declared = {
        line[len(_CONTIG) :].split(",", 1)[0].split(">", 1)[0].strip() for line in header if line.startswith(_CONTIG)
    }
    return [
        line
        for line in htslib_text.splitlines()
        if line.startswith(_CONTIG) and line[len(_CONTIG) :].split(",", 1)[0].split(">", 1)[0] not in declared
    ]


__all__ = ["verbatim_header", "input_header_lines", "index_contigs"]
