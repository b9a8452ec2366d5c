"""Base-level review of stop 36 (an independent genomic <-> c. mapping from shared/reference, both builds): an
indel the 3' rule moves onto an exon/intron junction keeps the protein change of its equivalent placement inside
the exon (finding 1; not one the rule writes on an essential splice base, c.3938+1del), a frameshift whose new codon runs into the 3' UTR is a frameshift and, where its known
bases start no stop codon, a stop loss (finding 2), and the last base of the transcript on GRCh38 is read
(finding 3: pysam's 0-based end against the 1-based window). The expected values are the reviewer's own
computation, not alkannot's."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run

DATA = Path(__file__).parent / "data" / "review36"
EXPECTED = {  # ID: (ALK_HGVSC, ALK_HGVSP, ALK_CONSEQUENCE, ALK_REGION)
    "bd_dup_last_ex27": ("c.4073dup", "p.Y1359Ifs*13", "frameshift_variant&splice_region_variant", "kinase_domain"),
    "b_ins3_c3357": ("c.3357_3359dup", "p.R1120dup", "inframe_insertion&splice_region_variant", "kinase_domain"),
    "b_ins3_c4162": ("c.4162_4164dup", "p.Q1388dup", "inframe_insertion&splice_region_variant", None),
    # exon 4's intron flank is not bundled either: the insertion may lie past the junction (p.? as before)
    "b_ins3_c1152": ("c.1154_1154+1insAGG", "p.?", "splice_region_variant&coding_sequence_variant", "MAM_domain_1"),
    "b_del1_c4855": ("c.4857del", "p.?", "frameshift_variant&stop_lost", None),
    "utr3_c*450": ("c.*450T>C", None, "3_prime_UTR_variant", None),
    # the 3' rule puts these on the donor's +1 base: the splice site is altered, no protein change is predicted
    "bd_del_last_ex26": ("c.3938+1del", None, "splice_donor_variant", None),
    "bd_dup_last_ex26": ("c.3938+1dup", None, "splice_donor_variant", None),
    # wholly past the junction, +1/+2 intact: a second donor may be used, no protein change is predicted (review of
    # that change, finding 1)
    "dup_4072_4073p3": (
        "c.4072_4073+3dup",
        None,
        "splice_region_variant&splice_donor_region_variant&intron_variant",
        None,
    ),
    "dup_p2_p5": (
        "c.4073+2_4073+5dup",
        None,
        "splice_donor_5th_base_variant&splice_region_variant&splice_donor_region_variant&intron_variant",
        None,
    ),
    # exon 19's intron flank is not bundled: where the 3' rule puts a dup of its last base is not known (finding 2)
    "dup_last_ex19": ("c.3172dup", "p.?", "splice_region_variant&coding_sequence_variant", None),
}


def _info(line: str) -> dict[str, str]:
    return dict(f.split("=", 1) if "=" in f else (f, "") for f in line.split("\t")[7].split(";"))


@pytest.mark.parametrize("build", ["GRCh37", "GRCh38"])
def test_junction_indels_frameshift_into_the_utr_and_the_transcript_ends(build):
    result = run("-q", "annotate", str(DATA / f"hgvs_edges_{build}.vcf"), "--build", build, text=True)
    assert result.returncode == 0, result.stderr
    got = {}
    for line in result.stdout.splitlines():
        if not line.startswith("#") and "VID=" in line:
            info = _info(line)
            got[info["VID"]] = tuple(info.get(k) for k in ("ALK_HGVSC", "ALK_HGVSP", "ALK_CONSEQUENCE", "ALK_REGION"))
    assert got == EXPECTED


def test_a_kinase_domain_frameshift_at_an_exon_end_is_a_kinase_domain_vus():
    result = run("-q", "annotate", str(DATA / "hgvs_edges_GRCh38.vcf"), "--build", "GRCh38", text=True)
    line = next(x for x in result.stdout.splitlines() if "VID=bd_dup_last_ex27" in x)
    assert _info(line)["ALK_RESISTANCE"] == "kinase_domain_vus"


@pytest.mark.parametrize("build", ["GRCh37", "GRCh38"])
def test_shift_3prime_names_a_deletions_reference_bases_whatever_the_case_of_ref(build):
    """The 3' shift was refactored onto equivalent_placements: a lower-case REF still comes back as the reference's
    bases, as before (review of the change, finding 6b), for every 1-4 base deletion in the bundled sequence."""
    from alkannot.consequence import Allele, shift_3prime
    from alkannot.transcript import load_transcript

    tx = load_transcript(build)
    for start in sorted(tx.known_bases)[::7]:
        for length in range(1, 5):
            ref = tx.ref_seq(start, start + length - 1)
            if ref:
                upper = shift_3prime(tx, Allele(start, start + length - 1, ref, ""))
                assert shift_3prime(tx, Allele(start, start + length - 1, ref.lower(), "")) == upper
                assert upper.ref == tx.ref_seq(upper.start, upper.end)
