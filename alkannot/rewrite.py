"""Pass 2: write the input back with alkannot's INFO keys and header lines, every other byte as it came.

Three ways, one set of edits: a large text/BGZF input that pass 1 read byte by byte is spliced (splice.py: only
edited records and the header re-encoded); other text VCF is copied in blocks with the edited lines rewritten
(passthrough.py); BCF is re-read by htslib and written through the record writer. The INFO keys come from one
table (infokeys.py), the values from what pass 1 recorded for each record (survey.py).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable, Mapping

import pysam

from . import TRANSCRIPT, __version__
from .bcf_input import BcfAsText
from .compound_info import compound_info
from .consequence import NOT_IN_ALK
from .errors import BeyondBcf, ConversionFailed, InputError
from .fusions import FusionAnnotation
from .infokeys import (
    CALL_QUALIFIERS,
    CALL_SOURCES,
    COMPOUND,
    DISCORDANT,
    EVIDENCE,
    FUSION_KEYS,
    REF_MISMATCH,
    RESISTANCE,
    InfoKey,
    allele_keys,
    call_qualifiers,
    call_sources,
    record_keys,
)
from .input_header import verbatim_header
from .kbfiles import load_knowledge_base
from .log import log
from .options import AnnotateOptions, api_output_problem
from .passthrough import copy_body, edit_info
from .sample_header import Identify, fields_line
from .sourced_text import identified_key
from .survey import AlkRecord, AlleleResult, Survey
from .vcfio import (
    atomic_output,
    header_text,
    line_ending,
    open_vcf,
    open_writer,
    output_type_for,
    percent_encode,
    pysam_text,
    remove_generic_header_lines,
    write_index,
)

if TYPE_CHECKING:
    from .bcf_layout import BcfLayout


_CONSEQUENCE_FIELDS = {
    "ALK_HGVSC": "hgvsc",
    "ALK_HGVSP": "hgvsp",
    "ALK_CONSEQUENCE": "consequence",
    "ALK_EXON": "exon",
    "ALK_REGION": "region",
}
# record index -> ALT -> the encoded compounds it is a part of (compound_info.compound_alleles)
Compounds = Mapping[int, Mapping[str, list[str]]]


def identifier(kb) -> Identify:
    """sourced_text.identified_key over `kb`, each key looked up once a run (a cohort's records cite the same few)."""
    seen: dict[str, str] = {}
    return lambda key: seen[key] if key in seen else seen.setdefault(key, identified_key(kb, key))


def _define(header: pysam.VariantHeader | None, key: InfoKey) -> str:
    """Define an INFO key (unless the input already does) and return alkannot's definition line. An existing
    definition stays in the in-memory header (BCF records refer to its index); the written header text carries
    alkannot's line instead (vcfio.header_text; a VCF output of a text VCF: input_header.verbatim_header), so
    re-annotation replaces an older alkannot's definitions. `header` None: htslib's header is not written (the
    verbatim header), so nothing is added to it."""
    line = key.definition(__version__)
    if header is not None and key.id not in header.info:
        header.add_line(line)
    return line


def prepare_header(
    header: pysam.VariantHeader | None,
    survey: Survey,
    options: AnnotateOptions,
    sample_lines: list[str],
    declare_undeclared: bool = False,
) -> tuple[list[str], list[str], dict[str, str]]:
    """Add alkannot's INFO definitions; returns the per-allele INFO keys in order, the provenance lines and
    alkannot's ##INFO definition lines (which replace an older run's in the header text).

    htslib's placeholders for what the input uses undeclared (`Type=String,Description="Dummy"` ##INFO/##FORMAT/
    ##FILTER lines, bare ##contig lines; pass 1 recorded them) are added only with `declare_undeclared`, for BCF
    output, which cannot be written without them; a VCF output's header is the input's plus alkannot's lines,
    whatever path pass 1 took (pipeline review 12, finding 2).

    The provenance lines are not added to `header`: htslib keeps the first of two structured lines with one ID
    (##alkannotSample=<ID=...>) and pysam cannot remove one structured line, so on re-annotation the writer swaps
    the input's ##alkannot lines for these in the header text.

    `header` None: the output's header is the input's text (input_header.verbatim_header), which reads nothing of
    htslib's header but the ##contig lines it took from an index: htslib's header is left as read (each `add_line`
    re-syncs htslib's dictionaries, about 12 M instructions of the 4-record example, issue 13)."""
    keys, provenance = _keys_and_provenance(survey, options, sample_lines)
    if header is not None:
        previous = pysam.set_verbosity(0)  # htslib judged these lines in pass 1 (its messages are silenced there too)
        try:
            for line in survey.extra_header_lines if declare_undeclared else ():
                header.add_line(line)
        finally:
            pysam.set_verbosity(previous)
        remove_generic_header_lines(header, "alkannot")
    return [k.id for k in keys], provenance, _definitions(header, survey, keys)


def _definitions(header: pysam.VariantHeader | None, survey: Survey, keys: tuple[InfoKey, ...]) -> dict[str, str]:
    """alkannot's ##INFO definition lines by key (defined in `header` where given: _define); an earlier run's key
    this run does not write: '' (its definition goes with its values)."""
    definitions = {key.id: _define(header, key) for key in (*keys, *record_keys())}
    definitions.update({key: "" for key in survey.earlier_keys if key not in definitions})
    return definitions


def _keys_and_provenance(
    survey: Survey, options: AnnotateOptions, sample_lines: list[str]
) -> tuple[tuple[InfoKey, ...], list[str]]:
    """The per-allele INFO keys of the run's knowledge base, and the provenance lines."""
    kb = load_knowledge_base(options.kb_dir)
    provenance = [
        *_run_lines(options),
        f"##alkannotTranscript={TRANSCRIPT}",
        f"##alkannotBuild={survey.build or 'unknown'}",
        kb.header_line(),
        # what the ##alkannotSample fields hold, once, before them (review of stop 46, item 4)
        *([fields_line()] if any(line.startswith("##alkannotSample=") for line in sample_lines) else []),
        *sample_lines,
    ]
    return allele_keys(kb.inhibitor_names, kb.agents), provenance


def _run_lines(options: AnnotateOptions) -> list[str]:
    """##alkannotVersion and ##alkannotCommand; with --no-version (as bcftools') neither, so that the output does not
    change with paths or --threads, but a --min-vaf in effect on its own line: re-annotation and `report` read the
    cut-off the verdicts were made with from the header (verdicts.recorded_run)."""
    if not options.no_version:
        return [f"##alkannotVersion={__version__}", f"##alkannotCommand={options.command_line}"]
    return [] if options.min_vaf is None else [f"##alkannotMinVaf={options.min_vaf:g}"]


def allele_value(result: AlleleResult, key: str, identify: Identify = str) -> str:
    """The value of one per-allele key for one ALT ('.' where it does not apply; ALK_COMPOUND, a sample-level key,
    from the verdicts: `_allele_pairs`); `identify` names a source's PMID or DOI in ALK_CALL_SOURCES (`identifier`)."""
    c = result.consequence
    if c is NOT_IN_ALK or key == COMPOUND.id:
        return "."
    if key in _CONSEQUENCE_FIELDS:
        return getattr(c, _CONSEQUENCE_FIELDS[key])
    if key == DISCORDANT.id:
        return result.discordant
    call = result.call
    if call is None:
        sourced = (RESISTANCE.id, EVIDENCE.id, CALL_QUALIFIERS.id, CALL_SOURCES.id)
        return "unknown" if c.ref_mismatch and key not in sourced else "."
    if key == RESISTANCE.id:
        return call.resistance
    if key == EVIDENCE.id:
        return "&".join(call.evidence) if call.evidence else "."
    if key == CALL_QUALIFIERS.id:
        return call_qualifiers(call.calls)
    if key == CALL_SOURCES.id:
        return call_sources(call.calls, identify)
    inhibitor_call = call.calls.get(key[4:].lower())
    return inhibitor_call.category if inhibitor_call else "unknown"


def _allele_pairs(
    record: AlkRecord, keys: list[str], compounds: Compounds, identify: Identify
) -> list[tuple[str, str]]:
    """(key, 'v1,v2') for every key with a value for some ALT, then REF_MISMATCH where REF disagrees."""
    pairs = []
    for key in keys:
        if key == COMPOUND.id:  # encoded by compound_info
            value = compound_info(record.alts, compounds.get(record.index))
            pairs.extend([(key, value)] if value is not None else [])
            continue
        values = [percent_encode(allele_value(r, key, identify)) for r in record.alleles]
        if any(v != "." for v in values):
            pairs.append((key, ",".join(values)))
    if record.reference is not None:
        pairs.append((REF_MISMATCH.id, percent_encode(record.reference)))
    return pairs


def _fusion_pairs(annotation: FusionAnnotation) -> list[tuple[str, str]]:
    values = (annotation.fusion, annotation.variant, annotation.breakpoint, annotation.kinase)
    return [(key.id, percent_encode(value or ".")) for key, value in zip(FUSION_KEYS, values)]


def _managed(survey: Survey, keys: list[str]) -> tuple[str, ...]:
    """Every key a record of this output loses before this run's are written: this run's, and an earlier run's."""
    return tuple(dict.fromkeys((*keys, *(key.id for key in record_keys()), *survey.earlier_keys)))


def record_edits(
    survey: Survey, keys: list[str], compounds: Compounds, identify: Identify = str
) -> dict[int, list[tuple[str, str]]]:
    """Per record index, the (key, value) pairs alkannot writes on it; none on a record of an earlier alkannot
    output that this run does not annotate, so that its old keys are removed."""
    edits: dict[int, list[tuple[str, str]]] = {index: [] for index in survey.own_key_records}
    edits.update({index: _fusion_pairs(annotation) for index, annotation in survey.fusion_annotations.items()})
    edits.update(
        {index: _allele_pairs(record, keys, compounds, identify) for index, record in survey.alk_records.items()}
    )
    return edits


def text_edits(
    survey: Survey, keys: list[str], compounds: Compounds, identify: Identify = str
) -> dict[int, Callable[[bytes], bytes]]:
    """Per record index, a function that rewrites that record line's INFO column."""
    return _text_edits(survey, keys, record_edits(survey, keys, compounds, identify))


def _text_edits(
    survey: Survey, keys: list[str], pairs: Mapping[int, list[tuple[str, str]]]
) -> dict[int, Callable[[bytes], bytes]]:
    """text_edits of the pairs record_edits gave."""
    managed = frozenset(k.encode() for k in _managed(survey, keys))

    def edit(record_pairs: list[tuple[str, str]]) -> Callable[[bytes], bytes]:
        added = [f"{key}={value}".encode("utf-8", "surrogateescape") for key, value in record_pairs]
        return lambda line: edit_info(line, managed, added)

    return {index: edit(record_pairs) for index, record_pairs in pairs.items()}


def write_output(
    path: str,
    display: str,
    survey: Survey,
    options: AnnotateOptions,
    sample_lines: list[str],
    compounds: Compounds | None = None,
    bcf_source: BcfLayout | None = None,
    identify: Identify | None = None,
) -> None:
    """Pass 2. `compounds`: the ALTs that are parts of a sample's compound (ALK_COMPOUND); `bcf_source`: the BCF
    whose VCF text `path` is (where its records are), from which a BCF output is spliced; `identify`: the run's
    source identifiers (`identifier`), the memo the ##alkannotSample lines' CallSources were written with (annotate
    builds it once a run), made here over the run's knowledge base where none is given."""
    compounds, identify = compounds or {}, identify or identifier(load_knowledge_base(options.kb_dir))
    output_type = output_type_for(options.output_path, options.output_type)
    bcf = output_type in ("b", "u")
    if bcf and bcf_source is not None:
        path = bcf_source.path
    vf, keys, header, definitions = _output_header(path, display, survey, options, sample_lines, output_type)
    problem = api_output_problem(options, output_type)  # annotate_file checked before any work: a library call's
    if problem:
        raise problem
    index_suffix = ".csi" if options.write_index == "csi" else ".tbi"
    # BCF from the byte-level pass 1: its header holds what htslib declares for the picked records only, so a line
    # besides a ##contig (a key, a FILTER) or a converter that meets an undeclared one means a run on the full path
    bcf_bytes = survey.layout is not None and bcf
    if bcf_bytes and any(not line.startswith("##contig=") for line in survey.extra_header_lines):
        if vf is not None:
            vf.close()
        raise BcfRetry("a key or FILTER the header does not declare")
    pairs = record_edits(survey, keys, compounds, identify)  # once, whichever way the records are written
    if survey.layout is not None and output_type == ("z" if survey.layout.compressed else "v"):
        from .splice import splice_output  # byte-level pass 1: copy the input around the edits

        if vf is not None:
            vf.close()
        new_header = header.encode("utf-8", "surrogateescape")  # each line with its ending (input_header.py)
        edits = _text_edits(survey, keys, pairs)
        del pairs  # the edits hold what the records need: not both for the whole copy (ALK cohort x 500: +20 MB)
        with atomic_output(options.output_path, options.input_path) as target:
            if options.write_index:  # an index path that cannot take the index is refused before any work
                target.companion_final(index_suffix)
            splice_output(survey.layout, target, new_header, edits, options, display)
        return
    if bcf and vf is not None and vf.format == "BCF" and not survey.extra_header_lines:
        from .bcf_splice import Unspliceable

        try:
            written = (header, definitions)
            _splice_bcf(path, display, vf, written, options, survey, keys, pairs, index_suffix, bcf_source)
            return
        except Unspliceable as reason:  # found before anything is written: the records through htslib and text
            if bcf_source is not None:  # pass 1 read the text: read the BCF record by record (annotate.py)
                vf.close()
                raise BcfAsText(f"not spliced as BCF: {reason}") from None
            log.debug("%s: not spliced as BCF (%s)", display, reason)
    edits = _text_edits(survey, keys, pairs)
    del pairs  # as above: the text edits alone while the body is written
    with atomic_output(options.output_path, options.input_path) as target:
        if options.write_index:
            target.companion_final(index_suffix)
        try:
            _write_body(path, display, vf, target, output_type, header, options, edits)
        except BeyondBcf as beyond:  # the record's, whatever the path: no retry (pipeline review of stop 42, 8)
            raise beyond_bcf(beyond, display) from None
        except ConversionFailed:
            if _no_room(target.path):  # the converter could not even say so (review 16, finding 3; review 18, 4)
                raise InputError("cannot write output (No space left on device)", target.display) from None
            if bcf_bytes:  # the temporary file is discarded; nothing was written elsewhere (annotate.py)
                raise BcfRetry("the converter refused the text") from None
            raise
        if options.write_index:
            write_index(target, output_type, options.write_index, options.threads, display)


def _output_header(
    path: str,
    display: str,
    survey: Survey,
    options: AnnotateOptions,
    sample_lines: list[str],
    output_type: str,
) -> tuple[pysam.VariantFile | None, list[str], str, dict[str, str]]:
    """The input opened for pass 2 (None for a VCF output of a text VCF whose htslib header text pass 1 kept,
    `Survey.htslib_header`: a small file is not opened once more, issue 13), alkannot's keys, the output's header
    text and alkannot's ##INFO definitions."""
    bcf = output_type in ("b", "u")
    kept = survey.htslib_header if output_type in ("v", "z") else None
    vf = None if kept is not None else open_vcf(path, display, options.threads)
    if vf is not None and (vf.format != "VCF" or output_type not in ("v", "z")):
        # BCF in or out: htslib's header, which BCF's dictionary of IDs (IDX=) is made from
        keys, provenance, definitions = prepare_header(vf.header, survey, options, sample_lines, bcf)
        header = header_text(vf.header, "##alkannot", provenance, definitions)
        ending = line_ending(path)  # a CRLF text input's header stays CRLF (BCF's: '\n'); the verbatim one has its own
        return vf, keys, header if ending == "\n" else header.replace("\n", ending), definitions
    # a VCF output of a text VCF: the input's header lines as written (input_header)
    keys, provenance, definitions = prepare_header(None, survey, options, sample_lines, bcf)
    htslib_text = str(vf.header) if vf is not None else kept or ""
    return vf, keys, verbatim_header(path, htslib_text, "##alkannot", provenance, definitions), definitions


def _splice_bcf(
    path: str,
    display: str,
    vf: pysam.VariantFile,
    written: tuple[str, dict[str, str]],
    options: AnnotateOptions,
    survey: Survey,
    keys: list[str],
    pairs: Mapping[int, list[tuple[str, str]]],
    index_suffix: str,
    layout: BcfLayout | None = None,
) -> None:
    """BCF to BCF: the input's records copied as bytes, the edited ones' INFO rewritten in BCF (bcf_splice.py).
    `written`: the output's header text and prepare_header's INFO definitions ('' for a key whose line it drops);
    `pairs`: record_edits; `layout`: where the BCF's records are, where pass 1 learnt it."""
    header, definitions = written
    from .bcf_splice import bcf_header_text, key_numbers, write_spliced_bcf
    from .bgzf import DEFAULT_LEVEL

    text = bcf_header_text(header, vf.header).encode("utf-8", "surrogateescape")
    numbers = key_numbers(vf.header, _managed(survey, keys))
    vf.close()
    # an earlier run's key the output header no longer defines: no record may keep a value of it (its number
    # would name nothing), also one pass 1 did not mark as an earlier output's record (no sentinel key)
    orphans = frozenset(numbers[key] for key, line in definitions.items() if not line and key in numbers)
    edits = {
        index: [(numbers[key], value.encode("utf-8", "surrogateescape")) for key, value in record_pairs]
        for index, record_pairs in pairs.items()
    }
    output_type = output_type_for(options.output_path, options.output_type)
    level = DEFAULT_LEVEL if options.compression_level is None else options.compression_level
    with atomic_output(options.output_path, options.input_path) as target:
        if options.write_index:
            target.companion_final(index_suffix)
        count = write_spliced_bcf(
            path,
            display,
            target,
            output_type,
            text,
            edits,
            frozenset(numbers.values()),
            options.threads,
            level,
            orphans,
            layout,
        )
        if count != survey.n_records:
            raise InputError(f"{count} BCF records where pass 1 read {survey.n_records}", display)
        if options.write_index:
            write_index(target, output_type, options.write_index, options.threads, display)


def _no_room(path: str) -> bool:
    """Less than 1 MiB left beside the output being written: a converter that failed there ran out of room."""
    import shutil

    try:
        return shutil.disk_usage(os.path.dirname(os.path.abspath(path))).free < 1 << 20
    except OSError:
        return False


BCF_MAX_POS = 2147483647  # htslib refuses a larger POS in BCF (its 0-based position is a signed 32-bit integer)


def beyond_bcf(beyond: BeyondBcf, display: str) -> InputError:
    """The error for a record BCF cannot hold, naming the input and the record, not the output (pipeline review of
    stop 42, finding 8): 'in.vcf: record big:3000000000 cannot be written as BCF: its POS is beyond 2147483647, the
    largest BCF holds; write VCF (-O v or -O z)'."""
    where = str(beyond.record)
    pos = where.rpartition(":")[2]
    why = (
        f"its POS is beyond {BCF_MAX_POS}, the largest BCF holds"
        if pos.isdigit() and int(pos) > BCF_MAX_POS
        else "it holds a value beyond BCF's 32-bit integers"
    )
    return InputError(f"record {where} cannot be written as BCF: {why}; write VCF (-O v or -O z)", display)


class BcfRetry(Exception):
    """A BCF output the byte-level pass 1 cannot give (an undeclared key, FILTER or contig; a record htslib cannot
    parse): annotate.py writes it again with every record through htslib, as --strict does."""


def _write_body(
    path: str,
    display: str,
    vf: pysam.VariantFile | None,
    target,
    output_type: str,
    header: str,
    options: AnnotateOptions,
    edits: Mapping[int, Callable[[bytes], bytes]],
) -> None:
    out = open_writer(target, output_type, header, options.threads, level=options.compression_level)
    if vf is None or vf.format == "VCF":  # text: copy the body as it is, editing only the records that matter
        if vf is not None:
            vf.close()
        try:
            copy_body(path, out.write_bytes, edits, display)
        finally:
            out.close()
    else:
        _write_records(vf, out, edits, display)


def _write_records(vf: pysam.VariantFile, out, edits: Mapping[int, Callable[[bytes], bytes]], display: str) -> None:
    """BCF input: every record through htslib; a record that matters gets alkannot's keys in its VCF text, as the text
    path edits a line, so an older alkannot definition of another Type in the input's header (which the output's
    header text replaces) cannot refuse the values (the pipeline review of stop 39's splice, finding 5: setting them
    on the pysam record was exit 3)."""
    index = -1
    try:
        for index, rec in enumerate(vf):
            if index in edits:
                out.write_bytes(edits[index](str(rec).encode("utf-8", "surrogateescape")))
            else:
                out.write(rec)
    except BrokenPipeError:
        raise  # the reader of stdout went away (`| head`): the CLI exits quietly
    except (OSError, ValueError) as exc:
        raise InputError(f"unreadable record {index + 2}: {pysam_text(exc)}", display) from None
    finally:
        out.close()
        vf.close()


__all__ = ["write_output", "prepare_header", "allele_value", "record_edits", "text_edits"]
