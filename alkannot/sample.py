"""Per-sample verdict: which samples, the ALK mutations each carries, fusion status, the combined
per-inhibitor call, `mechanism`, `pgp_check` with its note, and off-target candidates.

`sample_verdicts()` is pure: it reads a pass-1 Survey, a parsed sample sheet and a knowledge base and
does no I/O. `sample_header_lines()` is the hook the annotator calls; it gathers those inputs.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .bundle import read_tsv
from .errors import InputError
from .samplesheet import SampleSheet, SheetRow

log = logging.getLogger("alkannot")

ON_TARGET = "on_target"
ON_TARGET_POSSIBLE = "on_target_possible"
OFF_TARGET = "off_target_candidate"
UNEXPLAINED = "unexplained"
PGP_RECOMMENDED, PGP_IF_PROGRESSED, PGP_NOT_INDICATED = "recommended", "if_progressed", "not_indicated"
_PASS = ("PASS", ".", "")
_PROTEIN_ALTERING = re.compile(r"missense|stop_gained|frameshift|inframe|start_lost|stop_lost|"
                               r"protein_altering|splice_acceptor|splice_donor|delins")


# ---------------------------------------------------------------- data
@dataclass(frozen=True)
class SampleContext:
    """Everything besides the survey that decides a verdict."""
    tumor: str | None = None
    min_vaf: float | None = None
    sheet: SampleSheet | None = None
    sv_samples: frozenset[str] | None = None      # sample columns of the SV inputs; None = all samples
    table_samples: frozenset[str] | None = None   # samples named by --fusions SAMPLE=PATH; None = all
    recorded_fusion: tuple[tuple[str, str], ...] = ()  # (sample, Fusion=) of ##alkannotSample lines already in the VCF
    tumours: tuple[str, ...] = ()                 # every ##tumor_sample of the header
    normals: tuple[str, ...] = ()                 # every ##normal_sample of the header


@dataclass(frozen=True)
class AlkMutation:
    protein_change: str            # 'G1202R' (one-letter, no 'p.')
    hgvsp: str
    hgvsc: str
    consequence: str
    region: str
    aa_position: int | None
    chrom: str
    pos: int
    ref: str
    alt: str
    filter: str
    vaf: float | None
    vaf_source: str | None         # 'AF' | 'AD' | 'VAF' | 'FREQ'
    depth: int | None
    low_vaf: bool
    resistance: str                # known | residue | kinase_domain_vus | none
    calls: tuple[tuple[str, str], ...]          # (inhibitor, category)
    evidence: tuple[str, ...]
    phase_set: str | None = None   # 'PS:123' | 'PID:...' | None
    haplotype: str | None = None   # '0|1' / '1|0' of the phased genotype
    record: int = -1

    @property
    def passed(self) -> bool:
        return self.filter in _PASS

    @property
    def in_kinase_domain(self) -> bool:
        return self.region == "kinase_domain"


@dataclass(frozen=True)
class InhibitorVerdict:
    inhibitor: str
    category: str                  # sensitive | intermediate | resistant | conflicting | unknown
    basis: str                     # what the call rests on: 'G1202R', 'G1202R+L1196M (cis)', 'EML4::ALK', ...
    sources: tuple[str, ...] = ()
    evidence_kinds: tuple[str, ...] = ()
    inferred: bool = False
    progressed_on: bool = False    # the patient progressed clinically on this inhibitor
    note: str = ""


@dataclass(frozen=True)
class Compound:
    changes: tuple[str, ...]
    phase: str                     # cis | trans | unknown
    phase_method: str              # 'PS', 'PGT/PID', 'MNV record', 'none'
    resistance: str
    rule: str = ""


@dataclass(frozen=True)
class OffTarget:
    gene: str
    kind: str                      # copy_number_gain | copy_number_loss | structural | mutation
    description: str               # 'chr7:116622196 <DUP> CN=8'
    statement: str
    sources: tuple[str, ...]
    verified: bool


@dataclass(frozen=True)
class PgpAssessment:
    check: str                     # recommended | if_progressed | not_indicated
    context: str                   # after_substrate | after_non_substrate | substrate_unknown | no_history | not_applicable
    note: str
    substrates_progressed: tuple[str, ...] = ()
    not_affected: tuple[str, ...] = ()
    ihc: str | None = None
    tpm: float | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class SampleVerdict:
    sample: str
    source: str                    # the VCF it came from
    build: str | None
    role: str                      # 'tumor' (paired), 'single', 'cohort'
    fusion: str
    fusion_calls: tuple[str, ...]  # 'EML4::ALK v1 (retained; DNA: sv.vcf; RNA: fusions.tsv)'
    alk_status: str | None         # from the sample sheet
    progressed_on: tuple[str, ...] | None
    mutations: tuple[AlkMutation, ...]
    compound: Compound | None
    inhibitors: tuple[InhibitorVerdict, ...]
    mechanism: str
    pgp: PgpAssessment
    off_target: tuple[OffTarget, ...]
    notes: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    kb_version: str = ""

    @property
    def resistant(self) -> bool:
        """Progressed on an ALK inhibitor (treatment history), or carries a known resistance mutation."""
        return bool(self.progressed_on) or self.mechanism == ON_TARGET

    @property
    def alk_mutation_negative(self) -> bool:
        return self.mechanism in (OFF_TARGET, UNEXPLAINED)

    @property
    def assessable(self) -> bool:
        return self.fusion != "not_assessed" or bool(self.mutations) or self.alk_status is not None


# ---------------------------------------------------------------- which samples
def analysed_samples(survey, tumor: str | None, tumours=(), normals=()) -> tuple[list[str], str, tuple[str, ...]]:
    """(samples reported, role, normals left out). Tumour/normal: tumours from --tumor or ##tumor_sample;
    samples named by ##normal_sample are never reported as patients."""
    samples = list(survey.samples)
    tumours = list(tumours or getattr(survey, "tumor_headers", None) or
                   ([survey.tumor_header] if getattr(survey, "tumor_header", None) else []))
    normals = list(normals or getattr(survey, "normal_headers", None) or ())
    if tumor:
        wanted = [t.strip() for t in tumor.split(",") if t.strip()]
        missing = [t for t in wanted if t not in samples]
        if missing:
            raise InputError(f"--tumor {', '.join(missing)}: no such sample (samples: {', '.join(samples) or 'none'})",
                             survey.display)
        return wanted, "tumor", tuple(s for s in samples if s not in wanted)
    tumours = [t for t in tumours if t in samples]
    if tumours:
        # samples that the header names neither tumour nor normal (e.g. a merged cohort) are reported too
        kept = [s for s in samples if s in tumours or s not in normals]
        return kept, "tumor", tuple(s for s in samples if s not in kept)
    if normals:
        kept = [s for s in samples if s not in normals]
        return kept, "cohort", tuple(normals)
    return samples, ("single" if len(samples) == 1 else "cohort"), ()


# ---------------------------------------------------------------- genotype reading
def _alleles(gt) -> list[int | None]:
    if isinstance(gt, (tuple, list)):
        return list(gt)
    if isinstance(gt, str) and gt not in ("", "."):
        return [None if a == "." else int(a) for a in re.split(r"[/|]", gt) if a != ""]
    return []


def _number(value) -> float | None:
    if isinstance(value, (tuple, list)):
        value = value[0] if value else None
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().rstrip("%")
        try:
            number = float(text)
        except ValueError:
            return None
        return number / 100 if value.strip().endswith("%") else number
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _per_allele(value, allele: int, number_r: bool):
    """The value for ALT allele `allele` (1-based) of a Number=A or Number=R field."""
    if not isinstance(value, (tuple, list)):
        return value if allele == 1 else None
    index = allele if number_r else allele - 1
    return value[index] if 0 <= index < len(value) else None


def allele_vaf(fmt: dict, allele: int) -> tuple[float | None, str | None, int | None]:
    """VAF of one ALT allele as the caller wrote it: AF, else AD, else VAF/FREQ; and the depth."""
    depth = fmt.get("DP")
    depth = int(depth) if isinstance(depth, (int, float)) else None
    ad = fmt.get("AD")
    ad_values = [v for v in ad if v is not None] if isinstance(ad, (tuple, list)) else []
    af = _number(_per_allele(fmt.get("AF"), allele, False)) if fmt.get("AF") is not None else None
    if af is not None:
        return af, "AF", depth or (sum(ad_values) if ad_values else None)
    if len(ad_values) > allele and sum(ad_values) > 0:
        return ad_values[allele] / sum(ad_values), "AD", depth or sum(ad_values)
    for key in ("VAF", "FREQ"):
        if fmt.get(key) is not None:
            value = _number(_per_allele(fmt[key], allele, False))
            if value is not None:
                return value, key, depth
    return None, None, depth


def carries(fmt: dict, allele: int) -> bool:
    """Does the sample carry ALT allele `allele`? GT when called, else AD alt > 0, else AF/VAF > 0."""
    alleles = _alleles(fmt.get("GT"))
    if alleles and any(a is not None for a in alleles):
        return allele in alleles
    ad = fmt.get("AD")
    if isinstance(ad, (tuple, list)) and len(ad) > allele and ad[allele] is not None:
        return ad[allele] > 0
    vaf, _, _ = allele_vaf(fmt, allele)
    return vaf is not None and vaf > 0


def _phase(fmt: dict, allele: int, record: int) -> tuple[str | None, str | None]:
    gt = fmt.get("GT")
    alleles = _alleles(gt)
    if fmt.get("PS") not in (None, ".") and fmt.get("phased") and alleles:
        return f"PS:{fmt['PS']}", "|".join(str(1 if a == allele else 0) for a in alleles)
    if fmt.get("PID") not in (None, ".") and fmt.get("PGT") not in (None, "."):
        return f"PID:{fmt['PID']}", str(fmt["PGT"])
    return None, None


# ---------------------------------------------------------------- mutations of one sample
def sample_mutations(survey, sample: str, min_vaf: float | None) -> list[AlkMutation]:
    found = []
    for index in sorted(survey.alk_records):
        rec = survey.alk_records[index]
        fmt = rec.samples.get(sample)
        if fmt is None:
            continue
        for allele, result in enumerate(rec.alleles, start=1):
            c = result.consequence
            if not _reportable(c, result.call) or not carries(fmt, allele):
                continue
            vaf, vaf_source, depth = allele_vaf(fmt, allele)
            phase_set, haplotype = _phase(fmt, allele, index)
            call = result.call
            found.append(AlkMutation(
                protein_change=c.hgvsp[2:] if c.hgvsp.startswith("p.") else c.hgvsp,
                hgvsp=c.hgvsp, hgvsc=c.hgvsc, consequence=c.consequence, region=c.region,
                aa_position=getattr(c, "aa_start", None), chrom=rec.chrom, pos=rec.pos, ref=rec.ref,
                alt=rec.alts[allele - 1], filter=rec.filter, vaf=vaf, vaf_source=vaf_source, depth=depth,
                low_vaf=min_vaf is not None and vaf is not None and vaf < min_vaf,
                resistance=call.resistance if call is not None else "none",
                calls=tuple((name, ic.category) for name, ic in (call.calls.items() if call else ())),
                evidence=tuple(call.evidence) if call is not None else (),
                phase_set=phase_set, haplotype=haplotype, record=index))
    return found


def _reportable(consequence, call) -> bool:
    if call is not None and call.resistance != "none":
        return True
    hgvsp = getattr(consequence, "hgvsp", ".") or "."
    if hgvsp in (".", "") or hgvsp.endswith("=") or "=" in hgvsp:
        return False
    return bool(_PROTEIN_ALTERING.search(getattr(consequence, "consequence", "") or ""))


# ---------------------------------------------------------------- compound grouping
def group_compound(mutations: list[AlkMutation]) -> tuple[tuple[str, ...], str, str] | None:
    """(changes, phase, method) when two or more kinase-domain mutations pass filters."""
    kd = [m for m in mutations if m.in_kinase_domain and m.passed]
    if len(kd) < 2:
        return None
    phases, methods = [], set()
    for i, first in enumerate(kd):
        for second in kd[i + 1:]:
            phase, method = _pair_phase(first, second)
            phases.append(phase)
            methods.add(method)
    if all(p == "cis" for p in phases):
        phase = "cis"
    elif any(p == "trans" for p in phases) and all(p in ("cis", "trans") for p in phases):
        phase = "trans"
    else:
        phase = "unknown"
    method = "/".join(sorted(m for m in methods if m != "none")) or "none"
    changes = tuple(m.protein_change for m in sorted(kd, key=lambda m: m.aa_position or 0))
    return changes, phase, method


def _pair_phase(a: AlkMutation, b: AlkMutation) -> tuple[str, str]:
    if a.record == b.record and a.alt == b.alt:
        return "cis", "MNV record"
    if a.phase_set and a.phase_set == b.phase_set and a.haplotype and b.haplotype:
        method = "PS" if a.phase_set.startswith("PS:") else "PGT/PID"
        return ("cis" if a.haplotype == b.haplotype else "trans"), method
    return "unknown", "none"


# ---------------------------------------------------------------- per-inhibitor call
def inhibitor_names(kb) -> tuple[str, ...]:
    """The knowledge base's inhibitors, in its order."""
    names = getattr(kb, "inhibitors_in_order", None)
    if names:
        return tuple(names)
    from .knowledge import INHIBITORS
    return tuple(INHIBITORS)


def combined_calls(kb, mutations: list[AlkMutation], compound: Compound | None, compound_call,
                   fusion_call, progressed: tuple[str, ...]) -> tuple[InhibitorVerdict, ...]:
    kd = [m for m in mutations if m.passed and m.resistance != "none"]
    if compound_call is not None:
        call, basis = compound_call, f"{'+'.join(compound.changes)} ({compound.phase})"
    elif kd:
        order = ("known", "residue", "kinase_domain_vus")
        best = min(kd, key=lambda m: order.index(m.resistance) if m.resistance in order else len(order))
        call = kb.call_variant(best.protein_change, best.aa_position, best.in_kinase_domain)
        basis = best.protein_change
    elif fusion_call is not None:
        call, basis = fusion_call, "ALK fusion without an ALK mutation (off-target resistance is not predicted)"
    else:
        call, basis = None, "no ALK alteration found"
    verdicts = []
    for name in inhibitor_names(kb):
        ic = call.calls.get(name) if call is not None else None
        verdict = InhibitorVerdict(
            name, ic.category if ic else "unknown", basis,
            tuple(ic.sources) if ic else (), tuple(getattr(ic, "evidence_kinds", ()) or ()) if ic else (),
            bool(getattr(ic, "inferred", False)) if ic else False, name in progressed,
            (getattr(ic, "note", "") or "") if ic else "")
        verdicts.append(_with_progression(verdict) if name in progressed else verdict)
    return tuple(verdicts)


def _with_progression(verdict: InhibitorVerdict) -> InhibitorVerdict:
    """A drug the patient progressed on is not called sensitive for that patient, whatever the genotype
    says: the progression itself is clinical evidence of resistance (sample sheet)."""
    if verdict.category == "resistant":
        note = "the patient progressed on it (sample sheet), consistent with the genotype call"
        return replace(verdict, note="; ".join(n for n in (note, verdict.note) if n))
    note = (f"the patient progressed on {verdict.inhibitor} (sample sheet): resistant in this patient; "
            f"the genotype-based call alone would be {verdict.category} ({verdict.basis})")
    return replace(verdict, category="resistant",
                   evidence_kinds=tuple(dict.fromkeys(("this_patient_progression",) + verdict.evidence_kinds)),
                   sources=tuple(dict.fromkeys(("sample_sheet",) + verdict.sources)), inferred=False,
                   note="; ".join(n for n in (note, verdict.note) if n))


# ---------------------------------------------------------------- off-target candidates
@lru_cache(maxsize=None)
def _bypass_statements() -> dict[tuple[str, str], dict[str, str]]:
    return {(row["gene"], row["kind"]): row for row in read_tsv("triage", "bypass_genes.tsv")}


def _copy_number(rec, fmt: dict | None) -> tuple[str | None, object]:
    cn = fmt.get("CN") if fmt else None
    if cn is None:
        cn = rec.info.get("CN")
    alts = " ".join(rec.alts)
    svtype = (rec.svtype or "").upper()
    if isinstance(cn, (int, float)):
        return ("gain" if cn > 2 else "loss" if cn < 2 else None), cn
    if svtype in ("DUP", "AMP") or "<DUP" in alts or "<AMP" in alts:
        return "gain", cn
    if svtype == "DEL" or "<DEL" in alts:
        return "loss", cn
    return None, cn


def off_target_candidates(survey, sample: str) -> list[OffTarget]:
    """Bypass-gene records (main input and --sv files) the sample carries, each with its source."""
    statements = _bypass_statements()
    found, seen = [], set()
    for rec in survey.bypass_records:
        fmt = rec.samples.get(sample) if rec.samples else None
        if rec.samples and fmt is None:
            continue
        if rec.filter not in _PASS:
            continue
        if rec.is_copy_number:
            direction, cn = _copy_number(rec, fmt)
            if direction is None or (fmt is not None and "CN" not in fmt and not carries(fmt, 1)):
                continue
            kind = f"copy_number_{direction}"
            row = statements.get((rec.gene, "copy_number")) if direction == "gain" else None
            row = row or statements.get((rec.gene, "any"))
            what = f"{rec.alts[0] if rec.alts else ''} {('CN=' + str(cn)) if cn is not None else ''}".strip()
        else:
            if fmt is not None and not carries(fmt, 1):
                continue
            structural = any(a.startswith("<") or "[" in a or "]" in a for a in rec.alts)
            kind = "structural" if structural else "mutation"
            row = statements.get((rec.gene, kind)) or statements.get((rec.gene, "any"))
            what = f"{rec.ref}>{','.join(rec.alts)}"
        if row is None:
            continue
        key = (rec.gene, rec.chrom, rec.pos, kind)
        if key in seen:
            continue
        seen.add(key)
        found.append(OffTarget(rec.gene, kind, f"{rec.chrom}:{rec.pos} {what}", row["statement"],
                               tuple(s for s in row["sources"].split(";") if s), row["verified"] == "yes"))
    return found


# ---------------------------------------------------------------- mechanism and the P-gp check
def mechanism_of(mutations: list[AlkMutation], compound: Compound | None, off_target: list[OffTarget]) -> str:
    passed = [m for m in mutations if m.passed]
    clonal = [m for m in passed if not m.low_vaf]
    if any(m.resistance == "known" for m in clonal) or (compound and compound.resistance == "known"
                                                       and all(not m.low_vaf for m in passed
                                                               if m.protein_change in compound.changes)):
        return ON_TARGET
    # a known mutation only below --min-vaf, or a change of unknown significance, makes on-target
    # resistance possible but does not establish it
    if any(m.resistance in ("known", "residue", "kinase_domain_vus") for m in passed):
        return ON_TARGET_POSSIBLE
    if any(o.gene != "ABCB1" and o.verified for o in off_target):
        return OFF_TARGET
    return UNEXPLAINED


def _cite(kb, keys) -> str:
    labels = []
    for key in dict.fromkeys(k for k in keys if k):
        pmid = _pmid(kb, key)
        labels.append(f"{key}, PMID {pmid}" if pmid else key)
    return "[" + "; ".join(labels) + "]" if labels else ""


def _pmid(kb, key: str) -> str | None:
    try:
        source = kb.source(key)
    except (KeyError, LookupError, ValueError):
        return None
    pmid = getattr(source, "pmid", None) if source is not None else None
    return str(pmid) if pmid else None


def _split_sources(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = re.split(r"[;,&]", value)
    return tuple(re.sub(r"\(.*\)$", "", v).strip() for v in value if v and v.strip())


def pgp_assessment(kb, row: SheetRow | None, mechanism: str, alk_negative: bool,
                   off_target: list[OffTarget], alk_unestablished: bool = False) -> PgpAssessment:
    INHIBITORS = inhibitor_names(kb)
    info = {name: kb.inhibitor(name) for name in INHIBITORS}
    substrates = tuple(n for n in INHIBITORS if info[n].pgp_substrate == "yes")
    not_affected = tuple(n for n in INHIBITORS if info[n].pgp_substrate == "no")
    sources = tuple(dict.fromkeys(s for n in substrates + not_affected for s in _split_sources(info[n].pgp_sources)))
    history = row.progressed_on if row is not None else None
    ihc = row.abcb1_ihc if row is not None else None
    tpm = row.abcb1_tpm if row is not None else None
    if mechanism == ON_TARGET:
        note = "Not indicated: a known ALK resistance mutation explains resistance."
        return PgpAssessment(PGP_NOT_INDICATED, "not_applicable", note, (), not_affected, ihc, tpm, ())
    if alk_negative:
        note = "Not indicated: the sample sheet gives the tumour as ALK-negative."
        return PgpAssessment(PGP_NOT_INDICATED, "not_applicable", note, (), not_affected, ihc, tpm, ())
    if alk_unestablished:
        note = ("Not indicated: ALK positivity is not established (SV calls cover this sample and none joins ALK; "
                "the sample sheet gives no positive ALK status). The P-gp question applies to ALK-positive "
                "tumours that progressed on an ALK inhibitor.")
        return PgpAssessment(PGP_NOT_INDICATED, "not_applicable", note, (), not_affected, ihc, tpm, ())
    ihc_known = ihc in ("positive", "negative")
    ask = "" if ihc_known else " Check P-gp by IHC."
    if history is None:
        then = "P-gp (ABCB1) is the next question" if ihc_known else "check P-gp (ABCB1) by IHC"
        note = (f"If the patient progressed on an ALK inhibitor: no ALK resistance mutation was found, so "
                f"{then}; P-gp pumps out {_names(substrates)} and does not affect "
                f"{_names(not_affected)} {_cite(kb, sources)}. Treatment history is not in the sample sheet.")
        return PgpAssessment(PGP_IF_PROGRESSED, "no_history", _with_ihc(kb, note, ihc, tpm, sources),
                             (), not_affected, ihc, tpm, sources)
    if not history:
        note = "Not indicated: the sample sheet records no progression on an ALK inhibitor."
        return PgpAssessment(PGP_NOT_INDICATED, "not_applicable", note, (), not_affected, ihc, tpm, ())
    # the most recent progression decides how strong the P-gp question is; earlier drugs are context
    latest = history[-1]
    on_substrate = tuple(d for d in history if d in substrates)
    earlier = tuple(d for d in on_substrate if d != latest)
    if latest in substrates:
        context = "after_substrate"
        lead = (f"Progressed most recently on {latest}, which P-gp (ABCB1) pumps out: P-gp overexpression is a "
                f"documented mechanism of resistance to {_names(substrates)} {_cite(kb, sources)}." + ask)
    elif info[latest].pgp_substrate not in ("yes", "no"):
        context = "substrate_unknown"
        lead = (f"Progressed most recently on {latest}; whether P-gp pumps out {latest} is not established "
                f"in the knowledge base. P-gp affects {_names(substrates)} {_cite(kb, sources)}." + ask)
    else:
        context = "after_non_substrate"
        lead = (f"Progressed most recently on {latest}, which P-gp does not affect {_cite(kb, sources)}: P-gp "
                "efflux is a less likely explanation for this progression (the evidence is preclinical)" + ("" if ihc_known or not earlier else
                "; P-gp IHC still tells whether it contributed to an earlier one") + ". Look first at the "
                "off-target list.")
    if earlier:
        lead += f" Earlier progression on {_names(earlier)} (P-gp substrates) is in the history."
    untried = tuple(d for d in not_affected if d not in history)
    tried = tuple(d for d in not_affected if d in history)
    options = ""
    if untried:
        options = (f" Options P-gp does not affect (shown in cell and mouse models), not yet given: "
                   f"{_names(untried)} {_cite(kb, sources)}.")
    if tried:
        options += f" Already given (P-gp does not affect them, but the patient progressed on them): {_names(tried)}."
    combo = _combination_note(kb)
    note = lead + " " + statement(kb, "pgp_frequency") + options + combo
    if any(o.gene == "ABCB1" for o in off_target):
        note += " " + statement(kb, "pgp_not_from_vcf")
    return PgpAssessment(PGP_RECOMMENDED, context, _with_ihc(kb, note, ihc, tpm, sources), on_substrate,
                         not_affected, ihc, tpm, sources)


@lru_cache(maxsize=None)
def _statements() -> dict[str, dict[str, str]]:
    return {row["key"]: row for row in read_tsv("triage", "statements.tsv")}


def statement(kb, key: str) -> str:
    """A sourced sentence from resources/triage/statements.tsv, with its citation."""
    row = _statements()[key]
    text = row["statement"]
    return f"{text[0].upper()}{text[1:]} {_cite(kb, _split_sources(row['sources']))}."


def statement_sources(key: str) -> tuple[str, ...]:
    return _split_sources(_statements()[key]["sources"])


def _combination_note(kb) -> str:
    return " " + statement(kb, "pgp_combination")


def _with_ihc(kb, note: str, ihc: str | None, tpm: float | None, sources) -> str:
    if ihc == "positive":
        note += " ABCB1 (P-gp) IHC is already positive (sample sheet), so it need not be requested again."
    elif ihc == "negative":
        note += " ABCB1 (P-gp) IHC is already negative (sample sheet): P-gp efflux is unlikely; look at the off-target list."
    if tpm is not None:
        note += (f" ABCB1 expression {tpm:g} TPM (the knowledge base has no validated expression cut-off; "
                 "IHC is the documented test).")
    return note


def _names(names) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names) or "none"
    return ", ".join(names[:-1]) + " and " + names[-1]


# ---------------------------------------------------------------- one sample
def _fusion_for(survey, sample: str, context: SampleContext, row: SheetRow | None):
    from .fusion import FusionResult, sample_fusion_status
    result = survey.fusion_result or FusionResult({}, ())
    sv_seen = bool(getattr(survey, "sv_seen", False)) and (context.sv_samples is None or sample in context.sv_samples)
    tables_seen = bool(getattr(survey, "tables_seen", False)) and (
        context.table_samples is None or sample in context.table_samples)
    external = row.alk_status_text if row is not None and row.alk_status == "positive" else None
    status, calls = sample_fusion_status(sample, result, sv_seen, tables_seen, external)
    recorded = dict(context.recorded_fusion).get(sample)
    if status in ("not_assessed", "positive_external") and recorded not in (None, "not_assessed", status):
        # `alkannot report` on an annotated VCF: the SV evidence of the annotate run is not in this file
        if status == "not_assessed" or recorded in ("positive", "possible"):
            status = recorded
    return status, calls


def _describe_call(call, sample: str) -> str:
    evidence = [e for e in call.evidence if not e.support or "" in e.support
                or any(n > 0 for n in (e.support.get(sample) or {}).values())]
    kinds = sorted({e.kind for e in evidence})
    where = "; ".join(dict.fromkeys(f"{e.kind}: {_short(e.source)}" + _support_text(e, sample)
                                    + (f" ({e.note})" if e.note else "") for e in evidence))
    variant = f" {call.variant}" if call.variant not in (".", "", None) else ""
    return f"{call.fusion}{variant} [{call.status}; kinase {call.kinase}; {call.breakpoint}; {where or '/'.join(kinds)}]"


def _support_text(evidence, sample: str) -> str:
    """Read support as the caller names it (Manta PR/SR, DELLY DV/RV, GRIDSS VF, Arriba split_reads1...)."""
    counts = (evidence.support or {}).get(sample) or (evidence.support or {}).get("") or {}
    return (" " + " ".join(f"{k}={v}" for k, v in counts.items())) if counts else ""


def _short(path: str) -> str:
    return "input VCF" if path == "input" else str(path).rsplit("/", 1)[-1]


def sample_verdict(survey, sample: str, role: str, context: SampleContext, kb) -> SampleVerdict:
    row = context.sheet.get(sample) if context.sheet is not None else None
    mutations = sample_mutations(survey, sample, context.min_vaf)
    grouping = group_compound(mutations)
    compound, compound_call = None, None
    if grouping is not None:
        changes, phase, method = grouping
        compound_call = kb.call_compound(list(changes), phase=phase)
        compound = Compound(changes, phase, method, compound_call.resistance,
                            getattr(compound_call, "compound_rule", "") or "")
    fusion, calls = _fusion_for(survey, sample, context, row)
    best = next((c for c in calls if c.status == "positive"), calls[0] if calls else None)
    fusion_call = None
    if best is not None or fusion == "positive_external":
        partner = best.partner if best is not None and best.partner != "UNKNOWN" else "EML4"
        variant = best.variant if best is not None and best.variant not in (".", "") else None
        fusion_call = kb.call_fusion(partner=partner, variant=variant)
    progressed = row.progressed_on if row is not None and row.progressed_on else ()
    off_target = off_target_candidates(survey, sample)
    mechanism = mechanism_of(mutations, compound, off_target)
    alk_negative = row is not None and row.alk_status == "negative" and fusion not in ("positive", "possible")
    known_mutation = any(m.passed and m.resistance == "known" for m in mutations)
    alk_unestablished = (fusion == "negative" and not known_mutation
                         and (row is None or row.alk_status != "positive"))
    pgp = pgp_assessment(kb, row, mechanism, alk_negative, off_target, alk_unestablished)
    notes = _notes(mutations, fusion, row, context)
    if fusion == "positive_external" and _fusion_evidence_seen(survey, sample, context):
        notes.append(f"Discordant: the SV calls / fusion tables that cover this sample show no ALK fusion, but the "
                     f"sample sheet gives {row.alk_status_text}; check the assays (a DNA SV caller can miss a "
                     "fusion that IHC/FISH/RNA shows).")
    if mechanism in (OFF_TARGET, UNEXPLAINED) and progressed:
        notes.append(statement(kb, "mutation_negative_lorlatinib"))
    return SampleVerdict(
        sample=sample, source=survey.display, build=survey.build, role=role, fusion=fusion,
        fusion_calls=tuple(_describe_call(c, sample) for c in calls),
        alk_status=row.alk_status_text if row is not None else None,
        progressed_on=row.progressed_on if row is not None else None,
        mutations=tuple(mutations), compound=compound,
        inhibitors=combined_calls(kb, mutations, compound, compound_call, fusion_call, progressed),
        mechanism=mechanism, pgp=pgp, off_target=tuple(off_target), notes=tuple(notes),
        extra=row.extra if row is not None else (), kb_version=str(getattr(kb, "version", "")))


def _fusion_evidence_seen(survey, sample: str, context: SampleContext) -> bool:
    sv = bool(survey.sv_seen) and (context.sv_samples is None or sample in context.sv_samples)
    tables = bool(survey.tables_seen) and (context.table_samples is None or sample in context.table_samples)
    return sv or tables


def _notes(mutations: list[AlkMutation], fusion: str, row: SheetRow | None, context: SampleContext) -> list[str]:
    notes = []
    for m in mutations:
        if m.low_vaf:
            notes.append(f"{m.protein_change} at VAF {m.vaf:.3f} is below --min-vaf {context.min_vaf:g}: "
                         "subclonal or low-level; reported, not dropped. A resistance mutation only at low level makes on-target "
                         "resistance possible but does not establish it, so the P-gp question stays open.")
        if not m.passed:
            notes.append(f"{m.protein_change} failed the caller's filter ({m.filter}); listed, not used for the verdict.")
    if fusion == "not_assessed":
        notes.append("Fusion not assessed: no SV calls or fusion table cover this sample; a DNA VCF alone may "
                     "lack the fusion record.")
    if row is None and context.sheet is not None:
        notes.append("Not in the sample sheet: treatment history, ALK status and ABCB1 unknown.")
    return notes


def sample_verdicts(survey, context: SampleContext, kb=None) -> list[SampleVerdict]:
    """The verdict of every analysed sample of one surveyed VCF (pure: no I/O)."""
    if kb is None:
        from .knowledge import load_knowledge_base
        kb = load_knowledge_base()
    samples, role, _ = analysed_samples(survey, context.tumor, context.tumours, context.normals)
    if not samples:  # sites-only VCF: one pseudo-sample named after the file
        samples, role = [survey.display.rsplit("/", 1)[-1]], "sites_only"
    return [sample_verdict(survey, s, role, context, kb) for s in samples]


# ---------------------------------------------------------------- ##alkannotSample header lines
def _header_value(value: str) -> str:
    """A value safe inside a VCF structured header line: quoted when it holds , ; = < > or spaces."""
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{value}"' if re.search(r'[,;=<>\s"]', value) or value == "" else value


def header_lines(verdicts: list[SampleVerdict]) -> list[str]:
    lines = []
    for v in verdicts:
        mutations = "+".join(m.protein_change + ("(low_vaf)" if m.low_vaf else "")
                             for m in v.mutations if m.passed) or "none"
        if v.compound is not None:
            mutations += f"({v.compound.phase})"
        fields = [("ID", v.sample), ("Fusion", v.fusion), ("AlkMutations", mutations),
                  ("Mechanism", v.mechanism), ("PgpCheck", v.pgp.check)]
        lines.append("##alkannotSample=<" + ",".join(f"{k}={_header_value(str(val))}" for k, val in fields) + ">")
    return lines


def context_from_options(survey, options) -> SampleContext:
    """Gather the inputs of a verdict that are not in the survey (the sample sheet) from annotate options."""
    from .samplesheet import read_sample_sheet
    sheet = read_sample_sheet(options.samples_path) if getattr(options, "samples_path", None) else None
    return SampleContext(tumor=options.tumor, min_vaf=options.min_vaf, sheet=sheet,
                         sv_samples=survey.sv_samples,
                         table_samples=table_samples(getattr(options, "fusion_paths", ())),
                         tumours=survey.tumor_headers, normals=survey.normal_headers)


def table_samples(fusion_paths) -> frozenset[str] | None:
    """Samples named by `--fusions SAMPLE=PATH`; None when any table is given without a sample."""
    import os
    names = set()
    for spec in fusion_paths:
        if os.path.exists(spec) or "=" not in spec:
            return None
        names.add(spec.split("=", 1)[0])
    return frozenset(names)


def sample_header_lines(survey, options) -> list[str]:
    """The annotator's hook: one ##alkannotSample line per analysed sample."""
    context = context_from_options(survey, options)
    if context.sheet is not None and survey.samples:
        stray = sorted(set(context.sheet.rows) - set(survey.samples))
        if stray and not set(context.sheet.rows) & set(survey.samples):
            log.warning("%s: no sample of the sample sheet %s is in this VCF (sheet: %s; VCF: %s)", survey.display,
                        context.sheet.path, ", ".join(stray[:10]), ", ".join(survey.samples[:10]))
    verdicts = sample_verdicts(survey, context)
    return header_lines(verdicts)


__all__ = ["SampleContext", "SampleVerdict", "AlkMutation", "InhibitorVerdict", "Compound", "OffTarget",
           "PgpAssessment", "sample_verdicts", "sample_verdict", "header_lines", "sample_header_lines",
           "analysed_samples", "carries", "allele_vaf", "group_compound", "context_from_options"]
