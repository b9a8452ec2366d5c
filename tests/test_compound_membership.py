"""Which ALK changes of a sample form a compound (clinical review 2026-12-01, fourth reading, findings 1, 2 and 4;
RULES.md sections 4, 5 and 8). Runs the installed CLI on small VCFs in tests/data/compound/.

same_position_grch38.vcf (GRCh38, matched normal N), after crizotinib:
SP1 L1240S+L1240W from one multi-allelic record (chr2:29214008 A>G,C, GT 1/2)
SP2 L1196M+L1196V from two records at one position (chr2:29220765 G>T and G>C)

truncating_grch38.vcf (GRCh38, matched normal N), with --min-vaf 0.05:
TR1 T1211Pfs*47 (chr2:29220720 TC>T) after crizotinib    TR2 G1202* (chr2:29220747 C>A) after crizotinib
TR3 G1202R + T1211Pfs*47, phase unknown, after alectinib  TR4 G1202* after alectinib
TR5 G1202* + G1202R from one record (C>A,T, GT 1/2) after alectinib
NEG_C, NEG_A no ALK mutation, after crizotinib / after alectinib (what a truncation-only sample is compared with)

subclonal_partner_grch38.vcf (GRCh38, matched normal N), all after alectinib; G1202R at 30% (150/500 reads):
LV1 L1240S at 2% (10/500), unphased    LV2 L1240S at 2% in cis by PS    LV3 L1240S at 20%, unphased
LV4 L1240S at 2% in trans by PS        LV5 the other way round: L1240S at 30%, G1202R at 2%, unphased
LV6 C1156Y at 30% with the re-sensitiser L1198F at 2%, unphased, after crizotinib;lorlatinib
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT, annotated_report

from alkannot.compound_grouping import group_compound, pair_phase
from alkannot.sample_types import AlkMutation

DATA = Path(__file__).resolve().parent / "data" / "compound"


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.fixture(scope="module")
def same_position(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("same_position") / "r"
    document, page = annotated_report(
        DATA / "same_position_grch38.vcf", DATA / "same_position_samples.tsv", prefix, "--min-vaf", "0.05"
    )
    return {s["sample"]: s for s in document["samples"]}, _text(page), Path(f"{prefix}.tsv").read_text()


@pytest.mark.parametrize(
    "sample,changes",
    [("SP1", ["L1240S", "L1240W"]), ("SP2", ["L1196M", "L1196V"])],
    ids=["one multi-allelic record, GT 1/2", "two records at one position"],
)
def test_two_alt_alleles_at_one_position_are_in_trans(same_position, sample, changes):
    """Two different bases at one position cannot be on one molecule: trans by definition, not a compound whose
    phase was not determined."""
    doc, page, tsv = same_position
    compound = doc[sample]["compound"]
    assert compound["changes"] == changes
    assert compound["phase"] == "trans" and compound["phase_method"] == "same position"
    assert compound["rule"] == "trans_least_favourable"
    label = "+".join(changes)
    assert (
        f"ALK mutations on different alleles (trans; not a compound): {label} — phase trans (from same position)"
        in page
    )
    assert f"Compound: {label}" not in page and "phase not determined" not in page
    assert f"{label} on different alleles (trans; not a compound)" in page  # the cohort table's line
    assert f"{label} trans (phase from same position)" in tsv
    assert all(v["basis"] == f"{label} (trans)" for v in doc[sample]["inhibitors"].values())


def _mutation(change: str, pos: int, ref: str, alt: str, record: int) -> AlkMutation:
    position = int(re.sub(r"\D", "", change[1:5]))
    return AlkMutation(
        change, f"p.{change}", "c.?", "missense_variant", "kinase_domain", position, "chr2", pos, ref, alt, "PASS",
        0.3, "AF", 100, False, "known", (), (), record=record,
    )  # fmt: skip


def test_a_padded_indel_at_the_position_of_an_snv_may_be_on_the_same_molecule():
    """Of two records at one POS, only alleles that both change the base at POS, to different bases, exclude each
    other: a padded deletion leaves that base as it is."""
    snv = _mutation("L1196M", 29220765, "G", "T", 1)
    other_base = _mutation("L1196V", 29220765, "G", "C", 2)
    deletion = _mutation("E1197del", 29220765, "GCTC", "G", 3)
    assert pair_phase(snv, other_base) == ("trans", "same position")
    assert pair_phase(snv, deletion) == ("unknown", "none")
    assert group_compound([snv, deletion])[1:] == ("unknown", "none")
    same_record = _mutation("L1196V", 29220765, "G", "C", 1)
    assert pair_phase(snv, same_record) == ("trans", "same position")
    mnv_part = _mutation("G1202R", 29220765, "G", "T", 1)  # two protein changes of one MNV allele
    assert pair_phase(snv, mnv_part) == ("cis", "MNV record")


@pytest.fixture(scope="module")
def truncating(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("truncating") / "r"
    document, page = annotated_report(
        DATA / "truncating_grch38.vcf", DATA / "truncating_samples.tsv", prefix, "--min-vaf", "0.05"
    )
    samples = {s["sample"]: s for s in document["samples"]}
    return samples, _text(page), Path(f"{prefix}.tsv").read_text(), Path(f"{prefix}.vcf").read_text(), document


def test_a_frameshift_beside_clonal_g1202r_forms_no_compound_and_lorlatinib_stays_sensitive(truncating):
    """Finding 1: a frameshift cannot make a drug-resistant kinase, so it does not blank G1202R's lorlatinib call."""
    doc, page, _, _, _ = truncating
    for sample in ("TR3", "TR5"):  # beside it unphased; or G1202* from the same record as G1202R
        tr = doc[sample]
        assert tr["compound"] is None
        lorlatinib = tr["inhibitors"]["lorlatinib"]
        assert (lorlatinib["category"], lorlatinib["basis"], lorlatinib["inferred"]) == ("sensitive", "G1202R", False)
        assert "LIN17T2" in lorlatinib["sources"]
        assert tr["mechanism"] == "on_target"
    assert "Compound: G1202R+T1211Pfs*47" not in page and "G1202R+T1211Pfs*47" not in str(doc["TR3"])
    (note,) = [n for n in doc["TR3"]["notes"] if n.startswith("T1211Pfs*47 is truncating")]
    assert "(frameshift): not a resistance candidate" in note and "not counted" in note


@pytest.mark.parametrize("sample,negative", [("TR1", "NEG_C"), ("TR2", "NEG_C"), ("TR4", "NEG_A")])
def test_a_lone_truncation_reads_as_no_alk_resistance_mutation(truncating, sample, negative):
    """Finding 1: a lone G1202* or T1211Pfs*47 after crizotinib is not on-target possible; the mechanism, the P-gp
    check and its note are those of a sample with no ALK mutation, and the change is listed with its note."""
    doc, _, _, _, document = truncating
    tr, neg = doc[sample], doc[negative]
    assert tr["mechanism"] == neg["mechanism"] == "unexplained"
    assert (tr["pgp_check"], tr["pgp"]["context"]) == (neg["pgp_check"], neg["pgp"]["context"])
    assert tr["pgp"]["note"] == neg["pgp"]["note"]
    assert "no ALK resistance mutation was found" in tr["pgp"]["note"]
    assert tr["alk_mutation_negative"] and sample in document["summary"]["alk_mutation_negative"]
    for name, call in tr["inhibitors"].items():
        assert call["category"] == neg["inhibitors"][name]["category"], name
        assert call["basis"].startswith("ALK fusion; no ALK resistance mutation (") and "truncating" in call["basis"]
    (m,) = tr["alk_mutations"]
    assert m["truncating"] and m["resistance"] == "kinase_domain_vus"  # the contract's class is kept
    assert any(n.endswith("not counted for the resistance mechanism or as part of a compound.") for n in tr["notes"])


def test_truncations_are_shown_as_such_in_every_output(truncating):
    doc, page, tsv, vcf, _ = truncating
    assert "<td>truncating: not a resistance candidate</td>" not in page  # tags stripped
    assert "truncating: not a resistance candidate" in page
    assert "kinase-domain variant of unknown significance" not in page
    assert "G1202*(kinase_domain_vus VAF=0.300 truncating)" in tsv
    assert "G1202* (30.0%; truncating: not a resistance candidate)" in page  # the cohort table
    records = [line.split("\t") for line in vcf.splitlines() if line.startswith("chr2\t29220747")]
    (info,) = [r[7] for r in records]
    assert (
        "ALK_HGVSP=p.G1202*,p.G1202R" in info.replace("%2A", "*") and "ALK_RESISTANCE=kinase_domain_vus,known" in info
    )
    assert "a truncating one, stop-gained or frameshift, is not a resistance candidate" in vcf
    assert not doc["TR3"]["alk_mutations"][1]["truncating"]


def test_lookup_names_a_truncation_and_leaves_it_out_of_a_compound():
    out = subprocess.run([ALKANNOT, "lookup", "G1202*"], capture_output=True, text=True, check=True).stdout
    assert out.startswith("# G1202*  resistance class: kinase_domain_vus (truncating: not a resistance candidate;")
    both = subprocess.run([ALKANNOT, "lookup", "G1202R+T1211Pfs*47"], capture_output=True, text=True, check=True)
    alone = subprocess.run([ALKANNOT, "lookup", "G1202R"], capture_output=True, text=True, check=True)
    # the header row and the nine inhibitors' calls, after the legend lines (a '(reviews only)' line since G1202R's
    # lorlatinib call is marked so: clinical read h1, finding 10)
    start = next(i for i, line in enumerate(alone.stdout.splitlines()) if line.startswith("inhibitor "))
    table = slice(start, start + 10)
    assert both.stdout.splitlines()[table] == alone.stdout.splitlines()[table]  # the calls of G1202R alone
    assert both.stdout.splitlines()[start + 9].startswith("TPX-0131")


def _partner_run(tmp_path_factory, *extra: str) -> dict:
    prefix = tmp_path_factory.mktemp("partner") / "r"
    document, _ = annotated_report(
        DATA / "subclonal_partner_grch38.vcf", DATA / "subclonal_partner_samples.tsv", prefix, *extra
    )
    return {s["sample"]: s for s in document["samples"]}


@pytest.fixture(scope="module")
def partner(tmp_path_factory):
    return _partner_run(tmp_path_factory, "--min-vaf", "0.05")


@pytest.fixture(scope="module")
def partner_no_min_vaf(tmp_path_factory):
    return _partner_run(tmp_path_factory)


def _calls(sample: dict) -> dict[str, str]:
    return {name: call["category"] for name, call in sample["inhibitors"].items()}


@pytest.mark.parametrize("sample,phase", [("LV1", "phase not determined"), ("LV4", "in trans (FORMAT PS)")])
def test_a_partner_below_min_vaf_does_not_blank_the_clonal_call(partner, sample, phase):
    """Finding 2: G1202R at 30% with L1240S at 2% (below --min-vaf 0.05) after alectinib: G1202R's own calls stand
    (lorlatinib sensitive, as for G1202R alone), and a note names the minor change, its VAF and phase."""
    lv = partner[sample]
    assert lv["compound"] is None
    lorlatinib = lv["inhibitors"]["lorlatinib"]
    assert (lorlatinib["category"], lorlatinib["basis"], lorlatinib["subclonal"]) == ("sensitive", "G1202R", False)
    assert lv["mechanism"] == "on_target" and lv["pgp_check"] == "not_indicated"
    assert (
        f"L1240S (VAF 2.0%, below the clonality cut-off set for this run (--min-vaf 0.05); {phase}) is not read as a compound with G1202R, and the sample's "
        "calls rest on G1202R alone. At most a minor subclone carries L1240S, and that subclone may respond "
        "differently."
    ) in lv["notes"]
    calls = _calls(lv)
    assert (calls["crizotinib"], calls["alectinib"], calls["lorlatinib"]) == ("resistant", "resistant", "sensitive")


def test_a_partner_in_cis_by_phase_or_above_min_vaf_still_forms_the_compound(partner):
    """Unchanged: read-backed cis keeps the compound (its low part marked subclonal), and two changes at or above
    --min-vaf form one, however far apart their fractions (the laboratory's cut-off calls both clonal)."""
    cis, both = partner["LV2"], partner["LV3"]
    assert (cis["compound"]["phase"], cis["compound"]["phase_method"]) == ("cis", "PS")
    assert cis["inhibitors"]["lorlatinib"]["category"] == "unknown" and cis["inhibitors"]["lorlatinib"]["subclonal"]
    assert (both["compound"]["changes"], both["compound"]["phase"]) == (["G1202R", "L1240S"], "unknown")
    assert both["inhibitors"]["lorlatinib"]["category"] == "unknown"
    assert not any("minor subclone" in n or "four fifths" in n for n in cis["notes"] + both["notes"])


def test_a_minor_partner_in_cis_leaves_the_clonal_changes_own_reading_standing(partner):
    """LV2: G1202R at 30% with L1240S at 2% in cis by PS, after alectinib. The reads with L1240S carry G1202R, but
    most G1202R alleles lack L1240S: G1202R alone is the bulk, so it explains the progression on alectinib (on-target,
    no P-gp check), its own calls are not marked subclonal, and only the call resting on L1240S is (clinical review
    of stop 30, finding 1: the sample read 'no clonal ALK mutation is known to explain it')."""
    lv = partner["LV2"]
    assert (lv["mechanism"], lv["pgp_check"], lv["pgp"]["context"]) == (
        "on_target",
        "not_indicated",
        "explained_by_mutation",
    )
    assert lv["pgp"]["note"].startswith(
        "Not indicated: G1202R (VAF 30.0%) is resistant to alectinib in the knowledge base ["
    )
    assert "which explains the progression on alectinib" in lv["pgp"]["note"]
    calls = lv["inhibitors"]
    assert [(n, calls[n]["category"], calls[n]["subclonal"]) for n in ("crizotinib", "ceritinib", "lorlatinib")] == [
        ("crizotinib", "resistant", False),
        ("ceritinib", "resistant", False),
        ("lorlatinib", "unknown", True),
    ]
    assert (
        "G1202R on its own: sensitive (reviews only) [" in calls["lorlatinib"]["note"]
    )  # with the table's mark  # the bulk's own call, said beside it


def test_a_clonal_change_of_unknown_significance_keeps_its_calls_beside_a_minor_known_one(partner):
    """LV5: L1240S at 30%, G1202R at 2%: the sample's calls are L1240S's (no data: unknown), not G1202R's; G1202R
    still makes on-target resistance possible for the progression on alectinib, and the note names it."""
    lv = partner["LV5"]
    assert lv["compound"] is None and lv["mechanism"] == "on_target_possible"
    assert (
        lv["inhibitors"]["crizotinib"]["category"] == "unknown" and lv["inhibitors"]["crizotinib"]["basis"] == "L1240S"
    )
    assert any(
        n.startswith(
            "G1202R (VAF 2.0%, below the clonality cut-off set for this run (--min-vaf 0.05); phase not determined)"
        )
        for n in lv["notes"]
    )


def test_without_min_vaf_the_pair_stays_a_compound_and_the_note_says_why(partner_no_min_vaf):
    """Without --min-vaf no variant is set aside as subclonal for its VAF alone, and leaving a change out would turn
    a drug green: the compound stands (lorlatinib unknown), and where the fractions are not within four fifths of
    each other a note says so and what --min-vaf would do."""
    lv1, lv2 = partner_no_min_vaf["LV1"], partner_no_min_vaf["LV2"]
    assert lv1["compound"]["phase"] == "unknown" and lv1["inhibitors"]["lorlatinib"]["category"] == "unknown"
    (note,) = [n for n in lv1["notes"] if "four fifths" in n]
    assert note.startswith(
        "G1202R+L1240S (phase not determined) is read as one compound, although L1240S (VAF 2.0%) is below four fifths of "
        "G1202R's allele fraction (30.0%), so not every G1202R molecule can carry it: without a clonality cut-off (--min-vaf) no change is "
        "set aside as subclonal for its VAF alone, so the compound stands, but its call for lorlatinib, less "
        "favourable than G1202R's own, holds at most in the part of the tumour carrying L1240S (a subclonal basis). "
        "With a clonality cut-off (--min-vaf, the laboratory's), a change below it would not form a compound with a "
        "clonal change"
    )
    assert not any("four fifths" in n for n in lv2["notes"])  # in cis by PS: no such question
    assert not any("minor subclone" in n for s in partner_no_min_vaf.values() for n in s["notes"])


def test_a_re_sensitiser_below_min_vaf_beside_its_partner_says_why_it_is_not_shown(partner):
    """LV6: left out of the compound, L1198F at 2% is still named with the reason the re-challenge case does not apply
    (below --min-vaf), not as 'no compound' (RULES.md section 8)."""
    lv = partner["LV6"]
    assert lv["compound"] is None
    crizotinib = lv["inhibitors"]["crizotinib"]
    assert (crizotinib["category"], crizotinib["basis"], crizotinib["resensitised"]) == ("resistant", "C1156Y", False)
    assert (
        "not shown here: L1198F below the clonality cut-off set for this run (--min-vaf; subclonal or low-level"
        in crizotinib["note"]
    )


def test_a_partner_below_min_vaf_forming_a_resistant_compound_is_named_in_the_pgp_note(partner):
    """LV6 after lorlatinib (clinical read of stop 51): C1156Y at 30% is lorlatinib-sensitive on its own, but with
    L1198F at 2% (phase unknown) it may form, in a minor subclone, C1156Y+L1198F, which the knowledge base calls
    lorlatinib-resistant (EID843, PMID 26698910). The P-gp note said C1156Y is not expected to cause lorlatinib
    resistance and never named L1198F; it now names the compound and its source, and that it may explain the
    progression only in part. The check stays as R9's (review31: G1202R with A1200S at 3% after lorlatinib): low
    yield, on-target resistance possible, not silenced."""
    from alkannot.kbfiles import load_knowledge_base

    lorlatinib = load_knowledge_base().call_compound(["C1156Y", "L1198F"]).calls["lorlatinib"]
    assert (lorlatinib.category, lorlatinib.inferred) == ("resistant", False)
    assert "EID843(PMID:26698910)" in lorlatinib.counted_sources
    lv = partner["LV6"]
    note = lv["pgp"]["note"]
    assert note.startswith(
        "Low yield: progressed most recently on lorlatinib, and no clonal ALK mutation is known to explain it (C1156Y "
        "(VAF 30.0%) is sensitive to lorlatinib in the knowledge base [LIN17T2; EID842(PMID:26698910)]: not expected "
        "to cause lorlatinib resistance on its own); L1198F (VAF 2.0%), below the clonality cut-off, may be C1156Y's "
        "partner in a minor subclone: the compound C1156Y+L1198F is resistant to lorlatinib in the knowledge base "
        "[LIN17T2; EID843(PMID:26698910)], so it may explain this progression only in part. P-gp overexpression did "
        "not confer resistance to lorlatinib"
    )
    assert "EID843(PMID:26698910)" in lv["pgp"]["sources"]
    assert (lv["mechanism"], lv["pgp_check"]) == ("on_target_possible", "low_yield")
    (own,) = [n for n in lv["notes"] if n.startswith("C1156Y is present, but the knowledge base calls it sensitive")]
    assert "does not explain the progression on lorlatinib on its own; L1198F (VAF 2.0%)" in own
    # LV1: G1202R beside L1240S at 2%, a pair the knowledge base has no call of its own for: no such clause
    assert not any("partner in a minor subclone: the compound" in n for n in partner["LV1"]["notes"])
    assert "partner in a minor subclone: the compound" not in partner["LV1"]["pgp"]["note"]


def test_a_favourable_compound_call_needs_the_compound_to_be_the_bulk(tmp_path):
    """Review of 2026-12-01's changes (fifth), finding 1: C1156Y 30% with L1198F 2% in read-backed cis (S4b_T),
    crizotinib-naive: the compound entry's crizotinib `sensitive` turned the drug green though most C1156Y alleles
    lack L1198F. Read-backed cis shows reads with L1198F carry C1156Y, not that every C1156Y allele carries L1198F:
    the parts' least favourable call stands, with the reason; with or without --min-vaf."""
    import json
    import subprocess
    from pathlib import Path

    from helpers import ALKANNOT

    data = Path(__file__).parent / "data" / "compound"
    for extra in ([], ["--min-vaf", "0.05"]):
        out = tmp_path / f"r{len(extra)}"
        run = subprocess.run(
            [
                ALKANNOT,
                "-q",
                "annotate",
                str(data / "cis_discordant_vaf.vcf"),
                "--samples",
                str(data / "cis_discordant_vaf_samples.tsv"),
                "-o",
                str(tmp_path / "o.vcf"),
                "--report",
                str(out),
                *extra,
            ],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        samples = {s["sample"]: s for s in json.loads(out.with_suffix(".json").read_text())["samples"]}
        for name in ("S4b_T", "S4d_T") if extra else ("S4a_T", "S4b_T", "S4d_T"):
            crizotinib = samples[name]["inhibitors"]["crizotinib"]
            assert crizotinib["category"] == "resistant", (extra, name, crizotinib)
        if extra:  # S4a_T: the clonal cis C1156Y+L1198F sets the call; the 2% G1202R left out is said resistant
            assert samples["S4a_T"]["inhibitors"]["crizotinib"]["category"] == "sensitive"
            (minor,) = [n for n in samples["S4a_T"]["notes"] if "minor subclone carries G1202R" in n]
            assert "On its own the knowledge base calls G1202R resistant to crizotinib" in minor
        note = samples["S4b_T"]["inhibitors"]["crizotinib"]["note"]
        assert "the compound's own call (sensitive) is not used" in note
        if not extra:
            assert "L1198F at 2% against C1156Y at 30%: part of the C1156Y alleles may lack L1198F" in note


def test_lookup_reads_two_changes_at_one_residue_as_trans():
    """Review of the day's changes (fifth), finding 4: `lookup L1196M+L1196V` read the pair as a compound."""
    from alkannot.kbfiles import load_knowledge_base

    call = load_knowledge_base().call_compound(["L1196M", "L1196V"])
    assert call.compound_rule == "trans_least_favourable" and call.phase == "trans (same residue)"
    assert load_knowledge_base().call_compound(["L1196M", "G1202R"]).compound_rule != "trans_least_favourable"


def test_phase_data_putting_two_alleles_at_one_position_in_cis_is_said(tmp_path):
    """Review of the day's changes (fifth), finding 4: L1196M and L1196V at chr2:29220765, both 0|1 in one PS, were
    read as trans without a word about the impossible phase."""
    import json
    import subprocess
    from pathlib import Path

    from helpers import ALKANNOT

    vcf = Path(__file__).parent / "data" / "compound" / "same_position_phased_cis.vcf"
    run = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(vcf), "-o", str(tmp_path / "o.vcf"), "--report", str(tmp_path / "r")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (s,) = json.loads((tmp_path / "r.json").read_text())["samples"]
    assert s["compound"]["phase"] == "trans"
    (note,) = [n for n in s["notes"] if "different alleles at one position" in n]
    assert "L1196M and L1196V" in note and "check the caller's phasing" in note
