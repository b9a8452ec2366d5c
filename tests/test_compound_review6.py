"""Compounds after the clinical review's sixth reading (findings 1, 3, 4 and 11). VCFs are written to tmp_path the
way the reviewer's inputs were (Mutect2 tumour-only, GRCh38 `chr2` or GRCh37 `2`) and run through the installed CLI.

Finding 1: an activating-only variant (R1275Q, R1192P) forms no compound, and an inferred compound call says a
part's call from other contexts as such and does not cite it for a call of the other direction.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from helpers import annotated_report

from alkannot.compound_rule import least_favourable
from alkannot.evidence import InhibitorCall, Statement, combine
from alkannot.kbfiles import load_knowledge_base

HEADER38 = """##fileformat=VCFv4.2
##source=Mutect2 tumour-only
##reference=file:///ref/Homo_sapiens_assembly38.fasta
##contig=<ID=chr2,length=242193529>
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">
##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phase set">
"""
HEADER37 = HEADER38.replace("Homo_sapiens_assembly38.fasta", "human_g1k_v37.fasta").replace(
    "ID=chr2,length=242193529", "ID=2,length=243199373"
)
# the class statements' opening, in clinical words (stop 48 review: it was "class statement, no call:")
GROUP = "a statement about compound ALK mutations as a group, not a call on this mutation"
COLUMNS = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT"


def _write(tmp_path: Path, header: str, samples: list[str], records: list[str], sheet: list[str]) -> tuple[Path, Path]:
    vcf = tmp_path / "in.vcf"
    vcf.write_text(header + "\t".join([COLUMNS, *samples]) + "\n" + "\n".join(records) + "\n")
    tsv = tmp_path / "samples.tsv"
    tsv.write_text("sample\talk_status\tprogressed_on\n" + "\n".join(sheet) + "\n")
    return vcf, tsv


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


# ---------------------------------------------------------------- finding 1
def _activating_run(tmp_path: Path, *extra: str) -> dict:
    vcf, tsv = _write(
        tmp_path,
        HEADER38,
        ["R1_T", "R2_T"],
        [  # R1275Q (chr2:29209798 C>T), G1202R (chr2:29220747 C>G)
            "chr2\t29209798\t.\tC\tT\t.\tPASS\t.\tGT:AD:AF\t0/1:100,100:0.5\t0/1:140,60:0.3",
            "chr2\t29220747\t.\tC\tG\t.\tPASS\t.\tGT:AD:AF\t0/1:140,60:0.3\t0/1:140,60:0.3",
        ],
        ["R1_T\tpositive:IHC\talectinib", "R2_T\tpositive:IHC\talectinib"],
    )
    document, _ = annotated_report(vcf, tsv, tmp_path / "act", *extra)
    return {s["sample"]: s for s in document["samples"]}


def test_an_activating_variant_forms_no_compound_and_g1202r_keeps_its_own_calls(tmp_path):
    """G1202R + R1275Q after alectinib (review finding 1): G1202R's lorlatinib `sensitive` [LIN17T2] stands, no
    neuroblastoma item (EID143, EID1269, EID1270, SCHO11, EID1331) is cited, R1275Q is listed with its own note."""
    for extra in (("--min-vaf", "0.05"), ()):
        samples = _activating_run(tmp_path, *extra)
        for name in ("R1_T", "R2_T"):
            s = samples[name]
            assert s["compound"] is None
            lorlatinib = s["inhibitors"]["lorlatinib"]
            assert (lorlatinib["category"], lorlatinib["basis"], lorlatinib["inferred"]) == (
                "sensitive",
                "G1202R",
                False,
            )
            assert "LIN17T2" in lorlatinib["sources"]
            cited = {x.split("(")[0] for i in s["inhibitors"].values() for x in i["sources"]}
            assert not cited & {"EID143", "EID1269", "EID1270", "SCHO11", "EID1331"}
            assert s["inhibitors"]["crizotinib"]["category"] == "resistant"
            assert s["mechanism"] == "on_target"  # G1202R is alectinib-resistant
            assert (
                "R1275Q is an activating ALK variant (its statements are about ALK activation, e.g. in neuroblastoma); "
                "it is not counted as a resistance mutation." in s["notes"]
            )
            assert [m["resistance"] for m in s["alk_mutations"]] == ["activating", "known"]


def test_an_activating_variant_beside_a_vus_forms_no_compound_grch37(tmp_path):
    """R1192P + L1240V (GRCh37, contig 2) after crizotinib: no 'R1192P sensitive' from SCHO11 in an inferred call."""
    vcf, tsv = _write(
        tmp_path,
        HEADER37,
        ["P11_T"],
        [
            "2\t29436875\t.\tA\tC\t.\tPASS\t.\tGT:AD:AF\t0/1:100,98:0.495",  # L1240V
            "2\t29443642\t.\tC\tG\t.\tPASS\t.\tGT:AD:AF\t0/1:100,97:0.49",  # R1192P
        ],
        ["P11_T\tpositive:IHC\tcrizotinib"],
    )
    document, page = annotated_report(vcf, tsv, tmp_path / "to")
    s = document["samples"][0]
    assert s["compound"] is None
    assert {i["basis"] for i in s["inhibitors"].values()} == {"L1240V"}
    assert "SCHO11" not in {x for i in s["inhibitors"].values() for x in i["sources"]}
    assert "R1192P sensitive" not in _text(page)


def test_the_knowledge_base_leaves_an_activating_variant_out_of_a_compound():
    """`lookup G1202R+R1275Q` gives G1202R's own calls, as `lookup G1202R+T1211Pfs*47` does."""
    kb = load_knowledge_base()
    call = kb.call_compound(["G1202R", "R1275Q"], phase="unknown")
    assert call.alteration == "G1202R" and call.compound_rule is None
    assert call.calls["lorlatinib"].category == "sensitive"
    assert call.calls["lorlatinib"].sources == kb.call_variant("G1202R", None, True).calls["lorlatinib"].sources


def _neuroblastoma(category: str) -> InhibitorCall:
    return combine(
        [
            Statement(
                "X1",
                "crizotinib",
                category,
                "preclinical",
                ("NB1",),
                disease="neuroblastoma",
                background="full-length ALK",
            )
        ]
    )


def test_an_other_context_part_is_said_as_such_and_not_cited_for_the_other_direction():
    """A part whose call rests on other contexts only: '(other context)' in the note, as `lookup` says it; its sources
    are not cited for a compound call it does not set; a call it sets alone is marked as resting on other contexts."""
    nsclc = combine([Statement("G1", "crizotinib", "resistant", "preclinical", ("LAB1",))])
    other = _neuroblastoma("sensitive")
    assert other.context == "other" and nsclc.context == "nsclc"
    call = least_favourable({"G1": nsclc, "X1": other})
    assert call.category == "resistant" and call.context == ""
    assert call.sources == ("LAB1",)
    # each part's call keeps its own sources in the note, bracketed; only the part that sets the call is cited for it
    # each with the table's evidence mark too, in the table's order (stop 53): both rest on preclinical statements
    assert (
        "(G1 resistant (preclinical only) [LAB1]; X1 sensitive (preclinical only) (other context) [NB1])" in call.note
    )
    # the other-context part sets the call: cited, and the call marked as resting on other contexts
    call = least_favourable({"G1": combine([Statement("G1", "crizotinib", "sensitive", "preclinical", ("LAB1",))]),
                             "X1": _neuroblastoma("resistant")})  # fmt: skip
    assert (call.category, call.context) == ("resistant", "other")
    # only the part that sets it is cited; the sensitive part's source is in the note with its call (review 12, 9)
    assert call.sources == ("NB1",)
    assert call.note.startswith(
        "no statement about ALK-positive NSCLC for the part that sets it; inferred, least favourable"
    )
    assert (
        "(G1 sensitive (preclinical only) [LAB1]; X1 resistant (preclinical only) (other context) [NB1])" in call.note
    )


# ---------------------------------------------------------------- finding 3
def _bulk_run(tmp_path: Path, *extra: str) -> tuple[dict, str, list[dict]]:
    """RS1: C1156Y 30% + L1198F 2% in cis (PS); RS3: the same at 28% (comparable); both after crizotinib;alectinib,
    never lorlatinib."""
    vcf, tsv = _write(
        tmp_path,
        HEADER38,
        ["RS1", "RS3"],
        [  # L1198F (chr2:29220759 G>A), C1156Y (chr2:29222392 C>T)
            "chr2\t29220759\t.\tG\tA\t.\tPASS\t.\tGT:AD:AF:PS\t0|1:490,10:0.02:29222392\t0|1:360,140:0.28:29222392",
            "chr2\t29222392\t.\tC\tT\t.\tPASS\t.\tGT:AD:AF:PS\t0|1:350,150:0.3:29222392\t0|1:350,150:0.3:29222392",
        ],
        ["RS1\tpositive:IHC\tcrizotinib;alectinib", "RS3\tpositive:IHC\tcrizotinib;alectinib"],
    )
    document, page = annotated_report(vcf, tsv, tmp_path / "rs", *extra)
    import csv

    with open(tmp_path / "rs.tsv", newline="") as handle:
        table = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return {s["sample"]: s for s in document["samples"]}, _text(page), table


SUBCLONAL = "C1156Y+L1198F (cis; subclonal or low-level part: holds at most in part of the tumour)"
TSV_SUBCLONAL = SUBCLONAL.replace("; ", ", ").replace(": ", " - ")  # the TSV column's separators (review 8, finding 2)


def test_a_compound_call_less_favourable_than_the_dominant_part_rests_on_a_subclonal_basis(tmp_path):
    """Review finding 3: C1156Y 30% + L1198F 2% in cis, lorlatinib never given. The compound's lorlatinib
    `resistant` [LIN17T2; EID843] is kept, not dropped, and said as a subclonal basis in the JSON, TSV and HTML alike,
    its note naming C1156Y's own `sensitive` with its sources; with and without --min-vaf."""
    for extra in (("--min-vaf", "0.05"), ()):
        samples, page, table = _bulk_run(tmp_path, *extra)
        lorlatinib = samples["RS1"]["inhibitors"]["lorlatinib"]
        assert (lorlatinib["category"], lorlatinib["subclonal"], lorlatinib["basis"]) == ("resistant", True, SUBCLONAL)
        assert lorlatinib["sources"] == ["LIN17T2", "EID843(PMID:26698910)"]
        assert lorlatinib["note"].startswith(
            "subclonal basis: C1156Y+L1198F (call: resistant [LIN17T2; EID843(PMID:26698910)]) is at most in the part "
            "of the tumour carrying L1198F (2% against C1156Y at 30%); C1156Y on its own: sensitive [LIN17T2; "
        )
        row = next(r for r in table if r["sample"] == "RS1")
        # the TSV says which inhibitors' calls rest on the subclonal basis (review 7, finding 13), in the cell too,
        # as the HTML card says it (review 13, finding 6)
        assert row["lorlatinib"] == "resistant (subclonal basis)"
        entries = row["inhibitor_basis"].split(";")
        # with L1198F below --min-vaf too, only the calls resting on it are marked: C1156Y's own calls hold in the
        # bulk (clinical review of stop 30, finding 1)
        assert f"brigatinib, ensartinib, lorlatinib: {TSV_SUBCLONAL}" in entries
        assert re.search(r"lorlatinib\s*resistant\s*\(subclonal basis\)\s*" + re.escape(SUBCLONAL), page)
        # comparable fractions: the compound is the bulk, its call is the tumour's
        whole = samples["RS3"]["inhibitors"]["lorlatinib"]
        assert (whole["category"], whole["subclonal"], whole["basis"]) == ("resistant", False, "C1156Y+L1198F (cis)")
        assert "subclonal basis" not in whole["note"]


def test_a_subclonal_compound_call_does_not_establish_the_mechanism(tmp_path):
    """After lorlatinib, C1156Y 30% + L1198F 2% in cis: the lorlatinib-resistant compound is at most in ~2/30 of
    the alleles, so it makes on-target resistance possible, as a part below --min-vaf does; at 28% it is on-target."""
    vcf, tsv = _write(
        tmp_path,
        HEADER38,
        ["RS1", "RS3"],
        [
            "chr2\t29220759\t.\tG\tA\t.\tPASS\t.\tGT:AD:AF:PS\t0|1:490,10:0.02:29222392\t0|1:360,140:0.28:29222392",
            "chr2\t29222392\t.\tC\tT\t.\tPASS\t.\tGT:AD:AF:PS\t0|1:350,150:0.3:29222392\t0|1:350,150:0.3:29222392",
        ],
        ["RS1\tpositive:IHC\tlorlatinib", "RS3\tpositive:IHC\tlorlatinib"],
    )
    document, _ = annotated_report(vcf, tsv, tmp_path / "rl")
    mechanism = {s["sample"]: s["mechanism"] for s in document["samples"]}
    assert mechanism == {"RS1": "on_target_possible", "RS3": "on_target"}


# ---------------------------------------------------------------- finding 4
def test_the_lorlatinib_class_statements_appear_for_any_cis_compound_with_g1202r_or_i1171n(tmp_path):
    """After alectinib;lorlatinib, I1171N+D1203N and G1202R+L1198F in cis (not listed in the knowledge base's notes)
    carry the SHI22 and OKA19 class statements, as the listed L1196M+G1202R does, each once; in trans they do not."""
    ps = "0|1:{ref},{alt}:{af}:29222347"
    records = [  # I1171N, G1202R, D1203N, L1198F, L1196M: columns CI1 (I1171N+D1203N), CG1 (G1202R+L1198F),
        # CL1 (L1196M+G1202R, listed), TR1 (I1171N+D1203N in trans)
        ("29220744", "C", "T", ["0|1:67,33:0.33:29222347", "0/0:100,0:0:.", "0/0:100,0:0:.", "1|0:67,33:0.33:29222347"]),
        ("29220747", "C", "G", ["0/0:100,0:0:.", ps.format(ref=70, alt=30, af=0.3), ps.format(ref=68, alt=32, af=0.32),
                                "0/0:100,0:0:."]),
        ("29220759", "G", "A", ["0/0:100,0:0:.", ps.format(ref=70, alt=30, af=0.3), "0/0:100,0:0:.", "0/0:100,0:0:."]),
        ("29220765", "G", "T", ["0/0:100,0:0:.", "0/0:100,0:0:.", ps.format(ref=70, alt=30, af=0.3), "0/0:100,0:0:."]),
        ("29222347", "A", "T", ["0|1:65,35:0.35:29222347", "0/0:100,0:0:.", "0/0:100,0:0:.", "0|1:65,35:0.35:29222347"]),
    ]  # fmt: skip
    vcf, tsv = _write(
        tmp_path,
        HEADER38,
        ["CI1", "CG1", "CL1", "TR1"],
        [
            f"chr2\t{pos}\t.\t{ref}\t{alt}\t.\tPASS\t.\tGT:AD:AF:PS\t" + "\t".join(cells)
            for pos, ref, alt, cells in records
        ],
        [f"{s}\tpositive:IHC\talectinib;lorlatinib" for s in ("CI1", "CG1", "CL1", "TR1")],
    )
    document, _ = annotated_report(vcf, tsv, tmp_path / "cb")
    samples = {s["sample"]: s for s in document["samples"]}
    for name, label in (("CI1", "I1171N+D1203N (cis)"), ("CG1", "L1198F+G1202R (cis)"), ("CL1", "L1196M+G1202R (cis)")):
        assert samples[name]["compound"]["phase"] == "cis"
        said = [n for n in samples[name]["notes"] if n.startswith(f"{label}: {GROUP}:")]
        assert len(said) == 2, samples[name]["notes"]
        assert said[0].endswith("[SHI22]") and "'involve ALK G1202R or I1171N/S/T'" in said[0]
        assert said[1].endswith("[OKA19]")
    assert samples["TR1"]["compound"]["phase"] == "trans"
    assert not [n for n in samples["TR1"]["notes"] if "as a group" in n]


# ---------------------------------------------------------------- finding 11
def test_an_unphased_compound_and_a_trans_pair_are_worded_as_what_they_are(tmp_path):
    """L1196M+G1202R unphased: 'phase not determined' in the HTML cohort table and the TSV `compound` column, no bare
    'unknown'. I1171N / D1203N in trans (PS): the calls speak of the two mutations on different alleles, never of 'the
    compound'."""
    vcf, tsv = _write(
        tmp_path,
        HEADER38,
        ["UN1", "TR1"],
        [
            "chr2\t29220744\t.\tC\tT\t.\tPASS\t.\tGT:AD:AF:PS\t0/0:100,0:0:.\t1|0:67,33:0.33:29222347",  # D1203N
            "chr2\t29220747\t.\tC\tG\t.\tPASS\t.\tGT:AD:AF:PS\t0/1:68,32:0.32:.\t0/0:100,0:0:.",  # G1202R
            "chr2\t29220765\t.\tG\tT\t.\tPASS\t.\tGT:AD:AF:PS\t0/1:70,30:0.3:.\t0/0:100,0:0:.",  # L1196M
            "chr2\t29222347\t.\tA\tT\t.\tPASS\t.\tGT:AD:AF:PS\t0/0:100,0:0:.\t0|1:65,35:0.35:29222347",  # I1171N
        ],
        ["UN1\tpositive:IHC\talectinib;lorlatinib", "TR1\tpositive:IHC\talectinib"],
    )
    document, page = annotated_report(vcf, tsv, tmp_path / "w")
    text = _text(page)
    assert "compound L1196M+G1202R, phase not determined" in text
    assert "L1196M+G1202R, unknown" not in text
    table = (tmp_path / "w.tsv").read_text().splitlines()
    column = table[0].split("\t").index("compound")
    compound = {row.split("\t")[0]: row.split("\t")[column] for row in table[1:]}
    assert compound == {"UN1": "L1196M+G1202R phase not determined", "TR1": "I1171N+D1203N trans (phase from PS)"}
    trans = next(s for s in document["samples"] if s["sample"] == "TR1")
    assert "I1171N+D1203N on different alleles (trans; not a compound)" in text
    for name, call in trans["inhibitors"].items():
        assert "the compound" not in call["note"], (name, call["note"])
    crizotinib = trans["inhibitors"]["crizotinib"]
    assert crizotinib["note"].startswith(
        "least favourable call of the two mutations (different alleles: trans, not a compound; I1171N resistant "
        "(reviews only) [LIN17T2]; D1203N unknown) | "
    )
    # what I1171N's own call lists without counting is listed for the pair too, with its reason (stop 41, finding 13)
    assert (
        "not counted, as for I1171N alone: other contexts, listed, not counted: sensitive per SCHO11"
        in (crizotinib["note"])
    )
    # EID1483's crizotinib statement is listed, not counted: its text found I1171N after alectinib (review hN, finding 1)
    assert crizotinib["listed_sources"] == ["EID1483(PMID:25393796)", "SCHO11"]
    assert "SCHO11" not in crizotinib["sources"] and "EID1483(PMID:25393796)" not in crizotinib["sources"]


def test_the_grid_marks_a_subclonal_compound_call_and_its_legend_says_why(tmp_path):
    """Finding 3, HTML grid: the lorlatinib cell of C1156Y 30% + L1198F 2% (no --min-vaf) carries the 's' and a title
    that names the compound basis; the legend covers a compound, not only a cut-off this run did not set."""
    _, page, _ = _bulk_run(tmp_path)
    # without --min-vaf neither the legend nor the title names a cut-off (review 7, finding 13)
    assert "s = (subclonal basis): the call rests on a compound whose allele fractions put it in at" in page
    assert re.search(
        r"RS1 / lorlatinib: resistant; basis: "
        + re.escape(SUBCLONAL)
        + r"; sources: [^<]*; subclonal basis: the call rests on a compound whose allele fractions put it in at most part of the tumour",
        html.unescape(page),
    )
    assert "below the clonality cut-off" not in page


def test_a_replaced_compound_call_on_a_subclonal_basis_is_not_called_the_compounds(tmp_path):
    """L1198F 30% + C1156Y 2% in cis: crizotinib's compound `sensitive` is not used (without_unshown_favour); its
    parts' least favourable call (C1156Y resistant) is said on a subclonal basis as the parts' call, not the
    compound's; L1198F's own crizotinib call is named with its source."""
    vcf, tsv = _write(
        tmp_path,
        HEADER38,
        ["RV1"],
        [
            "chr2\t29220759\t.\tG\tA\t.\tPASS\t.\tGT:AD:AF:PS\t0|1:350,150:0.3:29222392",
            "chr2\t29222392\t.\tC\tT\t.\tPASS\t.\tGT:AD:AF:PS\t0|1:490,10:0.02:29222392",
        ],
        ["RV1\tpositive:IHC\talectinib"],
    )
    document, _ = annotated_report(vcf, tsv, tmp_path / "rv")
    crizotinib = document["samples"][0]["inhibitors"]["crizotinib"]
    assert (crizotinib["category"], crizotinib["subclonal"]) == ("resistant", True)
    # CHOI10's PMID at its first citation in the note, the key alone after it (clinical review of stop 42)
    assert crizotinib["note"].startswith(
        "subclonal basis: C1156Y+L1198F (its parts' least favourable call: resistant [LIN17T2; CHOI10, PMID 20979473; "
    )
    assert "C1156Y resistant [LIN17T2; CHOI10; EID236(PMID:20979473);" in crizotinib["note"]
    assert (
        "at most in the part of the tumour carrying C1156Y (2% against L1198F at 30%); L1198F on its own: "
        in (crizotinib["note"])
    )
    assert "the compound's own call (sensitive) is not used" in crizotinib["note"]
