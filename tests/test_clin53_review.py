"""Clinical read of stop 53, helper clin53: a P-gp note states a change's call with the evidence mark the drug table
and `lookup` give it ('(reviews only)' as '(preclinical only)' and '(one case report)' since stop 52), in every clause
that states it, and the HTML card explains such a mark in its legend where no row shows it. Through the installed CLI
on real tests/data files."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from helpers import report_of, run

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
REVIEWS_MEANING = (
    "(reviews only) = every statement that decided the call is review-level (a review's table or text, a curated "
    "database's listing, a trial read only through another paper or a news report): no primary cell or patient report "
    "decides it."
)


def _report(tmp_path: Path, vcfs: list[Path], sheet: Path, *options: str) -> tuple[dict, dict, str]:
    """helpers.report_of, its HTML page with the entities read (the notes' quotes as written)."""
    samples, rows, page = report_of(tmp_path, vcfs, sheet, *options)
    return samples, rows, html.unescape(page)


def _lookup_reviews_only(change: str, drug: str) -> bool:
    """Whether `alkannot lookup CHANGE --json` marks the change's call for `drug` reviews_only."""
    result = run("lookup", change, "--json")
    assert result.returncode == 0, result.stderr
    return bool(json.loads(result.stdout)["results"][0]["calls"][drug]["reviews_only"])


def _card(page: str, sample: str) -> str:
    """The HTML card of `sample` (its <article>, anchored by the sample's name)."""
    start = page.index(f'<article class="card" id="s-{sample}"')
    return page[start : page.index("</article>", start)]


def test_the_change_a_compound_may_involve_carries_the_tables_reviews_only_mark(tmp_path):
    """tests/data/review31 R1 (G1202R, progressed on alectinib then lorlatinib, --min-vaf 0.05): the low-yield note said
    "G1202R, which on its own is lorlatinib-sensitive [LIN17T2; PEL21], is present: a compound mutation ..." where the
    table and `lookup` mark the same call "sensitive (reviews only)" (LIN17T2's review table, PEL21's background
    sentence: no primary source with a G1202R result). The open-base clause now carries the mark; the TSV and JSON
    notes say the same words, and the card's legend explains the mark, which no row of its table shows (lorlatinib's
    row shows the progression)."""
    folder = DATA / "review31"
    samples, rows, page = _report(
        tmp_path, [folder / "review_scenarios_grch38.vcf"], folder / "samples.tsv", "--min-vaf", "0.05"
    )
    said = (
        "Low yield: progressed most recently on lorlatinib; G1202R, which on its own is lorlatinib-sensitive (reviews "
        "only) [LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468], is present: a compound mutation with it"
    )
    assert samples["R1"]["pgp"]["note"].startswith(said)
    assert rows["R1"]["pgp_note"].startswith(said)
    assert _lookup_reviews_only("G1202R", "lorlatinib")
    # the table's lorlatinib cell is the progression's call, unmarked: the mark is said in the note only
    assert not samples["R1"]["inhibitors"]["lorlatinib"]["reviews_only"]
    card = _card(page, "R1")
    assert said.replace("Low yield: progressed", "Progressed") in card  # the card's heading says the flag
    assert f"Marks beside a call in the notes: {REVIEWS_MEANING}" in card
    # with no history, the sentence on lorlatinib (sensitive_unaffected) carries it too (R2: G1202R, no history)
    assert (
        "neither G1202R nor P-gp overexpression is expected to explain it: P-gp overexpression did not confer "
        "resistance to lorlatinib in cell models (preclinical evidence) [KAT16, PMID 26870817; SEED, press release on "
        "KAT16]; G1202R is sensitive to lorlatinib in the knowledge base (reviews only) [LIN17T2; PEL21]"
    ) in samples["R2"]["pgp"]["note"]
    # a card whose rows show the mark explains it once, among the row marks (R2: lorlatinib 'sensitive (reviews only)')
    r2 = _card(page, "R2")
    assert r2.count("(reviews only) = ") == 1 and "Marks beside a call in the notes" not in r2


def test_a_compounds_minor_part_clause_and_an_explaining_call_carry_the_mark(tmp_path):
    """tests/data/stop42_clinical C03_T (L1196M+G1202R, phase not determined, after lorlatinib): the minor-compound
    clause said G1202R "on its own is lorlatinib-sensitive" unmarked. tests/data/clin47 I1171N after crizotinib: "I1171N
    (VAF 33.3%) is resistant to crizotinib in the knowledge base [LIN17T2], which explains the progression", a call
    LIN17T2's review table alone decides, which the table marks '(reviews only)' (the same change's cell in the
    lorlatinib sample). Both now say the mark."""
    folder = DATA / "stop42_clinical"
    stem = "C03_G1202R_L1196M_unphased_after_lorlatinib"
    samples, _, _ = _report(
        tmp_path / "c03", [folder / f"{stem}.in.vcf"], folder / f"{stem}.samples.tsv", "--min-vaf", "0.05"
    )
    assert (
        "G1202R (VAF 33.3%), which on its own is lorlatinib-sensitive (reviews only) [LIN17T2; PEL21, "
        "doi:10.1158/1538-7445.AM2021-1468], is present, and in the tumour cells that carry L1196M it may be part of "
        "L1196M+G1202R"
    ) in samples["C03_T"]["pgp"]["note"]
    folder = DATA / "clin47"
    samples, rows, _ = _report(
        tmp_path / "i", [folder / "I1171N.vcf"], folder / "I1171N.samples.tsv", "--min-vaf", "0.05"
    )
    said = (
        "Not indicated: I1171N (VAF 33.3%) is resistant to crizotinib in the knowledge base (reviews only) [LIN17T2], "
        "which explains the progression on crizotinib"
    )
    assert samples["I1171N_crizotinib_T"]["pgp"]["note"].startswith(said)
    assert rows["I1171N_lorlatinib_T"]["crizotinib"] == "resistant (reviews only)"
    assert _lookup_reviews_only("I1171N", "crizotinib")


def test_the_drugs_a_change_does_not_explain_carry_their_calls_marks(tmp_path):
    """With no treatment history the note lists the drugs to which the change found is sensitive, "(sensitive in the
    knowledge base)", unmarked: tests/data/resensitisation R4_C1156Y's brigatinib and ensartinib calls, LIN17T2 alone,
    are "sensitive (reviews only)" in its own table. The bracket now says the mark where every drug's call carries it,
    and names the drugs whose calls carry it where only some do (tumour_only_vus K2_T, L1196M: ceritinib rests on
    primary sources, brigatinib and ensartinib on LIN17T2 alone)."""
    folder = DATA / "resensitisation"
    samples, rows, page = _report(
        tmp_path / "r4",
        [folder / "partners_grch38.vcf", folder / "resens_grch38.vcf"],
        folder / "partners_samples.tsv",
    )
    said = "but not to brigatinib or ensartinib (sensitive in the knowledge base, reviews only); whether it explains"
    assert said in samples["R4_C1156Y"]["pgp"]["note"] and said in rows["R4_C1156Y"]["pgp_note"]
    assert rows["R4_C1156Y"]["brigatinib"] == rows["R4_C1156Y"]["ensartinib"] == "sensitive (reviews only)"
    # alectinib and lorlatinib, which P-gp overexpression did not affect, in one sentence, each call with its own
    # sources and mark (the alectinib cell 'sensitive (reviews only)', lorlatinib's with EID842 unmarked): it was said
    # twice, once per drug, for that difference alone
    merged = (
        "After a progression on alectinib or lorlatinib, neither C1156Y nor P-gp overexpression is expected to explain "
        "it: P-gp overexpression did not confer resistance to alectinib or lorlatinib in cell models (preclinical "
        "evidence) [KAT16, PMID 26870817; SEED, press release on KAT16]; C1156Y is sensitive to alectinib (reviews "
        "only) [LIN17T2] and to lorlatinib [LIN17T2; EID842(PMID:26698910)] in the knowledge base."
    )
    assert merged in samples["R4_C1156Y"]["pgp"]["note"] and merged in rows["R4_C1156Y"]["pgp_note"]
    assert (
        rows["R4_C1156Y"]["alectinib"] == "sensitive (reviews only)" and rows["R4_C1156Y"]["lorlatinib"] == "sensitive"
    )
    assert "neither C1156Y nor P-gp overexpression" in _card(page, "R4_C1156Y")
    assert _card(page, "R4_C1156Y").count("neither C1156Y") == 1
    # a case report's call, likewise (R1: C1156Y+L1198F in cis and crizotinib, CIViC EID844 alone)
    assert (
        "but not to crizotinib (sensitive in the knowledge base, one case report)"
        in (samples["R1_C1156Y_L1198F"]["pgp"]["note"])
    )
    folder = DATA / "tumour_only_vus"
    samples, _, _ = _report(
        tmp_path / "k2",
        [folder / "tumour_only_companions.vcf"],
        folder / "C15_tumour_only_samples.tsv",  # no row of K2_T: no history
    )
    assert (
        "but not to ceritinib, brigatinib or ensartinib (sensitive in the knowledge base; brigatinib and ensartinib: "
        "reviews only)"
    ) in samples["K2_T"]["pgp"]["note"]


def test_no_note_states_a_reviews_only_call_without_its_mark(tmp_path):
    """Every 'X is sensitive|resistant to D in the knowledge base' and 'X, which on its own is D-sensitive' of the
    P-gp notes of review31's report names '(reviews only)' exactly where `lookup` marks X's call for D so."""
    folder = DATA / "review31"
    samples, _, _ = _report(tmp_path, [folder / "review_scenarios_grch38.vcf"], folder / "samples.tsv")
    pattern = re.compile(
        r"\b([A-Z]\d{4}[A-Z])(?: \(VAF [0-9.]+%\))?(?: is (?:sensitive|resistant) to (\w+) in the knowledge base"
        r"|, which on its own is (\w+)-sensitive)( \(reviews only\))?"
    )
    checked = 0
    for s in samples.values():
        for m in pattern.finditer(s["pgp"]["note"]):
            change, drug = m.group(1), m.group(2) or m.group(3)
            assert bool(m.group(4)) == _lookup_reviews_only(change, drug), (s["sample"], m.group(0))
            checked += 1
    assert checked >= 5


def test_the_heading_of_the_drugs_p_gp_did_not_affect_cites_the_finding_it_names(tmp_path):
    """After crizotinib or ceritinib with no ALK change that explains it, the options' heading named KAT16's finding
    ("Sourced activity after this treatment history of the inhibitors to which P-gp overexpression did not confer
    resistance in cell models: lorlatinib: ...") without citing it, where the lead had cited only the drug's own P-gp
    effect and the finding on alectinib and lorlatinib came after it. It is now cited as the note cites it for these
    drugs elsewhere ([KAT16; SEED]): the example cohort's P4_T (ceritinib) and tests/data/bypass_consequence S1_not_protein (crizotinib)."""
    root = ROOT / "example_vcfs"
    samples, rows, page = _report(
        tmp_path / "ex",
        [root / "GRCh38" / "tumor_normal.vcf"],
        root / "samples.tsv",
        "--sv",
        str(root / "GRCh38" / "sv.vcf"),
        "--min-vaf",
        "0.05",
    )
    said = (
        "Sourced activity after this treatment history of the inhibitors to which P-gp overexpression did not confer "
        "resistance in cell models [KAT16; SEED]: lorlatinib: objective response rate 38.7% after two or three ALK "
        "inhibitors (clinical trial) [SOL18, PMID 30413378]"
    )
    assert said in samples["P4_T"]["pgp"]["note"] and said in rows["P4_T"]["pgp_note"]
    assert {"KAT16", "SEED"} <= set(samples["P4_T"]["pgp"]["sources"])
    # the card's part under its label 'Activity after this treatment history' keeps the citation
    assert "Of the inhibitors to which P-gp overexpression did not confer resistance in cell models [KAT16; SEED]:" in (
        _card(page, "P4_T")
    )
    folder = DATA / "bypass_consequence"  # S1_not_protein: no ALK change, progressed on crizotinib
    samples, _, _ = _report(tmp_path / "s1", [folder / "bypass_vep_grch38.vcf"], folder / "samples.tsv")
    assert (
        "of the inhibitors to which P-gp overexpression did not confer resistance in cell models [KAT16; SEED]: "
        "alectinib after crizotinib, in two phase II trials"
    ) in samples["S1_not_protein"]["pgp"]["note"]


def test_after_brigatinib_or_ensartinib_the_note_says_what_a_positive_ihc_is_not_that_the_check_is_exploratory(
    tmp_path,
):
    """tests/data/stop42_review_hc C08_T (no ALK mutation, progressed on brigatinib) and C14_T (ensartinib): the flag
    is 'Recommended' and the note ended its first reason 'the check is exploratory', which a tumour board reads as at
    odds with it (recommended, or exploratory?). The limit is now said of the result, with the same sources: what P-gp
    overexpression does to brigatinib in tumour cells is untested (LI18BRIG measured transport only), to ensartinib
    disputed (WU22ENS against VAG20), so a positive IHC makes it a possible explanation, not an established one. The
    flag and context are unchanged (contract: `recommended`, `after_possibly_affected`)."""
    folder = DATA / "stop42_review_hc"
    for scenario, drug, cited in (
        (
            "C08_negative_after_brigatinib",
            "brigatinib",
            "has not been tested in the sources read (the one read on brigatinib and P-gp [LI18BRIG, "
            "doi:10.1016/j.phrs.2018.09.020] measured its transport by ABCB1, a pharmacokinetic question)",
        ),
        (
            "C14_negative_after_ensartinib",
            "ensartinib",
            "[WU22ENS, doi:10.3390/cancers14092341; VAG20, doi:10.3390/cancers12040813]",
        ),
    ):
        here = folder / scenario
        samples, rows, page = _report(
            tmp_path / drug, [here / "in.vcf"], here / "samples.tsv", "--sv", str(here / "sv.vcf")
        )
        ((name, sample),) = samples.items()
        note = sample["pgp"]["note"]
        assert note.startswith(
            f"Recommended: progressed most recently on {drug}, and no ALK resistance mutation was found. Whether P-gp "
            f"overexpression in the tumour reduces the activity of {drug} "
        )
        said = (
            f"{cited}: a positive IHC makes P-gp overexpression a possible, not an established, explanation of this "
            "progression. Check P-gp (ABCB1) by IHC"
        )
        assert said in note and said in rows[name]["pgp_note"] and said in _card(page, name)
        assert "exploratory" not in note and "exploratory" not in _card(page, name)
        assert (sample["pgp_check"], sample["pgp"]["context"]) == ("recommended", "after_possibly_affected")
