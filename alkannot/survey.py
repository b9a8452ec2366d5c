"""Pass 1: what an input holds for alkannot — the records in ALK (named and called), the structural-variant
records that can make an ALK fusion, the records in the bypass genes, and the file-level facts (build, samples,
tumour/normal names, record count). Only those few records are kept, so memory stays flat.

`survey_input` reads the main input; `with_fusion_evidence` adds the --sv files and fusion tables and the fusion
calls. Both return a frozen `Survey`, which `annotate` and `report` (peers) hand to the verdict step and, for
annotate, to the rewrite (rewrite.py).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Mapping

import pysam

from . import TRANSCRIPT
from .breakends import SUPPORT_KEYS, SvRecord, is_rearrangement, is_sv_record, may_touch_alk, names_sv_caller
from .bypass import BypassFinder, BypassRecord, alk_copy_number_records, bypass_record
from .bypass_coverage import BypassCoverage, called_in_line
from .bypass_fold import BypassRecords, UnannotatedChanges
from .consequence import NOT_IN_ALK, Consequence, annotate_allele, ref_mismatch, reportable
from .earlier_run import EarlierRun, earlier_run
from .errors import InputError
from .existing import ExistingAnnotations, same_protein_change
from .filters import failed_only_for_the_normal
from .format_fields import format_values
from .fusions import FusionAnnotation, FusionResult
from .genome import OTHER_ASSEMBLY, chrom_number, detect_build
from .genotype import carrier_values
from .header_lines import check_input_header
from .infokeys import allele_keys, record_keys
from .kbfiles import load_knowledge_base
from .knowledge import AlterationCall, KnowledgeBase
from .log import log
from .options import AnnotateOptions
from .records import field, record
from .ref_check import SHOWN_MISMATCHES, check_ref
from .transcript import BUILDS, Transcript, load_transcript
from .vcfio import (
    close_quietly,
    contig_names,
    header_info,
    header_key,
    header_values,
    open_vcf,
    output_type_for,
)

if TYPE_CHECKING:  # scan is imported only when pass 1 reads the bytes
    from .scan import BodyLayout
    from .sheet_sources import SheetSource


# FORMAT fields the verdict reads (genotype.py): GT/AD/AF/DP, phase, FreeBayes AO/RO, Strelka2 tier counts, CN
SAMPLE_KEYS = (
    "GT",
    "AD",
    "AF",
    "DP",
    "PS",
    "PGT",
    "PID",
    "VAF",
    "FREQ",
    "AO",
    "RO",
    "CN",
    "AU",
    "CU",
    "GU",
    "TU",
    "TAR",
    "TIR",
)
# an ALK copy-number or deletion record: the SV caller's read support too (copynumber._sv_support)
SV_SAMPLE_KEYS = tuple(dict.fromkeys(SAMPLE_KEYS + SUPPORT_KEYS))


@record(frozen=True)
class AlleleResult:
    """One ALK allele's consequence and knowledge-base call."""

    consequence: Consequence
    call: AlterationCall | None = None
    discordant: str = "."


@record(frozen=True)
class AlkRecord:
    """A record in ALK, with its per-allele results and per-sample values."""

    index: int
    chrom: str
    pos: int
    ref: str
    alts: tuple[str, ...]
    filter: str
    alleles: tuple[AlleleResult, ...]
    samples: Mapping[str, Mapping[str, object]]
    reference: str | None = None  # the bundled reference bases at REF's positions, where REF disagrees


@record(frozen=True)
class Survey:
    """What pass 1 learned: the few records that matter and the file-level facts."""

    display: str
    build: str | None
    build_reason: str
    samples: tuple[str, ...]
    extra_header_lines: tuple[str, ...] = ()
    alk_records: Mapping[int, AlkRecord] = field(default_factory=dict)
    sv_records: tuple[SvRecord, ...] = ()
    fusion_annotations: Mapping[int, FusionAnnotation] = field(default_factory=dict)
    fusion_result: FusionResult | None = None
    sv_seen: bool = False  # a rearrangement-capable caller looked (BND/INV records, its header, --sv files)
    tables_seen: bool = False  # a --fusions table was given
    bypass_records: tuple[BypassRecord | UnannotatedChanges, ...] = ()  # unannotated SNVs folded (bypass_fold)
    # which samples the records of every input call in which bypass/co-alteration genes (bypass_coverage.py)
    bypass_coverage: BypassCoverage = field(default_factory=BypassCoverage)
    alk_copy_number: tuple[BypassRecord, ...] = ()  # copy-number records over the ALK kinase domain (copynumber.py)
    tumor_headers: tuple[str, ...] = ()  # every ##tumor_sample (bcftools merge of Mutect2 VCFs keeps several)
    normal_headers: tuple[str, ...] = ()  # every ##normal_sample
    paired_outside: tuple[str, ...] = ()  # MAF tumours called against a matched normal not in the input (maf.py)
    sv_samples: frozenset[str] | None = None  # samples a rearrangement-capable caller covered; None: all samples
    sv_extra_records: int = 0  # SV records read from --sv files
    sv_files_read: int = 0  # --sv files read (one that is the input itself, or named twice, is read once)
    sv_repeated_records: int = 0  # --sv records holding calls an earlier file gave (sv_duplicates.py)
    n_records: int = 0
    ref_checked: int = 0
    ref_mismatched: int = 0
    layout: BodyLayout | None = None  # scan.BodyLayout when pass 1 read the bytes (pass 2 splices by it)
    other_build_matches: int = 0  # records whose REF fits the ALK coding sequence of the other build
    discordances: tuple[str, ...] = ()
    # records of an earlier alkannot output that carry its keys: pass 2 removes them where this run writes none
    own_key_records: frozenset[int] = frozenset()
    earlier_keys: tuple[str, ...] = ()  # every INFO key an earlier alkannot run defined (Source="alkannot")
    recorded_name: str | None = None  # a sites-only input's one ##alkannotSample ID (verdicts.with_recorded_name)
    # each sample's recorded Input= (NFC name -> file name): a sheet's source_vcf may name that file (sheet_sources)
    annotated_from: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    # what an earlier alkannot run recorded in the header (earlier_run.py), read from pass 1's open; None: not read
    earlier: EarlierRun | None = field(default=None, compare=False, repr=False)
    # htslib's text of a text VCF's header as pass 1 opened it (before any record), for pass 2's VCF output
    # (rewrite.write_output), which then opens the input no more (issue 13); None: not kept
    htslib_header: str | None = field(default=None, compare=False, repr=False)

    @property
    def sheet_source(self) -> SheetSource:
        """This input as a sample sheet's source_vcf names it: its path as reported, or the files its samples were
        annotated from (samplesheet.SampleSheet.get)."""
        from .sheet_sources import SheetSource

        return SheetSource(self.display, self.annotated_from)


# ---------------------------------------------------------------- pass 1
@record
class _Pass1:
    """What the record loop collects; frozen into a Survey when the loop ends."""

    display: str
    build: str | None
    reason: str
    kb: KnowledgeBase
    existing: ExistingAnnotations
    alk_records: dict[int, AlkRecord] = field(default_factory=dict)
    sv_records: list[SvRecord] = field(default_factory=list)
    bypass: BypassRecords = field(default_factory=BypassRecords)
    alk_copy_number: list[BypassRecord] = field(default_factory=list)
    discordances: list[str] = field(default_factory=list)
    rearrangement_seen: bool = False
    ref_checked: int = 0
    ref_mismatched: int = 0
    other_build_matches: int = 0
    own_keys: tuple[str, ...] = ()  # alkannot's INFO keys the input header defines (an earlier output)
    own_key_records: set[int] = field(default_factory=set)


LIFT_OVER = "alkannot reads GRCh37 or GRCh38 only: a VCF of another assembly needs a liftover to one of them"
# every record alkannot edits carries one of these (an ALK allele its consequence; an SV its fusion call; a REF
# that disagrees its mismatch): looking for them alone keeps the check cheap where every record is parsed
_SENTINEL_KEYS = ("ALK_CONSEQUENCE", "ALK_FUSION", "ALK_REF_MISMATCH")


def _earlier_keys(header: pysam.VariantHeader) -> tuple[str, ...]:
    """The INFO keys an earlier alkannot run defined in this header (Source="alkannot"): all are replaced or
    removed, also one this run does not write (a knowledge base without that inhibitor)."""
    return tuple(
        dict.fromkeys(
            r.get("ID")
            for r in header.records  # not header.info: its keys are decoded strictly, an ID byte may be Latin-1
            if r.type == "INFO" and (r.get("ID") or "").startswith("ALK_") and r.get("Source") == '"alkannot"'
        )
    )


def _refuse_foreign_keys(header: pysam.VariantHeader, earlier: tuple[str, ...], kb, display: str) -> None:
    """Another tool's definition of a key alkannot writes: taking it over would describe that tool's values on
    records alkannot does not edit as alkannot's, and overwrite them on those it does (pipeline review
    2026-12-01, second reading, finding 7). Exit 3 with the bcftools command that clears the way."""
    writes = _written_keys(kb)
    ours = any(header_key(r) == "alkannotVersion" for r in header.records)  # an output of a build before Source=
    ids = dict.fromkeys(r.get("ID") for r in header.records if r.type == "INFO")  # not header.info (_earlier_keys)
    foreign = [k for k in ids if k in writes and k not in earlier]
    if foreign and not ours:
        raise InputError(
            f"the header defines {', '.join(foreign)}, which alkannot writes, and not as alkannot's output (no "
            f'Source="alkannot"); rename or remove {"them" if len(foreign) > 1 else "it"} first, e.g. bcftools '
            f"annotate -x {','.join('INFO/' + k for k in foreign)}",
            display,
        )


def _written_keys(kb) -> set[str]:
    return {k.id for k in (*allele_keys(kb.inhibitor_names), *record_keys())}  # record_keys: fusion keys too


def _own_keys(header: pysam.VariantHeader) -> tuple[str, ...]:
    """The keys that mark a record of an earlier alkannot output: of its keys (_earlier_keys), the sentinels,
    or all of them if it defined none of those."""
    own = _earlier_keys(header)
    return tuple(k for k in own if k in _SENTINEL_KEYS) or own


def _resolve_build(options: AnnotateOptions, vf: pysam.VariantFile, display: str) -> tuple[str | None, str]:
    """The genome build: --build, else the header's evidence (from the ##contig line htslib kept: where the header
    gives chromosome 2 two lengths, the first). A --build that contradicts the kept line is refused even then: the
    output's header would carry the other build's chr2 length beside ##alkannotBuild (last check of 2026-12-01,
    finding D); beside a chr2 length of neither build and no other evidence, it is used with a warning."""
    info = header_info(vf)
    evidence = detect_build(info.contigs, info.lines)
    if evidence.foreign_length and options.build in BUILDS:  # T2T-CHM13 or a placeholder (review of stop 30)
        said = options.build_said
        log.warning("%s: --build %s beside %s: using --build; %s", display, said, evidence.reason, LIFT_OVER)
    if options.build not in BUILDS:
        return evidence.build, evidence.reason
    if evidence.build is not None and evidence.build != options.build:
        said = f"--build {options.build_said} contradicts the header ({evidence.reason}: {evidence.build})"
        if "length=" in evidence.reason:  # chr2's length names the build: every ALK position would be wrong
            raise InputError(f"{said}; drop --build or fix the header", display)
        log.warning("%s: %s; using --build", display, said)  # an assembly name or ##reference can be stale
    return options.build, "--build"


def survey_input(
    path: str, display: str, options: AnnotateOptions, regions: bool = False, keep_header: bool = False
) -> Survey:
    """Pass 1. `regions`: a report may read an indexed small-variant VCF through its index; `keep_header`: keep
    htslib's header text of a text VCF for a VCF output (annotate's pass 2)."""
    vf = open_vcf(path, display, options.threads)
    # what htslib drops is said where the output's header is htslib's (BCF); a VCF output keeps the input's lines
    verbatim = output_type_for(options.output_path, options.output_type) in ("v", "z")
    check_input_header(path, vf, display, options.build in BUILDS, verbatim)
    build, reason = _resolve_build(options, vf, display)
    header_records = list(vf.header.records)
    htslib_header = str(vf.header) if keep_header and verbatim and vf.format == "VCF" else None
    samples, declares_sv = tuple(vf.header.samples), _declares_sv_calls(vf.header)
    state = _Pass1(
        display, build, reason, load_knowledge_base(options.kb_dir), ExistingAnnotations.from_header(vf.header, display)
    )
    state.own_keys, earlier_keys = _own_keys(vf.header), _earlier_keys(vf.header)
    _refuse_foreign_keys(vf.header, earlier_keys, state.kb, display)
    # BCF output needs every key, FILTER and contig the body uses declared before the first record: the per-record
    # path, unless annotate.py lets a BCF file output try the byte-level pass (bcf_bytes; rewrite.BcfRetry)
    bcf_out = not verbatim
    # alkannot's keys the header does not define: a record carrying one is refused (pipeline review 2026-12-01,
    # third reading, finding 4); the output would define it as alkannot's and a second run strip it
    undeclared = frozenset(k.encode() for k in _written_keys(state.kb) if k not in vf.header.info)
    bytes_ok = not options.strict and (options.bcf_bytes or not bcf_out)  # --strict: htslib judges every record
    records, layout, index_note = pass1_records(path, display, vf, build, regions, bytes_ok, undeclared)
    last = _read_records(state, path, vf, records)
    if index_note:  # said only once the whole file was read: data corrupt where the index points is one error
        log.warning("%s", index_note)
    extra = (
        records.extra_header_lines
        if layout
        else [str(r).rstrip("\n") for r in list(vf.header.records)[len(header_records) :]]
    )
    vf.close()
    survey = Survey(
        display,
        build,
        reason,
        samples,
        tuple(extra),
        state.alk_records,
        tuple(state.sv_records),
        sv_seen=declares_sv or state.rearrangement_seen,
        bypass_records=state.bypass.records(),
        bypass_coverage=state.bypass.coverage.frozen(),
        alk_copy_number=tuple(state.alk_copy_number),
        tumor_headers=header_values(header_records, "tumor_sample"),
        normal_headers=header_values(header_records, "normal_sample"),
        paired_outside=header_values(header_records, "alkannotMafMatchedNormal"),
        n_records=layout.n_records if layout else last + 1,
        ref_checked=state.ref_checked,
        ref_mismatched=state.ref_mismatched,
        layout=layout,
        other_build_matches=state.other_build_matches,
        discordances=tuple(state.discordances),
        own_key_records=frozenset(state.own_key_records),
        earlier_keys=earlier_keys,
        earlier=_earlier(header_records),
        htslib_header=htslib_header,
    )
    _check_ref_agreement(survey)
    return survey


def _earlier(header_records: list) -> EarlierRun:
    """What an earlier alkannot run recorded in the header (verdicts.recorded_run's reading, from this open)."""
    try:
        return earlier_run(header_records)
    except (OSError, ValueError, NotImplementedError, InputError):
        return {}, None, ()


def _htslib_records(vf, path: str):
    """enumerate(vf); on a terminal, for an uncompressed or BGZF file of 1 MiB or more (--strict: the byte-level pass,
    which draws the bar, is not taken), with the bar over the bytes read that README promises (stop 52)."""
    import os

    from .scan import FULL_PARSE_BELOW, PROGRESS_LABEL

    shift = {"NONE": 0, "BGZF": 16}.get(str(vf.compression))  # a BGZF reader's tell() is a virtual offset
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0
    if shift is None or size < FULL_PARSE_BELOW:
        return enumerate(vf)
    from . import progress  # a file of 1 MiB or more only

    if not progress.wanted():
        return enumerate(vf)
    return progress.over_records(PROGRESS_LABEL, enumerate(vf), size, lambda: vf.tell() >> shift)


def pass1_records(
    path: str,
    display: str,
    vf,
    build: str | None,
    regions: bool = False,
    bytes_ok: bool = True,
    undeclared: frozenset[bytes] = frozenset(),
):
    """What survey_input iterates: (scan.PickedRecords, layout, note) for a large text/BGZF VCF (unless not
    `bytes_ok`), else (enumerate(vf), None, note) - every record through htslib, as for small files and BCF.
    A text record with more columns than the header, or with one of the `undeclared` keys, is an InputError.
    With `regions` (alkannot report), an indexed small-variant VCF is read through its index
    (alkannot/regions.py); `note` is the warning to give when its index did not fit the file."""
    index_note = None  # an index that does not fit the file: the whole file is read, and this said after it
    if regions:
        from .regions import region_records

        fetched, index_note = region_records(vf, path, build, display)
        if fetched is not None:
            return fetched, None, None
    from .scan import PickedRecords, scan_file, wants_byte_scan

    if vf.format != "VCF" or not bytes_ok or not wants_byte_scan(path):
        if vf.format == "VCF":  # the byte-level pass checks its own lines
            from .passthrough import check_body

            samples = len(vf.header.samples)
            check_body(path, 8 + (samples + 1 if samples else 0), undeclared, display)
        return _htslib_records(vf, path), None, index_note
    from .targets import survey_targets

    scan = scan_file(path, display, survey_targets(build), contig_names(vf), undeclared)
    return PickedRecords(scan, display), scan.layout, index_note


def _read_records(state: _Pass1, path: str, vf: pysam.VariantFile, records) -> int:
    """The record loop; returns the index of the last record read. htslib's own messages ([E::bgzf_uncompress],
    [W::vcf_parse] ...) would add lines to alkannot's one-line errors: every problem that stops the run is
    reported by alkannot itself."""
    spans = [load_transcript(b) for b in BUILDS]
    window = (min(t.start for t in spans), max(t.end for t in spans))
    tx = load_transcript(state.build) if state.build else None
    other = load_transcript(next(b for b in BUILDS if b != state.build)) if state.build else None
    bypass = BypassFinder(state.build)
    per_chrom: dict[str, tuple[bool, tuple]] = {}  # file's chromosome name -> (is chr2, bypass spans)
    index = -1
    verbosity = pysam.set_verbosity(0)
    try:
        for index, rec in records:  # the hot loop: per record only what tells whether it can matter
            where = per_chrom.get(rec.chrom)
            if where is None:
                where = per_chrom[rec.chrom] = (chrom_number(rec.chrom) == "2", bypass.spans_on(rec.chrom))
            if state.own_keys and any(k in rec.info for k in state.own_keys):  # an earlier output's record
                state.own_key_records.add(index)
            _survey_record(state, rec, index, where, window, tx, other)
    except InputError:
        close_quietly(vf)
        raise
    except (OSError, ValueError) as exc:
        close_quietly(vf)
        from .bad_records import locate_record, read_failure  # after a failure only (issue 13)

        where_text, problem = locate_record(path, index + 2, htslib=True) or (f"after record {index + 1}", "")
        # the record's own problem, said in words (htslib's are 'truncated file')
        reason = problem or read_failure(exc, path)
        raise InputError(f"unreadable record {index + 2} ({where_text}): {reason}", state.display) from None
    finally:
        pysam.set_verbosity(verbosity)
    return index


def _survey_record(
    state: _Pass1, rec, index: int, where, window: tuple[int, int], tx: Transcript | None, other: Transcript | None
) -> None:
    on2, gene_spans = where
    alts = rec.alts or ()
    if gene_spans:
        genes = [g for g in gene_spans if g.start <= rec.stop and rec.start < g.end]
        if genes:
            samples = lru_cache(maxsize=1)(lambda: format_values(rec, SAMPLE_KEYS))  # read once, where needed
            in_line = lru_cache(maxsize=1)(lambda: called_in_line(str(rec), rec.header.samples))  # the coverage's
            for g in genes:  # memory flat: a gene's unannotated SNVs/indels are folded as they stream
                state.bypass.add(bypass_record(g, rec, {}, state.existing), samples, in_line)
    # plain bases ('G', 'CT') are never structural: one C-level check skips the rest
    if alts and (len(alts) > 1 or not alts[0].isalpha()) and _looks_structural(alts) and is_sv_record(alts, rec.info):
        from .svio import sv_record_from_pysam

        sv = sv_record_from_pysam(rec, index, "input")
        if on2 and state.build:
            state.alk_copy_number.extend(
                alk_copy_number_records(
                    state.build, rec, alts, lambda: format_values(rec, SV_SAMPLE_KEYS, skip_missing=True)
                )
            )
        if may_touch_alk(sv):  # only these can form an ALK fusion: memory stays flat
            state.sv_records.append(sv)
        elif is_rearrangement(sv):  # a rearrangement caller looked at this file (CONTRACT.md v2)
            state.rearrangement_seen = True
        if not any(alt.isalpha() for alt in alts):
            return
        # 'T,<DEL>': the record's sequence alleles are small variants as well; they are annotated below
    if not (on2 and rec.start < window[1] and rec.stop >= window[0]):  # 0-based half-open against 1-based
        return
    if tx is None:
        raise InputError(
            f"cannot tell the genome build ({state.reason}) and records fall in ALK; rerun with --build GRCh37 or "
            f"--build GRCh38{f'; {LIFT_OVER}' if OTHER_ASSEMBLY in state.reason else _ref_fits(rec, alts)}",
            state.display,
            f"{rec.chrom}:{rec.pos}",
        )
    # sequence ALTs only, as `ref_checked` counts: a gVCF's reference-only records matched the other build's coding
    # bases by chance and outvoted the real one (pipeline review of stop 30, finding 1)
    if other is not None and any(a.isalpha() for a in alts) and ref_mismatch(other, rec.pos, rec.ref or "") is False:
        state.other_build_matches += 1
    if tx.start <= rec.stop and rec.start < tx.end:
        _survey_alk_record(state, tx, rec, index, alts)


def _declares_sv_calls(header: pysam.VariantHeader) -> bool:
    """A rearrangement-capable SV caller's header: a ##source naming such a caller. Breakend keys (SVTYPE with
    MATEID, CHR2 or EVENT) alone are not enough: a header template or a merge can carry them over a file that
    holds no SV call, which would then read as 'SV calls, none joins ALK' (pipeline review 2026-12-01, second
    reading, finding 5); such a file counts once it holds a BND/INV record."""
    return names_sv_caller(header_values(header.records, "source"))


def _looks_structural(alts: tuple[str, ...]) -> bool:
    return any(alt and (alt[0] in "<.[]" or alt[-1] in ".[]" or "[" in alt or "]" in alt) for alt in alts)


def _ref_fits(rec, alts: tuple[str, ...]) -> str:
    """A hint for the build error: the build whose bundled ALK coding bases this one record's REF matches, where it
    matches one build's only (a sequence ALT only, as the wrong-build count reads them); else nothing. One record
    is a hint, not a verdict: a run with the build given still counts every record's match."""
    if not any(a.isalpha() for a in alts):
        return ""
    fits = [b for b in BUILDS if ref_mismatch(load_transcript(b), rec.pos, rec.ref or "") is False]
    if len(fits) != 1:
        return ""
    return f" (this record's REF matches ALK's bundled coding sequence at {fits[0]} positions only)"


def _survey_alk_record(state: _Pass1, tx: Transcript, rec, index: int, alts) -> None:
    ref = rec.ref or ""
    consequences = [annotate_allele(tx, rec.pos, ref, alt) for alt in alts]
    if all(c is NOT_IN_ALK for c in consequences):
        return
    mismatch = any(c.ref_mismatch for c in consequences)
    if check_ref(state.display, tx, rec, mismatch, state.ref_mismatched) is not None:
        state.ref_checked += 1
        state.ref_mismatched += mismatch
    results = []
    for allele_index, c in enumerate(consequences):
        # a REF that disagrees with the reference and a confident call cannot both be true: no call
        call = (
            state.kb.call_variant(c.protein_change, c.aa_start, c.region == "kinase_domain")
            if c is not NOT_IN_ALK and not mismatch
            else None
        )
        discordant = "."
        other = state.existing.protein_change(rec, allele_index + 1, alts[allele_index])
        if other and c.hgvsp != "." and not same_protein_change(c.hgvsp, other[1]):
            discordant = f"{other[0]}:{other[1]}"
            state.discordances.append(
                f"{rec.chrom}:{rec.pos} {ref}>{alts[allele_index]}: alkannot {c.hgvsp}, {other[0]} {other[1]}"
            )
        results.append(AlleleResult(c, call, discordant))
    reference = "".join(tx.ref_base(rec.pos + k) or "." for k in range(len(ref))) if mismatch else None
    state.alk_records[index] = AlkRecord(
        index,
        rec.chrom,
        rec.pos,
        ref,
        tuple(alts),
        ";".join(rec.filter.keys()) or ".",
        tuple(results),
        _verdict_values(rec, results),
        reference,
    )


def _verdict_values(rec, results: list[AlleleResult]) -> dict[str, dict[str, object]]:
    """The per-sample values a verdict can read on this ALK record: none unless an allele is one a verdict lists
    (an intronic, UTR or synonymous record keeps only its INFO edit), and then only the samples that carry such an
    allele. A cohort has one record every 30-40 bp across ALK: keeping every sample's values of every record
    made memory grow with records x samples (pipeline review, pipe4 finding 2)."""
    alleles = [a for a, r in enumerate(results, start=1) if reportable(r.consequence, r.call)]
    if not alleles:
        return {}
    reads = failed_only_for_the_normal(";".join(rec.filter.keys()))  # a Mutect2 normal's reads (sample._in_normals)
    return carrier_values(format_values(rec, SAMPLE_KEYS, phased=True), alleles, rec.ref, tuple(rec.alts or ()), reads)


def _check_ref_agreement(survey: Survey) -> None:
    """Refuse an input whose REF disagrees with the build's ALK sequence at most of 3 or more coding records (a
    wrong build, or a VCF not aligned to the reference: every call would be wrong), or fits the other build's ALK
    far better; warn about a few disagreeing records, which are annotated ALK_REF_MISMATCH."""
    if survey.ref_checked >= 3 and survey.ref_mismatched * 2 > survey.ref_checked:
        # with --build given, "use --build" is no advice (pipeline review of stop 40, finding 2)
        hint = "is the VCF on that build?" if survey.build_reason == "--build" else "wrong build? (use --build)"
        raise InputError(
            f"REF disagrees with {TRANSCRIPT} ({survey.build}) at {survey.ref_mismatched} of "
            f"{survey.ref_checked} ALK coding records: {hint}",
            survey.display,
        )
    agreeing = survey.ref_checked - survey.ref_mismatched
    if survey.other_build_matches >= 3 and survey.other_build_matches > 2 * agreeing:
        other = next(b for b in BUILDS if b != survey.build)
        raise InputError(
            f"{survey.other_build_matches} records match the ALK coding sequence at {other} "
            f"positions but only {agreeing} at {survey.build} positions: wrong build? "
            f"(use --build {other})",
            survey.display,
        )
    if survey.other_build_matches and not agreeing:  # one G1202R read on the wrong build became intronic
        other = next(b for b in BUILDS if b != survey.build)  # (clinical review of stop 32, finding 4)
        said = f"at {other} positions and none at {survey.build} positions: check the build (--build {other})"
        log.warning(
            "%s: %d record(s) match the ALK coding sequence %s", survey.display, survey.other_build_matches, said
        )
    if survey.ref_mismatched:
        listed = f"the first {SHOWN_MISMATCHES} " if survey.ref_mismatched > SHOWN_MISMATCHES else ""
        log.warning(
            "%s: REF disagrees with %s at %d of %d ALK coding records (%slisted above)",
            survey.display,
            TRANSCRIPT,
            survey.ref_mismatched,
            survey.ref_checked,
            listed,
        )


__all__ = ["Survey", "AlkRecord", "AlleleResult", "survey_input", "SAMPLE_KEYS"]
