"""What the bracketed words in the HTML card's fusion calls and table of ALK mutations mean: a fusion call's bracket
(status, kinase, breakpoints, evidence and read support), the FORMAT field a VAF was read from ('0.300 (AF)') and a
read-backed phase set ('phase set 29220747 (read-backed), haplotype 2'): one legend line each, in the words of the
legend under the inhibitor table, for the brackets the card shows (clinical review of stop 49, task 2: the card printed
them with no legend)."""

from __future__ import annotations

# how genotype.allele_vaf computed a VAF from each FORMAT field it reads (genotype.VAF_SOURCES)
VAF_SOURCE_WORDS = {
    "AF": "the caller's allele fraction (FORMAT AF)",
    "AD": "this allele's reads over all reads in the allelic depths (FORMAT AD)",
    "VAF": "the caller's allele fraction (FORMAT VAF)",
    "FREQ": "the caller's allele frequency (FORMAT FREQ)",
    "AO": "FreeBayes' alternate-allele observations over reference plus alternate ones (FORMAT AO, RO)",
    "AU": "Strelka2's tier-1 counts of this base over reference plus this base (FORMAT AU)",
    "CU": "Strelka2's tier-1 counts of this base over reference plus this base (FORMAT CU)",
    "GU": "Strelka2's tier-1 counts of this base over reference plus this base (FORMAT GU)",
    "TU": "Strelka2's tier-1 counts of this base over reference plus this base (FORMAT TU)",
    "TIR": "Strelka2's tier-1 indel reads over reference plus indel reads (FORMAT TIR, TAR)",
}

PHASE_SET_WORDS = (
    "Phase set N (read-backed) = the caller phased the change from reads (FORMAT PS); haplotype 1 or 2 is the side of "
    "the phased genotype it is on: two changes of one phase set on the same haplotype are in cis, on different ones in "
    "trans"
)


# the bracket after a fusion call on the card (sample._describe_call: status; kinase; breakpoints; evidence and support)
FUSION_WORDS = (
    "Brackets after a fusion: its status (positive, or possible: the input does not establish it, the bracket or the "
    "notes say why); kinase retained (ALK's kinase domain is on the fusion's 3' side), reciprocal (only the junction "
    "without ALK's kinase is in the input) or unclear; the partner's and ALK's breakpoints; the evidence (DNA: the SV "
    "file; RNA: the fusion table) with the read support its caller gives, in the caller's own field names (e.g. "
    "Manta's PR, spanning read pairs, and SR, split reads)."
)


def fusion_legend(calls: list[str]) -> str:
    """FUSION_WORDS where the card lists a fusion call with its bracket, '' otherwise."""
    return FUSION_WORDS if any("[" in c for c in calls) else ""


def mutation_legend(mutations: list[dict]) -> list[str]:
    """One line per bracket the card's mutation table shows: the VAF's source, for each FORMAT field the rows read
    (in genotype.VAF_SOURCES' order), and a read-backed phase set; [] where the table shows none."""
    shown = {m.get("vaf_source") for m in mutations if m.get("vaf") is not None}
    lines = [f"VAF ({key}) = {VAF_SOURCE_WORDS[key]}" for key in VAF_SOURCE_WORDS if key in shown]
    if any(str(m.get("phase_set") or "").startswith("PS:") for m in mutations):
        lines.append(PHASE_SET_WORDS)
    return lines


__all__ = ["FUSION_WORDS", "PHASE_SET_WORDS", "VAF_SOURCE_WORDS", "fusion_legend", "mutation_legend"]
