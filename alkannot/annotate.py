"""The annotate pipeline: survey the input (pass 1), then write it back with alkannot's keys (pass 2).

Pass 1 reads every record once, does per-record Python work only for records inside ALK and for
structural-variant records, and keeps only those few results in memory. Pass 2 streams every record
to the output unchanged except for the INFO keys alkannot adds. Standard input is spooled to a
temporary file so both passes can read it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pysam

from . import TRANSCRIPT, __version__
from .consequence import NOT_IN_ALK, Consequence, annotate_allele, ref_mismatch
from .bypass import BypassFinder, bypass_record
from .cohort import report_for_file, survey_verdicts
from .errors import InputError
from .existing import ExistingAnnotations, same_protein_change
from .fusion import _int, _text, detect_fusions, is_rearrangement, is_sv_record, merge_evidence, parse_bracket
from .genome import chrom_number, detect_build
from .knowledge import INHIBITORS, load_knowledge_base
from .passthrough import copy_body, edit_info
from .sample import header_lines
from .svio import read_fusion_table, sample_path_spec, scan_sv_file, sv_record_from_pysam
from .transcript import BUILDS, load_transcript
from .vcfio import (add_info_definition, atomic_output, describe_record, header_info, header_text,
                    is_gzip, line_ending, materialized_input, open_vcf, open_writer, output_type_for,
                    percent_encode, remove_generic_header_lines, write_index)

log = logging.getLogger("alkannot")

VARIANT_KEYS = (
    ("ALK_HGVSC", "String", f"HGVS c. change on {TRANSCRIPT} (3'-shifted on the transcript strand)"),
    ("ALK_HGVSP", "String", "HGVS protein change on NP_004295.2, one-letter amino acids"),
    ("ALK_CONSEQUENCE", "String", "Sequence Ontology consequence terms on ALK, '&'-joined, most severe first"),
    ("ALK_EXON", "String", "ALK exon (e.g. 23/29) or intron (e.g. i19/28) of the change"),
    ("ALK_REGION", "String", "Named ALK protein region; kinase_domain = residues 1116-1383 (InterPro IPR020635/SMART TyrKc)"),
)
RESISTANCE_KEYS = (
    ("ALK_RESISTANCE", "String", "known (a resistance change in the alkannot knowledge base), activating (an activating variant whose statements are all full-length ALK sensitivity, e.g. the neuroblastoma hotspot R1275Q: not a resistance mutation), residue (other change at a known resistance residue), kinase_domain_vus, or none"),
)
EVIDENCE_KEY = ("ALK_EVIDENCE", "String", "Sources behind the inhibitor calls of this allele (PMID, CIViC EID, source keys), '&'-joined")
DISCORDANT_KEY = ("ALK_DISCORDANT", "String", "Protein change another annotator (VEP CSQ, SnpEff ANN, bcftools BCSQ) gives for this allele on NM_004304/ENST00000389048 where it differs from ALK_HGVSP, as TOOL:change")
REF_MISMATCH_KEY = ("ALK_REF_MISMATCH", "String", f"REF disagrees with the bundled {TRANSCRIPT} reference: the "
                    "reference bases at REF's positions (plus strand, '.' where not bundled). No resistance or "
                    "inhibitor call is made for such a record")
FUSION_KEYS = (
    ("ALK_FUSION", "String", "ALK fusion in HGNC notation, 5' partner first (e.g. EML4::ALK; UNKNOWN::ALK if the partner is unresolved)"),
    ("ALK_FUSION_VARIANT", "String", "EML4-ALK variant (v1, v2, v3a/b, v5a/b, ...) or '.'"),
    ("ALK_FUSION_BREAKPOINT", "String", "Exon/intron of each side of the junction, e.g. EML4:intron13|ALK:intron19"),
    ("ALK_FUSION_KINASE", "String", "retained (ALK 3' kinase part joined to the partner's 5' part), reciprocal, or unclear"),
)


@dataclass(frozen=True)
class AnnotateOptions:
    input_path: str = "-"
    output_path: str = "-"
    output_type: str | None = None
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
    kb_dir: str | None = None          # --kb DIR; None: the bundled knowledge base


@dataclass
class AlleleResult:
    consequence: Consequence
    call: object | None = None          # knowledge.AlterationCall
    discordant: str = "."


@dataclass
class AlkRecord:
    index: int
    chrom: str
    pos: int
    ref: str
    alts: tuple[str, ...]
    filter: str
    alleles: list[AlleleResult]
    samples: dict[str, dict[str, object]]
    reference: str | None = None   # the bundled reference bases at REF's positions, where REF disagrees


@dataclass
class Survey:
    """What pass 1 learned: the few records that matter and the file-level facts."""
    display: str
    build: str | None
    build_reason: str
    samples: tuple[str, ...]
    extra_header_lines: list[str] = field(default_factory=list)
    alk_records: dict[int, AlkRecord] = field(default_factory=dict)
    sv_records: list = field(default_factory=list)
    fusion_annotations: dict[int, object] = field(default_factory=dict)
    fusion_result: object | None = None
    sv_seen: bool = False          # a rearrangement-capable caller looked (BND/INV records, its header, --sv files)
    tables_seen: bool = False      # a --fusions table was given
    bypass_records: list = field(default_factory=list)   # bypass.BypassRecord
    tumor_headers: tuple[str, ...] = ()   # every ##tumor_sample (bcftools merge of Mutect2 VCFs keeps several)
    normal_headers: tuple[str, ...] = ()  # every ##normal_sample
    sv_samples: frozenset[str] | None = None  # samples a rearrangement-capable caller covered; None: all samples
    sv_extra_records: int = 0      # SV records read from --sv files
    n_records: int = 0
    ref_checked: int = 0
    ref_mismatched: int = 0
    layout: object | None = None   # scan.BodyLayout when pass 1 read the bytes (pass 2 splices by it)
    other_build_matches: int = 0   # records whose REF fits the ALK coding sequence of the other build
    discordances: list[str] = field(default_factory=list)


SAMPLE_KEYS = ("GT", "AD", "AF", "DP", "PS", "PGT", "PID", "VAF", "FREQ", "AO", "RO", "CN",
               "AU", "CU", "GU", "TU", "TAR", "TIR")  # FreeBayes AO/RO; Strelka2 tier counts


def _sample_values(rec: pysam.VariantRecord) -> dict[str, dict[str, object]]:
    values: dict[str, dict[str, object]] = {}
    keys = [k for k in SAMPLE_KEYS if k in rec.format]
    for name, sample in rec.samples.items():
        entry: dict[str, object] = {}
        for key in keys:
            try:
                entry[key] = sample[key]
            except (ValueError, TypeError, KeyError):
                continue
        if "GT" in keys:
            entry["phased"] = sample.phased
        values[name] = entry
    return values


def _resolve_build(options: AnnotateOptions, vf: pysam.VariantFile, display: str) -> tuple[str | None, str]:
    if options.build in BUILDS:
        return options.build, "--build"
    info = header_info(vf)
    evidence = detect_build(info.contigs, info.lines)
    return evidence.build, evidence.reason


def survey_input(path: str, display: str, options: AnnotateOptions, regions: bool = False) -> Survey:
    """Pass 1. `regions`: a report may read an indexed small-variant VCF through its index."""
    vf = open_vcf(path, display, options.threads)
    build, reason = _resolve_build(options, vf, display)
    survey = Survey(display, build, reason, tuple(vf.header.samples))
    header_records = list(vf.header.records)
    n_header = len(header_records)
    survey.tumor_headers = _header_values(header_records, "tumor_sample")
    survey.normal_headers = _header_values(header_records, "normal_sample")
    survey.sv_seen = _declares_sv_calls(vf.header)
    bypass = BypassFinder(build)
    existing = ExistingAnnotations.from_header(vf.header)
    kb = load_knowledge_base(options.kb_dir)
    spans = [load_transcript(b) for b in BUILDS]
    lo, hi = min(t.start for t in spans), max(t.end for t in spans)
    tx = load_transcript(build) if build else None
    other = load_transcript(next(b for b in BUILDS if b != build)) if build else None
    per_chrom: dict[str, tuple[bool, tuple]] = {}   # file's chromosome name -> (is chr2, bypass spans)
    from .scan import pass1_records
    records, survey.layout = pass1_records(path, display, vf, build, regions)   # only what can matter
    index = -1
    # htslib's own messages ([E::bgzf_uncompress], [W::vcf_parse] ...) would add lines to alkannot's
    # one-line errors; every problem that stops the run is reported by alkannot itself
    verbosity = pysam.set_verbosity(0)
    try:
        # the hot loop: per record only what is needed to tell whether it can matter
        for index, rec in records:
            chrom = rec.chrom
            where = per_chrom.get(chrom)
            if where is None:
                where = per_chrom[chrom] = (chrom_number(chrom) == "2", bypass.spans_on(chrom))
            on2, gene_spans = where
            alts = rec.alts or ()
            if gene_spans:
                start, stop = rec.start, rec.stop
                genes = [g for g in gene_spans if g.start <= stop and start < g.end]
                if genes:
                    samples = _sample_values(rec)
                    survey.bypass_records.extend(bypass_record(g, rec, samples) for g in genes)
            # plain bases ('G', 'CT') are never structural: one C-level check skips the rest
            if (alts and (len(alts) > 1 or not alts[0].isalpha())
                    and _looks_structural(alts) and is_sv_record(alts, rec.info)):
                sv = sv_record_from_pysam(rec, index, "input")
                if _may_touch_alk(sv):   # only these can form an ALK fusion: memory stays flat
                    survey.sv_records.append(sv)
                elif is_rearrangement(sv):   # a rearrangement caller looked at this file (CONTRACT.md v2)
                    survey.sv_seen = True
                continue
            if on2 and rec.start < hi and rec.stop > lo:
                if tx is None:
                    raise InputError("cannot tell the genome build (" + reason + ") and records fall in "
                                     "ALK; rerun with --build GRCh37 or --build GRCh38", display,
                                     f"{chrom}:{rec.pos}")
                if other is not None and ref_mismatch(other, rec.pos, rec.ref or "") is False:
                    survey.other_build_matches += 1
                if tx.start <= rec.stop and rec.start < tx.end:
                    _survey_alk_record(survey, tx, kb, existing, rec, index, alts)
    except InputError:
        _close_quietly(vf)
        raise
    except (OSError, ValueError) as exc:
        _close_quietly(vf)
        where = describe_record(path, index + 2) or f"after record {index + 1}"
        reason = " ".join(str(exc).split())
        if reason == "truncated file" and is_gzip(path):
            reason = "corrupt or truncated compressed data (BGZF block failed its check)"
        raise InputError(f"unreadable record {index + 2} ({where}): {reason}", display) from None
    finally:
        pysam.set_verbosity(verbosity)
    survey.n_records = survey.layout.n_records if survey.layout else index + 1
    survey.extra_header_lines = (records.extra_header_lines if survey.layout else
                                 [str(r).rstrip("\n") for r in list(vf.header.records)[n_header:]])
    vf.close()
    _check_ref_agreement(survey)
    return survey


def _close_quietly(vf: pysam.VariantFile) -> None:
    """Close after a read error without htslib's second complaint or pysam's '__dealloc__' noise."""
    previous = pysam.set_verbosity(0)
    try:
        vf.close()
    except (OSError, ValueError):
        pass
    finally:
        pysam.set_verbosity(previous)


def _header_values(records, key: str) -> tuple[str, ...]:
    return tuple(r.value for r in records if r.type == "GENERIC" and r.key == key)


def _declares_sv_calls(header: pysam.VariantHeader) -> bool:
    """A rearrangement-capable SV caller's header: breakend keys (SVTYPE with MATEID, CHR2 or EVENT), or a
    ##source naming such a caller. SVTYPE/SVLEN/END alone are written by CNV and small-variant callers too."""
    from .svsamples import SV_CALLER_SOURCES

    info = header.info
    if "SVTYPE" in info and any(k in info for k in ("MATEID", "CHR2", "EVENT")):
        return True
    sources = " ".join(str(r.value).lower() for r in header.records if r.type == "GENERIC" and r.key == "source")
    return any(caller in sources for caller in SV_CALLER_SOURCES)


def _looks_structural(alts: tuple[str, ...]) -> bool:
    for alt in alts:
        if alt and (alt[0] in "<.[]" or alt[-1] in ".[]" or "[" in alt or "]" in alt):
            return True
    return False


def _survey_alk_record(survey: Survey, tx, kb, existing, rec, index: int, alts) -> None:
    ref = rec.ref or ""
    results = [AlleleResult(annotate_allele(tx, rec.pos, ref, alt)) for alt in alts]
    if all(r.consequence is NOT_IN_ALK for r in results):
        return
    mismatch = any(r.consequence.ref_mismatch for r in results)
    checked = ref_mismatch(tx, rec.pos, ref)
    if checked is not None:
        survey.ref_checked += 1
        if mismatch:
            survey.ref_mismatched += 1
            log.warning("%s: %s:%d: REF %s disagrees with %s on %s", survey.display, rec.chrom, rec.pos,
                        ref, TRANSCRIPT, tx.build)
    for allele_index, result in enumerate(results):
        c = result.consequence
        if c is not NOT_IN_ALK and not mismatch:   # two statements that cannot both be true: no call
            result.call = kb.call_variant(c.protein_change, c.aa_start, c.region == "kinase_domain")
        other = existing.protein_change(rec, allele_index + 1, alts[allele_index])
        if other and c.hgvsp not in (".",) and not same_protein_change(c.hgvsp, other[1]):
            result.discordant = f"{other[0]}:{other[1]}"
            survey.discordances.append(f"{rec.chrom}:{rec.pos} {ref}>{alts[allele_index]}: alkannot "
                                       f"{c.hgvsp}, {other[0]} {other[1]}")
    reference = "".join(tx.ref_base(rec.pos + k) or "." for k in range(len(ref))) if mismatch else None
    survey.alk_records[index] = AlkRecord(index, rec.chrom, rec.pos, ref, tuple(alts),
                                          ";".join(rec.filter.keys()) or ".", results, _sample_values(rec),
                                          reference)


def _check_ref_agreement(survey: Survey) -> None:
    if survey.ref_checked >= 3 and survey.ref_mismatched * 2 > survey.ref_checked:
        raise InputError(f"REF disagrees with {TRANSCRIPT} ({survey.build}) at {survey.ref_mismatched} of "
                         f"{survey.ref_checked} ALK coding records: wrong build? (use --build)", survey.display)
    agreeing = survey.ref_checked - survey.ref_mismatched
    if survey.other_build_matches >= 3 and survey.other_build_matches > 2 * agreeing:
        other = next(b for b in BUILDS if b != survey.build)
        raise InputError(f"{survey.other_build_matches} records match the ALK coding sequence at {other} "
                         f"positions but only {agreeing} at {survey.build} positions: wrong build? "
                         f"(use --build {other})", survey.display)
    if survey.ref_mismatched:
        log.warning("%s: REF disagrees with %s at %d of %d ALK coding records (listed above)",
                    survey.display, TRANSCRIPT, survey.ref_mismatched, survey.ref_checked)


# ---------------------------------------------------------------------------------------------
# pass 2
# ---------------------------------------------------------------------------------------------
def _inhibitor_keys() -> list[tuple[str, str, str]]:
    return [(f"ALK_{name.upper()}", "String",
             f"Predicted sensitivity of this allele to {name}: sensitive, intermediate, resistant, "
             "conflicting or unknown (alkannot knowledge base; sources in ALK_EVIDENCE)")
            for name in INHIBITORS]


def allele_keys() -> list[tuple[str, str, str]]:
    """The per-ALT INFO keys alkannot writes on ALK records: (key, Type, Description)."""
    return list(VARIANT_KEYS) + list(RESISTANCE_KEYS) + _inhibitor_keys() + [EVIDENCE_KEY, DISCORDANT_KEY]


def prepare_header(header: pysam.VariantHeader, survey: Survey, options: AnnotateOptions,
                   sample_lines: list[str]) -> tuple[list[str], list[str], dict[str, str]]:
    """Add alkannot's INFO definitions; returns the per-allele INFO keys in order, the provenance
    lines and alkannot's ##INFO definition lines (which replace an older run's in the header text).

    The provenance lines are not added to `header`: htslib keeps the first of two structured lines
    with one ID (##alkannotSample=<ID=...>) and pysam cannot remove one structured line, so on
    re-annotation the writer swaps the input's ##alkannot lines for these in the header text."""
    for line in survey.extra_header_lines:
        header.add_line(line)
    remove_generic_header_lines(header, "alkannot")
    keys = allele_keys()
    definitions = {key: add_info_definition(header, key, "A", kind, description, __version__)
                   for key, kind, description in keys}
    definitions.update({key: add_info_definition(header, key, "1", kind, description, __version__)
                        for key, kind, description in FUSION_KEYS + (REF_MISMATCH_KEY,)})
    provenance = [f"##alkannotVersion={__version__}", f"##alkannotCommand={options.command_line}",
                  f"##alkannotTranscript={TRANSCRIPT}", f"##alkannotBuild={survey.build or 'unknown'}",
                  load_knowledge_base(options.kb_dir).header_line(), *sample_lines]
    return [k for k, _, _ in keys], provenance, definitions


_CONSEQUENCE_FIELDS = {"ALK_HGVSC": "hgvsc", "ALK_HGVSP": "hgvsp", "ALK_CONSEQUENCE": "consequence",
                       "ALK_EXON": "exon", "ALK_REGION": "region"}


def allele_value(result: AlleleResult, key: str) -> str:
    c = result.consequence
    if c is NOT_IN_ALK:
        return "."
    if key in _CONSEQUENCE_FIELDS:
        return getattr(c, _CONSEQUENCE_FIELDS[key])
    if key == "ALK_DISCORDANT":
        return result.discordant
    call = result.call
    if call is None:
        return "unknown" if c.ref_mismatch and key not in ("ALK_RESISTANCE", "ALK_EVIDENCE") else "."
    if key == "ALK_RESISTANCE":
        return call.resistance
    if key == "ALK_EVIDENCE":
        return "&".join(call.evidence) if call.evidence else "."
    inhibitor = key[4:].lower()
    inhibitor_call = call.calls.get(inhibitor)
    return inhibitor_call.category if inhibitor_call else "unknown"


def _set_info(rec: pysam.VariantRecord, keys: list[str], alk: AlkRecord) -> None:
    if REF_MISMATCH_KEY[0] in rec.info:
        del rec.info[REF_MISMATCH_KEY[0]]
    for key in keys:
        values = tuple(percent_encode(allele_value(r, key)) for r in alk.alleles)
        if all(v == "." for v in values):
            if key in rec.info:
                del rec.info[key]
            continue
        rec.info[key] = values
    if alk.reference is not None:   # after the per-allele keys, as the text path writes it
        rec.info[REF_MISMATCH_KEY[0]] = percent_encode(alk.reference)


def _fusion_values(annotation) -> dict[str, str]:
    return {"ALK_FUSION": annotation.fusion, "ALK_FUSION_VARIANT": annotation.variant,
            "ALK_FUSION_BREAKPOINT": annotation.breakpoint, "ALK_FUSION_KINASE": annotation.kinase}


def _set_fusion_info(rec: pysam.VariantRecord, annotation) -> None:
    for key, value in _fusion_values(annotation).items():
        rec.info[key] = percent_encode(value or ".")


def _text_edits(survey: Survey, keys: list[str]) -> dict:
    """Per record index, a function that rewrites that record line's INFO column."""
    managed = (frozenset(k.encode() for k in keys) | frozenset(k.encode() for k, _, _ in FUSION_KEYS)
               | {REF_MISMATCH_KEY[0].encode()})

    def entries(pairs) -> list[bytes]:
        return [f"{key}={value}".encode("utf-8", "surrogateescape") for key, value in pairs]

    def alk_edit(record: AlkRecord):
        pairs = []
        for key in keys:
            values = [percent_encode(allele_value(r, key)) for r in record.alleles]
            if any(v != "." for v in values):
                pairs.append((key, ",".join(values)))
        if record.reference is not None:
            pairs.append((REF_MISMATCH_KEY[0], percent_encode(record.reference)))
        added = entries(pairs)
        return lambda line: edit_info(line, managed, added)

    def fusion_edit(annotation):
        added = entries((key, percent_encode(value or ".")) for key, value in _fusion_values(annotation).items())
        return lambda line: edit_info(line, managed, added)

    edits = {index: fusion_edit(annotation) for index, annotation in survey.fusion_annotations.items()}
    edits.update({index: alk_edit(record) for index, record in survey.alk_records.items()})
    return edits


def write_output(path: str, display: str, survey: Survey, options: AnnotateOptions,
                 sample_lines: list[str]) -> None:
    """Pass 2."""
    vf = open_vcf(path, display, options.threads)
    keys, provenance, definitions = prepare_header(vf.header, survey, options, sample_lines)
    output_type = output_type_for(options.output_path, options.output_type)
    if options.write_index and (options.output_path == "-" or output_type not in ("z", "b")):
        raise InputError("-W/--write-index needs a bgzipped VCF or BCF output file", options.output_path)
    if survey.layout is not None and output_type == ("z" if survey.layout.compressed else "v"):
        from .splice import splice_output   # byte-level pass 1: copy the input around the edits
        header = header_text(vf.header, "##alkannot", provenance, definitions).encode("utf-8", "surrogateescape")
        vf.close()
        with atomic_output(options.output_path, options.input_path) as target:
            splice_output(survey.layout, target, header, _text_edits(survey, keys), options)
        return
    with atomic_output(options.output_path, options.input_path) as target:
        out = open_writer(target, output_type, header_text(vf.header, "##alkannot", provenance, definitions),
                          options.threads, line_ending(path))
        alk, fusions = survey.alk_records, survey.fusion_annotations
        if vf.format == "VCF":  # text: copy the body as it is, editing only the records that matter
            vf.close()
            try:
                copy_body(path, out.write_bytes, _text_edits(survey, keys))
            finally:
                out.close()
            if options.write_index:
                write_index(target, output_type, options.write_index, options.threads)
            return
        try:
            for index, rec in enumerate(vf):
                if index in alk:
                    _set_info(rec, keys, alk[index])
                elif index in fusions:
                    _set_fusion_info(rec, fusions[index])
                out.write(rec)
        except BrokenPipeError:
            raise  # the reader of stdout went away (`| head`): the CLI exits quietly
        except TypeError as exc:  # a BCF input whose own ALK_* definition has another Type
            raise InputError(f"record {index + 1}: the input's own definition of an alkannot INFO key "
                             f"conflicts with alkannot's ({exc}); remove its ALK_* ##INFO lines first", display) from None
        except (OSError, ValueError) as exc:
            raise InputError(f"unreadable record {index + 2}: {' '.join(str(exc).split())}", display) from None
        finally:
            out.close()
            vf.close()
        if options.write_index:
            write_index(target, output_type, options.write_index, options.threads)


def annotate_file(options: AnnotateOptions) -> Survey:
    """Annotate one VCF/BCF as `alkannot annotate` does. Returns what pass 1 learned."""
    with materialized_input(options.input_path, options.threads) as (path, display):
        survey = survey_input(path, display, options)
        _detect_fusions(survey, options)
        verdicts, summary = survey_verdicts(survey, options)   # once: header lines and reports share them
        try:
            write_output(path, display, survey, options, header_lines(verdicts))
        except BrokenPipeError:
            # the reader of the VCF stopped early (`| head`); the report comes from pass 1 and is whole
            if options.report_prefix:
                report_for_file(verdicts, summary, options)
            raise
        if options.report_prefix:
            report_for_file(verdicts, summary, options)
    if survey.discordances:
        log.warning("%d ALK allele(s) where another annotator's protein change differs from alkannot's:",
                    len(survey.discordances))
        for line in survey.discordances[:20]:
            log.warning("  %s", line)
    log.info("%s: %d records, %d in ALK, %d structural%s", survey.display, survey.n_records,
             len(survey.alk_records), len(survey.sv_records),
             f" (+{survey.sv_extra_records} in --sv files)" if options.sv_paths else "")
    return survey


def _detect_fusions(survey: Survey, options: AnnotateOptions) -> None:
    """Fusion calls from the SV records of the main input and the --sv files, and the fusion tables; records
    which samples a rearrangement-capable caller looked at (CONTRACT.md version 2: a lone <DEL>/<DUP> in a
    small-variant VCF does not make a sample's fusion status `negative`)."""
    from .sample import analysed_samples, sites_only_name
    from .svsamples import match_samples, with_renamed_samples

    records = list(survey.sv_records)
    main_samples = survey.samples or (sites_only_name(survey.display, options.tumor),)
    reported, role, _ = analysed_samples(survey, options.tumor)
    main_tumours = tuple(reported) if role in ("tumor", "single", "sites_only") else ()
    coverage: list[frozenset[str] | None] = []
    if survey.sv_seen or any(is_rearrangement(r) for r in records):
        coverage.append(None)   # the main input's own SV calls cover all its samples
    n_extra = 0
    for spec in options.sv_paths:
        owner, path = sample_path_spec(spec)
        if owner is not None and owner not in main_samples:
            log.warning("%s: --sv %s=...: no sample %r in this VCF (samples: %s)", survey.display, owner, owner,
                        ", ".join(main_samples[:10]))
        scan = scan_sv_file(path, survey.build)
        match = match_samples(path, scan.samples, scan.tumour_headers, main_samples, main_tumours, owner)
        for warning in match.warnings:
            log.warning("%s", warning)
        records.extend(with_renamed_samples(r, match.mapping, match.covered) for r in scan.records)
        n_extra += len(scan.records)
        known = {(b.gene, b.chrom, b.pos) for b in survey.bypass_records}
        survey.bypass_records.extend(with_renamed_samples(b, match.mapping, match.covered)
                                     for b in scan.bypass_records if (b.gene, b.chrom, b.pos) not in known)
        coverage.append(match.covered)
    survey.sv_extra_records = n_extra
    survey.sv_seen = bool(coverage)
    survey.sv_samples = None if any(c is None for c in coverage) else frozenset().union(*coverage) if coverage else None
    tables = [ev for spec in options.fusion_paths for ev in _read_table(spec)]
    unknown = sorted({ev.sample for ev in tables if ev.sample and ev.sample not in main_samples})
    if unknown and survey.samples:
        log.warning("%s: --fusions names sample(s) not in this VCF: %s (samples: %s)", survey.display,
                    ", ".join(unknown), ", ".join(survey.samples))
    survey.tables_seen = bool(options.fusion_paths)
    if survey.build is None:
        if tables or any(_may_touch_alk(r) for r in records):
            raise InputError("cannot tell the genome build (" + survey.build_reason + ") and fusion "
                             "evidence needs it; rerun with --build GRCh37 or --build GRCh38", survey.display)
        return
    result = detect_fusions(survey.build, records)
    if tables:
        result = merge_evidence(result, tables)
    survey.fusion_result = result
    survey.fusion_annotations = {index: ann for (source, index), ann in result.per_record.items()
                                 if source == "input"}


def _may_touch_alk(rec) -> bool:
    """Whether any breakend of an SV record lies near ALK in either build. Without one, the record
    cannot make an ALK fusion whatever the build, so an unknown build does not matter."""
    spans = [load_transcript(b) for b in BUILDS]
    lo, hi = min(t.start for t in spans) - 100_000, max(t.end for t in spans) + 100_000
    end = _int(rec.info.get("END"))
    ends = [(rec.chrom, rec.pos), (rec.chrom, end),
            (_text(rec.info.get("CHR2")) or rec.chrom, _int(rec.info.get("POS2")))]
    ends += [(b[1], b[2]) for alt in rec.alts if (b := parse_bracket(alt))]
    if chrom_number(rec.chrom) == "2" and end is not None and rec.pos < lo and end > hi:
        return True  # spans the whole gene
    return any(pos is not None and chrom_number(str(chrom)) == "2" and lo <= pos <= hi for chrom, pos in ends)


def _read_table(spec: str):
    """One `--fusions [SAMPLE=]PATH` table."""
    sample, path = sample_path_spec(spec)
    return read_fusion_table(path, sample)
