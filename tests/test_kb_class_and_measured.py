"""Clinical review 9, findings 8 and 10, through the installed CLI: L1198F alone, whose only statement is
crizotinib-sensitive, is not a `known` resistance change; and `lookup` prints a measurement as its item gives it,
with the item's own verdict, and labels the 4-10-fold grade as alkannot's, from PMID 25727400 (an alectinib paper)."""

from __future__ import annotations

import csv
import subprocess

from helpers import ALKANNOT


def _lookup(alteration: str) -> str:
    run = subprocess.run([ALKANNOT, "lookup", alteration], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout


def _row(out: str, inhibitor: str) -> str:
    return next(line for line in out.splitlines() if line.split()[:1] == [inhibitor])


# -- finding 8 ---------------------------------------------------------------------------------------------------
def test_l1198f_alone_is_not_a_known_resistance_change(tmp_path):
    """GRCh38 chr2:29220759 G>A is p.L1198F (NM_004304.5). L1 progressed on crizotinib (L1198F: sensitive, does not
    explain it), L2 on lorlatinib (no call for L1198F alone: on-target only possible)."""
    vcf = tmp_path / "l1198f.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tL1\tL2\n"
        "chr2\t29220759\t.\tG\tA\t.\tPASS\t.\tGT:AD\t0/1:70,30\t0/1:70,30\n"
    )
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nL1\tpositive:IHC\tcrizotinib\nL2\tpositive:IHC\tlorlatinib\n")
    out = tmp_path / "o.vcf"
    run = subprocess.run(
        [
            ALKANNOT,
            "-q",
            "annotate",
            str(vcf),
            "--samples",
            str(sheet),
            "-o",
            str(out),
            "--report",
            str(tmp_path / "r"),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    query = subprocess.run(
        ["bcftools", "query", "-f", "%ALK_HGVSP %ALK_RESISTANCE %ALK_CRIZOTINIB %ALK_LORLATINIB\n", str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert query == "p.L1198F residue sensitive unknown\n"
    header = subprocess.run(["bcftools", "view", "-h", str(out)], capture_output=True, text=True, check=True).stdout
    assert (
        "residue (other change at a known resistance residue, or one whose own statements are of sensitivity only, "
        # which drug the compound resists (fresh-eyes review rev46: 'resistant' alone named none)
        "e.g. L1198F, resistant to lorlatinib only in the compound C1156Y+L1198F)"
    ) in header
    rows = {r["sample"]: r for r in csv.DictReader(open(tmp_path / "r.tsv"), delimiter="\t")}
    assert rows["L1"]["alk_mutations"] == "L1198F(residue VAF=0.300)"
    # its own crizotinib call decides: it does not explain the progression (not a change of unknown significance)
    assert (rows["L1"]["mechanism"], rows["L1"]["pgp_check"]) == ("unexplained", "recommended")
    assert "L1198F is present, but the knowledge base calls it sensitive to crizotinib" in rows["L1"]["notes"]
    assert (rows["L2"]["mechanism"], rows["L2"]["pgp_check"]) == ("on_target_possible", "low_yield")
    assert (
        "L1198F, which has no genotype-based lorlatinib call in the knowledge base, is present"
        in rows["L2"]["pgp_note"]
    )


def test_lookup_l1198f_says_why_it_is_not_known():
    out = _lookup("L1198F")
    assert out.splitlines()[0] == (
        "# L1198F  resistance class: residue (statements in the knowledge base, but none of resistance to any "
        "inhibitor on this change alone: no resistance call for it on its own; its residue is in a known resistance "
        "alteration, whose calls do not apply to this change)"
    )
    assert _row(out, "crizotinib").split()[1] == "sensitive"  # its own statements still give the call
    # the compound keeps its class and calls
    compound = _lookup("C1156Y+L1198F")
    assert compound.startswith("# C1156Y+L1198F  resistance class: known ")
    assert _row(compound, "lorlatinib").split()[1] == "resistant"


# -- finding 10 --------------------------------------------------------------------------------------------------
def test_lookup_prints_a_measurement_with_its_own_verdict_and_labels_the_band_as_alkannots():
    row = _row(_lookup("C1156Y"), "crizotinib")
    assert row.split()[1] == "resistant"
    assert (
        "IC50 177 nM, 9.3x WT [EID1346; CIViC: resistance], alkannot's grade (4-10-fold band of PMID 25727400): "
        "intermediate (the band's source calls it resistant)  "  # clinical read of stop 43, finding 12
    ) in row
    assert "within 4-10-fold -> intermediate [EID1346]" not in row
    # the call's note names the band's source, not 'the source' of the measurement, and, the call being resistant,
    # gives the measurement in that source's word, not alkannot's grade (clinical reading of stop 41, finding 11)
    assert (
        "9.3x WT within the 4-10-fold band that PMID 25727400 defines (for alectinib, in Ba/F3 cells) and calls "
        "resistant (EML4-ALK v3;"
    ) in row


def test_lookup_json_gives_the_items_verdict_and_the_bands_source():
    import json

    run = subprocess.run([ALKANNOT, "lookup", "--json", "C1156Y"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    (entry,) = json.loads(run.stdout)["results"]
    (m,) = entry["calls"]["crizotinib"]["measurements"]
    assert (m["source"], m["source_says"], m["fold_vs_wt"]) == ("EID1346(PMID:24675041)", "CIViC: resistance", 9.3)
    assert (m["grade"]["category"], m["grade"]["band_source"]) == ("intermediate", "PMID 25727400")
