"""A mutation's flags and a compound's undetermined phase: one machine token and one phrase per concept, defined here
once, so that every output says the same thing the same way (review of stop 46, item a: `low_vaf` in the VCF and
JSON beside "subclonal/low", "subclonal/low-level" and "subclonal or low-level" in the report; `phase_unknown` in
ALK_COMPOUND beside "phase not determined" in the TSV and HTML and "(phase unknown)" in the notes).

A token is what a program reads: the JSON's keys and values, the ##alkannotSample AlkMutations flags, the TSV's
alk_mutations flags, ALK_COMPOUND's phase. A phrase is what a person reads: the HTML, the notes, a call's basis, the
MultiQC table. README's TSV column table gives each token with its phrase."""

from __future__ import annotations

# below --min-vaf (JSON alk_mutations[].low_vaf): reported, not dropped; the call it decides is marked `subclonal`
LOW_VAF = "low_vaf"
LOW_VAF_WORDS = "subclonal or low-level"
# the matched normal carries the change (JSON alk_mutations[].in_normal)
GERMLINE = "germline"
GERMLINE_WORDS = "germline: in the matched normal"
# a known resistance mutation the matched normal carries too: not called germline until the normal is checked
# (tumour in the normal, or a sample mix-up; sample_notes.known_in_normal)
IN_NORMAL_TOO = "in_normal_too:check"
IN_NORMAL_TOO_WORDS = "in the matched normal too: check for tumour in the normal or a sample mix-up"
# stop-gained, frameshift or start-lost (JSON alk_mutations[].truncating; RULES.md section 5)
TRUNCATING = "truncating"
TRUNCATING_WORDS = "truncating: not a resistance candidate"
# REF disagrees with the bundled reference (JSON alk_mutations[].ref_mismatch; the VCF's ALK_REF_MISMATCH)
REF_MISMATCH = "REF_MISMATCH"
REF_MISMATCH_WORDS = "REF disagrees with the reference: no call"
# a compound whose parts' phase the input does not determine: ALK_COMPOUND's token, where a bare '(unknown)' after a
# compound would read as a drug call; the JSON's compound.phase says it `unknown`, a value of a field named phase,
# kept so that no reader of that contract's enum breaks (voc47: one concept, the two written in each place's own way)
PHASE_UNKNOWN = "phase_unknown"
PHASE_UNKNOWN_WORDS = "phase not determined"

WORDS = {
    LOW_VAF: LOW_VAF_WORDS,
    GERMLINE: GERMLINE_WORDS,
    IN_NORMAL_TOO: IN_NORMAL_TOO_WORDS,
    TRUNCATING: TRUNCATING_WORDS,
    REF_MISMATCH: REF_MISMATCH_WORDS,
    PHASE_UNKNOWN: PHASE_UNKNOWN_WORDS,
}


def filter_flag(filters: str) -> str:
    """'FILTER=normal_artifact,weak_evidence': a failed record's FILTER, its ';' written ',' (';' separates the
    list entries of the TSV cell and of AlkMutations)."""
    return "FILTER=" + "_".join(filters.replace(";", ",").split())


def mutation_flags(
    *, truncating: bool, low_vaf: bool, failed_filter: str | None, ref_mismatch: bool, normal: str | None
) -> list[str]:
    """A change's flags as tokens, in one order: TRUNCATING, LOW_VAF, FILTER=..., REF_MISMATCH, and GERMLINE or
    IN_NORMAL_TOO (`normal`); `failed_filter` is the FILTER of a record that failed it, None for PASS or '.'."""
    out = [TRUNCATING] if truncating else []
    out += [LOW_VAF] if low_vaf else []
    out += [filter_flag(failed_filter)] if failed_filter else []
    out += [REF_MISMATCH] if ref_mismatch else []
    return out + ([normal] if normal else [])


def words(flag: str) -> str:
    """The phrase of a token (a FILTER=... flag is its own phrase)."""
    return WORDS.get(flag, flag)
