"""Clinical read of stop 52, helper clin52d: the P-gp note says a finding once, through the installed CLI on real
files (tests/data/review19/muts.vcf, tests/data/resensitisation, the GRCh38 example)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from helpers import run

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLE = ROOT / "example_vcfs"


def _samples(tmp_path: Path, args: list, sheet: str) -> tuple[dict[str, dict], str]:
    """`alkannot -q report ARGS --samples SHEET`: its JSON samples by name and its HTML page (unescaped)."""
    sheet_path, prefix = tmp_path / "sheet.tsv", tmp_path / "r"
    sheet_path.write_text(sheet)
    result = run("-q", "report", *args, "--samples", sheet_path, "--out", prefix)
    assert result.returncode == 0, result.stderr
    samples = {s["sample"]: s for s in json.loads(prefix.with_suffix(".json").read_text())["samples"]}
    return samples, html.unescape(prefix.with_suffix(".html").read_text())


def test_drugs_with_the_same_call_and_sources_share_one_neither_sentence(tmp_path):
    """M3 (F1174L, VAF 30%), no treatment history: F1174L is sensitive to alectinib and to lorlatinib from the same
    source (LIN17T2), and P-gp overexpression did not confer resistance to either (KAT16; SEED). The note said the
    whole sentence twice, once per drug; it now says it once for both."""
    header = "sample\talk_status\tprogressed_on\tabcb1_ihc\n"
    samples, _ = _samples(tmp_path, [DATA / "review19" / "muts.vcf"], header + "M3\tpositive:IHC\t\t\n")
    note = samples["M3"]["pgp"]["note"]
    said = (
        "After a progression on alectinib or lorlatinib, neither F1174L nor P-gp overexpression is expected to "
        "explain it: P-gp overexpression did not confer resistance to alectinib or lorlatinib in cell models (preclinical "
        "evidence) [KAT16, PMID 26870817; SEED, press release on KAT16]; F1174L is sensitive to alectinib and "
        "lorlatinib in the knowledge base (reviews only) [LIN17T2]. P-gp facts:"
    )
    assert said in note
    assert note.count("neither F1174L") == 1
    # the P-gp facts refer to that finding in cells, not say it again (clin52d)
    assert "[KAT16; SEED]; alectinib and lorlatinib: see the finding in cell models above; brigatinib:" in note
    assert note.count("did not confer resistance to alectinib") == 1
    # the calls are the drug table's: both sensitive, from LIN17T2 alone
    for drug in ("alectinib", "lorlatinib"):
        call = samples["M3"]["inhibitors"][drug]
        assert (call["category"], call["basis"]) == ("sensitive", "F1174L")


def test_drugs_whose_call_sources_differ_share_one_sentence_each_call_cited_apart(tmp_path):
    """R4_C1156Y with no treatment history: C1156Y is sensitive to alectinib [LIN17T2] and to lorlatinib [LIN17T2;
    EID842]. One sentence citing both for both would cite a source for a call it does not support, so until stop 53
    each drug kept its own, the same sentence twice but for the drug's name and the call's sources; the drugs now
    share one, each call with its own sources and the table's mark (clinical read of stop 53, clin53)."""
    folder = DATA / "resensitisation"
    header = "sample\talk_status\tprogressed_on\tabcb1_ihc\n"
    samples, _ = _samples(tmp_path, [folder / "resens_grch38.vcf"], header + "R4_C1156Y\tpositive:IHC\t\t\n")
    note = samples["R4_C1156Y"]["pgp"]["note"]
    assert (
        "After a progression on alectinib or lorlatinib, neither C1156Y nor P-gp overexpression is expected to "
        "explain it: P-gp overexpression did not confer resistance to alectinib or lorlatinib in cell models (preclinical "
        "evidence) [KAT16, PMID 26870817; SEED, press release on KAT16]; C1156Y is sensitive to alectinib "
        "(reviews only) [LIN17T2] and to lorlatinib [LIN17T2; EID842(PMID:26698910)] in the knowledge base. P-gp facts:"
    ) in note
    assert note.count("neither C1156Y") == 1
    assert "alectinib and lorlatinib: see the finding in cell models above" in note


def test_with_no_history_the_facts_refer_to_the_unlikely_and_neither_sentences(tmp_path):
    """tests/data/scenarios S13_T (G1202R, no history): alectinib's 'P-gp is an unlikely explanation' and
    lorlatinib's 'neither G1202R nor P-gp overexpression' sentences give KAT16's finding in cells for both; the P-gp
    facts said it a third time and now refer to them."""
    folder = DATA / "scenarios"
    vcf = folder / "GRCh38" / "S13.vcf"
    sheet = (folder / "samples.tsv").read_text()
    samples, _ = _samples(tmp_path, [vcf, "--sv", vcf.with_suffix(".sv.vcf")], sheet)
    note = samples["S13_T"]["pgp"]["note"]
    assert "After a progression on alectinib, P-gp is an unlikely explanation: P-gp overexpression did not" in note
    assert "After a progression on lorlatinib, neither G1202R nor P-gp overexpression is expected" in note
    assert "[KAT16; SEED]; alectinib and lorlatinib: see the finding in cell models above; brigatinib:" in note
    assert "it did not confer resistance to alectinib or lorlatinib" not in note


def _example(tmp_path: Path) -> tuple[dict[str, dict], str]:
    build = EXAMPLE / "GRCh38"
    args = [build / "tumor_normal.vcf", "--sv", build / "sv.vcf", "--fusions", f"P5_T={build / 'fusions.tsv'}"]
    return _samples(tmp_path, args, (EXAMPLE / "samples.tsv").read_text())


def test_a_low_yield_note_gives_the_drugs_finding_in_cells_once(tmp_path):
    """P5_T (progressed on alectinib) and P3_T (last on lorlatinib): the low-yield reason gives the drug's finding in
    cells [KAT16; SEED]; the P-gp facts said it again ('it did not confer resistance to alectinib or lorlatinib in
    cell models'). They now refer to the reason for that drug and keep the other drug's claim."""
    samples, _ = _example(tmp_path)
    for sample, latest, other in (("P5_T", "alectinib", "lorlatinib"), ("P3_T", "lorlatinib", "alectinib")):
        pgp = samples[sample]["pgp"]
        assert samples[sample]["pgp_check"] == "low_yield"
        assert (
            f"P-gp overexpression did not confer resistance to {latest} in cell models [KAT16, PMID 26870817"
            in (pgp["parts"][0]["text"])
        )
        (facts,) = [p["text"] for p in pgp["parts"] if p["kind"] == "pgp_facts"]
        assert (
            f"; it did not confer resistance to {other} in cell models [KAT16; SEED]; {latest}: see the finding in "
            "cell models above;"
        ) in facts
        assert pgp["note"].count(f"did not confer resistance to {latest}") == 1
        assert {"KAT16", "SEED"} <= set(pgp["sources"])


def test_the_card_says_how_often_without_the_labels_words_again(tmp_path):
    """P4_T (recommended after ceritinib): the card read 'How often P-gp overexpression is found: P-gp overexpression
    was found in 3 of 11 ...'; it now gives the count under the label. The JSON (and TSV) keep the note's words."""
    samples, page = _example(tmp_path)
    text = re.sub(r"<[^>]+>", " ", page)
    text = re.sub(r"\s+", " ", text)
    assert (
        "How often P-gp overexpression is found: 3 of 11 crizotinib- or ceritinib-resistant ALK-positive tumours "
        "[KAT16; SEED]."
    ) in text
    assert "is found: P-gp overexpression was found" not in text
    (frequency,) = [p["text"] for p in samples["P4_T"]["pgp"]["parts"] if p["kind"] == "frequency"]
    assert frequency.startswith("P-gp overexpression was found in 3 of 11 crizotinib- or ceritinib-resistant")
