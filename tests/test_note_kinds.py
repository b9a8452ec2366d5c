"""What each of a sample's notes is about (the JSON's `note_kinds`, schema 2.28, parallel to `notes`; made where the
note is written, alkannot/note_identity.py) decides which notes the HTML card leaves out because it says them just
above (report/card_notes.py), not the notes' wording: before stop 51 the card matched the notes' text with regexes,
and a reworded note would have brought back the repetitions of P3_T (the compound with no lorlatinib call, said in
the P-gp note), P6_T (the SV-only negative fusion, said in the fusion line) and EGFR_bri/KRAS_cri (DOE12's cases, said
in the off-target findings). Real runs: README's example cohort and tests/data/offtarget_context."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from helpers import annotated_report, readme_example, readme_reports, run

from alkannot.note_identity import (
    COUNTED_AT_ANY_VAF,
    FUSION_NOT_ASSESSED,
    NO_CALL,
    NOTE_KINDS,
    OFF_TARGET_CONTEXT,
    SENSITIVE_TO_LATEST,
    SV_ONLY_NEGATIVE_FUSION,
)
from alkannot.report import html
from alkannot.report.card_notes import card_notes
from alkannot.report.json_report import schema
from alkannot.report.mechanism_words import counted_at_any_vaf, mechanism_qualified
from alkannot.report.view import fusion_words
from alkannot.sample_negative_notes import SV_ONLY_NEGATIVE

OFFTARGET = Path(__file__).parent / "data" / "offtarget_context"


@pytest.fixture(scope="module")
def readme(tmp_path_factory):
    return readme_reports(tmp_path_factory.mktemp("note_kinds") / "r")


@pytest.fixture(scope="module")
def offtarget(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("note_kinds_offtarget") / "r"
    return annotated_report(OFFTARGET / "bypass_grch38.vcf", OFFTARGET / "samples.tsv", prefix)


def _kind(s: dict, kind: str) -> int:
    (index,) = [i for i, k in enumerate(s["note_kinds"]) if k["kind"] == kind]
    return index


def test_each_note_has_its_kind_in_the_json_and_the_notes_stay_strings(readme):
    samples, _, page, doc = readme
    jsonschema.validate(doc, schema())
    assert doc["schema_version"] == "2.31"
    for s in samples.values():
        assert all(isinstance(n, str) for n in s["notes"])
        assert len(s["note_kinds"]) == len(s["notes"]) and {k["kind"] for k in s["note_kinds"]} <= set(NOTE_KINDS)
    p3 = samples["P3_T"]
    no_call = p3["note_kinds"][_kind(p3, NO_CALL)]
    assert no_call == {"kind": NO_CALL, "change": "L1196M+G1202R (cis)", "drug": "lorlatinib", "said_in_pgp_note": True}
    assert p3["notes"][_kind(p3, NO_CALL)].startswith("L1196M+G1202R (cis) is present")
    assert p3["notes"][_kind(p3, NO_CALL)] not in card_notes(p3)  # the P-gp note, printed above, says it
    assert samples["P6_T"]["note_kinds"][_kind(samples["P6_T"], SV_ONLY_NEGATIVE_FUSION)] == {
        "kind": SV_ONLY_NEGATIVE_FUSION
    }
    assert html.render(doc) == page  # a page laid out again from the saved JSON is the run's


def test_a_reworded_note_is_still_left_out_where_the_card_says_it(readme):
    """The card reads what a note is about, so a new wording of the note keeps the card's de-duplication."""
    samples = readme[0]
    p3 = copy.deepcopy(samples["P3_T"])
    index = _kind(p3, NO_CALL)
    kept = [n for i, n in enumerate(p3["notes"]) if i != index]
    p3["notes"][index] = "Reworded: no lorlatinib call for L1196M+G1202R (cis) in the knowledge base."
    assert card_notes(p3) == card_notes(samples["P3_T"]) == kept
    # the wording alone decides nothing: the note as written, of another kind, is printed
    p3["notes"][index] = samples["P3_T"]["notes"][index]
    p3["note_kinds"][index] = {"kind": "other"}
    assert p3["notes"][index] in card_notes(p3)

    p6 = copy.deepcopy(samples["P6_T"])
    index = _kind(p6, SV_ONLY_NEGATIVE_FUSION)
    assert fusion_words(p6) == f"negative ({SV_ONLY_NEGATIVE})"
    p6["notes"][index] = "Reworded: ask for IHC, FISH or RNA."
    assert fusion_words(p6) == f"negative ({SV_ONLY_NEGATIVE})"
    assert card_notes(p6)[index] == "To confirm the fusion status: Reworded: ask for IHC, FISH or RNA."


def test_the_clause_at_progression_is_cut_by_its_kind_whatever_its_words(offtarget):
    doc, _ = offtarget
    for name, gene in (("EGFR_bri", "EGFR"), ("KRAS_cri", "KRAS")):
        (s,) = [s for s in doc["samples"] if s["sample"] == name]
        index = _kind(s, OFF_TARGET_CONTEXT)
        kind, note = s["note_kinds"][index], s["notes"][index]
        assert kind["gene"] == gene and kind["at_progression"]["sources"] == ["DOE12"]
        assert kind["at_progression"]["text"] in note  # the JSON's note keeps it: each column stands alone
        assert card_notes(s)[index] == note.replace(kind["at_progression"]["text"], "")
        reworded = copy.deepcopy(s)
        reworded["notes"][index] = f"{gene} found [GAI13]; in a series at progression, cases [DOE12]."
        reworded["note_kinds"][index]["at_progression"]["text"] = "; in a series at progression, cases [DOE12]"
        assert card_notes(reworded)[index] == f"{gene} found [GAI13]."
        # without the finding on DOE12 above it, the card keeps the clause
        reworded["off_target"] = [{**o, "sources": [k for k in o["sources"] if k != "DOE12"]} for o in s["off_target"]]
        assert card_notes(reworded)[index] == reworded["notes"][index]


def test_a_json_before_note_kinds_is_laid_out_with_every_note_whole(readme):
    """A saved PREFIX.json of schema 2.27 or earlier has no `note_kinds`: its card prints every note as written."""
    p3 = {k: v for k, v in readme[0]["P3_T"].items() if k != "note_kinds"}
    assert card_notes(p3) == p3["notes"]
    # nor is a note lost where the kinds do not pair with the notes (a hand-edited document)
    assert card_notes({**p3, "note_kinds": readme[0]["P3_T"]["note_kinds"][:1]}) == p3["notes"]


def test_a_recorded_fusion_status_replaces_the_not_assessed_note_by_its_kind(tmp_path):
    """`alkannot report` on README's annotated output with its sheet, without --sv/--fusions: a sample's fusion status
    is the one the annotate run recorded, and the 'Fusion not assessed' note (kind fusion_not_assessed) is left out
    for it (verdicts._with_recorded_fusion); P7_T, with no status recorded, keeps it."""
    assert readme_example(tmp_path / "a").returncode == 0
    sheet = Path(__file__).resolve().parent.parent / "example_vcfs" / "samples.tsv"
    result = run("report", tmp_path / "a.vcf.gz", "--samples", sheet, "--out", tmp_path / "r", text=True)
    assert result.returncode == 0, result.stderr
    doc = json.loads((tmp_path / "r.json").read_text())
    recorded = [s for s in doc["samples"] if any(n.startswith("Fusion status ") for n in s["notes"])]
    assert recorded and all(
        FUSION_NOT_ASSESSED not in [k["kind"] for k in s["note_kinds"]] and len(s["note_kinds"]) == len(s["notes"])
        for s in recorded
    )
    kept = {
        s["sample"]: [n for n, k in zip(s["notes"], s["note_kinds"]) if k["kind"] == FUSION_NOT_ASSESSED]
        for s in doc["samples"]
    }
    assert {name for name, said in kept.items() if said} == {"P7_T"}  # no status recorded: the note stays
    assert kept["P7_T"][0].startswith("Fusion not assessed")


@pytest.fixture(scope="module")
def no_min_vaf(tmp_path_factory):
    """README's example run without --min-vaf: P1_T, P2_T and P7_T are counted at any allele fraction."""
    folder = Path(__file__).resolve().parent.parent / "example_vcfs"
    prefix = tmp_path_factory.mktemp("note_kinds_any_vaf") / "r"
    result = run(
        "annotate", folder / "GRCh38" / "tumor_normal.vcf", "--sv", folder / "GRCh38" / "sv.vcf",
        "--fusions", f"P5_T={folder / 'GRCh38' / 'fusions.tsv'}", "--samples", folder / "samples.tsv",
        "--report", prefix, "-o", f"{prefix}.vcf.gz", text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(prefix.with_suffix(".json").read_text())


def test_if_clonal_is_said_by_the_no_min_vaf_notes_kind(no_min_vaf):
    """'on_target if clonal' rests on the kind of the note saying no --min-vaf was given (made in
    sample_notes.min_vaf_notes), not on its opening words: a reworded note keeps it; the note's words under another
    kind give nothing."""
    samples = {s["sample"]: s for s in no_min_vaf["samples"]}
    counted = {n for n, s in samples.items() if COUNTED_AT_ANY_VAF in [k["kind"] for k in s["note_kinds"]]}
    assert counted == {"P1_T", "P2_T", "P7_T"}
    for name in counted:
        s = copy.deepcopy(samples[name])
        assert counted_at_any_vaf(s) and mechanism_qualified(s).startswith("on_target if clonal (")
        index = _kind(s, COUNTED_AT_ANY_VAF)
        s["notes"][index] = "Reworded: every variant was counted at its allele fraction, whatever it is."
        assert mechanism_qualified(s) == mechanism_qualified(samples[name])
        s["notes"][index] = samples[name]["notes"][index]
        s["note_kinds"][index] = {"kind": "other"}
        if any(k["kind"] != "other" for k in s["note_kinds"]):  # a document that gives kinds: by kind alone
            assert not counted_at_any_vaf(s)
    # the P-gp note says the cut-off once: the sample's note says it (pgp.cut_off_said_once, by the note's kind)
    assert "no clonality cut-off (--min-vaf) was set for this run" not in samples["P7_T"]["pgp"]["note"]


def test_a_json_before_note_kinds_says_if_clonal_by_the_notes_words(no_min_vaf):
    """A saved PREFIX.json of schema 2.27 or earlier (no `note_kinds`), or one whose kinds are all `other`: the
    note saying no --min-vaf was given is known by its opening words, the documented fallback, so the old document's
    TSV column, MultiQC cell and card heading say 'if clonal' as before; the page laid out from it is the run's."""
    old = copy.deepcopy(no_min_vaf)
    for s in old["samples"]:
        del s["note_kinds"]
    samples = {s["sample"]: s for s in old["samples"]}
    assert {n for n, s in samples.items() if counted_at_any_vaf(s)} == {"P1_T", "P2_T", "P7_T"}
    all_other = {**samples["P7_T"], "note_kinds": [{"kind": "other"} for _ in samples["P7_T"]["notes"]]}
    assert counted_at_any_vaf(all_other)
    assert html.render(old).count("if clonal") == html.render(no_min_vaf).count("if clonal") > 0


def test_the_no_call_note_is_left_out_by_the_pair_the_lead_names(tmp_path):
    """The P-gp note's lead records the (change, drug) pairs it names with no call (PgpAssessment.lead_named);
    the card leaves the NO_CALL note on such a pair out by that fact, also where the lead goes on after the clause
    (T3's L1240S, a change of unknown significance; R5's C1156Y in trans, sensitive), which the text match of stop 51 missed,
    printing the clause twice."""
    data = Path(__file__).parent / "data"
    three, _ = annotated_report(
        data / "compound_three" / "three_part_cis_grch38.vcf", data / "compound_three" / "samples.tsv",
        tmp_path / "three", "--min-vaf", "0.05",
    )  # fmt: skip
    resens, _ = annotated_report(
        data / "resensitisation" / "resens_grch38.vcf", data / "resensitisation" / "samples.tsv", tmp_path / "rs"
    )
    for doc, name, change, after in (
        (three, "T3", "L1196M+G1202R (cis)", "; L1240S (VAF 2.0%)"),
        (resens, "R5_C1156Y_L1198F_trans", "L1198F", " (C1156Y (VAF 30.0%)"),
    ):
        (s,) = [s for s in doc["samples"] if s["sample"] == name]
        index = _kind(s, NO_CALL)
        assert s["note_kinds"][index] == {
            "kind": NO_CALL, "change": change, "drug": "lorlatinib", "said_in_pgp_note": True
        }  # fmt: skip
        assert f"{change}, which has no genotype-based lorlatinib call in the knowledge base" in s["pgp"]["note"]
        assert after in s["pgp"]["note"]  # the lead goes on after the clause
        assert s["notes"][index] not in card_notes(s)
        # a reworded P-gp note decides nothing: the fact is in the document's note_kinds
        reworded = {**s, "pgp": {**s["pgp"], "note": "Low yield: reworded."}}
        assert card_notes(reworded) == card_notes(s)


def test_every_note_kind_is_described_in_readme_and_schema():
    """Each kind a note can have is named in README's `note_kinds` paragraph and in the schema's description (rev51:
    README left out `counted_at_any_vaf`, which the schema and the TSV's `mechanism_qualified` use)."""
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    paragraph = readme[readme.index("Each sample's `note_kinds`") :].split("\n\n", 1)[0]
    description = json.dumps(schema())
    for kind in NOTE_KINDS:
        assert f"`{kind}`" in paragraph, kind
        assert f"`{kind}`" in description, kind


def test_a_sensitive_change_note_the_lead_says_whole_is_left_out_of_the_card(tmp_path):
    """LV6 (C1156Y 30% with L1198F 2%, after lorlatinib): the P-gp note's lead names C1156Y as sensitive to lorlatinib
    with L1198F's partner clause, and the sample's note on C1156Y says the same; the card printed the clause twice
    (rev51, finding 1). The note is SENSITIVE_TO_LATEST with the pair the lead records (PgpAssessment.lead_named):
    the card leaves it out, the TSV and JSON keep it."""
    data = Path(__file__).parent / "data" / "compound"
    doc, _ = annotated_report(
        data / "subclonal_partner_grch38.vcf", data / "subclonal_partner_samples.tsv", tmp_path / "lv", "--min-vaf",
        "0.05",
    )  # fmt: skip
    (lv6,) = [s for s in doc["samples"] if s["sample"] == "LV6"]
    index = _kind(lv6, SENSITIVE_TO_LATEST)
    assert lv6["note_kinds"][index] == {
        "kind": SENSITIVE_TO_LATEST, "change": "C1156Y", "drug": "lorlatinib", "said_in_pgp_note": True
    }  # fmt: skip
    clause = "may be C1156Y's partner in a minor subclone: the compound C1156Y+L1198F is resistant to lorlatinib"
    assert clause in lv6["notes"][index] and clause in lv6["pgp"]["note"]
    assert lv6["notes"][index] not in card_notes(lv6)
    assert html.render(doc).count(clause.replace("'", "&#39;")) == 1
    # where a change sensitive to the drug is not named by a lead (the progression explained by another change),
    # its note stays on the card
    for s in doc["samples"]:
        for n, k in zip(s["notes"], s["note_kinds"]):
            if k["kind"] == SENSITIVE_TO_LATEST and not k["said_in_pgp_note"]:
                assert n in card_notes(s)
